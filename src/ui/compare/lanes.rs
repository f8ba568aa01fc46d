//! The lanes: every paragraph with annotations, once per annotator side by side, each lane
//! highlighting that annotator's spans in their tag's colour. Disagreements are underlined
//! in red, the current item in thick magenta.

use std::collections::{BTreeMap, HashMap};

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, RichText, Stroke, Ui};

use crate::model::{Annotation, Document, DocumentId, Project, Span};
use crate::team::adjudication::{
    ADJUDICATED, Item, annotations_of_item, coder_label, is_adjudicated,
};
use crate::team::annotators::same_annotator;
use crate::ui::article::bidi::needs_bidi;
use crate::ui::article::bidi_text::{TextMark, marked_paragraph_ui};
use crate::ui::tag_color;

const DISAGREEMENT: Color32 = Color32::from_rgb(0xd6, 0x33, 0x33);
// Magenta: unlike any default tag colour, so it reads over every highlight.
const CURRENT: Color32 = Color32::from_rgb(0xe0, 0x3c, 0xe0);

pub(super) struct LanesInput<'a> {
    pub(super) project: &'a Project,
    pub(super) document: &'a Document,
    /// The annotators to compare, computed with the queue (not per frame).
    pub(super) coders: &'a [Option<String>],
    /// Each document's disagreement extents, computed with the queue (not per frame).
    pub(super) marks: &'a HashMap<DocumentId, Vec<Span>>,
    pub(super) current: Option<&'a Item>,
    pub(super) font_size_px: f32,
    pub(super) scroll_to_current: bool,
}

/// How one char is drawn in a lane.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Style {
    background: Option<Color32>,
    /// 0 none, 1 a disagreement, 2 the current item.
    mark: u8,
}

/// Paragraphs drawn at most at once: a window around the current item, so a long article
/// with thousands of annotations costs no more per frame than a short one.
const MAX_PARAGRAPHS: usize = 40;

pub(super) fn lanes_ui(ui: &mut Ui, input: &LanesInput<'_>) {
    let project = input.project;
    let doc = input.document;
    let mut lanes: Vec<Option<String>> = input.coders.to_vec();
    let annotations: Vec<&Annotation> = project.annotations_of(doc.id).collect();
    if annotations.iter().any(|a| is_adjudicated(a)) {
        lanes.push(Some(ADJUDICATED.to_owned()));
    }
    if lanes.is_empty() {
        ui.label("This document has no annotations yet.");
        return;
    }
    // Each annotation under every paragraph it touches, in one pass.
    let mut by_paragraph: BTreeMap<usize, Vec<&Annotation>> = BTreeMap::new();
    for a in &annotations {
        let extent = a.extent();
        let last = doc.paragraph_at(extent.end.saturating_sub(1).max(extent.start));
        for index in doc.paragraph_at(extent.start)..=last {
            by_paragraph.entry(index).or_default().push(a);
        }
    }
    let marked = marked_spans(input);
    let current_paragraph = marked
        .iter()
        .find(|(_, mark)| *mark == 2)
        .map(|(s, _)| doc.paragraph_at(s.start));
    let indices: Vec<usize> = by_paragraph.keys().copied().collect();
    let window = window(&indices, current_paragraph);
    ui.spacing_mut().item_spacing.x = 16.0;
    // The lanes leave room for the scroll bar; their headings stay above them.
    let lanes_width_px = ui.available_width() - ui.spacing().scroll.bar_width - 6.0;
    ui.scope(|ui| {
        ui.set_max_width(lanes_width_px);
        ui.columns(lanes.len(), |columns| {
            for (column, coder) in columns.iter_mut().zip(&lanes) {
                column.label(RichText::new(coder_label(coder.as_deref())).strong());
            }
        });
    });
    if window.len() < indices.len() {
        ui.label(
            RichText::new(format!(
                "Showing {} of {} annotated paragraphs, around the current item.",
                window.len(),
                indices.len()
            ))
            .weak(),
        );
    }
    egui::ScrollArea::vertical()
        .id_salt("compare_lanes")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Room for the floating scroll bar, which otherwise covers the last lane's ends.
            ui.set_max_width(lanes_width_px);
            ui.spacing_mut().item_spacing.x = 16.0;
            for &index in window {
                let (Some(paragraph), Some(inside)) =
                    (doc.paragraphs().get(index), by_paragraph.get(&index))
                else {
                    continue;
                };
                let span = paragraph.chars;
                let Some(text) = doc.text.get(paragraph.bytes_start..paragraph.bytes_end) else {
                    continue;
                };
                let marked_here: Vec<(Span, u8)> = (marked.iter().copied())
                    .filter(|(s, _)| s.start < span.end && s.end > span.start)
                    .collect();
                ui.columns(lanes.len(), |columns| {
                    for (column, coder) in columns.iter_mut().zip(&lanes) {
                        let mine: Vec<&Annotation> = (inside.iter().copied())
                            .filter(|a| same_annotator(a.annotator.as_deref(), coder.as_deref()))
                            .collect();
                        // Columns justify their contents; a justified paragraph reads badly.
                        column.with_layout(egui::Layout::top_down(egui::Align::LEFT), |ui| {
                            if needs_bidi(text) {
                                bidi_paragraph_ui(ui, input, text, span.start, &mine, &marked_here);
                            } else {
                                let job =
                                    paragraph_job(input, text, span.start, &mine, &marked_here, ui);
                                ui.label(job);
                            }
                        });
                    }
                });
                let response = ui.separator();
                if input.scroll_to_current && current_paragraph == Some(index) {
                    response.scroll_to_me(Some(egui::Align::Center));
                }
            }
        });
}

/// At most [`MAX_PARAGRAPHS`] of `indices`, centred on the current paragraph.
fn window(indices: &[usize], current: Option<usize>) -> &[usize] {
    let at = current.map_or(0, |c| indices.partition_point(|&i| i < c));
    let start = at
        .saturating_sub(MAX_PARAGRAPHS / 2)
        .min(indices.len().saturating_sub(MAX_PARAGRAPHS));
    let end = (start + MAX_PARAGRAPHS).min(indices.len());
    indices.get(start..end).unwrap_or(&[])
}

/// The extents of the queue's items by document, to underline as disagreements. Built once
/// per project state: walking the whole queue every frame would cost O(project).
pub(super) fn disagreement_marks(
    project: &Project,
    queue: &[Item],
) -> HashMap<DocumentId, Vec<Span>> {
    let mut out: HashMap<DocumentId, Vec<Span>> = HashMap::new();
    for item in queue {
        for (document, extent) in extents_of(project, item) {
            out.entry(document).or_default().push(extent);
        }
    }
    out
}

/// Where an item is: a disagreement's extent, or a conflict's annotation.
fn extents_of(project: &Project, item: &Item) -> Vec<(DocumentId, Span)> {
    match item {
        Item::Disagreement(d) => vec![(d.document, d.extent)],
        Item::Conflict { .. } => annotations_of_item(project, item)
            .into_iter()
            .filter_map(|id| project.annotation(id))
            .map(|a| (a.document, a.extent()))
            .collect(),
    }
}

/// The char spans to underline in this document: every disagreement (1) and the current
/// item (2).
fn marked_spans(input: &LanesInput<'_>) -> Vec<(Span, u8)> {
    let document = input.document.id;
    let mut out: Vec<(Span, u8)> = (input.marks.get(&document).into_iter().flatten())
        .map(|s| (*s, 1))
        .collect();
    if let Some(current) = input.current {
        out.extend(
            (extents_of(input.project, current).into_iter())
                .filter(|(d, _)| *d == document)
                .map(|(_, s)| (s, 2)),
        );
    }
    out
}

/// How the char at `offset` is drawn in a lane: the tag colour of the latest of `mine` over
/// it, and the strongest mark.
fn style_at(
    input: &LanesInput<'_>,
    mine: &[&Annotation],
    marked: &[(Span, u8)],
    offset: usize,
) -> Style {
    let background = mine
        .iter()
        .rev()
        .find(|a| a.covers(offset))
        .and_then(|a| input.project.schema().get(&a.tag))
        .map(|t| tag_color(t.color).gamma_multiply(0.55));
    let mark = (marked.iter())
        .filter(|(s, _)| s.contains(offset))
        .map(|(_, m)| *m)
        .max()
        .unwrap_or(0);
    Style { background, mark }
}

impl Style {
    fn underline(self) -> Stroke {
        match self.mark {
            2 => Stroke::new(3.0, CURRENT),
            1 => Stroke::new(1.5, DISAGREEMENT),
            _ => Stroke::NONE,
        }
    }
}

/// One paragraph with right-to-left text in one lane: the same highlights and marks, painted
/// by the article's bidi layout (a highlight may cover part of an Arabic word).
fn bidi_paragraph_ui(
    ui: &mut Ui,
    input: &LanesInput<'_>,
    text: &str,
    start_chars: usize,
    mine: &[&Annotation],
    marked: &[(Span, u8)],
) {
    let mut marks: Vec<TextMark> = Vec::new();
    for i in 0..text.chars().count() {
        let style = style_at(input, mine, marked, start_chars + i);
        let background = style.background.unwrap_or(Color32::TRANSPARENT);
        let underline = style.underline();
        match marks.last_mut() {
            Some(m)
                if m.chars.end == i && m.background == background && m.underline == underline =>
            {
                m.chars.end = i + 1;
            }
            _ if background == Color32::TRANSPARENT && underline == Stroke::NONE => {}
            _ => marks.push(TextMark {
                chars: i..i + 1,
                background,
                underline,
            }),
        }
    }
    marked_paragraph_ui(ui, text, &FontId::proportional(input.font_size_px), &marks);
}

/// One paragraph of one lane: `mine` highlighted in their tag colours, marks underlined.
fn paragraph_job(
    input: &LanesInput<'_>,
    text: &str,
    start_chars: usize,
    mine: &[&Annotation],
    marked: &[(Span, u8)],
    ui: &Ui,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    let font = FontId::proportional(input.font_size_px);
    let text_color = ui.visuals().text_color();
    let style_at = |offset: usize| style_at(input, mine, marked, offset);
    let mut run_start_bytes = 0;
    let mut run_style: Option<Style> = None;
    let push = |job: &mut LayoutJob, piece: &str, style: Style| {
        let underline = style.underline();
        job.append(
            piece,
            0.0,
            TextFormat {
                font_id: font.clone(),
                color: text_color,
                background: style.background.unwrap_or(Color32::TRANSPARENT),
                underline,
                ..TextFormat::default()
            },
        );
    };
    for (i, (byte, _)) in text.char_indices().enumerate() {
        let style = style_at(start_chars + i);
        if run_style != Some(style) {
            if let Some(previous) = run_style
                && let Some(piece) = text.get(run_start_bytes..byte)
            {
                push(&mut job, piece, previous);
            }
            run_start_bytes = byte;
            run_style = Some(style);
        }
    }
    if let Some(style) = run_style
        && let Some(piece) = text.get(run_start_bytes..)
    {
        push(&mut job, piece, style);
    }
    job
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_is_centred_on_the_current_paragraph_and_clamped_at_the_ends() {
        let indices: Vec<usize> = (0..100).map(|i| i * 2).collect();
        assert_eq!(window(&indices, None), &indices[..MAX_PARAGRAPHS]);
        let around = window(&indices, Some(100));
        assert_eq!(around.len(), MAX_PARAGRAPHS);
        assert_eq!(around[MAX_PARAGRAPHS / 2], 100);
        assert_eq!(
            window(&indices, Some(199)),
            &indices[100 - MAX_PARAGRAPHS..]
        );
        assert_eq!(window(&indices[..3], Some(4)), &indices[..3]);
    }
}
