//! [`AnalysisCache`]: the analysis of the project shown, rebuilt only when the project's
//! [`ProjectKey`] or the filter changed, never per frame.

use super::{AnalysisFilter, Changes, Cutoff, PositionMap, Timeline, TimelineRows, changes};
use crate::model::{DerivedCache, Project};

/// The position map, timeline and changes of the project shown.
#[derive(Debug, Default)]
pub struct AnalysisCache {
    map: DerivedCache<AnalysisFilter, PositionMap>,
    timeline: DerivedCache<(AnalysisFilter, TimelineRows), Timeline>,
    changes: DerivedCache<(AnalysisFilter, Cutoff, Cutoff), Changes>,
}

impl AnalysisCache {
    /// The position map of `project` under `filter`.
    pub fn map(&mut self, project: &Project, filter: &AnalysisFilter) -> &PositionMap {
        // An edit of a few annotations' fields updates only their cells.
        if let Some(change) = project.last_change()
            && let Some(old) = &change.replaced
            && !self.map.is_current(project.key(), filter)
        {
            (self.map).follow(change.before, change.after, filter, |map| {
                map.follow(project, filter, old)
            });
        }
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

    /// What changed between two cutoffs.
    pub fn changes(
        &mut self,
        project: &Project,
        filter: &AnalysisFilter,
        before: Cutoff,
        after: Cutoff,
    ) -> &Changes {
        self.changes
            .get_or_build(project.key(), (filter.clone(), before, after), || {
                changes(project, filter, before, after)
            })
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
