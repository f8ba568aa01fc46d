//! `stance suggest` and `stance eval`, run as a user would on the reference article.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use stance::io::load_project;
use stance::model::Attribution;

fn stance(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stance"));
    for arg in args {
        command.arg(arg);
    }
    command.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A project of the reference article, with no annotations.
fn imported(dir: &Path) -> PathBuf {
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/ukraine-talks-2025-12-05.txt");
    let project = dir.join("ref.ron");
    let out = stance(&[&"import", &article, &"-o", &project]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    project
}

#[test]
fn suggest_prints_tab_separated_lines_and_accepts_by_tier() {
    let dir = tempfile::tempdir().unwrap();
    let project = imported(dir.path());
    let out = stance(&[&"suggest", &project]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<Vec<&str>> = stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert!(lines.iter().all(|l| l.len() == 7), "{stdout}");
    let high = lines.iter().filter(|l| l[4] == "high").count();
    assert!(high >= 5, "{stdout}");
    assert!(
        lines
            .iter()
            .any(|l| l[2] == "Yuri Ushakov (new)" && l[5] == "concession"),
        "{stdout}"
    );

    let accepted = dir.path().join("high.ron");
    let out = stance(&[&"suggest", &project, &"-o", &accepted]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let loaded = load_project(&accepted).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.project.annotations().len(), high);
    assert!(
        loaded
            .project
            .annotations()
            .iter()
            .all(|a| !a.holders.is_empty() && !a.cue.is_empty())
    );

    // The output exists: refused without --force.
    let out = stance(&[&"suggest", &project, &"-o", &accepted]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--force"),
        "{}",
        text(&out.stderr)
    );

    // Accepting everything over the accepted project adds the rest and duplicates nothing.
    let all = dir.path().join("all.ron");
    let out = stance(&[&"suggest", &accepted, &"-o", &all, &"--accept", &"all"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let loaded = load_project(&all).unwrap();
    assert_eq!(loaded.project.annotations().len(), lines.len());
    let unknown = stance(&[&"suggest", &project, &"--document", &"no such title"]);
    assert!(!unknown.status.success());
}

#[test]
fn eval_scores_one_project_against_another() {
    let dir = tempfile::tempdir().unwrap();
    let project = imported(dir.path());
    let high = dir.path().join("high.ron");
    let all = dir.path().join("all.ron");
    assert!(
        stance(&[&"suggest", &project, &"-o", &high])
            .status
            .success()
    );
    assert!(
        stance(&[&"suggest", &project, &"-o", &all, &"--accept", &"all"])
            .status
            .success()
    );
    let count = |p: &Path| load_project(p).unwrap().project.annotations().len();
    let (n_high, n_all) = (count(&high), count(&all));
    assert!(n_high < n_all);

    let out = stance(&[&"eval", &"--gold", &all, &"--pred", &high, &"--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    let exact = &json["spans"][0];
    assert_eq!(exact["matched"].as_u64(), Some(n_high as u64));
    assert_eq!(exact["precision"].as_f64(), Some(1.0));
    let recall = exact["recall"].as_f64().unwrap();
    assert!((recall - n_high as f64 / n_all as f64).abs() < 1e-9);
    assert_eq!(json["speaker"]["accuracy"].as_f64(), Some(1.0));
    let direct = Attribution::Direct.as_str();
    assert!(
        json["by_type"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["attribution"] == direct)
    );

    let out = stance(&[&"eval", &"--gold", &all, &"--pred", &all]);
    let plain = text(&out.stdout);
    assert!(
        plain.contains("spans\texact\tP 1.000\tR 1.000\tF1 1.000"),
        "{plain}"
    );

    // A brat export of the same annotations is a gold source too.
    let brat = dir.path().join("brat");
    let out = stance(&[&"export", &all, &"-f", &"brat", &"-o", &brat]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = stance(&[&"eval", &"--gold", &brat, &"--pred", &all, &"--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    assert_eq!(json["spans"][0]["recall"].as_f64(), Some(1.0), "{json}");
}

#[test]
fn eval_refuses_sources_of_different_texts() {
    let dir = tempfile::tempdir().unwrap();
    let project = imported(dir.path());
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "Another article entirely.").unwrap();
    let other_project = dir.path().join("other.ron");
    assert!(
        stance(&[&"import", &other, &"-o", &other_project])
            .status
            .success()
    );
    let out = stance(&[&"eval", &"--gold", &project, &"--pred", &other_project]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("share no text"),
        "{}",
        text(&out.stderr)
    );
}

/// The suggestion list's bulk answers, from a script: `--with-speaker` accepts only
/// suggestions that name their speaker, `--reject TYPE` rejects every one of a type (they
/// are remembered and not suggested again); each line says why its speaker was chosen.
#[test]
fn suggest_accepts_those_with_a_speaker_and_rejects_a_type() {
    let dir = tempfile::tempdir().unwrap();
    let project = imported(dir.path());
    let out = stance(&[&"suggest", &project]);
    let stdout = text(&out.stdout);
    let lines: Vec<Vec<&str>> = stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert!(
        lines.iter().any(|l| l[6].contains(" → ")),
        "a resolved speaker says whom its words were taken to mean: {stdout}"
    );
    let direct = lines.iter().filter(|l| l[3] == "direct").count();
    let kept_with_speaker = (lines.iter())
        .filter(|l| l[3] != "direct" && l[2] != "-")
        .count();
    assert!(direct > 0 && kept_with_speaker > 0, "{stdout}");

    let answered = dir.path().join("answered.ron");
    let out = stance(&[
        &"suggest",
        &project,
        &"-o",
        &answered,
        &"--accept",
        &"all",
        &"--with-speaker",
        &"--reject",
        &"direct",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains(&format!("{direct} rejected")),
        "{}",
        text(&out.stderr)
    );
    let loaded = load_project(&answered).unwrap().project;
    assert_eq!(loaded.rejected_suggestions().len(), direct);
    assert_eq!(loaded.annotations().len(), kept_with_speaker);
    assert!(
        loaded
            .annotations()
            .iter()
            .all(|a| !a.holders.is_empty() && a.attribution != Some(Attribution::Direct))
    );
    // Nothing rejected or accepted is suggested again.
    let again = text(&stance(&[&"suggest", &answered]).stdout);
    assert!(again.lines().all(|l| !l.contains("\tdirect\t")), "{again}");
}
