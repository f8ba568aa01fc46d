//! Prompts about unsaved work and the file on disk: the restore offer at start, a file changed
//! under the app, a save that would overwrite someone else's change, and a file that failed
//! to open with something to open instead.
//!
//! Each returns what the user chose; the app acts on it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, Utc};
use egui::{Context, Id, RichText, Ui};

use super::file_name;

/// One snapshot offered at start, described for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestoreEntry {
    /// The project's file, or `None` for an untitled project.
    pub project_path: Option<PathBuf>,
    pub title: String,
    pub written_at: DateTime<Utc>,
    pub annotations: usize,
    /// What differs from the file on disk, e.g. "3 annotations added, 1 deleted".
    pub changes: String,
    /// The saved file exists and can be opened instead.
    pub can_open_saved: bool,
}

/// The answer to the restore offer, for the entry at an index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestoreChoice {
    Restore(usize),
    OpenSaved(usize),
    Discard(usize),
    /// Close the offer; the snapshots stay for later (`stance recover`).
    Later,
}

/// "3 minutes ago", "just now", "2 days ago".
#[must_use]
pub fn relative_time(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (now - then).num_seconds();
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    match seconds {
        ..60 => "just now".to_owned(),
        60..3600 => plural(seconds / 60, "minute"),
        3600..86_400 => plural(seconds / 3600, "hour"),
        _ => plural(seconds / 86_400, "day"),
    }
}

/// Shows the restore offer.
pub fn restore_ui(ctx: &Context, entries: &[RestoreEntry]) -> Option<RestoreChoice> {
    let mut choice = None;
    let now = Utc::now();
    let modal = egui::Modal::new(Id::unique("restore_offer")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading("Restore unsaved work?");
        ui.add_space(6.0);
        ui.label(
            "Stance closed without saving these changes. They were kept as recovery snapshots.",
        );
        ui.add_space(8.0);
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for (index, entry) in entries.iter().enumerate() {
                    ui.push_id(index, |ui| {
                        if let Some(c) = restore_entry_ui(ui, index, entry, now) {
                            choice = Some(c);
                        }
                    });
                    ui.add_space(6.0);
                }
            });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Later").clicked() {
                choice = Some(RestoreChoice::Later);
            }
            ui.weak("Snapshots you keep can be restored later with `stance recover`.");
        });
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(RestoreChoice::Later);
    }
    choice
}

fn restore_entry_ui(
    ui: &mut Ui,
    index: usize,
    entry: &RestoreEntry,
    now: DateTime<Utc>,
) -> Option<RestoreChoice> {
    let mut choice = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let which = entry.project_path.as_deref().map_or_else(
            || "Untitled (never saved)".to_owned(),
            |p| p.display().to_string(),
        );
        ui.label(RichText::new(&entry.title).strong());
        ui.label(which);
        let local: DateTime<Local> = entry.written_at.into();
        ui.weak(format!(
            "Written {} ({}) · {}",
            local.format("%Y-%m-%d %H:%M:%S"),
            relative_time(entry.written_at, now),
            crate::analysis::wording::counted(entry.annotations, "annotation")
        ));
        ui.label(format!("Changes: {}", entry.changes));
        ui.horizontal(|ui| {
            // Restore is what the offer is for: it stands out from the other choices.
            let restore = egui::Button::new(RichText::new("Restore").strong())
                .fill(ui.visuals().selection.bg_fill);
            if ui.add(restore).clicked() {
                choice = Some(RestoreChoice::Restore(index));
            }
            let open = ui.add_enabled(
                entry.can_open_saved,
                egui::Button::new("Open the saved file"),
            );
            if open.clicked() {
                choice = Some(RestoreChoice::OpenSaved(index));
            }
            if ui.button("Discard").clicked() {
                choice = Some(RestoreChoice::Discard(index));
            }
        });
    });
    choice
}

/// The answer when the project's file changed on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiskChoice {
    /// Reload the file (asks first when there are unsaved edits).
    Reload,
    /// Reload, losing the unsaved edits: the confirmation.
    ConfirmReload,
    /// Back from the confirmation.
    Back,
    /// Keep the version in the app; the next Save asks before overwriting.
    KeepMine,
    SaveAs,
}

/// Tells that `path` changed on disk; `is_dirty` says whether there are unsaved edits, and
/// `is_confirming` shows the reload confirmation.
pub fn disk_changed_ui(
    ctx: &Context,
    path: &Path,
    is_dirty: bool,
    is_confirming: bool,
) -> Option<DiskChoice> {
    let mut choice = None;
    let name = file_name(path);
    let modal = egui::Modal::new(Id::unique("disk_changed")).show(ctx, |ui| {
        ui.set_width(460.0);
        if is_confirming {
            ui.heading("Reload and lose your changes?");
            ui.add_space(6.0);
            ui.label(format!(
                "Your unsaved changes to “{name}” will be lost. This cannot be undone."
            ));
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if ui.button("Back").clicked() {
                    choice = Some(DiskChoice::Back);
                }
                if ui.button("Reload and lose changes").clicked() {
                    choice = Some(DiskChoice::ConfirmReload);
                }
            });
            return;
        }
        ui.heading(format!("“{name}” changed on disk"));
        ui.add_space(6.0);
        ui.label(format!(
            "Another program changed {} since Stance opened or saved it.",
            path.display()
        ));
        if is_dirty {
            ui.label("You also have unsaved changes here.");
        }
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            let reload = if is_dirty { "Reload…" } else { "Reload" };
            if ui.button(reload).clicked() {
                choice = Some(DiskChoice::Reload);
            }
            let keep = if is_dirty {
                "Keep mine"
            } else {
                "Keep this version"
            };
            if ui.button(keep).clicked() {
                choice = Some(DiskChoice::KeepMine);
            }
            if is_dirty && ui.button("Save As…").clicked() {
                choice = Some(DiskChoice::SaveAs);
            }
        });
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(if is_confirming {
            DiskChoice::Back
        } else {
            DiskChoice::KeepMine
        });
    }
    choice
}

/// The answer when a save found the file changed by someone else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictChoice {
    Overwrite,
    SaveAs,
    Cancel,
}

/// Asks before a save overwrites a file that changed on disk.
pub fn save_conflict_ui(ctx: &Context, path: &Path) -> Option<ConflictChoice> {
    let mut choice = None;
    let modal = egui::Modal::new(Id::unique("save_conflict")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading("Overwrite changes made elsewhere?");
        ui.add_space(6.0);
        ui.label(format!(
            "{} was changed by another program since Stance opened or saved it. Saving \
             replaces that version with yours (the old file is kept as .bak).",
            path.display()
        ));
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if ui.button("Overwrite").clicked() {
                choice = Some(ConflictChoice::Overwrite);
            }
            if ui.button("Save As…").clicked() {
                choice = Some(ConflictChoice::SaveAs);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(ConflictChoice::Cancel);
            }
        });
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(ConflictChoice::Cancel);
    }
    choice
}

/// Something to open instead of a file that failed to load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenInstead {
    /// The button's text, e.g. "Open talks.ron.bak".
    pub label: String,
    pub detail: String,
}

/// The open error with its alternatives; returns `Some(Some(i))` to open alternative `i`,
/// `Some(None)` to close.
pub fn open_failed_ui(
    ctx: &Context,
    title: &str,
    message: &str,
    alternatives: &[OpenInstead],
) -> Option<Option<usize>> {
    let mut choice = None;
    let modal = egui::Modal::new(Id::unique("open_failed")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.heading(RichText::new(title).color(ui.visuals().error_fg_color));
        ui.add_space(8.0);
        egui::ScrollArea::vertical()
            .max_height(200.0)
            .show(ui, |ui| {
                ui.add(egui::Label::new(RichText::new(message).monospace()).wrap());
            });
        ui.add_space(8.0);
        ui.label("You can open one of these instead:");
        for (index, alternative) in alternatives.iter().enumerate() {
            ui.horizontal(|ui| {
                if ui.button(&alternative.label).clicked() {
                    choice = Some(Some(index));
                }
                ui.weak(&alternative.detail);
            });
        }
        ui.add_space(12.0);
        if ui.button("Close").clicked() {
            choice = Some(None);
        }
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(None);
    }
    choice
}
