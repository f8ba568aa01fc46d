//! "What changed": pick two dates or two documents and list what moved between them.

use egui::{RichText, Ui};

use super::AnalysisAction;
use super::map::elide_to;
use crate::analysis::{ChangeKind, Changes, Cutoff, stance_word};
use crate::model::Project;

/// The two points picked.
#[derive(Default)]
pub(super) struct ChangesState {
    before: Option<Cutoff>,
    after: Option<Cutoff>,
}

impl ChangesState {
    /// The two pickers; the pair once both are chosen.
    pub(super) fn cutoffs_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
    ) -> Option<(Cutoff, Cutoff)> {
        let choices = choices(project);
        if self.before.is_none() && self.after.is_none() {
            // Start with the last two dates: what the latest round changed.
            let dates: Vec<Cutoff> = (choices.iter())
                .map(|c| c.0)
                .filter(|c| matches!(c, Cutoff::Date(_)))
                .collect();
            if let [.., before, after] = dates[..] {
                self.before = Some(before);
                self.after = Some(after);
            }
        }
        ui.horizontal(|ui| {
            ui.label("Between");
            cutoff_combo_ui(ui, "changes_before", &choices, &mut self.before);
            ui.label("and");
            cutoff_combo_ui(ui, "changes_after", &choices, &mut self.after);
        });
        ui.weak(
            "A date includes everything said up to that day; a document, everything up to its end.",
        );
        ui.separator();
        Some((self.before?, self.after?))
    }
}

/// Every date with documents, then each document, in time order.
fn choices(project: &Project) -> Vec<(Cutoff, String)> {
    let mut dates: Vec<chrono::NaiveDate> =
        project.documents().iter().filter_map(|d| d.date).collect();
    dates.sort_unstable();
    dates.dedup();
    let mut docs: Vec<(Option<chrono::NaiveDate>, usize)> =
        (project.documents().iter().enumerate())
            .map(|(i, d)| (d.date, i))
            .collect();
    docs.sort_unstable();
    // The day before the first article: comparing with it lists everything said.
    let start = dates
        .first()
        .and_then(chrono::NaiveDate::pred_opt)
        .map(|d| {
            (
                Cutoff::Date(d),
                format!("Before {}", d.succ_opt().unwrap_or(d)),
            )
        });
    let mut out: Vec<(Cutoff, String)> = start
        .into_iter()
        .chain(
            dates
                .into_iter()
                .map(|d| (Cutoff::Date(d), format!("Date {d}"))),
        )
        .collect();
    out.extend(docs.into_iter().filter_map(|(date, i)| {
        let doc = project.documents().get(i)?;
        let date = date.map_or_else(|| "undated".to_owned(), |d| d.to_string());
        Some((
            Cutoff::Document(doc.id),
            format!("{date}: {}", elide_to(&doc.title, 40)),
        ))
    }));
    out
}

fn cutoff_combo_ui(
    ui: &mut Ui,
    id: &str,
    choices: &[(Cutoff, String)],
    value: &mut Option<Cutoff>,
) {
    let selected = value
        .and_then(|v| choices.iter().find(|c| c.0 == v))
        .map_or("Choose...", |c| c.1.as_str());
    egui::ComboBox::from_id_salt(id)
        .selected_text(selected)
        .width(260.0)
        .show_ui(ui, |ui| {
            for (cutoff, label) in choices {
                ui.selectable_value(value, Some(*cutoff), label);
            }
        });
}

pub(super) fn changes_list_ui(
    ui: &mut Ui,
    project: &Project,
    found: &Changes,
    actions: &mut Vec<AnalysisAction>,
) {
    if found.changes.is_empty() {
        ui.label("Nothing changed between these two points.");
        return;
    }
    ui.label(format!("{} change(s):", found.changes.len()));
    egui::ScrollArea::vertical()
        .id_salt("analysis_changes_scroll")
        .auto_shrink([false, false])
        .show_rows(
            ui,
            ui.spacing().interact_size.y * 1.6,
            found.changes.len(),
            |ui, rows| {
                for change in &found.changes[rows] {
                    ui.horizontal(|ui| {
                        let what = match &change.kind {
                            ChangeKind::NewPosition { stance } => {
                                format!("New position ({})", stance_word(*stance))
                            }
                            ChangeKind::Flipped { from, to } => format!("Flipped: {from} -> {to}"),
                            ChangeKind::Concession { .. } => "Concession".to_owned(),
                            ChangeKind::Retraction { .. } => "Retraction".to_owned(),
                        };
                        ui.label(RichText::new(what).strong());
                        let actor = change
                            .actor
                            .and_then(|a| project.actor(a))
                            .map_or("(no holder)", |a| a.name.as_str());
                        let issue = change
                            .issue
                            .map(|i| project.issue_name(i))
                            .unwrap_or_default();
                        ui.label(format!("{actor} on {issue}"));
                        let date = change
                            .evidence
                            .when
                            .date
                            .map_or_else(|| "undated".to_owned(), |d| d.to_string());
                        ui.monospace(date);
                        let quote = elide_to(change.evidence.quote(project), 90);
                        let font = egui::TextStyle::Body.resolve(ui.style());
                        let quote =
                            crate::ui::article::bidi_text::widget_text(ui, &quote, font, None);
                        if ui
                            .link(quote)
                            .on_hover_text("Open in the article")
                            .clicked()
                        {
                            actions.push(AnalysisAction::ShowInArticle(change.evidence.annotation));
                        }
                    });
                }
            },
        );
}
