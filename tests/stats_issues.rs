//! `stance stats` on a project with issues: a per-issue table of annotations, by tag, and
//! holders.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::process::Command;

use chrono::{DateTime, Utc};
use stance::io::formats::article::document_from_text;
use stance::io::save_project;
use stance::model::{Actor, Edit, Issue, Project};

fn t0() -> DateTime<Utc> {
    "2025-12-06T09:00:00Z".parse().unwrap()
}

/// Cells of the first line starting with `first`, split on the table's two-space gaps.
fn row(stdout: &str, first: &str) -> Vec<String> {
    stdout
        .lines()
        .find(|l| l.starts_with(first))
        .unwrap_or_else(|| panic!("no row {first:?} in\n{stdout}"))
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn stats_has_a_row_per_issue_with_tags_and_holders() {
    let mut p = Project::new("Florida talks");
    let text = "Ushakov: territory first. Trump: ceasefire now. Rubio: territory and ceasefire.";
    let doc = document_from_text("talks.txt", text, None);
    let doc_id = doc.id;
    p.apply(p.add_document(doc)).unwrap();
    let mut actors = Vec::new();
    for name in ["Yuri Ushakov", "Donald Trump"] {
        let actor = Actor::new(name, None);
        actors.push(actor.id);
        p.apply(p.add_actor(actor).unwrap()).unwrap();
    }
    let mut issues = Vec::new();
    for name in ["Territory", "Ceasefire", "Sanctions"] {
        let issue = Issue::new(name);
        issues.push(issue.id);
        p.apply(p.add_issue(issue).unwrap()).unwrap();
    }
    let spans = [
        "territory first",
        "ceasefire now",
        "territory and ceasefire",
        "Rubio",
    ];
    // (tag, holder, issues) per span.
    let plan = [
        ("position", Some(actors[0]), vec![issues[0]]),
        ("position", Some(actors[1]), vec![issues[1]]),
        ("claim", Some(actors[1]), vec![issues[0], issues[1]]),
        ("claim", None, vec![]),
    ];
    for (needle, (tag, holder, about)) in spans.iter().zip(plan) {
        let span = p.documents()[0].find(needle, 0).unwrap();
        let a = p.new_annotation(doc_id, tag, vec![span], t0()).unwrap();
        let id = a.id;
        p.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
        p.apply(p.set_holder(id, holder, t0()).unwrap()).unwrap();
        p.apply(p.set_issues(id, &about, t0()).unwrap()).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("issues.ron");
    save_project(&path, &p).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_stance"))
        .arg("stats")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let header = row(&stdout, "Issue");
    assert_eq!(
        header,
        [
            "Issue",
            "Annotations",
            "Claim",
            "Position",
            "Concession",
            "Holders"
        ]
    );
    assert_eq!(
        row(&stdout, "Territory"),
        [
            "Territory",
            "2",
            "1",
            "1",
            "0",
            "Yuri Ushakov, Donald Trump"
        ]
    );
    assert_eq!(
        row(&stdout, "Ceasefire"),
        ["Ceasefire", "2", "1", "1", "0", "Donald Trump"]
    );
    assert_eq!(row(&stdout, "Sanctions"), ["Sanctions", "0", "0", "0", "0"]);
    assert_eq!(
        row(&stdout, "(no issue)"),
        ["(no issue)", "1", "1", "0", "0"]
    );
}
