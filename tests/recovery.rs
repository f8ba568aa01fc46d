//! Recovery snapshots, file fingerprints and checked saves, through the library.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use stance::io::recovery::{
    Alternative, DiskStatus, RecoveryDir, RecoveryError, RecoveryWorker, RecoveryWriter,
    SnapshotMeta, alternatives_in, read_header,
};
use stance::io::{
    FileFingerprint, FingerprintStatus, SaveError, fingerprint, load_project, save_project,
    save_project_checked,
};
use stance::model::{AnnotationId, Edit, Project};

fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("saves/ukraine-talks.ron")
}

fn sample() -> Project {
    load_project(&sample_path()).unwrap().project
}

/// A copy of the sample in a fresh folder, loaded from there.
fn copied_sample(dir: &Path) -> (PathBuf, stance::io::LoadedProject) {
    let path = dir.join("talks.ron");
    fs::copy(sample_path(), &path).unwrap();
    let loaded = load_project(&path).unwrap();
    (path, loaded)
}

fn recovery_dir(root: &Path) -> RecoveryDir {
    RecoveryDir::at(&root.join("data/recovery")).unwrap()
}

#[test]
fn loading_fingerprints_the_bytes_it_parsed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, loaded) = copied_sample(dir.path());
    let fp = loaded.fingerprint.unwrap();
    assert_eq!(fp, FileFingerprint::of_file(&path).unwrap());
    assert_eq!(fp.size_bytes, fs::metadata(&path).unwrap().len());
    assert_eq!(fingerprint::check(&path, &fp), FingerprintStatus::Unchanged);
}

#[test]
fn a_checked_save_refuses_a_file_changed_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let (path, loaded) = copied_sample(dir.path());
    let loaded_fp = loaded.fingerprint.unwrap();
    let mut mine = loaded.project;
    mine.apply(stance::model::Edit::SetTitle("Mine".to_owned()))
        .unwrap();

    // Another program saves its own work over the file.
    let mut theirs = mine.clone();
    theirs
        .apply(stance::model::Edit::SetTitle("Theirs".to_owned()))
        .unwrap();
    save_project(&path, &theirs).unwrap();

    let err = save_project_checked(&path, &mine, Some(&loaded_fp)).unwrap_err();
    assert!(matches!(&err, SaveError::ChangedOnDisk { path: p } if *p == path));
    assert!(err.to_string().contains("changed by another program"));
    assert_eq!(load_project(&path).unwrap().project.title(), "Theirs");

    // "Keep mine": the user confirmed, so no check; the new fingerprint is returned.
    let new_fp = save_project_checked(&path, &mine, None).unwrap();
    assert_eq!(new_fp, FileFingerprint::of_file(&path).unwrap());
    // And the next save against it goes through.
    mine.apply(stance::model::Edit::SetTitle("Mine again".to_owned()))
        .unwrap();
    let newer_fp = save_project_checked(&path, &mine, Some(&new_fp)).unwrap();
    assert_ne!(newer_fp.sha256, new_fp.sha256);
    assert_eq!(load_project(&path).unwrap().project.title(), "Mine again");

    // A deleted file is recreated: nothing is overwritten.
    fs::remove_file(&path).unwrap();
    save_project_checked(&path, &mine, Some(&newer_fp)).unwrap();
    assert!(path.exists());
}

#[test]
fn a_touched_but_identical_file_still_saves() {
    let dir = tempfile::tempdir().unwrap();
    let (path, loaded) = copied_sample(dir.path());
    let fp = loaded.fingerprint.unwrap();
    let bytes = fs::read(&path).unwrap();
    fs::write(&path, &bytes).unwrap(); // same bytes, new time
    save_project_checked(&path, &loaded.project, Some(&fp)).unwrap();
}

#[test]
fn a_live_snapshot_is_not_offered_and_a_dead_one_is() {
    let dir = tempfile::tempdir().unwrap();
    let (path, loaded) = copied_sample(dir.path());
    let recovery = recovery_dir(dir.path());
    let writer = RecoveryWriter::create(&recovery).unwrap();
    let mut project = loaded.project.clone();
    // An annotation no relation touches: deleting it leaves a valid project.
    let unrelated = (project.annotations().iter())
        .rposition(|a| !project.relations().iter().any(|r| r.touches(a.id)))
        .unwrap();
    project.rebuild(|parts| {
        parts.annotations.remove(unrelated);
    });
    let meta = SnapshotMeta {
        project_path: Some(path.clone()),
        loaded_fingerprint: loaded.fingerprint.clone(),
    };
    writer.write(&project, &meta).unwrap();
    let snapshot_file = writer.target().path().to_path_buf();
    assert!(snapshot_file.exists());
    // Its writer still runs (the lock is held), so nobody may restore it.
    assert!(recovery.list().unwrap().is_empty());

    drop(writer); // as if the window had crashed
    let list = recovery.list().unwrap();
    assert_eq!(list.len(), 1);
    let info = &list[0];
    assert_eq!(info.number, 1);
    assert_eq!(info.file, snapshot_file);
    assert_eq!(info.disk, DiskStatus::Unchanged);
    assert_eq!(info.header.project_path(), Some(path.clone()));
    assert_eq!(info.header.annotations, project.annotations().len());
    assert_eq!(info.header.title, project.title());
    assert_eq!(info.header.pid, std::process::id());

    let recovered = recovery.load(info).unwrap();
    assert_eq!(recovered.loaded.project, project);
    // The fingerprint to save against is the project file's, not the snapshot's.
    assert_eq!(recovered.loaded.fingerprint, loaded.fingerprint);
    let diff = recovery.diff_with_disk(info).unwrap().unwrap();
    assert_eq!(diff.annotations.deleted, 1);
    assert_eq!(diff.to_string(), "1 annotation deleted");

    // The snapshot file is itself a valid project file.
    assert!(!load_project(&snapshot_file).unwrap().needs_repair());

    // Someone saves over the file: the listing says so.
    save_project(&path, &project).unwrap();
    assert_eq!(recovery.list().unwrap()[0].disk, DiskStatus::Changed);
    fs::remove_file(&path).unwrap();
    assert_eq!(recovery.list().unwrap()[0].disk, DiskStatus::Missing);

    recovery.discard(info).unwrap();
    assert!(recovery.list().unwrap().is_empty());
    assert!(!snapshot_file.exists());
    assert!(fs::read_dir(recovery.path()).unwrap().next().is_none());
}

#[test]
fn untitled_projects_and_two_windows_get_their_own_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = recovery_dir(dir.path());
    let one = RecoveryWriter::create(&recovery).unwrap();
    let two = RecoveryWriter::create(&recovery).unwrap();
    assert_ne!(one.target().path(), two.target().path());
    let first = Project::new("First");
    let second = sample();
    one.write(&first, &SnapshotMeta::default()).unwrap();
    two.write(&second, &SnapshotMeta::default()).unwrap();
    drop((one, two));
    let list = recovery.list().unwrap();
    assert_eq!(list.len(), 2);
    assert!(list.iter().all(|s| s.disk == DiskStatus::Untitled));
    assert!(list.iter().all(|s| s.header.project_path.is_none()));
    let mut titles: Vec<&str> = list.iter().map(|s| s.header.title.as_str()).collect();
    titles.sort_unstable();
    assert_eq!(titles, [first.title(), second.title()]);
    // Newest first.
    assert!(list[0].header.written_at >= list[1].header.written_at);
    let restored = recovery.load(&list[0]).unwrap();
    assert_eq!(restored.loaded.project.title(), list[0].header.title);
    assert!(recovery.diff_with_disk(&list[0]).unwrap().is_none());
}

#[test]
fn the_worker_writes_the_latest_state_and_deletes_after_a_clean_save() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = recovery_dir(dir.path());
    let worker = RecoveryWorker::spawn(RecoveryWriter::create(&recovery).unwrap(), None).unwrap();
    let target = worker.target().path().to_path_buf();
    let mut project = sample();
    for i in 0..20 {
        project
            .apply(stance::model::Edit::SetTitle(format!("Edit {i}")))
            .unwrap();
        worker.submit(Arc::new(project.clone()), SnapshotMeta::default());
    }
    assert!(worker.finish().is_empty());
    assert_eq!(read_header(&target).unwrap().title, "Edit 19");

    let worker = RecoveryWorker::spawn(RecoveryWriter::create(&recovery).unwrap(), None).unwrap();
    let second = worker.target().path().to_path_buf();
    worker.submit(Arc::new(project.clone()), SnapshotMeta::default());
    worker.delete(); // a clean save right after
    assert!(worker.finish().is_empty());
    assert!(!second.exists());
    assert!(target.exists(), "another writer's snapshot is left alone");
}

#[test]
fn damaged_snapshots_are_skipped_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = recovery_dir(dir.path());
    fs::write(recovery.path().join("1-x.ron"), "(format: 1, title: \"x\")").unwrap();
    fs::write(
        recovery.path().join("2-y.ron"),
        "// Stance recovery snapshot. Restore it with `stance recover`; below is the project.\n// snapshot: (snapshot_format: 99)\n",
    )
    .unwrap();
    assert!(recovery.list().unwrap().is_empty());
    let damaged = recovery.damaged().unwrap();
    assert_eq!(damaged.len(), 2);
    assert!(matches!(damaged[0], RecoveryError::NotASnapshot { .. }));
    assert!(matches!(damaged[1], RecoveryError::BadHeader { .. }));
}

#[test]
fn a_file_that_fails_to_load_offers_its_backup_and_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let (path, loaded) = copied_sample(dir.path());
    let recovery = recovery_dir(dir.path());
    assert!(alternatives_in(Some(&recovery), &path).is_empty());

    save_project(&path, &loaded.project).unwrap(); // keeps talks.ron.bak
    let writer = RecoveryWriter::create(&recovery).unwrap();
    let meta = SnapshotMeta {
        project_path: Some(path.clone()),
        loaded_fingerprint: None,
    };
    writer.write(&loaded.project, &meta).unwrap();
    drop(writer);
    // Another project's snapshot is not offered.
    let other = RecoveryWriter::create(&recovery).unwrap();
    let other_meta = SnapshotMeta {
        project_path: Some(dir.path().join("other.ron")),
        loaded_fingerprint: None,
    };
    other.write(&loaded.project, &other_meta).unwrap();
    drop(other);

    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, &text[..text.len() / 2]).unwrap();
    assert!(
        load_project(&path)
            .unwrap_err()
            .to_string()
            .contains("truncated")
    );
    let alternatives = alternatives_in(Some(&recovery), &path);
    assert_eq!(alternatives.len(), 2, "{alternatives:?}");
    let Alternative::Backup { path: backup } = &alternatives[0] else {
        panic!("{alternatives:?}");
    };
    assert_eq!(backup, &dir.path().join("talks.ron.bak"));
    assert!(load_project(backup).is_ok());
    let Alternative::Snapshot(info) = &alternatives[1] else {
        panic!("{alternatives:?}");
    };
    assert_eq!(info.header.project_path(), Some(path.clone()));
    assert_eq!(info.disk, DiskStatus::Unknown);
}

#[test]
fn ids_differ_in_a_diff() {
    let old = sample();
    let mut new = old.clone();
    let mut added = stance::model::Annotation::clone(&new.annotations()[0]);
    added.id = AnnotationId::random();
    new.rebuild(|parts| {
        parts.annotations.push(added);
        parts.annotations[1].note = Some("changed".to_owned());
        parts.annotations.remove(2);
    });
    let diff = stance::model::ProjectDiff::between(&old, &new);
    assert_eq!(
        (
            diff.annotations.added,
            diff.annotations.changed,
            diff.annotations.deleted
        ),
        (1, 1, 1)
    );
    assert_eq!(diff.to_string(), "1 annotation added, 1 changed, 1 deleted");
    assert!(stance::model::ProjectDiff::between(&old, &old).is_empty());
}

#[test]
fn a_mirror_follows_the_edits_the_app_applies() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = recovery_dir(dir.path());
    let worker = RecoveryWorker::spawn(RecoveryWriter::create(&recovery).unwrap(), None).unwrap();
    let target = worker.target().path().to_path_buf();
    let mut app_project = sample();
    worker.reset(Arc::new(app_project.clone()));

    let removed = app_project.annotations()[0].id;
    let edits = [
        Edit::SetTitle("Renamed".to_owned()),
        Edit::RemoveAnnotation(removed),
    ];
    let mut undo = Vec::new();
    for edit in edits {
        undo.push(app_project.apply(edit.clone()).unwrap());
        worker.apply(edit);
    }
    // Undo the removal, as the app's history would: the inverse edit goes to the worker too.
    let inverse = undo.pop().unwrap();
    app_project.apply(inverse.clone()).unwrap();
    worker.apply(inverse);
    worker.snapshot(SnapshotMeta::default());
    worker.flush();
    assert!(worker.take_errors().is_empty());
    let written = load_project(&target).unwrap().project;
    assert_eq!(written, app_project);
    assert_eq!(written.title(), "Renamed");

    // An edit that fails on the copy means it no longer matches: no snapshot is written
    // from it until the next reset.
    worker.apply(Edit::RemoveAnnotation(AnnotationId::random()));
    worker.snapshot(SnapshotMeta::default());
    let errors = worker.finish();
    assert_eq!(errors.len(), 1);
    assert!(matches!(
        &errors[0],
        RecoveryError::NoMirror { diverged: Some(_) }
    ));
    assert_eq!(load_project(&target).unwrap().project, app_project);
}

#[test]
fn stale_lock_files_without_a_snapshot_are_swept() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = recovery_dir(dir.path());
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let stale = recovery.path().join("1-dead.lock");
    let with_snapshot = recovery.path().join("2-dead.lock");
    let young = recovery.path().join("3-starting.lock");
    for lock in [&stale, &with_snapshot, &young] {
        fs::write(lock, b"").unwrap();
    }
    fs::write(recovery.path().join("2-dead.ron"), b"kept").unwrap();
    for lock in [&stale, &with_snapshot] {
        let file = fs::File::options().write(true).open(lock).unwrap();
        file.set_modified(old).unwrap();
    }
    // A live writer's lock, made old too: held, so it stays.
    let writer = RecoveryWriter::create(&recovery).unwrap();
    let held = writer.target().path().with_extension("lock");
    fs::File::options()
        .write(true)
        .open(&held)
        .unwrap()
        .set_modified(old)
        .unwrap();

    recovery.sweep_stale_locks();
    assert!(!stale.exists());
    assert!(with_snapshot.exists());
    assert!(young.exists());
    assert!(held.exists());
}
