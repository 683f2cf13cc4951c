//! `parindex import-survey` (spec §5.3): survey results into the appraisals, all or nothing,
//! audited, with the source file recorded.

mod common;

use std::fs;
use std::path::Path;

use common::{bin as parindex, demo_in as demo};

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = Vec::new();
    for sub in ["appraisals", "audit"] {
        let Ok(rd) = fs::read_dir(dir.join(sub)) else { continue };
        for e in rd.flatten() {
            v.push((e.path().display().to_string(), fs::read(e.path()).unwrap()));
        }
    }
    v.sort();
    v
}

#[test]
fn rates_with_a_bom_and_semicolons_become_audited_appraisal_points() {
    let d = tempfile::tempdir().unwrap();
    demo(d.path());
    let csv = d.path().join("khao-sat-2020.csv");
    fs::write(&csv, "\u{feff}unit;criterion;rate\r\nttra;8.1.1;87,5\r\nttra;8.2.1;100\r\n\r\nttud;8.1.2;120\r\n").unwrap();
    let out = parindex().args(["import-survey", "-w"]).arg(d.path()).arg(&csv).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Đã nhập 3 điểm khảo sát của 2 đơn vị"));
    let appr = fs::read_to_string(d.path().join("appraisals/ttra.toml")).unwrap();
    // 3 × 87.5 % = 2.625 → 2.63 (half away from zero); 2 × 100 % = 2; a rate above 100 counts as 100.
    assert!(appr.contains("[answers.\"8.1.1\"]\npoints = 2.63\ncomment = \"Điểm khảo sát xã hội học, nhập từ tệp khao-sat-2020.csv\""), "{appr}");
    assert!(appr.contains("[answers.\"8.2.1\"]\npoints = 2\n"), "{appr}");
    assert!(fs::read_to_string(d.path().join("appraisals/ttud.toml")).unwrap().contains("[answers.\"8.1.2\"]\npoints = 2\n"));
    // Audited like any appraisal, the source in the log.
    let log = String::from_utf8(parindex().args(["log", "--unit", "ttra", "--format", "json", "-w"]).arg(d.path()).output().unwrap().stdout).unwrap();
    assert!(log.contains("\"appraise\"") && log.contains("8.1.1") && log.contains("khao-sat-2020.csv"), "{log}");
    // The final index moved: the survey points count.
    let v: serde_json::Value =
        serde_json::from_slice(&parindex().args(["score", "--unit", "ttra", "--format", "json", "-w"]).arg(d.path()).output().unwrap().stdout)
            .unwrap();
    let c = v["criteria"].as_array().unwrap().iter().find(|c| c["id"] == "8.1.1").unwrap().clone();
    assert_eq!(c["final"], 2.63);
}

#[test]
fn any_bad_row_and_nothing_is_imported() {
    let d = tempfile::tempdir().unwrap();
    demo(d.path());
    let before = snapshot(d.path());
    let csv = d.path().join("bad.csv");
    fs::write(&csv, "unit,criterion,points\nttra,8.1.1,2\nttra,1.1.1,1\nnobody,8.1.1,1\nttra,8.2.1,9\nttra,8.1.1,1\nttra,8.1.2,abc\n").unwrap();
    let out = parindex().args(["--lang", "en", "import-survey", "-w"]).arg(d.path()).arg(&csv).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.csv:3:6") && err.contains("`1.1.1` is not a survey criterion"), "{err}");
    assert!(err.contains("bad.csv:4:1") && err.contains("no unit `nobody`"), "{err}");
    assert!(err.contains("bad.csv:5:12") && err.contains("more than the maximum 2"), "{err}");
    assert!(err.contains("bad.csv:6:1") && err.contains("given twice"), "{err}");
    assert!(err.contains("`abc` is not a number"), "{err}");
    assert_eq!(snapshot(d.path()), before, "nothing written");
    // The same in the default language: Vietnamese, at the same places.
    let out = parindex().args(["import-survey", "-w"]).arg(d.path()).arg(&csv).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.csv:3:6: `1.1.1` không phải là tiêu chí khảo sát"), "{err}");
    assert!(err.contains("bad.csv:4:1: đợt đánh giá không có đơn vị `nobody`"), "{err}");
    assert!(err.contains("bad.csv:5:12: `9` cho `8.2.1`: vượt quá điểm tối đa 2"), "{err}");
    assert!(err.contains("bad.csv:6:1: `8.1.1` của `ttra` được ghi hai lần"), "{err}");
    assert!(err.contains("`abc` không phải là số"), "{err}");
    let located: String = err.lines().filter(|l| l.contains("bad.csv:")).collect::<Vec<_>>().join("\n");
    assert!(parindex::text::english::english_lines(&located).is_empty(), "{located}");
    assert_eq!(snapshot(d.path()), before, "nothing written");
    // A bad header; a final unit's survey points (reopen first).
    fs::write(&csv, "don_vi,tieu_chi,diem\n").unwrap();
    parindex().args(["import-survey", "-w"]).arg(d.path()).arg(&csv).assert().code(2);
    fs::write(&csv, "unit,criterion,points\nttra,8.1.1,2\nqlcn,8.1.1,2\n").unwrap();
    let out = parindex().args(["import-survey", "-w"]).arg(d.path()).arg(&csv).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`qlcn` đã chốt chính thức"));
    let out = parindex().args(["--lang", "en", "import-survey", "-w"]).arg(d.path()).arg(&csv).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the result of `qlcn` is final"));
    assert_eq!(snapshot(d.path()), before, "nothing written");
}
