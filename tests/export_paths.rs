//! File names derived from titles cannot leave the chosen folder, and never collide.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use stance::io::export::{ExportFormat, ExportOptions, ExportOutput, export, suggested_file_name};
use stance::model::{Document, Edit, Project};

#[test]
fn hostile_titles_stay_inside_the_export_folder() {
    let mut project = Project::new("../../etc/passwd");
    let titles = [
        "../../x",
        "/abs/path",
        "..",
        "annotation",
        "Same",
        "same",
        "",
        "a\\..\\b",
    ];
    for (index, title) in titles.iter().enumerate() {
        let doc = Document::new(*title, format!("Text {index}."));
        project
            .apply(Edit::InsertDocument {
                index,
                document: Box::new(doc),
            })
            .unwrap();
    }
    let ExportOutput::Folder(files) =
        export(&project, &ExportOptions::new(ExportFormat::Brat)).unwrap()
    else {
        panic!("brat is a folder");
    };
    let names: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
    // Two files per document plus the two .conf files, all distinct.
    assert_eq!(names.len(), titles.len() * 2 + 2);
    let mut unique = names.clone();
    unique.sort_by_key(|n| n.to_lowercase());
    unique.dedup_by_key(|n| n.to_lowercase());
    assert_eq!(unique.len(), names.len(), "{names:?}");
    assert_eq!(names.iter().filter(|n| *n == "annotation.conf").count(), 1);

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    export(&project, &ExportOptions::new(ExportFormat::Brat))
        .unwrap()
        .write(&out, false)
        .unwrap();
    let written: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(written.len(), names.len());
    let outside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "out")
        .collect();
    assert!(outside.is_empty(), "files escaped the folder: {outside:?}");

    let suggested = suggested_file_name(&project, ExportFormat::Csv);
    assert!(
        !suggested.contains('/') && !suggested.contains(".."),
        "{suggested}"
    );
}

#[test]
fn a_folder_export_refuses_to_replace_files_unless_asked() {
    let mut project = Project::new("p");
    let doc = Document::new("Talks", "Text.".to_owned());
    project
        .apply(Edit::InsertDocument {
            index: 0,
            document: Box::new(doc),
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let output = export(&project, &ExportOptions::new(ExportFormat::Brat)).unwrap();
    output.write(dir.path(), false).unwrap();
    std::fs::write(dir.path().join("Talks.ann"), "keep me").unwrap();
    assert!(output.write(dir.path(), false).is_err());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("Talks.ann")).unwrap(),
        "keep me"
    );
    output.write(dir.path(), true).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("Talks.ann")).unwrap(),
        ""
    );
}
