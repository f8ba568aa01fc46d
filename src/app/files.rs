//! The files controller: new, open, import, dropped files, quitting, the unsaved-changes
//! prompt that guards them, and the answers of the file dialogs, handed to the controller
//! that asked (saving, export, adjudication).

use std::path::{Path, PathBuf};

use super::dialog::{Dialog, Pending, RepairState};
use super::intent::Intent;
use super::saving;
use super::workbench::Workbench;
use crate::io::file_kind::{
    ARTICLE_EXTENSIONS, BRAT_EXTENSIONS, EXCHANGE_EXTENSIONS, FileKind, PROJECT_EXTENSION,
    PROJECT_EXTENSIONS, classify,
};
use crate::io::folder::{FolderContents, survey_folder};
use crate::model::{Document, EditError, Project};
use crate::ui::dialogs::UnsavedChoice;
use crate::ui::file_dialog::{DialogAnswer, DialogPurpose, DialogRequest};
use crate::ui::file_name;

/// What the files controller keeps between frames.
#[derive(Debug, Default)]
pub(super) struct Files {
    /// Set once the user has agreed to quit, so the close request goes through.
    pub(super) allow_close: bool,
}

impl Files {
    /// Runs `pending` now, or first asks about unsaved changes.
    pub(super) fn request(&mut self, wb: &mut Workbench, ctx: &egui::Context, pending: Pending) {
        if wb.session.history.is_dirty() {
            wb.dialogs.open(Dialog::UnsavedPrompt(pending));
        } else {
            self.perform(wb, ctx, pending);
        }
    }

    /// Does what the user asked, the unsaved changes (if any) being saved or discarded.
    pub(super) fn perform(&mut self, wb: &mut Workbench, ctx: &egui::Context, pending: Pending) {
        match pending {
            Pending::NewProject => {
                wb.replace_project(Project::new("Untitled"), None, None);
                wb.toasts.info(
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
                    .directory(wb.dialog_directory());
                wb.file_dialogs.start(request, ctx);
            }
            Pending::OpenPath(path) => open_path(wb, &path),
            Pending::Quit => {
                // Quitting clean, or after "Discard": no unsaved work to keep. Done before the
                // process ends.
                if let Some(autosave) = &mut wb.session.autosave {
                    autosave.delete();
                    autosave.flush();
                }
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// The user's answer to the unsaved-changes prompt.
    pub(super) fn answer_prompt(
        &mut self,
        wb: &mut Workbench,
        ctx: &egui::Context,
        choice: UnsavedChoice,
    ) {
        if !matches!(wb.dialogs.current, Dialog::UnsavedPrompt(_)) {
            return;
        }
        let Dialog::UnsavedPrompt(pending) = wb.dialogs.close() else {
            return;
        };
        match choice {
            UnsavedChoice::Save => {
                wb.session.after_save = Some(pending);
                saving::save(wb, ctx);
            }
            UnsavedChoice::Discard => self.perform(wb, ctx, pending),
            UnsavedChoice::Cancel => {}
        }
    }
}

/// Opens a project (.ron), or starts a new project from an article (.txt, .md) or from
/// annotations (brat files and folders, Stance exports). Errors are shown.
pub(super) fn open_path(wb: &mut Workbench, path: &Path) {
    match classify(path) {
        // A new project, then the import every article goes through: a page, a PDF (read
        // off the UI thread), a news-database export or a folder of articles (the review
        // table) opens as it imports.
        FileKind::Article => {
            let title = crate::io::formats::article::title_from_path(path);
            wb.replace_project(Project::new(title), None, None);
            wb.follow_up(Intent::Import(vec![path.to_path_buf()]));
        }
        FileKind::BratFolder if matches!(survey_folder(path), Ok(FolderContents::Articles(_))) => {
            wb.replace_project(Project::new(file_name(path)), None, None);
            wb.follow_up(Intent::ImportFolder(vec![path.to_path_buf()]));
        }
        FileKind::Annotations | FileKind::BratFolder => {
            let title = path
                .file_stem()
                .map_or_else(|| file_name(path), |s| s.to_string_lossy().into_owned());
            let mut project = Project::new(title);
            match crate::io::import_paths(&[path.to_path_buf()], &mut project) {
                Ok(_) => wb.replace_project(project, None, None),
                Err(e) => wb.dialogs.report(
                    &format!("Could not open {}", file_name(path)),
                    e.to_string(),
                ),
            }
        }
        // Anything else is read as a project: its errors say what is wrong with the file.
        FileKind::Project | FileKind::Unknown => match crate::io::load_project(path) {
            Ok(loaded) => {
                let needs_repair = loaded.needs_repair();
                wb.replace_project(loaded.project, Some(path.to_path_buf()), loaded.fingerprint);
                wb.session.history.mark_saved();
                wb.restore_position(path);
                wb.prefs.remember_file(path);
                if needs_repair {
                    let project = &wb.session.project;
                    let state = RepairState::new(file_name(path), project, Some(loaded.problems));
                    wb.dialogs.current = Dialog::Repair(state);
                }
            }
            Err(error) => {
                // Open Recent should not keep offering a file that was moved or deleted.
                if !path.exists() {
                    wb.prefs.forget_file(path);
                }
                wb.follow_up(Intent::OpenFailed {
                    path: path.to_path_buf(),
                    error,
                });
            }
        },
    }
}

/// A new project named after `document`, holding it.
pub(super) fn project_with_document(document: Document) -> Result<Project, EditError> {
    let mut project = Project::new(document.title.clone());
    project.apply(project.add_document(document))?;
    Ok(project)
}

/// Opens the most recent project, where the user left it; the bundled article stays when
/// there is none (a first run) or it is gone.
pub(super) fn reopen_last_project(wb: &mut Workbench) {
    let Some(path) = wb.prefs.recent_files.first().cloned() else {
        return;
    };
    if path.is_file() {
        open_path(wb, &path);
    } else {
        wb.prefs.forget_file(&path);
    }
}

/// File → Import Article…: asks which articles or annotation files to import.
pub(super) fn start_import_dialog(wb: &mut Workbench, ctx: &egui::Context) {
    let request = DialogRequest::new(DialogPurpose::ImportArticles, "Import")
        .filter(
            "Articles and annotations",
            &[ARTICLE_EXTENSIONS, BRAT_EXTENSIONS, EXCHANGE_EXTENSIONS].concat(),
        )
        .filter("Article", ARTICLE_EXTENSIONS)
        .filter("brat annotations", BRAT_EXTENSIONS)
        .filter("Stance export (JSON, JSONL, W3C)", EXCHANGE_EXTENSIONS)
        .directory(wb.dialog_directory());
    wb.file_dialogs.start(request, ctx);
}

/// File → Import Folder…: asks which folder to import.
pub(super) fn start_import_folder_dialog(wb: &mut Workbench, ctx: &egui::Context) {
    let request = DialogRequest::new(DialogPurpose::ImportFolder, "Import Folder")
        .directory(wb.dialog_directory());
    wb.file_dialogs.start(request, ctx);
}

/// A file dialog was answered: the chosen paths go to the controller that asked for them.
pub(super) fn dialog_answered(wb: &mut Workbench, ctx: &egui::Context, answer: DialogAnswer) {
    if answer.is_unavailable {
        wb.toasts.warning(
            ctx,
            "No file dialog could be shown (install zenity or an XDG desktop portal). \
             You can also pass a file on the command line or drop it onto this window.",
        );
    }
    let Some(first) = answer.paths.first().cloned() else {
        // Cancelled: whatever waited for a save-as does not happen.
        match answer.purpose {
            DialogPurpose::SaveProjectAs => wb.session.after_save = None,
            DialogPurpose::Export => wb.follow_up(Intent::ExportTo(None)),
            DialogPurpose::OpenProject
            | DialogPurpose::ImportArticles
            | DialogPurpose::ImportFolder
            | DialogPurpose::CompareWith => {}
        }
        return;
    };
    wb.prefs.remember_directory_of(&first);
    wb.follow_up(match answer.purpose {
        DialogPurpose::OpenProject => Intent::OpenFile(first),
        DialogPurpose::SaveProjectAs => {
            let path = if first.extension().is_none() {
                first.with_extension(PROJECT_EXTENSION)
            } else {
                first
            };
            Intent::SaveProjectAs(path)
        }
        DialogPurpose::ImportArticles => Intent::Import(answer.paths),
        DialogPurpose::ImportFolder => Intent::ImportFolder(answer.paths),
        DialogPurpose::Export => Intent::ExportTo(Some(first)),
        DialogPurpose::CompareWith => Intent::CompareWith(answer.paths),
    });
}

/// Imports articles, brat files or Stance exports as one undoable step (see
/// [`super::intake`]: several articles are reviewed first).
pub(super) fn import(wb: &mut Workbench, ctx: &egui::Context, paths: &[PathBuf]) {
    super::intake::start(wb, ctx, paths.to_vec());
}

/// File > Import Folder (or a drop): one folder of brat folders offers them; anything else
/// imports at once.
pub(super) fn import_folder(wb: &mut Workbench, ctx: &egui::Context, paths: &[PathBuf]) {
    if let [folder] = paths
        && let Ok(FolderContents::BratFolders(folders)) = survey_folder(folder)
        && folders.len() > 1
    {
        wb.dialogs.open(Dialog::ChooseFolders(folders));
        return;
    }
    import(wb, ctx, paths);
}

/// The brat folders chosen in the folder choice (none: cancelled).
pub(super) fn import_chosen_folders(wb: &mut Workbench, ctx: &egui::Context, folders: &[PathBuf]) {
    wb.dialogs.close();
    if !folders.is_empty() {
        import(wb, ctx, folders);
    }
}

/// Files dropped on the window: a project opens; articles, annotations and folders are
/// imported.
pub(super) fn drop_files(
    files: &mut Files,
    wb: &mut Workbench,
    ctx: &egui::Context,
    dropped: Vec<PathBuf>,
) {
    if wb.dialogs.is_modal() {
        // A drop would replace what the open prompt is asking about.
        wb.toasts.warning(
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
        import_folder(wb, ctx, &imports);
    }
    if let Some(project) = projects.into_iter().next() {
        files.request(wb, ctx, Pending::OpenPath(project));
    }
}
