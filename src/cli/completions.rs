//! `stance completions SHELL` and `stance manpage`: generated from the one clap definition
//! ([`super::Cli`]), so they never drift from the command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::io::atomic::write_atomic;

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManpageArgs {
    /// Write stance.1 and one page per command (stance-import.1, …) into this folder instead
    /// of printing stance.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The completion script for `shell`.
#[must_use]
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut super::Cli::command(), "stance", &mut script);
    script
}

/// The man pages: `("stance.1", roff)` first, then one per visible command, nested ones
/// included (`stance-desktop-install.1`).
///
/// # Errors
/// Only if rendering to memory fails, which it does not.
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    // The help command's page would only repeat `stance --help`.
    let mut cli = super::Cli::command().disable_help_subcommand(true);
    cli.build();
    let mut pages = Vec::new();
    add_pages(cli, &mut pages)?;
    Ok(pages)
}

fn add_pages(command: clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
    let subcommands: Vec<clap::Command> = command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set())
        .cloned()
        .collect();
    let man = clap_mangen::Man::new(command)
        .date(env!("STANCE_BUILD_DATE"))
        .source(concat!("Stance ", env!("CARGO_PKG_VERSION")))
        .manual("Stance Manual");
    let mut roff = Vec::new();
    if pages.is_empty() {
        // The main page, in the usual order of sections, with those clap cannot know.
        man.render_title(&mut roff)?;
        man.render_name_section(&mut roff)?;
        man.render_synopsis_section(&mut roff)?;
        man.render_description_section(&mut roff)?;
        man.render_options_section(&mut roff)?;
        man.render_subcommands_section(&mut roff)?;
        roff.extend_from_slice(MAIN_PAGE_SECTIONS.as_bytes());
        man.render_version_section(&mut roff)?;
    } else {
        man.render(&mut roff)?;
    }
    pages.push((man.get_filename(), roff));
    for sub in subcommands {
        add_pages(sub, pages)?;
    }
    Ok(())
}

/// What the main page says beyond the options and commands clap knows of.
const MAIN_PAGE_SECTIONS: &str = r#".SH "EXIT STATUS"
0 on success.
1 when a command fails, or finds what it reports: problems (\fBvalidate\fR), conflicts
(\fBmerge\fR), annotations it could not place (\fBreanchor\fR), no hits (\fBsearch\fR).
2 for a usage error (an unknown option, a missing argument), and for any other error of
\fBmerge\fR and \fBsearch\fR, as with \fBdiff\fR(1) and \fBgrep\fR(1).
.SH ENVIRONMENT
.TP
\fBSTANCE_DATA_DIR\fR
The folder whose \fIrecovery/\fR holds the recovery snapshots, instead of the default below.
.TP
\fBXDG_DATA_HOME\fR
The user's data folder, \fI~/.local/share\fR when unset: the recovery snapshots are kept in
\fIstance/recovery/\fR there, and \fBstance desktop install\fR writes there.
.SH FILES
.TP
\fIPROJECT.ron\fR
A project: readable, diff-friendly RON, written atomically; the previous version is kept as
\fIPROJECT.ron.bak\fR.
.TP
\fI$XDG_DATA_HOME/stance/recovery/\fR
Snapshots of unsaved work, offered for restoring at the next start; see \fBstance-recover\fR(1).
.SH "SEE ALSO"
\fBstance-merge\fR(1) to merge projects as a \fBgit\fR(1) merge driver,
\fBstance-desktop\fR(1) for the menu entry and the project file type.
The README of the source distribution describes the workbench, its keys and its file formats.
"#;

/// Prints the completion script for the chosen shell.
#[must_use]
pub fn completions(args: &CompletionsArgs) -> ExitCode {
    print_bytes(&completion_script(args.shell))
}

/// Prints `stance.1`, or writes every page into `--dir`.
#[must_use]
pub fn manpage(args: &ManpageArgs) -> ExitCode {
    let pages = match man_pages() {
        Ok(pages) => pages,
        Err(e) => {
            eprintln!("stance: could not render the man page: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(dir) = &args.dir else {
        return match pages.first() {
            Some((_, roff)) => print_bytes(roff),
            None => ExitCode::FAILURE,
        };
    };
    match write_pages(dir, &pages) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stance: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write_pages(dir: &Path, pages: &[(String, Vec<u8>)]) -> Result<(), String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("could not create the folder {}: {e}", dir.display()))?;
    for (name, roff) in pages {
        let path = dir.join(name);
        write_atomic(&path, roff, false)
            .map_err(|e| format!("could not write {}: {e}", path.display()))?;
        println!("{}", path.display());
    }
    Ok(())
}

/// Writes to stdout; a closed pipe (`stance completions bash | head`) is not an error.
fn print_bytes(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stance: could not write to standard output: {e}");
            ExitCode::FAILURE
        }
    }
}
