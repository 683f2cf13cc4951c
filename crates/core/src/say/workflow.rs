//! What the round's workflow can say: refusals of moves, signing.

use crate::answers::Status;

/// A status inside a message: the interface's word in Vietnamese (“Đã nộp”), the file's word
/// in English (`submitted`, as the workflow's English messages always said).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct St(pub Option<Status>);

/// The statuses a move starts from: “Đang tự đánh giá” hoặc “Trả lại” / draft or returned.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StList(pub &'static [Status]);

/// A list of user names, or "(none)".
#[derive(Clone, Debug, PartialEq)]
pub struct Names(pub Vec<String>);

/// Refusals and errors of the workflow.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkflowMsg {
    OfficeOnly,
    HeadOnly,
    WrongStatus { from: St, allowed: StList },
    PastDeadline { deadline: String },
    Locked { status: St },
    NotSubmitted { status: St },
    Busy { user: String, since: String },
    NotOffice { user: String },
    NotHead { user: String, unit: String, name: String, heads: Names },
    ImportNotOffice { user: String },
    ImportNoUnit,
    ImportUnknownUnit { unit: String },
    ImportNoSeal,
    ImportWrongUnit { named: String, found: String },
    ImportLegacySeal,
    ImportOtherRound { found: String, round: String },
    ImportNoTime,
    ImportOlder { file_at: String, current_at: String },
    ImportLate { at: String, deadline: String },
    Untrusted { reason: String },
    UnsignedKeys,
    Io { reason: String },
    AppraisalStarted,
    // The appraisal council (issue 21): the user is neither the Office nor an appraiser; the
    // criterion is another appraiser's (`owner`: its name) or the Office's; `mark-appraised`
    // while these appraisers' parts are not done.
    NotAppraiser { user: String },
    NotYourPart { user: String, criterion: String, owner: String },
    OfficePart { user: String, criterion: String },
    PartsMissing { parts: Names },
}

/// Signing a submission with the head's SSH key, and the keys of workspace.toml.
#[derive(Clone, Debug, PartialEq)]
pub enum SignMsg {
    KeyRefused { kind: String, accepted: String },
    NotAKey { why: String },
    NoSshKeygen { reason: super::store::IoReason },
    NoAgent,
    NoKeyFile { file: String },
    NotAKeyFile { file: String },
    Failed { said: String },
    NotListed,
    Io { reason: super::store::IoReason },
}
