//! Whether a unit's submission still holds what its head sealed (and signed): the one judgement
//! every table, export, the dashboard and the Office's moves show or act on.

use ssh_key::PublicKey;

use super::answers::{Sheet, Status};
use super::scorecard::Scorecard;
use super::seal;
use super::sign::{self, Unverified};

/// A unit's integrity (spec §5.2, the JSON field `integrity`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Integrity {
    /// Nothing to seal yet, or the seal and any signature match.
    #[default]
    Ok,
    /// workspace.toml lists the head's keys and the submission carries no signature.
    Unsigned,
    /// The submission does not hold what was sealed or signed.
    Broken(Broken),
    /// A sheet of the unit (submission, appraisal or the reviewers' confirmations) failed to
    /// load: the unit has no figures and no rank; the round's results keep the diagnostic
    /// (`RoundResults::error`). Never cached.
    Unreadable,
}

/// Why a submission is broken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Broken {
    /// The answers no longer match the seal: changed after submitting.
    Seal,
    /// The status needs a seal (submitted, appraised, final) and there is none.
    NoSeal,
    /// The signature does not match the answers (or another namespace).
    Signature,
    /// The signature was made by a key the unit does not list.
    OtherKey,
    /// The signature is not an SSH signature.
    UnreadableSignature,
}

impl Integrity {
    /// `ok`, `broken`, `unsigned` or `unreadable`, as JSON and CSV spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Integrity::Ok => "ok",
            Integrity::Unsigned => "unsigned",
            Integrity::Broken(_) => "broken",
            Integrity::Unreadable => "unreadable",
        }
    }

    /// A sheet of the unit failed to load: it has no figures and is not ranked.
    pub fn is_unreadable(self) -> bool {
        self == Integrity::Unreadable
    }

    pub fn is_ok(self) -> bool {
        self == Integrity::Ok
    }

    pub fn broken(self) -> Option<Broken> {
        match self {
            Integrity::Broken(b) => Some(b),
            _ => None,
        }
    }
}

impl Broken {
    /// The reason in English (core errors; the interface words are in `text.rs`).
    pub fn as_str(self) -> &'static str {
        match self {
            Broken::Seal => "its answers were changed after it was sealed",
            Broken::NoSeal => "it is submitted but has no seal",
            Broken::Signature => "its signature does not match its answers",
            Broken::OtherKey => "it is signed by a key the unit does not list in workspace.toml",
            Broken::UnreadableSignature => "its signature is not an SSH signature",
        }
    }
}

impl From<Unverified> for Broken {
    fn from(u: Unverified) -> Broken {
        match u {
            Unverified::Unreadable => Broken::UnreadableSignature,
            Unverified::OtherKey => Broken::OtherKey,
            Unverified::Mismatch => Broken::Signature,
        }
    }
}

/// Whether a status is one a submission holds only once sealed.
pub fn needs_seal(status: Status) -> bool {
    matches!(status, Status::Submitted | Status::Appraised | Status::Final)
}

/// A unit's integrity: `keys` are the unit's listed keys (empty: the seal is only an integrity
/// check). Drafts and returned submissions are `Ok` (nothing sealed is in force). A signature is
/// verified only when keys are listed, so a round without keys pays for one SHA-256 per
/// submitted unit and nothing more.
pub fn check(sc: &Scorecard, keys: &[PublicKey], sub: Option<&Sheet>) -> Integrity {
    let Some(sub) = sub else { return Integrity::Ok };
    if !needs_seal(sub.status) {
        return Integrity::Ok;
    }
    check_sealed(sc, keys, sub)
}

/// [`check`] whatever the status: the seal and signature must be there and match (a submission
/// file that is imported, or about to be signed).
pub fn check_sealed(sc: &Scorecard, keys: &[PublicKey], sub: &Sheet) -> Integrity {
    if sub.seal.is_none() {
        return Integrity::Broken(Broken::NoSeal);
    }
    let Some(message) = seal::sealed_message(sub, sc) else { return Integrity::Broken(Broken::Seal) };
    if keys.is_empty() {
        return Integrity::Ok;
    }
    match &sub.signature {
        None => Integrity::Unsigned,
        Some(sig) => match sign::verify(&message, sig, keys) {
            Ok(()) => Integrity::Ok,
            Err(u) => Integrity::Broken(u.into()),
        },
    }
}
