//! What the app knows of the team's state — the status bar's counts, the last sync, the
//! History panel's commits, the first-run suggestion — and the news the git jobs bring. A
//! leaf of the app: the intents and the layout read it; the controller ([`super`]) fills it.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};

use crate::team::sync::{HistoryEntry, SyncOutcome, TeamStatus};

/// What a background git job found.
#[derive(Debug)]
pub enum TeamNews {
    Synced(Result<SyncOutcome, String>),
    Status {
        path: PathBuf,
        status: Result<TeamStatus, String>,
    },
    History {
        path: PathBuf,
        entries: Result<Vec<HistoryEntry>, String>,
    },
    Shared(Result<String, String>),
    Cloned(Result<Vec<PathBuf>, String>),
}

/// The team's state as the app knows it.
#[derive(Default)]
pub struct TeamState {
    /// The counts for the status bar, for the file they were found for.
    pub(in crate::app) status: Option<(PathBuf, Result<TeamStatus, String>)>,
    pub(in crate::app) is_status_running: bool,
    pub(in crate::app) is_syncing: bool,
    pub(in crate::app) last_sync: Option<DateTime<Local>>,
    pub(in crate::app) is_history_open: bool,
    pub(in crate::app) history: Option<(PathBuf, Result<Vec<HistoryEntry>, String>)>,
    /// The first-run prompt's suggestion (git's user.name or the OS user).
    pub(in crate::app) suggested_annotator: String,
}

impl TeamState {
    /// The status bar's words for the team: `2 changes to share · 3 incoming · synced 03:40`,
    /// `Syncing…`; `None` for a project in no repository.
    pub(in crate::app) fn status_text(
        &self,
        path: Option<&Path>,
        is_dirty: bool,
    ) -> Option<String> {
        if self.is_syncing {
            return Some("Syncing with the team…".to_owned());
        }
        let (for_path, Ok(status)) = self.status.as_ref()? else {
            return None;
        };
        if Some(for_path.as_path()) != path {
            return None;
        }
        let status = TeamStatus {
            has_uncommitted: status.has_uncommitted || is_dirty,
            ..*status
        };
        Some(match self.last_sync {
            Some(t) => format!("{status} · synced {}", t.format("%H:%M")),
            None => status.to_string(),
        })
    }

    /// What the History panel shows for `path`.
    pub(in crate::app) fn history_view(
        &self,
        path: Option<&Path>,
    ) -> crate::ui::team::HistoryView<'_> {
        use crate::ui::team::HistoryView;
        let Some(path) = path else {
            return HistoryView::Unavailable("Save the project, then share it with the team.");
        };
        match &self.history {
            Some((p, Ok(entries))) if p == path => HistoryView::Entries(entries),
            Some((p, Err(why))) if p == path => HistoryView::Unavailable(why),
            _ => HistoryView::Loading,
        }
    }
}
