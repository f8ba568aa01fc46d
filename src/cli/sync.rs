//! `stance sync PROJECT [-m MESSAGE] [--annotator NAME]`: File → Sync with Team from a
//! script. Commits the project as the annotator, merges the team's work through the Stance
//! merge driver and pushes (see `io::git::sync`).
//!
//! Exit status: 0 synced cleanly; 1 synced with conflicts (recorded in the project,
//! committed and pushed, so the whole team sees them in the compare view); 2 on an error,
//! with the repository and the file as they were.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::app::sync::run::{SyncRequest, sync};
use crate::team::sync::ERROR_EXIT;

#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// The project file (.ron), in a git repository with a remote.
    pub project: PathBuf,
    /// The commit message (a default names the annotator).
    #[arg(short, long)]
    pub message: Option<String>,
    /// Who the commits are by: without it git's user.name, else the system's user name.
    #[arg(long)]
    pub annotator: Option<String>,
}

pub fn run(args: &SyncArgs) -> ExitCode {
    let annotator = annotator_or_default(args.annotator.as_deref());
    let Ok(stance_binary) = std::env::current_exe() else {
        eprintln!("stance sync: cannot tell where this program is, for git's merge driver");
        return ExitCode::from(ERROR_EXIT);
    };
    let request = SyncRequest {
        project: args.project.clone(),
        annotator,
        message: args.message.clone(),
        stance_binary,
    };
    match sync(&request) {
        Ok(outcome) => {
            println!("{outcome}");
            ExitCode::from(outcome.exit_code())
        }
        Err(e) => {
            eprintln!(
                "stance sync: {}: {e}\nNothing was changed: the repository and the file are as they were.",
                args.project.display()
            );
            ExitCode::from(ERROR_EXIT)
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ShareArgs {
    /// The project file (.ron) to share; its folder becomes a repository if it is in none.
    pub project: PathBuf,
    /// The team's repository: any address git takes (https, ssh, a folder on a shared drive).
    pub url: String,
    /// Who the first commit is by: without it git's user.name, else the system's user name.
    #[arg(long)]
    pub annotator: Option<String>,
}

/// `stance share PROJECT URL`: File → Share with Team… from a script.
pub fn share(args: &ShareArgs) -> ExitCode {
    let annotator = annotator_or_default(args.annotator.as_deref());
    let Ok(stance_binary) = std::env::current_exe() else {
        eprintln!("stance share: cannot tell where this program is, for git's merge driver");
        return ExitCode::from(ERROR_EXIT);
    };
    match crate::app::sync::share::share(&args.project, &args.url, &annotator, &stance_binary) {
        Ok(()) => {
            println!("Shared {} with {}", args.project.display(), args.url);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("stance share: {}: {e}", args.project.display());
            ExitCode::from(ERROR_EXIT)
        }
    }
}

/// The annotator given, else git's user.name, else the system's user name.
fn annotator_or_default(given: Option<&str>) -> String {
    given
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .or_else(crate::io::git::global_user_name)
        .unwrap_or_else(crate::app::prefs::os_user_name)
}
