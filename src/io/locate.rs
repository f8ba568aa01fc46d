//! Pointing at the place in a project file that a [`Problem`] is about, so `stance validate`
//! and the GUI's repair list can say `FILE:LINE:COL`.

use std::collections::HashMap;

use super::error::TextPosition;
use crate::model::{Problem, Subject};

/// Finds problems' places in one file's text. Built once, it answers each problem without
/// rescanning the text, so a file with thousands of problems is still quick to report.
pub struct ProblemLocator<'a> {
    text: &'a str,
    /// Byte offsets of each `id: "…"` and `key: "…"` line, by field and value, in file order.
    definitions: HashMap<(&'a str, &'a str), Vec<usize>>,
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
}

impl<'a> ProblemLocator<'a> {
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        let mut definitions: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
        let mut line_starts = vec![0];
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            for (field, pattern) in [("id", "id: \""), ("key", "key: \"")] {
                for (at, _) in line.match_indices(pattern) {
                    // A whole field name: `id`, not the end of `document_id`.
                    let is_field_start = line[..at]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                    let value = line[at + pattern.len()..].split('"').next();
                    if let (true, Some(value)) = (is_field_start, value) {
                        definitions
                            .entry((field, value))
                            .or_default()
                            .push(line_start + at);
                    }
                }
            }
            line_start += line.len();
            line_starts.push(line_start);
        }
        Self {
            text,
            definitions,
            line_starts,
        }
    }

    /// Where `problem`'s subject is defined: the line of its `id: "…"` (a duplicate points at
    /// its second definition), or for a tag problem the line of its `key: "…"`. `None` when
    /// the file has no such line.
    #[must_use]
    pub fn locate(&self, problem: &Problem) -> Option<TextPosition> {
        let id = match problem.subject() {
            Subject::Project => None,
            Subject::Document(x) => Some(x.to_string()),
            Subject::Actor(x) => Some(x.to_string()),
            Subject::Annotation(x) => Some(x.to_string()),
            Subject::Relation(x) => Some(x.to_string()),
            Subject::Issue(x) => Some(x.to_string()),
            Subject::Round(x) => Some(x.to_string()),
        };
        let (field, value) = match (&id, problem) {
            (Some(id), _) => ("id", id.as_str()),
            // Project-wide problems are about tags and relation types.
            (
                None,
                Problem::DuplicateTagKey { key } | Problem::DuplicateRelationTypeKey { key },
            ) => ("key", key.as_str()),
            (None, _) => ("key", ""),
        };
        let offsets = self.definitions.get(&(field, value))?;
        let at = *offsets.get(usize::from(problem.is_duplicate()))?;
        Some(self.position(at))
    }

    fn position(&self, at: usize) -> TextPosition {
        let line = self.line_starts.partition_point(|&start| start <= at);
        let line_start = self.line_starts[line - 1];
        TextPosition {
            line,
            col: 1 + self.text[line_start..at].chars().count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnotationId, IssueId, RelationId};

    #[test]
    fn places_ids_keys_and_duplicates() {
        let id = AnnotationId::random();
        let text = format!(
            "(\n    schema: [(key: \"claim\"), (key: \"claim\")],\n    x: [\n        (\n            id: \"{id}\",\n        ),\n        (\n            id: \"{id}\",\n        ),\n    ],\n)"
        );
        let locator = ProblemLocator::new(&text);
        let at = |p: &Problem| locator.locate(p).map(|p| (p.line, p.col));
        let unknown_tag = |annotation| Problem::UnknownTag {
            annotation,
            tag: "rumour".to_owned(),
        };
        assert_eq!(at(&unknown_tag(id)), Some((5, 13)));
        assert_eq!(
            at(&Problem::DuplicateAnnotationId { annotation: id }),
            Some((8, 13))
        );
        assert_eq!(at(&unknown_tag(AnnotationId::random())), None);
        assert_eq!(
            at(&Problem::DuplicateTagKey {
                key: "claim".to_owned()
            }),
            Some((2, 31))
        );
    }

    #[test]
    fn places_issue_relation_and_relation_type_problems() {
        let (issue, relation) = (IssueId::random(), RelationId::random());
        let text = format!(
            "(\n    schema: (relation_types: [(key: \"x\"), (key: \"x\")]),\n    issues: [\n        (\n            id: \"{issue}\",\n        ),\n    ],\n    relations: [(\n        id: \"{relation}\",\n    )],\n)"
        );
        let locator = ProblemLocator::new(&text);
        let at = |p: &Problem| locator.locate(p).map(|p| (p.line, p.col));
        let clash = Problem::IssueNameClash {
            issue,
            name: "Truce".to_owned(),
            other: IssueId::random(),
            other_name: "Ceasefire".to_owned(),
        };
        assert_eq!(at(&clash), Some((5, 13)));
        let unknown = Problem::UnknownRelationType {
            relation,
            kind: "threatens".to_owned(),
        };
        assert_eq!(at(&unknown), Some((9, 9)));
        let twice = Problem::DuplicateRelationTypeKey {
            key: "x".to_owned(),
        };
        assert_eq!(at(&twice), Some((2, 44)));
    }
}
