//! "Annotate all": tagging every hit of a corpus search in one edit, so one undo step.

use std::collections::HashSet;

use super::search::SearchHit;
use crate::model::{
    ActorId, DocumentId, Edit, EditContext, EditError, IssueId, Project, Span, Stance,
};

/// What "annotate all" fills in on every new annotation besides the tag.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HitPreset {
    pub holder: Option<ActorId>,
    pub issue: Option<IssueId>,
    pub stance: Option<Stance>,
}

/// How many hits "annotate all" tagged, and how many it left because they were tagged already.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TaggedCount {
    pub tagged: usize,
    pub skipped: usize,
}

impl TaggedCount {
    /// "Tagged 12, skipped 3 already tagged".
    #[must_use]
    pub fn message(self) -> String {
        if self.skipped == 0 {
            format!("Tagged {}", self.tagged)
        } else {
            format!(
                "Tagged {}, skipped {} already tagged",
                self.tagged, self.skipped
            )
        }
    }
}

/// The edit of an "annotate all" (none when every hit was tagged already) and its count.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnotateHits {
    /// One [`Edit::AddAnnotations`]: the whole batch is one undo step.
    pub edit: Option<Edit>,
    pub count: TaggedCount,
}

/// Tags every hit with `tag` and the preset's holder, issue and stance. A hit whose span
/// already has an annotation with this tag (exactly that one range) is skipped, as is a
/// hit listed twice.
///
/// # Errors
/// The tag is unknown or retired, a hit's document is gone or its span lies outside it,
/// or the preset's holder or issue is not in the project.
pub fn annotate_hits(
    project: &Project,
    hits: &[SearchHit],
    tag: &str,
    preset: &HitPreset,
    cx: impl Into<EditContext>,
) -> Result<AnnotateHits, EditError> {
    let cx = cx.into();
    if let Some(holder) = preset.holder
        && project.actor(holder).is_none()
    {
        return Err(EditError::NoSuchActor(holder));
    }
    if let Some(issue) = preset.issue
        && project.issue(issue).is_none()
    {
        return Err(EditError::NoSuchIssue(issue));
    }
    // One pass over the annotations, not one per hit.
    let mut taken: HashSet<(DocumentId, Span)> = (project.annotations().iter())
        .filter(|a| a.tag == tag)
        .filter_map(|a| match a.ranges.as_slice() {
            [only] => Some((a.document, *only)),
            _ => None,
        })
        .collect();
    let mut count = TaggedCount::default();
    let mut annotations = Vec::new();
    for hit in hits {
        if !taken.insert((hit.document, hit.span)) {
            count.skipped += 1;
            continue;
        }
        let mut a = project.new_annotation(hit.document, tag, vec![hit.span], cx.clone())?;
        a.holder = preset.holder;
        a.issues = preset.issue.into_iter().collect();
        a.stance = preset.stance;
        annotations.push(a);
        count.tagged += 1;
    }
    let edit = (!annotations.is_empty()).then_some(Edit::AddAnnotations(annotations));
    Ok(AnnotateHits { edit, count })
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::analysis::search::{SearchQuery, search_project};
    use crate::model::Document;

    fn corpus(texts: &[&str]) -> Project {
        let mut project = Project::new("t");
        for (i, text) in texts.iter().enumerate() {
            let doc = Document::new(format!("d{i}"), (*text).to_owned());
            project.apply(project.add_document(doc)).unwrap();
        }
        project
    }

    #[test]
    fn annotate_hits_is_one_step_skips_tagged_and_undoes() {
        let mut project = corpus(&["talks and talks", "more talks"]);
        let actor = crate::model::Actor::new("Envoy", None);
        let holder = actor.id;
        project.apply(project.add_actor(actor).unwrap()).unwrap();
        let hits = search_project(&project, &SearchQuery::plain("talks")).unwrap();
        // Tag the first hit by hand first: annotate-all must skip it.
        let first = project
            .new_annotation(hits[0].document, "claim", vec![hits[0].span], Utc::now())
            .unwrap();
        project.apply(Edit::AddAnnotation(Box::new(first))).unwrap();
        let before = project.clone();
        let preset = HitPreset {
            holder: Some(holder),
            stance: Some(Stance::For),
            ..HitPreset::default()
        };
        let result = annotate_hits(&project, &hits, "claim", &preset, Utc::now()).unwrap();
        assert_eq!(
            result.count,
            TaggedCount {
                tagged: 2,
                skipped: 1
            }
        );
        assert_eq!(result.count.message(), "Tagged 2, skipped 1 already tagged");
        let undo = project.apply(result.edit.unwrap()).unwrap();
        assert_eq!(project.annotations().len(), 3);
        assert!(
            project.annotations()[1..]
                .iter()
                .all(|a| a.holder == Some(holder))
        );
        assert_eq!(project.problems(), Vec::new());
        // Again: every hit is tagged now, so there is nothing to do.
        let again = annotate_hits(&project, &hits, "claim", &preset, Utc::now()).unwrap();
        assert_eq!(again.edit, None);
        assert_eq!(again.count.skipped, 3);
        // Another tag is not "the same tag".
        let other = annotate_hits(&project, &hits, "position", &preset, Utc::now()).unwrap();
        assert_eq!(other.count.tagged, 3);
        project.apply(undo).unwrap();
        assert_eq!(project, before);
    }

    #[test]
    fn annotate_hits_refuses_unknown_presets_and_tags() {
        let project = corpus(&["talks"]);
        let hits = search_project(&project, &SearchQuery::plain("talks")).unwrap();
        let stranger = HitPreset {
            holder: Some(ActorId::random()),
            ..HitPreset::default()
        };
        assert!(annotate_hits(&project, &hits, "claim", &stranger, Utc::now()).is_err());
        let none = HitPreset::default();
        assert!(annotate_hits(&project, &hits, "nope", &none, Utc::now()).is_err());
    }
}
