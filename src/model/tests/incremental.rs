//! The key property of the index: after any sequence of edits, undos and redos over several
//! documents, the index the project kept up to date edit by edit equals one built from
//! scratch, and every annotation is found where it is.

use super::index::assert_index_agrees;
use super::*;

const TEXTS: [&str; 3] = [
    "Witkoff met Putin in Moscow; Ushakov said the talks were useful.",
    "Rubio told reporters the framework is “not final”, and Kyiv agreed.",
    "Officials said the ceasefire holds. 最重要 for us, said Zelensky 🇺🇦.",
];

/// One step of a session, by indices that [`step`] wraps into what the project has.
#[derive(Clone, Debug)]
enum Step {
    Add {
        doc: usize,
        start: usize,
        len: usize,
        tag: usize,
    },
    AddMany(usize, Vec<(usize, usize)>),
    Delete(usize),
    DeleteMany(Vec<usize>),
    Retag(usize, usize),
    Holder(usize, Option<usize>),
    Target(usize, Option<usize>),
    /// New ranges: moves the annotation in canonical order.
    Move(usize, usize, usize),
    AddActor(usize, String),
    DeleteActor(usize),
    MergeActors(usize, usize),
    InsertDocument(usize),
    RemoveDocument(usize),
    /// A paragraph added at the top of a document's text, its annotations re-anchored.
    Reanchor(usize),
    Undo,
    Redo,
}

fn step_strategy() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..4usize, 0..70usize, 1..15usize, 0..3usize)
            .prop_map(|(doc, start, len, tag)| Step::Add { doc, start, len, tag }),
        1 => (0..4usize, proptest::collection::vec((0..70usize, 1..10usize), 0..6))
            .prop_map(|(doc, spans)| Step::AddMany(doc, spans)),
        1 => (0..30usize).prop_map(Step::Delete),
        1 => proptest::collection::vec(0..30usize, 1..4).prop_map(Step::DeleteMany),
        2 => (0..30usize, 0..3usize).prop_map(|(a, t)| Step::Retag(a, t)),
        2 => (0..30usize, proptest::option::of(0..5usize)).prop_map(|(a, h)| Step::Holder(a, h)),
        1 => (0..30usize, proptest::option::of(0..5usize)).prop_map(|(a, t)| Step::Target(a, t)),
        2 => (0..30usize, 0..70usize, 1..15usize).prop_map(|(a, s, n)| Step::Move(a, s, n)),
        1 => (0..5usize, "[A-Z][a-z]{1,6}").prop_map(|(at, name)| Step::AddActor(at, name)),
        1 => (0..5usize).prop_map(Step::DeleteActor),
        1 => (0..5usize, 0..5usize).prop_map(|(a, b)| Step::MergeActors(a, b)),
        1 => (0..5usize).prop_map(Step::InsertDocument),
        1 => (0..5usize).prop_map(Step::RemoveDocument),
        1 => (0..4usize).prop_map(Step::Reanchor),
        3 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

fn session() -> Project {
    let mut p = Project::new("incremental");
    for (i, text) in TEXTS.iter().enumerate() {
        let doc = Document::new(format!("doc {i}"), (*text).to_owned());
        p.apply(p.add_document(doc)).unwrap();
    }
    for name in ["Witkoff", "Putin", "Rubio"] {
        p.apply(p.add_actor(Actor::new(name, None)).unwrap())
            .unwrap();
    }
    p
}

/// The edit a step asks for, if it makes sense in this project (else the step is skipped).
fn edit_for(p: &Project, step: &Step) -> Option<Edit> {
    let tags = ["claim", "position", "concession"];
    let pick = |n: usize, i: usize| (n > 0).then(|| i % n);
    let doc = |i: usize| p.documents().get(pick(p.documents().len(), i)?);
    let ann = |i: usize| {
        p.annotations()
            .get(pick(p.annotations().len(), i)?)
            .map(|a| a.id)
    };
    let actor = |i: usize| p.actors().get(pick(p.actors().len(), i)?).map(|a| a.id);
    let span = |d: &Document, start: usize, len: usize| {
        let n = d.len_chars();
        let start = start % n;
        Span::new(start, (start + len).min(n))
    };
    let cx = t0() + TimeDelta::seconds(5);
    match step {
        Step::Add {
            doc: d,
            start,
            len,
            tag,
        } => {
            let d = doc(*d)?;
            let a = p
                .new_annotation(d.id, tags[*tag], vec![span(d, *start, *len)], cx)
                .ok()?;
            Some(Edit::AddAnnotation(Box::new(a)))
        }
        Step::AddMany(d, spans) => {
            let d = doc(*d)?;
            let annotations = (spans.iter())
                .map(|&(start, len)| {
                    p.new_annotation(d.id, "claim", vec![span(d, start, len)], cx)
                        .ok()
                })
                .collect::<Option<Vec<_>>>()?;
            Some(Edit::AddAnnotations(annotations))
        }
        Step::Delete(a) => p.delete_annotation(ann(*a)?).ok(),
        Step::DeleteMany(list) => {
            let mut ids: Vec<AnnotationId> = list.iter().filter_map(|&i| ann(i)).collect();
            ids.sort_unstable();
            ids.dedup();
            p.delete_annotations(&ids).ok()
        }
        Step::Retag(a, t) => p.set_tag(ann(*a)?, tags[*t], cx).ok(),
        Step::Holder(a, h) => p.set_holder(ann(*a)?, h.and_then(actor), cx).ok(),
        Step::Target(a, t) => p.set_target(ann(*a)?, t.and_then(actor), cx).ok(),
        Step::Move(a, start, len) => {
            let id = ann(*a)?;
            let d = p.document(p.annotation(id)?.document)?;
            p.set_ranges(id, vec![span(d, *start, *len)], cx).ok()
        }
        Step::AddActor(at, name) => {
            let actor = Actor::new(name.as_str(), None);
            p.check_new_actor_name(name).ok()?;
            Some(Edit::InsertActor {
                index: at % (p.actors().len() + 1),
                actor,
            })
        }
        Step::DeleteActor(i) => p.delete_actor(actor(*i)?, cx).ok(),
        Step::MergeActors(a, b) => p.merge_actors(actor(*a)?, actor(*b)?, cx).ok(),
        Step::InsertDocument(at) => Some(Edit::InsertDocument {
            index: at % (p.documents().len() + 1),
            document: Box::new(Document::new(
                "inserted",
                TEXTS[at % TEXTS.len()].to_owned(),
            )),
        }),
        Step::RemoveDocument(i) => Some(Edit::RemoveDocument(doc(*i)?.id)),
        Step::Reanchor(i) => {
            let d = doc(*i)?;
            let text = format!("A new first paragraph.\n{}", d.text);
            p.reanchor_document(d.id, &text, cx)
                .ok()
                .map(|(_, edit)| edit)
        }
        Step::Undo | Step::Redo => None,
    }
}

/// Annotations are in canonical order, and each is found at its place.
fn assert_order_and_lookups(p: &Project) {
    let keys: Vec<_> = p.annotations().iter().map(|a| p.order_key(a)).collect();
    assert!(keys.is_sorted(), "annotations out of canonical order");
    for (i, a) in p.annotations().iter().enumerate() {
        assert_eq!(p.annotation_index(a.id), Some(i));
        assert_eq!(p.annotation(a.id), Some(a));
    }
    for (i, d) in p.documents().iter().enumerate() {
        assert_eq!(p.document_index(d.id), Some(i));
        let range = p.document_annotation_range(d.id);
        assert!(
            p.annotations()[range.clone()]
                .iter()
                .all(|a| a.document == d.id)
        );
        let n = p
            .annotations()
            .iter()
            .filter(|a| a.document == d.id)
            .count();
        assert_eq!(range.len(), n, "document {}", d.title);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn the_index_kept_by_each_edit_and_undo_equals_a_fresh_build(
        steps in proptest::collection::vec(step_strategy(), 1..60)
    ) {
        let mut p = session();
        let initial = p.clone();
        let mut history = History::new();
        for step in &steps {
            match step {
                Step::Undo => {
                    history.undo(&mut p);
                }
                Step::Redo => {
                    history.redo(&mut p);
                }
                _ => {
                    let Some(edit) = edit_for(&p, step) else { continue };
                    let before = p.clone();
                    if history.apply(&mut p, edit, "step", None, t0()).is_err() {
                        // A refused edit changes nothing, the index included.
                        prop_assert_eq!(&p, &before);
                        prop_assert_eq!(p.index(), before.index());
                        continue;
                    }
                }
            }
            prop_assert_eq!(p.index(), &p.index_from_scratch(), "after {:?}", step);
            assert_index_agrees(&p, p.index());
            assert_order_and_lookups(&p);
        }
        // All the way back: the first state's index again.
        while history.undo(&mut p).is_some() {}
        prop_assert_eq!(&p, &initial);
        prop_assert_eq!(p.index(), initial.index());
    }
}
