//! A document's properties — title, date, outlet, author, source (URL or file), language — as
//! one value, [`DocumentMeta`]. [`crate::model::Edit::SetDocumentMeta`] (in `edits/document.rs`)
//! sets them. The text is not a property: only re-anchoring changes it.

use chrono::NaiveDate;

use super::Document;

/// Everything about a document but its id and text: what the analyst can correct after an
/// import (the Document Properties dialog, `stance docs --set`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentMeta {
    pub title: String,
    pub date: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    /// A URL or the original file path.
    pub source: Option<String>,
    pub language: Option<String>,
}

impl DocumentMeta {
    /// The same properties with surrounding space trimmed and blank optional ones cleared, as
    /// the model stores them.
    #[must_use]
    pub fn tidied(self) -> Self {
        let tidy =
            |value: Option<String>| value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        Self {
            title: self.title.trim().to_owned(),
            date: self.date,
            outlet: tidy(self.outlet),
            author: tidy(self.author),
            source: tidy(self.source),
            language: tidy(self.language),
        }
    }
}

impl Document {
    /// The document's properties as one value.
    #[must_use]
    pub fn meta(&self) -> DocumentMeta {
        DocumentMeta {
            title: self.title.clone(),
            date: self.date,
            outlet: self.outlet.clone(),
            author: self.author.clone(),
            source: self.source.clone(),
            language: self.language.clone(),
        }
    }

    /// Sets every property; returns the old ones.
    pub(in crate::model) fn set_meta(&mut self, meta: DocumentMeta) -> DocumentMeta {
        let old = self.meta();
        let DocumentMeta {
            title,
            date,
            outlet,
            author,
            source,
            language,
        } = meta;
        self.title = title;
        self.date = date;
        self.outlet = outlet;
        self.author = author;
        self.source = source;
        self.language = language;
        old
    }
}
