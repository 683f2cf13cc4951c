//! parindex: a terminal dashboard for a Vietnamese administrative reform (PAR) index round.
//!
//! Layers, arrows pointing one way: [`cli`], [`tui`] and [`export`] use [`core`]; `core` uses
//! nothing of theirs.

pub mod cli;
pub mod core;
pub mod demo;
pub mod export;
pub mod text;
pub mod tui;
