//! The dashboard's attached files: read and hashed on a thread of their own, written on the
//! disk worker (keys, saves and loads go on meanwhile), and never left behind named by no sheet: a file this session wrote or detached
//! goes when nothing (a saved sheet, the recovery journal, the screen's undo history) names it
//! any more; a file a saved submission names is never removed.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, mpsc};
use std::time::{Duration, Instant};

mod common;

use common::{ch, ctrl, key, select, typ, unit_app};
use parindex::core::answers::SheetKind;
use parindex::core::workspace::Workspace;
use parindex::text::Lang;
use parindex::tui::state::{Dialog, Field, Overlay};
use parindex::tui::{App, Theme};
use ratatui::crossterm::event::KeyCode;

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n";

/// A draft unit of the demo (its head may edit it).
const DRAFT: &str = "qlkh";

/// A PDF outside the round (in the temp folder that holds it), `tag` making its content its own.
fn pdf(dir: &Path, name: &str, tag: &str) -> PathBuf {
    let p = dir.parent().unwrap().join(format!("{}-{name}", dir.file_name().unwrap().to_string_lossy()));
    let mut bytes = PDF.to_vec();
    bytes.extend_from_slice(format!("% {tag}\n").as_bytes());
    fs::write(&p, bytes).unwrap();
    p
}

/// Attaches `file` to criterion `id` through the dialog; returns the path under evidence/ the
/// sheet now names.
fn attach(app: &mut App, id: &str, file: &Path) -> String {
    select(app, id);
    ch(app, 'd');
    typ(app, file.to_str().unwrap());
    key(app, KeyCode::Enter);
    wait_attached(app);
    let (msg, is_error) = app.status.clone().unwrap();
    assert!(!is_error && msg.contains("Đã đính kèm"), "{msg}");
    let node = app.ws().scorecard.node_index(id).unwrap();
    let w = app.work.as_ref().unwrap();
    w.sub.answer(node).unwrap().evidence.iter().rev().find_map(|e| e.file.clone()).unwrap()
}

/// In the background: ticks until the attach is answered.
fn wait_attached(app: &mut App) {
    let start = Instant::now();
    while app.session.is_attaching() {
        assert!(start.elapsed() < Duration::from_secs(20), "the attach is answered");
        std::thread::sleep(Duration::from_millis(5));
        app.tick(Instant::now());
    }
}

/// Detaches the evidence item naming `file` from criterion `id` (`x` on it).
fn detach(app: &mut App, id: &str, file: &str) {
    select(app, id);
    let node = app.ws().scorecard.node_index(id).unwrap();
    let k = app.work.as_ref().unwrap().sub.answer(node).unwrap().evidence.iter().position(|e| e.file.as_deref() == Some(file)).unwrap();
    let pos = app.fields().iter().position(|&f| f == Field::Evidence(k)).expect("the item's field");
    app.work.as_mut().unwrap().field = pos;
    ch(app, 'x');
}

fn saved_names(ws: &Workspace, file: &str) -> bool {
    let sheet = ws.load_sheet(DRAFT, SheetKind::Submission).unwrap().unwrap();
    parindex::attach::files_of(&sheet).any(|f| f == file)
}

/// Quits (`q`; with unsaved changes, `n`: without saving) and waits for the worker to stop.
fn quit(mut app: App, save: bool) {
    ch(&mut app, 'q');
    if app.overlay.is_some() {
        ch(&mut app, if save { 'y' } else { 'n' });
    }
    assert!(app.should_quit);
    drop(app);
}

fn reopen(dir: &Path) -> App {
    App::for_unit(Workspace::load(dir).unwrap(), DRAFT, Lang::Vi, Theme::PLAIN).unwrap()
}

#[test]
fn attaching_runs_on_the_worker_and_keys_go_on_meanwhile() {
    let (d, mut app) = unit_app(DRAFT);
    app.session.run_in_background();
    let f = pdf(d.path(), "Quyết định 7.pdf", "bg");
    select(&mut app, "1.1.1");
    ch(&mut app, 'd');
    typ(&mut app, f.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    // Not added yet: the worker has it; the screen says so and takes keys.
    let (msg, is_error) = app.status.clone().unwrap();
    assert!(!is_error && msg == "Đang đính kèm…", "{msg}");
    assert!(app.session.is_attaching() || !app.dirty());
    key(&mut app, KeyCode::Down);
    wait_attached(&mut app);
    let (msg, _) = app.status.clone().unwrap();
    assert!(msg.contains("Đã đính kèm") && msg.contains("1.1.1"), "{msg}");
    assert!(app.dirty(), "added as an edit");
    let node = app.ws().scorecard.node_index("1.1.1").unwrap();
    let stored = app.work.as_ref().unwrap().sub.answer(node).unwrap().evidence.iter().rev().find_map(|e| e.file.clone()).unwrap();
    assert!(app.ws().evidence_path(&stored).exists());
    // Undone like any other edit.
    ctrl(&mut app, 'z');
    assert!(!app.work.as_ref().unwrap().sub.answer(node).is_some_and(|a| a.evidence.iter().any(|e| e.file.as_deref() == Some(&stored))));
    // A refused file: the reason, nothing added.
    let exe = d.path().parent().unwrap().join(format!("{}-x.exe", d.path().file_name().unwrap().to_string_lossy()));
    fs::write(&exe, b"MZ").unwrap();
    ch(&mut app, 'd');
    typ(&mut app, exe.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    wait_attached(&mut app);
    let (msg, is_error) = app.status.clone().unwrap();
    assert!(is_error && msg.contains("không nhận tệp"), "{msg}");
    let ws = app.ws().clone();
    quit(app, false);
    assert!(!ws.evidence_path(&stored).exists(), "undone and never saved: removed on quit");
    for p in [f, exe] {
        let _ = fs::remove_file(p);
    }
}

#[test]
fn a_file_attached_then_discarded_is_removed() {
    let (d, mut app) = unit_app(DRAFT);
    let f = pdf(d.path(), "Biên bản.pdf", "discard");
    let stored = attach(&mut app, "1.1.1", &f);
    let ws = app.ws().clone();
    assert!(ws.evidence_path(&stored).exists(), "written at once");
    // Quit without saving before the journal was written: nothing can bring it back.
    quit(app, false);
    assert!(!saved_names(&ws, &stored));
    assert!(!ws.evidence_path(&stored).exists(), "the file goes with the changes");

    // With the journal written (a tick), quitting without saving keeps it for the recovery
    // offer; declining the offer drops the file.
    let mut app = reopen(d.path());
    let stored = attach(&mut app, "1.1.1", &f);
    app.tick(Instant::now());
    quit(app, false);
    assert!(ws.evidence_path(&stored).exists(), "the journal names it");
    let mut again = reopen(d.path());
    assert!(matches!(again.overlay, Some(Overlay::Dialog(Dialog::Recover(_)))), "the recovery is offered");
    key(&mut again, KeyCode::Esc);
    drop(again);
    assert!(!ws.evidence_path(&stored).exists(), "the recovery declined: the file goes too");
    let _ = fs::remove_file(f);
}

#[test]
fn a_file_attached_saved_then_detached_and_saved_is_removed_when_the_history_ends() {
    let (d, mut app) = unit_app(DRAFT);
    let f = pdf(d.path(), "Kế hoạch.pdf", "detach");
    let stored = attach(&mut app, "1.1.1", &f);
    ctrl(&mut app, 's');
    let ws = app.ws().clone();
    assert!(saved_names(&ws, &stored));
    detach(&mut app, "1.1.1", &stored);
    ctrl(&mut app, 's');
    assert!(!app.dirty());
    assert!(!saved_names(&ws, &stored));
    // Undo can still bring the item back: the file stays while the dashboard is open.
    assert!(ws.evidence_path(&stored).exists());
    quit(app, true);
    assert!(!ws.evidence_path(&stored).exists(), "named by no sheet once the dashboard closed");
    // `check` finds nothing left behind.
    let (_, _, err) = common::output(common::bin().arg("check").arg(d.path()));
    assert!(!err.contains(&stored), "{err}");
    let _ = fs::remove_file(f);
}

#[test]
fn a_file_the_saved_submission_names_is_never_removed() {
    let (d, mut app) = unit_app(DRAFT);
    let f = pdf(d.path(), "Báo cáo.pdf", "kept");
    // Attached to two criteria (the same stored file), saved.
    let stored = attach(&mut app, "1.1.1", &f);
    assert_eq!(attach(&mut app, "1.1.2", &f), stored, "the same content and name: the same file");
    ctrl(&mut app, 's');
    let ws = app.ws().clone();
    // Detached from one and saved: the other still names it.
    detach(&mut app, "1.1.1", &stored);
    ctrl(&mut app, 's');
    quit(app, true);
    assert!(saved_names(&ws, &stored));
    assert!(ws.evidence_path(&stored).exists(), "named by the saved submission");
    // Attached again (the same bytes: nothing written), then undone, and detached from the
    // other, all left unsaved: the saved submission still names it.
    let mut app = reopen(d.path());
    let again = attach(&mut app, "1.1.1", &f);
    assert_eq!(again, stored);
    ctrl(&mut app, 'z');
    detach(&mut app, "1.1.2", &stored);
    quit(app, false);
    assert!(ws.evidence_path(&stored).exists(), "the saved submission names it");
    // A journal may have been kept by the quit: declined, the file stays all the same.
    let again = reopen(d.path());
    drop(again);
    assert!(ws.evidence_path(&stored).exists());
    let _ = fs::remove_file(f);
}

#[test]
fn check_warns_of_a_file_no_submission_names_with_its_path() {
    let (d, app) = unit_app(DRAFT);
    let ws = app.ws().clone();
    drop(app);
    // Named by a submission (the demo's): no warning; a left-over file: a warning, not an error.
    let named = parindex::core::workspace::check(&ws.dir).unwrap();
    assert!(!named.items.iter().any(|x| x.path.as_deref().is_some_and(|p| p.starts_with(d.path().join("evidence")))));
    ws.put_evidence(&format!("{DRAFT}/0123456789ab-thua.pdf"), PDF).unwrap();
    let diags = parindex::core::workspace::check(&ws.dir).unwrap();
    let left: Vec<_> =
        diags.items.iter().filter(|x| x.path.as_deref() == Some(ws.evidence_path(&format!("{DRAFT}/0123456789ab-thua.pdf")).as_path())).collect();
    assert_eq!(left.len(), 1, "{}", parindex::text::Render::render(&diags));
    assert!(!left[0].is_error());
    let (code, _, err) = common::output(common::bin().arg("check").arg(d.path()));
    assert_eq!(code, Some(0), "a warning: {err}");
    assert!(err.contains("0123456789ab-thua.pdf") && err.contains("không bản nộp nào dẫn tệp này"), "{err}");
}

#[test]
fn a_sweep_while_an_attach_lands_leaves_its_file() {
    let (d, mut app) = unit_app(DRAFT);
    app.session.run_in_background();
    let f = pdf(d.path(), "Tờ trình.pdf", "landing");
    select(&mut app, "1.1.1");
    ch(&mut app, 'd');
    typ(&mut app, f.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    // The worker has written the file; the screen has not taken the answer yet.
    let ws = app.ws().clone();
    let folder = ws.evidence_path(DRAFT);
    let start = Instant::now();
    let written = loop {
        let found = fs::read_dir(&folder).ok().and_then(|d| d.flatten().map(|e| e.path()).find(|p| p.to_string_lossy().ends_with("To-trinh.pdf")));
        if let Some(p) = found {
            break p;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "the worker writes the file");
        std::thread::sleep(Duration::from_millis(5));
    };
    assert!(app.session.is_attaching(), "not taken yet");
    // A sweep now (as leaving a unit makes) must not take it: the sheet is about to name it.
    app.session.sweep_evidence(std::collections::HashSet::new(), false);
    wait_attached(&mut app);
    assert!(written.exists(), "the file the sheet now names");
    ctrl(&mut app, 's');
    quit(app, false);
    assert!(written.exists(), "saved");
    let _ = fs::remove_file(f);
}

/// Reading and hashing a big file does not hold the disk worker: a save sent while an attach
/// is held once hashed (before its write) is answered first; the attach lands after.
#[test]
fn a_save_sent_while_a_big_file_is_hashed_is_answered_before_the_attach() {
    let (d, mut app) = unit_app(DRAFT);
    app.session.run_in_background();
    // A big PDF (8 MB, under the default limit).
    let f = d.path().parent().unwrap().join(format!("{}-lon.pdf", d.path().file_name().unwrap().to_string_lossy()));
    let mut bytes = PDF.to_vec();
    bytes.resize(8 << 20, b' ');
    fs::write(&f, &bytes).unwrap();
    let (held_tx, held) = mpsc::channel();
    let (go, go_rx) = mpsc::channel::<()>();
    let go_rx = Mutex::new(go_rx);
    app.session.while_attaching(move || {
        let _ = held_tx.send(());
        // Bounded: an attach that held the worker fails this test instead of hanging it.
        let _ = go_rx.lock().unwrap().recv_timeout(Duration::from_secs(10));
    });
    select(&mut app, "1.1.1");
    ch(&mut app, 'd');
    typ(&mut app, f.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    held.recv_timeout(Duration::from_secs(30)).expect("the file was read and hashed");
    assert!(app.session.is_attaching());
    // A save posted while the attach is held.
    let ws = app.ws().clone();
    let before = fs::read(ws.submission_path(DRAFT)).ok();
    let mut edited = app.work.as_ref().unwrap().sub.clone();
    edited.reopened = !edited.reopened;
    let who = parindex::tui::session::SaveAs { actor: parindex::core::workflow::Actor::Head, permitted: true };
    assert!(app.session.save_checked(app.work.as_ref().unwrap().unit, &edited, SheetKind::Submission, who, false).is_none(), "posted");
    let start = Instant::now();
    let mut answers = Vec::new();
    while app.session.is_saving() {
        assert!(start.elapsed() < Duration::from_secs(8), "the save is answered while the attach is held");
        std::thread::sleep(Duration::from_millis(5));
        answers.extend(app.session.saved());
    }
    use parindex::tui::session::Reply;
    assert!(answers.iter().any(|r| matches!(r, Reply::Saved { .. })), "{answers:?}");
    assert!(!answers.iter().any(|r| matches!(r, Reply::Attached(_))), "{answers:?}");
    assert_ne!(fs::read(ws.submission_path(DRAFT)).ok(), before, "written");
    assert!(app.session.is_attaching(), "the attach is still held");
    // Let go: the attach lands and is added.
    go.send(()).unwrap();
    wait_attached(&mut app);
    let node = ws.scorecard.node_index("1.1.1").unwrap();
    let stored = app.work.as_ref().unwrap().sub.answer(node).unwrap().evidence.iter().rev().find_map(|e| e.file.clone()).unwrap();
    assert_eq!(fs::metadata(ws.evidence_path(&stored)).unwrap().len(), 8 << 20);
    let _ = fs::remove_file(f);
}
