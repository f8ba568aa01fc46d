//! The analysis figures of issue 12 on the corpus case: recomputing the position map after
//! an edit, and the frames of the analysis view while the map scrolls.

use std::time::{Duration, Instant};

use egui::{Pos2, TouchPhase};

use super::corpus::{CorpusSpec, corpus_project};
use super::figure::{Figure, Unit};
use super::frames::warm_up;
use super::harness::{FrameDriver, FrameStats, Percentiles, SCREEN_SIZE_PX, input};
use crate::analysis::{AnalysisCache, AnalysisFilter};
use crate::app::StanceApp;
use crate::model::{Project, Stance};
use crate::ui::Action;
use crate::ui::commands::Command;

/// What the analysis run measured.
#[derive(Clone, Debug)]
pub struct AnalysisRun {
    /// Each edit's map recompute (the edit itself not included).
    pub recomputes: Vec<Duration>,
    /// The first frame of the analysis view (it builds the map).
    pub first: Duration,
    /// The frames while the map scrolled.
    pub frames: Vec<FrameStats>,
    /// Most map rows painted in one frame, and rows in all.
    pub rows_painted_max: usize,
    pub rows: usize,
    /// Map builds during the scroll: 0 means it was never rebuilt per frame.
    pub builds_while_scrolling: u64,
}

/// The cached map's recomputes after a run of edits: how long each took, and how many times
/// the map was built from scratch or followed the edit.
#[derive(Debug)]
pub struct Recomputes {
    pub times: Vec<Duration>,
    pub builds: u64,
    pub follows: u64,
}

/// Edits one annotation's stance `edits` times, timing the cached map (under `filter`) after
/// each.
///
/// # Errors
/// The project has no annotation to edit, or the model refused the edit.
pub fn recompute_after_edits(
    project: &mut Project,
    filter: &AnalysisFilter,
    edits: usize,
) -> Result<Recomputes, String> {
    let mut cache = AnalysisCache::default();
    cache.map(project, filter);
    let mut times = Vec::with_capacity(edits);
    for i in 0..edits {
        flip_stance(project, i * 997)?;
        let started = Instant::now();
        let map = cache.map(project, filter);
        times.push(started.elapsed());
        if map.rows.is_empty() {
            return Err("the position map of the corpus is empty".to_owned());
        }
    }
    Ok(Recomputes {
        times,
        builds: cache.map_builds(),
        follows: cache.map_follows(),
    })
}

/// Flips the stance of the annotation at `at` (modulo their number) between for and against:
/// the edit both recompute figures time their caches after.
fn flip_stance(project: &mut Project, at: usize) -> Result<(), String> {
    let Some(a) = project
        .annotations()
        .get(at % project.annotations().len().max(1))
    else {
        return Err("the corpus has no annotations".to_owned());
    };
    let stance = if a.stance == Some(Stance::For) {
        Stance::Against
    } else {
        Stance::For
    };
    let edit = project
        .set_stance(a.id, Some(stance), chrono::Utc::now())
        .map_err(|e| e.to_string())?;
    project.apply(edit).map(drop).map_err(|e| e.to_string())
}

/// Gives the project the rounds proposed from its article dates (or one round of every
/// date), then edits one annotation's stance `edits` times, timing the cached Moves ledger's
/// rebuild between the last two rounds after each (issue 20: ≤ 30 ms).
///
/// # Errors
/// The project has no dated document or annotation, or the model refused an edit.
pub fn moves_after_edits(project: &mut Project, edits: usize) -> Result<Vec<Duration>, String> {
    let mut proposals = crate::analysis::propose_rounds(project);
    if proposals.len() < 2 {
        let dates: Vec<_> = project.documents().iter().filter_map(|d| d.date).collect();
        let (Some(&first), Some(&last)) = (dates.iter().min(), dates.iter().max()) else {
            return Err("the corpus has no dated document".to_owned());
        };
        let middle = first + (last - first) / 2;
        proposals = vec![
            crate::model::Round::new(
                "first half",
                crate::model::RoundSpan::Dates {
                    from: first,
                    to: middle,
                },
            ),
            crate::model::Round::new(
                "second half",
                crate::model::RoundSpan::Dates {
                    from: middle,
                    to: last,
                },
            ),
        ];
    }
    for round in proposals {
        let edit = project.add_round(round).map_err(|e| e.to_string())?;
        project.apply(edit).map_err(|e| e.to_string())?;
    }
    let Some((from, to)) = crate::io::formats::report::default_pair(project) else {
        return Err("the corpus has no rounds".to_owned());
    };
    let filter = AnalysisFilter::default();
    let mut cache = AnalysisCache::default();
    cache.moves(project, &filter, from, to);
    let mut times = Vec::with_capacity(edits);
    for i in 0..edits {
        flip_stance(project, i * 991)?;
        let started = Instant::now();
        cache.moves(project, &filter, from, to);
        times.push(started.elapsed());
    }
    if cache.moves_builds() != edits as u64 + 1 {
        return Err("the Moves ledger was not rebuilt once per edit".to_owned());
    }
    Ok(times)
}

/// Opens the analysis view on `project` and scrolls the map down and back for `frames`
/// frames, the pointer over the grid.
///
/// # Errors
/// The view showed no map rows.
pub fn scroll_map(
    driver: &mut FrameDriver,
    project: Project,
    frames: usize,
) -> Result<AnalysisRun, String> {
    let mut app = StanceApp::with_project(project);
    app.queue(Action::Command(Command::AnalysisView));
    let first = driver.frame(Vec::new(), |ui| app.frame_ui(ui)).cpu;
    driver.frame(Vec::new(), |ui| app.frame_ui(ui));
    let stats = app.analysis_view().last_stats();
    if stats.map_rows == 0 {
        return Err("the analysis view showed no map rows".to_owned());
    }
    let builds = app.analysis_view().map_builds();
    let mut run = AnalysisRun {
        recomputes: Vec::new(),
        first,
        frames: Vec::with_capacity(frames),
        rows_painted_max: 0,
        rows: stats.map_rows,
        builds_while_scrolling: 0,
    };
    // Over the grid: right of the actor names, below the tool bar, left of the sidebar.
    let over_map = Pos2::new(SCREEN_SIZE_PX.x * 0.3, SCREEN_SIZE_PX.y * 0.5);
    run.frames.push(driver.frame(
        vec![
            input::pointer_move(over_map),
            input::scroll(0.0, TouchPhase::Start),
        ],
        |ui| app.frame_ui(ui),
    ));
    for i in 0..frames {
        // Down for 40 frames, then back up, so the whole map passes by more than once.
        let step_px = if (i / 40) % 2 == 0 { 45.0 } else { -45.0 };
        let events = vec![
            input::pointer_move(over_map + egui::vec2((i % 13) as f32 * 9.0, 0.0)),
            input::scroll(-step_px, TouchPhase::Move),
        ];
        run.frames.push(driver.frame(events, |ui| app.frame_ui(ui)));
        run.rows_painted_max = run
            .rows_painted_max
            .max(app.analysis_view().last_stats().map_rows_painted);
    }
    run.frames.push(
        driver.frame(vec![input::scroll(0.0, TouchPhase::End)], |ui| {
            app.frame_ui(ui);
        }),
    );
    run.builds_while_scrolling = app.analysis_view().map_builds() - builds;
    Ok(run)
}

/// Measures and reports the analysis figures on the corpus (a small one when `quick`).
///
/// # Errors
/// The corpus could not be edited or the view showed nothing.
pub fn analysis_figures(quick: bool, record: &mut dyn FnMut(Figure)) -> Result<(), String> {
    let spec = if quick {
        CorpusSpec {
            documents: 100,
            text_bytes: 500_000,
            annotations: 5_000,
            actors: 40,
            issues: 25,
        }
    } else {
        CorpusSpec::FULL
    };
    let mut project = corpus_project(spec);
    record(Figure::count(
        "analysis.corpus.annotations",
        project.annotations().len(),
    ));
    let started = Instant::now();
    let map = crate::analysis::PositionMap::build(&project, &AnalysisFilter::default());
    record(Figure::ms("analysis.map.build", started.elapsed()));
    record(Figure::count("analysis.map.rows", map.rows.len()));
    let edits = if quick { 3 } else { 10 };
    let by_actors = AnalysisFilter::default();
    let recomputes = recompute_after_edits(&mut project, &by_actors, edits)
        .map_err(|e| format!("analysis: {e}"))?;
    let p = Percentiles::of(&recomputes.times);
    record(Figure::new(
        "analysis.recompute_after_edit.median",
        p.median_ms,
        Unit::Ms,
    ));
    record(Figure::new(
        "analysis.recompute_after_edit.max",
        p.max_ms,
        Unit::Ms,
    ));
    record(Figure::count(
        "analysis.recompute_after_edit.builds",
        usize::try_from(recomputes.builds).unwrap_or(usize::MAX),
    ));
    let by_sides = AnalysisFilter {
        roll_up: crate::analysis::RollUp::Sides,
        ..AnalysisFilter::default()
    };
    let recomputes = recompute_after_edits(&mut project, &by_sides, edits)
        .map_err(|e| format!("analysis: {e}"))?;
    record(Figure::new(
        "analysis.sides_recompute_after_edit.max",
        Percentiles::of(&recomputes.times).max_ms,
        Unit::Ms,
    ));

    let moves = moves_after_edits(&mut project, if quick { 3 } else { 10 })
        .map_err(|e| format!("analysis: {e}"))?;
    let p = Percentiles::of(&moves);
    record(Figure::new(
        "analysis.moves_after_edit.median",
        p.median_ms,
        Unit::Ms,
    ));
    record(Figure::new(
        "analysis.moves_after_edit.max",
        p.max_ms,
        Unit::Ms,
    ));

    let mut driver = FrameDriver::new();
    warm_up(&mut driver);
    let run = scroll_map(&mut driver, project, if quick { 40 } else { 300 })
        .map_err(|e| format!("analysis: {e}"))?;
    let times: Vec<Duration> = run.frames.iter().map(|f| f.cpu).collect();
    let p = Percentiles::of(&times);
    record(Figure::ms("analysis.frame.first", run.first));
    record(Figure::new(
        "analysis.scroll.frame.median",
        p.median_ms,
        Unit::Ms,
    ));
    record(Figure::new("analysis.scroll.frame.p95", p.p95_ms, Unit::Ms));
    record(Figure::new("analysis.scroll.frame.max", p.max_ms, Unit::Ms));
    record(Figure::count("analysis.scroll.frames", run.frames.len()));
    record(Figure::count(
        "analysis.map.rows_painted.max",
        run.rows_painted_max,
    ));
    record(Figure::count(
        "analysis.map.builds_while_scrolling",
        usize::try_from(run.builds_while_scrolling).unwrap_or(usize::MAX),
    ));
    Ok(())
}
