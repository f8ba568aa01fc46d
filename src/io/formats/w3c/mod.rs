//! W3C Web Annotation JSON-LD: an `AnnotationCollection` with one `AnnotationPage`.
//!
//! Each annotation targets its document (`urn:uuid:<document id>`) once per range, with a
//! `TextQuoteSelector` (exact text plus up to 32 chars of prefix and suffix) and a
//! `TextPositionSelector` (code points). Bodies are `TextualBody`s: the tag (purpose
//! `tagging`), the note (purpose `commenting`) and the holder (purpose `tagging`, marked
//! `"stance:role": "holder"` with its affiliation and actor id). Format 2 adds bodies for the
//! target (role `target`, like the holder), each issue (role `issue`, purpose `tagging`, with
//! `stance:issueId`), the stance and attribution (roles `stance`, `attribution`, purpose
//! `classifying`, the lowercase word) and the condition (role `condition`, purpose
//! `describing`); the annotator is the `creator` (a `Person`), the cue `stance:cue` (ranges).
//! A relation is an annotation with motivation `linking` whose targets are the two
//! annotations' ids, its type a body with role `relation`, its note a `commenting` body.
//! Extra fields are prefixed `stance:`.
//!
//! Writing is in [`write`]; [`read`] re-imports such files (and close relatives).

mod read;
mod write;

pub use self::read::import_w3c_text;
pub(crate) use self::write::export;

/// The extension of a W3C Web Annotation export.
pub const W3C_EXTENSION: &str = "jsonld";

/// The key that tells Stance's bodies apart: `tag`, `holder`, `target`, `issue`, …
pub const W3C_ROLE_KEY: &str = "stance:role";

/// The values of [`W3C_ROLE_KEY`].
pub(crate) const ROLE_TAG: &str = "tag";
pub(crate) const ROLE_HOLDER: &str = "holder";
pub(crate) const ROLE_TARGET: &str = "target";
pub(crate) const ROLE_ISSUE: &str = "issue";
pub(crate) const ROLE_STANCE: &str = "stance";
pub(crate) const ROLE_CONDITION: &str = "condition";
pub(crate) const ROLE_ATTRIBUTION: &str = "attribution";
pub(crate) const ROLE_RELATION: &str = "relation";
pub(crate) const ROLE_SAID_ON: &str = "said-on";
pub(crate) const ROLE_FIRMNESS: &str = "firmness";
