//! `stance merge BASE OURS THEIRS [-o OUT]`: a three-way merge of project files, usable as a
//! git merge driver (`git config merge.stance.driver "stance merge %O %A %B -o %A"`).
//!
//! Exit status: 0 merged cleanly, 1 merged with conflicts (the file is written, and opens;
//! the conflicts are listed in it), 2 on errors (nothing written).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::analysis::wording::counted;
use crate::io::{load_project, project_to_ron, read_project_text};
use crate::model::{Project, ProjectDiff};
use crate::team::merge::merge;

#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The common ancestor (git's %O). An empty file means there is none.
    pub base: PathBuf,
    /// Our version (git's %A): its values are kept where both sides disagree.
    pub ours: PathBuf,
    /// Their version (git's %B).
    pub theirs: PathBuf,
    /// Where to write the merged project; standard output without it.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

const CONFLICTS: u8 = 1;
const ERROR: u8 = 2;

pub fn run(args: &MergeArgs) -> ExitCode {
    match merge_files(args) {
        Ok(clean) if clean => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(CONFLICTS),
        Err(message) => {
            eprintln!("stance merge: {message}");
            ExitCode::from(ERROR)
        }
    }
}

/// Merges and writes; `Ok(true)` when there were no conflicts.
fn merge_files(args: &MergeArgs) -> Result<bool, String> {
    let base = load_base(&args.base)?;
    let ours = load(&args.ours)?;
    let theirs = load(&args.theirs)?;
    let merged = merge(&base, &ours, &theirs);
    let text = project_to_ron(&merged.project).map_err(|e| e.to_string())?;
    match &args.output {
        // No `.bak`: a merge driver writes inside a git work tree, and git keeps the history.
        Some(path) => crate::io::atomic::write_atomic(path, text.as_bytes(), false)
            .map_err(|e| format!("{}: {e}", path.display()))?,
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| format!("standard output: {e}"))?,
    }
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "stance merge: from theirs: {}",
        ProjectDiff::between(&ours, &merged.project)
    );
    for conflict in &merged.conflicts {
        let _ = writeln!(err, "stance merge: conflict: {conflict}");
    }
    if !merged.is_clean() {
        let _ = writeln!(
            err,
            "stance merge: {} kept in the merged project; ours is used until decided",
            counted(merged.conflicts.len(), "conflict")
        );
    }
    Ok(merged.is_clean())
}

fn load(path: &Path) -> Result<Project, String> {
    let loaded = load_project(path).map_err(|e| e.to_string())?;
    if loaded.needs_repair() {
        eprintln!(
            "stance merge: {}: warning: {}; merged as they are (see `stance validate`)",
            path.display(),
            counted(loaded.problems.len(), "problem")
        );
    }
    Ok(loaded.project)
}

/// The ancestor; git passes an empty file when both branches added the project.
fn load_base(path: &Path) -> Result<Project, String> {
    let text = read_project_text(path).map_err(|e| e.to_string())?;
    if text.trim().is_empty() {
        return Ok(Project::new(String::new()));
    }
    load(path)
}
