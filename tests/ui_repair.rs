//! An article text edited outside the app: the repair window, reopened from Project → Problems…,
//! re-anchors the annotations on the new text as one undo step and lists the orphans.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;

use chrono::Utc;
use common::{harness, shows};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use stance::app::{StanceApp, sample_project};
use stance::model::{Edit, Problem};
use stance::ui::file_dialog::ScriptedDialogs;

#[test]
fn an_edited_text_is_reanchored_from_the_problems_menu_keeping_orphans() {
    let mut project = sample_project();
    let doc = project.documents()[0].id;
    let mut ids = Vec::new();
    for phrase in ["Kremlin", "urging Russia to commit to peace"] {
        let span = project.documents()[0].find(phrase, 0).unwrap();
        let a = project
            .new_annotation(doc, "claim", vec![span], Utc::now())
            .unwrap();
        ids.push(a.id);
        project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    }
    // Edited by hand: a line added in front, and the second quote reworded away.
    let text = &project.documents()[0].text;
    let edited = format!(
        "Update: new details below.\n\n{}",
        text.replace("urging Russia to commit to peace", "asking for calm")
    );
    project.rebuild(|parts| {
        parts.documents[0].text = edited;
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edited.ron");
    stance::io::save_project(&path, &project).unwrap();

    let script = ScriptedDialogs::new();
    let app = StanceApp::new(sample_project(), None, Box::new(script.clone()));
    let mut harness = harness(app);
    script.answer(&path);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    harness.run();
    assert!(shows(&harness, "This project needs repair"));
    harness.get_by_label("Close").click();
    harness.run();
    assert!(!shows(&harness, "This project needs repair"));

    // Reachable again while problems remain.
    harness.get_by_label("Project").click();
    harness.run();
    harness.get_by_label("Problems…").click();
    harness.run();
    assert!(shows(&harness, "This project needs repair"));
    harness.get_by_label("Re-anchor").click();
    harness.run();
    harness.run();

    let project = harness.state().project();
    let document = &project.documents()[0];
    assert!(document.hash_matches());
    let placed = project.annotation(ids[0]).unwrap();
    assert_eq!(document.slice(placed.ranges[0]), Some("Kremlin"));
    // Moving an annotation is an edit in the app: it records the annotator, as every other
    // edit does (the annotations were made without one).
    assert_eq!(placed.annotator.as_deref(), Some("tester"));
    // The orphan is kept, as it was (its annotator too), and listed.
    assert_eq!(project.annotations().len(), 2);
    let orphan = project.annotation(ids[1]).unwrap();
    assert_eq!(orphan.quote, "urging Russia to commit to peace");
    assert_eq!(orphan.annotator, None);
    harness.get_by_label_contains("Not placed by Re-anchor (1)");
    assert!(
        !(project.problems().iter()).any(|p| matches!(p, Problem::DocumentHashMismatch { .. }))
    );

    // One undo step brings the mismatch back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let project = harness.state().project();
    assert!(!project.documents()[0].hash_matches());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert!(harness.state().project().documents()[0].hash_matches());

    // Deleting the orphan leaves no problem, and the window says so as a success.
    harness.get_all_by_label("Delete").last().unwrap().click();
    harness.run();
    harness.run();
    assert!(harness.state().project().problems().is_empty());
    harness.get_by_label("All problems are fixed.");
    harness.get_by_label("edited.ron has no problems left.");
    assert!(harness.query_by_label_contains("0 problems").is_none());
}
