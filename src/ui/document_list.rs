//! The document list: every article with its date, outlet, title and annotation count,
//! sorted and filtered as the analyst asks. The order it shows is also the order
//! Ctrl+PageDown and Ctrl+PageUp step through.

use egui::{RichText, Ui};

use crate::model::{DerivedCache, DocumentId, Project, ProjectIndex, name_key};

/// What the list is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DocumentSort {
    /// Project order: the order documents were imported in.
    #[default]
    Project,
    Date,
    Title,
    Outlet,
    Annotations,
}

impl DocumentSort {
    const ALL: [Self; 5] = [
        Self::Project,
        Self::Date,
        Self::Title,
        Self::Outlet,
        Self::Annotations,
    ];

    fn label(self) -> &'static str {
        match self {
            Self::Project => "Import order",
            Self::Date => "Date",
            Self::Title => "Title",
            Self::Outlet => "Outlet",
            Self::Annotations => "Annotations",
        }
    }
}

/// The list's own state: filter text, sort, and the order last computed.
#[derive(Default)]
pub struct DocumentList {
    pub filter: String,
    pub sort: DocumentSort,
    pub is_descending: bool,
    /// Document indices in display order, for the project state, filter and sort they were
    /// computed for.
    order: DerivedCache<(String, DocumentSort, bool), Vec<usize>>,
}

impl DocumentList {
    /// The shown documents (indices into `project.documents`), in display order; recomputed
    /// only when the project, filter or sort changed.
    pub fn order(&mut self, project: &Project, index: &ProjectIndex) -> &[usize] {
        let (filter, sort, is_descending) = (&self.filter, self.sort, self.is_descending);
        let wanted = (filter.clone(), sort, is_descending);
        self.order.get_or_build(project.key(), wanted, || {
            let mut order = sorted_documents(project, index, filter, sort);
            if is_descending {
                order.reverse();
            }
            order
        })
    }

    /// The document `step` places after (or before) `current` in the list's order; the first
    /// (or last) when `current` is not shown. `None` when the list is empty.
    pub fn neighbour(
        &mut self,
        project: &Project,
        index: &ProjectIndex,
        current: Option<DocumentId>,
        step: isize,
    ) -> Option<DocumentId> {
        let order = self.order(project, index);
        let last = order.len().checked_sub(1)?;
        let position = current.and_then(|id| {
            let at = project.document_index(id)?;
            order.iter().position(|&i| i == at)
        });
        let next = match position {
            None if step >= 0 => 0,
            None => last,
            Some(p) => p.saturating_add_signed(step).min(last),
        };
        project.documents().get(order[next]).map(|d| d.id)
    }

    /// Draws the list; returns what was asked of a document: show it (a click), or its
    /// properties (the row's context menu).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        index: &ProjectIndex,
        current: Option<DocumentId>,
    ) -> Option<DocumentListAction> {
        ui.add_space(6.0);
        ui.heading("Documents");
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let label = ui.label("Filter");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .id_salt("document_filter")
                    .hint_text("Title, outlet or date")
                    .desired_width(ui.available_width()),
            )
            .labelled_by(label.id);
        });
        // Wrapped: the list may be as narrow as 140 px, and the checkbox must stay reachable.
        ui.horizontal_wrapped(|ui| {
            egui::ComboBox::from_label("Sort by")
                .selected_text(self.sort.label())
                .show_ui(ui, |ui| {
                    for sort in DocumentSort::ALL {
                        ui.selectable_value(&mut self.sort, sort, sort.label());
                    }
                });
            ui.checkbox(&mut self.is_descending, "Descending");
        });
        let shown = self.order(project, index).to_vec();
        if shown.len() < project.documents().len() {
            ui.weak(format!(
                "{} of {} documents",
                shown.len(),
                project.documents().len()
            ));
        }
        let mut clicked = None;
        let row_height_px = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .id_salt("document_list_scroll")
            .auto_shrink([false, false])
            .show_rows(ui, row_height_px, shown.len(), |ui, rows| {
                for &doc_index in &shown[rows] {
                    let Some(doc) = project.documents().get(doc_index) else {
                        continue;
                    };
                    let count = index.document_counts().get(doc_index).copied().unwrap_or(0);
                    let row =
                        document_row_ui(ui, doc, count, current == Some(doc.id), row_height_px);
                    if row.clicked() {
                        clicked = Some(DocumentListAction::Show(doc.id));
                    }
                    row.context_menu(|ui| {
                        if ui.button("Properties…").clicked() {
                            clicked = Some(DocumentListAction::Properties(doc.id));
                        }
                    });
                }
            });
        clicked
    }
}

/// One row: date, title and outlet, and the annotation count at the right. The outlet comes
/// last so a narrow list cuts it before the title.
fn document_row_ui(
    ui: &mut Ui,
    doc: &crate::model::Document,
    count: usize,
    is_current: bool,
    row_height_px: f32,
) -> egui::Response {
    let mut text = String::new();
    if let Some(date) = doc.date {
        text.push_str(&format!("{date}  "));
    }
    text.push_str(&doc.title);
    if let Some(outlet) = &doc.outlet {
        text.push_str(&format!(" · {outlet}"));
    }
    // Full-width rows with the count at the right, like the sidebar's list.
    let button = egui::Button::selectable(is_current, RichText::new(text))
        .truncate()
        .right_text(RichText::new(count.to_string()).weak())
        .min_size(egui::vec2(ui.available_width(), row_height_px));
    let response = ui.add(button);
    // Its accessible name is the title alone, not the title and count.
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::Button, true, is_current, &doc.title)
    });
    // The tooltip's text is formatted only while it shows.
    response.on_hover_ui(|ui| {
        ui.label(&doc.title);
        let mut facts = vec![crate::analysis::wording::counted(count, "annotation")];
        facts.extend(doc.date.map(|d| d.to_string()));
        facts.extend(doc.outlet.clone());
        ui.weak(facts.join(" · "));
    })
}

/// What the document list asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentListAction {
    Show(DocumentId),
    /// The row's context menu → Properties….
    Properties(DocumentId),
}

/// Document indices passing `filter` (title, outlet or date containing it, ignoring case),
/// sorted by `sort`; ties keep project order.
#[must_use]
pub fn sorted_documents(
    project: &Project,
    index: &ProjectIndex,
    filter: &str,
    sort: DocumentSort,
) -> Vec<usize> {
    let needle = name_key(filter);
    let mut shown: Vec<usize> = (project.documents().iter().enumerate())
        .filter(|(_, d)| {
            needle.is_empty()
                || name_key(&d.title).contains(&needle)
                || d.outlet
                    .as_deref()
                    .is_some_and(|o| name_key(o).contains(&needle))
                || d.date
                    .is_some_and(|date| date.to_string().contains(&needle))
        })
        .map(|(i, _)| i)
        .collect();
    let docs = &project.documents();
    match sort {
        DocumentSort::Project => {}
        // Undated documents last.
        DocumentSort::Date => shown.sort_by_key(|&i| (docs[i].date.is_none(), docs[i].date)),
        DocumentSort::Title => shown.sort_by_cached_key(|&i| name_key(&docs[i].title)),
        DocumentSort::Outlet => shown.sort_by_cached_key(|&i| {
            let outlet = docs[i].outlet.as_deref().map(name_key);
            (outlet.is_none(), outlet, name_key(&docs[i].title))
        }),
        DocumentSort::Annotations => shown.sort_by_key(|&i| {
            std::cmp::Reverse(index.document_counts().get(i).copied().unwrap_or(0))
        }),
    }
    shown
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::Document;

    fn project() -> Project {
        let mut project = Project::new("t");
        for (title, date, outlet) in [
            ("Kremlin briefing", Some(2), None),
            ("Geneva round", Some(1), Some("Ledger")),
            ("A note", None, Some("Courier")),
        ] {
            let mut doc = Document::new(title, format!("{title} text."));
            doc.date = date.and_then(|d| NaiveDate::from_ymd_opt(2025, 12, d));
            doc.outlet = outlet.map(str::to_owned);
            project.rebuild(|parts| {
                parts.documents.push(doc);
            });
        }
        project
    }

    fn titles(project: &Project, order: &[usize]) -> Vec<String> {
        order
            .iter()
            .map(|&i| project.documents()[i].title.clone())
            .collect()
    }

    #[test]
    fn sorts_by_date_title_and_outlet_and_filters() {
        let p = project();
        let index = p.index_from_scratch();
        let by = |sort, filter| titles(&p, &sorted_documents(&p, &index, filter, sort));
        assert_eq!(
            by(DocumentSort::Date, ""),
            ["Geneva round", "Kremlin briefing", "A note"]
        );
        assert_eq!(
            by(DocumentSort::Title, ""),
            ["A note", "Geneva round", "Kremlin briefing"]
        );
        assert_eq!(
            by(DocumentSort::Outlet, ""),
            ["A note", "Geneva round", "Kremlin briefing"]
        );
        assert_eq!(by(DocumentSort::Project, "LEDGER"), ["Geneva round"]);
        assert_eq!(
            by(DocumentSort::Project, "2025-12-02"),
            ["Kremlin briefing"]
        );
    }

    #[test]
    fn neighbours_follow_the_shown_order_and_stop_at_the_ends() {
        let p = project();
        let index = p.index_from_scratch();
        let mut list = DocumentList {
            sort: DocumentSort::Title,
            ..DocumentList::default()
        };
        let id = |i: usize| p.documents()[i].id;
        assert_eq!(list.neighbour(&p, &index, None, 1), Some(id(2)));
        assert_eq!(list.neighbour(&p, &index, Some(id(2)), 1), Some(id(1)));
        assert_eq!(list.neighbour(&p, &index, Some(id(0)), 1), Some(id(0)));
        assert_eq!(list.neighbour(&p, &index, Some(id(1)), -1), Some(id(2)));
    }
}
