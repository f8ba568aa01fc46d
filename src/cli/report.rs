//! `stance report PROJECT --format md|csv|html|json [-o OUT] [--from DATE] [--to DATE]
//! [--round NAME] [--since NAME|start] [--force]`: the brief and the Moves ledger between two
//! rounds (by default the last round and the one before), the position map, the concession
//! list, the timeline and the links. Without `-o`, to standard output.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::analysis::AnalysisFilter;
use crate::analysis::round_before;
use crate::analysis::wording::counted;
use crate::io::formats::report::{ReportFormat, RoundPair, default_pair, report_between};
use crate::io::{LoadedProject, load_project};
use crate::model::Project;

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The project file (.ron).
    pub project: PathBuf,
    /// md, csv, html or json.
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
    /// The round whose moves the report lists (default: the last round).
    #[arg(long, value_name = "NAME")]
    pub round: Option<String>,
    /// The earlier round it is compared with (default: the round before; `start`: since
    /// the start of the talks).
    #[arg(long, value_name = "NAME")]
    pub since: Option<String>,
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
            "stance report: warning: {} has {}; run `stance validate` to list them",
            args.project.display(),
            counted(problems.len(), "problem")
        );
    }
    let filter = AnalysisFilter {
        from: args.from,
        to: args.to,
        ..AnalysisFilter::default()
    };
    let pair = round_pair(&project, args.round.as_deref(), args.since.as_deref())?;
    let bytes = report_between(&project, &filter, args.format, pair).map_err(|e| e.to_string())?;
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

/// The rounds compared: `--round` (else the last) and `--since` (else the one before it).
fn round_pair(
    project: &Project,
    round: Option<&str>,
    since: Option<&str>,
) -> Result<Option<RoundPair>, String> {
    let to = match round {
        Some(name) => super::rounds::round_named(project, name)?,
        None if since.is_some() => {
            return Err("--since needs --round (the later round)".to_owned());
        }
        None => return Ok(default_pair(project)),
    };
    let from = match since {
        Some(name) if name.trim().eq_ignore_ascii_case("start") => None,
        Some(name) => Some(super::rounds::round_named(project, name)?),
        None => round_before(project, to),
    };
    Ok(Some((from, to)))
}
