//! Splits a text into words, punctuation, quotation marks and paragraph breaks. Offsets here
//! are bytes; the engine turns them into chars at the end. Which marks open and close a
//! quotation is decided in `quotes.rs`, from the glyph and what stands around it.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct(char),
    /// A quotation mark, or an apostrophe that may be one.
    Mark(Glyph),
    /// A line break: paragraphs end there.
    Break,
}

/// A quotation mark as written. Its role (opening, closing, an apostrophe) depends on the
/// language's convention and on what stands around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Glyph {
    /// `"`
    Straight,
    /// `''`: two apostrophes, the double mark of some newspapers' plain-text feeds.
    TwoApostrophes,
    /// ` `` `: an opening double mark in plain text that has no curly quotes.
    Backticks,
    /// `“`: opens in English, closes after `„` in German.
    LeftDouble,
    /// `”`: closes in English and after `„` in Polish; opens and closes in Swedish.
    RightDouble,
    /// `„`: always opens.
    LowDouble,
    /// `«`: opens in French, Russian, Italian; closes in German and Danish.
    LeftAngle,
    /// `»`: the reverse of `«`.
    RightAngle,
    /// `'`: an apostrophe, or a single quotation mark.
    Apostrophe,
    /// `‘`: opens in English, closes after `‚` in German.
    LeftSingle,
    /// `’`: closes, and is the typographic apostrophe.
    RightSingle,
    /// `‚`
    LowSingle,
    /// `‹`
    LeftSingleAngle,
    /// `›`
    RightSingleAngle,
    /// `「`
    Corner,
    /// `」`
    CornerEnd,
    /// `『`
    WhiteCorner,
    /// `』`
    WhiteCornerEnd,
}

/// Which marks pair with which: a quotation opens and closes within one family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Double,
    Angle,
    Single,
    SingleAngle,
    Corner,
    WhiteCorner,
}

impl Glyph {
    #[must_use]
    pub const fn family(self) -> Family {
        match self {
            Self::Straight
            | Self::TwoApostrophes
            | Self::Backticks
            | Self::LeftDouble
            | Self::RightDouble
            | Self::LowDouble => Family::Double,
            Self::LeftAngle | Self::RightAngle => Family::Angle,
            Self::Apostrophe | Self::LeftSingle | Self::RightSingle | Self::LowSingle => {
                Family::Single
            }
            Self::LeftSingleAngle | Self::RightSingleAngle => Family::SingleAngle,
            Self::Corner | Self::CornerEnd => Family::Corner,
            Self::WhiteCorner | Self::WhiteCornerEnd => Family::WhiteCorner,
        }
    }

    /// The glyph of a single-char mark.
    #[must_use]
    pub const fn of(c: char) -> Option<Self> {
        Some(match c {
            '"' | '＂' => Self::Straight,
            '“' | '‟' | '〝' => Self::LeftDouble,
            '”' | '〞' | '〟' => Self::RightDouble,
            '„' => Self::LowDouble,
            '«' => Self::LeftAngle,
            '»' => Self::RightAngle,
            '\'' => Self::Apostrophe,
            '‘' | '‛' => Self::LeftSingle,
            '’' => Self::RightSingle,
            '‚' => Self::LowSingle,
            '‹' => Self::LeftSingleAngle,
            '›' => Self::RightSingleAngle,
            '「' => Self::Corner,
            '」' => Self::CornerEnd,
            '『' => Self::WhiteCorner,
            '』' => Self::WhiteCornerEnd,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Abbreviations whose period belongs to the word ("Mr.", "Dec.", "Lt. Gen.").
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "sen", "sens", "gen", "rep", "reps", "gov", "st", "jr",
    "sr", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vs",
    "col", "lt", "sgt", "prof", "adm", "maj", "capt", "cmdr", "cpl", "pvt", "rev", "hon", "pres",
    "supt", "insp", "amb", "atty", "fr", "mt", "ft", "inc", "corp", "co", "ltd", "bros", "dept",
    "univ", "approx", "est", "etc", "mme", "mlle", "hr", "fig", "vol", "ca", "cf",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Joiners kept inside a word when a word char follows ("U.S.", "don't", "U.S.–Ukraine").
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '\'' | '’' | '-' | '–' | '‑' | '·')
}

/// True for the scripts written without spaces between words, where a run of letters is a
/// phrase, not a word: a quotation mark or a particle may stand right next to a name.
#[must_use]
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // hiragana, katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xAC00..=0xD7AF // hangul syllables
    )
}

/// The tokens of `text`, in order.
#[must_use]
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c == '\n' {
            tokens.push(Token {
                start,
                end: start + 1,
                kind: Kind::Break,
            });
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        if is_word_char(c) {
            let end = word_end(text, start, c, &mut chars);
            tokens.push(Token {
                start,
                end,
                kind: Kind::Word,
            });
            continue;
        }
        // Runs of apostrophes and backticks: `''` is one double mark; `'''` is a double and
        // a single, the single inside (so it comes first when closing, last when opening).
        if c == '\'' || c == '`' {
            let mut run = 1;
            while chars.peek().is_some_and(|&(_, d)| d == c) {
                chars.next();
                run += 1;
            }
            push_apostrophes(text, &mut tokens, start, run, c);
            continue;
        }
        let kind = Glyph::of(c).map_or(Kind::Punct(c), Kind::Mark);
        tokens.push(Token {
            start,
            end: start + c.len_utf8(),
            kind,
        });
    }
    tokens
}

/// Where the word that starts with `first` at `start` ends; consumes its chars.
fn word_end(
    text: &str,
    start: usize,
    first: char,
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
) -> usize {
    let mut end = start + first.len_utf8();
    let mut has_inner_period = false;
    let cjk = is_cjk(first);
    while let Some(&(i, d)) = chars.peek() {
        if is_word_char(d) {
            // A CJK run and a Latin word next to it are two words ("G7首脳").
            if is_cjk(d) != cjk {
                break;
            }
            end = i + d.len_utf8();
            chars.next();
            continue;
        }
        if !is_joiner(d) || cjk {
            break;
        }
        // A joiner stays only between word chars (or closes an initialism: "U.S.").
        let after = text.get(i + d.len_utf8()..).and_then(|s| s.chars().next());
        if after.is_some_and(is_word_char) {
            has_inner_period |= d == '.';
            end = i + d.len_utf8();
            chars.next();
            continue;
        }
        let word = text.get(start..end).unwrap_or("");
        let is_initial = word.chars().count() == 1 && first.is_uppercase();
        let abbreviation = ABBREVIATIONS.contains(&word.to_lowercase().as_str());
        if d == '.' && (has_inner_period || abbreviation || is_initial) {
            end = i + 1;
            chars.next();
        }
        break;
    }
    end
}

/// Tokens for a run of `run` apostrophes (or backticks, `c`) starting at byte `start`.
fn push_apostrophes(text: &str, tokens: &mut Vec<Token>, start: usize, run: usize, c: char) {
    let (double, single) = if c == '`' {
        (Glyph::Backticks, None)
    } else {
        (Glyph::TwoApostrophes, Some(Glyph::Apostrophe))
    };
    let closing = text
        .get(..start)
        .and_then(|s| s.chars().next_back())
        .is_some_and(|p| !p.is_whitespace());
    let mut pieces: Vec<(usize, Kind)> = Vec::new();
    let mut left = run;
    while left >= 2 {
        pieces.push((2, Kind::Mark(double)));
        left -= 2;
    }
    if left == 1 {
        let one = single.map_or(Kind::Punct('`'), Kind::Mark);
        if closing {
            pieces.insert(0, (1, one));
        } else {
            pieces.push((1, one));
        }
    }
    let mut at = start;
    for (len, kind) in pieces {
        tokens.push(Token {
            start: at,
            end: at + len,
            kind,
        });
        at += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, Kind)> {
        tokenize(text)
            .into_iter()
            .map(|t| (text[t.start..t.end].to_owned(), t.kind))
            .collect()
    }

    #[test]
    fn two_apostrophes_are_one_mark_and_three_split_inside_first_when_closing() {
        let k = kinds("''We will,'' he said. ''a 'deal.'''");
        assert_eq!(k[0], ("''".to_owned(), Kind::Mark(Glyph::TwoApostrophes)));
        assert!(k.contains(&(",".to_owned(), Kind::Punct(','))));
        let last: Vec<Kind> = k.iter().rev().take(2).map(|(_, kind)| *kind).collect();
        assert_eq!(
            last,
            [
                Kind::Mark(Glyph::TwoApostrophes),
                Kind::Mark(Glyph::Apostrophe)
            ]
        );
    }

    #[test]
    fn abbreviations_and_initials_keep_their_period() {
        let words: Vec<String> = kinds("Lt. Gen. Donald J. Trump of the U.S. left.")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(
            words,
            [
                "Lt.", "Gen.", "Donald", "J.", "Trump", "of", "the", "U.S.", "left", "."
            ]
        );
    }

    #[test]
    fn a_cjk_run_is_split_from_latin_and_marks() {
        let words: Vec<String> = kinds("山田外相は「G7首脳」と述べた")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(words, ["山田外相は", "「", "G7", "首脳", "」", "と述べた"]);
    }
}
