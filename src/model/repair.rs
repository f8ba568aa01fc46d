//! Repairing annotations of a project that loaded with problems ("needs repair").
//!
//! A repair never guesses meaning: it re-anchors a quote that is still in the text, refreshes
//! a quote from valid ranges, drops a holder, target or issue that does not exist (or is
//! listed twice) and a cue that does not fit the text, and puts a general stance onto the
//! issues that have none (as format 2 meant it). An unknown tag is left for the analyst to choose.

use super::{
    Annotation, AnnotationId, Edit, EditContext, EditError, Project, Span, span::normalize_ranges,
};

impl Project {
    /// An edit that makes a broken annotation valid again, made by `cx`'s annotator (the
    /// analyst who chose to repair it).
    ///
    /// In order: a missing holder is cleared; if the quote no longer matches the ranges but
    /// occurs in the text, the ranges move to the occurrence nearest the old position;
    /// otherwise ranges inside the document keep their place and the quote is refreshed.
    ///
    /// # Errors
    /// An unknown annotation or document, a quote that cannot be placed, or an unknown tag.
    pub fn repair_annotation(
        &self,
        id: AnnotationId,
        cx: impl Into<EditContext>,
    ) -> Result<Edit, EditError> {
        let original = self.annotation(id).ok_or(EditError::NoSuchAnnotation(id))?;
        let doc = self
            .document(original.document)
            .ok_or(EditError::NoSuchDocument(original.document))?;
        if self.schema.get(&original.tag).is_none() {
            return Err(EditError::NoSuchTag(original.tag.clone()));
        }
        let mut a: Annotation = original.clone();
        let mut holders = Vec::with_capacity(a.holders.len());
        for &h in &a.holders {
            if self.actor(h).is_some() && !holders.contains(&h) {
                holders.push(h);
            }
        }
        a.holders = holders;
        if a.target.is_some_and(|t| self.actor(t).is_none()) {
            a.target = None;
        }
        let mut issues: Vec<crate::model::IssueStance> = Vec::with_capacity(a.issues.len());
        for entry in std::mem::take(&mut a.issues) {
            if self.issue(entry.issue).is_some() && !issues.iter().any(|e| e.issue == entry.issue) {
                issues.push(entry);
            }
        }
        a.issues = issues;
        a.settle_general_stance();
        let len_chars = doc.len_chars();
        let cue = normalize_ranges(std::mem::take(&mut a.cue));
        if cue.iter().all(|r| r.end <= len_chars) {
            a.cue = cue;
        }
        let ranges = normalize_ranges(a.ranges.clone());
        let quote_at_ranges = doc.quote(&ranges);
        if quote_at_ranges.as_deref() != Some(a.quote.as_str()) {
            let old_start = ranges.first().map_or(0, |r| r.start);
            if let Some(found) = nearest_occurrence(doc, &a.quote, old_start) {
                a.ranges = vec![found];
            } else if quote_at_ranges.is_some() && !ranges.is_empty() {
                a.ranges = ranges;
            } else {
                return Err(EditError::Invalid {
                    id,
                    reason: "its quote is not in the text and its ranges lie outside it".to_owned(),
                });
            }
        } else {
            a.ranges = ranges;
        }
        a.quote = doc.quote(&a.ranges).unwrap_or_default();
        cx.into().stamp(&mut a);
        Ok(Edit::ReplaceAnnotation(Box::new(a)))
    }
}

/// The occurrence of `quote` whose start is nearest `near_chars`.
fn nearest_occurrence(doc: &super::Document, quote: &str, near_chars: usize) -> Option<Span> {
    if quote.is_empty() {
        return None;
    }
    let len_chars = quote.chars().count();
    doc.text
        .match_indices(quote)
        .filter_map(|(byte, _)| doc.byte_to_char(byte))
        .min_by_key(|&start| start.abs_diff(near_chars))
        .map(|start| Span::new(start, start + len_chars))
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::model::{ActorId, Document};

    fn broken_project(change: impl FnOnce(&mut Annotation)) -> (Project, AnnotationId) {
        let mut p = Project::new("t");
        let doc = Document::new("d", "He said – yes. Later he said yes again.".to_owned());
        let d = doc.id;
        p.apply(p.add_document(doc)).unwrap();
        let span = p.documents()[0].find("yes again", 0).unwrap();
        let mut a = p
            .new_annotation(d, "claim", vec![span], Utc::now())
            .unwrap();
        change(&mut a);
        let id = a.id;
        // Loaded from a file as-is: bypass the checks, as a needs-repair load does.
        p.rebuild(|parts| {
            parts.annotations.push(a);
        });
        (p, id)
    }

    #[test]
    fn moved_quote_is_reanchored_nearest_its_old_place() {
        let (mut p, id) = broken_project(|a| {
            a.quote = "yes".to_owned();
        });
        assert!(!p.problems().is_empty());
        let edit = p.repair_annotation(id, Utc::now()).unwrap();
        p.apply(edit).unwrap();
        assert!(p.problems().is_empty(), "{:?}", p.problems());
        let a = p.annotation(id).unwrap();
        assert_eq!(a.quote, "yes");
        // The second "yes" (at "yes again") is nearer the old start than the one after the dash.
        assert_eq!(a.ranges[0], p.documents()[0].find("yes", 1).unwrap());
    }

    #[test]
    fn missing_holder_is_cleared_and_stale_quote_refreshed() {
        let (mut p, id) = broken_project(|a| {
            a.holders = vec![ActorId::random()];
            a.quote = "nowhere in the text".to_owned();
        });
        let edit = p.repair_annotation(id, Utc::now()).unwrap();
        p.apply(edit).unwrap();
        assert!(p.problems().is_empty(), "{:?}", p.problems());
        let a = p.annotation(id).unwrap();
        assert_eq!((a.holders.clone(), a.quote.as_str()), (vec![], "yes again"));
    }

    #[test]
    fn unplaceable_annotations_and_unknown_tags_are_refused() {
        let (p, id) = broken_project(|a| {
            a.ranges = vec![Span::new(500, 510)];
            a.quote = "absent".to_owned();
        });
        assert!(p.repair_annotation(id, Utc::now()).is_err());
        let (p, id) = broken_project(|a| a.tag = "rumour".to_owned());
        assert_eq!(
            p.repair_annotation(id, Utc::now()),
            Err(EditError::NoSuchTag("rumour".to_owned()))
        );
    }
}
