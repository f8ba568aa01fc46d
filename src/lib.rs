//! Stance: annotate claims, positions and concessions in news about negotiations.
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod app;
pub mod cli;
pub mod model;
