//! One test per quotation style: what each convention's marks enclose.

use super::{part_bytes, quotations};
use crate::attribution::tokens::tokenize;

/// The parts of each quotation of `text`, as their words.
fn quoted(text: &str) -> Vec<Vec<&str>> {
    let tokens = tokenize(text);
    quotations(text, &tokens)
        .iter()
        .map(|q| {
            q.parts
                .iter()
                .map(|&p| &text[part_bytes(text, &tokens, p)])
                .collect()
        })
        .collect()
}

fn one(text: &str) -> Vec<&str> {
    let found = quoted(text);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    found.into_iter().next().unwrap_or_default()
}

#[test]
fn straight_and_curly_double_marks() {
    assert_eq!(one("\"We are ready,\" she said."), ["We are ready"]);
    assert_eq!(one("“We are ready,” she said."), ["We are ready"]);
    // A closing mark after a full stop, and one straight mark opening after a colon.
    assert_eq!(
        one("She said:\"We are ready.\" Then she left."),
        ["We are ready."]
    );
    assert_eq!(
        quoted("\"Yes,\" he said. \"No,\" she said."),
        [vec!["Yes"], vec!["No"]]
    );
}

#[test]
fn two_apostrophes_as_double_marks_with_nested_singles_and_possessives() {
    assert_eq!(one("''We are ready,'' he said."), ["We are ready"]);
    assert_eq!(
        one("''They call it a 'framework.' '' Mr. Reyes said."),
        ["They call it a 'framework.'"]
    );
    assert_eq!(
        one("''The Lusovians' demands are absurd,'' he said of the Lusovians' plan."),
        ["The Lusovians' demands are absurd"]
    );
    // The comma outside the marks, and three apostrophes closing two quotations.
    assert_eq!(one("''We won'', he said."), ["We won"]);
    assert_eq!(
        one("He called it ''a 'deal.''' Then he left."),
        ["a 'deal.'"]
    );
    // PTB-style ``…'' in plain-text feeds.
    assert_eq!(one("``We won,'' he said."), ["We won"]);
}

#[test]
fn guillemets_both_ways_with_no_break_spaces() {
    assert_eq!(
        one("«Nous sommes prêts», a-t-il dit."),
        ["Nous sommes prêts"]
    );
    assert_eq!(
        one("« Nous sommes prêts », a déclaré la ministre."),
        ["Nous sommes prêts"]
    );
    assert_eq!(
        one("«Мы готовы к „большой сделке“», — заявил он."),
        ["Мы готовы к „большой сделке“"]
    );
    // German and Danish: » opens, « closes.
    assert_eq!(one("»Wir sind bereit«, sagte sie."), ["Wir sind bereit"]);
    // Swiss: «…» outside, ‹…› inside.
    assert_eq!(
        one("«Das ist ein ‹fairer› Vorschlag», sagte er."),
        ["Das ist ein ‹fairer› Vorschlag"]
    );
}

#[test]
fn low_nine_marks_german_polish_and_mixed() {
    assert_eq!(
        one("„Wir sind bereit, ‚jetzt‘ zu reden“, sagte sie."),
        ["Wir sind bereit, ‚jetzt‘ zu reden"]
    );
    assert_eq!(one("„Jesteśmy gotowi” — powiedziała."), ["Jesteśmy gotowi"]);
    assert_eq!(
        one("„Jesteśmy gotowi\" - powiedziała."),
        ["Jesteśmy gotowi"]
    );
    assert_eq!(one("‚Kein Deal‘ in Genf"), ["Kein Deal"]);
}

#[test]
fn corner_brackets_with_nested_white_corners() {
    assert_eq!(
        one("山田外相は「『対話』を続ける」と述べた。"),
        ["『対話』を続ける"]
    );
    assert_eq!(one("他表示：「我們準備好了。」"), ["我們準備好了。"]);
    assert_eq!(
        one("The minister said 「we will wait」 twice."),
        ["we will wait"]
    );
}

#[test]
fn single_marks_in_headlines_and_british_text_beside_apostrophes() {
    assert_eq!(
        one("'We won't sign,' says Vardanian president"),
        ["We won't sign"]
    );
    assert_eq!(one("‘No deal yet’: minister"), ["No deal yet"]);
    assert_eq!(
        one("'The Lusovians' offer is a trap,' he said."),
        ["The Lusovians' offer is a trap"]
    );
    // Apostrophes alone are no quotation.
    assert!(quoted("The Lusovians' demands and the '90s rock 'n roll era's end.").is_empty());
    assert!(quoted("It’s the ministers’ view, and he didn't say so.").is_empty());
}

#[test]
fn a_quotation_over_paragraphs_has_a_part_per_paragraph_and_closes_on_the_last() {
    let text = "She said: \"We came to talk.\n\"We leave with nothing.\n\"Nothing at all.\"\nThen she left.";
    assert_eq!(
        one(text),
        [
            "We came to talk.",
            "We leave with nothing.",
            "Nothing at all."
        ]
    );
    for (open, close) in [("''", "''"), ("“", "”"), ("‘", "’"), ("«", "»")] {
        let text = format!("He said: {open}First.\n{open}Second.{close}\nAfter.");
        assert_eq!(one(&text), ["First.", "Second."], "{text}");
    }
    // Unclosed, and the next paragraph opens with no mark: no quotation.
    assert!(quoted("He said: \"First.\nSecond.").is_empty());
}

#[test]
fn a_false_opener_does_not_swallow_the_quotation_after_it() {
    // The apostrophe of 'em opens nothing that closes; the quotation after it stands.
    assert_eq!(
        one("Let 'em talk, he said, and then: \"We are done.\"\nNext."),
        ["We are done."]
    );
}
