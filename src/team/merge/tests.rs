//! Merges as analysts make them: two copies of one project, edited apart, brought together.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;

use super::*;
use crate::model::{
    Actor, AnnotationId, Document, DocumentId, Edit, Issue, RejectedSuggestion, Relation, Side,
    Span,
};

const TEXT: &str = "Kyiv said on Friday it would not cede territory. Moscow said talks could \
                    resume. Washington urged both sides to agree a ceasefire before winter.";

fn t(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_764_900_000, 0).unwrap() + TimeDelta::seconds(seconds)
}

/// A project with the article, two actors and `n` annotations of 5 chars, 6 chars apart.
fn base_with(n: usize) -> (Project, DocumentId, Vec<AnnotationId>) {
    let mut p = Project::new("talks");
    let doc = Document::new("Talks", TEXT.to_owned());
    let doc_id = doc.id;
    p.apply(p.add_document(doc)).unwrap();
    for name in ["Kyiv", "Moscow"] {
        p.apply(p.add_actor(Actor::new(name, None)).unwrap())
            .unwrap();
    }
    let ids = (0..n)
        .map(|i| add(&mut p, doc_id, "claim", i * 6, i * 6 + 5))
        .collect();
    (p, doc_id, ids)
}

fn add(p: &mut Project, doc: DocumentId, tag: &str, start: usize, end: usize) -> AnnotationId {
    let a = p
        .new_annotation(doc, tag, vec![Span::new(start, end)], t(0))
        .unwrap();
    let id = a.id;
    p.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    id
}

fn retag(p: &mut Project, id: AnnotationId, tag: &str, at: i64) {
    p.apply(p.set_tag(id, tag, t(at)).unwrap()).unwrap();
}

fn note(p: &mut Project, id: AnnotationId, text: &str, at: i64) {
    p.apply(p.set_note(id, text, t(at)).unwrap()).unwrap();
}

fn delete(p: &mut Project, id: AnnotationId) {
    p.apply(p.delete_annotation(id).unwrap()).unwrap();
}

/// Each side rejected a different suggestion: the merge keeps both, so neither comes back.
#[test]
fn a_merge_keeps_the_rejections_of_both_sides() {
    let (base, doc, _) = base_with(0);
    let reject = |start: usize, end: usize| {
        let mut p = base.clone();
        let span = Span::new(start, end);
        let quote = p.document(doc).unwrap().quote(&[span]).unwrap();
        let rejection = RejectedSuggestion {
            document: doc,
            content: vec![span],
            quote,
        };
        p.apply(Edit::RejectSuggestion(rejection)).unwrap();
        p
    };
    let (ours, theirs) = (reject(0, 5), reject(6, 11));
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty());
    let kept: Vec<&str> = (merged.project.rejected_suggestions().iter())
        .map(|r| r.quote.as_str())
        .collect();
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(kept.iter().all(|q| {
        ours.rejected_suggestions()
            .iter()
            .chain(theirs.rejected_suggestions())
            .any(|r| r.quote == *q)
    }));
}

#[test]
fn changes_to_different_fields_of_one_annotation_both_land() {
    let (base, _, ids) = base_with(3);
    let mut ours = base.clone();
    retag(&mut ours, ids[0], "position", 1);
    let mut theirs = base.clone();
    note(&mut theirs, ids[0], "hedged", 2);
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.is_clean(), "{:?}", merged.conflicts);
    let a = merged.project.annotation(ids[0]).unwrap();
    assert_eq!(a.tag, "position");
    assert_eq!(a.note.as_deref(), Some("hedged"));
    // The later change's time stamp wins; it is not a conflict of its own.
    assert_eq!(a.modified, t(2));
    assert!(merged.project.problems().is_empty());
    // The others are shared with the versions they came from, not copied.
    let shared = (merged.project.annotations().iter())
        .filter(|a| (ours.annotations().iter()).any(|o| std::sync::Arc::ptr_eq(a, o)))
        .count();
    assert_eq!(shared, ids.len() - 1, "all but the one both sides changed");
    assert_eq!(merged.project.index(), &merged.project.index_from_scratch());
}

#[test]
fn the_same_change_on_both_sides_is_taken_once() {
    let (base, doc, ids) = base_with(2);
    let mut ours = base.clone();
    retag(&mut ours, ids[1], "concession", 1);
    let mut theirs = ours.clone();
    // Both also add the very same annotation (same id): it appears once.
    let shared = add(&mut ours, doc, "position", 40, 48);
    let a = ours.annotation(shared).unwrap().clone();
    theirs.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.is_clean());
    assert_eq!(merged.project.annotations().len(), 3);
    assert_eq!(merged.project.annotation(ids[1]).unwrap().tag, "concession");
}

#[test]
fn different_changes_to_one_field_are_a_conflict_that_keeps_ours() {
    let (base, _, ids) = base_with(2);
    let mut ours = base.clone();
    retag(&mut ours, ids[0], "position", 1);
    let mut theirs = base.clone();
    retag(&mut theirs, ids[0], "concession", 2);
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 1);
    let conflict = &merged.conflicts[0];
    assert_eq!(
        conflict.reason,
        ConflictReason::Changed {
            fields: vec!["tag".to_owned()]
        }
    );
    let Versions::Annotation(sides) = &conflict.versions else {
        panic!("not an annotation conflict: {conflict:?}");
    };
    assert_eq!(sides.base.as_ref().unwrap().tag, "claim");
    assert_eq!(sides.theirs.as_ref().unwrap().tag, "concession");
    assert_eq!(merged.project.annotation(ids[0]).unwrap().tag, "position");
    assert_eq!(merged.project.conflicts(), merged.conflicts);
    assert!(merged.project.problems().is_empty());
}

#[test]
fn deleting_what_the_other_side_changed_is_a_conflict_that_keeps_the_change() {
    let (base, _, ids) = base_with(2);
    let mut ours = base.clone();
    delete(&mut ours, ids[0]);
    delete(&mut ours, ids[1]);
    let mut theirs = base.clone();
    note(&mut theirs, ids[0], "keep this", 1);
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(
        merged.conflicts[0].reason,
        ConflictReason::DeletedAndChanged {
            deleted_by: Side::Ours
        }
    );
    // The unchanged one is deleted; the changed one stays for someone to decide.
    assert!(merged.project.annotation(ids[1]).is_none());
    let kept = merged.project.annotation(ids[0]).unwrap();
    assert_eq!(kept.note.as_deref(), Some("keep this"));
}

#[test]
fn an_actor_deleted_on_one_side_but_used_on_the_other_comes_back() {
    let (base, _, ids) = base_with(2);
    let kyiv = base.actor_named("Kyiv").unwrap().id;
    let mut ours = base.clone();
    ours.apply(ours.delete_actor(kyiv, t(1)).unwrap()).unwrap();
    let mut theirs = base.clone();
    theirs
        .apply(theirs.set_holder(ids[1], Some(kyiv), t(2)).unwrap())
        .unwrap();
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.project.actor(kyiv).is_some());
    assert_eq!(
        merged.project.annotation(ids[1]).unwrap().first_holder(),
        Some(kyiv)
    );
    assert!(merged.conflicts.iter().any(|c| c.reason
        == ConflictReason::DeletedButUsed {
            deleted_by: Side::Ours
        }));
    assert!(
        merged.project.problems().is_empty(),
        "{:?}",
        merged.project.problems()
    );
}

#[test]
fn a_relation_to_a_deleted_annotation_brings_it_back() {
    let (base, _, ids) = base_with(2);
    let mut ours = base.clone();
    delete(&mut ours, ids[1]);
    let mut theirs = base.clone();
    let relation = Relation::new("responds-to", ids[0], ids[1]);
    theirs.rebuild(|parts| {
        parts.relations.push(relation);
    });
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.project.annotation(ids[1]).is_some());
    assert_eq!(merged.project.relations().len(), 1);
    assert!(merged.project.problems().is_empty());
    assert_eq!(merged.conflicts.len(), 1);
}

#[test]
fn documents_imported_separately_match_by_text_and_actors_by_name() {
    // No common ancestor: what git passes for a file both branches added.
    let base = Project::new("talks");
    let mut ours = Project::new("talks");
    let mut theirs = Project::new("talks");
    let mut annotations = Vec::new();
    for (p, holder, start) in [(&mut ours, "Kyiv", 0), (&mut theirs, " KYIV ", 49)] {
        let doc = Document::new("Talks", TEXT.to_owned());
        let doc_id = doc.id;
        p.apply(p.add_document(doc)).unwrap();
        let actor = Actor::new(holder, None);
        let actor_id = actor.id;
        p.apply(p.add_actor(actor).unwrap()).unwrap();
        let mut issue = Issue::new("Territory");
        issue.description = None;
        let issue_id = issue.id;
        p.rebuild(|parts| {
            parts.issues.push(issue);
        });
        let id = add(p, doc_id, "claim", start, start + 4);
        p.apply(p.set_holder(id, Some(actor_id), t(1)).unwrap())
            .unwrap();
        p.rebuild(|parts| {
            (parts.annotations.iter_mut())
                .for_each(|a| a.issues = vec![crate::model::IssueStance::new(issue_id)]);
        });
        annotations.push(id);
    }
    let merged = merge(&base, &ours, &theirs);
    let p = &merged.project;
    assert!(merged.is_clean(), "{:?}", merged.conflicts);
    assert_eq!(p.documents().len(), 1);
    assert_eq!(p.actors().len(), 1);
    assert_eq!(p.issues().len(), 1);
    assert_eq!(p.annotations().len(), 2);
    for a in p.annotations() {
        assert_eq!(a.document, p.documents()[0].id);
        assert_eq!(a.first_holder(), Some(p.actors()[0].id));
        assert_eq!(a.issue_ids().collect::<Vec<_>>(), vec![p.issues()[0].id]);
    }
    assert!(p.problems().is_empty(), "{:?}", p.problems());
}

#[test]
fn resolved_conflicts_of_the_inputs_go_and_unresolved_ones_stay() {
    let (base, _, ids) = base_with(2);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    retag(&mut ours, ids[0], "position", 1);
    retag(&mut theirs, ids[0], "concession", 1);
    let first = merge(&base, &ours, &theirs).project;
    assert_eq!(first.conflicts().len(), 1);
    // One side settles it (clears the conflict); the other side does something else.
    let mut settled = first.clone();
    settled.rebuild(|parts| {
        parts.conflicts.clear();
    });
    let mut other = first.clone();
    note(&mut other, ids[1], "n", 3);
    let second = merge(&first, &settled, &other);
    assert!(second.is_clean());
    assert!(second.project.conflicts().is_empty());
    let third = merge(&first, &first, &other);
    assert_eq!(third.project.conflicts().len(), 1);
}

#[test]
fn title_and_schema_conflict_like_any_field() {
    let (base, _, _) = base_with(0);
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.apply(crate::model::Edit::SetTitle("Ours".to_owned()))
        .unwrap();
    theirs
        .apply(crate::model::Edit::SetTitle("Theirs".to_owned()))
        .unwrap();
    ours.rebuild(|parts| parts.schema.tags[0].name = "Assertion".to_owned());
    theirs.rebuild(|parts| parts.schema.tags[0].description = "Said as fact.".to_owned());
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.project.title(), "Ours");
    assert_eq!(merged.conflicts.len(), 1);
    assert!(matches!(merged.conflicts[0].versions, Versions::Title(_)));
    let tag = &merged.project.schema().tags[0];
    assert_eq!(
        (tag.name.as_str(), tag.description.as_str()),
        ("Assertion", "Said as fact.")
    );
}

/// One edit a side makes to the annotation at `index` (modulo their number).
#[derive(Clone, Debug)]
enum Op {
    Retag(usize, usize),
    Note(usize, String),
    Delete(usize),
    Add(usize, usize),
}

const TAGS: [&str; 3] = ["claim", "position", "concession"];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..20usize, 0..3usize).prop_map(|(i, t)| Op::Retag(i, t)),
        (0..20usize, "[a-z]{0,6}").prop_map(|(i, n)| Op::Note(i, n)),
        (0..20usize).prop_map(Op::Delete),
        (0..100usize, 1..20usize).prop_map(|(s, l)| Op::Add(s, l)),
    ]
}

/// Applies ops to the annotations of `own` (indices into it) only, so two sides given
/// disjoint `own` sets change disjoint annotations.
fn apply_ops(base: &Project, doc: DocumentId, own: &[AnnotationId], ops: &[Op]) -> Project {
    let mut p = base.clone();
    let mut alive: Vec<AnnotationId> = own.to_vec();
    for (step, op) in ops.iter().enumerate() {
        let at = i64::try_from(step).unwrap() + 1;
        let pick = |i: usize| (!alive.is_empty()).then(|| alive[i % alive.len()]);
        match op {
            Op::Retag(i, tag) => {
                if let Some(id) = pick(*i) {
                    retag(&mut p, id, TAGS[*tag], at);
                }
            }
            Op::Note(i, text) => {
                if let Some(id) = pick(*i) {
                    note(&mut p, id, text, at);
                }
            }
            Op::Delete(i) => {
                if let Some(id) = pick(*i) {
                    delete(&mut p, id);
                    alive.retain(|&a| a != id);
                }
            }
            Op::Add(start, len) => {
                alive.push(add(&mut p, doc, TAGS[step % 3], *start, start + len));
            }
        }
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn merging_with_an_unchanged_side_gives_the_other(
        ops in proptest::collection::vec(op(), 0..12),
    ) {
        let (base, doc, ids) = base_with(6);
        let x = apply_ops(&base, doc, &ids, &ops);
        let merged = merge(&base, &x, &base);
        prop_assert!(merged.is_clean());
        prop_assert_eq!(&merged.project, &x);
    }

    #[test]
    fn disjoint_changes_merge_the_same_either_way(
        ours_ops in proptest::collection::vec(op(), 0..10),
        theirs_ops in proptest::collection::vec(op(), 0..10),
    ) {
        let (base, doc, ids) = base_with(8);
        let (left, right) = ids.split_at(4);
        let x = apply_ops(&base, doc, left, &ours_ops);
        let y = apply_ops(&base, doc, right, &theirs_ops);
        let xy = merge(&base, &x, &y);
        let yx = merge(&base, &y, &x);
        prop_assert!(xy.is_clean());
        prop_assert_eq!(&xy.project, &yx.project);
        prop_assert!(xy.project.problems().is_empty());
        // Each side's own changes are all there.
        for a in x.iter_annotations().filter(|a| base.annotation(a.id) != Some(a)) {
            prop_assert_eq!(xy.project.annotation(a.id), Some(a));
        }
    }
}

/// An edit either side may make, to any annotation or actor: sides overlap freely.
#[derive(Clone, Debug)]
enum AnyOp {
    Annotation(Op),
    Holder(usize, usize),
    DeleteActor(usize),
    AddActor(usize),
}

const NAMES: [&str; 4] = ["Kyiv", "Moscow", "Ankara", "kyiv "];

fn any_op() -> impl Strategy<Value = AnyOp> {
    prop_oneof![
        3 => op().prop_map(AnyOp::Annotation),
        2 => (0..20usize, 0..4usize).prop_map(|(i, a)| AnyOp::Holder(i, a)),
        1 => (0..4usize).prop_map(AnyOp::DeleteActor),
        1 => (0..4usize).prop_map(AnyOp::AddActor),
    ]
}

fn apply_any(base: &Project, doc: DocumentId, ops: &[AnyOp], annotator: &str) -> Project {
    let mut p = base.clone();
    for (step, op) in ops.iter().enumerate() {
        let at = i64::try_from(step).unwrap() + 1;
        let cx = crate::model::EditContext::new(Some(annotator), t(at));
        let ids: Vec<AnnotationId> = p.annotations().iter().map(|a| a.id).collect();
        let pick = |i: usize| (!ids.is_empty()).then(|| ids[i % ids.len()]);
        match op {
            AnyOp::Annotation(Op::Add(start, len)) => {
                add(&mut p, doc, TAGS[step % 3], *start, start + len);
            }
            AnyOp::Annotation(Op::Retag(i, tag)) => {
                if let Some(id) = pick(*i) {
                    p.apply(p.set_tag(id, TAGS[*tag], cx).unwrap()).unwrap();
                }
            }
            AnyOp::Annotation(Op::Note(i, text)) => {
                if let Some(id) = pick(*i) {
                    p.apply(p.set_note(id, text, cx).unwrap()).unwrap();
                }
            }
            AnyOp::Annotation(Op::Delete(i)) => {
                if let Some(id) = pick(*i) {
                    delete(&mut p, id);
                }
            }
            AnyOp::Holder(i, a) => {
                let actor = (!p.actors().is_empty()).then(|| p.actors()[a % p.actors().len()].id);
                if let (Some(id), Some(actor)) = (pick(*i), actor) {
                    p.apply(p.set_holder(id, Some(actor), cx).unwrap()).unwrap();
                }
            }
            AnyOp::DeleteActor(a) => {
                if !p.actors().is_empty() {
                    let actor = p.actors()[a % p.actors().len()].id;
                    p.apply(p.delete_actor(actor, cx).unwrap()).unwrap();
                }
            }
            AnyOp::AddActor(n) => {
                if let Ok(edit) = p.add_actor(Actor::new(NAMES[*n], None)) {
                    p.apply(edit).unwrap();
                }
            }
        }
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Whatever both sides do, the merged project is valid, and each side's version of an
    /// annotation is in it unless the other side changed it too (then a conflict says so).
    #[test]
    fn any_two_sides_merge_into_a_valid_project(
        ours_ops in proptest::collection::vec(any_op(), 0..14),
        theirs_ops in proptest::collection::vec(any_op(), 0..14),
    ) {
        let (base, doc, _) = base_with(6);
        let x = apply_any(&base, doc, &ours_ops, "anna");
        let y = apply_any(&base, doc, &theirs_ops, "boris");
        let merged = merge(&base, &x, &y);
        let problems = merged.project.problems();
        prop_assert!(problems.is_empty(), "{:?}", problems);
        prop_assert_eq!(&merged.project.conflicts(), &merged.conflicts);
        for a in merged.project.annotations() {
            let explained = merged.conflicts.iter().any(|c| match &c.versions {
                Versions::Annotation(s) => s.ours.as_ref().or(s.theirs.as_ref()).is_some_and(|v| v.id == a.id),
                _ => false,
            });
            let from_a_side = x.annotation(a.id).or(y.annotation(a.id)).is_some();
            prop_assert!(from_a_side || explained);
        }
    }
}

#[test]
fn an_actor_renamed_on_one_side_to_a_name_the_other_side_created_is_one_actor() {
    let (base, _, ids) = base_with(2);
    let kyiv = base.actor_named("Kyiv").unwrap().id;
    for renamed_by_ours in [true, false] {
        let (mut renamer, mut creator) = (base.clone(), base.clone());
        renamer
            .apply(renamer.rename_actor(kyiv, "Zelensky").unwrap())
            .unwrap();
        let mut zelensky = Actor::new("zelensky", None);
        zelensky.aliases = vec!["President Zelensky".to_owned()];
        let new_id = zelensky.id;
        creator.apply(creator.add_actor(zelensky).unwrap()).unwrap();
        creator
            .apply(creator.set_holder(ids[1], Some(new_id), t(2)).unwrap())
            .unwrap();
        let merged = if renamed_by_ours {
            merge(&base, &renamer, &creator)
        } else {
            merge(&base, &creator, &renamer)
        };
        let p = &merged.project;
        assert!(p.problems().is_empty(), "{:?}", p.problems());
        assert!(p.actor(new_id).is_none());
        let actor = p.actor(kyiv).unwrap();
        assert_eq!(actor.name, "Zelensky");
        assert!(actor.is_called("President Zelensky"));
        assert_eq!(p.annotation(ids[1]).unwrap().first_holder(), Some(kyiv));
        // Unifying the two actors copies only the annotation it points elsewhere.
        let is_shared = |id| {
            let at = p.annotation_index(id).unwrap();
            (base.annotations().iter()).any(|b| std::sync::Arc::ptr_eq(b, &p.annotations()[at]))
        };
        assert!(is_shared(ids[0]));
        assert!(!is_shared(ids[1]));
    }
}

#[test]
fn a_link_to_an_annotation_the_other_side_adjudicated_away_follows_the_kept_version() {
    use crate::team::adjudication::{self, Choice};
    let (mut base, doc, ids) = base_with(2);
    // Alice and Bob marked the same words; Bob's version will be kept.
    let mut alice = base
        .new_annotation(doc, "concession", vec![Span::new(20, 30)], t(0))
        .unwrap();
    alice.annotator = Some("alice".to_owned());
    let mut bob = alice.clone();
    bob.id = AnnotationId::random();
    bob.tag = "claim".to_owned();
    bob.annotator = Some("bob".to_owned());
    let (alice_id, bob_id) = (alice.id, bob.id);
    base.apply(Edit::AddAnnotations(vec![alice, bob])).unwrap();
    // Ours adjudicates: Bob's version over Alice's.
    let mut ours = base.clone();
    let item = adjudication::queue(&ours)
        .into_iter()
        .find(|i| adjudication::annotations_of_item(&ours, i).contains(&alice_id))
        .unwrap();
    let decision =
        adjudication::decide(&ours, &item, Choice::TakeB, t(5), AnnotationId::random()).unwrap();
    ours.apply(decision.edit).unwrap();
    assert!(ours.annotation(alice_id).is_none());
    // Theirs links Alice's version meanwhile.
    let mut theirs = base.clone();
    theirs
        .apply(
            theirs
                .add_relation("concedes-to", alice_id, ids[0], None)
                .unwrap(),
        )
        .unwrap();
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.project.annotation(alice_id).is_none());
    let [r] = merged.project.relations() else {
        panic!("one relation expected: {:?}", merged.project.relations());
    };
    assert_eq!((r.from, r.to), (bob_id, ids[0]));
    assert!(merged.is_clean(), "{:?}", merged.conflicts);
    assert!(merged.project.problems().is_empty());
}

#[test]
fn a_side_that_moved_a_link_shows_where_new_links_go() {
    let (base, _, ids) = base_with(4);
    let mut base = base;
    base.apply(
        base.add_relation("responds-to", ids[0], ids[2], None)
            .unwrap(),
    )
    .unwrap();
    let link = base.relations()[0].id;
    // Ours moves the link from ids[0] to ids[1] and deletes ids[0].
    let mut ours = base.clone();
    ours.apply(ours.edit_relation(link, |r| r.from = ids[1]).unwrap())
        .unwrap();
    delete(&mut ours, ids[0]);
    // Theirs adds another link from ids[0].
    let mut theirs = base.clone();
    theirs
        .apply(
            theirs
                .add_relation("concedes-to", ids[0], ids[3], None)
                .unwrap(),
        )
        .unwrap();
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.project.annotation(ids[0]).is_none());
    let ends: Vec<_> = merged
        .project
        .relations()
        .iter()
        .map(|r| (r.from, r.to))
        .collect();
    assert_eq!(ends, [(ids[1], ids[2]), (ids[1], ids[3])]);
}
