//! `stance desktop install` and `stance desktop uninstall`: Stance in the desktop's menu with
//! its icon, and project files that open in it from a file manager, for one user.
//!
//! Everything goes under the user's XDG data folder (`$XDG_DATA_HOME`, else
//! `~/.local/share`): the files of [`files::install_files`], then the MIME and desktop
//! databases are refreshed by their own tools when those are installed. Uninstall removes
//! those files, the database entries they made and the folders left empty, nothing else.

mod files;

use files::{APP_ID, ExecError, PROJECT_MIME_TYPE, install_files};

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use clap::{Args, Subcommand};
use thiserror::Error;

use crate::io::atomic::write_atomic;

#[derive(Debug, Args)]
pub struct DesktopArgs {
    #[command(subcommand)]
    pub action: DesktopAction,
}

#[derive(Debug, Subcommand)]
pub enum DesktopAction {
    /// Add the menu entry, the icon and the project file type; projects then open in Stance
    /// from a file manager.
    Install(InstallArgs),
    /// Remove what `stance desktop install` added.
    Uninstall(UninstallArgs),
}

#[derive(Debug, Args)]
pub struct InstallArgs {
    /// The XDG data folder to install into [default: $XDG_DATA_HOME, else ~/.local/share].
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The program the menu entry starts [default: this stance binary's absolute path].
    #[arg(long, value_name = "PROGRAM")]
    pub exec: Option<String>,
    /// Leave the MIME and desktop databases alone (when staging files for a package, whose
    /// installation refreshes them).
    #[arg(long)]
    pub no_refresh: bool,
}

#[derive(Debug, Args)]
pub struct UninstallArgs {
    /// The XDG data folder to remove from [default: $XDG_DATA_HOME, else ~/.local/share].
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Leave the MIME and desktop databases alone.
    #[arg(long)]
    pub no_refresh: bool,
}

#[derive(Debug, Error)]
pub enum DesktopError {
    #[error("no data folder: neither XDG_DATA_HOME nor HOME is set; pass --data-dir")]
    NoDataDir,
    #[error("cannot find this program's own path ({0}); pass --exec")]
    OwnPath(std::io::Error),
    #[error("this program's path {0} is not UTF-8, which a desktop entry needs; pass --exec")]
    NotUtf8(PathBuf),
    #[error(transparent)]
    Exec(#[from] ExecError),
    #[error("could not write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not remove {path}: {source}")]
    Remove {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{tool} failed: {message}")]
    Tool { tool: &'static str, message: String },
}

/// Runs `stance desktop …`.
#[must_use]
pub fn run(args: &DesktopArgs) -> ExitCode {
    let result = match &args.action {
        DesktopAction::Install(args) => install_command(args),
        DesktopAction::Uninstall(args) => uninstall_command(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stance: {e}");
            ExitCode::FAILURE
        }
    }
}

fn install_command(args: &InstallArgs) -> Result<(), DesktopError> {
    let data_dir = data_dir(args.data_dir.as_deref())?;
    let program = match &args.exec {
        Some(program) => program.clone(),
        None => own_path()?,
    };
    for path in install(&data_dir, &program)? {
        println!("wrote {}", path.display());
    }
    if !args.no_refresh {
        report(refresh(&data_dir, Database::Mime))?;
        report(refresh(&data_dir, Database::Desktop))?;
    }
    println!("The menu entry starts {program}.");
    Ok(())
}

fn uninstall_command(args: &UninstallArgs) -> Result<(), DesktopError> {
    let data_dir = data_dir(args.data_dir.as_deref())?;
    let removed = uninstall(&data_dir, !args.no_refresh)?;
    for path in &removed.files {
        println!("removed {}", path.display());
    }
    if removed.files.is_empty() {
        println!("Stance was not installed in {}.", data_dir.display());
    }
    for refreshed in removed.refreshed {
        report(refreshed)?;
    }
    Ok(())
}

/// Writes the desktop integration into `data_dir`; returns the paths written.
///
/// # Errors
/// `program` cannot go into a desktop entry, or a file could not be written.
pub fn install(data_dir: &Path, program: &str) -> Result<Vec<PathBuf>, DesktopError> {
    let mut written = Vec::new();
    for file in install_files(program)? {
        let path = data_dir.join(&file.path);
        let write = |path: &Path| {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            write_atomic(path, &file.bytes, false)
        };
        write(&path).map_err(|source| DesktopError::Write {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}

/// What [`uninstall`] did.
#[derive(Debug)]
pub struct Removed {
    /// The installed files that were there and are gone.
    pub files: Vec<PathBuf>,
    /// How each database was brought up to date.
    pub refreshed: Vec<Refreshed>,
}

/// Removes what [`install`] writes from `data_dir`, then brings the databases up to date
/// (with `refresh`) and removes the folders left empty.
///
/// # Errors
/// A file could not be removed.
pub fn uninstall(data_dir: &Path, refresh_databases: bool) -> Result<Removed, DesktopError> {
    // The paths do not depend on the program, only the entry's text does.
    let installed = install_files(APP_ID)?;
    let mut files = Vec::new();
    for file in &installed {
        let path = data_dir.join(&file.path);
        match std::fs::remove_file(&path) {
            Ok(()) => files.push(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(DesktopError::Remove { path, source }),
        }
    }
    let mut refreshed = Vec::new();
    if refresh_databases {
        for database in [Database::Mime, Database::Desktop] {
            refreshed.push(if database.has_sources(data_dir) {
                refresh(data_dir, database)
            } else {
                database.remove_cache(data_dir)?;
                Refreshed::Removed(database)
            });
        }
    }
    for file in &installed {
        remove_empty_folders(data_dir, &file.path);
    }
    Ok(Removed { files, refreshed })
}

/// One of the databases desktops read instead of the files themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Database {
    /// `mime/`: compiled from `mime/packages/*.xml` by `update-mime-database`.
    Mime,
    /// `applications/mimeinfo.cache`: which entries open which types.
    Desktop,
}

/// What `update-mime-database` 2.x writes next to `packages/`: nothing else a user keeps there.
const MIME_CACHE_FILES: [&str; 12] = [
    "XMLnamespaces",
    "aliases",
    "generic-icons",
    "globs",
    "globs2",
    "icons",
    "magic",
    "mime.cache",
    "subclasses",
    "treemagic",
    "types",
    "version",
];

impl Database {
    fn tool(self) -> &'static str {
        match self {
            Database::Mime => "update-mime-database",
            Database::Desktop => "update-desktop-database",
        }
    }

    fn folder(self, data_dir: &Path) -> PathBuf {
        match self {
            Database::Mime => data_dir.join("mime"),
            Database::Desktop => data_dir.join("applications"),
        }
    }

    /// True when anything besides Stance's files is left for the database to describe.
    fn has_sources(self, data_dir: &Path) -> bool {
        let (folder, cache) = match self {
            Database::Mime => (self.folder(data_dir).join("packages"), None),
            Database::Desktop => (self.folder(data_dir), Some("mimeinfo.cache")),
        };
        std::fs::read_dir(folder).is_ok_and(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|entry| Some(entry.file_name().as_os_str()) != cache.map(std::ffi::OsStr::new))
        })
    }

    /// Removes a database that described only Stance: rebuilt from nothing it would be an
    /// empty database, which is what no database means.
    fn remove_cache(self, data_dir: &Path) -> Result<(), DesktopError> {
        let folder = self.folder(data_dir);
        let mut paths: Vec<PathBuf> = match self {
            Database::Mime => MIME_CACHE_FILES
                .iter()
                .map(|name| folder.join(name))
                .collect(),
            Database::Desktop => vec![folder.join("mimeinfo.cache")],
        };
        if self == Database::Mime {
            paths.push(folder.join(format!("{PROJECT_MIME_TYPE}.xml")));
        }
        for path in paths {
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(DesktopError::Remove { path, source }),
            }
        }
        if self == Database::Mime {
            let media_folder = PROJECT_MIME_TYPE.split('/').next().unwrap_or_default();
            // Only if empty: another package's types may live there.
            let _kept = std::fs::remove_dir(folder.join(media_folder));
        }
        Ok(())
    }
}

/// How a database was brought up to date.
#[derive(Debug)]
pub enum Refreshed {
    /// Its tool ran.
    Ran(Database),
    /// Its tool is not installed; desktops see the change once it runs.
    ToolMissing(Database),
    /// Its tool failed.
    Failed(Database, String),
    /// It described only Stance, and was removed.
    Removed(Database),
}

/// Runs the database's tool on its folder under `data_dir`.
fn refresh(data_dir: &Path, database: Database) -> Refreshed {
    let tool = database.tool();
    match Command::new(tool).arg(database.folder(data_dir)).output() {
        Ok(output) if output.status.success() => Refreshed::Ran(database),
        Ok(output) => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            Refreshed::Failed(database, stderr.trim().to_owned())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Refreshed::ToolMissing(database),
        Err(e) => Refreshed::Failed(database, e.to_string()),
    }
}

/// Tells the user how a database was refreshed; a failed tool is an error.
fn report(refreshed: Refreshed) -> Result<(), DesktopError> {
    match refreshed {
        Refreshed::Ran(database) => println!("ran {}", database.tool()),
        Refreshed::Removed(database) => println!(
            "removed the {} database, which held only Stance",
            database
                .tool()
                .trim_start_matches("update-")
                .trim_end_matches("-database")
        ),
        Refreshed::ToolMissing(Database::Mime) => println!(
            "update-mime-database is not installed (package shared-mime-info): file managers \
             recognise project files once it has run"
        ),
        Refreshed::ToolMissing(Database::Desktop) => println!(
            "update-desktop-database is not installed (package desktop-file-utils): most \
             desktops still find the entry; others once it has run"
        ),
        Refreshed::Failed(database, message) => {
            return Err(DesktopError::Tool {
                tool: database.tool(),
                message,
            });
        }
    }
    Ok(())
}

/// Removes the folders of `relative` below `data_dir` that are now empty, deepest first.
fn remove_empty_folders(data_dir: &Path, relative: &Path) {
    let mut folder = relative.parent();
    while let Some(current) = folder.filter(|f| !f.as_os_str().is_empty()) {
        if std::fs::remove_dir(data_dir.join(current)).is_err() {
            // Not empty (or not ours to remove): neither are its parents.
            return;
        }
        folder = current.parent();
    }
}

/// `--data-dir`, else `$XDG_DATA_HOME` (when absolute, as the spec requires), else
/// `~/.local/share`.
fn data_dir(explicit: Option<&Path>) -> Result<PathBuf, DesktopError> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").map(PathBuf::from)
        && dir.is_absolute()
    {
        return Ok(dir);
    }
    match std::env::var_os("HOME") {
        Some(home) if !home.is_empty() => Ok(PathBuf::from(home).join(".local/share")),
        _ => Err(DesktopError::NoDataDir),
    }
}

/// This binary's absolute path, for the entry's `Exec` key.
fn own_path() -> Result<String, DesktopError> {
    let path = std::env::current_exe().map_err(DesktopError::OwnPath)?;
    path.to_str()
        .map(str::to_owned)
        .ok_or(DesktopError::NotUtf8(path))
}
