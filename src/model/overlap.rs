//! [`OverlapIndex`]: which annotations of one document overlap a char range, without a scan.
//!
//! The article view asks, for each visible paragraph, which annotation ranges touch it. A scan
//! over all annotations would make every frame cost grow with the project; this index answers
//! in `O(log n + k)`. It is an implicit interval tree over ranges sorted by start (the
//! `cgranges` layout by Heng Li): node `i` of level `k` has its low `k` bits set, and each node
//! stores the largest end in its subtree, so whole subtrees that end before the query are skipped.
//!
//! Each range of a discontinuous annotation is a separate entry. Every annotation also gets a
//! *lane*: overlapping annotations get different lanes, so a view can stack their underlines.

use std::collections::HashMap;

use std::collections::BTreeSet;

use super::{ActorId, AnnotationFilter, AnnotationId, DocumentId, Project, ProjectKey, Span};

/// One range of one annotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OverlapEntry {
    pub range: Span,
    pub annotation: AnnotationId,
    /// The annotation's position in [`Project::annotations`] when the index was built.
    pub annotation_index: usize,
    /// Which of the annotation's ranges this is.
    pub range_index: usize,
    /// Overlapping annotations never share a lane; lane 0 is used first.
    pub lane: u8,
}

/// What the index was built from; a different key means the index is stale.
#[derive(Clone, Debug, PartialEq, Eq)]
struct BuildKey {
    project: ProjectKey,
    document: DocumentId,
    /// The filter's tags and holder (its search does not hide highlights).
    hidden_tags: BTreeSet<String>,
    holder: Option<ActorId>,
}

impl BuildKey {
    /// Compared in place, so an unchanged index costs no allocation per frame.
    fn matches(&self, project: &Project, document: DocumentId, filter: &AnnotationFilter) -> bool {
        self.project == project.key()
            && self.document == document
            && self.hidden_tags == filter.hidden_tags
            && self.holder == filter.holder
    }
}

/// An interval index over the annotation ranges of one document.
#[derive(Clone, Debug, Default)]
pub struct OverlapIndex {
    /// Sorted by `(range.start, range.end)`.
    entries: Vec<OverlapEntry>,
    /// Largest `range.end` in the implicit subtree rooted at each entry.
    max_ends: Vec<usize>,
    /// Level of the root, `None` when empty.
    root_level: Option<u32>,
    lanes: HashMap<AnnotationId, u8>,
    lane_count: u8,
    built_from: Option<BuildKey>,
}

/// Subtrees this small are scanned linearly: cheaper than walking them.
const SCAN_LEVEL: u32 = 3;

impl OverlapIndex {
    /// Builds the index of `document`'s annotations.
    #[must_use]
    pub fn build(project: &Project, document: DocumentId) -> Self {
        let mut index = Self::default();
        index.rebuild(project, document, &AnnotationFilter::default());
        index
    }

    /// Rebuilds only if the project changed (by [`Project::key`]) or another document is
    /// asked for. Returns true if it rebuilt. Cheap when nothing changed: call it every frame.
    pub fn refresh(&mut self, project: &Project, document: DocumentId) -> bool {
        self.refresh_shown(project, document, &AnnotationFilter::default())
    }

    /// [`Self::refresh`] indexing only the annotations `filter` highlights, so hidden ones are
    /// neither painted nor hit by the pointer.
    pub fn refresh_shown(
        &mut self,
        project: &Project,
        document: DocumentId,
        filter: &AnnotationFilter,
    ) -> bool {
        if (self.built_from.as_ref()).is_some_and(|k| k.matches(project, document, filter)) {
            return false;
        }
        self.rebuild(project, document, filter);
        true
    }

    fn rebuild(&mut self, project: &Project, document: DocumentId, filter: &AnnotationFilter) {
        let range = project.document_annotation_range(document);
        let first = range.start;
        let annotations = &project.annotations()[range];
        let shown = |a: &&super::Annotation| filter.shows_highlight(a);
        self.lanes = assign_lanes(
            (annotations.iter().map(|a| &**a).filter(shown)).map(|a| (a.id, a.extent())),
        );
        self.lane_count = self.lanes.values().copied().max().map_or(0, |l| l + 1);
        self.entries.clear();
        for (offset, a) in annotations.iter().enumerate() {
            if !filter.shows_highlight(a) {
                continue;
            }
            let lane = self.lanes.get(&a.id).copied().unwrap_or(0);
            for (range_index, r) in a.ranges.iter().enumerate() {
                if r.is_empty() {
                    continue;
                }
                self.entries.push(OverlapEntry {
                    range: *r,
                    annotation: a.id,
                    annotation_index: first + offset,
                    range_index,
                    lane,
                });
            }
        }
        self.entries
            .sort_by_key(|e| (e.range.start, e.range.end, e.annotation));
        self.max_ends = self.entries.iter().map(|e| e.range.end).collect();
        self.root_level = build_max_ends(&self.entries, &mut self.max_ends);
        self.built_from = Some(BuildKey {
            project: project.key(),
            document,
            hidden_tags: filter.hidden_tags.clone(),
            holder: filter.holder,
        });
    }

    /// Number of ranges indexed.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// All entries, sorted by start.
    #[must_use]
    pub fn entries(&self) -> &[OverlapEntry] {
        &self.entries
    }

    /// The lane of an annotation of this document.
    #[must_use]
    pub fn lane(&self, annotation: AnnotationId) -> Option<u8> {
        self.lanes.get(&annotation).copied()
    }

    /// How many lanes the most deeply overlapping spot needs.
    #[must_use]
    pub fn lane_count(&self) -> u8 {
        self.lane_count
    }

    /// Appends the positions (in [`Self::entries`]) of every entry sharing at least one char
    /// with `span`, in entry order. Allocates nothing when `out` has room.
    pub fn query_into(&self, span: Span, out: &mut Vec<usize>) {
        let Some(root_level) = self.root_level else {
            return;
        };
        if span.is_empty() {
            return;
        }
        let n = self.entries.len();
        // (node, level, left child done); each level pushes at most two, and levels ≤ 64.
        let mut stack = [(0usize, 0u32, false); 130];
        let mut top = 0;
        stack[0] = ((1usize << root_level) - 1, root_level, false);
        top += 1;
        while top > 0 {
            top -= 1;
            let (node, level, left_done) = stack[top];
            if level <= SCAN_LEVEL {
                let first = node >> level << level;
                let last = (first + (1usize << (level + 1)) - 1).min(n);
                for i in first..last {
                    let r = self.entries[i].range;
                    if r.start >= span.end {
                        break;
                    }
                    if span.start < r.end {
                        out.push(i);
                    }
                }
            } else if !left_done {
                let left = node - (1usize << (level - 1));
                stack[top] = (node, level, true);
                top += 1;
                // A left child past the end still has real nodes below it.
                if left >= n || self.max_ends[left] > span.start {
                    stack[top] = (left, level - 1, false);
                    top += 1;
                }
            } else if node < n && self.entries[node].range.start < span.end {
                if span.start < self.entries[node].range.end {
                    out.push(node);
                }
                stack[top] = (node + (1usize << (level - 1)), level - 1, false);
                top += 1;
            }
        }
    }

    /// The entries overlapping `span`, in entry order.
    #[must_use]
    pub fn overlapping(&self, span: Span) -> Vec<&OverlapEntry> {
        let mut hits = Vec::new();
        self.query_into(span, &mut hits);
        hits.into_iter().map(|i| &self.entries[i]).collect()
    }

    /// The annotations with a range covering the char at `offset_chars`, narrowest first
    /// (then by lane), without duplicates.
    #[must_use]
    pub fn annotations_at(&self, offset_chars: usize) -> Vec<AnnotationId> {
        let mut hits = Vec::new();
        self.query_into(Span::new(offset_chars, offset_chars + 1), &mut hits);
        let mut found: Vec<(usize, u8, AnnotationId)> = hits
            .into_iter()
            .map(|i| {
                let e = &self.entries[i];
                (e.range.len(), e.lane, e.annotation)
            })
            .collect();
        found.sort_unstable();
        let mut ids: Vec<AnnotationId> = Vec::with_capacity(found.len());
        for (_, _, id) in found {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }
}

/// Fills `max_ends` bottom-up and returns the root's level.
fn build_max_ends(entries: &[OverlapEntry], max_ends: &mut [usize]) -> Option<u32> {
    let n = entries.len();
    if n == 0 {
        return None;
    }
    let mut last_index = 0;
    let mut last_end = 0;
    for i in (0..n).step_by(2) {
        last_index = i;
        last_end = entries[i].range.end;
        max_ends[i] = last_end;
    }
    let mut level = 1u32;
    while (1usize << level) <= n {
        let half = 1usize << (level - 1);
        let first = (half << 1) - 1;
        let step = half << 2;
        for i in (first..n).step_by(step) {
            let left = max_ends[i - half];
            // A right child past the end stands for the rightmost real subtree.
            let right = if i + half < n {
                max_ends[i + half]
            } else {
                last_end
            };
            max_ends[i] = entries[i].range.end.max(left).max(right);
        }
        last_index = if (last_index >> level) & 1 == 1 {
            last_index - half
        } else {
            last_index + half
        };
        if last_index < n && max_ends[last_index] > last_end {
            last_end = max_ends[last_index];
        }
        level += 1;
    }
    Some(level - 1)
}

/// Greedy interval colouring by extent: each annotation takes the lowest lane that is free
/// at its start. Overlapping extents never share a lane.
fn assign_lanes(extents: impl Iterator<Item = (AnnotationId, Span)>) -> HashMap<AnnotationId, u8> {
    let mut sorted: Vec<(Span, AnnotationId)> = extents.map(|(id, e)| (e, id)).collect();
    sorted.sort_unstable();
    // The end of the last extent placed in each lane.
    let mut lane_ends: Vec<usize> = Vec::new();
    let mut lanes = HashMap::with_capacity(sorted.len());
    for (extent, id) in sorted {
        let lane = match lane_ends.iter().position(|&end| end <= extent.start) {
            Some(free) => free,
            None => {
                lane_ends.push(0);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = extent.end;
        lanes.insert(id, u8::try_from(lane).unwrap_or(u8::MAX));
    }
    lanes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, Document};
    use proptest::prelude::*;

    fn annotation(doc: &Document, ranges: Vec<Span>) -> Annotation {
        let now = chrono::Utc::now();
        let quote = doc.quote(&ranges).unwrap_or_default();
        Annotation::bare(AnnotationId::random(), doc.id, "claim", ranges, quote, now)
    }

    fn project_with(ranges: &[Vec<Span>]) -> (Project, DocumentId) {
        let mut project = Project::new("t");
        let doc = Document::new("d", "x".repeat(1000));
        let id = doc.id;
        for r in ranges {
            project.rebuild(|parts| {
                parts.annotations.push(annotation(&doc, r.clone()));
            });
        }
        project.rebuild(|parts| {
            parts.documents.push(doc);
        });
        (project, id)
    }

    fn brute_force(index: &OverlapIndex, span: Span) -> Vec<usize> {
        (0..index.entries().len())
            .filter(|&i| index.entries()[i].range.overlaps(&span))
            .collect()
    }

    #[test]
    fn finds_ranges_of_discontinuous_annotations() {
        let (project, doc) = project_with(&[
            vec![Span::new(0, 5), Span::new(50, 60)],
            vec![Span::new(3, 8)],
            vec![Span::new(100, 120)],
        ]);
        let index = OverlapIndex::build(&project, doc);
        assert_eq!(index.len(), 4);
        let hits = index.overlapping(Span::new(55, 110));
        let ranges: Vec<Span> = hits.iter().map(|e| e.range).collect();
        assert_eq!(ranges, [Span::new(50, 60), Span::new(100, 120)]);
        assert!(index.overlapping(Span::new(8, 50)).is_empty());
        assert!(index.overlapping(Span::new(10, 10)).is_empty());
    }

    #[test]
    fn overlapping_annotations_get_different_lanes() {
        let (project, doc) = project_with(&[
            vec![Span::new(0, 10)],
            vec![Span::new(5, 15)],
            vec![Span::new(12, 20)],
        ]);
        let index = OverlapIndex::build(&project, doc);
        let lane = |i: usize| index.lane(project.annotations()[i].id);
        assert_eq!(lane(0), Some(0));
        assert_eq!(lane(1), Some(1));
        assert_eq!(lane(2), Some(0));
        assert_eq!(index.lane_count(), 2);
        // The narrowest annotation under the pointer comes first.
        let at = index.annotations_at(7);
        assert_eq!(
            at,
            [project.annotations()[0].id, project.annotations()[1].id]
        );
    }

    #[test]
    fn refresh_rebuilds_only_after_a_change() {
        let (mut project, doc) = project_with(&[vec![Span::new(0, 10)]]);
        let mut index = OverlapIndex::build(&project, doc);
        assert!(!index.refresh(&project, doc));
        let document = project.documents()[0].clone();
        let added = annotation(&document, vec![Span::new(20, 30)]);
        project
            .apply(crate::model::Edit::AddAnnotation(Box::new(added)))
            .unwrap();
        assert!(index.refresh(&project, doc));
        assert_eq!(index.len(), 2);
        assert!(!index.refresh(&project, doc));
    }

    #[test]
    fn a_filter_drops_hidden_annotations_and_a_search_alone_rebuilds_nothing() {
        let (mut project, doc) = project_with(&[vec![Span::new(0, 10)], vec![Span::new(5, 15)]]);
        project.rebuild(|parts| {
            parts.annotations[1].tag = "position".to_owned();
        });
        let mut index = OverlapIndex::build(&project, doc);
        assert_eq!(index.lane_count(), 2);
        let mut filter = AnnotationFilter::default();
        filter.hidden_tags.insert("claim".to_owned());
        assert!(index.refresh_shown(&project, doc, &filter));
        assert_eq!(index.annotations_at(7), [project.annotations()[1].id]);
        assert_eq!(index.lane_count(), 1);
        filter.search = "anything".to_owned();
        assert!(!index.refresh_shown(&project, doc, &filter));
        assert!(index.refresh(&project, doc));
        assert_eq!(index.len(), 2);
    }

    #[test]
    fn empty_index_answers_nothing() {
        let (project, doc) = project_with(&[]);
        let index = OverlapIndex::build(&project, doc);
        assert!(index.is_empty());
        assert!(index.overlapping(Span::new(0, 1000)).is_empty());
        assert!(index.annotations_at(3).is_empty());
    }

    fn arb_ranges() -> impl Strategy<Value = Vec<Vec<Span>>> {
        let range = (0usize..990, 1usize..40).prop_map(|(s, l)| Span::new(s, (s + l).min(1000)));
        let annotation =
            prop::collection::vec(range, 1..4).prop_map(crate::model::normalize_ranges);
        prop::collection::vec(annotation, 0..200)
    }

    proptest! {
        #[test]
        fn query_matches_a_brute_force_scan(
            ranges in arb_ranges(),
            queries in prop::collection::vec((0usize..1000, 1usize..80), 1..20),
        ) {
            let (project, doc) = project_with(&ranges);
            let index = OverlapIndex::build(&project, doc);
            for (start, len) in queries {
                let span = Span::new(start, start + len);
                let mut got = Vec::new();
                index.query_into(span, &mut got);
                got.sort_unstable();
                prop_assert_eq!(got, brute_force(&index, span));
            }
        }

        #[test]
        fn lanes_never_collide(ranges in arb_ranges()) {
            let (project, doc) = project_with(&ranges);
            let index = OverlapIndex::build(&project, doc);
            for a in project.annotations() {
                for b in project.annotations() {
                    if a.id != b.id && a.extent().overlaps(&b.extent()) {
                        prop_assert_ne!(index.lane(a.id), index.lane(b.id));
                    }
                }
            }
        }
    }
}
