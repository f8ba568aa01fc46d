//! `stance recover` and the panic snapshot, through the binary, with `STANCE_DATA_DIR` pointing
//! at a temporary folder so the real home is never touched.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use stance::io::load_project;
use stance::io::recovery::{RecoveryDir, RecoveryWriter, SnapshotMeta};

fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron")
}

fn stance(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stance"))
        .env("STANCE_DATA_DIR", data)
        .env_remove("STANCE_DEBUG_PANIC_AFTER_EDITS")
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Leaves a snapshot of the sample (one annotation fewer) as a crashed window would.
fn leave_snapshot(data: &Path, project_path: Option<&Path>) -> usize {
    let dir = RecoveryDir::at(&data.join("recovery")).unwrap();
    let writer = RecoveryWriter::create(&dir).unwrap();
    let mut project = load_project(&sample_path()).unwrap().project;
    // An annotation no relation touches: deleting it leaves a valid project.
    let unrelated = (project.annotations().iter())
        .rposition(|a| !project.relations().iter().any(|r| r.touches(a.id)))
        .unwrap();
    project.rebuild(|parts| {
        parts.annotations.remove(unrelated);
    });
    let meta = SnapshotMeta {
        project_path: project_path.map(Path::to_path_buf),
        loaded_fingerprint: None,
    };
    writer.write(&project, &meta).unwrap();
    project.annotations().len()
}

#[test]
fn lists_writes_out_and_discards_snapshots() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let output = stance(&data, &["recover"]);
    assert!(output.status.success());
    assert!(text(&output.stdout).starts_with("no recovery snapshots in "));

    let annotations = leave_snapshot(&data, None);
    let output = stance(&data, &["recover"]);
    let listing = text(&output.stdout);
    assert!(output.status.success(), "{listing}");
    let first = listing.lines().next().unwrap();
    assert!(first.trim_start().starts_with("1  "), "{listing}");
    assert!(first.contains("untitled \"Ukraine talks"), "{listing}");
    assert!(
        first.contains(&stance::analysis::wording::counted(
            annotations,
            "annotation"
        )),
        "{listing}"
    );
    assert!(first.contains("never saved"), "{listing}");

    let out_path = tmp.path().join("restored.ron");
    let out = out_path.to_str().unwrap();
    let output = stance(&data, &["recover", "1", "-o", out]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let validated = Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(["validate", out])
        .output()
        .unwrap();
    assert!(validated.status.success(), "{}", text(&validated.stdout));
    assert_eq!(
        load_project(&out_path).unwrap().project.annotations().len(),
        annotations
    );

    // Like `import`, an existing file needs --force.
    let output = stance(&data, &["recover", "1", "-o", out]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("pass --force"));
    let output = stance(&data, &["recover", "1", "-o", out, "--force"]);
    assert!(output.status.success(), "{}", text(&output.stderr));

    let output = stance(&data, &["recover", "--discard", "2"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("there is no snapshot 2"));
    let output = stance(&data, &["recover", "--discard", "1"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&stance(&data, &["recover"]).stdout).starts_with("no recovery snapshots"));
}

#[test]
fn a_snapshot_kept_by_a_running_stance_is_not_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let dir = RecoveryDir::at(&data.join("recovery")).unwrap();
    let writer = RecoveryWriter::create(&dir).unwrap();
    let project = load_project(&sample_path()).unwrap().project;
    writer.write(&project, &SnapshotMeta::default()).unwrap();
    let listing = text(&stance(&data, &["recover"]).stdout);
    assert!(listing.starts_with("no recovery snapshots"), "{listing}");
    drop(writer);
    let listing = text(&stance(&data, &["recover"]).stdout);
    assert!(listing.trim_start().starts_with("1  "), "{listing}");
}

#[test]
fn a_project_path_is_listed_with_its_file_state() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let project_path = tmp.path().join("talks.ron");
    fs::copy(sample_path(), &project_path).unwrap();
    leave_snapshot(&data, Some(&project_path));
    let listing = text(&stance(&data, &["recover"]).stdout);
    assert!(
        listing.contains(project_path.to_str().unwrap()),
        "{listing}"
    );
}

/// The hidden `debug-panic-snapshot` exists only in debug builds.
#[cfg(debug_assertions)]
#[test]
fn a_panic_leaves_a_snapshot_of_the_unsaved_project() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let project_path = tmp.path().join("talks.ron");
    fs::copy(sample_path(), &project_path).unwrap();
    let output = stance(
        &data,
        &["debug-panic-snapshot", project_path.to_str().unwrap()],
    );
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(stderr.contains("a deliberate panic"), "{stderr}");
    assert!(stderr.contains("unsaved work was kept in"), "{stderr}");

    let dir = RecoveryDir::at(&data.join("recovery")).unwrap();
    let list = dir.list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].header.project_path(), Some(project_path.clone()));
    assert_eq!(list[0].disk, stance::io::recovery::DiskStatus::Unchanged);
    let recovered = dir.load(&list[0]).unwrap();
    assert_eq!(
        recovered.loaded.project,
        load_project(&project_path).unwrap().project
    );

    // Untitled projects are kept too.
    let output = stance(&data, &["debug-panic-snapshot"]);
    assert!(!output.status.success());
    assert_eq!(dir.list().unwrap().len(), 2);

    // And a recovery worker's mirror.
    let output = stance(
        &data,
        &[
            "debug-panic-snapshot",
            "--mirror",
            project_path.to_str().unwrap(),
        ],
    );
    assert!(text(&output.stderr).contains("unsaved work was kept in"));
    let list = dir.list().unwrap();
    assert_eq!(list.len(), 3);
    let newest = dir.load(&list[0]).unwrap();
    assert_eq!(
        newest.loaded.project,
        load_project(&project_path).unwrap().project
    );
}

#[test]
fn the_debug_command_is_hidden_from_help() {
    let tmp = tempfile::tempdir().unwrap();
    let help = text(&stance(tmp.path(), &["--help"]).stdout);
    assert!(help.contains("recover"), "{help}");
    assert!(!help.contains("debug-panic"), "{help}");
}
