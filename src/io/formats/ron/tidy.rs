//! Tidying ron's escapes as the text streams out, so a project file is written to disk as it
//! is serialised, never held whole in memory (twice, with a tidied copy) first.
//!
//! ron escapes `'` inside strings (`Trump\'s`), which reads badly in diffs; both forms parse
//! the same, so strings get bare apostrophes. ron writes char literals raw, so a control char
//! (say a NUL hotkey) would make the file look binary; it gets `\u{..}`.

use std::fmt;
use std::io;

/// Where the tidier is in ron's text. ron writes in many small pieces, and an escape may be
/// cut between two of them, so the state carries over from one piece to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Outside,
    InString,
    /// A backslash inside a string, held back until the char it escapes is seen.
    InStringAfterBackslash,
    /// Just after the quote that opens a char literal.
    CharOpened,
    /// After `'\`: the escaped char comes next.
    CharEscaped,
    /// The char literal's char is written; its closing quote comes next.
    CharClosing,
}

/// Tidied text is passed on in blocks of about this size: each write below (hashing,
/// chunking) has its own cost per call.
const BLOCK_BYTES: usize = 64 * 1024;

/// A [`fmt::Write`] for ron's serialiser that tidies escapes and passes the text on to an
/// [`io::Write`]. An I/O error is kept (ron only sees [`fmt::Error`]) for [`Self::finish`].
pub(super) struct TidyEscapes<W: io::Write> {
    out: W,
    /// Tidied text not yet passed on.
    block: Vec<u8>,
    state: State,
    error: Option<io::Error>,
}

impl<W: io::Write> TidyEscapes<W> {
    pub(super) fn new(out: W) -> Self {
        Self {
            out,
            block: Vec::with_capacity(BLOCK_BYTES),
            state: State::Outside,
            error: None,
        }
    }

    /// Passes on what is left and returns the writer, or the I/O error that stopped the text.
    pub(super) fn finish(mut self) -> io::Result<W> {
        if self.state == State::InStringAfterBackslash {
            // Not valid ron, but never drop a byte of what was written.
            self.state = State::InString;
            self.emit(b"\\");
        }
        self.pass_on();
        match self.error.take() {
            Some(error) => Err(error),
            None => Ok(self.out),
        }
    }

    /// Takes the I/O error the text stopped on, if any (ron then reports a format error).
    pub(super) fn take_error(&mut self) -> Option<io::Error> {
        self.error.take()
    }

    fn emit(&mut self, bytes: &[u8]) {
        self.block.extend_from_slice(bytes);
        if self.block.len() >= BLOCK_BYTES {
            self.pass_on();
        }
    }

    fn pass_on(&mut self) {
        if self.error.is_none()
            && !self.block.is_empty()
            && let Err(error) = self.out.write_all(&self.block)
        {
            self.error = Some(error);
        }
        self.block.clear();
    }
}

/// Text is tidied as it comes, in pieces of any size: an escape cut between two pieces
/// carries over in the state.
impl<W: io::Write> fmt::Write for TidyEscapes<W> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.tidy(text);
        match self.error {
            Some(_) => Err(fmt::Error),
            None => Ok(()),
        }
    }
}

impl<W: io::Write> TidyEscapes<W> {
    fn tidy(&mut self, text: &str) {
        let bytes = text.as_bytes();
        // Bytes from `copied_to` up to `at` are passed on unchanged. Every byte the state
        // machine looks at is ASCII, so it never stops inside a multi-byte char, except to
        // read a char literal's char whole.
        let mut copied_to = 0;
        let mut at = 0;
        while at < bytes.len() {
            let rest = bytes.get(at..).unwrap_or_default();
            match self.state {
                State::Outside => match memchr::memchr2(b'"', b'\'', rest) {
                    None => at = bytes.len(),
                    Some(found) => {
                        at += found;
                        self.state = if bytes.get(at) == Some(&b'"') {
                            State::InString
                        } else {
                            State::CharOpened
                        };
                        at += 1;
                    }
                },
                State::InString => match memchr::memchr2(b'"', b'\\', rest) {
                    None => at = bytes.len(),
                    Some(found) => {
                        at += found;
                        if bytes.get(at) == Some(&b'"') {
                            self.state = State::Outside;
                        } else {
                            // Held back until the escaped char is seen.
                            self.emit(bytes.get(copied_to..at).unwrap_or_default());
                            copied_to = at + 1;
                            self.state = State::InStringAfterBackslash;
                        }
                        at += 1;
                    }
                },
                State::InStringAfterBackslash => {
                    // The held backslash goes out unless it escaped an apostrophe.
                    if bytes.get(at) != Some(&b'\'') {
                        self.emit(b"\\");
                    }
                    self.state = State::InString;
                    at += 1;
                }
                State::CharOpened => {
                    let c = text.get(at..).and_then(|t| t.chars().next()).unwrap_or(' ');
                    if c == '\\' {
                        self.state = State::CharEscaped;
                    } else {
                        if c.is_control() {
                            self.emit(bytes.get(copied_to..at).unwrap_or_default());
                            self.emit(format!("\\u{{{:x}}}", u32::from(c)).as_bytes());
                            copied_to = at + c.len_utf8();
                        }
                        self.state = State::CharClosing;
                    }
                    at += c.len_utf8();
                }
                State::CharEscaped | State::CharClosing => {
                    let c = text.get(at..).and_then(|t| t.chars().next()).unwrap_or(' ');
                    self.state = if self.state == State::CharEscaped {
                        State::CharClosing
                    } else {
                        State::Outside
                    };
                    at += c.len_utf8();
                }
            }
        }
        self.emit(bytes.get(copied_to..).unwrap_or_default());
    }
}

#[cfg(test)]
fn tidy_escapes(ron: &str) -> String {
    use std::fmt::Write as _;
    let mut tidy = TidyEscapes::new(Vec::new());
    tidy.write_str(ron).expect("a Vec takes every byte");
    String::from_utf8(tidy.finish().expect("a Vec takes every byte")).expect("UTF-8 in, UTF-8 out")
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use proptest::prelude::*;

    use super::*;

    #[test]
    fn control_chars_in_char_literals_are_escaped() {
        let ron = "(a: '\0', b: \"x\\'y\", c: '\r', d: 'é')";
        let tidy = tidy_escapes(ron);
        assert_eq!(tidy, r#"(a: '\u{0}', b: "x'y", c: '\u{d}', d: 'é')"#);
        let parsed: (char, String, char, char) = ron::from_str(
            &tidy
                .replace("a: ", "")
                .replace("b: ", "")
                .replace("c: ", "")
                .replace("d: ", ""),
        )
        .unwrap();
        assert_eq!(parsed, ('\0', "x'y".to_owned(), '\r', 'é'));
    }

    #[test]
    fn apostrophes_are_bare_in_strings_only() {
        let ron = r#"(a: "Trump\'s \\\' \"x\"", k: Some('\''), b: "\\", c: '"', d: "it\'s")"#;
        assert_eq!(
            tidy_escapes(ron),
            r#"(a: "Trump's \\' \"x\"", k: Some('\''), b: "\\", c: '"', d: "it's")"#
        );
    }

    /// Fails on the first write, as a full disk does.
    struct FullDisk;

    impl io::Write for FullDisk {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"))
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn an_io_error_stops_the_text_and_is_kept() {
        // Blocks are passed on as they fill: the error comes with the first full one.
        let mut tidy = TidyEscapes::new(FullDisk);
        let long = format!("(a: \"{}\")", "x".repeat(BLOCK_BYTES));
        assert!(tidy.write_str(&long).is_err());
        let error = tidy.finish().err().expect("the disk was full");
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);

        // A short text fails when what is left is passed on.
        let mut tidy = TidyEscapes::new(FullDisk);
        assert!(tidy.write_str("(a: 1)").is_ok());
        let error = tidy.finish().err().expect("the disk was full");
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
    }

    fn ron_like() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("\"".to_owned()),
            Just("'".to_owned()),
            Just("\\".to_owned()),
            Just("\\'".to_owned()),
            Just("\0".to_owned()),
            Just("\r".to_owned()),
            Just("é".to_owned()),
            "[a-z ,:()]{1,4}",
        ];
        prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    /// The tidier as it was before it streamed (whole text in, whole text out): the
    /// reference the streaming one must match on text ron writes.
    fn tidy_whole_text(ron: &str) -> String {
        let bytes = ron.as_bytes();
        let mut out = String::new();
        let mut copied_to = 0;
        let mut at = 0;
        let mut is_in_string = false;
        while at < bytes.len() {
            match (is_in_string, bytes[at]) {
                (true, b'\\') => {
                    if bytes.get(at + 1) == Some(&b'\'') {
                        out.push_str(&ron[copied_to..at]);
                        copied_to = at + 1;
                    }
                    at += 2;
                }
                (true, b'"') => {
                    is_in_string = false;
                    at += 1;
                }
                (false, b'"') => {
                    is_in_string = true;
                    at += 1;
                }
                (false, b'\'') => {
                    at += 1;
                    if bytes.get(at) == Some(&b'\\') {
                        at += 2;
                    } else if let Some(c) = ron[at..].chars().next() {
                        if c.is_control() {
                            out.push_str(&ron[copied_to..at]);
                            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
                            copied_to = at + c.len_utf8();
                        }
                        at += c.len_utf8();
                    }
                    at += 1;
                }
                _ => at += 1,
            }
        }
        out.push_str(&ron[copied_to.min(ron.len())..]);
        out
    }

    /// Text in the shapes ron writes: strings with escapes, char literals, the rest.
    fn ron_text() -> impl Strategy<Value = String> {
        let in_string = prop_oneof![
            "[a-zé ]{1,3}",
            Just("\\'".to_owned()),
            Just("\\\\".to_owned()),
            Just("\\\"".to_owned()),
            Just("\\n".to_owned()),
            Just("\\u{1f600}".to_owned()),
        ];
        let string = prop::collection::vec(in_string, 0..6)
            .prop_map(|pieces| format!("\"{}\"", pieces.concat()));
        let char_literal = prop_oneof![
            Just("'a'".to_owned()),
            Just("'é'".to_owned()),
            Just("'\\''".to_owned()),
            Just("'\\\\'".to_owned()),
            Just("'\0'".to_owned()),
            Just("'\r'".to_owned()),
            Just("'\u{85}'".to_owned()),
            Just("'\"'".to_owned()),
        ];
        let token = prop_oneof![string, char_literal, "[a-z ,:()\n]{1,4}"];
        prop::collection::vec(token, 0..30).prop_map(|tokens| tokens.concat())
    }

    fn tidied_in_pieces(ron: &str, cuts: &[prop::sample::Index]) -> String {
        let mut at: Vec<usize> = cuts
            .iter()
            .map(|i| i.index(ron.len() + 1))
            .filter(|&i| ron.is_char_boundary(i))
            .collect();
        at.push(0);
        at.push(ron.len());
        at.sort_unstable();
        let mut tidy = TidyEscapes::new(Vec::new());
        for cut in at.windows(2) {
            tidy.write_str(&ron[cut[0]..cut[1]]).unwrap();
        }
        String::from_utf8(tidy.finish().unwrap()).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// ron writes in pieces of any length: the text is tidied the same wherever it is cut.
        #[test]
        fn cutting_the_text_anywhere_tidies_it_the_same(
            ron in ron_like(),
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        ) {
            prop_assert_eq!(tidied_in_pieces(&ron, &cuts), tidy_escapes(&ron));
        }

        /// On text ron writes, the streaming tidier, cut anywhere, writes what the tidier of
        /// the whole text wrote.
        #[test]
        fn matches_the_whole_text_tidier(
            ron in ron_text(),
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        ) {
            prop_assert_eq!(tidied_in_pieces(&ron, &cuts), tidy_whole_text(&ron));
        }
    }
}
