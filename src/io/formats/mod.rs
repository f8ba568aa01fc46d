//! The file formats Stance reads and writes, one module per format holding its reader and
//! its writer: the project file ([`ron`]), articles ([`article`], `.txt`/`.md`; [`pdf`];
//! the news-database exports [`nexis`] and [`factiva`], read only), brat
//! standoff, Stance's JSON and JSON Lines, W3C Web Annotation, CSV and Markdown (the last two
//! are written only), and the analysis [`report`] (Markdown, CSV, HTML; written only, through
//! the CSV and Markdown formats' writers). Dispatch lives in [`crate::io::import`] and
//! [`crate::io::export`]; no format imports them.
//!
//! This module holds what several formats share: conventions (offset unit, timestamps) and
//! the reader helpers. Each import stages model [`crate::model::Edit`]s through [`Staging`],
//! so it succeeds as a whole or changes nothing, and the GUI can undo it in one step.

pub mod article;
pub mod brat;
pub mod csv;
pub mod factiva;
pub mod feed;
pub mod html;
pub mod json;
pub mod markdown;
pub mod nexis;
pub mod pasted;
pub mod pdf;
pub mod report;
pub mod ron;
pub mod w3c;
pub mod word;

use std::path::Path;

use chrono::{DateTime, Utc};

use super::error::{ImportError, TextPosition};
use super::staging::Staging;
use super::text_file::{MAX_FILE_BYTES, read_text_file};
use crate::model::{Actor, ActorId, Edit, EditError, Issue, IssueId, Project, Rgb, TagDef};

pub use self::brat::{import_brat_file, import_brat_folder};
pub use self::json::{import_jsonl_text, import_stance_json_text};
pub use self::w3c::import_w3c_text;

/// The unit of every offset Stance writes.
pub const OFFSET_UNIT: &str = "codepoint";

/// RFC 3339 in UTC with as many fraction digits as needed, so timestamps round-trip exactly.
pub(crate) fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// Reads a UTF-8 file for import, naming what is wrong with it.
pub(crate) fn read_text(path: &Path) -> Result<String, ImportError> {
    read_text_file(path, MAX_FILE_BYTES).map_err(|e| ImportError::from_text_file(path, e))
}

/// An [`ImportError::Invalid`] at a 1-based line (column 1), or without a place.
pub(crate) fn invalid(path: &Path, line: Option<usize>, message: impl Into<String>) -> ImportError {
    ImportError::Invalid {
        path: path.to_path_buf(),
        position: line.map(|line| TextPosition { line, col: 1 }),
        message: message.into(),
    }
}

/// Points an error about one item of a JSON file at the first occurrence of `needle` (the
/// item's id), when the error has no place yet. Only for the error path: it scans the text.
pub(crate) fn placed_at(error: ImportError, text: &str, needle: &str) -> ImportError {
    match error {
        ImportError::Invalid {
            path,
            position: None,
            message,
        } if !needle.is_empty() => ImportError::Invalid {
            position: text.find(needle).map(|at| TextPosition::of_byte(text, at)),
            path,
            message,
        },
        other => other,
    }
}

/// A JSON syntax or shape error, at serde_json's line and column.
pub(crate) fn json_error(path: &Path, line_offset: usize, e: &serde_json::Error) -> ImportError {
    let position = (e.line() > 0).then(|| TextPosition {
        line: e.line() + line_offset,
        col: e.column().max(1),
    });
    ImportError::Invalid {
        path: path.to_path_buf(),
        position,
        message: format!("invalid JSON: {e}"),
    }
}

/// Colours for tags an import brings without one; distinct from the default three.
const PALETTE: [[u8; 3]; 10] = [
    [0xd6, 0x4f, 0x8e],
    [0x8a, 0x63, 0xd2],
    [0x17, 0xa2, 0xb8],
    [0xc0, 0x39, 0x2b],
    [0x7f, 0x8c, 0x1d],
    [0xe6, 0x7e, 0x22],
    [0x5d, 0x6d, 0x7e],
    [0x16, 0xa0, 0x85],
    [0x9b, 0x59, 0xb6],
    [0xb7, 0x95, 0x0b],
];

/// Stages a tag for `key` unless the project has one; `color` and `name` default sensibly.
pub(crate) fn ensure_tag(
    staging: &mut Staging,
    path: &Path,
    key: &str,
    name: Option<&str>,
    color: Option<Rgb>,
    description: &str,
) -> Result<(), ImportError> {
    if staging.project().schema().get(key).is_some() {
        return Ok(());
    }
    let index = staging.project().schema().tags.len();
    let tag = TagDef {
        key: key.to_owned(),
        name: name.unwrap_or(key).to_owned(),
        color: color.unwrap_or(Rgb(PALETTE[index % PALETTE.len()])),
        hotkey: None,
        description: description.to_owned(),
        retired: false,
        fields: Vec::new(),
    };
    staging.apply(path, Edit::InsertTag { index, tag })
}

/// Stages a relation type for `key` unless the schema has one (format 1 and other tools
/// have no relation types: a relation's kind is all they say).
pub(crate) fn ensure_relation_type(
    staging: &mut Staging,
    path: &Path,
    key: &str,
) -> Result<(), ImportError> {
    let schema = &staging.project().schema();
    if schema.relation_type(key).is_some() {
        return Ok(());
    }
    let index = schema.relation_types.len();
    let relation_type =
        crate::model::RelationType::new(key, key, Rgb(PALETTE[index % PALETTE.len()]));
    staging.apply(
        path,
        Edit::InsertRelationType {
            index,
            relation_type,
        },
    )
}

/// The actor for a holder: by id if known, else the actor called `name` (name or alias,
/// case-insensitively, as the model matches holders), else a new one added by the model's
/// actor rules (staged). So an import never adds a second actor answering to a name.
pub(crate) fn ensure_actor(
    staging: &mut Staging,
    path: &Path,
    id: Option<ActorId>,
    name: &str,
    affiliation: Option<&str>,
) -> Result<ActorId, ImportError> {
    let project: &Project = staging.project();
    if let Some(id) = id
        && project.actor(id).is_some()
    {
        return Ok(id);
    }
    if let Some(actor) = project.actor_named(name.trim()) {
        return Ok(actor.id);
    }
    let mut actor = Actor::new(name, affiliation);
    if let Some(id) = id {
        actor.id = id;
    }
    let actor_id = actor.id;
    let edit = project.add_actor(actor).map_err(|e| rejected(path, e))?;
    staging.apply(path, edit)?;
    Ok(actor_id)
}

/// The project's issue for one a file names: by id, then by name (or alias), else `issue`
/// itself is staged (without aliases that name another issue). So an import never adds a
/// second issue answering to a name.
pub(crate) fn ensure_issue(
    staging: &mut Staging,
    path: &Path,
    issue: &Issue,
) -> Result<IssueId, ImportError> {
    let project = staging.project();
    if project.issue(issue.id).is_some() {
        return Ok(issue.id);
    }
    if let Some(existing) = project.issue_named(issue.name.trim()) {
        return Ok(existing.id);
    }
    let mut issue = issue.clone();
    issue
        .aliases
        .retain(|alias| project.issue_named(alias.trim()).is_none());
    let id = issue.id;
    staging.add_issue(path, issue)?;
    Ok(id)
}

/// Stages an actor a file lists (with its id) by the model's actor rules: skipped when its
/// id is known or its name already names an actor (its holders then find that actor by name,
/// see [`ensure_actor`]), and without aliases that name another actor.
pub(crate) fn stage_listed_actors(
    staging: &mut Staging,
    path: &Path,
    actors: &[Actor],
) -> Result<(), ImportError> {
    // Sides may name actors listed later: add the actors first, then their sides.
    let mut added = Vec::new();
    for actor in actors {
        let project = staging.project();
        if project.actor(actor.id).is_some() || project.actor_named(actor.name.trim()).is_some() {
            continue;
        }
        let mut actor = actor.clone();
        actor
            .aliases
            .retain(|alias| project.actor_named(alias.trim()).is_none());
        let side = actor.side.take();
        let id = actor.id;
        let edit = project.add_actor(actor).map_err(|e| rejected(path, e))?;
        staging.apply(path, edit)?;
        added.extend(side.map(|side| (id, side)));
    }
    for (id, side) in added {
        // A side that named an actor the project already had under another id is found by
        // the listed actor's name.
        let project = staging.project();
        let side = if project.actor(side).is_some() {
            side
        } else if let Some(named) = (actors.iter().find(|a| a.id == side))
            .and_then(|listed| project.actor_named(listed.name.trim()))
        {
            named.id
        } else {
            continue;
        };
        let edit = project
            .set_side(id, Some(side))
            .map_err(|e| rejected(path, e))?;
        staging.apply(path, edit)?;
    }
    Ok(())
}

fn rejected(path: &Path, source: EditError) -> ImportError {
    ImportError::Rejected {
        path: path.to_path_buf(),
        source,
    }
}

/// Parses an RFC 3339 timestamp; `None` if absent or malformed.
pub(crate) fn parse_time(text: Option<&str>) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text?)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
