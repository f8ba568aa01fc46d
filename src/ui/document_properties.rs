//! The Document Properties dialog: a document's title, date, outlet, author, URL and
//! language, corrected after an import. Its answer is the new properties; the app applies
//! them as one undoable edit.

use egui::{Context, Id, RichText};

use crate::model::{Document, DocumentId, DocumentMeta};
use crate::ui::date_field::{DATE_HINT, date_edit, parse_date_field};

/// The form's text, for the document it was filled from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PropertiesForm {
    document: Option<DocumentId>,
    title: String,
    date: String,
    outlet: String,
    author: String,
    source: String,
    language: String,
}

/// The dialog's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PropertiesAnswer {
    Apply(DocumentId, DocumentMeta),
    Cancel,
}

impl PropertiesForm {
    fn fill(&mut self, doc: &Document) {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        *self = Self {
            document: Some(doc.id),
            title: doc.title.clone(),
            date: doc.date.map(|d| d.to_string()).unwrap_or_default(),
            outlet: text(&doc.outlet),
            author: text(&doc.author),
            source: text(&doc.source),
            language: text(&doc.language),
        };
    }

    /// The properties the form holds, or what is wrong with them.
    fn meta(&self) -> Result<DocumentMeta, String> {
        let date = parse_date_field(&self.date).map_err(|e| e.to_string())?;
        if self.title.trim().is_empty() {
            return Err("A document needs a title".to_owned());
        }
        let text = |value: &str| Some(value.to_owned());
        Ok(DocumentMeta {
            title: self.title.clone(),
            date,
            outlet: text(&self.outlet),
            author: text(&self.author),
            source: text(&self.source),
            language: text(&self.language),
        }
        .tidied())
    }

    /// Draws the dialog for `doc`; `Some` once answered.
    pub fn ui(&mut self, ctx: &Context, doc: &Document) -> Option<PropertiesAnswer> {
        if self.document != Some(doc.id) {
            self.fill(doc);
        }
        let mut answer = None;
        let modal = egui::Modal::new(Id::unique("document_properties")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.heading("Document Properties");
            ui.add_space(6.0);
            egui::Grid::new("document_properties_grid")
                .num_columns(2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    let fields = [
                        ("Title", &mut self.title, ""),
                        ("Date", &mut self.date, DATE_HINT),
                        ("Outlet", &mut self.outlet, "e.g. Reuters"),
                        ("Author", &mut self.author, ""),
                        (
                            "URL",
                            &mut self.source,
                            "https://… or the file it came from",
                        ),
                        ("Language", &mut self.language, "e.g. en"),
                    ];
                    for (name, value, hint) in fields {
                        let label = ui.label(name);
                        let edit = if name == "Date" {
                            date_edit(ui, value)
                        } else {
                            egui::TextEdit::singleline(value).hint_text(hint)
                        };
                        ui.add(
                            edit.id_salt(("document_property", name))
                                .desired_width(340.0),
                        )
                        .labelled_by(label.id);
                        ui.end_row();
                    }
                });
            ui.add_space(10.0);
            let meta = self.meta();
            ui.horizontal(|ui| {
                let apply = egui::Button::new(RichText::new("Apply").strong());
                if ui.add_enabled(meta.is_ok(), apply).clicked()
                    && let (Ok(meta), Some(id)) = (&meta, self.document)
                {
                    answer = Some(PropertiesAnswer::Apply(id, meta.clone()));
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(PropertiesAnswer::Cancel);
                }
                if let Err(problem) = meta {
                    ui.colored_label(ui.visuals().error_fg_color, problem);
                }
            });
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(PropertiesAnswer::Cancel);
        }
        if answer.is_some() {
            // The next opening fills the form afresh, even for the same document.
            self.document = None;
        }
        answer
    }
}
