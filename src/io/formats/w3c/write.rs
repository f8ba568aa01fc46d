//! Writes a selection as one W3C `AnnotationCollection` (see the module above for the mapping).
//!
//! Typed structs rather than `serde_json::Value`: keys come out in a readable order
//! (`@context`, `id`, `type` first) and a large export is several times faster.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::io::export::{ExportError, Selection, sanitize_file_stem};
use crate::io::formats::{OFFSET_UNIT, timestamp};
use crate::model::{Annotation, Document, Span};

/// How many chars of context a `TextQuoteSelector` carries on each side.
pub const CONTEXT_CHARS: usize = 32;

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'a str,
    total: usize,
    #[serde(rename = "stance:offsetUnit")]
    offset_unit: &'static str,
    #[serde(rename = "stance:documents")]
    documents: Vec<DocumentRef<'a>>,
    first: Page<'a>,
}

#[derive(Serialize)]
struct DocumentRef<'a> {
    id: String,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    text_hash: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Page<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    part_of: String,
    start_index: usize,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Item<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    created: String,
    modified: String,
    body: Vec<Body<'a>>,
    target: Targets<'a>,
    #[serde(
        rename = "stance:attributes",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    attributes: &'a BTreeMap<String, String>,
    #[serde(
        rename = "stance:externalIds",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    external_ids: &'a BTreeMap<String, String>,
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    purpose: &'static str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(rename = "stance:role", skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
    #[serde(rename = "stance:actorId", skip_serializing_if = "Option::is_none")]
    actor_id: Option<String>,
    #[serde(rename = "stance:affiliation", skip_serializing_if = "Option::is_none")]
    affiliation: Option<&'a str>,
}

impl<'a> Body<'a> {
    fn textual(purpose: &'static str, value: &'a str) -> Self {
        Self {
            kind: "TextualBody",
            purpose,
            value,
            format: None,
            role: None,
            actor_id: None,
            affiliation: None,
        }
    }
}

/// One target for a single range, an array for a discontinuous annotation.
#[derive(Serialize)]
#[serde(untagged)]
enum Targets<'a> {
    One(Target<'a>),
    Many(Vec<Target<'a>>),
}

#[derive(Serialize)]
struct Target<'a> {
    source: String,
    selector: (QuoteSelector<'a>, PositionSelector),
}

#[derive(Serialize)]
struct QuoteSelector<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: &'a str,
    prefix: &'a str,
    suffix: &'a str,
}

#[derive(Serialize)]
struct PositionSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

pub(crate) fn export(selection: &Selection) -> Result<Vec<u8>, ExportError> {
    let project = selection.project;
    let collection_id = format!(
        "urn:stance:collection:{}",
        sanitize_file_stem(&project.title)
    );
    let items: Vec<Item> = selection
        .annotations()
        .map(|(doc, a)| item(selection, doc, a))
        .collect();
    let documents = selection
        .documents
        .iter()
        .map(|(d, _)| DocumentRef {
            id: format!("urn:uuid:{}", d.id),
            title: &d.title,
            date: d.date.map(|date| date.to_string()),
            source: d.source.as_deref(),
            text_hash: &d.text_hash,
        })
        .collect();
    let collection = Collection {
        context: "http://www.w3.org/ns/anno.jsonld",
        id: collection_id.clone(),
        kind: "AnnotationCollection",
        label: &project.title,
        total: items.len(),
        offset_unit: OFFSET_UNIT,
        documents,
        first: Page {
            id: format!("{collection_id}/page1"),
            kind: "AnnotationPage",
            part_of: collection_id,
            start_index: 0,
            items,
        },
    };
    let mut out = serde_json::to_vec_pretty(&collection)?;
    out.push(b'\n');
    Ok(out)
}

fn item<'a>(selection: &Selection<'a>, doc: &'a Document, a: &'a Annotation) -> Item<'a> {
    let mut body = vec![Body {
        role: Some("tag"),
        ..Body::textual("tagging", &a.tag)
    }];
    if let Some(note) = &a.note {
        body.push(Body {
            format: Some("text/plain"),
            ..Body::textual("commenting", note)
        });
    }
    if let Some(actor) = a.holder.and_then(|h| selection.project.actor(h)) {
        body.push(Body {
            role: Some("holder"),
            actor_id: Some(format!("urn:uuid:{}", actor.id)),
            affiliation: actor.affiliation.as_deref(),
            ..Body::textual("tagging", &actor.name)
        });
    }
    let mut targets: Vec<Target> = a.ranges.iter().map(|r| target(doc, *r)).collect();
    let target = if targets.len() == 1 {
        Targets::One(targets.remove(0))
    } else {
        Targets::Many(targets)
    };
    Item {
        id: format!("urn:uuid:{}", a.id),
        kind: "Annotation",
        motivation: "classifying",
        created: timestamp(a.created),
        modified: timestamp(a.modified),
        body,
        target,
        attributes: &a.attributes,
        external_ids: &a.external_ids,
    }
}

fn target(doc: &Document, range: Span) -> Target<'_> {
    let prefix_start = range.start.saturating_sub(CONTEXT_CHARS);
    // A needs-repair project may hold any end, even `usize::MAX`; the export must not panic.
    let suffix_end = range.end.saturating_add(CONTEXT_CHARS).min(doc.len_chars());
    let slice = |span: Span| doc.slice(span).unwrap_or_default();
    Target {
        source: format!("urn:uuid:{}", doc.id),
        selector: (
            QuoteSelector {
                kind: "TextQuoteSelector",
                exact: slice(range),
                prefix: slice(Span::new(prefix_start, range.start)),
                suffix: slice(Span::new(range.end, suffix_end)),
            },
            PositionSelector {
                kind: "TextPositionSelector",
                start: range.start,
                end: range.end,
            },
        ),
    }
}
