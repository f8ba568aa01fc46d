//! Word bounds for double-click, drag snapping and Ctrl+arrows, in every script.
//!
//! UAX #29 (`unicode-segmentation`, as the model uses) finds words wherever words are
//! separated. It has no answer for scripts written without spaces: it cuts Chinese and
//! Japanese into single characters (a double-click would pick one ideograph) and leaves a Thai,
//! Lao, Khmer or Myanmar phrase whole. There, ICU4X's dictionary segmenter (compiled-in data,
//! no download, about 3 MB in the binary) cuts word-sized units: 双方 | 代表 | 团 | 星期二. Each
//! run of such characters is handed to it as a whole; everything else stays UAX #29's.

use std::ops::Range;
use std::sync::LazyLock;

use icu_segmenter::options::WordBreakInvariantOptions;
use icu_segmenter::{WordSegmenter, WordSegmenterBorrowed};
use unicode_segmentation::UnicodeSegmentation;

static DICTIONARY: LazyLock<WordSegmenterBorrowed<'static>> =
    LazyLock::new(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()));

/// A char of a script written without spaces between words.
fn needs_dictionary(c: char) -> bool {
    matches!(u32::from(c),
        0x3005 | 0x3007 | 0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x3FFFF
        | 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF)
}

/// The segments of `text` (byte ranges covering it, in order): UAX #29's, with each run of
/// spaceless-script segments cut by the dictionary instead.
#[must_use]
pub fn segments(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut run: Option<Range<usize>> = None;
    for (start, segment) in text.split_word_bound_indices() {
        let range = start..start + segment.len();
        if segment.chars().all(needs_dictionary) {
            run = Some(run.map_or(range.clone(), |r| r.start..range.end));
            continue;
        }
        if let Some(r) = run.take() {
            dictionary_segments(text, r, &mut out);
        }
        out.push(range);
    }
    if let Some(r) = run {
        dictionary_segments(text, r, &mut out);
    }
    out
}

fn dictionary_segments(text: &str, run: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(part) = text.get(run.clone()) else {
        out.push(run);
        return;
    };
    let mut last = 0;
    for at in DICTIONARY.segment_str(part) {
        if at > last {
            out.push(run.start + last..run.start + at);
            last = at;
        }
    }
    if last < part.len() {
        out.push(run.start + last..run.end);
    }
}

/// The word around `offset_bytes`, as a byte range (empty on whitespace); like
/// `model::text::word_bytes_at`, with dictionary words in spaceless scripts.
#[must_use]
pub fn word_bytes_at(text: &str, offset_bytes: usize) -> Range<usize> {
    for range in segments(text) {
        if offset_bytes < range.end || range.end == text.len() {
            let is_space = text
                .get(range.clone())
                .is_some_and(|w| w.chars().all(char::is_whitespace));
            return if is_space {
                offset_bytes..offset_bytes
            } else {
                range
            };
        }
    }
    offset_bytes..offset_bytes
}

/// Grows a byte range outward to whole words and trims surrounding whitespace; like
/// `model::text::snap_bytes_to_words`, with dictionary words in spaceless scripts.
#[must_use]
pub fn snap_bytes_to_words(text: &str, range: Range<usize>) -> Range<usize> {
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
    let Some(inner) = text.get(start..end) else {
        return start..end;
    };
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    if start + lead >= end - trail {
        return start..end;
    }
    start + lead..end - trail
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, needle: &str) -> String {
        let at = text.find(needle).unwrap_or(0);
        text[word_bytes_at(text, at)].to_owned()
    }

    #[test]
    fn chinese_and_japanese_words_are_word_sized() {
        let zh = "中文。双方代表团星期二再次会面。";
        assert_eq!(word(zh, "双"), "双方");
        assert_eq!(word(zh, "代"), "代表");
        assert_eq!(word(zh, "星"), "星期二");
        let ja = "両国の代表団は火曜日に再び会談した。";
        assert_eq!(word(ja, "火"), "火曜日");
        assert_eq!(word(ja, "会"), "会談");
        // Never the whole line, never one character of a longer word.
        for at in zh.char_indices().map(|(b, _)| b) {
            let w = word_bytes_at(zh, at);
            assert!(w.len() < "代表团星期二".len(), "{}", &zh[w]);
        }
    }

    #[test]
    fn other_scripts_keep_uax29_words() {
        let text = "Talks in U.S.–Ukraine, التقى الوفدان مجددًا; שלום.";
        for needle in ["Talks", "U.S", "Ukraine", "الوفدان", "مجددًا", "שלום"] {
            let expected = crate::model::text::word_bytes_at(text, text.find(needle).unwrap_or(0));
            assert_eq!(word(text, needle), text[expected].to_owned());
        }
    }

    #[test]
    fn thai_is_cut_into_words() {
        let th = "การเจรจาสันติภาพ";
        let w = word(th, "การ");
        assert!(w.len() < th.len(), "{w}");
    }

    #[test]
    fn snapping_in_chinese_grows_to_dictionary_words() {
        let zh = "双方代表团星期二再次会面";
        let from = zh.find("方").unwrap_or(0);
        let to = zh.find("期").unwrap_or(0) + "期".len();
        assert_eq!(&zh[snap_bytes_to_words(zh, from..to)], "双方代表团星期二");
    }
}
