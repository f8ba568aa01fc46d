//! CSV export: spreadsheet-injection guards, `--raw`, and quotes that need CSV quoting.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use chrono::{TimeZone, Utc};
use stance::io::export::{ExportFormat, ExportOptions, ExportOutput, export};
use stance::model::{Actor, Document, Edit, Project};

/// A project whose annotations quote exactly `quotes`, one annotation each, in text order.
fn project_quoting(quotes: &[&str]) -> Project {
    let text = quotes.join(" | ");
    let mut project = Project::new("csv");
    let doc = Document::new("=HYPERLINK(\"x\")", text);
    let doc_id = doc.id;
    project
        .apply(Edit::InsertDocument {
            index: 0,
            document: Box::new(doc),
        })
        .unwrap();
    let actor = Actor::new("@someone", Some("-affiliation"));
    let actor_id = actor.id;
    project
        .apply(Edit::InsertActor { index: 0, actor })
        .unwrap();
    let t = Utc.with_ymd_and_hms(2025, 12, 6, 9, 0, 0).unwrap();
    let mut nth = std::collections::HashMap::new();
    for quote in quotes {
        let n = nth.entry(*quote).or_insert(0);
        let span = project.documents()[0].find(quote, *n).unwrap();
        *n += 1;
        let mut a = project
            .new_annotation(doc_id, "claim", vec![span], t)
            .unwrap();
        a.holder = Some(actor_id);
        a.note = Some(format!("+note for {quote}"));
        project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    }
    project
}

fn csv_rows(project: &Project, raw: bool) -> Vec<csv::StringRecord> {
    let options = ExportOptions {
        raw,
        ..ExportOptions::new(ExportFormat::Csv)
    };
    let ExportOutput::File(bytes) = export(project, &options).unwrap() else {
        panic!("csv is one file");
    };
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header = reader.headers().unwrap().clone();
    assert_eq!(
        header.iter().collect::<Vec<_>>(),
        [
            "document",
            "date",
            "tag",
            "holder",
            "holder_affiliation",
            "quote",
            "start",
            "end",
            "note",
            "id",
            "created",
            "modified",
            "ranges",
            "issues",
            "target",
            "stance",
            "condition",
            "attribution",
            "cue",
            "annotator"
        ]
    );
    reader.records().map(Result::unwrap).collect()
}

const DANGEROUS: [&str; 5] = ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)", "\tTabbed"];

#[test]
fn formula_cells_are_neutralised_by_default() {
    let project = project_quoting(&DANGEROUS);
    let rows = csv_rows(&project, false);
    assert_eq!(rows.len(), DANGEROUS.len());
    let quotes: Vec<&str> = rows.iter().map(|r| &r[5]).collect();
    for quote in &DANGEROUS {
        assert!(
            quotes.contains(&format!("'{quote}").as_str()),
            "{quote:?} not neutralised: {quotes:?}"
        );
    }
    for row in &rows {
        assert!(row[0].starts_with("'="), "document title {:?}", &row[0]);
        assert_eq!(&row[3], "'@someone");
        assert_eq!(&row[4], "'-affiliation");
        assert!(row[8].starts_with("'+note"));
        // Numbers and ids are left alone.
        assert!(row[6].parse::<usize>().is_ok());
    }
}

#[test]
fn raw_keeps_cells_as_they_are() {
    let project = project_quoting(&DANGEROUS);
    let rows = csv_rows(&project, true);
    let quotes: Vec<&str> = rows.iter().map(|r| &r[5]).collect();
    for quote in &DANGEROUS {
        assert!(
            quotes.contains(quote),
            "{quote:?} changed in raw mode: {quotes:?}"
        );
    }
    assert_eq!(&rows[0][3], "@someone");
}

#[test]
fn commas_quotes_and_newlines_survive_a_csv_parse() {
    let tricky = [
        "He said, \"no deal\"",
        "line one\nline two",
        "a, b, \"c\"\nd",
    ];
    let project = project_quoting(&tricky);
    let rows = csv_rows(&project, false);
    let quotes: Vec<&str> = rows.iter().map(|r| &r[5]).collect();
    assert_eq!(quotes, tricky);
    for (row, a) in rows.iter().zip(project.annotations()) {
        assert_eq!(&row[9], a.id.to_string());
        assert_eq!(row[6].parse::<usize>().unwrap(), a.extent().start);
    }
}

#[test]
fn several_ranges_give_the_extent_and_a_ranges_column() {
    let mut project = project_quoting(&["alpha", "beta"]);
    let doc = &project.documents()[0];
    let ranges = vec![doc.find("alpha", 0).unwrap(), doc.find("beta", 0).unwrap()];
    let a = project
        .new_annotation(doc.id, "position", ranges.clone(), Utc::now())
        .unwrap();
    project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    let rows = csv_rows(&project, false);
    let row = rows.iter().find(|r| &r[2] == "position").unwrap();
    assert_eq!(&row[5], "alpha beta");
    assert_eq!(row[6].parse::<usize>().unwrap(), ranges[0].start);
    assert_eq!(row[7].parse::<usize>().unwrap(), ranges[1].end);
    assert_eq!(&row[12], format!("{};{}", ranges[0], ranges[1]));
}
