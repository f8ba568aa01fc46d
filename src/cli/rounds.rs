//! `stance rounds PROJECT`: the rounds of talks, oldest first (name, dates or documents);
//! `--propose` prints the rounds proposed from gaps between article dates and
//! `--add-proposed` adds them; `--add NAME FROM TO`, `--rename NAME NEW`,
//! `--dates NAME FROM TO` and `--delete NAME` change the rounds in place. The twin of the
//! Moves tab's round editor.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::project_cmds::Report;
use crate::analysis::{propose_rounds, rounds_in_order};
use crate::io::{load_project, save_project};
use crate::model::{Edit, EditError, Project, Round, RoundId, RoundSpan};

#[derive(Debug, clap::Args)]
pub struct RoundsArgs {
    /// The project file (.ron).
    pub project: PathBuf,
    /// Print the rounds proposed from gaps between article dates (changes nothing).
    #[arg(long)]
    pub propose: bool,
    /// Add every proposed round.
    #[arg(long)]
    pub add_proposed: bool,
    /// Add a round of dates: its name, first and last day (YYYY-MM-DD).
    #[arg(long, num_args = 3, value_names = ["NAME", "FROM", "TO"])]
    pub add: Option<Vec<String>>,
    /// Rename a round.
    #[arg(long, num_args = 2, value_names = ["NAME", "NEW_NAME"])]
    pub rename: Option<Vec<String>>,
    /// Set a round's dates.
    #[arg(long, num_args = 3, value_names = ["NAME", "FROM", "TO"])]
    pub dates: Option<Vec<String>>,
    /// Delete a round (with the briefs that compare it).
    #[arg(long, value_name = "NAME")]
    pub delete: Option<String>,
}

/// Exit 0 on success, 1 on an error (nothing written).
pub fn run(args: &RoundsArgs) -> ExitCode {
    let mut report = Report::default();
    match run_in(args, &mut report.out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let _ = writeln!(report.err, "stance rounds: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_in(args: &RoundsArgs, out: &mut String) -> Result<(), String> {
    let mut project = load_project(&args.project)
        .map_err(|e| e.to_string())?
        .project;
    if args.propose {
        for round in propose_rounds(&project) {
            write_round(out, &project, &round);
        }
        return Ok(());
    }
    let before = project.key();
    if args.add_proposed {
        for round in propose_rounds(&project) {
            let edit = project.add_round(round);
            apply(&mut project, edit)?;
        }
    }
    if let Some([name, from, to]) = args.add.as_deref() {
        let span = RoundSpan::Dates {
            from: parse_day(from)?,
            to: parse_day(to)?,
        };
        let edit = project.add_round(Round::new(name.clone(), span));
        apply(&mut project, edit)?;
    }
    if let Some([name, new_name]) = args.rename.as_deref() {
        let id = round_named(&project, name)?;
        let edit = project.edit_round(id, |r| r.name.clone_from(new_name));
        apply(&mut project, edit)?;
    }
    if let Some([name, from, to]) = args.dates.as_deref() {
        let id = round_named(&project, name)?;
        let span = RoundSpan::Dates {
            from: parse_day(from)?,
            to: parse_day(to)?,
        };
        let edit = project.edit_round(id, |r| r.span = span);
        apply(&mut project, edit)?;
    }
    if let Some(name) = &args.delete {
        let id = round_named(&project, name)?;
        let edit = project.delete_round(id);
        apply(&mut project, edit)?;
    }
    if project.key() != before {
        save_project(&args.project, &project).map_err(|e| e.to_string())?;
    }
    for round in rounds_in_order(&project) {
        write_round(out, &project, round);
    }
    Ok(())
}

fn apply(project: &mut Project, edit: Result<Edit, EditError>) -> Result<(), String> {
    let edit = edit.map_err(|e| e.to_string())?;
    project.apply(edit).map(drop).map_err(|e| e.to_string())
}

/// `NAME<TAB>2025-11-20<TAB>2025-11-24`, or `NAME<TAB>documents<TAB>N`.
fn write_round(out: &mut String, project: &Project, round: &Round) {
    let _ = match &round.span {
        RoundSpan::Dates { from, to } => writeln!(out, "{}\t{from}\t{to}", round.name),
        RoundSpan::Documents(documents) => {
            let titles: Vec<&str> = (documents.iter())
                .filter_map(|&d| project.document(d).map(|d| d.title.as_str()))
                .collect();
            writeln!(out, "{}\tdocuments\t{}", round.name, titles.join("; "))
        }
    };
}

/// The round of this name (case and spacing ignored); an error lists the names.
pub(super) fn round_named(project: &Project, name: &str) -> Result<RoundId, String> {
    let key = crate::model::name_key(name);
    project
        .rounds()
        .iter()
        .find(|r| crate::model::name_key(&r.name) == key)
        .map(|r| r.id)
        .ok_or_else(|| {
            let names: Vec<&str> = project.rounds().iter().map(|r| r.name.as_str()).collect();
            if names.is_empty() {
                format!("no round {name:?}: the project has no rounds (try --propose)")
            } else {
                format!("no round {name:?}; the rounds are: {}", names.join(", "))
            }
        })
}

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|e| format!("{text:?} is not a date like 2025-12-05: {e}"))
}
