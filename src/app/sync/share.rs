//! File → Share with Team… and File → Open from Team…: a project that is in no repository
//! put into a new one and pushed to the team's remote; a team's repository cloned.

use std::path::{Path, PathBuf};

use super::run::{Place, set_up_driver};
use crate::io::git::{Git, GitError};
use crate::team::sync::Author;

/// Puts the project file's folder into a new repository (unless it is in one), sets up the
/// Stance merge driver, commits the project as `annotator`, sets `url` as the remote
/// `origin` and pushes.
///
/// # Errors
/// git is missing or failed (the push: the address or access is wrong).
pub fn share(
    project: &Path,
    url: &str,
    annotator: &str,
    stance_binary: &Path,
) -> Result<(), GitError> {
    let url = url.trim();
    if url.is_empty() {
        return Err(GitError::Other(
            "give the address of the team's repository".to_owned(),
        ));
    }
    let project = std::fs::canonicalize(project)?;
    let dir = project
        .parent()
        .ok_or_else(|| GitError::NotARepository(project.clone()))?;
    let git = Git::new(dir);
    if matches!(Place::of(&project), Err(GitError::NotARepository(_))) {
        git.run(["init", "-q", "-b", "main"])?;
    }
    let place = Place::of(&project)?;
    let email = place.git.config("user.email")?;
    let author = Author::new(annotator, email.as_deref());
    let git = place.git.clone().as_author(&author.name, &author.email);
    set_up_driver(&place, stance_binary)?;
    git.run(["add", "--", &place.relative, ".gitattributes"])?;
    let has_head = git.succeeds(["rev-parse", "--verify", "-q", "HEAD"])?;
    if !has_head || !git.succeeds(["diff", "--cached", "--quiet"])? {
        git.run(["commit", "-q", "-m", "Share the project with the team"])?;
    }
    match place.remote.as_deref() {
        Some(remote) => {
            git.run(["remote", "set-url", remote, url])?;
        }
        None => {
            git.run(["remote", "add", "origin", url])?;
        }
    }
    let remote = place.remote.as_deref().unwrap_or("origin");
    git.run([
        "push",
        "-q",
        "-u",
        remote,
        &format!("HEAD:refs/heads/{}", place.branch),
    ])?;
    Ok(())
}

/// Clones `url` into `folder` (which must not exist or be empty); the project files in it,
/// `.ron` files at the top first.
///
/// # Errors
/// git is missing or failed.
pub fn open_from_team(url: &str, folder: &Path) -> Result<Vec<PathBuf>, GitError> {
    let url = url.trim();
    if url.is_empty() {
        return Err(GitError::Other(
            "give the address of the team's repository".to_owned(),
        ));
    }
    let parent = folder.parent().unwrap_or(Path::new("."));
    let git = Git::new(parent);
    git.run(["clone", "-q", url, &folder.to_string_lossy()])?;
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    found.sort();
    Ok(found)
}
