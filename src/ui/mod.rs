//! The egui user interface: panels and widgets that draw the model and return intents.
//!
//! Widgets never change the project, never import `io` and never touch a file; they return
//! [`Action`]s (and dialog answers) that the app's dispatcher (`app/dispatch.rs`) hands to
//! its controllers once per frame, through the undo history.

pub mod analysis;
pub mod article;
pub mod commands;
pub mod compare;
pub mod corpus_search;
pub mod date_field;
pub mod dialogs;
pub mod document_list;
pub mod document_properties;
pub mod export_dialog;
pub mod file_dialog;
pub mod folder_choice;
pub mod fonts;
pub mod icon;
pub mod import_review;
pub mod link_popup;
pub mod menu;
pub mod prefs_window;
pub mod recovery_dialogs;
pub mod schema_window;
pub mod sidebar;
pub mod status_bar;
pub mod suggestion_card;
pub mod suggestion_list;
pub mod team;
pub mod theme;
pub mod url_dialog;

use std::path::PathBuf;

use crate::analysis::{HitPreset, SearchHit};
use crate::model::{
    ActorId, Annotation, AnnotationId, Attribution, DocumentId, Firmness, IssueId, PartialDate,
    Project, RelationId, Rgb, Stance,
};

pub use commands::Command;
pub use schema_window::SchemaAction;

/// An intent from a panel or dialog, applied by the app after the frame's drawing.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Command(Command),
    /// Select an annotation; `scroll_article` brings it into view in the article.
    SelectAnnotation {
        id: AnnotationId,
        scroll_article: bool,
    },
    ShowDocument(DocumentId),
    /// Open the Document Properties dialog of a document (its title, date, outlet…).
    DocumentProperties(DocumentId),
    OpenPath(PathBuf),
    /// Tag the current text selection with a tag key.
    TagSelection(String),
    SetTag(AnnotationId, String),
    SetHolder(AnnotationId, Option<ActorId>),
    /// Create an actor with this name and make it the annotation's holder.
    NewHolder(AnnotationId, String),
    /// Add an actor to the annotation's holders (a joint statement has several).
    AddHolder(AnnotationId, ActorId),
    /// Add the actor called so (name or alias) to the holders, creating it if none is.
    AddHolderNamed(AnnotationId, String),
    RemoveHolder(AnnotationId, ActorId),
    /// The note text as typed; consecutive changes form one undo step.
    SetNote(AnnotationId, String),
    /// The note field lost focus: end the typing burst.
    NoteEditFinished,
    SetSpanToSelection(AnnotationId),
    AddSelectionAsRange(AnnotationId),
    /// Remove one range of a discontinuous annotation (by index).
    RemoveRange(AnnotationId, usize),
    DeleteAnnotation(AnnotationId),
    RenameActor(ActorId, String),
    SetAffiliation(ActorId, String),
    /// The side an actor speaks for (`None`: it is its own side).
    SetSide(ActorId, Option<ActorId>),
    /// Aliases as typed, comma-separated.
    SetAliases(ActorId, String),
    AddActor(String),
    MergeActors {
        from: ActorId,
        into: ActorId,
    },
    DeleteActor(ActorId),
    /// An actor text field lost focus: end its typing burst.
    ActorEditFinished,
    /// Refer the annotation to an existing issue.
    AddIssue(AnnotationId, IssueId),
    /// Refer the annotation to the issue called so, creating the issue if none is.
    AddIssueNamed(AnnotationId, String),
    RemoveIssue(AnnotationId, IssueId),
    SetTarget(AnnotationId, Option<ActorId>),
    /// Create an actor with this name and make it the annotation's target.
    NewTarget(AnnotationId, String),
    SetStance(AnnotationId, Option<Stance>),
    /// The condition as typed; consecutive changes form one undo step.
    SetCondition(AnnotationId, String),
    /// The stance on one of the annotation's issues.
    SetIssueStance(AnnotationId, IssueId, Option<Stance>),
    /// The condition of one issue's stance as typed; consecutive changes form one undo step.
    SetIssueCondition(AnnotationId, IssueId, String),
    /// When the statement was made (`None` clears it: the article's date applies).
    SetSaidOn(AnnotationId, Option<PartialDate>),
    SetFirmness(AnnotationId, Option<Firmness>),
    SetAttribution(AnnotationId, Option<Attribution>),
    /// Make the text selection the annotation's reporting cue.
    SetCueToSelection(AnnotationId),
    ClearCue(AnnotationId),
    /// A per-tag field or imported attribute (`None` removes it); typing is one undo step.
    SetField {
        id: AnnotationId,
        key: String,
        value: Option<String>,
    },
    /// A text field of the editor lost focus: end its typing burst.
    TypingFinished,
    /// Link mode: the relation type was chosen (a key of the schema's relation types).
    ChooseRelationType(String),
    CancelLink,
    /// A relation's note as typed; consecutive changes form one undo step.
    SetRelationNote(RelationId, String),
    /// Change a relation's type (a key of the schema's relation types).
    SetRelationKind(RelationId, String),
    /// Select a relation (an arc clicked with Show Links on): its editor opens in the sidebar.
    SelectRelation(RelationId),
    RemoveRelation(RelationId),
    /// A change asked for in the Schema window.
    Schema(SchemaAction),
    /// A change to the rounds or a brief asked for in the analysis view's Moves tab.
    Round(analysis::RoundAction),
    /// Preferences → Annotator name, as typed.
    SetAnnotatorName(String),
    /// The sidebar's tag chips, holder or search changed: the view's filter becomes this.
    SetFilter(crate::model::AnnotationFilter),
    /// A key or button of the compare view's adjudication queue.
    Adjudicate(compare::QueueAction),
    /// Switch to the article view, on the annotation's document, selected and scrolled to.
    ShowInArticle(AnnotationId),
    /// The corpus search: open the hit's document, select its text and scroll to it.
    ShowHit(SearchHit),
    /// The corpus search's "Annotate all": tag the hits in one undo step.
    AnnotateHits {
        hits: Vec<SearchHit>,
        tag: String,
        preset: HitPreset,
    },
    CloseCorpusSearch,
}

/// Finds an annotation by id, trying `hint` (where it was last time) first, so looking up the
/// same selected annotation every frame costs O(1) instead of a scan of all annotations.
pub fn annotation_with_hint<'a>(
    project: &'a Project,
    id: AnnotationId,
    hint: &mut usize,
) -> Option<&'a Annotation> {
    if let Some(a) = project.annotations().get(*hint)
        && a.id == id
    {
        return Some(a);
    }
    let index = project.annotation_index(id)?;
    *hint = index;
    project.annotation_at(index)
}

/// A path's file name for messages and menus; the whole path if it has none.
#[must_use]
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The egui colour of a tag colour.
#[must_use]
pub fn tag_color(rgb: Rgb) -> egui::Color32 {
    let [r, g, b] = rgb.0;
    egui::Color32::from_rgb(r, g, b)
}

/// Black or white, whichever has the higher contrast on `background` (WCAG): tag colours are
/// mid-tones, where a brightness rule picks white text at 3.4:1 on the default blue.
#[must_use]
pub fn text_on(background: egui::Color32) -> egui::Color32 {
    let on_black = theme::contrast_ratio(egui::Color32::BLACK, background);
    let on_white = theme::contrast_ratio(egui::Color32::WHITE, background);
    if on_black >= on_white {
        egui::Color32::BLACK
    } else {
        egui::Color32::WHITE
    }
}

/// A small rounded chip in a tag's colour, e.g. `Claim`.
pub fn tag_chip_ui(ui: &mut egui::Ui, name: &str, color: egui::Color32) -> egui::Response {
    let text = egui::RichText::new(name)
        .small()
        .strong()
        .color(text_on(color));
    egui::Frame::new()
        .fill(color)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(5, 1))
        .show(ui, |ui| ui.label(text))
        .response
}
