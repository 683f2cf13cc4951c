//! Exact numbers: TOML number literals to `Decimal` exactly as written, rounding, and
//! the decimal comma used on screen.

use rust_decimal::{Decimal, RoundingStrategy};

/// Parses the text of a TOML integer or float literal (as written in the file) into an exact
/// `Decimal`: `0.1` is 0.1, `14.5` is 14.5, `1e1` is 10, `1_000` is 1000.
pub fn parse_literal(text: &str, radix: u32) -> Result<Decimal, LiteralError> {
    // The common case, plain decimal digits with at most a sign and a point (`18`, `0.25`,
    // `-3`), straight to the exact parse: the same result as the general path below, without
    // its copying and searching.
    if radix == 10 {
        let (neg, body) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        };
        if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            let value = Decimal::from_str_exact(body).map_err(|_| LiteralError::new(LiteralErrorKind::TooLarge, text))?;
            return Ok(if neg { -value } else { value });
        }
    }
    let cleaned: String = text.chars().filter(|&c| c != '_').collect();
    let (neg, body) = match cleaned.as_bytes().first() {
        Some(b'-') => (true, &cleaned[1..]),
        Some(b'+') => (false, &cleaned[1..]),
        _ => (false, cleaned.as_str()),
    };
    let body = body.trim_start_matches("0x").trim_start_matches("0o").trim_start_matches("0b");
    if body.contains("inf") || body.contains("nan") {
        return Err(LiteralError::new(LiteralErrorKind::NotFinite, text));
    }
    let out_of_range = || LiteralError::new(LiteralErrorKind::TooLarge, text);
    let value = if radix != 10 {
        let v = i128::from_str_radix(body, radix).map_err(|_| out_of_range())?;
        Decimal::try_from_i128_with_scale(v, 0).map_err(|_| out_of_range())?
    } else if let Some(epos) = body.find(['e', 'E']) {
        let (mant, exp) = (&body[..epos], &body[epos + 1..]);
        let exp: i64 = exp.parse().map_err(|_| out_of_range())?;
        let mant = parse_plain(mant).ok_or_else(out_of_range)?;
        scale_pow10(mant, exp).ok_or_else(out_of_range)?
    } else {
        parse_plain(body).ok_or_else(out_of_range)?
    };
    Ok(if neg { -value } else { value })
}

/// Why a number literal is not a point value (worded by `TomlMsg`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiteralError {
    pub kind: LiteralErrorKind,
    /// The literal as written.
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiteralErrorKind {
    TooLarge,
    NotFinite,
}

impl LiteralError {
    fn new(kind: LiteralErrorKind, text: &str) -> Self {
        LiteralError { kind, text: text.to_owned() }
    }
}

fn parse_plain(s: &str) -> Option<Decimal> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    Decimal::from_str_exact(s).ok()
}

fn scale_pow10(m: Decimal, exp: i64) -> Option<Decimal> {
    if !(-28..=28).contains(&exp) {
        return if m.is_zero() { Some(Decimal::ZERO) } else { None };
    }
    let ten = Decimal::TEN;
    let mut v = m;
    if exp >= 0 {
        for _ in 0..exp {
            v = v.checked_mul(ten)?;
        }
    } else {
        for _ in 0..(-exp) {
            // Division by ten is exact while the scale allows it.
            if v.scale() >= 28 {
                return None;
            }
            let mut w = v;
            w.set_scale(v.scale() + 1).ok()?;
            v = w;
        }
    }
    Some(v.normalize())
}

/// Rounds to 2 decimals, half away from zero (the rounding the spec uses everywhere).
pub fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `true` when `value` is a whole multiple of `step`.
pub fn is_multiple(value: Decimal, step: Decimal) -> bool {
    step.is_zero() || (value % step).is_zero()
}

/// Formats with a fixed number of decimals and the given decimal separator (`,` on screen for
/// Vietnamese users, `.` for English and machine formats). Thousands are not grouped.
pub fn fmt_fixed(d: Decimal, dp: u32, sep: char) -> String {
    let s = format!("{:.*}", dp as usize, round_to(d, dp));
    if sep == '.' { s } else { s.replace('.', &sep.to_string()) }
}

fn round_to(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Formats a point value as short as exact: `8,5`, `10`, `0,25` (trailing zeros dropped).
pub fn fmt_short(d: Decimal, sep: char) -> String {
    let s = d.normalize().to_string();
    if sep == '.' { s } else { s.replace('.', &sep.to_string()) }
}

/// Parses what a person typed: `8,5` and `8.5` both mean 8.5; spaces are ignored.
pub fn parse_typed(text: &str) -> Option<Decimal> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return None;
    }
    let t = t.replace(',', ".");
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.as_str()),
    };
    if body.matches('.').count() > 1 || body.starts_with('.') && body.len() == 1 {
        return None;
    }
    let v = parse_plain(body)?;
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn literals_are_exact() {
        assert_eq!(parse_literal("0.1", 10).unwrap(), d("0.1"));
        assert_eq!(parse_literal("0.05", 10).unwrap(), d("0.05"));
        assert_eq!(parse_literal("14.5", 10).unwrap(), d("14.5"));
        assert_eq!(parse_literal("1e1", 10).unwrap(), d("10"));
        assert_eq!(parse_literal("2.5E-1", 10).unwrap(), d("0.25"));
        assert_eq!(parse_literal("1_000.5", 10).unwrap(), d("1000.5"));
        assert_eq!(parse_literal("+3", 10).unwrap(), d("3"));
        assert_eq!(parse_literal("-0.75", 10).unwrap(), d("-0.75"));
        assert_eq!(parse_literal("ff", 16).unwrap(), d("255"));
        // 0.1 + 0.2 is exactly 0.3 once read as decimals.
        assert_eq!(parse_literal("0.1", 10).unwrap() + parse_literal("0.2", 10).unwrap(), d("0.3"));
    }

    #[test]
    fn hostile_literals_are_errors_not_panics() {
        for t in ["inf", "-inf", "nan", "+nan", "1e400", "1e-400", "99999999999999999999999999999999", "1e99999999999999999999"] {
            assert!(parse_literal(t, 10).is_err(), "{t}");
        }
        assert_eq!(parse_literal("0e999", 10).unwrap(), Decimal::ZERO);
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round2(d("87.125")), d("87.13"));
        assert_eq!(round2(d("87.135")), d("87.14"));
        assert_eq!(round2(d("-0.125")), d("-0.13"));
        assert_eq!(round2(d("87.1249999")), d("87.12"));
    }

    #[test]
    fn display_uses_the_requested_separator() {
        assert_eq!(fmt_fixed(d("87.25"), 2, ','), "87,25");
        assert_eq!(fmt_fixed(d("100"), 2, ','), "100,00");
        assert_eq!(fmt_fixed(d("87.255"), 2, '.'), "87.26");
        assert_eq!(fmt_short(d("8.50"), ','), "8,5");
        assert_eq!(fmt_short(d("10"), ','), "10");
    }

    #[test]
    fn typed_input_accepts_comma_and_point() {
        assert_eq!(parse_typed("8,5"), Some(d("8.5")));
        assert_eq!(parse_typed(" 8.5 "), Some(d("8.5")));
        assert_eq!(parse_typed("10"), Some(d("10")));
        assert_eq!(parse_typed("8,5,1"), None);
        assert_eq!(parse_typed("abc"), None);
        assert_eq!(parse_typed(""), None);
        assert_eq!(parse_typed("."), None);
    }

    #[test]
    fn multiples_of_step() {
        assert!(is_multiple(d("8.75"), d("0.25")));
        assert!(!is_multiple(d("8.1"), d("0.25")));
        assert!(is_multiple(d("0"), d("0.25")));
    }
}
