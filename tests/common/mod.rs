//! Shared by the workbench tests: the real app in a headless egui_kittest harness.

use egui_kittest::Harness;
use stance::app::StanceApp;

/// The window size every workbench test uses.
pub const WINDOW: [f32; 2] = [1400.0, 900.0];

/// The app in a harness, after its first frames; the first-run question (who is
/// annotating) answered with "tester".
pub fn harness(app: StanceApp) -> Harness<'static, StanceApp> {
    let app = app.with_annotator("tester");
    let mut harness = Harness::builder()
        .with_size(WINDOW)
        // Short steps, so a press and release are not taken for a long press.
        .with_step_dt(0.05)
        // Scrolling to an annotation animates over a few frames.
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut StanceApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

/// True if the window shows a widget labelled exactly `label` (a dialog's heading, a window's
/// title, a button), read through the accessibility tree as a screen reader reads it.
#[allow(
    dead_code,
    reason = "each test binary uses a different part of the common module"
)]
pub fn shows<State>(harness: &Harness<'_, State>, label: &str) -> bool {
    use egui_kittest::kittest::Queryable as _;
    harness.query_by_label(label).is_some()
}

/// True if the window shows a widget whose label contains `text`.
#[allow(
    dead_code,
    reason = "each test binary uses a different part of the common module"
)]
pub fn shows_text<State>(harness: &Harness<'_, State>, text: &str) -> bool {
    use egui_kittest::kittest::Queryable as _;
    harness.query_by_label_contains(text).is_some()
}
