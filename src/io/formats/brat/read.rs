//! brat standoff import: `.txt`/`.ann` pairs become documents and annotations.
//!
//! Entity types become tags (named and coloured from `visual.conf` when there is one). `T`
//! lines become annotations, `R` lines between two of them relations, `A` lines on them
//! attributes (`Holder` becomes the holder), their first `AnnotatorNotes` the note, and notes
//! of other types attributes named `#TYPE`. Every
//! line is checked by writing it back: a line that would not come out byte-identical, and
//! every line Stance cannot model (events, normalisations, equivalences, …), is kept verbatim
//! with its document and written back on export. The `.txt` is never changed: a file with a
//! byte order mark or carriage returns is refused, since brat counts those as characters.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::conf::{VisualConf, add_declared_entities};
use super::{
    ANN_EXTENSION, BRAT_ATTRIBUTION_ATTRIBUTE, BRAT_HOLDER_ATTRIBUTE, BRAT_ISSUE_ATTRIBUTE,
    BRAT_STANCE_ATTRIBUTE, BRAT_TARGET_ATTRIBUTE, KEY_ID, KEY_NOTE, KEY_TAIL, NOTE_ANNOTATOR,
    NOTE_ATTRIBUTE_PREFIX, NOTE_CONDITION, NOTE_CUE, TEXT_EXTENSION, attribute_key, brat_token,
    issue_key, note_key, offsets_text, one_line, parse_offsets, t_line,
};
use crate::io::error::{ImportError, TextPosition};
use crate::io::formats::{ensure_actor, ensure_issue, ensure_tag, invalid, read_text};
use crate::io::staging::Staging;
use crate::model::{
    Annotation, AnnotationId, Attribution, Document, Edit, Issue, PreservedRecord, Relation,
    RelationId, Span, Stance, check_ranges,
};

/// Imports every `.ann` file of a folder with its sibling `.txt`, in file-name order.
///
/// # Errors
/// The folder cannot be read, has no `.ann` files, or a pair is malformed.
pub fn import_brat_folder(dir: &Path, staging: &mut Staging) -> Result<(), ImportError> {
    let entries = std::fs::read_dir(dir).map_err(|source| ImportError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut anns: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == ANN_EXTENSION))
        .collect();
    if anns.is_empty() {
        return Err(ImportError::Unsupported {
            path: dir.to_path_buf(),
            what: "a folder without brat .ann files".to_owned(),
        });
    }
    anns.sort();
    let conf = VisualConf::find(dir);
    add_declared_entities(dir, &conf, staging)?;
    for ann in anns {
        import_pair(&ann, &conf, staging)?;
    }
    Ok(())
}

/// Imports one `.ann` file (or the `.txt` beside it) with its sibling.
///
/// # Errors
/// A missing sibling, or a malformed pair.
pub fn import_brat_file(path: &Path, staging: &mut Staging) -> Result<(), ImportError> {
    let ann = path.with_extension(ANN_EXTENSION);
    let dir = path.parent().unwrap_or(Path::new("."));
    let conf = VisualConf::find(dir);
    add_declared_entities(dir, &conf, staging)?;
    import_pair(&ann, &conf, staging)
}

fn import_pair(
    ann_path: &Path,
    conf: &VisualConf,
    staging: &mut Staging,
) -> Result<(), ImportError> {
    let txt_path = ann_path.with_extension(TEXT_EXTENSION);
    if !txt_path.is_file() {
        return Err(invalid(
            ann_path,
            None,
            format!(
                "no text file {} beside it; brat pairs need both",
                txt_path.display()
            ),
        ));
    }
    let text = read_text(&txt_path)?;
    if text.starts_with('\u{feff}') {
        return Err(invalid(
            &txt_path,
            Some(1),
            "the text starts with a byte order mark, which brat counts as a character; \
             Stance will not change the text, so remove the mark first",
        ));
    }
    if let Some(at) = text.find('\r') {
        return Err(ImportError::Invalid {
            path: txt_path,
            position: Some(TextPosition::of_byte(&text, at)),
            message: "the text has carriage returns (CRLF line ends), which brat counts as \
                      characters; Stance will not change the text, so convert it to LF first"
                .to_owned(),
        });
    }
    let ann_text = read_text(ann_path)?;
    let title = ann_path.file_stem().map_or_else(
        || "brat document".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let mut document = Document::new(title, text);
    document.source = Some(txt_path.display().to_string());
    let doc_id = document.id;
    let index = staging.project().documents().len();
    staging.apply(
        &txt_path,
        Edit::InsertDocument {
            index,
            document: Box::new(document),
        },
    )?;
    let parsed = parse_ann(ann_path, &ann_text, staging, doc_id, conf)?;
    for (line, a) in parsed.annotations {
        let place = a.external_ids.get(KEY_ID).cloned().unwrap_or_default();
        staging.add_annotation(ann_path, Some(line), &place, a)?;
    }
    for relation in parsed.relations {
        super::super::ensure_relation_type(staging, ann_path, &relation.kind)?;
        let index = staging.project().relations().len();
        staging.apply(ann_path, Edit::InsertRelation { index, relation })?;
    }
    for line in parsed.preserved {
        let index = staging.project().preserved().len();
        let record = PreservedRecord {
            document: doc_id,
            format: "brat".to_owned(),
            line,
        };
        staging.apply(ann_path, Edit::InsertPreserved { index, record })?;
    }
    Ok(())
}

struct Parsed {
    /// Annotations with the 1-based line they came from.
    annotations: Vec<(usize, Annotation)>,
    relations: Vec<Relation>,
    preserved: Vec<String>,
}

fn parse_ann(
    path: &Path,
    ann_text: &str,
    staging: &mut Staging,
    doc_id: crate::model::DocumentId,
    conf: &VisualConf,
) -> Result<Parsed, ImportError> {
    let now = Utc::now();
    let mut lines: Vec<&str> = ann_text.split('\n').collect();
    if lines.last() == Some(&"") {
        lines.pop();
    }
    let mut out = Parsed {
        annotations: Vec::new(),
        relations: Vec::new(),
        preserved: Vec::new(),
    };
    // Which lines became model data; the rest are preserved in file order.
    let mut modelled = vec![false; lines.len()];
    let mut by_brat_id: HashMap<String, usize> = HashMap::new();

    let Some(doc_index) = staging.project().document_index(doc_id) else {
        return Err(invalid(path, None, "its text file was not staged"));
    };
    // Pass 1: text-bound annotations, so later lines can refer to them whatever their order.
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if !line.starts_with('T') {
            continue;
        }
        let Some(t_fields) = parse_t(path, i + 1, line)? else {
            continue;
        };
        let (id, tag) = (t_fields.0, t_fields.1);
        if by_brat_id.contains_key(id) {
            continue; // a repeated id: kept verbatim
        }
        // By index: tags are the only thing staged while parsing, so documents stay in place.
        let Some(doc) = staging.project().documents().get(doc_index) else {
            continue;
        };
        let Some(a) = text_bound_annotation(path, i + 1, line, t_fields, doc, now)? else {
            continue;
        };
        ensure_tag(
            staging,
            path,
            tag,
            conf.labels.get(tag).map(String::as_str),
            conf.color(tag),
            "Imported from brat.",
        )?;
        by_brat_id.insert(id.to_owned(), out.annotations.len());
        out.annotations.push((i + 1, a));
        modelled[i] = true;
    }

    // Pass 2: relations, attributes and notes on those annotations.
    let mut relation_ids = std::collections::HashSet::new();
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let (id, rest) = line.split_once('\t').unwrap_or((line, ""));
        let done = match id.chars().next() {
            Some('R') if relation_ids.insert(id.to_owned()) => {
                parse_relation(id, rest, line, &by_brat_id, &out.annotations).map(|r| {
                    out.relations.push(r);
                })
            }
            Some('A') => parse_attribute(
                id,
                rest,
                line,
                &by_brat_id,
                &mut out.annotations,
                staging,
                path,
            )?,
            Some('#') => parse_note(id, rest, line, &by_brat_id, &mut out.annotations),
            _ => None,
        };
        if done.is_some() {
            modelled[i] = true;
        }
    }
    // Notes on relations, once every relation is read (a note may come before its relation).
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if !modelled[i]
            && line.starts_with('#')
            && relation_note(line, &mut out.relations).is_some()
        {
            modelled[i] = true;
        }
    }
    out.preserved = lines
        .iter()
        .zip(&modelled)
        .filter(|(_, m)| !**m)
        .map(|(l, _)| l.strip_suffix('\r').unwrap_or(l).to_owned())
        .collect();
    Ok(out)
}

/// A `T` line's id, type, ranges and quoted text.
type TLine<'a> = (&'a str, &'a str, Vec<Span>, &'a str);

/// Parses `T3\ttype s e;s e\ttext`. `Ok(None)` for a line that is not a well-formed `T` line
/// (it is then kept verbatim); an error only for offsets that are not numbers.
fn parse_t<'a>(
    path: &Path,
    line_no: usize,
    line: &'a str,
) -> Result<Option<TLine<'a>>, ImportError> {
    let mut fields = line.splitn(3, '\t');
    let (Some(id), Some(body), Some(text)) = (fields.next(), fields.next(), fields.next()) else {
        return Ok(None);
    };
    let Some((tag, offsets)) = body.split_once(' ') else {
        return Ok(None);
    };
    let mut ranges = Vec::new();
    for part in offsets.split(';') {
        let numbers: Vec<&str> = part.split(' ').collect();
        let parsed: Option<Vec<usize>> = numbers.iter().map(|n| n.parse().ok()).collect();
        match parsed.as_deref() {
            Some([start, end]) if start < end => ranges.push(Span::new(*start, *end)),
            _ => {
                return Err(invalid(
                    path,
                    Some(line_no),
                    format!("{id}: offsets {part:?} are not `start end` with start < end"),
                ));
            }
        }
    }
    Ok(Some((id, tag, ranges, text)))
}

/// The annotation a well-formed `T` line stands for, or `None` when Stance keeps the line
/// verbatim: unsorted or overlapping fragments, or a line that would not write back unchanged.
///
/// # Errors
/// Offsets past the end of the text, or a quoted text that differs from the text there.
fn text_bound_annotation(
    path: &Path,
    line_no: usize,
    line: &str,
    (id, tag, ranges, text): TLine<'_>,
    doc: &Document,
    now: DateTime<Utc>,
) -> Result<Option<Annotation>, ImportError> {
    let len = doc.len_chars();
    if let Some(r) = ranges.iter().find(|r| r.end > len) {
        return Err(invalid(
            path,
            Some(line_no),
            format!(
                "{id}: offsets {} {} lie past the end of the text ({len} code points)",
                r.start, r.end
            ),
        ));
    }
    let fragments = ranges
        .iter()
        .filter_map(|r| doc.slice(*r))
        .collect::<Vec<_>>()
        .join(" ");
    if fragments != text {
        return Err(invalid(
            path,
            Some(line_no),
            format!(
                "{id}: the quoted text {:?} differs from the text at those offsets, {:?}",
                crate::model::elide(text),
                crate::model::elide(&fragments)
            ),
        ));
    }
    if check_ranges(&ranges).is_err() {
        return Ok(None);
    }
    let Some(quote) = doc.quote(&ranges) else {
        return Ok(None);
    };
    let mut a = Annotation::bare(AnnotationId::random(), doc.id, tag, ranges, quote, now);
    a.external_ids.insert(KEY_ID.to_owned(), id.to_owned());
    Ok((t_line(id, doc, &a) == line).then_some(a))
}

/// `R1\tkind Arg1:T1 Arg2:T2[tail]` between two imported annotations.
fn parse_relation(
    id: &str,
    rest: &str,
    line: &str,
    by_brat_id: &HashMap<String, usize>,
    annotations: &[(usize, Annotation)],
) -> Option<Relation> {
    let (body, tail) = match rest.find('\t') {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    let [kind, arg1, arg2] = <[&str; 3]>::try_from(body.split(' ').collect::<Vec<_>>()).ok()?;
    let from = annotations
        .get(*by_brat_id.get(arg1.strip_prefix("Arg1:")?)?)?
        .1
        .id;
    let to = annotations
        .get(*by_brat_id.get(arg2.strip_prefix("Arg2:")?)?)?
        .1
        .id;
    let mut external_ids = BTreeMap::from([(KEY_ID.to_owned(), id.to_owned())]);
    if !tail.is_empty() {
        external_ids.insert(KEY_TAIL.to_owned(), tail.to_owned());
    }
    let rebuilt = format!("{id}\t{} {arg1} {arg2}{tail}", brat_token(kind));
    (rebuilt == line).then(|| Relation {
        id: RelationId::random(),
        kind: kind.to_owned(),
        from,
        to,
        note: None,
        external_ids,
    })
}

/// `A5\tname T3 [value]` on an imported annotation; `Holder` becomes its holder.
fn parse_attribute(
    id: &str,
    rest: &str,
    line: &str,
    by_brat_id: &HashMap<String, usize>,
    annotations: &mut [(usize, Annotation)],
    staging: &mut Staging,
    path: &Path,
) -> Result<Option<()>, ImportError> {
    let tokens: Vec<&str> = rest.split(' ').collect();
    let (name, target, value) = match tokens.as_slice() {
        [name, target] => (*name, *target, ""),
        [name, target, value] => (*name, *target, *value),
        _ => return Ok(None),
    };
    let Some(&index) = by_brat_id.get(target) else {
        return Ok(None);
    };
    let a = &annotations[index].1;
    if a.attributes.contains_key(name)
        || brat_token(name) != name
        || (!value.is_empty() && brat_token(value) != value)
    {
        return Ok(None);
    }
    let rebuilt = if value.is_empty() {
        format!("{id}\t{name} {target}")
    } else {
        format!("{id}\t{name} {target} {value}")
    };
    if rebuilt != line {
        return Ok(None);
    }
    if let Some(done) = negotiation_attribute(name, value, index, annotations, staging, path)? {
        annotations[index]
            .1
            .external_ids
            .insert(done, id.to_owned());
        return Ok(Some(()));
    }
    let a = &annotations[index].1;
    let holder_name = value.replace('_', " ");
    // The actor the holder would be (matched like the model does: by name or alias, ignoring
    // case) must write back as this very value; otherwise the line stays an attribute.
    let writes_back = staging
        .project()
        .actor_named(&holder_name)
        .is_none_or(|actor| brat_token(&actor.name) == value);
    let is_holder = [BRAT_HOLDER_ATTRIBUTE, BRAT_TARGET_ATTRIBUTE].contains(&name)
        && if name == BRAT_HOLDER_ATTRIBUTE {
            a.holder.is_none()
        } else {
            a.target.is_none()
        }
        && !holder_name.trim().is_empty()
        && brat_token(&holder_name) == value
        && writes_back;
    let a = &mut annotations[index].1;
    if is_holder {
        let actor = Some(ensure_actor(staging, path, None, &holder_name, None)?);
        if name == BRAT_HOLDER_ATTRIBUTE {
            a.holder = actor;
        } else {
            a.target = actor;
        }
        a.external_ids.insert(attribute_key(name), id.to_owned());
        return Ok(Some(()));
    }
    a.attributes.insert(name.to_owned(), value.to_owned());
    a.external_ids.insert(attribute_key(name), id.to_owned());
    Ok(Some(()))
}

/// `#2\tAnnotatorNotes T3\tnote` on an imported annotation without a note yet, or a note
/// of another type (`#4\tLemma T3\tolla`) as the attribute `#Lemma`.
fn parse_note(
    id: &str,
    rest: &str,
    line: &str,
    by_brat_id: &HashMap<String, usize>,
    annotations: &mut [(usize, Annotation)],
) -> Option<()> {
    let (head, note) = rest.split_once('\t')?;
    let (note_type, target) = head.split_once(' ')?;
    let index = *by_brat_id.get(target)?;
    let a = &mut annotations[index].1;
    if brat_token(note_type) != note_type
        || format!("{id}\t{note_type} {target}\t{}", one_line(note)) != line
    {
        return None;
    }
    if let Some(done) = negotiation_note(note_type, note, a) {
        a.external_ids.insert(note_key(done), id.to_owned());
        return Some(());
    }
    if note_type == "AnnotatorNotes" {
        if a.note.is_some() {
            return None;
        }
        a.note = Some(note.to_owned());
        a.external_ids.insert(KEY_NOTE.to_owned(), id.to_owned());
        return Some(());
    }
    // Other note types (e.g. TDT's `Lemma`) become attributes named `#TYPE`.
    let name = format!("{NOTE_ATTRIBUTE_PREFIX}{note_type}");
    if a.attributes.contains_key(&name) {
        return None;
    }
    a.external_ids.insert(attribute_key(&name), id.to_owned());
    a.attributes.insert(name, note.to_owned());
    Some(())
}

/// A `Stance`, `Attribution` or `Issue` attribute that writes back as it is, stored in the
/// annotation's field; returns the `external_ids` key for the line's id. Values that do not
/// fit (`Stance T3 maybe`) stay free attributes, as in any brat corpus.
fn negotiation_attribute(
    name: &str,
    value: &str,
    index: usize,
    annotations: &mut [(usize, Annotation)],
    staging: &mut Staging,
    path: &Path,
) -> Result<Option<String>, ImportError> {
    let a = &mut annotations[index].1;
    match name {
        BRAT_STANCE_ATTRIBUTE if a.stance.is_none() => {
            let Ok(stance) = value.parse::<Stance>() else {
                return Ok(None);
            };
            if stance.as_str() != value {
                return Ok(None);
            }
            a.stance = Some(stance);
        }
        BRAT_ATTRIBUTION_ATTRIBUTE if a.attribution.is_none() => {
            let Ok(attribution) = value.parse::<Attribution>() else {
                return Ok(None);
            };
            if attribution.as_str() != value {
                return Ok(None);
            }
            a.attribution = Some(attribution);
        }
        BRAT_ISSUE_ATTRIBUTE if !value.is_empty() => {
            let issue_name = value.replace('_', " ");
            // As for holders: the issue found by name must write back as this very value.
            let writes_back = staging
                .project()
                .issue_named(&issue_name)
                .is_none_or(|issue| brat_token(&issue.name) == value);
            if !writes_back || issue_name.trim().is_empty() {
                return Ok(None);
            }
            let issue = ensure_issue(staging, path, &Issue::new(issue_name))?;
            let a = &mut annotations[index].1;
            if a.issues.contains(&issue) {
                return Ok(None);
            }
            a.issues.push(issue);
            return Ok(Some(issue_key(issue)));
        }
        _ => return Ok(None),
    }
    Ok(Some(attribute_key(name)))
}

/// A note of one of Stance's own types (condition, annotator, cue) into its field; returns
/// the note type.
fn negotiation_note(note_type: &str, note: &str, a: &mut Annotation) -> Option<&'static str> {
    match note_type {
        NOTE_CONDITION if a.condition.is_none() => {
            a.condition = Some(note.to_owned());
            Some(NOTE_CONDITION)
        }
        NOTE_ANNOTATOR if a.annotator.is_none() => {
            a.annotator = Some(note.to_owned());
            Some(NOTE_ANNOTATOR)
        }
        NOTE_CUE if a.cue.is_empty() => {
            let cue = parse_offsets(note)?;
            if offsets_text(&cue) != note || check_ranges(&cue).is_err() {
                return None;
            }
            a.cue = cue;
            Some(NOTE_CUE)
        }
        _ => None,
    }
}

/// `#6\tAnnotatorNotes R1\tnote` on an imported relation without a note yet.
fn relation_note(line: &str, relations: &mut [Relation]) -> Option<()> {
    let (id, rest) = line.split_once('\t')?;
    let (head, note) = rest.split_once('\t')?;
    let target = head.strip_prefix("AnnotatorNotes ")?;
    let relation = relations
        .iter_mut()
        .find(|r| r.external_ids.get(KEY_ID).is_some_and(|rid| rid == target))?;
    if relation.note.is_some()
        || format!("{id}\tAnnotatorNotes {target}\t{}", one_line(note)) != line
    {
        return None;
    }
    relation.note = Some(note.to_owned());
    relation
        .external_ids
        .insert(KEY_NOTE.to_owned(), id.to_owned());
    Some(())
}
