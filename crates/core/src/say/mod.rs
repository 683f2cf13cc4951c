//! What the core and the store say, as data: typed messages with no words.
//!
//! Each table is an enum whose variants carry the values a sentence needs (a key, a number,
//! a place). The application words every variant in both languages (`text::msg`, with the
//! `wording!` macro); its match over the variants is exhaustive, so a new variant without
//! wording does not compile. [`Msg`] is the closed union of the tables, so the store's and the
//! core's errors can carry any of them.

pub mod objection;
pub mod register;
pub mod scorecard;
pub mod sheet;
pub mod store;
pub mod toml;
pub mod workflow;

pub use objection::ObjectionMsg;
pub use register::RegisterMsg;
pub use scorecard::ScorecardMsg;
pub use sheet::{SheetMsg, SurveyMsg};
pub use store::{AuditMsg, ModesMsg, Refused, StoreMsg};
pub use toml::TomlMsg;
pub use workflow::{SignMsg, WorkflowMsg};

/// Any message of the core or the store.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    Toml(TomlMsg),
    Scorecard(ScorecardMsg),
    Sheet(SheetMsg),
    Survey(SurveyMsg),
    Register(RegisterMsg),
    Store(StoreMsg),
    Audit(AuditMsg),
    Refused(Refused),
    Modes(ModesMsg),
    Workflow(WorkflowMsg),
    Sign(SignMsg),
    Objection(ObjectionMsg),
    /// Text that is the same in both languages: a file's own words, an OS reason, a parser's
    /// message. Interface sentences never go through this.
    Plain(String),
}

macro_rules! from_table {
    ($($t:ident => $v:ident),* $(,)?) => {$(
        impl From<$t> for Msg {
            fn from(m: $t) -> Msg {
                Msg::$v(m)
            }
        }
    )*};
}
from_table!(
    TomlMsg => Toml,
    ScorecardMsg => Scorecard,
    SheetMsg => Sheet,
    SurveyMsg => Survey,
    RegisterMsg => Register,
    StoreMsg => Store,
    AuditMsg => Audit,
    Refused => Refused,
    ModesMsg => Modes,
    WorkflowMsg => Workflow,
    SignMsg => Sign,
    ObjectionMsg => Objection,
);

impl From<String> for Msg {
    fn from(s: String) -> Msg {
        Msg::Plain(s)
    }
}

impl From<&str> for Msg {
    fn from(s: &str) -> Msg {
        Msg::Plain(s.to_owned())
    }
}
