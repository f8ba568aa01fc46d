//! The workbench edits format 3, driven like an analyst: joint holders, a stance and
//! condition per issue, when a statement was said (typed, or a proposal accepted), firmness,
//! an actor's side, links across documents, and the annotator on every edit. Asserts on the
//! model.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;

use chrono::{NaiveDate, Utc};
use common::{harness, shows_text};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stance::app::StanceApp;
use stance::model::{
    Actor, AnnotationId, Document, Edit, Firmness, Issue, PartialDate, Project, Stance,
};
use stance::ui::Action;
use stance::ui::sidebar::row_label;

/// Two dated articles written for these tests: a December report quoting what was said
/// earlier, and a November demand it answers.
const DECEMBER: &str = "Talks resumed in Florida on Friday.\n\n\
In October, the minister had said the river was not on the agenda. \
The crossing fees are not negotiable, the minister said. \
We are prepared to discuss the schedule of inspections, her deputy added.\n";
const NOVEMBER: &str = "The delegation demanded full control of the river crossings.\n";

struct Fixture {
    project: Project,
    /// "In October, the minister had said the river was not on the agenda" (a claim).
    october: AnnotationId,
    /// "The crossing fees are not negotiable" (a position).
    fees: AnnotationId,
    /// "We are prepared to discuss the schedule of inspections" (a position).
    schedule: AnnotationId,
    /// The November demand, in the other document.
    demand: AnnotationId,
}

fn fixture() -> Fixture {
    let mut project = Project::new("Format 3");
    let mut december = Document::new("December report", DECEMBER.to_owned());
    december.date = NaiveDate::from_ymd_opt(2025, 12, 5);
    let mut november = Document::new("November demand", NOVEMBER.to_owned());
    november.date = NaiveDate::from_ymd_opt(2025, 11, 23);
    // November first: the list's order by date and by project agree.
    for doc in [november, december] {
        project.apply(project.add_document(doc)).unwrap();
    }
    let mut russia = Actor::new("Russia", None);
    russia.aliases = vec!["Moscow".to_owned()];
    for actor in [russia, Actor::new("United States", None)] {
        project.apply(project.add_actor(actor).unwrap()).unwrap();
    }
    for issue in ["River", "Fees"] {
        project
            .apply(project.add_issue(Issue::new(issue)).unwrap())
            .unwrap();
    }
    let mut annotate = |doc: usize, phrase: &str, tag: &str| {
        let document = &project.documents()[doc];
        let span = document.find(phrase, 0).unwrap();
        let a = project
            .new_annotation(document.id, tag, vec![span], Utc::now())
            .unwrap();
        let id = a.id;
        project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
        id
    };
    let october = annotate(
        1,
        "the minister had said the river was not on the agenda",
        "claim",
    );
    let fees = annotate(1, "The crossing fees are not negotiable", "position");
    let schedule = annotate(
        1,
        "We are prepared to discuss the schedule of inspections",
        "position",
    );
    let demand = annotate(
        0,
        "demanded full control of the river crossings",
        "position",
    );
    Fixture {
        project,
        october,
        fees,
        schedule,
        demand,
    }
}

fn app_harness(project: Project) -> Harness<'static, StanceApp> {
    let mut app = StanceApp::with_project(project);
    app.queue(Action::SetAnnotatorName("Analyst A".to_owned()));
    harness(app)
}

fn select(harness: &mut Harness<'static, StanceApp>, id: AnnotationId) {
    harness.state_mut().queue(Action::SelectAnnotation {
        id,
        scroll_article: true,
    });
    harness.run();
    assert_eq!(harness.state().selected_annotation(), Some(id));
}

fn click(harness: &mut Harness<'static, StanceApp>, label: &str) {
    let node = harness.get_by_label(label);
    node.scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

fn type_and_enter(harness: &mut Harness<'static, StanceApp>, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

fn annotation(
    harness: &Harness<'static, StanceApp>,
    id: AnnotationId,
) -> stance::model::Annotation {
    harness.state().project().annotation(id).unwrap().clone()
}

fn actor_named(harness: &Harness<'static, StanceApp>, name: &str) -> stance::model::ActorId {
    harness.state().project().actor_named(name).unwrap().id
}

#[test]
fn holders_are_added_in_order_once_each_and_a_typed_name_reuses_the_actor_or_makes_one() {
    let f = fixture();
    let mut harness = app_harness(f.project);
    select(&mut harness, f.fees);

    // An existing actor, from the combo.
    click(&mut harness, "Holder");
    harness
        .get_by_role_and_label(Role::Button, "United States")
        .click();
    harness.run();
    // A new name makes a new actor.
    click(&mut harness, "Holder");
    click(&mut harness, "New actor…");
    type_and_enter(&mut harness, "Ukraine");
    // An alias names an existing actor: it is reused, not duplicated.
    click(&mut harness, "Holder");
    click(&mut harness, "New actor…");
    type_and_enter(&mut harness, "moscow");
    // A name already holding it adds nothing.
    click(&mut harness, "Holder");
    click(&mut harness, "New actor…");
    type_and_enter(&mut harness, "UNITED STATES");

    let (us, ukraine, russia) = (
        actor_named(&harness, "United States"),
        actor_named(&harness, "Ukraine"),
        actor_named(&harness, "Russia"),
    );
    assert_eq!(harness.state().project().actors().len(), 3);
    let a = annotation(&harness, f.fees);
    assert_eq!(a.holders, vec![us, ukraine, russia], "in the order given");
    assert_eq!(a.annotator.as_deref(), Some("Analyst A"));

    // The combo offers only actors not holding it yet.
    click(&mut harness, "Holder");
    assert!(
        harness
            .query_by(|n| n.role() == Role::Button && n.label().as_deref() == Some("Russia"))
            .is_none()
    );
    click(&mut harness, "Holder");

    // A chip's × removes that holder and keeps the others' order.
    click(&mut harness, "Remove the holder Ukraine");
    assert_eq!(annotation(&harness, f.fees).holders, vec![us, russia]);
    // One undo step per change.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        annotation(&harness, f.fees).holders,
        vec![us, ukraine, russia]
    );
}

#[test]
fn each_issue_row_has_its_own_stance_and_condition_and_the_general_stance_only_without_issues() {
    let f = fixture();
    let mut harness = app_harness(f.project);
    select(&mut harness, f.schedule);

    // Without issues, the general stance.
    click(&mut harness, "against");
    assert_eq!(
        annotation(&harness, f.schedule).stance,
        Some(Stance::Against)
    );

    // The first issue takes the general stance with it; the general row goes.
    harness
        .get_by(|n| n.placeholder() == Some("Add an issue…"))
        .click();
    harness.run();
    type_and_enter(&mut harness, "River");
    harness.key_press(Key::Escape);
    harness.run();
    let river = harness.state().project().issue_named("River").unwrap().id;
    let fees = harness.state().project().issue_named("Fees").unwrap().id;
    let a = annotation(&harness, f.schedule);
    assert_eq!(a.stance, None);
    assert_eq!(a.stance_on(river), Some(Stance::Against));
    assert!(harness.query_by_label("Stance").is_none());

    harness
        .get_by(|n| n.placeholder() == Some("Add an issue…"))
        .click();
    harness.run();
    type_and_enter(&mut harness, "Fees");
    harness.key_press(Key::Escape);
    harness.run();

    // A stance per issue: for on the fees, conditional on the river with its condition.
    click(&mut harness, "for on Fees");
    click(&mut harness, "conditional on River");
    harness
        .get_by(|n| {
            n.role() == Role::TextInput && n.label().as_deref() == Some("Condition on River")
        })
        .click();
    harness.run();
    harness.event(Event::Text("if inspections are joint".to_owned()));
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();

    let a = annotation(&harness, f.schedule);
    assert_eq!(a.stance_on(fees), Some(Stance::For));
    assert_eq!(a.stance_on(river), Some(Stance::Conditional));
    assert_eq!(
        a.issue_stance(river).unwrap().condition.as_deref(),
        Some("if inspections are joint")
    );
    assert_eq!(a.issue_stance(fees).unwrap().condition, None);
    assert_eq!(a.annotator.as_deref(), Some("Analyst A"));

    // The chosen stance again clears it, on that issue only.
    click(&mut harness, "for on Fees");
    let a = annotation(&harness, f.schedule);
    assert_eq!(a.stance_on(fees), None);
    assert_eq!(a.stance_on(river), Some(Stance::Conditional));
}

#[test]
fn said_on_is_typed_or_proposed_from_the_sentence_and_accepted_in_one_click_never_silently() {
    let f = fixture();
    let mut harness = app_harness(f.project);
    select(&mut harness, f.october);

    // "In October", in a 5 December article: proposed, not set.
    assert!(shows_text(&harness, "Said on Oct 2025?"));
    assert_eq!(annotation(&harness, f.october).said_on, None);
    click(&mut harness, "Accept said on Oct 2025");
    assert_eq!(
        annotation(&harness, f.october).said_on,
        PartialDate::month(2025, 10)
    );
    assert!(!shows_text(&harness, "Said on Oct 2025?"));
    assert_eq!(
        annotation(&harness, f.october).annotator.as_deref(),
        Some("Analyst A")
    );

    // Typed: a full date; a bad one is refused with the reason and changes nothing.
    select(&mut harness, f.fees);
    harness
        .get_by_role_and_label(Role::TextInput, "Said on")
        .click();
    harness.run();
    type_and_enter(&mut harness, "2025-13");
    assert!(shows_text(&harness, "is not a date"));
    assert_eq!(annotation(&harness, f.fees).said_on, None);
    harness
        .get_by_role_and_label(Role::TextInput, "Said on")
        .click();
    harness.run();
    for _ in 0..7 {
        harness.key_press(Key::Backspace);
    }
    harness.run();
    type_and_enter(&mut harness, "2025-12-02");
    assert_eq!(
        annotation(&harness, f.fees).said_on,
        Some(PartialDate::Day(
            NaiveDate::from_ymd_opt(2025, 12, 2).unwrap()
        ))
    );
    // The time order follows it.
    let project = harness.state().project();
    assert_eq!(
        project.statement_date(project.annotation(f.fees).unwrap()),
        Some(PartialDate::Day(
            NaiveDate::from_ymd_opt(2025, 12, 2).unwrap()
        ))
    );
}

#[test]
fn firmness_is_chosen_or_its_proposal_accepted_in_one_click() {
    let f = fixture();
    let mut harness = app_harness(f.project);
    select(&mut harness, f.fees);
    // "not negotiable": firm, proposed.
    assert!(shows_text(&harness, "Firm?"));
    assert_eq!(annotation(&harness, f.fees).firmness, None);
    click(&mut harness, "Accept firm");
    assert_eq!(annotation(&harness, f.fees).firmness, Some(Firmness::Firm));
    assert!(!shows_text(&harness, "Firm?"));

    select(&mut harness, f.schedule);
    assert!(shows_text(&harness, "Flexible?"));
    click(&mut harness, "flexible");
    assert_eq!(
        annotation(&harness, f.schedule).firmness,
        Some(Firmness::Flexible)
    );
    // The chosen one again unsets it.
    click(&mut harness, "flexible");
    assert_eq!(annotation(&harness, f.schedule).firmness, None);
}

#[test]
fn an_actors_side_is_picked_in_the_actor_list_and_a_cycle_is_refused_saying_why() {
    let mut f = fixture();
    f.project
        .apply(
            f.project
                .add_actor(Actor::new("Yuri Ushakov", None))
                .unwrap(),
        )
        .unwrap();
    let mut harness = app_harness(f.project);
    click(&mut harness, "Actors (3)");

    harness
        .get_by_role_and_label(Role::ComboBox, "Side of Yuri Ushakov")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Russia")
        .click();
    harness.run();
    let (ushakov, russia) = (
        actor_named(&harness, "Yuri Ushakov"),
        actor_named(&harness, "Russia"),
    );
    let project = harness.state().project();
    assert_eq!(project.actor(ushakov).unwrap().side, Some(russia));
    assert_eq!(project.side_of(ushakov), russia);

    // Russia speaking for Ushakov would make a cycle: refused, and the message says so.
    harness
        .get_by_role_and_label(Role::ComboBox, "Side of Russia")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Yuri Ushakov")
        .click();
    harness.run();
    assert_eq!(harness.state().project().actor(russia).unwrap().side, None);
    assert!(shows_text(&harness, "sides cannot make a cycle"));
}

#[test]
fn a_pending_link_survives_going_to_another_document_and_links_across_them() {
    let f = fixture();
    let mut harness = app_harness(f.project);
    let (december, november) = {
        let docs = harness.state().project().documents();
        (docs[1].id, docs[0].id)
    };
    select(&mut harness, f.schedule);
    harness.key_press(Key::L);
    harness.run();
    assert!(shows_text(
        &harness,
        "Linking: click the annotation “We are prepared"
    ));

    // Ctrl+PageUp: the November article; the link is still pending, and says so.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    harness.run();
    assert_eq!(harness.state().current_document(), Some(november));
    assert!(shows_text(
        &harness,
        "Linking: click the annotation “We are prepared"
    ));

    let label = {
        let project = harness.state().project();
        row_label(project, project.annotation(f.demand).unwrap())
    };
    harness.get_by_label(&label).click();
    harness.run();
    assert!(shows_text(&harness, "Linking: choose the relation type"));
    // 2: concedes-to.
    harness.key_press(Key::Num2);
    harness.run();
    let project = harness.state().project();
    assert_eq!(project.relations().len(), 1);
    let r = &project.relations()[0];
    assert_eq!(
        (r.kind.as_str(), r.from, r.to),
        ("concedes-to", f.schedule, f.demand)
    );
    assert!(!shows_text(&harness, "Linking:"));

    // Ctrl+PageDown and the document list keep it too, and Esc cancels it.
    select(&mut harness, f.demand);
    harness.key_press(Key::L);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run();
    assert_eq!(harness.state().current_document(), Some(december));
    assert!(shows_text(
        &harness,
        "Linking: click the annotation “demanded full control"
    ));
    harness.state_mut().queue(Action::ShowDocument(november));
    harness.run();
    assert!(shows_text(
        &harness,
        "Linking: click the annotation “demanded full control"
    ));
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!shows_text(&harness, "Linking:"));
    assert_eq!(harness.state().project().relations().len(), 1);
}

#[test]
fn an_accepted_suggestion_edited_in_the_app_and_a_new_annotation_record_the_annotator() {
    let mut f = fixture();
    // As `stance suggest` leaves it.
    let edit = f
        .project
        .set_stance(
            f.october,
            Some(Stance::For),
            stance::model::EditContext::new(Some("stance suggest"), Utc::now()),
        )
        .unwrap();
    f.project.apply(edit).unwrap();
    assert_eq!(
        f.project
            .annotation(f.october)
            .unwrap()
            .annotator
            .as_deref(),
        Some("stance suggest")
    );
    let mut harness = app_harness(f.project);
    select(&mut harness, f.october);
    click(&mut harness, "direct");
    assert_eq!(
        annotation(&harness, f.october).annotator.as_deref(),
        Some("Analyst A")
    );

    // A new annotation, tagged from a text selection.
    let span = harness.state().project().documents()[1]
        .find("Talks resumed in Florida", 0)
        .unwrap();
    harness.state_mut().set_text_selection(Some(span));
    harness.run();
    harness.key_press(Key::Num1);
    harness.run();
    let project = harness.state().project();
    let new = project
        .annotations()
        .iter()
        .find(|a| a.ranges == vec![span])
        .unwrap();
    assert_eq!(new.annotator.as_deref(), Some("Analyst A"));
}
