//! The evidence list under the map or timeline: the statements behind a cell (or one
//! timeline mark), with quotes and dates; clicking a quote opens it in the article.

use egui::{RichText, Ui};

use super::{AnalysisAction, Picked};
use crate::analysis::{Evidence, PositionMap, stance_word};
use crate::model::{AnnotationId, Project};
use crate::ui::article::bidi_text::{isolated, label};
use crate::ui::{tag_chip_ui, tag_color};

/// Draws the list; true if the user closed it.
pub(super) fn evidence_ui(
    ui: &mut Ui,
    project: &Project,
    map: &PositionMap,
    picked: Picked,
    actions: &mut Vec<AnalysisAction>,
) -> bool {
    let mut is_closed = false;
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.heading("Evidence");
        match picked {
            Picked::Cell { actor, issue } => {
                let name = project.actor(actor).map_or("", |a| a.name.as_str());
                let issue = project.issue_name(issue);
                label(
                    ui,
                    &format!("{} on {}", isolated(name), isolated(&issue)),
                    None,
                );
            }
            Picked::Mark(_) => {
                ui.label("One statement");
            }
        }
        if ui.button("Close").clicked() {
            is_closed = true;
        }
    });
    ui.weak("Click a quote to open it in the article.");
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("analysis_evidence_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| match picked {
            Picked::Cell { actor, issue } => {
                let cell = map
                    .row_of(actor)
                    .zip(map.column_of(issue))
                    .and_then(|(row, column)| map.cell(row, column));
                let Some(cell) = cell.filter(|c| !c.is_empty()) else {
                    ui.weak("No statements inside the filter.");
                    return;
                };
                // Newest first: the statement that sets the latest stance is on top.
                for e in cell.evidence.iter().rev() {
                    evidence_row_ui(ui, project, e, actions);
                }
            }
            Picked::Mark(id) => mark_ui(ui, project, id, actions),
        });
    is_closed
}

fn evidence_row_ui(
    ui: &mut Ui,
    project: &Project,
    e: &Evidence,
    actions: &mut Vec<AnalysisAction>,
) {
    let Some(a) = e.annotation(project) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        let date = e
            .when
            .date
            .map_or_else(|| "undated".to_owned(), |d| d.to_string());
        ui.monospace(date);
        let color = project
            .schema()
            .get(&a.tag)
            .map_or(egui::Color32::GRAY, |t| tag_color(t.color));
        tag_chip_ui(ui, project.schema().name(&a.tag), color);
        ui.label(RichText::new(stance_word(e.stance)).italics());
        if e.is_retracted {
            ui.label(RichText::new("retracted").color(ui.visuals().warn_fg_color));
        }
        if ui
            .link(quote_text(ui, &a.quote))
            .on_hover_text("Open in the article")
            .clicked()
        {
            actions.push(AnalysisAction::ShowInArticle(a.id));
        }
        if let Some(doc) = project.document(a.document) {
            ui.weak(format!("({})", doc.title));
        }
    });
}

fn mark_ui(ui: &mut Ui, project: &Project, id: AnnotationId, actions: &mut Vec<AnalysisAction>) {
    let Some(a) = project.annotation(id) else {
        ui.weak("The statement is gone.");
        return;
    };
    // When it was said (the time-order rule), not only when it was reported.
    let date = project
        .statement_date(a)
        .map_or_else(|| "undated".to_owned(), |d| d.to_string());
    ui.horizontal_wrapped(|ui| {
        ui.monospace(date);
        let strong = ui.visuals().strong_text_color();
        label(ui, &isolated(&project.holders_label(a)), Some(strong));
        ui.label(RichText::new(stance_word(a.single_stance())).italics());
        if ui
            .link(quote_text(ui, &a.quote))
            .on_hover_text("Open in the article")
            .clicked()
        {
            actions.push(AnalysisAction::ShowInArticle(a.id));
        }
    });
    let issues = project.issue_names(a);
    if !issues.is_empty() {
        ui.weak(format!("Issues: {}", issues.join(", ")));
    }
    for r in project.relations().iter().filter(|r| r.touches(id)) {
        let (word, other) = if r.from == id {
            (project.schema().relation_name(&r.kind).to_lowercase(), r.to)
        } else {
            (
                format!(
                    "answered by ({})",
                    project.schema().relation_name(&r.kind).to_lowercase()
                ),
                r.from,
            )
        };
        if let Some(o) = project.annotation(other) {
            ui.horizontal_wrapped(|ui| {
                ui.weak(word);
                if ui.link(quote_text(ui, &o.quote)).clicked() {
                    actions.push(AnalysisAction::ShowInArticle(o.id));
                }
            });
        }
    }
}

/// A quote for a link: right-to-left text in reading order.
fn quote_text(ui: &Ui, quote: &str) -> egui::WidgetText {
    let font = egui::TextStyle::Body.resolve(ui.style());
    crate::ui::article::bidi_text::widget_text(ui, quote, font, None)
}
