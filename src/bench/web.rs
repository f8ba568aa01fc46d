//! Issue 19's web figure: a news page as a CMS serves it (a few hundred kilobytes: inline
//! scripts and styles, navigation, ads, related links, JSON-LD, a long article) to an article
//! with its metadata. Target: ≤ 50 ms.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use super::figure::Figure;
use crate::io::formats::html::article_from_html;

/// Times the page to article conversion, median of several rounds.
///
/// # Errors
/// The generated page gave no article (a bug in the reader or the generator).
pub fn web_figures(quick: bool, record: &mut dyn FnMut(Figure)) -> Result<(), String> {
    let page = news_page(60);
    record(Figure::mb("web.page", page.len() as u64));
    let rounds = if quick { 5 } else { 21 };
    let mut times: Vec<Duration> = Vec::with_capacity(rounds);
    let mut words = 0;
    for _ in 0..rounds {
        let started = Instant::now();
        let article = article_from_html(&page, Some("https://news.example/world/talks"))
            .map_err(|e| format!("web page: {e}"))?;
        times.push(started.elapsed());
        words = article.text.split_whitespace().count();
    }
    times.sort();
    record(Figure::ms("web.html_to_article", times[times.len() / 2]));
    record(Figure::count("web.article_words", words));
    Ok(())
}

/// A generated news page with `paragraphs` article paragraphs and the usual surroundings.
#[must_use]
pub fn news_page(paragraphs: usize) -> String {
    let mut page = String::with_capacity(400_000);
    page.push_str("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    page.push_str("<title>Envoys extend ceasefire talks | World | The Bench Courier</title>");
    page.push_str("<meta property=\"og:title\" content=\"Envoys extend ceasefire talks\">");
    page.push_str(
        "<meta property=\"article:published_time\" content=\"2025-12-05T18:42:11+01:00\">",
    );
    page.push_str("<link rel=\"canonical\" href=\"https://news.example/world/2025/12/05/talks\">");
    page.push_str(r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Envoys extend ceasefire talks","datePublished":"2025-12-05T18:42:11+01:00","author":{"@type":"Person","name":"A. Writer"},"publisher":{"@type":"Organization","name":"The Bench Courier"}}</script>"#);
    // Inline scripts and styles as bundlers emit them: most of a real page's bytes.
    for i in 0..40 {
        let _ = write!(
            page,
            "<script>window.__chunk{i}=function(a,b){{for(var i=0;i<a.length;i++){{b.push(a[i]*{i});}}return b;}};"
        );
        page.push_str(&"var x=document.createElement('div');x.className='w';".repeat(40));
        page.push_str("</script>");
    }
    page.push_str("<style>");
    page.push_str(&".c{margin:0 auto;padding:4px 8px;font:16px/1.5 serif}".repeat(400));
    page.push_str("</style></head><body><header class=\"site-header\"><nav><ul>");
    for i in 0..300 {
        let _ = write!(page, "<li><a href=\"/section/{i}\">Section {i}</a></li>");
    }
    page.push_str("</ul></nav></header><div class=\"ad-slot\">Advertisement</div><main><article>");
    page.push_str("<h1>Envoys extend ceasefire talks</h1><div class=\"article-body\">");
    for i in 0..paragraphs {
        let _ = write!(
            page,
            "<p>Paragraph {i}: the delegations met again on Friday, and the mediator said the two \
             sides had &ldquo;narrowed their differences&rdquo; on prisoners, while the sequencing \
             of withdrawals &mdash; the artillery question &mdash; remained open.</p>"
        );
        if i % 8 == 4 {
            page.push_str("<div class=\"ad-slot ad-inline\"><span>Advertisement</span></div>");
        }
        if i % 20 == 10 {
            page.push_str("<aside class=\"related\"><ul>");
            for j in 0..6 {
                let _ = write!(page, "<li><a href=\"/r/{j}\">Related story {j}</a></li>");
            }
            page.push_str("</ul></aside>");
        }
    }
    page.push_str("</div></article><section class=\"most-popular\"><ol>");
    for i in 0..50 {
        let _ = write!(page, "<li><a href=\"/p/{i}\">Popular story {i}</a></li>");
    }
    page.push_str(
        "</ol></section></main><footer><p>&copy; The Bench Courier</p></footer></body></html>",
    );
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_page_reads_as_its_article_alone() {
        let article = article_from_html(&news_page(30), None).unwrap();
        assert_eq!(article.text.matches("Paragraph ").count(), 30);
        for junk in [
            "Advertisement",
            "Section 1",
            "Related story",
            "Popular story",
            "window.__chunk",
        ] {
            assert!(!article.text.contains(junk), "{junk}");
        }
    }
}
