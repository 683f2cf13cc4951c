//! parindex: a terminal dashboard for a Vietnamese administrative reform (PAR) index round.
//!
//! Layers, arrows pointing one way: [`cli`], [`tui`] and [`export`] use [`core`]; `core` uses
//! nothing of theirs.

pub mod attach;
pub mod cli;
/// The two library crates under one path, so the application names them as before:
/// `core::X` is `parindex_core::X` (no file system, no words), and the store's modules
/// (`core::store::…`, `core::workspace`, …) are `parindex_store`'s. Their dependencies point one
/// way (store → core); the compiler keeps it, because they are crates.
pub mod core {
    pub use parindex_core::*;
    pub use parindex_store as store;
    pub use parindex_store::{audit, cache, fsutil, lock, recover, results, roles, round, sign, workspace};
}
pub mod demo;
pub mod export;
pub mod text;
pub mod tui;

#[cfg(test)]
mod core_tests;
