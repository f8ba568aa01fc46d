use super::*;

#[test]
fn a_batch_adds_the_good_articles_and_lists_the_refused() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.md");
    let bad = dir.path().join("c.txt");
    std::fs::write(&a, "date 2025-12-05 First article.").unwrap();
    std::fs::write(&b, "# Second\n\nSecond article.").unwrap();
    std::fs::write(&bad, [0xff, 0xfe, b'x', 0]).unwrap();

    let mut project = Project::new("t");
    let summary = import_paths(&[a.clone(), bad.clone(), b, a.clone()], &mut project).unwrap();
    assert_eq!(summary.documents.len(), 2, "the good articles are added");
    let [refused] = summary.refused.as_slice() else {
        panic!("the bad file is refused: {:?}", summary.refused);
    };
    assert_eq!(refused.origin, Origin::file(&bad));
    assert!(refused.reason.contains("UTF-16"), "{}", refused.reason);
    assert!(!refused.reason.contains("c.txt"), "named once: {refused}");
    assert_eq!(summary.skipped.len(), 1, "the same text twice");
    assert_eq!(summary.skipped[0].0, a);
    let titles: Vec<_> = project
        .documents()
        .iter()
        .map(|d| d.title.as_str())
        .collect();
    assert_eq!(titles, ["A", "Second"]);
    assert_eq!(project.documents()[0].text, "First article.");
}

#[test]
fn reimporting_an_export_adds_nothing_and_conflicts_are_refused() {
    use crate::io::export::{ExportFormat, ExportOptions, ExportOutput, export};
    let mut project = Project::new("t");
    let doc = crate::model::Document::new("d", "We agree in part.".to_owned());
    let doc_id = doc.id;
    project.apply(project.add_document(doc)).unwrap();
    let span = project.documents()[0].find("agree", 0).unwrap();
    let a = project
        .new_annotation(doc_id, "claim", vec![span], chrono::Utc::now())
        .unwrap();
    project.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    let ExportOutput::File(json) =
        export(&project, &ExportOptions::new(ExportFormat::Jsonl)).unwrap()
    else {
        panic!("jsonl is one file");
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.jsonl");
    std::fs::write(&path, &json).unwrap();

    let before = project.clone();
    let summary = import_paths(std::slice::from_ref(&path), &mut project).unwrap();
    assert_eq!(summary.annotations, 0);
    assert_eq!(project, before);

    let changed = String::from_utf8(json)
        .unwrap()
        .replace("\"claim\"", "\"position\"");
    std::fs::write(&path, changed).unwrap();
    let err = import_paths(&[path], &mut project).unwrap_err();
    assert!(err.to_string().contains("other content"), "{err}");
    assert_eq!(project, before);
}

#[test]
fn classify_tells_projects_from_imports_by_extension_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("talks.ron", FileKind::Project),
        ("TALKS.RON", FileKind::Project),
        ("a.txt", FileKind::Article),
        ("a.text", FileKind::Article),
        ("a.Md", FileKind::Article),
        ("a.markdown", FileKind::Article),
        ("a.ann", FileKind::Annotations),
        ("a.JSON", FileKind::Annotations),
        ("a.jsonl", FileKind::Annotations),
        ("a.jsonld", FileKind::Annotations),
        ("a.pdf", FileKind::Article),
        ("a.xlsx", FileKind::Unknown),
        ("README", FileKind::Unknown),
    ];
    for (name, kind) in cases {
        assert_eq!(classify(&dir.path().join(name)), kind, "{name}");
    }
    // A folder is a brat corpus, whatever its name.
    let folder = dir.path().join("corpus.ron");
    std::fs::create_dir(&folder).unwrap();
    assert_eq!(classify(&folder), FileKind::BratFolder);
}

#[test]
fn a_project_file_is_not_imported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.ron");
    std::fs::write(&path, "(format_version: 1)").unwrap();
    let mut project = Project::new("t");
    let summary = import_paths(&[path], &mut project).unwrap();
    let refused = summary.refused.first().map(ToString::to_string);
    assert!(
        refused
            .as_ref()
            .is_some_and(|r| r.contains("open them instead")),
        "{refused:?}"
    );
    assert!(project.documents().is_empty());
}

#[test]
fn import_edit_undoes_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, "Text.").unwrap();
    let mut project = Project::new("t");
    let (edit, summary) = import_edit(&[a], &project).unwrap();
    assert_eq!(summary.documents.len(), 1);
    let undo = project.apply(edit).unwrap();
    assert_eq!(project.documents().len(), 1);
    project.apply(undo).unwrap();
    assert!(project.documents().is_empty());
}
