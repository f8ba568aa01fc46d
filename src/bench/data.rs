//! Deterministic benchmark data: the three datasets of issue 5, built through the model's API.
//!
//! Every id, text and timestamp comes from a seeded [`Rng`], so two runs measure the same
//! project. Sizes are parameters, so tests can build the same shapes small.

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use super::rng::Rng;
use crate::model::{
    Actor, ActorId, AnnotationId, Document, DocumentId, Edit, EditError, Project, Span, text,
};

/// Dataset (b): one long article.
#[derive(Clone, Copy, Debug)]
pub struct LongArticleSpec {
    pub text_bytes: usize,
    pub annotations: usize,
    pub actors: usize,
}

impl LongArticleSpec {
    /// 1 MiB of text, ~2,000 paragraphs, 10,000 annotations, 300 actors.
    pub const FULL: Self = Self {
        text_bytes: 1 << 20,
        annotations: 10_000,
        actors: 300,
    };
}

/// Dataset (c): a project of many articles.
#[derive(Clone, Copy, Debug)]
pub struct ManyArticlesSpec {
    pub articles: usize,
    pub text_bytes: usize,
    pub annotations: usize,
    pub actors: usize,
}

impl ManyArticlesSpec {
    /// 200 articles, 3 MB of text, 20,000 annotations, 300 actors.
    pub const FULL: Self = Self {
        articles: 200,
        text_bytes: 3_000_000,
        annotations: 20_000,
        actors: 300,
    };
}

/// Dataset (a): the bundled reference article with `annotations` generated annotations.
///
/// # Errors
/// A generated edit was refused by the model (a bug in the generator).
pub fn reference_project(annotations: usize) -> Result<Project, EditError> {
    let mut rng = Rng::new(0xa);
    let mut project = Project::new("Benchmark (a): reference article");
    // Imported exactly as the app imports the bundled article (title, date, normalised text).
    let mut doc = crate::io::formats::article::document_from_text(
        crate::app::SAMPLE_FILE_NAME,
        crate::app::SAMPLE_ARTICLE,
        None,
    );
    doc.id = DocumentId(Uuid::from_u128(rng.next_u128()));
    let doc_id = doc.id;
    project.apply(project.add_document(doc))?;
    add_actors(&mut project, &mut rng, 12)?;
    add_annotations(&mut project, &mut rng, doc_id, annotations, 0)?;
    Ok(project)
}

/// Dataset (b): one long generated article.
///
/// # Errors
/// A generated edit was refused by the model (a bug in the generator).
pub fn long_article_project(spec: LongArticleSpec) -> Result<Project, EditError> {
    let mut rng = Rng::new(0xb);
    let mut project = Project::new("Benchmark (b): one long article");
    let mut doc = Document::new(
        "Transcript: the Geneva round, all sessions",
        article_text(&mut rng, spec.text_bytes),
    );
    doc.id = DocumentId(Uuid::from_u128(rng.next_u128()));
    let doc_id = doc.id;
    project.apply(project.add_document(doc))?;
    add_actors(&mut project, &mut rng, spec.actors)?;
    add_annotations(&mut project, &mut rng, doc_id, spec.annotations, 0)?;
    Ok(project)
}

/// Dataset (c): many generated articles, annotations spread in proportion to their length.
///
/// # Errors
/// A generated edit was refused by the model (a bug in the generator).
pub fn many_articles_project(spec: ManyArticlesSpec) -> Result<Project, EditError> {
    let mut rng = Rng::new(0xc);
    let mut project = Project::new("Benchmark (c): a season of talks");
    let articles = spec.articles.max(1);
    let mean_bytes = spec.text_bytes / articles;
    let mut docs = Vec::with_capacity(articles);
    for i in 0..articles {
        // Lengths vary from a third to five thirds of the mean, and still sum to about the total.
        let bytes = mean_bytes / 3 + rng.below(mean_bytes * 4 / 3 + 1);
        let title = format!("{} — report {}", *rng.pick(PLACES), i + 1);
        let mut doc = Document::new(title, article_text(&mut rng, bytes));
        doc.id = DocumentId(Uuid::from_u128(rng.next_u128()));
        docs.push(doc);
    }
    let total_bytes: usize = docs.iter().map(|d| d.text.len()).sum::<usize>().max(1);
    let shares: Vec<(DocumentId, usize)> = docs
        .iter()
        .map(|d| (d.id, d.text.len() * spec.annotations / total_bytes))
        .collect();
    // Adding documents in one batch re-sorts annotations once, not once per document.
    let edits = docs
        .into_iter()
        .enumerate()
        .map(|(index, document)| Edit::InsertDocument {
            index,
            document: Box::new(document),
        })
        .collect();
    project.apply(Edit::Batch(edits))?;
    add_actors(&mut project, &mut rng, spec.actors)?;
    let mut made = 0;
    let last = shares.len() - 1;
    for (i, (doc_id, share)) in shares.into_iter().enumerate() {
        // The last document takes the rounding remainder, so the total is exact.
        let count = if i == last {
            spec.annotations.saturating_sub(made)
        } else {
            share
        };
        add_annotations(&mut project, &mut rng, doc_id, count, made)?;
        made += count;
    }
    Ok(project)
}

pub(super) fn add_actors(
    project: &mut Project,
    rng: &mut Rng,
    count: usize,
) -> Result<(), EditError> {
    for i in 0..count {
        let given = GIVEN_NAMES[i % GIVEN_NAMES.len()];
        let family = FAMILY_NAMES[(i / GIVEN_NAMES.len()) % FAMILY_NAMES.len()];
        let round = i / (GIVEN_NAMES.len() * FAMILY_NAMES.len());
        let name = if round == 0 {
            format!("{given} {family}")
        } else {
            format!("{given} {family} ({})", round + 1)
        };
        let mut actor = Actor::new(name, Some(*rng.pick(AFFILIATIONS)));
        actor.id = ActorId(Uuid::from_u128(rng.next_u128()));
        project.apply(project.add_actor(actor)?)?;
    }
    Ok(())
}

/// Adds `count` word-aligned annotations to one document: some overlap their predecessor,
/// some are discontinuous (two ranges), most have a holder and some a note.
pub(super) fn add_annotations(
    project: &mut Project,
    rng: &mut Rng,
    doc_id: DocumentId,
    count: usize,
    serial_start: usize,
) -> Result<(), EditError> {
    let base_time = DateTime::<Utc>::from_timestamp(1_764_892_800, 0).unwrap_or_default();
    let tags: Vec<String> = project
        .schema()
        .tags
        .iter()
        .map(|t| t.key.clone())
        .collect();
    let actors: Vec<ActorId> = project.actors().iter().map(|a| a.id).collect();
    let mut previous: Option<Span> = None;
    let mut made = 0;
    let mut attempts = 0;
    while made < count && attempts < count * 4 + 16 {
        attempts += 1;
        let Some(doc) = project.document(doc_id) else {
            return Err(EditError::NoSuchDocument(doc_id));
        };
        let overlap_with = previous.filter(|_| rng.percent(15));
        let Some(first) = random_span(doc, rng, overlap_with) else {
            continue;
        };
        let mut ranges = vec![first];
        if rng.percent(7)
            && let Some(second) = second_range(doc, rng, first)
        {
            ranges.push(second);
        }
        let serial = serial_start + made;
        let now = base_time + TimeDelta::seconds(i64::try_from(serial).unwrap_or(0));
        let tag = rng.pick(&tags).clone();
        let mut annotation = project.new_annotation(doc_id, &tag, ranges, now)?;
        annotation.id = AnnotationId(Uuid::from_u128(rng.next_u128()));
        if !actors.is_empty() && rng.percent(85) {
            annotation.holders = vec![*rng.pick(&actors)];
        }
        if rng.percent(20) {
            annotation.note = Some(sentence(rng, 5, 16));
        }
        previous = Some(first);
        project.apply(Edit::AddAnnotation(Box::new(annotation)))?;
        made += 1;
    }
    Ok(())
}

/// A word-aligned span inside one paragraph; with `overlap_with`, one starting inside it.
pub(super) fn random_span(
    doc: &Document,
    rng: &mut Rng,
    overlap_with: Option<Span>,
) -> Option<Span> {
    let paragraphs = doc.paragraphs();
    if paragraphs.is_empty() {
        return None;
    }
    let (paragraph, start_chars) = match overlap_with {
        Some(span) => (
            paragraphs[doc.paragraph_at(span.start)],
            span.start + rng.below(span.len()),
        ),
        None => {
            let p = *rng.pick(paragraphs);
            (p, p.chars.start + rng.below(p.chars.len()))
        }
    };
    let end_chars = (start_chars + rng.between(8, 160)).min(paragraph.chars.end);
    snap_to_words(doc, paragraph.chars, Span::new(start_chars, end_chars))
}

/// A later range for a discontinuous annotation: further on in the same or the next paragraph.
fn second_range(doc: &Document, rng: &mut Rng, first: Span) -> Option<Span> {
    let paragraphs = doc.paragraphs();
    let index = (doc.paragraph_at(first.start) + rng.below(2)).min(paragraphs.len() - 1);
    let paragraph = paragraphs[index];
    let from = paragraph.chars.start.max(first.end + 1);
    if from + 4 >= paragraph.chars.end {
        return None;
    }
    let start = from + rng.below(paragraph.chars.end - from);
    let end = (start + rng.between(4, 60)).min(paragraph.chars.end);
    let snapped = snap_to_words(doc, paragraph.chars, Span::new(start, end))?;
    (snapped.start > first.end).then_some(snapped)
}

/// Grows a span to whole words, working on its paragraph only (never the whole text).
fn snap_to_words(doc: &Document, paragraph: Span, span: Span) -> Option<Span> {
    let paragraph_text = doc.slice(paragraph)?;
    let base_bytes = doc.char_to_byte(paragraph.start)?;
    let start = doc.char_to_byte(span.start)? - base_bytes;
    let end = doc.char_to_byte(span.end)? - base_bytes;
    let snapped = text::snap_bytes_to_words(paragraph_text, start..end);
    let start_chars = doc.byte_to_char(base_bytes + snapped.start)?;
    let end_chars = doc.byte_to_char(base_bytes + snapped.end)?;
    let span = Span::new(start_chars, end_chars);
    let quote = doc.slice(span)?;
    (!quote.trim().is_empty()).then_some(span)
}

/// Article text of about `target_bytes`: paragraphs of varied length separated by blank lines.
pub(super) fn article_text(rng: &mut Rng, target_bytes: usize) -> String {
    let mut out = String::with_capacity(target_bytes + 4096);
    while out.len() < target_bytes {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        // Mostly ordinary paragraphs, with one-line quotes and the odd wall of text.
        let paragraph_bytes = match rng.below(100) {
            0..15 => rng.between(40, 120),
            15..85 => rng.between(150, 560),
            85..98 => rng.between(700, 1400),
            _ => rng.between(2000, 5000),
        }
        .min((target_bytes + 40).saturating_sub(out.len()));
        paragraph(rng, paragraph_bytes, &mut out);
    }
    out
}

fn paragraph(rng: &mut Rng, target_bytes: usize, out: &mut String) {
    let start = out.len();
    while out.len() - start < target_bytes {
        if out.len() > start {
            out.push(' ');
        }
        if rng.percent(12) {
            out.push('“');
            out.push_str(&sentence(rng, 6, 22));
            out.push_str("” said ");
            let given = *rng.pick(GIVEN_NAMES);
            let family = *rng.pick(FAMILY_NAMES);
            out.push_str(given);
            out.push(' ');
            out.push_str(family);
            out.push('.');
        } else {
            out.push_str(&sentence(rng, 6, 28));
        }
    }
}

pub(super) fn sentence(rng: &mut Rng, min_words: usize, max_words: usize) -> String {
    let words = rng.between(min_words, max_words);
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(if rng.percent(6) { ',' } else { ' ' });
            if out.ends_with(',') {
                out.push(' ');
            }
        }
        let word = if rng.percent(6) {
            *rng.pick(NON_ASCII_WORDS)
        } else {
            *rng.pick(WORDS)
        };
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(word);
        }
    }
    out.push('.');
    out
}

const WORDS: &[&str] = &[
    "the",
    "talks",
    "delegation",
    "officials",
    "said",
    "agreed",
    "on",
    "a",
    "framework",
    "for",
    "security",
    "guarantees",
    "ceasefire",
    "negotiators",
    "proposal",
    "territorial",
    "issue",
    "compromise",
    "envoy",
    "minister",
    "of",
    "and",
    "in",
    "with",
    "to",
    "reporters",
    "after",
    "meeting",
    "progress",
    "toward",
    "agreement",
    "depends",
    "readiness",
    "serious",
    "commitment",
    "long-term",
    "peace",
    "sanctions",
    "economic",
    "initiatives",
    "reconstruction",
    "prisoners",
    "exchange",
    "monitoring",
    "mission",
    "border",
    "withdrawal",
    "forces",
    "concessions",
    "demands",
    "position",
    "statement",
    "joint",
    "draft",
    "points",
    "clause",
    "text",
    "round",
    "second",
    "third",
    "day",
    "Friday",
    "Tuesday",
    "constructive",
    "substantive",
    "would",
    "could",
    "not",
    "yet",
    "accept",
    "reject",
    "insist",
    "that",
    "any",
    "deal",
    "must",
    "include",
    "energy",
    "grain",
    "corridor",
    "nuclear",
    "plant",
    "referendum",
    "elections",
    "amnesty",
    "observers",
    "timeline",
    "phased",
    "verification",
];

/// Accents, Cyrillic, CJK, Arabic, combining marks, en/em dashes and emoji: byte and char
/// offsets differ after each of these.
const NON_ASCII_WORDS: &[&str] = &[
    "Kyiv–Moscow",
    "café",
    "Genève",
    "Ушаков",
    "Київ",
    "北京",
    "谈判",
    "Türkiye",
    "naïve",
    "Düsseldorf",
    "São",
    "Erdoğan",
    "—",
    "🇺🇦",
    "🤝",
    "€2.5bn",
    "Šefčovič",
    "Łukasz",
    "التفاوض",
    "de\u{301}ja\u{300}",
    "U.S.–Ukraine",
    "1–2",
];

const GIVEN_NAMES: &[&str] = &[
    "Yuri",
    "Marco",
    "Steve",
    "Jared",
    "Rustem",
    "Andrii",
    "Kaja",
    "Ursula",
    "Olena",
    "Sergei",
    "Hakan",
    "Emmanuel",
    "Friedrich",
    "Keir",
    "Giorgia",
    "Antonio",
    "Dmytro",
    "Pavel",
    "Li",
    "Recep",
];

const FAMILY_NAMES: &[&str] = &[
    "Ushakov",
    "Rubio",
    "Witkoff",
    "Kushner",
    "Umerov",
    "Yermak",
    "Kallas",
    "Sybiha",
    "Lavrov",
    "Fidan",
    "Šefčovič",
    "Erdoğan",
    "Müller",
    "Zarubin",
    "Wang",
];

const AFFILIATIONS: &[&str] = &[
    "Russia",
    "United States",
    "Ukraine",
    "European Union",
    "Türkiye",
    "United Kingdom",
    "France",
    "Germany",
    "China",
    "United Nations",
];

const PLACES: &[&str] = &[
    "Geneva",
    "Istanbul",
    "Riyadh",
    "Hallandale Beach",
    "Moscow",
    "Kyiv",
    "Brussels",
    "Abu Dhabi",
    "Doha",
    "Genève",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn small_long() -> LongArticleSpec {
        LongArticleSpec {
            text_bytes: 40_000,
            annotations: 300,
            actors: 20,
        }
    }

    #[test]
    fn reference_dataset_is_valid() {
        let project = reference_project(50).unwrap();
        assert_eq!(project.problems(), Vec::new());
        assert_eq!(project.annotations().len(), 50);
        assert!(project.documents()[0].text.starts_with("President Trump's"));
    }

    #[test]
    fn long_article_is_valid_varied_and_deterministic() {
        let project = long_article_project(small_long()).unwrap();
        assert_eq!(project.problems(), Vec::new());
        let doc = &project.documents()[0];
        assert!(doc.text.len() >= 40_000);
        assert!(!doc.text.is_ascii());
        assert_eq!(project.annotations().len(), 300);
        assert_eq!(project.actors().len(), 20);
        let lengths: Vec<usize> = doc.paragraphs().iter().map(|p| p.chars.len()).collect();
        assert!(lengths.iter().min() < Some(&150));
        assert!(lengths.iter().max() > Some(&700));
        assert!(project.annotations().iter().any(|a| a.ranges.len() > 1));
        let overlapping = project
            .annotations()
            .windows(2)
            .any(|w| w[0].extent().overlaps(&w[1].extent()));
        assert!(overlapping);
        assert_eq!(project, long_article_project(small_long()).unwrap());
    }

    #[test]
    fn many_articles_is_valid_with_exact_counts() {
        let spec = ManyArticlesSpec {
            articles: 8,
            text_bytes: 60_000,
            annotations: 400,
            actors: 30,
        };
        let project = many_articles_project(spec).unwrap();
        assert_eq!(project.problems(), Vec::new());
        assert_eq!(project.documents().len(), 8);
        assert_eq!(project.annotations().len(), 400);
        let total: usize = project.documents().iter().map(|d| d.text.len()).sum();
        assert!((40_000..90_000).contains(&total), "{total} bytes");
        for doc in project.documents() {
            assert!(project.annotations_of(doc.id).count() > 0);
        }
    }

    #[test]
    fn actor_names_are_unique_past_one_round() {
        let mut project = Project::new("t");
        add_actors(&mut project, &mut Rng::new(1), 320).unwrap();
        let names: std::collections::HashSet<_> =
            project.actors().iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names.len(), 320);
    }
}
