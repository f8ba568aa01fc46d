//! [`Dialogs`]: the one dialog or tool window open over the workbench, the needs-repair
//! window waiting behind it, and the errors the user must acknowledge; and what each dialog
//! shows, so the controllers that open one and the layout that draws it share one description.

use std::collections::VecDeque;
use std::path::PathBuf;

use crate::io::recovery::{Alternative, SnapshotInfo};
use crate::model::{ActorId, DerivedCache, DocumentId, Orphan, Problem, Project};
use crate::ui::dialogs::ErrorReport;
use crate::ui::recovery_dialogs::{OpenInstead, RestoreEntry};

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
    /// File → Import from URL…: the address, then the fetch's progress.
    ImportUrl,
    /// Several articles were read: the review table, to correct them before they are added.
    ImportReview(Box<super::intake_state::PendingReview>),
    /// A document's title, date, outlet, author, URL and language.
    DocumentProperties(DocumentId),
    /// First run: who is annotating (never left empty).
    AnnotatorName,
    /// File → Share with Team…: the team repository's address.
    ShareWithTeam,
    /// File → Open from Team…: an address and a folder.
    OpenFromTeam,
}

impl Dialog {
    /// True for the prompts that wait for an answer; keys and drops wait too.
    pub(super) fn is_modal(&self) -> bool {
        match self {
            Dialog::UnsavedPrompt(_)
            | Dialog::ConfirmDeleteActor(_)
            | Dialog::ConfirmOverwrite(_)
            | Dialog::Restore(_)
            | Dialog::DiskChanged { .. }
            | Dialog::SaveConflict(_)
            | Dialog::OpenFailed(_)
            | Dialog::ChooseFolders(_)
            | Dialog::ImportReview(_)
            | Dialog::DocumentProperties(_)
            | Dialog::AnnotatorName
            | Dialog::ShareWithTeam
            | Dialog::OpenFromTeam => true,
            Dialog::None
            | Dialog::Repair(_)
            | Dialog::Shortcuts
            | Dialog::About
            | Dialog::Export
            | Dialog::Schema
            | Dialog::Preferences
            | Dialog::ImportUrl => false,
        }
    }
}

/// Something that would discard unsaved changes, waiting for the user's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    NewProject,
    OpenDialog,
    OpenPath(PathBuf),
    Quit,
}

impl Pending {
    /// What the unsaved-changes prompt says the user is about to do.
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
    /// The project's problems, recomputed when the project changes.
    pub(super) problems: DerivedCache<(), Vec<Problem>>,
    /// Annotations the last Re-anchor could not place: left where they were, never dropped.
    pub(super) orphans: Vec<Orphan>,
}

impl RepairState {
    /// The window for `project`, its problems found now (or already, at load: `found`).
    pub(super) fn new(file_name: String, project: &Project, found: Option<Vec<Problem>>) -> Self {
        let mut problems = DerivedCache::default();
        problems.get_or_build(project.key(), (), || {
            found.unwrap_or_else(|| project.problems())
        });
        Self {
            file_name,
            problems,
            orphans: Vec::new(),
        }
    }

    /// The problems to list: those of the project state last refreshed.
    pub(super) fn problems(&self) -> &[Problem] {
        self.problems.last().map_or(&[], Vec::as_slice)
    }
}

/// The restore offer's state: the snapshots and their descriptions, index for index.
pub struct RestoreOffer {
    pub(super) snapshots: Vec<SnapshotInfo>,
    pub(super) entries: Vec<RestoreEntry>,
}

/// A file that failed to open, and what can be opened instead.
pub struct OpenFailed {
    pub(super) path: PathBuf,
    pub(super) title: String,
    pub(super) message: String,
    pub(super) alternatives: Vec<Alternative>,
    pub(super) shown: Vec<OpenInstead>,
}

/// The open dialog, a needs-repair window it covers, and the errors on top of both.
#[derive(Default)]
pub(super) struct Dialogs {
    pub(super) current: Dialog,
    /// A needs-repair window covered by another dialog; it comes back when that one closes.
    repair_behind: Option<RepairState>,
    /// Errors the user must acknowledge, oldest first; the first shows over any dialog.
    pub(super) errors: VecDeque<ErrorReport>,
}

impl Dialogs {
    /// Shows `dialog` in place of the open one. A needs-repair window waits behind it, as
    /// nothing else would bring it back.
    pub(super) fn open(&mut self, dialog: Dialog) {
        if let Dialog::Repair(repair) = std::mem::replace(&mut self.current, dialog) {
            self.repair_behind = Some(repair);
        }
    }

    /// Closes the open dialog and returns it; a needs-repair window it covered comes back.
    pub(super) fn close(&mut self) -> Dialog {
        let closed = std::mem::take(&mut self.current);
        if let Some(repair) = self.repair_behind.take() {
            self.current = Dialog::Repair(repair);
        }
        closed
    }

    /// F1: opens the keyboard shortcuts, or closes them if they are open.
    pub(super) fn toggle_shortcuts(&mut self) {
        if matches!(self.current, Dialog::Shortcuts) {
            self.close();
        } else {
            self.open(Dialog::Shortcuts);
        }
    }

    /// A new project replaced the old one: its problems are not the new one's.
    pub(super) fn forget_repair(&mut self) {
        self.repair_behind = None;
        if matches!(self.current, Dialog::Repair(_)) {
            self.current = Dialog::None;
        }
    }

    /// Queues an error for the user to acknowledge.
    pub(super) fn report(&mut self, title: &str, message: String) {
        self.errors.push_back(ErrorReport {
            title: title.to_owned(),
            message,
        });
    }

    /// True while a prompt or error waits for an answer; keys and drops wait too.
    pub(super) fn is_modal(&self) -> bool {
        self.current.is_modal() || !self.errors.is_empty()
    }
}
