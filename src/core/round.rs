//! Changing a round on disk the safe way: saves that write atomically and log what changed,
//! and workflow moves that check the role, the status and the deadline, seal submissions, and
//! respect the one-editor lock.

use std::io;

use super::answers::{Sheet, SheetKind, Status};
use super::audit::{self, Entry};
use super::date::{Date, local_parts, now_unix, rfc3339};
use super::diag::LoadError;
use super::lock::{self, LockOutcome};
use super::roles::Identity;
use super::seal;
use super::workflow::{self, Move, Refusal, UnitState};
use super::workspace::Workspace;

/// Vietnam's UTC offset in minutes: dates (the deadline) and log times are Vietnam time.
pub const UTC_OFFSET_MIN: i32 = 7 * 60;

/// Today's date in Vietnam.
pub fn today() -> Date {
    local_parts(now_unix(), UTC_OFFSET_MIN).0
}

/// Why a change was not made. Nothing was written in any case.
#[derive(Debug)]
pub enum ChangeError {
    /// The user's role does not allow it (message says why).
    NotAllowed(String),
    /// The workflow does not allow it.
    Refused(Refusal),
    /// Someone else is editing the file.
    Busy(lock::Holder),
    /// A file of the round could not be read or is invalid.
    Load(LoadError),
    Io(io::Error),
}

impl std::fmt::Display for ChangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeError::NotAllowed(m) => f.write_str(m),
            ChangeError::Refused(r) => write!(f, "{r}"),
            ChangeError::Busy(h) => write!(f, "being edited by {} since {}", h.user, h.since_text()),
            ChangeError::Load(e) => write!(f, "{e}"),
            ChangeError::Io(e) => write!(f, "{e}"),
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
        let old = self.load_sheet(&sheet.unit, kind).ok().flatten();
        let action = match kind {
            SheetKind::Submission => "edit",
            SheetKind::Appraisal => "appraise",
        };
        let changes = audit::diff(&self.scorecard, old.as_ref(), sheet, kind, user, action);
        let written = self.save_sheet(sheet, kind)?;
        if written {
            audit::append(&self.dir, &sheet.unit, &changes)?;
        }
        Ok(written)
    }

    /// Makes a workflow move on a unit as `who`, and returns the submission as saved.
    /// `holding_lock`: the caller already holds the unit's submission edit lock (the TUI of
    /// the unit head who submits); otherwise the lock is taken for the move.
    pub fn apply_move(&self, unit: usize, mv: Move, who: &Identity, today: Date, holding_lock: bool) -> Result<Sheet, ChangeError> {
        who.require(self, mv.actor(), unit).map_err(ChangeError::NotAllowed)?;
        let id = &self.units[unit].id;
        let _lock = if holding_lock {
            None
        } else {
            match lock::try_lock(&self.dir, id, SheetKind::Submission, &who.user)? {
                LockOutcome::Acquired(l) => Some(l),
                LockOutcome::HeldBy(h) => return Err(ChangeError::Busy(h)),
            }
        };
        let old = self.load_sheet(id, SheetKind::Submission)?;
        let st = self.unit_state(old.as_ref(), today);
        let to = workflow::apply(mv, mv.actor(), &st).map_err(ChangeError::Refused)?;
        let mut sheet = old.clone().unwrap_or_else(|| Sheet::new(id));
        sheet.status = to;
        match mv {
            Move::Submit => {
                sheet.reopened = false;
                sheet.submitted_at = Some(rfc3339(now_unix(), UTC_OFFSET_MIN));
                sheet.seal = Some(seal::digest(&sheet, &self.scorecard));
            }
            Move::Reopen => sheet.reopened = true,
            _ => {}
        }
        self.save_sheet(&sheet, SheetKind::Submission)?;
        let mut e = Entry::new(&who.user, mv.as_str());
        e.file = Some("submission".into());
        e.field = Some("status".into());
        e.old = Some(old.as_ref().map_or("missing", |s| s.status.as_str()).into());
        e.new = Some(to.as_str().into());
        let mut entries = vec![e];
        if mv == Move::Submit
            && let Some(s) = &sheet.seal
        {
            let mut e = Entry::new(&who.user, "seal");
            e.file = Some("submission".into());
            e.new = Some(s.clone());
            entries.push(e);
        }
        audit::append(&self.dir, id, &entries)?;
        Ok(sheet)
    }

    /// Imports a submission file made on another machine (`export-submission`): validated
    /// against this round's scorecard, its seal checked, refused over appraised or final work.
    pub fn import_submission(&self, path: &std::path::Path, who: &Identity) -> Result<Sheet, ChangeError> {
        if !who.office {
            return Err(ChangeError::NotAllowed(format!("user `{}` is not in the Office: only the Office imports submissions", who.user)));
        }
        let src = super::toml_in::read_text(path)?;
        // The unit is named inside the file; read it leniently first to learn which unit.
        let unit = unit_named_in(&src.text).ok_or_else(|| {
            ChangeError::Load(LoadError::invalid(super::diag::Diagnostics {
                items: vec![super::diag::Diagnostic::error("the file has no `unit = \"…\"`: is it a submission?").in_file(path)],
            }))
        })?;
        let Some(ui) = self.unit_index(&unit) else {
            return Err(ChangeError::NotAllowed(format!("no unit `{unit}` in this round")));
        };
        let mut sheet = Sheet::parse(src, &self.scorecard, SheetKind::Submission, &unit)?;
        if seal::verify(&sheet, &self.scorecard) == Some(false) {
            return Err(ChangeError::NotAllowed(format!("the submission of `{unit}` was changed after it was sealed: refused")));
        }
        let id = &self.units[ui].id;
        let _lock = match lock::try_lock(&self.dir, id, SheetKind::Submission, &who.user)? {
            LockOutcome::Acquired(l) => l,
            LockOutcome::HeldBy(h) => return Err(ChangeError::Busy(h)),
        };
        let old = self.load_sheet(id, SheetKind::Submission)?;
        if let Some(o) = &old
            && matches!(o.status, Status::Appraised | Status::Final)
        {
            return Err(ChangeError::Refused(Refusal::Locked { status: o.status }));
        }
        sheet.scorecard = None;
        let mut changes = audit::diff(&self.scorecard, old.as_ref(), &sheet, SheetKind::Submission, &who.user, "import");
        let mut e = Entry::new(&who.user, "import");
        e.file = Some("submission".into());
        e.field = Some("status".into());
        e.old = Some(old.as_ref().map_or("missing", |s| s.status.as_str()).into());
        e.new = Some(sheet.status.as_str().into());
        changes.insert(0, e);
        self.save_sheet(&sheet, SheetKind::Submission)?;
        audit::append(&self.dir, id, &changes)?;
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
        audit::append(&self.dir, &self.units[unit].id, &[e])
    }

    /// The reason given with the unit's last return, if any.
    pub fn return_reason(&self, unit: usize) -> Option<String> {
        let (log, _) = audit::read(&self.dir, &self.units[unit].id).ok()?;
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
