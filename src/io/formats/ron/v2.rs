//! Format 2, frozen where format 3 changed it, and the migration of formats 1 and 2 to
//! format 3.
//!
//! Format 3 changed annotations (one `holder` became `holders`; one `stance` and `condition`
//! became a stance per issue; `said_on` and `firmness` are new) and actors (a `side`), and
//! conflicts keep versions of both: those types are frozen copies here, each renamed to its
//! model name so error messages read as they always did. The parts format 3 did not change
//! (documents, the schema, issues, relations, preserved lines, rejected suggestions) are read
//! through the model's own types, which still take every format-2 file.
//!
//! The migration loses nothing: a stance applies to each of the annotation's issues (and
//! stays as the general stance of one without issues); an affiliation that names an actor of
//! the project becomes that actor's side, any other stays as affiliation text; the schema
//! gains the format-3 defaults (`in-exchange-for`, `agreement`) only where it lacks them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::model::{
    Actor, ActorId, Annotation, AnnotationId, Attribution, Conflict, ConflictReason, Document,
    DocumentId, Issue, IssueId, IssueStance, PreservedRecord, Project, ProjectParts,
    RejectedSuggestion, Relation, RelationType, Schema, Sides, Span, Stance, TagDef, Versions,
    default_relation_types, default_tags, name_key,
};

/// A whole format 2 project.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Project")]
pub(super) struct ProjectV2 {
    format: u32,
    title: String,
    #[serde(default)]
    schema: Schema,
    #[serde(default)]
    documents: Vec<Document>,
    #[serde(default)]
    actors: Vec<ActorV2>,
    #[serde(default)]
    issues: Vec<Issue>,
    #[serde(default)]
    annotations: Vec<AnnotationV2>,
    #[serde(default)]
    relations: Vec<Relation>,
    #[serde(default)]
    preserved: Vec<PreservedRecord>,
    #[serde(default)]
    conflicts: Vec<ConflictV2>,
    #[serde(default)]
    rejected_suggestions: Vec<RejectedSuggestion>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Actor")]
pub(super) struct ActorV2 {
    id: ActorId,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    affiliation: Option<String>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Annotation")]
pub(super) struct AnnotationV2 {
    id: AnnotationId,
    document: DocumentId,
    tag: String,
    ranges: Vec<Span>,
    quote: String,
    #[serde(default)]
    holder: Option<ActorId>,
    #[serde(default)]
    issues: Vec<IssueId>,
    #[serde(default)]
    target: Option<ActorId>,
    #[serde(default)]
    stance: Option<Stance>,
    #[serde(default)]
    condition: Option<String>,
    #[serde(default)]
    attribution: Option<Attribution>,
    #[serde(default)]
    cue: Vec<Span>,
    #[serde(default)]
    annotator: Option<String>,
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
#[serde(deny_unknown_fields, rename = "Conflict")]
pub(super) struct ConflictV2 {
    reason: ConflictReason,
    versions: VersionsV2,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Sides")]
struct SidesV2<T> {
    #[serde(default = "none")]
    base: Option<T>,
    #[serde(default = "none")]
    ours: Option<T>,
    #[serde(default = "none")]
    theirs: Option<T>,
}

fn none<T>() -> Option<T> {
    None
}

impl<T> SidesV2<T> {
    fn map<U>(self, f: impl Fn(T) -> U) -> Sides<U> {
        Sides {
            base: self.base.map(&f),
            ours: self.ours.map(&f),
            theirs: self.theirs.map(&f),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename = "Versions")]
enum VersionsV2 {
    Title(Sides<String>),
    Document(Sides<crate::model::DocumentInfo>),
    Tag(Sides<TagDef>),
    RelationType(Sides<RelationType>),
    Actor(SidesV2<ActorV2>),
    Issue(Sides<Issue>),
    Annotation(Box<SidesV2<AnnotationV2>>),
    Relation(Sides<Relation>),
}

impl ProjectV2 {
    /// The stated format number, checked by the caller before converting.
    pub(super) fn format(&self) -> u32 {
        self.format
    }

    /// The same project in format 3 (see the module's comment for what moves where).
    pub(super) fn into_project(self) -> Project {
        let parts = ProjectParts {
            schema: self.schema,
            documents: self.documents,
            issues: self.issues,
            relations: self.relations,
            preserved: self.preserved,
            rejected_suggestions: self.rejected_suggestions,
            ..ProjectParts::new(self.title)
        };
        migrate(parts, &self.actors, self.annotations, self.conflicts)
    }
}

/// A format-3 project of a format-1 or format-2 one: `parts` holds what did not change.
pub(super) fn migrate(
    mut parts: ProjectParts,
    actors: &[ActorV2],
    annotations: Vec<AnnotationV2>,
    conflicts: Vec<ConflictV2>,
) -> Project {
    let names = actor_names(actors);
    parts.actors = migrate_actors(actors, &names);
    parts.annotations = (annotations.into_iter())
        .map(AnnotationV2::into_annotation)
        .collect();
    parts.conflicts = (conflicts.into_iter())
        .map(|c| c.into_conflict(&names))
        .collect();
    add_new_defaults(&mut parts.schema);
    Project::from_parts(parts)
}

/// Every actor's names and aliases by [`name_key`] (the first actor to use a name wins).
fn actor_names(actors: &[ActorV2]) -> BTreeMap<String, ActorId> {
    let mut by_name: BTreeMap<String, ActorId> = BTreeMap::new();
    for actor in actors {
        for name in std::iter::once(&actor.name).chain(&actor.aliases) {
            by_name.entry(name_key(name)).or_insert(actor.id);
        }
    }
    by_name
}

impl ConflictV2 {
    fn into_conflict(self, names: &BTreeMap<String, ActorId>) -> Conflict {
        let versions = match self.versions {
            VersionsV2::Title(s) => Versions::Title(s),
            VersionsV2::Document(s) => Versions::Document(s),
            VersionsV2::Tag(s) => Versions::Tag(s),
            VersionsV2::RelationType(s) => Versions::RelationType(s),
            // A version of an actor migrates by the same rule as the project's actors.
            VersionsV2::Actor(s) => Versions::Actor(s.map(|a| {
                let mut actor = a.into_actor();
                let side = (actor.affiliation.as_deref())
                    .and_then(|text| names.get(&name_key(text)))
                    .filter(|&&side| side != actor.id);
                if let Some(&side) = side {
                    actor.side = Some(side);
                    actor.affiliation = None;
                }
                actor
            })),
            VersionsV2::Issue(s) => Versions::Issue(s),
            VersionsV2::Annotation(s) => {
                Versions::Annotation(Box::new(s.map(AnnotationV2::into_annotation)))
            }
            VersionsV2::Relation(s) => Versions::Relation(s),
        };
        Conflict {
            reason: self.reason,
            versions,
        }
    }
}

impl ActorV2 {
    pub(super) fn new(
        id: ActorId,
        name: String,
        aliases: Vec<String>,
        affiliation: Option<String>,
    ) -> Self {
        Self {
            id,
            name,
            aliases,
            affiliation,
        }
    }

    fn into_actor(self) -> Actor {
        Actor {
            id: self.id,
            name: self.name,
            aliases: self.aliases,
            side: None,
            affiliation: self.affiliation,
        }
    }
}

impl AnnotationV2 {
    /// A format-1 annotation, which had no negotiation fields but the holder.
    #[expect(
        clippy::too_many_arguments,
        reason = "one argument per field format 1 had"
    )]
    pub(super) fn from_v1(
        id: AnnotationId,
        document: DocumentId,
        tag: String,
        ranges: Vec<Span>,
        quote: String,
        holder: Option<ActorId>,
        note: Option<String>,
        attributes: BTreeMap<String, String>,
        external_ids: BTreeMap<String, String>,
        created: DateTime<Utc>,
        modified: DateTime<Utc>,
    ) -> Self {
        Self {
            id,
            document,
            tag,
            ranges,
            quote,
            holder,
            issues: Vec::new(),
            target: None,
            stance: None,
            condition: None,
            attribution: None,
            cue: Vec::new(),
            annotator: None,
            note,
            attributes,
            external_ids,
            created,
            modified,
        }
    }

    /// The annotation in format 3: its holder as the only holder, its stance and condition
    /// on each of its issues (as the general stance when it has none).
    pub(super) fn into_annotation(self) -> Annotation {
        let mut issues: Vec<IssueStance> = Vec::with_capacity(self.issues.len());
        for issue in self.issues {
            // A repeated issue was harmless in format 2; it would be ambiguous now.
            if !issues.iter().any(|i| i.issue == issue) {
                issues.push(IssueStance {
                    issue,
                    stance: self.stance,
                    condition: self.condition.clone(),
                });
            }
        }
        let has_issues = !issues.is_empty();
        Annotation {
            holders: self.holder.into_iter().collect(),
            issues,
            target: self.target,
            stance: self.stance.filter(|_| !has_issues),
            condition: self.condition.filter(|_| !has_issues),
            attribution: self.attribution,
            cue: self.cue,
            annotator: self.annotator,
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

/// Format-3 actors of format-2 ones: an affiliation that names another actor of the project
/// (by name or alias, as [`name_key`] compares names) becomes the side; a side that would
/// make a cycle (A affiliated with B, B with A) stays affiliation text, as does any other.
fn migrate_actors(actors: &[ActorV2], by_name: &BTreeMap<String, ActorId>) -> Vec<Actor> {
    let mut migrated: Vec<Actor> = actors.iter().cloned().map(ActorV2::into_actor).collect();
    for at in 0..migrated.len() {
        let Some(text) = migrated[at].affiliation.as_deref() else {
            continue;
        };
        let Some(&side) = by_name.get(&name_key(text)) else {
            continue;
        };
        let id = migrated[at].id;
        if side == id || reaches(&migrated, side, id) {
            continue;
        }
        migrated[at].side = Some(side);
        migrated[at].affiliation = None;
    }
    migrated
}

/// True if following sides from `start` reaches `goal`.
fn reaches(actors: &[Actor], start: ActorId, goal: ActorId) -> bool {
    let mut at = start;
    for _ in 0..=actors.len() {
        if at == goal {
            return true;
        }
        match actors.iter().find(|a| a.id == at).and_then(|a| a.side) {
            Some(next) => at = next,
            None => return false,
        }
    }
    false
}

/// Adds the relation types and tags the defaults gained in format 3 to a schema that lacks
/// them (by key), at the end; a tag whose hotkey another tag uses gets none.
fn add_new_defaults(schema: &mut Schema) {
    for kind in default_relation_types() {
        if kind.key == crate::model::IN_EXCHANGE_FOR && schema.relation_type(&kind.key).is_none() {
            schema.relation_types.push(kind);
        }
    }
    for mut tag in default_tags() {
        if tag.key == crate::model::AGREEMENT && schema.get(&tag.key).is_none() {
            if tag
                .hotkey
                .is_some_and(|key| schema.by_hotkey(key).is_some())
            {
                tag.hotkey = None;
            }
            schema.tags.push(tag);
        }
    }
}
