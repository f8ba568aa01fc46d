//! [`TextCheck`]: which documents' texts were edited outside Stance, kept up to date with
//! the project cheaply (each text hashed once). The repair controller and the status bar
//! read it; while one remains, Save refuses to overwrite the project file.

use std::collections::HashMap;

use crate::model::{DocumentId, Project};

/// The documents whose text was edited outside Stance (its stored hash no longer matches).
/// While one remains, the status bar says so and Save refuses to overwrite the project file.
///
/// Hashing every text after every edit would cost time on long articles, so each text is
/// hashed once, keyed by what can change it: its document, stored hash and length (a text is
/// only replaced together with its hash, by re-anchoring or undoing it).
#[derive(Debug, Default)]
pub(super) struct TextCheck {
    revision: Option<u64>,
    is_matching: HashMap<(DocumentId, String, usize), bool>,
    /// Titles of the documents whose text does not match, in project order.
    mismatched: Vec<String>,
    /// Every problem of the project while a text does not match (what the window lists).
    problem_count: usize,
}

impl TextCheck {
    /// Brings the check up to date with `project` (cheap when nothing changed).
    pub(super) fn refresh(&mut self, project: &Project) {
        if self.revision == Some(project.revision()) {
            return;
        }
        self.revision = Some(project.revision());
        let mut mismatched = Vec::new();
        let mut seen = HashMap::with_capacity(project.documents.len());
        for doc in &project.documents {
            let key = (doc.id, doc.text_hash.clone(), doc.text.len());
            let is_matching = match self.is_matching.get(&key) {
                Some(&known) => known,
                None => doc.hash_matches(),
            };
            if !is_matching {
                mismatched.push(doc.title.clone());
            }
            seen.insert(key, is_matching);
        }
        // Forget texts that are gone, so the cache follows the project's size.
        self.is_matching = seen;
        self.problem_count = if mismatched.is_empty() {
            0
        } else {
            project.problems().len()
        };
        self.mismatched = mismatched;
    }

    /// Titles of the documents whose text was changed outside Stance.
    pub(super) fn mismatched(&self) -> &[String] {
        &self.mismatched
    }

    /// The number of problems to report in the status bar: zero unless a text was changed.
    pub(super) fn problem_count(&self) -> usize {
        self.problem_count
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;
    use chrono::Utc;

    #[test]
    fn the_text_check_follows_edits_and_re_anchoring() {
        let mut project = Project::new("p");
        let doc = Document::new("Talks", "Officials said talks resumed.".to_owned());
        let id = doc.id;
        let added = project.add_document(doc);
        assert!(project.apply(added).is_ok());
        let mut check = TextCheck::default();
        check.refresh(&project);
        assert!(check.mismatched().is_empty());
        assert_eq!(check.problem_count(), 0);

        // Edited outside: the stored hash no longer matches.
        if let Some(doc) = project.documents.first_mut() {
            doc.text = "Officials said the talks resumed.".to_owned();
        }
        project.touch();
        check.refresh(&project);
        assert_eq!(check.mismatched(), ["Talks".to_owned()]);
        assert!(check.problem_count() >= 1);

        let text = project.documents[0].text.clone();
        let reanchored = project.reanchor_document(id, &text, Utc::now());
        let Ok((_, edit)) = reanchored else {
            panic!("re-anchoring failed: {reanchored:?}");
        };
        assert!(project.apply(edit).is_ok());
        check.refresh(&project);
        assert!(check.mismatched().is_empty());
        assert_eq!(check.problem_count(), 0);
    }
}
