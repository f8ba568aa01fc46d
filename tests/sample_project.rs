//! The bundled sample `saves/ukraine-talks.ron`: how it is made, and that it stays valid.
//!
//! The sample is built with the model's own operations, finding every quote in the reference
//! article with `Document::find`; no offset is typed by hand. Run with
//! `STANCE_REGENERATE_SAMPLE=1 cargo test --test sample_project` to rewrite the file; otherwise
//! the committed file is loaded and compared with what the generator would make.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::path::PathBuf;

use chrono::{DateTime, TimeDelta, Utc};
use sha2::{Digest, Sha256};
use stance::io::atomic::write_atomic;
use stance::io::formats::article::document_from_text;
use stance::io::{load_project, project_to_ron};
use stance::model::{
    Actor, ActorId, AnnotationId, Attribution, DocumentId, Edit, Issue, IssueId, IssueStance,
    Project, Relation, RelationId, Span, Stance,
};
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
const OFFICIALS: &str = "U.S. and Ukrainian officials";
const RUSSIA: &str = "Russia";
const UNITED_STATES: &str = "United States";
const UKRAINE: &str = "Ukraine";

const TERRITORY: &str = "territory";
const SECURITY: &str = "security guarantees";
const PEACE: &str = "ceasefire and peace";
const RECONSTRUCTION: &str = "reconstruction and prosperity";
const PROCESS: &str = "negotiation process";
const FRAMEWORK: &str = "peace framework";

/// The subjects under negotiation: name, aliases, description.
const ISSUES: &[(&str, &[&str], &str)] = &[
    (
        TERRITORY,
        &["territorial issue", "land"],
        "Who controls which land, notably Donetsk.",
    ),
    (
        SECURITY,
        &["security framework"],
        "Guarantees for a postwar Ukraine.",
    ),
    (
        PEACE,
        &["ceasefire", "peace", "de-escalation"],
        "Ending the fighting and the war.",
    ),
    (
        RECONSTRUCTION,
        &["reconstruction", "prosperity agenda"],
        "Ukraine's post-war recovery and joint economic projects.",
    ),
    (
        PROCESS,
        &["process", "talks"],
        "The talks themselves: venues, rounds, who talks to whom, progress.",
    ),
    (
        FRAMEWORK,
        &["peace proposal", "28-point plan", "U.S. proposal"],
        "The U.S.-backed peace proposal and its revisions.",
    ),
];

/// Who made the sample's annotations.
const ANNOTATOR: &str = "Sample analyst";

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
    (OFFICIALS, "United States and Ukraine", &["officials"]),
];

/// Actors positions are addressed to (targets), who hold nothing themselves.
const TARGETS: &[(&str, &str, &[&str])] = &[
    (RUSSIA, "Russia", &["Moscow", "the Russians", "Kremlin"]),
    (
        UNITED_STATES,
        "United States",
        &["U.S.", "the Americans", "Washington"],
    ),
    (UKRAINE, "Ukraine", &["Kyiv"]),
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
        CLAIM,
        &["making progress on creating a security framework for postwar Ukraine"],
        Some(OFFICIALS),
        None,
    ),
    spec(
        POSITION,
        &[
            "pushes Kyiv and Moscow to agree to a U.S.-mediated proposal to end nearly four years of war",
        ],
        Some(TRUMP),
        Some("The U.S. proposal itself, in the outlet's words: what later moves answer."),
    ),
    spec(
        POSITION,
        &["urging Russia to commit to peace"],
        Some(OFFICIALS),
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

/// The negotiation fields of one annotation (format 2), found by its first piece.
struct Fields {
    first_piece: &'static str,
    issues: &'static [&'static str],
    target: Option<&'static str>,
    stance: Option<Stance>,
    condition: Option<&'static str>,
    attribution: Attribution,
    /// The reporting cue: `(context, cue)`, the cue being found inside the only occurrence
    /// of the context.
    cue: Option<(&'static str, &'static str)>,
}

const fn fields(
    first_piece: &'static str,
    issues: &'static [&'static str],
    target: Option<&'static str>,
    stance: Option<Stance>,
    attribution: Attribution,
    cue: Option<(&'static str, &'static str)>,
) -> Fields {
    Fields {
        first_piece,
        issues,
        target,
        stance,
        condition: None,
        attribution,
        cue,
    }
}

const SAID: Option<(&str, &str)> = Some(("Ukrainian officials said Friday", "said"));
const READS: Option<(&str, &str)> = Some(("the statement reads", "the statement reads"));
const HE_SAID: Option<(&str, &str)> = Some(("he said earlier this week", "he said"));
const RUBIO_SAID: Option<(&str, &str)> = Some(("had said those conversations", "had said"));
const TRUMP_SAID: Option<(&str, &str)> =
    Some(("Mr. Trump said of the Russians", "said of the Russians"));
const PUTIN_TOLD: Option<(&str, &str)> =
    Some(("told an Indian media outlet", "told an Indian media outlet"));

const FIELDS: &[Fields] = &[
    fields(
        "making progress on creating",
        &[SECURITY],
        None,
        None,
        Attribution::Indirect,
        SAID,
    ),
    fields(
        "pushes Kyiv and Moscow",
        &[FRAMEWORK, PEACE],
        None,
        Some(Stance::For),
        Attribution::Author,
        None,
    ),
    fields(
        "urging Russia",
        &[PEACE],
        Some(RUSSIA),
        Some(Stance::For),
        Attribution::Indirect,
        SAID,
    ),
    fields(
        "real progress toward",
        &[PEACE, PROCESS],
        Some(RUSSIA),
        None,
        Attribution::Direct,
        READS,
    ),
    fields(
        "including steps toward",
        &[PEACE],
        Some(RUSSIA),
        Some(Stance::For),
        Attribution::Direct,
        READS,
    ),
    fields(
        "joint U.S.–Ukraine economic",
        &[RECONSTRUCTION],
        None,
        Some(Stance::For),
        Attribution::Direct,
        READS,
    ),
    fields(
        "and long-term recovery",
        &[RECONSTRUCTION],
        None,
        Some(Stance::For),
        Attribution::Direct,
        READS,
    ),
    fields(
        "the talks were",
        &[PROCESS],
        None,
        None,
        Attribution::Indirect,
        Some((
            "Ushakov, a top Putin official, told reporters",
            "told reporters",
        )),
    ),
    fields(
        "The territorial issue",
        &[TERRITORY],
        Some(UNITED_STATES),
        Some(Stance::For),
        Attribution::Direct,
        HE_SAID,
    ),
    fields(
        "A compromise option",
        &[TERRITORY, FRAMEWORK],
        None,
        None,
        Attribution::Direct,
        HE_SAID,
    ),
    Fields {
        condition: Some("they need to be discussed"),
        ..fields(
            "some American developments",
            &[FRAMEWORK],
            Some(UNITED_STATES),
            Some(Stance::Conditional),
            Attribution::Direct,
            HE_SAID,
        )
    },
    fields(
        "We are no closer",
        &[PROCESS],
        None,
        None,
        Attribution::Direct,
        Some(("Ushakov also added", "added")),
    ),
    fields(
        "Moscow was given",
        &[FRAMEWORK],
        None,
        None,
        Attribution::Indirect,
        Some(("Ushakov said Moscow", "said")),
    ),
    fields(
        "it will be the pen",
        &[FRAMEWORK],
        None,
        None,
        Attribution::Direct,
        Some(("\" Ushakov said.", "Ushakov said")),
    ),
    fields(
        "another very productive",
        &[PROCESS],
        None,
        None,
        Attribution::Direct,
        RUBIO_SAID,
    ),
    fields(
        "there are a lot of moving",
        &[PROCESS],
        None,
        None,
        Attribution::Direct,
        RUBIO_SAID,
    ),
    fields(
        "I think that there's",
        &[FRAMEWORK],
        None,
        None,
        Attribution::Direct,
        Some(("had told reporters after Sunday", "had told reporters")),
    ),
    fields(
        "has gone through changes",
        &[FRAMEWORK],
        Some(UKRAINE),
        Some(Stance::For),
        Attribution::Indirect,
        Some((
            "Mr. Trump told reporters over the weekend",
            "told reporters",
        )),
    ),
    fields(
        "called for Ukraine to cede",
        &[TERRITORY, FRAMEWORK],
        Some(UKRAINE),
        Some(Stance::For),
        Attribution::Author,
        None,
    ),
    fields(
        "They're making concessions,",
        &[PEACE, TERRITORY],
        Some(RUSSIA),
        None,
        Attribution::Direct,
        TRUMP_SAID,
    ),
    fields(
        "They stop fighting",
        &[PEACE, TERRITORY],
        Some(RUSSIA),
        None,
        Attribution::Direct,
        TRUMP_SAID,
    ),
    fields(
        "wanted to hear from",
        &[PROCESS],
        Some(UNITED_STATES),
        Some(Stance::For),
        Attribution::Indirect,
        Some(("Volodymyr Zelenskyy said his", "said")),
    ),
    fields(
        "what other pretexts",
        &[PEACE, PROCESS],
        Some(PUTIN),
        None,
        Attribution::Direct,
        Some((
            "Zelenskyy said in a video address",
            "said in a video address",
        )),
    ),
    fields(
        "\"necessary\"",
        &[PROCESS],
        None,
        None,
        Attribution::Direct,
        PUTIN_TOLD,
    ),
    fields(
        "some proposals were unacceptable",
        &[FRAMEWORK],
        Some(UNITED_STATES),
        Some(Stance::Against),
        Attribution::Indirect,
        Some(("told an Indian media outlet", "told")),
    ),
];

/// Typed relations: kind, first piece of `from`, first piece of `to`, note.
const RELATIONS: &[(&str, &str, &str, Option<&str>)] = &[
    (
        "concedes-to",
        "some American developments",
        "pushes Kyiv and Moscow",
        Some("Partial: only some developments, and they still need to be discussed."),
    ),
    (
        "responds-to",
        "some proposals were unacceptable",
        "pushes Kyiv and Moscow",
        None,
    ),
    (
        "contradicts",
        "We are no closer",
        "real progress toward",
        Some("\"No closer\" against the statement's \"real progress\"."),
    ),
    (
        "contradicts",
        "We are no closer",
        "I think that there's",
        None,
    ),
    (
        "supports",
        "They stop fighting",
        "They're making concessions,",
        Some("What Trump says the concessions are."),
    ),
    (
        "contradicts",
        "what other pretexts",
        "They're making concessions,",
        None,
    ),
    ("reaffirms", "real progress toward", "urging Russia", None),
    ("supports", "\"necessary\"", "the talks were", None),
    (
        "responds-to",
        "A compromise option",
        "pushes Kyiv and Moscow",
        None,
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
    for (index, (name, affiliation, aliases)) in ACTORS.iter().chain(TARGETS).enumerate() {
        let mut actor = Actor::new(*name, Some(affiliation));
        actor.id = ActorId(stable_uuid(name));
        actor.aliases = aliases.iter().map(|a| (*a).to_owned()).collect();
        project.apply(Edit::InsertActor { index, actor }).unwrap();
    }
    // Format 3: an affiliation that names another actor is the side it speaks for (Yuri
    // Ushakov → Russia), as a format-2 file migrates; other affiliation text stays.
    for actor in project.actors().to_vec() {
        let side = (actor.affiliation.as_deref())
            .and_then(|text| project.actor_named(text))
            .map(|side| side.id)
            .filter(|&side| side != actor.id);
        if let Some(side) = side {
            project
                .apply(project.set_side(actor.id, Some(side)).unwrap())
                .unwrap();
            project
                .apply(project.set_affiliation(actor.id, "").unwrap())
                .unwrap();
        }
    }
    add_issues(&mut project);
    for (i, spec) in SPECS.iter().enumerate() {
        let ranges = find_pieces(&project, document_id, spec.pieces);
        let at = start + TimeDelta::minutes(3 * i64::try_from(i).unwrap());
        let mut annotation = project
            .new_annotation(document_id, spec.tag, ranges, at)
            .unwrap();
        annotation.id = AnnotationId(stable_uuid(&spec.pieces.join(" ")));
        annotation.holders = spec
            .holder
            .map(|name| project.actor_named(name).unwrap().id)
            .into_iter()
            .collect();
        annotation.note = spec.note.map(str::to_owned);
        let fields = FIELDS
            .iter()
            .find(|f| spec.pieces[0].starts_with(f.first_piece))
            .unwrap_or_else(|| panic!("no fields for {:?}", spec.pieces[0]));
        annotation.issues = fields
            .issues
            .iter()
            .map(|n| IssueStance::new(issue_id(&project, n)))
            .collect();
        annotation.target = fields
            .target
            .map(|name| project.actor_named(name).unwrap().id);
        annotation.stance = fields.stance;
        annotation.condition = fields.condition.map(str::to_owned);
        annotation.settle_general_stance();
        annotation.attribution = Some(fields.attribution);
        annotation.cue = fields
            .cue
            .map(|(context, cue)| vec![find_within(&project, document_id, context, cue)])
            .unwrap_or_default();
        annotation.annotator = Some(ANNOTATOR.to_owned());
        project
            .apply(Edit::AddAnnotation(Box::new(annotation)))
            .unwrap();
    }
    for (index, (kind, from, to, note)) in RELATIONS.iter().enumerate() {
        let mut relation = Relation::new(
            *kind,
            annotation_id(&project, from),
            annotation_id(&project, to),
        );
        relation.id = RelationId(stable_uuid(&format!("relation: {from} {kind} {to}")));
        relation.note = note.map(str::to_owned);
        project
            .apply(Edit::InsertRelation { index, relation })
            .unwrap();
    }
    project
}

/// Adds the issues. Straight into the list: issue edits come with the model's next step.
fn add_issues(project: &mut Project) {
    project.rebuild(|parts| {
        for (name, aliases, description) in ISSUES {
            parts.issues.push(Issue {
                id: IssueId(stable_uuid(&format!("issue: {name}"))),
                name: (*name).to_owned(),
                aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
                description: Some((*description).to_owned()),
            });
        }
    });
}

fn issue_id(project: &Project, name: &str) -> IssueId {
    project.issue_named(name).unwrap().id
}

/// The annotation whose quote starts with `first_piece`; there must be exactly one.
fn annotation_id(project: &Project, first_piece: &str) -> AnnotationId {
    let mut found = project
        .annotations()
        .iter()
        .filter(|a| a.quote.starts_with(first_piece));
    let a = found
        .next()
        .unwrap_or_else(|| panic!("no annotation {first_piece:?}"));
    assert!(
        found.next().is_none(),
        "{first_piece:?} starts two annotations"
    );
    a.id
}

/// The span of `needle` inside the only occurrence of `context`.
fn find_within(project: &Project, document: DocumentId, context: &str, needle: &str) -> Span {
    let [outer] = find_pieces(project, document, &[context])[..] else {
        unreachable!("one piece gives one span");
    };
    let doc = project.document(document).unwrap();
    let text = doc.slice(outer).unwrap();
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in {context:?}"));
    let start = outer.start + text[..at].chars().count();
    Span::new(start, start + needle.chars().count())
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

/// What must survive in the file of each annotation: tag, ranges, quote, holder and target
/// names, note, issue names, stance, condition, attribution, cue and annotator.
fn summary(project: &Project) -> Vec<String> {
    project
        .annotations()
        .iter()
        .map(|a| {
            let issues: Vec<String> = a.issue_ids().map(|i| project.issue_name(i)).collect();
            format!(
                "{} {:?} {:?} holder={:?} target={:?} note={:?} issues={issues:?} {:?} {:?} {:?} \
                 cue={:?} {:?}",
                a.tag,
                a.ranges,
                a.quote,
                project.holders_label(a),
                project.target_name(a),
                a.note_text(),
                a.stance,
                a.condition,
                a.attribution,
                a.cue,
                a.annotator
            )
        })
        .collect()
}

/// Each relation as `from-quote kind to-quote note`.
fn relation_summary(project: &Project) -> Vec<String> {
    let quote = |id| project.annotation(id).map_or("", |a| a.quote.as_str());
    project
        .relations()
        .iter()
        .map(|r| {
            format!(
                "{:?} {} {:?} {:?}",
                quote(r.from),
                r.kind,
                quote(r.to),
                r.note
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
    assert_eq!(relation_summary(&loaded.project), relation_summary(&built));
    assert_eq!(loaded.project.title(), built.title());
    assert_eq!(loaded.project.actors(), built.actors());
    assert_eq!(loaded.project.issues(), built.issues());
}

#[test]
fn the_sample_covers_what_the_issue_asks_for() {
    let project = load_project(&sample_path()).unwrap().project;
    assert!(project.annotations().len() >= 15);
    for tag in [CLAIM, POSITION, CONCESSION] {
        assert!(
            project.annotations().iter().any(|a| a.tag == tag),
            "no {tag}"
        );
    }
    for (name, _, _) in ACTORS {
        let actor = project.actor_named(name).unwrap();
        assert!(actor.affiliation.is_some() || actor.side.is_some());
        assert!(
            project.annotations().iter().any(|a| a.is_held_by(actor.id)),
            "{name} holds nothing"
        );
    }
    assert!(project.annotations().iter().any(|a| a.ranges.len() > 1));
    let doc = &project.documents()[0];
    assert!(doc.text.starts_with("President Trump's advisers"));
    assert_eq!(
        doc.date.map(|d| d.to_string()).as_deref(),
        Some("2025-12-05")
    );
    let dash_chars = doc.text[..doc.text.find('–').unwrap()].chars().count();
    let after_dash = project
        .annotations()
        .iter()
        .filter(|a| a.extent().end > dash_chars)
        .count();
    assert!(
        after_dash >= 5,
        "only {after_dash} annotations after the en dash"
    );
    assert!(project.annotations().iter().any(|a| a.note.is_some()));
}

#[test]
fn the_sample_is_annotated_in_format_2() {
    let project = load_project(&sample_path()).unwrap().project;
    assert!(
        project.issues().len() >= 5,
        "{} issues",
        project.issues().len()
    );
    for a in project.annotations() {
        assert!(!a.issues.is_empty(), "{:?} has no issue", a.quote);
        assert!(a.attribution.is_some(), "{:?} has no attribution", a.quote);
        assert!(a.annotator.is_some());
        // A cue wherever the text gives one; only the outlet's own voice goes without.
        assert_eq!(
            a.cue.is_empty(),
            a.attribution == Some(Attribution::Author),
            "{:?}",
            a.quote
        );
        if a.tag != CLAIM {
            assert!(
                a.stances().any(|(_, stance, _)| stance.is_some()),
                "{:?} is a {} without stance",
                a.quote,
                a.tag
            );
        }
    }
    for issue in project.issues() {
        assert!(
            project.annotations().iter().any(|a| a.has_issue(issue.id)),
            "no annotation is about {}",
            issue.name
        );
    }
    for (name, _, _) in TARGETS {
        let actor = project.actor_named(name).unwrap();
        assert!(
            project
                .annotations()
                .iter()
                .any(|a| a.target == Some(actor.id)),
            "{name}"
        );
    }
    assert!(project.relations().len() >= 6);
    let kinds: std::collections::BTreeSet<&str> = project
        .relations()
        .iter()
        .map(|r| r.kind.as_str())
        .collect();
    assert!(kinds.len() >= 4, "{kinds:?}");
    // Ushakov's partial acceptance concedes to the U.S. proposal.
    let concession = annotation_id(&project, "some American developments");
    let proposal = annotation_id(&project, "pushes Kyiv and Moscow");
    assert!(
        project
            .relations()
            .iter()
            .any(|r| r.kind == "concedes-to" && r.from == concession && r.to == proposal)
    );
}
