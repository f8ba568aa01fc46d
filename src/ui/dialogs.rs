//! Modal prompts and notices: unsaved changes, errors, toasts, needs-repair, shortcuts, about.
//!
//! Each returns what the user chose; the app acts on it.

use egui::{Align2, Color32, Context, Id, RichText, Ui};

use super::commands::{Command, shortcut_text};
use crate::model::{AnnotationId, DocumentId, Orphan, Problem, Subject, TagSchema};

/// The answer to "Save changes?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    Save,
    Discard,
    Cancel,
}

/// Shows the unsaved-changes prompt; `what` says what happens next, e.g. "opening a file".
pub fn unsaved_prompt_ui(ctx: &Context, project_title: &str, what: &str) -> Option<UnsavedChoice> {
    let mut choice = None;
    let modal = egui::Modal::new(Id::unique("unsaved_prompt"))
        .frame(modal_frame(ctx))
        .show(ctx, |ui| {
            ui.set_width(400.0);
            ui.heading("Save changes?");
            ui.add_space(8.0);
            ui.add(
                egui::Label::new(format!(
                    "“{project_title}” has unsaved changes. Save them before {what}?"
                ))
                .wrap(),
            );
            ui.add_space(16.0);
            ui.horizontal(|ui| {
                // Discard sits apart from Save, so a hurried click does not lose work.
                if ui.button("Discard").clicked() {
                    choice = Some(UnsavedChoice::Discard);
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if primary_button_ui(ui, "Save").clicked() {
                        choice = Some(UnsavedChoice::Save);
                    }
                    if ui.button("Cancel").clicked() {
                        choice = Some(UnsavedChoice::Cancel);
                    }
                });
            });
        });
    if modal.should_close() && choice.is_none() {
        choice = Some(UnsavedChoice::Cancel);
    }
    choice
}

/// A prompt's frame: the popup look with room to breathe around the text and buttons.
fn modal_frame(ctx: &Context) -> egui::Frame {
    egui::Frame::popup(&ctx.global_style()).inner_margin(egui::Margin::same(16))
}

/// The button that does what the prompt suggests, filled so it stands out from the others.
pub(super) fn primary_button_ui(ui: &mut Ui, text: &str) -> egui::Response {
    let fill = ui.visuals().selection.bg_fill;
    ui.add(
        egui::Button::new(RichText::new(text).strong())
            .fill(fill)
            .min_size(egui::vec2(72.0, 0.0)),
    )
}

/// An error the user must acknowledge: what failed and the message naming the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorReport {
    pub title: String,
    pub message: String,
}

/// Shows an error dialog; returns true when dismissed.
pub fn error_ui(ctx: &Context, report: &ErrorReport) -> bool {
    let mut dismissed = false;
    let modal = egui::Modal::new(Id::unique("error_dialog"))
        .frame(modal_frame(ctx))
        .show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(RichText::new(&report.title).color(ui.visuals().error_fg_color));
            ui.add_space(8.0);
            egui::ScrollArea::vertical()
                .max_height(240.0)
                .show(ui, |ui| {
                    ui.add(egui::Label::new(RichText::new(&report.message).monospace()).wrap());
                });
            ui.add_space(16.0);
            ui.horizontal(|ui| {
                if ui.button("Copy message").clicked() {
                    ui.ctx().copy_text(report.message.clone());
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if primary_button_ui(ui, "OK").clicked() {
                        dismissed = true;
                    }
                });
            });
        });
    dismissed || modal.should_close()
}

/// A short-lived message in the corner, e.g. "Saved".
#[derive(Clone, Debug)]
pub struct Toast {
    pub text: String,
    pub is_warning: bool,
    /// `ctx.input().time` after which it disappears.
    pub until_s: f64,
}

const TOAST_SECONDS: f64 = 4.0;

/// Toasts waiting to fade.
#[derive(Default)]
pub struct Toasts {
    toasts: Vec<Toast>,
}

impl Toasts {
    pub fn info(&mut self, ctx: &Context, text: impl Into<String>) {
        self.push(ctx, text.into(), false);
    }

    pub fn warning(&mut self, ctx: &Context, text: impl Into<String>) {
        self.push(ctx, text.into(), true);
    }

    fn push(&mut self, ctx: &Context, text: String, is_warning: bool) {
        let now = ctx.input(|i| i.time);
        self.toasts.push(Toast {
            text,
            is_warning,
            until_s: now + TOAST_SECONDS,
        });
        self.toasts.retain(|t| t.until_s > now);
    }

    pub fn ui(&mut self, ctx: &Context) {
        let now = ctx.input(|i| i.time);
        self.toasts.retain(|t| t.until_s > now);
        if self.toasts.is_empty() {
            return;
        }
        egui::Area::new(Id::unique("toasts"))
            .anchor(Align2::RIGHT_BOTTOM, [-16.0, -40.0])
            .order(egui::Order::Foreground)
            .interactable(false)
            .show(ctx, |ui| {
                for toast in &self.toasts {
                    let visuals = ui.visuals();
                    let stroke = if toast.is_warning {
                        visuals.warn_fg_color
                    } else {
                        visuals.selection.bg_fill
                    };
                    egui::Frame::popup(ui.style())
                        .stroke(egui::Stroke::new(1.0, stroke))
                        .show(ui, |ui| {
                            ui.set_max_width(360.0);
                            ui.label(&toast.text);
                        });
                    ui.add_space(6.0);
                }
            });
        let next = self
            .toasts
            .iter()
            .map(|t| t.until_s - now)
            .fold(f64::INFINITY, f64::min);
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(next.max(0.05)));
    }
}

/// What the user asked for in the needs-repair window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepairChoice {
    Fix(AnnotationId),
    /// Accept a document's edited text and move its annotations to where their quotes are.
    Reanchor(DocumentId),
    Delete(AnnotationId),
    Select(AnnotationId),
    Close,
}

/// Lists the problems of a project that loaded in the "needs repair" state.
/// `orphans` are the annotations the last Re-anchor could not place.
pub fn repair_ui(
    ctx: &Context,
    file_name: &str,
    problems: &[Problem],
    orphans: &[Orphan],
) -> Option<RepairChoice> {
    let mut choice = None;
    let mut open = true;
    egui::Window::new("This project needs repair")
        .id(Id::unique("repair_window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .default_width(560.0)
        .anchor(Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            let found = match problems.len() {
                0 => None,
                1 => Some("1 problem".to_owned()),
                n => Some(format!("{n} problems")),
            };
            match found {
                Some(found) => ui.label(format!(
                    "{file_name} has {found}. Nothing was dropped: fix or delete the broken \
                     annotations below, or close this window and repair them by hand \
                     (the Project menu's Problems… reopens it)."
                )),
                None => ui.label(format!("{file_name} has no problems left.")),
            };
            ui.add_space(8.0);
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for problem in problems {
                        problem_row_ui(ui, problem, &mut choice);
                    }
                    if problems.is_empty() {
                        ui.label(RichText::new("All problems are fixed.").strong());
                    }
                    orphans_ui(ui, orphans);
                });
            ui.add_space(8.0);
            if ui.button("Close").clicked() {
                choice = Some(RepairChoice::Close);
            }
        });
    if !open {
        choice = Some(RepairChoice::Close);
    }
    choice
}

/// The annotations Re-anchor left where they were, with why.
fn orphans_ui(ui: &mut Ui, orphans: &[Orphan]) {
    if orphans.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new(format!(
            "Not placed by Re-anchor ({}), kept where they were:",
            orphans.len()
        ))
        .strong(),
    );
    for orphan in orphans {
        let quote = crate::model::text::quoted(&orphan.quote);
        ui.add(egui::Label::new(format!("{quote}: {}", orphan.reason)).wrap());
    }
}

fn problem_row_ui(ui: &mut Ui, problem: &Problem, choice: &mut Option<RepairChoice>) {
    ui.horizontal(|ui| {
        if let Problem::DocumentHashMismatch { document, .. } = problem
            && ui
                .button("Re-anchor")
                .on_hover_text(
                    "Accept the edited text and move each annotation to where its quote now is",
                )
                .clicked()
        {
            *choice = Some(RepairChoice::Reanchor(*document));
        }
        if let Subject::Annotation(id) = problem.subject() {
            let fix = match problem {
                Problem::UnknownHolder { .. } => "Drop the holder that is not an actor",
                Problem::QuoteMismatch { .. } => "Re-anchor the quote where it is in the text",
                Problem::RangeOutOfDocument { .. } | Problem::BadRanges { .. } => {
                    "Move the ranges to where the quote is in the text"
                }
                _ => "Re-anchor the quote in the text, or drop a missing holder",
            };
            if ui.button("Fix").on_hover_text(fix).clicked() {
                *choice = Some(RepairChoice::Fix(id));
            }
            if ui.button("Delete").clicked() {
                *choice = Some(RepairChoice::Delete(id));
            }
            if ui.button("Show").clicked() {
                *choice = Some(RepairChoice::Select(id));
            }
        }
        ui.add(egui::Label::new(problem.to_string()).wrap());
    });
    ui.separator();
}

/// Help → Keyboard Shortcuts, generated from [`Command`] and the tag schema; false once
/// the user closed it.
#[must_use]
pub fn shortcuts_ui(ctx: &Context, schema: &TagSchema) -> bool {
    let mut open = true;
    egui::Window::new("Keyboard Shortcuts")
        .id(Id::unique("shortcuts_window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_pos([200.0, 60.0])
        .show(ctx, |ui| {
            // Tall enough to show the whole list on a laptop screen instead of a short
            // scrolling strip; it still scrolls on small windows.
            let height_px = (ctx.content_rect().height() - 160.0).clamp(200.0, 640.0);
            egui::ScrollArea::vertical()
                .max_height(height_px)
                .min_scrolled_height(height_px)
                .show(ui, |ui| {
                    // The right margin keeps the scroll bar off the descriptions.
                    egui::Frame::new()
                        .inner_margin(egui::Margin {
                            right: 14,
                            ..egui::Margin::ZERO
                        })
                        .show(ui, |ui| shortcut_rows_ui(ui, schema));
                });
        });
    open
}

/// One row per shortcut, then how selecting in the article works.
fn shortcut_rows_ui(ui: &mut Ui, schema: &TagSchema) {
    egui::Grid::new("shortcuts_grid")
        .num_columns(2)
        .striped(true)
        .spacing([24.0, 6.0])
        .show(ui, |ui| {
            for tag in schema.live_tags() {
                if let Some(key) = tag.hotkey {
                    ui.label(RichText::new(key.to_string()).monospace().strong());
                    ui.label(format!("Tag the selected text as {}", tag.name));
                    ui.end_row();
                }
            }
            for &command in Command::ALL {
                let shortcuts = command.shortcuts();
                if shortcuts.is_empty() {
                    continue;
                }
                let keys: Vec<String> = shortcuts.iter().map(shortcut_text).collect();
                ui.label(RichText::new(keys.join("  /  ")).monospace().strong());
                ui.label(command.description());
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    ui.label(
        RichText::new(
            "In the article: drag to select (snaps to words; hold Alt for exact \
                         characters), double-click a word, triple-click a sentence, Shift+click \
                         or Shift+arrows to extend. Click plain text to place a caret (or press / \
                         to find words), then Shift+arrows (with Ctrl: by words) select from it and \
                         a tag key tags. Click a highlight to select it; click again to cycle \
                         through overlapping ones. Alt+Left/Right move the selected annotation's \
                         start by a word, Alt+Shift+Left/Right its end.",
        )
        .weak(),
    );
    ui.label(RichText::new(crate::ui::compare::QUEUE_KEYS_HELP).weak());
}

/// Help → About; false once the user closed it.
#[must_use]
pub fn about_ui(ctx: &Context) -> bool {
    let mut open = true;
    egui::Window::new("About Stance")
        .id(Id::unique("about_window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.set_width(360.0);
            ui.heading(format!("Stance {}", env!("CARGO_PKG_VERSION")));
            ui.add_space(4.0);
            // The package description already says what Stance is for; no second paraphrase.
            ui.add(egui::Label::new(env!("CARGO_PKG_DESCRIPTION")).wrap());
            ui.add_space(8.0);
            ui.label("Press F1 for the keyboard shortcuts.");
            ui.add_space(8.0);
            ui.label(RichText::new(format!("Licence: {}", env!("CARGO_PKG_LICENSE"))).weak());
        });
    open
}

/// The colour of the unsaved-changes dot in the status bar.
#[must_use]
pub fn dirty_color(ui: &Ui) -> Color32 {
    ui.visuals().warn_fg_color
}

/// What deleting an actor does to the annotations that name it, `uses` being (held, held or
/// targeted): "8 annotations will lose their holder."
#[must_use]
pub fn delete_actor_consequence(uses: (usize, usize)) -> String {
    let (held, total) = uses;
    let role = if held == total {
        "holder"
    } else if held == 0 {
        "target"
    } else {
        "holder or target"
    };
    match total {
        0 => "No annotation uses this actor.".to_owned(),
        1 => format!("1 annotation will lose its {role}."),
        n => format!("{n} annotations will lose their {role}."),
    }
}

/// Asks before deleting an actor, naming it and the annotations it leaves without a holder:
/// `Some(true)` delete, `Some(false)` cancel.
pub fn confirm_delete_actor_ui(ctx: &Context, name: &str, uses: (usize, usize)) -> Option<bool> {
    let mut choice = None;
    let modal = egui::Modal::new(Id::unique("confirm_delete_actor"))
        .frame(modal_frame(ctx))
        .show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading("Delete actor?");
            ui.add_space(6.0);
            ui.label(format!("Delete {name}? {}", delete_actor_consequence(uses)));
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if primary_button_ui(ui, "Delete").clicked() {
                    choice = Some(true);
                }
                if ui.button("Cancel").clicked() {
                    choice = Some(false);
                }
            });
        });
    if modal.should_close() && choice.is_none() {
        choice = Some(false);
    }
    choice
}

/// Asks before an export replaces an existing file: `Some(true)` replace, `Some(false)` cancel.
pub fn confirm_overwrite_ui(ctx: &Context, path: &std::path::Path) -> Option<bool> {
    let mut choice = None;
    let modal = egui::Modal::new(Id::unique("confirm_overwrite")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading("Replace the existing file?");
        ui.add_space(6.0);
        ui.label(format!("{} already exists. Replace it?", path.display()));
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if ui.button(RichText::new("Replace").strong()).clicked() {
                choice = Some(true);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(false);
            }
        });
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(false);
    }
    choice
}
