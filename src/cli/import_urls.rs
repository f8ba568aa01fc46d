//! `stance import` with web addresses among its inputs: each `http://` or `https://` input
//! is fetched (a page or a feed) and read as the GUI's File → Import from URL reads it; the
//! rest go through the file pipeline. Inputs keep their order; an address that cannot be
//! fetched is refused with its reason while the others are added.

use std::path::PathBuf;

use crate::io::ImportError;
use crate::io::fetch::{FetchControl, FetchOptions, fetch_articles, is_web_address};
use crate::io::formats::article::{Origin, RefusedArticle};
use crate::io::import::{ImportSummary, Intake, read_intake, stage_intake};
use crate::model::Project;

/// Imports files and addresses into `into`, all or nothing as [`crate::io::import_paths`].
///
/// # Errors
/// An annotation file that cannot be imported, naming it.
pub(super) fn import_inputs(
    inputs: &[PathBuf],
    into: &mut Project,
) -> Result<ImportSummary, ImportError> {
    let mut intake = Intake::default();
    for input in inputs {
        let address = input.to_str().filter(|s| is_web_address(s));
        let read = match address {
            Some(url) => fetched(url),
            None => read_intake(std::slice::from_ref(input), &mut |_| {}),
        };
        intake.articles.extend(read.articles);
        intake.refused.extend(read.refused);
        intake.annotation_files.extend(read.annotation_files);
        intake.skipped.extend(read.skipped);
    }
    let (project, _, summary) = stage_intake(into, intake)?;
    *into = project;
    Ok(summary)
}

fn fetched(url: &str) -> Intake {
    match fetch_articles(url, &FetchOptions::default(), &FetchControl::default()) {
        Ok(read) => Intake {
            articles: read.articles,
            refused: read.refused,
            ..Intake::default()
        },
        Err(e) => Intake {
            refused: vec![RefusedArticle {
                origin: Origin::Web {
                    url: url.to_owned(),
                },
                reason: e.to_string(),
            }],
            ..Intake::default()
        },
    }
}
