//! Right before any save the dashboard re-checks, under its lock: the unit's status on disk,
//! today's date (read then, not at start) against the deadline, and that its lock is still the
//! real one. On any failure nothing is written, the edits stay in memory, and the status line
//! says why (issue 18, item 4 second half and item 5).

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::*;
use parindex::core::answers::{SheetKind, Status};
use parindex::core::date::Date;
use parindex::text::Lang;
use parindex::tui::Theme;
use parindex::tui::state::App;
use ratatui::crossterm::event::KeyCode;
use rust_decimal::Decimal;
use std::str::FromStr;

fn status(app: &App) -> String {
    app.status.as_ref().map(|s| s.0.clone()).unwrap_or_default()
}

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_default()
}

fn lock_file(dir: &Path, unit: &str, kind: &str) -> PathBuf {
    dir.join(".locks").join(format!("{unit}.{kind}.lock"))
}

/// A manual leaf with no input in the open sheet (the one the dashboard shows).
fn unscored_manual(app: &App, kind: SheetKind) -> String {
    let sc = &app.ws().scorecard;
    let w = app.work.as_ref().expect("a sheet is open");
    let sheet = match kind {
        SheetKind::Submission => &w.sub,
        SheetKind::Appraisal => &w.appr,
    };
    sc.leaves()
        .find(|&i| {
            sc.nodes[i].rule.as_ref().is_some_and(|r| r.name() == "manual")
                && sheet.input(i).is_none()
                && sc.nodes[i].max >= Decimal::from_str("1").unwrap()
        })
        .map(|i| sc.nodes[i].id.clone())
        .expect("an unscored manual leaf")
}

/// Types one point into an unscored manual leaf: an unsaved edit.
fn edit(app: &mut App, kind: SheetKind) {
    let id = unscored_manual(app, kind);
    select(app, &id);
    key(app, KeyCode::Enter);
    typ(app, "1");
    key(app, KeyCode::Enter);
    assert!(app.dirty(), "an unsaved edit: {}", status(app));
}

/// The autosave comes due.
fn autosave(app: &mut App) {
    app.tick(Instant::now() + Duration::from_secs(60));
}

fn unit_app(dir: &Path, unit: &str) -> App {
    let ws = parindex::core::workspace::Workspace::load(dir).expect("the round loads");
    App::for_unit(ws, unit, Lang::Vi, Theme::PLAIN).expect("unit app")
}

#[test]
fn an_appraisal_is_not_saved_over_results_made_final_elsewhere() {
    let r = Round::demo(8, 2020);
    let ws = r.ws();
    let mut app = App::for_office(ws, Lang::Vi, Theme::PLAIN).expect("office app");
    let ui = app.ws().units.iter().position(|u| u.id == "khtc").expect("khtc");
    assert_eq!(r.sheet("khtc", SheetKind::Submission).map(|s| s.status), Some(Status::Appraised));
    app.open_appraisal(ui);
    edit(&mut app, SheetKind::Appraisal);
    let appr = r.path().join("appraisals/khtc.toml");
    let before = bytes(&appr);
    // The Office's other self tries to finalise from the command line meanwhile: refused,
    // naming the dashboard, while it has the appraisal open (`finalise` takes that lock).
    let (code, err) = r.mv("finalise", "khtc");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("being edited by"), "{err}");
    // A finalise that does not wait for that lock (a parindex from before it did): the
    // dashboard's own re-check still writes nothing.
    let ws = r.ws();
    let who = parindex::core::roles::Identity::current(&ws);
    let held = parindex::core::round::Holding { submission: false, appraisal: true };
    ws.apply_move_held(ui, parindex::core::workflow::Move::Finalise, &who, parindex::core::round::today(), held, None).expect("finalised");
    let sub = bytes(&r.path().join("submissions/khtc.toml"));
    autosave(&mut app);
    assert!(bytes(&appr) == before, "nothing written over a final result");
    assert!(bytes(&r.path().join("submissions/khtc.toml")) == sub, "unchanged");
    assert!(status(&app).contains("chính thức"), "{}", status(&app));
    // Saving by hand is refused the same way.
    ctrl(&mut app, 's');
    assert!(bytes(&appr) == before, "unchanged");
}

#[test]
fn a_stale_draft_is_not_saved_over_a_unit_moved_on_from_the_command_line() {
    let r = Round::demo(8, 2020);
    let mut app = unit_app(r.path(), "qlkh");
    edit(&mut app, SheetKind::Submission);
    let subp = r.path().join("submissions/qlkh.toml");
    // While the dashboard holds the unit's lock, the command line cannot move it.
    let (code, _) = r.mv("submit", "qlkh");
    assert_ne!(code, Some(0), "the lock is honoured");
    // The lock file goes (the attack: the lock was taken in another folder); the unit moves on.
    std::fs::remove_file(lock_file(r.path(), "qlkh", "submission")).expect("lock file removed");
    for mv in ["submit", "mark-appraised", "finalise"] {
        let (code, err) = r.mv(mv, "qlkh");
        assert_eq!(code, Some(0), "{mv}: {err}");
    }
    let after = bytes(&subp);
    let (code, out, err) = output(bin_en().arg("check").arg(r.path()));
    assert_eq!(code, Some(0), "{out}{err}");
    autosave(&mut app);
    assert!(bytes(&subp) == after, "the final submission is untouched");
    assert_eq!(r.sheet("qlkh", SheetKind::Submission).map(|s| s.status), Some(Status::Final));
    assert!(app.dirty(), "the edit stays in memory");
    assert!(status(&app).contains("khóa chỉnh sửa"), "{}", status(&app));
    // Saving on exit is refused as well; the edit goes to the recovery journal.
    app.save_on_exit();
    assert!(bytes(&subp) == after, "unchanged");
    let (code, out, err) = output(bin_en().arg("check").arg(r.path()));
    assert_eq!(code, Some(0), "{out}{err}");
}

#[test]
fn a_deadline_that_passes_while_the_dashboard_is_open_refuses_the_save() {
    let r = Round::demo(8, 2020);
    let deadline = r.ws().deadline.expect("the demo has a deadline");
    // A unit not reopened (qlkh, the demo's draft, is reopened: exempt).
    let mut app = unit_app(r.path(), "tttk");
    let day = std::sync::Arc::new(std::sync::Mutex::new(Date::new(2020, 1, 1).unwrap()));
    let clock = day.clone();
    app.session.set_clock(move || *clock.lock().unwrap());
    edit(&mut app, SheetKind::Submission);
    let subp = r.path().join("submissions/tttk.toml");
    let before = bytes(&subp);
    // Midnight passes the deadline with the dashboard open.
    *day.lock().unwrap() = Date::from_days(deadline.days_from_epoch() + 1);
    autosave(&mut app);
    assert!(bytes(&subp) == before, "nothing written past the deadline");
    assert!(status(&app).contains("quá hạn tự đánh giá"), "{}", status(&app));
}

#[test]
fn a_reopened_unit_saves_past_the_deadline() {
    let r = Round::demo(8, 2020);
    let deadline = r.ws().deadline.expect("the demo has a deadline");
    // The demo's draft was reopened by the Office.
    assert!(r.sheet("qlkh", SheetKind::Submission).is_some_and(|s| s.reopened && s.status == Status::Draft));
    let mut app = unit_app(r.path(), "qlkh");
    let late = Date::from_days(deadline.days_from_epoch() + 1);
    app.session.set_clock(move || late);
    edit(&mut app, SheetKind::Submission);
    autosave(&mut app);
    assert!(!app.dirty(), "saved: {}", status(&app));
}

#[test]
fn a_lock_file_replaced_by_someone_else_refuses_the_save() {
    let r = Round::demo(8, 2020);
    let mut app = unit_app(r.path(), "qlkh");
    edit(&mut app, SheetKind::Submission);
    let subp = r.path().join("submissions/qlkh.toml");
    let before = bytes(&subp);
    let lock = lock_file(r.path(), "qlkh", "submission");
    let held = bytes(&lock);
    // Removed and re-created by someone else, even with our own words in it: another file.
    std::fs::remove_file(&lock).expect("lock file removed");
    std::fs::write(&lock, &held).expect("lock file re-created");
    autosave(&mut app);
    assert!(bytes(&subp) == before, "nothing written");
    assert!(app.dirty());
    assert!(status(&app).contains("khóa chỉnh sửa"), "{}", status(&app));
}

#[test]
fn a_lock_file_rewritten_to_name_another_process_refuses_the_save() {
    let r = Round::demo(8, 2020);
    let mut app = unit_app(r.path(), "qlkh");
    edit(&mut app, SheetKind::Submission);
    let subp = r.path().join("submissions/qlkh.toml");
    let before = bytes(&subp);
    let lock = lock_file(r.path(), "qlkh", "submission");
    // The same file, rewritten in place to name another holder.
    std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&lock)
        .and_then(|mut f| {
            use std::io::Write;
            write!(f, "user=mallory\npid=1\nsince=0\n")
        })
        .expect("lock file rewritten");
    autosave(&mut app);
    assert!(bytes(&subp) == before, "nothing written");
    assert!(status(&app).contains("khóa chỉnh sửa"), "{}", status(&app));
}

#[test]
fn with_its_lock_intact_and_the_deadline_ahead_the_dashboard_saves() {
    let r = Round::demo(8, 2020);
    let mut app = unit_app(r.path(), "qlkh");
    edit(&mut app, SheetKind::Submission);
    let before = bytes(&r.path().join("submissions/qlkh.toml"));
    autosave(&mut app);
    assert!(!app.dirty(), "{}", status(&app));
    assert_ne!(bytes(&r.path().join("submissions/qlkh.toml")), before);
}

#[test]
fn a_submit_made_after_the_deadline_passed_with_the_dashboard_open_is_refused() {
    use parindex::core::answers::Sheet;
    use parindex::core::round::ChangeError;
    use parindex::core::workflow::{Move, Refusal};
    use parindex::tui::session::{MoveError, Session};
    let (_d, ws) = demo();
    let deadline = ws.deadline.expect("the demo has a deadline");
    let unit = ws.unit_index("qlkh").expect("qlkh");
    let mut session = Session::memory(ws, "dung", vec![(unit, SheetKind::Submission, Sheet::new("qlkh"))]);
    let day = std::sync::Arc::new(std::sync::Mutex::new(deadline));
    let clock = day.clone();
    session.set_clock(move || *clock.lock().unwrap());
    session.load_sheet(unit, SheetKind::Submission).expect("loads");
    session.load_sheet(unit, SheetKind::Appraisal).expect("loads");
    let drawn = session.drawn(unit);
    *day.lock().unwrap() = Date::from_days(deadline.days_from_epoch() + 1);
    match session.apply_move(unit, Move::Submit, true, drawn, None) {
        Err(MoveError::Change(ChangeError::Refused(Refusal::PastDeadline { deadline: d }))) => assert_eq!(d, deadline),
        other => panic!("refused past the deadline: {other:?}"),
    }
}
