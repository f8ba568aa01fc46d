//! Files: new, open, import, save, export, dropped files, and the answers of the
//! unsaved-changes prompt, the needs-repair window and the overwrite confirmation.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

use super::StanceApp;
use super::intent::{Dialog, Intent};
use crate::io::file_kind::{
    ARTICLE_EXTENSIONS, BRAT_EXTENSIONS, EXCHANGE_EXTENSIONS, PROJECT_EXTENSION, PROJECT_EXTENSIONS,
};
use crate::io::import::{FileKind, classify};
use crate::io::{FileFingerprint, SaveError};
use crate::model::{Problem, Project};
use crate::ui::dialogs::{ErrorReport, UnsavedChoice};
use crate::ui::export_dialog::ExportRequest;
use crate::ui::file_dialog::{DialogAnswer, DialogPurpose, DialogRequest};
use crate::ui::file_name;

/// Projects whose file would be larger than this are serialised and written on a worker
/// thread. `stance bench` measured a 57 ms frame saving a 1 MiB article with 10,000
/// annotations on the UI thread; cloning it for the worker takes about 1 ms.
const BACKGROUND_SAVE_BYTES: usize = 256 * 1024;
/// About what one annotation adds to a project file (ids, ranges, quote, times).
const FILE_BYTES_PER_ANNOTATION: usize = 400;

/// Something that would discard unsaved changes, waiting for the user's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    NewProject,
    OpenDialog,
    OpenPath(PathBuf),
    Quit,
}

impl Pending {
    pub(super) fn what_for_prompt(&self) -> &'static str {
        match self {
            Pending::NewProject => "starting a new project",
            Pending::OpenDialog | Pending::OpenPath(_) => "opening another file",
            Pending::Quit => "quitting",
        }
    }
}

/// The needs-repair window's state.
pub struct RepairState {
    pub(super) file_name: String,
    /// Problems, recomputed when the project changes.
    pub(super) problems: (u64, Vec<Problem>),
    /// Annotations the last Re-anchor could not place: left where they were, never dropped.
    pub(super) orphans: Vec<crate::model::Orphan>,
}

/// A save running on a worker thread.
pub struct SaveJob {
    receiver: Receiver<Result<FileFingerprint, SaveError>>,
    path: PathBuf,
    /// The history state that was saved.
    state: u64,
}

impl StanceApp {
    /// Runs `pending` now, or first asks about unsaved changes.
    pub(super) fn request(&mut self, ctx: &egui::Context, pending: Pending) {
        if self.session.history.is_dirty() {
            self.open_dialog(Dialog::UnsavedPrompt(pending));
        } else {
            self.perform(ctx, pending);
        }
    }

    fn perform(&mut self, ctx: &egui::Context, pending: Pending) {
        match pending {
            Pending::NewProject => {
                self.replace_project(Project::new("Untitled"), None, None);
                self.toasts.info(
                    ctx,
                    "New project: import an article with Ctrl+I or drop one here",
                );
            }
            Pending::OpenDialog => {
                let request = DialogRequest::new(DialogPurpose::OpenProject, "Open")
                    .filter(
                        "Stance projects and articles",
                        &[PROJECT_EXTENSIONS, ARTICLE_EXTENSIONS].concat(),
                    )
                    .filter("Stance project", PROJECT_EXTENSIONS)
                    .filter("Article", ARTICLE_EXTENSIONS)
                    .directory(self.dialog_directory());
                self.file_dialogs.start(request, ctx);
            }
            Pending::OpenPath(path) => self.open_path(&path),
            Pending::Quit => {
                // Quitting clean, or after "Discard": no unsaved work to keep. Done before the
                // process ends.
                if let Some(autosave) = &mut self.session.autosave {
                    autosave.delete();
                    autosave.flush();
                }
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// The user's answer to the unsaved-changes prompt.
    pub(super) fn answer_prompt(&mut self, ctx: &egui::Context, choice: UnsavedChoice) {
        if !matches!(self.dialog, Dialog::UnsavedPrompt(_)) {
            return;
        }
        let Dialog::UnsavedPrompt(pending) = self.close_dialog() else {
            return;
        };
        match choice {
            UnsavedChoice::Save => {
                self.session.after_save = Some(pending);
                self.save(ctx);
            }
            UnsavedChoice::Discard => self.perform(ctx, pending),
            UnsavedChoice::Cancel => {}
        }
    }

    /// Opens a project (.ron), or starts a new project from an article (.txt, .md) or from
    /// annotations (brat files and folders, Stance exports). Errors are shown.
    pub fn open_path(&mut self, path: &Path) {
        match classify(path) {
            FileKind::Article => {
                let opened = crate::io::article::read_article(path)
                    .map_err(|e| e.to_string())
                    .and_then(|document| {
                        super::project_with_document(document).map_err(|e| e.to_string())
                    });
                match opened {
                    Ok(project) => self.replace_project(project, None, None),
                    Err(message) => self.report("Could not open the article", message),
                }
            }
            FileKind::Annotations | FileKind::BratFolder => {
                let title = path
                    .file_stem()
                    .map_or_else(|| file_name(path), |s| s.to_string_lossy().into_owned());
                let mut project = Project::new(title);
                match crate::io::import_paths(&[path.to_path_buf()], &mut project) {
                    Ok(_) => self.replace_project(project, None, None),
                    Err(e) => self.report(
                        &format!("Could not open {}", file_name(path)),
                        e.to_string(),
                    ),
                }
            }
            // Anything else is read as a project: its errors say what is wrong with the file.
            FileKind::Project | FileKind::Unknown => match crate::io::load_project(path) {
                Ok(loaded) => {
                    let needs_repair = loaded.needs_repair();
                    self.replace_project(
                        loaded.project,
                        Some(path.to_path_buf()),
                        loaded.fingerprint,
                    );
                    self.session.history.mark_saved();
                    self.restore_position(path);
                    self.prefs.remember_file(path);
                    if needs_repair {
                        self.dialog = Dialog::Repair(RepairState {
                            file_name: file_name(path),
                            problems: (self.session.project.revision(), loaded.problems),
                            orphans: Vec::new(),
                        });
                    }
                }
                Err(e) => {
                    self.open_failed(path, &e);
                    // Open Recent should not keep offering a file that was moved or deleted.
                    if !path.exists() {
                        self.prefs.forget_file(path);
                    }
                }
            },
        }
    }

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
        self.disk.reset();
        // The old project's problems are not the new one's.
        self.repair_behind = None;
        if matches!(self.dialog, Dialog::Repair(_)) {
            self.dialog = Dialog::None;
        }
    }

    pub(super) fn report(&mut self, title: &str, message: String) {
        self.errors.push_back(ErrorReport {
            title: title.to_owned(),
            message,
        });
    }

    /// Saves to the current file, or asks where first.
    pub(super) fn save(&mut self, ctx: &egui::Context) {
        // A first Save As still writing has not set `path` yet, but its file is the target.
        let target = (self.session.path.clone())
            .or_else(|| self.session.save_job.as_ref().map(|j| j.path.clone()));
        match target {
            Some(path) => self.save_to(ctx, &path),
            None => self.start_save_as_dialog(ctx),
        }
    }

    pub(super) fn start_save_as_dialog(&mut self, ctx: &egui::Context) {
        let suggested = self.session.path.as_deref().map_or_else(
            || {
                let stem = crate::io::export::sanitize_file_stem(self.session.project.title());
                let stem = if stem.is_empty() {
                    "project".to_owned()
                } else {
                    stem
                };
                format!("{stem}.{PROJECT_EXTENSION}")
            },
            file_name,
        );
        let request = DialogRequest::new(DialogPurpose::SaveProjectAs, "Save Project As")
            .filter("Stance project", PROJECT_EXTENSIONS)
            .file_name(suggested)
            .directory(self.dialog_directory());
        self.file_dialogs.start(request, ctx);
    }

    pub(super) fn start_import_dialog(&mut self, ctx: &egui::Context) {
        let request = DialogRequest::new(DialogPurpose::ImportArticles, "Import")
            .filter(
                "Articles and annotations",
                &[ARTICLE_EXTENSIONS, BRAT_EXTENSIONS, EXCHANGE_EXTENSIONS].concat(),
            )
            .filter("Article", ARTICLE_EXTENSIONS)
            .filter("brat annotations", BRAT_EXTENSIONS)
            .filter("Stance export (JSON, JSONL, W3C)", EXCHANGE_EXTENSIONS)
            .directory(self.dialog_directory());
        self.file_dialogs.start(request, ctx);
    }

    pub(super) fn start_import_folder_dialog(&mut self, ctx: &egui::Context) {
        let request = DialogRequest::new(DialogPurpose::ImportFolder, "Import Folder")
            .directory(self.dialog_directory());
        self.file_dialogs.start(request, ctx);
    }

    /// Where a file dialog starts: the last folder used, else the project's, never the folder
    /// the app was launched from unless nothing else is known.
    fn dialog_directory(&self) -> Option<PathBuf> {
        let project_dir = (self.session.path.as_deref())
            .or_else(|| self.prefs.recent_files.first().map(PathBuf::as_path))
            .and_then(Path::parent);
        (self.prefs.last_directory.as_deref())
            .filter(|dir| dir.is_dir())
            .or(project_dir)
            .map(Path::to_path_buf)
    }

    /// Writes the project to `path`: big projects on a worker thread, so the window never
    /// freezes; the file is replaced atomically either way. Saving over the open file first
    /// checks that nobody else changed it; if someone did, the app asks. It is refused while
    /// an article's text was changed outside Stance (see `refuse_save_over_changed_text`).
    pub fn save_to(&mut self, ctx: &egui::Context, path: &Path) {
        let is_own_file = self.session.path.as_deref() == Some(path);
        if is_own_file && self.refuse_save_over_changed_text(ctx) {
            return;
        }
        let expected = if is_own_file {
            self.session.fingerprint.clone()
        } else {
            None
        };
        self.write_project(ctx, path, expected);
    }

    /// [`Self::save_to`], refusing if the file is no longer `expected` (`None`: no check).
    pub(super) fn write_project(
        &mut self,
        ctx: &egui::Context,
        path: &Path,
        expected: Option<FileFingerprint>,
    ) {
        if self.session.save_job.is_some() {
            // Two writers racing to one file could leave the older snapshot there last.
            self.session.queued_save = Some(path.to_path_buf());
            return;
        }
        let text_bytes: usize = self
            .session
            .project
            .documents()
            .iter()
            .map(|d| d.text.len())
            .sum();
        let file_bytes =
            text_bytes + self.session.project.annotations().len() * FILE_BYTES_PER_ANNOTATION;
        if file_bytes < BACKGROUND_SAVE_BYTES {
            let result =
                crate::io::save_project_checked(path, &self.session.project, expected.as_ref());
            self.finish_save(ctx, path, self.session.history.current_state(), result);
            return;
        }
        let snapshot = self.session.project.clone();
        let (sender, receiver) = std::sync::mpsc::channel();
        let target = path.to_path_buf();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("save-project".to_owned())
            .spawn(move || {
                let result = crate::io::save_project_checked(&target, &snapshot, expected.as_ref());
                let _sent = sender.send(result);
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.session.save_job = Some(SaveJob {
                    receiver,
                    path: path.to_path_buf(),
                    state: self.session.history.current_state(),
                });
                self.toasts.info(ctx, "Saving…");
            }
            Err(e) => self.report("Could not save", format!("{}: {e}", path.display())),
        }
    }

    fn finish_save(
        &mut self,
        ctx: &egui::Context,
        path: &Path,
        state: u64,
        result: Result<FileFingerprint, SaveError>,
    ) {
        match result {
            Ok(fingerprint) => {
                // Edits made while a background save ran are not in the file.
                if self.session.history.current_state() == state {
                    self.session.history.mark_saved();
                    if let Some(autosave) = &mut self.session.autosave {
                        autosave.delete();
                    }
                }
                self.session.path = Some(path.to_path_buf());
                self.session.fingerprint = Some(fingerprint);
                self.disk.reset();
                self.remember_position();
                self.prefs.remember_file(path);
                self.toasts.info(ctx, format!("Saved {}", file_name(path)));
                if let Some(next) = self.session.queued_save.take() {
                    // What waits for a save (e.g. Quit) waits for the one with the newest edits.
                    self.save_to(ctx, &next);
                } else if let Some(pending) = self.session.after_save.take() {
                    self.perform(ctx, pending);
                }
            }
            Err(SaveError::ChangedOnDisk { path }) => {
                // What waits for the save (e.g. Quit) goes on once the user has answered.
                self.session.queued_save = None;
                self.open_dialog(Dialog::SaveConflict(path));
            }
            Err(e) => {
                self.session.after_save = None;
                self.session.queued_save = None;
                self.report("Could not save the project", e.to_string());
            }
        }
    }

    /// Finished file dialogs and background saves, as intents.
    pub(super) fn poll_background(&mut self, intents: &mut Vec<Intent>) {
        if let Some(answer) = self.file_dialogs.poll() {
            intents.push(Intent::FileDialogAnswered(answer));
        }
        if let Some(job) = &self.session.save_job {
            match job.receiver.try_recv() {
                Ok(result) => intents.push(Intent::SaveFinished(Some(result))),
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => intents.push(Intent::SaveFinished(None)),
            }
        }
    }

    /// The background save ended: with its result, or `None` if its thread died.
    pub(super) fn background_save_finished(
        &mut self,
        ctx: &egui::Context,
        result: Option<Result<FileFingerprint, SaveError>>,
    ) {
        let Some(job) = self.session.save_job.take() else {
            return;
        };
        match result {
            Some(result) => self.finish_save(ctx, &job.path, job.state, result),
            None => {
                self.session.after_save = None;
                self.session.queued_save = None;
                let path = job.path.display();
                self.report(
                    "Could not save the project",
                    format!("{path}: the save stopped unexpectedly"),
                );
            }
        }
    }

    pub(super) fn dialog_answered(&mut self, ctx: &egui::Context, answer: &DialogAnswer) {
        if answer.is_unavailable {
            self.toasts.warning(
                ctx,
                "No file dialog could be shown (install zenity or an XDG desktop portal). \
                 You can also pass a file on the command line or drop it onto this window.",
            );
        }
        let Some(first) = answer.paths.first().cloned() else {
            // Cancelled: whatever waited for a save-as does not happen.
            if answer.purpose == DialogPurpose::SaveProjectAs {
                self.session.after_save = None;
            }
            if answer.purpose == DialogPurpose::Export {
                self.session.pending_export = None;
            }
            return;
        };
        self.prefs.remember_directory_of(&first);
        match answer.purpose {
            DialogPurpose::OpenProject => self.open_path(&first),
            DialogPurpose::SaveProjectAs => {
                let path = if first.extension().is_none() {
                    first.with_extension(PROJECT_EXTENSION)
                } else {
                    first
                };
                self.save_to(ctx, &path);
            }
            DialogPurpose::ImportArticles => self.import(ctx, &answer.paths),
            DialogPurpose::ImportFolder => self.import_folder(ctx, &answer.paths),
            DialogPurpose::Export => {
                if first.exists() {
                    self.open_dialog(Dialog::ConfirmOverwrite(first));
                } else {
                    self.write_export(ctx, &first);
                }
            }
            DialogPurpose::CompareWith => self.compare_with(ctx, &answer.paths),
        }
    }

    /// Imports articles, brat files or Stance exports as one undoable step; shows the first
    /// new document.
    pub(super) fn import(&mut self, ctx: &egui::Context, paths: &[PathBuf]) {
        match crate::io::import::import_edit(paths, &self.session.project) {
            Ok((edit, summary)) => {
                let label = if summary.annotations > 0 {
                    "Import Annotations"
                } else if summary.documents.len() == 1 {
                    "Import Article"
                } else {
                    "Import Articles"
                };
                // JSONL and W3C exports bring annotations onto documents already here.
                let has_content = !summary.documents.is_empty() || summary.annotations > 0;
                if has_content && self.edit(ctx, Ok(edit), label, None) {
                    if let Some(first) = summary.documents.first().copied() {
                        self.view.document = Some(first);
                        self.view.article_scroll_to = Some(0);
                    }
                    self.view.selected = None;
                    self.view.text_selection = None;
                    self.toasts.info(
                        ctx,
                        format!(
                            "Imported {} document(s) and {} annotation(s)",
                            summary.documents.len(),
                            summary.annotations
                        ),
                    );
                }
                for (path, reason) in summary.skipped {
                    self.toasts
                        .warning(ctx, format!("Skipped {}: {reason}", file_name(&path)));
                }
            }
            Err(e) => self.report("Could not import", e.to_string()),
        }
    }

    /// Files dropped on the window: a project opens; articles, annotations and folders are
    /// imported.
    pub(super) fn drop_files(&mut self, ctx: &egui::Context, dropped: Vec<PathBuf>) {
        if self.is_modal_open() {
            // A drop would replace what the open prompt is asking about.
            self.toasts.warning(
                ctx,
                "Answer the open dialog first, then drop the files again",
            );
            return;
        }
        // Unknown files go to the import, whose error lists what can be imported.
        let (projects, imports): (Vec<PathBuf>, Vec<PathBuf>) = dropped
            .into_iter()
            .partition(|p| classify(p) == FileKind::Project);
        if !imports.is_empty() {
            self.import_folder(ctx, &imports);
        }
        if let Some(project) = projects.into_iter().next() {
            self.request(ctx, Pending::OpenPath(project));
        }
    }

    /// The overwrite confirmation's answer: replace the file, or drop the export.
    pub(super) fn answer_overwrite(&mut self, ctx: &egui::Context, is_confirmed: bool) {
        if !matches!(self.dialog, Dialog::ConfirmOverwrite(_)) {
            return;
        }
        let Dialog::ConfirmOverwrite(path) = self.close_dialog() else {
            return;
        };
        if is_confirmed {
            self.write_export(ctx, &path);
        } else {
            self.session.pending_export = None;
        }
    }

    /// Writes the pending export to `path` (after any overwrite confirmation).
    pub(super) fn write_export(&mut self, ctx: &egui::Context, path: &Path) {
        let Some(request) = self.session.pending_export.take() else {
            return;
        };
        match crate::ui::export_dialog::write_export(&self.session.project, &request, path) {
            Ok(()) => self
                .toasts
                .info(ctx, format!("Exported {}", file_name(path))),
            Err(e) => self.report("Could not export", e.to_string()),
        }
    }

    /// The export dialog's request: ask where to write it.
    pub(super) fn start_export_dialog(&mut self, ctx: &egui::Context, request: ExportRequest) {
        if matches!(self.dialog, Dialog::Export) {
            self.close_dialog();
        }
        let dialog = DialogRequest::new(DialogPurpose::Export, "Export Annotations")
            .file_name(request.file_name.clone())
            .directory(self.dialog_directory());
        self.session.pending_export = Some(request);
        self.file_dialogs.start(dialog, ctx);
    }
}
