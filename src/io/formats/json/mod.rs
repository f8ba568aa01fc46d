//! JSON (one pretty document) and JSON Lines (one annotation per line): Stance's own exchange
//! format. The records both directions share are here; writing is in [`write`], reading in
//! [`read`].
//!
//! Both carry the CSV's fields plus `ranges`, the document's `text_hash` and
//! `offset_unit: "codepoint"`: issues as `{id, name}`, the target as `{id, name}`, stance and
//! attribution as their lowercase words, the cue as ranges plus its text. The JSON document
//! also carries the tags, actors, issues, documents, relations and preserved lines, so
//! importing it rebuilds the project without loss; each JSON Lines record carries the
//! relations that start at it, so a JSON Lines file restores them too.

mod read;
mod write;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::OFFSET_UNIT;
use crate::io::selection::{Selection, cue_text, document_date};
use crate::model::{
    Actor, ActorId, Annotation, AnnotationId, Attribution, Document, DocumentId, Issue, IssueId,
    PreservedRecord, Relation, RelationId, Span, Stance, TagDef,
};

pub use self::read::{import_jsonl_text, import_stance_json_text};
pub(crate) use self::write::{export_json, export_jsonl};

/// The extension of a JSON export.
pub const JSON_EXTENSION: &str = "json";
/// The extension of a JSON Lines export.
pub const JSONL_EXTENSION: &str = "jsonl";

/// The `format` value of a Stance JSON export.
pub const EXPORT_FORMAT_NAME: &str = "stance-export";

/// The export version written: 2 adds issues, target, stance, attribution, cue, annotator and
/// typed relations with notes. Version 1 files are still read.
pub const EXPORT_VERSION: u32 = 2;

/// An issue an annotation refers to: its id and, for readers, its name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueRef {
    pub id: IssueId,
    pub name: String,
}

/// An actor referred to by id, with its name for readers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    pub id: ActorId,
    pub name: String,
}

/// The reporting cue: its ranges (code points) and the text there, pieces joined by `;`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CueRecord {
    pub ranges: Vec<[usize; 2]>,
    #[serde(default)]
    pub text: String,
}

/// A typed relation between two annotations (`from` *type* `to`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelationRecord {
    pub id: RelationId,
    /// A relation type key, e.g. `concedes-to`. Version 1 exports called it `kind`.
    #[serde(rename = "type", alias = "kind")]
    pub kind: String,
    pub from: AnnotationId,
    pub to: AnnotationId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub external_ids: BTreeMap<String, String>,
}

impl From<&Relation> for RelationRecord {
    fn from(r: &Relation) -> Self {
        Self {
            id: r.id,
            kind: r.kind.clone(),
            from: r.from,
            to: r.to,
            note: r.note.clone(),
            external_ids: r.external_ids.clone(),
        }
    }
}

impl From<&RelationRecord> for Relation {
    fn from(r: &RelationRecord) -> Self {
        Self {
            id: r.id,
            kind: r.kind.clone(),
            from: r.from,
            to: r.to,
            note: r.note.clone(),
            external_ids: r.external_ids.clone(),
        }
    }
}

/// Stance and attribution as their lowercase export words (`conditional`, `direct`).
mod word {
    use std::fmt::Display;
    use std::str::FromStr;

    use serde::{Deserialize, Deserializer, Serializer};

    // Takes `&Option`: serde's `serialize_with` passes one.
    pub fn serialize<T: Display, S: Serializer>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => serializer.collect_str(v),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, T, D>(deserializer: D) -> Result<Option<T>, D::Error>
    where
        T: FromStr,
        T::Err: Display,
        D: Deserializer<'de>,
    {
        Option::<String>::deserialize(deserializer)?
            .map(|s| s.parse().map_err(serde::de::Error::custom))
            .transpose()
    }
}

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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<IssueRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<ActorRef>,
    #[serde(default, with = "word", skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    #[serde(default, with = "word", skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Attribution>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<CueRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotator: Option<String>,
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
    /// JSON Lines only: the relations that start at this annotation (the JSON document lists
    /// relations once, at the top level).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<RelationRecord>,
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
            issues: a
                .issues
                .iter()
                .map(|&id| IssueRef {
                    id,
                    name: selection.project.issue_name(id),
                })
                .collect(),
            target: a.target.map(|id| ActorRef {
                id,
                name: selection.project.target_name(a).to_owned(),
            }),
            stance: a.stance,
            condition: a.condition.clone(),
            attribution: a.attribution,
            cue: (!a.cue.is_empty()).then(|| CueRecord {
                ranges: a.cue.iter().map(|r| [r.start, r.end]).collect(),
                text: cue_text(doc, a),
            }),
            annotator: a.annotator.clone(),
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
            relations: Vec::new(),
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<Issue>,
    #[serde(default)]
    pub documents: Vec<Document>,
    #[serde(default)]
    pub annotations: Vec<AnnotationRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<RelationRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preserved: Vec<PreservedRecord>,
}
