//! The analysis view in the real app: Ctrl+2 opens it, clicking a map cell lists its
//! evidence, clicking a quote shows the statement in the article; the timeline lists the
//! marks of dated documents in date order.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;

use chrono::{NaiveDate, Utc};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stance::analysis::{PositionMap, TagKind, Timeline, TimelineRows};
use stance::app::StanceApp;
use stance::bench::probe::analysis_view;
use stance::io::load_project;
use stance::model::{Actor, Annotation, AnnotationId, Document, Issue, Project, Stance};
use stance::ui::analysis::{AnalysisTab, Picked};

fn click_at(harness: &mut Harness<'static, StanceApp>, pos: Pos2) {
    harness.event(Event::PointerMoved(pos));
    harness.step();
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
}

fn sample() -> Project {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/saves/ukraine-talks.ron");
    load_project(std::path::Path::new(path)).unwrap().project
}

#[test]
fn clicking_a_cell_lists_its_evidence_and_a_quote_opens_in_the_article() {
    let project = sample();
    let ushakov = project.actor_named("Yuri Ushakov").unwrap().id;
    let framework = project.issue_named("peace framework").unwrap().id;
    let map = PositionMap::build(&project, &Default::default());
    let cell = map
        .cell(
            map.row_of(ushakov).unwrap(),
            map.column_of(framework).unwrap(),
        )
        .unwrap();
    let concession = cell
        .evidence
        .iter()
        .find(|e| e.kind == TagKind::Concession)
        .unwrap();
    let (concession_id, quote) = (concession.annotation, concession.quote(&project).to_owned());
    let document = concession.document;

    let mut harness = common::harness(StanceApp::with_project(project));
    // Wide enough for every issue's column of cell histories beside the sidebar.
    harness.set_size(egui::vec2(1900.0, 900.0));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    assert!(is_analysis_shown(&harness));
    assert_eq!(analysis_view(harness.state()).tab(), AnalysisTab::Map);

    let rect = {
        let app = harness.state();
        analysis_view(app)
            .cell_rect(app.project(), ushakov, framework)
            .expect("the cell is painted")
    };
    click_at(&mut harness, rect.center());
    assert_eq!(
        analysis_view(harness.state()).picked(),
        Some(Picked::Cell {
            actor: ushakov,
            issue: framework
        })
    );

    harness.get_by_role_and_label(Role::Link, &quote).click();
    harness.run();
    assert!(!is_analysis_shown(&harness));
    let app = harness.state();
    assert_eq!(app.current_document(), Some(document));
    assert_eq!(app.selected_annotation(), Some(concession_id));
}

/// True while the analysis view (its tabs) fills the centre instead of the article.
fn is_analysis_shown(harness: &egui_kittest::Harness<'static, StanceApp>) -> bool {
    common::shows(harness, "Moves")
}

/// Two articles, the later one first in the project, each with one position on one issue.
fn two_rounds() -> (Project, AnnotationId, AnnotationId) {
    let mut project = Project::new("Two rounds");
    let mut florida = Document::new("Florida", "Umerov accepted the draft.".to_owned());
    florida.date = NaiveDate::from_ymd_opt(2025, 12, 5);
    let mut geneva = Document::new("Geneva", "Umerov rejected the draft.".to_owned());
    geneva.date = NaiveDate::from_ymd_opt(2025, 11, 23);
    let umerov = Actor::new("Rustem Umerov", Some("Ukraine"));
    let issue = Issue::new("Peace framework");
    let mut ids = Vec::new();
    for (doc, word, stance) in [
        (&florida, "accepted the draft", Stance::For),
        (&geneva, "rejected the draft", Stance::Against),
    ] {
        let span = doc.find(word, 0).unwrap();
        let mut a = Annotation::bare(
            AnnotationId::random(),
            doc.id,
            "position",
            vec![span],
            word,
            Utc::now(),
        );
        a.holders = vec![umerov.id];
        a.issues = vec![stance::model::IssueStance::with(issue.id, Some(stance))];
        ids.push(a.id);
        project.rebuild(|parts| {
            parts.annotations.push(a);
        });
    }
    project.rebuild(|parts| parts.documents = vec![florida, geneva]);
    project.rebuild(|parts| {
        parts.actors.push(umerov);
    });
    project.rebuild(|parts| {
        parts.issues.push(issue);
    });
    assert!(project.problems().is_empty(), "{:?}", project.problems());
    (project, ids[1], ids[0])
}

#[test]
fn the_timeline_lists_the_marks_of_two_dated_documents_in_date_order() {
    let (project, geneva, florida) = two_rounds();
    let mut harness = common::harness(StanceApp::with_project(project));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    harness.get_by_label("Timeline").click();
    harness.run();
    assert_eq!(analysis_view(harness.state()).tab(), AnalysisTab::Timeline);
    assert_eq!(
        analysis_view(harness.state()).painted_marks(),
        [geneva, florida]
    );

    // Clicking the later mark picks it; its quote opens the Florida article.
    let rect = analysis_view(harness.state()).mark_rect(florida).unwrap();
    click_at(&mut harness, rect.center());
    assert_eq!(
        analysis_view(harness.state()).picked(),
        Some(Picked::Mark(florida))
    );
    harness
        .get_by_role_and_label(Role::Link, "accepted the draft")
        .click();
    harness.run();
    assert_eq!(harness.state().selected_annotation(), Some(florida));
    assert!(!is_analysis_shown(&harness));

    // Ctrl+1 and Ctrl+2 switch between the views; the map is built once, not per frame.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    harness.get_by_label("Position map").click();
    harness.run();
    let builds = analysis_view(harness.state()).map_builds();
    assert!(builds >= 1);
    assert_eq!(
        analysis_view(harness.state()).last_stats().map_rows_painted,
        1
    );
    for _ in 0..5 {
        harness.step();
    }
    assert_eq!(analysis_view(harness.state()).map_builds(), builds);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    assert!(!is_analysis_shown(&harness));
}

#[test]
fn article_keys_do_nothing_while_the_analysis_view_hides_the_article() {
    let (project, _, florida) = two_rounds();
    let mut harness = common::harness(StanceApp::with_project(project));
    harness
        .state_mut()
        .queue(stance::ui::Action::SelectAnnotation {
            id: florida,
            scroll_article: false,
        });
    harness.run();
    let selection = stance::model::Span::new(0, 6);
    harness.state_mut().set_text_selection(Some(selection));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    assert!(is_analysis_shown(&harness));
    let before = harness.state().project().annotations().to_vec();

    let alt_shift = Modifiers::ALT | Modifiers::SHIFT;
    let presses = [
        (Modifiers::NONE, Key::Num1),
        (Modifiers::NONE, Key::Num2),
        (Modifiers::NONE, Key::Num3),
        (Modifiers::NONE, Key::Delete),
        (Modifiers::NONE, Key::Backspace),
        (Modifiers::ALT, Key::ArrowRight),
        (Modifiers::ALT, Key::ArrowLeft),
        (alt_shift, Key::ArrowLeft),
        (alt_shift, Key::ArrowRight),
        (Modifiers::NONE, Key::A),
        (Modifiers::NONE, Key::X),
        (Modifiers::NONE, Key::L),
        (Modifiers::NONE, Key::Enter),
        (Modifiers::COMMAND, Key::R),
    ];
    for (modifiers, key) in presses {
        harness.key_press_modifiers(modifiers, key);
        harness.run();
    }
    assert!(is_analysis_shown(&harness));
    assert_eq!(harness.state().project().annotations(), before);
    assert!(!common::shows_text(&harness, "Linking:"));
    assert!(!harness.ctx.text_edit_focused(), "Enter focused the note");

    // Back in the article, the same selection is tagged by its key.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    harness.state_mut().set_text_selection(Some(selection));
    harness.key_press(Key::Num1);
    harness.run();
    assert_eq!(
        harness.state().project().annotations().len(),
        before.len() + 1
    );
}

#[test]
fn the_lanes_of_the_timeline_leave_a_clear_band_between_their_marks() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/saves/river-talks.ron");
    let project = load_project(std::path::Path::new(path)).unwrap().project;
    let mut harness = common::harness(StanceApp::with_project(project));
    harness.set_size(egui::vec2(1900.0, 1400.0));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    harness.get_by_label("Timeline").click();
    harness.run();
    let app = harness.state();
    let view = analysis_view(app);
    let timeline = Timeline::build(app.project(), view.filter(), TimelineRows::IssueLanes);
    assert!(timeline.rows.len() >= 8, "{} lanes", timeline.rows.len());
    // A statement on two lanes (a joint one) has a rect per lane; take the others.
    let once = |id: AnnotationId| {
        (timeline.marks.iter())
            .filter(|m| m.evidence.annotation == id)
            .count()
            == 1
    };
    let mut bands: Vec<Option<(f32, f32)>> = vec![None; timeline.rows.len()];
    for mark in &timeline.marks {
        let id = mark.evidence.annotation;
        if !once(id) {
            continue;
        }
        let rect = view.mark_rect(id).expect("every mark is painted");
        let band = &mut bands[mark.row];
        *band = Some(band.map_or((rect.min.y, rect.max.y), |(top, bottom)| {
            (top.min(rect.min.y), bottom.max(rect.max.y))
        }));
    }
    let bands: Vec<(f32, f32)> = bands.into_iter().flatten().collect();
    assert!(bands.len() >= 8, "{bands:?}");
    // Lanes top to bottom: each one's marks end well above the next one's begin, so a mark
    // is read as its own lane's, whatever the stances ("against" sits low, "for" high).
    for pair in bands.windows(2) {
        let ((_, bottom), (top, _)) = (pair[0], pair[1]);
        assert!(top - bottom >= 12.0, "lanes too close: {pair:?}");
    }
}
