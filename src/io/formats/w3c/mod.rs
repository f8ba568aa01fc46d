//! W3C Web Annotation JSON-LD: an `AnnotationCollection` with one `AnnotationPage`.
//!
//! Each annotation targets its document (`urn:uuid:<document id>`) once per range, with a
//! `TextQuoteSelector` (exact text plus up to 32 chars of prefix and suffix) and a
//! `TextPositionSelector` (code points). Bodies are `TextualBody`s: the tag (purpose
//! `tagging`), the note (purpose `commenting`) and the holder (purpose `tagging`, marked
//! `"stance:role": "holder"` with its affiliation and actor id). Extra fields are prefixed `stance:`.
//!
//! Writing is in [`write`]; [`read`] re-imports such files (and close relatives).

mod read;
mod write;

pub use self::read::import_w3c_text;
pub(crate) use self::write::export;

/// The extension of a W3C Web Annotation export.
pub const W3C_EXTENSION: &str = "jsonld";

/// The key that tells Stance's bodies apart: `tag` or `holder`.
pub const W3C_ROLE_KEY: &str = "stance:role";
