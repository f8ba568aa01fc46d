//! Figures for the recovery design on the 13 MB benchmark project (dataset (c) of
//! `stance bench`): what the UI thread pays (a clone) against what the worker pays
//! (serialising and writing), and what fingerprints cost. Prints; asserts only correctness.
//!
//! `cargo test --release --test recovery_measure -- --ignored --nocapture`
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::sync::Arc;
use std::time::Instant;

use stance::bench::data::{ManyArticlesSpec, many_articles_project};
use stance::io::recovery::{RecoveryDir, RecoveryWriter, SnapshotMeta};
use stance::io::{FileFingerprint, FingerprintStatus, fingerprint, save_project_checked};

#[test]
#[ignore = "a measurement; run it in release (see the module docs)"]
fn snapshot_costs_on_the_13_mb_project() {
    let project = many_articles_project(ManyArticlesSpec::FULL).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");

    let started = Instant::now();
    let fp = save_project_checked(&path, &project, None).unwrap();
    let save_ms = started.elapsed().as_secs_f64() * 1e3;

    let started = Instant::now();
    let handed_over = Arc::new(project.clone());
    let clone_ms = started.elapsed().as_secs_f64() * 1e3;

    let recovery = RecoveryDir::at(&dir.path().join("recovery")).unwrap();
    let writer = RecoveryWriter::create(&recovery).unwrap();
    let meta = SnapshotMeta {
        project_path: Some(path.clone()),
        loaded_fingerprint: Some(fp.clone()),
    };
    let started = Instant::now();
    writer.write(&handed_over, &meta).unwrap();
    let snapshot_ms = started.elapsed().as_secs_f64() * 1e3;

    let started = Instant::now();
    assert_eq!(fingerprint::check(&path, &fp), FingerprintStatus::Unchanged);
    let check_us = started.elapsed().as_secs_f64() * 1e6;
    let started = Instant::now();
    let again = FileFingerprint::of_file(&path).unwrap();
    let hash_ms = started.elapsed().as_secs_f64() * 1e3;
    assert_eq!(again, fp);

    drop(writer);
    let started = Instant::now();
    let list = recovery.list().unwrap();
    let list_us = started.elapsed().as_secs_f64() * 1e6;
    assert_eq!(list[0].header.annotations, project.annotations().len());

    println!(
        "project file {:.1} MB: checked save {save_ms:.0} ms; UI-thread clone {clone_ms:.1} ms; \
         worker snapshot (serialise + atomic write) {snapshot_ms:.0} ms; unchanged check \
         {check_us:.0} µs; full hash {hash_ms:.0} ms; list {list_us:.0} µs",
        fp.size_bytes as f64 / 1e6
    );
}
