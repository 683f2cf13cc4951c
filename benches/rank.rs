//! The round: rank 30 / 300 / 10,000 units from disk (cold: workspace.toml, the scorecard,
//! every submission and appraisal parsed and validated, then scored and ranked) and from memory
//! (results already computed: the ranking alone; sheets in memory: a full re-tally).
//!
//! Run: `cargo bench --bench rank` (figures and what they mean: BENCHMARKS.md).
//! The workspaces are generated once per process (`parindex demo --units N --seed 1`).

mod common;

use divan::{Bencher, black_box};
use parindex::core::results::{RoundResults, UnitResult};
use parindex::core::workspace::Workspace;

fn main() {
    common::run();
}

const SIZES: [usize; 3] = [30, 300, 10_000];

/// `parindex rank` without the printing: `Workspace::load` + `RoundResults::from_disk` +
/// `ranking`.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn rank_from_disk(bencher: Bencher, units: usize) {
    let dir = common::workspace_dir(units);
    bencher.bench(|| {
        let ws = Workspace::load(black_box(&dir)).unwrap();
        let results = RoundResults::from_disk(&ws).unwrap();
        results.ranking(&ws)
    });
}

/// The ranking alone, results already computed (Vietnamese collation of names included).
#[divan::bench(args = SIZES)]
fn rank_from_memory(bencher: Bencher, units: usize) {
    let l = common::loaded(units);
    bencher.bench(|| black_box(&l.results).ranking(&l.ws));
}

/// The ranking by group (two groups in the demo).
#[divan::bench(args = SIZES)]
fn rank_by_group_from_memory(bencher: Bencher, units: usize) {
    let l = common::loaded(units);
    bencher.bench(|| black_box(&l.results).ranking_by_group(&l.ws));
}

/// Re-tally every unit from sheets in memory (self and final tallies, one thread), then rank.
#[divan::bench(args = SIZES, sample_count = 20)]
fn retally_all_and_rank(bencher: Bencher, units: usize) {
    let l = common::loaded(units);
    let sc = &l.ws.scorecard;
    bencher.bench(|| {
        let units = l.sheets.iter().enumerate().map(|(i, (s, a))| UnitResult::compute(sc, &[], i, s.as_ref(), a.as_ref())).collect();
        RoundResults::new(units).ranking(&l.ws)
    });
}
