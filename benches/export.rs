//! Exports: the ranking of 300 units to an Excel workbook.
//!
//! Run: `cargo bench --bench export` (figures: BENCHMARKS.md).

mod common;

use divan::{Bencher, black_box};
use parindex::export::{self, ExportFormat, ExportOptions};

fn main() {
    common::run();
}

/// `export::write_file(.., ExportFormat::Xlsx, ..)` for 300 units, results already computed.
///
/// NOTE: until the export work is merged, `export::write_file` is a stub that returns
/// `Err(Unsupported)` at once, so this measures the stub (nanoseconds), not a workbook. The
/// result is deliberately not unwrapped so the benchmark keeps running either way; re-run it
/// once the real writer is on the branch.
#[divan::bench(sample_count = 20)]
fn export_xlsx_300_units(bencher: Bencher) {
    let l = common::loaded(300);
    let path = std::env::temp_dir().join(format!("parindex-bench-{}-ranking.xlsx", std::process::id()));
    let opts = ExportOptions::default();
    bencher.bench(|| black_box(export::write_file(&l.ws, &l.results, ExportFormat::Xlsx, &opts, &path)).is_ok());
    let _ = std::fs::remove_file(&path);
}
