//! Any bytes as a submission and as an appraisal, read against the shipped 2020 scorecard:
//! `Sheet::parse_lenient` must never panic; what it keeps must score without overflow, and
//! must survive writing and reading back unchanged (what the dashboard saves, it can reopen).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use parindex::core::answers::{Sheet, SheetKind};
use parindex::core::diag::Source;
use parindex::core::results::UnitResult;
use parindex::core::scorecard::Scorecard;

fn scorecard() -> &'static Scorecard {
    static SC: OnceLock<Scorecard> = OnceLock::new();
    SC.get_or_init(|| Scorecard::from_toml_str("scorecard.toml", include_str!("../../scorecards/par-2020.toml")).unwrap())
}

fuzz_target!(|data: &[u8]| {
    let sc = scorecard();
    let text = String::from_utf8_lossy(data).into_owned();
    let src = Source::new("submissions/vp.toml", text);
    let (sub, diags) = Sheet::parse_lenient(src.clone(), sc, SheetKind::Submission, "vp");
    let _ = diags.render();
    let (appr, diags) = Sheet::parse_lenient(Source::new("appraisals/vp.toml", src.text.clone()), sc, SheetKind::Appraisal, "vp");
    let _ = diags.render();

    // Scoring what was kept: self and final, every combination.
    let _ = UnitResult::compute(sc, &[], 0, Some(&sub), Some(&appr));
    let _ = UnitResult::compute(sc, &[], 0, Some(&sub), None);
    let _ = UnitResult::compute(sc, &[], 0, None, Some(&appr));

    // Written and read back: the same sheet, without a single error.
    for (sheet, kind) in [(&sub, SheetKind::Submission), (&appr, SheetKind::Appraisal)] {
        let mut sheet = sheet.clone();
        sheet.prune();
        let written = sheet.to_toml(sc, kind);
        match Sheet::parse(Source::new("again.toml", written.clone()), sc, kind, "vp") {
            Ok(mut again) => {
                again.prune();
                assert_eq!(again, sheet, "{kind:?} changed on the way back:\n{written}");
            }
            Err(e) => panic!("{kind:?} as written does not read back:\n{written}\n{}", e.diagnostics.render()),
        }
    }
});
