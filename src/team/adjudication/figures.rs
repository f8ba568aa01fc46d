//! The agreement figures of a project's annotators (by the `annotator` field, one person one
//! annotator by the name rule; annotations without one count as one more annotator,
//! "unknown"; adjudicated ones not at all), per document and in total, computed by
//! [`crate::team::agreement`].

use super::{coder_label, coders, is_adjudicated};
use crate::model::Project;
use crate::team::agreement::spans::{Mark, SpanMatch};
use crate::team::agreement::{Agreement, Coder, Study, agreement};
use crate::team::annotators::same_annotator;

/// Agreement in total and per document (documents nobody annotated are left out).
#[derive(Clone, Debug)]
pub struct Figures {
    /// `None` with fewer than two annotators.
    pub total: Option<Agreement>,
    /// Document title and its figures, in project order.
    pub per_document: Vec<(String, Agreement)>,
}

/// The figures of `project`, overlap matching.
#[must_use]
pub fn figures(project: &Project) -> Figures {
    let names = coders(project);
    if names.len() < 2 {
        return Figures {
            total: None,
            per_document: Vec::new(),
        };
    }
    let total = study(project, &names, None);
    let per_document = project
        .documents()
        .iter()
        .enumerate()
        .filter(|(_, d)| project.annotations_of(d.id).next().is_some())
        .map(|(i, d)| {
            let figures = agreement(&study(project, &names, Some(i)), SpanMatch::Overlap);
            (d.title.clone(), figures)
        })
        .collect();
    Figures {
        total: Some(agreement(&total, SpanMatch::Overlap)),
        per_document,
    }
}

/// The marks of each coder, on every document or on the one at `only`.
fn study(project: &Project, names: &[Option<String>], only: Option<usize>) -> Study {
    let documents: Vec<usize> = match only {
        Some(i) => vec![i],
        None => (0..project.documents().len()).collect(),
    };
    let mut coders: Vec<Coder> = names
        .iter()
        .map(|n| Coder {
            name: coder_label(n.as_deref()).to_owned(),
            marks: Vec::new(),
        })
        .collect();
    let mut excluded = 0;
    for (compared, &doc_index) in documents.iter().enumerate() {
        let Some(document) = project.documents().get(doc_index) else {
            continue;
        };
        for a in project.annotations_of(document.id) {
            let coder = a.annotator.as_deref();
            let found = (!is_adjudicated(a))
                .then(|| {
                    names
                        .iter()
                        .position(|n| same_annotator(n.as_deref(), coder))
                })
                .flatten();
            let Some(c) = found else {
                // Only adjudicated annotations have no coder.
                excluded += 1;
                continue;
            };
            coders[c].marks.push(Mark::of(project, a, compared));
        }
    }
    Study {
        coders,
        document_chars: documents
            .iter()
            .filter_map(|&i| {
                project
                    .documents()
                    .get(i)
                    .map(crate::model::Document::len_chars)
            })
            .collect(),
        document_titles: documents
            .iter()
            .filter_map(|&i| project.documents().get(i).map(|d| d.title.clone()))
            .collect(),
        excluded_annotations: excluded,
    }
}
