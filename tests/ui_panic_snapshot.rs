//! A panic in the app writes a last snapshot of the unsaved project. Its own test binary:
//! the panic hook is global to the process.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;

use common::harness;
use stance::app::{StanceApp, sample_project};
use stance::io::load_project;
use stance::io::recovery::{AutosavePolicy, PanicSlot, RecoveryDir, install_panic_snapshot};
use stance::ui::Action;

#[test]
fn a_panic_after_edits_leaves_a_snapshot_with_them() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("recovery");
    let slot = PanicSlot::default();
    install_panic_snapshot(slot.clone());
    // Snapshots only by the panic: the policy never takes one.
    let never = AutosavePolicy {
        quiet: Duration::from_secs(3600),
        max_delay: Duration::from_secs(3600),
    };
    let app = StanceApp::with_project(sample_project())
        .with_recovery_dir(&data)
        .with_autosave_policy(never)
        .with_panic_slot(slot)
        .with_panic_after_edits(2);
    let mut harness = harness(app);
    harness
        .state_mut()
        .queue(Action::AddActor("Before the crash".to_owned()));
    harness.run();
    // The first edit has reached the worker's copy.
    harness.state().flush_recovery();
    let snapshot = harness.state().snapshot_path().unwrap();
    assert!(!snapshot.exists(), "no snapshot before the panic");

    harness
        .state_mut()
        .queue(Action::AddActor("The crash".to_owned()));
    let crashed = catch_unwind(AssertUnwindSafe(|| harness.run()));
    assert!(crashed.is_err(), "the second edit panics");
    assert!(snapshot.exists(), "the panic hook wrote the snapshot");
    drop(harness);

    let project = load_project(&snapshot).unwrap().project;
    assert!(
        project
            .actors()
            .iter()
            .any(|a| a.name == "Before the crash")
    );
    let listed = RecoveryDir::at(&data).unwrap().list().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].header.project_path, None);
}
