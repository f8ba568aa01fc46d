//! View → Show Links on the real app: links drawn as arcs, a click on one selects its
//! relation, its type and note are edited in the sidebar, Delete removes it and Ctrl+Z brings
//! it back. And the work of a frame: arcs are built for the painted paragraphs only, from an
//! index built once per project state.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;

use egui::{Event, Key, Modifiers, PointerButton, Pos2, TouchPhase};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stance::app::{StanceApp, sample_project};
use stance::bench::data::{LongArticleSpec, long_article_project};
use stance::bench::harness::{FrameDriver, input};
use stance::bench::links::with_links;
use stance::bench::probe::article_links;
use stance::model::{AnnotationId, Edit, Project, RelationId, Span};
use stance::ui::article::{ArticleInput, ArticleView, LinksInput};

/// The sample article with three annotations in its first paragraph, linked twice:
/// the second concedes to the first, the third responds to the second.
fn linked_sample() -> (Project, [AnnotationId; 3], [RelationId; 2]) {
    let mut project = sample_project();
    let doc = project.documents()[0].clone();
    let p = doc.paragraphs()[0].chars;
    assert!(
        p.len() > 120,
        "the first paragraph is long enough to link in"
    );
    let spans = [
        Span::new(p.start, p.start + 12),
        Span::new(p.start + 50, p.start + 64),
        Span::new(p.start + 100, p.start + 115),
    ];
    let ids = spans.map(|span| {
        let a = project
            .new_annotation(doc.id, "claim", vec![span], chrono::Utc::now())
            .unwrap();
        let id = a.id;
        project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
        id
    });
    let mut link = |kind: &str, from: AnnotationId, to: AnnotationId| {
        let edit = project.add_relation(kind, from, to, None).unwrap();
        let Edit::InsertRelation { relation, .. } = &edit else {
            panic!("add_relation inserts a relation");
        };
        let id = relation.id;
        project.apply(edit).unwrap();
        id
    };
    let concedes = link("concedes-to", ids[1], ids[0]);
    let responds = link("responds-to", ids[2], ids[1]);
    (project, ids, [concedes, responds])
}

fn click_at(harness: &mut Harness<'static, StanceApp>, pos: Pos2) {
    harness.hover_at(pos);
    harness.run();
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.run();
    }
}

fn label_of(harness: &Harness<'static, StanceApp>, id: RelationId) -> egui::Rect {
    article_links(harness.state())
        .into_iter()
        .find(|(r, _, _)| *r == id)
        .map(|(_, label, _)| label)
        .unwrap_or_else(|| panic!("no arc drawn for {id:?}"))
}

#[test]
fn show_links_draws_arcs_and_a_click_selects_a_relation_to_edit_delete_and_undo() {
    let (project, _ids, [concedes, responds]) = linked_sample();
    let mut harness = common::harness(StanceApp::with_project(project));
    assert!(article_links(harness.state()).is_empty(), "off by default");

    // View → Show Links, from the menu, ticked afterwards and kept in the preferences.
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label_contains("Show Links").click();
    harness.run();
    assert!(harness.state().preferences().show_links);
    let drawn: Vec<RelationId> = article_links(harness.state())
        .iter()
        .map(|(r, _, _)| *r)
        .collect();
    assert!(
        drawn.contains(&concedes) && drawn.contains(&responds),
        "{drawn:?}"
    );
    let (a, b) = (label_of(&harness, concedes), label_of(&harness, responds));
    assert!(!a.intersects(b), "labels never pile up: {a:?} {b:?}");

    // A click on the label selects the relation, not the text under it.
    click_at(&mut harness, a.center());
    assert_eq!(harness.state().selected_relation(), Some(concedes));
    assert_eq!(harness.state().selected_annotation(), None);
    assert!(common::shows(&harness, "Delete Link"));

    // Its type, in the sidebar's link editor.
    harness.get_by_label("Link type").click();
    harness.run();
    harness.get_by_label("Contradicts").click();
    harness.run();
    let kind = |h: &Harness<'static, StanceApp>| {
        h.state()
            .project()
            .relation(concedes)
            .map(|r| r.kind.clone())
    };
    assert_eq!(kind(&harness).as_deref(), Some("contradicts"));

    // Its note.
    harness.get_by_label("Link note").focus();
    harness.run();
    harness
        .get_by_label("Link note")
        .type_text("only if sanctions go");
    harness.run();
    let note = |h: &Harness<'static, StanceApp>| {
        h.state()
            .project()
            .relation(concedes)
            .and_then(|r| r.note.clone())
    };
    assert_eq!(note(&harness).as_deref(), Some("only if sanctions go"));
    // Leave the field, so Delete is the command's and not the text field's.
    harness.key_press(Key::Escape);
    harness.run();
    if harness.state().selected_relation().is_none() {
        // Esc left the field and cleared the selection: select the arc again.
        let label = label_of(&harness, concedes);
        click_at(&mut harness, label.center());
    }
    assert_eq!(harness.state().selected_relation(), Some(concedes));

    // Delete removes it, as one undo step; the other link stays.
    harness.key_press(Key::Delete);
    harness.run();
    assert!(harness.state().project().relation(concedes).is_none());
    assert!(harness.state().project().relation(responds).is_some());
    assert_eq!(harness.state().selected_relation(), None);
    let drawn: Vec<RelationId> = article_links(harness.state())
        .iter()
        .map(|(r, _, _)| *r)
        .collect();
    assert_eq!(drawn, vec![responds]);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(kind(&harness).as_deref(), Some("contradicts"));
    assert_eq!(note(&harness).as_deref(), Some("only if sanctions go"));
    // The note typed was one step, the type another: two more undos restore the original.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(note(&harness), None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(kind(&harness).as_deref(), Some("concedes-to"));
}

#[test]
fn the_shortcut_turns_links_on_and_off_and_a_click_beside_an_arc_still_selects_text() {
    let (project, ids, [concedes, _]) = linked_sample();
    let mut harness = common::harness(StanceApp::with_project(project));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    harness.run();
    assert!(harness.state().preferences().show_links);
    assert!(!article_links(harness.state()).is_empty());
    // The highlight under no arc: its annotation is selected as before.
    let rect = stance::bench::probe::article_char_rect(harness.state(), {
        let a = harness.state().project().annotation(ids[2]).unwrap();
        a.ranges[0].end - 2
    })
    .unwrap();
    click_at(&mut harness, pos_below(rect));
    assert_eq!(harness.state().selected_annotation(), Some(ids[2]));
    assert_eq!(harness.state().selected_relation(), None);
    // Selecting a relation then an annotation: one thing is selected at a time.
    let label = label_of(&harness, concedes);
    click_at(&mut harness, label.center());
    assert_eq!(harness.state().selected_relation(), Some(concedes));
    assert_eq!(harness.state().selected_annotation(), None);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    harness.run();
    assert!(!harness.state().preferences().show_links);
    assert!(article_links(harness.state()).is_empty());
}

/// The lower part of a char's box: arcs start at the top of a span, so a click low on the
/// text is the text's.
fn pos_below(rect: egui::Rect) -> Pos2 {
    egui::pos2(rect.center().x, rect.bottom() - rect.height() * 0.25)
}

#[test]
fn arcs_are_built_for_the_painted_paragraphs_only_from_an_index_built_once() {
    let project = long_article_project(LongArticleSpec {
        text_bytes: 200_000,
        annotations: 600,
        actors: 20,
    })
    .unwrap();
    let project = with_links(project, 800, 7).unwrap();
    let doc = project.documents()[0].clone();
    let mut view = ArticleView::default();
    let mut driver = FrameDriver::new();
    let input_state = ArticleInput {
        links: Some(LinksInput::default()),
        ..ArticleInput::default()
    };
    let paragraph_of = |id: AnnotationId| {
        let a = project.annotation(id).unwrap();
        doc.paragraph_at(a.ranges[0].start)
    };
    let mut builds = Vec::new();
    let mut total_placed = 0;
    for i in 0..30 {
        let mut events = Vec::new();
        if i > 0 {
            let phase = if i == 1 {
                TouchPhase::Start
            } else {
                TouchPhase::Move
            };
            events.push(input::scroll(-900.0, phase));
        }
        driver.frame(events, |ui| {
            let _response = view.ui(ui, &project, doc.id, &input_state);
        });
        let stats = view.last_stats();
        let (first, last) = (stats.first_painted.unwrap(), stats.last_painted.unwrap());
        // Counted by brute force: the relations with an end in a painted paragraph.
        let expected = (project.relations().iter())
            .filter(|r| {
                [r.from, r.to]
                    .into_iter()
                    .any(|end| (first..=last).contains(&paragraph_of(end)))
            })
            .count();
        assert_eq!(stats.links_placed, expected, "frame {i}: {stats:?}");
        assert!(stats.links_placed < project.relations().len() / 10);
        total_placed += stats.links_placed;
        builds.push(stats.link_index_builds);
    }
    assert!(total_placed > 0, "some arcs were drawn");
    assert_eq!(builds.first(), builds.last(), "indexed once, not per frame");
    assert_eq!(builds.first(), Some(&1));
}
