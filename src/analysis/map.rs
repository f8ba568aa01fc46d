//! [`PositionMap`]: actors (or their sides, [`RollUp`]) × issues, each cell the latest stance
//! on the issue, its history of marks by date, its counts and the evidence behind it; each
//! column its totals (moved, held) and the issue's agreements.

use std::collections::HashMap;
use std::ops::Range;

use super::history::{self, Agreement, StanceMark};
use super::{
    AnalysisFilter, DocumentPlace, Evidence, Lookup, RollUp, TagKind, When, admits_holders,
    affiliation_of, distinct_holders, distinct_issues,
};
use crate::model::{
    AGREEMENT, ActorId, Annotation, Derived, DocumentId, FastMap, IssueId, Project, Stance,
    name_key,
};

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
    fn finish(&mut self) {
        self.evidence.sort_by_key(|e| (e.when, e.position));
        self.latest = self.evidence.last().map(|e| e.when);
        let standing = self.evidence.iter().filter(|e| !e.is_retracted);
        self.stance = standing.clone().rev().find_map(|e| e.stance);
        self.is_conceded = standing.clone().any(|e| e.is_concession);
        self.history = history::history(&self.evidence);
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
    /// What built the map, kept to follow an edit ([`Self::follow`]).
    placer: Derived<Option<Placer>>,
}

/// Where a map puts statements: the project's issues and shown actors, each actor's group and
/// side, and the lookups of the pass. Built once per map and kept with it: an edit that only
/// replaces annotations leaves all of it true, so the map can follow such an edit
/// ([`PositionMap::follow`]) with the same rule that built it.
#[derive(Clone, Debug)]
struct Placer {
    lookup: Lookup,
    /// Each issue's column.
    columns: FastMap<IssueId, usize>,
    /// Actors whose group the filter admits, with their place in the project's actors.
    shown_actors: FastMap<ActorId, usize>,
    groups: FastMap<ActorId, Option<String>>,
    /// Each actor's side, looked up once per build rather than once per statement.
    sides: FastMap<ActorId, ActorId>,
}

/// Where one annotation counts in a map.
struct Placing {
    /// The evidence, if the filter admits the annotation.
    evidence: Option<Evidence>,
    /// The cells it is evidence in: places in the project's actors (the grid's rows before
    /// they are arranged) and columns.
    cells: Vec<(usize, usize)>,
}

impl Placer {
    fn new(project: &Project, filter: &AnalysisFilter) -> Self {
        Self {
            lookup: Lookup::new(project, filter),
            columns: (project.issues().iter().enumerate())
                .map(|(i, issue)| (issue.id, i))
                .rev() // the first of duplicate ids wins
                .collect(),
            shown_actors: (project.actors().iter().enumerate())
                .filter(|(_, a)| filter.admits_affiliation(affiliation_of(project, a.id)))
                .map(|(i, a)| (a.id, i))
                .rev()
                .collect(),
            groups: (project.actors().iter().rev())
                .map(|a| (a.id, affiliation_of(project, a.id).map(str::to_owned)))
                .collect(),
            sides: (project.actors().iter())
                .map(|a| (a.id, project.side_of(a.id)))
                .collect(),
        }
    }

    fn side_of(&self, holder: ActorId) -> ActorId {
        self.sides.get(&holder).copied().unwrap_or(holder)
    }

    /// Where `a` (at `position` in the project's annotations) counts. A joint statement counts
    /// for each of its holders, or once for each of their distinct sides.
    fn place(
        &self,
        a: &Annotation,
        position: usize,
        filter: &AnalysisFilter,
        last_document: &mut Option<(DocumentId, DocumentPlace)>,
    ) -> Placing {
        let mut placing = Placing {
            evidence: None,
            cells: Vec::new(),
        };
        let Some(evidence) = self
            .lookup
            .admitted_evidence(a, position, filter, last_document)
        else {
            return placing;
        };
        if !admits_holders(filter, a, |h| {
            self.groups.get(&h).and_then(|g| g.as_deref())
        }) {
            return placing;
        }
        placing.evidence = Some(evidence);
        // Row by row, in holder order, each row once; no list of rows is kept, as this runs
        // for every statement of the project.
        match filter.roll_up {
            RollUp::Actors => {
                for row in distinct_holders(a).filter_map(|h| self.shown_actors.get(&h).copied()) {
                    self.place_row(a, row, &mut placing.cells);
                }
            }
            RollUp::Sides => {
                let mut seen: Vec<usize> = Vec::new();
                for side in a.holders.iter().map(|&h| self.side_of(h)) {
                    let Some(&row) = self.shown_actors.get(&side) else {
                        continue;
                    };
                    if !seen.contains(&row) {
                        seen.push(row);
                        self.place_row(a, row, &mut placing.cells);
                    }
                }
            }
        }
        placing
    }

    /// The cells of `a`'s issues in `row`.
    fn place_row(&self, a: &Annotation, row: usize, cells: &mut Vec<(usize, usize)>) {
        for issue in distinct_issues(a) {
            if let Some(&column) = self.columns.get(&issue) {
                cells.push((row, column));
            }
        }
    }
}

impl PositionMap {
    /// Derives the map in one pass over the annotations.
    #[must_use]
    pub fn build(project: &Project, filter: &AnalysisFilter) -> Self {
        let placer = Placer::new(project, filter);
        let width = project.issues().len();
        let mut grid: Vec<Cell> = vec![Cell::default(); project.actors().len() * width];
        let mut map = Self {
            roll_up: filter.roll_up,
            issues: project.issues().iter().map(|i| i.id).collect(),
            issue_names: project.issues().iter().map(|i| i.name.clone()).collect(),
            agreements: history::agreements(project, &placer.lookup, filter),
            ..Self::default()
        };
        let mut last_document = None;
        for (position, a) in project.annotations().iter().enumerate() {
            let placing = placer.place(a, position, filter, &mut last_document);
            let Some(evidence) = placing.evidence else {
                continue;
            };
            map.admitted += 1;
            map.unplaced += usize::from(placing.cells.is_empty());
            for (row, column) in placing.cells {
                let issue = map.issues[column];
                grid[row * width + column].add(evidence.on_issue(a, issue));
            }
        }
        grid.iter_mut().for_each(Cell::finish);
        map.arrange_rows(project, filter, grid, width, &|h| placer.side_of(h));
        map.count_totals();
        map.placer = Derived(Some(placer));
        map
    }

    /// Each column's moved and held rows.
    fn count_totals(&mut self) {
        self.totals = (0..self.issues.len())
            .map(|column| {
                let column = (0..self.rows.len()).filter_map(|row| self.cell(row, column));
                ColumnTotals {
                    moved: column.clone().filter(|c| c.moved()).count(),
                    held: column.filter(|c| c.held()).count(),
                }
            })
            .collect();
    }

    /// Brings a map of the project as it was before its last edit up to date with it, when
    /// the edit only replaced the annotations `old` (as they were) without moving them (their
    /// stance, holders, issues, tag, dates…): only the cells they were in or are in now are
    /// derived again, by the rule that built them. Returns false when it cannot (a row would
    /// appear or go, an annotation moved, an agreement or a retracting statement changed):
    /// the map is then half done and must be built again.
    pub(crate) fn follow(
        &mut self,
        project: &Project,
        filter: &AnalysisFilter,
        old: &[Annotation],
    ) -> bool {
        let Some(placer) = self.placer.0.take() else {
            return false;
        };
        let followed = self.follow_with(&placer, project, filter, old);
        self.placer = Derived(Some(placer));
        followed
    }

    fn follow_with(
        &mut self,
        placer: &Placer,
        project: &Project,
        filter: &AnalysisFilter,
        old: &[Annotation],
    ) -> bool {
        // A batch that replaced one statement twice lists it twice: build again.
        let mut ids: Vec<_> = old.iter().map(|a| a.id).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            return false;
        }
        let width = self.issues.len();
        // The grid's rows are the shown actors' places; the map keeps only those with
        // statements.
        let row_of: HashMap<usize, usize> = (self.rows.iter().enumerate())
            .filter_map(|(row, r)| Some((*placer.shown_actors.get(&r.actor)?, row)))
            .collect();
        let cell_index =
            |(actor, column): (usize, usize)| row_of.get(&actor).map(|row| row * width + column);
        let mut touched: Vec<usize> = Vec::new();
        for before in old {
            let Some(position) = project.annotation_index(before.id) else {
                return false;
            };
            let Some(after) = project.annotations().get(position) else {
                return false;
            };
            if after.document != before.document
                || after.extent() != before.extent()
                || before.tag == AGREEMENT
                || after.tag == AGREEMENT
                || placer.lookup.is_retracting(before.id)
            {
                return false;
            }
            let was = placer.place(before, position, filter, &mut None);
            let is = placer.place(after, position, filter, &mut None);
            let (Some(was_cells), Some(is_cells)) = (
                was.cells
                    .iter()
                    .map(|&c| cell_index(c))
                    .collect::<Option<Vec<_>>>(),
                is.cells
                    .iter()
                    .map(|&c| cell_index(c))
                    .collect::<Option<Vec<_>>>(),
            ) else {
                return false;
            };
            for &cell in &was_cells {
                if let Some(c) = self.cells.get_mut(cell) {
                    c.evidence.retain(|e| e.annotation != before.id);
                }
            }
            if let Some(evidence) = &is.evidence {
                for (&cell, &(_, column)) in is_cells.iter().zip(&is.cells) {
                    if let Some(c) = self.cells.get_mut(cell) {
                        c.evidence
                            .push(evidence.on_issue(after, self.issues[column]));
                    }
                }
            }
            let counts = |p: &Placing| {
                (
                    usize::from(p.evidence.is_some()),
                    usize::from(p.evidence.is_some() && p.cells.is_empty()),
                )
            };
            let ((was_admitted, was_unplaced), (is_admitted, is_unplaced)) =
                (counts(&was), counts(&is));
            self.admitted = self.admitted + is_admitted - was_admitted;
            self.unplaced = self.unplaced + is_unplaced - was_unplaced;
            touched.extend(was_cells);
            touched.extend(is_cells);
        }
        touched.sort_unstable();
        touched.dedup();
        for cell in touched {
            let Some(c) = self.cells.get_mut(cell) else {
                return false;
            };
            let evidence = std::mem::take(&mut c.evidence);
            *c = Cell::default();
            evidence.into_iter().for_each(|e| c.add(e));
            c.finish();
        }
        // A row left without statements is no longer shown: build again.
        let has_empty_row = (0..self.rows.len()).any(|row| {
            (self.cells.get(row * width..(row + 1) * width))
                .is_none_or(|cells| cells.iter().all(Cell::is_empty))
        });
        if has_empty_row {
            return false;
        }
        self.count_totals();
        true
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
