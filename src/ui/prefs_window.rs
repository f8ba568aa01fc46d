//! Edit → Preferences…: the settings the menus do not already offer (the annotator name).

use egui::RichText;

use super::Action;

/// The Preferences window, showing the annotator name now set; returns whether it stays open
/// and a change, if any.
pub fn preferences_ui(ctx: &egui::Context, annotator_name: &str) -> (bool, Option<Action>) {
    let mut is_open = true;
    let mut action = None;
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
                    let mut name = annotator_name.to_owned();
                    let response = ui
                        .add(
                            egui::TextEdit::singleline(&mut name)
                                .id_salt("annotator_name")
                                .hint_text("Your name or initials")
                                .desired_width(220.0),
                        )
                        .labelled_by(label.id);
                    if response.changed() {
                        action = Some(Action::SetAnnotatorName(name));
                    }
                    ui.end_row();
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
    (is_open, action)
}
