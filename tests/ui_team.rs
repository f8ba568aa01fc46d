//! The team in the real app: the first-run question (who is annotating), and File → Sync
//! with Team against a real git repository, run off the UI thread, ending in the status bar.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;

use std::path::Path;
use std::process::Command;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stance::app::{StanceApp, sample_project};
use stance::io::{load_project, project_to_ron};
use stance::model::{Edit, Span};

fn bare_harness(app: StanceApp) -> Harness<'static, StanceApp> {
    let mut harness = Harness::builder()
        .with_size(common::WINDOW)
        .with_step_dt(0.05)
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut StanceApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

#[test]
fn the_first_run_asks_who_is_annotating_and_takes_no_blank_name() {
    let mut harness = bare_harness(StanceApp::first_run(sample_project(), "Anna Git"));
    assert!(common::shows(&harness, "Who is annotating?"));
    // Prefilled with what git knows; cleared, the name is refused.
    let field = harness.get_by_label("Your name");
    field.focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run();
    assert!(common::shows(&harness, "A name is needed."));
    harness.get_by_label("Start").click();
    harness.run();
    assert!(common::shows(&harness, "Who is annotating?"));
    harness.get_by_label("Your name").focus();
    harness.run();
    harness.get_by_label("Your name").type_text("Boris");
    harness.run();
    assert!(!common::shows(&harness, "A name is needed."));
    harness.get_by_label("Start").click();
    harness.run();
    assert!(!common::shows(&harness, "Who is annotating?"));
    assert_eq!(harness.state().annotator_name(), "Boris");
    assert!(harness.state().preferences().has_confirmed_annotator);
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", dir.join("no-gitconfig"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn sync_with_team_merges_the_team_s_work_off_the_ui_thread_and_says_so() {
    let root = tempfile::tempdir().unwrap();
    let remote = root.path().join("team.git");
    std::fs::create_dir_all(&remote).unwrap();
    git(&remote, &["init", "-q", "--bare", "-b", "main"]);
    // Anna shares the sample project.
    let anna = root.path().join("anna");
    std::fs::create_dir_all(&anna).unwrap();
    let mut project = sample_project();
    let file = anna.join("talks.ron");
    std::fs::write(&file, project_to_ron(&project).unwrap()).unwrap();
    let shared = Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(["share", &file.to_string_lossy(), &remote.to_string_lossy()])
        .args(["--annotator", "Anna"])
        .output()
        .unwrap();
    assert!(shared.status.success(), "{shared:?}");
    // Boris adds an annotation and pushes it with plain git.
    git(
        root.path(),
        &["clone", "-q", &remote.to_string_lossy(), "boris"],
    );
    let boris = root.path().join("boris");
    let doc = project.documents()[0].id;
    let a = project
        .new_annotation(doc, "claim", vec![Span::new(0, 10)], chrono::Utc::now())
        .unwrap();
    let from_boris = a.id;
    project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    std::fs::write(boris.join("talks.ron"), project_to_ron(&project).unwrap()).unwrap();
    git(&boris, &["add", "talks.ron"]);
    git(
        &boris,
        &[
            "-c",
            "user.name=Boris",
            "-c",
            "user.email=b@example.org",
            "commit",
            "-qm",
            "Boris",
        ],
    );
    git(&boris, &["push", "-q", "origin", "HEAD:main"]);

    // Anna, in the app: File → Sync with Team.
    let mut app = StanceApp::with_project(sample_project())
        .with_stance_binary(Path::new(env!("CARGO_BIN_EXE_stance")));
    app.open_path(&file);
    let mut harness = common::harness(app);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Sync with Team").click();
    harness.run();
    // The sync runs on a worker: frames go on while it does.
    let mut frames = 0;
    while harness.state().project().annotation(from_boris).is_none() && frames < 400 {
        std::thread::sleep(std::time::Duration::from_millis(25));
        harness.step();
        frames += 1;
    }
    assert!(
        harness.state().project().annotation(from_boris).is_some(),
        "Boris's annotation never arrived"
    );
    assert!(
        load_project(&file)
            .unwrap()
            .project
            .annotation(from_boris)
            .is_some()
    );
    // The status bar says where the project stands once the counts are in.
    let mut frames = 0;
    while !common::shows_text(&harness, "Up to date with the team") && frames < 400 {
        std::thread::sleep(std::time::Duration::from_millis(25));
        harness.step();
        frames += 1;
    }
    assert!(common::shows_text(
        &harness,
        "Up to date with the team · synced"
    ));
}

#[test]
fn open_from_team_clones_the_team_s_repository_into_a_folder_and_opens_its_project() {
    let root = tempfile::tempdir().unwrap();
    let remote = root.path().join("team.git");
    std::fs::create_dir_all(&remote).unwrap();
    git(&remote, &["init", "-q", "--bare", "-b", "main"]);
    // The lead shares a project with one annotation the newcomer must see.
    let lead = root.path().join("lead");
    std::fs::create_dir_all(&lead).unwrap();
    let mut project = sample_project();
    let doc = project.documents()[0].id;
    let a = project
        .new_annotation(doc, "claim", vec![Span::new(0, 10)], chrono::Utc::now())
        .unwrap();
    let shared_id = a.id;
    project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    let file = lead.join("talks.ron");
    std::fs::write(&file, project_to_ron(&project).unwrap()).unwrap();
    let shared = Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(["share", &file.to_string_lossy(), &remote.to_string_lossy()])
        .args(["--annotator", "Lead"])
        .output()
        .unwrap();
    assert!(shared.status.success(), "{shared:?}");

    // A newcomer: File → Open from Team…, the address, the folder, Open. The dialog is
    // Stance's own (no native dialog): the test types into it as a user does.
    let into = root.path().join("newcomer").join("talks-clone");
    std::fs::create_dir_all(into.parent().unwrap()).unwrap();
    let mut harness = common::harness(StanceApp::with_project(sample_project()));
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Open from Team").click();
    harness.run();
    assert!(common::shows(&harness, "Open from Team"));
    harness.get_by_label("Team repository").focus();
    harness.run();
    harness
        .get_by_label("Team repository")
        .type_text(&remote.to_string_lossy());
    harness.run();
    harness.get_by_label("Into folder").focus();
    harness.run();
    harness
        .get_by_label("Into folder")
        .type_text(&into.to_string_lossy());
    harness.run();
    harness.get_by_label("Open").click();
    harness.run();
    // The clone runs on a worker; the project opens when it is done.
    let expected = into.join("talks.ron");
    let mut frames = 0;
    while harness.state().path() != Some(expected.as_path()) && frames < 400 {
        std::thread::sleep(std::time::Duration::from_millis(25));
        harness.step();
        frames += 1;
    }
    assert_eq!(harness.state().path(), Some(expected.as_path()));
    assert!(harness.state().project().annotation(shared_id).is_some());
    // A real clone: its origin is the team's repository, so Sync with Team works from it.
    let origin = git(&into, &["remote", "get-url", "origin"]);
    assert_eq!(origin.trim(), remote.to_string_lossy());
    assert!(!common::shows(&harness, "Open from Team"));
}
