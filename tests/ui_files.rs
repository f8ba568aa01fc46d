//! Files through the workbench: import, dropped files, needs-repair projects and export, driven
//! like a user with scripted (never native) file dialogs.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Utc;
use common::{harness, shows, shows_text};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stance::app::{StanceApp, sample_project};
use stance::model::{Edit, Project};
use stance::ui::file_dialog::{DialogPurpose, ScriptedDialogs};

fn scripted(project: Project) -> (Harness<'static, StanceApp>, ScriptedDialogs) {
    let script = ScriptedDialogs::new();
    let app = StanceApp::new(project, None, Box::new(script.clone()));
    (harness(app), script)
}

fn tagged_sample() -> Project {
    let mut project = sample_project();
    let doc = project.documents()[0].id;
    for (phrase, tag) in [
        ("urging Russia to commit to peace", "position"),
        ("Kremlin", "claim"),
    ] {
        let span = project.documents()[0].find(phrase, 0).unwrap();
        let a = project
            .new_annotation(doc, tag, vec![span], Utc::now())
            .unwrap();
        project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    }
    project
}

#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn importing_an_article_adds_a_document_and_shows_the_document_list() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("second-round.txt");
    std::fs::write(
        &article,
        "Second round\n\nThe envoys met again in Geneva.\n",
    )
    .unwrap();
    let (mut harness, script) = scripted(tagged_sample());
    let first = harness.state().current_document().unwrap();

    script.answer(&article);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run();
    harness.run();
    assert_eq!(script.requests()[0].purpose, DialogPurpose::ImportArticles);

    let app = harness.state();
    assert_eq!(app.project().documents().len(), 2);
    let second = app.project().documents()[1].id;
    assert_eq!(
        app.current_document(),
        Some(second),
        "the imported article is shown"
    );
    harness.get_by_label("Documents");

    // The import is one undoable step; switching documents keeps the history.
    let first_title = harness.state().project().documents()[0].title.clone();
    harness.get_by_label(&first_title).click();
    harness.run();
    assert_eq!(harness.state().current_document(), Some(first));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().project().documents().len(), 1);
}

#[test]
fn dropping_an_article_imports_it_and_dropping_a_project_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("briefing.md");
    std::fs::write(
        &article,
        "# Kremlin briefing\n\nPeskov said the talks would go on.\n",
    )
    .unwrap();
    let (mut harness, _script) = scripted(tagged_sample());

    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(DroppedPath(article)));
    harness.run();
    let titles: Vec<String> = harness
        .state()
        .project()
        .documents()
        .iter()
        .map(|d| d.title.clone())
        .collect();
    assert_eq!(titles.len(), 2);
    assert_eq!(titles[1], "Kremlin briefing");

    // A dropped project asks first (the import made changes), then opens.
    let saved = dir.path().join("other.ron");
    stance::io::save_project(&saved, &sample_project()).unwrap();
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(DroppedPath(saved.clone())));
    harness.run();
    harness.get_by_label("Save changes?");
    // Files dropped while the prompt waits change nothing behind it.
    let again = dir.path().join("again.md");
    std::fs::write(&again, "# Again\n\nMore talks.\n").unwrap();
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(DroppedPath(again)));
    harness.run();
    assert_eq!(harness.state().project().documents().len(), 2);
    // Still asking about the open that waits.
    assert!(shows_text(
        &harness,
        "has unsaved changes. Save them before opening another file?"
    ));
    harness.get_by_label("Discard").click();
    harness.run();
    assert_eq!(harness.state().path(), Some(saved.as_path()));
    assert_eq!(harness.state().project().documents().len(), 1);
    assert!(!harness.state().history().is_dirty());
}

#[test]
fn a_project_that_needs_repair_lists_its_problems_and_fix_repairs_it() {
    let mut project = tagged_sample();
    // As if edited by hand: the quote no longer matches the text at its range.
    project.rebuild(|parts| {
        parts.annotations[0].quote = "Kremlin".to_owned();
    });
    let broken_id = project.annotations()[0].id;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hand-edited.ron");
    stance::io::save_project(&path, &project).unwrap();

    let (mut harness, script) = scripted(sample_project());
    script.answer(&path);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    harness.run();
    assert!(shows(&harness, "This project needs repair"));
    harness.get_by_label("This project needs repair");
    assert!(!harness.state().project().problems().is_empty());

    harness.get_by_label("Fix").click();
    harness.run();
    let project = harness.state().project();
    assert!(project.problems().is_empty(), "{:?}", project.problems());
    let fixed = project.annotation(broken_id).unwrap();
    assert_eq!(fixed.quote, "Kremlin");
    assert_eq!(
        project.documents()[0].slice(fixed.ranges[0]),
        Some("Kremlin")
    );
    harness.get_by_label("All problems are fixed.");
    harness.get_by_label("Close").click();
    harness.run();
    assert!(!shows(&harness, "This project needs repair"));
}

#[test]
fn the_repair_window_comes_back_after_the_shortcuts_window_closes() {
    let mut project = tagged_sample();
    project.rebuild(|parts| {
        parts.annotations[0].quote = "Kremlin".to_owned();
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hand-edited.ron");
    stance::io::save_project(&path, &project).unwrap();

    let (mut harness, script) = scripted(sample_project());
    script.answer(&path);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    harness.run();
    assert!(shows(&harness, "This project needs repair"));

    // One dialog at a time: the shortcuts window covers the repair window…
    harness.key_press(Key::F1);
    harness.run();
    harness.get_by_label("Keyboard Shortcuts");
    assert!(!shows(&harness, "This project needs repair"));
    assert!(
        harness
            .query_by_label("This project needs repair")
            .is_none()
    );
    // …and Esc brings it back, with its problems.
    harness.key_press(Key::Escape);
    harness.run();
    assert!(shows(&harness, "This project needs repair"));
    harness.get_by_label("This project needs repair");
    assert!(harness.query_by_label("Fix").is_some());
}

#[test]
fn export_writes_the_file_and_asks_before_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.jsonl");
    let (mut harness, script) = scripted(tagged_sample());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    harness.get_by_label("JSON Lines").click();
    harness.run();
    script.answer(&path);
    harness.get_by_label("Export…").click();
    harness.run();
    harness.run();
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.contains("urging Russia to commit to peace"),
        "{written}"
    );

    // Again to the same file: the app asks first; Cancel keeps the file.
    std::fs::write(&path, "keep me").unwrap();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    script.answer(&path);
    harness.get_by_label("Export…").click();
    harness.run();
    harness.run();
    harness.get_by_label("Replace the existing file?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
}

#[test]
fn a_big_project_saves_on_a_worker_thread_and_the_window_keeps_running() {
    let paragraph = "Negotiators met again – and again they said progress was made. ".repeat(40);
    let text = vec![paragraph; 900].join("\n\n");
    assert!(text.len() > 2 * 1024 * 1024);
    let document = stance::io::formats::article::document_from_text("big.txt", &text, None);
    let mut project = Project::new("Big");
    project.apply(project.add_document(document)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let (mut harness, script) = scripted(project);

    script.answer(&path);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    harness.step();
    // Frames keep coming while the worker writes; poll until it reports back.
    let mut frames = 0;
    while harness.state().path().is_none() && frames < 600 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
        frames += 1;
    }
    assert_eq!(harness.state().path(), Some(path.as_path()));
    assert!(!harness.state().history().is_dirty());
    let reloaded = stance::io::load_project(&path).unwrap();
    assert_eq!(&reloaded.project, harness.state().project());
}

#[test]
fn broken_ranges_and_unknown_holders_open_without_panicking_and_can_be_deleted() {
    let mut project = tagged_sample();
    let len = project.documents()[0].len_chars();
    let broken = project.annotations()[0].id;
    project.rebuild(|parts| {
        parts.annotations[0].ranges = vec![stance::model::Span::new(len - 3, len + 40)];
        parts.annotations[1].holder = Some(stance::model::ActorId::random());
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out-of-range.ron");
    stance::io::save_project(&path, &project).unwrap();

    let (mut harness, script) = scripted(sample_project());
    script.answer(&path);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    harness.run();
    assert!(shows(&harness, "This project needs repair"));
    // Every annotation is kept, the broken ones too, and the window draws them.
    assert_eq!(harness.state().project().annotations().len(), 2);
    harness.get_all_by_label("Show").next().unwrap().click();
    harness.run();
    harness.key_press(Key::ArrowDown);
    harness.run();
    // No selection: the only Delete buttons left are the repair window's.
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.state().selected_annotation(), None);

    // Fix the holder, delete the annotation that cannot be placed.
    let fixes = harness.get_all_by_label("Fix").count();
    assert_eq!(fixes, 2);
    let problems = harness.state().project().problems();
    let first_is_broken =
        matches!(problems[0].subject(), stance::model::Subject::Annotation(id) if id == broken);
    let delete_index = usize::from(!first_is_broken);
    harness
        .get_all_by_label("Delete")
        .nth(delete_index)
        .unwrap()
        .click();
    harness.run();
    harness.get_by_label("Fix").click();
    harness.run();
    let project = harness.state().project();
    assert!(project.problems().is_empty(), "{:?}", project.problems());
    assert_eq!(project.annotations().len(), 1);
    assert_eq!(project.annotations()[0].holder, None);
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

fn open_recent(harness: &mut Harness<'static, StanceApp>, file_name: &str) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open Recent").click();
    harness.run();
    harness.get_by_label(file_name).click();
    harness.run();
}

#[test]
fn open_recent_opens_a_remembered_project_and_forgets_one_that_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let kept = dir.path().join("kept.ron");
    stance::io::save_project(&kept, &tagged_sample()).unwrap();
    let gone = dir.path().join("gone.ron");
    let mut prefs = stance::app::prefs::Preferences::default();
    prefs.remember_file(&gone);
    prefs.remember_file(&kept);
    let mut storage = MemoryStorage::default();
    prefs.save(&mut storage);
    let app = StanceApp::new(
        sample_project(),
        Some(&storage),
        Box::new(ScriptedDialogs::new()),
    );
    let mut harness = harness(app);

    open_recent(&mut harness, "kept.ron");
    assert_eq!(harness.state().path(), Some(kept.as_path()));
    assert_eq!(harness.state().project().annotations().len(), 2);

    open_recent(&mut harness, "gone.ron");
    // The error names the file, in its title and in its message.
    harness.get_by_label("Could not open gone.ron");
    assert!(harness.query_all_by_label_contains("gone.ron").count() >= 2);
    assert_eq!(
        harness.state().preferences().recent_files,
        vec![kept.clone()]
    );
    // The project that was open stays open.
    assert_eq!(harness.state().path(), Some(kept.as_path()));
}

#[test]
fn saving_again_while_a_background_save_runs_waits_for_it_and_quit_waits_for_both() {
    let paragraph = "Negotiators met again – and again they said progress was made. ".repeat(40);
    let text = vec![paragraph; 900].join("\n\n");
    let document = stance::io::formats::article::document_from_text("big.txt", &text, None);
    let mut project = Project::new("Big");
    project.apply(project.add_document(document)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let (mut harness, script) = scripted(project);

    script.answer(&path);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    harness.step();
    // An edit and a second save while the first may still be writing, then Quit → Save.
    harness
        .state_mut()
        .queue(stance::ui::Action::AddActor("Rustem Umerov".to_owned()));
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    harness.step();
    if shows(&harness, "Save changes?") {
        harness.get_by_label("Save").click();
    }
    let closed = |h: &Harness<'static, StanceApp>| {
        h.output()
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .is_some_and(|v| v.commands.contains(&egui::ViewportCommand::Close))
    };
    let mut frames = 0;
    while !closed(&harness) && frames < 600 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
        frames += 1;
    }
    assert!(
        closed(&harness),
        "the app never closed: prompt {}, dirty {}, error {}",
        shows(&harness, "Save changes?"),
        harness.state().history().is_dirty(),
        shows(&harness, "OK")
    );
    // The window closes only once the newest edits are on disk.
    assert!(!harness.state().history().is_dirty());
    let reloaded = stance::io::load_project(&path).unwrap();
    assert_eq!(&reloaded.project, harness.state().project());
    assert_eq!(reloaded.project.actors().len(), 1);
}

#[test]
fn a_brat_folder_imports_from_the_file_menu_as_one_undoable_step() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/brat/corpora-TDT");
    let pairs = std::fs::read_dir(&corpus)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "ann"))
        })
        .count();
    let (mut harness, script) = scripted(sample_project());
    let before = harness.state().project().clone();

    script.answer(&corpus);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Import Folder…").click();
    harness.run();
    harness.run();
    assert_eq!(script.requests()[0].purpose, DialogPurpose::ImportFolder);

    let app = harness.state();
    assert_eq!(app.project().documents().len(), 1 + pairs);
    assert!(
        app.project().annotations().len() > 100,
        "the corpus's spans arrive as annotations"
    );
    assert!(app.project().problems().is_empty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().project(), &before);
}

#[test]
fn a_jsonl_export_imports_its_annotations_onto_the_open_document() {
    let dir = tempfile::tempdir().unwrap();
    let source = tagged_sample();
    let options = stance::io::export::ExportOptions {
        format: stance::io::export::ExportFormat::Jsonl,
        ..stance::io::export::ExportOptions::default()
    };
    let stance::io::export::ExportOutput::File(bytes) =
        stance::io::export::export(&source, &options).unwrap()
    else {
        panic!("jsonl is one file");
    };
    let path = dir.path().join("claims.jsonl");
    std::fs::write(&path, bytes).unwrap();
    // The same document, without its annotations.
    let mut bare = source.clone();
    bare.rebuild(|parts| {
        parts.annotations.clear();
    });
    let (mut harness, script) = scripted(bare);

    script.answer(&path);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run();
    harness.run();

    let quotes: Vec<String> = harness
        .state()
        .project()
        .annotations()
        .iter()
        .map(|a| a.quote.clone())
        .collect();
    let expected: Vec<String> = source
        .annotations()
        .iter()
        .map(|a| a.quote.clone())
        .collect();
    assert_eq!(quotes, expected);
}

#[test]
fn opening_and_dropping_agree_on_what_is_a_project_and_what_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "Lavrov met Witkoff.\n").unwrap();
    std::fs::write(
        corpus.join("a.ann"),
        "T1\tPerson 0 6\tLavrov\nA1\tHolder T1 Sergei_Lavrov\n",
    )
    .unwrap();
    let article = dir.path().join("notes.TEXT");
    std::fs::write(&article, "Peskov said the talks would go on.\n").unwrap();
    let (mut harness, _script) = scripted(Project::new("empty"));

    // Opened, a brat folder or a `.text` article starts a new project instead of failing as RON.
    harness.state_mut().open_path(&corpus);
    harness.run();
    let app = harness.state();
    assert_eq!(app.project().annotations().len(), 1);
    assert_eq!(app.project().actors()[0].name, "Sergei Lavrov");
    assert_eq!(app.path(), None, "a new project, not saved yet");
    harness.state_mut().open_path(&article);
    harness.run();
    assert_eq!(harness.state().project().documents().len(), 1);
    assert_eq!(
        harness.state().project().documents()[0].text,
        "Peskov said the talks would go on.\n"
    );

    // Dropped, the same folder is imported into the open project.
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(DroppedPath(corpus)));
    harness.run();
    assert_eq!(harness.state().project().documents().len(), 2);
    assert_eq!(harness.state().project().annotations().len(), 1);
}

#[test]
fn file_dialogs_start_in_the_last_folder_used() {
    let dir = tempfile::tempdir().unwrap();
    let (articles, projects) = (dir.path().join("articles"), dir.path().join("projects"));
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::create_dir_all(&projects).unwrap();
    let article = articles.join("round-two.txt");
    std::fs::write(&article, "Round two\n\nThe envoys met again.\n").unwrap();
    let (mut harness, script) = scripted(sample_project());
    let run = |harness: &mut Harness<'static, StanceApp>, command| {
        harness
            .state_mut()
            .queue(stance::ui::Action::Command(command));
        harness.run();
        harness.run();
    };

    script.answer(&article);
    run(&mut harness, stance::ui::Command::ImportArticle);
    assert_eq!(harness.state().project().documents().len(), 2);
    // The next dialog starts where the article was picked, not in the working folder.
    script.answer(projects.join("talks.ron"));
    run(&mut harness, stance::ui::Command::SaveAs);
    assert_eq!(
        script.requests()[1].directory.as_deref(),
        Some(articles.as_path())
    );
    assert_eq!(
        harness.state().preferences().last_directory.as_deref(),
        Some(projects.as_path())
    );
    script.cancel_next();
    run(&mut harness, stance::ui::Command::ImportArticle);
    assert_eq!(
        script.requests()[2].directory.as_deref(),
        Some(projects.as_path())
    );
}
