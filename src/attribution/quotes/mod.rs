//! Quotations: which marks open and close them, in every convention news uses.
//!
//! A mark's glyph says what it may do (`„` only opens, `」` only closes, `«` opens in French
//! and closes in German), and what stands around it decides the rest, as typographers read
//! it: a mark with a space before and a letter after opens, one with a letter before and a
//! space or punctuation after closes. A straight `'` or a `’` after a letter is most often an
//! apostrophe: it closes a single-quoted quotation only when one is open, and a plural
//! possessive (`the Lusovians' demands`) only when no later mark could close it instead.
//!
//! A quotation still open at a paragraph's end goes on if the next paragraph opens with a
//! mark of its family (AP style: a mark on every paragraph, the closing one on the last
//! only); otherwise it was an apostrophe or a typo and is dropped, and the quotations inside
//! it stand on their own. Only outermost quotations are returned: a quotation inside another
//! is part of its words.

#[cfg(test)]
mod tests;

use super::tokens::{Family, Glyph, Kind, Token};

/// One quotation: one or more parts (a quote over several paragraphs has one per
/// paragraph), each the token indices of its opening mark and its closing mark (the
/// closing one of a continued part is the break that ends its paragraph).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    pub parts: Vec<(usize, usize)>,
    /// The glyph that opened it.
    pub glyph: Glyph,
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

/// True if a quotation opened by `open` may be closed by `close`.
fn closes(open: Glyph, close: Glyph) -> bool {
    use Glyph as G;
    match open {
        G::Straight => matches!(close, G::Straight | G::RightDouble | G::LeftDouble),
        G::TwoApostrophes => matches!(close, G::TwoApostrophes | G::RightDouble),
        G::Backticks => matches!(close, G::TwoApostrophes | G::RightDouble | G::Straight),
        G::LeftDouble => matches!(close, G::RightDouble | G::Straight | G::LeftDouble),
        G::LowDouble => matches!(close, G::LeftDouble | G::RightDouble | G::Straight),
        G::RightDouble => close == G::RightDouble,
        G::LeftAngle => close == G::RightAngle,
        G::RightAngle => close == G::LeftAngle,
        G::Apostrophe => matches!(close, G::Apostrophe | G::RightSingle),
        G::LeftSingle => matches!(close, G::RightSingle | G::Apostrophe),
        G::LowSingle => matches!(close, G::LeftSingle | G::RightSingle),
        G::LeftSingleAngle => close == G::RightSingleAngle,
        G::RightSingleAngle => close == G::LeftSingleAngle,
        G::Corner => close == G::CornerEnd,
        G::WhiteCorner => close == G::WhiteCornerEnd,
        G::CornerEnd | G::WhiteCornerEnd | G::RightSingle => false,
    }
}

/// What stands on either side of a mark.
#[derive(Clone, Copy, Debug)]
struct Flanks {
    /// A letter or digit follows, and space or punctuation precedes: it can open.
    can_open: bool,
    /// A letter, digit or punctuation precedes, and space or punctuation follows: it can close.
    can_close: bool,
    /// A digit follows (`'90s`).
    before_digit: bool,
    /// `s'` then a word: a plural possessive, unless it closes a quotation.
    is_possessive_like: bool,
}

/// Space, a quotation's own no-break spaces (French `« … »`), or the text's edge.
fn is_space(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
}

fn flanks(text: &str, token: &Token) -> Flanks {
    let before = text.get(..token.start).and_then(|s| s.chars().next_back());
    let after = text.get(token.end..).and_then(|s| s.chars().next());
    let word_before = before.is_some_and(char::is_alphanumeric);
    let word_after = after.is_some_and(char::is_alphanumeric);
    let can_open = !is_space(after) && (!word_before || is_space(before));
    let can_close = !is_space(before) && (!word_after || is_space(after));
    let next_word = text
        .get(token.end..)
        .map(str::trim_start)
        .and_then(|s| s.chars().next());
    Flanks {
        can_open,
        can_close,
        before_digit: after.is_some_and(|c| c.is_ascii_digit()),
        is_possessive_like: before.is_some_and(|c| matches!(c, 's' | 'S' | 'z' | 'x'))
            && is_space(after)
            && after.is_some()
            && next_word.is_some_and(char::is_alphanumeric),
    }
}

/// A quotation being read: its parts so far, where its current part opened, and the
/// quotation it is inside (an index into the list of opened ones).
#[derive(Clone, Debug)]
struct Open {
    id: usize,
    glyph: Glyph,
    parts: Vec<(usize, usize)>,
    at: usize,
}

/// Reads the marks of one text into quotations.
struct Pairing<'a> {
    text: &'a str,
    tokens: &'a [Token],
    stack: Vec<Open>,
    /// For each opened quotation (by id): the id it was opened inside, if any.
    parent: Vec<Option<usize>>,
    closed: Vec<(usize, Quotation)>,
    /// For each token, whether a later mark in its paragraph could close a single quotation
    /// (so a possessive `s'` before it is an apostrophe).
    later_single_close: Vec<bool>,
}

impl<'a> Pairing<'a> {
    fn new(text: &'a str, tokens: &'a [Token]) -> Self {
        // One pass from the end: linear, however many possessives a paragraph has.
        let mut later_single_close = vec![false; tokens.len()];
        let mut seen = false;
        for i in (0..tokens.len()).rev() {
            later_single_close[i] = seen;
            match tokens[i].kind {
                Kind::Break => seen = false,
                Kind::Mark(Glyph::Apostrophe | Glyph::RightSingle) => {
                    let f = flanks(text, &tokens[i]);
                    if f.can_close && !f.is_possessive_like {
                        seen = true;
                    }
                }
                _ => {}
            }
        }
        Self {
            text,
            tokens,
            stack: Vec::new(),
            parent: Vec::new(),
            closed: Vec::new(),
            later_single_close,
        }
    }

    /// The depth in the stack of the innermost open quotation `glyph` may close.
    fn closable(&self, glyph: Glyph) -> Option<usize> {
        self.stack.iter().rposition(|o| closes(o.glyph, glyph))
    }

    fn open(&mut self, i: usize, glyph: Glyph) {
        let id = self.parent.len();
        self.parent.push(self.stack.last().map(|o| o.id));
        self.stack.push(Open {
            id,
            glyph,
            parts: Vec::new(),
            at: i,
        });
    }

    /// Closes the quotation at `depth` with the mark at `i`; those opened inside it and
    /// still open were not quotations.
    fn close(&mut self, depth: usize, i: usize) {
        self.stack.truncate(depth + 1);
        let Some(mut o) = self.stack.pop() else {
            return;
        };
        o.parts.push((o.at, i));
        self.closed.push((
            o.id,
            Quotation {
                parts: o.parts,
                glyph: o.glyph,
            },
        ));
    }

    fn mark(&mut self, i: usize, glyph: Glyph) {
        use Glyph as G;
        let f = flanks(self.text, &self.tokens[i]);
        let target = self.closable(glyph);
        let target_glyph = target.map(|d| self.stack[d].glyph);
        match glyph {
            G::LowDouble | G::LowSingle | G::Backticks | G::Corner | G::WhiteCorner => {
                self.open(i, glyph);
            }
            G::CornerEnd | G::WhiteCornerEnd => {
                if let Some(d) = target {
                    self.close(d, i);
                }
            }
            G::LeftAngle | G::RightAngle | G::LeftSingleAngle | G::RightSingleAngle => match target
            {
                Some(d) => self.close(d, i),
                None => self.open(i, glyph),
            },
            // “ and ‘ close the low marks' quotations (German), or a sloppy “…“; else open.
            G::LeftDouble | G::LeftSingle => {
                let low = matches!(target_glyph, Some(G::LowDouble | G::LowSingle));
                let sloppy = target_glyph == Some(glyph) && f.can_close && !f.can_open;
                if let (Some(d), true) = (target, low || sloppy) {
                    self.close(d, i);
                } else if !(glyph == G::LeftSingle && f.before_digit) {
                    self.open(i, glyph);
                }
            }
            G::RightDouble => match target {
                Some(d) if f.can_close || !f.can_open => self.close(d, i),
                // Swedish and Finnish open with ” too.
                _ if f.can_open && !f.can_close => self.open(i, glyph),
                Some(d) => self.close(d, i),
                None => {}
            },
            G::Straight | G::TwoApostrophes => match target {
                Some(d) if f.can_close || !f.can_open => self.close(d, i),
                _ if f.can_open => self.open(i, glyph),
                Some(d) => self.close(d, i),
                None => {}
            },
            G::Apostrophe | G::RightSingle => {
                let possessive = f.is_possessive_like && self.later_single_close[i];
                match target {
                    Some(d) if f.can_close && !possessive => self.close(d, i),
                    _ if glyph == G::Apostrophe && f.can_open && !f.before_digit => {
                        self.open(i, glyph);
                    }
                    _ => {}
                }
            }
        }
    }

    /// At the break at `i`: the outermost open quotation whose family opens the next
    /// paragraph goes on there; the others were not quotations.
    fn paragraph_end(&mut self, i: usize) -> usize {
        if self.stack.is_empty() {
            return i;
        }
        let next = (i + 1..self.tokens.len()).find(|&j| self.tokens[j].kind != Kind::Break);
        let next_glyph = next.and_then(|j| match self.tokens[j].kind {
            Kind::Mark(g) => Some(g),
            _ => None,
        });
        let continued = next_glyph.and_then(|g| {
            let f = flanks(self.text, &self.tokens[next?]);
            let opens = f.can_open || matches!(g.family(), Family::Angle | Family::Corner);
            let family = g.family();
            self.stack
                .iter()
                .position(|o| opens && continues(o.glyph.family(), family))
        });
        let (Some(depth), Some(j)) = (continued, next) else {
            self.stack.clear();
            return i;
        };
        let mut o = self.stack.swap_remove(depth);
        self.stack.clear();
        o.parts.push((o.at, i));
        o.at = j;
        self.stack.push(o);
        j
    }

    fn run(mut self) -> Vec<Quotation> {
        let mut i = 0;
        while i < self.tokens.len() {
            match self.tokens[i].kind {
                Kind::Mark(glyph) => self.mark(i, glyph),
                Kind::Break => i = self.paragraph_end(i),
                Kind::Word | Kind::Punct(_) => {}
            }
            i += 1;
        }
        // Outermost only: a quotation whose every enclosing one was dropped stands alone.
        let closed_ids: std::collections::HashSet<usize> =
            self.closed.iter().map(|(id, _)| *id).collect();
        let parent = &self.parent;
        let is_outermost = |id: usize| {
            let mut p = parent.get(id).copied().flatten();
            while let Some(up) = p {
                if closed_ids.contains(&up) {
                    return false;
                }
                p = parent.get(up).copied().flatten();
            }
            true
        };
        let mut out: Vec<Quotation> = self
            .closed
            .into_iter()
            .filter(|(id, _)| is_outermost(*id))
            .map(|(_, q)| q)
            .collect();
        out.sort_by_key(Quotation::open);
        out
    }
}

/// True if a paragraph opening with a mark of `next` continues a quotation of `open`.
fn continues(open: Family, next: Family) -> bool {
    open == next
}

/// The quotations of the text, outermost only, in order.
#[must_use]
pub fn quotations(text: &str, tokens: &[Token]) -> Vec<Quotation> {
    Pairing::new(text, tokens).run()
}

/// The byte range of a part's content, without surrounding space (no-break spaces
/// included) and a trailing comma (the comma belongs to the attribution that follows).
#[must_use]
pub fn part_bytes(text: &str, tokens: &[Token], part: (usize, usize)) -> std::ops::Range<usize> {
    let start = tokens[part.0].end;
    let end = tokens[part.1].start.max(start);
    let inner = text.get(start..end).unwrap_or("");
    let is_blank = |c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}';
    let trimmed_start = inner.len() - inner.trim_start_matches(is_blank).len();
    let inner = inner.trim_matches(is_blank);
    let inner = inner
        .strip_suffix([',', '，', '、'])
        .unwrap_or(inner)
        .trim_end_matches(is_blank);
    start + trimmed_start..start + trimmed_start + inner.len()
}
