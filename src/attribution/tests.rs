use super::*;
use crate::model::{Actor, Document};

fn doc(text: &str) -> Document {
    Document::new("test", text.to_owned())
}

/// The suggestions as (content text, speaker name, attribution, tier).
fn run(text: &str, actors: &[Actor]) -> Vec<(String, String, Attribution, Tier)> {
    let d = doc(text);
    analyse(&d, actors)
        .into_iter()
        .map(|s| {
            let content = d.quote(&s.content).unwrap_or_default();
            let speaker = match s.speaker.map(|sp| sp.actor) {
                Some(SpeakerMatch::Proposed { name }) => name,
                Some(SpeakerMatch::Existing(id)) => actors
                    .iter()
                    .find(|a| a.id == id)
                    .map_or_else(|| "?".to_owned(), |a| a.name.clone()),
                None => String::new(),
            };
            (content, speaker, s.attribution, s.tier)
        })
        .collect()
}

fn one(text: &str) -> Suggestion {
    let found = analyse(&doc(text), &[]);
    assert_eq!(found.len(), 1, "{found:#?}");
    found.into_iter().next().unwrap()
}

#[test]
fn quote_then_speaker_verb() {
    let found = run("\"We are no closer to peace,\" Ushakov said.", &[]);
    assert_eq!(
        found,
        [(
            "We are no closer to peace".to_owned(),
            "Ushakov".to_owned(),
            Attribution::Direct,
            Tier::High
        )]
    );
    let s = one("\"We are no closer to peace,\" Ushakov said.");
    assert_eq!(s.reason.to_string(), "quote followed by `, Ushakov said`");
    let d = doc("\"We are no closer to peace,\" Ushakov said.");
    assert_eq!(d.quote(&s.cue).as_deref(), Some("said"));
}

#[test]
fn quote_then_verb_speaker_with_curly_quotes() {
    let found = run(
        "“We will not give up an inch,” said Anna Berg, the foreign minister.",
        &[],
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "We will not give up an inch");
    assert_eq!(found[0].1, "Anna Berg");
    assert_eq!(found[0].3, Tier::High);
}

#[test]
fn speaker_verb_colon_quote() {
    let found = run(
        "Later Ushakov added: \"There is much work to be done.\"",
        &[],
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "There is much work to be done.");
    assert_eq!(found[0].1, "Ushakov");
    let s = one("Ushakov also added, \"There is much work to be done.\"");
    assert_eq!(s.reason.to_string(), "`Ushakov added` before the quote");
}

#[test]
fn split_quote_is_one_suggestion_with_two_ranges() {
    let text =
        "\"They're making concessions,\" Mr. Trump said of the Russians. \"They stop fighting.\"";
    let s = one(text);
    assert_eq!(s.content.len(), 2);
    assert_eq!(
        doc(text).quote(&s.content).as_deref(),
        Some("They're making concessions They stop fighting.")
    );
}

#[test]
fn quote_over_two_paragraphs_has_a_range_per_paragraph() {
    let text = "Berg said: \"We came to talk about the border.\n\"We leave with nothing at all.\"\nThen she left.";
    let s = one(text);
    assert_eq!(s.content.len(), 2, "{s:#?}");
    let d = doc(text);
    assert_eq!(d.slice(s.content[1]), Some("We leave with nothing at all."));
}

#[test]
fn pronoun_follows_the_last_speaker_not_the_nearest_name() {
    let text = "Yuri Ushakov, a top Putin official, told reporters the talks were useful.\n\
                \"The territorial issue is the most important for us,\" he said.";
    let found = run(text, &[]);
    let last = found.last().unwrap();
    assert_eq!(last.1, "Yuri Ushakov");
    assert_eq!(last.3, Tier::High);
}

#[test]
fn pronoun_chain_keeps_the_speaker() {
    let text = "Anna Berg said the talks with Paul Weber had been hard.\n\
                \"It was hard,\" she said. \"Very hard.\"\n\
                \"But we will continue tomorrow,\" she added.";
    let found = run(text, &[]);
    let direct: Vec<_> = found
        .iter()
        .filter(|f| f.2 == Attribution::Direct)
        .collect();
    assert_eq!(direct.len(), 2, "{found:#?}");
    for f in direct {
        assert_eq!((f.1.as_str(), f.3), ("Anna Berg", Tier::High));
    }
}

#[test]
fn without_a_speaker_before_a_pronoun_the_nearest_name_of_its_gender_is_a_medium_guess() {
    let text = "Anna Berg arrived in Geneva with Paul Weber.\n\"It was hard,\" she said.";
    let found = run(text, &[]);
    assert_eq!(found.len(), 1, "{found:#?}");
    // Paul Weber is nearer, but "she" is Anna: a guess from the name, so only medium.
    assert_eq!(
        (found[0].1.as_str(), found[0].3),
        ("Anna Berg", Tier::Medium)
    );
    let s = analyse(&doc(text), &[]);
    assert!(
        s[0].explain()
            .contains("`she` → Anna Berg, last named woman in the paragraph before"),
        "{}",
        s[0].explain()
    );
}

#[test]
fn reported_speech_with_and_without_that() {
    let found = run(
        "Zelenskyy said that officials wanted to hear from the U.S. side.",
        &[],
    );
    assert_eq!(
        found,
        [(
            "officials wanted to hear from the U.S. side".to_owned(),
            "Zelenskyy".to_owned(),
            Attribution::Indirect,
            Tier::Medium
        )]
    );
    let found = run("Ushakov said Moscow was given four more documents.", &[]);
    assert_eq!(found[0].0, "Moscow was given four more documents");
}

#[test]
fn reported_speech_with_the_speaker_after() {
    let found = run(
        "The plan has gone through many changes since last month, Mr. Trump told reporters.",
        &[],
    );
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].0,
        "The plan has gone through many changes since last month"
    );
    assert_eq!(found[0].1, "Trump");
}

#[test]
fn according_to_on_either_side() {
    let found = run("The meeting was postponed, according to the Kremlin.", &[]);
    assert_eq!(found[0].0, "The meeting was postponed");
    assert_eq!(found[0].1, "Kremlin");
    let found = run("According to the Kremlin, the meeting was postponed.", &[]);
    assert_eq!(found[0].0, "the meeting was postponed");
}

#[test]
fn quote_inside_reported_speech() {
    let text = "Zelenskyy said in a video address that officials wanted to know \"what other pretexts Putin has come up with.\"";
    let found = run(text, &[]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "what other pretexts Putin has come up with.");
    assert_eq!(found[0].1, "Zelenskyy");
    assert_eq!(found[0].3, Tier::Medium);
}

#[test]
fn nested_quotes_stay_inside_the_outer_quote() {
    let text = "\"He told me 'we will never give up' and left,\" Berg said.";
    let found = run(text, &[]);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "He told me 'we will never give up' and left");
    assert_eq!(found[0].1, "Berg");
}

#[test]
fn aliases_resolve_to_existing_actors() {
    let mut trump = Actor::new("Donald Trump", Some("United States"));
    trump.aliases = vec!["Mr. Trump".to_owned()];
    let found = run(
        "\"I think we can make a deal,\" Mr. Trump said.",
        std::slice::from_ref(&trump),
    );
    assert_eq!(found[0].1, "Donald Trump");
    let s = analyse(
        &doc("\"I think we can make a deal,\" Mr. Trump said."),
        std::slice::from_ref(&trump),
    );
    assert_eq!(
        s[0].speaker.as_ref().map(|sp| &sp.actor),
        Some(&SpeakerMatch::Existing(trump.id))
    );
}

#[test]
fn title_resolves_to_the_last_speaker() {
    let text = "Ushakov said the talks were constructive and very useful.\n\
                \"We need more time,\" the senior Russian official said.";
    let s = analyse(&doc(text), &[]);
    let last = s.last().unwrap();
    let speaker = last.speaker.as_ref().unwrap();
    assert_eq!(
        speaker.actor,
        SpeakerMatch::Proposed {
            name: "Ushakov".to_owned()
        }
    );
    assert!(
        last.explain()
            .contains("`the senior Russian official` → Ushakov"),
        "{}",
        last.explain()
    );
}

#[test]
fn scare_quotes_without_a_cue_are_not_suggested() {
    assert!(analyse(&doc("The so-called \"peace plan\" was dropped."), &[]).is_empty());
}

#[test]
fn cue_words_flag_positions_and_concessions() {
    let s = one("\"Some formulations are acceptable to us,\" Ushakov said.");
    assert_eq!(s.flag.as_ref().map(|f| f.tag), Some(FlagTag::Concession));
    assert_eq!(s.tag(), "concession");
    let s = one("\"Russia must withdraw first,\" Berg insisted.");
    assert_eq!(s.tag(), "position");
    assert!(s.explain().contains("`must` suggests position"));
    let s = one("\"The talks were useful,\" Berg said.");
    assert_eq!(s.tag(), "claim");
}

#[test]
fn offsets_are_chars_in_non_ascii_text() {
    let text = "Über «Wir geben nicht auf,» sagte... \n„Дорога длинная,” Путин said.";
    let d = doc(text);
    let found = analyse(&d, &[]);
    let s = found.last().unwrap();
    assert_eq!(d.quote(&s.content).as_deref(), Some("Дорога длинная"));
    assert_eq!(s.speaker.as_ref().map(|sp| sp.text.as_str()), Some("Путин"));
}

mod accept {
    use super::*;
    use crate::model::{EditContext, Project};
    use chrono::Utc;

    const TEXT: &str = "\"We are no closer,\" Ushakov said.\n\
                        Ushakov also added, \"There is much work to be done.\"\n\
                        Rubio said the talks were productive and long.";

    fn project() -> Project {
        let mut p = Project::new("t");
        let edit = p.add_document(doc(TEXT));
        p.apply(edit).unwrap();
        p
    }

    fn cx() -> EditContext {
        EditContext::new(Some("stance suggest"), Utc::now())
    }

    #[test]
    fn accepting_creates_each_proposed_actor_once_in_one_undo_step() {
        let mut p = project();
        let document = p.documents()[0].id;
        let found = analyse(&p.documents()[0], p.actors());
        assert_eq!(found.len(), 3, "{found:#?}");
        let before = p.clone();
        let (edit, summary) = accept_suggestions(&p, document, &found, cx()).unwrap();
        assert_eq!((summary.added, summary.filled), (3, 0));
        assert_eq!(summary.new_actors, ["Ushakov", "Rubio"]);
        let inverse = p.apply(edit).unwrap();
        assert_eq!(p.actors().len(), 2);
        assert_eq!(p.annotations().len(), 3);
        let ushakov = p.actors().iter().find(|a| a.name == "Ushakov").unwrap().id;
        let held: Vec<_> = p
            .annotations()
            .iter()
            .filter(|a| a.is_held_by(ushakov))
            .collect();
        assert_eq!(held.len(), 2);
        assert!(
            held.iter()
                .all(|a| a.attribution == Some(Attribution::Direct))
        );
        assert!(
            held.iter()
                .all(|a| a.annotator.as_deref() == Some("stance suggest"))
        );
        assert_eq!(
            p.documents()[0].quote(&held[0].cue).as_deref(),
            Some("said")
        );
        p.apply(inverse).unwrap();
        assert_eq!(
            (p.annotations().len(), p.actors().len()),
            (before.annotations().len(), 0)
        );
    }

    #[test]
    fn an_overlapping_annotation_is_filled_in_not_duplicated() {
        let mut p = project();
        let document = p.documents()[0].id;
        let d = &p.documents()[0];
        let span = d.find("We are no closer", 0).unwrap();
        let a = p
            .new_annotation(document, "position", vec![span], cx())
            .unwrap();
        let id = a.id;
        p.apply(crate::model::Edit::AddAnnotation(Box::new(a)))
            .unwrap();
        let found: Vec<Suggestion> = analyse(&p.documents()[0], p.actors())
            .into_iter()
            .take(1)
            .collect();
        let (edit, summary) = accept_suggestions(&p, document, &found, cx()).unwrap();
        assert_eq!((summary.added, summary.filled), (0, 1));
        p.apply(edit).unwrap();
        assert_eq!(p.annotations().len(), 1);
        let a = p.annotation(id).unwrap();
        assert_eq!(a.tag, "position", "the analyst's tag is kept");
        assert_eq!(p.holders_label(a), "Ushakov");
        assert_eq!(a.attribution, Some(Attribution::Direct));
        // Accepting again changes nothing: nothing is missing any more.
        let (_, again) = accept_suggestions(&p, document, &found, cx()).unwrap();
        assert_eq!((again.added, again.filled, again.unchanged), (0, 0, 1));
    }

    #[test]
    fn a_complete_annotation_is_left_alone_and_no_actor_is_made_for_it() {
        let mut p = project();
        let actor = Actor::new("Someone else", None);
        let holder = actor.id;
        p.apply(p.add_actor(actor).unwrap()).unwrap();
        let document = p.documents()[0].id;
        let span = p.documents()[0].find("We are no closer", 0).unwrap();
        let mut a = p
            .new_annotation(document, "claim", vec![span], cx())
            .unwrap();
        a.holders = vec![holder];
        a.attribution = Some(Attribution::Direct);
        a.cue = vec![span];
        p.apply(crate::model::Edit::AddAnnotation(Box::new(a)))
            .unwrap();
        let found: Vec<Suggestion> = analyse(&p.documents()[0], &[])
            .into_iter()
            .take(1)
            .collect();
        let (edit, summary) = accept_suggestions(&p, document, &found, cx()).unwrap();
        assert_eq!(summary.unchanged, 1);
        assert!(summary.new_actors.is_empty());
        p.apply(edit).unwrap();
        assert_eq!(p.actors().len(), 1);
    }

    /// A surname, the full name and a title: one person, one proposed name, one new actor,
    /// and an actor already called so (in any case) is reused instead.
    #[test]
    fn one_person_named_three_ways_becomes_one_actor() {
        let text = "\"We want a deal this week,\" Trump said.\n\
                    President Donald Trump met the envoys in Florida.\n\
                    \"They're making concessions,\" Mr. Trump said.";
        let mut p = Project::new("t");
        p.apply(p.add_document(doc(text))).unwrap();
        let document = p.documents()[0].id;
        let found = analyse(&p.documents()[0], p.actors());
        let names: Vec<_> = found
            .iter()
            .map(|s| s.speaker.as_ref().map(|sp| sp.actor.clone()))
            .collect();
        let proposed = Some(SpeakerMatch::Proposed {
            name: "Donald Trump".to_owned(),
        });
        assert_eq!(names, [proposed.clone(), proposed]);
        let (edit, summary) = accept_suggestions(&p, document, &found, cx()).unwrap();
        assert_eq!(summary.new_actors, ["Donald Trump"]);
        let mut with_new = p.clone();
        with_new.apply(edit).unwrap();
        assert_eq!(with_new.actors().len(), 1);
        assert!(
            with_new
                .annotations()
                .iter()
                .all(|a| a.is_held_by(with_new.actors()[0].id))
        );
        // Suggestions made before the actor existed still find it by name, whatever the case.
        let actor = Actor::new("DONALD TRUMP", None);
        let id = actor.id;
        p.apply(p.add_actor(actor).unwrap()).unwrap();
        let (edit, summary) = accept_suggestions(&p, document, &found, cx()).unwrap();
        assert!(summary.new_actors.is_empty());
        p.apply(edit).unwrap();
        assert_eq!(p.actors().len(), 1);
        assert!(p.annotations().iter().all(|a| a.is_held_by(id)));
    }

    #[test]
    fn an_existing_actor_is_used_through_its_alias() {
        let mut p = project();
        let mut actor = Actor::new("Yuri Ushakov", Some("Russia"));
        actor.aliases = vec!["Ushakov".to_owned()];
        p.apply(p.add_actor(actor).unwrap()).unwrap();
        let document = p.documents()[0].id;
        let found = analyse(&p.documents()[0], p.actors());
        let (edit, summary) = accept_suggestions(&p, document, &found, cx()).unwrap();
        assert_eq!(summary.new_actors, ["Rubio"]);
        p.apply(edit).unwrap();
        assert_eq!(p.actors().len(), 2);
    }
}

#[test]
fn reported_speech_after_a_quote_keeps_the_speaker() {
    let text = "Putin told an Indian outlet that the talks were \"useful,\" but some proposals were unacceptable.";
    let found = run(text, &[]);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[1].0, "some proposals were unacceptable");
    assert_eq!(
        (found[1].1.as_str(), found[1].2),
        ("Putin", Attribution::Indirect)
    );
}

proptest::proptest! {
    /// Any mix of words, marks and breaks: no panic, and every span lies inside the text
    /// with sorted, non-empty ranges.
    #[test]
    fn any_text_gives_valid_spans(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "Ushakov", "he", "said", "told", "reporters", "that", "the", "official", ",", ".",
                ":", "\"", "“", "”", "\n", "\n\n", "Мир", "according", "to", "Mr.", "Trump", "é",
                "must", "'", "added", "U.S.", "—",
            ]),
            0..60,
        )
    ) {
        let text = pieces.join(" ");
        let d = doc(&text);
        let len = d.len_chars();
        for s in analyse(&d, &[]) {
            proptest::prop_assert!(!s.content.is_empty());
            for ranges in [&s.content, &s.cue] {
                proptest::prop_assert!(ranges.iter().all(|r| !r.is_empty() && r.end <= len));
                proptest::prop_assert!(ranges.windows(2).all(|w| w[0].end <= w[1].start));
            }
            if let Some(sp) = &s.speaker {
                proptest::prop_assert_eq!(d.slice(sp.span), Some(sp.text.as_str()));
            }
        }
    }
}

#[test]
fn a_surname_takes_the_full_name_said_before_or_after() {
    let before =
        "President Donald Trump met Putin on Friday. \"We will win this war,\" Trump said.";
    let after = "\"We will win this war,\" Trump said. Later, Republican President Donald Trump \
                 added: \"It will be soon.\"";
    for text in [before, after] {
        let found = run(text, &[]);
        assert!(!found.is_empty(), "{text}");
        assert!(
            found.iter().all(|f| f.1 == "Donald Trump"),
            "{text}: {found:#?}"
        );
    }
}

#[test]
fn a_text_is_named_by_its_fuller_phrase_never_by_its_head_noun() {
    let earlier = "The officials issued a joint U.S.–Ukraine statement on Friday. \
                   \"Both parties agreed on many things,\" the statement reads.";
    let found = run(earlier, &[]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (found[0].1.as_str(), found[0].3),
        ("Joint U.S.–Ukraine statement", Tier::High)
    );
    let here = run(
        "\"Both parties agreed on many things,\" the joint statement reads.",
        &[],
    );
    assert_eq!(here[0].1, "Joint statement");
    let readout = run(
        "\"Both parties agreed on many things,\" a Kremlin readout said.",
        &[],
    );
    assert_eq!(readout[0].1, "Kremlin readout");
}

#[test]
fn a_text_with_no_fuller_mention_is_left_without_a_speaker_at_low_confidence() {
    // "released the statement" has no modifier: no name to give it.
    let quoted = "The officials released the statement on Friday. \
                  \"Both parties agreed on many things,\" the statement reads.";
    let reported = "The report said that the talks were going very well indeed.";
    for text in [quoted, reported] {
        let found = analyse(&doc(text), &[]);
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        assert!(found[0].speaker.is_none(), "{text}: {found:#?}");
        assert_eq!(found[0].tier, Tier::Low, "{text}");
    }
    // An actor called so is still the speaker.
    let mut statement = Actor::new("Joint statement", None);
    statement.aliases = vec!["statement".to_owned()];
    let found = run(quoted, std::slice::from_ref(&statement));
    assert_eq!(found[0].1, "Joint statement");
}

#[test]
fn two_people_with_one_surname_stay_apart() {
    let text = "President Donald Trump met Putin on Friday. \
                \"We will win this war,\" Ivanka Trump said. \"It is over,\" Trump said.";
    let found = run(text, &[]);
    let speakers: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(speakers, ["Ivanka Trump", "Donald Trump"], "{found:#?}");
    let donald = Actor::new("Donald Trump", None);
    let known = run(text, std::slice::from_ref(&donald));
    let speakers: Vec<&str> = known.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(speakers, ["Ivanka Trump", "Donald Trump"], "{known:#?}");
}

/// A surname no word list knows, different for each `i`: consonants only, so that no
/// ending makes it a place ("-ia", "-land").
fn made_up_surname(i: usize) -> String {
    const LETTERS: &[u8] = b"bcdfgklmnprstvz";
    let mut name = "Zorq".to_owned();
    let mut n = i;
    loop {
        name.push(char::from(LETTERS[n % LETTERS.len()]));
        n /= LETTERS.len();
        if n == 0 {
            return name;
        }
    }
}

/// Names compared to find whom each name means, for a document naming `people` people
/// (each in full, then by surname as a speaker) with as many actors in the project.
fn names_compared(people: usize) -> (usize, usize) {
    let mut text = String::new();
    for i in 0..people {
        let surname = made_up_surname(i);
        text.push_str(&format!(
            "Foreign Minister Anna {surname} arrived in Geneva. {surname} said the talks went well.\n"
        ));
    }
    let actors: Vec<Actor> = (0..people)
        .map(|i| Actor::new(format!("Karl {}", made_up_surname(i)), None))
        .collect();
    let (found, work) = analyse_counting(&doc(&text), &actors);
    (found.len(), work.names_compared)
}

#[test]
fn matching_names_grows_with_the_people_named_not_their_square() {
    let (found, small) = names_compared(300);
    assert_eq!(found, 300, "each surname's statement is found");
    let (_, large) = names_compared(600);
    // A pass over every person or actor per name would compare about people² names.
    assert!(small <= 4 * 300, "{small} names compared for 300 people");
    assert!(
        large <= 2 * small + 8,
        "{small} → {large} for twice the people"
    );
}
