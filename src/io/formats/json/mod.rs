//! JSON (one pretty document) and JSON Lines (one annotation per line): Stance's own exchange
//! format. The records both directions share are here; writing is in [`write`], reading in
//! [`read`].
//!
//! Both carry the CSV's fields plus `ranges`, the document's `text_hash` and
//! `offset_unit: "codepoint"`: holders as `[{id, name}]` (with `holder`, their names joined,
//! and `holder_id`, the first, as version 2 had them), the holders' sides as `[{id, name}]`,
//! issues as `{id, name, stance, condition}` (each issue's own stance), the target as
//! `{id, name}`, stance (the one stance all issues share, or the general stance), firmness
//! and attribution as their lowercase words, `said_on` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`)
//! and `statement_date` (said_on, else the document's date), the cue as ranges plus its
//! text. Actors carry their `side`; the JSON document also lists the rounds and briefs. The JSON document
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
    Actor, ActorId, Annotation, AnnotationId, Attribution, Brief, Document, DocumentId, Firmness,
    Issue, IssueId, PartialDate, PreservedRecord, Relation, RelationId, Round, Span, Stance,
    TagDef,
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
/// typed relations with notes; 3 adds holders, sides, a stance per issue, said_on, firmness,
/// rounds and briefs. Versions 1 and 2 are still read.
pub const EXPORT_VERSION: u32 = 3;

/// An issue an annotation refers to: its id, for readers its name, and the annotation's
/// stance and condition on it (version 3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueRef {
    pub id: IssueId,
    pub name: String,
    #[serde(default, with = "word", skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
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
    /// The holders' names joined (`United States & Ukraine`), or `""`.
    #[serde(default)]
    pub holder: String,
    /// The first holder (version 2 had one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder_id: Option<ActorId>,
    /// Every holder, in order (version 3; read before `holder_id` when present).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holders: Vec<ActorRef>,
    /// The sides the holders speak for, once each (version 3; written for readers, not read).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sides: Vec<ActorRef>,
    #[serde(default)]
    pub holder_affiliation: String,
    /// When the statement was made, if not on the document's date (version 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said_on: Option<PartialDate>,
    /// `said_on`, else the document's date: what time order uses (version 3; not read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement_date: Option<PartialDate>,
    #[serde(default, with = "word", skip_serializing_if = "Option::is_none")]
    pub firmness: Option<Firmness>,
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
            holder: selection.project.holders_label(a),
            holder_id: a.first_holder(),
            holders: (a.holders.iter())
                .map(|&id| ActorRef {
                    id,
                    name: selection.project.actor_name(id),
                })
                .collect(),
            sides: (selection.project.holder_sides(a).into_iter())
                .map(|id| ActorRef {
                    id,
                    name: selection.project.actor_name(id),
                })
                .collect(),
            holder_affiliation: selection.holder_affiliation(a),
            said_on: a.said_on,
            statement_date: a.statement_date(doc.date),
            firmness: a.firmness,
            issues: a
                .issues
                .iter()
                .map(|i| IssueRef {
                    id: i.issue,
                    name: selection.project.issue_name(i.issue),
                    stance: i.stance,
                    condition: i.condition.clone(),
                })
                .collect(),
            target: a.target.map(|id| ActorRef {
                id,
                name: selection.project.target_name(a).to_owned(),
            }),
            stance: a.single_stance(),
            condition: shared_condition(a),
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

/// The condition all the annotation's issues share (or its general condition), if any:
/// what the flat `condition` field of a record says.
fn shared_condition(a: &Annotation) -> Option<String> {
    let Some(first) = a.issues.first() else {
        return a.condition.clone();
    };
    a.issues
        .iter()
        .all(|i| i.condition == first.condition)
        .then(|| first.condition.clone())
        .flatten()
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
    /// Rounds of talks (version 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<Round>,
    /// The analyst's edited briefs (version 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub briefs: Vec<Brief>,
}
