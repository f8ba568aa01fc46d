//! [`Preferences`]: what the workbench remembers between runs, kept in eframe's storage.
//! The app owns them; widgets are handed the values they draw.
//!
//! Projects are never stored here: they are saved by `io` when the user asks.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The key under which preferences live in eframe's storage.
pub const STORAGE_KEY: &str = "stance.preferences";
/// How many recent files File → Open Recent offers.
pub const MAX_RECENT: usize = 10;
pub const MIN_ZOOM: f32 = 0.6;
pub const MAX_ZOOM: f32 = 2.5;
const ZOOM_STEP: f32 = 0.1;
/// A remembered window side shorter than this is not restored.
const MIN_WINDOW_PX: f32 = 200.0;

/// Light, dark or following the system.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    Light,
    Dark,
    #[default]
    System,
}

impl From<Theme> for egui::ThemePreference {
    fn from(theme: Theme) -> Self {
        match theme {
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
            Theme::System => egui::ThemePreference::System,
        }
    }
}

/// User preferences. Every field has a default, so older or partial stored values load.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Most recent first, without duplicates.
    pub recent_files: Vec<PathBuf>,
    pub theme: Theme,
    /// Article text scale, 1.0 = normal.
    pub zoom: f32,
    pub sidebar_width_px: f32,
    /// The height of the sidebar's annotation editor, below the list (the split).
    pub sidebar_editor_height_px: f32,
    pub document_list_width_px: f32,
    pub show_sidebar: bool,
    pub show_document_list: bool,
    /// The window's inner size when last closed.
    pub window_size_px: Option<[f32; 2]>,
    /// Recorded on every annotation the user makes or changes (merging and agreement need it).
    /// Never empty once given: a blank name typed in Preferences is not taken.
    pub annotator_name: String,
    /// The user answered the first-run question "Who is annotating?".
    pub has_confirmed_annotator: bool,
    /// Where the user was in each recent project, most recent first: reopened there.
    pub positions: Vec<ProjectPosition>,
    /// The folder of the file last picked, opened or saved: file dialogs start there.
    pub last_directory: Option<PathBuf>,
    /// View → Attribution Suggestions: draw the engine's suggestions as dashed ghosts.
    pub show_suggestions: bool,
    /// View → Suggestion List: the current document's suggestions in a side panel.
    pub show_suggestion_list: bool,
    /// View → Show Links: relations drawn as arcs in the article.
    pub show_links: bool,
}

/// Where the user was in a project: its document, selected annotation and scroll offset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectPosition {
    pub path: PathBuf,
    pub document: Option<crate::model::DocumentId>,
    pub selected: Option<crate::model::AnnotationId>,
    pub scroll_offset_px: f32,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            recent_files: Vec::new(),
            theme: Theme::System,
            zoom: 1.0,
            sidebar_width_px: 380.0,
            sidebar_editor_height_px: 300.0,
            document_list_width_px: 220.0,
            show_sidebar: true,
            show_document_list: true,
            window_size_px: None,
            positions: Vec::new(),
            last_directory: None,
            show_suggestions: false,
            show_suggestion_list: false,
            show_links: false,
            annotator_name: os_user_name(),
            has_confirmed_annotator: false,
        }
    }
}

/// The OS user name (`USER`, or `USERNAME` on Windows), or `""` when neither is set.
#[must_use]
pub fn os_user_name() -> String {
    ["USER", "USERNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_default()
}

impl Preferences {
    /// Takes `name` as the annotator name unless it is blank: the name is never empty.
    pub fn set_annotator_name(&mut self, name: &str) {
        if !name.trim().is_empty() {
            name.trim().clone_into(&mut self.annotator_name);
        }
    }

    /// Reads preferences from storage; anything missing or unreadable falls back to defaults.
    #[must_use]
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        let mut prefs: Self = storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default();
        prefs.sanitize();
        prefs
    }

    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, self);
    }

    /// Keeps values in usable ranges whatever was stored.
    fn sanitize(&mut self) {
        // A name lost from storage is asked for again rather than left empty.
        if self.annotator_name.trim().is_empty() {
            self.has_confirmed_annotator = false;
        }
        if !self.zoom.is_finite() {
            self.zoom = 1.0;
        }
        self.zoom = self.zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        if !self.sidebar_width_px.is_finite() || self.sidebar_width_px < 200.0 {
            self.sidebar_width_px = Self::default().sidebar_width_px;
        }
        if !self.sidebar_editor_height_px.is_finite() || self.sidebar_editor_height_px < 100.0 {
            self.sidebar_editor_height_px = Self::default().sidebar_editor_height_px;
        }
        if !self.document_list_width_px.is_finite() || self.document_list_width_px < 120.0 {
            self.document_list_width_px = Self::default().document_list_width_px;
        }
        self.recent_files.truncate(MAX_RECENT);
        self.positions
            .retain(|p| p.scroll_offset_px.is_finite() && p.scroll_offset_px >= 0.0);
        self.positions.truncate(MAX_RECENT);
        // The size is sent to the window at startup: a broken value must not reach it.
        if self
            .window_size_px
            .is_some_and(|size| size.iter().any(|px| !px.is_finite() || *px < MIN_WINDOW_PX))
        {
            self.window_size_px = None;
        }
    }

    /// Puts `path` first in the recent files.
    pub fn remember_file(&mut self, path: &Path) {
        self.remember_directory_of(path);
        self.recent_files.retain(|p| p != path);
        self.recent_files.insert(0, path.to_path_buf());
        self.recent_files.truncate(MAX_RECENT);
    }

    /// Remembers the folder holding `path` (a file, or a picked folder) for the next file dialog.
    pub fn remember_directory_of(&mut self, path: &Path) {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            self.last_directory = Some(parent.to_path_buf());
        }
    }

    /// Keeps where the user is in the project at `position.path` (one entry per project).
    pub fn remember_position(&mut self, position: ProjectPosition) {
        self.positions.retain(|p| p.path != position.path);
        self.positions.insert(0, position);
        self.positions.truncate(MAX_RECENT);
    }

    #[must_use]
    pub fn position(&self, path: &Path) -> Option<&ProjectPosition> {
        self.positions.iter().find(|p| p.path == path)
    }

    pub fn forget_file(&mut self, path: &Path) {
        self.recent_files.retain(|p| p != path);
    }

    pub fn zoom_in(&mut self) {
        self.zoom = (self.zoom + ZOOM_STEP).min(MAX_ZOOM);
    }

    pub fn zoom_out(&mut self) {
        self.zoom = (self.zoom - ZOOM_STEP).max(MIN_ZOOM);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_most_recent_first_and_bounded() {
        let mut prefs = Preferences::default();
        for i in 0..15 {
            prefs.remember_file(Path::new(&format!("/p/{i}.ron")));
        }
        prefs.remember_file(Path::new("/p/12.ron"));
        assert_eq!(prefs.recent_files.len(), MAX_RECENT);
        assert_eq!(prefs.recent_files[0], Path::new("/p/12.ron"));
        assert_eq!(prefs.recent_files[1], Path::new("/p/14.ron"));
    }

    #[test]
    fn partial_or_odd_stored_values_fall_back_to_defaults() {
        let mut prefs: Preferences = ron::from_str(
            "(zoom: 40.0, sidebar_width_px: -3.0, window_size_px: Some((0.0, 700.0)))",
        )
        .unwrap();
        prefs.sanitize();
        assert!((prefs.zoom - MAX_ZOOM).abs() < f32::EPSILON);
        assert!((prefs.sidebar_width_px - 380.0).abs() < f32::EPSILON);
        assert!(prefs.show_sidebar);
        assert_eq!(prefs.window_size_px, None);
    }

    #[derive(Default)]
    struct MemoryStorage(std::collections::HashMap<String, String>);

    impl eframe::Storage for MemoryStorage {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    #[test]
    fn preferences_round_trip_through_eframe_storage() {
        let mut prefs = Preferences {
            theme: Theme::Dark,
            zoom: 1.3,
            sidebar_width_px: 450.0,
            sidebar_editor_height_px: 222.0,
            show_document_list: false,
            window_size_px: Some([1000.0, 700.0]),
            ..Preferences::default()
        };
        prefs.remember_file(Path::new("/p/talks.ron"));
        let mut storage = MemoryStorage::default();
        prefs.save(&mut storage);
        assert_eq!(Preferences::load(Some(&storage)), prefs);
        // Garbage in storage falls back to defaults instead of failing.
        eframe::Storage::set_string(&mut storage, STORAGE_KEY, "not ron at all".to_owned());
        assert_eq!(Preferences::load(Some(&storage)), Preferences::default());
        assert_eq!(Preferences::load(None), Preferences::default());
    }

    #[test]
    fn zoom_steps_stay_in_range() {
        let mut prefs = Preferences::default();
        for _ in 0..50 {
            prefs.zoom_in();
        }
        assert!(prefs.zoom <= MAX_ZOOM);
        for _ in 0..50 {
            prefs.zoom_out();
        }
        assert!(prefs.zoom >= MIN_ZOOM);
    }
}
