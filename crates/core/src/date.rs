//! Calendar dates: stored ISO (`2020-01-22` in TOML), shown day-first (`22/01/2020`).

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=9999).contains(&year) && day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Parses a day-first date as people type it: `22/01/2020`, `22/1/2020`, `22-01-2020`,
    /// `22.01.2020`, or ISO `2020-01-22`.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let n = |p: &str| p.parse::<i32>().ok();
        if parts[0].len() == 4 {
            Date::new(n(parts[0])?, u8::try_from(n(parts[1])?).ok()?, u8::try_from(n(parts[2])?).ok()?)
        } else if parts[2].len() == 4 {
            Date::new(n(parts[2])?, u8::try_from(n(parts[1])?).ok()?, u8::try_from(n(parts[0])?).ok()?)
        } else {
            None
        }
    }

    /// ISO form, as written in TOML files.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_from_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

/// Day-first, as Vietnamese documents write dates: `22/01/2020`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

/// A moment, as seconds since the Unix epoch, and its rendering in a fixed UTC offset.
pub fn now_unix() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// `(date, "HH:MM")` of a Unix time in a UTC offset given in minutes (Vietnam: +420).
pub fn local_parts(unix: i64, offset_min: i32) -> (Date, String) {
    let t = unix + i64::from(offset_min) * 60;
    let date = Date::from_days(t.div_euclid(86_400));
    let secs = t.rem_euclid(86_400);
    (date, format!("{:02}:{:02}", secs / 3600, (secs % 3600) / 60))
}

/// RFC 3339 timestamp in the given offset, for logs: `2020-12-15T09:30:00+07:00`.
pub fn rfc3339(unix: i64, offset_min: i32) -> String {
    let t = unix + i64::from(offset_min) * 60;
    let date = Date::from_days(t.div_euclid(86_400));
    let secs = t.rem_euclid(86_400);
    let sign = if offset_min < 0 { '-' } else { '+' };
    let off = offset_min.unsigned_abs();
    format!("{}T{:02}:{:02}:{:02}{sign}{:02}:{:02}", date.iso(), secs / 3600, (secs % 3600) / 60, secs % 60, off / 60, off % 60)
}

/// Unix time of an RFC 3339 time as parindex writes it ([`rfc3339`]):
/// `YYYY-MM-DDTHH:MM:SS` then `Z` or `±HH:MM` (a fraction of a second is allowed and dropped).
/// `None` for anything else.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || !s.is_ascii() || b[10] != b'T' && b[10] != b't' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<i64> {
        let p = &s[r];
        if p.bytes().all(|c| c.is_ascii_digit()) { p.parse().ok() } else { None }
    };
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = Date::new(i32::try_from(digits(0..4)?).ok()?, u8::try_from(digits(5..7)?).ok()?, u8::try_from(digits(8..10)?).ok()?)?;
    let (h, m, sec) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        rest = &frac[n..];
    }
    let offset = match rest.as_bytes() {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let oh: i64 = rest[1..3].parse().ok().filter(|_| rest[1..3].bytes().all(|c| c.is_ascii_digit()))?;
            let om: i64 = rest[4..6].parse().ok().filter(|_| rest[4..6].bytes().all(|c| c.is_ascii_digit()))?;
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if *sign == b'-' { -o } else { o }
        }
        _ => return None,
    };
    Some(date.days_from_epoch() * 86_400 + h * 3600 + m * 60 + sec - offset)
}

/// A moment as the interface shows it: `13/12/2020 09:47` at the given UTC offset.
pub fn day_first(unix: i64, offset_min: i32) -> String {
    let (d, hm) = local_parts(unix, offset_min);
    format!("{d} {hm}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_reads_back() {
        for t in [0, 1_607_220_420, 1_765_000_000, -86_401] {
            assert_eq!(parse_rfc3339(&rfc3339(t, 420)), Some(t));
            assert_eq!(parse_rfc3339(&rfc3339(t, -90)), Some(t));
        }
        assert_eq!(parse_rfc3339("2020-12-01T09:30:00Z"), Some(1_606_815_000));
        assert_eq!(parse_rfc3339("2020-12-01T16:30:00.25+07:00"), Some(1_606_815_000));
        for bad in [
            "",
            "2020-12-01",
            "2020-12-01T09:30:00",
            "2020-13-01T09:30:00Z",
            "2020-12-01T24:00:00Z",
            "2020-12-01T09:30:00+7:00",
            "2020-12-01 09:30:00Z x",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
        assert_eq!(day_first(1_606_815_000, 420), "01/12/2020 16:30");
    }

    #[test]
    fn parses_day_first_and_iso() {
        let d = Date::new(2020, 1, 22).unwrap();
        assert_eq!(Date::parse("22/01/2020"), Some(d));
        assert_eq!(Date::parse("22/1/2020"), Some(d));
        assert_eq!(Date::parse("2020-01-22"), Some(d));
        assert_eq!(Date::parse("31/02/2020"), None);
        assert_eq!(Date::parse("29/02/2020"), Date::new(2020, 2, 29));
        assert_eq!(Date::parse("1/2"), None);
        assert_eq!(d.to_string(), "22/01/2020");
        assert_eq!(d.iso(), "2020-01-22");
    }

    #[test]
    fn epoch_days_round_trip() {
        for z in [-800_000i64, -1, 0, 1, 18_283, 2_932_896] {
            assert_eq!(Date::from_days(z).days_from_epoch(), z);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_from_epoch(), 0);
        assert_eq!(rfc3339(0, 420), "1970-01-01T07:00:00+07:00");
    }
}
