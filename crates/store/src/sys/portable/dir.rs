//! File operations under a round's folder by path, never through a link (Windows and other
//! systems without the Unix `*at` calls).
//!
//! Every name on the way is looked at with `symlink_metadata` before it is used: a symbolic
//! link or a junction (both are "links" to std) is refused, a file where a folder should be is
//! refused; a file is then opened without following a final reparse point
//! (`FILE_FLAG_OPEN_REPARSE_POINT`) and what was opened is checked again, so a link planted
//! between the look and the open is refused, not followed. Saves write a temp file created
//! exclusively under an unpredictable name, flush it, and rename it over the target (std's
//! rename replaces the target on Windows). There are no modes or groups to set here: a round
//! on such a system is one user's folder or a git clone, guarded by the server's hook.

use std::ffi::{OsStr, OsString};
use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};
use std::time::SystemTime;

use super::privs;
use crate::dir::{Backend, DIR_MODE, FILE_MODE, Kind, MAX_READ, Meta, Refused, S_IFDIR, S_IFLNK, S_IFREG, refused};

/// Nanoseconds since the Unix epoch (0 when unknown).
pub(super) fn nanos(t: Option<SystemTime>) -> i128 {
    match t.map(|t| t.duration_since(SystemTime::UNIX_EPOCH)) {
        Some(Ok(d)) => d.as_nanos() as i128,
        Some(Err(e)) => -(e.duration().as_nanos() as i128),
        None => 0,
    }
}

/// A stat as the store keeps it: the type in POSIX bits (a link, a folder, a regular file, or
/// "other"), permission bits private to the user (the profile's own rights guard the file),
/// and the file's identity `id` as (`dev`, `ino`): see [`id_of`] and [`path_id`]; without
/// one, (0, the creation time).
fn meta_of(m: &std::fs::Metadata, id: Option<(u64, u64)>) -> Meta {
    let ft = m.file_type();
    let mode = if ft.is_symlink() {
        S_IFLNK | 0o777
    } else if ft.is_dir() {
        S_IFDIR | 0o700
    } else if ft.is_file() {
        S_IFREG | if m.permissions().readonly() { 0o400 } else { 0o600 }
    } else {
        0
    };
    let mtime_ns = nanos(m.modified().ok());
    let (dev, ino) = id.unwrap_or_else(|| created_id(m));
    Meta { size: m.len(), mtime_ns, ctime_ns: mtime_ns, ino, dev, mode, uid: 0, gid: 0 }
}

/// The weak identity of systems with neither inodes nor file indexes: (0, the creation time in
/// nanoseconds). Windows's file tunnelling gives a file re-created under the same name within
/// seconds the old creation time, so Windows uses [`id_of`] instead.
fn created_id(m: &std::fs::Metadata) -> (u64, u64) {
    (0, nanos(m.created().ok()) as u64)
}

/// Which file an open file is, as (`dev`, `ino`): on Windows its volume serial number and file
/// index (`GetFileInformationByHandle`: a file removed and re-created under the same name is
/// another file, as with an inode); elsewhere, or if Windows cannot say, (0, its creation time).
pub(super) fn id_of(f: &File, m: &std::fs::Metadata) -> (u64, u64) {
    #[cfg(windows)]
    if let Some(id) = windows_id(f) {
        return id;
    }
    let _ = f;
    created_id(m)
}

/// A handle's volume serial number and 64-bit file index.
#[cfg(windows)]
fn windows_id(f: &File) -> Option<(u64, u64)> {
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::Storage::FileSystem::{BY_HANDLE_FILE_INFORMATION, GetFileInformationByHandle};
    // SAFETY: an all-zero BY_HANDLE_FILE_INFORMATION (integers and FILETIMEs) is a valid value;
    // the handle is `f`'s, open for the whole call, and `info` a valid place to write.
    let mut info: BY_HANDLE_FILE_INFORMATION = unsafe { std::mem::zeroed() };
    if unsafe { GetFileInformationByHandle(f.as_raw_handle(), &mut info) } == 0 {
        return None;
    }
    let index = (u64::from(info.nFileIndexHigh) << 32) | u64::from(info.nFileIndexLow);
    Some((u64::from(info.dwVolumeSerialNumber), index))
}

/// The identity ([`id_of`]) of what is at a path, the final link or junction itself unless
/// `follow`: Windows opens it for no access (attributes only, every sharing allowed, so no
/// holder's lock or sharing mode is in the way); `None` elsewhere or when it cannot be opened.
fn path_id(p: &Path, follow: bool) -> Option<(u64, u64)> {
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        /// `FILE_FLAG_BACKUP_SEMANTICS` (a folder can be opened) and `FILE_FLAG_OPEN_REPARSE_POINT`.
        const BACKUP_SEMANTICS: u32 = 0x0200_0000;
        const OPEN_REPARSE_POINT: u32 = 0x0020_0000;
        /// `FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE`.
        const SHARE_ALL: u32 = 0x7;
        let flags = if follow { BACKUP_SEMANTICS } else { BACKUP_SEMANTICS | OPEN_REPARSE_POINT };
        let f = OpenOptions::new().access_mode(0).share_mode(SHARE_ALL).custom_flags(flags).open(p).ok()?;
        windows_id(&f)
    }
    #[cfg(not(windows))]
    {
        let _ = (p, follow);
        None
    }
}

/// A plain name: one normal component, no NUL, and (Windows) no stream or drive separator.
fn check_name(name: &OsStr) -> io::Result<()> {
    let s = name.to_string_lossy();
    if s.is_empty() || s.contains('\0') || s.contains(':') || s.contains('/') || s.contains('\\') {
        return Err(refused(Refused::BadName));
    }
    Ok(())
}

fn stat_path(p: &Path) -> io::Result<Option<Meta>> {
    match std::fs::symlink_metadata(p) {
        Ok(m) => Ok(Some(meta_of(&m, path_id(p, false)))),
        Err(e) if matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Options that open the name itself, never what a final link or junction points to.
pub(super) fn no_follow(o: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        /// `FILE_FLAG_OPEN_REPARSE_POINT`.
        const OPEN_REPARSE_POINT: u32 = 0x0020_0000;
        o.custom_flags(OPEN_REPARSE_POINT);
    }
    o
}

/// A regular file just opened, or the refusal of what it is.
fn opened_regular(f: &File) -> io::Result<Meta> {
    let fm = f.metadata()?;
    let m = meta_of(&fm, Some(id_of(f, &fm)));
    if m.is_symlink() {
        return Err(refused(Refused::Symlink));
    }
    if !m.is_file() {
        return Err(refused(Refused::NotRegular { what: Kind(m.kind_text()) }));
    }
    Ok(m)
}

/// An open folder: the round or a folder the user named (held by its path).
#[derive(Debug)]
pub struct Dir {
    /// The folder's path (every operation goes through it).
    pub path: PathBuf,
    /// Kept for the same API as on Unix; no modes are set here.
    file_mode: u32,
    dir_mode: u32,
}

impl Dir {
    /// Opens the round's folder (the path the user named is followed, links inside it never).
    pub fn open_round(path: &Path) -> io::Result<Dir> {
        Dir::open_path(path)
    }

    /// Opens a folder the user named, with the user's own rights.
    pub fn open_user(path: &Path) -> io::Result<Dir> {
        Ok(Dir::open_path(path)?.with_modes(0o644, 0o755))
    }

    /// Opens a folder of the user's own for private data (recovery journals).
    pub fn open_private(path: &Path) -> io::Result<Dir> {
        Ok(Dir::open_path(path)?.with_modes(0o600, 0o700))
    }

    /// A folder the user named that will hold a round (`demo DIR`, `init DIR`).
    pub fn open_user_round(path: &Path) -> io::Result<Dir> {
        Dir::open_path(path)
    }

    pub fn with_modes(mut self, file_mode: u32, dir_mode: u32) -> Dir {
        self.file_mode = file_mode;
        self.dir_mode = dir_mode;
        self
    }

    fn open_path(path: &Path) -> io::Result<Dir> {
        let p = if path.as_os_str().is_empty() { Path::new(".") } else { path };
        let m = std::fs::metadata(p)?;
        if !m.is_dir() {
            return Err(io::Error::from(io::ErrorKind::NotADirectory));
        }
        Ok(Dir { path: p.to_path_buf(), file_mode: FILE_MODE, dir_mode: DIR_MODE })
    }

    /// No group to raise here.
    pub fn guard(&self) -> Option<privs::Raised> {
        None
    }

    /// The folder's own stat.
    pub fn meta(&self) -> io::Result<Meta> {
        Ok(meta_of(&std::fs::metadata(&self.path)?, path_id(&self.path, true)))
    }

    /// Opens a sub-folder by a relative path of plain names; `create` makes missing ones.
    /// `Ok(None)` when a folder is missing and not created.
    pub fn sub(&self, rel: &Path, create: bool) -> io::Result<Option<Dir>> {
        let mut path = self.path.clone();
        for comp in rel.components() {
            let Component::Normal(name) = comp else { return Err(refused(Refused::BadName)) };
            check_name(name)?;
            path.push(name);
            match stat_path(&path)? {
                Some(m) if m.is_symlink() => return Err(refused(Refused::Symlink)),
                Some(m) if !m.is_dir() => return Err(refused(Refused::NotFolder)),
                Some(_) => {}
                None if create => match std::fs::create_dir(&path) {
                    // AlreadyExists: another writer won the race; it is looked at again.
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match stat_path(&path)? {
                        Some(m) if m.is_dir() => {}
                        Some(m) if m.is_symlink() => return Err(refused(Refused::Symlink)),
                        _ => return Err(refused(Refused::NotFolder)),
                    },
                    Err(e) => return Err(e),
                },
                None => return Ok(None),
            }
        }
        Ok(Some(Dir { path, file_mode: self.file_mode, dir_mode: self.dir_mode }))
    }

    /// Reads a regular file at a relative path whole, however large (the audit log).
    pub fn read_unbounded(&self, rel: &Path) -> io::Result<Option<Vec<u8>>> {
        let Some((d, name)) = self.parent_of(rel, false)? else { return Ok(None) };
        let Some((mut f, m)) = d.open_name(name)? else { return Ok(None) };
        let mut buf = Vec::with_capacity(m.size as usize);
        f.read_to_end(&mut buf)?;
        Ok(Some(buf))
    }

    /// Removes a file (not a folder); missing is fine.
    pub fn remove(&self, rel: &Path) -> io::Result<()> {
        let Some((dir, name)) = self.parent_of(rel, false)? else { return Ok(()) };
        match std::fs::remove_file(dir.path.join(name)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// The names in this folder, sorted, with their stat (links not followed).
    pub fn list(&self) -> io::Result<Vec<(OsString, Meta)>> {
        let mut out = Vec::new();
        for ent in std::fs::read_dir(&self.path)? {
            let Ok(ent) = ent else { break };
            if let Some(m) = stat_path(&ent.path())? {
                out.push((ent.file_name(), m));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    }

    /// Folders cannot be flushed through std here; a rename is durable with its file's flush.
    pub fn sync(&self) -> io::Result<()> {
        Ok(())
    }
}

/// The primitives under the store's one save policy ([`Backend`]): std's calls by path.
impl Backend for Dir {
    type Pending = Pending;

    fn parent_of<'a>(&self, rel: &'a Path, create: bool) -> io::Result<Option<(Dir, &'a OsStr)>> {
        let name = match rel.components().next_back() {
            Some(Component::Normal(n)) => n,
            _ => return Err(refused(Refused::BadName)),
        };
        check_name(name)?;
        let parent = rel.parent().unwrap_or(Path::new(""));
        Ok(self.sub(parent, create)?.map(|d| (d, name)))
    }

    /// Stat of a name in this folder, without following a link. `None` when it is missing.
    fn stat_name(&self, name: &OsStr) -> io::Result<Option<Meta>> {
        check_name(name)?;
        stat_path(&self.path.join(name))
    }

    /// Opens a regular file for reading. `Ok(None)` when it does not exist.
    fn open_name(&self, name: &OsStr) -> io::Result<Option<(File, Meta)>> {
        let Some(m) = self.stat_name(name)? else { return Ok(None) };
        if m.is_symlink() {
            return Err(refused(Refused::Symlink));
        }
        if !m.is_file() {
            return Err(refused(Refused::NotRegular { what: Kind(m.kind_text()) }));
        }
        let f = match no_follow(OpenOptions::new().read(true)).open(self.path.join(name)) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let m = opened_regular(&f)?;
        Ok(Some((f, m)))
    }

    /// Reads a regular file whole (at most [`MAX_READ`] + 1 bytes, so a caller can tell "too
    /// large"). `Ok(None)` when it does not exist.
    fn read_name(&self, name: &OsStr) -> io::Result<Option<(Vec<u8>, Meta)>> {
        let Some((f, m)) = self.open_name(name)? else { return Ok(None) };
        let mut buf = Vec::with_capacity(m.size.min(MAX_READ + 1) as usize);
        f.take(MAX_READ + 1).read_to_end(&mut buf)?;
        Ok(Some((buf, m)))
    }

    /// Opens (creating when missing) a regular file for appending or locking; `append`: writes
    /// go to the end.
    fn open_rw(&self, rel: &Path, append: bool) -> io::Result<File> {
        let (dir, name) = crate::dir::folder_for(self, rel)?;
        let p = dir.path.join(name);
        let mut o = OpenOptions::new();
        o.read(true);
        if append {
            o.append(true);
        } else {
            o.write(true);
        }
        let f = match no_follow(o.clone().create_new(true)).open(&p) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                match dir.stat_name(name)? {
                    Some(m) if m.is_symlink() => return Err(refused(Refused::Symlink)),
                    Some(m) if !m.is_file() => return Err(refused(Refused::NotRegular { what: Kind(m.kind_text()) })),
                    _ => {}
                }
                no_follow(&mut o).open(&p)?
            }
            Err(e) => return Err(e),
        };
        opened_regular(&f)?;
        Ok(f)
    }

    /// `create_new`, never through a final link or junction; no mode to set here.
    fn create_temp(self, tmp: &OsStr, name: &OsStr) -> io::Result<(File, Pending)> {
        let tmp = self.path.join(tmp);
        let f = no_follow(OpenOptions::new().write(true).create_new(true)).open(&tmp)?;
        Ok((f, Pending { tmp, target: self.path.join(name), done: false }))
    }

    fn commit(pending: Pending) -> io::Result<()> {
        pending.commit()
    }

    fn random_hex() -> io::Result<String> {
        Ok(random_hex())
    }
}

/// 24 hex digits no other process can predict: std's randomly keyed hasher over the time, the
/// process and a counter (the temp file is created exclusively anyway).
fn random_hex() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let n = COUNT.fetch_add(1, Ordering::Relaxed);
    let word = |salt: u64| {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(salt);
        h.write_u64(n);
        h.write_u32(std::process::id());
        h.write_i128(nanos(Some(SystemTime::now())));
        h.finish()
    };
    let (a, b) = (word(1), word(2));
    format!("{a:016x}{:08x}", b as u32)
}

/// A written, flushed temp file waiting to replace its target.
#[derive(Debug)]
pub struct Pending {
    tmp: PathBuf,
    target: PathBuf,
    done: bool,
}

impl Pending {
    /// Renames the temp file over the target (replacing it, a link included: the link goes, its
    /// target is untouched).
    pub fn commit(mut self) -> io::Result<()> {
        std::fs::rename(&self.tmp, &self.target)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dir::{is_temp_name, refusal};

    /// Windows: a file is known by its volume serial number and file index, not its creation
    /// time (which file tunnelling hands on to a file re-created under the same name): two
    /// files with the same creation time are two files; a path's stat and its open handle agree.
    #[cfg(windows)]
    #[test]
    fn a_file_is_known_by_its_file_index_not_its_creation_time() {
        use std::os::windows::fs::FileTimesExt;
        let d = tempfile::tempdir().unwrap();
        let dir = Dir::open_user_round(d.path()).unwrap();
        dir.write_atomic(Path::new("a.lock"), b"x").unwrap();
        dir.write_atomic(Path::new("b.lock"), b"x").unwrap();
        let created = std::fs::metadata(d.path().join("a.lock")).unwrap().created().unwrap();
        let b = OpenOptions::new().write(true).open(d.path().join("b.lock")).unwrap();
        b.set_times(std::fs::FileTimes::new().set_created(created)).unwrap();
        drop(b);
        let (a, b) = (dir.stat(Path::new("a.lock")).unwrap().unwrap(), dir.stat(Path::new("b.lock")).unwrap().unwrap());
        // Wine keeps no creation time it is given (Unix files have none to set): there the two
        // times differ, and the identity is shown not to be the creation time by its value.
        assert_ne!((a.dev, a.ino), (b.dev, b.ino));
        assert_ne!(a.dev, 0, "no volume serial number");
        assert_ne!(a.ino, nanos(Some(created)) as u64, "the creation time, not the file index");
        let f = File::open(d.path().join("a.lock")).unwrap();
        assert_eq!(id_of(&f, &f.metadata().unwrap()), (a.dev, a.ino));
        assert_eq!(super::super::file_id(&f).unwrap(), (a.dev, a.ino));
    }

    #[test]
    fn saves_reads_lists_and_refuses_bad_names() {
        let d = tempfile::tempdir().unwrap();
        let dir = Dir::open_user_round(d.path()).unwrap();
        assert!(dir.write_atomic(Path::new("a/b/f.toml"), b"x").unwrap());
        assert!(!dir.write_atomic(Path::new("a/b/f.toml"), b"x").unwrap());
        assert_eq!(dir.read(Path::new("a/b/f.toml")).unwrap().unwrap().0, b"x");
        assert!(dir.read(Path::new("no/f.toml")).unwrap().is_none());
        let p = dir.prepare(Path::new("a/b/f.toml"), b"y").unwrap();
        let sub = dir.sub(Path::new("a/b"), false).unwrap().unwrap();
        assert!(sub.list().unwrap().iter().any(|(n, _)| is_temp_name(&n.to_string_lossy())));
        p.commit().unwrap();
        assert_eq!(sub.list().unwrap().len(), 1);
        assert_eq!(refusal(&dir.read(Path::new("../x")).unwrap_err()), Some(Refused::BadName));
        assert_eq!(refusal(&dir.read(Path::new("a")).unwrap_err()), Some(Refused::NotRegular { what: Kind("a folder") }));
        dir.remove(Path::new("a/b/f.toml")).unwrap();
        dir.remove(Path::new("a/b/f.toml")).unwrap();
        assert!(dir.stat(Path::new("a/b/f.toml")).unwrap().is_none());
        let (f, m) = dir.open_rw(Path::new("a/log"), true).map(|f| (f, dir.stat(Path::new("a/log")))).unwrap();
        drop(f);
        assert!(m.unwrap().unwrap().is_file());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_anywhere_on_the_way_is_refused_not_followed() {
        let d = tempfile::tempdir().unwrap();
        let dir = Dir::open_user_round(d.path()).unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("f.toml"), "secret").unwrap();
        std::os::unix::fs::symlink(outside.path().join("f.toml"), d.path().join("f.toml")).unwrap();
        std::os::unix::fs::symlink(outside.path(), d.path().join("sub")).unwrap();
        std::fs::write(d.path().join("plain"), "x").unwrap();
        let refusal = |r: io::Result<()>| refusal(&r.unwrap_err());
        assert_eq!(refusal(dir.read(Path::new("f.toml")).map(drop)), Some(Refused::Symlink));
        assert_eq!(refusal(dir.open_rw(Path::new("f.toml"), true).map(drop)), Some(Refused::Symlink));
        assert_eq!(refusal(dir.read(Path::new("sub/f.toml")).map(drop)), Some(Refused::Symlink));
        assert_eq!(refusal(dir.write_atomic(Path::new("sub/g.toml"), b"x").map(drop)), Some(Refused::Symlink));
        assert_eq!(refusal(dir.sub(Path::new("sub"), true).map(drop)), Some(Refused::Symlink));
        assert_eq!(refusal(dir.sub(Path::new("plain"), false).map(drop)), Some(Refused::NotFolder));
        assert_eq!(refusal(dir.read(Path::new("a:b")).map(drop)), Some(Refused::BadName));
        assert!(dir.stat(Path::new("f.toml")).unwrap().is_some_and(|m| m.is_symlink()));
        // Replacing the link writes a file in its place; the target is untouched.
        dir.write_atomic(Path::new("f.toml"), b"ours").unwrap();
        assert_eq!(std::fs::read_to_string(outside.path().join("f.toml")).unwrap(), "secret");
        assert!(dir.stat(Path::new("f.toml")).unwrap().is_some_and(|m| m.is_file()));
        assert!(!outside.path().join("g.toml").exists());
    }
}
