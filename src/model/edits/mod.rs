//! Every edit by what it changes: for each part of a project, the builders the UI, CLI and
//! imports ask for (each reads the project and returns an [`Edit`] to apply, filling in what
//! the rules require: quotes, timestamps, batches) and the checked steps
//! [`Project::apply`] runs for it.
//!
//! - `annotation.rs`: making, retagging, re-ranging and deleting annotations; their
//!   negotiation fields (holder and target, by id or by name, issues, stance, attribution,
//!   cue, field values).
//! - `actor.rs`, `issue.rs`: the people and the subjects, with their unique names.
//! - `relation.rs`: links between annotations.
//! - `schema.rs`: tags and relation types.
//! - `document.rs`: documents and the preserved lines of other tools.
//!
//! Re-anchoring, nudging and repair are rules with their own files (`reanchor.rs`,
//! `nudge.rs`, `repair.rs`) that build edits too.

mod actor;
mod annotation;
mod document;
mod issue;
mod rejection;
mod relation;
mod schema;

use chrono::{DateTime, Utc};

use super::Annotation;

pub use relation::Related;
pub(super) use relation::reaches;

/// Who is editing and when: every annotation a builder makes or changes records both
/// (`annotator`, `modified`). Builders take `impl Into<EditContext>`, so a bare timestamp
/// still works (no annotator is then recorded, and an earlier one is kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditContext {
    /// The analyst's name from Preferences; `None` when unknown.
    pub annotator: Option<String>,
    pub now: DateTime<Utc>,
}

impl EditContext {
    /// A context for `annotator` (a blank name counts as unknown) at `now`.
    #[must_use]
    pub fn new(annotator: Option<&str>, now: DateTime<Utc>) -> Self {
        Self {
            annotator: annotator
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(str::to_owned),
            now,
        }
    }

    /// Records the context on an annotation being made or changed.
    pub(in crate::model) fn stamp(&self, a: &mut Annotation) {
        a.modified = self.now;
        if let Some(name) = &self.annotator {
            a.annotator = Some(name.clone());
        }
    }
}

impl From<DateTime<Utc>> for EditContext {
    fn from(now: DateTime<Utc>) -> Self {
        Self {
            annotator: None,
            now,
        }
    }
}

impl From<&EditContext> for EditContext {
    fn from(cx: &EditContext) -> Self {
        cx.clone()
    }
}
