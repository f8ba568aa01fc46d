//! `stance import`, `stance validate` and `stance stats`.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Articles (.txt, .md), brat folders or .ann files, or Stance json/jsonl/w3c exports.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The project file to write.
    #[arg(short, long)]
    pub output: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    #[arg(required = true)]
    pub projects: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    pub project: PathBuf,
}

pub fn import(_args: &ImportArgs) -> ExitCode {
    eprintln!("stance import: in progress");
    ExitCode::FAILURE
}

pub fn validate(_args: &ValidateArgs) -> ExitCode {
    eprintln!("stance validate: in progress");
    ExitCode::FAILURE
}

pub fn stats(_args: &StatsArgs) -> ExitCode {
    eprintln!("stance stats: in progress");
    ExitCode::FAILURE
}
