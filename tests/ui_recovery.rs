//! Never losing work, through the workbench: unsaved edits kept as recovery snapshots and
//! restored at the next start, discarding, clean saves, files changed on disk, and reopening
//! the last project where the user left it. Every test keeps its snapshots in a temp folder.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{harness, shows, shows_text};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stance::app::{StanceApp, sample_project};
use stance::bench::probe::article_scroll_offset_px;
use stance::io::recovery::{AutosavePolicy, RecoveryDir};
use stance::io::{load_project, save_project};
use stance::model::{Project, Span};
use stance::ui::Action;
use stance::ui::file_dialog::ScriptedDialogs;

/// Snapshot on the frame of the edit, so a test needs no waiting.
const AT_ONCE: AutosavePolicy = AutosavePolicy {
    quiet: Duration::ZERO,
    max_delay: Duration::ZERO,
};

fn copied_sample(dir: &Path) -> PathBuf {
    let path = dir.join("talks.ron");
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron"),
        &path,
    )
    .unwrap();
    path
}

/// The app as it starts: recovery in `data`, then `path` opened (if any).
fn start(data: &Path, path: Option<&Path>) -> Harness<'static, StanceApp> {
    let mut app = StanceApp::with_project(sample_project())
        .with_recovery_dir(data)
        .with_autosave_policy(AT_ONCE)
        .with_disk_poll_interval(Duration::ZERO);
    if let Some(path) = path {
        app.open_path(path);
    }
    harness(app)
}

/// Queues `action` and runs the frames it takes.
fn act(harness: &mut Harness<'static, StanceApp>, action: Action) {
    harness.state_mut().queue(action);
    harness.run();
}

/// Writes the snapshot (the policy took it on the edit's frame) and ends the app, as a
/// crash would: nothing saved, nothing asked.
fn crash(harness: Harness<'static, StanceApp>) {
    harness.state().flush_recovery();
    drop(harness);
}

/// True while the changed-on-disk prompt (or its "lose your changes?" step) is shown.
fn is_disk_change_shown(harness: &Harness<'static, StanceApp>) -> bool {
    shows_text(harness, "changed on disk") || shows(harness, "Reload and lose your changes?")
}

fn snapshot_count(data: &Path) -> usize {
    RecoveryDir::at(data).unwrap().list().unwrap().len()
}

#[test]
fn edits_to_a_saved_project_are_restored_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("recovery");
    let path = copied_sample(dir.path());
    let mut first = start(&data, Some(&path));
    assert!(!shows(&first, "Restore unsaved work?"));
    let id = first.state().project().annotations()[0].id;
    let deleted = first.state().project().annotations()[1].id;
    act(
        &mut first,
        Action::SetNote(id, "Kept through a crash".to_owned()),
    );
    act(&mut first, Action::DeleteAnnotation(deleted));
    // Undo and redo reach the snapshot too.
    first.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    first.run();
    first.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    first.run();
    assert!(first.state().project().annotation(deleted).is_none());
    crash(first);

    let mut second = start(&data, None);
    assert!(shows(&second, "Restore unsaved work?"));
    second.get_by_label("Restore unsaved work?");
    second.get_by_label(&path.display().to_string());
    second.get_by_label_contains("1 annotation changed, 1 deleted");
    second.get_by_label("Restore").click();
    second.run();

    assert!(!shows(&second, "Restore unsaved work?"));
    let app = second.state();
    assert_eq!(app.path(), Some(path.as_path()));
    assert!(app.history().is_dirty(), "a restored project is unsaved");
    assert_eq!(
        app.project().annotation(id).unwrap().note.as_deref(),
        Some("Kept through a crash")
    );
    assert!(app.project().annotation(deleted).is_none());
    // The restored work is in this window's snapshot now, not offered twice.
    second.state().flush_recovery();
    let snapshot = second.state().snapshot_path().unwrap();
    assert!(snapshot.exists());
    assert_eq!(
        snapshot_count(&data),
        0,
        "only this window's snapshot is left"
    );

    // Save writes it to its file (nobody changed the file meanwhile) and drops the snapshot.
    second.key_press_modifiers(Modifiers::COMMAND, Key::S);
    second.run();
    assert!(!second.state().history().is_dirty());
    let saved = load_project(&path).unwrap().project;
    assert_eq!(
        saved.annotation(id).unwrap().note.as_deref(),
        Some("Kept through a crash")
    );
    second.state().flush_recovery();
    assert!(!snapshot.exists(), "a clean save deletes the snapshot");
}

#[test]
fn an_untitled_project_is_restored_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("recovery");
    let mut first = start(&data, None);
    assert_eq!(first.state().path(), None);
    first.state_mut().set_text_selection(Some(Span::new(0, 12)));
    act(&mut first, Action::TagSelection("claim".to_owned()));
    act(&mut first, Action::AddActor("Envoy".to_owned()));
    let tagged = first.state().project().annotations().to_vec();
    assert_eq!(tagged.len(), 1);
    crash(first);

    let mut second = start(&data, None);
    second.get_by_label("Untitled (never saved)");
    second.get_by_label("Restore").click();
    second.run();
    let app = second.state();
    assert_eq!(app.path(), None);
    assert!(app.history().is_dirty());
    assert_eq!(app.project().annotations(), tagged);
    assert!(app.project().actors().iter().any(|a| a.name == "Envoy"));
}

#[test]
fn discard_deletes_the_snapshot_and_a_clean_save_deletes_it_too() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("recovery");
    let path = copied_sample(dir.path());
    let mut first = start(&data, Some(&path));
    let id = first.state().project().annotations()[0].id;
    act(&mut first, Action::SetNote(id, "Thrown away".to_owned()));
    crash(first);
    assert_eq!(snapshot_count(&data), 1);

    let mut second = start(&data, None);
    second.get_by_label("Discard").click();
    second.run();
    assert!(!shows(&second, "Restore unsaved work?"));
    assert!(!second.state().history().is_dirty());
    drop(second);
    assert_eq!(snapshot_count(&data), 0, "Discard deletes the snapshot");

    // A snapshot written while editing goes when the project is saved.
    let mut third = start(&data, Some(&path));
    act(
        &mut third,
        Action::SetNote(id, "Saved this time".to_owned()),
    );
    third.state().flush_recovery();
    let snapshot = third.state().snapshot_path().unwrap();
    assert!(snapshot.exists());
    third.key_press_modifiers(Modifiers::COMMAND, Key::S);
    third.run();
    third.state().flush_recovery();
    assert!(!snapshot.exists());
    drop(third);
    assert_eq!(snapshot_count(&data), 0);
}

#[test]
fn a_file_changed_on_disk_offers_reload_and_a_save_asks_before_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("recovery");
    let path = copied_sample(dir.path());
    let mut harness = start(&data, Some(&path));
    harness.run();
    assert!(!is_disk_change_shown(&harness));
    // Touched, same bytes: not a change.
    let file = fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(std::time::SystemTime::now() + Duration::from_secs(5))
        .unwrap();
    drop(file);
    harness.run();
    assert!(!is_disk_change_shown(&harness));

    // Another program saves the file: with no unsaved edits, Reload.
    let mut theirs = load_project(&path).unwrap().project;
    theirs
        .apply(stance::model::Edit::SetTitle("Their version".to_owned()))
        .unwrap();
    save_project(&path, &theirs).unwrap();
    harness.run();
    assert!(is_disk_change_shown(&harness));
    harness.get_by_label("Reload").click();
    harness.run();
    assert_eq!(harness.state().project().title(), "Their version");
    assert!(!is_disk_change_shown(&harness));

    // With unsaved edits: keep mine, and the next Save asks before overwriting.
    let id = harness.state().project().annotations()[0].id;
    act(&mut harness, Action::SetNote(id, "Mine".to_owned()));
    theirs
        .apply(stance::model::Edit::SetTitle(
            "Their second version".to_owned(),
        ))
        .unwrap();
    save_project(&path, &theirs).unwrap();
    harness.run();
    assert!(is_disk_change_shown(&harness));
    harness.get_by_label("Save As…");
    harness.get_by_label("Keep mine").click();
    harness.run();
    assert!(!is_disk_change_shown(&harness), "not asked again");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("Overwrite changes made elsewhere?");
    harness.get_by_label_contains(&format!(
        "{} was changed by another program",
        path.display()
    ));
    assert_eq!(
        load_project(&path).unwrap().project.title(),
        "Their second version",
        "nothing was overwritten"
    );
    assert!(harness.state().history().is_dirty());
    harness.get_by_label("Overwrite").click();
    harness.run();
    assert!(!harness.state().history().is_dirty());
    let saved = load_project(&path).unwrap().project;
    assert_eq!(saved.annotation(id).unwrap().note.as_deref(), Some("Mine"));
}

#[test]
fn reloading_over_unsaved_edits_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = copied_sample(dir.path());
    let mut harness = start(&dir.path().join("recovery"), Some(&path));
    let id = harness.state().project().annotations()[0].id;
    act(&mut harness, Action::SetNote(id, "Mine".to_owned()));
    let mut theirs = load_project(&path).unwrap().project;
    theirs
        .apply(stance::model::Edit::SetTitle("Theirs".to_owned()))
        .unwrap();
    save_project(&path, &theirs).unwrap();
    harness.run();
    harness.get_by_label("Reload…").click();
    harness.run();
    harness.get_by_label("Back").click();
    harness.run();
    assert_eq!(
        harness
            .state()
            .project()
            .annotation(id)
            .unwrap()
            .note
            .as_deref(),
        Some("Mine")
    );
    harness.get_by_label("Reload…").click();
    harness.run();
    harness.get_by_label("Reload and lose changes").click();
    harness.run();
    assert_eq!(harness.state().project().title(), "Theirs");
    assert!(!harness.state().history().is_dirty());
}

/// Preferences as eframe stores them between runs.
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
fn the_last_project_reopens_with_its_selection() {
    let dir = tempfile::tempdir().unwrap();
    let path = copied_sample(dir.path());
    let mut storage = MemoryStorage::default();
    let mut first = {
        let mut app = StanceApp::new(
            sample_project(),
            Some(&storage),
            Box::new(ScriptedDialogs::new()),
        );
        app.open_path(&path);
        harness(app)
    };
    // One far down the article, so reaching it scrolls.
    let id = first.state().project().annotations().last().unwrap().id;
    act(
        &mut first,
        Action::SelectAnnotation {
            id,
            scroll_article: true,
        },
    );
    assert_eq!(first.state().selected_annotation(), Some(id));
    let scrolled_px = article_scroll_offset_px(first.state());
    assert!(scrolled_px > 100.0, "{scrolled_px}");
    eframe::App::save(first.state_mut(), &mut storage);
    drop(first);

    // The next start, with no file on the command line.
    let mut app = StanceApp::new(
        sample_project(),
        Some(&storage),
        Box::new(ScriptedDialogs::new()),
    );
    app.reopen_last_project();
    let second = harness(app);
    assert_eq!(second.state().path(), Some(path.as_path()));
    assert_eq!(second.state().selected_annotation(), Some(id));
    let reopened_px = article_scroll_offset_px(second.state());
    // Within a couple of lines: paragraphs above the view not laid out yet have estimated
    // heights until they are drawn.
    assert!(
        (reopened_px - scrolled_px).abs() < 60.0,
        "{reopened_px} vs {scrolled_px}"
    );

    // A first run (nothing remembered) keeps the bundled article.
    let mut fresh = StanceApp::with_project(sample_project());
    fresh.reopen_last_project();
    assert_eq!(fresh.path(), None);
    assert_eq!(fresh.project().title(), sample_project().title());
}

#[test]
fn a_damaged_file_offers_its_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = copied_sample(dir.path());
    let original: Project = load_project(&path).unwrap().project;
    // A save keeps the previous version as .bak; then the file is cut short.
    save_project(&path, &original).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, &text[..text.len() / 2]).unwrap();

    let mut harness = start(&dir.path().join("recovery"), None);
    harness.state_mut().open_path(&path);
    harness.run();
    harness.get_by_label_contains("Could not open talks.ron");
    harness.get_by_label("Open talks.ron.bak").click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.path(), Some(path.as_path()));
    assert_eq!(app.project().annotations(), original.annotations());
    assert!(app.history().is_dirty(), "Save repairs the damaged file");
}

#[test]
fn quitting_and_discarding_the_changes_deletes_the_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("recovery");
    let path = copied_sample(dir.path());
    let mut harness = start(&data, Some(&path));
    let id = harness.state().project().annotations()[0].id;
    act(&mut harness, Action::SetNote(id, "Not wanted".to_owned()));
    harness.state().flush_recovery();
    let snapshot = harness.state().snapshot_path().unwrap();
    assert!(snapshot.exists());
    act(&mut harness, Action::Command(stance::ui::Command::Quit));
    harness.get_by_label("Save changes?");
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(!snapshot.exists());
    drop(harness);
    assert_eq!(snapshot_count(&data), 0);
}

#[test]
fn a_damaged_file_with_unsaved_work_offers_to_restore_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("recovery");
    let path = copied_sample(dir.path());
    let mut first = start(&data, Some(&path));
    let id = first.state().project().annotations()[0].id;
    act(
        &mut first,
        Action::SetNote(id, "Outlives the damage".to_owned()),
    );
    crash(first);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, &text[..text.len() / 3]).unwrap();

    // Started on the damaged file, as `stance talks.ron` would be.
    let mut second = start(&data, Some(&path));
    assert!(
        !shows(&second, "Restore unsaved work?"),
        "the open error comes first"
    );
    second.get_by_label_contains("Could not open talks.ron");
    second.get_by_label("Restore unsaved work").click();
    second.run();
    let app = second.state();
    assert_eq!(app.path(), Some(path.as_path()));
    assert!(app.history().is_dirty());
    assert_eq!(
        app.project().annotation(id).unwrap().note.as_deref(),
        Some("Outlives the damage")
    );
    assert!(
        !shows(&second, "Restore unsaved work?"),
        "nothing else to offer"
    );
    assert!(
        !is_disk_change_shown(&second),
        "the damage was already reported"
    );
    // Save repairs the file.
    second.key_press_modifiers(Modifiers::COMMAND, Key::S);
    second.run();
    assert!(!second.state().history().is_dirty());
    let repaired = load_project(&path).unwrap().project;
    assert_eq!(
        repaired.annotation(id).unwrap().note.as_deref(),
        Some("Outlives the damage")
    );
}
