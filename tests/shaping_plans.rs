//! The shape plans each font face keeps (the patch in `vendor/epaint`, see its
//! `STANCE-PATCH.md`): a run shaped with a kept plan gets exactly the glyphs a fresh plan gives,
//! whatever the face shaped before it: other scripts, the other direction, runs of digits or
//! punctuation with no script at all.

use egui::text::{LayoutJob, TextFormat};
use egui::{FontId, Pos2, Vec2};
use egui_kittest::Harness;
use stance::ui::fonts::{install_system_fonts, missing_scripts};

/// Runs that share faces but not their direction or script: an Arabic phrase, a Persian one
/// (the same script, other letters), Arabic-Indic digits, Arabic punctuation alone (no script),
/// Hebrew, and Latin text with numbers.
const TEXTS: [&str; 8] = [
    "قالت وزارة الخارجية إن المفاوضات حول الحدود ستستأنف",
    "هیئت‌ها روز سه‌شنبه دوباره در دوحه دیدار کردند",
    "يوم ١٤ مارس",
    "، ؛ ؟",
    "המשלחות נפגשו שוב ביום שלישי בדוחא",
    "قال المتحدث باسم الأمم المتحدة (UN) إن جولة 2025 من المحادثات ستبدأ في Geneva",
    "Delegations met again on Tuesday in Doha, 2025",
    "2025",
];

/// What decides how a glyph looks and where it goes, but not where the atlas put it.
type GlyphKey = (char, Pos2, f32, Vec2, Vec2);

fn context_with_system_fonts() -> Harness<'static> {
    let mut harness = Harness::builder().allow_missing_glyphs().build_ui(|ui| {
        ui.label("fonts");
    });
    install_system_fonts(&harness.ctx);
    harness.run();
    harness
}

/// `text` laid out on one line, in sections of four words at most, as the article view lays
/// out right-to-left phrases. (egui shapes a run per font face: a word of one script alone is
/// one run, or a few for its punctuation.)
fn glyphs(harness: &Harness<'_>, text: &str) -> Vec<GlyphKey> {
    let mut job = LayoutJob::default();
    let words: Vec<&str> = text.split(' ').collect();
    for (i, phrase) in words.chunks(4).enumerate() {
        let lead = if i == 0 { "" } else { " " };
        job.append(
            &format!("{lead}{}", phrase.join(" ")),
            0.0,
            TextFormat::simple(FontId::proportional(16.0), egui::Color32::BLACK),
        );
    }
    let galley = harness.ctx.fonts_mut(|fonts| fonts.layout_job(job));
    galley
        .rows
        .iter()
        .flat_map(|placed| placed.row.glyphs.iter())
        .map(|g| {
            (
                g.chr,
                g.pos,
                g.advance_width,
                g.uv_rect.offset,
                g.uv_rect.size,
            )
        })
        .collect()
}

#[test]
fn a_kept_plan_shapes_as_a_fresh_one_whatever_the_face_shaped_before() {
    let warmed = context_with_system_fonts();
    let missing = missing_scripts(&warmed.ctx, &TEXTS[..]);
    if !missing.is_empty() {
        eprintln!("skipped: no font on this machine for {missing:?}");
        return;
    }
    // Every text once, so each face keeps plans for all its kinds of run.
    for text in TEXTS {
        assert!(!glyphs(&warmed, text).is_empty(), "{text}: no glyphs");
    }
    // Then each word alone, shaped with those kept plans, against the same word in a context
    // of its own, where its runs are the first of their kind and get a plan made for them.
    for text in TEXTS.iter().rev() {
        for word in text.split(' ') {
            let fresh = glyphs(&context_with_system_fonts(), word);
            assert!(!fresh.is_empty(), "{word}: no glyphs");
            assert_eq!(glyphs(&warmed, word), fresh, "{word}, in {text}");
        }
    }
}
