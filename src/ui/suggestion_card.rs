//! The suggestion card: speaker, attribution type, confidence, reason and what accepting
//! does, for the focused suggestion (pinned over the article, with its buttons) or the one
//! under the pointer (a tooltip). Returns [`Action`]s; never changes the project.

use egui::{Pos2, RichText};

use super::{Action, Command};
use crate::attribution::{Effect, SpeakerMatch, Suggestion};
use crate::model::{DocumentId, Project};

/// The speaker's display name: the actor's name, or the proposed one; `None` without one.
#[must_use]
pub fn speaker_name(project: &Project, suggestion: &Suggestion) -> Option<String> {
    let speaker = suggestion.speaker.as_ref()?;
    Some(match &speaker.actor {
        SpeakerMatch::Existing(id) => project
            .actor(*id)
            .map_or_else(|| speaker.text.clone(), |a| a.name.clone()),
        SpeakerMatch::Proposed { name } => name.clone(),
    })
}

/// What accepting does, in a sentence.
#[must_use]
pub fn effect_text(project: &Project, suggestion: &Suggestion, effect: &Effect) -> String {
    let tag = project.schema().name(suggestion.tag()).to_owned();
    match effect {
        Effect::Add { new_actor: None } => format!("Accepting adds a {tag} annotation."),
        Effect::Add {
            new_actor: Some(name),
        } => format!("Accepting adds a {tag} annotation and the new actor {name}."),
        Effect::Fill { .. } => format!(
            "Overlaps an existing annotation: accepting fills in its {} instead of adding a duplicate.",
            filled_fields(effect)
        ),
        Effect::Nothing => "Overlaps an annotation that already has all of this.".to_owned(),
    }
}

/// The fields accepting fills in, e.g. `holder, attribution`; empty unless it fills in.
#[must_use]
pub fn filled_fields(effect: &Effect) -> String {
    let Effect::Fill {
        holder,
        attribution,
        cue,
        ..
    } = effect
    else {
        return String::new();
    };
    let fields: Vec<&str> = [
        (*holder, "holder"),
        (*attribution, "attribution"),
        (*cue, "cue"),
    ]
    .into_iter()
    .filter_map(|(missing, name)| missing.then_some(name))
    .collect();
    fields.join(", ")
}

/// The engine's reason with its code-style backticks (kept for the command line) as
/// typographic quotes: `he said` reads as “he said”; the arrow from words to whom they mean
/// as `=`, which every font the app may fall back on has.
#[must_use]
pub fn readable_reason(reason: &str) -> String {
    let mut is_open = false;
    reason
        .replace(" → ", " = ")
        .chars()
        .map(|c| match c {
            '`' => {
                is_open = !is_open;
                if is_open { '“' } else { '”' }
            }
            c => c,
        })
        .collect()
}

/// Speaker, type, tier, reason and effect.
fn details_ui(ui: &mut egui::Ui, project: &Project, document: DocumentId, s: &Suggestion) {
    let speaker = speaker_name(project, s).unwrap_or_else(|| "unknown".to_owned());
    let is_new = matches!(
        s.speaker.as_ref().map(|sp| &sp.actor),
        Some(SpeakerMatch::Proposed { .. })
    );
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Speaker: {speaker}")).strong());
        if is_new {
            ui.weak("(new actor)");
        }
    });
    ui.label(format!(
        "{} · {} · {} confidence",
        project.schema().name(s.tag()),
        s.attribution,
        s.tier
    ));
    ui.weak(readable_reason(&s.explain()));
    let effect = crate::attribution::suggestion_effect(project, document, s);
    ui.label(effect_text(project, s, &effect));
}

/// The card's area, whose last rect tells where it would fall.
#[must_use]
pub fn card_id() -> egui::Id {
    egui::Id::unique("stance-suggestion-card")
}

/// The card of the focused suggestion, with its `pivot` corner at `anchor`.
pub fn card_ui(
    ctx: &egui::Context,
    (anchor, pivot): (Pos2, egui::Align2),
    project: &Project,
    document: DocumentId,
    suggestion: &Suggestion,
) -> Option<Action> {
    let mut action = None;
    egui::Area::new(card_id())
        .order(egui::Order::Foreground)
        .fixed_pos(anchor)
        .pivot(pivot)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_max_width(420.0);
                ui.label(RichText::new("Suggestion").small().weak());
                details_ui(ui, project, document, suggestion);
                ui.add_space(4.0);
                ui.horizontal_wrapped(|ui| {
                    for (label, command) in [
                        ("Accept (A)", Command::AcceptSuggestion),
                        ("Reject (X)", Command::RejectSuggestion),
                        ("Next (Tab)", Command::NextSuggestion),
                        ("Accept all high-confidence", Command::AcceptHighConfidence),
                    ] {
                        if ui
                            .button(label)
                            .on_hover_text(command.description())
                            .clicked()
                        {
                            action = Some(Action::Command(command));
                        }
                    }
                });
            });
        });
    action
}

/// A tooltip at the pointer for a suggestion that is hovered but not focused.
pub fn tooltip_ui(
    response: &egui::Response,
    project: &Project,
    document: DocumentId,
    suggestion: &Suggestion,
) {
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.set_max_width(380.0);
        details_ui(ui, project, document, suggestion);
        ui.weak("Click or Tab to select it; A accepts, X rejects.");
    });
}

#[cfg(test)]
mod tests {
    use super::readable_reason;

    #[test]
    fn backticks_in_a_reason_become_quotes() {
        assert_eq!(
            readable_reason("quote followed by `, he said`; `he` = Yuri Ushakov"),
            "quote followed by “, he said”; “he” = Yuri Ushakov"
        );
        assert_eq!(readable_reason("no marks"), "no marks");
        assert_eq!(
            readable_reason("`he` → Tomas Reyes, last named man in the paragraph"),
            "“he” = Tomas Reyes, last named man in the paragraph"
        );
    }
}
