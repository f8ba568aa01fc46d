//! Importing files into a project: dispatches each path to the format that reads it.
//!
//! Articles go through the intake pipeline: [`read_intake`] reads every article file (plain
//! text and Markdown, Nexis and Factiva exports, PDF — told apart by content, whatever the
//! extension), without a project and off the UI thread if need be, into [`IncomingArticle`]s
//! with their metadata's sources, and the files or articles it refused with the reason.
//! [`stage_intake`] then adds them — skipping any whose text the project already has — and
//! the annotation files (brat, Stance exports) as before.
//!
//! Every change goes through the model's own [`Edit`]s on a staged copy, so a failure part-way
//! leaves the caller's project untouched and the GUI records the whole import as one undo step
//! ([`import_edit`]). In a batch, a file that cannot be read as an article is refused and
//! listed ([`ImportSummary::refused`]) while the good ones are added; an annotation file that
//! contradicts the project still stops the whole import.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::error::ImportError;
use super::file_kind::{FileKind, classify};
use super::file_name::{has_extension, lowercase_extension};
use super::folder::{FolderContents, is_readme, survey_folder};
use super::formats::article::{
    ArticlesRead, IncomingArticle, MetaSource, Origin, RefusedArticle, Sourced,
    TEXT_ARTICLE_EXTENSIONS, file_name_clues, read_text_article, title_from_path,
};
use super::formats::json::{
    EXPORT_FORMAT_NAME, JSONL_EXTENSION, import_jsonl_text, import_stance_json_text,
};
use super::formats::{brat, factiva, invalid, json_error, nexis, pdf, read_text, w3c};
use super::staging::{DocumentIntake, Staging};
use super::text_file::{decode_utf8, read_file_bytes};
use crate::model::{Edit, Project};

pub use super::staging::ImportSummary;

/// An article file larger than this is refused before it is read: a 300-page report is a few
/// megabytes, a Nexis export of 1,000 articles about ten.
pub const MAX_ARTICLE_BYTES: u64 = 128 * 1024 * 1024;

/// Imports files into `into`: articles become documents, annotation files add their
/// annotations. Articles that cannot be read are refused and listed in the summary; an
/// annotation file that cannot be imported stops the import, and then `into` is unchanged.
///
/// # Errors
/// The first annotation file that cannot be imported, naming it.
pub fn import_paths(paths: &[PathBuf], into: &mut Project) -> Result<ImportSummary, ImportError> {
    let (project, _, summary) = stage(paths, into)?;
    *into = project;
    Ok(summary)
}

/// The edit that imports `paths` into `project` (one [`Edit::Batch`]), for the GUI to apply
/// through its history so the import is one undo step.
///
/// # Errors
/// As [`import_paths`].
pub fn import_edit(
    paths: &[PathBuf],
    project: &Project,
) -> Result<(Edit, ImportSummary), ImportError> {
    let (_, edit, summary) = stage(paths, project)?;
    Ok((edit, summary))
}

fn stage(
    paths: &[PathBuf],
    project: &Project,
) -> Result<(Project, Edit, ImportSummary), ImportError> {
    stage_intake(project, read_intake(paths, &mut |_| {}))
}

/// What the paths given to an import hold, read without a project.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Intake {
    /// Every article read, in the order of the paths (a file's articles in file order).
    pub articles: Vec<IncomingArticle>,
    /// Files and articles that could not be read, with the reason.
    pub refused: Vec<RefusedArticle>,
    /// Annotation files and brat folders, imported by [`stage_intake`].
    pub annotation_files: Vec<PathBuf>,
    /// Files left out on purpose (a README in a folder of articles), with the reason.
    pub skipped: Vec<(PathBuf, String)>,
}

/// How far [`read_intake`] has come: file `file` of `files`, and within a PDF, page `page`
/// of `pages` (0 of 0 for other files).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadProgress {
    pub file: usize,
    pub files: usize,
    pub page: usize,
    pub pages: usize,
    pub path: PathBuf,
}

/// Reads every article the paths hold (folders of articles are opened; annotation files and
/// brat folders are set aside for [`stage_intake`]), calling `progress` as it goes.
#[must_use]
pub fn read_intake(paths: &[PathBuf], progress: &mut dyn FnMut(&ReadProgress)) -> Intake {
    let mut intake = Intake::default();
    let mut article_files = Vec::new();
    for path in paths {
        match classify(path) {
            FileKind::BratFolder => match survey_folder(path) {
                Ok(FolderContents::Articles(files)) => {
                    for file in files {
                        if is_readme(&file) {
                            let reason = "a README or licence, not an article".to_owned();
                            intake.skipped.push((file, reason));
                        } else {
                            article_files.push(file);
                        }
                    }
                }
                Ok(FolderContents::Brat | FolderContents::BratFolders(_)) => {
                    intake.annotation_files.push(path.clone());
                }
                Err(e) => intake.refused.push(refusal(path, &e)),
            },
            FileKind::Annotations => intake.annotation_files.push(path.clone()),
            FileKind::Project => intake.refused.push(refusal(
                path,
                &ImportError::Unsupported {
                    path: path.clone(),
                    what: "Stance projects (open them instead)".to_owned(),
                },
            )),
            FileKind::Article | FileKind::Unknown => article_files.push(path.clone()),
        }
    }
    let files = article_files.len();
    for (index, path) in article_files.iter().enumerate() {
        let mut at = ReadProgress {
            file: index + 1,
            files,
            page: 0,
            pages: 0,
            path: path.clone(),
        };
        progress(&at);
        let mut on_page = |page: usize, pages: usize| {
            at.page = page;
            at.pages = pages;
            progress(&at);
        };
        match read_article_file(path, &mut on_page) {
            Ok(read) => {
                intake.articles.extend(read.articles);
                intake.refused.extend(read.refused);
            }
            Err(e) => intake.refused.push(refusal(path, &e)),
        }
    }
    intake
}

/// A whole file refused: the error's message, less the file name the origin already gives.
fn refusal(path: &Path, error: &ImportError) -> RefusedArticle {
    let message = error.to_string();
    let named = path.display().to_string();
    let reason = message
        .strip_prefix(&named)
        .map(|rest| rest.trim_start_matches(':').trim_start())
        .filter(|rest| !rest.is_empty())
        .map_or_else(|| message.clone(), str::to_owned);
    RefusedArticle {
        origin: Origin::file(path),
        reason,
    }
}

/// What kind of article file a path holds, judged by its content (then its extension).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleFormat {
    Pdf,
    Nexis,
    Factiva,
    /// Plain text or Markdown.
    Text,
}

/// Reads one article file: the format is told from the content, whatever the extension; a
/// file whose name says no article and whose content is no export is refused.
///
/// # Errors
/// The file cannot be read, is too large, is not UTF-8 text nor a PDF, or its reader refused
/// it whole.
pub fn read_article_file(
    path: &Path,
    on_page: &mut dyn FnMut(usize, usize),
) -> Result<ArticlesRead, ImportError> {
    let bytes = read_file_bytes(path, MAX_ARTICLE_BYTES)
        .map_err(|e| ImportError::from_text_file(path, e))?;
    let is_text_extension = has_extension(path, TEXT_ARTICLE_EXTENSIONS);
    let unsupported = || ImportError::Unsupported {
        path: path.to_path_buf(),
        what: match lowercase_extension(path).as_str() {
            "" => "a file without an extension".to_owned(),
            extension => format!(".{extension} files"),
        },
    };
    if pdf::is_pdf(&bytes) {
        let read = pdf::read_pdf(path, &bytes, on_page)?;
        return Ok(with_file_fallbacks(path, read));
    }
    if let Some(read) = web_formats::read_web_formats(path, &bytes)? {
        return Ok(with_file_fallbacks(path, read));
    }
    if has_extension(path, pdf::PDF_EXTENSIONS) {
        return Err(invalid(
            path,
            None,
            "not a PDF: the file has no %PDF header",
        ));
    }
    let text = match decode_utf8(bytes) {
        Ok(text) => crate::model::text::normalize_text(&text),
        Err(_) if !is_text_extension => return Err(unsupported()),
        Err(e) => return Err(ImportError::from_text_file(path, e)),
    };
    let read = match text_format(&text) {
        Some(ArticleFormat::Nexis) => nexis::read_nexis(path, &text),
        Some(ArticleFormat::Factiva) => factiva::read_factiva(path, &text),
        _ if is_text_extension => ArticlesRead::one(read_text_article(path, &text)?),
        _ => return Err(unsupported()),
    };
    if read.articles.is_empty() && read.refused.is_empty() {
        return Err(ImportError::EmptyArticle {
            path: path.to_path_buf(),
        });
    }
    Ok(with_file_fallbacks(path, read))
}

/// The export a text is, if any.
#[must_use]
pub fn text_format(text: &str) -> Option<ArticleFormat> {
    if nexis::is_nexis(text) {
        Some(ArticleFormat::Nexis)
    } else if factiva::is_factiva(text) {
        Some(ArticleFormat::Factiva)
    } else {
        None
    }
}

/// A file's name fills what its articles lack: one article takes the file's date and title
/// (its stem); each of several without a title is called by the file and its number.
fn with_file_fallbacks(path: &Path, mut read: ArticlesRead) -> ArticlesRead {
    let file_name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    if let [only] = read.articles.as_mut_slice() {
        only.meta = std::mem::take(&mut only.meta).or(file_name_clues(&file_name));
        return read;
    }
    for (index, article) in read.articles.iter_mut().enumerate() {
        if article.meta.title.is_none() {
            let title = format!("{} {}", title_from_path(path), index + 1);
            article.meta.title = Some(Sourced::new(title, MetaSource::FileName));
        }
    }
    read
}

/// Adds what `intake` holds to a staged copy of `project`: its articles as documents (one
/// whose text the project already has is skipped, with a note), then its annotation files.
///
/// # Errors
/// An annotation file that cannot be imported, naming it.
pub fn stage_intake(
    project: &Project,
    intake: Intake,
) -> Result<(Project, Edit, ImportSummary), ImportError> {
    let mut staging = Staging::new(project);
    let mut known: HashMap<String, String> = (project.documents().iter())
        .map(|d| (d.text_hash.clone(), d.title.clone()))
        .collect();
    let mut last = PathBuf::new();
    for article in intake.articles {
        let origin = article.origin.clone();
        let meta = article.meta.clone();
        let path = match &origin {
            Origin::File { path, .. } => path.clone(),
            other => PathBuf::from(other.to_string()),
        };
        let document = article.into_document();
        if let Some(title) = known.get(&document.text_hash) {
            let place = match &origin {
                Origin::File {
                    part: Some(part), ..
                } => format!("{part}: "),
                _ => String::new(),
            };
            staging.skip(
                &path,
                format!("{place}the same text is already in the project as {title:?}"),
            );
            continue;
        }
        known.insert(document.text_hash.clone(), document.title.clone());
        let id = document.id;
        let index = staging.project().documents().len();
        staging.apply(
            &path,
            Edit::InsertDocument {
                index,
                document: Box::new(document),
            },
        )?;
        staging.summary.intake.push(DocumentIntake {
            document: id,
            origin,
            meta,
        });
        last = path;
    }
    for path in &intake.annotation_files {
        import_annotation_file(path, &mut staging)?;
        last.clone_from(path);
    }
    for (path, reason) in intake.skipped {
        staging.skip(&path, reason);
    }
    staging.summary.refused = intake.refused;
    // Pending annotations are all valid; an error here would name the last file.
    staging.finish(&last)
}

/// Dispatches one annotation file or brat folder by its kind.
fn import_annotation_file(path: &Path, staging: &mut Staging) -> Result<(), ImportError> {
    match classify(path) {
        FileKind::BratFolder => import_folder(path, staging),
        FileKind::Annotations if lowercase_extension(path) == brat::ANN_EXTENSION => {
            brat::import_brat_file(path, staging)
        }
        FileKind::Annotations => import_json_file(path, staging),
        FileKind::Project | FileKind::Article | FileKind::Unknown => {
            Err(ImportError::Unsupported {
                path: path.to_path_buf(),
                what: "this file as annotations".to_owned(),
            })
        }
    }
}

/// Imports a `.json`, `.jsonl` or `.jsonld` file: a Stance JSON export, Stance JSON Lines, or
/// W3C Web Annotation JSON-LD (told apart by content).
///
/// # Errors
/// Unreadable or malformed files, or data that contradicts the project.
pub fn import_json_file(path: &Path, staging: &mut Staging) -> Result<(), ImportError> {
    let text = read_text(path)?;
    if lowercase_extension(path) == JSONL_EXTENSION {
        return import_jsonl_text(path, &text, staging);
    }
    match json_kind(&text) {
        Some(JsonKind::StanceExport) => import_stance_json_text(path, &text, staging),
        Some(JsonKind::W3c) => w3c::import_w3c_text(path, &text, staging),
        None => match serde_json::from_str::<serde_json::Value>(&text) {
            Err(e) => Err(json_error(path, 0, &e)),
            Ok(_) => Err(invalid(
                path,
                None,
                format!(
                    "not a Stance export (\"format\": \"{EXPORT_FORMAT_NAME}\") nor W3C Web Annotation JSON-LD"
                ),
            )),
        },
    }
}

/// What kind of exchange file a `.json`/`.jsonld` holds, judged by its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    StanceExport,
    W3c,
}

/// Tells a Stance JSON export from a W3C Web Annotation file.
#[must_use]
pub fn json_kind(text: &str) -> Option<JsonKind> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    if value.get("format").and_then(|f| f.as_str()) == Some(EXPORT_FORMAT_NAME) {
        return Some(JsonKind::StanceExport);
    }
    let kind = value.get("type").and_then(|t| t.as_str());
    let w3c = value.get("@context").is_some()
        || matches!(
            kind,
            Some("AnnotationCollection" | "AnnotationPage" | "Annotation")
        );
    w3c.then_some(JsonKind::W3c)
}

/// A folder of annotations: one brat corpus, or every brat corpus in its subfolders (a folder
/// of articles is read by [`read_intake`]).
fn import_folder(dir: &Path, staging: &mut Staging) -> Result<(), ImportError> {
    match survey_folder(dir)? {
        FolderContents::Brat => brat::import_brat_folder(dir, staging),
        FolderContents::BratFolders(folders) => {
            for folder in folders {
                brat::import_brat_folder(&folder, staging)?;
            }
            Ok(())
        }
        FolderContents::Articles(_) => Err(ImportError::Unsupported {
            path: dir.to_path_buf(),
            what: "a folder of articles as annotations".to_owned(),
        }),
    }
}

mod web_formats;

#[cfg(test)]
mod tests;
