//! The report as Markdown that reads well on GitHub: the map as a table, the concessions
//! and the timeline as lists, escaped by the Markdown format's rules.

use std::fmt::Write as _;

use super::{ReportData, date_text};
use crate::analysis::wording::counted;
use crate::analysis::{Cell, stance_word};
use crate::io::formats::markdown::escape_one_line;

pub(super) fn write(data: &ReportData<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Position report: {}\n",
        escape_one_line(data.project.title())
    );
    let _ = writeln!(
        out,
        "Period: {}. {} looked at; {}.\n",
        data.period(),
        counted(data.map.admitted, "annotation"),
        super::unplaced_line(data.map.unplaced)
    );
    write_moves(&mut out, data);
    write_map(&mut out, data);
    write_concessions(&mut out, data);
    write_timeline(&mut out, data);
    write_links(&mut out, data);
    out
}

fn write_map(out: &mut String, data: &ReportData<'_>) {
    let map = &data.map;
    out.push_str("## Position map\n\n");
    if map.rows.is_empty() || map.issues.is_empty() {
        out.push_str("No actor has a statement on an issue.\n\n");
        return;
    }
    out.push_str(
        "Each cell: the actor's latest stance on the issue, then its claims / positions / \
         concessions; **conceded** where the actor gave ground.\n\n",
    );
    out.push_str("| Actor | Affiliation |");
    for name in &map.issue_names {
        let _ = write!(out, " {} |", escape_one_line(name));
    }
    out.push_str("\n|---|---|");
    out.push_str(&"---|".repeat(map.issues.len()));
    out.push('\n');
    for (row, actor) in map.rows.iter().enumerate() {
        let _ = write!(
            out,
            "| {} | {} |",
            escape_one_line(&actor.name),
            escape_one_line(actor.affiliation.as_deref().unwrap_or(""))
        );
        for column in 0..map.issues.len() {
            let text = map.cell(row, column).map_or_else(String::new, cell_text);
            let _ = write!(out, " {text} |");
        }
        out.push('\n');
    }
    out.push('\n');
}

/// `for · 0/2/1 · **conceded**`, or empty for an empty cell.
fn cell_text(cell: &Cell) -> String {
    if cell.is_empty() {
        return String::new();
    }
    let mut text = format!(
        "{} · {}/{}/{}",
        stance_word(cell.stance),
        cell.claims,
        cell.positions,
        cell.concessions
    );
    if cell.is_conceded {
        text.push_str(" · **conceded**");
    }
    text
}

fn write_concessions(out: &mut String, data: &ReportData<'_>) {
    out.push_str("## Concessions\n\n");
    let lines = data.concessions();
    if lines.is_empty() {
        out.push_str("No concessions.\n\n");
        return;
    }
    for line in lines {
        let _ = write!(
            out,
            "- {} · **{}** on {}: “{}”",
            date_text(line.date),
            escape_one_line(line.actor),
            escape_one_line(line.issue),
            escape_one_line(line.quote)
        );
        if let Some(to) = line.concedes_to {
            let _ = write!(out, " (concedes to “{}”)", escape_one_line(to));
        }
        out.push('\n');
    }
    out.push('\n');
}

fn write_timeline(out: &mut String, data: &ReportData<'_>) {
    let timeline = &data.timeline;
    out.push_str("## Timeline\n\n");
    if timeline.marks.is_empty() {
        out.push_str("No dated statements on an issue.\n");
    }
    for (row, r) in timeline.rows.iter().enumerate() {
        let _ = writeln!(out, "### {}\n", escape_one_line(&r.label));
        for (_, mark) in timeline.marks_in_row(row) {
            let e = &mark.evidence;
            let _ = writeln!(
                out,
                "- {} · {} · {} · {}: “{}”",
                mark.date,
                escape_one_line(data.actor_name(mark.holder)),
                escape_one_line(data.project.schema().name(e.tag(data.project))),
                stance_word(e.stance),
                escape_one_line(e.quote(data.project))
            );
        }
        out.push('\n');
    }
    if timeline.undated > 0 {
        let _ = writeln!(out, "{}", super::undated_line(timeline.undated));
    }
}

/// The brief, then the ledger: one line per move with its dates, what it answers, its terms
/// and condition; then what was agreed and who held.
fn write_moves(out: &mut String, data: &ReportData<'_>) {
    let Some(ledger) = &data.moves else {
        return;
    };
    let project = data.project;
    let round = |id| project.round(id).map_or("?", |r| r.name.as_str());
    let _ = writeln!(
        out,
        "## Moves: {} → {}\n",
        escape_one_line(ledger.from.map_or("the start of the talks", round)),
        escape_one_line(ledger.to.map_or("?", round))
    );
    if let Some((brief, _)) = &data.brief {
        let _ = writeln!(out, "{}\n", escape_one_line(brief));
    }
    let actor = |id| project.actor(id).map_or("?", |a| a.name.as_str());
    if ledger.moves.is_empty() {
        out.push_str("No side moved between these rounds.\n\n");
    } else {
        out.push_str(
            "| Side | Issue | Move | From | To | Answers, terms, condition | Evidence |\n",
        );
        out.push_str("|---|---|---|---|---|---|---|\n");
        for m in &ledger.moves {
            let from = ReportData::move_from(m);
            let notes = data.move_notes(m);
            let evidence: Vec<String> = (m.evidence.iter())
                .map(|&e| {
                    format!(
                        "“{}”",
                        project.annotation(e).map_or("", |a| a.quote.as_str())
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} ({}) | {} | {} |",
                escape_one_line(actor(m.side)),
                escape_one_line(&project.issue_name(m.issue)),
                m.kind.as_str(),
                from,
                stance_word(m.to.stance),
                date_text(m.to.date),
                escape_one_line(&notes.join("; ")),
                escape_one_line(&evidence.join(" "))
            );
        }
        out.push('\n');
    }
    for a in &ledger.agreed {
        let sides: Vec<String> = a.sides.iter().map(|&s| actor(s).to_owned()).collect();
        let _ = writeln!(
            out,
            "- Agreed: **{}** between {} on {}",
            escape_one_line(&project.issue_name(a.issue)),
            escape_one_line(&crate::analysis::issue_list(&sides)),
            date_text(a.date)
        );
    }
    for h in &ledger.held {
        let _ = writeln!(
            out,
            "- Held: {} on {}, {} since {}",
            escape_one_line(actor(h.side)),
            escape_one_line(&project.issue_name(h.issue)),
            stance_word(h.stance.stance),
            date_text(h.stance.date)
        );
    }
    if !ledger.agreed.is_empty() || !ledger.held.is_empty() {
        out.push('\n');
    }
}

/// Every link, both ends named by holder, date and quote.
fn write_links(out: &mut String, data: &ReportData<'_>) {
    let links = data.links();
    if links.is_empty() {
        return;
    }
    out.push_str("\n## Links\n\n");
    for (kind, from, to) in links {
        let _ = writeln!(
            out,
            "- {} **{}** {}",
            escape_one_line(&data.statement_line(from)),
            escape_one_line(data.project.schema().relation_name(kind)).to_lowercase(),
            escape_one_line(&data.statement_line(to))
        );
    }
}
