//! The text of an HTML file or response whatever its encoding: a byte-order mark, then the
//! charset the server declared, then a `<meta charset>` in the first 1024 bytes (the HTML
//! standard's prescan, simplified), then UTF-8 when the bytes are valid UTF-8, else
//! windows-1252 (what browsers assume for old Western pages).

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the bytes a `<meta charset>` is looked for.
const PRESCAN_BYTES: usize = 1024;

/// Decodes `bytes`; `declared` is a charset label from a `Content-Type` header, if any.
/// Malformed sequences become U+FFFD rather than failing: a page is readable with one bad byte.
#[must_use]
pub fn decode_html<'a>(bytes: &'a [u8], declared: Option<&str>) -> Cow<'a, str> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_len..]).0;
    }
    let encoding = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| prescan_meta_charset(bytes))
        .map(Encoding::output_encoding)
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                WINDOWS_1252
            }
        });
    encoding.decode_without_bom_handling(bytes).0
}

/// The charset of a `Content-Type` value: `text/html; charset=ISO-8859-1` → `ISO-8859-1`.
#[must_use]
pub fn content_type_charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(['"', '\'']))
    })
}

/// The encoding a `<meta charset="…">` or `<meta http-equiv content="…; charset=…">` near
/// the start names. Looks only at ASCII bytes, as the standard's prescan does.
fn prescan_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let tag_start = from + at;
        let tag_end = find(&lower[tag_start..], b">").map_or(lower.len(), |e| tag_start + e);
        let tag = &lower[tag_start..tag_end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + b"charset".len()..];
            let rest = rest.trim_ascii_start();
            if let Some(value) = rest.strip_prefix(b"=") {
                let value = value.trim_ascii_start();
                let value = value
                    .strip_prefix(b"\"")
                    .or_else(|| value.strip_prefix(b"'"))
                    .unwrap_or(value);
                let end = value
                    .iter()
                    .position(|b| {
                        matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace()
                    })
                    .unwrap_or(value.len());
                if let Some(encoding) = Encoding::for_label(&value[..end]) {
                    // A page that claims UTF-16 in ASCII bytes is not UTF-16 (the standard's rule).
                    return Some(
                        if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                            UTF_8
                        } else {
                            encoding
                        },
                    );
                }
            }
        }
        from = tag_end;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_declared_or_meta_charset_decodes_the_page() {
        let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><p>Caf\xe9</p>";
        assert!(decode_html(latin1, None).contains("Café"));
        let http_equiv =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>\x93fair\x94</p>";
        assert!(decode_html(http_equiv, None).contains("\u{201c}fair\u{201d}"));
        assert!(decode_html(b"<p>Caf\xe9</p>", Some("latin1")).contains("Café"));
    }

    #[test]
    fn utf8_and_boms_win_and_bad_bytes_do_not_fail() {
        assert_eq!(decode_html("<p>été</p>".as_bytes(), None), "<p>été</p>");
        assert_eq!(
            decode_html(b"\xef\xbb\xbf<p>x</p>", Some("latin1")),
            "<p>x</p>"
        );
        assert!(decode_html(b"<p>Caf\xe9</p>", None).contains("Café"));
        assert_eq!(
            content_type_charset("text/html; charset=\"UTF-8\""),
            Some("UTF-8")
        );
        assert_eq!(content_type_charset("text/html"), None);
    }
}
