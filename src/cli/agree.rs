//! `stance agree A B [C…] [--tags …] [--document D] [--json]`: agreement between annotators,
//! each in their own project, or (one file) between the annotators of one project.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::analysis::wording::counted;
use crate::io::load_project;
use crate::model::DocumentQuery;
use crate::team::agreement::spans::SpanMatch;
use crate::team::agreement::{Agreement, Options, Study, agreement};

#[derive(Debug, clap::Args)]
pub struct AgreeArgs {
    /// One project per annotator; or one project, compared by each annotation's annotator.
    #[arg(required = true)]
    pub projects: Vec<PathBuf>,
    /// Only these tags (keys, comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,
    /// Only this shared document: its title (case and surrounding space do not count), its id
    /// (or its first four characters or more), or its text hash.
    #[arg(long)]
    pub document: Option<String>,
    /// Match spans for coding agreement by identical ranges instead of by overlap.
    #[arg(long)]
    pub exact: bool,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &AgreeArgs) -> ExitCode {
    match report(args) {
        Ok(text) => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("stance agree: {message}");
            ExitCode::FAILURE
        }
    }
}

fn report(args: &AgreeArgs) -> Result<String, String> {
    let mut projects = Vec::with_capacity(args.projects.len());
    for path in &args.projects {
        let loaded = load_project(path).map_err(|e| e.to_string())?;
        let name = path.file_stem().map_or_else(
            || path.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        projects.push((name, loaded.project));
    }
    let span_match = if args.exact {
        SpanMatch::Exact
    } else {
        SpanMatch::Overlap
    };
    let options = Options {
        tags: args.tags.clone(),
        document: args.document.as_deref().map(DocumentQuery::new),
    };
    let study = match projects.as_slice() {
        [(_, only)] => Study::of_annotators(only, &options),
        _ => {
            let named: Vec<_> = projects.iter().map(|(n, p)| (n.clone(), p)).collect();
            Study::of_projects(&named, &options)
        }
    }
    .map_err(|e| e.to_string())?;
    let figures = agreement(&study, span_match);
    if args.json {
        let mut text = serde_json::to_string_pretty(&figures).map_err(|e| e.to_string())?;
        text.push('\n');
        return Ok(text);
    }
    Ok(text_report(&figures))
}

fn num(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.4}"))
}

fn text_report(a: &Agreement) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}) on {}\n",
        counted(a.coders.len(), "annotator"),
        a.coders.join(", "),
        counted(a.documents.len(), "document")
    );
    let _ = writeln!(out, "Unitizing");
    for p in &a.pairs {
        let _ = writeln!(
            out,
            "  {} / {}: span F1 exact {} ({} of {}+{}), overlapping {} ({})",
            p.first,
            p.second,
            num(p.exact.f1),
            p.exact.matched,
            p.exact.first,
            p.exact.second,
            num(p.overlap.f1),
            p.overlap.matched
        );
    }
    for (tag, alpha) in &a.alpha_u {
        let _ = writeln!(out, "  αU {tag}: {}", num(*alpha));
    }
    let _ = writeln!(out, "  αU all tags: {}\n", num(a.alpha_u_overall));
    let _ = writeln!(out, "Coding, on matched spans");
    for p in &a.pairs {
        let _ = writeln!(
            out,
            "  {} / {}: Cohen's κ tag {} ({} units), holder {} ({} units)",
            p.first,
            p.second,
            num(p.kappa_tag),
            p.units_tag,
            num(p.kappa_holder),
            p.units_holder
        );
    }
    if a.coders.len() >= 3 {
        let _ = writeln!(
            out,
            "  Fleiss' κ tag {}, holder {} ({} units all annotators matched)",
            num(a.fleiss_tag),
            num(a.fleiss_holder),
            a.units.complete
        );
    }
    let _ = writeln!(
        out,
        "  Krippendorff's α tag {}, holder {}\n",
        num(a.alpha_tag),
        num(a.alpha_holder)
    );
    let u = &a.units;
    let _ = writeln!(
        out,
        "Units: {} spans, {} matched units ({} with holders); excluded {} unmatched and {} ambiguous spans, {} annotations outside the comparison",
        u.spans,
        u.matched,
        u.with_holders,
        u.excluded.unmatched,
        u.excluded.ambiguous,
        u.excluded_annotations
    );
    out
}
