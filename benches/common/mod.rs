//! Fixtures shared by the benchmarks: demo workspaces of N units, generated once per benchmark
//! process into one temporary folder (removed when the process ends; see `run`).

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use parindex::core::answers::{Sheet, SheetKind};
use parindex::core::results::RoundResults;
use parindex::core::workspace::Workspace;
use parindex::demo::{self, DemoOptions};

/// The seed every benchmark workspace uses (the figures in BENCHMARKS.md are for it).
pub const SEED: u64 = 1;

/// The folder holding every workspace this process generates.
fn root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("parindex-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the benchmark temp folder");
        dir
    })
}

/// A demo workspace of `units` units (generated on first use; later calls reuse it).
pub fn workspace_dir(units: usize) -> PathBuf {
    static DIRS: OnceLock<Mutex<HashMap<usize, PathBuf>>> = OnceLock::new();
    let mut dirs = DIRS.get_or_init(Default::default).lock().unwrap();
    dirs.entry(units)
        .or_insert_with(|| {
            let dir = root().join(format!("ws-{units}"));
            demo::write(&dir, &DemoOptions { units, seed: SEED }).expect("write the demo workspace");
            dir
        })
        .clone()
}

/// A workspace of `units` units loaded, with its results computed and every sheet kept in
/// memory (what the dashboard holds).
pub struct Loaded {
    pub ws: Workspace,
    pub results: RoundResults,
    /// Per unit: (submission, appraisal).
    pub sheets: Vec<(Option<Sheet>, Option<Sheet>)>,
}

pub fn loaded(units: usize) -> &'static Loaded {
    static LOADED: OnceLock<Mutex<HashMap<usize, &'static Loaded>>> = OnceLock::new();
    let mut map = LOADED.get_or_init(Default::default).lock().unwrap();
    map.entry(units).or_insert_with(|| {
        let dir = workspace_dir(units);
        let ws = Workspace::load(&dir).expect("load the demo workspace");
        let results = RoundResults::from_disk(&ws).expect("score the demo workspace");
        let sheets = ws
            .units
            .iter()
            .map(|u| {
                (ws.load_sheet(&u.id, SheetKind::Submission).expect("submission"), ws.load_sheet(&u.id, SheetKind::Appraisal).expect("appraisal"))
            })
            .collect();
        Box::leak(Box::new(Loaded { ws, results, sheets }))
    })
}

/// Runs divan, then removes the generated workspaces.
pub fn run() {
    divan::main();
    let _ = std::fs::remove_dir_all(root());
}
