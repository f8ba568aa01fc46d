//! The window's layout: menu bar, status bar, document list, sidebar, article, and the
//! floating windows. Drawing only collects actions; `apply` changes the project.

use egui::{RichText, Ui};

use super::StanceApp;
use crate::ui::Action;
use crate::ui::article::{ArticleAction, ArticleInput, DEFAULT_FONT_SIZE_PX};
use crate::ui::commands::Command;
use crate::ui::dialogs;
use crate::ui::menu::{MenuState, menu_bar_ui};
use crate::ui::sidebar::SidebarInput;
use crate::ui::status_bar::StatusInput;

impl StanceApp {
    pub(super) fn panels_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        egui::Panel::top("menu_bar").show(ui, |ui| {
            let state = MenuState {
                is_enabled: &|c| self.is_enabled(c),
                is_checked: &|c| self.is_checked(c),
                recent_files: &self.prefs.recent_files,
                undo_label: self.history.undo_label(),
                redo_label: self.history.redo_label(),
            };
            if let Some(action) = menu_bar_ui(ui, &state) {
                actions.push(action);
            }
        });

        egui::Panel::bottom("status_bar").show(ui, |ui| {
            self.status_bar.ui(
                ui,
                &StatusInput {
                    project: &self.project,
                    index: self.index.get(),
                    path: self.path.as_deref(),
                    is_dirty: self.history.is_dirty(),
                    document: self.document,
                    text_selection: self.text_selection,
                    is_saving: self.save_job.is_some(),
                },
            );
        });

        // On a narrow window the side panels give way, so the article keeps a readable column.
        let window_width_px = ui.available_width();
        if self.project.documents.len() > 1 && self.prefs.show_document_list {
            let max_width_px = (window_width_px * 0.2).clamp(140.0, 480.0);
            let panel = egui::Panel::left("document_list")
                .resizable(true)
                .default_size(self.prefs.document_list_width_px)
                .size_range(140.0..=max_width_px)
                .show(ui, |ui| self.document_list_ui(ui, actions));
            self.prefs.document_list_width_px = panel.response.rect.width();
        }

        if self.prefs.show_sidebar {
            let panel = egui::Panel::right("sidebar")
                .resizable(true)
                .default_size(self.prefs.sidebar_width_px)
                .size_range(300.0..=(window_width_px * 0.4).clamp(300.0, 760.0))
                .show(ui, |ui| {
                    let input = SidebarInput {
                        project: &self.project,
                        index: self.index.get(),
                        document: self.document,
                        selected: self.selected,
                        text_selection: self.text_selection,
                        hovered_in_article: self.hovered_in_article,
                    };
                    actions.extend(self.sidebar.ui(ui, &input));
                });
            self.prefs.sidebar_width_px = panel.response.rect.width();
        }

        egui::CentralPanel::default()
            .frame(egui::Frame::central_panel(ui.style()).inner_margin(0))
            .show(ui, |ui| match self.document {
                Some(document) => self.article_ui(ui, document, actions),
                None => welcome_ui(ui, actions),
            });
    }

    fn article_ui(
        &mut self,
        ui: &mut Ui,
        document: crate::model::DocumentId,
        actions: &mut Vec<Action>,
    ) {
        let input = ArticleInput {
            selection: self.text_selection,
            selected_annotation: self.selected,
            scroll_to_char: self.article_scroll_to.take(),
            font_size_px: DEFAULT_FONT_SIZE_PX * self.prefs.zoom,
            show_palette: true,
        };
        let response = self.article.ui(ui, &self.project, document, &input);
        if response.hovered != self.hovered_in_article {
            // The sidebar (drawn before the article) shows it on the next frame.
            self.hovered_in_article = response.hovered;
            ui.ctx().request_repaint();
        }
        for action in response.actions {
            match action {
                ArticleAction::SetSelection(selection) => self.set_text_selection(selection),
                ArticleAction::TagSelection(tag) => actions.push(Action::TagSelection(tag)),
                ArticleAction::SelectAnnotation(Some(id)) => {
                    actions.push(Action::SelectAnnotation {
                        id,
                        scroll_article: false,
                    });
                }
                ArticleAction::SelectAnnotation(None) => self.selected = None,
                ArticleAction::AddSelectionAsRange(id) => {
                    actions.push(Action::AddSelectionAsRange(id));
                }
            }
        }
    }

    fn document_list_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
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
                self.project.documents.len(),
                |ui, rows| {
                    for index in rows {
                        let Some(doc) = self.project.documents.get(index) else {
                            continue;
                        };
                        let count = self
                            .index
                            .get()
                            .document_counts()
                            .get(index)
                            .copied()
                            .unwrap_or(0);
                        let is_current = self.document == Some(doc.id);
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
                            actions.push(Action::ShowDocument(doc.id));
                        }
                    }
                },
            );
    }

    /// Esc closes the help windows first; only with none open does it clear the selection.
    pub(super) fn close_help_on_escape(&mut self, ctx: &egui::Context) {
        if (self.show_shortcuts || self.show_about)
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.show_shortcuts = false;
            self.show_about = false;
        }
    }

    pub(super) fn windows_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        if let Some(pending) = &self.prompt {
            let what = pending.what_for_prompt();
            if let Some(choice) = dialogs::unsaved_prompt_ui(ctx, &self.project.title, what) {
                self.answer_prompt(ctx, choice);
            }
        } else if let Some(report) = self.errors.front() {
            if dialogs::error_ui(ctx, report) {
                self.errors.pop_front();
            }
        } else if let Some(path) = self.confirm_overwrite.clone() {
            match dialogs::confirm_overwrite_ui(ctx, &path) {
                Some(true) => {
                    self.confirm_overwrite = None;
                    self.write_export(ctx, &path);
                }
                Some(false) => {
                    self.confirm_overwrite = None;
                    self.pending_export = None;
                }
                None => {}
            }
        }

        self.repair_ui(ctx, actions);

        dialogs::shortcuts_ui(ctx, &mut self.show_shortcuts, &self.project.schema);
        dialogs::about_ui(ctx, &mut self.show_about);
        self.export_ui(ctx);
        self.toasts.ui(ctx);
        drop_overlay_ui(ctx);
    }
}

/// Shown when the project has no document yet.
fn welcome_ui(ui: &mut Ui, actions: &mut Vec<Action>) {
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
                actions.push(Action::Command(Command::ImportArticle));
            }
            if ui.button("Open Project…").clicked() {
                actions.push(Action::Command(Command::Open));
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
