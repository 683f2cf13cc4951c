//! The results cache is never stale: files edited between runs (same size, the old mtime put
//! back, different content) give exactly what a run without the cache gives.

#![cfg(unix)]

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use proptest::prelude::*;

fn parindex(state: &Path) -> Command {
    let mut c = Command::cargo_bin("parindex").unwrap();
    c.env_remove("PARINDEX_LANG").env_remove("PARINDEX_NO_CACHE").env("XDG_STATE_HOME", state);
    c
}

fn rank(state: &Path, ws: &Path, cached: bool) -> String {
    let mut c = parindex(state);
    if !cached {
        c.env("PARINDEX_NO_CACHE", "1");
    }
    let out = c.arg("rank").arg("-w").arg(ws).args(["--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn cache_file(state: &Path) -> Option<std::path::PathBuf> {
    let root = state.join("parindex/cache");
    let round = fs::read_dir(&root).ok()?.next()?.ok()?.path();
    Some(round.join("results.json"))
}

/// Rewrites a file in place with the same size, then puts its old mtime back.
fn edit_same_size(path: &Path, from: &str, to: &str) -> bool {
    assert_eq!(from.len(), to.len());
    let text = fs::read_to_string(path).unwrap();
    if !text.contains(from) {
        return false;
    }
    let mtime = fs::metadata(path).unwrap().modified().unwrap();
    fs::write(path, text.replacen(from, to, 1)).unwrap();
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(mtime).unwrap();
    true
}

struct Round {
    _tmp: tempfile::TempDir,
    ws: std::path::PathBuf,
    state: std::path::PathBuf,
}

fn round(units: u32) -> Round {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    let state = tmp.path().join("state");
    parindex(&state).args(["demo", "--no-tui", "--units", &units.to_string()]).arg(&ws).assert().success();
    // Files younger than the timestamps' granularity margin are racy and never cached: age them.
    std::thread::sleep(Duration::from_millis(3200));
    Round { _tmp: tmp, ws, state }
}

#[test]
fn a_warm_run_reads_the_cache_and_gives_the_cold_figures() {
    let r = round(30);
    let cold = rank(&r.state, &r.ws, false);
    assert!(cache_file(&r.state).is_none(), "a run without the cache wrote one");
    assert_eq!(rank(&r.state, &r.ws, true), cold);
    let file = cache_file(&r.state).expect("the first cached run writes the cache");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    let written = fs::metadata(&file).unwrap().modified().unwrap();
    assert_eq!(rank(&r.state, &r.ws, true), cold);
    // Nothing changed: the cache is not rewritten.
    assert_eq!(fs::metadata(&file).unwrap().modified().unwrap(), written);

    // A corrupt cache, or one others could write, is ignored (and rebuilt).
    fs::write(&file, b"{ not json").unwrap();
    assert_eq!(rank(&r.state, &r.ws, true), cold);
    let forged = fs::read_to_string(&file).unwrap().replace("\"index\":\"", "\"index\":\"9");
    fs::write(&file, forged).unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(rank(&r.state, &r.ws, true), cold);
}

#[test]
fn a_changed_workspace_or_scorecard_drops_every_entry() {
    let r = round(12);
    let before = rank(&r.state, &r.ws, true);
    // Same size, other points for every option worth 0.5: the figures must follow, though no
    // sheet changed (the cache is keyed on the scorecard's stat too).
    let p = r.ws.join("scorecard.toml");
    let text = fs::read_to_string(&p).unwrap();
    let changed = text.replace("points = 0.5 }", "points = 0.0 }");
    assert_eq!(changed.len(), text.len());
    fs::write(&p, changed).unwrap();
    // Past the racy margin, so the cache would be used if its key missed the scorecard.
    std::thread::sleep(Duration::from_millis(3200));
    let warm = rank(&r.state, &r.ws, true);
    assert_ne!(warm, before, "the edit changes nobody's figures: the test would prove nothing");
    assert_eq!(warm, rank(&r.state, &r.ws, false));
    // Same size, another unit name in workspace.toml: the names follow.
    let p = r.ws.join("workspace.toml");
    let text = fs::read_to_string(&p).unwrap();
    let renamed = text.replacen("name = \"Văn phòng Sở\"", "name = \"Văn phòng SỞ\"", 1);
    assert_eq!(renamed.len(), text.len());
    fs::write(&p, renamed).unwrap();
    assert_eq!(rank(&r.state, &r.ws, true), rank(&r.state, &r.ws, false));
}

#[test]
fn a_changed_confirmation_drops_its_units_entry() {
    let r = round(30);
    let before = rank(&r.state, &r.ws, true);
    assert_eq!(rank(&r.state, &r.ws, true), before);
    // The reviewer rejects what they had confirmed: the register's default, and so the units'
    // final figures, follow, though none of their sheets changed (the cache keys the
    // confirmations too).
    for e in fs::read_dir(r.ws.join("reviews")).unwrap() {
        let p = e.unwrap().path();
        let text = fs::read_to_string(&p).unwrap();
        fs::write(&p, text.replace("status = \"confirmed\"", "status = \"rejected\"\nreason = \"Không có văn bản\"")).unwrap();
    }
    // Past the racy margin, so the cache would be used if its key missed the confirmations.
    std::thread::sleep(Duration::from_millis(3200));
    let warm = rank(&r.state, &r.ws, true);
    assert_ne!(warm, before, "the edit changes nobody's figures: the test would prove nothing");
    assert_eq!(warm, rank(&r.state, &r.ws, false));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn edits_between_runs_never_leave_stale_figures(picks in proptest::collection::vec(0usize..24, 1..6)) {
        let r = round(24);
        rank(&r.state, &r.ws, true);
        let mut units: Vec<std::path::PathBuf> = fs::read_dir(r.ws.join("submissions")).unwrap().map(|e| e.unwrap().path()).collect();
        units.extend(fs::read_dir(r.ws.join("appraisals")).unwrap().map(|e| e.unwrap().path()));
        units.sort();
        let mut edited = 0;
        for k in picks {
            // The first file from the k-th on that holds something to change.
            for j in 0..units.len() {
                let p = &units[(k + j) % units.len()];
                if edit_same_size(p, "points = 1\n", "points = 0\n") || edit_same_size(p, "value = 1", "value = 2") {
                    edited += 1;
                    break;
                }
            }
            // Each run between edits is warm for the rest and must stay exact.
            prop_assert_eq!(rank(&r.state, &r.ws, true), rank(&r.state, &r.ws, false));
        }
        prop_assert!(edited > 0 || units.is_empty());
    }
}
