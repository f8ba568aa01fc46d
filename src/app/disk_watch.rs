//! The disk watcher: checks every couple of seconds whether the open project's file was
//! changed, moved or deleted by another program, reports what it finds as intents, and
//! answers the changed-on-disk prompt.

use std::path::Path;
use std::time::{Duration, Instant};

use super::dialog::Dialog;
use super::intent::{DiskEvent, Intent};
use super::workbench::Workbench;
use crate::io::{FileFingerprint, FingerprintStatus, fingerprint};
use crate::ui::Action;
use crate::ui::commands::Command;
use crate::ui::file_name;
use crate::ui::recovery_dialogs::DiskChoice;

/// How often the open file is checked for changes made by other programs (one `stat`).
pub(super) const DISK_POLL_INTERVAL: Duration = Duration::from_secs(2);

/// Watching the open file for changes made elsewhere.
#[derive(Debug)]
pub(super) struct DiskWatch {
    pub(super) interval: Duration,
    next_check: Option<Instant>,
    /// The session's file revision this watch is about; another one starts it over.
    file_revision: u64,
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
            file_revision: 0,
            acknowledged: None,
            is_missing_told: false,
        }
    }
}

impl DiskWatch {
    /// Checks the open file when a check is due, and reports a change as an intent.
    pub(super) fn poll(&mut self, wb: &Workbench, ctx: &egui::Context, intents: &mut Vec<Intent>) {
        if self.file_revision != wb.session.file_revision {
            // A newly opened or saved file: nothing is acknowledged about it yet.
            self.file_revision = wb.session.file_revision;
            self.acknowledged = None;
            self.is_missing_told = false;
        }
        let (Some(path), Some(expected)) = (&wb.session.path, &wb.session.fingerprint) else {
            return;
        };
        // Our own save changes the file until its new fingerprint arrives.
        if wb.session.save_job.is_some() || wb.dialogs.is_modal() {
            return;
        }
        let now = Instant::now();
        if let Some(next) = self.next_check
            && now < next
        {
            ctx.request_repaint_after(next - now);
            return;
        }
        self.next_check = Some(now + self.interval);
        // Tests poll every frame (a zero interval): no repaint loop for them.
        if !self.interval.is_zero() {
            ctx.request_repaint_after(self.interval);
        }
        // Read before the check: a change after it has a newer time, so it is not missed.
        let modified_before = modified_ns(path);
        match fingerprint::check(path, expected) {
            FingerprintStatus::Unchanged => {
                // Same bytes, new time (a `touch`, a checkout): keep the new time, so the
                // next checks are a `stat` again rather than a hash of the whole file.
                if let Some(mtime_ns) = modified_before
                    && expected.mtime_ns != mtime_ns
                {
                    intents.push(Intent::FileOnDisk(DiskEvent::Touched { mtime_ns }));
                }
            }
            FingerprintStatus::Changed => {
                let is_acknowledged = self.acknowledged.as_ref().is_some_and(|seen| {
                    fingerprint::check(path, seen) == FingerprintStatus::Unchanged
                });
                if !is_acknowledged {
                    intents.push(Intent::FileOnDisk(DiskEvent::Changed));
                }
            }
            FingerprintStatus::Missing => {
                if !self.is_missing_told {
                    intents.push(Intent::FileOnDisk(DiskEvent::Missing));
                }
            }
        }
    }

    /// What the watcher found: the prompt, a notice, or the file's new time kept.
    pub(super) fn found(&mut self, wb: &mut Workbench, ctx: &egui::Context, event: DiskEvent) {
        match event {
            DiskEvent::Changed => wb.dialogs.open(Dialog::DiskChanged {
                is_confirming: false,
            }),
            DiskEvent::Missing => {
                self.is_missing_told = true;
                if let Some(path) = &wb.session.path {
                    let name = file_name(path);
                    wb.toasts.warning(
                        ctx,
                        format!("{name} was moved or deleted; Save writes it again"),
                    );
                }
            }
            DiskEvent::Touched { mtime_ns } => {
                if let Some(fingerprint) = &mut wb.session.fingerprint {
                    fingerprint.mtime_ns = mtime_ns;
                }
            }
        }
    }

    /// The changed-on-disk prompt's answer.
    pub(super) fn answer(&mut self, wb: &mut Workbench, choice: DiskChoice) {
        if !matches!(wb.dialogs.current, Dialog::DiskChanged { .. }) {
            return;
        }
        let Some(path) = wb.session.path.clone() else {
            wb.dialogs.close();
            return;
        };
        match choice {
            DiskChoice::Reload if wb.session.is_dirty() => {
                wb.dialogs.current = Dialog::DiskChanged {
                    is_confirming: true,
                };
            }
            DiskChoice::Reload | DiskChoice::ConfirmReload => {
                wb.dialogs.close();
                wb.follow_up(Intent::OpenFile(path));
            }
            DiskChoice::Back => {
                wb.dialogs.current = Dialog::DiskChanged {
                    is_confirming: false,
                };
            }
            DiskChoice::KeepMine | DiskChoice::SaveAs => {
                wb.dialogs.close();
                // The session keeps the old fingerprint, so the next Save asks first.
                self.acknowledged = FileFingerprint::of_file(&path).ok();
                if choice == DiskChoice::SaveAs {
                    wb.follow_up(Action::Command(Command::SaveAs));
                }
            }
        }
    }
}

/// The file's modification time in nanoseconds since the Unix epoch, as fingerprints keep it.
fn modified_ns(path: &Path) -> Option<i128> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
    i128::try_from(since.as_nanos()).ok()
}
