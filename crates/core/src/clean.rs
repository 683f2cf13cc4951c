//! Text from files or the OS made safe to show: on a terminal, `\u{1b}` starts an escape
//! sequence (clear the screen, retitle the window, rewrite the clipboard), BEL rings, and a
//! carriage return writes over the start of the line. The readers refuse control characters
//! in the files parindex reads (see `toml_in`), but an audit line, a lock file, a user name or
//! a file name reaches the screen by other ways: everything shown in a table, a log or the
//! dashboard goes through [`line`] (one line) or [`text`] (line breaks kept).
//!
//! Diagnostics have their own, more telling mapping (`diag::visible`: `␛` for ESC), since
//! they point at the bad byte.

use std::borrow::Cow;

/// The replacement shown for a control character.
pub const REPLACEMENT: char = '\u{fffd}';

/// One line of display: tab, LF and CR become a space, every other control character
/// (C0, DEL, C1) U+FFFD. Borrowed when there is nothing to change.
pub fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { one(c) }).collect())
}

/// Like [`line`], for an owned string (no copy when it is clean).
pub fn line_owned(s: String) -> String {
    match line(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(o) => o,
    }
}

/// Text of several lines (a note, a message): LF is kept, CR LF becomes LF, a tab becomes a
/// space, every other control character U+FFFD.
pub fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\n') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\t' => out.push(' '),
            c => out.push(one(c)),
        }
    }
    Cow::Owned(out)
}

fn one(c: char) -> char {
    if c.is_control() { REPLACEMENT } else { c }
}

/// JSON text (already serialised) with DEL and the C1 controls written as `\u` escapes:
/// serde_json escapes only U+0000–U+001F, and a terminal may act on U+009B (CSI). The data
/// is unchanged; those characters only ever occur inside JSON strings, where the escape
/// means the same character.
pub fn json(s: &str) -> Cow<'_, str> {
    let high = |c: char| ('\u{7f}'..='\u{9f}').contains(&c);
    if !s.chars().any(high) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if high(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text a user pastes into a field, made what the readers accept (they refuse control
/// characters in what parindex writes): CR LF and a lone CR become LF; in a one-line field
/// (`multi_line` false) LF and tab become a space; every other control character (the ESC of
/// an escape sequence, BEL, DEL, C1) is dropped. Borrowed when there is nothing to change.
pub fn pasted(s: &str, multi_line: bool) -> Cow<'_, str> {
    let keep = |c: char| !c.is_control() || (multi_line && matches!(c, '\n' | '\t'));
    if s.chars().all(keep) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            '\r' if chars.peek() == Some(&'\n') => continue,
            '\r' => '\n',
            c => c,
        };
        match c {
            '\n' | '\t' if !multi_line => out.push(' '),
            c if keep(c) => out.push(c),
            _ => {}
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a terminal could act on `s`: any byte below 0x20 but LF, DEL, or a C1 control.
    fn unsafe_for_terminal(s: &str, lf_ok: bool) -> bool {
        s.chars().any(|c| c.is_control() && !(lf_ok && c == '\n'))
    }

    #[test]
    fn one_line_has_no_control_and_no_line_break() {
        let hostile = "Văn\u{1b}[2J phòng\r\nSở\t\u{7}\u{7f}\u{9b}31m";
        let l = line(hostile);
        assert!(!unsafe_for_terminal(&l, false), "{l:?}");
        assert_eq!(l, "Văn\u{fffd}[2J phòng  Sở \u{fffd}\u{fffd}\u{fffd}31m");
        assert!(matches!(line("Văn phòng Sở — “CCHC”"), Cow::Borrowed(_)));
        assert_eq!(line_owned(hostile.to_owned()), l);
    }

    #[test]
    fn text_keeps_line_feeds_only() {
        let t = text("dòng 1\r\ndòng 2\n\u{1b}]0;owned\u{7}\rx\ty");
        assert!(!unsafe_for_terminal(&t, true), "{t:?}");
        assert_eq!(t, "dòng 1\ndòng 2\n\u{fffd}]0;owned\u{fffd}\u{fffd}x y");
        assert!(matches!(text("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_del_and_c1_and_stays_the_same_data() {
        let v = serde_json::json!({ "user": "a\u{1b}\u{7f}\u{9b}b" });
        let s = v.to_string();
        let out = json(&s);
        assert!(!unsafe_for_terminal(&out, false), "{out:?}");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn pasted_text_holds_only_what_the_files_may_hold() {
        assert!(matches!(pasted("Văn phòng \"Sở\" 😀", false), Cow::Borrowed(_)));
        assert_eq!(pasted("a\r\nb\rc\td\u{1b}[31me\u{7}\u{7f}\u{85}f", true), "a\nb\nc\td[31mef");
        assert_eq!(pasted("a\r\nb\rc\td\u{1b}[31me\n", false), "a b c d[31me ");
    }
}
