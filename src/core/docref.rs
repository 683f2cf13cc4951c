//! Document numbers as Nghị định 30/2020/NĐ-CP writes them: `311/KH-SKH&CN`,
//! `30/2018/QĐ-UBND`, `2231/SNV-CCHC&PC` (a công văn has no type code).

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
    let s = reference.trim();
    let s = s.strip_prefix("Số:").or_else(|| s.strip_prefix("số:")).or_else(|| s.strip_prefix("Số")).unwrap_or(s).trim();
    if s.is_empty() {
        return Some(Problem::Empty);
    }
    if s.contains(char::is_whitespace) {
        return Some(Problem::Spaces);
    }
    let parts: Vec<&str> = s.split('/').collect();
    if parts.len() < 2 {
        return Some(Problem::NoSlash);
    }
    if parts.len() > 3 {
        return Some(Problem::TooManySlashes);
    }
    let number = parts[0];
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Problem::NumberNotDigits);
    }
    if parts.len() == 3 && !(parts[1].len() == 4 && parts[1].bytes().all(|b| b.is_ascii_digit())) {
        return Some(Problem::BadYear);
    }
    let symbol = parts[parts.len() - 1];
    if symbol.is_empty() {
        return Some(Problem::NoSymbol);
    }
    for group in symbol.split('-') {
        if group.is_empty() {
            return Some(Problem::EmptyGroup);
        }
        if !group.chars().all(|c| c.is_alphanumeric() || c == '&') || !group.chars().next().is_some_and(char::is_alphabetic) {
            return Some(Problem::BadGroup);
        }
    }
    None
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
    fn flags_what_is_not_a_document_number() {
        for bad in ["", "KH-SKH&CN", "44 /KH-SKH&CN", "abc/KH", "44/", "44/KH--SKH", "44/KH-", "44/18/QĐ-UBND", "44/1/2/3", "báo cáo tháng 6"] {
            assert!(check(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn names_the_type() {
        assert_eq!(type_name("311/KH-SKH&CN"), Some("kế hoạch"));
        assert_eq!(type_name("30/2018/QĐ-UBND"), Some("quyết định"));
        assert_eq!(type_name("2231/SNV-CCHC&PC"), None);
    }
}
