//! The whole `stance bench` run: datasets (c), (a), (b) in that order, each figure reported as
//! soon as it is measured.

use std::path::Path;
use std::time::{Duration, Instant};

use super::data::{self, LongArticleSpec, ManyArticlesSpec};
use super::figure::{Figure, Unit};
use super::files::{ScratchDir, measure_files, write_fixture};
use super::frames::{FrameRun, Script, run_frames, warm_up};
use super::harness::{FrameDriver, Percentiles};
use super::rss;
use crate::app::StanceApp;
use crate::model::Project;

/// What to run.
#[derive(Clone, Debug, Default)]
pub struct BenchOptions {
    /// Fewer frames and rounds: a smoke test of the whole pipeline, not a measurement.
    pub quick: bool,
    /// Only the figures whose name starts with this (`b.frame`, `corpus.load`, `analysis.`):
    /// the parts of the run that measure none of them are skipped, so one case can be
    /// measured again in seconds. `None` runs everything.
    pub only: Option<String>,
}

impl BenchOptions {
    fn file_rounds(&self) -> usize {
        if self.quick { 1 } else { 5 }
    }

    fn script(&self) -> Script {
        if self.quick {
            Script::QUICK
        } else {
            Script::FULL
        }
    }

    /// True if a figure of this name is reported.
    #[must_use]
    pub fn reports(&self, name: &str) -> bool {
        self.only
            .as_deref()
            .is_none_or(|only| name.starts_with(only))
    }

    /// True if the part of the run whose figures are named `prefixes…` must run: it reports
    /// one of them, or a figure `--only` asks for may start with one.
    #[must_use]
    pub fn runs(&self, prefixes: &[&str]) -> bool {
        self.only.as_deref().is_none_or(|only| {
            prefixes
                .iter()
                .any(|p| p.starts_with(only) || only.starts_with(p))
        })
    }
}

/// Annotations on the reference article in dataset (a).
const REFERENCE_ANNOTATIONS: usize = 50;

/// How long a background save may take before the bench gives up waiting for it.
const SAVE_TIMEOUT: Duration = Duration::from_secs(30);

/// The figures of each part of the run, for `--only`: (a)'s frames…
const A_FIGURES: &[&str] = &[
    "a.",
    "ratio.p95.sweep.b_over_a",
    "ratio.p95.b_over_a",
    "tag.latency",
];
/// …(b)'s frames (compared with (a)'s)…
const B_FIGURES: &[&str] = &[
    "b.",
    "ratio.p95.sweep.b_over_a",
    "ratio.p95.b_over_a",
    "tag.latency",
];
/// …and (b, Arabic)'s (compared with (b)'s).
const B_AR_FIGURES: &[&str] = &[
    "b_ar.",
    "ratio.p95.sweep.b_ar_over_b",
    "ratio.p95.b_ar_over_b",
];

/// Runs every measurement (or those `options.only` asks for), passing each figure to
/// `record` as soon as it is known.
///
/// # Errors
/// Generating data, saving, loading or a scripted interaction failed; the message says which.
pub fn run_bench(options: &BenchOptions, record: &mut dyn FnMut(Figure)) -> Result<(), String> {
    let record = &mut |figure: Figure| {
        if options.reports(&figure.name) {
            record(figure);
        }
    };
    let dir = ScratchDir::new().map_err(|e| format!("scratch directory: {e}"))?;
    // (c) runs first, so its peak memory is not inflated by what the frame runs leave behind.
    if options.runs(&["c."]) {
        many_articles(options, dir.path(), record)?;
    }
    if options.runs(&["corpus."]) {
        super::corpus_search::corpus_figures(options.quick, dir.path(), record)?;
    }
    if options.runs(&["intake."]) {
        super::intake::intake_figures(options.quick, dir.path(), record)?;
    }
    // (b, Arabic) is compared with (b), and (b) with (a).
    let runs_arabic = options.runs(B_AR_FIGURES);
    let runs_b = runs_arabic || options.runs(B_FIGURES);
    let runs_attribution = options.runs(&["attribution."]);
    let a = if runs_b || options.runs(A_FIGURES) {
        let reference =
            data::reference_project(REFERENCE_ANNOTATIONS).map_err(|e| format!("(a): {e}"))?;
        let a = run_frames(&mut warm_driver(), reference, options.script())
            .map_err(|e| format!("(a): {e}"))?;
        record_frames("a", &a, record);
        Some(a)
    } else {
        None
    };
    if runs_b || runs_attribution {
        let started = Instant::now();
        let long =
            data::long_article_project(LongArticleSpec::FULL).map_err(|e| format!("(b): {e}"))?;
        record(Figure::ms("b.generate", started.elapsed()));
        record(Figure::mb(
            "b.text",
            bytes(long.documents().iter().map(|d| d.text.len()).sum()),
        ));
        record(Figure::count("b.annotations", long.annotations().len()));
        if runs_attribution {
            let started = Instant::now();
            let suggestions: usize = (long.documents().iter())
                .map(|d| crate::attribution::analyse(d, long.actors()).len())
                .sum();
            record(Figure::ms("attribution.analyse", started.elapsed()));
            record(Figure::count("attribution.suggestions", suggestions));
        }
        record(Figure::count("b.actors", long.actors().len()));
        if let (true, Some(a)) = (runs_b, &a) {
            long_article_frames(options, a, &long, runs_arabic, record)?;
            let save_frame = save_frame(&mut warm_driver(), long, &dir.path().join("bench-b.ron"))?;
            record(Figure::ms("b.save.ui_frame", save_frame));
        }
    }
    if options.runs(&["b_links."]) {
        super::links::links_figures(&mut warm_driver(), options.script(), record)?;
    }
    if options.runs(&["merge."]) {
        super::merge::merge_figures(options.quick, record)?;
    }
    if options.runs(&["analysis."]) {
        super::analysis::analysis_figures(options.quick, record)?;
    }
    if options.runs(&["web."]) {
        super::web::web_figures(options.quick, record)?;
    }

    if let Some(peak) = rss::peak_rss_bytes() {
        record(Figure::mb("bench.peak_rss", peak));
    }
    Ok(())
}

/// (b)'s frame runs, swept and at (a)'s speed, compared with (a)'s; then (b, Arabic)'s if
/// `runs_arabic`.
fn long_article_frames(
    options: &BenchOptions,
    a: &FrameRun,
    long: &Project,
    runs_arabic: bool,
    record: &mut dyn FnMut(Figure),
) -> Result<(), String> {
    let b = run_frames(&mut warm_driver(), long.clone(), options.script())
        .map_err(|e| format!("(b): {e}"))?;
    record_frames("b", &b, record);
    // Both swept top to bottom in the same number of frames: (b) then shows a whole screen of
    // never-seen text every frame, so this ratio measures scroll speed, not document size.
    record(Figure::new(
        "ratio.p95.sweep.b_over_a",
        b.percentiles().p95_ms / a.percentiles().p95_ms.max(1e-6),
        Unit::Ratio,
    ));
    // The target's ratio: (b) scrolled at (a)'s speed, as much new text per frame as (a), so
    // whatever difference is left is the cost of the document's size.
    let a_speed_px = a.scroll_step_px;
    let slow = run_frames(
        &mut warm_driver(),
        long.clone(),
        options.script().at_speed(a_speed_px),
    )
    .map_err(|e| format!("(b) at (a)'s speed: {e}"))?;
    let slow_p95 = slow.percentiles().p95_ms;
    record(Figure::new("b.same_speed.frame.p95", slow_p95, Unit::Ms));
    record(Figure::new(
        "ratio.p95.b_over_a",
        slow_p95 / a.percentiles().p95_ms.max(1e-6),
        Unit::Ratio,
    ));
    // Both runs fail unless their tag showed, so both latencies exist.
    let latency = [
        a.tag_latency_frames,
        b.tag_latency_frames,
        slow.tag_latency_frames,
    ]
    .into_iter()
    .map(|l| l.unwrap_or(usize::MAX))
    .max()
    .unwrap_or(usize::MAX);
    record(Figure::count("tag.latency", latency).with_unit(Unit::Frames));
    if runs_arabic {
        arabic_figures(options, &b, (a_speed_px, slow_p95), record)?;
    }
    Ok(())
}

/// Dataset (b) in Arabic: every paragraph goes through the bidi layout. Its figures are
/// comparable with (b)'s: the same frames, the same speeds, as many characters.
fn arabic_figures(
    options: &BenchOptions,
    b: &FrameRun,
    (a_speed_px, b_same_speed_p95_ms): (f32, f64),
    record: &mut dyn FnMut(Figure),
) -> Result<(), String> {
    let arabic = super::arabic::arabic_article_project(LongArticleSpec::FULL)
        .map_err(|e| format!("(b, Arabic): {e}"))?;
    record(Figure::mb(
        "b_ar.text",
        bytes(arabic.documents().iter().map(|d| d.text.len()).sum()),
    ));
    let mut driver = warm_driver();
    // Measured with boxes instead of letters if the machine has no Arabic font: say so.
    let texts: Vec<&str> = arabic.documents().iter().map(|d| d.text.as_str()).collect();
    record(Figure::count(
        "b_ar.scripts_without_font",
        crate::ui::fonts::missing_scripts(driver.ctx(), &texts).len(),
    ));
    let run = run_frames(&mut driver, arabic.clone(), options.script())
        .map_err(|e| format!("(b, Arabic): {e}"))?;
    record_frames("b_ar", &run, record);
    record(Figure::new(
        "ratio.p95.sweep.b_ar_over_b",
        run.percentiles().p95_ms / b.percentiles().p95_ms.max(1e-6),
        Unit::Ratio,
    ));
    let arabic_paragraphs: Vec<String> = (arabic.documents().iter())
        .flat_map(|d| {
            (d.paragraphs().iter().take(60))
                .filter_map(move |p| d.text.get(p.bytes_start..p.bytes_end))
                .map(str::to_owned)
        })
        .collect();
    let slow = run_frames(
        &mut warm_driver(),
        arabic,
        options.script().at_speed(a_speed_px),
    )
    .map_err(|e| format!("(b, Arabic) at (a)'s speed: {e}"))?;
    let slow_p95 = slow.percentiles().p95_ms;
    record(Figure::new("b_ar.same_speed.frame.p95", slow_p95, Unit::Ms));
    record(Figure::new(
        "ratio.p95.b_ar_over_b",
        slow_p95 / b_same_speed_p95_ms.max(1e-6),
        Unit::Ratio,
    ));
    record(Figure::count("b_ar.laid_out.max", run.laid_out_max));
    let work = layout_work(&warm_driver(), &arabic_paragraphs);
    record(Figure::new(
        "b_ar.sections_per_word",
        work.sections as f64 / work.words.max(1) as f64,
        Unit::Ratio,
    ));
    record(Figure::new(
        "b_ar.layouts_per_paragraph",
        work.layouts as f64 / arabic_paragraphs.len().max(1) as f64,
        Unit::Ratio,
    ));
    record(Figure::ms(
        "b_ar.long_paragraph.layout",
        long_paragraph_layout(&warm_driver(), &arabic_paragraphs),
    ));
    Ok(())
}

/// The chars of [`long_paragraph_layout`]'s paragraph: a pasted text or a PDF's page with no
/// line break in it.
const LONG_PARAGRAPH_CHARS: usize = 64_000;

/// How long one paragraph of [`LONG_PARAGRAPH_CHARS`] Arabic chars (`paragraphs` joined by
/// spaces, over and over) takes to lay out, about 800 lines: the cost of cutting a
/// paragraph into lines must follow its lines, not its lines times its length.
fn long_paragraph_layout(driver: &FrameDriver, paragraphs: &[String]) -> Duration {
    let once = paragraphs.join(" ");
    let repeats = LONG_PARAGRAPH_CHARS.div_ceil(once.chars().count().max(1));
    let text: String = (vec![once; repeats].join(" ").chars())
        .take(LONG_PARAGRAPH_CHARS)
        .collect();
    let format = egui::TextFormat::simple(egui::FontId::proportional(16.0), egui::Color32::WHITE);
    let started = Instant::now();
    let _laid_out =
        crate::ui::article::text_map::ParagraphText::layout(driver.ctx(), &text, &format, 600.0);
    started.elapsed()
}

/// A fresh context, warmed up: each run starts at the top of its document, with no scroll
/// state or layouts left from an earlier run of the same document.
fn warm_driver() -> FrameDriver {
    let mut driver = FrameDriver::new();
    warm_up(&mut driver);
    driver
}

fn record_frames(name: &str, run: &FrameRun, record: &mut dyn FnMut(Figure)) {
    let p = run.percentiles();
    record(Figure::count(format!("{name}.paragraphs"), run.paragraphs));
    record(Figure::ms(format!("{name}.frame.first"), run.first));
    record(Figure::new(
        format!("{name}.frame.median"),
        p.median_ms,
        Unit::Ms,
    ));
    record(Figure::new(format!("{name}.frame.p95"), p.p95_ms, Unit::Ms));
    record(Figure::new(format!("{name}.frame.max"), p.max_ms, Unit::Ms));
    // How much of a frame is egui turning shapes into meshes rather than the app's own work.
    let tessellate: Vec<Duration> = run.frames.iter().map(|f| f.tessellate).collect();
    record(Figure::new(
        format!("{name}.frame.tessellate.p95"),
        Percentiles::of(&tessellate).p95_ms,
        Unit::Ms,
    ));
    record(Figure::count(format!("{name}.frames"), run.frames.len()));
    record(Figure::new(
        format!("{name}.scroll_per_frame"),
        f64::from(run.scroll_step_px),
        Unit::Px,
    ));
    record(Figure::count(
        format!("{name}.laid_out.max"),
        run.laid_out_max,
    ));
    record(Figure::count(
        format!("{name}.sidebar_rows.max"),
        run.sidebar_rows_max,
    ));
    record(Figure::count(
        format!("{name}.scrolled_to_paragraph"),
        run.reached_paragraph,
    ));
    if let Some(latency) = run.tag_latency_frames {
        record(Figure::count(format!("{name}.tag.latency"), latency).with_unit(Unit::Frames));
    }
}

fn many_articles(
    options: &BenchOptions,
    dir: &Path,
    record: &mut dyn FnMut(Figure),
) -> Result<(), String> {
    let started = Instant::now();
    let project =
        data::many_articles_project(ManyArticlesSpec::FULL).map_err(|e| format!("(c): {e}"))?;
    record(Figure::ms("c.generate", started.elapsed()));
    record(Figure::count("c.documents", project.documents().len()));
    record(Figure::mb(
        "c.text",
        bytes(project.documents().iter().map(|d| d.text.len()).sum()),
    ));
    record(Figure::count("c.annotations", project.annotations().len()));
    let path = dir.join("bench-c.ron");
    write_fixture(&project, &path)?;
    drop(project);

    // From here on the process holds what an analyst's session on (c) holds.
    let peak_is_own = rss::reset_peak_rss();
    let (figures, project) = measure_files(&path, options.file_rounds())?;
    record(Figure::mb("c.file", bytes(figures.file_bytes)));
    record(Figure::ms("c.load", figures.load));
    record(Figure::ms("c.load.bare_parse", figures.bare_parse));
    record(Figure::new(
        "c.load.ratio",
        figures.load_ratio(),
        Unit::Ratio,
    ));
    record(Figure::ms("c.save", figures.save));
    record(Figure::ms("c.save.bare_serialise", figures.bare_serialise));
    record(Figure::new(
        "c.save.ratio",
        figures.save_ratio(),
        Unit::Ratio,
    ));
    record(Figure::ms("c.save.snapshot", figures.snapshot));

    let mut driver = warm_driver();
    let mut app = StanceApp::with_project(project);
    let first = driver.frame(Vec::new(), |ui| app.frame_ui(ui)).cpu;
    record(Figure::ms("c.frame.first", first));
    // Idle frames with the pointer over the article: the cost of a big project at rest.
    let idle: Vec<Duration> = (0..60)
        .map(|i| {
            let pos = egui::pos2(450.0, 200.0 + (i % 10) as f32 * 40.0);
            let events = vec![super::harness::input::pointer_move(pos)];
            driver.frame(events, |ui| app.frame_ui(ui)).cpu
        })
        .collect();
    let idle = super::harness::Percentiles::of(&idle);
    record(Figure::new("c.frame.median", idle.median_ms, Unit::Ms));
    record(Figure::new("c.frame.max", idle.max_ms, Unit::Ms));
    let (ui_frame, slowest) = save_in_app(&mut driver, &mut app, &path)?;
    record(Figure::ms("c.save.ui_frame", ui_frame));
    record(Figure::ms("c.save.slowest_frame_while_saving", slowest));
    if peak_is_own && let Some(peak) = rss::peak_rss_bytes() {
        record(Figure::mb("c.peak_rss", peak));
    }
    // Recovery on: the worker's mirror is a second copy of the project.
    let snapshot = super::snapshot::snapshot_frames(&mut driver, app, &dir.join("recovery"))?;
    record(Figure::ms(
        "c.edit_frame.without_recovery",
        snapshot.edit_frame_without_recovery,
    ));
    record(Figure::ms("c.snapshot.edit_frame", snapshot.edit_frame));
    record(Figure::ms("c.snapshot.frame.max", snapshot.max_frame));
    record(Figure::count("c.snapshot.frames", snapshot.frames));
    record(Figure::ms("c.snapshot.write", snapshot.write));
    if peak_is_own && let Some(peak) = rss::peak_rss_bytes() {
        record(Figure::mb("c.peak_rss.with_recovery", peak));
    }
    Ok(())
}

/// Opens `project` and saves it to `path` from the app; returns the frame time of the frame
/// that started the save.
fn save_frame(driver: &mut FrameDriver, project: Project, path: &Path) -> Result<Duration, String> {
    let mut app = StanceApp::with_project(project);
    for _ in 0..3 {
        driver.frame(Vec::new(), |ui| app.frame_ui(ui));
    }
    save_in_app(driver, &mut app, path).map(|(frame, _)| frame)
}

/// Saves from inside a frame, as Ctrl+S does, then runs frames until the save has finished.
/// Returns the saving frame's time and the slowest frame while the save ran.
fn save_in_app(
    driver: &mut FrameDriver,
    app: &mut StanceApp,
    path: &Path,
) -> Result<(Duration, Duration), String> {
    let frame = driver
        .frame(Vec::new(), |ui| {
            let ctx = ui.ctx().clone();
            app.save_to(&ctx, path);
            app.frame_ui(ui);
        })
        .cpu;
    let started = Instant::now();
    let mut slowest = Duration::ZERO;
    // The app records the path once the save has finished.
    while app.path() != Some(path) {
        if app.current_error().is_some() {
            return Err(format!("{}: the app could not save", path.display()));
        }
        if started.elapsed() > SAVE_TIMEOUT {
            return Err(format!("{}: the save did not finish", path.display()));
        }
        std::thread::sleep(Duration::from_millis(5));
        slowest = slowest.max(driver.frame(Vec::new(), |ui| app.frame_ui(ui)).cpu);
    }
    Ok((frame, slowest))
}

fn bytes(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// The work of laying out paragraphs as the article lays them out.
struct LayoutWork {
    /// egui sections, each one shaping call or more: what joining right-to-left phrases saves.
    sections: usize,
    words: usize,
    /// egui layouts: 2 for a paragraph of several lines whose words are new, more if a row's
    /// glyphs could not be read in one pass and its pieces were laid out again.
    layouts: usize,
}

/// Lays out `paragraphs` once each, with no widths remembered, and counts the work.
fn layout_work(driver: &FrameDriver, paragraphs: &[String]) -> LayoutWork {
    let ctx = driver.ctx();
    let format = egui::TextFormat::simple(egui::FontId::proportional(16.0), egui::Color32::WHITE);
    let mut work = LayoutWork {
        sections: 0,
        words: 0,
        layouts: 0,
    };
    for text in paragraphs {
        let laid_out =
            crate::ui::article::text_map::ParagraphText::layout(ctx, text, &format, 600.0);
        work.sections += laid_out.galley().job.sections.len();
        work.words += text.split_whitespace().count();
        work.layouts += laid_out.layout_passes();
    }
    work
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_runs_the_parts_that_measure_the_figures_asked_for() {
        let only = |prefix: &str| BenchOptions {
            quick: true,
            only: Some(prefix.to_owned()),
        };
        let all = BenchOptions::default();
        assert!(all.runs(&["c."]) && all.reports("anything"));
        // A prefix of a part's figures, or a figure inside a part.
        assert!(only("corpus.load").runs(&["corpus."]));
        assert!(only("corpus").runs(&["corpus."]));
        assert!(!only("corpus.load").runs(&["c."]));
        assert!(!only("analysis.").runs(B_FIGURES));
        // (b, Arabic)'s ratios need (b)'s and (a)'s runs: they run, their figures are not shown.
        assert!(only("ratio.p95.b_ar").runs(B_AR_FIGURES));
        assert!(only("b_ar.frame").runs(B_AR_FIGURES));
        assert!(!only("b_ar.frame").runs(A_FIGURES));
        assert!(only("b.frame.p95").reports("b.frame.p95"));
        assert!(!only("b.frame.p95").reports("b.frame.max"));
    }
}
