//! Attribution suggestions in the workbench, driven like a user: Ctrl+G shows the ghosts,
//! Tab moves between them, a click focuses one, A accepts, X rejects (remembered in the
//! saved project), accept-all-high is one undo step, and an overlap fills in the existing
//! annotation. Asserts on the model.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;

use chrono::Utc;
use common::harness;
use egui::{Event, Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stance::app::{StanceApp, sample_project};
use stance::attribution::{SpeakerMatch, Suggestion, Tier};
use stance::bench::probe::{
    article_char_rect, focused_suggestion, is_analysing_suggestions, suggestions,
};
use stance::model::{Attribution, Edit, Project};
use stance::ui::Command;
use stance::ui::file_dialog::ScriptedDialogs;

/// Frames until the worker thread's analysis is in; bounded, but no timing is asserted.
fn wait_for_suggestions(harness: &mut Harness<'static, StanceApp>) {
    for _ in 0..3000 {
        if !is_analysing_suggestions(harness.state()) {
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    panic!("the suggestions were never found");
}

/// Ctrl+G, then the analysis.
fn show_suggestions(harness: &mut Harness<'static, StanceApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::G);
    harness.run();
    assert!(harness.state().preferences().show_suggestions);
    wait_for_suggestions(harness);
    assert!(
        !suggestions(harness.state()).is_empty(),
        "the sample article has suggestions"
    );
}

fn press(harness: &mut Harness<'static, StanceApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

/// Presses Tab until the focused suggestion is the `nth` of the list.
fn tab_to(harness: &mut Harness<'static, StanceApp>, nth: usize) -> Suggestion {
    for _ in 0..=nth {
        press(harness, Key::Tab);
    }
    let focused = focused_suggestion(harness.state()).cloned().unwrap();
    assert_eq!(focused, suggestions(harness.state())[nth]);
    focused
}

fn quote(project: &Project, s: &Suggestion) -> String {
    project.documents()[0].quote(&s.content).unwrap()
}

fn run_command(harness: &mut Harness<'static, StanceApp>, command: Command) {
    harness
        .state_mut()
        .queue(stance::ui::Action::Command(command));
    harness.run();
}

#[test]
fn ctrl_g_toggles_the_ghosts_and_tab_moves_between_suggestions() {
    let mut harness = harness(StanceApp::with_project(sample_project()));
    assert!(suggestions(harness.state()).is_empty(), "hidden at first");
    show_suggestions(&mut harness);
    let count = suggestions(harness.state()).len();
    let first = tab_to(&mut harness, 0);
    press(&mut harness, Key::Tab);
    let second = focused_suggestion(harness.state()).cloned().unwrap();
    assert_ne!(first, second);
    if count > 1 {
        assert_eq!(second, suggestions(harness.state())[1]);
    }
    // Shift+Tab goes back.
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    harness.run();
    assert_eq!(focused_suggestion(harness.state()), Some(&first));
    // Esc leaves the suggestion; Ctrl+G hides the ghosts.
    press(&mut harness, Key::Escape);
    assert_eq!(focused_suggestion(harness.state()), None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::G);
    harness.run();
    assert!(suggestions(harness.state()).is_empty());
    // A with nothing focused and the ghosts hidden does nothing.
    press(&mut harness, Key::A);
    assert!(harness.state().project().annotations().is_empty());
}

#[test]
fn clicking_a_ghost_focuses_its_suggestion() {
    let mut harness = harness(StanceApp::with_project(sample_project()));
    show_suggestions(&mut harness);
    // Brought into view by Tab, then left with Esc.
    let target = tab_to(&mut harness, 1);
    press(&mut harness, Key::Escape);
    assert_eq!(focused_suggestion(harness.state()), None);
    let middle = target.content[0].start + target.content[0].len() / 2;
    let pos = article_char_rect(harness.state(), middle).unwrap().center();
    harness.hover_at(pos);
    harness.run();
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    harness.run();
    assert_eq!(focused_suggestion(harness.state()), Some(&target));
}

#[test]
fn a_accepts_with_holder_and_attribution_in_one_undo_step_that_also_removes_the_new_actor() {
    let mut harness = harness(StanceApp::with_project(sample_project()));
    show_suggestions(&mut harness);
    let nth = (suggestions(harness.state()).iter())
        .position(|s| {
            matches!(
                s.speaker.as_ref().map(|sp| &sp.actor),
                Some(SpeakerMatch::Proposed { .. })
            )
        })
        .unwrap();
    let target = tab_to(&mut harness, nth);
    press(&mut harness, Key::A);

    let project = harness.state().project();
    assert_eq!(project.annotations().len(), 1);
    let a = &project.annotations()[0];
    assert_eq!(a.ranges, target.content);
    assert_eq!(a.tag, target.tag());
    assert_eq!(a.attribution, Some(target.attribution));
    assert_eq!(a.cue, target.cue);
    let Some(SpeakerMatch::Proposed { name }) = target.speaker.as_ref().map(|s| &s.actor) else {
        unreachable!()
    };
    assert_eq!(project.holders_label(a), name.as_str());
    assert_eq!(project.actors().len(), 1, "the speaker became an actor");
    // The accepted suggestion is no longer offered; the focus moved on.
    wait_for_suggestions(&mut harness);
    assert!(!suggestions(harness.state()).contains(&target));
    assert_ne!(focused_suggestion(harness.state()), Some(&target));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let project = harness.state().project();
    assert!(project.annotations().is_empty());
    assert!(
        project.actors().is_empty(),
        "undo removed the new actor too"
    );
    wait_for_suggestions(&mut harness);
    assert!(suggestions(harness.state()).contains(&target));
}

#[test]
fn x_rejects_and_the_rejection_is_remembered_after_save_and_reload() {
    let script = ScriptedDialogs::new();
    let app = StanceApp::new(sample_project(), None, Box::new(script.clone()));
    let mut harness = harness(app);
    show_suggestions(&mut harness);
    let target = tab_to(&mut harness, 0);
    press(&mut harness, Key::X);
    let rejected = quote(harness.state().project(), &target);
    assert_eq!(
        harness.state().project().rejected_suggestions()[0].quote,
        rejected
    );
    assert!(harness.state().project().annotations().is_empty());
    wait_for_suggestions(&mut harness);
    assert!(!suggestions(harness.state()).contains(&target));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.ron");
    script.answer(&path);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let loaded = stance::io::load_project(&path).unwrap();
    assert_eq!(loaded.project.rejected_suggestions().len(), 1);
    let mut reopened = common::harness(StanceApp::with_project(loaded.project));
    show_suggestions(&mut reopened);
    assert!(!suggestions(reopened.state()).contains(&target));

    // Undo in the first window brings the suggestion back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().project().rejected_suggestions().is_empty());
    wait_for_suggestions(&mut harness);
    assert!(suggestions(harness.state()).contains(&target));
}

#[test]
fn accepting_all_high_confidence_suggestions_is_one_undo_step() {
    let mut harness = harness(StanceApp::with_project(sample_project()));
    show_suggestions(&mut harness);
    let high = (suggestions(harness.state()).iter())
        .filter(|s| s.tier == Tier::High)
        .count();
    assert!(
        high > 1,
        "the sample has several high-confidence suggestions"
    );
    // The focused suggestion's card offers it as a button.
    tab_to(&mut harness, 0);
    harness.get_by_label("Accept all high-confidence").click();
    harness.run();
    let project = harness.state().project();
    assert_eq!(project.annotations().len(), high);
    assert!(!project.actors().is_empty());
    assert!(
        (project.annotations().iter()).all(|a| a.attribution.is_some() && !a.holders.is_empty())
    );
    wait_for_suggestions(&mut harness);
    assert!(
        (suggestions(harness.state()).iter()).all(|s| s.tier != Tier::High),
        "none left to accept"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let project = harness.state().project();
    assert!(project.annotations().is_empty() && project.actors().is_empty());
    // The same from the Project menu's command.
    run_command(&mut harness, Command::AcceptHighConfidence);
    assert_eq!(harness.state().project().annotations().len(), high);
}

#[test]
fn a_suggestion_over_an_annotation_fills_in_its_holder_instead_of_duplicating_it() {
    let mut project = sample_project();
    let doc = project.documents()[0].id;
    let found = stance::attribution::pending_suggestions(&project, doc);
    let nth = found.iter().position(|s| s.speaker.is_some()).unwrap();
    let a = project
        .new_annotation(doc, "claim", found[nth].content.clone(), Utc::now())
        .unwrap();
    let id = a.id;
    project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();

    let mut harness = harness(StanceApp::with_project(project));
    show_suggestions(&mut harness);
    let nth = (suggestions(harness.state()).iter())
        .position(|s| s.content == found[nth].content)
        .unwrap();
    tab_to(&mut harness, nth);
    // The card says what accepting will do.
    harness.get_by_label_contains("accepting fills in its holder");
    press(&mut harness, Key::A);
    let project = harness.state().project();
    assert_eq!(project.annotations().len(), 1, "no duplicate");
    let filled = project.annotation(id).unwrap();
    assert!(!filled.holders.is_empty());
    assert!(matches!(
        filled.attribution,
        Some(Attribution::Direct | Attribution::Indirect | Attribution::Paraphrase)
    ));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let project = harness.state().project();
    let undone = project.annotation(id).unwrap();
    assert_eq!((undone.first_holder(), undone.attribution), (None, None));
}

#[test]
fn a_and_x_stay_reserved_from_tag_hotkeys() {
    let reserved = stance::ui::commands::reserved_hotkeys();
    assert!(reserved.contains(&'A') && reserved.contains(&'X'));
    let schema = stance::model::Schema::default();
    let clash = schema.check_hotkey('a', None, &reserved).unwrap_err();
    assert!(clash.to_string().contains("command key"), "{clash}");
}

#[test]
fn the_compare_view_leaves_no_suggestion_focused_for_a_menu_command_to_accept_unseen() {
    let mut harness = harness(StanceApp::with_project(sample_project()));
    show_suggestions(&mut harness);
    tab_to(&mut harness, 0);
    let before = harness.state().project().annotations().len();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    harness.run();
    assert!(harness.query_by_label_contains("Adjudication:").is_some());
    assert!(focused_suggestion(harness.state()).is_none());
    run_command(&mut harness, Command::AcceptSuggestion);
    assert_eq!(harness.state().project().annotations().len(), before);
}

#[test]
fn the_card_never_covers_the_suggestion_it_describes() {
    // The bare article: suggestions all the way down, some near the bottom of the view.
    let mut project = sample_project();
    project.rebuild(|parts| {
        parts.relations.clear();
    });
    project.rebuild(|parts| {
        parts.annotations.clear();
    });
    let mut harness = harness(StanceApp::with_project(project));
    show_suggestions(&mut harness);
    let count = suggestions(harness.state()).len();
    assert!(count >= 5, "{count} suggestions");
    let mut checked = 0;
    for _ in 0..count {
        press(&mut harness, Key::Tab);
        let focused = focused_suggestion(harness.state()).cloned().unwrap();
        let app = harness.state();
        let (first, last) = (focused.content[0], *focused.content.last().unwrap());
        let (Some(start), Some(end)) = (
            article_char_rect(app, first.start),
            article_char_rect(app, last.end - 1),
        ) else {
            continue;
        };
        let ghost = start.union(end);
        let card = (harness.get_by_label("Suggestion").rect())
            .union(harness.get_by_label("Accept (A)").rect());
        assert!(
            ghost.bottom() <= card.top() || ghost.top() >= card.bottom(),
            "the card {card:?} covers the focused suggestion {ghost:?}"
        );
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} suggestions were on screen");
}

/// Issue 21: after A or X nothing jumps ahead, so A, Tab, A accepts the first and the second
/// suggestion (never the third), and the accepted annotation is selected at once.
#[test]
fn a_tab_a_accepts_the_next_suggestion_and_selects_each_accepted_annotation() {
    let mut harness = harness(StanceApp::with_project(sample_project()));
    show_suggestions(&mut harness);
    let list = suggestions(harness.state()).to_vec();
    assert!(list.len() >= 3, "the sample has at least three suggestions");
    let first = tab_to(&mut harness, 0);
    press(&mut harness, Key::A);
    let project = harness.state().project();
    let accepted = (project.annotations().iter())
        .find(|a| a.ranges == first.content)
        .unwrap();
    assert_eq!(
        harness.state().selected_annotation(),
        Some(accepted.id),
        "the accepted annotation is selected"
    );
    assert_eq!(
        focused_suggestion(harness.state()),
        None,
        "nothing jumped ahead"
    );
    press(&mut harness, Key::Tab);
    assert_eq!(focused_suggestion(harness.state()), Some(&list[1]));
    press(&mut harness, Key::A);
    let project = harness.state().project();
    let ranges: Vec<_> = project.annotations().iter().map(|a| &a.ranges).collect();
    assert_eq!(ranges, [&list[0].content, &list[1].content]);
    assert!(
        !ranges.contains(&&list[2].content),
        "the third was not accepted"
    );
}

#[test]
fn x_tab_x_rejects_the_first_and_the_second_suggestion() {
    let mut harness = harness(StanceApp::with_project(sample_project()));
    show_suggestions(&mut harness);
    let list = suggestions(harness.state()).to_vec();
    tab_to(&mut harness, 0);
    press(&mut harness, Key::X);
    press(&mut harness, Key::Tab);
    assert_eq!(focused_suggestion(harness.state()), Some(&list[1]));
    press(&mut harness, Key::X);
    let project = harness.state().project();
    let rejected: Vec<String> = (project.rejected_suggestions().iter())
        .map(|r| r.quote.clone())
        .collect();
    assert_eq!(
        rejected,
        [quote(project, &list[0]), quote(project, &list[1])]
    );
}

/// View → Suggestion List (Ctrl+Shift+G): the document's suggestions with their speakers; a
/// row selects its suggestion; one button accepts all with a speaker, others reject all of
/// one type; each is one undo step.
#[test]
fn the_suggestion_list_goes_through_them_and_answers_them_in_bulk() {
    let mut harness = harness(StanceApp::with_project(sample_project()));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    harness.run();
    assert!(harness.state().preferences().show_suggestion_list);
    assert!(
        harness.state().preferences().show_suggestions,
        "the list shows the ghosts too"
    );
    wait_for_suggestions(&mut harness);
    let list = suggestions(harness.state()).to_vec();
    let with_speaker = list.iter().filter(|s| s.speaker.is_some()).count();
    assert!(with_speaker > 0 && with_speaker < list.len() + 1);
    let direct = (list.iter())
        .filter(|s| s.attribution == Attribution::Direct)
        .count();
    assert!(direct > 0, "the sample has direct quotations");

    // A row (speaker and excerpt) selects its suggestion.
    let second = &list[1];
    let excerpt: String = (quote(harness.state().project(), second).chars())
        .take(30)
        .collect();
    (harness.query_all_by_label_contains(&excerpt))
        .next()
        .unwrap()
        .click();
    harness.run();
    assert_eq!(focused_suggestion(harness.state()), Some(second));

    harness.get_by_label(&format!("direct ({direct})")).click();
    harness.run();
    let project = harness.state().project();
    assert_eq!(project.rejected_suggestions().len(), direct);
    assert!(project.annotations().is_empty());
    wait_for_suggestions(&mut harness);
    assert!((suggestions(harness.state()).iter()).all(|s| s.attribution != Attribution::Direct));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().project().rejected_suggestions().is_empty());
    wait_for_suggestions(&mut harness);

    harness
        .get_by_label(&format!("Accept {with_speaker} with a speaker"))
        .click();
    harness.run();
    let project = harness.state().project();
    assert_eq!(project.annotations().len(), with_speaker);
    assert!(project.annotations().iter().all(|a| !a.holders.is_empty()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().project().annotations().is_empty());
}
