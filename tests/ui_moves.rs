//! The Moves tab in the real app: the round editor adds, renames, re-dates and deletes a
//! round (a date that does not parse is refused with its message), and the drafted brief is
//! edited, kept in the project per pair of rounds, and follows undo and redo — each checked
//! on the project, not on the screen.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use chrono::{NaiveDate, Utc};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stance::app::StanceApp;
use stance::model::{
    Actor, Annotation, AnnotationId, BriefKey, Document, Issue, IssueStance, Project, Round,
    RoundId, RoundSpan, Stance,
};
use stance::ui::Action;
use stance::ui::analysis::RoundAction;
use stance::ui::date_field::BadDate;

fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, month, d).unwrap()
}

/// Three dated articles (Geneva, Moscow, Florida), one position on one issue in each, the
/// stance changing from against to for.
fn three_articles() -> Project {
    let mut project = Project::new("Three rounds");
    let umerov = Actor::new("Rustem Umerov", Some("Ukraine"));
    let issue = Issue::new("Peace framework");
    let mut documents = Vec::new();
    let mut annotations = Vec::new();
    for (title, date, text, word, stance) in [
        (
            "Geneva",
            day(11, 23),
            "Umerov rejected the draft.",
            "rejected the draft",
            Stance::Against,
        ),
        (
            "Moscow",
            day(12, 2),
            "Umerov studied the draft.",
            "studied the draft",
            Stance::Conditional,
        ),
        (
            "Florida",
            day(12, 5),
            "Umerov accepted the draft.",
            "accepted the draft",
            Stance::For,
        ),
    ] {
        let mut doc = Document::new(title, text.to_owned());
        doc.date = Some(date);
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
        a.issues = vec![IssueStance::with(issue.id, Some(stance))];
        documents.push(doc);
        annotations.push(a);
    }
    project.rebuild(|parts| {
        parts.documents = documents;
        parts.annotations = annotations;
        parts.actors.push(umerov);
        parts.issues.push(issue);
    });
    assert!(project.problems().is_empty(), "{:?}", project.problems());
    project
}

/// [`three_articles`] with a round of dates around each article.
fn three_rounds() -> (Project, [RoundId; 3]) {
    let mut project = three_articles();
    let mut ids = Vec::new();
    for (name, from, to) in [
        ("Geneva", day(11, 20), day(11, 24)),
        ("Moscow", day(12, 1), day(12, 3)),
        ("Florida", day(12, 4), day(12, 6)),
    ] {
        let round = Round::new(name, RoundSpan::Dates { from, to });
        ids.push(round.id);
        let edit = project.add_round(round).unwrap();
        project.apply(edit).unwrap();
    }
    (project, [ids[0], ids[1], ids[2]])
}

/// The app on `project`, showing the Moves tab. Built as `common::harness` is, except that
/// missing glyphs draw boxes instead of panicking: the tab prints `→` (in the drafted brief),
/// `◆` and `◀ ▶`, which egui's bundled fonts lack; the app draws them with the system's
/// fonts (`fonts::install_system_fonts`), which a test must not depend on.
fn moves_tab(project: Project) -> Harness<'static, StanceApp> {
    let app = StanceApp::with_project(project).with_annotator("tester");
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_step_dt(0.05)
        .with_max_steps(40)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut StanceApp| app.frame_ui(ui), app);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    harness.get_by_label("Moves").click();
    harness.run();
    harness
}

/// The `index`-th text field labelled `label` (the ledger's headings and the filter bar
/// have labels of the same words).
fn field<'h>(
    harness: &'h Harness<'static, StanceApp>,
    label: &'h str,
    index: usize,
) -> egui_kittest::Node<'h> {
    (harness.query_all_by_role_and_label(Role::TextInput, label))
        .chain(harness.query_all_by_role_and_label(Role::MultilineTextInput, label))
        .nth(index)
        .unwrap_or_else(|| panic!("no text field {index} labelled {label:?}"))
}

/// Focuses the `index`-th field labelled `label`, selects all of it and types `text` over it.
fn type_into(harness: &mut Harness<'static, StanceApp>, label: &str, index: usize, text: &str) {
    field(harness, label, index).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field(harness, label, index).type_text(text);
    harness.run();
}

/// Leaves the focused field, which commits what was typed (as clicking elsewhere does).
fn leave_field(harness: &mut Harness<'static, StanceApp>) {
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.ctx.text_edit_focused(), "the field kept the focus");
}

fn undo(harness: &mut Harness<'static, StanceApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
}

fn redo(harness: &mut Harness<'static, StanceApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
}

fn rounds(harness: &Harness<'static, StanceApp>) -> Vec<(String, Option<(NaiveDate, NaiveDate)>)> {
    (harness.state().project().rounds().iter())
        .map(|r| (r.name.clone(), r.dates()))
        .collect()
}

#[test]
fn the_round_editor_adds_renames_re_dates_and_deletes_a_round_with_undo() {
    let mut harness = moves_tab(three_articles());
    assert!(rounds(&harness).is_empty());

    // A new round covers the last article's day.
    harness.get_by_label("Add a round").click();
    harness.run();
    assert_eq!(
        rounds(&harness),
        [("5 Dec 2025".to_owned(), Some((day(12, 5), day(12, 5))))]
    );

    type_into(&mut harness, "Name", 0, "Florida talks");
    leave_field(&mut harness);
    assert_eq!(rounds(&harness)[0].0, "Florida talks");

    type_into(&mut harness, "From", 0, "2025-12-01");
    leave_field(&mut harness);
    assert_eq!(rounds(&harness)[0].1, Some((day(12, 1), day(12, 5))));

    // A date that is not a day changes nothing and says how to write one; it stays in the
    // field until corrected.
    type_into(&mut harness, "To", 0, "2025-12-40");
    leave_field(&mut harness);
    assert_eq!(rounds(&harness)[0].1, Some((day(12, 1), day(12, 5))));
    harness.get_by_label(&BadDate.to_string());
    type_into(&mut harness, "To", 0, "2025-12-06");
    leave_field(&mut harness);
    assert_eq!(rounds(&harness)[0].1, Some((day(12, 1), day(12, 6))));
    assert!(harness.query_by_label(&BadDate.to_string()).is_none());

    // Dates out of order are refused by the model: the round keeps its dates.
    type_into(&mut harness, "From", 0, "2025-12-09");
    leave_field(&mut harness);
    assert_eq!(rounds(&harness)[0].1, Some((day(12, 1), day(12, 6))));

    // Each change is one undo step, taken back in order and redone.
    undo(&mut harness);
    assert_eq!(rounds(&harness)[0].1, Some((day(12, 1), day(12, 5))));
    undo(&mut harness);
    assert_eq!(rounds(&harness)[0].1, Some((day(12, 5), day(12, 5))));
    undo(&mut harness);
    assert_eq!(rounds(&harness)[0].0, "5 Dec 2025");
    redo(&mut harness);
    redo(&mut harness);
    redo(&mut harness);
    assert_eq!(
        rounds(&harness),
        [("Florida talks".to_owned(), Some((day(12, 1), day(12, 6))))]
    );
    // The fields show the project's values again after undo and redo.
    assert_eq!(
        field(&harness, "From", 0).value().as_deref(),
        Some("2025-12-01")
    );

    harness.get_by_label("Delete").click();
    harness.run();
    assert!(rounds(&harness).is_empty());
    undo(&mut harness);
    assert_eq!(rounds(&harness).len(), 1);
}

#[test]
fn the_brief_is_kept_per_pair_of_rounds_and_follows_undo_and_redo() {
    let (project, [geneva, moscow, florida]) = three_rounds();
    let mut harness = moves_tab(project);
    let brief = |harness: &Harness<'static, StanceApp>, from, to| {
        let key = BriefKey::Rounds { from, to };
        harness.state().project().brief(&key).map(str::to_owned)
    };
    // The last two rounds are compared first, with a drafted brief that is not saved.
    let draft = field(&harness, "Brief", 0).value().unwrap();
    assert!(draft.starts_with("Between Moscow and Florida"), "{draft}");
    assert_eq!(brief(&harness, moscow, florida), None);

    type_into(
        &mut harness,
        "Brief",
        0,
        "Ukraine accepted the framework in Florida.",
    );
    leave_field(&mut harness);
    assert_eq!(
        brief(&harness, moscow, florida).as_deref(),
        Some("Ukraine accepted the framework in Florida.")
    );

    // The pair before has its own brief: the draft, until edited; editing it leaves the
    // later pair's text alone.
    harness.get_by_label("‹ Earlier").click();
    harness.run();
    let draft = field(&harness, "Brief", 0).value().unwrap();
    assert!(draft.starts_with("Between Geneva and Moscow"), "{draft}");
    type_into(&mut harness, "Brief", 0, "Ukraine softened in Moscow.");
    leave_field(&mut harness);
    assert_eq!(
        brief(&harness, geneva, moscow).as_deref(),
        Some("Ukraine softened in Moscow.")
    );
    assert_eq!(
        brief(&harness, moscow, florida).as_deref(),
        Some("Ukraine accepted the framework in Florida.")
    );

    // Undo takes back the last edit only; the field shows the draft again. Redo restores.
    undo(&mut harness);
    assert_eq!(brief(&harness, geneva, moscow), None);
    assert_eq!(
        field(&harness, "Brief", 0).value().as_deref(),
        Some(draft.as_str())
    );
    assert!(brief(&harness, moscow, florida).is_some());
    redo(&mut harness);
    assert_eq!(
        brief(&harness, geneva, moscow).as_deref(),
        Some("Ukraine softened in Moscow.")
    );
    assert_eq!(
        field(&harness, "Brief", 0).value().as_deref(),
        Some("Ukraine softened in Moscow.")
    );

    // Redraft drops the edited text (one undo step too).
    harness.get_by_label("Redraft").click();
    harness.run();
    assert_eq!(brief(&harness, geneva, moscow), None);
    undo(&mut harness);
    assert_eq!(
        brief(&harness, geneva, moscow).as_deref(),
        Some("Ukraine softened in Moscow.")
    );

    // Deleting a round drops the briefs that compare it, and its undo brings them back.
    harness
        .state_mut()
        .queue(Action::Round(RoundAction::Delete(moscow)));
    harness.run();
    assert_eq!(brief(&harness, geneva, moscow), None);
    assert_eq!(brief(&harness, moscow, florida), None);
    undo(&mut harness);
    assert_eq!(
        brief(&harness, moscow, florida).as_deref(),
        Some("Ukraine accepted the framework in Florida.")
    );
}
