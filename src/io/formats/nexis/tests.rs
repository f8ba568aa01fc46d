use chrono::NaiveDate;

use super::*;

const CLASSIC: &str = include_str!("../../../../tests/data/intake/nexis_classic.txt");
const UNI: &str = include_str!("../../../../tests/data/intake/nexis_uni.txt");

fn value<T: Clone>(field: Option<&Sourced<T>>) -> Option<T> {
    field.map(|f| f.value.clone())
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// No field line, copyright notice or document count reaches any article's text.
fn assert_no_field_leaks(read: &ArticlesRead) {
    for article in &read.articles {
        for line in article.text.lines() {
            assert!(field(line).is_none(), "field line in the text: {line:?}");
            assert!(!is_copyright(line), "copyright in the text: {line:?}");
            assert!(!DOCUMENT_COUNT.is_match(line), "{line:?}");
            assert_ne!(line.trim(), "Body");
            assert!(!line.contains("End of Document"), "{line:?}");
        }
    }
}

#[test]
fn classic_exports_split_into_articles_with_their_fields() {
    let text = crate::model::text::normalize_text(CLASSIC);
    assert!(is_nexis(&text));
    let read = read_nexis(Path::new("nexis_classic.txt"), &text);
    assert_eq!(read.articles.len(), 2);
    assert_no_field_leaks(&read);

    let first = &read.articles[0];
    assert_eq!(
        value(first.meta.title.as_ref()).as_deref(),
        Some("Envoys Press for a Truce in the Valley Talks")
    );
    assert_eq!(value(first.meta.date.as_ref()), day(2016, 9, 6));
    assert_eq!(
        value(first.meta.outlet.as_ref()).as_deref(),
        Some("The Geneva Ledger")
    );
    assert_eq!(
        value(first.meta.author.as_ref()).as_deref(),
        Some("Marta Okonjo-Lindqvist")
    );
    assert_eq!(value(first.meta.language.as_ref()).as_deref(), Some("en"));
    assert_eq!(
        value(first.meta.url.as_ref()).as_deref(),
        Some("https://ledger.example/2016/09/06/valley-truce")
    );
    assert_eq!(
        first.meta.title.as_ref().map(|t| t.from),
        Some(MetaSource::NexisField)
    );
    assert!(
        first
            .text
            .starts_with("GENEVA -- Envoys from both delegations")
    );
    assert!(
        first
            .text
            .contains("withdrew its artillery by Friday.\n\n\"We are prepared")
    );
    assert!(first.text.ends_with("answer within two days."));

    let second = &read.articles[1];
    assert_eq!(
        value(second.meta.title.as_ref()).as_deref(),
        Some("Ministers Reject Port Fee Proposal")
    );
    assert_eq!(value(second.meta.date.as_ref()), day(2016, 9, 7));
    assert_eq!(
        value(second.meta.outlet.as_ref()).as_deref(),
        Some("Baltic Courier")
    );
    assert_eq!(
        value(second.meta.author.as_ref()).as_deref(),
        Some("Jonas Petrauskas")
    );

    // The third has no body: refused with its place in the file.
    assert_eq!(read.refused.len(), 1);
    let refused = read.refused[0].to_string();
    assert!(refused.contains("article 3 of 3"), "{refused}");
    assert!(refused.contains("no text"), "{refused}");
}

#[test]
fn nexis_uni_exports_split_at_end_of_document() {
    assert!(is_nexis(UNI));
    let read = read_nexis(Path::new("nexis_uni.txt"), UNI);
    assert_eq!(read.articles.len(), 2, "{:?}", read.refused);
    assert!(read.refused.is_empty());
    assert_no_field_leaks(&read);

    let first = &read.articles[0];
    assert_eq!(
        value(first.meta.title.as_ref()).as_deref(),
        Some("U.S. and Valley Council Agree on Prisoner Exchange")
    );
    assert_eq!(value(first.meta.date.as_ref()), day(2016, 9, 9));
    assert_eq!(
        value(first.meta.outlet.as_ref()).as_deref(),
        Some("The Geneva Ledger")
    );
    assert_eq!(
        value(first.meta.author.as_ref()).as_deref(),
        Some("Marta Okonjo-Lindqvist")
    );
    assert!(first.text.starts_with("GENEVA -- The two sides agreed"));
    assert!(first.text.ends_with("next week."));

    let second = &read.articles[1];
    assert_eq!(value(second.meta.date.as_ref()), day(2016, 9, 10));
    assert_eq!(
        value(second.meta.author.as_ref()).as_deref(),
        Some("Jonas Petrauskas")
    );
    assert_eq!(value(second.meta.language.as_ref()).as_deref(), Some("en"));
    assert!(second.text.ends_with("five years instead of three."));
    let Origin::File {
        part: Some(part), ..
    } = &second.origin
    else {
        panic!("an article of a file of several");
    };
    assert_eq!((part.number, part.of, part.line), (2, 2, Some(27)));
}

#[test]
fn plain_text_is_not_nexis() {
    assert!(!is_nexis("Talks resume\n\nBody\n\nThe talks resumed."));
    assert!(!is_nexis("One of the documents was lost."));
    assert!(
        read_nexis(Path::new("a.txt"), "Just text.")
            .articles
            .is_empty()
    );
}
