//! Histories, held/moved, column totals, the side roll-up and the agreement rule.

use super::*;

/// Two sides: Russia (Ushakov speaks for it) and the United States (Witkoff, Rubio).
struct Sides {
    f: Fixture,
    russia: ActorId,
    us: ActorId,
    rubio: ActorId,
}

fn sides() -> Sides {
    let mut f = fixture();
    let russia = f.t.actor("Russia", None);
    let us = f.t.actor("United States", None);
    let rubio = f.t.actor("Marco Rubio", None);
    let (ushakov, witkoff) = (f.ushakov, f.witkoff);
    f.t.p.rebuild(|parts| {
        for a in &mut parts.actors {
            if a.id == ushakov {
                a.side = Some(russia);
            } else if a.id == witkoff || a.id == rubio {
                a.side = Some(us);
            }
        }
    });
    Sides {
        f,
        russia,
        us,
        rubio,
    }
}

fn cell(map: &PositionMap, actor: ActorId, issue: IssueId) -> &Cell {
    let row = map.row_of(actor).expect("the actor has a row");
    map.cell(row, map.column_of(issue).expect("the issue has a column"))
        .expect("a cell")
}

fn kinds(cell: &Cell) -> Vec<MarkKind> {
    cell.history.iter().map(|m| m.kind).collect()
}

#[test]
fn a_history_marks_the_first_stance_repeats_changes_and_concessions_in_time_order() {
    let mut f = fixture();
    let (u, terr) = (f.ushakov, f.territory);
    // Listed out of time order on purpose: the history follows the dates.
    let rejected = f.t.say(
        f.moscow,
        "rejected the map",
        "position",
        u,
        &[terr],
        Some(Stance::Against),
    );
    let wants = f.t.say(
        f.geneva,
        "wants the land",
        "position",
        u,
        &[terr],
        Some(Stance::For),
    );
    f.t.say(f.moscow, "Later", "claim", u, &[terr], None);
    let freeze = f.t.say(
        f.moscow,
        "accepted a freeze",
        "concession",
        u,
        &[terr],
        Some(Stance::Conditional),
    );

    let map = PositionMap::build(&f.t.p, &AnalysisFilter::default());
    let c = cell(&map, u, terr);
    assert_eq!(
        kinds(c),
        [
            MarkKind::First,
            MarkKind::Change {
                from: Some(Stance::For)
            },
            MarkKind::Concession
        ],
        "the stance-less claim is evidence, not a mark"
    );
    let order: Vec<AnnotationId> = c.history.iter().map(|m| m.evidence).collect();
    assert_eq!(order, [wants, rejected, freeze]);
    assert_eq!(c.history[1].when.date, Some(day(2)));
    assert!(c.moved());
    assert!(!c.held());
    let column = map.column_of(terr).unwrap_or(9);
    assert_eq!(map.totals(column), ColumnTotals { moved: 1, held: 0 });
}

#[test]
fn a_stance_said_twice_on_dates_and_never_changed_held() {
    let mut f = fixture();
    let (w, cf) = (f.witkoff, f.ceasefire);
    f.t.say(
        f.geneva,
        "urged a truce",
        "position",
        w,
        &[cf],
        Some(Stance::For),
    );
    f.t.say(
        f.florida,
        "offered a ceasefire",
        "position",
        w,
        &[cf],
        Some(Stance::For),
    );
    // One statement is not a history that held.
    f.t.say(
        f.moscow,
        "rejected the map",
        "position",
        f.ushakov,
        &[cf],
        Some(Stance::Against),
    );

    let map = PositionMap::build(&f.t.p, &AnalysisFilter::default());
    let witkoff = cell(&map, w, cf);
    assert_eq!(kinds(witkoff), [MarkKind::First, MarkKind::Same]);
    assert!(witkoff.held());
    assert!(!witkoff.moved());
    assert!(!cell(&map, f.ushakov, cf).held());
    let column = map.column_of(cf).unwrap_or(9);
    assert_eq!(map.totals(column), ColumnTotals { moved: 0, held: 1 });
}

#[test]
fn said_on_orders_an_old_statement_before_a_newer_one_so_no_false_flip() {
    let mut f = fixture();
    let (u, terr) = (f.ushakov, f.territory);
    // Reported on 5 December but said in October: it is the first stance, and the
    // 23 November position is the change.
    let old = f.t.say(
        f.florida,
        "offered a ceasefire",
        "position",
        u,
        &[terr],
        Some(Stance::Against),
    );
    f.t.p.rebuild(|parts| {
        for a in &mut parts.annotations {
            if a.id == old {
                a.said_on = Some(crate::model::PartialDate::Month {
                    year: 2025,
                    month: 10,
                });
            }
        }
    });
    f.t.say(
        f.geneva,
        "wants the land",
        "position",
        u,
        &[terr],
        Some(Stance::For),
    );

    let map = PositionMap::build(&f.t.p, &AnalysisFilter::default());
    let c = cell(&map, u, terr);
    assert_eq!(c.history[0].evidence, old);
    assert_eq!(
        kinds(c),
        [
            MarkKind::First,
            MarkKind::Change {
                from: Some(Stance::Against)
            }
        ]
    );
    assert_eq!(c.stance, Some(Stance::For));
}

#[test]
fn a_retracted_statement_is_a_mark_that_sets_no_stance() {
    let mut f = fixture();
    let (w, cf) = (f.witkoff, f.ceasefire);
    f.t.say(
        f.geneva,
        "urged a truce",
        "position",
        w,
        &[cf],
        Some(Stance::For),
    );
    let offered = f.t.say(
        f.moscow,
        "rejected the map",
        "position",
        w,
        &[cf],
        Some(Stance::Against),
    );
    let talk =
        f.t.say(f.florida, "agreed to talk", "claim", w, &[cf], None);
    f.t.relate(crate::model::RETRACTS, talk, offered);
    f.t.say(
        f.florida,
        "offered a ceasefire",
        "position",
        w,
        &[cf],
        Some(Stance::For),
    );

    let map = PositionMap::build(&f.t.p, &AnalysisFilter::default());
    let c = cell(&map, w, cf);
    assert_eq!(
        kinds(c),
        [MarkKind::First, MarkKind::Retracted, MarkKind::Same]
    );
    assert!(c.held(), "a retracted flip is not a move");
}

#[test]
fn sides_roll_negotiators_up_and_count_a_joint_statement_once_per_side() {
    let Sides {
        mut f,
        russia,
        us,
        rubio,
    } = sides();
    let (u, w, terr) = (f.ushakov, f.witkoff, f.territory);
    f.t.say(
        f.geneva,
        "wants the land",
        "position",
        u,
        &[terr],
        Some(Stance::For),
    );
    f.t.say(
        f.moscow,
        "accepted a freeze",
        "concession",
        u,
        &[terr],
        Some(Stance::Conditional),
    );
    // A joint statement of Witkoff and Rubio: one statement for the United States.
    let joint = f.t.say(
        f.florida,
        "offered a ceasefire",
        "position",
        w,
        &[terr],
        Some(Stance::Against),
    );
    f.t.p.rebuild(|parts| {
        for a in &mut parts.annotations {
            if a.id == joint {
                a.holders.push(rubio);
            }
        }
    });
    f.t.say(
        f.geneva,
        "urged a truce",
        "position",
        w,
        &[terr],
        Some(Stance::Against),
    );

    let by_actor = PositionMap::build(&f.t.p, &AnalysisFilter::default());
    assert_eq!(by_actor.roll_up, RollUp::Actors);
    assert!(by_actor.row_of(rubio).is_some());
    assert_eq!(by_actor.rows[by_actor.row_of(u).unwrap_or(9)].side, russia);

    let filter = AnalysisFilter {
        roll_up: RollUp::Sides,
        group_by_affiliation: true, // ignored when rolled up to sides
        ..AnalysisFilter::default()
    };
    let map = PositionMap::build(&f.t.p, &filter);
    let names: Vec<&str> = map.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Russia", "United States"]);
    assert!(map.groups.is_empty());
    let us_cell = cell(&map, us, terr);
    assert_eq!(us_cell.evidence.len(), 2, "the joint statement counts once");
    assert!(us_cell.held());
    let russia_cell = cell(&map, russia, terr);
    assert_eq!(kinds(russia_cell), [MarkKind::First, MarkKind::Concession]);
    let column = map.column_of(terr).unwrap_or(9);
    assert_eq!(map.totals(column), ColumnTotals { moved: 1, held: 1 });
}

#[test]
fn an_agreement_agrees_its_issues_between_its_holders_sides_from_its_date() {
    let Sides {
        mut f, russia, us, ..
    } = sides();
    let (u, w, cf, terr) = (f.ushakov, f.witkoff, f.ceasefire, f.territory);
    let deal = f.t.say(
        f.florida,
        "agreed to talk",
        crate::model::AGREEMENT,
        u,
        &[cf],
        Some(Stance::For),
    );
    f.t.p.rebuild(|parts| {
        for a in &mut parts.annotations {
            if a.id == deal {
                a.holders.push(w);
            }
        }
    });
    f.t.say(
        f.geneva,
        "urged a truce",
        "position",
        w,
        &[cf],
        Some(Stance::Against),
    );

    let filter = AnalysisFilter {
        roll_up: RollUp::Sides,
        tags: ["position".to_owned()].into(), // a tag filter does not hide an agreement
        ..AnalysisFilter::default()
    };
    let map = PositionMap::build(&f.t.p, &filter);
    let agreed = map.agreed(cf);
    assert_eq!(agreed.len(), 1);
    assert_eq!(agreed[0].sides, [russia, us]);
    assert_eq!(agreed[0].when.date, Some(day(5)));
    assert_eq!(agreed[0].evidence, deal);
    assert!(map.agreed(terr).is_empty());

    let all = PositionMap::build(
        &f.t.p,
        &AnalysisFilter {
            roll_up: RollUp::Sides,
            ..AnalysisFilter::default()
        },
    );
    assert_eq!(
        kinds(cell(&all, us, cf)),
        [MarkKind::First, MarkKind::Agreement]
    );
    // Before its date the issue is not agreed.
    let before = AnalysisFilter {
        to: Some(day(4)),
        ..AnalysisFilter::default()
    };
    assert!(PositionMap::build(&f.t.p, &before).agreed(cf).is_empty());
}
