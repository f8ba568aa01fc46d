//! brat writer: one `NAME.txt` and `NAME.ann` per document, plus the two `.conf` files.
//!
//! Ids remembered from an import (`external_ids`) are reused; new ones count on from the highest
//! id of that kind in the document. Lines are written grouped by kind (see [`brat_line_order`]).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use super::conf::{ANNOTATION_CONF, VISUAL_CONF, annotation_conf, visual_conf};
use super::{
    ANN_EXTENSION, BRAT_ATTRIBUTION_ATTRIBUTE, BRAT_HOLDER_ATTRIBUTE, BRAT_ISSUE_ATTRIBUTE,
    BRAT_STANCE_ATTRIBUTE, BRAT_TARGET_ATTRIBUTE, KEY_ID, KEY_NOTE, KEY_TAIL, NOTE_ANNOTATOR,
    NOTE_ATTRIBUTE_PREFIX, NOTE_CONDITION, NOTE_CUE, TEXT_EXTENSION, attribute_key,
    brat_line_order, brat_token, issue_key, note_key, offsets_text, one_line, t_line,
};
use crate::io::file_name::sanitize_file_stem;
use crate::io::selection::Selection;
use crate::model::{
    Annotation, AnnotationId, Attribution, Document, DocumentId, Project, Relation, Stance,
};

pub(crate) fn export(selection: &Selection) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut used_names = HashSet::new();
    let mut attribute_values: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut relation_kinds = BTreeSet::new();
    // Group relations and preserved lines by document once, not once per document.
    let document_of: HashMap<AnnotationId, DocumentId> =
        selection.annotations().map(|(d, a)| (a.id, d.id)).collect();
    let mut relations: HashMap<DocumentId, Vec<&Relation>> = HashMap::new();
    for r in selection.relations() {
        // brat cannot link across files: relations between documents are left out.
        if let (Some(from), Some(to)) = (document_of.get(&r.from), document_of.get(&r.to))
            && from == to
        {
            relations.entry(*from).or_default().push(r);
        }
    }
    let mut preserved: HashMap<DocumentId, Vec<&str>> = HashMap::new();
    if !selection.filtered {
        for p in selection
            .project
            .preserved()
            .iter()
            .filter(|p| p.format == "brat")
        {
            preserved.entry(p.document).or_default().push(&p.line);
        }
    }
    for (index, (doc, annotations)) in selection.documents.iter().enumerate() {
        let name = unique_name(doc, index, &mut used_names);
        let parts = DocumentParts {
            annotations,
            relations: relations.get(&doc.id).map_or(&[], Vec::as_slice),
            preserved: preserved.get(&doc.id).map_or(&[], Vec::as_slice),
        };
        let ann = document_ann(
            selection,
            doc,
            &parts,
            &mut attribute_values,
            &mut relation_kinds,
        );
        files.push((
            PathBuf::from(format!("{name}.{TEXT_EXTENSION}")),
            doc.text.clone().into_bytes(),
        ));
        files.push((
            PathBuf::from(format!("{name}.{ANN_EXTENSION}")),
            ann.into_bytes(),
        ));
    }
    // A used closed list is declared whole, so brat offers every value.
    let closed: [(&str, Vec<String>); 3] = [
        (
            BRAT_STANCE_ATTRIBUTE,
            Stance::ALL.iter().map(|s| s.as_str().to_owned()).collect(),
        ),
        (
            BRAT_ATTRIBUTION_ATTRIBUTE,
            Attribution::ALL
                .iter()
                .map(|s| s.as_str().to_owned())
                .collect(),
        ),
        (
            BRAT_ISSUE_ATTRIBUTE,
            selection
                .issues()
                .iter()
                .map(|i| brat_token(&i.name))
                .collect(),
        ),
    ];
    for (name, values) in closed {
        if let Some(used) = attribute_values.get_mut(name) {
            used.extend(values);
        }
    }
    for relation_type in &selection.project.schema().relation_types {
        relation_kinds.insert(brat_token(&relation_type.key));
    }
    files.push((
        PathBuf::from(ANNOTATION_CONF),
        annotation_conf(selection, &attribute_values, &relation_kinds).into_bytes(),
    ));
    files.push((
        PathBuf::from(VISUAL_CONF),
        visual_conf(selection).into_bytes(),
    ));
    files
}

fn unique_name(doc: &Document, index: usize, used: &mut HashSet<String>) -> String {
    let mut base = sanitize_file_stem(&doc.title);
    if base.is_empty()
        || base.eq_ignore_ascii_case("annotation")
        || base.eq_ignore_ascii_case("visual")
    {
        base = format!("document-{}", index + 1);
    }
    let mut name = base.clone();
    let mut n = 2;
    while !used.insert(name.to_lowercase()) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

/// Hands out brat ids: remembered ones when free, otherwise above the highest in use.
struct IdPool {
    used: HashSet<String>,
    next: HashMap<char, u64>,
}

impl IdPool {
    fn new<'a>(taken: impl Iterator<Item = &'a str>) -> Self {
        let mut pool = Self {
            used: HashSet::new(),
            next: HashMap::new(),
        };
        for id in taken {
            pool.note(id);
        }
        pool
    }

    fn note(&mut self, id: &str) {
        let mut chars = id.chars();
        if let Some(prefix) = chars.next()
            && let Ok(n) = chars.as_str().parse::<u64>()
        {
            // Saturating: an imported id may be `T18446744073709551615`.
            let next = self.next.entry(prefix).or_insert(1);
            *next = (*next).max(n.saturating_add(1));
        }
    }

    /// `remembered` if it has the right prefix and is unused, else a fresh id.
    fn take(&mut self, prefix: char, remembered: Option<&String>) -> String {
        if let Some(id) = remembered
            && id.starts_with(prefix)
            && id.len() > 1
            && !self.used.contains(id)
        {
            self.used.insert(id.clone());
            return id.clone();
        }
        loop {
            let next = self.next.entry(prefix).or_insert(1);
            let id = format!("{prefix}{next}");
            // Past `u64::MAX` the count restarts at 1 and walks up to a free id.
            *next = next.checked_add(1).unwrap_or(1);
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// What one `.ann` file is made of.
struct DocumentParts<'a, 'p> {
    annotations: &'a [&'p Annotation],
    relations: &'a [&'p Relation],
    preserved: &'a [&'p str],
}

fn document_ann(
    selection: &Selection,
    doc: &Document,
    parts: &DocumentParts,
    attribute_values: &mut BTreeMap<String, BTreeSet<String>>,
    relation_kinds: &mut BTreeSet<String>,
) -> String {
    let project = selection.project;
    let annotations = parts.annotations;
    let remembered = annotations
        .iter()
        .flat_map(|a| a.external_ids.iter().filter(|(k, _)| k.starts_with("brat")))
        .map(|(_, v)| v.as_str());
    let relation_ids = parts
        .relations
        .iter()
        .filter_map(|r| r.external_ids.get(KEY_ID).map(String::as_str));
    let preserved_ids = parts
        .preserved
        .iter()
        .map(|l| l.split('\t').next().unwrap_or(""));
    // Fresh ids start above every id in use, preserved lines included, so none can collide.
    let mut pool = IdPool::new(remembered.chain(relation_ids).chain(preserved_ids));

    let mut lines: Vec<String> = parts.preserved.iter().map(|l| (*l).to_owned()).collect();
    let mut t_ids: HashMap<AnnotationId, String> = HashMap::new();
    // Texts first, in text order, so fresh ids follow the text.
    for a in annotations {
        let id = pool.take('T', a.external_ids.get(KEY_ID));
        lines.push(t_line(&id, doc, a));
        t_ids.insert(a.id, id);
    }
    for a in annotations {
        let t = &t_ids[&a.id];
        negotiation_lines(project, a, t, &mut pool, &mut lines, attribute_values);
        for (name, value) in &a.attributes {
            if modelled_attribute(a, name) {
                continue;
            }
            if let Some(note_type) = name.strip_prefix(NOTE_ATTRIBUTE_PREFIX) {
                let id = pool.take('#', a.external_ids.get(&attribute_key(name)));
                let note_type = brat_token(note_type);
                lines.push(format!("{id}\t{note_type} {t}\t{}", one_line(value)));
                continue;
            }
            let id = pool.take('A', a.external_ids.get(&attribute_key(name)));
            let name = brat_token(name);
            let values = attribute_values.entry(name.clone()).or_default();
            if value.is_empty() {
                lines.push(format!("{id}\t{name} {t}"));
            } else {
                let value = brat_token(value);
                lines.push(format!("{id}\t{name} {t} {value}"));
                values.insert(value);
            }
        }
        if let Some(note) = &a.note {
            let id = pool.take('#', a.external_ids.get(KEY_NOTE));
            lines.push(format!("{id}\tAnnotatorNotes {t}\t{}", one_line(note)));
        }
    }
    for r in parts.relations {
        let (Some(from), Some(to)) = (t_ids.get(&r.from), t_ids.get(&r.to)) else {
            continue;
        };
        let id = pool.take('R', r.external_ids.get(KEY_ID));
        let kind = brat_token(&r.kind);
        let tail = r.external_ids.get(KEY_TAIL).map_or("", String::as_str);
        lines.push(format!("{id}\t{kind} Arg1:{from} Arg2:{to}{tail}"));
        if let Some(note) = &r.note {
            let note_id = pool.take('#', r.external_ids.get(KEY_NOTE));
            lines.push(format!(
                "{note_id}\tAnnotatorNotes {id}\t{}",
                one_line(note)
            ));
        }
        relation_kinds.insert(kind);
    }
    lines.sort_by_key(|l| brat_line_order(l));
    let mut out = String::new();
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// True if a free attribute is shadowed by a field the model has (the field is written).
fn modelled_attribute(a: &Annotation, name: &str) -> bool {
    match name {
        BRAT_HOLDER_ATTRIBUTE => a.holder.is_some(),
        BRAT_TARGET_ATTRIBUTE => a.target.is_some(),
        BRAT_STANCE_ATTRIBUTE => a.stance.is_some(),
        BRAT_ATTRIBUTION_ATTRIBUTE => a.attribution.is_some(),
        BRAT_ISSUE_ATTRIBUTE => !a.issues.is_empty(),
        _ => false,
    }
}

/// The `A` and `#` lines of the negotiation fields: holder, target, stance, attribution,
/// issues, then the condition, cue and annotator notes.
fn negotiation_lines(
    project: &Project,
    a: &Annotation,
    t: &str,
    pool: &mut IdPool,
    lines: &mut Vec<String>,
    attribute_values: &mut BTreeMap<String, BTreeSet<String>>,
) {
    let mut attribute = |pool: &mut IdPool, name: &str, key: String, value: String| {
        let id = pool.take('A', a.external_ids.get(&key));
        lines.push(format!("{id}\t{name} {t} {value}"));
        attribute_values
            .entry(name.to_owned())
            .or_default()
            .insert(value);
    };
    for (name, actor) in [
        (BRAT_HOLDER_ATTRIBUTE, a.holder),
        (BRAT_TARGET_ATTRIBUTE, a.target),
    ] {
        if let Some(actor) = actor.and_then(|id| project.actor(id)) {
            attribute(pool, name, attribute_key(name), brat_token(&actor.name));
        }
    }
    if let Some(stance) = a.stance {
        let key = attribute_key(BRAT_STANCE_ATTRIBUTE);
        attribute(pool, BRAT_STANCE_ATTRIBUTE, key, stance.as_str().to_owned());
    }
    if let Some(attribution) = a.attribution {
        let key = attribute_key(BRAT_ATTRIBUTION_ATTRIBUTE);
        attribute(
            pool,
            BRAT_ATTRIBUTION_ATTRIBUTE,
            key,
            attribution.as_str().to_owned(),
        );
    }
    for &issue in &a.issues {
        let name = brat_token(&project.issue_name(issue));
        attribute(pool, BRAT_ISSUE_ATTRIBUTE, issue_key(issue), name);
    }
    let cue = (!a.cue.is_empty()).then(|| offsets_text(&a.cue));
    for (note_type, value) in [
        (NOTE_CONDITION, a.condition.as_deref()),
        (NOTE_CUE, cue.as_deref()),
        (NOTE_ANNOTATOR, a.annotator.as_deref()),
    ] {
        if let Some(value) = value {
            let id = pool.take('#', a.external_ids.get(&note_key(note_type)));
            lines.push(format!("{id}\t{note_type} {t}\t{}", one_line(value)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_count_on_from_the_highest() {
        let mut pool = IdPool::new(["T7", "A2", "#1"].into_iter());
        pool.used.insert("T7".to_owned());
        assert_eq!(pool.take('T', Some(&"T7".to_owned())), "T8");
        assert_eq!(pool.take('T', Some(&"T3".to_owned())), "T3");
        assert_eq!(pool.take('R', None), "R1");
    }

    #[test]
    fn the_largest_ids_do_not_overflow() {
        let max = format!("T{}", u64::MAX);
        let mut pool = IdPool::new([max.as_str()].into_iter());
        assert_eq!(pool.take('T', Some(&max)), max);
        assert_eq!(pool.take('T', None), "T1");
    }
}
