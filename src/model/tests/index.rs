//! Project keys and the derived index: counts agree with a naive recount, and the index each
//! edit keeps up to date equals one built from scratch.

use super::actors::with_actors;
use super::*;

/// Checks every count and lookup of `index` against a recount of `p`, written without the index.
pub(super) fn assert_index_agrees(p: &Project, index: &ProjectIndex) {
    for (i, d) in p.documents().iter().enumerate() {
        let n = p
            .annotations()
            .iter()
            .filter(|a| a.document == d.id)
            .count();
        assert_eq!(index.document_count(d.id), n, "document {}", d.title);
        assert_eq!(index.document_counts().get(i), Some(&n));
        assert_eq!(index.document_position(d.id), Some(i));
        for tag in &p.schema.tags {
            let n = (p.annotations().iter())
                .filter(|a| a.document == d.id && a.tag == tag.key)
                .count();
            assert_eq!(index.document_tag_count(d.id, &tag.key), n, "{}", tag.key);
        }
    }
    for tag in &p.schema.tags {
        let n = p.annotations().iter().filter(|a| a.tag == tag.key).count();
        assert_eq!(index.tag_count(&tag.key), n, "{}", tag.key);
    }
    for (i, actor) in p.actors().iter().enumerate() {
        let held: Vec<usize> = (p.annotations().iter().enumerate())
            .filter(|(_, a)| a.holder == Some(actor.id))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(index.holder_count(actor.id), held.len(), "{}", actor.name);
        assert_eq!(index.actor_position(actor.id), Some(i));
        let used = (p.annotations().iter())
            .filter(|a| a.holder == Some(actor.id) || a.target == Some(actor.id))
            .count();
        assert_eq!(index.actor_use_count(actor.id), used, "{}", actor.name);
    }
    let unheld = p
        .annotations()
        .iter()
        .filter(|a| a.holder.is_none())
        .count();
    assert_eq!(index.unheld_count(), unheld);
    for (i, a) in p.annotations().iter().enumerate() {
        assert_eq!(p.annotation_index(a.id), Some(i));
    }
    assert_eq!(p.annotation_index(AnnotationId::random()), None);
}

#[test]
fn every_project_has_its_own_key() {
    let a = Project::new("same");
    let b = Project::new("same");
    assert_ne!(a.key(), b.key());
    assert_ne!(a.key().identity, b.key().identity);
    let text = ron::to_string(&a).unwrap();
    let loaded_once: Project = ron::from_str(&text).unwrap();
    let loaded_twice: Project = ron::from_str(&text).unwrap();
    assert_eq!(loaded_once, loaded_twice);
    assert_ne!(loaded_once.key(), loaded_twice.key());
    assert_ne!(loaded_once.key(), a.key());
}

#[test]
fn a_clone_keeps_its_key_until_either_is_edited() {
    let (mut original, doc, spans) = project_with("[Talks] resumed in [Geneva].");
    let mut copy = original.clone();
    assert_eq!(copy.key(), original.key());
    // The same kind of edit on both must still leave them told apart.
    annotate(&mut original, doc, "claim", vec![spans[0]]);
    annotate(&mut copy, doc, "claim", vec![spans[1]]);
    assert_ne!(copy, original);
    assert_ne!(copy.key(), original.key());
    assert_eq!(copy.key().identity, original.key().identity);
}

#[test]
fn index_counts_documents_tags_and_holders() {
    let (mut p, doc, spans) =
        project_with("[Witkoff] met [Putin]; [Kushner] and [Ushakov] listened.");
    let other = Document::new("other", "Nothing happened.".to_owned());
    let other_id = other.id;
    p.apply(p.add_document(other)).unwrap();
    let ids = with_actors(&mut p, &["Witkoff", "Putin"]);
    let a = annotate(&mut p, doc, "claim", vec![spans[0]]);
    let b = annotate(&mut p, doc, "claim", vec![spans[1]]);
    annotate(&mut p, doc, "position", vec![spans[2]]);
    p.apply(p.set_holder(a, Some(ids[1]), t0()).unwrap())
        .unwrap();
    p.apply(p.set_holder(b, Some(ids[1]), t0()).unwrap())
        .unwrap();
    let index = p.index_from_scratch();
    assert_eq!(index.document_counts(), &[3, 0]);
    assert_eq!(index.document_count(other_id), 0);
    assert_eq!(index.document_tag_count(doc, "claim"), 2);
    assert_eq!(index.tag_count("position"), 1);
    assert_eq!(index.tag_count("concession"), 0);
    assert_eq!(
        (index.holder_count(ids[0]), index.holder_count(ids[1])),
        (0, 2)
    );
    assert_eq!(index.unheld_count(), 1);
    assert_index_agrees(&p, &index);
    assert_eq!(p.index(), &index);
}

#[test]
fn the_index_follows_each_edit_and_its_undo() {
    let (mut p, doc, spans) = project_with("[Talks] resumed in [Geneva] on [Friday].");
    let ids = with_actors(&mut p, &["Witkoff"]);
    let a = annotate(&mut p, doc, "claim", vec![spans[0]]);
    assert_eq!(p.index().document_count(doc), 1);
    let undo = p
        .apply(p.set_holder(a, Some(ids[0]), t0()).unwrap())
        .unwrap();
    assert_eq!(p.index().holder_count(ids[0]), 1);
    assert_eq!(p.index().unheld_count(), 0);
    assert_eq!(p.index(), &p.index_from_scratch());
    p.apply(undo).unwrap();
    assert_eq!(p.index().holder_count(ids[0]), 0);
    assert_eq!(p.index(), &p.index_from_scratch());
    // A document inserted before the annotated one: positions move, counts follow.
    let first = Document::new("first", "Before.".to_owned());
    p.apply(Edit::InsertDocument {
        index: 0,
        document: Box::new(first),
    })
    .unwrap();
    assert_eq!(p.index().document_counts(), &[0, 1]);
    assert_eq!(p.annotation_index(a), Some(0));
    assert_eq!(p.index(), &p.index_from_scratch());
    assert_index_agrees(&p, p.index());
}

#[test]
fn annotations_sharing_an_id_in_a_loaded_file_are_found_and_counted() {
    let (mut p, doc, spans) = project_with("[Talks] resumed in [Geneva].");
    let a = annotate(&mut p, doc, "claim", vec![spans[0]]);
    let mut twin = p.annotation(a).unwrap().clone();
    twin.ranges = vec![spans[1]];
    twin.quote = "Geneva".to_owned();
    p.rebuild(|parts| parts.annotations.push(twin));
    assert_eq!(p.annotation_index(a), Some(0));
    assert_eq!(p.index().document_count(doc), 2);
    // Removing one leaves the other findable, as a project built with just it.
    p.apply(Edit::RemoveAnnotation(a)).unwrap();
    assert_eq!(p.annotation(a).map(|x| x.quote.as_str()), Some("Geneva"));
    assert_eq!(p.index(), &p.index_from_scratch());
    assert_index_agrees(&p, p.index());
}
