//! Shared helpers for the dashboard tests: a demo workspace in a temporary folder, keys, and
//! drawing an app on a test backend.
#![allow(dead_code)]

use parindex::core::workspace::Workspace;
use parindex::demo::{DemoOptions, write};
use parindex::text::Lang;
use parindex::tui::state::{App, Pane};
use parindex::tui::{Theme, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn demo() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), &DemoOptions { units: 8, seed: 2020 }).expect("demo");
    let ws = Workspace::load(dir.path()).expect("demo loads");
    (dir, ws)
}

pub fn unit_app(unit: &str) -> (tempfile::TempDir, App) {
    let (dir, ws) = demo();
    let app = App::for_unit(ws, unit, Lang::Vi, Theme::PLAIN).expect("unit app");
    (dir, app)
}

pub fn office_app() -> (tempfile::TempDir, App) {
    let (dir, ws) = demo();
    let app = App::for_office(ws, Lang::Vi, Theme::PLAIN).expect("office app");
    (dir, app)
}

pub fn draw(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| view::render(app, f)).expect("draw");
    format!("{}", term.backend())
}

/// Draws without looking at the result (the test backend cannot print a zero-width screen).
pub fn draw_only(app: &App, w: u16, h: u16) {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| view::render(app, f)).expect("draw");
}

pub fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

pub fn ch(app: &mut App, c: char) {
    let mods = if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
    app.handle_key(KeyEvent::new(KeyCode::Char(c), mods));
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

pub fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

/// Selects a criterion by id and puts the focus on the detail pane.
pub fn select(app: &mut App, id: &str) {
    let idx = app.ws().scorecard.node_index(id).expect("criterion id");
    let w = app.work.as_mut().expect("a unit is open");
    w.sel = idx;
    w.field = 0;
    w.pane = Pane::Detail;
}

/// The first leaf with this rule name.
pub fn leaf_with_rule(app: &App, rule: &str) -> String {
    let sc = &app.ws().scorecard;
    sc.leaves().map(|i| &sc.nodes[i]).find(|n| n.rule.as_ref().is_some_and(|r| r.name() == rule)).expect("a leaf with that rule").id.clone()
}
