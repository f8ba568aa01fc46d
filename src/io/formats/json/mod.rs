//! JSON (one pretty document) and JSON Lines (one annotation per line): Stance's own exchange
//! format. The records both directions share are here; writing is in [`write`], reading in
//! [`read`].
//!
//! Both carry the CSV's fields plus `ranges`, the document's `text_hash` and
//! `offset_unit: "codepoint"`. The JSON document also carries the tags, actors, documents,
//! relations and preserved lines, so importing it rebuilds the project without loss.

mod read;
mod write;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::OFFSET_UNIT;
use crate::io::export::{Selection, document_date};
use crate::model::{
    Actor, ActorId, Annotation, AnnotationId, Document, DocumentId, PreservedRecord, Relation,
    Span, TagDef,
};

pub use self::read::{import_jsonl_text, import_stance_json_text};
pub(crate) use self::write::{export_json, export_jsonl};

/// The extension of a JSON export.
pub const JSON_EXTENSION: &str = "json";
/// The extension of a JSON Lines export.
pub const JSONL_EXTENSION: &str = "jsonl";

/// The `format` value of a Stance JSON export.
pub const EXPORT_FORMAT_NAME: &str = "stance-export";

/// One annotation as JSON and JSON Lines write it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnnotationRecord {
    /// The document's title.
    pub document: String,
    pub document_id: DocumentId,
    /// The document's publication date, `YYYY-MM-DD` or `""`.
    #[serde(default)]
    pub date: String,
    pub tag: String,
    /// The holder's name, or `""`.
    #[serde(default)]
    pub holder: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder_id: Option<ActorId>,
    #[serde(default)]
    pub holder_affiliation: String,
    pub quote: String,
    /// Start of the whole extent, in code points.
    pub start: usize,
    /// End (exclusive) of the whole extent, in code points.
    pub end: usize,
    /// Every range as `[start, end]`.
    pub ranges: Vec<[usize; 2]>,
    #[serde(default)]
    pub note: String,
    pub id: AnnotationId,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
    /// `sha256:` digest of the document text the offsets refer to.
    pub text_hash: String,
    /// Always `codepoint`.
    pub offset_unit: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub external_ids: BTreeMap<String, String>,
}

impl AnnotationRecord {
    pub(crate) fn new(selection: &Selection, doc: &Document, a: &Annotation) -> Self {
        let extent = a.extent();
        Self {
            document: doc.title.clone(),
            document_id: doc.id,
            date: document_date(doc),
            tag: a.tag.clone(),
            holder: selection.project.holder_name(a).to_owned(),
            holder_id: a.holder,
            holder_affiliation: selection.holder_affiliation(a).to_owned(),
            quote: a.quote.clone(),
            start: extent.start,
            end: extent.end,
            ranges: a.ranges.iter().map(|r| [r.start, r.end]).collect(),
            note: a.note_text().to_owned(),
            id: a.id,
            created: a.created,
            modified: a.modified,
            text_hash: doc.text_hash.clone(),
            offset_unit: OFFSET_UNIT.to_owned(),
            attributes: a.attributes.clone(),
            external_ids: a.external_ids.clone(),
        }
    }

    /// The ranges as spans.
    #[must_use]
    pub fn spans(&self) -> Vec<Span> {
        self.ranges.iter().map(|[s, e]| Span::new(*s, *e)).collect()
    }
}

/// The whole JSON export document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JsonExport {
    /// Always [`EXPORT_FORMAT_NAME`].
    pub format: String,
    pub version: u32,
    pub offset_unit: String,
    pub project: String,
    #[serde(default)]
    pub tags: Vec<TagDef>,
    #[serde(default)]
    pub actors: Vec<Actor>,
    #[serde(default)]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub annotations: Vec<AnnotationRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preserved: Vec<PreservedRecord>,
}
