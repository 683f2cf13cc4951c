//! The appraisal council on disk (issue 21). Each `[[appraiser]]` appraises a part of the
//! scorecard; every part of a unit's appraisal is still kept in the one file the core reads,
//! `appraisals/<unit>.toml`. An appraiser's save holds the unit's appraisal lock only while it
//! reads the file, applies the changes to the leaves of its own part, and writes it back: two
//! appraisers on the same unit never wait for each other longer than one save, and neither
//! overwrites the other (docs/formats.md says why this and not one file per part). The
//! appraisers' "done" marks are kept in `council/<unit>.toml` (`done = ["tc", "tccb"]`), written
//! atomically and logged in the unit's audit log (file `council`) like every other change.

use std::io;
use std::path::{Path, PathBuf};

use crate::audit::{self, Entry};
use crate::dir;
use crate::lock::{self, Held};
use crate::roles::Identity;
use crate::round::ChangeError;
use crate::workspace::{Workspace, io_failure};
use parindex_core::answers::{Sheet, SheetKind};
use parindex_core::council::{self, PartProgress};
use parindex_core::diag::LoadError;
use parindex_core::say::store::BusyLock;
use parindex_core::say::workflow::{Names, WorkflowMsg};
use parindex_core::workflow::{self, Actor};

/// The folder of the appraisers' "done" marks.
pub const COUNCIL: &str = "council";
/// The `file` of the audit entries that record a "done" marks file.
pub const FILE: &str = "council";

/// A unit's "done" marks file, relative to the round's folder.
pub fn council_rel(unit: &str) -> PathBuf {
    Path::new(COUNCIL).join(format!("{unit}.toml"))
}

/// The "done" marks file's text.
fn done_toml(done: &[String]) -> String {
    let items: Vec<String> = done.iter().map(|d| parindex_core::answers::quote(d)).collect();
    format!("done = [{}]\n", items.join(", "))
}

impl Workspace {
    /// Which appraiser owns each node (leaves only; `None`: the Office appraises it).
    pub fn owners(&self) -> Vec<Option<usize>> {
        council::owners(&self.appraisers, &self.scorecard)
    }

    /// The appraisers this user acts for (positions in `appraisers`).
    pub fn appraiser_roles(&self, user: &str) -> Vec<usize> {
        self.appraisers.iter().enumerate().filter(|(_, a)| a.users.iter().any(|u| u == user)).map(|(k, _)| k).collect()
    }

    /// The ids of the appraisers who said their part of `unit` is done.
    pub fn load_done(&self, unit: &str) -> Result<Vec<String>, LoadError> {
        let rel = council_rel(unit);
        let path = self.dir.join(&rel);
        match self.store.read(&rel) {
            Ok(Some((bytes, _))) => {
                let src = parindex_core::toml_in::decode_text(&path, bytes)?;
                let mut r = parindex_core::toml_in::Reader::new(src.clone());
                let doc = r.parse(&src.text);
                r.unknown_keys(doc.get_ref(), &["done"], parindex_core::say::toml::Place::Literal("council"));
                let done: Vec<String> = r.strings(doc.get_ref(), "done").into_iter().map(|x| x.0).collect();
                if r.diags.has_errors() {
                    return Err(LoadError::invalid(r.diags));
                }
                Ok(done.into_iter().filter(|d| self.appraisers.iter().any(|a| a.id == *d)).collect())
            }
            Ok(None) => Ok(Vec::new()),
            Err(e) => Err(io_failure(&path, &e)),
        }
    }

    /// Every appraiser's progress on a unit (empty when the round has no appraiser).
    pub fn part_progress(&self, unit: usize) -> Result<Vec<PartProgress>, LoadError> {
        if self.appraisers.is_empty() {
            return Ok(Vec::new());
        }
        let id = &self.units[unit].id;
        let appr = self.load_sheet(id, SheetKind::Appraisal)?;
        let done = self.load_done(id)?;
        Ok(council::progress(&self.appraisers, &self.owners(), appr.as_ref(), &done))
    }

    /// The appraisers whose part of a unit is not done (what `mark-appraised` waits for).
    pub fn parts_missing(&self, unit: usize) -> Result<Vec<String>, LoadError> {
        Ok(council::missing(&self.appraisers, &self.part_progress(unit)?))
    }

    /// Whether `who` may appraise leaf `node`: the Office any leaf; an appraiser the leaves
    /// of its part. The refusal says whose part the leaf is.
    pub fn may_appraise(&self, who: &Identity, owner: &[Option<usize>], node: usize) -> Result<(), parindex_core::say::Msg> {
        if who.office {
            return Ok(());
        }
        let mine = self.appraiser_roles(&who.user);
        if mine.is_empty() {
            return Err(WorkflowMsg::NotAppraiser { user: who.user.clone() }.into());
        }
        let criterion = self.scorecard.nodes[node].id.clone();
        match owner.get(node).copied().flatten() {
            Some(k) if mine.contains(&k) => Ok(()),
            Some(k) => Err(WorkflowMsg::NotYourPart { user: who.user.clone(), criterion, owner: self.appraisers[k].name.clone() }.into()),
            None => Err(WorkflowMsg::OfficePart { user: who.user.clone(), criterion }.into()),
        }
    }

    /// Holds a unit's appraisal lock (the one the Office's dashboard holds while it edits the
    /// appraisal), waiting at most [`lock::WAIT`].
    pub fn hold_appraisal(&self, unit: &str, user: &str) -> io::Result<Held> {
        let rel = lock::lock_rel(unit, SheetKind::Appraisal);
        lock::hold(&self.store, &rel, user, BusyLock::Appraisal).map_err(|e| dir::at(self.dir.join(&rel), e))
    }

    /// Changes a unit's appraisal as `who`: under the unit's appraisal lock, the file is read
    /// afresh, `edit` applied, and every leaf it changed checked against `who`'s part before
    /// anything is written (an appraiser changes only its own leaves; the Office any). The
    /// workflow must let the Office appraise the unit (submitted). Returns whether the file
    /// changed; the audit log has one `appraise` entry per changed field.
    pub fn save_part(
        &self,
        unit: usize,
        who: &Identity,
        today: parindex_core::date::Date,
        edit: impl FnOnce(&mut Sheet),
    ) -> Result<bool, ChangeError> {
        let id = &self.units[unit].id;
        let _held = self.hold_appraisal(id, &who.user)?;
        let sub = self.load_sheet(id, SheetKind::Submission)?;
        workflow::can_edit(Actor::Office, &self.unit_state(sub.as_ref(), today)).map_err(ChangeError::Refused)?;
        let old = self.load_sheet(id, SheetKind::Appraisal)?;
        let mut new = old.clone().unwrap_or_else(|| Sheet::new(id));
        edit(&mut new);
        let owner = self.owners();
        let before = |i: usize| old.as_ref().and_then(|s| s.answer(i)).filter(|a| !a.is_empty());
        let after = |i: usize| new.answer(i).filter(|a| !a.is_empty());
        for i in 0..self.scorecard.nodes.len() {
            if before(i) != after(i) {
                self.may_appraise(who, &owner, i).map_err(ChangeError::NotAllowed)?;
            }
        }
        Ok(self.save_edit(&new, SheetKind::Appraisal, &who.user)?)
    }

    /// An appraiser says its part of a unit is done (`done = true`) or takes that back. Only a
    /// user of that appraiser, or the Office, may. Logged (action `part-done` or `part-reopen`,
    /// the appraiser's id as the new value). Returns whether anything changed.
    pub fn set_part_done(&self, unit: usize, appraiser: usize, done: bool, who: &Identity) -> Result<bool, ChangeError> {
        let a = &self.appraisers[appraiser];
        if !who.office && !a.users.contains(&who.user) {
            return Err(ChangeError::NotAllowed(WorkflowMsg::NotAppraiser { user: who.user.clone() }.into()));
        }
        let id = &self.units[unit].id;
        let lrel = Path::new(lock::LOCKS).join(format!("{id}.council.lock"));
        let _held = lock::hold(&self.store, &lrel, &who.user, BusyLock::Council).map_err(|e| dir::at(self.dir.join(&lrel), e))?;
        let mut list = self.load_done(id)?;
        let had = list.contains(&a.id);
        if had == done {
            return Ok(false);
        }
        if done {
            list.push(a.id.clone());
        } else {
            list.retain(|x| *x != a.id);
        }
        let e = Entry::new(&who.user, if done { "part-done" } else { "part-reopen" });
        self.write_done(id, list, vec![(e, a.id.clone())])?;
        Ok(true)
    }

    /// Writes a unit's "done" marks (`list`) and logs one entry per mark changed (`entries`:
    /// the entry and the appraiser's id), the first carrying the file's digests. The caller
    /// holds the unit's council lock.
    fn write_done(&self, id: &str, mut list: Vec<String>, entries: Vec<(Entry, String)>) -> io::Result<()> {
        let rel = council_rel(id);
        let path = self.dir.join(&rel);
        let old = self.store.read(&rel).map_err(|e| dir::at(path.clone(), e))?.map(|(b, _)| b);
        // In the workspace's order, whatever order the marks came in.
        list.sort_by_key(|x| self.appraisers.iter().position(|a| a.id == *x));
        let data = done_toml(&list);
        let pending = self.store.prepare(&rel, data.as_bytes()).map_err(|e| dir::at(path.clone(), e))?;
        let n = entries.len();
        let mut es: Vec<Entry> = entries
            .into_iter()
            .enumerate()
            .map(|(k, (mut e, appraiser))| {
                e.file = Some(FILE.into());
                e.field = Some("done".into());
                e.new = Some(appraiser);
                // The digests go on the last entry: `check` compares the file with the last
                // entry of the file that has one.
                if k + 1 == n {
                    e.was = Some(audit::sha_hex(old.as_deref().unwrap_or_default()));
                    e.sha = Some(audit::sha_hex(data.as_bytes()));
                }
                e
            })
            .collect();
        audit::append_in(&self.store, id, &mut es, None, true).map_err(|e| dir::at(audit::log_path(&self.dir, id), e))?;
        pending.commit().map_err(|e| dir::at(path, e))?;
        Ok(())
    }

    /// After a change of a unit's appraisal (`touched`: the criteria it changed, by `user`):
    /// the part of every appraiser whose criterion was changed is no longer done, while the
    /// unit is being appraised (submitted). Each mark cleared is logged as `part-reopen` by
    /// the user who edited, with the criterion that reopened it (docs/formats.md). Once the
    /// unit is appraised the marks have served their purpose (the gate of `mark-appraised`)
    /// and stay as they were: later changes are answers to objections, logged as such.
    pub(crate) fn reopen_edited_parts(&self, id: &str, touched: &[String], user: &str) -> io::Result<()> {
        let status = self.load_sheet(id, SheetKind::Submission).ok().flatten().map(|s| s.status);
        if status != Some(parindex_core::answers::Status::Submitted) {
            return Ok(());
        }
        let owner = self.owners();
        let part_of = |c: &String| self.scorecard.node_index(c).and_then(|i| owner.get(i).copied().flatten());
        if !touched.iter().any(|c| part_of(c).is_some()) {
            return Ok(());
        }
        let lrel = Path::new(lock::LOCKS).join(format!("{id}.council.lock"));
        let _held = lock::hold(&self.store, &lrel, user, BusyLock::Council).map_err(|e| dir::at(self.dir.join(&lrel), e))?;
        let Ok(mut list) = self.load_done(id) else { return Ok(()) };
        let mut entries = Vec::new();
        for c in touched {
            let Some(k) = part_of(c) else { continue };
            let a = &self.appraisers[k].id;
            if list.contains(a) {
                list.retain(|x| x != a);
                let mut e = Entry::new(user, "part-reopen");
                e.criterion = Some(c.clone());
                entries.push((e, a.clone()));
            }
        }
        if entries.is_empty() {
            return Ok(());
        }
        self.write_done(id, list, entries)
    }

    /// `mark-appraised` with the council's gate: every appraiser's part of the unit must be
    /// done, or the Office overrides (`force`), which is logged (action `override`, the parts
    /// missing as the new value) right after the move. Returns the submission as saved and
    /// the parts that were missing.
    pub fn mark_appraised(
        &self,
        unit: usize,
        who: &Identity,
        today: parindex_core::date::Date,
        force: bool,
    ) -> Result<(Sheet, Vec<String>), ChangeError> {
        let missing = self.parts_missing(unit)?;
        let sheet = self.apply_move_full(
            unit,
            workflow::Move::MarkAppraised,
            who,
            today,
            crate::round::Holding { submission: false, appraisal: false },
            None,
            force,
        )?;
        if !missing.is_empty() {
            let mut e = Entry::new(&who.user, "override");
            e.file = Some("submission".into());
            e.field = Some("parts".into());
            e.new = Some(missing.join(", "));
            audit::append_in(&self.store, &self.units[unit].id, &mut [e], None, true)?;
        }
        Ok((sheet, missing))
    }

    /// The gate of `mark-appraised` (issue 21): `Err` naming the parts not done.
    pub(crate) fn parts_gate(&self, unit: usize) -> Result<(), ChangeError> {
        let missing = self.parts_missing(unit)?;
        if missing.is_empty() {
            return Ok(());
        }
        Err(ChangeError::NotAllowed(WorkflowMsg::PartsMissing { parts: Names(missing) }.into()))
    }
}

/// `check` of the "done" marks files: each one parses, and is the file the unit's audit log
/// last recorded for it (`sha`): otherwise it was written outside parindex.
pub fn check_council(ws: &Workspace, units: crate::workspace::Units) -> parindex_core::diag::Diagnostics {
    use parindex_core::say::register::RegisterMsg;
    let mut diags = parindex_core::diag::Diagnostics::default();
    // A round that never had a council has no folder: nothing to read, unit by unit.
    if !ws.store.stat(Path::new(COUNCIL)).is_ok_and(|m| m.is_some()) {
        return diags;
    }
    for u in units.of(ws) {
        let rel = council_rel(&u.id);
        let path = ws.dir.join(&rel);
        let bytes = match ws.store.read(&rel) {
            Ok(b) => b.map(|(b, _)| b),
            Err(e) => {
                diags.extend(io_failure(&path, &e).diagnostics);
                continue;
            }
        };
        if bytes.is_some()
            && let Err(e) = ws.load_done(&u.id)
        {
            diags.extend(e.diagnostics);
        }
        let Ok((entries, _)) = audit::read_in(&ws.store, &u.id) else { continue };
        if entries.iter().all(|e| e.seq.is_none()) {
            continue;
        }
        let last = entries.iter().rev().find(|e| e.file.as_deref() == Some(FILE) && e.sha.is_some());
        audit::check_in_step(
            last,
            bytes.as_deref(),
            &path,
            RegisterMsg::CouncilNotLogged,
            |seq| RegisterMsg::CouncilChanged { seq }.into(),
            &mut diags,
        );
    }
    diags
}
