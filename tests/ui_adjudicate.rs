//! The compare view driven like an adjudicator: open the view, walk the queue deciding each
//! item by key, undo a decision. Asserts on the model after every step.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;

use chrono::Utc;
use common::harness;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use stance::app::{StanceApp, sample_project};
use stance::bench::probe::compare_builds;
use stance::model::{Actor, ActorId, AnnotationId, Edit, Project, Span};
use stance::model::{Conflict, ConflictReason, Sides, Versions};
use stance::team::adjudication::{self, ADJUDICATED, Item};

const PHRASES: [&str; 4] = [
    "Some formulations that were proposed to us are acceptable to us",
    "A compromise option has not yet been found",
    "productive",
    "substantive",
];

struct Marks {
    project: Project,
    /// Annotations by phrase: (alice's, bob's).
    ids: Vec<(Option<AnnotationId>, Option<AnnotationId>)>,
    moscow: ActorId,
}

fn span_of(project: &Project, phrase: &str) -> Span {
    project.documents()[0].find(phrase, 0).unwrap()
}

fn add(
    project: &mut Project,
    who: &str,
    tag: &str,
    span: Span,
    holder: Option<ActorId>,
) -> AnnotationId {
    let doc = project.documents()[0].id;
    let mut a = project
        .new_annotation(doc, tag, vec![span], Utc::now())
        .unwrap();
    a.annotator = Some(who.to_owned());
    a.holders = holder.into_iter().collect();
    let id = a.id;
    project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    id
}

/// Alice and Bob agree on the first phrase, tag the second differently, give the third
/// different holders; only Alice marks the fourth (which comes first in the text).
fn three_disagreements() -> Marks {
    let mut project = sample_project();
    let (kyiv, moscow) = (Actor::new("Kyiv", None), Actor::new("Moscow", None));
    let (kyiv_id, moscow_id) = (kyiv.id, moscow.id);
    project.apply(project.add_actor(kyiv).unwrap()).unwrap();
    project.apply(project.add_actor(moscow).unwrap()).unwrap();
    let spans: Vec<Span> = PHRASES.iter().map(|p| span_of(&project, p)).collect();
    let ids = vec![
        (
            Some(add(&mut project, "alice", "concession", spans[0], None)),
            Some(add(&mut project, "bob", "concession", spans[0], None)),
        ),
        (
            Some(add(&mut project, "alice", "claim", spans[1], None)),
            Some(add(&mut project, "bob", "position", spans[1], None)),
        ),
        (
            Some(add(&mut project, "alice", "claim", spans[2], Some(kyiv_id))),
            Some(add(&mut project, "bob", "claim", spans[2], Some(moscow_id))),
        ),
        (
            Some(add(&mut project, "alice", "claim", spans[3], None)),
            None,
        ),
    ];
    Marks {
        project,
        ids,
        moscow: moscow_id,
    }
}

/// The three disagreements in the article view, the first one's annotation selected; the
/// annotations by phrase, as in [`Marks`].
type MarkIds = Vec<(Option<AnnotationId>, Option<AnnotationId>)>;
fn first_disagreement_selected() -> (Harness<'static, StanceApp>, AnnotationId, MarkIds) {
    let marks = three_disagreements();
    let id = marks.ids[0].0.unwrap();
    let mut harness = harness(StanceApp::with_project(marks.project));
    harness
        .state_mut()
        .queue(stance::ui::Action::SelectAnnotation {
            id,
            scroll_article: false,
        });
    harness.run();
    (harness, id, marks.ids)
}

fn press(harness: &mut Harness<'static, StanceApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

fn ctrl(harness: &mut Harness<'static, StanceApp>, key: Key) {
    harness.key_press_modifiers(Modifiers::COMMAND, key);
    harness.run();
}

fn queue_len(harness: &Harness<'static, StanceApp>) -> usize {
    adjudication::queue(harness.state().project()).len()
}

/// The queue, and the current item's place in it as the compare view shows it ("item 2 of 4").
fn queue_and_position(harness: &Harness<'static, StanceApp>) -> (Vec<Item>, usize) {
    let queue = adjudication::queue(harness.state().project());
    let shown = (harness.query_all_by_label_contains(" of "))
        .filter_map(|n| n.value())
        .find(|text| text.starts_with("item "))
        .unwrap_or_default();
    let number = shown.trim_start_matches("item ").split(" of ").next();
    let position = number.and_then(|n| n.parse::<usize>().ok()).unwrap();
    (queue, position - 1)
}

fn current_position(harness: &Harness<'static, StanceApp>) -> usize {
    queue_and_position(harness).1
}

/// True while the compare view (not the article) is shown.
fn is_compare_view(harness: &Harness<'static, StanceApp>) -> bool {
    harness.query_by_label_contains("Adjudication:").is_some()
}

fn annotator(harness: &Harness<'static, StanceApp>, id: AnnotationId) -> Option<String> {
    let a = harness.state().project().annotation(id)?;
    Some(a.annotator.clone().unwrap_or_default())
}

#[test]
fn a_queue_of_three_disagreements_is_decided_by_keyboard_and_undone_one_at_a_time() {
    let marks = three_disagreements();
    let ids = marks.ids.clone();
    let mut harness = harness(StanceApp::with_project(marks.project));
    ctrl(&mut harness, Key::Num3);
    assert!(is_compare_view(&harness));
    assert_eq!(queue_len(&harness), 3);

    // A tag hotkey does nothing here, even with text selected.
    let count = harness.state().project().annotations().len();
    let selection = span_of(harness.state().project(), "talks");
    harness.state_mut().set_text_selection(Some(selection));
    press(&mut harness, Key::Num2);
    assert_eq!(harness.state().project().annotations().len(), count);

    // In text order: only Alice marked "substantive": reject it.
    press(&mut harness, Key::R);
    assert_eq!(annotator(&harness, ids[3].0.unwrap()), None);
    assert_eq!(queue_len(&harness), 2);

    // Tag differs: take Alice's claim.
    press(&mut harness, Key::A);
    let (alice, bob) = (ids[1].0.unwrap(), ids[1].1.unwrap());
    assert_eq!(annotator(&harness, alice).as_deref(), Some(ADJUDICATED));
    assert_eq!(annotator(&harness, bob), None);
    assert_eq!(queue_len(&harness), 1);

    // Holder differs: take Bob's, held by Moscow.
    press(&mut harness, Key::B);
    let (alice, bob) = (ids[2].0.unwrap(), ids[2].1.unwrap());
    assert_eq!(annotator(&harness, alice), None);
    let kept = harness.state().project().annotation(bob).unwrap();
    assert_eq!(kept.first_holder(), Some(marks.moscow));
    assert_eq!(kept.annotator.as_deref(), Some(ADJUDICATED));
    assert_eq!(queue_len(&harness), 0);
    // What both agreed on is untouched.
    assert_eq!(
        annotator(&harness, ids[0].0.unwrap()).as_deref(),
        Some("alice")
    );
    assert_eq!(
        annotator(&harness, ids[0].1.unwrap()).as_deref(),
        Some("bob")
    );

    // Undo takes back one decision: both holders return, the others stay decided.
    ctrl(&mut harness, Key::Z);
    assert_eq!(
        annotator(&harness, ids[2].0.unwrap()).as_deref(),
        Some("alice")
    );
    assert_eq!(
        annotator(&harness, ids[2].1.unwrap()).as_deref(),
        Some("bob")
    );
    assert_eq!(annotator(&harness, ids[1].1.unwrap()), None);
    assert_eq!(annotator(&harness, ids[3].0.unwrap()), None);
    assert_eq!(queue_len(&harness), 1);
    ctrl(&mut harness, Key::Z);
    assert_eq!(
        annotator(&harness, ids[1].0.unwrap()).as_deref(),
        Some("alice")
    );
    assert_eq!(
        annotator(&harness, ids[1].1.unwrap()).as_deref(),
        Some("bob")
    );
    assert_eq!(queue_len(&harness), 2);

    // What both marked alike is kept once, by a button.
    harness.get_by_label("Keep the 1 agreed span once").click();
    harness.run();
    let pair = [ids[0].0.unwrap(), ids[0].1.unwrap()];
    let kept: Vec<String> = pair
        .iter()
        .filter_map(|id| annotator(&harness, *id))
        .collect();
    assert_eq!(kept, [ADJUDICATED]);
    assert_eq!(queue_len(&harness), 2);
}

#[test]
fn a_merge_conflict_is_skipped_with_tab_kept_both_ways_and_edited_in_the_article() {
    let mut marks = three_disagreements();
    let id = marks.ids[3].0.unwrap();
    let ours = marks.project.annotation(id).unwrap().clone();
    let mut theirs = ours.clone();
    theirs.tag = "position".to_owned();
    marks.project.rebuild(|parts| {
        parts.conflicts.push(Conflict {
            reason: ConflictReason::Changed {
                fields: vec!["tag".to_owned()],
            },
            versions: Versions::Annotation(Box::new(Sides {
                base: None,
                ours: Some(ours.clone()),
                theirs: Some(theirs),
            })),
        });
    });
    let mut harness = harness(StanceApp::with_project(marks.project));
    ctrl(&mut harness, Key::Num3);
    let (queue, position) = queue_and_position(&harness);
    assert_eq!(queue.len(), 4);
    assert_eq!((&queue[0], position), (&Item::Conflict { index: 0 }, 0));
    let builds = compare_builds(harness.state());
    harness.run();
    assert_eq!(
        compare_builds(harness.state()),
        builds,
        "figures are cached"
    );

    press(&mut harness, Key::Tab);
    assert_eq!(current_position(&harness), 1);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    harness.run();
    assert_eq!(current_position(&harness), 0);

    let count = harness.state().project().annotations().len();
    press(&mut harness, Key::H);
    let project = harness.state().project();
    assert!(project.conflicts().is_empty());
    assert_eq!(project.annotations().len(), count + 1);
    assert!(
        project
            .annotations()
            .iter()
            .any(|a| a.tag == "position" && a.ranges == ours.ranges)
    );
    assert!(compare_builds(harness.state()) > builds);

    press(&mut harness, Key::E);
    assert!(!is_compare_view(&harness));
    assert!(harness.state().selected_annotation().is_some());
}

#[test]
fn compare_with_brings_in_another_annotators_file_as_one_undo_step() {
    // Alice's project: her marks only. Bob's file: a separate import of the same article.
    let marks = three_disagreements();
    let mut alice = marks.project.clone();
    let bobs: Vec<AnnotationId> = marks.ids.iter().filter_map(|(_, b)| *b).collect();
    alice.apply(Edit::RemoveAnnotations(bobs)).unwrap();
    let mut bob = sample_project();
    bob.apply(bob.add_actor(Actor::new("moscow", None)).unwrap())
        .unwrap();
    let moscow = bob.actors()[0].id;
    let (first, second) = (span_of(&bob, PHRASES[1]), span_of(&bob, PHRASES[2]));
    add(&mut bob, "bob", "position", first, None);
    add(&mut bob, "bob", "claim", second, Some(moscow));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bob.ron");
    std::fs::write(&path, stance::io::project_to_ron(&bob).unwrap()).unwrap();

    let script = stance::ui::file_dialog::ScriptedDialogs::new();
    let app = StanceApp::new(alice, None, Box::new(script.clone()));
    let mut harness = harness(app);
    let count = harness.state().project().annotations().len();
    script.answer(&path);
    harness.state_mut().queue(stance::ui::Action::Command(
        stance::ui::Command::CompareWith,
    ));
    harness.run();
    // The dialog's answer arrives on the next frame.
    harness.run();
    let request = &script.requests()[0];
    assert_eq!(
        request.purpose,
        stance::ui::file_dialog::DialogPurpose::CompareWith
    );
    assert!(is_compare_view(&harness));
    let project = harness.state().project();
    assert_eq!(project.annotations().len(), count + 2);
    let brought: Vec<_> = (project.annotations().iter())
        .filter(|a| a.annotator.as_deref() == Some("bob"))
        .collect();
    assert_eq!(brought.len(), 2);
    assert_eq!(
        brought[1].first_holder(),
        Some(marks.moscow),
        "holders match by name"
    );
    // Tag and holder differ, and Alice alone marked two phrases.
    assert_eq!(queue_len(&harness), 4);
    ctrl(&mut harness, Key::Z);
    assert_eq!(harness.state().project().annotations().len(), count);
}

#[test]
fn the_compare_view_opens_on_the_document_of_the_item_its_keys_decide() {
    let mut project = three_disagreements().project;
    let first = project.documents()[0].id;
    let other = stance::model::Document::new("Other", "Nothing was said here.".to_owned());
    let other_id = other.id;
    project.apply(project.add_document(other)).unwrap();
    let mut harness = harness(StanceApp::with_project(project));
    harness
        .state_mut()
        .queue(stance::ui::Action::ShowDocument(other_id));
    harness.run();
    assert_eq!(harness.state().current_document(), Some(other_id));
    ctrl(&mut harness, Key::Num3);
    // The other document has nothing to decide: the view shows the first item's document.
    assert_eq!(harness.state().current_document(), Some(first));
}

#[test]
fn ctrl_r_in_the_compare_view_adds_no_hidden_selection_as_a_range() {
    let (mut harness, id, _) = first_disagreement_selected();
    let selection = span_of(harness.state().project(), "talks");
    harness.state_mut().set_text_selection(Some(selection));
    ctrl(&mut harness, Key::Num3);
    assert!(is_compare_view(&harness));
    assert_eq!(harness.state().selected_annotation(), Some(id));
    ctrl(&mut harness, Key::R);
    let ranges = &harness.state().project().annotation(id).unwrap().ranges;
    assert_eq!(ranges.len(), 1);
}

#[test]
fn picking_another_document_in_the_compare_view_makes_its_first_item_current() {
    let mut project = three_disagreements().project;
    let other = stance::model::Document::new("Other", "Moscow said nothing new.".to_owned());
    let other_id = other.id;
    project.apply(project.add_document(other)).unwrap();
    let mut a = project
        .new_annotation(other_id, "claim", vec![Span::new(0, 6)], Utc::now())
        .unwrap();
    a.annotator = Some("bob".to_owned());
    project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    let mut harness = harness(StanceApp::with_project(project));
    ctrl(&mut harness, Key::Num3);
    assert_eq!(current_position(&harness), 0);
    harness
        .state_mut()
        .queue(stance::ui::Action::ShowDocument(other_id));
    harness.run();
    let (queue, position) = queue_and_position(&harness);
    let Some(Item::Disagreement(d)) = queue.get(position) else {
        panic!("no disagreement at {position}: {queue:?}");
    };
    assert_eq!(d.document, other_id);
}

#[test]
fn the_lanes_and_the_figures_fit_beside_the_sidebar_in_a_narrow_window() {
    let marks = three_disagreements();
    let mut harness = Harness::builder()
        .with_size([1100.0, 800.0])
        .with_step_dt(0.05)
        .with_max_steps(40)
        .build_ui_state(
            |ui, app: &mut StanceApp| app.frame_ui(ui),
            StanceApp::with_project(marks.project),
        );
    harness.run();
    ctrl(&mut harness, Key::Num3);
    assert!(is_compare_view(&harness));
    let sidebar_left = harness.get_by_label("Annotations").rect().left();
    // The agreement table is wider than the view: it scrolls instead of widening the lanes.
    harness.get_by_label("Cohen kappa holder");
    // The lanes' headings: equal columns, so the last one ends one step after its start.
    let mut headings: Vec<egui::Rect> = ["alice", "bob"]
        .iter()
        .filter_map(|name| harness.query_by_label(name).map(|n| n.rect()))
        .collect();
    headings.sort_by(|a, b| a.left().total_cmp(&b.left()));
    assert_eq!(headings.len(), 2, "lane headings {headings:?}");
    let step_px = headings[1].left() - headings[0].left();
    let last_lane_right = headings[1].left() + step_px - 16.0;
    assert!(
        last_lane_right <= sidebar_left + 1.0,
        "the last lane ends at {last_lane_right}, under the sidebar at {sidebar_left}"
    );
}

#[test]
fn tab_walks_the_queue_without_moving_the_keyboard_focus() {
    let marks = three_disagreements();
    let mut harness = harness(StanceApp::with_project(marks.project));
    ctrl(&mut harness, Key::Num3);
    assert_eq!(current_position(&harness), 0);
    press(&mut harness, Key::Tab);
    assert_eq!(current_position(&harness), 1);
    // egui's focus cycling used to take the Tab too and focus the File menu.
    assert_eq!(harness.ctx.memory(egui::Memory::focused), None);
}

/// Whether a text on screen contains `text`.
fn shows_text(harness: &Harness<'static, StanceApp>, text: &str) -> bool {
    harness
        .query_all_by(|n| n.value().is_some_and(|v| v.contains(text)))
        .next()
        .is_some()
}

fn is_enabled(harness: &Harness<'static, StanceApp>, label: &str) -> bool {
    !harness.get_by_label(label).accesskit_node().is_disabled()
}

#[test]
fn decision_keys_wait_while_the_current_item_is_in_a_document_not_shown() {
    let mut project = three_disagreements().project;
    let first = project.documents()[0].id;
    let other = stance::model::Document::new("Quiet day", "Nothing was said here.".to_owned());
    let other_id = other.id;
    project.apply(project.add_document(other)).unwrap();
    let mut harness = harness(StanceApp::with_project(project));
    ctrl(&mut harness, Key::Num3);
    assert_eq!(harness.state().current_document(), Some(first));
    let notice = "The current item is in \"";
    assert!(!shows_text(&harness, notice));
    assert!(is_enabled(&harness, "R: reject"));

    // A document with nothing to decide keeps the item, which the lanes no longer show.
    harness
        .state_mut()
        .queue(stance::ui::Action::ShowDocument(other_id));
    harness.run();
    assert_eq!(harness.state().current_document(), Some(other_id));
    let title = harness.state().project().documents()[0].title.clone();
    assert!(shows_text(&harness, &format!("{notice}{title}\"")));
    assert!(!is_enabled(&harness, "R: reject"));
    let annotations = harness.state().project().annotations().to_vec();
    for key in [Key::A, Key::B, Key::H, Key::R] {
        press(&mut harness, key);
    }
    assert_eq!(queue_len(&harness), 3);
    assert_eq!(harness.state().project().annotations(), annotations);

    // N goes to the item rather than past it; then R decides what the lanes show.
    press(&mut harness, Key::N);
    assert_eq!(harness.state().current_document(), Some(first));
    assert_eq!(current_position(&harness), 0);
    assert!(is_enabled(&harness, "R: reject"));
    press(&mut harness, Key::R);
    assert_eq!(queue_len(&harness), 2);
}

#[test]
fn delete_and_enter_in_the_compare_view_leave_the_hidden_selection_alone() {
    let (mut harness, id, ids) = first_disagreement_selected();
    ctrl(&mut harness, Key::Num3);
    assert_eq!(harness.state().selected_annotation(), Some(id));
    for key in [Key::Delete, Key::Backspace, Key::Enter] {
        press(&mut harness, key);
    }
    assert!(harness.state().project().annotation(id).is_some());
    assert!(!harness.ctx.text_edit_focused(), "Enter focused the note");

    // In the article the same keys act.
    ctrl(&mut harness, Key::Num1);
    press(&mut harness, Key::Delete);
    assert!(harness.state().project().annotation(id).is_none());
    harness
        .state_mut()
        .queue(stance::ui::Action::SelectAnnotation {
            id: ids[1].0.unwrap(),
            scroll_article: false,
        });
    harness.run();
    press(&mut harness, Key::Enter);
    assert!(harness.ctx.text_edit_focused());
}

/// The case: Alice's concession concedes to another claim; Bob tagged the same words
/// a claim. In the compare view, B keeps Bob's version, and Alice's link moves onto it.
#[test]
fn adjudicating_b_over_a_keeps_a_s_link_on_b_s_version() {
    let mut project = sample_project();
    let [words, other] = [PHRASES[1], PHRASES[0]].map(|p| span_of(&project, p));
    let concession = add(&mut project, "alice", "concession", words, None);
    let claim = add(&mut project, "bob", "claim", words, None);
    // The other end, already decided, so the queue holds only the one disagreement.
    let target = add(&mut project, ADJUDICATED, "claim", other, None);
    let link = project
        .add_relation("concedes-to", concession, target, Some("after the talks"))
        .unwrap();
    project.apply(link).unwrap();
    let link = project.relations()[0].id;
    let mut harness = harness(StanceApp::with_project(project));
    ctrl(&mut harness, Key::Num3);
    assert!(is_compare_view(&harness));
    assert_eq!(queue_len(&harness), 1);

    press(&mut harness, Key::B);
    let project = harness.state().project();
    assert!(project.annotation(concession).is_none());
    assert_eq!(
        project.annotation(claim).unwrap().annotator.as_deref(),
        Some(ADJUDICATED)
    );
    let moved = project.relation(link).unwrap();
    assert_eq!((moved.from, moved.to), (claim, target));
    assert_eq!(moved.note.as_deref(), Some("after the talks"));
    assert_eq!(queue_len(&harness), 0);

    // One undo step brings Alice's concession back with its link.
    ctrl(&mut harness, Key::Z);
    let project = harness.state().project();
    assert!(project.annotation(concession).is_some());
    let back = project.relation(link).unwrap();
    assert_eq!((back.from, back.to), (concession, target));
}
