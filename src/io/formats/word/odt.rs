//! `.odt`: paragraphs (`text:p`) and headings (`text:h`) of `content.xml`, with spans,
//! links, `text:s` spaces, tabs and line breaks; notes, annotations and tracked changes left
//! out. Metadata in `meta.xml`.

use roxmltree::Node;

use super::{Body, Properties, parse_xml, push_paragraph};

pub(super) const BODY_PART: &str = "content.xml";
pub(super) const META_PART: &str = "meta.xml";

const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

pub(super) fn body(xml: &str) -> Result<Body, String> {
    let doc = parse_xml(BODY_PART, xml)?;
    let mut body = Body::default();
    for block in doc
        .descendants()
        .filter(|n| is_text(n, "p") || is_text(n, "h"))
    {
        if block.ancestors().skip(1).any(|a| {
            is_text(&a, "p")
                || is_text(&a, "h")
                || is_text(&a, "note")
                || is_text(&a, "tracked-changes")
        }) {
            continue;
        }
        let mut text = String::new();
        inline_text(block, &mut text);
        let before = body.paragraphs.len();
        push_paragraph(&mut body.paragraphs, &text);
        let is_title = is_text(&block, "h")
            && block
                .attribute((TEXT, "outline-level"))
                .is_none_or(|l| l == "1")
            || block
                .attribute((TEXT, "style-name"))
                .is_some_and(|s| s.eq_ignore_ascii_case("Title"));
        if body.heading.is_none() && body.paragraphs.len() > before && is_title {
            body.heading = body.paragraphs.last().map(|p| p.replace('\n', " "));
        }
    }
    Ok(body)
}

fn inline_text(node: Node<'_, '_>, out: &mut String) {
    for child in node.children() {
        if child.is_text() {
            out.push_str(child.text().unwrap_or_default());
            continue;
        }
        if !child.is_element() {
            continue;
        }
        if child.tag_name().namespace() != Some(TEXT) {
            // office:annotation and drawing frames are not the paragraph's text.
            continue;
        }
        match child.tag_name().name() {
            "s" => {
                let count = child
                    .attribute((TEXT, "c"))
                    .and_then(|c| c.parse::<usize>().ok())
                    .unwrap_or(1)
                    .min(64);
                out.extend(std::iter::repeat_n(' ', count));
            }
            "tab" => out.push('\t'),
            "line-break" => out.push('\n'),
            "note" | "bookmark" | "bookmark-start" | "bookmark-end" | "change" | "change-start"
            | "change-end" => {}
            _ => inline_text(child, out),
        }
    }
}

fn is_text(node: &Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(TEXT) && node.tag_name().name() == name
}

pub(super) fn properties(xml: &str) -> Properties {
    super::dublin_core_properties(META_PART, xml)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_spans_and_spaces_are_read_and_notes_left_out() {
        let xml = format!(
            r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="{TEXT}"><office:body><office:text>
            <text:h text:outline-level="1">Talks <text:span>resume</text:span></text:h>
            <text:p>One<text:s text:c="2"/>two<text:note><text:note-body><text:p>Footnote</text:p></text:note-body></text:note><text:line-break/>three</text:p>
            <text:list><text:list-item><text:p>Item</text:p></text:list-item></text:list>
            </office:text></office:body></office:document-content>"#
        );
        let body = body(&xml).unwrap();
        assert_eq!(body.paragraphs, ["Talks resume", "One  two\nthree", "Item"]);
        assert_eq!(body.heading.as_deref(), Some("Talks resume"));
    }
}
