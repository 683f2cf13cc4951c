//! Evidence files attached to a criterion (issue 20): which files are taken (PDF, images,
//! office documents, by extension and by their first bytes), the name they are stored under
//! (`<first 12 hex of SHA-256>-<safe name>` in `evidence/<unit>/`), and the size limit. No
//! files here: the store reads and writes them.

use unicode_normalization::UnicodeNormalization;

/// The default largest file taken, in MB (workspace.toml's `evidence_max_mb` changes it).
pub const DEFAULT_MAX_MB: u64 = 20;
/// The largest `evidence_max_mb` workspace.toml may set.
pub const MAX_MAX_MB: u64 = 1024;
/// The most characters of a stored file's safe name (the digest's 13 characters aside).
pub const SAFE_NAME_MAX: usize = 80;
/// The hex digits of the digest that start a stored name.
pub const PREFIX_HEX: usize = 12;

/// The kinds of file taken, with the extensions that name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Png,
    Jpeg,
    Gif,
    Tiff,
    Webp,
    /// docx, xlsx, pptx, odt, ods, odp: a ZIP container.
    OfficeZip,
    /// doc, xls, ppt: an OLE compound file.
    OfficeOle,
}

/// The extensions taken (lower case), and their kind.
pub const EXTENSIONS: &[(&str, Kind)] = &[
    ("pdf", Kind::Pdf),
    ("png", Kind::Png),
    ("jpg", Kind::Jpeg),
    ("jpeg", Kind::Jpeg),
    ("gif", Kind::Gif),
    ("tif", Kind::Tiff),
    ("tiff", Kind::Tiff),
    ("webp", Kind::Webp),
    ("docx", Kind::OfficeZip),
    ("xlsx", Kind::OfficeZip),
    ("pptx", Kind::OfficeZip),
    ("odt", Kind::OfficeZip),
    ("ods", Kind::OfficeZip),
    ("odp", Kind::OfficeZip),
    ("doc", Kind::OfficeOle),
    ("xls", Kind::OfficeOle),
    ("ppt", Kind::OfficeOle),
];

/// Why a file is not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeProblem {
    /// The extension is not one of [`EXTENSIONS`] (the extension found, maybe empty).
    Extension(String),
    /// The extension is taken but the file's first bytes are not of that kind.
    Content(String),
}

impl Kind {
    /// Whether `head` (the file's first bytes, at least 12 when the file has them) starts as
    /// this kind of file does.
    pub fn matches(self, head: &[u8]) -> bool {
        match self {
            Kind::Pdf => head.starts_with(b"%PDF-"),
            Kind::Png => head.starts_with(b"\x89PNG\r\n\x1a\n"),
            Kind::Jpeg => head.starts_with(b"\xff\xd8\xff"),
            Kind::Gif => head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a"),
            Kind::Tiff => head.starts_with(b"II*\0") || head.starts_with(b"MM\0*"),
            Kind::Webp => head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP",
            Kind::OfficeZip => head.starts_with(b"PK\x03\x04"),
            Kind::OfficeOle => head.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
        }
    }
}

/// The lower-case extension of a file name (after the last `.`), empty when none.
pub fn extension(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_lowercase(),
        _ => String::new(),
    }
}

/// Whether a file named `name` whose first bytes are `head` is taken: its extension must be
/// one of [`EXTENSIONS`] and its bytes must be of that kind (a renamed program is refused).
pub fn sniff(name: &str, head: &[u8]) -> Result<Kind, TypeProblem> {
    let ext = extension(name);
    let Some(&(_, kind)) = EXTENSIONS.iter().find(|(e, _)| *e == ext) else { return Err(TypeProblem::Extension(ext)) };
    if kind.matches(head) { Ok(kind) } else { Err(TypeProblem::Content(ext)) }
}

/// A file name made safe to store: Vietnamese (and other Latin) letters folded to ASCII
/// (`Báo cáo đợt 1.pdf` → `Bao-cao-dot-1.pdf`), every character but ASCII letters, digits,
/// `.`, `_` and `-` made a `-` (no separators, no control characters, no spaces), runs of
/// `-` joined, no leading `.` or `-`, at most [`SAFE_NAME_MAX`] characters with the extension
/// kept; `tep` when nothing is left.
pub fn safe_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.nfd() {
        let c = match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        };
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_start_matches(['.', '-']).trim_end_matches('-');
    let mut s = trimmed.to_owned();
    if s.len() > SAFE_NAME_MAX {
        let ext = extension(&s);
        let keep_ext = !ext.is_empty() && ext.len() < 10;
        let tail = if keep_ext { format!(".{ext}") } else { String::new() };
        let stem: String = s.chars().take(SAFE_NAME_MAX - tail.len()).collect();
        s = format!("{}{tail}", stem.trim_end_matches(['-', '.']));
    }
    if s.is_empty() || s.starts_with('.') { "tep".into() } else { s }
}

/// The name an attached file is stored under in `evidence/<unit>/`: the first
/// [`PREFIX_HEX`] hex digits of its SHA-256, `-`, and its [`safe_name`].
pub fn stored_name(sha256_hex: &str, name: &str) -> String {
    format!("{}-{}", short_digest(sha256_hex), safe_name(name))
}

/// The path under `evidence/` of a unit's attached file.
pub fn stored_path(unit: &str, sha256_hex: &str, name: &str) -> String {
    format!("{unit}/{}", stored_name(sha256_hex, name))
}

/// A size in bytes for people, in the units `evidence_max_mb` counts (1 KB = 1,024 bytes,
/// 1 MB = 1,048,576): `12,3 MB`, `850 KB`, `512 B` (decimal comma when `comma`).
pub fn human_size(bytes: u64, comma: bool) -> String {
    use rust_decimal::Decimal;
    let (unit, per) = match bytes {
        0..1024 => return format!("{bytes} B"),
        1024..1_048_576 => ("KB", 1024u32),
        _ => ("MB", 1_048_576),
    };
    // One decimal, a tie to the even digit (1,25 KB is 1,2 KB), no trailing zero.
    let v = (Decimal::from(bytes) / Decimal::from(per)).round_dp(1).normalize();
    let sep = if comma { ',' } else { '.' };
    format!("{} {unit}", crate::num::fmt_short(v, sep))
}

/// A digest as people are shown it (and as a stored name starts): its first [`PREFIX_HEX`]
/// hex digits, or all of it when shorter.
pub fn short_digest(hex: &str) -> &str {
    let end = hex.char_indices().nth(PREFIX_HEX).map_or(hex.len(), |(i, _)| i);
    &hex[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_to_safe_ascii() {
        assert_eq!(safe_name("Báo cáo đợt 1.pdf"), "Bao-cao-dot-1.pdf");
        assert_eq!(safe_name("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_name("a\u{7}\nb.png"), "a-b.png");
        assert_eq!(safe_name(".hidden.pdf"), "hidden.pdf");
        assert_eq!(safe_name("…"), "tep");
        let long = format!("{}.pdf", "Quyết định ".repeat(30));
        let s = safe_name(&long);
        assert!(s.len() <= SAFE_NAME_MAX && s.ends_with(".pdf"), "{s}");
        assert_eq!(stored_name("0123456789abcdef", "Kế hoạch.pdf"), "0123456789ab-Ke-hoach.pdf");
    }

    #[test]
    fn types_by_extension_and_bytes() {
        assert_eq!(sniff("a.PDF", b"%PDF-1.7\n"), Ok(Kind::Pdf));
        assert_eq!(sniff("a.docx", b"PK\x03\x04rest"), Ok(Kind::OfficeZip));
        assert_eq!(sniff("a.pdf", b"MZ\x90\0"), Err(TypeProblem::Content("pdf".into())));
        assert_eq!(sniff("a.exe", b"MZ"), Err(TypeProblem::Extension("exe".into())));
        assert_eq!(sniff("pdf", b"%PDF-"), Err(TypeProblem::Extension(String::new())));
        assert_eq!(human_size(12_345_678, true), "11,8 MB");
        assert_eq!(human_size(2_048, false), "2 KB");
        assert_eq!(human_size(20 << 20, true), "20 MB");
        assert_eq!(human_size(1023, true), "1023 B");
        assert_eq!(human_size(1024, true), "1 KB");
        // Ties go to the even digit; a value that rounds up to the next unit keeps its unit.
        assert_eq!(human_size(1280, true), "1,2 KB");
        assert_eq!(human_size(1792, false), "1.8 KB");
        assert_eq!(human_size(1_048_575, true), "1024 KB");
        assert_eq!(human_size(u64::MAX, false), "17592186044416 MB");
    }

    #[test]
    fn a_digest_is_shown_by_its_first_twelve_digits() {
        let hex = "0123456789abcdef0123";
        assert_eq!(short_digest(hex), "0123456789ab");
        assert_eq!(short_digest("abc"), "abc");
        assert_eq!(short_digest("ééééééééééééé"), "éééééééééééé", "never a panic on a char boundary");
        assert!(stored_name(hex, "a.pdf").starts_with("0123456789ab-"));
    }
}
