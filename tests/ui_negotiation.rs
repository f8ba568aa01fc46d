//! The format-2 workbench driven like a user: issues typed in the editor, linking by keyboard,
//! the Schema window's tags and hotkeys. Asserts on the model.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;

use chrono::Utc;
use common::{harness, shows, shows_text};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stance::app::{StanceApp, sample_project};
use stance::model::{AnnotationId, Attribution, Edit, Project, Stance};
use stance::ui::link_popup::annotation_label;
use stance::ui::sidebar::row_label;
use stance::ui::{Action, Command, SchemaAction};

/// Ushakov's concession and the statement it answers, as two annotations.
fn two_annotations() -> (Project, [AnnotationId; 2]) {
    let mut project = sample_project();
    let doc = project.documents()[0].id;
    let mut ids = Vec::new();
    for (phrase, tag) in [
        (
            "Some formulations that were proposed to us are acceptable to us",
            "concession",
        ),
        ("A compromise option has not yet been found", "claim"),
    ] {
        let span = project.documents()[0].find(phrase, 0).unwrap();
        let a = project
            .new_annotation(doc, tag, vec![span], Utc::now())
            .unwrap();
        ids.push(a.id);
        project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    }
    (project, [ids[0], ids[1]])
}

fn click_row(harness: &mut Harness<'static, StanceApp>, id: AnnotationId) {
    let label = {
        let project = harness.state().project();
        row_label(project, project.annotation(id).unwrap())
    };
    harness.get_by_label(&label).click();
    harness.run();
}

fn type_text(harness: &mut Harness<'static, StanceApp>, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.run();
}

fn press(harness: &mut Harness<'static, StanceApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

/// The text field with this accessible name (not the label that names it).
fn click_field(harness: &mut Harness<'static, StanceApp>, name: &str) {
    harness
        .get_by(|n| n.role() == Role::TextInput && n.label().as_deref() == Some(name))
        .click();
    harness.run();
}

fn click_placeholder(harness: &mut Harness<'static, StanceApp>, placeholder: &str) {
    harness
        .get_by(|n| n.placeholder() == Some(placeholder))
        .click();
    harness.run();
}

#[test]
fn an_issue_typed_in_the_editor_is_created_and_two_annotations_are_linked_by_keyboard() {
    let (project, [concession, claim]) = two_annotations();
    let mut harness = harness(StanceApp::with_project(project));
    click_row(&mut harness, concession);
    assert_eq!(harness.state().selected_annotation(), Some(concession));

    // A new issue, typed and entered in the editor.
    click_placeholder(&mut harness, "Add an issue…");
    type_text(&mut harness, "Peace framework");
    // L while the field has focus types, it does not start linking.
    press(&mut harness, Key::L);
    assert!(!shows_text(&harness, "Linking:"));
    press(&mut harness, Key::Enter);
    let project = harness.state().project();
    let issue = project
        .issue_named("Peace framework")
        .expect("issue created");
    assert_eq!(
        project
            .annotation(concession)
            .unwrap()
            .issue_ids()
            .collect::<Vec<_>>(),
        vec![issue.id]
    );

    // Esc leaves the field; then L, a click on the other annotation, and 2 (the second
    // relation type) link them.
    press(&mut harness, Key::Escape);
    press(&mut harness, Key::L);
    // Linking starts from the selected annotation.
    harness.get_by_label_contains("Linking: click the annotation");
    assert_eq!(harness.state().selected_annotation(), Some(concession));
    click_row(&mut harness, claim);
    harness.get_by_label_contains("Linking: choose the relation type");
    assert_eq!(harness.state().selected_annotation(), Some(concession));
    // The popup names both ends: the concession links to the claim clicked.
    harness.get_by_label("Link as…");
    let project = harness.state().project();
    let (from, to) = (
        annotation_label(project, concession),
        annotation_label(project, claim),
    );
    // In the popup, around its "links to": the concession above, the claim below.
    let links_to = harness.get_by_label("links to").rect();
    let in_popup = |label: &str| -> Vec<egui::Rect> {
        (harness.query_all_by_label(label))
            .map(|n| n.rect())
            .filter(|r| (r.center().y - links_to.center().y).abs() < 80.0)
            .filter(|r| (r.center().x - links_to.center().x).abs() < 400.0)
            .collect()
    };
    assert!(in_popup(&from).iter().any(|r| r.top() < links_to.top()));
    assert!(in_popup(&to).iter().any(|r| r.top() > links_to.top()));
    press(&mut harness, Key::Num2);

    let app = harness.state();
    let project = app.project();
    let kind = project.schema().relation_types[1].key.clone();
    assert_eq!(kind, "concedes-to");
    assert_eq!(project.relations().len(), 1);
    let relation = &project.relations()[0];
    assert_eq!(
        (relation.kind.as_str(), relation.from, relation.to),
        (kind.as_str(), concession, claim)
    );
    // The digit chose the relation type; it did not retag the selected annotation.
    assert_eq!(project.annotation(concession).unwrap().tag, "concession");
    assert!(!shows_text(&harness, "Linking:"));
    // The editor lists the link, and following it selects the other end.
    let link = "concedes-to » “A compromise option";
    harness.get_by_label_contains(link).scroll_to_me();
    harness.run();
    harness.get_by_label_contains(link).click();
    harness.run();
    assert_eq!(harness.state().selected_annotation(), Some(claim));
    harness.get_by_label_contains("« concedes-to “Some formulations");

    // The link is one undo step.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().project().relations().is_empty());
}

#[test]
fn esc_cancels_link_mode_without_linking() {
    let (project, [concession, claim]) = two_annotations();
    let mut harness = harness(StanceApp::with_project(project));
    click_row(&mut harness, concession);
    press(&mut harness, Key::L);
    click_row(&mut harness, claim);
    press(&mut harness, Key::Escape);
    assert!(!shows_text(&harness, "Linking:"));
    assert!(!shows(&harness, "Link as…"));
    assert!(harness.state().project().relations().is_empty());
    assert_eq!(harness.state().selected_annotation(), Some(concession));
}

#[test]
fn stance_attribution_and_the_annotator_are_recorded_from_the_editor() {
    let (project, [concession, _]) = two_annotations();
    let mut app = StanceApp::with_project(project);
    app.queue(Action::SetAnnotatorName("Analyst A".to_owned()));
    let mut harness = harness(app);
    click_row(&mut harness, concession);
    harness.get_by_label("conditional").click();
    harness.run();
    click_placeholder(&mut harness, "On what condition, in words");
    type_text(&mut harness, "if sanctions are lifted");
    // The editor's Said on row put Attribution lower: scrolled to, as a user would.
    harness.get_by_label("direct").scroll_to_me();
    harness.run();
    harness.get_by_label("direct").click();
    harness.run();
    let a = harness
        .state()
        .project()
        .annotation(concession)
        .unwrap()
        .clone();
    assert_eq!(a.stance, Some(Stance::Conditional));
    assert_eq!(a.condition.as_deref(), Some("if sanctions are lifted"));
    assert_eq!(a.attribution, Some(Attribution::Direct));
    assert_eq!(a.annotator.as_deref(), Some("Analyst A"));
}

#[test]
fn a_tag_added_in_the_schema_window_tags_a_selection_with_its_hotkey() {
    let (project, _) = two_annotations();
    let mut app = StanceApp::with_project(project);
    app.queue(Action::Command(Command::Schema));
    let mut harness = harness(app);
    assert!(shows(&harness, "Schema"));

    click_field(&mut harness, "Name");
    type_text(&mut harness, "Red line");
    click_field(&mut harness, "Hotkey");
    type_text(&mut harness, "5");
    harness.get_by_label("Add tag").click();
    harness.run();
    let tag = harness.state().project().schema().get("red-line").cloned();
    let tag = tag.expect("the tag was added");
    assert_eq!((tag.name.as_str(), tag.hotkey), ("Red line", Some('5')));

    let span = harness.state().project().documents()[0]
        .find("urging Russia to commit to peace", 0)
        .unwrap();
    harness.state_mut().set_text_selection(Some(span));
    harness.run();
    press(&mut harness, Key::Num5);
    let project = harness.state().project();
    let tagged: Vec<_> = project
        .annotations()
        .iter()
        .filter(|a| a.tag == "red-line")
        .collect();
    assert_eq!(tagged.len(), 1);
    assert_eq!(tagged[0].ranges, vec![span]);
}

#[test]
fn a_clashing_hotkey_is_refused_with_the_reason_and_the_schema_is_unchanged() {
    let (project, _) = two_annotations();
    let mut app = StanceApp::with_project(project);
    app.queue(Action::Command(Command::Schema));
    let mut harness = harness(app);
    let before = harness.state().project().schema().clone();
    let steps = harness.state().history().undo_label().map(str::to_owned);

    // J moves to the next annotation: Claim cannot have it.
    click_field(&mut harness, "Hotkey of Claim");
    type_text(&mut harness, "j");
    harness.get_by_label_contains("is a command key");
    // 2 is Position's.
    type_text(&mut harness, "2");
    harness.get_by_label_contains("already the hotkey of the tag \"Position\"");

    // A new tag with a taken hotkey cannot be added.
    click_field(&mut harness, "Name");
    type_text(&mut harness, "Demand");
    click_field(&mut harness, "Hotkey");
    type_text(&mut harness, "1");
    harness.get_by_label_contains("already the hotkey of the tag \"Claim\"");
    harness.get_by_label("Add tag").click();
    harness.run();

    assert_eq!(harness.state().project().schema(), &before);
    assert_eq!(
        harness.state().history().undo_label().map(str::to_owned),
        steps
    );
}

#[test]
fn a_retired_tag_keeps_its_annotations_but_its_hotkey_no_longer_tags() {
    let (project, [_, claim]) = two_annotations();
    let mut app = StanceApp::with_project(project);
    app.queue(Action::Schema(SchemaAction::SetTagRetired {
        key: "claim".to_owned(),
        retired: true,
    }));
    let mut harness = harness(app);
    assert!(
        harness
            .state()
            .project()
            .schema()
            .get("claim")
            .unwrap()
            .retired
    );

    let span = harness.state().project().documents()[0]
        .find("urging Russia to commit to peace", 0)
        .unwrap();
    harness.state_mut().set_text_selection(Some(span));
    harness.run();
    press(&mut harness, Key::Num1);
    let project = harness.state().project();
    assert_eq!(project.annotations().len(), 2);
    assert_eq!(project.annotation(claim).unwrap().tag, "claim");
}
