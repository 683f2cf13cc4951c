//! The results cache is never stale: files edited between runs (same size, the old mtime put
//! back, different content) give exactly what a run without the cache gives.
//!
//! The runs are the library's (`RoundResults::from_disk_with`, what `rank` runs) handed a cache
//! file in the test's own folder and a clock: the cache trusts only files older than a margin
//! (the "racy" rule), and instead of sleeping past it the tests move their clock on.

#![cfg(unix)]

use std::cell::Cell;
use std::fs;
use std::path::Path;
use std::time::Duration;

use parindex::core::cache::{Cache, Clock};
use parindex::core::date::Date;
use parindex::core::results::RoundResults;
use parindex::core::workspace::Workspace;
use parindex::export::{ExportFormat, ExportOptions, render};
use proptest::prelude::*;

mod common;

/// Longer than the cache's racy margin (3 s).
const PAST_THE_MARGIN: Duration = Duration::from_millis(3200);

/// The figures and names of every unit, as the JSON export gives them: from the cache (`cached`)
/// or from the files alone.
fn rank(r: &Round, cached: bool) -> String {
    let ws = Workspace::load(&r.ws).unwrap();
    let cache = Cache::open(&ws, cached.then(|| r.cache_file()), r.clock());
    let res = RoundResults::from_disk_with(&ws, cache).unwrap();
    let opts = ExportOptions { date: Date::new(2020, 12, 20), ..ExportOptions::default() };
    String::from_utf8(render(&ws, &res, ExportFormat::Json, &opts).unwrap()).unwrap()
}

fn cache_file(r: &Round) -> Option<std::path::PathBuf> {
    Some(r.cache_file()).filter(|p| p.exists())
}

/// Rewrites a file in place with the same size, then puts its old mtime back. Only its ctime
/// tells the edit: a new one, else the file would look unchanged, which only a real wait (the
/// racy margin that the test clock skips) tells apart.
fn edit_same_size(path: &Path, from: &str, to: &str) -> bool {
    assert_eq!(from.len(), to.len());
    let text = fs::read_to_string(path).unwrap();
    if !text.contains(from) {
        return false;
    }
    let meta = fs::metadata(path).unwrap();
    let mtime = meta.modified().unwrap();
    let ctime = |m: &fs::Metadata| std::os::unix::fs::MetadataExt::ctime_nsec(m) + std::os::unix::fs::MetadataExt::ctime(m) * 1_000_000_000;
    let before = ctime(&meta);
    let f = fs::File::options().write(true).open(path).unwrap();
    loop {
        fs::write(path, text.replacen(from, to, 1)).unwrap();
        f.set_modified(mtime).unwrap();
        // Two writes within one tick of the file system's clock (a few ms) share a ctime.
        if ctime(&fs::metadata(path).unwrap()) != before {
            return true;
        }
    }
}

/// A demo round, its cache file in the test's own folder, and the test's clock: the system clock
/// moved on by `ahead`.
struct Round {
    round: common::Round,
    ws: std::path::PathBuf,
    ahead: Cell<Duration>,
}

impl Round {
    fn cache_file(&self) -> std::path::PathBuf {
        self.round.root().join("state/results.json")
    }

    fn clock(&self) -> Clock {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
        Clock::At((now + self.ahead.get()).as_nanos() as i128)
    }

    /// Instead of a sleep of `d`: the runs from now on happen `d` later, so every file written
    /// so far is that much older (and so is every file written from now on: see `edit_same_size`).
    fn wait(&self, d: Duration) {
        self.ahead.set(self.ahead.get() + d);
    }
}

fn round(units: usize) -> Round {
    let round = common::Round::demo(units, 2020);
    let ws = round.path().to_owned();
    let r = Round { round, ws, ahead: Cell::new(Duration::ZERO) };
    // Files younger than the timestamps' granularity margin are racy and never cached: age them.
    r.wait(PAST_THE_MARGIN);
    r
}

/// The racy rule itself: a file younger than the margin is not cached (it could change again
/// within its timestamp's granularity), one older is.
#[test]
fn files_younger_than_the_margin_are_never_cached() {
    let r = round(4);
    r.ahead.set(Duration::ZERO);
    let fresh = rank(&r, true);
    assert!(cache_file(&r).is_none(), "a round written just now was cached");
    r.wait(PAST_THE_MARGIN);
    assert_eq!(rank(&r, true), fresh);
    assert!(cache_file(&r).is_some(), "files older than the margin were not cached");
}

#[test]
fn a_warm_run_reads_the_cache_and_gives_the_cold_figures() {
    let r = round(30);
    let cold = rank(&r, false);
    assert!(cache_file(&r).is_none(), "a run without the cache wrote one");
    assert_eq!(rank(&r, true), cold);
    let file = cache_file(&r).expect("the first cached run writes the cache");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    let written = fs::metadata(&file).unwrap().modified().unwrap();
    assert_eq!(rank(&r, true), cold);
    // Nothing changed: the cache is not rewritten.
    assert_eq!(fs::metadata(&file).unwrap().modified().unwrap(), written);

    // A corrupt cache, or one others could write, is ignored (and rebuilt).
    fs::write(&file, b"{ not json").unwrap();
    assert_eq!(rank(&r, true), cold);
    let forged = fs::read_to_string(&file).unwrap().replace("\"index\":\"", "\"index\":\"9");
    fs::write(&file, forged).unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(rank(&r, true), cold);
}

#[test]
fn a_changed_workspace_or_scorecard_drops_every_entry() {
    let r = round(12);
    let before = rank(&r, true);
    // Same size, other points for every option worth 0.5: the figures must follow, though no
    // sheet changed (the cache is keyed on the scorecard's stat too).
    let p = r.ws.join("scorecard.toml");
    let text = fs::read_to_string(&p).unwrap();
    let changed = text.replace("points = 0.5 }", "points = 0.0 }");
    assert_eq!(changed.len(), text.len());
    fs::write(&p, changed).unwrap();
    // Past the racy margin, so the cache would be used if its key missed the scorecard.
    r.wait(PAST_THE_MARGIN);
    let warm = rank(&r, true);
    assert_ne!(warm, before, "the edit changes nobody's figures: the test would prove nothing");
    assert_eq!(warm, rank(&r, false));
    // Same size, another unit name in workspace.toml: the names follow.
    let p = r.ws.join("workspace.toml");
    let text = fs::read_to_string(&p).unwrap();
    let renamed = text.replacen("name = \"Văn phòng Sở\"", "name = \"Văn phòng SỞ\"", 1);
    assert_eq!(renamed.len(), text.len());
    fs::write(&p, renamed).unwrap();
    assert_eq!(rank(&r, true), rank(&r, false));
}

#[test]
fn a_changed_confirmation_drops_its_units_entry() {
    let r = round(30);
    let before = rank(&r, true);
    assert_eq!(rank(&r, true), before);
    // The reviewer rejects what they had confirmed: the register's default, and so the units'
    // final figures, follow, though none of their sheets changed (the cache keys the
    // confirmations too).
    for e in fs::read_dir(r.ws.join("reviews")).unwrap() {
        let p = e.unwrap().path();
        let text = fs::read_to_string(&p).unwrap();
        fs::write(&p, text.replace("status = \"confirmed\"", "status = \"rejected\"\nreason = \"Không có văn bản\"")).unwrap();
    }
    // Past the racy margin, so the cache would be used if its key missed the confirmations.
    r.wait(PAST_THE_MARGIN);
    let warm = rank(&r, true);
    assert_ne!(warm, before, "the edit changes nobody's figures: the test would prove nothing");
    assert_eq!(warm, rank(&r, false));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn edits_between_runs_never_leave_stale_figures(picks in proptest::collection::vec(0usize..24, 1..6)) {
        let r = round(24);
        rank(&r, true);
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
            prop_assert_eq!(rank(&r, true), rank(&r, false));
        }
        prop_assert!(edited > 0 || units.is_empty());
    }
}
