//! `stance suggest`: the attribution engine's suggestions for a project's documents (those
//! not rejected and not already annotated, as the app shows them), printed tab-separated, and
//! with `-o` accepted (or rejected by type) into a copy of the project.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;

use crate::analysis::wording::counted;
use crate::attribution::{SpeakerMatch, Suggestion, Tier, pending_suggestions};
use crate::io::{LoadedProject, load_project, save_project};
use crate::model::{Attribution, Document, DocumentQuery, EditContext, Project};

/// The annotator recorded on annotations the command creates or fills in.
const ANNOTATOR: &str = "stance suggest";

#[derive(Debug, clap::Args)]
pub struct SuggestArgs {
    /// The project file (.ron) whose documents to analyse.
    pub project: PathBuf,
    /// Only this document: its title (case and surrounding space do not count), its id
    /// (or its first four characters or more), or its text hash.
    #[arg(long)]
    pub document: Option<String>,
    /// Write a project with the suggestions accepted as annotations.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Which suggestions `-o` accepts: high-confidence ones, medium and high, or all.
    #[arg(long, value_enum, default_value = "high")]
    pub accept: AcceptLevel,
    /// With `-o`: accept only suggestions that name their speaker (the app's "Accept all
    /// with a speaker").
    #[arg(long)]
    pub with_speaker: bool,
    /// With `-o`: reject every suggestion of this type instead (direct, indirect or
    /// paraphrase; repeatable); rejected suggestions are remembered and not suggested again.
    #[arg(long, value_name = "TYPE")]
    pub reject: Vec<Attribution>,
    /// Overwrite the output if it exists (the old file is kept as OUTPUT.bak).
    #[arg(long)]
    pub force: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AcceptLevel {
    High,
    Medium,
    All,
}

impl AcceptLevel {
    fn lowest(self) -> Tier {
        match self {
            Self::High => Tier::High,
            Self::Medium => Tier::Medium,
            Self::All => Tier::Low,
        }
    }
}

/// One tab-separated line: document, spans, speaker, type, tier, tag, reason.
fn line(project: &Project, doc: &Document, s: &Suggestion) -> String {
    let spans: Vec<String> = s.content.iter().map(ToString::to_string).collect();
    let speaker = match s.speaker.as_ref().map(|sp| &sp.actor) {
        Some(SpeakerMatch::Existing(id)) => project
            .actor(*id)
            .map_or("?", |a| a.name.as_str())
            .to_owned(),
        Some(SpeakerMatch::Proposed { name }) => format!("{name} (new)"),
        None => "-".to_owned(),
    };
    let reason = s.explain().replace(['\t', '\n'], " ");
    format!(
        "{}\t{}\t{speaker}\t{}\t{}\t{}\t{reason}",
        doc.title.replace(['\t', '\n'], " "),
        spans.join(","),
        s.attribution,
        s.tier,
        s.tag()
    )
}

pub fn run(args: &SuggestArgs) -> ExitCode {
    let mut out = String::new();
    let fail = |message: String| {
        eprintln!("stance suggest: {message}");
        ExitCode::FAILURE
    };
    let LoadedProject {
        mut project,
        problems,
        ..
    } = match load_project(&args.project) {
        Ok(loaded) => loaded,
        Err(e) => return fail(e.to_string()),
    };
    let documents: Vec<&Document> = match args.document.as_deref() {
        None => project.documents().iter().collect(),
        Some(wanted) => match DocumentQuery::new(wanted).select(project.documents()) {
            Ok(document) => vec![document],
            Err(e) => return fail(format!("{}: {e}", args.project.display())),
        },
    };
    let found: Vec<(usize, Vec<Suggestion>)> = documents
        .iter()
        .filter_map(|d| project.document_index(d.id))
        .map(|i| (i, pending_suggestions(&project, project.documents()[i].id)))
        .collect();
    for (i, suggestions) in &found {
        for s in suggestions {
            let _ = writeln!(out, "{}", line(&project, &project.documents()[*i], s));
        }
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    let Some(output) = &args.output else {
        return ExitCode::SUCCESS;
    };
    if !problems.is_empty() {
        return fail(format!(
            "{}: {}; repair the project before accepting suggestions (see `stance validate`)",
            args.project.display(),
            counted(problems.len(), "problem")
        ));
    }
    if output.exists() && !args.force {
        return fail(format!(
            "{} exists; pass --force to overwrite it",
            output.display()
        ));
    }
    let cx = EditContext::new(Some(ANNOTATOR), Utc::now());
    let lowest = args.accept.lowest();
    let (mut added, mut filled, mut new_actors, mut rejected) = (0, 0, 0, 0);
    for (i, suggestions) in found {
        let (refused, kept): (Vec<Suggestion>, Vec<Suggestion>) =
            (suggestions.into_iter()).partition(|s| args.reject.contains(&s.attribution));
        let chosen: Vec<Suggestion> = kept
            .into_iter()
            .filter(|s| s.tier >= lowest && (!args.with_speaker || s.speaker.is_some()))
            .collect();
        let id = project.documents()[i].id;
        let result = crate::attribution::reject_suggestions(&project, id, &refused)
            .and_then(|edit| project.apply(edit))
            .and_then(|_| crate::attribution::accept_suggestions(&project, id, &chosen, &cx))
            .and_then(|(edit, summary)| project.apply(edit).map(|_| summary));
        rejected += refused.len();
        match result {
            Ok(summary) => {
                added += summary.added;
                filled += summary.filled;
                new_actors += summary.new_actors.len();
            }
            Err(e) => return fail(format!("{}: {e}", project.documents()[i].title)),
        }
    }
    if let Err(e) = save_project(output, &project) {
        return fail(e.to_string());
    }
    eprintln!(
        "{}: {} added, {filled} filled in, {}, {rejected} rejected",
        output.display(),
        counted(added, "annotation"),
        counted(new_actors, "new actor")
    );
    ExitCode::SUCCESS
}
