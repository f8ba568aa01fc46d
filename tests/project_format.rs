//! The project format version: every save writes the current [`FORMAT_VERSION`], whatever
//! format the project was read from or says it has, and a file from a newer Stance is refused
//! with a message naming it.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use stance::io::formats::ron::OLDEST_FORMAT_VERSION;
use stance::io::{load_project, load_project_from_str, project_to_ron, save_project};
use stance::model::{FORMAT_VERSION, Project};

fn sample() -> Project {
    let mut project = Project::new("Format test");
    let doc = stance::io::formats::article::document_from_text("talks.txt", "Talks resumed.", None);
    project.rebuild(|parts| {
        parts.documents.push(doc);
    });
    project
}

/// The `format: N` line of a written project file (the first field).
fn format_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| l.starts_with("format:"))
        .unwrap_or_else(|| panic!("no format field in:\n{text}"))
}

fn with_format(text: &str, version: u32) -> String {
    let line = format_line(text);
    text.replacen(line, &format!("format: {version},"), 1)
}

#[test]
fn saving_writes_the_current_version_whatever_the_project_was_read_from() {
    // A project holds no format of its own: whatever file it came from, it saves as current.
    let current = format!("format: {FORMAT_VERSION},");
    let files = [
        (OLDEST_FORMAT_VERSION, oldest_format_file()),
        (FORMAT_VERSION, project_to_ron(&sample()).unwrap()),
    ];
    for (stated, file) in files {
        assert_eq!(format_line(&file), format!("format: {stated},"));
        let project = load_project_from_str("p.ron", &file).unwrap().project;
        let text = project_to_ron(&project).unwrap();
        assert_eq!(format_line(&text), current, "read from format {stated}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        save_project(&path, &project).unwrap();
        let saved = std::fs::read_to_string(&path).unwrap();
        assert_eq!(format_line(&saved), current, "read from format {stated}");
        let loaded = load_project(&path).unwrap();
        assert_eq!(loaded.loaded_format, FORMAT_VERSION);
        assert_eq!(loaded.project.title(), project.title());
        assert_eq!(loaded.project.documents(), project.documents());
    }
}

/// The bundled sample as format 1 wrote it: the migration fixture.
fn oldest_format_file() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/migration/ukraine-talks.v1.ron");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_file_of_the_oldest_accepted_format_is_saved_in_the_current_one() {
    let text = oldest_format_file();
    assert_eq!(
        format_line(&text),
        format!("format: {OLDEST_FORMAT_VERSION},")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ron");
    std::fs::write(&path, &text).unwrap();
    let loaded = load_project(&path).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    save_project(&path, &loaded.project).unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert_eq!(format_line(&saved), format!("format: {FORMAT_VERSION},"));
}

#[test]
fn a_file_from_a_newer_stance_is_refused_by_name() {
    let newer = FORMAT_VERSION + 1;
    let text = with_format(&project_to_ron(&sample()).unwrap(), newer);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("from-the-future.ron");
    std::fs::write(&path, &text).unwrap();
    let message = load_project(&path).unwrap_err().to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains("made by a newer Stance"), "{message}");
    assert!(message.contains(&format!("format {newer}")), "{message}");
    // The same refusal when the text comes from memory, named by its source.
    let message = load_project_from_str("pasted.ron", &text)
        .unwrap_err()
        .to_string();
    assert!(message.starts_with("pasted.ron"), "{message}");
    assert!(message.contains("made by a newer Stance"), "{message}");
}

/// A project with a document and one rejected suggestion of it.
fn with_rejection() -> Project {
    let mut project = Project::new("Rejections");
    let doc = stance::io::formats::article::document_from_text(
        "talks.txt",
        "\"We are no closer,\" Ushakov said.",
        None,
    );
    let id = doc.id;
    project.rebuild(|parts| {
        parts.documents.push(doc);
    });
    let found = stance::attribution::pending_suggestions(&project, id);
    let edit = stance::attribution::reject_suggestion(&project, id, &found[0]).unwrap();
    project.apply(edit).unwrap();
    project
}

#[test]
fn a_project_without_rejections_writes_no_rejection_field() {
    let text = project_to_ron(&sample()).unwrap();
    assert!(!text.contains("rejected_suggestions"), "{text}");
    // A format-1 file upgrades with none, and its save has no such field either.
    let loaded = load_project_from_str("old.ron", &oldest_format_file()).unwrap();
    assert!(loaded.project.rejected_suggestions().is_empty());
    let saved = project_to_ron(&loaded.project).unwrap();
    assert!(!saved.contains("rejected_suggestions"));
}

#[test]
fn rejected_suggestions_round_trip_and_stay_rejected() {
    let project = with_rejection();
    let id = project.documents()[0].id;
    assert!(stance::attribution::pending_suggestions(&project, id).is_empty());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    save_project(&path, &project).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("rejected_suggestions"), "{text}");
    let loaded = load_project(&path).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(
        loaded.project.rejected_suggestions(),
        project.rejected_suggestions()
    );
    assert!(stance::attribution::pending_suggestions(&loaded.project, id).is_empty());
    // Saving again writes the same bytes.
    assert_eq!(project_to_ron(&loaded.project).unwrap(), text);
}
