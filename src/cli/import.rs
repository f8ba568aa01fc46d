//! `stance import PATHS… -o PROJECT.ron`: a new project from articles and annotation files.
//! For each document it prints the title, date and outlet (and author, URL, language when
//! found) and where each came from, so no guess goes unseen: `date: 2016-09-06 (file name)`.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use super::project_cmds::Report;
use crate::analysis::wording::counted;
use crate::io::formats::article::{ArticleMeta, Sourced};
use crate::io::save_project;
use crate::io::staging::DocumentIntake;
use crate::model::Project;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Articles or folders of them: .txt and .md (front matter, or the headline on the first
    /// line and a date line or a date in the file name), .pdf, .html pages, RSS/Atom feeds,
    /// .docx and .odt, Nexis and Factiva text exports (any extension); web addresses
    /// (https://…, fetched); brat folders (or a folder of them) or .ann files; Stance
    /// json/jsonl/w3c exports.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The project file to write.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Overwrite the output if it exists (the old file is kept as OUTPUT.bak).
    #[arg(long)]
    pub force: bool,
    /// The project's title (default: the article's title, or the output file's name).
    #[arg(long)]
    pub title: Option<String>,
}

/// Exit 0 when everything was imported; 1 on an error (nothing written), or when some files
/// or articles were refused (the project is written with the rest, and the refused are
/// listed).
pub fn run(args: &ImportArgs) -> ExitCode {
    let mut report = Report::default();
    let output = &args.output;
    // `--force` is for an old project; writing over an input would lose what is imported.
    if let Some(input) = args.paths.iter().find(|p| super::is_same_file(p, output)) {
        let _ = writeln!(
            report.err,
            "stance import: {} is one of the inputs ({}); choose another output",
            output.display(),
            input.display()
        );
        return ExitCode::FAILURE;
    }
    if output.exists() && !args.force {
        let _ = writeln!(
            report.err,
            "stance import: {} exists; pass --force to overwrite it",
            output.display()
        );
        return ExitCode::FAILURE;
    }
    let mut project = Project::new(args.title.clone().unwrap_or_default());
    let summary = match super::import_urls::import_inputs(&args.paths, &mut project) {
        Ok(summary) => summary,
        Err(e) => {
            let _ = writeln!(report.err, "stance import: {e}");
            return ExitCode::FAILURE;
        }
    };
    for (path, reason) in &summary.skipped {
        let _ = writeln!(
            report.err,
            "stance import: skipped {}: {reason}",
            path.display()
        );
    }
    for refused in &summary.refused {
        let _ = writeln!(report.err, "stance import: refused {refused}");
    }
    if project.documents().is_empty() {
        let _ = writeln!(
            report.err,
            "stance import: nothing to import; {} not written",
            output.display()
        );
        return ExitCode::FAILURE;
    }
    if args.title.is_none() {
        let title = match project.documents() {
            [only] => only.title.clone(),
            _ => crate::io::formats::article::title_from_path(output),
        };
        if let Err(e) = project.apply(crate::model::Edit::SetTitle(title)) {
            let _ = writeln!(report.err, "stance import: {e}");
            return ExitCode::FAILURE;
        }
    }
    if let Err(e) = save_project(output, &project) {
        let _ = writeln!(report.err, "stance import: {e}");
        return ExitCode::FAILURE;
    }
    let _ = writeln!(
        report.out,
        "{}: {}, {}, {}",
        output.display(),
        counted(project.documents().len(), "document"),
        counted(project.annotations().len(), "annotation"),
        counted(project.actors().len(), "actor")
    );
    for doc in project.documents() {
        let intake = summary.intake.iter().find(|i| i.document == doc.id);
        match intake {
            Some(intake) => write_intake(&mut report.out, intake, doc.len_chars()),
            None => {
                let date = doc.date.map(|d| format!(", {d}")).unwrap_or_default();
                let _ = writeln!(
                    report.out,
                    "  {} ({} chars{date})",
                    doc.title,
                    doc.len_chars()
                );
            }
        }
    }
    if summary.refused.is_empty() {
        ExitCode::SUCCESS
    } else {
        let _ = writeln!(
            report.err,
            "stance import: {} refused; the rest is in {}",
            summary.refused.len(),
            output.display()
        );
        ExitCode::FAILURE
    }
}

/// One imported article: where it came from, then each property and its source.
///
/// ```text
///   six/ledger_2016-09-06_envoys.txt (1234 chars)
///     title: Envoys Press for Truce in the Valley Talks (first line)
///     date: 2016-09-06 (file name)
///     outlet: none found
/// ```
fn write_intake(out: &mut String, intake: &DocumentIntake, chars: usize) {
    let _ = writeln!(out, "  {} ({chars} chars)", intake.origin);
    for line in meta_lines(&intake.meta) {
        let _ = writeln!(out, "    {line}");
    }
}

/// `title: … (source)` lines: title, date and outlet always (`none found` when missing),
/// author, URL and language when found.
#[must_use]
pub fn meta_lines(meta: &ArticleMeta) -> Vec<String> {
    fn line<T: std::fmt::Display>(name: &str, value: Option<&Sourced<T>>) -> String {
        value.map_or_else(|| format!("{name}: none found"), |v| format!("{name}: {v}"))
    }
    let mut lines = vec![
        line("title", meta.title.as_ref()),
        line("date", meta.date.as_ref()),
        line("outlet", meta.outlet.as_ref()),
    ];
    let optional = [
        ("author", meta.author.as_ref()),
        ("url", meta.url.as_ref()),
        ("language", meta.language.as_ref()),
    ];
    for (name, value) in optional {
        if value.is_some() {
            lines.push(line(name, value));
        }
    }
    lines
}
