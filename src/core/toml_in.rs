//! Reading TOML with every value's place kept, so that each problem can be reported as
//! `file:line:col`, numbers reach `Decimal` exactly as written, and text is stored as NFC.
//!
//! Built on `toml::de::DeTable`, the spanned, recoverable document tree: a file with several
//! syntax errors reports all of them, and the reader goes on to report what else it can.

use std::ops::Range;
use std::sync::Arc;

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::{DeTable, DeValue};
use unicode_normalization::UnicodeNormalization;

use super::date::Date;
use super::diag::{Diagnostic, Diagnostics, LoadError, Source};
use super::num;

pub type Span = Range<usize>;

/// Most problems reported for one file: beyond that, one more line says how many were left
/// out (a hostile file can hold a problem on every byte; listing millions helps nobody).
pub const MAX_DIAGNOSTICS: usize = 500;

/// Largest file whose syntax errors are all collected. A larger file stops at its first one:
/// collecting every error of a large file of junk took gigabytes (each error keeps its message).
pub const RECOVER_MAX_BYTES: usize = 1 << 20;

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
    if unicode_normalization::is_nfc(s) { s.to_owned() } else { s.nfc().collect() }
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
        let msg = format!("{} more problems in this file are not shown", self.left_out);
        if self.left_out == 1 {
            self.diags.push(Diagnostic::error(msg).in_file(&self.src.path));
        } else if let Some(last) = self.diags.items.last_mut() {
            last.message = msg;
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
                    self.push(Diagnostic::error(format!("the file is large ({mb} MB): only its first syntax error is reported")).in_file(&self.src.path));
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
        {
            let msg = match e.message().trim() {
                "recursion limit" => "keys nested too deeply (a dotted key or table name has too many parts)".to_owned(),
                "cannot recurse further; max recursion depth met" => "arrays or inline tables nested too deeply".to_owned(),
                m => m.to_owned(),
            };
            let d = Diagnostic::error(format!("TOML syntax: {msg}"));
            // Without a place, say so rather than point at the file's first line.
            self.push(match e.span() {
                Some(span) => d.at(&self.src, span),
                None => d.in_file(&self.src.path),
            });
        }
    }

    pub fn error(&mut self, span: Span, msg: impl Into<String>) {
        self.push(Diagnostic::error(msg).at(&self.src, span));
    }

    pub fn warning(&mut self, span: Span, msg: impl Into<String>) {
        self.push(Diagnostic::warning(msg).at(&self.src, span));
    }

    /// Reports keys that are not in `allowed` (typos would otherwise be silently ignored).
    pub fn unknown_keys(&mut self, t: &DeTable<'_>, allowed: &[&str], what: &str) {
        for (k, _) in t.iter() {
            if !allowed.contains(&k.get_ref().as_ref()) {
                let list = allowed.join(", ");
                self.error(k.span(), format!("unknown key `{}` in {what} (expected one of: {list})", k.get_ref()));
            }
        }
    }

    pub fn get<'t, 'i>(&self, t: &'t DeTable<'i>, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        t.get(key)
    }

    fn wrong_type(&mut self, v: &Spanned<DeValue<'_>>, key: &str, expected: &str) {
        self.error(v.span(), format!("`{key}` must be {expected}, found {}", v.get_ref().type_str()));
    }

    /// Control characters (other than tab and line breaks) in text: an error, since text is
    /// shown on terminals, where `\u001b` starts an escape sequence. `None` when clean.
    fn control_char(&mut self, s: &str, span: &Span, key: &str) -> Option<()> {
        let c = s.chars().find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))?;
        self.error(span.clone(), format!("`{key}` contains the control character U+{:04X}: text may not hold control codes", c as u32));
        Some(())
    }

    /// A string value, NFC-normalised.
    pub fn string(&mut self, t: &DeTable<'_>, key: &str) -> Option<(String, Span)> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => match self.control_char(s, &v.span(), key) {
                Some(()) => None,
                None => Some((nfc(s), v.span())),
            },
            _ => {
                self.wrong_type(v, key, "a string");
                None
            }
        }
    }

    /// A required string; reports `missing` at `whole` when absent.
    pub fn req_string(&mut self, t: &DeTable<'_>, key: &str, whole: Span, what: &str) -> Option<(String, Span)> {
        let r = self.string(t, key);
        if r.is_none() && t.get(key).is_none() {
            self.error(whole, format!("{what} has no `{key}`"));
        }
        r
    }

    /// A number (integer or float literal) as an exact decimal.
    pub fn decimal(&mut self, t: &DeTable<'_>, key: &str) -> Option<(Decimal, Span)> {
        let v = t.get(key)?;
        self.decimal_value(v, key)
    }

    pub fn decimal_value(&mut self, v: &Spanned<DeValue<'_>>, key: &str) -> Option<(Decimal, Span)> {
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => num::parse_literal(i.as_str(), i.radix()),
            DeValue::Float(f) => num::parse_literal(f.as_str(), 10),
            _ => {
                self.wrong_type(v, key, "a number");
                return None;
            }
        };
        match parsed {
            Ok(d) => Some((d, v.span())),
            Err(e) => {
                self.error(v.span(), format!("`{key}`: {e}"));
                None
            }
        }
    }

    pub fn integer(&mut self, t: &DeTable<'_>, key: &str) -> Option<(i64, Span)> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                Ok(n) => Some((n, v.span())),
                Err(_) => {
                    self.error(v.span(), format!("`{key}` is out of range"));
                    None
                }
            },
            _ => {
                self.wrong_type(v, key, "a whole number");
                None
            }
        }
    }

    pub fn boolean(&mut self, t: &DeTable<'_>, key: &str) -> Option<(bool, Span)> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some((*b, v.span())),
            _ => {
                self.wrong_type(v, key, "true or false");
                None
            }
        }
    }

    /// A local date (`2020-12-15`).
    pub fn date(&mut self, t: &DeTable<'_>, key: &str) -> Option<(Date, Span)> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                // What the parser leaves of a malformed date: already reported as a syntax error.
                (None, None, None) => None,
                (Some(d), None, None) => match Date::new(i32::from(d.year), d.month, d.day) {
                    Some(date) => Some((date, v.span())),
                    None => {
                        self.error(v.span(), format!("`{key}` is not a valid date"));
                        None
                    }
                },
                _ => {
                    self.error(v.span(), format!("`{key}` must be a date like 2020-12-15, without a time"));
                    None
                }
            },
            _ => {
                self.wrong_type(v, key, "a date like 2020-12-15");
                None
            }
        }
    }

    /// A table value.
    pub fn table<'t, 'i>(&mut self, t: &'t DeTable<'i>, key: &str) -> Option<(&'t DeTable<'i>, Span)> {
        let v = t.get(key)?;
        match v.get_ref() {
            DeValue::Table(inner) => Some((inner, v.span())),
            _ => {
                self.wrong_type(v, key, "a table");
                None
            }
        }
    }

    /// An array whose items are all tables (`[[criterion]]` or `[{ … }, …]`).
    pub fn tables<'t, 'i>(&mut self, t: &'t DeTable<'i>, key: &str) -> Vec<(&'t DeTable<'i>, Span)> {
        let Some(v) = t.get(key) else { return Vec::new() };
        match v.get_ref() {
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::Table(tab) => out.push((tab, item.span())),
                        other => self.error(
                            item.span(),
                            format!("each item of `{key}` must be a table, found {}", other.type_str()),
                        ),
                    }
                }
                out
            }
            _ => {
                self.wrong_type(v, key, "an array of tables");
                Vec::new()
            }
        }
    }

    /// An array of strings.
    pub fn strings(&mut self, t: &DeTable<'_>, key: &str) -> Vec<(String, Span)> {
        let Some(v) = t.get(key) else { return Vec::new() };
        match v.get_ref() {
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::String(s) => {
                            if self.control_char(s, &item.span(), key).is_none() {
                                out.push((nfc(s), item.span()));
                            }
                        }
                        other => self.error(item.span(), format!("each item of `{key}` must be a string, found {}", other.type_str())),
                    }
                }
                out
            }
            _ => {
                self.wrong_type(v, key, "an array of strings");
                Vec::new()
            }
        }
    }
}

/// Largest file parindex reads: far above any real scorecard, submission or workspace file, low
/// enough that a mistaken or hostile path (`/dev/zero`, a huge file) cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// Reads a file as UTF-8 text (a leading byte-order mark is dropped). Missing, unreadable or
/// too large files are an unreadable `LoadError` (exit 2); bytes that are not UTF-8 an invalid one.
pub fn read_text(path: &std::path::Path) -> Result<Arc<Source>, LoadError> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| LoadError::unreadable(Diagnostic::error(format!("cannot read file: {}", io_reason(&e))).in_file(path));
    let mut bytes = Vec::new();
    std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::unreadable(
            Diagnostic::error(format!("the file is larger than {} MB: not read", MAX_FILE_BYTES >> 20)).in_file(path),
        ));
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
            let d = Diagnostic::error("the file is not valid UTF-8 text (save it as UTF-8)").at(&src, prefix..prefix + 1);
            Err(LoadError::invalid(Diagnostics { items: vec![d] }))
        }
    }
}

/// Reads a file inside a workspace: like [`read_text`], but a symbolic link is refused (a link
/// could expose or overwrite files outside the round), as is anything but a regular file.
pub fn read_workspace_text(path: &std::path::Path) -> Result<Arc<Source>, LoadError> {
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() {
            return Err(LoadError::unreadable(
                Diagnostic::error("is a symbolic link: parindex does not follow links inside a workspace").in_file(path),
            ));
        }
        if !meta.is_file() {
            return Err(LoadError::unreadable(Diagnostic::error("is not a regular file").in_file(path)));
        }
    }
    read_text(path)
}

/// A short reason for an I/O error, without the OS error code noise.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "it is a folder, not a file".into(),
        _ => e.to_string(),
    }
}
