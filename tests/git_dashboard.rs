//! The dashboard of a git clone (issue 20) while others work: what a sync brings in reaches
//! the open screen (another unit's submission, a return of one's own unit, new settings of the
//! round); a rebase conflict stops the sync and leaves the clone as it was, in the command
//! line and in the dashboard; the periodic sync fires and never runs twice at once. Each
//! person's clone talks to the round's bare repository through a fake ssh running `parindex
//! serve` (tests/common/git.rs). Needs git (CI installs it).

// Unix only: a fake `ssh` written as a shell script.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::git::{Net, commit_all, git, ok, returned, run};
use parindex::core::answers::{SheetKind, Status};
use parindex::text::Lang;
use parindex::tui::Theme;
use parindex::tui::session::Session;
use parindex::tui::state::App;
use ratatui::crossterm::event::KeyCode;

/// The head's dashboard of his unit on his clone, its session in the background (as in a
/// terminal).
fn unit_app(dir: &Path, unit: &str, user: &str) -> App {
    let ws = parindex::core::workspace::Workspace::load(dir).unwrap();
    let mut app = App::unit_in(Session::open_as(ws, user), unit, Lang::Vi, Theme::PLAIN).expect("the unit's dashboard");
    app.session.run_in_background();
    app
}

/// The Office's dashboard on its clone, in the background.
fn office_app(dir: &Path) -> App {
    let ws = parindex::core::workspace::Workspace::load(dir).unwrap();
    let mut app = App::office_in(Session::open_as(ws, "tuoc"), Lang::Vi, Theme::PLAIN).expect("the Office's dashboard");
    app.session.run_in_background();
    app
}

/// Ticks the app until `what` holds (a minute at most).
fn until(app: &mut App, what: &str, cond: impl Fn(&App) -> bool) {
    let end = Instant::now() + Duration::from_secs(60);
    loop {
        app.tick(Instant::now());
        if cond(app) {
            return;
        }
        assert!(Instant::now() < end, "not seen in time: {what}; status: {:?}", app.status);
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Syncs from the dashboard (its key) and waits for the answer: the status line.
fn sync_key(app: &mut App) -> (String, bool) {
    common::key(app, KeyCode::Char('B'));
    assert!(app.session.git.as_ref().is_some_and(|g| g.running), "the key started no sync: {:?}", app.status);
    until(app, "the sync's answer", |a| a.session.git.as_ref().is_some_and(|g| !g.running));
    app.status.clone().expect("the sync says how it went")
}

fn status_of(app: &App, unit: usize) -> Option<Status> {
    app.office.as_ref().unwrap().results.units.iter().find(|r| r.unit == unit).unwrap().status
}

/// Whether a rebase was left half done in the clone.
fn rebasing(dir: &Path) -> bool {
    dir.join(".git/rebase-merge").exists() || dir.join(".git/rebase-apply").exists()
}

#[test]
fn the_offices_open_dashboard_shows_a_submission_the_sync_received() {
    let net = Net::new("");
    let office = returned(&net);
    let mut app = office_app(&office);
    let ttra = app.session.ws.unit_index("ttra").unwrap();
    assert_eq!(status_of(&app, ttra), Some(Status::Returned));
    let was = app.office.as_ref().unwrap().results.units.iter().find(|r| r.unit == ttra).unwrap().self_total;
    // Meanwhile the head lowers a score of his unit to nothing, submits it, and syncs.
    let hung = net.clone("hung");
    {
        use parindex::core::answers::Input;
        let ws = parindex::core::workspace::Workspace::load(&hung).unwrap();
        let mut sheet = ws.load_sheet("ttra", SheetKind::Submission).unwrap().unwrap();
        let (node, _) = sheet
            .answers
            .iter()
            .find(|(_, a)| matches!(a.input, Some(Input::Points(p)) if p > rust_decimal::Decimal::ZERO))
            .map(|(n, a)| (*n, a.clone()))
            .expect("a criterion scored in points");
        sheet.answer_mut(node).input = Some(Input::Points(rust_decimal::Decimal::ZERO));
        assert!(ws.save_edit(&sheet, SheetKind::Submission, "hung").unwrap());
    }
    ok(&hung, &["submit", "--unit", "ttra"]);
    assert!(ok(&hung, &["sync"]).contains("gửi 1 commit"));
    let (said, bad) = sync_key(&mut app);
    assert!(!bad && said.contains("nhận 1 commit"), "{said}");
    until(&mut app, "ttra submitted in the Office's table", |a| status_of(a, ttra) == Some(Status::Submitted));
    // The new figures: lower than before, and those a dashboard opened now shows.
    let line = |a: &App| a.office.as_ref().unwrap().results.units.iter().find(|r| r.unit == ttra).unwrap().clone();
    let now = line(&app);
    assert!(now.self_total < was, "{} → {}", was, now.self_total);
    let fresh = office_app(&office);
    assert_eq!(now, line(&fresh));
    assert!(!app.session.settings_changed());
}

#[test]
fn a_return_received_by_sync_opens_the_heads_unit_for_editing() {
    let net = Net::new("");
    let office = net.clone("tuoc");
    let hung = net.clone("hung");
    // ttra is submitted (the demo): its head's dashboard is read-only.
    let mut app = unit_app(&hung, "ttra", "hung");
    assert_eq!(app.work.as_ref().unwrap().sub.status, Status::Submitted);
    assert!(!app.work.as_ref().unwrap().locked);
    ok(&office, &["return", "--unit", "ttra", "--reason", "Bổ sung tài liệu kiểm chứng"]);
    ok(&office, &["sync"]);
    let (said, bad) = sync_key(&mut app);
    assert!(!bad && said.contains("nhận 1 commit"), "{said}");
    until(&mut app, "ttra returned, its head the editor, the reason shown", |a| {
        a.work.as_ref().is_some_and(|w| w.sub.status == Status::Returned && w.locked && w.return_reason.is_some())
    });
    assert_eq!(app.work.as_ref().unwrap().return_reason.as_deref(), Some("Bổ sung tài liệu kiểm chứng"));
    // Editable now: an edit is saved, and goes with the next sync.
    common::edit_first_note(&mut app, "Đã bổ sung sau khi bị trả lại");
    assert!(app.save(false), "{:?}", app.status);
    let (said, bad) = sync_key(&mut app);
    assert!(!bad && said.contains("gửi 1 commit"), "{said}");
    assert!(git(&net.repo, &["show", "main:submissions/ttra.toml"]).contains("Đã bổ sung sau khi bị trả lại"));
}

/// The head works on two machines: on one he submits (and syncs) while his dashboard on the
/// other has an edit not saved yet. After that dashboard's sync the unit is submitted there
/// too: the edit stays in memory and in the journal, and its save is refused with the reason.
#[test]
fn an_unsaved_edit_met_by_a_submission_the_sync_received_is_kept_and_refused() {
    let net = Net::new("");
    returned(&net);
    let laptop = net.root.join("laptop");
    std::fs::rename(net.clone("hung"), &laptop).unwrap();
    let desk = net.clone("hung");
    let mut app = unit_app(&desk, "ttra", "hung");
    // No autosave in this test: the edit stays unsaved until asked.
    app.autosave = Duration::from_secs(3600);
    assert!(app.work.as_ref().unwrap().locked);
    ok(&laptop, &["submit", "--unit", "ttra"]);
    assert!(ok(&laptop, &["sync"]).contains("gửi 1 commit"));
    // The key saves what is unsaved first; the edit made while the sync runs is not saved.
    common::key(&mut app, KeyCode::Char('B'));
    common::edit_first_note(&mut app, "Giải trình gõ trong lúc đồng bộ");
    until(&mut app, "the sync's answer", |a| a.session.git.as_ref().is_some_and(|g| !g.running));
    let (said, bad) = app.status.clone().unwrap();
    assert!(!bad && said.contains("nhận 1 commit"), "{said}");
    until(&mut app, "ttra submitted on the desk too", |a| a.work.as_ref().is_some_and(|w| w.sub.status == Status::Submitted));
    assert!(app.dirty());
    let node = app.session.ws.scorecard.leaves().next().unwrap();
    assert_eq!(app.work.as_ref().unwrap().sub.answers[&node].note, "Giải trình gõ trong lúc đồng bộ");
    // Saved: refused, with the reason; nothing written; the journal keeps the edit.
    let before = std::fs::read_to_string(desk.join("submissions/ttra.toml")).unwrap();
    assert!(!app.save(false));
    let (said, bad) = app.status.clone().unwrap();
    assert!(bad && said.contains("Đã nộp"), "{said}");
    assert!(app.dirty());
    assert_eq!(std::fs::read_to_string(desk.join("submissions/ttra.toml")).unwrap(), before);
    app.tick(Instant::now());
    let ttra = app.session.ws.unit_index("ttra").unwrap();
    let kept = app.session.journal_find(ttra, SheetKind::Submission, None).map(|(s, _)| s);
    assert_eq!(kept.map(|s| s.answers[&node].note.clone()).as_deref(), Some("Giải trình gõ trong lúc đồng bộ"));
    // Nothing left to sync: the refused edit made no commit.
    let (said, _) = sync_key(&mut app);
    assert!(said.contains("không có thay đổi"), "{said}");
}

#[test]
fn new_settings_received_by_sync_are_told_and_saves_refused_until_reopened() {
    let net = Net::new("");
    let office = returned(&net);
    let hung = net.clone("hung");
    let mut app = unit_app(&hung, "ttra", "hung");
    assert!(app.work.as_ref().unwrap().locked);
    // The Office renames a unit in workspace.toml and syncs.
    let p = office.join("workspace.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    let name = app.session.ws.units[app.session.ws.unit_index("ttra").unwrap()].name.clone();
    assert!(text.contains(&format!("name = \"{name}\"")), "{text}");
    std::fs::write(&p, text.replace(&format!("name = \"{name}\""), "name = \"Thanh tra tỉnh (đổi tên)\"")).unwrap();
    let said = ok(&office, &["sync"]);
    assert!(said.contains("gửi 1 commit"), "{said}");
    // Nothing changed for the dashboard yet: a sync that receives nothing of the settings
    // says nothing of them.
    assert!(!app.session.settings_changed());
    // The head edits, then syncs: the edit is saved first (the settings he has are still the
    // server's then), the sync takes the new settings in.
    common::edit_first_note(&mut app, "Giải trình trước khi đồng bộ");
    let (said, bad) = sync_key(&mut app);
    assert!(bad, "told as a warning: {said}");
    assert!(said.contains("nhận 1 commit"), "{said}");
    assert!(said.contains("Cài đặt đợt đánh giá đã thay đổi sau khi đồng bộ: hãy mở lại bảng điều khiển"), "{said}");
    assert!(app.session.settings_changed());
    assert!(git(&net.repo, &["show", "main:submissions/ttra.toml"]).contains("Giải trình trước khi đồng bộ"));
    // Another edit: refused with the reason, kept in memory and in the journal.
    common::edit_first_note(&mut app, "Giải trình sau khi đồng bộ");
    let before = std::fs::read_to_string(hung.join("submissions/ttra.toml")).unwrap();
    assert!(!app.save(false));
    let (said, bad) = app.status.clone().unwrap();
    assert!(bad && said.contains("cài đặt đợt đánh giá đã thay đổi") && said.contains("mở lại bảng điều khiển"), "{said}");
    assert!(app.dirty());
    assert_eq!(std::fs::read_to_string(hung.join("submissions/ttra.toml")).unwrap(), before);
    // No autosave is tried meanwhile; the journal keeps the edit.
    app.tick(Instant::now() + Duration::from_secs(3600));
    assert!(app.dirty());
    let ttra = app.session.ws.unit_index("ttra").unwrap();
    let kept = app.session.journal_find(ttra, SheetKind::Submission, None).map(|(s, _)| s);
    let node = app.session.ws.scorecard.leaves().next().unwrap();
    assert_eq!(kept.map(|s| s.answers[&node].note.clone()).as_deref(), Some("Giải trình sau khi đồng bộ"));
    // Reopened, the dashboard has the new settings, and saves again.
    drop(app);
    let ws = parindex::core::workspace::Workspace::load(&hung).unwrap();
    assert_eq!(ws.units[ttra].name, "Thanh tra tỉnh (đổi tên)");
}

/// New settings taken in by `parindex sync` in another terminal while the dashboard is open:
/// the dashboard's file watch tells them at once (not as a sync's: none of its own brought
/// them); its own next sync receives nothing, and still says the settings changed.
#[test]
fn new_settings_taken_in_another_way_are_told_at_the_next_sync() {
    let net = Net::new("");
    let office = returned(&net);
    let hung = net.clone("hung");
    let mut app = unit_app(&hung, "ttra", "hung");
    let p = office.join("workspace.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    let line = text.lines().find(|l| l.starts_with("title = ")).unwrap().to_owned();
    std::fs::write(&p, text.replace(&line, "title = \"Đợt đánh giá (đổi tên)\"")).unwrap();
    assert!(ok(&office, &["sync"]).contains("gửi 1 commit"));
    assert!(ok(&hung, &["sync"]).contains("nhận 1 commit"));
    let moved = "Cài đặt đợt đánh giá đã thay đổi: hãy mở lại bảng điều khiển để làm việc theo cài đặt mới";
    until(&mut app, "the new settings told", |a| a.status.as_ref().is_some_and(|(s, bad)| *bad && s.contains(moved)));
    assert!(app.session.settings_changed());
    let (said, bad) = sync_key(&mut app);
    assert!(bad && said.contains("không có thay đổi"), "{said}");
    assert!(said.contains(moved), "{said}");
    common::edit_first_note(&mut app, "Giải trình");
    assert!(!app.save(false));
    assert!(app.status.as_ref().unwrap().0.contains("mở lại bảng điều khiển"), "{:?}", app.status);
}

/// The head and the Office both changed the same line of the same file by hand with plain
/// git: the server has the Office's; the head's commit cannot be rebased onto it.
fn conflicting(net: &Net) -> (PathBuf, String) {
    let office = net.clone("tuoc");
    let hung = net.clone("hung");
    let mine = conflict(&office, &hung);
    (hung, mine)
}

/// The conflict of [`conflicting`] between these clones of the Office and of hung: hung's
/// commit.
fn conflict(office: &Path, hung: &Path) -> String {
    let edit_title = |dir: &Path, title: &str| {
        let p = dir.join("workspace.toml");
        let text = std::fs::read_to_string(&p).unwrap();
        let line = text.lines().find(|l| l.starts_with("title = ")).unwrap().to_owned();
        std::fs::write(&p, text.replace(&line, &format!("title = \"{title}\""))).unwrap();
    };
    edit_title(office, "Đợt của Văn phòng");
    commit_all(office, "đổi tên đợt");
    assert!(ok(office, &["sync"]).contains("gửi 1 commit"));
    edit_title(hung, "Đợt của hung");
    commit_all(hung, "đổi tên đợt (hung)");
    git(hung, &["rev-parse", "HEAD"])
}

#[test]
fn a_rebase_conflict_stops_the_cli_sync_and_leaves_the_clone_as_it_was() {
    let net = Net::new("");
    let (hung, mine) = conflicting(&net);
    let server = net.head();
    let (code, out, err) = run(&hung, &["sync"]);
    assert_ne!(code, Some(0), "{out}{err}");
    assert!(err.contains("git báo xung đột ở các tệp: workspace.toml"), "{out}{err}");
    assert!(err.contains("thay đổi của bạn vẫn ở commit cục bộ"), "{err}");
    // As it was: no rebase in progress, the head's commit where it was, nothing changed or
    // staged; nothing sent.
    assert!(!rebasing(&hung));
    assert_eq!(git(&hung, &["rev-parse", "HEAD"]), mine);
    assert_eq!(git(&hung, &["status", "--porcelain"]), "");
    assert!(std::fs::read_to_string(hung.join("workspace.toml")).unwrap().contains("title = \"Đợt của hung\""));
    assert_eq!(net.head(), server);
    // Again: the same answer, the same clone.
    let (code, _, again) = run(&hung, &["sync"]);
    assert_ne!(code, Some(0));
    assert!(again.contains("git báo xung đột ở các tệp: workspace.toml"), "{again}");
    assert!(!rebasing(&hung));
    assert_eq!(git(&hung, &["rev-parse", "HEAD"]), mine);
}

#[test]
fn a_rebase_conflict_in_the_dashboards_sync_is_told_and_the_dashboard_goes_on() {
    let net = Net::new("");
    let office = returned(&net);
    let hung = net.clone("hung");
    // The hand-made conflict, then the dashboard opened on the head's clone.
    let mine = conflict(&office, &hung);
    let mut app = unit_app(&hung, "ttra", "hung");
    let (said, bad) = sync_key(&mut app);
    assert!(bad, "{said}");
    assert!(said.contains("git báo xung đột ở các tệp: workspace.toml"), "{said}");
    assert!(!rebasing(&hung));
    assert_eq!(git(&hung, &["rev-parse", "HEAD"]), mine);
    assert_eq!(git(&hung, &["status", "--porcelain"]), "");
    // The rebase was undone: the clone holds the settings the dashboard loaded (the head's).
    assert!(!app.session.settings_changed());
    // Usable afterwards: an edit is saved (the unit is returned: its head edits it), and
    // another sync runs, stopping on the same conflict, the saved edit in a commit of its own.
    common::edit_first_note(&mut app, "Giải trình sau xung đột");
    assert!(app.save(false), "{:?}", app.status);
    assert!(std::fs::read_to_string(hung.join("submissions/ttra.toml")).unwrap().contains("Giải trình sau xung đột"));
    let (said, bad) = sync_key(&mut app);
    assert!(bad && said.contains("git báo xung đột ở các tệp: workspace.toml"), "{said}");
    assert!(!rebasing(&hung));
    assert_eq!(git(&hung, &["rev-parse", "HEAD~1"]), mine);
    assert_eq!(git(&hung, &["status", "--porcelain"]), "");
}

#[test]
fn the_periodic_sync_fires_when_due_and_never_twice_at_once() {
    let net = Net::new("\n[sync]\nevery_minutes = 5\n");
    returned(&net);
    let hung = net.clone("hung");
    let mut app = unit_app(&hung, "ttra", "hung");
    assert_eq!(app.session.ws.sync_every_minutes, Some(5));
    let t0 = Instant::now();
    // Never synced: due at once (the first tick after opening).
    assert!(app.session.sync_due(t0));
    app.tick(t0);
    let g = app.session.git.as_ref().unwrap();
    assert!(g.running, "the first tick started no sync: {:?}", app.status);
    let first = g.last.expect("when the sync started");
    // While it runs, no tick starts another, however late.
    for later in [t0 + Duration::from_secs(301), t0 + Duration::from_secs(3600)] {
        assert!(!app.session.sync_due(later));
        app.tick(later);
        let g = app.session.git.as_ref().unwrap();
        assert_eq!(g.last, Some(first), "a second sync started while one ran");
    }
    assert!(!app.session.start_sync(Lang::Vi), "a second sync started while one ran");
    until(&mut app, "the first sync's answer", |a| a.session.git.as_ref().is_some_and(|g| !g.running));
    // Not due before its minutes have passed since it started; due once they have.
    assert!(!app.session.sync_due(first + Duration::from_secs(299)));
    app.tick(first + Duration::from_secs(299));
    assert!(!app.session.git.as_ref().unwrap().running);
    assert_eq!(app.session.git.as_ref().unwrap().last, Some(first));
    let due = first + Duration::from_secs(300);
    assert!(app.session.sync_due(due));
    app.tick(due);
    let g = app.session.git.as_ref().unwrap();
    assert!(g.running && g.last.is_some_and(|t| t > first), "the periodic sync did not fire");
    until(&mut app, "the second sync's answer", |a| a.session.git.as_ref().is_some_and(|g| !g.running));
}

/// The head's edit and the Office's appraisal of the same returned unit, made at the same
/// time: each appends to the unit's audit log. Not a conflict for the user: the head's entries
/// are chained after the Office's, and the server's hook takes them.
#[test]
fn the_head_and_the_office_logging_the_same_unit_at_once_sync_without_a_conflict() {
    let net = Net::new("");
    let office = returned(&net);
    let hung = net.clone("hung");
    let save = |dir: &Path, kind: SheetKind, user: &str, text: &str| {
        let ws = parindex::core::workspace::Workspace::load(dir).unwrap();
        let mut sheet = ws.load_sheet("ttra", kind).unwrap().unwrap_or_else(|| parindex::core::answers::Sheet::new("ttra"));
        let node = ws.scorecard.leaves().next().unwrap();
        match kind {
            SheetKind::Appraisal => sheet.answer_mut(node).comment = text.into(),
            SheetKind::Submission => sheet.answer_mut(node).note = text.into(),
        }
        assert!(ws.save_edit(&sheet, kind, user).unwrap());
    };
    save(&office, SheetKind::Appraisal, "tuoc", "Nhận xét thẩm định");
    save(&hung, SheetKind::Submission, "hung", "Giải trình bổ sung");
    save(&hung, SheetKind::Submission, "hung", "Giải trình bổ sung lần hai");
    assert!(ok(&office, &["sync"]).contains("gửi 1 commit"));
    // Two commits of the head's, each replayed onto the Office's log.
    git(&hung, &["add", "-A"]);
    git(&hung, &["commit", "-q", "-m", "lần một"]);
    save(&hung, SheetKind::Submission, "hung", "Giải trình bổ sung lần ba");
    let said = ok(&hung, &["sync"]);
    assert!(said.contains("gửi 2 commit, nhận 1 commit"), "{said}");
    assert!(!rebasing(&hung));
    assert_eq!(git(&hung, &["status", "--porcelain"]), "");
    // On the server: both sides' work, the log one chain (check passes on a fresh clone).
    let log = git(&net.repo, &["show", "main:audit/ttra.jsonl"]);
    let (t, h) = (log.find("Nhận xét thẩm định").unwrap(), log.rfind("Giải trình bổ sung lần ba").unwrap());
    assert!(t < h, "{log}");
    let fresh = net.clone("mai");
    let (code, out, err) = run(&fresh, &["check", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(std::fs::read_to_string(fresh.join("appraisals/ttra.toml")).unwrap().contains("Nhận xét thẩm định"));
    assert!(std::fs::read_to_string(fresh.join("submissions/ttra.toml")).unwrap().contains("Giải trình bổ sung lần ba"));
}
