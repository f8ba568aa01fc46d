//! Applying intents, in one place: keyboard commands, panel actions and dialog answers
//! become model edits via the history, view-state changes and dialog changes.

use super::StanceApp;
use super::files::Pending;
use super::intent::{Dialog, Intent};
use super::keys::is_enabled;
use crate::model::{Actor, AnnotationId, Edit, EditError, Nudge, Span, SpanEnd};
use crate::ui::Action;
use crate::ui::commands::Command;
use crate::ui::prefs::Theme;

impl StanceApp {
    /// Applies `intents` in order, then drops view state they left pointing nowhere. The
    /// only place where the session, the view state and the open dialog change.
    pub(super) fn apply(&mut self, ctx: &egui::Context, intents: Vec<Intent>) {
        if intents.is_empty() {
            return;
        }
        for intent in intents {
            self.apply_intent(ctx, intent);
        }
        self.view.validate(&self.session.project);
        self.refresh_repair_problems();
    }

    fn apply_intent(&mut self, ctx: &egui::Context, intent: Intent) {
        match intent {
            Intent::Action(action) => self.apply_action(ctx, action),
            Intent::SetTextSelection(selection) => self.set_text_selection(selection),
            Intent::Deselect => self.view.selected = None,
            Intent::Hover(id) => {
                // The sidebar (drawn before the article) shows it on the next frame.
                self.view.hovered_in_article = id;
                ctx.request_repaint();
            }
            Intent::Drop(paths) => self.drop_files(ctx, paths),
            Intent::FileDialogAnswered(answer) => self.dialog_answered(ctx, &answer),
            Intent::SaveFinished(result) => self.background_save_finished(ctx, result),
            Intent::CloseRequested => self.request(ctx, Pending::Quit),
            Intent::Unsaved(choice) => self.answer_prompt(ctx, choice),
            Intent::DismissError => {
                self.errors.pop_front();
            }
            Intent::Overwrite(is_confirmed) => self.answer_overwrite(ctx, is_confirmed),
            Intent::Repair(choice) => self.answer_repair(ctx, choice),
            Intent::DeleteActor(is_confirmed) => {
                if let Dialog::ConfirmDeleteActor(id) = self.close_dialog()
                    && is_confirmed
                {
                    let edit = self.session.project.delete_actor(id, self.edit_context());
                    self.edit(ctx, edit, "Delete Actor", None);
                }
            }
            Intent::Export(request) => self.start_export_dialog(ctx, request),
            Intent::CloseDialog => {
                self.close_dialog();
            }
            Intent::Restore(choice) => self.answer_restore(ctx, choice),
            Intent::DiskChanged(choice) => self.answer_disk_changed(ctx, choice),
            Intent::SaveConflict(choice) => self.answer_save_conflict(ctx, choice),
            Intent::OpenInstead(choice) => self.answer_open_instead(ctx, choice),
            Intent::DocumentListWidth(width_px) => self.prefs.document_list_width_px = width_px,
            Intent::SidebarWidth(width_px) => self.prefs.sidebar_width_px = width_px,
            Intent::SidebarEditorHeight(height_px) => {
                self.prefs.sidebar_editor_height_px = height_px;
            }
            Intent::FocusSuggestion(content) => self.focus_suggestion(ctx, content, false),
            Intent::HoverSuggestion(content) => self.view.suggestions.hovered = content,
            Intent::ImportFolders(folders) => {
                self.close_dialog();
                if !folders.is_empty() {
                    self.import(ctx, &folders);
                }
            }
        }
    }

    /// Shows `dialog` in place of the open one. A needs-repair window waits behind it, as
    /// nothing else would bring it back.
    pub(super) fn open_dialog(&mut self, dialog: Dialog) {
        if let Dialog::Repair(repair) = std::mem::replace(&mut self.dialog, dialog) {
            self.repair_behind = Some(repair);
        }
    }

    /// Closes the open dialog and returns it; a needs-repair window it covered comes back.
    pub(super) fn close_dialog(&mut self) -> Dialog {
        let closed = std::mem::take(&mut self.dialog);
        if let Some(repair) = self.repair_behind.take() {
            self.dialog = Dialog::Repair(repair);
        }
        closed
    }

    pub(super) fn apply_action(&mut self, ctx: &egui::Context, action: Action) {
        let cx = self.edit_context();
        match action {
            Action::Command(command) => self.run_command(ctx, command),
            Action::SelectAnnotation { id, .. } if self.pick_link_target(id) => {}
            Action::SelectAnnotation { id, scroll_article } => {
                self.select(id, scroll_article, !scroll_article);
            }
            Action::ShowDocument(id) => {
                if self.session.project.document(id).is_some() && self.view.document != Some(id) {
                    self.view.document = Some(id);
                    self.view.selected = None;
                    self.view.text_selection = None;
                    self.view.article_scroll_to = Some(0);
                    if self.view.main_view == super::view::MainView::Compare {
                        self.follow_document_in_queue();
                    }
                }
            }
            Action::OpenPath(path) => self.request(ctx, Pending::OpenPath(path)),
            Action::TagSelection(tag) => self.tag_selection(ctx, &tag),
            Action::SetTag(id, tag) => {
                let label = format!("Retag as {}", self.session.project.schema().name(&tag));
                let edit = self.session.project.set_tag(id, &tag, &cx);
                if self.edit(ctx, edit, &label, None) {
                    self.show_despite_filter(ctx, id);
                }
            }
            Action::SetHolder(id, holder) => {
                let edit = self.session.project.set_holder(id, holder, &cx);
                if self.edit(ctx, edit, "Set Holder", None) {
                    self.show_despite_filter(ctx, id);
                }
            }
            Action::NewHolder(id, name) => {
                let edit = self.session.project.set_holder_named(id, &name, &cx);
                if self.edit(ctx, edit, "New Holder", None) {
                    self.show_despite_filter(ctx, id);
                }
            }
            Action::SetNote(id, note) => {
                let edit = self.session.project.set_note(id, &note, &cx);
                self.edit(ctx, edit, "Edit Note", Some(&format!("note:{id}")));
            }
            Action::NoteEditFinished | Action::ActorEditFinished => {
                self.session.history.break_group();
            }
            Action::SetSpanToSelection(id) => {
                if let Some(selection) = self.take_text_selection(ctx) {
                    let edit = self.session.project.set_ranges(id, vec![selection], &cx);
                    self.edit(ctx, edit, "Set Span", None);
                }
            }
            Action::AddSelectionAsRange(id) => self.add_selection_as_range(ctx, id),
            Action::RemoveRange(id, index) => {
                let edit = self.session.project.remove_range(id, index, &cx);
                self.edit(ctx, edit, "Remove Range", None);
            }
            Action::DeleteAnnotation(id) => self.delete_annotation(ctx, id),
            Action::RenameActor(id, name) => {
                let edit = self.session.project.rename_actor(id, &name);
                self.edit_unless_no_op(ctx, edit, "Rename Actor");
            }
            Action::SetAffiliation(id, affiliation) => {
                let edit = self.session.project.set_affiliation(id, &affiliation);
                self.edit(
                    ctx,
                    edit,
                    "Set Affiliation",
                    Some(&format!("affiliation:{id}")),
                );
            }
            Action::SetAliases(id, text) => {
                let edit = self.session.project.set_aliases(id, &text);
                self.edit_unless_no_op(ctx, edit, "Set Aliases");
            }
            Action::AddActor(name) => {
                let edit = self.session.project.add_actor(Actor::new(name, None));
                self.edit(ctx, edit, "Add Actor", None);
            }
            Action::MergeActors { from, into } => {
                let edit = self.session.project.merge_actors(from, into, &cx);
                if self.edit(ctx, edit, "Merge Actors", None) {
                    self.toasts
                        .info(ctx, "Actors merged; Ctrl+Z undoes the merge");
                }
            }
            // Deleting unassigns annotations silently, so the user confirms it first.
            Action::DeleteActor(id) => self.open_dialog(Dialog::ConfirmDeleteActor(id)),
            Action::SetFilter(filter) => self.set_filter(filter),
            Action::Adjudicate(action) => self.adjudicate(ctx, action),
            // The analysis view's evidence: open the statement in the article.
            Action::ShowInArticle(id) => {
                self.view.main_view = super::view::MainView::Article;
                self.select(id, true, true);
            }
            Action::ShowHit(hit) => self.show_hit(hit),
            Action::AnnotateHits { hits, tag, preset } => {
                self.annotate_hits(ctx, &hits, &tag, &preset);
            }
            Action::CloseCorpusSearch => self.panels.corpus_search.is_open = false,
            other => self.apply_negotiation_action(ctx, other),
        }
    }

    /// Runs a menu or keyboard command.
    pub(super) fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::NewProject => self.request(ctx, Pending::NewProject),
            Command::Open => self.request(ctx, Pending::OpenDialog),
            Command::ImportArticle => self.start_import_dialog(ctx),
            Command::ImportFolder => self.start_import_folder_dialog(ctx),
            Command::Save => self.save(ctx),
            Command::SaveAs => self.start_save_as_dialog(ctx),
            Command::Export => self.open_dialog(Dialog::Export),
            Command::Quit => self.request(ctx, Pending::Quit),
            Command::Undo => self.undo_command(ctx),
            Command::Redo => {
                if self.session.redo().is_none() && self.session.history.can_redo() {
                    self.toasts.warning(ctx, "This step cannot be redone");
                }
            }
            Command::DeleteAnnotation => {
                if let Some(id) = self.view.selected {
                    self.delete_annotation(ctx, id);
                }
            }
            Command::AddSelectionAsRange => match self.view.selected {
                Some(id) => self.add_selection_as_range(ctx, id),
                None => self
                    .toasts
                    .info(ctx, "Select an annotation first, then the text to add"),
            },
            Command::Find => {
                self.prefs.show_sidebar = true;
                self.panels.sidebar.focus_search();
            }
            Command::NextAnnotation => self.step_annotation(1),
            Command::PreviousAnnotation => self.step_annotation(-1),
            Command::FocusNote => {
                if self.view.selected.is_some() {
                    self.prefs.show_sidebar = true;
                    self.panels.sidebar.focus_note();
                }
            }
            Command::ClearSelection if self.view.link.is_some() => self.view.link = None,
            Command::Link => self.start_link(ctx),
            Command::Schema => self.open_dialog(Dialog::Schema),
            Command::Problems => self.open_problems(),
            Command::Preferences => self.open_dialog(Dialog::Preferences),
            Command::ClearSelection => {
                self.view.text_selection = None;
                self.view.selected = None;
                self.view.suggestions.focused = None;
            }
            Command::ZoomIn => self.prefs.zoom_in(),
            Command::ZoomOut => self.prefs.zoom_out(),
            Command::ZoomReset => self.prefs.zoom = 1.0,
            Command::ThemeLight => self.prefs.theme = Theme::Light,
            Command::ThemeDark => self.prefs.theme = Theme::Dark,
            Command::ThemeSystem => self.prefs.theme = Theme::System,
            Command::ToggleSidebar => self.prefs.show_sidebar = !self.prefs.show_sidebar,
            // Ctrl+L with a single document would silently hide the list of a later import.
            Command::ToggleDocumentList if is_enabled(&self.session, &self.view, command) => {
                self.prefs.show_document_list = !self.prefs.show_document_list;
            }
            Command::ToggleDocumentList => {}
            Command::KeyboardShortcuts if matches!(self.dialog, Dialog::Shortcuts) => {
                self.close_dialog();
            }
            Command::KeyboardShortcuts => self.open_dialog(Dialog::Shortcuts),
            Command::About => self.open_dialog(Dialog::About),
            Command::ToggleSuggestions
            | Command::NextSuggestion
            | Command::PreviousSuggestion
            | Command::AcceptSuggestion
            | Command::RejectSuggestion
            | Command::AcceptHighConfidence => self.run_suggestion_command(ctx, command),
            Command::CompareWith => self.start_compare_with_dialog(ctx),
            Command::NudgeStartBack
            | Command::NudgeStartForward
            | Command::NudgeEndBack
            | Command::NudgeEndForward => self.nudge_selected(ctx, command),
            Command::FindInText => self.panels.article.open_find(),
            Command::ArticleView => self.view.main_view = super::view::MainView::Article,
            Command::AnalysisView => self.view.main_view = super::view::MainView::Analysis,
            Command::CompareView => self.show_compare_view(),
            Command::CorpusSearch => self.panels.corpus_search.open(),
            Command::NextDocument => self.step_document(1),
            Command::PreviousDocument => self.step_document(-1),
        }
    }

    fn undo_command(&mut self, ctx: &egui::Context) {
        let restored = restored_annotation(self.session.history.undo_edits());
        if self.session.undo().is_none() {
            if self.session.history.can_undo() {
                self.toasts.warning(ctx, "This step cannot be undone");
            }
        } else if let Some(id) = restored {
            // Undoing a delete shows what came back.
            self.select(id, true, true);
        }
    }

    /// J/K: selects the next (`step` 1) or previous (-1) annotation the list shows.
    fn step_annotation(&mut self, step: isize) {
        if let Some(id) = self.panels.sidebar.neighbour(
            &self.session.project,
            (self.view.document, &self.view.filter),
            self.view.selected,
            step,
        ) {
            self.select(id, true, true);
        }
    }

    /// Alt(+Shift)+arrows: moves one end of the selected annotation's span by a word, as one
    /// undo step; at a limit (the document's edge, a one-word range) nothing changes.
    fn nudge_selected(&mut self, ctx: &egui::Context, command: Command) {
        let (end, nudge) = match command {
            Command::NudgeStartBack => (SpanEnd::Start, Nudge::Back),
            Command::NudgeStartForward => (SpanEnd::Start, Nudge::Forward),
            Command::NudgeEndBack => (SpanEnd::End, Nudge::Back),
            _ => (SpanEnd::End, Nudge::Forward),
        };
        let Some(id) = self.view.selected else {
            self.toasts.info(ctx, "Select an annotation first");
            return;
        };
        let cx = self.edit_context();
        match self.session.project.nudge_span(id, end, nudge, cx) {
            Ok(Some(edit)) => {
                let label = match end {
                    SpanEnd::Start => "Move Start",
                    SpanEnd::End => "Move End",
                };
                if self.edit(ctx, Ok(edit), label, None) {
                    let moved = self.session.project.annotation(id).map(|a| match end {
                        SpanEnd::Start => a.extent().start,
                        SpanEnd::End => a.extent().end.saturating_sub(1),
                    });
                    self.view.article_scroll_to = moved;
                }
            }
            Ok(None) => {}
            Err(e) => self.toasts.warning(ctx, e.to_string()),
        }
    }

    /// Applies an edit through the history; a refused edit is shown, never lost silently.
    pub(super) fn edit(
        &mut self,
        ctx: &egui::Context,
        edit: Result<Edit, EditError>,
        label: &str,
        coalesce_key: Option<&str>,
    ) -> bool {
        let result = edit.and_then(|edit| self.session.apply_edit(edit, label, coalesce_key));
        match result {
            Ok(()) => true,
            Err(e) => {
                self.toasts.warning(ctx, format!("{label}: {e}"));
                false
            }
        }
    }

    /// [`StanceApp::edit`], except that an edit changing nothing (focus leaving an untouched
    /// field) records no undo step.
    pub(super) fn edit_unless_no_op(
        &mut self,
        ctx: &egui::Context,
        edit: Result<Edit, EditError>,
        label: &str,
    ) -> bool {
        if edit
            .as_ref()
            .is_ok_and(|e| self.session.project.is_no_op(e))
        {
            return false;
        }
        self.edit(ctx, edit, label, None)
    }

    pub(super) fn select(
        &mut self,
        id: crate::model::AnnotationId,
        scroll_article: bool,
        scroll_list: bool,
    ) {
        let Some(a) = self.session.project.annotation(id) else {
            return;
        };
        if Some(a.document) != self.view.document {
            self.view.document = Some(a.document);
            self.view.text_selection = None;
        }
        self.view.selected = Some(id);
        if scroll_article {
            self.view.article_scroll_to = Some(a.extent().start);
        }
        if scroll_list {
            self.panels.sidebar.scroll_to_selected();
        }
    }

    pub(super) fn take_text_selection(&mut self, ctx: &egui::Context) -> Option<Span> {
        let selection = self.view.text_selection.take().filter(|s| !s.is_empty());
        if selection.is_none() {
            self.toasts
                .info(ctx, "Select some text in the article first");
        }
        selection
    }

    /// Tags the text selection; with no selection, `1`/`2`/`3` retag the selected annotation.
    fn tag_selection(&mut self, ctx: &egui::Context, tag: &str) {
        let Some(document) = self.view.document else {
            return;
        };
        let name = self.session.project.schema().name(tag).to_owned();
        let Some(selection) = self.view.text_selection.filter(|s| !s.is_empty()) else {
            if let Some(id) = self.view.selected {
                let edit = self.session.project.set_tag(id, tag, self.edit_context());
                if self.edit(ctx, edit, &format!("Retag as {name}"), None) {
                    self.show_despite_filter(ctx, id);
                }
            } else {
                self.toasts.info(
                    ctx,
                    format!("Select text in the article to tag it as {name}"),
                );
            }
            return;
        };
        let annotation = self.session.project.new_annotation(
            document,
            tag,
            vec![selection],
            self.edit_context(),
        );
        let id = annotation.as_ref().map(|a| a.id).ok();
        let edit = annotation.map(|a| Edit::AddAnnotation(Box::new(a)));
        if self.edit(ctx, edit, &format!("Tag {name}"), None)
            && let Some(id) = id
        {
            self.view.text_selection = None;
            self.show_despite_filter(ctx, id);
            self.select(id, false, true);
        }
    }

    /// The sidebar's filter changed. An annotation the filter now hides in the article is
    /// not left selected, where it could be edited or deleted unseen.
    fn set_filter(&mut self, filter: crate::model::AnnotationFilter) {
        if let Some(id) = self.view.selected
            && (self.session.project.annotation(id)).is_some_and(|a| !filter.shows_highlight(a))
        {
            self.view.selected = None;
        }
        self.view.filter = filter;
    }

    /// An annotation just tagged, retagged or given a holder that the filter would hide (its
    /// tag switched off, another holder chosen) is shown anyway, by relaxing the filter, and the user is told.
    fn show_despite_filter(&mut self, ctx: &egui::Context, id: crate::model::AnnotationId) {
        let Some(a) = self.session.project.annotation(id) else {
            return;
        };
        if self.view.filter.shows_highlight(a) {
            return;
        }
        let message = if self.view.filter.hidden_tags.remove(&a.tag) {
            let name = self.session.project.schema().name(&a.tag).to_lowercase();
            format!("The filter hid {name}s; they are shown again")
        } else {
            "The holder filter hid it; every holder is shown again".to_owned()
        };
        self.view.filter.holder = None;
        self.toasts.info(ctx, message);
    }

    fn add_selection_as_range(&mut self, ctx: &egui::Context, id: crate::model::AnnotationId) {
        if let Some(selection) = self.take_text_selection(ctx) {
            let edit = self
                .session
                .project
                .add_range(id, selection, self.edit_context());
            self.edit(ctx, edit, "Add Range", None);
        }
    }

    /// Deletes an annotation and selects its neighbour, so Delete can be pressed repeatedly.
    fn delete_annotation(&mut self, ctx: &egui::Context, id: crate::model::AnnotationId) {
        let next = self
            .panels
            .sidebar
            .neighbour(
                &self.session.project,
                (self.view.document, &self.view.filter),
                Some(id),
                1,
            )
            .filter(|&n| n != id)
            .or_else(|| {
                self.panels
                    .sidebar
                    .neighbour(
                        &self.session.project,
                        (self.view.document, &self.view.filter),
                        Some(id),
                        -1,
                    )
                    .filter(|&n| n != id)
            });
        let edit = self.session.project.delete_annotation(id);
        if self.edit(ctx, edit, "Delete Annotation", None) && self.view.selected == Some(id) {
            self.view.selected = next;
            if next.is_some() {
                self.panels.sidebar.scroll_to_selected();
            }
        }
    }
}

/// The annotation that applying `edits` (an undo step) adds back, e.g. undoing a delete.
fn restored_annotation(edits: &[Edit]) -> Option<AnnotationId> {
    edits.iter().find_map(|edit| match edit {
        Edit::AddAnnotation(a) => Some(a.id),
        Edit::AddAnnotations(added) if added.len() == 1 => added.first().map(|a| a.id),
        Edit::Batch(inner) => restored_annotation(inner),
        _ => None,
    })
}
