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

/// One key in a unit head's view: down the criteria tree and back up (what a key costs
/// before anything is drawn).
#[divan::bench]
fn key_down_up_unit_view(bencher: Bencher) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let ws = Workspace::load(&common::workspace_dir(30)).unwrap();
    let mut app = App::for_unit(ws, "qlkh", Lang::Vi, Theme::PLAIN).unwrap();
    bencher.bench_local(|| {
        app.handle_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        app.handle_key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
    });
}

/// One character typed into a score and taken back, in a unit head's view: each previews the
/// criterion's points and re-scores the unit.
#[divan::bench]
fn key_typed_in_a_score(bencher: Bencher) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let ws = Workspace::load(&common::workspace_dir(30)).unwrap();
    let mut app = App::for_unit(ws, "qlkh", Lang::Vi, Theme::PLAIN).unwrap();
    let leaf = {
        let sc = &app.ws().scorecard;
        let w = app.work.as_ref().unwrap();
        sc.leaves().find(|&i| sc.nodes[i].rule.as_ref().is_some_and(|r| r.name() == "manual") && w.sub.input(i).is_none()).unwrap()
    };
    let w = app.work.as_mut().unwrap();
    w.sel = leaf;
    w.field = 0;
    w.pane = parindex::tui::state::Pane::Detail;
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    bencher.bench_local(|| {
        app.handle_key(KeyEvent::new(KeyCode::Char('1'), KeyModifiers::NONE));
        app.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    });
}
