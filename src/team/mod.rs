//! Team work, a feature on the core alone: combining what several analysts did to one
//! project ([`merge`]), measuring how alike they annotate ([`agreement`]), and deciding where
//! they differ ([`adjudication`]). The saved conflict records a merge leaves stay in the core
//! (`model::Conflict`), since a project file holds them.

pub mod adjudication;
pub mod agreement;
pub mod annotators;
pub mod merge;
pub mod relink;
pub mod sync;
