//! [`TextCheck`]: which documents' texts were edited outside Stance, kept up to date with
//! the project cheaply (each text hashed once). The repair controller and the status bar
//! read it; while one remains, Save refuses to overwrite the project file.

use std::collections::HashMap;

use crate::model::{DerivedCache, DocumentId, Project};

/// The documents whose text was edited outside Stance (its stored hash no longer matches).
/// While one remains, the status bar says so and Save refuses to overwrite the project file.
///
/// Hashing every text after every edit would cost time on long articles, so each text is
/// hashed once, keyed by what can change it: its document, stored hash and length (a text is
/// only replaced together with its hash, by re-anchoring or undoing it).
#[derive(Debug, Default)]
pub(super) struct TextCheck {
    /// Whether each text matches its hash, by document, stored hash and length: a memo across
    /// project states, so only new or replaced texts are hashed.
    is_matching: HashMap<(DocumentId, String, usize), bool>,
    /// What the check found for the project state last refreshed.
    found: DerivedCache<(), Mismatches>,
}

/// The documents whose text does not match, for one project state.
#[derive(Debug, Default)]
struct Mismatches {
    /// Their titles, in project order.
    titles: Vec<String>,
    /// Every problem of the project while a text does not match (what the window lists).
    problem_count: usize,
}

impl TextCheck {
    /// Brings the check up to date with `project` (cheap when nothing changed).
    pub(super) fn refresh(&mut self, project: &Project) {
        let is_matching = &mut self.is_matching;
        self.found.get_or_build(project.key(), (), || {
            let mut titles = Vec::new();
            let mut seen = HashMap::with_capacity(project.documents().len());
            for doc in project.documents() {
                let key = (doc.id, doc.text_hash.clone(), doc.text.len());
                let matches = match is_matching.get(&key) {
                    Some(&known) => known,
                    None => doc.hash_matches(),
                };
                if !matches {
                    titles.push(doc.title.clone());
                }
                seen.insert(key, matches);
            }
            // Forget texts that are gone, so the memo follows the project's size.
            *is_matching = seen;
            let problem_count = if titles.is_empty() {
                0
            } else {
                project.problems().len()
            };
            Mismatches {
                titles,
                problem_count,
            }
        });
    }

    fn found(&self) -> Option<&Mismatches> {
        self.found.last()
    }

    /// Titles of the documents whose text was changed outside Stance.
    pub(super) fn mismatched(&self) -> &[String] {
        self.found().map_or(&[], |f| f.titles.as_slice())
    }

    /// The number of problems to report in the status bar: zero unless a text was changed.
    pub(super) fn problem_count(&self) -> usize {
        self.found().map_or(0, |f| f.problem_count)
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
        project.rebuild(|parts| {
            if let Some(doc) = parts.documents.first_mut() {
                doc.text = "Officials said the talks resumed.".to_owned();
            }
        });
        check.refresh(&project);
        assert_eq!(check.mismatched(), ["Talks".to_owned()]);
        assert!(check.problem_count() >= 1);

        let text = project.documents()[0].text.clone();
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
