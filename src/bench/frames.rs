//! The frame benchmark: the real [`StanceApp`] on a headless context, scrolled from top to
//! bottom while the pointer hovers over the text, then a drag selection tagged with a hotkey.

use std::collections::HashSet;
use std::time::Duration;

use egui::{Key, Pos2, Rect, TouchPhase};

use super::harness::{FrameDriver, FrameStats, Percentiles, SCREEN_SIZE_PX, input};
use crate::app::StanceApp;
use crate::model::{AnnotationId, Project};

/// How many frames each part of the run takes.
#[derive(Clone, Copy, Debug)]
pub struct Script {
    /// Frames spent scrolling from the top of the article to its bottom.
    pub scroll_frames: usize,
    /// Frames spent dragging a selection (press, moves, release).
    pub drag_frames: usize,
    /// Frames of hovering after the tag, over the new highlight.
    pub hover_frames: usize,
    /// Scroll this far each frame instead of spreading the whole article over the frames.
    pub fixed_step_px: Option<f32>,
}

impl Script {
    /// At least 300 measured frames, as issue 5 asks.
    pub const FULL: Self = Self {
        scroll_frames: 300,
        drag_frames: 8,
        hover_frames: 30,
        fixed_step_px: None,
    };
    /// A smoke run.
    pub const QUICK: Self = Self {
        scroll_frames: 24,
        drag_frames: 4,
        hover_frames: 4,
        fixed_step_px: None,
    };

    /// The same frames, scrolling `step_px` per frame.
    #[must_use]
    pub fn at_speed(self, step_px: f32) -> Self {
        Self {
            fixed_step_px: Some(step_px),
            ..self
        }
    }
}

/// What a run measured.
#[derive(Clone, Debug)]
pub struct FrameRun {
    /// The first frame after the project was opened.
    pub first: Duration,
    /// Every later frame.
    pub frames: Vec<FrameStats>,
    /// Paragraphs the article laid out per frame (first frame excluded), as the widget reports.
    pub laid_out_max: usize,
    /// Paragraphs in the document.
    pub paragraphs: usize,
    /// How far the scroll got: the last visible paragraph at the end of the scroll part.
    pub reached_paragraph: usize,
    /// The text the drag selected, if it selected any.
    pub selected_chars: usize,
    /// Frames from the hotkey press until the new highlight was painted (0 = same frame),
    /// `None` if the tag never appeared.
    pub tag_latency_frames: Option<usize>,
    /// Annotations in the project at the end of the run.
    pub annotations_after: usize,
    /// Mean distance per scroll frame that the scroll events asked for.
    pub scroll_step_px: f32,
    /// Most annotation rows the sidebar drew in one scroll frame.
    pub sidebar_rows_max: usize,
    /// Most link arcs the article placed in one scroll frame (View → Show Links).
    pub links_placed_max: usize,
}

impl FrameRun {
    #[must_use]
    pub fn percentiles(&self) -> Percentiles {
        let times: Vec<Duration> = self.frames.iter().map(|f| f.cpu).collect();
        Percentiles::of(&times)
    }
}

/// Opens `project` in a fresh app on `driver` (whose fonts are already warm) and plays `script`.
///
/// # Errors
/// The app showed no article, or the scripted selection or tag did not happen.
pub fn run_frames(
    driver: &mut FrameDriver,
    project: Project,
    script: Script,
) -> Result<FrameRun, String> {
    run_frames_in(driver, StanceApp::with_project(project), script)
}

/// Like [`run_frames`], with an app set up by the caller (say, with View → Show Links on).
///
/// # Errors
/// As [`run_frames`].
pub fn run_frames_in(
    driver: &mut FrameDriver,
    mut app: StanceApp,
    script: Script,
) -> Result<FrameRun, String> {
    let first = driver.frame(Vec::new(), |ui| app.frame_ui(ui)).cpu;
    let paragraphs = app
        .current_document()
        .and_then(|d| app.project().document(d))
        .map_or(0, |d| d.paragraphs().len());
    if paragraphs == 0 {
        return Err("the app opened no article".to_owned());
    }
    let mut run = FrameRun {
        first,
        frames: Vec::new(),
        laid_out_max: 0,
        paragraphs,
        reached_paragraph: 0,
        selected_chars: 0,
        tag_latency_frames: None,
        annotations_after: 0,
        scroll_step_px: 0.0,
        sidebar_rows_max: 0,
        links_placed_max: 0,
    };
    let area = article_area(&app);
    scroll_through(driver, &mut app, &mut run, area, script);
    drag_select(driver, &mut app, &mut run, area, script.drag_frames)?;
    tag_selection(driver, &mut app, &mut run, area, script.hover_frames)?;
    run.annotations_after = app.project().annotations().len();
    Ok(run)
}

/// Warms the context up (fonts, style) on a small project, as a running app is before the
/// user opens a file.
pub fn warm_up(driver: &mut FrameDriver) {
    let mut app = StanceApp::with_project(crate::app::sample_project());
    for _ in 0..3 {
        driver.frame(Vec::new(), |ui| app.frame_ui(ui));
    }
    // A running app has listed the system's fonts by then (on a background thread): wait for
    // that, and load the right-to-left scripts' fonts (which the first right-to-left word
    // loads), rather than time it in a frame.
    let letters: String = (crate::ui::fonts::RightToLeftScript::ALL.iter())
        .map(|script| script.probe())
        .collect();
    let _found = crate::ui::fonts::ScriptCoverage::for_text(driver.ctx(), &letters);
}

/// The part of the window the article gets: the screen minus the app's panels, whose widths
/// the app keeps in its preferences.
fn article_area(app: &StanceApp) -> Rect {
    // Menu bar and status bar: one line of small text each, with margins.
    const BAR_HEIGHT_PX: f32 = 28.0;
    let prefs = app.preferences();
    let mut area = Rect::from_min_size(Pos2::ZERO, SCREEN_SIZE_PX);
    area.min.y += BAR_HEIGHT_PX;
    area.max.y -= BAR_HEIGHT_PX;
    if prefs.show_sidebar {
        area.max.x -= prefs.sidebar_width_px;
    }
    if prefs.show_document_list && app.project().documents().len() > 1 {
        area.min.x += prefs.document_list_width_px;
    }
    area
}

/// A point on the text column: `fx` across it and `fy` down it, both in 0..=1.
fn text_point(area: Rect, fx: f32, fy: f32) -> Pos2 {
    // The text is centred and narrower than the area; stay inside its middle half.
    let column_width = (area.width() * 0.5).min(420.0);
    let left = area.center().x - column_width / 2.0;
    let top = area.min.y + 90.0;
    Pos2::new(
        left + column_width * fx,
        top + (area.height() - 140.0).max(40.0) * fy,
    )
}

fn scroll_through(
    driver: &mut FrameDriver,
    app: &mut StanceApp,
    run: &mut FrameRun,
    area: Rect,
    script: Script,
) {
    let frames = script.scroll_frames;
    let mut scrolled_px = 0.0f32;
    // egui ignores the delta of a `Start` event, so the gesture starts with a frame of its own.
    let start = vec![input::scroll(0.0, TouchPhase::Start)];
    run.frames.push(driver.frame(start, |ui| app.frame_ui(ui)));
    let viewport_px = area.height();
    for i in 0..frames {
        let remaining_frames = (frames - i) as f32;
        let estimate_px = estimated_height_px(app, run, scrolled_px, viewport_px);
        let step_px = script
            .fixed_step_px
            .unwrap_or_else(|| ((estimate_px - scrolled_px) / remaining_frames).max(1.0));
        scrolled_px += step_px;
        // Hover sweeps across and down the text, so tooltips and hover highlights vary.
        let fx = (i % 17) as f32 / 16.0;
        let fy = (i % 11) as f32 / 10.0;
        let events = vec![
            input::pointer_move(text_point(area, fx, fy)),
            input::scroll(-step_px, TouchPhase::Move),
        ];
        let stats = driver.frame(events, |ui| app.frame_ui(ui));
        run.frames.push(stats);
        let article = app.article_stats();
        run.laid_out_max = run.laid_out_max.max(article.paragraphs_laid_out);
        run.sidebar_rows_max = run.sidebar_rows_max.max(app.sidebar_rows_drawn());
        run.links_placed_max = run.links_placed_max.max(article.links_placed);
        run.reached_paragraph = run.reached_paragraph.max(article.last_painted.unwrap_or(0));
    }
    let frame_count = frames.max(1) as f32;
    run.scroll_step_px = scrolled_px / frame_count;
    let stats = driver.frame(vec![input::scroll(0.0, TouchPhase::End)], |ui| {
        app.frame_ui(ui);
    });
    run.frames.push(stats);
}

/// How far the article can scroll, in pixels, extrapolated from how much text the scroll has
/// passed so far (the article does not report its height).
fn estimated_height_px(app: &StanceApp, run: &FrameRun, scrolled_px: f32, viewport_px: f32) -> f32 {
    let doc = app
        .current_document()
        .and_then(|d| app.project().document(d));
    let passed = app
        .article_stats()
        .first_painted
        .zip(doc)
        .and_then(|(index, doc)| Some((doc.paragraphs().get(index)?.chars.start, doc.len_chars())));
    match passed {
        Some((passed_chars, total_chars)) if scrolled_px > viewport_px && passed_chars > 0 => {
            // The last screenful is shown without scrolling past it.
            (scrolled_px * total_chars as f32 / passed_chars as f32 - viewport_px).max(scrolled_px)
        }
        // Until the scroll has passed some text, guess from the paragraph count.
        _ => run.paragraphs as f32 * 120.0,
    }
}

fn drag_select(
    driver: &mut FrameDriver,
    app: &mut StanceApp,
    run: &mut FrameRun,
    area: Rect,
    frames: usize,
) -> Result<(), String> {
    let from = text_point(area, 0.1, 0.3);
    let to = text_point(area, 0.8, 0.45);
    let steps = frames.max(4);
    for i in 0..steps {
        // A real pointer arrives before it presses: the frame at `from` moves any tooltip.
        let events = if i == 0 {
            vec![input::pointer_move(from)]
        } else if i == 1 {
            vec![input::pointer_button(from, true)]
        } else if i + 1 == steps {
            vec![input::pointer_move(to), input::pointer_button(to, false)]
        } else {
            let t = i as f32 / (steps - 1) as f32;
            vec![input::pointer_move(from.lerp(to, t))]
        };
        run.frames.push(driver.frame(events, |ui| app.frame_ui(ui)));
    }
    // The app takes the selection from the widget's intent; one more frame settles it.
    run.frames
        .push(driver.frame(Vec::new(), |ui| app.frame_ui(ui)));
    let Some(selection) = app.text_selection() else {
        return Err(format!(
            "dragging from {from:?} to {to:?} in {area:?} selected no text (article {:?})",
            app.article_stats()
        ));
    };
    run.selected_chars = selection.len();
    Ok(())
}

fn tag_selection(
    driver: &mut FrameDriver,
    app: &mut StanceApp,
    run: &mut FrameRun,
    area: Rect,
    hover_frames: usize,
) -> Result<(), String> {
    let before: HashSet<AnnotationId> = app.project().annotations().iter().map(|a| a.id).collect();
    let hotkey = app
        .project()
        .schema()
        .tags
        .first()
        .and_then(|t| t.hotkey)
        .unwrap_or('1');
    let key = Key::from_name(&hotkey.to_string()).unwrap_or(Key::Num1);
    let mut events = input::key_press(key, Some(&hotkey.to_string()));
    for frame in 0..=hover_frames {
        run.frames
            .push(driver.frame(std::mem::take(&mut events), |ui| app.frame_ui(ui)));
        if frame == 0 {
            events.push(input::key_release(key));
        }
        if run.tag_latency_frames.is_none() && is_new_highlight_painted(app, &before) {
            run.tag_latency_frames = Some(frame);
        }
        let fx = (frame % 7) as f32 / 6.0;
        events.push(input::pointer_move(text_point(area, fx, 0.35)));
    }
    if run.tag_latency_frames.is_none() {
        return Err(format!(
            "pressing {hotkey:?} after selecting text painted no new annotation \
             ({} new, selection {:?}, article {:?})",
            app.project()
                .annotations()
                .len()
                .saturating_sub(before.len()),
            app.text_selection(),
            app.article_stats()
        ));
    }
    Ok(())
}

/// True if an annotation not in `before` exists and the article painted it in the last frame:
/// the frame drew the project as it is now (so with the new annotation's highlight, as the
/// highlights are rebuilt whenever the project changes) and the annotation's paragraph was
/// on screen.
fn is_new_highlight_painted(app: &StanceApp, before: &HashSet<AnnotationId>) -> bool {
    let project = app.project();
    let Some(new) = project
        .annotations()
        .iter()
        .find(|a| !before.contains(&a.id))
    else {
        return false;
    };
    let Some(doc) = project.document(new.document) else {
        return false;
    };
    let stats = app.article_stats();
    let (Some(first), Some(last)) = (stats.first_painted, stats.last_painted) else {
        return false;
    };
    let paragraph = doc.paragraph_at(new.extent().start);
    Some(new.document) == app.current_document()
        && stats.project_revision == project.revision()
        && (first..=last).contains(&paragraph)
}
