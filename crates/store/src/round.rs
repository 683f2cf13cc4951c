//! Changing a round on disk the safe way: saves that write atomically and log what changed,
//! and workflow moves that check the role, the status and the deadline, seal submissions, and
//! respect the one-editor lock.

use std::io;

use crate::audit::{self, Entry};
use crate::dir;
use crate::lock::{self, LockOutcome};
use crate::roles::Identity;
pub use crate::sign::Signed;
use crate::workspace::{Workspace, sheet_rel};
use parindex_core::answers::{Sheet, SheetKind, Status};
use parindex_core::date::{Date, day_first, local_parts, now_unix, parse_rfc3339, rfc3339};
use parindex_core::diag::LoadError;
use parindex_core::integrity::{self, Integrity};
use parindex_core::say::workflow::WorkflowMsg;
use parindex_core::seal;
use parindex_core::workflow::{self, Move, Refusal, UnitState};

/// Vietnam's UTC offset in minutes: dates (the deadline) and log times are Vietnam time.
pub const UTC_OFFSET_MIN: i32 = 7 * 60;

/// Today's date in Vietnam.
pub fn today() -> Date {
    local_parts(now_unix(), UTC_OFFSET_MIN).0
}

/// Which of a unit's edit locks the caller of a move already holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Holding {
    /// The submission's (a head's dashboard that submits).
    pub submission: bool,
    /// The appraisal's (the Office's dashboard that finalises).
    pub appraisal: bool,
}

/// Why a change was not made. Nothing was written in any case.
#[derive(Debug)]
pub enum ChangeError {
    /// The user's role does not allow it (the message says why, worded at the edge).
    NotAllowed(parindex_core::say::Msg),
    /// The workflow does not allow it.
    Refused(Refusal),
    /// Someone else is editing the file.
    Busy(lock::Holder),
    /// A file of the round could not be read or is invalid.
    Load(LoadError),
    /// The submission's seal or signature does not hold (or a signature is missing).
    Integrity(Integrity),
    Io(io::Error),
}

/// Code words (logs); the interface words it with the application's `Render`.
impl std::fmt::Display for ChangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeError::Load(e) => write!(f, "{e}"),
            ChangeError::Io(e) => write!(f, "{e}"),
            other => write!(f, "{other:?}"),
        }
    }
}

impl From<io::Error> for ChangeError {
    fn from(e: io::Error) -> Self {
        ChangeError::Io(e)
    }
}

impl From<LoadError> for ChangeError {
    fn from(e: LoadError) -> Self {
        ChangeError::Load(e)
    }
}

impl Workspace {
    /// The state the workflow judges a unit on.
    pub fn unit_state(&self, sub: Option<&Sheet>, today: Date) -> UnitState {
        UnitState { status: sub.map(|s| s.status), reopened: sub.is_some_and(|s| s.reopened), deadline: self.deadline, today }
    }

    /// Saves an edited sheet and logs every changed field. The caller has checked the role and
    /// holds the edit lock. Returns whether the file changed.
    pub fn save_edit(&self, sheet: &Sheet, kind: SheetKind, user: &str) -> io::Result<bool> {
        // A file that no longer parses is still the file replaced: its bytes go to the log.
        let (old, bytes) = match self.load_with_bytes(&sheet.unit, kind) {
            Ok(x) => x,
            Err(_) => (None, self.store.read(&sheet_rel(&sheet.unit, kind))?.map(|(b, _)| b)),
        };
        // A final result changes only through `reopen` (issue 18): an appraisal of a final unit
        // is never written, whatever the caller checked (the survey, the dashboard).
        if kind == SheetKind::Appraisal
            && self.load_sheet(&sheet.unit, SheetKind::Submission).ok().flatten().is_some_and(|s| s.status == Status::Final)
        {
            let path = self.dir.join(sheet_rel(&sheet.unit, kind));
            return Err(dir::at(path, dir::refused(parindex_core::say::Refused::Final)));
        }
        // Limits (issue 18): nothing is written past one, whatever the caller checked.
        if let Some(over) = parindex_core::limits::new_over(old.as_ref(), sheet) {
            let path = self.dir.join(sheet_rel(&sheet.unit, kind));
            return Err(dir::at(path, dir::refused(parindex_core::say::Refused::Limit { over })));
        }
        let action = match kind {
            SheetKind::Submission => "edit",
            SheetKind::Appraisal => "appraise",
        };
        let changes = audit::diff(&self.scorecard, old.as_ref(), sheet, kind, user, action);
        let touched: Vec<String> = if kind == SheetKind::Appraisal && !self.appraisers.is_empty() {
            changes.iter().filter_map(|e| e.criterion.clone()).collect()
        } else {
            Vec::new()
        };
        let changed = self.write_over(sheet, kind, bytes, changes, user, action)?;
        if changed && !touched.is_empty() {
            // A part marked done and edited afterwards is open again (issue 21).
            self.reopen_edited_parts(&sheet.unit, &touched, user)?;
        }
        Ok(changed)
    }

    /// Writes a sheet the way every change is written: the new file to a temp file (fsynced),
    /// then the log entries describing it (appended and fsynced, with the new file's digest),
    /// then the rename over the old file. A failed log append leaves the file as it was; a
    /// failed rename is logged as undone. The caller holds the file's edit lock. Returns
    /// `false`, writing and logging nothing, when the file already holds this content.
    pub fn write_logged(&self, sheet: &Sheet, kind: SheetKind, entries: Vec<Entry>, user: &str, action: &str) -> io::Result<bool> {
        let old = self.store.read(&sheet_rel(&sheet.unit, kind))?.map(|(b, _)| b);
        self.write_over(sheet, kind, old, entries, user, action)
    }

    /// A sheet and the exact bytes it was parsed from (`None`, `None`: no file), read once.
    fn load_with_bytes(&self, unit: &str, kind: SheetKind) -> Result<(Option<Sheet>, Option<Vec<u8>>), LoadError> {
        let rel = sheet_rel(unit, kind);
        let path = self.dir.join(&rel);
        match self.store.read(&rel) {
            Ok(Some((bytes, _))) => {
                let src = parindex_core::toml_in::decode_text(&path, bytes.clone())?;
                Ok((Some(Sheet::parse(src, &self.scorecard, kind, unit)?), Some(bytes)))
            }
            Ok(None) => Ok((None, None)),
            Err(e) => Err(crate::workspace::io_failure(&path, &e)),
        }
    }

    /// [`Workspace::write_logged`] over a file whose bytes (`old`) the caller read under the lock.
    fn write_over(
        &self,
        sheet: &Sheet,
        kind: SheetKind,
        old: Option<Vec<u8>>,
        mut entries: Vec<Entry>,
        user: &str,
        action: &str,
    ) -> io::Result<bool> {
        let rel = sheet_rel(&sheet.unit, kind);
        let data = sheet.to_toml(&self.scorecard, kind);
        if old.as_deref() == Some(data.as_bytes()) {
            return Ok(false);
        }
        let path = self.dir.join(&rel);
        let pending = self.store.prepare(&rel, data.as_bytes()).map_err(|e| dir::at(path.clone(), e))?;
        if entries.is_empty() {
            let mut e = Entry::new(user, action);
            e.file = Some(audit::file_name(kind).into());
            entries.push(e);
        }
        audit::append_in(&self.store, &sheet.unit, &mut entries, Some((kind, old.as_deref(), data.as_bytes())), true)
            .map_err(|e| dir::at(audit::log_path(&self.dir, &sheet.unit), e))?;
        if let Err(e) = pending.commit() {
            let mut undone = Entry::new(user, "undone");
            undone.file = Some(audit::file_name(kind).into());
            undone.new = Some(crate::read::os_reason(&e));
            let mut batch = [undone];
            let _ =
                audit::append_in(&self.store, &sheet.unit, &mut batch, Some((kind, Some(data.as_bytes()), old.as_deref().unwrap_or_default())), true);
            return Err(dir::at(path, e));
        }
        Ok(true)
    }

    /// Stamps a submission about to be sealed: this round's id and the time of submission,
    /// both covered by the seal (version 2) and the signature.
    pub fn stamp(&self, sheet: &mut Sheet, submitted_at: &str) {
        sheet.round = Some(self.round_id());
        sheet.submitted_at = Some(submitted_at.to_owned());
    }

    /// Makes a workflow move on a unit as `who`, and returns the submission as saved.
    /// `holding_lock`: the caller already holds the unit's submission edit lock (the TUI of
    /// the unit head who submits); otherwise the lock is taken for the move.
    pub fn apply_move(&self, unit: usize, mv: Move, who: &Identity, today: Date, holding_lock: bool) -> Result<Sheet, ChangeError> {
        self.apply_move_signed(unit, mv, who, today, holding_lock, None)
    }

    /// [`Workspace::apply_move`] with the head's signature of the submission (`submit` of a unit
    /// that lists keys), made beforehand ([`parindex_core::sign::submission`]) since ssh-keygen may wait
    /// for the user. It must verify for the answers as they are under the lock.
    pub fn apply_move_signed(
        &self,
        unit: usize,
        mv: Move,
        who: &Identity,
        today: Date,
        holding_lock: bool,
        signature: Option<Signed>,
    ) -> Result<Sheet, ChangeError> {
        self.apply_move_held(unit, mv, who, today, Holding { submission: holding_lock, appraisal: false }, signature)
    }

    /// [`Workspace::apply_move_signed`], saying which of the unit's edit locks the caller
    /// already holds. `finalise` takes the unit's appraisal lock too (waiting at most
    /// [`lock::WAIT`] for it), so it never races an appraisal being saved.
    pub fn apply_move_held(
        &self,
        unit: usize,
        mv: Move,
        who: &Identity,
        today: Date,
        held: Holding,
        signature: Option<Signed>,
    ) -> Result<Sheet, ChangeError> {
        self.apply_move_full(unit, mv, who, today, held, signature, false)
    }

    /// [`Workspace::apply_move_signed`]; `force_parts`: `mark-appraised` although appraisers'
    /// parts are not done (the Office's override, which [`Workspace::mark_appraised`] logs).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn apply_move_full(
        &self,
        unit: usize,
        mv: Move,
        who: &Identity,
        today: Date,
        held: Holding,
        signature: Option<Signed>,
        force_parts: bool,
    ) -> Result<Sheet, ChangeError> {
        who.require(self, mv.actor(), unit).map_err(ChangeError::NotAllowed)?;
        let id = &self.units[unit].id;
        let _lock = if held.submission { None } else { Some(self.lock_for_change(id, &who.user)?) };
        let _appraisal = if mv == Move::Finalise && !held.appraisal { Some(self.lock_appraisal(id, &who.user)?) } else { None };
        // And the reviewers' decisions (they count in the figures): a `confirm` waits for the
        // move, then sees the final status.
        let _review = if mv == Move::Finalise { Some(self.lock_review(id, &who.user)?) } else { None };
        let (old, bytes) = self.load_with_bytes(id, SheetKind::Submission)?;
        let st = self.unit_state(old.as_ref(), today);
        let to = workflow::apply(mv, mv.actor(), &st).map_err(ChangeError::Refused)?;
        // The council's gate (issue 21): every appraiser's part done, unless overridden.
        if mv == Move::MarkAppraised && !force_parts {
            self.parts_gate(unit)?;
        }
        let keys = &self.units[unit].keys;
        // Integrity hook: the Office does not appraise or finalise what does not hold.
        if matches!(mv, Move::MarkAppraised | Move::Finalise)
            && let i @ Integrity::Broken(_) = integrity::check(&self.scorecard, keys, old.as_ref())
        {
            return Err(ChangeError::Integrity(i));
        }
        let mut sheet = old.clone().unwrap_or_else(|| Sheet::new(id));
        sheet.status = to;
        sheet.reopened = workflow::reopened_after(mv, sheet.reopened);
        match mv {
            Move::Submit => {
                // The round and the time are sealed (version 2); a signed submission carries
                // the time its head signed.
                let at = signature.as_ref().map_or_else(|| rfc3339(now_unix(), UTC_OFFSET_MIN), |s| s.submitted_at.clone());
                self.stamp(&mut sheet, &at);
                sheet.seal = Some(seal::digest(&sheet, &self.scorecard));
                // Signature hook: a unit with keys submits only what its head signed.
                sheet.signature = signature.map(|s| s.signature);
                if !keys.is_empty()
                    && let i @ (Integrity::Broken(_) | Integrity::Unsigned) = integrity::check_sealed(&self.scorecard, keys, &sheet)
                {
                    return Err(ChangeError::Integrity(i));
                }
            }
            Move::Reopen => {
                // Back to a draft: nothing submitted stands, so nothing sealed does either.
                sheet.seal = None;
                sheet.signature = None;
                sheet.submitted_at = None;
                sheet.round = None;
            }
            _ => {}
        }
        let mut e = Entry::new(&who.user, mv.as_str());
        e.file = Some("submission".into());
        e.field = Some("status".into());
        e.old = Some(old.as_ref().map_or("missing", |s| s.status.as_str()).into());
        e.new = Some(to.as_str().into());
        let mut entries = vec![e];
        if let Some(s) = sheet.seal.as_ref().filter(|_| mv == Move::Submit) {
            let mut e = Entry::new(&who.user, "seal");
            e.file = Some("submission".into());
            e.new = Some(s.clone());
            entries.push(e);
        }
        self.write_over(&sheet, SheetKind::Submission, bytes, entries, &who.user, mv.as_str())?;
        Ok(sheet)
    }

    /// Writes a generated sheet (the demo's) with its audit entry, without fsyncs: bulk data
    /// that can be generated again.
    pub fn write_generated(&self, sheet: &Sheet, kind: SheetKind, user: &str) -> io::Result<()> {
        let data = sheet.to_toml(&self.scorecard, kind);
        let mut e = Entry::new(user, "demo");
        e.file = Some(audit::file_name(kind).into());
        audit::append_in(&self.store, &sheet.unit, &mut [e], Some((kind, None, data.as_bytes())), false)?;
        self.store.write_fast(&sheet_rel(&sheet.unit, kind), data.as_bytes())
    }

    /// The unit's appraisal edit lock, waited for at most [`lock::WAIT`]; then refused naming
    /// its holder (a dashboard with the appraisal open).
    fn lock_appraisal(&self, id: &str, user: &str) -> Result<lock::EditLock, ChangeError> {
        let start = std::time::Instant::now();
        loop {
            match lock::try_lock_in(&self.store, id, SheetKind::Appraisal, user)
                .map_err(|e| dir::at(lock::lock_path(&self.dir, id, SheetKind::Appraisal), e))?
            {
                LockOutcome::Acquired(l) => return Ok(l),
                LockOutcome::HeldBy(h) if start.elapsed() >= lock::WAIT => return Err(ChangeError::Busy(h)),
                LockOutcome::HeldBy(_) => std::thread::sleep(std::time::Duration::from_millis(25)),
            }
        }
    }

    fn lock_for_change(&self, id: &str, user: &str) -> Result<lock::EditLock, ChangeError> {
        match lock::try_lock_in(&self.store, id, SheetKind::Submission, user)
            .map_err(|e| dir::at(lock::lock_path(&self.dir, id, SheetKind::Submission), e))?
        {
            LockOutcome::Acquired(l) => Ok(l),
            LockOutcome::HeldBy(h) => Err(ChangeError::Busy(h)),
        }
    }

    /// Imports a submission file made on another machine (`export-submission`) as the
    /// submission of `unit`, the unit the Office names: the file must be that unit's, validated
    /// against this round's scorecard, its seal (and, for a unit with keys, its signature)
    /// checked. The seal must be of version 2, so that the round and the time of submission
    /// it names are covered: a file of another round is refused, and so is one older than the
    /// unit's current submission, or one submitted after the deadline unless `late` (the Office
    /// accepts it late: logged). Its status is never taken from the file: an imported
    /// submission awaits appraisal. Refused over appraised or final work.
    pub fn import_submission(&self, path: &std::path::Path, unit: &str, late: bool, who: &Identity) -> Result<Sheet, ChangeError> {
        if !who.office {
            return Err(ChangeError::NotAllowed(WorkflowMsg::ImportNotOffice { user: who.user.clone() }.into()));
        }
        let refused = |m: WorkflowMsg| ChangeError::NotAllowed(m.into());
        let Some(ui) = self.unit_index(unit) else { return Err(refused(WorkflowMsg::ImportUnknownUnit { unit: unit.to_owned() })) };
        // The file was read with the user's own rights (a path they named); the round is not.
        let src = crate::read::read_text(path)?;
        // The Office names the unit; the file must be that unit's (it names itself inside).
        match unit_named_in(&src.text) {
            None => {
                return Err(ChangeError::Load(LoadError::invalid(parindex_core::diag::Diagnostics {
                    items: vec![parindex_core::diag::Diagnostic::error(WorkflowMsg::ImportNoUnit).in_file(path)],
                })));
            }
            Some(found) if found != unit => return Err(refused(WorkflowMsg::ImportWrongUnit { named: unit.to_owned(), found })),
            Some(_) => {}
        }
        let mut sheet = Sheet::parse(src, &self.scorecard, SheetKind::Submission, unit)?;
        // A file with no seal was never submitted: refused (the status is never taken from it).
        if sheet.seal.is_none() {
            return Err(refused(WorkflowMsg::ImportNoSeal));
        }
        let id = &self.units[ui].id;
        // A sealed file must match its seal, a signed one its signature; a unit with keys must
        // come signed. A changed `round` or `submitted_at` breaks both (version 2).
        let keys = &self.units[ui].keys;
        if let i @ (Integrity::Broken(_) | Integrity::Unsigned) = integrity::check_sealed(&self.scorecard, keys, &sheet) {
            return Err(ChangeError::Integrity(i));
        }
        // Which round, and when: only a version 2 seal covers them.
        let Some(found) = sheet.round.clone() else { return Err(refused(WorkflowMsg::ImportLegacySeal)) };
        let round = self.round_id();
        if found != round {
            return Err(refused(WorkflowMsg::ImportOtherRound { found, round }));
        }
        let Some(at) = sheet.submitted_at.as_deref().and_then(parse_rfc3339) else { return Err(refused(WorkflowMsg::ImportNoTime)) };
        // Limits (issue 18): a file that passes one is refused, never written.
        if let Some((_, over)) = parindex_core::limits::sheet_over(&self.scorecard, &sheet) {
            return Err(ChangeError::NotAllowed(parindex_core::say::SheetMsg::Limit { over }.into()));
        }
        let _lock = self.lock_for_change(id, &who.user)?;
        let (old, bytes) = self.load_with_bytes(id, SheetKind::Submission)?;
        if let Some(o) = &old
            && matches!(o.status, Status::Appraised | Status::Final)
        {
            return Err(ChangeError::Refused(Refusal::Locked { status: o.status }));
        }
        // An older submission never replaces a newer one.
        if let Some(current) = old.as_ref().and_then(|o| o.submitted_at.as_deref()).and_then(parse_rfc3339)
            && at < current
        {
            return Err(refused(WorkflowMsg::ImportOlder { file_at: day_first(at, UTC_OFFSET_MIN), current_at: day_first(current, UTC_OFFSET_MIN) }));
        }
        // The deadline binds as it binds `submit`: not a returned or reopened unit.
        let exempt = old.as_ref().is_some_and(|o| o.reopened || o.status == Status::Returned);
        let past = self.deadline.filter(|d| local_parts(at, UTC_OFFSET_MIN).0 > *d && !exempt);
        if let Some(deadline) = past
            && !late
        {
            return Err(refused(WorkflowMsg::ImportLate { at: day_first(at, UTC_OFFSET_MIN), deadline: deadline.to_string() }));
        }
        // Whatever the file says, it arrives submitted: the Office appraises it next.
        sheet.status = Status::Submitted;
        sheet.reopened = false;
        sheet.scorecard = None;
        let mut changes = audit::diff(&self.scorecard, old.as_ref(), &sheet, SheetKind::Submission, &who.user, "import");
        let mut e = Entry::new(&who.user, "import");
        e.file = Some("submission".into());
        e.field = Some("status".into());
        e.old = Some(old.as_ref().map_or("missing", |s| s.status.as_str()).into());
        e.new = Some(sheet.status.as_str().into());
        changes.insert(0, e);
        if past.is_some() {
            // Accepted late by the Office: said in the log, with the time it was submitted.
            let mut e = Entry::new(&who.user, "import");
            e.file = Some("submission".into());
            e.field = Some("late".into());
            e.new = sheet.submitted_at.clone();
            changes.insert(1, e);
        }
        self.write_over(&sheet, SheetKind::Submission, bytes, changes, &who.user, "import")?;
        Ok(sheet)
    }
}

impl Workspace {
    /// Records why the Office returned a unit (the explanation loop): an audit entry `return`,
    /// field `reason`, after the move itself.
    pub fn log_return_reason(&self, unit: usize, who: &Identity, reason: &str) -> io::Result<()> {
        let mut e = Entry::new(&who.user, "return");
        e.file = Some("submission".into());
        e.field = Some("reason".into());
        e.new = Some(reason.to_owned());
        audit::append_in(&self.store, &self.units[unit].id, &mut [e], None, true)
    }

    /// The reason given with the unit's last return, if any.
    pub fn return_reason(&self, unit: usize) -> Option<String> {
        let (log, _) = audit::read_in(&self.store, &self.units[unit].id).ok()?;
        let last = log.iter().rposition(|e| e.action == "return" && e.field.as_deref() == Some("status"))?;
        log[last..].iter().find(|e| e.action == "return" && e.field.as_deref() == Some("reason")).and_then(|e| e.new.clone())
    }
}

/// The `unit = "…"` of a submission's text, without validating the rest.
fn unit_named_in(text: &str) -> Option<String> {
    let (doc, _) = toml::de::DeTable::parse_recoverable(text);
    match doc.get_ref().get("unit").map(|v| v.get_ref()) {
        Some(toml::de::DeValue::String(s)) => Some(s.to_string()),
        _ => None,
    }
}
