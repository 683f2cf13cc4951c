//! The scoring core: scorecard model, loading, validation, arithmetic and ranking.
//!
//! Nothing here knows about terminals, command lines, files or words: it opens no file, starts
//! no process and says everything as typed data ([`say`]), worded by the application. The
//! arithmetic lives in [`rules`] (one leaf) and [`tally`] (the roll-up); ranking in [`rank`].
//! Everything that reads or writes a round's files is in the `parindex-store` crate.

pub mod answers;
pub mod attach;
pub mod clean;
pub mod council;
pub mod date;
pub mod diag;
pub mod docref;
pub mod document;
pub mod figures;
pub mod integrity;
pub mod limits;
pub mod num;
pub mod objection;
pub mod rank;
pub mod register;
pub mod rules;
pub mod say;
pub mod scorecard;
pub mod seal;
pub mod sign;
pub mod survey;
pub mod tally;
pub mod toml_fast;
pub mod toml_in;
pub mod workflow;

/// A unit's (or a reviewer's) id: 1 to 64 ASCII letters, digits, `-` or `_`, so that it is a
/// safe file name on every system and a plain word in a command line.
pub fn valid_unit_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
