//! [`AnnotationFilter`]: which annotations the workbench shows. Tags and holder narrow both
//! the sidebar's list and the article's highlights; the search narrows only the list, as a
//! find tool, so typing a word never makes highlights vanish from the text being read.

use std::collections::BTreeSet;

use super::{ActorId, Annotation, Project};

/// What the user chose to see.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AnnotationFilter {
    /// Tag keys switched off.
    pub hidden_tags: BTreeSet<String>,
    /// Only annotations held by this actor.
    pub holder: Option<ActorId>,
    /// Case-insensitive text in quote, note or holder name (the list only).
    pub search: String,
}

impl AnnotationFilter {
    /// True when anything is filtered out of the list.
    #[must_use]
    pub fn is_active(&self) -> bool {
        self.hides_highlights() || !self.search.trim().is_empty()
    }

    /// True when some highlights are hidden in the article.
    #[must_use]
    pub fn hides_highlights(&self) -> bool {
        !self.hidden_tags.is_empty() || self.holder.is_some()
    }

    /// Whether `a` is highlighted in the article: its tag is on and the holder matches.
    #[must_use]
    pub fn shows_highlight(&self, a: &Annotation) -> bool {
        !self.hidden_tags.contains(&a.tag) && self.holder.is_none_or(|h| a.is_held_by(h))
    }

    /// Whether `a` is listed. `needle_lower` is the trimmed, lowercased search, computed once
    /// per list rather than once per annotation.
    #[must_use]
    pub fn lists(&self, project: &Project, a: &Annotation, needle_lower: &str) -> bool {
        if !self.shows_highlight(a) {
            return false;
        }
        needle_lower.is_empty()
            || contains_lower(&a.quote, needle_lower)
            || contains_lower(a.note_text(), needle_lower)
            || project
                .holder_names(a)
                .iter()
                .any(|name| contains_lower(name, needle_lower))
    }

    /// The search as [`Self::lists`] wants it.
    #[must_use]
    pub fn needle_lower(&self) -> String {
        self.search.trim().to_lowercase()
    }
}

fn contains_lower(haystack: &str, needle_lower: &str) -> bool {
    haystack.to_lowercase().contains(needle_lower)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Document, Edit, Span};
    use chrono::Utc;

    #[test]
    fn tags_and_holder_hide_highlights_but_the_search_only_narrows_the_list() {
        let mut p = Project::new("t");
        let doc = Document::new("d", "Alpha beta gamma.".to_owned());
        let d = doc.id;
        p.apply(p.add_document(doc)).unwrap();
        let putin = Actor::new("Putin", None);
        let putin_id = putin.id;
        p.apply(p.add_actor(putin).unwrap()).unwrap();
        let claim = p
            .new_annotation(d, "claim", vec![Span::new(0, 5)], Utc::now())
            .unwrap();
        let claim_id = claim.id;
        p.apply(Edit::AddAnnotation(Box::new(claim))).unwrap();
        p.apply(p.set_holder(claim_id, Some(putin_id), Utc::now()).unwrap())
            .unwrap();
        let a = p.annotation(claim_id).unwrap();

        let mut filter = AnnotationFilter::default();
        assert!(filter.shows_highlight(a) && filter.lists(&p, a, ""));
        filter.search = "zeta".to_owned();
        assert!(filter.shows_highlight(a));
        assert!(!filter.lists(&p, a, &filter.needle_lower()));
        filter.search = " PUT ".to_owned();
        assert!(filter.lists(&p, a, &filter.needle_lower()));
        assert!(!filter.hides_highlights() && filter.is_active());

        filter.holder = Some(ActorId::random());
        assert!(!filter.shows_highlight(a));
        filter.holder = Some(putin_id);
        assert!(filter.shows_highlight(a));
        filter.hidden_tags.insert("claim".to_owned());
        assert!(!filter.shows_highlight(a) && !filter.lists(&p, a, ""));
    }
}
