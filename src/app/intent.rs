//! [`Dialog`], the one open dialog, and [`Intent`], what input and drawing ask the app to do.
//!
//! Input handling and every panel and window only collect intents; `StanceApp::apply`
//! applies them, so no session, view or dialog state changes while the UI is drawn.

use std::path::PathBuf;

use super::files::{Pending, RepairState};
use super::recovery::{OpenFailed, RestoreOffer};
use crate::io::{FileFingerprint, SaveError};
use crate::model::{ActorId, AnnotationId, Span};
use crate::ui::Action;
use crate::ui::dialogs::{RepairChoice, UnsavedChoice};
use crate::ui::export_dialog::ExportRequest;
use crate::ui::file_dialog::DialogAnswer;
use crate::ui::recovery_dialogs::{ConflictChoice, DiskChoice, RestoreChoice};

/// The dialog or tool window shown over the workbench; at most one at a time. Errors have
/// their own queue and show over it; toasts are not dialogs.
#[derive(Default)]
pub(super) enum Dialog {
    #[default]
    None,
    /// "Save changes?" before something that would discard them.
    UnsavedPrompt(Pending),
    /// The needs-repair window of a project loaded with problems.
    Repair(RepairState),
    /// "Delete this actor?", naming how many annotations lose their holder or target.
    ConfirmDeleteActor(ActorId),
    /// An export path that exists, waiting for the user to confirm overwriting it.
    ConfirmOverwrite(PathBuf),
    Shortcuts,
    About,
    Export,
    /// At start: unsaved work kept in recovery snapshots, offered for restoring.
    Restore(RestoreOffer),
    /// The project's file changed on disk; `is_confirming` asks before a reload loses edits.
    DiskChanged {
        is_confirming: bool,
    },
    /// A save found its file changed by someone else: overwrite, save as, or cancel.
    SaveConflict(PathBuf),
    /// A file failed to open, with a backup or snapshot to open instead.
    OpenFailed(OpenFailed),
    /// Project → Schema…: tags, fields, relation types and issues.
    Schema,
    /// Edit → Preferences…: the annotator name.
    Preferences,
    /// An imported folder holds several brat folders: which to import.
    ChooseFolders(Vec<PathBuf>),
}

impl Dialog {
    /// True for the prompts that wait for an answer; keys and drops wait too.
    pub(super) fn is_modal(&self) -> bool {
        matches!(
            self,
            Dialog::UnsavedPrompt(_)
                | Dialog::ConfirmDeleteActor(_)
                | Dialog::ConfirmOverwrite(_)
                | Dialog::Restore(_)
                | Dialog::DiskChanged { .. }
                | Dialog::SaveConflict(_)
                | Dialog::OpenFailed(_)
                | Dialog::ChooseFolders(_)
        )
    }
}

/// One thing the app is asked to do this frame, in the order asked.
#[derive(Debug)]
pub(super) enum Intent {
    /// A panel's or the keyboard's action.
    Action(Action),
    /// The article's text selection changed (drag, click, keys).
    SetTextSelection(Option<Span>),
    /// A click on the article's background.
    Deselect,
    /// The annotation under the pointer in the article changed.
    Hover(Option<AnnotationId>),
    /// Files dropped on the window: imported, except projects, which open.
    Drop(Vec<PathBuf>),
    /// A native file dialog was answered (or cancelled).
    FileDialogAnswered(DialogAnswer),
    /// The background save ended with this result; `None` if its thread died.
    SaveFinished(Option<Result<FileFingerprint, SaveError>>),
    /// The window's close button with unsaved changes.
    CloseRequested,
    Unsaved(UnsavedChoice),
    DismissError,
    /// The overwrite confirmation: true replaces the file.
    Overwrite(bool),
    Repair(RepairChoice),
    /// The delete-actor confirmation: true deletes it.
    DeleteActor(bool),
    /// The export dialog's Export button: ask where to write it.
    Export(ExportRequest),
    CloseDialog,
    Restore(RestoreChoice),
    DiskChanged(DiskChoice),
    SaveConflict(ConflictChoice),
    /// The open error's answer: open the alternative at this index, or close.
    OpenInstead(Option<usize>),
    /// The user resized a side panel.
    DocumentListWidth(f32),
    SidebarWidth(f32),
    /// The user dragged the split between the sidebar's list and editor.
    SidebarEditorHeight(f32),
    /// A ghost suggestion was clicked: focus it (by its content ranges).
    FocusSuggestion(Vec<Span>),
    /// The ghost suggestion under the pointer changed.
    HoverSuggestion(Option<Vec<Span>>),
    /// The brat folders chosen for import (none: cancelled).
    ImportFolders(Vec<PathBuf>),
}

impl From<Action> for Intent {
    fn from(action: Action) -> Self {
        Intent::Action(action)
    }
}
