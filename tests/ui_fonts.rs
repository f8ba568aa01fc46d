//! Every script shows real glyphs: with the system fonts installed, each character of the
//! multi-script test article resolves to a font, for scripts this machine has a font for.

use std::process::Command;

use egui::FontFamily;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use stance::app::StanceApp;
use stance::io::formats::article::document_from_text;
use stance::model::Project;
use stance::ui::fonts::{
    SCRIPT_PROBES, discovered_font_names, install_system_fonts, missing_font_notice,
    missing_glyphs, missing_scripts,
};

const ARTICLE: &str = include_str!("data/scripts/talks-in-eight-scripts.txt");

/// Whether fontconfig knows a font with `c`; `None` if `fc-list` cannot be run.
fn system_has_font_for(c: char) -> Option<bool> {
    let output = Command::new("fc-list")
        .arg(format!(":charset={:x}", u32::from(c)))
        .arg("family")
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| !output.stdout.trim_ascii().is_empty())
}

/// The app on the article, in a harness that draws boxes for missing glyphs instead of
/// panicking (this machine may lack a font for some script); `with_fonts` installs the
/// system fonts before the first frame, as `app::run` does.
fn harness(with_fonts: bool) -> Harness<'static, StanceApp> {
    harness_on(with_fonts, ARTICLE)
}

fn harness_on(with_fonts: bool, text: &str) -> Harness<'static, StanceApp> {
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .allow_missing_glyphs()
        .build_ui_state(
            |ui, app: &mut StanceApp| app.frame_ui(ui),
            app_with_article(text),
        );
    if with_fonts {
        install_system_fonts(&harness.ctx);
    }
    harness.run();
    harness
}

fn app_with_article(text: &str) -> StanceApp {
    let mut project = Project::new("Scripts");
    let document = document_from_text("talks-in-eight-scripts.txt", text, None);
    project
        .apply(project.add_document(document))
        .expect("a fresh project takes a document");
    StanceApp::with_project(project)
}

#[test]
fn builtin_fonts_alone_lack_the_scripts() {
    // Guards the test below: if egui ever bundled these, it would prove nothing.
    let harness = harness(false);
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let missing = missing_glyphs(&harness.ctx, &family, "和مש");
        assert_eq!(missing, vec!['和', 'م', 'ש'], "{family:?}");
    }
}

#[test]
fn every_script_of_the_article_resolves_to_a_system_font() {
    let harness = harness(true);

    let mut checked = 0;
    for (script, probe) in SCRIPT_PROBES {
        match system_has_font_for(probe) {
            None => {
                println!("note: fc-list unavailable; skipping the font check");
                return;
            }
            Some(false) => {
                println!("note: this machine has no font for {script} ({probe}); skipped");
                continue;
            }
            Some(true) => {}
        }
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            let missing = missing_glyphs(&harness.ctx, &family, &probe.to_string());
            assert!(
                missing.is_empty(),
                "{script} {probe} has no glyph in {family:?}"
            );
        }
        checked += 1;
    }

    // The whole article: every char whose script has a system font must resolve.
    let missing: Vec<char> = missing_glyphs(&harness.ctx, &FontFamily::Proportional, ARTICLE)
        .into_iter()
        .filter(|c| system_has_font_for(*c) == Some(true))
        .collect();
    assert!(missing.is_empty(), "no glyph for {missing:?}");

    if checked > 0 {
        let names = discovered_font_names(&harness.ctx);
        assert!(
            names.iter().all(|n| n.starts_with("system:")),
            "unexpected fonts {names:?}"
        );
        assert!(!names.is_empty(), "no system font was installed");
        println!("system fonts used: {names:?}");
    }
}

#[test]
fn scripts_no_font_covers_are_named_with_a_way_to_get_a_font() {
    // The built-in fonts alone: every script of the article but Latin and Cyrillic is missing.
    let harness = harness(false);
    let missing = missing_scripts(&harness.ctx, &[ARTICLE]);
    let names: Vec<&str> = missing.iter().map(|m| m.name).collect();
    for script in ["Arabic", "Devanagari", "Han", "Hangul", "Hebrew"] {
        assert!(names.contains(&script), "{script} not in {names:?}");
    }
    assert!(
        !names.contains(&"Latin") && !names.contains(&"Cyrillic"),
        "{names:?}"
    );
    let notice = missing_font_notice(&missing).expect("a notice");
    assert!(notice.starts_with("No font for Arabic"), "{notice}");
    if cfg!(target_os = "linux") {
        assert!(notice.contains("fonts-noto-core"), "{notice}");
        assert!(notice.contains("fonts-noto-cjk"), "{notice}");
    }
    assert_eq!(missing_font_notice(&[]), None);
}

#[test]
fn the_status_bar_names_a_script_no_font_covers() {
    // Without the system fonts, nothing draws Arabic.
    let mut harness = harness_on(false, "Talks\n\nالتقى الوفدان مجددًا.\n");
    harness.run();
    let notice = harness.get_by_label_contains("No font for");
    let text = notice.accesskit_node().value().unwrap_or_default();
    assert!(text.starts_with("No font for Arabic ("), "{text}");

    // A document every script of which has a font: no notice.
    let mut harness = harness_on(false, "Talks\n\nThe delegations met again.\n");
    harness.run();
    assert!(harness.query_by_label_contains("No font for").is_none());
}
