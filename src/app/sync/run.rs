//! Sync with the team: commit the project file as the annotator, fetch, merge the remote's
//! branch through the Stance merge driver (set up in the repository on first use, pointing
//! at the running binary), push, retrying when someone pushed in between.
//!
//! On any failure the repository and the file are put back as they were before the sync
//! (the merge aborted, the sync's commits undone, the file's bytes written back), and the
//! error says what to do. Nothing is lost.

use std::fs;
use std::path::{Path, PathBuf};

use crate::io::git::{Git, GitError};
use crate::team::sync::{
    self, Author, DRIVER, SyncOutcome, default_message, driver_command, with_attributes,
};

/// How often a push rejected because someone else pushed first is tried again.
const PUSH_ATTEMPTS: usize = 4;

/// What to sync.
#[derive(Clone, Debug)]
pub struct SyncRequest {
    /// The project file, in a git repository.
    pub project: PathBuf,
    /// Commits are by this annotator.
    pub annotator: String,
    /// The commit message; a default naming the annotator without it.
    pub message: Option<String>,
    /// The `stance` binary git's merge driver runs (the running one).
    pub stance_binary: PathBuf,
}

/// Where a project file lives in its repository, and where the repository sends its work.
#[derive(Clone, Debug)]
pub struct Place {
    pub git: Git,
    /// The repository's top folder.
    pub root: PathBuf,
    /// The project file's path from `root`, with `/`.
    pub relative: String,
    pub branch: String,
    pub remote: Option<String>,
    /// The branch on the remote.
    pub remote_branch: String,
}

impl Place {
    /// The project file's place; an error outside a repository or without git.
    ///
    /// # Errors
    /// git is missing, the file is not in a repository, or cannot be read.
    pub fn of(project: &Path) -> Result<Self, GitError> {
        let project = fs::canonicalize(project)?;
        let dir = project
            .parent()
            .ok_or_else(|| GitError::NotARepository(project.clone()))?;
        let git = Git::new(dir);
        let output = git.output(["rev-parse", "--show-toplevel"])?;
        if !output.status.success() {
            return Err(GitError::NotARepository(project.clone()));
        }
        let root = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
        let root = fs::canonicalize(&root).unwrap_or(root);
        let relative = project
            .strip_prefix(&root)
            .map_err(|_| GitError::NotARepository(project.clone()))?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let branch = git
            .run(["symbolic-ref", "--short", "HEAD"])
            .map(|b| b.trim().to_owned())
            .unwrap_or_else(|_| "main".to_owned());
        let remote = match git.config(&format!("branch.{branch}.remote"))? {
            Some(remote) => Some(remote),
            None => {
                let remotes = git.run(["remote"])?;
                let names: Vec<&str> = remotes.lines().map(str::trim).collect();
                (names.iter().find(|r| **r == "origin").or(names.first())).map(|r| (*r).to_owned())
            }
        };
        let remote_branch = git.config(&format!("branch.{branch}.merge"))?.map_or_else(
            || branch.clone(),
            |m| m.trim_start_matches("refs/heads/").to_owned(),
        );
        Ok(Self {
            git: Git::new(&root),
            root,
            relative,
            branch,
            remote,
            remote_branch,
        })
    }

    fn remote(&self) -> Result<&str, GitError> {
        self.remote.as_deref().ok_or(GitError::NoRemote)
    }

    /// `refs/remotes/REMOTE/BRANCH`.
    fn remote_ref(&self) -> Result<String, GitError> {
        Ok(format!(
            "refs/remotes/{}/{}",
            self.remote()?,
            self.remote_branch
        ))
    }
}

/// Sets up the Stance merge driver in the repository: git's config pointing at `binary`,
/// and `.gitattributes` naming the project file. Returns whether `.gitattributes` changed.
///
/// # Errors
/// git or the file system failed.
pub fn set_up_driver(place: &Place, binary: &Path) -> Result<bool, GitError> {
    let binary = binary.to_string_lossy();
    place.git.run([
        "config",
        &format!("merge.{DRIVER}.name"),
        "Stance project merge (by annotation)",
    ])?;
    place.git.run([
        "config",
        &format!("merge.{DRIVER}.driver"),
        &driver_command(&binary),
    ])?;
    let path = place.root.join(".gitattributes");
    let existing = fs::read_to_string(&path).unwrap_or_default();
    match with_attributes(&existing, &place.relative) {
        Some(text) => {
            crate::io::atomic::write_atomic(&path, text.as_bytes(), false)?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// What the sync found before it changed anything: what to put back on failure.
struct Before {
    head: Option<String>,
    file: Vec<u8>,
    attributes: Option<Vec<u8>>,
}

/// Syncs the project with the team; see the module's documentation.
///
/// # Errors
/// git is missing, the file is in no repository, the repository has no remote, or git
/// failed; the repository and the file are then as they were.
pub fn sync(request: &SyncRequest) -> Result<SyncOutcome, GitError> {
    let place = Place::of(&request.project)?;
    let remote = place.remote()?.to_owned();
    if place.root.join(".git").join("MERGE_HEAD").exists() {
        return Err(GitError::Other(
            "a git merge is in progress in this repository: finish it (git commit) or undo it \
             (git merge --abort) first"
                .to_owned(),
        ));
    }
    let email = place.git.config("user.email")?;
    let author = Author::new(&request.annotator, email.as_deref());
    let place = Place {
        git: place.git.clone().as_author(&author.name, &author.email),
        ..place
    };
    let project = place.root.join(&place.relative);
    let attributes = place.root.join(".gitattributes");
    let before = Before {
        head: head(&place.git)?,
        file: fs::read(&project)?,
        attributes: fs::read(&attributes).ok(),
    };
    let result = sync_steps(&place, &remote, request);
    if result.is_err() {
        put_back(&place, &before, &project, &attributes);
    }
    result
}

fn head(git: &Git) -> Result<Option<String>, GitError> {
    let output = git.output(["rev-parse", "--verify", "-q", "HEAD"])?;
    Ok(output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned()))
}

fn sync_steps(place: &Place, remote: &str, request: &SyncRequest) -> Result<SyncOutcome, GitError> {
    let git = &place.git;
    set_up_driver(place, &request.stance_binary)?;
    let file_name = Path::new(&place.relative).file_name().map_or_else(
        || place.relative.clone(),
        |n| n.to_string_lossy().into_owned(),
    );
    let message = request
        .message
        .clone()
        .filter(|m| !m.trim().is_empty())
        .unwrap_or_else(|| default_message(&request.annotator, &file_name));
    let paths = [place.relative.as_str(), ".gitattributes"];
    git.run(["add", "--"].iter().chain(&paths))?;
    let has_staged = !git.succeeds(["diff", "--cached", "--quiet", "--"].iter().chain(&paths))?
        || head(git)?.is_none();
    if has_staged {
        git.run(["commit", "-q", "-m", &message, "--"].iter().chain(&paths))?;
    }
    let conflicts_before = conflicts_in(place)?;
    let mut received = false;
    let mut conflicts = 0;
    for attempt in 1..=PUSH_ATTEMPTS {
        git.run(["fetch", "-q", remote])?;
        let remote_ref = place.remote_ref()?;
        let has_remote_branch = git.succeeds(["rev-parse", "--verify", "-q", &remote_ref])?;
        if has_remote_branch
            && !git.succeeds(["merge-base", "--is-ancestor", &remote_ref, "HEAD"])?
        {
            received = true;
            conflicts += merge(place, &remote_ref, conflicts_before)?;
        }
        let is_shared = has_remote_branch
            && git.succeeds(["merge-base", "--is-ancestor", "HEAD", &remote_ref])?;
        if is_shared {
            return Ok(outcome(false, received, conflicts));
        }
        let refspec = format!("HEAD:refs/heads/{}", place.remote_branch);
        let output = git.output(["push", "-q", "-u", remote, &refspec])?;
        if output.status.success() {
            return Ok(outcome(true, received, conflicts));
        }
        let said = String::from_utf8_lossy(&output.stderr).into_owned();
        // Someone pushed first: before our push began ("fetch first"), or while it ran,
        // between the remote's answer and its ref update ("failed to update ref", "cannot
        // lock ref", "stale info").
        let is_behind = [
            "fetch first",
            "non-fast-forward",
            "[rejected]",
            "failed to update ref",
            "cannot lock ref",
            "stale info",
        ]
        .iter()
        .any(|sign| said.contains(sign));
        if !is_behind || attempt == PUSH_ATTEMPTS {
            return Err(GitError::Failed {
                command: "push".to_owned(),
                message: format!(
                    "{}. Check the remote's address and your access to it, then sync again.",
                    said.trim()
                ),
            });
        }
    }
    Err(GitError::Other(
        "the push kept being overtaken; sync again".to_owned(),
    ))
}

fn outcome(shared: bool, received: bool, conflicts: usize) -> SyncOutcome {
    if conflicts > 0 {
        SyncOutcome::Conflicts { count: conflicts }
    } else {
        SyncOutcome::Clean { shared, received }
    }
}

/// Conflict records in the project file as it is now.
fn conflicts_in(place: &Place) -> Result<usize, GitError> {
    let path = place.root.join(&place.relative);
    let loaded = crate::io::load_project(&path).map_err(|e| GitError::Other(e.to_string()))?;
    Ok(loaded.project.conflicts().len())
}

/// Merges the remote's branch; the number of new conflicts the Stance driver recorded in
/// the project (then committed, so the team sees them).
fn merge(place: &Place, remote_ref: &str, conflicts_before: usize) -> Result<usize, GitError> {
    let git = &place.git;
    let output = git.output([
        "merge",
        "--no-edit",
        "--allow-unrelated-histories",
        "-m",
        "Merge the team's changes",
        remote_ref,
    ])?;
    if output.status.success() {
        return Ok(0);
    }
    let unmerged = git.run(["diff", "--name-only", "--diff-filter=U"])?;
    let unmerged: Vec<&str> = unmerged.lines().map(str::trim).collect();
    // The driver wrote a merged project with its conflicts recorded: that is a result.
    if unmerged == [place.relative.as_str()]
        && let Ok(after) = conflicts_in(place)
    {
        git.run(["add", "--", &place.relative])?;
        git.run(["commit", "-q", "--no-edit"])?;
        return Ok(after.saturating_sub(conflicts_before).max(1));
    }
    let said = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    Err(GitError::Failed {
        command: "merge".to_owned(),
        message: format!(
            "{} — nothing was changed; resolve this in the repository with git, then sync again",
            said.trim()
        ),
    })
}

/// Puts the repository and the files back as they were before the sync. Best effort: each
/// step runs even if one before failed, and the file's own bytes are always written back.
fn put_back(place: &Place, before: &Before, project: &Path, attributes: &Path) {
    let git = &place.git;
    if place.root.join(".git").join("MERGE_HEAD").exists() {
        let _ = git.output(["merge", "--abort"]);
    }
    match &before.head {
        // `--keep`: undoes the sync's commits and the files they changed, never touching
        // other uncommitted work.
        Some(head) => {
            let _ = git.output(["reset", "-q", "--keep", head]);
            let _ = git.output(["reset", "-q", "--mixed", head]);
        }
        None => {
            let _ = git.output(["update-ref", "-d", "HEAD"]);
            let _ = git.output([
                "rm",
                "-q",
                "--cached",
                "--ignore-unmatch",
                "--",
                &place.relative,
                ".gitattributes",
            ]);
        }
    }
    let _ = crate::io::atomic::write_atomic(project, &before.file, false);
    match &before.attributes {
        Some(bytes) => {
            let _ = crate::io::atomic::write_atomic(attributes, bytes, false);
        }
        None => {
            let _ = crate::io::atomic::remove_file(attributes);
        }
    }
}

/// The team's state for the status bar: fetches (quietly, never asking for a password),
/// then counts. An error when there is no repository, remote or network.
///
/// # Errors
/// As [`Place::of`], or git failed.
pub fn status(project: &Path, fetch: bool) -> Result<sync::TeamStatus, GitError> {
    let place = Place::of(project)?;
    let remote = place.remote()?.to_owned();
    if fetch {
        place.git.run(["fetch", "-q", &remote])?;
    }
    let has_uncommitted =
        !place
            .git
            .succeeds(["diff", "HEAD", "--quiet", "--", &place.relative])?;
    let remote_ref = place.remote_ref()?;
    let divergence = if place
        .git
        .succeeds(["rev-parse", "--verify", "-q", &remote_ref])?
    {
        let counts = place.git.run([
            "rev-list",
            "--left-right",
            "--count",
            &format!("HEAD...{remote_ref}"),
        ])?;
        sync::Divergence::parse(&counts).unwrap_or_default()
    } else {
        let count = place
            .git
            .run(["rev-list", "--count", "HEAD"])
            .unwrap_or_default();
        sync::Divergence {
            ahead: count.trim().parse().unwrap_or(0),
            behind: 0,
        }
    };
    Ok(sync::TeamStatus {
        divergence,
        has_uncommitted,
    })
}
