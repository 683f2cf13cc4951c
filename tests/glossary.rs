//! One word for each thing (issue 22, docs/thuat-ngu.md): no retired synonym in any Vietnamese
//! wording source (the string tables, export labels, the shipped scorecard's comments, the
//! Vietnamese docs) nor in what people see (the export goldens, the dashboard snapshots).

use std::fs;
use std::path::{Path, PathBuf};

/// Retired words, each with the glossary's word for it (compared lower-cased).
const RETIRED: &[(&str, &str)] = &[
    ("tự chấm", "tự đánh giá"),
    ("đang chấm", "Đang tự đánh giá"),
    // The unit's own progress: chấm is the Office's act (the Office “chấm” survey points).
    ("đã chấm", "Đã đánh giá / đã tự đánh giá"),
    ("chưa chấm", "Chưa đánh giá / chưa tự đánh giá"),
    ("không chấm", "không tự đánh giá"),
    ("minh chứng", "tài liệu kiểm chứng"),
    ("bộ tiêu chí", "bảng điểm"),
    ("bảng tiêu chí", "bảng điểm"),
    ("đợt chấm điểm", "đợt đánh giá"),
    ("sau thẩm định", "Điểm đạt"),
    ("thuyết minh", "giải trình"),
    ("chữ ký số", "chữ ký SSH"),
    ("ký số", "ký bằng khóa SSH"),
    ("xoá", "xóa"),
    ("huỷ", "hủy"),
    ("«", "“"),
    ("»", "”"),
];

/// Where "ký số"/"chữ ký số" is the right word: the Sở's CA-certified signatures in the
/// scorecard's criteria and the demo's news items (not parindex's SSH signatures), also as
/// the dashboard shows them.
fn ca_signatures_allowed(path: &Path, line: &str) -> bool {
    let p = path.to_string_lossy();
    (p.contains("scorecards/") && !line.trim_start().starts_with('#'))
        || p.contains("src/demo/")
        // The demo's news item, as the dashboard shows it.
        || ["ứng dụng chữ ký số", "chữ ký số chuyên dùng", "điện tử được ký số"].iter().any(|w| line.to_lowercase().contains(w))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn walk(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, exts, out);
        } else if exts.iter().any(|x| p.to_string_lossy().ends_with(x)) {
            out.push(p);
        }
    }
}

/// Every wording source and every output people read.
fn sources() -> Vec<PathBuf> {
    let r = root();
    let mut v = Vec::new();
    walk(&r.join("src"), &[".rs"], &mut v);
    walk(&r.join("crates/core/src/say"), &[".rs"], &mut v);
    walk(&r.join("scorecards"), &[".toml"], &mut v);
    walk(&r.join("docs"), &[".md"], &mut v);
    walk(&r.join("tests/golden"), &[".csv", ".md", ".html", ".json", ".txt"], &mut v);
    walk(&r.join("tests/snapshots"), &[".snap"], &mut v);
    v.push(r.join("README.md"));
    // The glossary names the retired words on purpose.
    v.retain(|p| !p.ends_with("docs/thuat-ngu.md"));
    v
}

fn retired_in(path: &Path, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let low = line.to_lowercase();
        for &(bad, good) in RETIRED {
            if !low.contains(bad) {
                continue;
            }
            if bad.contains("ký số") && ca_signatures_allowed(path, line) {
                continue;
            }
            // "chữ ký số" also contains "ký số": report it once.
            if bad == "ký số" && low.contains("chữ ký số") {
                continue;
            }
            found.push(format!("{}:{}: “{bad}” (say “{good}”): {}", path.display(), n + 1, line.trim()));
        }
    }
    found
}

#[test]
fn no_retired_synonym_in_any_wording_source_or_output() {
    let files = sources();
    assert!(files.len() > 50, "the scan found too few files ({}): wrong root?", files.len());
    assert!(files.iter().any(|p| p.ends_with("src/text/mod.rs")), "the string table is scanned");
    assert!(files.iter().any(|p| p.ends_with("scorecards/par-2020.toml")), "the scorecard is scanned");
    let mut bad = Vec::new();
    for p in &files {
        let Ok(text) = fs::read_to_string(p) else { continue };
        bad.extend(retired_in(p, &text));
        // Prose wraps: a retired phrase split over two lines of a document counts too.
        if p.extension().is_some_and(|e| e == "md") {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if bad.iter().all(|b| !b.starts_with(&p.display().to_string())) {
                bad.extend(retired_in(p, &joined).into_iter().map(|b| format!("{b} (across lines)")));
            }
        }
    }
    assert!(bad.is_empty(), "retired words (docs/thuat-ngu.md):\n{}", bad.join("\n"));
}

/// The check itself can fail: each retired word is caught, the CA exception holds only where
/// it should.
#[test]
fn the_check_catches_each_retired_word() {
    let table = Path::new("src/text/mod.rs");
    for &(bad, _) in RETIRED {
        let line = format!("    x: \"Một câu có {bad} ở giữa\",");
        assert!(!retired_in(table, &line).is_empty(), "{bad} not caught");
    }
    assert!(!retired_in(table, "st_draft: \"Đang chấm\",").is_empty());
    assert!(!retired_in(table, "\"Thiếu Minh Chứng\"").is_empty(), "case-insensitive");
    let sc = Path::new("scorecards/par-2020.toml");
    assert!(retired_in(sc, "title = \"Sử dụng chữ ký số chuyên dùng\"").is_empty(), "a criterion about CA signatures");
    assert!(!retired_in(sc, "# nộp được ký số").is_empty(), "the scorecard's comments are wording");
    assert!(!retired_in(sc, "guidance = \"đơn vị không tự chấm\"").is_empty());
}

/// The status words live in one place: the exports' status is the interface's.
#[test]
fn draft_status_is_one_word_everywhere() {
    use parindex::core::answers::Status;
    let vi = parindex::text::Lang::Vi.text();
    assert_eq!(vi.status(Some(Status::Draft)), "Đang tự đánh giá");
    for s in [None, Some(Status::Draft), Some(Status::Submitted), Some(Status::Returned), Some(Status::Appraised), Some(Status::Final)] {
        assert_eq!(parindex::export::labels::status(s), vi.status(s));
    }
}

/// Vietnamese prose quotes with “ ”: no escaped ASCII quote around words in the string tables,
/// outside code in backticks and the TOML templates the user copies.
#[test]
fn string_tables_quote_with_curly_quotes() {
    let mut files = Vec::new();
    walk(&root().join("src/text"), &[".rs"], &mut files);
    walk(&root().join("src/export"), &[".rs"], &mut files);
    let vi = |s: &str| s.chars().any(|c| "ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ".contains(c.to_lowercase().next().unwrap_or(c)));
    let mut bad = Vec::new();
    for p in &files {
        let text = fs::read_to_string(p).unwrap();
        for (n, line) in text.lines().enumerate() {
            let t = line.trim_start();
            if !vi(line)
                || t.starts_with("//")
                || t.starts_with("assert")
                || line.contains("\\n#")
                || line.contains("Source::new")
                || line.contains("pick(lang")
            {
                continue;
            }
            // Drop code in backticks, then look for \" left in the prose.
            let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
            if prose.contains("\\\"") {
                bad.push(format!("{}:{}: {}", p.display(), n + 1, t));
            }
        }
    }
    assert!(bad.is_empty(), "ASCII quotes in Vietnamese prose (use “ ”):\n{}", bad.join("\n"));
}
