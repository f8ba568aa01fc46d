//! The saving controller: Save and Save As, big projects written on a worker thread, saves
//! that find their file changed by someone else, and what waits for a save to finish.

use std::path::Path;
use std::sync::mpsc::TryRecvError;

use super::dialog::Dialog;
use super::intent::Intent;
use super::repair;
use super::session::SaveJob;
use super::workbench::Workbench;
use crate::io::file_kind::{PROJECT_EXTENSION, PROJECT_EXTENSIONS};
use crate::io::{FileFingerprint, SaveError};
use crate::ui::file_dialog::{DialogPurpose, DialogRequest};
use crate::ui::file_name;
use crate::ui::recovery_dialogs::ConflictChoice;

/// Projects whose file would be larger than this are serialised and written on a worker
/// thread. `stance bench` measured a 57 ms frame saving a 1 MiB article with 10,000
/// annotations on the UI thread; cloning it for the worker takes about 1 ms.
const BACKGROUND_SAVE_BYTES: usize = 256 * 1024;
/// About what one annotation adds to a project file (ids, ranges, quote, times).
const FILE_BYTES_PER_ANNOTATION: usize = 400;

/// Saves to the current file, or asks where first.
pub(super) fn save(wb: &mut Workbench, ctx: &egui::Context) {
    // A first Save As still writing has not set `path` yet, but its file is the target.
    let target =
        (wb.session.path.clone()).or_else(|| wb.session.save_job.as_ref().map(|j| j.path.clone()));
    match target {
        Some(path) => save_to(wb, ctx, &path),
        None => start_save_as_dialog(wb, ctx),
    }
}

/// File → Save As…: asks where to save, suggesting the project's file or title.
pub(super) fn start_save_as_dialog(wb: &mut Workbench, ctx: &egui::Context) {
    let suggested = wb.session.path.as_deref().map_or_else(
        || {
            let stem = crate::io::file_name::sanitize_file_stem(wb.session.project.title());
            let stem = if stem.is_empty() {
                "project".to_owned()
            } else {
                stem
            };
            format!("{stem}.{PROJECT_EXTENSION}")
        },
        file_name,
    );
    let request = DialogRequest::new(DialogPurpose::SaveProjectAs, "Save Project As")
        .filter("Stance project", PROJECT_EXTENSIONS)
        .file_name(suggested)
        .directory(wb.dialog_directory());
    wb.file_dialogs.start(request, ctx);
}

/// Writes the project to `path`: big projects on a worker thread, so the window never
/// freezes; the file is replaced atomically either way. Saving over the open file first
/// checks that nobody else changed it; if someone did, the app asks. It is refused while an
/// article's text was changed outside Stance (see `repair::refuse_save_over_changed_text`).
pub(super) fn save_to(wb: &mut Workbench, ctx: &egui::Context, path: &Path) {
    let is_own_file = wb.session.path.as_deref() == Some(path);
    if is_own_file && repair::refuse_save_over_changed_text(wb, ctx) {
        return;
    }
    let expected = if is_own_file {
        wb.session.fingerprint.clone()
    } else {
        None
    };
    write_project(wb, ctx, path, expected);
}

/// [`save_to`], refusing if the file is no longer `expected` (`None`: no check).
pub(super) fn write_project(
    wb: &mut Workbench,
    ctx: &egui::Context,
    path: &Path,
    expected: Option<FileFingerprint>,
) {
    let session = &mut wb.session;
    if session.save_job.is_some() {
        // Two writers racing to one file could leave the older snapshot there last.
        session.queued_save = Some(path.to_path_buf());
        return;
    }
    let text_bytes: usize = session
        .project
        .documents()
        .iter()
        .map(|d| d.text.len())
        .sum();
    let file_bytes = text_bytes + session.project.annotations().len() * FILE_BYTES_PER_ANNOTATION;
    if file_bytes < BACKGROUND_SAVE_BYTES {
        let result = crate::io::save_project_checked(path, &session.project, expected.as_ref());
        let state = session.history.current_state();
        finish_save(wb, ctx, path, state, result);
        return;
    }
    let snapshot = session.project.clone();
    let (sender, receiver) = std::sync::mpsc::channel();
    let target = path.to_path_buf();
    let repaint = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("save-project".to_owned())
        .spawn(move || {
            let result = crate::io::save_project_checked(&target, &snapshot, expected.as_ref());
            let _sent = sender.send(result);
            repaint.request_repaint();
        });
    match spawned {
        Ok(_) => {
            session.save_job = Some(SaveJob {
                receiver,
                path: path.to_path_buf(),
                state: session.history.current_state(),
            });
            wb.toasts.info(ctx, "Saving…");
        }
        Err(e) => wb
            .dialogs
            .report("Could not save", format!("{}: {e}", path.display())),
    }
}

fn finish_save(
    wb: &mut Workbench,
    ctx: &egui::Context,
    path: &Path,
    state: u64,
    result: Result<FileFingerprint, SaveError>,
) {
    match result {
        Ok(fingerprint) => {
            // Edits made while a background save ran are not in the file.
            if wb.session.history.current_state() == state {
                wb.session.history.mark_saved();
                if let Some(autosave) = &mut wb.session.autosave {
                    autosave.delete();
                }
            }
            wb.session
                .set_file(Some(path.to_path_buf()), Some(fingerprint));
            wb.remember_position();
            wb.prefs.remember_file(path);
            wb.toasts.info(ctx, format!("Saved {}", file_name(path)));
            if let Some(next) = wb.session.queued_save.take() {
                // What waits for a save (e.g. Quit) waits for the one with the newest edits.
                save_to(wb, ctx, &next);
            } else if let Some(pending) = wb.session.after_save.take() {
                wb.follow_up(Intent::Perform(pending));
            }
        }
        Err(SaveError::ChangedOnDisk { path }) => {
            // What waits for the save (e.g. Quit) goes on once the user has answered.
            wb.session.queued_save = None;
            wb.dialogs.open(Dialog::SaveConflict(path));
        }
        Err(e) => {
            wb.session.after_save = None;
            wb.session.queued_save = None;
            wb.dialogs
                .report("Could not save the project", e.to_string());
        }
    }
}

/// The background save, as an intent once it has ended.
pub(super) fn poll(wb: &Workbench, intents: &mut Vec<Intent>) {
    if let Some(job) = &wb.session.save_job {
        match job.receiver.try_recv() {
            Ok(result) => intents.push(Intent::SaveFinished(Some(result))),
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => intents.push(Intent::SaveFinished(None)),
        }
    }
}

/// The background save ended: with its result, or `None` if its thread died.
pub(super) fn background_save_finished(
    wb: &mut Workbench,
    ctx: &egui::Context,
    result: Option<Result<FileFingerprint, SaveError>>,
) {
    let Some(job) = wb.session.save_job.take() else {
        return;
    };
    match result {
        Some(result) => finish_save(wb, ctx, &job.path, job.state, result),
        None => {
            wb.session.after_save = None;
            wb.session.queued_save = None;
            let path = job.path.display();
            wb.dialogs.report(
                "Could not save the project",
                format!("{path}: the save stopped unexpectedly"),
            );
        }
    }
}

/// The answer to "Overwrite changes made elsewhere?".
pub(super) fn answer_conflict(wb: &mut Workbench, ctx: &egui::Context, choice: ConflictChoice) {
    if !matches!(wb.dialogs.current, Dialog::SaveConflict(_)) {
        return;
    }
    let Dialog::SaveConflict(path) = wb.dialogs.close() else {
        return;
    };
    match choice {
        ConflictChoice::Overwrite => write_project(wb, ctx, &path, None),
        ConflictChoice::SaveAs => start_save_as_dialog(wb, ctx),
        ConflictChoice::Cancel => {
            wb.session.after_save = None;
            wb.session.queued_save = None;
        }
    }
}
