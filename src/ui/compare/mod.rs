//! The compare view: each annotator's highlights on the same article in lanes side by side,
//! disagreements underlined, the adjudication queue above them and the agreement figures.
//!
//! It returns [`QueueAction`]s; the app turns a decision into one undoable edit. The queue
//! and the figures are computed once per project state (a [`DerivedCache`]), not per frame.

mod figures;
mod lanes;

use egui::{RichText, Ui};

use crate::analysis::wording::counted;
use crate::model::Versions;
use crate::model::{DerivedCache, DocumentId, Project};
use crate::team::adjudication::{self, Choice, Figures, Item, coder_label};

/// What the user asks of the adjudication queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueueAction {
    Decide(Choice),
    /// Select the item's annotation in the article view to edit it there.
    Edit,
    Next,
    Previous,
    /// Keep each span all annotators agree on once, in one step.
    AcceptAgreements,
}

/// The queue's keys, bare: A, B, H (both), E (edit), R (reject), N or Tab (next), P or
/// Shift+Tab (previous). They act only in the compare view.
pub const QUEUE_KEYS: &[(egui::Key, egui::Modifiers, QueueAction)] = &[
    (
        egui::Key::A,
        egui::Modifiers::NONE,
        QueueAction::Decide(Choice::TakeA),
    ),
    (
        egui::Key::B,
        egui::Modifiers::NONE,
        QueueAction::Decide(Choice::TakeB),
    ),
    (
        egui::Key::H,
        egui::Modifiers::NONE,
        QueueAction::Decide(Choice::TakeBoth),
    ),
    (egui::Key::E, egui::Modifiers::NONE, QueueAction::Edit),
    (
        egui::Key::R,
        egui::Modifiers::NONE,
        QueueAction::Decide(Choice::Reject),
    ),
    (egui::Key::N, egui::Modifiers::NONE, QueueAction::Next),
    (egui::Key::Tab, egui::Modifiers::NONE, QueueAction::Next),
    (egui::Key::P, egui::Modifiers::NONE, QueueAction::Previous),
    (
        egui::Key::Tab,
        egui::Modifiers::SHIFT,
        QueueAction::Previous,
    ),
];

/// The queue's keys in words, for the Keyboard Shortcuts window.
pub const QUEUE_KEYS_HELP: &str = "In the compare view (Ctrl+3): A takes the first version, B the \
     second, H both, E edits it in the article, R rejects it; N or Tab goes to the next item, P \
     or Shift+Tab to the previous one. Tag keys, Delete and Enter do not act there.";

/// Consumes this frame's queue key presses.
pub fn queue_keys(input: &mut egui::InputState) -> Vec<QueueAction> {
    let mut out = Vec::new();
    for &(key, modifiers, action) in QUEUE_KEYS {
        let shortcut = egui::KeyboardShortcut::new(modifiers, key);
        if crate::ui::commands::consume(input, &shortcut) {
            out.push(action);
        }
    }
    out
}

/// The document the item is in, when that is not the document shown: the lanes then show
/// none of it, so its decision keys must wait until the user goes there.
#[must_use]
pub fn item_elsewhere(
    project: &Project,
    item: &Item,
    shown: Option<DocumentId>,
) -> Option<DocumentId> {
    adjudication::document_of_item(project, item).filter(|&d| Some(d) != shown)
}

/// Tells where the current item is, when the lanes show another document.
#[must_use]
pub fn elsewhere_notice(project: &Project, document: DocumentId) -> String {
    let title = project.document(document).map_or("", |d| d.title.as_str());
    format!("The current item is in \"{title}\": press N or Tab to go there")
}

/// What the compare view draws.
pub struct CompareInput<'a> {
    pub project: &'a Project,
    pub document: Option<DocumentId>,
    /// The current item's place in the queue.
    pub position: usize,
    pub font_size_px: f32,
}

/// The queue and figures of one project state.
struct Cached {
    queue: Vec<Item>,
    figures: Figures,
    /// Spans the annotators agree on, not yet kept as adjudicated.
    agreed: usize,
    coders: Vec<Option<String>>,
    /// The queue's extents by document, for the lanes' underlines.
    marks: std::collections::HashMap<DocumentId, Vec<crate::model::Span>>,
}

impl Cached {
    fn build(project: &Project) -> Self {
        let queue = adjudication::queue(project);
        Self {
            marks: lanes::disagreement_marks(project, &queue),
            coders: adjudication::coders(project),
            queue,
            figures: adjudication::figures(project),
            agreed: adjudication::agreed_count(project),
        }
    }
}

/// The compare view's own state: the queue and figures of the project state drawn, and what
/// it last scrolled to.
#[derive(Default)]
pub struct CompareView {
    cached: DerivedCache<(), Cached>,
    scrolled_to: Option<Item>,
}

impl CompareView {
    /// How many times the queue and figures were computed (once per change, not per frame).
    #[must_use]
    pub fn builds(&self) -> u64 {
        self.cached.builds()
    }

    /// The queue of the project state last drawn.
    #[must_use]
    pub fn queue(&self) -> &[Item] {
        self.cached.last().map_or(&[], |c| c.queue.as_slice())
    }

    pub fn ui(&mut self, ui: &mut Ui, input: &CompareInput<'_>) -> Vec<QueueAction> {
        let mut actions = Vec::new();
        let project = input.project;
        let cached = (self.cached).get_or_build(project.key(), (), || Cached::build(project));
        let current = cached
            .queue
            .get(input.position.min(cached.queue.len().saturating_sub(1)));
        egui::Frame::new().inner_margin(8).show(ui, |ui| {
            let (queue, position) = (&cached.queue, input.position);
            queue_panel_ui(ui, project, queue, position, input.document, &mut actions);
            if cached.agreed > 0 {
                let label = format!("Keep the {} once", counted(cached.agreed, "agreed span"));
                let button = ui.button(label).on_hover_text(
                    "Spans every annotator marked alike: keep the first copy, drop the others \
                     (one undo step)",
                );
                if button.clicked() {
                    actions.push(QueueAction::AcceptAgreements);
                }
            }
            ui.add_space(4.0);
            figures::figures_ui(ui, &cached.figures);
        });
        ui.separator();
        let ui = &mut ui.new_child(
            egui::UiBuilder::new().max_rect(
                ui.available_rect_before_wrap()
                    .shrink2(egui::vec2(8.0, 0.0)),
            ),
        );
        let scroll_to_current = current.is_some() && self.scrolled_to.as_ref() != current;
        if let Some(document) = input.document.and_then(|d| project.document(d)) {
            lanes::lanes_ui(
                ui,
                &lanes::LanesInput {
                    project,
                    document,
                    coders: &cached.coders,
                    marks: &cached.marks,
                    current,
                    font_size_px: input.font_size_px,
                    scroll_to_current,
                },
            );
        } else {
            ui.label("No document to compare.");
        }
        self.scrolled_to = current.cloned();
        actions
    }
}

/// The queue's head: how many remain, what the current item is, and the decision buttons.
/// `document` is the one the lanes show.
fn queue_panel_ui(
    ui: &mut Ui,
    project: &Project,
    queue: &[Item],
    position: usize,
    document: Option<DocumentId>,
    actions: &mut Vec<QueueAction>,
) {
    let Some(item) = queue.get(position.min(queue.len().saturating_sub(1))) else {
        ui.heading("Adjudication: nothing left to decide");
        ui.label(
            RichText::new(
                "Annotators agree everywhere and no merge conflict is left. \
                 File > Compare with... brings in another annotator's project.",
            )
            .weak(),
        );
        return;
    };
    let index = position.min(queue.len() - 1);
    ui.horizontal(|ui| {
        ui.heading(format!("Adjudication: {} remaining", queue.len()));
        ui.label(RichText::new(format!("item {} of {}", index + 1, queue.len())).weak());
    });
    let (a_name, b_name) = describe_item_ui(ui, project, item);
    let elsewhere = item_elsewhere(project, item, document);
    if let Some(there) = elsewhere {
        ui.label(RichText::new(elsewhere_notice(project, there)).strong());
    }
    // Wrapped: long annotator names must not push the buttons (and the lanes) off the view.
    ui.horizontal_wrapped(|ui| {
        let buttons = [
            (
                format!("A: take {a_name}"),
                QueueAction::Decide(Choice::TakeA),
            ),
            (
                format!("B: take {b_name}"),
                QueueAction::Decide(Choice::TakeB),
            ),
            (
                "H: take both".to_owned(),
                QueueAction::Decide(Choice::TakeBoth),
            ),
            ("E: edit in article".to_owned(), QueueAction::Edit),
            ("R: reject".to_owned(), QueueAction::Decide(Choice::Reject)),
            ("P: previous".to_owned(), QueueAction::Previous),
            ("N: next".to_owned(), QueueAction::Next),
        ];
        for (label, action) in buttons {
            // Deciding waits until the lanes show the item.
            let is_enabled = elsewhere.is_none() || !matches!(action, QueueAction::Decide(_));
            if ui
                .add_enabled(is_enabled, egui::Button::new(label))
                .clicked()
            {
                actions.push(action);
            }
        }
    });
}

/// One line per version of the item; returns what "A" and "B" take.
fn describe_item_ui(ui: &mut Ui, project: &Project, item: &Item) -> (String, String) {
    match item {
        Item::Disagreement(d) => {
            ui.label(format!("Annotators disagree: {}", d.kind.describe()));
            for side in &d.sides {
                let marks: Vec<String> = (side.annotations.iter())
                    .filter_map(|id| project.annotation(*id))
                    .map(|a| {
                        let holder = project.holders_label(a);
                        let holder = if holder.is_empty() {
                            "no holder"
                        } else {
                            holder.as_str()
                        };
                        format!(
                            "{} ({holder}) \"{}\"",
                            project.schema().name(&a.tag),
                            crate::model::elide(&a.quote)
                        )
                    })
                    .collect();
                let line = format!(
                    "{}: {}",
                    coder_label(side.coder.as_deref()),
                    marks.join("; ")
                );
                ui.add(egui::Label::new(mixed_text(ui, &line)).selectable(false));
            }
            let name = |i: usize| {
                d.sides.get(i).map_or_else(
                    || "nothing".to_owned(),
                    |s| coder_label(s.coder.as_deref()).to_owned(),
                )
            };
            (name(0), name(1))
        }
        Item::Conflict { index } => {
            if let Some(conflict) = project.conflicts().get(*index) {
                ui.label(format!("Merge conflict: {conflict}"));
                if let Versions::Annotation(sides) = &conflict.versions {
                    for (name, version) in [("ours", &sides.ours), ("theirs", &sides.theirs)] {
                        let text = version.as_ref().map_or_else(
                            || "deleted".to_owned(),
                            |a| {
                                format!(
                                    "{} ({}) \"{}\"",
                                    project.schema().name(&a.tag),
                                    project.holders_label(a),
                                    crate::model::elide(&a.quote)
                                )
                            },
                        );
                        let line = mixed_text(ui, &format!("{name}: {text}"));
                        ui.add(egui::Label::new(line).selectable(false));
                    }
                }
            }
            ("ours".to_owned(), "theirs".to_owned())
        }
    }
}

/// A line that may quote right-to-left text, in reading order.
fn mixed_text(ui: &Ui, line: &str) -> egui::WidgetText {
    let font = egui::TextStyle::Body.resolve(ui.style());
    crate::ui::article::bidi_text::widget_text(ui, line, font, None)
}
