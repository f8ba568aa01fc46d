//! [`SuggestionView`]: the attribution suggestions shown as ghosts, analysed on a worker
//! thread and cached per document by the project state they were found for, and which one
//! the analyst has focused or points at. Never saved; the toggle lives in the preferences.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use super::StanceApp;
use crate::attribution::{Suggestion, pending};
use crate::model::{DocumentId, Project, ProjectKey, RejectedSuggestion, Span};
use crate::ui::article::GhostInput;

/// Documents whose suggestions are kept; switching between a few does not re-analyse them.
const MAX_CACHED_DOCUMENTS: usize = 16;

/// The suggestions of the documents analysed, the analysis running, and the focus.
#[derive(Debug, Default)]
pub(super) struct SuggestionView {
    cache: HashMap<DocumentId, Analysed>,
    job: Option<Job>,
    /// The state an analysis died on: not retried until the project changes.
    failed: Option<(DocumentId, ProjectKey)>,
    /// The suggestion moved to with Tab or a click: its document and content ranges, which
    /// survive a re-analysis (an index would not).
    pub(super) focused: Option<(DocumentId, Vec<Span>)>,
    /// The suggestion under the pointer last frame.
    pub(super) hovered: Option<Vec<Span>>,
}

/// One document's suggestions, for one project state (possibly older than the current one
/// while the next analysis runs).
#[derive(Debug)]
struct Analysed {
    key: ProjectKey,
    suggestions: Arc<[Suggestion]>,
    /// Tells the article its ghosts changed.
    generation: u64,
    /// Contents accepted or rejected since: hidden from results of older analyses, which
    /// would otherwise bring them back until the next one is in.
    removed: Vec<Vec<Span>>,
}

/// An analysis on a worker thread.
#[derive(Debug)]
struct Job {
    document: DocumentId,
    key: ProjectKey,
    receiver: Receiver<Vec<Suggestion>>,
}

impl SuggestionView {
    /// The suggestions shown for `document` (empty before its first analysis).
    pub(super) fn list(&self, document: DocumentId) -> &[Suggestion] {
        self.cache
            .get(&document)
            .map_or(&[], |a| a.suggestions.as_ref())
    }

    /// What the article draws for `document`.
    pub(super) fn ghost_input(&self, document: DocumentId) -> Option<GhostInput> {
        let analysed = self.cache.get(&document)?;
        let focused = (self.focused.as_ref())
            .filter(|(d, _)| *d == document)
            .and_then(|(_, content)| self.position(document, content));
        Some(GhostInput {
            generation: analysed.generation,
            suggestions: Arc::clone(&analysed.suggestions),
            focused,
        })
    }

    /// Where the suggestion with these content ranges is in `document`'s list.
    pub(super) fn position(&self, document: DocumentId, content: &[Span]) -> Option<usize> {
        (self.list(document).iter()).position(|s| s.content == content)
    }

    /// The focused suggestion of `document`, with its index.
    pub(super) fn focused_in(&self, document: DocumentId) -> Option<(usize, &Suggestion)> {
        let (d, content) = self.focused.as_ref()?;
        if *d != document {
            return None;
        }
        let index = self.position(document, content)?;
        Some((index, self.list(document).get(index)?))
    }

    /// What A and X act on: the focused suggestion, else the one under the pointer.
    pub(super) fn target(&self, document: DocumentId) -> Option<&Suggestion> {
        if let Some((_, s)) = self.focused_in(document) {
            return Some(s);
        }
        let content = self.hovered.as_ref()?;
        let index = self.position(document, content)?;
        self.list(document).get(index)
    }

    /// Takes a suggestion off the list at once (accepted or rejected): the next analysis
    /// would drop it too, but only after it has run.
    pub(super) fn remove(&mut self, document: DocumentId, content: &[Span]) {
        let generation = Self::fresh_generation();
        if let Some(analysed) = self.cache.get_mut(&document) {
            analysed.suggestions = (analysed.suggestions.iter())
                .filter(|s| s.content != content)
                .cloned()
                .collect();
            analysed.generation = generation;
            analysed.removed.push(content.to_vec());
        }
    }

    /// True while an analysis runs.
    pub(super) fn is_analysing(&self) -> bool {
        self.job.is_some()
    }

    /// A generation no other list has had, in any project: the view state (and this
    /// struct) starts over with each project, and a counter of its own would repeat, so the
    /// article could keep a stale ghost index.
    fn fresh_generation() -> u64 {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    /// Takes a finished analysis, then starts one for `document` if its suggestions are
    /// older than `project`. One job at a time: edits made meanwhile are caught up by the
    /// next one.
    fn refresh(&mut self, project: &Project, document: DocumentId, ctx: &egui::Context) {
        if let Some(job) = &self.job {
            match job.receiver.try_recv() {
                Ok(suggestions) => {
                    let generation = Self::fresh_generation();
                    if let Some(job) = self.job.take() {
                        let current = project.key();
                        self.take_result(job.document, job.key, suggestions, current, generation);
                    }
                }
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => {
                    self.failed = self.job.take().map(|j| (j.document, j.key));
                }
            }
        }
        let key = project.key();
        self.cache.retain(|_, a| a.key.identity == key.identity);
        if self.cache.len() > MAX_CACHED_DOCUMENTS {
            self.cache.retain(|d, _| *d == document);
        }
        let is_current = self.cache.get(&document).is_some_and(|a| a.key == key);
        if is_current || self.failed == Some((document, key)) {
            return;
        }
        self.start(project, document, ctx);
    }

    /// Keeps a finished analysis. One made before the latest edits still hides what was
    /// accepted or rejected since.
    fn take_result(
        &mut self,
        document: DocumentId,
        key: ProjectKey,
        mut suggestions: Vec<Suggestion>,
        current: ProjectKey,
        generation: u64,
    ) {
        let removed = if key == current {
            Vec::new()
        } else {
            (self.cache.remove(&document)).map_or_else(Vec::new, |a| a.removed)
        };
        suggestions.retain(|s| !removed.contains(&s.content));
        self.cache.insert(
            document,
            Analysed {
                key,
                suggestions: suggestions.into(),
                generation,
                removed,
            },
        );
    }

    /// Analyses copies of what the suggestions depend on, on a worker thread.
    fn start(&mut self, project: &Project, document: DocumentId, ctx: &egui::Context) {
        let Some(doc) = project.document(document).cloned() else {
            return;
        };
        let key = project.key();
        let actors = project.actors().to_vec();
        let annotations = project
            .annotations_of(document)
            .cloned()
            .collect::<Vec<_>>();
        let rejected: Vec<RejectedSuggestion> = project.rejections_of(document).cloned().collect();
        let (sender, receiver) = std::sync::mpsc::channel();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("suggest".to_owned())
            .spawn(move || {
                let found = pending(&doc, &actors, &annotations, &rejected);
                // The app may have moved on to another project; then nobody listens.
                let _sent = sender.send(found);
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.job = Some(Job {
                    document,
                    key,
                    receiver,
                });
            }
            Err(_) => self.failed = Some((document, key)),
        }
    }

    /// Drops a focus or hover that no longer points at a shown suggestion of `document`.
    fn validate(&mut self, project: &Project, document: DocumentId, has_selection: bool) {
        let is_fresh = (self.cache.get(&document)).is_some_and(|a| a.key == project.key());
        let is_gone = |content: &[Span]| is_fresh && self.position(document, content).is_none();
        let is_focus_stale = (self.focused.as_ref())
            .is_some_and(|(d, content)| *d != document || has_selection || is_gone(content));
        let is_hover_stale = self.hovered.as_deref().is_some_and(is_gone);
        if is_focus_stale {
            self.focused = None;
        }
        if is_hover_stale {
            self.hovered = None;
        }
    }
}

impl StanceApp {
    /// Once per frame before drawing: takes finished analyses, starts the next one, and
    /// drops a focus the user has left (by selecting text or an annotation).
    pub(super) fn refresh_suggestions(&mut self, ctx: &egui::Context) {
        let Some(document) = self.view.document else {
            return;
        };
        // Ghosts live in the article view: in the compare view nothing shows them, so none
        // stays focused for a menu command to act on unseen, and no analysis runs per decision.
        if !self.prefs.show_suggestions || self.view.main_view != super::view::MainView::Article {
            self.view.suggestions.focused = None;
            self.view.suggestions.hovered = None;
            return;
        }
        let project = &self.session.project;
        let has_selection = self.view.selected.is_some() || self.view.text_selection.is_some();
        let view = &mut self.view.suggestions;
        view.refresh(project, document, ctx);
        view.validate(project, document, has_selection);
    }

    /// The suggestions shown for the current document (empty while hidden or not yet found).
    #[must_use]
    pub fn suggestions(&self) -> &[Suggestion] {
        match self.view.document {
            Some(document) if self.prefs.show_suggestions => self.view.suggestions.list(document),
            _ => &[],
        }
    }

    /// True while the current document's suggestions are being found, or are older than
    /// the project (a new analysis starts on the next frame).
    #[must_use]
    pub fn is_analysing_suggestions(&self) -> bool {
        let view = &self.view.suggestions;
        view.is_analysing()
            || self.view.document.is_some_and(|d| {
                self.prefs.show_suggestions
                    && view
                        .cache
                        .get(&d)
                        .is_none_or(|a| a.key != self.session.project.key())
                    && view.failed != Some((d, self.session.project.key()))
            })
    }

    /// The focused suggestion of the current document.
    #[must_use]
    pub fn focused_suggestion(&self) -> Option<&Suggestion> {
        let document = self.view.document?;
        self.view.suggestions.focused_in(document).map(|(_, s)| s)
    }
}
