//! Markdown: an analyst's brief, per document grouped by issue (in the project's order, then
//! "No issue"), then by holder (in order of first appearance, unattributed last). An
//! annotation with several issues appears under each. Each entry shows the quote, its tag,
//! stance (with its condition), target and attribution, its note, and the annotations it
//! points at ("concedes to: “quote” (Holder)"), so a concession sits beside what it yields to.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::io::selection::{Selection, cue_text, document_date};
use crate::model::text::quoted;
use crate::model::{ActorId, Annotation, AnnotationId, Document, IssueId, Project, Relation};

/// The extension of a Markdown brief.
pub const MARKDOWN_EXTENSION: &str = "md";

pub(crate) fn export(selection: &Selection) -> Vec<u8> {
    let project = selection.project;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape_inline(project.title()));
    let total = selection.count();
    let _ = writeln!(
        out,
        "{total} annotation{} in {} document{}. Offsets are Unicode code points.\n",
        plural(total),
        selection.documents.len(),
        plural(selection.documents.len())
    );
    let mut outgoing: HashMap<AnnotationId, Vec<&Relation>> = HashMap::new();
    for r in selection.relations() {
        outgoing.entry(r.from).or_default().push(r);
    }
    for (doc, annotations) in &selection.documents {
        let _ = writeln!(out, "## {}\n", escape_inline(&doc.title));
        let mut meta = Vec::new();
        let date = document_date(doc);
        if !date.is_empty() {
            meta.push(date);
        }
        if let Some(source) = doc.source.as_deref().filter(|s| !s.is_empty()) {
            meta.push(escape_inline(source));
        }
        if !meta.is_empty() {
            let _ = writeln!(out, "*{}*\n", meta.join(" · "));
        }
        if annotations.is_empty() {
            out.push_str("No annotations.\n\n");
            continue;
        }
        // The project's issues in order, then annotations without a (known) issue.
        let mut groups: Vec<Option<IssueId>> = project
            .issues()
            .iter()
            .filter(|i| annotations.iter().any(|a| a.issues.contains(&i.id)))
            .map(|i| Some(i.id))
            .collect();
        let unknown = |a: &Annotation| !a.issues.iter().any(|i| project.issue(*i).is_some());
        if annotations.iter().any(|a| unknown(a)) {
            groups.push(None);
        }
        for group in groups {
            let in_group: Vec<&Annotation> = annotations
                .iter()
                .copied()
                .filter(|a| match group {
                    Some(issue) => a.issues.contains(&issue),
                    None => unknown(a),
                })
                .collect();
            let heading = match group.and_then(|i| project.issue(i)) {
                Some(issue) => escape_inline(&issue.name),
                None => "No issue".to_owned(),
            };
            let _ = writeln!(out, "### {heading}\n");
            write_holders(&mut out, project, doc, &in_group, &outgoing);
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out.into_bytes()
}

/// One issue's annotations, grouped by holder in order of first appearance; no holder last.
fn write_holders(
    out: &mut String,
    project: &Project,
    doc: &Document,
    annotations: &[&Annotation],
    outgoing: &HashMap<AnnotationId, Vec<&Relation>>,
) {
    let mut holders: Vec<Option<ActorId>> = Vec::new();
    for a in annotations {
        if a.holder.is_some() && !holders.contains(&a.holder) {
            holders.push(a.holder);
        }
    }
    if annotations.iter().any(|a| a.holder.is_none()) {
        holders.push(None);
    }
    for holder in holders {
        let heading = match holder.and_then(|h| project.actor(h)) {
            Some(actor) => match actor.affiliation.as_deref().filter(|s| !s.is_empty()) {
                Some(aff) => format!("{} ({})", escape_inline(&actor.name), escape_inline(aff)),
                None => escape_inline(&actor.name),
            },
            None => "No holder".to_owned(),
        };
        let _ = writeln!(out, "#### {heading}\n");
        for a in annotations.iter().filter(|a| a.holder == holder) {
            write_annotation(out, project, doc, a);
            for r in outgoing.get(&a.id).map_or(&[][..], Vec::as_slice) {
                write_relation(out, project, r);
            }
        }
    }
}

/// `concedes to: “quote” (Holder)`, with the relation's note.
fn write_relation(out: &mut String, project: &Project, r: &Relation) {
    let Some(to) = project.annotation(r.to) else {
        return;
    };
    let kind = project
        .schema()
        .relation_type(&r.kind)
        .map_or(r.kind.as_str(), |t| t.name.as_str())
        .to_lowercase();
    let holder = project.holder_name(to);
    let holder = if holder.is_empty() {
        String::new()
    } else {
        format!(" ({})", escape_inline(holder))
    };
    let _ = write!(
        out,
        "**{}:** {}{holder}",
        escape_inline(&kind),
        quoted(&escape_inline(&to.quote.replace(['\r', '\n'], " ")))
    );
    if let Some(note) = r.note.as_deref().filter(|n| !n.trim().is_empty()) {
        let _ = write!(
            out,
            " — {}",
            escape_inline(&note.replace(['\r', '\n'], " "))
        );
    }
    out.push_str("\n\n");
}

/// `Position · stance: conditional (if …) · toward: Russia · direct, cue “said”`.
fn annotation_facts(project: &Project, doc: &Document, a: &Annotation) -> String {
    let mut facts = vec![escape_inline(project.schema().name(&a.tag))];
    if let Some(stance) = a.stance {
        let mut fact = format!("stance: {stance}");
        if let Some(condition) = a.condition.as_deref().filter(|c| !c.trim().is_empty()) {
            let _ = write!(fact, " ({})", escape_inline(condition));
        }
        facts.push(fact);
    }
    let target = project.target_name(a);
    if !target.is_empty() {
        facts.push(format!("toward: {}", escape_inline(target)));
    }
    let cue = cue_text(doc, a);
    match (a.attribution, cue.is_empty()) {
        (Some(attribution), true) => facts.push(attribution.to_string()),
        (Some(attribution), false) => {
            facts.push(format!(
                "{attribution}, cue {}",
                quoted(&escape_inline(&cue))
            ));
        }
        (None, false) => facts.push(format!("cue {}", quoted(&escape_inline(&cue)))),
        (None, true) => {}
    }
    facts.join(" · ")
}

fn write_annotation(out: &mut String, project: &Project, doc: &Document, a: &Annotation) {
    // Fragments of a discontinuous span read as one quote with an ellipsis between them.
    let fragments: Option<Vec<&str>> = a.ranges.iter().map(|r| doc.slice(*r)).collect();
    let quote = match fragments {
        Some(fragments) if fragments.len() > 1 => fragments.join(" … "),
        _ => a.quote.clone(),
    };
    for line in quote.split('\n') {
        let line = escape_line(line);
        if line.is_empty() {
            out.push_str(">\n");
        } else {
            let _ = writeln!(out, "> {line}");
        }
    }
    let ranges: Vec<String> = a
        .ranges
        .iter()
        .map(|r| format!("{}–{}", r.start, r.end))
        .collect();
    let _ = writeln!(
        out,
        "\n*{} · chars {}*\n",
        annotation_facts(project, doc, a),
        ranges.join(", ")
    );
    if let Some(note) = a.note.as_deref().filter(|n| !n.trim().is_empty()) {
        let lines: Vec<String> = note.lines().map(escape_line).collect();
        let _ = writeln!(out, "**Note:** {}\n", lines.join("  \n"));
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Escapes the characters that would turn plain text into Markdown markup.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Like [`escape_inline`], on one line: line breaks become spaces, so the text cannot end a
/// table row or a list item.
pub(crate) fn escape_one_line(text: &str) -> String {
    escape_inline(&text.replace(['\n', '\r'], " "))
}

/// Like [`escape_inline`], and also a leading list or heading marker.
fn escape_line(line: &str) -> String {
    let escaped = escape_inline(line);
    if escaped.starts_with(['-', '+', '=']) {
        return format!("\\{escaped}");
    }
    match escaped.split_once(". ") {
        Some((n, rest)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => {
            format!("{n}\\. {rest}")
        }
        _ => escaped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape_inline("a *b* [c]"), "a \\*b\\* \\[c\\]");
        assert_eq!(escape_line("- item"), "\\- item");
        assert_eq!(escape_line("12. Point"), "12\\. Point");
        assert_eq!(escape_line("In 2025. Yes"), "In 2025. Yes");
        assert_eq!(escape_one_line("a | b\r\nc"), "a \\| b  c");
    }
}
