//! Importing articles in the app: reading them (off the UI thread when a PDF or a large file
//! is among them, with progress), then — for more than one article — the review table where
//! the analyst corrects titles, dates and outlets before anything is added, and adding it all
//! as one undo step. Also the Document Properties dialog's answer.

use std::path::{Path, PathBuf};
use std::sync::mpsc::TryRecvError;
use std::sync::{Arc, Mutex, PoisonError};

use super::dialog::Dialog;
use super::intake_state::{PendingReview, ReadingJob};
use super::intent::Intent;
use super::workbench::Workbench;
use crate::analysis::wording::counted;
use crate::io::file_name::has_extension;
use crate::io::formats::article::{ArticleMeta, IncomingArticle, MetaSource, Sourced};
use crate::io::formats::pdf::PDF_EXTENSIONS;
use crate::io::import::{Intake, ReadProgress, read_intake, stage_intake};
use crate::model::text::normalize_text;
use crate::model::{DocumentId, text_hash};
use crate::ui::date_field::parse_date_field;
use crate::ui::document_properties::PropertiesAnswer;
use crate::ui::import_review::{ReviewAnswer, ReviewField, ReviewRow, TYPED_IN};

/// Files larger than this together are read off the UI thread.
const BACKGROUND_BYTES: u64 = 4 * 1024 * 1024;

/// What the progress window shows: the file (and page) being read, and how far along.
pub(super) fn progress(job: &ReadingJob) -> (String, f32) {
    let at = job
        .progress
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let name = crate::ui::file_name(&at.path);
    let mut text = format!("Reading {name} (file {} of {})", at.file, at.files);
    if at.pages > 0 {
        text.push_str(&format!(", page {} of {}", at.page, at.pages));
    }
    #[expect(
        clippy::cast_precision_loss,
        reason = "counts of files and pages, far below 2^23"
    )]
    let fraction = if at.files == 0 {
        0.0
    } else {
        let page_part = if at.pages == 0 {
            0.0
        } else {
            at.page as f32 / at.pages as f32
        };
        ((at.file.saturating_sub(1)) as f32 + page_part) / at.files as f32
    };
    (text, fraction)
}

/// True if reading `paths` could take long enough to freeze the window: a PDF, or large
/// files, among them (or in a folder among them).
fn needs_background(paths: &[PathBuf]) -> bool {
    let mut bytes = 0;
    let mut is_slow = |path: &Path| {
        bytes += std::fs::metadata(path).map_or(0, |m| m.len());
        has_extension(path, PDF_EXTENSIONS)
    };
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).into_iter().flatten().flatten();
            if entries.map(|e| e.path()).any(|p| is_slow(&p)) {
                return true;
            }
        } else if is_slow(path) {
            return true;
        }
    }
    bytes > BACKGROUND_BYTES
}

/// Starts reading `paths`: at once when it is quick, else on a worker thread whose progress
/// shows. Either way the result comes back as [`Intent::IntakeRead`].
pub(super) fn start(wb: &mut Workbench, ctx: &egui::Context, paths: Vec<PathBuf>) {
    if wb.reading.is_some() {
        wb.toasts.warning(
            ctx,
            "Still reading the last import; try again when it is done",
        );
        return;
    }
    if !needs_background(&paths) {
        let intake = read_intake(&paths, &mut |_| {});
        wb.follow_up(Intent::IntakeRead(Box::new(intake)));
        return;
    }
    let progress = Arc::new(Mutex::new(ReadProgress::default()));
    let shared = Arc::clone(&progress);
    let (sender, receiver) = std::sync::mpsc::channel();
    let repaint = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("read-articles".to_owned())
        .spawn(move || {
            let intake = read_intake(&paths, &mut |at| {
                *shared.lock().unwrap_or_else(PoisonError::into_inner) = at.clone();
                repaint.request_repaint();
            });
            let _sent = sender.send(intake);
            repaint.request_repaint();
        });
    match spawned {
        Ok(_) => wb.reading = Some(ReadingJob { receiver, progress }),
        Err(e) => wb
            .dialogs
            .report("Could not import", format!("could not start reading: {e}")),
    }
}

/// The worker's result, as an intent once it has ended.
pub(super) fn poll(wb: &mut Workbench, intents: &mut Vec<Intent>) {
    let Some(job) = &wb.reading else {
        return;
    };
    match job.receiver.try_recv() {
        Ok(intake) => {
            wb.reading = None;
            intents.push(Intent::IntakeRead(Box::new(intake)));
        }
        Err(TryRecvError::Empty) => {}
        Err(TryRecvError::Disconnected) => {
            wb.reading = None;
            wb.dialogs.report(
                "Could not import",
                "reading the articles stopped unexpectedly".to_owned(),
            );
        }
    }
}

/// Articles were read: several go to the review table, one (or annotations alone) is added
/// at once.
pub(super) fn read(wb: &mut Workbench, ctx: &egui::Context, intake: Intake) {
    if intake.articles.len() < 2 {
        add(wb, ctx, intake, false);
        return;
    }
    let rows = (intake.articles.iter())
        .map(|article| review_row(wb, article))
        .collect();
    let refused = intake.refused.iter().map(ToString::to_string).collect();
    wb.review_count += 1;
    wb.dialogs
        .open(Dialog::ImportReview(Box::new(PendingReview {
            id: wb.review_count,
            intake,
            rows,
            refused,
        })));
}

/// The review table's row for an article: ticked unless the project has its text already.
fn review_row(wb: &Workbench, article: &IncomingArticle) -> ReviewRow {
    fn field<T: ToString>(value: Option<&Sourced<T>>) -> ReviewField {
        value.map_or_else(ReviewField::default, |v| ReviewField {
            value: v.value.to_string(),
            source: v.from.to_string(),
        })
    }
    let hash = text_hash(&normalize_text(&article.text));
    let known = (wb.session.project.documents().iter()).find(|d| d.text_hash == hash);
    let note = known.map(|d| format!("already in the project as {:?}", d.title));
    ReviewRow {
        is_included: note.is_none(),
        origin: article.origin.to_string(),
        title: field(article.meta.title.as_ref()),
        date: field(article.meta.date.as_ref()),
        outlet: field(article.meta.outlet.as_ref()),
        author: field(article.meta.author.as_ref()),
        note,
    }
}

/// The analyst's answer to the review table.
pub(super) fn answer_review(wb: &mut Workbench, ctx: &egui::Context, answer: ReviewAnswer) {
    if !matches!(wb.dialogs.current, Dialog::ImportReview(_)) {
        return;
    }
    let Dialog::ImportReview(pending) = wb.dialogs.close() else {
        return;
    };
    let ReviewAnswer::Add(rows) = answer else {
        return;
    };
    let PendingReview { mut intake, .. } = *pending;
    let articles = std::mem::take(&mut intake.articles);
    intake.articles = (articles.into_iter().zip(rows))
        .filter(|(_, row)| row.is_included)
        .map(|(article, row)| corrected(article, &row))
        .collect();
    add(wb, ctx, intake, true);
}

/// The article with the review row's corrections: a field the analyst typed over is theirs.
fn corrected(mut article: IncomingArticle, row: &ReviewRow) -> IncomingArticle {
    fn typed(field: &ReviewField) -> Option<Option<Sourced<String>>> {
        (field.source == TYPED_IN).then(|| {
            let value = field.value.trim();
            (!value.is_empty()).then(|| Sourced::new(value.to_owned(), MetaSource::Analyst))
        })
    }
    let meta: &mut ArticleMeta = &mut article.meta;
    if let Some(title) = typed(&row.title) {
        meta.title = title;
    }
    if let Some(outlet) = typed(&row.outlet) {
        meta.outlet = outlet;
    }
    if let Some(author) = typed(&row.author) {
        meta.author = author;
    }
    if let Some(date) = typed(&row.date) {
        meta.date = date.and_then(|d| {
            // The review refuses to add rows whose date does not parse.
            let parsed = parse_date_field(&d.value).ok()??;
            Some(Sourced::new(parsed, MetaSource::Analyst))
        });
    }
    article
}

/// Adds what was read as one undo step; shows the first new document and says what was left
/// out and why (refusals the review table listed already are only counted).
fn add(wb: &mut Workbench, ctx: &egui::Context, intake: Intake, were_refusals_shown: bool) {
    let staged = stage_intake(&wb.session.project, intake);
    let (edit, summary) = match staged {
        Ok((_, edit, summary)) => (edit, summary),
        Err(e) => {
            wb.dialogs.report("Could not import", e.to_string());
            return;
        }
    };
    let label = if summary.annotations > 0 {
        "Import Annotations"
    } else if summary.documents.len() == 1 {
        "Import Article"
    } else {
        "Import Articles"
    };
    // JSONL and W3C exports bring annotations onto documents already here.
    let has_content = !summary.documents.is_empty() || summary.annotations > 0;
    if has_content && wb.edit(ctx, Ok(edit), label, None) {
        if let Some(first) = summary.documents.first().copied() {
            wb.view.document = Some(first);
            wb.view.article_scroll_to = Some(0);
        }
        wb.view.selected = None;
        wb.view.text_selection = None;
        wb.toasts.info(
            ctx,
            format!(
                "Imported {} and {}",
                counted(summary.documents.len(), "document"),
                counted(summary.annotations, "annotation")
            ),
        );
    }
    for (path, reason) in summary.skipped {
        let name = crate::ui::file_name(&path);
        wb.toasts.warning(ctx, format!("Skipped {name}: {reason}"));
    }
    if were_refusals_shown && !summary.refused.is_empty() {
        let count = summary.refused.len();
        wb.toasts.warning(
            ctx,
            if count == 1 {
                "1 file or article was not imported".to_owned()
            } else {
                format!("{count} files or articles were not imported")
            },
        );
    } else if !summary.refused.is_empty() {
        let lines: Vec<String> = summary.refused.iter().map(ToString::to_string).collect();
        let title = if has_content {
            "Some files were not imported"
        } else {
            "Could not import"
        };
        wb.dialogs.report(title, lines.join("\n"));
    }
}

/// Opens the Document Properties dialog for `document`.
pub(super) fn open_properties(wb: &mut Workbench, document: Option<DocumentId>) {
    let Some(id) = document.filter(|id| wb.session.project.document(*id).is_some()) else {
        return;
    };
    wb.dialogs.open(Dialog::DocumentProperties(id));
}

/// The Document Properties dialog's answer: new properties are one undoable edit.
pub(super) fn answer_properties(wb: &mut Workbench, ctx: &egui::Context, answer: PropertiesAnswer) {
    if !matches!(wb.dialogs.current, Dialog::DocumentProperties(_)) {
        return;
    }
    wb.dialogs.close();
    let PropertiesAnswer::Apply(id, meta) = answer else {
        return;
    };
    let edit = wb.session.project.set_document_meta(id, meta);
    wb.edit_unless_no_op(ctx, Ok(edit), "Document Properties");
}
