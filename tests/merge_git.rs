//! `stance merge` as a git merge driver: a real repository, real branches, a real `git merge`.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::path::Path;
use std::process::{Command, Output};

use chrono::DateTime;
use stance::io::{load_project, project_to_ron};
use stance::model::{Actor, AnnotationId, Document, Edit, Project, Span};

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap()
}

fn ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository whose `.ron` files merge with `stance merge`, as the README sets it up.
fn repository(dir: &Path) {
    ok(dir, &["init", "-q", "-b", "main"]);
    ok(dir, &["config", "user.name", "Test"]);
    ok(dir, &["config", "user.email", "test@example.com"]);
    let driver = format!("'{}' merge %O %A %B -o %A", env!("CARGO_BIN_EXE_stance"));
    ok(dir, &["config", "merge.stance.driver", &driver]);
    std::fs::write(dir.join(".gitattributes"), "*.ron merge=stance\n").unwrap();
}

fn save(dir: &Path, project: &Project) {
    std::fs::write(dir.join("talks.ron"), project_to_ron(project).unwrap()).unwrap();
}

fn commit(dir: &Path, message: &str) {
    ok(dir, &["add", "-A"]);
    ok(dir, &["commit", "-q", "-m", message]);
}

fn load(dir: &Path) -> Project {
    let loaded = load_project(&dir.join("talks.ron")).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.project
}

fn retag(dir: &Path, id: AnnotationId, tag: &str) {
    let mut p = load(dir);
    let now = DateTime::from_timestamp(1_764_900_100, 0).unwrap();
    p.apply(p.set_tag(id, tag, now).unwrap()).unwrap();
    save(dir, &p);
}

fn start_project() -> (Project, Vec<AnnotationId>) {
    let mut p = Project::new("Talks");
    let doc = Document::new(
        "Talks",
        "Kyiv said it would not cede territory. Moscow said talks could resume.".to_owned(),
    );
    let doc_id = doc.id;
    p.apply(p.add_document(doc)).unwrap();
    p.apply(p.add_actor(Actor::new("Kyiv", None)).unwrap())
        .unwrap();
    let now = DateTime::from_timestamp(1_764_900_000, 0).unwrap();
    let ids = [(0, 4), (10, 37), (39, 45)]
        .into_iter()
        .map(|(s, e)| {
            let a = p
                .new_annotation(doc_id, "claim", vec![Span::new(s, e)], now)
                .unwrap();
            let id = a.id;
            p.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
            id
        })
        .collect();
    (p, ids)
}

#[test]
fn git_merges_project_files_through_stance_with_and_without_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    repository(dir);
    let (project, ids) = start_project();
    save(dir, &project);
    commit(dir, "start");

    // Clean: the two branches retag different annotations.
    ok(dir, &["checkout", "-q", "-b", "anna"]);
    retag(dir, ids[0], "position");
    commit(dir, "anna");
    ok(dir, &["checkout", "-q", "main"]);
    retag(dir, ids[1], "concession");
    commit(dir, "main");
    let out = git(dir, &["merge", "-q", "--no-edit", "anna"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = load(dir);
    assert_eq!(merged.annotation(ids[0]).unwrap().tag, "position");
    assert_eq!(merged.annotation(ids[1]).unwrap().tag, "concession");
    assert!(merged.conflicts().is_empty());

    // Conflict: both retag the third annotation differently.
    ok(dir, &["checkout", "-q", "-b", "boris"]);
    retag(dir, ids[2], "concession");
    commit(dir, "boris");
    ok(dir, &["checkout", "-q", "main"]);
    retag(dir, ids[2], "position");
    commit(dir, "main again");
    let out = git(dir, &["merge", "--no-edit", "boris"]);
    assert!(!out.status.success(), "git should report the conflict");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("CONFLICT"), "{stdout}");
    // The file still opens: ours provisionally, the conflict recorded with theirs.
    let merged = load(dir);
    assert_eq!(merged.annotation(ids[2]).unwrap().tag, "position");
    assert_eq!(merged.conflicts().len(), 1);
    let text = std::fs::read_to_string(dir.join("talks.ron")).unwrap();
    assert!(!text.contains("<<<<<<<"));
}
