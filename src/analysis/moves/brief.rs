//! [`draft_brief`]: the short summary a report opens with, drafted from the ledger, one
//! sentence per side ("Between Geneva and Moscow, Russia moved on 1 of 6 issues: peace
//! framework, against → conditional on 2 Dec (a concession answering United States'
//! position of 23 Nov); it held on territory."), then the agreements. The analyst edits it;
//! the edited text is kept in the project's briefs.

use chrono::NaiveDate;

use super::{Move, MoveKind, Moves};
use crate::analysis::stance_word;
use crate::model::{AnnotationId, Project};

/// The drafted brief of `moves`.
#[must_use]
pub fn draft_brief(project: &Project, moves: &Moves) -> String {
    let round_name = |id| {
        project
            .round(id)
            .map_or_else(|| "the round".to_owned(), |r| r.name.clone())
    };
    let Some(to) = moves.to else {
        return String::new();
    };
    let opening = match moves.from {
        Some(from) => format!("Between {} and {}", round_name(from), round_name(to)),
        None => format!("Up to the end of {}", round_name(to)),
    };
    let actor = |id| project.actor(id).map_or("?", |a| a.name.as_str());
    let mut sentences = Vec::new();
    for &(side, count) in &moves.sides {
        let moved: Vec<&Move> = moves.of_side(side).collect();
        let held: Vec<String> = moves
            .held_by(side)
            .map(|h| project.issue_name(h.issue))
            .collect();
        let issues = if count == 1 { "issue" } else { "issues" };
        let lead = if sentences.is_empty() {
            format!("{opening}, ")
        } else {
            String::new()
        };
        let mut sentence = if moved.is_empty() {
            format!("{lead}{} held on {}", actor(side), issue_list(&held))
        } else {
            let rows: Vec<String> = moved.iter().map(|m| move_phrase(project, m)).collect();
            let mut s = format!(
                "{lead}{} moved on {} of {count} {issues}: {}",
                actor(side),
                moved.len(),
                rows.join("; ")
            );
            if !held.is_empty() {
                s.push_str(&format!("; it held on {}", issue_list(&held)));
            }
            s
        };
        sentence.push('.');
        sentences.push(capitalized(&sentence));
    }
    if sentences.is_empty() {
        sentences.push(format!("{opening}, no side took a stance."));
    }
    for agreed in &moves.agreed {
        let sides: Vec<String> = agreed.sides.iter().map(|&s| actor(s).to_owned()).collect();
        sentences.push(format!(
            "{} was agreed between {}{}.",
            capitalized(&project.issue_name(agreed.issue)),
            issue_list(&sides),
            on_day(agreed.date)
        ));
    }
    sentences.join(" ")
}

/// One row in words: "peace framework, against → conditional on 2 Dec (a concession
/// answering …, in exchange for …, on condition that …)".
fn move_phrase(project: &Project, m: &Move) -> String {
    let issue = project.issue_name(m.issue);
    let change = match (m.kind, m.from) {
        (MoveKind::Agreement, _) => format!("agreed{}", on_day(m.to.date)),
        (_, Some(from)) if from.stance != m.to.stance => format!(
            "{} → {}{}",
            stance_word(from.stance),
            stance_word(m.to.stance),
            on_day(m.to.date)
        ),
        (_, Some(_)) => format!("still {}{}", stance_word(m.to.stance), on_day(m.to.date)),
        (_, None) => format!("new: {}{}", stance_word(m.to.stance), on_day(m.to.date)),
    };
    let mut notes = Vec::new();
    if m.kind == MoveKind::Concession {
        notes.push(match m.answers {
            Some(answers) => format!(
                "a concession answering {}",
                statement_name(project, answers)
            ),
            None => "a concession".to_owned(),
        });
    }
    let terms: Vec<String> = m
        .terms
        .iter()
        .map(|&t| statement_name(project, t))
        .collect();
    if !terms.is_empty() {
        notes.push(format!("in exchange for {}", issue_list(&terms)));
    }
    let mut conditions: Vec<String> = m.condition.iter().map(|c| format!("“{c}”")).collect();
    conditions.extend(m.conditional_on.iter().map(|&c| statement_name(project, c)));
    if !conditions.is_empty() {
        notes.push(format!("on condition of {}", issue_list(&conditions)));
    }
    if notes.is_empty() {
        format!("{issue}, {change}")
    } else {
        format!("{issue}, {change} ({})", notes.join(", "))
    }
}

/// A statement named by who made it, what it is and when: "United States' position of 23
/// Nov" (its first holder's side).
#[must_use]
pub fn statement_name(project: &Project, id: AnnotationId) -> String {
    let Some(a) = project.annotation(id) else {
        return "a statement no longer in the project".to_owned();
    };
    let holder = a
        .holders
        .first()
        .and_then(|&h| project.actor(project.side_of(h)))
        .map_or_else(|| "an unnamed source".to_owned(), |s| possessive(&s.name));
    let tag = project.schema().name(&a.tag).to_lowercase();
    let date = project
        .statement_date(a)
        .map(|d| format!(" of {}", short_label(d)))
        .unwrap_or_default();
    format!("{holder} {tag}{date}")
}

fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}’")
    } else {
        format!("{name}’s")
    }
}

/// " on 2 Dec", or nothing for an undated statement.
fn on_day(date: Option<NaiveDate>) -> String {
    date.map(|d| format!(" on {}", d.format("%-d %b")))
        .unwrap_or_default()
}

/// "2 Dec", "Oct 2025", "2025".
fn short_label(date: crate::model::PartialDate) -> String {
    match date {
        crate::model::PartialDate::Day(d) => d.format("%-d %b").to_string(),
        other => other.label(),
    }
}

/// "a", "a and b", "a, b and c".
#[must_use]
pub fn issue_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
