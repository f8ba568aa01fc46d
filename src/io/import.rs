//! Importing files into a project, all or nothing.
//!
//! [`import_paths`] dispatches each path by kind. Every change goes through the model's own
//! [`Edit`]s on a staged copy, so a failure part-way leaves the caller's project untouched and
//! the GUI can record the whole import as one undo step ([`import_edit`]).

use std::path::{Path, PathBuf};

use super::article::read_article;
use super::error::ImportError;
use crate::model::{DocumentId, Edit, Project};

/// What an import added, and what it deliberately left out (never silently).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Documents added, in order.
    pub documents: Vec<DocumentId>,
    pub annotations: usize,
    pub actors: usize,
    /// Files not imported, with the reason (e.g. the same text is already in the project).
    pub skipped: Vec<(PathBuf, String)>,
}

/// A copy of the project that an import changes through edits; committed only on success.
#[derive(Debug)]
pub struct Staging {
    project: Project,
    edits: Vec<Edit>,
    pub summary: ImportSummary,
}

impl Staging {
    #[must_use]
    pub fn new(project: &Project) -> Self {
        Self {
            project: project.clone(),
            edits: Vec::new(),
            summary: ImportSummary::default(),
        }
    }

    /// The project with everything staged so far.
    #[must_use]
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Applies an edit to the staged project, counting what it adds.
    ///
    /// # Errors
    /// The model refused the edit (reported against `path`).
    pub fn apply(&mut self, path: &Path, edit: Edit) -> Result<(), ImportError> {
        self.project
            .apply(edit.clone())
            .map_err(|source| ImportError::Rejected {
                path: path.to_path_buf(),
                source,
            })?;
        count_additions(&edit, &mut self.summary);
        self.edits.push(edit);
        Ok(())
    }

    /// Records a file left out on purpose.
    pub fn skip(&mut self, path: &Path, reason: impl Into<String>) {
        self.summary
            .skipped
            .push((path.to_path_buf(), reason.into()));
    }

    /// The staged edits as one batch, and the summary.
    #[must_use]
    pub fn into_edit(self) -> (Edit, ImportSummary) {
        (Edit::Batch(self.edits), self.summary)
    }
}

fn count_additions(edit: &Edit, summary: &mut ImportSummary) {
    match edit {
        Edit::InsertDocument { document, .. } => summary.documents.push(document.id),
        Edit::AddAnnotation(_) => summary.annotations += 1,
        Edit::InsertActor { .. } => summary.actors += 1,
        Edit::Batch(edits) => edits.iter().for_each(|e| count_additions(e, summary)),
        _ => {}
    }
}

/// Imports files into `into`: `.txt` and `.md` articles become documents. All or nothing:
/// on error, `into` is unchanged.
///
/// # Errors
/// The first file that cannot be imported, naming it.
pub fn import_paths(paths: &[PathBuf], into: &mut Project) -> Result<ImportSummary, ImportError> {
    let mut staging = Staging::new(into);
    for path in paths {
        import_one(path, &mut staging)?;
    }
    *into = staging.project;
    Ok(staging.summary)
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
    let mut staging = Staging::new(project);
    for path in paths {
        import_one(path, &mut staging)?;
    }
    Ok(staging.into_edit())
}

/// Dispatches one path by its kind.
fn import_one(path: &Path, staging: &mut Staging) -> Result<(), ImportError> {
    if path.is_dir() {
        return super::exchange::import_brat_folder(path, staging);
    }
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "txt" | "text" | "md" | "markdown" => import_article(path, staging),
        // brat pairs, and Stance's own json/jsonl/W3C exports (see `super::exchange`).
        "ann" => super::exchange::import_brat_file(path, staging),
        "json" | "jsonl" | "jsonld" => super::exchange::import_json_file(path, staging),
        "" => Err(ImportError::Unsupported {
            path: path.to_path_buf(),
            what: "a file without an extension".to_owned(),
        }),
        other => Err(ImportError::Unsupported {
            path: path.to_path_buf(),
            what: format!(".{other} files"),
        }),
    }
}

fn import_article(path: &Path, staging: &mut Staging) -> Result<(), ImportError> {
    let document = read_article(path)?;
    if let Some(same) = staging
        .project()
        .documents
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
    let index = staging.project().documents.len();
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
            project.documents.is_empty(),
            "a failed import changes nothing"
        );

        let summary = import_paths(&[a.clone(), b, a.clone()], &mut project).unwrap();
        assert_eq!(summary.documents.len(), 2);
        assert_eq!(summary.skipped.len(), 1);
        assert_eq!(summary.skipped[0].0, a);
        let titles: Vec<_> = project.documents.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["A", "Second"]);
        assert_eq!(project.documents[0].text, "First article.");
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
        assert_eq!(project.documents.len(), 1);
        project.apply(undo).unwrap();
        assert!(project.documents.is_empty());
    }
}
