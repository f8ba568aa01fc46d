//! The report as one self-contained HTML file: inline CSS and an inline SVG timeline, no
//! scripts, fonts or images fetched, and a print style, so it can be mailed and printed.

use std::fmt::Write as _;

use super::{ReportData, date_text, html_escape as escape};
use std::collections::HashMap;

use crate::analysis::wording::counted;
use crate::analysis::{
    AnalysisFilter, Cell, MarkKind, PositionMap, RollUp, StanceMark, TagKind, stance_color,
    stance_word,
};
use crate::model::{ActorId, IssueId, Project, Rgb, Stance};

const STYLE: &str = "
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 2rem; color: #1d2230; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d5d9e0; }
.meta, .legend { color: #5a6273; font-size: 0.9rem; }
table { border-collapse: collapse; font-size: 0.85rem; }
th, td { border: 1px solid #d5d9e0; padding: 0.3rem 0.45rem; vertical-align: top; text-align: left; }
thead th { background: #f1f3f6; }
td.cell { min-width: 5.5rem; }
td.cell .counts { display: block; color: #3b4252; font-size: 0.78rem; }
td.cell .strip { white-space: nowrap; font-size: 1rem; }
.mark { display: inline-block; text-align: center; min-width: 0.9rem; text-shadow: 0 0 1px #1d2230; }
.mark sub { display: block; font-size: 0.62rem; color: #1d2230; text-shadow: none; line-height: 0.9; }
.arrow { color: #1d2230; margin: 0 0.1rem; }
.held { font-size: 0.72rem; font-weight: 600; margin-left: 0.35rem; color: #1d2230; }
tfoot td, tfoot th { background: #f1f3f6; font-size: 0.78rem; }
.agreed { color: #1f7a4a; font-weight: 600; }
.conceded { font-weight: 600; }
.chip { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 50%; vertical-align: middle; margin: 0 0.25rem 0 0.6rem; }
ol.concessions li { margin-bottom: 0.35rem; }
q { font-style: italic; }
svg text { font-family: inherit; font-size: 11px; fill: #1d2230; }
@media print {
  body { margin: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  tr, li, svg { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
";

pub(super) fn write(data: &ReportData<'_>) -> String {
    let title = escape(data.project.title());
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Position report: {title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>Position report: {title}</h1>\n"
    );
    let _ = writeln!(
        out,
        "<p class=\"meta\">Period: {}. {} looked at; {}.</p>",
        escape(&data.period()),
        counted(data.map.admitted, "annotation"),
        super::unplaced_line(data.map.unplaced)
    );
    super::html_moves::write_moves(&mut out, data);
    write_map(&mut out, data);
    write_concessions(&mut out, data);
    write_timeline(&mut out, data);
    super::html_moves::write_links(&mut out, data);
    out.push_str("</body>\n</html>\n");
    out
}

fn legend(out: &mut String) {
    out.push_str("<p class=\"legend\">Stance:");
    for stance in [
        Some(Stance::For),
        Some(Stance::Against),
        Some(Stance::Conditional),
        Some(Stance::Unclear),
        None,
    ] {
        let _ = write!(
            out,
            "<span class=\"chip\" style=\"background:{}\"></span>{}",
            stance_color(stance).to_hex(),
            stance_word(stance)
        );
    }
    out.push_str("</p>\n");
}

fn write_map(out: &mut String, data: &ReportData<'_>) {
    out.push_str("<h2>Position map</h2>\n");
    if data.map.rows.is_empty() || data.map.issues.is_empty() {
        out.push_str("<p>No actor has a statement on an issue.</p>\n");
        return;
    }
    out.push_str(
        "<p class=\"legend\">Each cell: the stance history on the issue, a mark per statement \
         by date: <span class=\"arrow\">→</span> a change (its date under it), ◆ a concession, \
         ✔ an agreement, ○ a retracted statement; <span class=\"held\">held</span>: the same \
         stance on two dates or more and no move. The last row counts, per issue, the rows \
         that moved and held.</p>\n",
    );
    legend(out);
    // By side first: a negotiator's move is her side's.
    let sides = PositionMap::build(
        data.project,
        &AnalysisFilter {
            roll_up: RollUp::Sides,
            ..data.filter.clone()
        },
    );
    out.push_str("<h3>By side</h3>\n");
    write_map_table(out, data.project, &sides);
    out.push_str("<h3>By actor</h3>\n");
    write_map_table(out, data.project, &data.map);
}

fn write_map_table(out: &mut String, project: &Project, map: &PositionMap) {
    let (first, noun) = match map.roll_up {
        RollUp::Actors => ("Actor", "actors"),
        RollUp::Sides => ("Side", "sides"),
    };
    let _ = write!(
        out,
        "<table class=\"map\">\n<thead><tr><th>{first}</th><th>Affiliation</th>"
    );
    for name in &map.issue_names {
        let _ = write!(out, "<th dir=\"auto\">{}</th>", escape(name));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (row, actor) in map.rows.iter().enumerate() {
        let _ = write!(
            out,
            "<tr><th dir=\"auto\">{}</th><td dir=\"auto\">{}</td>",
            escape(&actor.name),
            escape(actor.affiliation.as_deref().unwrap_or(""))
        );
        for (column, &issue) in map.issues.iter().enumerate() {
            match map.cell(row, column) {
                Some(cell) if !cell.is_empty() => write_cell(out, project, issue, cell),
                _ => out.push_str("<td></td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n<tfoot><tr><th colspan=\"2\">Totals</th>");
    for (column, &issue) in map.issues.iter().enumerate() {
        let totals = map.totals(column);
        let _ = write!(
            out,
            "<td>moved: {} {noun} · held: {}",
            totals.moved, totals.held
        );
        for g in map.agreed(issue) {
            let sides: Vec<String> = (g.sides.iter())
                .map(|&s| escape(project.actor(s).map_or("", |a| a.name.as_str())))
                .collect();
            let _ = write!(
                out,
                "<br><span class=\"agreed\">✔ agreed {} ({})</span>",
                date_text(g.when.date),
                sides.join(", ")
            );
        }
        out.push_str("</td>");
    }
    out.push_str("</tr></tfoot>\n</table>\n");
}

fn write_cell(out: &mut String, project: &Project, issue: IssueId, cell: &Cell) {
    let _ = write!(
        out,
        "<td class=\"cell\" style=\"background:{}\" title=\"latest {}: {}\"><span class=\"strip\">",
        tint(stance_color(cell.stance)),
        date_text(cell.latest.and_then(|w| w.date)),
        stance_word(cell.stance),
    );
    for mark in &cell.history {
        write_mark(out, project, issue, mark);
    }
    out.push_str("</span>");
    if cell.held() {
        out.push_str("<span class=\"held\">held</span>");
    }
    if cell.history.is_empty() {
        let _ = write!(
            out,
            "<span class=\"counts\">{}, no stance</span>",
            counted(cell.total(), "statement")
        );
    }
    out.push_str("</td>");
}

/// One mark as the app draws it, with a title naming holder, side, issue, date and quote.
fn write_mark(out: &mut String, project: &Project, issue: IssueId, mark: &StanceMark) {
    let glyph = match mark.kind {
        MarkKind::First | MarkKind::Same | MarkKind::Change { .. } => "●",
        MarkKind::Concession => "◆",
        MarkKind::Agreement => "✔",
        MarkKind::Retracted => "○",
    };
    if let MarkKind::Change { from } = mark.kind {
        let _ = write!(
            out,
            "<span class=\"arrow\" style=\"color:{}\">→</span>",
            stance_color(from).to_hex()
        );
    }
    let Some(a) = project.annotation(mark.evidence) else {
        return;
    };
    let holders: Vec<&str> = (a.holders.iter())
        .filter_map(|&h| project.actor(h).map(|x| x.name.as_str()))
        .collect();
    let sides: Vec<&str> = (project.holder_sides(a).into_iter())
        .filter_map(|s| project.actor(s).map(|x| x.name.as_str()))
        .collect();
    let what = match mark.kind {
        MarkKind::First => "first stance".to_owned(),
        MarkKind::Same => "same stance".to_owned(),
        MarkKind::Change { from } => format!("changed from {}", stance_word(from)),
        MarkKind::Concession => "concession".to_owned(),
        MarkKind::Agreement => "agreement".to_owned(),
        MarkKind::Retracted => "retracted".to_owned(),
    };
    let title = format!(
        "{} ({}) on {}, {}: {} {}. “{}”",
        holders.join(" & "),
        sides.join(" & "),
        project.issue_name(issue),
        date_text(mark.when.date),
        what,
        stance_word(mark.stance),
        a.quote
    );
    let _ = write!(
        out,
        "<span class=\"mark\" style=\"color:{}\" title=\"{}\">{glyph}",
        stance_color(mark.stance).to_hex(),
        escape(&title)
    );
    let is_move = matches!(
        mark.kind,
        MarkKind::Change { .. } | MarkKind::Concession | MarkKind::Agreement
    );
    if is_move && let Some(date) = mark.when.date {
        let _ = write!(out, "<sub>{}</sub>", date.format("%-d %b"));
    }
    out.push_str("</span>");
}

/// A light tint of a colour, for cell backgrounds that keep text readable in print.
fn tint(color: Rgb) -> String {
    let [r, g, b] = color.0.map(|c| {
        let mixed = (u16::from(c) + 2 * 255) / 3;
        u8::try_from(mixed).unwrap_or(u8::MAX)
    });
    Rgb([r, g, b]).to_hex()
}

fn write_concessions(out: &mut String, data: &ReportData<'_>) {
    out.push_str("<h2>Concessions</h2>\n");
    let lines = data.concessions();
    if lines.is_empty() {
        out.push_str("<p>No concessions.</p>\n");
        return;
    }
    out.push_str("<ol class=\"concessions\">\n");
    for line in lines {
        let _ = write!(
            out,
            // `dir="auto"` and `<bdi>`: an Arabic or Hebrew quote or name reads right to left
            // without turning the English line around it.
            "<li>{} · <strong><bdi>{}</bdi></strong> on <bdi>{}</bdi>: <q dir=\"auto\">{}</q>",
            date_text(line.date),
            escape(line.actor),
            escape(line.issue),
            escape(line.quote)
        );
        if let Some(to) = line.concedes_to {
            let _ = write!(out, " (concedes to <q dir=\"auto\">{}</q>)", escape(to));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

const LABEL_WIDTH_PX: f32 = 170.0;
const PLOT_WIDTH_PX: f32 = 620.0;
const ROW_HEIGHT_PX: f32 = 30.0;
const MARK_RADIUS_PX: f32 = 6.0;

fn write_timeline(out: &mut String, data: &ReportData<'_>) {
    let timeline = &data.timeline;
    out.push_str("<h2>Timeline</h2>\n");
    if timeline.marks.is_empty() {
        out.push_str("<p>No dated statements on an issue.</p>\n");
        return;
    }
    out.push_str(
        "<p class=\"legend\">A mark per statement by date, as in the map: ● a stance, \
         <span class=\"arrow\">→</span>● a change of the holder's side's stance on the issue, \
         ◆ a concession, ✔ an agreement, ○ a retracted statement; dashed lines are links.</p>\n",
    );
    legend(out);
    // The cast is exact: row counts are small.
    let height_px = ROW_HEIGHT_PX * (timeline.rows.len() as f32 + 1.0);
    let width_px = LABEL_WIDTH_PX + PLOT_WIDTH_PX + 40.0;
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width_px}\" height=\"{height_px}\" \
         viewBox=\"0 0 {width_px} {height_px}\" role=\"img\" aria-label=\"Timeline of statements by issue\">"
    );
    for (row, r) in timeline.rows.iter().enumerate() {
        let y = row_y(row);
        let _ = writeln!(
            out,
            "<text x=\"4\" y=\"{:.1}\">{}</text><line x1=\"{LABEL_WIDTH_PX}\" y1=\"{y:.1}\" \
             x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#d5d9e0\"/>",
            y + 4.0,
            escape(&r.label),
            LABEL_WIDTH_PX + PLOT_WIDTH_PX
        );
    }
    for date in &timeline.dates {
        let x = date_x(timeline.x_fraction(*date));
        let _ = writeln!(
            out,
            "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{date}</text>",
            height_px - 8.0
        );
    }
    let lanes = timeline.lanes();
    let position = |i: usize| {
        let mark = &timeline.marks[i];
        let lane_px = lanes.get(i).copied().unwrap_or(0) as f32 * (MARK_RADIUS_PX * 2.2);
        (
            date_x(timeline.x_fraction(mark.date)) + lane_px,
            row_y(mark.row),
        )
    };
    for link in &timeline.links {
        let ((x1, y1), (x2, y2)) = (position(link.from), position(link.to));
        let color = data
            .project
            .schema()
            .relation_type(&link.kind)
            .map_or_else(|| "#6b7a8f".to_owned(), |t| t.color.to_hex());
        let _ = writeln!(
            out,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{color}\" \
             stroke-width=\"1.5\" stroke-dasharray=\"4 2\"><title>{}</title></line>",
            escape(data.project.schema().relation_name(&link.kind))
        );
    }
    for ((i, mark), kind) in timeline.marks.iter().enumerate().zip(mark_kinds(data)) {
        let (x, y) = position(i);
        let e = &mark.evidence;
        let title = format!(
            "{} · {} · {} · {}: {}",
            mark.date,
            data.actor_name(mark.holder),
            data.project.schema().name(e.tag(data.project)),
            stance_word(e.stance),
            e.quote(data.project)
        );
        let _ = write!(out, "<g><title>{}</title>", escape(&title));
        write_svg_mark(out, kind, (x, y), stance_color(e.stance));
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    if timeline.undated > 0 {
        let _ = writeln!(
            out,
            "<p class=\"meta\">{}</p>",
            super::undated_line(timeline.undated)
        );
    }
}

/// What each timeline mark shows, in the map's terms: a concession, an agreement, a
/// retracted statement, a change of stance (against the previous stance of the holder's side
/// on the same row), else a stance like the one before it.
fn mark_kinds(data: &ReportData<'_>) -> Vec<MarkKind> {
    let project = data.project;
    let mut last: HashMap<(usize, Option<ActorId>), Option<Stance>> = HashMap::new();
    (data.timeline.marks.iter())
        .map(|mark| {
            let e = &mark.evidence;
            let side = mark.holder.map(|h| project.side_of(h));
            if e.is_retracted {
                return MarkKind::Retracted;
            }
            let before = if e.stance.is_some() {
                last.insert((mark.row, side), e.stance)
            } else {
                last.get(&(mark.row, side)).copied()
            };
            match e.kind {
                TagKind::Concession => MarkKind::Concession,
                TagKind::Agreement => MarkKind::Agreement,
                _ => match before {
                    Some(from) if e.stance.is_some() && from != e.stance => {
                        MarkKind::Change { from }
                    }
                    Some(_) => MarkKind::Same,
                    None => MarkKind::First,
                },
            }
        })
        .collect()
}

/// One timeline mark in SVG, drawn as the map prints it: a dot (after an arrow tinted by the
/// stance left, for a change), a diamond, a dot with a check, or a ring struck through.
fn write_svg_mark(out: &mut String, kind: MarkKind, (x, y): (f32, f32), color: Rgb) {
    const INK: &str = "#1d2230";
    let fill = color.to_hex();
    let r = MARK_RADIUS_PX;
    match kind {
        MarkKind::First | MarkKind::Same | MarkKind::Change { .. } => {
            if let MarkKind::Change { from } = kind {
                let from = stance_color(from).to_hex();
                let (tail, tip) = (x - r - 12.0, x - r - 1.5);
                let _ = write!(
                    out,
                    "<line x1=\"{tail:.1}\" y1=\"{y:.1}\" x2=\"{tip:.1}\" y2=\"{y:.1}\" \
                     stroke=\"{from}\" stroke-width=\"1.6\"/><polygon points=\"{tip:.1},{y:.1} \
                     {:.1},{:.1} {:.1},{:.1}\" fill=\"{from}\"/>",
                    tip - 4.5,
                    y - 3.0,
                    tip - 4.5,
                    y + 3.0
                );
            }
            let _ = write!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r}\" fill=\"{fill}\" stroke=\"{INK}\" \
                 stroke-width=\"0.5\"/>"
            );
        }
        MarkKind::Concession => {
            let d = r + 1.5;
            let _ = write!(
                out,
                "<polygon points=\"{x:.1},{:.1} {:.1},{y:.1} {x:.1},{:.1} {:.1},{y:.1}\" \
                 fill=\"{fill}\" stroke=\"{INK}\" stroke-width=\"0.5\"/>",
                y - d,
                x + d,
                y + d,
                x - d
            );
        }
        MarkKind::Agreement => {
            let _ = write!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" fill=\"{fill}\" stroke=\"{INK}\" \
                 stroke-width=\"0.5\"/><polyline points=\"{:.1},{y:.1} {:.1},{:.1} {:.1},{:.1}\" \
                 fill=\"none\" stroke=\"{INK}\" stroke-width=\"1.6\"/>",
                r + 1.5,
                x - 3.0,
                x - 0.6,
                y + 2.6,
                x + 3.6,
                y - 3.0
            );
        }
        MarkKind::Retracted => {
            let _ = write!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r}\" fill=\"none\" stroke=\"{fill}\" \
                 stroke-width=\"1.4\"/><line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" \
                 stroke=\"{INK}\" stroke-width=\"1\"/>",
                x - r,
                y + r,
                x + r,
                y - r
            );
        }
    }
}

fn row_y(row: usize) -> f32 {
    let row = row as f32;
    ROW_HEIGHT_PX * (row + 0.5)
}

fn date_x(fraction: f32) -> f32 {
    LABEL_WIDTH_PX + 20.0 + fraction * (PLOT_WIDTH_PX - 60.0)
}
