//! `stance reanchor PROJECT.ron --document ID|TITLE --text NEW.txt [-o OUT.ron] [--force]`:
//! accept an edited article text and move its annotations to where their quotes now are.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;

use crate::analysis::wording::counted;
use crate::io::formats::article::read_article;
use crate::io::{load_project, save_project};
use crate::model::{DocumentQuery, Project, Reanchored};

#[derive(Debug, clap::Args)]
pub struct ReanchorArgs {
    /// The project file (.ron).
    pub project: PathBuf,
    /// The document whose text changed: its title (case and surrounding space do not count), its id
    /// (or its first four characters or more), or its text hash.
    #[arg(long)]
    pub document: String,
    /// The new text of the document (.txt or .md).
    #[arg(long)]
    pub text: PathBuf,
    /// Where to write the re-anchored project; without it, only report what would move.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Overwrite the output if it exists (the old file is kept as OUTPUT.bak).
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// Exit 0 if every annotation was placed, 1 if some are orphans (they are kept, unmoved,
/// and listed) or on an error.
pub fn run(args: &ReanchorArgs) -> ExitCode {
    let mut out = String::new();
    let mut err = String::new();
    let ok = run_in(args, &mut out, &mut err);
    // A closed pipe (`stance reanchor … | head`) is not an error worth a panic.
    let _stdout = std::io::stdout().lock().write_all(out.as_bytes());
    let _stderr = std::io::stderr().lock().write_all(err.as_bytes());
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn run_in(args: &ReanchorArgs, out: &mut String, err: &mut String) -> bool {
    if let Some(output) = &args.output
        && output.exists()
        && !args.force
    {
        let _ = writeln!(
            err,
            "stance reanchor: {} exists; pass --force to overwrite it",
            output.display()
        );
        return false;
    }
    let mut project = match load_project(&args.project) {
        Ok(loaded) => loaded.project,
        Err(e) => {
            let _ = writeln!(err, "stance reanchor: {e}");
            return false;
        }
    };
    let document = match DocumentQuery::new(&args.document).resolve(&project) {
        Ok(id) => id,
        Err(e) => {
            let _ = writeln!(err, "stance reanchor: {e}");
            return false;
        }
    };
    let new_text = match read_article(&args.text) {
        Ok(doc) => doc.text,
        Err(e) => {
            let _ = writeln!(err, "stance reanchor: {e}");
            return false;
        }
    };
    let (result, edit) = match project.reanchor_document(document, &new_text, Utc::now()) {
        Ok(pair) => pair,
        Err(e) => {
            let _ = writeln!(err, "stance reanchor: {e}");
            return false;
        }
    };
    report(&project, &result, out);
    let Some(output) = &args.output else {
        let _ = writeln!(out, "nothing written (pass -o OUT.ron to write the result)");
        return result.orphans.is_empty();
    };
    if let Err(e) = project.apply(edit) {
        let _ = writeln!(err, "stance reanchor: {e}");
        return false;
    }
    if let Err(e) = save_project(output, &project) {
        let _ = writeln!(err, "stance reanchor: {e}");
        return false;
    }
    let _ = writeln!(out, "wrote {}", output.display());
    result.orphans.is_empty()
}

fn report(project: &Project, result: &Reanchored, out: &mut String) {
    let _ = writeln!(
        out,
        "placed {} ({} exactly, {} fuzzily); {}",
        counted(result.placed.len(), "annotation"),
        result.placed.len() - result.fuzzy_count(),
        result.fuzzy_count(),
        counted(result.orphans.len(), "orphan")
    );
    for p in &result.placed {
        let old_start = project
            .annotation(p.id)
            .and_then(|a| a.ranges.first())
            .map_or(0, |r| r.start);
        let new_start = p.ranges.first().map_or(0, |r| r.start);
        let mut line = format!(
            "placed {} chars {old_start} → {new_start}, confidence {:.2}: {}",
            p.id.short(),
            p.confidence,
            crate::model::elide(&p.quote)
        );
        if p.cue_lost > 0 {
            let _ = write!(line, " ({} lost)", counted(p.cue_lost, "cue range"));
        }
        let _ = writeln!(out, "{line}");
    }
    for o in &result.orphans {
        let _ = writeln!(
            out,
            "orphan {}: {}: {}",
            o.id.short(),
            o.reason,
            crate::model::elide(&o.quote)
        );
    }
}
