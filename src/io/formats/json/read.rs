//! Re-import of Stance's JSON and JSON Lines exports.
//!
//! A JSON export carries its documents, so it rebuilds them; a JSON Lines export carries only
//! annotations, so their documents must already be in the project (matched by id, then by
//! text hash). Annotations, relations and documents already present are skipped when equal
//! and refused when they differ, so importing the same file twice changes nothing.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{AnnotationRecord, EXPORT_FORMAT_NAME, EXPORT_VERSION, JsonExport, RelationRecord};
use crate::io::error::ImportError;
use crate::io::formats::{
    OFFSET_UNIT, ensure_actor, ensure_issue, ensure_tag, invalid, json_error, placed_at,
    stage_listed_actor,
};
use crate::io::staging::Staging;
use crate::model::{
    Annotation, Document, DocumentId, Edit, Issue, PreservedRecord, Relation, RelationId, Span,
};

/// Imports the text of a Stance JSON export (documents, tags, actors, annotations, relations).
///
/// # Errors
/// Malformed JSON (with line and column), another format or version, or contradicting data.
pub fn import_stance_json_text(
    path: &Path,
    text: &str,
    staging: &mut Staging,
) -> Result<(), ImportError> {
    let export: JsonExport = serde_json::from_str(text).map_err(|e| json_error(path, 0, &e))?;
    if export.format != EXPORT_FORMAT_NAME {
        return Err(invalid(
            path,
            None,
            format!("format {:?} is not {EXPORT_FORMAT_NAME:?}", export.format),
        ));
    }
    if export.version > EXPORT_VERSION {
        return Err(invalid(
            path,
            None,
            format!(
                "made by a newer Stance (export version {}; this build reads up to \
                 {EXPORT_VERSION})",
                export.version
            ),
        ));
    }
    check_unit(path, None, &export.offset_unit)?;
    for tag in &export.tags {
        if staging.project().schema().get(&tag.key).is_none() {
            let index = staging.project().schema().tags.len();
            staging.apply(
                path,
                Edit::InsertTag {
                    index,
                    tag: tag.clone(),
                },
            )?;
        }
    }
    for actor in &export.actors {
        stage_listed_actor(staging, path, actor)?;
    }
    for issue in &export.issues {
        ensure_issue(staging, path, issue)?;
    }
    stage_documents(path, &export.documents, staging)?;
    for (i, record) in export.annotations.iter().enumerate() {
        let place = format!("annotation {} ({})", i + 1, record.id);
        add_record(path, None, &place, record, staging)
            .map_err(|e| placed_at(e, text, &record.id.to_string()))?;
    }
    stage_relations(path, &export.relations, staging)?;
    let mut staged: HashSet<PreservedRecord> =
        staging.project().preserved().iter().cloned().collect();
    for record in &export.preserved {
        if staged.insert(record.clone()) {
            let index = staging.project().preserved().len();
            staging.apply(
                path,
                Edit::InsertPreserved {
                    index,
                    record: record.clone(),
                },
            )?;
        }
    }
    Ok(())
}

/// Stages the export's documents; one already present must have the same text.
fn stage_documents(
    path: &Path,
    documents: &[Document],
    staging: &mut Staging,
) -> Result<(), ImportError> {
    for doc in documents {
        if !doc.hash_matches() {
            return Err(invalid(
                path,
                None,
                format!(
                    "document {:?}: its text_hash does not match its text",
                    doc.title
                ),
            ));
        }
        match staging.project().document(doc.id) {
            Some(existing) if existing.text_hash == doc.text_hash => {}
            Some(existing) => {
                return Err(invalid(
                    path,
                    None,
                    format!(
                        "document {} is already in the project as {:?} with a different text",
                        doc.id, existing.title
                    ),
                ));
            }
            None => {
                let index = staging.project().documents().len();
                staging.apply(
                    path,
                    Edit::InsertDocument {
                        index,
                        document: Box::new(doc.clone()),
                    },
                )?;
            }
        }
    }
    Ok(())
}

/// Stages the export's relations; one already present must be identical.
fn stage_relations(
    path: &Path,
    relations: &[RelationRecord],
    staging: &mut Staging,
) -> Result<(), ImportError> {
    let relations: Vec<Relation> = relations.iter().map(Relation::from).collect();
    // Looked up by id: a search of the list per relation would be quadratic.
    let mut staged: HashMap<RelationId, Relation> = staging
        .project()
        .relations()
        .iter()
        .map(|r| (r.id, r.clone()))
        .collect();
    for relation in relations {
        match staged.get(&relation.id) {
            Some(existing) if *existing == relation => {}
            Some(_) => {
                return Err(invalid(
                    path,
                    None,
                    format!(
                        "relation {} differs from the one in the project",
                        relation.id
                    ),
                ));
            }
            None => {
                crate::io::formats::ensure_relation_type(staging, path, &relation.kind)?;
                let index = staging.project().relations().len();
                staging.apply(
                    path,
                    Edit::InsertRelation {
                        index,
                        relation: relation.clone(),
                    },
                )?;
                staged.insert(relation.id, relation.clone());
            }
        }
    }
    Ok(())
}

/// Imports Stance JSON Lines: one annotation record per line, blank lines ignored. The
/// relations records carry are staged after every annotation, so they may point forward.
///
/// # Errors
/// A malformed line (with its number), or an annotation whose document is not in the project.
pub fn import_jsonl_text(
    path: &Path,
    text: &str,
    staging: &mut Staging,
) -> Result<(), ImportError> {
    let mut relations = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: AnnotationRecord =
            serde_json::from_str(line).map_err(|e| json_error(path, i, &e))?;
        add_record(
            path,
            Some(i + 1),
            &format!("annotation {}", record.id),
            &record,
            staging,
        )?;
        relations.extend(record.relations);
    }
    stage_relations(path, &relations, staging)
}

fn check_unit(path: &Path, line: Option<usize>, unit: &str) -> Result<(), ImportError> {
    if unit == OFFSET_UNIT {
        Ok(())
    } else {
        Err(invalid(
            path,
            line,
            format!("offset_unit {unit:?} is not supported (Stance uses {OFFSET_UNIT:?})"),
        ))
    }
}

/// Adds one record: finds its document, tag and holder, then stages the annotation.
fn add_record(
    path: &Path,
    line: Option<usize>,
    place: &str,
    record: &AnnotationRecord,
    staging: &mut Staging,
) -> Result<(), ImportError> {
    check_unit(path, line, &record.offset_unit)?;
    let document = find_document(staging, record.document_id, &record.text_hash).ok_or_else(|| {
        invalid(
            path,
            line,
            format!(
                "{place}: its document {:?} ({}) is not in the project; import the article or the \
                 JSON export first",
                record.document, record.text_hash
            ),
        )
    })?;
    ensure_tag(
        staging,
        path,
        &record.tag,
        None,
        None,
        "Imported from a Stance export.",
    )?;
    let holder = if record.holder.is_empty() && record.holder_id.is_none() {
        None
    } else {
        let name = if record.holder.is_empty() {
            "Unnamed holder"
        } else {
            record.holder.as_str()
        };
        Some(ensure_actor(
            staging,
            path,
            record.holder_id,
            name,
            Some(&record.holder_affiliation),
        )?)
    };
    let mut issues = Vec::with_capacity(record.issues.len());
    for r in &record.issues {
        let issue = Issue {
            id: r.id,
            name: r.name.clone(),
            aliases: Vec::new(),
            description: None,
        };
        issues.push(ensure_issue(staging, path, &issue)?);
    }
    let target = match &record.target {
        Some(t) => Some(ensure_actor(staging, path, Some(t.id), &t.name, None)?),
        None => None,
    };
    let cue = record.cue.as_ref().map_or_else(Vec::new, |c| {
        c.ranges.iter().map(|[s, e]| Span::new(*s, *e)).collect()
    });
    let annotation = Annotation {
        id: record.id,
        document,
        tag: record.tag.clone(),
        ranges: record.spans(),
        quote: record.quote.clone(),
        holder,
        issues,
        target,
        stance: record.stance,
        condition: record.condition.clone(),
        attribution: record.attribution,
        cue,
        annotator: record.annotator.clone(),
        // An empty note and no note export alike; both come back as no note.
        note: (!record.note.is_empty()).then(|| record.note.clone()),
        attributes: record.attributes.clone(),
        external_ids: record.external_ids.clone(),
        created: record.created,
        modified: record.modified,
    };
    staging.add_annotation(path, line, place, annotation)
}

/// The document with this id and hash, or else any document with this text hash.
fn find_document(staging: &Staging, id: DocumentId, text_hash: &str) -> Option<DocumentId> {
    let project = staging.project();
    project
        .document(id)
        .filter(|d| d.text_hash == text_hash)
        .or_else(|| {
            project
                .documents()
                .iter()
                .find(|d| d.text_hash == text_hash)
        })
        .map(|d| d.id)
}
