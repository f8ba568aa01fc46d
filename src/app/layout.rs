//! The window's layout: menu bar, status bar, document list, sidebar, article, and the
//! floating windows. Drawing reads the session and view state and only collects
//! [`Intent`]s; `apply` changes them after the frame's drawing.

use egui::{RichText, Ui};

use super::StanceApp;
use super::intent::{Dialog, Intent};
use crate::ui::Action;
use crate::ui::article::{ArticleAction, ArticleInput, DEFAULT_FONT_SIZE_PX};
use crate::ui::commands::Command;
use crate::ui::dialogs;
use crate::ui::export_dialog::ExportAnswer;
use crate::ui::menu::{MenuState, menu_bar_ui};
use crate::ui::sidebar::SidebarInput;
use crate::ui::status_bar::StatusInput;

impl StanceApp {
    /// `scroll_to_char` is the view's one-shot scroll request, taken before drawing.
    pub(super) fn panels_ui(
        &mut self,
        ui: &mut Ui,
        scroll_to_char: Option<usize>,
        intents: &mut Vec<Intent>,
    ) {
        egui::Panel::top("menu_bar").show(ui, |ui| {
            let state = MenuState {
                is_enabled: &|c| self.is_enabled(c),
                is_checked: &|c| self.is_checked(c),
                recent_files: &self.prefs.recent_files,
                undo_label: self.session.history.undo_label(),
                redo_label: self.session.history.redo_label(),
            };
            if let Some(action) = menu_bar_ui(ui, &state) {
                intents.push(action.into());
            }
        });

        egui::Panel::bottom("status_bar").show(ui, |ui| {
            self.status_bar.ui(
                ui,
                &StatusInput {
                    project: &self.session.project,
                    path: self.session.path.as_deref(),
                    is_dirty: self.session.history.is_dirty(),
                    document: self.view.document,
                    text_selection: self.view.text_selection,
                    is_saving: self.session.save_job.is_some(),
                },
            );
        });

        // On a narrow window the side panels give way, so the article keeps a readable column.
        let window_width_px = ui.available_width();
        if self.session.project.documents.len() > 1 && self.prefs.show_document_list {
            let max_width_px = (window_width_px * 0.2).clamp(140.0, 480.0);
            let panel = egui::Panel::left("document_list")
                .resizable(true)
                .default_size(self.prefs.document_list_width_px)
                .size_range(140.0..=max_width_px)
                .show(ui, |ui| self.document_list_ui(ui, intents));
            let width_px = panel.response.rect.width();
            if width_px != self.prefs.document_list_width_px {
                intents.push(Intent::DocumentListWidth(width_px));
            }
        }

        if self.prefs.show_sidebar {
            let panel = egui::Panel::right("sidebar")
                .resizable(true)
                .default_size(self.prefs.sidebar_width_px)
                .size_range(300.0..=(window_width_px * 0.4).clamp(300.0, 760.0))
                .show(ui, |ui| {
                    let input = SidebarInput {
                        project: &self.session.project,
                        document: self.view.document,
                        selected: self.view.selected,
                        text_selection: self.view.text_selection,
                        hovered_in_article: self.view.hovered_in_article,
                    };
                    intents.extend(self.sidebar.ui(ui, &input).into_iter().map(Intent::from));
                });
            let width_px = panel.response.rect.width();
            if width_px != self.prefs.sidebar_width_px {
                intents.push(Intent::SidebarWidth(width_px));
            }
        }

        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0))
            .show(ui, |ui| match self.view.document {
                Some(document) => self.article_ui(ui, document, scroll_to_char, intents),
                None => welcome_ui(ui, intents),
            });
    }

    fn article_ui(
        &mut self,
        ui: &mut Ui,
        document: crate::model::DocumentId,
        scroll_to_char: Option<usize>,
        intents: &mut Vec<Intent>,
    ) {
        let input = ArticleInput {
            selection: self.view.text_selection,
            selected_annotation: self.view.selected,
            scroll_to_char,
            font_size_px: DEFAULT_FONT_SIZE_PX * self.prefs.zoom,
            show_palette: true,
        };
        let response = self.article.ui(ui, &self.session.project, document, &input);
        if response.hovered != self.view.hovered_in_article {
            intents.push(Intent::Hover(response.hovered));
        }
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
            }
        }));
    }

    fn document_list_ui(&mut self, ui: &mut Ui, intents: &mut Vec<Intent>) {
        let revision = self.session.project.revision();
        if self.document_counts.0 != revision {
            let positions: std::collections::HashMap<_, usize> =
                (self.session.project.documents.iter())
                    .enumerate()
                    .map(|(i, d)| (d.id, i))
                    .collect();
            let mut counts = vec![0; self.session.project.documents.len()];
            for a in &self.session.project.annotations {
                if let Some(&i) = positions.get(&a.document) {
                    counts[i] += 1;
                }
            }
            self.document_counts = (revision, counts);
        }
        ui.add_space(6.0);
        ui.heading("Documents");
        ui.add_space(4.0);
        let row_height_px = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .id_salt("document_list_scroll")
            .auto_shrink([false, false])
            .show_rows(
                ui,
                row_height_px,
                self.session.project.documents.len(),
                |ui, rows| {
                    for index in rows {
                        let Some(doc) = self.session.project.documents.get(index) else {
                            continue;
                        };
                        let count = self.document_counts.1.get(index).copied().unwrap_or(0);
                        let is_current = self.view.document == Some(doc.id);
                        let text = RichText::new(&doc.title);
                        // Full-width rows with the annotation count at the right, like the
                        // sidebar's list, rather than pills as wide as their titles.
                        let button = egui::Button::selectable(is_current, text)
                            .truncate()
                            .right_text(RichText::new(count.to_string()).weak())
                            .min_size(egui::vec2(ui.available_width(), row_height_px));
                        // The tooltip's text is formatted only while it shows.
                        let response = ui.add(button);
                        // Its accessible name is the title alone, not the title and count.
                        response.widget_info(|| {
                            egui::WidgetInfo::selected(
                                egui::Role::Button,
                                true,
                                is_current,
                                &doc.title,
                            )
                        });
                        let response = response.on_hover_ui(|ui| {
                            ui.label(&doc.title);
                            match doc.date {
                                Some(date) => ui.weak(format!("{count} annotation(s) · {date}")),
                                None => ui.weak(format!("{count} annotation(s)")),
                            };
                        });
                        if response.clicked() {
                            intents.push(Action::ShowDocument(doc.id).into());
                        }
                    }
                },
            );
    }

    /// The open dialog, the error on top of it, and the toasts. The unsaved-changes prompt
    /// comes before errors; an overwrite confirmation waits for them.
    pub(super) fn windows_ui(&mut self, ctx: &egui::Context, intents: &mut Vec<Intent>) {
        let project = &self.session.project;
        if let Dialog::UnsavedPrompt(pending) = &self.dialog {
            let what = pending.what_for_prompt();
            if let Some(choice) = dialogs::unsaved_prompt_ui(ctx, &project.title, what) {
                intents.push(Intent::Unsaved(choice));
            }
        } else if let Some(report) = self.errors.front() {
            if dialogs::error_ui(ctx, report) {
                intents.push(Intent::DismissError);
            }
        } else if let Dialog::ConfirmOverwrite(path) = &self.dialog
            && let Some(is_confirmed) = dialogs::confirm_overwrite_ui(ctx, path)
        {
            intents.push(Intent::Overwrite(is_confirmed));
        }
        match &self.dialog {
            Dialog::Repair(repair) => {
                if let Some(choice) = dialogs::repair_ui(ctx, &repair.file_name, &repair.problems.1)
                {
                    intents.push(Intent::Repair(choice));
                }
            }
            Dialog::Shortcuts if !dialogs::shortcuts_ui(ctx, &project.schema) => {
                intents.push(Intent::CloseDialog);
            }
            Dialog::About if !dialogs::about_ui(ctx) => intents.push(Intent::CloseDialog),
            Dialog::Export => match self.export_dialog.ui(ctx, project) {
                Some(ExportAnswer::Export(request)) => intents.push(Intent::Export(request)),
                Some(ExportAnswer::Cancel) => intents.push(Intent::CloseDialog),
                None => {}
            },
            _ => {}
        }
        self.toasts.ui(ctx);
        drop_overlay_ui(ctx);
    }
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
