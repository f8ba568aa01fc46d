//! Format 1, frozen: the serde types of the project file as Stance wrote it before issues,
//! stances and relation types, and their conversion into today's model.
//!
//! These are copies, not the model's types with looser rules: format 2 keeps
//! `deny_unknown_fields`, and later model changes cannot change how a v1 file reads. Each type
//! is renamed to its model name so error messages read as they always did.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use crate::model::{
    Actor, ActorId, Annotation, AnnotationId, Document, DocumentId, PreservedRecord, Project,
    ProjectParts, Relation, RelationId, RelationType, Rgb, Schema, Span, TagDef,
    default_relation_types, default_tags,
};

/// A whole format 1 project.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Project")]
pub(super) struct ProjectV1 {
    format: u32,
    title: String,
    /// Format 1 wrote the schema as the bare list of tags.
    #[serde(default = "default_tags_v1")]
    schema: Vec<TagDefV1>,
    #[serde(default)]
    documents: Vec<DocumentV1>,
    #[serde(default)]
    actors: Vec<ActorV1>,
    #[serde(default)]
    annotations: Vec<AnnotationV1>,
    #[serde(default)]
    relations: Vec<RelationV1>,
    #[serde(default)]
    preserved: Vec<PreservedRecordV1>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "TagDef")]
struct TagDefV1 {
    key: String,
    name: String,
    color: Rgb,
    #[serde(default)]
    hotkey: Option<char>,
    #[serde(default)]
    description: String,
}

/// Format 1's default schema: the three tags of the time.
fn default_tags_v1() -> Vec<TagDefV1> {
    default_tags()
        .into_iter()
        .map(|t| TagDefV1 {
            key: t.key,
            name: t.name,
            color: t.color,
            hotkey: t.hotkey,
            description: t.description,
        })
        .collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Document")]
struct DocumentV1 {
    id: DocumentId,
    title: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    date: Option<NaiveDate>,
    text_hash: String,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Actor")]
struct ActorV1 {
    id: ActorId,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    affiliation: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Annotation")]
struct AnnotationV1 {
    id: AnnotationId,
    document: DocumentId,
    tag: String,
    ranges: Vec<Span>,
    quote: String,
    #[serde(default)]
    holder: Option<ActorId>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    attributes: BTreeMap<String, String>,
    #[serde(default)]
    external_ids: BTreeMap<String, String>,
    created: DateTime<Utc>,
    modified: DateTime<Utc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Relation")]
struct RelationV1 {
    id: RelationId,
    kind: String,
    from: AnnotationId,
    to: AnnotationId,
    #[serde(default)]
    external_ids: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "PreservedRecord")]
struct PreservedRecordV1 {
    document: DocumentId,
    format: String,
    line: String,
}

/// Colours for relation types a v1 file used without declaring (format 1 had no relation
/// types): muted, so they do not compete with the default set.
const EXTRA_RELATION_COLORS: [[u8; 3]; 4] = [
    [0x80, 0x80, 0x80],
    [0x8d, 0x6e, 0x63],
    [0x5c, 0x6b, 0xc0],
    [0x7c, 0xb3, 0x42],
];

impl ProjectV1 {
    /// The stated format number, checked by the caller before converting.
    pub(super) fn format(&self) -> u32 {
        self.format
    }

    /// Today's model of the same project. Nothing is dropped: every v1 field has a home in
    /// format 2, and a relation kind format 1 never declared becomes a relation type.
    pub(super) fn into_project(self) -> Project {
        let mut schema = Schema {
            tags: self.schema.into_iter().map(TagDefV1::into_tag).collect(),
            relation_types: default_relation_types(),
        };
        for relation in &self.relations {
            if schema.relation_type(&relation.kind).is_none() {
                let color = EXTRA_RELATION_COLORS
                    [schema.relation_types.len() % EXTRA_RELATION_COLORS.len()];
                schema.relation_types.push(RelationType::new(
                    relation.kind.clone(),
                    relation.kind.clone(),
                    Rgb(color),
                ));
            }
        }
        Project::from_parts(ProjectParts {
            schema,
            documents: (self.documents.into_iter())
                .map(DocumentV1::into_document)
                .collect(),
            actors: self.actors.into_iter().map(ActorV1::into_actor).collect(),
            annotations: (self.annotations.into_iter())
                .map(AnnotationV1::into_annotation)
                .collect(),
            relations: (self.relations.into_iter())
                .map(RelationV1::into_relation)
                .collect(),
            preserved: (self.preserved.into_iter())
                .map(|p| PreservedRecord {
                    document: p.document,
                    format: p.format,
                    line: p.line,
                })
                .collect(),
            ..ProjectParts::new(self.title)
        })
    }
}

impl TagDefV1 {
    fn into_tag(self) -> TagDef {
        TagDef {
            hotkey: self.hotkey,
            description: self.description,
            ..TagDef::new(self.key, self.name, self.color)
        }
    }
}

impl DocumentV1 {
    fn into_document(self) -> Document {
        let mut doc = Document::with_hash(self.id, self.title, self.text, self.text_hash);
        doc.source = self.source;
        doc.date = self.date;
        doc
    }
}

impl ActorV1 {
    fn into_actor(self) -> Actor {
        Actor {
            id: self.id,
            name: self.name,
            aliases: self.aliases,
            affiliation: self.affiliation,
        }
    }
}

impl AnnotationV1 {
    fn into_annotation(self) -> Annotation {
        Annotation {
            holder: self.holder,
            note: self.note,
            attributes: self.attributes,
            external_ids: self.external_ids,
            modified: self.modified,
            ..Annotation::bare(
                self.id,
                self.document,
                self.tag,
                self.ranges,
                self.quote,
                self.created,
            )
        }
    }
}

impl RelationV1 {
    fn into_relation(self) -> Relation {
        Relation {
            id: self.id,
            kind: self.kind,
            from: self.from,
            to: self.to,
            note: None,
            external_ids: self.external_ids,
        }
    }
}
