//! `stance docs PROJECT.ron`: every document with its properties (the Document Properties of
//! the app); `stance docs PROJECT.ron --set DOC field=value…` changes them, in place (the old
//! file is kept as `PROJECT.ron.bak`).
//!
//! Fields: `title`, `date` (`2016-09-06`, or as articles write it: `6 September 2016`),
//! `outlet`, `author`, `url` (the document's source), `language`. An empty value clears a
//! field; a document keeps its title.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::project_cmds::Report;
use crate::io::formats::article::dates::parse_date_text;
use crate::io::{load_project, save_project};
use crate::model::{Document, DocumentMeta, DocumentQuery};

#[derive(Debug, clap::Args)]
pub struct DocsArgs {
    /// The project file (.ron).
    pub project: PathBuf,
    /// Change one document: its title, id (or its first four characters or more) or text
    /// hash, then `field=value` pairs (title, date, outlet, author, url, language; an empty
    /// value clears the field).
    #[arg(long, num_args = 2.., value_names = ["DOC", "FIELD=VALUE"])]
    pub set: Option<Vec<String>>,
}

/// Exit 0 on success, 1 on an error (nothing written).
pub fn run(args: &DocsArgs) -> ExitCode {
    let mut report = Report::default();
    match run_in(args, &mut report.out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            let _ = writeln!(report.err, "stance docs: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run_in(args: &DocsArgs, out: &mut String) -> Result<(), String> {
    let loaded = load_project(&args.project).map_err(|e| e.to_string())?;
    let mut project = loaded.project;
    let Some(set) = &args.set else {
        for doc in project.documents() {
            write_document(out, doc);
        }
        return Ok(());
    };
    let Some((wanted, assignments)) = set.split_first() else {
        return Err("--set needs a document and field=value pairs".to_owned());
    };
    let id = DocumentQuery::new(wanted)
        .resolve(&project)
        .map_err(|e| e.to_string())?;
    let mut meta = project
        .document(id)
        .map(Document::meta)
        .ok_or_else(|| format!("no document {wanted:?}"))?;
    for assignment in assignments {
        assign(&mut meta, assignment)?;
    }
    let edit = project.set_document_meta(id, meta);
    project.apply(edit).map_err(|e| e.to_string())?;
    save_project(&args.project, &project).map_err(|e| e.to_string())?;
    if let Some(doc) = project.document(id) {
        write_document(out, doc);
    }
    Ok(())
}

/// Sets one `field=value` of `meta`.
fn assign(meta: &mut DocumentMeta, assignment: &str) -> Result<(), String> {
    let Some((field, value)) = assignment.split_once('=') else {
        return Err(format!(
            "{assignment:?} is not field=value (fields: {FIELDS})"
        ));
    };
    let value = value.trim();
    let text = (!value.is_empty()).then(|| value.to_owned());
    match field.trim().to_lowercase().as_str() {
        "title" => meta.title = value.to_owned(),
        "date" => meta.date = parse_date(value)?,
        "outlet" => meta.outlet = text,
        "author" => meta.author = text,
        "url" | "source" => meta.source = text,
        "language" => meta.language = text,
        other => return Err(format!("unknown field {other:?} (fields: {FIELDS})")),
    }
    Ok(())
}

const FIELDS: &str = "title, date, outlet, author, url, language";

fn parse_date(value: &str) -> Result<Option<NaiveDate>, String> {
    if value.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .or_else(|| parse_date_text(value))
        .map(Some)
        .ok_or_else(|| format!("{value:?} is not a date; write it as YYYY-MM-DD"))
}

/// `1a2b3c4d  2016-09-06  The Geneva Ledger  Envoys Press for Truce`, then the author, URL
/// and language when set.
fn write_document(out: &mut String, doc: &Document) {
    let date = doc
        .date
        .map_or_else(|| "----------".to_owned(), |d| d.to_string());
    let outlet = doc.outlet.as_deref().unwrap_or("-");
    let _ = writeln!(out, "{}  {date}  {outlet}  {}", doc.id.short(), doc.title);
    let extra: Vec<String> = [
        ("author", doc.author.as_deref()),
        ("source", doc.source.as_deref()),
        ("language", doc.language.as_deref()),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.map(|v| format!("{name}: {v}")))
    .collect();
    if !extra.is_empty() {
        let _ = writeln!(out, "          {}", extra.join("; "));
    }
}
