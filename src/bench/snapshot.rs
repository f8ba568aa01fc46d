//! Frames while a recovery snapshot is written: the app on the 13 MB project, one edit, then
//! frames until the worker's snapshot is on disk. The worker serialises and writes it, so no
//! frame should wait for it (issue 9: the largest frame ≤ 16 ms).

use std::path::Path;
use std::time::{Duration, Instant};

use super::harness::{FrameDriver, input};
use crate::app::StanceApp;
use crate::io::recovery::AutosavePolicy;
use crate::ui::Action;

/// How long the bench waits for a snapshot before giving up.
const SNAPSHOT_TIMEOUT: Duration = Duration::from_secs(60);

/// What the run measured.
#[derive(Clone, Copy, Debug)]
pub struct SnapshotFrames {
    /// The same kind of edit's frame before recovery was on, to compare with `edit_frame`.
    pub edit_frame_without_recovery: Duration,
    /// The frame that applied the edit and handed the snapshot to the worker.
    pub edit_frame: Duration,
    /// The slowest frame while the snapshot was being written.
    pub max_frame: Duration,
    pub frames: usize,
    /// From the edit until the snapshot was on disk.
    pub write: Duration,
}

/// Turns recovery on for `app` (snapshots in `dir`), edits once, and runs frames with the
/// pointer moving until the snapshot file exists.
///
/// # Errors
/// The snapshot was not written in time, or recovery could not start.
pub fn snapshot_frames(
    driver: &mut FrameDriver,
    mut app: StanceApp,
    dir: &Path,
) -> Result<SnapshotFrames, String> {
    app.queue(Action::AddActor("Bench mediator".to_owned()));
    let edit_frame_without_recovery = driver.frame(Vec::new(), |ui| app.frame_ui(ui)).cpu;
    let at_once = AutosavePolicy {
        quiet: Duration::ZERO,
        max_delay: Duration::ZERO,
    };
    let mut app = app.with_recovery_dir(dir).with_autosave_policy(at_once);
    let snapshot = app
        .snapshot_path()
        .ok_or_else(|| format!("{}: recovery could not start", dir.display()))?;
    // Let the worker copy the project first: that happens once, when a project is opened.
    app.flush_recovery();
    driver.frame(Vec::new(), |ui| app.frame_ui(ui));

    app.queue(Action::AddActor("Bench negotiator".to_owned()));
    let started = Instant::now();
    let edit_frame = driver.frame(Vec::new(), |ui| app.frame_ui(ui)).cpu;
    let mut max_frame = Duration::ZERO;
    let mut frames = 0;
    while !snapshot.exists() {
        if started.elapsed() > SNAPSHOT_TIMEOUT {
            return Err(format!(
                "{}: the snapshot was not written",
                snapshot.display()
            ));
        }
        let pos = egui::pos2(450.0, 200.0 + (frames % 10) as f32 * 40.0);
        let events = vec![input::pointer_move(pos)];
        max_frame = max_frame.max(driver.frame(events, |ui| app.frame_ui(ui)).cpu);
        frames += 1;
        // About a 60 Hz display's pace, so the worker shares the CPU as it would.
        std::thread::sleep(Duration::from_millis(8));
    }
    let write = started.elapsed();
    Ok(SnapshotFrames {
        edit_frame_without_recovery,
        edit_frame,
        max_frame,
        frames,
        write,
    })
}
