//! The recovery journal: while a sheet has unsaved changes, the dashboard keeps a copy in
//! `.recover/<unit>.<kind>.toml`. A clean save deletes it; after a crash (or a killed SSH
//! session) the next start finds it and offers what was not saved.

use std::io;
use std::path::{Path, PathBuf};

use super::answers::{Sheet, SheetKind};
use super::fsutil;
use super::toml_in::read_workspace_text;
use super::workspace::Workspace;

pub const RECOVER: &str = ".recover";

pub fn path(dir: &Path, unit: &str, kind: SheetKind) -> PathBuf {
    let k = match kind {
        SheetKind::Submission => "submission",
        SheetKind::Appraisal => "appraisal",
    };
    dir.join(RECOVER).join(format!("{unit}.{k}.toml"))
}

/// Writes the journal of a sheet with unsaved changes.
pub fn write(ws: &Workspace, sheet: &Sheet, kind: SheetKind) -> io::Result<()> {
    let p = path(&ws.dir, &sheet.unit, kind);
    fsutil::create_dir(p.parent().expect("journal path has a folder"))?;
    fsutil::write_atomic(&p, sheet.to_toml(&ws.scorecard, kind).as_bytes()).map(|_| ())
}

/// Deletes the journal (after a save, or when the user declines to recover it).
pub fn clear(ws: &Workspace, unit: &str, kind: SheetKind) {
    let _ = std::fs::remove_file(path(&ws.dir, unit, kind));
}

/// A journal left behind, with its modification time (Unix seconds), when it holds a valid
/// sheet that differs from `saved`. A journal that no longer parses (the scorecard changed) is
/// left alone and ignored.
pub fn find(ws: &Workspace, unit: &str, kind: SheetKind, saved: Option<&Sheet>) -> Option<(Sheet, i64)> {
    let p = path(&ws.dir, unit, kind);
    let meta = std::fs::symlink_metadata(&p).ok()?;
    let src = read_workspace_text(&p).ok()?;
    let sheet = Sheet::parse(src, &ws.scorecard, kind, unit).ok()?;
    let same = match saved {
        Some(s) => s.answers == sheet.answers,
        None => sheet.answers.is_empty(),
    };
    if same {
        clear(ws, unit, kind);
        return None;
    }
    let when = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs() as i64;
    Some((sheet, when))
}
