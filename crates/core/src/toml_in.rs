//! Reading TOML with every value's place kept, so that each problem can be reported as
//! `file:line:col`, numbers reach `Decimal` exactly as written, and text is stored as NFC.
//!
//! Built on `toml::de::DeTable`, the spanned, recoverable document tree: a file with several
//! syntax errors reports all of them, and the reader goes on to report what else it can.
//! The readers work on any tree that implements [`Table`] and [`Value`]: the full parser's, or
//! the fast one of [`super::toml_fast`] for the files parindex writes itself.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::{DeTable, DeValue};
use unicode_normalization::UnicodeNormalization;

use super::date::Date;
use super::diag::{Diagnostic, Diagnostics, LoadError, Source};
use super::num;
use crate::say::toml::{Break, Keys, Place, Syntax, TomlMsg, TomlType, Want};

pub type Span = Range<usize>;

/// Most problems reported for one file: beyond that, one more line says how many were left
/// out (a hostile file can hold a problem on every byte; listing millions helps nobody).
pub const MAX_DIAGNOSTICS: usize = 500;

/// Largest file whose syntax errors are all collected. A larger file stops at its first one:
/// collecting every error of a large file of junk took gigabytes (each error keeps its message).
pub const RECOVER_MAX_BYTES: usize = 1 << 20;

/// What a TOML value is, whichever tree it comes from.
pub enum Kind<'a, V: Value> {
    String(&'a str),
    /// The digits as `i64::from_str_radix` reads them, and the radix.
    Integer {
        text: &'a str,
        radix: u32,
    },
    Float(&'a str),
    Boolean(bool),
    Datetime(toml::value::Datetime),
    Array(&'a [V]),
    Table(&'a V::Table),
}

/// A TOML table of a document tree.
pub trait Table {
    type Value: Value<Table = Self>;
    /// The value of `key`.
    fn value(&self, key: &str) -> Option<&Self::Value>;
    /// Every key (with its place) and value.
    fn entries(&self) -> impl Iterator<Item = (&str, Span, &Self::Value)>;
}

/// A TOML value of a document tree, with its place.
pub trait Value: Sized {
    type Table: Table<Value = Self>;
    fn span(&self) -> Span;
    fn kind(&self) -> Kind<'_, Self>;
    /// `string`, `integer`, `float`, `boolean`, `datetime`, `array` or `table`.
    fn type_str(&self) -> &'static str {
        match self.kind() {
            Kind::String(_) => "string",
            Kind::Integer { .. } => "integer",
            Kind::Float(_) => "float",
            Kind::Boolean(_) => "boolean",
            Kind::Datetime(_) => "datetime",
            Kind::Array(_) => "array",
            Kind::Table(_) => "table",
        }
    }
}

impl<'i> Table for DeTable<'i> {
    type Value = Spanned<DeValue<'i>>;
    fn value(&self, key: &str) -> Option<&Self::Value> {
        self.get(key)
    }
    fn entries(&self) -> impl Iterator<Item = (&str, Span, &Self::Value)> {
        self.iter().map(|(k, v)| (k.get_ref().as_ref(), k.span(), v))
    }
}

impl<'i> Value for Spanned<DeValue<'i>> {
    type Table = DeTable<'i>;
    fn span(&self) -> Span {
        Spanned::span(self)
    }
    fn kind(&self) -> Kind<'_, Self> {
        match self.get_ref() {
            DeValue::String(s) => Kind::String(s),
            DeValue::Integer(i) => Kind::Integer { text: i.as_str(), radix: i.radix() },
            DeValue::Float(f) => Kind::Float(f.as_str()),
            DeValue::Boolean(b) => Kind::Boolean(*b),
            DeValue::Datetime(d) => Kind::Datetime(*d),
            DeValue::Array(a) => Kind::Array(a),
            DeValue::Table(t) => Kind::Table(t),
        }
    }
    fn type_str(&self) -> &'static str {
        self.get_ref().type_str()
    }
}

/// One file being read: its source and the problems found in it so far.
pub struct Reader {
    pub src: Arc<Source>,
    pub diags: Diagnostics,
    /// Problems found beyond [`MAX_DIAGNOSTICS`].
    left_out: usize,
    /// A large file did not parse: what the loaders find in the empty tree is not reported.
    muted: bool,
}

/// Text normalised to NFC (text may arrive decomposed from some keyboards and systems).
pub fn nfc(s: &str) -> String {
    nfc_cow(s).into_owned()
}

/// Text normalised to NFC, borrowed when it already is.
pub fn nfc_cow(s: &str) -> Cow<'_, str> {
    if is_nfc(s) { Cow::Borrowed(s) } else { Cow::Owned(s.nfc().collect()) }
}

/// Whether text is NFC. Text made only of "plain starters", characters that are NFC and never
/// combine with a neighbour (ASCII, Latin-1 to IPA below U+0300, the precomposed letters of
/// U+1E00–U+1EFF that Vietnamese uses, the dashes and quotes of U+2010–U+2027), is NFC without
/// a table lookup; the rest goes through the full quick check. (The tests check every
/// character of those ranges.)
pub fn is_nfc(s: &str) -> bool {
    plain_starters_only(s) || unicode_normalization::is_nfc(s)
}

/// Whether every character of `s` is a plain starter, read straight from the UTF-8 bytes.
fn plain_starters_only(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            0x00..=0x7F => i += 1,
            // U+0080–U+02FF: C2 80 – CB BF.
            0xC2..=0xCB => i += 2,
            // U+1E00–U+1EFF: E1 B8 80 – E1 BB BF.
            0xE1 if matches!(b.get(i + 1), Some(0xB8..=0xBB)) => i += 3,
            // U+2010–U+2027: E2 80 90 – E2 80 A7.
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x90..=0xA7)) => i += 3,
            _ => return false,
        }
    }
    true
}

/// A plain starter: NFC on its own (quick check "yes") and a starter (combining class 0).
#[cfg(test)]
fn is_plain_starter(c: char) -> bool {
    c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c) || ('\u{2010}'..='\u{2027}').contains(&c)
}

impl Reader {
    pub fn new(src: Arc<Source>) -> Self {
        Reader { src, diags: Diagnostics::default(), left_out: 0, muted: false }
    }

    fn push(&mut self, d: Diagnostic) {
        if self.muted {
            return;
        }
        if self.diags.items.len() < MAX_DIAGNOSTICS {
            self.diags.push(d);
            return;
        }
        self.left_out += 1;
        let msg = TomlMsg::MoreNotShown { n: self.left_out };
        if self.left_out == 1 {
            self.diags.push(Diagnostic::error(msg).in_file(&self.src.path));
        } else if let Some(last) = self.diags.items.last_mut() {
            last.message = msg.into();
        }
    }

    /// Parses the document, recording every syntax error (the first only, in a file larger than
    /// [`RECOVER_MAX_BYTES`]). Returns the (possibly partial, or empty) tree.
    pub fn parse<'i>(&mut self, text: &'i str) -> Spanned<DeTable<'i>> {
        if text.len() > RECOVER_MAX_BYTES {
            return match DeTable::parse(text) {
                Ok(table) => table,
                Err(e) => {
                    self.syntax_error(&e);
                    let mb = text.len().div_ceil(1 << 20);
                    self.push(Diagnostic::error(TomlMsg::LargeFirstOnly { mb }).in_file(&self.src.path));
                    self.muted = true;
                    Spanned::new(0..0, DeTable::default())
                }
            };
        }
        let (table, errors) = DeTable::parse_recoverable(text);
        for e in errors {
            self.syntax_error(&e);
        }
        table
    }

    fn syntax_error(&mut self, e: &toml::de::Error) {
        let d = Diagnostic::error(TomlMsg::Syntax { what: Syntax(e.message().trim().to_owned()) });
        // Without a place, say so rather than point at the file's first line.
        self.push(match e.span() {
            Some(span) => d.at(&self.src, span),
            None => d.in_file(&self.src.path),
        });
    }

    pub fn error(&mut self, span: Span, msg: impl Into<crate::say::Msg>) {
        self.push(Diagnostic::error(msg).at(&self.src, span));
    }

    pub fn warning(&mut self, span: Span, msg: impl Into<crate::say::Msg>) {
        self.push(Diagnostic::warning(msg).at(&self.src, span));
    }

    /// Reports keys that are not in `allowed` (typos would otherwise be silently ignored).
    pub fn unknown_keys<T: Table>(&mut self, t: &T, allowed: &[&str], what: impl Into<Place>) {
        let what = what.into();
        self.unknown_keys_in(t, allowed, || what.clone());
    }

    /// Like [`Reader::unknown_keys`], naming the table only when there is a problem to report
    /// (`what` is built then, not for every table read).
    pub fn unknown_keys_in<T: Table>(&mut self, t: &T, allowed: &[&str], what: impl Fn() -> Place) {
        for (k, span, _) in t.entries() {
            if !allowed.contains(&k) {
                let list = Keys(allowed.iter().map(|k| (*k).to_owned()).collect());
                self.error(span, TomlMsg::UnknownKey { key: k.to_owned(), place: what(), list });
            }
        }
    }

    fn wrong_type<V: Value>(&mut self, v: &V, key: &str, want: Want) {
        self.error(v.span(), TomlMsg::WrongType { key: key.to_owned(), want, found: TomlType(v.type_str()) });
    }

    /// Control characters in text: an error, since text is shown on terminals, where `\u001b`
    /// starts an escape sequence and a carriage return writes over the start of the line. A
    /// one-line field (`multi_line` false: ids, titles, names, labels…) holds no tab or line
    /// break either; a multi-line one (notes, comments, guidance) keeps tabs and line feeds, and
    /// a CR is accepted only as part of a CR LF line end. `None` when clean.
    fn control_char(&mut self, s: &str, span: &Span, key: &str, multi_line: bool) -> Option<()> {
        // C0 controls and DEL are single bytes; C1 controls (U+0080–U+009F) start with 0xC2.
        // This runs on every string of every sheet: a branch-free scan of 64-byte chunks (which
        // the compiler vectorises) finds the suspects, tab and line breaks included; the exact
        // test below runs only then.
        let suspect = s.as_bytes().chunks(64).any(|c| c.iter().fold(false, |acc, &b| acc | (b < 0x20) | (b == 0x7F) | (b == 0xC2)));
        if !suspect {
            return None;
        }
        let mut chars = s.chars().peekable();
        let c = loop {
            let c = chars.next()?;
            let allowed = multi_line && (matches!(c, '\t' | '\n') || (c == '\r' && chars.peek() == Some(&'\n')));
            if c.is_control() && !allowed {
                break c;
            }
        };
        let msg = match c {
            '\t' | '\n' | '\r' if !multi_line => {
                let what = match c {
                    '\t' => Break::Tab,
                    '\n' => Break::LineFeed,
                    _ => Break::CarriageReturn,
                };
                TomlMsg::OneLine { key: key.to_owned(), what, code: format!("{:04X}", c as u32) }
            }
            '\r' => TomlMsg::LoneCr { key: key.to_owned() },
            _ => TomlMsg::Control { key: key.to_owned(), code: format!("{:04X}", c as u32) },
        };
        self.error(span.clone(), msg);
        Some(())
    }

    /// A one-line string value (no control character, tab or line break), NFC-normalised.
    pub fn string<T: Table>(&mut self, t: &T, key: &str) -> Option<(String, Span)> {
        self.str(t, key).map(|(s, span)| (s.into_owned(), span))
    }

    /// A one-line string value, NFC-normalised, borrowed from the document when it already is NFC.
    pub fn str<'t, T: Table>(&mut self, t: &'t T, key: &str) -> Option<(Cow<'t, str>, Span)> {
        self.string_value(t, key, false)
    }

    /// A multi-line string value (notes, comments, guidance): tabs and line feeds are kept, a
    /// CR LF line end becomes LF; NFC-normalised.
    pub fn text<'t, T: Table>(&mut self, t: &'t T, key: &str) -> Option<(Cow<'t, str>, Span)> {
        self.string_value(t, key, true)
    }

    fn string_value<'t, T: Table>(&mut self, t: &'t T, key: &str, multi_line: bool) -> Option<(Cow<'t, str>, Span)> {
        let v = t.value(key)?;
        match v.kind() {
            Kind::String(s) => match self.control_char(s, &v.span(), key, multi_line) {
                Some(()) => None,
                None if multi_line && s.contains('\r') => Some((Cow::Owned(nfc(&s.replace("\r\n", "\n"))), v.span())),
                None => Some((nfc_cow(s), v.span())),
            },
            _ => {
                self.wrong_type(v, key, Want::String);
                None
            }
        }
    }

    /// A required string; reports `missing` at `whole` when absent.
    pub fn req_string<T: Table>(&mut self, t: &T, key: &str, whole: Span, what: impl Into<Place>) -> Option<(String, Span)> {
        let r = self.string(t, key);
        if r.is_none() && t.value(key).is_none() {
            self.error(whole, TomlMsg::Missing { place: what.into(), key: key.to_owned() });
        }
        r
    }

    /// A number (integer or float literal) as an exact decimal.
    pub fn decimal<T: Table>(&mut self, t: &T, key: &str) -> Option<(Decimal, Span)> {
        let v = t.value(key)?;
        self.decimal_value(v, key)
    }

    pub fn decimal_value<V: Value>(&mut self, v: &V, key: &str) -> Option<(Decimal, Span)> {
        let parsed = match v.kind() {
            Kind::Integer { text, radix } => num::parse_literal(text, radix),
            Kind::Float(text) => num::parse_literal(text, 10),
            _ => {
                self.wrong_type(v, key, Want::Number);
                return None;
            }
        };
        match parsed {
            Ok(d) => Some((d, v.span())),
            Err(e) => {
                let (key, text) = (key.to_owned(), e.text);
                self.error(
                    v.span(),
                    match e.kind {
                        num::LiteralErrorKind::TooLarge => TomlMsg::NumberTooLarge { key, text },
                        num::LiteralErrorKind::NotFinite => TomlMsg::NumberNotFinite { key, text },
                    },
                );
                None
            }
        }
    }

    pub fn integer<T: Table>(&mut self, t: &T, key: &str) -> Option<(i64, Span)> {
        let v = t.value(key)?;
        match v.kind() {
            Kind::Integer { text, radix } => match i64::from_str_radix(&text.replace('_', ""), radix) {
                Ok(n) => Some((n, v.span())),
                Err(_) => {
                    self.error(v.span(), TomlMsg::OutOfRange { key: key.to_owned() });
                    None
                }
            },
            _ => {
                self.wrong_type(v, key, Want::WholeNumber);
                None
            }
        }
    }

    pub fn boolean<T: Table>(&mut self, t: &T, key: &str) -> Option<(bool, Span)> {
        let v = t.value(key)?;
        match v.kind() {
            Kind::Boolean(b) => Some((b, v.span())),
            _ => {
                self.wrong_type(v, key, Want::Boolean);
                None
            }
        }
    }

    /// A local date (`2020-12-15`).
    pub fn date<T: Table>(&mut self, t: &T, key: &str) -> Option<(Date, Span)> {
        let v = t.value(key)?;
        match v.kind() {
            Kind::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                // What the parser leaves of a malformed date: already reported as a syntax error.
                (None, None, None) => None,
                (Some(d), None, None) => match Date::new(i32::from(d.year), d.month, d.day) {
                    Some(date) => Some((date, v.span())),
                    None => {
                        self.error(v.span(), TomlMsg::BadDate { key: key.to_owned() });
                        None
                    }
                },
                _ => {
                    self.error(v.span(), TomlMsg::DateWithTime { key: key.to_owned() });
                    None
                }
            },
            _ => {
                self.wrong_type(v, key, Want::Date);
                None
            }
        }
    }

    /// A table value.
    pub fn table<'t, T: Table>(&mut self, t: &'t T, key: &str) -> Option<(&'t T, Span)> {
        let v = t.value(key)?;
        match v.kind() {
            Kind::Table(inner) => Some((inner, v.span())),
            _ => {
                self.wrong_type(v, key, Want::Table);
                None
            }
        }
    }

    /// An array whose items are all tables (`[[criterion]]` or `[{ … }, …]`).
    pub fn tables<'t, T: Table>(&mut self, t: &'t T, key: &str) -> Vec<(&'t T, Span)> {
        let mut out = Vec::new();
        self.each_table(t, key, |_, tab, span| out.push((tab, span)));
        out
    }

    /// Like [`Reader::tables`], handing each table to `f` in turn instead of collecting them.
    pub fn each_table<'t, T: Table>(&mut self, t: &'t T, key: &str, mut f: impl FnMut(&mut Self, &'t T, Span)) {
        let Some(v) = t.value(key) else { return };
        match v.kind() {
            Kind::Array(items) => {
                for item in items {
                    match item.kind() {
                        Kind::Table(tab) => f(self, tab, item.span()),
                        _ => self
                            .error(item.span(), TomlMsg::ItemWrongType { key: key.to_owned(), want: Want::Table, found: TomlType(item.type_str()) }),
                    }
                }
            }
            _ => self.wrong_type(v, key, Want::ArrayOfTables),
        }
    }

    /// An array of one-line strings.
    pub fn strings<T: Table>(&mut self, t: &T, key: &str) -> Vec<(String, Span)> {
        let Some(v) = t.value(key) else { return Vec::new() };
        match v.kind() {
            Kind::Array(items) => {
                let mut out = Vec::new();
                for item in items {
                    match item.kind() {
                        Kind::String(s) => {
                            if self.control_char(s, &item.span(), key, false).is_none() {
                                out.push((nfc(s), item.span()));
                            }
                        }
                        _ => self
                            .error(item.span(), TomlMsg::ItemWrongType { key: key.to_owned(), want: Want::String, found: TomlType(item.type_str()) }),
                    }
                }
                out
            }
            _ => {
                self.wrong_type(v, key, Want::ArrayOfStrings);
                Vec::new()
            }
        }
    }
}

/// Largest file parindex reads: far above any real scorecard, submission or workspace file, low
/// enough that a mistaken or hostile path (`/dev/zero`, a huge file) cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// What a path names when it is not a regular file (worded by the interface: `Text::not_a_file`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotAFile {
    Folder,
    Fifo,
    Device,
    Socket,
    Other,
}

/// A code word (the interface words it in its language).
impl std::fmt::Display for NotAFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for NotAFile {}

/// Turns a file's bytes (at most [`MAX_FILE_BYTES`] + 1 of them) into a [`Source`]: too large
/// is unreadable; bytes that are not UTF-8 are an invalid file with the place of the first one.
pub fn decode_text(path: &std::path::Path, bytes: Vec<u8>) -> Result<Arc<Source>, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::unreadable(Diagnostic::error(TomlMsg::TooLarge { mb: MAX_FILE_BYTES >> 20 }).in_file(path)));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(Source::new(path, text))
        }
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let src = Source::new(path, lossy);
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]).len();
            let d = Diagnostic::error(TomlMsg::NotUtf8).at(&src, prefix..prefix + 1);
            Err(LoadError::invalid(Diagnostics { items: vec![d] }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_starters_are_nfc_on_their_own_and_never_combine() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        for c in ('\0'..='\u{2FF}').chain('\u{1E00}'..='\u{1EFF}').chain('\u{2010}'..='\u{2027}') {
            assert!(is_plain_starter(c));
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "U+{:04X}", c as u32);
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn plain_starters_are_read_right_from_the_bytes() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(plain_starters_only(c.encode_utf8(&mut buf)), is_plain_starter(c), "U+{:04X}", c as u32);
        }
        assert!(plain_starters_only("Sở Khoa học và Công nghệ — “CCHC” 2020"));
        assert!(!plain_starters_only("Die\u{302}\u{300}m"));
    }

    #[test]
    fn nfc_composes_decomposed_text_and_keeps_composed_text() {
        for (input, want) in [
            ("Điểm cải cách", "Điểm cải cách"),
            ("Die\u{302}\u{300}m", "Di\u{1EC1}m"),
            ("a\u{301}", "á"),
            ("\u{2000}", "\u{2002}"),
            ("Chấm điểm — “CCHC” …", "Chấm điểm — “CCHC” …"),
        ] {
            assert_eq!(nfc(input), want, "{input:?}");
            assert_eq!(is_nfc(input), input == want, "{input:?}");
            assert_eq!(is_nfc(input), unicode_normalization::is_nfc(input), "{input:?}");
        }
    }
}
