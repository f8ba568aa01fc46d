//! The attribution controller: the suggestion engine's [`Suggestion`]s shown as ghosts —
//! analysed on a worker thread (whose results arrive as intents) and kept per document for
//! the project state they were found for — which one the analyst has focused or points at,
//! and the review commands: Tab between them, accept (one undo step, creating the speaker's
//! actor if needed, or filling in an overlapping annotation), reject (remembered in the
//! project), and accept every high-confidence suggestion of the document at once. Never
//! saved; the toggle lives in the preferences.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use super::intent::Intent;
use super::view::MainView;
use super::workbench::Workbench;
use crate::analysis::wording::counted;
use crate::attribution::{self, Effect, Suggestion, Tier, pending};
use crate::model::{
    AnnotationId, Attribution as AttributionType, DerivedCache, DocumentId, Project, ProjectKey,
    RejectedSuggestion, Span,
};
use crate::ui::article::GhostInput;
use crate::ui::commands::Command;
use crate::ui::suggestion_card::{filled_fields, speaker_name};

/// Documents whose suggestions are kept; switching between a few does not re-analyse them.
const MAX_CACHED_DOCUMENTS: usize = 16;

/// The suggestions of the documents analysed, the analysis running, and the focus. Starts
/// over with each project.
#[derive(Debug, Default)]
pub(super) struct Attribution {
    /// Each document's suggestions, for the project state they were found for (possibly
    /// older than the current one while the next analysis runs).
    cache: HashMap<DocumentId, DerivedCache<(), Analysed>>,
    job: Option<Job>,
    /// The state an analysis died on: not retried until the project changes.
    failed: Option<(DocumentId, ProjectKey)>,
    /// The suggestion moved to with Tab or a click: its document and content ranges, which
    /// survive a re-analysis (an index would not).
    focused: Option<(DocumentId, Vec<Span>)>,
    /// The suggestion under the pointer last frame.
    hovered: Option<Vec<Span>>,
    /// Where the last suggestion reviewed (accepted or rejected) started: Tab goes on from
    /// there to the next one, so A, Tab, A never skips a suggestion.
    reviewed_at: Option<Reviewed>,
}

/// Which suggestions an "Accept all" takes.
#[derive(Clone, Copy, Debug)]
enum Bulk {
    HighConfidence,
    WithSpeaker,
}

impl Bulk {
    fn picks(self, s: &Suggestion) -> bool {
        match self {
            Self::HighConfidence => s.tier == Tier::High,
            Self::WithSpeaker => s.speaker.is_some(),
        }
    }

    /// What they are called in messages, in the plural.
    fn what(self) -> &'static str {
        match self {
            Self::HighConfidence => "high-confidence suggestions",
            Self::WithSpeaker => "suggestions with a speaker",
        }
    }

    /// `count` of them as messages name them: "1 high-confidence suggestion",
    /// "3 suggestions with a speaker".
    fn counted(self, count: usize) -> String {
        match self {
            Self::HighConfidence => counted(count, "high-confidence suggestion"),
            Self::WithSpeaker => format!("{} with a speaker", counted(count, "suggestion")),
        }
    }

    fn undo_label(self) -> &'static str {
        match self {
            Self::HighConfidence => "Accept High-Confidence Suggestions",
            Self::WithSpeaker => "Accept Suggestions with a Speaker",
        }
    }
}

/// The suggestion last accepted or rejected: where it started, and what it left selected
/// (the accepted annotation). Tab goes on from it while that selection stands.
#[derive(Debug)]
struct Reviewed {
    document: DocumentId,
    start: usize,
    selected: Option<AnnotationId>,
}

/// One document's suggestions, for one project state.
#[derive(Debug)]
struct Analysed {
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

impl Attribution {
    /// The suggestions shown for `document` (empty before its first analysis).
    pub(super) fn list(&self, document: DocumentId) -> &[Suggestion] {
        self.analysed(document)
            .map_or(&[], |a| a.suggestions.as_ref())
    }

    /// `document`'s suggestions last found, whatever project state they were found for.
    fn analysed(&self, document: DocumentId) -> Option<&Analysed> {
        self.cache.get(&document).and_then(DerivedCache::last)
    }

    /// True if `document`'s suggestions were found for the project as it is now.
    fn is_current(&self, document: DocumentId, project: ProjectKey) -> bool {
        (self.cache.get(&document)).is_some_and(|c| c.is_current(project, &()))
    }

    /// What the article draws for `document`.
    pub(super) fn ghost_input(&self, document: DocumentId) -> Option<GhostInput> {
        let analysed = self.analysed(document)?;
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
        if let Some(analysed) = self
            .cache
            .get_mut(&document)
            .and_then(DerivedCache::last_mut)
        {
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

    /// The current document's suggestions as the article draws them, while they show.
    pub(super) fn ghosts(&self, wb: &Workbench) -> Option<GhostInput> {
        let document = wb.view.document?;
        if !wb.prefs.show_suggestions {
            return None;
        }
        self.ghost_input(document)
    }

    /// The suggestion under the pointer last frame, by its content ranges.
    pub(super) fn hovered(&self) -> Option<&[Span]> {
        self.hovered.as_deref()
    }

    /// The suggestion A and X would act on in `document`, if there is one.
    pub(super) fn has_target(&self, document: Option<DocumentId>) -> bool {
        document.is_some_and(|d| self.target(d).is_some())
    }

    /// Once per frame, while suggestions show in the article: a finished analysis, as an
    /// intent.
    pub(super) fn poll(&mut self, wb: &Workbench, intents: &mut Vec<Intent>) {
        if wb.view.document.is_none() || !is_shown(wb) {
            return;
        }
        let Some(job) = &self.job else {
            return;
        };
        match job.receiver.try_recv() {
            Ok(suggestions) => {
                if let Some(job) = self.job.take() {
                    intents.push(Intent::SuggestionsFound {
                        document: job.document,
                        key: job.key,
                        suggestions,
                    });
                }
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                if let Some(job) = self.job.take() {
                    intents.push(Intent::SuggestionsFailed {
                        document: job.document,
                        key: job.key,
                    });
                }
            }
        }
    }

    /// Keeps a finished analysis. One made before the latest edits still hides what was
    /// accepted or rejected since.
    pub(super) fn found(
        &mut self,
        project: &Project,
        document: DocumentId,
        key: ProjectKey,
        mut suggestions: Vec<Suggestion>,
    ) {
        let generation = Self::fresh_generation();
        let cached = self.cache.entry(document).or_default();
        let removed = if key == project.key() {
            Vec::new()
        } else {
            (cached.last_mut()).map_or_else(Vec::new, |a| std::mem::take(&mut a.removed))
        };
        suggestions.retain(|s| !removed.contains(&s.content));
        cached.clear();
        cached.get_or_build(key, (), || Analysed {
            suggestions: suggestions.into(),
            generation,
            removed,
        });
    }

    /// An analysis died: not retried until the project changes.
    pub(super) fn analysis_died(&mut self, document: DocumentId, key: ProjectKey) {
        self.failed = Some((document, key));
    }

    /// Once per frame before drawing: starts the analysis of the current document if its
    /// suggestions are older than the project (one job at a time: edits made meanwhile are
    /// caught up by the next one), and drops a focus the user has left (by selecting text or
    /// an annotation).
    pub(super) fn refresh(&mut self, wb: &Workbench, ctx: &egui::Context) {
        let Some(document) = wb.view.document else {
            return;
        };
        // Ghosts live in the article view: in the compare view nothing shows them, so none
        // stays focused for a menu command to act on unseen, and no analysis runs per decision.
        if !is_shown(wb) {
            self.focused = None;
            self.hovered = None;
            return;
        }
        let project = &wb.session.project;
        if self.job.is_none() {
            let key = project.key();
            if self.cache.len() > MAX_CACHED_DOCUMENTS {
                self.cache.retain(|d, _| *d == document);
            }
            if !self.is_current(document, key) && self.failed != Some((document, key)) {
                self.start(project, document, ctx);
            }
        }
        let has_selection = wb.view.selected.is_some() || wb.view.text_selection.is_some();
        self.validate(project, document, has_selection);
    }

    /// Analyses copies of what the suggestions depend on, on a worker thread.
    fn start(&mut self, project: &Project, document: DocumentId, ctx: &egui::Context) {
        let Some(doc) = project.document(document).cloned() else {
            return;
        };
        let key = project.key();
        let actors = project.actors().to_vec();
        // The annotations are shared with the project, not copied.
        let annotations =
            project.annotations()[project.document_annotation_range(document)].to_vec();
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
        let is_fresh = self.is_current(document, project.key());
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

impl Attribution {
    /// Whether a suggestion command's key acts now. Bare A and X act only on a suggestion,
    /// and Tab only while suggestions show, so otherwise those keys stay free (Tab moves the
    /// keyboard focus as usual).
    pub(super) fn is_key_live(&self, wb: &Workbench, command: Command) -> bool {
        let view = &wb.view;
        let Some(document) = view.document else {
            return !is_review_key(command);
        };
        // Ghosts live in the article view only; elsewhere A and Tab mean other things.
        let is_on =
            wb.prefs.show_suggestions && view.link.is_none() && view.main_view == MainView::Article;
        if !is_review_key(command) {
            return true;
        }
        if matches!(
            command,
            Command::AcceptSuggestion | Command::RejectSuggestion
        ) {
            is_on && self.target(document).is_some()
        } else {
            is_on && !self.list(document).is_empty()
        }
    }

    /// View → Attribution Suggestions: the ghosts on or off.
    pub(super) fn toggle(wb: &mut Workbench, ctx: &egui::Context) {
        wb.prefs.show_suggestions = !wb.prefs.show_suggestions;
        if wb.prefs.show_suggestions {
            wb.toasts.info(
                ctx,
                "Suggestions show as dashed outlines: Tab moves to the next, A accepts, X rejects",
            );
        }
    }

    /// Focuses the suggestion with these content ranges; `scroll` brings it into view.
    pub(super) fn focus(
        &mut self,
        wb: &mut Workbench,
        ctx: &egui::Context,
        content: Vec<Span>,
        scroll: bool,
    ) {
        let Some(document) = wb.view.document else {
            return;
        };
        let start = content.first().map(|r| r.start);
        // One thing at a time: A and Delete must not both have something to act on.
        wb.view.selected = None;
        wb.view.text_selection = None;
        self.focused = Some((document, content));
        self.reviewed_at = None;
        if scroll {
            wb.view.article_scroll_to = start;
        }
        ctx.request_repaint();
    }

    /// The ghost under the pointer changed.
    pub(super) fn hover(&mut self, content: Option<Vec<Span>>) {
        self.hovered = content;
    }

    /// Esc cleared the selections: no suggestion stays focused either, and Tab starts again
    /// from the caret.
    pub(super) fn unfocus(&mut self) {
        self.focused = None;
        self.reviewed_at = None;
    }

    /// Tab / Shift+Tab: the next or previous suggestion after the focused one, else after
    /// the text selection or the selected annotation, else from the top; wraps around.
    pub(super) fn step(&mut self, wb: &mut Workbench, ctx: &egui::Context, is_forward: bool) {
        // Tab belongs to the suggestions now, not to egui's focus cycling.
        ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        let Some(document) = wb.view.document else {
            return;
        };
        if !wb.prefs.show_suggestions {
            // From the menu with the ghosts hidden: show them first.
            Self::toggle(wb, ctx);
            return;
        }
        let list = self.list(document);
        if list.is_empty() {
            wb.toasts.info(ctx, "No suggestions in this document");
            return;
        }
        let count = list.len();
        let index = match self.focused_in(document) {
            Some((i, _)) if is_forward => (i + 1) % count,
            Some((i, _)) => (i + count - 1) % count,
            None => {
                let from = match &self.reviewed_at {
                    Some(r)
                        if r.document == document
                            && r.selected == wb.view.selected
                            && wb.view.text_selection.is_none() =>
                    {
                        r.start
                    }
                    _ => caret_offset(wb),
                };
                let starts = |s: &Suggestion| s.extent().start;
                if is_forward {
                    list.iter().position(|s| starts(s) >= from).unwrap_or(0)
                } else {
                    (list.iter().rposition(|s| starts(s) < from)).unwrap_or(count - 1)
                }
            }
        };
        if let Some(content) = list.get(index).map(|s| s.content.clone()) {
            self.focus(wb, ctx, content, true);
        }
    }

    /// A: the focused (or pointed-at) suggestion becomes an annotation, or fills in the one
    /// it overlaps; that annotation is selected, so a tag key or the editor acts on it at
    /// once, and Tab goes on to the next suggestion.
    pub(super) fn accept(&mut self, wb: &mut Workbench, ctx: &egui::Context) {
        let Some((document, suggestion)) = self.review_target(wb) else {
            return;
        };
        let project = &wb.session.project;
        let effect = attribution::suggestion_effect(project, document, &suggestion);
        let message = accepted_message(project, &suggestion, &effect);
        let edit = attribution::accept_suggestions(
            project,
            document,
            std::slice::from_ref(&suggestion),
            wb.edit_context(),
        )
        .map(|(edit, _)| edit);
        if wb.edit(ctx, edit, "Accept Suggestion", None) {
            wb.toasts.info(ctx, message);
            self.after_review(document, &suggestion);
            let accepted = match effect {
                Effect::Fill { annotation, .. } => Some(annotation),
                Effect::Add { .. } | Effect::Nothing => (wb.session.project)
                    .annotations_of(document)
                    .find(|a| a.ranges == suggestion.content)
                    .map(|a| a.id),
            };
            wb.view.text_selection = None;
            wb.view.selected = accepted;
            if let Some(reviewed) = &mut self.reviewed_at {
                reviewed.selected = accepted;
            }
        }
    }

    /// X: the suggestion is remembered as rejected and not suggested again; Tab goes on to
    /// the next one.
    pub(super) fn reject(&mut self, wb: &mut Workbench, ctx: &egui::Context) {
        let Some((document, suggestion)) = self.review_target(wb) else {
            return;
        };
        let edit = attribution::reject_suggestion(&wb.session.project, document, &suggestion);
        if wb.edit(ctx, edit, "Reject Suggestion", None) {
            wb.toasts
                .info(ctx, "Suggestion rejected; it will not be suggested again");
            self.after_review(document, &suggestion);
        }
    }

    /// The suggestion A and X act on, with its document.
    fn review_target(&self, wb: &Workbench) -> Option<(DocumentId, Suggestion)> {
        let document = wb.view.document?;
        let suggestion = self.target(document)?.clone();
        Some((document, suggestion))
    }

    /// A suggestion was accepted or rejected: it leaves the list and the focus, and Tab
    /// goes on from where it started. The focus does not jump ahead by itself: the
    /// analyst's next Tab would then skip the suggestion it jumped to.
    fn after_review(&mut self, document: DocumentId, done: &Suggestion) {
        self.remove(document, &done.content);
        self.hovered = None;
        self.focused = None;
        self.reviewed_at = Some(Reviewed {
            document,
            start: done.extent().start,
            selected: None,
        });
    }

    /// Project → Accept All High-Confidence Suggestions, for the current document, as one
    /// undo step.
    pub(super) fn accept_high_confidence(&mut self, wb: &mut Workbench, ctx: &egui::Context) {
        self.accept_all(wb, ctx, Bulk::HighConfidence);
    }

    /// Project → Accept All Suggestions with a Speaker (and the suggestion list's button), for
    /// the current document, as one undo step.
    pub(super) fn accept_with_speaker(&mut self, wb: &mut Workbench, ctx: &egui::Context) {
        self.accept_all(wb, ctx, Bulk::WithSpeaker);
    }

    /// Accepts the current document's suggestions that `bulk` picks, as one undo step. Found
    /// afresh, so it never acts on an analysis older than the project.
    fn accept_all(&mut self, wb: &mut Workbench, ctx: &egui::Context, bulk: Bulk) {
        let Some(document) = wb.view.document else {
            return;
        };
        let project = &wb.session.project;
        let chosen: Vec<Suggestion> = (attribution::pending_suggestions(project, document)
            .into_iter())
        .filter(|s| bulk.picks(s))
        .collect();
        if chosen.is_empty() {
            wb.toasts
                .info(ctx, format!("No {} left in this document", bulk.what()));
            return;
        }
        let result = attribution::accept_suggestions(project, document, &chosen, wb.edit_context());
        let summary = result.as_ref().ok().map(|(_, summary)| summary.clone());
        let edit = result.map(|(edit, _)| edit);
        if wb.edit(ctx, edit, bulk.undo_label(), None)
            && let Some(summary) = summary
        {
            for s in &chosen {
                self.remove(document, &s.content);
            }
            self.focused = None;
            let accepted = summary.added + summary.filled;
            wb.toasts.info(
                ctx,
                format!(
                    "Accepted {}: {} added, {} filled in, {}",
                    bulk.counted(accepted),
                    summary.added,
                    summary.filled,
                    counted(summary.new_actors.len(), "new actor")
                ),
            );
        }
    }

    /// The suggestion list's "Reject all" of one type, for the current document, as one undo
    /// step; none of them is suggested again.
    pub(super) fn reject_of_type(
        &mut self,
        wb: &mut Workbench,
        ctx: &egui::Context,
        kind: AttributionType,
    ) {
        let Some(document) = wb.view.document else {
            return;
        };
        let project = &wb.session.project;
        let chosen: Vec<Suggestion> = (attribution::pending_suggestions(project, document)
            .into_iter())
        .filter(|s| s.attribution == kind)
        .collect();
        if chosen.is_empty() {
            wb.toasts
                .info(ctx, format!("No {kind} suggestions left in this document"));
            return;
        }
        let edit = attribution::reject_suggestions(project, document, &chosen);
        if wb.edit(ctx, edit, "Reject Suggestions", None) {
            for s in &chosen {
                self.remove(document, &s.content);
            }
            self.focused = None;
            wb.toasts.info(
                ctx,
                format!(
                    "Rejected {}; {} not be suggested again",
                    counted(chosen.len(), &format!("{kind} suggestion")),
                    if chosen.len() == 1 {
                        "it will"
                    } else {
                        "they will"
                    }
                ),
            );
        }
    }

    /// View → Suggestion List: the side panel on or off; it shows the ghosts too, since the
    /// list goes through them.
    pub(super) fn toggle_list(wb: &mut Workbench, ctx: &egui::Context) {
        wb.prefs.show_suggestion_list = !wb.prefs.show_suggestion_list;
        if wb.prefs.show_suggestion_list && !wb.prefs.show_suggestions {
            Self::toggle(wb, ctx);
        }
    }

    /// The suggestions shown for the current document (empty while hidden or not yet found).
    pub(super) fn shown(&self, wb: &Workbench) -> &[Suggestion] {
        match wb.view.document {
            Some(document) if wb.prefs.show_suggestions => self.list(document),
            _ => &[],
        }
    }

    /// True while the current document's suggestions are being found, or are older than the
    /// project (a new analysis starts on the next frame).
    pub(super) fn is_analysing_now(&self, wb: &Workbench) -> bool {
        let key = wb.session.project.key();
        self.is_analysing()
            || wb.view.document.is_some_and(|d| {
                wb.prefs.show_suggestions
                    && !self.is_current(d, key)
                    && self.failed != Some((d, key))
            })
    }

    /// The focused suggestion of the current document.
    pub(super) fn focused_now(&self, wb: &Workbench) -> Option<&Suggestion> {
        let document = wb.view.document?;
        self.focused_in(document).map(|(_, s)| s)
    }
}

/// Suggestions show while asked for, over the article (not in the analysis or compare view).
fn is_shown(wb: &Workbench) -> bool {
    wb.prefs.show_suggestions && wb.view.main_view == MainView::Article
}

/// Where Tab starts from without a focused suggestion.
fn caret_offset(wb: &Workbench) -> usize {
    if let Some(selection) = wb.view.text_selection {
        return selection.start;
    }
    (wb.view.selected)
        .and_then(|id| wb.session.project.annotation(id))
        .map_or(0, |a| a.extent().start)
}

/// The commands whose keys only act on suggestions.
fn is_review_key(command: Command) -> bool {
    matches!(
        command,
        Command::AcceptSuggestion
            | Command::RejectSuggestion
            | Command::NextSuggestion
            | Command::PreviousSuggestion
    )
}

/// The status message after accepting one suggestion.
fn accepted_message(project: &Project, suggestion: &Suggestion, effect: &Effect) -> String {
    match effect {
        Effect::Fill { .. } => format!(
            "Filled in the {} of the existing annotation",
            filled_fields(effect)
        ),
        _ => {
            let tag = project.schema().name(suggestion.tag());
            match speaker_name(project, suggestion) {
                Some(name) => format!("Accepted as {tag} by {name}"),
                None => format!("Accepted as {tag}"),
            }
        }
    }
}
