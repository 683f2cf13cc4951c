//! The recovery journal: while a sheet has unsaved changes, the dashboard keeps a copy in the
//! user's own state folder (`$XDG_STATE_HOME/parindex/journal/…`, else
//! `~/.local/state/parindex/journal/…`), private to them (folders 0700, files 0600). A clean
//! save deletes it; after a crash (or a killed SSH session) the next start finds it and offers
//! what was not saved. A journal is offered only when it is a regular file owned by the
//! current user and private to them: nobody can plant "unsaved changes" for someone else (the
//! round's folder is shared; the journal never lives there).

use std::io;
use std::path::{Path, PathBuf};

use crate::dir::Dir;
use crate::workspace::Workspace;
use parindex_core::answers::{Sheet, SheetKind};
use parindex_core::toml_in::decode_text;

/// The user's own folder for parindex's state: `$XDG_STATE_HOME/parindex`, else
/// `$HOME/.local/state/parindex`.
pub fn state_dir() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_STATE_HOME").filter(|v| Path::new(v).is_absolute()) {
        Some(x) => PathBuf::from(x),
        None => PathBuf::from(std::env::var_os("HOME").filter(|v| Path::new(v).is_absolute())?).join(".local/state"),
    };
    Some(base.join("parindex"))
}

/// A round's key among the user's state: the round folder's device, inode and path, so two
/// rounds never share state (not even a new folder that reuses a deleted one's inode).
fn round_key(dir: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(dir).ok()?;
    let canon = std::fs::canonicalize(dir).ok()?;
    let h = crate::audit::sha_hex(canon.as_os_str().as_encoded_bytes());
    Some(format!("{:x}-{:x}-{}", m.dev(), m.ino(), &h[..16]))
}

/// The folder of one round's journals.
fn round_dir(dir: &Path) -> Option<PathBuf> {
    Some(state_dir()?.join("journal").join(round_key(dir)?))
}

/// A file of the user's own state for one round (`what`: `cache`, …).
pub fn state_file(dir: &Path, what: &str, name: &str) -> Option<PathBuf> {
    Some(state_dir()?.join(what).join(round_key(dir)?).join(name))
}

fn file_name(unit: &str, kind: SheetKind) -> String {
    let k = match kind {
        SheetKind::Submission => "submission",
        SheetKind::Appraisal => "appraisal",
    };
    format!("{unit}.{k}.toml")
}

/// Where the journal of a sheet lives (for messages and the dashboard's "since when").
pub fn path(dir: &Path, unit: &str, kind: SheetKind) -> PathBuf {
    round_dir(dir).unwrap_or_else(|| PathBuf::from("/nonexistent")).join(file_name(unit, kind))
}

/// The journal folder, created private to the user (0700) with the user's own rights.
fn open_journal_dir(dir: &Path, create: bool) -> io::Result<Option<Dir>> {
    let Some(folder) = round_dir(dir) else { return Err(io::Error::new(io::ErrorKind::NotFound, "no home folder for the recovery journal")) };
    if create {
        let mut b = std::fs::DirBuilder::new();
        std::os::unix::fs::DirBuilderExt::mode(b.recursive(true), 0o700);
        b.create(&folder)?;
    }
    match Dir::open_private(&folder) {
        Ok(d) => Ok(Some(d)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether a file or folder belongs to the current user and nobody else may write or read it.
fn private_to_me(m: &crate::dir::Meta) -> bool {
    m.uid == rustix::process::getuid().as_raw() && m.mode & 0o077 == 0
}

/// Writes the journal of a sheet with unsaved changes.
pub fn write(ws: &Workspace, sheet: &Sheet, kind: SheetKind) -> io::Result<()> {
    let d = open_journal_dir(&ws.dir, true)?.ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
    if !private_to_me(&d.meta()?) {
        return Err(io::Error::new(io::ErrorKind::PermissionDenied, "the recovery journal's folder is not private to you"));
    }
    d.write_atomic(Path::new(&file_name(&sheet.unit, kind)), sheet.to_toml(&ws.scorecard, kind).as_bytes()).map(|_| ())
}

/// Deletes the journal (after a save, or when the user declines to recover it).
pub fn clear(ws: &Workspace, unit: &str, kind: SheetKind) {
    if let Ok(Some(d)) = open_journal_dir(&ws.dir, false) {
        let _ = d.remove(Path::new(&file_name(unit, kind)));
    }
}

/// A journal left behind, with its modification time (Unix seconds), when it holds a valid
/// sheet that differs from `saved`. Only a regular file owned by the current user, private to
/// them in a folder private to them, is considered; a journal that no longer parses (the
/// scorecard changed) is left alone and ignored.
pub fn find(ws: &Workspace, unit: &str, kind: SheetKind, saved: Option<&Sheet>) -> Option<(Sheet, i64)> {
    let d = open_journal_dir(&ws.dir, false).ok()??;
    if !private_to_me(&d.meta().ok()?) {
        return None;
    }
    let name = file_name(unit, kind);
    let (bytes, meta) = d.read_name(name.as_ref()).ok()??;
    if !private_to_me(&meta) {
        return None;
    }
    let src = decode_text(&d.path.join(&name), bytes).ok()?;
    let sheet = Sheet::parse(src, &ws.scorecard, kind, unit).ok()?;
    let same = match saved {
        Some(s) => s.answers == sheet.answers,
        None => sheet.answers.is_empty(),
    };
    if same {
        clear(ws, unit, kind);
        return None;
    }
    Some((sheet, (meta.mtime_ns / 1_000_000_000) as i64))
}
