//! `.docx`: paragraphs (`w:p`) of `word/document.xml` with their runs' text, tabs and
//! breaks; tracked deletions and field codes left out. Headings are paragraphs styled
//! `Title` or `Heading1`. Core properties in `docProps/core.xml`.

use roxmltree::Node;

use super::{Body, Properties, parse_xml, push_paragraph};

pub(super) const BODY_PART: &str = "word/document.xml";
pub(super) const CORE_PART: &str = "docProps/core.xml";

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub(super) fn body(xml: &str) -> Result<Body, String> {
    let doc = parse_xml(BODY_PART, xml)?;
    let mut body = Body::default();
    for paragraph in doc.descendants().filter(|n| is_w(n, "p")) {
        // A paragraph inside another's text box is read with its own `w:p`, not twice.
        if paragraph.ancestors().skip(1).any(|a| is_w(&a, "p")) {
            continue;
        }
        let mut text = String::new();
        runs_text(paragraph, &mut text);
        let before = body.paragraphs.len();
        push_paragraph(&mut body.paragraphs, &text);
        if body.heading.is_none() && body.paragraphs.len() > before && is_heading(paragraph) {
            body.heading = body.paragraphs.last().map(|p| p.replace('\n', " "));
        }
    }
    Ok(body)
}

/// The text of a paragraph's runs, in order, looking into hyperlinks, insertions, smart tags
/// and content controls, but not into deletions, field instructions or nested paragraphs.
fn runs_text(node: Node<'_, '_>, out: &mut String) {
    for child in node.children().filter(Node::is_element) {
        if child.tag_name().namespace() != Some(W) {
            continue;
        }
        match child.tag_name().name() {
            "t" => out.push_str(child.text().unwrap_or_default()),
            "tab" | "ptab" => out.push('\t'),
            "br" | "cr" => out.push('\n'),
            "noBreakHyphen" => out.push('-'),
            "del" | "delText" | "instrText" | "delInstrText" | "pPr" | "rPr" | "p"
            | "footnoteReference" | "endnoteReference" | "commentReference" => {}
            _ => runs_text(child, out),
        }
    }
}

fn is_heading(paragraph: Node<'_, '_>) -> bool {
    let style = paragraph
        .children()
        .find(|n| is_w(n, "pPr"))
        .and_then(|ppr| ppr.children().find(|n| is_w(n, "pStyle")))
        .and_then(|s| s.attribute((W, "val")))
        .unwrap_or_default()
        .to_ascii_lowercase();
    matches!(
        style.as_str(),
        "title" | "heading1" | "heading 1" | "überschrift1"
    )
}

fn is_w(node: &Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(W) && node.tag_name().name() == name
}

pub(super) fn properties(xml: &str) -> Properties {
    super::dublin_core_properties(CORE_PART, xml)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_join_and_deletions_and_fields_are_left_out() {
        let xml = format!(
            r#"<w:document xmlns:w="{W}"><w:body>
            <w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Talks</w:t></w:r><w:r><w:t xml:space="preserve"> resume</w:t></w:r></w:p>
            <w:p><w:r><w:t>A</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:ins><w:r><w:t>B</w:t></w:r></w:ins>
              <w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r><w:hyperlink><w:r><w:t>C</w:t></w:r></w:hyperlink><w:r><w:br/><w:t>D&amp;E</w:t></w:r></w:p>
            <w:p/></w:body></w:document>"#
        );
        let body = body(&xml).unwrap();
        assert_eq!(body.paragraphs, ["Talks resume", "ABC\nD&E"]);
        assert_eq!(body.heading.as_deref(), Some("Talks resume"));
    }
}
