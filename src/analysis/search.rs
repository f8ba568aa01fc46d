//! Corpus search: the text of every document of a project; tagging the hits ("annotate
//! all") is in `annotate_hits.rs`.
//!
//! Hits are char (code point) spans. A [`CorpusSearch`] runs in steps of a byte budget, so
//! the app can search a large corpus a slice per frame and show the first hits at once.

use std::ops::Range;

use regex::{Regex, RegexBuilder};
use thiserror::Error;

use crate::model::{Document, DocumentId, Project, Span};

/// What to look for, and how.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchQuery {
    pub pattern: String,
    /// The pattern is a regular expression (`regex` crate syntax), not plain text.
    pub is_regex: bool,
    /// Only hits that start and end at word boundaries.
    pub is_whole_word: bool,
    pub is_case_sensitive: bool,
}

/// Why a query cannot run.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum SearchError {
    #[error("type something to search for")]
    EmptyPattern,
    #[error("not a valid regular expression: {0}")]
    BadRegex(String),
}

impl SearchQuery {
    /// Plain, case-insensitive search for `pattern`.
    #[must_use]
    pub fn plain(pattern: impl Into<String>) -> Self {
        Self {
            pattern: pattern.into(),
            ..Self::default()
        }
    }

    /// The compiled matcher.
    ///
    /// # Errors
    /// The pattern is empty, or not a valid regular expression.
    pub fn compile(&self) -> Result<Matcher, SearchError> {
        if self.pattern.is_empty() {
            return Err(SearchError::EmptyPattern);
        }
        let body = if self.is_regex {
            self.pattern.clone()
        } else {
            regex::escape(&self.pattern)
        };
        // `\b` is Unicode-aware: "Київ" is a whole word, as is "café".
        let pattern = if self.is_whole_word {
            format!(r"\b(?:{body})\b")
        } else {
            body
        };
        let regex = RegexBuilder::new(&pattern)
            .case_insensitive(!self.is_case_sensitive)
            .build()
            .map_err(|e| SearchError::BadRegex(first_line(&e.to_string())))?;
        let is_line_bound = !self.is_regex && !self.pattern.contains('\n');
        Ok(Matcher {
            regex,
            is_line_bound,
        })
    }
}

/// The last line of a regex error says what is wrong; the first lines repeat the pattern.
fn first_line(message: &str) -> String {
    let last = message.lines().rev().find(|l| !l.trim().is_empty());
    last.unwrap_or(message).trim().to_owned()
}

/// A compiled [`SearchQuery`].
#[derive(Clone, Debug)]
pub struct Matcher {
    regex: Regex,
    /// No hit can contain a line break (plain text without one), so a long text can be
    /// searched a line-bounded slice at a time with the same hits.
    is_line_bound: bool,
}

impl Matcher {
    /// The hits in one document, in text order; empty matches (`a*`) are no hits.
    #[must_use]
    pub fn find_in(&self, doc: &Document) -> Vec<Span> {
        self.find_in_range(&doc.text, 0..doc.text.len(), 0).0
    }

    /// The hits in `text[range]`, whose start is char `start_chars` of `text`, and the char
    /// offset of the range's end.
    fn find_in_range(
        &self,
        text: &str,
        range: Range<usize>,
        start_chars: usize,
    ) -> (Vec<Span>, usize) {
        let Some(haystack) = text.get(range) else {
            return (Vec::new(), start_chars);
        };
        let mut out = Vec::new();
        // Counting chars from the previous hit on: linear in the text, whatever the hits.
        let mut at_bytes = 0;
        let mut at_chars = start_chars;
        for m in self.regex.find_iter(haystack) {
            if m.is_empty() {
                continue;
            }
            let Some(gap) = haystack.get(at_bytes..m.start()) else {
                continue;
            };
            let start = at_chars + gap.chars().count();
            let end = start + m.as_str().chars().count();
            out.push(Span::new(start, end));
            at_bytes = m.end();
            at_chars = end;
        }
        let rest = haystack.get(at_bytes..).unwrap_or_default();
        (out, at_chars + rest.chars().count())
    }
}

/// The end of the line at or after byte `at` (the `\n`'s offset, or the text's end).
fn line_end_after(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    text[at..].find('\n').map_or(text.len(), |i| at + i)
}

/// One hit: a char span of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SearchHit {
    pub document: DocumentId,
    pub span: Span,
}

/// The hits of one document: a range of [`CorpusSearch::hits`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HitGroup {
    pub document: DocumentId,
    pub hits: Range<usize>,
}

/// A search over all documents of a project, run in steps (documents in project order).
#[derive(Clone, Debug)]
pub struct CorpusSearch {
    matcher: Matcher,
    query: SearchQuery,
    next_document: usize,
    /// Where the search stopped inside `next_document` (bytes, chars), if it did.
    resume_at: Option<(usize, usize)>,
    hits: Vec<SearchHit>,
    groups: Vec<HitGroup>,
    bytes_searched: usize,
}

impl CorpusSearch {
    /// A search that has not looked at any document yet.
    ///
    /// # Errors
    /// The query does not compile.
    pub fn new(query: &SearchQuery) -> Result<Self, SearchError> {
        Ok(Self {
            matcher: query.compile()?,
            query: query.clone(),
            next_document: 0,
            resume_at: None,
            hits: Vec::new(),
            groups: Vec::new(),
            bytes_searched: 0,
        })
    }

    #[must_use]
    pub fn query(&self) -> &SearchQuery {
        &self.query
    }

    /// Searches further documents until `budget_bytes` of text were read this step. Documents
    /// are searched whole, except one longer than the budget with a plain pattern: that one
    /// is searched a budget's worth (to the end of a line) per step. Each step reads
    /// something. Returns true once every document was searched.
    pub fn step(&mut self, project: &Project, budget_bytes: usize) -> bool {
        let mut read_bytes = 0;
        while let Some(doc) = project.documents().get(self.next_document) {
            let (from_bytes, from_chars) = self.resume_at.unwrap_or((0, 0));
            let remaining = doc.text.len().saturating_sub(from_bytes);
            let fits = read_bytes + remaining <= budget_bytes;
            if read_bytes > 0 && !fits {
                break;
            }
            let end_bytes = if fits || !self.matcher.is_line_bound {
                doc.text.len()
            } else {
                line_end_after(&doc.text, from_bytes + budget_bytes.max(1))
            };
            let (spans, end_chars) =
                (self.matcher).find_in_range(&doc.text, from_bytes..end_bytes, from_chars);
            self.add_hits(doc.id, spans);
            read_bytes += end_bytes - from_bytes;
            if end_bytes < doc.text.len() {
                self.resume_at = Some((end_bytes, end_chars));
                break;
            }
            self.resume_at = None;
            self.next_document += 1;
        }
        self.bytes_searched += read_bytes;
        self.is_done(project)
    }

    /// Adds hits of `document`, to its group if the previous slice of it had hits too.
    fn add_hits(&mut self, document: DocumentId, spans: Vec<Span>) {
        if spans.is_empty() {
            return;
        }
        let start = self.hits.len();
        (self.hits).extend(spans.into_iter().map(|span| SearchHit { document, span }));
        match self.groups.last_mut() {
            Some(group) if group.document == document => group.hits.end = self.hits.len(),
            _ => self.groups.push(HitGroup {
                document,
                hits: start..self.hits.len(),
            }),
        }
    }

    /// Searches every document not searched yet.
    pub fn run_to_end(&mut self, project: &Project) {
        self.step(project, usize::MAX);
    }

    #[must_use]
    pub fn is_done(&self, project: &Project) -> bool {
        self.next_document >= project.documents().len()
    }

    /// How many documents were searched so far.
    #[must_use]
    pub fn documents_searched(&self) -> usize {
        self.next_document
    }

    /// Bytes of text read so far: the work done, for tests and progress.
    #[must_use]
    pub fn bytes_searched(&self) -> usize {
        self.bytes_searched
    }

    /// Every hit found so far, grouped by document in project order.
    #[must_use]
    pub fn hits(&self) -> &[SearchHit] {
        &self.hits
    }

    /// The documents with hits, in project order.
    #[must_use]
    pub fn groups(&self) -> &[HitGroup] {
        &self.groups
    }
}

/// Every hit of `query` in `project`.
///
/// # Errors
/// The query does not compile.
pub fn search_project(
    project: &Project,
    query: &SearchQuery,
) -> Result<Vec<SearchHit>, SearchError> {
    let mut search = CorpusSearch::new(query)?;
    search.run_to_end(project);
    Ok(search.hits)
}

/// A hit with some text either side, on its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HitContext {
    pub before: String,
    pub matched: String,
    pub after: String,
}

impl HitContext {
    /// The three parts on one line, line breaks and tabs as spaces.
    #[must_use]
    pub fn one_line(&self) -> String {
        let joined = format!("{}{}{}", self.before, self.matched, self.after);
        joined.replace(['\n', '\t'], " ")
    }
}

/// Up to `radius_chars` either side of `span`, cut at the line's ends, and at a word's edge
/// where the radius ends inside a word (a context does not start with "r, Sheikh").
#[must_use]
pub fn hit_context(doc: &Document, span: Span, radius_chars: usize) -> Option<HitContext> {
    let from = span.start.saturating_sub(radius_chars);
    let to = (span.end + radius_chars).min(doc.len_chars());
    let is_space_at = |at: usize| {
        doc.slice(Span::new(at, at + 1))
            .is_none_or(|c| c.chars().all(char::is_whitespace))
    };
    let before = doc.slice(Span::new(from, span.start))?;
    let before = match before.rsplit_once('\n') {
        Some((_, line)) => line,
        None if from > 0 && !is_space_at(from - 1) && !is_space_at(from) => before
            .find(char::is_whitespace)
            .map_or(before, |at| &before[at..]),
        None => before,
    };
    let after = doc.slice(Span::new(span.end, to))?;
    let after = match after.split_once('\n') {
        Some((line, _)) => line,
        None if to < doc.len_chars() && !is_space_at(to - 1) && !is_space_at(to) => after
            .rfind(char::is_whitespace)
            .map_or(after, |at| &after[..at]),
        None => after,
    };
    Some(HitContext {
        before: before.to_owned(),
        matched: doc.slice(span)?.replace('\n', " "),
        after: after.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(texts: &[&str]) -> Project {
        let mut project = Project::new("t");
        for (i, text) in texts.iter().enumerate() {
            let doc = Document::new(format!("d{i}"), (*text).to_owned());
            project.apply(project.add_document(doc)).unwrap();
        }
        project
    }

    fn spans(project: &Project, query: &SearchQuery) -> Vec<(usize, Span)> {
        let hits = search_project(project, query).unwrap();
        hits.iter()
            .map(|h| (project.document_index(h.document).unwrap(), h.span))
            .collect()
    }

    #[test]
    fn plain_search_is_case_insensitive_and_counts_code_points() {
        let project = corpus(&["Київ – talks. TALKS", "no hits here", "🤝 talks"]);
        let found = spans(&project, &SearchQuery::plain("talks"));
        assert_eq!(
            found,
            [
                (0, Span::new(7, 12)),
                (0, Span::new(14, 19)),
                (2, Span::new(2, 7))
            ]
        );
        let doc = &project.documents()[2];
        assert_eq!(doc.slice(found[2].1), Some("talks"));
    }

    #[test]
    fn case_whole_word_and_regex_options() {
        let project = corpus(&["Peace, peaceful peace. Peacekeepers."]);
        let case = SearchQuery {
            is_case_sensitive: true,
            ..SearchQuery::plain("Peace")
        };
        assert_eq!(spans(&project, &case).len(), 2);
        let word = SearchQuery {
            is_whole_word: true,
            ..SearchQuery::plain("peace")
        };
        assert_eq!(
            spans(&project, &word),
            [(0, Span::new(0, 5)), (0, Span::new(16, 21))]
        );
        let regex = SearchQuery {
            is_regex: true,
            ..SearchQuery::plain(r"peace\w+")
        };
        let hits = spans(&project, &regex);
        assert_eq!(hits.len(), 2);
        assert_eq!(
            project.documents()[0].slice(hits[1].1),
            Some("Peacekeepers")
        );
        // A plain pattern's regex characters are literal.
        assert!(spans(&project, &SearchQuery::plain("peace.")).len() == 1);
    }

    #[test]
    fn bad_and_empty_patterns_are_errors_and_empty_matches_are_no_hits() {
        let bad = SearchQuery {
            is_regex: true,
            ..SearchQuery::plain("(unclosed")
        };
        assert!(matches!(bad.compile(), Err(SearchError::BadRegex(_))));
        assert_eq!(
            SearchQuery::plain("").compile().unwrap_err(),
            SearchError::EmptyPattern
        );
        let project = corpus(&["abc"]);
        let star = SearchQuery {
            is_regex: true,
            ..SearchQuery::plain("x*")
        };
        assert!(spans(&project, &star).is_empty());
    }

    #[test]
    fn steps_respect_the_budget_and_find_the_same_hits() {
        let texts: Vec<String> = (0..10).map(|i| format!("talks round {i} talks")).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let project = corpus(&refs);
        let mut search = CorpusSearch::new(&SearchQuery::plain("talks")).unwrap();
        let mut steps = 0;
        while !search.step(&project, 40) {
            steps += 1;
            // Each document is 19 bytes: two per step.
            assert_eq!(search.documents_searched(), steps * 2);
        }
        assert_eq!(search.hits().len(), 20);
        assert_eq!(search.groups().len(), 10);
        assert_eq!(search.groups()[3].hits, 6..8);
        assert_eq!(search.bytes_searched(), 190);
        assert_eq!(
            search.hits(),
            search_project(&project, search.query()).unwrap()
        );
    }

    #[test]
    fn a_long_document_is_searched_in_line_bounded_slices_with_the_same_hits() {
        let line = "Ceasefire talks: the ceasefire – Київ ceasefire.\n";
        let project = corpus(&[&line.repeat(40), "one more ceasefire"]);
        let plain = SearchQuery::plain("ceasefire");
        let mut search = CorpusSearch::new(&plain).unwrap();
        let mut steps = 0;
        while !search.step(&project, 200) {
            steps += 1;
            // A slice runs at most to the end of the line the budget ends in.
            assert!(search.bytes_searched() <= steps * (200 + line.len()));
        }
        assert!(steps > 5, "{steps} steps");
        let whole = plain.compile().unwrap().find_in(&project.documents()[0]);
        assert_eq!(whole.len(), 120);
        let hits: Vec<Span> = search.hits()[..120].iter().map(|h| h.span).collect();
        assert_eq!(hits, whole);
        assert_eq!(search.groups().len(), 2);
        assert_eq!(search.groups()[0].hits, 0..120);
        assert_eq!(search.hits(), search_project(&project, &plain).unwrap());
        // A regular expression could span lines: its document is searched whole.
        let regex = SearchQuery {
            is_regex: true,
            ..SearchQuery::plain("ceasefire")
        };
        let mut search = CorpusSearch::new(&regex).unwrap();
        search.step(&project, 200);
        assert_eq!(search.documents_searched(), 1);
        assert_eq!(search.hits().len(), 120);
    }

    #[test]
    fn context_stays_on_the_hit_line() {
        let project = corpus(&["First line.\nThe talks resumed on Friday.\nLast."]);
        let doc = &project.documents()[0];
        let span = doc.find("talks", 0).unwrap();
        let context = hit_context(doc, span, 30).unwrap();
        assert_eq!(context.before, "The ");
        assert_eq!(context.matched, "talks");
        assert_eq!(context.after, " resumed on Friday.");
        assert_eq!(context.one_line(), "The talks resumed on Friday.");
    }

    #[test]
    fn context_cut_inside_a_word_starts_and_ends_at_a_word() {
        let project = corpus(&["The mediator, Sheikh Hamad, said the talks in Doha would resume."]);
        let doc = &project.documents()[0];
        let span = doc.find("said", 0).unwrap();
        // Twelve chars back ends inside "Sheikh"; twelve after, inside "in".
        let context = hit_context(doc, span, 12).unwrap();
        assert_eq!(context.before, " Hamad, ");
        assert_eq!(context.after, " the talks");
        // A radius that ends at a space keeps whole words as they are.
        let context = hit_context(doc, span, 8).unwrap();
        assert_eq!(context.before, " Hamad, ");
        // Text without spaces (Chinese) is cut where the radius ends.
        let project = corpus(&["双方代表在多哈重启谈判并表示进展顺利"]);
        let doc = &project.documents()[0];
        let span = doc.find("重启", 0).unwrap();
        let context = hit_context(doc, span, 3).unwrap();
        assert_eq!(context.before, "在多哈");
        assert_eq!(context.after, "谈判并");
    }
}
