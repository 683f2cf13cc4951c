//! Signing a submission with `ssh-keygen -Y sign -n parindex` (through the SSH agent or a key
//! file the user names). The keys and the verification are the core's
//! ([`parindex_core::sign`]), re-exported here so that one path names the whole of signing.

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use ssh_key::PublicKey;

pub use parindex_core::sign::*;

use crate::privs;

/// What signs.
#[derive(Clone, Debug)]
pub enum SignWith {
    /// A private key file the user named.
    KeyFile(PathBuf),
    /// The SSH agent, holding the private half of one of these (the unit's listed keys).
    Agent(Vec<PublicKey>),
}

/// Why a message could not be signed.
#[derive(Debug)]
pub enum SignError {
    /// `ssh-keygen` could not be started.
    NoSshKeygen(io::Error),
    /// No agent to sign through: `SSH_AUTH_SOCK` is not set.
    NoAgent,
    /// The named key file does not exist.
    NoKeyFile(PathBuf),
    /// The named file is not an SSH key (neither a private key nor a public key line):
    /// ssh-keygen's own words for it are misleading ("Couldn't load public key …: No such
    /// file or directory"), so it is caught before ssh-keygen runs.
    NotAKeyFile(PathBuf),
    /// `ssh-keygen` refused or failed: what it said.
    Failed(String),
    /// A signature was made, but not by any of the unit's listed keys.
    NotListed,
    Io(io::Error),
}

impl SignError {
    /// The error as a typed message, worded at the edge.
    pub fn msg(&self) -> parindex_core::say::workflow::SignMsg {
        use parindex_core::say::workflow::SignMsg as M;
        match self {
            SignError::NoSshKeygen(e) => M::NoSshKeygen { reason: crate::dir::io_reason(e) },
            SignError::NoAgent => M::NoAgent,
            SignError::NoKeyFile(p) => M::NoKeyFile { file: p.display().to_string() },
            SignError::NotAKeyFile(p) => M::NotAKeyFile { file: p.display().to_string() },
            SignError::Failed(m) => M::Failed { said: m.clone() },
            SignError::NotListed => M::NotListed,
            SignError::Io(e) => M::Io { reason: crate::dir::io_reason(e) },
        }
    }
}

/// English (logs and tests); the interface words it through [`SignError::msg`].
impl std::fmt::Display for SignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Code words only: the interface words it through `msg()`.
        write!(f, "{:?}", self.msg())
    }
}

impl From<io::Error> for SignError {
    fn from(e: io::Error) -> Self {
        SignError::Io(e)
    }
}

/// Signs `message` with `ssh-keygen -Y sign -n parindex`, with the user's own rights; returns
/// the armored signature (`-----BEGIN SSH SIGNATURE-----` …). Through the agent, each listed
/// key is tried in turn until the agent signs with one.
pub fn sign(message: &[u8], with: &SignWith) -> Result<String, SignError> {
    privs::as_user(|| match with {
        SignWith::KeyFile(path) => {
            if !path.exists() {
                return Err(SignError::NoKeyFile(path.clone()));
            }
            if !looks_like_key(path) {
                return Err(SignError::NotAKeyFile(path.clone()));
            }
            keygen_sign(message, path)
        }
        SignWith::Agent(keys) => {
            if std::env::var_os("SSH_AUTH_SOCK").is_none_or(|s| s.is_empty()) {
                return Err(SignError::NoAgent);
            }
            let mut last = SignError::NoAgent;
            for key in keys {
                let mut file = tempfile::Builder::new().prefix("parindex-key-").suffix(".pub").tempfile()?;
                let line = key.to_openssh().map_err(|e| SignError::Failed(e.to_string()))?;
                writeln!(file, "{line}")?;
                file.flush()?;
                match keygen_sign(message, file.path()) {
                    Ok(sig) => return Ok(sig),
                    Err(e @ SignError::NoSshKeygen(_)) => return Err(e),
                    Err(e) => last = e,
                }
            }
            Err(last)
        }
    })
}

/// Whether `path` starts as an SSH key ssh-keygen can sign with: a PEM/OpenSSH private key
/// (`-----BEGIN … PRIVATE KEY-----`) or a public key line (`ssh-ed25519 AAAA…`, the agent then
/// holding its private half). Only the first 4 KiB are read.
pub fn looks_like_key(path: &Path) -> bool {
    use std::io::Read as _;
    let mut head = Vec::with_capacity(4096);
    let Ok(f) = std::fs::File::open(path) else { return false };
    if f.take(4096).read_to_end(&mut head).is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    let Some(first) = text.lines().map(str::trim).find(|l| !l.is_empty()) else { return false };
    if first.starts_with("-----BEGIN ") && first.ends_with("PRIVATE KEY-----") {
        return true;
    }
    let mut words = first.split_whitespace();
    let (Some(kind), Some(blob)) = (words.next(), words.next()) else { return false };
    let kinds = ["ssh-ed25519", "ssh-rsa", "ssh-dss", "ecdsa-sha2-", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-"];
    kinds.iter().any(|k| kind.starts_with(k)) && blob.starts_with("AAAA")
}

fn keygen_sign(message: &[u8], key_file: &Path) -> Result<String, SignError> {
    let mut child = Command::new("ssh-keygen")
        .args(["-q", "-Y", "sign", "-n", NAMESPACE, "-f"])
        .arg(key_file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(SignError::NoSshKeygen)?;
    // The message is small (a few kilobytes); ssh-keygen reads all of it before writing.
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(message)?;
    }
    let out = child.wait_with_output()?;
    let sig = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() || !sig.starts_with("-----BEGIN SSH SIGNATURE-----") {
        let said = String::from_utf8_lossy(&out.stderr);
        let said = said.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("; ");
        let said: String = said.chars().filter(|c| !c.is_control()).collect();
        return Err(SignError::Failed(if said.is_empty() { format!("exit status {}", out.status) } else { said }));
    }
    Ok(sig.trim_end().to_owned() + "\n")
}

/// Whether a signing error means the agent or key was missing (the user can fix it by adding a
/// key), as opposed to ssh-keygen being absent.
pub fn needs_key(e: &SignError) -> bool {
    matches!(e, SignError::NoAgent | SignError::NoKeyFile(_) | SignError::NotAKeyFile(_) | SignError::Failed(_) | SignError::NotListed)
}

/// A head's signature of a submission, and the time of submission it covers (the seal's
/// message of version 2 holds the round and `submitted_at`, so the time is fixed when signing
/// and the move writes that same time).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signed {
    /// The armored SSH signature.
    pub signature: String,
    /// `submitted_at` as signed (RFC 3339, Vietnam time).
    pub submitted_at: String,
}

/// The head's signature of a unit's submission as it stands (`sheet`), made before the move
/// ([`crate::workspace::Workspace::apply_move_signed`]); `None` when the unit lists no keys.
/// What is signed is the sheet as the move will seal it: this round's id and the time now.
/// `key_file`: a private key the user named; otherwise the agent signs. A signature by a key
/// the unit does not list is refused here ([`SignError::NotListed`]).
pub fn submission(
    ws: &crate::workspace::Workspace,
    unit: usize,
    sheet: &parindex_core::answers::Sheet,
    key_file: Option<&Path>,
) -> Result<Option<Signed>, SignError> {
    let keys = &ws.units[unit].keys;
    if keys.is_empty() {
        return Ok(None);
    }
    let submitted_at = parindex_core::date::rfc3339(parindex_core::date::now_unix(), crate::round::UTC_OFFSET_MIN);
    let mut stamped = sheet.clone();
    ws.stamp(&mut stamped, &submitted_at);
    let message = parindex_core::seal::message(&stamped, &ws.scorecard);
    let with = match key_file {
        Some(p) => SignWith::KeyFile(p.to_path_buf()),
        None => SignWith::Agent(keys.clone()),
    };
    let sig = sign(&message, &with)?;
    verify(&message, &sig, keys).map_err(|_| SignError::NotListed)?;
    Ok(Some(Signed { signature: sig, submitted_at }))
}
