//! Writes a selection as one W3C `AnnotationCollection` (see the module above for the mapping).
//!
//! Typed structs rather than `serde_json::Value`: keys come out in a readable order
//! (`@context`, `id`, `type` first) and a large export is several times faster.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{
    ROLE_ATTRIBUTION, ROLE_CONDITION, ROLE_HOLDER, ROLE_ISSUE, ROLE_RELATION, ROLE_STANCE,
    ROLE_TAG, ROLE_TARGET,
};
use crate::io::error::ExportError;
use crate::io::file_name::sanitize_file_stem;
use crate::io::formats::{OFFSET_UNIT, timestamp};
use crate::io::selection::Selection;
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
    items: Vec<PageItem<'a>>,
}

/// An annotation of text, or a relation: an annotation whose targets are annotations.
#[derive(Serialize)]
#[serde(untagged)]
enum PageItem<'a> {
    Text(Box<Item<'a>>),
    Link(LinkItem<'a>),
}

/// A relation `from` *type* `to`: motivation `linking`, the type as a tagging body with
/// `stance:role: relation`, the note as a commenting body, targets `[from, to]` (JSON-LD
/// arrays are unordered, so `stance:from` and `stance:to` say the direction).
#[derive(Serialize)]
struct LinkItem<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    body: Vec<Body<'a>>,
    target: [String; 2],
    #[serde(rename = "stance:from")]
    from: String,
    #[serde(rename = "stance:to")]
    to: String,
    #[serde(
        rename = "stance:externalIds",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    external_ids: &'a BTreeMap<String, String>,
}

/// Who made or last changed an annotation.
#[derive(Serialize)]
struct Creator<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Creator<'a>>,
    created: String,
    modified: String,
    body: Vec<Body<'a>>,
    target: Targets<'a>,
    /// The reporting cue's ranges, in code points.
    #[serde(rename = "stance:cue", skip_serializing_if = "Vec::is_empty")]
    cue: Vec<[usize; 2]>,
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
    value: std::borrow::Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    #[serde(rename = "stance:role", skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
    #[serde(rename = "stance:actorId", skip_serializing_if = "Option::is_none")]
    actor_id: Option<String>,
    #[serde(rename = "stance:issueId", skip_serializing_if = "Option::is_none")]
    issue_id: Option<String>,
    #[serde(rename = "stance:affiliation", skip_serializing_if = "Option::is_none")]
    affiliation: Option<&'a str>,
}

impl<'a> Body<'a> {
    fn textual(purpose: &'static str, value: impl Into<std::borrow::Cow<'a, str>>) -> Self {
        Self {
            kind: "TextualBody",
            purpose,
            value: value.into(),
            format: None,
            role: None,
            actor_id: None,
            issue_id: None,
            affiliation: None,
        }
    }

    /// A Stance body: `stance:role` tells readers which field it carries.
    fn role(
        role: &'static str,
        purpose: &'static str,
        value: impl Into<std::borrow::Cow<'a, str>>,
    ) -> Self {
        Self {
            role: Some(role),
            ..Self::textual(purpose, value)
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
        sanitize_file_stem(project.title())
    );
    let mut items: Vec<PageItem> = selection
        .annotations()
        .map(|(doc, a)| PageItem::Text(Box::new(item(selection, doc, a))))
        .collect();
    items.extend(selection.relations().into_iter().map(|r| {
        let mut body = vec![Body::role(ROLE_RELATION, "tagging", r.kind.as_str())];
        if let Some(note) = &r.note {
            body.push(Body {
                format: Some("text/plain"),
                ..Body::textual("commenting", note.as_str())
            });
        }
        let (from, to) = (format!("urn:uuid:{}", r.from), format!("urn:uuid:{}", r.to));
        PageItem::Link(LinkItem {
            id: format!("urn:uuid:{}", r.id),
            kind: "Annotation",
            motivation: "linking",
            body,
            target: [from.clone(), to.clone()],
            from,
            to,
            external_ids: &r.external_ids,
        })
    }));
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
        label: project.title(),
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
    let project = selection.project;
    let mut body = vec![Body::role(ROLE_TAG, "tagging", a.tag.as_str())];
    if let Some(note) = &a.note {
        body.push(Body {
            format: Some("text/plain"),
            ..Body::textual("commenting", note.as_str())
        });
    }
    for (role, actor) in [(ROLE_HOLDER, a.holder), (ROLE_TARGET, a.target)] {
        if let Some(actor) = actor.and_then(|h| project.actor(h)) {
            body.push(Body {
                actor_id: Some(format!("urn:uuid:{}", actor.id)),
                affiliation: actor.affiliation.as_deref(),
                ..Body::role(role, "tagging", actor.name.as_str())
            });
        }
    }
    for &issue in &a.issues {
        body.push(Body {
            issue_id: Some(format!("urn:uuid:{issue}")),
            ..Body::role(ROLE_ISSUE, "tagging", project.issue_name(issue))
        });
    }
    if let Some(stance) = a.stance {
        body.push(Body::role(ROLE_STANCE, "classifying", stance.as_str()));
    }
    if let Some(condition) = &a.condition {
        body.push(Body::role(ROLE_CONDITION, "describing", condition.as_str()));
    }
    if let Some(attribution) = a.attribution {
        body.push(Body::role(
            ROLE_ATTRIBUTION,
            "classifying",
            attribution.as_str(),
        ));
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
        creator: a.annotator.as_deref().map(|name| Creator {
            kind: "Person",
            name,
        }),
        created: timestamp(a.created),
        modified: timestamp(a.modified),
        body,
        target,
        cue: a.cue.iter().map(|r| [r.start, r.end]).collect(),
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
