//! `stance bench`: measures frame times, load/save speed and memory on generated data.

use std::io::Write;
use std::process::ExitCode;

use crate::bench::run::{BenchOptions, run_bench};

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// Run few frames and one load/save round: a quick smoke test, not a measurement.
    #[arg(long)]
    pub quick: bool,
    /// Only the figures whose name starts with PREFIX (e.g. `b.frame`, `corpus.load`,
    /// `analysis.`); the parts of the run that measure none of them are skipped.
    #[arg(long, value_name = "PREFIX")]
    pub only: Option<String>,
}

pub fn run(args: &BenchArgs) -> ExitCode {
    let options = BenchOptions {
        quick: args.quick,
        only: args.only.clone(),
    };
    let mut stdout = std::io::stdout().lock();
    let mut print = |figure| {
        // Each figure is flushed as soon as it is known, so a long run shows progress.
        let _written = writeln!(stdout, "{figure}").and_then(|()| stdout.flush());
    };
    match run_bench(&options, &mut print) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("stance bench: {e}");
            ExitCode::FAILURE
        }
    }
}
