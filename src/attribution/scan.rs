//! [`Scan`]: a document read into tokens, quotations, sentences and paragraphs, and the
//! words and punctuation outside quotations that every pattern and every speaker mention is
//! found by.

use std::ops::Range;

use super::quotes::{Quotation, quotations};
use super::tokens::{Kind, Token, tokenize};

/// The tokens of one text, its quotations, and where each token stands.
pub struct Scan<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub quotes: Vec<Quotation>,
    /// For each token inside a quotation (marks included), that quotation's index.
    pub quote_of: Vec<Option<usize>>,
    /// Sentences as token ranges, in order; a quotation lies inside one sentence, whole.
    pub sentences: Vec<Range<usize>>,
    /// For each token, the index of its sentence.
    pub sentence_of: Vec<usize>,
    /// For each token, the index of its paragraph (paragraphs end at line breaks).
    pub paragraph_of: Vec<usize>,
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
        let mut paragraph_of = Vec::with_capacity(tokens.len());
        let mut paragraph = 0;
        for t in &tokens {
            paragraph_of.push(paragraph);
            if t.kind == Kind::Break {
                paragraph += 1;
            }
        }
        let mut scan = Self {
            text,
            tokens,
            quotes,
            quote_of,
            sentences: Vec::new(),
            sentence_of: Vec::new(),
            paragraph_of,
        };
        scan.sentences = scan.find_sentences();
        let mut sentence_of = vec![0; scan.tokens.len()];
        for (si, s) in scan.sentences.iter().enumerate() {
            for slot in &mut sentence_of[s.clone()] {
                *slot = si;
            }
        }
        // Breaks between sentences belong to the one before.
        for i in 1..sentence_of.len() {
            if scan.tokens[i].kind == Kind::Break && sentence_of[i] < sentence_of[i - 1] {
                sentence_of[i] = sentence_of[i - 1];
            }
        }
        scan.sentence_of = sentence_of;
        scan
    }

    /// Sentences as token ranges; quotations are inside them, whole.
    fn find_sentences(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in 0..self.tokens.len() {
            if self.tokens[i].kind == Kind::Break && self.quote_of[i].is_none() {
                if start < i {
                    out.push(start..i);
                }
                start = i + 1;
            } else if self.ends_sentence(i) || self.closes_quoted_sentence(i) {
                out.push(start..i + 1);
                start = i + 1;
            }
        }
        if start < self.tokens.len() {
            out.push(start..self.tokens.len());
        }
        out
    }

    /// True if token `i` closes a quotation that ends with a full stop, and a new sentence
    /// starts after it (`"We are done." The talks…`).
    fn closes_quoted_sentence(&self, i: usize) -> bool {
        let is_close = self.quote_of[i].is_some_and(|qi| self.quotes[qi].close() == i);
        is_close
            && i > 0
            && matches!(
                self.tokens[i - 1].kind,
                Kind::Punct('.' | '!' | '?' | '。' | '！' | '？')
            )
            && self.tokens.get(i + 1).is_none_or(|t| match t.kind {
                Kind::Word => self
                    .text
                    .get(t.start..t.end)
                    .is_some_and(super::lexicon::is_capitalised),
                Kind::Punct(_) => false,
                Kind::Mark(_) | Kind::Break => true,
            })
    }

    /// The word at token `i`, unless it lies inside a quotation.
    pub fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.tokens.get(i)?;
        if t.kind != Kind::Word || self.quote_of.get(i).copied().flatten().is_some() {
            return None;
        }
        self.text.get(t.start..t.end)
    }

    /// The word at token `i`, inside a quotation or not.
    pub fn any_word(&self, i: usize) -> Option<&'a str> {
        let t = self.tokens.get(i)?;
        (t.kind == Kind::Word)
            .then(|| self.text.get(t.start..t.end))
            .flatten()
    }

    /// True if token `i` is the word `w` (case ignored), outside quotations.
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.word(i)
            .is_some_and(|x| x.eq_ignore_ascii_case(w) || (!x.is_ascii() && x.to_lowercase() == w))
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
            || matches!(
                self.punct(i),
                Some('.' | '!' | '?' | ';' | '。' | '！' | '？' | '；')
            )
    }

    /// The text of tokens `first..=last`.
    pub fn text_of(&self, first: usize, last: usize) -> &'a str {
        let (Some(a), Some(b)) = (self.tokens.get(first), self.tokens.get(last)) else {
            return "";
        };
        self.text.get(a.start..b.end).unwrap_or("")
    }

    /// The byte range of tokens `range`.
    pub fn bytes(&self, range: Range<usize>) -> Range<usize> {
        let (Some(a), Some(b)) = (
            self.tokens.get(range.start),
            range.end.checked_sub(1).and_then(|e| self.tokens.get(e)),
        ) else {
            return 0..0;
        };
        a.start..b.end
    }

    /// True if token `i` lies in a headline: the first paragraph of a text with more, short,
    /// and not closed by a full stop (a quotation's own stop inside its marks is no close).
    pub fn is_headline(&self, i: usize) -> bool {
        if self.paragraph_of.get(i) != Some(&0) {
            return false;
        }
        let Some(end) = self.tokens.iter().position(|t| t.kind == Kind::Break) else {
            return false;
        };
        let Some(last) = end.checked_sub(1) else {
            return false;
        };
        let closed = matches!(
            self.tokens[last].kind,
            Kind::Punct('.' | '!' | '?' | '。' | '！' | '？')
        );
        !closed && end <= 40
    }
}
