//! Removing what surrounds an article before readability scores the page: elements that are
//! never prose (scripts, navigation, forms, figures), landmarks that are not the article
//! (`role="navigation"`, `banner`, `contentinfo`…), and blocks a CMS names as ads, share
//! tools, newsletters, related links, recommendations, cookie notices, bylines or captions.
//!
//! readability.js drops such blocks only when they score low, and strips their classes, so
//! an ad label inside the article body would survive it; naming them first is both surer
//! and cheaper. An element that holds most of an article (several long paragraphs) is kept
//! whatever its class says: a container called `content sidebar-layout` is not a sidebar.

use dom_query::{Document, NodeRef};

/// Elements removed with what they hold.
const REMOVED_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "nav",
    "aside",
    "footer",
    "header",
    "form",
    "button",
    "select",
    "textarea",
    "figure",
    "figcaption",
    "dialog",
    "video",
    "audio",
];

/// Landmark roles that are not the article.
const REMOVED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
];

/// Words of a class or id that name a block that is not the article's prose.
const BOILERPLATE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adslot",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "sponsor",
    "sponsored",
    "promo",
    "promotion",
    "newsletter",
    "signup",
    "subscribe",
    "subscription",
    "paywall",
    "share",
    "sharing",
    "sharedaddy",
    "social",
    "related",
    "recommended",
    "recommendations",
    "outbrain",
    "taboola",
    "popular",
    "trending",
    "comments",
    "cookie",
    "cookies",
    "consent",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "tags",
    "masthead",
    "sidebar",
    "widget",
    "skip",
    "modal",
    "overlay",
    "sr",
    "visually",
    "corrections",
];

/// Elements never removed by their class: they are the page or its article.
const KEPT_ELEMENTS: &[&str] = &["html", "body", "main", "article", "p"];

/// Removes the page's boilerplate in place.
pub fn remove_boilerplate(doc: &Document) {
    let mut doomed = Vec::new();
    collect(&doc.root(), &mut doomed);
    for node in doomed {
        node.remove_from_parent();
    }
}

/// Gathers the elements to remove, not looking inside one already gathered.
fn collect<'a>(node: &NodeRef<'a>, doomed: &mut Vec<NodeRef<'a>>) {
    for child in node.children_it(false) {
        if !child.is_element() {
            continue;
        }
        if is_boilerplate(&child) && !holds_an_article(&child) {
            doomed.push(child);
        } else {
            collect(&child, doomed);
        }
    }
}

fn is_boilerplate(node: &NodeRef<'_>) -> bool {
    let Some(name) = node.node_name() else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    if REMOVED_ELEMENTS.contains(&name.as_str()) {
        return true;
    }
    if node
        .attr("role")
        .is_some_and(|role| REMOVED_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    if KEPT_ELEMENTS.contains(&name.as_str()) {
        return false;
    }
    let names_boilerplate = |value: Option<&str>| {
        value.is_some_and(|value| {
            value
                .to_ascii_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|word| BOILERPLATE_WORDS.contains(&word))
        })
    };
    names_boilerplate(node.attr("class").as_deref()) || names_boilerplate(node.id_attr().as_deref())
}

/// Three paragraphs of some length: the article, or what holds it.
fn holds_an_article(node: &NodeRef<'_>) -> bool {
    let name = node.node_name().map(|n| n.to_ascii_lowercase());
    if matches!(
        name.as_deref(),
        Some("script" | "style" | "noscript" | "template" | "iframe" | "svg")
    ) {
        return false;
    }
    node.descendants_it()
        .filter(|d| d.node_name().is_some_and(|n| n.eq_ignore_ascii_case("p")))
        .filter(|p| p.text().chars().count() >= 80)
        .take(3)
        .count()
        >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(html: &str) -> String {
        let doc = Document::from(html);
        remove_boilerplate(&doc);
        super::super::text::paragraphs(&doc.root())
    }

    #[test]
    fn ads_share_tools_and_landmarks_go() {
        let text = cleaned(
            "<body><div class=\"ad-slot\">Advertisement</div><div id=\"share-tools\">Share</div>\
             <div role=\"navigation\">Menu</div><p>Kept.</p><div class=\"headline\">Also kept.</div>\
             <p class=\"byline\">By someone</p></body>",
        );
        assert_eq!(text, "Kept.\n\nAlso kept.\n\nBy someone");
    }

    #[test]
    fn a_container_holding_the_article_stays_whatever_its_class() {
        let long =
            "A paragraph long enough to count as article prose, well over eighty characters long.";
        let html = format!(
            "<body><div class=\"layout sidebar-right\"><p>{long}</p><p>{long}</p><p>{long}</p></div></body>"
        );
        assert_eq!(cleaned(&html).matches("A paragraph").count(), 3);
    }
}
