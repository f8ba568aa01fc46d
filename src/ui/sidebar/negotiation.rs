//! The editor's negotiation rows: issues as chips with type-ahead, stance (with its
//! condition), attribution and the reporting cue. Rows of the editor's two-column grid.

use egui::{RichText, Ui};

use super::super::Action;
use crate::model::{Annotation, Attribution, Issue, IssueStance, Project, Span, Stance, name_key};

/// How many matching issues the type-ahead offers.
const MAX_SUGGESTIONS: usize = 6;

/// The annotation's issues, each on rows of its own: the issue as a removable chip with the
/// stance on it, then its condition; below them a field that suggests existing issues (by
/// name or alias) as the user types and creates a new one on Enter if none matches.
pub(super) fn issues_ui(
    ui: &mut Ui,
    project: &Project,
    a: &Annotation,
    query: &mut String,
    label: egui::Id,
    actions: &mut Vec<Action>,
) {
    ui.vertical(|ui| {
        for entry in &a.issues {
            issue_stance_ui(ui, project, a, entry, actions);
        }
        let response = ui
            .add(
                egui::TextEdit::singleline(query)
                    .id_salt(("issue_query", a.id))
                    .hint_text("Add an issue…")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label);
        let typed = query.trim().to_owned();
        if typed.is_empty() {
            return;
        }
        let suggestions: Vec<&Issue> = (project.issues_matching(&typed))
            .filter(|i| !a.has_issue(i.id))
            .take(MAX_SUGGESTIONS)
            .collect();
        let is_known = project.issue_named(&typed).is_some();
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let mut chosen = None;
        // Matched as the model matches issue names (`name_key`), so the alias shown is the
        // one that made the issue a suggestion.
        let typed_key = name_key(&typed);
        for issue in &suggestions {
            let text = match (issue.aliases.iter()).find(|al| name_key(al).starts_with(&typed_key))
            {
                Some(alias) if !name_key(&issue.name).starts_with(&typed_key) => {
                    format!("{} (also “{alias}”)", issue.name)
                }
                _ => issue.name.clone(),
            };
            if ui.selectable_label(false, text).clicked() {
                chosen = Some(Action::AddIssue(a.id, issue.id));
            }
        }
        if !is_known
            && ui
                .selectable_label(false, format!("+ New issue “{typed}”"))
                .on_hover_text("Add this issue to the project and to this annotation")
                .clicked()
        {
            chosen = Some(Action::AddIssueNamed(a.id, typed.clone()));
        }
        if entered && chosen.is_none() {
            // Enter takes the first suggestion, or makes the new issue.
            chosen = Some(match suggestions.first() {
                Some(issue) => Action::AddIssue(a.id, issue.id),
                None => Action::AddIssueNamed(a.id, typed),
            });
            // Keep typing the next issue.
            response.request_focus();
        }
        if let Some(action) = chosen {
            actions.push(action);
            query.clear();
        }
    });
}

/// One issue of the annotation: its chip and the stance on it (the chosen one again clears
/// it), then the condition, always there and enabled by a conditional stance (a row
/// appearing would move the fields below it under the pointer). Screen readers and tests
/// hear each choice with its issue ("against on Territory"): every issue has the same words.
fn issue_stance_ui(
    ui: &mut Ui,
    project: &Project,
    a: &Annotation,
    entry: &IssueStance,
    actions: &mut Vec<Action>,
) {
    let name = project.issue_name(entry.issue);
    ui.horizontal_wrapped(|ui| {
        let chip_id = egui::Id::unique(("stance-issue-chip", a.id, entry.issue));
        chip_ui(
            ui,
            chip_id,
            &name,
            &format!("Remove the issue {name}"),
            || {
                actions.push(Action::RemoveIssue(a.id, entry.issue));
            },
        );
        for &stance in Stance::ALL {
            let is_on = entry.stance == Some(stance);
            let response = ui.selectable_label(is_on, RichText::new(stance.as_str()).small());
            response.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::accesskit::Role::Button,
                    true,
                    is_on,
                    format!("{stance} on {name}"),
                )
            });
            let response = response.on_hover_text(format!("The stance on {name}: {stance}"));
            if response.clicked() {
                actions.push(Action::SetIssueStance(
                    a.id,
                    entry.issue,
                    (!is_on).then_some(stance),
                ));
            }
        }
    });
    let is_conditional = entry.stance == Some(Stance::Conditional);
    ui.horizontal(|ui| {
        let label = ui.label(RichText::new("if").small().weak());
        let accessible = format!("Condition on {name}");
        label.widget_info(|| {
            egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, &accessible)
        });
        let mut condition = entry.condition.clone().unwrap_or_default();
        let hint = if is_conditional {
            format!("On what condition, for {name}")
        } else {
            "For a conditional stance".to_owned()
        };
        let response = ui
            .add_enabled(
                is_conditional,
                egui::TextEdit::singleline(&mut condition)
                    .id_salt(("issue_condition", a.id, entry.issue))
                    .hint_text(hint)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if response.changed() {
            actions.push(Action::SetIssueCondition(a.id, entry.issue, condition));
        }
        if response.lost_focus() {
            actions.push(Action::TypingFinished);
        }
    });
}

/// A name (an issue, a holder) as a rounded chip with a remove button, on a new row when it
/// does not fit.
pub(super) fn chip_ui(
    ui: &mut Ui,
    chip_id: egui::Id,
    name: &str,
    remove_hint: &str,
    on_remove: impl FnOnce(),
) {
    // A wrapping layout wraps single widgets, not a frame around two: without this the
    // second chip ran past the sidebar and widened every field of the editor with it.
    // The width is last frame's; before the first, the name plus the frame and button.
    let width_px = ui.data(|d| d.get_temp::<f32>(chip_id)).unwrap_or_else(|| {
        let galley = egui::WidgetText::from(name).into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Body,
        );
        galley.size().x + 40.0
    });
    let row_start_x = ui.max_rect().left();
    if width_px > ui.available_size_before_wrap().x && ui.cursor().left() > row_start_x + 1.0 {
        ui.end_row();
    }
    let visuals = ui.visuals();
    let fill = visuals.widgets.inactive.weak_bg_fill;
    let stroke = visuals.widgets.inactive.bg_stroke;
    let chip = egui::Frame::new()
        .fill(fill)
        .stroke(stroke)
        .corner_radius(10.0)
        .inner_margin(egui::Margin::symmetric(8, 1))
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.horizontal(|ui| {
                ui.label(name);
                let remove = ui.add(egui::Button::new("×").small().frame(false));
                // Heard as what it does: every chip's button reads "×".
                remove.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, remove_hint)
                });
                if remove.on_hover_text(remove_hint).clicked() {
                    on_remove();
                }
            });
        });
    ui.data_mut(|d| d.insert_temp(chip_id, chip.response.rect.width()));
}

/// The general stance (a row of choices; the chosen one again clears it) and its condition,
/// shown only while the annotation has no issue (the model moves it onto the first issue
/// added); then attribution.
pub(super) fn stance_rows_ui(ui: &mut Ui, a: &Annotation, actions: &mut Vec<Action>) {
    if a.issues.is_empty() {
        general_stance_rows_ui(ui, a, actions);
    }
    ui.label("Attribution").on_hover_text(
        "direct: a quotation · indirect: reported speech · paraphrase: no clear reporting verb · \
         author: the outlet's own voice",
    );
    ui.horizontal_wrapped(|ui| {
        for &attribution in Attribution::ALL {
            let is_on = a.attribution == Some(attribution);
            if ui.selectable_label(is_on, attribution.as_str()).clicked() {
                actions.push(Action::SetAttribution(
                    a.id,
                    (!is_on).then_some(attribution),
                ));
            }
        }
    });
    ui.end_row();
}

/// The stance of an annotation without issues, and its condition.
fn general_stance_rows_ui(ui: &mut Ui, a: &Annotation, actions: &mut Vec<Action>) {
    ui.label("Stance")
        .on_hover_text("The direction of the position; with issues, each issue has its own");
    ui.horizontal_wrapped(|ui| {
        for &stance in Stance::ALL {
            let is_on = a.stance == Some(stance);
            if ui.selectable_label(is_on, stance.as_str()).clicked() {
                actions.push(Action::SetStance(a.id, (!is_on).then_some(stance)));
            }
        }
    });
    ui.end_row();

    // Always there, enabled by a conditional stance: a row appearing would move the fields
    // below it under the pointer.
    let is_conditional = a.stance == Some(Stance::Conditional);
    let label = ui.label(RichText::new("Condition").weak());
    let mut condition = a.condition.clone().unwrap_or_default();
    let hint = if is_conditional {
        "On what condition, in words"
    } else {
        "For a conditional stance"
    };
    let response = ui
        .add_enabled(
            is_conditional,
            egui::TextEdit::singleline(&mut condition)
                .id_salt(("condition", a.id))
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if response.changed() {
        actions.push(Action::SetCondition(a.id, condition));
    }
    if response.lost_focus() {
        actions.push(Action::TypingFinished);
    }
    ui.end_row();
}

/// The reporting cue ("said", "told reporters"): its words, "Set as cue" from the text
/// selection, and a clear button.
pub(super) fn cue_row_ui(
    ui: &mut Ui,
    project: &Project,
    a: &Annotation,
    text_selection: Option<Span>,
    actions: &mut Vec<Action>,
) {
    ui.label("Cue")
        .on_hover_text("The words that mark the attribution, dotted-underlined in the article");
    ui.horizontal_wrapped(|ui| {
        let cue = (!a.cue.is_empty())
            .then(|| project.document(a.document).and_then(|d| d.quote(&a.cue)))
            .flatten();
        match &cue {
            Some(words) => ui.label(RichText::new(format!("“{words}”")).italics()),
            None => ui.label(RichText::new("— none —").weak()),
        };
        let has_selection = text_selection.is_some_and(|s| !s.is_empty());
        if ui
            .add_enabled(has_selection, egui::Button::new("Set as cue").small())
            .on_disabled_hover_text("Select the reporting words in the article first")
            .on_hover_text("Make the selected text this annotation's reporting cue")
            .clicked()
        {
            actions.push(Action::SetCueToSelection(a.id));
        }
        if cue.is_some()
            && ui
                .small_button("×")
                .on_hover_text("Clear the cue")
                .clicked()
        {
            actions.push(Action::ClearCue(a.id));
        }
    });
    ui.end_row();
}
