//! The History panel's data: the commits that touched a project file, each with who, when,
//! and how many annotations it added, changed or removed — Stance's own diff of the file
//! before and after the commit ([`crate::model::ProjectDiff`]), not git's line counts.

use std::path::Path;

use super::run::Place;
use crate::io::git::GitError;
use crate::model::{Project, ProjectDiff};
use crate::team::sync::{HistoryEntry, LOG_FORMAT, parse_log};

/// The commits that touched `project`, newest first, at most `limit`.
///
/// # Errors
/// git is missing or the file is in no repository.
pub fn history(project: &Path, limit: usize) -> Result<Vec<HistoryEntry>, GitError> {
    let place = Place::of(project)?;
    let git = &place.git;
    let has_head = git.succeeds(["rev-parse", "--verify", "-q", "HEAD"])?;
    if !has_head {
        return Ok(Vec::new());
    }
    let log = git.run([
        "log",
        &format!("--format={LOG_FORMAT}"),
        &format!("--max-count={limit}"),
        "--",
        &place.relative,
    ])?;
    let version = |commit: &str| -> Option<Project> {
        let text = git
            .run(["show", &format!("{commit}:{}", place.relative)])
            .ok()?;
        crate::io::load_project_from_str(&place.relative, &text)
            .ok()
            .map(|l| l.project)
    };
    let entries = parse_log(&log)
        .into_iter()
        .map(|log| {
            let after = version(&log.commit);
            // A first commit, or a merge: compared with its first parent.
            let before = version(&format!("{}^", log.commit)).unwrap_or_else(|| Project::new(""));
            let annotations = after.map(|after| ProjectDiff::between(&before, &after).annotations);
            HistoryEntry { log, annotations }
        })
        .collect();
    Ok(entries)
}
