//! View → Show Links: each relation drawn as an arc, labelled with its type, from one linked
//! span to the other, in the relation type's colour, like brat and INCEpTION draw them.
//!
//! # What is drawn
//! Only the relations with an end in a painted paragraph. The links of a document are
//! indexed by the paragraphs of their ends ([`LinkIndex`], rebuilt once per project state),
//! so a frame looks up the painted paragraphs' links and never scans all relations.
//!
//! - Both ends painted: an arch from the top of the `from` span to the top of the `to` span,
//!   with an arrowhead into `to` and the type's label on its crest.
//! - One end painted, the other scrolled away: a stub. It rises from the painted end, turns
//!   to the nearer margin and runs dashed along it to the viewport's top or bottom edge,
//!   ending in a chevron pointing the way to the other end. An analyst reading a concession
//!   must see that it is linked even when what it concedes to is three screens up: hiding the
//!   link (INCEpTION's choice for links that leave the page) would read as "no link". Clicking
//!   the stub selects the relation; its editor goes to either end.
//!
//! Arcs that would cross on one row are stacked: each takes the lowest height at which its
//! label overlaps no label placed before it and its span shares no height with an arc of
//! the same row, shortest arcs first (they nest inside the longer ones), so labels never pile
//! up. Every position comes from [`super::text_map::ParagraphText::range_rects`], so arcs land
//! on right-to-left and mixed spans where their glyphs are.
//!
//! A click on an arc or its label selects the relation ([`super::ArticleAction::SelectRelation`]);
//! hovering one shows its type, both ends' quotes and its note.

use std::sync::Arc;

use egui::{Color32, FontId, Galley, Pos2, Rect, Shape, Stroke, Vec2, pos2, vec2};

use super::highlights::clip_to_paragraph;
use super::{ArticleView, Frame};
use crate::model::{AnnotationId, Document, Project, RelationId, Span};
use crate::ui::tag_color;

/// How many heights arcs of one row are stacked to before they share the highest.
const MAX_LEVELS: usize = 12;
/// Points along a drawn arch: enough for a smooth curve and a close hit test.
const ARCH_SEGMENTS: usize = 18;
/// How close the pointer must come to an arc's line to hit it.
const HIT_DISTANCE_PX: f32 = 4.0;

/// One end of a link, placed in the document.
#[derive(Clone, Copy, Debug)]
struct LinkEnd {
    /// The end annotation's first range (document chars): where its arc lands.
    range: Span,
    paragraph: usize,
}

/// One relation of the document with both ends in it.
#[derive(Clone, Debug)]
struct Link {
    relation: RelationId,
    kind: String,
    color: Color32,
    from: LinkEnd,
    to: LinkEnd,
}

/// The links of one document, found by the paragraphs of their ends.
#[derive(Debug, Default)]
pub(super) struct LinkIndex {
    links: Vec<Link>,
    /// `(paragraph, link)` for each end, sorted: the links touching a run of paragraphs are
    /// one slice of it.
    by_paragraph: Vec<(usize, usize)>,
}

impl LinkIndex {
    /// Indexes the relations whose two ends are annotations of `doc`. Relations to another
    /// document's annotation are not drawn (the sidebar lists them).
    pub(super) fn build(project: &Project, doc: &Document) -> Self {
        let end = |id: AnnotationId| {
            let annotation = project.annotations().get(project.annotation_index(id)?)?;
            let range = *annotation.ranges.first()?;
            (annotation.document == doc.id).then(|| LinkEnd {
                range,
                paragraph: doc.paragraph_at(range.start),
            })
        };
        let mut links = Vec::new();
        let mut by_paragraph = Vec::new();
        for relation in project.relations() {
            let (Some(from), Some(to)) = (end(relation.from), end(relation.to)) else {
                continue;
            };
            let color = project
                .schema()
                .relation_type(&relation.kind)
                .map_or(Color32::GRAY, |t| tag_color(t.color));
            let index = links.len();
            by_paragraph.push((from.paragraph, index));
            if to.paragraph != from.paragraph {
                by_paragraph.push((to.paragraph, index));
            }
            links.push(Link {
                relation: relation.id,
                kind: relation.kind.clone(),
                color,
                from,
                to,
            });
        }
        by_paragraph.sort_unstable();
        Self {
            links,
            by_paragraph,
        }
    }

    /// The links with an end in paragraphs `first..=last`, each once, in file order.
    fn touching(&self, first: usize, last: usize) -> Vec<usize> {
        let from = self.by_paragraph.partition_point(|(p, _)| *p < first);
        let to = self.by_paragraph.partition_point(|(p, _)| *p <= last);
        let mut found: Vec<usize> = (self.by_paragraph.get(from..to).unwrap_or_default())
            .iter()
            .map(|(_, link)| *link)
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// What the app tells the view about links, while View → Show Links is on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LinksInput {
    /// The selected relation, drawn stronger.
    pub selected: Option<RelationId>,
}

/// An arc as drawn in the last frame, in screen coordinates: for painting and hit tests.
#[derive(Clone, Debug)]
pub(super) struct PlacedArc {
    relation: RelationId,
    color: Color32,
    /// The line, from the `from` end (or the painted end of a stub).
    points: Vec<Pos2>,
    /// From this point on the line is dashed: a stub's run to the viewport's edge.
    dashed_from: Option<usize>,
    /// Where an arrowhead goes and which way it points.
    heads: Vec<(Pos2, Vec2)>,
    label: Arc<Galley>,
    label_rect: Rect,
    /// Height step on its row (0 = lowest).
    level: usize,
}

impl PlacedArc {
    /// How far `pos` is from the arc (0 on its label).
    fn distance(&self, pos: Pos2) -> f32 {
        if self.label_rect.expand(2.0).contains(pos) {
            return 0.0;
        }
        (self.points.windows(2))
            .map(|w| distance_to_segment(pos, w[0], w[1]))
            .fold(f32::INFINITY, f32::min)
    }
}

/// What one end of a link looks like this frame.
enum Anchor {
    /// Painted: the top middle of its span's first row.
    Painted(Pos2),
    /// Scrolled away above (`true`) or below the painted paragraphs.
    Away { is_above: bool },
}

/// A candidate geometry of an arc at one height, before it is accepted.
struct Geometry {
    points: Vec<Pos2>,
    dashed_from: Option<usize>,
    heads: Vec<(Pos2, Vec2)>,
    label_rect: Rect,
    /// The horizontal extent and row it claims at its height.
    extent: (f32, f32),
    row_y: f32,
}

impl ArticleView {
    /// Places the arcs of the painted paragraphs' links for this frame (before input, so a
    /// click on one is the arc's and not the text's). Returns how many arcs it built.
    pub(super) fn place_links(
        &mut self,
        ui: &egui::Ui,
        project: &Project,
        doc: &Document,
        frame: &Frame,
        input: Option<&LinksInput>,
    ) -> usize {
        self.arcs.clear();
        let Some(_) = input else {
            return 0;
        };
        let index = self
            .links
            .get_or_build(project.key(), doc.id, || LinkIndex::build(project, doc));
        let (Some(first), Some(last)) = (self.visible.first(), self.visible.last()) else {
            return 0;
        };
        let (first, last) = (first.index, last.index);
        let found = index.touching(first, last);
        if found.is_empty() {
            return 0;
        }
        let label_font = FontId::proportional((frame.style.font_size_px * 0.68).max(9.0));
        let inset = ((frame.style.line_height_px - frame.style.font_size_px * 1.25) * 0.5).max(0.0);
        let painted = self.visible.as_slice();
        let anchor = |end: &LinkEnd| anchor(painted, doc, frame, first, end, inset);
        let mut todo: Vec<(usize, Anchor, Anchor, f32)> = found
            .into_iter()
            .filter_map(|i| {
                let link = index.links.get(i)?;
                let (a, b) = (anchor(&link.from), anchor(&link.to));
                let reach = match (&a, &b) {
                    (Anchor::Painted(p), Anchor::Painted(q)) => (*p - *q).length(),
                    _ => f32::INFINITY,
                };
                Some((i, a, b, reach))
            })
            .collect();
        // Short arcs first: they nest under the long ones, as in brat.
        todo.sort_by(|x, y| x.3.total_cmp(&y.3));
        let gutters = gutters(frame);
        let step_px = label_font.size + 5.0;
        let base_px = frame.style.line_height_px * 0.45;
        let ink = ui.visuals().strong_text_color();
        let mut placed: Vec<PlacedArc> = Vec::with_capacity(todo.len());
        let mut claims: Vec<(usize, (f32, f32), f32)> = Vec::new();
        for (i, from, to, _) in todo {
            let Some(link) = index.links.get(i) else {
                continue;
            };
            let label = ui
                .painter()
                .layout_no_wrap(link.kind.clone(), label_font.clone(), ink);
            let size = label.size() + vec2(8.0, 2.0);
            let mut chosen = None;
            for level in 0..MAX_LEVELS {
                let rise_px = base_px + step_px * level as f32;
                // Stubs of different heights run down the margin side by side, not on one line.
                let spread_px = 5.0 * level as f32;
                let lanes = (gutters.0 - spread_px, gutters.1 + spread_px);
                let Some(g) = geometry(&from, &to, rise_px, size, frame, lanes) else {
                    break;
                };
                let is_free = !placed.iter().any(|p| p.label_rect.intersects(g.label_rect))
                    && !claims.iter().any(|(l, (x0, x1), y)| {
                        *l == level
                            && (y - g.row_y).abs() < frame.style.line_height_px * 0.5
                            && *x0 < g.extent.1
                            && g.extent.0 < *x1
                    });
                if is_free || level + 1 == MAX_LEVELS {
                    chosen = Some((level, g));
                    break;
                }
            }
            let Some((level, g)) = chosen else {
                continue;
            };
            claims.push((level, g.extent, g.row_y));
            placed.push(PlacedArc {
                relation: link.relation,
                color: link.color,
                points: g.points,
                dashed_from: g.dashed_from,
                heads: g.heads,
                label,
                label_rect: g.label_rect,
                level,
            });
        }
        let built = placed.len();
        self.arcs = placed;
        built
    }

    /// The relation whose arc (or label) is under `pos`, nearest first.
    pub(super) fn arc_at(&self, pos: Pos2) -> Option<RelationId> {
        (self.arcs.iter())
            .map(|a| (a.distance(pos), a))
            .filter(|(d, _)| *d <= HIT_DISTANCE_PX)
            .min_by(|a, b| a.0.total_cmp(&b.0).then(b.1.level.cmp(&a.1.level)))
            .map(|(_, a)| a.relation)
    }

    /// Paints the arcs placed this frame over the text.
    pub(super) fn paint_links(
        &self,
        ui: &egui::Ui,
        frame: &Frame,
        selected: Option<RelationId>,
        hovered: Option<RelationId>,
    ) {
        let painter = ui.painter().with_clip_rect(frame.clip);
        let fill = crate::ui::theme::article_fill(ui.visuals()).gamma_multiply(0.92);
        // The selected and hovered arcs last, so nothing covers them.
        let mut order: Vec<&PlacedArc> = self.arcs.iter().collect();
        order.sort_by_key(|a| Some(a.relation) == selected || Some(a.relation) == hovered);
        for arc in order {
            let is_selected = Some(arc.relation) == selected;
            let is_hovered = Some(arc.relation) == hovered;
            let width = if is_selected {
                2.6
            } else if is_hovered {
                2.0
            } else {
                1.4
            };
            let stroke = Stroke::new(width, arc.color);
            let solid_end = arc.dashed_from.map_or(arc.points.len(), |d| d + 1);
            painter.add(Shape::line(
                arc.points.get(..solid_end).unwrap_or_default().to_vec(),
                stroke,
            ));
            if let Some(from) = arc.dashed_from
                && let Some(rest) = arc.points.get(from..)
            {
                painter.extend(Shape::dashed_line(rest, stroke, 5.0, 4.0));
            }
            for &(tip, direction) in &arc.heads {
                painter.add(arrowhead(tip, direction, arc.color, 4.0 + width));
            }
            let (background, text) = if is_selected {
                (arc.color, contrasting(arc.color))
            } else {
                (fill, arc.color)
            };
            painter.rect(
                arc.label_rect,
                3.0,
                background,
                Stroke::new(if is_hovered { 1.5 } else { 1.0 }, arc.color),
                egui::StrokeKind::Inside,
            );
            let text_pos = arc.label_rect.center() - arc.label.size() * 0.5;
            painter.galley_with_override_text_color(text_pos, Arc::clone(&arc.label), text);
        }
    }

    /// The arcs drawn in the last frame: each relation with its label's rectangle and a
    /// point on its line, so tests can point at an arc like a user.
    #[must_use]
    pub fn painted_links(&self) -> Vec<(RelationId, Rect, Pos2)> {
        (self.arcs.iter())
            .map(|a| {
                let on_line = a.points.get(1).copied().unwrap_or(a.label_rect.center());
                (a.relation, a.label_rect, on_line)
            })
            .collect()
    }
}

/// The hover tooltip of an arc: the relation's type, its two ends and its note.
pub(super) fn link_tooltip_ui(response: &egui::Response, project: &Project, id: RelationId) {
    let Some(relation) = project.relation(id) else {
        return;
    };
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.set_max_width(360.0);
        let kind = project.schema().relation_type(&relation.kind);
        let color = kind.map_or(Color32::GRAY, |t| tag_color(t.color));
        let name = kind.map_or(relation.kind.as_str(), |t| t.name.as_str());
        ui.label(egui::RichText::new(name).strong().color(color));
        let end = |ui: &mut egui::Ui, role: &str, id: AnnotationId| {
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(role).weak());
                ui.label(crate::ui::link_popup::annotation_label(project, id));
            });
        };
        end(ui, "From", relation.from);
        end(ui, "To", relation.to);
        match relation.note.as_deref().filter(|n| !n.trim().is_empty()) {
            Some(note) => {
                ui.label(egui::RichText::new(crate::model::elide(note)).italics());
            }
            None => {
                ui.label(egui::RichText::new("No note").weak());
            }
        }
        ui.label(egui::RichText::new("Click to select; Delete removes it").weak());
    });
}

/// Where a link's end is drawn this frame: the top middle of its span's first row (as
/// [`super::text_map::ParagraphText::range_rects`] maps it), or which way it is off screen.
fn anchor(
    painted: &[super::VisibleParagraph],
    doc: &Document,
    frame: &Frame,
    first: usize,
    end: &LinkEnd,
    inset: f32,
) -> Anchor {
    if end.paragraph < first {
        return Anchor::Away { is_above: true };
    }
    let Some(visible) = painted.get(end.paragraph - first) else {
        return Anchor::Away { is_above: false };
    };
    let Some((start, stop)) =
        (doc.paragraphs().get(end.paragraph)).and_then(|p| clip_to_paragraph(end.range, p))
    else {
        return Anchor::Away { is_above: false };
    };
    let rects = visible.text.range_rects(start, stop.max(start + 1));
    let Some(first_row) = rects.first().copied() else {
        return Anchor::Away { is_above: false };
    };
    // The first row's stretches (several where the span changes direction).
    let row = (rects.iter())
        .filter(|r| (r.top() - first_row.top()).abs() < 0.5)
        .fold(first_row, |a, r| a.union(*r));
    let origin = frame.paragraph_origin(visible.top_px);
    Anchor::Painted(pos2(row.center().x, row.top() + inset) + origin.to_vec2())
}

/// Where stubs run: just outside the text column on each side (on it, without a margin).
fn gutters(frame: &Frame) -> (f32, f32) {
    let left = frame.origin.x + frame.style.column_left_px;
    let right = left + frame.style.measure_px;
    let room = frame.style.column_left_px.min(10.0);
    (left - room, right + room)
}

/// The arc of a link at one height: an arch between two painted ends, or a stub from the
/// painted end to the viewport's edge. `None` if neither end is painted.
fn geometry(
    from: &Anchor,
    to: &Anchor,
    rise_px: f32,
    label_size: Vec2,
    frame: &Frame,
    (left_gutter, right_gutter): (f32, f32),
) -> Option<Geometry> {
    match (from, to) {
        (Anchor::Painted(p), Anchor::Painted(q)) => Some(arch(*p, *q, rise_px, label_size)),
        (Anchor::Painted(p), Anchor::Away { is_above })
        | (Anchor::Away { is_above }, Anchor::Painted(p)) => {
            let is_to_painted = matches!(to, Anchor::Painted(_));
            let crest_y = p.y - rise_px;
            let middle = (left_gutter + right_gutter) * 0.5;
            let gutter_x = if p.x < middle {
                left_gutter
            } else {
                right_gutter
            };
            let edge_y = if *is_above {
                frame.clip.top() + 6.0
            } else {
                frame.clip.bottom() - 6.0
            };
            let points = vec![
                *p,
                pos2(p.x, crest_y),
                pos2(gutter_x, crest_y),
                pos2(gutter_x, edge_y),
            ];
            let toward = if *is_above { -1.0 } else { 1.0 };
            let mut heads = vec![(pos2(gutter_x, edge_y), vec2(0.0, toward))];
            if is_to_painted {
                heads.push((*p, vec2(0.0, 1.0)));
            }
            let side = if gutter_x < p.x { -1.0 } else { 1.0 };
            let label_center = pos2(p.x + side * (label_size.x * 0.5 + 4.0), crest_y);
            let label_rect = Rect::from_center_size(label_center, label_size);
            Some(Geometry {
                points,
                dashed_from: Some(2),
                heads,
                label_rect,
                extent: (p.x.min(gutter_x), p.x.max(gutter_x)),
                row_y: p.y,
            })
        }
        (Anchor::Away { .. }, Anchor::Away { .. }) => None,
    }
}

/// An arch from `p` (the `from` end) to `q`, its crest `rise_px` above the higher end.
fn arch(p: Pos2, q: Pos2, rise_px: f32, label_size: Vec2) -> Geometry {
    let top = p.y.min(q.y);
    // Ends above one another: bow the arch sideways, so it is not a line through the text.
    let bow = if (p.x - q.x).abs() < 24.0 { 36.0 } else { 0.0 };
    // A cubic's middle reaches 3/4 of the way to its control points' height.
    let control_y = top - rise_px / 0.75 - label_size.y * 0.5;
    let c0 = pos2(p.x - bow, control_y);
    let c1 = pos2(q.x - bow, control_y);
    let points: Vec<Pos2> = (0..=ARCH_SEGMENTS)
        .map(|s| cubic(p, c0, c1, q, s as f32 / ARCH_SEGMENTS as f32))
        .collect();
    let crest = cubic(p, c0, c1, q, 0.5);
    Geometry {
        points,
        dashed_from: None,
        heads: vec![(q, (q - c1).normalized())],
        label_rect: Rect::from_center_size(crest, label_size),
        extent: (p.x.min(q.x), p.x.max(q.x)),
        row_y: top,
    }
}

fn cubic(p0: Pos2, p1: Pos2, p2: Pos2, p3: Pos2, t: f32) -> Pos2 {
    let u = 1.0 - t;
    let v = p0.to_vec2() * (u * u * u)
        + p1.to_vec2() * (3.0 * u * u * t)
        + p2.to_vec2() * (3.0 * u * t * t)
        + p3.to_vec2() * (t * t * t);
    v.to_pos2()
}

/// A filled triangle with its tip at `tip`, pointing along `direction`.
fn arrowhead(tip: Pos2, direction: Vec2, color: Color32, size_px: f32) -> Shape {
    let d = if direction.length() > 0.0 {
        direction.normalized()
    } else {
        vec2(0.0, 1.0)
    };
    let back = tip - d * size_px;
    let across = d.rot90() * (size_px * 0.55);
    Shape::convex_polygon(vec![tip, back + across, back - across], color, Stroke::NONE)
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let length_sq = ab.length_sq();
    if length_sq <= f32::EPSILON {
        return (p - a).length();
    }
    let t = ((p - a).dot(ab) / length_sq).clamp(0.0, 1.0);
    (p - (a + ab * t)).length()
}

/// Black or white, whichever reads on `color`.
fn contrasting(color: Color32) -> Color32 {
    let luma =
        0.299 * f32::from(color.r()) + 0.587 * f32::from(color.g()) + 0.114 * f32::from(color.b());
    if luma > 150.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_on_a_segment_is_at_no_distance_and_one_beside_it_is() {
        let (a, b) = (pos2(0.0, 0.0), pos2(10.0, 0.0));
        assert!(distance_to_segment(pos2(5.0, 0.0), a, b) < 1e-4);
        assert!((distance_to_segment(pos2(5.0, 3.0), a, b) - 3.0).abs() < 1e-4);
        assert!((distance_to_segment(pos2(13.0, 4.0), a, b) - 5.0).abs() < 1e-4);
    }

    #[test]
    fn an_arch_rises_above_both_ends_and_points_into_its_target() {
        let g = arch(pos2(0.0, 100.0), pos2(200.0, 100.0), 20.0, vec2(40.0, 12.0));
        assert!(g.label_rect.center().y < 100.0 - 19.0, "{:?}", g.label_rect);
        let (tip, direction) = g.heads[0];
        assert_eq!(tip, pos2(200.0, 100.0));
        assert!(direction.y > 0.0, "the arrow points down into the span");
    }
}
