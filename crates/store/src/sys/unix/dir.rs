//! File operations relative to an open folder, never through a symbolic link (Unix).
//!
//! Every name is opened with `openat(…, O_NOFOLLOW)` from the folder above it, so a link
//! planted anywhere inside a round is refused instead of followed; anything that is not a
//! regular file (a folder, a FIFO, a device) is refused before it is read; new files are
//! created exclusively (`O_EXCL`) under unpredictable names and get their mode set explicitly
//! (`fchmod`), whatever the umask. A [`Dir`] for the round raises the round's group
//! ([`super::privs`]) around each operation; a [`Dir`] for a path the user named does not.

use std::ffi::{CStr, CString, OsStr};
use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

use rustix::fs::{AtFlags, FileType, Mode, OFlags};
use rustix::io::Errno;

use super::privs;
use crate::dir::{Backend, DIR_MODE, FILE_MODE, Kind, MAX_READ, Meta, Refused, refused};

fn cstr(name: &OsStr) -> io::Result<CString> {
    CString::new(name.as_bytes()).map_err(|_| refused(Refused::BadName))
}

/// A stat as the store keeps it (macOS's fields are narrower than Linux's).
#[allow(clippy::unnecessary_cast)]
fn meta_of(st: &rustix::fs::Stat) -> Meta {
    Meta {
        size: st.st_size as u64,
        mtime_ns: st.st_mtime as i128 * 1_000_000_000 + st.st_mtime_nsec as i128,
        ctime_ns: st.st_ctime as i128 * 1_000_000_000 + st.st_ctime_nsec as i128,
        ino: st.st_ino as u64,
        dev: st.st_dev as u64,
        mode: st.st_mode as u32,
        uid: st.st_uid,
        gid: st.st_gid,
    }
}

pub(super) fn fstat(fd: impl AsFd) -> io::Result<Meta> {
    Ok(meta_of(&rustix::fs::fstat(fd)?))
}

/// An open folder: the round (privileged) or a folder the user named.
#[derive(Debug)]
pub struct Dir {
    fd: OwnedFd,
    /// The folder's path, for messages only (never reopened by path).
    pub path: PathBuf,
    /// Operations raise the round's group.
    privileged: bool,
    /// Modes of the files and folders created here.
    file_mode: u32,
    dir_mode: u32,
}

fn open_flags() -> OFlags {
    OFlags::CLOEXEC | OFlags::NOFOLLOW | OFlags::NOCTTY
}

/// A mode as rustix takes it (permission bits with setuid, setgid and sticky).
fn mode(bits: u32) -> Mode {
    Mode::from_raw_mode(bits as _)
}

impl Dir {
    /// The folder's descriptor (`O_PATH`), for `*at` calls made from it (the modes' walk).
    pub fn fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }

    /// Opens the round's folder (the path the user named is followed, links inside it never).
    /// Files are created [`FILE_MODE`], folders [`DIR_MODE`].
    ///
    /// The round's group is raised for it only when the folder, as opened, belongs to that
    /// group: a folder a user made (say `-w ~/fake`) gets no privilege whatever it holds, so
    /// the installed parindex never writes through it into a round the user cannot reach. The
    /// test is made with `fstat` on the descriptor, which no one can swap afterwards. (The
    /// folder is opened `O_PATH`, which needs no permission on the folder itself.)
    pub fn open_round(path: &Path) -> io::Result<Dir> {
        let mut d = Dir::open_path(path, false)?;
        if let Some(g) = privs::privileged_group() {
            d.privileged = d.meta()?.gid == g;
        }
        Ok(d)
    }

    /// Opens a folder the user named, with the user's own rights; files are created 0644,
    /// folders 0755 (an export is for others to read).
    pub fn open_user(path: &Path) -> io::Result<Dir> {
        Ok(Dir::open_path(path, false)?.with_modes(0o644, 0o755))
    }

    /// Opens a folder of the user's own for private data (recovery journals): 0600 and 0700.
    pub fn open_private(path: &Path) -> io::Result<Dir> {
        Ok(Dir::open_path(path, false)?.with_modes(0o600, 0o700))
    }

    /// A folder the user named that will hold a round (`demo DIR`, `init DIR`): the user's own
    /// rights, the round's modes.
    pub fn open_user_round(path: &Path) -> io::Result<Dir> {
        Dir::open_path(path, false)
    }

    pub fn with_modes(mut self, file_mode: u32, dir_mode: u32) -> Dir {
        self.file_mode = file_mode;
        self.dir_mode = dir_mode;
        self
    }

    fn open_path(path: &Path, privileged: bool) -> io::Result<Dir> {
        let p = if path.as_os_str().is_empty() { Path::new(".") } else { path };
        let c = cstr(p.as_os_str())?;
        let fd = rustix::fs::open(c.as_c_str(), held() | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())?;
        Ok(Dir { fd, path: p.to_path_buf(), privileged, file_mode: FILE_MODE, dir_mode: DIR_MODE })
    }

    /// The round's group, raised while the guard lives, when this folder is a round of that
    /// group (for code that walks the round by path, such as the mode check).
    pub fn guard(&self) -> Option<privs::Raised> {
        self.privileged.then(privs::raise)
    }

    /// The folder's own stat.
    pub fn meta(&self) -> io::Result<Meta> {
        fstat(&self.fd)
    }

    /// Opens a sub-folder by a relative path of plain names; `create` makes missing ones
    /// (mode [`DIR_MODE`]). `Ok(None)` when a folder is missing and not created.
    pub fn sub(&self, rel: &Path, create: bool) -> io::Result<Option<Dir>> {
        let _g = self.guard();
        let mut cur: Option<OwnedFd> = None;
        let mut path = self.path.clone();
        for comp in rel.components() {
            let Component::Normal(name) = comp else { return Err(refused(Refused::BadName)) };
            let parent = cur.as_ref().map_or(self.fd.as_fd(), |f| f.as_fd());
            let c = cstr(name)?;
            path.push(name);
            let fd = match open_dir_at(parent, &c) {
                Ok(fd) => fd,
                Err(e) if is(&e, Errno::NOENT) && create => {
                    // EEXIST means another writer won the race.
                    let made = match rustix::fs::mkdirat(parent, c.as_c_str(), mode(0o700)) {
                        Ok(()) => true,
                        Err(Errno::EXIST) => false,
                        Err(e) => return Err(e.into()),
                    };
                    let fd = open_dir_at(parent, &c)?;
                    if made {
                        // The mode is set explicitly, whatever the umask, on the folder just opened.
                        chmod_held(&fd, mode(self.dir_mode))?;
                    }
                    fd
                }
                Err(e) if is(&e, Errno::NOENT) => return Ok(None),
                Err(e) => return Err(e),
            };
            cur = Some(fd);
        }
        let fd = match cur {
            Some(fd) => fd,
            None => rustix::io::fcntl_dupfd_cloexec(&self.fd, 0)?,
        };
        Ok(Some(Dir { fd, path, privileged: self.privileged, file_mode: self.file_mode, dir_mode: self.dir_mode }))
    }

    /// Reads a regular file at a relative path whole, however large (the audit log, which
    /// only parindex writes and which grows with the round).
    pub fn read_unbounded(&self, rel: &Path) -> io::Result<Option<Vec<u8>>> {
        let Some((d, name)) = self.parent_of(rel, false)? else { return Ok(None) };
        let Some((mut f, m)) = d.open_name(name)? else { return Ok(None) };
        let _g = self.guard();
        let mut buf = Vec::with_capacity(m.size as usize);
        f.read_to_end(&mut buf)?;
        Ok(Some(buf))
    }

    /// Removes a file (not a folder); missing is fine.
    pub fn remove(&self, rel: &Path) -> io::Result<()> {
        let Some((dir, name)) = self.parent_of(rel, false)? else { return Ok(()) };
        let _g = self.guard();
        let c = cstr(name)?;
        match rustix::fs::unlinkat(&dir.fd, c.as_c_str(), AtFlags::empty()) {
            Ok(()) | Err(Errno::NOENT) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// The names in this folder (not `.` and `..`), sorted, with their stat (links not followed).
    pub fn list(&self) -> io::Result<Vec<(std::ffi::OsString, Meta)>> {
        let _g = self.guard();
        let mut d = rustix::fs::Dir::new(self.readable()?)?;
        let mut names = Vec::new();
        // A read error ends the listing (as `readdir` returning NULL did).
        while let Some(Ok(ent)) = d.read() {
            let n = ent.file_name().to_bytes();
            if n != b"." && n != b".." {
                names.push(std::ffi::OsString::from(OsStr::from_bytes(n)));
            }
        }
        let mut out = Vec::with_capacity(names.len());
        for n in names {
            if let Some(m) = self.stat_name(&n)? {
                out.push((n, m));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    }

    pub fn sync(&self) -> io::Result<()> {
        Ok(rustix::fs::fsync(self.readable()?)?)
    }

    /// A readable descriptor of this folder (the folder itself is held `O_PATH`).
    fn readable(&self) -> io::Result<OwnedFd> {
        let _g = self.guard();
        Ok(rustix::fs::openat(&self.fd, c".", OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())?)
    }
}

/// The primitives under the store's one save policy ([`Backend`]): descriptor-relative calls.
impl Backend for Dir {
    type Pending = Pending;

    fn parent_of<'a>(&self, rel: &'a Path, create: bool) -> io::Result<Option<(Dir, &'a OsStr)>> {
        let name = match rel.components().next_back() {
            Some(Component::Normal(n)) => n,
            _ => return Err(refused(Refused::BadName)),
        };
        let parent = rel.parent().unwrap_or(Path::new(""));
        Ok(self.sub(parent, create)?.map(|d| (d, name)))
    }

    /// Stat of a name in this folder, without following a link. `None` when it is missing.
    fn stat_name(&self, name: &OsStr) -> io::Result<Option<Meta>> {
        let _g = self.guard();
        let c = cstr(name)?;
        match rustix::fs::statat(&self.fd, c.as_c_str(), AtFlags::SYMLINK_NOFOLLOW) {
            Ok(st) => Ok(Some(meta_of(&st))),
            Err(Errno::NOENT | Errno::NOTDIR) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Opens a regular file for reading. `Ok(None)` when it does not exist.
    fn open_name(&self, name: &OsStr) -> io::Result<Option<(File, Meta)>> {
        let _g = self.guard();
        let c = cstr(name)?;
        // O_NONBLOCK: a FIFO must not block the open; it is refused just below.
        let flags = OFlags::RDONLY | OFlags::NONBLOCK | open_flags();
        let f = match rustix::fs::openat(&self.fd, c.as_c_str(), flags, Mode::empty()) {
            Ok(fd) => File::from(fd),
            Err(Errno::NOENT) => return Ok(None),
            Err(Errno::LOOP) => return Err(refused(Refused::Symlink)),
            Err(e) => return Err(e.into()),
        };
        let m = fstat(&f)?;
        if !m.is_file() {
            return Err(refused(Refused::NotRegular { what: Kind(m.kind_text()) }));
        }
        Ok(Some((f, m)))
    }

    /// Reads a regular file whole (at most [`MAX_READ`] + 1 bytes, so a caller can tell "too
    /// large"), in one `read` at its known size. `Ok(None)` when it does not exist.
    fn read_name(&self, name: &OsStr) -> io::Result<Option<(Vec<u8>, Meta)>> {
        let Some((mut f, m)) = self.open_name(name)? else { return Ok(None) };
        let _g = self.guard();
        // The store replaces files by rename, never in place: the size fstat gave is the size
        // of what this descriptor holds, so one read of that size is the whole file.
        let want = m.size.min(MAX_READ + 1) as usize;
        let mut buf = vec![0u8; want];
        let mut got = 0;
        while got < want {
            match f.read(&mut buf[got..])? {
                0 => break,
                k => got += k,
            }
        }
        buf.truncate(got);
        Ok(Some((buf, m)))
    }

    /// Opens (creating with mode [`FILE_MODE`] when missing) a regular file for appending or
    /// locking; `append`: writes go to the end.
    fn open_rw(&self, rel: &Path, append: bool) -> io::Result<File> {
        let (dir, name) = crate::dir::folder_for(self, rel)?;
        let _g = self.guard();
        let c = cstr(name)?;
        let base = OFlags::RDWR | open_flags() | if append { OFlags::APPEND } else { OFlags::empty() };
        // First try to create it exclusively (then its mode is ours to set), else open it.
        let mut opened = rustix::fs::openat(&dir.fd, c.as_c_str(), base | OFlags::CREATE | OFlags::EXCL, mode(0o600));
        let created = opened.is_ok();
        if matches!(opened, Err(Errno::EXIST)) {
            // O_NONBLOCK keeps a planted FIFO from blocking the open.
            opened = rustix::fs::openat(&dir.fd, c.as_c_str(), base | OFlags::NONBLOCK, Mode::empty());
        }
        let f = match opened {
            Ok(fd) => File::from(fd),
            Err(Errno::LOOP) => return Err(refused(Refused::Symlink)),
            Err(e) => return Err(e.into()),
        };
        let m = fstat(&f)?;
        if !m.is_file() {
            return Err(refused(Refused::NotRegular { what: Kind(m.kind_text()) }));
        }
        if created {
            rustix::fs::fchmod(&f, mode(dir.file_mode))?;
        } else if let Ok(fl) = rustix::fs::fcntl_getfl(&f) {
            // Clear O_NONBLOCK (no effect on regular files anyway; a failure changes nothing).
            let _ = rustix::fs::fcntl_setfl(&f, fl - OFlags::NONBLOCK);
        }
        Ok(f)
    }

    /// `openat(…, O_CREAT | O_EXCL | O_NOFOLLOW)` mode 0600, then `fchmod` to the folder's file
    /// mode, whatever the umask.
    fn create_temp(self, tmp: &OsStr, name: &OsStr) -> io::Result<(File, Pending)> {
        let (tmp, name) = (cstr(tmp)?, cstr(name)?);
        let _g = self.guard();
        let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | open_flags();
        let f = File::from(rustix::fs::openat(&self.fd, tmp.as_c_str(), flags, mode(0o600))?);
        let file_mode = self.file_mode;
        let pending = Pending { dir: self, tmp, name, done: false };
        rustix::fs::fchmod(&f, mode(file_mode))?;
        Ok((f, pending))
    }

    fn commit(pending: Pending) -> io::Result<()> {
        pending.commit()
    }

    fn random_hex() -> io::Result<String> {
        let mut b = [0u8; 12];
        random_bytes(&mut b)?;
        Ok(b.iter().map(|x| format!("{x:02x}")).collect())
    }
}

/// How a folder is held: `O_PATH` on Linux (no permission needed on the folder itself);
/// elsewhere (macOS, the BSDs) read-only, which needs the folder to be readable.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn held() -> OFlags {
    OFlags::PATH
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn held() -> OFlags {
    OFlags::RDONLY
}

/// Sets the mode of a held folder. Linux: an `O_PATH` descriptor takes no `fchmod`, so through
/// `/proc/self/fd`, which names exactly the folder opened, links or not.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn chmod_held(fd: &OwnedFd, m: Mode) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let p = format!("/proc/self/fd/{}", fd.as_raw_fd());
    Ok(rustix::fs::chmod(p.as_str(), m)?)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn chmod_held(fd: &OwnedFd, m: Mode) -> io::Result<()> {
    Ok(rustix::fs::fchmod(fd, m)?)
}

/// Whether an I/O error is the OS error `errno`.
fn is(e: &io::Error, errno: Errno) -> bool {
    e.raw_os_error() == Some(errno.raw_os_error())
}

fn open_dir_at(parent: BorrowedFd<'_>, name: &CStr) -> io::Result<OwnedFd> {
    match rustix::fs::openat(parent, name, held() | OFlags::DIRECTORY | open_flags(), Mode::empty()) {
        Ok(fd) => Ok(fd),
        Err(Errno::LOOP) => Err(refused(Refused::Symlink)),
        // O_DIRECTORY with O_NOFOLLOW says ENOTDIR for a link: tell which it is.
        Err(Errno::NOTDIR) => {
            let link =
                rustix::fs::statat(parent, name, AtFlags::SYMLINK_NOFOLLOW).is_ok_and(|st| FileType::from_raw_mode(st.st_mode) == FileType::Symlink);
            Err(refused(if link { Refused::Symlink } else { Refused::NotFolder }))
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn random_bytes(b: &mut [u8]) -> io::Result<()> {
    let n = rustix::rand::getrandom(&mut *b, rustix::rand::GetRandomFlags::empty())?;
    if n != b.len() {
        return Err(io::Error::other("getrandom: fewer random bytes than asked for"));
    }
    Ok(())
}

/// Where there is no `getrandom` in rustix (macOS, the BSDs): the kernel's random device.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn random_bytes(b: &mut [u8]) -> io::Result<()> {
    File::open("/dev/urandom")?.read_exact(b)
}

/// A written, fsynced temp file waiting to replace its target.
#[derive(Debug)]
pub struct Pending {
    dir: Dir,
    tmp: CString,
    name: CString,
    done: bool,
}

impl Pending {
    /// Renames the temp file over the target and flushes the folder.
    pub fn commit(mut self) -> io::Result<()> {
        let _g = self.dir.guard();
        let fd = &self.dir.fd;
        // Within one folder; neither name is followed.
        rustix::fs::renameat(fd, self.tmp.as_c_str(), fd, self.name.as_c_str())?;
        self.done = true;
        self.dir.sync()
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.done {
            let _g = self.dir.guard();
            let _ = rustix::fs::unlinkat(&self.dir.fd, self.tmp.as_c_str(), AtFlags::empty());
        }
    }
}

#[cfg(test)]
mod tests {
    //! The contract of the `*at` calls above, whatever crate makes them: links and non-regular
    //! files refused (never followed, never blocking), modes set whatever the umask, temp files
    //! exclusive and cleaned up, descriptors close-on-exec.
    use super::*;
    use crate::dir::{is_temp_name, refusal};
    use rustix::fs::{Mode, OFlags};
    use rustix::io::Errno;
    use std::os::unix::fs::PermissionsExt;

    fn round() -> (tempfile::TempDir, Dir) {
        let d = tempfile::tempdir().unwrap();
        let dir = Dir::open_user_round(d.path()).unwrap();
        (d, dir)
    }

    fn mode_of(p: &Path) -> u32 {
        std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn files_and_folders_get_the_store_modes_whatever_the_umask() {
        let (d, dir) = round();
        // Created 0600 and 0700, then set: without the explicit fchmod and chmod these would stay.
        assert!(dir.write_atomic(Path::new("a/b/f.toml"), b"x").unwrap());
        assert_eq!(mode_of(&d.path().join("a")), DIR_MODE);
        assert_eq!(mode_of(&d.path().join("a/b")), DIR_MODE);
        assert_eq!(mode_of(&d.path().join("a/b/f.toml")), FILE_MODE);
        drop(dir.open_rw(Path::new("a/log"), true).unwrap());
        assert_eq!(mode_of(&d.path().join("a/log")), FILE_MODE);
        let user = Dir::open_user(d.path()).unwrap();
        user.write_atomic(Path::new("export/x.csv"), b"x").unwrap();
        assert_eq!((mode_of(&d.path().join("export")), mode_of(&d.path().join("export/x.csv"))), (0o755, 0o644));
        // An existing file keeps its mode.
        std::fs::set_permissions(d.path().join("a/log"), std::fs::Permissions::from_mode(0o600)).unwrap();
        drop(dir.open_rw(Path::new("a/log"), true).unwrap());
        assert_eq!(mode_of(&d.path().join("a/log")), 0o600);
    }

    #[test]
    fn a_link_anywhere_on_the_way_is_refused_not_followed() {
        let (d, dir) = round();
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
        assert_eq!(refusal(dir.read(Path::new("../x")).map(drop)), Some(Refused::BadName));
        assert_eq!(refusal(dir.read(Path::new("a\0b")).map(drop)), Some(Refused::BadName));
        assert!(dir.stat(Path::new("f.toml")).unwrap().is_some_and(|m| m.is_symlink()));
        // Replacing the link writes a file in its place; the target is untouched.
        dir.write_atomic(Path::new("f.toml"), b"ours").unwrap();
        assert_eq!(std::fs::read_to_string(outside.path().join("f.toml")).unwrap(), "secret");
        assert!(dir.stat(Path::new("f.toml")).unwrap().is_some_and(|m| m.is_file()));
        assert!(!outside.path().join("g.toml").exists());
    }

    #[test]
    fn a_fifo_or_a_folder_in_place_of_a_file_is_refused() {
        let (d, dir) = round();
        let fifo = d.path().join("p.toml");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, Mode::from_raw_mode(0o600)).unwrap();
        // A writer holds the FIFO open, so an open that forgot O_NONBLOCK would not hang this
        // test (the integration tests catch that one: `trust`, `hostile_paths`).
        let _writer = rustix::fs::open(&fifo, OFlags::RDWR | OFlags::CLOEXEC, Mode::empty()).unwrap();
        std::fs::create_dir(d.path().join("f")).unwrap();
        let what = |r: io::Result<()>| match refusal(&r.unwrap_err()) {
            Some(Refused::NotRegular { what }) => what.0,
            other => panic!("{other:?}"),
        };
        assert_eq!(what(dir.read(Path::new("p.toml")).map(drop)), "a named pipe (FIFO)");
        assert_eq!(what(dir.open_rw(Path::new("p.toml"), false).map(drop)), "a named pipe (FIFO)");
        assert_eq!(what(dir.write_atomic(Path::new("p.toml"), b"x").map(drop)), "a named pipe (FIFO)");
        assert_eq!(what(dir.read(Path::new("f")).map(drop)), "a folder");
        assert_eq!(what(dir.write_atomic(Path::new("f"), b"x").map(drop)), "a folder");
    }

    #[test]
    fn missing_is_none_and_removing_it_is_fine() {
        let (_d, dir) = round();
        assert!(dir.read(Path::new("no.toml")).unwrap().is_none());
        assert!(dir.read(Path::new("no/no.toml")).unwrap().is_none());
        assert!(dir.stat(Path::new("no.toml")).unwrap().is_none());
        assert!(dir.sub(Path::new("no"), false).unwrap().is_none());
        dir.remove(Path::new("no.toml")).unwrap();
        dir.remove(Path::new("no/no.toml")).unwrap();
        let e = Dir::open_user_round(&_d.path().join("no")).unwrap_err();
        assert_eq!(e.raw_os_error(), Some(Errno::NOENT.raw_os_error()));
    }

    #[test]
    fn a_pending_write_is_a_private_temp_file_until_committed_or_dropped() {
        let (d, dir) = round();
        let names = |dir: &Dir| dir.list().unwrap().into_iter().map(|(n, _)| n.into_string().unwrap()).collect::<Vec<_>>();
        dir.write_atomic(Path::new("b.toml"), b"old").unwrap();
        let p = dir.prepare(Path::new("b.toml"), b"new").unwrap();
        let listed = names(&dir);
        assert_eq!(listed.len(), 2, "{listed:?}");
        let tmp = listed.iter().find(|n| is_temp_name(n)).unwrap().clone();
        assert!(tmp.starts_with(".b.toml."), "{tmp}");
        assert_eq!(mode_of(&d.path().join(&tmp)), FILE_MODE);
        assert_eq!(std::fs::read(d.path().join("b.toml")).unwrap(), b"old");
        drop(p);
        assert_eq!(names(&dir), ["b.toml"]);
        dir.prepare(Path::new("b.toml"), b"new").unwrap().commit().unwrap();
        assert_eq!(names(&dir), ["b.toml"]);
        assert_eq!(dir.read(Path::new("b.toml")).unwrap().unwrap().0, b"new");
        // Two pending writes of one file never share a temp file.
        let (p1, p2) = (dir.prepare(Path::new("b.toml"), b"1").unwrap(), dir.prepare(Path::new("b.toml"), b"2").unwrap());
        assert_eq!(names(&dir).len(), 3);
        p2.commit().unwrap();
        p1.commit().unwrap();
        assert_eq!(dir.read(Path::new("b.toml")).unwrap().unwrap().0, b"1");
        // The listing is sorted, without `.` and `..`, and says what each name is.
        dir.write_atomic(Path::new("a.toml"), b"x").unwrap();
        dir.sub(Path::new("c"), true).unwrap();
        let listed: Vec<_> = dir.list().unwrap().into_iter().map(|(n, m)| (n.into_string().unwrap(), m.is_dir())).collect();
        assert_eq!(listed, [("a.toml".to_owned(), false), ("b.toml".to_owned(), false), ("c".to_owned(), true)]);
    }

    #[test]
    fn descriptors_are_close_on_exec_and_blocking() {
        let (_d, dir) = round();
        let cloexec = |f: &File| rustix::io::fcntl_getfd(f).unwrap().contains(rustix::io::FdFlags::CLOEXEC);
        let f = dir.open_rw(Path::new("log"), true).unwrap();
        assert!(cloexec(&f));
        drop(f);
        // Opened again (it exists now): O_NONBLOCK, there against a FIFO, is cleared again.
        let f = dir.open_rw(Path::new("log"), true).unwrap();
        let fl = rustix::fs::fcntl_getfl(&f).unwrap();
        assert!(cloexec(&f) && fl.contains(OFlags::APPEND) && !fl.contains(OFlags::NONBLOCK), "{fl:?}");
        let (f, m) = dir.open_name(OsStr::new("log")).unwrap().unwrap();
        assert!(cloexec(&f) && m.is_file());
        assert!(cloexec(&File::from(dir.readable().unwrap())));
    }
}
