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
mod font_notice;
mod intake;
mod intake_state;
mod intent;
mod keys;
mod layout;
mod links;
mod navigation;
pub mod prefs;
mod readout;
mod recovery;
mod repair;
mod rounds;
mod saving;
mod schema;
mod session;
pub mod sync;
mod text_check;
mod undo;
mod view;
mod web_import;
mod workbench;

use std::path::{Path, PathBuf};

use crate::io::recovery::{
    AutosavePolicy, PanicSlot, RecoveryDir, debug_panic_after_edits, install_panic_snapshot,
};
use crate::model::{DerivedCache, Project, Span};
use crate::ui::Action;
use crate::ui::commands::{Command, CommandState};
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
    /// Sync with the team: git jobs on worker threads and what they found.
    team: sync::TeamSync,
    /// Intents asked for outside a frame (startup, tests) and applied on the next one.
    queued: Vec<Intent>,
    applied_theme: Option<Theme>,
    /// The window title, for the project state and dirty flag it was last sent for.
    title: DerivedCache<bool, String>,
    /// A text field had focus at the end of the last frame. egui drops the focus as soon as
    /// Esc arrives, so without this the Esc that leaves a field would also clear the selection.
    was_typing: bool,
}

impl StanceApp {
    /// The app with `project` as a new unsaved project, preferences from `storage`, and the
    /// given file dialogs. On a first run it asks who is annotating.
    #[must_use]
    pub fn new(
        project: Project,
        storage: Option<&dyn eframe::Storage>,
        dialogs: Box<dyn FileDialogs>,
    ) -> Self {
        let mut app = Self::without_prompt(project, storage, dialogs);
        if !app.wb.prefs.has_confirmed_annotator {
            let name = &app.wb.prefs.annotator_name;
            app.team.state.suggested_annotator = if name.trim().is_empty() {
                crate::io::git::global_user_name().unwrap_or_else(prefs::os_user_name)
            } else {
                name.clone()
            };
            app.wb.dialogs.open(Dialog::AnnotatorName);
        }
        app
    }

    fn without_prompt(
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
            team: sync::TeamSync::default(),
            queued: Vec::new(),
            applied_theme: None,
            title: DerivedCache::default(),
            was_typing: false,
        }
    }

    /// The app on `project`, with default preferences and scripted (never native) dialogs:
    /// for tests and benchmarks.
    #[must_use]
    pub fn with_project(project: Project) -> Self {
        let mut app = Self::without_prompt(project, None, Box::new(ScriptedDialogs::new()));
        // The harness of tests and the bench answers the first-run question itself.
        app.wb.prefs.set_annotator_name("tester");
        app.wb.prefs.has_confirmed_annotator = true;
        app
    }

    /// The annotator is `name`, as if the first-run question was answered (test harnesses
    /// answer it so; a blank name is not taken).
    #[must_use]
    pub fn with_annotator(mut self, name: &str) -> Self {
        self.wb.prefs.set_annotator_name(name);
        if !self.wb.prefs.annotator_name.trim().is_empty() {
            self.wb.prefs.has_confirmed_annotator = true;
            if matches!(self.wb.dialogs.current, Dialog::AnnotatorName) {
                self.wb.dialogs.close();
            }
        }
        self
    }

    /// git's merge driver runs `binary` (tests name the real `stance`; the app runs itself).
    #[must_use]
    pub fn with_stance_binary(mut self, binary: &Path) -> Self {
        self.team.stance_binary = Some(binary.to_path_buf());
        self
    }

    /// [`StanceApp::with_project`] as on a first run: it asks who is annotating, suggesting
    /// `suggested` (the real app suggests git's user.name, else the OS user).
    #[must_use]
    pub fn first_run(project: Project, suggested: &str) -> Self {
        let mut app = Self::without_prompt(project, None, Box::new(ScriptedDialogs::new()));
        suggested.clone_into(&mut app.team.state.suggested_annotator);
        app.wb.prefs.has_confirmed_annotator = false;
        app.wb.dialogs.open(Dialog::AnnotatorName);
        app
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
        self.attribution.refresh(&self.wb, &ctx);
        self.wb.session.text_check.refresh(&self.wb.session.project);
        (self.wb.view.font_notice).refresh(&ctx, &self.wb.session.project, self.wb.view.document);

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
        self.team.poll(&self.wb, ctx, &mut events);
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
            team: &self.team.state,
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
        let (project, is_dirty) = (session.project.key(), session.history.is_dirty());
        if !self.title.is_current(project, &is_dirty) {
            let title = (self.title).get_or_build(project, is_dirty, || window_title(session));
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
        }
    }
}

/// `Stance — <project title>`, with `•` while there are unsaved changes.
fn window_title(session: &Session) -> String {
    let dot = if session.history.is_dirty() {
        " •"
    } else {
        ""
    };
    format!("Stance — {}{dot}", session.project.title())
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
        has_selected_relation: view.selected_relation.is_some(),
        has_text_selection: view.text_selection.is_some(),
        has_annotations: !session.project.annotations().is_empty(),
        document_count: session.project.documents().len(),
        has_document: view.document.is_some(),
        has_suggestion_target: attribution.has_target(view.document),
        has_problems,
        theme: prefs.theme.into(),
        is_sidebar_shown: prefs.show_sidebar,
        is_document_list_wanted: prefs.show_document_list,
        are_suggestions_shown: prefs.show_suggestions,
        is_suggestion_list_shown: prefs.show_suggestion_list,
        are_links_shown: prefs.show_links,
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
