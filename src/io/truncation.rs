//! Telling a truncated project file from a malformed one: a light scan of the RON text that
//! tracks open brackets, strings and comments, and names the innermost open structure
//! (an annotation, a document, …) where the file ends.

use super::error::OpenStructure;

/// What is still open at the end of a file.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct OpenAtEnd {
    /// The innermost structure that has a name for people, if any.
    pub inside: Option<OpenStructure>,
    /// The file ends inside a string or a block comment.
    pub is_in_string_or_comment: bool,
}

#[derive(Debug)]
struct Open {
    bracket: u8,
    line: usize,
    /// The field this bracket is the value of (`annotations` in `annotations: [`).
    key: Option<String>,
    what: Option<&'static str>,
}

/// The structures still open where `text` ends, or `None` if every bracket is closed.
pub(crate) fn open_at_end(text: &str) -> Option<OpenAtEnd> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Open> = Vec::new();
    let mut line = 1;
    let mut at = 0;
    let mut ident = String::new();
    let mut last_ident: Option<String> = None;
    let mut pending_key: Option<String> = None;
    while at < bytes.len() {
        let b = bytes[at];
        if b.is_ascii_alphanumeric() || b == b'_' {
            ident.push(char::from(b));
            at += 1;
            continue;
        }
        if !ident.is_empty() {
            last_ident = Some(std::mem::take(&mut ident));
        }
        match b {
            b'\n' => line += 1,
            b'"' => match skip_string(bytes, at + 1, &mut line) {
                Some(end) => {
                    at = end;
                    last_ident = None;
                    continue;
                }
                None => return Some(end_state(&stack, true)),
            },
            b'\'' => {
                at = skip_char_literal(bytes, at + 1);
                continue;
            }
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                at = bytes[at..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(bytes.len(), |p| at + p);
                continue;
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                let Some(len) = bytes[at + 2..].windows(2).position(|w| w == b"*/") else {
                    return Some(end_state(&stack, true));
                };
                line += bytes[at..at + 2 + len]
                    .iter()
                    .filter(|&&c| c == b'\n')
                    .count();
                at += len + 4;
                continue;
            }
            b':' => pending_key = last_ident.take(),
            b'(' | b'[' | b'{' => {
                let key = pending_key.take();
                let what = match (&key, stack.last()) {
                    (Some(key), _) => field_name(key),
                    (None, Some(parent)) if parent.bracket == b'[' => {
                        parent.key.as_deref().and_then(item_name)
                    }
                    (None, None) => Some("the project"),
                    (None, Some(_)) => None,
                };
                stack.push(Open {
                    bracket: b,
                    line,
                    key,
                    what,
                });
            }
            b')' | b']' | b'}' => {
                stack.pop();
                pending_key = None;
            }
            b',' => pending_key = None,
            _ => {}
        }
        at += 1;
    }
    if stack.is_empty() {
        None
    } else {
        Some(end_state(&stack, false))
    }
}

fn end_state(stack: &[Open], is_in_string_or_comment: bool) -> OpenAtEnd {
    let inside = stack.iter().rev().find_map(|open| {
        open.what.map(|what| OpenStructure {
            what,
            line: open.line,
        })
    });
    OpenAtEnd {
        inside,
        is_in_string_or_comment,
    }
}

/// Skips a string body from just after its opening quote; returns the offset after the
/// closing quote, or `None` if the text ends first.
fn skip_string(bytes: &[u8], mut at: usize, line: &mut usize) -> Option<usize> {
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return Some(at + 1),
            b'\n' => {
                *line += 1;
                at += 1;
            }
            _ => at += 1,
        }
    }
    None
}

/// Skips a char literal body (`x'`, `\''`, `\u{41}'`) from just after its opening quote.
fn skip_char_literal(bytes: &[u8], mut at: usize) -> usize {
    if bytes.get(at) == Some(&b'\\') {
        at += 2;
    }
    while at < bytes.len() && bytes[at] != b'\'' && bytes[at] != b'\n' {
        at += 1;
    }
    at + 1
}

/// People's names for structures that are the value of a field.
fn field_name(key: &str) -> Option<&'static str> {
    match key {
        "schema" => Some("the tag schema"),
        "documents" => Some("the list of documents"),
        "actors" => Some("the list of actors"),
        "annotations" => Some("the list of annotations"),
        "relations" => Some("the list of relations"),
        _ => None,
    }
}

/// People's names for items of a list field.
fn item_name(list_key: &str) -> Option<&'static str> {
    match list_key {
        "documents" => Some("a document"),
        "actors" => Some("an actor"),
        "annotations" => Some("an annotation"),
        "relations" => Some("a relation"),
        "tags" | "schema" => Some("a tag"),
        "preserved" => Some("a preserved record"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(text: &str) -> Option<(&'static str, usize)> {
        open_at_end(text)?.inside.map(|o| (o.what, o.line))
    }

    #[test]
    fn names_the_innermost_open_structure() {
        let text = "(\n format: 1,\n annotations: [\n  (\n   id: \"x\",\n   ranges: [(start: 1";
        assert_eq!(inside(text), Some(("an annotation", 4)));
        assert_eq!(inside("(\n  title: \"a"), Some(("the project", 1)));
        let doc = "(\n documents: [\n  (\n   text: \"a [ ( { \\\" '\n and more";
        let open = open_at_end(doc).unwrap();
        assert_eq!(
            (
                open.inside.map(|o| (o.what, o.line)),
                open.is_in_string_or_comment
            ),
            (Some(("a document", 3)), true)
        );
        assert_eq!(inside("(\n annotations: [\n ]"), Some(("the project", 1)));
        assert_eq!(
            inside("(\n actors: [\n  (name: Some('(')"),
            Some(("an actor", 3))
        );
    }

    #[test]
    fn a_closed_file_has_nothing_open() {
        assert!(open_at_end("(a: [(b: \"]\")], c: '[') // (").is_none());
        assert!(open_at_end("(a: 1) /* ( */").is_none());
    }
}
