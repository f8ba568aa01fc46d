//! The editor's "Said on" and "Firmness" rows, each with the proposal the analysis finds in
//! the text ("in October" → Oct 2025; "not negotiable" → firm). A proposal is only shown:
//! the analyst accepts it with one click, and nothing is set silently.

use chrono::{DateTime, NaiveDate, Utc};
use egui::{RichText, Ui};

use super::super::Action;
use crate::analysis::{FirmnessProposal, SaidOnProposal, propose_firmness, propose_said_on};
use crate::model::{Annotation, AnnotationId, Firmness, PartialDate, Project};

/// The tag whose annotations carry a firmness (the row shows on others only once set).
const POSITION_TAG: &str = "position";

/// The proposals for one state of one annotation: finding the sentence around it walks the
/// document, so they are found once per change, not every frame.
struct Proposals {
    key: (AnnotationId, DateTime<Utc>, Option<NaiveDate>),
    said_on: Option<SaidOnProposal>,
    firmness: Option<FirmnessProposal>,
}

/// State of the two rows between frames.
#[derive(Default)]
pub(super) struct WhenRows {
    /// The date as typed, for the annotation it is typed on; applied when the field loses
    /// focus, and kept (with the reason) while it is not a date.
    said_on_typed: Option<(AnnotationId, String)>,
    proposals: Option<Proposals>,
}

impl WhenRows {
    fn proposals(&mut self, project: &Project, a: &Annotation) -> &Proposals {
        let document = project.document(a.document);
        let key = (a.id, a.modified, document.and_then(|d| d.date));
        if self.proposals.as_ref().is_none_or(|p| p.key != key) {
            self.proposals = None;
        }
        self.proposals.get_or_insert_with(|| Proposals {
            key,
            said_on: document.and_then(|d| propose_said_on(d, a)),
            firmness: propose_firmness(&a.quote),
        })
    }

    /// The "Said on" row: the date field (full date, "2025-10" or "2025"; blank = the
    /// article's date), and the proposal from the statement's sentence.
    pub(super) fn said_on_row_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        a: &Annotation,
        actions: &mut Vec<Action>,
    ) {
        let article_date = project.document(a.document).and_then(|d| d.date);
        let label = ui.label("Said on").on_hover_text(
            "When the statement was made, if not on the article's date: 2025-12-02, 2025-10 \
             or 2025. Time order everywhere uses it.",
        );
        let proposal = self.proposals(project, a).said_on.clone();
        ui.vertical(|ui| {
            let shown = a.said_on.map(|d| d.to_string()).unwrap_or_default();
            let (mut text, is_typing) = match &self.said_on_typed {
                Some((id, typed)) if *id == a.id => (typed.clone(), true),
                _ => (shown.clone(), false),
            };
            let parsed = parse_said_on(&text);
            ui.horizontal(|ui| {
                let hint = article_date.map_or_else(
                    || "YYYY-MM-DD, YYYY-MM or YYYY".to_owned(),
                    |d| format!("article's date: {}", PartialDate::Day(d).label()),
                );
                let response = ui
                    .add(
                        egui::TextEdit::singleline(&mut text)
                            .id_salt(("said_on", a.id))
                            .hint_text(hint)
                            .desired_width(150.0),
                    )
                    .labelled_by(label.id);
                if response.changed() {
                    self.said_on_typed = Some((a.id, text.clone()));
                }
                if response.lost_focus() && is_typing {
                    if let Ok(date) = parse_said_on(&text) {
                        if date != a.said_on {
                            actions.push(Action::SetSaidOn(a.id, date));
                        }
                        self.said_on_typed = None;
                    }
                } else if let Some(date) = a.said_on
                    && !is_typing
                {
                    ui.label(RichText::new(date.label()).weak());
                    if ui
                        .small_button("×")
                        .on_hover_text("Clear: the article's date applies")
                        .clicked()
                    {
                        actions.push(Action::SetSaidOn(a.id, None));
                    }
                }
            });
            if is_typing && let Err(reason) = &parsed {
                ui.label(
                    RichText::new(reason)
                        .small()
                        .color(ui.visuals().error_fg_color),
                );
            }
            if let Some(p) = proposal.filter(|p| a.said_on.is_none_or(|d| d != p.date)) {
                let said = p.date.label();
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!("Said on {said}?"))
                        .on_hover_text(format!("The sentence says “{}”", p.cue));
                    ui.label(RichText::new(format!("“{}”", p.cue)).small().weak());
                    let accept = ui.small_button("Accept");
                    accept.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::accesskit::Role::Button,
                            true,
                            format!("Accept said on {said}"),
                        )
                    });
                    if accept
                        .on_hover_text(format!("Set when it was said to {said}"))
                        .clicked()
                    {
                        actions.push(Action::SetSaidOn(a.id, Some(p.date)));
                        self.said_on_typed = None;
                    }
                });
            }
        });
        ui.end_row();
    }

    /// The "Firmness" row on positions (and on anything that has one): firm or flexible (the
    /// chosen one again clears it), and the proposal from the words of the span.
    pub(super) fn firmness_row_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        a: &Annotation,
        actions: &mut Vec<Action>,
    ) {
        if a.tag != POSITION_TAG && a.firmness.is_none() {
            return;
        }
        ui.label("Firmness").on_hover_text(
            "firm: “not negotiable”, “a red line” · flexible: “prepared to discuss”, “could accept”",
        );
        let proposal = self.proposals(project, a).firmness.clone();
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                for &firmness in Firmness::ALL {
                    let is_on = a.firmness == Some(firmness);
                    if ui.selectable_label(is_on, firmness.as_str()).clicked() {
                        actions.push(Action::SetFirmness(a.id, (!is_on).then_some(firmness)));
                    }
                }
            });
            if let Some(p) = proposal.filter(|_| a.firmness.is_none()) {
                let word = p.firmness.as_str();
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!("{}?", capitalised(word)));
                    ui.label(RichText::new(format!("“{}”", p.cue)).small().weak());
                    let accept = ui.small_button("Accept");
                    accept.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::accesskit::Role::Button,
                            true,
                            format!("Accept {word}"),
                        )
                    });
                    if accept
                        .on_hover_text(format!("The words “{}” mark a {word} position", p.cue))
                        .clicked()
                    {
                        actions.push(Action::SetFirmness(a.id, Some(p.firmness)));
                    }
                });
            }
        });
        ui.end_row();
    }
}

/// The typed said-on date: blank is none (the article's date applies).
fn parse_said_on(text: &str) -> Result<Option<PartialDate>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    text.parse::<PartialDate>()
        .map(Some)
        .map_err(|e| e.to_string())
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
