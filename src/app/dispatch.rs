//! The dispatcher: every [`Intent`] — keys, menus, panels, dialog answers, background
//! events, hand-overs between controllers — in one exhaustive `match`, each arm handed to
//! the controller that owns its state. No wildcard arm: an intent nobody handles does not
//! compile.

use super::attribution::Attribution;
use super::dialog::{Dialog, Pending};
use super::intent::Intent;
use super::recovery::Recovery;
use super::view::MainView;
use super::{
    StanceApp, actors, adjudication, annotations, corpus, files, intake, links, navigation, repair,
    rounds, saving, schema, sync, undo, web_import::WebImport,
};
use crate::app::prefs::Theme;
use crate::model::{Nudge, SpanEnd};
use crate::ui::Action;
use crate::ui::commands::Command;
use crate::ui::team::TeamAnswer;

impl StanceApp {
    /// Applies one intent, then what its controller handed on to others, before the next.
    pub(super) fn dispatch_with_follow_ups(&mut self, ctx: &egui::Context, intent: Intent) {
        self.dispatch(ctx, intent);
        for follow_up in self.wb.take_follow_ups() {
            self.dispatch_with_follow_ups(ctx, follow_up);
        }
    }

    #[deny(clippy::wildcard_enum_match_arm)]
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per intent: the table of which controller handles what"
    )]
    fn dispatch(&mut self, ctx: &egui::Context, intent: Intent) {
        let wb = &mut self.wb;
        match intent {
            // Where the user is.
            Intent::Action(Action::SelectAnnotation { id, scroll_article }) => {
                navigation::select_annotation(wb, id, scroll_article);
            }
            Intent::Action(Action::ShowDocument(id)) => navigation::show_document(wb, id),
            Intent::Action(Action::SetFilter(filter)) => navigation::set_filter(wb, filter),
            Intent::Action(Action::ShowInArticle(id)) => navigation::show_in_article(wb, id),
            Intent::SetTextSelection(selection) => navigation::set_text_selection(wb, selection),
            Intent::Deselect => navigation::deselect(wb),
            Intent::Hover(id) => navigation::hover(wb, ctx, id),
            Intent::Action(Action::Command(Command::NextAnnotation)) => {
                navigation::step_annotation(wb, 1);
            }
            Intent::Action(Action::Command(Command::PreviousAnnotation)) => {
                navigation::step_annotation(wb, -1);
            }
            Intent::Action(Action::Command(Command::NextDocument)) => {
                navigation::step_document(wb, 1);
            }
            Intent::Action(Action::Command(Command::PreviousDocument)) => {
                navigation::step_document(wb, -1);
            }
            Intent::Action(Action::Command(Command::ClearSelection)) => {
                if navigation::clear_selection(wb) {
                    self.attribution.unfocus();
                }
            }
            Intent::Action(Action::Command(Command::Find)) => navigation::find(wb),
            Intent::Action(Action::Command(Command::FocusNote)) => navigation::focus_note(wb),
            Intent::Action(Action::Command(Command::FindInText)) => wb.panels.article.open_find(),
            Intent::Action(Action::Command(Command::ArticleView)) => {
                navigation::show_main_view(wb, MainView::Article);
            }
            Intent::Action(Action::Command(Command::AnalysisView)) => {
                navigation::show_main_view(wb, MainView::Analysis);
            }

            // Annotations.
            Intent::Action(Action::TagSelection(tag)) => annotations::tag_selection(wb, ctx, &tag),
            Intent::Action(Action::SetTag(id, tag)) => annotations::set_tag(wb, ctx, id, &tag),
            Intent::Action(Action::SetHolder(id, holder)) => {
                annotations::set_holder(wb, ctx, id, holder);
            }
            Intent::Action(Action::NewHolder(id, name)) => {
                annotations::new_holder(wb, ctx, id, &name);
            }
            Intent::Action(Action::AddHolder(id, holder)) => {
                annotations::add_holder(wb, ctx, id, holder);
            }
            Intent::Action(Action::AddHolderNamed(id, name)) => {
                annotations::add_holder_named(wb, ctx, id, &name);
            }
            Intent::Action(Action::RemoveHolder(id, holder)) => {
                annotations::remove_holder(wb, ctx, id, holder);
            }
            Intent::Action(Action::SetNote(id, note)) => annotations::set_note(wb, ctx, id, &note),
            Intent::Action(
                Action::NoteEditFinished | Action::ActorEditFinished | Action::TypingFinished,
            ) => annotations::end_typing(wb),
            Intent::Action(Action::SetSpanToSelection(id)) => {
                annotations::set_span_to_selection(wb, ctx, id);
            }
            Intent::Action(Action::AddSelectionAsRange(id)) => {
                annotations::add_selection_as_range(wb, ctx, id);
            }
            Intent::Action(Action::Command(Command::AddSelectionAsRange)) => {
                annotations::add_selection_to_selected(wb, ctx);
            }
            Intent::Action(Action::RemoveRange(id, index)) => {
                annotations::remove_range(wb, ctx, id, index);
            }
            Intent::Action(Action::DeleteAnnotation(id)) => annotations::delete(wb, ctx, id),
            Intent::Action(Action::Command(Command::DeleteAnnotation)) => {
                if wb.view.selected_relation.is_some() {
                    links::remove_selected(wb, ctx);
                } else {
                    annotations::delete_selected(wb, ctx);
                }
            }
            Intent::Action(Action::AddIssue(id, issue)) => {
                annotations::add_issue(wb, ctx, id, issue);
            }
            Intent::Action(Action::AddIssueNamed(id, name)) => {
                annotations::add_issue_named(wb, ctx, id, &name);
            }
            Intent::Action(Action::RemoveIssue(id, issue)) => {
                annotations::remove_issue(wb, ctx, id, issue);
            }
            Intent::Action(Action::SetTarget(id, target)) => {
                annotations::set_target(wb, ctx, id, target);
            }
            Intent::Action(Action::NewTarget(id, name)) => {
                annotations::new_target(wb, ctx, id, &name);
            }
            Intent::Action(Action::SetStance(id, stance)) => {
                annotations::set_stance(wb, ctx, id, stance);
            }
            Intent::Action(Action::SetCondition(id, text)) => {
                annotations::set_condition(wb, ctx, id, &text);
            }
            Intent::Action(Action::SetIssueStance(id, issue, stance)) => {
                annotations::set_issue_stance(wb, ctx, (id, issue), stance);
            }
            Intent::Action(Action::SetIssueCondition(id, issue, text)) => {
                annotations::set_issue_condition(wb, ctx, (id, issue), &text);
            }
            Intent::Action(Action::SetSaidOn(id, said_on)) => {
                annotations::set_said_on(wb, ctx, id, said_on);
            }
            Intent::Action(Action::SetFirmness(id, firmness)) => {
                annotations::set_firmness(wb, ctx, id, firmness);
            }
            Intent::Action(Action::SetAttribution(id, attribution)) => {
                annotations::set_attribution(wb, ctx, id, attribution);
            }
            Intent::Action(Action::SetCueToSelection(id)) => {
                annotations::set_cue_to_selection(wb, ctx, id);
            }
            Intent::Action(Action::ClearCue(id)) => annotations::clear_cue(wb, ctx, id),
            Intent::Action(Action::SetField { id, key, value }) => {
                annotations::set_field(wb, ctx, id, &key, value.as_deref());
            }
            Intent::Action(Action::Command(Command::NudgeStartBack)) => {
                annotations::nudge_selected(wb, ctx, SpanEnd::Start, Nudge::Back);
            }
            Intent::Action(Action::Command(Command::NudgeStartForward)) => {
                annotations::nudge_selected(wb, ctx, SpanEnd::Start, Nudge::Forward);
            }
            Intent::Action(Action::Command(Command::NudgeEndBack)) => {
                annotations::nudge_selected(wb, ctx, SpanEnd::End, Nudge::Back);
            }
            Intent::Action(Action::Command(Command::NudgeEndForward)) => {
                annotations::nudge_selected(wb, ctx, SpanEnd::End, Nudge::Forward);
            }
            Intent::Action(Action::Command(Command::Undo)) => undo::undo(wb, ctx),
            Intent::Action(Action::Command(Command::Redo)) => undo::redo(wb, ctx),

            // Links.
            Intent::Action(Action::Command(Command::Link)) => links::start(wb, ctx),
            Intent::Action(Action::ChooseRelationType(kind)) => links::finish(wb, ctx, &kind),
            Intent::Action(Action::CancelLink) => links::cancel(wb),
            Intent::Action(Action::SetRelationNote(id, note)) => {
                links::set_note(wb, ctx, id, &note);
            }
            Intent::Action(Action::RemoveRelation(id)) => links::remove(wb, ctx, id),
            Intent::Action(Action::SetRelationKind(id, kind)) => {
                links::set_kind(wb, ctx, id, &kind);
            }
            Intent::Action(Action::SelectRelation(id)) => links::select(wb, id),
            Intent::Action(Action::Command(Command::ShowLinks)) => {
                wb.prefs.show_links = !wb.prefs.show_links;
            }

            // Actors.
            Intent::Action(Action::RenameActor(id, name)) => actors::rename(wb, ctx, id, &name),
            Intent::Action(Action::SetAffiliation(id, affiliation)) => {
                actors::set_affiliation(wb, ctx, id, &affiliation);
            }
            Intent::Action(Action::SetSide(id, side)) => actors::set_side(wb, ctx, id, side),
            Intent::Action(Action::SetAliases(id, text)) => {
                actors::set_aliases(wb, ctx, id, &text);
            }
            Intent::Action(Action::AddActor(name)) => actors::add(wb, ctx, name),
            Intent::Action(Action::MergeActors { from, into }) => {
                actors::merge(wb, ctx, from, into);
            }
            Intent::Action(Action::DeleteActor(id)) => actors::ask_to_delete(wb, id),
            Intent::DeleteActor(is_confirmed) => actors::answer_delete(wb, ctx, is_confirmed),

            // The schema.
            Intent::Action(Action::Schema(action)) => schema::apply(wb, ctx, action),
            Intent::Action(Action::Command(Command::Schema)) => wb.dialogs.open(Dialog::Schema),

            // Rounds of talks and briefs (the Moves tab).
            Intent::Action(Action::Round(action)) => rounds::apply(wb, ctx, action),

            // Files.
            Intent::Action(Action::Command(Command::NewProject)) => {
                self.files.request(wb, ctx, Pending::NewProject);
            }
            Intent::Action(Action::Command(Command::Open)) => {
                self.files.request(wb, ctx, Pending::OpenDialog);
            }
            Intent::Action(Action::OpenPath(path)) => {
                self.files.request(wb, ctx, Pending::OpenPath(path));
            }
            Intent::Action(Action::Command(Command::Quit)) | Intent::CloseRequested => {
                self.files.request(wb, ctx, Pending::Quit);
            }
            Intent::Unsaved(choice) => self.files.answer_prompt(wb, ctx, choice),
            Intent::Perform(pending) => self.files.perform(wb, ctx, pending),
            Intent::OpenFile(path) => files::open_path(wb, &path),
            Intent::Action(Action::Command(Command::ImportArticle)) => {
                files::start_import_dialog(wb, ctx);
            }
            Intent::Action(Action::Command(Command::ImportFolder)) => {
                files::start_import_folder_dialog(wb, ctx);
            }
            Intent::Import(paths) => files::import(wb, ctx, &paths),
            Intent::Action(Action::Command(Command::ImportUrl)) => WebImport::open_dialog(wb),
            Intent::FetchUrl(url) => self.web.start(wb, ctx, url),
            Intent::CancelFetch => self.web.cancel(),
            Intent::CloseUrlDialog => self.web.close(wb),
            Intent::UrlFetched { url, result } => WebImport::fetched(wb, ctx, &url, result),
            Intent::Action(Action::Command(Command::PasteAsNewArticle)) => self.web.paste(wb, ctx),
            Intent::ImportFolder(paths) => files::import_folder(wb, ctx, &paths),
            Intent::ImportFolders(folders) => files::import_chosen_folders(wb, ctx, &folders),
            Intent::IntakeRead(intake) => intake::read(wb, ctx, *intake),
            Intent::ReviewAnswered(answer) => intake::answer_review(wb, ctx, answer),
            Intent::PropertiesAnswered(answer) => intake::answer_properties(wb, ctx, answer),
            Intent::Action(Action::DocumentProperties(id)) => {
                intake::open_properties(wb, Some(id));
            }
            Intent::Action(Action::Command(Command::DocumentProperties)) => {
                let current = wb.view.document;
                intake::open_properties(wb, current);
            }
            Intent::Drop(paths) => files::drop_files(&mut self.files, wb, ctx, paths),
            Intent::FileDialogAnswered(answer) => files::dialog_answered(wb, ctx, answer),

            // Saving.
            Intent::Action(Action::Command(Command::Save)) => saving::save(wb, ctx),
            Intent::Action(Action::Command(Command::SaveAs)) => {
                saving::start_save_as_dialog(wb, ctx);
            }
            Intent::SaveProjectAs(path) => saving::save_to(wb, ctx, &path),
            Intent::SaveFinished(result) => saving::background_save_finished(wb, ctx, result),
            Intent::SaveConflict(choice) => saving::answer_conflict(wb, ctx, choice),

            // Export.
            Intent::Action(Action::Command(Command::Export)) => wb.dialogs.open(Dialog::Export),
            Intent::Export(choice) => self.export.start(wb, ctx, &choice),
            Intent::ExportTo(path) => self.export.write_to(wb, ctx, path),
            Intent::Overwrite(is_confirmed) => self.export.answer_overwrite(wb, ctx, is_confirmed),

            // The file on disk, and recovery.
            Intent::FileOnDisk(event) => self.disk.found(wb, ctx, event),
            Intent::DiskChanged(choice) => self.disk.answer(wb, choice),
            Intent::OfferRestore => self.recovery.offer_restore(wb),
            Intent::Restore(choice) => self.recovery.answer_restore(wb, ctx, choice),
            Intent::OpenFailed { path, error } => self.recovery.open_failed(wb, &path, &error),
            Intent::OpenInstead(choice) => self.recovery.answer_open_instead(wb, ctx, choice),
            Intent::RecoveryFailed(error) => Recovery::failed(wb, ctx, &error),
            Intent::RecoveryMirrorLost => Recovery::resync(wb),

            // Repair.
            Intent::Action(Action::Command(Command::Problems)) => repair::open_problems(wb),
            Intent::Repair(choice) => repair::answer(wb, ctx, choice),

            // Attribution suggestions.
            Intent::Action(Action::Command(Command::ToggleSuggestions)) => {
                Attribution::toggle(wb, ctx);
            }
            Intent::Action(Action::Command(Command::NextSuggestion)) => {
                self.attribution.step(wb, ctx, true);
            }
            Intent::Action(Action::Command(Command::PreviousSuggestion)) => {
                self.attribution.step(wb, ctx, false);
            }
            Intent::Action(Action::Command(Command::AcceptSuggestion)) => {
                self.attribution.accept(wb, ctx);
            }
            Intent::Action(Action::Command(Command::RejectSuggestion)) => {
                self.attribution.reject(wb, ctx);
            }
            Intent::Action(Action::Command(Command::AcceptHighConfidence)) => {
                self.attribution.accept_high_confidence(wb, ctx);
            }
            Intent::Action(Action::Command(Command::ToggleSuggestionList)) => {
                Attribution::toggle_list(wb, ctx);
            }
            Intent::Action(Action::Command(Command::AcceptSuggestionsWithSpeaker)) => {
                self.attribution.accept_with_speaker(wb, ctx);
            }
            Intent::RejectSuggestionsOfType(kind) => {
                self.attribution.reject_of_type(wb, ctx, kind);
            }
            Intent::FocusSuggestion(content) => self.attribution.focus(wb, ctx, content, false),
            Intent::ShowSuggestion(content) => self.attribution.focus(wb, ctx, content, true),
            Intent::HoverSuggestion(content) => self.attribution.hover(content),
            Intent::SuggestionsFound {
                document,
                key,
                suggestions,
            } => (self.attribution).found(&wb.session.project, document, key, suggestions),
            Intent::ProjectReplaced => self.attribution = Attribution::default(),
            Intent::SuggestionsFailed { document, key } => {
                self.attribution.analysis_died(document, key);
            }

            // Adjudication.
            Intent::Action(Action::Command(Command::CompareView)) => {
                adjudication::show_compare_view(wb);
            }
            Intent::Action(Action::Command(Command::CompareWith)) => {
                adjudication::start_compare_with_dialog(wb, ctx);
            }
            Intent::CompareWith(paths) => adjudication::compare_with(wb, ctx, &paths),

            // The team (git).
            Intent::Action(Action::Command(Command::SyncWithTeam)) => {
                sync::start_sync(&mut self.team, wb, ctx);
            }
            Intent::Action(Action::Command(Command::ShareWithTeam)) => sync::ask_share(wb, ctx),
            Intent::Action(Action::Command(Command::OpenFromTeam)) => {
                wb.dialogs.open(Dialog::OpenFromTeam);
            }
            Intent::Action(Action::Command(Command::History)) => {
                sync::toggle_history(&mut self.team, wb, ctx);
            }
            Intent::ShareWithTeam(TeamAnswer::Go(url)) => sync::share(&mut self.team, wb, ctx, url),
            Intent::OpenFromTeam(TeamAnswer::Go((url, folder))) => {
                sync::open_from_team(&mut self.team, wb, ctx, url, folder);
            }
            Intent::Team(news) => sync::news(&mut self.team, wb, ctx, news),
            Intent::Action(Action::Adjudicate(action)) => adjudication::act(wb, ctx, action),

            // The corpus.
            Intent::Action(Action::Command(Command::CorpusSearch)) => corpus::open_search(wb),
            Intent::Action(Action::CloseCorpusSearch) => corpus::close_search(wb),
            Intent::Action(Action::ShowHit(hit)) => corpus::show_hit(wb, &hit),
            Intent::Action(Action::AnnotateHits { hits, tag, preset }) => {
                corpus::annotate_hits(wb, ctx, &hits, &tag, &preset);
            }

            // Preferences and the window.
            Intent::Action(Action::SetAnnotatorName(name)) => wb.prefs.set_annotator_name(&name),
            Intent::AnnotatorNamed(name) => {
                wb.prefs.set_annotator_name(&name);
                wb.prefs.has_confirmed_annotator = true;
                wb.dialogs.close();
            }
            Intent::Action(Action::Command(Command::ZoomIn)) => wb.prefs.zoom_in(),
            Intent::Action(Action::Command(Command::ZoomOut)) => wb.prefs.zoom_out(),
            Intent::Action(Action::Command(Command::ZoomReset)) => wb.prefs.zoom = 1.0,
            Intent::Action(Action::Command(Command::ThemeLight)) => wb.prefs.theme = Theme::Light,
            Intent::Action(Action::Command(Command::ThemeDark)) => wb.prefs.theme = Theme::Dark,
            Intent::Action(Action::Command(Command::ThemeSystem)) => {
                wb.prefs.theme = Theme::System;
            }
            Intent::Action(Action::Command(Command::ToggleSidebar)) => {
                wb.prefs.show_sidebar = !wb.prefs.show_sidebar;
            }
            Intent::Action(Action::Command(Command::ToggleDocumentList)) => {
                // Ctrl+L with a single document would silently hide the list of a later import.
                if self.is_enabled(Command::ToggleDocumentList) {
                    let prefs = &mut self.wb.prefs;
                    prefs.show_document_list = !prefs.show_document_list;
                }
            }
            Intent::DocumentListWidth(width_px) => wb.prefs.document_list_width_px = width_px,
            Intent::SidebarWidth(width_px) => wb.prefs.sidebar_width_px = width_px,
            Intent::SidebarEditorHeight(height_px) => {
                wb.prefs.sidebar_editor_height_px = height_px;
            }
            Intent::Action(Action::Command(Command::Preferences)) => {
                wb.dialogs.open(Dialog::Preferences);
            }
            Intent::Action(Action::Command(Command::KeyboardShortcuts)) => {
                wb.dialogs.toggle_shortcuts();
            }
            Intent::Action(Action::Command(Command::About)) => wb.dialogs.open(Dialog::About),
            Intent::CloseDialog
            | Intent::ShareWithTeam(TeamAnswer::Cancel)
            | Intent::OpenFromTeam(TeamAnswer::Cancel) => {
                wb.dialogs.close();
            }
            Intent::DismissError => {
                wb.dialogs.errors.pop_front();
            }
        }
    }
}
