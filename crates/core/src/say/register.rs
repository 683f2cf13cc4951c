//! What the news register (items, reviewers, confirmations) can say.

/// Problems in a register item, a reviewer, a confirmation file, or a `register` key.
#[derive(Clone, Debug, PartialEq)]
pub enum RegisterMsg {
    UnknownRegister { name: String },
    RegisterOnGroup { id: String },
    RegisterNeedsTarget { id: String },
    RegisterTwice { name: String, first: String },
    NoRegisterLeaf,
    TypedAndListed { id: String },
    ControlChars,
    NoTitle,
    NoDate,
    DateOutsideYear { date: String, year: i64 },
    BadLink { link: String },
    BadFile { file: String, why: crate::answers::PathProblem },
    TypedNoPlace,
    TypedBadDate { date: String },
    NoLinkNorFile { title: String },
    Duplicate { title: String, first: usize },
    UnknownCriterion { id: String },
    ReviewerTwice { id: String },
    ReviewerBadId { id: String },
    // The appraisal council (`[[appraiser]]`, issue 21).
    AppraiserTwice { id: String },
    AppraiserBadId { id: String },
    AppraiserNoPart { id: String },
    UnknownArea { id: String },
    PartTwice { id: String, first: String },
    MarkBadStatus { status: String },
    MarkNoKey,
    RejectNeedsReason,
    ReviewNotLogged,
    ReviewChanged { seq: u64 },
    WrongUnit { found: String, expected: String },
    Limit { over: crate::limits::Over },
}
