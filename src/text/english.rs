//! A detector of English sentences in Vietnamese output, for the tests that hold the program to
//! "every word in Vietnamese by default" (issue 11). Not used by the program itself.
//!
//! What is not prose is set aside first: text in backticks or quotes (keys, ids, values quoted
//! from a file), option names (`--unit`), paths and file names, placeholders in capitals
//! (`DIR`), URLs and the source excerpt under a diagnostic (lines starting with a gutter `|`
//! or a line number). What is left is English when it holds at least two different English
//! function words that Vietnamese never writes as words of its own.

/// English words that do not occur as Vietnamese words (Vietnamese `an`, `in`, `to`, `do`,
/// `con`, `my` are left out: they are common Vietnamese syllables; `no` is kept, since
/// Vietnamese writes it `no` only for "full", which interface text never says, and "has no"
/// is how many English messages end).
const ENGLISH: &[&str] = &[
    "the", "is", "are", "was", "were", "be", "been", "of", "and", "or", "not", "must", "cannot", "can", "this", "that", "with", "for", "has", "have",
    "only", "from", "by", "at", "its", "it", "when", "which", "would", "should", "there", "than", "more", "does", "found", "expected", "unknown",
    "missing", "file", "folder", "unit", "units", "error", "warning", "usage", "options", "print", "help", "version", "write", "read", "into",
    "each", "every", "your", "you", "use", "needs", "need", "already", "after", "before", "because", "while", "where", "what", "who", "how", "see",
    "try", "give", "given", "line", "column", "invalid", "value", "missing", "since", "being", "edited", "but", "no", "declared", "inside", "empty",
];

/// Words of `line` that make it English (empty when it reads as Vietnamese or as code).
pub fn english_words(line: &str) -> Vec<String> {
    let trimmed = line.trim_start();
    // A source excerpt under a diagnostic: ` 3 | title = "…"`, `  |     ^^^`, `  = note`.
    if trimmed.starts_with('|') || trimmed.split_once('|').is_some_and(|(n, _)| !n.trim().is_empty() && n.trim().chars().all(|c| c.is_ascii_digit()))
    {
        return Vec::new();
    }
    let prose = strip_quoted(line);
    let mut found: Vec<String> = Vec::new();
    for token in prose.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '.' || c == '/' || c == '\'')) {
        let token = token.trim_matches(|c: char| c == '.' || c == '\'');
        if token.is_empty()
            || token.starts_with('-')
            || token.contains('/')
            || token.contains('_')
            || token.contains('.')
            || (token.len() > 1 && token.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
        {
            continue;
        }
        let lower = token.to_lowercase();
        if ENGLISH.contains(&lower.as_str()) && !found.contains(&lower) {
            found.push(lower);
        }
    }
    if found.len() >= 2 { found } else { Vec::new() }
}

/// The lines of `text` that read as English, each with the words that gave it away.
pub fn english_lines(text: &str) -> Vec<(String, Vec<String>)> {
    text.lines()
        .filter_map(|l| {
            let w = english_words(l);
            (!w.is_empty()).then(|| (l.to_owned(), w))
        })
        .collect()
}

/// `line` without what sits between backticks, straight or curly double quotes, and URLs.
fn strip_quoted(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut close: Option<char> = None;
    for c in line.chars() {
        match close {
            Some(end) if c == end => close = None,
            Some(_) => {}
            None => match c {
                '`' => close = Some('`'),
                '"' => close = Some('"'),
                '“' => close = Some('”'),
                c => out.push(c),
            },
        }
    }
    out.split_whitespace().filter(|w| !w.contains("://")).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_prose_is_caught_and_vietnamese_with_code_is_not() {
        assert!(!english_lines("parindex: the unit is `final`; this is possible only from draft").is_empty());
        assert!(!english_words("  -h, --help  Print help (see more with '--help')").is_empty());
        assert!(!english_words("s.toml:3:7: `1.4`: more than the maximum 3 of the unit").is_empty());
        assert!(!english_words("w/workspace.toml:2:13: `scorecard` must be a file inside the workspace folder").is_empty());
        assert!(!english_words("w/nope.toml: cannot read file: no such file or folder").is_empty());
        assert!(!english_words("w/workspace.toml:1:1: workspace.toml has no `title`").is_empty());
        for vi in [
            "s.toml:3:7: `1.4`: vượt quá điểm tối đa 3",
            "Cách dùng: parindex [TÙY CHỌN] [LỆNH]",
            "  -w, --workspace <DIR>  Thư mục của đợt đánh giá",
            " 3 | title = \"the unit is not in the file\"",
            "cảnh báo: `points` và `choice` không đi cùng nhau (an toàn)",
            "Đã ghi /tmp/the-file-of-units.csv",
            "w/scorecard.toml:12:1: khóa `maks` không hợp lệ trong một `[[criterion]]` (tiêu chí) (các khóa hợp lệ: `id`, `unit`, `options`)",
            "vp.toml:6:60: tệp kiểm chứng `../../x`: không được ra ngoài thư mục evidence/ (`..`)",
            "s.toml:2:8: Lỗi cú pháp TOML: bộ đọc TOML báo `something is not expected` (xem lại cú pháp tại vị trí này)",
        ] {
            assert!(english_lines(vi).is_empty(), "{vi}: {:?}", english_lines(vi));
        }
    }
}
