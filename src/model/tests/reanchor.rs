//! Re-anchoring annotations on an edited text: exact, fuzzy, orphans, cues, undo.

use super::*;

/// A project whose document text was edited outside Stance: the text is `new_text` but the
/// stored hash is still that of the text the annotations were made on.
fn edited_on_disk(p: &mut Project, doc: DocumentId, new_text: &str) {
    let index = p.documents().iter().position(|d| d.id == doc).unwrap();
    let old_hash = p.documents()[index].text_hash.clone();
    p.rebuild(|parts| {
        parts.documents[index].replace_text(new_text.to_owned(), old_hash);
    });
}

fn annotation_with_cue(p: &mut Project, doc: DocumentId, range: Span, cue: Span) -> AnnotationId {
    let id = annotate(p, doc, "claim", vec![range]);
    let mut a = p.annotation(id).unwrap().clone();
    a.cue = vec![cue];
    p.apply(Edit::ReplaceAnnotation(Box::new(a))).unwrap();
    id
}

#[test]
fn inserted_text_moves_ranges_and_cues_as_one_undo_step() {
    let (mut p, doc, spans) = project_with(
        "Talks began. [The territorial issue] is key, [he said]. [Nothing] was agreed.",
    );
    let a = annotation_with_cue(&mut p, doc, spans[0], spans[1]);
    let b = annotate(&mut p, doc, "claim", vec![spans[2]]);
    let old_text = p.document(doc).unwrap().text.clone();
    let new_text = format!("BREAKING: {}", old_text.replace("key,", "very much key,"));

    let (result, edit) = p.reanchor_document(doc, &new_text, t0()).unwrap();
    assert!(result.orphans.is_empty(), "{:?}", result.orphans);
    assert_eq!(result.placed.len(), 2);
    assert!(result.placed.iter().all(Placed::is_exact));
    apply_undoable(&mut p, |_| edit.clone());
    p.apply(edit).unwrap();

    let a = p.annotation(a).unwrap();
    assert_eq!(
        a.ranges,
        vec![Span::new(spans[0].start + 10, spans[0].end + 10)]
    );
    assert_eq!(a.quote, "The territorial issue");
    assert_eq!(p.document(doc).unwrap().slice(a.cue[0]), Some("he said"));
    assert_eq!(p.annotation(b).unwrap().quote, "Nothing");
    assert!(p.document(doc).unwrap().hash_matches());
    assert!(p.problems().is_empty(), "{:?}", p.problems());
}

#[test]
fn a_text_edited_on_disk_is_accepted_and_its_annotations_follow() {
    let (mut p, doc, spans) =
        project_with("Kyiv said [no deal] today; [he said] so. Moscow said no deal.");
    let a = annotation_with_cue(&mut p, doc, spans[0], spans[1]);
    let edited = "Update. Kyiv said on Monday [no deal] today; he said so. Moscow said no deal.";
    let edited = edited.replace(['[', ']'], "");
    edited_on_disk(&mut p, doc, &edited);
    assert!(!p.problems().is_empty());

    let text = p.document(doc).unwrap().text.clone();
    let (result, edit) = p.reanchor_document(doc, &text, t0()).unwrap();
    // Without the old text the cue moves with its annotation.
    assert!(result.placed[0].cue_shifted);
    p.apply(edit).unwrap();
    let a = p.annotation(a).unwrap();
    let doc = p.document(doc).unwrap();
    assert_eq!(doc.slice(a.ranges[0]), Some("no deal"));
    // The nearest "no deal" to the old place, not Moscow's.
    assert!(a.ranges[0].start < 40, "{:?}", a.ranges);
    assert!(doc.hash_matches());
}

#[test]
fn context_picks_the_right_one_of_repeated_quotes() {
    let (mut p, doc, spans) = project_with("Kyiv said no. Moscow [said no]. Washington said no.");
    let id = annotate(&mut p, doc, "claim", vec![spans[0]]);
    // The old place now holds Kyiv's "said no"; Moscow's moved far to the right.
    let new_text = "Kyiv: a long preamble was added here. Kyiv said no. Then, after much talk, \
                    Moscow said no. Washington said no.";
    let (result, edit) = p.reanchor_document(doc, new_text, t0()).unwrap();
    assert!(result.orphans.is_empty());
    p.apply(edit).unwrap();
    let a = p.annotation(id).unwrap();
    let before = &new_text[..new_text.find("Moscow said no").unwrap()];
    assert_eq!(a.ranges[0].start, before.chars().count() + "Moscow ".len());
}

#[test]
fn small_rewordings_are_placed_fuzzily_with_the_new_words_as_quote() {
    let (mut p, doc, spans) =
        project_with("He said [the ceasefire would hold until Friday] and left.");
    let id = annotate(&mut p, doc, "claim", vec![spans[0]]);
    let new_text = "He said the cease-fire would hold until Friday and left.";
    let (result, edit) = p.reanchor_document(doc, new_text, t0()).unwrap();
    let placed = &result.placed[0];
    assert!(!placed.is_exact() && placed.confidence > 0.9, "{placed:?}");
    assert_eq!(result.fuzzy_count(), 1);
    p.apply(edit).unwrap();
    assert_eq!(
        p.annotation(id).unwrap().quote,
        "the cease-fire would hold until Friday"
    );
    assert!(p.problems().is_empty(), "{:?}", p.problems());
}

#[test]
fn annotations_whose_quote_is_gone_are_orphans_and_stay_in_the_project() {
    let (mut p, doc, spans) = project_with("[Sanctions stay], he said. [Talks resume] in May.");
    let gone = annotate(&mut p, doc, "claim", vec![spans[0]]);
    let kept = annotate(&mut p, doc, "claim", vec![spans[1]]);
    let before = p.annotation(gone).unwrap().clone();
    let (result, edit) = p
        .reanchor_document(doc, "An entirely new lead. Talks resume in May.", t0())
        .unwrap();
    assert_eq!(result.orphans.len(), 1);
    assert_eq!(result.orphans[0].id, gone);
    assert_eq!(result.orphans[0].reason, OrphanReason::QuoteNotFound);
    p.apply(edit).unwrap();
    assert_eq!(p.annotation(gone), Some(&before));
    assert_eq!(p.annotation(kept).unwrap().quote, "Talks resume");
    // The orphan is now a problem to repair by hand.
    assert!(!p.problems().is_empty());
}

#[test]
fn discontinuous_annotations_are_placed_part_by_part_without_the_old_text() {
    let (mut p, doc, spans) = project_with("\"[We agree],\" he said, \"[in part].\"");
    let id = annotate(&mut p, doc, "position", spans);
    edited_on_disk(
        &mut p,
        doc,
        "Then: \"We agree,\" the minister said, \"in part.\"",
    );
    let text = p.document(doc).unwrap().text.clone();
    let (result, edit) = p.reanchor_document(doc, &text, t0()).unwrap();
    assert!(result.orphans.is_empty(), "{:?}", result.orphans);
    p.apply(edit).unwrap();
    let a = p.annotation(id).unwrap();
    assert_eq!(a.ranges.len(), 2);
    assert_eq!(a.quote, "We agree in part");
    assert!(p.problems().is_empty(), "{:?}", p.problems());
}

#[test]
fn an_empty_quote_is_an_orphan() {
    let (mut p, doc, spans) = project_with("[Sanctions stay].");
    let id = annotate(&mut p, doc, "claim", vec![spans[0]]);
    let mut a = p.annotation(id).unwrap().clone();
    a.quote.clear();
    let result = reanchor(&[a], None, "Sanctions stay.");
    assert_eq!(result.orphans[0].reason, OrphanReason::EmptyQuote);
}

/// Words that cannot occur inside one another or in inserted text.
fn word(i: usize) -> String {
    format!("w{i:03}")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn text_inserted_before_or_between_annotations_moves_each_exactly(
        n_words in 5usize..40,
        picks in proptest::collection::vec((0usize..40, 1usize..4), 1..8),
        inserts in proptest::collection::vec((0usize..41, "[A-Z .,]{1,30}"), 1..8),
        knows_old_text in any::<bool>(),
    ) {
        let words: Vec<String> = (0..n_words).map(word).collect();
        let text = words.join(" ");
        // Word i starts at char starts[i] (all chars are ASCII).
        let starts: Vec<usize> = words.iter().scan(0, |at, w| {
            let s = *at;
            *at += w.len() + 1;
            Some(s)
        }).collect();
        let mut p = Project::new("t");
        let document = Document::new("d", text.clone());
        let doc = document.id;
        p.apply(p.add_document(document)).unwrap();
        // Non-overlapping annotations over whole words.
        let mut taken = vec![false; n_words];
        let mut ids = Vec::new();
        for (first, len) in picks {
            let last = (first + len).min(n_words);
            if first >= n_words || taken[first..last].iter().any(|t| *t) {
                continue;
            }
            taken[first..last].iter_mut().for_each(|t| *t = true);
            let span = Span::new(starts[first], starts[last - 1] + words[last - 1].len());
            ids.push((annotate(&mut p, doc, "claim", vec![span]), first, last));
        }
        // Insert only at word starts that do not fall inside an annotation.
        let inside = |w: usize| ids.iter().any(|&(_, first, last)| first < w && w < last);
        let mut at_word: Vec<(usize, String)> = inserts
            .into_iter()
            .map(|(w, s)| (w.min(n_words), s))
            .filter(|(w, _)| !inside(*w))
            .collect();
        at_word.sort_by_key(|(w, _)| *w);
        let mut new_text = String::new();
        for (i, w) in words.iter().enumerate() {
            for (_, s) in at_word.iter().filter(|(at, _)| *at == i) {
                new_text.push_str(s);
            }
            new_text.push_str(w);
            if i + 1 < n_words {
                new_text.push(' ');
            }
        }
        for (_, s) in at_word.iter().filter(|(at, _)| *at == n_words) {
            new_text.push_str(s);
        }
        if !knows_old_text {
            edited_on_disk(&mut p, doc, &new_text);
        }

        let (result, edit) = p.reanchor_document(doc, &new_text, t0()).unwrap();
        prop_assert!(result.orphans.is_empty(), "{:?}", result.orphans);
        prop_assert!(result.placed.iter().all(Placed::is_exact));
        let before = p.clone();
        let inverse = p.apply(edit).unwrap();
        for &(id, first, _) in &ids {
            let added: usize = at_word.iter().filter(|(w, _)| *w <= first).map(|(_, s)| s.len()).sum();
            let old = before.annotation(id).unwrap();
            let a = p.annotation(id).unwrap();
            prop_assert_eq!(a.ranges[0].start, old.ranges[0].start + added);
            prop_assert_eq!(&a.quote, &old.quote);
        }
        prop_assert!(p.problems().is_empty(), "{:?}", p.problems());
        p.apply(inverse).unwrap();
        prop_assert_eq!(p, before);
    }
}

#[test]
fn a_moved_annotation_records_who_re_anchored_it_and_one_left_in_place_does_not() {
    let (mut p, doc, spans) = project_with("[Talks began] today. Later, [nothing] was agreed.");
    let kept = annotate(&mut p, doc, "claim", vec![spans[0]]);
    let moved = annotate(&mut p, doc, "claim", vec![spans[1]]);
    let before = p.annotation(kept).unwrap().clone();
    let old_text = p.document(doc).unwrap().text.clone();
    // Words between the two: the first keeps its place, the second moves.
    let new_text = old_text.replace("today", "on Monday");
    let later = t0() + chrono::Duration::hours(1);
    let cx = EditContext::new(Some("alice"), later);

    let (_, edit) = p.reanchor_document(doc, &new_text, cx).unwrap();
    p.apply(edit).unwrap();

    let moved = p.annotation(moved).unwrap();
    assert_eq!(moved.quote, "nothing");
    assert_ne!(moved.ranges, vec![spans[1]]);
    assert_eq!(moved.annotator.as_deref(), Some("alice"));
    assert_eq!(moved.modified, later);
    let kept = p.annotation(kept).unwrap();
    assert_eq!(kept.annotator, before.annotator);
    assert_eq!(kept.modified, before.modified);
}
