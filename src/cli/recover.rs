//! `stance recover`: list, write out or discard recovery snapshots of unsaved work.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::analysis::wording::counted;
use crate::io::recovery::{DiskStatus, RecoveryDir, SnapshotInfo};
use crate::io::save_project;

#[derive(Debug, clap::Args)]
pub struct RecoverArgs {
    /// The snapshot to write out, by its number in the list.
    #[arg(requires = "output")]
    pub number: Option<usize>,
    /// The project file to write the snapshot to.
    #[arg(short, long, requires = "number")]
    pub output: Option<PathBuf>,
    /// Overwrite the output if it exists (the old file is kept as OUTPUT.bak).
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Delete the snapshot with this number.
    #[arg(long, value_name = "N", conflicts_with_all = ["number", "output"])]
    pub discard: Option<usize>,
}

pub fn run(args: &RecoverArgs) -> ExitCode {
    let mut out = String::new();
    let mut err = String::new();
    let ok = match RecoveryDir::open_default() {
        Ok(dir) => run_in(&dir, args, &mut out, &mut err),
        Err(e) => {
            let _ = writeln!(err, "stance recover: {e}");
            false
        }
    };
    // A closed pipe (`stance recover | head`) is not an error worth a panic.
    let _stdout = std::io::stdout().lock().write_all(out.as_bytes());
    let _stderr = std::io::stderr().lock().write_all(err.as_bytes());
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn run_in(dir: &RecoveryDir, args: &RecoverArgs, out: &mut String, err: &mut String) -> bool {
    let snapshots = match dir.list() {
        Ok(list) => list,
        Err(e) => {
            let _ = writeln!(err, "stance recover: {e}");
            return false;
        }
    };
    let pick = |n: usize, err: &mut String| {
        let found = snapshots.iter().find(|s| s.number == n);
        if found.is_none() {
            let _ = writeln!(
                err,
                "stance recover: there is no snapshot {n} ({} listed; run `stance recover`)",
                snapshots.len()
            );
        }
        found
    };
    if let Some(n) = args.discard {
        let Some(info) = pick(n, err) else {
            return false;
        };
        return match dir.discard(info) {
            Ok(()) => {
                let _ = writeln!(out, "discarded snapshot {n} ({})", describe_project(info));
                true
            }
            Err(e) => {
                let _ = writeln!(err, "stance recover: {e}");
                false
            }
        };
    }
    match (args.number, &args.output) {
        (Some(n), Some(output)) => {
            let Some(info) = pick(n, err) else {
                return false;
            };
            write_out(dir, info, output, args.force, out, err)
        }
        _ => {
            list(dir, &snapshots, out);
            true
        }
    }
}

fn write_out(
    dir: &RecoveryDir,
    info: &SnapshotInfo,
    output: &std::path::Path,
    force: bool,
    out: &mut String,
    err: &mut String,
) -> bool {
    if output.exists() && !force {
        let _ = writeln!(
            err,
            "stance recover: {} exists; pass --force to overwrite it",
            output.display()
        );
        return false;
    }
    let recovered = match dir.load(info) {
        Ok(recovered) => recovered,
        Err(e) => {
            let _ = writeln!(err, "stance recover: {e}");
            return false;
        }
    };
    if let Err(e) = save_project(output, &recovered.loaded.project) {
        let _ = writeln!(err, "stance recover: {e}");
        return false;
    }
    let project = &recovered.loaded.project;
    let _ = writeln!(
        out,
        "{}: {}, {}, {} from snapshot {}",
        output.display(),
        counted(project.documents().len(), "document"),
        counted(project.annotations().len(), "annotation"),
        counted(project.actors().len(), "actor"),
        info.number
    );
    if recovered.loaded.needs_repair() {
        let _ = writeln!(
            err,
            "stance recover: warning: the project has {}; see `stance validate {}`",
            counted(recovered.loaded.problems.len(), "problem"),
            output.display()
        );
    }
    true
}

fn list(dir: &RecoveryDir, snapshots: &[SnapshotInfo], out: &mut String) {
    if snapshots.is_empty() {
        let _ = writeln!(out, "no recovery snapshots in {}", dir.path().display());
    }
    for info in snapshots {
        let when = info.header.written_at.format("%Y-%m-%d %H:%M:%S UTC");
        let disk = match info.disk {
            DiskStatus::Untitled => "never saved",
            DiskStatus::Unchanged => "file unchanged since",
            DiskStatus::Changed => "file changed on disk since",
            DiskStatus::Missing => "file missing",
            DiskStatus::Unknown => "file state unknown",
        };
        let _ = writeln!(
            out,
            "{:>3}  {when}  {}  {}  ({disk})",
            info.number,
            describe_project(info),
            counted(info.header.annotations, "annotation")
        );
    }
    if let Ok(damaged) = dir.damaged() {
        for e in damaged {
            let _ = writeln!(out, "  skipped: {e}");
        }
    }
    if !snapshots.is_empty() {
        let _ = writeln!(
            out,
            "write one out with `stance recover N -o FILE.ron`; delete one with `stance recover --discard N`"
        );
    }
}

/// `/path/talks.ron "Talks"`, or `untitled "Talks"`.
fn describe_project(info: &SnapshotInfo) -> String {
    let place = info
        .header
        .project_path
        .clone()
        .unwrap_or_else(|| "untitled".to_owned());
    format!("{place} {:?}", info.header.title)
}

/// `stance debug-panic-snapshot PROJECT` (debug builds, hidden): loads the project, keeps it
/// in a panic slot, installs the panic hook and panics, so tests can check the last snapshot.
#[cfg(debug_assertions)]
pub fn debug_panic_snapshot(project: Option<&std::path::Path>, use_mirror: bool) -> ExitCode {
    use crate::io::recovery::{
        PanicProject, PanicSnapshot, RecoveryWorker, RecoveryWriter, SnapshotMeta,
        install_panic_snapshot,
    };
    use std::sync::{Arc, Mutex};

    let (project, meta) = match project {
        Some(path) => match crate::io::load_project(path) {
            Ok(loaded) => (
                loaded.project,
                SnapshotMeta {
                    project_path: Some(path.to_path_buf()),
                    loaded_fingerprint: loaded.fingerprint,
                },
            ),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        },
        None => (
            crate::model::Project::new("Untitled"),
            SnapshotMeta::default(),
        ),
    };
    let writer = match RecoveryDir::open_default().and_then(|dir| RecoveryWriter::create(&dir)) {
        Ok(writer) => writer,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let project = Arc::new(project);
    // The writer (or the worker owning it) must outlive the panic: it holds the lock.
    let (pending, _writer, _worker) = if use_mirror {
        let Ok(worker) = RecoveryWorker::spawn(writer, None) else {
            return ExitCode::FAILURE;
        };
        worker.reset(project);
        worker.flush();
        (worker.panic_snapshot(meta), None, Some(worker))
    } else {
        let pending = PanicSnapshot {
            target: writer.target().clone(),
            project: PanicProject::Shared(project),
            meta,
        };
        (pending, Some(writer), None)
    };
    install_panic_snapshot(Arc::new(Mutex::new(vec![pending])));
    panic!("debug-panic-snapshot: a deliberate panic to test the recovery snapshot");
}
