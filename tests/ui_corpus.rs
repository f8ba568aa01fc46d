//! The corpus in the real app: search all documents (Ctrl+Shift+F), walk the hits, annotate
//! them all in one undo step; step through documents with Ctrl+PageDown / Ctrl+PageUp.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod common;

use std::path::Path;

use chrono::Utc;
use common::harness;
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stance::analysis::wording::counted;
use stance::analysis::{SearchQuery, search_project};
use stance::app::StanceApp;
use stance::model::Project;
use stance::ui::Action;
use stance::ui::corpus_search::CorpusSearchPanel;

/// The test corpus (four short articles written for the tests), imported.
fn corpus() -> Project {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus");
    let mut project = Project::new("Corpus");
    stance::io::import::import_paths(&[folder], &mut project).unwrap();
    project
}

fn ctrl_shift() -> Modifiers {
    Modifiers::COMMAND | Modifiers::SHIFT
}

#[test]
fn search_walk_annotate_all_and_undo_in_one_step() {
    let project = corpus();
    let hits = search_project(&project, &SearchQuery::plain("ceasefire")).unwrap();
    assert_eq!(hits.len(), 5);
    let mut harness = harness(StanceApp::with_project(project.clone()));

    harness.key_press_modifiers(ctrl_shift(), Key::F);
    harness.run();
    harness.event(Event::Text("ceasefire".to_owned()));
    harness.run();
    harness.get_by_label("5 hits in 3 documents");

    // Enter goes to the first hit: its document opens with the hit selected.
    harness.key_press(Key::Enter);
    harness.run();
    let app = harness.state();
    assert_eq!(app.current_document(), Some(hits[0].document));
    assert_eq!(app.text_selection(), Some(hits[0].span));
    // The arrow keys walk on, across documents.
    harness.key_press(Key::ArrowDown);
    harness.run();
    harness.key_press(Key::ArrowDown);
    harness.run();
    assert_eq!(harness.state().text_selection(), Some(hits[2].span));
    assert_eq!(harness.state().current_document(), Some(hits[2].document));
    harness.key_press(Key::ArrowUp);
    harness.run();
    assert_eq!(harness.state().text_selection(), Some(hits[1].span));

    // One hit tagged by hand first: annotate-all skips it.
    harness
        .state_mut()
        .queue(Action::TagSelection("claim".to_owned()));
    harness.run();
    assert_eq!(harness.state().project().annotations().len(), 1);
    let tagged_by_hand = harness.state().project().clone();

    harness.get_by_label("Annotate all (5)").click();
    harness.run();
    let after = harness.state().project();
    assert_eq!(after.annotations().len(), 5);
    assert!(after.annotations().iter().all(|a| a.tag == "claim"));
    assert!(
        after
            .annotations()
            .iter()
            .all(|a| a.quote.to_lowercase() == "ceasefire")
    );
    assert_eq!(after.problems(), Vec::new());
    assert_eq!(harness.state().history().undo_label(), Some("Annotate All"));
    harness.get_by_label("Tagged 4, skipped 1 already tagged");

    // One Ctrl+Z takes the whole batch back, and only it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().project(), &tagged_by_hand);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().project(), &project);
}

#[test]
fn ctrl_page_down_and_up_step_through_the_document_list() {
    let project = corpus();
    let ids: Vec<_> = project.documents().iter().map(|d| d.id).collect();
    let mut harness = harness(StanceApp::with_project(project));
    assert_eq!(harness.state().current_document(), Some(ids[0]));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run();
    assert_eq!(harness.state().current_document(), Some(ids[1]));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run();
    assert_eq!(harness.state().current_document(), Some(ids[2]));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    harness.run();
    assert_eq!(harness.state().current_document(), Some(ids[1]));
    // At the ends the keys stay put.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    harness.run();
    assert_eq!(harness.state().current_document(), Some(ids[0]));
}

#[test]
fn a_folder_of_brat_folders_offers_them_and_imports_the_ones_kept() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/brat");
    let pairs = |name: &str| {
        std::fs::read_dir(root.join(name))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "ann"))
            })
            .count()
    };
    let script = stance::ui::file_dialog::ScriptedDialogs::new();
    let project = corpus();
    let before = project.clone();
    let app = StanceApp::new(project, None, Box::new(script.clone()));
    let mut harness = harness(app);
    script.answer(&root);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Import Folder…").click();
    harness.run();
    harness.run();
    // Nothing imported yet: the choice lists the three brat folders, all ticked.
    assert_eq!(harness.state().project(), &before);
    harness.get_by_label("Import which brat folders?");
    harness.get_by_label("tutorials-news").click();
    harness.run();
    harness.get_by_label("Import 2").click();
    harness.run();
    let expected =
        before.documents().len() + pairs("corpora-CoNLL-ST_2002-esp") + pairs("corpora-TDT");
    assert_eq!(harness.state().project().documents().len(), expected);
    assert!(
        harness
            .query_by_label("Import which brat folders?")
            .is_none()
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().project(), &before);
}

#[test]
fn the_document_filter_narrows_the_list_and_the_keys_follow_it() {
    let project = corpus();
    let geneva = project.documents()[1].id;
    let mut harness = harness(StanceApp::with_project(project));
    harness.get_by_label("Filter").click();
    harness.run();
    harness.event(Event::Text("lakeside".to_owned()));
    harness.run();
    harness.get_by_label("1 of 4 documents");
    // The open document is filtered out: the next one is the first shown.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run();
    assert_eq!(harness.state().current_document(), Some(geneva));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run();
    assert_eq!(harness.state().current_document(), Some(geneva));
}

/// The corpus search panel alone, over a project the test changes between frames.
struct Searching {
    panel: CorpusSearchPanel,
    project: Project,
}

#[test]
fn corpus_search_hits_are_dropped_after_a_document_text_changes() {
    let query = SearchQuery::plain("ceasefire");
    let project = corpus();
    let hits = search_project(&project, &query).unwrap();
    assert_eq!(hits.len(), 5);
    let mut panel = CorpusSearchPanel::default();
    panel.open();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .build_ui_state(
            |ui, state: &mut Searching| {
                let _actions = state.panel.ui(ui, &state.project);
            },
            Searching { panel, project },
        );
    harness.run();
    harness.event(Event::Text("ceasefire".to_owned()));
    harness.run();
    harness.get_by_label("5 hits in 3 documents");

    // The text of a document with hits is replaced, as Re-anchor replaces it: a tag or a
    // note would leave the hits alone, but these point into text that is gone.
    let changed = hits[0].document;
    let state = harness.state_mut();
    let (_, edit) = (state.project)
        .reanchor_document(changed, "The delegations met again on Friday.", Utc::now())
        .unwrap();
    state.project.apply(edit).unwrap();
    harness.run();

    let now = search_project(&harness.state().project, &query).unwrap();
    assert!(now.len() < hits.len());
    assert!(now.iter().all(|h| h.document != changed));
    assert_eq!(harness.state().panel.hits(), now.as_slice());
    let documents = (now.iter().map(|h| h.document))
        .collect::<std::collections::HashSet<_>>()
        .len();
    harness.get_by_label(&format!(
        "{} in {}",
        counted(now.len(), "hit"),
        counted(documents, "document")
    ));
}
