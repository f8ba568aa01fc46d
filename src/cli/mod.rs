//! The command line: `stance [FILE]` opens the GUI; subcommands work on project files.

mod agree;
mod bench;
mod completions;
mod desktop;
mod docs;
mod eval;
mod export;
mod import;
mod import_urls;
mod merge;
mod project_cmds;
mod reanchor;
mod recover;
mod report;
mod rounds;
mod search;
mod suggest;
mod sync;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// `stance --version`: the version, the commit it was built from (with `-dirty` for
/// uncommitted changes) and the build date, as `build.rs` found them.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("STANCE_BUILD_COMMIT"),
    ", built ",
    env!("STANCE_BUILD_DATE"),
    ")"
);

/// Annotate claims, positions and concessions in news about negotiations.
#[derive(Debug, Parser)]
#[command(
    name = "stance",
    version = VERSION,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A project (.ron) to open, or an article (.txt, .md) to start a project from.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a project from articles (text, Markdown, PDF, Nexis and Factiva exports), brat
    /// folders or Stance exports; print where each title, date and outlet came from.
    Import(import::ImportArgs),
    /// List the documents with their title, date, outlet, author, URL and language; with
    /// --set, change them.
    Docs(docs::DocsArgs),
    /// Check project files; exit 1 listing every problem found.
    Validate(project_cmds::ValidateArgs),
    /// Count annotations per document, per tag and per holder.
    Stats(project_cmds::StatsArgs),
    /// Export annotations as csv, json, jsonl, md, brat or w3c.
    Export(export::ExportArgs),
    /// Agreement between annotators: span F1, αU, Cohen's and Fleiss' κ, Krippendorff's α.
    Agree(agree::AgreeArgs),
    /// Three-way merge of project files; a git merge driver. Exit 1 on conflicts.
    Merge(merge::MergeArgs),
    /// Sync with the team through git: commit as the annotator, merge, push. Exit 1 on conflicts.
    Sync(sync::SyncArgs),
    /// Put a project into a git repository and push it to the team's remote.
    Share(sync::ShareArgs),
    /// Measure frame times, load/save speed and memory on generated data.
    Bench(bench::BenchArgs),
    /// List recovery snapshots of unsaved work; write one out or discard it.
    Recover(recover::RecoverArgs),
    /// Accept an edited article text: move its annotations to where their quotes now are.
    Reanchor(reanchor::ReanchorArgs),
    /// Suggest statements and their speakers; with -o, accept them into a copy.
    Suggest(suggest::SuggestArgs),
    /// Score annotations against gold ones: span P/R/F1, speaker accuracy, per type.
    Eval(eval::EvalArgs),
    /// Write the position map, the concessions and the timeline as md, csv or html.
    Report(report::ReportArgs),
    /// List the rounds of talks; propose them from article dates; add, rename, re-date, delete.
    Rounds(rounds::RoundsArgs),
    /// Search the text of every document; print document, start, end (code points), context.
    Search(search::SearchArgs),
    /// Print a shell completion script for bash, zsh, fish, powershell or elvish.
    Completions(completions::CompletionsArgs),
    /// Print the man page (roff), or write one page per command into a folder.
    Manpage(completions::ManpageArgs),
    /// Add Stance to the desktop (menu entry, icon, project file type), or remove it.
    Desktop(desktop::DesktopArgs),
    /// Debug builds only: panic with a project in the panic slot (tests the panic snapshot).
    #[cfg(debug_assertions)]
    #[command(hide = true)]
    DebugPanicSnapshot {
        /// The project to keep; an empty untitled project without it.
        project: Option<PathBuf>,
        /// Keep it as a recovery worker's mirror instead of a shared copy.
        #[arg(long)]
        mirror: bool,
    },
}

/// True if both paths name one existing file (through links or `..` alike).
fn is_same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Runs the parsed command line and returns the process exit code.
#[must_use]
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        None => match crate::app::run(cli.file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("stance: could not open a window: {e}");
                ExitCode::FAILURE
            }
        },
        Some(Command::Import(args)) => import::run(&args),
        Some(Command::Docs(args)) => docs::run(&args),
        Some(Command::Validate(args)) => project_cmds::validate(&args),
        Some(Command::Stats(args)) => project_cmds::stats(&args),
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::Agree(args)) => agree::run(&args),
        Some(Command::Merge(args)) => merge::run(&args),
        Some(Command::Sync(args)) => sync::run(&args),
        Some(Command::Share(args)) => sync::share(&args),
        Some(Command::Bench(args)) => bench::run(&args),
        Some(Command::Recover(args)) => recover::run(&args),
        Some(Command::Reanchor(args)) => reanchor::run(&args),
        Some(Command::Suggest(args)) => suggest::run(&args),
        Some(Command::Eval(args)) => eval::run(&args),
        Some(Command::Report(args)) => report::run(&args),
        Some(Command::Rounds(args)) => rounds::run(&args),
        Some(Command::Search(args)) => search::run(&args),
        Some(Command::Completions(args)) => completions::completions(&args),
        Some(Command::Manpage(args)) => completions::manpage(&args),
        Some(Command::Desktop(args)) => desktop::run(&args),
        #[cfg(debug_assertions)]
        Some(Command::DebugPanicSnapshot { project, mirror }) => {
            recover::debug_panic_snapshot(project.as_deref(), mirror)
        }
    }
}
