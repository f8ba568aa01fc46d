//! The system clipboard behind a small trait, so Paste as New Article can read its HTML
//! flavour (egui hands the app only plain text, on Ctrl+V, into text fields) and tests can
//! put what they like on it.
//!
//! [`SystemClipboard`] uses `arboard` (X11, Wayland through XWayland, macOS, Windows), the
//! crate egui-winit already uses for text; [`ScriptedClipboard`] holds fixed contents.

/// What the clipboard holds: its HTML flavour (`text/html`) and its plain text, when it has
/// them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClipboardContents {
    pub html: Option<String>,
    pub text: Option<String>,
}

/// Reads the clipboard.
pub trait ClipboardSource {
    /// What the clipboard holds now.
    ///
    /// # Errors
    /// The clipboard cannot be opened (no display server), with the reason.
    fn read(&mut self) -> Result<ClipboardContents, String>;
}

/// The operating system's clipboard, opened when first read.
#[derive(Default)]
pub struct SystemClipboard {
    clipboard: Option<arboard::Clipboard>,
}

impl ClipboardSource for SystemClipboard {
    fn read(&mut self) -> Result<ClipboardContents, String> {
        if self.clipboard.is_none() {
            self.clipboard = Some(arboard::Clipboard::new().map_err(|e| e.to_string())?);
        }
        let Some(clipboard) = self.clipboard.as_mut() else {
            return Err("no clipboard".to_owned());
        };
        // Each flavour may be missing; only both missing is "nothing to paste".
        let html = clipboard.get().html().ok();
        let text = clipboard.get_text().ok();
        Ok(ClipboardContents { html, text })
    }
}

/// Fixed contents, for tests and benchmarks.
#[derive(Clone, Debug, Default)]
pub struct ScriptedClipboard(pub ClipboardContents);

impl ClipboardSource for ScriptedClipboard {
    fn read(&mut self) -> Result<ClipboardContents, String> {
        Ok(self.0.clone())
    }
}
