//! The article widget on its own, driven through egui_kittest with real pointer and key events.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use egui::{Event, Modifiers, PointerButton, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use stance::model::text::normalize_text;
use stance::model::{Annotation, AnnotationId, Document, DocumentId, Project, Span};
use stance::ui::article::{ArticleAction, ArticleInput, ArticleStats, ArticleView};

/// A stand-in for the app: applies selection intents and records everything.
struct Host {
    view: ArticleView,
    project: Project,
    doc: DocumentId,
    input: ArticleInput,
    actions: Vec<ArticleAction>,
    stats: ArticleStats,
    hovered: Option<AnnotationId>,
}

impl Host {
    fn new(project: Project) -> Self {
        let doc = project.documents()[0].id;
        Self {
            view: ArticleView::default(),
            project,
            doc,
            input: ArticleInput::default(),
            actions: Vec::new(),
            stats: ArticleStats::default(),
            hovered: None,
        }
    }

    fn document(&self) -> &Document {
        self.project.document(self.doc).unwrap()
    }

    /// The centre of the char at `offset` on screen.
    fn char_center(&self, offset: usize) -> Pos2 {
        self.view
            .char_rect(self.document(), offset)
            .unwrap_or_else(|| panic!("char {offset} is not on screen"))
            .center()
    }

    fn quote(&self, span: Span) -> String {
        self.document().slice(span).unwrap().to_owned()
    }
}

fn harness(host: Host) -> Harness<'static, Host> {
    Harness::builder()
        .with_size(vec2(1000.0, 700.0))
        // Short steps, so two clicks can land inside the double-click window.
        .with_step_dt(0.05)
        .with_max_steps(40)
        .build_ui_state(
            |ui, host: &mut Host| {
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
                host.actions.extend(out.actions);
                host.stats = out.stats;
                host.hovered = out.hovered;
            },
            host,
        )
}

fn sample_project() -> Project {
    let mut project = Project::new("Sample");
    let text = normalize_text(stance::app::SAMPLE_ARTICLE);
    let added = project.add_document(Document::new("Ukraine talks, day three", text));
    project.apply(added).unwrap();
    project
}

fn annotate(project: &mut Project, tag: &str, needle: &str) -> AnnotationId {
    let doc = &project.documents()[0];
    let span = doc.find(needle, 0).unwrap();
    let now = chrono::Utc::now();
    let annotation = Annotation::bare(AnnotationId::random(), doc.id, tag, vec![span], needle, now);
    let id = annotation.id;
    project
        .apply(stance::model::Edit::AddAnnotation(Box::new(annotation)))
        .unwrap();
    id
}

fn press(harness: &Harness<'_, Host>, pos: Pos2, pressed: bool, modifiers: Modifiers) {
    harness.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers,
    });
}

fn click_at(harness: &mut Harness<'_, Host>, pos: Pos2) {
    harness.hover_at(pos);
    press(harness, pos, true, Modifiers::NONE);
    press(harness, pos, false, Modifiers::NONE);
    harness.run();
}

/// Scrolls a char into view and returns its offset.
fn show(harness: &mut Harness<'_, Host>, needle: &str) -> usize {
    let offset = harness.state().document().find(needle, 0).unwrap().start;
    harness.state_mut().input.scroll_to_char = Some(offset);
    harness.run();
    offset
}

fn drag(harness: &mut Harness<'_, Host>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    harness.hover_at(from);
    harness.run();
    press(harness, from, true, modifiers);
    harness.run();
    let steps = 4;
    for i in 1..=steps {
        let t = i as f32 / steps as f32;
        harness.hover_at(from + (to - from) * t);
        harness.run();
    }
    press(harness, to, false, modifiers);
    harness.run();
}

#[test]
fn the_widget_is_labelled_with_the_document_title() {
    let mut harness = harness(Host::new(sample_project()));
    harness.run();
    let node = harness.get_by_label("Ukraine talks, day three");
    assert_eq!(node.accesskit_node().role(), egui::accesskit::Role::Article);
}

#[test]
fn drag_after_the_en_dash_snaps_to_whole_words() {
    let mut harness = harness(Host::new(sample_project()));
    harness.run();
    let at = show(&mut harness, "Ukraine economic initiatives");
    // From inside "Ukraine" (after "U.S.–") to inside "economic".
    let from = harness.state().char_center(at + 2);
    let to = harness.state().char_center(at + "Ukraine eco".len());
    drag(&mut harness, from, to, Modifiers::NONE);

    let host = harness.state();
    let selection = host.input.selection.expect("a selection");
    assert_eq!(host.quote(selection), "Ukraine economic");
    assert_eq!(
        selection,
        host.document().find("Ukraine economic", 0).unwrap()
    );
    // The byte offset differs from the char offset after the en dash.
    let byte = host.document().text.find("Ukraine economic").unwrap();
    assert_ne!(byte, selection.start);
    assert!(
        host.actions
            .iter()
            .any(|a| matches!(a, ArticleAction::SetSelection(Some(s)) if *s == selection))
    );
}

#[test]
fn alt_keeps_the_exact_dragged_range() {
    let mut harness = harness(Host::new(sample_project()));
    harness.run();
    let at = show(&mut harness, "security framework");
    let from = harness.state().char_center(at + 2);
    let to = harness.state().char_center(at + "security fram".len());
    drag(&mut harness, from, to, Modifiers::ALT);
    let host = harness.state();
    let quote = host.quote(host.input.selection.unwrap());
    // Boundaries fall between chars near the glyph centres: no whole-word growth.
    assert!(
        quote.starts_with("cur") || quote.starts_with("urity"),
        "{quote:?}"
    );
    assert!(
        quote.ends_with("fra") || quote.ends_with("fram"),
        "{quote:?}"
    );
}

#[test]
fn double_click_selects_a_word_and_shift_arrows_extend_it() {
    let mut harness = harness(Host::new(sample_project()));
    harness.run();
    let at = show(&mut harness, "brushstrokes");
    let pos = harness.state().char_center(at + 3);
    harness.hover_at(pos);
    harness.run();
    for _ in 0..2 {
        press(&harness, pos, true, Modifiers::NONE);
        press(&harness, pos, false, Modifiers::NONE);
        harness.step();
    }
    harness.run();
    let selection = harness.state().input.selection.unwrap();
    assert_eq!(harness.state().quote(selection), "brushstrokes");

    harness.key_press_modifiers(Modifiers::SHIFT, egui::Key::ArrowRight);
    harness.run();
    let extended = harness.state().input.selection.unwrap();
    assert_eq!(extended, Span::new(selection.start, selection.end + 1));

    harness.key_press_modifiers(Modifiers::SHIFT | Modifiers::COMMAND, egui::Key::ArrowRight);
    harness.run();
    let by_word = harness.state().input.selection.unwrap();
    assert_eq!(harness.state().quote(by_word), "brushstrokes about");

    // Shift+↓ moves the end one visual line down, about a line's worth of text.
    harness.key_press_modifiers(Modifiers::SHIFT, egui::Key::ArrowDown);
    harness.run();
    let by_line = harness.state().input.selection.unwrap();
    assert_eq!(by_line.start, selection.start);
    assert!(by_line.end > by_word.end + 40, "{by_word} → {by_line}");
    assert!(by_line.end < by_word.end + 120, "{by_word} → {by_line}");
}

#[test]
fn clicking_highlights_selects_and_cycles_through_overlaps() {
    let mut project = sample_project();
    let outer = annotate(
        &mut project,
        "position",
        "a security framework for postwar Ukraine",
    );
    let inner = annotate(&mut project, "claim", "security framework");
    let mut harness = harness(Host::new(project));
    harness.run();
    let at = show(&mut harness, "security framework");
    let pos = harness.state().char_center(at + 4);

    click_at(&mut harness, pos);
    assert_eq!(harness.state().input.selected_annotation, Some(inner));
    assert_eq!(harness.state().hovered, Some(inner));
    // A click in the double-click window would select a word instead; wait it out.
    harness.run_steps(10);
    click_at(&mut harness, pos);
    assert_eq!(harness.state().input.selected_annotation, Some(outer));
    harness.run_steps(10);
    click_at(&mut harness, pos);
    assert_eq!(harness.state().input.selected_annotation, Some(inner));

    // Plain text clears the annotation selection.
    harness.run_steps(10);
    let plain = show(&mut harness, "third day");
    let pos = harness.state().char_center(plain + 1);
    click_at(&mut harness, pos);
    assert_eq!(harness.state().input.selected_annotation, None);
    assert!(
        harness
            .state()
            .actions
            .contains(&ArticleAction::SelectAnnotation(Some(outer)))
    );
}

#[test]
fn the_palette_tags_the_selection() {
    let mut host = Host::new(sample_project());
    let span = host.document().find("real progress", 0).unwrap();
    host.input.selection = Some(span);
    host.input.scroll_to_char = Some(span.start);
    let mut harness = harness(host);
    harness.run();
    harness.get_by_label("2 Position").click();
    harness.run();
    assert!(
        harness
            .state()
            .actions
            .contains(&ArticleAction::TagSelection("position".to_owned()))
    );
    // With an annotation selected, the palette can add the selection as a further range.
    let id = AnnotationId::random();
    harness.state_mut().input.selected_annotation = Some(id);
    harness.run();
    harness.get_by_label("+ Add as range").click();
    harness.run();
    assert!(
        harness
            .state()
            .actions
            .contains(&ArticleAction::AddSelectionAsRange(id))
    );
}

#[test]
fn discontinuous_annotations_highlight_every_range() {
    let mut project = sample_project();
    let doc = &project.documents()[0];
    let first = doc.find("Both parties agreed", 0).unwrap();
    let second = doc.find("de-escalation", 0).unwrap();
    let now = chrono::Utc::now();
    let mut annotation = Annotation::bare(
        AnnotationId::random(),
        doc.id,
        "claim",
        vec![first, second],
        doc.quote(&[first, second]).unwrap(),
        now,
    );
    annotation.note = Some("joint statement".to_owned());
    let id = annotation.id;
    project
        .apply(stance::model::Edit::AddAnnotation(Box::new(annotation)))
        .unwrap();
    let mut harness = harness(Host::new(project));
    harness.run();
    show(&mut harness, "Both parties agreed");
    // Selecting the annotation rebuilds the highlights it touches: both of its ranges.
    harness.state_mut().input.selected_annotation = Some(id);
    harness.step();
    assert_eq!(harness.state().stats.highlight_ranges_built, 2);
    for span in [first, second] {
        let pos = harness.state().char_center(span.start + 2);
        harness.hover_at(pos);
        harness.run();
        assert_eq!(harness.state().hovered, Some(id));
    }
}

fn long_project(paragraphs: usize) -> Project {
    let mut text = String::new();
    for i in 0..paragraphs {
        let words = 20 + (i * 37) % 90;
        text.push_str(&format!("¶{i} – "));
        for w in 0..words {
            text.push_str(
                [
                    "talks ",
                    "envoy ",
                    "ceasefire ",
                    "Kyiv ",
                    "Moscow ",
                    "proposal ",
                ][(i + w) % 6],
            );
        }
        text.push_str("\n\n");
    }
    let mut project = Project::new("Long");
    let added = project.add_document(Document::new("A long transcript", text));
    project.apply(added).unwrap();
    project
}

#[test]
fn layout_work_is_bounded_by_the_viewport_not_the_document() {
    let count = 2_000;
    let mut harness = harness(Host::new(long_project(count)));
    harness.run();
    let stats = harness.state().stats;
    assert_eq!(stats.paragraph_count, count);
    assert!(stats.paragraphs_painted > 0);
    assert!(stats.paragraphs_painted < 40, "{stats:?}");
    assert!(stats.paragraphs_cached < 60, "{stats:?}");

    // Jump to the middle: only the paragraphs around it are laid out and painted.
    let middle = harness.state().document().paragraphs()[count / 2]
        .chars
        .start;
    harness.state_mut().input.scroll_to_char = Some(middle);
    harness.run();
    let stats = harness.state().stats;
    let first = stats.first_painted.unwrap();
    let last = stats.last_painted.unwrap();
    assert!(first <= count / 2 && count / 2 <= last, "{stats:?}");
    assert!(stats.paragraphs_painted < 40, "{stats:?}");
    assert!(stats.paragraphs_cached < 120, "{stats:?}");

    // A frame with nothing new lays nothing out.
    harness.step();
    let stats = harness.state().stats;
    assert_eq!(stats.paragraphs_laid_out, 0, "{stats:?}");
    assert!(stats.paragraphs_painted < 40, "{stats:?}");

    // Scrolling to the end keeps the same bound.
    let end = harness.state().document().len_chars() - 1;
    harness.state_mut().input.scroll_to_char = Some(end);
    harness.run();
    let stats = harness.state().stats;
    assert_eq!(stats.last_painted, Some(count - 1), "{stats:?}");
    assert!(stats.paragraphs_painted < 40, "{stats:?}");
}

#[test]
fn shift_click_extends_and_drags_cross_paragraphs() {
    let mut harness = harness(Host::new(sample_project()));
    harness.run();
    let at = show(&mut harness, "brushstrokes");
    let pos = harness.state().char_center(at + 3);
    harness.hover_at(pos);
    harness.run();
    for _ in 0..2 {
        press(&harness, pos, true, Modifiers::NONE);
        press(&harness, pos, false, Modifiers::NONE);
        harness.step();
    }
    harness.run();
    harness.run_steps(10);
    // Shift+click inside "progress" later on the line: the end snaps to the word.
    let progress = harness
        .state()
        .document()
        .find("progress they say", 0)
        .unwrap()
        .start;
    let target = harness.state().char_center(progress + 3);
    harness.hover_at(target);
    press(&harness, target, true, Modifiers::SHIFT);
    press(&harness, target, false, Modifiers::SHIFT);
    harness.run();
    let selection = harness.state().input.selection.unwrap();
    assert_eq!(
        harness.state().quote(selection),
        "brushstrokes about the progress"
    );

    // A drag from one paragraph into the next keeps the line break in the quote.
    harness.run_steps(10);
    let both = harness
        .state()
        .document()
        .find("Both parties", 0)
        .unwrap()
        .start;
    let from = harness.state().char_center(at + 3);
    let to = harness.state().char_center(both + 2);
    drag(&mut harness, from, to, Modifiers::NONE);
    let quote = harness
        .state()
        .quote(harness.state().input.selection.unwrap());
    assert!(quote.starts_with("brushstrokes about"), "{quote:?}");
    assert!(quote.ends_with("war.\n\n\"Both"), "{quote:?}");
}

#[test]
fn triple_click_selects_a_sentence() {
    let mut harness = harness(Host::new(sample_project()));
    harness.run();
    let at = show(&mut harness, "did not immediately comment");
    let pos = harness.state().char_center(at + 5);
    harness.hover_at(pos);
    harness.run();
    for _ in 0..3 {
        press(&harness, pos, true, Modifiers::NONE);
        press(&harness, pos, false, Modifiers::NONE);
        harness.step();
    }
    harness.run();
    let selection = harness.state().input.selection.unwrap();
    assert_eq!(
        harness.state().quote(selection),
        "The Kremlin did not immediately comment on the latest U.S.-Ukraine talks on Friday."
    );
}

#[test]
fn hovering_a_highlight_shows_tag_holder_and_note() {
    let mut project = sample_project();
    let actor = stance::model::Actor::new("Yuri Ushakov", Some("Russia"));
    let holder = actor.id;
    project.rebuild(|parts| {
        parts.actors.push(actor);
    });
    let id = annotate(
        &mut project,
        "claim",
        "constructive, very useful and substantive",
    );
    let mut annotation = project.annotation(id).unwrap().clone();
    annotation.holders = vec![holder];
    annotation.note = Some("Kremlin readout of the Witkoff meeting".to_owned());
    project
        .apply(stance::model::Edit::ReplaceAnnotation(Box::new(annotation)))
        .unwrap();
    let mut harness = harness(Host::new(project));
    harness.run();
    let at = show(&mut harness, "constructive, very useful");
    let pos = harness.state().char_center(at + 3);
    harness.hover_at(pos);
    // Tooltips wait for the pointer to rest.
    harness.run_steps(20);
    assert_eq!(harness.state().hovered, Some(id));
    harness.get_by_label("Yuri Ushakov");
    harness.get_by_label("Kremlin readout of the Witkoff meeting");
}

#[test]
fn dragging_below_the_view_scrolls_and_keeps_selecting() {
    let mut harness = harness(Host::new(sample_project()));
    harness.run();
    let start = harness
        .state()
        .document()
        .find("President Trump", 0)
        .unwrap()
        .start;
    let last_visible = harness.state().stats.last_painted.unwrap();
    let from = harness.state().char_center(start + 2);
    let bottom = egui::pos2(from.x + 100.0, 695.0);
    harness.hover_at(from);
    harness.run();
    press(&harness, from, true, Modifiers::NONE);
    harness.run();
    harness.hover_at(bottom);
    // Holding the pointer at the bottom edge keeps scrolling.
    harness.run_steps(30);
    press(&harness, bottom, false, Modifiers::NONE);
    harness.run();
    let host = harness.state();
    let selection = host.input.selection.unwrap();
    assert_eq!(selection.start, start);
    let doc = host.document();
    let end_paragraph = doc.paragraph_at(selection.end.saturating_sub(1));
    assert!(
        end_paragraph > last_visible,
        "the selection should reach past paragraph {last_visible}, ends in {end_paragraph}"
    );
}

#[test]
fn a_theme_change_lays_the_paragraphs_out_again() {
    let mut harness = harness(Host::new(sample_project()));
    harness.ctx.set_theme(egui::Theme::Dark);
    harness.run();
    harness.step();
    assert_eq!(harness.state().stats.paragraphs_laid_out, 0);
    // The themes render text differently, so egui rebuilds its font atlas; galleys cached
    // before point at glyphs that are gone and must not be painted again.
    harness.ctx.set_theme(egui::Theme::Light);
    harness.step();
    let stats = harness.state().stats;
    assert!(stats.paragraphs_painted > 0);
    assert_eq!(
        stats.paragraphs_laid_out, stats.paragraphs_painted,
        "{stats:?}"
    );
}
