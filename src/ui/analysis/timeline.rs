//! The timeline: article dates across, issues (or actors) down; each statement a mark
//! coloured by its stance and shaped by its tag (position: circle, concession: diamond,
//! claim and others: square), relations as dashed links. Painted; only what is in view.

use egui::{Align2, FontId, Pos2, Rect, Sense, Shape, Stroke, Ui, pos2, vec2};

use super::map::elide_to;
use crate::analysis::{TagKind, Timeline, TimelineMark, stance_color, stance_word};
use crate::model::{AnnotationId, Project};
use crate::ui::article::bidi_text::{isolated, label, paint_line};
use crate::ui::tag_color;

const LABEL_WIDTH_PX: f32 = 180.0;
const AXIS_HEIGHT_PX: f32 = 30.0;
const ROW_HEIGHT_PX: f32 = 32.0;
const MARK_RADIUS_PX: f32 = 5.5;
/// Room for each date on the axis, so a long run of dates scrolls sideways.
const MIN_DATE_SPACING_PX: f32 = 84.0;

/// What drawing the timeline did.
pub(super) struct TimelinePainted {
    pub(super) marks_painted: usize,
    pub(super) clicked: Option<AnnotationId>,
}

/// Mark centres, relative to the content's origin.
struct Geometry {
    plot_width_px: f32,
}

impl Geometry {
    fn center(&self, timeline: &Timeline, mark: &TimelineMark, lane: usize) -> egui::Vec2 {
        // The cast is exact: lanes and rows are small.
        let (lane, row) = (lane as f32, mark.row as f32);
        vec2(
            LABEL_WIDTH_PX
                + 24.0
                + timeline.x_fraction(mark.date) * (self.plot_width_px - 48.0)
                + lane * (MARK_RADIUS_PX * 2.2),
            AXIS_HEIGHT_PX + ROW_HEIGHT_PX * (row + 0.5),
        )
    }
}

pub(super) fn timeline_ui(
    ui: &mut Ui,
    project: &Project,
    timeline: &Timeline,
    picked: Option<AnnotationId>,
    mark_rects: &mut Vec<(AnnotationId, Rect)>,
) -> TimelinePainted {
    mark_rects.clear();
    let mut painted = TimelinePainted {
        marks_painted: 0,
        clicked: None,
    };
    if timeline.marks.is_empty() {
        ui.add_space(12.0);
        ui.label("No dated statements inside the filter.");
        if timeline.undated > 0 {
            ui.weak(format!(
                "{} statement(s) come from undated documents.",
                timeline.undated
            ));
        }
        return painted;
    }
    let geometry = Geometry {
        plot_width_px: (ui.available_width() - LABEL_WIDTH_PX - 16.0)
            .max(timeline.dates.len() as f32 * MIN_DATE_SPACING_PX),
    };
    let size = vec2(
        LABEL_WIDTH_PX + geometry.plot_width_px,
        AXIS_HEIGHT_PX + ROW_HEIGHT_PX * timeline.rows.len() as f32 + 8.0,
    );
    ui.weak(
        "Colour: the stance. Circle: position; diamond: concession; square: claim or other. \
         Dashed lines: relations. Click a mark for the statement.",
    );
    if timeline.undated > 0 {
        ui.weak(format!(
            "{} statement(s) from undated documents are not shown.",
            timeline.undated
        ));
    }
    egui::ScrollArea::both()
        .id_salt("analysis_timeline")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let (rect, response) = ui.allocate_exact_size(size, Sense::click());
            let origin = rect.min;
            let painter = ui.painter_at(ui.clip_rect());
            let clip = ui.clip_rect().expand(MARK_RADIUS_PX * 2.0);
            paint_rows(ui, &painter, timeline, origin, viewport, size.x);
            let lanes = timeline.lanes();
            let center_of = |i: usize| {
                let mark = timeline.marks.get(i)?;
                let lane = lanes.get(i).copied().unwrap_or(0);
                Some(origin + geometry.center(timeline, mark, lane))
            };
            for link in &timeline.links {
                let (Some(a), Some(b)) = (center_of(link.from), center_of(link.to)) else {
                    continue;
                };
                if !clip.intersects(Rect::from_two_pos(a, b)) {
                    continue;
                }
                let color = project
                    .schema()
                    .relation_type(&link.kind)
                    .map_or(ui.visuals().weak_text_color(), |t| tag_color(t.color));
                painter.extend(Shape::dashed_line(
                    &[a, b],
                    Stroke::new(1.5, color),
                    5.0,
                    3.0,
                ));
            }
            let mut hovered: Option<(usize, f32)> = None;
            let pointer = response.hover_pos();
            for (i, mark) in timeline.marks.iter().enumerate() {
                let Some(center) = center_of(i).filter(|c| clip.contains(*c)) else {
                    continue;
                };
                let is_picked = picked == Some(mark.evidence.annotation);
                paint_mark(ui, &painter, project, mark, center, is_picked);
                painted.marks_painted += 1;
                let r = Rect::from_center_size(center, egui::Vec2::splat(MARK_RADIUS_PX * 2.0));
                mark_rects.push((mark.evidence.annotation, r));
                if let Some(p) = pointer {
                    let d = p.distance(center);
                    if d <= MARK_RADIUS_PX + 3.0 && hovered.is_none_or(|(_, best)| d < best) {
                        hovered = Some((i, d));
                    }
                }
            }
            paint_axis(ui, &painter, timeline, origin, viewport, &geometry);
            if let Some((i, _)) = hovered
                && let Some(mark) = timeline.marks.get(i)
            {
                let response =
                    response.on_hover_ui_at_pointer(|ui| mark_hover_ui(ui, project, mark));
                if response.clicked() {
                    painted.clicked = Some(mark.evidence.annotation);
                }
            }
        });
    painted
}

fn paint_rows(
    ui: &Ui,
    painter: &egui::Painter,
    timeline: &Timeline,
    origin: Pos2,
    viewport: Rect,
    width_px: f32,
) {
    let visuals = ui.visuals();
    for (row, r) in timeline.rows.iter().enumerate() {
        let y = origin.y + AXIS_HEIGHT_PX + ROW_HEIGHT_PX * (row as f32 + 0.5);
        if y < origin.y + viewport.min.y - ROW_HEIGHT_PX
            || y > origin.y + viewport.max.y + ROW_HEIGHT_PX
        {
            continue;
        }
        painter.hline(
            origin.x + LABEL_WIDTH_PX..=origin.x + width_px,
            y,
            visuals.widgets.noninteractive.bg_stroke,
        );
        let x = origin.x + viewport.min.x;
        let label = Rect::from_min_size(
            pos2(x, y - ROW_HEIGHT_PX / 2.0),
            vec2(LABEL_WIDTH_PX, ROW_HEIGHT_PX),
        );
        painter.rect_filled(label, 0.0, visuals.panel_fill);
        paint_line(
            painter,
            pos2(x + 4.0, y),
            Align2::LEFT_CENTER,
            &elide_to(&r.label, 26),
            FontId::proportional(13.0),
            visuals.text_color(),
        );
    }
}

fn paint_axis(
    ui: &Ui,
    painter: &egui::Painter,
    timeline: &Timeline,
    origin: Pos2,
    viewport: Rect,
    geometry: &Geometry,
) {
    let visuals = ui.visuals();
    let y = origin.y + viewport.min.y;
    let band = Rect::from_min_size(
        pos2(origin.x + viewport.min.x, y),
        vec2(viewport.width(), AXIS_HEIGHT_PX),
    );
    painter.rect_filled(band, 0.0, visuals.panel_fill);
    for date in &timeline.dates {
        let x = origin.x
            + LABEL_WIDTH_PX
            + 24.0
            + timeline.x_fraction(*date) * (geometry.plot_width_px - 48.0);
        painter.text(
            pos2(x, y + AXIS_HEIGHT_PX - 8.0),
            Align2::CENTER_BOTTOM,
            date.format("%d %b %Y").to_string(),
            FontId::proportional(11.0),
            visuals.strong_text_color(),
        );
    }
}

fn paint_mark(
    ui: &Ui,
    painter: &egui::Painter,
    project: &Project,
    mark: &TimelineMark,
    center: Pos2,
    is_picked: bool,
) {
    let e = &mark.evidence;
    let fill = tag_color(stance_color(e.stance));
    let outline = if is_picked {
        Stroke::new(2.5, ui.visuals().selection.stroke.color)
    } else {
        Stroke::new(1.0, ui.visuals().strong_text_color())
    };
    let r = MARK_RADIUS_PX;
    match e.kind {
        TagKind::Position => {
            painter.circle(center, r, fill, outline);
        }
        TagKind::Concession => {
            let points = vec![
                center + vec2(0.0, -r - 1.5),
                center + vec2(r + 1.5, 0.0),
                center + vec2(0.0, r + 1.5),
                center + vec2(-r - 1.5, 0.0),
            ];
            painter.add(Shape::convex_polygon(points, fill, outline));
        }
        TagKind::Claim | TagKind::Agreement | TagKind::Other => {
            let rect = Rect::from_center_size(center, egui::Vec2::splat(r * 1.6));
            painter.rect(rect, 1.0, fill, outline, egui::StrokeKind::Middle);
        }
    }
    let _ = project;
}

fn mark_hover_ui(ui: &mut Ui, project: &Project, mark: &TimelineMark) {
    let e = &mark.evidence;
    let holder = mark
        .holder
        .and_then(|h| project.actor(h))
        .map_or("(no holder)", |a| a.name.as_str());
    let strong = ui.visuals().strong_text_color();
    label(
        ui,
        &format!("{}, {}", isolated(holder), mark.date),
        Some(strong),
    );
    ui.label(format!(
        "{} · {}",
        project.schema().name(e.tag(project)),
        stance_word(e.stance)
    ));
    let weak = ui.visuals().weak_text_color();
    let quote = elide_to(e.quote(project), 100);
    label(ui, &format!("\"{}\"", isolated(&quote)), Some(weak));
    ui.weak("Click to show the statement.");
}
