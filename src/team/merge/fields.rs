//! How each kind of item merges field by field ([`Item`] for every list of a project).

use super::keyed::{Item, Picker, merge_set};
use crate::model::{
    Actor, ActorId, Annotation, AnnotationId, Document, DocumentId, Issue, IssueId, Relation,
    RelationId, RelationType, TagDef, same_name,
};
use crate::model::{DocumentInfo, Sides, Versions};

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
            holder: *p.pick("holder", b.map(|b| &b.holder), &o.holder, &t.holder),
            issues: merge_set(b.map(|b| b.issues.as_slice()), &o.issues, &t.issues),
            target: *p.pick("target", b.map(|b| &b.target), &o.target, &t.target),
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
