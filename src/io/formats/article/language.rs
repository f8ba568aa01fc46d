//! Language names as news databases write them (`ENGLISH`, `Français`) turned into the short
//! tags documents keep (`en`, `fr`).

/// The tag for a language name or tag: `ENGLISH` → `en`, `en-GB` stays `en-GB`. A name not in
/// the table is kept as written (trimmed), so nothing the source said is lost.
#[must_use]
pub fn language_tag(name: &str) -> Option<String> {
    let name = name.trim().trim_end_matches(['.', ';']);
    if name.is_empty() {
        return None;
    }
    let lower = name.to_lowercase();
    let known = [
        ("en", &["english", "anglais", "englisch", "eng"][..]),
        (
            "fr",
            &[
                "french",
                "français",
                "francais",
                "französisch",
                "fre",
                "fra",
            ],
        ),
        ("de", &["german", "deutsch", "allemand", "ger", "deu"]),
        ("es", &["spanish", "español", "espanol", "espagnol", "spa"]),
        ("it", &["italian", "italiano", "ita"]),
        ("pt", &["portuguese", "português", "portugues", "por"]),
        ("nl", &["dutch", "nederlands", "dut", "nld"]),
        ("ru", &["russian", "русский", "rus"]),
        ("uk", &["ukrainian", "українська", "ukr"]),
        ("pl", &["polish", "polski", "pol"]),
        ("tr", &["turkish", "türkçe", "tur"]),
        ("ar", &["arabic", "العربية", "ara"]),
        ("fa", &["persian", "farsi", "فارسی", "per", "fas"]),
        ("he", &["hebrew", "עברית", "heb"]),
        ("zh", &["chinese", "中文", "chi", "zho"]),
        ("ja", &["japanese", "日本語", "jpn"]),
        ("ko", &["korean", "한국어", "kor"]),
    ];
    let tag = known
        .iter()
        .find(|(_, names)| names.contains(&lower.as_str()))
        .map_or(name, |(tag, _)| tag);
    Some(tag.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_tags_and_unknown_ones_are_kept() {
        assert_eq!(language_tag("ENGLISH").as_deref(), Some("en"));
        assert_eq!(language_tag(" Français ").as_deref(), Some("fr"));
        assert_eq!(language_tag("en-GB").as_deref(), Some("en-GB"));
        assert_eq!(language_tag("Klingon").as_deref(), Some("Klingon"));
        assert_eq!(language_tag("  "), None);
    }
}
