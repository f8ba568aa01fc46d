//! Format 1 → format 2: a v1 file opens unchanged through its own frozen types, saving writes
//! format 2 and keeps the original as `NAME.ron.v1`, and the migrated model reopens equal.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use stance::io::formats::ron::older_original_path;
use stance::io::{load_project, load_project_from_str, project_to_ron, save_project};
use stance::model::{Edit, FORMAT_VERSION, default_relation_types};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/migration")
        .join(name)
}

fn v1_fixture() -> PathBuf {
    data("ukraine-talks.v1.ron")
}

#[test]
fn a_v1_file_opens_with_every_annotation_and_no_problems() {
    let text = fs::read_to_string(v1_fixture()).unwrap();
    assert!(text.contains("\n    format: 1,\n"));
    let loaded = load_project(&v1_fixture()).unwrap();
    assert_eq!(loaded.loaded_format, 1);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let project = &loaded.project;
    assert_eq!(
        project.annotations().len(),
        text.matches("\n            ranges: [").count()
    );
    // Tags and actors both have a `name:` line in format 1.
    assert_eq!(
        project.actors().len() + project.schema().tags.len(),
        text.matches("\n            name: ").count()
    );
    // Format 1 had no relation types: the default set arrives with the upgrade.
    assert_eq!(project.schema().relation_types, default_relation_types());
    assert_eq!(project.schema().tags.len(), 3);
    assert!(project.issues().is_empty());
    for a in project.annotations() {
        assert!(a.issues.is_empty() && a.stance.is_none() && a.annotator.is_none());
        assert!(a.quote.len() > 1, "{a:?}");
    }
}

#[test]
fn the_migrated_fixture_matches_its_v2_golden_file() {
    let loaded = load_project(&v1_fixture()).unwrap();
    let text = project_to_ron(&loaded.project).unwrap();
    let golden = data("ukraine-talks.v2.ron");
    if std::env::var_os("STANCE_REGENERATE_GOLDEN").is_some() {
        fs::write(&golden, &text).unwrap();
    }
    assert_eq!(text, fs::read_to_string(&golden).unwrap());
    let reopened = load_project(&golden).unwrap();
    assert_eq!(reopened.loaded_format, FORMAT_VERSION);
    assert!(reopened.problems.is_empty(), "{:?}", reopened.problems);
    assert_eq!(reopened.project, loaded.project);
}

#[test]
fn the_first_upgrading_save_keeps_the_original_as_v1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.ron");
    let original = fs::read(v1_fixture()).unwrap();
    fs::write(&path, &original).unwrap();
    let keep = older_original_path(&path, 1);
    assert_eq!(keep, dir.path().join("talks.ron.v1"));

    let mut project = load_project(&path).unwrap().project;
    save_project(&path, &project).unwrap();
    assert_eq!(fs::read(&keep).unwrap(), original);
    let saved = load_project(&path).unwrap();
    assert_eq!(saved.loaded_format, FORMAT_VERSION);
    assert_eq!(saved.project, project);

    // Later saves replace `.bak` but never `.v1`.
    let first_v2 = fs::read(&path).unwrap();
    project.apply(Edit::SetTitle("Renamed".to_owned())).unwrap();
    save_project(&path, &project).unwrap();
    assert_eq!(fs::read(&keep).unwrap(), original);
    assert_eq!(
        fs::read(dir.path().join("talks.ron.bak")).unwrap(),
        first_v2
    );
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["talks.ron", "talks.ron.bak", "talks.ron.v1"]);
}

#[test]
fn an_existing_v1_copy_is_never_replaced_and_current_files_get_none() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.ron");
    fs::copy(v1_fixture(), &path).unwrap();
    let keep = dir.path().join("talks.ron.v1");
    fs::write(&keep, "an older copy").unwrap();
    let project = load_project(&path).unwrap().project;
    save_project(&path, &project).unwrap();
    assert_eq!(fs::read_to_string(&keep).unwrap(), "an older copy");

    let fresh = dir.path().join("fresh.ron");
    save_project(&fresh, &project).unwrap();
    save_project(&fresh, &project).unwrap();
    assert!(!dir.path().join("fresh.ron.v1").exists());
    assert!(!dir.path().join("fresh.ron.v2").exists());
}

#[test]
fn v1_is_read_by_its_own_types_and_v2_stays_strict() {
    let text = fs::read_to_string(v1_fixture()).unwrap();
    // A format 2 field in a file that says format 1 is refused, by name and place.
    let with_issues = text.replacen("    documents: [", "    issues: [],\n    documents: [", 1);
    let err = load_project_from_str("v1.ron", &with_issues).unwrap_err();
    assert!(err.to_string().contains("`issues`"), "{err}");
    assert!(err.line().is_some(), "{err}");
    // A format 1 layout in a file that says format 2 is refused too.
    let v1_layout_as_v2 = text.replacen("    format: 1,", "    format: 2,", 1);
    let err = load_project_from_str("v2.ron", &v1_layout_as_v2).unwrap_err();
    assert!(err.line().is_some(), "{err}");
}

#[test]
fn validate_accepts_both_formats_and_refuses_format_3() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron");
    for path in [v1_fixture(), data("ukraine-talks.v2.ron"), sample] {
        let output = Command::new(env!("CARGO_BIN_EXE_stance"))
            .arg("validate")
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}: {}{}",
            path.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let future = dir.path().join("future.ron");
    let text = fs::read_to_string(data("ukraine-talks.v2.ron")).unwrap();
    fs::write(
        &future,
        text.replacen("    format: 2,", "    format: 3,", 1),
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_stance"))
        .arg("validate")
        .arg(&future)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("made by a newer Stance (format 3; this build reads up to 2)"),
        "{stdout}"
    );
}
