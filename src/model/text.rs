//! Text helpers: normalisation at import, a sparse char↔byte index, and word/sentence bounds.
//!
//! Offsets in files are chars; Rust strings are bytes. [`TextIndex`] converts between them
//! without scanning the whole text: it keeps the byte offset of every `STRIDE`-th char.

use unicode_segmentation::UnicodeSegmentation;

use super::Span;

/// How many chars lie between two checkpoints of the index.
const STRIDE: usize = 64;

/// Normalises imported text once: strips a UTF-8 BOM, turns CRLF and CR into LF.
#[must_use]
pub fn normalize_text(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if !raw.contains('\r') {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// A sparse char↔byte offset index over one text.
#[derive(Clone, Debug, Default)]
pub struct TextIndex {
    /// Byte offset of char `i * STRIDE`.
    checkpoints: Vec<usize>,
    len_chars: usize,
    len_bytes: usize,
    is_ascii: bool,
}

impl TextIndex {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let is_ascii = text.is_ascii();
        if is_ascii {
            return Self {
                checkpoints: Vec::new(),
                len_chars: text.len(),
                len_bytes: text.len(),
                is_ascii,
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut len_chars = 0;
        for (byte, _) in text.char_indices() {
            if len_chars % STRIDE == 0 {
                checkpoints.push(byte);
            }
            len_chars += 1;
        }
        Self {
            checkpoints,
            len_chars,
            len_bytes: text.len(),
            is_ascii,
        }
    }

    #[must_use]
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// Byte offset of a char offset; `len_chars` maps to the text's byte length.
    /// Returns `None` past the end.
    #[must_use]
    pub fn char_to_byte(&self, text: &str, offset_chars: usize) -> Option<usize> {
        if offset_chars > self.len_chars {
            return None;
        }
        if offset_chars == self.len_chars {
            return Some(self.len_bytes);
        }
        if self.is_ascii {
            return Some(offset_chars);
        }
        let checkpoint = offset_chars / STRIDE;
        let base = *self.checkpoints.get(checkpoint)?;
        let skip = offset_chars - checkpoint * STRIDE;
        text.get(base..)?
            .char_indices()
            .nth(skip)
            .map(|(b, _)| base + b)
    }

    /// Char offset of a byte offset, which must lie on a char boundary.
    #[must_use]
    pub fn byte_to_char(&self, text: &str, offset_bytes: usize) -> Option<usize> {
        if offset_bytes > self.len_bytes || !text.is_char_boundary(offset_bytes) {
            return None;
        }
        if self.is_ascii {
            return Some(offset_bytes);
        }
        let checkpoint = self
            .checkpoints
            .partition_point(|&b| b <= offset_bytes)
            .saturating_sub(1);
        let base = *self.checkpoints.get(checkpoint)?;
        Some(checkpoint * STRIDE + text.get(base..offset_bytes)?.chars().count())
    }

    /// The byte range of a char span, if it lies inside the text.
    #[must_use]
    pub fn byte_range(&self, text: &str, span: Span) -> Option<std::ops::Range<usize>> {
        if span.start > span.end {
            return None;
        }
        let start = self.char_to_byte(text, span.start)?;
        let end = self.char_to_byte(text, span.end)?;
        Some(start..end)
    }
}

/// The word around `offset_bytes` in `text`, as a byte range (empty between words).
#[must_use]
pub fn word_bytes_at(text: &str, offset_bytes: usize) -> std::ops::Range<usize> {
    for (start, word) in text.split_word_bound_indices() {
        let end = start + word.len();
        if offset_bytes < end || end == text.len() {
            if word.chars().all(char::is_whitespace) {
                return offset_bytes..offset_bytes;
            }
            return start..end;
        }
    }
    offset_bytes..offset_bytes
}

/// The sentence around `offset_bytes` in `text`, as a byte range, without trailing spaces.
#[must_use]
pub fn sentence_bytes_at(text: &str, offset_bytes: usize) -> std::ops::Range<usize> {
    for (start, sentence) in text.split_sentence_bound_indices() {
        let end = start + sentence.len();
        if offset_bytes < end || end == text.len() {
            let trimmed = sentence.trim_end();
            return start..start + trimmed.len();
        }
    }
    offset_bytes..offset_bytes
}

/// Grows a byte range outward to whole words: an end inside a word moves to its edge.
#[must_use]
pub fn snap_bytes_to_words(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    if range.is_empty() {
        return range;
    }
    let start_word = word_bytes_at(text, range.start);
    let start = if start_word.is_empty() {
        range.start
    } else {
        start_word.start.min(range.start)
    };
    // The char just before the end decides which word the end belongs to.
    let last_char_start = text
        .get(..range.end)
        .and_then(|s| s.char_indices().next_back().map(|(b, _)| b))
        .unwrap_or(range.start);
    let end_word = word_bytes_at(text, last_char_start);
    let end = if end_word.is_empty() {
        range.end
    } else {
        end_word.end.max(range.end)
    };
    // Never include the whitespace that ends a selection dragged past a word.
    let trimmed = text
        .get(start..end)
        .map_or(0, |s| s.len() - s.trim_end().len());
    let lead = text
        .get(start..end)
        .map_or(0, |s| s.len() - s.trim_start().len());
    if start + lead >= end - trimmed {
        return start..end;
    }
    start + lead..end - trimmed
}

/// Opening and closing quotation marks that make a second, outer pair redundant.
const OPEN_MARKS: [char; 6] = ['"', '“', '„', '«', '「', '『'];
const CLOSE_MARKS: [char; 6] = ['"', '”', '“', '»', '」', '』'];

/// `quote` in curly quotation marks for display, unless it already opens and closes with
/// quotation marks itself: `"necessary" and "useful,"` is shown as is, not as
/// `“"necessary" and "useful,"”`.
#[must_use]
pub fn quoted(quote: &str) -> String {
    let trimmed = quote.trim();
    let opens = trimmed.starts_with(OPEN_MARKS);
    let closes = trimmed.chars().count() > 1 && trimmed.ends_with(CLOSE_MARKS);
    if opens && closes {
        quote.to_owned()
    } else {
        format!("“{quote}”")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_already_in_quotation_marks_are_not_wrapped_again() {
        assert_eq!(quoted("talks"), "“talks”");
        assert_eq!(
            quoted("\"necessary\" and \"useful,\""),
            "\"necessary\" and \"useful,\""
        );
        assert_eq!(quoted("“a deal”"), "“a deal”");
        assert_eq!(quoted("«переговоры»"), "«переговоры»");
        // Marks inside only, or on one side only: still wrapped.
        assert_eq!(quoted("the \"plan\" works"), "“the \"plan\" works”");
        assert_eq!(quoted("\"plan\" works"), "“\"plan\" works”");
        assert_eq!(quoted("\""), "“\"”");
    }

    #[test]
    fn normalize_strips_bom_and_crlf() {
        assert_eq!(normalize_text("\u{feff}a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn index_round_trips_every_offset() {
        let text = "joint U.S.–Ukraine 🇺🇦 e\u{301}conomic ".repeat(20);
        let index = TextIndex::new(&text);
        assert_eq!(index.len_chars(), text.chars().count());
        for (i, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(index.char_to_byte(&text, i), Some(b));
            assert_eq!(index.byte_to_char(&text, b), Some(i));
        }
        assert_eq!(
            index.char_to_byte(&text, index.len_chars()),
            Some(text.len())
        );
        assert_eq!(index.char_to_byte(&text, index.len_chars() + 1), None);
        assert_eq!(
            index.byte_to_char(&text, text.find('–').unwrap_or(0) + 1),
            None
        );
    }

    #[test]
    fn words_and_sentences() {
        let text = "Both parties agreed. Real progress depends on Russia's readiness.";
        let at = text.find("gress").unwrap_or(0);
        assert_eq!(&text[word_bytes_at(text, at)], "progress");
        assert_eq!(
            &text[sentence_bytes_at(text, at)],
            "Real progress depends on Russia's readiness."
        );
        assert_eq!(&text[sentence_bytes_at(text, 2)], "Both parties agreed.");
        let sel = text.find("rties").unwrap_or(0)..text.find("greed").unwrap_or(0) + 2;
        assert_eq!(&text[snap_bytes_to_words(text, sel)], "parties agreed");
    }
}
