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
///
/// The strings in it are written by parindex itself ([`super::answers::quote`]), so the bytes
/// never depend on the toml crate.
pub fn message(sheet: &Sheet, sc: &Scorecard) -> Vec<u8> {
    message_of(sheet, sc, sheet.answers_toml(sc))
}

/// The message as submissions sealed before parindex wrote its own strings hold it
/// ([`super::answers::legacy_quote`]); it differs from [`message`] only where a string holds a
/// `"`, a `\`, a line break or a control character.
pub fn legacy_message(sheet: &Sheet, sc: &Scorecard) -> Vec<u8> {
    message_of(sheet, sc, sheet.answers_toml_legacy(sc))
}

/// The message the sheet's seal covers: [`message`], or, for a seal made before, the
/// [`legacy_message`] when that is what matches. `None` without a seal or when neither matches
/// (the answers changed after sealing). A signature is verified over the message returned.
pub fn sealed_message(sheet: &Sheet, sc: &Scorecard) -> Option<Vec<u8>> {
    let seal = sheet.seal.as_deref()?;
    let m = message(sheet, sc);
    if digest_of(&m) == seal {
        return Some(m);
    }
    let legacy = legacy_message(sheet, sc);
    (legacy != m && digest_of(&legacy) == seal).then_some(legacy)
}

fn message_of(sheet: &Sheet, sc: &Scorecard, answers: String) -> Vec<u8> {
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
    sheet.seal.as_ref().map(|_| sealed_message(sheet, sc).is_some())
}
