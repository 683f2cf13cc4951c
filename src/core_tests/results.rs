//! The store's `results`, tested with the application's words and demo round.

use crate::core::answers::SheetKind;
use crate::core::results::*;
use crate::demo::{self, DemoOptions};
#[allow(unused_imports)]
use crate::text::Render;
#[allow(unused_imports)]
use crate::text::msg::Message;

#[test]
fn parallel_scoring_agrees_with_one_unit_at_a_time_and_reports_every_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo::write(dir.path(), &DemoOptions { units: 67, seed: 3 }).unwrap();
    let one_by_one: Vec<UnitResult> = (0..ws.units.len())
        .map(|i| {
            let sub = ws.load_sheet(&ws.units[i].id, SheetKind::Submission).unwrap();
            let appr = ws.load_sheet(&ws.units[i].id, SheetKind::Appraisal).unwrap();
            let appr = ws.with_register_default(&ws.units[i].id, sub.as_ref(), appr).unwrap();
            UnitResult::compute(&ws.scorecard, &ws.units[i].keys, i, sub.as_ref(), appr.as_ref())
        })
        .collect();
    assert_eq!(RoundResults::from_disk(&ws).unwrap().units, one_by_one);
    // Broken files spread over the round: a folder in a file's place (unreadable) and bad
    // statuses; each one is reported, once.
    let broken = [0usize, 1, 30, 31, 66];
    for (k, &i) in broken.iter().enumerate() {
        let path = ws.submission_path(&ws.units[i].id);
        if k == 2 {
            std::fs::remove_file(&path).unwrap();
            std::fs::create_dir_all(&path).unwrap();
        } else {
            std::fs::write(&path, format!("unit = \"{}\"\nstatus = \"nonsense\"\n", ws.units[i].id)).unwrap();
        }
    }
    // Each broken unit is unreadable, with its own file's diagnostic; the others are scored
    // as before and ranked among themselves.
    let res = RoundResults::from_disk(&ws).unwrap();
    for (i, r) in res.units.iter().enumerate() {
        if broken.contains(&i) {
            assert!(r.is_unreadable(), "{i}");
            let out = res.error(i).expect("its diagnostic").diagnostics.render();
            let name = format!("{}.toml", ws.units[i].id);
            assert_eq!(out.matches(&name).count(), 1, "{name} reported once:\n{out}");
        } else {
            assert_eq!(*r, one_by_one[i]);
        }
    }
    assert_eq!(res.unreadable.len(), broken.len());
    let ranked = res.ranking(&ws);
    assert_eq!(ranked.len(), ws.units.len() - broken.len());
    assert!(ranked.iter().all(|r| !broken.contains(&r.unit)));
}
