//! Control bytes never reach the terminal (issue 9, point 8): an audit line, a lock file or a
//! unit name holding ESC, BEL, CR or LF is shown without them, or refused where it is read.

#![cfg(unix)]

use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use assert_cmd::Command;

mod common;

fn parindex() -> Command {
    let mut c = common::bin();
    c.timeout(Duration::from_secs(20));
    c
}

fn demo() -> (tempfile::TempDir, PathBuf) {
    common::Round::demo(3, 2020).into_parts()
}

/// A byte a terminal could act on: below 0x20 but LF, DEL, or the lead byte of a C1 control.
fn terminal_controls(out: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(out);
    text.chars().filter(|&c| c.is_control() && c != '\n').map(|c| c as u32 as u8).collect()
}

#[test]
fn log_shows_no_control_byte_from_a_hand_edited_audit_line() {
    let (_root, ws) = demo();
    fs::create_dir_all(ws.join("audit")).unwrap();
    let line = r#"{"at":"2020-12-01T08:00:00+07:00","user":"\u001b[2J\u001b]0;pwned\u0007","action":"edit\r\u0007","criterion":"1.1\u009b31m","field":"note","old":"a\u001b[31mb","new":"c\u0007\r\nd\u007f"}"#;
    let mut f = fs::OpenOptions::new().append(true).create(true).open(ws.join("audit/vp.jsonl")).unwrap();
    writeln!(f, "{line}").unwrap();
    drop(f);
    for format in ["table", "json"] {
        let out = parindex().args(["log", "--format", format, "-w"]).arg(&ws).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let bad = terminal_controls(&out.stdout);
        assert!(bad.is_empty(), "log --format {format} printed control bytes {bad:x?}:\n{}", String::from_utf8_lossy(&out.stdout));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("pwned"), "the entry is shown: {text}");
        if format == "json" {
            // The data stays exact: the escapes read back as the same characters.
            let v: serde_json::Value = serde_json::from_str(text.lines().find(|l| l.contains("pwned")).unwrap()).unwrap();
            assert_eq!(v["user"], "\u{1b}[2J\u{1b}]0;pwned\u{7}");
            assert_eq!(v["criterion"], "1.1\u{9b}31m");
        } else {
            // One table line for the entry: the CR LF in `new` did not split it.
            assert_eq!(text.lines().filter(|l| l.contains("pwned")).count(), 1, "{text}");
        }
    }
}

#[test]
fn a_unit_name_with_a_line_break_fails_check_with_its_place() {
    let (_root, ws) = demo();
    let path = ws.join("workspace.toml");
    let text = fs::read_to_string(&path).unwrap();
    // The first unit's name (not `signer_name` in [document]).
    let first = text.find("\nname = \"").unwrap() + 1;
    for bad in ["\\r", "\\n", "\\t"] {
        let mut t = text.clone();
        t.insert_str(first + "name = \"".len() + 3, bad);
        fs::write(&path, &t).unwrap();
        let line = t[..first].lines().count() + 1;
        let out = parindex().args(["--lang", "en", "check"]).arg(&ws).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{bad}: {err}");
        assert!(err.contains(&format!("workspace.toml:{line}:8: `name` must be one line")), "{bad}: {err}");
        let out = parindex().arg("check").arg(&ws).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{bad}: {err}");
        assert!(err.contains(&format!("workspace.toml:{line}:8: `name` phải nằm trên một dòng")), "{bad}: {err}");
        assert!(terminal_controls(&out.stderr).is_empty());
        // `rank` refuses the round too, so the name never reaches a table.
        let out = parindex().arg("rank").arg("-w").arg(&ws).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(terminal_controls(&out.stderr).is_empty());
    }
}

#[test]
fn a_lock_holder_name_with_escapes_is_shown_without_them() {
    let (_root, ws) = demo();
    let p = ws.join(".locks/vp.submission.lock");
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    let mut f = fs::OpenOptions::new().read(true).write(true).create(true).truncate(true).open(&p).unwrap();
    f.write_all(b"user=\x1b[2J\x07mallory\x1b]0;x\x07\rX\npid=1\nsince=1608000000\n").unwrap();
    // Held by this test while parindex runs: parindex must say who holds it.
    f.lock().unwrap();
    let out = parindex().args(["--lang", "en", "submit", "--unit", "vp", "-w"]).arg(&ws).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("mallory"), "the holder is named: {err}");
    let bad = terminal_controls(&out.stderr);
    assert!(bad.is_empty(), "control bytes {bad:x?} in {err:?}");
    drop(f);
}
