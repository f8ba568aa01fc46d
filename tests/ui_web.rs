//! Issue 19 in the workbench, each kind of article as an analyst brings it: File → Import
//! from URL… (a page is added at once, a feed's items go to the review table; served by a
//! local server), Edit → Paste as New Article (the clipboard's HTML flavour), and dropped web
//! pages, Word files, Factiva exports and the six news-database `.txt` files of the issue,
//! each with its title, date and outlet, and each import one undo step.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;
mod local_server;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use common::harness;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use local_server::{LocalServer, Reply};
use stance::app::clipboard::{ClipboardContents, ScriptedClipboard};
use stance::app::{StanceApp, sample_project};
use stance::io::fetch::FetchOptions;
use stance::model::Document;
use stance::ui::file_dialog::ScriptedDialogs;
use stance::ui::{Action, Command};

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn app() -> StanceApp {
    StanceApp::new(sample_project(), None, Box::new(ScriptedDialogs::new())).with_fetch_options(
        FetchOptions {
            timeout: Duration::from_secs(5),
            max_bytes: 5_000_000,
        },
    )
}

#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_files(harness: &mut Harness<'static, StanceApp>, paths: &[PathBuf]) {
    for path in paths {
        let dropped = Arc::new(DroppedPath(path.clone()));
        harness.input_mut().dropped_files.push(dropped);
    }
    harness.run();
}

fn documents(harness: &Harness<'static, StanceApp>) -> Vec<Document> {
    harness.state().project().documents().to_vec()
}

/// Runs frames until `done` holds (a worker thread answers within a few frames).
fn run_until(harness: &mut Harness<'static, StanceApp>, done: impl Fn(&StanceApp) -> bool) {
    for _ in 0..300 {
        if done(harness.state()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
        harness.run();
    }
    panic!("the app did not finish in time");
}

fn undo(harness: &mut Harness<'static, StanceApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
}

fn import_from_url(harness: &mut Harness<'static, StanceApp>, url: &str) {
    harness
        .state_mut()
        .queue(Action::Command(Command::ImportUrl));
    harness.run();
    harness.get_by_label("Import from URL");
    harness
        .get_by_label("Address of a news page or feed")
        .type_text(url);
    harness.run();
    harness.get_by_label("Import").click();
    harness.run();
}

fn page() -> Vec<u8> {
    std::fs::read(data("web/courier-geneva-talks.html")).unwrap()
}

#[test]
fn a_page_fetched_by_address_becomes_a_document_with_its_metadata_in_one_undo_step() {
    let server = LocalServer::start(vec![
        ("/a", Reply::Redirect(301, "/world/article".to_owned())),
        ("/world/article", Reply::Body(200, "text/html", page())),
    ]);
    let mut harness = harness(app());
    import_from_url(&mut harness, &server.url("/a"));
    run_until(&mut harness, |app| app.project().documents().len() == 2);

    let added = &documents(&harness)[1];
    assert_eq!(
        added.title,
        "Envoys agree to extend Geneva ceasefire talks by a week"
    );
    assert_eq!(added.date, day(2025, 12, 5));
    assert_eq!(added.outlet.as_deref(), Some("The Harbour Courier"));
    // The page names its canonical address; that is the source, not the redirect.
    assert_eq!(
        added.source.as_deref(),
        Some(
            "https://www.harbourcourier.example/world/2025/dec/05/envoys-extend-geneva-ceasefire-talks"
        )
    );
    assert!(added.text.starts_with("Envoys from both delegations"));
    for furniture in ["Cookie", "Most viewed", "Sign up", "googletag", "&amp;"] {
        assert!(!added.text.contains(furniture), "{furniture} leaked");
    }
    assert_eq!(harness.state().current_document(), Some(added.id));
    assert!(
        harness.query_by_label("Import from URL").is_none(),
        "the dialog closes once the page is in"
    );

    undo(&mut harness);
    assert_eq!(documents(&harness).len(), 1);
}

#[test]
fn a_feed_fetched_by_address_goes_through_the_review_table() {
    let feed = std::fs::read(data("web/harbour-world.rss")).unwrap();
    let server = LocalServer::start(vec![(
        "/feed",
        Reply::Body(200, "application/rss+xml", feed),
    )]);
    let mut harness = harness(app());
    import_from_url(&mut harness, &server.url("/feed"));
    for _ in 0..300 {
        if harness.query_by_label("Review the import").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
        harness.run();
    }
    harness.get_by_label("Review the import");
    assert_eq!(
        documents(&harness).len(),
        1,
        "nothing added before the answer"
    );
    harness.get_by_label("Add 3 documents").click();
    harness.run();

    let docs = documents(&harness);
    let titles: Vec<&str> = docs[1..].iter().map(|d| d.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Envoys agree to extend Geneva ceasefire talks by a week",
            "Southern delegation rejects \u{2018}disarm first\u{2019} sequencing",
            "Mediator: \u{2018}Nobody is walking away from this table\u{2019}",
        ]
    );
    assert!(docs[1..].iter().all(|d| d.date.is_some()));
    assert!(
        docs[1..]
            .iter()
            .all(|d| d.outlet.as_deref() == Some("The Harbour Courier"))
    );
    undo(&mut harness);
    assert_eq!(documents(&harness).len(), 1, "the feed was one undo step");
}

#[test]
fn an_address_that_fails_is_named_and_nothing_is_added() {
    let server = LocalServer::start(vec![]);
    let mut harness = harness(app());
    let url = server.url("/missing");
    import_from_url(&mut harness, &url);
    for _ in 0..300 {
        if harness.query_by_label_contains("404").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
        harness.run();
    }
    harness.get_by_label_contains(&format!("{url} answered 404"));
    assert_eq!(documents(&harness).len(), 1);
}

#[test]
fn paste_as_new_article_cleans_the_clipboards_html() {
    let html = "<meta charset=utf-8><h1>Talks resume in Geneva</h1><nav>Home | World</nav>\
                <p>The envoys met on Monday &amp; agreed to continue.</p>\
                <p>A second round is due next week.</p>";
    let clipboard = ScriptedClipboard(ClipboardContents {
        html: Some(html.to_owned()),
        text: Some("Talks resume in Geneva\nHome | World\n…".to_owned()),
    });
    let mut harness = harness(app().with_clipboard(Box::new(clipboard)));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::V);
    harness.run();

    let docs = documents(&harness);
    assert_eq!(docs.len(), 2);
    let pasted = &docs[1];
    assert_eq!(pasted.title, "Talks resume in Geneva");
    assert!(
        pasted
            .text
            .contains("The envoys met on Monday & agreed to continue.\n\nA second round"),
        "{:?}",
        pasted.text
    );
    assert!(!pasted.text.contains("<p>"));
    undo(&mut harness);
    assert_eq!(documents(&harness).len(), 1);
}

/// A `.docx` as Word writes it (the parts the reader needs), with a title in its properties.
fn docx() -> Vec<u8> {
    let document = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Briefing: the Geneva talks</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">The mediator said the sides had </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>narrowed their differences</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p></w:body></w:document>"#;
    let core = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Geneva briefing</dc:title><dc:creator>Noor Haddad</dc:creator></cp:coreProperties>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in [("word/document.xml", document), ("docProps/core.xml", core)] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn dropped_pages_word_files_and_factiva_exports_are_reviewed_then_added() {
    let dir = tempfile::tempdir().unwrap();
    let docx_path = dir.path().join("briefing.docx");
    std::fs::write(&docx_path, docx()).unwrap();
    let mut harness = harness(app());
    drop_files(
        &mut harness,
        &[
            data("web/courier-geneva-talks.html"),
            docx_path,
            data("intake/factiva.txt"),
        ],
    );
    harness.get_by_label("Review the import");
    // Factiva's third article has no text: listed with its reason, not added.
    harness.get_by_label_contains("factiva.txt (article 3 of 3");
    harness.get_by_label("Add 4 documents").click();
    harness.run();

    let docs = documents(&harness);
    let titles: Vec<&str> = docs[1..].iter().map(|d| d.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Envoys agree to extend Geneva ceasefire talks by a week",
            "Geneva briefing",
            "Valley Council Offers Ceasefire Talks",
            "Port Fee Talks Stall Again",
        ]
    );
    assert_eq!(docs[1].outlet.as_deref(), Some("The Harbour Courier"));
    assert_eq!(docs[1].date, day(2025, 12, 5));
    assert_eq!(docs[3].outlet.as_deref(), Some("The Geneva Ledger"));
    assert_eq!(docs[2].author.as_deref(), Some("Noor Haddad"));
    assert_eq!(docs[3].date, day(2016, 9, 6));
    assert!(!docs[3].text.contains("\nSN\n") && !docs[3].text.starts_with("HD"));
    undo(&mut harness);
    assert_eq!(documents(&harness).len(), 1);
}

/// The case of issue 19: six single-article `.txt` files from a news database, the date in
/// the file name and the headline on the first line, imported as a folder without touching
/// a file.
#[test]
fn the_six_news_database_articles_come_in_with_headlines_and_dates() {
    let mut harness = harness(app());
    drop_files(&mut harness, &[data("intake/six")]);
    harness.get_by_label("Review the import");
    harness.get_by_label("Add 6 documents").click();
    harness.run();

    let docs = documents(&harness);
    let got: Vec<(&str, Option<NaiveDate>)> = (docs[1..].iter())
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
}

/// File → Open (or `stance FILE`, or a double-click) of an article starts a new project
/// through the same import: a web page comes in whole, an export through its review table.
#[test]
fn opening_a_page_or_an_export_starts_a_project_with_its_articles() {
    let mut harness = harness(app());
    harness
        .state_mut()
        .open_path(&data("web/courier-geneva-talks.html"));
    harness.run();
    let docs = documents(&harness);
    assert_eq!(docs.len(), 1, "a new project with the page alone");
    assert_eq!(
        docs[0].title,
        "Envoys agree to extend Geneva ceasefire talks by a week"
    );
    assert!(!docs[0].text.contains("<p>"));
    assert_eq!(harness.state().path(), None, "a new project, not saved yet");

    harness
        .state_mut()
        .open_path(&data("intake/nexis_classic.txt"));
    harness.run();
    harness.get_by_label("Review the import");
    harness.get_by_label("Add 2 documents").click();
    harness.run();
    let titles: Vec<String> = documents(&harness).into_iter().map(|d| d.title).collect();
    assert_eq!(
        titles,
        [
            "Envoys Press for a Truce in the Valley Talks",
            "Ministers Reject Port Fee Proposal"
        ]
    );
}
