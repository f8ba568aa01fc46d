//! Golden files: every export format of `saves/ukraine-talks.ron`, compared byte for byte with
//! `tests/data/golden/`. After an intended change, regenerate them with
//! `STANCE_BLESS=1 cargo test --test export_golden` and review the diff.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod golden;

use std::path::{Path, PathBuf};

use golden::{blessing, check, golden_dir, sample};

use stance::io::export::{ExportFormat, ExportOptions, ExportOutput, export};

fn check_format(format: ExportFormat) {
    let project = sample();
    let output = export(&project, &ExportOptions::new(format)).unwrap();
    // `export` borrows the project immutably, so it cannot change it; what can go wrong is
    // output that depends on hash-map order or the clock, which a second export would show.
    let again = export(&project, &ExportOptions::new(format)).unwrap();
    assert_eq!(output, again, "{format}: two exports of one project differ");
    match output {
        ExportOutput::File(bytes) => {
            let ext = format.extension().unwrap();
            check(Path::new(&format!("ukraine-talks.{ext}")), &bytes);
        }
        ExportOutput::Folder(files) => {
            assert!(files.len() >= 4);
            let folder = Path::new("ukraine-talks-brat");
            if !blessing() {
                // A file the export stopped writing must fail too, not only a changed one.
                let mut golden: Vec<PathBuf> = std::fs::read_dir(golden_dir().join(folder))
                    .unwrap()
                    .map(|e| PathBuf::from(e.unwrap().file_name()))
                    .collect();
                golden.sort();
                let mut exported: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
                exported.sort();
                assert_eq!(exported, golden);
            }
            for (relative, bytes) in files {
                check(&folder.join(relative), &bytes);
            }
        }
    }
}

#[test]
fn csv_matches_golden() {
    check_format(ExportFormat::Csv);
}

#[test]
fn json_matches_golden() {
    check_format(ExportFormat::Json);
}

#[test]
fn jsonl_matches_golden() {
    check_format(ExportFormat::Jsonl);
}

#[test]
fn markdown_matches_golden() {
    check_format(ExportFormat::Markdown);
}

#[test]
fn brat_matches_golden() {
    check_format(ExportFormat::Brat);
}

#[test]
fn w3c_matches_golden() {
    check_format(ExportFormat::W3c);
}

#[test]
fn filtered_csv_matches_golden() {
    let project = sample();
    let holder = project.actors().first().unwrap().id;
    let options = ExportOptions {
        tags: vec!["claim".to_owned(), "position".to_owned()],
        holder: Some(holder),
        excel: true,
        ..ExportOptions::new(ExportFormat::Csv)
    };
    let ExportOutput::File(bytes) = export(&project, &options).unwrap() else {
        panic!("csv is one file");
    };
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "--excel adds a BOM"
    );
    check(
        Path::new("ukraine-talks-claims-positions-first-holder.csv"),
        &bytes,
    );
}
