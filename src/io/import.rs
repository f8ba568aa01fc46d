//! Importing files into a project, all or nothing: dispatches each path to the format that
//! reads it.
//!
//! [`import_paths`] dispatches each path by kind. Every change goes through the model's own
//! [`Edit`]s on a staged copy, so a failure part-way leaves the caller's project untouched and
//! the GUI can record the whole import as one undo step ([`import_edit`]).

use std::path::{Path, PathBuf};

use super::error::ImportError;
use super::file_kind::{FileKind, classify};
use super::file_name::lowercase_extension;
use super::folder::{FolderContents, is_readme, survey_folder};
use super::formats::article::read_article;
use super::formats::json::{
    EXPORT_FORMAT_NAME, JSONL_EXTENSION, import_jsonl_text, import_stance_json_text,
};
use super::formats::{brat, invalid, json_error, read_text, w3c};
use super::staging::Staging;
use crate::model::{Edit, Project};

pub use super::staging::ImportSummary;

/// Imports files into `into`: `.txt` and `.md` articles become documents. All or nothing:
/// on error, `into` is unchanged.
///
/// # Errors
/// The first file that cannot be imported, naming it.
pub fn import_paths(paths: &[PathBuf], into: &mut Project) -> Result<ImportSummary, ImportError> {
    let (project, _, summary) = stage(paths, into)?;
    *into = project;
    Ok(summary)
}

/// The edit that imports `paths` into `project` (one [`Edit::Batch`]), for the GUI to apply
/// through its history so the import is one undo step.
///
/// # Errors
/// As [`import_paths`].
pub fn import_edit(
    paths: &[PathBuf],
    project: &Project,
) -> Result<(Edit, ImportSummary), ImportError> {
    let (_, edit, summary) = stage(paths, project)?;
    Ok((edit, summary))
}

/// Imports every path into a staged copy of `project`.
fn stage(
    paths: &[PathBuf],
    project: &Project,
) -> Result<(Project, Edit, ImportSummary), ImportError> {
    let mut staging = Staging::new(project);
    for path in paths {
        import_one(path, &mut staging)?;
    }
    // Pending annotations are all valid; an error here would name the last file.
    let last = paths.last().map_or(Path::new(""), PathBuf::as_path);
    staging.finish(last)
}

/// Dispatches one path by its kind.
fn import_one(path: &Path, staging: &mut Staging) -> Result<(), ImportError> {
    let extension = lowercase_extension(path);
    match classify(path) {
        FileKind::BratFolder => import_folder(path, staging),
        FileKind::Article => import_article(path, staging),
        // brat pairs, and Stance's own json/jsonl/W3C exports (see `super::formats`).
        FileKind::Annotations if extension == brat::ANN_EXTENSION => {
            brat::import_brat_file(path, staging)
        }
        FileKind::Annotations => import_json_file(path, staging),
        FileKind::Project => Err(ImportError::Unsupported {
            path: path.to_path_buf(),
            what: "Stance projects (open them instead)".to_owned(),
        }),
        FileKind::Unknown if extension.is_empty() => Err(ImportError::Unsupported {
            path: path.to_path_buf(),
            what: "a file without an extension".to_owned(),
        }),
        FileKind::Unknown => Err(ImportError::Unsupported {
            path: path.to_path_buf(),
            what: format!(".{extension} files"),
        }),
    }
}

/// Imports a `.json`, `.jsonl` or `.jsonld` file: a Stance JSON export, Stance JSON Lines, or
/// W3C Web Annotation JSON-LD (told apart by content).
///
/// # Errors
/// Unreadable or malformed files, or data that contradicts the project.
pub fn import_json_file(path: &Path, staging: &mut Staging) -> Result<(), ImportError> {
    let text = read_text(path)?;
    if lowercase_extension(path) == JSONL_EXTENSION {
        return import_jsonl_text(path, &text, staging);
    }
    match json_kind(&text) {
        Some(JsonKind::StanceExport) => import_stance_json_text(path, &text, staging),
        Some(JsonKind::W3c) => w3c::import_w3c_text(path, &text, staging),
        None => match serde_json::from_str::<serde_json::Value>(&text) {
            Err(e) => Err(json_error(path, 0, &e)),
            Ok(_) => Err(invalid(
                path,
                None,
                format!(
                    "not a Stance export (\"format\": \"{EXPORT_FORMAT_NAME}\") nor W3C Web Annotation JSON-LD"
                ),
            )),
        },
    }
}

/// What kind of exchange file a `.json`/`.jsonld` holds, judged by its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    StanceExport,
    W3c,
}

/// Tells a Stance JSON export from a W3C Web Annotation file.
#[must_use]
pub fn json_kind(text: &str) -> Option<JsonKind> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    if value.get("format").and_then(|f| f.as_str()) == Some(EXPORT_FORMAT_NAME) {
        return Some(JsonKind::StanceExport);
    }
    let kind = value.get("type").and_then(|t| t.as_str());
    let w3c = value.get("@context").is_some()
        || matches!(
            kind,
            Some("AnnotationCollection" | "AnnotationPage" | "Annotation")
        );
    w3c.then_some(JsonKind::W3c)
}

/// A folder: one brat corpus, every article in it, or every brat corpus in its subfolders.
fn import_folder(dir: &Path, staging: &mut Staging) -> Result<(), ImportError> {
    match survey_folder(dir)? {
        FolderContents::Brat => brat::import_brat_folder(dir, staging),
        FolderContents::Articles(files) => {
            for file in files {
                if is_readme(&file) {
                    staging.skip(&file, "a README or licence, not an article");
                } else {
                    import_article(&file, staging)?;
                }
            }
            Ok(())
        }
        FolderContents::BratFolders(folders) => {
            for folder in folders {
                brat::import_brat_folder(&folder, staging)?;
            }
            Ok(())
        }
    }
}

fn import_article(path: &Path, staging: &mut Staging) -> Result<(), ImportError> {
    let document = read_article(path)?;
    if let Some(same) = staging
        .project()
        .documents()
        .iter()
        .find(|d| d.text_hash == document.text_hash)
    {
        let reason = format!(
            "the same text is already in the project as {:?}",
            same.title
        );
        staging.skip(path, reason);
        return Ok(());
    }
    let index = staging.project().documents().len();
    staging.apply(
        path,
        Edit::InsertDocument {
            index,
            document: Box::new(document),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.md");
        let bad = dir.path().join("c.txt");
        std::fs::write(&a, "date 2025-12-05 First article.").unwrap();
        std::fs::write(&b, "# Second\n\nSecond article.").unwrap();
        std::fs::write(&bad, [0xff, 0xfe, b'x', 0]).unwrap();

        let mut project = Project::new("t");
        let err = import_paths(&[a.clone(), b.clone(), bad.clone()], &mut project).unwrap_err();
        assert_eq!(err.path(), bad);
        assert!(
            project.documents().is_empty(),
            "a failed import changes nothing"
        );

        let summary = import_paths(&[a.clone(), b, a.clone()], &mut project).unwrap();
        assert_eq!(summary.documents.len(), 2);
        assert_eq!(summary.skipped.len(), 1);
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
            ("a.pdf", FileKind::Unknown),
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
        let err = import_paths(&[path], &mut project).unwrap_err();
        assert!(err.to_string().contains("open them instead"), "{err}");
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
}
