//! The ledger on three hand-made rounds: Geneva (20–24 Nov), Moscow (1–3 Dec) and
//! Florida (4–6 Dec), with negotiators rolled up into Russia, the United States and Ukraine.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::analysis::tests::{Talks, day};
use crate::model::{Annotation, CONCEDES_TO, DocumentId, PartialDate, Relation};

fn nov(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 11, d).unwrap_or_default()
}

struct Rounds {
    t: Talks,
    geneva: RoundId,
    moscow: RoundId,
    florida: RoundId,
    docs: [DocumentId; 3],
    russia: ActorId,
    us: ActorId,
    ukraine: ActorId,
    ushakov: ActorId,
    putin: ActorId,
    witkoff: ActorId,
    framework: IssueId,
    territory: IssueId,
    ceasefire: IssueId,
}

impl Rounds {
    fn new() -> Self {
        let mut t = Talks::new();
        let geneva_doc = t.article(
            Some(nov(23)),
            "Putin rejected the framework. Ushakov wants the land. Witkoff proposed a framework.",
        );
        let moscow_doc = t.article(
            Some(day(2)),
            "Ushakov: some formulations are acceptable. The land matters most. \
             The U.S. and Ukraine urged a ceasefire. Witkoff offered guarantees.",
        );
        let florida_doc = t.article(
            Some(day(5)),
            "In November Ushakov had called the framework unacceptable. \
             The sides signed a ceasefire.",
        );
        let russia = t.actor("Russia", None);
        let us = t.actor("United States", None);
        let ukraine = t.actor("Ukraine", None);
        let ushakov = t.actor("Yuri Ushakov", None);
        let putin = t.actor("Vladimir Putin", None);
        let witkoff = t.actor("Steve Witkoff", None);
        t.p.rebuild(|parts| {
            for a in &mut parts.actors {
                a.side = match a.name.as_str() {
                    "Yuri Ushakov" | "Vladimir Putin" => Some(russia),
                    "Steve Witkoff" => Some(us),
                    _ => None,
                };
            }
        });
        let framework = t.issue("peace framework");
        let territory = t.issue("territory");
        let ceasefire = t.issue("ceasefire");
        let mut rounds = Vec::new();
        for (name, from, to) in [
            ("Geneva", nov(20), nov(24)),
            ("Moscow", day(1), day(3)),
            ("Florida", day(4), day(6)),
        ] {
            let round = Round::new(name, RoundSpan::Dates { from, to });
            rounds.push(round.id);
            t.p.rebuild(|parts| parts.rounds.push(round));
        }
        Self {
            t,
            geneva: rounds[0],
            moscow: rounds[1],
            florida: rounds[2],
            docs: [geneva_doc, moscow_doc, florida_doc],
            russia,
            us,
            ukraine,
            ushakov,
            putin,
            witkoff,
            framework,
            territory,
            ceasefire,
        }
    }

    /// Sets fields of an annotation the helper does not (holders, said_on, condition).
    fn change(&mut self, id: AnnotationId, f: impl FnOnce(&mut Annotation)) {
        self.t.p.rebuild(|parts| {
            if let Some(a) = parts.annotations.iter_mut().find(|a| a.id == id) {
                f(a);
            }
        });
    }
}

/// The talks as the issue tells them: Russia concedes on the framework in Moscow, holds on
/// territory; the U.S. and Ukraine jointly take a new stance on the ceasefire; in Florida
/// the sides sign a ceasefire, and an old November statement is reported.
struct Story {
    r: Rounds,
    proposal: AnnotationId,
    rejected: AnnotationId,
    acceptable: AnnotationId,
    guarantees: AnnotationId,
    joint: AnnotationId,
    signed: AnnotationId,
    old_quote: AnnotationId,
}

fn story() -> Story {
    let mut r = Rounds::new();
    let [g, m, fl] = r.docs;
    let (fw, terr, cf) = (r.framework, r.territory, r.ceasefire);
    let rejected = r.t.say(
        g,
        "rejected the framework",
        "position",
        r.putin,
        &[fw],
        Some(Stance::Against),
    );
    r.t.say(
        g,
        "wants the land",
        "position",
        r.ushakov,
        &[terr],
        Some(Stance::For),
    );
    let proposal = r.t.say(
        g,
        "proposed a framework",
        "position",
        r.witkoff,
        &[fw],
        Some(Stance::For),
    );
    let acceptable = r.t.say(
        m,
        "some formulations are acceptable",
        "concession",
        r.ushakov,
        &[fw],
        Some(Stance::Conditional),
    );
    r.change(acceptable, |a| {
        a.issues[0].condition = Some("the map is redrawn".to_owned());
    });
    r.t.say(
        m,
        "The land matters most",
        "position",
        r.ushakov,
        &[terr],
        Some(Stance::For),
    );
    let joint = r.t.say(
        m,
        "urged a ceasefire",
        "position",
        r.us,
        &[cf],
        Some(Stance::For),
    );
    let ukraine = r.ukraine;
    r.change(joint, |a| a.holders.push(ukraine));
    let guarantees = r.t.say(
        m,
        "offered guarantees",
        "position",
        r.witkoff,
        &[terr],
        None,
    );
    r.t.relate(CONCEDES_TO, acceptable, proposal);
    r.t.relate(IN_EXCHANGE_FOR, acceptable, guarantees);
    let old_quote = r.t.say(
        fl,
        "called the framework unacceptable",
        "position",
        r.ushakov,
        &[fw],
        Some(Stance::Against),
    );
    r.change(old_quote, |a| a.said_on = Some(PartialDate::Day(nov(21))));
    let signed = r.t.say(
        fl,
        "signed a ceasefire",
        AGREEMENT,
        r.us,
        &[cf],
        Some(Stance::For),
    );
    let russia = r.russia;
    r.change(signed, |a| a.holders.push(russia));
    Story {
        r,
        proposal,
        rejected,
        acceptable,
        guarantees,
        joint,
        signed,
        old_quote,
    }
}

fn ledger(s: &Story, from: Option<RoundId>, to: RoundId) -> Moves {
    moves(&s.r.t.p, &AnalysisFilter::default(), from, to)
}

#[test]
fn a_concession_that_flips_is_one_row_with_what_it_answers_its_terms_and_condition() {
    let s = story();
    let found = ledger(&s, Some(s.r.geneva), s.r.moscow);
    let russia: Vec<&Move> = found.of_side(s.r.russia).collect();
    assert_eq!(russia.len(), 1, "{russia:?}");
    let row = russia[0];
    assert_eq!(row.issue, s.r.framework);
    assert_eq!(row.kind, MoveKind::Concession);
    let from = row.from.expect("Russia stood somewhere after Geneva");
    assert_eq!(from.stance, Some(Stance::Against));
    assert_eq!(from.date, Some(nov(23)));
    assert_eq!(from.evidence, s.rejected);
    assert_eq!(row.to.stance, Some(Stance::Conditional));
    assert_eq!(row.to.date, Some(day(2)));
    assert_eq!(row.answers, Some(s.proposal));
    assert_eq!(row.terms, [s.guarantees]);
    assert_eq!(row.condition.as_deref(), Some("the map is redrawn"));
    assert_eq!(row.evidence, [s.acceptable]);
    // Territory was said again and kept: held.
    let held: Vec<IssueId> = found.held_by(s.r.russia).map(|h| h.issue).collect();
    assert_eq!(held, [s.r.territory]);
}

#[test]
fn a_joint_statement_moves_each_of_its_sides_once() {
    let s = story();
    let found = ledger(&s, Some(s.r.geneva), s.r.moscow);
    for side in [s.r.us, s.r.ukraine] {
        let rows: Vec<&Move> = found.of_side(side).collect();
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].kind, MoveKind::New);
        assert_eq!(rows[0].issue, s.r.ceasefire);
        assert_eq!(rows[0].evidence, [s.joint]);
        assert_eq!(rows[0].from, None);
    }
    // The U.S. said nothing new on the framework: it held.
    assert!(found.held_by(s.r.us).any(|h| h.issue == s.r.framework));
    // No side × issue appears twice among rows and held pairs.
    let mut pairs: Vec<(ActorId, IssueId)> =
        found.moves.iter().map(|m| (m.side, m.issue)).collect();
    pairs.extend(found.held.iter().map(|h| (h.side, h.issue)));
    let count = pairs.len();
    pairs.sort();
    pairs.dedup();
    assert_eq!(pairs.len(), count);
}

#[test]
fn an_old_statement_reported_later_is_placed_when_it_was_said() {
    let s = story();
    // Said on 21 Nov, reported on 5 Dec: part of Geneva, not a flip in Florida.
    let found = ledger(&s, Some(s.r.moscow), s.r.florida);
    assert!(
        !found
            .moves
            .iter()
            .any(|m| m.evidence.contains(&s.old_quote)),
        "{found:?}"
    );
    let geneva = ledger(&s, None, s.r.geneva);
    let framework = geneva
        .of_side(s.r.russia)
        .find(|m| m.issue == s.r.framework)
        .expect("Russia's framework stance is new in Geneva");
    assert_eq!(framework.kind, MoveKind::New);
    assert_eq!(framework.evidence, [s.old_quote, s.rejected]);
}

#[test]
fn an_agreement_is_a_move_of_each_party_and_lists_the_issue_as_agreed() {
    let s = story();
    let found = ledger(&s, Some(s.r.moscow), s.r.florida);
    assert_eq!(
        found.agreed,
        [Agreed {
            issue: s.r.ceasefire,
            sides: vec![s.r.us, s.r.russia],
            date: Some(day(5)),
            evidence: s.signed,
        }]
    );
    for side in [s.r.us, s.r.russia] {
        let row = found
            .of_side(side)
            .find(|m| m.issue == s.r.ceasefire)
            .expect("a party moved");
        assert_eq!(row.kind, MoveKind::Agreement);
        assert_eq!(row.to.date, Some(day(5)));
    }
    // Ukraine was not a party: it held its stance on the ceasefire.
    assert!(found.held_by(s.r.ukraine).any(|h| h.issue == s.r.ceasefire));
}

#[test]
fn rounds_given_in_either_order_give_the_same_ledger() {
    let s = story();
    assert_eq!(
        ledger(&s, Some(s.r.moscow), s.r.geneva),
        ledger(&s, Some(s.r.geneva), s.r.moscow)
    );
    assert_eq!(round_before(&s.r.t.p, s.r.moscow), Some(s.r.geneva));
    assert_eq!(round_after(&s.r.t.p, s.r.moscow), Some(s.r.florida));
    assert_eq!(round_before(&s.r.t.p, s.r.geneva), None);
    assert_eq!(
        ledger(&s, Some(RoundId::random()), s.r.moscow),
        Moves::default()
    );
}

#[test]
fn a_retracted_statement_no_longer_stands() {
    let mut s = story();
    // In Moscow, Putin retracts his Geneva rejection: Russia had no stance left to move from.
    let [_, m, _] = s.r.docs;
    let retraction =
        s.r.t
            .say(m, "The U.S. and Ukraine", "claim", s.r.putin, &[], None);
    s.r.t.relate(crate::model::RETRACTS, retraction, s.rejected);
    s.r.t
        .relate(crate::model::RETRACTS, retraction, s.old_quote);
    let found = ledger(&s, Some(s.r.geneva), s.r.moscow);
    let row = found
        .of_side(s.r.russia)
        .find(|m| m.issue == s.r.framework)
        .expect("Russia moved on the framework");
    // Before Moscow the rejection stood; the row still starts from it.
    assert_eq!(row.from.map(|f| f.evidence), Some(s.rejected));
    let florida = ledger(&s, Some(s.r.moscow), s.r.florida);
    assert!(
        florida
            .held_by(s.r.russia)
            .any(|h| h.issue == s.r.framework && h.stance.evidence == s.acceptable)
    );
}

#[test]
fn the_brief_says_who_moved_on_what_and_who_held() {
    let s = story();
    let found = ledger(&s, Some(s.r.geneva), s.r.moscow);
    let brief = draft_brief(&s.r.t.p, &found);
    assert!(
        brief.starts_with(
            "Between Geneva and Moscow, Russia moved on 1 of 2 issues: peace framework, \
             against → conditional on 2 Dec (a concession answering United States’ position \
             of 23 Nov, in exchange for United States’ position of 2 Dec, on condition of \
             “the map is redrawn”); it held on territory."
        ),
        "{brief}"
    );
    assert!(
        brief.contains("Ukraine moved on 1 of 1 issue: ceasefire, new: for on 2 Dec."),
        "{brief}"
    );
    let florida = ledger(&s, Some(s.r.moscow), s.r.florida);
    let brief = draft_brief(&s.r.t.p, &florida);
    assert!(
        brief.contains("Ceasefire was agreed between United States and Russia on 5 Dec."),
        "{brief}"
    );
}

#[test]
fn the_cache_rebuilds_the_ledger_only_when_the_project_filter_or_rounds_change() {
    let mut s = story();
    let mut cache = crate::analysis::AnalysisCache::default();
    let filter = AnalysisFilter::default();
    for _ in 0..3 {
        cache.moves(&s.r.t.p, &filter, Some(s.r.geneva), s.r.moscow);
    }
    assert_eq!(cache.moves_builds(), 1);
    cache.moves(&s.r.t.p, &filter, Some(s.r.moscow), s.r.florida);
    assert_eq!(cache.moves_builds(), 2);
    let [g, ..] = s.r.docs;
    s.r.t.say(g, "Ushakov", "claim", s.r.ushakov, &[], None);
    cache.moves(&s.r.t.p, &filter, Some(s.r.moscow), s.r.florida);
    assert_eq!(cache.moves_builds(), 3);
}

/// A random statement: document, holder, issue, tag, stance (by index) and said-on day.
type Statement = (usize, usize, usize, usize, Option<usize>, Option<u32>);

/// The strategy of [`Statement`]s.
fn statement() -> impl Strategy<Value = Statement> {
    (
        0..3usize,
        0..6usize,
        0..3usize,
        0..4usize,
        proptest::option::of(0..4usize),
        proptest::option::of(15..30u32),
    )
}

/// The holders, tags and stances a random statement picks from, by index.
const TAGS: [&str; 4] = ["claim", "position", "concession", AGREEMENT];
const STANCES: [Stance; 4] = [
    Stance::For,
    Stance::Against,
    Stance::Conditional,
    Stance::Unclear,
];

fn holders(r: &Rounds) -> [ActorId; 6] {
    [r.russia, r.us, r.ukraine, r.ushakov, r.putin, r.witkoff]
}

/// The rounds with `statements` (from [`statement`]) said in them, and their ids in order.
fn said(statements: &[Statement]) -> (Rounds, Vec<AnnotationId>) {
    let mut r = Rounds::new();
    let holders = holders(&r);
    let issues = [r.framework, r.territory, r.ceasefire];
    let mut ids = Vec::new();
    for &(doc, holder, issue, tag, stance, said_on) in statements {
        let fragment = ["Putin", "Ushakov", "In November"][doc];
        let id = r.t.say(
            r.docs[doc],
            fragment,
            TAGS[tag],
            holders[holder],
            &[issues[issue]],
            stance.map(|s| STANCES[s]),
        );
        if let Some(d) = said_on {
            r.change(id, |a| a.said_on = Some(PartialDate::Day(nov(d))));
        }
        ids.push(id);
    }
    (r, ids)
}

proptest! {
    #[test]
    fn no_pair_is_listed_twice_and_every_row_moved(
        statements in proptest::collection::vec(statement(), 0..25),
        links in proptest::collection::vec((0..25usize, 0..25usize), 0..6),
    ) {
        let (mut r, ids) = said(&statements);
        for &(from, to) in &links {
            if let (Some(&from), Some(&to)) = (ids.get(from), ids.get(to)) {
                r.t.p.rebuild(|parts| parts.relations.push(Relation::new(CONCEDES_TO, from, to)));
            }
        }
        let rounds = [None, Some(r.geneva), Some(r.moscow), Some(r.florida)];
        for from in rounds {
            for to in [r.geneva, r.moscow, r.florida] {
                let found = moves(&r.t.p, &AnalysisFilter::default(), from, to);
                let mut pairs: Vec<(ActorId, IssueId)> =
                    found.moves.iter().map(|m| (m.side, m.issue)).collect();
                pairs.extend(found.held.iter().map(|h| (h.side, h.issue)));
                let count = pairs.len();
                pairs.sort();
                pairs.dedup();
                prop_assert_eq!(pairs.len(), count);
                for m in &found.moves {
                    // Only sides are rows: negotiators roll up.
                    prop_assert!([r.russia, r.us, r.ukraine].contains(&m.side));
                    // A row is a change of stance, a concession or an agreement.
                    let moved = m.from.is_none_or(|f| f.stance != m.to.stance);
                    prop_assert!(moved || m.kind >= MoveKind::Concession, "{:?}", m);
                    prop_assert!(!m.evidence.is_empty());
                }
                if let Some(from) = from {
                    prop_assert_eq!(&found, &moves(&r.t.p, &AnalysisFilter::default(), Some(to), from));
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// The cached ledger reads a side map that follows each edit of a statement; it is the
    /// ledger built from scratch after the edit.
    #[test]
    fn the_cached_ledger_after_an_edit_is_the_ledger_built_after_it(
        statements in proptest::collection::vec(statement(), 1..20),
        edits in proptest::collection::vec((0..20usize, 0..3usize, 0..6usize), 1..6),
    ) {
        let (mut r, ids) = said(&statements);
        let filter = AnalysisFilter::default();
        let mut cache = crate::analysis::AnalysisCache::default();
        for (which, field, value) in edits {
            cache.moves(&r.t.p, &filter, Some(r.geneva), r.florida);
            let Some(mut a) = r.t.p.annotation(ids[which % ids.len()]).cloned() else {
                continue;
            };
            match field {
                0 => {
                    a.stance = Some(STANCES[value % STANCES.len()]);
                    a.settle_general_stance();
                }
                1 => a.holders = vec![holders(&r)[value % 6]],
                _ => a.tag = TAGS[value % TAGS.len()].to_owned(),
            }
            if r.t.p.apply(crate::model::Edit::ReplaceAnnotation(Box::new(a))).is_err() {
                continue;
            }
            let cached = cache.moves(&r.t.p, &filter, Some(r.geneva), r.florida).clone();
            prop_assert_eq!(cached, moves(&r.t.p, &filter, Some(r.geneva), r.florida));
        }
    }
}
