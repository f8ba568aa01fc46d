//! Editing the schema: hotkeys that never clash, retired tags, per-tag fields, order.

use super::*;

/// The command keys a workbench might reserve.
const RESERVED: [char; 6] = ['j', 'k', 'l', 'a', 'x', '\u{7f}'];

#[test]
fn a_hotkey_clash_is_refused_with_a_sentence_naming_it() {
    let schema = Schema::default();
    let clash = schema.check_hotkey('2', None, &RESERVED).unwrap_err();
    assert_eq!(
        clash.to_string(),
        "'2' is already the hotkey of the tag \"Position\""
    );
    let clash = schema.check_hotkey('J', None, &RESERVED).unwrap_err();
    assert_eq!(clash, HotkeyClash::Reserved { key: 'J' });
    assert_eq!(clash.to_string(), "'J' is a command key of the workbench");
    assert!(matches!(
        schema.check_hotkey(' ', None, &[]),
        Err(HotkeyClash::Unusable { .. })
    ));
    // A tag keeps its own key; a free key is fine.
    assert_eq!(
        schema.check_hotkey('2', Some("position"), &RESERVED),
        Ok(())
    );
    assert_eq!(schema.check_hotkey('5', None, &RESERVED), Ok(()));
}

#[test]
fn tags_are_added_with_checked_hotkeys_and_edited_in_place() {
    let (mut p, _, _) = project_with("Talks.");
    let threat = TagDef {
        hotkey: Some('1'),
        ..TagDef::new(" threat ", "Threat", Rgb([200, 0, 0]))
    };
    assert!(matches!(
        p.add_tag(threat.clone(), &RESERVED),
        Err(EditError::HotkeyClash(HotkeyClash::Tag { .. }))
    ));
    let threat = TagDef {
        hotkey: Some('5'),
        ..threat
    };
    apply_undoable(&mut p, |p| p.add_tag(threat, &RESERVED).unwrap());
    assert_eq!(p.schema.by_hotkey('5').unwrap().key, "threat");
    apply_undoable(&mut p, |p| {
        p.rename_tag("threat", "Threat or warning").unwrap()
    });
    apply_undoable(&mut p, |p| {
        p.set_tag_color("threat", Rgb([1, 2, 3])).unwrap()
    });
    assert!(matches!(
        p.set_tag_hotkey("threat", Some('k'), &RESERVED),
        Err(EditError::HotkeyClash(HotkeyClash::Reserved { key: 'k' }))
    ));
    apply_undoable(&mut p, |p| {
        p.set_tag_hotkey("threat", Some('6'), &RESERVED).unwrap()
    });
    apply_undoable(&mut p, |p| p.move_tag_to("threat", 0).unwrap());
    let keys: Vec<&str> = p.schema.tags.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(
        keys,
        ["threat", "claim", "position", "concession", "agreement"]
    );
    let tag = p.schema.get("threat").unwrap();
    assert_eq!(
        (tag.name.as_str(), tag.color, tag.hotkey),
        ("Threat or warning", Rgb([1, 2, 3]), Some('6'))
    );
    // Re-setting what is there records no undo step.
    assert!(p.is_no_op(&p.rename_tag("threat", "Threat or warning").unwrap()));
    assert!(!p.is_no_op(&p.rename_tag("threat", "Threat").unwrap()));
    apply_undoable(&mut p, |p| p.delete_tag("threat").unwrap());
    assert!(p.schema.get("threat").is_none());
}

#[test]
fn a_retired_tag_stays_on_old_annotations_but_is_not_chosen_again() {
    let (mut p, doc, spans) = project_with("[Old] and [new].");
    let old = annotate(&mut p, doc, "concession", vec![spans[0]]);
    let other = annotate(&mut p, doc, "claim", vec![spans[1]]);
    apply_undoable(&mut p, |p| p.set_tag_retired("concession", true).unwrap());
    assert!(p.problems().is_empty(), "a retired tag is still valid");
    let refused = EditError::RetiredTag {
        key: "concession".to_owned(),
        name: "Concession".to_owned(),
    };
    assert_eq!(
        p.new_annotation(doc, "concession", vec![spans[1]], t0()),
        Err(refused.clone())
    );
    assert_eq!(p.set_tag(other, "concession", t0()), Err(refused));
    assert_eq!(p.live_tag_keys(), ["claim", "position", "agreement"]);
    // Its annotations stay editable, and keep their tag.
    apply_undoable(&mut p, |p| p.set_note(old, "still here", t0()).unwrap());
    apply_undoable(&mut p, |p| p.set_tag(old, "concession", t0()).unwrap());
    assert_eq!(
        p.delete_tag("concession"),
        Err(EditError::TagInUse {
            key: "concession".to_owned(),
            count: 1
        })
    );
    apply_undoable(&mut p, |p| p.set_tag_retired("concession", false).unwrap());
    assert!(
        p.new_annotation(doc, "concession", vec![spans[1]], t0())
            .is_ok()
    );
}

#[test]
fn field_values_follow_their_fields_and_changed_choices_are_problems() {
    let (mut p, doc, spans) = project_with("[A red line].");
    let a = annotate(&mut p, doc, "position", vec![spans[0]]);
    let firmness = FieldDef {
        key: " firmness ".to_owned(),
        name: String::new(),
        kind: FieldKind::Choice(vec!["firm".to_owned(), " soft ".to_owned(), String::new()]),
    };
    apply_undoable(&mut p, |p| {
        p.set_tag_fields("position", vec![firmness.clone()])
            .unwrap()
    });
    let field = &p.schema.get("position").unwrap().fields[0];
    assert_eq!(
        (field.key.as_str(), field.name.as_str(), &field.kind),
        (
            "firmness",
            "firmness",
            &FieldKind::Choice(vec!["firm".to_owned(), "soft".to_owned()])
        )
    );
    assert!(matches!(
        p.set_tag_fields("position", vec![firmness.clone(), firmness.clone()]),
        Err(EditError::BadField {
            error: FieldError::DuplicateKey(_),
            ..
        })
    ));
    let empty = FieldDef {
        kind: FieldKind::Choice(Vec::new()),
        ..firmness
    };
    assert!(matches!(
        p.set_tag_fields("position", vec![empty]),
        Err(EditError::BadField {
            error: FieldError::NoChoices(_),
            ..
        })
    ));
    assert!(matches!(
        p.set_field_value(a, "firmness", Some("maybe"), t0()),
        Err(EditError::NotAChoice { .. })
    ));
    apply_undoable(&mut p, |p| {
        p.set_field_value(a, "firmness", Some("firm"), t0())
            .unwrap()
    });
    // A key no field defines (an imported brat attribute) takes any text.
    apply_undoable(&mut p, |p| {
        p.set_field_value(a, "Negation", Some("true"), t0())
            .unwrap()
    });
    let attributes = &p.annotation(a).unwrap().attributes;
    assert_eq!(attributes.get("firmness").map(String::as_str), Some("firm"));
    assert_eq!(attributes.get("Negation").map(String::as_str), Some("true"));
    // Narrowing the choices keeps the value and lists it, without locking the annotation.
    let narrowed = FieldDef {
        key: "firmness".to_owned(),
        name: "Firmness".to_owned(),
        kind: FieldKind::Choice(vec!["soft".to_owned()]),
    };
    apply_undoable(&mut p, |p| {
        p.set_tag_fields("position", vec![narrowed]).unwrap()
    });
    assert_eq!(
        p.problems(),
        [Problem::FieldValueNotAllowed {
            annotation: a,
            field: "firmness".to_owned(),
            value: "firm".to_owned()
        }]
    );
    apply_undoable(&mut p, |p| p.set_note(a, "still editable", t0()).unwrap());
    apply_undoable(&mut p, |p| {
        p.set_field_value(a, "firmness", None, t0()).unwrap()
    });
    assert!(p.problems().is_empty());
}
