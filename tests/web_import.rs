//! Issue 19, the web half: news pages, fetched URLs, feeds, Word files and pasted HTML
//! become articles with the right text, title, date, outlet, author and URL, each with its
//! source; bad input is a clear error naming the file or address. The fetch tests talk only
//! to a server on 127.0.0.1 that the test starts.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod local_server;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use local_server::{LocalServer, Reply};
use stance::io::fetch::{FetchControl, FetchError, FetchOptions, fetch_articles};
use stance::io::formats::article::{ArticleMeta, IncomingArticle, MetaSource, Origin};
use stance::io::formats::feed::read_feed;
use stance::io::formats::html::read_html;
use stance::io::formats::word::read_word;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/web")
        .join(name)
}

fn page_bytes() -> Vec<u8> {
    std::fs::read(data("courier-geneva-talks.html")).unwrap()
}

fn value(field: Option<&stance::io::formats::article::Sourced<String>>) -> (&str, MetaSource) {
    let field = field.unwrap();
    (field.value.as_str(), field.from)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The one article the page holds, with its body and every field the page names.
fn assert_courier_article(article: &IncomingArticle) {
    let text = &article.text;
    assert!(
        text.starts_with("Envoys from both delegations agreed on Friday"),
        "{text}"
    );
    assert!(
        text.ends_with("The talks resume on Monday at 10am local time."),
        "{text}"
    );
    // Entities decoded: curly quotes, dashes, apostrophes.
    assert!(
        text.contains("was \u{201c}within reach\u{201d} but"),
        "{text}"
    );
    assert!(
        text.contains("monitors\u{201d} \u{2014} a concession"),
        "{text}"
    );
    assert!(text.contains("government\u{2019}s demand"), "{text}");
    // Paragraphs apart, the section heading its own paragraph.
    assert!(
        text.contains("that is not nothing.\u{201d}\n\nThe northern delegation"),
        "{text}"
    );
    assert!(
        text.contains("\n\nPrisoners first\n\nUnder the draft"),
        "{text}"
    );
    for junk in [
        "Advertisement",
        "cookies",
        "Skip to main content",
        "Most viewed",
        "Recommended for you",
        "Geneva talks open amid deep mistrust",
        "Sign up",
        "Share on Social",
        "googletag",
        "dataLayer",
        "Photograph",
        "All rights reserved",
        "Privacy policy",
        "Sunday 7 December",
        "&ldquo;",
        "&amp;",
    ] {
        assert!(
            !text.contains(junk),
            "{junk:?} leaked into the text:\n{text}"
        );
    }
    let meta = &article.meta;
    assert_eq!(
        value(meta.title.as_ref()),
        (
            "Envoys agree to extend Geneva ceasefire talks by a week",
            MetaSource::JsonLd
        )
    );
    let date = meta.date.as_ref().unwrap();
    assert_eq!(
        (date.value, date.from),
        (day(2025, 12, 5), MetaSource::JsonLd)
    );
    assert_eq!(
        value(meta.outlet.as_ref()),
        ("The Harbour Courier", MetaSource::JsonLd)
    );
    assert_eq!(
        value(meta.author.as_ref()),
        ("Marta Lindqvist, Tomás Ferreira", MetaSource::JsonLd)
    );
    assert_eq!(
        value(meta.url.as_ref()),
        (
            "https://www.harbourcourier.example/world/2025/dec/05/envoys-extend-geneva-ceasefire-talks",
            MetaSource::CanonicalLink
        )
    );
    assert_eq!(value(meta.language.as_ref()), ("en-GB", MetaSource::JsonLd));
}

#[test]
fn a_news_page_gives_its_article_body_and_metadata() {
    let path = data("courier-geneva-talks.html");
    let read = read_html(&path, &page_bytes()).unwrap();
    assert_eq!(read.articles.len(), 1);
    assert!(read.refused.is_empty());
    assert_courier_article(&read.articles[0]);
    assert_eq!(read.articles[0].origin, Origin::file(&path));
}

#[test]
fn a_page_without_json_ld_falls_back_to_meta_tags_then_time_then_title() {
    let page = String::from_utf8(page_bytes()).unwrap();
    // Without the JSON-LD scripts, OpenGraph and article:* tags answer.
    let start = page.find("<script type=\"application/ld+json\">").unwrap();
    let end = page.rfind("</script>\n<script>window").unwrap() + "</script>\n".len();
    let without_json_ld = format!("{}{}", &page[..start], &page[end..]);
    let read = read_html(Path::new("p.html"), without_json_ld.as_bytes()).unwrap();
    let meta = &read.articles[0].meta;
    assert_eq!(meta.title.as_ref().unwrap().from, MetaSource::MetaTag);
    assert_eq!(meta.date.as_ref().unwrap().from, MetaSource::MetaTag);
    assert_eq!(
        value(meta.outlet.as_ref()),
        ("The Harbour Courier", MetaSource::MetaTag)
    );
    assert_eq!(
        value(meta.author.as_ref()),
        ("Marta Lindqvist", MetaSource::MetaTag)
    );

    // Without meta tags either: the article's <time>, its <h1>, the <title>'s outlet suffix.
    let mut bare = without_json_ld.clone();
    while let Some(at) = bare.find("<meta ") {
        let end = at + bare[at..].find('>').unwrap() + 1;
        bare.replace_range(at..end, "");
    }
    let read = read_html(Path::new("p.html"), bare.as_bytes()).unwrap();
    let meta = &read.articles[0].meta;
    let date = meta.date.as_ref().unwrap();
    // Not the masthead's "today" (7 December): the article's own <time>.
    assert_eq!(
        (date.value, date.from),
        (day(2025, 12, 5), MetaSource::TimeElement)
    );
    assert_eq!(
        value(meta.title.as_ref()),
        (
            "Envoys agree to extend Geneva ceasefire talks by a week",
            MetaSource::HtmlHeading
        )
    );
    assert_eq!(
        value(meta.outlet.as_ref()),
        ("The Harbour Courier", MetaSource::HtmlTitle)
    );
}

#[test]
fn bad_pages_are_clear_errors_naming_the_file() {
    let path = Path::new("broken/page.html");
    for bytes in [
        &b""[..],
        b"<html><head><title>Only a title</title></head><body><nav>Home</nav></body></html>",
        b"\x00\x01\x02\xff\xfe binary",
    ] {
        let err = read_html(path, bytes).unwrap_err().to_string();
        assert!(err.contains("broken/page.html"), "{err}");
        assert!(
            err.contains("no article text") || err.contains("binary"),
            "{err}"
        );
    }
    let huge = vec![b'a'; stance::io::formats::html::MAX_PAGE_BYTES + 1];
    let err = read_html(path, &huge).unwrap_err();
    assert!(err.to_string().contains("bytes"), "{err}");
}

#[test]
fn an_rss_feed_gives_one_article_per_item() {
    let path = data("harbour-world.rss");
    let read = read_feed(&path, &std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(read.articles.len(), 3, "{:?}", read.refused);
    let first = &read.articles[0];
    assert_eq!(
        value(first.meta.title.as_ref()),
        (
            "Envoys agree to extend Geneva ceasefire talks by a week",
            MetaSource::FeedItem
        )
    );
    let date = first.meta.date.as_ref().unwrap();
    assert_eq!(
        (date.value, date.from),
        (day(2025, 12, 5), MetaSource::FeedItem)
    );
    assert_eq!(
        value(first.meta.author.as_ref()),
        ("Marta Lindqvist", MetaSource::FeedItem)
    );
    assert_eq!(
        value(first.meta.outlet.as_ref()),
        ("The Harbour Courier", MetaSource::FeedItem)
    );
    assert_eq!(
        first.meta.url.as_ref().unwrap().value,
        "https://www.harbourcourier.example/world/2025/dec/05/envoys-extend-geneva-ceasefire-talks"
    );
    assert!(
        first.text.starts_with("Envoys from both delegations"),
        "{}",
        first.text
    );
    assert!(
        first
            .text
            .contains("\u{201c}within reach\u{201d}.\n\nThe northern"),
        "{}",
        first.text
    );
    for junk in ["Share this", "appeared first on", "<p>", "&#8220;"] {
        assert!(!first.text.contains(junk), "{junk:?}: {}", first.text);
    }
    assert_eq!(
        read.articles[1].meta.title.as_ref().unwrap().value,
        "Southern delegation rejects \u{2018}disarm first\u{2019} sequencing"
    );
    assert_eq!(
        read.articles[1].meta.author.as_ref().unwrap().value,
        "Tomás Ferreira"
    );
    // An item with only a description (HTML) has that as its text.
    assert!(
        read.articles[2]
            .text
            .starts_with("The chief mediator, Helena Borg"),
        "{}",
        read.articles[2].text
    );
    assert_eq!(
        read.articles[2].origin.to_string(),
        format!("{} (article 3 of 3)", path.display())
    );
}

#[test]
fn an_atom_feed_gives_one_article_per_entry() {
    let path = data("talks-updates.atom");
    let read = read_feed(&path, &std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(read.articles.len(), 2);
    let day5 = &read.articles[0];
    assert_eq!(
        day5.meta.title.as_ref().unwrap().value,
        "Day 5: prisoners text \u{201c}within reach\u{201d}"
    );
    // Published 19:10 at +01:00: the publisher's 5 December.
    assert_eq!(day5.meta.date.as_ref().unwrap().value, day(2025, 12, 5));
    assert_eq!(day5.meta.author.as_ref().unwrap().value, "Noor Haddad");
    assert_eq!(
        day5.meta.url.as_ref().unwrap().value,
        "https://monitor.example/talks/2025/12/05/day-5/"
    );
    assert_eq!(
        day5.text,
        "Both delegations said on Friday that a text on prisoner exchanges was \u{201c}within reach\u{201d}.\n\n\
         The northern delegation offered a phased withdrawal, verified by independent monitors."
    );
    let day4 = &read.articles[1];
    // No author of its own: the feed's (RFC 4287).
    assert_eq!(
        day4.meta.author.as_ref().unwrap().value,
        "Ceasefire Monitor desk"
    );
    assert_eq!(day4.meta.date.as_ref().unwrap().value, day(2025, 12, 4));
    assert_eq!(
        day4.text,
        "Heavy artillery in the river valley remained the main obstacle.\n\nNeither side moved."
    );
}

#[test]
fn a_malformed_feed_is_an_error_naming_the_file() {
    let path = data("harbour-world.rss");
    let bytes = std::fs::read(&path).unwrap();
    let err = read_feed(Path::new("cut.rss"), &bytes[..bytes.len() / 3]).unwrap_err();
    assert!(err.to_string().contains("cut.rss"), "{err}");
    assert!(err.to_string().contains("feed"), "{err}");
}

/// A `.docx` in the part layout Word writes: content types, relationships, the body, and
/// the core properties (`title` may be left out).
fn docx(title: Option<&str>, body: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#.to_owned()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#.to_owned()),
        ("word/document.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#)),
        ("docProps/core.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{}<dc:creator>Noor Haddad</dc:creator><dc:language>en-GB</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">2025-12-05T10:00:00Z</dcterms:created></cp:coreProperties>"#, title.map(|t| format!("<dc:title>{t}</dc:title>")).unwrap_or_default())),
    ];
    for (name, content) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const DOCX_BODY: &str = r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Briefing: the Geneva talks</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">The mediator said the sides had </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>narrowed their differences</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>Next round: Monday.</w:t></w:r></w:p>"#;

#[test]
fn a_word_file_gives_paragraphs_and_its_title() {
    let path = Path::new("briefing.docx");
    let read = read_word(path, &docx(Some("Geneva briefing, 5 December"), DOCX_BODY)).unwrap();
    let article = &read.articles[0];
    assert_eq!(
        article.text,
        "Briefing: the Geneva talks\n\nThe mediator said the sides had narrowed their differences.\n\nNext round: Monday."
    );
    assert_eq!(
        value(article.meta.title.as_ref()),
        (
            "Geneva briefing, 5 December",
            MetaSource::DocumentProperties
        )
    );
    assert_eq!(
        value(article.meta.author.as_ref()),
        ("Noor Haddad", MetaSource::DocumentProperties)
    );

    // Without a title property: the first heading, which then leaves the text.
    let read = read_word(path, &docx(None, DOCX_BODY)).unwrap();
    let article = &read.articles[0];
    assert_eq!(
        value(article.meta.title.as_ref()),
        ("Briefing: the Geneva talks", MetaSource::DocumentHeading)
    );
    assert!(
        article.text.starts_with("The mediator said"),
        "{}",
        article.text
    );
}

#[test]
fn an_odt_file_gives_paragraphs_and_its_title() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.text")
        .unwrap();
    zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:text><text:h text:style-name="Heading_20_1" text:outline-level="1">Day 6 notes</text:h><text:p text:style-name="Standard">Talks resumed at <text:span text:style-name="T1">ten</text:span>.</text:p><text:p text:style-name="Standard">Both sides spoke.</text:p></office:text></office:body></office:document-content>"#).unwrap();
    zip.start_file("meta.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta><meta:generator>LibreOffice/24.8</meta:generator><dc:creator>Ana Ruiz</dc:creator></office:meta></office:document-meta>"#).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let read = read_word(Path::new("notes.odt"), &bytes).unwrap();
    let article = &read.articles[0];
    assert_eq!(
        value(article.meta.title.as_ref()),
        ("Day 6 notes", MetaSource::DocumentHeading)
    );
    assert_eq!(article.text, "Talks resumed at ten.\n\nBoth sides spoke.");
    assert_eq!(article.meta.author.as_ref().unwrap().value, "Ana Ruiz");
}

#[test]
fn a_truncated_or_foreign_word_file_is_an_error_naming_it() {
    let bytes = docx(Some("T"), DOCX_BODY);
    let path = Path::new("cut/briefing.docx");
    for cut in [0, 10, bytes.len() / 2, bytes.len() - 10] {
        let err = read_word(path, &bytes[..cut]).unwrap_err();
        assert!(err.to_string().contains("cut/briefing.docx"), "{err}");
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"hi").unwrap();
    let other = zip.finish().unwrap().into_inner();
    let err = read_word(path, &other).unwrap_err();
    assert!(err.to_string().contains("word/document.xml"), "{err}");
    let err = read_word(path, &docx(Some("T"), "<w:p><w:r><w:t>unclosed")).unwrap_err();
    assert!(err.to_string().contains("not well-formed"), "{err}");
}

fn server() -> LocalServer {
    let page = page_bytes();
    let feed = std::fs::read(data("harbour-world.rss")).unwrap();
    LocalServer::start(vec![
        (
            "/world/article",
            Reply::Body(200, "text/html; charset=utf-8", page),
        ),
        ("/old-link", Reply::Redirect(301, "/short".to_owned())),
        ("/short", Reply::Redirect(302, "/world/article".to_owned())),
        (
            "/feed",
            Reply::Body(200, "application/rss+xml; charset=UTF-8", feed),
        ),
        (
            "/gone",
            Reply::Body(404, "text/html", b"<h1>Not here</h1>".to_vec()),
        ),
        (
            "/error",
            Reply::Body(503, "text/html", b"<h1>Down</h1>".to_vec()),
        ),
        (
            "/image",
            Reply::Body(200, "image/png", b"\x89PNG\r\n".to_vec()),
        ),
        (
            "/huge",
            Reply::Stall {
                announced: 50_000_000,
            },
        ),
        ("/stall", Reply::Stall { announced: 1000 }),
    ])
}

fn quick() -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_secs(1),
        max_bytes: 1_000_000,
    }
}

#[test]
fn a_fetched_page_follows_redirects_and_takes_its_canonical_url() {
    let server = server();
    let read =
        fetch_articles(&server.url("/old-link"), &quick(), &FetchControl::default()).unwrap();
    let article = &read.articles[0];
    assert_courier_article(article);
    // The address the page came from, after both redirects.
    assert_eq!(
        article.origin,
        Origin::Web {
            url: server.url("/world/article")
        }
    );
}

#[test]
fn a_fetched_page_without_a_canonical_link_keeps_the_address_it_came_from() {
    let page = String::from_utf8(page_bytes())
        .unwrap()
        .replace("rel=\"canonical\"", "rel=\"alternate\"");
    let page = page.replace(r#""mainEntityOfPage":{"@type":"WebPage","@id":"https://www.harbourcourier.example/world/2025/dec/05/envoys-extend-geneva-ceasefire-talks"},"#, "");
    let page = page.replace("og:url", "og:nothing");
    let server = LocalServer::start(vec![(
        "/a",
        Reply::Body(200, "text/html", page.into_bytes()),
    )]);
    let read = fetch_articles(&server.url("/a"), &quick(), &FetchControl::default()).unwrap();
    let meta: &ArticleMeta = &read.articles[0].meta;
    assert_eq!(
        value(meta.url.as_ref()),
        (server.url("/a").as_str(), MetaSource::FetchedUrl)
    );
}

#[test]
fn a_fetched_feed_gives_its_items() {
    let server = server();
    let read = fetch_articles(&server.url("/feed"), &quick(), &FetchControl::default()).unwrap();
    assert_eq!(read.articles.len(), 3);
    assert!(read.articles.iter().all(|a| a.origin
        == Origin::Web {
            url: server.url("/feed")
        }));
}

/// A path on the test server, what its fetch must fail with, and what the message says.
type FailureCase = (&'static str, fn(&FetchError) -> bool, &'static str);

#[test]
fn fetch_failures_are_clear_errors_naming_the_address() {
    let server = server();
    let control = FetchControl::default();
    let cases: [FailureCase; 5] = [
        (
            "/gone",
            |e| matches!(e, FetchError::Status { code: 404, .. }),
            "404 Not Found",
        ),
        (
            "/error",
            |e| matches!(e, FetchError::Status { code: 503, .. }),
            "503",
        ),
        (
            "/image",
            |e| matches!(e, FetchError::Unsupported { .. }),
            "image/png",
        ),
        (
            "/huge",
            |e| matches!(e, FetchError::TooLarge { .. }),
            "larger than",
        ),
        (
            "/stall",
            |e| matches!(e, FetchError::Timeout { .. }),
            "did not answer within",
        ),
    ];
    for (path, is_expected, says) in cases {
        let url = server.url(path);
        let err = fetch_articles(&url, &quick(), &control).unwrap_err();
        assert!(is_expected(&err), "{path}: {err:?}");
        let message = err.to_string();
        assert!(message.contains(&url), "{message}");
        assert!(message.contains(says), "{message}");
    }
}

#[test]
fn a_cancelled_fetch_stops() {
    let server = server();
    let control = FetchControl::default();
    control.cancel();
    let err = fetch_articles(&server.url("/world/article"), &quick(), &control).unwrap_err();
    assert!(matches!(err, FetchError::Cancelled { .. }), "{err:?}");
}

/// `stance import` of a page, both feeds, a `.docx` and an address, into one project.
#[test]
fn stance_import_reads_every_web_kind_and_fetches_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let docx_path = dir.path().join("briefing.docx");
    std::fs::write(&docx_path, docx(Some("Geneva briefing"), DOCX_BODY)).unwrap();
    let server = LocalServer::start(vec![(
        "/world/other",
        Reply::Body(
            200,
            "text/html",
            String::from_utf8(page_bytes())
                .unwrap()
                .replace(
                    "Envoys from both delegations agreed",
                    "Envoys from all delegations agreed",
                )
                .into_bytes(),
        ),
    )]);
    let output = dir.path().join("web.ron");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_stance"))
        .arg("import")
        .arg(data("courier-geneva-talks.html"))
        .arg(data("harbour-world.rss"))
        .arg(data("talks-updates.atom"))
        .arg(&docx_path)
        .arg(server.url("/world/other"))
        .arg(server.url("/missing"))
        .arg("-o")
        .arg(&output)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    // A refused input makes the exit status 1; the rest is written all the same.
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("1 refused; the rest is in"), "{stderr}");
    assert!(
        stderr.contains(&format!("{}: ", server.url("/missing"))),
        "{stderr}"
    );
    assert!(stderr.contains("404"), "{stderr}");
    let project = stance::io::load_project(&output).unwrap().project;
    // 1 page + 3 RSS items + 2 Atom entries + 1 docx + 1 fetched page.
    assert_eq!(project.documents().len(), 8, "{stderr}");
    let page = &project.documents()[0];
    assert_eq!(
        page.title,
        "Envoys agree to extend Geneva ceasefire talks by a week"
    );
    assert_eq!(page.date, Some(day(2025, 12, 5)));
    assert_eq!(page.outlet.as_deref(), Some("The Harbour Courier"));
    assert_eq!(
        page.source.as_deref(),
        Some(
            "https://www.harbourcourier.example/world/2025/dec/05/envoys-extend-geneva-ceasefire-talks"
        )
    );
    let fetched = &project.documents()[7];
    assert!(
        fetched.text.starts_with("Envoys from all delegations"),
        "{}",
        fetched.text
    );
    assert_eq!(
        fetched.source, page.source,
        "the canonical URL is the source"
    );
    assert!(
        project
            .documents()
            .iter()
            .any(|d| d.title == "Geneva briefing")
    );
}
