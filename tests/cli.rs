//! The command line, driven as users and scripts drive it: output, exit codes, bad input.

mod common;

use std::fs;
use std::path::Path;

use common::{bin as parindex, demo_in as demo, json, stdout};

#[test]
fn demo_writes_a_deterministic_valid_workspace() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let out = parindex().args(["demo", "--no-tui"]).arg(a.path()).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Hạng") && text.contains("Văn phòng Sở"), "{text}");
    demo(b.path());
    for f in ["workspace.toml", "scorecard.toml", "submissions/vp.toml", "appraisals/vp.toml"] {
        assert_eq!(fs::read(a.path().join(f)).unwrap(), fs::read(b.path().join(f)).unwrap(), "{f} differs");
    }
    // Varied statuses, two groups, a unit without a submission.
    let ws = fs::read_to_string(a.path().join("workspace.toml")).unwrap();
    assert!(ws.contains("Phòng chuyên môn") && ws.contains("Đơn vị trực thuộc"));
    let statuses: Vec<String> = fs::read_dir(a.path().join("submissions"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap().lines().nth(1).unwrap().to_owned())
        .collect();
    for st in ["draft", "submitted", "returned", "appraised", "final"] {
        assert!(statuses.iter().any(|s| s.contains(st)), "no {st} in {statuses:?}");
    }
    parindex().arg("check").arg(a.path()).assert().success();
}

#[test]
fn demo_scales_and_another_seed_differs() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    parindex().args(["demo", "--no-tui", "--units", "30", "--seed", "1"]).arg(a.path()).assert().success();
    parindex().args(["demo", "--no-tui", "--units", "30", "--seed", "2"]).arg(b.path()).assert().success();
    let v = json(parindex().args(["rank", "--format", "json", "-w"]).arg(a.path()));
    assert_eq!(v.as_array().unwrap().len(), 30);
    assert_ne!(fs::read(a.path().join("submissions/vp.toml")).unwrap(), fs::read(b.path().join("submissions/vp.toml")).unwrap());
}

#[test]
fn demo_refuses_a_folder_that_is_not_a_demo() {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("notes.txt"), "mine").unwrap();
    parindex().args(["demo", "--no-tui"]).arg(d.path()).assert().code(2);
    assert_eq!(fs::read_to_string(d.path().join("notes.txt")).unwrap(), "mine");
    assert!(!d.path().join("workspace.toml").exists());
}

#[test]
fn check_passes_the_shipped_scorecard() {
    let sc = Path::new(env!("CARGO_MANIFEST_DIR")).join("scorecards/par-2020.toml");
    let out = stdout(parindex().arg("check").arg(&sc));
    assert!(out.contains("Bảng điểm hợp lệ"), "{out}");
    parindex().arg("check").arg(&sc).assert().success();
}

#[test]
fn check_reports_every_problem_with_its_place_and_exits_1() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("bad.toml");
    fs::write(&p, "[scorecard]\nid = \"x\"\ntitle = \"X\"\n[[criterion]]\nid = \"1\"\ntitle = \"A\"\nmax = -1\n[[criterion]]\nid = \"2.1\"\ntitle = \"B\"\nmax = 1\n").unwrap();
    let out = parindex().args(["--lang", "en", "check"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let path = p.display().to_string();
    assert!(err.contains(&format!("{path}:7:7: `max` of `1` must be greater than 0")), "{err}");
    assert!(err.contains(&format!("{path}:9:6: criterion `2.1` has no parent")), "{err}");
    assert!(err.contains("max = -1"), "source line shown: {err}");
    // The default language: the same places and source lines, in Vietnamese.
    let out = parindex().arg("check").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(&format!("{path}:7:7: `max` của `1` phải lớn hơn 0")), "{err}");
    assert!(err.contains(&format!("{path}:9:6: tiêu chí `2.1` không có tiêu chí cha: chưa khai báo `2`")), "{err}");
    assert!(err.contains("max = -1"), "source line shown: {err}");
}

#[test]
fn check_of_a_missing_file_exits_2_and_malformed_toml_exits_1() {
    parindex().args(["check", "/nonexistent/sc.toml"]).assert().code(2);
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("broken.toml");
    fs::write(&p, "[scorecard\n").unwrap();
    let out = parindex().env("PARINDEX_LANG", "en").arg("check").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("broken.toml:1:"));
    fs::write(&p, b"[scorecard]\nid = \"\xff\xfe\"\n").unwrap();
    let out = parindex().args(["--lang", "en", "check"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("not valid UTF-8"));
    let out = parindex().arg("check").arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("broken.toml:2:7: tệp không phải văn bản UTF-8"));
}

#[test]
fn check_of_a_workspace_finds_bad_submissions_and_strays() {
    let d = tempfile::tempdir().unwrap();
    demo(d.path());
    let sub = d.path().join("submissions/vp.toml");
    let mut text = fs::read_to_string(&sub).unwrap();
    text.push_str("\n[answers.\"42.1\"]\npoints = 1\n");
    fs::write(&sub, &text).unwrap();
    fs::write(d.path().join("submissions/ghost.toml"), "unit = \"ghost\"\n").unwrap();
    let out = parindex().args(["--lang", "en", "check"]).arg(d.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("vp.toml:") && err.contains("unknown criterion `42.1`"), "{err}");
    assert!(err.contains("no unit `ghost` is declared"), "{err}");
    // Nothing was rewritten by checking.
    assert_eq!(fs::read_to_string(&sub).unwrap(), text);
}

#[test]
fn init_starts_a_round_and_refuses_to_overwrite() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("round");
    let sc = Path::new(env!("CARGO_MANIFEST_DIR")).join("scorecards/par-2020.toml");
    parindex().arg("init").arg(&dir).arg("--scorecard").arg(&sc).assert().success();
    assert!(dir.join("workspace.toml").exists());
    assert_eq!(fs::read(dir.join("scorecard.toml")).unwrap(), fs::read(&sc).unwrap());
    assert_eq!(fs::read_to_string(dir.join(".gitignore")).unwrap(), ".locks/\n.recover/\n.*.tmp\n");
    parindex().arg("check").arg(&dir).assert().success();
    // The comments it writes are in the interface language; the keys stay as they are.
    let text = fs::read_to_string(dir.join("workspace.toml")).unwrap();
    assert!(text.contains("# Thêm một bảng [[unit]] cho mỗi đơn vị tham gia:") && text.contains("# heads = [\"lan\"]"), "{text}");
    assert!(parindex::text::english::english_lines(&text).is_empty(), "{text}");
    let en = d.path().join("round-en");
    parindex().args(["--lang", "en", "init"]).arg(&en).arg("--scorecard").arg(&sc).assert().success();
    assert!(fs::read_to_string(en.join("workspace.toml")).unwrap().contains("# Add one [[unit]] table per unit taking part:"));
    let before = fs::read(dir.join("workspace.toml")).unwrap();
    let out = parindex().arg("init").arg(&dir).arg("--scorecard").arg(&sc).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("đã có một đợt đánh giá (workspace.toml); không thay đổi gì"));
    assert_eq!(fs::read(dir.join("workspace.toml")).unwrap(), before);
    // A bad scorecard: exit 2, nothing written.
    let bad = d.path().join("bad.toml");
    fs::write(&bad, "[scorecard]\n").unwrap();
    let other = d.path().join("other");
    parindex().arg("init").arg(&other).arg("--scorecard").arg(&bad).assert().code(2);
    assert!(!other.exists());
}

#[test]
fn score_json_has_the_contracted_keys() {
    let d = tempfile::tempdir().unwrap();
    demo(d.path());
    let v = json(parindex().args(["score", "--unit", "vp", "--format", "json", "-w"]).arg(d.path()));
    for k in ["unit", "name", "status", "max", "total", "index", "self_total", "self_index", "criteria"] {
        assert!(v.get(k).is_some(), "no {k}");
    }
    assert_eq!(v["unit"], "vp");
    assert_eq!(v["max"], 100.0);
    let criteria = v["criteria"].as_array().unwrap();
    assert_eq!(criteria[0]["id"], "1");
    assert_eq!(criteria.len(), 119);
    for c in criteria {
        for k in ["id", "max", "self", "final", "scored", "applicable_max", "na"] {
            assert!(c.get(k).is_some(), "criterion without {k}: {c}");
        }
    }
    // Spec §5.1: the Office has no procedures of its own: 3.1.1 is not applicable and leaves
    // the maxima of 3.1, area 3 and the unit.
    let by_id = |id: &str| criteria.iter().find(|c| c["id"] == id).unwrap();
    assert_eq!(by_id("3.1.1")["na"], true);
    assert_eq!(by_id("3.1.1")["max"], 0.5);
    assert_eq!(by_id("3.1.1")["applicable_max"], 0.0);
    assert_eq!(by_id("3.1")["applicable_max"], 0.0);
    assert_eq!(by_id("3.3.1")["na"], false);
    // Spec §5.1 as changed in turn 3 (issue 21): each area counts its points on its scorecard
    // max, so (weights defaulting to the maxima) the areas' finals add up to the total and
    // their applicable maxima to the index's denominator, exactly.
    let dec = |x: &serde_json::Value| x.to_string().parse::<rust_decimal::Decimal>().unwrap();
    let areas: Vec<_> = criteria.iter().filter(|c| !c["id"].as_str().unwrap().contains('.')).collect();
    let finals: rust_decimal::Decimal = areas.iter().map(|c| dec(&c["final"])).sum();
    let applicable: rust_decimal::Decimal = areas.iter().map(|c| dec(&c["applicable_max"])).sum();
    assert_eq!(finals, dec(&v["total"]));
    assert_eq!(applicable, dec(&v["applicable_max"]));
    assert!(applicable < rust_decimal::Decimal::ONE_HUNDRED, "vp has criteria not applicable: {applicable}");
    assert_eq!(
        dec(&v["index"]),
        (finals * rust_decimal::Decimal::ONE_HUNDRED / applicable).round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    );
}

#[test]
fn score_table_uses_decimal_comma_and_english_on_request() {
    let d = tempfile::tempdir().unwrap();
    demo(d.path());
    let vi = stdout(parindex().args(["score", "--unit", "vp", "-w"]).arg(d.path()));
    assert!(vi.contains("Tổng điểm") && vi.contains("10,00"), "{vi}");
    let en = stdout(parindex().args(["--lang", "en", "score", "--unit", "vp", "-w"]).arg(d.path()));
    assert!(en.contains("Total") && en.contains("10.00"), "{en}");
    let en2 = stdout(parindex().env("PARINDEX_LANG", "en").args(["score", "--unit", "vp", "-w"]).arg(d.path()));
    assert_eq!(en, en2);
}

#[test]
fn score_of_an_unknown_unit_or_workspace_exits_2() {
    let d = tempfile::tempdir().unwrap();
    demo(d.path());
    let out = parindex().env("PARINDEX_LANG", "en").args(["score", "--unit", "nope", "-w"]).arg(d.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("no unit `nope`"));
    parindex().args(["score", "--unit", "vp", "-w", "/nonexistent"]).assert().code(2);
    parindex().args(["score", "-w", "."]).assert().code(2);
}

#[test]
fn rank_json_is_one_array_best_first_with_shared_ranks() {
    let d = tempfile::tempdir().unwrap();
    demo(d.path());
    let v = json(parindex().args(["rank", "--format", "json", "-w"]).arg(d.path()));
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 8);
    for it in items {
        for k in ["rank", "unit", "name", "group", "status", "total", "index", "self_index", "band"] {
            assert!(it.get(k).is_some(), "no {k} in {it}");
        }
    }
    let idx: Vec<f64> = items.iter().map(|i| i["index"].as_f64().unwrap()).collect();
    assert!(idx.windows(2).all(|w| w[0] >= w[1]), "{idx:?}");
    assert_eq!(items[0]["rank"], 1);
    let missing = items.iter().find(|i| i["status"] == "missing").unwrap();
    assert_eq!(missing["index"], 0.0);
    // Issue 21: listed last, with no rank and no band; bands say what they rest on.
    assert_eq!(items.last().unwrap()["status"], "missing");
    assert_eq!(
        (&missing["rank"], &missing["band"], &missing["band_basis"]),
        (&serde_json::Value::Null, &serde_json::Value::Null, &serde_json::Value::Null)
    );
    let basis = |u: &str| items.iter().find(|i| i["unit"] == u).unwrap()["band_basis"].clone();
    assert_eq!((basis("vp"), basis("ttra"), basis("ccdl")), ("appraised".into(), "self".into(), "provisional".into()));
    // The table: the same, worded.
    let table = stdout(parindex().args(["rank", "-w"]).arg(d.path()));
    let row = |name: &str| table.lines().find(|l| l.contains(name)).unwrap_or_else(|| panic!("{name}: {table}")).to_owned();
    assert!(row("Thanh tra Sở").ends_with("Tốt (tự xếp loại)"), "{table}");
    assert!(row("Chi cục Tiêu chuẩn").ends_with("Tốt (tạm tính)"), "{table}");
    assert!(row("Văn phòng Sở").ends_with("Khá"), "{table}");
    let last = table.lines().rfind(|l| !l.trim().is_empty()).unwrap();
    assert!(last.starts_with("      Trung tâm Thông tin") && last.contains("Chưa nộp"), "no rank number, listed last: {table}");
    assert!(!last.contains("0,00") && last.matches('–').count() == 2, "no figures beside “Chưa nộp”: {last}");
    let score = stdout(parindex().args(["score", "--unit", "ttra", "-w"]).arg(d.path()));
    assert!(score.contains("Xếp loại: Tốt (tự xếp loại)"), "{score}");
}

#[test]
fn rank_by_group_ranks_inside_each_group() {
    let d = tempfile::tempdir().unwrap();
    demo(d.path());
    let v = json(parindex().args(["rank", "--by-group", "--format", "json", "-w"]).arg(d.path()));
    let items = v.as_array().unwrap();
    let ones: Vec<&serde_json::Value> = items.iter().filter(|i| i["rank"] == 1).collect();
    assert_eq!(ones.len(), 2, "one winner per group");
    let table = stdout(parindex().args(["rank", "--by-group", "-w"]).arg(d.path()));
    assert!(table.contains("Nhóm: Phòng chuyên môn") && table.contains("Nhóm: Đơn vị trực thuộc"), "{table}");
}

#[test]
fn rank_writes_csv_to_a_file_atomically() {
    let d = tempfile::tempdir().unwrap();
    demo(d.path());
    let out = d.path().join("rank.csv");
    parindex().args(["rank", "--format", "csv", "-o"]).arg(&out).arg("-w").arg(d.path()).assert().success();
    let text = fs::read_to_string(&out).unwrap();
    // Vietnamese by default: Vietnamese Excel's form (docs/exports.md, "The CSV default").
    assert!(text.starts_with("Hạng;Mã đơn vị;Đơn vị;Nhóm;Trạng thái;Điểm đạt;Chỉ số (%);Tự đánh giá (%);Xếp loại\n"), "{text}");
    assert_eq!(text.lines().count(), 9);
    parindex().args(["rank", "-o", "/nonexistent/dir/x.csv", "-w"]).arg(d.path()).assert().code(2);
}

#[test]
fn bad_usage_exits_2() {
    parindex().args(["rank", "--format", "yaml"]).assert().code(2);
    parindex().arg("frobnicate").assert().code(2);
    parindex().args(["demo", "--units", "0"]).assert().code(2);
    parindex().args(["--lang", "fr", "check", "x"]).assert().code(2);
    parindex().arg("--help").assert().success();
}

#[test]
fn demo_without_a_terminal_prints_the_ranking_instead() {
    let d = tempfile::tempdir().unwrap();
    let out = parindex().arg("demo").arg(d.path()).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().contains("Văn phòng Sở"));
    assert!(String::from_utf8(out.stderr).unwrap().contains("không có cửa sổ dòng lệnh"));
}

#[test]
fn bare_parindex_outside_a_round_says_what_to_do() {
    let d = tempfile::tempdir().unwrap();
    let out = parindex().current_dir(d.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("không có workspace.toml") && err.contains("parindex demo"), "{err}");
    assert!(parindex::text::english::english_lines(&err).is_empty(), "{err}");
    let out = parindex().env("PARINDEX_LANG", "en").current_dir(d.path()).output().unwrap();
    assert!(String::from_utf8(out.stderr).unwrap().contains("no workspace.toml"));
}

#[test]
fn status_counts_the_units_criteria_apart_from_the_surveys() {
    let (dir, _ws) = common::demo();
    let out = common::stdout(common::bin().arg("status").arg("-w").arg(dir.path()));
    // Thanh tra Sở submitted everything it answers; the Office has not given the surveys yet.
    let line = out.lines().find(|l| l.starts_with("ttra ")).expect("ttra's line");
    assert!(line.contains("82/82 · 0/4"), "{out}");
}
