//! The bundled sample `saves/ukraine-talks.ron`: how it is made, and that it stays valid.
//!
//! The sample is built with the model's own operations, finding every quote in the reference
//! article with `Document::find`; no offset is typed by hand. Run with
//! `STANCE_REGENERATE_SAMPLE=1 cargo test --test sample_project` to rewrite the file; otherwise
//! the committed file is loaded and compared with what the generator would make.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use chrono::{DateTime, TimeDelta, Utc};
use sha2::{Digest, Sha256};
use stance::io::atomic::write_atomic;
use stance::io::{article::document_from_text, load_project, project_to_ron};
use stance::model::{Actor, ActorId, AnnotationId, DocumentId, Edit, Project, Span};
use uuid::Uuid;

const CLAIM: &str = "claim";
const POSITION: &str = "position";
const CONCESSION: &str = "concession";

const USHAKOV: &str = "Yuri Ushakov";
const TRUMP: &str = "Donald Trump";
const RUBIO: &str = "Marco Rubio";
const ZELENSKYY: &str = "Volodymyr Zelenskyy";
const PUTIN: &str = "Vladimir Putin";
const JOINT: &str = "Joint U.S.–Ukraine statement";

/// Who holds claims in the article: name, affiliation, aliases.
const ACTORS: &[(&str, &str, &[&str])] = &[
    (USHAKOV, "Russia", &["Ushakov"]),
    (
        TRUMP,
        "United States",
        &["Trump", "Mr. Trump", "President Trump"],
    ),
    (
        RUBIO,
        "United States",
        &["Rubio", "Secretary of State Marco Rubio"],
    ),
    (ZELENSKYY, "Ukraine", &["Zelenskyy", "Zelensky"]),
    (PUTIN, "Russia", &["Putin"]),
    (JOINT, "United States and Ukraine", &["joint statement"]),
];

/// One annotation of the sample: its tag, the quoted pieces (several make a discontinuous
/// span), the holder's name and the analyst's note.
struct Spec {
    tag: &'static str,
    pieces: &'static [&'static str],
    holder: Option<&'static str>,
    note: Option<&'static str>,
}

const fn spec(
    tag: &'static str,
    pieces: &'static [&'static str],
    holder: Option<&'static str>,
    note: Option<&'static str>,
) -> Spec {
    Spec {
        tag,
        pieces,
        holder,
        note,
    }
}

const SPECS: &[Spec] = &[
    spec(
        POSITION,
        &["urging Russia to commit to peace"],
        Some(JOINT),
        Some("Framed jointly by the U.S. and Ukrainian teams; puts the onus on Moscow."),
    ),
    spec(
        CLAIM,
        &[
            "real progress toward any agreement depends on Russia's readiness to show serious commitment to long-term peace",
        ],
        Some(JOINT),
        Some("Conditional framing: progress is made to depend on Russia alone."),
    ),
    spec(
        POSITION,
        &["including steps toward de-escalation and cessation of killings"],
        Some(JOINT),
        None,
    ),
    spec(
        POSITION,
        &["joint U.S.–Ukraine economic initiatives"],
        Some(JOINT),
        Some("Economic track of the 'prosperity agenda'; note the en dash in U.S.–Ukraine."),
    ),
    spec(
        POSITION,
        &["and long-term recovery projects"],
        Some(JOINT),
        None,
    ),
    spec(
        CLAIM,
        &["the talks were \"constructive, very useful and substantive.\""],
        Some(USHAKOV),
        None,
    ),
    spec(
        POSITION,
        &[
            "The territorial issue, naturally, is the most important for us, and for the Americans too.",
        ],
        Some(USHAKOV),
        Some("Territory is Moscow's core issue; he claims Washington shares the priority."),
    ),
    spec(
        CLAIM,
        &["A compromise option has not yet been found"],
        Some(USHAKOV),
        None,
    ),
    spec(
        CONCESSION,
        &[
            "some American developments look more or less acceptable",
            "Some formulations that were proposed to us are acceptable to us.",
        ],
        Some(USHAKOV),
        Some(
            "Partial acceptance split across \"he said earlier this week\"; hedged (\"more or less\").",
        ),
    ),
    spec(
        CLAIM,
        &[
            "We are no closer to resolving the crisis in Ukraine, and there is much work to be done.",
        ],
        Some(USHAKOV),
        Some("Walks back the upbeat tone of the same briefing."),
    ),
    spec(
        CLAIM,
        &["Moscow was given four more documents in addition to the original 28-point proposal"],
        Some(USHAKOV),
        None,
    ),
    spec(
        CLAIM,
        &["it will be the pen of Mr. Kushner that will lead the way"],
        Some(USHAKOV),
        Some(
            "Flattery aimed at Kushner; the article reads it as an attempt to divide Washington and Kyiv.",
        ),
    ),
    spec(
        CLAIM,
        &["another very productive session"],
        Some(RUBIO),
        None,
    ),
    spec(
        CLAIM,
        &["there are a lot of moving parts"],
        Some(RUBIO),
        Some("Hedge that tempers the 'productive' assessment."),
    ),
    spec(
        CLAIM,
        &["I think that there's a good chance we can make a deal."],
        Some(TRUMP),
        None,
    ),
    spec(
        CONCESSION,
        &[
            "has gone through changes after the initial plan was criticized by some as being too favorable to Russia",
        ],
        Some(TRUMP),
        Some("Acknowledges the original plan was revised under criticism."),
    ),
    spec(
        CONCESSION,
        &["called for Ukraine to cede territory it currently controls in Donetsk to Russia"],
        None,
        Some(
            "Demanded of Ukraine by the original plan; holder left open: the article does not say who drafted the provision.",
        ),
    ),
    spec(
        CLAIM,
        &["They're making concessions,", "They're big concessions."],
        Some(TRUMP),
        Some("Discontinuous: the quote is split by \"Mr. Trump said of the Russians\"."),
    ),
    spec(
        CLAIM,
        &["They stop fighting, and they don't take any more land."],
        Some(TRUMP),
        Some("Trump's description of what Russia would give; no Russian source confirms it."),
    ),
    spec(
        POSITION,
        &["wanted to hear from the U.S. side about the talks at the Kremlin"],
        Some(ZELENSKYY),
        None,
    ),
    spec(
        CLAIM,
        &["what other pretexts Putin has come up with to drag out the war and to pressure Ukraine"],
        Some(ZELENSKYY),
        Some("Accuses Moscow of stalling; consistent with European leaders' line."),
    ),
    spec(CLAIM, &["\"necessary\" and \"useful,\""], Some(PUTIN), None),
    spec(
        POSITION,
        &["some proposals were unacceptable"],
        Some(PUTIN),
        Some("Unspecified which proposals; compare Ushakov's partial acceptance."),
    ),
];

/// A stable v4-style id derived from a key, so regenerating the sample keeps its ids and the
/// golden exports made from it stay meaningful.
fn stable_uuid(key: &str) -> Uuid {
    let digest = Sha256::digest(format!("stance sample: {key}").as_bytes());
    let mut bytes = [0; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron")
}

/// Builds the sample project through the model's edits.
fn build_sample() -> Project {
    let start: DateTime<Utc> = "2025-12-06T09:00:00Z".parse().unwrap();
    let mut project = Project::new("Ukraine talks in Florida, 5 December 2025");
    let mut document = document_from_text(
        "ukraine-talks-2025-12-05.txt",
        stance::app::SAMPLE_ARTICLE,
        Some("assets/ukraine-talks-2025-12-05.txt".to_owned()),
    );
    document.id = DocumentId(stable_uuid("document"));
    let document_id = document.id;
    project
        .apply(Edit::InsertDocument {
            index: 0,
            document: Box::new(document),
        })
        .unwrap();
    for (index, (name, affiliation, aliases)) in ACTORS.iter().enumerate() {
        let mut actor = Actor::new(*name, Some(affiliation));
        actor.id = ActorId(stable_uuid(name));
        actor.aliases = aliases.iter().map(|a| (*a).to_owned()).collect();
        project.apply(Edit::InsertActor { index, actor }).unwrap();
    }
    for (i, spec) in SPECS.iter().enumerate() {
        let ranges = find_pieces(&project, document_id, spec.pieces);
        let at = start + TimeDelta::minutes(3 * i64::try_from(i).unwrap());
        let mut annotation = project
            .new_annotation(document_id, spec.tag, ranges, at)
            .unwrap();
        annotation.id = AnnotationId(stable_uuid(&spec.pieces.join(" ")));
        annotation.holder = spec
            .holder
            .map(|name| project.actor_named(name).unwrap().id);
        annotation.note = spec.note.map(str::to_owned);
        project
            .apply(Edit::AddAnnotation(Box::new(annotation)))
            .unwrap();
    }
    project
}

/// The char span of each piece: its only occurrence in the article.
fn find_pieces(project: &Project, document: DocumentId, pieces: &[&str]) -> Vec<Span> {
    let doc = project.document(document).unwrap();
    pieces
        .iter()
        .map(|piece| {
            let span = doc
                .find(piece, 0)
                .unwrap_or_else(|| panic!("{piece:?} is not in the article"));
            assert!(
                doc.find(piece, 1).is_none(),
                "{piece:?} occurs more than once"
            );
            span
        })
        .collect()
}

/// What must survive in the file: tag, ranges, quote, holder name and note of each annotation.
fn summary(project: &Project) -> Vec<(String, Vec<Span>, String, String, String)> {
    project
        .annotations
        .iter()
        .map(|a| {
            (
                a.tag.clone(),
                a.ranges.clone(),
                a.quote.clone(),
                project.holder_name(a).to_owned(),
                a.note_text().to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_sample_project_matches_its_generator() {
    let built = build_sample();
    assert!(built.problems().is_empty(), "{:?}", built.problems());
    if std::env::var_os("STANCE_REGENERATE_SAMPLE").is_some() {
        // No `.bak`: saves/ holds only the sample.
        let text = project_to_ron(&built).unwrap();
        write_atomic(&sample_path(), text.as_bytes(), false).unwrap();
    }
    let loaded = load_project(&sample_path()).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(summary(&loaded.project), summary(&built));
    assert_eq!(loaded.project.title, built.title);
    assert_eq!(loaded.project.actors, built.actors);
}

#[test]
fn the_sample_covers_what_the_issue_asks_for() {
    let project = load_project(&sample_path()).unwrap().project;
    assert!(project.annotations.len() >= 15);
    for tag in [CLAIM, POSITION, CONCESSION] {
        assert!(project.annotations.iter().any(|a| a.tag == tag), "no {tag}");
    }
    for (name, _, _) in ACTORS {
        let actor = project.actor_named(name).unwrap();
        assert!(actor.affiliation.is_some());
        assert!(
            project
                .annotations
                .iter()
                .any(|a| a.holder == Some(actor.id)),
            "{name} holds nothing"
        );
    }
    assert!(project.annotations.iter().any(|a| a.ranges.len() > 1));
    let doc = &project.documents[0];
    assert!(doc.text.starts_with("President Trump's advisers"));
    assert_eq!(
        doc.date.map(|d| d.to_string()).as_deref(),
        Some("2025-12-05")
    );
    let dash_chars = doc.text[..doc.text.find('–').unwrap()].chars().count();
    let after_dash = project
        .annotations
        .iter()
        .filter(|a| a.extent().end > dash_chars)
        .count();
    assert!(
        after_dash >= 5,
        "only {after_dash} annotations after the en dash"
    );
    assert!(project.annotations.iter().any(|a| a.note.is_some()));
}
