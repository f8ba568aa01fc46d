//! [`Intent`]: everything the app is asked to do — by the keyboard, a panel, a dialog's
//! answer, a background worker, or one controller handing on to another.
//!
//! Input handling, drawing and the workers only collect intents; `StanceApp::dispatch`
//! applies them in one place, so no session, view or dialog state changes anywhere else.

use std::path::PathBuf;

use crate::attribution::Suggestion;
use crate::io::fetch::FetchError;
use crate::io::formats::article::ArticlesRead;
use crate::io::recovery::RecoveryError;
use crate::io::{FileFingerprint, LoadError, SaveError};
use crate::model::{AnnotationId, Attribution, DocumentId, ProjectKey, Span};
use crate::ui::Action;
use crate::ui::dialogs::{RepairChoice, UnsavedChoice};
use crate::ui::document_properties::PropertiesAnswer;
use crate::ui::export_dialog::ExportChoice;
use crate::ui::file_dialog::DialogAnswer;
use crate::ui::import_review::ReviewAnswer;
use crate::ui::recovery_dialogs::{ConflictChoice, DiskChoice, RestoreChoice};
use crate::ui::team::TeamAnswer;

use super::dialog::Pending;

/// One thing the app is asked to do, in the order asked.
#[derive(Debug)]
pub(super) enum Intent {
    /// A panel's, a menu's or the keyboard's action.
    Action(Action),
    /// The article's text selection changed (drag, click, keys).
    SetTextSelection(Option<Span>),
    /// A click on the article's background.
    Deselect,
    /// The annotation under the pointer in the article changed.
    Hover(Option<AnnotationId>),
    /// Files dropped on the window: imported, except projects, which open.
    Drop(Vec<PathBuf>),
    /// The window's close button with unsaved changes.
    CloseRequested,
    /// The user resized a side panel.
    DocumentListWidth(f32),
    SidebarWidth(f32),
    /// The user dragged the split between the sidebar's list and editor.
    SidebarEditorHeight(f32),
    /// A ghost suggestion was clicked: focus it (by its content ranges).
    FocusSuggestion(Vec<Span>),
    /// The ghost suggestion under the pointer changed.
    HoverSuggestion(Option<Vec<Span>>),
    /// A row of the suggestion list was clicked: focus that suggestion and bring it into view.
    ShowSuggestion(Vec<Span>),
    /// The suggestion list's "Reject all" of one type.
    RejectSuggestionsOfType(Attribution),

    // The answers of dialogs.
    Unsaved(UnsavedChoice),
    DismissError,
    /// The overwrite confirmation: true replaces the file.
    Overwrite(bool),
    Repair(RepairChoice),
    /// The delete-actor confirmation: true deletes it.
    DeleteActor(bool),
    /// The export dialog's Export button: ask where to write it.
    Export(ExportChoice),
    CloseDialog,
    Restore(RestoreChoice),
    DiskChanged(DiskChoice),
    SaveConflict(ConflictChoice),
    /// The open error's answer: open the alternative at this index, or close.
    OpenInstead(Option<usize>),
    /// The brat folders chosen for import (none: cancelled).
    ImportFolders(Vec<PathBuf>),
    /// The Import from URL dialog: fetch this address.
    FetchUrl(String),
    /// The Import from URL dialog: stop the fetch under way.
    CancelFetch,
    /// The Import from URL dialog was closed (stopping a fetch under way).
    CloseUrlDialog,
    /// The import review table's answer.
    ReviewAnswered(ReviewAnswer),
    /// The Document Properties dialog's answer.
    PropertiesAnswered(PropertiesAnswer),

    // Background events.
    /// A native file dialog was answered (or cancelled).
    FileDialogAnswered(DialogAnswer),
    /// The background save ended with this result; `None` if its thread died.
    SaveFinished(Option<Result<FileFingerprint, SaveError>>),
    /// The disk watcher found the open file changed, gone, or touched.
    FileOnDisk(DiskEvent),
    /// The recovery worker could not keep a snapshot.
    RecoveryFailed(RecoveryError),
    /// The recovery worker's copy of the project went out of step with the app's.
    RecoveryMirrorLost,
    /// Recovery just started and no other dialog is open: offer what earlier runs left.
    OfferRestore,
    /// The suggestion worker finished analysing a document at the project state `key`.
    SuggestionsFound {
        document: DocumentId,
        key: ProjectKey,
        suggestions: Vec<Suggestion>,
    },
    /// The fetch of Import from URL ended.
    UrlFetched {
        url: String,
        result: Result<ArticlesRead, FetchError>,
    },
    /// Articles to import were read (at once, or by the reading worker).
    IntakeRead(Box<crate::io::import::Intake>),
    /// The suggestion worker died analysing this document at this state.
    SuggestionsFailed {
        document: DocumentId,
        key: ProjectKey,
    },

    // One controller handing on to the one that owns the state.
    /// Another project (or the same file reopened) took the open one's place: what was
    /// derived from the old one goes.
    ProjectReplaced,
    /// Open this file now (the unsaved-changes question, if any, was already answered).
    OpenFile(PathBuf),
    /// Do what waited for the unsaved-changes prompt or for a save.
    Perform(Pending),
    /// A project file failed to load: offer its backup or snapshots.
    OpenFailed {
        path: PathBuf,
        error: LoadError,
    },
    /// A file dialog chose where to save the project.
    SaveProjectAs(PathBuf),
    /// A file dialog chose articles or annotations to import.
    Import(Vec<PathBuf>),
    /// A file dialog chose a folder (or folders) to import.
    ImportFolder(Vec<PathBuf>),
    /// A file dialog chose where to write the export (or was cancelled: `None`).
    ExportTo(Option<PathBuf>),
    /// A file dialog chose other annotators' projects to compare with.
    CompareWith(Vec<PathBuf>),

    // The team (git).
    /// A background git job (sync, status, history, share, clone) finished.
    Team(crate::app::sync::state::TeamNews),
    /// The first-run prompt's answer: who is annotating.
    AnnotatorNamed(String),
    /// Share with Team…'s answer: the team repository's address.
    ShareWithTeam(TeamAnswer<String>),
    /// Open from Team…'s answer: the address and the folder to clone into.
    OpenFromTeam(TeamAnswer<(String, PathBuf)>),
}

/// What the disk watcher found out about the open project's file.
#[derive(Clone, Copy, Debug)]
pub(super) enum DiskEvent {
    /// Someone else changed it (and the user has not chosen to keep their version over it).
    Changed,
    /// It was moved or deleted.
    Missing,
    /// Same bytes, newer modification time (a `touch`, a checkout).
    Touched { mtime_ns: i128 },
}

impl From<Action> for Intent {
    fn from(action: Action) -> Self {
        Intent::Action(action)
    }
}
