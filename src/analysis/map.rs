//! [`PositionMap`]: actors (or their sides, [`RollUp`]) × issues, each cell the latest stance
//! on the issue, its history of marks by date, its counts and the evidence behind it; each
//! column its totals (moved, held) and the issue's agreements.

use std::collections::HashMap;
use std::ops::Range;

use super::history::{self, Agreement, StanceMark};
use super::{
    AnalysisFilter, Evidence, Lookup, RollUp, TagKind, When, admits_holders, affiliation_of,
    distinct_holders, distinct_issues,
};
use crate::model::{ActorId, IssueId, Project, Stance, name_key};

/// One row: an actor, or a side when the map rolls up to sides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub actor: ActorId,
    pub name: String,
    pub affiliation: Option<String>,
    /// The side the row's actor speaks for (the root of its side chain; itself if none).
    pub side: ActorId,
}

/// How many rows of a column moved and how many held ([`Cell::moved`], [`Cell::held`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ColumnTotals {
    pub moved: usize,
    pub held: usize,
}

/// Consecutive rows of one affiliation, when the map is grouped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// `None` for actors without an affiliation (listed last).
    pub affiliation: Option<String>,
    pub rows: Range<usize>,
}

/// Where one actor stands on one issue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// The latest stance given, ignoring retracted statements.
    pub stance: Option<Stance>,
    pub claims: usize,
    pub positions: usize,
    pub concessions: usize,
    /// Annotations of other tags.
    pub others: usize,
    /// The actor gave ground on the issue: a concession (or a `concedes-to` link) it has not
    /// retracted.
    pub is_conceded: bool,
    /// The latest statement.
    pub latest: Option<When>,
    /// Every statement, in time order.
    pub evidence: Vec<Evidence>,
    /// The stance's history: the statements with a stance (and concessions, agreements,
    /// retracted statements) as marks, in time order.
    pub history: Vec<StanceMark>,
}

impl Cell {
    /// Annotations counted in the cell.
    #[must_use]
    pub fn total(&self) -> usize {
        self.claims + self.positions + self.concessions + self.others
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.evidence.is_empty()
    }

    /// True if the stance held: at least two dated statements of it, and no change or
    /// concession.
    #[must_use]
    pub fn held(&self) -> bool {
        history::held(&self.history)
    }

    /// True if the stance moved: a change or a concession.
    #[must_use]
    pub fn moved(&self) -> bool {
        self.history.iter().any(StanceMark::is_move)
    }

    fn add(&mut self, evidence: Evidence) {
        match evidence.kind {
            TagKind::Claim => self.claims += 1,
            TagKind::Position => self.positions += 1,
            TagKind::Concession => self.concessions += 1,
            TagKind::Agreement | TagKind::Other => self.others += 1,
        }
        self.evidence.push(evidence);
    }

    /// Orders the evidence and derives the latest stance, date and concession mark.
    fn finish(&mut self, lookup: &Lookup) {
        self.evidence.sort_by_key(|e| (e.when, e.position));
        self.latest = self.evidence.last().map(|e| e.when);
        let standing = self.evidence.iter().filter(|e| !e.is_retracted);
        self.stance = standing.clone().rev().find_map(|e| e.stance);
        self.is_conceded = standing
            .clone()
            .any(|e| e.kind == TagKind::Concession || lookup.concedes_to(e.annotation).is_some());
        self.history = history::history(&self.evidence, lookup);
    }
}

/// Actors (or sides) × issues for one project state and filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PositionMap {
    /// What the rows are.
    pub roll_up: RollUp,
    /// Actors (or sides) with at least one statement on an issue, in display order.
    pub rows: Vec<Row>,
    /// Every issue of the project, in its order.
    pub issues: Vec<IssueId>,
    /// Issue names, parallel to `issues`.
    pub issue_names: Vec<String>,
    /// Row-major, `rows.len() * issues.len()`.
    cells: Vec<Cell>,
    /// Filled when grouping by affiliation.
    pub groups: Vec<Group>,
    /// Annotations inside the filter.
    pub admitted: usize,
    /// Annotations inside the filter that no cell holds: no holder, or no issue.
    pub unplaced: usize,
    /// Per column, parallel to `issues`.
    totals: Vec<ColumnTotals>,
    /// Each issue's agreements inside the filter's dates, in time order.
    agreements: HashMap<IssueId, Vec<Agreement>>,
}

impl PositionMap {
    /// Derives the map in one pass over the annotations.
    #[must_use]
    pub fn build(project: &Project, filter: &AnalysisFilter) -> Self {
        let lookup = Lookup::new(project, filter);
        let columns: HashMap<IssueId, usize> = (project.issues().iter().enumerate())
            .map(|(i, issue)| (issue.id, i))
            .rev() // the first of duplicate ids wins
            .collect();
        let shown_actors: HashMap<ActorId, usize> = (project.actors().iter().enumerate())
            .filter(|(_, a)| filter.admits_affiliation(affiliation_of(project, a.id)))
            .map(|(i, a)| (a.id, i))
            .rev()
            .collect();
        let affiliations: HashMap<ActorId, Option<&str>> = (project.actors().iter().rev())
            .map(|a| (a.id, affiliation_of(project, a.id)))
            .collect();
        // Each actor's side, looked up once per build rather than once per statement.
        let sides: HashMap<ActorId, ActorId> = (project.actors().iter())
            .map(|a| (a.id, project.side_of(a.id)))
            .collect();
        let side_of = |h: ActorId| sides.get(&h).copied().unwrap_or(h);
        let width = project.issues().len();
        let mut grid: Vec<Cell> = vec![Cell::default(); project.actors().len() * width];
        let mut map = Self {
            roll_up: filter.roll_up,
            issues: project.issues().iter().map(|i| i.id).collect(),
            issue_names: project.issues().iter().map(|i| i.name.clone()).collect(),
            agreements: history::agreements(project, &lookup, filter),
            ..Self::default()
        };
        let mut rows_of_statement: Vec<usize> = Vec::new();
        let mut last_document = None;
        for (position, a) in project.annotations().iter().enumerate() {
            let Some(evidence) = lookup.admitted_evidence(a, position, filter, &mut last_document)
            else {
                continue;
            };
            if !admits_holders(filter, a, |h| affiliations.get(&h).copied().flatten()) {
                continue;
            }
            map.admitted += 1;
            let mut is_placed = false;
            // A joint statement counts for each of its holders, or once for each of their
            // distinct sides.
            rows_of_statement.clear();
            match filter.roll_up {
                RollUp::Actors => rows_of_statement
                    .extend(distinct_holders(a).filter_map(|h| shown_actors.get(&h).copied())),
                RollUp::Sides => {
                    for side in a.holders.iter().map(|&h| side_of(h)) {
                        let Some(&row) = shown_actors.get(&side) else {
                            continue;
                        };
                        if !rows_of_statement.contains(&row) {
                            rows_of_statement.push(row);
                        }
                    }
                }
            }
            for &row in &rows_of_statement {
                for issue in distinct_issues(a) {
                    if let Some(&column) = columns.get(&issue) {
                        grid[row * width + column].add(evidence.on_issue(a, issue));
                        is_placed = true;
                    }
                }
            }
            map.unplaced += usize::from(!is_placed);
        }
        grid.iter_mut().for_each(|c| c.finish(&lookup));
        map.arrange_rows(project, filter, grid, width, &side_of);
        map.totals = (0..width)
            .map(|column| {
                let column = (0..map.rows.len()).filter_map(|row| map.cell(row, column));
                ColumnTotals {
                    moved: column.clone().filter(|c| c.moved()).count(),
                    held: column.filter(|c| c.held()).count(),
                }
            })
            .collect();
        map
    }

    /// Keeps the actors with statements, in display order, and groups them if asked.
    fn arrange_rows(
        &mut self,
        project: &Project,
        filter: &AnalysisFilter,
        mut grid: Vec<Cell>,
        width: usize,
        side_of: &dyn Fn(ActorId) -> ActorId,
    ) {
        let mut order: Vec<usize> = (0..project.actors().len())
            .filter(|&i| {
                grid[i * width..(i + 1) * width]
                    .iter()
                    .any(|c| !c.is_empty())
            })
            .collect();
        let affiliation = |i: usize| {
            project
                .actors()
                .get(i)
                .and_then(|a| affiliation_of(project, a.id))
        };
        let is_grouped = filter.group_by_affiliation && filter.roll_up == RollUp::Actors;
        if is_grouped {
            // Actors without an affiliation come last; the sort is stable, so project order
            // stays inside a group.
            order.sort_by_key(|&i| (affiliation(i).is_none(), affiliation(i).map(name_key)));
        }
        for &i in &order {
            let Some(actor) = project.actors().get(i) else {
                continue;
            };
            self.rows.push(Row {
                actor: actor.id,
                name: actor.name.clone(),
                affiliation: affiliation(i).map(str::to_owned),
                side: side_of(actor.id),
            });
            self.cells.extend(
                grid[i * width..(i + 1) * width]
                    .iter_mut()
                    .map(std::mem::take),
            );
        }
        if is_grouped {
            for (row, r) in self.rows.iter().enumerate() {
                match self.groups.last_mut() {
                    Some(g)
                        if g.affiliation.as_deref().map(name_key)
                            == r.affiliation.as_deref().map(name_key) =>
                    {
                        g.rows.end = row + 1;
                    }
                    _ => self.groups.push(Group {
                        affiliation: r.affiliation.clone(),
                        rows: row..row + 1,
                    }),
                }
            }
        }
    }

    /// The cell of a row and a column; `None` outside the map.
    #[must_use]
    pub fn cell(&self, row: usize, column: usize) -> Option<&Cell> {
        if column >= self.issues.len() {
            return None;
        }
        self.cells.get(row * self.issues.len() + column)
    }

    /// The moved/held totals of a column; zero outside the map.
    #[must_use]
    pub fn totals(&self, column: usize) -> ColumnTotals {
        self.totals.get(column).copied().unwrap_or_default()
    }

    /// The agreements on an issue inside the filter's dates, in time order: from the first
    /// one's date on, the issue is agreed between its sides. Empty if it is not agreed.
    #[must_use]
    pub fn agreed(&self, issue: IssueId) -> &[Agreement] {
        self.agreements.get(&issue).map_or(&[], Vec::as_slice)
    }

    /// The row of an actor, if it has one.
    #[must_use]
    pub fn row_of(&self, actor: ActorId) -> Option<usize> {
        self.rows.iter().position(|r| r.actor == actor)
    }

    /// The column of an issue.
    #[must_use]
    pub fn column_of(&self, issue: IssueId) -> Option<usize> {
        self.issues.iter().position(|&i| i == issue)
    }

    /// Every cell with its row and column, row by row.
    pub fn cells(&self) -> impl Iterator<Item = (usize, usize, &Cell)> + '_ {
        let width = self.issues.len().max(1);
        self.cells
            .iter()
            .enumerate()
            .map(move |(i, c)| (i / width, i % width, c))
    }

    /// Every cell where the actor conceded, in time order of the concession.
    #[must_use]
    pub fn concessions(&self) -> Vec<(usize, usize, &Evidence)> {
        let mut out: Vec<(usize, usize, &Evidence)> = self
            .cells()
            .flat_map(|(row, column, cell)| {
                cell.evidence
                    .iter()
                    .filter(|e| e.kind == TagKind::Concession)
                    .map(move |e| (row, column, e))
            })
            .collect();
        out.sort_by_key(|(row, column, e)| (e.when, e.position, *row, *column));
        out
    }
}
