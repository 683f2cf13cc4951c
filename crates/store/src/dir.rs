//! File operations relative to an open folder, never through a symbolic link.
//!
//! Every name is opened with `openat(…, O_NOFOLLOW)` from the folder above it, so a link
//! planted anywhere inside a round is refused instead of followed; anything that is not a
//! regular file (a folder, a FIFO, a device) is refused before it is read; new files are
//! created exclusively (`O_EXCL`) under unpredictable names and get their mode set explicitly
//! (`fchmod`), whatever the umask. A [`Dir`] for the round raises the round's group
//! ([`super::privs`]) around each operation; a [`Dir`] for a path the user named does not.

use std::ffi::{CStr, CString, OsStr};
use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, IntoRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

use super::privs;

/// Mode of every file the store creates: the owner and the round's group (through parindex).
pub const FILE_MODE: u32 = 0o660;
/// Mode of every folder the store creates (setgid: new files stay in the round's group).
pub const DIR_MODE: u32 = 0o2770;
/// Largest file read (as in `toml_in::MAX_FILE_BYTES`).
pub const MAX_READ: u64 = parindex_core::toml_in::MAX_FILE_BYTES;

pub use parindex_core::say::store::{Kind, Refused};

fn refused(r: Refused) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, RefusedError(r))
}

/// A refusal inside an `io::Error` (the interface words it from [`refusal`]).
#[derive(Debug)]
struct RefusedError(Refused);

impl std::fmt::Display for RefusedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "refused: {:?}", self.0)
    }
}

impl std::error::Error for RefusedError {}

/// An I/O error with the file it happened to, so that the interface can name the file and
/// say what to do (`Text::write_failed`); it keeps the error's kind.
#[derive(Debug)]
pub struct AtPath {
    pub path: PathBuf,
    pub source: io::Error,
}

impl std::fmt::Display for AtPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.source)
    }
}

impl std::error::Error for AtPath {}

/// `e`, naming `path` (an error that already names one is kept as it is).
pub fn at(path: PathBuf, e: io::Error) -> io::Error {
    if e.get_ref().is_some_and(|x| x.is::<AtPath>()) {
        return e;
    }
    io::Error::new(e.kind(), AtPath { path, source: e })
}

/// The file an error names, and the error itself, when it was made by [`at`].
pub fn at_path(e: &io::Error) -> Option<&AtPath> {
    e.get_ref().and_then(|x| x.downcast_ref::<AtPath>())
}

/// An OS error's reason as the store's typed message: its kind, the OS's own text (without
/// " (os error N)"), and the refusal when the store refused the path.
pub fn io_reason(e: &io::Error) -> parindex_core::say::store::IoReason {
    if let Some(at) = at_path(e) {
        return io_reason(&at.source);
    }
    let os = e.to_string();
    parindex_core::say::store::IoReason {
        kind: e.kind(),
        os: os.split(" (os error").next().unwrap_or_default().to_owned(),
        path: None,
        refused: refusal(e),
    }
}

/// [`io_reason`] with the file it happened to, when the error names one.
pub fn io_reason_with_path(e: &io::Error) -> parindex_core::say::store::IoReason {
    let path = at_path(e).map(|at| at.path.display().to_string());
    parindex_core::say::store::IoReason { path, ..io_reason(e) }
}

/// The refusal inside an error made by this module, if any.
pub fn refusal(e: &io::Error) -> Option<Refused> {
    e.get_ref().and_then(|x| x.downcast_ref::<RefusedError>()).map(|r| r.0)
}

fn cstr(name: &OsStr) -> io::Result<CString> {
    CString::new(name.as_bytes()).map_err(|_| refused(Refused::BadName))
}

fn cvt(r: libc::c_int) -> io::Result<libc::c_int> {
    if r < 0 { Err(io::Error::last_os_error()) } else { Ok(r) }
}

/// What a stat says of a file, for callers that compare versions (the cache, the watcher).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Meta {
    pub size: u64,
    pub mtime_ns: i128,
    pub ctime_ns: i128,
    pub ino: u64,
    pub dev: u64,
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
}

impl Meta {
    fn of(st: &libc::stat) -> Meta {
        Meta {
            size: st.st_size as u64,
            mtime_ns: st.st_mtime as i128 * 1_000_000_000 + st.st_mtime_nsec as i128,
            ctime_ns: st.st_ctime as i128 * 1_000_000_000 + st.st_ctime_nsec as i128,
            ino: st.st_ino,
            dev: st.st_dev,
            mode: st.st_mode,
            uid: st.st_uid,
            gid: st.st_gid,
        }
    }

    pub fn is_file(&self) -> bool {
        self.mode & libc::S_IFMT == libc::S_IFREG
    }

    pub fn is_dir(&self) -> bool {
        self.mode & libc::S_IFMT == libc::S_IFDIR
    }

    pub fn is_symlink(&self) -> bool {
        self.mode & libc::S_IFMT == libc::S_IFLNK
    }

    /// "a folder", "a named pipe (FIFO)", …: what a non-regular file is, in words.
    pub fn kind_text(&self) -> &'static str {
        match self.mode & libc::S_IFMT {
            libc::S_IFDIR => "a folder",
            libc::S_IFIFO => "a named pipe (FIFO)",
            libc::S_IFCHR | libc::S_IFBLK => "a device",
            libc::S_IFSOCK => "a socket",
            libc::S_IFLNK => "a symbolic link",
            _ => "a regular file",
        }
    }
}

fn fstat(fd: RawFd) -> io::Result<Meta> {
    // SAFETY: fstat writes into st on success.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        cvt(libc::fstat(fd, &mut st))?;
        Ok(Meta::of(&st))
    }
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

fn open_flags() -> libc::c_int {
    libc::O_CLOEXEC | libc::O_NOFOLLOW | libc::O_NOCTTY
}

impl Dir {
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
        // SAFETY: open returns a new fd we own.
        let fd = unsafe { cvt(libc::open(c.as_ptr(), libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC))? };
        // SAFETY: fd is valid and ours.
        Ok(Dir { fd: unsafe { OwnedFd::from_raw_fd(fd) }, path: p.to_path_buf(), privileged, file_mode: FILE_MODE, dir_mode: DIR_MODE })
    }

    /// The round's group, raised while the guard lives, when this folder is a round of that
    /// group (for code that walks the round by path, such as the mode check).
    pub fn guard(&self) -> Option<privs::Raised> {
        self.privileged.then(privs::raise)
    }

    /// The folder's own stat.
    pub fn meta(&self) -> io::Result<Meta> {
        fstat(self.fd.as_raw_fd())
    }

    /// Opens a sub-folder by a relative path of plain names; `create` makes missing ones
    /// (mode [`DIR_MODE`]). `Ok(None)` when a folder is missing and not created.
    pub fn sub(&self, rel: &Path, create: bool) -> io::Result<Option<Dir>> {
        let _g = self.guard();
        let mut cur: Option<OwnedFd> = None;
        let mut path = self.path.clone();
        for comp in rel.components() {
            let Component::Normal(name) = comp else { return Err(refused(Refused::BadName)) };
            let parent = cur.as_ref().map_or(self.fd.as_raw_fd(), |f| f.as_raw_fd());
            let c = cstr(name)?;
            path.push(name);
            let fd = match open_dir_at(parent, &c) {
                Ok(fd) => fd,
                Err(e) if e.raw_os_error() == Some(libc::ENOENT) && create => {
                    // SAFETY: mkdirat on a valid fd; EEXIST means another writer won the race.
                    let r = unsafe { libc::mkdirat(parent, c.as_ptr(), 0o700) };
                    if r < 0 && io::Error::last_os_error().raw_os_error() != Some(libc::EEXIST) {
                        return Err(io::Error::last_os_error());
                    }
                    let fd = open_dir_at(parent, &c)?;
                    if r == 0 {
                        // The mode is set explicitly, whatever the umask (through the folder just
                        // opened: `/proc/self/fd` names exactly it, links or not).
                        let p = CString::new(format!("/proc/self/fd/{}", fd.as_raw_fd())).map_err(io::Error::other)?;
                        // SAFETY: chmod of our own new folder by its descriptor's name.
                        cvt(unsafe { libc::chmod(p.as_ptr(), self.dir_mode as libc::mode_t) })?;
                    }
                    fd
                }
                Err(e) if e.raw_os_error() == Some(libc::ENOENT) => return Ok(None),
                Err(e) => return Err(e),
            };
            cur = Some(fd);
        }
        let fd = match cur {
            Some(fd) => fd,
            // SAFETY: dup of a valid fd.
            None => unsafe { OwnedFd::from_raw_fd(cvt(libc::fcntl(self.fd.as_raw_fd(), libc::F_DUPFD_CLOEXEC, 0))?) },
        };
        Ok(Some(Dir { fd, path, privileged: self.privileged, file_mode: self.file_mode, dir_mode: self.dir_mode }))
    }

    /// The folder holding `rel` and the file's plain name.
    fn parent_of<'a>(&self, rel: &'a Path, create: bool) -> io::Result<Option<(Dir, &'a OsStr)>> {
        let name = match rel.components().next_back() {
            Some(Component::Normal(n)) => n,
            _ => return Err(refused(Refused::BadName)),
        };
        let parent = rel.parent().unwrap_or(Path::new(""));
        Ok(self.sub(parent, create)?.map(|d| (d, name)))
    }

    /// Stat of a name in this folder, without following a link. `None` when it is missing.
    pub fn stat_name(&self, name: &OsStr) -> io::Result<Option<Meta>> {
        let _g = self.guard();
        let c = cstr(name)?;
        // SAFETY: fstatat writes into st on success.
        unsafe {
            let mut st: libc::stat = std::mem::zeroed();
            if libc::fstatat(self.fd.as_raw_fd(), c.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW) < 0 {
                let e = io::Error::last_os_error();
                return if matches!(e.raw_os_error(), Some(libc::ENOENT) | Some(libc::ENOTDIR)) { Ok(None) } else { Err(e) };
            }
            Ok(Some(Meta::of(&st)))
        }
    }

    /// Stat of a relative path (links refused on the way, the last one reported as one).
    pub fn stat(&self, rel: &Path) -> io::Result<Option<Meta>> {
        match self.parent_of(rel, false)? {
            Some((d, name)) => d.stat_name(name),
            None => Ok(None),
        }
    }

    /// Opens a regular file for reading. `Ok(None)` when it does not exist.
    pub fn open_name(&self, name: &OsStr) -> io::Result<Option<(File, Meta)>> {
        let _g = self.guard();
        let c = cstr(name)?;
        // O_NONBLOCK: a FIFO must not block the open; it is refused just below.
        let flags = libc::O_RDONLY | libc::O_NONBLOCK | open_flags();
        // SAFETY: openat returns a new fd we own.
        let fd = unsafe { libc::openat(self.fd.as_raw_fd(), c.as_ptr(), flags) };
        if fd < 0 {
            let e = io::Error::last_os_error();
            return match e.raw_os_error() {
                Some(libc::ENOENT) => Ok(None),
                Some(libc::ELOOP) => Err(refused(Refused::Symlink)),
                _ => Err(e),
            };
        }
        // SAFETY: fd is valid and ours.
        let f = unsafe { File::from_raw_fd(fd) };
        let m = fstat(fd)?;
        if !m.is_file() {
            return Err(refused(Refused::NotRegular { what: Kind(m.kind_text()) }));
        }
        Ok(Some((f, m)))
    }

    /// Reads a regular file whole (at most [`MAX_READ`] + 1 bytes, so a caller can tell "too
    /// large"), in one `read` at its known size. `Ok(None)` when it does not exist.
    pub fn read_name(&self, name: &OsStr) -> io::Result<Option<(Vec<u8>, Meta)>> {
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

    /// Reads a regular file at a relative path.
    pub fn read(&self, rel: &Path) -> io::Result<Option<(Vec<u8>, Meta)>> {
        match self.parent_of(rel, false)? {
            Some((d, name)) => d.read_name(name),
            None => Ok(None),
        }
    }

    /// Writes a temp file beside `rel` (created exclusively, unpredictable name, mode
    /// [`FILE_MODE`], fsynced) that [`Pending::commit`] renames over `rel`. Dropping the
    /// pending write removes the temp file.
    pub fn prepare(&self, rel: &Path, data: &[u8]) -> io::Result<Pending> {
        let (dir, name) = self.parent_of(rel, true)?.ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
        let _g = self.guard();
        if let Some(m) = dir.stat_name(name)?
            && !m.is_file()
            && !m.is_symlink()
        {
            return Err(refused(Refused::NotRegular { what: Kind(m.kind_text()) }));
        }
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".{}{TEMP_SUFFIX}", random_hex()?));
        let c = cstr(&tmp_name)?;
        let flags = libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL | open_flags();
        // SAFETY: openat returns a new fd we own.
        let fd = unsafe { cvt(libc::openat(dir.fd.as_raw_fd(), c.as_ptr(), flags, 0o600 as libc::c_uint))? };
        // SAFETY: fd is valid and ours.
        let mut f = unsafe { File::from_raw_fd(fd) };
        let mode = dir.file_mode;
        let pending = Pending { dir, tmp: c, name: cstr(name)?, done: false };
        // SAFETY: fchmod on our own new file.
        cvt(unsafe { libc::fchmod(fd, mode as libc::mode_t) })?;
        f.write_all(data)?;
        f.sync_all()?;
        Ok(pending)
    }

    /// Replaces `rel` with `data` atomically (temp file, fsync, rename, fsync the folder).
    /// Returns `false`, writing nothing, when the file already holds exactly `data`.
    pub fn write_atomic(&self, rel: &Path, data: &[u8]) -> io::Result<bool> {
        if let Ok(Some((old, _))) = self.read(rel)
            && old == data
        {
            return Ok(false);
        }
        self.prepare(rel, data)?.commit()?;
        Ok(true)
    }

    /// Writes a file in place without the temp-file-and-fsync dance: only for bulk-generated
    /// data that can be generated again (the demo's thousands of files), never a person's work.
    pub fn write_fast(&self, rel: &Path, data: &[u8]) -> io::Result<()> {
        let mut f = self.open_rw(rel, false)?;
        f.set_len(0)?;
        f.write_all(data)
    }

    /// Opens (creating with mode [`FILE_MODE`] when missing) a regular file for appending or
    /// locking; `append`: writes go to the end.
    pub fn open_rw(&self, rel: &Path, append: bool) -> io::Result<File> {
        let (dir, name) = self.parent_of(rel, true)?.ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))?;
        let _g = self.guard();
        let c = cstr(name)?;
        let base = libc::O_RDWR | open_flags() | if append { libc::O_APPEND } else { 0 };
        // First try to create it exclusively (then its mode is ours to set), else open it.
        // SAFETY: openat returns a new fd we own.
        let mut fd = unsafe { libc::openat(dir.fd.as_raw_fd(), c.as_ptr(), base | libc::O_CREAT | libc::O_EXCL, 0o600 as libc::c_uint) };
        let created = fd >= 0;
        if fd < 0 && io::Error::last_os_error().raw_os_error() == Some(libc::EEXIST) {
            // SAFETY: as above; O_NONBLOCK keeps a planted FIFO from blocking the open.
            fd = unsafe { libc::openat(dir.fd.as_raw_fd(), c.as_ptr(), base | libc::O_NONBLOCK) };
        }
        if fd < 0 {
            let e = io::Error::last_os_error();
            return Err(if e.raw_os_error() == Some(libc::ELOOP) { refused(Refused::Symlink) } else { e });
        }
        // SAFETY: fd is valid and ours.
        let f = unsafe { File::from_raw_fd(fd) };
        let m = fstat(fd)?;
        if !m.is_file() {
            return Err(refused(Refused::NotRegular { what: Kind(m.kind_text()) }));
        }
        if created {
            // SAFETY: fchmod on our own new file.
            cvt(unsafe { libc::fchmod(fd, dir.file_mode as libc::mode_t) })?;
        } else {
            // SAFETY: clear O_NONBLOCK on a regular file (no effect on regular files anyway).
            unsafe {
                let fl = libc::fcntl(fd, libc::F_GETFL);
                libc::fcntl(fd, libc::F_SETFL, fl & !libc::O_NONBLOCK);
            }
        }
        Ok(f)
    }

    /// Removes a file (not a folder); missing is fine.
    pub fn remove(&self, rel: &Path) -> io::Result<()> {
        let Some((dir, name)) = self.parent_of(rel, false)? else { return Ok(()) };
        let _g = self.guard();
        let c = cstr(name)?;
        // SAFETY: unlinkat on a valid fd.
        if unsafe { libc::unlinkat(dir.fd.as_raw_fd(), c.as_ptr(), 0) } < 0 {
            let e = io::Error::last_os_error();
            if e.raw_os_error() != Some(libc::ENOENT) {
                return Err(e);
            }
        }
        Ok(())
    }

    /// The names in this folder (not `.` and `..`), sorted, with their stat (links not followed).
    pub fn list(&self) -> io::Result<Vec<(std::ffi::OsString, Meta)>> {
        let _g = self.guard();
        // SAFETY: a readable descriptor of this folder handed to fdopendir, which then owns it;
        // closedir frees both.
        let names = unsafe {
            let fd = self.readable()?.into_raw_fd();
            let d = libc::fdopendir(fd);
            if d.is_null() {
                let e = io::Error::last_os_error();
                libc::close(fd);
                return Err(e);
            }
            libc::rewinddir(d);
            let mut names = Vec::new();
            loop {
                let ent = libc::readdir(d);
                if ent.is_null() {
                    break;
                }
                let n = CStr::from_ptr((*ent).d_name.as_ptr()).to_bytes();
                if n != b"." && n != b".." {
                    names.push(std::ffi::OsString::from(OsStr::from_bytes(n)));
                }
            }
            libc::closedir(d);
            names
        };
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
        let fd = self.readable()?;
        // SAFETY: fsync on a valid fd.
        cvt(unsafe { libc::fsync(fd.as_raw_fd()) }).map(|_| ())
    }

    /// A readable descriptor of this folder (the folder itself is held `O_PATH`).
    fn readable(&self) -> io::Result<OwnedFd> {
        let _g = self.guard();
        // SAFETY: openat of "." relative to our own folder.
        let fd = unsafe { cvt(libc::openat(self.fd.as_raw_fd(), c".".as_ptr(), libc::O_RDONLY | libc::O_DIRECTORY | libc::O_CLOEXEC))? };
        // SAFETY: fd is valid and ours.
        Ok(unsafe { OwnedFd::from_raw_fd(fd) })
    }
}

fn open_dir_at(parent: RawFd, name: &CStr) -> io::Result<OwnedFd> {
    // SAFETY: openat returns a new fd we own.
    let fd = unsafe { libc::openat(parent, name.as_ptr(), libc::O_PATH | libc::O_DIRECTORY | open_flags()) };
    if fd < 0 {
        let e = io::Error::last_os_error();
        return Err(match e.raw_os_error() {
            Some(libc::ELOOP) => refused(Refused::Symlink),
            // O_DIRECTORY with O_NOFOLLOW says ENOTDIR for a link: tell which it is.
            Some(libc::ENOTDIR) => {
                // SAFETY: fstatat writes into st on success.
                let link = unsafe {
                    let mut st: libc::stat = std::mem::zeroed();
                    libc::fstatat(parent, name.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW) == 0 && st.st_mode & libc::S_IFMT == libc::S_IFLNK
                };
                refused(if link { Refused::Symlink } else { Refused::NotFolder })
            }
            _ => e,
        });
    }
    // SAFETY: fd is valid and ours.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// The ending of the store's temp files (`.NAME.<random>.tmp`), for `check` and `.gitignore`.
pub const TEMP_SUFFIX: &str = ".tmp";

/// Whether a name is one of the store's temp files.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(TEMP_SUFFIX)
}

fn random_hex() -> io::Result<String> {
    let mut b = [0u8; 12];
    // SAFETY: getrandom fills the buffer.
    let n = unsafe { libc::getrandom(b.as_mut_ptr().cast(), b.len(), 0) };
    if n != b.len() as isize {
        return Err(io::Error::last_os_error());
    }
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
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
        let fd = self.dir.fd.as_raw_fd();
        // SAFETY: renameat within one folder; neither name is followed.
        cvt(unsafe { libc::renameat(fd, self.tmp.as_ptr(), fd, self.name.as_ptr()) })?;
        self.done = true;
        self.dir.sync()
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.done {
            let _g = self.dir.guard();
            // SAFETY: unlinkat of our own temp name.
            unsafe {
                libc::unlinkat(self.dir.fd.as_raw_fd(), self.tmp.as_ptr(), 0);
            }
        }
    }
}
