//! [`Timeline`]: dated statements as marks, one row per issue and side (a lane: each issue has
//! one per side that spoke on it; or one row per actor), and the relations between them as
//! links.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{
    AnalysisFilter, Evidence, Lookup, admits_holders, affiliation_of, distinct_holders,
    distinct_issues,
};
use crate::model::{ActorId, AnnotationId, IssueId, Project, name_key};

/// What the timeline's rows are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TimelineRows {
    /// One row per issue (the reports' timeline).
    Issues,
    /// One lane per side for each issue.
    #[default]
    IssueLanes,
    Actors,
}

/// One row: an issue's lane for one side, or an actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineRow {
    pub label: String,
    pub issue: Option<IssueId>,
    /// The actor of an actor row, or the side of an issue's lane (`None`: no holder).
    pub actor: Option<ActorId>,
}

/// One statement on one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineMark {
    pub row: usize,
    pub date: NaiveDate,
    pub holder: Option<ActorId>,
    pub evidence: Evidence,
}

/// A relation between two marks (`from` *kind* `to`), by index into [`Timeline::marks`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineLink {
    pub from: usize,
    pub to: usize,
    pub kind: String,
}

/// Marks in time order and the links between them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timeline {
    pub rows_by: TimelineRows,
    /// Rows with at least one mark, in display order.
    pub rows: Vec<TimelineRow>,
    /// The distinct dates of the marks, ascending: the x axis.
    pub dates: Vec<NaiveDate>,
    /// In time order (date, document, offset), then by row.
    pub marks: Vec<TimelineMark>,
    pub links: Vec<TimelineLink>,
    /// Statements inside the filter that have no date, so no place on the axis.
    pub undated: usize,
    /// Per mark, how many marks of its row and date come before it (see [`Timeline::lanes`]).
    lanes: Vec<usize>,
}

impl Timeline {
    /// Derives the timeline in one pass over the annotations.
    #[must_use]
    pub fn build(project: &Project, filter: &AnalysisFilter, rows_by: TimelineRows) -> Self {
        let lookup = Lookup::new(project, filter);
        let affiliations: HashMap<ActorId, Option<&str>> = (project.actors().iter().rev())
            .map(|a| (a.id, affiliation_of(project, a.id)))
            .collect();
        let sides: HashMap<ActorId, ActorId> = (project.actors().iter())
            .map(|a| (a.id, project.side_of(a.id)))
            .collect();
        let candidates = candidate_rows(project, filter, rows_by, &affiliations);
        let slot: HashMap<RowKey, usize> = (candidates.iter().enumerate().rev())
            .map(|(i, (key, _))| (*key, i))
            .collect();
        let mut timeline = Self {
            rows_by,
            ..Self::default()
        };
        let mut marks: Vec<(usize, TimelineMark)> = Vec::new();
        for (position, a) in project.annotations().iter().enumerate() {
            if !lookup.admits(a, filter)
                || !admits_holders(filter, a, |h| affiliations.get(&h).copied().flatten())
            {
                continue;
            }
            let Some(evidence) = lookup.evidence(a, position) else {
                continue;
            };
            // Each mark: its row, the holder it shows, and the evidence with its stance on
            // the row's issue. A joint statement is a mark on each holder's row.
            let keys: Vec<(RowKey, Option<ActorId>, Evidence)> = match rows_by {
                TimelineRows::Issues => distinct_issues(a)
                    .map(|i| (RowKey::Issue(i), a.first_holder(), evidence.on_issue(a, i)))
                    .collect(),
                TimelineRows::IssueLanes => {
                    // One lane per side: a joint statement is a mark on each of its sides'
                    // lanes, shown with the first holder of that side.
                    let mut lanes: Vec<(Option<ActorId>, Option<ActorId>)> = Vec::new();
                    for h in distinct_holders(a) {
                        let side = sides.get(&h).copied().unwrap_or(h);
                        if !lanes.iter().any(|(s, _)| *s == Some(side)) {
                            lanes.push((Some(side), Some(h)));
                        }
                    }
                    if lanes.is_empty() {
                        lanes.push((None, None));
                    }
                    distinct_issues(a)
                        .flat_map(|i| {
                            let e = evidence.on_issue(a, i);
                            lanes
                                .iter()
                                .map(move |&(side, h)| (RowKey::Lane(i, side), h, e.clone()))
                        })
                        .collect()
                }
                TimelineRows::Actors => distinct_holders(a)
                    .map(|h| (RowKey::Actor(h), Some(h), evidence.clone()))
                    .collect(),
            };
            let slots: Vec<(usize, Option<ActorId>, Evidence)> = (keys.into_iter())
                .filter_map(|(k, h, e)| Some((slot.get(&k).copied()?, h, e)))
                .collect();
            if slots.is_empty() {
                continue;
            }
            let Some(date) = evidence.when.date else {
                timeline.undated += 1;
                continue;
            };
            for (s, holder, evidence) in slots {
                marks.push((
                    s,
                    TimelineMark {
                        row: s,
                        date,
                        holder,
                        evidence,
                    },
                ));
            }
        }
        timeline.keep_rows(candidates, &mut marks);
        timeline.marks = marks.into_iter().map(|(_, m)| m).collect();
        timeline
            .marks
            .sort_by_key(|m| (m.evidence.when, m.evidence.position, m.row));
        timeline.dates = timeline.marks.iter().map(|m| m.date).collect();
        timeline.dates.dedup();
        timeline.links = links(project, &timeline.marks);
        timeline.lanes = count_lanes(&timeline.marks);
        timeline
    }

    /// Keeps the candidate rows that got marks and renumbers the marks' rows.
    fn keep_rows(
        &mut self,
        candidates: Vec<(RowKey, TimelineRow)>,
        marks: &mut [(usize, TimelineMark)],
    ) {
        let mut used = vec![false; candidates.len()];
        for (slot, _) in marks.iter() {
            used[*slot] = true;
        }
        let mut renumbered = vec![0; candidates.len()];
        for (i, (_, row)) in candidates.into_iter().enumerate() {
            if used[i] {
                renumbered[i] = self.rows.len();
                self.rows.push(row);
            }
        }
        for (slot, mark) in marks.iter_mut() {
            mark.row = renumbered[*slot];
        }
    }

    /// The marks of one row, in time order.
    pub fn marks_in_row(&self, row: usize) -> impl Iterator<Item = (usize, &TimelineMark)> + '_ {
        self.marks
            .iter()
            .enumerate()
            .filter(move |(_, m)| m.row == row)
    }

    /// Where a date sits on the axis, from 0 (the first date) to 1 (the last); 0.5 when
    /// every mark has one date.
    #[must_use]
    pub fn x_fraction(&self, date: NaiveDate) -> f32 {
        let Some((first, last)) = self.date_range() else {
            return 0.5;
        };
        let span_days = (last - first).num_days();
        if span_days <= 0 {
            return 0.5;
        }
        // The cast is exact: day counts are small.
        let fraction = (date - first).num_days() as f32 / span_days as f32;
        fraction.clamp(0.0, 1.0)
    }

    /// For each mark, how many marks of its row and date come before it: marks of one day are
    /// drawn side by side instead of on top of each other. Derived once, with the timeline.
    #[must_use]
    pub fn lanes(&self) -> &[usize] {
        &self.lanes
    }

    /// The first and last date, if there are marks.
    #[must_use]
    pub fn date_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        Some((*self.dates.first()?, *self.dates.last()?))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum RowKey {
    Issue(IssueId),
    /// An issue's lane for a side (`None`: statements without a holder).
    Lane(IssueId, Option<ActorId>),
    Actor(ActorId),
}

/// Every row the timeline could have, in display order.
fn candidate_rows(
    project: &Project,
    filter: &AnalysisFilter,
    rows_by: TimelineRows,
    affiliations: &HashMap<ActorId, Option<&str>>,
) -> Vec<(RowKey, TimelineRow)> {
    match rows_by {
        TimelineRows::Issues => project
            .issues()
            .iter()
            .map(|i| {
                let row = TimelineRow {
                    label: i.name.clone(),
                    issue: Some(i.id),
                    actor: None,
                };
                (RowKey::Issue(i.id), row)
            })
            .collect(),
        TimelineRows::IssueLanes => {
            // Every side (the roots of the side chains), in project order, then "no holder".
            let mut sides: Vec<Option<&crate::model::Actor>> = (project.actors().iter())
                .filter(|a| a.side.is_none() || project.actor(project.side_of(a.id)).is_none())
                .filter(|a| filter.admits_affiliation(affiliations.get(&a.id).copied().flatten()))
                .map(Some)
                .collect();
            sides.push(None);
            project
                .issues()
                .iter()
                .flat_map(|i| {
                    sides.iter().map(move |side| {
                        let row = TimelineRow {
                            label: format!(
                                "{} · {}",
                                i.name,
                                side.map_or("no holder", |a| a.name.as_str())
                            ),
                            issue: Some(i.id),
                            actor: side.map(|a| a.id),
                        };
                        (RowKey::Lane(i.id, side.map(|a| a.id)), row)
                    })
                })
                .collect()
        }
        TimelineRows::Actors => {
            let affiliation = |id: ActorId| affiliations.get(&id).copied().flatten();
            let mut actors: Vec<_> = (project.actors().iter())
                .filter(|a| filter.admits_affiliation(affiliation(a.id)))
                .collect();
            if filter.group_by_affiliation {
                actors.sort_by_key(|a| {
                    (affiliation(a.id).is_none(), affiliation(a.id).map(name_key))
                });
            }
            actors
                .into_iter()
                .map(|a| {
                    let row = TimelineRow {
                        label: a.name.clone(),
                        issue: None,
                        actor: Some(a.id),
                    };
                    (RowKey::Actor(a.id), row)
                })
                .collect()
        }
    }
}

fn count_lanes(marks: &[TimelineMark]) -> Vec<usize> {
    let mut seen: HashMap<(usize, NaiveDate), usize> = HashMap::new();
    marks
        .iter()
        .map(|m| {
            let lane = seen.entry((m.row, m.date)).or_insert(0);
            *lane += 1;
            *lane - 1
        })
        .collect()
}

/// Links for the relations whose ends both have marks: on a row they share if any, else
/// between their first marks.
fn links(project: &Project, marks: &[TimelineMark]) -> Vec<TimelineLink> {
    if project.relations().is_empty() {
        return Vec::new();
    }
    let mut by_annotation: HashMap<AnnotationId, Vec<usize>> = HashMap::new();
    for (i, m) in marks.iter().enumerate() {
        by_annotation
            .entry(m.evidence.annotation)
            .or_default()
            .push(i);
    }
    let mut out = Vec::new();
    for r in project.relations() {
        let (Some(from), Some(to)) = (by_annotation.get(&r.from), by_annotation.get(&r.to)) else {
            continue;
        };
        let shared = from.iter().find_map(|&f| {
            to.iter()
                .find(|&&t| marks[t].row == marks[f].row)
                .map(|&t| (f, t))
        });
        let Some((from, to)) = shared.or_else(|| Some((*from.first()?, *to.first()?))) else {
            continue;
        };
        out.push(TimelineLink {
            from,
            to,
            kind: r.kind.clone(),
        });
    }
    out
}
