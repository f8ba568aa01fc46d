//! The corpus search panel (Ctrl+Shift+F): find text in every document, walk the hits, and
//! tag the chosen ones in one step ("Annotate all").
//!
//! The search runs a slice of the corpus per frame ([`CorpusSearch::step`]), so no frame
//! waits for the whole corpus and the first hits show at once. The panel keeps only its own
//! view state; it returns [`SearchAction`]s for the app to apply.

use egui::{Key, Modifiers, RichText, Ui, text::LayoutJob};

use crate::analysis::wording::counted;
use crate::analysis::{CorpusSearch, HitPreset, SearchError, SearchHit, SearchQuery, hit_context};
use crate::model::{ActorId, DerivedCache, DocumentId, IssueId, Project, Stance};
use crate::ui::article::bidi::needs_bidi;
use crate::ui::article::bidi_text::marked_line_button;

/// Text searched per frame. A literal search reads far more than this in a millisecond (in a
/// release build); a slow regular expression still leaves the frame its time.
pub const STEP_BYTES: usize = 512 * 1024;

/// Chars of context either side of a hit in the results.
const CONTEXT_CHARS: usize = 48;

/// What the panel asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum SearchAction {
    /// Open the hit's document, select the hit's text and scroll to it.
    ShowHit(SearchHit),
    /// Tag these hits with `tag` and the preset (one undo step).
    AnnotateHits {
        hits: Vec<SearchHit>,
        tag: String,
        preset: HitPreset,
    },
    /// The panel's Close button.
    Close,
}

/// What the hits are offsets into: which project, and each document's text (by its id,
/// hash and length). An edit elsewhere (a tag, a note) leaves it, and the hits, as they are;
/// a text replaced (Re-anchor) or a document added or removed changes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Texts {
    project: u64,
    documents: Vec<(DocumentId, String, usize)>,
}

impl Texts {
    fn of(project: &Project) -> Self {
        Self {
            project: project.key().identity,
            documents: (project.documents().iter())
                .map(|d| (d.id, d.text_hash.clone(), d.text.len()))
                .collect(),
        }
    }
}

/// One row of the results: a document's heading or one of its hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Row {
    Group(usize),
    Hit(usize),
}

/// The panel's state: the query as typed, the running search and the choices made.
#[derive(Default)]
pub struct CorpusSearchPanel {
    pub is_open: bool,
    query: SearchQuery,
    /// The texts of the project state drawn, found once per state.
    texts: DerivedCache<(), Texts>,
    /// The running search, and the texts it searches: hits are offsets into those texts.
    search: Option<(CorpusSearch, Texts)>,
    error: Option<SearchError>,
    /// Results rows, extended as hits arrive.
    rows: Vec<Row>,
    groups_in_rows: usize,
    /// One per hit: ticked hits are the ones "Annotate all" tags.
    chosen: Vec<bool>,
    current: Option<usize>,
    scroll_to_current: bool,
    focus_field: bool,
    tag: String,
    preset: HitPreset,
}

impl CorpusSearchPanel {
    /// Opens the panel with the search field focused.
    pub fn open(&mut self) {
        self.is_open = true;
        self.focus_field = true;
    }

    /// Every hit found so far.
    #[must_use]
    pub fn hits(&self) -> &[SearchHit] {
        self.search.as_ref().map_or(&[], |(s, _)| s.hits())
    }

    /// True while documents remain to be searched.
    #[must_use]
    pub fn is_searching(&self, project: &Project) -> bool {
        self.search
            .as_ref()
            .is_some_and(|(s, _)| !s.is_done(project))
    }

    /// Draws the panel; searches the next slice of the corpus first.
    pub fn ui(&mut self, ui: &mut Ui, project: &Project) -> Vec<SearchAction> {
        let mut actions = Vec::new();
        self.keep_current(project);
        self.advance(ui.ctx(), project);
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.heading("Search the corpus");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Close").clicked() {
                    actions.push(SearchAction::Close);
                }
            });
        });
        self.query_ui(ui, project, &mut actions);
        self.summary_ui(ui, project);
        self.annotate_ui(ui, project, &mut actions);
        ui.separator();
        self.results_ui(ui, project, &mut actions);
        actions
    }

    /// Starts over when another project was opened, documents came or went, or a text was
    /// replaced: the hits would point into texts that are gone.
    fn keep_current(&mut self, project: &Project) {
        let texts = (self.texts).get_or_build(project.key(), (), || Texts::of(project));
        if self.search.as_ref().is_some_and(|(_, at)| at != texts) {
            self.restart(project);
        }
    }

    fn restart(&mut self, project: &Project) {
        self.rows.clear();
        self.groups_in_rows = 0;
        self.chosen.clear();
        self.current = None;
        self.error = None;
        self.search = None;
        if self.query.pattern.is_empty() {
            return;
        }
        match CorpusSearch::new(&self.query) {
            Ok(search) => {
                let texts = (self.texts).get_or_build(project.key(), (), || Texts::of(project));
                self.search = Some((search, texts.clone()));
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// One slice of the search, and the rows for what it found.
    fn advance(&mut self, ctx: &egui::Context, project: &Project) {
        let Some((search, _)) = &mut self.search else {
            return;
        };
        if !search.is_done(project) {
            search.step(project, STEP_BYTES);
            if !search.is_done(project) {
                ctx.request_repaint();
            }
        }
        let groups = search.groups();
        for (g, group) in groups.iter().enumerate().skip(self.groups_in_rows) {
            self.rows.push(Row::Group(g));
            self.rows.extend(group.hits.clone().map(Row::Hit));
        }
        self.groups_in_rows = groups.len();
        self.chosen.resize(search.hits().len(), true);
    }

    fn query_ui(&mut self, ui: &mut Ui, project: &Project, actions: &mut Vec<SearchAction>) {
        let before = self.query.clone();
        let mut step: Option<isize> = None;
        ui.horizontal(|ui| {
            let label = ui.label("Search text");
            let field = egui::TextEdit::singleline(&mut self.query.pattern)
                .id(egui::Id::unique("corpus_search_text"))
                .hint_text("Text in every document (Enter: next hit)")
                .desired_width((ui.available_width() - 380.0).max(160.0));
            // Arrows walk the hits while the field has focus; egui would move the cursor.
            let field_id = egui::Id::unique("corpus_search_text");
            let has_focus = ui.memory(|m| m.has_focus(field_id));
            if has_focus {
                ui.input_mut(|i| {
                    if i.consume_key(Modifiers::NONE, Key::ArrowDown) {
                        step = Some(1);
                    } else if i.consume_key(Modifiers::NONE, Key::ArrowUp) {
                        step = Some(-1);
                    }
                });
            }
            let response = ui.add(field).labelled_by(label.id);
            if std::mem::take(&mut self.focus_field) {
                response.request_focus();
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                let back = ui.input(|i| i.modifiers.shift);
                step = Some(if back { -1 } else { 1 });
                // Enter ends editing in egui; keep typing and walking in the field.
                response.request_focus();
            }
            ui.checkbox(&mut self.query.is_regex, "Regular expression");
            ui.checkbox(&mut self.query.is_whole_word, "Whole word");
            ui.checkbox(&mut self.query.is_case_sensitive, "Match case");
        });
        if self.query != before {
            self.restart(project);
        }
        if let Some(step) = step {
            self.walk(step, actions);
        }
    }

    /// Moves to the next (`1`) or previous (`-1`) hit, wrapping at the ends.
    fn walk(&mut self, step: isize, actions: &mut Vec<SearchAction>) {
        let count = self.hits().len();
        if count == 0 {
            return;
        }
        let next = match self.current {
            None if step >= 0 => 0,
            None => count - 1,
            Some(i) => (i.cast_signed() + step)
                .rem_euclid(count.cast_signed())
                .cast_unsigned(),
        };
        self.current = Some(next);
        self.scroll_to_current = true;
        actions.push(SearchAction::ShowHit(self.hits()[next]));
    }

    fn summary_ui(&self, ui: &mut Ui, project: &Project) {
        if let Some(error) = &self.error {
            if *error != SearchError::EmptyPattern {
                ui.colored_label(ui.visuals().error_fg_color, error.to_string());
            }
            return;
        }
        let Some((search, _)) = &self.search else {
            ui.weak("Type to search the text of every document.");
            return;
        };
        let documents = project.documents().len().max(1);
        let hits = search.hits().len();
        let groups = search.groups().len();
        let mut text = format!(
            "{} in {}",
            counted(hits, "hit"),
            counted(groups, "document")
        );
        if !search.is_done(project) {
            let percent = search.documents_searched() * 100 / documents;
            text.push_str(&format!(", searching ({percent}%)"));
        }
        if let Some(current) = self.current {
            text.push_str(&format!(", showing hit {} of {hits}", current + 1));
        }
        ui.label(text);
    }

    fn annotate_ui(&mut self, ui: &mut Ui, project: &Project, actions: &mut Vec<SearchAction>) {
        let live: Vec<_> = project
            .schema()
            .tags
            .iter()
            .filter(|t| !t.retired)
            .collect();
        if !live.iter().any(|t| t.key == self.tag) {
            self.tag = live.first().map(|t| t.key.clone()).unwrap_or_default();
        }
        let chosen = self.chosen.iter().filter(|&&c| c).count();
        ui.horizontal_wrapped(|ui| {
            let tag_name = project.schema().name(&self.tag).to_owned();
            egui::ComboBox::from_label("Tag")
                .selected_text(tag_name)
                .show_ui(ui, |ui| {
                    for tag in &live {
                        ui.selectable_value(&mut self.tag, tag.key.clone(), &tag.name);
                    }
                });
            self.holder_ui(ui, project);
            self.issue_ui(ui, project);
            let stance_text = self.preset.stance.map_or("No stance", Stance::as_str);
            egui::ComboBox::from_label("Stance")
                .selected_text(stance_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.preset.stance, None, "No stance");
                    for &stance in Stance::ALL {
                        ui.selectable_value(&mut self.preset.stance, Some(stance), stance.as_str());
                    }
                });
            if ui.button("Choose all").clicked() {
                self.chosen.iter_mut().for_each(|c| *c = true);
            }
            if ui.button("Choose none").clicked() {
                self.chosen.iter_mut().for_each(|c| *c = false);
            }
            let button = egui::Button::new(format!("Annotate all ({chosen})"));
            let is_ready = chosen > 0 && !self.tag.is_empty() && !self.is_searching(project);
            let response = ui
                .add_enabled(is_ready, button)
                .on_disabled_hover_text("Wait for the search to finish, and choose some hits");
            if response.clicked() {
                let hits = (self.hits().iter().zip(&self.chosen))
                    .filter(|(_, c)| **c)
                    .map(|(h, _)| *h)
                    .collect();
                actions.push(SearchAction::AnnotateHits {
                    hits,
                    tag: self.tag.clone(),
                    preset: self.preset.clone(),
                });
            }
        });
    }

    fn holder_ui(&mut self, ui: &mut Ui, project: &Project) {
        let name = (self.preset.holder)
            .and_then(|h| project.actor(h))
            .map_or("No holder", |a| a.name.as_str());
        egui::ComboBox::from_label("Holder")
            .selected_text(name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.preset.holder, None::<ActorId>, "No holder");
                for actor in project.actors() {
                    ui.selectable_value(&mut self.preset.holder, Some(actor.id), &actor.name);
                }
            });
    }

    fn issue_ui(&mut self, ui: &mut Ui, project: &Project) {
        let name = (self.preset.issue)
            .and_then(|i| project.issue(i))
            .map_or("No issue", |i| i.name.as_str());
        egui::ComboBox::from_label("Issue")
            .selected_text(name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.preset.issue, None::<IssueId>, "No issue");
                for issue in project.issues() {
                    ui.selectable_value(&mut self.preset.issue, Some(issue.id), &issue.name);
                }
            });
    }

    /// The hits grouped by document; only the rows on screen are laid out.
    fn results_ui(&mut self, ui: &mut Ui, project: &Project, actions: &mut Vec<SearchAction>) {
        let row_height_px = ui.spacing().interact_size.y;
        let mut area = egui::ScrollArea::vertical()
            .id_salt("corpus_search_results")
            .auto_shrink([false, false]);
        if std::mem::take(&mut self.scroll_to_current)
            && let Some(row) = self.current.map(|h| self.row_of_hit(h))
        {
            let stride_px = row_height_px + ui.spacing().item_spacing.y;
            let offset_px = (row as f32 * stride_px - ui.available_height() / 2.0).max(0.0);
            area = area.vertical_scroll_offset(offset_px);
        }
        let Some((search, _)) = &self.search else {
            return;
        };
        let (hits, groups) = (search.hits(), search.groups());
        area.show_rows(ui, row_height_px, self.rows.len(), |ui, rows| {
            for row in self.rows[rows].iter().copied() {
                match row {
                    Row::Group(g) => {
                        let group = &groups[g];
                        let Some(doc) = project.document(group.document) else {
                            ui.weak("(a document no longer in the project)");
                            continue;
                        };
                        let date = doc.date.map(|d| format!("{d} ")).unwrap_or_default();
                        let count = group.hits.len();
                        ui.label(RichText::new(format!("{date}{} ({count})", doc.title)).strong());
                    }
                    Row::Hit(h) => {
                        let is_current = self.current == Some(h);
                        let Some(chosen) = self.chosen.get_mut(h) else {
                            continue;
                        };
                        if let Some(action) = hit_row_ui(ui, project, hits[h], chosen, is_current) {
                            self.current = Some(h);
                            actions.push(action);
                        }
                    }
                }
            }
        });
    }

    /// The results row of hit `h`: its index plus the document headings above it.
    fn row_of_hit(&self, h: usize) -> usize {
        let groups = self.search.as_ref().map_or(&[][..], |(s, _)| s.groups());
        h + groups.partition_point(|g| g.hits.start <= h)
    }
}

/// One hit: its checkbox and its context, the hit itself in bold; a click shows it.
fn hit_row_ui(
    ui: &mut Ui,
    project: &Project,
    hit: SearchHit,
    chosen: &mut bool,
    is_current: bool,
) -> Option<SearchAction> {
    let context = project
        .document(hit.document)
        .and_then(|doc| hit_context(doc, hit.span, CONTEXT_CHARS))?;
    let mut clicked = false;
    ui.horizontal(|ui| {
        ui.checkbox(chosen, "")
            .on_hover_text("Tag this hit with Annotate all");
        let before = context.before.trim_start();
        let mark_fill = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
        let line = format!("{before}{}{}", context.matched, context.after);
        if needs_bidi(&line) {
            // Right-to-left words: the line is reordered as a whole (UAX #9), so the hit is
            // marked on the laid-out line rather than made a section of its own.
            let start = before.chars().count();
            let marked = start..start + context.matched.chars().count();
            clicked = marked_line_button(ui, &line, marked, mark_fill, is_current).clicked();
            return;
        }
        let style = ui.style();
        let weak = ui.visuals().weak_text_color();
        let strong = ui.visuals().strong_text_color();
        let font = egui::TextStyle::Body.resolve(style);
        let mut job = LayoutJob::default();
        let format = |color| egui::TextFormat::simple(font.clone(), color);
        job.append(before, 8.0, format(weak));
        let mut hit_format = format(strong);
        hit_format.background = mark_fill;
        job.append(&context.matched, 0.0, hit_format);
        job.append(&context.after, 0.0, format(weak));
        let width = ui.available_width();
        // The grow atom after the text keeps it at the left, as a list's text reads.
        let button = egui::Button::selectable(is_current, (job, egui::Atom::grow()))
            .truncate()
            .min_size(egui::vec2(width, 0.0));
        clicked = ui.add(button).clicked();
    });
    clicked.then_some(SearchAction::ShowHit(hit))
}
