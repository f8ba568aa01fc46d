//! Agreement of annotators on a small article, checked against values worked out by hand.

use chrono::DateTime;

use super::*;
use crate::model::{Actor, Document, Edit, Span};

const TEXT: &str = "Kyiv said on Friday it would not cede territory. Moscow said talks could \
                    resume. Washington urged both sides to agree a ceasefire before winter.";

/// A project with its own import of the article: `(start, end, tag, holder)` per annotation.
fn coder(marks: &[(usize, usize, &str, Option<&str>)], annotator: &str) -> Project {
    let mut p = Project::new(annotator);
    let doc = Document::new("Talks", TEXT.to_owned());
    let doc_id = doc.id;
    p.apply(p.add_document(doc)).unwrap();
    let now = DateTime::from_timestamp(1_764_900_000, 0).unwrap();
    for &(start, end, tag, holder) in marks {
        let mut a = p
            .new_annotation(doc_id, tag, vec![Span::new(start, end)], now)
            .unwrap();
        a.annotator = Some(annotator.to_owned());
        if let Some(name) = holder {
            let id = match p.actor_named(name) {
                Some(actor) => actor.id,
                None => {
                    let actor = Actor::new(name, None);
                    let id = actor.id;
                    p.apply(p.add_actor(actor).unwrap()).unwrap();
                    id
                }
            };
            a.holders = vec![id];
        }
        p.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    }
    p
}

fn anna() -> Project {
    coder(
        &[
            (0, 10, "claim", Some("Kyiv")),
            (20, 30, "position", Some("Moscow")),
            (40, 50, "claim", None),
        ],
        "anna",
    )
}

fn boris() -> Project {
    coder(
        &[
            (0, 10, "claim", Some("kyiv")),
            (21, 30, "claim", Some("Moscow")),
            (42, 50, "claim", None),
            (60, 70, "position", None),
        ],
        "boris",
    )
}

fn close(value: Option<f64>, expected: f64) {
    let value = value.unwrap_or(f64::NAN);
    assert!((value - expected).abs() < 1e-9, "{value} is not {expected}");
}

#[test]
fn two_projects_compare_on_the_article_they_share() {
    let (a, b) = (anna(), boris());
    let study = Study::of_projects(
        &[("anna".to_owned(), &a), ("boris".to_owned(), &b)],
        &Options::default(),
    )
    .unwrap();
    let report = agreement(&study, SpanMatch::Overlap);
    let pair = &report.pairs[0];
    // Exact: only 0–10 claim; overlapping: also 40–50 with 42–50 (20–30 differs in tag).
    assert_eq!((pair.exact.matched, pair.overlap.matched), (1, 2));
    close(pair.exact.f1, 2.0 / 7.0);
    close(pair.overlap.f1, 4.0 / 7.0);
    // Units: three matched, 60–70 unmatched. Tags (claim, claim), (position, claim),
    // (claim, claim): observed 2/3 = expected 2/3, so κ = 0. Holders agree on both: κ = 1.
    assert_eq!(report.units.matched, 3);
    assert_eq!(report.units.excluded.unmatched, 1);
    close(pair.kappa_tag, 0.0);
    assert_eq!(pair.units_holder, 2);
    close(pair.kappa_holder, 1.0);
    assert!(report.fleiss_tag.is_none());
    assert!(report.alpha_u["claim"].is_some());
}

#[test]
fn annotators_of_one_project_compare_like_their_own_projects() {
    let (a, b) = (anna(), boris());
    let apart = agreement(
        &Study::of_projects(
            &[("anna".to_owned(), &a), ("boris".to_owned(), &b)],
            &Options::default(),
        )
        .unwrap(),
        SpanMatch::Overlap,
    );
    // One project holding both annotators' work (what a merge of their files gives).
    let mut together = a.clone();
    let doc = together.documents()[0].id;
    for mut x in b.annotations().iter().map(|a| Annotation::clone(a)) {
        x.document = doc;
        x.holders = (x.holders.iter())
            .filter_map(|&h| b.actor(h))
            .filter_map(|actor| together.actor_named(&actor.name))
            .map(|actor| actor.id)
            .collect();
        together.apply(Edit::AddAnnotation(Box::new(x))).unwrap();
    }
    let within = agreement(
        &Study::of_annotators(&together, &Options::default()).unwrap(),
        SpanMatch::Overlap,
    );
    assert_eq!(within.coders, ["anna", "boris"]);
    assert_eq!(within.pairs[0].overlap, apart.pairs[0].overlap);
    assert_eq!(within.pairs[0].kappa_tag, apart.pairs[0].kappa_tag);
    assert_eq!(within.alpha_u, apart.alpha_u);
}

#[test]
fn tags_and_documents_narrow_what_is_compared() {
    let (a, b) = (anna(), boris());
    let projects = [("anna".to_owned(), &a), ("boris".to_owned(), &b)];
    let options = Options {
        tags: vec!["position".to_owned()],
        ..Options::default()
    };
    let study = Study::of_projects(&projects, &options).unwrap();
    assert_eq!(study.coders[0].marks.len(), 1);
    assert_eq!(study.excluded_annotations, 5);
    let missing = Options {
        document: Some(DocumentQuery::new("Elsewhere")),
        ..Options::default()
    };
    assert_eq!(
        Study::of_projects(&projects, &missing).unwrap_err(),
        StudyError::NoSuchDocument("Elsewhere".to_owned())
    );
    assert_eq!(
        Study::of_annotators(&a, &Options::default()).unwrap_err(),
        StudyError::TooFewCoders { found: 1 }
    );
}

#[test]
fn three_coders_get_fleiss_kappa() {
    let c = coder(
        &[
            (0, 10, "claim", None),
            (20, 30, "position", None),
            (40, 50, "position", None),
        ],
        "chen",
    );
    let (a, b) = (anna(), boris());
    let study = Study::of_projects(
        &[
            ("a".to_owned(), &a),
            ("b".to_owned(), &b),
            ("c".to_owned(), &c),
        ],
        &Options::default(),
    )
    .unwrap();
    let report = agreement(&study, SpanMatch::Overlap);
    assert_eq!(report.pairs.len(), 3);
    assert_eq!(report.units.complete, 3);
    // Units: (claim ×3), (position, claim, position), (claim, claim, position).
    let expected = coefficients::fleiss_kappa_counts(&[vec![3, 0], vec![1, 2], vec![2, 1]]);
    assert_eq!(report.fleiss_tag, expected);
    assert!(report.fleiss_tag.is_some());
}

/// One person typed two ways is one coder; annotations without an annotator are one more,
/// "unknown"; adjudicated ones are no one's. `stance agree` (a study of one project's
/// annotators) and the compare view's figures count them alike.
#[test]
fn the_app_and_stance_agree_tell_annotators_apart_alike() {
    let mut p = coder(&[(0, 4, "claim", None), (10, 37, "position", None)], "Anna");
    let now = DateTime::from_timestamp(1_764_900_000, 0).unwrap();
    let doc = p.documents()[0].id;
    for (who, start, end) in [
        (Some("  anna "), 49, 55),
        (None, 0, 4),
        (Some(""), 12, 37),
        (Some("Adjudicated"), 0, 4),
        (Some("boris"), 0, 4),
    ] {
        let mut a = p
            .new_annotation(doc, "claim", vec![Span::new(start, end)], now)
            .unwrap();
        a.annotator = who.map(str::to_owned);
        p.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    }
    let study = Study::of_annotators(&p, &Options::default()).unwrap();
    let names: Vec<&str> = study.coders.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["unknown", "Anna", "boris"]);
    let marks: Vec<usize> = study.coders.iter().map(|c| c.marks.len()).collect();
    assert_eq!(marks, [2, 3, 1]);
    assert_eq!(study.excluded_annotations, 1);
    let cli = agreement(&study, SpanMatch::Overlap);
    let app = crate::team::adjudication::figures(&p).total.unwrap();
    assert_eq!(app.coders, cli.coders);
    assert_eq!(app.units.spans, cli.units.spans);
    assert_eq!(app.units.matched, cli.units.matched);
    assert_eq!(app.units.excluded_annotations, 1);
    assert_eq!(
        crate::team::adjudication::coders(&p),
        [None, Some("Anna".to_owned()), Some("boris".to_owned())]
    );
}
