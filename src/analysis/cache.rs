//! [`AnalysisCache`]: the analysis of the project shown, rebuilt only when the project's
//! [`ProjectKey`] or the filter changed, never per frame.

use super::{AnalysisFilter, Moves, PositionMap, Timeline, TimelineRows, moves};
use crate::model::{DerivedCache, Project, RoundId};

/// The position map, timeline and Moves ledger of the project shown.
#[derive(Debug, Default)]
pub struct AnalysisCache {
    map: DerivedCache<AnalysisFilter, PositionMap>,
    timeline: DerivedCache<(AnalysisFilter, TimelineRows), Timeline>,
    moves: DerivedCache<(AnalysisFilter, Option<RoundId>, RoundId), Moves>,
    /// The side map the ledger is read off ([`moves::ledger_filter`]), following edits as the
    /// shown map does.
    ledger_sides: DerivedCache<AnalysisFilter, PositionMap>,
}

impl AnalysisCache {
    /// The position map of `project` under `filter`.
    pub fn map(&mut self, project: &Project, filter: &AnalysisFilter) -> &PositionMap {
        follow_last_change(&mut self.map, project, filter);
        self.map.get_or_build(project.key(), filter.clone(), || {
            PositionMap::build(project, filter)
        })
    }

    /// The position map if it is already built for this project state and filter.
    #[must_use]
    pub fn map_if_current(
        &self,
        project: &Project,
        filter: &AnalysisFilter,
    ) -> Option<&PositionMap> {
        self.map.get(project.key(), filter)
    }

    /// The timeline of `project` under `filter`, with rows of `rows_by`.
    pub fn timeline(
        &mut self,
        project: &Project,
        filter: &AnalysisFilter,
        rows_by: TimelineRows,
    ) -> &Timeline {
        self.timeline
            .get_or_build(project.key(), (filter.clone(), rows_by), || {
                Timeline::build(project, filter, rows_by)
            })
    }

    /// The Moves ledger between two rounds (`from` none: since the start of the talks),
    /// rebuilt only when the project revision, the filter or a round changes.
    pub fn moves(
        &mut self,
        project: &Project,
        filter: &AnalysisFilter,
        from: Option<RoundId>,
        to: RoundId,
    ) -> &Moves {
        let sides_filter = moves::ledger_filter(filter);
        follow_last_change(&mut self.ledger_sides, project, &sides_filter);
        let sides = (self.ledger_sides).get_or_build(project.key(), sides_filter.clone(), || {
            PositionMap::build(project, &sides_filter)
        });
        self.moves
            .get_or_build(project.key(), (filter.clone(), from, to), || {
                moves::moves_in(project, sides, filter, from, to)
            })
    }

    /// How many times the Moves ledger was built.
    #[must_use]
    pub fn moves_builds(&self) -> u64 {
        self.moves.builds()
    }

    /// How many times the position map was built.
    #[must_use]
    pub fn map_builds(&self) -> u64 {
        self.map.builds()
    }

    /// How many times the position map followed an edit instead of being built again.
    #[must_use]
    pub fn map_follows(&self) -> u64 {
        self.map.follows()
    }

    /// How many times the timeline was built.
    #[must_use]
    pub fn timeline_builds(&self) -> u64 {
        self.timeline.builds()
    }
}

/// Brings a map of the state before the project's last edit up to date with it, if that edit
/// only replaced annotations: an edit of one statement then costs its cells, not a pass over
/// the corpus.
fn follow_last_change(
    cache: &mut DerivedCache<AnalysisFilter, PositionMap>,
    project: &Project,
    filter: &AnalysisFilter,
) {
    if let Some(change) = project.last_change()
        && let Some(old) = &change.replaced
        && !cache.is_current(project.key(), filter)
    {
        cache.follow(change, filter, |map| map.follow(project, filter, old));
    }
}
