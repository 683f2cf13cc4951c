//! The round's workflow, roles, seals, audit log and submission exchange, through the CLI.

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use common::{Roles, bin as parindex, demo_in as demo};

fn stderr(c: &mut Command) -> (Option<i32>, String) {
    let (code, _, err) = common::output(c);
    (code, err)
}

/// The current OS user in exactly these roles (the Office's users also review).
fn set_roles(dir: &Path, office: bool, heads_of: &[&str], deadline: &str) {
    common::set_roles(dir, &Roles { office, reviewer: office, heads_of, deadline: Some(deadline) });
}

fn status_of(dir: &Path, unit: &str) -> String {
    let text = fs::read_to_string(dir.join(format!("submissions/{unit}.toml"))).unwrap();
    text.lines().find_map(|l| l.strip_prefix("status = ")).unwrap().trim_matches('"').to_owned()
}

#[test]
fn a_unit_goes_through_the_whole_workflow_with_a_seal_and_a_log() {
    let d = tempfile::tempdir().unwrap();
    demo(d.path());
    let w = d.path();
    parindex().arg("submit").arg("-w").arg(w).args(["--unit", "qlkh"]).assert().success();
    assert_eq!(status_of(w, "qlkh"), "submitted");
    let text = fs::read_to_string(w.join("submissions/qlkh.toml")).unwrap();
    assert!(text.contains("seal = \"sha256:"), "{text}");
    assert!(!text.contains("reopened"), "submitting clears the reopening");
    parindex().arg("check").arg(w).assert().success();
    parindex().arg("return").arg("-w").arg(w).args(["--unit", "qlkh"]).assert().success();
    assert_eq!(status_of(w, "qlkh"), "returned");
    parindex().arg("submit").arg("-w").arg(w).args(["--unit", "qlkh"]).assert().success();
    parindex().arg("mark-appraised").arg("-w").arg(w).args(["--unit", "qlkh"]).assert().success();
    parindex().arg("finalise").arg("-w").arg(w).args(["--unit", "qlkh"]).assert().success();
    assert_eq!(status_of(w, "qlkh"), "final");
    // A move that does not start from the current status: exit 2, nothing changed.
    let before = fs::read(w.join("submissions/qlkh.toml")).unwrap();
    let (code, err) = stderr(parindex().env("PARINDEX_LANG", "en").arg("submit").arg("-w").arg(w).args(["--unit", "qlkh"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("the unit is `final`"), "{err}");
    assert_eq!(fs::read(w.join("submissions/qlkh.toml")).unwrap(), before);
    // The log has every move, in order.
    let out = parindex().arg("log").arg("-w").arg(w).args(["--unit", "qlkh", "--format", "json"]).output().unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let lines: Vec<serde_json::Value> = lines.into_iter().filter(|l| l["action"] != "demo").collect();
    let actions: Vec<&str> = lines.iter().map(|l| l["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["submit", "seal", "return", "submit", "seal", "mark-appraised", "finalise"]);
    assert_eq!(lines[0]["old"], "draft");
    assert_eq!(lines[0]["new"], "submitted");
    assert!(lines.iter().all(|l| l["user"] == parindex::core::roles::current_user().as_str()));
}

#[test]
fn the_deadline_locks_a_draft_until_the_office_reopens_it() {
    let d = tempfile::tempdir().unwrap();
    demo(d.path());
    let w = d.path();
    // tttk has no submission; the demo's deadline (2020) has passed.
    let (code, err) = stderr(parindex().env("PARINDEX_LANG", "en").arg("submit").arg("-w").arg(w).args(["--unit", "tttk"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("the unit is `missing`"), "{err}");
    parindex().arg("reopen").arg("-w").arg(w).args(["--unit", "tttk"]).assert().success();
    assert_eq!(status_of(w, "tttk"), "draft");
    assert!(fs::read_to_string(w.join("submissions/tttk.toml")).unwrap().contains("reopened = true"));
    parindex().arg("submit").arg("-w").arg(w).args(["--unit", "tttk"]).assert().success();
}

#[test]
fn a_unit_head_cannot_touch_another_unit_or_make_office_moves() {
    let d = tempfile::tempdir().unwrap();
    demo(d.path());
    let w = d.path();
    set_roles(w, false, &["qlkh"], "2999-12-31");
    let (code, err) = stderr(parindex().env("PARINDEX_LANG", "en").arg("submit").arg("-w").arg(w).args(["--unit", "vp"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("is not a head of unit `vp`"), "{err}");
    let (code, err) = stderr(parindex().env("PARINDEX_LANG", "en").arg("return").arg("-w").arg(w).args(["--unit", "ttra"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("is not in the Office"), "{err}");
    assert_eq!(status_of(w, "ttra"), "submitted");
    parindex().arg("submit").arg("-w").arg(w).args(["--unit", "qlkh"]).assert().success();
}

#[test]
fn the_office_cannot_submit_for_a_unit() {
    let d = tempfile::tempdir().unwrap();
    demo(d.path());
    set_roles(d.path(), true, &[], "2999-12-31");
    let (code, err) = stderr(parindex().env("PARINDEX_LANG", "en").arg("submit").arg("-w").arg(d.path()).args(["--unit", "qlkh"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("is not a head of unit `qlkh`"), "{err}");
}

#[test]
fn check_reports_a_submission_changed_after_its_seal() {
    let d = tempfile::tempdir().unwrap();
    demo(d.path());
    let p = d.path().join("submissions/ttra.toml");
    let text = fs::read_to_string(&p).unwrap();
    // Change one claimed score behind the Office's back.
    let changed = text.replacen("choice = \"on_time\"\n", "choice = \"late\"\n", 1);
    assert_ne!(changed, text, "the demo has an option to change");
    fs::write(&p, changed).unwrap();
    let (code, err) = stderr(parindex().env("PARINDEX_LANG", "en").arg("check").arg(d.path()));
    assert_eq!(code, Some(1));
    assert!(err.contains("ttra.toml: the submission was changed after it was sealed"), "{err}");
    // The seal travels into the ranking.
    let out = parindex().args(["rank", "--format", "json", "-w"]).arg(d.path()).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ttra = v.as_array().unwrap().iter().find(|i| i["unit"] == "ttra").unwrap();
    assert!(ttra["seal"].as_str().unwrap().starts_with("sha256:"));
}

#[test]
fn a_submission_travels_between_machines() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    demo(a.path());
    demo(b.path());
    let file = a.path().join("ttra-export.toml");
    parindex().arg("export-submission").arg("-w").arg(a.path()).args(["--unit", "ttra", "-o"]).arg(&file).assert().success();
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("scorecard = \"skhcn-tg-2020\"\nunit = \"ttra\"\n"), "{text}");
    // Import into another round where ttra has not yet submitted.
    fs::remove_file(b.path().join("submissions/ttra.toml")).unwrap();
    parindex().args(["import", "--unit", "ttra"]).arg("-w").arg(b.path()).arg(&file).assert().success();
    assert_eq!(
        fs::read_to_string(b.path().join("submissions/ttra.toml")).unwrap(),
        fs::read_to_string(a.path().join("submissions/ttra.toml")).unwrap()
    );
    parindex().arg("check").arg(b.path()).assert().success();
    // A tampered file is refused, and nothing is written.
    let tampered = a.path().join("tampered.toml");
    let changed = text.replacen("choice = \"on_time\"\n", "choice = \"late\"\n", 1);
    assert_ne!(changed, text, "the demo has an option to change");
    fs::write(&tampered, changed).unwrap();
    let before = fs::read(b.path().join("submissions/ttra.toml")).unwrap();
    let (code, err) = stderr(parindex().args(["import", "--unit", "ttra"]).arg("-w").arg(b.path()).arg(&tampered));
    assert_eq!(code, Some(2));
    assert!(err.contains("đã bị sửa sau khi niêm phong"), "{err}");
    assert_eq!(fs::read(b.path().join("submissions/ttra.toml")).unwrap(), before);
    // The status is never taken from the file: edited to `final` (seal intact), it arrives
    // submitted, awaiting appraisal.
    fs::remove_file(b.path().join("submissions/ttra.toml")).unwrap();
    let promoted = a.path().join("promoted.toml");
    fs::write(&promoted, text.replace("status = \"submitted\"", "status = \"final\"")).unwrap();
    parindex().args(["import", "--unit", "ttra"]).arg("-w").arg(b.path()).arg(&promoted).assert().success();
    assert_eq!(status_of(b.path(), "ttra"), "submitted");
    // Edited to `final`, its seal deleted and an answer changed: refused, nothing written.
    let forged = a.path().join("forged.toml");
    let forged_text: String = text
        .replace("status = \"submitted\"", "status = \"final\"")
        .replacen("choice = \"on_time\"\n", "choice = \"late\"\n", 1)
        .lines()
        .filter(|l| !l.starts_with("seal = "))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&forged, forged_text).unwrap();
    let before = fs::read(b.path().join("submissions/ttra.toml")).unwrap();
    let (code, err) = stderr(parindex().env("PARINDEX_LANG", "en").args(["import", "--unit", "ttra"]).arg("-w").arg(b.path()).arg(&forged));
    assert_eq!(code, Some(2));
    assert!(err.contains("has no seal"), "{err}");
    assert_eq!(fs::read(b.path().join("submissions/ttra.toml")).unwrap(), before);
    // A file for another scorecard, or invalid against this one, is refused.
    let other = a.path().join("other.toml");
    fs::write(&other, text.replace("skhcn-tg-2020", "another-2021")).unwrap();
    let (code, err) = stderr(parindex().args(["--lang", "en", "import", "--unit", "ttra", "-w"]).arg(b.path()).arg(&other));
    assert_eq!(code, Some(2));
    assert!(err.contains("made for scorecard `another-2021`"), "{err}");
    let (code, err) = stderr(parindex().args(["import", "--unit", "ttra"]).arg("-w").arg(b.path()).arg(&other));
    assert_eq!(code, Some(2));
    assert!(err.contains("tệp này được lập theo bảng điểm `another-2021`"), "{err}");
    // Appraised work is not overwritten.
    let vp = a.path().join("vp.toml");
    parindex().arg("export-submission").arg("-w").arg(a.path()).args(["--unit", "vp", "-o"]).arg(&vp).assert().success();
    let (code, err) = stderr(parindex().env("PARINDEX_LANG", "en").args(["import", "--unit", "vp"]).arg("-w").arg(b.path()).arg(&vp));
    assert_eq!(code, Some(2));
    assert!(err.contains("`appraised`"), "{err}");
}

#[test]
fn status_lists_every_unit() {
    let d = tempfile::tempdir().unwrap();
    demo(d.path());
    let out = parindex().arg("status").arg("-w").arg(d.path()).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // The demo's deadline is 30 days after the day it was made.
    let deadline = parindex::core::date::Date::from_days(parindex::core::round::today().days_from_epoch() + 30);
    assert!(text.contains(&format!("Hạn tự đánh giá: {deadline}")), "{text}");
    assert!(text.contains("Chưa nộp") && text.contains("Chính thức"), "{text}");
    // The table (4 lines of header, 8 units), then the news register of the units that list
    // items (the demo has a reviewer, Phòng QLCN&CN).
    let table = text.split("Sổ tin, bài:").next().unwrap();
    assert_eq!(table.lines().count(), 4 + 8, "{text}");
    assert!(text.contains("Văn phòng Sở — tin, bài: kê khai"), "{text}");
}

/// Every line of `out` that reads as English, for the Vietnamese-only tests.
fn english(out: &str) -> Vec<(String, Vec<String>)> {
    parindex::text::english::english_lines(out)
}

fn run_all(c: &mut Command) -> (Option<i32>, String, String) {
    let out = c.output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn the_whole_workflow_speaks_vietnamese_by_default() {
    let d = tempfile::tempdir().unwrap();
    demo(d.path());
    let w = d.path();
    let said = std::cell::RefCell::new(String::new());
    let step = |args: &[&str], code: i32, want: &str| -> String {
        let (got, out, err) = run_all(parindex().args(args).arg("-w").arg(w));
        assert_eq!(got, Some(code), "{args:?}: {out}{err}");
        let both = format!("{out}{err}");
        assert!(both.contains(want), "{args:?}: wanted {want:?} in:\n{both}");
        said.borrow_mut().push_str(&both);
        both
    };
    step(&["submit", "--unit", "qlkh"], 0, "Đã nộp bản tự đánh giá của đơn vị Phòng Quản lý Khoa học");
    step(&["submit", "--unit", "qlkh"], 2, "đơn vị đang ở trạng thái “Đã nộp”");
    step(
        &["return", "--unit", "ttra", "--reason", "Thiếu tài liệu kiểm chứng tiêu chí 1.2.2"],
        0,
        "Đã trả lại bản tự đánh giá cho đơn vị Thanh tra Sở",
    );
    step(&["mark-appraised", "--unit", "ttud"], 0, "Đã thẩm định xong");
    step(&["finalise", "--unit", "ttud"], 0, "Đã chốt kết quả chính thức");
    step(&["finalise", "--unit", "ttud"], 2, "đơn vị đang ở trạng thái “Chính thức”");
    step(&["reopen", "--unit", "tttk"], 0, "Đã mở lại đơn vị");
    step(&["score", "--unit", "nope"], 2, "không có đơn vị `nope`");
    step(&["status"], 0, "Chính thức");
    let log = step(&["log"], 0, "Nộp bản tự đánh giá");
    for want in [
        "Trả lại: Thiếu tài liệu kiểm chứng tiêu chí 1.2.2",
        "Xong thẩm định",
        "Chốt kết quả chính thức",
        "Mở lại để chỉnh sửa",
        "Niêm phong bản nộp",
    ] {
        assert!(log.contains(want), "{want}: {log}");
    }
    // Imports: a file that is not a submission, and a draft never submitted (no seal).
    let bad = d.path().join("bad.toml");
    fs::write(&bad, "title = \"x\"\n").unwrap();
    let (code, out, err) = run_all(parindex().args(["import", "--unit", "vp"]).arg("-w").arg(w).arg(&bad));
    assert_eq!(code, Some(2));
    assert!(err.contains("đây có phải là bản nộp"), "{err}");
    said.borrow_mut().push_str(&format!("{out}{err}"));
    let draft = d.path().join("tttk-export.toml");
    let (code, out, err) = run_all(parindex().args(["export-submission", "--unit", "tttk", "-o"]).arg(&draft).arg("-w").arg(w));
    assert_eq!(code, Some(0), "{err}");
    said.borrow_mut().push_str(&format!("{out}{err}"));
    let (code, out, err) = run_all(parindex().args(["import", "--unit", "tttk"]).arg("-w").arg(w).arg(&draft));
    assert_eq!(code, Some(2));
    assert!(err.contains("tệp chưa được niêm phong"), "{err}");
    said.borrow_mut().push_str(&format!("{out}{err}"));
    // Someone else is editing: the move is refused, saying who.
    let lock = parindex::core::lock::try_lock(w, "vp", parindex::core::answers::SheetKind::Submission, "lan").unwrap();
    assert!(matches!(lock, parindex::core::lock::LockOutcome::Acquired(_)));
    step(&["return", "--unit", "vp"], 2, "tệp đang được người dùng `lan` chỉnh sửa từ");
    drop(lock);
    // The permissions plan (not applied).
    step(&["permissions"], 0, "(thư mục)");
    // check's warning about a save cut short.
    fs::write(w.join("submissions/.vp.toml.0123456789abcdef01234567.tmp"), "half a save").unwrap();
    let (_, _, err) = run_all(parindex().arg("check").arg(w));
    let tmp: String = err.lines().filter(|l| l.contains("0123456789abcdef")).map(|l| format!("{l}\n")).collect();
    assert!(tmp.contains("cảnh báo: tệp tạm còn lại sau một lần lưu bị ngắt"), "{err}");
    said.borrow_mut().push_str(&tmp);
    let said = said.into_inner();
    let english = english(&said);
    assert!(english.is_empty(), "English in the Vietnamese interface: {english:#?}\n{said}");
    // The same in English when asked.
    let (_, out, _) = run_all(parindex().args(["--lang", "en", "log", "--unit", "ttra", "-w"]).arg(w));
    assert!(out.contains("Returned: Thiếu tài liệu kiểm chứng tiêu chí 1.2.2"), "{out}");
    let (_, _, err) = run_all(parindex().args(["--lang", "en", "submit", "--unit", "qlkh", "-w"]).arg(w));
    assert!(err.contains("the unit is `submitted`; this is possible only from draft or returned"), "{err}");
}

#[test]
fn log_says_each_change_in_words_with_the_criterion_s_measure() {
    use parindex::core::answers::{Input, SheetKind};
    let d = tempfile::tempdir().unwrap();
    demo(d.path());
    let ws = parindex::core::workspace::Workspace::load(d.path()).unwrap();
    let mut sheet = ws.load_sheet("vp", SheetKind::Appraisal).unwrap().unwrap_or_else(|| parindex::core::answers::Sheet::new("vp"));
    let pct = ws.scorecard.node_index("1.1.2").unwrap();
    let choice = ws.scorecard.node_index("1.1.1").unwrap();
    for v in [80, 90] {
        sheet.answer_mut(pct).input = Some(Input::Value(v.into()));
        ws.save_edit(&sheet, SheetKind::Appraisal, "tuoc").unwrap();
    }
    sheet.answer_mut(choice).input = Some(Input::Choice("late".into()));
    sheet.answer_mut(choice).comment = "Ban hành ngày 20/01".into();
    ws.save_edit(&sheet, SheetKind::Appraisal, "tuoc").unwrap();
    let (_, vi, _) = run_all(parindex().args(["log", "--unit", "vp", "-w"]).arg(d.path()));
    assert!(vi.contains("Thẩm định 1.1.2: 80 → 90%"), "{vi}");
    assert!(vi.contains("→ Ban hành chậm so với thời hạn"), "{vi}");
    assert!(vi.contains("Thẩm định 1.1.1, nhận xét: ") && vi.contains("→ Ban hành ngày 20/01"), "{vi}");
    assert!(!vi.contains("value = ") && !vi.contains("choice = "), "{vi}");
    assert!(english(&vi).is_empty(), "{vi}");
    let (_, en, _) = run_all(parindex().args(["--lang", "en", "log", "--unit", "vp", "-w"]).arg(d.path()));
    assert!(en.contains("Appraisal 1.1.2: 80 → 90%") && en.contains("Appraisal 1.1.1, comment: "), "{en}");
    // The machine form is the log as stored.
    let (_, json, _) = run_all(parindex().args(["log", "--unit", "vp", "--format", "json", "-w"]).arg(d.path()));
    assert!(json.lines().any(|l| l.contains("\"old\":\"value = 80\"") && l.contains("\"new\":\"value = 90\"")), "{json}");
}
