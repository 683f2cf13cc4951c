//! One editor per file: an advisory lock (std `File::try_lock`) on `.locks/<unit>.<kind>.lock`,
//! holding who edits and since when. The OS drops the lock when the holder dies, so a lock file
//! left by a crashed process is stale by definition and is taken over.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::dir::{self, Dir};
use parindex_core::answers::SheetKind;
use parindex_core::date::now_unix;

/// The lock folder inside a workspace.
pub const LOCKS: &str = ".locks";

/// Who holds (or held) a lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub user: String,
    pub pid: u32,
    /// Unix time the edit began.
    pub since: i64,
}

impl Holder {
    fn parse(text: &str) -> Option<Holder> {
        let mut user = None;
        let mut pid = None;
        let mut since = None;
        for line in text.lines() {
            match line.split_once('=') {
                // Shown to other users: no control character from a (hostile) lock file.
                Some(("user", v)) => user = Some(parindex_core::clean::line(v.trim()).into_owned()),
                Some(("pid", v)) => pid = v.trim().parse().ok(),
                Some(("since", v)) => since = v.trim().parse().ok(),
                _ => {}
            }
        }
        Some(Holder { user: user?, pid: pid?, since: since? })
    }

    /// "HH:MM dd/mm/yyyy" in Vietnam time (UTC+7).
    pub fn since_text(&self) -> String {
        // The one form of a time for people: `13/12/2020 09:47` (issue 22).
        parindex_core::date::day_first(self.since, crate::round::UTC_OFFSET_MIN)
    }
}

/// A held edit lock; released when dropped (or when the process dies).
#[derive(Debug)]
pub struct EditLock {
    file: File,
    pub path: PathBuf,
    /// The lock file, relative to the round's folder.
    pub rel: PathBuf,
    /// The previous holder whose lock was stale and was taken over.
    pub took_over: Option<Holder>,
}

impl Drop for EditLock {
    fn drop(&mut self) {
        // Clear the holder so the file no longer names us; the lock itself goes with the fd.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

impl EditLock {
    /// Whether this lock is still the real one: the file at `.locks/<unit>.<kind>.lock` in the
    /// round's open folder is the very file this lock's descriptor holds (same device and
    /// inode: not removed and re-created by someone else), and it still names this process.
    /// A lock that fails either test locks nothing any other process would honour.
    pub fn is_real_in(&self, store: &Dir, unit: &str, kind: SheetKind) -> bool {
        lock_rel(unit, kind) == self.rel && self.is_real(store)
    }

    /// [`EditLock::is_real_in`] for the file this lock was taken on (a part's lock too).
    pub fn is_real(&self, store: &Dir) -> bool {
        let Ok(Some(at_path)) = store.stat(&self.rel) else { return false };
        let Ok((dev, ino)) = crate::sys::file_id(&self.file) else { return false };
        if !at_path.is_file() || at_path.ino != ino || at_path.dev != dev {
            return false;
        }
        let mut buf = [0u8; 4096];
        let n = crate::sys::read_at(&self.file, &mut buf, 0).unwrap_or(0);
        let text = String::from_utf8_lossy(&buf[..n]);
        Holder::parse(&text).is_some_and(|h| h.pid == std::process::id())
    }
}

/// The outcome of trying to lock a unit's file for editing.
#[derive(Debug)]
pub enum LockOutcome {
    Acquired(EditLock),
    /// Someone else is editing: open read-only and say who.
    HeldBy(Holder),
}

pub fn lock_path(dir: &Path, unit: &str, kind: SheetKind) -> PathBuf {
    dir.join(lock_rel(unit, kind))
}

/// A unit's edit lock file, relative to the round's folder.
pub fn lock_rel(unit: &str, kind: SheetKind) -> PathBuf {
    let k = match kind {
        SheetKind::Submission => "submission",
        SheetKind::Appraisal => "appraisal",
    };
    Path::new(LOCKS).join(format!("{unit}.{k}.lock"))
}

/// [`try_lock_in`] for the round at `dir`, opened afresh: for tests and tools only. A command
/// that has loaded the round passes the folder it opened (`ws.store`), so that a folder
/// swapped at that path since can never split the command between two rounds.
pub fn try_lock(dir: &Path, unit: &str, kind: SheetKind, user: &str) -> io::Result<LockOutcome> {
    try_lock_in(&Dir::open_round(dir)?, unit, kind, user)
}

/// Tries to become the one editor of a unit's submission or appraisal, in the round's open
/// folder.
pub fn try_lock_in(store: &Dir, unit: &str, kind: SheetKind, user: &str) -> io::Result<LockOutcome> {
    try_lock_at(store, &lock_rel(unit, kind), user, Some((unit, kind)))
}

/// A unit's appraisal lock for one appraiser's part (issue 21):
/// `.locks/<unit>.appraisal.<appraiser>.lock`. Appraisers hold their part's lock while they
/// edit, and the unit's appraisal lock only for the moment of a save.
pub fn part_lock_rel(unit: &str, appraiser: &str) -> PathBuf {
    Path::new(LOCKS).join(format!("{unit}.appraisal.{appraiser}.lock"))
}

/// Tries to become the one editor of an appraiser's part of a unit's appraisal. Temp files
/// of the appraisal are left alone: the unit's appraisal lock, not this one, guards them.
pub fn try_lock_part_in(store: &Dir, unit: &str, appraiser: &str, user: &str) -> io::Result<LockOutcome> {
    try_lock_at(store, &part_lock_rel(unit, appraiser), user, None)
}

/// Tries the lock at `rel`; `temps`: the sheet whose stale temp files the new holder removes.
fn try_lock_at(store: &Dir, rel: &Path, user: &str, temps: Option<(&str, SheetKind)>) -> io::Result<LockOutcome> {
    let rel = rel.to_path_buf();
    let path = store.path.join(&rel);
    let mut file = store.open_rw(&rel, false)?;
    match file.try_lock() {
        Ok(()) => {
            let mut old = String::new();
            let _ = (&file).take(4096).read_to_string(&mut old);
            let took_over = Holder::parse(&old);
            write_holder(&mut file, user)?;
            file.sync_all()?;
            if let Some((unit, kind)) = temps {
                remove_stale_temps(store, unit, kind);
            }
            Ok(LockOutcome::Acquired(EditLock { file, path, rel, took_over }))
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            let text = crate::sys::read_holder(&file)?;
            let holder = Holder::parse(&text).unwrap_or(Holder { user: "?".into(), pid: 0, since: 0 });
            Ok(LockOutcome::HeldBy(holder))
        }
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Writes this process as the holder of a lock it has just taken.
fn write_holder(file: &mut File, user: &str) -> io::Result<()> {
    let me = Holder { user: user.to_owned(), pid: std::process::id(), since: now_unix() };
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    write!(file, "user={}\npid={}\nsince={}\n", me.user, me.pid, me.since)
}

/// How long a command waits for one of the store's short-lived locks (a unit's audit log, its
/// confirmations) before it gives up and names the holder: a holder that is stopped or hung
/// must never make others wait forever.
pub const WAIT: Duration = Duration::from_secs(5);

/// How often a waiting command tries the lock again.
const POLL: Duration = Duration::from_millis(25);

/// A short-lived lock, with its holder written in the lock file; released (and the holder
/// cleared) when dropped, or when the process dies.
#[derive(Debug)]
pub struct Held {
    file: File,
}

impl Drop for Held {
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

/// A lock that another process held for the whole of [`WAIT`] (inside an `io::Error` of kind
/// `WouldBlock`; the interface words it from [`busy`]).
#[derive(Debug)]
pub struct LockBusy {
    pub lock: BusyLock,
    pub holder: Option<Holder>,
    pub waited: Duration,
}

impl std::fmt::Display for LockBusy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.holder {
            Some(h) => write!(f, "busy: {:?} lock held by {} (pid {}) since {}", self.lock, h.user, h.pid, h.since),
            None => write!(f, "busy: {:?} lock held by another process", self.lock),
        }
    }
}

impl std::error::Error for LockBusy {}

pub use parindex_core::say::store::BusyLock;

/// The busy lock inside an error made by [`hold`] (also inside a [`dir::at`] error), as the
/// store's typed message.
pub fn busy(e: &io::Error) -> Option<parindex_core::say::store::Busy> {
    let inner = e.get_ref()?;
    if let Some(at) = inner.downcast_ref::<dir::AtPath>() {
        return busy(&at.source);
    }
    let b = inner.downcast_ref::<LockBusy>()?;
    let (user, pid, since) = match &b.holder {
        Some(h) => (h.user.clone(), h.pid, h.since_text()),
        None => ("?".to_owned(), 0, String::new()),
    };
    Some(parindex_core::say::store::Busy { lock: b.lock, user, pid, since, waited: b.waited.as_secs() })
}

/// Takes the lock on `rel` (a file in the round's open folder, created if missing), waiting at
/// most [`WAIT`]; then writes this process as its holder. When another process holds it all
/// that time, fails with [`LockBusy`] naming that holder.
pub fn hold(store: &Dir, rel: &Path, user: &str, what: BusyLock) -> io::Result<Held> {
    hold_for(store, rel, user, what, WAIT)
}

/// [`hold`] with a given bound.
pub fn hold_for(store: &Dir, rel: &Path, user: &str, what: BusyLock, wait: Duration) -> io::Result<Held> {
    let mut file = store.open_rw(rel, false)?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(std::fs::TryLockError::WouldBlock) => {
                let waited = start.elapsed();
                if waited >= wait {
                    let text = crate::sys::read_holder(&file).unwrap_or_default();
                    let busy = LockBusy { lock: what, holder: Holder::parse(&text), waited: wait };
                    return Err(io::Error::new(io::ErrorKind::WouldBlock, busy));
                }
                std::thread::sleep(POLL.min(wait - waited));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e),
        }
    }
    write_holder(&mut file, user)?;
    Ok(Held { file })
}

/// Temp files of this sheet left by an interrupted save: only the lock holder writes the
/// sheet, so any temp file of it is stale once the lock is ours.
fn remove_stale_temps(store: &Dir, unit: &str, kind: SheetKind) {
    let rel = crate::workspace::sheet_rel(unit, kind);
    let (Some(folder), Some(name)) = (rel.parent(), rel.file_name().and_then(|n| n.to_str())) else { return };
    let Ok(Some(d)) = store.sub(folder, false) else { return };
    let prefix = format!(".{name}.");
    for (n, m) in d.list().unwrap_or_default() {
        if let Some(n) = n.to_str()
            && n.starts_with(&prefix)
            && dir::is_temp_name(n)
            && m.is_file()
        {
            let _ = d.remove(Path::new(n));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_is_real_until_its_file_is_replaced_or_rewritten() {
        let d = tempfile::tempdir().unwrap();
        let store = Dir::open_round(d.path()).unwrap();
        let LockOutcome::Acquired(l) = try_lock_in(&store, "vp", SheetKind::Submission, "lan").unwrap() else { panic!("lock") };
        assert!(l.is_real_in(&store, "vp", SheetKind::Submission));
        // Another unit's lock file is not this one.
        assert!(!l.is_real_in(&store, "ql", SheetKind::Submission));
        let path = lock_path(d.path(), "vp", SheetKind::Submission);
        let words = std::fs::read(&path).unwrap();
        // Whether another editor is refused the unit: the lock is honoured.
        let honoured = || matches!(try_lock(d.path(), "vp", SheetKind::Submission, "hung").unwrap(), LockOutcome::HeldBy(_));
        // Replaced by another file with the same words and times: another file (another inode,
        // or another volume serial number and file index).
        let other = d.path().join("other");
        std::fs::write(&other, &words).unwrap();
        match std::fs::rename(&other, &path) {
            Ok(()) => assert!(!l.is_real_in(&store, "vp", SheetKind::Submission)),
            // Windows without POSIX renames (wine) replaces no file that is open: still ours.
            Err(e) if cfg!(windows) && e.kind() == io::ErrorKind::PermissionDenied => {
                assert!(l.is_real_in(&store, "vp", SheetKind::Submission) && honoured());
                std::fs::remove_file(&other).unwrap();
            }
            Err(e) => panic!("{e}"),
        }
        // Removed: nothing is locked.
        std::fs::remove_file(&path).unwrap();
        if cfg!(windows) && std::fs::symlink_metadata(&path).is_ok() {
            // A removal that waits for the file's last handle (wine; Windows on NTFS deletes
            // the name at once and takes the other branch): the name still leads to this very
            // file, locked, and re-creating it opens that file again.
            assert!(l.is_real_in(&store, "vp", SheetKind::Submission) && honoured());
            std::fs::write(&path, &words).unwrap();
            assert!(l.is_real_in(&store, "vp", SheetKind::Submission) && honoured());
        } else {
            assert!(!l.is_real_in(&store, "vp", SheetKind::Submission));
            // Re-created with the same words: another file.
            std::fs::write(&path, &words).unwrap();
            assert!(!l.is_real_in(&store, "vp", SheetKind::Submission));
        }
        // The same file rewritten in place to name another process.
        let LockOutcome::Acquired(l) = try_lock_in(&store, "ql", SheetKind::Appraisal, "tuoc").unwrap() else { panic!("lock") };
        assert!(l.is_real_in(&store, "ql", SheetKind::Appraisal));
        std::fs::write(lock_path(d.path(), "ql", SheetKind::Appraisal), "user=tuoc\npid=1\nsince=0\n").unwrap();
        assert!(!l.is_real_in(&store, "ql", SheetKind::Appraisal));
    }

    #[test]
    fn a_second_editor_is_told_who_holds_the_file() {
        let d = tempfile::tempdir().unwrap();
        let LockOutcome::Acquired(first) = try_lock(d.path(), "vp", SheetKind::Submission, "lan").unwrap() else { panic!("first lock") };
        assert_eq!(first.took_over, None);
        match try_lock(d.path(), "vp", SheetKind::Submission, "hung").unwrap() {
            LockOutcome::HeldBy(h) => {
                assert_eq!(h.user, "lan");
                assert_eq!(h.pid, std::process::id());
            }
            LockOutcome::Acquired(_) => panic!("two editors"),
        }
        // Another unit, or the appraisal of the same unit, is a different file.
        assert!(matches!(try_lock(d.path(), "vp", SheetKind::Appraisal, "tuoc").unwrap(), LockOutcome::Acquired(_)));
        drop(first);
        assert!(matches!(try_lock(d.path(), "vp", SheetKind::Submission, "hung").unwrap(), LockOutcome::Acquired(_)));
    }

    #[test]
    fn a_holder_name_from_the_file_carries_no_control_character() {
        let d = tempfile::tempdir().unwrap();
        let LockOutcome::Acquired(_first) = try_lock(d.path(), "vp", SheetKind::Submission, "lan").unwrap() else { panic!("first lock") };
        // A hostile holder rewrites its lock file: escape sequences, a bell, a line break.
        std::fs::write(lock_path(d.path(), "vp", SheetKind::Submission), "user=\u{1b}[2J\u{7}x\ry\u{9b}1m\npid=1\nsince=0\n").unwrap();
        let LockOutcome::HeldBy(h) = try_lock(d.path(), "vp", SheetKind::Submission, "hung").unwrap() else { panic!("two editors") };
        assert!(!h.user.chars().any(char::is_control), "{:?}", h.user);
        assert_eq!(h.user, "\u{fffd}[2J\u{fffd}x y\u{fffd}1m");
    }

    #[test]
    fn a_short_lived_lock_held_elsewhere_fails_naming_its_holder_then_is_free_again() {
        let d = tempfile::tempdir().unwrap();
        let store = Dir::open_round(d.path()).unwrap();
        let rel = Path::new(LOCKS).join("vp.audit.lock");
        let first = hold(&store, &rel, "lan", BusyLock::AuditLog).unwrap();
        // A second open file description conflicts like another process would.
        let e = hold_for(&store, &rel, "hung", BusyLock::AuditLog, Duration::ZERO).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::WouldBlock);
        let b = busy(&dir::at(d.path().join(&rel), e)).expect("a busy lock");
        assert_eq!((b.lock, b.user.as_str(), b.pid), (BusyLock::AuditLog, "lan", std::process::id()));
        assert!(!b.since.is_empty());
        drop(first);
        assert!(hold_for(&store, &rel, "hung", BusyLock::AuditLog, Duration::ZERO).is_ok());
    }

    #[test]
    fn a_stale_lock_file_is_taken_over() {
        let d = tempfile::tempdir().unwrap();
        let p = lock_path(d.path(), "vp", SheetKind::Submission);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        // What a process killed while editing leaves behind: the holder's name, no lock.
        std::fs::write(&p, "user=lan\npid=999999\nsince=1608000000\n").unwrap();
        let LockOutcome::Acquired(l) = try_lock(d.path(), "vp", SheetKind::Submission, "hung").unwrap() else { panic!("stale lock not taken over") };
        assert_eq!(l.took_over.as_ref().map(|h| h.user.as_str()), Some("lan"));
        assert!(std::fs::read_to_string(&p).unwrap().starts_with("user=hung\n"));
    }
}
