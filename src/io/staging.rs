//! [`Staging`]: a copy of the project that an import changes through the model's own
//! [`Edit`]s, committed only when every file was read, and the [`ImportSummary`] of what it
//! added. The formats' readers stage into it; [`super::import`] dispatches to them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::error::{ImportError, TextPosition};
use super::formats::article::{ArticleMeta, Origin, RefusedArticle};
use crate::model::{Annotation, AnnotationId, DerivedCache, DocumentId, Edit, Project};

/// What an import added, and what it deliberately left out (never silently).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Documents added, in order.
    pub documents: Vec<DocumentId>,
    pub annotations: usize,
    pub actors: usize,
    /// Files not imported, with the reason (e.g. the same text is already in the project).
    pub skipped: Vec<(PathBuf, String)>,
    /// Where each article added came from and where its title, date, outlet… were read.
    pub intake: Vec<DocumentIntake>,
    /// Files and articles that could not be read, with the reason; the rest were added.
    pub refused: Vec<RefusedArticle>,
}

/// One article the import added as a document: where it was read and its metadata with
/// each value's source (what `stance import` prints).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentIntake {
    pub document: DocumentId,
    pub origin: Origin,
    pub meta: ArticleMeta,
}

/// A copy of the project that an import changes through edits; committed only on success.
///
/// Annotations are checked one by one as they are read (so an error names its line) but added
/// together in one [`Edit::AddAnnotations`] when another edit or the end of the import needs
/// them: added one by one, each would scan every annotation already there.
#[derive(Debug)]
pub struct Staging {
    project: Project,
    edits: Vec<Edit>,
    /// Checked annotations not yet in `project`, and their indices by id.
    pending: Vec<Annotation>,
    pending_ids: HashMap<AnnotationId, usize>,
    /// Positions of `project`'s annotations by id, for the staged state they were read at.
    positions: DerivedCache<(), HashMap<AnnotationId, usize>>,
    pub summary: ImportSummary,
}

impl Staging {
    #[must_use]
    pub fn new(project: &Project) -> Self {
        Self {
            project: project.clone(),
            edits: Vec::new(),
            pending: Vec::new(),
            pending_ids: HashMap::new(),
            positions: DerivedCache::default(),
            summary: ImportSummary::default(),
        }
    }

    /// The project with everything staged so far, except annotations still pending.
    #[must_use]
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Applies an edit to the staged project (after the pending annotations), counting what it
    /// adds.
    ///
    /// # Errors
    /// The model refused the edit (reported against `path`).
    pub fn apply(&mut self, path: &Path, edit: Edit) -> Result<(), ImportError> {
        self.flush(path)?;
        self.apply_now(path, edit)
    }

    fn apply_now(&mut self, path: &Path, edit: Edit) -> Result<(), ImportError> {
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

    /// Checks an annotation read from `path` (at `line`, described by `place`) and queues it.
    /// One identical to an annotation already staged is skipped, so importing the same file
    /// twice changes nothing.
    ///
    /// # Errors
    /// The id is taken by other content, or the annotation breaks a rule of the project.
    pub fn add_annotation(
        &mut self,
        path: &Path,
        line: Option<usize>,
        place: &str,
        annotation: Annotation,
    ) -> Result<(), ImportError> {
        let refuse = |message: String| ImportError::Invalid {
            path: path.to_path_buf(),
            position: line.map(|line| TextPosition { line, col: 1 }),
            message: format!("{place}: {message}"),
        };
        let existing = match self.pending_ids.get(&annotation.id) {
            Some(&index) => self.pending.get(index),
            None => self.staged_annotation(annotation.id),
        };
        if let Some(existing) = existing {
            if *existing == annotation {
                return Ok(());
            }
            return Err(refuse(
                "the project already has this annotation id with other content".to_owned(),
            ));
        }
        (self.project)
            .check_annotation_edit(&annotation)
            .map_err(|e| refuse(e.to_string()))?;
        self.pending_ids.insert(annotation.id, self.pending.len());
        self.pending.push(annotation);
        Ok(())
    }

    /// The staged project's annotation with this id, found through a map that is rebuilt only
    /// after the project changed: a linear search per record would make imports quadratic.
    fn staged_annotation(&mut self, id: AnnotationId) -> Option<&Annotation> {
        let project = &self.project;
        let positions = self.positions.get_or_build(project.key(), (), || {
            (project.annotations().iter().enumerate())
                .map(|(i, a)| (a.id, i))
                .collect()
        });
        project.annotation_at(*positions.get(&id)?)
    }

    /// Adds the pending annotations to the staged project in one edit.
    fn flush(&mut self, path: &Path) -> Result<(), ImportError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let annotations = std::mem::take(&mut self.pending);
        self.pending_ids.clear();
        self.apply_now(path, Edit::AddAnnotations(annotations))
    }

    /// Stages an issue, checked by the model like every other staged edit, so the GUI's
    /// one-step import carries issues too.
    ///
    /// # Errors
    /// The model refuses the issue (no name, a taken id or name).
    pub fn add_issue(
        &mut self,
        path: &Path,
        issue: crate::model::Issue,
    ) -> Result<(), ImportError> {
        let index = self.project.issues().len();
        self.apply(path, Edit::InsertIssue { index, issue })
    }

    /// Records a file left out on purpose.
    pub fn skip(&mut self, path: &Path, reason: impl Into<String>) {
        self.summary
            .skipped
            .push((path.to_path_buf(), reason.into()));
    }

    /// The staged project, its edits as one batch, and the summary.
    ///
    /// # Errors
    /// The pending annotations were refused (not expected: each was checked when queued).
    pub(super) fn finish(
        mut self,
        path: &Path,
    ) -> Result<(Project, Edit, ImportSummary), ImportError> {
        self.flush(path)?;
        Ok((self.project, Edit::Batch(self.edits), self.summary))
    }
}

fn count_additions(edit: &Edit, summary: &mut ImportSummary) {
    match edit {
        Edit::InsertDocument { document, .. } => summary.documents.push(document.id),
        Edit::AddAnnotation(_) => summary.annotations += 1,
        Edit::AddAnnotations(annotations) => summary.annotations += annotations.len(),
        Edit::InsertActor { .. } => summary.actors += 1,
        Edit::Batch(edits) => edits.iter().for_each(|e| count_additions(e, summary)),
        _ => {}
    }
}
