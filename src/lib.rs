//! Stance: annotate claims, positions and concessions in news about negotiations.
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        reason = "a test fails loudly on any unexpected error"
    )
)]

pub mod analysis;
pub mod app;
pub mod attribution;
pub mod bench;
pub mod cli;
pub mod io;
pub mod model;
pub mod team;
pub mod ui;
