//! Re-import of W3C Web Annotation JSON-LD (as Stance exports it, and close relatives).
//!
//! Accepts an `AnnotationCollection` (annotations in `first.items`), an `AnnotationPage`, a
//! single `Annotation` or an array of them. Each target is anchored in a document of the
//! project: by its `urn:uuid:` source and `TextPositionSelector` when the text there equals
//! the `TextQuoteSelector`'s `exact`, otherwise by searching for `exact` (prefix and suffix
//! break ties) in that document or, if the source is unknown, in every document.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::Utc;
use serde_json::Value;

use super::{
    ROLE_ATTRIBUTION, ROLE_CONDITION, ROLE_HOLDER, ROLE_ISSUE, ROLE_RELATION, ROLE_STANCE,
    ROLE_TARGET, W3C_ROLE_KEY,
};
use crate::io::error::ImportError;
use crate::io::formats::{
    ensure_actor, ensure_issue, ensure_tag, invalid, json_error, parse_time, placed_at,
};
use crate::io::staging::Staging;
use crate::model::{
    ActorId, Annotation, AnnotationId, Attribution, Document, DocumentId, Edit, Issue, IssueId,
    Project, Relation, RelationId, Span, Stance,
};

/// Imports W3C Web Annotation JSON-LD text.
///
/// # Errors
/// Malformed JSON (with line and column), or an annotation without a tag or whose target
/// cannot be found in the project's documents.
pub fn import_w3c_text(path: &Path, text: &str, staging: &mut Staging) -> Result<(), ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| json_error(path, 0, &e))?;
    let items = annotation_items(&value)
        .ok_or_else(|| invalid(path, None, "no annotations found: expected an AnnotationCollection, an AnnotationPage or Annotations"))?;
    let mut links = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let id = item.get("id").and_then(Value::as_str);
        let place = format!("annotation {} ({})", i + 1, id.unwrap_or("without id"));
        // Relations point at annotations, so they are read once every annotation is staged.
        if item.get("motivation").and_then(Value::as_str) == Some("linking") {
            links.push((place, *item));
            continue;
        }
        read_annotation(path, &place, item, staging)
            .and_then(|annotation| staging.add_annotation(path, None, &place, annotation))
            .map_err(|e| placed_at(e, text, id.unwrap_or_default()))?;
    }
    for (place, item) in links {
        let id = item.get("id").and_then(Value::as_str).unwrap_or_default();
        stage_link(path, &place, item, staging).map_err(|e| placed_at(e, text, id))?;
    }
    Ok(())
}

/// A `linking` annotation between two annotations of the project: a relation.
fn stage_link(
    path: &Path,
    place: &str,
    item: &Value,
    staging: &mut Staging,
) -> Result<(), ImportError> {
    let bodies = as_list(item.get("body"));
    let role_value = |role: &str| {
        bodies
            .iter()
            .find(|b| b.get(W3C_ROLE_KEY).and_then(Value::as_str) == Some(role))
            .and_then(|b| b.get("value"))
            .and_then(Value::as_str)
    };
    let note = bodies
        .iter()
        .find(|b| b.get("purpose").and_then(Value::as_str) == Some("commenting"))
        .and_then(|b| b.get("value"))
        .and_then(Value::as_str);
    let Some(kind) = role_value(ROLE_RELATION) else {
        return Err(invalid(
            path,
            None,
            format!(
                "{place}: a linking annotation without a body with \"stance:role\": \"relation\""
            ),
        ));
    };
    let targets = as_list(item.get("target"));
    let end = |key: &str, index: usize| {
        urn_uuid(item.get(key))
            .or_else(|| urn_uuid(targets.get(index).copied()))
            .map(AnnotationId)
    };
    let (Some(from), Some(to)) = (end("stance:from", 0), end("stance:to", 1)) else {
        return Err(invalid(
            path,
            None,
            format!("{place}: a relation needs two annotation ids as targets"),
        ));
    };
    let relation = Relation {
        id: urn_uuid(item.get("id")).map_or_else(RelationId::random, RelationId),
        kind: kind.to_owned(),
        from,
        to,
        note: note.map(str::to_owned),
        external_ids: item
            .get("stance:externalIds")
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default(),
    };
    match staging
        .project()
        .relations()
        .iter()
        .find(|r| r.id == relation.id)
    {
        Some(existing) if *existing == relation => return Ok(()),
        Some(_) => {
            return Err(invalid(
                path,
                None,
                format!(
                    "{place}: relation {} differs from the one in the project",
                    relation.id
                ),
            ));
        }
        None => {}
    }
    crate::io::formats::ensure_relation_type(staging, path, &relation.kind)?;
    let index = staging.project().relations().len();
    staging.apply(path, Edit::InsertRelation { index, relation })
}

fn annotation_items(value: &Value) -> Option<Vec<&Value>> {
    if let Some(array) = value.as_array() {
        return Some(array.iter().collect());
    }
    match value.get("type").and_then(Value::as_str) {
        Some("AnnotationCollection") => {
            let first = value.get("first")?;
            Some(first.get("items")?.as_array()?.iter().collect())
        }
        Some("AnnotationPage") => Some(value.get("items")?.as_array()?.iter().collect()),
        Some("Annotation") => Some(vec![value]),
        _ => None,
    }
}

fn urn_uuid(value: Option<&Value>) -> Option<uuid::Uuid> {
    let text = value?.as_str()?;
    uuid::Uuid::parse_str(text.strip_prefix("urn:uuid:").unwrap_or(text)).ok()
}

fn as_list(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    }
}

/// An actor a body names: id, name, affiliation.
type ActorBody = (Option<ActorId>, String, Option<String>);

/// What an annotation's bodies say: its tag, note, holder and the negotiation fields.
#[derive(Default)]
struct Bodies {
    tag: Option<String>,
    note: Option<String>,
    holder: Option<ActorBody>,
    target: Option<ActorBody>,
    issues: Vec<Issue>,
    stance: Option<String>,
    condition: Option<String>,
    attribution: Option<String>,
}

fn actor_body(body: &Value, name: &str) -> ActorBody {
    let id = urn_uuid(body.get("stance:actorId")).map(ActorId);
    let affiliation = body
        .get("stance:affiliation")
        .and_then(Value::as_str)
        .map(str::to_owned);
    (id, name.to_owned(), affiliation)
}

fn read_bodies(item: &Value) -> Bodies {
    let mut bodies = Bodies::default();
    for body in as_list(item.get("body")) {
        let value = body.get("value").and_then(Value::as_str);
        let purpose = body.get("purpose").and_then(Value::as_str);
        let role = body.get(W3C_ROLE_KEY).and_then(Value::as_str);
        match (purpose, role, value) {
            (_, Some(ROLE_HOLDER), Some(name)) => bodies.holder = Some(actor_body(body, name)),
            (_, Some(ROLE_TARGET), Some(name)) => bodies.target = Some(actor_body(body, name)),
            (_, Some(ROLE_ISSUE), Some(name)) => {
                let mut issue = Issue::new(name);
                if let Some(id) = urn_uuid(body.get("stance:issueId")) {
                    issue.id = IssueId(id);
                }
                bodies.issues.push(issue);
            }
            (_, Some(ROLE_STANCE), Some(word)) => bodies.stance = Some(word.to_owned()),
            (_, Some(ROLE_CONDITION), Some(text)) => bodies.condition = Some(text.to_owned()),
            (_, Some(ROLE_ATTRIBUTION), Some(word)) => bodies.attribution = Some(word.to_owned()),
            (Some("commenting"), _, Some(text)) => bodies.note = Some(text.to_owned()),
            (Some("tagging" | "classifying"), _, Some(key)) if bodies.tag.is_none() => {
                bodies.tag = Some(key.to_owned());
            }
            _ => {}
        }
    }
    bodies
}

/// The document an annotation's targets lie in and their spans, in text order.
fn anchor_targets(
    path: &Path,
    place: &str,
    item: &Value,
    project: &Project,
) -> Result<(DocumentId, Vec<Span>), ImportError> {
    let mut document: Option<DocumentId> = None;
    let mut ranges = Vec::new();
    for target in as_list(item.get("target")) {
        let (doc, span) = anchor(project, target, document).ok_or_else(|| {
            invalid(
                path,
                None,
                format!("{place}: its target text is not in any document of the project"),
            )
        })?;
        document = Some(doc);
        ranges.push(span);
    }
    let Some(document) = document else {
        return Err(invalid(path, None, format!("{place}: it has no target")));
    };
    ranges.sort();
    Ok((document, ranges))
}

fn read_annotation(
    path: &Path,
    place: &str,
    item: &Value,
    staging: &mut Staging,
) -> Result<Annotation, ImportError> {
    let Bodies {
        tag,
        note,
        holder,
        target,
        issues,
        stance,
        condition,
        attribution,
    } = read_bodies(item);
    let word_error = |e: crate::model::UnknownVariant| invalid(path, None, format!("{place}: {e}"));
    let stance = stance
        .map(|w| w.parse::<Stance>())
        .transpose()
        .map_err(word_error)?;
    let attribution = attribution
        .map(|w| w.parse::<Attribution>())
        .transpose()
        .map_err(word_error)?;
    let Some(tag) = tag else {
        return Err(invalid(
            path,
            None,
            format!("{place}: no TextualBody with purpose \"tagging\" names its tag"),
        ));
    };
    let (document, ranges) = anchor_targets(path, place, item, staging.project())?;
    let quote = staging
        .project()
        .document(document)
        .and_then(|d| d.quote(&ranges))
        .unwrap_or_default();
    ensure_tag(
        staging,
        path,
        &tag,
        None,
        None,
        "Imported from W3C Web Annotation.",
    )?;
    let holder = match holder {
        Some((id, name, affiliation)) => Some(ensure_actor(
            staging,
            path,
            id,
            &name,
            affiliation.as_deref(),
        )?),
        None => None,
    };
    let target = match target {
        Some((id, name, affiliation)) => Some(ensure_actor(
            staging,
            path,
            id,
            &name,
            affiliation.as_deref(),
        )?),
        None => None,
    };
    let issues = issues
        .iter()
        .map(|issue| ensure_issue(staging, path, issue))
        .collect::<Result<Vec<_>, _>>()?;
    let (cue, annotator) = (read_cue(item), read_creator(item));
    let now = Utc::now();
    let created = parse_time(item.get("created").and_then(Value::as_str)).unwrap_or(now);
    let string_map = |key: &str| -> BTreeMap<String, String> {
        item.get(key)
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default()
    };
    Ok(Annotation {
        id: urn_uuid(item.get("id")).map_or_else(AnnotationId::random, AnnotationId),
        document,
        tag,
        ranges,
        quote,
        holder,
        issues,
        target,
        stance,
        condition,
        attribution,
        cue,
        annotator,
        note,
        attributes: string_map("stance:attributes"),
        external_ids: string_map("stance:externalIds"),
        created,
        modified: parse_time(item.get("modified").and_then(Value::as_str)).unwrap_or(created),
    })
}

/// `stance:cue`: the reporting cue's ranges.
fn read_cue(item: &Value) -> Vec<Span> {
    item.get("stance:cue")
        .and_then(|v| serde_json::from_value::<Vec<[usize; 2]>>(v.clone()).ok())
        .unwrap_or_default()
        .into_iter()
        .map(|[s, e]| Span::new(s, e))
        .collect()
}

/// The annotator: `creator` is a name, or an object with one (as Stance writes it).
fn read_creator(item: &Value) -> Option<String> {
    match item.get("creator") {
        Some(Value::String(name)) => Some(name.clone()),
        Some(creator) => creator
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_owned),
        None => None,
    }
}

/// Finds the document and span a target points at. `same_document` pins later targets of a
/// discontinuous annotation to the first one's document.
fn anchor(
    project: &Project,
    target: &Value,
    same_document: Option<DocumentId>,
) -> Option<(DocumentId, Span)> {
    let source = urn_uuid(target.get("source")).map(DocumentId);
    let selectors = as_list(target.get("selector"));
    let selector = |kind: &str| {
        selectors
            .iter()
            .find(|s| s.get("type").and_then(Value::as_str) == Some(kind))
    };
    let position = selector("TextPositionSelector").and_then(|s| {
        let start = usize::try_from(s.get("start")?.as_u64()?).ok()?;
        let end = usize::try_from(s.get("end")?.as_u64()?).ok()?;
        (start < end).then_some(Span::new(start, end))
    });
    let quote = selector("TextQuoteSelector");
    let text_of = |key: &str| {
        quote
            .and_then(|q| q.get(key))
            .and_then(Value::as_str)
            .unwrap_or("")
    };
    let (exact, prefix, suffix) = (text_of("exact"), text_of("prefix"), text_of("suffix"));

    let candidates: Vec<&Document> =
        match same_document.or(source).and_then(|id| project.document(id)) {
            Some(doc) => vec![doc],
            None => project.documents().iter().collect(),
        };
    for doc in &candidates {
        if let Some(span) = position
            && let Some(text) = doc.slice(span)
            && (exact.is_empty() || text == exact)
        {
            return Some((doc.id, span));
        }
    }
    if exact.is_empty() {
        return None;
    }
    // The position is stale or missing: search the quote, preferring matching context.
    // One pass over the matches: asking for the nth match each time rescans from the start.
    let (exact_chars, prefix_chars, suffix_chars) = (
        exact.chars().count(),
        prefix.chars().count(),
        suffix.chars().count(),
    );
    let mut best: Option<((usize, usize), DocumentId, Span)> = None;
    for doc in &candidates {
        for (at_bytes, _) in doc.text.match_indices(exact) {
            let Some(start) = doc.byte_to_char(at_bytes) else {
                continue;
            };
            let span = Span::new(start, start + exact_chars);
            let before = doc
                .slice(Span::new(
                    span.start.saturating_sub(prefix_chars),
                    span.start,
                ))
                .unwrap_or("");
            let after_end = span.end.saturating_add(suffix_chars).min(doc.len_chars());
            let after = doc.slice(Span::new(span.end, after_end)).unwrap_or("");
            let distance = position.map_or(0, |p| p.start.abs_diff(span.start));
            let score = usize::from(before != prefix) * 2 + usize::from(after != suffix);
            let key = (score, distance);
            if best.is_none_or(|(k, _, _)| key < k) {
                best = Some((key, doc.id, span));
            }
        }
    }
    best.map(|(_, doc, span)| (doc, span))
}
