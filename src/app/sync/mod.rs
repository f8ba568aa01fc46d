//! Sync with the team through git: the steps of a sync ([`run`]), sharing a project and
//! opening one from the team ([`share`]), and the commits that touched a project
//! ([`history`]). They run git through `io::git`'s runner and decide with `team::sync`'s
//! rules; `stance sync`/`stance share` and the File menu's team commands both use them.

pub mod history;
pub mod run;
pub mod share;
