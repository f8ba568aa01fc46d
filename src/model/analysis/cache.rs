//! [`AnalysisCache`]: the analysis of the project shown, rebuilt only when the project's
//! [`ProjectKey`] or the filter changed, never per frame.

use super::{AnalysisFilter, Changes, Cutoff, PositionMap, Timeline, TimelineRows, changes};
use crate::model::{Project, ProjectKey};

/// A value derived from inputs `K`, recomputed only when they change.
#[derive(Debug)]
pub struct DerivedCache<K, V> {
    key: Option<K>,
    value: V,
    builds: u64,
}

impl<K, V: Default> Default for DerivedCache<K, V> {
    fn default() -> Self {
        Self {
            key: None,
            value: V::default(),
            builds: 0,
        }
    }
}

impl<K: PartialEq, V: Default> DerivedCache<K, V> {
    /// The value for `key`, computed by `build` first if the key changed.
    pub fn get_or_build(&mut self, key: K, build: impl FnOnce() -> V) -> &V {
        if self.key.as_ref() != Some(&key) {
            self.value = build();
            self.key = Some(key);
            self.builds += 1;
        }
        &self.value
    }

    /// The value, if it was built for `key`.
    #[must_use]
    pub fn get_if(&self, key: &K) -> Option<&V> {
        (self.key.as_ref() == Some(key)).then_some(&self.value)
    }

    /// The value last built (the default before any).
    #[must_use]
    pub fn get(&self) -> &V {
        &self.value
    }

    /// How many times the value was built: tests check it is not rebuilt every frame.
    #[must_use]
    pub fn builds(&self) -> u64 {
        self.builds
    }
}

/// The position map, timeline and changes of the project shown.
#[derive(Debug, Default)]
pub struct AnalysisCache {
    map: DerivedCache<(ProjectKey, AnalysisFilter), PositionMap>,
    timeline: DerivedCache<(ProjectKey, AnalysisFilter, TimelineRows), Timeline>,
    changes: DerivedCache<(ProjectKey, AnalysisFilter, Cutoff, Cutoff), Changes>,
}

impl AnalysisCache {
    /// The position map of `project` under `filter`.
    pub fn map(&mut self, project: &Project, filter: &AnalysisFilter) -> &PositionMap {
        self.map.get_or_build((project.key(), filter.clone()), || {
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
        self.map.get_if(&(project.key(), filter.clone()))
    }

    /// The timeline of `project` under `filter`, with rows of `rows_by`.
    pub fn timeline(
        &mut self,
        project: &Project,
        filter: &AnalysisFilter,
        rows_by: TimelineRows,
    ) -> &Timeline {
        self.timeline
            .get_or_build((project.key(), filter.clone(), rows_by), || {
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
            .get_or_build((project.key(), filter.clone(), before, after), || {
                changes(project, filter, before, after)
            })
    }

    /// How many times the position map was built.
    #[must_use]
    pub fn map_builds(&self) -> u64 {
        self.map.builds()
    }

    /// How many times the timeline was built.
    #[must_use]
    pub fn timeline_builds(&self) -> u64 {
        self.timeline.builds()
    }
}
