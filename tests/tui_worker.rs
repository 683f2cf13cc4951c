//! The dashboard's disk work runs on a worker thread (issue 19): a save held there does not
//! hold the keys or the frames; its answer is taken in afterwards.

mod common;

use std::sync::Mutex;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;
use parindex::core::workspace::Workspace;
use parindex::text::Lang;
use parindex::tui::state::{App, Pane};
use parindex::tui::{Theme, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use rust_decimal::Decimal;
use std::str::FromStr;

/// Manual leaves the open unit has not scored.
fn unscored_manual(app: &App) -> Vec<String> {
    let sc = &app.ws().scorecard;
    let w = app.work.as_ref().expect("a sheet is open");
    sc.leaves()
        .filter(|&i| {
            sc.nodes[i].rule.as_ref().is_some_and(|r| r.name() == "manual")
                && w.sub.input(i).is_none()
                && sc.nodes[i].max >= Decimal::from_str("1").unwrap()
        })
        .map(|i| sc.nodes[i].id.clone())
        .collect()
}

fn frame(app: &App, term: &mut Terminal<TestBackend>) -> String {
    term.draw(|f| view::render(app, f)).expect("a frame");
    term.backend().buffer().content().iter().map(|c| c.symbol()).collect()
}

#[test]
fn keys_are_handled_and_frames_drawn_while_a_save_is_held_on_the_worker() {
    let r = Round::demo(8, 2020);
    let ws = Workspace::load(r.path()).expect("the round loads");
    let mut app = App::for_unit(ws, "qlkh", Lang::Vi, Theme::PLAIN).expect("unit app");
    app.session.run_in_background();
    // The save stops right before it writes (after its re-check) until the test lets it go.
    let (held_tx, held) = mpsc::channel();
    let (go, go_rx) = mpsc::channel::<()>();
    let go_rx = Mutex::new(go_rx);
    app.session.before_write(move || {
        let _ = held_tx.send(());
        // Bounded, so that a dashboard that waited for its save fails this test instead of
        // hanging it.
        let _ = go_rx.lock().unwrap().recv_timeout(Duration::from_secs(20));
    });
    let leaves = unscored_manual(&app);
    assert!(leaves.len() >= 2, "two unscored manual leaves");
    select(&mut app, &leaves[0]);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "1");
    key(&mut app, KeyCode::Enter);
    assert!(app.dirty());
    let subp = r.path().join("submissions/qlkh.toml");
    let before = std::fs::read(&subp).unwrap();
    // Ctrl-S: the save goes to the worker, which holds it.
    ctrl(&mut app, 's');
    held.recv_timeout(Duration::from_secs(30)).expect("the save reached the worker");
    // Meanwhile: keys move the selection, open and close the help, and score another leaf.
    let mut term = Terminal::new(TestBackend::new(120, 35)).unwrap();
    let first = frame(&app, &mut term);
    app.work.as_mut().unwrap().pane = Pane::Tree;
    let sel = app.work.as_ref().unwrap().sel;
    key(&mut app, KeyCode::Down);
    assert_ne!(app.work.as_ref().unwrap().sel, sel, "a key moved the selection");
    ch(&mut app, '?');
    assert!(app.overlay.is_some(), "the help opened");
    assert_ne!(frame(&app, &mut term), first, "a frame with the help");
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    select(&mut app, &leaves[1]);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "1");
    key(&mut app, KeyCode::Enter);
    let id = app.ws().scorecard.node_index(&leaves[1]).unwrap();
    assert!(app.work.as_ref().unwrap().sub.input(id).is_some(), "the second leaf is scored");
    app.tick(Instant::now());
    frame(&app, &mut term);
    assert!(std::fs::read(&subp).unwrap() == before, "not written yet");
    assert!(app.session.is_saving());
    // The save goes on: its answer is taken in; the edit made meanwhile is still unsaved.
    go.send(()).unwrap();
    drop(go);
    app.finish_saves();
    assert!(std::fs::read(&subp).unwrap() != before, "written");
    assert!(app.dirty(), "the edit made while the save ran is not saved yet");
    let saved = std::fs::read_to_string(&subp).unwrap();
    assert!(saved.contains(&format!("\"{}\"", leaves[0])) || saved.contains(&leaves[0]), "{saved}");
    // The next save writes it too.
    app.save(false);
    assert!(!app.dirty());
    let saved = std::fs::read_to_string(&subp).unwrap();
    assert!(saved.contains(&leaves[1]), "{saved}");
}
