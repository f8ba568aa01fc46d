//! The multi-round sample `saves/river-talks.ron` (an invented negotiation between Northland
//! and Southmark, October to December 2025): it loads clean in format 3, and the position map
//! answers issue 20's questions at a glance — who moved where and when, what each side
//! conceded and in answer to what, where neither side moved, and where each side stands now.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use chrono::NaiveDate;
use stance::analysis::{AnalysisFilter, Cell, MarkKind, PositionMap, RollUp};
use stance::io::load_project;
use stance::model::{CONCEDES_TO, IN_EXCHANGE_FOR, Project, Stance};

fn sample() -> Project {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/saves/river-talks.ron");
    let loaded = load_project(std::path::Path::new(path)).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.loaded_format, 3);
    loaded.project
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap()
}

fn sides_map(p: &Project) -> PositionMap {
    let filter = AnalysisFilter {
        roll_up: RollUp::Sides,
        ..AnalysisFilter::default()
    };
    PositionMap::build(p, &filter)
}

fn cell<'a>(p: &Project, map: &'a PositionMap, side: &str, issue: &str) -> &'a Cell {
    let side = p.actor_named(side).unwrap().id;
    let issue = p.issue_named(issue).unwrap().id;
    map.cell(map.row_of(side).unwrap(), map.column_of(issue).unwrap())
        .unwrap()
}

#[test]
fn the_sample_is_a_full_multi_round_negotiation() {
    let p = sample();
    assert_eq!(p.documents().len(), 8);
    assert_eq!(p.issues().len(), 5);
    assert!(p.annotations().len() >= 30);
    assert!(p.relations().len() >= 20);
    assert_eq!(p.rounds().len(), 3);
    for kind in [CONCEDES_TO, "conditional-on", IN_EXCHANGE_FOR] {
        assert!(p.relations().iter().any(|r| r.kind == kind), "{kind}");
    }
    assert!(
        p.annotations().iter().any(|a| a.holders.len() > 1),
        "a joint statement"
    );
    // A statement reported later than it was said.
    assert!(p.annotations().iter().any(|a| {
        a.said_on.is_some_and(|said| {
            p.document(a.document)
                .and_then(|d| d.date)
                .is_some_and(|reported| said.start() < reported)
        })
    }));
}

#[test]
fn the_side_map_says_who_moved_where_when_and_who_held() {
    let p = sample();
    let map = sides_map(&p);
    let names: Vec<&str> = map.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Northland", "Southmark"]);

    // 1. Where each side moved, and when.
    let moves = |side: &str, issue: &str| -> Vec<(MarkKind, Option<NaiveDate>)> {
        (cell(&p, &map, side, issue).history.iter())
            .filter(|m| m.is_move())
            .map(|m| (m.kind, m.when.date))
            .collect()
    };
    assert_eq!(
        moves("Southmark", "dam inspections"),
        [(MarkKind::Concession, Some(day(11, 20)))]
    );
    assert_eq!(
        moves("Northland", "water quota"),
        [(MarkKind::Concession, Some(day(11, 28)))],
        "said on Friday 28 November, reported on the 30th"
    );
    assert_eq!(
        moves("Northland", "crossing fees"),
        [(MarkKind::Concession, Some(day(12, 10)))]
    );
    // "In October, Osei had said…" (reported 10 December) sorts first: no false flip after
    // Southmark's November concession.
    let inspections = cell(&p, &map, "Southmark", "dam inspections");
    assert_eq!(inspections.history[0].when.date, Some(day(10, 1)));
    assert_eq!(inspections.history[0].kind, MarkKind::First);
    assert!(
        !inspections
            .history
            .iter()
            .any(|m| matches!(m.kind, MarkKind::Change { .. }))
    );

    // 3. Where neither side moved: fishing rights and river sovereignty; and who held.
    for issue in ["fishing rights", "river sovereignty"] {
        let column = map.column_of(p.issue_named(issue).unwrap().id).unwrap();
        let totals = map.totals(column);
        assert_eq!((totals.moved, totals.held), (0, 2), "{issue}");
    }
    for (issue, moved, held) in [
        ("water quota", "Northland", "Southmark"),
        ("dam inspections", "Southmark", "Northland"),
        ("crossing fees", "Northland", "Southmark"),
    ] {
        let column = map.column_of(p.issue_named(issue).unwrap().id).unwrap();
        let totals = map.totals(column);
        assert_eq!((totals.moved, totals.held), (1, 1), "{issue}");
        assert!(
            cell(&p, &map, moved, issue).moved(),
            "{moved} moved on {issue}"
        );
        assert!(cell(&p, &map, held, issue).held(), "{held} held on {issue}");
    }

    // 5. Where each side stands now, and what is agreed.
    for (side, issue, stance) in [
        ("Northland", "water quota", Stance::For),
        ("Southmark", "dam inspections", Stance::For),
        ("Northland", "crossing fees", Stance::For),
        ("Southmark", "river sovereignty", Stance::Against),
        ("Northland", "river sovereignty", Stance::For),
    ] {
        assert_eq!(
            cell(&p, &map, side, issue).stance,
            Some(stance),
            "{side} on {issue}"
        );
    }
    let northland = p.actor_named("Northland").unwrap().id;
    let southmark = p.actor_named("Southmark").unwrap().id;
    for issue in ["water quota", "dam inspections"] {
        let agreed = map.agreed(p.issue_named(issue).unwrap().id);
        assert_eq!(agreed.len(), 1, "{issue}");
        assert_eq!(agreed[0].when.date, Some(day(12, 18)));
        assert_eq!(agreed[0].sides, [northland, southmark]);
    }
    assert!(
        map.agreed(p.issue_named("crossing fees").unwrap().id)
            .is_empty()
    );
}

#[test]
fn each_concession_answers_a_statement_of_the_other_side() {
    // 2. What each side conceded, and in answer to what.
    let p = sample();
    let map = sides_map(&p);
    let concessions = map.concessions();
    assert_eq!(concessions.len(), 3);
    for (row, _, e) in concessions {
        let answered = (p.relations().iter())
            .find(|r| r.kind == CONCEDES_TO && r.from == e.annotation)
            .and_then(|r| p.annotation(r.to))
            .unwrap();
        let conceding_side = map.rows[row].actor;
        assert!(
            !p.holder_sides(answered).contains(&conceding_side),
            "a concession answers the other side"
        );
    }
    // The actor view keeps the negotiators apart: the fee concession is Halvorsen's.
    let actors = PositionMap::build(&p, &AnalysisFilter::default());
    let halvorsen = p.actor_named("Karl Halvorsen").unwrap().id;
    let fees = p.issue_named("crossing fees").unwrap().id;
    let c = actors
        .cell(
            actors.row_of(halvorsen).unwrap(),
            actors.column_of(fees).unwrap(),
        )
        .unwrap();
    assert!(c.moved());
    assert_eq!(
        actors.rows[actors.row_of(halvorsen).unwrap()].side,
        map.rows[0].actor
    );
}

#[test]
fn the_timeline_has_a_lane_per_side_for_each_issue() {
    use stance::analysis::{Timeline, TimelineRows};
    let p = sample();
    let timeline = Timeline::build(&p, &AnalysisFilter::default(), TimelineRows::IssueLanes);
    let labels: Vec<&str> = timeline.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels.len(), 10, "{labels:?}");
    assert_eq!(labels[0], "water quota · Northland");
    assert_eq!(labels[1], "water quota · Southmark");
    // The joint agreement is a mark on both sides' lanes of each of its issues.
    let agreement = p
        .annotations()
        .iter()
        .find(|a| a.tag == "agreement")
        .unwrap();
    let lanes = (timeline.marks.iter())
        .filter(|m| m.evidence.annotation == agreement.id)
        .count();
    assert_eq!(lanes, 4);
    // Said-on dates are on the axis: Okafor's Monday, 27 October.
    assert!(timeline.dates.contains(&day(10, 27)));
    for kind in [CONCEDES_TO, "conditional-on", IN_EXCHANGE_FOR] {
        assert!(timeline.links.iter().any(|l| l.kind == kind), "{kind}");
    }
}
