//! The recovery journal: while a sheet has unsaved changes, the dashboard keeps a copy in the
//! user's own state folder ([`state_dir`]`/journal/…`), private to them (folders 0700, files
//! 0600 on Unix). A clean
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

/// The user's own folder for parindex's state (journals, cache), the one place that decides
/// it: `$XDG_STATE_HOME/parindex`, else `~/.local/state/parindex` on Linux,
/// `~/Library/Application Support/parindex` on macOS, `%LOCALAPPDATA%\\parindex` on Windows.
pub fn state_dir() -> Option<PathBuf> {
    Some(crate::sys::state_base()?.join("parindex"))
}

/// A round's key among the user's state: the round folder's device, inode and path, so two
/// rounds never share state (not even a new folder that reuses a deleted one's inode).
fn round_key(dir: &Path) -> Option<String> {
    let (dev, ino) = crate::sys::folder_id(&std::fs::metadata(dir).ok()?);
    let canon = std::fs::canonicalize(dir).ok()?;
    let h = crate::audit::sha_hex(canon.as_os_str().as_encoded_bytes());
    Some(format!("{dev:x}-{ino:x}-{}", &h[..16]))
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
        crate::sys::create_private_dir_all(&folder)?;
    }
    match Dir::open_private(&folder) {
        Ok(d) => Ok(Some(d)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether a file or folder belongs to the current user and nobody else may write or read it.
fn private_to_me(m: &crate::dir::Meta) -> bool {
    m.uid == crate::sys::uid() && m.mode & 0o077 == 0
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
