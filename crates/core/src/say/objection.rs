//! What the objection stage can say (issue 21): publication, objections, answers, withdrawal.

use super::workflow::St;

/// Refusals and problems of the objection stage and its files.
#[derive(Clone, Debug, PartialEq)]
pub enum ObjectionMsg {
    BadStage {
        stage: String,
    },
    WrongUnit {
        found: String,
        expected: String,
    },
    NotALeaf {
        criterion: String,
    },
    Duplicate {
        criterion: String,
    },
    NeedsReason,
    BadAnswer {
        answer: String,
    },
    RejectNeedsReason,
    AlreadyFinal,
    NotPublished,
    Unanswered {
        count: usize,
    },
    PastDeadline {
        until: String,
    },
    NotAppraised {
        status: St,
    },
    NoObjection {
        criterion: String,
    },
    Answered {
        criterion: String,
    },
    /// `answer --accept` without `--points` where the unit entered nothing for the criterion.
    NoUnitFigure {
        criterion: String,
    },
    /// `answer --accept --points` on a criterion scored by choosing an option.
    PointsNotForChoice {
        criterion: String,
    },
    /// The file is not the one the audit log last recorded (written outside parindex).
    NotLogged,
    Changed {
        seq: u64,
    },
}
