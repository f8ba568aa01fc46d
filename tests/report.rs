//! `stance report`: golden files of the three formats for `saves/ukraine-talks.ron`, compared
//! byte for byte with `tests/data/golden/`, and the command line. After an intended change,
//! regenerate them with `STANCE_BLESS=1 cargo test --test report` and review the diff.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use stance::io::formats::report::{ReportFormat, report};
use stance::io::load_project;
use stance::model::Project;
use stance::model::analysis::{AnalysisFilter, PositionMap};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sample_path() -> PathBuf {
    manifest_dir().join("saves/ukraine-talks.ron")
}

fn sample() -> Project {
    let loaded = load_project(&sample_path()).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.project
}

fn golden_path(format: ReportFormat) -> PathBuf {
    manifest_dir().join(format!(
        "tests/data/golden/ukraine-talks-report.{}",
        format.key()
    ))
}

fn blessing() -> bool {
    std::env::var_os("STANCE_BLESS").is_some_and(|v| v != "0")
}

fn check_golden(format: ReportFormat) {
    let project = sample();
    let bytes = report(&project, &AnalysisFilter::default(), format).unwrap();
    let again = report(&project, &AnalysisFilter::default(), format).unwrap();
    assert_eq!(
        bytes, again,
        "{format:?}: two reports of one project differ"
    );
    let path = golden_path(format);
    if blessing() {
        std::fs::write(&path, &bytes).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with STANCE_BLESS=1 to create it)",
            path.display()
        )
    });
    if expected != bytes {
        let (expected, got) = (
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(&bytes),
        );
        let line = expected
            .lines()
            .zip(got.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(got.lines().count()));
        panic!(
            "{} differs at line {}:\n  golden: {:?}\n  report: {:?}\n\
             (if the change is intended, rerun with STANCE_BLESS=1)",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            got.lines().nth(line)
        );
    }
}

#[test]
fn markdown_report_matches_its_golden_file() {
    check_golden(ReportFormat::Markdown);
}

#[test]
fn csv_report_matches_its_golden_file() {
    check_golden(ReportFormat::Csv);
}

#[test]
fn html_report_matches_its_golden_file() {
    check_golden(ReportFormat::Html);
}

#[test]
fn the_csv_has_one_row_per_cell_of_the_map() {
    let project = sample();
    let map = PositionMap::build(&project, &AnalysisFilter::default());
    let bytes = report(&project, &AnalysisFilter::default(), ReportFormat::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(!map.rows.is_empty());
    assert_eq!(rows.len(), map.rows.len() * map.issues.len());
    let non_empty = rows.iter().filter(|r| !r[3].is_empty()).count();
    assert_eq!(
        non_empty,
        map.cells().filter(|(_, _, c)| !c.is_empty()).count()
    );
    assert_eq!(&reader.headers().unwrap()[3], "stance");
}

#[test]
fn the_html_report_is_self_contained_and_prints() {
    let bytes = report(&sample(), &AnalysisFilter::default(), ReportFormat::Html).unwrap();
    let html = String::from_utf8(bytes).unwrap();
    assert!(html.contains("<svg"), "an inline SVG timeline");
    assert!(html.contains("@media print"));
    for fetched in ["<script", "<link", "src=", "@import", "url("] {
        assert!(
            !html.contains(fetched),
            "the report fetches something: {fetched}"
        );
    }
}

fn stance(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_cli_writes_each_format_and_honours_the_date_range() {
    let dir = tempfile::tempdir().unwrap();
    let project = sample_path();
    let project = project.to_str().unwrap();
    for &format in ReportFormat::ALL {
        let out = dir.path().join(format!("report.{}", format.key()));
        let output = stance(&[
            "report",
            project,
            "--format",
            format.key(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            std::fs::read(&out).unwrap(),
            std::fs::read(golden_path(format)).unwrap()
        );
        // An existing file is kept without --force.
        let again = stance(&[
            "report",
            project,
            "--format",
            format.key(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(!again.status.success());
        assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    }
    // The sample article is dated 2025-12-05: a range after it leaves the map empty.
    let later = stance(&["report", project, "--format", "md", "--from", "2025-12-06"]);
    assert!(later.status.success());
    let text = String::from_utf8_lossy(&later.stdout);
    assert!(text.contains("0 annotation(s) looked at"), "{text}");
    assert!(text.contains("No actor has a statement on an issue."));
    let bad = stance(&["report", project, "--format", "md", "--from", "5 December"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a date"));
    let reversed = stance(&[
        "report",
        project,
        "--format",
        "csv",
        "--from",
        "2025-12-06",
        "--to",
        "2025-12-01",
    ]);
    assert!(!reversed.status.success());
    let unknown = stance(&["report", project, "--format", "pdf"]);
    assert!(!unknown.status.success());
}
