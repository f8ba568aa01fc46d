//! The corpus case of issue 12: many dated articles from several outlets, with annotations that
//! carry the negotiation fields (holder, issues, stance, target, attribution) and relations.
//!
//! Deterministic (a seeded [`Rng`]) and fast: the project is assembled directly, then sorted
//! once, instead of applying 100,000 edits one at a time. Sizes are parameters, so tests
//! build the same shape small.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use uuid::Uuid;

use super::data::{article_text, random_span};
use super::rng::Rng;
use crate::model::{
    Actor, ActorId, Annotation, AnnotationId, Attribution, Document, DocumentId, Issue, IssueId,
    Project, ProjectParts, Relation, RelationId, Span, Stance,
};

/// The shape of a generated corpus.
#[derive(Clone, Copy, Debug)]
pub struct CorpusSpec {
    pub documents: usize,
    pub text_bytes: usize,
    pub annotations: usize,
    pub actors: usize,
    pub issues: usize,
}

impl CorpusSpec {
    /// 2,000 documents, 10 MB of text, 100,000 annotations over 40 actors and 25 issues.
    pub const FULL: Self = Self {
        documents: 2_000,
        text_bytes: 10_000_000,
        annotations: 100_000,
        actors: 40,
        issues: 25,
    };
}

/// A word of the generated text that occurs often in every article: what the bench searches.
pub const SEARCH_WORD: &str = "ceasefire";

/// The first publication date; the corpus spans [`SPAN_DAYS`] from here.
const FIRST_DATE: (i32, u32, u32) = (2025, 9, 1);
const SPAN_DAYS: usize = 120;

/// Generates the corpus project. Every document has a date and an outlet; positions and
/// concessions have issues and stances that mostly hold per actor and issue, with flips late
/// in the period; some concessions point at the positions they yield to.
#[must_use]
pub fn corpus_project(spec: CorpusSpec) -> Project {
    let mut rng = Rng::new(0xc0);
    let mut project = ProjectParts {
        documents: documents(&mut rng, spec),
        actors: actors(&mut rng, spec.actors),
        issues: issues(&mut rng, spec.issues),
        ..ProjectParts::new("Benchmark: a corpus of negotiation reports")
    };
    let mut generator = Annotator::new(&project, spec);
    let total_bytes: usize = (project.documents.iter().map(|d| d.text.len()))
        .sum::<usize>()
        .max(1);
    let mut made = 0;
    let last = project.documents.len().saturating_sub(1);
    for (index, doc) in project.documents.iter().enumerate() {
        // Annotations in proportion to length; the last document takes the remainder.
        let count = if index == last {
            spec.annotations.saturating_sub(made)
        } else {
            doc.text.len() * spec.annotations / total_bytes
        };
        made += generator.annotate(&mut rng, doc, index, count);
    }
    let Annotator {
        annotations,
        relations,
        ..
    } = generator;
    project.annotations = annotations;
    project.relations = relations;
    Project::from_parts(project)
}

fn documents(rng: &mut Rng, spec: CorpusSpec) -> Vec<Document> {
    let count = spec.documents.max(1);
    let mean_bytes = spec.text_bytes / count;
    let first = NaiveDate::from_ymd_opt(FIRST_DATE.0, FIRST_DATE.1, FIRST_DATE.2);
    (0..count)
        .map(|i| {
            // From a third to five thirds of the mean: the total stays about `text_bytes`.
            let bytes = mean_bytes / 3 + rng.below(mean_bytes * 4 / 3 + 1);
            let place = *rng.pick(PLACES);
            let headline = *rng.pick(HEADLINES);
            let mut doc = Document::new(
                format!("{place}: {headline} ({})", i + 1),
                article_text(rng, bytes),
            );
            doc.id = DocumentId(Uuid::from_u128(rng.next_u128()));
            let day = i * SPAN_DAYS / count;
            doc.date = first.and_then(|d| {
                d.checked_add_days(chrono::Days::new(u64::try_from(day).unwrap_or(0)))
            });
            doc.outlet = Some((*rng.pick(OUTLETS)).to_owned());
            doc.source = Some(format!("https://example.org/talks/{}", i + 1));
            doc
        })
        .collect()
}

fn actors(rng: &mut Rng, count: usize) -> Vec<Actor> {
    (0..count)
        .map(|i| {
            let given = GIVEN[i % GIVEN.len()];
            let family = FAMILY[(i / GIVEN.len() + i) % FAMILY.len()];
            let round = i / (GIVEN.len() * FAMILY.len());
            let name = if round == 0 {
                format!("{given} {family}")
            } else {
                format!("{given} {family} ({})", round + 1)
            };
            // Sides of the talks in turn, so each affiliation has about as many actors.
            let mut actor = Actor::new(name, Some(SIDES[i % SIDES.len()]));
            actor.id = ActorId(Uuid::from_u128(rng.next_u128()));
            actor
        })
        .collect()
}

fn issues(rng: &mut Rng, count: usize) -> Vec<Issue> {
    (0..count)
        .map(|i| {
            let base = ISSUES[i % ISSUES.len()];
            let round = i / ISSUES.len();
            let name = if round == 0 {
                base.to_owned()
            } else {
                format!("{base} ({})", round + 1)
            };
            let mut issue = Issue::new(name);
            issue.id = IssueId(Uuid::from_u128(rng.next_u128()));
            issue
        })
        .collect()
}

/// Builds annotations and relations document by document, remembering recent positions per
/// issue so concessions and responses can point back at them.
struct Annotator {
    actors: Vec<(ActorId, usize)>,
    issues: Vec<IssueId>,
    documents: usize,
    /// Recent positions per issue: (annotation, holder index).
    recent_positions: Vec<Vec<(AnnotationId, usize)>>,
    annotations: Vec<Annotation>,
    relations: Vec<Relation>,
    base_time: DateTime<Utc>,
}

/// How many recent positions per issue a relation may point at.
const RECENT: usize = 8;

impl Annotator {
    fn new(project: &ProjectParts, spec: CorpusSpec) -> Self {
        Self {
            actors: (project.actors.iter().enumerate())
                .map(|(i, a)| (a.id, i))
                .collect(),
            issues: project.issues.iter().map(|i| i.id).collect(),
            documents: project.documents.len().max(1),
            recent_positions: vec![Vec::new(); project.issues.len()],
            annotations: Vec::with_capacity(spec.annotations),
            relations: Vec::new(),
            base_time: DateTime::<Utc>::from_timestamp(1_756_684_800, 0).unwrap_or_default(),
        }
    }

    /// Adds up to `count` annotations to `doc` (the `index`th document); returns how many.
    fn annotate(&mut self, rng: &mut Rng, doc: &Document, index: usize, count: usize) -> usize {
        let mut made = 0;
        let mut previous: Option<Span> = None;
        let mut attempts = 0;
        while made < count && attempts < count * 4 + 16 {
            attempts += 1;
            let overlap_with = previous.filter(|_| rng.percent(10));
            let Some(span) = random_span(doc, rng, overlap_with) else {
                continue;
            };
            let Some(quote) = doc.slice(span) else {
                continue;
            };
            previous = Some(span);
            let serial = self.annotations.len();
            let now = self.base_time + TimeDelta::seconds(i64::try_from(serial).unwrap_or(0));
            let tag = match rng.below(100) {
                0..45 => "claim",
                45..80 => "position",
                _ => "concession",
            };
            let id = AnnotationId(Uuid::from_u128(rng.next_u128()));
            let mut annotation = Annotation::bare(id, doc.id, tag, vec![span], quote, now);
            annotation.annotator = Some(if rng.percent(50) { "ana" } else { "ben" }.to_owned());
            self.fill_fields(rng, &mut annotation, index);
            self.link(rng, &annotation);
            self.annotations.push(annotation);
            made += 1;
        }
        made
    }

    /// Holder, issues, stance, target and attribution, as an analyst would fill them in.
    fn fill_fields(&self, rng: &mut Rng, a: &mut Annotation, doc_index: usize) {
        if self.actors.is_empty() || !rng.percent(92) {
            return;
        }
        let (holder, holder_index) = *rng.pick(&self.actors);
        a.holder = Some(holder);
        a.attribution = Some(match rng.below(10) {
            0..4 => Attribution::Direct,
            4..7 => Attribution::Indirect,
            7..9 => Attribution::Paraphrase,
            _ => Attribution::Author,
        });
        if self.issues.is_empty() || (a.tag == "claim" && rng.percent(50)) {
            return;
        }
        let issue_index = rng.below(self.issues.len());
        a.issues.push(self.issues[issue_index]);
        if rng.percent(12) {
            let second = self.issues[rng.below(self.issues.len())];
            if second != a.issues[0] {
                a.issues.push(second);
            }
        }
        if a.tag == "claim" {
            return;
        }
        let late = doc_index * 10 >= self.documents * 6;
        let stance = if rng.percent(8) {
            Stance::Unclear
        } else {
            usual_stance(holder_index, issue_index, late)
        };
        a.stance = Some(stance);
        if stance == Stance::Conditional {
            a.condition = Some((*rng.pick(CONDITIONS)).to_owned());
        }
        if rng.percent(50) {
            let (target, target_index) = *rng.pick(&self.actors);
            if target_index % SIDES.len() != holder_index % SIDES.len() {
                a.target = Some(target);
            }
        }
    }

    /// Concessions point at a recent position on their issue (`concedes-to`), some positions
    /// answer one (`responds-to`); positions are remembered for later links.
    fn link(&mut self, rng: &mut Rng, a: &Annotation) {
        let (Some(&issue), Some(holder)) = (a.issues.first(), a.holder) else {
            return;
        };
        let Some(issue_index) = self.issues.iter().position(|&i| i == issue) else {
            return;
        };
        let holder_index = (self.actors.iter())
            .position(|&(id, _)| id == holder)
            .unwrap_or(0);
        let kind = match a.tag.as_str() {
            "concession" if rng.percent(60) => Some("concedes-to"),
            "position" if rng.percent(15) => Some("responds-to"),
            "position" if rng.percent(3) => Some("contradicts"),
            _ => None,
        };
        let recent = &mut self.recent_positions[issue_index];
        if let Some(kind) = kind {
            let others: Vec<AnnotationId> = (recent.iter())
                .filter(|&&(_, h)| h != holder_index)
                .map(|&(id, _)| id)
                .collect();
            if !others.is_empty() {
                let mut relation = Relation::new(kind, a.id, *rng.pick(&others));
                relation.id = RelationId(Uuid::from_u128(rng.next_u128()));
                self.relations.push(relation);
            }
        }
        if a.tag == "position" {
            if recent.len() == RECENT {
                recent.remove(0);
            }
            recent.push((a.id, holder_index));
        }
    }
}

/// Where an actor usually stands on an issue: fixed per pair, with one pair in five flipping
/// between for and against late in the period, so "what changed" has something to show.
fn usual_stance(actor: usize, issue: usize, late: bool) -> Stance {
    let stance = match (actor * 7 + issue * 3) % 3 {
        0 => Stance::For,
        1 => Stance::Against,
        _ => Stance::Conditional,
    };
    let flips = (actor + issue).is_multiple_of(5);
    match stance {
        Stance::For if late && flips => Stance::Against,
        Stance::Against if late && flips => Stance::For,
        other => other,
    }
}

const SIDES: &[&str] = &[
    "Russia",
    "United States",
    "Ukraine",
    "European Union",
    "Mediators",
];

const GIVEN: &[&str] = &[
    "Anya", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kira",
    "Lev", "Mira", "Nikos", "Olga", "Pavlo",
];

const FAMILY: &[&str] = &[
    "Aldana",
    "Brenner",
    "Cortés",
    "Dovzhenko",
    "Eriksen",
    "Farkas",
    "Gromov",
    "Halloran",
    "Ivaniuk",
    "Jovanović",
    "Kessler",
];

const ISSUES: &[&str] = &[
    "Territory",
    "Security guarantees",
    "Ceasefire",
    "Sanctions",
    "Reconstruction",
    "Prisoners",
    "Process",
    "Energy",
    "Grain corridor",
    "Nuclear plant",
    "Elections",
    "Amnesty",
    "Monitoring mission",
    "Border",
    "Withdrawal of forces",
    "Frozen assets",
    "Alliance membership",
    "EU accession",
    "Army size",
    "Language rights",
    "Reparations",
    "Humanitarian corridors",
    "Black Sea navigation",
    "Referendum",
    "Peace framework",
];

const OUTLETS: &[&str] = &[
    "The Geneva Ledger",
    "Baltic Wire",
    "Dnipro Courier",
    "Volga Evening",
    "Atlantic Dispatch",
    "Bosphorus Daily",
    "Brussels Brief",
    "Gulf Observer",
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
    "Genève",
];

const HEADLINES: &[&str] = &[
    "delegations meet again",
    "envoys report progress",
    "talks stall over territory",
    "a draft framework circulates",
    "negotiators trade proposals",
    "no breakthrough after day two",
    "a prisoner exchange is agreed",
    "sanctions relief on the table",
];

const CONDITIONS: &[&str] = &[
    "if a ceasefire holds for thirty days",
    "provided monitors are allowed in",
    "once sanctions are eased",
    "if the guarantees are binding",
    "after forces withdraw from the line",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> CorpusSpec {
        CorpusSpec {
            documents: 30,
            text_bytes: 150_000,
            annotations: 1_500,
            actors: 40,
            issues: 25,
        }
    }

    #[test]
    fn corpus_is_valid_dated_and_exact() {
        let project = corpus_project(small());
        assert_eq!(project.problems(), Vec::new());
        assert_eq!(project.documents().len(), 30);
        assert_eq!(project.annotations().len(), 1_500);
        assert_eq!(project.actors().len(), 40);
        assert_eq!(project.issues().len(), 25);
        let total: usize = project.documents().iter().map(|d| d.text.len()).sum();
        assert!((100_000..200_000).contains(&total), "{total} bytes");
        assert!(project.documents().iter().all(|d| d.outlet.is_some()));
        let dates: Vec<_> = project.documents().iter().map(|d| d.date).collect();
        assert!(dates.iter().all(Option::is_some));
        assert!(dates.windows(2).all(|w| w[0] <= w[1]));
        assert_ne!(dates.first(), dates.last());
    }

    #[test]
    fn corpus_has_negotiation_fields_and_relations() {
        let project = corpus_project(small());
        let tagged = |tag: &str| {
            project
                .annotations()
                .iter()
                .filter(|a| a.tag == tag)
                .count()
        };
        assert!(tagged("claim") > 0 && tagged("position") > 0 && tagged("concession") > 0);
        let positions = project.annotations().iter().filter(|a| a.tag == "position");
        assert!(positions.clone().any(|a| a.stance == Some(Stance::For)));
        assert!(positions.clone().any(|a| a.stance == Some(Stance::Against)));
        assert!(positions.clone().any(|a| a.condition.is_some()));
        assert!(
            project
                .annotations()
                .iter()
                .all(|a| a.tag == "claim" || !a.issues.is_empty() || a.holder.is_none())
        );
        assert!(project.relations().iter().any(|r| r.kind == "concedes-to"));
        assert!(project.relations().iter().any(|r| r.kind == "responds-to"));
        let search_hits = project.documents()[0].text.matches(SEARCH_WORD).count();
        assert!(search_hits > 0);
    }

    #[test]
    fn corpus_is_deterministic() {
        assert_eq!(corpus_project(small()), corpus_project(small()));
    }
}
