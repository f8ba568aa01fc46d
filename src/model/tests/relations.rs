//! Relations between annotations: typed by the schema, directed, never onto themselves, no
//! cycle of `retracts`, and removed with the annotation they touch.

use super::*;

fn three_annotations() -> (Project, [AnnotationId; 3]) {
    let (mut p, doc, spans) = project_with(
        "[A proposal was made]. [Some formulations are acceptable]. [We withdraw that].",
    );
    let ids = [
        annotate(&mut p, doc, "position", vec![spans[0]]),
        annotate(&mut p, doc, "concession", vec![spans[1]]),
        annotate(&mut p, doc, "claim", vec![spans[2]]),
    ];
    (p, ids)
}

#[test]
fn a_relation_needs_existing_distinct_ends_and_a_known_type() {
    let (mut p, [proposal, concession, _]) = three_annotations();
    apply_undoable(&mut p, |p| {
        (p.add_relation("concedes-to", concession, proposal, Some("partly"))).unwrap()
    });
    let r = &p.relations[0];
    assert_eq!(
        (r.from, r.to, r.note.as_deref()),
        (concession, proposal, Some("partly"))
    );
    assert_eq!(
        p.add_relation("threatens", concession, proposal, None),
        Err(EditError::NoSuchRelationType("threatens".to_owned()))
    );
    assert_eq!(
        p.add_relation("supports", proposal, proposal, None),
        Err(EditError::SelfRelation(proposal))
    );
    let ghost = AnnotationId::random();
    assert_eq!(
        p.add_relation("supports", proposal, ghost, None),
        Err(EditError::NoSuchAnnotation(ghost))
    );
    assert!(p.problems().is_empty());
}

#[test]
fn kind_note_and_direction_change_in_place_and_undo() {
    let (mut p, [proposal, concession, claim]) = three_annotations();
    p.apply(p.add_relation("supports", claim, proposal, None).unwrap())
        .unwrap();
    p.apply(
        p.add_relation("concedes-to", concession, proposal, None)
            .unwrap(),
    )
    .unwrap();
    let id = p.relations[0].id;
    apply_undoable(&mut p, |p| p.set_relation_kind(id, "contradicts").unwrap());
    apply_undoable(&mut p, |p| {
        p.set_relation_note(id, "the joint statement").unwrap()
    });
    apply_undoable(&mut p, |p| p.reverse_relation(id).unwrap());
    let r = p.relation(id).unwrap();
    assert_eq!(
        (r.kind.as_str(), r.from, r.to, r.note.as_deref()),
        ("contradicts", proposal, claim, Some("the joint statement"))
    );
    assert_eq!(p.relations[0].id, id, "kept its place");
    apply_undoable(&mut p, |p| p.set_relation_note(id, " ").unwrap());
    assert_eq!(p.relation(id).unwrap().note, None);
    apply_undoable(&mut p, |p| p.delete_relation(id).unwrap());
    assert_eq!(p.relations.len(), 1);
}

#[test]
fn retracts_never_makes_a_cycle() {
    let (mut p, [a, b, c]) = three_annotations();
    p.apply(p.add_relation("retracts", a, b, None).unwrap())
        .unwrap();
    p.apply(p.add_relation("retracts", b, c, None).unwrap())
        .unwrap();
    assert_eq!(
        p.add_relation("retracts", c, a, None),
        Err(EditError::RetractsCycle(c))
    );
    // Other types may go round: a position can answer what answers it.
    p.apply(p.add_relation("responds-to", c, a, None).unwrap())
        .unwrap();
    let responds = p.relations[2].id;
    assert_eq!(
        p.set_relation_kind(responds, "retracts"),
        Err(EditError::RetractsCycle(c))
    );
    // A cycle in a loaded file is a problem on each relation of the cycle.
    p.relations[2].kind = "retracts".to_owned();
    let cycle: Vec<RelationId> = (p.problems().iter())
        .filter_map(|problem| match problem {
            Problem::RetractsCycle { relation, .. } => Some(*relation),
            _ => None,
        })
        .collect();
    assert_eq!(cycle, p.relations.iter().map(|r| r.id).collect::<Vec<_>>());
    // Any other link onto itself is a problem of its own.
    let (mut q, [x, ..]) = three_annotations();
    let own = Relation::new("supports", x, x);
    q.relations.push(own.clone());
    assert_eq!(
        q.problems(),
        [Problem::SelfRelation {
            relation: own.id,
            annotation: x
        }]
    );
    // Retracting itself is the shortest cycle.
    let (mut q, [x, ..]) = three_annotations();
    let mut own = Relation::new("retracts", x, x);
    own.note = Some("self".to_owned());
    q.relations.push(own.clone());
    assert_eq!(
        q.problems(),
        [Problem::RetractsCycle {
            relation: own.id,
            annotation: x
        }]
    );
}

#[test]
fn deleting_an_annotation_removes_its_relations_in_one_undo_step() {
    let (mut p, [proposal, concession, claim]) = three_annotations();
    p.apply(
        p.add_relation("concedes-to", concession, proposal, None)
            .unwrap(),
    )
    .unwrap();
    p.apply(p.add_relation("supports", claim, concession, None).unwrap())
        .unwrap();
    p.apply(
        p.add_relation("contradicts", claim, proposal, None)
            .unwrap(),
    )
    .unwrap();
    // The bare edit still refuses: only the builder knows to take the relations along.
    assert_eq!(
        p.apply(Edit::RemoveAnnotation(concession)),
        Err(EditError::AnnotationInRelation(concession))
    );
    let mut history = History::new();
    let before = p.clone();
    let delete = p.delete_annotation(concession).unwrap();
    history.apply(&mut p, delete, "Delete", None, t0()).unwrap();
    assert!(p.annotation(concession).is_none());
    assert_eq!(p.relations.len(), 1);
    assert_eq!(p.relations[0].kind, "contradicts");
    assert!(p.problems().is_empty());
    history.undo(&mut p);
    assert_eq!(p, before, "relations come back in their places");
    apply_undoable(&mut p, |p| {
        p.delete_annotations(&[proposal, claim]).unwrap()
    });
    assert!(p.relations.is_empty());
    assert_eq!(p.annotations().len(), 1);
}

#[test]
fn relation_types_in_use_cannot_be_removed_and_unknown_types_are_problems() {
    let (mut p, [a, b, _]) = three_annotations();
    let threat = RelationType::new("threatens", "Threatens", Rgb([9, 9, 9]));
    apply_undoable(&mut p, |p| p.add_relation_type(threat).unwrap());
    p.apply(p.add_relation("threatens", a, b, None).unwrap())
        .unwrap();
    assert_eq!(
        p.delete_relation_type("threatens"),
        Err(EditError::RelationTypeInUse {
            key: "threatens".to_owned(),
            count: 1
        })
    );
    assert!(matches!(
        p.apply(Edit::RemoveRelationType("threatens".to_owned())),
        Err(EditError::RelationTypeInUse { .. })
    ));
    apply_undoable(&mut p, |p| {
        p.edit_relation_type("threatens", "Warns", Rgb([1, 1, 1]))
            .unwrap()
    });
    assert_eq!(p.schema.relation_name("threatens"), "Warns");
    assert!(matches!(
        p.add_relation_type(RelationType::new("supports", "Backs", Rgb([0, 0, 0]))),
        Err(EditError::DuplicateId(_))
    ));
    apply_undoable(&mut p, |p| p.delete_relation_type("reaffirms").unwrap());
    p.schema.relation_types.retain(|t| t.key != "threatens");
    let relation = p.relations[0].id;
    assert_eq!(
        p.problems(),
        [Problem::UnknownRelationType {
            relation,
            kind: "threatens".to_owned()
        }]
    );
    // Removing and restoring a relation of an unknown type is exact, not refused.
    apply_undoable(&mut p, |p| p.delete_relation(relation).unwrap());
}
