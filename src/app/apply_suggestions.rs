//! Applying the suggestion commands: the ghost toggle, Tab between suggestions, accepting
//! (one undo step, creating the speaker's actor if needed, or filling in an overlapping
//! annotation), rejecting (remembered in the project), and accepting every
//! high-confidence suggestion of the document at once.

use super::StanceApp;
use crate::attribution::{self, Effect, Suggestion, Tier};
use crate::model::Span;
use crate::ui::commands::Command;
use crate::ui::suggestion_card::{filled_fields, speaker_name};

impl StanceApp {
    /// Whether a suggestion command's key acts now. Bare A and X act only on a suggestion,
    /// and Tab only while suggestions show, so otherwise those keys stay free (Tab moves
    /// the keyboard focus as usual).
    pub(super) fn is_suggestion_key_live(&self, command: Command) -> bool {
        let view = &self.view;
        let Some(document) = view.document else {
            return !is_review_key(command);
        };
        // Ghosts live in the article view only; elsewhere A and Tab mean other things.
        let is_on = self.prefs.show_suggestions
            && view.link.is_none()
            && view.main_view == super::view::MainView::Article;
        match command {
            Command::AcceptSuggestion | Command::RejectSuggestion => {
                is_on && view.suggestions.target(document).is_some()
            }
            Command::NextSuggestion | Command::PreviousSuggestion => {
                is_on && !view.suggestions.list(document).is_empty()
            }
            _ => true,
        }
    }

    pub(super) fn run_suggestion_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::ToggleSuggestions => {
                self.prefs.show_suggestions = !self.prefs.show_suggestions;
                if self.prefs.show_suggestions {
                    self.toasts.info(
                        ctx,
                        "Suggestions show as dashed outlines: Tab moves to the next, A accepts, X rejects",
                    );
                }
            }
            Command::NextSuggestion => self.step_suggestion(ctx, true),
            Command::PreviousSuggestion => self.step_suggestion(ctx, false),
            Command::AcceptSuggestion => self.accept_target(ctx),
            Command::RejectSuggestion => self.reject_target(ctx),
            Command::AcceptHighConfidence => self.accept_high_confidence(ctx),
            _ => {}
        }
    }

    /// Focuses the suggestion with these content ranges; `scroll` brings it into view.
    pub(super) fn focus_suggestion(
        &mut self,
        ctx: &egui::Context,
        content: Vec<Span>,
        scroll: bool,
    ) {
        let Some(document) = self.view.document else {
            return;
        };
        let start = content.first().map(|r| r.start);
        // One thing at a time: A and Delete must not both have something to act on.
        self.view.selected = None;
        self.view.text_selection = None;
        self.view.suggestions.focused = Some((document, content));
        if scroll {
            self.view.article_scroll_to = start;
        }
        ctx.request_repaint();
    }

    /// Tab / Shift+Tab: the next or previous suggestion after the focused one, else after
    /// the text selection or the selected annotation, else from the top; wraps around.
    fn step_suggestion(&mut self, ctx: &egui::Context, is_forward: bool) {
        // Tab belongs to the suggestions now, not to egui's focus cycling.
        ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        let Some(document) = self.view.document else {
            return;
        };
        if !self.prefs.show_suggestions {
            // From the menu with the ghosts hidden: show them first.
            self.run_suggestion_command(ctx, Command::ToggleSuggestions);
            return;
        }
        let list = self.view.suggestions.list(document);
        if list.is_empty() {
            self.toasts.info(ctx, "No suggestions in this document");
            return;
        }
        let count = list.len();
        let index = match self.view.suggestions.focused_in(document) {
            Some((i, _)) if is_forward => (i + 1) % count,
            Some((i, _)) => (i + count - 1) % count,
            None => {
                let from = self.caret_offset();
                let starts = |s: &Suggestion| s.extent().start;
                if is_forward {
                    list.iter().position(|s| starts(s) >= from).unwrap_or(0)
                } else {
                    (list.iter().rposition(|s| starts(s) < from)).unwrap_or(count - 1)
                }
            }
        };
        if let Some(content) = list.get(index).map(|s| s.content.clone()) {
            self.focus_suggestion(ctx, content, true);
        }
    }

    /// Where Tab starts from without a focused suggestion.
    fn caret_offset(&self) -> usize {
        if let Some(selection) = self.view.text_selection {
            return selection.start;
        }
        (self.view.selected)
            .and_then(|id| self.session.project.annotation(id))
            .map_or(0, |a| a.extent().start)
    }

    /// A: the focused (or pointed-at) suggestion becomes an annotation, or fills in the one
    /// it overlaps; the focus moves on to the next suggestion.
    fn accept_target(&mut self, ctx: &egui::Context) {
        let Some((document, suggestion, next)) = self.review_target() else {
            return;
        };
        let project = &self.session.project;
        let effect = attribution::suggestion_effect(project, document, &suggestion);
        let message = accepted_message(project, &suggestion, &effect);
        let edit = attribution::accept_suggestions(
            project,
            document,
            std::slice::from_ref(&suggestion),
            self.edit_context(),
        )
        .map(|(edit, _)| edit);
        if self.edit(ctx, edit, "Accept Suggestion", None) {
            self.toasts.info(ctx, message);
            self.after_review(ctx, document, &suggestion, next);
        }
    }

    /// X: the suggestion is remembered as rejected and not suggested again.
    fn reject_target(&mut self, ctx: &egui::Context) {
        let Some((document, suggestion, next)) = self.review_target() else {
            return;
        };
        let edit = attribution::reject_suggestion(&self.session.project, document, &suggestion);
        if self.edit(ctx, edit, "Reject Suggestion", None) {
            self.toasts
                .info(ctx, "Suggestion rejected; it will not be suggested again");
            self.after_review(ctx, document, &suggestion, next);
        }
    }

    /// The suggestion A and X act on, and the content of the one after it if it is focused.
    fn review_target(&self) -> Option<(crate::model::DocumentId, Suggestion, Option<Vec<Span>>)> {
        let document = self.view.document?;
        let view = &self.view.suggestions;
        let suggestion = view.target(document)?.clone();
        let next = view.focused_in(document).and_then(|(i, _)| {
            let list = view.list(document);
            list.get(i + 1)
                .or_else(|| i.checked_sub(1).and_then(|p| list.get(p)))
                .map(|s| s.content.clone())
        });
        Some((document, suggestion, next))
    }

    fn after_review(
        &mut self,
        ctx: &egui::Context,
        document: crate::model::DocumentId,
        done: &Suggestion,
        next: Option<Vec<Span>>,
    ) {
        let view = &mut self.view.suggestions;
        view.remove(document, &done.content);
        view.hovered = None;
        view.focused = None;
        if let Some(next) = next {
            self.focus_suggestion(ctx, next, true);
        }
    }

    /// Project → Accept All High-Confidence Suggestions, for the current document, as one
    /// undo step. Found afresh, so it never acts on an analysis older than the project.
    fn accept_high_confidence(&mut self, ctx: &egui::Context) {
        let Some(document) = self.view.document else {
            return;
        };
        let project = &self.session.project;
        let high: Vec<Suggestion> = (attribution::pending_suggestions(project, document)
            .into_iter())
        .filter(|s| s.tier == Tier::High)
        .collect();
        if high.is_empty() {
            self.toasts
                .info(ctx, "No high-confidence suggestions left in this document");
            return;
        }
        let result = attribution::accept_suggestions(project, document, &high, self.edit_context());
        let summary = result.as_ref().ok().map(|(_, summary)| summary.clone());
        let edit = result.map(|(edit, _)| edit);
        if self.edit(ctx, edit, "Accept High-Confidence Suggestions", None)
            && let Some(summary) = summary
        {
            let view = &mut self.view.suggestions;
            for s in &high {
                view.remove(document, &s.content);
            }
            view.focused = None;
            let accepted = summary.added + summary.filled;
            self.toasts.info(
                ctx,
                format!(
                    "Accepted {accepted} high-confidence suggestion(s): {} added, {} filled in, {} new actor(s)",
                    summary.added,
                    summary.filled,
                    summary.new_actors.len()
                ),
            );
        }
    }
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
fn accepted_message(
    project: &crate::model::Project,
    suggestion: &Suggestion,
    effect: &Effect,
) -> String {
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
