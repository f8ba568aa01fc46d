//! `stance report`: golden files of the three formats for `saves/ukraine-talks.ron`, compared
//! byte for byte with `tests/data/golden/`, and the command line. After an intended change,
//! regenerate them with `STANCE_BLESS=1 cargo test --test report` and review the diff.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod golden;

use std::path::PathBuf;
use std::process::{Command, Output};

use golden::{check, golden_dir, sample, sample_path};
use stance::analysis::{AnalysisFilter, PositionMap};
use stance::io::formats::report::{ReportFormat, report};

fn golden_name(format: ReportFormat) -> PathBuf {
    PathBuf::from(format!("ukraine-talks-report.{}", format.key()))
}

fn check_golden(format: ReportFormat) {
    let project = sample();
    let bytes = report(&project, &AnalysisFilter::default(), format).unwrap();
    let again = report(&project, &AnalysisFilter::default(), format).unwrap();
    assert_eq!(
        bytes, again,
        "{format:?}: two reports of one project differ"
    );
    check(&golden_name(format), &bytes);
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
fn json_report_matches_its_golden_file() {
    check_golden(ReportFormat::Json);
}

#[test]
fn the_csv_has_one_row_per_cell_of_the_map() {
    let project = sample();
    let map = PositionMap::build(&project, &AnalysisFilter::default());
    let bytes = report(&project, &AnalysisFilter::default(), ReportFormat::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (section, stance) = (column("section"), column("stance"));
    assert_eq!(section, 0, "the section comes first");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let map_rows: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[section] == "map").collect();
    assert!(!map.rows.is_empty());
    assert_eq!(map_rows.len(), map.rows.len() * map.issues.len());
    // The sample has no rounds, so no ledger: every row is a cell of the map.
    assert_eq!(map_rows.len(), rows.len());
    let non_empty = map_rows.iter().filter(|r| !r[stance].is_empty()).count();
    assert_eq!(
        non_empty,
        map.cells().filter(|(_, _, c)| !c.is_empty()).count()
    );
}

#[test]
fn the_html_report_is_self_contained_and_prints() {
    let bytes = report(&sample(), &AnalysisFilter::default(), ReportFormat::Html).unwrap();
    let html = String::from_utf8(bytes).unwrap();
    assert!(html.contains("<svg"), "an inline SVG timeline");
    assert!(html.contains("@media print"));
    // Quotes in Arabic or Hebrew read right to left inside the English report.
    assert!(
        html.contains("<q dir=\"auto\">"),
        "quotes take their direction from their text"
    );
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
            std::fs::read(golden_dir().join(golden_name(format))).unwrap()
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
    assert!(text.contains("0 annotations looked at"), "{text}");
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
