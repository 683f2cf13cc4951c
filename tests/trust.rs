//! A hostile user with a shell on an unenforced round (issue 9): links planted where the store
//! writes, a recovery journal planted for someone else, an audit log edited, a file changed
//! behind parindex's back. Each attack fails, or is named by `check`, and leaves the files it
//! aimed at untouched.

#![cfg(unix)]

mod common;

use assert_cmd::Command;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

use common::{bin as parindex, bin_en, demo_in as demo, mv};
use parindex::core::answers::SheetKind;
use parindex::core::workspace::Workspace;

fn run(c: &mut Command) -> (Option<i32>, String) {
    let (code, _, err) = common::output(c);
    (code, err)
}

/// `check`, in English (the assertions below quote its English wording).
fn check(dir: &Path) -> (Option<i32>, String) {
    run(bin_en().arg("check").arg(dir))
}

/// A file outside the round that a planted link points at: it must never change.
fn bait(root: &Path) -> std::path::PathBuf {
    let p = root.join("notes.txt");
    fs::write(&p, "the Office's own notes\n").unwrap();
    p
}

#[test]
fn a_link_planted_at_a_lock_is_refused_and_never_followed() {
    let root = tempfile::tempdir().unwrap();
    let ws = root.path().join("ws");
    demo(&ws);
    let notes = bait(root.path());
    fs::create_dir_all(ws.join(".locks")).unwrap();
    symlink(&notes, ws.join(".locks/vp.submission.lock")).unwrap();
    let before = fs::read(ws.join("submissions/vp.toml")).unwrap();
    let (code, err) = mv(&ws, "return", "vp");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(fs::read_to_string(&notes).unwrap(), "the Office's own notes\n");
    assert_eq!(fs::read(ws.join("submissions/vp.toml")).unwrap(), before);
}

#[test]
fn a_link_planted_at_the_audit_log_stops_the_move_before_anything_changes() {
    let root = tempfile::tempdir().unwrap();
    let ws = root.path().join("ws");
    demo(&ws);
    let notes = bait(root.path());
    fs::remove_file(ws.join("audit/vp.jsonl")).unwrap();
    symlink(&notes, ws.join("audit/vp.jsonl")).unwrap();
    let before = fs::read(ws.join("submissions/vp.toml")).unwrap();
    let (code, err) = mv(&ws, "return", "vp");
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(fs::read_to_string(&notes).unwrap(), "the Office's own notes\n");
    // The log comes first: a move whose log cannot be written does not happen.
    assert_eq!(fs::read(ws.join("submissions/vp.toml")).unwrap(), before);
    assert!(!fs::symlink_metadata(ws.join("submissions/vp.toml")).unwrap().file_type().is_symlink());
}

#[test]
fn links_planted_at_guessable_temp_names_catch_nothing() {
    let root = tempfile::tempdir().unwrap();
    let ws = root.path().join("ws");
    demo(&ws);
    let notes = bait(root.path());
    // The old scheme was `.NAME.PID.tmp`: plant every pid a process could get soon.
    let next_pid = std::process::id();
    for pid in next_pid..next_pid + 2000 {
        symlink(&notes, ws.join(format!("submissions/.vp.toml.{pid}.tmp"))).unwrap();
    }
    let (code, err) = mv(&ws, "return", "vp");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(fs::read_to_string(&notes).unwrap(), "the Office's own notes\n");
    let meta = fs::symlink_metadata(ws.join("submissions/vp.toml")).unwrap();
    assert!(meta.file_type().is_file());
    assert!(fs::read_to_string(ws.join("submissions/vp.toml")).unwrap().contains("status = \"returned\""));
}

#[test]
fn a_link_or_fifo_in_place_of_a_submission_is_refused_without_blocking() {
    let root = tempfile::tempdir().unwrap();
    let ws = root.path().join("ws");
    demo(&ws);
    fs::remove_file(ws.join("submissions/ttra.toml")).unwrap();
    rustix::fs::mkfifoat(rustix::fs::CWD, ws.join("submissions/ttra.toml"), rustix::fs::Mode::from_raw_mode(0o644)).unwrap();
    // That unit is unreadable (the others are ranked): exit 1, and why on standard error.
    let json = ["rank", "--format", "json", "-w"];
    let (code, err) = run(parindex().env("PARINDEX_LANG", "en").args(json).arg(&ws).timeout(std::time::Duration::from_secs(20)));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("ttra.toml: is a named pipe (FIFO), not a regular file"), "{err}");
    let (_, err) = run(parindex().args(json).arg(&ws).timeout(std::time::Duration::from_secs(20)));
    assert!(err.contains("ttra.toml: là ống dẫn có tên (FIFO), không phải tệp thường"), "{err}");
}

#[test]
fn a_journal_planted_in_the_round_or_not_private_is_never_offered() {
    let state = tempfile::tempdir().unwrap();
    // SAFETY: tests in this binary that read XDG_STATE_HOME set it to their own folder first.
    unsafe { std::env::set_var("XDG_STATE_HOME", state.path()) };
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("ws");
    demo(&dir);
    let ws = Workspace::load(&dir).unwrap();
    let mut forged = ws.load_sheet("vp", SheetKind::Appraisal).unwrap().unwrap();
    let leaf = ws.scorecard.leaves().next().unwrap();
    forged.answer_mut(leaf).comment = "planted by a unit head".into();
    let text = forged.to_toml(&ws.scorecard, SheetKind::Appraisal);
    // Where journals used to live: inside the shared round.
    fs::create_dir_all(dir.join(".recover")).unwrap();
    fs::write(dir.join(".recover/vp.appraisal.toml"), &text).unwrap();
    let saved = ws.load_sheet("vp", SheetKind::Appraisal).unwrap();
    assert!(parindex::core::recover::find(&ws, "vp", SheetKind::Appraisal, saved.as_ref()).is_none());
    // A real journal is offered ...
    parindex::core::recover::write(&ws, &forged, SheetKind::Appraisal).unwrap();
    let p = parindex::core::recover::path(&dir, "vp", SheetKind::Appraisal);
    assert!(p.starts_with(state.path()), "{}", p.display());
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(parindex::core::recover::find(&ws, "vp", SheetKind::Appraisal, saved.as_ref()).is_some());
    // ... but not once others could have written it.
    fs::set_permissions(&p, fs::Permissions::from_mode(0o664)).unwrap();
    assert!(parindex::core::recover::find(&ws, "vp", SheetKind::Appraisal, saved.as_ref()).is_none());
    // Nor when it is a link to a file someone else prepared.
    let elsewhere = root.path().join("prepared.toml");
    fs::write(&elsewhere, &text).unwrap();
    fs::set_permissions(&elsewhere, fs::Permissions::from_mode(0o600)).unwrap();
    fs::remove_file(&p).unwrap();
    symlink(&elsewhere, &p).unwrap();
    assert!(parindex::core::recover::find(&ws, "vp", SheetKind::Appraisal, saved.as_ref()).is_none());
}

/// Moves enough to give the unit a log of a dozen entries.
fn busy_log(ws: &Path) {
    for m in ["return", "submit", "return", "submit", "mark-appraised"] {
        assert_eq!(mv(ws, m, "vp").0, Some(0), "{m}");
    }
}

fn log_lines(ws: &Path) -> Vec<String> {
    fs::read_to_string(ws.join("audit/vp.jsonl")).unwrap().lines().map(str::to_owned).collect()
}

fn write_lines(ws: &Path, lines: &[String]) {
    fs::write(ws.join("audit/vp.jsonl"), lines.iter().map(|l| format!("{l}\n")).collect::<String>()).unwrap();
}

#[test]
fn check_names_where_the_audit_log_was_rewritten() {
    let root = tempfile::tempdir().unwrap();
    let ws = root.path().join("ws");
    demo(&ws);
    busy_log(&ws);
    assert_eq!(check(&ws).0, Some(0), "{}", check(&ws).1);
    let lines = log_lines(&ws);
    assert!(lines.len() >= 8);

    // A deleted line: the chain breaks at the entry after it.
    let mut cut = lines.clone();
    cut.remove(3);
    write_lines(&ws, &cut);
    let (code, err) = check(&ws);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("audit/vp.jsonl:4:1: the audit log's chain breaks at entry 5"), "{err}");

    // An edited line (who did it): named at the next entry.
    let mut edited = lines.clone();
    edited[2] = edited[2].replace("\"user\":\"", "\"user\":\"x");
    write_lines(&ws, &edited);
    let (code, err) = check(&ws);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("audit/vp.jsonl:4:1: the audit log's chain breaks at entry 4"), "{err}");

    // Two lines swapped.
    let mut swapped = lines.clone();
    swapped.swap(4, 5);
    write_lines(&ws, &swapped);
    let (code, err) = check(&ws);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("audit/vp.jsonl:5:1: the audit log's chain breaks at entry 6"), "{err}");

    // The whole log intact again, and the submission changed behind parindex's back.
    write_lines(&ws, &lines);
    assert_eq!(check(&ws).0, Some(0));
    let sub = ws.join("submissions/vp.toml");
    fs::write(&sub, fs::read_to_string(&sub).unwrap().replace("status = \"appraised\"", "status = \"final\"")).unwrap();
    let (code, err) = check(&ws);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("submissions/vp.toml: changed outside parindex after audit entry"), "{err}");
}

#[test]
fn reopening_clears_the_seal_and_the_unit_ranks_on_its_self_assessment() {
    let root = tempfile::tempdir().unwrap();
    let ws = root.path().join("ws");
    demo(&ws);
    // vp is appraised in the demo, with an appraisal that changes its figures.
    for m in ["finalise", "reopen"] {
        assert_eq!(mv(&ws, m, "vp").0, Some(0), "{m}");
    }
    let text = fs::read_to_string(ws.join("submissions/vp.toml")).unwrap();
    assert!(text.contains("status = \"draft\""), "{text}");
    assert!(!text.contains("seal = ") && !text.contains("submitted_at = "), "{text}");
    let out = parindex().arg("rank").arg("-w").arg(&ws).args(["--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let vp = v.as_array().unwrap().iter().find(|i| i["unit"] == "vp").unwrap();
    assert_eq!(vp["status"], "draft");
    assert_eq!(vp["index"], vp["self_index"], "{vp}");
    assert_eq!(check(&ws).0, Some(0), "{}", check(&ws).1);
}

#[test]
fn a_failed_log_append_means_the_move_did_not_happen() {
    let root = tempfile::tempdir().unwrap();
    let ws = root.path().join("ws");
    demo(&ws);
    // The log is a folder now: appending fails.
    fs::remove_file(ws.join("audit/vp.jsonl")).unwrap();
    fs::create_dir(ws.join("audit/vp.jsonl")).unwrap();
    let before = fs::read(ws.join("submissions/vp.toml")).unwrap();
    let (code, err) = mv(&ws, "return", "vp");
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(fs::read(ws.join("submissions/vp.toml")).unwrap(), before);
    let leftovers: Vec<_> =
        fs::read_dir(ws.join("submissions")).unwrap().filter_map(|e| e.ok()).filter(|e| e.file_name().to_string_lossy().ends_with(".tmp")).collect();
    assert!(leftovers.is_empty(), "temp files left: {leftovers:?}");
}

#[test]
fn stale_temp_files_are_reported_by_check_and_cleaned_by_the_next_save() {
    let root = tempfile::tempdir().unwrap();
    let ws = root.path().join("ws");
    demo(&ws);
    let stale = ws.join("submissions/.vp.toml.0123456789abcdef01234567.tmp");
    fs::write(&stale, "half a save").unwrap();
    let (code, err) = check(&ws);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains(".vp.toml.0123456789abcdef01234567.tmp: warning: a temp file left by an interrupted save"), "{err}");
    assert_eq!(mv(&ws, "return", "vp").0, Some(0));
    assert!(!stale.exists());
}
