//! [`PositionMap`]: actors × issues, each cell the actor's latest stance on the issue, its
//! counts and the evidence behind it.

use std::collections::HashMap;
use std::ops::Range;

use super::{AnalysisFilter, Evidence, Lookup, TagKind, When, affiliation_of, distinct_issues};
use crate::model::{ActorId, IssueId, Project, RETRACTS, Stance, name_key};

/// One actor's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub actor: ActorId,
    pub name: String,
    pub affiliation: Option<String>,
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

    fn add(&mut self, evidence: Evidence) {
        match evidence.kind {
            TagKind::Claim => self.claims += 1,
            TagKind::Position => self.positions += 1,
            TagKind::Concession => self.concessions += 1,
            TagKind::Other => self.others += 1,
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
    }
}

/// Where one annotation counts in a map: see [`PositionMap::place`].
struct Placing {
    /// Inside the filter.
    admitted: bool,
    /// Inside the filter but in no cell (no holder shown, or no issue).
    unplaced: bool,
    evidence: Option<Evidence>,
    /// The cells it is evidence in, as indices of `cells`.
    cells: Vec<usize>,
}

/// Actors × issues for one project state and filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PositionMap {
    /// Actors with at least one statement on an issue, in display order.
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
        let width = project.issues().len();
        let mut grid: Vec<Cell> = vec![Cell::default(); project.actors().len() * width];
        let mut map = Self {
            issues: project.issues().iter().map(|i| i.id).collect(),
            issue_names: project.issues().iter().map(|i| i.name.clone()).collect(),
            ..Self::default()
        };
        let mut last_document = None;
        for (position, a) in project.annotations().iter().enumerate() {
            let Some(evidence) = lookup.admitted_evidence(a, position, filter, &mut last_document)
            else {
                continue;
            };
            if !filter.affiliations.is_empty()
                && !filter.admits_affiliation(
                    a.holder
                        .and_then(|h| affiliations.get(&h).copied().flatten()),
                )
            {
                continue;
            }
            map.admitted += 1;
            let Some(row) = a.holder.and_then(|h| shown_actors.get(&h).copied()) else {
                map.unplaced += 1;
                continue;
            };
            let mut is_placed = false;
            for issue in distinct_issues(a) {
                if let Some(&column) = columns.get(&issue) {
                    grid[row * width + column].add(evidence.clone());
                    is_placed = true;
                }
            }
            map.unplaced += usize::from(!is_placed);
        }
        grid.iter_mut().for_each(|c| c.finish(&lookup));
        map.arrange_rows(project, filter, grid, width);
        map
    }

    /// Keeps the actors with statements, in display order, and groups them if asked.
    fn arrange_rows(
        &mut self,
        project: &Project,
        filter: &AnalysisFilter,
        mut grid: Vec<Cell>,
        width: usize,
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
        if filter.group_by_affiliation {
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
            });
            self.cells.extend(
                grid[i * width..(i + 1) * width]
                    .iter_mut()
                    .map(std::mem::take),
            );
        }
        if filter.group_by_affiliation {
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

    /// Brings a map built before an edit up to date with it, when the edit only replaced the
    /// annotations `old` (as they were) without moving them (their stance, holder, issues,
    /// tag…): only the cells they were in or are in now are derived again, not the whole
    /// project. Returns false when it cannot (a row would appear or go, an annotation moved,
    /// a retracting one left or entered the filter): the map is then left half done and must
    /// be built again.
    pub(crate) fn follow(
        &mut self,
        project: &Project,
        filter: &AnalysisFilter,
        old: &[crate::model::Annotation],
    ) -> bool {
        let lookup = Lookup::new(project, filter);
        let mut touched: Vec<usize> = Vec::new();
        for before in old {
            let Some(position) = project.annotation_index(before.id) else {
                return false;
            };
            let Some(after) = project.annotations().get(position) else {
                return false;
            };
            if after.document != before.document || after.extent() != before.extent() {
                return false;
            }
            // A retraction reaches another annotation's cell, as long as the retracting one
            // is inside the filter: its tag going in or out of the filter changes that cell.
            if filter.admits_tag(&before.tag) != filter.admits_tag(&after.tag)
                && (project.relations().iter()).any(|r| r.kind == RETRACTS && r.from == before.id)
            {
                return false;
            }
            let (Some(was), Some(is)) = (
                self.place(project, &lookup, filter, before, position),
                self.place(project, &lookup, filter, after, position),
            ) else {
                return false;
            };
            for &cell in &was.cells {
                if let Some(c) = self.cells.get_mut(cell) {
                    c.evidence.retain(|e| e.annotation != before.id);
                }
            }
            if let Some(evidence) = is.evidence {
                for &cell in &is.cells {
                    if let Some(c) = self.cells.get_mut(cell) {
                        c.evidence.push(evidence.clone());
                    }
                }
            }
            self.admitted = self.admitted + usize::from(is.admitted) - usize::from(was.admitted);
            self.unplaced = self.unplaced + usize::from(is.unplaced) - usize::from(was.unplaced);
            touched.extend(was.cells);
            touched.extend(is.cells);
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
            c.finish(&lookup);
        }
        // A row left without statements is no longer shown.
        let width = self.issues.len();
        (0..self.rows.len()).all(|row| {
            (self.cells.get(row * width..(row + 1) * width))
                .is_some_and(|cells| cells.iter().any(|c| !c.is_empty()))
        })
    }

    /// Where annotation `a` (at `position`) counts in this map, as [`Self::build`] places it;
    /// `None` if it would need a row the map does not have.
    fn place(
        &self,
        project: &Project,
        lookup: &Lookup,
        filter: &AnalysisFilter,
        a: &crate::model::Annotation,
        position: usize,
    ) -> Option<Placing> {
        let outside = Placing {
            admitted: false,
            unplaced: false,
            evidence: None,
            cells: Vec::new(),
        };
        let Some(evidence) = lookup.admitted_evidence(a, position, filter, &mut None) else {
            return Some(outside);
        };
        let holder_affiliation = a.holder.and_then(|h| affiliation_of(project, h));
        if !filter.affiliations.is_empty() && !filter.admits_affiliation(holder_affiliation) {
            return Some(outside);
        }
        let shown = (a.holder).filter(|&h| {
            project.actor(h).is_some() && filter.admits_affiliation(holder_affiliation)
        });
        let columns: Vec<usize> = distinct_issues(a)
            .filter_map(|issue| self.column_of(issue))
            .collect();
        let Some(holder) = shown.filter(|_| !columns.is_empty()) else {
            return Some(Placing {
                admitted: true,
                unplaced: true,
                evidence: Some(evidence),
                cells: Vec::new(),
            });
        };
        let row = self.row_of(holder)?;
        let width = self.issues.len();
        Some(Placing {
            admitted: true,
            unplaced: false,
            evidence: Some(evidence),
            cells: columns.into_iter().map(|c| row * width + c).collect(),
        })
    }

    /// The cell of a row and a column; `None` outside the map.
    #[must_use]
    pub fn cell(&self, row: usize, column: usize) -> Option<&Cell> {
        if column >= self.issues.len() {
            return None;
        }
        self.cells.get(row * self.issues.len() + column)
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
