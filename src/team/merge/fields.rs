//! How each kind of item merges field by field ([`Item`] for every list of a project).

use super::keyed::{Item, Picker, merge_set};
use crate::model::{
    Actor, ActorId, Annotation, AnnotationId, Brief, BriefKey, Document, DocumentId, Issue,
    IssueId, IssueStance, Relation, RelationId, RelationType, Round, RoundId, TagDef, same_name,
};
use crate::model::{DocumentInfo, Sides, Versions};

/// A project's annotations are shared between its clones (`Arc`): they merge as what they
/// point to.
impl<T: Item> Item for std::sync::Arc<T> {
    type Key = T::Key;

    fn key(&self) -> T::Key {
        (**self).key()
    }

    fn merge_fields(b: Option<&Self>, o: &Self, t: &Self, p: &mut Picker) -> Self {
        Self::new(T::merge_fields(b.map(|b| &**b), o, t, p))
    }

    fn versions(sides: Sides<Self>) -> Versions {
        T::versions(Sides {
            base: sides.base.map(Self::unwrap_or_clone),
            ours: sides.ours.map(Self::unwrap_or_clone),
            theirs: sides.theirs.map(Self::unwrap_or_clone),
        })
    }
}

impl Item for Annotation {
    type Key = AnnotationId;

    fn key(&self) -> AnnotationId {
        self.id
    }

    fn merge_fields(b: Option<&Self>, o: &Self, t: &Self, p: &mut Picker) -> Self {
        // Ranges and quote move together: the quote is the text at the ranges.
        let (ours_ranges, theirs_ranges) = ((&o.ranges, &o.quote), (&t.ranges, &t.quote));
        let ranges = *p.pick(
            "ranges",
            b.map(|b| (&b.ranges, &b.quote)).as_ref(),
            &ours_ranges,
            &theirs_ranges,
        );
        // Who last changed it, and when, follow the later change; never a conflict alone.
        let latest = if t.modified > o.modified { t } else { o };
        Self {
            id: o.id,
            document: *p.pick("document", b.map(|b| &b.document), &o.document, &t.document),
            tag: p.pick("tag", b.map(|b| &b.tag), &o.tag, &t.tag).clone(),
            ranges: ranges.0.clone(),
            quote: ranges.1.clone(),
            // Holders are a set: one side adding a joint holder and the other another keeps
            // both.
            holders: merge_set(b.map(|b| b.holders.as_slice()), &o.holders, &t.holders),
            issues: merge_issue_stances(b, o, t, p),
            target: *p.pick("target", b.map(|b| &b.target), &o.target, &t.target),
            said_on: *p.pick("said_on", b.map(|b| &b.said_on), &o.said_on, &t.said_on),
            firmness: *p.pick("firmness", b.map(|b| &b.firmness), &o.firmness, &t.firmness),
            stance: *p.pick("stance", b.map(|b| &b.stance), &o.stance, &t.stance),
            condition: p
                .pick(
                    "condition",
                    b.map(|b| &b.condition),
                    &o.condition,
                    &t.condition,
                )
                .clone(),
            attribution: *p.pick(
                "attribution",
                b.map(|b| &b.attribution),
                &o.attribution,
                &t.attribution,
            ),
            cue: p.pick("cue", b.map(|b| &b.cue), &o.cue, &t.cue).clone(),
            annotator: latest.annotator.clone(),
            note: p.pick("note", b.map(|b| &b.note), &o.note, &t.note).clone(),
            attributes: p.pick_map(
                "attributes",
                b.map(|b| &b.attributes),
                &o.attributes,
                &t.attributes,
            ),
            external_ids: p.pick_map(
                "external_ids",
                b.map(|b| &b.external_ids),
                &o.external_ids,
                &t.external_ids,
            ),
            created: *p.pick("created", b.map(|b| &b.created), &o.created, &t.created),
            modified: latest.modified,
        }
    }

    fn versions(sides: Sides<Self>) -> Versions {
        Versions::Annotation(Box::new(sides))
    }
}

/// The issues as a set (by issue), each issue's stance and condition picked on their own:
/// one side setting the ceasefire stance and the other the territory stance is no conflict.
/// A conflict on one issue is named `stance on <issue id>` (or `condition on …`).
fn merge_issue_stances(
    b: Option<&Annotation>,
    o: &Annotation,
    t: &Annotation,
    p: &mut Picker,
) -> Vec<IssueStance> {
    let ids = |a: &Annotation| a.issue_ids().collect::<Vec<IssueId>>();
    let base_ids = b.map(ids);
    let merged = merge_set(base_ids.as_deref(), &ids(o), &ids(t));
    merged
        .into_iter()
        .map(|issue| {
            let base = b.and_then(|b| b.issue_stance(issue));
            match (o.issue_stance(issue), t.issue_stance(issue)) {
                (Some(ours), Some(theirs)) => IssueStance {
                    issue,
                    stance: *p.pick(
                        &format!("stance on {issue}"),
                        base.map(|b| &b.stance),
                        &ours.stance,
                        &theirs.stance,
                    ),
                    condition: p
                        .pick(
                            &format!("condition on {issue}"),
                            base.map(|b| &b.condition),
                            &ours.condition,
                            &theirs.condition,
                        )
                        .clone(),
                },
                (Some(only), None) | (None, Some(only)) => only.clone(),
                (None, None) => IssueStance::new(issue),
            }
        })
        .collect()
}

impl Item for Round {
    type Key = RoundId;

    fn key(&self) -> RoundId {
        self.id
    }

    fn merge_fields(b: Option<&Self>, o: &Self, t: &Self, p: &mut Picker) -> Self {
        Self {
            id: o.id,
            name: p.pick("name", b.map(|b| &b.name), &o.name, &t.name).clone(),
            span: p.pick("span", b.map(|b| &b.span), &o.span, &t.span).clone(),
        }
    }

    fn versions(sides: Sides<Self>) -> Versions {
        Versions::Round(sides)
    }
}

impl Item for Brief {
    type Key = BriefKey;

    fn key(&self) -> BriefKey {
        self.key.clone()
    }

    fn merge_fields(b: Option<&Self>, o: &Self, t: &Self, p: &mut Picker) -> Self {
        Self {
            key: o.key.clone(),
            text: p.pick("text", b.map(|b| &b.text), &o.text, &t.text).clone(),
        }
    }

    fn versions(sides: Sides<Self>) -> Versions {
        Versions::Brief(sides)
    }
}

impl Item for Actor {
    type Key = ActorId;

    fn key(&self) -> ActorId {
        self.id
    }

    fn merge_fields(b: Option<&Self>, o: &Self, t: &Self, p: &mut Picker) -> Self {
        Self {
            id: o.id,
            name: pick_name(p, b.map(|b| &b.name), &o.name, &t.name),
            aliases: merge_set(b.map(|b| b.aliases.as_slice()), &o.aliases, &t.aliases),
            side: *p.pick("side", b.map(|b| &b.side), &o.side, &t.side),
            affiliation: p
                .pick(
                    "affiliation",
                    b.map(|b| &b.affiliation),
                    &o.affiliation,
                    &t.affiliation,
                )
                .clone(),
        }
    }

    fn versions(sides: Sides<Self>) -> Versions {
        Versions::Actor(sides)
    }
}

impl Item for Issue {
    type Key = IssueId;

    fn key(&self) -> IssueId {
        self.id
    }

    fn merge_fields(b: Option<&Self>, o: &Self, t: &Self, p: &mut Picker) -> Self {
        Self {
            id: o.id,
            name: pick_name(p, b.map(|b| &b.name), &o.name, &t.name),
            aliases: merge_set(b.map(|b| b.aliases.as_slice()), &o.aliases, &t.aliases),
            description: p
                .pick(
                    "description",
                    b.map(|b| &b.description),
                    &o.description,
                    &t.description,
                )
                .clone(),
        }
    }

    fn versions(sides: Sides<Self>) -> Versions {
        Versions::Issue(sides)
    }
}

/// Names both sides gave independently (no base) that are the same name by [`same_name`]
/// ("Kyiv", "KYIV") are one name, ours' spelling: that is how the two were unified.
fn pick_name(p: &mut Picker, base: Option<&String>, ours: &String, theirs: &String) -> String {
    if base.is_none() && same_name(ours, theirs) {
        return ours.clone();
    }
    p.pick("name", base, ours, theirs).clone()
}

impl Item for Relation {
    type Key = RelationId;

    fn key(&self) -> RelationId {
        self.id
    }

    fn merge_fields(b: Option<&Self>, o: &Self, t: &Self, p: &mut Picker) -> Self {
        Self {
            id: o.id,
            kind: p.pick("kind", b.map(|b| &b.kind), &o.kind, &t.kind).clone(),
            from: *p.pick("from", b.map(|b| &b.from), &o.from, &t.from),
            to: *p.pick("to", b.map(|b| &b.to), &o.to, &t.to),
            note: p.pick("note", b.map(|b| &b.note), &o.note, &t.note).clone(),
            external_ids: p.pick_map(
                "external_ids",
                b.map(|b| &b.external_ids),
                &o.external_ids,
                &t.external_ids,
            ),
        }
    }

    fn versions(sides: Sides<Self>) -> Versions {
        Versions::Relation(sides)
    }
}

impl Item for TagDef {
    type Key = String;

    fn key(&self) -> String {
        self.key.clone()
    }

    fn merge_fields(b: Option<&Self>, o: &Self, t: &Self, p: &mut Picker) -> Self {
        Self {
            key: o.key.clone(),
            name: p.pick("name", b.map(|b| &b.name), &o.name, &t.name).clone(),
            color: *p.pick("color", b.map(|b| &b.color), &o.color, &t.color),
            hotkey: *p.pick("hotkey", b.map(|b| &b.hotkey), &o.hotkey, &t.hotkey),
            description: p
                .pick(
                    "description",
                    b.map(|b| &b.description),
                    &o.description,
                    &t.description,
                )
                .clone(),
            retired: *p.pick("retired", b.map(|b| &b.retired), &o.retired, &t.retired),
            fields: p
                .pick("fields", b.map(|b| &b.fields), &o.fields, &t.fields)
                .clone(),
        }
    }

    fn versions(sides: Sides<Self>) -> Versions {
        Versions::Tag(sides)
    }
}

impl Item for RelationType {
    type Key = String;

    fn key(&self) -> String {
        self.key.clone()
    }

    fn merge_fields(b: Option<&Self>, o: &Self, t: &Self, p: &mut Picker) -> Self {
        Self {
            key: o.key.clone(),
            name: p.pick("name", b.map(|b| &b.name), &o.name, &t.name).clone(),
            color: *p.pick("color", b.map(|b| &b.color), &o.color, &t.color),
        }
    }

    fn versions(sides: Sides<Self>) -> Versions {
        Versions::RelationType(sides)
    }
}

impl Item for Document {
    type Key = DocumentId;

    fn key(&self) -> DocumentId {
        self.id
    }

    /// The text is the same on every side (documents are matched by its hash); only the
    /// metadata can differ.
    fn merge_fields(b: Option<&Self>, o: &Self, t: &Self, p: &mut Picker) -> Self {
        let mut out = o.clone();
        out.title = p
            .pick("title", b.map(|b| &b.title), &o.title, &t.title)
            .clone();
        out.source = p
            .pick("source", b.map(|b| &b.source), &o.source, &t.source)
            .clone();
        out.date = *p.pick("date", b.map(|b| &b.date), &o.date, &t.date);
        out.outlet = p
            .pick("outlet", b.map(|b| &b.outlet), &o.outlet, &t.outlet)
            .clone();
        out.author = p
            .pick("author", b.map(|b| &b.author), &o.author, &t.author)
            .clone();
        out.language = p
            .pick("language", b.map(|b| &b.language), &o.language, &t.language)
            .clone();
        out
    }

    fn versions(sides: Sides<Self>) -> Versions {
        Versions::Document(Sides {
            base: sides.base.as_ref().map(DocumentInfo::of),
            ours: sides.ours.as_ref().map(DocumentInfo::of),
            theirs: sides.theirs.as_ref().map(DocumentInfo::of),
        })
    }
}
