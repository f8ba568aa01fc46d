//! Actor rules as the analyst meets them in the sidebar: names are unique, aliases included,
//! and naming a new holder reuses the actor already called so.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;

use chrono::Utc;
use common::harness;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stance::app::{StanceApp, sample_project};
use stance::model::{Actor, AnnotationId, Edit, Project};
use stance::ui::sidebar::row_label;

/// The sample article with one claim and the actors "Vladimir Putin" (alias "Putin") and
/// "Marco Rubio".
fn sample_with_actors() -> (Project, AnnotationId) {
    let mut project = sample_project();
    let doc = project.documents()[0].id;
    let span = project.documents()[0].find("Kremlin", 0).unwrap();
    let a = project
        .new_annotation(doc, "claim", vec![span], Utc::now())
        .unwrap();
    let id = a.id;
    project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    let mut putin = Actor::new("Vladimir Putin", Some("Russia"));
    putin.aliases = vec!["Putin".to_owned()];
    for actor in [putin, Actor::new("Marco Rubio", Some("United States"))] {
        project.apply(project.add_actor(actor).unwrap()).unwrap();
    }
    (project, id)
}

fn type_and_enter(harness: &mut Harness<'static, StanceApp>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

#[test]
fn adding_an_actor_under_a_taken_alias_is_refused_with_the_reason() {
    let (project, _) = sample_with_actors();
    let mut harness = harness(StanceApp::with_project(project));
    harness.get_by_label("Actors (2)").click();
    harness.run();
    let field = harness.get_by(|n| n.placeholder() == Some("New actor's name"));
    field.scroll_to_me();
    harness.run();
    harness
        .get_by(|n| n.placeholder() == Some("New actor's name"))
        .click();
    harness.run();
    type_and_enter(&mut harness, " putin ");

    assert_eq!(harness.state().project().actors().len(), 2);
    harness.get_by_label_contains("already names the actor \"Vladimir Putin\"");

    // The refused name stays in the field, to be corrected.
    harness
        .get_by(|n| {
            n.role() == egui::accesskit::Role::TextInput && n.value().as_deref() == Some(" putin ")
        })
        .click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness.run();
    type_and_enter(&mut harness, " Steve Witkoff ");
    let project = harness.state().project();
    assert_eq!(project.actors().len(), 3);
    assert_eq!(project.actors()[2].name, "Steve Witkoff");
}

#[test]
fn a_new_holder_named_like_an_actor_reuses_that_actor() {
    let (project, id) = sample_with_actors();
    let mut harness = harness(StanceApp::with_project(project));
    let label = {
        let project = harness.state().project();
        row_label(project, project.annotation(id).unwrap())
    };
    harness.get_by_label(&label).click();
    harness.run();
    harness.get_by_label("Holder").click();
    harness.run();
    harness.get_by_label("New actor…").click();
    harness.run();
    type_and_enter(&mut harness, "PUTIN");

    let project = harness.state().project();
    assert_eq!(project.actors().len(), 2);
    assert_eq!(
        project.holder_name(project.annotation(id).unwrap()),
        "Vladimir Putin"
    );
}

#[test]
fn deleting_an_actor_asks_first_naming_the_annotations_it_unassigns() {
    let (mut project, id) = sample_with_actors();
    let putin = project.actors()[0].id;
    let rubio = project.actors()[1].id;
    let mut a = project.annotation(id).unwrap().clone();
    a.holder = Some(putin);
    project.apply(Edit::ReplaceAnnotation(Box::new(a))).unwrap();
    let doc = project.documents()[0].id;
    let span = project.documents()[0].find("Kremlin", 0).unwrap();
    let mut targeted = project
        .new_annotation(doc, "claim", vec![span], Utc::now())
        .unwrap();
    targeted.holder = Some(rubio);
    targeted.target = Some(putin);
    project
        .apply(Edit::AddAnnotation(Box::new(targeted)))
        .unwrap();
    let mut harness = harness(StanceApp::with_project(project));
    harness.get_by_label("Actors (2)").click();
    harness.run();
    // Putin is listed first; his row's Delete is the first.
    harness.get_all_by_label("Delete").next().unwrap().click();
    harness.run();

    // Asked, not done: the holder and the target are both counted.
    harness.get_by_label_contains(
        "Delete Vladimir Putin? 2 annotations will lose their holder or target.",
    );
    assert_eq!(harness.state().project().actors().len(), 2);
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(harness.state().project().actors().len(), 2);

    harness.get_all_by_label("Delete").next().unwrap().click();
    harness.run();
    // The prompt's Delete is drawn over the sidebar, after its buttons.
    harness.get_all_by_label("Delete").last().unwrap().click();
    harness.run();
    let project = harness.state().project();
    assert_eq!(project.actors().len(), 1);
    assert!(
        project
            .annotations()
            .iter()
            .all(|a| a.holder != Some(putin))
    );
    assert!(
        project
            .annotations()
            .iter()
            .all(|a| a.target != Some(putin))
    );
}
