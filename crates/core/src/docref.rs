//! Document numbers as Nghị định 30/2020/NĐ-CP writes them: `311/KH-SKH&CN`,
//! `30/2018/QĐ-UBND`, `2231/SNV-CCHC&PC` (a công văn has no type code); and as the Party and
//! mass organisations write them (Hướng dẫn 36-HD/VPTW): `18-NQ/TW`, `05-BC/CB`, `45-KH/ĐTN`.

/// Type codes of administrative documents (Nghị định 30/2020, Phụ lục III), plus copy marks.
pub const TYPE_CODES: &[(&str, &str)] = &[
    ("NQ", "nghị quyết"),
    ("QĐ", "quyết định"),
    ("CT", "chỉ thị"),
    ("QC", "quy chế"),
    ("QyĐ", "quy định"),
    ("TC", "thông cáo"),
    ("TB", "thông báo"),
    ("HD", "hướng dẫn"),
    ("CTr", "chương trình"),
    ("KH", "kế hoạch"),
    ("PA", "phương án"),
    ("ĐA", "đề án"),
    ("DA", "dự án"),
    ("BC", "báo cáo"),
    ("BB", "biên bản"),
    ("TTr", "tờ trình"),
    ("HĐ", "hợp đồng"),
    ("CĐ", "công điện"),
    ("BGN", "bản ghi nhớ"),
    ("BTT", "bản thỏa thuận"),
    ("GUQ", "giấy ủy quyền"),
    ("GM", "giấy mời"),
    ("GGT", "giấy giới thiệu"),
    ("GNP", "giấy nghỉ phép"),
    ("PG", "phiếu gửi"),
    ("PC", "phiếu chuyển"),
    ("PB", "phiếu báo"),
    ("SY", "bản sao y"),
    ("TrS", "bản trích sao"),
    ("SL", "bản sao lục"),
];

/// What is wrong with a reference, for callers that word it themselves (the TUI, in
/// Vietnamese). [`check`] gives the same in English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Empty,
    Spaces,
    NoSlash,
    TooManySlashes,
    NumberNotDigits,
    BadYear,
    NoSymbol,
    EmptyGroup,
    BadGroup,
}

impl Problem {
    pub fn message(self) -> &'static str {
        match self {
            Problem::Empty => "the number and symbol are empty",
            Problem::Spaces => "a document number has no spaces (e.g. 44/KH-SKH&CN)",
            Problem::NoSlash => "expected NUMBER/SYMBOL, e.g. 44/KH-SKH&CN",
            Problem::TooManySlashes => "too many '/' (form: 44/KH-SKH&CN or 30/2018/QĐ-UBND)",
            Problem::NumberNotDigits => "the number before '/' must be digits",
            Problem::BadYear => "the middle part must be a four-digit year (30/2018/QĐ-UBND)",
            Problem::NoSymbol => "the symbol after '/' is missing",
            Problem::EmptyGroup => "the symbol has an empty group (check the '-')",
            Problem::BadGroup => "symbol groups are letters (and '&') joined by '-', e.g. KH-SKH&CN",
        }
    }
}

/// Why a reference does not have the Nghị định 30/2020 form, or `None` when it does.
///
/// The form: a number (digits), optionally `/YEAR` (four digits, legal documents), then `/` and
/// the symbol: groups of letters (Vietnamese letters allowed, `&` allowed inside agency codes)
/// joined by `-`, with no spaces. A leading `Số:` / `số` is tolerated.
pub fn check(reference: &str) -> Option<&'static str> {
    problem(reference).map(Problem::message)
}

/// Like [`check`], as a [`Problem`].
pub fn problem(reference: &str) -> Option<Problem> {
    // This runs for every evidence item of every unit: one pass over the bytes for the common
    // ASCII case, no searching machinery; the checks and their order are those of the form.
    let s = reference.trim();
    let s = s.strip_prefix("Số:").or_else(|| s.strip_prefix("số:")).or_else(|| s.strip_prefix("Số")).unwrap_or(s).trim();
    if s.is_empty() {
        return Some(Problem::Empty);
    }
    let b = s.as_bytes();
    let has_space =
        if s.is_ascii() { b.iter().any(|&c| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')) } else { s.contains(char::is_whitespace) };
    if has_space {
        return Some(Problem::Spaces);
    }
    // NUMBER/SYMBOL or NUMBER/YEAR/SYMBOL: where the (at most three) slashes are.
    let mut slashes = [0usize; 3];
    let mut count = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'/' {
            if count == 3 {
                break;
            }
            slashes[count] = i;
            count += 1;
        }
    }
    if count == 0 {
        return Some(Problem::NoSlash);
    }
    if count == 3 {
        return Some(Problem::TooManySlashes);
    }
    let mut number = &b[..slashes[0]];
    // The Party form (Hướng dẫn 36-HD/VPTW): NUMBER-TYPE/ISSUER, e.g. 18-NQ/TW.
    if count == 1
        && let Some(dash) = number.iter().position(|&c| c == b'-')
    {
        if !symbol_group(&s[dash + 1..slashes[0]]) {
            return Some(Problem::BadGroup);
        }
        number = &number[..dash];
    }
    if number.is_empty() || !number.iter().all(u8::is_ascii_digit) {
        return Some(Problem::NumberNotDigits);
    }
    if count == 2 {
        let year = &b[slashes[0] + 1..slashes[1]];
        if !(year.len() == 4 && year.iter().all(u8::is_ascii_digit)) {
            return Some(Problem::BadYear);
        }
    }
    let symbol = &s[slashes[count - 1] + 1..];
    if symbol.is_empty() {
        return Some(Problem::NoSymbol);
    }
    for group in symbol.split('-') {
        if group.is_empty() {
            return Some(Problem::EmptyGroup);
        }
        if !symbol_group(group) {
            return Some(Problem::BadGroup);
        }
    }
    None
}

/// One group of a symbol: a letter, then letters, digits and `&` (`KH`, `SKH&CN`, `ĐTN`).
fn symbol_group(group: &str) -> bool {
    if group.is_empty() {
        return false;
    }
    if group.is_ascii() {
        let g = group.as_bytes();
        g[0].is_ascii_alphabetic() && g.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'&')
    } else {
        group.chars().all(|c| c == '&' || latin_letter(c) || c.is_alphanumeric())
            && group.chars().next().is_some_and(|c| latin_letter(c) || c.is_alphabetic())
    }
}

/// The reference with stray spaces around `/` and `-` taken out, when that is all that is
/// wrong with it: `311 /KH-SKH&CN` → `311/KH-SKH&CN` (the seed plan's own header).
pub fn fix_spaces(reference: &str) -> Option<String> {
    if problem(reference) != Some(Problem::Spaces) {
        return None;
    }
    let s = reference.trim();
    let s = s.strip_prefix("Số:").or_else(|| s.strip_prefix("số:")).or_else(|| s.strip_prefix("Số")).unwrap_or(s).trim();
    // Words joined again: with nothing between them where one ends or the next starts with a
    // separator, with a space elsewhere (which leaves the reference invalid: no fix then).
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        let glued = out.is_empty() || out.ends_with(['/', '-']) || word.starts_with(['/', '-']);
        if !glued {
            out.push(' ');
        }
        out.push_str(word);
    }
    (problem(&out).is_none()).then_some(out)
}

/// A valid reference whose number is below 10 and written without its leading 0 (Nghị định
/// 30/2020: "số … dưới 10 phải ghi thêm số 0 phía trước"): the reference as it should read.
pub fn missing_leading_zero(reference: &str) -> Option<String> {
    if problem(reference).is_some() {
        return None;
    }
    let s = reference.trim();
    let s = s.strip_prefix("Số:").or_else(|| s.strip_prefix("số:")).or_else(|| s.strip_prefix("Số")).unwrap_or(s).trim();
    let b = s.as_bytes();
    let single = b.first().is_some_and(|c| (b'1'..=b'9').contains(c)) && matches!(b.get(1), Some(b'/' | b'-'));
    single.then(|| format!("0{s}"))
}

/// ASCII letters and the Latin letters of U+00C0–U+024F (but × and ÷) and U+1E00–U+1EFF, where
/// Vietnamese letters are: alphabetic without a Unicode table lookup (the tests check each).
fn latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (('\u{C0}'..='\u{24F}').contains(&c) && c != '\u{D7}' && c != '\u{F7}') || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// The document type named by a reference's type code, when it has a known one.
pub fn type_name(reference: &str) -> Option<&'static str> {
    let symbol = reference.trim().rsplit('/').next()?;
    let code = symbol.split('-').next()?;
    TYPE_CODES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_forms_of_decree_30() {
        for ok in ["311/KH-SKH&CN", "44/KH-SKH&CN", "30/2018/QĐ-UBND", "2231/SNV-CCHC&PC", "02/BC-VP", "Số: 311/KH-SKH&CN", "05/TTr-TTr"] {
            assert_eq!(check(ok), None, "{ok}");
        }
    }

    #[test]
    fn accepts_the_party_form_of_guidance_36() {
        for ok in ["18-NQ/TW", "05-BC/CB", "12-CT/TU", "45-KH/ĐTN", "36-HD/VPTW", "Số: 05-NQ/ĐU"] {
            assert_eq!(check(ok), None, "{ok}");
        }
        for bad in ["18-/TW", "-NQ/TW", "x-NQ/TW", "18-NQ/", "18-N Q/TW", "18-NQ/2020/TW", "18-1/TW"] {
            assert!(check(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn offers_to_take_out_stray_spaces() {
        assert_eq!(fix_spaces("311 /KH-SKH&CN").as_deref(), Some("311/KH-SKH&CN"));
        assert_eq!(fix_spaces("Số: 311 / KH - SKH&CN").as_deref(), Some("311/KH-SKH&CN"));
        assert_eq!(fix_spaces("18 - NQ/TW").as_deref(), Some("18-NQ/TW"));
        // Nothing to fix, or more wrong than spaces.
        assert_eq!(fix_spaces("311/KH-SKH&CN"), None);
        assert_eq!(fix_spaces("BC 12 SKH&CN"), None);
        assert_eq!(fix_spaces("báo cáo tháng 6"), None);
    }

    #[test]
    fn numbers_below_ten_take_a_leading_zero() {
        assert_eq!(missing_leading_zero("5/KH-VP").as_deref(), Some("05/KH-VP"));
        assert_eq!(missing_leading_zero("Số: 5/KH-VP").as_deref(), Some("05/KH-VP"));
        assert_eq!(missing_leading_zero("5-NQ/CB").as_deref(), Some("05-NQ/CB"));
        for fine in ["05/KH-VP", "10/KH-VP", "0/KH-VP", "311/KH-SKH&CN", "5 /KH", "x"] {
            assert_eq!(missing_leading_zero(fine), None, "{fine}");
        }
    }

    #[test]
    fn flags_what_is_not_a_document_number() {
        for bad in ["", "KH-SKH&CN", "44 /KH-SKH&CN", "abc/KH", "44/", "44/KH--SKH", "44/KH-", "44/18/QĐ-UBND", "44/1/2/3", "báo cáo tháng 6"] {
            assert!(check(bad).is_some(), "{bad}");
        }
    }

    /// The first implementation, kept to compare the faster one with.
    fn check_before(reference: &str) -> Option<&'static str> {
        let s = reference.trim();
        let s = s.strip_prefix("Số:").or_else(|| s.strip_prefix("số:")).or_else(|| s.strip_prefix("Số")).unwrap_or(s).trim();
        if s.is_empty() {
            return Some("the number and symbol are empty");
        }
        if s.contains(char::is_whitespace) {
            return Some("a document number has no spaces (e.g. 44/KH-SKH&CN)");
        }
        let parts: Vec<&str> = s.split('/').collect();
        if parts.len() < 2 {
            return Some("expected NUMBER/SYMBOL, e.g. 44/KH-SKH&CN");
        }
        if parts.len() > 3 {
            return Some("too many '/' (form: 44/KH-SKH&CN or 30/2018/QĐ-UBND)");
        }
        let mut number = parts[0];
        if parts.len() == 2
            && let Some((n, ty)) = number.split_once('-')
        {
            if ty.is_empty() || !ty.chars().all(|c| c.is_alphanumeric() || c == '&') || !ty.chars().next().is_some_and(char::is_alphabetic) {
                return Some("symbol groups are letters (and '&') joined by '-', e.g. KH-SKH&CN");
            }
            number = n;
        }
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Some("the number before '/' must be digits");
        }
        if parts.len() == 3 && !(parts[1].len() == 4 && parts[1].bytes().all(|b| b.is_ascii_digit())) {
            return Some("the middle part must be a four-digit year (30/2018/QĐ-UBND)");
        }
        let symbol = parts[parts.len() - 1];
        if symbol.is_empty() {
            return Some("the symbol after '/' is missing");
        }
        for group in symbol.split('-') {
            if group.is_empty() {
                return Some("the symbol has an empty group (check the '-')");
            }
            if !group.chars().all(|c| c.is_alphanumeric() || c == '&') || !group.chars().next().is_some_and(char::is_alphabetic) {
                return Some("symbol groups are letters (and '&') joined by '-', e.g. KH-SKH&CN");
            }
        }
        None
    }

    /// splitmix64: the test's own random pieces (the demo's generator lives in the application).
    struct TestRng(u64);

    impl TestRng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) % n
        }
    }

    #[test]
    fn same_verdicts_as_the_first_implementation() {
        let pieces = [
            "", " ", "\t", "\u{a0}", "\u{2003}", "×", "÷", "ǀ", "Ư", "ơ", "ẞ", "\u{1EFF}", "\u{250}", "/", "//", "-", "--", "&", "Số:", "số:", "Số",
            "1", "44", "2018", "201", "20188", "KH", "QĐ", "Đ", "ệ", "x1", "1x", "SKH&CN", "&CN", "٣", "²", "ⅷ", "a b", "\u{85}",
        ];
        let mut rng = TestRng(30);
        for _ in 0..200_000 {
            let n = 1 + rng.below(7) as usize;
            let s: String = (0..n).map(|_| pieces[rng.below(pieces.len() as u64) as usize]).collect();
            assert_eq!(check(&s), check_before(&s), "{s:?}");
        }
        for s in ["311/KH-SKH&CN", "30/2018/QĐ-UBND", " Số: 44/KH ", "44/2018/", "1/2/3", "1/2/3/4", "44/KH-", "44/-KH", "44/1KH", "44/K1"] {
            assert_eq!(check(s), check_before(s), "{s:?}");
        }
    }

    #[test]
    fn latin_letters_are_alphabetic() {
        for c in ('\0'..='\u{2FFF}').filter(|&c| latin_letter(c)) {
            assert!(c.is_alphabetic(), "U+{:04X}", c as u32);
        }
        assert!(latin_letter('Đ') && latin_letter('ư') && latin_letter('ệ') && !latin_letter('×') && !latin_letter('1'));
    }

    #[test]
    fn names_the_type() {
        assert_eq!(type_name("311/KH-SKH&CN"), Some("kế hoạch"));
        assert_eq!(type_name("30/2018/QĐ-UBND"), Some("quyết định"));
        assert_eq!(type_name("2231/SNV-CCHC&PC"), None);
    }
}
