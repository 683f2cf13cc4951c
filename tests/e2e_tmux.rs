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

#[test]
fn unit_head_scores_saves_and_quits_in_a_real_terminal() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("NOTE: tmux is not installed; skipping the end-to-end terminal test");
        return;
    }
    let (dir, ws) = common::demo();
    // A manual criterion the draft unit has not scored yet, found by its (unique) title.
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
    let title = sc.nodes[leaf].title.clone();

    let tmux = Tmux { socket: format!("parindex-e2e-{}", std::process::id()), session: "e2e".into() };
    let bin = env!("CARGO_BIN_EXE_parindex");
    let script = format!(
        "'{bin}' tui -w '{}' --unit qlkh; echo EXITED:$?; stty -a | tr ' ;' '\\n\\n' | grep -x -- '-\\?icanon'; sleep 60",
        dir.path().display()
    );
    tmux.run(&["new-session", "-d", "-x", "100", "-y", "30", "-s", &tmux.session, "env", "-u", "PARINDEX_LANG", "LANG=C.UTF-8", "sh", "-c", &script]);
    tmux.wait("the dashboard", |s| s.contains("Phòng Quản lý Khoa học") && s.contains("Tiêu chí"));

    // Search the criterion by its title, go to it, score it, save, quit.
    tmux.keys(&["/"]);
    tmux.text(&title);
    tmux.keys(&["Enter", "End", "Enter"]);
    tmux.wait("the input field", |s| s.contains("Ghi nhận"));
    tmux.text("1");
    tmux.keys(&["Enter"]);
    tmux.wait("the unsaved mark", |s| s.contains("Chưa lưu"));
    tmux.keys(&["C-s"]);
    tmux.wait("saved", |s| s.contains("Đã lưu") && !s.contains("Chưa lưu"));
    tmux.keys(&["q"]);
    let after = tmux.wait("the exit", |s| s.contains("EXITED:"));
    assert!(after.contains("EXITED:0"), "{after}");
    // The alternate screen is left: the dashboard is gone; raw mode is off again.
    assert!(!after.contains("Tiêu chí") && !after.contains("Chỉ số"), "{after}");
    let after = tmux.wait("stty", |s| s.lines().any(|l| l.trim().ends_with("icanon")));
    assert!(after.lines().any(|l| l.trim() == "icanon"), "canonical mode is back:\n{after}");

    // On disk.
    let ws = Workspace::load(dir.path()).unwrap();
    let sub = ws.load_sheet("qlkh", SheetKind::Submission).unwrap().unwrap();
    assert_eq!(sub.input(leaf), Some(&Input::Points(rust_decimal::Decimal::ONE)));
}
