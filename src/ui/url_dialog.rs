//! File → Import from URL…: the address to fetch, then the fetch's progress with a Cancel
//! button. The typed address is this widget's own state; what the user asks for is returned.

use egui::RichText;

/// What the app tells the dialog about a fetch under way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchProgress {
    pub url: String,
    pub received_bytes: u64,
    pub expected_bytes: Option<u64>,
}

/// The user's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlAnswer {
    /// Fetch this address.
    Fetch(String),
    /// Stop the fetch under way (the dialog stays, to try again).
    Cancel,
    /// Close the dialog (stopping a fetch under way).
    Close,
}

/// The dialog's own state: the address being typed.
#[derive(Debug, Default)]
pub struct UrlDialog {
    address: String,
}

impl UrlDialog {
    /// Draws the dialog; `fetching` is the fetch under way, if any.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        fetching: Option<&FetchProgress>,
    ) -> Option<UrlAnswer> {
        let mut answer = None;
        let mut is_open = true;
        egui::Window::new("Import from URL")
            .open(&mut is_open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .show(ctx, |ui| {
                ui.set_width(460.0);
                match fetching {
                    Some(progress) => answer = progress_ui(ui, progress),
                    None => answer = self.address_ui(ui),
                }
            });
        if !is_open {
            answer = Some(UrlAnswer::Close);
        }
        answer
    }

    fn address_ui(&mut self, ui: &mut egui::Ui) -> Option<UrlAnswer> {
        let mut answer = None;
        let label = ui.label("Address of a news page or feed");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut self.address)
                    .id_salt("import_url_address")
                    .hint_text("https://…")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if !response.has_focus() && self.address.is_empty() {
            response.request_focus();
        }
        let address = self.address.trim().to_owned();
        let pressed_enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.add(
            egui::Label::new(
                RichText::new(
                    "Stance fetches only this page, and keeps its article text, title, date, \
                     outlet and author. A feed adds one document per item.",
                )
                .weak(),
            )
            .wrap(),
        );
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let can_fetch = !address.is_empty();
            let import = ui.add_enabled(can_fetch, egui::Button::new("Import"));
            if (import.clicked() || (pressed_enter && can_fetch)) && answer.is_none() {
                answer = Some(UrlAnswer::Fetch(address.clone()));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(UrlAnswer::Close);
            }
        });
        answer
    }
}

fn progress_ui(ui: &mut egui::Ui, progress: &FetchProgress) -> Option<UrlAnswer> {
    let mut answer = None;
    ui.horizontal(|ui| {
        ui.spinner();
        ui.label(format!("Fetching {}", progress.url));
    });
    let received = kilobytes(progress.received_bytes);
    match progress.expected_bytes {
        Some(expected) if expected > 0 => {
            #[expect(clippy::cast_precision_loss, reason = "a fraction for a progress bar")]
            let fraction = progress.received_bytes as f32 / expected as f32;
            ui.add(
                egui::ProgressBar::new(fraction.clamp(0.0, 1.0))
                    .text(format!("{received} of {}", kilobytes(expected))),
            );
        }
        _ => {
            ui.label(RichText::new(format!("{received} received")).weak());
        }
    }
    if ui.button("Cancel").clicked() {
        answer = Some(UrlAnswer::Cancel);
    }
    answer
}

fn kilobytes(bytes: u64) -> String {
    format!("{} KB", bytes.div_ceil(1024))
}
