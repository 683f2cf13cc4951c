//! Seals: a SHA-256 digest of a submission's answers, recorded when the unit submits, so that
//! the final ranking can be shown to be built from what units submitted.

use sha2::{Digest, Sha256};

use super::answers::Sheet;
use super::scorecard::Scorecard;

/// `sha256:<hex>` of the sheet's answers in their canonical form (scorecard order, the same
/// text the file holds), independent of status and timestamps.
pub fn digest(sheet: &Sheet, sc: &Scorecard) -> String {
    let mut h = Sha256::new();
    h.update(sc.id.as_bytes());
    h.update(b"\n");
    h.update(sheet.unit.as_bytes());
    h.update(b"\n");
    h.update(sheet.answers_toml(sc).as_bytes());
    let out = h.finalize();
    let mut s = String::with_capacity(7 + 64);
    s.push_str("sha256:");
    for b in out {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Whether a sealed sheet still holds what was sealed. `None` when the sheet has no seal.
pub fn verify(sheet: &Sheet, sc: &Scorecard) -> Option<bool> {
    sheet.seal.as_ref().map(|s| *s == digest(sheet, sc))
}
