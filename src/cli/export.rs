//! `stance export`.

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct ExportArgs {}

pub fn run(_args: &ExportArgs) -> ExitCode {
    eprintln!("stance export: in progress");
    ExitCode::FAILURE
}
