//! Who is who: one person is one annotator however their name was typed, by the model's one
//! name rule ([`name_key`]: case, accents and spacing folded). Annotations without an
//! annotator (or with a blank one) form one more annotator, [`UNKNOWN`]. The compare view,
//! its figures and `stance agree` all tell annotators apart through this module, so they
//! count the same annotations the same way.

use std::collections::BTreeMap;

use crate::model::{Annotation, Project, name_key};

/// The annotator of annotations an adjudicator kept: they are the curated result, no
/// annotator's own work, so they are compared with no one.
pub const ADJUDICATED: &str = "adjudicated";

/// Whether an annotation was kept by an adjudicator (the name compared by the name rule).
#[must_use]
pub fn is_adjudicated(annotation: &Annotation) -> bool {
    same_annotator(annotation.annotator.as_deref(), Some(ADJUDICATED))
}

/// How the annotator of annotations without one is shown, in the app and in `stance agree`.
pub const UNKNOWN: &str = "unknown";

/// The annotator an `annotator` field names: its folded name, `None` for unknown.
#[must_use]
pub fn key_of(annotator: Option<&str>) -> Option<String> {
    annotator.map(name_key).filter(|key| !key.is_empty())
}

/// Whether two `annotator` fields name one person.
#[must_use]
pub fn same_annotator(a: Option<&str>, b: Option<&str>) -> bool {
    key_of(a) == key_of(b)
}

/// How an annotator is shown: the name, or [`UNKNOWN`].
#[must_use]
pub fn label(annotator: Option<&str>) -> &str {
    match annotator.map(str::trim) {
        Some(name) if !name.is_empty() => name,
        _ => UNKNOWN,
    }
}

/// One annotator's annotations, under the first spelling of the name met in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnotatorGroup<'a> {
    /// `None`: the unknown annotator.
    pub name: Option<String>,
    pub annotations: Vec<&'a Annotation>,
}

/// The annotations grouped by annotator, in order of their folded names (unknown first);
/// annotations for which `leave_out` holds are in no group.
#[must_use]
pub fn group<'a>(
    annotations: impl IntoIterator<Item = &'a Annotation>,
    leave_out: impl Fn(&Annotation) -> bool,
) -> Vec<AnnotatorGroup<'a>> {
    let mut by_key: BTreeMap<Option<String>, AnnotatorGroup<'a>> = BTreeMap::new();
    for a in annotations.into_iter().filter(|a| !leave_out(a)) {
        let key = key_of(a.annotator.as_deref());
        let is_unknown = key.is_none();
        by_key
            .entry(key)
            .or_insert_with(|| AnnotatorGroup {
                name: (!is_unknown).then(|| a.annotator.clone().unwrap_or_default()),
                annotations: Vec::new(),
            })
            .annotations
            .push(a);
    }
    by_key.into_values().collect()
}

/// The annotators of a project, each under the first spelling of its name (unknown first).
#[must_use]
pub fn names(project: &Project, leave_out: impl Fn(&Annotation) -> bool) -> Vec<Option<String>> {
    group(project.iter_annotations(), leave_out)
        .into_iter()
        .map(|g| g.name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_person_is_one_annotator_however_typed() {
        assert!(same_annotator(Some("Anna Kovač"), Some("  anna kovač ")));
        assert!(!same_annotator(Some("Anna"), Some("Boris")));
        assert!(same_annotator(None, Some("   ")));
        assert!(!same_annotator(None, Some("anna")));
        assert_eq!(label(None), UNKNOWN);
        assert_eq!(label(Some(" ")), UNKNOWN);
        assert_eq!(label(Some("Anna")), "Anna");
    }
}
