//! Fuzzing the loaders inside `cargo test`: real files (the sample project, brat files, the
//! sample's JSON, JSONL and W3C exports) are mutated — cut short, bytes flipped, fragments
//! spliced in, numbers made huge, brackets nested deep, invalid UTF-8 inserted — and every
//! loader must return (an error is fine) without panicking or hanging.
//!
//! The default run is a few seconds. The long run:
//! `STANCE_FUZZ_SECS=600 cargo test --release --test fuzz_loaders -- --ignored --nocapture`
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use stance::io::{import_paths, load_project};
use stance::model::Project;

/// A loader taking this long on an input of a few KB is hung (debug builds included).
const HANG_LIMIT: Duration = Duration::from_secs(2);

/// Cases per format in the default run.
const DEFAULT_CASES: u32 = 150;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Project,
    BratAnn,
    BratConf,
    Json,
    Jsonl,
    W3c,
    /// Issue 19's web readers, through the import pipeline.
    Html,
    Feed,
    Word,
}

const TARGETS: [Target; 9] = [
    Target::Project,
    Target::BratAnn,
    Target::BratConf,
    Target::Json,
    Target::Jsonl,
    Target::W3c,
    Target::Html,
    Target::Feed,
    Target::Word,
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn brat_dir() -> PathBuf {
    root().join("tests/data/fuzz/brat")
}

fn web_dir() -> PathBuf {
    root().join("tests/data/web")
}

const DOCX_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Talks resume</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">The envoys met &amp; spoke.</w:t></w:r><w:r><w:br/><w:t>Again.</w:t></w:r></w:p></w:body></w:document>"#;
const CORE_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Talks</dc:title><dc:creator>A. Writer</dc:creator></cp:coreProperties>"#;
const ODT_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:h text:outline-level="1">Day 6</text:h><text:p>Talks<text:s text:c="3"/>resumed.</text:p></office:text></office:body></office:document-content>"#;

/// A zip archive of `parts`, deflated, as word processors write them.
fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The sample project and its exports, made once by `stance export`.
struct Seeds {
    _dir: tempfile::TempDir,
    project: Vec<u8>,
    sample: Project,
    json: Vec<u8>,
    jsonl: Vec<u8>,
    w3c: Vec<u8>,
    brat_ann: Vec<Vec<u8>>,
    brat_conf: Vec<u8>,
    /// A news page, an RSS and an Atom feed, a `.docx` and an `.odt`.
    html: Vec<u8>,
    feeds: Vec<Vec<u8>>,
    word: Vec<Vec<u8>>,
}

fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let sample_path = root().join("saves/ukraine-talks.ron");
        let export = |format: &str, ext: &str| {
            let out = dir.path().join(format!("sample.{ext}"));
            let status = Command::new(env!("CARGO_BIN_EXE_stance"))
                .arg("export")
                .arg(&sample_path)
                .args(["--format", format, "-o"])
                .arg(&out)
                .status()
                .unwrap();
            assert!(status.success(), "stance export --format {format}");
            fs::read(&out).unwrap()
        };
        Seeds {
            project: fs::read(&sample_path).unwrap(),
            sample: load_project(&sample_path).unwrap().project,
            json: export("json", "json"),
            jsonl: export("jsonl", "jsonl"),
            w3c: export("w3c", "jsonld"),
            brat_ann: [
                "060-relation_annotation.ann",
                "100-attribute_annotation.ann",
            ]
            .iter()
            .map(|name| fs::read(brat_dir().join(name)).unwrap())
            .collect(),
            brat_conf: fs::read(brat_dir().join("annotation.conf")).unwrap(),
            html: fs::read(web_dir().join("courier-geneva-talks.html")).unwrap(),
            feeds: ["harbour-world.rss", "talks-updates.atom"]
                .iter()
                .map(|name| fs::read(web_dir().join(name)).unwrap())
                .collect(),
            word: vec![
                zip_of(&[
                    ("word/document.xml", DOCX_XML),
                    ("docProps/core.xml", CORE_XML),
                ]),
                zip_of(&[("content.xml", ODT_XML)]),
            ],
            _dir: dir,
        }
    })
}

#[derive(Clone, Debug)]
enum Mutation {
    /// Keep this many thousandths of the input.
    Truncate(u16),
    FlipByte {
        at: u32,
        xor: u8,
    },
    /// Copy `len` bytes from `from` to `to`.
    Splice {
        from: u32,
        len: u16,
        to: u32,
    },
    Delete {
        at: u32,
        len: u16,
    },
    /// Replace the number at or after `at` with one of [`HUGE`].
    HugeNumber {
        at: u32,
        which: u8,
    },
    /// Insert `depth` opening brackets (then as many closing ones, half the time).
    DeepNesting {
        at: u32,
        depth: u16,
        bracket: u8,
        closed: bool,
    },
    InvalidUtf8 {
        at: u32,
        which: u8,
    },
}

const HUGE: [&str; 9] = [
    "99999999999999999999999999999999999999",
    "18446744073709551616",
    "4294967296",
    "-1",
    "-9223372036854775809",
    "1e999",
    "NaN",
    "0.0000000000000000000000000000001",
    "2147483648",
];

const BAD_UTF8: [&[u8]; 5] = [
    b"\xff",
    b"\xc3",
    b"\x80\x80",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0u16..1000).prop_map(Mutation::Truncate),
        (any::<u32>(), 1u8..=255).prop_map(|(at, xor)| Mutation::FlipByte { at, xor }),
        (any::<u32>(), 1u16..400, any::<u32>()).prop_map(|(from, len, to)| Mutation::Splice {
            from,
            len,
            to
        }),
        (any::<u32>(), 1u16..200).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<u32>(), 0..HUGE.len() as u8)
            .prop_map(|(at, which)| Mutation::HugeNumber { at, which }),
        (any::<u32>(), 1u16..5000, 0u8..3, any::<bool>()).prop_map(
            |(at, depth, bracket, closed)| {
                Mutation::DeepNesting {
                    at,
                    depth,
                    bracket,
                    closed,
                }
            }
        ),
        (any::<u32>(), 0..BAD_UTF8.len() as u8)
            .prop_map(|(at, which)| Mutation::InvalidUtf8 { at, which }),
    ]
}

fn position(at: u32, len: usize) -> usize {
    usize::try_from(at).unwrap() % (len + 1)
}

fn apply(input: &mut Vec<u8>, m: &Mutation) {
    let len = input.len();
    match *m {
        Mutation::Truncate(thousandths) => input.truncate(len * usize::from(thousandths) / 1000),
        Mutation::FlipByte { at, xor } => {
            if len > 0 {
                input[position(at, len - 1)] ^= xor;
            }
        }
        Mutation::Splice { from, len: n, to } => {
            let from = position(from, len);
            let end = (from + usize::from(n)).min(len);
            let fragment = input[from..end].to_vec();
            let to = position(to, len);
            input.splice(to..to, fragment);
        }
        Mutation::Delete { at, len: n } => {
            let at = position(at, len);
            let end = (at + usize::from(n)).min(len);
            input.drain(at..end);
        }
        Mutation::HugeNumber { at, which } => {
            let at = position(at, len);
            let Some(start) = input[at..]
                .iter()
                .position(u8::is_ascii_digit)
                .map(|p| p + at)
            else {
                return;
            };
            let end = input[start..]
                .iter()
                .position(|b| !b.is_ascii_digit())
                .map_or(len, |p| p + start);
            input.splice(start..end, HUGE[usize::from(which)].bytes());
        }
        Mutation::DeepNesting {
            at,
            depth,
            bracket,
            closed,
        } => {
            let (open, close) = [(b'[', b']'), (b'(', b')'), (b'{', b'}')][usize::from(bracket)];
            let mut nest = vec![open; usize::from(depth)];
            if closed {
                nest.extend(std::iter::repeat_n(close, usize::from(depth)));
            }
            let at = position(at, len);
            input.splice(at..at, nest);
        }
        Mutation::InvalidUtf8 { at, which } => {
            let at = position(at, len);
            input.splice(at..at, BAD_UTF8[usize::from(which)].iter().copied());
        }
    }
}

/// Writes the mutated input where its loader expects it and runs the loader.
fn run_loader(target: Target, bytes: &[u8], seed_index: usize, dir: &Path) {
    let seeds = seeds();
    let write = |name: &str, content: &[u8]| {
        let path = dir.join(name);
        fs::write(&path, content).unwrap();
        path
    };
    match target {
        Target::Project => {
            let path = write("fuzz.ron", bytes);
            let _result = load_project(&path);
        }
        Target::BratAnn => {
            let stem = ["060-relation_annotation", "100-attribute_annotation"][seed_index % 2];
            let text = fs::read(brat_dir().join(format!("{stem}.txt"))).unwrap();
            write(&format!("{stem}.txt"), &text);
            let ann = write(&format!("{stem}.ann"), bytes);
            let _result = import_paths(&[ann], &mut Project::new("fuzz"));
        }
        Target::BratConf => {
            let folder = dir.join("corpus");
            fs::create_dir_all(&folder).unwrap();
            for name in ["060-relation_annotation.ann", "060-relation_annotation.txt"] {
                fs::copy(brat_dir().join(name), folder.join(name)).unwrap();
            }
            fs::write(folder.join("annotation.conf"), bytes).unwrap();
            let _result = import_paths(&[folder], &mut Project::new("fuzz"));
        }
        Target::Json | Target::Jsonl | Target::W3c => {
            let ext = match target {
                Target::Json => "json",
                Target::Jsonl => "jsonl",
                _ => "jsonld",
            };
            let path = write(&format!("fuzz.{ext}"), bytes);
            // Onto the sample (the documents they refer to) and onto an empty project.
            let _onto_sample = import_paths(std::slice::from_ref(&path), &mut seeds.sample.clone());
            let _onto_empty = import_paths(&[path], &mut Project::new("fuzz"));
        }
        Target::Html => {
            let path = write("fuzz.html", bytes);
            let _result = import_paths(&[path], &mut Project::new("fuzz"));
        }
        Target::Feed => {
            let path = write(["fuzz.rss", "fuzz.atom"][seed_index % 2], bytes);
            let _result = import_paths(&[path], &mut Project::new("fuzz"));
        }
        Target::Word => {
            let path = write(["fuzz.docx", "fuzz.odt"][seed_index % 2], bytes);
            let _result = import_paths(&[path], &mut Project::new("fuzz"));
        }
    }
}

fn seed_bytes(target: Target, seed_index: usize) -> Vec<u8> {
    let seeds = seeds();
    match target {
        Target::Project => seeds.project.clone(),
        Target::BratAnn => seeds.brat_ann[seed_index % seeds.brat_ann.len()].clone(),
        Target::BratConf => seeds.brat_conf.clone(),
        Target::Json => seeds.json.clone(),
        Target::Jsonl => seeds.jsonl.clone(),
        Target::W3c => seeds.w3c.clone(),
        Target::Html => seeds.html.clone(),
        Target::Feed => seeds.feeds[seed_index % 2].clone(),
        Target::Word => seeds.word[seed_index % 2].clone(),
    }
}

/// One fuzz case: no panic, no hang.
fn check(target: Target, seed_index: usize, mutations: &[Mutation]) -> Result<(), TestCaseError> {
    let mut bytes = seed_bytes(target, seed_index);
    for m in mutations {
        apply(&mut bytes, m);
    }
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        run_loader(target, &bytes, seed_index, dir.path());
    }));
    let elapsed = started.elapsed();
    prop_assert!(
        outcome.is_ok(),
        "{target:?} loader panicked on {mutations:?}"
    );
    prop_assert!(
        elapsed < HANG_LIMIT,
        "{target:?} loader took {elapsed:?} on {} bytes ({mutations:?})",
        bytes.len()
    );
    Ok(())
}

fn case() -> impl Strategy<Value = (usize, Vec<Mutation>)> {
    (0usize..2, proptest::collection::vec(mutation(), 1..4))
}

fn run_cases(target: Target, runner: &mut TestRunner) {
    let result = runner.run(&case(), |(seed_index, mutations)| {
        check(target, seed_index, &mutations)
    });
    if let Err(e) = result {
        panic!("{target:?}: {e}");
    }
}

fn default_runner() -> TestRunner {
    TestRunner::new(Config {
        cases: DEFAULT_CASES,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn fuzz_project_files() {
    run_cases(Target::Project, &mut default_runner());
}

#[test]
fn fuzz_brat_ann_files() {
    run_cases(Target::BratAnn, &mut default_runner());
}

#[test]
fn fuzz_brat_conf_files() {
    run_cases(Target::BratConf, &mut default_runner());
}

#[test]
fn fuzz_json_exports() {
    run_cases(Target::Json, &mut default_runner());
}

#[test]
fn fuzz_jsonl_exports() {
    run_cases(Target::Jsonl, &mut default_runner());
}

#[test]
fn fuzz_w3c_exports() {
    run_cases(Target::W3c, &mut default_runner());
}

#[test]
fn fuzz_web_pages() {
    run_cases(Target::Html, &mut default_runner());
}

#[test]
fn fuzz_feeds() {
    run_cases(Target::Feed, &mut default_runner());
}

#[test]
fn fuzz_word_files() {
    run_cases(Target::Word, &mut default_runner());
}

#[test]
fn mutations_change_the_input_as_described() {
    let mut bytes = b"(a: 12, b: [3])".to_vec();
    apply(&mut bytes, &Mutation::HugeNumber { at: 0, which: 3 });
    assert_eq!(bytes, b"(a: -1, b: [3])");
    apply(&mut bytes, &Mutation::Truncate(500));
    assert_eq!(bytes, b"(a: -1,");
    apply(
        &mut bytes,
        &Mutation::DeepNesting {
            at: 1,
            depth: 2,
            bracket: 0,
            closed: true,
        },
    );
    assert_eq!(bytes, b"([[]]a: -1,");
    apply(&mut bytes, &Mutation::InvalidUtf8 { at: 0, which: 0 });
    assert!(std::str::from_utf8(&bytes).is_err());
    // The seeds load cleanly, so failures come from the mutations.
    assert!(load_project(&root().join("saves/ukraine-talks.ron")).is_ok());
    assert!(seeds().json.len() > 1000 && seeds().w3c.len() > 1000);
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("a.html", &seeds().html),
        ("a.rss", &seeds().feeds[0]),
        ("a.atom", &seeds().feeds[1]),
        ("a.docx", &seeds().word[0]),
        ("a.odt", &seeds().word[1]),
    ] {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let summary = import_paths(&[path], &mut Project::new("seed")).unwrap();
        assert!(
            !summary.documents.is_empty(),
            "{name}: {:?}",
            summary.refused
        );
    }
}

/// The long run: every format in turn, random seeds, for `STANCE_FUZZ_SECS` seconds
/// (default 60).
#[test]
#[ignore = "runs for STANCE_FUZZ_SECS seconds; see the module docs"]
fn fuzz_for_a_while() {
    let secs = std::env::var("STANCE_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let until = Instant::now() + Duration::from_secs(secs);
    let mut rounds = 0u64;
    while Instant::now() < until {
        for target in TARGETS {
            let mut runner = TestRunner::new(Config {
                cases: 64,
                failure_persistence: None,
                ..Config::default()
            });
            run_cases(target, &mut runner);
        }
        rounds += 1;
    }
    eprintln!(
        "fuzzed {} cases per format without a panic or a hang",
        rounds * 64
    );
}
