//! The round's workflow: draft → submitted → (returned → submitted)* → appraised → final, who
//! may make each move, the deadline, and who may edit what.

use super::answers::Status;
use super::date::Date;

/// Who is acting on a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    /// A head of the unit.
    Head,
    /// The Office (Văn phòng Sở), which appraises.
    Office,
}

/// A workflow move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// Unit head: draft or returned → submitted (seals the submission).
    Submit,
    /// Office: submitted or appraised → returned (a request for explanation).
    Return,
    /// Office: submitted → appraised.
    MarkAppraised,
    /// Office: appraised → final.
    Finalise,
    /// Office: any status (or missing) → draft, and the deadline no longer binds the unit.
    Reopen,
}

impl Move {
    pub const ALL: [Move; 5] = [Move::Submit, Move::Return, Move::MarkAppraised, Move::Finalise, Move::Reopen];

    /// The name used on the command line and in the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            Move::Submit => "submit",
            Move::Return => "return",
            Move::MarkAppraised => "mark-appraised",
            Move::Finalise => "finalise",
            Move::Reopen => "reopen",
        }
    }

    pub fn actor(self) -> Actor {
        match self {
            Move::Submit => Actor::Head,
            _ => Actor::Office,
        }
    }
}

/// Why a move or an edit is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Only the other role may make this move.
    WrongRole { needs: Actor },
    /// The move does not start from the unit's current status.
    WrongStatus { from: Option<Status>, allowed: &'static [Status] },
    /// The self-assessment deadline has passed and the Office has not reopened the unit.
    PastDeadline { deadline: Date },
    /// The unit has submitted: its inputs are read-only until returned or reopened.
    Locked { status: Status },
    /// The Office appraises only submitted work.
    NotSubmitted { status: Option<Status> },
    /// The Office has begun appraising the submission: it can no longer be withdrawn.
    AppraisalStarted,
}

impl Refusal {
    /// The refusal as a typed message, worded at the edge.
    pub fn msg(&self) -> crate::say::workflow::WorkflowMsg {
        use crate::say::workflow::{St, StList, WorkflowMsg as W};
        match self {
            Refusal::WrongRole { needs: Actor::Office } => W::OfficeOnly,
            Refusal::WrongRole { needs: Actor::Head } => W::HeadOnly,
            Refusal::WrongStatus { from, allowed } => W::WrongStatus { from: St(*from), allowed: StList(allowed) },
            Refusal::PastDeadline { deadline } => W::PastDeadline { deadline: deadline.to_string() },
            Refusal::Locked { status } => W::Locked { status: St(Some(*status)) },
            Refusal::NotSubmitted { status } => W::NotSubmitted { status: St(*status) },
            Refusal::AppraisalStarted => W::AppraisalStarted,
        }
    }
}

/// Code words (logs); the interface words it with the application's `Message`.
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Code words only: the interface words it through `msg()`.
        write!(f, "{:?}", self.msg())
    }
}

/// The state a move or an edit is judged on.
#[derive(Clone, Copy, Debug)]
pub struct UnitState {
    /// `None`: no submission yet.
    pub status: Option<Status>,
    pub reopened: bool,
    pub deadline: Option<Date>,
    pub today: Date,
}

impl UnitState {
    fn past_deadline(&self) -> Option<Date> {
        self.deadline.filter(|d| self.today > *d && !self.reopened)
    }
}

/// The status a move leads to, or why it is refused.
pub fn apply(mv: Move, actor: Actor, st: &UnitState) -> Result<Status, Refusal> {
    if actor != mv.actor() {
        return Err(Refusal::WrongRole { needs: mv.actor() });
    }
    use Status::*;
    let from = st.status;
    let need = |allowed: &'static [Status]| -> Result<(), Refusal> {
        if from.is_some_and(|s| allowed.contains(&s)) { Ok(()) } else { Err(Refusal::WrongStatus { from, allowed }) }
    };
    match mv {
        Move::Submit => {
            need(&[Draft, Returned])?;
            // A returned unit answers the Office's request even after the deadline.
            if from == Some(Draft)
                && let Some(deadline) = st.past_deadline()
            {
                return Err(Refusal::PastDeadline { deadline });
            }
            Ok(Submitted)
        }
        Move::Return => need(&[Submitted, Appraised]).map(|()| Returned),
        Move::MarkAppraised => need(&[Submitted]).map(|()| Appraised),
        Move::Finalise => need(&[Appraised]).map(|()| Final),
        Move::Reopen => Ok(Draft),
    }
}

/// Whether a unit is "reopened" after `mv` (the deadline does not bind a reopened unit): a
/// reopen makes it so, its next submit ends it; other moves keep it. A withdrawal ([`withdraw`])
/// ends it too. The store's moves and the git guard's replay of them both follow this.
pub fn reopened_after(mv: Move, was: bool) -> bool {
    match mv {
        Move::Reopen => true,
        Move::Submit => false,
        _ => was,
    }
}

/// A head takes back his unit's submission (submitted → draft, seal and signature cleared):
/// only while the deadline has not passed and the Office has not begun to appraise it
/// (`appraisal_started`: an appraisal file with any entry).
pub fn withdraw(actor: Actor, st: &UnitState, appraisal_started: bool) -> Result<Status, Refusal> {
    if actor != Actor::Head {
        return Err(Refusal::WrongRole { needs: Actor::Head });
    }
    if st.status != Some(Status::Submitted) {
        return Err(Refusal::WrongStatus { from: st.status, allowed: &[Status::Submitted] });
    }
    if let Some(deadline) = st.past_deadline() {
        return Err(Refusal::PastDeadline { deadline });
    }
    if appraisal_started {
        return Err(Refusal::AppraisalStarted);
    }
    Ok(Status::Draft)
}

/// Whether the actor may change the unit's inputs (head: the submission; Office: the appraisal).
pub fn can_edit(actor: Actor, st: &UnitState) -> Result<(), Refusal> {
    use Status::*;
    match actor {
        Actor::Head => match st.status {
            None | Some(Draft) => match st.past_deadline() {
                Some(deadline) => Err(Refusal::PastDeadline { deadline }),
                None => Ok(()),
            },
            Some(Returned) => Ok(()),
            Some(s) => Err(Refusal::Locked { status: s }),
        },
        Actor::Office => match st.status {
            Some(Submitted | Returned | Appraised) => Ok(()),
            Some(Final) => Err(Refusal::Locked { status: Final }),
            other => Err(Refusal::NotSubmitted { status: other }),
        },
    }
}

/// Why a sheet is read-only for the user at the keyboard: the one answer every refusal to edit
/// gives (the dashboard's header, the status line, a key that would change something).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadOnly {
    /// A unit's sheet opened by someone who is not one of its heads.
    NotYourUnit,
    /// The appraisal opened by someone not in the Office.
    NotPermitted,
    /// The self-assessment deadline has passed and the Office has not reopened the unit.
    PastDeadline { deadline: Date },
    /// The unit's work is submitted (or appraised): read-only to the unit until returned.
    Submitted { status: Status },
    /// The results are final.
    Final,
    /// The Office appraises only submitted work.
    NotSubmitted { status: Option<Status> },
    /// Someone else is editing the file (user, Unix time the edit began).
    HeldBy { user: String, since: i64 },
    /// The edit lock could not be taken (a folder this user cannot write to).
    NoLock,
    /// An appraiser on a criterion of another part (issue 21): `owner` is that appraiser's
    /// name; `None` when no appraiser has it (the Office appraises it).
    NotYourPart { owner: Option<String> },
}

/// Why `actor` may not edit now, judged on the role and the workflow (the edit lock is the
/// caller's to add: [`ReadOnly::HeldBy`], [`ReadOnly::NoLock`]).
pub fn read_only(actor: Actor, permitted: bool, st: &UnitState) -> Option<ReadOnly> {
    if !permitted {
        return Some(match actor {
            Actor::Head => ReadOnly::NotYourUnit,
            Actor::Office => ReadOnly::NotPermitted,
        });
    }
    match can_edit(actor, st) {
        Ok(()) => None,
        Err(Refusal::PastDeadline { deadline }) => Some(ReadOnly::PastDeadline { deadline }),
        Err(Refusal::Locked { status: Status::Final }) => Some(ReadOnly::Final),
        Err(Refusal::Locked { status }) => Some(ReadOnly::Submitted { status }),
        Err(Refusal::NotSubmitted { status }) => Some(ReadOnly::NotSubmitted { status }),
        // can_edit gives no other refusal.
        Err(Refusal::WrongRole { .. } | Refusal::WrongStatus { .. } | Refusal::AppraisalStarted) => Some(ReadOnly::NoLock),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    fn st(status: Option<Status>, today: (i32, u8, u8), reopened: bool) -> UnitState {
        UnitState { status, reopened, deadline: Date::new(2020, 12, 15), today: Date::new(today.0, today.1, today.2).unwrap() }
    }
    const BEFORE: (i32, u8, u8) = (2020, 12, 15);
    const AFTER: (i32, u8, u8) = (2020, 12, 16);

    #[test]
    fn the_happy_path_and_a_return() {
        let mut s = st(Some(Draft), BEFORE, false);
        for (mv, actor, to) in [
            (Move::Submit, Actor::Head, Submitted),
            (Move::Return, Actor::Office, Returned),
            (Move::Submit, Actor::Head, Submitted),
            (Move::MarkAppraised, Actor::Office, Appraised),
            (Move::Finalise, Actor::Office, Final),
        ] {
            s.status = Some(apply(mv, actor, &s).unwrap());
            assert_eq!(s.status, Some(to));
        }
    }

    #[test]
    fn roles_are_enforced() {
        let s = st(Some(Draft), BEFORE, false);
        assert_eq!(apply(Move::Submit, Actor::Office, &s), Err(Refusal::WrongRole { needs: Actor::Head }));
        let s = st(Some(Submitted), BEFORE, false);
        for mv in [Move::Return, Move::MarkAppraised, Move::Finalise, Move::Reopen] {
            assert_eq!(apply(mv, Actor::Head, &s), Err(Refusal::WrongRole { needs: Actor::Office }));
        }
    }

    #[test]
    fn moves_start_only_from_their_statuses() {
        assert!(matches!(apply(Move::Finalise, Actor::Office, &st(Some(Submitted), BEFORE, false)), Err(Refusal::WrongStatus { .. })));
        assert!(matches!(apply(Move::Submit, Actor::Head, &st(Some(Appraised), BEFORE, false)), Err(Refusal::WrongStatus { .. })));
        assert!(matches!(apply(Move::Submit, Actor::Head, &st(None, BEFORE, false)), Err(Refusal::WrongStatus { .. })));
        assert!(matches!(apply(Move::MarkAppraised, Actor::Office, &st(Some(Draft), BEFORE, false)), Err(Refusal::WrongStatus { .. })));
    }

    #[test]
    fn the_deadline_locks_drafts_until_reopened() {
        let late = st(Some(Draft), AFTER, false);
        assert!(matches!(apply(Move::Submit, Actor::Head, &late), Err(Refusal::PastDeadline { .. })));
        assert!(matches!(can_edit(Actor::Head, &late), Err(Refusal::PastDeadline { .. })));
        assert!(can_edit(Actor::Head, &st(Some(Draft), BEFORE, false)).is_ok());
        // Reopened: the deadline no longer binds.
        let reopened = st(Some(apply(Move::Reopen, Actor::Office, &late).unwrap()), AFTER, true);
        assert!(can_edit(Actor::Head, &reopened).is_ok());
        assert_eq!(apply(Move::Submit, Actor::Head, &reopened), Ok(Submitted));
        // A returned unit may answer after the deadline.
        let returned = st(Some(Returned), AFTER, false);
        assert!(can_edit(Actor::Head, &returned).is_ok());
        assert_eq!(apply(Move::Submit, Actor::Head, &returned), Ok(Submitted));
    }

    #[test]
    fn a_head_withdraws_before_the_deadline_and_before_any_appraisal() {
        assert_eq!(withdraw(Actor::Head, &st(Some(Submitted), BEFORE, false), false), Ok(Draft));
        assert_eq!(withdraw(Actor::Office, &st(Some(Submitted), BEFORE, false), false), Err(Refusal::WrongRole { needs: Actor::Head }));
        assert!(matches!(withdraw(Actor::Head, &st(Some(Submitted), AFTER, false), false), Err(Refusal::PastDeadline { .. })));
        assert_eq!(withdraw(Actor::Head, &st(Some(Submitted), BEFORE, false), true), Err(Refusal::AppraisalStarted));
        for s in [None, Some(Draft), Some(Returned), Some(Appraised), Some(Final)] {
            assert!(matches!(withdraw(Actor::Head, &st(s, BEFORE, false), false), Err(Refusal::WrongStatus { .. })), "{s:?}");
        }
    }

    #[test]
    fn one_reason_for_read_only() {
        let ok = st(Some(Draft), BEFORE, false);
        assert_eq!(read_only(Actor::Head, true, &ok), None);
        assert_eq!(read_only(Actor::Head, false, &ok), Some(ReadOnly::NotYourUnit));
        assert_eq!(read_only(Actor::Office, false, &ok), Some(ReadOnly::NotPermitted));
        assert_eq!(
            read_only(Actor::Head, true, &st(None, AFTER, false)),
            Some(ReadOnly::PastDeadline { deadline: Date::new(2020, 12, 15).unwrap() })
        );
        assert_eq!(read_only(Actor::Head, true, &st(Some(Submitted), BEFORE, false)), Some(ReadOnly::Submitted { status: Submitted }));
        assert_eq!(read_only(Actor::Head, true, &st(Some(Final), BEFORE, false)), Some(ReadOnly::Final));
        assert_eq!(read_only(Actor::Office, true, &st(Some(Final), BEFORE, false)), Some(ReadOnly::Final));
        assert_eq!(read_only(Actor::Office, true, &st(Some(Draft), BEFORE, false)), Some(ReadOnly::NotSubmitted { status: Some(Draft) }));
        assert_eq!(read_only(Actor::Office, true, &st(Some(Returned), AFTER, false)), None);
    }

    #[test]
    fn submitted_work_is_read_only_to_the_unit_and_final_to_everyone() {
        for status in [Submitted, Appraised, Final] {
            assert!(matches!(can_edit(Actor::Head, &st(Some(status), BEFORE, false)), Err(Refusal::Locked { .. })));
        }
        assert!(can_edit(Actor::Office, &st(Some(Submitted), BEFORE, false)).is_ok());
        assert!(matches!(can_edit(Actor::Office, &st(Some(Final), BEFORE, false)), Err(Refusal::Locked { .. })));
        assert!(matches!(can_edit(Actor::Office, &st(Some(Draft), BEFORE, false)), Err(Refusal::NotSubmitted { .. })));
        assert!(matches!(can_edit(Actor::Office, &st(None, BEFORE, false)), Err(Refusal::NotSubmitted { .. })));
    }
}
