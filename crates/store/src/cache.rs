//! A stat-keyed cache of each unit's results, as git's index caches what it derived from each
//! file: an unchanged file is neither opened nor parsed on the next run.
//!
//! - An entry is used only when every key matches: the submission's and the appraisal's size,
//!   mtime and ctime (nanoseconds), inode and device (and the same of the reviewer's
//!   confirmations, which the news register's default depends on), as `fstat` gave them on the descriptor
//!   the content was read from; and, for the whole cache, the same of `workspace.toml` and the
//!   scorecard, the cache's schema and the program's version.
//! - The "racy" case (a file changed again within its timestamp granularity, with the same
//!   size) is handled as git handles it: a file whose mtime or ctime is not safely older than
//!   the moment it was read is not cached, so it is read again next time.
//! - "Now" comes from the [`Clock`] the cache is handed: the system clock in production; tests
//!   hand a later moment instead of sleeping past the racy margin.
//! - The cache lives in the user's own state folder (never in the shared round), 0600 in a
//!   0700 folder; one that is corrupt, from another version, or not private to its reader is
//!   ignored and rebuilt. It holds only what the user could compute from the round anyway.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::dir::{Dir, Meta};
use crate::workspace::{WORKSPACE_FILE, Workspace};
use parindex_core::figures::UnitResult;

/// Bumped whenever what is cached changes shape or meaning (5: spec §5.1 as changed by issue
/// 21 gives other figures for the same files; 6: a result counts its survey inputs apart).
const SCHEMA: u32 = 6;

/// How much older than the read a file's timestamps must be for its entry to be kept: covers
/// filesystems whose timestamps are coarse (ext3: 1 s; FAT: 2 s).
const RACY_NS: i128 = 3_000_000_000;

/// The keys of one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stat {
    pub size: u64,
    pub mtime_ns: i128,
    pub ctime_ns: i128,
    pub ino: u64,
    pub dev: u64,
}

impl From<&Meta> for Stat {
    fn from(m: &Meta) -> Stat {
        Stat { size: m.size, mtime_ns: m.mtime_ns, ctime_ns: m.ctime_ns, ino: m.ino, dev: m.dev }
    }
}

impl Stat {
    /// Whether the file may still change within its timestamp's granularity after `read_at`.
    fn racy(&self, read_at: i128) -> bool {
        self.mtime_ns.max(self.ctime_ns) + RACY_NS > read_at
    }
}

/// One unit's entry: the stats of its files (`None`: the file did not exist) and its result.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    pub sub: Option<Stat>,
    pub appr: Option<Stat>,
    /// The reviewer's confirmations (`reviews/<unit>.toml`).
    pub review: Option<Stat>,
    pub result: UnitResult,
}

#[derive(Serialize, Deserialize)]
struct File {
    schema: u32,
    version: String,
    /// `workspace.toml` and the scorecard: any change to either invalidates everything.
    round: (Stat, Stat),
    entries: HashMap<String, Entry>,
}

/// The cache of one round, for this user.
pub struct Cache {
    path: Option<PathBuf>,
    round: Option<(Stat, Stat)>,
    entries: HashMap<String, Entry>,
    /// Entries replaced or added by this run: the file is written again only then.
    changed: bool,
    /// When this run began (nanoseconds since the epoch): entries newer than that are racy.
    started: i128,
}

/// What time a run reads the round at, which decides which files are racy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Clock {
    /// The system clock (production).
    #[default]
    System,
    /// A fixed moment, in nanoseconds since the epoch (tests: "this run happens later").
    At(i128),
}

impl Clock {
    /// Nanoseconds since the epoch.
    pub fn now_ns(self) -> i128 {
        match self {
            Clock::System => std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i128),
            Clock::At(ns) => ns,
        }
    }
}

fn round_stats(ws: &Workspace) -> Option<(Stat, Stat)> {
    let w = ws.store.stat(Path::new(WORKSPACE_FILE)).ok()??;
    let s = ws.store.stat(Path::new(&ws.scorecard_file)).ok()??;
    Some((Stat::from(&w), Stat::from(&s)))
}

impl Cache {
    /// The cache of this round in the user's state folder, on the system clock, or an empty
    /// one (nothing usable, or `PARINDEX_NO_CACHE` set).
    pub fn load(ws: &Workspace) -> Cache {
        let path = if std::env::var_os("PARINDEX_NO_CACHE").is_some() { None } else { crate::recover::state_file(&ws.dir, "cache", "results.json") };
        Cache::open(ws, path, Clock::System)
    }

    /// The cache of this round kept in the file `path` (`None`: no cache), read at the moment
    /// `clock` gives.
    pub fn open(ws: &Workspace, path: Option<PathBuf>, clock: Clock) -> Cache {
        let started = clock.now_ns();
        let round = round_stats(ws).filter(|(w, s)| !w.racy(started) && !s.racy(started));
        let mut c = Cache { path, round, entries: HashMap::new(), changed: false, started };
        if let (Some(p), Some(r)) = (&c.path, &c.round)
            && let Some(f) = read_private(p)
            && f.schema == SCHEMA
            && f.version == env!("CARGO_PKG_VERSION")
            && f.round == *r
        {
            c.entries = f.entries;
        }
        c
    }

    /// Whether there is nothing to look up (no usable cache): callers then skip the stats.
    pub fn is_empty(&self) -> bool {
        self.round.is_none() || self.entries.is_empty()
    }

    /// The cached result of a unit whose files (submission, appraisal, confirmations) have
    /// exactly these stats.
    pub fn get(&self, unit: &str, files: [Option<&Meta>; 3]) -> Option<&UnitResult> {
        self.round?;
        let e = self.entries.get(unit)?;
        let [sub, appr, review] = files.map(|m| m.map(Stat::from));
        (e.sub == sub && e.appr == appr && e.review == review).then_some(&e.result)
    }

    /// Records a result computed from files read with these stats (`fstat` of the descriptors
    /// read). A racy file is not recorded.
    pub fn put(&mut self, unit: &str, files: [Option<&Meta>; 3], result: &UnitResult) {
        let [sub, appr, review] = files.map(|m| m.map(Stat::from));
        // An unreadable unit is never a result to keep: its files are read again next time.
        if self.round.is_none() || result.is_unreadable() || [sub, appr, review].iter().flatten().any(|s| s.racy(self.started)) {
            self.entries.remove(unit);
            return;
        }
        self.entries.insert(unit.to_owned(), Entry { sub, appr, review, result: result.clone() });
        self.changed = true;
    }

    /// Drops a unit's entry (a sheet of it failed to load this run).
    pub fn forget(&mut self, unit: &str) {
        if self.entries.remove(unit).is_some() {
            self.changed = true;
        }
    }

    /// Drops entries of units no longer in the round and writes the cache if it changed.
    pub fn save(mut self, ws: &Workspace) -> io::Result<()> {
        let (Some(path), Some(round)) = (self.path.take(), self.round) else { return Ok(()) };
        let before = self.entries.len();
        if before != ws.units.len() {
            let ids: std::collections::HashSet<&str> = ws.units.iter().map(|u| u.id.as_str()).collect();
            self.entries.retain(|k, _| ids.contains(k.as_str()));
        }
        if !self.changed && self.entries.len() == before {
            return Ok(());
        }
        let f = File { schema: SCHEMA, version: env!("CARGO_PKG_VERSION").into(), round, entries: self.entries };
        let data = serde_json::to_vec(&f).map_err(io::Error::other)?;
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else { return Ok(()) };
        crate::sys::create_private_dir_all(parent)?;
        Dir::open_private(parent)?.write_atomic(Path::new(name), &data).map(|_| ())
    }
}

/// Reads the cache file if it is a regular file owned by this user, private to them, in a
/// folder private to them; anything else is ignored.
fn read_private(path: &Path) -> Option<File> {
    let d = Dir::open_private(path.parent()?).ok()?;
    let me = crate::sys::uid();
    let private = |m: &Meta| m.uid == me && m.mode & 0o077 == 0;
    if !private(&d.meta().ok()?) {
        return None;
    }
    let (mut f, meta) = d.open_name(path.file_name()?).ok()??;
    if !private(&meta) {
        return None;
    }
    // Read whole: a national round's cache is larger than the cap on the round's own files.
    let mut bytes = Vec::with_capacity(meta.size as usize);
    std::io::Read::read_to_end(&mut f, &mut bytes).ok()?;
    serde_json::from_slice(&bytes).ok()
}
