use super::*;

/// A page of lines set at `(x, y, size, text)`: each letter half an em wide, a space a
/// quarter of an em of empty room (no space glyph, as many PDF writers do it).
fn page(lines: &[(f64, f64, f64, &str)]) -> PageText {
    let mut glyphs = Vec::new();
    for &(x, y, size, text) in lines {
        let mut at = x;
        for c in text.chars() {
            if c == ' ' {
                at += 0.3 * size;
                continue;
            }
            glyphs.push(PageGlyph {
                text: c.to_string(),
                x0: at + 0.02 * size,
                x1: at + 0.48 * size,
                y,
                size,
            });
            at += 0.5 * size;
        }
    }
    PageText {
        glyphs,
        unmapped: 0,
        height: 800.0,
    }
}

/// A body line at the left margin.
fn body(y: f64, text: &str) -> (f64, f64, f64, &str) {
    (72.0, y, 10.0, text)
}

#[test]
fn words_lines_and_paragraphs_come_from_the_layout() {
    let pages = [page(&[
        (72.0, 80.0, 20.0, "Ceasefire Talks"),
        body(120.0, "The envoys met on Tuesday to discuss the"),
        body(132.0, "truce. They agreed on a timetable."),
        body(150.0, "A second paragraph starts after extra space"),
        body(162.0, "and goes on here."),
        (90.0, 174.0, 10.0, "An indented line starts a third one"),
        body(186.0, "which ends here."),
    ])];
    let laid = lay_out(&pages);
    assert_eq!(
        laid.text,
        "Ceasefire Talks\n\n\
         The envoys met on Tuesday to discuss the truce. They agreed on a timetable.\n\n\
         A second paragraph starts after extra space and goes on here.\n\n\
         An indented line starts a third one which ends here."
    );
    assert_eq!(laid.heading.as_deref(), Some("Ceasefire Talks"));
}

#[test]
fn hyphenated_words_join_and_real_hyphens_stay() {
    let pages = [page(&[
        body(100.0, "The long and difficult negoti-"),
        body(112.0, "ations resumed after the anti-"),
        body(124.0, "American protests of the 2015-"),
        body(136.0, "2016 season ended at last today."),
    ])];
    assert_eq!(
        lay_out(&pages).text,
        "The long and difficult negotiations resumed after the anti-American protests of the 2015-2016 season ended at last today."
    );
}

#[test]
fn running_heads_feet_and_page_numbers_are_dropped() {
    let pages: Vec<PageText> = (1..=3)
        .map(|n| {
            let number = n.to_string();
            let foot = format!("Page {n} of 3");
            let text = format!("Paragraph of page {n} runs to the margin of the page");
            let lines = [
                (72.0, 40.0, 8.0, "Valley Council — Briefing Note"),
                body(100.0, &text),
                body(112.0, "and ends here."),
                (72.0, 760.0, 8.0, foot.as_str()),
                (300.0, 775.0, 8.0, number.as_str()),
            ];
            page(&lines)
        })
        .collect();
    let text = lay_out(&pages).text;
    assert!(!text.contains("Briefing Note"), "{text}");
    assert!(!text.contains("Page"), "{text}");
    assert_eq!(text.matches("ends here.").count(), 3, "{text}");
    assert!(
        !text.lines().any(|l| l.trim().parse::<u32>().is_ok()),
        "{text}"
    );
}

#[test]
fn a_paragraph_runs_on_across_a_page_break() {
    let pages = [
        page(&[
            body(100.0, "A sentence that is cut by the end of the"),
            body(112.0, "page goes on until the very end of the"),
        ]),
        page(&[body(100.0, "next page, where it ends.")]),
    ];
    assert_eq!(
        lay_out(&pages).text,
        "A sentence that is cut by the end of the page goes on until the very end of the next page, where it ends."
    );
}

#[test]
fn no_glyphs_no_text() {
    assert_eq!(lay_out(&[]), LaidOut::default());
    assert_eq!(lay_out(&[page(&[])]), LaidOut::default());
}
