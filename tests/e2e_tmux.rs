//! End to end in a real terminal: the binary runs inside tmux, keys are sent to it, the screen
//! is read back. Skipped (with a note) where tmux is not installed.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use parindex::core::answers::{Input, SheetKind};
use parindex::core::workspace::Workspace;

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

fn tmux_missing() -> bool {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("NOTE: tmux is not installed; skipping the end-to-end terminal test");
        return true;
    }
    false
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
    let tmux = Tmux { socket: format!("parindex-{name}-{}", std::process::id()), session: name.into() };
    let bin = env!("CARGO_BIN_EXE_parindex");
    let script =
        format!("'{bin}' tui -w '{}' --unit qlkh; echo EXITED:$?; stty -a | tr ' ;' '\\n\\n' | grep -x -- '-\\?icanon'; sleep 60", dir.display());
    tmux.run(&["new-session", "-d", "-x", "100", "-y", "30", "-s", &tmux.session, "env", "-u", "PARINDEX_LANG", "LANG=C.UTF-8", "sh", "-c", &script]);
    tmux.wait("the dashboard", |s| s.contains("Phòng Quản lý Khoa học") && s.contains("Tiêu chí"));
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
    let ws = Workspace::load(dir).unwrap();
    let sub = ws.load_sheet("qlkh", SheetKind::Submission).unwrap().unwrap();
    sub.input(leaf).cloned()
}

#[test]
fn unit_head_scores_saves_and_quits_in_a_real_terminal() {
    if tmux_missing() {
        return;
    }
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
    if tmux_missing() {
        return;
    }
    let (dir, ws) = common::demo();
    let (leaf, title) = unscored_manual_leaf(&ws);
    let tmux = start(dir.path(), "hup");
    score(&tmux, &title);
    assert_eq!(saved_input(dir.path(), leaf), None, "not saved yet");
    // The SSH connection drops: the pane's processes get SIGHUP.
    // (The dashboard's pid is in its edit lock.)
    let lock = std::fs::read_to_string(parindex::core::lock::lock_path(dir.path(), "qlkh", SheetKind::Submission)).unwrap();
    let pid: i32 = lock.lines().find_map(|l| l.strip_prefix("pid=")).unwrap().parse().unwrap();
    // SAFETY: sending a signal to a process this test started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGHUP) }, 0, "signalled the dashboard");
    tmux.wait("the exit", |s| s.contains("EXITED:"));
    assert_eq!(saved_input(dir.path(), leaf), Some(Input::Points(rust_decimal::Decimal::ONE)));
    // The lock went with the process: the next editor is not told someone else is editing.
    let ws = Workspace::load(dir.path()).unwrap();
    let app = parindex::tui::App::for_unit(ws, "qlkh", parindex::text::Lang::Vi, parindex::tui::Theme::PLAIN).unwrap();
    assert!(app.editable(), "{}", app.readonly_reason());
}
