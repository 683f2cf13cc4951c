//! Any bytes as a unit's audit log, in a demo round: verifying the chain and reading the log
//! must never panic; appending to whatever is there must chain the new entries to it (the
//! entries just appended are numbered on from the last readable one and verify as a chain).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use parindex::core::audit::{self, Entry};
use parindex::core::workspace::Workspace;

fuzz_target!(|data: &[u8]| {
    let (_, dir) = common::round(3);
    let log = dir.join("audit/vp.jsonl");
    std::fs::write(&log, data).unwrap();
    let ws = Workspace::load(dir).unwrap();
    let diags = audit::check_round(&ws);
    let _ = diags.render();
    let (before, _) = audit::read(dir, "vp").unwrap();
    let last = before.iter().rev().find_map(|e| e.seq).unwrap_or(0);
    let mut batch = [Entry::new("fuzz", "edit"), Entry::new("fuzz", "edit")];
    audit::append_in(&ws.store, "vp", &mut batch, None, false).unwrap();
    let (after, _) = audit::read(dir, "vp").unwrap();
    let tail: Vec<u64> = after.iter().rev().take(2).filter_map(|e| e.seq).collect();
    // Appended entries are numbered on from the last entry that carries a number.
    assert!(tail.len() == 2 && tail[1] + 1 == tail[0], "{tail:?}");
    assert!(tail[1] >= last + 1 || last == 0, "{tail:?} after {last}");
});
