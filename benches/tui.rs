//! The dashboard's frames: one frame of the unit view and of the Office dashboard at 200×60 on
//! a `TestBackend`, and the Office's first frame (load + score every unit + draw) for 30 and
//! 300 units.
//!
//! Run: `cargo bench --bench tui` (figures: BENCHMARKS.md).

mod common;

use divan::{Bencher, black_box};
use parindex::core::workspace::Workspace;
use parindex::text::Lang;
use parindex::tui::{App, Theme, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    common::run();
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(200, 60)).expect("test terminal")
}

/// One frame of a unit head's view (tree, detail pane, totals) on an unchanged state.
#[divan::bench]
fn frame_unit_view_200x60(bencher: Bencher) {
    let ws = Workspace::load(&common::workspace_dir(30)).unwrap();
    let app = App::for_unit(ws, "qlkh", Lang::Vi, Theme::PLAIN).unwrap();
    let mut term = terminal();
    bencher.bench_local(|| {
        term.draw(|f| view::render(black_box(&app), f)).unwrap();
    });
}

/// One frame of the Office dashboard (table, bar chart, heat map) for 300 units.
#[divan::bench(args = [30, 300])]
fn frame_office_dashboard_200x60(bencher: Bencher, units: usize) {
    let ws = Workspace::load(&common::workspace_dir(units)).unwrap();
    let app = App::for_office(ws, Lang::Vi, Theme::PLAIN).unwrap();
    let mut term = terminal();
    bencher.bench_local(|| {
        term.draw(|f| view::render(black_box(&app), f)).unwrap();
    });
}

/// The Office's first frame: load the round from disk, score every unit, draw.
#[divan::bench(args = [30, 300], sample_count = 20)]
fn first_frame_office(bencher: Bencher, units: usize) {
    let dir = common::workspace_dir(units);
    bencher.bench_local(|| {
        let ws = Workspace::load(&dir).unwrap();
        let app = App::for_office(ws, Lang::Vi, Theme::PLAIN).unwrap();
        let mut term = terminal();
        term.draw(|f| view::render(&app, f)).unwrap();
    });
}
