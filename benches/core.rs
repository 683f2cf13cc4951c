//! One scorecard, one unit: load + validate the shipped scorecard, read one submission, score
//! one unit, re-score after one answer changes (the dashboard's per-keystroke work).
//!
//! Run: `cargo bench --bench core` (figures and what they mean: BENCHMARKS.md).

mod common;

use divan::{Bencher, black_box};
use parindex::core::answers::{Input, Sheet, SheetKind};
use parindex::core::diag::Source;
use parindex::core::results::UnitResult;
use parindex::core::scorecard::{Rule, Scorecard};
use parindex::core::tally::{self, Tally};
use parindex::demo::SCORECARD_2020;
use rust_decimal::Decimal;

fn main() {
    common::run();
}

/// The unit the per-unit benchmarks use: `vp`, appraised, so it has a submission and an
/// appraisal (the final tally reads both).
const UNIT: usize = 0;

/// Parse and validate `scorecards/par-2020.toml` (118 nodes, 85 leaves) from text.
#[divan::bench]
fn scorecard_load_validate() -> Scorecard {
    Scorecard::from_toml_str("scorecard.toml", black_box(SCORECARD_2020)).unwrap()
}

/// Parse and validate one unit's submission (about 12 KB, ~80 answers with evidence).
#[divan::bench]
fn submission_parse(bencher: Bencher) {
    let l = common::loaded(30);
    let text = std::fs::read_to_string(l.ws.submission_path(&l.ws.units[UNIT].id)).unwrap();
    let sc = &l.ws.scorecard;
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| Sheet::parse(Source::new("submissions/vp.toml", black_box(text.as_str())), sc, SheetKind::Submission, "vp").unwrap());
}

/// Parse and validate the first N answers of that submission: how reading grows with the
/// number of criteria answered.
#[divan::bench(args = [10, 20, 40, 80])]
fn submission_parse_answers(bencher: Bencher, answers: usize) {
    let l = common::loaded(30);
    let text = std::fs::read_to_string(l.ws.submission_path(&l.ws.units[UNIT].id)).unwrap();
    // Cut before the (answers + 1)-th `[answers.…]` header.
    let cut = text.match_indices("\n[answers.").nth(answers).map_or(text.len(), |(i, _)| i + 1);
    let text = &text[..cut];
    let sc = &l.ws.scorecard;
    let n = Sheet::parse(Source::new("s.toml", text), sc, SheetKind::Submission, "vp").unwrap().answers.len();
    assert_eq!(n, answers);
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench(|| Sheet::parse(Source::new("submissions/vp.toml", black_box(text)), sc, SheetKind::Submission, "vp").unwrap());
}

/// Score one unit from sheets in memory: self tally, final tally, the unit's figures.
#[divan::bench]
fn score_one_unit(bencher: Bencher) {
    let l = common::loaded(30);
    let (sub, appr) = &l.sheets[UNIT];
    bencher.bench(|| UnitResult::compute(&l.ws.scorecard, &[], UNIT, black_box(sub.as_ref()), black_box(appr.as_ref())));
}

/// Score one unit from disk, as `parindex score` does: read and validate both sheets, tally.
#[divan::bench]
fn score_one_unit_from_disk(bencher: Bencher) {
    let l = common::loaded(30);
    let id = &l.ws.units[UNIT].id;
    bencher.bench(|| {
        let sub = l.ws.load_sheet(id, SheetKind::Submission).unwrap();
        let appr = l.ws.load_sheet(id, SheetKind::Appraisal).unwrap();
        UnitResult::compute(&l.ws.scorecard, &[], UNIT, sub.as_ref(), appr.as_ref())
    });
}

/// A manual leaf the unit answered and the Office did not override, and two valid values.
fn editable_leaf(sc: &Scorecard, sub: &Sheet, appr: Option<&Sheet>) -> (usize, Input, Input) {
    let leaf = sc
        .leaves()
        .find(|&i| {
            matches!(sc.nodes[i].rule, Some(Rule::Manual))
                && sc.nodes[i].max >= sc.step
                && sub.input(i).is_some()
                && appr.is_none_or(|a| a.input(i).is_none())
        })
        .expect("the demo unit has an answered manual leaf");
    (leaf, Input::Points(Decimal::ZERO), Input::Points(sc.step))
}

/// Re-score one unit after one answer changes: the final tally with `tally_into` reusing the
/// buffer (the dashboard re-scores on every keystroke).
#[divan::bench]
fn rescore_after_one_change(bencher: Bencher) {
    let l = common::loaded(30);
    let sc = &l.ws.scorecard;
    let (sub, appr) = &l.sheets[UNIT];
    let mut sub = sub.clone().unwrap();
    let appr = appr.as_ref();
    let (leaf, a, b) = editable_leaf(sc, &sub, appr);
    let mut out = Tally::default();
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        sub.answer_mut(leaf).input = Some(if flip { a.clone() } else { b.clone() });
        let sub = &sub;
        tally::tally_into(sc, |i| appr.and_then(|x| x.input(i)).or_else(|| sub.input(i)), &mut out);
        black_box(out.index)
    });
}

/// The same, re-computing both the self and the final tally (what the unit view shows).
#[divan::bench]
fn rescore_self_and_final(bencher: Bencher) {
    let l = common::loaded(30);
    let sc = &l.ws.scorecard;
    let (sub, appr) = &l.sheets[UNIT];
    let mut sub = sub.clone().unwrap();
    let appr = appr.as_ref();
    let (leaf, a, b) = editable_leaf(sc, &sub, appr);
    let (mut own, mut fin) = (Tally::default(), Tally::default());
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        sub.answer_mut(leaf).input = Some(if flip { a.clone() } else { b.clone() });
        let sub = &sub;
        tally::tally_into(sc, |i| sub.input(i), &mut own);
        tally::tally_into(sc, |i| appr.and_then(|x| x.input(i)).or_else(|| sub.input(i)), &mut fin);
        black_box((own.index, fin.index))
    });
}
