//! `stance merge` exit statuses and `stance agree` output, run as a user would.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::path::Path;
use std::process::{Command, Output};

use chrono::DateTime;
use stance::io::{load_project, project_to_ron};
use stance::model::{Document, Edit, Project, Span};

const TEXT: &str = "Kyiv said it would not cede territory. Moscow said talks could resume.";

fn stance(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stance"));
    for arg in args {
        command.arg(arg);
    }
    command.output().unwrap()
}

/// An annotator's own import of the article, with `(start, end, tag)` marks.
fn write_project(path: &Path, marks: &[(usize, usize, &str)]) -> Project {
    let mut p = Project::new("Talks");
    let doc = Document::new("Talks", TEXT.to_owned());
    let doc_id = doc.id;
    p.apply(p.add_document(doc)).unwrap();
    let now = DateTime::from_timestamp(1_764_900_000, 0).unwrap();
    for &(s, e, tag) in marks {
        let a = p
            .new_annotation(doc_id, tag, vec![Span::new(s, e)], now)
            .unwrap();
        p.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    }
    std::fs::write(path, project_to_ron(&p).unwrap()).unwrap();
    p
}

#[test]
fn merge_exits_0_clean_1_with_conflicts_2_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (base, ours, theirs, out) = (
        dir.path().join("base.ron"),
        dir.path().join("ours.ron"),
        dir.path().join("theirs.ron"),
        dir.path().join("out.ron"),
    );
    // No common ancestor (an empty file, as git passes for add/add): separately imported
    // copies of one article merge into one document.
    std::fs::write(&base, "").unwrap();
    write_project(&ours, &[(0, 4, "claim")]);
    write_project(&theirs, &[(39, 45, "claim")]);
    let clean = stance(&[&"merge", &base, &ours, &theirs, &"-o", &out]);
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stderr)
    );
    let merged = load_project(&out).unwrap();
    assert!(merged.problems.is_empty());
    assert_eq!(merged.project.documents().len(), 1);
    assert_eq!(merged.project.annotations().len(), 2);

    // Both retitle the project differently: a conflict, and the file is still written.
    let mut p = load_project(&ours).unwrap().project;
    p.apply(stance::model::Edit::SetTitle("Ours".to_owned()))
        .unwrap();
    std::fs::write(&ours, project_to_ron(&p).unwrap()).unwrap();
    let mut p = load_project(&theirs).unwrap().project;
    p.apply(stance::model::Edit::SetTitle("Theirs".to_owned()))
        .unwrap();
    std::fs::write(&theirs, project_to_ron(&p).unwrap()).unwrap();
    std::fs::write(&base, project_to_ron(&Project::new("Talks")).unwrap()).unwrap();
    let conflicted = stance(&[&"merge", &base, &ours, &theirs, &"-o", &out]);
    assert_eq!(conflicted.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&conflicted.stderr).contains("title"));
    let merged = load_project(&out).unwrap().project;
    assert_eq!(merged.title(), "Ours");
    assert_eq!(merged.conflicts().len(), 1);

    std::fs::write(&theirs, "(format: 2, title: ").unwrap();
    let before = std::fs::read(&out).unwrap();
    let failed = stance(&[&"merge", &base, &ours, &theirs, &"-o", &out]);
    assert_eq!(failed.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("theirs.ron"));
    assert_eq!(
        std::fs::read(&out).unwrap(),
        before,
        "nothing is written on errors"
    );
}

#[test]
fn agree_prints_figures_as_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("anna.ron"), dir.path().join("boris.ron"));
    write_project(&a, &[(0, 4, "claim"), (10, 37, "position")]);
    write_project(
        &b,
        &[(0, 4, "claim"), (12, 37, "position"), (39, 45, "claim")],
    );
    let text = stance(&[&"agree", &a, &b]);
    assert!(
        text.status.success(),
        "{}",
        String::from_utf8_lossy(&text.stderr)
    );
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("anna / boris: span F1 exact 0.4000"),
        "{text}"
    );
    assert!(text.contains("overlapping 0.8000"), "{text}");
    let json = stance(&[&"agree", &a, &b, &"--json", &"--tags", &"claim"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["pairs"][0]["exact"]["matched"], 1);
    assert_eq!(value["units"]["excluded_annotations"], 2);
    let alone = stance(&[&"agree", &a]);
    assert_eq!(alone.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&alone.stderr).contains("at least two annotators"));
}

#[test]
fn conflicts_of_every_kind_survive_a_save_and_load() {
    use stance::model::{Actor, Issue, Relation};
    use stance::team::merge::merge;
    let dir = tempfile::tempdir().unwrap();
    let mut base = write_project(
        &dir.path().join("base.ron"),
        &[(0, 4, "claim"), (10, 37, "claim")],
    );
    base.apply(base.add_actor(Actor::new("Kyiv", None)).unwrap())
        .unwrap();
    base.rebuild(|parts| {
        parts.issues.push(Issue::new("Territory"));
    });
    let (first, second) = (base.annotations()[0].id, base.annotations()[1].id);
    base.rebuild(|parts| {
        parts
            .relations
            .push(Relation::new("responds-to", second, first));
    });
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    for (p, word) in [(&mut ours, "ours"), (&mut theirs, "theirs")] {
        p.apply(stance::model::Edit::SetTitle(word.to_owned()))
            .unwrap();
        p.rebuild(|parts| parts.documents[0].title = word.to_owned());
        p.rebuild(|parts| parts.schema.tags[0].name = word.to_owned());
        p.rebuild(|parts| parts.schema.relation_types[0].name = word.to_owned());
        p.rebuild(|parts| parts.actors[0].affiliation = Some(word.to_owned()));
        p.rebuild(|parts| parts.issues[0].description = Some(word.to_owned()));
        p.rebuild(|parts| parts.annotations[0].note = Some(word.to_owned()));
        p.rebuild(|parts| parts.relations[0].note = Some(word.to_owned()));
    }
    let merged = merge(&base, &ours, &theirs).project;
    assert_eq!(merged.conflicts().len(), 8);
    let path = dir.path().join("merged.ron");
    std::fs::write(&path, project_to_ron(&merged).unwrap()).unwrap();
    let loaded = load_project(&path).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.project, merged);
}

#[test]
fn validate_counts_unresolved_conflicts_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let (base, ours, theirs, out) = (
        dir.path().join("base.ron"),
        dir.path().join("ours.ron"),
        dir.path().join("theirs.ron"),
        dir.path().join("out.ron"),
    );
    std::fs::write(&base, project_to_ron(&Project::new("Talks")).unwrap()).unwrap();
    for (path, title) in [(&ours, "Ours"), (&theirs, "Theirs")] {
        let mut p = write_project(path, &[(0, 4, "claim")]);
        p.apply(stance::model::Edit::SetTitle(title.to_owned()))
            .unwrap();
        std::fs::write(path, project_to_ron(&p).unwrap()).unwrap();
    }
    assert_eq!(
        stance(&[&"merge", &base, &ours, &theirs, &"-o", &out])
            .status
            .code(),
        Some(1)
    );
    let validate = stance(&[&"validate", &out]);
    let text = String::from_utf8_lossy(&validate.stdout);
    assert_eq!(validate.status.code(), Some(1), "{text}");
    assert!(
        text.contains("1 unresolved merge conflict; decide it"),
        "{text}"
    );
    assert!(text.contains("title"), "{text}");
    assert_eq!(stance(&[&"validate", &ours]).status.code(), Some(0));
}
