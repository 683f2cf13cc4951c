//! One figure (issue 17, bug 2): `score --format json`, `rank --format json`, the JSON and xlsx
//! exports and the dashboard's model give each unit exactly the same figures, also for a
//! reopened unit (a draft) the Office had appraised: a draft ranks on its self-assessment,
//! whatever the earlier appraisal said. The demo's rounds carry "not applicable" answers, news
//! registers with confirmations, survey points, returned, appraised and final units.

use std::fs;
use std::path::Path;

use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use parindex::core::results::RoundResults;
use parindex::core::workspace::Workspace;
use parindex::text::Lang;
use parindex::tui::{App, Theme};
use serde_json::Value;

mod common;

fn run(ws: &Path, args: &[&str]) -> Value {
    let out = common::bin().env("PARINDEX_NO_CACHE", "1").args(args).arg("-w").arg(ws).args(["--format", "json"]).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn score_and_rank_agree_unit_by_unit_on_random_rounds_with_reopened_appraised_units() {
    let mut reopened = 0;
    for seed in [1u64, 7, 23] {
        let tmp = tempfile::tempdir().unwrap();
        let ws = tmp.path().join("ws");
        common::bin().args(["demo", "--no-tui", "--units", "12", "--seed", &seed.to_string()]).arg(&ws).assert().success();
        // Every other unit with an appraisal is reopened: a draft again, its appraisal kept.
        let mut appraised: Vec<_> = fs::read_dir(ws.join("appraisals")).unwrap().map(|e| e.unwrap().path()).collect();
        appraised.sort();
        for p in appraised.iter().step_by(2) {
            let sub = ws.join("submissions").join(p.file_name().unwrap());
            let Ok(text) = fs::read_to_string(&sub) else { continue };
            let Some(line) = text.lines().find(|l| l.starts_with("status = ")) else { continue };
            fs::write(&sub, text.replacen(line, "status = \"draft\"\nreopened = true", 1)).unwrap();
            reopened += 1;
        }
        let rank = run(&ws, &["rank"]);
        let keys = ["status", "total", "index", "self_total", "self_index", "self_max", "provisional", "band", "scored", "leaves", "integrity"];
        for item in rank.as_array().unwrap() {
            let unit = item["unit"].as_str().unwrap();
            let score = run(&ws, &["score", "--unit", unit]);
            for k in keys {
                assert_eq!(score[k], item[k], "seed {seed}, unit {unit}: {k} differs between score and rank");
            }
        }
        // The JSON export: the same items.
        let json_file = tmp.path().join("out.json");
        export(&ws, &json_file);
        let exported: Value = serde_json::from_slice(&fs::read(&json_file).unwrap()).unwrap();
        let exported = exported["ranking"].as_array().unwrap();
        assert_eq!(exported.len(), rank.as_array().unwrap().len());
        for (e, item) in exported.iter().zip(rank.as_array().unwrap()) {
            for k in keys.iter().chain(&["rank", "unit", "appraised"]) {
                assert_eq!(e[k], item[k], "seed {seed}, unit {}: {k} differs between the JSON export and rank", item["unit"]);
            }
        }
        // The workbook: the ranking sheet and each unit's sheet.
        let xlsx_file = tmp.path().join("out.xlsx");
        export(&ws, &xlsx_file);
        let mut wb: Xlsx<_> = open_workbook(&xlsx_file).unwrap();
        let r = wb.worksheet_range("Xếp hạng").unwrap();
        let head = find_row(&r, 0, "Hạng");
        for (i, item) in rank.as_array().unwrap().iter().enumerate() {
            let y = head + 1 + i as u32;
            let unit = item["unit"].as_str().unwrap();
            assert_eq!(cell(&r, y, 1), Data::String(unit.into()));
            assert_eq!(cell(&r, y, 4), Data::Float(f(&item["self_index"])), "seed {seed}, unit {unit}: self index in the workbook");
            assert_eq!(cell(&r, y, 5), Data::Float(f(&item["index"])), "seed {seed}, unit {unit}: index in the workbook");
            let s = wb.worksheet_range(unit).unwrap();
            let total = find_row(&s, 1, "Tổng cộng (có trọng số)");
            assert_eq!(cell(&s, total, 6), Data::Float(f(&item["index"])), "seed {seed}, unit {unit}: index on its workbook sheet");
            // Issue 21: the area rows add up to the total row, column by column (the maximum
            // that applies to the unit, self, appraised, final), wherever the unit has
            // criteria not applicable.
            let head = find_row(&s, 0, "STT");
            for col in [2, 3, 5] {
                let mut sum = rust_decimal::Decimal::ZERO;
                for y in head + 1..total {
                    if let Data::String(id) = cell(&s, y, 0)
                        && !id.contains('.')
                        && let Data::Float(v) = cell(&s, y, col)
                    {
                        sum += rust_decimal::Decimal::from_str_exact(&v.to_string()).unwrap();
                    }
                }
                let Data::Float(t) = cell(&s, total, col) else { panic!("seed {seed}, unit {unit}: no total in column {col}") };
                assert_eq!(
                    sum,
                    rust_decimal::Decimal::from_str_exact(&t.to_string()).unwrap(),
                    "seed {seed}, unit {unit}: column {col} of its sheet"
                );
            }
        }
        // The dashboard: the Office's table, and each unit opened (the figures its header shows).
        let w = Workspace::load(&ws).unwrap();
        let from_disk = RoundResults::from_disk(&w).unwrap();
        let mut app = App::for_office(w.clone(), Lang::Vi, Theme::PLAIN).unwrap();
        let table = app.office.as_ref().unwrap().results.units.clone();
        for item in rank.as_array().unwrap() {
            let u = w.unit_index(item["unit"].as_str().unwrap()).unwrap();
            assert_eq!(table[u], from_disk.units[u], "seed {seed}, unit {}: the Office's table", item["unit"]);
            let band = table[u].band(&w.scorecard).map(|b| Value::String(b.label.clone())).unwrap_or(Value::Null);
            assert_eq!(band, item["band"]);
            assert_eq!(table[u].index.to_string().parse::<f64>().unwrap(), f(&item["index"]));
            app.open_appraisal(u);
            let opened = app.work.as_ref().unwrap().result.clone();
            assert_eq!(opened, from_disk.units[u], "seed {seed}, unit {}: the open unit's header figures", item["unit"]);
        }
    }
    assert!(reopened > 0, "no reopened unit with an appraisal was made");
}

fn export(ws: &Path, out: &Path) {
    common::bin().args(["export", "-w"]).arg(ws).arg("-o").arg(out).assert().success();
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn cell(r: &Range<Data>, row: u32, col: u32) -> Data {
    r.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn find_row(r: &Range<Data>, col: u32, value: &str) -> u32 {
    (0..r.end().unwrap().0 + 1).find(|&y| cell(r, y, col) == Data::String(value.into())).unwrap_or_else(|| panic!("no `{value}` in column {col}"))
}
