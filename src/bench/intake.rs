//! Intake figures: a 300-page text PDF and a Nexis export of 500 articles, generated here and
//! read through the import pipeline's reader (the work the app does off the UI thread).

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use super::figure::Figure;
use super::rng::Rng;
use crate::io::import::read_article_file;

const WORDS: &[&str] = &[
    "the",
    "envoys",
    "agreed",
    "talks",
    "ceasefire",
    "withdrawal",
    "council",
    "delegation",
    "said",
    "on",
    "Tuesday",
    "proposal",
    "border",
    "crossing",
    "prisoner",
    "exchange",
    "would",
    "resume",
    "in",
    "Geneva",
    "officials",
    "northern",
    "southern",
    "side",
    "offered",
    "terms",
    "negotiations",
    "artillery",
    "within",
    "days",
    "observers",
    "report",
    "weeks",
    "and",
    "of",
];

/// Measures reading a long PDF and a large Nexis export; `quick` makes them small.
///
/// # Errors
/// Writing a generated file or reading it back failed.
pub fn intake_figures(
    quick: bool,
    dir: &Path,
    record: &mut dyn FnMut(Figure),
) -> Result<(), String> {
    let mut rng = Rng::new(19);
    let pages = if quick { 30 } else { 300 };
    let pdf = dir.join("report.pdf");
    std::fs::write(&pdf, text_pdf(&mut rng, pages)).map_err(|e| format!("intake: {e}"))?;
    let started = Instant::now();
    let mut pages_seen = 0;
    let read = read_article_file(&pdf, &mut |done, _| pages_seen = done)
        .map_err(|e| format!("intake: {e}"))?;
    record(Figure::ms(
        format!("intake.pdf_{pages}_pages"),
        started.elapsed(),
    ));
    record(Figure::count("intake.pdf_pages_read", pages_seen));
    let chars = read.articles.iter().map(|a| a.text.chars().count()).sum();
    record(Figure::count("intake.pdf_chars", chars));

    let articles = if quick { 50 } else { 500 };
    let nexis = dir.join("nexis.txt");
    std::fs::write(&nexis, nexis_export(&mut rng, articles)).map_err(|e| format!("intake: {e}"))?;
    let started = Instant::now();
    let read = read_article_file(&nexis, &mut |_, _| {}).map_err(|e| format!("intake: {e}"))?;
    record(Figure::ms(
        format!("intake.nexis_{articles}_articles"),
        started.elapsed(),
    ));
    record(Figure::count(
        "intake.nexis_articles_read",
        read.articles.len(),
    ));
    Ok(())
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(rng.pick::<&str>(WORDS));
    }
    out
}

/// A PDF of `pages` pages set in Helvetica (a standard font, not embedded, as many office
/// exports do): a running head, 46 lines of body text in paragraphs, and a page number.
#[must_use]
pub fn text_pdf(rng: &mut Rng, pages: usize) -> Vec<u8> {
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        String::new(), // the page tree, once the pages are known
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
            .to_owned(),
    ];
    let mut kids = Vec::new();
    for page in 1..=pages {
        let mut content = String::from(
            "BT /F1 8 Tf 72 800 Td (Valley Council Research - Quarterly Report) Tj ET\n",
        );
        let mut y = 760;
        if page == 1 {
            content.push_str("BT /F2 18 Tf 72 770 Td (Where the Valley Talks Stand) Tj ET\n");
            y = 730;
        }
        for line in 0..46 {
            let indent = if line % 8 == 0 { 87 } else { 72 };
            let text = sentence(rng, 13);
            let _ = writeln!(content, "BT /F1 10 Tf {indent} {y} Td ({text}) Tj ET");
            y -= 14;
            if y < 80 {
                break;
            }
        }
        let _ = writeln!(content, "BT /F1 8 Tf 300 40 Td ({page}) Tj ET");
        let content_id = objects.len() + 2;
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {content_id} 0 R >>"
        ));
        kids.push(format!("{} 0 R", objects.len()));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
    }
    objects[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {pages} >>",
        kids.join(" ")
    );
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{object}\nendobj\n", index + 1).into_bytes());
    }
    let xref_at = out.len();
    let mut xref = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        let _ = writeln!(xref, "{offset:010} 00000 n ");
    }
    let _ = write!(
        xref,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend(xref.into_bytes());
    out
}

/// A classic LexisNexis export of `articles` articles of about 500 words.
#[must_use]
pub fn nexis_export(rng: &mut Rng, articles: usize) -> String {
    let mut out = String::new();
    for n in 1..=articles {
        let day = 1 + n % 28;
        let _ = write!(
            out,
            "\n\n                               {n} of {articles} DOCUMENTS\n\n\n                           The Geneva Ledger\n\n                       September {day}, 2016\n\n{}\n\nBYLINE: By JANE ROE\n\nSECTION: Section A; Pg. {n}\n\nLENGTH: 500 words\n\n",
            sentence(rng, 7)
        );
        for _ in 0..20 {
            let _ = writeln!(out, "{}.\n", sentence(rng, 25));
        }
        out.push_str(
            "LOAD-DATE: September 30, 2016\n\nLANGUAGE: ENGLISH\n\nPUBLICATION-TYPE: Newspaper\n",
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_files_read_back_whole() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut figures = Vec::new();
        intake_figures(true, dir.path(), &mut |f| figures.push(f.to_string()))
            .unwrap_or_else(|e| panic!("{e}"));
        let joined = figures.join("\n");
        assert!(joined.contains("intake.pdf_pages_read: 30"), "{joined}");
        assert!(
            joined.contains("intake.nexis_articles_read: 50"),
            "{joined}"
        );
    }
}
