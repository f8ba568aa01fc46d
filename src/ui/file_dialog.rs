//! File pickers behind a small trait, so the UI never blocks on them and tests never open one.
//!
//! [`NativeDialogs`] runs rfd's dialog on a worker thread (under Xvfb without a desktop
//! portal rfd falls back to `zenity`); the window keeps repainting meanwhile.
//! [`ScriptedDialogs`] answers with preset paths, for tests and benchmarks.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex, PoisonError};

/// What a picked path will be used for; the answer carries it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogPurpose {
    OpenProject,
    SaveProjectAs,
    ImportArticles,
    /// A folder of brat `.txt`/`.ann` pairs.
    ImportFolder,
    /// Where to write an export; the app keeps the request until the path arrives.
    Export,
    /// Other annotators' projects to compare with the open one.
    CompareWith,
}

/// A file dialog to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DialogRequest {
    pub purpose: DialogPurpose,
    pub title: String,
    /// `(name, extensions without dot)`.
    pub filters: Vec<(String, Vec<String>)>,
    /// Suggested file name for save dialogs.
    pub file_name: Option<String>,
    pub directory: Option<PathBuf>,
}

impl DialogRequest {
    #[must_use]
    pub fn new(purpose: DialogPurpose, title: &str) -> Self {
        Self {
            purpose,
            title: title.to_owned(),
            filters: Vec::new(),
            file_name: None,
            directory: None,
        }
    }

    #[must_use]
    pub fn filter(mut self, name: &str, extensions: &[&str]) -> Self {
        self.filters.push((
            name.to_owned(),
            extensions.iter().map(|&e| e.to_owned()).collect(),
        ));
        self
    }

    #[must_use]
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    #[must_use]
    pub fn directory(mut self, directory: Option<PathBuf>) -> Self {
        self.directory = directory;
        self
    }

    fn is_save(&self) -> bool {
        matches!(
            self.purpose,
            DialogPurpose::SaveProjectAs | DialogPurpose::Export
        )
    }
}

/// The user's choice: no paths means the dialog was cancelled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DialogAnswer {
    pub purpose: DialogPurpose,
    pub paths: Vec<PathBuf>,
    /// True when no dialog could be shown at all (no desktop portal and no `zenity`).
    pub is_unavailable: bool,
}

/// A native dialog that "answers" faster than this never reached the screen.
const NO_DIALOG_SECONDS: f64 = 0.25;

/// Shows file dialogs without blocking the caller.
pub trait FileDialogs {
    /// Starts a dialog; its answer arrives later from [`FileDialogs::poll`].
    /// Ignored while another dialog is open.
    fn start(&mut self, request: DialogRequest, ctx: &egui::Context);
    /// The answer of the open dialog, once the user has chosen.
    fn poll(&mut self) -> Option<DialogAnswer>;
    fn is_open(&self) -> bool;
}

/// rfd's native dialogs, each on its own worker thread.
#[derive(Default)]
pub struct NativeDialogs {
    pending: Option<Receiver<DialogAnswer>>,
}

impl FileDialogs for NativeDialogs {
    fn start(&mut self, request: DialogRequest, ctx: &egui::Context) {
        if self.is_open() {
            return;
        }
        let (sender, receiver) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let started = std::time::Instant::now();
                let paths = run_native(&request);
                let is_unavailable =
                    paths.is_empty() && started.elapsed().as_secs_f64() < NO_DIALOG_SECONDS;
                // The app may have quit meanwhile; then nobody needs the answer.
                let _sent = sender.send(DialogAnswer {
                    purpose: request.purpose,
                    paths,
                    is_unavailable,
                });
                ctx.request_repaint();
            });
        if spawned.is_ok() {
            self.pending = Some(receiver);
        }
    }

    fn poll(&mut self) -> Option<DialogAnswer> {
        let receiver = self.pending.as_ref()?;
        match receiver.try_recv() {
            Ok(answer) => {
                self.pending = None;
                Some(answer)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.pending = None;
                None
            }
        }
    }

    fn is_open(&self) -> bool {
        self.pending.is_some()
    }
}

fn run_native(request: &DialogRequest) -> Vec<PathBuf> {
    let mut dialog = rfd::FileDialog::new().set_title(&request.title);
    for (name, extensions) in &request.filters {
        dialog = dialog.add_filter(name, extensions);
    }
    if let Some(name) = &request.file_name {
        dialog = dialog.set_file_name(name);
    }
    if let Some(dir) = &request.directory {
        dialog = dialog.set_directory(dir);
    }
    match request.purpose {
        DialogPurpose::ImportArticles | DialogPurpose::CompareWith => {
            dialog.pick_files().unwrap_or_default()
        }
        DialogPurpose::ImportFolder => dialog.pick_folder().into_iter().collect(),
        _ if request.is_save() => dialog.save_file().into_iter().collect(),
        _ => dialog.pick_file().into_iter().collect(),
    }
}

/// Answers dialogs from a script of preset paths; records what was asked.
/// Clones share the script, so a test can keep one and give the other to the app.
#[derive(Clone, Default)]
pub struct ScriptedDialogs {
    inner: Arc<Mutex<Script>>,
}

#[derive(Default)]
struct Script {
    answers: VecDeque<Vec<PathBuf>>,
    requests: Vec<DialogRequest>,
    open: Option<DialogPurpose>,
}

impl ScriptedDialogs {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The next dialog will answer with `path`.
    pub fn answer(&self, path: impl Into<PathBuf>) {
        self.lock().answers.push_back(vec![path.into()]);
    }

    /// The next dialog will be cancelled.
    pub fn cancel_next(&self) {
        self.lock().answers.push_back(Vec::new());
    }

    /// Every dialog started so far.
    #[must_use]
    pub fn requests(&self) -> Vec<DialogRequest> {
        self.lock().requests.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Script> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl FileDialogs for ScriptedDialogs {
    fn start(&mut self, request: DialogRequest, _ctx: &egui::Context) {
        let mut script = self.lock();
        if script.open.is_some() {
            return;
        }
        script.open = Some(request.purpose.clone());
        script.requests.push(request);
    }

    fn poll(&mut self) -> Option<DialogAnswer> {
        let mut script = self.lock();
        let purpose = script.open.take()?;
        // An unscripted dialog behaves like one the user cancelled.
        let paths = script.answers.pop_front().unwrap_or_default();
        Some(DialogAnswer {
            purpose,
            paths,
            is_unavailable: false,
        })
    }

    fn is_open(&self) -> bool {
        self.lock().open.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripted_dialogs_answer_in_order_and_record_requests() {
        let ctx = egui::Context::default();
        let script = ScriptedDialogs::new();
        let mut dialogs = script.clone();
        script.answer("/tmp/a.ron");
        dialogs.start(DialogRequest::new(DialogPurpose::OpenProject, "Open"), &ctx);
        assert!(dialogs.is_open());
        let answer = dialogs.poll().unwrap();
        assert_eq!(answer.purpose, DialogPurpose::OpenProject);
        assert_eq!(answer.paths, vec![PathBuf::from("/tmp/a.ron")]);
        assert!(!dialogs.is_open());
        dialogs.start(DialogRequest::new(DialogPurpose::Export, "Export"), &ctx);
        assert!(dialogs.poll().unwrap().paths.is_empty());
        assert_eq!(script.requests().len(), 2);
    }
}
