//! A web page's title, date, outlet, author, language and URL, each with where it came from,
//! in the order news pages are most reliable: JSON-LD `NewsArticle`, then OpenGraph and
//! `article:*` (and other) `<meta>` tags, then `<time datetime>`, then `<h1>` and `<title>`
//! (less the outlet's suffix). The canonical link names the page's address.

use chrono::{DateTime, NaiveDate};
use dom_query::{Document, NodeRef};
use serde_json::Value;

use super::text::inline_text;
use crate::io::formats::article::{ArticleMeta, MetaSource, Sourced};

/// JSON-LD types that describe an article, best first.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "LiveBlogPosting",
    "Article",
    "Report",
    "BlogPosting",
    "ScholarlyArticle",
];

/// `<meta name=…>` keys that give a publication date, as CMSs write them.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "dcterms.issued",
    "citation_publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
];

/// Everything the page says about itself.
#[must_use]
pub fn page_meta(doc: &Document, page_url: Option<&str>) -> ArticleMeta {
    let metas = MetaTags::read(doc);
    let json_ld = json_ld_meta(doc);
    let tags = tag_meta(&metas, doc);
    let elements = element_meta(doc);
    let mut meta = json_ld.or(tags).or(elements);
    let canonical =
        canonical_url(doc, page_url).map(|url| Sourced::new(url, MetaSource::CanonicalLink));
    meta.url = canonical.or(meta.url);
    // The outlet a title ends with: "Talks resume | The Courier" → "Talks resume".
    let title_outlet = title_suffix_outlet(doc, meta.outlet.as_ref().map(|o| o.value.as_str()));
    if meta.outlet.is_none() {
        meta.outlet = title_outlet.map(|o| Sourced::new(o, MetaSource::HtmlTitle));
    }
    if let (Some(title), Some(outlet)) = (&mut meta.title, &meta.outlet) {
        title.value = strip_outlet(&title.value, &outlet.value);
    }
    meta
}

/// The `<meta>` tags of the page, keyed by `property` or `name` (lowercase), first wins.
struct MetaTags(Vec<(String, String)>);

impl MetaTags {
    fn read(doc: &Document) -> Self {
        let mut tags = Vec::new();
        for node in doc.select("meta").nodes() {
            let key = node
                .attr("property")
                .or_else(|| node.attr("name"))
                .or_else(|| node.attr("itemprop"));
            let (Some(key), Some(content)) = (key, node.attr("content")) else {
                continue;
            };
            let content = inline_text(&content);
            if !content.is_empty() {
                tags.push((key.trim().to_ascii_lowercase(), content));
            }
        }
        Self(tags)
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn first_of(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|key| self.get(key))
    }
}

fn sourced(value: Option<String>, from: MetaSource) -> Option<Sourced<String>> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| Sourced::new(v, from))
}

/// What the page's best JSON-LD article object says.
fn json_ld_meta(doc: &Document) -> ArticleMeta {
    let Some(article) = json_ld_article(doc) else {
        return ArticleMeta::default();
    };
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(inline_text);
    let title = text(article.get("headline")).or_else(|| text(article.get("name")));
    let date = ["datePublished", "dateCreated"].iter().find_map(|key| {
        article
            .get(*key)
            .and_then(Value::as_str)
            .and_then(parse_date)
    });
    let url = text(article.get("url")).or_else(|| {
        let main = article.get("mainEntityOfPage")?;
        main.as_str()
            .map(str::to_owned)
            .or_else(|| main.get("@id").and_then(Value::as_str).map(str::to_owned))
    });
    let language = text(article.get("inLanguage"));
    ArticleMeta {
        title: sourced(title, MetaSource::JsonLd),
        date: date.map(|d| Sourced::new(d, MetaSource::JsonLd)),
        outlet: sourced(article.get("publisher").and_then(names), MetaSource::JsonLd),
        author: sourced(article.get("author").and_then(names), MetaSource::JsonLd),
        url: sourced(url.filter(|u| is_web_url(u)), MetaSource::JsonLd),
        language: sourced(language, MetaSource::JsonLd),
    }
}

/// The best article object among the page's `application/ld+json` scripts (inside arrays and
/// `@graph`s too). Scripts that are not valid JSON are passed over: a page is not refused
/// for its tracking markup.
fn json_ld_article(doc: &Document) -> Option<Value> {
    let mut objects = Vec::new();
    for node in doc.select("script").nodes() {
        let is_json_ld = node.attr("type").is_some_and(|t| {
            t.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        });
        if !is_json_ld {
            continue;
        }
        if let Ok(value) = serde_json::from_str::<Value>(node.text().trim()) {
            collect_objects(value, &mut objects, 0);
        }
    }
    let rank = |object: &Value| {
        let types: Vec<&str> = match object.get("@type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        ARTICLE_TYPES
            .iter()
            .position(|wanted| types.iter().any(|t| t.eq_ignore_ascii_case(wanted)))
    };
    objects
        .into_iter()
        .filter_map(|o| rank(&o).map(|r| (r, o)))
        .min_by_key(|(r, _)| *r)
        .map(|(_, o)| o)
}

/// Gathers the objects of a JSON-LD value, looking into arrays and `@graph` (not deeper than
/// a few levels: the structure is flat in practice, and a hostile page must not recurse us).
fn collect_objects(value: Value, into: &mut Vec<Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                collect_objects(item, into, depth + 1);
            }
        }
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                collect_objects(graph, into, depth + 1);
            }
            into.push(Value::Object(map));
        }
        _ => {}
    }
}

/// A name or names: `"Reuters"`, `{"name": "Reuters"}`, or a list of those, joined by commas.
fn names(value: &Value) -> Option<String> {
    let one = |v: &Value| match v {
        Value::String(s) if !is_web_url(s) => Some(inline_text(s)),
        Value::Object(map) => map.get("name").and_then(Value::as_str).map(inline_text),
        _ => None,
    };
    let all: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    };
    let mut unique: Vec<String> = Vec::new();
    for name in all.into_iter().filter(|n| !n.is_empty()) {
        if !unique.contains(&name) {
            unique.push(name);
        }
    }
    (!unique.is_empty()).then(|| unique.join(", "))
}

/// What the `<meta>` tags say: OpenGraph and `article:*` first, then the others.
fn tag_meta(metas: &MetaTags, doc: &Document) -> ArticleMeta {
    let tag = |keys: &[&str]| sourced(metas.first_of(keys).map(str::to_owned), MetaSource::MetaTag);
    let author = [
        "article:author",
        "author",
        "byl",
        "dc.creator",
        "parsely-author",
        "sailthru.author",
    ]
    .iter()
    .filter_map(|key| metas.get(key))
    .find(|v| !is_web_url(v))
    .map(|v| {
        v.trim_start_matches("By ")
            .trim_start_matches("by ")
            .to_owned()
    });
    let date = DATE_META
        .iter()
        .filter_map(|key| metas.get(key))
        .find_map(parse_date);
    let language = doc
        .select("html")
        .nodes()
        .first()
        .and_then(|html| html.attr("lang"))
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .or_else(|| metas.get("og:locale").map(|l| l.replace('_', "-")));
    ArticleMeta {
        title: tag(&[
            "og:title",
            "twitter:title",
            "dc.title",
            "citation_title",
            "parsely-title",
        ]),
        date: date.map(|d| Sourced::new(d, MetaSource::MetaTag)),
        outlet: tag(&[
            "og:site_name",
            "application-name",
            "publisher",
            "dc.publisher",
        ]),
        author: sourced(author, MetaSource::MetaTag),
        url: sourced(
            metas
                .get("og:url")
                .filter(|u| is_web_url(u))
                .map(str::to_owned),
            MetaSource::MetaTag,
        ),
        language: sourced(language, MetaSource::MetaTag),
    }
}

/// What the page's elements say: the publication `<time>`, the `<h1>`, the `<title>`.
fn element_meta(doc: &Document) -> ArticleMeta {
    let date = publication_time(doc).map(|d| Sourced::new(d, MetaSource::TimeElement));
    let heading = first_heading(doc).map(|h| Sourced::new(h, MetaSource::HtmlHeading));
    let title = page_title(doc).map(|t| Sourced::new(t, MetaSource::HtmlTitle));
    ArticleMeta {
        title: heading.or(title),
        date,
        ..ArticleMeta::default()
    }
}

/// The date of the `<time datetime>` that marks publication: one marked so (`itemprop`,
/// `pubdate`), else the first inside the `<article>`, else the first outside the page's
/// navigation, header and footer (a masthead's "today" is not the article's date).
fn publication_time(doc: &Document) -> Option<NaiveDate> {
    let times = doc.select("time[datetime]").nodes().to_vec();
    let date_of = |node: &NodeRef<'_>| node.attr("datetime").and_then(|d| parse_date(&d));
    let marked = times.iter().find(|t| {
        t.has_attr("pubdate")
            || t.attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
            || t.attr("class").is_some_and(|c| c.contains("publish"))
    });
    if let Some(date) = marked.and_then(date_of) {
        return Some(date);
    }
    let inside = |node: &NodeRef<'_>, names: &[&str]| {
        node.ancestors_it(None).any(|a| {
            a.node_name()
                .is_some_and(|n| names.iter().any(|name| n.eq_ignore_ascii_case(name)))
        })
    };
    times
        .iter()
        .filter(|t| inside(t, &["article", "main"]))
        .find_map(date_of)
        .or_else(|| {
            times
                .iter()
                .filter(|t| !inside(t, &["nav", "header", "footer", "aside"]))
                .find_map(date_of)
        })
}

/// The first `<h1>` of the article (or of the page), as one line.
fn first_heading(doc: &Document) -> Option<String> {
    ["article h1", "main h1", "h1"].iter().find_map(|selector| {
        doc.select(selector)
            .nodes()
            .iter()
            .map(|h| inline_text(&h.text()))
            .find(|t| !t.is_empty())
    })
}

/// The page's `<title>`, as one line (its outlet suffix is removed by [`page_meta`]).
fn page_title(doc: &Document) -> Option<String> {
    let node = doc
        .select("head title")
        .nodes()
        .first()
        .copied()
        .or_else(|| doc.select("title").nodes().first().copied())?;
    let title = inline_text(&node.text());
    let (headline, _) = split_title_suffix(&title);
    Some(headline.to_owned()).filter(|t| !t.is_empty())
}

/// Separators between a headline and the outlet in page titles.
pub const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " / "];

/// `"Talks resume in Geneva | The Courier"` → `("Talks resume in Geneva", Some("The Courier"))`:
/// the last part is an outlet when it is short (at most five words) and the headline keeps
/// at least two words.
fn split_title_suffix(title: &str) -> (&str, Option<&str>) {
    let split = TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| (at, sep.len())))
        .max_by_key(|(at, _)| *at);
    let Some((at, len)) = split else {
        return (title, None);
    };
    let (head, tail) = (title[..at].trim(), title[at + len..].trim());
    if tail.split_whitespace().count() <= 5 && head.split_whitespace().count() >= 2 {
        (head, Some(tail))
    } else {
        (title, None)
    }
}

/// The outlet a `<title>` ends with, when the page names none better.
fn title_suffix_outlet(doc: &Document, known: Option<&str>) -> Option<String> {
    if known.is_some() {
        return None;
    }
    let node = doc.select("title").nodes().first().copied()?;
    let title = inline_text(&node.text());
    split_title_suffix(&title).1.map(str::to_owned)
}

/// A title less a separator and the outlet's name at its end or start (any case).
fn strip_outlet(title: &str, outlet: &str) -> String {
    let same = |a: Option<&str>, b: &str| a.is_some_and(|a| a.to_lowercase() == b.to_lowercase());
    for sep in TITLE_SEPARATORS {
        let suffix = format!("{sep}{outlet}");
        if let Some(cut) = title.len().checked_sub(suffix.len()).filter(|&cut| cut > 0)
            && same(title.get(cut..), &suffix)
        {
            return title[..cut].trim().to_owned();
        }
        let prefix = format!("{outlet}{sep}");
        if title.len() > prefix.len() && same(title.get(..prefix.len()), &prefix) {
            return title[prefix.len()..].trim().to_owned();
        }
    }
    title.to_owned()
}

/// `<link rel="canonical" href>`, made absolute against the page's address.
fn canonical_url(doc: &Document, page_url: Option<&str>) -> Option<String> {
    let links = doc.select("link[href]");
    let link = links.nodes().iter().find(|l| {
        l.attr("rel").is_some_and(|rel| {
            rel.split_whitespace()
                .any(|r| r.eq_ignore_ascii_case("canonical"))
        })
    })?;
    let href = link.attr("href")?;
    let href = href.trim();
    let absolute = match page_url.and_then(|base| url::Url::parse(base).ok()) {
        Some(base) => base.join(href).ok()?.to_string(),
        None => url::Url::parse(href).ok()?.to_string(),
    };
    is_web_url(&absolute).then_some(absolute)
}

fn is_web_url(text: &str) -> bool {
    let lower = text.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The calendar date a page's date text names, as written (the publisher's own day, not
/// shifted to UTC): ISO 8601 / RFC 3339 (`2025-12-05`, `2025-12-05T14:30:00+01:00`),
/// RFC 2822 (`Fri, 05 Dec 2025 14:30:00 +0100`) or `20251205`.
#[must_use]
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(date) = text
        .get(..10)
        .and_then(|head| NaiveDate::parse_from_str(head, "%Y-%m-%d").ok())
    {
        return Some(date);
    }
    if let Ok(time) = DateTime::parse_from_rfc2822(text) {
        return Some(time.date_naive());
    }
    text.get(..8)
        .filter(|head| head.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|head| NaiveDate::parse_from_str(head, "%Y%m%d").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> ArticleMeta {
        page_meta(
            &Document::from(html),
            Some("https://news.example/world/talks?ref=rss"),
        )
    }

    #[test]
    fn json_ld_wins_over_meta_tags_and_elements() {
        let meta = meta_of(
            r#"<html lang="en"><head><title>Page title here | Courier</title>
            <meta property="og:title" content="OG title">
            <meta property="article:published_time" content="2025-12-04T10:00:00Z">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Site"},
              {"@type":"NewsArticle","headline":"Envoys meet in Geneva",
               "datePublished":"2025-12-05T23:30:00-05:00",
               "author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Li Wei"}],
               "publisher":{"@type":"Organization","name":"The Courier"}}]}</script>
            </head><body><h1>H1 title</h1><time datetime="2025-12-01">x</time></body></html>"#,
        );
        let title = meta.title.unwrap();
        assert_eq!(
            (title.value.as_str(), title.from),
            ("Envoys meet in Geneva", MetaSource::JsonLd)
        );
        let date = meta.date.unwrap();
        // The publisher's own day, not UTC's.
        assert_eq!(date.value, NaiveDate::from_ymd_opt(2025, 12, 5).unwrap());
        assert_eq!(meta.author.unwrap().value, "Ana Ruiz, Li Wei");
        assert_eq!(meta.outlet.unwrap().value, "The Courier");
        assert_eq!(meta.language.unwrap().value, "en");
    }

    #[test]
    fn meta_tags_then_time_then_headings() {
        let meta = meta_of(
            r#"<head><title>Talks stall again - Daily Ledger</title>
            <meta name="author" content="By Sam Ode">
            <meta property="article:author" content="https://news.example/staff/sam">
            <link rel="canonical" href="/world/talks"></head>
            <body><header><time datetime="2030-01-01">today</time></header>
            <article><h1> Talks  stall again </h1><time datetime="2025-11-30T08:00">Nov 30</time></article></body>"#,
        );
        let title = meta.title.unwrap();
        assert_eq!(
            (title.value.as_str(), title.from),
            ("Talks stall again", MetaSource::HtmlHeading)
        );
        let date = meta.date.unwrap();
        assert_eq!(
            (date.value, date.from),
            (
                NaiveDate::from_ymd_opt(2025, 11, 30).unwrap(),
                MetaSource::TimeElement
            )
        );
        let outlet = meta.outlet.unwrap();
        assert_eq!(
            (outlet.value.as_str(), outlet.from),
            ("Daily Ledger", MetaSource::HtmlTitle)
        );
        assert_eq!(meta.author.unwrap().value, "Sam Ode");
        let url = meta.url.unwrap();
        assert_eq!(
            (url.value.as_str(), url.from),
            (
                "https://news.example/world/talks",
                MetaSource::CanonicalLink
            )
        );
    }

    #[test]
    fn the_title_loses_the_outlet_suffix() {
        let meta = meta_of(
            r#"<head><title>Ceasefire holds for a week | World | The Courier</title>
            <meta property="og:site_name" content="The Courier"></head><body></body>"#,
        );
        assert_eq!(
            meta.title.unwrap().value,
            "Ceasefire holds for a week | World"
        );
        assert_eq!(split_title_suffix("Short"), ("Short", None));
        assert_eq!(
            strip_outlet("Courier - A deal at last", "courier"),
            "A deal at last"
        );
    }

    #[test]
    fn broken_json_ld_is_passed_over() {
        let meta = meta_of(
            r#"<head><script type="application/ld+json">{"@type": "NewsArticle", oops</script>
            <meta property="og:title" content="From OG"></head>"#,
        );
        assert_eq!(meta.title.unwrap().from, MetaSource::MetaTag);
    }

    #[test]
    fn dates_in_the_shapes_pages_write_them() {
        let day = NaiveDate::from_ymd_opt(2025, 12, 5);
        assert_eq!(parse_date("2025-12-05"), day);
        assert_eq!(parse_date(" 2025-12-05T14:30:00+01:00"), day);
        assert_eq!(parse_date("Fri, 05 Dec 2025 14:30:00 +0100"), day);
        assert_eq!(parse_date("20251205"), day);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2025-13-45"), None);
    }
}
