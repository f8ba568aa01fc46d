//! Intake in the workbench: a multi-article import opens the review table, where the analyst
//! corrects a title, leaves an article out and adds the rest as one undo step; a PDF is read
//! off the UI thread; Document Properties corrects a document with undo.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::harness;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stance::app::{StanceApp, sample_project};
use stance::model::Project;
use stance::ui::date_field::BadDate;
use stance::ui::file_dialog::ScriptedDialogs;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/intake")
        .join(name)
}

fn scripted(project: Project) -> (Harness<'static, StanceApp>, ScriptedDialogs) {
    let script = ScriptedDialogs::new();
    let app = StanceApp::new(project, None, Box::new(script.clone()));
    (harness(app), script)
}

#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(harness: &mut Harness<'static, StanceApp>, path: PathBuf) {
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(DroppedPath(path)));
    harness.run();
}

/// Selects all of a labelled text field and types over it.
fn replace_text(harness: &mut Harness<'static, StanceApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run();
}

fn titles(harness: &Harness<'static, StanceApp>) -> Vec<String> {
    let documents = harness.state().project().documents();
    documents.iter().map(|d| d.title.clone()).collect()
}

#[test]
fn the_review_table_corrects_and_leaves_out_before_one_undoable_import() {
    let (mut harness, _script) = scripted(sample_project());
    drop_file(&mut harness, data("nexis_classic.txt"));
    // Nothing is added until the analyst answers.
    assert_eq!(titles(&harness).len(), 1);
    harness.get_by_label("Review the import");
    // The refused article is listed with its reason.
    harness.get_by_label_contains("article 3 of 3, line 76): the article has no text");
    // Where each value came from shows under it.
    assert!(harness.query_all_by_label("Nexis field").count() >= 4);

    replace_text(
        &mut harness,
        "Title of article 1",
        "Truce within reach, envoys say",
    );
    harness.get_by_label("Add article 2").click();
    harness.run();
    // A date that does not parse holds the import back, with the date fields' message.
    replace_text(&mut harness, "Date of article 1", "6 September 2016");
    harness.get_by_label(&BadDate.to_string());
    harness.get_by_label("Add 1 document").click();
    harness.run();
    assert_eq!(titles(&harness).len(), 1, "added with a bad date");
    replace_text(&mut harness, "Date of article 1", "2016-09-06");
    harness.get_by_label("Add 1 document").click();
    harness.run();

    let after = titles(&harness);
    assert_eq!(after.len(), 2, "{after:?}");
    assert_eq!(after[1], "Truce within reach, envoys say");
    let doc = &harness.state().project().documents()[1];
    assert_eq!(doc.outlet.as_deref(), Some("The Geneva Ledger"));
    assert_eq!(
        doc.date.map(|d| d.to_string()).as_deref(),
        Some("2016-09-06")
    );

    // One undo step takes the whole import back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(titles(&harness).len(), 1);
}

#[test]
fn a_pdf_is_read_off_the_ui_thread_and_a_scan_is_refused_with_its_reason() {
    let (mut harness, _script) = scripted(sample_project());
    drop_file(&mut harness, data("report.pdf"));
    // The worker reports back within a few frames.
    for _ in 0..200 {
        if titles(&harness).len() == 2 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.run();
    }
    assert_eq!(titles(&harness)[1], "Valley Talks: Where the Truce Stands");

    drop_file(&mut harness, data("scan.pdf"));
    for _ in 0..200 {
        if harness.query_by_label_contains("run OCR first").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.run();
    }
    harness.get_by_label_contains("scan.pdf: the PDF has no text layer");
    assert_eq!(titles(&harness).len(), 2, "nothing half-added");
}

#[test]
fn document_properties_correct_a_document_with_undo() {
    let (mut harness, _script) = scripted(sample_project());
    let id = harness.state().current_document().unwrap();
    let old_title = harness.state().project().documents()[0].title.clone();
    harness
        .state_mut()
        .queue(stance::ui::Action::DocumentProperties(id));
    harness.run();
    harness.get_by_label("Document Properties");

    replace_text(&mut harness, "Outlet", "The Geneva Ledger");
    // A date that is not a day is refused with the date fields' one message.
    replace_text(&mut harness, "Date", "2025-02-30");
    harness.get_by_label(&BadDate.to_string());
    harness.get_by_label("Apply").click();
    harness.run();
    assert_eq!(harness.state().project().documents()[0].outlet, None);
    replace_text(&mut harness, "Date", "2025-12-05");
    assert!(harness.query_by_label(&BadDate.to_string()).is_none());
    replace_text(&mut harness, "Language", "en");
    harness.get_by_label("Apply").click();
    harness.run();

    let doc = &harness.state().project().documents()[0];
    assert_eq!(doc.outlet.as_deref(), Some("The Geneva Ledger"));
    assert_eq!(doc.language.as_deref(), Some("en"));
    assert_eq!(doc.title, old_title);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let doc = &harness.state().project().documents()[0];
    assert_eq!(doc.outlet, None);
    assert_eq!(doc.language, None);
}
