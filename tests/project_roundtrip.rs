//! Round trips of random format 2 projects through the project file: save → load gives back
//! exactly the same model (issues, relations, stances, cues, annotators, retired tags and
//! fields included), and saving it again changes no byte.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use stance::io::{load_project, load_project_from_str, project_to_ron, save_project};
use stance::model::{
    Actor, Annotation, Attribution, Document, Edit, FORMAT_VERSION, FieldDef, FieldKind, Issue,
    IssueId, Project, Relation, RelationId, RelationType, Rgb, Span, Stance, TagDef,
    normalize_ranges, text::normalize_text,
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
    issues: Vec<(String, Vec<String>, Option<String>)>,
    /// (relation type, from, to, note), indices taken modulo what exists.
    relations: Vec<(usize, usize, usize, Option<String>)>,
    /// The extra tag is retired and has fields.
    is_extra_tag_retired: bool,
}

/// The format 2 parts of an annotation.
#[derive(Debug, Clone)]
struct NegotiationRecipe {
    issues: Vec<usize>,
    target: Option<usize>,
    stance: Option<usize>,
    condition: Option<String>,
    attribution: Option<usize>,
    cue_cuts: Vec<usize>,
    annotator: Option<String>,
}

fn negotiation() -> impl Strategy<Value = NegotiationRecipe> {
    (
        prop::collection::vec(0..4usize, 0..4),
        prop::option::of(0..4usize),
        prop::option::of(0..4usize),
        prop::option::of(non_empty_text(4)),
        prop::option::of(0..4usize),
        prop::collection::vec(0..10_000usize, 0..5),
        prop::option::of(non_empty_text(2)),
    )
        .prop_map(
            |(issues, target, stance, condition, attribution, cue_cuts, annotator)| {
                NegotiationRecipe {
                    issues,
                    target,
                    stance,
                    condition,
                    attribution,
                    cue_cuts,
                    annotator,
                }
            },
        )
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
    negotiation: NegotiationRecipe,
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
        negotiation(),
    )
        .prop_map(
            |(document, tag, cuts, holder, note, attributes, seconds, negotiation)| {
                AnnotationRecipe {
                    document,
                    tag,
                    cuts,
                    holder,
                    note,
                    attributes,
                    seconds,
                    negotiation,
                }
            },
        );
    let issue = (
        non_empty_text(3),
        prop::collection::vec(piece_text(2), 0..3),
        prop::option::of(non_empty_text(4)),
    );
    let relation = (
        0..7usize,
        0..12usize,
        0..12usize,
        prop::option::of(non_empty_text(3)),
    );
    let format_2 = (
        prop::collection::vec(issue, 0..4),
        prop::collection::vec(relation, 0..6),
        any::<bool>(),
    );
    (
        piece_text(5),
        (non_empty_text(3), any::<char>()),
        prop::collection::vec(document, 1..4),
        prop::collection::vec(actor, 0..4),
        prop::collection::vec(annotation, 0..12),
        any::<bool>(),
        format_2,
    )
        .prop_map(
            |(title, extra_tag, documents, actors, annotations, relation, format_2)| {
                let (issues, relations, is_extra_tag_retired) = format_2;
                Recipe {
                    title,
                    extra_tag,
                    documents,
                    actors,
                    annotations,
                    relation,
                    issues,
                    relations,
                    is_extra_tag_retired,
                }
            },
        )
}

/// The recipe's own tag: odd characters in its name and key, and fields when retired.
fn extra_tag(recipe: &Recipe) -> TagDef {
    let (tag_name, hotkey) = &recipe.extra_tag;
    TagDef {
        key: format!("custom {tag_name}"),
        name: tag_name.clone(),
        color: Rgb([1, 2, 3]),
        hotkey: Some(*hotkey),
        description: tag_name.clone(),
        // Retired once annotated: a retired tag takes no new annotations.
        retired: false,
        fields: if recipe.is_extra_tag_retired {
            vec![
                FieldDef {
                    key: format!("{tag_name} choice"),
                    name: tag_name.clone(),
                    kind: FieldKind::Choice(vec![tag_name.clone(), "\"#".to_owned()]),
                },
                FieldDef {
                    key: "text".to_owned(),
                    name: "Text".to_owned(),
                    kind: FieldKind::Text,
                },
            ]
        } else {
            Vec::new()
        },
    }
}

fn build(recipe: &Recipe) -> Project {
    let epoch: DateTime<Utc> = "2025-12-05T00:00:00Z".parse().unwrap();
    let mut project = Project::new(recipe.title.clone());
    let tag_name = &recipe.extra_tag.0;
    project.rebuild(|parts| {
        parts.schema.tags.push(extra_tag(recipe));
    });
    for (index, (name, aliases, description)) in recipe.issues.iter().enumerate() {
        // Each issue's names are its own, as for actors.
        let issue = Issue {
            aliases: aliases.iter().map(|a| format!("{a} ~{index}")).collect(),
            description: description.clone(),
            ..Issue::new(format!("{name} ~{index}"))
        };
        project.apply(Edit::InsertIssue { index, issue }).unwrap();
    }
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
        let document = &project.documents()[a.document % project.documents().len()];
        let len_chars = document.len_chars();
        let mut cuts: Vec<usize> = a.cuts.iter().map(|c| c % (len_chars + 1)).collect();
        cuts.sort_unstable();
        cuts.dedup();
        let ranges: Vec<Span> = cuts
            .chunks_exact(2)
            .map(|pair| Span::new(pair[0], pair[1]))
            .collect();
        let tag = project.schema().tags[a.tag % project.schema().tags.len()]
            .key
            .clone();
        let at = epoch + TimeDelta::seconds(i64::from(a.seconds));
        let Ok(mut annotation) = project.new_annotation(document.id, &tag, ranges, at) else {
            continue; // Every cut fell on one offset: nothing to mark.
        };
        annotation.holder = a
            .holder
            .and_then(|h| project.actors().get(h))
            .map(|actor| actor.id);
        annotation.note.clone_from(&a.note);
        annotation.attributes.clone_from(&a.attributes);
        annotation
            .external_ids
            .insert("brat".to_owned(), format!("T{}", a.seconds));
        negotiate(&project, &mut annotation, &a.negotiation);
        project
            .apply(Edit::AddAnnotation(Box::new(annotation)))
            .unwrap();
    }
    if recipe.is_extra_tag_retired {
        let retire = project
            .set_tag_retired(&format!("custom {tag_name}"), true)
            .unwrap();
        project.apply(retire).unwrap();
    }
    for &(kind, from, to, ref note) in &recipe.relations {
        let count = project.annotations().len().max(1);
        let (Some(from), Some(to)) = (
            project.annotations().get(from % count),
            project.annotations().get(to % count),
        ) else {
            continue;
        };
        let kind = project.schema().relation_types[kind % 7].key.clone();
        // A self-link or a `retracts` cycle is refused: the recipe skips it.
        if let Ok(edit) = project.add_relation(&kind, from.id, to.id, note.as_deref()) {
            project.apply(edit).unwrap();
        }
    }
    if recipe.relation && project.annotations().len() >= 2 {
        project.rebuild(|parts| {
            parts.schema.relation_types.push(RelationType::new(
                "answers \"#",
                "Answers \"#",
                Rgb([4, 5, 6]),
            ));
        });
        let relation = Relation {
            id: RelationId::random(),
            kind: "answers \"#".to_owned(),
            from: project.annotations()[0].id,
            to: project.annotations()[1].id,
            note: None,
            external_ids: BTreeMap::new(),
        };
        project
            .apply(Edit::InsertRelation { index: 0, relation })
            .unwrap();
    }
    project
}

/// Fills in an annotation's format 2 parts from the recipe, with ids that exist.
fn negotiate(project: &Project, annotation: &mut Annotation, recipe: &NegotiationRecipe) {
    let len_chars = project
        .document(annotation.document)
        .map_or(0, Document::len_chars);
    let issue_count = project.issues().len();
    let mut issues: Vec<IssueId> = (recipe.issues.iter())
        .filter_map(|&i| project.issues().get(i % issue_count.max(1)).map(|x| x.id))
        .collect();
    issues.dedup();
    annotation.issues = issues;
    annotation.target = (recipe.target)
        .and_then(|t| project.actors().get(t % project.actors().len().max(1)))
        .map(|actor| actor.id);
    annotation.stance = recipe.stance.map(|s| Stance::ALL[s % Stance::ALL.len()]);
    annotation.condition.clone_from(&recipe.condition);
    annotation.attribution =
        (recipe.attribution).map(|s| Attribution::ALL[s % Attribution::ALL.len()]);
    let mut cuts: Vec<usize> = recipe
        .cue_cuts
        .iter()
        .map(|c| c % (len_chars + 1))
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    annotation.cue = normalize_ranges(
        cuts.chunks_exact(2)
            .map(|pair| Span::new(pair[0], pair[1]))
            .collect(),
    );
    annotation.annotator.clone_from(&recipe.annotator);
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
            negotiation: NegotiationRecipe {
                issues: vec![0, 0],
                target: Some(0),
                stance: Some(2),
                condition: Some("if \"#\n it's".to_owned()),
                attribution: Some(1),
                cue_cuts: vec![0, 4],
                annotator: Some("Ana".to_owned()),
            },
        }],
        relation: false,
        issues: vec![("Territory".to_owned(), vec!["land".to_owned()], None)],
        relations: Vec::new(),
        is_extra_tag_retired: true,
    };
    let project = build(&recipe);
    assert_eq!(project.documents()[0].text.matches('\n').count(), 2);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    save_project(&path, &project).unwrap();
    let loaded = load_project(&path).unwrap();
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.project, project);
    let a = &loaded.project.annotations()[0];
    assert_eq!(a.ranges.len(), 2);
    assert_eq!(
        (a.issues.len(), a.stance, a.attribution, a.cue.len()),
        (1, Some(Stance::Conditional), Some(Attribution::Indirect), 1)
    );
}
