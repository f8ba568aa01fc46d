//! The Export dialog, driven through egui_kittest: pick a format and filters, read the
//! preview, press Export and check the request the app receives.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::path::Path;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stance::app::export::{ExportJob, FORMATS, preview};
use stance::io::export::ExportFormat;
use stance::io::load_project;
use stance::model::Project;
use stance::ui::export_dialog::{ExportAnswer, ExportDialog, ExportPreview};

struct State {
    dialog: ExportDialog,
    /// Whether the caller shows the dialog; any answer closes it.
    is_open: bool,
    project: Project,
    /// The preview the app made for the dialog's choice, as the app makes it each frame.
    preview: Option<ExportPreview>,
    requests: Vec<ExportJob>,
}

fn harness() -> Harness<'static, State> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron");
    let state = State {
        dialog: ExportDialog::default(),
        is_open: true,
        project: load_project(&path).unwrap().project,
        preview: None,
        requests: Vec::new(),
    };
    Harness::builder()
        .with_size(egui::vec2(900.0, 800.0))
        .build_ui_state(
            |ui, state: &mut State| {
                if !state.is_open {
                    return;
                }
                let choice = state.dialog.choice(&state.project, &FORMATS);
                if state.preview.as_ref().is_none_or(|p| p.choice != choice) {
                    state.preview = Some(preview(&state.project, &choice));
                }
                let answer =
                    (state.dialog).ui(ui.ctx(), &state.project, &FORMATS, state.preview.as_ref());
                match answer {
                    Some(ExportAnswer::Export(choice)) => {
                        state.is_open = false;
                        state.requests.push(ExportJob::new(&state.project, &choice));
                    }
                    Some(ExportAnswer::Cancel) => state.is_open = false,
                    None => {}
                }
            },
            state,
        )
}

#[test]
fn picking_jsonl_previews_records_and_export_returns_the_request() {
    let mut harness = harness();
    harness.get_by_label("25 annotations in 1 document");
    harness.get_by_label("JSON Lines").click();
    harness.run();
    harness.get_by_label_contains("\"offset_unit\":\"codepoint\"");
    harness.get_by_label_contains("\"quote\":\"urging Russia to commit to peace\"");

    harness.get_by_label("Export…").click();
    harness.run();
    let state = harness.state();
    assert_eq!(state.requests.len(), 1);
    let request = &state.requests[0];
    assert_eq!(request.options.format, ExportFormat::Jsonl);
    assert!(request.options.tags.is_empty());
    assert_eq!(
        request.file_name,
        "Ukraine-talks-in-Florida-5-December-2025.jsonl"
    );
    assert!(!state.is_open, "the dialog closes after Export");
}

#[test]
fn tag_toggles_filter_the_preview_and_the_request() {
    let mut harness = harness();
    harness.get_by_label("Claim").click();
    harness.run();
    harness.get_by_label("Position").click();
    harness.run();
    // CSV is the default format, previewed as a table: only the 3 concessions remain.
    harness.get_by_label("3 annotations in 1 document");
    harness.get_by_label("holder_affiliation");
    assert_eq!(harness.get_all_by_label("concession").count(), 3);
    assert!(harness.query_by_label("claim").is_none());
    assert!(harness.query_by_label("position").is_none());

    harness.get_by_label("Raw cells (no formula guard)").click();
    harness.run();
    harness.get_by_label("Export…").click();
    harness.run();
    let request = &harness.state().requests[0];
    assert_eq!(request.options.tags, ["concession"]);
    assert!(request.options.raw);
    assert!(!request.options.excel);

    // The app writes the request; the file holds exactly what the preview showed.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(&request.file_name);
    request.write(&harness.state().project, &out).unwrap();
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        written
            .lines()
            .filter(|l| l.contains(",concession,"))
            .count(),
        3
    );
}

#[test]
fn brat_exports_to_a_folder_and_cancel_closes() {
    let mut harness = harness();
    harness.get_by_label("brat standoff folder").click();
    harness.run();
    harness.get_by_label_contains(".ann ──");
    harness.get_by_label_contains("position 185 217");
    assert!(harness.query_by_label("Export to Folder…").is_some());
    // The CSV-only options keep their row, so nothing moves, but cannot be used.
    harness.get_by(|n| {
        n.label().as_deref() == Some("Raw cells (no formula guard)") && n.is_disabled()
    });
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(!harness.state().is_open);
    assert!(harness.state().requests.is_empty());
}

#[test]
fn choosing_another_format_neither_moves_nor_resizes_the_dialog() {
    let mut harness = harness();
    harness.run();
    let place = |h: &Harness<'static, State>| {
        (
            h.get_by_label("Cancel").rect(),
            h.get_by_label("Markdown brief").rect(),
            h.get_by_label("Tags").rect(),
        )
    };
    let at_first = place(&harness);
    for format in [
        "JSON Lines",
        "brat standoff folder",
        "Markdown brief",
        "CSV (spreadsheet)",
    ] {
        harness.get_by_label(format).click();
        harness.run();
        let now = place(&harness);
        assert_eq!(now, at_first, "the dialog moved after choosing {format}");
    }
    // The CSV options stay in their row, greyed out for the other formats.
    harness.get_by_label("JSON").click();
    harness.run();
    harness.get_by_label("Raw cells (no formula guard)");
    assert_eq!(place(&harness), at_first);
}
