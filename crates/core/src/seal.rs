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

/// The first line of a version 2 message. No version 1 message can begin with it followed by
/// what follows it here: a version 1 message's third line starts its answers (`[[news]]`,
/// `[answers…`, or nothing), never a round id.
pub const V2_HEADER: &str = "parindex seal v2";

/// The first line of a version 3 message (issue 22): version 2's parts, then the narrative.
pub const V3_HEADER: &str = "parindex seal v3";

/// Which bytes a seal covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// Sealed before parindex 18 (no `round` in the file): the scorecard id, the unit id and
    /// the answers; neither the round nor `submitted_at` is covered. Still verified and loaded;
    /// `check` flags it and `import` refuses it.
    V1,
    /// The file names its round (`round = "…"`): [`V2_HEADER`], the scorecard id, the unit id,
    /// the round id, `submitted_at` and the answers.
    V2,
    /// Every submission sealed since parindex 27: [`V3_HEADER`], version 2's parts, then the
    /// `[narrative]` table (the unit's report sections) as parindex writes it.
    V3,
}

/// The version of the seal a sheet carries (or would carry): none without `round` (version 1);
/// with it, version 2 when its seal is a version 2 seal of a sheet without narrative, else
/// version 3 (what every submit seals now). The file needs no key of its own for it: the
/// first line of the message tells the versions apart, so a seal matches one version at most.
pub fn version(sheet: &Sheet, sc: &Scorecard) -> Version {
    if sheet.round.is_none() {
        return Version::V1;
    }
    match sheet.seal.as_deref() {
        Some(seal) if sheet.narrative.is_empty() && digest_of(&message_v(sheet, sc, Version::V2)) == seal => Version::V2,
        _ => Version::V3,
    }
}

/// The bytes a seal digests and a signature signs, each part followed by a line end:
///
/// - version 2 ([`Version::V2`], every submission sealed now): [`V2_HEADER`], the scorecard id,
///   the unit id, the round id (`round`), `submitted_at` (empty when absent), then the answers;
/// - version 1 (a file without `round`): the scorecard id, the unit id, then the answers.
///
/// The answers are in their canonical form (scorecard order, the same text the file holds);
/// the status is never covered (an import resets it). The strings in it are written by
/// parindex itself ([`super::answers::quote`]), so the bytes never depend on the toml crate.
pub fn message(sheet: &Sheet, sc: &Scorecard) -> Vec<u8> {
    let v = if sheet.round.is_some() { Version::V3 } else { Version::V1 };
    message_v(sheet, sc, v)
}

/// The message of a given version (what a seal of that version covers).
pub fn message_v(sheet: &Sheet, sc: &Scorecard, v: Version) -> Vec<u8> {
    message_of(sheet, sc, sheet.answers_toml(sc), v)
}

/// The message as submissions sealed before parindex wrote its own strings hold it
/// ([`super::answers::legacy_quote`]); it differs from [`message`] only where a string holds a
/// `"`, a `\`, a line break or a control character. Only version 1 seals were made then.
pub fn legacy_message(sheet: &Sheet, sc: &Scorecard) -> Vec<u8> {
    message_of(sheet, sc, sheet.answers_toml_legacy(sc), Version::V1)
}

/// The message the sheet's seal covers: [`message`], or, for a version 1 seal made before,
/// the [`legacy_message`] when that is what matches. `None` without a seal or when neither
/// matches (the answers, or for version 2 the round or `submitted_at`, changed after sealing).
/// A signature is verified over the message returned.
pub fn sealed_message(sheet: &Sheet, sc: &Scorecard) -> Option<Vec<u8>> {
    let seal = sheet.seal.as_deref()?;
    // A version 1 seal covers no narrative either.
    if sheet.round.is_none() && !sheet.narrative.is_empty() {
        return None;
    }
    let m = message(sheet, sc);
    if digest_of(&m) == seal {
        return Some(m);
    }
    if sheet.round.is_some() {
        // A version 2 seal covers no narrative: a sheet with one cannot match it (a narrative
        // added to a version 2 file after sealing breaks the seal).
        if !sheet.narrative.is_empty() {
            return None;
        }
        let m2 = message_v(sheet, sc, Version::V2);
        return (digest_of(&m2) == seal).then_some(m2);
    }
    let legacy = legacy_message(sheet, sc);
    (legacy != m && digest_of(&legacy) == seal).then_some(legacy)
}

fn message_of(sheet: &Sheet, sc: &Scorecard, answers: String, v: Version) -> Vec<u8> {
    let narrative = if v == Version::V3 { sheet.narrative.toml() } else { String::new() };
    let mut m = Vec::with_capacity(V2_HEADER.len() + sc.id.len() + sheet.unit.len() + 64 + answers.len() + narrative.len());
    let mut line = |s: &str| {
        m.extend_from_slice(s.as_bytes());
        m.push(b'\n');
    };
    if let (Some(round), Version::V2 | Version::V3) = (&sheet.round, v) {
        line(if v == Version::V3 { V3_HEADER } else { V2_HEADER });
        line(&sc.id);
        line(&sheet.unit);
        line(round);
        line(sheet.submitted_at.as_deref().unwrap_or_default());
    } else {
        line(&sc.id);
        line(&sheet.unit);
    }
    m.extend_from_slice(answers.as_bytes());
    m.extend_from_slice(narrative.as_bytes());
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
