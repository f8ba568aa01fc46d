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
    /// Format 3: a joint holder added or taken off.
    AddHolder(usize, usize),
    RemoveHolder(usize, usize),
    /// An issue added, and a stance (index into `Stance::ALL`) on one of the issues.
    AddIssue(usize, usize),
    IssueStance(usize, usize, Option<usize>),
    SaidOn(usize, Option<u32>),
    Firmness(usize, Option<bool>),
    Side(usize, Option<usize>),
    AddRound(usize, u32, u32),
    DeleteRound(usize),
    Brief(usize, usize, String),
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
        2 => (0..30usize, 0..5usize).prop_map(|(a, h)| Step::AddHolder(a, h)),
        1 => (0..30usize, 0..5usize).prop_map(|(a, h)| Step::RemoveHolder(a, h)),
        2 => (0..30usize, 0..3usize).prop_map(|(a, i)| Step::AddIssue(a, i)),
        2 => (0..30usize, 0..3usize, proptest::option::of(0..4usize))
            .prop_map(|(a, i, s)| Step::IssueStance(a, i, s)),
        1 => (0..30usize, proptest::option::of(1..400u32)).prop_map(|(a, d)| Step::SaidOn(a, d)),
        1 => (0..30usize, proptest::option::of(proptest::bool::ANY))
            .prop_map(|(a, f)| Step::Firmness(a, f)),
        2 => (0..5usize, proptest::option::of(0..5usize)).prop_map(|(a, s)| Step::Side(a, s)),
        1 => (0..3usize, 0..60u32, 0..60u32).prop_map(|(i, a, b)| Step::AddRound(i, a, b)),
        1 => (0..3usize).prop_map(Step::DeleteRound),
        1 => (0..3usize, 0..3usize, "[a-z ]{0,8}").prop_map(|(a, b, t)| Step::Brief(a, b, t)),
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
    for name in ["territory", "ceasefire", "sanctions"] {
        p.apply(p.add_issue(Issue::new(name)).unwrap()).unwrap();
    }
    p
}

/// The edit a step asks for, if it makes sense in this project (else the step is skipped).
#[expect(
    clippy::too_many_lines,
    reason = "one arm per step of a session, side by side"
)]
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
    let issue = |i: usize| p.issues().get(pick(p.issues().len(), i)?).map(|x| x.id);
    let round = |i: usize| p.rounds().get(pick(p.rounds().len(), i)?).map(|r| r.id);
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
        Step::AddHolder(a, h) => p.add_holder(ann(*a)?, actor(*h)?, cx).ok(),
        Step::RemoveHolder(a, h) => p.remove_holder(ann(*a)?, actor(*h)?, cx).ok(),
        Step::AddIssue(a, i) => p.add_issue_to(ann(*a)?, issue(*i)?, cx).ok(),
        Step::IssueStance(a, i, s) => {
            let stance = s.map(|s| Stance::ALL[s % Stance::ALL.len()]);
            p.set_issue_stance(ann(*a)?, issue(*i)?, stance, cx).ok()
        }
        Step::SaidOn(a, days) => {
            let day = days.map(|d| t0().date_naive() - chrono::Days::new(u64::from(d)));
            p.set_said_on(ann(*a)?, day.map(PartialDate::Day), cx).ok()
        }
        Step::Firmness(a, firm) => {
            let firmness = firm.map(|f| {
                if f {
                    Firmness::Firm
                } else {
                    Firmness::Flexible
                }
            });
            p.set_firmness(ann(*a)?, firmness, cx).ok()
        }
        // A side that would make a cycle is refused: the refusal is checked below.
        Step::Side(a, s) => p.set_side(actor(*a)?, s.and_then(actor)).ok(),
        Step::AddRound(i, from, len) => {
            let from = t0().date_naive() + chrono::Days::new(u64::from(*from));
            let span = if i % 2 == 0 {
                RoundSpan::Dates {
                    from,
                    to: from + chrono::Days::new(u64::from(*len)),
                }
            } else {
                RoundSpan::Documents(doc(*i).map(|d| d.id).into_iter().collect())
            };
            p.add_round(Round::new(format!("round {i}"), span)).ok()
        }
        Step::DeleteRound(i) => p.delete_round(round(*i)?).ok(),
        Step::Brief(a, b, text) => Some(p.set_brief(
            BriefKey::Rounds {
                from: round(*a)?,
                to: round(*b)?,
            },
            text,
        )),
        Step::Undo | Step::Redo => None,
    }
}

/// Annotations are in canonical order, and each is found at its place.
fn assert_order_and_lookups(p: &Project) {
    let keys: Vec<_> = p.annotations().iter().map(|a| p.order_key(a)).collect();
    assert!(keys.is_sorted(), "annotations out of canonical order");
    for (i, a) in p.annotations().iter().enumerate() {
        assert_eq!(p.annotation_index(a.id), Some(i));
        assert_eq!(p.annotation(a.id), Some(&**a));
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
            // Every rule holds after every edit and undo: no repeated holder or issue, no
            // cycle of sides, no general stance beside issues.
            prop_assert_eq!(p.problems(), Vec::new(), "after {:?}", step);
        }
        // All the way back: the first state's index again.
        while history.undo(&mut p).is_some() {}
        prop_assert_eq!(&p, &initial);
        prop_assert_eq!(p.index(), initial.index());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// A clone shares the project's data (a background save and the recovery mirror each hold
    /// one), yet neither sees the other's edits: the clone taken at step `at` still equals a
    /// deep copy taken then, and a mirror fed the same edits ends equal to the project.
    #[test]
    fn a_clone_keeps_its_state_while_either_is_edited(
        steps in proptest::collection::vec(step_strategy(), 1..60),
        at in 0_usize..60,
    ) {
        // Every case takes its clone at one of its steps.
        let at = at % steps.len();
        let mut p = session();
        let mut kept: Option<(Project, Project)> = None;
        let mut mirror: Option<Project> = None;
        for (i, step) in steps.iter().enumerate() {
            if i == at {
                kept = Some((p.clone(), Project::from_parts(p.to_parts())));
                mirror = Some(p.clone());
            }
            let Some(edit) = edit_for(&p, step) else { continue };
            let Ok(inverse) = p.apply(edit.clone()) else { continue };
            if let Some(mirror) = &mut mirror {
                prop_assert!(mirror.apply(edit).is_ok(), "the mirror refused {:?}", step);
            }
            // Half the time the project takes it back, as an undo does.
            if i % 2 == 0 {
                p.apply(inverse.clone()).unwrap();
                if let Some(mirror) = &mut mirror {
                    mirror.apply(inverse).unwrap();
                }
            }
        }
        if let (Some((clone, copy)), Some(mirror)) = (kept, mirror) {
            prop_assert_eq!(&clone, &copy);
            prop_assert_eq!(clone.index(), &clone.index_from_scratch());
            prop_assert_eq!(&mirror, &p);
            prop_assert_eq!(mirror.index(), p.index());
        }
    }
}

/// A clone costs pointers: it shares every annotation and the documents with the project
/// until one of them changes, and an edit copies only what it changes.
#[test]
fn a_clone_shares_what_neither_changed() {
    let mut p = session();
    let docs: Vec<DocumentId> = p.documents().iter().map(|d| d.id).collect();
    for (i, &doc) in docs.iter().enumerate() {
        for start in [0, 10, 20] {
            let span = Span::new(start, start + 5 + i);
            let a = p.new_annotation(doc, "claim", vec![span], t0()).unwrap();
            p.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
        }
    }
    let clone = p.clone();
    let shared = |p: &Project, c: &Project| {
        (p.annotations().iter().zip(c.annotations()))
            .filter(|(a, b)| std::sync::Arc::ptr_eq(a, b))
            .count()
    };
    let n = p.annotations().len();
    assert_eq!(shared(&p, &clone), n);
    assert!(std::ptr::eq(p.documents(), clone.documents()));

    let first = p.annotations()[0].id;
    p.apply(p.set_tag(first, "position", t0()).unwrap())
        .unwrap();
    assert_eq!(
        shared(&p, &clone),
        n - 1,
        "only the retagged annotation is copied"
    );
    assert!(std::ptr::eq(p.documents(), clone.documents()));
    assert_eq!(clone.annotations()[0].tag, "claim");

    let meta = DocumentMeta {
        title: "renamed".to_owned(),
        ..p.documents()[0].meta()
    };
    p.apply(p.set_document_meta(docs[0], meta)).unwrap();
    assert!(!std::ptr::eq(p.documents(), clone.documents()));
    assert_eq!(clone.documents()[0].title, "doc 0");
}
