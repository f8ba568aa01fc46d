//! From a PDF's glyphs to an article's text. Pure geometry, so it is tested without PDFs.
//!
//! 1. **Lines**: glyphs in the order the page draws them (for the PDFs writers make, the
//!    reading order, columns included) join a line while they share its baseline and move
//!    on to the right. A page that draws space glyphs has its spaces where they are drawn; on
//!    one that does not, a gap wider than a fifth of an em between two glyphs' ink is a space.
//! 2. **Running heads and feet**: lines at the top or bottom of a page whose text (digits
//!    aside) comes back on at least half of the pages are dropped, and so are page numbers
//!    there (`12`, `Page 3 of 9`, `– 4 –`).
//! 3. **Paragraphs**: a new one starts after extra space between lines, at a change of type
//!    size (a heading), at an indented first line, or after a line that stops short of the
//!    right margin on a full stop. A paragraph runs on across a page break.
//! 4. **Joining**: a word hyphenated at a line end is joined (`negoti-` + `ations`); a hyphen
//!    before a capital stays (`anti-` + `American`); other line ends become a space.
//!
//! The first heading is the first paragraph in larger type near the top of the first page.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::glyphs::{PageGlyph, PageText};

/// A gap between two glyphs' ink wider than this many ems is a space, on a page that draws
/// no space glyphs (TeX and some typesetters position each word instead).
const WORD_GAP_EM: f64 = 0.22;
/// On a page that draws its spaces, only a gap this wide is one more (a tab, a word placed
/// apart): narrow letters in wide cells (`1` in tabular figures) are no gap.
const WORD_GAP_WITH_SPACES_EM: f64 = 0.6;
/// Glyphs further right than this many ems past a line's end start another line (a column).
const COLUMN_GAP_EM: f64 = 3.0;
/// A line this much larger than the body text is a heading.
const HEADING_RATIO: f64 = 1.15;
/// How many lines at the top and at the bottom of a page may be a running head or foot.
const EDGE_LINES: usize = 2;

/// `12`, `Page 3`, `Page 3 of 9`, `3 / 9`, `- 4 -`: a page number alone on a line.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$")
        .unwrap_or_else(|e| unreachable!("a fixed pattern: {e}"))
});

/// A PDF's text laid out, and its first heading.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LaidOut {
    /// Paragraphs separated by a blank line.
    pub text: String,
    pub heading: Option<String>,
}

/// One line of text on a page.
#[derive(Clone, Debug, PartialEq)]
struct Line {
    text: String,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    page: usize,
}

/// Lays out every page's glyphs as an article's text (see the module's documentation).
#[must_use]
pub fn lay_out(pages: &[PageText]) -> LaidOut {
    let mut per_page: Vec<Vec<Line>> = (pages.iter().enumerate())
        .map(|(index, page)| page_lines(&page.glyphs, index))
        .collect();
    drop_running_lines(&mut per_page);
    let lines: Vec<Line> = per_page.into_iter().flatten().collect();
    let Some(body) = BodyMetrics::of(&lines) else {
        return LaidOut::default();
    };
    let paragraphs = paragraphs(&lines, &body);
    let heading = (paragraphs.iter().take(6))
        .find(|p| p.page == 0 && p.size >= body.size * HEADING_RATIO)
        .map(|p| p.text.clone());
    let text = (paragraphs.into_iter())
        .map(|p| p.text)
        .collect::<Vec<_>>()
        .join("\n\n");
    LaidOut { text, heading }
}

/// The page's lines, in drawing order.
fn page_lines(glyphs: &[PageGlyph], page: usize) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut space_pending = false;
    let spaces = (glyphs.iter()).filter(|g| g.text.trim().is_empty()).count();
    // Prose is about a sixth spaces; a twentieth means the page draws them.
    let word_gap_em = if spaces * 20 >= glyphs.len() {
        WORD_GAP_WITH_SPACES_EM
    } else {
        WORD_GAP_EM
    };
    for glyph in glyphs {
        if glyph.text.trim().is_empty() {
            space_pending = true;
            continue;
        }
        let size = glyph.size.max(0.1);
        match lines.last_mut() {
            Some(line) if continues(line, glyph) => {
                let gap = glyph.x0 - line.x1;
                if (space_pending || gap > word_gap_em * size) && !line.text.ends_with(' ') {
                    line.text.push(' ');
                }
                line.text.push_str(&glyph.text);
                line.x1 = line.x1.max(glyph.x1);
                line.size = line.size.max(size);
            }
            _ => lines.push(Line {
                text: glyph.text.clone(),
                x0: glyph.x0,
                x1: glyph.x1,
                y: glyph.y,
                size,
                page,
            }),
        }
        space_pending = false;
    }
    for line in &mut lines {
        line.text = line.text.trim().to_owned();
    }
    lines.retain(|l| !l.text.is_empty());
    lines
}

/// True if `glyph` goes on `line`: on its baseline (within 0.4 em), not back to the left of
/// it, and not a column away.
fn continues(line: &Line, glyph: &PageGlyph) -> bool {
    let size = line.size.max(glyph.size);
    (glyph.y - line.y).abs() <= 0.4 * size
        && glyph.x0 >= line.x1 - 0.5 * size
        && glyph.x0 <= line.x1 + COLUMN_GAP_EM * size
}

/// A line's text for comparing running heads: digits and case aside.
fn running_key(text: &str) -> String {
    let digitless: String = text
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect();
    digitless
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The indices of a page's top and bottom lines (by position, not drawing order).
fn edge_lines(lines: &[Line]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by(|&a, &b| lines[a].y.total_cmp(&lines[b].y));
    let mut edges: Vec<usize> = order.iter().take(EDGE_LINES).copied().collect();
    edges.extend(order.iter().rev().take(EDGE_LINES));
    edges.sort_unstable();
    edges.dedup();
    edges
}

/// Drops running heads and feet, and page numbers at a page's top or bottom.
fn drop_running_lines(pages: &mut [Vec<Line>]) {
    let mut seen_on: HashMap<String, usize> = HashMap::new();
    for lines in pages.iter() {
        let mut keys: Vec<String> = (edge_lines(lines).into_iter())
            .map(|i| running_key(&lines[i].text))
            .collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            *seen_on.entry(key).or_default() += 1;
        }
    }
    let needed = pages.len().div_ceil(2).max(2);
    for lines in pages.iter_mut() {
        let edges = edge_lines(lines);
        let mut index = 0;
        lines.retain(|line| {
            let is_edge = edges.contains(&index);
            index += 1;
            let repeated = seen_on
                .get(&running_key(&line.text))
                .is_some_and(|&n| n >= needed);
            !(is_edge && (repeated || PAGE_NUMBER.is_match(&line.text)))
        });
    }
}

/// The body text's size, line spacing and margins.
struct BodyMetrics {
    size: f64,
    /// Baseline to baseline.
    line_gap: f64,
    /// Per page: the left edge and right edge most body lines share.
    margins: Vec<(f64, f64)>,
}

impl BodyMetrics {
    fn of(lines: &[Line]) -> Option<Self> {
        // The size most of the text is set in.
        let mut by_size: HashMap<i64, usize> = HashMap::new();
        for line in lines {
            *by_size.entry(tenths(line.size)).or_default() += line.text.chars().count();
        }
        let (&size_tenths, _) = by_size.iter().max_by_key(|(s, n)| (**n, -**s))?;
        let size = size_tenths as f64 / 10.0;
        let is_body = |l: &Line| (l.size - size).abs() <= 0.1 * size;
        let gaps: Vec<f64> = (lines.windows(2))
            .filter(|w| w[0].page == w[1].page && is_body(&w[0]) && is_body(&w[1]))
            .map(|w| w[1].y - w[0].y)
            .filter(|gap| *gap > 0.5 * size && *gap < 3.0 * size)
            .collect();
        let line_gap = median(gaps).unwrap_or(1.2 * size);
        let pages = lines.last().map_or(0, |l| l.page + 1);
        let margins = (0..pages)
            .map(|page| {
                let body: Vec<&Line> = (lines.iter())
                    .filter(|l| l.page == page && is_body(l))
                    .collect();
                let left = percentile(body.iter().map(|l| l.x0).collect(), 0.1);
                let right = percentile(body.iter().map(|l| l.x1).collect(), 0.9);
                (left.unwrap_or(0.0), right.unwrap_or(f64::MAX))
            })
            .collect();
        Some(Self {
            size,
            line_gap,
            margins,
        })
    }
}

#[expect(
    clippy::cast_possible_truncation,
    reason = "type sizes are small numbers; tenths of a point group them"
)]
fn tenths(size: f64) -> i64 {
    (size * 10.0).round() as i64
}

fn median(values: Vec<f64>) -> Option<f64> {
    percentile(values, 0.5)
}

#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    reason = "an index into a short list, from a fraction in 0..=1"
)]
fn percentile(mut values: Vec<f64>, fraction: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let at = ((values.len() - 1) as f64 * fraction).round() as usize;
    values.get(at).copied()
}

/// A paragraph: its text, the page it starts on and its type size.
struct Paragraph {
    text: String,
    page: usize,
    size: f64,
}

fn paragraphs(lines: &[Line], body: &BodyMetrics) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut previous: Option<&Line> = None;
    for line in lines {
        let starts_new = previous.is_none_or(|before| breaks_between(before, line, body));
        match out.last_mut() {
            Some(paragraph) if !starts_new => join_line(&mut paragraph.text, &line.text),
            _ => out.push(Paragraph {
                text: line.text.clone(),
                page: line.page,
                size: line.size,
            }),
        }
        previous = Some(line);
    }
    out
}

/// True if `line` starts a new paragraph after `before`.
fn breaks_between(before: &Line, line: &Line, body: &BodyMetrics) -> bool {
    let size = line.size.max(before.size);
    if (line.size - before.size).abs() > 0.15 * size.min(body.size.max(before.size)) {
        return true;
    }
    let (left, _) = body
        .margins
        .get(line.page)
        .copied()
        .unwrap_or((0.0, f64::MAX));
    let (_, right_before) = (body.margins.get(before.page).copied()).unwrap_or((0.0, f64::MAX));
    let ends_sentence = before
        .text
        .ends_with(['.', '!', '?', ':', '"', '”', '’', ')', ';']);
    let stops_short = before.x1 < right_before - 3.0 * body.size;
    if stops_short && ends_sentence {
        return true;
    }
    let same_column = before.page == line.page && line.y > before.y;
    if !same_column {
        // A new page or column: the paragraph runs on unless the line is indented.
        return line.x0 > left + 1.0 * body.size;
    }
    let extra_space = line.y - before.y > 1.45 * body.line_gap.max(0.8 * size);
    let indented = line.x0 > left + 1.0 * body.size && before.x0 <= left + 0.5 * body.size;
    extra_space || indented
}

/// Appends a line to a paragraph: a word hyphenated at the line end is joined.
fn join_line(paragraph: &mut String, line: &str) {
    let next_is_lower = line.chars().next().is_some_and(char::is_lowercase);
    if let Some(stem) = paragraph.strip_suffix('\u{ad}') {
        paragraph.truncate(stem.len());
    } else if paragraph.ends_with('-') {
        let before_hyphen = paragraph[..paragraph.len() - 1].chars().last();
        let is_word_break = before_hyphen.is_some_and(char::is_alphabetic) && next_is_lower;
        if is_word_break {
            paragraph.pop();
        }
        // Otherwise a real hyphen (`anti-` + `American`, `2015-` + `2016`): kept, no space.
    } else {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

#[cfg(test)]
mod tests;
