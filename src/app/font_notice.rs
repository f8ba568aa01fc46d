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
    /// A document first shown in a frame (its number), checked in a later one: the check
    /// finds a font for every script of the whole text (fonts load from disk), which would
    /// hold up the document's first frame for text not yet on screen.
    shown: Option<(DocumentId, String, u64)>,
    message: Option<String>,
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
            Some((id, hash, shown_in)) if *id == doc.id && *hash == doc.text_hash => {
                if *shown_in < frame {
                    self.checked = Some((doc.id, doc.text_hash.clone()));
                    self.shown = None;
                    self.message =
                        missing_font_notice(&missing_scripts(ctx, &[&doc.title, &doc.text]));
                } else {
                    ctx.request_repaint();
                }
            }
            _ => {
                self.shown = Some((doc.id, doc.text_hash.clone(), frame));
                self.message = None;
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
