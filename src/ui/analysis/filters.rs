//! The filter bar: actors or sides, date range, tags, sides (affiliations) and grouping.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use crate::analysis::{AnalysisFilter, RollUp};
use crate::model::Project;
use crate::ui::date_field::{date_edit, parse_date_field};

/// The date fields as typed; the filter takes them once they parse.
#[derive(Default)]
pub(super) struct FilterText {
    from: String,
    to: String,
}

pub(super) fn filters_ui(
    ui: &mut Ui,
    project: &Project,
    filter: &mut AnalysisFilter,
    text: &mut FilterText,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Rows:");
        ui.selectable_value(&mut filter.roll_up, RollUp::Actors, "Actors")
            .on_hover_text("One row per actor who said something");
        ui.selectable_value(&mut filter.roll_up, RollUp::Sides, "Sides")
            .on_hover_text(
                "Each actor counted for the side it speaks for; a joint statement once per side",
            );
        ui.separator();
        date_field_ui(
            ui,
            "From",
            "analysis_from",
            &mut text.from,
            &mut filter.from,
        );
        date_field_ui(ui, "To", "analysis_to", &mut text.to, &mut filter.to);
        ui.separator();
        tags_menu_ui(ui, project, &mut filter.tags);
        sides_menu_ui(ui, project, &mut filter.affiliations);
        ui.add_enabled(
            filter.roll_up == RollUp::Actors,
            egui::Checkbox::new(&mut filter.group_by_affiliation, "Group by side"),
        )
        .on_disabled_hover_text("Rows are sides already");
    });
}

/// A `YYYY-MM-DD` field; empty means no bound. A date that does not parse is shown in red
/// and leaves the filter as it was.
fn date_field_ui(
    ui: &mut Ui,
    label: &str,
    id: &str,
    text: &mut String,
    date: &mut Option<NaiveDate>,
) {
    ui.label(label);
    let edit = date_edit(ui, text).id_salt(id).desired_width(112.0);
    let response = ui.add(edit);
    if response.changed()
        && let Ok(parsed) = parse_date_field(text)
    {
        *date = parsed;
    }
}

fn tags_menu_ui(ui: &mut Ui, project: &Project, tags: &mut BTreeSet<String>) {
    let title = if tags.is_empty() {
        "Tags: all".to_owned()
    } else {
        format!("Tags: {}", tags.len())
    };
    ui.menu_button(title, |ui| {
        if ui.button("All tags").clicked() {
            tags.clear();
        }
        ui.separator();
        for tag in &project.schema().tags {
            let mut is_on = tags.contains(&tag.key);
            let label = RichText::new(&tag.name).color(crate::ui::tag_color(tag.color));
            if ui.checkbox(&mut is_on, label).changed() {
                if is_on {
                    tags.insert(tag.key.clone());
                } else {
                    tags.remove(&tag.key);
                }
            }
        }
    });
}

fn sides_menu_ui(ui: &mut Ui, project: &Project, affiliations: &mut BTreeSet<String>) {
    let known: BTreeSet<String> = project
        .actors()
        .iter()
        .map(|a| a.affiliation.as_deref().unwrap_or("").trim().to_owned())
        .collect();
    let title = if affiliations.is_empty() {
        "Sides: all".to_owned()
    } else {
        format!("Sides: {}", affiliations.len())
    };
    ui.menu_button(title, |ui| {
        if ui.button("All sides").clicked() {
            affiliations.clear();
        }
        ui.separator();
        for side in &known {
            let mut is_on = affiliations.contains(side);
            let label = if side.is_empty() {
                "(no affiliation)"
            } else {
                side
            };
            if ui.checkbox(&mut is_on, label).changed() {
                if is_on {
                    affiliations.insert(side.clone());
                } else {
                    affiliations.remove(side);
                }
            }
        }
    });
}
