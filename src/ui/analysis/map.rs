//! The position map grid: actors (or sides) down, issues across, each cell tinted by the
//! latest stance and showing its history as a strip of marks by date ([`super::marks`]):
//! an arrow and a date at each change, ◆ at a concession, "held" for a stance that never
//! moved. Each column ends with its totals ("moved: 2 sides · held: 0") and the date the
//! issue was agreed. Painted, not built of widgets, and only the rows in view: scrolling a
//! map of hundreds of actors stays cheap.

use egui::{Align2, FontId, Pos2, Rect, Sense, Stroke, Ui, Vec2, pos2, vec2};

use super::{Picked, marks};
use crate::analysis::wording;
use crate::analysis::{Cell, PositionMap, RollUp, stance_color, stance_word};
use crate::model::Project;
use crate::ui::article::bidi::needs_bidi;
use crate::ui::article::bidi_text::{isolated, label, paint_line};
use crate::ui::article::text_map::ParagraphText;
use crate::ui::tag_color;

const NAME_WIDTH_PX: f32 = 200.0;
const CELL_WIDTH_PX: f32 = 172.0;
const ROW_HEIGHT_PX: f32 = 38.0;
const HEADER_HEIGHT_PX: f32 = 40.0;
const FOOTER_HEIGHT_PX: f32 = 38.0;
/// Room kept at a strip's right end for "held".
const HELD_WIDTH_PX: f32 = 28.0;

/// One line of the grid: a group header or an actor's row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Line {
    Group(usize),
    Row(usize),
}

/// What drawing the map did.
pub(super) struct MapPainted {
    pub(super) rows: usize,
    pub(super) rows_painted: usize,
    pub(super) clicked: Option<Picked>,
}

fn lines(map: &PositionMap) -> Vec<Line> {
    if map.groups.is_empty() {
        return (0..map.rows.len()).map(Line::Row).collect();
    }
    let mut out = Vec::with_capacity(map.rows.len() + map.groups.len());
    for (g, group) in map.groups.iter().enumerate() {
        out.push(Line::Group(g));
        out.extend(group.rows.clone().map(Line::Row));
    }
    out
}

pub(super) fn map_ui(
    ui: &mut Ui,
    project: &Project,
    map: &PositionMap,
    picked: Option<Picked>,
    cell_rects: &mut Vec<((usize, usize), Rect)>,
) -> MapPainted {
    cell_rects.clear();
    let lines = lines(map);
    let mut painted = MapPainted {
        rows: lines.len(),
        rows_painted: 0,
        clicked: None,
    };
    marks::legend_ui(ui, noun(map));
    ui.weak("Hover a mark for who said what and when; click it for its evidence, or a cell for all of it.");
    if map.rows.is_empty() {
        ui.add_space(12.0);
        ui.label("No actor has a statement on an issue inside the filter.");
        ui.weak("Give annotations a holder and issues in the sidebar, or widen the filter.");
        return painted;
    }
    // The cast is exact: row and column counts are small.
    let size = vec2(
        NAME_WIDTH_PX + CELL_WIDTH_PX * map.issues.len() as f32,
        HEADER_HEIGHT_PX + ROW_HEIGHT_PX * lines.len() as f32 + FOOTER_HEIGHT_PX,
    );
    egui::ScrollArea::both()
        .id_salt("position_map")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let (rect, response) = ui.allocate_exact_size(size, Sense::click());
            let origin = rect.min;
            let first = ((viewport.min.y - HEADER_HEIGHT_PX) / ROW_HEIGHT_PX)
                .floor()
                .max(0.0);
            let last = ((viewport.max.y - HEADER_HEIGHT_PX) / ROW_HEIGHT_PX)
                .ceil()
                .max(0.0);
            let visible = (first as usize).min(lines.len())..(last as usize).min(lines.len());
            let picked_cell = match picked {
                Some(Picked::Cell { actor, issue }) => map.row_of(actor).zip(map.column_of(issue)),
                _ => None,
            };
            let painter = ui.painter_at(ui.clip_rect());
            for (index, line) in lines
                .iter()
                .enumerate()
                .take(visible.end)
                .skip(visible.start)
            {
                let y = origin.y + HEADER_HEIGHT_PX + ROW_HEIGHT_PX * index as f32;
                painted.rows_painted += 1;
                match *line {
                    Line::Group(g) => paint_group(ui, &painter, map, g, origin, y, viewport),
                    Line::Row(row) => {
                        for column in 0..map.issues.len() {
                            let Some(cell) = map.cell(row, column) else {
                                continue;
                            };
                            let r = cell_rect(origin, y, column);
                            if !r.intersects(ui.clip_rect()) {
                                continue;
                            }
                            paint_cell(ui, &painter, cell, r, picked_cell == Some((row, column)));
                            cell_rects.push(((row, column), r));
                        }
                        paint_name(ui, &painter, map, row, origin, y, viewport);
                    }
                }
            }
            paint_header(ui, &painter, map, origin, viewport);
            paint_footer(ui, &painter, map, origin, viewport);
            let hovered = response
                .hover_pos()
                .and_then(|pos| hit(map, &lines, origin, viewport, pos));
            if let Some(hit) = hovered {
                let response =
                    response.on_hover_ui_at_pointer(|ui| hover_ui(ui, project, map, hit));
                if response.clicked() {
                    painted.clicked = clicked(map, hit);
                }
            }
        });
    painted
}

fn cell_rect(origin: Pos2, y: f32, column: usize) -> Rect {
    let x = origin.x + NAME_WIDTH_PX + CELL_WIDTH_PX * column as f32;
    Rect::from_min_size(pos2(x, y), vec2(CELL_WIDTH_PX, ROW_HEIGHT_PX)).shrink(1.5)
}

/// The strip's line, left edge and width inside a cell.
fn strip_geometry(r: Rect, cell: &Cell) -> (f32, f32, f32) {
    let held = if cell.held() { HELD_WIDTH_PX } else { 0.0 };
    (r.min.x + 5.0, r.min.y + 12.0, r.width() - 10.0 - held)
}

fn paint_cell(ui: &Ui, painter: &egui::Painter, cell: &Cell, r: Rect, is_picked: bool) {
    let visuals = ui.visuals();
    if cell.is_empty() {
        painter.rect_filled(r, 3.0, visuals.faint_bg_color);
    } else {
        let color = tag_color(stance_color(cell.stance));
        painter.rect_filled(r, 3.0, color.gamma_multiply(0.28));
        let ink = visuals.strong_text_color();
        let (left, y, width) = strip_geometry(r, cell);
        let (placed, is_cut) = marks::lay_out(&cell.history, left, y, width);
        if is_cut {
            painter.text(
                pos2(left, y),
                Align2::LEFT_CENTER,
                "…",
                FontId::proportional(11.0),
                visuals.weak_text_color(),
            );
        }
        for p in &placed {
            if let Some(mark) = cell.history.get(p.index) {
                marks::paint_mark(painter, mark, p.center, ink);
            }
        }
        marks::paint_move_dates(
            painter,
            &cell.history,
            &placed,
            r.min.y + 20.0,
            r.max.x - 2.0,
            visuals.text_color(),
        );
        if cell.held() {
            marks::paint_held(painter, pos2(r.max.x - 4.0, y), ink);
        }
        if cell.history.is_empty() {
            // Statements without a stance: say how many, so the cell is not blank.
            painter.text(
                pos2(left, y),
                Align2::LEFT_CENTER,
                format!("{}, no stance", wording::counted(cell.total(), "statement")),
                FontId::proportional(10.5),
                visuals.weak_text_color(),
            );
        }
    }
    if is_picked {
        painter.rect_stroke(
            r,
            3.0,
            Stroke::new(2.0, visuals.selection.stroke.color),
            egui::StrokeKind::Inside,
        );
    }
}

/// "sides" or "actors": what the rows are.
fn noun(map: &PositionMap) -> &'static str {
    match map.roll_up {
        RollUp::Actors => "actors",
        RollUp::Sides => "sides",
    }
}

/// "1 side", "2 sides".
fn counted(count: usize, map: &PositionMap) -> String {
    let noun = noun(map);
    if count == 1 {
        format!("1 {}", noun.trim_end_matches('s'))
    } else {
        format!("{count} {noun}")
    }
}

/// Each column's totals and agreement, kept at the bottom while the map scrolls.
fn paint_footer(ui: &Ui, painter: &egui::Painter, map: &PositionMap, origin: Pos2, viewport: Rect) {
    let y = origin.y + viewport.max.y - FOOTER_HEIGHT_PX;
    let band = Rect::from_min_size(
        pos2(origin.x + viewport.min.x, y),
        vec2(viewport.width(), FOOTER_HEIGHT_PX),
    );
    painter.rect_filled(band, 0.0, ui.visuals().panel_fill);
    painter.hline(
        band.x_range(),
        y,
        ui.visuals().widgets.noninteractive.bg_stroke,
    );
    let font = FontId::proportional(11.0);
    for (column, &issue) in map.issues.iter().enumerate() {
        let x = origin.x + NAME_WIDTH_PX + CELL_WIDTH_PX * column as f32;
        if x + CELL_WIDTH_PX < band.min.x || x > band.max.x {
            continue;
        }
        let totals = map.totals(column);
        painter.text(
            pos2(x + 4.0, y + 4.0),
            Align2::LEFT_TOP,
            format!(
                "moved: {} · held: {}",
                counted(totals.moved, map),
                totals.held
            ),
            font.clone(),
            ui.visuals().strong_text_color(),
        );
        if let Some(first) = map.agreed(issue).first() {
            let date = first.when.date.map_or_else(
                || "undated".to_owned(),
                |d| d.format("%-d %b %Y").to_string(),
            );
            // The check is painted, not a "✔" glyph, which the bundled fonts lack.
            let color = tag_color(stance_color(Some(crate::model::Stance::For)));
            marks::paint_check(painter, pos2(x + 9.0, y + 27.0), color);
            painter.text(
                pos2(x + 18.0, y + 20.0),
                Align2::LEFT_TOP,
                format!("agreed {date}"),
                font.clone(),
                color,
            );
        }
    }
    painter.text(
        pos2(band.min.x + 6.0, y + 4.0),
        Align2::LEFT_TOP,
        "Totals",
        FontId::proportional(12.0),
        ui.visuals().weak_text_color(),
    );
}

/// The actor's name, kept at the left edge while the map scrolls sideways.
fn paint_name(
    ui: &Ui,
    painter: &egui::Painter,
    map: &PositionMap,
    row: usize,
    origin: Pos2,
    y: f32,
    viewport: Rect,
) {
    let Some(r) = map.rows.get(row) else {
        return;
    };
    let x = origin.x + viewport.min.x;
    let rect = Rect::from_min_size(pos2(x, y), vec2(NAME_WIDTH_PX, ROW_HEIGHT_PX));
    painter.rect_filled(rect, 0.0, ui.visuals().panel_fill);
    let name = elide_to(&r.name, 28);
    paint_line(
        painter,
        rect.left_center() + vec2(6.0, 0.0),
        Align2::LEFT_CENTER,
        &name,
        FontId::proportional(13.0),
        ui.visuals().text_color(),
    );
}

fn paint_group(
    ui: &Ui,
    painter: &egui::Painter,
    map: &PositionMap,
    group: usize,
    origin: Pos2,
    y: f32,
    viewport: Rect,
) {
    let Some(g) = map.groups.get(group) else {
        return;
    };
    let x = origin.x + viewport.min.x;
    let name = g.affiliation.as_deref().unwrap_or("No affiliation");
    paint_line(
        painter,
        pos2(x + 4.0, y + ROW_HEIGHT_PX - 6.0),
        Align2::LEFT_BOTTOM,
        &format!("{} ({})", isolated(name), g.rows.len()),
        FontId::proportional(13.0),
        ui.visuals().strong_text_color(),
    );
    painter.hline(
        x..=x + viewport.width(),
        y + ROW_HEIGHT_PX - 2.0,
        ui.visuals().widgets.noninteractive.bg_stroke,
    );
}

/// The issue names, kept at the top while the map scrolls down.
fn paint_header(ui: &Ui, painter: &egui::Painter, map: &PositionMap, origin: Pos2, viewport: Rect) {
    let y = origin.y + viewport.min.y;
    let band = Rect::from_min_size(
        pos2(origin.x + viewport.min.x, y),
        vec2(viewport.width(), HEADER_HEIGHT_PX),
    );
    painter.rect_filled(band, 0.0, ui.visuals().panel_fill);
    for (column, name) in map.issue_names.iter().enumerate() {
        let x = origin.x + NAME_WIDTH_PX + CELL_WIDTH_PX * column as f32;
        if x + CELL_WIDTH_PX < band.min.x || x > band.max.x {
            continue;
        }
        let color = ui.visuals().strong_text_color();
        if needs_bidi(name) {
            // Up to two lines in reading order, right-aligned if the name reads right to left.
            let format = egui::text::TextFormat::simple(FontId::proportional(12.0), color);
            let laid_out =
                ParagraphText::layout_clipped(ui.ctx(), name, &format, CELL_WIDTH_PX - 8.0, 2);
            let top = y + HEADER_HEIGHT_PX - 4.0 - laid_out.height_px();
            let at = laid_out.paint_pos(pos2(x + 4.0, top));
            painter.galley(at, std::sync::Arc::clone(laid_out.galley()), color);
            continue;
        }
        // Up to two wrapped lines, so most issue names show whole; egui caches the galley.
        let mut job = egui::text::LayoutJob::simple(
            name.clone(),
            FontId::proportional(12.0),
            ui.visuals().strong_text_color(),
            CELL_WIDTH_PX - 8.0,
        );
        job.wrap.max_rows = 2;
        let galley = painter.layout_job(job);
        let top = y + HEADER_HEIGHT_PX - 4.0 - galley.size().y;
        painter.galley(pos2(x + 4.0, top), galley, ui.visuals().strong_text_color());
    }
    painter.text(
        pos2(band.min.x + 6.0, y + HEADER_HEIGHT_PX - 6.0),
        Align2::LEFT_BOTTOM,
        match map.roll_up {
            RollUp::Actors => "Actor",
            RollUp::Sides => "Side",
        },
        FontId::proportional(12.0),
        ui.visuals().weak_text_color(),
    );
}

/// What the pointer is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hit {
    Cell(usize, usize),
    /// A mark of a cell's history: row, column, index into the history.
    Mark(usize, usize, usize),
    Totals(usize),
    Issue(usize),
    Actor(usize),
}

fn hit(map: &PositionMap, lines: &[Line], origin: Pos2, viewport: Rect, pos: Pos2) -> Option<Hit> {
    let local: Vec2 = pos - origin;
    let column = ((local.x - NAME_WIDTH_PX) / CELL_WIDTH_PX).floor();
    let in_columns = column >= 0.0 && (column as usize) < map.issues.len();
    if local.y - viewport.min.y < HEADER_HEIGHT_PX {
        return in_columns.then_some(Hit::Issue(column as usize));
    }
    if local.y > viewport.max.y - FOOTER_HEIGHT_PX {
        return in_columns.then_some(Hit::Totals(column as usize));
    }
    let line = ((local.y - HEADER_HEIGHT_PX) / ROW_HEIGHT_PX).floor();
    if line < 0.0 {
        return None;
    }
    let Some(Line::Row(row)) = lines.get(line as usize).copied() else {
        return None;
    };
    if local.x - viewport.min.x < NAME_WIDTH_PX {
        return Some(Hit::Actor(row));
    }
    if !in_columns {
        return None;
    }
    let column = column as usize;
    let Some(cell) = map.cell(row, column) else {
        return Some(Hit::Cell(row, column));
    };
    let y = origin.y + HEADER_HEIGHT_PX + ROW_HEIGHT_PX * line;
    let (left, strip_y, width) = strip_geometry(cell_rect(origin, y, column), cell);
    let (placed, _) = marks::lay_out(&cell.history, left, strip_y, width);
    Some(
        placed
            .iter()
            .find(|p| p.rect.contains(pos))
            .map_or(Hit::Cell(row, column), |p| Hit::Mark(row, column, p.index)),
    )
}

/// What a click on `hit` picks: a mark's statement, or a cell's evidence.
fn clicked(map: &PositionMap, hit: Hit) -> Option<Picked> {
    match hit {
        Hit::Mark(row, column, index) => {
            let mark = map.cell(row, column)?.history.get(index)?;
            Some(Picked::Mark(mark.evidence))
        }
        Hit::Cell(row, column) => {
            let (r, &issue) = (map.rows.get(row)?, map.issues.get(column)?);
            map.cell(row, column)
                .is_some_and(|c| !c.is_empty())
                .then_some(Picked::Cell {
                    actor: r.actor,
                    issue,
                })
        }
        Hit::Issue(_) | Hit::Actor(_) | Hit::Totals(_) => None,
    }
}

/// The hover summary.
fn hover_ui(ui: &mut Ui, project: &Project, map: &PositionMap, hit: Hit) {
    match hit {
        Hit::Issue(column) => {
            let issue = map.issue_names.get(column).map_or("", String::as_str);
            label(ui, &isolated(issue), None);
        }
        Hit::Actor(row) => {
            if let Some(r) = map.rows.get(row) {
                label(ui, &isolated(&r.name), None);
                if let Some(side) = &r.affiliation {
                    label(ui, &isolated(side), Some(ui.visuals().weak_text_color()));
                }
            }
        }
        Hit::Totals(column) => totals_hover_ui(ui, project, map, column),
        Hit::Mark(row, column, index) => mark_hover_ui(ui, project, map, row, column, index),
        Hit::Cell(row, column) => {
            let (Some(r), Some(issue), Some(cell)) = (
                map.rows.get(row),
                map.issue_names.get(column),
                map.cell(row, column),
            ) else {
                return;
            };
            let strong = ui.visuals().strong_text_color();
            let title = format!("{} on {}", isolated(&r.name), isolated(issue));
            label(ui, &title, Some(strong));
            if cell.is_empty() {
                ui.weak("No statements.");
                return;
            }
            let date = cell
                .latest
                .and_then(|w| w.date)
                .map_or_else(|| "undated".to_owned(), |d| d.to_string());
            ui.label(format!(
                "Latest stance: {} (latest statement {date})",
                stance_word(cell.stance)
            ));
            ui.label(format!(
                "{}, {}, {}",
                wording::counted(cell.claims, "claim"),
                wording::counted(cell.positions, "position"),
                wording::counted(cell.concessions, "concession")
            ));
            if cell.is_conceded {
                ui.label("Conceded on this issue.");
            }
            if cell.held() {
                ui.label("Held: the same stance on every dated statement.");
            }
            if let Some(last) = cell.evidence.last() {
                let quote = elide_to(last.quote(project), 80);
                let weak = ui.visuals().weak_text_color();
                label(ui, &format!("\"{}\"", isolated(&quote)), Some(weak));
            }
            ui.weak("Click to list the evidence.");
        }
    }
}

/// A mark explained: who (holders, their sides), on which issue, when, what it did, the quote.
fn mark_hover_ui(
    ui: &mut Ui,
    project: &Project,
    map: &PositionMap,
    row: usize,
    column: usize,
    index: usize,
) {
    let (Some(issue), Some(mark)) = (
        map.issue_names.get(column),
        map.cell(row, column).and_then(|c| c.history.get(index)),
    ) else {
        return;
    };
    let Some(a) = project.annotation(mark.evidence) else {
        return;
    };
    let strong = ui.visuals().strong_text_color();
    let holders: Vec<String> = (a.holders.iter())
        .map(|&h| {
            project
                .actor(h)
                .map_or_else(String::new, |x| isolated(&x.name).into_owned())
        })
        .collect();
    let sides: Vec<String> = (project.holder_sides(a).into_iter())
        .map(|s| {
            project
                .actor(s)
                .map_or_else(String::new, |x| isolated(&x.name).into_owned())
        })
        .collect();
    label(
        ui,
        &format!("{} on {}", holders.join(" & "), isolated(issue)),
        Some(strong),
    );
    label(ui, &format!("Side: {}", sides.join(" & ")), None);
    let date = mark.when.date.map_or_else(
        || "undated".to_owned(),
        |d| d.format("%-d %b %Y").to_string(),
    );
    let said = if a.said_on.is_some() {
        " (said on; reported later)"
    } else {
        ""
    };
    ui.label(format!(
        "{date}{said} · {} · {}",
        a.tag,
        marks::kind_words(mark)
    ));
    if let Some(condition) = a
        .issue_stance(map.issues[column])
        .and_then(|s| s.condition.as_deref())
    {
        label(ui, &format!("Condition: {}", isolated(condition)), None);
    }
    let quote = elide_to(&a.quote, 120);
    label(
        ui,
        &format!("\"{}\"", isolated(&quote)),
        Some(ui.visuals().weak_text_color()),
    );
    ui.weak("Click to open its evidence.");
}

/// A column's totals explained, and the issue's agreements.
fn totals_hover_ui(ui: &mut Ui, project: &Project, map: &PositionMap, column: usize) {
    let (Some(issue), Some(&id)) = (map.issue_names.get(column), map.issues.get(column)) else {
        return;
    };
    let totals = map.totals(column);
    label(ui, &isolated(issue), Some(ui.visuals().strong_text_color()));
    ui.label(format!(
        "{} {} moved (changed or conceded); {} held the same stance on two dates or more.",
        totals.moved,
        noun(map),
        totals.held
    ));
    for g in map.agreed(id) {
        let sides: Vec<String> = (g.sides.iter())
            .map(|&s| {
                project
                    .actor(s)
                    .map_or_else(String::new, |x| isolated(&x.name).into_owned())
            })
            .collect();
        let date = g.when.date.map_or_else(
            || "undated".to_owned(),
            |d| d.format("%-d %b %Y").to_string(),
        );
        label(
            ui,
            &format!("Agreed {date} between {}", sides.join(" and ")),
            None,
        );
    }
}

/// The first `max_chars` chars of `text`, with "..." if cut.
pub(super) fn elide_to(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max_chars.saturating_sub(3)).collect();
    out.push_str("...");
    out
}
