//! Paragraph layout for the article: reading style, a galley per paragraph cached across
//! frames, and paragraph heights in a Fenwick tree so the view can find what is visible
//! in `O(log n)` without laying out the whole document.

use std::collections::HashMap;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId};

use super::piece_widths::PieceWidths;
use super::text_map::ParagraphText;

use crate::model::Document;

/// How many paragraph galleys stay cached; enough for several screens either way, small
/// enough that a 1 MiB article never holds all its meshes at once.
const MAX_CACHED_PARAGRAPHS: usize = 400;

/// The reading measure: about 75–85 characters of the proportional body font per line.
const MEASURE_EMS: f32 = 36.0;

/// Typographic settings derived from the font size and the width available.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct ReadingStyle {
    pub font_size_px: f32,
    pub line_height_px: f32,
    pub paragraph_gap_px: f32,
    /// Width of the text column.
    pub measure_px: f32,
    /// Left edge of the column, relative to the content's left edge (centres it).
    pub column_left_px: f32,
    pub pixels_per_point: f32,
}

impl ReadingStyle {
    pub fn new(font_size_px: f32, content_width_px: f32, pixels_per_point: f32) -> Self {
        let font_size_px = font_size_px.clamp(8.0, 48.0);
        let margin_px = (font_size_px * 1.5).min(content_width_px * 0.05);
        let measure_px = (font_size_px * MEASURE_EMS)
            .min(content_width_px - 2.0 * margin_px)
            .max(font_size_px * 8.0);
        let column_left_px = ((content_width_px - measure_px) * 0.5).max(0.0);
        Self {
            font_size_px,
            line_height_px: (font_size_px * 1.6).round(),
            paragraph_gap_px: (font_size_px * 0.85).round(),
            measure_px: measure_px.round(),
            column_left_px: column_left_px.round(),
            pixels_per_point,
        }
    }

    /// True if galleys laid out for `other` cannot be reused with `self`.
    pub fn changes_layout(&self, other: &Self) -> bool {
        self.font_size_px != other.font_size_px
            || self.measure_px != other.measure_px
            || self.pixels_per_point != other.pixels_per_point
    }

    pub fn body_format(&self) -> TextFormat {
        TextFormat {
            font_id: FontId::proportional(self.font_size_px),
            line_height: Some(self.line_height_px),
            // Filled in with the theme's text colour when painted, so galleys survive theme changes.
            color: Color32::PLACEHOLDER,
            ..TextFormat::default()
        }
    }
}

/// Prefix sums of paragraph heights with `O(log n)` update, prefix and search.
#[derive(Clone, Debug, Default)]
pub(super) struct HeightIndex {
    /// 1-based Fenwick tree.
    tree: Vec<f64>,
    heights: Vec<f32>,
    /// Largest power of two ≤ len, for the descent in [`Self::index_at`].
    top_bit: usize,
}

impl HeightIndex {
    pub fn new(heights: Vec<f32>) -> Self {
        let n = heights.len();
        let mut tree = vec![0.0; n + 1];
        for (i, &h) in heights.iter().enumerate() {
            let node = i + 1;
            tree[node] += f64::from(h);
            let parent = node + (node & node.wrapping_neg());
            if parent <= n {
                tree[parent] += tree[node];
            }
        }
        let top_bit = if n == 0 { 0 } else { 1 << n.ilog2() };
        Self {
            tree,
            heights,
            top_bit,
        }
    }

    pub fn len(&self) -> usize {
        self.heights.len()
    }

    pub fn height(&self, index: usize) -> f32 {
        self.heights.get(index).copied().unwrap_or(0.0)
    }

    /// Sets one height; returns true if it changed.
    pub fn set(&mut self, index: usize, height: f32) -> bool {
        let Some(old) = self.heights.get_mut(index) else {
            return false;
        };
        if (*old - height).abs() < 0.01 {
            return false;
        }
        let delta = f64::from(height) - f64::from(*old);
        *old = height;
        let mut node = index + 1;
        while node < self.tree.len() {
            self.tree[node] += delta;
            node += node & node.wrapping_neg();
        }
        true
    }

    /// Sum of the heights of paragraphs `0..index`: the top of paragraph `index`.
    pub fn top_of(&self, index: usize) -> f32 {
        let mut node = index.min(self.heights.len());
        let mut sum = 0.0;
        while node > 0 {
            sum += self.tree[node];
            node &= node - 1;
        }
        sum as f32
    }

    pub fn total(&self) -> f32 {
        self.top_of(self.heights.len())
    }

    /// The paragraph that contains height `y` (clamped to the first and last).
    pub fn index_at(&self, y: f32) -> usize {
        if self.heights.is_empty() || y <= 0.0 {
            return 0;
        }
        let target = f64::from(y);
        let mut node = 0;
        let mut remaining = target;
        let mut bit = self.top_bit;
        while bit > 0 {
            let next = node + bit;
            if next < self.tree.len() && self.tree[next] <= remaining {
                node = next;
                remaining -= self.tree[next];
            }
            bit >>= 1;
        }
        node.min(self.heights.len() - 1)
    }
}

/// A laid-out paragraph (with its bidi map) and when it was last used.
struct CachedGalley {
    text: Arc<ParagraphText>,
    last_used_frame: u64,
}

/// Galleys of the paragraphs of one document, plus their heights.
#[derive(Default)]
pub(super) struct ParagraphLayouts {
    style: Option<ReadingStyle>,
    galleys: HashMap<usize, CachedGalley>,
    pub heights: HeightIndex,
    frame: u64,
    /// Paragraphs laid out (cache misses) since [`Self::begin_frame`].
    pub laid_out_this_frame: usize,
    /// egui text layouts those took: one each, two for a bidi paragraph of several lines
    /// with words not measured before.
    pub text_layouts_this_frame: usize,
    /// Advances of the words bidi paragraphs were measured with, for the body style.
    widths: PieceWidths,
    /// Average advance of a body character, for estimating unseen paragraphs.
    char_width_px: f32,
    /// The font atlas our galleys point into; see [`AtlasState`].
    atlas: Option<AtlasState>,
}

/// What tells us the font atlas was rebuilt, which leaves cached galleys pointing at glyphs
/// that are gone (garbled text): egui clears the atlas when its options change or when it
/// fills up, and it only ever grows otherwise.
#[derive(Clone, Copy, Debug, PartialEq)]
struct AtlasState {
    options: egui::epaint::text::TextOptions,
    fill_ratio: f32,
}

impl AtlasState {
    fn read(ctx: &egui::Context) -> Self {
        ctx.fonts(|f| Self {
            options: *f.options(),
            fill_ratio: f.font_atlas_fill_ratio(),
        })
    }

    fn was_rebuilt_since(&self, earlier: &Self) -> bool {
        self.options != earlier.options || self.fill_ratio < earlier.fill_ratio
    }
}

impl ParagraphLayouts {
    /// Drops everything; the next [`Self::prepare`] rebuilds the height estimates.
    pub fn clear(&mut self) {
        self.style = None;
        self.atlas = None;
        self.galleys.clear();
        self.widths.clear();
        self.heights = HeightIndex::default();
    }

    /// Starts a frame; resets the caches if the style changed (font size, measure, scale).
    /// Only then does it cost time proportional to the number of paragraphs.
    pub fn begin_frame(&mut self, doc: &Document, style: ReadingStyle, fonts: &egui::Context) {
        self.frame += 1;
        self.laid_out_this_frame = 0;
        self.text_layouts_this_frame = 0;
        let atlas = AtlasState::read(fonts);
        if self
            .atlas
            .is_some_and(|earlier| atlas.was_rebuilt_since(&earlier))
        {
            // Heights stay valid; only the glyphs must be laid out again.
            self.galleys.clear();
        }
        self.atlas = Some(atlas);
        let stale = self.style.is_none_or(|old| old.changes_layout(&style))
            || self.heights.len() != doc.paragraphs().len();
        self.style = Some(style);
        if !stale {
            return;
        }
        self.galleys.clear();
        self.widths.clear();
        self.char_width_px = average_char_width(fonts, &style);
        let chars_per_line = (style.measure_px / self.char_width_px).max(1.0);
        let estimates = doc
            .paragraphs()
            .iter()
            .map(|p| {
                let lines = (p.chars.len() as f32 / chars_per_line).ceil().max(1.0);
                lines * style.line_height_px + style.paragraph_gap_px
            })
            .collect();
        self.heights = HeightIndex::new(estimates);
    }

    /// Records the atlas after this frame's layouts, so glyphs added later still count as
    /// "not rebuilt" next frame.
    pub fn end_frame(&mut self, ctx: &egui::Context) {
        self.atlas = Some(AtlasState::read(ctx));
    }

    /// The laid-out paragraph `index`, laying it out (with its bidi pass) on a miss.
    /// Corrects the height index with the real height; returns whether the height changed too.
    pub fn galley(
        &mut self,
        doc: &Document,
        index: usize,
        ctx: &egui::Context,
    ) -> Option<(Arc<ParagraphText>, bool)> {
        let style = self.style?;
        if let Some(cached) = self.galleys.get_mut(&index) {
            cached.last_used_frame = self.frame;
            return Some((Arc::clone(&cached.text), false));
        }
        let paragraph = doc.paragraphs().get(index)?;
        let text = doc.text.get(paragraph.bytes_start..paragraph.bytes_end)?;
        let laid_out = Arc::new(ParagraphText::layout_remembering(
            ctx,
            text,
            &style.body_format(),
            style.measure_px,
            &mut self.widths,
        ));
        self.laid_out_this_frame += 1;
        self.text_layouts_this_frame += laid_out.layout_passes();
        let changed = self
            .heights
            .set(index, laid_out.height_px() + style.paragraph_gap_px);
        self.galleys.insert(
            index,
            CachedGalley {
                text: Arc::clone(&laid_out),
                last_used_frame: self.frame,
            },
        );
        if self.galleys.len() > MAX_CACHED_PARAGRAPHS {
            self.evict();
        }
        Some((laid_out, changed))
    }

    pub fn cached_count(&self) -> usize {
        self.galleys.len()
    }

    /// Keeps the most recently used half; amortised over many misses.
    fn evict(&mut self) {
        let mut frames: Vec<u64> = self.galleys.values().map(|c| c.last_used_frame).collect();
        let keep = MAX_CACHED_PARAGRAPHS / 2;
        let cut = frames.len().saturating_sub(keep);
        let (_, &mut threshold, _) = frames.select_nth_unstable(cut);
        let current = self.frame;
        self.galleys
            .retain(|_, c| c.last_used_frame >= threshold || c.last_used_frame == current);
    }
}

fn average_char_width(ctx: &egui::Context, style: &ReadingStyle) -> f32 {
    // A pangram-like sample with typical news punctuation.
    const SAMPLE: &str =
        "The delegations met in Geneva on Friday, and officials said talks would resume.";
    let job = LayoutJob::single_section(SAMPLE.to_owned(), style.body_format());
    let galley = ctx.fonts_mut(|fonts| fonts.layout_job(job));
    (galley.size().x / SAMPLE.chars().count() as f32).max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn height_index_sums_and_searches() {
        let mut index = HeightIndex::new(vec![10.0, 20.0, 30.0, 40.0, 50.0]);
        assert_eq!(index.total(), 150.0);
        assert_eq!(index.top_of(0), 0.0);
        assert_eq!(index.top_of(3), 60.0);
        assert_eq!(index.index_at(0.0), 0);
        assert_eq!(index.index_at(9.9), 0);
        assert_eq!(index.index_at(10.0), 1);
        assert_eq!(index.index_at(59.0), 2);
        assert_eq!(index.index_at(60.0), 3);
        assert_eq!(index.index_at(1000.0), 4);
        assert!(index.set(1, 25.0));
        assert!(!index.set(1, 25.0));
        assert_eq!(index.top_of(3), 65.0);
        assert_eq!(index.index_at(64.0), 2);
        assert_eq!(index.total(), 155.0);
    }

    #[test]
    fn height_index_agrees_with_a_linear_scan() {
        let heights: Vec<f32> = (0..257).map(|i| 5.0 + (i * 7 % 13) as f32).collect();
        let index = HeightIndex::new(heights.clone());
        let mut top = 0.0;
        for (i, h) in heights.iter().enumerate() {
            assert_eq!(index.top_of(i), top);
            assert_eq!(index.index_at(top + 0.5), i);
            top += h;
        }
        assert!(HeightIndex::new(Vec::new()).index_at(5.0) == 0);
    }

    #[test]
    fn style_centres_a_readable_measure() {
        let wide = ReadingStyle::new(17.0, 1600.0, 1.0);
        assert!(wide.measure_px <= 17.0 * MEASURE_EMS + 0.5);
        assert!((wide.column_left_px * 2.0 + wide.measure_px - 1600.0).abs() < 1.5);
        let narrow = ReadingStyle::new(17.0, 400.0, 1.0);
        assert!(narrow.measure_px < 400.0);
        assert!(!wide.changes_layout(&wide));
        assert!(wide.changes_layout(&narrow));
    }
}
