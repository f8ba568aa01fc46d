//! `stance export` and `stance import` for exchange formats, run as the real binary.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron")
}

fn stance(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn every_format_writes_and_overwriting_needs_force() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample_path();
    let sample = sample.to_str().unwrap();
    for format in ["csv", "json", "jsonl", "md", "brat", "w3c"] {
        let out = dir.path().join(format!("out-{format}"));
        let out_str = out.to_str().unwrap();
        let first = stance(&["export", sample, "--format", format, "-o", out_str]);
        assert!(first.status.success(), "{format}: {}", stderr(&first));
        assert!(out.exists());

        let again = stance(&["export", sample, "--format", format, "-o", out_str]);
        assert!(
            !again.status.success(),
            "{format}: overwrote without --force"
        );
        assert!(stderr(&again).contains("--force"), "{}", stderr(&again));

        let forced = stance(&[
            "export", sample, "--format", format, "-o", out_str, "--force",
        ]);
        assert!(forced.status.success(), "{format}: {}", stderr(&forced));
    }
    assert!(dir.path().join("out-brat/annotation.conf").is_file());
}

#[test]
fn filters_select_tags_holder_and_document() {
    let sample = sample_path();
    let sample = sample.to_str().unwrap();
    let out = stance(&[
        "export",
        sample,
        "--format",
        "csv",
        "--tags",
        "concession,claim",
        "--holder",
        "yuri ushakov",
        "--document",
        "Ukraine talks 2025-12-05",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(!rows.is_empty());
    for row in rows {
        assert!(row.contains(",Yuri Ushakov,"), "{row}");
        assert!(
            row.contains(",claim,") || row.contains(",concession,"),
            "{row}"
        );
    }

    let unknown = stance(&["export", sample, "--format", "csv", "--tags", "threat"]);
    assert!(!unknown.status.success());
    assert!(
        stderr(&unknown).contains("unknown tag \"threat\""),
        "{}",
        stderr(&unknown)
    );
    let nobody = stance(&["export", sample, "--format", "md", "--holder", "Nobody"]);
    assert!(
        stderr(&nobody).contains("no actor called \"Nobody\""),
        "{}",
        stderr(&nobody)
    );
    let bad_format = stance(&["export", sample, "--format", "xlsx"]);
    assert!(
        stderr(&bad_format).contains("unknown format"),
        "{}",
        stderr(&bad_format)
    );
}

#[test]
fn import_takes_brat_folders_ann_files_and_stance_exports() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample_path();
    let json = dir.path().join("talks.json");
    let out = stance(&[
        "export",
        sample.to_str().unwrap(),
        "--format",
        "json",
        "-o",
        json.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/brat");
    let folder = corpus.join("corpora-CoNLL-ST_2002-esp");
    let ann = corpus.join("tutorials-news/110-note_annotation.ann");
    let project = dir.path().join("mixed.ron");
    let out = stance(&[
        "import",
        json.to_str().unwrap(),
        folder.to_str().unwrap(),
        ann.to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let loaded = stance::io::load_project(&project).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let spanish = std::fs::read_dir(&folder)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "ann")
        })
        .count();
    assert_eq!(loaded.project.documents().len(), 1 + spanish + 1);
    assert!(loaded.project.schema().get("PER").is_some());
    assert!(loaded.project.schema().get("claim").is_some());
}

#[test]
fn an_export_never_overwrites_its_own_project() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("talks.ron");
    std::fs::copy(sample_path(), &project).unwrap();
    let before = std::fs::read(&project).unwrap();
    let project = project.to_str().unwrap();
    let out = stance(&[
        "export", project, "--format", "csv", "-o", project, "--force",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("project being exported"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(project).unwrap(), before);
}
