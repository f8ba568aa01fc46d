//! `stance bench`.

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct BenchArgs {}

pub fn run(_args: &BenchArgs) -> ExitCode {
    eprintln!("stance bench: in progress");
    ExitCode::FAILURE
}
