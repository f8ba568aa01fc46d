//! The Moves ledger in reports: the JSON report's golden file for the bundled sample with
//! three rounds of talks (Geneva, Moscow, Florida), its shape, the CSV report's ledger rows
//! (golden file of the multi-round river-talks sample), and the `stance rounds` and
//! `stance report --format json --round … --since …` command lines. After an intended
//! change, regenerate with `STANCE_BLESS=1 cargo test --test moves_report` and review it.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod golden;

use std::path::Path;
use std::process::{Command, Output};

use chrono::{NaiveDate, Utc};
use golden::{check, sample, sample_path};
use stance::analysis::{AnalysisFilter, TagKind, Timeline, TimelineRows, moves, stance_word};
use stance::io::formats::report::{ReportFormat, default_pair, report, report_between};
use stance::io::load_project;
use stance::model::{BriefKey, Project, Round, RoundId, RoundSpan, Stance};

fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, month, d).unwrap()
}

/// The sample with the three rounds of the reference article, under fixed ids.
fn sample_with_rounds() -> (Project, [RoundId; 3]) {
    let mut project = sample();
    let rounds = [
        (
            "00000000-0000-4000-8000-000000000001",
            "Geneva",
            day(11, 20),
            day(11, 24),
        ),
        (
            "00000000-0000-4000-8000-000000000002",
            "Moscow",
            day(12, 1),
            day(12, 3),
        ),
        (
            "00000000-0000-4000-8000-000000000003",
            "Florida",
            day(12, 4),
            day(12, 6),
        ),
    ];
    let mut ids = Vec::new();
    for (id, name, from, to) in rounds {
        let round = Round {
            id: id.parse().unwrap(),
            name: name.to_owned(),
            span: RoundSpan::Dates { from, to },
        };
        ids.push(round.id);
        let edit = project.add_round(round).unwrap();
        project.apply(edit).unwrap();
    }
    (project, [ids[0], ids[1], ids[2]])
}

#[test]
fn the_json_report_matches_its_golden_file() {
    let (project, _) = sample_with_rounds();
    let bytes = report(&project, &AnalysisFilter::default(), ReportFormat::Json).unwrap();
    let again = report(&project, &AnalysisFilter::default(), ReportFormat::Json).unwrap();
    assert_eq!(bytes, again, "two reports of one project differ");
    check(Path::new("ukraine-talks-rounds-report.json"), &bytes);
}

/// The multi-round sample (Tallinn, Vienna, Oslo rounds), whose ledger has moves, held
/// pairs and an agreement.
fn river_talks() -> Project {
    let path = golden::manifest_dir().join("saves/river-talks.ron");
    let loaded = load_project(&path).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.project
}

#[test]
fn the_csv_report_with_rounds_matches_its_golden_file() {
    let bytes = report(
        &river_talks(),
        &AnalysisFilter::default(),
        ReportFormat::Csv,
    )
    .unwrap();
    check(Path::new("river-talks-report.csv"), &bytes);
}

#[test]
fn the_csv_report_carries_the_brief_and_the_ledger_before_the_map() {
    let project = river_talks();
    let filter = AnalysisFilter::default();
    let (from, to) = default_pair(&project).unwrap();
    let ledger = moves(&project, &filter, from, to);
    assert!(
        !ledger.moves.is_empty() && !ledger.held.is_empty(),
        "the sample's Vienna → Oslo ledger has moves and held pairs: {ledger:?}"
    );
    let bytes = report(&project, &filter, ReportFormat::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let sections: Vec<&str> = rows.iter().map(|r| &r[column("section")]).collect();
    let count = |name: &str| sections.iter().filter(|&&s| s == name).count();
    assert_eq!(count("brief"), 1);
    assert_eq!(count("move"), ledger.moves.len());
    assert_eq!(count("held"), ledger.held.len());
    assert_eq!(count("agreed"), ledger.agreed.len());
    // In the order the other reports print them: brief, ledger, then the map.
    assert_eq!(sections.first(), Some(&"brief"));
    let first_map = sections.iter().position(|&s| s == "map").unwrap();
    assert!(sections[first_map..].iter().all(|&s| s == "map"));
    let brief = &rows[0];
    assert_eq!(&brief[column("rounds")], "Vienna round → Oslo round");
    assert!(!brief[column("text")].is_empty());
    for (row, m) in rows.iter().filter(|r| &r[0] == "move").zip(&ledger.moves) {
        assert_eq!(&row[column("actor")], project.actor(m.side).unwrap().name);
        assert_eq!(row[column("issue")], project.issue_name(m.issue));
        assert_eq!(&row[column("move")], m.kind.as_str());
        assert_eq!(&row[column("to_stance")], stance_word(m.to.stance));
        assert!(!row[column("to_date")].is_empty());
        assert!(row[column("evidence")].starts_with('“'), "{row:?}");
    }
    for (row, h) in rows.iter().filter(|r| &r[0] == "held").zip(&ledger.held) {
        assert_eq!(&row[column("actor")], project.actor(h.side).unwrap().name);
        assert_eq!(&row[column("stance")], stance_word(h.stance.stance));
    }
}

#[test]
fn the_json_report_holds_the_map_with_histories_the_rounds_and_the_ledger() {
    let (project, [_, moscow, florida]) = sample_with_rounds();
    let bytes = report_between(
        &project,
        &AnalysisFilter::default(),
        ReportFormat::Json,
        Some((Some(moscow), florida)),
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(json["rounds"].as_array().unwrap().len(), 3);
    assert_eq!(json["compared"]["from"], "Moscow");
    assert_eq!(json["compared"]["to"], "Florida");
    let rows = json["map"]["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    let histories: usize = rows
        .iter()
        .flat_map(|r| r["cells"].as_array().unwrap())
        .map(|c| c["history"].as_array().unwrap().len())
        .sum();
    assert!(histories > 0, "no cell has a history");
    let moves = json["moves"].as_array().unwrap();
    let held = json["held"].as_array().unwrap();
    assert!(!moves.is_empty() || !held.is_empty(), "{json}");
    for m in moves {
        for field in [
            "side", "issue", "from", "to", "kind", "evidence", "answers", "terms",
        ] {
            assert!(m.get(field).is_some(), "a move without {field}: {m}");
        }
        assert!(["new", "flip", "concession", "agreement"].contains(&m["kind"].as_str().unwrap()));
        assert!(!m["evidence"].as_array().unwrap().is_empty());
    }
    // Links name both ends: holders, quote and date.
    for link in json["links"].as_array().unwrap() {
        for end in ["from", "to"] {
            assert!(link[end]["quote"].is_string(), "{link}");
            assert!(link[end]["holders"].is_array(), "{link}");
        }
    }
}

#[test]
fn an_edited_brief_is_what_the_reports_print() {
    let (mut project, [_, moscow, florida]) = sample_with_rounds();
    let key = BriefKey::Rounds {
        from: moscow,
        to: florida,
    };
    let edit = project.set_brief(key, "Our own reading of the Florida round.");
    project.apply(edit).unwrap();
    for format in [
        ReportFormat::Markdown,
        ReportFormat::Csv,
        ReportFormat::Html,
        ReportFormat::Json,
    ] {
        let bytes = report(&project, &AnalysisFilter::default(), format).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.contains("Our own reading of the Florida round."),
            "{format:?}: {text}"
        );
    }
    // Without an edited brief, the draft is printed.
    let (project, _) = sample_with_rounds();
    let text = String::from_utf8(
        report(&project, &AnalysisFilter::default(), ReportFormat::Markdown).unwrap(),
    )
    .unwrap();
    assert!(text.contains("## Moves: Moscow → Florida"), "{text}");
    assert!(text.contains("Between Moscow and Florida"), "{text}");
}

fn stance(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_cli_proposes_adds_and_edits_rounds_then_reports_between_them() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("talks.ron");
    std::fs::copy(sample_path(), &project).unwrap();
    let path = project.to_str().unwrap();
    let out = stance(&[
        "rounds",
        path,
        "--add",
        "Geneva",
        "2025-11-20",
        "2025-11-24",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = stance(&[
        "rounds",
        path,
        "--add",
        "Moscow",
        "2025-12-01",
        "2025-12-03",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = stance(&["rounds", path, "--rename", "moscow", "Moscow talks"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        listed,
        "Geneva\t2025-11-20\t2025-11-24\nMoscow talks\t2025-12-01\t2025-12-03\n"
    );
    let bad = stance(&[
        "rounds",
        path,
        "--dates",
        "Geneva",
        "2025-11-24",
        "2025-11-20",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("Geneva"));
    let out = stance(&[
        "report",
        path,
        "--format",
        "json",
        "--round",
        "Moscow talks",
        "--since",
        "start",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["compared"]["to"], "Moscow talks");
    assert!(json["compared"]["from"].is_null());
    let unknown = stance(&["report", path, "--format", "md", "--round", "Yalta"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("Geneva"));
    let out = stance(&["rounds", path, "--delete", "Geneva"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Moscow talks\t2025-12-01\t2025-12-03\n"
    );
}

#[test]
fn the_html_timeline_draws_the_marks_of_the_map_not_plain_circles() {
    let project = river_talks();
    let filter = AnalysisFilter::default();
    let html = String::from_utf8(report(&project, &filter, ReportFormat::Html).unwrap()).unwrap();
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    let timeline = Timeline::build(&project, &filter, TimelineRows::Issues);
    let count = |kind: TagKind| {
        (timeline.marks.iter())
            .filter(|m| m.evidence.kind == kind && !m.evidence.is_retracted)
            .count()
    };
    // One titled group per mark.
    assert_eq!(svg.matches("<g><title>").count(), timeline.marks.len());
    // A check per agreement, a diamond (a four-point polygon) per concession.
    assert!(count(TagKind::Agreement) > 0 && count(TagKind::Concession) > 0);
    assert_eq!(svg.matches("<polyline").count(), count(TagKind::Agreement));
    let diamonds = (svg.split("<polygon points=\"").skip(1))
        .filter(|rest| rest.split('"').next().unwrap().split(' ').count() == 4)
        .count();
    assert_eq!(diamonds, count(TagKind::Concession));
    // In the sample every change of stance is a concession or an agreement: no arrow.
    assert_eq!(arrowheads(svg), 0);

    // Okafor's last "against" on fishing rights turned "for": a change, drawn with an arrow.
    let mut project = project;
    let okafor = project.actor_named("Daniel Okafor").unwrap().id;
    let fishing = project.issue_named("fishing rights").unwrap().id;
    let last = (project.annotations().iter())
        .filter(|a| a.holders.contains(&okafor) && a.has_issue(fishing))
        .max_by_key(|a| project.statement_day(a))
        .unwrap()
        .id;
    let edit = (project.set_issue_stance(last, fishing, Some(Stance::For), Utc::now())).unwrap();
    project.apply(edit).unwrap();
    let html = String::from_utf8(report(&project, &filter, ReportFormat::Html).unwrap()).unwrap();
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    assert_eq!(arrowheads(svg), 1);
}

/// The arrowheads (three-point polygons) of an SVG timeline.
fn arrowheads(svg: &str) -> usize {
    (svg.split("<polygon points=\"").skip(1))
        .filter(|rest| rest.split('"').next().unwrap().split(' ').count() == 3)
        .count()
}
