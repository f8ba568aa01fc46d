//! The web-import controller: File → Import from URL… (a fetch on a worker thread, with
//! progress and Cancel in its dialog) and Edit → Paste as New Article (the clipboard's
//! HTML flavour, cleaned). Both add what they bring as one undo step.

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Duration;

use super::clipboard::{ClipboardSource, SystemClipboard};
use super::dialog::Dialog;
use super::intent::Intent;
use super::workbench::Workbench;
use crate::io::fetch::{FetchControl, FetchError, FetchOptions, fetch_articles};
use crate::io::formats::article::ArticlesRead;
use crate::io::formats::pasted::article_from_clipboard;
use crate::io::import::{Intake, stage_intake};
use crate::ui::url_dialog::FetchProgress;

/// What the controller keeps between frames: the fetch under way and the clipboard.
pub(super) struct WebImport {
    fetch: Option<FetchJob>,
    pub(super) clipboard: Box<dyn ClipboardSource>,
    pub(super) options: FetchOptions,
}

impl Default for WebImport {
    fn default() -> Self {
        Self {
            fetch: None,
            clipboard: Box::new(SystemClipboard::default()),
            options: FetchOptions::default(),
        }
    }
}

/// A fetch running on its worker thread.
struct FetchJob {
    url: String,
    control: FetchControl,
    result: Receiver<Result<ArticlesRead, FetchError>>,
}

impl WebImport {
    /// File → Import from URL…: the dialog asking for the address.
    pub(super) fn open_dialog(wb: &mut Workbench) {
        wb.dialogs.open(Dialog::ImportUrl);
    }

    /// Starts fetching `url` on a worker thread (one fetch at a time: a new one stops the
    /// old). The window keeps repainting to show progress.
    pub(super) fn start(&mut self, wb: &mut Workbench, ctx: &egui::Context, url: String) {
        self.cancel();
        let control = FetchControl::default();
        let (sender, result) = mpsc::channel();
        let worker_control = control.clone();
        let worker_ctx = ctx.clone();
        let options = self.options;
        let worker_url = url.clone();
        let spawned = std::thread::Builder::new()
            .name("stance-fetch".to_owned())
            .spawn(move || {
                let fetched = fetch_articles(&worker_url, &options, &worker_control);
                // The app may have gone; then nobody waits for the answer.
                let _ = sender.send(fetched);
                worker_ctx.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.fetch = Some(FetchJob {
                    url,
                    control,
                    result,
                });
            }
            Err(e) => wb.dialogs.report(
                "Could not import from the web",
                format!("no worker thread: {e}"),
            ),
        }
    }

    /// Stops the fetch under way, if any; its thread ends at its next chunk.
    pub(super) fn cancel(&mut self) {
        if let Some(job) = self.fetch.take() {
            job.control.cancel();
        }
    }

    /// Closes the dialog, stopping a fetch under way.
    pub(super) fn close(&mut self, wb: &mut Workbench) {
        self.cancel();
        if matches!(wb.dialogs.current, Dialog::ImportUrl) {
            wb.dialogs.close();
        }
    }

    /// What the dialog shows about the fetch under way.
    pub(super) fn progress(&self) -> Option<FetchProgress> {
        let job = self.fetch.as_ref()?;
        let (received_bytes, expected_bytes) = job.control.progress();
        Some(FetchProgress {
            url: job.url.clone(),
            received_bytes,
            expected_bytes,
        })
    }

    /// The fetch's answer, once it has one, as an intent.
    pub(super) fn poll(&mut self, ctx: &egui::Context, events: &mut Vec<Intent>) {
        let Some(job) = &self.fetch else {
            return;
        };
        match job.result.try_recv() {
            Ok(result) => {
                let url = job.url.clone();
                self.fetch = None;
                events.push(Intent::UrlFetched { url, result });
            }
            Err(TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(100)),
            Err(TryRecvError::Disconnected) => {
                let url = job.url.clone();
                self.fetch = None;
                let result = Err(FetchError::Transfer {
                    url: url.clone(),
                    reason: "the fetch stopped unexpectedly".to_owned(),
                });
                events.push(Intent::UrlFetched { url, result });
            }
        }
    }

    /// The fetch ended: its articles go where a file's go (and the dialog closes), or its
    /// error shows over the dialog so the address can be corrected.
    pub(super) fn fetched(
        wb: &mut Workbench,
        ctx: &egui::Context,
        url: &str,
        result: Result<ArticlesRead, FetchError>,
    ) {
        match result {
            // Like a file: a page is added at once, a feed's items go to the review table.
            Ok(read) => {
                if matches!(wb.dialogs.current, Dialog::ImportUrl) {
                    wb.dialogs.close();
                }
                if read.articles.is_empty() && read.refused.is_empty() {
                    wb.toasts.warning(ctx, format!("{url} holds no article"));
                }
                let intake = Intake {
                    articles: read.articles,
                    refused: read.refused,
                    ..Intake::default()
                };
                wb.follow_up(Intent::IntakeRead(Box::new(intake)));
            }
            // The user asked to stop: nothing to report.
            Err(FetchError::Cancelled { .. }) => {}
            Err(e) => wb
                .dialogs
                .report("Could not import from the web", e.to_string()),
        }
    }

    /// Edit → Paste as New Article.
    pub(super) fn paste(&mut self, wb: &mut Workbench, ctx: &egui::Context) {
        let contents = match self.clipboard.read() {
            Ok(contents) => contents,
            Err(reason) => {
                wb.toasts
                    .warning(ctx, format!("Could not read the clipboard: {reason}"));
                return;
            }
        };
        match article_from_clipboard(contents.html.as_deref(), contents.text.as_deref()) {
            Ok(article) => {
                add_articles(wb, ctx, ArticlesRead::one(article), "Paste as New Article");
            }
            Err(e) => wb.toasts.warning(ctx, format!("Nothing pasted: {e}")),
        }
    }
}

/// Adds the pasted article, in one undo step named after the command, and shows it; an
/// article the project has already is named. Whether it was added.
fn add_articles(wb: &mut Workbench, ctx: &egui::Context, read: ArticlesRead, label: &str) -> bool {
    let intake = Intake {
        articles: read.articles,
        refused: read.refused,
        ..Intake::default()
    };
    let (edit, summary) = match stage_intake(&wb.session.project, intake) {
        Ok((_, edit, summary)) => (edit, summary),
        Err(e) => {
            wb.dialogs.report(label, e.to_string());
            return false;
        }
    };
    for refused in &summary.refused {
        wb.toasts.warning(ctx, format!("Not added: {refused}"));
    }
    for (_, reason) in &summary.skipped {
        wb.toasts.info(ctx, format!("Not added again: {reason}"));
    }
    if summary.documents.is_empty() || !wb.edit(ctx, Ok(edit), label, None) {
        return false;
    }
    if let Some(first) = summary.documents.first().copied() {
        wb.view.document = Some(first);
        wb.view.article_scroll_to = Some(0);
    }
    wb.view.selected = None;
    wb.view.text_selection = None;
    true
}
