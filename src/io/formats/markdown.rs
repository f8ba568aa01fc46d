//! Markdown: an analyst's brief, per document grouped by holder and then by tag.

use std::fmt::Write as _;

use crate::io::export::{Selection, document_date};
use crate::model::{ActorId, Annotation, Document};

/// The extension of a Markdown brief.
pub const MARKDOWN_EXTENSION: &str = "md";

pub(crate) fn export(selection: &Selection) -> Vec<u8> {
    let project = selection.project;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape_inline(&project.title));
    let total = selection.count();
    let _ = writeln!(
        out,
        "{total} annotation{} in {} document{}. Offsets are Unicode code points.\n",
        plural(total),
        selection.documents.len(),
        plural(selection.documents.len())
    );
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
        // Holders in order of their first annotation in the text; unattributed ones last.
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
            let _ = writeln!(out, "### {heading}\n");
            let held: Vec<&&Annotation> =
                annotations.iter().filter(|a| a.holder == holder).collect();
            let mut tags: Vec<&str> = project
                .schema
                .tags
                .iter()
                .map(|t| t.key.as_str())
                .filter(|k| held.iter().any(|a| a.tag == *k))
                .collect();
            // Tags missing from the schema still appear, after the known ones.
            for a in &held {
                if !tags.contains(&a.tag.as_str()) {
                    tags.push(&a.tag);
                }
            }
            for tag in tags {
                let _ = writeln!(out, "#### {}\n", escape_inline(project.schema.name(tag)));
                for a in held.iter().filter(|a| a.tag == tag) {
                    write_annotation(&mut out, doc, a);
                }
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out.into_bytes()
}

fn write_annotation(out: &mut String, doc: &Document, a: &Annotation) {
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
    let _ = writeln!(out, "\n*chars {}*\n", ranges.join(", "));
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
    }
}
