//! The workbench driven like a user: pointer, keys and clicks on the real app, asserting on the
//! model. Runs headless (no display, no native dialogs).
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;

use chrono::Utc;
use common::harness;
use egui::{Event, Key, Modifiers, PointerButton, Pos2, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use stance::app::{StanceApp, sample_project};
use stance::bench::probe::article_char_rect;
use stance::model::{AnnotationId, Edit, Project, Span};
use stance::ui::file_dialog::ScriptedDialogs;
use stance::ui::sidebar::row_label;

/// The screen centre of a char of the current document, as painted.
fn char_center(harness: &Harness<'static, StanceApp>, offset_chars: usize) -> Pos2 {
    article_char_rect(harness.state(), offset_chars)
        .unwrap_or_else(|| panic!("char {offset_chars} is not on screen"))
        .center()
}

fn press(harness: &Harness<'static, StanceApp>, pos: Pos2, pressed: bool) {
    harness.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
}

/// Drags the pointer from the middle of the phrase's first char to the middle of its last.
fn drag_select(harness: &mut Harness<'static, StanceApp>, phrase: &str) -> Span {
    let span = {
        let project = harness.state().project();
        project.documents()[0].find(phrase, 0).unwrap()
    };
    let from = char_center(harness, span.start);
    let to = char_center(harness, span.end - 1);
    harness.hover_at(from);
    harness.run();
    press(harness, from, true);
    harness.run();
    for step in 1..=4 {
        harness.hover_at(from + (to - from) * (step as f32 / 4.0));
        harness.run();
    }
    press(harness, to, false);
    harness.run();
    span
}

#[test]
fn drag_selecting_a_phrase_and_pressing_2_makes_a_position_with_that_quote() {
    let mut harness = harness(StanceApp::with_project(sample_project()));
    let phrase = "urging Russia to commit to peace";
    let span = drag_select(&mut harness, phrase);
    assert_eq!(harness.state().text_selection(), Some(span));

    harness.key_press(Key::Num2);
    harness.run();

    let app = harness.state();
    assert_eq!(app.project().annotations().len(), 1);
    let a = &app.project().annotations()[0];
    assert_eq!(a.tag, "position");
    assert_eq!(a.quote, phrase);
    assert_eq!(a.ranges, vec![span]);
    // The new annotation is the selected one, and the text selection is gone.
    assert_eq!(app.selected_annotation(), Some(a.id));
    assert_eq!(app.text_selection(), None);
    let label = row_label(app.project(), a);
    assert_eq!(label, format!("Position: {phrase}"));
    harness.get_by_label(&label);
    harness.get_by_label("Selected annotation");
}

#[test]
fn tagging_after_the_en_dash_keeps_char_offsets() {
    let mut harness = harness(StanceApp::with_project(sample_project()));
    let phrase = "Ukraine economic initiatives";
    let span = drag_select(&mut harness, phrase);
    harness.key_press(Key::Num1);
    harness.run();
    let project = harness.state().project();
    let a = &project.annotations()[0];
    assert_eq!((a.tag.as_str(), a.quote.as_str()), ("claim", phrase));
    // Offsets count chars: the en dash before "Ukraine" is one char but three bytes.
    let text = &project.documents()[0].text;
    let byte_start = text.find("Ukraine economic").unwrap();
    assert_eq!(a.ranges[0].start, text[..byte_start].chars().count());
    assert_eq!(a.ranges, vec![span]);
}

#[test]
fn typing_a_note_is_one_undo_step() {
    let (project, ids) = annotated_sample();
    let mut harness = harness(StanceApp::with_project(project));
    click_row(&mut harness, ids[0]);
    harness.key_press(Key::Enter);
    harness.run();
    for word in ["Said ", "in ", "Moscow"] {
        harness.event(Event::Text(word.to_owned()));
        harness.run();
    }
    let note = |h: &Harness<'static, StanceApp>| {
        h.state()
            .project()
            .annotation(ids[0])
            .unwrap()
            .note_text()
            .to_owned()
    };
    assert_eq!(note(&harness), "Said in Moscow");
    // Ctrl+Z while typing undoes the model's step (the whole burst), not single letters.
    harness.key_press_modifiers(ctrl(), Key::Z);
    harness.run();
    assert_eq!(note(&harness), "");
    assert!(!harness.state().history().can_undo());
}

/// The sample project with annotations on three phrases of the reference article.
fn annotated_sample() -> (Project, Vec<AnnotationId>) {
    let mut project = sample_project();
    let doc = project.documents()[0].id;
    let mut ids = Vec::new();
    for (phrase, tag) in [
        ("Vladimir Putin", "claim"),
        ("Ukraine", "position"),
        ("Kremlin", "concession"),
    ] {
        let span = project.documents()[0].find(phrase, 0).unwrap();
        let a = project
            .new_annotation(doc, tag, vec![span], Utc::now())
            .unwrap();
        ids.push(a.id);
        project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    }
    (project, ids)
}

fn ctrl() -> Modifiers {
    Modifiers::COMMAND
}

fn ctrl_shift() -> Modifiers {
    Modifiers::COMMAND | Modifiers::SHIFT
}

fn click_row(harness: &mut Harness<'static, StanceApp>, id: AnnotationId) {
    let label = {
        let project = harness.state().project();
        row_label(project, project.annotation(id).unwrap())
    };
    harness.get_by_label(&label).click();
    harness.run();
}

#[test]
fn clicking_a_sidebar_row_selects_that_annotation() {
    let (project, ids) = annotated_sample();
    let mut harness = harness(StanceApp::with_project(project));
    assert_eq!(harness.state().selected_annotation(), None);
    click_row(&mut harness, ids[1]);
    assert_eq!(harness.state().selected_annotation(), Some(ids[1]));
    // The detail editor now shows the selected annotation.
    harness.get_by_label("Selected annotation");
    click_row(&mut harness, ids[2]);
    assert_eq!(harness.state().selected_annotation(), Some(ids[2]));
}

#[test]
fn delete_then_undo_restores_and_redo_deletes_again() {
    let (project, ids) = annotated_sample();
    let original = project.annotation(ids[0]).unwrap().clone();
    let mut harness = harness(StanceApp::with_project(project));
    click_row(&mut harness, ids[0]);

    harness.key_press(Key::Delete);
    harness.run();
    assert!(harness.state().project().annotation(ids[0]).is_none());
    assert_eq!(harness.state().project().annotations().len(), 2);

    harness.key_press_modifiers(ctrl(), Key::Z);
    harness.run();
    assert_eq!(
        harness.state().project().annotation(ids[0]),
        Some(&original)
    );

    harness.key_press_modifiers(ctrl_shift(), Key::Z);
    harness.run();
    assert!(harness.state().project().annotation(ids[0]).is_none());

    // Ctrl+Y is the other redo shortcut.
    harness.key_press_modifiers(ctrl(), Key::Z);
    harness.run();
    harness.key_press_modifiers(ctrl(), Key::Y);
    harness.run();
    assert!(harness.state().project().annotation(ids[0]).is_none());
}

#[test]
fn arrow_keys_move_between_annotations_and_escape_clears() {
    let (project, _) = annotated_sample();
    // The list runs in text order, which is the project's canonical order.
    let in_text_order: Vec<AnnotationId> = project.annotations().iter().map(|a| a.id).collect();
    let mut harness = harness(StanceApp::with_project(project));
    harness.key_press(Key::ArrowDown);
    harness.run();
    assert_eq!(
        harness.state().selected_annotation(),
        Some(in_text_order[0])
    );
    harness.key_press(Key::J);
    harness.run();
    assert_eq!(
        harness.state().selected_annotation(),
        Some(in_text_order[1])
    );
    harness.key_press(Key::ArrowDown);
    harness.run();
    harness.key_press(Key::ArrowDown);
    harness.run();
    // The last row stays selected at the end of the list.
    assert_eq!(
        harness.state().selected_annotation(),
        Some(in_text_order[2])
    );
    harness.key_press(Key::K);
    harness.run();
    assert_eq!(
        harness.state().selected_annotation(),
        Some(in_text_order[1])
    );
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.state().selected_annotation(), None);
}

#[test]
fn save_command_writes_a_project_that_reloads_equal() {
    let (project, ids) = annotated_sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.ron");
    let script = ScriptedDialogs::new();
    let app = StanceApp::new(project, None, Box::new(script.clone()));
    let mut harness = harness(app);

    // Give one annotation a holder and a note through the UI's own code path first.
    click_row(&mut harness, ids[0]);
    harness.state_mut().queue(stance::ui::Action::NewHolder(
        ids[0],
        "Vladimir Putin".to_owned(),
    ));
    harness.state_mut().queue(stance::ui::Action::SetNote(
        ids[0],
        "Said in Moscow".to_owned(),
    ));
    harness.run();
    assert!(harness.state().history().is_dirty());
    assert!(harness.state().title().ends_with('•'));

    script.answer(&path);
    harness.key_press_modifiers(ctrl(), Key::S);
    harness.run();
    harness.run();

    assert_eq!(harness.state().path(), Some(path.as_path()));
    assert!(!harness.state().history().is_dirty());
    assert!(!harness.state().title().ends_with('•'));
    let reloaded = stance::io::load_project(&path).unwrap();
    assert!(reloaded.problems.is_empty(), "{:?}", reloaded.problems);
    assert_eq!(&reloaded.project, harness.state().project());
    let a = reloaded.project.annotation(ids[0]).unwrap();
    assert_eq!(reloaded.project.holder_name(a), "Vladimir Putin");
    assert_eq!(a.note_text(), "Said in Moscow");

    // Saving again goes to the same file without asking.
    let asked = script.requests().len();
    harness.key_press(Key::Delete);
    harness.run();
    harness.key_press_modifiers(ctrl(), Key::S);
    harness.run();
    assert_eq!(script.requests().len(), asked);
    let reloaded = stance::io::load_project(&path).unwrap();
    assert_eq!(&reloaded.project, harness.state().project());
}

#[test]
fn opening_a_bad_file_shows_an_error_naming_the_place_and_the_app_stays_alive() {
    let (project, _) = annotated_sample();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.ron");
    std::fs::write(
        &bad,
        "(\n  format: 1,\n  title: \"x\",\n  documents: [ oops ],\n)\n",
    )
    .unwrap();
    let script = ScriptedDialogs::new();
    let app = StanceApp::new(project.clone(), None, Box::new(script.clone()));
    let mut harness = harness(app);

    script.answer(&bad);
    harness.key_press_modifiers(ctrl(), Key::O);
    harness.run();
    harness.run();

    // The error dialog names the file, and the line and column.
    harness.get_by_label("Could not open broken.ron");
    let message = harness
        .get_by_label_contains("broken.ron:4:")
        .value()
        .unwrap_or_default();
    assert!(
        message.contains("broken.ron:4:"),
        "no line:column in {message}"
    );
    // The project that was open is still there, untouched.
    assert_eq!(harness.state().project(), &project);

    harness.get_by_label("OK").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Could not open broken.ron")
            .is_none()
    );
    // And the app still works.
    harness.key_press(Key::ArrowDown);
    harness.run();
    assert!(harness.state().selected_annotation().is_some());
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let (project, ids) = annotated_sample();
    let mut harness = harness(StanceApp::with_project(project));
    click_row(&mut harness, ids[0]);
    harness.key_press(Key::Delete);
    harness.run();
    assert!(harness.state().history().is_dirty());

    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
    let cancelled = harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(&egui::ViewportCommand::CancelClose));
    assert!(cancelled, "the window closed without asking");
    harness.run();
    harness.get_by_label_contains("Save them before quitting?");
    harness.get_by_label("Save changes?");
    harness.get_by_label("Discard");

    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Save changes?").is_none());
}

#[test]
fn f1_lists_every_shortcut_from_the_command_table() {
    let mut harness = harness(StanceApp::with_project(sample_project()));
    harness.key_press(Key::F1);
    harness.run();
    harness.get_by_label("Keyboard Shortcuts");
    for command in stance::ui::Command::ALL {
        if !command.shortcuts().is_empty() {
            harness.get_by_label(command.description());
        }
    }
    harness.get_by_label("Tag the selected text as Position");
}

#[test]
fn a_new_holder_is_named_in_the_editor_and_actors_merge_with_their_annotations() {
    let (project, ids) = annotated_sample();
    let mut harness = harness(StanceApp::with_project(project));
    click_row(&mut harness, ids[0]);

    // Holder ▸ New actor… ▸ type a name ▸ Enter.
    harness.get_by_label("Holder").click();
    harness.run();
    harness.get_by_label("New actor…").click();
    harness.run();
    harness.event(Event::Text("Vladimir Putin".to_owned()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let holder_of = |h: &Harness<'static, StanceApp>, id: AnnotationId| {
        let project = h.state().project();
        project
            .holder_name(project.annotation(id).unwrap())
            .to_owned()
    };
    assert_eq!(holder_of(&harness, ids[0]), "Vladimir Putin");

    // A second actor holds another annotation; merging moves it to the first.
    click_row(&mut harness, ids[1]);
    harness.get_by_label("Holder").click();
    harness.run();
    harness.get_by_label("New actor…").click();
    harness.run();
    harness.event(Event::Text("Putin".to_owned()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().project().actors().len(), 2);

    // The editor is taller than its panel: the Actors section is below, scrolled to.
    harness.get_by_label("Actors (2)").scroll_to_me();
    harness.run();
    harness.get_by_label("Actors (2)").click();
    harness.run();
    harness.get_by_label("Merge").scroll_to_me();
    harness.run();
    harness.get_by_label("Merge").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Putin").click();
    harness.run();
    harness.get_by_label("into").scroll_to_me();
    harness.run();
    harness.get_by_label("into").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Vladimir Putin")
        .click();
    harness.run();
    harness.get_by_label("Merge actors").scroll_to_me();
    harness.run();
    harness.get_by_label("Merge actors").click();
    harness.run();

    let project = harness.state().project();
    assert_eq!(project.actors().len(), 1);
    assert_eq!(project.actors()[0].aliases, vec!["Putin".to_owned()]);
    assert_eq!(holder_of(&harness, ids[1]), "Vladimir Putin");
    // One undo step brings both actors back.
    harness.key_press_modifiers(ctrl(), Key::Z);
    harness.run();
    assert_eq!(harness.state().project().actors().len(), 2);
    assert_eq!(holder_of(&harness, ids[1]), "Putin");
}

fn sent_command(harness: &Harness<'static, StanceApp>, command: &egui::ViewportCommand) -> bool {
    harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(command))
}

#[test]
fn quitting_with_unsaved_changes_can_save_first_then_closes() {
    let (project, ids) = annotated_sample();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("before-quit.ron");
    let script = ScriptedDialogs::new();
    let mut harness = harness(StanceApp::new(project, None, Box::new(script.clone())));
    click_row(&mut harness, ids[2]);
    harness.key_press(Key::Delete);
    harness.run();

    harness.key_press_modifiers(ctrl(), Key::Q);
    harness.run();
    harness.get_by_label_contains("Save them before quitting?");
    script.answer(&path);
    harness.get_by_label("Save").click();
    harness.step();
    harness.step();
    assert!(
        sent_command(&harness, &egui::ViewportCommand::Close),
        "the app did not close after saving"
    );
    let saved = stance::io::load_project(&path).unwrap();
    assert_eq!(&saved.project, harness.state().project());
    assert!(saved.project.annotation(ids[2]).is_none());
    assert_eq!(
        harness.state().preferences().recent_files.first(),
        Some(&path)
    );
}

#[test]
fn filters_narrow_the_list_and_zoom_keys_change_the_text_size() {
    let (project, ids) = annotated_sample();
    let mut harness = harness(StanceApp::with_project(project));
    let row = |h: &Harness<'static, StanceApp>, i: usize| {
        let project = h.state().project();
        row_label(project, project.annotation(ids[i]).unwrap())
    };
    let (claim_row, position_row) = (row(&harness, 0), row(&harness, 1));
    // The sidebar's tag chip hides claims.
    harness.get_by_role_and_label(Role::Button, "Claim").click();
    harness.run();
    assert!(harness.query_by_label(&claim_row).is_none());
    harness.get_by_label(&position_row);
    harness.get_by_label("2 of 3");

    // Ctrl+F focuses the search; typing narrows further.
    harness.key_press_modifiers(ctrl(), Key::F);
    harness.run();
    harness.event(Event::Text("Kreml".to_owned()));
    harness.run();
    assert!(harness.query_by_label(&position_row).is_none());
    harness.get_by_label("1 of 3");

    let zoom = harness.state().preferences().zoom;
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press_modifiers(ctrl(), Key::Equals);
    harness.run();
    assert!(harness.state().preferences().zoom > zoom);
    harness.key_press_modifiers(ctrl(), Key::Num0);
    harness.run();
    assert!((harness.state().preferences().zoom - 1.0).abs() < f32::EPSILON);
}

#[test]
fn view_menu_and_shortcuts_set_theme_and_panels() {
    let mut harness = harness(StanceApp::with_project(sample_project()));
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Theme").click();
    harness.run();
    harness.get_by_label("Light").click();
    harness.run();
    let prefs = harness.state().preferences();
    assert_eq!(prefs.theme, stance::app::prefs::Theme::Light);
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);

    // Ctrl+B hides the sidebar and its annotation list.
    harness.get_by_label("Annotations");
    harness.key_press_modifiers(ctrl(), Key::B);
    harness.run();
    assert!(!harness.state().preferences().show_sidebar);
    assert!(harness.query_by_label("Annotations").is_none());
    // With one document there is no list to toggle: Ctrl+L leaves the preference alone.
    harness.key_press_modifiers(ctrl(), Key::L);
    harness.run();
    assert!(harness.state().preferences().show_document_list);
}

/// The View menu's Document List item: (enabled, ticked).
fn document_list_item(harness: &mut Harness<'static, StanceApp>) -> (bool, bool) {
    harness.get_by_label("View").click();
    harness.run();
    let item = harness
        .get_by_label("Document List Ctrl+L")
        .accesskit_node();
    let state = (
        !item.is_disabled(),
        item.toggled() == Some(egui::accesskit::Toggled::True),
    );
    harness.key_press(Key::Escape);
    harness.run();
    state
}

#[test]
fn the_document_list_item_is_ticked_only_while_the_list_shows() {
    let mut harness = harness(StanceApp::with_project(sample_project()));
    assert!(harness.state().preferences().show_document_list);
    // One document: no list is drawn, so the item is neither enabled nor ticked.
    assert_eq!(document_list_item(&mut harness), (false, false));

    let mut project = sample_project();
    let other = stance::model::Document::new("Other", "Nothing was said here.".to_owned());
    project.apply(project.add_document(other)).unwrap();
    let mut harness = self::harness(StanceApp::with_project(project));
    assert_eq!(document_list_item(&mut harness), (true, true));
    harness.key_press_modifiers(ctrl(), Key::L);
    harness.run();
    assert_eq!(document_list_item(&mut harness), (true, false));
}
