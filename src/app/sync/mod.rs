//! Sync with the team through git: the steps of a sync ([`run`]), sharing a project and
//! opening one from the team ([`share`]), and the commits that touched a project
//! ([`history`]). They run git through `io::git`'s runner and decide with `team::sync`'s
//! rules; `stance sync`/`stance share` and the File menu's team commands both use them.

pub mod history;
pub mod run;
pub mod share;
pub mod state;

pub use state::{TeamNews, TeamState};

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use chrono::Local;

use super::dialog::Dialog;
use super::intent::Intent;
use super::workbench::Workbench;
use crate::team::sync::SyncOutcome;
use crate::ui::Action;

/// How often the status bar's counts are refreshed by a background fetch.
const STATUS_EVERY: Duration = Duration::from_secs(60);
/// Commits the History panel lists.
const HISTORY_LIMIT: usize = 200;

/// The git jobs running on worker threads (never on the UI thread: a fetch can take
/// seconds) and the team's state as the app knows it.
#[derive(Default)]
pub(super) struct TeamSync {
    jobs: Vec<Receiver<TeamNews>>,
    pub(super) state: TeamState,
    last_status_check: Option<Instant>,
    /// The `stance` binary git's merge driver runs; the running program without it (tests
    /// run inside a test binary, so they name the real one).
    pub(super) stance_binary: Option<PathBuf>,
}

impl TeamSync {
    /// Runs `job` on a worker thread; its news arrives through [`TeamSync::poll`].
    fn spawn(&mut self, ctx: &egui::Context, job: impl FnOnce() -> TeamNews + Send + 'static) {
        let (sender, receiver) = channel();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("team-git".to_owned())
            .spawn(move || {
                let _sent = sender.send(job());
                repaint.request_repaint();
            });
        if spawned.is_ok() {
            self.jobs.push(receiver);
        }
    }

    /// The jobs' news as intents; a status refresh started when one is due.
    pub(super) fn poll(&mut self, wb: &Workbench, ctx: &egui::Context, intents: &mut Vec<Intent>) {
        self.jobs.retain(|receiver| match receiver.try_recv() {
            Ok(news) => {
                intents.push(Intent::Team(news));
                false
            }
            Err(TryRecvError::Empty) => true,
            Err(TryRecvError::Disconnected) => false,
        });
        let is_due = self
            .last_status_check
            .is_none_or(|t| t.elapsed() >= STATUS_EVERY);
        if let Some(path) = wb.session.path.clone()
            && is_due
            && !self.state.is_status_running
            && !self.state.is_syncing
        {
            self.refresh_status(ctx, path, true);
        }
        if self.state.is_status_running || self.state.is_syncing {
            ctx.request_repaint_after(Duration::from_millis(250));
        }
    }

    fn binary(&self) -> Option<PathBuf> {
        self.stance_binary
            .clone()
            .or_else(|| std::env::current_exe().ok())
    }

    fn refresh_status(&mut self, ctx: &egui::Context, path: PathBuf, fetch: bool) {
        self.state.is_status_running = true;
        self.last_status_check = Some(Instant::now());
        self.spawn(ctx, move || {
            let status = run::status(&path, fetch).map_err(|e| e.to_string());
            TeamNews::Status { path, status }
        });
    }

    fn refresh_history(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.spawn(ctx, move || {
            let entries = history::history(&path, HISTORY_LIMIT).map_err(|e| e.to_string());
            TeamNews::History { path, entries }
        });
    }
}

/// File → Sync with Team: saves, then syncs on a worker thread.
pub(super) fn start_sync(team: &mut TeamSync, wb: &mut Workbench, ctx: &egui::Context) {
    if team.state.is_syncing {
        wb.toasts.info(ctx, "Already syncing with the team");
        return;
    }
    let Some(path) = wb.session.path.clone() else {
        wb.toasts.info(
            ctx,
            "Save the project, then share it (File > Share with Team...)",
        );
        return;
    };
    if wb.session.history.is_dirty() {
        super::saving::save_to(wb, ctx, &path);
        if wb.session.history.is_dirty() {
            wb.toasts
                .info(ctx, "Saving first: sync again once it is saved");
            return;
        }
    }
    let Some(stance_binary) = team.binary() else {
        wb.dialogs.report(
            "Could not sync",
            "Stance cannot tell where its own program is".to_owned(),
        );
        return;
    };
    let request = run::SyncRequest {
        project: path,
        annotator: wb.prefs.annotator_name.clone(),
        message: None,
        stance_binary,
    };
    team.state.is_syncing = true;
    team.spawn(ctx, move || {
        TeamNews::Synced(run::sync(&request).map_err(|e| e.to_string()))
    });
}

/// File → Share with Team…: asks for the team's repository (the project is saved first).
pub(super) fn ask_share(wb: &mut Workbench, ctx: &egui::Context) {
    if wb.session.path.is_none() {
        wb.toasts.info(
            ctx,
            "Save the project first (File > Save As...), then share it",
        );
        return;
    }
    wb.dialogs.open(Dialog::ShareWithTeam);
}

pub(super) fn share(team: &mut TeamSync, wb: &mut Workbench, ctx: &egui::Context, url: String) {
    wb.dialogs.close();
    let Some(path) = wb.session.path.clone() else {
        return;
    };
    if wb.session.history.is_dirty() {
        super::saving::save_to(wb, ctx, &path);
    }
    let Some(binary) = team.binary() else {
        wb.dialogs.report(
            "Could not share",
            "Stance cannot tell where its own program is".to_owned(),
        );
        return;
    };
    let annotator = wb.prefs.annotator_name.clone();
    team.spawn(ctx, move || {
        let result = share::share(&path, &url, &annotator, &binary)
            .map(|()| url)
            .map_err(|e| e.to_string());
        TeamNews::Shared(result)
    });
}

pub(super) fn open_from_team(
    team: &mut TeamSync,
    wb: &mut Workbench,
    ctx: &egui::Context,
    url: String,
    folder: PathBuf,
) {
    wb.dialogs.close();
    wb.toasts.info(ctx, format!("Copying {url}…"));
    team.spawn(ctx, move || {
        TeamNews::Cloned(share::open_from_team(&url, &folder).map_err(|e| e.to_string()))
    });
}

/// View → History: opens the panel and reads the history in the background.
pub(super) fn toggle_history(team: &mut TeamSync, wb: &Workbench, ctx: &egui::Context) {
    team.state.is_history_open = !team.state.is_history_open;
    if team.state.is_history_open
        && let Some(path) = wb.session.path.clone()
    {
        team.refresh_history(ctx, path);
    }
}

/// A background job's news.
pub(super) fn news(team: &mut TeamSync, wb: &mut Workbench, ctx: &egui::Context, news: TeamNews) {
    match news {
        TeamNews::Synced(result) => {
            team.state.is_syncing = false;
            match result {
                Ok(outcome) => {
                    team.state.last_sync = Some(Local::now());
                    // The merge changed the file: show what is now in it.
                    if let Some(path) = wb.session.path.clone()
                        && !wb.session.history.is_dirty()
                    {
                        super::files::open_path(wb, &path);
                    }
                    match outcome {
                        SyncOutcome::Conflicts { .. } => {
                            wb.toasts.warning(ctx, outcome.to_string());
                        }
                        SyncOutcome::Clean { .. } => wb.toasts.info(ctx, outcome.to_string()),
                    }
                }
                Err(message) => wb.dialogs.report("Could not sync with the team", message),
            }
            after_change(team, wb, ctx);
        }
        TeamNews::Status { path, status } => {
            team.state.is_status_running = false;
            team.state.status = Some((path, status));
        }
        TeamNews::History { path, entries } => team.state.history = Some((path, entries)),
        TeamNews::Shared(Ok(url)) => {
            team.state.last_sync = Some(Local::now());
            wb.toasts
                .info(ctx, format!("Shared with the team at {url}"));
            after_change(team, wb, ctx);
        }
        TeamNews::Shared(Err(message)) => {
            wb.dialogs.report("Could not share with the team", message);
        }
        TeamNews::Cloned(Ok(projects)) => match projects.into_iter().next() {
            Some(path) => wb.follow_up(Action::OpenPath(path)),
            None => wb.dialogs.report(
                "Nothing to open",
                "The team's repository was copied, but it holds no project file (.ron) at its top"
                    .to_owned(),
            ),
        },
        TeamNews::Cloned(Err(message)) => {
            wb.dialogs.report("Could not open from the team", message);
        }
    }
}

/// After a sync or share: fresh counts and history, without a fetch (one just happened).
fn after_change(team: &mut TeamSync, wb: &Workbench, ctx: &egui::Context) {
    if let Some(path) = wb.session.path.clone() {
        team.refresh_status(ctx, path.clone(), false);
        if team.state.is_history_open {
            team.refresh_history(ctx, path);
        }
    }
}
