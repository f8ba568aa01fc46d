//! Issues, targets, stances, attribution, cues, the annotator and relations between
//! annotations: the negotiation model's rules, each edit undone by its inverse.

use super::actors::with_actors;
use super::*;

fn with_issues(p: &mut Project, names: &[&str]) -> Vec<IssueId> {
    names
        .iter()
        .map(|name| {
            let issue = Issue::new(*name);
            let id = issue.id;
            p.apply(p.add_issue(issue).unwrap()).unwrap();
            id
        })
        .collect()
}

#[test]
fn issue_names_are_unique_across_names_and_aliases() {
    let (mut p, _, _) = project_with("Talks.");
    let [territory, _] = with_issues(&mut p, &["Territory", "Ceasefire"])[..] else {
        unreachable!()
    };
    apply_undoable(&mut p, |p| {
        p.set_issue_aliases(territory, "land, Donbas").unwrap()
    });
    for clash in ["territory", " LAND ", "donbas"] {
        assert!(
            matches!(
                p.add_issue(Issue::new(clash)),
                Err(EditError::DuplicateIssueName { ref existing, .. }) if existing == "Territory"
            ),
            "{clash}"
        );
    }
    let ceasefire = p.issue_named("ceasefire").unwrap().id;
    assert!(matches!(
        p.rename_issue(ceasefire, "Land"),
        Err(EditError::DuplicateIssueName { .. })
    ));
    assert_eq!(
        p.rename_issue(ceasefire, "  "),
        Err(EditError::EmptyIssueName)
    );
    // Renaming to one's own alias takes the alias out of the list.
    apply_undoable(&mut p, |p| p.rename_issue(territory, "land").unwrap());
    assert_eq!(p.issue(territory).unwrap().aliases, ["Donbas"]);
    assert!(p.problems().is_empty());
}

#[test]
fn merging_issues_repoints_every_reference_as_one_undo_step() {
    let (mut p, doc, spans) = project_with("[One] and [two] and [three].");
    let ids = with_issues(&mut p, &["Peace framework", "Peace plan", "Territory"]);
    let (into, from, other) = (ids[0], ids[1], ids[2]);
    let a = annotate(&mut p, doc, "claim", vec![spans[0]]);
    let b = annotate(&mut p, doc, "position", vec![spans[1]]);
    let c = annotate(&mut p, doc, "position", vec![spans[2]]);
    p.apply(p.set_issues(a, &[from], t0()).unwrap()).unwrap();
    p.apply(p.set_issues(b, &[into, from], t0()).unwrap())
        .unwrap();
    p.apply(p.set_issues(c, &[from, other], t0()).unwrap())
        .unwrap();
    let cx = EditContext::new(Some("Ana"), t0() + TimeDelta::seconds(5));
    let merge = p.merge_issues(from, into, &cx).unwrap();
    apply_undoable(&mut p, |_| merge);
    assert_eq!(p.annotation(a).unwrap().issues, [into]);
    assert_eq!(p.annotation(b).unwrap().issues, [into], "no duplicate");
    assert_eq!(p.annotation(c).unwrap().issues, [into, other], "order kept");
    assert_eq!(
        p.issue_names(p.annotation(c).unwrap()),
        ["Peace framework", "Territory"]
    );
    assert!(p.issue(from).is_none());
    assert!(p.issue(into).unwrap().is_called("peace plan"));
    assert_eq!(p.annotation(c).unwrap().annotator.as_deref(), Some("Ana"));
    assert!(p.problems().is_empty(), "{:?}", p.problems());
    assert!(matches!(
        p.merge_issues(into, into, t0()),
        Err(EditError::DuplicateId(_))
    ));
}

#[test]
fn an_issue_in_use_is_only_removed_with_its_references() {
    let (mut p, doc, spans) = project_with("[Ceasefire now].");
    let issue = with_issues(&mut p, &["Ceasefire"])[0];
    let a = annotate(&mut p, doc, "position", vec![spans[0]]);
    p.apply(p.add_issue_to(a, issue, t0()).unwrap()).unwrap();
    assert_eq!(
        p.apply(Edit::RemoveIssue(issue)),
        Err(EditError::IssueInUse {
            name: "Ceasefire".to_owned(),
            count: 1
        })
    );
    apply_undoable(&mut p, |p| p.delete_issue(issue, t0()).unwrap());
    assert!(p.annotation(a).unwrap().issues.is_empty());
    assert!(p.issues.is_empty());
}

#[test]
fn an_issue_typed_by_name_is_reused_or_created_in_one_edit() {
    let (mut p, doc, spans) = project_with("[Security guarantees] matter.");
    let a = annotate(&mut p, doc, "position", vec![spans[0]]);
    let add = p.add_issue_named(a, "Security guarantees", t0()).unwrap();
    assert!(matches!(add, Edit::Batch(_)));
    apply_undoable(&mut p, |_| add);
    let id = p.issue_named("security GUARANTEES").unwrap().id;
    assert_eq!(p.annotation(a).unwrap().issues, [id]);
    apply_undoable(&mut p, |p| {
        p.add_issue_named(a, " security guarantees ", t0()).unwrap()
    });
    assert_eq!(p.issues.len(), 1);
    assert_eq!(p.annotation(a).unwrap().issues, [id]);
    assert_eq!(p.issues_matching("sec").count(), 1);
    assert_eq!(p.issues_matching("x").count(), 0);
}

#[test]
fn the_edit_context_records_who_changed_an_annotation() {
    let (mut p, doc, spans) = project_with("[We are no closer].");
    let cx = EditContext::new(Some("  Ana "), t0());
    let a = p.new_annotation(doc, "claim", vec![spans[0]], &cx).unwrap();
    assert_eq!(a.annotator.as_deref(), Some("Ana"));
    let id = a.id;
    p.apply(Edit::AddAnnotation(Box::new(a))).unwrap();
    let later = t0() + TimeDelta::seconds(60);
    let bo = EditContext::new(Some("Bo"), later);
    apply_undoable(&mut p, |p| {
        p.set_stance(id, Some(Stance::Against), &bo).unwrap()
    });
    let a = p.annotation(id).unwrap();
    assert_eq!((a.annotator.as_deref(), a.modified), (Some("Bo"), later));
    // An unknown annotator keeps the last known one; a blank name is unknown.
    assert_eq!(EditContext::new(Some(" "), t0()).annotator, None);
    apply_undoable(&mut p, |p| p.set_note(id, "n", t0()).unwrap());
    assert_eq!(p.annotation(id).unwrap().annotator.as_deref(), Some("Bo"));
}

#[test]
fn a_condition_belongs_to_a_conditional_stance() {
    let (mut p, doc, spans) = project_with("[Some formulations are acceptable].");
    let a = annotate(&mut p, doc, "concession", vec![spans[0]]);
    apply_undoable(&mut p, |p| {
        p.set_condition(a, "if the front line is frozen", t0())
            .unwrap()
    });
    let ann = p.annotation(a).unwrap();
    assert_eq!(ann.stance, Some(Stance::Conditional));
    assert_eq!(
        ann.condition.as_deref(),
        Some("if the front line is frozen")
    );
    apply_undoable(&mut p, |p| {
        p.set_stance(a, Some(Stance::For), t0()).unwrap()
    });
    assert_eq!(p.annotation(a).unwrap().condition, None);
    apply_undoable(&mut p, |p| {
        p.set_attribution(a, Some(Attribution::Direct), t0())
            .unwrap()
    });
    assert_eq!(
        p.annotation(a).unwrap().attribution,
        Some(Attribution::Direct)
    );
}

#[test]
fn targets_are_actors_and_follow_actor_merges_and_deletes() {
    let (mut p, doc, spans) = project_with("[urging Russia to commit to peace].");
    let ids = with_actors(&mut p, &["Russia", "Moscow", "Kyiv"]);
    let a = annotate(&mut p, doc, "position", vec![spans[0]]);
    let stranger = ActorId::random();
    assert_eq!(
        p.set_target(a, Some(stranger), t0()),
        Err(EditError::NoSuchActor(stranger))
    );
    apply_undoable(&mut p, |p| p.set_target(a, Some(ids[1]), t0()).unwrap());
    assert!(matches!(
        p.apply(Edit::RemoveActor(ids[1])),
        Err(EditError::ActorInUse { count: 1, .. })
    ));
    apply_undoable(&mut p, |p| p.merge_actors(ids[1], ids[0], t0()).unwrap());
    assert_eq!(p.annotation(a).unwrap().target, Some(ids[0]));
    assert_eq!(p.target_name(p.annotation(a).unwrap()), "Russia");
    apply_undoable(&mut p, |p| p.delete_actor(ids[0], t0()).unwrap());
    assert_eq!(p.annotation(a).unwrap().target, None);
    apply_undoable(&mut p, |p| p.set_target_named(a, "kyiv", t0()).unwrap());
    assert_eq!(p.annotation(a).unwrap().target, Some(ids[2]));
}

#[test]
fn a_cue_is_normalised_and_must_lie_in_the_document() {
    let (mut p, doc, spans) = project_with("[We are no closer], Ushakov [added] and [said].");
    let a = annotate(&mut p, doc, "claim", vec![spans[0]]);
    apply_undoable(&mut p, |p| {
        p.set_cue(a, vec![spans[2], spans[1]], t0()).unwrap()
    });
    assert_eq!(p.annotation(a).unwrap().cue, [spans[1], spans[2]]);
    let len = p.document(doc).unwrap().len_chars();
    assert!(matches!(
        p.set_cue(a, vec![Span::new(len, len + 3)], t0()),
        Err(EditError::Invalid { .. })
    ));
    apply_undoable(&mut p, |p| p.set_cue(a, Vec::new(), t0()).unwrap());
    assert!(p.annotation(a).unwrap().cue.is_empty());
}

#[test]
fn problems_name_unknown_issues_targets_bad_cues_and_issue_clashes() {
    let (mut p, doc, spans) = project_with("[Ceasefire] now.");
    let a = annotate(&mut p, doc, "position", vec![spans[0]]);
    let (issue, target) = (IssueId::random(), ActorId::random());
    let mut twin = Issue::new("Ceasefire");
    let ceasefire = Issue {
        aliases: vec!["truce".to_owned()],
        ..Issue::new("Truce")
    };
    twin.aliases.push("TRUCE".to_owned());
    p.issues = vec![ceasefire.clone(), twin.clone(), ceasefire.clone()];
    p.rebuild(|parts| {
        let ann = &mut parts.annotations[0];
        ann.issues = vec![issue];
        ann.target = Some(target);
        ann.cue = vec![Span::new(8, 10), Span::new(0, 3)];
    });
    let problems = p.problems();
    for expected in [
        Problem::UnknownIssue {
            annotation: a,
            issue,
        },
        Problem::UnknownTarget {
            annotation: a,
            target,
        },
        Problem::BadCue {
            annotation: a,
            error: RangeError::Overlap(Span::new(8, 10), Span::new(0, 3)),
        },
        Problem::DuplicateIssueId {
            issue: ceasefire.id,
        },
        Problem::IssueNameClash {
            issue: twin.id,
            name: "TRUCE".to_owned(),
            other: ceasefire.id,
            other_name: "Truce".to_owned(),
        },
    ] {
        assert!(
            problems.contains(&expected),
            "{expected} not in {problems:?}"
        );
    }
    p.rebuild(|parts| {
        parts.annotations[0].cue = vec![Span::new(10, 99)];
    });
    assert!(p.problems().iter().any(|problem| matches!(
        problem,
        Problem::CueOutOfDocument { range, .. } if *range == Span::new(10, 99)
    )));
    // Repair drops what does not exist and keeps the rest.
    p.issues.truncate(1);
    let repair = p.repair_annotation(a, t0()).unwrap();
    p.apply(repair).unwrap();
    let fixed = p.annotation(a).unwrap();
    assert!(fixed.issues.is_empty() && fixed.target.is_none() && fixed.cue.is_empty());
    assert!(p.problems().is_empty(), "{:?}", p.problems());
}

#[test]
fn stance_and_attribution_serialise_as_bare_variants() {
    let (mut p, doc, spans) = project_with("[Some proposals were unacceptable].");
    let a = annotate(&mut p, doc, "position", vec![spans[0]]);
    p.apply(p.set_stance(a, Some(Stance::Against), t0()).unwrap())
        .unwrap();
    p.apply(
        p.set_attribution(a, Some(Attribution::Indirect), t0())
            .unwrap(),
    )
    .unwrap();
    let text = ron::to_string(p.annotation(a).unwrap()).unwrap();
    assert!(text.contains("stance:Some(Against)"), "{text}");
    assert!(text.contains("attribution:Some(Indirect)"), "{text}");
    assert!(
        !text.contains("target"),
        "empty fields are not written: {text}"
    );
}
