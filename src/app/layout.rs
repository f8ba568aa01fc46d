//! The window's layout: menu bar, status bar, document list, sidebar, article, and the
//! floating windows. Drawing borrows the app's state shared ([`Shown`]) and only its own
//! widgets mutably ([`Panels`]); it collects [`Intent`]s, which the dispatcher applies
//! afterwards.

use egui::{RichText, Ui};

use std::collections::VecDeque;

use super::dialog::Dialog;
use super::intent::Intent;
use super::prefs::Preferences;
use super::session::Session;
use super::view::{MainView, ViewState};
use crate::model::{AnnotationFilter, AnnotationId, DocumentId, Span};
use crate::ui::Action;
use crate::ui::article::{
    ArticleAction, ArticleInput, ArticleResponse, ArticleView, DEFAULT_FONT_SIZE_PX, GhostInput,
    LinksInput,
};
use crate::ui::commands::{Command, CommandState};
use crate::ui::corpus_search::{CorpusSearchPanel, SearchAction};
use crate::ui::dialogs::{self, ErrorReport, Toasts};
use crate::ui::document_list::{DocumentList, DocumentListAction};
use crate::ui::document_properties::PropertiesForm;
use crate::ui::export_dialog::{ExportAnswer, ExportDialog, ExportPreview, FormatChoice};
use crate::ui::folder_choice::FolderChoice;
use crate::ui::import_review::ImportReview;
use crate::ui::link_popup::{self, LinkAnswer};
use crate::ui::menu::{MenuState, menu_bar_ui};
use crate::ui::recovery_dialogs;
use crate::ui::schema_window::SchemaWindow;
use crate::ui::sidebar::{Sidebar, SidebarInput};
use crate::ui::status_bar::{StatusBar, StatusInput};

/// What drawing reads: the app's state, borrowed shared for the whole of the drawing, and
/// what the controllers prepared for it (the ghosts, the export preview).
pub(super) struct Shown<'a> {
    pub(super) session: &'a Session,
    pub(super) view: &'a ViewState,
    pub(super) prefs: &'a Preferences,
    pub(super) dialog: &'a Dialog,
    pub(super) errors: &'a VecDeque<ErrorReport>,
    /// Which commands are enabled and checked in the menus.
    pub(super) commands: &'a CommandState<'a>,
    /// The current document's suggestions as ghosts, while they show.
    pub(super) ghosts: Option<GhostInput>,
    /// The suggestion under the pointer last frame (its content ranges).
    pub(super) hovered_suggestion: Option<&'a [Span]>,
    /// The formats the Export dialog offers, and its preview while it is open.
    pub(super) export_formats: &'a [FormatChoice],
    pub(super) export_preview: Option<&'a ExportPreview>,
    /// The Import from URL fetch under way, for its dialog.
    pub(super) url_fetch: Option<crate::ui::url_dialog::FetchProgress>,
    /// Articles being read in the background: what is being read, and how far along (0–1).
    pub(super) reading: Option<(String, f32)>,
    /// The team's state: the status bar's counts, the History panel.
    pub(super) team: &'a super::sync::state::TeamState,
}

/// The widgets' own view state (scroll offsets, caches, text buffers, export choices): the
/// only thing drawing changes.
#[derive(Default)]
pub(super) struct Panels {
    pub(super) article: ArticleView,
    pub(super) sidebar: Sidebar,
    pub(super) status_bar: StatusBar,
    pub(super) export_dialog: ExportDialog,
    pub(super) schema_window: SchemaWindow,
    pub(super) compare: crate::ui::compare::CompareView,
    pub(super) analysis: crate::ui::analysis::AnalysisView,
    pub(super) document_list: DocumentList,
    pub(super) corpus_search: CorpusSearchPanel,
    pub(super) folder_choice: FolderChoice,
    pub(super) url_dialog: crate::ui::url_dialog::UrlDialog,
    /// The import review table being corrected, with the id of the import it shows.
    pub(super) import_review: Option<(u64, ImportReview)>,
    pub(super) properties: PropertiesForm,
}

impl Panels {
    /// The bottom line: the file, the selection, savings, notices and the team's state.
    fn status_bar_ui(&mut self, ui: &mut Ui, app: &Shown<'_>) {
        let team =
            (app.team).status_text(app.session.path.as_deref(), app.session.history.is_dirty());
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            self.status_bar.ui(
                ui,
                &StatusInput {
                    project: &app.session.project,
                    index: app.session.project.index(),
                    path: app.session.path.as_deref(),
                    is_dirty: app.session.history.is_dirty(),
                    document: app.view.document,
                    text_selection: app.view.text_selection,
                    is_saving: app.session.save_job.is_some(),
                    link_notice: link_notice(app),
                    text_problem_count: app.session.text_check.problem_count(),
                    font_notice: app.view.font_notice.message(),
                    team: team.as_deref(),
                },
            );
        });
    }

    /// `scroll_to_char` is the view's one-shot scroll request, taken before drawing.
    pub(super) fn panels_ui(
        &mut self,
        ui: &mut Ui,
        app: &Shown<'_>,
        scroll_to: (Option<usize>, Option<f32>),
        intents: &mut Vec<Intent>,
    ) {
        egui::Panel::top("menu_bar").show(ui, |ui| {
            let state = MenuState {
                commands: app.commands,
                recent_files: &app.prefs.recent_files,
                undo_label: app.session.history.undo_label(),
                redo_label: app.session.history.redo_label(),
            };
            if let Some(action) = menu_bar_ui(ui, &state) {
                intents.push(action.into());
            }
        });

        self.status_bar_ui(ui, app);

        if self.corpus_search.is_open {
            self.corpus_search_ui(ui, app, intents);
        }

        // On a narrow window the side panels give way, so the article keeps a readable column.
        let window_width_px = ui.available_width();
        if app.commands.is_document_list_shown() {
            let max_width_px = (window_width_px * 0.2).clamp(140.0, 480.0);
            let panel = egui::Panel::left("document_list")
                .resizable(true)
                .default_size(app.prefs.document_list_width_px)
                .size_range(140.0..=max_width_px)
                .show(ui, |ui| {
                    let index = app.session.project.index();
                    let project = &app.session.project;
                    let current = app.view.document;
                    match self.document_list.ui(ui, project, index, current) {
                        Some(DocumentListAction::Show(id)) => {
                            intents.push(Action::ShowDocument(id).into());
                        }
                        Some(DocumentListAction::Properties(id)) => {
                            intents.push(Action::DocumentProperties(id).into());
                        }
                        None => {}
                    }
                });
            let width_px = panel.response.rect.width();
            if width_px != app.prefs.document_list_width_px {
                intents.push(Intent::DocumentListWidth(width_px));
            }
        }

        if app.prefs.show_suggestion_list && app.view.main_view == MainView::Article {
            Self::suggestion_list_ui(ui, app, intents);
        }

        if app.prefs.show_sidebar {
            let panel = egui::Panel::right("sidebar")
                .resizable(true)
                .default_size(app.prefs.sidebar_width_px)
                .size_range(300.0..=(window_width_px * 0.4).clamp(300.0, 760.0))
                .show(ui, |ui| {
                    let input = SidebarInput {
                        project: &app.session.project,
                        index: app.session.project.index(),
                        document: app.view.document,
                        selected: app.view.selected,
                        selected_relation: app.view.selected_relation,
                        text_selection: app.view.text_selection,
                        hovered_in_article: app.view.hovered_in_article,
                        is_linking: app.view.link.is_some(),
                        filter: &app.view.filter,
                        editor_height_px: app.prefs.sidebar_editor_height_px,
                        text_scale: app.prefs.zoom,
                    };
                    intents.extend(self.sidebar.ui(ui, &input).into_iter().map(Intent::from));
                });
            if let Some(height_px) = self.sidebar.dragged_editor_height_px() {
                intents.push(Intent::SidebarEditorHeight(height_px));
            }
            let width_px = panel.response.rect.width();
            if width_px != app.prefs.sidebar_width_px {
                intents.push(Intent::SidebarWidth(width_px));
            }
        }

        let article_fill = crate::ui::theme::article_fill(ui.visuals());
        egui::CentralPanel::default()
            .frame((egui::Frame::central_panel(ui.style()).inner_margin(0)).fill(article_fill))
            .show(ui, |ui| match (app.view.main_view, app.view.document) {
                (MainView::Analysis, _) => self.analysis_ui(ui, app, intents),
                (MainView::Compare, _) => self.compare_ui(ui, app, intents),
                (_, Some(document)) => self.article_ui(ui, app, document, scroll_to, intents),
                (_, None) => welcome_ui(ui, intents),
            });
    }

    /// View → Suggestion List: the current document's suggestions, right of the article.
    fn suggestion_list_ui(ui: &mut Ui, app: &Shown<'_>, intents: &mut Vec<Intent>) {
        use crate::ui::suggestion_list::{self, SuggestionListAction};
        egui::Panel::right("suggestion_list")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                let project = &app.session.project;
                let document = app.view.document.and_then(|d| project.document(d));
                let (suggestions, focused) = match &app.ghosts {
                    Some(g) => (g.suggestions.as_ref(), g.focused),
                    None => (&[][..], None),
                };
                if app.ghosts.is_none() {
                    ui.weak("Suggestions are hidden or not found yet (Ctrl+G shows them).");
                }
                let action = suggestion_list::ui(ui, project, document, suggestions, focused);
                intents.extend(action.map(|action| match action {
                    SuggestionListAction::Show(content) => Intent::ShowSuggestion(content),
                    SuggestionListAction::AcceptWithSpeaker => {
                        Action::Command(Command::AcceptSuggestionsWithSpeaker).into()
                    }
                    SuggestionListAction::RejectType(kind) => Intent::RejectSuggestionsOfType(kind),
                }));
            });
    }

    /// Where the focused ghost is on screen (its first and last characters), if drawn.
    fn focused_ghost_rect(
        &self,
        app: &Shown<'_>,
        document: DocumentId,
        input: &ArticleInput,
    ) -> Option<egui::Rect> {
        let ghosts = input.ghosts.as_ref()?;
        let suggestion = ghosts.suggestions.get(ghosts.focused?)?;
        let doc = app.session.project.document(document)?;
        let (first, last) = (suggestion.content.first()?, suggestion.content.last()?);
        let start = self.article.char_rect(doc, first.start);
        let end = self.article.char_rect(doc, last.end.saturating_sub(1));
        match (start, end) {
            (Some(a), Some(b)) => Some(a.union(b)),
            (a, b) => a.or(b),
        }
    }

    fn article_ui(
        &mut self,
        ui: &mut Ui,
        app: &Shown<'_>,
        document: DocumentId,
        (scroll_to_char, scroll_to_offset_px): (Option<usize>, Option<f32>),
        intents: &mut Vec<Intent>,
    ) {
        let input = ArticleInput {
            selection: app.view.text_selection,
            selected_annotation: app.view.selected,
            scroll_to_char,
            scroll_to_offset_px,
            font_size_px: DEFAULT_FONT_SIZE_PX * app.prefs.zoom,
            show_palette: app.view.link.is_none(),
            related: related_marks(app),
            // Only tags and holder hide highlights; the search is for the list.
            highlight_filter: AnnotationFilter {
                hidden_tags: app.view.filter.hidden_tags.clone(),
                holder: app.view.filter.holder,
                search: String::new(),
            },
            ghosts: app.ghosts.clone(),
            links: app.prefs.show_links.then_some(LinksInput {
                selected: app.view.selected_relation,
            }),
        };
        let panel_rect = ui.max_rect();
        let response = self.article.ui(ui, &app.session.project, document, &input);
        if response.hovered != app.view.hovered_in_article {
            intents.push(Intent::Hover(response.hovered));
        }
        let focused_rect = self.focused_ghost_rect(app, document, &input);
        suggestions_ui(
            ui,
            app,
            document,
            &input,
            &response,
            (panel_rect, focused_rect),
            intents,
        );
        intents.extend(response.actions.into_iter().map(|action| {
            match action {
                ArticleAction::SetSelection(selection) => Intent::SetTextSelection(selection),
                ArticleAction::TagSelection(tag) => Action::TagSelection(tag).into(),
                ArticleAction::SelectAnnotation(Some(id)) => Action::SelectAnnotation {
                    id,
                    scroll_article: false,
                }
                .into(),
                ArticleAction::SelectAnnotation(None) => Intent::Deselect,
                ArticleAction::AddSelectionAsRange(id) => Action::AddSelectionAsRange(id).into(),
                ArticleAction::SelectRelation(id) => Action::SelectRelation(id).into(),
                ArticleAction::FocusSuggestion(index) => Intent::FocusSuggestion(
                    (input.ghosts.as_ref())
                        .and_then(|g| g.suggestions.get(index))
                        .map(|s| s.content.clone())
                        .unwrap_or_default(),
                ),
            }
        }));
    }

    fn compare_ui(&mut self, ui: &mut Ui, app: &Shown<'_>, intents: &mut Vec<Intent>) {
        let input = crate::ui::compare::CompareInput {
            project: &app.session.project,
            document: app.view.document,
            position: app.view.queue_position,
            font_size_px: DEFAULT_FONT_SIZE_PX * app.prefs.zoom,
        };
        let actions = self.compare.ui(ui, &input);
        intents.extend(actions.into_iter().map(|a| Action::Adjudicate(a).into()));
    }

    /// The analysis view in the central area (issue 12).
    fn analysis_ui(&mut self, ui: &mut Ui, app: &Shown<'_>, intents: &mut Vec<Intent>) {
        use crate::ui::analysis::AnalysisAction;
        let actions = self.analysis.ui(ui, &app.session.project);
        intents.extend(actions.into_iter().map(|action| match action {
            AnalysisAction::ShowInArticle(id) => Intent::from(Action::ShowInArticle(id)),
            AnalysisAction::Round(action) => Intent::from(Action::Round(action)),
        }));
    }

    /// The corpus search panel (Ctrl+Shift+F), under the article and side panels.
    fn corpus_search_ui(&mut self, ui: &mut Ui, app: &Shown<'_>, intents: &mut Vec<Intent>) {
        egui::Panel::bottom("corpus_search")
            .resizable(true)
            .default_size(280.0)
            .show(ui, |ui| {
                let actions = self.corpus_search.ui(ui, &app.session.project);
                intents.extend(actions.into_iter().map(|action| {
                    Intent::from(match action {
                        SearchAction::ShowHit(hit) => Action::ShowHit(hit),
                        SearchAction::AnnotateHits { hits, tag, preset } => {
                            Action::AnnotateHits { hits, tag, preset }
                        }
                        SearchAction::Close => Action::CloseCorpusSearch,
                    })
                }));
            });
    }

    /// The open dialog, the error on top of it, and the toasts. The unsaved-changes prompt
    /// comes before errors; an overwrite confirmation waits for them.
    pub(super) fn windows_ui(
        &mut self,
        ctx: &egui::Context,
        app: &Shown<'_>,
        toasts: &mut Toasts,
        intents: &mut Vec<Intent>,
    ) {
        let project = &app.session.project;
        if let Dialog::UnsavedPrompt(pending) = &app.dialog {
            let what = pending.what_for_prompt();
            if let Some(choice) = dialogs::unsaved_prompt_ui(ctx, project.title(), what) {
                intents.push(Intent::Unsaved(choice));
            }
        } else if let Some(report) = app.errors.front() {
            if dialogs::error_ui(ctx, report) {
                intents.push(Intent::DismissError);
            }
        } else if let Dialog::ConfirmDeleteActor(id) = &app.dialog {
            let name = project.actor(*id).map_or("this actor", |a| a.name.as_str());
            let index = app.session.project.index();
            let uses = (index.holder_count(*id), index.actor_use_count(*id));
            if let Some(is_confirmed) = dialogs::confirm_delete_actor_ui(ctx, name, uses) {
                intents.push(Intent::DeleteActor(is_confirmed));
            }
        } else if let Dialog::ConfirmOverwrite(path) = &app.dialog
            && let Some(is_confirmed) = dialogs::confirm_overwrite_ui(ctx, path)
        {
            intents.push(Intent::Overwrite(is_confirmed));
        }
        if app.team.is_history_open {
            let view = app.team.history_view(app.session.path.as_deref());
            if !crate::ui::team::history_ui(ctx, &view) {
                intents.push(Intent::Action(crate::ui::Action::Command(
                    crate::ui::commands::Command::History,
                )));
            }
        }
        match &app.dialog {
            Dialog::Repair(repair) => {
                let problems = repair.problems();
                if let Some(choice) =
                    dialogs::repair_ui(ctx, &repair.file_name, problems, &repair.orphans)
                {
                    intents.push(Intent::Repair(choice));
                }
            }
            Dialog::Shortcuts if !dialogs::shortcuts_ui(ctx, project.schema()) => {
                intents.push(Intent::CloseDialog);
            }
            Dialog::About if !dialogs::about_ui(ctx) => intents.push(Intent::CloseDialog),
            Dialog::Export => {
                match self
                    .export_dialog
                    .ui(ctx, project, app.export_formats, app.export_preview)
                {
                    Some(ExportAnswer::Export(choice)) => intents.push(Intent::Export(choice)),
                    Some(ExportAnswer::Cancel) => intents.push(Intent::CloseDialog),
                    None => {}
                }
            }
            Dialog::Schema => {
                let (is_open, actions) = self.schema_window.ui(ctx, project);
                intents.extend(actions.into_iter().map(Intent::from));
                if !is_open {
                    intents.push(Intent::CloseDialog);
                }
            }
            Dialog::Preferences => {
                let (is_open, action) =
                    crate::ui::prefs_window::preferences_ui(ctx, &app.prefs.annotator_name);
                intents.extend(action.map(Intent::from));
                if !is_open {
                    intents.push(Intent::CloseDialog);
                }
            }
            Dialog::AnnotatorName | Dialog::ShareWithTeam | Dialog::OpenFromTeam => {
                team_dialogs_ui(ctx, app, intents);
            }
            Dialog::ChooseFolders(folders) => {
                if let Some(chosen) = self.folder_choice.ui(ctx, folders) {
                    intents.push(Intent::ImportFolders(chosen));
                }
            }
            Dialog::ImportUrl | Dialog::ImportReview(_) | Dialog::DocumentProperties(_) => {
                self.intake_dialog_ui(ctx, app, intents);
            }
            // Errors show first; these prompts wait behind them.
            dialog if app.errors.is_empty() => recovery_prompts_ui(ctx, app, dialog, intents),
            _ => {}
        }
        if let Some(link) = app.view.link
            && let Some(to) = link.to
        {
            match link_popup::link_popup_ui(ctx, project, link.from, to) {
                Some(LinkAnswer::Choose(kind)) => {
                    intents.push(Action::ChooseRelationType(kind).into());
                }
                Some(LinkAnswer::Cancel) => intents.push(Action::CancelLink.into()),
                None => {}
            }
        }
        if let Some((what, fraction)) = &app.reading {
            crate::ui::import_review::reading_ui(ctx, what, *fraction);
        }
        toasts.ui(ctx);
        drop_overlay_ui(ctx);
    }

    /// Issue 19's dialogs: Import from URL, the import review table, Document Properties.
    fn intake_dialog_ui(
        &mut self,
        ctx: &egui::Context,
        app: &Shown<'_>,
        intents: &mut Vec<Intent>,
    ) {
        let project = &app.session.project;
        match &app.dialog {
            Dialog::ImportUrl => {
                use crate::ui::url_dialog::UrlAnswer;
                match self.url_dialog.ui(ctx, app.url_fetch.as_ref()) {
                    Some(UrlAnswer::Fetch(url)) => intents.push(Intent::FetchUrl(url)),
                    Some(UrlAnswer::Cancel) => intents.push(Intent::CancelFetch),
                    Some(UrlAnswer::Close) => intents.push(Intent::CloseUrlDialog),
                    None => {}
                }
            }
            Dialog::ImportReview(pending) => {
                if self
                    .import_review
                    .as_ref()
                    .is_none_or(|(id, _)| *id != pending.id)
                {
                    let review = ImportReview::new(pending.rows.clone(), pending.refused.clone());
                    self.import_review = Some((pending.id, review));
                }
                if let Some((_, review)) = &mut self.import_review
                    && let Some(answer) = review.ui(ctx)
                {
                    intents.push(Intent::ReviewAnswered(answer));
                }
            }
            Dialog::DocumentProperties(id) => {
                let answer = (project.document(*id)).and_then(|doc| self.properties.ui(ctx, doc));
                if let Some(answer) = answer {
                    intents.push(Intent::PropertiesAnswered(answer));
                }
            }
            _ => {}
        }
    }
}

/// The prompts about unsaved work and the file on disk.
fn recovery_prompts_ui(
    ctx: &egui::Context,
    app: &Shown<'_>,
    dialog: &Dialog,
    intents: &mut Vec<Intent>,
) {
    match dialog {
        Dialog::Restore(offer) => {
            if let Some(choice) = recovery_dialogs::restore_ui(ctx, &offer.entries) {
                intents.push(Intent::Restore(choice));
            }
        }
        Dialog::DiskChanged { is_confirming } => {
            let Some(path) = app.session.path.as_deref() else {
                return;
            };
            let is_dirty = app.session.is_dirty();
            if let Some(choice) =
                recovery_dialogs::disk_changed_ui(ctx, path, is_dirty, *is_confirming)
            {
                intents.push(Intent::DiskChanged(choice));
            }
        }
        Dialog::SaveConflict(path) => {
            if let Some(choice) = recovery_dialogs::save_conflict_ui(ctx, path) {
                intents.push(Intent::SaveConflict(choice));
            }
        }
        Dialog::OpenFailed(failed) => {
            if let Some(choice) =
                recovery_dialogs::open_failed_ui(ctx, &failed.title, &failed.message, &failed.shown)
            {
                intents.push(Intent::OpenInstead(choice));
            }
        }
        _ => {}
    }
}

/// The annotations related to the selected one, in their relation type's colour.
/// While linking, the picked target is marked too.
fn related_marks(app: &Shown<'_>) -> Vec<(AnnotationId, egui::Color32)> {
    let Some(selected) = app.view.selected else {
        return Vec::new();
    };
    let project = &app.session.project;
    let picked = app.view.link.and_then(|l| l.to);
    let picked_color = egui::Color32::from_rgb(0xf2, 0xc9, 0x4c);
    picked
        .map(|to| (to, picked_color))
        .into_iter()
        .chain(project.relations_of(selected).map(|r| {
            let other = if r.from == selected { r.to } else { r.from };
            let color = project
                .schema()
                .relation_type(&r.kind)
                .map_or(egui::Color32::GRAY, |t| crate::ui::tag_color(t.color));
            (other, color)
        }))
        .collect()
}

/// The ghost under the pointer reported to the app, its tooltip, and the focused
/// suggestion's card at the article's bottom left (top left while that would cover the
/// focused ghost itself, `focused_rect`).
fn suggestions_ui(
    ui: &Ui,
    app: &Shown<'_>,
    document: DocumentId,
    input: &ArticleInput,
    response: &ArticleResponse,
    (panel_rect, focused_rect): (egui::Rect, Option<egui::Rect>),
    intents: &mut Vec<Intent>,
) {
    let Some(ghosts) = &input.ghosts else {
        return;
    };
    let project = &app.session.project;
    let hovered = response
        .hovered_suggestion
        .and_then(|i| ghosts.suggestions.get(i));
    let hovered_content = hovered.map(|s| s.content.clone());
    if hovered_content.as_deref() != app.hovered_suggestion {
        intents.push(Intent::HoverSuggestion(hovered_content));
    }
    if let Some(s) = hovered
        && response.hovered.is_none()
        && response.hovered_suggestion != ghosts.focused
    {
        crate::ui::suggestion_card::tooltip_ui(&response.response, project, document, s);
    }
    if let Some(s) = ghosts.focused.and_then(|i| ghosts.suggestions.get(i)) {
        let bottom = panel_rect.left_bottom() + egui::vec2(16.0, -16.0);
        // Last frame's card height, placed at the bottom: does it hide the ghost's lines?
        let card_height_px = (ui.ctx())
            .memory(|m| m.area_rect(crate::ui::suggestion_card::card_id()))
            .map_or(0.0, |r| r.height());
        let covers_ghost = focused_rect
            .is_some_and(|g| g.bottom() > bottom.y - card_height_px && g.top() < bottom.y);
        let (anchor, pivot) = if covers_ghost {
            (
                panel_rect.left_top() + egui::vec2(16.0, 16.0),
                egui::Align2::LEFT_TOP,
            )
        } else {
            (bottom, egui::Align2::LEFT_BOTTOM)
        };
        let card =
            crate::ui::suggestion_card::card_ui(ui.ctx(), (anchor, pivot), project, document, s);
        intents.extend(card.map(Intent::from));
    }
}

/// What the status bar says in link mode.
fn link_notice(app: &Shown<'_>) -> Option<String> {
    let link = app.view.link?;
    let project = &app.session.project;
    let from = crate::ui::link_popup::annotation_label(project, link.from);
    Some(match link.to {
        // Named, since the pending end may be in another document than the one shown.
        None => {
            format!("Linking: click the annotation {from} links to, in any document (Esc cancels)")
        }
        Some(_) => "Linking: choose the relation type (1–9, Esc cancels)".to_owned(),
    })
}

/// Shown when the project has no document yet.
fn welcome_ui(ui: &mut Ui, intents: &mut Vec<Intent>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.3);
        ui.heading("No article in this project yet");
        ui.add_space(8.0);
        ui.label(RichText::new("Import a news article (.txt or .md) to start tagging claims, positions and concessions.").weak());
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            let width = 300.0;
            ui.add_space((ui.available_width() - width).max(0.0) / 2.0);
            if ui.button("Import Article…").clicked() {
                intents.push(Action::Command(Command::ImportArticle).into());
            }
            if ui.button("Open Project…").clicked() {
                intents.push(Action::Command(Command::Open).into());
            }
        });
        ui.add_space(8.0);
        ui.label(RichText::new("…or drop files onto this window.").weak().small());
    });
}

/// A hint while files are dragged over the window.
fn drop_overlay_ui(ctx: &egui::Context) {
    let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
    if !hovering {
        return;
    }
    let screen = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop_overlay"),
    ));
    painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        "Drop a .ron project to open it, or .txt / .md articles to import them",
        egui::FontId::proportional(20.0),
        egui::Color32::WHITE,
    );
}

/// The team's dialogs: who is annotating (first run), Share with Team…, Open from Team….
fn team_dialogs_ui(ctx: &egui::Context, app: &Shown<'_>, intents: &mut Vec<Intent>) {
    match &app.dialog {
        Dialog::AnnotatorName => {
            if let Some(name) =
                crate::ui::team::annotator_name_ui(ctx, &app.team.suggested_annotator)
            {
                intents.push(Intent::AnnotatorNamed(name));
            }
        }
        Dialog::ShareWithTeam => {
            let file = app
                .session
                .path
                .as_deref()
                .map_or_else(String::new, crate::ui::file_name);
            if let Some(answer) = crate::ui::team::share_ui(ctx, &file) {
                intents.push(Intent::ShareWithTeam(answer));
            }
        }
        Dialog::OpenFromTeam => {
            let parent = app
                .session
                .path
                .as_deref()
                .and_then(std::path::Path::parent)
                .and_then(std::path::Path::parent)
                .map(std::path::Path::to_path_buf)
                .or_else(|| std::env::var_os("HOME").map(std::path::PathBuf::from))
                .unwrap_or_else(std::env::temp_dir);
            if let Some(answer) = crate::ui::team::open_from_team_ui(ctx, &parent) {
                intents.push(Intent::OpenFromTeam(answer));
            }
        }
        _ => {}
    }
}
