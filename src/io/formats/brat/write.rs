//! brat standoff: per document `NAME.txt` and `NAME.ann`, plus `annotation.conf` and `visual.conf`.
//!
//! Mapping (offsets are code points, as in brat):
//! - an annotation is a `T` line (`T3\tclaim 10 20;25 30\tquote`); a range that crosses a line
//!   break is split there, since a brat fragment cannot hold one;
//! - its holder is an attribute line `A5\tHolder T3 Sergei_Lavrov` (spaces become `_`);
//! - other attributes are `A` lines, its note an `AnnotatorNotes` line (`#2\tAnnotatorNotes T3\tnote`),
//!   and attributes named `#TYPE` notes of that type (`#4\tLemma T3\tolla`);
//! - relations are `R` lines; lines kept verbatim from an imported brat file are written back
//!   unless a tag or holder filter is active.
//!
//! Ids remembered from an import (`external_ids`) are reused; new ones count on from the highest
//! id of that kind in the document. Lines are written grouped by kind (see [`brat_line_order`]).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use super::{Selection, sanitize_file_stem};
use crate::model::{Annotation, AnnotationId, Document, DocumentId, Relation, Span};

/// The brat attribute that carries an annotation's holder.
pub const BRAT_HOLDER_ATTRIBUTE: &str = "Holder";

/// `external_ids` keys Stance uses for brat.
pub(crate) const KEY_ID: &str = "brat";
pub(crate) const KEY_NOTE: &str = "brat:#";
pub(crate) const KEY_TAIL: &str = "brat:tail";
/// Notes of other types than `AnnotatorNotes` (e.g. TDT's `Lemma`) are attributes named
/// `#TYPE`; they are written back as `#` lines.
pub const NOTE_ATTRIBUTE_PREFIX: &str = "#";
pub(crate) fn attribute_key(name: &str) -> String {
    format!("brat:A:{name}")
}

/// The order lines are written in: `T`, `R`, `E`, `A` (and `M`), `N`, `#`, `*`, then anything
/// else; within a kind by id number. Export sorts stably by this key, so lines without a number
/// (e.g. `*` equivalences) keep their original relative order.
#[must_use]
pub fn brat_line_order(line: &str) -> (u8, u64) {
    let id = line.split('\t').next().unwrap_or("");
    let rank = match id.chars().next() {
        Some('T') => 0,
        Some('R') => 1,
        Some('E') => 2,
        Some('A' | 'M') => 3,
        Some('N') => 4,
        Some('#') => 5,
        Some('*') => 6,
        _ => 7,
    };
    let number = id.get(1..).and_then(|n| n.parse().ok()).unwrap_or(0);
    (rank, number)
}

/// Makes a brat type or attribute name: no whitespace (brat splits on it).
pub(crate) fn brat_token(name: &str) -> String {
    let token: String = name
        .trim()
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect();
    if token.is_empty() {
        "_".to_owned()
    } else {
        token
    }
}

/// Note and quote text on one line: line breaks become spaces.
pub(crate) fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

pub(super) fn export(selection: &Selection) -> Vec<(PathBuf, Vec<u8>)> {
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
            .preserved
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
            PathBuf::from(format!("{name}.txt")),
            doc.text.clone().into_bytes(),
        ));
        files.push((PathBuf::from(format!("{name}.ann")), ann.into_bytes()));
    }
    files.push((
        PathBuf::from("annotation.conf"),
        annotation_conf(selection, &attribute_values, &relation_kinds).into_bytes(),
    ));
    files.push((
        PathBuf::from("visual.conf"),
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
        if let Some(actor) = a.holder.and_then(|h| project.actor(h)) {
            let id = pool.take(
                'A',
                a.external_ids.get(&attribute_key(BRAT_HOLDER_ATTRIBUTE)),
            );
            let value = brat_token(&actor.name);
            lines.push(format!("{id}\t{BRAT_HOLDER_ATTRIBUTE} {t} {value}"));
            attribute_values
                .entry(BRAT_HOLDER_ATTRIBUTE.to_owned())
                .or_default()
                .insert(value);
        }
        for (name, value) in &a.attributes {
            if name == BRAT_HOLDER_ATTRIBUTE && a.holder.is_some() {
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

/// `T3\ttag s e;s e\ttext`, splitting ranges at line breaks.
pub(crate) fn t_line(id: &str, doc: &Document, a: &Annotation) -> String {
    let fragments = split_at_line_breaks(doc, &a.ranges);
    let offsets: Vec<String> = fragments
        .iter()
        .map(|r| format!("{} {}", r.start, r.end))
        .collect();
    let texts: Vec<&str> = fragments.iter().filter_map(|r| doc.slice(*r)).collect();
    format!(
        "{id}\t{} {}\t{}",
        brat_token(&a.tag),
        offsets.join(";"),
        texts.join(" ")
    )
}

fn split_at_line_breaks(doc: &Document, ranges: &[Span]) -> Vec<Span> {
    let mut out = Vec::with_capacity(ranges.len());
    for r in ranges {
        let Some(text) = doc.slice(*r) else {
            out.push(*r);
            continue;
        };
        if !text.contains(['\n', '\r']) {
            out.push(*r);
            continue;
        }
        let mut start = r.start;
        for (i, c) in text.chars().enumerate() {
            let at = r.start + i;
            if c == '\n' || c == '\r' {
                if at > start {
                    out.push(Span::new(start, at));
                }
                start = at + 1;
            }
        }
        if r.end > start {
            out.push(Span::new(start, r.end));
        }
    }
    out
}

fn annotation_conf(
    selection: &Selection,
    attribute_values: &BTreeMap<String, BTreeSet<String>>,
    relation_kinds: &BTreeSet<String>,
) -> String {
    let mut out = String::from("# Written by Stance: the tags of the project.\n\n[entities]\n\n");
    for tag in &selection.project.schema.tags {
        let _ = writeln!(out, "{}", brat_token(&tag.key));
    }
    out.push_str("\n[relations]\n\n");
    for kind in relation_kinds {
        let _ = writeln!(out, "{kind}\tArg1:<ENTITY>, Arg2:<ENTITY>");
    }
    out.push_str("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
    out.push_str("\n[events]\n\n[attributes]\n\n");
    for (name, values) in attribute_values {
        if values.is_empty() {
            let _ = writeln!(out, "{name}\tArg:<ENTITY>");
        } else {
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            let _ = writeln!(out, "{name}\tArg:<ENTITY>, Value:{}", values.join("|"));
        }
    }
    out
}

fn visual_conf(selection: &Selection) -> String {
    let tags = &selection.project.schema.tags;
    let mut out = String::from(
        "# Written by Stance: names and colours of the project's tags.\n\n[labels]\n\n",
    );
    for tag in tags {
        let _ = writeln!(out, "{} | {}", brat_token(&tag.key), one_line(&tag.name));
    }
    out.push_str(
        "\n[drawing]\n\nSPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken\n",
    );
    out.push_str("ARC_DEFAULT\tcolor:black, arrowHead:triangle-5\n\n");
    for tag in tags {
        let _ = writeln!(
            out,
            "{}\tbgColor:{}",
            brat_token(&tag.key),
            tag.color.to_hex()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_order_by_kind_then_number() {
        let mut lines = [
            "A2\tx T1",
            "#1\tAnnotatorNotes T1\tn",
            "T10\ta 0 1\tb",
            "T2\ta 0 1\tb",
            "R1\tr Arg1:T1 Arg2:T2",
            "*\tAlias T1 T2",
        ];
        lines.sort_by_key(|l| brat_line_order(l));
        assert_eq!(lines[0], "T2\ta 0 1\tb");
        assert_eq!(lines[1], "T10\ta 0 1\tb");
        assert_eq!(lines[2], "R1\tr Arg1:T1 Arg2:T2");
        assert_eq!(lines[5], "*\tAlias T1 T2");
    }

    #[test]
    fn ranges_split_at_line_breaks() {
        let doc = Document::new("d", "ab\ncd".to_owned());
        assert_eq!(
            split_at_line_breaks(&doc, &[Span::new(0, 5)]),
            vec![Span::new(0, 2), Span::new(3, 5)]
        );
    }

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
