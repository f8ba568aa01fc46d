//! `--document` means the same in every command (model::DocumentQuery): a title in any case
//! and script, an id or its first characters, or a text hash.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

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

/// A project of one article titled in Cyrillic, which ASCII-only case folding cannot match.
fn project(dir: &Path) -> PathBuf {
    let article = dir.join("geneva.md");
    std::fs::write(
        &article,
        "---\ntitle: Переговоры в Женеве\ndate: 2025-11-23\n---\n\
         Officials said the talks in Geneva were useful. \"We made progress,\" Umerov said.\n",
    )
    .unwrap();
    let project = dir.join("geneva.ron");
    let out = stance(&[&"import", &article, &"-o", &project]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    project
}

#[test]
fn every_command_finds_a_document_by_its_title_in_another_case() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    let typed = "  ПЕРЕГОВОРЫ В ЖЕНЕВЕ ";

    let export = stance(&[
        &"export",
        &project,
        &"--format",
        &"csv",
        &"--document",
        &typed,
    ]);
    assert!(export.status.success(), "export: {}", text(&export.stderr));

    let suggest = stance(&[&"suggest", &project, &"--document", &typed]);
    assert!(
        suggest.status.success(),
        "suggest: {}",
        text(&suggest.stderr)
    );

    let copy = dir.path().join("copy.ron");
    std::fs::copy(&project, &copy).unwrap();
    let agree = stance(&[&"agree", &project, &copy, &"--document", &typed]);
    assert!(agree.status.success(), "agree: {}", text(&agree.stderr));

    let new_text = dir.path().join("new.txt");
    std::fs::write(&new_text, "Officials said the talks in Geneva went well.\n").unwrap();
    let out = dir.path().join("out.ron");
    let reanchor = stance(&[
        &"reanchor",
        &project,
        &"--document",
        &typed,
        &"--text",
        &new_text,
        &"-o",
        &out,
    ]);
    assert!(out.exists(), "reanchor: {}", text(&reanchor.stderr));
}

#[test]
fn an_id_prefix_and_a_text_hash_name_the_document_too() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    let loaded = load_project(&project).unwrap().project;
    let document = &loaded.documents()[0];
    let prefix = document.id.to_string()[..8].to_owned();
    for wanted in [prefix, document.text_hash.clone()] {
        let suggest = stance(&[&"suggest", &project, &"--document", &wanted]);
        assert!(
            suggest.status.success(),
            "{wanted}: {}",
            text(&suggest.stderr)
        );
    }
}

#[test]
fn an_unknown_document_is_refused_naming_the_documents_there_are() {
    let dir = tempfile::tempdir().unwrap();
    let project = project(dir.path());
    for command in ["export", "suggest"] {
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&command, &project];
        if command == "export" {
            args.extend([&"--format" as &dyn AsRef<std::ffi::OsStr>, &"csv"]);
        }
        args.extend([&"--document" as &dyn AsRef<std::ffi::OsStr>, &"Elsewhere"]);
        let out = stance(&args);
        assert!(
            !out.status.success(),
            "{command} accepted an unknown document"
        );
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("no document \"Elsewhere\"; the project has: Переговоры в Женеве ("),
            "{command}: {stderr}"
        );
    }
}
