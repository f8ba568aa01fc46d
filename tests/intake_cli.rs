//! `stance import` says where each title, date and outlet came from; `stance docs` lists and
//! corrects document properties.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

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

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/intake")
        .join(name)
}

#[test]
fn import_prints_each_value_and_its_source_and_lists_the_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("talks.ron");
    let article = data("six/ledger_2016-09-06_envoys-press-for-truce-in-the-valley-t.txt");
    let output = stance(&[&"import", &article, &data("scan.pdf"), &"-o", &out]);
    let stdout = text(&output.stdout);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "some refused: {stderr}");
    assert!(
        stdout.contains("title: Envoys Press for Truce in the Valley Talks (first line)"),
        "{stdout}"
    );
    assert!(stdout.contains("date: 2016-09-06 (file name)"), "{stdout}");
    assert!(stdout.contains("outlet: none found"), "{stdout}");
    assert!(
        stderr.contains("scan.pdf: the PDF has no text layer"),
        "{stderr}"
    );
    assert!(stderr.contains("run OCR first"), "{stderr}");
    // The good article was written all the same.
    let project = load_project(&out).unwrap().project;
    assert_eq!(project.documents().len(), 1);

    let out2 = dir.path().join("nexis.ron");
    let output = stance(&[&"import", &data("nexis_uni.txt"), &"-o", &out2]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("nexis_uni.txt (article 2 of 2, line 27)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("outlet: Harbour Times (Nexis field)"),
        "{stdout}"
    );
    assert!(stdout.contains("language: en (Nexis field)"), "{stdout}");
}

#[test]
fn docs_lists_documents_and_sets_their_properties() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("talks.ron");
    let six = data("six");
    assert!(stance(&[&"import", &six, &"-o", &out]).status.success());

    let listed = text(&stance(&[&"docs", &out]).stdout);
    let rows = listed
        .lines()
        .filter(|l| !l.starts_with(" ") && l.contains("  2016-09-"));
    assert_eq!(rows.count(), 6, "{listed}");
    assert!(
        listed.contains("2016-09-08  Baltic Wire  Ministers See Room"),
        "{listed}"
    );

    let output = stance(&[
        &"docs",
        &out,
        &"--set",
        &"valley council accepts three weeks",
        &"outlet=Baltic Courier",
        &"date=10 September 2016",
        &"author=Jonas Petrauskas",
        &"language=en",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let project = load_project(&out).unwrap().project;
    let doc = (project.documents().iter())
        .find(|d| d.title == "Valley Council Accepts Three Weeks")
        .unwrap();
    assert_eq!(doc.outlet.as_deref(), Some("Baltic Courier"));
    assert_eq!(
        doc.date.map(|d| d.to_string()).as_deref(),
        Some("2016-09-10")
    );
    assert_eq!(doc.author.as_deref(), Some("Jonas Petrauskas"));
    assert_eq!(doc.language.as_deref(), Some("en"));

    let cleared = stance(&[&"docs", &out, &"--set", &doc.id.to_string(), &"outlet="]);
    assert!(cleared.status.success());
    let project = load_project(&out).unwrap().project;
    assert_eq!(project.document(doc.id).unwrap().outlet, None);

    for bad in ["title=", "colour=red", "date=someday", "outlet"] {
        let refused = stance(&[&"docs", &out, &"--set", &doc.id.to_string(), &bad]);
        assert_eq!(refused.status.code(), Some(1), "{bad}");
        assert!(text(&refused.stderr).starts_with("stance docs: "), "{bad}");
    }
    let unknown = stance(&[&"docs", &out, &"--set", &"No such article", &"outlet=x"]);
    assert!(
        text(&unknown.stderr).contains("no document"),
        "{}",
        text(&unknown.stderr)
    );
}
