//! The corpus on the command line: `stance import` of a folder of articles (front matter and
//! date markers), the outlet field in the project file, and `stance search`.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::NaiveDate;
use stance::io::{load_project, project_to_ron};
use stance::model::Project;

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

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus")
}

/// Imports the test corpus folder into a new project file; returns it and its path.
fn imported(dir: &Path) -> (Project, PathBuf) {
    let out = dir.join("corpus.ron");
    let output = stance(&[&"import", &corpus_dir(), &"-o", &out]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    (load_project(&out).unwrap().project, out)
}

#[test]
fn a_folder_of_articles_imports_with_its_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let (project, _) = imported(dir.path());
    let titles: Vec<&str> = project
        .documents()
        .iter()
        .map(|d| d.title.as_str())
        .collect();
    // File-name order; the README beside them is not an article.
    assert_eq!(
        titles,
        [
            "Florida round ends without a deal",
            "Delegations meet in Geneva",
            "Kremlin briefing",
            "No date"
        ]
    );
    let geneva = &project.documents()[1];
    assert_eq!(geneva.date, NaiveDate::from_ymd_opt(2025, 11, 23));
    assert_eq!(geneva.outlet.as_deref(), Some("The Lakeside Ledger"));
    assert_eq!(
        geneva.source.as_deref(),
        Some("https://example.org/ledger/geneva-round")
    );
    assert!(geneva.text.starts_with("Negotiators from both"));
    let kremlin = &project.documents()[2];
    assert_eq!(kremlin.date, NaiveDate::from_ymd_opt(2025, 12, 2));
    assert_eq!(kremlin.outlet, None);
    assert!(kremlin.text.starts_with("The Kremlin spokesman"));
    assert_eq!(project.documents()[3].date, None);
}

#[test]
fn outlet_is_written_only_when_set() {
    let dir = tempfile::tempdir().unwrap();
    let (mut project, _) = imported(dir.path());
    let text = project_to_ron(&project).unwrap();
    assert_eq!(text.matches("outlet:").count(), 2, "{text}");
    project.rebuild(|parts| {
        for doc in &mut parts.documents {
            doc.outlet = None;
        }
    });
    let without = project_to_ron(&project).unwrap();
    assert!(!without.contains("outlet"), "{without}");
    let reloaded = stance::io::load_project_from_str("p.ron", &text).unwrap();
    assert_eq!(
        reloaded.project.documents()[0].outlet.as_deref(),
        Some("Harbour Evening Post")
    );
}

#[test]
fn bad_front_matter_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("bad.md");
    std::fs::write(&article, "---\ntitle: A\ndate: last Tuesday\n---\nBody.").unwrap();
    let out = dir.path().join("p.ron");
    let output = stance(&[&"import", &article, &"-o", &out]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("bad.md:3:7:"), "{stderr}");
    assert!(stderr.contains("not a date"), "{stderr}");
    assert!(!out.exists());
}

/// One line of `stance search`: title, start, end, context.
type Hit = (String, usize, usize, String);

/// The exit code and hits of `stance search`.
fn search(project: &Path, args: &[&str]) -> (Option<i32>, Vec<Hit>) {
    let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"search", &project];
    for arg in args {
        all.push(arg);
    }
    let output = stance(&all);
    let hits = text(&output.stdout)
        .lines()
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 4, "{line}");
            (
                fields[0].to_owned(),
                fields[1].parse().unwrap(),
                fields[2].parse().unwrap(),
                fields[3].to_owned(),
            )
        })
        .collect();
    (output.status.code(), hits)
}

/// The text at a code-point span of the document with this title.
fn chars_at(project: &Project, title: &str, start: usize, end: usize) -> String {
    let doc = project
        .documents()
        .iter()
        .find(|d| d.title == title)
        .unwrap();
    doc.text.chars().skip(start).take(end - start).collect()
}

#[test]
fn search_prints_code_point_offsets_and_context() {
    let dir = tempfile::tempdir().unwrap();
    let (project, path) = imported(dir.path());
    let (code, hits) = search(&path, &["ceasefire"]);
    assert_eq!(code, Some(0));
    let expected: usize = (project.documents().iter())
        .map(|d| d.text.to_lowercase().matches("ceasefire").count())
        .sum();
    assert_eq!(hits.len(), expected);
    for (title, start, end, context) in &hits {
        let found = chars_at(&project, title, *start, *end);
        assert_eq!(found.to_lowercase(), "ceasefire");
        assert!(context.contains(&found), "{context}");
    }
    // "Genève" comes before the Geneva hit: byte offsets would be one more than these.
    let geneva = hits
        .iter()
        .find(|h| h.0 == "Delegations meet in Geneva")
        .unwrap();
    let doc = &project.documents()[1];
    let byte = doc.text.find("ceasefire").unwrap();
    assert_eq!(geneva.1, doc.text[..byte].chars().count());
    assert_ne!(geneva.1, byte);
}

#[test]
fn search_options_case_word_and_regex() {
    let dir = tempfile::tempdir().unwrap();
    let (project, path) = imported(dir.path());
    let (_, any_case) = search(&path, &["ceasefire"]);
    let (_, exact) = search(&path, &["Ceasefire", "--case"]);
    let (_, words) = search(&path, &["ceasefire", "--word"]);
    let (_, regex) = search(&path, &["ceasefires?\\b", "--regex"]);
    for (title, start, end, _) in &exact {
        assert!(chars_at(&project, title, *start, *end).starts_with('C'));
    }
    assert!(!exact.is_empty() && exact.len() < any_case.len());
    // "Ceasefires" is a hit, but not a whole word "ceasefire".
    assert_eq!(words.len(), any_case.len() - 1);
    assert_eq!(regex.len(), any_case.len());
    assert!(regex.iter().any(|h| h.2 - h.1 == "ceasefires".len()));
}

#[test]
fn search_exits_1_without_hits_and_2_on_a_bad_pattern() {
    let dir = tempfile::tempdir().unwrap();
    let (_, path) = imported(dir.path());
    let (code, hits) = search(&path, &["armistice"]);
    assert_eq!((code, hits.len()), (Some(1), 0));
    let output = stance(&[&"search", &path, &"(open", &"--regex"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("regular expression"));
}

#[test]
fn a_folder_of_brat_folders_imports_them_all_on_the_command_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/brat");
    let pairs: usize = ["corpora-CoNLL-ST_2002-esp", "corpora-TDT", "tutorials-news"]
        .iter()
        .map(|name| {
            std::fs::read_dir(root.join(name))
                .unwrap()
                .filter(|e| {
                    e.as_ref()
                        .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "ann"))
                })
                .count()
        })
        .sum();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brat.ron");
    let output = stance(&[&"import", &root, &"-o", &out]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let project = load_project(&out).unwrap().project;
    // The README and licences beside the folders are documentation, not articles.
    assert_eq!(project.documents().len(), pairs);
    assert!(project.annotations().len() > 100);
}
