//! Model tests that read like the domain: `[brackets]` in a text mark the span to annotate.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;

use super::*;

mod actors;
mod format3;
mod incremental;
mod index;
mod negotiation;
mod reanchor;
mod relations;
mod schema;

fn t0() -> DateTime<Utc> {
    DateTime::from_timestamp(1_764_900_000, 0).unwrap()
}

/// Turns `"Officials [said] on Friday"` into the plain text and the bracketed spans (chars).
fn marked(markup: &str) -> (String, Vec<Span>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for c in markup.chars() {
        match c {
            '[' => start = offset,
            ']' => spans.push(Span::new(start, offset)),
            c => {
                text.push(c);
                offset += 1;
            }
        }
    }
    (text, spans)
}

fn project_with(markup: &str) -> (Project, DocumentId, Vec<Span>) {
    let (text, spans) = marked(markup);
    let mut project = Project::new("test");
    let doc = Document::new("doc", text);
    let id = doc.id;
    project.apply(project.add_document(doc)).unwrap();
    (project, id, spans)
}

fn annotate(project: &mut Project, doc: DocumentId, tag: &str, ranges: Vec<Span>) -> AnnotationId {
    let a = project.new_annotation(doc, tag, ranges, t0()).unwrap();
    let id = a.id;
    project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    id
}

/// Builds an edit from the project, applies it, and checks its inverse restores the project.
fn apply_undoable(p: &mut Project, build: impl FnOnce(&Project) -> Edit) {
    let edit = build(p);
    let before = p.clone();
    let inverse = p.apply(edit).unwrap();
    let after = p.clone();
    let redo = p.apply(inverse).unwrap();
    assert_eq!(*p, before);
    p.apply(redo).unwrap();
    assert_eq!(*p, after);
}

#[test]
fn annotation_after_en_dash_quotes_the_right_chars() {
    let (mut p, doc, spans) =
        project_with("offered [joint U.S.–Ukraine economic initiatives], and");
    let id = annotate(&mut p, doc, "claim", spans.clone());
    let a = p.annotation(id).unwrap();
    assert_eq!(a.quote, "joint U.S.–Ukraine economic initiatives");
    assert_eq!(a.ranges, vec![Span::new(8, 47)]);
    assert!(p.problems().is_empty());
}

#[test]
fn discontinuous_span_joins_quote_with_space() {
    let (mut p, doc, spans) = project_with("\"[We agree],\" he said, \"[in part].\"");
    let id = annotate(&mut p, doc, "position", spans);
    assert_eq!(p.annotation(id).unwrap().quote, "We agree in part");
}

#[test]
fn rules_are_enforced() {
    let (mut p, doc, spans) = project_with("Ushakov said [talks were useful].");
    let mut a = p.new_annotation(doc, "claim", spans.clone(), t0()).unwrap();
    a.tag = "rumour".into();
    assert!(matches!(
        p.apply(Edit::AddAnnotation(Box::new(a.clone()))),
        Err(EditError::Invalid { .. })
    ));
    a.tag = "claim".into();
    a.ranges = vec![Span::new(0, 999)];
    assert!(p.apply(Edit::AddAnnotation(Box::new(a.clone()))).is_err());
    a.ranges = spans;
    a.quote = "something else".into();
    assert!(p.apply(Edit::AddAnnotation(Box::new(a.clone()))).is_err());
    a.holders = vec![ActorId::random()];
    assert!(p.apply(Edit::AddAnnotation(Box::new(a))).is_err());
    assert!(p.annotations().is_empty());
    assert!(
        p.new_annotation(doc, "claim", vec![Span::new(3, 3)], t0())
            .is_err()
    );
}

#[test]
fn problems_lists_every_broken_rule() {
    let (mut p, doc, spans) = project_with("[Both] parties [agreed].");
    let a = annotate(&mut p, doc, "claim", vec![spans[0]]);
    let b = annotate(&mut p, doc, "claim", vec![spans[1]]);
    p.rebuild(|parts| {
        parts.annotations[0].quote = "Bath".into();
    });
    p.rebuild(|parts| {
        parts.annotations[1].tag = "nope".into();
    });
    p.rebuild(|parts| {
        parts.annotations[1].holders = vec![ActorId::random()];
    });
    let holder = p.annotations()[1].holders[0];
    let problems = p.problems();
    assert_eq!(
        problems,
        vec![
            Problem::QuoteMismatch {
                annotation: a,
                document: doc,
                quote: "Bath".to_owned(),
                found: "Both".to_owned()
            },
            Problem::UnknownTag {
                annotation: b,
                tag: "nope".to_owned()
            },
            Problem::UnknownHolder {
                annotation: b,
                holder
            },
        ]
    );
    assert_eq!(problems[0].subject(), Subject::Annotation(a));
    assert_eq!(
        problems[1].to_string(),
        format!("annotation {b}: unknown tag \"nope\"")
    );
    assert_eq!(
        problems[2].to_string(),
        format!("annotation {b}: holder {holder} is not an actor of this project")
    );
}

#[test]
fn a_quote_mismatch_over_a_long_range_is_reported_briefly() {
    let (mut p, doc, _) = project_with(&"All of it. ".repeat(1000));
    let whole = Span::new(0, p.documents()[0].len_chars());
    let mut a = p.new_annotation(doc, "claim", vec![whole], t0()).unwrap();
    a.quote = "something else".to_owned();
    p.rebuild(|parts| {
        parts.annotations.push(a);
    });
    let problems = p.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let message = problems[0].detail().to_string();
    assert!(message.contains("does not match"), "{message}");
    assert!(message.chars().count() < 250, "{} chars", message.len());
}

#[test]
fn annotations_stay_in_text_order() {
    let (mut p, doc, spans) = project_with("[a] [b] [c] [d]");
    for s in [spans[2], spans[0], spans[3], spans[1]] {
        annotate(&mut p, doc, "claim", vec![s]);
    }
    let quotes: Vec<_> = p.annotations_of(doc).map(|a| a.quote.as_str()).collect();
    assert_eq!(quotes, ["a", "b", "c", "d"]);
    let first = p.annotations()[0].id;
    p.apply(p.set_ranges(first, vec![spans[3]], t0()).unwrap())
        .unwrap();
    let quotes: Vec<_> = p.annotations_of(doc).map(|a| a.quote.as_str()).collect();
    assert_eq!(quotes, ["b", "c", "d", "d"]);
}

#[test]
fn a_blank_note_is_no_note() {
    let (mut p, doc, spans) = project_with("Ushakov said [talks were useful].");
    let id = annotate(&mut p, doc, "claim", spans);
    p.apply(p.set_note(id, "Useful ", t0()).unwrap()).unwrap();
    assert_eq!(p.annotation(id).unwrap().note.as_deref(), Some("Useful "));
    p.apply(p.set_note(id, " \n ", t0()).unwrap()).unwrap();
    assert_eq!(p.annotation(id).unwrap().note, None);
}

#[test]
fn removing_a_range_keeps_at_least_one() {
    let (mut p, doc, spans) = project_with("\"[We agree],\" he said, \"[in part].\"");
    let id = annotate(&mut p, doc, "position", spans);
    assert_eq!(p.remove_range(id, 2, t0()), Err(EditError::BadIndex(2)));
    p.apply(p.remove_range(id, 0, t0()).unwrap()).unwrap();
    let a = p.annotation(id).unwrap();
    assert_eq!(a.quote, "in part");
    assert_eq!(a.ranges.len(), 1);
    assert_eq!(p.remove_range(id, 0, t0()), Err(EditError::LastRange(id)));
}

#[test]
fn failed_batch_changes_nothing() {
    let (mut p, doc, spans) = project_with("[x] y");
    let a = p.new_annotation(doc, "claim", spans, t0()).unwrap();
    let before = p.clone();
    let batch = Edit::Batch(vec![
        Edit::AddAnnotation(Box::new(a)),
        Edit::RemoveActor(ActorId::random()),
    ]);
    assert!(p.apply(batch).is_err());
    assert_eq!(p, before);
}

#[test]
fn adding_many_annotations_at_once_is_checked_and_undone_as_one() {
    let (mut p, doc, spans) = project_with("[a] [b] [c] [d]");
    annotate(&mut p, doc, "claim", vec![spans[1]]);
    let before = p.clone();
    let new = |span: Span| p.new_annotation(doc, "position", vec![span], t0()).unwrap();
    let (d, a, c) = (new(spans[3]), new(spans[0]), new(spans[2]));
    let batch = vec![d.clone(), a.clone(), c];

    let mut broken = a.clone();
    broken.tag = "rumour".to_owned();
    let refused = [
        vec![a.clone(), a.clone()],
        vec![d.clone(), broken],
        vec![Annotation::clone(&before.annotations()[0])],
    ];
    for annotations in refused {
        assert!(p.apply(Edit::AddAnnotations(annotations)).is_err());
        assert_eq!(p, before);
    }

    let undo = p.apply(Edit::AddAnnotations(batch)).unwrap();
    let quotes: Vec<_> = p.annotations_of(doc).map(|a| a.quote.as_str()).collect();
    assert_eq!(
        quotes,
        ["a", "b", "c", "d"],
        "canonical order after a bulk add"
    );
    assert!(p.problems().is_empty());
    let after = p.clone();
    let redo = p.apply(undo).unwrap();
    assert_eq!(p, before);
    p.apply(redo).unwrap();
    assert_eq!(p, after);
    let unknown = AnnotationId::random();
    let first = p.annotations()[0].id;
    assert_eq!(
        p.apply(Edit::RemoveAnnotations(vec![first, unknown])),
        Err(EditError::NoSuchAnnotation(unknown))
    );
    assert_eq!(p, after, "a refused bulk removal changes nothing");
}

#[test]
fn history_undoes_redoes_and_tracks_saved_state() {
    let (mut p, doc, spans) = project_with("[Talks] were [useful].");
    let mut h = History::new();
    h.mark_saved();
    assert!(!h.is_dirty());
    let a = p
        .new_annotation(doc, "claim", vec![spans[0]], t0())
        .unwrap();
    let id = a.id;
    h.apply(
        &mut p,
        Edit::AddAnnotation(Box::new(a)),
        "Tag claim",
        None,
        t0(),
    )
    .unwrap();
    assert!(h.is_dirty());
    h.mark_saved();
    let retag = p.set_tag(id, "concession", t0()).unwrap();
    h.apply(&mut p, retag, "Retag", None, t0()).unwrap();
    assert!(h.is_dirty());
    assert_eq!(h.undo(&mut p).as_deref(), Some("Retag"));
    assert!(!h.is_dirty());
    assert_eq!(p.annotation(id).unwrap().tag, "claim");
    assert_eq!(h.redo(&mut p).as_deref(), Some("Retag"));
    assert_eq!(p.annotation(id).unwrap().tag, "concession");
    assert!(h.is_dirty());
    h.undo(&mut p);
    h.undo(&mut p);
    assert!(p.annotations().is_empty());
    assert!(h.is_dirty());
    assert!(h.undo(&mut p).is_none());
}

#[test]
fn typing_a_note_is_one_undo_step() {
    let (mut p, doc, spans) = project_with("[Talks] were useful.");
    let id = annotate(&mut p, doc, "claim", spans);
    let mut h = History::new();
    let key = format!("note:{id}");
    let mut now = t0();
    for prefix in ["V", "Ve", "Ver", "Very"] {
        now += TimeDelta::milliseconds(300);
        let edit = p.set_note(id, prefix, now).unwrap();
        h.apply(&mut p, edit, "Edit note", Some(&key), now).unwrap();
    }
    // A pause starts a new burst.
    now += TimeDelta::seconds(10);
    let edit = p.set_note(id, "Very!", now).unwrap();
    h.apply(&mut p, edit, "Edit note", Some(&key), now).unwrap();
    h.undo(&mut p);
    assert_eq!(p.annotation(id).unwrap().note.as_deref(), Some("Very"));
    h.undo(&mut p);
    assert_eq!(p.annotation(id).unwrap().note, None);
    assert!(!h.can_undo());
    h.redo(&mut p);
    assert_eq!(p.annotation(id).unwrap().note.as_deref(), Some("Very"));
}

/// A random edit request, resolved against the project's current state.
#[derive(Clone, Debug)]
enum Op {
    Add {
        tag: usize,
        start: usize,
        len: usize,
        second: Option<(usize, usize)>,
    },
    /// Several annotations in one [`Edit::AddAnnotations`], as an import adds them.
    AddMany(Vec<(usize, usize, usize)>),
    Remove(usize),
    Retag(usize, usize),
    Note(usize, String),
    Holder(usize, Option<usize>),
    AddActor(String),
    RenameActor(usize, String),
    SetAliases(usize, String),
    Merge(usize, usize),
    DeleteActor(usize),
    AddIssue(String),
    RenameIssue(usize, String),
    MergeIssues(usize, usize),
    DeleteIssue(usize),
    AboutIssue(usize, usize),
    Relate(usize, usize, usize),
    Unrelate(usize),
    Stance(usize, Option<usize>),
    Target(usize, Option<usize>),
    Cue(usize, usize, usize),
    Retire(usize, bool),
}

/// Actor names in several scripts, often the same name in another case, so clashes that only
/// a Unicode-aware comparison sees ("ПУТИН" and "Путин") come up.
fn actor_name() -> impl Strategy<Value = String> {
    const SAME_NAMES: [&str; 12] = [
        "Путин",
        "ПУТИН",
        " путин ",
        "Ζεύς",
        "ΖΕΎΣ",
        "Émile",
        "ÉMILE",
        "émile",
        "Ushakov",
        "USHAKOV",
        "Łukasz",
        "ŁUKASZ",
    ];
    prop_oneof![
        proptest::sample::select(&SAME_NAMES[..]).prop_map(str::to_owned),
        "[A-Za-zА-Яа-яΑ-Ωα-ωÀ-ÖØ-öø-ÿ ]{1,10}",
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..3usize, 0..60usize, 1..20usize, proptest::option::of((0..60usize, 1..10usize)))
            .prop_map(|(tag, start, len, second)| Op::Add { tag, start, len, second }),
        1 => proptest::collection::vec((0..3usize, 0..60usize, 1..20usize), 0..5)
            .prop_map(Op::AddMany),
        1 => (0..20usize).prop_map(Op::Remove),
        1 => (0..20usize, 0..3usize).prop_map(|(a, t)| Op::Retag(a, t)),
        1 => (0..20usize, "\\PC{0,12}").prop_map(|(a, n)| Op::Note(a, n)),
        1 => (0..20usize, proptest::option::of(0..6usize)).prop_map(|(a, h)| Op::Holder(a, h)),
        1 => actor_name().prop_map(Op::AddActor),
        1 => (0..6usize, actor_name()).prop_map(|(a, n)| Op::RenameActor(a, n)),
        1 => (0..6usize, proptest::collection::vec(actor_name(), 0..3))
            .prop_map(|(a, n)| Op::SetAliases(a, n.join(","))),
        1 => (0..6usize, 0..6usize).prop_map(|(a, b)| Op::Merge(a, b)),
        1 => (0..6usize).prop_map(Op::DeleteActor),
        1 => actor_name().prop_map(Op::AddIssue),
        1 => (0..6usize, actor_name()).prop_map(|(i, n)| Op::RenameIssue(i, n)),
        1 => (0..6usize, 0..6usize).prop_map(|(a, b)| Op::MergeIssues(a, b)),
        1 => (0..6usize).prop_map(Op::DeleteIssue),
        2 => (0..20usize, 0..6usize).prop_map(|(a, i)| Op::AboutIssue(a, i)),
        2 => (0..7usize, 0..20usize, 0..20usize).prop_map(|(k, a, b)| Op::Relate(k, a, b)),
        1 => (0..10usize).prop_map(Op::Unrelate),
        1 => (0..20usize, proptest::option::of(0..4usize)).prop_map(|(a, s)| Op::Stance(a, s)),
        1 => (0..20usize, proptest::option::of(0..6usize)).prop_map(|(a, t)| Op::Target(a, t)),
        1 => (0..20usize, 0..60usize, 0..8usize).prop_map(|(a, s, n)| Op::Cue(a, s, n)),
        1 => (0..3usize, any::<bool>()).prop_map(|(t, r)| Op::Retire(t, r)),
    ]
}

fn resolve(p: &Project, doc: DocumentId, op: Op) -> Option<Edit> {
    let tags = ["claim", "position", "concession"];
    let ann = |i: usize| {
        p.annotations()
            .get(i % p.annotations().len().max(1))
            .map(|a| a.id)
    };
    let actor = |i: usize| p.actors().get(i % p.actors().len().max(1)).map(|a| a.id);
    let len = p.document(doc)?.len_chars();
    match op {
        Op::Add {
            tag,
            start,
            len: n,
            second,
        } => {
            let mut ranges = vec![Span::new(start.min(len - 1), (start + n).min(len))];
            if let Some((s, n)) = second {
                ranges.push(Span::new(s.min(len - 1), (s + n).min(len)));
            }
            let a = p.new_annotation(doc, tags[tag], ranges, t0()).ok()?;
            Some(Edit::AddAnnotation(Box::new(a)))
        }
        Op::AddMany(spans) => {
            let annotations = spans
                .into_iter()
                .map(|(tag, start, n)| {
                    let range = Span::new(start.min(len - 1), (start + n).min(len));
                    p.new_annotation(doc, tags[tag], vec![range], t0()).ok()
                })
                .collect::<Option<Vec<_>>>()?;
            Some(Edit::AddAnnotations(annotations))
        }
        Op::Remove(i) => p.delete_annotation(ann(i)?).ok(),
        Op::Retag(i, t) => p
            .set_tag(ann(i)?, tags[t], t0() + TimeDelta::seconds(1))
            .ok(),
        Op::Note(i, n) => p.set_note(ann(i)?, &n, t0() + TimeDelta::seconds(2)).ok(),
        Op::Holder(i, h) => p.set_holder(ann(i)?, h.and_then(actor), t0()).ok(),
        Op::AddActor(name) => p.add_actor(Actor::new(name, Some("X"))).ok(),
        Op::RenameActor(i, name) => p.rename_actor(actor(i)?, &name).ok(),
        Op::SetAliases(i, text) => p.set_aliases(actor(i)?, &text).ok(),
        Op::Merge(a, b) => p.merge_actors(actor(a)?, actor(b)?, t0()).ok(),
        Op::DeleteActor(i) => p.delete_actor(actor(i)?, t0()).ok(),
        op => resolve_negotiation(p, doc, op),
    }
}

/// The format 2 ops: issues, relations, stance, target, cue, retired tags.
fn resolve_negotiation(p: &Project, doc: DocumentId, op: Op) -> Option<Edit> {
    let ann = |i: usize| {
        p.annotations()
            .get(i % p.annotations().len().max(1))
            .map(|a| a.id)
    };
    let issue = |i: usize| p.issues.get(i % p.issues.len().max(1)).map(|x| x.id);
    let cx = EditContext::new(Some("Ana"), t0() + TimeDelta::seconds(3));
    match op {
        Op::AddIssue(name) => p.add_issue(Issue::new(name)).ok(),
        Op::RenameIssue(i, name) => p.rename_issue(issue(i)?, &name).ok(),
        Op::MergeIssues(a, b) => p.merge_issues(issue(a)?, issue(b)?, &cx).ok(),
        Op::DeleteIssue(i) => p.delete_issue(issue(i)?, &cx).ok(),
        Op::AboutIssue(a, i) => p.add_issue_to(ann(a)?, issue(i)?, &cx).ok(),
        Op::Relate(kind, a, b) => {
            let kind = &p.schema.relation_types.get(kind)?.key;
            p.add_relation(kind, ann(a)?, ann(b)?, Some("why")).ok()
        }
        Op::Unrelate(i) => {
            let relation = p.relations.get(i % p.relations.len().max(1))?;
            p.delete_relation(relation.id).ok()
        }
        Op::Stance(a, s) => p.set_stance(ann(a)?, s.map(|s| Stance::ALL[s]), &cx).ok(),
        Op::Target(a, t) => {
            let target = t.and_then(|t| p.actors().get(t % p.actors().len().max(1)).map(|x| x.id));
            p.set_target(ann(a)?, target, &cx).ok()
        }
        Op::Cue(a, start, n) => {
            let len = p.document(doc)?.len_chars();
            let cue = vec![Span::new(start.min(len), (start + n).min(len))];
            p.set_cue(ann(a)?, cue, &cx).ok()
        }
        Op::Retire(t, retired) => {
            let key = &p.schema.tags.get(t)?.key;
            p.set_tag_retired(key, retired).ok()
        }
        _ => None,
    }
}

/// No two actors answer to the same name (names and aliases, case-insensitively in any
/// script). Folds case itself rather than through `is_called`, so a wrong rule there fails.
fn names_are_unique(p: &Project) -> bool {
    let fold = |name: &str| {
        name.trim()
            .chars()
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let mut owners = std::collections::HashMap::new();
    p.actors().iter().all(|a| {
        std::iter::once(&a.name)
            .chain(&a.aliases)
            .all(|name| *owners.entry(fold(name)).or_insert(a.id) == a.id)
    })
}

/// No two issues answer to the same name (as [`names_are_unique`] for actors).
fn issue_names_are_unique(p: &Project) -> bool {
    let mut owners = std::collections::HashMap::new();
    p.issues.iter().all(|issue| {
        (issue.names()).all(|name| *owners.entry(name_key(name)).or_insert(issue.id) == issue.id)
    })
}

proptest! {
    #[test]
    fn every_inverse_restores_the_project(ops in proptest::collection::vec(op(), 1..40)) {
        let (mut p, doc, _) = project_with("Ushakov: “The territorial issue – naturally – is 最重要 for us” 🇺🇦 e\u{301}.");
        // The same edits through one history, to undo all the way back at the end.
        let mut session = p.clone();
        let mut session_history = History::new();
        let mut snapshots = vec![p.clone()];
        for op in ops {
            let Some(edit) = resolve(&p, doc, op) else { continue };
            let before = p.clone();
            let Ok(inverse) = p.apply(edit.clone()) else {
                prop_assert_eq!(&p, &before);
                continue;
            };
            prop_assert!(p.problems().is_empty(), "{:?}", p.problems());
            prop_assert!(names_are_unique(&p), "{:?}", p.actors());
            prop_assert!(issue_names_are_unique(&p), "{:?}", p.issues);
            // The index each edit kept up to date is the one a fresh build makes.
            index::assert_index_agrees(&p, p.index());
            prop_assert_eq!(p.index(), &p.index_from_scratch());
            let after = p.clone();
            let redo = p.apply(inverse).unwrap();
            prop_assert_eq!(&p, &before);
            prop_assert_eq!(p.index(), before.index());
            p.apply(redo).unwrap();
            prop_assert_eq!(&p, &after);
            prop_assert_eq!(p.index(), after.index());
            // And the same through the history.
            let mut replay = before.clone();
            let mut h = History::new();
            h.apply(&mut replay, edit.clone(), "op", None, t0()).unwrap();
            prop_assert_eq!(&replay, &after);
            h.undo(&mut replay);
            prop_assert_eq!(&replay, &before);
            prop_assert_eq!(replay.index(), &replay.index_from_scratch());
            session_history.apply(&mut session, edit, "op", None, t0()).unwrap();
            prop_assert_eq!(&session, &after);
            snapshots.push(after);
        }
        // Undoing every step passes back through every state, newest first.
        snapshots.pop();
        while let Some(expected) = snapshots.pop() {
            prop_assert!(session_history.undo(&mut session).is_some());
            prop_assert_eq!(&session, &expected);
            prop_assert_eq!(session.index(), &session.index_from_scratch());
        }
        prop_assert!(session_history.undo(&mut session).is_none());
    }
}
