//! The status bar's notice about characters no font can draw: the app checks the shown
//! document once (per document and text, on the frame after it is first shown) and keeps the
//! message; the status bar only shows it.

use crate::model::{DocumentId, Project};
use crate::ui::fonts::{missing_font_notice, missing_scripts};

/// Which document was checked, and what the status bar says about it.
#[derive(Debug, Default)]
pub(super) struct FontNotice {
    /// The document and text hash checked last.
    checked: Option<(DocumentId, String)>,
    /// A document shown but not checked yet: the check finds a font for every script of the
    /// whole text (fonts load from disk), which would hold up the document's first frame for
    /// text not yet on screen, so it runs in a later frame.
    shown: Option<Shown>,
    message: Option<String>,
}

/// A document first shown in a frame, with its text then.
#[derive(Debug)]
struct Shown {
    document: DocumentId,
    text_hash: String,
    in_frame: u64,
}

impl FontNotice {
    /// Checks the shown document if it is not the one checked last (opening a document,
    /// switching documents, or its text changed), on the frame after it is first shown.
    pub(super) fn refresh(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        document: Option<DocumentId>,
    ) {
        let Some(doc) = document.and_then(|id| project.document(id)) else {
            self.checked = None;
            self.shown = None;
            self.message = None;
            return;
        };
        let frame = ctx.cumulative_frame_nr();
        if (self.checked.as_ref()).is_some_and(|(id, hash)| *id == doc.id && *hash == doc.text_hash)
        {
            return;
        }
        match &self.shown {
            Some(shown) if shown.document == doc.id && shown.text_hash == doc.text_hash => {
                if shown.in_frame < frame {
                    self.checked = Some((doc.id, doc.text_hash.clone()));
                    self.shown = None;
                    self.message =
                        missing_font_notice(&missing_scripts(ctx, &[&doc.title, &doc.text]));
                } else {
                    ctx.request_repaint();
                }
            }
            _ => {
                // Another document's notice goes at once; the same document's stays until its
                // new text is checked (an edit to it does not make the bar flicker).
                if (self.checked.as_ref()).is_none_or(|(id, _)| *id != doc.id) {
                    self.message = None;
                }
                self.shown = Some(Shown {
                    document: doc.id,
                    text_hash: doc.text_hash.clone(),
                    in_frame: frame,
                });
                ctx.request_repaint();
            }
        }
    }

    /// What the status bar shows, if the shown document has characters no font covers.
    pub(super) fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::formats::article::document_from_text;

    #[test]
    fn the_check_waits_for_the_frame_after_the_document_shows() {
        let mut project = Project::new("Scripts");
        let document = document_from_text("talks.txt", "Talks\n\nالتقى الوفدان مجددًا.\n", None);
        let id = document.id;
        project
            .apply(project.add_document(document))
            .expect("a fresh project takes a document");
        // Without the system's fonts nothing draws Arabic.
        let ctx = egui::Context::default();
        let mut notice = FontNotice::default();
        let mut frame = || {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                notice.refresh(ui.ctx(), &project, Some(id));
            });
            output.textures_delta.clear();
            notice.message().map(str::to_owned)
        };
        // The first frame is not held up by the check, the next names the script.
        assert_eq!(frame(), None);
        let second = frame().unwrap_or_default();
        assert!(second.starts_with("No font for Arabic"), "{second}");
    }
}
