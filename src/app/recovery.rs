//! Never losing work, the app's side: the recovery folder and autosave, the restore offer at
//! start, files changed on disk, saves that would overwrite someone else's change, and what
//! to open instead of a damaged file. The snapshots themselves are `io::recovery`'s.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::StanceApp;
use super::autosave::Autosave;
use super::intent::Dialog;
use crate::io::recovery::{Alternative, DiskStatus, RecoveryDir, RecoveryError, SnapshotInfo};
use crate::io::{FileFingerprint, FingerprintStatus, LoadError, fingerprint};
use crate::ui::file_name;
use crate::ui::recovery_dialogs::{
    ConflictChoice, DiskChoice, OpenInstead, RestoreChoice, RestoreEntry,
};

/// How often the open file is checked for changes made by other programs (one `stat`).
pub(super) const DISK_POLL_INTERVAL: Duration = Duration::from_secs(2);

/// The restore offer's state: the snapshots and their descriptions, index for index.
pub struct RestoreOffer {
    pub(super) snapshots: Vec<SnapshotInfo>,
    pub(super) entries: Vec<RestoreEntry>,
}

/// A file that failed to open, and what can be opened instead.
pub struct OpenFailed {
    pub(super) path: PathBuf,
    pub(super) title: String,
    pub(super) message: String,
    pub(super) alternatives: Vec<Alternative>,
    pub(super) shown: Vec<OpenInstead>,
}

/// Watching the open file for changes made elsewhere.
#[derive(Debug)]
pub(super) struct DiskWatch {
    pub(super) interval: Duration,
    next_check: Option<Instant>,
    /// The changed file the user chose to keep their version over ("Keep mine"): not
    /// reported again unless it changes once more.
    acknowledged: Option<FileFingerprint>,
    is_missing_told: bool,
}

impl Default for DiskWatch {
    fn default() -> Self {
        Self {
            interval: DISK_POLL_INTERVAL,
            next_check: None,
            acknowledged: None,
            is_missing_told: false,
        }
    }
}

impl DiskWatch {
    /// A newly opened or saved file: nothing is acknowledged about it yet.
    pub(super) fn reset(&mut self) {
        self.acknowledged = None;
        self.is_missing_told = false;
    }
}

impl StanceApp {
    /// Keeps unsaved work in `dir` from now on, and offers what earlier runs left there.
    /// With `repaint`, a finished snapshot wakes the window (to show an error at once).
    pub(super) fn enable_recovery(
        &mut self,
        dir: Result<RecoveryDir, RecoveryError>,
        repaint: Option<egui::Context>,
    ) {
        let started = dir.and_then(|dir| {
            let autosave = Autosave::start(&dir, &self.session.project, repaint)?;
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
                self.session.autosave = Some(autosave);
                self.recovery_dir = Some(dir);
                self.is_restore_offer_due = true;
            }
            Err(e) => self.report(
                "Unsaved work cannot be kept",
                format!("Recovery snapshots are off: {e}"),
            ),
        }
    }

    /// Shows the restore offer, once, as soon as no other dialog or error is open (an open
    /// error at start may offer a backup first).
    pub(super) fn offer_restore_when_free(&mut self) {
        if self.is_restore_offer_due
            && matches!(self.dialog, Dialog::None)
            && self.errors.is_empty()
        {
            self.is_restore_offer_due = false;
            self.offer_restore();
        }
    }

    /// Shows the restore offer if earlier runs left snapshots.
    fn offer_restore(&mut self) {
        let Some(dir) = &self.recovery_dir else {
            return;
        };
        let snapshots = dir.list().unwrap_or_default();
        if snapshots.is_empty() {
            return;
        }
        let entries = snapshots.iter().map(|info| describe(dir, info)).collect();
        self.open_dialog(Dialog::Restore(RestoreOffer { snapshots, entries }));
    }

    /// The restore offer's answer.
    pub(super) fn answer_restore(&mut self, ctx: &egui::Context, choice: RestoreChoice) {
        let Dialog::Restore(offer) = &mut self.dialog else {
            return;
        };
        let index = match choice {
            RestoreChoice::Later => {
                self.close_dialog();
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
            self.close_dialog();
        }
        match choice {
            RestoreChoice::Restore(_) => self.restore(ctx, &info),
            RestoreChoice::OpenSaved(_) => {
                // The snapshot stays: `stance recover` (or the next start) still offers it.
                if let Some(path) = info.header.project_path() {
                    self.open_path(&path);
                }
            }
            RestoreChoice::Discard(_) => {
                let Some(dir) = &self.recovery_dir else {
                    return;
                };
                if let Err(e) = dir.discard(&info) {
                    self.report("Could not discard the snapshot", e.to_string());
                }
            }
            RestoreChoice::Later => {}
        }
    }

    /// Opens a snapshot's project as unsaved work on its file, then lets the new autosave
    /// take it over before the old snapshot goes.
    pub(super) fn restore(&mut self, ctx: &egui::Context, info: &SnapshotInfo) {
        let Some(dir) = self.recovery_dir.clone() else {
            return;
        };
        let recovered = match dir.load(info) {
            Ok(recovered) => recovered,
            Err(e) => {
                self.report("Could not restore the snapshot", e.to_string());
                return;
            }
        };
        let path = recovered.header.project_path();
        self.replace_project(
            recovered.loaded.project,
            path.clone(),
            recovered.loaded.fingerprint,
        );
        self.session.history.mark_unsaved();
        let meta = self.session.snapshot_meta();
        if let Some(autosave) = &mut self.session.autosave {
            autosave.snapshot_now(meta, Instant::now());
            // The work is in the new snapshot before the old one is removed.
            autosave.flush();
        }
        if let Err(e) = dir.discard(info) {
            self.toasts
                .warning(ctx, format!("The old snapshot stays: {e}"));
        }
        let what = match &path {
            Some(path) => {
                self.prefs.remember_file(path);
                format!(
                    "Restored unsaved work on {}; Save writes it there",
                    file_name(path)
                )
            }
            None => "Restored unsaved work; Save asks where to write it".to_owned(),
        };
        self.toasts.info(ctx, what);
    }

    /// Once per frame: takes a snapshot when due, shows a snapshot error once, and asks
    /// for a repaint when the next snapshot is due.
    pub(super) fn autosave_tick(&mut self, ctx: &egui::Context) {
        let is_dirty = self.session.is_dirty();
        let session = &mut self.session;
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
            let meta = session.snapshot_meta();
            if let Some(autosave) = &mut session.autosave {
                autosave.resync(&session.project, meta);
            }
        }
        if let Some(error) = tick.error {
            self.toasts
                .warning(ctx, format!("Unsaved work could not be kept: {error}"));
        }
    }

    /// Checks every couple of seconds whether the open file changed under the app.
    pub(super) fn poll_disk(&mut self, ctx: &egui::Context) {
        let (Some(path), Some(expected)) = (&self.session.path, &self.session.fingerprint) else {
            return;
        };
        // Our own save changes the file until its new fingerprint arrives.
        if self.session.save_job.is_some() || self.is_modal_open() {
            return;
        }
        let now = Instant::now();
        if let Some(next) = self.disk.next_check
            && now < next
        {
            ctx.request_repaint_after(next - now);
            return;
        }
        self.disk.next_check = Some(now + self.disk.interval);
        // Tests poll every frame (a zero interval): no repaint loop for them.
        if !self.disk.interval.is_zero() {
            ctx.request_repaint_after(self.disk.interval);
        }
        // Read before the check: a change after it has a newer time, so it is not missed.
        let modified_before = modified_ns(path);
        match fingerprint::check(path, expected) {
            FingerprintStatus::Unchanged => {
                // Same bytes, new time (a `touch`, a checkout): keep the new time, so the
                // next checks are a `stat` again rather than a hash of the whole file.
                if let Some(mtime_ns) = modified_before
                    && let Some(fingerprint) = &mut self.session.fingerprint
                    && fingerprint.mtime_ns != mtime_ns
                {
                    fingerprint.mtime_ns = mtime_ns;
                }
            }
            FingerprintStatus::Changed => {
                let is_acknowledged = self.disk.acknowledged.as_ref().is_some_and(|seen| {
                    fingerprint::check(path, seen) == FingerprintStatus::Unchanged
                });
                if !is_acknowledged {
                    self.open_dialog(Dialog::DiskChanged {
                        is_confirming: false,
                    });
                }
            }
            FingerprintStatus::Missing => {
                if !self.disk.is_missing_told {
                    self.disk.is_missing_told = true;
                    let name = file_name(path);
                    self.toasts.warning(
                        ctx,
                        format!("{name} was moved or deleted; Save writes it again"),
                    );
                }
            }
        }
    }

    /// The changed-on-disk prompt's answer.
    pub(super) fn answer_disk_changed(&mut self, ctx: &egui::Context, choice: DiskChoice) {
        if !matches!(self.dialog, Dialog::DiskChanged { .. }) {
            return;
        }
        let Some(path) = self.session.path.clone() else {
            self.close_dialog();
            return;
        };
        match choice {
            DiskChoice::Reload if self.session.is_dirty() => {
                self.dialog = Dialog::DiskChanged {
                    is_confirming: true,
                };
            }
            DiskChoice::Reload | DiskChoice::ConfirmReload => {
                self.close_dialog();
                self.open_path(&path);
            }
            DiskChoice::Back => {
                self.dialog = Dialog::DiskChanged {
                    is_confirming: false,
                };
            }
            DiskChoice::KeepMine | DiskChoice::SaveAs => {
                self.close_dialog();
                // The session keeps the old fingerprint, so the next Save asks first.
                self.disk.acknowledged = FileFingerprint::of_file(&path).ok();
                if choice == DiskChoice::SaveAs {
                    self.start_save_as_dialog(ctx);
                }
            }
        }
    }

    /// The answer to "Overwrite changes made elsewhere?".
    pub(super) fn answer_save_conflict(&mut self, ctx: &egui::Context, choice: ConflictChoice) {
        if !matches!(self.dialog, Dialog::SaveConflict(_)) {
            return;
        }
        let Dialog::SaveConflict(path) = self.close_dialog() else {
            return;
        };
        match choice {
            ConflictChoice::Overwrite => self.write_project(ctx, &path, None),
            ConflictChoice::SaveAs => self.start_save_as_dialog(ctx),
            ConflictChoice::Cancel => {
                self.session.after_save = None;
                self.session.queued_save = None;
            }
        }
    }

    /// A project file failed to load: offer its backup or snapshots, if there are any.
    pub(super) fn open_failed(&mut self, path: &Path, error: &LoadError) {
        let title = format!("Could not open {}", file_name(path));
        let alternatives = crate::io::recovery::alternatives_in(self.recovery_dir.as_ref(), path);
        if alternatives.is_empty() {
            self.report(&title, error.to_string());
            return;
        }
        let shown = alternatives.iter().map(describe_alternative).collect();
        self.open_dialog(Dialog::OpenFailed(OpenFailed {
            path: path.to_path_buf(),
            title,
            message: error.to_string(),
            alternatives,
            shown,
        }));
    }

    /// The open error's answer: open an alternative, or just close.
    pub(super) fn answer_open_instead(&mut self, ctx: &egui::Context, index: Option<usize>) {
        if !matches!(self.dialog, Dialog::OpenFailed(_)) {
            return;
        }
        let Dialog::OpenFailed(failed) = self.close_dialog() else {
            return;
        };
        let Some(alternative) = index.and_then(|i| failed.alternatives.get(i)) else {
            return;
        };
        match alternative {
            Alternative::Snapshot(info) => {
                self.restore(ctx, info);
                // Chosen instead of the damaged file: Save replaces it without asking again.
                if self.session.path.as_deref() == Some(failed.path.as_path()) {
                    self.session.fingerprint = FileFingerprint::of_file(&failed.path).ok();
                }
            }
            Alternative::Backup { path: backup } => match crate::io::load_project(backup) {
                Ok(loaded) => {
                    // The backup's content, as unsaved work on the damaged file: Save repairs it.
                    let damaged = FileFingerprint::of_file(&failed.path).ok();
                    self.replace_project(loaded.project, Some(failed.path.clone()), damaged);
                    self.session.history.mark_unsaved();
                    self.toasts.info(
                        ctx,
                        format!(
                            "Opened the backup; Save replaces the damaged {}",
                            file_name(&failed.path)
                        ),
                    );
                }
                Err(e) => self.report(
                    &format!("Could not open {}", file_name(backup)),
                    e.to_string(),
                ),
            },
        }
    }

    /// Blocks until the recovery worker has written or deleted what was asked (tests, exit).
    pub fn flush_recovery(&self) {
        if let Some(autosave) = &self.session.autosave {
            autosave.flush();
        }
    }

    /// The snapshot file this window writes for its project, if recovery is on.
    #[must_use]
    pub fn snapshot_path(&self) -> Option<PathBuf> {
        self.session.autosave.as_ref().map(Autosave::snapshot_path)
    }

    /// True while the restore offer is shown.
    #[must_use]
    pub fn is_offering_restore(&self) -> bool {
        matches!(self.dialog, Dialog::Restore(_))
    }

    /// True while the changed-on-disk prompt is shown.
    #[must_use]
    pub fn is_disk_change_shown(&self) -> bool {
        matches!(self.dialog, Dialog::DiskChanged { .. })
    }

    /// The file a save refused to overwrite, while the app asks about it.
    #[must_use]
    pub fn save_conflict(&self) -> Option<&Path> {
        match &self.dialog {
            Dialog::SaveConflict(path) => Some(path),
            _ => None,
        }
    }
}

/// The file's modification time in nanoseconds since the Unix epoch, as fingerprints keep it.
fn modified_ns(path: &Path) -> Option<i128> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
    i128::try_from(since.as_nanos()).ok()
}

/// A snapshot as the restore offer shows it.
fn describe(dir: &RecoveryDir, info: &SnapshotInfo) -> RestoreEntry {
    let header = &info.header;
    let changes = match (info.disk, dir.diff_with_disk(info)) {
        (DiskStatus::Untitled, _) => format!(
            "a new project, never saved ({} annotation{})",
            header.annotations,
            if header.annotations == 1 { "" } else { "s" }
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
                    "recovery snapshot of {}, {} annotation(s)",
                    local.format("%Y-%m-%d %H:%M"),
                    info.header.annotations
                ),
            }
        }
    }
}
