//! Algorithmic properties of the article view, without timing anything: the work of a frame
//! follows what is visible, not the document's length or its number of annotations.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use egui::TouchPhase;
use stance::bench::data::{LongArticleSpec, long_article_project};
use stance::bench::harness::{FrameDriver, input};
use stance::model::{Project, Span};
use stance::ui::article::{ArticleInput, ArticleStats, ArticleView};

/// At 1280×800 no more paragraphs than this can be on screen: even a one-line paragraph is
/// taller than 20 px. Laying out a whole document would exceed it by far.
const MAX_PARAGRAPHS_ON_SCREEN: usize = 40;

fn project(text_bytes: usize, annotations: usize) -> Project {
    long_article_project(LongArticleSpec {
        text_bytes,
        annotations,
        actors: 20,
    })
    .unwrap()
}

/// Scrolls the article view by `step_px` per frame and returns each frame's statistics.
fn scroll(project: &Project, frames: usize, step_px: f32) -> Vec<ArticleStats> {
    let doc = project.documents()[0].id;
    let mut view = ArticleView::default();
    let mut driver = FrameDriver::new();
    let input_state = ArticleInput::default();
    let mut stats = Vec::new();
    for i in 0..frames {
        let mut events = vec![input::pointer_move(egui::pos2(
            600.0,
            300.0 + (i % 9) as f32 * 40.0,
        ))];
        if i > 0 {
            let phase = if i == 1 {
                TouchPhase::Start
            } else {
                TouchPhase::Move
            };
            events.push(input::scroll(-step_px, phase));
        }
        driver.frame(events, |ui| {
            let _response = view.ui(ui, project, doc, &input_state);
        });
        stats.push(view.last_stats());
    }
    stats
}

/// Annotation ranges overlapping each painted paragraph, counted by brute force.
fn ranges_on_painted(project: &Project, stats: &ArticleStats) -> usize {
    let (Some(first), Some(last)) = (stats.first_painted, stats.last_painted) else {
        return 0;
    };
    let paragraphs = project.documents()[0].paragraphs();
    (first..=last)
        .map(|p| {
            let chars: Span = paragraphs[p].chars;
            project
                .annotations()
                .iter()
                .flat_map(|a| a.ranges.iter())
                .filter(|r| r.overlaps(&chars))
                .count()
        })
        .sum()
}

#[test]
fn paragraphs_laid_out_per_frame_are_bounded_by_the_viewport() {
    let project = project(200_000, 1_000);
    let paragraphs = project.documents()[0].paragraphs().len();
    assert!(paragraphs > 5 * MAX_PARAGRAPHS_ON_SCREEN, "{paragraphs}");
    let stats = scroll(&project, 40, 700.0);
    for (frame, s) in stats.iter().enumerate() {
        assert!(s.paragraphs_painted > 0, "frame {frame} painted nothing");
        assert!(
            s.paragraphs_painted <= MAX_PARAGRAPHS_ON_SCREEN,
            "frame {frame} painted {}",
            s.paragraphs_painted
        );
        assert!(
            s.paragraphs_laid_out <= MAX_PARAGRAPHS_ON_SCREEN,
            "frame {frame} laid out {} of {paragraphs}",
            s.paragraphs_laid_out
        );
        assert!(
            s.paragraphs_cached < paragraphs,
            "frame {frame} cached everything"
        );
    }
    // The scroll really moved through the document, so later frames laid out new text.
    let last = stats.last().unwrap().first_painted.unwrap();
    assert!(
        last > 2 * MAX_PARAGRAPHS_ON_SCREEN,
        "reached paragraph {last}"
    );
}

#[test]
fn frame_work_does_not_grow_with_the_document() {
    let short = scroll(&project(60_000, 300), 24, 500.0);
    let long = scroll(&project(240_000, 1_200), 24, 500.0);
    let most =
        |runs: &[ArticleStats], f: fn(&ArticleStats) -> usize| runs.iter().map(f).max().unwrap();
    let laid_out = |s: &ArticleStats| s.paragraphs_laid_out;
    let painted = |s: &ArticleStats| s.paragraphs_painted;
    let highlights = |s: &ArticleStats| s.highlight_ranges_built;
    // Same scroll, four times the text and annotations: about the same work per frame.
    assert!(most(&long, laid_out) <= most(&short, laid_out) + 4);
    assert!(most(&long, painted) <= most(&short, painted) + 4);
    assert!(most(&long, highlights) <= 2 * most(&short, highlights) + 20);
}

#[test]
fn highlights_are_built_only_for_annotations_on_screen() {
    let project = project(120_000, 3_000);
    let stats = scroll(&project, 20, 600.0);
    let mut built_total = 0;
    for (frame, s) in stats.iter().enumerate() {
        let on_screen = ranges_on_painted(&project, s);
        assert!(
            s.highlight_ranges_built <= on_screen,
            "frame {frame}: built {} highlight ranges, {on_screen} on screen of {}",
            s.highlight_ranges_built,
            project.annotations().len()
        );
        built_total += s.highlight_ranges_built;
    }
    // The first frame builds every visible paragraph's highlights: exactly those on screen.
    assert_eq!(
        stats[0].highlight_ranges_built,
        ranges_on_painted(&project, &stats[0])
    );
    assert!(built_total > 0);
}

/// A right-to-left paragraph of several lines takes two layouts (one on a single line to
/// measure its words, one of its reordered lines) only while its words are new: the article
/// keeps what it measured, so once the words of an Arabic article have been seen, each
/// paragraph takes one layout, as an English one does.
#[test]
fn right_to_left_paragraphs_take_one_layout_once_their_words_are_known() {
    let spec = LongArticleSpec {
        text_bytes: 200_000,
        annotations: 100,
        actors: 20,
    };
    let project = stance::bench::arabic::arabic_article_project(spec).unwrap();
    let stats = scroll(&project, 120, 300.0);
    let (first, rest) = stats.split_at(stats.len() / 2);
    let laid_out = |s: &[ArticleStats]| s.iter().map(|s| s.paragraphs_laid_out).sum::<usize>();
    let layouts = |s: &[ArticleStats]| s.iter().map(|s| s.text_layouts).sum::<usize>();
    // The first screens measure the vocabulary: paragraphs take two layouts there.
    assert!(layouts(first) > laid_out(first));
    assert!(
        laid_out(rest) > 40,
        "scrolled past {} paragraphs",
        laid_out(rest)
    );
    // Generated text repeats a small vocabulary, but rare tokens still turn up late, and which
    // paragraphs fall in the second half moves with every change to where lines break (5 of
    // 83 took two layouts once rows with a tanween were measured right). News text repeats
    // most of its words.
    assert!(
        layouts(rest) * 100 <= laid_out(rest) * 110,
        "{} layouts for {} paragraphs",
        layouts(rest),
        laid_out(rest)
    );
}
