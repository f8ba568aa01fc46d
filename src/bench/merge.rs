//! `merge.20k`: a three-way merge of two edited copies of dataset (c), 20,000 annotations each.

use std::time::{Duration, Instant};

use chrono::TimeDelta;

use super::data::{self, ManyArticlesSpec};
use super::figure::Figure;
use crate::model::Project;
use crate::team::merge::merge;

/// One analyst's session on a copy: every `every`-th annotation from `offset` retagged and
/// noted, and every `delete_every`-th deleted.
fn edited_copy(base: &Project, offset: usize, every: usize, delete_every: usize) -> Project {
    let mut p = base.to_parts();
    for (i, a) in p.annotations.iter_mut().enumerate() {
        if i % every == offset {
            a.tag = "position".to_owned();
            a.note = Some(format!("checked {i}"));
            a.modified += TimeDelta::seconds(60);
        }
    }
    let mut index = 0;
    p.annotations.retain(|_| {
        index += 1;
        index % delete_every != offset
    });
    Project::from_parts(p)
}

/// Merges two edited copies of (c) and reports how long the merge took.
///
/// # Errors
/// Generating the dataset failed.
pub fn merge_figures(quick: bool, record: &mut dyn FnMut(Figure)) -> Result<(), String> {
    let spec = if quick {
        ManyArticlesSpec {
            articles: 20,
            text_bytes: 300_000,
            annotations: 2_000,
            actors: 30,
        }
    } else {
        ManyArticlesSpec::FULL
    };
    let base = data::many_articles_project(spec).map_err(|e| format!("merge: {e}"))?;
    let ours = edited_copy(&base, 1, 10, 50);
    let mut theirs = edited_copy(&base, 6, 10, 45).into_parts();
    // Some notes both changed: the merge also records conflicts.
    for a in theirs.annotations.iter_mut().skip(1).step_by(100) {
        a.note = Some("disputed".to_owned());
    }
    let theirs = Project::from_parts(theirs);
    let rounds = if quick { 1 } else { 3 };
    let mut best = Duration::MAX;
    let mut conflicts = 0;
    for _ in 0..rounds {
        let started = Instant::now();
        let merged = merge(&base, &ours, &theirs);
        best = best.min(started.elapsed());
        conflicts = merged.conflicts.len();
    }
    let name = if quick { "merge.2k" } else { "merge.20k" };
    record(Figure::ms(name, best));
    record(Figure::count(format!("{name}.conflicts"), conflicts));
    Ok(())
}
