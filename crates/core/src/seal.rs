//! Seals: a SHA-256 digest of a submission's answers, recorded when the unit submits, so that
//! the final ranking can be shown to be built from what units submitted.
//!
//! The digest is unkeyed: anyone who can write the file can recompute it, so on its own it
//! only shows that the answers were not changed by accident or by a careless hand. Where
//! workspace.toml lists a unit head's SSH keys, the same message is also signed
//! ([`super::sign`]), and that is what shows who submitted it.

use sha2::{Digest, Sha256};

use super::answers::Sheet;
use super::scorecard::Scorecard;

/// The bytes a seal digests and a signature signs: the scorecard id, the unit id and the
/// sheet's answers in their canonical form (scorecard order, the same text the file holds),
/// each followed by a line end; independent of status and timestamps.
pub fn message(sheet: &Sheet, sc: &Scorecard) -> Vec<u8> {
    let answers = sheet.answers_toml(sc);
    let mut m = Vec::with_capacity(sc.id.len() + sheet.unit.len() + 2 + answers.len());
    m.extend_from_slice(sc.id.as_bytes());
    m.push(b'\n');
    m.extend_from_slice(sheet.unit.as_bytes());
    m.push(b'\n');
    m.extend_from_slice(answers.as_bytes());
    m
}

/// `sha256:<hex>` of [`message`].
pub fn digest(sheet: &Sheet, sc: &Scorecard) -> String {
    digest_of(&message(sheet, sc))
}

/// `sha256:<hex>` of a message.
pub fn digest_of(message: &[u8]) -> String {
    let out = Sha256::digest(message);
    let mut s = String::with_capacity(7 + 64);
    s.push_str("sha256:");
    for b in out {
        let _ = std::fmt::Write::write_fmt(&mut s, format_args!("{b:02x}"));
    }
    s
}

/// Whether a sealed sheet still holds what was sealed. `None` when the sheet has no seal.
pub fn verify(sheet: &Sheet, sc: &Scorecard) -> Option<bool> {
    sheet.seal.as_ref().map(|s| *s == digest(sheet, sc))
}
