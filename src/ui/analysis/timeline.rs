//! The timeline: dates across (said-on first), and down one lane per side for each issue (or
//! one row per actor); each lane a step line of the side's stance over time (for high,
//! against low), each statement a mark coloured by its stance and shaped by its tag
//! (position: circle, concession: diamond, claim and others: square). The links that carry
//! the story — concedes-to, conditional-on, in-exchange-for — are arrows; the others show on
//! demand. Axis dates never overlap. Painted; only what is in view.

use egui::{Align2, FontId, Pos2, Rect, Sense, Shape, Stroke, Ui, pos2, vec2};

use super::map::elide_to;
use crate::analysis::{TagKind, Timeline, TimelineMark, stance_color, stance_word};
use crate::model::{AnnotationId, CONCEDES_TO, CONDITIONAL_ON, IN_EXCHANGE_FOR, Project, Stance};
use crate::ui::article::bidi_text::{isolated, label, paint_line};
use crate::ui::tag_color;

const LABEL_WIDTH_PX: f32 = 220.0;
const AXIS_HEIGHT_PX: f32 = 30.0;
/// A lane's height: a "for" mark sits [`level`] above its middle and an "against" one as far
/// below, so this leaves a clear band between the marks of two lanes, read as two lanes.
const ROW_HEIGHT_PX: f32 = 48.0;
/// Above an issue's first lane, room for the issue's name: the lanes below it name only
/// their side, so no label is cut short.
const ISSUE_HEADER_PX: f32 = 22.0;
/// The links drawn unless the analyst asks for all: the terms of the moves.
const STORY_LINKS: [&str; 3] = [CONCEDES_TO, CONDITIONAL_ON, IN_EXCHANGE_FOR];
const MARK_RADIUS_PX: f32 = 5.5;
/// Room for each date on the axis, so a long run of dates scrolls sideways.
const MIN_DATE_SPACING_PX: f32 = 84.0;

/// What drawing the timeline did.
pub(super) struct TimelinePainted {
    pub(super) marks_painted: usize,
    pub(super) clicked: Option<AnnotationId>,
}

/// Mark centres and rows, relative to the content's origin.
struct Geometry {
    plot_width_px: f32,
    /// Each row's middle; lanes of one issue follow each other, an issue header above them.
    row_middles: Vec<f32>,
    /// Where each issue's name goes (the middle of its header) and the issue, for lanes.
    headers: Vec<(f32, crate::model::IssueId)>,
    height: f32,
}

impl Geometry {
    fn new(timeline: &Timeline, plot_width_px: f32) -> Self {
        let lanes = timeline.rows_by == crate::analysis::TimelineRows::IssueLanes;
        let mut y = AXIS_HEIGHT_PX;
        let mut row_middles = Vec::with_capacity(timeline.rows.len());
        let mut headers = Vec::new();
        let mut previous = None;
        for row in &timeline.rows {
            if lanes
                && let Some(issue) = row.issue
                && previous != Some(issue)
            {
                headers.push((y + ISSUE_HEADER_PX / 2.0, issue));
                y += ISSUE_HEADER_PX;
                previous = Some(issue);
            }
            row_middles.push(y + ROW_HEIGHT_PX / 2.0);
            y += ROW_HEIGHT_PX;
        }
        Self {
            plot_width_px,
            row_middles,
            headers,
            height: y + 8.0,
        }
    }

    fn row_middle(&self, row: usize) -> f32 {
        self.row_middles.get(row).copied().unwrap_or(AXIS_HEIGHT_PX)
    }

    fn center(&self, timeline: &Timeline, mark: &TimelineMark, lane: usize) -> egui::Vec2 {
        // The cast is exact: lanes are small.
        let lane = lane as f32;
        vec2(
            LABEL_WIDTH_PX
                + 24.0
                + timeline.x_fraction(mark.date) * (self.plot_width_px - 48.0)
                + lane * (MARK_RADIUS_PX * 2.2),
            self.row_middle(mark.row) + level(mark.evidence.stance),
        )
    }
}

/// How far above (for) or below (against) a lane's middle a stance sits: the step line.
fn level(stance: Option<Stance>) -> f32 {
    match stance {
        Some(Stance::For) => -11.0,
        Some(Stance::Conditional) => -4.0,
        Some(Stance::Unclear) | None => 4.0,
        Some(Stance::Against) => 11.0,
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "one painting pass: rows, steps, links, marks, axis and hover share its geometry"
)]
pub(super) fn timeline_ui(
    ui: &mut Ui,
    project: &Project,
    timeline: &Timeline,
    picked: Option<AnnotationId>,
    all_links: bool,
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
            ui.weak(if timeline.undated == 1 {
                "1 statement comes from an undated document.".to_owned()
            } else {
                format!(
                    "{} statements come from undated documents.",
                    timeline.undated
                )
            });
        }
        return painted;
    }
    let geometry = Geometry::new(
        timeline,
        (ui.available_width() - LABEL_WIDTH_PX - 16.0)
            .max(timeline.dates.len() as f32 * MIN_DATE_SPACING_PX),
    );
    let size = vec2(LABEL_WIDTH_PX + geometry.plot_width_px, geometry.height);
    ui.weak(
        "Each issue has a lane per side; its line steps up for \"for\", down for \"against\". \
         Colour: the stance. Circle: position; diamond: concession; square: claim, agreement \
         or other. Arrows: concedes-to, conditional-on, in-exchange-for. Click a mark for the \
         statement.",
    );
    if timeline.undated > 0 {
        ui.weak(if timeline.undated == 1 {
            "1 statement from an undated document is not shown.".to_owned()
        } else {
            format!(
                "{} statements from undated documents are not shown.",
                timeline.undated
            )
        });
    }
    egui::ScrollArea::both()
        .id_salt("analysis_timeline")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let (rect, response) = ui.allocate_exact_size(size, Sense::click());
            let origin = rect.min;
            let painter = ui.painter_at(ui.clip_rect());
            let clip = ui.clip_rect().expand(MARK_RADIUS_PX * 2.0);
            let rows = Rows {
                project,
                timeline,
                geometry: &geometry,
            };
            rows.paint(ui, &painter, origin, viewport, size.x);
            let lanes = timeline.lanes();
            let center_of = |i: usize| {
                let mark = timeline.marks.get(i)?;
                let lane = lanes.get(i).copied().unwrap_or(0);
                Some(origin + geometry.center(timeline, mark, lane))
            };
            paint_steps(ui, &painter, timeline, origin, clip, size.x, &center_of);
            for link in &timeline.links {
                let is_story = STORY_LINKS.contains(&link.kind.as_str());
                if !is_story && !all_links {
                    continue;
                }
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
                if is_story {
                    paint_arrow(&painter, a, b, color);
                } else {
                    painter.extend(Shape::dashed_line(
                        &[a, b],
                        Stroke::new(1.0, color.gamma_multiply(0.7)),
                        4.0,
                        3.0,
                    ));
                }
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
                let response = response
                    .on_hover_ui_at_pointer(|ui| mark_hover_ui(ui, project, timeline, mark));
                if response.clicked() {
                    painted.clicked = Some(mark.evidence.annotation);
                }
            }
        });
    painted
}

/// Each lane's step line: flat at a stance's level until the next stance, then a step.
fn paint_steps(
    ui: &Ui,
    painter: &egui::Painter,
    timeline: &Timeline,
    origin: Pos2,
    clip: Rect,
    width_px: f32,
    center_of: &dyn Fn(usize) -> Option<Pos2>,
) {
    let mut last: Vec<Option<(Pos2, Option<Stance>)>> = vec![None; timeline.rows.len()];
    let mut segments: Vec<(Pos2, Pos2, Option<Stance>)> = Vec::new();
    for (i, mark) in timeline.marks.iter().enumerate() {
        if mark.evidence.stance.is_none() || mark.evidence.is_retracted {
            continue;
        }
        let Some(at) = center_of(i) else {
            continue;
        };
        let Some(slot) = last.get_mut(mark.row) else {
            continue;
        };
        if let Some((from, stance)) = *slot {
            segments.push((from, pos2(at.x, from.y), stance));
            segments.push((pos2(at.x, from.y), at, stance));
        }
        *slot = Some((at, mark.evidence.stance));
    }
    let end_x = origin.x + width_px - 8.0;
    for (from, stance) in last.into_iter().flatten() {
        segments.push((from, pos2(end_x.max(from.x), from.y), stance));
    }
    for (a, b, stance) in segments {
        if !clip.intersects(Rect::from_two_pos(a, b)) {
            continue;
        }
        let color = tag_color(stance_color(stance)).gamma_multiply(0.8);
        painter.line_segment([a, b], Stroke::new(2.0, color));
    }
    let _ = ui;
}

/// An arrow from `a` to `b`, its head stopping at the mark's edge.
fn paint_arrow(painter: &egui::Painter, a: Pos2, b: Pos2, color: egui::Color32) {
    let dir = (b - a).normalized();
    if !dir.x.is_finite() || !dir.y.is_finite() {
        return;
    }
    let tip = b - dir * (MARK_RADIUS_PX + 2.0);
    let tail = a + dir * (MARK_RADIUS_PX + 1.0);
    painter.line_segment([tail, tip], Stroke::new(1.8, color));
    let side = vec2(-dir.y, dir.x) * 4.0;
    painter.add(Shape::convex_polygon(
        vec![tip, tip - dir * 8.0 + side, tip - dir * 8.0 - side],
        color,
        Stroke::NONE,
    ));
}

/// The rows' lines and labels: in lanes, each issue's name once above its lanes, each lane
/// named by its side alone.
struct Rows<'a> {
    project: &'a Project,
    timeline: &'a Timeline,
    geometry: &'a Geometry,
}

impl Rows<'_> {
    fn paint(&self, ui: &Ui, painter: &egui::Painter, origin: Pos2, viewport: Rect, width: f32) {
        let visuals = ui.visuals();
        let is_in_view = |y: f32| {
            y >= origin.y + viewport.min.y - ROW_HEIGHT_PX
                && y <= origin.y + viewport.max.y + ROW_HEIGHT_PX
        };
        let x = origin.x + viewport.min.x;
        let lanes = self.timeline.rows_by == crate::analysis::TimelineRows::IssueLanes;
        for &(middle, issue) in &self.geometry.headers {
            let y = origin.y + middle;
            if !is_in_view(y) {
                continue;
            }
            let band = Rect::from_min_size(
                pos2(x, y - ISSUE_HEADER_PX / 2.0),
                vec2(LABEL_WIDTH_PX, ISSUE_HEADER_PX),
            );
            painter.rect_filled(band, 0.0, visuals.panel_fill);
            paint_line(
                painter,
                pos2(x + 4.0, y + 3.0),
                Align2::LEFT_CENTER,
                &elide_to(&self.project.issue_name(issue), 30),
                FontId::proportional(13.5),
                visuals.strong_text_color(),
            );
        }
        for (row, r) in self.timeline.rows.iter().enumerate() {
            let y = origin.y + self.geometry.row_middle(row);
            if !is_in_view(y) {
                continue;
            }
            painter.hline(
                origin.x + LABEL_WIDTH_PX..=origin.x + width,
                y,
                visuals.widgets.noninteractive.bg_stroke,
            );
            let label = Rect::from_min_size(
                pos2(x, y - ROW_HEIGHT_PX / 2.0),
                vec2(LABEL_WIDTH_PX, ROW_HEIGHT_PX),
            );
            painter.rect_filled(label, 0.0, visuals.panel_fill);
            let (text, indent) = if lanes && r.issue.is_some() {
                let side = r.actor.and_then(|a| self.project.actor(a));
                (side.map_or("no holder", |a| a.name.as_str()), 16.0)
            } else {
                (r.label.as_str(), 4.0)
            };
            paint_line(
                painter,
                pos2(x + indent, y),
                Align2::LEFT_CENTER,
                &elide_to(text, 32),
                FontId::proportional(13.0),
                visuals.text_color(),
            );
        }
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
    // Greedy, left to right: a date whose label would overlap the last one drawn gets a
    // tick only (its marks' tooltips still name it).
    let mut free_from = f32::NEG_INFINITY;
    for date in &timeline.dates {
        let x = origin.x
            + LABEL_WIDTH_PX
            + 24.0
            + timeline.x_fraction(*date) * (geometry.plot_width_px - 48.0);
        painter.vline(
            x,
            y + AXIS_HEIGHT_PX - 6.0..=y + AXIS_HEIGHT_PX,
            visuals.widgets.noninteractive.fg_stroke,
        );
        let galley = painter.layout_no_wrap(
            date.format("%-d %b %Y").to_string(),
            FontId::proportional(11.0),
            visuals.strong_text_color(),
        );
        let left = x - galley.size().x / 2.0;
        if left < free_from {
            continue;
        }
        free_from = left + galley.size().x + 6.0;
        painter.galley(
            pos2(left, y + AXIS_HEIGHT_PX - 8.0 - galley.size().y),
            galley,
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

fn mark_hover_ui(ui: &mut Ui, project: &Project, timeline: &Timeline, mark: &TimelineMark) {
    let e = &mark.evidence;
    let Some(a) = e.annotation(project) else {
        return;
    };
    let names = |ids: Vec<crate::model::ActorId>| -> String {
        let names: Vec<String> = (ids.into_iter())
            .filter_map(|id| project.actor(id).map(|x| isolated(&x.name).into_owned()))
            .collect();
        if names.is_empty() {
            "(no holder)".to_owned()
        } else {
            names.join(" & ")
        }
    };
    let strong = ui.visuals().strong_text_color();
    let issue = match timeline.rows.get(mark.row).and_then(|r| r.issue) {
        Some(issue) => project.issue_name(issue),
        None => project.issue_names(a).join(", "),
    };
    let said = if a.said_on.is_some() {
        " (said on; reported later)"
    } else {
        ""
    };
    label(
        ui,
        &format!("{} on {}", names(a.holders.clone()), isolated(&issue)),
        Some(strong),
    );
    label(
        ui,
        &format!("Side: {}", names(project.holder_sides(a))),
        None,
    );
    ui.label(format!("{}{said}", mark.date.format("%-d %b %Y")));
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
