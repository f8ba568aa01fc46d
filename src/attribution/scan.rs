//! [`Scan`]: a document read into tokens and quotations, and the word and punctuation outside
//! quotations that every pattern and every speaker mention is found by.

use super::tokens::{Kind, Quotation, Token, quotations, tokenize};

/// The tokens of one text, its quotations, and which quotation each token is in.
pub struct Scan<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub quotes: Vec<Quotation>,
    /// For each token inside a quotation (marks included), that quotation's index.
    pub quote_of: Vec<Option<usize>>,
}

impl<'a> Scan<'a> {
    pub fn new(text: &'a str) -> Self {
        let tokens = tokenize(text);
        let quotes = quotations(text, &tokens);
        let mut quote_of = vec![None; tokens.len()];
        for (qi, q) in quotes.iter().enumerate() {
            for slot in quote_of.iter_mut().take(q.close() + 1).skip(q.open()) {
                *slot = Some(qi);
            }
        }
        Self {
            text,
            tokens,
            quotes,
            quote_of,
        }
    }

    /// The word at token `i`, unless it lies inside a quotation.
    pub fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.tokens.get(i)?;
        if t.kind != Kind::Word || self.quote_of.get(i).copied().flatten().is_some() {
            return None;
        }
        self.text.get(t.start..t.end)
    }

    /// The punctuation at token `i`, unless it lies inside a quotation.
    pub fn punct(&self, i: usize) -> Option<char> {
        match self.tokens.get(i)?.kind {
            Kind::Punct(c) if self.quote_of.get(i).copied().flatten().is_none() => Some(c),
            _ => None,
        }
    }

    /// True if token `i` ends a sentence (or lies past the end).
    pub fn ends_sentence(&self, i: usize) -> bool {
        self.tokens.get(i).is_none_or(|t| t.kind == Kind::Break)
            || matches!(self.punct(i), Some('.' | '!' | '?' | ';'))
    }

    /// The text of tokens `first..=last`.
    pub fn text_of(&self, first: usize, last: usize) -> &'a str {
        let (Some(a), Some(b)) = (self.tokens.get(first), self.tokens.get(last)) else {
            return "";
        };
        self.text.get(a.start..b.end).unwrap_or("")
    }
}
