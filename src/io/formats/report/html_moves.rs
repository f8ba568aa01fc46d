//! The HTML report's Moves section (the brief, the ledger, what was agreed, who held) and
//! its links section, both ends named by holder, date and quote.

use std::fmt::Write as _;

use super::{ReportData, date_text, html_escape as escape};
use crate::analysis::{issue_list, stance_word};

pub(super) fn write_moves(out: &mut String, data: &ReportData<'_>) {
    let Some(ledger) = &data.moves else {
        return;
    };
    let project = data.project;
    let round = |id| project.round(id).map_or("?", |r| r.name.as_str());
    let actor = |id| project.actor(id).map_or("?", |a| a.name.as_str());
    let _ = writeln!(
        out,
        "<h2>Moves: {} → {}</h2>",
        escape(ledger.from.map_or("the start of the talks", round)),
        escape(ledger.to.map_or("?", round))
    );
    if let Some((brief, _)) = &data.brief {
        let _ = writeln!(out, "<p class=\"brief\">{}</p>", escape(brief));
    }
    if ledger.moves.is_empty() {
        out.push_str("<p>No side moved between these rounds.</p>\n");
    } else {
        out.push_str(
            "<table>\n<tr><th>Side</th><th>Issue</th><th>Move</th><th>From</th><th>To</th>\
             <th>Answers, terms, condition</th><th>Evidence</th></tr>\n",
        );
        for m in &ledger.moves {
            let from = ReportData::move_from(m);
            let notes = data.move_notes(m);
            let notes: Vec<String> = notes.iter().map(|n| escape(n)).collect();
            let evidence: Vec<String> = (m.evidence.iter())
                .map(|&e| {
                    let quote = project.annotation(e).map_or("", |a| a.quote.as_str());
                    format!("“{}”", escape(quote))
                })
                .collect();
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} ({})</td><td>{}</td>\
                 <td>{}</td></tr>",
                escape(actor(m.side)),
                escape(&project.issue_name(m.issue)),
                m.kind.as_str(),
                from,
                stance_word(m.to.stance),
                date_text(m.to.date),
                notes.join("<br>"),
                evidence.join("<br>")
            );
        }
        out.push_str("</table>\n");
    }
    if ledger.agreed.is_empty() && ledger.held.is_empty() {
        return;
    }
    out.push_str("<ul>\n");
    for a in &ledger.agreed {
        let sides: Vec<String> = a.sides.iter().map(|&s| actor(s).to_owned()).collect();
        let _ = writeln!(
            out,
            "<li>Agreed: <strong>{}</strong> between {} on {}</li>",
            escape(&project.issue_name(a.issue)),
            escape(&issue_list(&sides)),
            date_text(a.date)
        );
    }
    for h in &ledger.held {
        let _ = writeln!(
            out,
            "<li>Held: {} on {}, {} since {}</li>",
            escape(actor(h.side)),
            escape(&project.issue_name(h.issue)),
            stance_word(h.stance.stance),
            date_text(h.stance.date)
        );
    }
    out.push_str("</ul>\n");
}

pub(super) fn write_links(out: &mut String, data: &ReportData<'_>) {
    let links = data.links();
    if links.is_empty() {
        return;
    }
    out.push_str("<h2>Links</h2>\n<ul>\n");
    for (kind, from, to) in links {
        let _ = writeln!(
            out,
            "<li>{} <strong>{}</strong> {}</li>",
            escape(&data.statement_line(from)),
            escape(&data.project.schema().relation_name(kind).to_lowercase()),
            escape(&data.statement_line(to))
        );
    }
    out.push_str("</ul>\n");
}
