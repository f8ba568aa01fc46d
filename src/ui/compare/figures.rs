//! The agreement figures of the compare view: per document and in total, one row per pair
//! of annotators (written as words: the bundled font may lack Greek letters).

use egui::{RichText, Ui};

use crate::team::adjudication::Figures;
use crate::team::agreement::Agreement;
use crate::team::agreement::spans::SpanF1;

pub(super) fn figures_ui(ui: &mut Ui, figures: &Figures) {
    egui::CollapsingHeader::new("Agreement")
        .id_salt("compare_agreement")
        .default_open(true)
        .show(ui, |ui| {
            let Some(total) = &figures.total else {
                ui.label(
                    RichText::new(
                        "Agreement needs two annotators or more (by the annotator field).",
                    )
                    .weak(),
                );
                return;
            };
            // Both ways: nine columns are wider than a narrow view, and a table wider than
            // the view would widen the lanes below it past the sidebar.
            egui::ScrollArea::both()
                .id_salt("compare_agreement_scroll")
                .max_height(160.0)
                .show(ui, |ui| {
                    egui::Grid::new("agreement_grid")
                        .striped(true)
                        .num_columns(9)
                        .show(ui, |ui| {
                            for header in [
                                "Document",
                                "Annotators",
                                "Span F1 exact",
                                "Span F1 overlap",
                                "Cohen kappa tag",
                                "Cohen kappa holder",
                                "alpha tag",
                                "alpha holder",
                                "alpha U",
                            ] {
                                ui.label(RichText::new(header).strong());
                            }
                            ui.end_row();
                            rows_ui(ui, "Total", total);
                            for (title, agreement) in &figures.per_document {
                                rows_ui(ui, title, agreement);
                            }
                        });
                    let per_tag: Vec<String> = (total.alpha_u.iter())
                        .map(|(tag, alpha)| format!("{tag} {}", value(*alpha)))
                        .collect();
                    ui.label(
                        RichText::new(format!("alpha U per tag, in total: {}", per_tag.join(", ")))
                            .weak(),
                    );
                });
        });
}

/// One row per pair of annotators.
fn rows_ui(ui: &mut Ui, scope: &str, a: &Agreement) {
    for pair in &a.pairs {
        ui.label(crate::model::elide(scope));
        ui.label(format!("{} / {}", pair.first, pair.second));
        ui.label(f1(pair.exact));
        ui.label(f1(pair.overlap));
        ui.label(value(pair.kappa_tag));
        ui.label(value(pair.kappa_holder));
        ui.label(value(a.alpha_tag));
        ui.label(value(a.alpha_holder));
        ui.label(value(a.alpha_u_overall));
        ui.end_row();
    }
}

fn value(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"))
}

fn f1(f: SpanF1) -> String {
    format!("{} ({}/{}+{})", value(f.f1), f.matched, f.first, f.second)
}
