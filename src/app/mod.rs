//! The app: the workbench window, a session and a thin dispatcher over feature controllers.
//!
//! [`StanceApp`] owns the [`Workbench`] (the session — project, history, file — the view
//! state, dialogs, preferences and panels) and the controllers that keep state of their own
//! (files, export, the disk watcher, recovery, attribution suggestions). Input handling,
//! drawing and background workers only collect [`Intent`]s; [`StanceApp::frame_ui`] hands
//! each to `dispatch.rs`, whose one exhaustive `match` sends it to the controller that owns
//! what it changes. `frame_ui` needs no `eframe::Frame`, so tests and `stance bench` drive the
//! real app headlessly.
//!
//! Controllers: `files` (new, open, import, quit), `saving`, `export`, `disk_watch`,
//! `recovery` (with `autosave`), `repair`, `annotations`, `actors`, `links`, `schema`,
//! `undo`, `navigation`, `attribution`, `adjudication`, `corpus`, `web_import` (Import from URL, Paste as New Article). Preferences: `prefs`.

mod actors;
mod adjudication;
mod annotations;
mod attribution;
mod autosave;
pub mod clipboard;
mod corpus;
mod dialog;
mod disk_watch;
mod dispatch;
pub mod export;
mod files;
mod intake;
mod intent;
mod keys;
mod layout;
mod links;
mod navigation;
pub mod prefs;
mod recovery;
mod repair;
mod saving;
mod schema;
mod session;
mod text_check;
mod undo;
mod view;
mod web_import;
mod workbench;

use std::path::{Path, PathBuf};

use crate::io::recovery::{
    AutosavePolicy, PanicSlot, RecoveryDir, debug_panic_after_edits, install_panic_snapshot,
};
use crate::model::attribution::Suggestion;
use crate::model::{AnnotationId, DocumentId, History, Project, Span};
use crate::ui::Action;
use crate::ui::commands::{Command, CommandState};
use crate::ui::dialogs::ErrorReport;
use crate::ui::file_dialog::{FileDialogs, NativeDialogs, ScriptedDialogs};
use attribution::Attribution;
use dialog::Dialog;
use disk_watch::DiskWatch;
use export::Export;
use files::Files;
use intent::Intent;
use layout::Shown;
use prefs::{Preferences, Theme};
use recovery::Recovery;
use session::Session;
use view::ViewState;
use web_import::WebImport;
use workbench::Workbench;

pub use dialog::Pending;
pub use view::MainView;

/// The reference article, embedded so the app opens with no file.
pub const SAMPLE_ARTICLE: &str = include_str!("../../assets/ukraine-talks-2025-12-05.txt");
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
            if let Some(size) = app.wb.prefs.window_size_px {
                cc.egui_ctx
                    .send_viewport_cmd(egui::ViewportCommand::InnerSize(size.into()));
            }
            // A panic writes a last snapshot of the unsaved project (the real window only:
            // tests keep the default hook).
            let slot = PanicSlot::default();
            install_panic_snapshot(slot.clone());
            app.recovery.panic_slot = Some(slot);
            app.wb.session.panic_after_edits = debug_panic_after_edits();
            // Recovery first, so a file that fails to open can offer its snapshots.
            (app.recovery).enable(
                &mut app.wb,
                RecoveryDir::open_default(),
                Some(cc.egui_ctx.clone()),
            );
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
    let document =
        crate::io::formats::article::document_from_text(SAMPLE_FILE_NAME, SAMPLE_ARTICLE, None);
    let title = document.title.clone();
    // A fresh project accepts its first document; if it ever did not, the app still opens.
    files::project_with_document(document).unwrap_or_else(|_| Project::new(title))
}

/// The annotation workbench.
pub struct StanceApp {
    wb: Workbench,
    files: Files,
    export: Export,
    disk: DiskWatch,
    recovery: Recovery,
    attribution: Attribution,
    web: WebImport,
    /// Intents asked for outside a frame (startup, tests) and applied on the next one.
    queued: Vec<Intent>,
    applied_theme: Option<Theme>,
    /// Project revision and dirty flag the window title was last sent for.
    title_sent_for: Option<(u64, bool)>,
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
            wb: Workbench::new(project, Preferences::load(storage), dialogs),
            files: Files::default(),
            export: Export::default(),
            disk: DiskWatch::default(),
            recovery: Recovery::default(),
            attribution: Attribution::default(),
            web: WebImport::default(),
            queued: Vec::new(),
            applied_theme: None,
            title_sent_for: None,
            was_typing: false,
        }
    }

    /// The app on `project`, with default preferences and scripted (never native) dialogs:
    /// for tests and benchmarks.
    #[must_use]
    pub fn with_project(project: Project) -> Self {
        Self::new(project, None, Box::new(ScriptedDialogs::new()))
    }

    /// Keeps unsaved work as recovery snapshots in `dir` (created if needed), and offers
    /// the snapshots already there (on the first frame with no other dialog open), as at the
    /// start of the real app. Without it nothing is written outside the project files.
    #[must_use]
    pub fn with_recovery_dir(mut self, dir: &Path) -> Self {
        self.recovery
            .enable(&mut self.wb, RecoveryDir::at(dir), None);
        self
    }

    /// When snapshots are taken (tests use zero delays).
    #[must_use]
    pub fn with_autosave_policy(mut self, policy: AutosavePolicy) -> Self {
        self.recovery.autosave_policy = Some(policy);
        if let Some(autosave) = &mut self.wb.session.autosave {
            autosave.policy = policy;
        }
        self
    }

    /// Reads the clipboard from `clipboard` (tests put fixed contents there).
    #[must_use]
    pub fn with_clipboard(mut self, clipboard: Box<dyn clipboard::ClipboardSource>) -> Self {
        self.web.clipboard = clipboard;
        self
    }

    /// How long Import from URL waits and how much it reads (tests use short timeouts).
    #[must_use]
    pub fn with_fetch_options(mut self, options: crate::io::fetch::FetchOptions) -> Self {
        self.web.options = options;
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
        if let Some(autosave) = &mut self.wb.session.autosave {
            autosave.set_panic_slot(slot.clone());
        }
        self.recovery.panic_slot = Some(slot);
        self
    }

    /// Panics after `edits` edits: a hidden trigger to test the panic snapshot (the real
    /// app sets it only in debug builds, from `STANCE_DEBUG_PANIC_AFTER_EDITS`).
    #[doc(hidden)]
    #[must_use]
    pub fn with_panic_after_edits(mut self, edits: u64) -> Self {
        self.wb.session.panic_after_edits = Some(edits);
        self
    }

    /// Opens a project (.ron), or starts a new project from an article (.txt, .md) or from
    /// annotations (brat files and folders, Stance exports), as File → Open does after the
    /// unsaved-changes question. What a failure offers shows on the next frame.
    pub fn open_path(&mut self, path: &Path) {
        files::open_path(&mut self.wb, path);
        self.queued.extend(self.wb.take_follow_ups());
    }

    /// Opens the most recent project, where the user left it; the bundled article stays
    /// when there is none (a first run) or it is gone.
    pub fn reopen_last_project(&mut self) {
        files::reopen_last_project(&mut self.wb);
        self.queued.extend(self.wb.take_follow_ups());
    }

    /// Saves the project to `path`, as File → Save As does once the path is chosen.
    pub fn save_to(&mut self, ctx: &egui::Context, path: &Path) {
        saving::save_to(&mut self.wb, ctx, path);
        self.queued.extend(self.wb.take_follow_ups());
    }

    /// Sets the text selection, as the article does when the user selects text.
    pub fn set_text_selection(&mut self, selection: Option<Span>) {
        navigation::set_text_selection(&mut self.wb, selection);
    }

    /// Queues an action for the next frame, as if a panel had returned it.
    pub fn queue(&mut self, action: Action) {
        self.queued.push(action.into());
    }

    /// Everything the window does in one frame, without an `eframe::Frame`: input becomes
    /// intents, applied before drawing so a tag pressed this frame is painted this frame;
    /// then the background workers' news, as intents; drawing collects more intents,
    /// applied after it.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.apply_preferences(&ctx);
        let mut intents = Vec::new();
        if let Some(answer) = self.wb.file_dialogs.poll() {
            intents.push(Intent::FileDialogAnswered(answer));
        }
        saving::poll(&self.wb, &mut intents);
        intake::poll(&mut self.wb, &mut intents);
        intents.append(&mut self.queued);
        self.input_intents(&ctx, &mut intents);
        self.apply(&ctx, intents);
        self.background_events(&ctx);
        self.wb.session.index.refresh(&self.wb.session.project);
        self.attribution.refresh(&self.wb, &ctx);
        self.wb.session.text_check.refresh(&self.wb.session.project);

        let mut intents = Vec::new();
        self.draw(ui, &mut intents);
        if !intents.is_empty() {
            self.apply(&ctx, intents);
            ctx.request_repaint();
        }
        self.update_title(&ctx);
        self.was_typing = ctx.text_edit_focused();
        if let Some(rect) = ctx.input(|i| i.viewport().inner_rect) {
            self.wb.prefs.window_size_px = Some([rect.width(), rect.height()]);
        }
    }

    /// Applies `intents` in order, each with what it hands on, then drops view state they
    /// left pointing nowhere. The only place where the session, the view state and the open
    /// dialog change.
    fn apply(&mut self, ctx: &egui::Context, intents: Vec<Intent>) {
        if intents.is_empty() {
            return;
        }
        for intent in intents {
            self.dispatch_with_follow_ups(ctx, intent);
        }
        self.wb.view.validate(&self.wb.session.project);
        repair::refresh_problems(&mut self.wb);
    }

    /// What the background workers report, as intents, each worker's applied before the
    /// next looks (a prompt one opens keeps the next from opening another): the restore
    /// offer and the recovery worker, the disk watcher, the suggestion worker.
    fn background_events(&mut self, ctx: &egui::Context) {
        let mut events = Vec::new();
        self.recovery.poll(&mut self.wb, ctx, &mut events);
        self.apply(ctx, std::mem::take(&mut events));
        self.disk.poll(&self.wb, ctx, &mut events);
        self.apply(ctx, std::mem::take(&mut events));
        self.attribution.poll(&self.wb, &mut events);
        self.apply(ctx, std::mem::take(&mut events));
        self.web.poll(ctx, &mut events);
        self.apply(ctx, events);
    }

    /// Draws the window; what the user asks for lands in `intents`.
    fn draw(&mut self, ui: &mut egui::Ui, intents: &mut Vec<Intent>) {
        let ctx = ui.ctx().clone();
        let export_preview = self.export.preview(&self.wb);
        let url_fetch = self.web.progress();
        let ghosts = self.attribution.ghosts(&self.wb);
        let Workbench {
            session,
            view,
            prefs,
            dialogs,
            toasts,
            panels,
            reading,
            ..
        } = &mut self.wb;
        // A one-shot request: the article scrolls there once, then the user scrolls.
        let scroll_to = (
            view.article_scroll_to.take(),
            view.article_scroll_to_px.take(),
        );
        let has_problems = || !session.project.problems().is_empty();
        let commands = command_state(session, view, prefs, &self.attribution, &has_problems);
        let shown = Shown {
            session,
            view,
            prefs,
            dialog: &dialogs.current,
            errors: &dialogs.errors,
            commands: &commands,
            ghosts,
            hovered_suggestion: self.attribution.hovered(),
            export_formats: &export::FORMATS,
            export_preview,
            url_fetch,
            reading: reading.as_ref().map(intake::progress),
        };
        panels.panels_ui(ui, &shown, scroll_to, intents);
        panels.windows_ui(&ctx, &shown, toasts, intents);
    }

    /// Whether `command` can run now, by the `Command` table's rule.
    fn is_enabled(&self, command: Command) -> bool {
        let Workbench {
            session,
            view,
            prefs,
            ..
        } = &self.wb;
        let has_problems = || !session.project.problems().is_empty();
        let state = command_state(session, view, prefs, &self.attribution, &has_problems);
        command.is_enabled(&state)
    }

    /// This frame's input as intents: the close button, dropped files, Esc for the help
    /// windows, and shortcuts unless a prompt waits for an answer.
    fn input_intents(&self, ctx: &egui::Context, intents: &mut Vec<Intent>) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.files.allow_close
            && self.wb.session.history.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            intents.push(Intent::CloseRequested);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            (i.raw.dropped_files.iter())
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            intents.push(Intent::Drop(dropped));
        }
        if matches!(
            self.wb.dialogs.current,
            Dialog::Shortcuts | Dialog::About | Dialog::Preferences
        ) && !egui::Popup::is_any_open(ctx)
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            // Esc closes the help windows first; only with none open does it clear the selection.
            intents.push(Intent::CloseDialog);
        }
        if !self.wb.dialogs.is_modal() {
            let is_live = |command| self.attribution.is_key_live(&self.wb, command);
            keys::key_intents(&self.wb, ctx, self.was_typing, &is_live, intents);
        }
    }

    fn apply_preferences(&mut self, ctx: &egui::Context) {
        let theme = self.wb.prefs.theme;
        if self.applied_theme != Some(theme) {
            if self.applied_theme.is_none() {
                crate::ui::theme::install(ctx);
            }
            ctx.set_theme(theme);
            // Ctrl+± zooms the article's and the sidebar's text (our command), not the menus.
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            self.applied_theme = Some(theme);
        }
    }

    /// Sends the title only when it can have changed: formatting it every frame would
    /// allocate for nothing.
    fn update_title(&mut self, ctx: &egui::Context) {
        let session = &self.wb.session;
        let key = (session.project.revision(), session.history.is_dirty());
        if self.title_sent_for != Some(key) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
            self.title_sent_for = Some(key);
        }
    }
}

/// What decides which commands are enabled and checked, now.
fn command_state<'a>(
    session: &Session,
    view: &ViewState,
    prefs: &Preferences,
    attribution: &Attribution,
    has_problems: &'a dyn Fn() -> bool,
) -> CommandState<'a> {
    CommandState {
        can_undo: session.history.can_undo(),
        can_redo: session.history.can_redo(),
        has_selected_annotation: view.selected.is_some(),
        has_text_selection: view.text_selection.is_some(),
        has_annotations: !session.project.annotations.is_empty(),
        document_count: session.project.documents.len(),
        has_document: view.document.is_some(),
        has_suggestion_target: attribution.has_target(view.document),
        has_problems,
        theme: prefs.theme.into(),
        is_sidebar_shown: prefs.show_sidebar,
        is_document_list_wanted: prefs.show_document_list,
        are_suggestions_shown: prefs.show_suggestions,
    }
}

impl eframe::App for StanceApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.wb.remember_position();
        self.wb.prefs.save(storage);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // The last snapshot or delete asked for reaches the disk before the process ends.
        self.flush_recovery();
    }
}

/// What tests and the bench read of the app.
impl StanceApp {
    #[must_use]
    pub fn project(&self) -> &Project {
        &self.wb.session.project
    }

    /// How many times the project's counts were rebuilt: once per change, not per frame.
    #[must_use]
    pub fn index_builds(&self) -> u64 {
        self.wb.session.index.builds()
    }

    /// What the article view did in the last frame (paragraphs laid out, painted…).
    #[must_use]
    pub fn article_stats(&self) -> crate::ui::article::ArticleStats {
        self.wb.panels.article.last_stats()
    }

    /// How far the article was scrolled in the last frame.
    #[must_use]
    pub fn article_scroll_offset_px(&self) -> f32 {
        self.wb.panels.article.scroll_offset_px()
    }

    /// The article or the analysis view.
    #[must_use]
    pub fn main_view(&self) -> MainView {
        self.wb.view.main_view
    }

    /// The analysis view's state: its filter, tab, pick and last frame's figures.
    #[must_use]
    pub fn analysis_view(&self) -> &crate::ui::analysis::AnalysisView {
        &self.wb.panels.analysis
    }

    /// The analysis view, to set its tab (tests and the bench).
    pub fn analysis_view_mut(&mut self) -> &mut crate::ui::analysis::AnalysisView {
        &mut self.wb.panels.analysis
    }

    /// How many annotation rows the sidebar drew in the last frame.
    #[must_use]
    pub fn sidebar_rows_drawn(&self) -> usize {
        self.wb.panels.sidebar.list.last_visible_rows().len()
    }

    /// True when the sidebar's selected row was wholly in view in the last frame.
    #[must_use]
    pub fn is_selected_row_in_view(&self) -> bool {
        self.wb.panels.sidebar.list.is_selected_in_view()
    }

    /// True while the Actors view fills the sidebar.
    #[must_use]
    pub fn is_actors_view_open(&self) -> bool {
        self.wb.panels.sidebar.is_actors_open()
    }

    /// What the sidebar lists and the article highlights.
    #[must_use]
    pub fn filter(&self) -> &crate::model::AnnotationFilter {
        &self.wb.view.filter
    }

    /// True while the compare view (not the article) is shown.
    #[must_use]
    pub fn is_compare_view(&self) -> bool {
        self.wb.view.main_view == MainView::Compare
    }

    /// What the adjudication queue holds now, and the current item's place in it.
    #[must_use]
    pub fn adjudication_queue(&self) -> (Vec<crate::model::adjudication::Item>, usize) {
        let queue = crate::model::adjudication::queue(&self.wb.session.project);
        let position = self
            .wb
            .view
            .queue_position
            .min(queue.len().saturating_sub(1));
        (queue, position)
    }

    /// How many times the compare view computed its queue and figures.
    #[must_use]
    pub fn compare_builds(&self) -> u64 {
        self.wb.panels.compare.builds()
    }

    #[must_use]
    pub fn history(&self) -> &History {
        &self.wb.session.history
    }

    #[must_use]
    pub fn selected_annotation(&self) -> Option<AnnotationId> {
        self.wb.view.selected
    }

    /// In link mode: the annotation being linked and, once clicked, its target.
    #[must_use]
    pub fn link_mode(&self) -> Option<(AnnotationId, Option<AnnotationId>)> {
        self.wb.view.link.map(|l| (l.from, l.to))
    }

    /// True while the Schema window is open.
    #[must_use]
    pub fn is_schema_window_open(&self) -> bool {
        matches!(self.wb.dialogs.current, Dialog::Schema)
    }

    #[must_use]
    pub fn text_selection(&self) -> Option<Span> {
        self.wb.view.text_selection
    }

    #[must_use]
    pub fn current_document(&self) -> Option<DocumentId> {
        self.wb.view.document
    }

    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.wb.session.path.as_deref()
    }

    #[must_use]
    pub fn preferences(&self) -> &Preferences {
        &self.wb.prefs
    }

    /// The error dialog shown now, if any.
    #[must_use]
    pub fn current_error(&self) -> Option<&ErrorReport> {
        self.wb.dialogs.errors.front()
    }

    /// What waits for the unsaved-changes prompt, if it is shown.
    #[must_use]
    pub fn pending_prompt(&self) -> Option<&Pending> {
        match &self.wb.dialogs.current {
            Dialog::UnsavedPrompt(pending) => Some(pending),
            _ => None,
        }
    }

    /// True while the needs-repair window is open.
    #[must_use]
    pub fn needs_repair(&self) -> bool {
        matches!(self.wb.dialogs.current, Dialog::Repair(_))
    }

    /// The window title: `Stance — <project title>`, with `•` while there are unsaved changes.
    #[must_use]
    pub fn title(&self) -> String {
        let dot = if self.wb.session.history.is_dirty() {
            " •"
        } else {
            ""
        };
        format!("Stance — {}{dot}", self.wb.session.project.title)
    }

    /// Where the char at `offset_chars` of the current document was painted in the last frame,
    /// if it was on screen: lets tests point at text like a user.
    #[must_use]
    pub fn article_char_rect(&self, offset_chars: usize) -> Option<egui::Rect> {
        let doc = self.wb.session.project.document(self.wb.view.document?)?;
        self.wb.panels.article.char_rect(doc, offset_chars)
    }

    /// The article's caret (where Shift+arrows select from), if it has one.
    #[must_use]
    pub fn article_caret(&self) -> Option<usize> {
        self.wb.panels.article.caret_offset()
    }

    /// Where the article's caret was painted in the last frame, if it was.
    #[must_use]
    pub fn article_caret_rect(&self) -> Option<egui::Rect> {
        self.wb.panels.article.caret_rect()
    }

    /// Blocks until the recovery worker has written or deleted what was asked (tests, exit).
    pub fn flush_recovery(&self) {
        recovery::flush(&self.wb);
    }

    /// The snapshot file this window writes for its project, if recovery is on.
    #[must_use]
    pub fn snapshot_path(&self) -> Option<PathBuf> {
        recovery::snapshot_path(&self.wb)
    }

    /// True while the restore offer is shown.
    #[must_use]
    pub fn is_offering_restore(&self) -> bool {
        matches!(self.wb.dialogs.current, Dialog::Restore(_))
    }

    /// True while the changed-on-disk prompt is shown.
    #[must_use]
    pub fn is_disk_change_shown(&self) -> bool {
        matches!(self.wb.dialogs.current, Dialog::DiskChanged { .. })
    }

    /// The file a save refused to overwrite, while the app asks about it.
    #[must_use]
    pub fn save_conflict(&self) -> Option<&Path> {
        match &self.wb.dialogs.current {
            Dialog::SaveConflict(path) => Some(path),
            _ => None,
        }
    }

    /// The suggestions shown for the current document (empty while hidden or not yet found).
    #[must_use]
    pub fn suggestions(&self) -> &[Suggestion] {
        self.attribution.shown(&self.wb)
    }

    /// True while the current document's suggestions are being found, or are older than
    /// the project (a new analysis starts on the next frame).
    #[must_use]
    pub fn is_analysing_suggestions(&self) -> bool {
        self.attribution.is_analysing_now(&self.wb)
    }

    /// The focused suggestion of the current document.
    #[must_use]
    pub fn focused_suggestion(&self) -> Option<&Suggestion> {
        self.attribution.focused_now(&self.wb)
    }
}
