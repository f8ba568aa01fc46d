//! The plain text of an HTML tree: block elements become paragraphs separated by blank lines,
//! inline runs are joined with their whitespace collapsed, and what is not prose (scripts,
//! styles, navigation, forms, figures, hidden elements) is left out.
//!
//! html5ever has already decoded every character reference; here no-break spaces become
//! plain spaces and invisible soft hyphens and zero-width spaces go, so a search for
//! "Geneva talks" finds the words as the reader saw them.

use dom_query::NodeRef;

/// Elements whose content is never article prose.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "picture",
    "img",
    "nav",
    "aside",
    "footer",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "label",
    "figure",
    "figcaption",
    "dialog",
    "head",
    "title",
    "meta",
    "link",
];

/// Elements that stand as paragraphs of their own (or hold paragraphs).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "hr",
    "address",
    "details",
    "summary",
    "center",
    "body",
    "html",
];

/// The text of `root` and what it holds, as blank-line-separated paragraphs.
#[must_use]
pub fn paragraphs(root: &NodeRef<'_>) -> String {
    let mut writer = ParagraphWriter::default();
    writer.node(root);
    writer.finish()
}

/// Collapses whitespace in a short inline text (a title, an author): one line, no runs.
#[must_use]
pub fn inline_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_collapsible).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|&c| !is_invisible(c)));
    }
    out
}

/// The whitespace HTML collapses, plus the no-break spaces a reader sees as spaces.
fn is_collapsible(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\u{a0}' | '\u{202f}')
}

/// Characters that show nothing and would only split words for a search (control
/// characters too: a page's stray bytes are no text).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}') || (c.is_control() && c != '\n' && c != '\t')
}

#[derive(Default)]
struct ParagraphWriter {
    paragraphs: Vec<String>,
    current: String,
    /// A collapsible space is owed before the next word of the current paragraph.
    space_pending: bool,
    /// Inside a `<pre>`: whitespace is kept as written.
    pre_depth: usize,
}

impl ParagraphWriter {
    fn node(&mut self, node: &NodeRef<'_>) {
        if node.is_text() {
            self.text(&node.text());
            return;
        }
        if !(node.is_element() || node.is_document() || node.is_fragment()) {
            return;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if SKIPPED.contains(&name.as_str()) || is_hidden(node) {
            return;
        }
        match name.as_str() {
            "br" => {
                self.current.push('\n');
                self.space_pending = false;
                return;
            }
            "td" | "th" => self.space_pending = !self.current.is_empty(),
            _ => {}
        }
        let is_block = BLOCKS.contains(&name.as_str());
        if is_block {
            self.end_paragraph();
        }
        let is_pre = name == "pre";
        self.pre_depth += usize::from(is_pre);
        for child in node.children_it(false) {
            self.node(&child);
        }
        self.pre_depth -= usize::from(is_pre);
        if is_block {
            self.end_paragraph();
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre_depth > 0 {
            self.current
                .extend(text.chars().filter(|&c| !is_invisible(c)));
            return;
        }
        let starts_blank = text.starts_with(is_collapsible);
        let ends_blank = text.ends_with(is_collapsible);
        let mut words = text
            .split(is_collapsible)
            .filter(|w| !w.is_empty())
            .peekable();
        if words.peek().is_none() {
            self.space_pending |= starts_blank;
            return;
        }
        if (starts_blank || self.space_pending)
            && !self.current.is_empty()
            && !self.current.ends_with('\n')
        {
            self.current.push(' ');
        }
        let mut first = true;
        for word in words {
            if !first {
                self.current.push(' ');
            }
            first = false;
            self.current
                .extend(word.chars().filter(|&c| !is_invisible(c)));
        }
        self.space_pending = ends_blank;
    }

    fn end_paragraph(&mut self) {
        let paragraph = std::mem::take(&mut self.current);
        self.space_pending = false;
        // Lines of a <br>-broken block keep their breaks, without blanks around them.
        let lines: Vec<&str> = paragraph
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            self.paragraphs.push(lines.join("\n"));
        }
    }

    fn finish(mut self) -> String {
        self.end_paragraph();
        self.paragraphs.join("\n\n")
    }
}

/// `hidden`, `aria-hidden="true"` or an inline `display:none`: not shown to a reader.
fn is_hidden(node: &NodeRef<'_>) -> bool {
    if node.has_attr("hidden") {
        return true;
    }
    if node
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    node.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(html: &str) -> String {
        let doc = dom_query::Document::from(html);
        paragraphs(&doc.root())
    }

    #[test]
    fn blocks_become_paragraphs_and_inline_runs_join() {
        let text = text_of(
            "<body><p>Talks  resumed\n in <b>Geneva</b>, officials&nbsp;said.</p>\
             <div>Second <i>para</i>graph.</div><ul><li>One</li><li>Two</li></ul></body>",
        );
        assert_eq!(
            text,
            "Talks resumed in Geneva, officials said.\n\nSecond paragraph.\n\nOne\n\nTwo"
        );
    }

    #[test]
    fn entities_are_decoded_and_invisible_characters_dropped() {
        let text = text_of(
            "<p>AT&amp;T &lt;b&gt; &#8220;fair&#8221; nego&shy;tiation &eacute;t&eacute;&#x2014;ok</p>",
        );
        assert_eq!(text, "AT&T <b> \u{201c}fair\u{201d} negotiation été—ok");
    }

    #[test]
    fn scripts_navigation_and_hidden_elements_are_left_out() {
        let text = text_of(
            "<body><nav>Home | World</nav><script>var x = '<p>no</p>';</script>\
             <style>p{}</style><p>Kept.</p><p hidden>Hidden.</p>\
             <div aria-hidden=\"true\">Also hidden.</div><p style=\"display: none\">No.</p>\
             <figure><img alt=\"x\"><figcaption>Caption</figcaption></figure><footer>© Outlet</footer></body>",
        );
        assert_eq!(text, "Kept.");
    }

    #[test]
    fn line_breaks_and_preformatted_text_are_kept() {
        let text = text_of("<p>Line one<br>Line two</p><pre>a  b\nc</pre>");
        assert_eq!(text, "Line one\nLine two\n\na  b\nc");
    }

    #[test]
    fn table_cells_are_spaced() {
        let text = text_of("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>");
        assert_eq!(text, "a b\n\nc");
    }

    #[test]
    fn inline_text_collapses_whitespace() {
        assert_eq!(
            inline_text("  Talks\n\t in&nbsp;Geneva "),
            "Talks in&nbsp;Geneva"
        );
        assert_eq!(inline_text("a\u{a0}b\u{ad}c"), "a bc");
    }
}
