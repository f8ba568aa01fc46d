//! Collecting a PDF page's glyphs: a `hayro-interpret` device that keeps, for each glyph
//! drawn, its Unicode text, its horizontal extent, its baseline and its size, in the order
//! the page draws them. Paths and images are ignored.

use std::collections::HashMap;

use hayro_interpret::font::{Glyph, GlyphRun};
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect, Shape};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, SoftMask, interpret_page,
};

/// One glyph as drawn: page coordinates with y growing down the page.
#[derive(Clone, Debug, PartialEq)]
pub struct PageGlyph {
    pub text: String,
    /// Left and right ink edges.
    pub x0: f64,
    pub x1: f64,
    /// The baseline.
    pub y: f64,
    /// The font size (em) on the page.
    pub size: f64,
}

/// A page's glyphs, and how many glyphs had no Unicode value (a font without a map).
#[derive(Clone, Debug, Default)]
pub struct PageText {
    pub glyphs: Vec<PageGlyph>,
    pub unmapped: usize,
    pub height: f64,
}

/// Glyph units per em in the outlines hayro gives.
const UNITS_PER_EM: f64 = 1000.0;

/// Every page's glyphs, in page order; `on_page(done, pages)` after each.
pub fn read_pages(pdf: &Pdf, on_page: &mut dyn FnMut(usize, usize)) -> Vec<PageText> {
    let pages = pdf.pages();
    let count = pages.len();
    let cache = InterpreterCache::new();
    let mut extents: HashMap<u128, (f64, f64)> = HashMap::new();
    let mut out = Vec::with_capacity(count);
    for (index, page) in pages.iter().enumerate() {
        let (width, height) = page.render_dimensions();
        let mut device = TextDevice {
            page: PageText {
                height: f64::from(height),
                ..PageText::default()
            },
            extents: &mut extents,
        };
        let settings = InterpreterSettings::default();
        let mut context = Context::new(
            Affine::new(page.initial_transform(true).as_coeffs()),
            Rect::new(0.0, 0.0, f64::from(width), f64::from(height)),
            &cache,
            pdf.xref(),
            settings,
        );
        interpret_page(page, &mut context, &mut device);
        out.push(device.page);
        on_page(index + 1, count);
    }
    out
}

struct TextDevice<'e> {
    page: PageText,
    /// Each outline glyph's ink from left to right in glyph units, by its cache key: an
    /// outline is computed once per glyph of a font, not once per letter drawn.
    extents: &'e mut HashMap<u128, (f64, f64)>,
}

impl TextDevice<'_> {
    fn glyph(&mut self, glyph: &Glyph<'_>, transform: Affine) {
        let Some(unicode) = glyph.as_unicode() else {
            self.page.unmapped += 1;
            return;
        };
        let text = match unicode {
            hayro_interpret::hayro_cmap::BfString::Char(c) => c.to_string(),
            hayro_interpret::hayro_cmap::BfString::String(s) => s,
        };
        let origin = transform * Point::ZERO;
        let up = transform * Point::new(0.0, UNITS_PER_EM) - origin;
        let size = up.hypot();
        let (left, right) = match glyph {
            Glyph::Outline(outline) => *self
                .extents
                .entry(outline.identifier().cache_key())
                .or_insert_with(|| ink_extent(&outline.outline())),
            Glyph::Type3(type3) => (0.0, f64::from(type3.advance_width().unwrap_or(500.0))),
        };
        // A glyph with no ink (a space, hidden text over a scan) is half an em wide.
        let (left, right) = if right > left {
            (left, right)
        } else {
            (0.0, UNITS_PER_EM / 2.0)
        };
        let x0 = (transform * Point::new(left, 0.0)).x;
        let x1 = (transform * Point::new(right, 0.0)).x;
        self.page.glyphs.push(PageGlyph {
            text,
            x0: x0.min(x1),
            x1: x0.max(x1),
            y: origin.y,
            size,
        });
    }
}

/// The left and right edges of an outline's ink.
fn ink_extent(outline: &BezPath) -> (f64, f64) {
    if outline.elements().is_empty() {
        return (0.0, 0.0);
    }
    let bounds = outline.bounding_box();
    (bounds.x0, bounds.x1)
}

impl<'a> Device<'a> for TextDevice<'_> {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        // The run's transform places text space on the page (y down, from the page's top).
        for glyph in run.glyphs() {
            self.glyph(glyph, props.transform * glyph.transform());
        }
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}
