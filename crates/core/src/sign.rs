//! Signed submissions, the way git signs commits with SSH: the keys and the verification (the
//! signing itself runs `ssh-keygen`, in the store crate's `sign`).
//!
//! When workspace.toml lists a unit head's public keys (`keys = ["ssh-ed25519 AAAA… lan@host"]`),
//! `submit` signs the seal's message ([`super::seal::message`]) with `ssh-keygen -Y sign -n
//! parindex`: through the SSH agent (the key file given to ssh-keygen is the listed public key,
//! and the agent holds its private half), or with a private key file the user names (`submit
//! --key PATH`, or `PARINDEX_SIGNING_KEY`). The armored signature is stored in the submission.
//! Verification is done in-process (the `ssh-key` crate) against the unit's listed keys, in the
//! namespace `parindex`. Accepted key type: Ed25519 (`ssh-ed25519`), ssh-keygen's default.

use ssh_key::{Algorithm, PublicKey, SshSig};

/// The signature namespace (ssh-keygen's `-n`): a signature made for git or for a file cannot be
/// passed off as a parindex one.
pub const NAMESPACE: &str = "parindex";

/// The key algorithms a unit's `keys` may use.
pub const ACCEPTED: &str = "ssh-ed25519";

/// Parses one OpenSSH public key line (`ssh-ed25519 AAAA… comment`); the error says why not.
pub fn parse_key(line: &str) -> Result<PublicKey, crate::say::Msg> {
    use crate::say::workflow::SignMsg;
    let refused = |kind: &str| SignMsg::KeyRefused { kind: kind.to_owned(), accepted: ACCEPTED.to_owned() }.into();
    let kind = line.split_whitespace().next().unwrap_or_default();
    let known = kind.starts_with("ssh-") || kind.starts_with("ecdsa-") || kind.starts_with("sk-");
    let key = match PublicKey::from_openssh(line.trim()) {
        Ok(k) => k,
        Err(_) if known && kind != ACCEPTED => return Err(refused(kind)),
        Err(e) => return Err(SignMsg::NotAKey { why: e.to_string() }.into()),
    };
    if key.algorithm() != Algorithm::Ed25519 {
        return Err(refused(key.algorithm().as_str()));
    }
    Ok(key)
}

/// Why a signature does not verify.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unverified {
    /// Not an SSH signature at all.
    Unreadable,
    /// Made by a key the unit does not list.
    OtherKey,
    /// Another namespace, or it does not match the message (the answers changed after signing).
    Mismatch,
}

/// Checks an armored signature of `message` against the unit's listed keys.
pub fn verify(message: &[u8], signature: &str, keys: &[PublicKey]) -> Result<(), Unverified> {
    let sig = SshSig::from_pem(signature.trim().as_bytes()).map_err(|_| Unverified::Unreadable)?;
    let key = keys.iter().find(|k| k.key_data() == sig.public_key()).ok_or(Unverified::OtherKey)?;
    key.verify(NAMESPACE, message, &sig).map_err(|_| Unverified::Mismatch)
}
