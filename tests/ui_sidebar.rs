//! The sidebar as issue 11 found it: the selected row hidden by the editor, filters that
//! missed the article, menus that let J/K act underneath, rows jumping when a holder is
//! chosen, and text that did not zoom. Driven on the real app in a small window.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use egui::{Event, Key, Modifiers, PointerButton, Pos2, Rect, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stance::app::StanceApp;
use stance::bench::probe::article_char_rect;
use stance::model::{AnnotationId, Project, Span};
use stance::ui::file_dialog::ScriptedDialogs;
use stance::ui::sidebar::row_label;

/// The window the issue was found in.
const SMALL_WINDOW: [f32; 2] = [900.0, 600.0];

fn sample() -> Project {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron");
    stance::io::load_project(&path).unwrap().project
}

fn small_harness(app: StanceApp) -> Harness<'static, StanceApp> {
    let mut harness = Harness::builder()
        .with_size(SMALL_WINDOW)
        .with_step_dt(0.05)
        .with_max_steps(40)
        .build_ui_state(
            |ui, app: &mut StanceApp| app.frame_ui(ui),
            app.with_annotator("tester"),
        );
    harness.run();
    harness
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

/// Clicks the article in the middle of `span`, as a user clicks a highlight.
fn click_text(harness: &mut Harness<'static, StanceApp>, span: Span) {
    let middle = span.start + span.len() / 2;
    let rect = article_char_rect(harness.state(), middle).unwrap();
    click_at(harness, rect.center());
}

fn row_rect(harness: &Harness<'static, StanceApp>, id: AnnotationId) -> Rect {
    let project = harness.state().project();
    let label = row_label(project, project.annotation(id).unwrap());
    harness.get_by_label(&label).rect()
}

/// The list's visible band: below the search row, above the editor's heading.
fn list_band(harness: &Harness<'static, StanceApp>) -> (f32, f32) {
    let top = (harness
        .get_by(|n| n.placeholder() == Some("Search quotes, notes, holders (Ctrl+F)")))
    .rect()
    .bottom();
    let bottom = harness.get_by_label("Selected annotation").rect().top();
    (top, bottom)
}

fn assert_row_in_view(harness: &Harness<'static, StanceApp>, id: AnnotationId) {
    let (top, bottom) = list_band(harness);
    let row = row_rect(harness, id);
    assert!(
        row.top() >= top - 1.0 && row.bottom() <= bottom + 1.0,
        "the selected row {row:?} is outside the list's band {top}..{bottom}"
    );
}

/// An annotation of `tag` whose middle char no other annotation covers, on screen now.
fn lone_on_screen(harness: &Harness<'static, StanceApp>, tag: &str) -> (AnnotationId, Span) {
    let project = harness.state().project();
    let a = (project.annotations().iter())
        .filter(|a| a.tag == tag && a.ranges.len() == 1)
        .find(|a| {
            let middle = a.ranges[0].start + a.ranges[0].len() / 2;
            let alone = !(project.annotations().iter()).any(|b| {
                b.id != a.id && b.ranges.iter().any(|r| r.start <= middle && middle < r.end)
            });
            alone && article_char_rect(harness.state(), middle).is_some()
        })
        .unwrap();
    (a.id, a.ranges[0])
}

#[test]
fn clicking_a_highlight_keeps_its_row_in_view_when_the_editor_opens() {
    let mut harness = small_harness(StanceApp::with_project(sample()));
    // Walk down the list, so the article shows annotations far from the list's top.
    for _ in 0..14 {
        harness.key_press(Key::J);
        harness.run();
    }
    let walked_to = harness.state().selected_annotation().unwrap();
    assert_row_in_view(&harness, walked_to);
    // Esc closes the editor: the list grows back. Scrolled to its top, it no longer shows
    // the row, so selecting it must scroll the list, in the list's height with the editor.
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.state().selected_annotation(), None);
    let over_list = harness.get_by_label("Annotations").rect().center() + egui::vec2(0.0, 150.0);
    harness.hover_at(over_list);
    harness.run();
    harness.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 5000.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    harness.run();
    let project = harness.state().project();
    let walked_label = row_label(project, project.annotation(walked_to).unwrap());
    assert!(harness.query_by_label(&walked_label).is_none());

    let span = harness
        .state()
        .project()
        .annotation(walked_to)
        .unwrap()
        .ranges[0];
    click_text(&mut harness, span);
    let selected = harness.state().selected_annotation().unwrap();
    assert_row_in_view(&harness, selected);
}

#[test]
fn the_split_between_list_and_editor_drags_and_is_remembered() {
    let mut harness = small_harness(StanceApp::with_project(sample()));
    harness.key_press(Key::J);
    harness.run();
    let selected = harness.state().selected_annotation().unwrap();
    let heading_before = harness.get_by_label("Selected annotation").rect().top();
    let remembered_before = harness.state().preferences().sidebar_editor_height_px;

    // The split is the editor panel's resize handle (the sidebar's own one stands upright);
    // drag it 40 points down, giving the list more room.
    let from = (harness.query_all_by_role(Role::Splitter))
        .map(|n| n.rect())
        .find(|r| r.width() > r.height())
        .unwrap()
        .center();
    harness.hover_at(from);
    harness.run();
    harness.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.run();
    for step in 1..=4 {
        harness.hover_at(from + egui::vec2(0.0, 10.0 * step as f32));
        harness.run();
    }
    let to = from + egui::vec2(0.0, 40.0);
    harness.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run();

    let heading_after = harness.get_by_label("Selected annotation").rect().top();
    assert!(
        (heading_after - heading_before - 40.0).abs() < 4.0,
        "the editor moved from {heading_before} to {heading_after}"
    );
    let remembered = harness.state().preferences().sidebar_editor_height_px;
    assert!(
        remembered < remembered_before - 30.0,
        "remembered {remembered}, was {remembered_before}"
    );
    assert_row_in_view(&harness, selected);

    // A new window with these preferences opens the editor at that height.
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let app = StanceApp::new(sample(), Some(&storage), Box::new(ScriptedDialogs::new()));
    let mut reopened = small_harness(app);
    reopened.key_press(Key::J);
    reopened.run();
    let heading_reopened = reopened.get_by_label("Selected annotation").rect().top();
    assert!((heading_reopened - heading_after).abs() < 2.0);
}

#[derive(Default)]
struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn the_actors_view_takes_the_whole_sidebar_and_gives_it_back() {
    let mut harness = small_harness(StanceApp::with_project(sample()));
    harness.key_press(Key::J);
    harness.run();
    let selected = harness.state().selected_annotation().unwrap();
    let actors = harness.state().project().actors().len();
    harness.get_by_label(&format!("Actors ({actors})")).click();
    harness.run();
    assert!(harness.query_by_label("Back to annotations").is_some());
    // Neither the list nor the editor shares the sidebar with it.
    assert!(harness.query_by_label("Selected annotation").is_none());
    assert!(harness.query_by_label("Annotations").is_none());
    // Each actor shows its name, affiliation and aliases there.
    let actor = (harness.state().project().actors().iter())
        .find(|a| !a.aliases.is_empty())
        .unwrap()
        .clone();
    harness.get_by_label(&actor.name);
    let aliases = actor.aliases.join(", ");
    harness.get_by(|n| n.role() == Role::TextInput && n.value().as_deref() == Some(&aliases));
    // Each field says which it is: filled in, affiliation and aliases looked alike.
    for field in ["Affiliation", "Aliases"] {
        let labelled = harness.query_all_by_role_and_label(Role::TextInput, field);
        assert!(labelled.count() >= 2, "no labelled {field} fields");
    }

    harness.get_by_label("Back to annotations").click();
    harness.run();
    assert!(harness.query_by_label("Back to annotations").is_none());
    assert_row_in_view(&harness, selected);
}

#[test]
fn choosing_a_holder_moves_no_field_and_actor_details_open_with_the_actor() {
    let mut harness = small_harness(StanceApp::with_project(sample()));
    // An annotation without a holder.
    let id = {
        let project = harness.state().project();
        project
            .annotations()
            .iter()
            .find(|a| a.holders.is_empty())
            .unwrap()
            .id
    };
    harness
        .state_mut()
        .queue(stance::ui::Action::SelectAnnotation {
            id,
            scroll_article: true,
        });
    harness.run();
    // The rows below the holder stay where they were (Affiliation and Aliases rows used to
    // appear above them).
    let note = |h: &Harness<'static, StanceApp>| {
        (h.get_by_role_and_label(Role::ComboBox, "Target").rect())
            .union(h.get_by_role_and_label(Role::Label, "Issues").rect())
    };
    let before = note(&harness);
    let actor = harness.state().project().actors()[0].clone();
    harness
        .state_mut()
        .queue(stance::ui::Action::SetHolder(id, Some(actor.id)));
    harness.run();
    let project = harness.state().project();
    assert_eq!(
        project.annotation(id).unwrap().first_holder(),
        Some(actor.id)
    );
    assert_eq!(note(&harness), before, "the fields below the holder moved");
    assert!(harness.query_by_label("Affiliation").is_none());

    // A conditional stance enables the Condition row rather than inserting it.
    let attribution = |h: &Harness<'static, StanceApp>| {
        h.get_by_role_and_label(Role::Label, "Attribution").rect()
    };
    let attribution_before = attribution(&harness);
    harness.state_mut().queue(stance::ui::Action::SetStance(
        id,
        Some(stance::model::Stance::Conditional),
    ));
    harness.run();
    let project = harness.state().project();
    assert_eq!(
        project.annotation(id).unwrap().single_stance(),
        Some(stance::model::Stance::Conditional)
    );
    assert_eq!(
        attribution(&harness),
        attribution_before,
        "Attribution moved"
    );

    // The holder's details are one click away, in the Actors view.
    harness.get_by_label("Actor…").click();
    harness.run();
    assert!(harness.query_by_label("Back to annotations").is_some());
    harness.get_by_label(&actor.name);
}

#[test]
fn switching_a_tag_off_hides_its_highlights_in_the_article_too() {
    let mut harness = small_harness(StanceApp::with_project(sample()));
    let (claim, span) = lone_on_screen(&harness, "claim");
    harness.get_by_role_and_label(Role::Button, "Claim").click();
    harness.run();
    assert!(harness.state().filter().hidden_tags.contains("claim"));
    // The claim's text is plain text now: clicking it selects nothing.
    click_text(&mut harness, span);
    assert_eq!(harness.state().selected_annotation(), None);

    // A search narrows the list only; the highlights stay clickable.
    harness.get_by_role_and_label(Role::Button, "Claim").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.event(Event::Text("no such words".to_owned()));
    harness.run();
    harness.get_by_label("No annotation matches the filters.");
    harness.key_press(Key::Escape);
    harness.run();
    click_text(&mut harness, span);
    assert_eq!(harness.state().selected_annotation(), Some(claim));
}

#[test]
fn an_open_menu_takes_j_k_and_esc_closes_only_the_menu() {
    let mut harness = small_harness(StanceApp::with_project(sample()));
    harness.key_press(Key::J);
    harness.run();
    let selected = harness.state().selected_annotation().unwrap();

    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Find Annotations");
    harness.key_press(Key::J);
    harness.run();
    harness.key_press(Key::K);
    harness.run();
    harness.key_press(Key::K);
    harness.run();
    assert_eq!(harness.state().selected_annotation(), Some(selected));

    harness.key_press(Key::Escape);
    harness.run();
    let menu_item = harness.query_by_label_contains("Find Annotations");
    assert!(menu_item.is_none(), "the menu is still open");
    // Esc closed the menu and did not clear the selection.
    assert_eq!(harness.state().selected_annotation(), Some(selected));
    harness.key_press(Key::J);
    harness.run();
    assert_ne!(harness.state().selected_annotation(), Some(selected));
}

#[test]
fn zooming_scales_the_sidebar_rows_with_the_article() {
    let mut harness = small_harness(StanceApp::with_project(sample()));
    let first = harness.state().project().annotations()[0].id;
    let before = row_rect(&harness, first).height();
    for _ in 0..3 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
        harness.run();
    }
    let zoom = harness.state().preferences().zoom;
    assert!(zoom > 1.2);
    let after = row_rect(&harness, first).height();
    assert!(
        (after / before - zoom).abs() < 0.05,
        "row height {before} -> {after} at zoom {zoom}"
    );
}

#[test]
fn tagging_with_a_hidden_tag_shows_that_tag_again() {
    let mut harness = small_harness(StanceApp::with_project(sample()));
    harness.get_by_role_and_label(Role::Button, "Claim").click();
    harness.run();
    let span = harness.state().project().documents()[0]
        .find("Florida", 0)
        .unwrap();
    harness.state_mut().set_text_selection(Some(span));
    harness.key_press(Key::Num1);
    harness.run();
    let app = harness.state();
    let new = app.selected_annotation().unwrap();
    let project = app.project();
    assert_eq!(project.annotation(new).unwrap().tag, "claim");
    // The new claim is not selected unseen: claims are shown again, in the list too.
    assert!(app.filter().hidden_tags.is_empty());
    harness.get_by_label(&row_label(project, project.annotation(new).unwrap()));
}

#[test]
fn giving_the_selected_annotation_another_holder_than_the_filter_shows_it_again() {
    let mut harness = small_harness(StanceApp::with_project(sample()));
    let project = harness.state().project();
    let a = project
        .annotations()
        .iter()
        .find(|a| !a.holders.is_empty())
        .unwrap();
    let (id, holder) = (a.id, a.first_holder());
    let other = project
        .actors()
        .iter()
        .find(|x| Some(x.id) != holder)
        .unwrap()
        .id;
    let filter = stance::model::AnnotationFilter {
        holder,
        ..Default::default()
    };
    harness
        .state_mut()
        .queue(stance::ui::Action::SetFilter(filter));
    harness
        .state_mut()
        .queue(stance::ui::Action::SelectAnnotation {
            id,
            scroll_article: true,
        });
    harness.run();
    assert_eq!(harness.state().selected_annotation(), Some(id));
    harness
        .state_mut()
        .queue(stance::ui::Action::SetHolder(id, Some(other)));
    harness.run();
    let app = harness.state();
    assert_eq!(
        app.project().annotation(id).unwrap().first_holder(),
        Some(other)
    );
    // Not left selected and edited unseen: the holder filter gave way.
    assert_eq!(app.filter().holder, None);
    harness.get_by_label(&row_label(
        app.project(),
        app.project().annotation(id).unwrap(),
    ));
}

#[test]
fn issue_chips_wrap_inside_the_sidebar_and_keep_the_editor_in_it() {
    let mut harness = small_harness(StanceApp::with_project(sample()));
    // The annotation whose issue names are longest together: two chips that do not fit a row.
    let id = {
        let project = harness.state().project();
        let names = |a: &stance::model::Annotation| -> usize {
            a.issue_ids()
                .map(|i| project.issue_name(i).chars().count())
                .sum()
        };
        project
            .annotations()
            .iter()
            .max_by_key(|a| names(a))
            .unwrap()
            .id
    };
    assert!(
        harness
            .state()
            .project()
            .annotation(id)
            .unwrap()
            .issues
            .len()
            >= 2
    );
    harness
        .state_mut()
        .queue(stance::ui::Action::SelectAnnotation {
            id,
            scroll_article: true,
        });
    // Scrolling the article down to it animates for longer than `run` allows.
    harness.run_steps(80);
    let right_px = SMALL_WINDOW[0];
    let issue_field = harness
        .get_by_role_and_label(Role::TextInput, "Issues")
        .rect();
    assert!(
        issue_field.right() <= right_px - 8.0,
        "the issue field runs to {} in a {right_px} window",
        issue_field.right()
    );
    let delete = harness.get_by_role_and_label(Role::Button, "Delete").rect();
    assert!(
        delete.right() <= right_px,
        "Delete ends at {}",
        delete.right()
    );
}
