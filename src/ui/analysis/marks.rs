//! The marks of a stance history, as the map and the legend draw them: a dot per statement in
//! its stance's colour, an arrow before a changed stance with the change's date under it, a
//! ◆ for a concession, a ringed tick for an agreement, a hollow dot for a retracted statement.
//! Painted as shapes, so they do not depend on a font having the glyphs.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

use crate::analysis::{MarkKind, StanceMark, stance_color};
use crate::model::{AnnotationId, Stance};
use crate::ui::tag_color;

/// The room one mark takes in a strip.
pub(super) const MARK_STEP_PX: f32 = 13.0;
/// The extra room an arrow before a changed stance takes.
pub(super) const ARROW_PX: f32 = 12.0;
const DOT_RADIUS_PX: f32 = 4.0;

/// Where one mark of a strip sits.
#[derive(Clone, Copy, Debug)]
pub(super) struct Placed {
    /// Index into the history.
    pub(super) index: usize,
    pub(super) center: Pos2,
    /// The area that answers hover and click.
    pub(super) rect: Rect,
}

/// The width a mark takes, its arrow included.
fn width_of(mark: &StanceMark) -> f32 {
    match mark.kind {
        MarkKind::Change { .. } => MARK_STEP_PX + ARROW_PX,
        _ => MARK_STEP_PX,
    }
}

/// Lays a history out left to right from `left`, on the line `y`, within `max_width`: the
/// latest marks win; if earlier ones do not fit, `true` says some were left out (the strip
/// shows "…" first).
pub(super) fn lay_out(
    history: &[StanceMark],
    left: f32,
    y: f32,
    max_width: f32,
) -> (Vec<Placed>, bool) {
    let mut width = 0.0;
    let mut first = history.len();
    let ellipsis = MARK_STEP_PX;
    while first > 0 {
        let w = width_of(&history[first - 1]);
        let room = if first > 1 {
            max_width - ellipsis
        } else {
            max_width
        };
        if width + w > room {
            break;
        }
        width += w;
        first -= 1;
    }
    let is_cut = first > 0;
    let mut x = left + if is_cut { ellipsis } else { 0.0 };
    let placed = (first..history.len())
        .map(|index| {
            let w = width_of(&history[index]);
            let center = pos2(x + w - MARK_STEP_PX / 2.0, y);
            let rect = Rect::from_min_max(pos2(x, y - 8.0), pos2(x + w, y + 8.0));
            x += w;
            Placed {
                index,
                center,
                rect,
            }
        })
        .collect();
    (placed, is_cut)
}

/// Paints one mark at `center` (its arrow, for a change, to the left).
pub(super) fn paint_mark(painter: &Painter, mark: &StanceMark, center: Pos2, ink: Color32) {
    let fill = tag_color(stance_color(mark.stance));
    let outline = Stroke::new(1.0, ink);
    let r = DOT_RADIUS_PX;
    match mark.kind {
        MarkKind::First | MarkKind::Same => {
            painter.circle(center, r, fill, outline);
        }
        MarkKind::Change { from } => {
            let from_color = tag_color(stance_color(from));
            paint_arrow(
                painter,
                center.x - MARK_STEP_PX / 2.0 - ARROW_PX + 1.0,
                center,
                from_color,
                ink,
            );
            painter.circle(center, r, fill, outline);
        }
        MarkKind::Concession => paint_diamond(painter, center, r + 1.5, fill, outline),
        MarkKind::Agreement => {
            painter.circle(center, r + 1.5, fill, outline);
            paint_check(painter, center, ink);
        }
        MarkKind::Retracted => {
            painter.circle_stroke(center, r, Stroke::new(1.2, fill));
            painter.line_segment(
                [center + vec2(-r, r), center + vec2(r, -r)],
                Stroke::new(1.0, ink),
            );
        }
    }
}

/// A ✔ centred on `center`, about 6 px wide: drawn, since the bundled fonts have no glyph.
pub(super) fn paint_check(painter: &Painter, center: Pos2, color: Color32) {
    let tick = vec![
        center + vec2(-2.5, 0.0),
        center + vec2(-0.5, 2.2),
        center + vec2(3.0, -2.5),
    ];
    painter.add(Shape::line(tick, Stroke::new(1.6, color)));
}

/// A ◆.
pub(super) fn paint_diamond(
    painter: &Painter,
    center: Pos2,
    r: f32,
    fill: Color32,
    outline: Stroke,
) {
    let points = vec![
        center + vec2(0.0, -r),
        center + vec2(r, 0.0),
        center + vec2(0.0, r),
        center + vec2(-r, 0.0),
    ];
    painter.add(Shape::convex_polygon(points, fill, outline));
}

/// An arrow from `left` to just before the dot at `to`, tinted by the stance it leaves.
fn paint_arrow(painter: &Painter, left: f32, to: Pos2, from_color: Color32, ink: Color32) {
    let tip = pos2(to.x - DOT_RADIUS_PX - 1.5, to.y);
    let tail = pos2(left, to.y);
    painter.line_segment([tail, tip], Stroke::new(1.6, from_color));
    painter.add(Shape::convex_polygon(
        vec![tip, tip + vec2(-4.0, -3.0), tip + vec2(-4.0, 3.0)],
        ink,
        Stroke::NONE,
    ));
}

/// A mark's date as the strip writes it: "2 Dec".
pub(super) fn short_date(mark: &StanceMark) -> Option<String> {
    mark.when.date.map(|d| d.format("%-d %b").to_string())
}

/// Writes the dates of the moves (changes, concessions, agreements) under their marks,
/// left to right, skipping a date that would overlap the one before: labels never overlap.
pub(super) fn paint_move_dates(
    painter: &Painter,
    history: &[StanceMark],
    placed: &[Placed],
    y: f32,
    right: f32,
    color: Color32,
) {
    let font = FontId::proportional(9.5);
    let mut free_from = f32::NEG_INFINITY;
    for p in placed {
        let Some(mark) = history.get(p.index) else {
            continue;
        };
        if !matches!(
            mark.kind,
            MarkKind::Change { .. } | MarkKind::Concession | MarkKind::Agreement
        ) {
            continue;
        }
        let Some(text) = short_date(mark) else {
            continue;
        };
        let galley = painter.layout_no_wrap(text, font.clone(), color);
        let width = galley.size().x;
        let left = (p.center.x - width / 2.0).max(free_from);
        if left + width > right || left > p.center.x + MARK_STEP_PX {
            continue;
        }
        painter.galley(pos2(left, y), galley, color);
        free_from = left + width + 3.0;
    }
}

/// The legend's items: a painted sample then its words.
pub(super) fn legend_ui(ui: &mut egui::Ui, noun: &str) {
    let ink = ui.visuals().strong_text_color();
    let sample = |kind: MarkKind, stance| StanceMark {
        when: crate::analysis::When::default(),
        stance,
        kind,
        evidence: AnnotationId(uuid::Uuid::nil()),
    };
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        for (stance, word) in [
            (Some(Stance::For), "for"),
            (Some(Stance::Against), "against"),
            (Some(Stance::Conditional), "conditional"),
            (Some(Stance::Unclear), "unclear"),
        ] {
            swatch(ui, &sample(MarkKind::First, stance), ink, MARK_STEP_PX);
            ui.weak(word);
        }
        ui.separator();
        swatch(
            ui,
            &sample(
                MarkKind::Change {
                    from: Some(Stance::Against),
                },
                Some(Stance::For),
            ),
            ink,
            MARK_STEP_PX + ARROW_PX,
        );
        ui.weak("changed (date below)");
        swatch(
            ui,
            &sample(MarkKind::Concession, Some(Stance::Conditional)),
            ink,
            MARK_STEP_PX,
        );
        ui.weak("concession");
        swatch(
            ui,
            &sample(MarkKind::Agreement, Some(Stance::For)),
            ink,
            MARK_STEP_PX,
        );
        ui.weak("agreement");
        swatch(
            ui,
            &sample(MarkKind::Retracted, Some(Stance::For)),
            ink,
            MARK_STEP_PX,
        );
        ui.weak("retracted");
        ui.separator();
        ui.weak(format!(
            "held: the same stance stated on two dates or more, never moved · moved: {noun} \
             that changed or conceded"
        ));
    });
}

fn swatch(ui: &mut egui::Ui, mark: &StanceMark, ink: Color32, width: f32) {
    let (rect, _) = ui.allocate_exact_size(vec2(width, 14.0), egui::Sense::hover());
    let center = pos2(rect.max.x - MARK_STEP_PX / 2.0, rect.center().y);
    paint_mark(ui.painter(), mark, center, ink);
}

/// Words for a mark's kind, for tooltips.
pub(super) fn kind_words(mark: &StanceMark) -> String {
    let stance = crate::analysis::stance_word(mark.stance);
    match mark.kind {
        MarkKind::First => format!("first stance: {stance}"),
        MarkKind::Same => format!("same stance again: {stance}"),
        MarkKind::Change { from } => {
            format!(
                "changed from {} to {stance}",
                crate::analysis::stance_word(from)
            )
        }
        MarkKind::Concession => format!("concession (stance from then on: {stance})"),
        MarkKind::Agreement => "agreement: the issue is agreed from this date".to_owned(),
        MarkKind::Retracted => format!("retracted later ({stance})"),
    }
}

/// Text for the right end of a strip: "held" for a stance that never moved.
pub(super) fn paint_held(painter: &Painter, at: Pos2, color: Color32) {
    painter.text(
        at,
        Align2::RIGHT_CENTER,
        "held",
        FontId::proportional(10.5),
        color,
    );
}
