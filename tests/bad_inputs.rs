//! The bad-input corpus: every file in `tests/data/bad/` must fail to load (or load as
//! "needs repair") with its own clear message, in the library and through `stance validate`,
//! and nothing may panic. Huge inputs are generated here instead of being stored.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use stance::io::{LoadErrorKind, load_project, project_to_ron};
use stance::model::{Document, Edit, Project, Span};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad")
}

/// `expected.txt`: `FILE => fragment of the expected message`.
fn expectations() -> Vec<(PathBuf, String)> {
    let listing = fs::read_to_string(corpus_dir().join("expected.txt")).unwrap();
    listing
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (file, fragment) = l.split_once(" => ").unwrap();
            (corpus_dir().join(file), fragment.to_owned())
        })
        .collect()
}

/// The message `load_project` gives: the error, or every problem of a "needs repair" load.
fn load_message(path: &Path) -> String {
    match load_project(path) {
        Err(e) => e.to_string(),
        Ok(loaded) => {
            assert!(
                loaded.needs_repair(),
                "{} loaded without problems",
                path.display()
            );
            loaded
                .problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        }
    }
}

fn validate(paths: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stance"))
        .arg("validate")
        .args(paths)
        .output()
        .unwrap()
}

/// True if a line names a place: `PATH:LINE:COL: …` or `PATH[:LINE:COL]: annotation|actor|document ID: …`.
fn names_a_place(line: &str, path: &Path) -> bool {
    let Some(rest) = line.strip_prefix(&format!("{}:", path.display())) else {
        return false;
    };
    let mut parts = rest.splitn(3, ':');
    let (line_no, col) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let has_position = line_no.parse::<usize>().is_ok() && col.parse::<usize>().is_ok();
    let names_an_id = ["annotation ", "actor ", "document ", "relation "]
        .iter()
        .any(|subject| rest.contains(subject));
    has_position || names_an_id
}

fn assert_validate_rejects(path: &Path, fragment: &str) {
    let output = validate(&[path]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}: {stdout}{stderr}",
        path.display()
    );
    assert!(!stderr.contains("panicked"), "{}: {stderr}", path.display());
    assert!(
        stdout.lines().any(|l| names_a_place(l, path)),
        "{}: no file:line:col or id in {stdout:?}",
        path.display()
    );
    assert!(
        stdout.to_lowercase().contains(&fragment.to_lowercase()),
        "{}: {fragment:?} not in {stdout:?}",
        path.display()
    );
}

#[test]
fn the_corpus_is_complete() {
    let listed: Vec<PathBuf> = expectations().into_iter().map(|(p, _)| p).collect();
    let mut present: Vec<PathBuf> = fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "expected.txt"))
        .collect();
    present.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(present, sorted, "every bad file needs an expected message");
    assert!(listed.len() >= 25);
}

#[test]
fn every_bad_file_fails_with_its_own_message() {
    for (path, fragment) in expectations() {
        let message = load_message(&path);
        assert!(
            message.to_lowercase().contains(&fragment.to_lowercase()),
            "{}: expected {fragment:?}, got {message:?}",
            path.display()
        );
        assert!(message.len() < 600, "{}: message too long", path.display());
    }
}

#[test]
fn validate_rejects_every_bad_file_and_names_the_place() {
    for (path, fragment) in expectations() {
        assert_validate_rejects(&path, &fragment);
    }
}

#[test]
fn validate_reports_every_file_and_every_problem() {
    let bad = expectations();
    let paths: Vec<&Path> = bad.iter().map(|(p, _)| p.as_path()).collect();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron");
    let mut all = vec![sample.as_path()];
    all.extend(&paths);
    let output = validate(&all);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains(&format!("{}: ok", sample.display())));
    for path in paths {
        assert!(
            stdout.contains(&path.display().to_string()),
            "{} missing",
            path.display()
        );
    }
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 100_000;
    let cases = [
        (
            "deep-brackets.ron",
            format!("(format: 1, title: \"x\", documents: {}", "[".repeat(depth)),
            "expected opening `(` for struct `Document`",
        ),
        (
            "deep-parens.ron",
            format!(
                "(format: 1, title: \"x\", documents: [{}",
                "(".repeat(depth)
            ),
            "expected",
        ),
        (
            "deep-options.ron",
            format!(
                "(format: 1, title: \"x\", actors: [(id: \"7b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c04\", name: \"n\", affiliation: {}",
                "Some(".repeat(depth)
            ),
            "expected string",
        ),
        (
            "deep-maps.ron",
            format!(
                "(format: 1, title: \"x\", annotations: [(attributes: {}",
                "{\"k\": ".repeat(depth)
            ),
            "expected string",
        ),
        (
            "deep-nesting-100k.ron",
            format!("{}{}", "(".repeat(depth), ")".repeat(depth)),
            "expected identifier",
        ),
    ];
    for (name, text, fragment) in cases {
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        let err = load_project(&path).unwrap_err();
        assert!(err.line().is_some() && err.col().is_some(), "{err}");
        assert_validate_rejects(&path, fragment);
    }
}

/// A valid project whose one annotation quotes `quote` (which does not match the text).
fn project_with_quote(quote: &str) -> String {
    let mut project = Project::new("escape-heavy");
    let doc = Document::new("d", "Some text of an article.".to_owned());
    let id = doc.id;
    project
        .apply(Edit::InsertDocument {
            index: 0,
            document: Box::new(doc),
        })
        .unwrap();
    let mut a = project
        .new_annotation(id, "claim", vec![Span::new(0, 4)], chrono::Utc::now())
        .unwrap();
    a.quote = quote.to_owned();
    project.rebuild(|parts| {
        parts.annotations.push(a);
    });
    project_to_ron(&project).unwrap()
}

#[test]
fn a_400_kb_escape_heavy_string_is_parsed_and_reported_briefly() {
    let dir = tempfile::tempdir().unwrap();
    let escapes = "\"\\\n\t\u{0}'\u{301}😀".repeat(40_000);
    let text = project_with_quote(&escapes);
    assert!(text.len() > 400_000, "{} bytes", text.len());

    let path = dir.path().join("escape-heavy-400k.ron");
    fs::write(&path, &text).unwrap();
    let loaded = load_project(&path).unwrap();
    assert_eq!(
        loaded.project.annotations()[0].quote,
        escapes,
        "nothing dropped"
    );
    assert_eq!(loaded.problems.len(), 1);
    assert_validate_rejects(&path, "does not match the text at its ranges");
    let output = validate(&[&path]);
    assert!(output.stdout.len() < 1_000, "the message elides the quote");

    // The same string, cut off before its closing quote.
    let cut = &text[..text.find("quote: \"").unwrap() + 300_000];
    let cut_path = dir.path().join("escape-heavy-unterminated.ron");
    fs::write(&cut_path, cut).unwrap();
    assert_validate_rejects(&cut_path, "this string never ends");
}

#[test]
fn files_over_the_size_cap_are_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    // Sparse: no disk space is used, and the cap is checked before reading.
    let file = fs::File::create(&path).unwrap();
    file.set_len(stance::io::MAX_FILE_BYTES + 1).unwrap();
    drop(file);
    let err = load_project(&path).unwrap_err();
    assert!(
        err.to_string()
            .contains("projects over 256 MiB are refused"),
        "{err}"
    );
    assert!(matches!(err.kind(), LoadErrorKind::TooLarge { .. }));
    let output = validate(&[&path]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("huge.ron: "));
}

#[test]
fn stats_never_panics_on_bad_files() {
    for (path, _) in expectations() {
        let output = Command::new(env!("CARGO_BIN_EXE_stance"))
            .arg("stats")
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{}: {stderr}", path.display());
        // Broken rules still load ("needs repair"), so stats counts them with a warning.
        let code = output.status.code();
        if load_project(&path).is_ok() {
            assert_eq!(code, Some(0), "{}", path.display());
            assert!(stderr.contains("warning"), "{}: {stderr}", path.display());
        } else {
            assert_eq!(code, Some(1), "{}", path.display());
            assert!(stderr.contains(&path.display().to_string()));
        }
    }
}

#[test]
fn broken_projects_still_export_every_format() {
    use stance::io::export::{ExportFormat, ExportOptions, export};
    use stance::io::load_project_from_str;
    // A range ending at `usize::MAX` once overflowed the W3C context arithmetic.
    let huge_end = project_with_quote("Some").replace("end: 4)", &format!("end: {})", usize::MAX));
    assert!(huge_end.contains(&usize::MAX.to_string()));
    let mut broken = vec![load_project_from_str("huge-end.ron", &huge_end).unwrap()];
    for (path, _) in expectations() {
        broken.extend(load_project(&path).ok());
    }
    for loaded in broken {
        assert!(loaded.needs_repair());
        for format in ExportFormat::ALL {
            let result = export(&loaded.project, &ExportOptions::new(format));
            assert!(result.is_ok(), "{format}: {:?}", result.err());
        }
    }
}
