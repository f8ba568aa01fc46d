//! A last snapshot when Stance panics: the app keeps a [`PanicSlot`] up to date (cheaply, an
//! `Arc` of the current project) and [`install_panic_snapshot`] writes it from the panic hook.

use std::sync::{Arc, Mutex, TryLockError};
use std::time::{Duration, Instant};

use super::RecoveryError;
use super::snapshot::SnapshotMeta;
use super::writer::SnapshotTarget;
use crate::model::Project;

/// A recovery worker's own copy of the project, shared with the panic hook (which writes it
/// if the app panics while it has unsaved edits).
pub type Mirror = Arc<Mutex<Option<Project>>>;

/// What the panic hook would write: set it while the project has unsaved edits, clear it
/// after a clean save.
#[derive(Clone, Debug)]
pub struct PanicSnapshot {
    pub target: SnapshotTarget,
    pub project: PanicProject,
    pub meta: SnapshotMeta,
}

/// The project to write on a panic.
#[derive(Clone, Debug)]
pub enum PanicProject {
    /// A copy the app keeps up to date.
    Shared(Arc<Project>),
    /// A recovery worker's mirror ([`super::RecoveryWorker::panic_snapshot`]).
    Mirror(Mirror),
}

/// How long the hook waits for a worker that is busy with its mirror.
const MIRROR_WAIT: Duration = Duration::from_secs(2);

impl PanicProject {
    fn write(&self, target: &SnapshotTarget, meta: &SnapshotMeta) -> Result<bool, RecoveryError> {
        match self {
            Self::Shared(project) => target.write(project, meta).map(|()| true),
            Self::Mirror(mirror) => {
                // Waits a little: the worker may be writing a snapshot. If the panic came from
                // the worker itself while it held the mirror, give up rather than hang.
                let deadline = Instant::now() + MIRROR_WAIT;
                loop {
                    let guard = match mirror.try_lock() {
                        Ok(guard) => guard,
                        Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
                        Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                            std::thread::sleep(Duration::from_millis(10));
                            continue;
                        }
                        Err(TryLockError::WouldBlock) => return Ok(false),
                    };
                    return match guard.as_ref() {
                        Some(project) => target.write(project, meta).map(|()| true),
                        None => Ok(false),
                    };
                }
            }
        }
    }
}

/// Shared between the app and the panic hook; a `Vec` allows one entry per open project.
pub type PanicSlot = Arc<Mutex<Vec<PanicSnapshot>>>;

/// Installs a panic hook that writes every snapshot in `slot`, then runs the previous hook
/// (which prints the message). Uses `try_lock`: if the panicking thread holds the slot, the
/// hook skips the write rather than deadlock; a poisoned slot is still read.
pub fn install_panic_snapshot(slot: PanicSlot) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let pending = match slot.try_lock() {
            Ok(guard) => guard.clone(),
            Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner().clone(),
            Err(TryLockError::WouldBlock) => Vec::new(),
        };
        for snapshot in &pending {
            match snapshot.project.write(&snapshot.target, &snapshot.meta) {
                Ok(false) => eprintln!("stance: unsaved work could not be kept (busy)"),
                Ok(true) => eprintln!(
                    "stance: unsaved work was kept in {}; restore it with `stance recover`",
                    snapshot.target.path().display()
                ),
                Err(e) => eprintln!("stance: could not keep unsaved work: {e}"),
            }
        }
        previous(info);
    }));
}

/// Debug builds only: `STANCE_DEBUG_PANIC_AFTER_EDITS=N` asks the app to panic after N edits,
/// to try the panic snapshot by hand. Always `None` in release builds.
#[must_use]
pub fn debug_panic_after_edits() -> Option<u64> {
    if cfg!(debug_assertions) {
        std::env::var("STANCE_DEBUG_PANIC_AFTER_EDITS")
            .ok()?
            .trim()
            .parse()
            .ok()
    } else {
        None
    }
}
