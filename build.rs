//! Build script: records the commit and the day a binary was built from, for `stance --version`.
//!
//! It never downloads anything and never fails the build: without git, or outside a git
//! checkout (a source archive), the version says so. It reruns only when the commit (HEAD, the
//! branch, the index) or the binary's own inputs change, so ordinary builds do not pay for it;
//! the inputs are watched too, or an edit after a clean build would keep a stale, clean hash.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

/// What the binary is built from, besides the git metadata.
const INPUTS: [&str; 5] = ["build.rs", "Cargo.toml", "Cargo.lock", "src", "assets"];

fn main() {
    let manifest_dir =
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| ".".into()));
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
    }
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let source = BuildSource::of(&manifest_dir, "git");
    for path in source.watched_git_files() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    if let BuildSource::GitFailed(reason) = &source {
        println!("cargo:warning=stance --version will not name the commit: {reason}");
    }
    println!(
        "cargo:rustc-env=STANCE_BUILD_COMMIT={}",
        source.description()
    );
    let date = build_date(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref());
    println!("cargo:rustc-env=STANCE_BUILD_DATE={date}");
}

/// Where the sources being built came from.
#[derive(Debug, PartialEq, Eq)]
pub enum BuildSource {
    /// A git checkout: the short commit hash (`-dirty` with uncommitted changes to tracked
    /// files), and the git files whose change means another commit or index.
    Git {
        commit: String,
        watched: Vec<PathBuf>,
    },
    /// A checkout whose git could not be asked (git missing, or refusing the folder).
    GitFailed(String),
    /// A package from crates.io: cargo wrote the commit into `.cargo_vcs_info.json`.
    CratePackage { commit: String },
    /// No git metadata at all: a source archive.
    Archive,
}

impl BuildSource {
    /// Finds out where `dir` came from, asking `git` (the program to run).
    #[must_use]
    pub fn of(dir: &Path, git: &str) -> BuildSource {
        // `.git` is a folder in a clone and a file in a worktree; either means a checkout.
        // Without it the sources may still sit inside some other repository (an archive
        // unpacked in a git-managed home folder), whose commit would be the wrong one.
        if dir.join(".git").exists() {
            return match git_commit(dir, git) {
                Ok((commit, watched)) => BuildSource::Git { commit, watched },
                Err(reason) => BuildSource::GitFailed(reason),
            };
        }
        if let Some(commit) = crate_package_commit(dir) {
            return BuildSource::CratePackage { commit };
        }
        BuildSource::Archive
    }

    /// The commit part of `stance --version`.
    #[must_use]
    pub fn description(&self) -> String {
        match self {
            BuildSource::Git { commit, .. } => format!("commit {commit}"),
            BuildSource::CratePackage { commit } => format!("commit {commit}, from crates.io"),
            BuildSource::GitFailed(reason) => format!("commit unknown: {reason}"),
            BuildSource::Archive => {
                "commit unknown: built from a source archive without git".into()
            }
        }
    }

    fn watched_git_files(&self) -> &[PathBuf] {
        match self {
            BuildSource::Git { watched, .. } => watched,
            _ => &[],
        }
    }
}

/// The short hash of HEAD with `-dirty` if tracked files changed, and the git files to watch.
fn git_commit(dir: &Path, git: &str) -> Result<(String, Vec<PathBuf>), String> {
    let hash = run_git(dir, git, &["rev-parse", "--short=7", "HEAD"])?;
    // `--no-optional-locks`: `status` would otherwise refresh and rewrite the index, which
    // is watched, so every build would rerun this script.
    let changes = run_git(
        dir,
        git,
        &[
            "--no-optional-locks",
            "status",
            "--porcelain",
            "--untracked-files=no",
        ],
    )?;
    let dirty = if changes.is_empty() { "" } else { "-dirty" };
    // Paths through git itself, so that a worktree (whose `.git` is a file pointing to
    // the main repository) watches its own HEAD and index and the shared refs.
    let mut names = vec![
        "HEAD".to_owned(),
        "index".to_owned(),
        "packed-refs".to_owned(),
    ];
    if let Ok(branch) = run_git(dir, git, &["symbolic-ref", "-q", "HEAD"]) {
        names.push(branch);
    }
    let mut watched = Vec::new();
    for name in names {
        let path = PathBuf::from(run_git(dir, git, &["rev-parse", "--git-path", &name])?);
        let path = if path.is_absolute() {
            path
        } else {
            dir.join(path)
        };
        // Cargo treats a missing watched file as changed on every build.
        if path.exists() {
            watched.push(path);
        }
    }
    Ok((format!("{hash}{dirty}"), watched))
}

/// Runs git in `dir` and returns its trimmed output, or why it failed.
fn run_git(dir: &Path, git: &str, args: &[&str]) -> Result<String, String> {
    let output = Command::new(git)
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("could not run {git}: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first_line = stderr.lines().next().unwrap_or("no message").trim();
        return Err(format!("`git {}` failed: {first_line}", args.join(" ")));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The commit cargo recorded when it packaged the crate, if this is such a package.
fn crate_package_commit(dir: &Path) -> Option<String> {
    let info = std::fs::read_to_string(dir.join(".cargo_vcs_info.json")).ok()?;
    // A tiny file of cargo's own making: `"sha1": "<40 hex digits>"`, and `"dirty": true`
    // when it was packaged with uncommitted changes.
    let after_key = &info[info.find("\"sha1\"")? + "\"sha1\"".len()..];
    let value = after_key
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    let hash: String = value
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .take(7)
        .collect();
    if hash.len() < 7 {
        return None;
    }
    let dirty = info.contains("\"dirty\": true") || info.contains("\"dirty\":true");
    Some(if dirty { format!("{hash}-dirty") } else { hash })
}

/// Today's date (UTC) as `YYYY-MM-DD`, or the date of `SOURCE_DATE_EPOCH` (seconds since
/// 1970) when it is set, for reproducible builds.
#[must_use]
pub fn build_date(source_date_epoch: Option<&str>) -> String {
    let seconds = source_date_epoch
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    let (year, month, day) = civil_date(seconds / 86_400);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (H. Hinnant's algorithm).
fn civil_date(days_since_epoch: u64) -> (u64, u64, u64) {
    let z = days_since_epoch + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}
