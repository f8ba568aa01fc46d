//! Model tests that read like the domain: `[brackets]` in a text mark the span to annotate.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;

use super::*;

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
    a.holder = Some(ActorId::random());
    assert!(p.apply(Edit::AddAnnotation(Box::new(a))).is_err());
    assert!(p.annotations.is_empty());
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
    p.annotations[0].quote = "Bath".into();
    p.annotations[1].tag = "nope".into();
    p.annotations[1].holder = Some(ActorId::random());
    let problems = p.problems();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|x| x.subject == Subject::Annotation(a) && x.message.contains("quote"))
    );
    assert!(
        problems
            .iter()
            .any(|x| x.subject == Subject::Annotation(b) && x.message.contains("unknown tag"))
    );
}

#[test]
fn a_quote_mismatch_over_a_long_range_is_reported_briefly() {
    let (mut p, doc, _) = project_with(&"All of it. ".repeat(1000));
    let whole = Span::new(0, p.documents[0].len_chars());
    let mut a = p.new_annotation(doc, "claim", vec![whole], t0()).unwrap();
    a.quote = "something else".to_owned();
    p.annotations.push(a);
    let problems = p.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    let message = &problems[0].message;
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
    let first = p.annotations[0].id;
    p.apply(p.set_ranges(first, vec![spans[3]], t0()).unwrap())
        .unwrap();
    let quotes: Vec<_> = p.annotations_of(doc).map(|a| a.quote.as_str()).collect();
    assert_eq!(quotes, ["b", "c", "d", "d"]);
}

#[test]
fn merge_moves_annotations_and_keeps_names_as_aliases() {
    let (mut p, doc, spans) = project_with("[Putin] said, and [Vladimir Putin] added.");
    let putin = Actor::new("Putin", Some("Russia"));
    let vladimir = Actor::new("Vladimir Putin", None);
    let (pid, vid) = (putin.id, vladimir.id);
    p.apply(p.add_actor(putin).unwrap()).unwrap();
    p.apply(p.add_actor(vladimir).unwrap()).unwrap();
    let a = annotate(&mut p, doc, "claim", vec![spans[0]]);
    let b = annotate(&mut p, doc, "claim", vec![spans[1]]);
    p.apply(p.set_holder(a, Some(pid), t0()).unwrap()).unwrap();
    p.apply(p.set_holder(b, Some(vid), t0()).unwrap()).unwrap();
    let before = p.clone();
    let inverse = p.apply(p.merge_actors(vid, pid, t0()).unwrap()).unwrap();
    assert_eq!(p.actors.len(), 1);
    assert_eq!(p.holder_count(pid), 2);
    assert!(p.actor(pid).unwrap().is_called("vladimir putin"));
    p.apply(inverse).unwrap();
    assert_eq!(p, before);
}

/// Adds actors by name and returns their ids.
fn with_actors(p: &mut Project, names: &[&str]) -> Vec<ActorId> {
    names
        .iter()
        .map(|name| {
            let actor = Actor::new(*name, None);
            let id = actor.id;
            p.apply(p.add_actor(actor).unwrap()).unwrap();
            id
        })
        .collect()
}

#[test]
fn an_actor_name_is_trimmed_and_taken_only_once() {
    let (mut p, _, _) = project_with("Ushakov said talks were useful.");
    let ids = with_actors(&mut p, &["  Yuri Ushakov "]);
    assert_eq!(p.actor(ids[0]).unwrap().name, "Yuri Ushakov");
    p.apply(p.set_aliases(ids[0], "Ushakov").unwrap()).unwrap();
    for taken in ["yuri ushakov", "USHAKOV", " Ushakov "] {
        assert_eq!(
            p.add_actor(Actor::new(taken, None)),
            Err(EditError::DuplicateActorName {
                name: taken.trim().to_owned(),
                existing: "Yuri Ushakov".to_owned()
            }),
            "{taken}"
        );
    }
    let mut aliased = Actor::new("Kremlin aide", None);
    aliased.aliases = vec!["ushakov".to_owned()];
    assert!(matches!(
        p.add_actor(aliased),
        Err(EditError::DuplicateActorName { .. })
    ));
    assert_eq!(
        p.add_actor(Actor::new(" ", None)),
        Err(EditError::EmptyName)
    );
    assert_eq!(p.actors.len(), 1);
}

#[test]
fn renaming_refuses_another_actors_name_or_alias() {
    let (mut p, _, _) = project_with("Witkoff and Kushner met Putin.");
    let ids = with_actors(&mut p, &["Steve Witkoff", "Jared Kushner"]);
    p.apply(p.set_aliases(ids[1], "Kushner").unwrap()).unwrap();
    for taken in ["jared kushner", "KUSHNER"] {
        assert!(
            matches!(
                p.rename_actor(ids[0], taken),
                Err(EditError::DuplicateActorName { existing, .. }) if existing == "Jared Kushner"
            ),
            "{taken}"
        );
    }
    assert_eq!(p.rename_actor(ids[0], "  "), Err(EditError::EmptyName));
    // Changing only the case of one's own name is a rename, not a clash.
    p.apply(p.rename_actor(ids[0], " steve witkoff ").unwrap())
        .unwrap();
    assert_eq!(p.actor(ids[0]).unwrap().name, "steve witkoff");
}

#[test]
fn renaming_to_an_alias_drops_that_alias() {
    let (mut p, _, _) = project_with("Putin spoke.");
    let ids = with_actors(&mut p, &["Putin"]);
    p.apply(
        p.set_aliases(ids[0], "Vladimir Putin, the Kremlin leader")
            .unwrap(),
    )
    .unwrap();
    p.apply(p.rename_actor(ids[0], "Vladimir Putin").unwrap())
        .unwrap();
    let actor = p.actor(ids[0]).unwrap();
    assert_eq!(actor.name, "Vladimir Putin");
    assert_eq!(actor.aliases, ["the Kremlin leader"]);
}

#[test]
fn aliases_are_trimmed_deduplicated_and_never_the_name() {
    let (mut p, _, _) = project_with("Putin spoke.");
    let ids = with_actors(&mut p, &["Putin", "Marco Rubio"]);
    let typed = " Vladimir Putin, , the Kremlin leader,putin, vladimir putin";
    p.apply(p.set_aliases(ids[0], typed).unwrap()).unwrap();
    assert_eq!(
        p.actor(ids[0]).unwrap().aliases,
        ["Vladimir Putin", "the Kremlin leader"]
    );
    // An alias naming another actor would make "who is Rubio?" ambiguous.
    assert!(matches!(
        p.set_aliases(ids[0], "Kremlin, marco rubio"),
        Err(EditError::DuplicateActorName { existing, .. }) if existing == "Marco Rubio"
    ));
    let unchanged = p
        .set_aliases(ids[0], "the Kremlin leader ,Vladimir Putin")
        .unwrap();
    assert!(!p.is_no_op(&unchanged), "the order changed");
    let same = p
        .set_aliases(ids[0], "Vladimir Putin, the Kremlin leader,")
        .unwrap();
    assert!(p.is_no_op(&same));
}

#[test]
fn a_blank_affiliation_is_none() {
    let (mut p, _, _) = project_with("Rubio spoke.");
    let ids = with_actors(&mut p, &["Marco Rubio"]);
    p.apply(p.set_affiliation(ids[0], "United ").unwrap())
        .unwrap();
    // Kept as typed: the field is edited live and the next word follows the space.
    assert_eq!(
        p.actor(ids[0]).unwrap().affiliation.as_deref(),
        Some("United ")
    );
    p.apply(p.set_affiliation(ids[0], "  ").unwrap()).unwrap();
    assert_eq!(p.actor(ids[0]).unwrap().affiliation, None);
    let blank = Actor::new("Steve Witkoff", Some(" "));
    let wid = blank.id;
    p.apply(p.add_actor(blank).unwrap()).unwrap();
    assert_eq!(p.actor(wid).unwrap().affiliation, None);
}

#[test]
fn a_holder_named_reuses_the_actor_called_so() {
    let (mut p, doc, spans) = project_with("[Putin] said and [the Kremlin] added.");
    let ids = with_actors(&mut p, &["Vladimir Putin"]);
    p.apply(p.set_aliases(ids[0], "Putin").unwrap()).unwrap();
    let a = annotate(&mut p, doc, "claim", vec![spans[0]]);
    let b = annotate(&mut p, doc, "claim", vec![spans[1]]);
    p.apply(p.set_holder_named(a, " putin ", t0()).unwrap())
        .unwrap();
    assert_eq!(p.annotation(a).unwrap().holder, Some(ids[0]));
    assert_eq!(p.actors.len(), 1);

    let before = p.clone();
    let inverse = p
        .apply(p.set_holder_named(b, " The Kremlin ", t0()).unwrap())
        .unwrap();
    assert_eq!(p.actors.len(), 2);
    assert_eq!(p.holder_name(p.annotation(b).unwrap()), "The Kremlin");
    p.apply(inverse).unwrap();
    assert_eq!(p, before);
    assert_eq!(p.set_holder_named(b, "  ", t0()), Err(EditError::EmptyName));
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
fn actor_in_use_cannot_be_removed_but_can_be_deleted() {
    let (mut p, doc, spans) = project_with("[Rubio] spoke.");
    let rubio = Actor::new("Marco Rubio", Some("United States"));
    let rid = rubio.id;
    p.apply(p.add_actor(rubio).unwrap()).unwrap();
    let a = annotate(&mut p, doc, "claim", spans);
    p.apply(p.set_holder(a, Some(rid), t0()).unwrap()).unwrap();
    assert!(matches!(
        p.apply(Edit::RemoveActor(rid)),
        Err(EditError::ActorInUse { .. })
    ));
    p.apply(p.delete_actor(rid, t0()).unwrap()).unwrap();
    assert!(p.actors.is_empty());
    assert_eq!(p.annotation(a).unwrap().holder, None);
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
        vec![before.annotations[0].clone()],
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
    let first = p.annotations[0].id;
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
    assert!(p.annotations.is_empty());
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
    Merge(usize, usize),
    DeleteActor(usize),
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
        1 => "[A-Za-z ]{1,10}".prop_map(Op::AddActor),
        1 => (0..6usize, "[A-Za-z]{1,8}").prop_map(|(a, n)| Op::RenameActor(a, n)),
        1 => (0..6usize, 0..6usize).prop_map(|(a, b)| Op::Merge(a, b)),
        1 => (0..6usize).prop_map(Op::DeleteActor),
    ]
}

fn resolve(p: &Project, doc: DocumentId, op: Op) -> Option<Edit> {
    let tags = ["claim", "position", "concession"];
    let ann = |i: usize| {
        p.annotations
            .get(i % p.annotations.len().max(1))
            .map(|a| a.id)
    };
    let actor = |i: usize| p.actors.get(i % p.actors.len().max(1)).map(|a| a.id);
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
        Op::Merge(a, b) => p.merge_actors(actor(a)?, actor(b)?, t0()).ok(),
        Op::DeleteActor(i) => p.delete_actor(actor(i)?, t0()).ok(),
    }
}

proptest! {
    #[test]
    fn every_inverse_restores_the_project(ops in proptest::collection::vec(op(), 1..40)) {
        let (mut p, doc, _) = project_with("Ushakov: “The territorial issue – naturally – is 最重要 for us” 🇺🇦 e\u{301}.");
        let mut snapshots = vec![p.clone()];
        for op in ops {
            let Some(edit) = resolve(&p, doc, op) else { continue };
            let before = p.clone();
            let Ok(inverse) = p.apply(edit.clone()) else {
                prop_assert_eq!(&p, &before);
                continue;
            };
            prop_assert!(p.problems().is_empty(), "{:?}", p.problems());
            let after = p.clone();
            let redo = p.apply(inverse).unwrap();
            prop_assert_eq!(&p, &before);
            p.apply(redo).unwrap();
            prop_assert_eq!(&p, &after);
            // And the same through the history.
            let mut replay = before.clone();
            let mut h = History::new();
            h.apply(&mut replay, edit, "op", None, t0()).unwrap();
            prop_assert_eq!(&replay, &after);
            h.undo(&mut replay);
            prop_assert_eq!(&replay, &before);
            snapshots.push(after);
        }
        prop_assert!(!snapshots.is_empty());
    }
}
