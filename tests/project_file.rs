//! Project files: char offsets after the en dash, the shape of the written RON, and atomic
//! saving. Round trips of random projects are in `project_roundtrip.rs`.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::fs;
use std::io;
use std::path::Path;

use chrono::Utc;
use stance::io::atomic::{SaveStep, write_atomic_with};
use stance::io::{
    formats::article::document_from_text, load_project, load_project_from_str, project_to_ron,
    save_project,
};
use stance::model::{Document, Edit, Project, Span};

fn reference_article() -> Document {
    document_from_text(
        "ukraine-talks-2025-12-05.txt",
        stance::app::SAMPLE_ARTICLE,
        None,
    )
}

/// Char offset of a byte offset, counted independently of the model's index.
fn chars_before(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

#[test]
fn joint_us_ukraine_initiatives_has_char_offsets() {
    let doc = reference_article();
    let needle = "joint U.S.–Ukraine economic initiatives";
    let span = doc.find(needle, 0).unwrap();
    let byte_start = doc.text.find(needle).unwrap();
    let byte_end = byte_start + needle.len();
    assert_eq!(span.start, chars_before(&doc.text, byte_start));
    assert_eq!(span.end, chars_before(&doc.text, byte_end));
    // The en dash is 3 bytes and 1 char: the end differs by 2 in bytes and in chars.
    assert_eq!(span, Span::new(832, 871));
    assert_eq!(byte_end - span.end, 2);
    assert_eq!(doc.slice(span), Some(needle));
    assert_eq!(doc.char_to_byte(span.end), Some(byte_end));

    let mut project = Project::new("t");
    let id = doc.id;
    project
        .apply(Edit::InsertDocument {
            index: 0,
            document: Box::new(doc),
        })
        .unwrap();
    let now = Utc::now();
    let a = project
        .new_annotation(id, "position", vec![span], now)
        .unwrap();
    assert_eq!(a.quote, needle);
}

#[test]
fn an_annotation_after_the_en_dash_survives_save_and_load() {
    let doc = reference_article();
    let needle = "and long-term recovery projects";
    let span = doc.find(needle, 0).unwrap();
    let dash_char = chars_before(&doc.text, doc.text.find('–').unwrap());
    assert!(span.start > dash_char);
    let byte_start = doc.text.find(needle).unwrap();
    assert_eq!(
        byte_start,
        span.start + 2,
        "bytes run 2 ahead after the dash"
    );

    let mut project = Project::new("after the dash");
    let id = doc.id;
    project
        .apply(Edit::InsertDocument {
            index: 0,
            document: Box::new(doc),
        })
        .unwrap();
    let a = project
        .new_annotation(id, "position", vec![span], Utc::now())
        .unwrap();
    project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dash.ron");
    save_project(&path, &project).unwrap();
    let written = fs::read_to_string(&path).unwrap();
    assert!(written.contains(&format!(
        "ranges: [(start: {}, end: {})]",
        span.start, span.end
    )));
    let loaded = load_project(&path).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let back = &loaded.project.annotations()[0];
    assert_eq!(back.ranges, vec![span]);
    assert_eq!(back.quote, needle);
    assert_eq!(
        loaded.project.documents()[0].slice(back.ranges[0]),
        Some(needle)
    );
}

#[test]
fn written_files_diff_well() {
    let text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron"))
            .unwrap();
    assert!(text.starts_with(&format!(
        "(\n    format: {},\n    title: ",
        stance::model::FORMAT_VERSION
    )));
    assert!(text.ends_with(")\n"));
    assert!(!text.contains('\r'));
    // Each annotation is one block; its ranges sit on one line.
    let annotations = text.matches("\n            ranges: [(start: ").count();
    let loaded = load_project_from_str("sample", &text).unwrap();
    assert_eq!(annotations, loaded.project.annotations().len());
    // A document's text is one escaped string on one line.
    let text_lines = text
        .lines()
        .filter(|l| l.trim_start().starts_with("text: \""))
        .count();
    assert_eq!(text_lines, loaded.project.documents().len());
    assert!(!text.contains("\\'"), "apostrophes are written bare");
}

#[test]
fn annotations_load_in_canonical_order() {
    let doc = reference_article();
    let mut project = Project::new("order");
    let id = doc.id;
    project
        .apply(Edit::InsertDocument {
            index: 0,
            document: Box::new(doc),
        })
        .unwrap();
    for needle in ["Ushakov", "President Trump's", "Kremlin"] {
        let span = project.documents()[0].find(needle, 0).unwrap();
        let a = project
            .new_annotation(id, "claim", vec![span], Utc::now())
            .unwrap();
        project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    }
    let mut shuffled = project.clone();
    shuffled.rebuild(|parts| {
        parts.annotations.reverse();
    });
    let text = project_to_ron(&shuffled).unwrap();
    let loaded = load_project_from_str("shuffled", &text).unwrap();
    assert_eq!(loaded.project.annotations(), project.annotations());
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_save_that_fails_part_way_leaves_the_original_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.ron");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron");
    let original = fs::read(&sample).unwrap();
    fs::write(&path, &original).unwrap();

    let mut project = load_project(&path).unwrap().project;
    project.apply(Edit::SetTitle("Changed".to_owned())).unwrap();
    let new_text = project_to_ron(&project).unwrap();
    for fail_at in [
        SaveStep::Writing {
            written_bytes: new_text.len(),
        },
        SaveStep::Synced,
        SaveStep::BackedUp,
        SaveStep::Renaming,
    ] {
        let mut steps = Vec::new();
        let result = write_atomic_with(&path, new_text.as_bytes(), true, &mut |step| {
            steps.push(step);
            if step == fail_at {
                Err(io::Error::other("disk full (injected)"))
            } else {
                Ok(())
            }
        });
        assert_eq!(result.unwrap_err().to_string(), "disk full (injected)");
        assert!(steps.contains(&fail_at), "{fail_at:?} was never reached");
        assert_eq!(
            fs::read(&path).unwrap(),
            original,
            "after failing at {fail_at:?}"
        );
        let names = file_names(dir.path());
        assert!(
            names
                .iter()
                .all(|n| n == "talks.ron" || n == "talks.ron.bak"),
            "left behind after {fail_at:?}: {names:?}"
        );
    }

    // And a save that succeeds keeps the previous version as the backup.
    save_project(&path, &project).unwrap();
    assert_eq!(
        fs::read(dir.path().join("talks.ron.bak")).unwrap(),
        original
    );
    assert_eq!(load_project(&path).unwrap().project.title(), "Changed");
    assert_eq!(file_names(dir.path()), ["talks.ron", "talks.ron.bak"]);
}

#[test]
fn real_io_failures_leave_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let project = Project::new("x");
    // The target is a directory: the final rename fails.
    let blocked = dir.path().join("blocked.ron");
    fs::create_dir(&blocked).unwrap();
    fs::write(blocked.join("inside"), b"keep").unwrap();
    let err = save_project(&blocked, &project).unwrap_err();
    assert!(err.to_string().contains("blocked.ron"), "{err}");
    assert_eq!(fs::read(blocked.join("inside")).unwrap(), b"keep");
    assert_eq!(file_names(dir.path()), ["blocked.ron"]);
    // The directory does not exist: nothing can be created.
    let missing = dir.path().join("no/such/dir/p.ron");
    assert!(save_project(&missing, &project).is_err());
    assert_eq!(file_names(dir.path()), ["blocked.ron"]);
}
