//! What reading a TOML file can say: reading, syntax, types, control characters, dates, keys.

use crate::toml_in::NotAFile;

/// Keys a table may hold: in backticks in Vietnamese (file syntax inside a sentence), as a
/// plain list in English (as before).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keys(pub Vec<String>);

/// A table of a file, named in [`TomlMsg::UnknownKey`] and [`TomlMsg::Missing`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// File syntax, the same in both languages (`[scorecard]`, `workspace.toml`).
    Literal(&'static str),
    Scorecard,
    Band,
    ThisBand,
    CriterionTable,
    ThisCriterion,
    Criterion(String),
    Option,
    ThisOption,
    RuleBand,
    ThisRuleBand,
    Level,
    ThisLevel,
    Submission,
    Appraisal,
    Answer(String),
    EvidenceItem,
    Unit,
    ThisUnit,
    NewsItem,
    Reviewer,
    ThisReviewer,
    Appraiser,
    ThisAppraiser,
    ReviewFile,
    Confirmation,
}

/// What a value must be, in [`TomlMsg::WrongType`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    String,
    Number,
    WholeNumber,
    Boolean,
    Date,
    Table,
    ArrayOfTables,
    ArrayOfStrings,
}

/// A TOML type by its toml name (`string`, `integer`, … as `type_str` gives it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TomlType(pub &'static str);

/// A line break or tab in a one-line value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Break {
    Tab,
    LineFeed,
    CarriageReturn,
}

/// Why a file could not be read: the common kinds in words, anything else as the OS says it
/// (without its error code).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IoReason {
    NotFound,
    PermissionDenied,
    IsAFolder,
    NotAFolder,
    TooLarge,
    Other(String),
}

impl IoReason {
    /// The reason of an OS error, typed (the common kinds), or the OS's own text without its
    /// error code.
    pub fn of(e: &std::io::Error) -> IoReason {
        use std::io::ErrorKind::*;
        match e.kind() {
            NotFound => IoReason::NotFound,
            PermissionDenied => IoReason::PermissionDenied,
            IsADirectory => IoReason::IsAFolder,
            NotADirectory => IoReason::NotAFolder,
            FileTooLarge => IoReason::TooLarge,
            _ => IoReason::Other(e.to_string().split(" (os error").next().unwrap_or_default().to_owned()),
        }
    }
}

/// A syntax error as the toml parser words it. English: the parser's text (two of them
/// reworded to say what to fix); Vietnamese: translated through the tables, or the
/// parser's text quoted in a Vietnamese sentence when it is not in them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Syntax(pub String);

/// Problems found while reading a TOML file.
#[derive(Clone, Debug, PartialEq)]
pub enum TomlMsg {
    MoreNotShown { n: usize },
    LargeFirstOnly { mb: usize },
    Syntax { what: Syntax },
    UnknownKey { key: String, place: Place, list: Keys },
    WrongType { key: String, want: Want, found: TomlType },
    ItemWrongType { key: String, want: Want, found: TomlType },
    OneLine { key: String, what: Break, code: String },
    LoneCr { key: String },
    Control { key: String, code: String },
    Missing { place: Place, key: String },
    NumberTooLarge { key: String, text: String },
    NumberNotFinite { key: String, text: String },
    OutOfRange { key: String },
    BadDate { key: String },
    DateWithTime { key: String },
    CannotRead { why: IoReason },
    NotRegular { what: NotAFile },
    TooLarge { mb: u64 },
    NotUtf8,
    Symlink,
    NotRegularInWorkspace,
}
