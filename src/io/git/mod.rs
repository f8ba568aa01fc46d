//! The system `git`, run as a process: the one place Stance starts git. Credentials come from
//! the user's own helpers and SSH agent; Stance never sees or stores a password, and git is
//! never allowed to ask for one on a terminal (a GUI has none): it fails instead, and the
//! message says so.
//!
//! This is only the runner: what to run and what git's answers mean is decided by the sync
//! controller (`app::sync`) with the team's rules (`team::sync`).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use thiserror::Error;

/// Why git could not do what was asked.
#[derive(Debug, Error)]
pub enum GitError {
    #[error(
        "git is not installed (or not on the PATH). Install git from https://git-scm.com \
         and try again."
    )]
    NotInstalled,
    #[error("{} is not in a git repository. Share the project with the team first (File > Share with Team...), or open it from the team's repository.", .0.display())]
    NotARepository(PathBuf),
    #[error(
        "the repository has no remote to sync with. Share with Team sets one (or: git remote add origin URL)."
    )]
    NoRemote,
    #[error("git {command} failed: {message}")]
    Failed { command: String, message: String },
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Other(String),
}

/// git, run in one folder.
#[derive(Clone, Debug)]
pub struct Git {
    dir: PathBuf,
    /// Name and e-mail of commits and merges made through this runner.
    author: Option<(String, String)>,
}

impl Git {
    /// git in `dir` (where the project file is).
    #[must_use]
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
            author: None,
        }
    }

    /// Commits and merges made through this runner are by `author`, whatever git's config
    /// says (an analyst with no git set-up still commits under their name).
    #[must_use]
    pub fn as_author(mut self, name: &str, email: &str) -> Self {
        self.author = Some((name.to_owned(), email.to_owned()));
        self
    }

    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Runs git with `args`; its output whatever its exit status.
    ///
    /// # Errors
    /// git is not installed, or could not be started.
    pub fn output<I, S>(&self, args: I) -> Result<Output, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(&self.dir)
            .args(args)
            .stdin(Stdio::null())
            // Never a prompt on a terminal: a password comes from the user's helpers or not
            // at all.
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_ASKPASS", "")
            .env("SSH_ASKPASS", "")
            .env("GCM_INTERACTIVE", "never")
            .env("GIT_SSH_COMMAND", ssh_command())
            // Messages in one language, so they read the same in Stance's own messages.
            .env("LC_ALL", "C");
        if let Some((name, email)) = &self.author {
            command
                .env("GIT_AUTHOR_NAME", name)
                .env("GIT_AUTHOR_EMAIL", email)
                .env("GIT_COMMITTER_NAME", name)
                .env("GIT_COMMITTER_EMAIL", email);
        }
        command.output().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => GitError::NotInstalled,
            _ => GitError::Io(e),
        })
    }

    /// Runs git; its standard output, or an error with what git said.
    ///
    /// # Errors
    /// git failed or could not run.
    pub fn run<I, S>(&self, args: I) -> Result<String, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let args: Vec<S> = args.into_iter().collect();
        let output = self.output(&args)?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            Err(failure(&args, &output))
        }
    }

    /// Whether git succeeds with `args` (a question such as `diff --quiet`).
    ///
    /// # Errors
    /// git could not run.
    pub fn succeeds<I, S>(&self, args: I) -> Result<bool, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Ok(self.output(args)?.status.success())
    }

    /// A config value, `None` when unset.
    ///
    /// # Errors
    /// git could not run.
    pub fn config(&self, key: &str) -> Result<Option<String>, GitError> {
        let output = self.output(["config", "--get", key])?;
        let value = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        Ok((output.status.success() && !value.is_empty()).then_some(value))
    }
}

/// SSH without a password prompt: keys from the agent or files only.
fn ssh_command() -> String {
    let base = std::env::var("GIT_SSH_COMMAND").unwrap_or_else(|_| "ssh".to_owned());
    format!("{base} -o BatchMode=yes")
}

fn failure<S: AsRef<OsStr>>(args: &[S], output: &Output) -> GitError {
    let command = args
        .iter()
        .take(2)
        .map(|a| a.as_ref().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let message = if stderr.trim().is_empty() {
        stdout.trim()
    } else {
        stderr.trim()
    };
    GitError::Failed {
        command,
        message: message.to_owned(),
    }
}

/// git's `user.name` as set for the user (outside any repository), if git is there and has
/// one: the first-run prompt offers it as the annotator name.
#[must_use]
pub fn global_user_name() -> Option<String> {
    let home = std::env::temp_dir();
    Git::new(&home).config("user.name").ok().flatten()
}

/// Whether git can be run at all.
#[must_use]
pub fn is_installed() -> bool {
    Git::new(&std::env::temp_dir())
        .output(["--version"])
        .is_ok_and(|o| o.status.success())
}
