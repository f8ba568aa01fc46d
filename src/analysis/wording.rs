//! Counts in words for what the analyst reads, in the app and in reports: "1 statement",
//! "3 statements", never "statement(s)". Every noun counted there takes a plain `s` in the
//! plural. Here, beside the other words of the analysis (stance words, the brief), because
//! both the widgets and the report writers use it.

/// `count` and `noun`, the noun in the plural unless `count` is 1: "1 document",
/// "0 documents", "3 documents".
#[must_use]
pub fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "statement"), "1 statement");
        assert_eq!(counted(0, "statement"), "0 statements");
        assert_eq!(counted(3, "agreed span"), "3 agreed spans");
    }
}
