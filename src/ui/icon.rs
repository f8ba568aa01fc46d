//! The Stance icon: `assets/icons/stance.svg`, and PNG renderings of it for the sizes of the
//! freedesktop hicolor theme. The PNGs are committed, not rendered at run time, so the binary
//! carries no SVG renderer; `tests/icons.rs` checks they match the SVG (and re-renders them
//! with `STANCE_BLESS=1`).

/// The icon as drawn.
pub const SVG: &str = include_str!("../../assets/icons/stance.svg");

/// `(size in px, PNG bytes)`, smallest first.
pub const PNGS: [(u32, &[u8]); 8] = [
    (16, include_bytes!("../../assets/icons/stance-16.png")),
    (24, include_bytes!("../../assets/icons/stance-24.png")),
    (32, include_bytes!("../../assets/icons/stance-32.png")),
    (48, include_bytes!("../../assets/icons/stance-48.png")),
    (64, include_bytes!("../../assets/icons/stance-64.png")),
    (128, include_bytes!("../../assets/icons/stance-128.png")),
    (256, include_bytes!("../../assets/icons/stance-256.png")),
    (512, include_bytes!("../../assets/icons/stance-512.png")),
];

/// The rendering the window shows (title bar, task switcher): large enough for any of
/// them to scale down.
pub const WINDOW_PNG: &[u8] = PNGS[6].1;

/// The embedded window icon did not decode.
#[derive(Debug, thiserror::Error)]
#[error("the window icon could not be decoded: {0}")]
pub struct IconDecodeError(String);

/// The icon of the main window, the same picture the desktop entry installs.
///
/// # Errors
/// The embedded PNG does not decode (`tests/icons.rs` checks that it does).
pub fn window_icon() -> Result<egui::IconData, IconDecodeError> {
    eframe::icon_data::from_png_bytes(WINDOW_PNG).map_err(|e| IconDecodeError(e.to_string()))
}
