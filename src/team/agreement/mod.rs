//! Agreement between annotators: how alike they mark spans (unitizing: span F1 and
//! Krippendorff's αU) and how alike they code the spans they share (Cohen's κ, Fleiss' κ,
//! Krippendorff's α for tag and holder). Pure: the caller loads the projects.
//!
//! Coders are whole projects (one per annotator) or the annotators of one project, by the
//! `annotator` field. Documents are compared when every coder has them, matched by text hash.

pub mod coefficients;
pub mod spans;
pub mod unitizing;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::model::{Annotation, DocumentQuery, DocumentQueryError, Project};
use crate::team::annotators;
use spans::{Excluded, Mark, SpanF1, SpanMatch, span_f1};

/// One coder's marks on the compared documents.
#[derive(Clone, Debug)]
pub struct Coder {
    pub name: String,
    pub marks: Vec<Mark>,
}

/// What to compare.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Only these tags (all when empty).
    pub tags: Vec<String>,
    /// Only the shared document this names, by the model's one rule (all when `None`).
    pub document: Option<DocumentQuery>,
}

/// Coders and the documents they share, ready to compare.
#[derive(Clone, Debug)]
pub struct Study {
    pub coders: Vec<Coder>,
    /// Length in chars of each compared document, in order.
    pub document_chars: Vec<usize>,
    pub document_titles: Vec<String>,
    /// Annotations left out: on documents not every coder has, of other tags, or (one
    /// project) adjudicated.
    pub excluded_annotations: usize,
}

/// Why a study cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StudyError {
    #[error("agreement needs at least two annotators; found {found}")]
    TooFewCoders { found: usize },
    #[error("no document is shared by every annotator")]
    NoSharedDocument,
    #[error("no shared document is called {0:?}")]
    NoSuchDocument(String),
    #[error("{0}")]
    AmbiguousDocument(DocumentQueryError),
}

impl Study {
    /// Each project is one coder, named by `names`.
    ///
    /// # Errors
    /// Fewer than two projects, or no document all of them have.
    pub fn of_projects(
        projects: &[(String, &Project)],
        options: &Options,
    ) -> Result<Self, StudyError> {
        let coders: Vec<(String, &Project, Vec<&Annotation>)> = projects
            .iter()
            .map(|(name, p)| (name.clone(), *p, p.iter_annotations().collect()))
            .collect();
        Self::build(coders, options, 0)
    }

    /// The annotators of one project, by each annotation's `annotator`: one person one
    /// coder by the name rule, annotations without one the coder "unknown", adjudicated
    /// ones left out — as the compare view counts them ([`crate::team::annotators`]).
    ///
    /// # Errors
    /// Fewer than two annotators.
    pub fn of_annotators(project: &Project, options: &Options) -> Result<Self, StudyError> {
        let is_adjudicated = annotators::is_adjudicated;
        let adjudicated = project
            .annotations()
            .iter()
            .filter(|a| is_adjudicated(a))
            .count();
        let coders = annotators::group(project.iter_annotations(), is_adjudicated)
            .into_iter()
            .map(|g| {
                (
                    annotators::label(g.name.as_deref()).to_owned(),
                    project,
                    g.annotations,
                )
            })
            .collect();
        Self::build(coders, options, adjudicated)
    }

    fn build(
        coders: Vec<(String, &Project, Vec<&Annotation>)>,
        options: &Options,
        mut excluded: usize,
    ) -> Result<Self, StudyError> {
        if coders.len() < 2 {
            return Err(StudyError::TooFewCoders {
                found: coders.len(),
            });
        }
        // Documents every coder's project has, in the first project's order.
        let first = coders[0].1;
        let mut shared: Vec<&crate::model::Document> = first
            .documents()
            .iter()
            .filter(|d| {
                coders
                    .iter()
                    .all(|(_, p, _)| p.documents().iter().any(|e| e.text_hash == d.text_hash))
            })
            .collect();
        if shared.is_empty() {
            return Err(StudyError::NoSharedDocument);
        }
        if let Some(query) = &options.document {
            let chosen = query.select(shared.iter().copied()).map_err(|e| match e {
                DocumentQueryError::NoMatch { wanted, .. } => StudyError::NoSuchDocument(wanted),
                ambiguous @ DocumentQueryError::Ambiguous { .. } => {
                    StudyError::AmbiguousDocument(ambiguous)
                }
            })?;
            shared = vec![chosen];
        }
        let index: HashMap<&str, usize> = shared
            .iter()
            .enumerate()
            .map(|(i, d)| (d.text_hash.as_str(), i))
            .collect();
        let mut out = Vec::with_capacity(coders.len());
        for (name, project, annotations) in coders {
            let mut marks = Vec::with_capacity(annotations.len());
            for a in annotations {
                let document = project
                    .document(a.document)
                    .and_then(|d| index.get(d.text_hash.as_str()));
                let is_wanted = options.tags.is_empty() || options.tags.contains(&a.tag);
                let (Some(&document), true) = (document, is_wanted) else {
                    excluded += 1;
                    continue;
                };
                marks.push(Mark::of(project, a, document));
            }
            out.push(Coder { name, marks });
        }
        Ok(Self {
            coders: out,
            document_chars: shared.iter().map(|d| d.len_chars()).collect(),
            document_titles: shared.iter().map(|d| d.title.clone()).collect(),
            excluded_annotations: excluded,
        })
    }
}

/// Agreement of one pair of coders.
#[derive(Clone, Debug, Serialize)]
pub struct PairAgreement {
    pub first: String,
    pub second: String,
    pub exact: SpanF1,
    pub overlap: SpanF1,
    /// Cohen's κ on the tags of spans both matched.
    pub kappa_tag: Option<f64>,
    /// Cohen's κ on the holders of matched spans both gave a holder.
    pub kappa_holder: Option<f64>,
    /// Matched spans coded by both (tag), and of those with a holder from both.
    pub units_tag: usize,
    pub units_holder: usize,
}

/// Everything `stance agree` reports.
#[derive(Clone, Debug, Serialize)]
pub struct Agreement {
    pub coders: Vec<String>,
    pub documents: Vec<String>,
    pub span_match: SpanMatch,
    pub pairs: Vec<PairAgreement>,
    /// Krippendorff's αU per tag, over the compared documents laid end to end.
    pub alpha_u: BTreeMap<String, Option<f64>>,
    pub alpha_u_overall: Option<f64>,
    /// Fleiss' κ over units every coder matched (three coders or more).
    pub fleiss_tag: Option<f64>,
    pub fleiss_holder: Option<f64>,
    /// Krippendorff's α (nominal) over all matched units, missing values allowed.
    pub alpha_tag: Option<f64>,
    pub alpha_holder: Option<f64>,
    pub units: UnitCounts,
}

/// How many units the coding coefficients used, and how many spans were left out.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct UnitCounts {
    /// Spans of all coders on the compared documents.
    pub spans: usize,
    /// Units made of matched spans (two coders or more).
    pub matched: usize,
    /// Units every coder has a span in (what Fleiss' κ uses).
    pub complete: usize,
    /// Units with holders from two coders or more (what α for the holder uses).
    pub with_holders: usize,
    pub excluded: Excluded,
    /// Annotations not compared at all (other documents or tags, adjudicated).
    pub excluded_annotations: usize,
}

/// Computes every figure of a study.
#[must_use]
pub fn agreement(study: &Study, mode: SpanMatch) -> Agreement {
    let coder_marks: Vec<&[Mark]> = study.coders.iter().map(|c| c.marks.as_slice()).collect();
    let (units, excluded) = spans::units(&coder_marks, mode);
    let tags_of = |u: &spans::Unit<'_>| -> Vec<Option<String>> {
        u.iter().map(|m| m.map(|m| m.tag.clone())).collect()
    };
    let holders_of = |u: &spans::Unit<'_>| -> Vec<Option<String>> {
        u.iter().map(|m| m.and_then(|m| m.holder.clone())).collect()
    };
    let tag_rows: Vec<Vec<Option<String>>> = units.iter().map(tags_of).collect();
    let holder_rows: Vec<Vec<Option<String>>> = units.iter().map(holders_of).collect();
    let mut pairs = Vec::new();
    for (i, a) in study.coders.iter().enumerate() {
        for (j, b) in study.coders.iter().enumerate().skip(i + 1) {
            let both = |rows: &[Vec<Option<String>>]| -> Vec<(String, String)> {
                rows.iter()
                    .filter_map(|r| Some((r[i].clone()?, r[j].clone()?)))
                    .collect()
            };
            let (tags, holders) = (both(&tag_rows), both(&holder_rows));
            pairs.push(PairAgreement {
                first: a.name.clone(),
                second: b.name.clone(),
                exact: span_f1(&a.marks, &b.marks, SpanMatch::Exact),
                overlap: span_f1(&a.marks, &b.marks, SpanMatch::Overlap),
                kappa_tag: coefficients::cohen_kappa(&tags),
                kappa_holder: coefficients::cohen_kappa(&holders),
                units_tag: tags.len(),
                units_holder: holders.len(),
            });
        }
    }
    let complete = |rows: &[Vec<Option<String>>]| -> Vec<Vec<String>> {
        rows.iter()
            .filter_map(|r| r.iter().cloned().collect::<Option<Vec<String>>>())
            .collect()
    };
    let is_multi = study.coders.len() >= 3;
    let (alpha_u, alpha_u_overall) = unitizing_by_tag(study);
    Agreement {
        coders: study.coders.iter().map(|c| c.name.clone()).collect(),
        documents: study.document_titles.clone(),
        span_match: mode,
        pairs,
        alpha_u,
        alpha_u_overall,
        fleiss_tag: is_multi
            .then(|| coefficients::fleiss_kappa(&complete(&tag_rows)))
            .flatten(),
        fleiss_holder: is_multi
            .then(|| coefficients::fleiss_kappa(&complete(&holder_rows)))
            .flatten(),
        alpha_tag: coefficients::krippendorff_alpha_nominal(&tag_rows),
        alpha_holder: coefficients::krippendorff_alpha_nominal(&holder_rows),
        units: UnitCounts {
            spans: coder_marks.iter().map(|m| m.len()).sum(),
            matched: units.len(),
            complete: complete(&tag_rows).len(),
            with_holders: holder_rows
                .iter()
                .filter(|r| r.iter().flatten().count() >= 2)
                .count(),
            excluded,
            excluded_annotations: study.excluded_annotations,
        },
    }
}

/// αU per tag and over all tags; the documents are laid end to end as one continuum.
fn unitizing_by_tag(study: &Study) -> (BTreeMap<String, Option<f64>>, Option<f64>) {
    let mut starts = Vec::with_capacity(study.document_chars.len());
    let mut continuum = 0u64;
    for &len in &study.document_chars {
        starts.push(continuum);
        continuum += len as u64;
    }
    let mut tags: Vec<&str> = study
        .coders
        .iter()
        .flat_map(|c| c.marks.iter().map(|m| m.tag.as_str()))
        .collect();
    tags.sort_unstable();
    tags.dedup();
    let mut per_tag = BTreeMap::new();
    let mut all = Vec::new();
    for tag in tags {
        let coders: Vec<unitizing::Units> = study
            .coders
            .iter()
            .map(|c| {
                let units = c
                    .marks
                    .iter()
                    .filter(|m| m.tag == tag)
                    .flat_map(|m| {
                        let at = starts[m.document];
                        m.ranges
                            .iter()
                            .map(move |r| (at + r.start as u64, at + r.end as u64))
                    })
                    .collect();
                unitizing::normalize(units)
            })
            .collect();
        let alpha = unitizing::alpha_u(continuum, &coders);
        all.extend(alpha);
        per_tag.insert(tag.to_owned(), alpha.and_then(|a| a.alpha()));
    }
    (per_tag, unitizing::alpha_u_overall(&all))
}

#[cfg(test)]
mod tests;
