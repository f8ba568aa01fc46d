//! Edit → Preferences…: the settings the menus do not already offer (the annotator name).

use egui::RichText;

use super::Action;

/// The Preferences window, showing the annotator name now set; returns whether it stays open
/// and a change, if any.
pub fn preferences_ui(ctx: &egui::Context, annotator_name: &str) -> (bool, Option<Action>) {
    let mut is_open = true;
    let mut action = None;
    let draft_id = egui::Id::unique("annotator_name_draft");
    egui::Window::new("Preferences")
        .open(&mut is_open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("preferences_grid")
                .num_columns(2)
                .spacing([10.0, 8.0])
                .show(ui, |ui| {
                    let label = ui.label("Annotator name");
                    // The draft as typed: it may be blank for a moment while retyped, but
                    // only a name is taken (the annotator name is never empty).
                    let mut name: String = ui
                        .data_mut(|d| d.get_temp(draft_id))
                        .unwrap_or_else(|| annotator_name.to_owned());
                    let response = ui
                        .add(
                            egui::TextEdit::singleline(&mut name)
                                .id_salt("annotator_name")
                                .hint_text("Your name or initials")
                                .desired_width(220.0),
                        )
                        .labelled_by(label.id);
                    if response.changed() && !name.trim().is_empty() {
                        action = Some(Action::SetAnnotatorName(name.clone()));
                    }
                    let is_blank = name.trim().is_empty();
                    ui.data_mut(|d| d.insert_temp(draft_id, name));
                    ui.end_row();
                    if is_blank {
                        ui.label("");
                        ui.label(
                            RichText::new(format!("A name is needed; {annotator_name} stays."))
                                .color(ui.visuals().warn_fg_color),
                        );
                        ui.end_row();
                    }
                });
            ui.add(
                egui::Label::new(
                    RichText::new(
                        "Recorded on every annotation you make or change, so merged work \
                         shows who did what.",
                    )
                    .weak(),
                )
                .wrap(),
            );
        });
    if !is_open {
        ctx.data_mut(|d| d.remove::<String>(draft_id));
    }
    (is_open, action)
}
