//! Comparing coders' spans: pairwise F1 (exact and overlapping) and the units of coding
//! agreement (spans of different coders matched to one another).

use serde::Serialize;

use crate::model::{AnnotationId, Span};

/// One coder's annotation, reduced to what agreement compares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// The annotation in its coder's project, for views that jump to it or take it.
    pub annotation: AnnotationId,
    /// Index of the document among the compared ones.
    pub document: usize,
    pub ranges: Vec<Span>,
    pub tag: String,
    /// The holder's name by [`crate::model::name_key`]: ids differ between projects.
    pub holder: Option<String>,
}

impl Mark {
    /// `annotation` of `project` as a mark in the compared document `document`; the holder
    /// goes by name, since ids differ between annotators' projects.
    #[must_use]
    pub fn of(
        project: &crate::model::Project,
        a: &crate::model::Annotation,
        document: usize,
    ) -> Self {
        Mark {
            annotation: a.id,
            document,
            ranges: a.ranges.clone(),
            tag: a.tag.clone(),
            holder: a
                .holder
                .and_then(|h| project.actor(h))
                .map(|actor| crate::model::name_key(&actor.name)),
        }
    }

    fn extent(&self) -> Span {
        crate::model::extent(&self.ranges).unwrap_or_default()
    }

    /// Chars both marks cover.
    fn shared_chars(&self, other: &Self) -> usize {
        if self.document != other.document {
            return 0;
        }
        let mut shared = 0;
        for a in &self.ranges {
            for b in &other.ranges {
                shared += a.end.min(b.end).saturating_sub(a.start.max(b.start));
            }
        }
        shared
    }
}

/// How spans of two coders count as the same span.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanMatch {
    /// The same ranges.
    Exact,
    /// Any shared char.
    #[default]
    Overlap,
}

/// Span F1 of two coders: matched one to one, same tag required.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct SpanF1 {
    pub matched: usize,
    pub first: usize,
    pub second: usize,
    /// `2·matched / (first + second)`; `None` when neither has a span.
    pub f1: Option<f64>,
}

// The cast is exact: counts of spans are far below 2^52.
fn f(n: usize) -> f64 {
    n as f64
}

/// Span F1 between two coders' marks.
#[must_use]
pub fn span_f1(a: &[Mark], b: &[Mark], mode: SpanMatch) -> SpanF1 {
    let mut used = vec![false; b.len()];
    // Candidates by document, so big projects compare article by article.
    let mut by_document: std::collections::HashMap<usize, Vec<usize>> =
        std::collections::HashMap::new();
    for (j, y) in b.iter().enumerate() {
        by_document.entry(y.document).or_default().push(j);
    }
    let mut matched = 0;
    for x in a {
        let candidates = by_document.get(&x.document).map_or(&[][..], Vec::as_slice);
        // The free same-tag partner sharing most chars (exact: the identical one).
        let best = candidates
            .iter()
            .map(|&j| (j, &b[j]))
            .filter(|(j, y)| !used[*j] && y.tag == x.tag)
            .filter(|(_, y)| match mode {
                SpanMatch::Exact => y.ranges == x.ranges,
                SpanMatch::Overlap => x.shared_chars(y) > 0,
            })
            .max_by_key(|(j, y)| (x.shared_chars(y), std::cmp::Reverse(*j)));
        if let Some((j, _)) = best {
            used[j] = true;
            matched += 1;
        }
    }
    let total = a.len() + b.len();
    SpanF1 {
        matched,
        first: a.len(),
        second: b.len(),
        f1: (total > 0).then(|| 2.0 * f(matched) / f(total)),
    }
}

/// A unit of coding agreement: at most one mark per coder (`None` where a coder has none).
pub type Unit<'a> = Vec<Option<&'a Mark>>;

/// Why spans were left out of coding agreement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Excluded {
    /// Spans no other coder matched.
    pub unmatched: usize,
    /// Spans in a group where one coder has several spans: which one to pair is unclear.
    pub ambiguous: usize,
}

/// Groups all coders' marks into units: marks of one document that match (same ranges, or
/// overlapping, transitively) form one unit when each coder has at most one mark in it.
#[must_use]
pub fn units<'a>(coders: &[&'a [Mark]], mode: SpanMatch) -> (Vec<Unit<'a>>, Excluded) {
    let mut all: Vec<(usize, &Mark)> = coders
        .iter()
        .enumerate()
        .flat_map(|(c, marks)| marks.iter().map(move |m| (c, m)))
        .collect();
    all.sort_by_key(|(c, m)| (m.document, m.extent().start, m.extent().end, *c));
    let mut groups: Vec<Vec<(usize, &Mark)>> = Vec::new();
    for (c, m) in all {
        let joins = groups
            .last()
            .and_then(|g| g.last())
            .is_some_and(|(_, last)| {
                last.document == m.document
                    && match mode {
                        SpanMatch::Exact => last.ranges == m.ranges,
                        SpanMatch::Overlap => group_end(groups.last()) > m.extent().start,
                    }
            });
        match groups.last_mut() {
            Some(group) if joins => group.push((c, m)),
            _ => groups.push(vec![(c, m)]),
        }
    }
    let mut out = Vec::new();
    let mut excluded = Excluded::default();
    for group in groups {
        if group.len() == 1 {
            excluded.unmatched += 1;
            continue;
        }
        let mut unit: Unit<'a> = vec![None; coders.len()];
        let mut is_ambiguous = false;
        for &(c, m) in &group {
            is_ambiguous |= unit[c].replace(m).is_some();
        }
        if is_ambiguous {
            excluded.ambiguous += group.len();
        } else {
            out.push(unit);
        }
    }
    (out, excluded)
}

/// The furthest end of a group's spans (they chain by overlap).
fn group_end(group: Option<&Vec<(usize, &Mark)>>) -> usize {
    group
        .into_iter()
        .flatten()
        .map(|(_, m)| m.extent().end)
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, tag: &str) -> Mark {
        Mark {
            annotation: AnnotationId::random(),
            document: 0,
            ranges: vec![Span::new(start, end)],
            tag: tag.to_owned(),
            holder: None,
        }
    }

    #[test]
    fn f1_counts_one_to_one_matches_of_the_same_tag() {
        let a = [
            mark(0, 10, "claim"),
            mark(20, 30, "claim"),
            mark(40, 50, "position"),
        ];
        let b = [
            mark(0, 10, "claim"),
            mark(22, 30, "claim"),
            mark(40, 50, "claim"),
        ];
        let exact = span_f1(&a, &b, SpanMatch::Exact);
        assert_eq!(exact.matched, 1);
        assert!((exact.f1.unwrap_or(0.0) - 2.0 / 6.0).abs() < 1e-12);
        let overlap = span_f1(&a, &b, SpanMatch::Overlap);
        assert_eq!(overlap.matched, 2);
        assert_eq!(span_f1(&[], &[], SpanMatch::Exact).f1, None);
    }

    #[test]
    fn units_pair_overlapping_spans_and_leave_out_the_unclear() {
        let a = [
            mark(0, 10, "claim"),
            mark(20, 30, "claim"),
            mark(60, 70, "claim"),
        ];
        let b = [
            mark(2, 9, "position"),
            mark(21, 24, "claim"),
            mark(25, 29, "claim"),
        ];
        let (units, excluded) = units(&[&a, &b], SpanMatch::Overlap);
        assert_eq!(units.len(), 1);
        assert_eq!(units[0][1].map(|m| m.tag.as_str()), Some("position"));
        assert_eq!(
            excluded,
            Excluded {
                unmatched: 1,
                ambiguous: 3
            }
        );
    }
}
