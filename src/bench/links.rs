//! Dataset (b) with links: 2,000 relations on the 1 MiB article, swept like (b) with View →
//! Show Links on, so every frame draws the painted paragraphs' arcs.

use super::data::{LongArticleSpec, long_article_project};
use super::figure::{Figure, Unit};
use super::frames::{Script, run_frames_in};
use super::harness::FrameDriver;
use super::rng::Rng;
use crate::app::StanceApp;
use crate::model::{Project, RETRACTS};
use crate::ui::{Action, Command};

/// Relations on the long article, as issue 22 asks.
pub const LINKS: usize = 2_000;

/// `project` with `count` relations between its annotations: most link an annotation to one
/// a few annotations on (an answer a paragraph or two later), some to one far away, in
/// every relation type but `retracts` (whose cycles are refused).
///
/// # Errors
/// The project has fewer than two annotations, or no relation type but `retracts`.
pub fn with_links(mut project: Project, count: usize, seed: u64) -> Result<Project, String> {
    let ids: Vec<_> = project.annotations().iter().map(|a| a.id).collect();
    let kinds: Vec<String> = (project.schema().relation_types.iter())
        .filter(|t| t.key != RETRACTS)
        .map(|t| t.key.clone())
        .collect();
    if ids.len() < 2 || kinds.is_empty() {
        return Err("links need two annotations and a relation type".to_owned());
    }
    let mut rng = Rng::new(seed);
    let mut added = 0;
    while added < count {
        let from = rng.below(ids.len());
        let to = if rng.percent(85) {
            (from + rng.between(1, 6)).min(ids.len() - 1)
        } else {
            rng.below(ids.len())
        };
        if from == to {
            continue;
        }
        let kind = rng.pick(&kinds);
        let note = rng.percent(30).then_some("checked against the communiqué");
        let edit =
            (project.add_relation(kind, ids[from], ids[to], note)).map_err(|e| e.to_string())?;
        project.apply(edit).map_err(|e| e.to_string())?;
        added += 1;
    }
    Ok(project)
}

/// Sweeps the 1 MiB article with 2,000 links shown, like (b); records `b_links.*`.
///
/// # Errors
/// Generating the data or the scripted interaction failed.
pub fn links_figures(
    driver: &mut FrameDriver,
    script: Script,
    record: &mut dyn FnMut(Figure),
) -> Result<(), String> {
    let project = long_article_project(LongArticleSpec::FULL)
        .map_err(|e| e.to_string())
        .and_then(|p| with_links(p, LINKS, 22))
        .map_err(|e| format!("(b) with links: {e}"))?;
    record(Figure::count(
        "b_links.relations",
        project.relations().len(),
    ));
    let mut app = StanceApp::with_project(project);
    app.queue(Action::Command(Command::ShowLinks));
    let run = run_frames_in(driver, app, script).map_err(|e| format!("(b) with links: {e}"))?;
    let p = run.percentiles();
    record(Figure::new("b_links.frame.median", p.median_ms, Unit::Ms));
    record(Figure::new("b_links.frame.p95", p.p95_ms, Unit::Ms));
    record(Figure::new("b_links.frame.max", p.max_ms, Unit::Ms));
    record(Figure::count("b_links.arcs.max", run.links_placed_max));
    record(Figure::count(
        "b_links.scrolled_to_paragraph",
        run.reached_paragraph,
    ));
    Ok(())
}
