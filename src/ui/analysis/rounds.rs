//! The round editor of the Moves tab: the project's rounds (rename, dates or documents,
//! delete) and the rounds proposed from gaps between article dates, added with one click.
//! Every change is returned as a [`RoundAction`]; the app turns it into an undoable edit.

use chrono::NaiveDate;
use egui::Ui;

use super::map::elide_to;
use crate::analysis::wording::counted;
use crate::analysis::{date_range_name, propose_rounds};
use crate::model::{Project, Round, RoundId, RoundSpan};
use crate::ui::date_field::{date_edit, parse_date_field};

/// A change to the project's rounds or briefs asked for in the Moves tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoundAction {
    /// Add this round (a proposal, or a new one).
    Add(Round),
    Rename(RoundId, String),
    /// The round now covers these dates or documents.
    SetSpan(RoundId, RoundSpan),
    Delete(RoundId),
    /// The brief of a pair of rounds as edited; an empty text drops it (redraft).
    SetBrief(crate::model::BriefKey, String),
}

/// The fields as typed, per round: committed when they lose focus and parse.
#[derive(Default)]
pub(super) struct RoundFields {
    buffers: std::collections::HashMap<RoundId, [String; 3]>,
    proposals: Option<(crate::model::ProjectKey, Vec<Round>)>,
}

/// The editor; pushes what the analyst changed onto `actions`.
pub(super) fn rounds_ui(
    ui: &mut Ui,
    project: &Project,
    fields: &mut RoundFields,
    actions: &mut Vec<RoundAction>,
) {
    let key = project.key();
    if fields.proposals.as_ref().is_none_or(|(k, _)| *k != key) {
        fields.proposals = Some((key, propose_rounds(project)));
    }
    let proposals = fields
        .proposals
        .as_ref()
        .map_or_else(Vec::new, |(_, p)| p.clone());
    if !proposals.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label("Proposed from gaps between article dates:");
            for round in &proposals {
                if ui
                    .button(format!("+ {}", round.name))
                    .on_hover_text("Add this round")
                    .clicked()
                {
                    actions.push(RoundAction::Add(round.clone()));
                }
            }
        });
    }
    egui::Grid::new("rounds_grid")
        .num_columns(4)
        .spacing([8.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            for round in project.rounds() {
                round_row_ui(ui, project, round, fields, actions);
                ui.end_row();
            }
        });
    if project.rounds().is_empty() && proposals.is_empty() {
        ui.weak("No rounds yet: date the articles, or add a round of dates below.");
    }
    if ui
        .button("Add a round")
        .on_hover_text("A new round of the last article's date; rename it and set its dates")
        .clicked()
    {
        let day = (project.documents().iter().filter_map(|d| d.date).max())
            .unwrap_or_else(|| chrono::Utc::now().date_naive());
        actions.push(RoundAction::Add(Round::new(
            date_range_name(day, day),
            RoundSpan::Dates { from: day, to: day },
        )));
    }
}

fn round_row_ui(
    ui: &mut Ui,
    project: &Project,
    round: &Round,
    fields: &mut RoundFields,
    actions: &mut Vec<RoundAction>,
) {
    let buffer = fields.buffers.entry(round.id).or_insert_with(|| {
        let (from, to) = round.dates().map_or_else(
            || (String::new(), String::new()),
            |(f, t)| (f.to_string(), t.to_string()),
        );
        [round.name.clone(), from, to]
    });
    let name = ui
        .horizontal(|ui| {
            let label = ui.label("Name");
            ui.add(
                egui::TextEdit::singleline(&mut buffer[0])
                    .desired_width(160.0)
                    .hint_text("Round name"),
            )
            .labelled_by(label.id)
        })
        .inner;
    if name.lost_focus() && buffer[0].trim() != round.name {
        actions.push(RoundAction::Rename(round.id, buffer[0].clone()));
    }
    let mut focused = name.has_focus();
    let mut bad_date = None;
    match &round.span {
        RoundSpan::Dates { from, to } => {
            ui.horizontal(|ui| {
                let [_, from_text, to_text] = buffer;
                for (label, text, is_from) in [("From", from_text, true), ("To", to_text, false)] {
                    let label = ui.label(label);
                    let edit = date_edit(ui, text).desired_width(90.0);
                    let field = ui.add(edit).labelled_by(label.id);
                    focused |= field.has_focus();
                    let parsed = parse_date_field(text);
                    if let Err(bad) = &parsed {
                        bad_date = Some(bad.clone());
                    }
                    // An emptied field keeps the saved date: a round of dates needs both.
                    let Some(day) = field
                        .lost_focus()
                        .then_some(parsed)
                        .and_then(|p| p.ok().flatten())
                    else {
                        continue;
                    };
                    let (f, t) = if is_from { (day, *to) } else { (*from, day) };
                    if (f, t) != (*from, *to) {
                        actions.push(RoundAction::SetSpan(
                            round.id,
                            RoundSpan::Dates { from: f, to: t },
                        ));
                    }
                }
                if let Some(bad) = &bad_date {
                    ui.colored_label(ui.visuals().error_fg_color, bad.to_string());
                }
            });
        }
        RoundSpan::Documents(documents) => {
            documents_menu_ui(ui, project, round.id, documents, actions);
        }
    }
    if !focused && bad_date.is_none() {
        // Show the saved values again once the fields are left (after an undo); a date that
        // does not parse stays, in red and with its message, until it is corrected.
        fields.buffers.remove(&round.id);
    }
    let switch = match &round.span {
        RoundSpan::Dates { from, to } => {
            let inside: Vec<_> = (project.documents().iter())
                .filter(|d| d.date.is_some_and(|d| (*from..=*to).contains(&d)))
                .map(|d| d.id)
                .collect();
            ("Use documents", RoundSpan::Documents(inside))
        }
        RoundSpan::Documents(documents) => {
            let dates: Vec<NaiveDate> = (documents.iter())
                .filter_map(|&d| project.document(d).and_then(|d| d.date))
                .collect();
            let today = chrono::Utc::now().date_naive();
            let from = dates.iter().min().copied().unwrap_or(today);
            let to = dates.iter().max().copied().unwrap_or(today);
            ("Use dates", RoundSpan::Dates { from, to })
        }
    };
    ui.horizontal(|ui| {
        if ui
            .small_button(switch.0)
            .on_hover_text("Cover the same articles by dates, or by a list of documents")
            .clicked()
        {
            actions.push(RoundAction::SetSpan(round.id, switch.1));
        }
        if ui
            .small_button("Delete")
            .on_hover_text("Delete the round (Ctrl+Z restores it)")
            .clicked()
        {
            actions.push(RoundAction::Delete(round.id));
        }
    });
}

fn documents_menu_ui(
    ui: &mut Ui,
    project: &Project,
    round: RoundId,
    documents: &[crate::model::DocumentId],
    actions: &mut Vec<RoundAction>,
) {
    ui.menu_button(counted(documents.len(), "document"), |ui| {
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                for d in project.documents() {
                    let mut is_in = documents.contains(&d.id);
                    let date = d
                        .date
                        .map_or_else(|| "undated".to_owned(), |d| d.to_string());
                    let label = format!("{date}: {}", elide_to(&d.title, 50));
                    if ui.checkbox(&mut is_in, label).changed() {
                        let mut next: Vec<_> = documents.to_vec();
                        if is_in {
                            next.push(d.id);
                        } else {
                            next.retain(|&x| x != d.id);
                        }
                        actions.push(RoundAction::SetSpan(round, RoundSpan::Documents(next)));
                    }
                }
            });
    });
}
