//! The report as JSON, for scripts: the position map with each cell's history, the rounds,
//! the Moves ledger between two rounds (rows with `side`, `issue`, `from`, `to`, `kind`,
//! `evidence`, what a concession answers, its terms and condition), the held pairs, the
//! agreed issues, the brief and the links with both ends named. Field order is fixed by
//! the structs below, so the same project always gives the same bytes.

use chrono::NaiveDate;
use serde::Serialize;

use super::{ReportData, ReportError};
use crate::analysis::{MarkKind, StanceAt, StanceMark, stance_word};
use crate::model::{AnnotationId, RoundSpan, Stance};

/// The version of this JSON's shape; bumped when a field changes meaning or goes.
const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    report: &'static str,
    version: u32,
    title: &'a str,
    period: Period,
    rounds: Vec<RoundOut<'a>>,
    compared: Option<Compared<'a>>,
    brief: Option<BriefOut<'a>>,
    map: MapOut<'a>,
    moves: Vec<MoveOut<'a>>,
    held: Vec<HeldOut<'a>>,
    agreed: Vec<AgreedOut<'a>>,
    links: Vec<LinkOut<'a>>,
}

#[derive(Serialize)]
struct Period {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

#[derive(Serialize)]
struct RoundOut<'a> {
    id: String,
    name: &'a str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    /// Document ids, for a round of documents.
    #[serde(skip_serializing_if = "Option::is_none")]
    documents: Option<Vec<String>>,
}

#[derive(Serialize)]
struct Compared<'a> {
    /// The earlier round; `null`: since the start of the talks.
    from: Option<&'a str>,
    to: &'a str,
}

#[derive(Serialize)]
struct BriefOut<'a> {
    text: &'a str,
    /// True if the analyst edited it; false for the draft.
    edited: bool,
}

#[derive(Serialize)]
struct MapOut<'a> {
    issues: Vec<&'a str>,
    rows: Vec<RowOut<'a>>,
}

#[derive(Serialize)]
struct RowOut<'a> {
    actor: &'a str,
    side: Option<&'a str>,
    cells: Vec<CellOut<'a>>,
}

#[derive(Serialize)]
struct CellOut<'a> {
    issue: &'a str,
    stance: Option<&'static str>,
    conceded: bool,
    claims: usize,
    positions: usize,
    concessions: usize,
    /// Two or more statements of one stance and no move.
    held: bool,
    history: Vec<MarkOut>,
}

/// One mark of a cell's stance history ([`crate::analysis::StanceMark`]), in time order.
#[derive(Serialize)]
struct MarkOut {
    date: Option<NaiveDate>,
    stance: Option<&'static str>,
    /// `first`, `same`, `change`, `concession`, `agreement` or `retracted`.
    kind: &'static str,
    /// The stance before, for a `change`.
    #[serde(skip_serializing_if = "Option::is_none")]
    changed_from: Option<&'static str>,
    evidence: String,
}

#[derive(Serialize)]
struct StanceOut {
    stance: Option<&'static str>,
    date: Option<NaiveDate>,
    evidence: String,
}

impl From<StanceAt> for StanceOut {
    fn from(at: StanceAt) -> Self {
        Self {
            stance: at.stance.map(Stance::as_str),
            date: at.date,
            evidence: at.evidence.to_string(),
        }
    }
}

#[derive(Serialize)]
struct MoveOut<'a> {
    side: &'a str,
    issue: String,
    from: Option<StanceOut>,
    to: StanceOut,
    kind: &'static str,
    evidence: Vec<String>,
    answers: Option<StatementOut<'a>>,
    terms: Vec<StatementOut<'a>>,
    condition: Option<&'a str>,
    conditional_on: Vec<StatementOut<'a>>,
}

#[derive(Serialize)]
struct HeldOut<'a> {
    side: &'a str,
    issue: String,
    stance: StanceOut,
    reaffirmed: Vec<String>,
}

#[derive(Serialize)]
struct AgreedOut<'a> {
    issue: String,
    sides: Vec<&'a str>,
    date: Option<NaiveDate>,
    evidence: String,
}

/// A statement named by its holders, quote and date.
#[derive(Serialize)]
struct StatementOut<'a> {
    id: String,
    holders: Vec<&'a str>,
    quote: &'a str,
    date: Option<String>,
}

#[derive(Serialize)]
struct LinkOut<'a> {
    kind: &'a str,
    from: StatementOut<'a>,
    to: StatementOut<'a>,
}

fn mark_out(mark: &StanceMark) -> MarkOut {
    let (kind, changed_from) = match mark.kind {
        MarkKind::First => ("first", None),
        MarkKind::Same => ("same", None),
        MarkKind::Change { from } => ("change", Some(stance_word(from))),
        MarkKind::Concession => ("concession", None),
        MarkKind::Agreement => ("agreement", None),
        MarkKind::Retracted => ("retracted", None),
    };
    MarkOut {
        date: mark.when.date,
        stance: mark.stance.map(Stance::as_str),
        kind,
        changed_from,
        evidence: mark.evidence.to_string(),
    }
}

/// The map's rows, each non-empty cell with its history.
fn map_rows<'a>(data: &'a ReportData<'_>) -> Vec<RowOut<'a>> {
    let project = data.project;
    let map = &data.map;
    let actor = |id| project.actor(id).map_or("", |a| a.name.as_str());
    (map.rows.iter().enumerate())
        .map(|(row, r)| RowOut {
            actor: actor(r.actor),
            side: project
                .actor(project.side_of(r.actor))
                .filter(|s| s.id != r.actor)
                .map(|s| s.name.as_str()),
            cells: (0..map.issues.len())
                .filter_map(|column| {
                    let cell = map.cell(row, column).filter(|c| !c.is_empty())?;
                    Some(CellOut {
                        issue: map.issue_names.get(column).map_or("", String::as_str),
                        stance: cell.stance.map(Stance::as_str),
                        conceded: cell.is_conceded,
                        claims: cell.claims,
                        positions: cell.positions,
                        concessions: cell.concessions,
                        held: cell.held(),
                        history: cell.history.iter().map(mark_out).collect(),
                    })
                })
                .collect(),
        })
        .collect()
}

/// The rounds in time order.
fn rounds_out(project: &crate::model::Project) -> Vec<RoundOut<'_>> {
    (crate::analysis::rounds_in_order(project).into_iter())
        .map(|r| {
            let (from, to, documents) = match &r.span {
                RoundSpan::Dates { from, to } => (Some(*from), Some(*to), None),
                RoundSpan::Documents(docs) => (
                    None,
                    None,
                    Some(docs.iter().map(ToString::to_string).collect()),
                ),
            };
            RoundOut {
                id: r.id.to_string(),
                name: r.name.as_str(),
                from,
                to,
                documents,
            }
        })
        .collect()
}

pub(super) fn write(data: &ReportData<'_>) -> Result<Vec<u8>, ReportError> {
    let project = data.project;
    let actor = |id| project.actor(id).map_or("", |a| a.name.as_str());
    let statement = |id: AnnotationId| -> StatementOut<'_> {
        let a = project.annotation(id);
        StatementOut {
            id: id.to_string(),
            holders: a.map_or_else(Vec::new, |a| a.holders.iter().map(|&h| actor(h)).collect()),
            quote: a.map_or("", |a| a.quote.as_str()),
            date: a
                .and_then(|a| project.statement_date(a))
                .map(|d| d.to_string()),
        }
    };
    let map = &data.map;
    let rows = map_rows(data);
    let rounds = rounds_out(project);
    let round_name = |id| project.round(id).map_or("", |r| r.name.as_str());
    let ledger = data.moves.as_ref();
    let report = Report {
        report: "stance position report",
        version: VERSION,
        title: project.title(),
        period: Period {
            from: data.filter.from,
            to: data.filter.to,
        },
        rounds,
        compared: ledger.and_then(|m| {
            Some(Compared {
                from: m.from.map(round_name),
                to: round_name(m.to?),
            })
        }),
        brief: data.brief.as_ref().map(|(text, edited)| BriefOut {
            text,
            edited: *edited,
        }),
        map: MapOut {
            issues: map.issue_names.iter().map(String::as_str).collect(),
            rows,
        },
        moves: ledger.map_or_else(Vec::new, |l| {
            (l.moves.iter())
                .map(|m| MoveOut {
                    side: actor(m.side),
                    issue: project.issue_name(m.issue),
                    from: m.from.map(StanceOut::from),
                    to: m.to.into(),
                    kind: m.kind.as_str(),
                    evidence: m.evidence.iter().map(ToString::to_string).collect(),
                    answers: m.answers.map(statement),
                    terms: m.terms.iter().map(|&t| statement(t)).collect(),
                    condition: m.condition.as_deref(),
                    conditional_on: m.conditional_on.iter().map(|&c| statement(c)).collect(),
                })
                .collect()
        }),
        held: ledger.map_or_else(Vec::new, |l| {
            (l.held.iter())
                .map(|h| HeldOut {
                    side: actor(h.side),
                    issue: project.issue_name(h.issue),
                    stance: h.stance.into(),
                    reaffirmed: h.reaffirmed.iter().map(ToString::to_string).collect(),
                })
                .collect()
        }),
        agreed: ledger.map_or_else(Vec::new, |l| {
            (l.agreed.iter())
                .map(|a| AgreedOut {
                    issue: project.issue_name(a.issue),
                    sides: a.sides.iter().map(|&s| actor(s)).collect(),
                    date: a.date,
                    evidence: a.evidence.to_string(),
                })
                .collect()
        }),
        links: (data.links().into_iter())
            .map(|(kind, from, to)| LinkOut {
                kind,
                from: statement(from),
                to: statement(to),
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&report)?;
    bytes.push(b'\n');
    Ok(bytes)
}
