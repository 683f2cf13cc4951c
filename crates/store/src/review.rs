//! The reviewers' confirmations on disk (`reviews/<unit>.toml`, the news register of issue
//! 12): read through the round's open folder, written atomically and logged in the unit's
//! audit log like any other change (file `review`).

use std::io;
use std::path::{Path, PathBuf};

use crate::audit::{self, Entry};
use crate::dir;
use crate::workspace::{Workspace, io_failure};
use parindex_core::answers::Sheet;
use parindex_core::diag::LoadError;
use parindex_core::register::{self, Counts, Review};

/// The `file` of the audit entries that record a confirmations file.
pub const FILE: &str = "review";

/// A unit's confirmations file, relative to the round's folder.
pub fn review_rel(unit: &str) -> PathBuf {
    Path::new(register::REVIEWS).join(format!("{unit}.toml"))
}

impl Workspace {
    /// A unit's confirmations; `Ok(None)` when the reviewer has written none.
    pub fn load_review(&self, unit: &str) -> Result<Option<Review>, LoadError> {
        Ok(self.load_review_bytes(unit)?.0)
    }

    fn load_review_bytes(&self, unit: &str) -> Result<(Option<Review>, Option<Vec<u8>>), LoadError> {
        let rel = review_rel(unit);
        let path = self.dir.join(&rel);
        match self.store.read(&rel) {
            Ok(Some((bytes, _))) => {
                let src = parindex_core::toml_in::decode_text(&path, bytes.clone())?;
                Ok((Some(Review::parse(src, unit)?), Some(bytes)))
            }
            Ok(None) => Ok((None, None)),
            Err(e) => Err(io_failure(&path, &e)),
        }
    }

    /// Serialises the decisions on one unit's register (the reviewer's and the Office's): held
    /// from reading the confirmations to writing them, so that two decisions made at the same
    /// moment are both kept. An advisory lock on `.locks/<unit>.review.lock`, opened through the
    /// round's folder (no link followed), naming its holder; waited for at most
    /// [`crate::lock::WAIT`]; released when dropped.
    pub fn lock_review(&self, unit: &str, user: &str) -> io::Result<crate::lock::Held> {
        let rel = Path::new(crate::lock::LOCKS).join(format!("{unit}.review.lock"));
        crate::lock::hold(&self.store, &rel, user, crate::lock::BusyLock::Review).map_err(|e| dir::at(self.dir.join(&rel), e))
    }

    /// Writes a unit's confirmations: the new file to a temp file, the log entries (with the
    /// digests before and after) appended and fsynced, then the rename. The caller has checked
    /// the role. Returns `false`, writing and logging nothing, when nothing changed.
    pub fn save_review(&self, review: &Review, mut entries: Vec<Entry>, user: &str) -> io::Result<bool> {
        let rel = review_rel(&review.unit);
        let path = self.dir.join(&rel);
        let old = self.store.read(&rel).map_err(|e| dir::at(path.clone(), e))?.map(|(b, _)| b);
        let data = review.to_toml();
        if old.as_deref() == Some(data.as_bytes()) {
            return Ok(false);
        }
        let pending = self.store.prepare(&rel, data.as_bytes()).map_err(|e| dir::at(path.clone(), e))?;
        if entries.is_empty() {
            entries.push(Entry::new(user, "confirm"));
        }
        if let Some(last) = entries.last_mut() {
            last.file = Some(FILE.into());
            last.was = Some(audit::sha_hex(old.as_deref().unwrap_or_default()));
            last.sha = Some(audit::sha_hex(data.as_bytes()));
        }
        audit::append_in(&self.store, &review.unit, &mut entries, None, true).map_err(|e| dir::at(audit::log_path(&self.dir, &review.unit), e))?;
        if let Err(e) = pending.commit() {
            let mut undone = Entry::new(user, "undone");
            undone.file = Some(FILE.into());
            undone.new = Some(crate::read::os_reason(&e));
            undone.was = Some(audit::sha_hex(data.as_bytes()));
            undone.sha = Some(audit::sha_hex(old.as_deref().unwrap_or_default()));
            let _ = audit::append_in(&self.store, &review.unit, &mut [undone], None, true);
            return Err(dir::at(path, e));
        }
        Ok(true)
    }

    /// Writes generated confirmations (the demo's) with their audit entry, without fsyncs.
    pub fn write_review_generated(&self, review: &Review, user: &str) -> io::Result<()> {
        let data = review.to_toml();
        let mut e = Entry::new(user, "demo");
        e.file = Some(FILE.into());
        e.was = Some(audit::sha_hex(b""));
        e.sha = Some(audit::sha_hex(data.as_bytes()));
        audit::append_in(&self.store, &review.unit, &mut [e], None, false)?;
        self.store.write_fast(&review_rel(&review.unit), data.as_bytes())
    }

    /// A unit's register counted against its confirmations (`None`: the scorecard has no
    /// register leaf).
    pub fn register_counts(&self, sub: Option<&Sheet>, unit: &str) -> Result<Option<Counts>, LoadError> {
        if register::news_leaf(&self.scorecard).is_none() {
            return Ok(None);
        }
        let items = sub.map_or(&[][..], |s| &s.news[..]);
        let review = if items.is_empty() { None } else { self.load_review(unit)? };
        Ok(Some(register::count(items, review.as_ref())))
    }

    /// The appraisal with the register's default for its leaf (the items confirmed, once the
    /// reviewer has reviewed): an appraisal is made in memory when the Office has none yet.
    pub fn with_register_default(&self, unit: &str, sub: Option<&Sheet>, appr: Option<Sheet>) -> Result<Option<Sheet>, LoadError> {
        let Some(leaf) = register::news_leaf(&self.scorecard) else { return Ok(appr) };
        let Some(counts) = self.register_counts(sub, unit)? else { return Ok(appr) };
        match register::appraised_default(&counts) {
            None => Ok(appr),
            Some(input) => {
                let mut a = appr.unwrap_or_else(|| Sheet::new(unit));
                a.register_default = Some((leaf, input));
                Ok(Some(a))
            }
        }
    }

    /// Whether a unit has a confirmations file (scoring it then bypasses the cache, which is
    /// keyed on the submission and the appraisal only).
    pub fn has_review(&self, unit: &str) -> bool {
        self.store.stat(&review_rel(unit)).is_ok_and(|m| m.is_some())
    }
}

/// `check` of the confirmations files: each one parses, belongs to a unit, and is the file the
/// unit's audit log last recorded for it (`sha`): otherwise it was written outside parindex.
/// The units of `units` only.
pub fn check_reviews(ws: &Workspace, units: crate::workspace::Units) -> parindex_core::diag::Diagnostics {
    use parindex_core::say::register::RegisterMsg;
    let mut diags = parindex_core::diag::Diagnostics::default();
    for u in units.of(ws) {
        let rel = review_rel(&u.id);
        let path = ws.dir.join(&rel);
        let bytes = match ws.store.read(&rel) {
            Ok(b) => b.map(|(b, _)| b),
            Err(e) => {
                diags.extend(io_failure(&path, &e).diagnostics);
                continue;
            }
        };
        if let Some(bytes) = &bytes
            && let Err(e) = parindex_core::toml_in::decode_text(&path, bytes.clone()).and_then(|src| Review::parse(src, &u.id))
        {
            diags.extend(e.diagnostics);
        }
        let Ok((entries, _)) = audit::read_in(&ws.store, &u.id) else { continue };
        // A unit without an audit trail is reported once, by the sheets' check.
        if entries.iter().all(|e| e.seq.is_none()) {
            continue;
        }
        // As for the sheets: the file is the one the log's last entry for it produced; the
        // version before it means a save cut between its entry and its rename (a warning).
        let last = entries.iter().rev().find(|e| e.file.as_deref() == Some(FILE) && e.sha.is_some());
        audit::check_in_step(
            last,
            bytes.as_deref(),
            &path,
            RegisterMsg::ReviewNotLogged,
            |seq| RegisterMsg::ReviewChanged { seq }.into(),
            &mut diags,
        );
    }
    diags
}
