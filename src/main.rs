//! The `stance` binary: parse the command line, then run.

use clap::Parser;

fn main() -> std::process::ExitCode {
    stance::cli::run(stance::cli::Cli::parse())
}
