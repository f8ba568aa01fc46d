//! The command line, run as a user would: `stance import`, `validate` and `stats`.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use stance::io::load_project;

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

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron")
}

fn article() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/ukraine-talks-2025-12-05.txt")
}

#[test]
fn validate_passes_the_bundled_sample() {
    let output = stance(&[&"validate", &sample()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    let stdout = text(&output.stdout);
    assert_eq!(
        stdout.lines().count(),
        1,
        "one line per valid file: {stdout}"
    );
    let project = load_project(&sample()).unwrap().project;
    assert!(stdout.contains(&stance::analysis::wording::counted(
        project.annotations().len(),
        "annotation"
    )));
    assert!(output.stderr.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["validate"],
        vec!["import", "a.txt"],
        vec!["stats"],
        vec!["validate", "--no-such-flag", "x.ron"],
        vec!["frobnicate", "x"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_stance"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&output.stderr)
        );
    }
}

#[test]
fn import_makes_a_valid_project_from_the_reference_article() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("talks.ron");
    let output = stance(&[&"import", &article(), &"-o", &out]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let loaded = load_project(&out).unwrap();
    assert!(loaded.problems.is_empty());
    let doc = &loaded.project.documents()[0];
    assert!(doc.text.starts_with("President Trump's advisers"));
    assert_eq!(doc.date.unwrap().to_string(), "2025-12-05");
    assert_eq!(loaded.project.title(), doc.title);
    assert!(text(&output.stdout).contains(&doc.title));

    let validate = stance(&[&"validate", &out]);
    assert_eq!(validate.status.code(), Some(0));
}

#[test]
fn import_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("talks.ron");
    fs::write(&out, b"precious work").unwrap();
    let output = stance(&[&"import", &article(), &"-o", &out]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("--force"));
    assert_eq!(fs::read(&out).unwrap(), b"precious work");

    let forced = stance(&[&"import", &article(), &"-o", &out, &"--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    assert!(load_project(&out).is_ok());
    assert_eq!(
        fs::read(dir.path().join("talks.ron.bak")).unwrap(),
        b"precious work"
    );
}

#[test]
fn import_refuses_to_write_over_one_of_its_inputs_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("talks.txt");
    fs::copy(article(), &input).unwrap();
    let before = fs::read(&input).unwrap();
    // The same file under another spelling is still the input.
    let same = dir.path().join(".").join("talks.txt");
    let output = stance(&[&"import", &article(), &input, &"-o", &same, &"--force"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("is one of the inputs"), "{stderr}");
    assert!(stderr.contains("choose another output"), "{stderr}");
    assert_eq!(fs::read(&input).unwrap(), before);
    assert!(!dir.path().join("talks.txt.bak").exists());
}

#[test]
fn import_takes_several_articles_and_a_title() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("briefing.md");
    fs::write(
        &md,
        "# Briefing on the talks\r\n\r\nRubio said: \"productive\".\r\n",
    )
    .unwrap();
    let out = dir.path().join("two.ron");
    let output = stance(&[
        &"import",
        &article(),
        &md,
        &"-o",
        &out,
        &"--title",
        &"Two sources",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let project = load_project(&out).unwrap().project;
    assert_eq!(project.title(), "Two sources");
    let titles: Vec<&str> = project
        .documents()
        .iter()
        .map(|d| d.title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["Ukraine talks 2025-12-05", "Briefing on the talks"]
    );
    assert!(!project.documents()[1].text.contains('\r'));
}

#[test]
fn import_refuses_bad_articles_by_name_and_writes_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let utf16 = dir.path().join("utf16.txt");
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend("Talks resumed.".encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(&utf16, bytes).unwrap();
    let latin1 = dir.path().join("latin1.txt");
    fs::write(&latin1, b"Line one\nCaf\xe9 talks").unwrap();
    let pdf = dir.path().join("report.pdf");
    fs::write(&pdf, b"%PDF-1.7").unwrap();
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, b" date 2025-12-05 \n").unwrap();
    let out = dir.path().join("out.ron");
    for (input, fragment) in [
        (&utf16, "UTF-16"),
        (&latin1, "latin1.txt:2:4: the file is not valid UTF-8"),
        (&pdf, "not a readable PDF: the file is damaged or truncated"),
        (&empty, "has no text"),
        (&dir.path().join("missing.txt"), "could not read"),
    ] {
        let output = stance(&[&"import", &article(), input, &"-o", &out, &"--force"]);
        let stderr = text(&output.stderr);
        // Issue 19: a refused article is listed with its reason and the rest is written;
        // the exit status says something was refused.
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(fragment), "{fragment:?} not in {stderr:?}");
        assert!(stderr.contains(&format!("refused {}", input.display())));
        assert!(stderr.contains("1 refused; the rest is in"), "{stderr}");
        let written = load_project(&out).unwrap().project;
        assert_eq!(written.documents().len(), 1, "the good article alone");
        fs::remove_file(&out).unwrap();
    }
}

#[test]
fn stats_counts_per_document_tag_and_holder() {
    let output = stance(&[&"stats", &sample()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    let project = load_project(&sample()).unwrap().project;
    let total = project.annotations().len();
    // The row whose first cell is `first` exactly: the actor "Ukraine" is not the document
    // "Ukraine talks 2025-12-05".
    let row = |first: &str| -> Vec<String> {
        stdout
            .lines()
            .map(|l| -> Vec<String> {
                l.split("  ")
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .find(|cells| cells.first().is_some_and(|c| c == first))
            .unwrap_or_else(|| panic!("no row {first:?} in\n{stdout}"))
    };
    let doc = &project.documents()[0];
    assert_eq!(row(&doc.title)[2], total.to_string());
    assert_eq!(row("Total")[1], total.to_string());
    for tag in &project.schema().tags {
        let n = project
            .annotations()
            .iter()
            .filter(|a| a.tag == tag.key)
            .count();
        assert_eq!(row(&tag.name)[1], n.to_string(), "{}", tag.name);
    }
    for actor in project.actors() {
        let cells = row(&actor.name);
        assert_eq!(
            cells[1],
            stance::analysis::affiliation_of(&project, actor.id).unwrap_or_default()
        );
        assert_eq!(
            cells[2],
            (project.annotations().iter())
                .filter(|a| a.is_held_by(actor.id))
                .count()
                .to_string(),
            "{}",
            actor.name
        );
    }
    let unheld = project
        .annotations()
        .iter()
        .filter(|a| a.holders.is_empty())
        .count();
    assert_eq!(row("(no holder)")[1], unheld.to_string());
}

#[test]
fn output_to_a_closed_pipe_does_not_panic() {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_stance"))
        .arg("stats")
        .arg(sample())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(!text(&output.stderr).contains("panicked"));
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
}
