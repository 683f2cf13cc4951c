//! What the round's store can say: loading and checking a workspace, the audit chain, refused
//! paths, who may write the round's files.

/// An OS error's reason in words (the English of `toml_in::io_reason`, and Vietnamese), with
/// the file it happened to when the error names one, and a refused path in words.
#[derive(Clone, Debug, PartialEq)]
pub struct IoReason {
    pub kind: std::io::ErrorKind,
    /// The OS's own wording, without " (os error N)", for kinds without words of ours.
    pub os: String,
    /// The file, when the error names it (the store's `dir::at`).
    pub path: Option<String>,
    /// A path the store refused (a link, a FIFO, …).
    pub refused: Option<Refused>,
    /// A lock that stayed held by another process for the whole bounded wait.
    pub busy: Option<Box<Busy>>,
}

/// A lock another process held for longer than the store waits: which lock, and who holds it
/// since when (as its lock file says; `user` is `?` and `pid` 0 when it says nothing).
#[derive(Clone, Debug, PartialEq)]
pub struct Busy {
    pub lock: BusyLock,
    pub user: String,
    pub pid: u32,
    /// "HH:MM dd/mm/yyyy" (Vietnam time); empty when unknown.
    pub since: String,
    /// How long the store waited, in seconds.
    pub waited: u64,
}

/// Which of the store's short-lived locks was busy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BusyLock {
    /// A unit's audit log (every change appends to it).
    AuditLog,
    /// A unit's confirmations (the reviewer's decisions).
    Review,
    /// A unit's objections (the head's objections and the Office's answers).
    Objections,
    /// The round's publication (`publication.toml`).
    Publication,
    /// A unit's appraisal (the Office's dashboard, or an appraiser saving a part).
    Appraisal,
    /// The appraisers' "done" marks of a unit (`council/<unit>.toml`).
    Council,
}

/// When a sealed submission was submitted, if it says: " (nộp lúc …)" / " (submitted …)".
#[derive(Clone, Debug, PartialEq)]
pub struct SubmittedAt(pub Option<String>);

/// Why a submission does not hold: the interface's reason in Vietnamese, the code word in English.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BrokenWhy(pub crate::integrity::Broken);

/// An audit entry as a place in the log: `submit by lan at 2020-12-01 08:00:00+07:00`.
#[derive(Clone, Debug, PartialEq)]
pub struct Who {
    /// The entry's number, when the message does not say it already.
    pub seq: Option<u64>,
    pub action: String,
    pub user: String,
    pub at: String,
}

/// A message inside a message.
#[derive(Clone, Debug)]
pub struct Nested(pub Box<super::Msg>);

impl PartialEq for Nested {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

/// " (and 3 more like it)": how many more places share a warning.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct More(pub usize);

/// Loading and checking a workspace.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreMsg {
    NoWorkspaceFolder,
    NotAFolder,
    CannotOpenFolder {
        reason: IoReason,
    },
    NoWorkspaceFile,
    CannotRead {
        reason: IoReason,
    },
    ScorecardUnreadable {
        file: String,
    },
    NoTitle,
    /// The round's settings changed while a dashboard held the old ones (it refuses writes).
    SettingsChanged,
    ScorecardOutside,
    BadKey {
        why: Nested,
    },
    BadSyncMinutes {
        max: u32,
    },
    BadUnitId {
        id: String,
    },
    BadRoundId {
        id: String,
    },
    UnitTwice {
        id: String,
    },
    UnitNoName {
        id: String,
    },
    TempLeft,
    UndeclaredUnit {
        stem: String,
    },
    SealChanged {
        when: SubmittedAt,
    },
    NoSeal {
        status: String,
    },
    Untrusted {
        why: BrokenWhy,
    },
    Unsigned,
    LegacySeal,
    OtherRound {
        found: String,
        round: String,
    },
    EvidenceMissing {
        id: String,
        file: String,
    },
    /// An attached file (with `sha256`) is not there.
    AttachedMissing {
        id: String,
        file: String,
    },
    /// An attached file's bytes are not those attached (digest or size differ).
    AttachedChanged {
        id: String,
        file: String,
    },
    AttachedUnreadable {
        id: String,
        file: String,
        reason: String,
    },
    /// A file in `evidence/<unit>/` that no submission names (left over after an attachment
    /// was dropped: a warning, the path is the diagnostic's file).
    EvidenceUnnamed,
    /// `evidence_max_mb` in workspace.toml out of 1..=1024.
    BadEvidenceMax,
    WorkerFailed,
    /// `[document]` lacks keys a signed paper needs (a blank is left to fill by hand).
    DocumentKeysMissing {
        keys: String,
    },
    /// Units whose `[[unit]]` lacks document keys: the first few ids, how many, the first's keys.
    UnitDocumentKeysMissing {
        units: String,
        count: usize,
        keys: String,
    },
}

/// The audit log's chain, checked by `check`.
#[derive(Clone, Debug, PartialEq)]
pub enum AuditMsg {
    CutShort,
    ChainBreaks { seq: u64, expected: u64 },
    NoPlace,
    Legacy { count: usize },
    NoTrail,
    NotRecorded,
    FirstSaveIncomplete { who: Who },
    DeletedOutside { who: Who },
    LastIncomplete { who: Who },
    ChangedOutside { seq: u64, who: Who },
}

/// Why a name inside the round was refused (an `io::Error` of kind `InvalidData` carries it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Refused {
    Symlink,
    NotRegular { what: Kind },
    NotFolder,
    BadName,
    Limit { over: crate::limits::Over },
    Final,
}

impl Eq for Refused {}

/// What a node is (`a folder`, `a named pipe (FIFO)`, …): the store's code word, worded by the
/// application.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kind(pub &'static str);

/// `check`'s warnings about who may write the round's files.
#[derive(Clone, Debug, PartialEq)]
pub enum ModesMsg {
    Anyone { mode: String, more: More },
    Group { group: String, people: String, more: More },
    Owner { user: String, more: More },
    RoundOwner { user: String },
    Unreadable { reason: IoReason },
}
