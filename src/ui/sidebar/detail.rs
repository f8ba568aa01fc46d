//! The editor of the selected annotation: tag, holders, target, issues with their stances,
//! said on, firmness, attribution, cue, note, fields, links, ranges, times, delete.

use egui::{Align, Layout, RichText, Ui};

use super::super::{Action, tag_color};
use super::when::WhenRows;
use super::{fields, negotiation, relations};
use crate::model::{Actor, ActorId, Annotation, AnnotationId, Project, Span, name_key};

/// An actor picked in a holder or target combo.
enum ActorPick {
    Set(Option<ActorId>),
    /// "New actor…" and a name typed.
    New(String),
}

/// State of the detail editor between frames.
#[derive(Default)]
pub struct DetailEditor {
    /// The said-on and firmness rows, with their proposals.
    when: WhenRows,
    /// While `Some`, the holder combo shows a field to name a new actor.
    new_holder_name: Option<String>,
    /// While `Some`, the target combo shows a field to name a new actor.
    new_target_name: Option<String>,
    /// The issue being typed, for the annotation it is typed on.
    issue_query: Option<(AnnotationId, String)>,
    focus_note: bool,
    /// "Actor…" was clicked: the sidebar shows this actor in the Actors view.
    actor_to_show: Option<ActorId>,
}

impl DetailEditor {
    /// Moves keyboard focus to the note field on the next frame.
    pub fn focus_note(&mut self) {
        self.focus_note = true;
    }

    /// The actor whose details the user asked to edit, once.
    pub fn take_actor_to_show(&mut self) -> Option<ActorId> {
        self.actor_to_show.take()
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        a: &Annotation,
        (text_selection, is_linking): (Option<Span>, bool),
        actions: &mut Vec<Action>,
    ) {
        let grid = egui::Grid::new("annotation_detail")
            .num_columns(2)
            .spacing([10.0, 8.0])
            .min_col_width(70.0);
        grid.show(ui, |ui| {
            let tag_label = ui.label("Tag");
            tag_combo_ui(ui, project, a, tag_label.id, actions);
            ui.end_row();

            self.holder_row_ui(ui, project, a, actions);

            let target_label = ui
                .label("Target")
                .on_hover_text("The actor the position or concession is directed at");
            let pick = actor_pick_ui(
                ui,
                project,
                (a.target, ("target", a.id)),
                &mut self.new_target_name,
                target_label.id,
            );
            match pick {
                Some(ActorPick::Set(target)) => actions.push(Action::SetTarget(a.id, target)),
                Some(ActorPick::New(name)) => actions.push(Action::NewTarget(a.id, name)),
                None => {}
            }
            ui.end_row();

            let issues_label = ui.label("Issues");
            let query = match &mut self.issue_query {
                Some((id, query)) if *id == a.id => query,
                slot => &mut slot.insert((a.id, String::new())).1,
            };
            negotiation::issues_ui(ui, project, a, query, issues_label.id, actions);
            ui.end_row();

            self.when.said_on_row_ui(ui, project, a, actions);
            self.when.firmness_row_ui(ui, project, a, actions);
            negotiation::stance_rows_ui(ui, a, actions);
            negotiation::cue_row_ui(ui, project, a, text_selection, actions);

            let note_label = ui.label("Note");
            let mut note = a.note_text().to_owned();
            let response = ui.add(
                egui::TextEdit::multiline(&mut note)
                    .id_salt(("note", a.id))
                    .desired_rows(3)
                    .desired_width(f32::INFINITY)
                    .hint_text("Why this matters, context, doubts…"),
            );
            let response = response.labelled_by(note_label.id);
            if std::mem::take(&mut self.focus_note) {
                response.request_focus();
            }
            if response.changed() {
                actions.push(Action::SetNote(a.id, note));
            }
            if response.lost_focus() {
                actions.push(Action::NoteEditFinished);
            }
            ui.end_row();

            fields::fields_rows_ui(ui, project, a, actions);

            ui.label("Span");
            ranges_ui(ui, a, actions);
            ui.end_row();
        });

        ui.add_space(4.0);
        span_buttons_ui(ui, a, text_selection, actions);
        ui.add_space(8.0);
        relations::relations_ui(ui, project, a, is_linking, actions);
        ui.add_space(6.0);
        footer_ui(ui, a, actions);
    }

    /// The holders row: a combo that adds a holder (a project's actor, or "New actor…" and a
    /// name, which reuses the actor of that name or alias), the button to the first holder's
    /// details, and the holders as removable chips in the analyst's order on a line of their
    /// own, always there, so adding the first holder moves no field below.
    fn holder_row_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        a: &Annotation,
        actions: &mut Vec<Action>,
    ) {
        let holder_label = ui.label("Holder").on_hover_text(
            "Who said it: the source. A joint statement has several holders, in your order",
        );
        // The holder's affiliation and aliases are edited in the Actors view, not here:
        // rows appearing with a holder would move every field below them.
        ui.vertical(|ui| {
            let pick = ui
                .horizontal(|ui| {
                    let pick =
                        holder_pick_ui(ui, project, a, &mut self.new_holder_name, holder_label.id);
                    let details = ui
                        .add_enabled(!a.holders.is_empty(), egui::Button::new("Actor…"))
                        .on_hover_text("Edit the holder's side, affiliation and aliases")
                        .on_disabled_hover_text("Choose a holder first");
                    if details.clicked() {
                        self.actor_to_show = a.first_holder();
                    }
                    pick
                })
                .inner;
            match pick {
                Some(ActorPick::Set(Some(holder))) => {
                    actions.push(Action::AddHolder(a.id, holder));
                }
                Some(ActorPick::Set(None)) => actions.push(Action::SetHolder(a.id, None)),
                Some(ActorPick::New(name)) => actions.push(Action::AddHolderNamed(a.id, name)),
                None => {}
            }
            ui.horizontal_wrapped(|ui| {
                // One line is as tall with chips as without, so the first holder moves
                // nothing below.
                ui.set_min_height(2.0 * ui.spacing().interact_size.y);
                if a.holders.is_empty() {
                    ui.label(RichText::new("No holder yet").small().weak());
                }
                for &holder in &a.holders {
                    let name = project.actor(holder).map_or("?", |x| x.name.as_str());
                    let chip_id = egui::Id::unique(("stance-holder-chip", a.id, holder));
                    negotiation::chip_ui(
                        ui,
                        chip_id,
                        name,
                        &format!("Remove the holder {name}"),
                        || actions.push(Action::RemoveHolder(a.id, holder)),
                    );
                }
            });
        });
        ui.end_row();
    }
}

/// The combo that adds a holder: the actors not holding the annotation yet, "— none —" to
/// clear the holders, and "New actor…", which asks for a name.
fn holder_pick_ui(
    ui: &mut Ui,
    project: &Project,
    a: &Annotation,
    new_name: &mut Option<String>,
    label: egui::Id,
) -> Option<ActorPick> {
    if new_name.is_some() {
        return actor_pick_ui(ui, project, (None, ("holder", a.id)), new_name, label);
    }
    let shown = if a.holders.is_empty() {
        "— none —"
    } else {
        "Add a holder…"
    };
    let mut pick = None;
    let combo = egui::ComboBox::from_id_salt(("holder", a.id))
        .selected_text(shown)
        .width(150.0)
        .show_ui(ui, |ui| {
            if !a.holders.is_empty() && ui.selectable_label(false, "— none —").clicked() {
                pick = Some(ActorPick::Set(None));
            }
            let mut actors: Vec<&Actor> = (project.actors().iter())
                .filter(|x| !a.is_held_by(x.id))
                .collect();
            actors.sort_by_key(|x| name_key(&x.name));
            for actor in actors {
                if ui
                    .selectable_label(false, actor_choice_text(project, actor))
                    .clicked()
                {
                    pick = Some(ActorPick::Set(Some(actor.id)));
                }
            }
            ui.separator();
            if ui.selectable_label(false, "New actor…").clicked() {
                *new_name = Some(String::new());
            }
        });
    combo.response.labelled_by(label);
    pick
}

/// An actor as a picker lists it: its name, and the side it speaks for (or its affiliation).
fn actor_choice_text(project: &Project, actor: &Actor) -> String {
    let side = actor
        .side
        .and_then(|s| project.actor(s))
        .map(|s| s.name.as_str());
    match side.or(actor.affiliation.as_deref()) {
        Some(aff) => format!("{} ({aff})", actor.name),
        None => actor.name.clone(),
    }
}

/// A combo of the project's actors (with "— none —" and "New actor…"), for the holder or
/// the target. `(current, salt)`: the chosen actor and the combo's id salt.
fn actor_pick_ui(
    ui: &mut Ui,
    project: &Project,
    (current, salt): (Option<ActorId>, (&str, AnnotationId)),
    new_name: &mut Option<String>,
    label: egui::Id,
) -> Option<ActorPick> {
    if let Some(name) = new_name {
        let mut pick = None;
        let mut is_done = false;
        ui.horizontal(|ui| {
            let response = ui.add(
                egui::TextEdit::singleline(name)
                    .id_salt(("new_actor_name", salt.0))
                    .hint_text("Name of the new actor")
                    .desired_width(150.0),
            );
            let response = response.labelled_by(label);
            if !response.has_focus() && !response.lost_focus() && name.is_empty() {
                response.request_focus();
            }
            let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Add").clicked() || entered) && !name.is_empty() {
                pick = Some(ActorPick::New(std::mem::take(name)));
                is_done = true;
            }
            if ui.button("Cancel").clicked() {
                is_done = true;
            }
        });
        if is_done {
            *new_name = None;
        }
        return pick;
    }
    let shown = current
        .and_then(|id| project.actor(id))
        .map_or("— none —", |actor| actor.name.as_str());
    let mut pick = None;
    let combo = egui::ComboBox::from_id_salt(salt)
        .selected_text(shown)
        .width(170.0)
        .show_ui(ui, |ui| {
            if ui.selectable_label(current.is_none(), "— none —").clicked() {
                pick = Some(ActorPick::Set(None));
            }
            let mut actors: Vec<&Actor> = project.actors().iter().collect();
            actors.sort_by_key(|x| name_key(&x.name));
            for actor in actors {
                let text = actor_choice_text(project, actor);
                if ui
                    .selectable_label(current == Some(actor.id), text)
                    .clicked()
                {
                    pick = Some(ActorPick::Set(Some(actor.id)));
                }
            }
            ui.separator();
            if ui.selectable_label(false, "New actor…").clicked() {
                *new_name = Some(String::new());
            }
        });
    combo.response.labelled_by(label);
    pick.filter(|p| !matches!(p, ActorPick::Set(id) if *id == current))
}

/// "Set span to selection" and "Add selection as range", enabled while text is selected.
fn span_buttons_ui(
    ui: &mut Ui,
    a: &Annotation,
    text_selection: Option<Span>,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        let has_selection = text_selection.is_some_and(|s| !s.is_empty());
        let hint = "Select text in the article first";
        if ui
            .add_enabled(has_selection, egui::Button::new("Set span to selection"))
            .on_disabled_hover_text(hint)
            .on_hover_text("Replace this annotation's text with the selected text")
            .clicked()
        {
            actions.push(Action::SetSpanToSelection(a.id));
        }
        if ui
            .add_enabled(has_selection, egui::Button::new("Add selection as range"))
            .on_disabled_hover_text(hint)
            .on_hover_text("Make a discontinuous span (Ctrl+R)")
            .clicked()
        {
            actions.push(Action::AddSelectionAsRange(a.id));
        }
    });
}

/// Created and modified times, and Delete.
fn footer_ui(ui: &mut Ui, a: &Annotation, actions: &mut Vec<Action>) {
    let time = |t: chrono::DateTime<chrono::Utc>| {
        t.with_timezone(&chrono::Local)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    let by = a
        .annotator
        .as_deref()
        .map_or_else(String::new, |name| format!(" by {name}"));
    let times = RichText::new(format!(
        "Created {} · modified {}{by}",
        time(a.created),
        time(a.modified)
    ))
    .small()
    .weak();
    // Delete first, from the right: the times wrap in what is left instead of running
    // under the button.
    ui.with_layout(Layout::right_to_left(Align::Min), |ui| {
        let delete = egui::Button::new(RichText::new("Delete").color(ui.visuals().error_fg_color));
        if ui
            .add(delete)
            .on_hover_text("Delete this annotation (Delete); Ctrl+Z brings it back")
            .clicked()
        {
            actions.push(Action::DeleteAnnotation(a.id));
        }
        ui.with_layout(Layout::left_to_right(Align::Min), |ui| {
            ui.add(egui::Label::new(times).wrap());
        });
    });
}

fn tag_combo_ui(
    ui: &mut Ui,
    project: &Project,
    a: &Annotation,
    label: egui::Id,
    actions: &mut Vec<Action>,
) {
    let current = project.schema().name(&a.tag).to_owned();
    let response = egui::ComboBox::from_id_salt(("tag", a.id))
        .selected_text(current)
        .width(200.0)
        .show_ui(ui, |ui| {
            // Retired tags are not offered, but the current one stays visible.
            for tag in (project.schema().tags.iter()).filter(|t| !t.retired || t.key == a.tag) {
                let text = RichText::new(format!(
                    "{}   {}",
                    tag.name,
                    tag.hotkey.map(String::from).unwrap_or_default()
                ))
                .color(tag_color(tag.color));
                if ui.selectable_label(a.tag == tag.key, text).clicked() && a.tag != tag.key {
                    actions.push(Action::SetTag(a.id, tag.key.clone()));
                }
            }
        });
    response.response.labelled_by(label);
}

fn ranges_ui(ui: &mut Ui, a: &Annotation, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        for (index, range) in a.ranges.iter().enumerate() {
            ui.label(RichText::new(format!("{}–{}", range.start, range.end)).monospace());
            if a.has_removable_ranges()
                && ui
                    .small_button("×")
                    .on_hover_text("Remove this range")
                    .clicked()
            {
                actions.push(Action::RemoveRange(a.id, index));
            }
        }
        // Summed over the ranges: counting the quote's chars would walk all of its text.
        let chars: usize = a.ranges.iter().map(Span::len).sum();
        ui.label(RichText::new(format!("({chars} chars)")).weak());
    });
}
