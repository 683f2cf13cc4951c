//! The scoring core: scorecard model, loading, validation, arithmetic and ranking.
//!
//! Nothing here knows about terminals, command lines or file exports: it could be its own
//! crate. The arithmetic lives in [`rules`] (one leaf) and [`tally`] (the roll-up); ranking in
//! [`rank`]; the round's folder in [`workspace`].

pub mod answers;
pub mod audit;
pub mod clean;
pub mod date;
pub mod diag;
pub mod docref;
pub mod document;
pub mod fsutil;
pub mod integrity;
pub mod lock;
pub mod num;
pub mod rank;
pub mod recover;
pub mod results;
pub mod roles;
pub mod round;
pub mod rules;
pub mod scorecard;
pub mod seal;
pub mod sign;
pub mod store;
pub mod survey;
pub mod tally;
pub mod toml_fast;
pub mod toml_in;
pub mod workflow;
pub mod workspace;
