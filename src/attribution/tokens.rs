//! Splits a text into words, punctuation, quotation marks and paragraph breaks, and finds
//! its quotations. Offsets here are bytes; the engine turns them into chars at the end.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct(char),
    /// A double quotation mark, with the direction its glyph gives (straight marks have none).
    Quote(Mark),
    /// A line break: paragraphs end there.
    Break,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Open,
    Close,
    Straight,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Abbreviations whose period belongs to the word ("Mr.", "Dec.").
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "gen", "rep", "gov", "st", "jr", "sr", "jan", "feb", "aug",
    "sept", "oct", "nov", "dec", "no", "vs", "col", "lt", "sgt", "prof",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Joiners kept inside a word when a word char follows ("U.S.", "don't", "U.S.–Ukraine").
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '\'' | '’' | '-' | '–' | '‑')
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
            let mut end = start + c.len_utf8();
            let mut has_inner_period = false;
            while let Some(&(i, d)) = chars.peek() {
                if is_word_char(d) {
                    end = i + d.len_utf8();
                    chars.next();
                    continue;
                }
                if !is_joiner(d) {
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
                let abbreviation = ABBREVIATIONS.contains(&word.to_lowercase().as_str());
                if d == '.' && (has_inner_period || abbreviation) {
                    end = i + 1;
                    chars.next();
                }
                break;
            }
            tokens.push(Token {
                start,
                end,
                kind: Kind::Word,
            });
            continue;
        }
        let kind = match c {
            '"' => Kind::Quote(Mark::Straight),
            '“' | '«' | '„' => Kind::Quote(Mark::Open),
            '”' | '»' => Kind::Quote(Mark::Close),
            other => Kind::Punct(other),
        };
        tokens.push(Token {
            start,
            end: start + c.len_utf8(),
            kind,
        });
    }
    tokens
}

/// One quotation: one or more parts (a quote over several paragraphs has one per
/// paragraph), each the token indices of its opening and closing mark (the closing one of
/// a continued part is the break that ends its paragraph).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    pub parts: Vec<(usize, usize)>,
}

impl Quotation {
    /// The opening mark's token index.
    #[must_use]
    pub fn open(&self) -> usize {
        self.parts.first().map_or(0, |p| p.0)
    }

    /// The final closing mark's token index.
    #[must_use]
    pub fn close(&self) -> usize {
        self.parts.last().map_or(0, |p| p.1)
    }
}

/// Whether a straight mark at token `i` opens: nothing or a space, a bracket or a dash
/// before it. Curly marks say so themselves.
fn opens(text: &str, tokens: &[Token], i: usize, is_open: bool) -> bool {
    match tokens[i].kind {
        Kind::Quote(Mark::Open) => true,
        Kind::Quote(Mark::Close) => false,
        _ => {
            if is_open {
                return false;
            }
            let before = text
                .get(..tokens[i].start)
                .and_then(|s| s.chars().next_back());
            before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-'))
        }
    }
}

/// The quotations of the text, in order. A quote still open at a paragraph's end continues
/// if the next paragraph opens with a mark (the newswire convention); otherwise it was
/// unbalanced and is dropped.
#[must_use]
pub fn quotations(text: &str, tokens: &[Token]) -> Vec<Quotation> {
    let mut found = Vec::new();
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<usize> = None;
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i].kind {
            Kind::Quote(_) => {
                if opens(text, tokens, i, open.is_some()) {
                    open = Some(i);
                } else if let Some(o) = open.take() {
                    parts.push((o, i));
                    found.push(Quotation {
                        parts: std::mem::take(&mut parts),
                    });
                }
            }
            Kind::Break => {
                if let Some(o) = open.take() {
                    let next = (i + 1..tokens.len()).find(|&j| tokens[j].kind != Kind::Break);
                    let continues = next.is_some_and(|j| {
                        matches!(tokens[j].kind, Kind::Quote(Mark::Open | Mark::Straight))
                    });
                    if let (true, Some(j)) = (continues, next) {
                        parts.push((o, i));
                        open = Some(j);
                        i = j;
                    } else {
                        parts.clear();
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// The byte range of a part's content, without surrounding space and a trailing comma
/// (the comma belongs to the attribution that follows).
#[must_use]
pub fn part_bytes(text: &str, tokens: &[Token], part: (usize, usize)) -> std::ops::Range<usize> {
    let start = tokens[part.0].end;
    let end = tokens[part.1].start.max(start);
    let inner = text.get(start..end).unwrap_or("");
    let trimmed_start = inner.len() - inner.trim_start().len();
    let inner = inner.trim();
    let inner = inner.strip_suffix(',').unwrap_or(inner).trim_end();
    start + trimmed_start..start + trimmed_start + inner.len()
}
