//! Adjudicating as an analyst does: two annotators' marks on one article, a merged file with
//! conflicts, each decided and undone.

use chrono::{DateTime, Utc};
use proptest::prelude::*;

use super::*;
use crate::model::{Actor, ActorId, Annotation, Document};
use crate::model::{Conflict, ConflictReason, Sides, Versions};

const TEXT: &str = "Kyiv said on Friday it would not cede territory. Moscow said talks could \
                    resume. Washington urged both sides to agree a ceasefire before winter.";

/// The decision's edit: most tests look at what it does to the project.
fn decide(
    project: &Project,
    item: &Item,
    choice: Choice,
    now: DateTime<Utc>,
    fresh_id: AnnotationId,
) -> Result<Edit, DecisionError> {
    super::decide(project, item, choice, now, fresh_id).map(|d| d.edit)
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_764_900_000, 0).unwrap_or_default()
}

struct Fixture {
    project: Project,
    doc: DocumentId,
    kyiv: ActorId,
    moscow: ActorId,
}

fn fixture() -> Fixture {
    let mut project = Project::new("talks");
    let doc = Document::new("Talks", TEXT.to_owned());
    let doc_id = doc.id;
    project.apply(project.add_document(doc)).unwrap();
    let mut ids = Vec::new();
    for name in ["Kyiv", "Moscow"] {
        let actor = Actor::new(name, None);
        ids.push(actor.id);
        project.apply(project.add_actor(actor).unwrap()).unwrap();
    }
    Fixture {
        project,
        doc: doc_id,
        kyiv: ids[0],
        moscow: ids[1],
    }
}

fn mark(
    f: &mut Fixture,
    who: &str,
    tag: &str,
    (start, end): (usize, usize),
    holder: Option<ActorId>,
) -> AnnotationId {
    let mut a = f
        .project
        .new_annotation(f.doc, tag, vec![Span::new(start, end)], now())
        .unwrap();
    a.annotator = Some(who.to_owned());
    a.holders = holder.into_iter().collect();
    let id = a.id;
    f.project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    id
}

/// Alice and Bob agree on one span; differ on a tag, a holder; Alice alone marks another.
fn three_disagreements() -> (Fixture, Vec<AnnotationId>) {
    let mut f = fixture();
    let (kyiv, moscow) = (Some(f.kyiv), Some(f.moscow));
    let ids = vec![
        mark(&mut f, "alice", "claim", (0, 4), kyiv),
        mark(&mut f, "bob", "claim", (0, 4), kyiv),
        mark(&mut f, "alice", "claim", (20, 47), kyiv),
        mark(&mut f, "bob", "position", (20, 47), kyiv),
        mark(&mut f, "alice", "claim", (49, 55), moscow),
        mark(&mut f, "bob", "claim", (49, 55), kyiv),
        mark(&mut f, "alice", "position", (86, 96), None),
    ];
    (f, ids)
}

fn disagreement(item: &Item) -> &Disagreement {
    match item {
        Item::Disagreement(d) => d,
        Item::Conflict { .. } => panic!("expected a disagreement, got {item:?}"),
    }
}

#[test]
fn the_queue_holds_what_annotators_differ_on_and_not_what_they_agree_on() {
    let (f, ids) = three_disagreements();
    let queue = queue(&f.project);
    assert_eq!(queue.len(), 3);
    let kinds: Vec<DisagreementKind> = queue.iter().map(|i| disagreement(i).kind).collect();
    assert_eq!(
        kinds,
        [
            DisagreementKind::Differs {
                span: false,
                tag: true,
                holder: false
            },
            DisagreementKind::Differs {
                span: false,
                tag: false,
                holder: true
            },
            DisagreementKind::Unmatched,
        ]
    );
    let first = disagreement(&queue[0]);
    assert_eq!(first.sides[0].coder.as_deref(), Some("alice"));
    assert_eq!(first.sides[0].annotations, [ids[2]]);
    assert_eq!(first.sides[1].annotations, [ids[3]]);
}

#[test]
fn a_single_annotator_has_nothing_to_adjudicate() {
    let mut f = fixture();
    mark(&mut f, "alice", "claim", (0, 4), None);
    mark(&mut f, "alice", "claim", (20, 30), None);
    assert!(queue(&f.project).is_empty());
}

#[test]
fn taking_a_side_keeps_it_as_adjudicated_and_drops_the_other() {
    let (mut f, ids) = three_disagreements();
    let item = queue(&f.project)[0].clone();
    let edit = decide(
        &f.project,
        &item,
        Choice::TakeB,
        now(),
        AnnotationId::random(),
    )
    .unwrap();
    let before = f.project.clone();
    let inverse = f.project.apply(edit).unwrap();
    assert!(f.project.annotation(ids[2]).is_none());
    let kept = f.project.annotation(ids[3]).unwrap();
    assert_eq!(kept.tag, "position");
    assert_eq!(kept.annotator.as_deref(), Some(ADJUDICATED));
    assert_eq!(queue(&f.project).len(), 2);
    f.project.apply(inverse).unwrap();
    assert_eq!(f.project, before);
}

#[test]
fn both_keeps_every_version_and_reject_drops_them_all() {
    let (mut f, ids) = three_disagreements();
    let items = queue(&f.project);
    let both = decide(
        &f.project,
        &items[1],
        Choice::TakeBoth,
        now(),
        AnnotationId::random(),
    );
    f.project.apply(both.unwrap()).unwrap();
    for id in [ids[4], ids[5]] {
        let a = f.project.annotation(id).unwrap();
        assert_eq!(a.annotator.as_deref(), Some(ADJUDICATED));
    }
    let reject = decide(
        &f.project,
        &items[2],
        Choice::Reject,
        now(),
        AnnotationId::random(),
    );
    f.project.apply(reject.unwrap()).unwrap();
    assert!(f.project.annotation(ids[6]).is_none());
    assert_eq!(queue(&f.project).len(), 1);
}

/// A merged project where both sides retagged one annotation differently.
fn with_conflict() -> (Fixture, Annotation, Annotation) {
    let mut f = fixture();
    let id = mark(&mut f, "alice", "claim", (0, 4), None);
    let ours = f.project.annotation(id).unwrap().clone();
    let mut theirs = ours.clone();
    theirs.tag = "concession".to_owned();
    theirs.holders = vec![f.moscow];
    f.project.rebuild(|parts| {
        parts.conflicts.push(Conflict {
            reason: ConflictReason::Changed {
                fields: vec!["tag".to_owned(), "holder".to_owned()],
            },
            versions: Versions::Annotation(Box::new(Sides {
                base: None,
                ours: Some(ours.clone()),
                theirs: Some(theirs.clone()),
            })),
        });
    });
    (f, ours, theirs)
}

#[test]
fn taking_theirs_sets_the_annotation_and_undo_restores_the_conflict() {
    let (mut f, _, theirs) = with_conflict();
    let q = queue(&f.project);
    assert_eq!(q, [Item::Conflict { index: 0 }]);
    let before = f.project.clone();
    let edit = decide(
        &f.project,
        &q[0],
        Choice::TakeB,
        now(),
        AnnotationId::random(),
    )
    .unwrap();
    let inverse = f.project.apply(edit).unwrap();
    assert_eq!(f.project.annotation(theirs.id), Some(&theirs));
    assert!(f.project.conflicts().is_empty());
    f.project.apply(inverse).unwrap();
    assert_eq!(f.project, before);
}

#[test]
fn both_versions_of_a_conflict_are_kept_under_two_ids() {
    let (mut f, ours, theirs) = with_conflict();
    let copy_id = AnnotationId::random();
    let edit = decide(
        &f.project,
        &Item::Conflict { index: 0 },
        Choice::TakeBoth,
        now(),
        copy_id,
    );
    f.project.apply(edit.unwrap()).unwrap();
    assert_eq!(f.project.annotation(ours.id), Some(&ours));
    assert_eq!(
        f.project.annotation(copy_id).map(|a| &a.tag),
        Some(&theirs.tag)
    );
    assert!(f.project.conflicts().is_empty());
}

#[test]
fn an_actor_conflict_cannot_keep_both_but_can_be_dismissed() {
    let mut f = fixture();
    let ours = f.project.actor(f.kyiv).unwrap().clone();
    let mut theirs = ours.clone();
    theirs.affiliation = Some("Ukraine".to_owned());
    f.project.rebuild(|parts| {
        parts.conflicts.push(Conflict {
            reason: ConflictReason::Changed {
                fields: vec!["affiliation".to_owned()],
            },
            versions: Versions::Actor(Sides {
                base: None,
                ours: Some(ours.clone()),
                theirs: Some(theirs.clone()),
            }),
        });
    });
    let item = Item::Conflict { index: 0 };
    let both = decide(
        &f.project,
        &item,
        Choice::TakeBoth,
        now(),
        AnnotationId::random(),
    );
    assert_eq!(both, Err(DecisionError::BothNotPossible { kind: "actor" }));
    let take = decide(
        &f.project,
        &item,
        Choice::TakeB,
        now(),
        AnnotationId::random(),
    );
    f.project.apply(take.unwrap()).unwrap();
    assert_eq!(f.project.actor(f.kyiv), Some(&theirs));
    assert!(f.project.conflicts().is_empty());
}

#[test]
fn another_project_is_brought_in_under_its_annotator_with_holders_by_name() {
    let (mut f, _) = three_disagreements();
    let mut other = Project::new("bob's copy");
    other
        .apply(other.add_document(Document::new("Same text", TEXT.to_owned())))
        .unwrap();
    let doc = other.documents()[0].id;
    let putin = Actor::new("Putin", None);
    let kyiv = Actor::new("kyiv", None);
    let (putin_id, kyiv_id) = (putin.id, kyiv.id);
    other.apply(other.add_actor(putin).unwrap()).unwrap();
    other.apply(other.add_actor(kyiv).unwrap()).unwrap();
    for (range, holder) in [((0, 4), kyiv_id), ((5, 9), putin_id)] {
        let mut a = other
            .new_annotation(doc, "claim", vec![Span::new(range.0, range.1)], now())
            .unwrap();
        a.holders = vec![holder];
        other.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    }
    let edit = import_for_comparison(&f.project, &other, "carol").unwrap();
    let count = f.project.annotations().len();
    f.project.apply(edit).unwrap();
    assert_eq!(f.project.annotations().len(), count + 2);
    let carols: Vec<&Annotation> = (f.project.iter_annotations())
        .filter(|a| a.annotator.as_deref() == Some("carol"))
        .collect();
    assert_eq!(carols.len(), 2);
    assert_eq!(carols[0].first_holder(), Some(f.kyiv));
    assert_eq!(f.project.holders_label(carols[1]), "Putin");
    assert_eq!(carols[0].document, f.doc);
    // The same file again adds no copies of carol's own annotations.
    assert_eq!(
        import_for_comparison(&f.project, &other, "carol"),
        Err(ImportError::AlreadyHere("bob's copy".to_owned()))
    );

    let elsewhere = Project::new("empty");
    assert!(matches!(
        import_for_comparison(&f.project, &elsewhere, "dan"),
        Err(ImportError::NoSharedDocument(_))
    ));
}

#[test]
fn a_tag_brought_in_loses_a_hotkey_this_project_already_uses() {
    let (mut f, _) = three_disagreements();
    let mut other = Project::new("bob's copy");
    other
        .apply(other.add_document(Document::new("Same text", TEXT.to_owned())))
        .unwrap();
    let doc = other.documents()[0].id;
    let claim_key = f
        .project
        .schema()
        .get("claim")
        .and_then(|t| t.hotkey)
        .unwrap();
    for (key, hotkey) in [("demand", claim_key), ("threat", '7')] {
        let mut tag = other.schema().get("claim").unwrap().clone();
        tag.key = key.to_owned();
        tag.name = key.to_owned();
        tag.hotkey = Some(hotkey);
        other.rebuild(|parts| {
            parts.schema.tags.push(tag);
        });
        let a = other
            .new_annotation(doc, key, vec![Span::new(0, 4)], now())
            .unwrap();
        other.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    }
    let edit = import_for_comparison(&f.project, &other, "carol").unwrap();
    f.project.apply(edit).unwrap();
    let schema = &f.project.schema();
    assert_eq!(schema.get("demand").map(|t| t.hotkey), Some(None));
    assert_eq!(schema.get("threat").and_then(|t| t.hotkey), Some('7'));
    assert_eq!(
        schema.by_hotkey(claim_key).map(|t| t.key.as_str()),
        Some("claim")
    );
}

#[test]
fn figures_count_matched_spans_per_document_and_in_total() {
    let (f, _) = three_disagreements();
    let figures = figures(&f.project);
    let total = figures.total.unwrap();
    assert_eq!(total.coders, ["alice", "bob"]);
    let pair = &total.pairs[0];
    // Overlap F1 needs the same tag: 2 of Alice's 4 and Bob's 3 match (0-4 and 49-55).
    assert_eq!(
        (
            pair.overlap.matched,
            pair.overlap.first,
            pair.overlap.second
        ),
        (2, 4, 3)
    );
    assert_eq!(figures.per_document.len(), 1);
    assert_eq!(figures.per_document[0].0, "Talks");
}

fn arb_marks() -> impl Strategy<Value = Vec<(bool, u8, usize, usize, bool)>> {
    prop::collection::vec(
        (
            any::<bool>(),
            0u8..3,
            0usize..130,
            1usize..12,
            any::<bool>(),
        ),
        0..14,
    )
}

proptest! {
    /// Any decision on any item, then its inverse, gives back the project it started from.
    #[test]
    fn a_decision_then_its_inverse_is_the_original(
        marks in arb_marks(),
        pick in 0usize..20,
        choice in prop::sample::select(vec![
            Choice::TakeA, Choice::TakeB, Choice::TakeBoth, Choice::Reject,
        ]),
        with_conflict in any::<bool>(),
    ) {
        let mut f = fixture();
        if with_conflict {
            let (g, _, _) = self::with_conflict();
            f = g;
        }
        let tags = ["claim", "position", "concession"];
        for (is_alice, tag, start, len, has_holder) in marks {
            let who = if is_alice { "alice" } else { "bob" };
            let holder = has_holder.then_some(f.kyiv);
            mark(&mut f, who, tags[usize::from(tag)], (start, start + len), holder);
        }
        let items = queue(&f.project);
        prop_assume!(!items.is_empty());
        let item = &items[pick % items.len()];
        let before = f.project.clone();
        let Ok(edit) = decide(&f.project, item, choice, now(), AnnotationId::random()) else {
            return Ok(());
        };
        let inverse = f.project.apply(edit).unwrap();
        prop_assert!(f.project != before);
        f.project.apply(inverse).unwrap();
        prop_assert_eq!(f.project, before);
    }
}

#[test]
fn agreed_spans_are_kept_once_in_one_step() {
    let (mut f, ids) = three_disagreements();
    assert_eq!(agreed_count(&f.project), 1);
    let before = f.project.clone();
    let edit = accept_agreements(&f.project, now()).unwrap().edit;
    let inverse = f.project.apply(edit).unwrap();
    let kept: Vec<&Annotation> = [ids[0], ids[1]]
        .iter()
        .filter_map(|id| f.project.annotation(*id))
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].annotator.as_deref(), Some(ADJUDICATED));
    assert_eq!(agreed_count(&f.project), 0);
    assert!(accept_agreements(&f.project, now()).is_none());
    assert_eq!(queue(&f.project).len(), 3, "disagreements stay to decide");
    f.project.apply(inverse).unwrap();
    assert_eq!(f.project, before);
}

#[test]
fn a_disagreement_is_described_in_a_grammatical_phrase() {
    let differs = |span, tag, holder| DisagreementKind::Differs { span, tag, holder }.describe();
    assert_eq!(differs(false, true, false), "the tag differs");
    assert_eq!(differs(false, true, true), "tag and holder differ");
    assert_eq!(differs(true, true, true), "span, tag and holder differ");
}

/// Alice: a concession on "would not cede territory" that concedes to Moscow's claim; Bob
/// tagged the same words a claim. Returns the fixture, Alice's concession, Bob's claim and
/// Moscow's claim, and the link.
fn linked_concession() -> (Fixture, [AnnotationId; 3], crate::model::RelationId) {
    let mut f = fixture();
    let (kyiv, moscow) = (Some(f.kyiv), Some(f.moscow));
    let concession = mark(&mut f, "alice", "concession", (20, 47), kyiv);
    let claim = mark(&mut f, "bob", "claim", (20, 47), kyiv);
    let moscow_claim = mark(&mut f, "alice", "claim", (49, 83), moscow);
    let link = f
        .project
        .add_relation(
            "concedes-to",
            concession,
            moscow_claim,
            Some("under pressure"),
        )
        .unwrap();
    f.project.apply(link).unwrap();
    let link = f.project.relations()[0].id;
    (f, [concession, claim, moscow_claim], link)
}

#[test]
fn taking_b_over_a_moves_a_s_link_to_b_s_version() {
    let (mut f, [concession, claim, moscow_claim], link) = linked_concession();
    let item = queue(&f.project)
        .into_iter()
        .find(|i| annotations_of_item(&f.project, i).contains(&concession))
        .unwrap();
    let before = f.project.clone();
    let decision = super::decide(
        &f.project,
        &item,
        Choice::TakeB,
        now(),
        AnnotationId::random(),
    )
    .unwrap();
    assert!(decision.lost.is_empty(), "{:?}", decision.lost);
    assert_eq!(decision.message(), "");
    let inverse = f.project.apply(decision.edit).unwrap();
    assert!(f.project.annotation(concession).is_none());
    let moved = f.project.relation(link).unwrap();
    assert_eq!((moved.from, moved.to), (claim, moscow_claim));
    assert_eq!(moved.note.as_deref(), Some("under pressure"));
    assert!(f.project.problems().is_empty());
    f.project.apply(inverse).unwrap();
    assert_eq!(f.project, before);
}

#[test]
fn a_link_whose_end_goes_with_no_kept_version_is_named_in_the_message() {
    let (mut f, [concession, ..], link) = linked_concession();
    let item = queue(&f.project)
        .into_iter()
        .find(|i| annotations_of_item(&f.project, i).contains(&concession))
        .unwrap();
    let decision = super::decide(
        &f.project,
        &item,
        Choice::Reject,
        now(),
        AnnotationId::random(),
    )
    .unwrap();
    assert_eq!(decision.lost.len(), 1);
    assert_eq!(decision.lost[0].relation.id, link);
    let message = decision.message();
    assert!(
        message.contains("concedes-to from \"it would not cede"),
        "{message}"
    );
    assert!(message.contains("Undo (Ctrl+Z)"), "{message}");
    f.project.apply(decision.edit).unwrap();
    assert!(f.project.relations().is_empty());
}

#[test]
fn a_link_between_two_versions_of_one_span_is_lost_and_named() {
    let (mut f, [concession, claim, _], _) = linked_concession();
    let inner = f
        .project
        .add_relation("responds-to", claim, concession, None)
        .unwrap();
    f.project.apply(inner).unwrap();
    let item = queue(&f.project)
        .into_iter()
        .find(|i| annotations_of_item(&f.project, i).contains(&concession))
        .unwrap();
    let decision = super::decide(
        &f.project,
        &item,
        Choice::TakeB,
        now(),
        AnnotationId::random(),
    )
    .unwrap();
    assert_eq!(decision.lost.len(), 1);
    assert_eq!(
        decision.lost[0].reason,
        crate::team::relink::LostReason::WouldLinkToItself
    );
    f.project.apply(decision.edit).unwrap();
    assert_eq!(f.project.relations().len(), 1);
}

#[test]
fn keeping_agreed_spans_keeps_the_links_of_the_dropped_copies() {
    let (mut f, ids) = three_disagreements();
    // Both copies of the agreed span are linked; whichever goes, its link follows the kept.
    for copy in [ids[0], ids[1]] {
        let link = f
            .project
            .add_relation("responds-to", copy, ids[6], None)
            .unwrap();
        f.project.apply(link).unwrap();
    }
    let decision = accept_agreements(&f.project, now()).unwrap();
    assert!(decision.lost.is_empty());
    f.project.apply(decision.edit).unwrap();
    let kept = [ids[0], ids[1]]
        .into_iter()
        .find(|id| f.project.annotation(*id).is_some())
        .unwrap();
    // The two links became one: the same type between the same ends.
    let ends: Vec<_> = f
        .project
        .relations()
        .iter()
        .map(|r| (r.from, r.to))
        .collect();
    assert_eq!(ends, [(kept, ids[6])]);
}
