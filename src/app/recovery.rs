//! The recovery controller — never losing work, the app's side: the recovery folder and the
//! autosave that keeps a snapshot of unsaved work, the restore offer at start, and what to
//! open instead of a damaged file. The snapshots themselves are `io::recovery`'s.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::autosave::Autosave;
use super::dialog::{Dialog, OpenFailed, RestoreOffer};
use super::intent::Intent;
use super::workbench::Workbench;
use crate::analysis::wording::counted;
use crate::io::recovery::{
    Alternative, AutosavePolicy, DiskStatus, PanicSlot, RecoveryDir, RecoveryError, SnapshotInfo,
};
use crate::io::{FileFingerprint, LoadError};
use crate::ui::file_name;
use crate::ui::recovery_dialogs::{OpenInstead, RestoreChoice, RestoreEntry};

/// Where unsaved work is kept, and how.
#[derive(Default)]
pub(super) struct Recovery {
    /// Where unsaved work is kept; `None` turns recovery off (tests, benchmarks).
    dir: Option<RecoveryDir>,
    /// Overrides the autosave timing (tests).
    pub(super) autosave_policy: Option<AutosavePolicy>,
    /// The panic hook's slot (the real window only).
    pub(super) panic_slot: Option<PanicSlot>,
    /// Recovery just started: offer the snapshots found once nothing else is shown.
    is_restore_offer_due: bool,
}

impl Recovery {
    /// Keeps unsaved work in `dir` from now on, and offers what earlier runs left there.
    /// With `repaint`, a finished snapshot wakes the window (to show an error at once).
    pub(super) fn enable(
        &mut self,
        wb: &mut Workbench,
        dir: Result<RecoveryDir, RecoveryError>,
        repaint: Option<egui::Context>,
    ) {
        let started = dir.and_then(|dir| {
            let autosave = Autosave::start(&dir, &wb.session.project, repaint)?;
            Ok((dir, autosave))
        });
        match started {
            Ok((dir, mut autosave)) => {
                if let Some(policy) = self.autosave_policy {
                    autosave.policy = policy;
                }
                if let Some(slot) = &self.panic_slot {
                    autosave.set_panic_slot(slot.clone());
                }
                dir.sweep_stale_locks();
                wb.session.autosave = Some(autosave);
                self.dir = Some(dir);
                self.is_restore_offer_due = true;
            }
            Err(e) => wb.dialogs.report(
                "Unsaved work cannot be kept",
                format!("Recovery snapshots are off: {e}"),
            ),
        }
    }

    /// Once per frame: the restore offer once nothing else is shown (an open error at start
    /// may offer a backup first), then the autosave — a snapshot when due, and what the
    /// recovery worker reports, as intents.
    pub(super) fn poll(
        &mut self,
        wb: &mut Workbench,
        ctx: &egui::Context,
        intents: &mut Vec<Intent>,
    ) {
        if self.is_restore_offer_due
            && matches!(wb.dialogs.current, Dialog::None)
            && wb.dialogs.errors.is_empty()
        {
            self.is_restore_offer_due = false;
            intents.push(Intent::OfferRestore);
        }
        let is_dirty = wb.session.is_dirty();
        let session = &mut wb.session;
        let Some(autosave) = &mut session.autosave else {
            return;
        };
        let now = Instant::now();
        let tick = autosave.tick(
            is_dirty,
            session.path.as_ref(),
            session.fingerprint.as_ref(),
            now,
        );
        if let Some(at) = tick.wake_at {
            ctx.request_repaint_after(at.saturating_duration_since(now));
        }
        if tick.needs_mirror {
            intents.push(Intent::RecoveryMirrorLost);
        }
        if let Some(error) = tick.error {
            intents.push(Intent::RecoveryFailed(error));
        }
    }

    /// Shows the restore offer if earlier runs left snapshots.
    pub(super) fn offer_restore(&self, wb: &mut Workbench) {
        let Some(dir) = &self.dir else {
            return;
        };
        let snapshots = dir.list().unwrap_or_default();
        if snapshots.is_empty() {
            return;
        }
        let entries = snapshots.iter().map(|info| describe(dir, info)).collect();
        wb.dialogs
            .open(Dialog::Restore(RestoreOffer { snapshots, entries }));
    }

    /// The restore offer's answer.
    pub(super) fn answer_restore(
        &self,
        wb: &mut Workbench,
        ctx: &egui::Context,
        choice: RestoreChoice,
    ) {
        let Dialog::Restore(offer) = &mut wb.dialogs.current else {
            return;
        };
        let index = match choice {
            RestoreChoice::Later => {
                wb.dialogs.close();
                return;
            }
            RestoreChoice::Restore(i) | RestoreChoice::OpenSaved(i) | RestoreChoice::Discard(i) => {
                i
            }
        };
        if index >= offer.snapshots.len() {
            return;
        }
        let info = offer.snapshots.remove(index);
        offer.entries.remove(index);
        if offer.snapshots.is_empty() || matches!(choice, RestoreChoice::Restore(_)) {
            wb.dialogs.close();
        }
        match choice {
            RestoreChoice::Restore(_) => self.restore(wb, ctx, &info),
            RestoreChoice::OpenSaved(_) => {
                // The snapshot stays: `stance recover` (or the next start) still offers it.
                if let Some(path) = info.header.project_path() {
                    wb.follow_up(Intent::OpenFile(path));
                }
            }
            RestoreChoice::Discard(_) => {
                let Some(dir) = &self.dir else {
                    return;
                };
                if let Err(e) = dir.discard(&info) {
                    wb.dialogs
                        .report("Could not discard the snapshot", e.to_string());
                }
            }
            RestoreChoice::Later => {}
        }
    }

    /// Opens a snapshot's project as unsaved work on its file, then lets the new autosave
    /// take it over before the old snapshot goes.
    fn restore(&self, wb: &mut Workbench, ctx: &egui::Context, info: &SnapshotInfo) {
        let Some(dir) = &self.dir else {
            return;
        };
        let recovered = match dir.load(info) {
            Ok(recovered) => recovered,
            Err(e) => {
                wb.dialogs
                    .report("Could not restore the snapshot", e.to_string());
                return;
            }
        };
        let path = recovered.header.project_path();
        wb.replace_project(
            recovered.loaded.project,
            path.clone(),
            recovered.loaded.fingerprint,
        );
        wb.session.history.mark_unsaved();
        let meta = wb.session.snapshot_meta();
        if let Some(autosave) = &mut wb.session.autosave {
            autosave.snapshot_now(meta, Instant::now());
            // The work is in the new snapshot before the old one is removed.
            autosave.flush();
        }
        if let Err(e) = dir.discard(info) {
            wb.toasts
                .warning(ctx, format!("The old snapshot stays: {e}"));
        }
        let what = match &path {
            Some(path) => {
                wb.prefs.remember_file(path);
                format!(
                    "Restored unsaved work on {}; Save writes it there",
                    file_name(path)
                )
            }
            None => "Restored unsaved work; Save asks where to write it".to_owned(),
        };
        wb.toasts.info(ctx, what);
    }

    /// The recovery worker could not keep a snapshot: said once per project.
    pub(super) fn failed(wb: &mut Workbench, ctx: &egui::Context, error: &RecoveryError) {
        wb.toasts
            .warning(ctx, format!("Unsaved work could not be kept: {error}"));
    }

    /// The worker's mirror went out of step (an edit failed on it): it starts again from the
    /// app's project, and snapshots that.
    pub(super) fn resync(wb: &mut Workbench) {
        let meta = wb.session.snapshot_meta();
        let session = &mut wb.session;
        if let Some(autosave) = &mut session.autosave {
            autosave.resync(&session.project, meta);
        }
    }

    /// A project file failed to load: offer its backup or snapshots, if there are any.
    pub(super) fn open_failed(&self, wb: &mut Workbench, path: &Path, error: &LoadError) {
        let title = format!("Could not open {}", file_name(path));
        let alternatives = crate::io::recovery::alternatives_in(self.dir.as_ref(), path);
        if alternatives.is_empty() {
            wb.dialogs.report(&title, error.to_string());
            return;
        }
        let shown = alternatives.iter().map(describe_alternative).collect();
        wb.dialogs.open(Dialog::OpenFailed(OpenFailed {
            path: path.to_path_buf(),
            title,
            message: error.to_string(),
            alternatives,
            shown,
        }));
    }

    /// The open error's answer: open an alternative, or just close.
    pub(super) fn answer_open_instead(
        &self,
        wb: &mut Workbench,
        ctx: &egui::Context,
        index: Option<usize>,
    ) {
        if !matches!(wb.dialogs.current, Dialog::OpenFailed(_)) {
            return;
        }
        let Dialog::OpenFailed(failed) = wb.dialogs.close() else {
            return;
        };
        let Some(alternative) = index.and_then(|i| failed.alternatives.get(i)) else {
            return;
        };
        match alternative {
            Alternative::Snapshot(info) => {
                self.restore(wb, ctx, info);
                // Chosen instead of the damaged file: Save replaces it without asking again.
                if wb.session.path.as_deref() == Some(failed.path.as_path()) {
                    wb.session.fingerprint = FileFingerprint::of_file(&failed.path).ok();
                }
            }
            Alternative::Backup { path: backup } => match crate::io::load_project(backup) {
                Ok(loaded) => {
                    // The backup's content, as unsaved work on the damaged file: Save repairs it.
                    let damaged = FileFingerprint::of_file(&failed.path).ok();
                    wb.replace_project(loaded.project, Some(failed.path.clone()), damaged);
                    wb.session.history.mark_unsaved();
                    wb.toasts.info(
                        ctx,
                        format!(
                            "Opened the backup; Save replaces the damaged {}",
                            file_name(&failed.path)
                        ),
                    );
                }
                Err(e) => wb.dialogs.report(
                    &format!("Could not open {}", file_name(backup)),
                    e.to_string(),
                ),
            },
        }
    }
}

/// Blocks until the recovery worker has written or deleted what was asked (tests, exit).
pub(super) fn flush(wb: &Workbench) {
    if let Some(autosave) = &wb.session.autosave {
        autosave.flush();
    }
}

/// The snapshot file this window writes for its project, if recovery is on.
pub(super) fn snapshot_path(wb: &Workbench) -> Option<PathBuf> {
    wb.session.autosave.as_ref().map(Autosave::snapshot_path)
}

/// A snapshot as the restore offer shows it.
fn describe(dir: &RecoveryDir, info: &SnapshotInfo) -> RestoreEntry {
    let header = &info.header;
    let changes = match (info.disk, dir.diff_with_disk(info)) {
        (DiskStatus::Untitled, _) => format!(
            "a new project, never saved ({})",
            counted(header.annotations, "annotation")
        ),
        (DiskStatus::Missing, _) => "the saved file is gone".to_owned(),
        (disk, Ok(Some(diff))) => {
            let note = if disk == DiskStatus::Changed {
                " (the file also changed since)"
            } else {
                ""
            };
            format!("{diff}{note}")
        }
        (_, Ok(None)) => "the saved file cannot be read".to_owned(),
        (_, Err(e)) => format!("the snapshot cannot be read: {e}"),
    };
    let project_path = header.project_path();
    RestoreEntry {
        can_open_saved: project_path.as_deref().is_some_and(Path::is_file),
        project_path,
        title: header.title.clone(),
        written_at: header.written_at,
        annotations: header.annotations,
        changes,
    }
}

fn describe_alternative(alternative: &Alternative) -> OpenInstead {
    match alternative {
        Alternative::Backup { path } => OpenInstead {
            label: format!("Open {}", file_name(path)),
            detail: "the version before the last save".to_owned(),
        },
        Alternative::Snapshot(info) => {
            let local: chrono::DateTime<chrono::Local> = info.header.written_at.into();
            OpenInstead {
                label: "Restore unsaved work".to_owned(),
                detail: format!(
                    "recovery snapshot of {}, {}",
                    local.format("%Y-%m-%d %H:%M"),
                    counted(info.header.annotations, "annotation")
                ),
            }
        }
    }
}
