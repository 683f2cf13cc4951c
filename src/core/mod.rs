//! The scoring core: scorecard model, loading, validation, arithmetic and ranking.
//!
//! Nothing here knows about terminals, command lines or file exports: it could be its own
//! crate. The arithmetic lives in [`rules`] (one leaf) and [`tally`] (the roll-up); ranking in
//! [`rank`]. Everything that reads or writes a round's files is in [`store`].

pub mod answers;
pub mod clean;
pub mod date;
pub mod diag;
pub mod docref;
pub mod document;
pub mod figures;
pub mod integrity;
pub mod num;
pub mod rank;
pub mod register;
pub mod results;
pub mod roles;
pub mod rules;
pub mod scorecard;
pub mod seal;
pub mod sign;
pub mod store;
// The files that touch a round live in `store`; their old paths stay valid.
pub use store::{audit, fsutil, lock, recover, round, workspace};
pub mod survey;
pub mod tally;
pub mod toml_fast;
pub mod toml_in;
pub mod workflow;
