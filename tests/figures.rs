//! One figure (issue 17, bug 2): `score --format json` gives each unit exactly the figures
//! `rank --format json` gives it, also for a reopened unit (a draft) the Office had appraised:
//! a draft ranks on its self-assessment, whatever the earlier appraisal said.

use std::fs;
use std::path::Path;

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
        for item in rank.as_array().unwrap() {
            let unit = item["unit"].as_str().unwrap();
            let score = run(&ws, &["score", "--unit", unit]);
            for k in ["status", "total", "index", "self_total", "self_index", "self_max", "provisional", "band", "scored", "leaves", "integrity"] {
                assert_eq!(score[k], item[k], "seed {seed}, unit {unit}: {k} differs between score and rank");
            }
        }
    }
    assert!(reopened > 0, "no reopened unit with an appraisal was made");
}
