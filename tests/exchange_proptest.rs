//! Property tests: for generated projects (non-ASCII text, discontinuous spans, holders,
//! notes with quotes, commas and line breaks, issues, targets, stances, attributions, cues,
//! annotators and typed relations with notes), `import(export(p))` keeps every annotation
//! and relation.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use stance::io::export::{ExportFormat, ExportOptions, ExportOutput, export};
use stance::io::import_paths;
use stance::model::{
    Actor, Attribution, Document, Edit, Issue, Project, Relation, Span, Stance,
    default_relation_types,
};

const WORDS: [&str; 12] = [
    "Ushakov",
    "said",
    "the",
    "territorial",
    "issue",
    "–",
    "naturally",
    "最重要",
    "🇺🇦",
    "e\u{301}",
    "\"acceptable,\"",
    "talks",
];

/// A generated annotation: tag index, (start, width) ranges, holder index, note, time offset.
type AnnotationSpec = (
    usize,
    Vec<(usize, usize)>,
    Option<usize>,
    Option<String>,
    i64,
);

/// Format 2 fields of a generated annotation: issue bit mask, target index, stance index and
/// condition, attribution index, cue `(start, width)`, annotator.
type NegotiationSpec = (
    u8,
    Option<usize>,
    Option<(usize, Option<String>)>,
    Option<usize>,
    Option<(usize, usize)>,
    Option<String>,
);

/// A generated relation: from and to (annotation indices), type index, note.
type RelationSpec = (usize, usize, usize, Option<String>);

#[derive(Clone, Debug)]
struct Spec {
    words: Vec<usize>,
    annotations: Vec<AnnotationSpec>,
    negotiation: Vec<NegotiationSpec>,
    relations: Vec<RelationSpec>,
}

/// Issue names with spaces and non-ASCII letters (brat writes spaces as `_`).
const ISSUES: [&str; 3] = ["security guarantees", "территория", "process"];

fn spec(brat_safe: bool) -> impl Strategy<Value = Spec> {
    let note = if brat_safe {
        "[a-zA-Z,\"' –=+]{1,20}".boxed()
    } else {
        "[a-zA-Z,\"' \n\t–=+]{1,20}".boxed()
    };
    let negotiation = (
        any::<u8>(),
        proptest::option::of(0..3usize),
        proptest::option::of((0..Stance::ALL.len(), proptest::option::of(note.clone()))),
        proptest::option::of(0..Attribution::ALL.len()),
        proptest::option::of((0..30usize, 1..4usize)),
        proptest::option::of("[a-zA-Z][a-zA-Z ]{0,9}"),
    );
    (
        proptest::collection::vec(0..WORDS.len(), 5..40),
        proptest::collection::vec(
            (
                0..3usize,
                proptest::collection::vec((0..30usize, 1..4usize), 1..4),
                proptest::option::of(0..3usize),
                proptest::option::of(note.clone()),
                0..10_000_000_000i64,
            ),
            0..12,
        ),
        proptest::collection::vec(negotiation, 12),
        proptest::collection::vec(
            (
                0..12usize,
                0..12usize,
                0..7usize,
                proptest::option::of(note),
            ),
            0..6,
        ),
    )
        .prop_map(|(words, annotations, negotiation, relations)| Spec {
            words,
            annotations,
            negotiation,
            relations,
        })
}

fn build(spec: &Spec, line_breaks: bool) -> Project {
    let separator = if line_breaks { "\n" } else { " " };
    let text: Vec<&str> = spec.words.iter().map(|&i| WORDS[i]).collect();
    let text = text
        .chunks(4)
        .map(|c| c.join(" "))
        .collect::<Vec<_>>()
        .join(separator);
    let mut project = Project::new("generated");
    let doc = Document::new("Generated – article", text);
    let doc_id = doc.id;
    let len = doc.len_chars();
    project
        .apply(Edit::InsertDocument {
            index: 0,
            document: Box::new(doc),
        })
        .unwrap();
    let names = [
        "Yuri Ushakov",
        "Marco Rubio",
        "Joint U.S.–Ukraine statement",
    ];
    let actors: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let actor = Actor::new(*name, (i != 1).then_some("Russia"));
            let id = actor.id;
            project
                .apply(Edit::InsertActor { index: i, actor })
                .unwrap();
            id
        })
        .collect();
    for name in ISSUES {
        project.rebuild(|parts| {
            parts.issues.push(Issue::new(name));
        });
    }
    let tags = ["claim", "position", "concession"];
    let mut added = Vec::new();
    for ((tag, ranges, holder, note, nanos), extra) in
        spec.annotations.iter().zip(&spec.negotiation)
    {
        let ranges: Vec<Span> = ranges
            .iter()
            .map(|&(start, width)| Span::new(start % len, (start % len + width).min(len)))
            .collect();
        let time: DateTime<Utc> = Utc.timestamp_nanos(1_764_000_000_000_000_000 + nanos);
        let Ok(mut a) = project.new_annotation(doc_id, tags[*tag], ranges, time) else {
            continue;
        };
        a.holder = holder.map(|h| actors[h]);
        a.note.clone_from(note);
        let (issues, target, stance, attribution, cue, annotator) = extra;
        a.issues = (project.issues().iter().enumerate())
            .filter(|(i, _)| issues & (1 << i) != 0)
            .map(|(_, issue)| issue.id)
            .collect();
        a.target = target.map(|t| actors[t]);
        if let Some((stance, condition)) = stance {
            a.stance = Some(Stance::ALL[*stance]);
            a.condition.clone_from(condition);
        }
        a.attribution = attribution.map(|i| Attribution::ALL[i]);
        a.cue = cue
            .map(|(start, width)| vec![Span::new(start % len, (start % len + width).min(len))])
            .unwrap_or_default();
        a.annotator.clone_from(annotator);
        added.push(a.id);
        project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    }
    let kinds = default_relation_types();
    for (from, to, kind, note) in &spec.relations {
        let (Some(&from), Some(&to)) = (
            added.get(from % added.len().max(1)),
            added.get(to % added.len().max(1)),
        ) else {
            continue;
        };
        if from == to {
            continue;
        }
        let mut relation = Relation::new(kinds[*kind].key.clone(), from, to);
        relation.note.clone_from(note);
        let index = project.relations().len();
        // The model refuses some random links (a cycle of `retracts`); those are not generated.
        if project
            .apply(Edit::InsertRelation { index, relation })
            .is_err()
        {
            continue;
        }
    }
    project
}

/// A relation as `(from ranges, type, to ranges, note)`.
type RelationRow = (Vec<Span>, String, Vec<Span>, Option<String>);

/// Relations as rows, sorted: ids may differ after brat.
fn relation_rows(p: &Project) -> Vec<RelationRow> {
    let ranges = |id| {
        p.annotation(id)
            .map(|a| a.ranges.clone())
            .unwrap_or_default()
    };
    let mut rows: Vec<_> = p
        .relations()
        .iter()
        .map(|r| (ranges(r.from), r.kind.clone(), ranges(r.to), r.note.clone()))
        .collect();
    rows.sort();
    rows
}

/// Relations sorted by id (JSON Lines lists them by the annotation they start at).
fn sorted_relations(p: &Project) -> Vec<Relation> {
    let mut relations = p.relations().to_vec();
    relations.sort_by_key(|r| r.id);
    relations
}

fn round_trip(project: &Project, format: ExportFormat, into: &mut Project) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir
        .path()
        .join(format!("out.{}", format.extension().unwrap_or("d")));
    export(project, &ExportOptions::new(format))
        .unwrap()
        .write(&path, false)
        .unwrap();
    import_paths(&[path], into).unwrap();
}

fn without_annotations(project: &Project) -> Project {
    let mut base = project.clone();
    base.rebuild(|parts| {
        parts.annotations.clear();
    });
    base.rebuild(|parts| {
        parts.relations.clear();
    });
    base.rebuild(|parts| {
        parts.issues.clear();
    });
    base
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn json_jsonl_and_w3c_keep_every_annotation(spec in spec(false)) {
        let project = build(&spec, true);

        let mut from_json = Project::new("json");
        round_trip(&project, ExportFormat::Json, &mut from_json);
        prop_assert_eq!(&from_json.annotations(), &project.annotations());
        prop_assert_eq!(&from_json.actors(), &project.actors());
        prop_assert_eq!(&from_json.relations(), &project.relations());

        for format in [ExportFormat::Jsonl, ExportFormat::W3c] {
            let mut base = without_annotations(&project);
            round_trip(&project, format, &mut base);
            prop_assert_eq!(&base.annotations(), &project.annotations(), "{}", format);
            prop_assert_eq!(sorted_relations(&base), sorted_relations(&project), "{}", format);
        }
    }

    #[test]
    fn brat_keeps_ranges_tags_holders_and_notes(spec in spec(true)) {
        let project = build(&spec, false);
        let mut imported = Project::new("brat");
        round_trip(&project, ExportFormat::Brat, &mut imported);
        prop_assert_eq!(&imported.documents()[0].text, &project.documents()[0].text);
        // Ids are new, so annotations with the same extent may sort differently: compare as sets.
        let summary = |p: &Project| {
            let mut rows: Vec<_> = p
                .annotations()
                .iter()
                .map(|a| {
                    let issues: Vec<String> = a.issues.iter().map(|&i| p.issue_name(i)).collect();
                    let fields = format!(
                        "{issues:?} {} {:?} {:?} {:?} {:?} {:?}",
                        p.target_name(a), a.stance, a.condition, a.attribution, a.cue, a.annotator
                    );
                    (a.ranges.clone(), a.quote.clone(), a.tag.clone(), p.holder_name(a).to_owned(), a.note.clone(), fields)
                })
                .collect();
            rows.sort();
            rows
        };
        prop_assert_eq!(summary(&imported), summary(&project));
        prop_assert_eq!(relation_rows(&imported), relation_rows(&project));
    }

    #[test]
    fn csv_cells_parse_back(spec in spec(false)) {
        let project = build(&spec, true);
        let options = ExportOptions { raw: true, ..ExportOptions::new(ExportFormat::Csv) };
        let ExportOutput::File(bytes) = export(&project, &options).unwrap() else {
            panic!("csv is one file");
        };
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        prop_assert_eq!(rows.len(), project.annotations().len());
        for (row, a) in rows.iter().zip(project.annotations()) {
            prop_assert_eq!(&row[5], a.quote.as_str());
            prop_assert_eq!(&row[8], a.note_text());
        }
    }
}
