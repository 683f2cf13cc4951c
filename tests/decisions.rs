//! Issue 18, item 1: a reviewer's decision binds the exact item (a digest of every field), so
//! copies of a confirmed item whose title differs only in spaces, case or Unicode form never
//! count as confirmed; such copies are refused at input with the number of the item they
//! repeat; review files from before (decisions keyed by date and title) still load.

mod common;

use std::fs;
use std::path::Path;

use common::{Roles, bin as parindex, bin_en, output as run};
use unicode_normalization::UnicodeNormalization;

const TITLE: &str = "Tuyên truyền cải cách hành chính năm 2020";
const LINK: &str = "https://sokhcn.tiengiang.gov.vn/tin-tuc/-/view/cchc-1";

fn set_roles(dir: &Path, office: bool, reviewer: bool, heads_of: &[&str]) {
    common::set_roles(dir, &Roles { office, reviewer, heads_of, deadline: None });
}

fn news(w: &Path) -> serde_json::Value {
    let (code, out, err) = run(parindex().arg("news").arg("-w").arg(w).args(["--unit", "qlkh", "--format", "json"]));
    assert_eq!(code, Some(0), "{err}");
    serde_json::from_str(&out).unwrap()
}

/// 1.5.3's final value for qlkh (the register's default once the reviewer has reviewed).
fn final_153(w: &Path) -> f64 {
    let (code, out, err) = run(parindex().arg("score").arg("-w").arg(w).args(["--unit", "qlkh", "--format", "json"]));
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let c = v["criteria"].as_array().unwrap().iter().find(|c| c["id"] == "1.5.3").unwrap().clone();
    c["final"].as_f64().or_else(|| c["final"].as_str().and_then(|s| s.parse().ok())).unwrap()
}

fn add(w: &Path, title: &str) -> (Option<i32>, String) {
    let (code, _, err) =
        run(parindex().args(["news", "add", "-w"]).arg(w).args(["--unit", "qlkh", "--title", title, "--date", "10/11/2020", "--link", LINK]));
    (code, err)
}

/// The demo (qlkh: a draft with no items), one item listed by its head and confirmed by the
/// reviewer.
fn one_confirmed() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let w = d.path();
    parindex().args(["demo", "--no-tui", "--units", "8"]).arg(w).assert().success();
    assert_eq!(news(w)["claimed"], 0);
    set_roles(w, false, false, &["qlkh"]);
    assert_eq!(add(w, TITLE).0, Some(0));
    set_roles(w, false, true, &[]);
    parindex().args(["confirm", "-w"]).arg(w).args(["--unit", "qlkh", "--item", "1"]).assert().success();
    d
}

/// The submission with `copies` inserted after the line of the confirmed item (a hand edit).
fn hand_write_copies(w: &Path, copies: &[String]) {
    let path = w.join("submissions/qlkh.toml");
    let text = fs::read_to_string(&path).unwrap();
    let line = text.lines().find(|l| l.contains(TITLE)).unwrap().to_owned();
    let extra: String = copies.iter().map(|c| format!("\n{}", line.replace(TITLE, c))).collect();
    fs::write(&path, text.replacen(&line, &format!("{line}{extra}"), 1)).unwrap();
}

fn variants() -> Vec<String> {
    vec![TITLE.replace(' ', "  "), format!("  {}", TITLE.to_uppercase()), TITLE.nfd().collect()]
}

#[test]
fn copies_of_a_confirmed_item_are_refused_and_never_count() {
    let d = one_confirmed();
    let w = d.path();
    // 1 of a target of 4 for 1.5 points.
    let one = 0.38;
    assert_eq!(news(w)["confirmed"], 1);

    // The attack: three spacing, case and Unicode-form variants. Each is refused with the
    // number of the item it repeats; nothing is written.
    set_roles(w, false, false, &["qlkh"]);
    let before = fs::read(w.join("submissions/qlkh.toml")).unwrap();
    for v in variants() {
        let (code, err) = add(w, &v);
        assert_eq!(code, Some(2), "{v:?} accepted");
        assert!(err.contains("trùng với mục 1"), "{err}");
    }
    let (code, _, err) =
        run(bin_en().args(["news", "add", "-w"]).arg(w).args(["--unit", "qlkh", "--title", &variants()[0], "--date", "10/11/2020", "--link", LINK]));
    assert_eq!(code, Some(2));
    assert!(err.contains("repeats item 1"), "{err}");
    assert_eq!(fs::read(w.join("submissions/qlkh.toml")).unwrap(), before, "a refused item is never written");
    // Another date is another item.
    let (code, _, err) =
        run(parindex().args(["news", "add", "-w"]).arg(w).args(["--unit", "qlkh", "--title", TITLE, "--date", "11/11/2020", "--link", LINK]));
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(news(w)["claimed"], 2);
    assert_eq!(news(w)["confirmed"], 1);

    // The same copies written by hand, and an exact copy: the file loads (a warning naming
    // the item repeated), the decision counts once, the copies wait for the reviewer.
    let mut copies = variants();
    copies.push(TITLE.to_owned());
    hand_write_copies(w, &copies);
    let v = news(w);
    assert_eq!(v["claimed"], 6, "{v}");
    assert_eq!(v["confirmed"], 1, "{v}");
    assert_eq!(v["items"][0]["status"], "confirmed");
    for k in 1..6 {
        assert_eq!(v["items"][k]["status"], "pending", "item {}: {v}", k + 1);
    }
    // Submitted, the unit's appraisal stands: the register's default is the one decision.
    set_roles(w, false, false, &["qlkh"]);
    let (code, _, err) = run(parindex().args(["submit", "-w"]).arg(w).args(["--unit", "qlkh"]));
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(final_153(w), one, "1.5.3 stays at its one-item value");
    let (_, _, err) = run(parindex().arg("check").arg(w));
    assert!(err.contains("trùng với mục 1"), "{err}");
    // The reviewer cannot confirm a copy, nor decide on an exact one (its decision would bind
    // item 1); a near copy may be rejected.
    set_roles(w, false, true, &[]);
    let decide = |item: &str, reject: bool| {
        let mut c = parindex();
        c.args(["confirm", "-w"]).arg(w).args(["--unit", "qlkh", "--item", item]);
        if reject {
            c.args(["--reject", "--reason", "Trùng tin đã gửi"]);
        }
        run(&mut c)
    };
    for (item, reject) in [("2", false), ("4", false), ("5", true)] {
        let (code, _, err) = decide(item, reject);
        assert_eq!(code, Some(2), "item {item}: {err}");
        assert!(err.contains("trùng với mục 1"), "{err}");
    }
    let (code, _, err) = decide("2", true);
    assert_eq!(code, Some(0), "{err}");
    let v = news(w);
    assert_eq!((v["confirmed"].as_u64(), v["rejected"].as_u64()), (Some(1), Some(1)), "{v}");
    assert_eq!(v["items"][0]["status"], "confirmed");
    // A submitted unit's figures are its heads' and the Office's (issue 18), not the reviewer's.
    set_roles(w, false, false, &["qlkh"]);
    assert_eq!(final_153(w), one);
}

#[test]
fn an_edited_item_is_undecided_again() {
    let d = one_confirmed();
    let w = d.path();
    let path = w.join("submissions/qlkh.toml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replacen(TITLE, &format!("{TITLE} (sửa)"), 1)).unwrap();
    let v = news(w);
    assert_eq!((v["claimed"].as_u64(), v["confirmed"].as_u64(), v["reviewed"].as_bool()), (Some(1), Some(0), Some(false)), "{v}");
    // Another link: also another item.
    fs::write(&path, text.replacen(LINK, "https://sokhcn.tiengiang.gov.vn/khac", 1)).unwrap();
    assert_eq!(news(w)["confirmed"], 0);
    // Put back: confirmed again.
    fs::write(&path, &text).unwrap();
    assert_eq!(news(w)["confirmed"], 1);
}

#[test]
fn a_legacy_review_file_still_loads_and_binds_one_unique_item() {
    let d = one_confirmed();
    let w = d.path();
    let v = news(w);
    let key = v["items"][0]["key"].as_str().unwrap().to_owned();
    // The file as parindex wrote it before digests: the item's legacy key only.
    let review = w.join("reviews/qlkh.toml");
    let legacy = format!(
        "unit = \"qlkh\"\n\n[[item]]\nkey = \"{key}\"\ntitle = \"{TITLE}\"\nstatus = \"confirmed\"\nby = \"an\"\nat = \"2020-11-12T09:00:00+07:00\"\n"
    );
    fs::write(&review, &legacy).unwrap();
    assert_eq!(news(w)["confirmed"], 1, "a legacy decision binds the one item with its key");
    // A spacing copy shares the legacy key: the decision no longer says which item it was
    // about, so it binds neither.
    hand_write_copies(w, &[TITLE.replace(' ', "  ")]);
    let v = news(w);
    assert_eq!((v["claimed"].as_u64(), v["confirmed"].as_u64()), (Some(2), Some(0)), "{v}");
    // The reviewer decides again: the new decision names the digest and supersedes the old.
    set_roles(w, false, true, &[]);
    parindex().args(["confirm", "-w"]).arg(w).args(["--unit", "qlkh", "--item", "1"]).assert().success();
    let v = news(w);
    assert_eq!(v["confirmed"], 1, "{v}");
    assert_eq!(v["items"][1]["status"], "pending", "{v}");
    let text = fs::read_to_string(&review).unwrap();
    assert_eq!(text.matches("[[item]]").count(), 1, "{text}");
    assert!(text.contains(&format!("digest = \"{}\"", v["items"][0]["digest"].as_str().unwrap())), "{text}");
}
