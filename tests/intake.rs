//! Intake (issue 19): articles as analysts get them become documents with the right title,
//! date, outlet and clean text, and the import says where each value came from.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use stance::io::formats::article::{MetaSource, Origin};
use stance::io::import::{read_intake, stage_intake};
use stance::io::import_paths;
use stance::model::{Document, Project};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/intake")
        .join(name)
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn import(paths: &[PathBuf]) -> (Project, stance::io::ImportSummary) {
    let mut project = Project::new("t");
    let summary = import_paths(paths, &mut project).unwrap();
    (project, summary)
}

#[test]
fn six_articles_from_a_news_database_get_their_headlines_and_dates() {
    let (project, summary) = import(&[data("six")]);
    assert!(summary.refused.is_empty(), "{:?}", summary.refused);
    let got: Vec<(&str, Option<NaiveDate>)> = (project.documents().iter())
        .map(|d| (d.title.as_str(), d.date))
        .collect();
    assert_eq!(
        got,
        [
            (
                "Ministers See Room for Compromise on Withdrawal",
                day(2016, 9, 8)
            ),
            ("Valley Council Accepts Three Weeks", day(2016, 9, 9)),
            (
                "Envoys Press for Truce in the Valley Talks",
                day(2016, 9, 6)
            ),
            (
                "Northern Side Rejects Withdrawal Timetable",
                day(2016, 9, 7)
            ),
            ("Prisoner Exchange Agreed in Principle", day(2016, 9, 10)),
            ("Truce Signed After Week of Talks", day(2016, 9, 11)),
        ]
    );
    // The dateline names the agency; the text is the file's, headline and all.
    let ministers = &project.documents()[0];
    assert_eq!(ministers.outlet.as_deref(), Some("Baltic Wire"));
    assert!(ministers.text.starts_with("Ministers See Room"));
    // Every value says where it came from.
    let sources: Vec<(MetaSource, MetaSource)> = (summary.intake.iter())
        .map(|i| {
            let title = i.meta.title.as_ref().map(|t| t.from);
            let date = i.meta.date.as_ref().map(|d| d.from);
            (title.unwrap(), date.unwrap())
        })
        .collect();
    assert!(sources.iter().all(|(t, _)| *t == MetaSource::FirstLine));
    assert_eq!(
        sources[3].1,
        MetaSource::Dateline,
        "a date line beats the name"
    );
    assert_eq!(sources[2].1, MetaSource::FileName);
}

#[test]
fn nexis_and_factiva_exports_become_one_document_per_article_whatever_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let renamed = dir.path().join("export.dat");
    std::fs::copy(data("factiva.txt"), &renamed).unwrap();
    let (project, summary) = import(&[data("nexis_classic.txt"), data("nexis_uni.txt"), renamed]);
    let titles: Vec<&str> = project
        .documents()
        .iter()
        .map(|d| d.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Envoys Press for a Truce in the Valley Talks",
            "Ministers Reject Port Fee Proposal",
            "U.S. and Valley Council Agree on Prisoner Exchange",
            "Harbour Council Signals Flexibility on Fishing Quotas",
            "Valley Council Offers Ceasefire Talks",
            "Port Fee Talks Stall Again",
        ]
    );
    let first = &project.documents()[0];
    assert_eq!(first.outlet.as_deref(), Some("The Geneva Ledger"));
    assert_eq!(first.author.as_deref(), Some("Marta Okonjo-Lindqvist"));
    assert_eq!(first.language.as_deref(), Some("en"));
    assert_eq!(
        first.source.as_deref(),
        Some("https://ledger.example/2016/09/06/valley-truce")
    );
    // The empty articles are refused with their place; the rest were added.
    let refused: Vec<String> = summary.refused.iter().map(ToString::to_string).collect();
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert!(
        refused[0].contains("nexis_classic.txt (article 3 of 3"),
        "{refused:?}"
    );
    assert!(
        refused[1].contains("export.dat (article 3 of 3"),
        "{refused:?}"
    );
}

#[test]
fn a_pdf_gives_its_text_without_page_furniture() {
    let (project, summary) = import(&[data("report.pdf")]);
    assert!(summary.refused.is_empty(), "{:?}", summary.refused);
    let [doc] = project.documents() else {
        panic!("one document");
    };
    assert_eq!(doc.title, "Valley Talks: Where the Truce Stands");
    assert_eq!(doc.author.as_deref(), Some("Marta Okonjo-Lindqvist"));
    assert_eq!(
        doc.date,
        day(2016, 9, 12),
        "the date line, not the metadata"
    );
    let intake = &summary.intake[0];
    assert_eq!(
        intake.meta.title.as_ref().map(|t| t.from),
        Some(MetaSource::PdfMetadata)
    );
    assert_eq!(
        intake.meta.date.as_ref().map(|d| d.from),
        Some(MetaSource::Dateline)
    );
    let text = &doc.text;
    assert!(!text.contains("Briefing Note"), "running head: {text}");
    assert!(!text.contains("Confidential draft"), "running foot: {text}");
    // PostScript's ' is the typographic apostrophe (StandardEncoding's quoteright).
    assert!(text.contains("negotiations’ points"), "hyphenation: {text}");
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    assert_eq!(
        paragraphs,
        [
            "Where the Truce Stands",
            "12 September 2016",
            "GENEVA -- Envoys from both delegations met again on Monday to settle the last points of the truce. The northern side offered to withdraw its artillery from the valley within ten days, and the southern side said it would answer on Wednesday.",
            "Diplomats close to the talks said the hardest question was the sequence of the prisoner exchange and the reopening of the border crossing. Both delegations called the atmosphere constructive, though neither would say which of the negotiations’ points remained open. A joint statement is expected at the end of the week.",
            "The council’s chairman warned that any agreement would need the approval of the regional assemblies, which meet only in October. Until then, he said, the truce would hold on trust alone.",
            "Observers will report to both sides every two weeks.",
        ]
    );
}

#[test]
fn scans_encrypted_and_broken_pdfs_are_refused_by_name_and_the_rest_added() {
    let dir = tempfile::tempdir().unwrap();
    let truncated = dir.path().join("truncated.pdf");
    let bytes = std::fs::read(data("report.pdf")).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    let fake = dir.path().join("fake.pdf");
    std::fs::write(&fake, "not a pdf at all").unwrap();
    let (project, summary) = import(&[
        data("scan.pdf"),
        data("locked.pdf"),
        truncated.clone(),
        fake,
        data("six/ledger_2016-09-06_envoys-press-for-truce-in-the-valley-t.txt"),
    ]);
    assert_eq!(project.documents().len(), 1, "the good article is added");
    let refused: Vec<String> = summary.refused.iter().map(ToString::to_string).collect();
    assert_eq!(refused.len(), 4, "{refused:?}");
    assert!(refused[0].contains("scan.pdf") && refused[0].contains("has no text layer"));
    assert!(refused[0].contains("run OCR first"), "{refused:?}");
    assert!(refused[1].contains("locked.pdf") && refused[1].contains("password"));
    assert!(refused[2].contains("truncated.pdf"), "{refused:?}");
    assert!(refused[3].contains("fake.pdf") && refused[3].contains("not a PDF"));
}

#[test]
fn an_article_the_project_has_is_skipped_with_a_note() {
    let path = data("nexis_uni.txt");
    let (mut project, _) = import(std::slice::from_ref(&path));
    let before = project.documents().len();
    let summary = import_paths(&[path], &mut project).unwrap();
    assert_eq!(project.documents().len(), before);
    assert_eq!(summary.skipped.len(), 2);
    assert!(
        summary.skipped[0]
            .1
            .contains("article 1 of 2, line 1: the same text is already"),
        "{:?}",
        summary.skipped
    );
}

#[test]
fn corrections_made_before_adding_are_what_is_added() {
    let intake = read_intake(&[data("nexis_uni.txt")], &mut |_| {});
    assert_eq!(intake.articles.len(), 2);
    let mut corrected = intake.clone();
    corrected.articles[0].meta.title = Some(stance::io::formats::article::Sourced::new(
        "Prisoner exchange agreed".to_owned(),
        MetaSource::Analyst,
    ));
    corrected.articles.remove(1);
    let project = Project::new("t");
    let (staged, _, summary) = stage_intake(&project, corrected).unwrap();
    let titles: Vec<&str> = staged
        .documents()
        .iter()
        .map(|d| d.title.as_str())
        .collect();
    assert_eq!(titles, ["Prisoner exchange agreed"]);
    assert_eq!(
        summary.intake[0].meta.title.as_ref().map(|t| t.from),
        Some(MetaSource::Analyst)
    );
    assert!(matches!(summary.intake[0].origin, Origin::File { .. }));
    let _: &Document = &staged.documents()[0];
}
