//! The team's dialogs and panel: who you are (asked on first run), Share with Team…, Open
//! from Team…, and the History panel. Each returns what the user chose; the app does it.
//! Drafts being typed live in egui's memory, so the app's state changes only on an answer.

use std::path::{Path, PathBuf};

use egui::{Context, Id, RichText};

use super::dialogs::primary_button_ui;
use crate::team::sync::HistoryEntry;

/// A text field's draft, kept in egui's memory under `id`, starting from `initial`.
fn draft(ui: &mut egui::Ui, id: Id, label: &str, initial: &str, hint: &str) -> String {
    let mut text: String = ui
        .data_mut(|d| d.get_temp(id))
        .unwrap_or_else(|| initial.to_owned());
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(
            egui::TextEdit::singleline(&mut text)
                .id_salt(id)
                .hint_text(hint)
                .desired_width(360.0),
        )
        .labelled_by(label.id);
    });
    ui.data_mut(|d| d.insert_temp(id, text.clone()));
    text
}

fn forget(ctx: &Context, ids: &[Id]) {
    ctx.data_mut(|d| {
        for id in ids {
            d.remove::<String>(*id);
        }
    });
}

/// First run: who is annotating. `suggested` comes from git's user.name or the OS user.
/// Returns the name once given; there is no cancel, and a blank name cannot be confirmed.
pub fn annotator_name_ui(ctx: &Context, suggested: &str) -> Option<String> {
    let id = Id::unique("first_run_annotator_name");
    let mut answer = None;
    egui::Modal::new(Id::unique("first_run_annotator")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading("Who is annotating?");
        ui.add_space(6.0);
        ui.label(
            "Stance records your name on every annotation you make or change, so the team \
             sees who did what when work is merged and compared.",
        );
        ui.add_space(8.0);
        let name = draft(ui, id, "Your name", suggested, "Your name or initials");
        let is_blank = name.trim().is_empty();
        if is_blank {
            ui.label(RichText::new("A name is needed.").color(ui.visuals().warn_fg_color));
        }
        ui.add_space(8.0);
        let pressed_enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
        let button = ui.add_enabled(
            !is_blank,
            egui::Button::new(RichText::new("Start").strong()),
        );
        if !is_blank && (button.clicked() || pressed_enter) {
            answer = Some(name.trim().to_owned());
        }
        ui.label(RichText::new("Edit > Preferences... changes it later.").weak());
    });
    if answer.is_some() {
        forget(ctx, &[id]);
    }
    answer
}

/// What a team dialog's user chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TeamAnswer<T> {
    Go(T),
    Cancel,
}

/// File → Share with Team…: the address of the team's (empty) repository.
pub fn share_ui(ctx: &Context, file_name: &str) -> Option<TeamAnswer<String>> {
    let id = Id::unique("share_with_team_url");
    let mut answer = None;
    let modal = egui::Modal::new(Id::unique("share_with_team")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Share with Team");
        ui.add_space(6.0);
        ui.label(format!(
            "Puts {file_name} into a git repository (its folder, unless it is in one), sets \
             Stance to merge it by annotation, and pushes it to the team's repository. Your \
             own git credentials are used; Stance stores no password."
        ));
        ui.add_space(8.0);
        let url = draft(
            ui,
            id,
            "Team repository",
            "",
            "https://…, git@host:team/project.git, or a folder",
        );
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let is_blank = url.trim().is_empty();
            if ui
                .add_enabled_ui(!is_blank, |ui| primary_button_ui(ui, "Share"))
                .inner
                .clicked()
            {
                answer = Some(TeamAnswer::Go(url.trim().to_owned()));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(TeamAnswer::Cancel);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(TeamAnswer::Cancel);
    }
    if answer.is_some() {
        forget(ctx, &[id]);
    }
    answer
}

/// File → Open from Team…: a repository's address and the folder to clone it into.
pub fn open_from_team_ui(ctx: &Context, parent: &Path) -> Option<TeamAnswer<(String, PathBuf)>> {
    let url_id = Id::unique("open_from_team_url");
    let folder_id = Id::unique("open_from_team_folder");
    let mut answer = None;
    let modal = egui::Modal::new(Id::unique("open_from_team")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Open from Team");
        ui.add_space(6.0);
        ui.label(
            "Copies the team's repository to this computer (git clone) and opens its project.",
        );
        ui.add_space(8.0);
        let url = draft(
            ui,
            url_id,
            "Team repository",
            "",
            "https://… or git@host:team/project.git",
        );
        let suggested = parent.join(repository_name(&url)).display().to_string();
        let folder = draft(ui, folder_id, "Into folder", "", &suggested);
        let folder = if folder.trim().is_empty() {
            suggested
        } else {
            folder
        };
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let is_blank = url.trim().is_empty();
            if ui
                .add_enabled_ui(!is_blank, |ui| primary_button_ui(ui, "Open"))
                .inner
                .clicked()
            {
                answer = Some(TeamAnswer::Go((
                    url.trim().to_owned(),
                    PathBuf::from(folder.trim()),
                )));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(TeamAnswer::Cancel);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(TeamAnswer::Cancel);
    }
    if answer.is_some() {
        forget(ctx, &[url_id, folder_id]);
    }
    answer
}

/// `project` for `https://host/team/project.git`.
#[must_use]
pub fn repository_name(url: &str) -> String {
    let last = url
        .trim()
        .trim_end_matches('/')
        .rsplit(['/', ':', '\\'])
        .next()
        .unwrap_or_default();
    let name = last.trim_end_matches(".git");
    if name.is_empty() {
        "team-project".to_owned()
    } else {
        name.to_owned()
    }
}

/// What the History panel shows.
pub enum HistoryView<'a> {
    Loading,
    Entries(&'a [HistoryEntry]),
    /// Why there is none (no repository, no git).
    Unavailable(&'a str),
}

/// View → History: the commits that touched the project, newest first. Returns whether it
/// stays open.
pub fn history_ui(ctx: &Context, view: &HistoryView<'_>) -> bool {
    let mut is_open = true;
    egui::Window::new("History")
        .open(&mut is_open)
        .default_width(560.0)
        .default_height(360.0)
        .show(ctx, |ui| match view {
            HistoryView::Loading => {
                ui.spinner();
            }
            HistoryView::Unavailable(why) => {
                ui.label(*why);
            }
            HistoryView::Entries([]) => {
                ui.label("No commit has touched this project yet.");
            }
            HistoryView::Entries(entries) => {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    egui::Grid::new("history_grid")
                        .striped(true)
                        .num_columns(4)
                        .spacing([12.0, 4.0])
                        .show(ui, |ui| {
                            for heading in ["Who", "When", "Annotations", "Message"] {
                                ui.label(RichText::new(heading).strong());
                            }
                            ui.end_row();
                            for entry in *entries {
                                ui.label(&entry.log.author);
                                ui.label(when(&entry.log.date));
                                ui.label(entry.annotations.map_or_else(
                                    || "unreadable".to_owned(),
                                    |c| format!("+{} ~{} -{}", c.added, c.changed, c.deleted),
                                ))
                                .on_hover_text("added, changed, removed");
                                ui.label(&entry.log.subject);
                                ui.end_row();
                            }
                        });
                });
            }
        });
    is_open
}

/// `2026-12-07 03:40` from git's ISO date.
fn when(iso: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(iso).map_or_else(
        |_| iso.to_owned(),
        |t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repository_is_named_by_its_address() {
        assert_eq!(repository_name("https://host/team/talks.git"), "talks");
        assert_eq!(repository_name("git@host:team/talks.git/"), "talks");
        assert_eq!(repository_name("/srv/shared/talks"), "talks");
        assert_eq!(repository_name(""), "team-project");
    }
}
