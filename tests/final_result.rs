//! Issue 18, item 2: a final result changes only through `reopen`. Reviewer decisions,
//! surveys, imports and appraisal saves are refused on a final unit and write nothing;
//! `finalise` takes the unit's appraisal lock (it cannot race an appraisal being saved); and
//! every status change is an entry of the unit's audit log.

mod common;

use std::fs;
use std::path::Path;

use common::{Round, bin as parindex, output};
use parindex::core::answers::{Input, Sheet, SheetKind, Status};
use parindex::core::lock::{self, LockOutcome};

fn file(w: &Path, rel: &str) -> Option<Vec<u8>> {
    fs::read(w.join(rel)).ok()
}

/// `parindex ARGS -w W` in Vietnamese: code and stderr.
fn run(w: &Path, args: &[&str]) -> (Option<i32>, String) {
    let (code, _, err) = output(parindex().args(args).arg("-w").arg(w));
    (code, err)
}

fn ok(w: &Path, args: &[&str]) {
    let (code, err) = run(w, args);
    assert_eq!(code, Some(0), "{args:?}: {err}");
}

/// qlkh (a draft in the demo) lists one news item, submits, is appraised and made final.
fn final_qlkh() -> Round {
    let r = Round::demo(8, 2020);
    let w = r.path();
    ok(
        w,
        &[
            "news",
            "add",
            "--unit",
            "qlkh",
            "--title",
            "Tuyên truyền cải cách hành chính",
            "--date",
            "10/11/2020",
            "--link",
            "https://sokhcn.tiengiang.gov.vn/a",
        ],
    );
    for mv in ["submit", "mark-appraised", "finalise"] {
        ok(w, &[mv, "--unit", "qlkh"]);
    }
    assert_eq!(r.sheet("qlkh", SheetKind::Submission).unwrap().status, Status::Final);
    r
}

#[test]
fn a_final_unit_changes_only_through_reopen() {
    let r = final_qlkh();
    let w = r.path();
    let ws = r.ws();
    let files = ["submissions/qlkh.toml", "appraisals/qlkh.toml", "reviews/qlkh.toml"];
    let before: Vec<_> = files.iter().map(|f| file(w, f)).collect();
    let unchanged = |what: &str| {
        let now: Vec<_> = files.iter().map(|f| file(w, f)).collect();
        assert!(now == before, "{what} wrote a file of the final unit");
    };
    // The reviewer's decisions.
    for args in [
        &["confirm", "--unit", "qlkh", "--item", "1"][..],
        &["confirm", "--unit", "qlkh", "--item", "1", "--reject", "--reason", "Không có trên cổng"],
    ] {
        let (code, err) = run(w, args);
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains("“Chính thức”"), "{err}");
        unchanged("confirm");
    }
    // The survey.
    let sc = &ws.scorecard;
    let survey = sc.leaves().find(|&i| sc.nodes[i].rule.as_ref().is_some_and(|r| r.name() == "survey")).expect("a survey leaf");
    let csv = r.root().join("survey.csv");
    fs::write(&csv, format!("unit,criterion,points\nqlkh,{},0\n", sc.nodes[survey].id)).unwrap();
    let (code, err) = run(w, &["import-survey", csv.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{err}");
    unchanged("import-survey");
    // An import of the unit's own file.
    let exported = r.root().join("qlkh.toml");
    ok(w, &["export-submission", "--unit", "qlkh", "-o", exported.to_str().unwrap()]);
    let (code, err) = run(w, &["import", "--unit", "qlkh", "--late", exported.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("“Chính thức”"), "{err}");
    unchanged("import");
    // An appraisal save (the dashboard's, a survey leaf edited by hand) through the store,
    // whatever its caller checked.
    let mut appr = ws.load_sheet("qlkh", SheetKind::Appraisal).unwrap().unwrap_or_else(|| Sheet::new("qlkh"));
    appr.answer_mut(survey).input = Some(Input::Points(rust_decimal::Decimal::ZERO));
    appr.answer_mut(survey).comment = "sửa sau khi chốt".into();
    let e = ws.save_edit(&appr, SheetKind::Appraisal, "tuoc").expect_err("refused");
    let said = parindex::text::msg::store::io_error(&e, parindex::text::Lang::Vi);
    assert!(said.contains("kết quả của đơn vị đã chính thức"), "{said}");
    unchanged("an appraisal save");
    // The head's edits.
    let (code, err) =
        run(w, &["news", "add", "--unit", "qlkh", "--title", "Tin thứ hai", "--date", "11/11/2020", "--link", "https://sokhcn.tiengiang.gov.vn/b"]);
    assert_eq!(code, Some(2), "{err}");
    unchanged("news add");
    // Through `reopen`, the unit changes again.
    ok(w, &["reopen", "--unit", "qlkh"]);
    ok(w, &["confirm", "--unit", "qlkh", "--item", "1"]);
    assert!(file(w, "reviews/qlkh.toml").is_some());
}

#[test]
fn finalise_takes_the_appraisal_lock_and_names_who_holds_it() {
    let r = Round::demo(8, 2020);
    let w = r.path();
    let unit = r
        .ws()
        .units
        .iter()
        .find(|u| r.sheet(&u.id, SheetKind::Submission).is_some_and(|s| s.status == Status::Appraised))
        .expect("an appraised unit")
        .id
        .clone();
    // A dashboard has the unit's appraisal open (its lock, held by this test).
    let held = lock::try_lock(w, &unit, SheetKind::Appraisal, "lan").unwrap();
    assert!(matches!(held, LockOutcome::Acquired(_)));
    let before = file(w, &format!("submissions/{unit}.toml"));
    let (code, err) = run(w, &["finalise", "--unit", &unit]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("tệp đang được người dùng `lan` chỉnh sửa từ"), "{err}");
    assert_eq!(file(w, &format!("submissions/{unit}.toml")), before, "nothing written");
    drop(held);
    ok(w, &["finalise", "--unit", &unit]);
    assert_eq!(r.sheet(&unit, SheetKind::Submission).unwrap().status, Status::Final);
}

#[test]
fn every_status_change_is_an_audit_entry() {
    let r = Round::demo(8, 2020);
    let w = r.path();
    let first = r.sheet("qlkh", SheetKind::Submission).map_or("missing", |s| s.status.as_str()).to_owned();
    for mv in ["submit", "return", "submit", "mark-appraised", "finalise", "reopen", "submit"] {
        ok(w, &[mv, "--unit", "qlkh"]);
    }
    // The submission travels back in: returned here, imported (the same file) from elsewhere.
    let exported = r.root().join("qlkh.toml");
    ok(w, &["export-submission", "--unit", "qlkh", "-o", exported.to_str().unwrap()]);
    ok(w, &["return", "--unit", "qlkh"]);
    ok(w, &["import", "--unit", "qlkh", exported.to_str().unwrap()]);
    let ws = r.ws();
    let (log, bad) = parindex::core::audit::read_in(&ws.store, "qlkh").unwrap();
    assert_eq!(bad, 0);
    let moves: Vec<String> = log
        .iter()
        .filter(|e| e.field.as_deref() == Some("status"))
        .map(|e| format!("{} {} → {} ({})", e.action, e.old.as_deref().unwrap_or("?"), e.new.as_deref().unwrap_or("?"), e.user))
        .collect();
    let user = &log.last().unwrap().user;
    let want: Vec<String> = [
        ("submit", first.as_str(), "submitted"),
        ("return", "submitted", "returned"),
        ("submit", "returned", "submitted"),
        ("mark-appraised", "submitted", "appraised"),
        ("finalise", "appraised", "final"),
        ("reopen", "final", "draft"),
        ("submit", "draft", "submitted"),
        ("return", "submitted", "returned"),
        ("import", "returned", "submitted"),
    ]
    .iter()
    .map(|(a, o, n)| format!("{a} {o} → {n} ({user})"))
    .collect();
    assert_eq!(moves, want);
    // Each submit is sealed, and said so.
    assert_eq!(log.iter().filter(|e| e.action == "seal").count(), 3);
}
