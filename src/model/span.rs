//! Character ranges: 0-based, end-exclusive, counted in Unicode scalar values (chars).

use serde::{Deserialize, Serialize};

/// A half-open range of chars `[start, end)` in a document's text.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    #[must_use]
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    #[must_use]
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True if the two spans share at least one char.
    #[must_use]
    pub const fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    #[must_use]
    pub const fn contains(&self, offset_chars: usize) -> bool {
        self.start <= offset_chars && offset_chars < self.end
    }

    /// Orders the two ends, so a backwards drag becomes a forward span.
    #[must_use]
    pub fn ordered(a: usize, b: usize) -> Self {
        Self::new(a.min(b), a.max(b))
    }
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

/// The first rule a list of ranges breaks (see [`check_ranges`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    #[error("has no ranges")]
    NoRanges,
    #[error("range {0} starts after it ends")]
    Reversed(Span),
    #[error("range {0} is empty")]
    Empty(Span),
    #[error("ranges {0} and {1} overlap or are out of order")]
    Overlap(Span, Span),
}

/// Checks that ranges are non-empty, sorted and non-overlapping.
///
/// # Errors
/// The first rule broken.
pub fn check_ranges(ranges: &[Span]) -> Result<(), RangeError> {
    if ranges.is_empty() {
        return Err(RangeError::NoRanges);
    }
    for &r in ranges {
        if r.start > r.end {
            return Err(RangeError::Reversed(r));
        }
        if r.is_empty() {
            return Err(RangeError::Empty(r));
        }
    }
    for pair in ranges.windows(2) {
        if pair[1].start < pair[0].end {
            return Err(RangeError::Overlap(pair[0], pair[1]));
        }
    }
    Ok(())
}

/// Sorts ranges and merges those that overlap or touch, dropping empty ones.
#[must_use]
pub fn normalize_ranges(mut ranges: Vec<Span>) -> Vec<Span> {
    ranges.retain(|r| !r.is_empty());
    ranges.sort();
    let mut out: Vec<Span> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The smallest span covering all ranges.
#[must_use]
pub fn extent(ranges: &[Span]) -> Option<Span> {
    let first = ranges.first()?;
    let last = ranges.last()?;
    Some(Span::new(first.start, last.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_rejects_bad_ranges() {
        assert!(check_ranges(&[]).is_err());
        assert!(check_ranges(&[Span::new(5, 3)]).is_err());
        assert!(check_ranges(&[Span::new(3, 3)]).is_err());
        assert!(check_ranges(&[Span::new(0, 5), Span::new(4, 8)]).is_err());
        assert!(check_ranges(&[Span::new(6, 8), Span::new(0, 5)]).is_err());
        assert!(check_ranges(&[Span::new(0, 5), Span::new(5, 8)]).is_ok());
    }

    #[test]
    fn normalize_merges_and_sorts() {
        let got = normalize_ranges(vec![
            Span::new(8, 10),
            Span::new(0, 3),
            Span::new(2, 5),
            Span::new(7, 7),
        ]);
        assert_eq!(got, vec![Span::new(0, 5), Span::new(8, 10)]);
    }
}
