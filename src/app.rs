//! Wires the model, file I/O and the UI into the workbench window.
//!
//! [`StanceApp`] owns the project, its undo history, the view state (current document,
//! selections) and the panels. Panels return [`Action`]s; the app applies them through the
//! history once per frame. [`StanceApp::frame_ui`] is the whole per-frame work and needs no
//! `eframe::Frame`, so tests and `stance bench` drive the real app headlessly.

mod apply;
mod files;
mod layout;

use std::path::{Path, PathBuf};

use crate::model::{AnnotationId, Document, DocumentId, EditError, History, Project, Span};
use crate::ui::Action;
use crate::ui::article::ArticleView;
use crate::ui::dialogs::{ErrorReport, Toasts};
use crate::ui::file_dialog::{FileDialogs, NativeDialogs, ScriptedDialogs};
use crate::ui::prefs::Preferences;
use crate::ui::sidebar::Sidebar;
use crate::ui::status_bar::StatusBar;

pub use files::Pending;

/// The reference article, embedded so the app opens with no file.
pub const SAMPLE_ARTICLE: &str = include_str!("../assets/ukraine-talks-2025-12-05.txt");
/// The file name the bundled article is imported under.
pub const SAMPLE_FILE_NAME: &str = "ukraine-talks-2025-12-05.txt";

/// Opens the main window; with `file`, opens that project (.ron) or article (.txt, .md).
///
/// # Errors
/// The window could not be created.
pub fn run(file: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Stance")
            .with_app_id("stance")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "Stance",
        options,
        Box::new(move |cc| {
            let mut app = StanceApp::new(
                sample_project(),
                cc.storage,
                Box::new(NativeDialogs::default()),
            );
            if let Some(size) = app.prefs.window_size_px {
                cc.egui_ctx
                    .send_viewport_cmd(egui::ViewportCommand::InnerSize(size.into()));
            }
            if let Some(path) = file {
                app.open_path(&path);
            }
            Ok(Box::new(app))
        }),
    )
}

/// A new unsaved project holding the bundled reference article.
#[must_use]
pub fn sample_project() -> Project {
    let document = crate::io::article::document_from_text(SAMPLE_FILE_NAME, SAMPLE_ARTICLE, None);
    let title = document.title.clone();
    // A fresh project accepts its first document; if it ever did not, the app still opens.
    project_with_document(document).unwrap_or_else(|_| Project::new(title))
}

/// A new project named after `document`, holding it.
fn project_with_document(document: Document) -> Result<Project, EditError> {
    let mut project = Project::new(document.title.clone());
    project.apply(project.add_document(document))?;
    Ok(project)
}

/// The annotation workbench.
pub struct StanceApp {
    project: Project,
    history: History,
    /// Where the project was last opened from or saved to.
    path: Option<PathBuf>,
    document: Option<DocumentId>,
    selected: Option<AnnotationId>,
    text_selection: Option<Span>,
    /// A one-shot request for the article to scroll to a char offset.
    article_scroll_to: Option<usize>,
    article: ArticleView,
    sidebar: Sidebar,
    status_bar: StatusBar,
    prefs: Preferences,
    dialogs: Box<dyn FileDialogs>,
    toasts: Toasts,
    errors: std::collections::VecDeque<ErrorReport>,
    /// What waits for the unsaved-changes prompt.
    prompt: Option<Pending>,
    /// What to do once a save started for the prompt has finished.
    after_save: Option<Pending>,
    /// The needs-repair window, open for a project loaded with problems.
    repair: Option<files::RepairState>,
    save_job: Option<files::SaveJob>,
    /// A save asked for while `save_job` ran; it starts when that one has finished.
    queued_save: Option<PathBuf>,
    export_dialog: crate::ui::export_dialog::ExportDialog,
    pending_export: Option<crate::ui::export_dialog::ExportRequest>,
    /// An export path that exists, waiting for the user to confirm overwriting it.
    confirm_overwrite: Option<PathBuf>,
    show_shortcuts: bool,
    show_about: bool,
    /// Set once the user has agreed to quit, so the close request goes through.
    allow_close: bool,
    /// Actions queued outside a frame (startup) and applied on the next one.
    queued: Vec<Action>,
    applied_theme: Option<crate::ui::prefs::Theme>,
    /// Project revision and dirty flag the window title was last sent for.
    title_sent_for: Option<(u64, bool)>,
    /// Where the selected annotation was last frame, for an O(1) lookup.
    selected_hint: usize,
    /// The annotation under the pointer in the article last frame.
    hovered_in_article: Option<AnnotationId>,
    /// Counts and lookups of `project`, refreshed once per frame after actions are applied.
    index: crate::model::IndexCache,
}

impl StanceApp {
    /// The app with `project` as a new unsaved project, preferences from `storage`, and the
    /// given file dialogs.
    #[must_use]
    pub fn new(
        project: Project,
        storage: Option<&dyn eframe::Storage>,
        dialogs: Box<dyn FileDialogs>,
    ) -> Self {
        Self {
            document: project.documents.first().map(|d| d.id),
            project,
            history: History::new(),
            path: None,
            selected: None,
            text_selection: None,
            article_scroll_to: None,
            article: ArticleView::default(),
            sidebar: Sidebar::default(),
            status_bar: StatusBar::default(),
            prefs: Preferences::load(storage),
            dialogs,
            toasts: Toasts::default(),
            errors: std::collections::VecDeque::new(),
            prompt: None,
            after_save: None,
            repair: None,
            save_job: None,
            queued_save: None,
            export_dialog: crate::ui::export_dialog::ExportDialog::default(),
            pending_export: None,
            confirm_overwrite: None,
            show_shortcuts: false,
            show_about: false,
            allow_close: false,
            queued: Vec::new(),
            applied_theme: None,
            title_sent_for: None,
            index: crate::model::IndexCache::default(),
            selected_hint: 0,
            hovered_in_article: None,
        }
    }

    /// The app on `project`, with default preferences and scripted (never native) dialogs:
    /// for tests and benchmarks.
    #[must_use]
    pub fn with_project(project: Project) -> Self {
        Self::new(project, None, Box::new(ScriptedDialogs::new()))
    }

    #[must_use]
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// How many times the project's counts were rebuilt: once per change, not per frame.
    #[must_use]
    pub fn index_builds(&self) -> u64 {
        self.index.builds()
    }

    /// What the article view did in the last frame (paragraphs laid out, painted…).
    #[must_use]
    pub fn article_stats(&self) -> crate::ui::article::ArticleStats {
        self.article.last_stats()
    }

    /// How many annotation rows the sidebar drew in the last frame.
    #[must_use]
    pub fn sidebar_rows_drawn(&self) -> usize {
        self.sidebar.list.last_visible_rows().len()
    }

    #[must_use]
    pub fn history(&self) -> &History {
        &self.history
    }

    #[must_use]
    pub fn selected_annotation(&self) -> Option<AnnotationId> {
        self.selected
    }

    #[must_use]
    pub fn text_selection(&self) -> Option<Span> {
        self.text_selection
    }

    #[must_use]
    pub fn current_document(&self) -> Option<DocumentId> {
        self.document
    }

    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    #[must_use]
    pub fn preferences(&self) -> &Preferences {
        &self.prefs
    }

    /// The error dialog shown now, if any.
    #[must_use]
    pub fn current_error(&self) -> Option<&ErrorReport> {
        self.errors.front()
    }

    /// What waits for the unsaved-changes prompt, if it is shown.
    #[must_use]
    pub fn pending_prompt(&self) -> Option<&Pending> {
        self.prompt.as_ref()
    }

    /// True while the needs-repair window is open.
    #[must_use]
    pub fn needs_repair(&self) -> bool {
        self.repair.is_some()
    }

    /// The window title: `Stance — <project title>`, with `•` while there are unsaved changes.
    #[must_use]
    pub fn title(&self) -> String {
        let dot = if self.history.is_dirty() { " •" } else { "" };
        format!("Stance — {}{dot}", self.project.title)
    }

    /// Where the char at `offset_chars` of the current document was painted in the last frame,
    /// if it was on screen: lets tests point at text like a user.
    #[must_use]
    pub fn article_char_rect(&self, offset_chars: usize) -> Option<egui::Rect> {
        let doc = self.project.document(self.document?)?;
        self.article.char_rect(doc, offset_chars)
    }

    /// Sets the text selection, as the article does when the user selects text.
    pub fn set_text_selection(&mut self, selection: Option<Span>) {
        self.text_selection = selection.filter(|s| !s.is_empty());
    }

    /// Queues an action for the next frame, as if a panel had returned it.
    pub fn queue(&mut self, action: Action) {
        self.queued.push(action);
    }

    /// Everything the window does in one frame, without an `eframe::Frame`.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.apply_preferences(&ctx);
        self.poll_background(&ctx);
        self.handle_close_request(&ctx);
        self.handle_dropped_files(&ctx);
        let mut actions = std::mem::take(&mut self.queued);
        self.close_help_on_escape(&ctx);
        if !self.is_modal_open() {
            // Keys act before drawing, so a tag pressed this frame is painted this frame.
            self.handle_keys(&ctx, &mut actions);
        }
        self.apply_actions(&ctx, &mut actions);
        self.validate_view_state();
        self.index.refresh(&self.project);

        self.panels_ui(ui, &mut actions);
        self.windows_ui(&ctx, &mut actions);
        if !actions.is_empty() {
            self.apply_actions(&ctx, &mut actions);
            self.validate_view_state();
            ctx.request_repaint();
        }
        self.update_title(&ctx);
        if let Some(rect) = ctx.input(|i| i.viewport().inner_rect) {
            self.prefs.window_size_px = Some([rect.width(), rect.height()]);
        }
    }

    /// True while a prompt or error waits for an answer; keys and drops wait too.
    fn is_modal_open(&self) -> bool {
        self.prompt.is_some() || !self.errors.is_empty() || self.confirm_overwrite.is_some()
    }

    fn apply_preferences(&mut self, ctx: &egui::Context) {
        if self.applied_theme != Some(self.prefs.theme) {
            ctx.set_theme(self.prefs.theme);
            // Ctrl+± zooms the article text (our command), not the whole interface.
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            self.applied_theme = Some(self.prefs.theme);
        }
    }

    /// Sends the title only when it can have changed: formatting it every frame would
    /// allocate for nothing.
    fn update_title(&mut self, ctx: &egui::Context) {
        let key = (self.project.revision(), self.history.is_dirty());
        if self.title_sent_for != Some(key) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
            self.title_sent_for = Some(key);
        }
    }

    /// Drops view state that no longer points into the project (after undo, open, delete).
    fn validate_view_state(&mut self) {
        if self
            .document
            .is_none_or(|d| self.project.document(d).is_none())
        {
            self.document = self.project.documents.first().map(|d| d.id);
            self.text_selection = None;
        }
        if let Some(id) = self.selected
            && crate::ui::annotation_with_hint(&self.project, id, &mut self.selected_hint)
                .is_none_or(|a| Some(a.document) != self.document)
        {
            self.selected = None;
        }
        if let (Some(selection), Some(doc)) = (
            self.text_selection,
            self.document.and_then(|d| self.project.document(d)),
        ) && selection.end > doc.len_chars()
        {
            self.text_selection = None;
        }
    }
}

impl eframe::App for StanceApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.prefs.save(storage);
    }
}
