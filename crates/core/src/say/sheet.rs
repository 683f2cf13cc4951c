//! What loading a sheet (submission, appraisal) or a survey can say.

use super::toml::Place;
use crate::answers::PathProblem;
use crate::date::Date;
use crate::docref::Problem;
use crate::rules::InputError;

/// The fix offered after a document-number problem: `; write `44/KH-SKH&CN``, or nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix(pub Option<String>);

/// Problems in a submission or an appraisal.
#[derive(Clone, Debug, PartialEq)]
pub enum SheetMsg {
    WrongUnit {
        found: String,
        expected: String,
    },
    NeedsUnit {
        place: Place,
        unit: String,
    },
    UnknownStatus {
        status: String,
    },
    WrongScorecard {
        found: String,
        round: String,
    },
    UnknownCriterion {
        id: String,
    },
    IsGroup {
        id: String,
    },
    AnswerNotTable {
        id: String,
    },
    LeadingZero {
        reference: String,
        fixed: String,
    },
    OutsideYear {
        reference: String,
        date: Date,
        year: i64,
    },
    CitedTwice {
        reference: String,
        id: String,
    },
    OneNumberTwoDocuments {
        reference: String,
        first: String,
    },
    DoneNeedsPlanned {
        id: String,
    },
    PlannedNeedsDone {
        id: String,
    },
    MoreThanOneInput {
        id: String,
    },
    Input {
        id: String,
        err: InputError,
    },
    NaNeedsReason {
        id: String,
        reason: String,
    },
    NotADocumentNumber {
        reference: String,
        problem: Problem,
        fix: Fix,
    },
    EvidenceFile {
        file: String,
        why: PathProblem,
    },
    EvidenceEmpty,
    /// `sha256` of an attached file that is not 64 lower-case hex digits.
    BadDigest {
        text: String,
    },
    /// `size` below 0.
    BadSize,
    /// `sha256`, `size` and `name` must come together, with `file`.
    AttachedIncomplete,
    Limit {
        over: crate::limits::Over,
    },
}

/// Problems in a survey results file (CSV).
#[derive(Clone, Debug, PartialEq)]
pub enum SurveyMsg {
    Empty,
    BadHeader { header: String, sep: char },
    FieldCount { sep: char, n: usize },
    NoUnit { unit: String },
    NoCriterion { id: String },
    NotSurvey { id: String },
    NotNumber { text: String },
    NegativeRate,
    BadPoints { text: String, id: String, err: InputError },
    Twice { id: String, unit: String },
}
