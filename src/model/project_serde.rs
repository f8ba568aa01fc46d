//! How a [`Project`] reads and writes through serde: the fields of a project file in their
//! order, with the current [`FORMAT_VERSION`]. Writing borrows the project (a save does not
//! copy it); reading builds it through [`Project::from_parts`], so a loaded project is in
//! canonical order and new to every cache; [`ProjectParts`] reads the same fields and
//! nothing more. The file format itself (RON, limits, older formats) is io's.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{
    Actor, Annotation, Brief, Conflict, Document, FORMAT_VERSION, Issue, PreservedRecord, Project,
    ProjectParts, RejectedSuggestion, Relation, Round, Schema,
};

/// A project file's fields, read. `format` is checked by io before this is read.
#[derive(Deserialize)]
// Named as users know it in error messages ("expected … for struct `Project`").
#[serde(deny_unknown_fields, rename = "Project")]
struct ProjectIn {
    #[expect(
        dead_code,
        reason = "io reads and checks the format before the project"
    )]
    format: u32,
    title: String,
    #[serde(default)]
    schema: Schema,
    #[serde(default)]
    documents: Vec<Document>,
    #[serde(default)]
    actors: Vec<Actor>,
    #[serde(default)]
    issues: Vec<Issue>,
    #[serde(default)]
    annotations: Vec<Annotation>,
    #[serde(default)]
    relations: Vec<Relation>,
    #[serde(default)]
    preserved: Vec<PreservedRecord>,
    #[serde(default)]
    conflicts: Vec<Conflict>,
    #[serde(default)]
    rejected_suggestions: Vec<RejectedSuggestion>,
    #[serde(default)]
    rounds: Vec<Round>,
    #[serde(default)]
    briefs: Vec<Brief>,
}

/// A project file's fields, written: optional lists are left out when empty, so files
/// without issues, relations, conflicts… look as before those existed.
#[derive(Serialize)]
#[serde(rename = "Project")]
struct ProjectOut<'a> {
    format: u32,
    title: &'a str,
    schema: &'a Schema,
    documents: &'a [Document],
    actors: &'a [Actor],
    #[serde(skip_serializing_if = "is_empty")]
    issues: &'a [Issue],
    annotations: &'a [std::sync::Arc<Annotation>],
    #[serde(skip_serializing_if = "is_empty")]
    relations: &'a [Relation],
    #[serde(skip_serializing_if = "is_empty")]
    preserved: &'a [PreservedRecord],
    #[serde(skip_serializing_if = "is_empty")]
    conflicts: &'a [Conflict],
    #[serde(skip_serializing_if = "is_empty")]
    rejected_suggestions: &'a [RejectedSuggestion],
    #[serde(skip_serializing_if = "is_empty")]
    rounds: &'a [Round],
    #[serde(skip_serializing_if = "is_empty")]
    briefs: &'a [Brief],
}

/// Serde hands `skip_serializing_if` a reference to the field, itself a slice reference.
fn is_empty<T>(items: &&[T]) -> bool {
    items.is_empty()
}

impl Serialize for Project {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ProjectOut {
            format: FORMAT_VERSION,
            title: self.title(),
            schema: self.schema(),
            documents: self.documents(),
            actors: self.actors(),
            issues: self.issues(),
            annotations: self.annotations(),
            relations: self.relations(),
            preserved: self.preserved(),
            conflicts: self.conflicts(),
            rejected_suggestions: self.rejected_suggestions(),
            rounds: self.rounds(),
            briefs: self.briefs(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ProjectParts {
    /// The file's fields as they are, nothing derived: what a bare parse costs.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let read = ProjectIn::deserialize(deserializer)?;
        Ok(Self {
            title: read.title,
            schema: read.schema,
            documents: read.documents,
            actors: read.actors,
            issues: read.issues,
            annotations: read.annotations,
            relations: read.relations,
            preserved: read.preserved,
            conflicts: read.conflicts,
            rejected_suggestions: read.rejected_suggestions,
            rounds: read.rounds,
            briefs: read.briefs,
        })
    }
}

impl<'de> Deserialize<'de> for Project {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ProjectParts::deserialize(deserializer).map(Self::from_parts)
    }
}
