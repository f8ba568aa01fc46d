//! Actor rules: unique names and aliases, merging, renaming, holders by name.

use super::*;

#[test]
fn merge_moves_annotations_and_keeps_names_as_aliases() {
    let (mut p, doc, spans) = project_with("[Putin] said, and [Vladimir Putin] added.");
    let putin = Actor::new("Putin", Some("Russia"));
    let vladimir = Actor::new("Vladimir Putin", None);
    let (pid, vid) = (putin.id, vladimir.id);
    p.apply(p.add_actor(putin).unwrap()).unwrap();
    p.apply(p.add_actor(vladimir).unwrap()).unwrap();
    let a = annotate(&mut p, doc, "claim", vec![spans[0]]);
    let b = annotate(&mut p, doc, "claim", vec![spans[1]]);
    p.apply(p.set_holder(a, Some(pid), t0()).unwrap()).unwrap();
    p.apply(p.set_holder(b, Some(vid), t0()).unwrap()).unwrap();
    let before = p.clone();
    let inverse = p.apply(p.merge_actors(vid, pid, t0()).unwrap()).unwrap();
    assert_eq!(p.actors().len(), 1);
    assert_eq!(p.index_from_scratch().holder_count(pid), 2);
    assert!(p.actor(pid).unwrap().is_called("vladimir putin"));
    p.apply(inverse).unwrap();
    assert_eq!(p, before);
}

/// Adds actors by name and returns their ids.
pub(super) fn with_actors(p: &mut Project, names: &[&str]) -> Vec<ActorId> {
    names
        .iter()
        .map(|name| {
            let actor = Actor::new(*name, None);
            let id = actor.id;
            p.apply(p.add_actor(actor).unwrap()).unwrap();
            id
        })
        .collect()
}

#[test]
fn an_actor_name_is_trimmed_and_taken_only_once() {
    let (mut p, _, _) = project_with("Ushakov said talks were useful.");
    let ids = with_actors(&mut p, &["  Yuri Ushakov "]);
    assert_eq!(p.actor(ids[0]).unwrap().name, "Yuri Ushakov");
    p.apply(p.set_aliases(ids[0], "Ushakov").unwrap()).unwrap();
    for taken in ["yuri ushakov", "USHAKOV", " Ushakov "] {
        assert_eq!(
            p.add_actor(Actor::new(taken, None)),
            Err(EditError::DuplicateActorName {
                name: taken.trim().to_owned(),
                existing: "Yuri Ushakov".to_owned()
            }),
            "{taken}"
        );
    }
    let mut aliased = Actor::new("Kremlin aide", None);
    aliased.aliases = vec!["ushakov".to_owned()];
    assert!(matches!(
        p.add_actor(aliased),
        Err(EditError::DuplicateActorName { .. })
    ));
    assert_eq!(
        p.add_actor(Actor::new(" ", None)),
        Err(EditError::EmptyName)
    );
    assert_eq!(p.actors().len(), 1);
}

#[test]
fn renaming_refuses_another_actors_name_or_alias() {
    let (mut p, _, _) = project_with("Witkoff and Kushner met Putin.");
    let ids = with_actors(&mut p, &["Steve Witkoff", "Jared Kushner"]);
    p.apply(p.set_aliases(ids[1], "Kushner").unwrap()).unwrap();
    for taken in ["jared kushner", "KUSHNER"] {
        assert!(
            matches!(
                p.rename_actor(ids[0], taken),
                Err(EditError::DuplicateActorName { existing, .. }) if existing == "Jared Kushner"
            ),
            "{taken}"
        );
    }
    assert_eq!(p.rename_actor(ids[0], "  "), Err(EditError::EmptyName));
    // Changing only the case of one's own name is a rename, not a clash.
    p.apply(p.rename_actor(ids[0], " steve witkoff ").unwrap())
        .unwrap();
    assert_eq!(p.actor(ids[0]).unwrap().name, "steve witkoff");
}

#[test]
fn renaming_to_an_alias_drops_that_alias() {
    let (mut p, _, _) = project_with("Putin spoke.");
    let ids = with_actors(&mut p, &["Putin"]);
    p.apply(
        p.set_aliases(ids[0], "Vladimir Putin, the Kremlin leader")
            .unwrap(),
    )
    .unwrap();
    p.apply(p.rename_actor(ids[0], "Vladimir Putin").unwrap())
        .unwrap();
    let actor = p.actor(ids[0]).unwrap();
    assert_eq!(actor.name, "Vladimir Putin");
    assert_eq!(actor.aliases, ["the Kremlin leader"]);
}

#[test]
fn aliases_are_trimmed_deduplicated_and_never_the_name() {
    let (mut p, _, _) = project_with("Putin spoke.");
    let ids = with_actors(&mut p, &["Putin", "Marco Rubio"]);
    let typed = " Vladimir Putin, , the Kremlin leader,putin, vladimir putin";
    p.apply(p.set_aliases(ids[0], typed).unwrap()).unwrap();
    assert_eq!(
        p.actor(ids[0]).unwrap().aliases,
        ["Vladimir Putin", "the Kremlin leader"]
    );
    // An alias naming another actor would make "who is Rubio?" ambiguous.
    assert!(matches!(
        p.set_aliases(ids[0], "Kremlin, marco rubio"),
        Err(EditError::DuplicateActorName { existing, .. }) if existing == "Marco Rubio"
    ));
    let unchanged = p
        .set_aliases(ids[0], "the Kremlin leader ,Vladimir Putin")
        .unwrap();
    assert!(!p.is_no_op(&unchanged), "the order changed");
    let same = p
        .set_aliases(ids[0], "Vladimir Putin, the Kremlin leader,")
        .unwrap();
    assert!(p.is_no_op(&same));
}

#[test]
fn a_blank_affiliation_is_none() {
    let (mut p, _, _) = project_with("Rubio spoke.");
    let ids = with_actors(&mut p, &["Marco Rubio"]);
    p.apply(p.set_affiliation(ids[0], "United ").unwrap())
        .unwrap();
    // Kept as typed: the field is edited live and the next word follows the space.
    assert_eq!(
        p.actor(ids[0]).unwrap().affiliation.as_deref(),
        Some("United ")
    );
    p.apply(p.set_affiliation(ids[0], "  ").unwrap()).unwrap();
    assert_eq!(p.actor(ids[0]).unwrap().affiliation, None);
    let blank = Actor::new("Steve Witkoff", Some(" "));
    let wid = blank.id;
    p.apply(p.add_actor(blank).unwrap()).unwrap();
    assert_eq!(p.actor(wid).unwrap().affiliation, None);
}

#[test]
fn a_holder_named_reuses_the_actor_called_so() {
    let (mut p, doc, spans) = project_with("[Putin] said and [the Kremlin] added.");
    let ids = with_actors(&mut p, &["Vladimir Putin"]);
    p.apply(p.set_aliases(ids[0], "Putin").unwrap()).unwrap();
    let a = annotate(&mut p, doc, "claim", vec![spans[0]]);
    let b = annotate(&mut p, doc, "claim", vec![spans[1]]);
    p.apply(p.set_holder_named(a, " putin ", t0()).unwrap())
        .unwrap();
    assert_eq!(p.annotation(a).unwrap().holder, Some(ids[0]));
    assert_eq!(p.actors().len(), 1);

    let before = p.clone();
    let inverse = p
        .apply(p.set_holder_named(b, " The Kremlin ", t0()).unwrap())
        .unwrap();
    assert_eq!(p.actors().len(), 2);
    assert_eq!(p.holder_name(p.annotation(b).unwrap()), "The Kremlin");
    p.apply(inverse).unwrap();
    assert_eq!(p, before);
    assert_eq!(p.set_holder_named(b, "  ", t0()), Err(EditError::EmptyName));
}

#[test]
fn actor_in_use_cannot_be_removed_but_can_be_deleted() {
    let (mut p, doc, spans) = project_with("[Rubio] spoke.");
    let rubio = Actor::new("Marco Rubio", Some("United States"));
    let rid = rubio.id;
    p.apply(p.add_actor(rubio).unwrap()).unwrap();
    let a = annotate(&mut p, doc, "claim", spans);
    p.apply(p.set_holder(a, Some(rid), t0()).unwrap()).unwrap();
    assert!(matches!(
        p.apply(Edit::RemoveActor(rid)),
        Err(EditError::ActorInUse { .. })
    ));
    p.apply(p.delete_actor(rid, t0()).unwrap()).unwrap();
    assert!(p.actors().is_empty());
    assert_eq!(p.annotation(a).unwrap().holder, None);
}

#[test]
fn a_replaced_actor_may_not_take_another_actors_name_or_alias() {
    let (mut p, _, _) = project_with("Witkoff and Kushner met Putin.");
    let ids = with_actors(&mut p, &["Steve Witkoff", "Jared Kushner"]);
    p.apply(p.set_aliases(ids[1], "Kushner").unwrap()).unwrap();
    let before = p.clone();
    let mut renamed = p.actor(ids[0]).unwrap().clone();
    renamed.name = " jared KUSHNER ".to_owned();
    assert_eq!(
        p.apply(Edit::ReplaceActor(renamed.clone())),
        Err(EditError::DuplicateActorName {
            name: "jared KUSHNER".to_owned(),
            existing: "Jared Kushner".to_owned()
        })
    );
    renamed.name = "Steve Witkoff".to_owned();
    renamed.aliases = vec!["Witkoff".to_owned(), "kushner".to_owned()];
    assert!(matches!(
        p.apply(Edit::ReplaceActor(renamed)),
        Err(EditError::DuplicateActorName { existing, .. }) if existing == "Jared Kushner"
    ));
    assert_eq!(p, before);
}

#[test]
fn a_clash_already_in_a_file_does_not_block_other_changes() {
    let (mut p, _, _) = project_with("Putin spoke.");
    // Older imports matched names exactly and could add both; the file loads as it is.
    for name in ["Putin", "putin"] {
        p.rebuild(|parts| {
            parts.actors.push(Actor::new(name, None));
        });
    }
    p.touch();
    let second = p.actors()[1].id;
    let inverse = p
        .apply(p.set_affiliation(second, "Russia").unwrap())
        .unwrap();
    assert_eq!(p.actors()[1].affiliation.as_deref(), Some("Russia"));
    p.apply(inverse).unwrap();
    assert_eq!(p.actors()[1].affiliation, None);
    // Merging them into one is the way out, and it undoes.
    let before = p.clone();
    let first = p.actors()[0].id;
    let inverse = p
        .apply(p.merge_actors(second, first, t0()).unwrap())
        .unwrap();
    assert_eq!(p.actors().len(), 1);
    p.apply(inverse).unwrap();
    assert_eq!(p, before);
    // Deleting one is another way out; its undo brings the clash back rather than failing.
    let inverse = p.apply(p.delete_actor(second, t0()).unwrap()).unwrap();
    assert!(p.problems().is_empty(), "{:?}", p.problems());
    p.apply(inverse).unwrap();
    assert_eq!(p, before);
}

#[test]
fn problems_report_a_name_that_answers_for_two_actors() {
    let (mut p, _, _) = project_with("Putin spoke.");
    // Older files can hold such a clash: build it directly, as a loaded file would.
    let mut putin = Actor::new("Vladimir Putin", Some("Russia"));
    putin.aliases.push("Putin".to_owned());
    let other = Actor::new("putin", None);
    let other_id = other.id;
    p.rebuild(|parts| {
        parts.actors.push(putin);
    });
    p.rebuild(|parts| {
        parts.actors.push(other);
    });
    let problems = p.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].subject(), Subject::Actor(other_id));
    assert_eq!(
        problems[0].to_string(),
        format!(
            "actor {other_id}: \"putin\" also names the actor \"Vladimir Putin\"; merge the \
             two or rename one"
        )
    );
    // Merging the two resolves it.
    let merge = p.merge_actors(other_id, p.actors()[0].id, t0()).unwrap();
    p.apply(merge).unwrap();
    assert!(p.problems().is_empty());
}

#[test]
fn names_are_the_same_in_any_case_of_any_script() {
    let (mut p, _, _) = project_with("Путин and Ζεύς met.");
    let ids = with_actors(&mut p, &["Путин", "Émile"]);
    for (taken, existing) in [("ПУТИН", "Путин"), (" путин ", "Путин"), ("ÉMILE", "Émile")]
    {
        assert_eq!(
            p.add_actor(Actor::new(taken, None)),
            Err(EditError::DuplicateActorName {
                name: taken.trim().to_owned(),
                existing: existing.to_owned()
            }),
            "{taken}"
        );
    }
    assert!(p.actor(ids[0]).unwrap().is_called("пУтИн"));
    assert_eq!(p.actor_named("ÉMILE").map(|a| a.id), Some(ids[1]));
    // An alias that differs from the name only by case is the name.
    p.apply(p.set_aliases(ids[0], "ПУТИН, В. Путин, в. путин").unwrap())
        .unwrap();
    assert_eq!(
        p.actor(ids[0]).unwrap().aliases,
        vec!["В. Путин".to_owned()]
    );
    assert!(p.problems().is_empty(), "{:?}", p.problems());
}

#[test]
fn inserting_an_actor_whose_name_is_taken_is_refused() {
    let (mut p, _, _) = project_with("Путин spoke.");
    with_actors(&mut p, &["Путин"]);
    let before = p.clone();
    let clash = Actor::new("ПУТИН", None);
    assert_eq!(
        p.apply(Edit::InsertActor {
            index: 1,
            actor: clash
        }),
        Err(EditError::DuplicateActorName {
            name: "ПУТИН".to_owned(),
            existing: "Путин".to_owned()
        })
    );
    let mut by_alias = Actor::new("President", None);
    by_alias.aliases = vec!["путин".to_owned()];
    assert!(matches!(
        p.apply(Edit::InsertActor {
            index: 0,
            actor: by_alias
        }),
        Err(EditError::DuplicateActorName { .. })
    ));
    assert_eq!(p, before);
}
