//! The light and dark looks: egui's visuals with text that stays readable (WCAG AA, 4.5:1 for
//! small text) on every background the sidebar puts it on, and a white "paper" for the
//! article in light mode.

use egui::{Color32, Visuals};

/// Small text (row labels such as "note", "2 ranges"); egui's 9 pt is too small to read.
const SMALL_TEXT_PX: f32 = 11.0;

/// Installs both themes' visuals and the text sizes; `set_theme` then picks one.
pub fn install(ctx: &egui::Context) {
    ctx.set_visuals_of(egui::Theme::Light, visuals(false));
    ctx.set_visuals_of(egui::Theme::Dark, visuals(true));
    ctx.all_styles_mut(|style| {
        if let Some(small) = style.text_styles.get_mut(&egui::TextStyle::Small) {
            small.size = SMALL_TEXT_PX;
        }
    });
}

/// egui's visuals for `dark` mode, with text colours chosen for contrast.
#[must_use]
pub fn visuals(dark: bool) -> Visuals {
    let mut visuals = if dark {
        Visuals::dark()
    } else {
        Visuals::light()
    };
    let (text, weak, warn) = if dark {
        // egui's grey 140 is faint for labels; weak text must stay darker than normal text.
        (
            Color32::from_gray(205),
            Color32::from_gray(165),
            Color32::from_rgb(255, 143, 0),
        )
    } else {
        // egui's orange warning reads 2.8:1 on the light panel.
        (
            Color32::from_gray(40),
            Color32::from_gray(96),
            Color32::from_rgb(160, 60, 0),
        )
    };
    visuals.widgets.noninteractive.fg_stroke.color = text;
    visuals.weak_text_color = Some(weak);
    visuals.warn_fg_color = warn;
    visuals
}

/// The selected row of a list: opaque, so its text contrast does not depend on what is
/// behind it, and quiet enough for small weak text on it.
#[must_use]
pub fn selected_row_fill(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(28, 52, 72)
    } else {
        Color32::from_rgb(205, 228, 247)
    }
}

/// A row under the pointer (or linked to the highlight under it).
#[must_use]
pub fn hovered_row_fill(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_gray(40)
    } else {
        Color32::from_gray(234)
    }
}

/// The article's background: white paper in light mode, a shade under the panels in dark.
#[must_use]
pub fn article_fill(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_gray(22)
    } else {
        Color32::WHITE
    }
}

/// The WCAG 2 contrast ratio of two opaque colours, from 1 to 21.
#[must_use]
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// WCAG 2 relative luminance of an sRGB colour.
#[must_use]
pub fn relative_luminance(color: Color32) -> f32 {
    let channel = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{default_relation_types, default_tags};
    use crate::ui::{tag_color, text_on};

    /// AA for normal-size text.
    const AA: f32 = 4.5;

    #[test]
    fn contrast_ratio_matches_the_wcag_examples() {
        assert!((contrast_ratio(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast_ratio(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
        // #777 on white is the classic just-failing grey: 4.48:1.
        let grey = contrast_ratio(Color32::from_gray(0x77), Color32::WHITE);
        assert!((grey - 4.48).abs() < 0.01, "{grey}");
    }

    #[test]
    fn sidebar_text_reads_at_4_5_to_1_on_every_row_background_in_both_themes() {
        for dark in [false, true] {
            let v = visuals(dark);
            let backgrounds = [
                ("panel", v.panel_fill),
                ("selected row", selected_row_fill(&v)),
                ("hovered row", hovered_row_fill(&v)),
            ];
            let texts = [
                ("weak (note, 2 ranges)", v.weak_text_color()),
                ("normal", v.text_color()),
                ("strong (holder names)", v.strong_text_color()),
                ("warning (filters hide)", v.warn_fg_color),
            ];
            for (bg_name, bg) in backgrounds {
                for (text_name, text) in texts {
                    let ratio = contrast_ratio(text, bg);
                    assert!(
                        ratio >= AA,
                        "dark={dark}: {text_name} on {bg_name} is {ratio:.2}:1"
                    );
                }
            }
            // Weak text must still look weaker than normal text.
            assert!(
                contrast_ratio(v.weak_text_color(), v.panel_fill)
                    < contrast_ratio(v.text_color(), v.panel_fill)
            );
        }
    }

    #[test]
    fn chip_text_reads_on_every_default_tag_and_relation_colour() {
        let colors = (default_tags().into_iter().map(|t| t.color))
            .chain(default_relation_types().into_iter().map(|r| r.color));
        for rgb in colors {
            let fill = tag_color(rgb);
            let ratio = contrast_ratio(text_on(fill), fill);
            assert!(ratio >= AA, "{rgb:?}: {ratio:.2}:1");
        }
    }
}
