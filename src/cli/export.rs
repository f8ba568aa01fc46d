//! `stance export PROJECT.ron --format F [-o OUT] [--tags a,b] [--document ID] [--holder NAME]
//! [--raw] [--excel] [--force]`.
//!
//! Without `-o`, single-file formats go to standard output; brat needs a folder.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::analysis::wording::counted;
use crate::io::export::{ExportFormat, ExportOptions, ExportOutput, export};
use crate::io::{LoadedProject, load_project};
use crate::model::{ActorId, DocumentQuery, Project};

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The project file (.ron).
    pub project: PathBuf,
    /// csv, json, jsonl, md, brat or w3c.
    #[arg(short, long, value_parser = parse_format)]
    pub format: ExportFormat,
    /// The file to write (a folder for brat). Without it, the export goes to standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Only these tags (keys, comma-separated), e.g. `claim,position`.
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,
    /// Only this document: its title (case and surrounding space do not count), its id
    /// (or its first four characters or more), or its text hash.
    #[arg(long)]
    pub document: Option<String>,
    /// Only annotations held by this actor (name or alias, case-insensitive).
    #[arg(long)]
    pub holder: Option<String>,
    /// CSV: write cells as they are, without the spreadsheet formula guard.
    #[arg(long)]
    pub raw: bool,
    /// CSV: start with a UTF-8 byte order mark for Excel.
    #[arg(long)]
    pub excel: bool,
    /// Replace an existing output file.
    #[arg(long)]
    pub force: bool,
}

fn parse_format(name: &str) -> Result<ExportFormat, String> {
    ExportFormat::parse(name).ok_or_else(|| {
        let names: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.key()).collect();
        format!(
            "unknown format {name:?}; choose one of {}",
            names.join(", ")
        )
    })
}

pub fn run(args: &ExportArgs) -> ExitCode {
    match run_export(args) {
        Ok(message) => {
            if let Some(message) = message {
                eprintln!("{message}");
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("stance export: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_export(args: &ExportArgs) -> Result<Option<String>, String> {
    let LoadedProject {
        project, problems, ..
    } = load_project(&args.project).map_err(|e| e.to_string())?;
    if !problems.is_empty() {
        eprintln!(
            "stance export: warning: {} has {}; run `stance validate` to list them",
            args.project.display(),
            counted(problems.len(), "problem")
        );
    }
    let options = ExportOptions {
        format: args.format,
        tags: args
            .tags
            .iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect(),
        document: args
            .document
            .as_deref()
            .map(|d| DocumentQuery::new(d).resolve(&project))
            .transpose()
            .map_err(|e| e.to_string())?,
        holder: args
            .holder
            .as_deref()
            .map(|h| find_holder(&project, h))
            .transpose()?,
        raw: args.raw,
        excel: args.excel,
    };
    let output = export(&project, &options).map_err(|e| e.to_string())?;
    let Some(path) = &args.output else {
        return write_stdout(&output).map(|()| None);
    };
    // `--force` is for old exports; an export over its own project would lose the work.
    if super::is_same_file(path, &args.project) {
        return Err(format!(
            "{} is the project being exported; choose another output",
            path.display()
        ));
    }
    output.write(path, args.force).map_err(|e| e.to_string())?;
    Ok(Some(describe(&output, path)))
}

fn write_stdout(output: &ExportOutput) -> Result<(), String> {
    let ExportOutput::File(bytes) = output else {
        return Err("brat writes a folder: give one with -o FOLDER".to_owned());
    };
    std::io::stdout()
        .lock()
        .write_all(bytes)
        .map_err(|e| format!("could not write to standard output: {e}"))
}

fn describe(output: &ExportOutput, path: &Path) -> String {
    match output {
        ExportOutput::File(bytes) => format!("wrote {} ({} bytes)", path.display(), bytes.len()),
        ExportOutput::Folder(files) => {
            format!("wrote {} files to {}", files.len(), path.display())
        }
    }
}

fn find_holder(project: &Project, name: &str) -> Result<ActorId, String> {
    project
        .actor_named(name.trim())
        .map(|a| a.id)
        .ok_or_else(|| {
            let known: Vec<&str> = project.actors().iter().map(|a| a.name.as_str()).collect();
            format!(
                "no actor called {name:?}; the project has: {}",
                known.join(", ")
            )
        })
}
