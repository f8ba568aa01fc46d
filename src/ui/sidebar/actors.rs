//! The Actors view: every actor with its annotation count; rename, side, affiliation,
//! aliases, add, merge and delete. It fills the sidebar while open.

use egui::{RichText, Ui};

use super::super::Action;
use crate::model::{Actor, ActorId, Project, ProjectIndex};

/// State of the actors section between frames.
#[derive(Default)]
pub struct ActorsSection {
    /// The actor whose name is being edited, and the name typed so far.
    renaming: Option<(ActorId, String)>,
    merge_from: Option<ActorId>,
    merge_into: Option<ActorId>,
    new_actor_name: String,
    /// The aliases of one actor as typed; committed when the field loses focus.
    aliases_typed: Option<(ActorId, String)>,
    /// Scroll to this actor's row on the next frame.
    reveal: Option<ActorId>,
}

impl ActorsSection {
    /// Scrolls to `actor` on the next frame (the editor's "Actor…" button).
    pub fn reveal(&mut self, actor: ActorId) {
        self.reveal = Some(actor);
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        counts: &ProjectIndex,
        actions: &mut Vec<Action>,
    ) {
        if project.actors().is_empty() {
            ui.label(
                RichText::new(
                    "No actors yet. Pick “New actor…” as an annotation's holder, or add one here.",
                )
                .weak(),
            );
        }
        ui.horizontal(|ui| {
            let response = ui.add(
                egui::TextEdit::singleline(&mut self.new_actor_name)
                    .id_salt("new_actor")
                    .hint_text("New actor's name")
                    .desired_width(160.0),
            );
            let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let refusal = project.check_new_actor_name(&self.new_actor_name).err();
            let mut button = ui.add_enabled(refusal.is_none(), egui::Button::new("Add actor"));
            if let Some(refusal) = &refusal
                && !self.new_actor_name.is_empty()
            {
                button = button.on_disabled_hover_text(refusal.to_string());
            }
            // Enter on a refused name still sends it, so the model's refusal shows as a toast;
            // the name stays in the field to be corrected.
            if (button.clicked() || entered) && !self.new_actor_name.is_empty() {
                let name = if refusal.is_none() {
                    std::mem::take(&mut self.new_actor_name)
                } else {
                    self.new_actor_name.clone()
                };
                actions.push(Action::AddActor(name));
            }
        });
        if project.actors().len() >= 2 {
            self.merge_ui(ui, project, actions);
        }
        ui.add_space(6.0);
        // Virtualised like the annotation list: a project can hold hundreds of actors, and
        // each row has text fields. The list takes the height the controls above leave.
        let spacing = ui.spacing();
        let row_height_px = 4.0 * spacing.interact_size.y + 3.0 * spacing.item_spacing.y + 8.0;
        let row_step_px = row_height_px + spacing.item_spacing.y;
        let mut area = egui::ScrollArea::vertical()
            .id_salt("actors_list")
            .auto_shrink([false, false]);
        if let Some(actor) = self.reveal.take()
            && let Some(index) = project.actors().iter().position(|a| a.id == actor)
        {
            let top_px = index as f32 * row_step_px;
            area = area.vertical_scroll_offset(top_px);
        }
        area.show_rows(ui, row_height_px, project.actors().len(), |ui, rows| {
            for index in rows {
                let Some(actor) = project.actors().get(index) else {
                    continue;
                };
                let count = counts.holder_count(actor.id);
                let (rect, _) = ui.allocate_exact_size(
                    egui::vec2(ui.available_width(), row_height_px),
                    egui::Sense::hover(),
                );
                let mut row = ui.new_child(
                    egui::UiBuilder::new()
                        .max_rect(rect)
                        .layout(egui::Layout::top_down(egui::Align::Min)),
                );
                self.actor_row_ui(&mut row, project, actor, count, actions);
            }
        });
    }

    /// One actor: name (click to rename), annotations held, Delete, its side, and the
    /// affiliation.
    fn actor_row_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        actor: &Actor,
        count: usize,
        actions: &mut Vec<Action>,
    ) {
        ui.horizontal(|ui| {
            self.name_ui(ui, actor.id, &actor.name, actions);
            ui.label(RichText::new(format!("{count} held")).small().weak())
                .on_hover_ui(|ui| {
                    ui.label(format!(
                        "{} held by {}",
                        crate::analysis::wording::counted(count, "annotation"),
                        actor.name
                    ));
                });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .small_button("Delete")
                    .on_hover_text("Delete this actor (its annotations lose their holder)")
                    .clicked()
                {
                    actions.push(Action::DeleteActor(actor.id));
                }
            });
        });
        side_ui(ui, project, actor, actions);
        let mut affiliation = actor.affiliation.clone().unwrap_or_default();
        // Filled in, the two fields looked alike: a label says which is which.
        let response = ui
            .horizontal(|ui| {
                let label = field_label_ui(ui, "Affiliation");
                ui.add(
                    egui::TextEdit::singleline(&mut affiliation)
                        .id_salt(("actor_affiliation", actor.id))
                        .hint_text("a role, e.g. chief negotiator")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id)
            })
            .inner
            .on_hover_ui(|ui| {
                ui.label(format!("Affiliation of {}", actor.name));
            });
        if response.changed() {
            actions.push(Action::SetAffiliation(actor.id, affiliation));
        }
        if response.lost_focus() {
            actions.push(Action::ActorEditFinished);
        }
        self.aliases_ui(ui, actor, actions);
        ui.add_space(4.0);
    }

    /// Other names of the actor, comma-separated; one edit when the field loses focus.
    fn aliases_ui(&mut self, ui: &mut Ui, actor: &Actor, actions: &mut Vec<Action>) {
        let mut joined = String::new();
        let text = match &mut self.aliases_typed {
            Some((id, typed)) if *id == actor.id => typed,
            _ => {
                // Follows the model (undo, merges) while the user is not typing here.
                joined = actor.aliases.join(", ");
                &mut joined
            }
        };
        let response = ui
            .horizontal(|ui| {
                let label = field_label_ui(ui, "Aliases");
                ui.add(
                    egui::TextEdit::singleline(text)
                        .id_salt(("actor_aliases", actor.id))
                        .hint_text("comma-separated")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id)
            })
            .inner
            .on_hover_ui(|ui| {
                ui.label(format!("Other names of {}", actor.name));
            });
        if response.lost_focus() {
            let typed = match self.aliases_typed.take() {
                Some((id, typed)) if id == actor.id => typed,
                _ => joined,
            };
            actions.push(Action::SetAliases(actor.id, typed));
        } else if response.changed()
            && !matches!(&self.aliases_typed, Some((id, _)) if *id == actor.id)
        {
            self.aliases_typed = Some((actor.id, joined));
        }
    }

    fn name_ui(&mut self, ui: &mut Ui, id: ActorId, name: &str, actions: &mut Vec<Action>) {
        let Some((renaming, buffer)) = &mut self.renaming else {
            if ui
                .add(egui::Label::new(RichText::new(name).strong()).sense(egui::Sense::click()))
                .on_hover_text("Click to rename")
                .clicked()
            {
                self.renaming = Some((id, name.to_owned()));
            }
            return;
        };
        if *renaming != id {
            ui.label(RichText::new(name).strong());
            return;
        }
        let response = ui.add(
            egui::TextEdit::singleline(buffer)
                .id_salt(("actor_name", id))
                .desired_width(160.0),
        );
        let response = response.on_hover_text("Enter to rename, Esc to cancel");
        if !response.has_focus() && !response.lost_focus() {
            response.request_focus();
        }
        if response.lost_focus() {
            let cancelled = ui.input(|i| i.key_pressed(egui::Key::Escape));
            if !cancelled {
                actions.push(Action::RenameActor(id, std::mem::take(buffer)));
            }
            self.renaming = None;
        }
    }

    fn merge_ui(&mut self, ui: &mut Ui, project: &Project, actions: &mut Vec<Action>) {
        let name = |id: Option<ActorId>| {
            id.and_then(|id| project.actor(id))
                .map_or("choose…", |a| a.name.as_str())
                .to_owned()
        };
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            for (caption, salt, slot) in [
                ("Merge", "merge_from", &mut self.merge_from),
                ("into", "merge_into", &mut self.merge_into),
            ] {
                let label = ui.label(caption);
                egui::ComboBox::from_id_salt(salt)
                    .selected_text(name(*slot))
                    .width(110.0)
                    .show_ui(ui, |ui| {
                        for actor in project.actors() {
                            ui.selectable_value(slot, Some(actor.id), &actor.name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
            }
            let ready = matches!((self.merge_from, self.merge_into), (Some(a), Some(b)) if a != b);
            if ui
                .add_enabled(ready, egui::Button::new("Merge actors"))
                .on_hover_text(
                    "The first actor's annotations move to the second; its names become aliases",
                )
                .clicked()
                && let (Some(from), Some(into)) = (self.merge_from, self.merge_into)
            {
                actions.push(Action::MergeActors { from, into });
                self.merge_from = None;
            }
        });
    }
}

/// The side the actor speaks for (Yuri Ushakov → Russia): any other actor, or none (it is
/// its own side). A choice that would make a cycle is sent all the same, so the model's
/// refusal tells the analyst why.
fn side_ui(ui: &mut Ui, project: &Project, actor: &Actor, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let label = field_label_ui(ui, "Side");
        let accessible = format!("Side of {}", actor.name);
        label.widget_info(|| {
            egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, &accessible)
        });
        let shown = (actor.side)
            .and_then(|s| project.actor(s))
            .map_or("— its own —", |s| s.name.as_str());
        let mut pick = None;
        egui::ComboBox::from_id_salt(("actor_side", actor.id))
            .selected_text(shown)
            .width(160.0)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(actor.side.is_none(), "— its own —")
                    .clicked()
                {
                    pick = Some(None);
                }
                let mut others: Vec<&Actor> = (project.actors().iter())
                    .filter(|x| x.id != actor.id)
                    .collect();
                others.sort_by_key(|x| crate::model::name_key(&x.name));
                for other in others {
                    if ui
                        .selectable_label(actor.side == Some(other.id), &other.name)
                        .clicked()
                    {
                        pick = Some(Some(other.id));
                    }
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text(format!("The side {} speaks for", actor.name));
        if let Some(side) = pick.filter(|&side| side != actor.side) {
            actions.push(Action::SetSide(actor.id, side));
        }
    });
}

/// A field's name before it, in a column of its own width so the fields line up.
fn field_label_ui(ui: &mut Ui, name: &str) -> egui::Response {
    const LABEL_PX: f32 = 70.0;
    let label = ui.label(RichText::new(name).small().weak());
    ui.add_space((LABEL_PX - label.rect.width()).max(0.0));
    label
}
