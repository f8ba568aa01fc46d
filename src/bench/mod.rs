//! `stance bench`: deterministic generated datasets, a headless frame harness that drives the
//! real app, load/save measurements and peak memory. See issue 5 for the targets.

pub mod analysis;
pub mod arabic;
pub mod corpus;
pub mod corpus_search;
pub mod data;
pub mod figure;
pub mod files;
pub mod frames;
pub mod harness;
pub mod intake;
pub mod links;
pub mod merge;
pub mod probe;
pub mod rng;
pub mod rss;
pub mod run;
pub mod snapshot;
pub mod web;
