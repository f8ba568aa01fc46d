//! brat standoff: per document `NAME.txt` and `NAME.ann`, plus `annotation.conf` and `visual.conf`.
//!
//! Mapping (offsets are code points, as in brat):
//! - an annotation is a `T` line (`T3\tclaim 10 20;25 30\tquote`); a range that crosses a line
//!   break is split there, since a brat fragment cannot hold one;
//! - its holders are attribute lines `A5\tHolder T3 Sergei_Lavrov` (spaces become `_`), one per
//!   holder of a joint statement, its target likewise `A6\tTarget T3 United_States`;
//! - its stance and attribution are `A7\tStance T3 conditional` and `A8\tAttribution T3 direct`
//!   (a stance on every issue; when the issues' stances differ, a note
//!   `#6\tStanceByIssue T3\tceasefire=for territory=against` instead)
//!   (the lowercase words), each issue one `A9\tIssue T3 security_guarantees` (the issue's name
//!   with whitespace as `_`; on import `_` reads as a space and the issue is found by name or
//!   alias, else created);
//! - its condition, annotator and cue are notes of Stance's own types:
//!   `#3\tStanceCondition T3\ttext`, `#4\tStanceAnnotator T3\tname` and
//!   `#5\tStanceCue T3\t1200 1204;1210 1215` (the cue's ranges in `T` line syntax);
//! - other attributes are `A` lines, its note an `AnnotatorNotes` line (`#2\tAnnotatorNotes T3\tnote`),
//!   and attributes named `#TYPE` notes of that type (`#4\tLemma T3\tolla`);
//! - relations are `R` lines with their type (`R1\tconcedes-to Arg1:T3 Arg2:T7`), a relation's
//!   note an `AnnotatorNotes` line on it (`#6\tAnnotatorNotes R1\tnote`); lines kept verbatim from an imported brat file are written back
//!   unless a tag or holder filter is active.
//!
//! Reading is in [`read`], writing in [`write`], the `.conf` files in [`conf`]; what both
//! directions share (ids, the attribute carrying the holder, line order, the `T` line) is here.

mod conf;
mod read;
mod write;

use crate::model::{Annotation, Document, Span};

pub use self::read::{import_brat_file, import_brat_folder};
pub(crate) use self::write::export;

/// The extension of a brat annotation file.
pub const ANN_EXTENSION: &str = "ann";
/// The extension of the text file beside each `.ann`.
pub const TEXT_EXTENSION: &str = "txt";

/// The brat attribute that carries an annotation's holder.
pub const BRAT_HOLDER_ATTRIBUTE: &str = "Holder";
/// The brat attribute that carries an annotation's target (an actor's name, like `Holder`).
pub const BRAT_TARGET_ATTRIBUTE: &str = "Target";
/// The brat attribute that carries an annotation's stance (`for`, `against`, …).
pub const BRAT_STANCE_ATTRIBUTE: &str = "Stance";
/// The brat attribute that carries an annotation's attribution type (`direct`, …).
pub const BRAT_ATTRIBUTION_ATTRIBUTE: &str = "Attribution";
/// The brat attribute that carries one of an annotation's issues (one line per issue).
pub const BRAT_ISSUE_ATTRIBUTE: &str = "Issue";
/// Note types that carry a condition, an annotator and a cue (`s e;s e`).
pub(crate) const NOTE_CONDITION: &str = "StanceCondition";
pub(crate) const NOTE_ANNOTATOR: &str = "StanceAnnotator";
pub(crate) const NOTE_CUE: &str = "StanceCue";
/// The note type that carries differing stances per issue (`issue_token=stance …`).
pub(crate) const NOTE_ISSUE_STANCES: &str = "StanceByIssue";

/// `external_ids` keys Stance uses for brat.
pub(crate) const KEY_ID: &str = "brat";
pub(crate) const KEY_NOTE: &str = "brat:#";
pub(crate) const KEY_TAIL: &str = "brat:tail";
/// Notes of other types than `AnnotatorNotes` (e.g. TDT's `Lemma`) are attributes named
/// `#TYPE`; they are written back as `#` lines.
pub const NOTE_ATTRIBUTE_PREFIX: &str = "#";
pub(crate) fn attribute_key(name: &str) -> String {
    format!("brat:A:{name}")
}
/// The `external_ids` key of a `Holder` line after the first (a joint statement).
pub(crate) fn holder_key(actor: crate::model::ActorId) -> String {
    attribute_key(&format!("{BRAT_HOLDER_ATTRIBUTE}:{actor}"))
}
/// The `external_ids` key of the `Issue` line for one issue.
pub(crate) fn issue_key(issue: crate::model::IssueId) -> String {
    attribute_key(&format!("{BRAT_ISSUE_ATTRIBUTE}:{issue}"))
}
/// The `external_ids` key of a note of a Stance type (`StanceCue`, …).
pub(crate) fn note_key(note_type: &str) -> String {
    format!("brat:#{note_type}")
}

/// Ranges in `T` line syntax: `s e;s e`.
pub(crate) fn offsets_text(ranges: &[Span]) -> String {
    let parts: Vec<String> = ranges
        .iter()
        .map(|r| format!("{} {}", r.start, r.end))
        .collect();
    parts.join(";")
}

/// Parses `s e;s e`; `None` unless every part is two numbers with start < end.
pub(crate) fn parse_offsets(text: &str) -> Option<Vec<Span>> {
    text.split(';')
        .map(|part| {
            let (s, e) = part.split_once(' ')?;
            let (s, e) = (s.parse().ok()?, e.parse().ok()?);
            (s < e).then(|| Span::new(s, e))
        })
        .collect()
}

/// The order lines are written in: `T`, `R`, `E`, `A` (and `M`), `N`, `#`, `*`, then anything
/// else; within a kind by id number. Export sorts stably by this key, so lines without a number
/// (e.g. `*` equivalences) keep their original relative order.
#[must_use]
pub fn brat_line_order(line: &str) -> (u8, u64) {
    let id = line.split('\t').next().unwrap_or("");
    let rank = match id.chars().next() {
        Some('T') => 0,
        Some('R') => 1,
        Some('E') => 2,
        Some('A' | 'M') => 3,
        Some('N') => 4,
        Some('#') => 5,
        Some('*') => 6,
        _ => 7,
    };
    let number = id.get(1..).and_then(|n| n.parse().ok()).unwrap_or(0);
    (rank, number)
}

/// Makes a brat type or attribute name: no whitespace (brat splits on it).
pub(crate) fn brat_token(name: &str) -> String {
    let token: String = name
        .trim()
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect();
    if token.is_empty() {
        "_".to_owned()
    } else {
        token
    }
}

/// Note and quote text on one line: line breaks become spaces.
pub(crate) fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

/// `T3\ttag s e;s e\ttext`, splitting ranges at line breaks.
pub(crate) fn t_line(id: &str, doc: &Document, a: &Annotation) -> String {
    let fragments = split_at_line_breaks(doc, &a.ranges);
    let texts: Vec<&str> = fragments.iter().filter_map(|r| doc.slice(*r)).collect();
    format!(
        "{id}\t{} {}\t{}",
        brat_token(&a.tag),
        offsets_text(&fragments),
        texts.join(" ")
    )
}

fn split_at_line_breaks(doc: &Document, ranges: &[Span]) -> Vec<Span> {
    let mut out = Vec::with_capacity(ranges.len());
    for r in ranges {
        let Some(text) = doc.slice(*r) else {
            out.push(*r);
            continue;
        };
        if !text.contains(['\n', '\r']) {
            out.push(*r);
            continue;
        }
        let mut start = r.start;
        for (i, c) in text.chars().enumerate() {
            let at = r.start + i;
            if c == '\n' || c == '\r' {
                if at > start {
                    out.push(Span::new(start, at));
                }
                start = at + 1;
            }
        }
        if r.end > start {
            out.push(Span::new(start, r.end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_order_by_kind_then_number() {
        let mut lines = [
            "A2\tx T1",
            "#1\tAnnotatorNotes T1\tn",
            "T10\ta 0 1\tb",
            "T2\ta 0 1\tb",
            "R1\tr Arg1:T1 Arg2:T2",
            "*\tAlias T1 T2",
        ];
        lines.sort_by_key(|l| brat_line_order(l));
        assert_eq!(lines[0], "T2\ta 0 1\tb");
        assert_eq!(lines[1], "T10\ta 0 1\tb");
        assert_eq!(lines[2], "R1\tr Arg1:T1 Arg2:T2");
        assert_eq!(lines[5], "*\tAlias T1 T2");
    }

    #[test]
    fn ranges_split_at_line_breaks() {
        let doc = Document::new("d", "ab\ncd".to_owned());
        assert_eq!(
            split_at_line_breaks(&doc, &[Span::new(0, 5)]),
            vec![Span::new(0, 2), Span::new(3, 5)]
        );
    }
}
