//! Smoke test of `stance bench`'s frame harness on small data: the real app is driven through
//! scrolling, a drag selection and a tag hotkey. Structural checks only, no timing.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use stance::bench::data::{LongArticleSpec, long_article_project, reference_project};
use stance::bench::frames::{Script, run_frames, warm_up};
use stance::bench::harness::FrameDriver;

const SCRIPT: Script = Script {
    scroll_frames: 12,
    drag_frames: 4,
    hover_frames: 3,
    fixed_step_px: None,
};

#[test]
fn harness_drives_the_app_through_scroll_select_and_tag() {
    let mut driver = FrameDriver::new();
    warm_up(&mut driver);
    let project = long_article_project(LongArticleSpec {
        text_bytes: 60_000,
        annotations: 400,
        actors: 10,
    })
    .unwrap();
    let annotations = project.annotations().len();
    let run = run_frames(&mut driver, project, SCRIPT).unwrap();
    // The scroll's start, frames and end, the drag, a settling frame, the tag and hovering.
    assert_eq!(run.frames.len(), 1 + 12 + 1 + 4 + 1 + 4);
    assert!(run.frames.iter().all(|f| f.shapes > 0 && f.primitives > 0));
    assert!(run.selected_chars > 0);
    assert_eq!(
        run.tag_latency_frames,
        Some(0),
        "the tag must show in the hotkey's frame"
    );
    assert!(
        run.reached_paragraph > 20,
        "scrolled to {}",
        run.reached_paragraph
    );
    assert!(run.laid_out_max > 0 && run.laid_out_max < run.paragraphs);
    assert!(annotations < run.annotations_after);
}

#[test]
fn harness_runs_on_the_reference_article() {
    let mut driver = FrameDriver::new();
    warm_up(&mut driver);
    let run = run_frames(&mut driver, reference_project(50).unwrap(), SCRIPT).unwrap();
    assert_eq!(run.tag_latency_frames, Some(0));
    assert!(run.paragraphs > 10);
}

#[test]
fn sidebar_rows_drawn_per_frame_do_not_grow_with_the_annotations() {
    let rows_for = |annotations: usize| {
        let project = long_article_project(LongArticleSpec {
            text_bytes: 40_000,
            annotations,
            actors: 10,
        })
        .unwrap();
        let mut driver = FrameDriver::new();
        warm_up(&mut driver);
        run_frames(&mut driver, project, SCRIPT)
            .unwrap()
            .sidebar_rows_max
    };
    let few = rows_for(200);
    let many = rows_for(2_000);
    // The list is virtualised: a screenful of rows either way, far fewer than the annotations.
    assert!(few > 0, "{few} rows");
    assert!(
        many <= few + 2,
        "{many} rows for 2,000 annotations, {few} for 200"
    );
}

#[test]
fn snapshot_frames_run_until_the_snapshot_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut driver = FrameDriver::new();
    warm_up(&mut driver);
    let app = stance::app::StanceApp::with_project(reference_project(20).unwrap());
    let run = stance::bench::snapshot::snapshot_frames(&mut driver, app, &dir.path().join("rec"))
        .unwrap();
    assert!(run.write >= run.edit_frame);
    // The snapshot holds the bench's edit.
    let files: Vec<_> = std::fs::read_dir(dir.path().join("rec"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    assert_eq!(files.len(), 1);
    let project = stance::io::load_project(&files[0]).unwrap().project;
    assert!(
        project
            .actors()
            .iter()
            .any(|a| a.name == "Bench negotiator")
    );
}
