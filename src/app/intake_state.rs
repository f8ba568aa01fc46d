//! What an import in progress leaves in the workbench: the read running on a worker thread,
//! and the articles waiting in the review table. Apart from `intake.rs`, which acts on them,
//! so the dialogs and the workbench can hold them without importing the controller.

use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};

use crate::io::import::{Intake, ReadProgress};
use crate::ui::import_review::ReviewRow;

/// Articles being read on a worker thread.
pub(super) struct ReadingJob {
    pub(super) receiver: Receiver<Intake>,
    pub(super) progress: Arc<Mutex<ReadProgress>>,
}

/// An import read and waiting in the review table.
pub struct PendingReview {
    /// Tells one review from the next, so the table's state starts afresh.
    pub(super) id: u64,
    pub(super) intake: Intake,
    pub(super) rows: Vec<ReviewRow>,
    pub(super) refused: Vec<String>,
}
