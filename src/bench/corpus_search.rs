//! The corpus case's load, search and annotate-all figures (issue 12): project load against a
//! bare ron parse, the first and all hits of a word, and tagging 1,000 hits and undoing it.

use std::path::Path;
use std::time::{Duration, Instant};

use super::corpus::{CorpusSpec, SEARCH_WORD, corpus_project};
use super::figure::{Figure, Unit};
use super::files::{measure_files, write_fixture};
use crate::analysis::{CorpusSearch, HitPreset, SearchQuery};
use crate::model::{EditContext, Project, Stance};
use crate::ui::corpus_search::STEP_BYTES;

/// Hits tagged by the annotate-all measurement.
pub const ANNOTATE_HITS: usize = 1_000;

/// What one search of the corpus cost, step by step as the app runs it.
#[derive(Clone, Debug)]
pub struct SearchFigures {
    /// From the start until a step had found a hit.
    pub first_results: Duration,
    /// Until every document was searched.
    pub all_hits: Duration,
    /// The longest single step: what one frame spends on the search.
    pub slowest_step: Duration,
    pub steps: usize,
    pub hits: usize,
}

/// Runs the app's stepped search of `query` over `project` and times it.
///
/// # Errors
/// The query does not compile.
pub fn time_search(project: &Project, query: &SearchQuery) -> Result<SearchFigures, String> {
    let started = Instant::now();
    let mut search = CorpusSearch::new(query).map_err(|e| e.to_string())?;
    let mut first_results = None;
    let mut slowest_step = Duration::ZERO;
    let mut steps = 0;
    loop {
        let step_started = Instant::now();
        let is_done = search.step(project, STEP_BYTES);
        slowest_step = slowest_step.max(step_started.elapsed());
        steps += 1;
        if first_results.is_none() && !search.hits().is_empty() {
            first_results = Some(started.elapsed());
        }
        if is_done {
            break;
        }
    }
    let all_hits = started.elapsed();
    Ok(SearchFigures {
        first_results: first_results.unwrap_or(all_hits),
        all_hits,
        slowest_step,
        steps,
        hits: search.hits().len(),
    })
}

/// Generates the corpus, then reports its load ratio, search and annotate-all figures.
///
/// # Errors
/// Saving or loading the corpus failed, or the model refused the generated edit.
pub fn corpus_figures(
    quick: bool,
    dir: &Path,
    record: &mut dyn FnMut(Figure),
) -> Result<(), String> {
    let spec = if quick {
        CorpusSpec {
            documents: 200,
            text_bytes: 1_000_000,
            annotations: 10_000,
            ..CorpusSpec::FULL
        }
    } else {
        CorpusSpec::FULL
    };
    let started = Instant::now();
    let project = corpus_project(spec);
    record(Figure::ms("corpus.generate", started.elapsed()));
    record(Figure::count("corpus.documents", project.documents().len()));
    let text_bytes: usize = project.documents().iter().map(|d| d.text.len()).sum();
    record(Figure::mb(
        "corpus.text",
        u64::try_from(text_bytes).unwrap_or(u64::MAX),
    ));
    record(Figure::count(
        "corpus.annotations",
        project.annotations().len(),
    ));
    let path = dir.join("bench-corpus.ron");
    write_fixture(&project, &path)?;
    drop(project);

    let (files, mut project) = measure_files(&path, if quick { 1 } else { 3 })?;
    record(Figure::ms("corpus.load", files.load));
    record(Figure::ms("corpus.load.bare_parse", files.bare_parse));
    record(Figure::new(
        "corpus.load.ratio",
        files.load_ratio(),
        Unit::Ratio,
    ));

    let query = SearchQuery {
        is_whole_word: true,
        ..SearchQuery::plain(SEARCH_WORD)
    };
    let search = time_search(&project, &query)?;
    record(Figure::ms(
        "corpus.search.first_results",
        search.first_results,
    ));
    record(Figure::ms("corpus.search.all_hits", search.all_hits));
    record(Figure::ms("corpus.search.step.max", search.slowest_step));
    record(Figure::count("corpus.search.steps", search.steps));
    record(Figure::count("corpus.search.hits", search.hits));

    let (tag, undo) = time_annotate_all(&mut project, &query)?;
    record(Figure::count(
        "corpus.annotate_all.hits",
        ANNOTATE_HITS.min(search.hits),
    ));
    record(Figure::ms("corpus.annotate_all", tag));
    record(Figure::ms("corpus.annotate_all.undo", undo));
    Ok(())
}

/// Tags the first [`ANNOTATE_HITS`] hits as the app does (building the edit and applying it),
/// then undoes it; returns both times.
fn time_annotate_all(
    project: &mut Project,
    query: &SearchQuery,
) -> Result<(Duration, Duration), String> {
    let mut hits = crate::analysis::search_project(project, query).map_err(|e| e.to_string())?;
    hits.truncate(ANNOTATE_HITS);
    let preset = HitPreset {
        holder: project.actors().first().map(|a| a.id),
        issue: project.issues().first().map(|i| i.id),
        stance: Some(Stance::For),
    };
    let cx = EditContext::new(Some("bench"), chrono::Utc::now());
    let started = Instant::now();
    let annotated = crate::analysis::annotate_hits(project, &hits, "position", &preset, cx)
        .map_err(|e| e.to_string())?;
    let Some(edit) = annotated.edit else {
        return Err("annotate-all found every hit tagged already".to_owned());
    };
    let undo = project.apply(edit).map_err(|e| e.to_string())?;
    let tag = started.elapsed();
    let started = Instant::now();
    project.apply(undo).map_err(|e| e.to_string())?;
    Ok((tag, started.elapsed()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepped_search_finds_every_hit_in_several_steps() {
        let project = corpus_project(CorpusSpec {
            documents: 40,
            text_bytes: 1_200_000,
            annotations: 500,
            ..CorpusSpec::FULL
        });
        let query = SearchQuery::plain(SEARCH_WORD);
        let figures = time_search(&project, &query).unwrap();
        let expected = crate::analysis::search_project(&project, &query)
            .unwrap()
            .len();
        assert_eq!(figures.hits, expected);
        assert!(figures.hits > 0);
        // 1.2 MB in steps of 512 KiB of whole documents: at least three.
        assert!(figures.steps >= 3, "{} steps", figures.steps);
    }

    #[test]
    fn annotate_all_adds_the_hits_and_undo_restores_the_project() {
        let mut project = corpus_project(CorpusSpec {
            documents: 20,
            text_bytes: 200_000,
            annotations: 300,
            ..CorpusSpec::FULL
        });
        let before = project.clone();
        let query = SearchQuery::plain(SEARCH_WORD);
        time_annotate_all(&mut project, &query).unwrap();
        assert_eq!(project, before);
    }
}
