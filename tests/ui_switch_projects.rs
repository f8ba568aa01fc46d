//! Opening another project in the same session: every count on screen is the new project's,
//! never a cache left from the one before (both loads start from the same saved state count).
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;

use std::path::Path;

use chrono::Utc;
use common::harness;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stance::analysis::wording::counted;
use stance::app::StanceApp;
use stance::model::{Actor, Document, Edit, Project};
use stance::ui::file_dialog::ScriptedDialogs;
use stance::ui::sidebar::row_label;

const FIRST: &str = "Talks in Geneva. Delegates met. Officials spoke. Nobody left.";
const SECOND: &str = "Ministers arrived. A deal was close.";

/// Two documents and one actor, with `claims` claims held by the actor in the first document
/// and `second_doc_claims` unheld ones in the second. Saved to `path`.
fn saved_project(path: &Path, claims: &[&str], second_doc_claims: &[&str]) {
    let mut project = Project::new("Talks");
    for (title, text) in [("Geneva", FIRST), ("Ministers", SECOND)] {
        let doc = Document::new(title, text.to_owned());
        project.apply(project.add_document(doc)).unwrap();
    }
    let actor = Actor::new("Negotiator", None);
    let holder = actor.id;
    project.apply(project.add_actor(actor).unwrap()).unwrap();
    for (doc_index, phrases) in [(0, claims), (1, second_doc_claims)] {
        let doc = project.documents()[doc_index].id;
        for phrase in phrases {
            let span = project.documents()[doc_index].find(phrase, 0).unwrap();
            let mut a = project
                .new_annotation(doc, "claim", vec![span], Utc::now())
                .unwrap();
            a.holders = (doc_index == 0).then_some(holder).into_iter().collect();
            project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
        }
    }
    stance::io::save_project(path, &project).unwrap();
}

fn open(harness: &mut Harness<'static, StanceApp>, script: &ScriptedDialogs, path: &Path) {
    script.answer(path);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    harness.run();
    assert_eq!(harness.state().path(), Some(path));
}

/// Checks the count the document list shows for a document, in its row's tooltip.
fn assert_document_count(harness: &mut Harness<'static, StanceApp>, title: &str, count: usize) {
    harness.get_by_role_and_label(Role::Button, title).hover();
    // Tooltips wait for the pointer to rest (half a second); a step is 50 ms.
    for _ in 0..15 {
        harness.step();
    }
    harness.get_by_label(&counted(count, "annotation"));
    // Move away so the next tooltip is the next row's.
    harness.get_by_label("Actors (1)").hover();
    harness.run();
}

#[test]
fn opening_another_project_shows_its_counts_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    saved_project(&a, &["Geneva"], &[]);
    saved_project(
        &b,
        &["Geneva", "Delegates", "Officials"],
        &["Ministers", "deal"],
    );
    let script = ScriptedDialogs::new();
    let app = StanceApp::new(Project::new("Empty"), None, Box::new(script.clone()));
    let mut harness = harness(app);

    open(&mut harness, &script, &a);
    harness.get_by_label("Actors (1)").click();
    harness.run();
    harness.get_by_label("1 held");
    assert_document_count(&mut harness, "Geneva", 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    harness.get_by_label("1 annotation in 2 documents");
    // The counts come from the project's own index, which each project keeps for itself:
    // nothing of a's can be shown for b.

    open(&mut harness, &script, &b);
    assert_eq!(harness.state().project().annotations().len(), 5);
    harness.get_by_label("3 held");
    assert!(harness.query_by_label("1 held").is_none());
    assert_document_count(&mut harness, "Geneva", 3);
    assert_document_count(&mut harness, "Ministers", 2);
    harness.get_by_label("5 annotations in 2 documents");
}

/// How many annotations the sidebar lists, read from the rows the window shows.
fn rows_listed(harness: &Harness<'static, StanceApp>) -> usize {
    let project = harness.state().project();
    (project.annotations().iter())
        .filter(|a| harness.query_by_label(&row_label(project, a)).is_some())
        .count()
}

/// Types into the sidebar's Find field, replacing what it held.
fn search(harness: &mut Harness<'static, StanceApp>, text: &str) {
    harness
        .get_by(|n| n.placeholder() == Some("Search quotes, notes, holders (Ctrl+F)"))
        .click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
    harness.run();
}

#[test]
fn filters_say_what_they_hide_and_reset_with_another_project() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    saved_project(&a, &["Geneva", "Delegates", "Officials"], &[]);
    saved_project(&b, &["Geneva", "Nobody"], &[]);
    let script = ScriptedDialogs::new();
    let app = StanceApp::new(Project::new("Empty"), None, Box::new(script.clone()));
    let mut harness = harness(app);
    open(&mut harness, &script, &a);
    assert_eq!(rows_listed(&harness), 3);

    search(&mut harness, "Geneva");
    assert_eq!(rows_listed(&harness), 1);
    harness.get_by_label("1 of 3 shown — filters hide 2");
    harness.get_by_label("Clear filters").click();
    harness.run();
    harness.run();
    assert_eq!(rows_listed(&harness), 3);
    assert!(harness.query_by_label_contains("filters hide").is_none());

    // A search left from one project does not hide the next one's annotations.
    search(&mut harness, "Officials");
    assert_eq!(rows_listed(&harness), 1);
    open(&mut harness, &script, &b);
    harness.run();
    assert_eq!(rows_listed(&harness), 2);
    assert!(harness.query_by_label_contains("filters hide").is_none());
}

#[test]
fn open_recent_tells_two_files_of_the_same_name_apart() {
    let dir = tempfile::tempdir().unwrap();
    let (geneva, miami) = (dir.path().join("geneva"), dir.path().join("miami"));
    std::fs::create_dir_all(&geneva).unwrap();
    std::fs::create_dir_all(&miami).unwrap();
    let (a, b) = (geneva.join("talks.ron"), miami.join("talks.ron"));
    saved_project(&a, &["Geneva"], &[]);
    saved_project(&b, &["Delegates"], &[]);
    let script = ScriptedDialogs::new();
    let app = StanceApp::new(Project::new("Empty"), None, Box::new(script.clone()));
    let mut harness = harness(app);
    open(&mut harness, &script, &a);
    open(&mut harness, &script, &b);

    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open Recent").hover();
    harness.run();
    harness.get_by_label("Open Recent").click();
    harness.run();
    harness.get_by_label("miami/talks.ron");
    harness.get_by_label("geneva/talks.ron").click();
    harness.run();
    harness.run();
    assert_eq!(harness.state().path(), Some(a.as_path()));
    // While an annotation is selected, the status bar says no *text* is selected.
    let label = {
        let project = harness.state().project();
        stance::ui::sidebar::row_label(project, &project.annotations()[0])
    };
    harness.get_by_label(&label).click();
    harness.run();
    assert!(harness.state().selected_annotation().is_some());
    harness.get_by_label("No text selected");
    assert!(harness.query_by_label("No selection").is_none());
}
