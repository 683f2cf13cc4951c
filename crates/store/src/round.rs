//! Changing a round on disk the safe way: saves that write atomically and log what changed,
//! and workflow moves that check the role, the status and the deadline, seal submissions, and
//! respect the one-editor lock.

use std::io;

use crate::audit::{self, Entry};
use crate::dir;
use crate::lock::{self, LockOutcome};
use crate::roles::Identity;
use crate::workspace::{Workspace, sheet_rel};
use parindex_core::answers::{Sheet, SheetKind, Status};
use parindex_core::date::{Date, local_parts, now_unix, rfc3339};
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
        self.write_over(sheet, kind, bytes, changes, user, action)
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
        signature: Option<String>,
    ) -> Result<Sheet, ChangeError> {
        self.apply_move_full(unit, mv, who, today, holding_lock, signature, false)
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
        holding_lock: bool,
        signature: Option<String>,
        force_parts: bool,
    ) -> Result<Sheet, ChangeError> {
        who.require(self, mv.actor(), unit).map_err(ChangeError::NotAllowed)?;
        let id = &self.units[unit].id;
        let _lock = if holding_lock { None } else { Some(self.lock_for_change(id, &who.user)?) };
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
        match mv {
            Move::Submit => {
                sheet.reopened = false;
                sheet.submitted_at = Some(rfc3339(now_unix(), UTC_OFFSET_MIN));
                sheet.seal = Some(seal::digest(&sheet, &self.scorecard));
                // Signature hook: a unit with keys submits only what its head signed.
                sheet.signature = signature;
                if !keys.is_empty()
                    && let i @ (Integrity::Broken(_) | Integrity::Unsigned) = integrity::check_sealed(&self.scorecard, keys, &sheet)
                {
                    return Err(ChangeError::Integrity(i));
                }
            }
            Move::Reopen => {
                // Back to a draft: nothing submitted stands, so nothing sealed does either.
                sheet.reopened = true;
                sheet.seal = None;
                sheet.signature = None;
                sheet.submitted_at = None;
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

    fn lock_for_change(&self, id: &str, user: &str) -> Result<lock::EditLock, ChangeError> {
        match lock::try_lock_in(&self.store, id, SheetKind::Submission, user)
            .map_err(|e| dir::at(lock::lock_path(&self.dir, id, SheetKind::Submission), e))?
        {
            LockOutcome::Acquired(l) => Ok(l),
            LockOutcome::HeldBy(h) => Err(ChangeError::Busy(h)),
        }
    }

    /// Imports a submission file made on another machine (`export-submission`): validated
    /// against this round's scorecard and its seal checked. Its status is never taken from the
    /// file: an imported submission awaits appraisal. Refused over appraised or final work.
    pub fn import_submission(&self, path: &std::path::Path, who: &Identity) -> Result<Sheet, ChangeError> {
        if !who.office {
            return Err(ChangeError::NotAllowed(WorkflowMsg::ImportNotOffice { user: who.user.clone() }.into()));
        }
        let src = crate::read::read_text(path)?;
        // The file was read with the user's own rights (a path they named); the round is not.
        // The unit is named inside the file; read it leniently first to learn which unit.
        let unit = unit_named_in(&src.text).ok_or_else(|| {
            ChangeError::Load(LoadError::invalid(parindex_core::diag::Diagnostics {
                items: vec![parindex_core::diag::Diagnostic::error(WorkflowMsg::ImportNoUnit).in_file(path)],
            }))
        })?;
        let Some(ui) = self.unit_index(&unit) else {
            return Err(ChangeError::NotAllowed(WorkflowMsg::ImportUnknownUnit { unit: unit.clone() }.into()));
        };
        let mut sheet = Sheet::parse(src, &self.scorecard, SheetKind::Submission, &unit)?;
        // A file with no seal was never submitted: refused (the status is never taken from it).
        if sheet.seal.is_none() {
            return Err(ChangeError::NotAllowed(WorkflowMsg::ImportNoSeal.into()));
        }
        let id = &self.units[ui].id;
        // A sealed file must match its seal, a signed one its signature; a unit with keys must
        // come signed.
        let keys = &self.units[ui].keys;
        if let i @ (Integrity::Broken(_) | Integrity::Unsigned) = integrity::check_sealed(&self.scorecard, keys, &sheet) {
            return Err(ChangeError::Integrity(i));
        }
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
