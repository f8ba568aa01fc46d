//! Project files: round trips of random projects, char offsets after the en dash, the shape
//! of the written RON, and atomic saving.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use stance::io::atomic::{SaveStep, write_atomic_with};
use stance::io::{
    article::document_from_text, load_project, load_project_from_str, project_to_ron, save_project,
};
use stance::model::{
    Actor, Document, Edit, FORMAT_VERSION, Project, Relation, RelationId, RelationType, Rgb, Span,
    TagDef, text::normalize_text,
};

/// Pieces of text that have broken serialisers before: astral emoji and ZWJ sequences, CJK,
/// combining marks, right-to-left scripts, CRLF and lone CR, quotes, backslashes, `"#` (raw
/// string delimiters), control characters and the en dash of the reference article.
const PIECES: &[&str] = &[
    "Talks ",
    "resumed. ",
    "👩‍👩‍👧",
    "🇺🇦",
    "😀",
    "和平谈判",
    "領土問題",
    "e\u{301}",
    "a\u{308}\u{331}",
    "\u{301}",
    "مفاوضات السلام",
    "שלום",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\"quoted\"",
    "it's",
    "'",
    "\\",
    "\\n",
    "\"#",
    "r#\"raw\"#",
    "\t",
    "\u{0}",
    "\u{1b}[0m",
    "\u{feff}",
    "\u{200b}",
    "U.S.–Ukraine",
    "}",
    ")",
    "/* not a comment */",
    "// nor this",
];

fn piece_text(max_pieces: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max_pieces).prop_map(|p| p.concat())
}

fn non_empty_text(max_pieces: usize) -> impl Strategy<Value = String> {
    (piece_text(max_pieces), prop::sample::select(PIECES))
        .prop_map(|(text, last)| format!("{text}{last}x"))
}

/// What a random project is made of; turned into a [`Project`] through the model's edits.
#[derive(Debug, Clone)]
struct Recipe {
    title: String,
    extra_tag: (String, char),
    documents: Vec<(String, String, Option<String>)>,
    actors: Vec<(String, Option<String>, Vec<String>)>,
    annotations: Vec<AnnotationRecipe>,
    relation: bool,
}

#[derive(Debug, Clone)]
struct AnnotationRecipe {
    document: usize,
    tag: usize,
    /// Sorted offsets, taken modulo the document length; pairs become ranges.
    cuts: Vec<usize>,
    holder: Option<usize>,
    note: Option<String>,
    attributes: BTreeMap<String, String>,
    seconds: u32,
}

fn recipe() -> impl Strategy<Value = Recipe> {
    let document = (
        piece_text(4),
        non_empty_text(40),
        prop::option::of(piece_text(3)),
    );
    let actor = (
        non_empty_text(3),
        prop::option::of(piece_text(3)),
        prop::collection::vec(piece_text(2), 0..3),
    );
    let annotation = (
        0..3usize,
        0..4usize,
        prop::collection::vec(0..10_000usize, 2..7),
        prop::option::of(0..4usize),
        prop::option::of(piece_text(6)),
        prop::collection::btree_map(piece_text(2), piece_text(2), 0..3),
        0..100_000u32,
    )
        .prop_map(|(document, tag, cuts, holder, note, attributes, seconds)| {
            AnnotationRecipe {
                document,
                tag,
                cuts,
                holder,
                note,
                attributes,
                seconds,
            }
        });
    (
        piece_text(5),
        (non_empty_text(3), any::<char>()),
        prop::collection::vec(document, 1..4),
        prop::collection::vec(actor, 0..4),
        prop::collection::vec(annotation, 0..12),
        any::<bool>(),
    )
        .prop_map(
            |(title, extra_tag, documents, actors, annotations, relation)| Recipe {
                title,
                extra_tag,
                documents,
                actors,
                annotations,
                relation,
            },
        )
}

fn build(recipe: &Recipe) -> Project {
    let epoch: DateTime<Utc> = "2025-12-05T00:00:00Z".parse().unwrap();
    let mut project = Project::new(recipe.title.clone());
    let (tag_name, hotkey) = &recipe.extra_tag;
    project.schema.tags.push(TagDef {
        key: format!("custom {tag_name}"),
        name: tag_name.clone(),
        color: Rgb([1, 2, 3]),
        hotkey: Some(*hotkey),
        description: tag_name.clone(),
        retired: false,
        fields: Vec::new(),
    });
    for (index, (title, text, source)) in recipe.documents.iter().enumerate() {
        let mut document = Document::new(title.clone(), normalize_text(text));
        document.source.clone_from(source);
        project
            .apply(Edit::InsertDocument {
                index,
                document: Box::new(document),
            })
            .unwrap();
    }
    for (index, (name, affiliation, aliases)) in recipe.actors.iter().enumerate() {
        // Each actor's names are its own: a name answering for two actors is a problem.
        let mut actor = Actor::new(format!("{name} #{index}"), affiliation.as_deref());
        actor.aliases = aliases.iter().map(|a| format!("{a} #{index}")).collect();
        project.apply(Edit::InsertActor { index, actor }).unwrap();
    }
    for a in &recipe.annotations {
        let document = &project.documents[a.document % project.documents.len()];
        let len_chars = document.len_chars();
        let mut cuts: Vec<usize> = a.cuts.iter().map(|c| c % (len_chars + 1)).collect();
        cuts.sort_unstable();
        cuts.dedup();
        let ranges: Vec<Span> = cuts
            .chunks_exact(2)
            .map(|pair| Span::new(pair[0], pair[1]))
            .collect();
        let tag = project.schema.tags[a.tag % project.schema.tags.len()]
            .key
            .clone();
        let at = epoch + TimeDelta::seconds(i64::from(a.seconds));
        let Ok(mut annotation) = project.new_annotation(document.id, &tag, ranges, at) else {
            continue; // Every cut fell on one offset: nothing to mark.
        };
        annotation.holder = a
            .holder
            .and_then(|h| project.actors.get(h))
            .map(|actor| actor.id);
        annotation.note.clone_from(&a.note);
        annotation.attributes.clone_from(&a.attributes);
        annotation
            .external_ids
            .insert("brat".to_owned(), format!("T{}", a.seconds));
        project
            .apply(Edit::AddAnnotation(Box::new(annotation)))
            .unwrap();
    }
    if recipe.relation && project.annotations.len() >= 2 {
        project.schema.relation_types.push(RelationType::new(
            "answers \"#",
            "Answers \"#",
            Rgb([4, 5, 6]),
        ));
        let relation = Relation {
            id: RelationId::random(),
            kind: "answers \"#".to_owned(),
            from: project.annotations[0].id,
            to: project.annotations[1].id,
            note: None,
            external_ids: BTreeMap::new(),
        };
        project
            .apply(Edit::InsertRelation { index: 0, relation })
            .unwrap();
    }
    project
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn load_of_save_is_the_same_project(recipe in recipe()) {
        let project = build(&recipe);
        prop_assert!(project.problems().is_empty(), "{:?}", project.problems());
        let text = project_to_ron(&project).unwrap();
        let head = format!("(\n    format: {FORMAT_VERSION},\n");
        prop_assert!(text.starts_with(&head));
        prop_assert!(!text.contains('\r') && !text.contains('\0'));
        let loaded = load_project_from_str("random.ron", &text).unwrap();
        prop_assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        prop_assert_eq!(&loaded.project, &project);
        // Writing is deterministic, so saving an unchanged project changes no byte.
        prop_assert_eq!(project_to_ron(&loaded.project).unwrap(), text);
    }
}

#[test]
fn a_saved_file_round_trips_through_the_disk() {
    let recipe = Recipe {
        title: "Disk \"#".to_owned(),
        extra_tag: ("Demand".to_owned(), '\''),
        documents: vec![(
            "Doc".to_owned(),
            "Line one\r\nשלום 和平 😀 e\u{301} \\ \"# it's\rend".to_owned(),
            Some("C:\\articles\\a.txt".to_owned()),
        )],
        actors: vec![("Ushakov".to_owned(), Some("Russia".to_owned()), vec![])],
        annotations: vec![AnnotationRecipe {
            document: 0,
            tag: 3,
            cuts: vec![9, 14, 20, 22],
            holder: Some(0),
            note: Some("a \"note\"\nwith lines".to_owned()),
            attributes: BTreeMap::new(),
            seconds: 7,
        }],
        relation: false,
    };
    let project = build(&recipe);
    assert_eq!(project.documents[0].text.matches('\n').count(), 2);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    save_project(&path, &project).unwrap();
    let loaded = load_project(&path).unwrap();
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.project, project);
    assert_eq!(loaded.project.annotations[0].ranges.len(), 2);
}

fn reference_article() -> Document {
    document_from_text(
        "ukraine-talks-2025-12-05.txt",
        stance::app::SAMPLE_ARTICLE,
        None,
    )
}

/// Char offset of a byte offset, counted independently of the model's index.
fn chars_before(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

#[test]
fn joint_us_ukraine_initiatives_has_char_offsets() {
    let doc = reference_article();
    let needle = "joint U.S.–Ukraine economic initiatives";
    let span = doc.find(needle, 0).unwrap();
    let byte_start = doc.text.find(needle).unwrap();
    let byte_end = byte_start + needle.len();
    assert_eq!(span.start, chars_before(&doc.text, byte_start));
    assert_eq!(span.end, chars_before(&doc.text, byte_end));
    // The en dash is 3 bytes and 1 char: the end differs by 2 in bytes and in chars.
    assert_eq!(span, Span::new(832, 871));
    assert_eq!(byte_end - span.end, 2);
    assert_eq!(doc.slice(span), Some(needle));
    assert_eq!(doc.char_to_byte(span.end), Some(byte_end));

    let mut project = Project::new("t");
    let id = doc.id;
    project
        .apply(Edit::InsertDocument {
            index: 0,
            document: Box::new(doc),
        })
        .unwrap();
    let now = Utc::now();
    let a = project
        .new_annotation(id, "position", vec![span], now)
        .unwrap();
    assert_eq!(a.quote, needle);
}

#[test]
fn an_annotation_after_the_en_dash_survives_save_and_load() {
    let doc = reference_article();
    let needle = "and long-term recovery projects";
    let span = doc.find(needle, 0).unwrap();
    let dash_char = chars_before(&doc.text, doc.text.find('–').unwrap());
    assert!(span.start > dash_char);
    let byte_start = doc.text.find(needle).unwrap();
    assert_eq!(
        byte_start,
        span.start + 2,
        "bytes run 2 ahead after the dash"
    );

    let mut project = Project::new("after the dash");
    let id = doc.id;
    project
        .apply(Edit::InsertDocument {
            index: 0,
            document: Box::new(doc),
        })
        .unwrap();
    let a = project
        .new_annotation(id, "position", vec![span], Utc::now())
        .unwrap();
    project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dash.ron");
    save_project(&path, &project).unwrap();
    let written = fs::read_to_string(&path).unwrap();
    assert!(written.contains(&format!(
        "ranges: [(start: {}, end: {})]",
        span.start, span.end
    )));
    let loaded = load_project(&path).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let back = &loaded.project.annotations[0];
    assert_eq!(back.ranges, vec![span]);
    assert_eq!(back.quote, needle);
    assert_eq!(
        loaded.project.documents[0].slice(back.ranges[0]),
        Some(needle)
    );
}

#[test]
fn written_files_diff_well() {
    let text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron"))
            .unwrap();
    assert!(text.starts_with(&format!(
        "(\n    format: {},\n    title: ",
        stance::model::FORMAT_VERSION
    )));
    assert!(text.ends_with(")\n"));
    assert!(!text.contains('\r'));
    // Each annotation is one block; its ranges sit on one line.
    let annotations = text.matches("\n            ranges: [(start: ").count();
    let loaded = load_project_from_str("sample", &text).unwrap();
    assert_eq!(annotations, loaded.project.annotations.len());
    // A document's text is one escaped string on one line.
    let text_lines = text
        .lines()
        .filter(|l| l.trim_start().starts_with("text: \""))
        .count();
    assert_eq!(text_lines, loaded.project.documents.len());
    assert!(!text.contains("\\'"), "apostrophes are written bare");
}

#[test]
fn annotations_load_in_canonical_order() {
    let doc = reference_article();
    let mut project = Project::new("order");
    let id = doc.id;
    project
        .apply(Edit::InsertDocument {
            index: 0,
            document: Box::new(doc),
        })
        .unwrap();
    for needle in ["Ushakov", "President Trump's", "Kremlin"] {
        let span = project.documents[0].find(needle, 0).unwrap();
        let a = project
            .new_annotation(id, "claim", vec![span], Utc::now())
            .unwrap();
        project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    }
    let mut shuffled = project.clone();
    shuffled.annotations.reverse();
    let text = project_to_ron(&shuffled).unwrap();
    let loaded = load_project_from_str("shuffled", &text).unwrap();
    assert_eq!(loaded.project.annotations, project.annotations);
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_save_that_fails_part_way_leaves_the_original_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.ron");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron");
    let original = fs::read(&sample).unwrap();
    fs::write(&path, &original).unwrap();

    let mut project = load_project(&path).unwrap().project;
    project.apply(Edit::SetTitle("Changed".to_owned())).unwrap();
    let new_text = project_to_ron(&project).unwrap();
    for fail_at in [
        SaveStep::Writing {
            written_bytes: new_text.len(),
        },
        SaveStep::Synced,
        SaveStep::BackedUp,
        SaveStep::Renaming,
    ] {
        let mut steps = Vec::new();
        let result = write_atomic_with(&path, new_text.as_bytes(), true, &mut |step| {
            steps.push(step);
            if step == fail_at {
                Err(io::Error::other("disk full (injected)"))
            } else {
                Ok(())
            }
        });
        assert_eq!(result.unwrap_err().to_string(), "disk full (injected)");
        assert!(steps.contains(&fail_at), "{fail_at:?} was never reached");
        assert_eq!(
            fs::read(&path).unwrap(),
            original,
            "after failing at {fail_at:?}"
        );
        let names = file_names(dir.path());
        assert!(
            names
                .iter()
                .all(|n| n == "talks.ron" || n == "talks.ron.bak"),
            "left behind after {fail_at:?}: {names:?}"
        );
    }

    // And a save that succeeds keeps the previous version as the backup.
    save_project(&path, &project).unwrap();
    assert_eq!(
        fs::read(dir.path().join("talks.ron.bak")).unwrap(),
        original
    );
    assert_eq!(load_project(&path).unwrap().project.title, "Changed");
    assert_eq!(file_names(dir.path()), ["talks.ron", "talks.ron.bak"]);
}

#[test]
fn real_io_failures_leave_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let project = Project::new("x");
    // The target is a directory: the final rename fails.
    let blocked = dir.path().join("blocked.ron");
    fs::create_dir(&blocked).unwrap();
    fs::write(blocked.join("inside"), b"keep").unwrap();
    let err = save_project(&blocked, &project).unwrap_err();
    assert!(err.to_string().contains("blocked.ron"), "{err}");
    assert_eq!(fs::read(blocked.join("inside")).unwrap(), b"keep");
    assert_eq!(file_names(dir.path()), ["blocked.ron"]);
    // The directory does not exist: nothing can be created.
    let missing = dir.path().join("no/such/dir/p.ron");
    assert!(save_project(&missing, &project).is_err());
    assert_eq!(file_names(dir.path()), ["blocked.ron"]);
}
