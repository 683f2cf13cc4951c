//! End to end in a real terminal: the binary runs inside tmux, keys are sent to it, the screen
//! is read back. Fails where tmux is not installed (CI installs it).

// Unix only: tmux.
#![cfg(unix)]

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use parindex::core::answers::{Input, SheetKind};
use parindex::core::workspace::Workspace;
use rustix::process::{Pid, Signal};

struct Tmux {
    socket: String,
    session: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", &self.session])
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", &self.session, k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn text(&self, s: &str) {
        self.run(&["send-keys", "-t", &self.session, "-l", s]);
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Polls the screen until `pred` holds (up to ~10 s); returns the last screen.
    fn wait(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").arg("-L").arg(&self.socket).arg("kill-server").output();
    }
}

/// A manual criterion the draft unit has not scored yet, with a unique title to search for.
fn unscored_manual_leaf(ws: &Workspace) -> (usize, String) {
    let sub = ws.load_sheet("qlkh", SheetKind::Submission).unwrap().unwrap();
    let sc = &ws.scorecard;
    let leaf = sc
        .leaves()
        .find(|&i| {
            let n = &sc.nodes[i];
            n.rule.as_ref().is_some_and(|r| r.name() == "manual")
                && sub.input(i).is_none()
                && n.max >= rust_decimal::Decimal::ONE
                && sc.nodes.iter().filter(|m| m.title.contains(&n.title)).count() == 1
        })
        .expect("an unscored manual criterion");
    (leaf, sc.nodes[leaf].title.clone())
}

/// Starts `parindex tui --unit qlkh` in a 100×30 tmux session; the shell reports the exit code
/// and whether the terminal is back in canonical mode.
fn start(dir: &std::path::Path, name: &str) -> Tmux {
    start_with(dir, name, "--unit qlkh", "Phòng Quản lý Khoa học")
}

/// Starts `parindex tui ARGS` in a 100×30 tmux session of its own and waits for `shows`.
fn start_with(dir: &std::path::Path, name: &str, args: &str, shows: &str) -> Tmux {
    let tmux = Tmux { socket: format!("parindex-{name}-{}", std::process::id()), session: name.into() };
    let bin = common::BIN;
    let script = format!("'{bin}' tui -w '{}' {args}; echo EXITED:$?; stty -a | tr ' ;' '\\n\\n' | grep -x -- '-\\?icanon'; sleep 60", dir.display());
    // Started in the round's folder: an export named by a bare file name lands there, never in
    // the test's working directory.
    let cwd = dir.display().to_string();
    let mut cmd = vec!["new-session", "-d", "-c", &cwd, "-x", "100", "-y", "30", "-s", &tmux.session, "env"];
    for v in common::CLEARED {
        cmd.extend(["-u", v]);
    }
    cmd.extend(["LANG=C.UTF-8", "sh", "-c", &script]);
    tmux.run(&cmd);
    tmux.wait("the dashboard", |s| s.contains(shows));
    tmux
}

/// Searches the criterion by its title, goes to it and types a score (not yet saved).
fn score(tmux: &Tmux, title: &str) {
    tmux.keys(&["/"]);
    tmux.text(title);
    tmux.keys(&["Enter", "End", "Enter"]);
    tmux.wait("the input field", |s| s.contains("Ghi nhận"));
    tmux.text("1");
    tmux.keys(&["Enter"]);
    tmux.wait("the unsaved mark", |s| s.contains("Chưa lưu"));
}

fn saved_input(dir: &std::path::Path, leaf: usize) -> Option<Input> {
    saved_input_of(dir, "qlkh", leaf)
}

fn saved_input_of(dir: &std::path::Path, unit: &str, leaf: usize) -> Option<Input> {
    common::sheet(dir, unit, SheetKind::Submission)?.input(leaf).cloned()
}

/// Sends `sig` to the process `pid`.
fn signal(pid: i32, sig: Signal) -> rustix::io::Result<()> {
    rustix::process::kill_process(Pid::from_raw(pid).ok_or(rustix::io::Errno::SRCH)?, sig)
}

/// Whether a process has ended (a zombie nobody reaps counts as ended).
fn gone(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat.rsplit(')').next().is_some_and(|rest| rest.trim_start().starts_with('Z')),
        // Signal 0 only checks that the process exists.
        Err(_) => Pid::from_raw(pid).is_none_or(|p| rustix::process::test_kill_process(p).is_err()),
    }
}

/// How long the dashboard `pid` took to end, waiting at most 5 s; if it is still running then,
/// it is killed (a test must not leave it behind) and the test fails with `why`.
fn ended_within(pid: i32, why: &str) -> Duration {
    let start = Instant::now();
    while !gone(pid) && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let took = start.elapsed();
    if !gone(pid) {
        // Ending the process this test started, so it does not outlive the test.
        if let Some(p) = Pid::from_raw(pid) {
            let _ = rustix::process::kill_process(p, Signal::KILL);
        }
        panic!("{why} (still running after {took:?})");
    }
    took
}

/// The pid of the dashboard editing a unit's submission (written in its edit lock).
fn editor_pid(dir: &std::path::Path, unit: &str) -> i32 {
    let lock = std::fs::read_to_string(parindex::core::lock::lock_path(dir, unit, SheetKind::Submission)).unwrap();
    lock.lines().find_map(|l| l.strip_prefix("pid=")).unwrap().parse().unwrap()
}

#[test]
fn unit_head_scores_saves_and_quits_in_a_real_terminal() {
    common::need("tmux");
    let (dir, ws) = common::demo();
    let (leaf, title) = unscored_manual_leaf(&ws);
    let tmux = start(dir.path(), "e2e");
    score(&tmux, &title);
    tmux.keys(&["C-s"]);
    tmux.wait("saved", |s| s.contains("Đã lưu") && !s.contains("Chưa lưu"));
    tmux.keys(&["q"]);
    let after = tmux.wait("the exit", |s| s.contains("EXITED:"));
    assert!(after.contains("EXITED:0"), "{after}");
    // The alternate screen is left: the dashboard is gone; raw mode is off again.
    assert!(!after.contains("Tiêu chí") && !after.contains("Chỉ số"), "{after}");
    let after = tmux.wait("stty", |s| s.lines().any(|l| l.trim().ends_with("icanon")));
    assert!(after.lines().any(|l| l.trim() == "icanon"), "canonical mode is back:\n{after}");
    assert_eq!(saved_input(dir.path(), leaf), Some(Input::Points(rust_decimal::Decimal::ONE)));
    // The save is in the audit log, under this OS user.
    let (log, _) = parindex::core::audit::read(dir.path(), "qlkh").unwrap();
    let node_id = &ws.scorecard.nodes[leaf].id;
    assert!(log.iter().any(|e| e.criterion.as_deref() == Some(node_id.as_str()) && e.new.as_deref() == Some("points = 1")), "{log:?}");
}

#[test]
fn a_dropped_connection_saves_what_was_typed() {
    common::need("tmux");
    let (dir, ws) = common::demo();
    let (leaf, title) = unscored_manual_leaf(&ws);
    let tmux = start(dir.path(), "hup");
    score(&tmux, &title);
    assert_eq!(saved_input(dir.path(), leaf), None, "not saved yet");
    // The SSH connection drops: the pane's processes get SIGHUP.
    // (The dashboard's pid is in its edit lock.)
    let pid = editor_pid(dir.path(), "qlkh");
    // Sending a signal to a process this test started.
    assert_eq!(signal(pid, Signal::HUP), Ok(()), "signalled the dashboard");
    tmux.wait("the exit", |s| s.contains("EXITED:"));
    assert_eq!(saved_input(dir.path(), leaf), Some(Input::Points(rust_decimal::Decimal::ONE)));
    // The lock went with the process: the next editor is not told someone else is editing.
    let ws = Workspace::load(dir.path()).unwrap();
    let app = parindex::tui::App::for_unit(ws, "qlkh", parindex::text::Lang::Vi, parindex::tui::Theme::PLAIN).unwrap();
    assert!(app.editable(), "{}", app.readonly_reason());
}

#[test]
fn a_newcomer_opens_the_unstarted_unit_of_the_demo_and_types_a_value() {
    common::need("tmux");
    let (dir, ws) = common::demo();
    // No submission yet: any manual criterion with a title found once.
    let sc = &ws.scorecard;
    let leaf = sc
        .leaves()
        .find(|&i| {
            let n = &sc.nodes[i];
            n.rule.as_ref().is_some_and(|r| r.name() == "manual")
                && n.max >= rust_decimal::Decimal::ONE
                && sc.nodes.iter().filter(|m| m.title.contains(&n.title)).count() == 1
        })
        .unwrap();
    let tmux = start_with(dir.path(), "newcomer", "--unit tttk", "Trung tâm Thông tin");
    let first = tmux.screen();
    assert!(!first.contains("chỉ xem") && !first.contains("Chỉ xem"), "editable from the start:\n{first}");
    score(&tmux, &sc.nodes[leaf].title);
    tmux.keys(&["C-s"]);
    tmux.wait("saved", |s| s.contains("Đã lưu") && !s.contains("Chưa lưu"));
    assert_eq!(saved_input_of(dir.path(), "tttk", leaf), Some(Input::Points(rust_decimal::Decimal::ONE)));
    tmux.keys(&["q"]);
    tmux.wait("the exit", |s| s.contains("EXITED:0"));
}

#[test]
fn a_cli_move_shows_on_two_other_dashboards_within_a_second() {
    common::need("tmux");
    let (dir, _ws) = common::demo();
    // The unit's head looks at its submitted work (read-only); the Office at the dashboard.
    let unit = start_with(dir.path(), "live-unit", "--unit ttra", "Thanh tra Sở");
    assert!(unit.screen().contains("chỉ xem"), "{}", unit.screen());
    let office = start_with(dir.path(), "live-office", "--office", "Thanh tra Sở");
    let returned = |s: &str| s.matches("Trả lại").count();
    let before = returned(&office.screen());
    let out = common::std_bin().args(["return", "-w"]).arg(dir.path()).args(["--unit", "ttra"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let moved = Instant::now();
    let mut unit_at = None;
    let mut office_at = None;
    while (unit_at.is_none() || office_at.is_none()) && moved.elapsed() < Duration::from_secs(5) {
        if unit_at.is_none() && unit.screen().lines().next().is_some_and(|l| l.contains("Trả lại") && !l.contains("chỉ xem")) {
            unit_at = Some(moved.elapsed());
        }
        if office_at.is_none() && returned(&office.screen()) > before {
            office_at = Some(moved.elapsed());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    eprintln!("the unit's dashboard after {unit_at:?}, the Office's after {office_at:?}");
    // Within a second, plus what reading a tmux screen takes.
    let limit = Duration::from_millis(1300);
    assert!(unit_at.is_some_and(|t| t <= limit), "unit: {unit_at:?}\n{}", unit.screen());
    assert!(office_at.is_some_and(|t| t <= limit), "office: {office_at:?}\n{}", office.screen());
    // Returned: the unit's head is its editor again.
    assert_eq!(unit.screen().lines().next().map(|l| l.contains("chỉ xem")), Some(false));
    unit.keys(&["q"]);
    office.keys(&["q"]);
    unit.wait("the exit", |s| s.contains("EXITED:0"));
    office.wait("the exit", |s| s.contains("EXITED:0"));
}

#[test]
fn a_dropped_terminal_ends_the_dashboard_and_keeps_the_typed_value() {
    common::need("tmux");
    let (dir, ws) = common::demo();
    let (leaf, title) = unscored_manual_leaf(&ws);
    let tmux = start(dir.path(), "drop");
    score(&tmux, &title);
    let pid = editor_pid(dir.path(), "qlkh");
    // The terminal itself goes away (an SSH drop, reproduced by killing the tmux server).
    tmux.run(&["kill-server"]);
    let took = ended_within(pid, "the dashboard did not end when its terminal went away");
    eprintln!("the dashboard ended {took:?} after its terminal went away");
    assert!(took <= Duration::from_secs(2), "{took:?}");
    assert_eq!(saved_input(dir.path(), leaf), Some(Input::Points(rust_decimal::Decimal::ONE)));
}

#[test]
fn sigterm_always_ends_the_dashboard() {
    common::need("tmux");
    let (dir, ws) = common::demo();
    let (leaf, title) = unscored_manual_leaf(&ws);
    let tmux = start(dir.path(), "term");
    score(&tmux, &title);
    let pid = editor_pid(dir.path(), "qlkh");
    // Signalling the process this test started.
    assert_eq!(signal(pid, Signal::TERM), Ok(()));
    let took = ended_within(pid, "SIGTERM did not end the dashboard");
    assert!(took <= Duration::from_secs(1), "{took:?}");
    assert_eq!(saved_input(dir.path(), leaf), Some(Input::Points(rust_decimal::Decimal::ONE)));
}

/// Continues and then kills a process it was given, whatever happens to the test.
struct Reaped(i32);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = signal(self.0, Signal::CONT);
        if !gone(self.0) {
            let _ = signal(self.0, Signal::KILL);
        }
    }
}

#[test]
fn a_stopped_dashboard_resumed_after_the_unit_was_made_final_writes_nothing() {
    common::need("tmux");
    let (dir, ws) = common::demo();
    let (_, title) = unscored_manual_leaf(&ws);
    let tmux = start(dir.path(), "stopped");
    let pid = editor_pid(dir.path(), "qlkh");
    let _reaped = Reaped(pid);
    score(&tmux, &title);
    assert_eq!(signal(pid, Signal::STOP), Ok(()), "stopped the dashboard");
    // Its lock is lost meanwhile (the attack took it in another folder): the file goes, and
    // the unit is moved on from the command line to final.
    std::fs::remove_file(dir.path().join(".locks/qlkh.submission.lock")).expect("lock file removed");
    for mv in ["submit", "mark-appraised", "finalise"] {
        let (code, err) = common::mv(dir.path(), mv, "qlkh");
        assert_eq!(code, Some(0), "{mv}: {err}");
    }
    let sub = dir.path().join("submissions/qlkh.toml");
    let final_bytes = std::fs::read(&sub).unwrap();
    assert_eq!(signal(pid, Signal::CONT), Ok(()), "resumed the dashboard");
    // The autosave comes due (3 s): refused, and the status line says why.
    let screen = tmux.wait("the refused save", |s| s.contains("khóa chỉnh sửa"));
    assert!(screen.contains("Không lưu"), "{screen}");
    assert!(std::fs::read(&sub).unwrap() == final_bytes, "the final submission is untouched");
    let sheet = common::sheet(dir.path(), "qlkh", SheetKind::Submission).unwrap();
    assert_eq!(sheet.status, parindex::core::answers::Status::Final);
    let (code, out, err) = common::output(common::bin_en().arg("check").arg(dir.path()));
    assert_eq!(code, Some(0), "sealed and whole: {out}{err}");
    tmux.run(&["kill-session", "-t", &tmux.session]);
}

#[test]
fn the_return_reason_stays_on_the_returned_unit_on_every_path() {
    common::need("tmux");
    let (dir, _ws) = common::demo();
    let reason = "Thiếu tài liệu kiểm chứng của mục 2";
    let shows = |s: &str| s.contains(&format!("Lý do trả lại: {reason}"));
    // A live return: the unit's head looks at its submitted work when the Office returns it.
    let unit = start_with(dir.path(), "reason-live", "--unit ttra", "Thanh tra Sở");
    let out = common::std_bin().args(["return", "-w"]).arg(dir.path()).args(["--unit", "ttra", "--reason", reason]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    unit.wait("the reason after a live return", shows);
    // Keys do not take it away.
    unit.keys(&["Down", "Down", "Tab", "Tab", "Down"]);
    let s = unit.wait("the first dashboard after keys", |s| s.contains("Thanh tra Sở"));
    assert!(shows(&s), "{s}");
    // Opened read-only (the first dashboard holds the lock): the reason beside the lock's.
    let other = start_with(dir.path(), "reason-ro", "--unit ttra", "Thanh tra Sở");
    let s = other.wait("the read-only dashboard", |s| s.contains("chỉ xem"));
    assert!(shows(&s), "{s}");
    other.keys(&["Down", "q"]);
    other.wait("the exit", |s| s.contains("EXITED:0"));
    unit.keys(&["q"]);
    unit.wait("the exit", |s| s.contains("EXITED:0"));
    // A fresh open: still there after the first keys.
    let fresh = start_with(dir.path(), "reason-fresh", "--unit ttra", "Thanh tra Sở");
    fresh.keys(&["Down", "Down", "Enter", "Escape"]);
    let s = fresh.wait("the fresh dashboard", |s| s.contains("Thanh tra Sở"));
    assert!(shows(&s), "{s}");
    fresh.keys(&["q"]);
    fresh.wait("the exit", |s| s.contains("EXITED:0"));
}

#[test]
fn slash_filters_the_offices_table_and_the_ranking_as_it_is_typed() {
    common::need("tmux");
    let (dir, _ws) = common::demo();
    let office = start_with(dir.path(), "filter", "--office", "Thanh tra Sở");
    office.keys(&["/"]);
    // Without marks, by word starts, as typed: "quan" first finds both "Quản lý" units.
    office.text("quan");
    let s = office.wait("the filter as typed", |s| s.contains("2/8"));
    assert!(s.contains("Phòng Quản lý Khoa học") && s.contains("Phòng Quản lý Công nghệ"), "{s}");
    assert!(!s.contains("Thanh tra Sở"), "{s}");
    office.text(" ly kh");
    let s = office.wait("the narrower filter", |s| s.contains("1/8"));
    assert!(s.contains("Phòng Quản lý Khoa học") && !s.contains("Công nghệ và"), "{s}");
    // Enter keeps it; the ranking shows the same unit only.
    office.keys(&["Enter", "r"]);
    let s = office.wait("the ranking", |s| s.contains("Xếp hạng"));
    assert!(s.contains("Phòng Quản lý Khoa học") && !s.contains("Thanh tra Sở") && s.contains("1/8"), "{s}");
    // By the group's name, punctuation aside; Esc clears.
    office.keys(&["/", "C-u"]);
    office.text("don vi truc-thuoc");
    let s = office.wait("the group filter", |s| s.contains("3/8"));
    assert!(s.contains("Chi cục") && !s.contains("Phòng Quản lý Khoa học"), "{s}");
    office.keys(&["Escape"]);
    let s = office.wait("all units again", |s| s.contains("Thanh tra Sở") && s.contains("Chi cục"));
    assert!(!s.contains("Lọc “"), "{s}");
    office.keys(&["Escape", "q"]);
    office.wait("the exit", |s| s.contains("EXITED:0"));
}

#[test]
fn export_asks_before_overwriting_and_remembers_the_format() {
    common::need("tmux");
    let (dir, _ws) = common::demo();
    let office = start_with(dir.path(), "export", "--office", "Thanh tra Sở");
    office.keys(&["r"]);
    office.wait("the ranking", |s| s.contains("Xếp hạng"));
    // The second format (csv), a new file: written without a question.
    office.keys(&["e"]);
    office.wait("the export dialog", |s| s.contains("Xuất"));
    office.keys(&["Right", "Enter"]);
    let s = office.wait("the export", |s| s.contains("Đã xuất:"));
    let csv: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().filter(|e| e.path().extension().is_some_and(|x| x == "csv")).collect();
    assert_eq!(csv.len(), 1, "{s}");
    let path = csv[0].path();
    std::fs::write(&path, "kept").unwrap();
    // Again: csv is chosen already, and the file exists: asked first; Esc keeps it.
    office.keys(&["e"]);
    office.wait("the export dialog", |s| s.contains("Xuất"));
    office.keys(&["Enter"]);
    office.wait("the overwrite question", |s| s.contains("đã có"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept", "not written before the answer");
    office.keys(&["Escape"]);
    office.wait("the dialog closed", |s| !s.contains("đã có"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept");
    // Asked and answered: Enter twice overwrites.
    office.keys(&["e"]);
    office.wait("the export dialog", |s| s.contains("Xuất"));
    office.keys(&["Enter"]);
    office.wait("the overwrite question", |s| s.contains("đã có"));
    office.keys(&["Enter"]);
    office.wait("the export", |s| s.contains("Đã xuất:"));
    assert_ne!(std::fs::read_to_string(&path).unwrap(), "kept", "overwritten when asked");
    office.keys(&["Escape", "q"]);
    office.wait("the exit", |s| s.contains("EXITED:0"));
}
