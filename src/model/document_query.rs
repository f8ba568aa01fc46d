//! [`DocumentQuery`]: how a user names one document — on the command line, `--document` — and
//! the one rule that finds it: by its id (in full, or a prefix of at least four characters),
//! its title (compared by the model's name rule, [`name_key`]: case and surrounding space do
//! not count, in any script), or its text hash (which names the same text in another
//! annotator's project).

use thiserror::Error;

use super::{Document, DocumentId, Project, name_key};

/// An id prefix shorter than this could match documents by accident.
pub const MIN_ID_PREFIX_CHARS: usize = 4;

/// A document as the user named it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentQuery {
    /// As typed, trimmed.
    wanted: String,
    /// Folded by [`name_key`], for titles and id prefixes.
    key: String,
}

/// Why a query names no document, or more than one.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum DocumentQueryError {
    #[error("no document {wanted:?}; the project has: {known}")]
    NoMatch {
        wanted: String,
        /// The documents there are, `Title (short id)`, comma-separated.
        known: String,
    },
    #[error("{wanted:?} matches several documents ({matching}); give the full id")]
    Ambiguous {
        wanted: String,
        /// The documents it matches, `Title (short id)`, comma-separated.
        matching: String,
    },
}

/// How closely a document answers to a query: an exact identifier (id, text hash) before a
/// title, a title before an id prefix, so a title that happens to look like a prefix of
/// another document's id still finds its own document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Closeness {
    Identifier,
    Title,
    IdPrefix,
}

impl DocumentQuery {
    #[must_use]
    pub fn new(wanted: &str) -> Self {
        Self {
            wanted: wanted.trim().to_owned(),
            key: name_key(wanted),
        }
    }

    /// The query as the user typed it (trimmed).
    #[must_use]
    pub fn wanted(&self) -> &str {
        &self.wanted
    }

    fn closeness(&self, document: &Document) -> Option<Closeness> {
        let id = document.id.to_string();
        if id == self.key || document.text_hash == self.wanted {
            Some(Closeness::Identifier)
        } else if name_key(&document.title) == self.key {
            Some(Closeness::Title)
        } else if self.key.chars().count() >= MIN_ID_PREFIX_CHARS && id.starts_with(&self.key) {
            Some(Closeness::IdPrefix)
        } else {
            None
        }
    }

    /// True if the query names `document` in any way (its id, a prefix of it, its title or its
    /// text hash).
    #[must_use]
    pub fn matches(&self, document: &Document) -> bool {
        self.closeness(document).is_some()
    }

    /// The one document of `documents` the query names: the closest matches win (an id or
    /// text hash, then a title, then an id prefix), and there must be exactly one of them.
    ///
    /// # Errors
    /// No document matches, or several match equally closely.
    pub fn select<'a>(
        &self,
        documents: impl IntoIterator<Item = &'a Document> + Clone,
    ) -> Result<&'a Document, DocumentQueryError> {
        let best = (documents.clone().into_iter())
            .filter_map(|d| self.closeness(d))
            .min();
        let Some(best) = best else {
            return Err(DocumentQueryError::NoMatch {
                wanted: self.wanted.clone(),
                known: describe(documents),
            });
        };
        let matching: Vec<&Document> = (documents.into_iter())
            .filter(|d| self.closeness(d) == Some(best))
            .collect();
        match matching.as_slice() {
            [one] => Ok(one),
            _ => Err(DocumentQueryError::Ambiguous {
                wanted: self.wanted.clone(),
                matching: describe(matching),
            }),
        }
    }

    /// The id of the one document of `project` the query names (see [`Self::select`]).
    ///
    /// # Errors
    /// As [`Self::select`].
    pub fn resolve(&self, project: &Project) -> Result<DocumentId, DocumentQueryError> {
        self.select(project.documents()).map(|d| d.id)
    }
}

/// `Title (short id), …` for error messages.
fn describe<'a>(documents: impl IntoIterator<Item = &'a Document>) -> String {
    let named: Vec<String> = (documents.into_iter())
        .map(|d| format!("{} ({})", d.title, d.id.short()))
        .collect();
    named.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn documents() -> Vec<Document> {
        ["Talks in Geneva", "ПЕРЕГОВОРЫ в Женеве", "Talks in Geneva "]
            .into_iter()
            .enumerate()
            .map(|(i, title)| Document::new(title, format!("Text number {i}.")))
            .collect()
    }

    #[test]
    fn a_title_is_found_by_the_model_name_rule_in_any_script() {
        let docs = documents();
        let found = DocumentQuery::new("  переговоры В ЖЕНЕВЕ ").select(&docs);
        assert_eq!(found.map(|d| d.id), Ok(docs[1].id));
    }

    #[test]
    fn two_documents_with_one_title_are_ambiguous_and_named() {
        let docs = documents();
        let error = DocumentQuery::new("talks in geneva").select(&docs);
        let Err(DocumentQueryError::Ambiguous { matching, .. }) = error else {
            panic!("expected an ambiguous query, got {error:?}");
        };
        assert!(matching.contains(&docs[0].id.short()));
        assert!(matching.contains(&docs[2].id.short()));
    }

    #[test]
    fn a_full_id_a_long_enough_prefix_and_the_text_hash_find_their_document() {
        let docs = documents();
        let id = docs[2].id.to_string();
        for wanted in [id.clone(), id.to_uppercase(), id[..8].to_owned()] {
            let found = DocumentQuery::new(&wanted).select(&docs);
            assert_eq!(found.map(|d| d.id), Ok(docs[2].id), "{wanted}");
        }
        let by_hash = DocumentQuery::new(&docs[1].text_hash).select(&docs);
        assert_eq!(by_hash.map(|d| d.id), Ok(docs[1].id));
        // Three characters could match by accident: not a prefix.
        let short = DocumentQuery::new(&id[..3]).select(&docs);
        assert!(matches!(short, Err(DocumentQueryError::NoMatch { .. })));
    }

    #[test]
    fn an_exact_identifier_wins_over_a_title() {
        let mut docs = documents();
        let id = docs[0].id.to_string();
        docs[1].title.clone_from(&id);
        let found = DocumentQuery::new(&id).select(&docs);
        assert_eq!(found.map(|d| d.id), Ok(docs[0].id));
    }

    #[test]
    fn no_match_lists_the_documents_there_are() {
        let docs = documents();
        let error = DocumentQuery::new("Elsewhere").select(&docs);
        let Err(DocumentQueryError::NoMatch { wanted, known }) = error else {
            panic!("expected no match, got {error:?}");
        };
        assert_eq!(wanted, "Elsewhere");
        assert!(known.starts_with("Talks in Geneva ("));
        assert!(!DocumentQuery::new("Elsewhere").matches(&docs[0]));
    }
}
