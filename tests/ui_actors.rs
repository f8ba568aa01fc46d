//! Actor rules as the analyst meets them in the sidebar: names are unique, aliases included,
//! and naming a new holder reuses the actor already called so.
#![allow(clippy::unwrap_used)]

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
    let doc = project.documents[0].id;
    let span = project.documents[0].find("Kremlin", 0).unwrap();
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

    assert_eq!(harness.state().project().actors.len(), 2);
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
    assert_eq!(project.actors.len(), 3);
    assert_eq!(project.actors[2].name, "Steve Witkoff");
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
    assert_eq!(project.actors.len(), 2);
    assert_eq!(
        project.holder_name(project.annotation(id).unwrap()),
        "Vladimir Putin"
    );
}
