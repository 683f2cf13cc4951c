//! A fast reader for the TOML that parindex writes itself: submissions and appraisals
//! (`Sheet::to_toml`), which a round has thousands of and `rank` reads all of.
//!
//! It accepts a strict subset of TOML and, for every document it accepts, builds the tree the
//! full parser (`toml::de::DeTable`) builds: the same keys, the same values, the same kinds. On
//! anything outside the subset it gives up (`None`) and the caller uses the full parser, which
//! also reports every problem with its place. Being fast here is only an optimisation; being
//! wrong would change results, so the subset is small and the rule is "when in doubt, give up".
//! `tests.rs` compares both parsers on demo files and on thousands of mutated ones.
//!
//! The subset, line by line (LF line ends; spaces and tabs around `=` and at line ends):
//! - blank lines;
//! - `key = value` with a bare key (`A-Za-z0-9_-`), before any header or inside one;
//! - headers `[answers.KEY]` (KEY bare or a basic string without escapes), each KEY once;
//! - values: basic strings without escapes (`"…"`), literal strings (`'…'`), neither multi-line
//!   nor holding control characters; multi-line basic strings of armor lines (a signature:
//!   `"""` LF, lines of `A-Za-z0-9+/=-` and spaces, `"""`); `true`, `false`; decimal numbers `-?(0|[1-9][0-9]*)(.[0-9]+)?`
//!   of at most 18 characters; local dates `YYYY-MM-DD` that exist; arrays (over any number of
//!   lines) of one-line inline tables `{ key = scalar, … }` without a trailing comma.
//!
//! Given up on, among others: comments, escapes, CR, dotted or quoted keys outside headers, other
//! headers, `[[…]]`, `+`, `_`, exponents, hex, `inf`/`nan`, times, duplicate keys, nested arrays.

use std::ops::Range;

use toml::value::{Date, Datetime};

use super::toml_in::{self, Kind};

type Span = Range<usize>;

/// A table: its entries in file order.
#[derive(Debug, Default)]
pub struct Table<'i> {
    entries: Vec<Entry<'i>>,
}

#[derive(Debug)]
struct Entry<'i> {
    key: &'i str,
    key_span: Span,
    value: Value<'i>,
}

/// A value with its place in the text.
#[derive(Debug)]
pub struct Value<'i> {
    span: Span,
    v: V<'i>,
}

#[derive(Debug)]
enum V<'i> {
    String(&'i str),
    Integer(&'i str),
    Float(&'i str),
    Boolean(bool),
    Date(Datetime),
    Array(Vec<Value<'i>>),
    Table(Table<'i>),
}

impl<'i> Table<'i> {
    fn find(&self, key: &str) -> Option<&Value<'i>> {
        self.entries.iter().find(|e| e.key == key).map(|e| &e.value)
    }

    /// Adds an entry; `None` when the key is already there (TOML forbids it: give up).
    fn push(&mut self, key: &'i str, key_span: Span, value: Value<'i>) -> Option<()> {
        if self.find(key).is_some() {
            return None;
        }
        self.entries.push(Entry { key, key_span, value });
        Some(())
    }
}

impl<'i> toml_in::Table for Table<'i> {
    type Value = Value<'i>;
    fn value(&self, key: &str) -> Option<&Value<'i>> {
        self.find(key)
    }
    fn entries(&self) -> impl Iterator<Item = (&str, Span, &Value<'i>)> {
        self.entries.iter().map(|e| (e.key, e.key_span.clone(), &e.value))
    }
}

impl<'i> toml_in::Value for Value<'i> {
    type Table = Table<'i>;
    fn span(&self) -> Span {
        self.span.clone()
    }
    fn kind(&self) -> Kind<'_, Self> {
        match &self.v {
            V::String(s) => Kind::String(s),
            V::Integer(t) => Kind::Integer { text: t, radix: 10 },
            V::Float(t) => Kind::Float(t),
            V::Boolean(b) => Kind::Boolean(*b),
            V::Date(d) => Kind::Datetime(*d),
            V::Array(items) => Kind::Array(items),
            V::Table(t) => Kind::Table(t),
        }
    }
}

/// The root table of `text`, or `None` when the text is outside the subset this reader knows
/// (which says nothing about whether it is valid TOML).
pub fn parse(text: &str) -> Option<Table<'_>> {
    let mut p = Parser { text, b: text.as_bytes(), i: 0 };
    let mut root = Table { entries: Vec::with_capacity(8) };
    // The `[answers.KEY]` tables, and the one being filled.
    let mut answers: Vec<Entry<'_>> = Vec::with_capacity(text.len() / 128);
    let mut answers_start = None;
    let mut current: Option<Entry<'_>> = None;
    loop {
        p.skip_ws();
        match p.peek() {
            None => break,
            Some(b'\n') => p.i += 1,
            Some(b'[') => {
                let start = p.i;
                if !p.b[p.i..].starts_with(b"[answers.") {
                    return None;
                }
                p.i += "[answers.".len();
                let key_start = p.i;
                let key = match p.peek()? {
                    b'"' => p.basic_string()?,
                    _ => p.bare_key()?,
                };
                let key_span = key_start..p.i;
                if p.peek()? != b']' {
                    return None;
                }
                p.i += 1;
                let span = start..p.i;
                p.end_of_line()?;
                answers.extend(current.take());
                answers_start.get_or_insert(start);
                let table = Table { entries: Vec::with_capacity(4) };
                current = Some(Entry { key, key_span, value: Value { span, v: V::Table(table) } });
            }
            Some(_) => {
                let key_start = p.i;
                let key = p.bare_key()?;
                let key_span = key_start..p.i;
                p.skip_ws();
                if p.peek()? != b'=' {
                    return None;
                }
                p.i += 1;
                p.skip_ws();
                let value = p.value(true)?;
                p.end_of_line()?;
                match &mut current {
                    Some(Entry { value: Value { v: V::Table(t), .. }, .. }) => t.push(key, key_span, value)?,
                    Some(_) => unreachable!("answer entries are tables"),
                    // `answers` itself is only known here through its headers.
                    None if key == "answers" => return None,
                    None => root.push(key, key_span, value)?,
                }
            }
        }
    }
    answers.extend(current.take());
    if let Some(start) = answers_start {
        // Each KEY once: sort a list of the keys and look at neighbours.
        let mut keys: Vec<&str> = answers.iter().map(|e| e.key).collect();
        keys.sort_unstable();
        if keys.windows(2).any(|w| w[0] == w[1]) {
            return None;
        }
        let span = start..text.len();
        root.push("answers", start..start, Value { span, v: V::Table(Table { entries: answers }) })?;
    }
    Some(root)
}

struct Parser<'i> {
    text: &'i str,
    b: &'i [u8],
    i: usize,
}

impl<'i> Parser<'i> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t') = self.peek() {
            self.i += 1;
        }
    }

    /// Spaces, newlines (LF only) between array items.
    fn skip_ws_nl(&mut self) {
        while let Some(b' ' | b'\t' | b'\n') = self.peek() {
            self.i += 1;
        }
    }

    /// After a value or a header: spaces, then a line end or the end of the text.
    fn end_of_line(&mut self) -> Option<()> {
        self.skip_ws();
        match self.peek() {
            None => Some(()),
            Some(b'\n') => {
                self.i += 1;
                Some(())
            }
            Some(_) => None,
        }
    }

    fn bare_key(&mut self) -> Option<&'i str> {
        let start = self.i;
        while let Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-') = self.peek() {
            self.i += 1;
        }
        (self.i > start).then(|| &self.text[start..self.i])
    }

    /// `"…"` without escapes or control characters, not multi-line; the content.
    fn basic_string(&mut self) -> Option<&'i str> {
        self.quoted(b'"')
    }

    /// `'…'` without control characters, not multi-line; the content.
    fn literal_string(&mut self) -> Option<&'i str> {
        self.quoted(b'\'')
    }

    fn quoted(&mut self, q: u8) -> Option<&'i str> {
        debug_assert_eq!(self.peek(), Some(q));
        let start = self.i + 1;
        // The first byte that ends the string or makes us give up: the quote, a backslash in
        // a basic string (an escape), a control character other than tab. Most bytes are none
        // of these: one table lookup each.
        let (stop, spoil) = if q == b'"' { (&STOP_BASIC, b'\\') } else { (&STOP_LITERAL, q) };
        // Eight bytes at a time while none of them can be such a byte, then one at a time.
        let mut j = start;
        while let Some(chunk) = self.b.get(j..j + 8) {
            let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if has_less(w, 0x20) | has_byte(w, q) | has_byte(w, spoil) | has_byte(w, 0x7f) != 0 {
                break;
            }
            j += 8;
        }
        let j = j + self.b[j..].iter().position(|&c| stop[usize::from(c)])?;
        if self.b[j] != q {
            return None;
        }
        // `""` is an empty string, but `"""` opens a multi-line one.
        if j == start && self.b.get(j + 1) == Some(&q) {
            return None;
        }
        self.i = j + 1;
        Some(&self.text[start..j])
    }

    /// `"""` LF, then lines of armor characters (`A-Za-z0-9+/=-` and space), each ending in LF,
    /// then `"""`: an armored signature as `Sheet::to_toml` writes it. The content, without the
    /// line end that follows the opening quotes (TOML trims it).
    fn armor_string(&mut self) -> Option<&'i str> {
        let start = self.i + 4;
        let len = self.b[start..].iter().position(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=' | b'-' | b' ' | b'\n')))?;
        let end = start + len;
        // The content ends with a line end, and the closing quotes are exactly three.
        if !self.b[start..end].ends_with(b"\n") || !self.b[end..].starts_with(b"\"\"\"") || self.b.get(end + 3) == Some(&b'"') {
            return None;
        }
        self.i = end + 3;
        Some(&self.text[start..end])
    }

    /// A value. Arrays only where `arrays` is true (a key's value, not inside an inline table).
    fn value(&mut self, arrays: bool) -> Option<Value<'i>> {
        let start = self.i;
        let v = match self.peek()? {
            b'"' if self.b[self.i..].starts_with(b"\"\"\"\n") => V::String(self.armor_string()?),
            b'"' => V::String(self.basic_string()?),
            b'\'' => V::String(self.literal_string()?),
            b'[' if arrays => self.array()?,
            b'-' | b'0'..=b'9' => self.number_or_date()?,
            b't' | b'f' => {
                let word = self.bare_key()?;
                match word {
                    "true" => V::Boolean(true),
                    "false" => V::Boolean(false),
                    _ => return None,
                }
            }
            _ => return None,
        };
        Some(Value { span: start..self.i, v })
    }

    /// A decimal integer or float, or a local date.
    fn number_or_date(&mut self) -> Option<V<'i>> {
        let start = self.i;
        // The whole token: anything a number, date or time could be made of, so that what
        // follows must be a separator (checked by the caller).
        while let Some(b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' | b'_' | b'.' | b'-' | b'+' | b':') = self.peek() {
            self.i += 1;
        }
        let tok = &self.text[start..self.i];
        if let Some(d) = date(tok) {
            // `2020-01-22 10:00` is a date and a time: give up on a space followed by a digit.
            if let (Some(b' '), Some(b'0'..=b'9')) = (self.peek(), self.b.get(self.i + 1).copied()) {
                return None;
            }
            return Some(V::Date(d));
        }
        if tok.len() > 18 {
            return None;
        }
        let digits = tok.strip_prefix('-').unwrap_or(tok);
        let (int, frac) = match digits.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (digits, None),
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(int) || (int.len() > 1 && int.starts_with('0')) {
            return None;
        }
        match frac {
            None => Some(V::Integer(tok)),
            Some(f) if all_digits(f) => Some(V::Float(tok)),
            Some(_) => None,
        }
    }

    /// `[ {…}, {…} ]` over any number of lines: inline tables only, trailing comma allowed.
    fn array(&mut self) -> Option<V<'i>> {
        self.i += 1;
        let mut items = Vec::with_capacity(2);
        loop {
            self.skip_ws_nl();
            match self.peek()? {
                b']' => break,
                b'{' => items.push(self.inline_table()?),
                _ => return None,
            }
            self.skip_ws_nl();
            match self.peek()? {
                b',' => self.i += 1,
                b']' => break,
                _ => return None,
            }
        }
        self.i += 1;
        Some(V::Array(items))
    }

    /// `{ key = scalar, … }` on one line, no trailing comma.
    fn inline_table(&mut self) -> Option<Value<'i>> {
        let start = self.i;
        self.i += 1;
        let mut t = Table { entries: Vec::with_capacity(4) };
        self.skip_ws();
        if self.peek()? != b'}' {
            loop {
                let key_start = self.i;
                let key = self.bare_key()?;
                let key_span = key_start..self.i;
                self.skip_ws();
                if self.peek()? != b'=' {
                    return None;
                }
                self.i += 1;
                self.skip_ws();
                let value = self.value(false)?;
                t.push(key, key_span, value)?;
                self.skip_ws();
                match self.peek()? {
                    b',' => {
                        self.i += 1;
                        self.skip_ws();
                    }
                    b'}' => break,
                    _ => return None,
                }
            }
        }
        self.i += 1;
        Some(Value { span: start..self.i, v: V::Table(t) })
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Non-zero when some byte of `w` is below `n` (`n` ≤ 128). May point at the wrong byte, never
/// misses one: used only to leave the eight-bytes-at-a-time loop.
const fn has_less(w: u64, n: u8) -> u64 {
    w.wrapping_sub(ONES * n as u64) & !w & HIGHS
}

/// Non-zero when some byte of `w` is `b` (same caveat as [`has_less`]).
const fn has_byte(w: u64, b: u8) -> u64 {
    has_less(w ^ (ONES * b as u64), 1)
}

/// Bytes that end or spoil a basic string: `"`, `\\`, control characters but tab, DEL.
static STOP_BASIC: [bool; 256] = stop_table(b"\"\\");
/// Bytes that end or spoil a literal string: `'`, control characters but tab, DEL.
static STOP_LITERAL: [bool; 256] = stop_table(b"'");

const fn stop_table(also: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = c != 0x09;
        c += 1;
    }
    t[0x7f] = true;
    let mut k = 0;
    while k < also.len() {
        t[also[k] as usize] = true;
        k += 1;
    }
    t
}

/// `YYYY-MM-DD`, a day that exists, year 1 to 9999 (what `crate::date::Date` accepts).
fn date(tok: &str) -> Option<Datetime> {
    let b = tok.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: Range<usize>| -> Option<u16> { b[r].iter().try_fold(0u16, |n, &c| c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0'))) };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (month, day) = (u8::try_from(month).ok()?, u8::try_from(day).ok()?);
    super::date::Date::new(i32::from(year), month, day)?;
    Some(Datetime { date: Some(Date { year, month, day }), time: None, offset: None })
}
