//! The round's settings (workspace.toml, the scorecard) changed while a dashboard is open, in
//! a shared folder (no sync): the worker's file watch notices it by the files' contents, tells
//! it, and every later write is refused with the reason; unsaved edits stay in memory and in
//! the recovery journal. A touch, or bytes that say the same, change nothing.

mod common;

use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use common::*;
use parindex::core::answers::SheetKind;
use parindex::core::workspace::Workspace;
use parindex::text::Lang;
use parindex::tui::session::{AttachFailed, Reply};
use parindex::tui::state::App;
use parindex::tui::{Session, Theme};

const MOVED: &str = "Cài đặt đợt đánh giá đã thay đổi: hãy mở lại bảng điều khiển để làm việc theo cài đặt mới";

/// The head of `qlkh` (the OS user) on the demo round, its sheet open and locked.
fn head(dir: &Path) -> App {
    let ws = Workspace::load(dir).expect("the round loads");
    let app = App::unit_in(Session::open(ws), "qlkh", Lang::Vi, Theme::PLAIN).expect("the unit's dashboard");
    assert!(app.work.as_ref().unwrap().locked, "the head edits");
    app
}

/// The Office moves the round's deadline a day later, in workspace.toml.
fn move_deadline(dir: &Path) {
    let p = dir.join("workspace.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    let line = text.lines().find(|l| l.starts_with("deadline = ")).expect("a deadline").to_owned();
    let date = parindex::core::date::Date::parse(line.trim_start_matches("deadline = ")).expect("a date");
    let later = parindex::core::date::Date::from_days(date.days_from_epoch() + 1);
    let iso = format!("{:04}-{:02}-{:02}", later.year, later.month, later.day);
    std::fs::write(&p, text.replace(&line, &format!("deadline = {iso}"))).unwrap();
    assert_eq!(Workspace::load(dir).expect("the new settings load").deadline, Some(later));
}

/// Sets a file's mtime (a `touch` that changes nothing else), a second away from now.
fn touch(p: &Path) {
    let f = std::fs::File::options().write(true).open(p).unwrap();
    f.set_modified(SystemTime::now() + Duration::from_secs(2)).unwrap();
}

fn round() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    demo_in(dir.path());
    set_roles(dir.path(), &Roles { office: false, reviewer: false, heads_of: &["qlkh"], deadline: None });
    dir
}

#[test]
fn the_office_moves_the_deadline_and_the_heads_next_save_is_refused_with_the_reason() {
    let dir = round();
    let mut app = head(dir.path());
    edit_first_note(&mut app, "Giải trình trước khi đổi cài đặt");
    assert!(app.save(false), "saved while the settings hold: {:?}", app.status);
    edit_first_note(&mut app, "Giải trình sau khi đổi cài đặt");
    move_deadline(dir.path());
    app.tick(Instant::now());
    assert!(app.session.settings_changed());
    let (said, bad) = app.status.clone().unwrap();
    assert!(bad && said.contains(MOVED), "{said}");
    assert!(!said.contains("đồng bộ"), "no sync here: {said}");
    // The save: refused with the reason; nothing written; the edit stays in memory.
    let subp = dir.path().join("submissions/qlkh.toml");
    let before = std::fs::read_to_string(&subp).unwrap();
    assert!(!app.save(false));
    let (said, bad) = app.status.clone().unwrap();
    assert!(bad && said.contains("cài đặt đợt đánh giá đã thay đổi") && said.contains("mở lại bảng điều khiển"), "{said}");
    assert!(app.dirty());
    assert_eq!(std::fs::read_to_string(&subp).unwrap(), before);
    // No autosave meanwhile; the journal keeps the edit.
    app.tick(Instant::now() + Duration::from_secs(3600));
    assert!(app.dirty());
    assert_eq!(std::fs::read_to_string(&subp).unwrap(), before);
    let unit = app.session.ws.unit_index("qlkh").unwrap();
    let node = app.session.ws.scorecard.leaves().next().unwrap();
    let kept = app.session.journal_find(unit, SheetKind::Submission, None).map(|(s, _)| s);
    assert_eq!(kept.map(|s| s.answers[&node].note.clone()).as_deref(), Some("Giải trình sau khi đổi cài đặt"));
    // Attaching is refused on the worker too (nothing written under evidence/).
    let file = dir.path().join("bien-ban.pdf");
    std::fs::write(&file, b"%PDF-1.4\n%test\n").unwrap();
    let criterion = app.session.ws.scorecard.nodes[node].id.clone();
    let answer = app.work.as_ref().unwrap().sub.answer(node).cloned().unwrap_or_default();
    match app.session.attach(unit, &criterion, file, answer, false) {
        Some(Reply::Attached(a)) => assert!(matches!(a.done, Err(AttachFailed::Refused(_))), "{:?}", a.done),
        other => panic!("an attach's answer: {other:?}"),
    }
    assert_eq!(std::fs::read_dir(dir.path().join("evidence/qlkh")).map(|d| d.count()).unwrap_or(0), 0);
    // An objection: refused with the same reason, before anything else is judged.
    let refused = app.session.object(unit, &criterion, "Lý do", Vec::new()).unwrap_err();
    let text = parindex::tui::workflow::change_error_text(&refused, app.t);
    assert!(text.contains("cài đặt đợt đánh giá đã thay đổi"), "{text}");
}

#[test]
fn a_touch_or_the_same_settings_in_other_bytes_change_nothing() {
    let dir = round();
    let mut app = head(dir.path());
    let ws = dir.path().join("workspace.toml");
    touch(&ws);
    touch(&dir.path().join(&app.session.ws.scorecard_file));
    app.tick(Instant::now());
    // The same settings written again, with a comment: other bytes, the same rules.
    let text = std::fs::read_to_string(&ws).unwrap();
    std::fs::write(&ws, format!("# Văn phòng ghi chú\n{text}")).unwrap();
    app.tick(Instant::now());
    assert!(!app.session.settings_changed(), "{:?}", app.status);
    edit_first_note(&mut app, "Giải trình");
    assert!(app.save(false), "saved: {:?}", app.status);
    // Then a real change of the scorecard (a criterion renamed) is noticed.
    let sc = dir.path().join(&app.session.ws.scorecard_file);
    let text = std::fs::read_to_string(&sc).unwrap();
    let line = text.lines().find(|l| l.starts_with("title = ") && text.contains("[[criterion]]")).unwrap().to_owned();
    let renamed = text.replacen(&line, "title = \"Tiêu chí đổi tên\"", 1);
    assert_ne!(renamed, text);
    std::fs::write(&sc, renamed).unwrap();
    app.tick(Instant::now());
    assert!(app.session.settings_changed());
    edit_first_note(&mut app, "Giải trình khác");
    assert!(!app.save(false));
}

#[test]
fn in_the_background_the_watch_tells_it_without_a_key() {
    let dir = round();
    let mut app = head(dir.path());
    app.session.run_in_background();
    move_deadline(dir.path());
    let end = Instant::now() + Duration::from_secs(60);
    while !app.status.as_ref().is_some_and(|(s, _)| s.contains(MOVED)) {
        app.tick(Instant::now());
        assert!(Instant::now() < end, "not told in time: {:?}", app.status);
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(app.session.settings_changed());
    edit_first_note(&mut app, "Giải trình");
    assert!(!app.save(false));
    assert!(app.dirty());
}
