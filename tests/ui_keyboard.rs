//! Working from the keyboard (issue 11): a caret in the article, Shift+arrows to select and a
//! tag key to tag; Alt(+Shift)+arrows to nudge the selected annotation; Enter/Down in the Find
//! box; undo of a delete selecting what came back; and Save refusing to overwrite a project
//! whose article text was changed outside Stance.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;

use chrono::Utc;
use common::{harness, shows};
use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stance::app::{StanceApp, sample_project};
use stance::bench::probe::{article_caret, article_caret_rect, article_char_rect};
use stance::model::{AnnotationId, Edit, Project, Span};
use stance::ui::file_dialog::ScriptedDialogs;

fn click_at(harness: &mut Harness<'static, StanceApp>, pos: Pos2) {
    harness.hover_at(pos);
    harness.run();
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.run();
    }
}

fn press(harness: &mut Harness<'static, StanceApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

fn find(project: &Project, phrase: &str) -> Span {
    project.documents()[0].find(phrase, 0).unwrap()
}

fn quote_of(harness: &Harness<'static, StanceApp>, id: AnnotationId) -> String {
    harness
        .state()
        .project()
        .annotation(id)
        .unwrap()
        .quote
        .clone()
}

/// The sample project with one annotation per phrase (tagged claim).
fn annotated(phrases: &[&str]) -> (Project, Vec<AnnotationId>) {
    let mut project = sample_project();
    let doc = project.documents()[0].id;
    let mut ids = Vec::new();
    for phrase in phrases {
        let span = find(&project, phrase);
        let a = project
            .new_annotation(doc, "claim", vec![span], Utc::now())
            .unwrap();
        ids.push(a.id);
        project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    }
    (project, ids)
}

#[test]
fn a_clicked_caret_shift_arrows_and_a_tag_key_make_one_annotation() {
    let project = sample_project();
    let phrase = find(&project, "urging Russia to commit to peace");
    let mut harness = harness(StanceApp::with_project(project));

    // Click just before "urging": the caret sits there, painted where the char starts.
    let rect = article_char_rect(harness.state(), phrase.start).unwrap();
    click_at(&mut harness, rect.left_center() + egui::vec2(1.0, 0.0));
    assert_eq!(article_caret(harness.state()), Some(phrase.start));
    assert_eq!(harness.state().text_selection(), None);
    let caret = article_caret_rect(harness.state()).expect("the caret is painted");
    assert!(
        (caret.center().x - rect.left()).abs() < 3.0 && rect.y_range().contains(caret.center().y),
        "caret {caret:?} is not at the start of {rect:?}"
    );

    // Shift+Right by a char, then Ctrl+Shift+Right by words up to "commit".
    press(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    assert_eq!(
        harness.state().text_selection(),
        Some(Span::new(phrase.start, phrase.start + 1))
    );
    let word = Modifiers::SHIFT | Modifiers::COMMAND;
    for _ in 0..4 {
        press(&mut harness, word, Key::ArrowRight);
    }
    let commit = phrase.start + "urging Russia to commit".chars().count();
    assert_eq!(
        harness.state().text_selection(),
        Some(Span::new(phrase.start, commit))
    );
    // Shift+Left takes one char back; Ctrl+Shift+Right goes to the word's end again.
    press(&mut harness, Modifiers::SHIFT, Key::ArrowLeft);
    press(&mut harness, word, Key::ArrowRight);
    assert_eq!(
        harness.state().text_selection(),
        Some(Span::new(phrase.start, commit))
    );

    assert!(!harness.state().history().can_undo());
    press(&mut harness, Modifiers::NONE, Key::Num2);
    harness.run();
    let project = harness.state().project();
    assert_eq!(project.annotations().len(), 1);
    let tagged = &project.annotations()[0];
    assert_eq!(tagged.tag, "position");
    assert_eq!(tagged.quote, "urging Russia to commit");
    assert_eq!(harness.state().selected_annotation(), Some(tagged.id));
    // The caret stays where the selection ended, ready for the next one.
    assert_eq!(article_caret(harness.state()), Some(commit));

    // One undo step.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(harness.state().project().annotations().is_empty());
    assert!(!harness.state().history().can_undo());
}

#[test]
fn plain_arrows_move_the_caret_and_shift_up_down_select_lines() {
    let project = sample_project();
    let at = find(&project, "Kremlin").start;
    let mut harness = harness(StanceApp::with_project(project));
    let rect = article_char_rect(harness.state(), at).unwrap();
    click_at(&mut harness, rect.left_center() + egui::vec2(1.0, 0.0));
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(article_caret(harness.state()), Some(at + 1));
    press(&mut harness, Modifiers::COMMAND, Key::ArrowLeft);
    assert_eq!(article_caret(harness.state()), Some(at));
    press(&mut harness, Modifiers::SHIFT, Key::ArrowDown);
    let selection = harness
        .state()
        .text_selection()
        .expect("a line is selected");
    assert_eq!(selection.start, at);
    assert!(selection.len() > 20, "{selection:?}");
    // Right on a selection goes to its end and drops it.
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(harness.state().text_selection(), None);
    assert_eq!(article_caret(harness.state()), Some(selection.end));
}

#[test]
fn alt_arrows_nudge_the_selected_annotation_one_undo_step_each() {
    let (project, ids) = annotated(&["Russia to commit"]);
    let id = ids[0];
    let mut harness = harness(StanceApp::with_project(project));
    press(&mut harness, Modifiers::NONE, Key::ArrowDown);
    assert_eq!(harness.state().selected_annotation(), Some(id));
    assert!(!harness.state().history().can_undo());

    press(&mut harness, Modifiers::ALT, Key::ArrowLeft);
    assert_eq!(quote_of(&harness, id), "urging Russia to commit");
    press(
        &mut harness,
        Modifiers::ALT | Modifiers::SHIFT,
        Key::ArrowRight,
    );
    assert_eq!(quote_of(&harness, id), "urging Russia to commit to");
    press(&mut harness, Modifiers::ALT, Key::ArrowRight);
    assert_eq!(quote_of(&harness, id), "Russia to commit to");
    press(
        &mut harness,
        Modifiers::ALT | Modifiers::SHIFT,
        Key::ArrowLeft,
    );
    assert_eq!(quote_of(&harness, id), "Russia to commit");
    // Nothing else moved: no text got selected, the annotation stays selected.
    assert_eq!(harness.state().text_selection(), None);
    assert_eq!(harness.state().selected_annotation(), Some(id));

    // One undo step per nudge.
    for quote in [
        "Russia to commit to",
        "urging Russia to commit to",
        "urging Russia to commit",
        "Russia to commit",
    ] {
        press(&mut harness, Modifiers::COMMAND, Key::Z);
        assert_eq!(quote_of(&harness, id), quote);
    }
    assert!(!harness.state().history().can_undo());

    // The Edit menu offers the same commands.
    harness.get_by_label("Edit").click();
    harness.run();
    harness
        .get_by_label("Start One Word Earlier Alt+Left")
        .click();
    harness.run();
    assert_eq!(quote_of(&harness, id), "urging Russia to commit");
}

#[test]
fn enter_or_down_in_the_find_box_goes_to_the_first_result() {
    let (project, ids) = annotated(&["Vladimir Putin", "Kremlin", "Abraham Accords"]);
    let abraham = ids[2];
    let start = project.annotation(abraham).unwrap().ranges[0].start;
    let mut harness = harness(StanceApp::with_project(project));
    // Far down the article: off screen until the result is chosen.
    assert!(article_char_rect(harness.state(), start).is_none());
    for key in [Key::Enter, Key::ArrowDown] {
        press(&mut harness, Modifiers::NONE, Key::Escape);
        press(&mut harness, Modifiers::COMMAND, Key::F);
        harness.run();
        // Select all of the box's text and type over it.
        press(&mut harness, Modifiers::COMMAND, Key::A);
        harness.event(Event::Text("abraham".to_owned()));
        harness.run();
        assert_eq!(harness.state().selected_annotation(), None);
        press(&mut harness, Modifiers::NONE, key);
        harness.run();
        assert_eq!(
            harness.state().selected_annotation(),
            Some(abraham),
            "{key:?} did not select the first result"
        );
        // The article scrolled to it.
        assert!(
            article_char_rect(harness.state(), start).is_some(),
            "{key:?}: the result is not on screen"
        );
        // The box let go of the keyboard: K moves within the (one-row) list.
        press(&mut harness, Modifiers::NONE, Key::K);
        assert_eq!(harness.state().selected_annotation(), Some(abraham));
        assert!(harness.query_all_by_value("abrahamk").next().is_none());
        // Back to the top for the next round.
        harness
            .state_mut()
            .queue(stance::ui::Action::SelectAnnotation {
                id: ids[0],
                scroll_article: true,
            });
        harness.run();
        assert!(article_char_rect(harness.state(), start).is_none());
    }
}

#[test]
fn undoing_a_delete_selects_the_restored_annotation() {
    let (project, _) = annotated(&["Vladimir Putin", "Kremlin", "Abraham Accords"]);
    // The list runs in text order, the project's canonical order.
    let ids: Vec<AnnotationId> = project.annotations().iter().map(|a| a.id).collect();
    let last = ids[2];
    let start = project.annotation(last).unwrap().ranges[0].start;
    let mut harness = harness(StanceApp::with_project(project));
    for _ in 0..3 {
        press(&mut harness, Modifiers::NONE, Key::J);
    }
    assert_eq!(harness.state().selected_annotation(), Some(last));
    press(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(harness.state().project().annotation(last).is_none());
    // Move away: back to the top of the article.
    press(&mut harness, Modifiers::NONE, Key::K);
    press(&mut harness, Modifiers::NONE, Key::K);
    assert_eq!(harness.state().selected_annotation(), Some(ids[0]));
    assert!(article_char_rect(harness.state(), start).is_none());

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().selected_annotation(), Some(last));
    assert!(article_char_rect(harness.state(), start).is_some());
}

#[test]
fn save_refuses_to_overwrite_a_project_whose_text_changed_outside() {
    let (mut project, _) = annotated(&["Kremlin"]);
    let text = project.documents()[0].text.clone();
    project.rebuild(|parts| {
        parts.documents[0].text = format!("Update: new details below.\n\n{text}");
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edited.ron");
    stance::io::save_project(&path, &project).unwrap();
    let on_disk = std::fs::read(&path).unwrap();

    let script = ScriptedDialogs::new();
    let app = StanceApp::new(sample_project(), None, Box::new(script.clone()));
    let mut harness = harness(app);
    script.answer(&path);
    press(&mut harness, Modifiers::COMMAND, Key::O);
    harness.run();
    assert!(shows(&harness, "This project needs repair"));
    harness.get_by_label("Close").click();
    harness.run();

    // Not "Saved": the status bar names the problems and where to repair them.
    harness.get_by_label_contains("— Project > Problems");
    assert!(harness.query_by_label("Saved").is_none());

    // An edit, then Ctrl+S: the file is left as it was, and the repair window opens.
    press(&mut harness, Modifiers::NONE, Key::J);
    press(&mut harness, Modifiers::NONE, Key::Num2);
    assert!(harness.state().history().is_dirty());
    press(&mut harness, Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(std::fs::read(&path).unwrap(), on_disk);
    assert!(harness.state().history().is_dirty());
    assert!(shows(&harness, "This project needs repair"));
    harness.get_by_label_contains("Not saved");

    // Once re-anchored, Save writes the file and the status bar says Saved.
    harness.get_by_label("Re-anchor").click();
    harness.run();
    harness.get_by_label("Close").click();
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::S);
    harness.run();
    assert_ne!(std::fs::read(&path).unwrap(), on_disk);
    assert!(!harness.state().history().is_dirty());
    harness.get_by_label("Saved");
    assert!(
        harness
            .query_by_label_contains("— Project > Problems")
            .is_none()
    );
    let reloaded = stance::io::load_project(&path).unwrap();
    assert!(reloaded.project.documents()[0].hash_matches());
}

#[test]
fn slash_finds_text_then_shift_arrows_extend_and_a_tag_key_tags() {
    let project = sample_project();
    let phrase = find(&project, "urging Russia to commit");
    let mut harness = harness(StanceApp::with_project(project));
    harness.key_press(Key::Slash);
    harness.event(Event::Text("/".to_owned()));
    harness.run();
    harness.event(Event::Text("URGING russia".to_owned()));
    harness.run();
    // The `/` that opened the bar is not in the query.
    assert!(harness.query_all_by_value("URGING russia").next().is_some());
    press(&mut harness, Modifiers::NONE, Key::Enter);
    harness.run();
    let found = Span::new(phrase.start, phrase.start + "urging Russia".chars().count());
    assert_eq!(harness.state().text_selection(), Some(found));
    assert!(article_char_rect(harness.state(), found.start).is_some());

    // The article has the keyboard: extend by two words and tag.
    let word = Modifiers::SHIFT | Modifiers::COMMAND;
    press(&mut harness, word, Key::ArrowRight);
    press(&mut harness, word, Key::ArrowRight);
    assert_eq!(harness.state().text_selection(), Some(phrase));
    press(&mut harness, Modifiers::NONE, Key::Num1);
    let project = harness.state().project();
    assert_eq!(project.annotations().len(), 1);
    assert_eq!(project.annotations()[0].quote, "urging Russia to commit");
    assert_eq!(project.annotations()[0].tag, "claim");

    // A query with no match says so and keeps the bar open; Esc closes it.
    harness.key_press(Key::Slash);
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::A);
    harness.event(Event::Text("no such words here".to_owned()));
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Enter);
    harness.get_by_label("No match");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.query_by_label("Find in text").is_none());
    assert_eq!(harness.state().project().annotations().len(), 1);
}
