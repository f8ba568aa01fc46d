//! The import review table: before a multi-document import is added, one row per article
//! with its title, date, outlet and author, each with where it came from, for the analyst to
//! correct or leave out. Adding is one undo step; refused files are listed below the table.

use egui::{Color32, Context, Id, RichText};

use crate::analysis::wording::counted;
use crate::ui::date_field::{date_edit, parse_date_field};

/// One property of a row: its text and where it came from (`first line`, `file name`…;
/// `typed in` once edited).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewField {
    pub value: String,
    pub source: String,
}

/// One article of the import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewRow {
    pub is_included: bool,
    /// Where it was read: `export.txt (article 3 of 12, line 240)`.
    pub origin: String,
    pub title: ReviewField,
    /// `YYYY-MM-DD`, or empty.
    pub date: ReviewField,
    pub outlet: ReviewField,
    pub author: ReviewField,
    /// Why it is left out by default (the project has its text already).
    pub note: Option<String>,
}

/// The table's state: the rows as corrected so far, and what was refused.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReview {
    pub rows: Vec<ReviewRow>,
    /// `file: reason` lines.
    pub refused: Vec<String>,
    /// The outlet the "Set for all ticked" field holds.
    outlet_for_all: String,
}

/// The analyst's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewAnswer {
    /// Add the ticked rows as corrected.
    Add(Vec<ReviewRow>),
    Cancel,
}

/// What a source reads once the analyst has typed over it.
pub const TYPED_IN: &str = "typed in";

impl ImportReview {
    #[must_use]
    pub fn new(rows: Vec<ReviewRow>, refused: Vec<String>) -> Self {
        Self {
            rows,
            refused,
            outlet_for_all: String::new(),
        }
    }

    /// Draws the table as a modal window; `Some` once answered.
    pub fn ui(&mut self, ctx: &Context) -> Option<ReviewAnswer> {
        let mut answer = None;
        let modal = egui::Modal::new(Id::unique("import_review")).show(ctx, |ui| {
            let screen = ctx.content_rect();
            ui.set_width((screen.width() - 80.0).clamp(480.0, 1100.0));
            ui.heading("Review the import");
            ui.label(
                "Check each article's title, date and outlet before it is added. Where each \
                 came from is shown under it; correct any that are wrong, untick any to leave out.",
            );
            ui.add_space(6.0);
            self.outlet_for_all_ui(ui);
            ui.add_space(6.0);
            egui::ScrollArea::both()
                .max_height((screen.height() - 260.0).max(160.0))
                .auto_shrink([false, true])
                .show(ui, |ui| self.table_ui(ui));
            if !self.refused.is_empty() {
                ui.add_space(6.0);
                ui.label(RichText::new(format!("Not imported ({})", self.refused.len())).strong());
                for refused in &self.refused {
                    ui.label(RichText::new(refused).color(ui.visuals().warn_fg_color));
                }
            }
            ui.add_space(10.0);
            answer = self.buttons_ui(ui);
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(ReviewAnswer::Cancel);
        }
        answer
    }

    fn outlet_for_all_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let label = ui.label("Outlet for all ticked");
            ui.add(
                egui::TextEdit::singleline(&mut self.outlet_for_all)
                    .desired_width(220.0)
                    .hint_text("e.g. The Geneva Ledger"),
            )
            .labelled_by(label.id);
            let can_set = !self.outlet_for_all.trim().is_empty();
            if ui.add_enabled(can_set, egui::Button::new("Set")).clicked() {
                for row in self.rows.iter_mut().filter(|r| r.is_included) {
                    row.outlet.value = self.outlet_for_all.trim().to_owned();
                    row.outlet.source = TYPED_IN.to_owned();
                }
            }
        });
    }

    fn table_ui(&mut self, ui: &mut egui::Ui) {
        egui::Grid::new("import_review_rows")
            .num_columns(6)
            .striped(true)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                for heading in ["Add", "Title", "Date", "Outlet", "Author", "From"] {
                    ui.label(RichText::new(heading).strong());
                }
                ui.end_row();
                for (index, row) in self.rows.iter_mut().enumerate() {
                    row_ui(ui, index, row);
                    ui.end_row();
                }
            });
    }

    fn buttons_ui(&self, ui: &mut egui::Ui) -> Option<ReviewAnswer> {
        let count = self.rows.iter().filter(|r| r.is_included).count();
        let bad_date = (self.rows.iter()).find_map(|r| {
            r.is_included
                .then(|| parse_date_field(&r.date.value).err())
                .flatten()
        });
        let empty_title =
            (self.rows.iter()).any(|r| r.is_included && r.title.value.trim().is_empty());
        let mut answer = None;
        ui.horizontal(|ui| {
            let add = RichText::new(format!("Add {}", counted(count, "document"))).strong();
            let add = egui::Button::new(add);
            if ui
                .add_enabled(count > 0 && bad_date.is_none() && !empty_title, add)
                .clicked()
            {
                answer = Some(ReviewAnswer::Add(self.rows.clone()));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(ReviewAnswer::Cancel);
            }
            if let Some(bad_date) = bad_date {
                ui.colored_label(ui.visuals().error_fg_color, bad_date.to_string());
            } else if empty_title {
                ui.colored_label(ui.visuals().error_fg_color, "Every article needs a title");
            }
        });
        answer
    }
}

/// One row: the tick, four editable fields with their sources, and where it was read.
fn row_ui(ui: &mut egui::Ui, index: usize, row: &mut ReviewRow) {
    ui.vertical(|ui| {
        ui.checkbox(&mut row.is_included, "").widget_info(|| {
            egui::WidgetInfo::selected(
                egui::Role::CheckBox,
                true,
                row.is_included,
                format!("Add article {}", index + 1),
            )
        });
    });
    let widths = [320.0, 96.0, 150.0, 150.0];
    let names = ["Title", "Date", "Outlet", "Author"];
    let fields = [
        &mut row.title,
        &mut row.date,
        &mut row.outlet,
        &mut row.author,
    ];
    for ((field, width), name) in fields.into_iter().zip(widths).zip(names) {
        ui.vertical(|ui| {
            // A grid sizes its columns from what their cells used last frame: without a
            // minimum, a text field that fits the space it is given never grows.
            ui.set_min_width(width);
            let edit = if name == "Date" {
                date_edit(ui, &mut field.value)
            } else {
                egui::TextEdit::singleline(&mut field.value)
            };
            let edit = edit.id_salt(("review", index, name)).desired_width(width);
            let response = ui.add_enabled(row.is_included, edit);
            let response = response.on_hover_text(format!("{name} of article {}", index + 1));
            response.widget_info(|| {
                egui::WidgetInfo::text_edit(
                    true,
                    String::new(),
                    &field.value,
                    format!("{name} of article {}", index + 1),
                )
            });
            if response.changed() {
                field.source = TYPED_IN.to_owned();
            }
            let source = if field.value.trim().is_empty() {
                "none found"
            } else {
                field.source.as_str()
            };
            ui.label(RichText::new(source).small().color(Color32::GRAY));
        });
    }
    ui.vertical(|ui| {
        ui.label(RichText::new(&row.origin).small());
        if let Some(note) = &row.note {
            ui.label(
                RichText::new(note)
                    .small()
                    .color(ui.visuals().warn_fg_color),
            );
        }
    });
}

/// The progress of articles read in the background (a long PDF): what is read, and a bar.
pub fn reading_ui(ctx: &Context, what: &str, fraction: f32) {
    egui::Window::new("Importing")
        .id(Id::unique("import_progress"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_BOTTOM, [0.0, -48.0])
        .show(ctx, |ui| {
            ui.label(what);
            ui.add(
                egui::ProgressBar::new(fraction)
                    .show_percentage()
                    .desired_width(320.0),
            );
        });
}
