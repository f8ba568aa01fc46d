//! `stance reanchor`: an edited article text, accepted with its annotations moved.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use stance::io::load_project;

fn stance(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stance"));
    for arg in args {
        command.arg(arg);
    }
    command.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron")
}

/// The sample's article text with `edit` applied, written to `dir/new.txt`.
fn edited_article(dir: &Path, edit: impl FnOnce(&str) -> String) -> PathBuf {
    let project = load_project(&sample()).unwrap().project;
    let new_text = edit(&project.documents()[0].text);
    let path = dir.join("new.txt");
    fs::write(&path, new_text).unwrap();
    path
}

#[test]
fn text_added_at_the_top_moves_every_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let new = edited_article(dir.path(), |t| {
        format!("Editor's note: updated at noon.\n\n{t}")
    });
    let out = dir.path().join("out.ron");
    let title = load_project(&sample()).unwrap().project.documents()[0]
        .title
        .clone();

    let output = stance(&[
        &"reanchor",
        &sample(),
        &"--document",
        &title,
        &"--text",
        &new,
        &"-o",
        &out,
    ]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        text(&output.stderr)
    );
    let before = load_project(&sample()).unwrap().project;
    let after = load_project(&out).unwrap();
    assert!(after.problems.is_empty(), "{:?}", after.problems);
    assert_eq!(
        after.project.annotations().len(),
        before.annotations().len()
    );
    assert!(stdout.contains(&format!(
        "placed {}",
        stance::analysis::wording::counted(before.annotations().len(), "annotation")
    )));
    assert!(stdout.contains("0 orphans"));
    let shift = "Editor's note: updated at noon.\n\n".chars().count();
    for a in before.annotations() {
        let moved = after.project.annotation(a.id).unwrap();
        assert_eq!(
            moved.ranges[0].start,
            a.ranges[0].start + shift,
            "{}",
            a.quote
        );
        assert_eq!(moved.quote, a.quote);
    }
}

#[test]
fn a_quote_deleted_from_the_text_is_listed_as_an_orphan_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let before = load_project(&sample()).unwrap().project;
    let victim = (before.annotations().iter())
        .filter(|a| a.ranges.len() == 1)
        .max_by_key(|a| a.quote.len())
        .unwrap();
    let new = edited_article(dir.path(), |t| t.replace(&victim.quote, "(removed)"));
    let out = dir.path().join("out.ron");

    // Without -o nothing is written.
    let dry = stance(&[
        &"reanchor",
        &sample(),
        &"--document",
        &before.documents()[0].id.to_string(),
        &"--text",
        &new,
    ]);
    assert_eq!(dry.status.code(), Some(1));
    assert!(text(&dry.stdout).contains("nothing written"));

    let output = stance(&[
        &"reanchor",
        &sample(),
        &"--document",
        &before.documents()[0].id.to_string(),
        &"--text",
        &new,
        &"-o",
        &out,
    ]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(&format!("orphan {}", victim.id.short())),
        "{stdout}"
    );
    let after = load_project(&out).unwrap();
    assert_eq!(
        after.project.annotations().len(),
        before.annotations().len()
    );
    assert_eq!(
        after.project.annotation(victim.id).unwrap().quote,
        victim.quote
    );
    assert!(!after.problems.is_empty());

    // The output now exists: a second run needs --force.
    let again = stance(&[
        &"reanchor",
        &sample(),
        &"--document",
        &before.documents()[0].id.to_string(),
        &"--text",
        &new,
        &"-o",
        &out,
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("--force"));
}
