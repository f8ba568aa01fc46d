//! Format 3's rules: joint holders, a stance per issue, said-on dates and the one time order,
//! firmness, sides without cycles, rounds and briefs; each edit undoes exactly.

use chrono::NaiveDate;

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn actor(p: &mut Project, name: &str) -> ActorId {
    let actor = Actor::new(name, None);
    let id = actor.id;
    p.apply(p.add_actor(actor).unwrap()).unwrap();
    id
}

fn issue(p: &mut Project, name: &str) -> IssueId {
    let issue = Issue::new(name);
    let id = issue.id;
    p.apply(p.add_issue(issue).unwrap()).unwrap();
    id
}

#[test]
fn a_joint_statement_counts_for_each_holder_once() {
    let (mut p, doc, spans) = project_with("[The joint statement] reads.");
    let a = annotate(&mut p, doc, "position", vec![spans[0]]);
    let (us, ua) = (actor(&mut p, "United States"), actor(&mut p, "Ukraine"));
    apply_undoable(&mut p, |p| p.set_holders(a, &[us, ua, us], t0()).unwrap());
    assert_eq!(
        p.annotation(a).unwrap().holders,
        [us, ua],
        "no repeats, order kept"
    );
    assert_eq!(
        (p.index().holder_count(us), p.index().holder_count(ua)),
        (1, 1)
    );
    assert_eq!(p.index().unheld_count(), 0);
    assert_eq!(
        p.holders_label(p.annotation(a).unwrap()),
        "United States & Ukraine"
    );
    apply_undoable(&mut p, |p| p.remove_holder(a, us, t0()).unwrap());
    assert_eq!(p.annotation(a).unwrap().holders, [ua]);
    // A holder listed twice (a hand-edited file) is a problem, and repair drops the copy.
    p.rebuild(|parts| parts.annotations[0].holders = vec![ua, ua]);
    assert!(matches!(
        p.problems()[..],
        [Problem::RepeatedHolder { holder, .. }] if holder == ua
    ));
    p.apply(p.repair_annotation(a, t0()).unwrap()).unwrap();
    assert_eq!(p.annotation(a).unwrap().holders, [ua]);
    // Deleting an actor takes it off joint statements, and undo puts it back.
    apply_undoable(&mut p, |p| p.delete_actor(ua, t0()).unwrap());
}

#[test]
fn each_issue_carries_its_own_stance_and_a_general_stance_moves_onto_the_first_issue() {
    let (mut p, doc, spans) =
        project_with("[They stop fighting, and they don't take any more land.]");
    let a = annotate(&mut p, doc, "position", vec![spans[0]]);
    let (ceasefire, territory) = (issue(&mut p, "ceasefire"), issue(&mut p, "territory"));
    // Without an issue, the stance is the general one...
    apply_undoable(&mut p, |p| {
        p.set_stance(a, Some(Stance::For), t0()).unwrap()
    });
    assert_eq!(p.annotation(a).unwrap().stance, Some(Stance::For));
    // ...which the first issue takes with it.
    apply_undoable(&mut p, |p| p.add_issue_to(a, ceasefire, t0()).unwrap());
    let ann = p.annotation(a).unwrap();
    assert_eq!(
        (ann.stance, ann.stance_on(ceasefire)),
        (None, Some(Stance::For))
    );
    apply_undoable(&mut p, |p| p.add_issue_to(a, territory, t0()).unwrap());
    apply_undoable(&mut p, |p| {
        p.set_issue_stance(a, territory, Some(Stance::Against), t0())
            .unwrap()
    });
    let ann = p.annotation(a).unwrap();
    assert_eq!(ann.stance_on(ceasefire), Some(Stance::For));
    assert_eq!(ann.stance_on(territory), Some(Stance::Against));
    assert!(ann.has_mixed_stances());
    assert_eq!(ann.single_stance(), None);
    // A condition makes that issue's stance conditional, and only that one.
    apply_undoable(&mut p, |p| {
        p.set_issue_condition(a, territory, "if guarantees hold", t0())
            .unwrap()
    });
    let ann = p.annotation(a).unwrap();
    assert_eq!(ann.stance_on(territory), Some(Stance::Conditional));
    assert_eq!(ann.stance_on(ceasefire), Some(Stance::For));
    // Removing and re-adding keeps nothing stale; an issue it is not about is refused.
    let sanctions = issue(&mut p, "sanctions");
    assert_eq!(
        p.set_issue_stance(a, sanctions, Some(Stance::For), t0()),
        Err(EditError::NoSuchIssue(sanctions))
    );
    // Both a general stance and issues: a problem, repaired by putting it on the issues.
    p.rebuild(|parts| parts.annotations[0].stance = Some(Stance::Unclear));
    assert!(matches!(
        p.problems()[..],
        [Problem::GeneralStanceWithIssues { .. }]
    ));
    p.apply(p.repair_annotation(a, t0()).unwrap()).unwrap();
    assert!(p.problems().is_empty());
    assert_eq!(p.annotation(a).unwrap().stance, None);
}

#[test]
fn time_order_uses_said_on_before_the_article_date() {
    let (mut p, doc, spans) = project_with("[In October, she had said] no. [Now she agrees.]");
    p.rebuild(|parts| parts.documents[0].date = Some(day(2025, 11, 23)));
    let old = annotate(&mut p, doc, "position", vec![spans[0]]);
    let new = annotate(&mut p, doc, "concession", vec![spans[1]]);
    let october = PartialDate::month(2025, 10).unwrap();
    apply_undoable(&mut p, |p| p.set_said_on(old, Some(october), t0()).unwrap());
    let (old_a, new_a) = (p.annotation(old).unwrap(), p.annotation(new).unwrap());
    assert_eq!(p.statement_date(old_a), Some(october));
    assert_eq!(p.statement_day(old_a), Some(day(2025, 10, 1)));
    assert_eq!(
        p.statement_date(new_a),
        Some(PartialDate::Day(day(2025, 11, 23)))
    );
    assert!(p.time_order_key(old_a) < p.time_order_key(new_a));
    apply_undoable(&mut p, |p| {
        p.set_firmness(new, Some(Firmness::Flexible), t0()).unwrap()
    });
    assert_eq!(
        p.annotation(new).unwrap().firmness,
        Some(Firmness::Flexible)
    );
}

#[test]
fn sides_roll_up_to_the_root_and_never_make_a_cycle() {
    let mut p = Project::new("sides");
    let russia = actor(&mut p, "Russia");
    let kremlin = actor(&mut p, "The Kremlin");
    let ushakov = actor(&mut p, "Yuri Ushakov");
    apply_undoable(&mut p, |p| p.set_side(kremlin, Some(russia)).unwrap());
    apply_undoable(&mut p, |p| p.set_side(ushakov, Some(kremlin)).unwrap());
    assert_eq!(p.side_of(ushakov), russia);
    assert_eq!(
        p.side_of(russia),
        russia,
        "an actor with no side is its own"
    );
    assert!(p.is_a_side(kremlin) && !p.is_a_side(ushakov));
    assert_eq!(
        p.set_side(russia, Some(ushakov)),
        Err(EditError::SideCycle {
            actor: "Russia".to_owned(),
            side: "Yuri Ushakov".to_owned()
        })
    );
    assert!(p.set_side(russia, Some(russia)).is_err());
    // An actor other actors speak for is not removed behind their back; deleting it frees
    // them (checked, with its undo, on a copy).
    assert!(matches!(
        p.apply(Edit::RemoveActor(kremlin)),
        Err(EditError::ActorIsASide { count: 1, .. })
    ));
    let mut copy = p.clone();
    apply_undoable(&mut copy, |p| p.delete_actor(kremlin, t0()).unwrap());
    assert_eq!(copy.actor(ushakov).unwrap().side, None);
    // Merging the Kremlin into Russia: Ushakov now speaks for Russia directly.
    apply_undoable(&mut p, |p| p.merge_actors(kremlin, russia, t0()).unwrap());
    assert_eq!(p.actor(ushakov).unwrap().side, Some(russia));
    assert!(p.problems().is_empty());
    // A file with a cycle loads with its problem listed; side_of still ends.
    p.rebuild(|parts| {
        parts.actors[0].side = Some(ushakov);
    });
    assert!(
        p.problems()
            .iter()
            .any(|x| matches!(x, Problem::SideCycle { .. }))
    );
    let _ = p.side_of(ushakov);
}

#[test]
fn joint_holders_count_for_each_side() {
    let (mut p, doc, spans) = project_with("[Real progress], the statement reads.");
    let a = annotate(&mut p, doc, "agreement", vec![spans[0]]);
    let (us, ua) = (actor(&mut p, "United States"), actor(&mut p, "Ukraine"));
    let (rubio, umerov) = (actor(&mut p, "Rubio"), actor(&mut p, "Umerov"));
    p.apply(p.set_side(rubio, Some(us)).unwrap()).unwrap();
    p.apply(p.set_side(umerov, Some(ua)).unwrap()).unwrap();
    p.apply(p.set_holders(a, &[rubio, umerov, us], t0()).unwrap())
        .unwrap();
    assert_eq!(p.holder_sides(p.annotation(a).unwrap()), [us, ua]);
}

#[test]
fn rounds_and_briefs_are_checked_and_undo_exactly() {
    let (mut p, doc, _) = project_with("Talks.");
    let geneva = Round::new(
        " Geneva ",
        RoundSpan::Dates {
            from: day(2025, 11, 23),
            to: day(2025, 11, 24),
        },
    );
    let geneva_id = geneva.id;
    apply_undoable(&mut p, |p| p.add_round(geneva).unwrap());
    assert_eq!(p.round(geneva_id).unwrap().name, "Geneva");
    let moscow = Round::new("Moscow", RoundSpan::Documents(vec![doc]));
    let moscow_id = moscow.id;
    p.apply(p.add_round(moscow).unwrap()).unwrap();
    assert_eq!(
        p.add_round(Round::new(
            "Backwards",
            RoundSpan::Dates {
                from: day(2025, 12, 2),
                to: day(2025, 12, 1)
            }
        )),
        Err(EditError::RoundDatesReversed {
            name: "Backwards".to_owned()
        })
    );
    assert_eq!(
        p.add_round(Round::new(" ", RoundSpan::Documents(Vec::new()))),
        Err(EditError::EmptyRoundName)
    );
    // A document in a round stays.
    assert!(matches!(
        p.apply(Edit::RemoveDocument(doc)),
        Err(EditError::DocumentInRound { .. })
    ));
    let key = BriefKey::Rounds {
        from: geneva_id,
        to: moscow_id,
    };
    apply_undoable(&mut p, |p| {
        p.set_brief(key.clone(), "Russia moved on 1 issue.")
    });
    assert_eq!(p.brief(&key), Some("Russia moved on 1 issue."));
    apply_undoable(&mut p, |p| {
        p.edit_round(moscow_id, |r| r.name = "Moscow talks".into())
            .unwrap()
    });
    // Deleting a round drops the briefs that compare it, and undo brings both back.
    apply_undoable(&mut p, |p| p.delete_round(geneva_id).unwrap());
    assert_eq!(p.brief(&key), None);
    // Saved and read back as they were.
    let text = ron::to_string(&p).unwrap();
    let back: Project = ron::from_str(&text).unwrap();
    assert_eq!(back.rounds(), p.rounds());
}
