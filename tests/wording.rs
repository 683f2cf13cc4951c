//! What a Vietnamese user reads (issue 22): dates as 13/12/2020 09:47, and no English where
//! it used to leak (each case below failed before its fix).

use std::fs;
use std::path::Path;

mod common;

use common::{Round, bin as parindex, output as out};

use parindex::text::english::english_lines;

/// A demo round (seed 2020): units in every status.
fn round() -> Round {
    Round::demo(8, 2020)
}

/// `parindex ARGS -w ROUND` in Vietnamese (the default): exit code, stdout, stderr.
fn vi(r: &Round, args: &[&str]) -> (Option<i32>, String, String) {
    out(parindex().args(args).arg("-w").arg(r.path()))
}

/// The same with `--lang en` first.
fn en(r: &Round, args: &[&str]) -> (Option<i32>, String, String) {
    out(parindex().arg("--lang").arg("en").args(args).arg("-w").arg(r.path()))
}

/// `13/12/2020 09:47`-shaped: day first, no ISO date, no `T`, no offset.
fn is_human_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 16
        && b[2] == b'/'
        && b[5] == b'/'
        && b[10] == b' '
        && b[13] == b':'
        && s.chars().enumerate().all(|(i, c)| [2, 5, 10, 13].contains(&i) || c.is_ascii_digit())
}

fn no_machine_time(text: &str) {
    for l in text.lines() {
        let iso = l.split(|c: char| c.is_whitespace() || c == '(' || c == ')').any(|w| {
            let b = w.as_bytes();
            b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && w[..4].bytes().all(|c| c.is_ascii_digit())
        });
        assert!(!iso && !l.contains("+07:00"), "a machine time for people: {l}");
    }
}

#[test]
fn one_format_for_times_shown_to_people() {
    use parindex::text::{human_time, human_unix};
    assert_eq!(human_time("2020-12-13T09:47:00+07:00"), "13/12/2020 09:47");
    assert_eq!(human_time("2020-12-13T02:47:00Z"), "13/12/2020 09:47", "in the round's time zone");
    assert_eq!(human_unix(0), "01/01/1970 07:00");
    assert_eq!(human_time("hôm qua"), "hôm qua", "not a time: as it is");
    assert!(is_human_time(&human_time("2026-12-05T18:59:38+07:00")));
}

#[test]
fn log_dates_are_day_first_and_confirm_is_worded() {
    let r = round();
    // A reviewer's decision on a news item (the demo's reviewer of 1.5.3 is the Office).
    let (code, _, err) = vi(&r, &["confirm", "--unit", "vp", "--item", "1"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, log, err) = vi(&r, &["log", "--unit", "vp"]);
    assert_eq!(code, Some(0), "{err}");
    no_machine_time(&log);
    let rows: Vec<&str> = log.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in &rows {
        assert!(is_human_time(&row.chars().take(16).collect::<String>()), "{row}");
    }
    assert!(log.contains("Xác nhận tin, bài của tiêu chí"), "{log}");
    assert!(!log.contains("confirm ") && !log.contains("confirmed") && !log.contains('∅'), "{log}");
    assert!(english_lines(&log).is_empty(), "{log}");
    // In English, the same entry in English.
    let (_, en, _) = en(&r, &["log", "--unit", "vp"]);
    assert!(en.contains("Confirmed a news item of criterion"), "{en}");
}

#[test]
fn check_says_when_a_sealed_file_was_submitted_day_first() {
    // `check` on a sealed file changed since: the time of submission, day first.
    let said = parindex::text::msg::Message::render(
        &parindex::core::say::store::StoreMsg::SealChanged {
            when: parindex::core::say::store::SubmittedAt(Some("2020-12-13T09:47:00+07:00".into())),
        },
        parindex::text::Lang::Vi,
    );
    assert!(said.contains("nộp lúc 13/12/2020 09:47"), "{said}");
}

#[test]
fn csv_refusal_is_vietnamese() {
    let r = round();
    let csv = r.root().join("x.csv");
    let (code, _, err) = vi(&r, &["export", "--sep", ",", "--decimal-comma", "-o", csv.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("dấu phẩy thập phân") && err.contains("--sep ';'"), "{err}");
    assert!(english_lines(&err).is_empty(), "{err}");
    let (code, _, err) = vi(&r, &["rank", "--format", "csv", "--sep", ",", "--decimal-comma"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("dấu phẩy thập phân"), "{err}");
    let (_, _, en) = en(&r, &["export", "--sep", ",", "--decimal-comma", "-o", csv.to_str().unwrap()]);
    assert!(en.contains("a decimal comma needs"), "{en}");
    assert!(!csv.exists());
}

#[test]
fn news_add_on_a_submitted_unit_is_refused_in_vietnamese() {
    let r = round();
    let (code, _, err) = vi(&r, &["news", "add", "--unit", "ttra", "--title", "Tin thử", "--date", "25/03/2020", "--link", "https://x.vn/a"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("“Đã nộp”") && err.contains("chỉ xem"), "{err}");
    assert!(english_lines(&err).is_empty() && !err.contains("read-only"), "{err}");
}

#[test]
fn the_dashboard_without_a_terminal_says_so_in_vietnamese() {
    let r = round();
    let o = common::std_bin().args(["tui", "--office", "-w"]).arg(r.path()).stdin(std::process::Stdio::null()).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("cửa sổ dòng lệnh") && err.contains("đầu vào và đầu ra chuẩn"), "{err}");
    assert!(!err.contains("must be a terminal") && english_lines(&err).is_empty(), "{err}");
}

#[test]
fn submit_with_a_file_that_is_not_a_key_is_worded_by_us() {
    common::need("ssh-keygen");
    let r = round();
    // `khtc` lists a head's key and is reopened: submitting needs its signature.
    let key = r.root().join("mai");
    let st = std::process::Command::new("ssh-keygen").args(["-q", "-t", "ed25519", "-N", "", "-C", "mai", "-f"]).arg(&key).status().unwrap();
    assert!(st.success());
    let public = fs::read_to_string(key.with_extension("pub")).unwrap().trim().to_owned();
    let toml = r.path().join("workspace.toml");
    let text = fs::read_to_string(&toml).unwrap().replacen("heads = [\"mai\"]", &format!("heads = [\"mai\"]\nkeys = [\"{public}\"]"), 1);
    fs::write(&toml, text).unwrap();
    parindex().args(["reopen", "--unit", "khtc", "-w"]).arg(r.path()).assert().success();
    let not_key = r.root().join("ghi-chu.txt");
    fs::write(&not_key, "đây không phải khóa\n").unwrap();
    let sub = r.path().join("submissions/khtc.toml");
    let before = fs::read(&sub).unwrap();
    let (code, _, err) = vi(&r, &["submit", "--unit", "khtc", "--key", not_key.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("không phải là tệp khóa SSH"), "{err}");
    assert!(!err.contains("Couldn't") && !err.contains("No such file"), "ssh-keygen's English: {err}");
    assert_eq!(fs::read(&sub).unwrap(), before, "nothing written");
    // The real key signs.
    let (code, _, err) = vi(&r, &["submit", "--unit", "khtc", "--key", key.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!parindex::core::sign::looks_like_key(&not_key));
    assert!(parindex::core::sign::looks_like_key(&key) && parindex::core::sign::looks_like_key(&key.with_extension("pub")));
    assert!(!parindex::core::sign::looks_like_key(Path::new("/nonexistent")));
}

#[test]
fn key_shapes_are_recognised() {
    let d = tempfile::tempdir().unwrap();
    let f = |name: &str, text: &str| {
        let p = d.path().join(name);
        fs::write(&p, text).unwrap();
        parindex::core::sign::looks_like_key(&p)
    };
    assert!(f("a", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n"));
    assert!(f("b", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx mai@vp\n"));
    assert!(!f("c", "-----BEGIN CERTIFICATE-----\n"));
    assert!(!f("d", ""));
    assert!(!f("e", "ssh-ed25519 xyz\n"));
}

#[test]
fn man_page_header_is_vietnamese() {
    let (code, man, _) = out(parindex().arg("man"));
    assert_eq!(code, Some(0));
    let th = man.lines().find(|l| l.starts_with(".TH")).unwrap();
    assert!(th.contains("Hướng dẫn lệnh") && !th.contains("General Commands Manual"), "{th}");
    let (_, man, _) = out(parindex().args(["man", "report"]));
    assert!(man.lines().find(|l| l.starts_with(".TH")).unwrap().contains("Hướng dẫn lệnh"));
}

#[test]
fn a_usage_error_points_to_the_help_of_the_command_that_failed() {
    // `-w` before the command is an error of `parindex` itself, not of `demo`.
    let (code, _, err) = out(parindex().args(["-w", "demo"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("`parindex --help`") && !err.contains("parindex demo --help"), "{err}");
    let (_, _, err) = out(parindex().args(["news", "add", "--bogus"]));
    assert!(err.contains("`parindex news add --help`"), "{err}");
}

#[test]
fn report_names_every_kind_of_document_and_writes_only_docx() {
    let r = round();
    let x = r.root().join("x.docx");
    let (code, _, err) = vi(&r, &["report", "-o", x.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--unit") && err.contains("--office"), "every choice is named: {err}");
    let pdf = r.root().join("x.pdf");
    let (code, _, err) = vi(&r, &["report", "--unit", "vp", "-o", pdf.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains(".docx") && english_lines(&err).is_empty(), "{err}");
    assert!(!pdf.exists() && !x.exists());
    // The extension in any case.
    let docx = r.root().join("thong-bao.DOCX");
    let (code, _, err) = vi(&r, &["report", "--office", "-o", docx.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(docx.exists());
}

#[test]
fn rank_csv_for_people_is_vietnamese_and_english_keeps_the_keys() {
    let r = round();
    let (code, vi, err) = vi(&r, &["rank", "--format", "csv"]);
    assert_eq!(code, Some(0), "{err}");
    let head = vi.lines().next().unwrap();
    assert!(head.starts_with("Hạng;Mã đơn vị;Đơn vị;"), "{head}");
    for key in ["draft", "submitted", "returned", "appraised", "final", "missing"] {
        assert!(!vi.split(';').any(|f| f == key), "{key} in {vi}");
    }
    let (_, en, _) = en(&r, &["rank", "--format", "csv"]);
    assert!(en.starts_with("rank,unit,name,group,status,total,index,self_index,band\n"), "{en}");
    assert!(en.contains(",draft,"), "{en}");
}
