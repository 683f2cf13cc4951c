//! Saves are atomic and durable: a writer killed with SIGKILL at random moments, over hundreds
//! of saves, never leaves a file that does not parse or that mixes two versions.

#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use parindex::core::answers::{Input, Sheet, SheetKind};
use parindex::core::workspace::Workspace;
use rust_decimal::Decimal;

mod common;

const UNIT: &str = "qlkh";

/// Version `n` of the unit's submission: every field that changes encodes `n`, so a file
/// mixing two versions is caught even if it parses.
fn version(ws: &Workspace, base: &Sheet, n: u64) -> Sheet {
    let mut s = base.clone();
    let leaves: Vec<usize> = ws.scorecard.leaves().filter(|&i| ws.scorecard.nodes[i].rule.as_ref().is_some_and(|r| r.name() == "manual")).collect();
    for (k, &leaf) in leaves.iter().enumerate() {
        let a = s.answer_mut(leaf);
        let steps = (n + k as u64) % 3;
        // A leaf with a stated scale takes its levels' points only (issue 21): its lowest three.
        let levels = &ws.scorecard.nodes[leaf].levels;
        a.input = Some(Input::Points(match levels.len() {
            0 => Decimal::from(steps) * ws.scorecard.step,
            len => levels[len - 1 - (steps as usize).min(len - 1)].points,
        }));
        a.note = format!("phiên bản {n} — tiêu chí {k}\n{}", "dòng giải trình ".repeat((n % 7) as usize));
    }
    s
}

fn is_consistent(ws: &Workspace, base: &Sheet, s: &Sheet) -> Option<u64> {
    let first = ws.scorecard.leaves().find(|&i| ws.scorecard.nodes[i].rule.as_ref().is_some_and(|r| r.name() == "manual"))?;
    let note = &s.answer(first)?.note;
    let n: u64 = note.strip_prefix("phiên bản ")?.split(' ').next()?.parse().ok()?;
    (version(ws, base, n) == *s).then_some(n)
}

/// The child: saves versions 1, 2, 3, … as fast as it can until killed. Run on its own (as
/// `--include-ignored` does), it saves a few versions into a round of its own and reads each back.
#[test]
#[ignore = "run by killed_writers_never_leave_a_torn_file as a child process"]
fn child_writer() {
    let Ok(dir) = std::env::var("PARINDEX_DURABILITY_DIR") else {
        let r = common::Round::demo(8, 2020);
        let ws = r.ws();
        let base = strip(&ws, &ws.load_sheet(UNIT, SheetKind::Submission).unwrap().unwrap());
        for n in 1..=20 {
            ws.save_edit(&version(&ws, &base, n), SheetKind::Submission, "writer").unwrap();
            let saved = ws.load_sheet(UNIT, SheetKind::Submission).unwrap().unwrap();
            assert_eq!(is_consistent(&ws, &base, &saved), Some(n), "version {n} does not read back whole");
        }
        return;
    };
    let start: u64 = std::env::var("PARINDEX_DURABILITY_START").unwrap().parse().unwrap();
    let ws = Workspace::load(Path::new(&dir)).unwrap();
    let base = ws.load_sheet(UNIT, SheetKind::Submission).unwrap().unwrap();
    let base = strip(&ws, &base);
    for n in start.. {
        ws.save_edit(&version(&ws, &base, n), SheetKind::Submission, "writer").unwrap();
    }
}

/// The base the versions are built from: the demo submission without the notes we vary.
fn strip(ws: &Workspace, s: &Sheet) -> Sheet {
    let mut b = s.clone();
    for leaf in ws.scorecard.leaves() {
        if ws.scorecard.nodes[leaf].rule.as_ref().is_some_and(|r| r.name() == "manual") {
            let a = b.answer_mut(leaf);
            a.input = None;
            a.note.clear();
        }
    }
    b.prune();
    b
}

#[test]
fn killed_writers_never_leave_a_torn_file() {
    let d = tempfile::tempdir().unwrap();
    let st = common::std_bin().args(["demo", "--no-tui"]).arg(d.path()).stdout(Stdio::null()).stderr(Stdio::null()).status().unwrap();
    assert!(st.success());
    let ws = Workspace::load(d.path()).unwrap();
    let base = strip(&ws, &ws.load_sheet(UNIT, SheetKind::Submission).unwrap().unwrap());
    ws.save_edit(&version(&ws, &base, 0), SheetKind::Submission, "setup").unwrap();

    let exe = std::env::current_exe().unwrap();
    let mut seed: u64 = 0x5eed;
    let mut kills = 0;
    let mut last_seen = 0u64;
    let mut versions_seen = std::collections::BTreeSet::new();
    // Under load (a busy CI machine) children save less before they are killed: go on until
    // enough saves happened, within a bound.
    while (kills < 220 || last_seen < 150) && kills < 1500 {
        let mut child = Command::new(&exe)
            .args(["child_writer", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
            .env("PARINDEX_DURABILITY_DIR", d.path())
            .env("PARINDEX_DURABILITY_START", (last_seen + 1).to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // A pseudo-random moment between 5 and 80 ms into the child's life (start-up included,
        // so some kills land before the first save, most in the middle of one).
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        std::thread::sleep(Duration::from_micros(5_000 + (seed >> 33) % 75_000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        kills += 1;

        let sheet =
            ws.load_sheet(UNIT, SheetKind::Submission).unwrap_or_else(|e| panic!("after kill {kills}: the file does not parse:\n{e}")).unwrap();
        let n = is_consistent(&ws, &base, &sheet)
            .unwrap_or_else(|| panic!("after kill {kills}: the file mixes versions or holds something never written"));
        assert!(n >= last_seen, "after kill {kills}: went back from version {last_seen} to {n}");
        last_seen = n;
        versions_seen.insert(n);
        // No temp file is mistaken for a submission: they are hidden and never parsed.
        for e in std::fs::read_dir(d.path().join("submissions")).unwrap() {
            let name = e.unwrap().file_name().into_string().unwrap();
            assert!(!name.ends_with(".toml") || !name.starts_with('.') || name.ends_with(".tmp"), "{name}");
        }
    }
    // The test means something only if the writers really were killed mid-stream.
    assert!(last_seen >= 150, "only {last_seen} saves happened across {kills} kills");
    assert!(versions_seen.len() > 50, "saw only {} distinct versions", versions_seen.len());
    // The audit log: a kill may cut the line being appended, but a cut line stays on its own
    // (the next append starts a fresh line), so every other line is a whole entry.
    // (A cut line may end inside a multi-byte character: read bytes, not text.)
    let log = std::fs::read(d.path().join("audit").join(format!("{UNIT}.jsonl"))).unwrap();
    let lines: Vec<String> = log.split(|&b| b == b'\n').filter(|l| !l.is_empty()).map(|l| String::from_utf8_lossy(l).into_owned()).collect();
    let bad: Vec<&String> = lines.iter().filter(|l| serde_json::from_str::<serde_json::Value>(l).is_err()).collect();
    assert!(bad.len() <= kills, "{} torn lines for {kills} kills", bad.len());
    for l in &bad {
        // A kill may cut a line anywhere, even inside its first key (`{"seq`).
        let head = "{\"seq\":";
        assert!((l.starts_with(head) || head.starts_with(l.as_str())) && !l[1..].contains("{\"seq\""), "two entries ran together: {l}");
    }
    let (entries, skipped) = parindex::core::audit::read(d.path(), UNIT).unwrap();
    assert_eq!(skipped, bad.len());
    assert!(entries.len() > 200);
    // The chain holds across every kill, and the file is the one the log last recorded (or,
    // when a kill fell between the log and the rename, the version before it, said as such).
    assert_no_audit_errors(d.path());
}

fn assert_no_audit_errors(dir: &Path) {
    let diags = parindex::core::workspace::check(dir).unwrap();
    let errors: Vec<String> = diags
        .items
        .iter()
        .filter(|x| x.severity == parindex::core::diag::Severity::Error)
        .map(|x| parindex::text::msg::Message::en(&x.message))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// Workflow moves killed at random moments (the "74 kill -9 among 80 moves"): after
/// each kill the submission's status is the one the log last recorded for it, or the one
/// before when the kill fell between the log and the rename (and `check` says so, as a
/// warning); the chain is never broken, and no temp file is left once the next move has run.
#[test]
fn killed_moves_leave_the_file_and_its_log_in_step() {
    let d = tempfile::tempdir().unwrap();
    assert!(common::std_bin().args(["demo", "--no-tui"]).arg(d.path()).stdout(Stdio::null()).status().unwrap().success());
    // Return vp and submit it again, over and over.
    let initial = "appraised";
    // How long one whole move takes here: kills fall anywhere in 0–120% of it.
    let t0 = std::time::Instant::now();
    assert!(common::std_bin().args(["return", "--unit", "vp", "-w"]).arg(d.path()).stdout(Stdio::null()).status().unwrap().success());
    let whole = t0.elapsed().as_micros() as u64;
    let mut seed: u64 = 0x0b5e55ed;
    for i in 0..80 {
        let ws = Workspace::load(d.path()).unwrap();
        let status = ws.load_sheet("vp", SheetKind::Submission).unwrap().unwrap().status;
        use parindex::core::answers::Status;
        let mv = if matches!(status, Status::Submitted | Status::Appraised) { "return" } else { "submit" };
        let mut child = common::std_bin().args([mv, "--unit", "vp", "-w"]).arg(d.path()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        std::thread::sleep(Duration::from_micros((seed >> 33) % (whole * 6 / 5)));
        let _ = child.kill();
        child.wait().unwrap();
        let sheet = ws.load_sheet("vp", SheetKind::Submission).unwrap().unwrap();
        let (entries, _) = parindex::core::audit::read(d.path(), "vp").unwrap();
        // Before the first logged move, the demo's status stands.
        let (from, to) = match entries.iter().rev().find(|e| e.field.as_deref() == Some("status")) {
            Some(e) => (e.old.clone().unwrap(), e.new.clone().unwrap()),
            None => (initial.to_owned(), initial.to_owned()),
        };
        let now = sheet.status.as_str();
        assert!(now == to || now == from, "move {i}: the file says {now} but the log's last move is {from} → {to}");
        assert_no_audit_errors(d.path());
    }
    // The test means something only if some moves were made and some were cut short.
    let (entries, _) = parindex::core::audit::read(d.path(), "vp").unwrap();
    let moves = entries.iter().filter(|e| e.field.as_deref() == Some("status")).count();
    assert!((5..81).contains(&moves), "{moves} of 81 moves were logged");
}
