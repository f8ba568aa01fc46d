//! Right-to-left and mixed-direction text in the article view (issue 23), driven through
//! egui_kittest with real pointer and key events, with the system's fonts as the app uses them.
//!
//! Where a word is on screen is taken from the glyphs egui painted (not from the view's own
//! mapping): the words of a right-to-left line show right to left, so the k-th word from the
//! right is the k-th word of the text.
#![allow(clippy::unwrap_used, reason = "a test fails by panicking")]

use std::process::Command;

use egui::{Event, Key, Modifiers, PointerButton, Pos2, Rect, vec2};
use egui_kittest::Harness;
use stance::model::{Annotation, AnnotationId, Document, DocumentId, Edit, Project, Span};
use stance::ui::article::bidi::mirror;
use stance::ui::article::text_map::ParagraphText;
use stance::ui::article::{ArticleAction, ArticleInput, ArticleView};
use stance::ui::fonts::{RightToLeftScript, ScriptCoverage, install_system_fonts};

const ARTICLE: &str = include_str!("data/scripts/talks-right-to-left.txt");

struct Host {
    view: ArticleView,
    project: Project,
    doc: DocumentId,
    input: ArticleInput,
    /// The fonts are installed: draw (the harness runs a first frame when it is built).
    is_ready: bool,
}

impl Host {
    fn document(&self) -> &Document {
        self.project.document(self.doc).unwrap()
    }

    fn quote(&self, span: Span) -> String {
        self.document().slice(span).unwrap().to_owned()
    }
}

/// Whether fontconfig has a font for every char of `text` (`fc-list` may be missing).
fn has_fonts_for(text: &str) -> bool {
    text.chars()
        .filter(|c| !c.is_ascii() && !c.is_whitespace() && !c.is_control())
        .all(|c| {
            Command::new("fc-list")
                .arg(format!(":charset={:x}", u32::from(c)))
                .arg("family")
                .output()
                .is_ok_and(|o| o.status.success() && !o.stdout.trim_ascii().is_empty())
        })
}

fn project(annotations: &[&str]) -> Project {
    project_of(ARTICLE, annotations)
}

/// A project of one document, `text`, with a claim on the first place of each annotation.
fn project_of(text: &str, annotations: &[&str]) -> Project {
    let mut project = Project::new("Right to left");
    let added = project.add_document(Document::new("محادثات الدوحة", text.to_owned()));
    project.apply(added).unwrap();
    for needle in annotations {
        let doc = &project.documents()[0];
        let span = doc.find(needle, 0).unwrap();
        let annotation = Annotation::bare(
            AnnotationId::random(),
            doc.id,
            "claim",
            vec![span],
            *needle,
            chrono::Utc::now(),
        );
        project
            .apply(Edit::AddAnnotation(Box::new(annotation)))
            .unwrap();
    }
    project
}

/// The article on its own, with the system fonts installed before the first frame.
fn harness(project: Project) -> Option<Harness<'static, Host>> {
    // One sample char per script of the article's lines.
    if !has_fonts_for("قשی") {
        println!("note: no Arabic, Hebrew or Persian font on this machine; skipped");
        return None;
    }
    let doc = project.documents()[0].id;
    let host = Host {
        view: ArticleView::default(),
        project,
        doc,
        input: ArticleInput::default(),
        is_ready: false,
    };
    let mut harness = Harness::builder()
        .with_size(vec2(1000.0, 800.0))
        .with_step_dt(0.05)
        .with_max_steps(40)
        .build_ui_state(
            |ui, host: &mut Host| {
                if !host.is_ready {
                    return;
                }
                let out = host.view.ui(ui, &host.project, host.doc, &host.input);
                host.input.scroll_to_char = None;
                for action in &out.actions {
                    match action {
                        ArticleAction::SetSelection(s) => host.input.selection = *s,
                        ArticleAction::SelectAnnotation(id) => host.input.selected_annotation = *id,
                        ArticleAction::TagSelection(_)
                        | ArticleAction::AddSelectionAsRange(_)
                        | ArticleAction::FocusSuggestion(_)
                        | ArticleAction::SelectRelation(_) => {}
                    }
                }
            },
            host,
        );
    install_system_fonts(&harness.ctx);
    harness.state_mut().is_ready = true;
    // The system fonts are found on first use; let the layout settle.
    for _ in 0..3 {
        harness.run();
    }
    Some(harness)
}

fn press(harness: &Harness<'_, Host>, pos: Pos2, pressed: bool, modifiers: Modifiers) {
    harness.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers,
    });
}

fn double_click(harness: &mut Harness<'_, Host>, pos: Pos2) {
    harness.hover_at(pos);
    harness.run();
    for _ in 0..2 {
        press(harness, pos, true, Modifiers::NONE);
        press(harness, pos, false, Modifiers::NONE);
        harness.step();
    }
    harness.run();
}

fn click(harness: &mut Harness<'_, Host>, pos: Pos2) {
    harness.hover_at(pos);
    press(harness, pos, true, Modifiers::NONE);
    press(harness, pos, false, Modifiers::NONE);
    harness.run();
}

fn drag(harness: &mut Harness<'_, Host>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.run();
    press(harness, from, true, Modifiers::NONE);
    harness.run();
    for i in 1..=4 {
        harness.hover_at(from + (to - from) * (i as f32 / 4.0));
        harness.run();
    }
    press(harness, to, false, Modifiers::NONE);
    harness.run();
}

/// The words of the first row of paragraph `index` as painted, right to left: the glyph
/// rectangles of each, grouped where a gap (a space) separates them.
fn painted_words_right_to_left(harness: &Harness<'_, Host>, index: usize) -> Vec<Rect> {
    let mut glyphs = harness.state().view.painted_glyphs(index);
    let first_row_top = glyphs
        .iter()
        .map(|(r, _)| r.top())
        .fold(f32::INFINITY, f32::min);
    glyphs.retain(|(r, c)| r.top() == first_row_top && c.is_alphabetic());
    glyphs.sort_by(|a, b| b.0.left().total_cmp(&a.0.left()));
    let mut words: Vec<Rect> = Vec::new();
    for (rect, _) in glyphs {
        match words.last_mut() {
            Some(word) if rect.right() >= word.left() - 1.0 => *word = word.union(rect),
            _ => words.push(rect),
        }
    }
    words
}

/// The words of the first paragraph, in text order.
fn first_line_words() -> Vec<&'static str> {
    ARTICLE.lines().next().unwrap().split(' ').collect()
}

#[test]
fn double_click_on_each_word_of_an_arabic_line_selects_that_word() {
    let Some(mut harness) = harness(project(&[])) else {
        return;
    };
    let words = painted_words_right_to_left(&harness, 0);
    let text_words = first_line_words();
    assert!(
        words.len() >= 5,
        "too few words on the first row: {words:?}"
    );
    // Right-aligned: the Arabic line ends where the Hebrew paragraph's lines do, far from
    // where the English line starts.
    let hebrew_right = (harness.state().view.painted_glyphs(1).iter())
        .map(|(r, _)| r.right())
        .fold(f32::NEG_INFINITY, f32::max);
    assert!((hebrew_right - words[0].right()).abs() < 2.0);
    let english_left = (harness.state().view.painted_glyphs(4).iter())
        .map(|(r, _)| r.left())
        .fold(f32::INFINITY, f32::min);
    assert!(words[0].right() > english_left + 400.0);
    for (k, word) in words.iter().enumerate() {
        double_click(&mut harness, word.center());
        let selection = harness.state().input.selection.expect("a selection");
        assert_eq!(harness.state().quote(selection), text_words[k], "word {k}");
        // Let the double-click window pass before the next word.
        harness.state_mut().input.selection = None;
        for _ in 0..12 {
            harness.step();
        }
    }
}

#[test]
fn the_word_the_issue_names_is_the_one_selected() {
    let Some(mut harness) = harness(project(&[])) else {
        return;
    };
    let words = painted_words_right_to_left(&harness, 0);
    let k = first_line_words()
        .iter()
        .position(|w| *w == "المفاوضات")
        .unwrap();
    double_click(&mut harness, words[k].center());
    let selection = harness.state().input.selection.unwrap();
    assert_eq!(harness.state().quote(selection), "المفاوضات");
}

#[test]
fn a_drag_across_two_arabic_words_selects_exactly_those_two() {
    let Some(mut harness) = harness(project(&[])) else {
        return;
    };
    let words = painted_words_right_to_left(&harness, 0);
    let text_words = first_line_words();
    // From inside the second word to inside the third: leftwards, as the line reads.
    let from = words[1].center();
    let to = words[2].center();
    drag(&mut harness, from, to);
    let selection = harness.state().input.selection.expect("a selection");
    assert_eq!(
        harness.state().quote(selection),
        format!("{} {}", text_words[1], text_words[2])
    );
    // And the other way round, from the left word to the right one.
    harness.state_mut().input.selection = None;
    harness.run();
    drag(&mut harness, words[4].center(), words[3].center());
    let selection = harness.state().input.selection.expect("a selection");
    assert_eq!(
        harness.state().quote(selection),
        format!("{} {}", text_words[3], text_words[4])
    );
}

/// Every glyph inside a highlight draws one of the annotation's chars, no glyph is cut in
/// two by a highlight's edge, and the highlight reaches the glyphs of its first and last
/// letters.
fn assert_highlight_covers_its_glyphs(harness: &Harness<'_, Host>, needle: &str) {
    let host = harness.state();
    let doc = host.document();
    let span = doc.find(needle, 0).unwrap();
    let rects = host.view.range_rects(doc, span);
    assert!(!rects.is_empty(), "{needle}: no highlight on screen");
    let glyphs = host.view.painted_glyphs(doc.paragraph_at(span.start));
    let mut inside = Vec::new();
    for (glyph, chr) in &glyphs {
        let overlap: f32 = rects
            .iter()
            .map(|r| {
                let shared = r.intersect(*glyph);
                if shared.is_positive() {
                    shared.width()
                } else {
                    0.0
                }
            })
            .sum();
        let share = overlap / glyph.width();
        assert!(
            !(0.2..=0.8).contains(&share),
            "{needle}: glyph {chr:?} is {:.0}% covered",
            share * 100.0
        );
        if share > 0.8 {
            inside.push(*chr);
        }
    }
    for chr in &inside {
        // A bracket in right-to-left text shows mirrored.
        let is_own = needle.contains(*chr) || mirror(*chr).is_some_and(|m| needle.contains(m));
        assert!(is_own, "{needle}: {chr:?} highlighted: {inside:?}");
    }
    let letters: Vec<char> = needle.chars().filter(|c| c.is_alphabetic()).collect();
    for edge in [letters[0], letters[letters.len() - 1]] {
        // A lam-alef ligature shows as its lam.
        let shown = if edge == 'ا' {
            inside.contains(&'ا') || inside.contains(&'ل')
        } else {
            inside.contains(&edge)
        };
        assert!(shown, "{needle}: {edge:?} not highlighted: {inside:?}");
    }
}

#[test]
fn highlights_lie_over_the_glyphs_of_their_characters() {
    let needles = [
        "المفاوضات",
        "الخارجية إن",
        "פשרה על הגבול",
        "سه‌شنبه دوباره",
        // Into a Latin abbreviation in brackets: visually one stretch.
        "المتحدة (UN",
        // From English into an Arabic name: its first words show at the name's far end.
        "Sheikh محمد بن",
    ];
    let Some(harness) = harness(project(&needles)) else {
        return;
    };
    for needle in needles {
        assert_highlight_covers_its_glyphs(&harness, needle);
    }
    let host = harness.state();
    let doc = host.document();
    let crossing = host
        .view
        .range_rects(doc, doc.find("Sheikh محمد بن", 0).unwrap());
    assert_eq!(crossing.len(), 2, "{crossing:?}");
    let bracketed = host
        .view
        .range_rects(doc, doc.find("المتحدة (UN", 0).unwrap());
    assert_eq!(bracketed.len(), 1, "{bracketed:?}");
}

#[test]
fn the_caret_moves_in_logical_order_and_leftwards_through_arabic() {
    let Some(mut harness) = harness(project(&[])) else {
        return;
    };
    let words = painted_words_right_to_left(&harness, 0);
    // Click just inside the right (leading) edge of the first word: the caret goes before it.
    let start = Pos2::new(words[0].right() - 1.0, words[0].center().y);
    click(&mut harness, start);
    assert_eq!(harness.state().view.caret_offset(), Some(0));
    let mut last_x = harness.state().view.caret_rect().unwrap().center().x;
    for expected in 1..=4 {
        // ← moves forward through a right-to-left paragraph.
        harness.key_press(Key::ArrowLeft);
        harness.run();
        assert_eq!(harness.state().view.caret_offset(), Some(expected));
        let x = harness.state().view.caret_rect().unwrap().center().x;
        assert!(
            x < last_x,
            "caret at {expected} did not move left: {x} ≥ {last_x}"
        );
        last_x = x;
    }
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().view.caret_offset(), Some(3));
    // Shift+← selects forward in text order.
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    harness.run();
    let selection = harness.state().input.selection.unwrap();
    assert_eq!(selection, Span::new(3, 4));
    assert_eq!(harness.state().quote(selection), "ت");
}

#[test]
fn an_english_line_with_arabic_names_keeps_its_words_in_place() {
    let Some(mut harness) = harness(project(&[])) else {
        return;
    };
    let doc = harness.state().document().clone();
    let line = doc.paragraphs().len() - 1;
    let rect_of = |needle: &str| {
        let span = doc.find(needle, 0).unwrap();
        harness.state().view.range_rects(&doc, span)[0]
    };
    // Left to right: "The mediator, Sheikh", then the Arabic name, whose first word is the
    // rightmost of its words; the line goes on with "said" after the name.
    assert!(rect_of("Sheikh").right() < rect_of("الرحمن").left());
    assert!(rect_of("بن").right() <= rect_of("محمد").left() + 0.5);
    assert!(rect_of("محمد").right() < rect_of("said").left());
    let glyphs = harness.state().view.painted_glyphs(line);
    let under = |r: Rect| {
        glyphs
            .iter()
            .find(|(g, _)| g.contains(r.center()))
            .map(|(_, c)| *c)
    };
    assert!(under(rect_of("محمد")).is_some_and(|c| "محمد".contains(c)));
    let name = doc.find("محمد", 0).unwrap();
    let rect = harness.state().view.range_rects(&doc, name)[0];
    double_click(&mut harness, rect.center());
    let selection = harness.state().input.selection.unwrap();
    assert_eq!(harness.state().quote(selection), "محمد");
}

/// The whole app on `project`, with the system fonts installed after its first frame.
fn app_harness(project: Project) -> Harness<'static, stance::app::StanceApp> {
    let app = stance::app::StanceApp::with_project(project);
    let mut harness = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut stance::app::StanceApp| app.frame_ui(ui), app);
    install_system_fonts(&harness.ctx);
    harness.run();
    harness
}

#[test]
fn the_sidebar_lists_a_right_to_left_quote_in_reading_order() {
    use egui_kittest::kittest::{NodeT, Queryable};
    let quote = "المفاوضات حول الحدود";
    let harness = app_harness(project(&[quote]));
    // The row's quote, as a screen reader gets it: the text in storage (reading) order,
    // though its glyphs are laid out right to left.
    let shown = stance::model::text::quoted(quote);
    let node = harness.get_by_label_contains(&shown);
    assert!(
        node.accesskit_node()
            .value()
            .is_none_or(|v| v.contains(&shown))
    );
}

#[test]
fn an_english_paragraph_with_one_arabic_word_is_laid_out_once_and_maps_exactly() {
    let word = "الوسيط";
    let Some(mut harness) = harness(project(&[word, "Wednesday", "local press"])) else {
        return;
    };
    let doc = harness.state().document().clone();
    let span = doc.find(word, 0).unwrap();
    let index = doc.paragraph_at(span.start);
    let paragraph = &doc.paragraphs()[index];
    let text = &doc.text[paragraph.bytes_start..paragraph.bytes_end];
    // Laid out as egui lays out plain text: one pass, wrapped by egui, the Arabic word
    // shaped right to left in its place.
    let format = egui::TextFormat::simple(egui::FontId::proportional(16.0), egui::Color32::BLACK);
    let laid_out = ParagraphText::layout(&harness.ctx, text, &format, 400.0);
    assert!(laid_out.row_count() > 2, "{} rows", laid_out.row_count());
    assert_eq!(laid_out.layout_passes(), 1);
    // Every highlight lies over its glyphs, before, on and after the Arabic word's row.
    for needle in [word, "Wednesday", "local press"] {
        assert_highlight_covers_its_glyphs(&harness, needle);
    }
    let rect = harness.state().view.range_rects(&doc, span)[0];
    double_click(&mut harness, rect.center());
    let selection = harness.state().input.selection.unwrap();
    assert_eq!(harness.state().quote(selection), word);
}

#[test]
fn a_right_to_left_line_is_shaped_by_phrase_not_word_by_word() {
    let Some(harness) = harness(project(&[])) else {
        return;
    };
    let format = egui::TextFormat::simple(egui::FontId::proportional(16.0), egui::Color32::BLACK);
    // The Arabic line and the Hebrew one (a quote, a comma and two full stops): each egui
    // section is a call to the shaper, and a phrase is one section, not a word and a space
    // each. Where the script's font draws every char of the line, the line is one phrase;
    // where it lacks a punctuation mark (fonts differ), that mark stands apart.
    let coverage = ScriptCoverage::for_text(&harness.ctx, ARTICLE);
    let mut lines = ARTICLE.lines().filter(|l| !l.is_empty());
    for line in [lines.next().unwrap(), lines.next().unwrap()] {
        let words = line.split(' ').count();
        let script = line.chars().find_map(RightToLeftScript::of).unwrap();
        let lacking = (line.chars())
            .filter(|&c| !coverage.covers(script, c))
            .count();
        let laid_out = ParagraphText::layout(&harness.ctx, line, &format, 4000.0);
        let sections = laid_out.galley().job.sections.len();
        assert!(
            sections <= 1 + 2 * lacking && sections < words,
            "{sections} sections for {words} words, {lacking} chars the font lacks: {line}"
        );
    }
}

#[test]
fn a_search_hit_in_mixed_text_is_a_row_that_reads_and_opens_it() {
    use egui_kittest::kittest::Queryable;
    let mut harness = app_harness(project(&[]));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run();
    harness.event(Event::Text("الدوحة".to_owned()));
    harness.run();
    harness.get_by_label("2 hits in 1 document");
    // The English line with an Arabic name and place: its row (the line reordered as a
    // whole, the hit marked on it) tells screen readers the line in reading order.
    // The row as painted: the name's words read right to left, so its last word الرحمن
    // (the only one with ر) lies left of عبد (the only one with ع); laid out in storage
    // order, as a plain label would, they come the other way round.
    let row_galley = (harness.output().shapes.iter())
        .find_map(|clipped| match &clipped.shape {
            egui::Shape::Text(text)
                if text.galley.job.text.contains("said the talks")
                    && !text.galley.job.text.contains("mediator") =>
            {
                Some(std::sync::Arc::clone(&text.galley))
            }
            _ => None,
        })
        .unwrap();
    let x_of = |c: char| {
        (row_galley.rows.iter())
            .flat_map(|row| row.glyphs.iter())
            .find(|g| g.chr == c)
            .map(|g| g.pos.x)
            .unwrap()
    };
    assert!(x_of('ر') < x_of('ع'));
    // The text's first line holds it too: the hit in the English line is the second.
    let doc = &harness.state().project().documents()[0];
    let place = doc.find("الدوحة", 1).unwrap();
    let row = harness.get_by_label_contains("الرحمن, said the talks in الدوحة would");
    row.click();
    harness.run();
    assert_eq!(harness.state().text_selection(), Some(place));
}

#[test]
fn a_mark_shaped_before_its_letter_leaves_the_lines_read_in_one_pass() {
    // "مجددًا", "قريبًا", "جدًا": the shaper gives each tanween's glyph before its letter's.
    let paragraph = "التقى الوفدان مجددًا في الدوحة يوم الثلاثاء، وقال الوسيط إن الاتفاق \
                     بات قريبًا جدًا من التوقيع بعد أسابيع من المفاوضات الشاقة";
    let words = ["مجددًا", "قريبًا", "الوفدان"];
    let text = format!("{paragraph}\n\n{ARTICLE}");
    let Some(harness) = harness(project_of(&text, &words)) else {
        return;
    };
    let format = egui::TextFormat::simple(egui::FontId::proportional(16.0), egui::Color32::BLACK);
    let laid_out = ParagraphText::layout(&harness.ctx, paragraph, &format, 300.0);
    assert!(laid_out.row_count() > 2, "{} rows", laid_out.row_count());
    // One layout on one line to measure the words, one of the lines: no row's pieces laid
    // out again one by one because its glyphs could not be read.
    assert_eq!(laid_out.layout_passes(), 2);
    // And each word's highlight lies over its own glyphs, not spread over its line.
    for word in words {
        assert_highlight_covers_its_glyphs(&harness, word);
    }
}

#[test]
fn a_long_paragraph_with_a_few_new_words_measures_those_words_alone() {
    // Real news has new words (names, places) in most paragraphs: measuring the whole
    // paragraph again for each would lay every Arabic paragraph out twice.
    let seen = "قالت وزارة الخارجية إن المفاوضات حول الحدود ستستأنف في الدوحة يوم الثلاثاء \
                المقبل بحضور الوسطاء، وإن الوفدين سيبحثان تبادل الأسرى وترسيم الحدود";
    let new_words = ["المنامة", "مسقط"];
    let paragraph = format!(
        "ستستأنف المفاوضات حول الحدود في {} يوم الثلاثاء المقبل بحضور الوسطاء، قالت وزارة \
         الخارجية إن الوفدين سيبحثان في {} تبادل الأسرى وترسيم الحدود",
        new_words[0], new_words[1]
    );
    let Some(harness) = harness(project_of(&format!("{seen}\n\n{paragraph}"), &[])) else {
        return;
    };
    let format = egui::TextFormat::simple(egui::FontId::proportional(16.0), egui::Color32::BLACK);
    let mut widths = stance::ui::article::piece_widths::PieceWidths::default();
    let first = ParagraphText::layout_remembering(&harness.ctx, seen, &format, 300.0, &mut widths);
    assert!(first.row_count() > 2, "{} rows", first.row_count());
    let laid_out =
        ParagraphText::layout_remembering(&harness.ctx, &paragraph, &format, 300.0, &mut widths);
    let new_chars: usize = new_words.iter().map(|w| w.chars().count()).sum();
    assert_eq!(laid_out.measured_chars(), new_chars);
    assert_eq!(laid_out.layout_passes(), 2);
    // The same lines as measuring the whole paragraph gives.
    let whole = ParagraphText::layout(&harness.ctx, &paragraph, &format, 300.0);
    assert_eq!(whole.measured_chars(), paragraph.chars().count());
    assert_eq!(laid_out.row_count(), whole.row_count());
    for offset in 0..paragraph.chars().count() {
        assert_eq!(
            laid_out.row_of(offset),
            whole.row_of(offset),
            "char {offset}"
        );
    }
    // Once known, nothing is measured.
    let again =
        ParagraphText::layout_remembering(&harness.ctx, &paragraph, &format, 280.0, &mut widths);
    assert_eq!(again.measured_chars(), 0);
    assert_eq!(again.layout_passes(), 1);
}
