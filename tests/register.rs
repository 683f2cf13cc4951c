//! The news register (issue 12) through the CLI: a unit head lists items, the reviewer
//! (Phòng QLCN&CN) confirms them, the Office sees claimed against confirmed; every change is
//! in the audit log and the chain check passes.

mod common;

use std::fs;
use std::path::Path;

use common::{Roles, bin as parindex, output as run};

/// The demo's workspace.toml with the current OS user in exactly these roles.
fn set_roles(dir: &Path, office: bool, reviewer: bool, heads_of: &[&str]) {
    common::set_roles(dir, &Roles { office, reviewer, heads_of, deadline: None });
}

fn news(w: &Path, unit: &str) -> serde_json::Value {
    let (code, out, err) = run(parindex().arg("news").arg("-w").arg(w).args(["--unit", unit, "--format", "json"]));
    assert_eq!(code, Some(0), "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn head_lists_reviewer_confirms_office_sees_claimed_against_confirmed() {
    let d = tempfile::tempdir().unwrap();
    let w = d.path();
    parindex().args(["demo", "--no-tui", "--units", "8"]).arg(w).assert().success();
    // qlkh is the demo's draft unit (reopened), with its items listed.
    let before = news(w, "qlkh");
    let listed = before["claimed"].as_u64().unwrap();
    assert_eq!(before["confirmed"], 0);

    // The head of qlkh adds three items; he cannot confirm them.
    set_roles(w, false, false, &["qlkh"]);
    for (k, title) in
        ["Sơ kết công tác cải cách hành chính năm 2020", "Hội nghị tập huấn kiểm soát thủ tục hành chính", "Tuyên truyền Chính quyền số"]
            .iter()
            .enumerate()
    {
        parindex()
            .args(["news", "add", "-w"])
            .arg(w)
            .args(["--unit", "qlkh", "--title", title, "--date", &format!("{}/11/2020", 10 + k)])
            .args(["--link", &format!("https://sokhcn.tiengiang.gov.vn/tin-tuc/-/view/cchc-{k}")])
            .assert()
            .success();
    }
    let claimed = listed + 2;
    let after = news(w, "qlkh");
    assert_eq!(after["claimed"].as_u64().unwrap(), listed + 3);
    assert_eq!(after["items"][listed as usize]["sent_to"], "Phòng Quản lý Công nghệ và Chuyên ngành");
    let (code, _, err) = run(parindex().arg("confirm").arg("-w").arg(w).args(["--unit", "qlkh", "--item", "1"]));
    assert_eq!(code, Some(2));
    assert!(err.contains("không được xác nhận tin, bài"), "{err}");
    assert!(!w.join("reviews/qlkh.toml").exists(), "a refused confirmation writes nothing");
    // A bad link or a line break in a title is refused.
    let (code, _, _) =
        run(parindex().args(["news", "add", "-w"]).arg(w).args(["--unit", "qlkh", "--title", "x", "--date", "1/2/2020", "--link", "ftp://x"]));
    assert_eq!(code, Some(2));
    let (code, _, _) = run(parindex().args(["news", "add", "-w"]).arg(w).args([
        "--unit",
        "qlkh",
        "--title",
        "a\nb",
        "--date",
        "1/2/2020",
        "--link",
        "https://x.vn",
    ]));
    assert_eq!(code, Some(2));

    // The reviewer confirms two items and rejects one; he cannot edit the unit's sheet or
    // make the Office's moves.
    set_roles(w, false, true, &[]);
    for item in ["1", "2"] {
        parindex().arg("confirm").arg("-w").arg(w).args(["--unit", "qlkh", "--item", item]).assert().success();
    }
    let (code, out, err) =
        run(parindex().arg("confirm").arg("-w").arg(w).args(["--unit", "qlkh", "--item", "3", "--reject", "--reason", "Không thuộc nội dung CCHC"]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("không xác nhận mục 3"), "{out}");
    let (code, _, _) = run(parindex().arg("confirm").arg("-w").arg(w).args(["--unit", "qlkh", "--item", "99"]));
    assert_eq!(code, Some(2));
    let (code, _, _) = run(parindex().arg("confirm").arg("-w").arg(w).args(["--unit", "qlkh", "--item", "1", "--reject"]));
    assert_eq!(code, Some(2), "a rejection needs its reason");
    let (code, _, _) =
        run(parindex().args(["news", "add", "-w"]).arg(w).args(["--unit", "qlkh", "--title", "x", "--date", "1/2/2020", "--link", "https://x.vn"]));
    assert_eq!(code, Some(2), "the reviewer cannot edit the unit's sheet");
    let (code, _, _) = run(parindex().arg("return").arg("-w").arg(w).args(["--unit", "vp"]));
    assert_eq!(code, Some(2), "the reviewer is not the Office");

    // The Office sees claimed against confirmed, in every place it looks.
    set_roles(w, true, false, &[]);
    let v = news(w, "qlkh");
    assert_eq!((v["confirmed"].as_u64(), v["rejected"].as_u64(), v["reviewed"].as_bool()), (Some(2), Some(1), Some(true)));
    assert_eq!(v["items"][0]["status"], "confirmed");
    assert_eq!(v["items"][2]["reason"], "Không thuộc nội dung CCHC");
    let (_, table, _) = run(parindex().arg("news").arg("-w").arg(w).args(["--unit", "qlkh"]));
    assert!(table.contains(&format!("Kê khai {} tin, bài; xác nhận 2; không xác nhận 1", claimed + 1)), "{table}");
    let (_, status, _) = run(parindex().arg("status").arg("-w").arg(w));
    assert!(status.contains(&format!("Phòng Quản lý Khoa học — tin, bài: kê khai {}, xác nhận 2", claimed + 1)), "{status}");
    let (_, score, _) = run(parindex().arg("score").arg("-w").arg(w).args(["--unit", "qlkh"]));
    assert!(score.contains(&format!("tin, bài: kê khai {}, xác nhận 2", claimed + 1)), "{score}");

    // Every change is in the unit's audit log, and the chain and the files check out.
    let (_, log, _) = run(parindex().arg("log").arg("-w").arg(w).args(["--unit", "qlkh", "--format", "json", "--lang", "en"]));
    assert!(log.contains("\"confirm\"") && log.contains("\"reject\""), "{log}");
    let listed = |l: &&str| l.contains("\"action\":\"edit\"") && l.contains("\"field\":\"news\"") && l.contains("Tuyên truyền Chính quyền số");
    assert!(log.lines().any(|l| listed(&l)), "the head's items are in the log:\n{log}");
    let (code, out, err) = run(parindex().arg("check").arg(w));
    assert_eq!(code, Some(0), "{out}{err}");

    // A confirmed item edited afterwards (through the store, as the dashboard saves) is no
    // longer confirmed.
    let ws = parindex::core::workspace::Workspace::load(w).unwrap();
    let kind = parindex::core::answers::SheetKind::Submission;
    let mut sub = ws.load_sheet("qlkh", kind).unwrap().unwrap();
    sub.news[0].title.push_str(" (bổ sung)");
    ws.save_edit(&sub, kind, "head").unwrap();
    let v = news(w, "qlkh");
    assert_eq!(v["confirmed"], 1);
    assert_eq!(v["items"][0]["status"], "pending");
    let (code, out, err) = run(parindex().arg("check").arg(w));
    assert_eq!(code, Some(0), "{out}{err}");

    // A confirmation written by hand is caught by `check`.
    let rv = w.join("reviews/qlkh.toml");
    let text = fs::read_to_string(&rv).unwrap().replace("status = \"rejected\"", "status = \"confirmed\"");
    fs::write(&rv, text).unwrap();
    let (code, out, err) = run(parindex().arg("check").arg(w));
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(err.contains("reviews/qlkh.toml") && err.contains("sửa ngoài parindex"), "{err}");
}

#[test]
fn the_appraisal_defaults_to_the_confirmed_items_until_the_office_enters_its_own() {
    let d = tempfile::tempdir().unwrap();
    let w = d.path();
    parindex().args(["demo", "--no-tui", "--units", "8"]).arg(w).assert().success();
    // khtc (appraised) had one item rejected by the reviewer in the demo.
    let v = news(w, "khtc");
    let (claimed, confirmed) = (v["claimed"].as_u64().unwrap(), v["confirmed"].as_u64().unwrap());
    assert!(confirmed < claimed, "{v}");
    let score = |w: &Path| -> serde_json::Value {
        let (_, out, _) = run(parindex().arg("score").arg("-w").arg(w).args(["--unit", "khtc", "--format", "json"]));
        serde_json::from_str(&out).unwrap()
    };
    let before = score(w);
    // Without the confirmations the unit's own count stands: the index does not fall.
    fs::remove_file(w.join("reviews/khtc.toml")).unwrap();
    let without = score(w);
    let idx = |v: &serde_json::Value| v["index"].as_str().map(|s| s.parse::<f64>().unwrap()).or_else(|| v["index"].as_f64()).unwrap();
    assert!(idx(&without) >= idx(&before), "{} vs {}", without["index"], before["index"]);
}

/// The Office's screen follows the reviewer: a confirmation taken back elsewhere shows in the
/// open unit's register marks and in its line of the dashboard without a key.
#[test]
fn a_confirmation_elsewhere_shows_on_the_open_dashboard() {
    use parindex::core::workspace::Workspace;
    use parindex::tui::{App, Theme};
    let d = tempfile::tempdir().unwrap();
    parindex::demo::write(d.path(), &parindex::demo::DemoOptions { units: 8, seed: 2020 }).unwrap();
    let ws = Workspace::load(d.path()).unwrap();
    let unit = (0..ws.units.len())
        .find(|&u| {
            ws.load_review(&ws.units[u].id)
                .ok()
                .flatten()
                .is_some_and(|r| r.marks.iter().filter(|m| m.decision == parindex::core::register::Decision::Confirmed).count() > 1)
        })
        .expect("a unit with confirmed items");
    let id = ws.units[unit].id.clone();
    let mut app = App::for_office(ws.clone(), parindex::text::Lang::Vi, Theme::PLAIN).unwrap();
    app.open_appraisal(unit);
    let marks = |app: &App| app.work.as_ref().unwrap().review.as_ref().map_or(0, |r| r.marks.len());
    let before = marks(&app);
    assert!(before > 1);
    let mut review = ws.load_review(&id).unwrap().unwrap();
    review.marks.retain(|m| m.decision != parindex::core::register::Decision::Confirmed);
    assert!(ws.save_review(&review, Vec::new(), "an").unwrap());
    let start = std::time::Instant::now();
    while marks(&app) == before && start.elapsed() < std::time::Duration::from_secs(3) {
        std::thread::sleep(std::time::Duration::from_millis(100));
        app.tick(std::time::Instant::now());
    }
    assert!(marks(&app) < before, "the marks follow the file");
}

/// Decisions made at the same moment on one unit are all kept: eight `confirm` processes at
/// once, one item each, leave eight confirmations and an unbroken audit chain.
#[test]
fn simultaneous_confirmations_are_all_kept() {
    let d = tempfile::tempdir().unwrap();
    parindex().args(["demo", "--no-tui"]).arg(d.path()).assert().success();
    for k in 0..8 {
        let title = format!("Tin thử nghiệm số {k}");
        let date = format!("{:02}/10/2020", k + 1);
        parindex()
            .args(["news", "add", "-w"])
            .arg(d.path())
            .args(["--unit", "qlkh", "--title", &title, "--date", &date, "--link", "https://sokhcn.tiengiang.gov.vn/tin"])
            .assert()
            .success();
    }
    let children: Vec<std::process::Child> = (1..=8)
        .map(|n| {
            common::std_bin()
                .args(["confirm", "-w"])
                .arg(d.path())
                .args(["--unit", "qlkh", "--item", &n.to_string()])
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let ws = parindex::core::workspace::Workspace::load(d.path()).unwrap();
    let review = ws.load_review("qlkh").unwrap().unwrap();
    assert_eq!(review.marks.len(), 8, "every decision kept: {:?}", review.marks.iter().map(|m| &m.title).collect::<Vec<_>>());
    parindex().arg("check").arg(d.path()).assert().success();
}

/// `check` treats the confirmations file as it treats the sheets: deleted behind parindex's
/// back is an error; the version before the last logged save (a save cut between its log entry
/// and its rename) is a warning.
#[test]
fn check_sees_a_deleted_or_cut_confirmations_file() {
    let d = tempfile::tempdir().unwrap();
    parindex().args(["demo", "--no-tui"]).arg(d.path()).assert().success();
    for (k, date) in ["01/10/2020", "02/10/2020"].iter().enumerate() {
        let title = format!("Tin số {k}");
        parindex()
            .args(["news", "add", "-w"])
            .arg(d.path())
            .args(["--unit", "qlkh", "--title", &title, "--date", date, "--link", "https://sokhcn.tiengiang.gov.vn/tin"])
            .assert()
            .success();
    }
    parindex().args(["confirm", "-w"]).arg(d.path()).args(["--unit", "qlkh", "--item", "1"]).assert().success();
    let file = d.path().join("reviews/qlkh.toml");
    let before = fs::read(&file).unwrap();
    parindex().args(["confirm", "-w"]).arg(d.path()).args(["--unit", "qlkh", "--item", "2"]).assert().success();
    let after = fs::read(&file).unwrap();
    // The version before the last save: a cut save, a warning.
    fs::write(&file, &before).unwrap();
    let (code, _, err) = run(parindex().arg("check").arg(d.path()));
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("reviews/qlkh.toml: cảnh báo:") && err.contains("không hoàn tất"), "{err}");
    // Deleted: an error.
    fs::remove_file(&file).unwrap();
    let (code, _, err) = run(parindex().arg("check").arg(d.path()));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("reviews/qlkh.toml: tệp đã bị xóa ngoài parindex"), "{err}");
    // Put back as logged: clean again.
    fs::write(&file, &after).unwrap();
    parindex().arg("check").arg(d.path()).assert().success();
}
