//! `stance validate` and `stance stats`.
//!
//! Output goes through [`Report`], which ignores a closed pipe (`stance validate … | head`)
//! instead of panicking as `println!` would.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::analysis::wording::counted;
use crate::io::{
    LoadedProject, ProblemLocator, load_project, load_project_from_str, read_project_text,
};
use crate::model::{ActorId, Annotation, IssueId, Project, ProjectIndex};

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Project files (.ron) to check.
    #[arg(required = true)]
    pub projects: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// The project file (.ron) to count.
    pub project: PathBuf,
}

/// Text for stdout and stderr, written at once; write errors (a closed pipe) are ignored
/// because there is no one left to tell.
#[derive(Default)]
pub(super) struct Report {
    pub(super) out: String,
    pub(super) err: String,
}

impl Drop for Report {
    fn drop(&mut self) {
        let _stdout = std::io::stdout().lock().write_all(self.out.as_bytes());
        let _stderr = std::io::stderr().lock().write_all(self.err.as_bytes());
    }
}

pub fn validate(args: &ValidateArgs) -> ExitCode {
    let mut report = Report::default();
    let mut is_all_valid = true;
    for path in &args.projects {
        is_all_valid &= validate_one(path, &mut report.out);
    }
    if is_all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Checks one file, writing a summary line or every problem; returns true if it is valid.
fn validate_one(path: &Path, out: &mut String) -> bool {
    let loaded = read_project_text(path).and_then(|text| {
        Ok((
            load_project_from_str(&path.display().to_string(), &text)?,
            text,
        ))
    });
    let (loaded, text) = match loaded {
        Ok(pair) => pair,
        Err(e) => {
            let _ = writeln!(out, "{e}");
            return false;
        }
    };
    if !loaded.project.conflicts().is_empty() {
        // A merge left decisions open: the file opens, but the work is not finished.
        for conflict in loaded.project.conflicts() {
            let _ = writeln!(
                out,
                "{}: unresolved merge conflict: {conflict}",
                path.display()
            );
        }
        let _ = writeln!(
            out,
            "{}: {}; decide {} in the compare view (Ctrl+3)",
            path.display(),
            counted(
                loaded.project.conflicts().len(),
                "unresolved merge conflict"
            ),
            if loaded.project.conflicts().len() == 1 {
                "it"
            } else {
                "them"
            }
        );
    }
    if loaded.problems.is_empty() {
        if !loaded.project.conflicts().is_empty() {
            return false;
        }
        let _ = writeln!(
            out,
            "{}: ok: {}",
            path.display(),
            one_line_summary(&loaded.project)
        );
        return true;
    }
    let locator = ProblemLocator::new(&text);
    let mut located: Vec<_> = loaded
        .problems
        .iter()
        .map(|p| (locator.locate(p), p))
        .collect();
    located.sort_by_key(|(at, _)| at.map(|p| (p.line, p.col)));
    for (at, problem) in located {
        match at {
            Some(at) => {
                let _ = writeln!(out, "{}:{at}: {problem}", path.display());
            }
            None => {
                let _ = writeln!(out, "{}: {problem}", path.display());
            }
        }
    }
    let _ = writeln!(
        out,
        "{}: {}; the project opens in \"needs repair\" mode",
        path.display(),
        counted(loaded.problems.len(), "problem")
    );
    false
}

fn one_line_summary(project: &Project) -> String {
    let index = project.index();
    let tags: Vec<String> = (project.schema().tags.iter())
        .map(|t| format!("{} {}", index.tag_count(&t.key), t.name.to_lowercase()))
        .collect();
    format!(
        "{:?}, {}, {} ({}), {}",
        project.title(),
        counted(project.documents().len(), "document"),
        counted(project.annotations().len(), "annotation"),
        tags.join(", "),
        counted(project.actors().len(), "actor")
    )
}

pub fn stats(args: &StatsArgs) -> ExitCode {
    let mut report = Report::default();
    let LoadedProject {
        project, problems, ..
    } = match load_project(&args.project) {
        Ok(loaded) => loaded,
        Err(e) => {
            let _ = writeln!(report.err, "{e}");
            return ExitCode::FAILURE;
        }
    };
    if !problems.is_empty() {
        let _ = writeln!(
            report.err,
            "{}: warning: {}; counts include broken annotations (see `stance validate`)",
            args.project.display(),
            counted(problems.len(), "problem")
        );
    }
    report.out = stats_tables(&project);
    ExitCode::SUCCESS
}

/// The three tables of `stance stats`: per document, per tag and per holder, with a column per
/// tag where it helps.
fn stats_tables(project: &Project) -> String {
    let index = project.index();
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", project.title());
    document_table(&mut out, project, index);
    tag_table(&mut out, project, index);
    holder_table(&mut out, project, index);
    issue_table(&mut out, project);
    out
}

/// A header of `first` columns followed by one column per tag.
fn header_with_tags<'a>(project: &'a Project, first: &[&'a str]) -> Vec<&'a str> {
    let mut header = first.to_vec();
    header.extend(project.schema().tags.iter().map(|t| t.name.as_str()));
    header
}

/// A row's per-tag counts, in schema order.
fn counts_per_tag(project: &Project, annotations: &[&Annotation]) -> Vec<String> {
    project
        .schema()
        .tags
        .iter()
        .map(|t| {
            let n = annotations.iter().filter(|a| a.tag == t.key).count();
            n.to_string()
        })
        .collect()
}

fn document_table(out: &mut String, project: &Project, index: &ProjectIndex) {
    let header = header_with_tags(project, &["Document", "Chars", "Annotations"]);
    let mut rows = Vec::new();
    for doc in project.documents() {
        let mut row = vec![
            doc.title.clone(),
            doc.len_chars().to_string(),
            index.document_count(doc.id).to_string(),
        ];
        row.extend(
            (project.schema().tags.iter())
                .map(|t| index.document_tag_count(doc.id, &t.key).to_string()),
        );
        rows.push(row);
    }
    push_table(out, &header, &rows);
}

fn tag_table(out: &mut String, project: &Project, index: &ProjectIndex) {
    let total = project.annotations().len();
    let mut rows = Vec::new();
    for tag in &project.schema().tags {
        let n = index.tag_count(&tag.key);
        rows.push(vec![tag.name.clone(), n.to_string(), percent(n, total)]);
    }
    let unknown: usize = index
        .tag_counts()
        .filter(|(tag, _)| project.schema().get(tag).is_none())
        .map(|(_, n)| n)
        .sum();
    if unknown > 0 {
        rows.push(vec![
            "(unknown tag)".to_owned(),
            unknown.to_string(),
            percent(unknown, total),
        ]);
    }
    rows.push(vec![
        "Total".to_owned(),
        total.to_string(),
        percent(total, total),
    ]);
    push_table(out, &["Tag", "Annotations", "Share"], &rows);
}

/// Rows in the project's actor order, then holders that are not actors, then no holder.
fn holder_table(out: &mut String, project: &Project, index: &ProjectIndex) {
    // One pass, in canonical order: the table lists every annotation anyway.
    let mut by_holder: HashMap<ActorId, Vec<&Annotation>> = HashMap::new();
    let mut unheld = Vec::new();
    for a in project.iter_annotations() {
        // A joint statement is listed under each of its holders.
        let mut seen = HashSet::new();
        for &holder in a.holders.iter().filter(|&&h| seen.insert(h)) {
            by_holder.entry(holder).or_default().push(a);
        }
        if a.holders.is_empty() {
            unheld.push(a);
        }
    }
    let held: Vec<Vec<&Annotation>> = (project.actors().iter())
        .map(|actor| by_holder.get(&actor.id).cloned().unwrap_or_default())
        .collect();
    let mut dangling: BTreeMap<String, Vec<&Annotation>> = BTreeMap::new();
    for (id, anns) in &by_holder {
        if index.actor_position(*id).is_none() {
            let name = format!("(missing actor {})", id.short());
            dangling.entry(name).or_default().extend(anns);
        }
    }
    let header = header_with_tags(project, &["Holder", "Affiliation", "Annotations"]);
    let mut rows = Vec::new();
    let mut push_row = |name: String, affiliation: String, anns: &[&Annotation]| {
        let mut row = vec![name, affiliation, anns.len().to_string()];
        row.extend(counts_per_tag(project, anns));
        rows.push(row);
    };
    for (actor, anns) in project.actors().iter().zip(&held) {
        // The side the actor speaks for (or its affiliation text), as the views group it.
        let affiliation = crate::analysis::affiliation_of(project, actor.id)
            .unwrap_or_default()
            .to_owned();
        push_row(actor.name.clone(), affiliation, anns);
    }
    for (name, anns) in &dangling {
        push_row(name.clone(), String::new(), anns);
    }
    if !unheld.is_empty() {
        push_row("(no holder)".to_owned(), String::new(), &unheld);
    }
    push_table(out, &header, &rows);
}

/// Per issue: its annotations, by tag, and who holds them (in the project's actor order).
/// Then references to issues that do not exist, then annotations about no issue. Left out
/// for a project without issues (every format 1 project).
fn issue_table(out: &mut String, project: &Project) {
    let has_issues =
        !project.issues().is_empty() || project.annotations().iter().any(|a| !a.issues.is_empty());
    if !has_issues {
        return;
    }
    let mut about: HashMap<IssueId, Vec<&Annotation>> = HashMap::new();
    let mut about_none = Vec::new();
    for a in project.iter_annotations() {
        let mut seen = HashSet::new();
        for issue in a.issue_ids().filter(|&i| seen.insert(i)) {
            about.entry(issue).or_default().push(a);
        }
        if a.issues.is_empty() {
            about_none.push(a);
        }
    }
    let mut header = header_with_tags(project, &["Issue", "Annotations"]);
    header.push("Holders");
    let mut rows = Vec::new();
    let mut push_row = |name: String, anns: &[&Annotation]| {
        let mut row = vec![name, anns.len().to_string()];
        row.extend(counts_per_tag(project, anns));
        let holders: Vec<&str> = (project.actors().iter())
            .filter(|actor| anns.iter().any(|a| a.is_held_by(actor.id)))
            .map(|actor| actor.name.as_str())
            .collect();
        row.push(holders.join(", "));
        rows.push(row);
    };
    for issue in project.issues() {
        let anns = about.remove(&issue.id).unwrap_or_default();
        push_row(issue.name.clone(), &anns);
    }
    let mut missing: Vec<(IssueId, Vec<&Annotation>)> = about.into_iter().collect();
    missing.sort_by_key(|(id, _)| *id);
    for (id, anns) in missing {
        push_row(format!("(missing issue {})", id.short()), &anns);
    }
    if !about_none.is_empty() {
        push_row("(no issue)".to_owned(), &about_none);
    }
    push_table(out, &header, &rows);
}

fn percent(n: usize, total: usize) -> String {
    if total == 0 {
        return "-".to_owned();
    }
    let tenths = (n * 1000 + total / 2) / total;
    format!("{}.{}%", tenths / 10, tenths % 10)
}

/// Appends an aligned plain-text table: text columns left-aligned, numbers right-aligned.
fn push_table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let width = |i: usize| {
        rows.iter()
            .filter_map(|r| r.get(i))
            .map(|c| c.chars().count())
            .chain([header[i].chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..header.len()).map(width).collect();
    // Decided once per column: deciding per cell rescans every row for every cell.
    let is_numeric: Vec<bool> = (0..header.len())
        .map(|i| {
            rows.iter().filter_map(|r| r.get(i)).all(|c| {
                c.chars()
                    .all(|ch| ch.is_ascii_digit() || ch == '.' || ch == '%' || ch == '-')
            })
        })
        .collect();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (i, cell) in cells.enumerate() {
            let pad = widths
                .get(i)
                .map_or(0, |w| w.saturating_sub(cell.chars().count()));
            if i > 0 {
                text.push_str("  ");
            }
            if i > 0 && is_numeric.get(i) == Some(&true) {
                text.push_str(&" ".repeat(pad));
                text.push_str(cell);
            } else {
                text.push_str(cell);
                text.push_str(&" ".repeat(pad));
            }
        }
        let _ = writeln!(out, "{}", text.trim_end());
    };
    line(&mut header.iter().copied());
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&mut rule.iter().map(String::as_str));
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out.push('\n');
}
