//! A last snapshot when Stance panics: the app keeps a [`PanicSlot`] up to date (cheaply, an
//! `Arc` of the current project) and [`install_panic_snapshot`] writes it from the panic hook.

use std::sync::{Arc, Mutex, TryLockError};

use super::snapshot::SnapshotMeta;
use super::writer::SnapshotTarget;
use crate::model::Project;

/// What the panic hook would write: set it while the project has unsaved edits, clear it
/// after a clean save.
#[derive(Clone, Debug)]
pub struct PanicSnapshot {
    pub target: SnapshotTarget,
    pub project: Arc<Project>,
    pub meta: SnapshotMeta,
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
            match snapshot.target.write(&snapshot.project, &snapshot.meta) {
                Ok(()) => eprintln!(
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
