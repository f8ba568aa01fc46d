//! The analysis view: the position map, the timeline and the Moves ledger, over the whole
//! project, beside the article view. It reads the model's derived [`AnalysisCache`] (rebuilt
//! only when the project or the filter changes) and returns [`AnalysisAction`]s.

mod evidence;
mod filters;
mod map;
mod marks;
mod moves;
mod rounds;
mod timeline;

pub use rounds::RoundAction;

use egui::{Rect, Ui};

use crate::analysis::{AnalysisCache, AnalysisFilter, TimelineRows};
use crate::model::{ActorId, AnnotationId, IssueId, Project, RoundId};

/// What the analysis view asks the app to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnalysisAction {
    /// Open the statement in the article view.
    ShowInArticle(AnnotationId),
    /// Change the rounds or a brief (the Moves tab).
    Round(RoundAction),
}

/// The three parts of the view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AnalysisTab {
    #[default]
    Map,
    Timeline,
    Moves,
}

impl AnalysisTab {
    const ALL: [Self; 3] = [Self::Map, Self::Timeline, Self::Moves];

    fn label(self) -> &'static str {
        match self {
            Self::Map => "Position map",
            Self::Timeline => "Timeline",
            Self::Moves => "Moves",
        }
    }
}

/// What the evidence list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picked {
    /// A map cell: an actor's statements on an issue.
    Cell { actor: ActorId, issue: IssueId },
    /// One statement, picked on the timeline.
    Mark(AnnotationId),
}

/// What the view did in the last frame, for tests and `stance bench`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AnalysisStats {
    /// Map rows (actors and group headers) laid out and painted.
    pub map_rows_painted: usize,
    /// Rows the map has in all.
    pub map_rows: usize,
    /// Timeline marks painted.
    pub marks_painted: usize,
}

/// The view's own state: the filter, the tab, the pick, and the cache.
#[derive(Default)]
pub struct AnalysisView {
    cache: AnalysisCache,
    filter: AnalysisFilter,
    tab: AnalysisTab,
    timeline_rows: TimelineRows,
    /// Every link on the timeline, not only concedes-to, conditional-on and in-exchange-for.
    all_links: bool,
    picked: Option<Picked>,
    filters: filters::FilterText,
    moves: moves::MovesState,
    stats: AnalysisStats,
    /// Where each visible map cell was painted last frame, by (row, column).
    cell_rects: Vec<((usize, usize), Rect)>,
    /// Where each visible timeline mark was painted last frame.
    mark_rects: Vec<(AnnotationId, Rect)>,
}

impl AnalysisView {
    /// Draws the view of `project` and returns what the user asked for.
    pub fn ui(&mut self, ui: &mut Ui, project: &Project) -> Vec<AnalysisAction> {
        let mut actions = Vec::new();
        self.stats = AnalysisStats::default();
        egui::Panel::top("analysis_toolbar").show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                for tab in AnalysisTab::ALL {
                    if ui.selectable_label(self.tab == tab, tab.label()).clicked() {
                        self.tab = tab;
                    }
                }
            });
            filters::filters_ui(ui, project, &mut self.filter, &mut self.filters);
            if self.tab == AnalysisTab::Timeline {
                ui.horizontal(|ui| {
                    ui.label("Lanes:");
                    ui.selectable_value(
                        &mut self.timeline_rows,
                        TimelineRows::IssueLanes,
                        "Issue × side",
                    );
                    ui.selectable_value(&mut self.timeline_rows, TimelineRows::Actors, "Actors");
                    ui.separator();
                    ui.checkbox(&mut self.all_links, "All links")
                        .on_hover_text("Besides concedes-to, conditional-on and in-exchange-for");
                });
            }
            ui.add_space(2.0);
        });
        if self.tab != AnalysisTab::Moves
            && let Some(picked) = self.picked
        {
            egui::Panel::bottom("analysis_evidence")
                .resizable(true)
                .default_size(220.0)
                .show(ui, |ui| {
                    let map = self.cache.map(project, &self.filter);
                    if evidence::evidence_ui(ui, project, map, picked, &mut actions) {
                        self.picked = None;
                    }
                });
        }
        egui::CentralPanel::default().show(ui, |ui| match self.tab {
            AnalysisTab::Map => self.map_ui(ui, project),
            AnalysisTab::Timeline => self.timeline_ui(ui, project),
            AnalysisTab::Moves => {
                self.moves
                    .ui(ui, project, &mut self.cache, &self.filter, &mut actions);
            }
        });
        actions
    }

    fn map_ui(&mut self, ui: &mut Ui, project: &Project) {
        let map = self.cache.map(project, &self.filter);
        let painted = map::map_ui(ui, project, map, self.picked, &mut self.cell_rects);
        self.stats.map_rows_painted = painted.rows_painted;
        self.stats.map_rows = painted.rows;
        if let Some(cell) = painted.clicked {
            self.picked = Some(cell);
        }
    }

    fn timeline_ui(&mut self, ui: &mut Ui, project: &Project) {
        let timeline = self
            .cache
            .timeline(project, &self.filter, self.timeline_rows);
        let picked = match self.picked {
            Some(Picked::Mark(id)) => Some(id),
            _ => None,
        };
        let painted = timeline::timeline_ui(
            ui,
            project,
            timeline,
            picked,
            self.all_links,
            &mut self.mark_rects,
        );
        self.stats.marks_painted = painted.marks_painted;
        if let Some(id) = painted.clicked {
            self.picked = Some(Picked::Mark(id));
        }
    }

    /// What the view did in the last frame.
    #[must_use]
    pub fn last_stats(&self) -> AnalysisStats {
        self.stats
    }

    /// How many times the position map was built: once per change, not per frame.
    #[must_use]
    pub fn map_builds(&self) -> u64 {
        self.cache.map_builds()
    }

    /// What the evidence list shows.
    #[must_use]
    pub fn picked(&self) -> Option<Picked> {
        self.picked
    }

    /// The tab shown.
    #[must_use]
    pub fn tab(&self) -> AnalysisTab {
        self.tab
    }

    /// Shows a tab (tests and the bench; users click the tab).
    pub fn set_tab(&mut self, tab: AnalysisTab) {
        self.tab = tab;
    }

    /// The rounds the Moves tab compares (the earlier may be none: the start of the talks).
    #[must_use]
    pub fn moves_pair(&self) -> Option<(Option<RoundId>, RoundId)> {
        self.moves.pair()
    }

    /// Compares two rounds in the Moves tab (tests and the bench; users pick in the combos).
    pub fn set_moves_pair(&mut self, from: Option<RoundId>, to: RoundId) {
        self.moves.set_pair(from, to);
    }

    /// How many times the Moves ledger was built: once per change, not per frame.
    #[must_use]
    pub fn moves_builds(&self) -> u64 {
        self.cache.moves_builds()
    }

    /// The filter in use.
    #[must_use]
    pub fn filter(&self) -> &AnalysisFilter {
        &self.filter
    }

    /// Where the map cell of an actor and an issue was painted last frame, if it was visible.
    #[must_use]
    pub fn cell_rect(&self, project: &Project, actor: ActorId, issue: IssueId) -> Option<Rect> {
        let map = self.cache.map_if_current(project, &self.filter)?;
        let key = (map.row_of(actor)?, map.column_of(issue)?);
        self.cell_rects
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, r)| *r)
    }

    /// Where a timeline mark of the annotation was painted last frame, if it was visible.
    #[must_use]
    pub fn mark_rect(&self, annotation: AnnotationId) -> Option<Rect> {
        self.mark_rects
            .iter()
            .find(|(id, _)| *id == annotation)
            .map(|(_, r)| *r)
    }

    /// The annotations of the timeline's marks painted last frame, left to right.
    #[must_use]
    pub fn painted_marks(&self) -> Vec<AnnotationId> {
        let mut marks = self.mark_rects.clone();
        marks.sort_by(|a, b| a.1.center().x.total_cmp(&b.1.center().x));
        marks.into_iter().map(|(id, _)| id).collect()
    }
}
