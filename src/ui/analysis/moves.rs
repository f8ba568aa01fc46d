//! The Moves tab: the round editor, the two rounds compared, the drafted brief (editable,
//! kept in the project's briefs) and the ledger — one row per side × issue that moved, then
//! the issues agreed and the pairs that held.

use egui::{RichText, Ui};

use super::AnalysisAction;
use super::map::elide_to;
use super::rounds::{RoundAction, RoundFields, rounds_ui};
use crate::analysis::{
    AnalysisCache, AnalysisFilter, Move, MoveKind, Moves, draft_brief, round_after, round_before,
    rounds_in_order, stance_word, statement_name,
};
use crate::model::{AnnotationId, BriefKey, Project, ProjectKey, RoundId};

/// The tab's own state: the rounds compared, the brief being typed, the round fields.
#[derive(Default)]
pub(super) struct MovesState {
    /// The earlier round; `None`: since the start of the talks.
    from: Option<RoundId>,
    to: Option<RoundId>,
    /// The pair shown has been chosen (by the analyst or by default).
    is_chosen: bool,
    /// The brief text as typed, for the pair and project state it was loaded for.
    brief: Option<(BriefKey, ProjectKey, String)>,
    /// The drafted brief of the pair at a project state, so it is drafted once per change.
    draft: Option<(ProjectKey, Option<RoundId>, RoundId, String)>,
    rounds: RoundFields,
    show_rounds: bool,
}

impl MovesState {
    /// The rounds compared (the earlier may be none).
    #[must_use]
    pub(super) fn pair(&self) -> Option<(Option<RoundId>, RoundId)> {
        Some((self.from, self.to?))
    }

    /// Compares `from` (none: the start) with `to` (tests; users pick in the combos).
    pub(super) fn set_pair(&mut self, from: Option<RoundId>, to: RoundId) {
        self.from = from;
        self.to = Some(to);
        self.is_chosen = true;
    }

    pub(super) fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        cache: &mut AnalysisCache,
        filter: &AnalysisFilter,
        actions: &mut Vec<AnalysisAction>,
    ) {
        let mut round_actions = Vec::new();
        self.keep_pair_valid(project);
        let header = if project.rounds().is_empty() {
            "Rounds (none yet)".to_owned()
        } else {
            format!("Rounds ({})", project.rounds().len())
        };
        let open = self.show_rounds || project.rounds().is_empty();
        let shown = egui::CollapsingHeader::new(header)
            .id_salt("moves_rounds")
            .open(Some(open))
            .show(ui, |ui| {
                rounds_ui(ui, project, &mut self.rounds, &mut round_actions);
            });
        // The header is opened by the view (always open without rounds), so its click is
        // handled here.
        if shown.header_response.clicked() {
            self.show_rounds = !open;
        }
        ui.separator();
        if let Some(to) = self.to {
            self.pair_ui(ui, project, to);
            ui.separator();
            // The pickers may have just changed the pair: the ledger and the brief (whose
            // draft is kept per pair) must be those of the pair now shown, not the old one.
            let (from, to) = (self.from, self.to.unwrap_or(to));
            let ledger = cache.moves(project, filter, from, to);
            self.brief_ui(ui, project, ledger, &mut round_actions);
            ui.separator();
            ledger_ui(ui, project, ledger, actions);
        } else {
            ui.label("Add rounds of talks to see what moved between them.");
        }
        if (round_actions.iter()).any(|a| matches!(a, RoundAction::Add(_))) {
            // The editor stays open on the round just added, to name and date it.
            self.show_rounds = true;
        }
        actions.extend(round_actions.into_iter().map(AnalysisAction::Round));
    }

    /// Starts on the last two rounds; forgets rounds that were deleted.
    fn keep_pair_valid(&mut self, project: &Project) {
        let exists = |id: Option<RoundId>| id.is_none_or(|id| project.round(id).is_some());
        if !exists(self.to) || !exists(self.from) || self.to.is_none() {
            self.is_chosen = false;
        }
        if !self.is_chosen {
            let order = rounds_in_order(project);
            self.to = order.last().map(|r| r.id);
            self.from = self.to.and_then(|to| round_before(project, to));
            self.is_chosen = self.to.is_some();
        }
    }

    fn pair_ui(&mut self, ui: &mut Ui, project: &Project, to: RoundId) {
        let order = rounds_in_order(project);
        let name = |id: Option<RoundId>| {
            id.and_then(|id| project.round(id))
                .map_or("the start of the talks", |r| r.name.as_str())
                .to_owned()
        };
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(
                    round_before(project, to).is_some(),
                    egui::Button::new("‹ Earlier"),
                )
                .on_hover_text("Compare the round before")
                .clicked()
                && let Some(before) = round_before(project, to)
            {
                self.to = Some(before);
                self.from = round_before(project, before);
            }
            ui.label("What moved between");
            let mut from = self.from;
            egui::ComboBox::from_id_salt("moves_from")
                .selected_text(name(from))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut from, None, "the start of the talks");
                    for r in &order {
                        ui.selectable_value(&mut from, Some(r.id), r.name.as_str());
                    }
                })
                .response
                .widget_info(|| combo_info("Earlier round"));
            ui.label("and");
            let mut to_pick = to;
            egui::ComboBox::from_id_salt("moves_to")
                .selected_text(name(Some(to)))
                .show_ui(ui, |ui| {
                    for r in &order {
                        ui.selectable_value(&mut to_pick, r.id, r.name.as_str());
                    }
                })
                .response
                .widget_info(|| combo_info("Later round"));
            if from != self.from || to_pick != to {
                self.from = from.filter(|&f| f != to_pick);
                self.to = Some(to_pick);
            }
            if ui
                .add_enabled(
                    round_after(project, to).is_some(),
                    egui::Button::new("Later ›"),
                )
                .on_hover_text("Compare the round after")
                .clicked()
                && let Some(after) = round_after(project, to)
            {
                self.from = Some(to);
                self.to = Some(after);
            }
        });
    }

    /// The brief: the analyst's text if kept, else the draft; edits are saved when the field
    /// loses focus, "Redraft" drops the edited text.
    fn brief_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        ledger: &Moves,
        actions: &mut Vec<RoundAction>,
    ) {
        let (Some(to), from) = (self.to, self.from) else {
            return;
        };
        let Some(from_id) = from else {
            ui.weak("Pick an earlier round to write a brief of this comparison.");
            return;
        };
        let key = BriefKey::Rounds { from: from_id, to };
        let project_key = project.key();
        let is_current = self
            .draft
            .as_ref()
            .is_some_and(|d| d.0 == project_key && d.1 == from && d.2 == to);
        if !is_current {
            self.draft = Some((project_key, from, to, draft_brief(project, ledger)));
        }
        let draft = self.draft.as_ref().map_or("", |d| d.3.as_str());
        let saved = project.brief(&key);
        let is_loaded = self
            .brief
            .as_ref()
            .is_some_and(|(k, pk, _)| *k == key && *pk == project_key);
        if !is_loaded {
            let text = saved.unwrap_or(draft).to_owned();
            self.brief = Some((key.clone(), project_key, text));
        }
        let label = ui.horizontal(|ui| {
            let label = ui.label(RichText::new("Brief").strong());
            if saved.is_some() {
                ui.weak("(edited; reports print this text)");
            } else {
                ui.weak("(drafted from the ledger; edit it to keep your wording)");
            }
            label
        });
        let Some((_, loaded_at, text)) = self.brief.as_mut() else {
            return;
        };
        let field = ui
            .add(
                egui::TextEdit::multiline(text)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.inner.id);
        if field.has_focus() {
            // Typing is not lost when the project changes under it (an autosave, a worker).
            *loaded_at = project_key;
        }
        if field.lost_focus() && text.as_str() != saved.unwrap_or(draft) {
            actions.push(RoundAction::SetBrief(key.clone(), text.clone()));
        }
        ui.horizontal(|ui| {
            if ui
                .add_enabled(saved.is_some(), egui::Button::new("Redraft"))
                .on_hover_text("Drop the edited text and draft the brief from the ledger again")
                .clicked()
            {
                actions.push(RoundAction::SetBrief(key, String::new()));
            }
        });
    }
}

/// The rows, then the agreed issues and the held pairs.
fn ledger_ui(ui: &mut Ui, project: &Project, ledger: &Moves, actions: &mut Vec<AnalysisAction>) {
    let actor = |id| project.actor(id).map_or("?", |a| a.name.as_str());
    egui::ScrollArea::vertical()
        .id_salt("moves_ledger_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if ledger.moves.is_empty() {
                ui.label("No side moved between these rounds.");
            } else {
                ui.label(RichText::new(format!("Moves ({})", ledger.moves.len())).strong());
                egui::Grid::new("moves_ledger")
                    .num_columns(7)
                    .striped(true)
                    .spacing([12.0, 6.0])
                    .show(ui, |ui| {
                        for heading in [
                            "Side",
                            "Issue",
                            "Move",
                            "From",
                            "To",
                            "Answers · terms · condition",
                            "Evidence",
                        ] {
                            ui.label(RichText::new(heading).strong());
                        }
                        ui.end_row();
                        for m in &ledger.moves {
                            move_row_ui(ui, project, m, actions);
                            ui.end_row();
                        }
                    });
            }
            if !ledger.agreed.is_empty() {
                ui.add_space(8.0);
                ui.label(RichText::new("Agreed").strong());
                for a in &ledger.agreed {
                    ui.horizontal_wrapped(|ui| {
                        let sides: Vec<String> =
                            a.sides.iter().map(|&s| actor(s).to_owned()).collect();
                        ui.label(agreed_line(
                            &project.issue_name(a.issue),
                            &crate::analysis::issue_list(&sides),
                            a.date,
                        ));
                        evidence_link_ui(ui, project, a.evidence, actions);
                    });
                }
            }
            if !ledger.held.is_empty() {
                ui.add_space(8.0);
                ui.label(RichText::new(format!("Held ({})", ledger.held.len())).strong());
                for h in &ledger.held {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(held_line(
                            actor(h.side),
                            &project.issue_name(h.issue),
                            h.stance.stance,
                            h.stance.date,
                            h.reaffirmed.len(),
                        ));
                        evidence_link_ui(ui, project, h.stance.evidence, actions);
                    });
                }
            }
        });
}

fn move_row_ui(ui: &mut Ui, project: &Project, m: &Move, actions: &mut Vec<AnalysisAction>) {
    ui.label(project.actor(m.side).map_or("?", |a| a.name.as_str()));
    ui.label(project.issue_name(m.issue));
    let kind = match m.kind {
        MoveKind::New => "new",
        MoveKind::Flip => "flip",
        MoveKind::Concession => "concession",
        MoveKind::Agreement => "agreement",
    };
    ui.horizontal(|ui| {
        if m.kind == MoveKind::Concession {
            // The map's ◆, painted: the bundled fonts have no glyph for it.
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            let fill = crate::ui::tag_color(crate::analysis::stance_color(m.to.stance));
            let outline = egui::Stroke::new(1.0, ui.visuals().strong_text_color());
            super::marks::paint_diamond(ui.painter(), rect.center(), 5.5, fill, outline);
        }
        ui.label(RichText::new(kind).strong());
    });
    match m.from {
        Some(from) => ui.label(format!(
            "{} ({})",
            stance_word(from.stance),
            date_text(from.date)
        )),
        None => ui.weak("—"),
    };
    ui.label(format!(
        "{} ({})",
        stance_word(m.to.stance),
        date_text(m.to.date)
    ));
    ui.vertical(|ui| {
        if let Some(answers) = m.answers {
            ui.label(format!("answers {}", statement_name(project, answers)));
        }
        for &t in &m.terms {
            ui.label(format!("in exchange for {}", statement_name(project, t)));
        }
        if let Some(c) = &m.condition {
            ui.label(format!("on condition: {c}"));
        }
        for &c in &m.conditional_on {
            ui.label(format!("conditional on {}", statement_name(project, c)));
        }
    });
    ui.vertical(|ui| {
        for &id in &m.evidence {
            evidence_link_ui(ui, project, id, actions);
        }
    });
}

fn evidence_link_ui(
    ui: &mut Ui,
    project: &Project,
    id: AnnotationId,
    actions: &mut Vec<AnalysisAction>,
) {
    let Some(a) = project.annotation(id) else {
        return;
    };
    let quote = format!("“{}”", elide_to(&a.quote, 60));
    let font = egui::TextStyle::Body.resolve(ui.style());
    let text = crate::ui::article::bidi_text::widget_text(ui, &quote, font, None);
    if ui.link(text).on_hover_text("Open in the article").clicked() {
        actions.push(AnalysisAction::ShowInArticle(id));
    }
}

/// The name a screen reader gives a round picker: the sentence around the two pickers
/// ("What moved between … and …") names neither alone.
fn combo_info(name: &str) -> egui::WidgetInfo {
    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name)
}

/// An agreed issue as a sentence: "Water quota agreed between Northland and Southmark on
/// 18 Dec 2025."
fn agreed_line(issue: &str, sides: &str, date: Option<chrono::NaiveDate>) -> String {
    let on = date.map_or_else(String::new, |d| format!(" on {}", date_text(Some(d))));
    format!("{} agreed between {sides}{on}.", capitalized(issue))
}

/// A held pair as a sentence: "Northland held its stance on fishing rights: for, last stated
/// on 10 Dec 2025 (restated twice between the rounds)." The date is that of the statement the
/// stance stands on ([`crate::analysis::Held::stance`]), so "last stated", not "since".
fn held_line(
    side: &str,
    issue: &str,
    stance: Option<crate::model::Stance>,
    date: Option<chrono::NaiveDate>,
    restated: usize,
) -> String {
    let when = date.map_or_else(
        || " (undated)".to_owned(),
        |d| format!(", last stated on {}", date_text(Some(d))),
    );
    let again = match restated {
        0 => String::new(),
        1 => " (restated once between the rounds)".to_owned(),
        2 => " (restated twice between the rounds)".to_owned(),
        n => format!(" (restated {n} times between the rounds)"),
    };
    format!(
        "{side} held its stance on {issue}: {}{when}{again}.",
        stance_word(stance)
    )
}

/// `text` with its first letter in capitals, for an issue name that opens a sentence.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn date_text(date: Option<chrono::NaiveDate>) -> String {
    date.map_or_else(
        || "undated".to_owned(),
        |d| d.format("%-d %b %Y").to_string(),
    )
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::{agreed_line, held_line};
    use crate::model::Stance;

    fn day(m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2025, m, d)
    }

    #[test]
    fn a_held_pair_reads_as_a_sentence() {
        assert_eq!(
            held_line(
                "Northland",
                "fishing rights",
                Some(Stance::For),
                day(12, 10),
                0
            ),
            "Northland held its stance on fishing rights: for, last stated on 10 Dec 2025."
        );
        assert_eq!(
            held_line(
                "Southmark",
                "crossing fees",
                Some(Stance::Against),
                day(11, 2),
                2
            ),
            "Southmark held its stance on crossing fees: against, last stated on 2 Nov 2025 \
             (restated twice between the rounds)."
        );
        assert_eq!(
            held_line("Southmark", "quota", Some(Stance::For), None, 1),
            "Southmark held its stance on quota: for (undated) (restated once between the \
             rounds)."
        );
    }

    #[test]
    fn an_agreed_issue_opens_with_its_name_in_capitals() {
        assert_eq!(
            agreed_line("water quota", "Northland and Southmark", day(12, 18)),
            "Water quota agreed between Northland and Southmark on 18 Dec 2025."
        );
        assert_eq!(
            agreed_line("dams", "Northland and Southmark", None),
            "Dams agreed between Northland and Southmark."
        );
    }
}
