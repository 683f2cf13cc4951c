//! The round's state changes as the dashboard makes them, in one place so that the core's
//! workflow (rules, roles, locks) can replace this module without touching the screens.

use crate::core::answers::{Sheet, SheetKind, Status};
use crate::core::workspace::Workspace;
use crate::text::Text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    /// The unit sends its self-assessment to the Office.
    Submit,
    /// The Office sends it back for explanation.
    Return,
    /// The Office has finished appraising it.
    MarkAppraised,
}

impl Transition {
    pub fn target(self) -> Status {
        match self {
            Transition::Submit => Status::Submitted,
            Transition::Return => Status::Returned,
            Transition::MarkAppraised => Status::Appraised,
        }
    }
}

/// Whether the unit may still change its self-assessment.
pub fn unit_can_edit(status: Status) -> bool {
    matches!(status, Status::Draft | Status::Returned)
}

/// Whether the Office may change its appraisal of a unit.
pub fn office_can_appraise(status: Option<Status>) -> bool {
    !matches!(status, Some(Status::Final))
}

/// Applies a transition to the unit's submission and saves it. `Err` holds a message for the
/// status line; on error the sheet is unchanged.
pub fn apply(ws: &Workspace, sub: &mut Sheet, exists: bool, tr: Transition, t: &Text) -> Result<(), String> {
    let allowed = match tr {
        Transition::Submit => unit_can_edit(sub.status),
        Transition::Return | Transition::MarkAppraised => {
            exists && matches!(sub.status, Status::Submitted | Status::Returned | Status::Appraised)
        }
    };
    if !allowed {
        return Err(format!("{} ({})", t.err_transition, t.status(exists.then_some(sub.status))));
    }
    let before = sub.clone();
    sub.status = tr.target();
    if tr == Transition::Submit {
        let now = crate::core::date::now_unix();
        sub.submitted_at = Some(crate::core::date::rfc3339(now, 7 * 60));
    }
    sub.prune();
    match ws.save_sheet(sub, SheetKind::Submission) {
        Ok(_) => Ok(()),
        Err(e) => {
            *sub = before;
            Err(format!("{}: {e}", t.err_save))
        }
    }
}
