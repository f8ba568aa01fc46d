//! `stance eval`: scores one annotated source against another of the same texts (see
//! [`crate::attribution::evaluation`] for the measures).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::attribution::evaluation::{Item, evaluate};
use crate::io::{import_paths, load_project};
use crate::model::{Project, text_hash};

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The reference annotations: a project (.ron) or a brat folder.
    #[arg(long)]
    pub gold: PathBuf,
    /// The annotations to score: a project (.ron) or a brat folder.
    #[arg(long)]
    pub pred: PathBuf,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
}

/// A project file, or anything `stance import` reads (a brat folder).
fn load_source(path: &Path) -> Result<Project, String> {
    let is_project = path.is_file()
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    if is_project {
        let loaded = load_project(path).map_err(|e| e.to_string())?;
        return Ok(loaded.project);
    }
    let mut project = Project::new(String::new());
    import_paths(&[path.to_path_buf()], &mut project).map_err(|e| e.to_string())?;
    Ok(project)
}

/// Every annotation as an item, its document named by the text's hash so the same text
/// matches across sources.
fn items(project: &Project) -> Vec<Item> {
    project
        .annotations()
        .iter()
        .map(|a| Item {
            document: project
                .document(a.document)
                .map(|d| text_hash(&d.text))
                .unwrap_or_default(),
            ranges: a.ranges.clone(),
            speaker: a
                .holder
                .and_then(|h| project.actor(h))
                .map(|actor| actor.names().map(str::to_owned).collect())
                .unwrap_or_default(),
            attribution: a.attribution,
        })
        .collect()
}

pub fn run(args: &EvalArgs) -> ExitCode {
    let fail = |message: String| {
        eprintln!("stance eval: {message}");
        ExitCode::FAILURE
    };
    let gold = match load_source(&args.gold) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let pred = match load_source(&args.pred) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let shared = gold.documents().iter().any(|g| {
        pred.documents()
            .iter()
            .any(|p| text_hash(&p.text) == text_hash(&g.text))
    });
    if !shared {
        return fail(format!(
            "{} and {} share no text; eval compares annotations of the same articles",
            args.gold.display(),
            args.pred.display()
        ));
    }
    let evaluation = evaluate(&items(&gold), &items(&pred));
    let text = if args.json {
        match serde_json::to_string_pretty(&evaluation) {
            Ok(json) => json + "\n",
            Err(e) => return fail(e.to_string()),
        }
    } else {
        evaluation.to_text()
    };
    // A closed pipe (`stance eval … | head`) leaves no one to tell.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    ExitCode::SUCCESS
}
