//! `stance report PROJECT --format md|csv|html [-o OUT] [--from DATE] [--to DATE] [--force]`:
//! the position map, the concession list and the timeline. Without `-o`, to standard output.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::analysis::AnalysisFilter;
use crate::io::formats::report::{ReportFormat, report};
use crate::io::{LoadedProject, load_project};

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The project file (.ron).
    pub project: PathBuf,
    /// md, csv or html.
    #[arg(short, long, value_parser = parse_format)]
    pub format: ReportFormat,
    /// The file to write. Without it, the report goes to standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Only documents dated on or after this day (YYYY-MM-DD); undated ones are left out.
    #[arg(long, value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Only documents dated on or before this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// Replace an existing output file.
    #[arg(long)]
    pub force: bool,
}

fn parse_format(name: &str) -> Result<ReportFormat, String> {
    ReportFormat::parse(name).ok_or_else(|| {
        let names: Vec<&str> = ReportFormat::ALL.iter().map(|f| f.key()).collect();
        format!(
            "unknown format {name:?}; choose one of {}",
            names.join(", ")
        )
    })
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|e| format!("{text:?} is not a date like 2025-12-05: {e}"))
}

pub fn run(args: &ReportArgs) -> ExitCode {
    match run_report(args) {
        Ok(Some(message)) => {
            eprintln!("{message}");
            ExitCode::SUCCESS
        }
        Ok(None) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("stance report: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_report(args: &ReportArgs) -> Result<Option<String>, String> {
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        return Err(format!("--from {from} is after --to {to}"));
    }
    let LoadedProject {
        project, problems, ..
    } = load_project(&args.project).map_err(|e| e.to_string())?;
    if !problems.is_empty() {
        eprintln!(
            "stance report: warning: {} has {} problem(s); run `stance validate` to list them",
            args.project.display(),
            problems.len()
        );
    }
    let filter = AnalysisFilter {
        from: args.from,
        to: args.to,
        ..AnalysisFilter::default()
    };
    let bytes = report(&project, &filter, args.format).map_err(|e| e.to_string())?;
    let Some(path) = &args.output else {
        return std::io::stdout()
            .lock()
            .write_all(&bytes)
            .map(|()| None)
            .map_err(|e| format!("could not write to standard output: {e}"));
    };
    if super::is_same_file(path, &args.project) {
        return Err(format!(
            "{} is the project being reported on; choose another output",
            path.display()
        ));
    }
    if !args.force && path.exists() {
        return Err(format!(
            "{} exists; pass --force to replace it",
            path.display()
        ));
    }
    crate::io::atomic::write_atomic(path, &bytes, false)
        .map_err(|e| format!("could not write {}: {e}", path.display()))?;
    Ok(Some(format!(
        "wrote {} ({} bytes)",
        path.display(),
        bytes.len()
    )))
}
