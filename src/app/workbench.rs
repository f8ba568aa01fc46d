//! [`Workbench`]: what every controller works on — the session (project, history, file),
//! what the user is looking at, the dialogs, toasts, preferences and the panels' own state —
//! and the few steps they all share: applying an edit, selecting an annotation, replacing
//! the project.

use std::path::{Path, PathBuf};

use chrono::Utc;

use super::dialog::Dialogs;
use super::intent::Intent;
use super::layout::Panels;
use super::prefs::{Preferences, ProjectPosition};
use super::session::Session;
use super::view::ViewState;
use crate::io::FileFingerprint;
use crate::model::{AnnotationId, Edit, EditContext, EditError, Project, Span};
use crate::ui::dialogs::Toasts;
use crate::ui::file_dialog::FileDialogs;

/// The state the controllers share.
pub(super) struct Workbench {
    pub(super) session: Session,
    pub(super) view: ViewState,
    pub(super) prefs: Preferences,
    pub(super) dialogs: Dialogs,
    /// Short notices from applying intents; drawn over everything, never modal.
    pub(super) toasts: Toasts,
    /// The widgets' own view state (scroll offsets, caches, text buffers, export choices).
    pub(super) panels: Panels,
    pub(super) file_dialogs: Box<dyn FileDialogs>,
    /// Articles being read for an import on a worker thread.
    pub(super) reading: Option<super::intake_state::ReadingJob>,
    /// How many import reviews were opened: each gets its own id.
    pub(super) review_count: u64,
    /// What a controller hands on to another; dispatched right after the intent that asked.
    follow_ups: Vec<Intent>,
}

impl Workbench {
    pub(super) fn new(
        project: Project,
        prefs: Preferences,
        file_dialogs: Box<dyn FileDialogs>,
    ) -> Self {
        Self {
            view: ViewState::new(&project),
            session: Session::new(project),
            prefs,
            dialogs: Dialogs::default(),
            toasts: Toasts::default(),
            panels: Panels::default(),
            file_dialogs,
            reading: None,
            review_count: 0,
            follow_ups: Vec::new(),
        }
    }

    /// Hands `intent` on to the controller that owns its state, right after this one.
    pub(super) fn follow_up(&mut self, intent: impl Into<Intent>) {
        self.follow_ups.push(intent.into());
    }

    pub(super) fn take_follow_ups(&mut self) -> Vec<Intent> {
        std::mem::take(&mut self.follow_ups)
    }

    /// Who is editing, now: recorded on every annotation a change touches.
    pub(super) fn edit_context(&self) -> EditContext {
        EditContext::new(Some(&self.prefs.annotator_name), Utc::now())
    }

    /// Applies an edit through the history; a refused edit is shown, never lost silently.
    pub(super) fn edit(
        &mut self,
        ctx: &egui::Context,
        edit: Result<Edit, EditError>,
        label: &str,
        coalesce_key: Option<&str>,
    ) -> bool {
        let result = edit.and_then(|edit| self.session.apply_edit(edit, label, coalesce_key));
        match result {
            Ok(()) => true,
            Err(e) => {
                self.toasts.warning(ctx, format!("{label}: {e}"));
                false
            }
        }
    }

    /// [`Workbench::edit`], except that an edit changing nothing (focus leaving an untouched
    /// field) records no undo step.
    pub(super) fn edit_unless_no_op(
        &mut self,
        ctx: &egui::Context,
        edit: Result<Edit, EditError>,
        label: &str,
    ) -> bool {
        if edit
            .as_ref()
            .is_ok_and(|e| self.session.project.is_no_op(e))
        {
            return false;
        }
        self.edit(ctx, edit, label, None)
    }

    /// Selects an annotation, showing its document; `scroll_article` and `scroll_list` bring
    /// it into view there.
    pub(super) fn select(&mut self, id: AnnotationId, scroll_article: bool, scroll_list: bool) {
        let Some(a) = self.session.project.annotation(id) else {
            return;
        };
        if Some(a.document) != self.view.document {
            self.view.document = Some(a.document);
            self.view.text_selection = None;
        }
        self.view.selected = Some(id);
        if scroll_article {
            self.view.article_scroll_to = Some(a.extent().start);
        }
        if scroll_list {
            self.panels.sidebar.scroll_to_selected();
        }
    }

    /// Takes the text selection for an edit; without one the user is told to make one.
    pub(super) fn take_text_selection(&mut self, ctx: &egui::Context) -> Option<Span> {
        let selection = self.view.text_selection.take().filter(|s| !s.is_empty());
        if selection.is_none() {
            self.toasts
                .info(ctx, "Select some text in the article first");
        }
        selection
    }

    /// Puts `project` in place of the open one, with a fresh view and history.
    pub(super) fn replace_project(
        &mut self,
        project: Project,
        path: Option<PathBuf>,
        fingerprint: Option<FileFingerprint>,
    ) {
        self.remember_position();
        // Resets the filter too: one set for the old project would hide the new one's annotations.
        self.view.reset(&project);
        self.session.replace_project(project, path, fingerprint);
        self.dialogs.forget_repair();
        self.follow_up(Intent::ProjectReplaced);
    }

    /// Keeps where the user is in the open project, for reopening it there.
    pub(super) fn remember_position(&mut self) {
        let Some(path) = self.session.path.clone() else {
            return;
        };
        self.prefs.remember_position(ProjectPosition {
            path,
            document: self.view.document,
            selected: self.view.selected,
            scroll_offset_px: self.panels.article.scroll_offset_px(),
        });
    }

    /// Puts the user back where they were in the project just opened from `path`.
    pub(super) fn restore_position(&mut self, path: &Path) {
        let Some(position) = self.prefs.position(path).cloned() else {
            return;
        };
        let project = &self.session.project;
        if let Some(document) = position.document.filter(|d| project.document(*d).is_some()) {
            self.view.document = Some(document);
        }
        self.view.selected = position.selected.filter(|id| {
            project
                .annotation(*id)
                .is_some_and(|a| Some(a.document) == self.view.document)
        });
        self.view.article_scroll_to = None;
        self.view.article_scroll_to_px = Some(position.scroll_offset_px);
    }

    /// Where a file dialog starts: the last folder used, else the project's, never the folder
    /// the app was launched from unless nothing else is known.
    pub(super) fn dialog_directory(&self) -> Option<PathBuf> {
        let project_dir = (self.session.path.as_deref())
            .or_else(|| self.prefs.recent_files.first().map(PathBuf::as_path))
            .and_then(Path::parent);
        (self.prefs.last_directory.as_deref())
            .filter(|dir| dir.is_dir())
            .or(project_dir)
            .map(Path::to_path_buf)
    }
}
