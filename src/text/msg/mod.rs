//! Typed messages: what the core says (diagnostics, refusals, errors) as data, worded here in
//! both languages at the edge, when the interface language is known.
//!
//! Each table is one [`messages!`] invocation: a variant, its fields, then the Vietnamese and
//! the English wording as format strings over those fields. The compiler checks that every
//! variant has both wordings and that a wording names only fields the variant has. A field is
//! shown through [`Show`], so a number gets the language's decimal separator and a nested
//! message is worded in the same language.

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::Lang;

pub mod attach;
pub mod cli;
pub mod clone;
pub mod council;
pub mod git;
pub mod objection;
pub mod register;
pub mod scorecard;
pub mod sheet;
pub mod store;
pub mod toml;
pub mod workflow;

/// Something that can be said in either language.
pub trait Message: fmt::Debug + Send + Sync + 'static {
    fn render(&self, lang: Lang) -> String;

    /// The English wording (logs, tests, and machine output that is English by contract).
    fn en(&self) -> String {
        self.render(Lang::En)
    }
}

/// Any message of the core or the store, worded by its table.
impl Message for parindex_core::say::Msg {
    fn render(&self, lang: Lang) -> String {
        use parindex_core::say::Msg as M;
        match self {
            M::Toml(m) => m.render(lang),
            M::Scorecard(m) => m.render(lang),
            M::Sheet(m) => m.render(lang),
            M::Survey(m) => m.render(lang),
            M::Register(m) => m.render(lang),
            M::Store(m) => m.render(lang),
            M::Audit(m) => m.render(lang),
            M::Refused(m) => m.render(lang),
            M::Modes(m) => m.render(lang),
            M::Workflow(m) => m.render(lang),
            M::Sign(m) => m.render(lang),
            M::Objection(m) => m.render(lang),
            M::Plain(s) => s.clone(),
        }
    }
}

impl Show for parindex_core::say::Msg {
    fn show(&self, lang: Lang) -> String {
        self.render(lang)
    }
}

/// A message of any table (or plain text), cheap to clone.
#[derive(Clone)]
pub struct Msg(Arc<dyn Message>);

impl Msg {
    pub fn render(&self, lang: Lang) -> String {
        self.0.render(lang)
    }

    /// The English wording (logs, tests, and machine output that is English by contract).
    pub fn en(&self) -> String {
        self.0.render(Lang::En)
    }
}

impl fmt::Debug for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// English, for `{}` in logs and `panic!` messages of tests; the interface uses `render`.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en())
    }
}

impl<M: Message> From<M> for Msg {
    fn from(m: M) -> Self {
        Msg(Arc::new(m))
    }
}

/// Text that is the same in both languages: a file's own words, an OS reason. Interface
/// sentences never go through this (the Vietnamese-only tests catch one that does).
impl Message for String {
    fn render(&self, _: Lang) -> String {
        self.clone()
    }
}

impl Message for &'static str {
    fn render(&self, _: Lang) -> String {
        (*self).to_owned()
    }
}

/// A value inside a message, in the message's language.
pub trait Show {
    fn show(&self, lang: Lang) -> String;
}

macro_rules! show_display {
    ($($t:ty),*) => {$(
        impl Show for $t {
            fn show(&self, _: Lang) -> String {
                self.to_string()
            }
        }
    )*};
}
show_display!(String, str, char, usize, u8, u16, u32, u64, i32, i64);

impl<T: Show + ?Sized> Show for &T {
    fn show(&self, lang: Lang) -> String {
        (**self).show(lang)
    }
}

impl<T: Show + ?Sized> Show for Box<T> {
    fn show(&self, lang: Lang) -> String {
        (**self).show(lang)
    }
}

/// Points as people write them: `3,5` in Vietnamese, `3.5` in English, no trailing zeros.
impl Show for Decimal {
    fn show(&self, lang: Lang) -> String {
        let s = self.normalize().to_string();
        match lang {
            Lang::Vi => s.replace('.', ","),
            Lang::En => s,
        }
    }
}

impl Show for std::path::PathBuf {
    fn show(&self, _: Lang) -> String {
        self.display().to_string()
    }
}

impl Show for Msg {
    fn show(&self, lang: Lang) -> String {
        self.render(lang)
    }
}

/// The wording of a table of the core's typed messages (`parindex_core::say`): each variant
/// with its fields' names, then the Vietnamese and the English wording. The match is
/// exhaustive, so a variant the core adds without wording here does not compile.
///
/// ```ignore
/// wording! {
///     ScorecardMsg {
///         OverMax { points, max, id } =>
///             "{points} điểm vượt quá điểm tối đa {max} của `{id}`",
///             "{points} points is more than the max {max} of `{id}`";
///     }
/// }
/// ```
#[macro_export]
macro_rules! wording {
    ($name:ident {
        $( $variant:ident $({ $($f:ident),* $(,)? })? => $vi:literal, $en:literal; )*
    }) => {
        impl $crate::text::msg::Message for $name {
            #[allow(unused_variables)]
            fn render(&self, lang: $crate::text::Lang) -> String {
                match self {
                    $( $name::$variant $({ $($f),* })? => {
                        $($( let $f = $crate::text::msg::Show::show($f, lang); )*)?
                        match lang {
                            $crate::text::Lang::Vi => format!($vi),
                            $crate::text::Lang::En => format!($en),
                        }
                    } )*
                }
            }
        }

        impl $crate::text::msg::Show for $name {
            fn show(&self, lang: $crate::text::Lang) -> String {
                $crate::text::msg::Message::render(self, lang)
            }
        }
    };
}

/// A table of typed messages: see the module's documentation.
///
/// ```ignore
/// messages! {
///     /// Problems in a scorecard.
///     pub enum ScorecardMsg {
///         OverMax { points: Decimal, max: Decimal, id: String } =>
///             "{points} điểm vượt quá điểm tối đa {max} của `{id}`",
///             "{points} points is more than the max {max} of `{id}`";
///     }
/// }
/// ```
#[macro_export]
macro_rules! messages {
    ($(#[$em:meta])* $vis:vis enum $name:ident {
        $( $(#[$m:meta])* $variant:ident $({ $($f:ident : $t:ty),* $(,)? })? => $vi:literal, $en:literal; )*
    }) => {
        $(#[$em])*
        #[derive(Clone, Debug, PartialEq)]
        $vis enum $name {
            $( $(#[$m])* $variant $({ $($f: $t),* })?, )*
        }

        $crate::wording! {
            $name {
                $( $variant $({ $($f),* })? => $vi, $en; )*
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    messages! {
        enum Demo {
            Over { points: Decimal, id: String } => "{points} điểm vượt quá `{id}`", "{points} points is over `{id}`";
            Nested { inner: Box<Demo> } => "lồng: {inner}", "nested: {inner}";
            Bare => "trống", "empty";
        }
    }

    #[test]
    fn each_language_has_its_wording_and_decimal_separator() {
        let m = Demo::Over { points: Decimal::new(35, 1), id: "1.2".into() };
        assert_eq!(m.render(Lang::Vi), "3,5 điểm vượt quá `1.2`");
        assert_eq!(m.render(Lang::En), "3.5 points is over `1.2`");
        let n = Demo::Nested { inner: Box::new(Demo::Bare) };
        assert_eq!(n.render(Lang::Vi), "lồng: trống");
        let any: Msg = n.into();
        assert_eq!(any.render(Lang::En), "nested: empty");
        assert_eq!(any.to_string(), "nested: empty");
        let plain: Msg = String::from("x").into();
        assert_eq!(plain.render(Lang::Vi), "x");
    }
}
