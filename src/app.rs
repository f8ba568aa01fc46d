//! Wires the model, file I/O and the UI into the workbench window.
//!
//! [`StanceApp`] owns the [`Session`] (project, history, file), the [`ViewState`] (current
//! document, selections), the one open [`Dialog`] and the panels' widgets. Input handling and
//! drawing only collect [`Intent`]s; [`StanceApp::frame_ui`] applies them in one place
//! (`apply.rs`) and needs no `eframe::Frame`, so tests and `stance bench` drive the real app
//! headlessly.

mod adjudicate;
mod apply;
mod apply_corpus;
mod apply_negotiation;
mod apply_suggestions;
mod autosave;
mod files;
mod font_notice;
mod intent;
mod keys;
mod layout;
mod recovery;
mod repair;
mod session;
mod suggestions;
mod view;

use std::path::{Path, PathBuf};

use crate::io::recovery::{
    AutosavePolicy, PanicSlot, RecoveryDir, debug_panic_after_edits, install_panic_snapshot,
};
use crate::model::{AnnotationId, Document, DocumentId, EditError, History, Project, Span};
use crate::ui::Action;
use crate::ui::dialogs::{ErrorReport, Toasts};
use crate::ui::file_dialog::{FileDialogs, NativeDialogs, ScriptedDialogs};
use crate::ui::prefs::Preferences;
use intent::{Dialog, Intent};
use session::Session;
use view::ViewState;

pub use files::Pending;
pub use recovery::{OpenFailed, RestoreOffer};
pub use view::MainView;

/// The reference article, embedded so the app opens with no file.
pub const SAMPLE_ARTICLE: &str = include_str!("../assets/ukraine-talks-2025-12-05.txt");
/// The file name the bundled article is imported under.
pub const SAMPLE_FILE_NAME: &str = "ukraine-talks-2025-12-05.txt";

/// Opens the main window; with `file`, opens that project (.ron) or article (.txt, .md),
/// else the last project. Unsaved work is kept in the recovery folder, and what an earlier
/// run left there is offered for restoring.
///
/// # Errors
/// The window could not be created.
pub fn run(file: Option<PathBuf>) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Stance")
        // Matches `stance.desktop`, so Wayland shells show the menu entry's icon and name.
        .with_app_id("stance");
    match crate::ui::icon::window_icon() {
        Ok(icon) => viewport = viewport.with_icon(icon),
        // Cosmetic: the window opens with the desktop's default icon.
        Err(e) => eprintln!("stance: {e}"),
    }
    let options = eframe::NativeOptions {
        viewport: viewport
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        renderer: eframe::Renderer::Glow,
        // Installed below by `fonts::install_system_fonts`, the same call tests make.
        system_font_fallback: false,
        ..Default::default()
    };
    eframe::run_native(
        "Stance",
        options,
        Box::new(move |cc| {
            crate::ui::fonts::install_system_fonts(&cc.egui_ctx);
            let mut app = StanceApp::new(
                sample_project(),
                cc.storage,
                Box::new(NativeDialogs::default()),
            );
            if let Some(size) = app.prefs.window_size_px {
                cc.egui_ctx
                    .send_viewport_cmd(egui::ViewportCommand::InnerSize(size.into()));
            }
            // A panic writes a last snapshot of the unsaved project (the real window only:
            // tests keep the default hook).
            let slot = PanicSlot::default();
            install_panic_snapshot(slot.clone());
            app.panic_slot = Some(slot);
            app.session.panic_after_edits = debug_panic_after_edits();
            // Recovery first, so a file that fails to open can offer its snapshots.
            app.enable_recovery(RecoveryDir::open_default(), Some(cc.egui_ctx.clone()));
            match file {
                Some(path) => app.open_path(&path),
                None => app.reopen_last_project(),
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
    session: Session,
    view: ViewState,
    dialog: Dialog,
    /// A needs-repair window covered by another dialog; it comes back when that one closes.
    repair_behind: Option<files::RepairState>,
    /// Errors the user must acknowledge, oldest first; the first shows over any dialog.
    errors: std::collections::VecDeque<ErrorReport>,
    panels: layout::Panels,
    /// Short notices from applying intents; drawn over everything, never modal.
    toasts: Toasts,
    prefs: Preferences,
    file_dialogs: Box<dyn FileDialogs>,
    /// Set once the user has agreed to quit, so the close request goes through.
    allow_close: bool,
    /// Actions queued outside a frame (startup) and applied on the next one.
    queued: Vec<Action>,
    applied_theme: Option<crate::ui::prefs::Theme>,
    /// Project revision and dirty flag the window title was last sent for.
    title_sent_for: Option<(u64, bool)>,
    /// Where unsaved work is kept; `None` turns recovery off (tests, benchmarks).
    recovery_dir: Option<RecoveryDir>,
    /// Overrides the autosave timing (tests).
    autosave_policy: Option<AutosavePolicy>,
    /// The panic hook's slot (the real window only).
    panic_slot: Option<PanicSlot>,
    disk: recovery::DiskWatch,
    /// Recovery just started: offer the snapshots found once nothing else is shown.
    is_restore_offer_due: bool,
    /// A text field had focus at the end of the last frame. egui drops the focus as soon as
    /// Esc arrives, so without this the Esc that leaves a field would also clear the selection.
    was_typing: bool,
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
            view: ViewState::new(&project),
            session: Session::new(project),
            dialog: Dialog::None,
            repair_behind: None,
            errors: std::collections::VecDeque::new(),
            panels: layout::Panels::default(),
            toasts: Toasts::default(),
            prefs: Preferences::load(storage),
            file_dialogs: dialogs,
            allow_close: false,
            queued: Vec::new(),
            applied_theme: None,
            title_sent_for: None,
            recovery_dir: None,
            autosave_policy: None,
            panic_slot: None,
            disk: recovery::DiskWatch::default(),
            is_restore_offer_due: false,
            was_typing: false,
        }
    }

    /// Keeps unsaved work as recovery snapshots in `dir` (created if needed), and offers
    /// the snapshots already there (on the first frame with no other dialog open), as at the
    /// start of the real app. Without it nothing is written outside the project files.
    #[must_use]
    pub fn with_recovery_dir(mut self, dir: &Path) -> Self {
        self.enable_recovery(RecoveryDir::at(dir), None);
        self
    }

    /// When snapshots are taken (tests use zero delays).
    #[must_use]
    pub fn with_autosave_policy(mut self, policy: AutosavePolicy) -> Self {
        self.autosave_policy = Some(policy);
        if let Some(autosave) = &mut self.session.autosave {
            autosave.policy = policy;
        }
        self
    }

    /// How often the open file is checked for changes made elsewhere (tests use zero).
    #[must_use]
    pub fn with_disk_poll_interval(mut self, interval: std::time::Duration) -> Self {
        self.disk.interval = interval;
        self
    }

    /// Installs the panic hook's slot, so a panic writes the unsaved project.
    #[must_use]
    pub fn with_panic_slot(mut self, slot: PanicSlot) -> Self {
        if let Some(autosave) = &mut self.session.autosave {
            autosave.set_panic_slot(slot.clone());
        }
        self.panic_slot = Some(slot);
        self
    }

    /// Panics after `edits` edits: a hidden trigger to test the panic snapshot (the real
    /// app sets it only in debug builds, from `STANCE_DEBUG_PANIC_AFTER_EDITS`).
    #[doc(hidden)]
    #[must_use]
    pub fn with_panic_after_edits(mut self, edits: u64) -> Self {
        self.session.panic_after_edits = Some(edits);
        self
    }

    /// Opens the most recent project, where the user left it; the bundled article stays
    /// when there is none (a first run) or it is gone.
    pub fn reopen_last_project(&mut self) {
        let Some(path) = self.prefs.recent_files.first().cloned() else {
            return;
        };
        if path.is_file() {
            self.open_path(&path);
        } else {
            self.prefs.forget_file(&path);
        }
    }

    /// Keeps where the user is in the open project, for reopening it there.
    pub(super) fn remember_position(&mut self) {
        let Some(path) = self.session.path.clone() else {
            return;
        };
        self.prefs
            .remember_position(crate::ui::prefs::ProjectPosition {
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

    /// The app on `project`, with default preferences and scripted (never native) dialogs:
    /// for tests and benchmarks.
    #[must_use]
    pub fn with_project(project: Project) -> Self {
        Self::new(project, None, Box::new(ScriptedDialogs::new()))
    }

    #[must_use]
    pub fn project(&self) -> &Project {
        &self.session.project
    }

    /// How many times the project's counts were rebuilt: once per change, not per frame.
    #[must_use]
    pub fn index_builds(&self) -> u64 {
        self.session.index.builds()
    }

    /// What the article view did in the last frame (paragraphs laid out, painted…).
    #[must_use]
    pub fn article_stats(&self) -> crate::ui::article::ArticleStats {
        self.panels.article.last_stats()
    }

    /// How far the article was scrolled in the last frame.
    #[must_use]
    pub fn article_scroll_offset_px(&self) -> f32 {
        self.panels.article.scroll_offset_px()
    }

    /// The article or the analysis view.
    #[must_use]
    pub fn main_view(&self) -> MainView {
        self.view.main_view
    }

    /// The analysis view's state: its filter, tab, pick and last frame's figures.
    #[must_use]
    pub fn analysis_view(&self) -> &crate::ui::analysis::AnalysisView {
        &self.panels.analysis
    }

    /// The analysis view, to set its tab (tests and the bench).
    pub fn analysis_view_mut(&mut self) -> &mut crate::ui::analysis::AnalysisView {
        &mut self.panels.analysis
    }

    /// How many annotation rows the sidebar drew in the last frame.
    #[must_use]
    pub fn sidebar_rows_drawn(&self) -> usize {
        self.panels.sidebar.list.last_visible_rows().len()
    }

    /// True when the sidebar's selected row was wholly in view in the last frame.
    #[must_use]
    pub fn is_selected_row_in_view(&self) -> bool {
        self.panels.sidebar.list.is_selected_in_view()
    }

    /// True while the Actors view fills the sidebar.
    #[must_use]
    pub fn is_actors_view_open(&self) -> bool {
        self.panels.sidebar.is_actors_open()
    }

    /// What the sidebar lists and the article highlights.
    #[must_use]
    pub fn filter(&self) -> &crate::model::AnnotationFilter {
        &self.view.filter
    }

    /// True while the compare view (not the article) is shown.
    #[must_use]
    pub fn is_compare_view(&self) -> bool {
        self.view.main_view == view::MainView::Compare
    }

    /// What the adjudication queue holds now, and the current item's place in it.
    #[must_use]
    pub fn adjudication_queue(&self) -> (Vec<crate::model::adjudication::Item>, usize) {
        let queue = crate::model::adjudication::queue(&self.session.project);
        let position = self.view.queue_position.min(queue.len().saturating_sub(1));
        (queue, position)
    }

    /// How many times the compare view computed its queue and figures.
    #[must_use]
    pub fn compare_builds(&self) -> u64 {
        self.panels.compare.builds()
    }

    #[must_use]
    pub fn history(&self) -> &History {
        &self.session.history
    }

    #[must_use]
    pub fn selected_annotation(&self) -> Option<AnnotationId> {
        self.view.selected
    }

    /// In link mode: the annotation being linked and, once clicked, its target.
    #[must_use]
    pub fn link_mode(&self) -> Option<(AnnotationId, Option<AnnotationId>)> {
        self.view.link.map(|l| (l.from, l.to))
    }

    /// True while the Schema window is open.
    #[must_use]
    pub fn is_schema_window_open(&self) -> bool {
        matches!(self.dialog, Dialog::Schema)
    }

    #[must_use]
    pub fn text_selection(&self) -> Option<Span> {
        self.view.text_selection
    }

    #[must_use]
    pub fn current_document(&self) -> Option<DocumentId> {
        self.view.document
    }

    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.session.path.as_deref()
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
        match &self.dialog {
            Dialog::UnsavedPrompt(pending) => Some(pending),
            _ => None,
        }
    }

    /// True while the needs-repair window is open.
    #[must_use]
    pub fn needs_repair(&self) -> bool {
        matches!(self.dialog, Dialog::Repair(_))
    }

    /// The window title: `Stance — <project title>`, with `•` while there are unsaved changes.
    #[must_use]
    pub fn title(&self) -> String {
        let dot = if self.session.history.is_dirty() {
            " •"
        } else {
            ""
        };
        format!("Stance — {}{dot}", self.session.project.title)
    }

    /// Where the char at `offset_chars` of the current document was painted in the last frame,
    /// if it was on screen: lets tests point at text like a user.
    #[must_use]
    pub fn article_char_rect(&self, offset_chars: usize) -> Option<egui::Rect> {
        let doc = self.session.project.document(self.view.document?)?;
        self.panels.article.char_rect(doc, offset_chars)
    }

    /// The article's caret (where Shift+arrows select from), if it has one.
    #[must_use]
    pub fn article_caret(&self) -> Option<usize> {
        self.panels.article.caret_offset()
    }

    /// Where the article's caret was painted in the last frame, if it was.
    #[must_use]
    pub fn article_caret_rect(&self) -> Option<egui::Rect> {
        self.panels.article.caret_rect()
    }

    /// Sets the text selection, as the article does when the user selects text.
    pub fn set_text_selection(&mut self, selection: Option<Span>) {
        self.view.text_selection = selection.filter(|s| !s.is_empty());
    }

    /// Queues an action for the next frame, as if a panel had returned it.
    pub fn queue(&mut self, action: Action) {
        self.queued.push(action);
    }

    /// Everything the window does in one frame, without an `eframe::Frame`: input becomes
    /// intents, applied before drawing so a tag pressed this frame is painted this frame;
    /// drawing collects more intents, applied after it; then the view state is checked.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.apply_preferences(&ctx);
        let mut intents = Vec::new();
        self.poll_background(&mut intents);
        intents.extend(self.queued.drain(..).map(Intent::from));
        self.input_intents(&ctx, &mut intents);
        self.apply(&ctx, intents);
        self.offer_restore_when_free();
        self.autosave_tick(&ctx);
        self.poll_disk(&ctx);
        self.session.index.refresh(&self.session.project);
        self.refresh_suggestions(&ctx);
        self.session.text_check.refresh(&self.session.project);
        (self.view.font_notice).refresh(&ctx, &self.session.project, self.view.document);

        let mut intents = Vec::new();
        // A one-shot request: the article scrolls there once, then the user scrolls.
        let scroll_to = (
            self.view.article_scroll_to.take(),
            self.view.article_scroll_to_px.take(),
        );
        let Self {
            session,
            view,
            dialog,
            errors,
            prefs,
            panels,
            toasts,
            ..
        } = self;
        let shown = layout::Shown {
            session,
            view,
            prefs,
            dialog,
            errors,
        };
        panels.panels_ui(ui, &shown, scroll_to, &mut intents);
        panels.windows_ui(&ctx, &shown, toasts, &mut intents);
        if !intents.is_empty() {
            self.apply(&ctx, intents);
            ctx.request_repaint();
        }
        self.update_title(&ctx);
        self.was_typing = ctx.text_edit_focused();
        if let Some(rect) = ctx.input(|i| i.viewport().inner_rect) {
            self.prefs.window_size_px = Some([rect.width(), rect.height()]);
        }
    }

    /// This frame's input as intents: the close button, dropped files, Esc for the help
    /// windows, and shortcuts unless a prompt waits for an answer.
    fn input_intents(&self, ctx: &egui::Context, intents: &mut Vec<Intent>) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allow_close
            && self.session.history.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            intents.push(Intent::CloseRequested);
        }
        let dropped: Vec<std::path::PathBuf> = ctx.input(|i| {
            (i.raw.dropped_files.iter())
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            intents.push(Intent::Drop(dropped));
        }
        if matches!(
            self.dialog,
            Dialog::Shortcuts | Dialog::About | Dialog::Preferences
        ) && !egui::Popup::is_any_open(ctx)
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            // Esc closes the help windows first; only with none open does it clear the selection.
            intents.push(Intent::CloseDialog);
        }
        if !self.is_modal_open() {
            self.handle_keys(ctx, intents);
        }
    }

    /// True while a prompt or error waits for an answer; keys and drops wait too.
    fn is_modal_open(&self) -> bool {
        self.dialog.is_modal() || !self.errors.is_empty()
    }

    fn apply_preferences(&mut self, ctx: &egui::Context) {
        if self.applied_theme != Some(self.prefs.theme) {
            if self.applied_theme.is_none() {
                crate::ui::theme::install(ctx);
            }
            ctx.set_theme(self.prefs.theme);
            // Ctrl+± zooms the article's and the sidebar's text (our command), not the menus.
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            self.applied_theme = Some(self.prefs.theme);
        }
    }

    /// Sends the title only when it can have changed: formatting it every frame would
    /// allocate for nothing.
    fn update_title(&mut self, ctx: &egui::Context) {
        let key = (
            self.session.project.revision(),
            self.session.history.is_dirty(),
        );
        if self.title_sent_for != Some(key) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
            self.title_sent_for = Some(key);
        }
    }
}

impl eframe::App for StanceApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember_position();
        self.prefs.save(storage);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // The last snapshot or delete asked for reaches the disk before the process ends.
        self.flush_recovery();
    }
}
