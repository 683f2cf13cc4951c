//! Year over year: `init --from` last year's round, `rank --compare` with it (spec §5.2).

mod common;

use std::fs;

use common::bin as parindex;

#[test]
fn a_new_round_from_last_years_and_the_ranking_compared_with_it() {
    let d = tempfile::tempdir().unwrap();
    let last = d.path().join("2019");
    parindex().args(["demo", "--no-tui", "--seed", "2019"]).arg(&last).assert().success();
    // The new round takes over units, groups, heads and the Office, with the new scorecard.
    let new = d.path().join("2020");
    let card = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scorecards/par-2020.toml");
    parindex().arg("init").arg(&new).arg("--scorecard").arg(&card).arg("--from").arg(&last).assert().success();
    let ws = fs::read_to_string(new.join("workspace.toml")).unwrap();
    let old = fs::read_to_string(last.join("workspace.toml")).unwrap();
    let units = |t: &str| t[t.find("[[unit]]").unwrap()..].to_owned();
    assert_eq!(units(&ws), units(&old));
    assert!(ws.contains("single_user = true") && !ws.contains("deadline"), "{ws}");
    assert!(fs::read_dir(new.join("submissions")).unwrap().next().is_none());
    parindex().arg("check").arg(&new).assert().success();

    // The demo round of 2020 compared with 2019: every unit matched by id.
    let now = d.path().join("now");
    parindex().args(["demo", "--no-tui"]).arg(&now).assert().success();
    let out = parindex().args(["rank", "--format", "json", "--compare"]).arg(&last).arg("-w").arg(&now).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let before: serde_json::Value =
        serde_json::from_slice(&parindex().args(["rank", "--format", "json", "-w"]).arg(&last).output().unwrap().stdout).unwrap();
    for item in v.as_array().unwrap() {
        let then = before.as_array().unwrap().iter().find(|x| x["unit"] == item["unit"]).unwrap();
        // Issue 21: a unit that did not submit last year was not ranked: no previous result.
        if then["rank"].is_null() {
            assert!(item["previous"].is_null(), "{item}");
            continue;
        }
        assert_eq!(item["previous"]["index"], then["index"], "{item}");
        assert_eq!(item["previous"]["rank"], then["rank"], "{item}");
    }
    // Without --compare there is no `previous`; a unit new this year has `previous: null`.
    let plain: serde_json::Value =
        serde_json::from_slice(&parindex().args(["rank", "--format", "json", "-w"]).arg(&now).output().unwrap().stdout).unwrap();
    assert!(plain[0].get("previous").is_none());
    let ws_path = now.join("workspace.toml");
    let text = fs::read_to_string(&ws_path).unwrap();
    fs::write(&ws_path, format!("{text}\n[[unit]]\nid = \"moi\"\nname = \"Đơn vị mới\"\nheads = []\n")).unwrap();
    let v: serde_json::Value =
        serde_json::from_slice(&parindex().args(["rank", "--format", "json", "--compare"]).arg(&last).arg("-w").arg(&now).output().unwrap().stdout)
            .unwrap();
    let moi = v.as_array().unwrap().iter().find(|x| x["unit"] == "moi").unwrap();
    assert!(moi["previous"].is_null(), "{moi}");
    // The table shows last year's index and the change of rank.
    let t = String::from_utf8(parindex().args(["rank", "--compare"]).arg(&last).arg("-w").arg(&now).output().unwrap().stdout).unwrap();
    assert!(t.contains("Năm trước (%)") && t.contains("Hạng ±") && (t.contains('↑') || t.contains('↓')), "{t}");
    // Every export format carries the comparison.
    for ext in ["md", "html", "csv", "json", "xlsx"] {
        let out = d.path().join(format!("cmp.{ext}"));
        parindex().args(["export", "--compare"]).arg(&last).arg("-w").arg(&now).arg("-o").arg(&out).assert().success();
        if ext == "xlsx" {
            use calamine::{Reader, Xlsx, open_workbook};
            let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
            let r = wb.worksheet_range("Xếp hạng").unwrap();
            let cells: Vec<String> = r.rows().flat_map(|row| row.iter().map(|c| c.to_string())).collect();
            assert!(cells.iter().any(|c| c == "Chỉ số năm trước (%)") && cells.iter().any(|c| c.starts_with('↑') || c.starts_with('↓')));
        } else {
            let text = fs::read_to_string(&out).unwrap();
            let want = if ext == "json" { "\"previous\"" } else { "Chỉ số năm trước (%)" };
            assert!(text.contains(want), "{ext}: {text}");
        }
    }
    // A compared round that cannot be read is bad input.
    parindex().args(["rank", "--compare"]).arg(d.path().join("nowhere")).arg("-w").arg(&now).assert().code(2);
}
