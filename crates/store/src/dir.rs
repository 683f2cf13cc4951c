//! File operations of the store, never through a symbolic link, and what they share on every
//! system: the refusals, the errors that name a file, a stat ([`Meta`]), the temp-file names.
//!
//! The system calls themselves ([`Dir`], [`Pending`]) are the system's (`crate::sys`): on Unix,
//! descriptor-relative calls from the folder above each name (`openat(…, O_NOFOLLOW)`), modes
//! set explicitly, the round's group raised around each operation; elsewhere, std's calls on
//! paths under the round's folder, each name checked with `symlink_metadata` first. What both
//! do the same way is written once here, over those calls ([`Backend`]): the save policy (temp
//! name, what may be replaced, exclusive create, fsync, rename, cleanup) and the reads by path.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Mode of every file the store creates: the owner and the round's group (through parindex).
pub const FILE_MODE: u32 = 0o660;
/// Mode of every folder the store creates (setgid: new files stay in the round's group).
pub const DIR_MODE: u32 = 0o2770;
/// Largest file read (as in `toml_in::MAX_FILE_BYTES`).
pub const MAX_READ: u64 = parindex_core::toml_in::MAX_FILE_BYTES;

pub use parindex_core::say::store::{Kind, Refused};

pub fn refused(r: Refused) -> io::Error {
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
        busy: crate::lock::busy(e).map(Box::new),
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
    /// The file-type bits of `mode` (`S_IFMT`; the same values on Linux and macOS, and what
    /// the portable backend fills in).
    fn file_type(&self) -> u32 {
        self.mode & S_IFMT
    }

    pub fn is_file(&self) -> bool {
        self.file_type() == S_IFREG
    }

    pub fn is_dir(&self) -> bool {
        self.file_type() == S_IFDIR
    }

    pub fn is_symlink(&self) -> bool {
        self.file_type() == S_IFLNK
    }

    /// "a folder", "a named pipe (FIFO)", …: what a non-regular file is, in words.
    pub fn kind_text(&self) -> &'static str {
        match self.file_type() {
            S_IFDIR => "a folder",
            S_IFIFO => "a named pipe (FIFO)",
            S_IFCHR | S_IFBLK => "a device",
            S_IFSOCK => "a socket",
            S_IFLNK => "a symbolic link",
            _ => "a regular file",
        }
    }
}

/// The file-type bits of a stat's mode, as POSIX numbers them.
pub const S_IFMT: u32 = 0o170000;
pub const S_IFIFO: u32 = 0o010000;
pub const S_IFCHR: u32 = 0o020000;
pub const S_IFDIR: u32 = 0o040000;
pub const S_IFBLK: u32 = 0o060000;
pub const S_IFREG: u32 = 0o100000;
pub const S_IFLNK: u32 = 0o120000;
pub const S_IFSOCK: u32 = 0o140000;

/// The ending of the store's temp files (`.NAME.<random>.tmp`), for `check` and `.gitignore`.
pub const TEMP_SUFFIX: &str = ".tmp";

/// Whether a name is one of the store's temp files.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(TEMP_SUFFIX)
}

pub use crate::sys::dir::{Dir, Pending};

/// A temp file's name beside `name`: `.NAME.<random>.tmp` (hidden, and known to `check` and
/// `.gitignore` by [`TEMP_SUFFIX`]).
fn temp_name(name: &OsStr, random: &str) -> OsString {
    let mut tmp = OsString::from(".");
    tmp.push(name);
    tmp.push(format!(".{random}{TEMP_SUFFIX}"));
    tmp
}

/// What a system's [`Dir`] does for the store's one save policy, whose steps are written once
/// in this trait's provided methods: on Unix descriptor-relative calls (`openat(…,
/// O_NOFOLLOW)`, `fchmod`, `renameat`, the round's group raised), elsewhere std's calls by path,
/// never through a final link or junction.
pub(crate) trait Backend: Sized {
    /// A written temp file waiting to replace its target; dropped, it removes the temp file.
    type Pending;

    /// The folder holding `rel` (missing folders made when `create`; `Ok(None)` when one is
    /// missing and not made) and the file's plain name; links on the way refused.
    fn parent_of<'a>(&self, rel: &'a Path, create: bool) -> io::Result<Option<(Self, &'a OsStr)>>;

    /// Stat of a name in this folder, without following a link; `None` when it is missing.
    fn stat_name(&self, name: &OsStr) -> io::Result<Option<Meta>>;

    /// Opens a regular file in this folder for reading; `Ok(None)` when it does not exist.
    fn open_name(&self, name: &OsStr) -> io::Result<Option<(File, Meta)>>;

    /// Reads a regular file in this folder whole (at most [`MAX_READ`] + 1 bytes, so a caller
    /// can tell "too large"); `Ok(None)` when it does not exist.
    fn read_name(&self, name: &OsStr) -> io::Result<Option<(Vec<u8>, Meta)>>;

    /// Opens (creating with the folder's file mode when missing) a regular file at a relative
    /// path for appending or locking; `append`: writes go to the end.
    fn open_rw(&self, rel: &Path, append: bool) -> io::Result<File>;

    /// Creates the file `tmp` in this folder exclusively (never through a link), with the
    /// folder's file mode, to replace `name`; the pending replace owns the temp file from its
    /// creation on, so that an error after it removes the file.
    fn create_temp(self, tmp: &OsStr, name: &OsStr) -> io::Result<(File, Self::Pending)>;

    /// Renames the temp file over its target (and flushes the folder where the system can).
    fn commit(pending: Self::Pending) -> io::Result<()>;

    /// Random hex digits no other process can predict, for a temp file's name.
    fn random_hex() -> io::Result<String>;

    /// Stat of a relative path (links refused on the way, the last one reported as one).
    fn stat(&self, rel: &Path) -> io::Result<Option<Meta>> {
        match self.parent_of(rel, false)? {
            Some((d, name)) => d.stat_name(name),
            None => Ok(None),
        }
    }

    /// Opens a regular file at a relative path for reading (links refused on the way and at
    /// the end). `Ok(None)` when it (or a folder on the way) does not exist.
    fn open_file(&self, rel: &Path) -> io::Result<Option<(File, Meta)>> {
        match self.parent_of(rel, false)? {
            Some((d, name)) => d.open_name(name),
            None => Ok(None),
        }
    }

    /// Reads a regular file at a relative path ([`Backend::read_name`]).
    fn read(&self, rel: &Path) -> io::Result<Option<(Vec<u8>, Meta)>> {
        match self.parent_of(rel, false)? {
            Some((d, name)) => d.read_name(name),
            None => Ok(None),
        }
    }

    /// Writes a temp file beside `rel` (created exclusively under an unpredictable name,
    /// fsynced) that [`Backend::commit`] renames over `rel`; a folder, FIFO or device at `rel` is
    /// refused (a link there is replaced, its target untouched). Dropping the pending write
    /// removes the temp file.
    fn prepare(&self, rel: &Path, data: &[u8]) -> io::Result<Self::Pending> {
        let (dir, name) = folder_for(self, rel)?;
        if let Some(m) = dir.stat_name(name)?
            && !m.is_file()
            && !m.is_symlink()
        {
            return Err(refused(Refused::NotRegular { what: Kind(m.kind_text()) }));
        }
        let tmp = temp_name(name, &Self::random_hex()?);
        let (mut f, pending) = dir.create_temp(&tmp, name)?;
        f.write_all(data)?;
        f.sync_all()?;
        Ok(pending)
    }

    /// Replaces `rel` with `data` atomically ([`Backend::prepare`], then the rename). Returns
    /// `false`, writing nothing, when the file already holds exactly `data`.
    fn write_atomic(&self, rel: &Path, data: &[u8]) -> io::Result<bool> {
        if let Ok(Some((old, _))) = self.read(rel)
            && old == data
        {
            return Ok(false);
        }
        Self::commit(self.prepare(rel, data)?)?;
        Ok(true)
    }

    /// Writes a file in place without the temp file and fsync: only for bulk-generated data
    /// that can be generated again (the demo's thousands of files), never a person's work.
    fn write_fast(&self, rel: &Path, data: &[u8]) -> io::Result<()> {
        let mut f = self.open_rw(rel, false)?;
        f.set_len(0)?;
        f.write_all(data)
    }
}

/// The folder holding `rel`, missing folders made, and the file's plain name.
pub(crate) fn folder_for<'a, D: Backend>(d: &D, rel: &'a Path) -> io::Result<(D, &'a OsStr)> {
    d.parent_of(rel, true)?.ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
}

/// The shared operations (`Backend`) as the system's folder's own methods, for every caller.
impl Dir {
    /// Stat of a name in this folder, without following a link; `None` when it is missing.
    pub fn stat_name(&self, name: &OsStr) -> io::Result<Option<Meta>> {
        Backend::stat_name(self, name)
    }

    /// Stat of a relative path (links refused on the way, the last one reported as one).
    pub fn stat(&self, rel: &Path) -> io::Result<Option<Meta>> {
        Backend::stat(self, rel)
    }

    /// Opens a regular file in this folder for reading; `Ok(None)` when it does not exist.
    pub fn open_name(&self, name: &OsStr) -> io::Result<Option<(File, Meta)>> {
        Backend::open_name(self, name)
    }

    /// Opens a regular file at a relative path for reading; `Ok(None)` when it (or a folder on the
    /// way) does not exist.
    pub fn open_file(&self, rel: &Path) -> io::Result<Option<(File, Meta)>> {
        Backend::open_file(self, rel)
    }

    /// Reads a regular file in this folder whole (at most [`MAX_READ`] + 1 bytes).
    pub fn read_name(&self, name: &OsStr) -> io::Result<Option<(Vec<u8>, Meta)>> {
        Backend::read_name(self, name)
    }

    /// Reads a regular file at a relative path whole (at most [`MAX_READ`] + 1 bytes).
    pub fn read(&self, rel: &Path) -> io::Result<Option<(Vec<u8>, Meta)>> {
        Backend::read(self, rel)
    }

    /// Opens (creating when missing) a regular file for appending (`append`) or locking.
    pub fn open_rw(&self, rel: &Path, append: bool) -> io::Result<File> {
        Backend::open_rw(self, rel, append)
    }

    /// Writes a temp file beside `rel` (exclusive, unpredictable name, fsynced) that
    /// [`Pending::commit`] renames over `rel`; dropped, it removes the temp file.
    pub fn prepare(&self, rel: &Path, data: &[u8]) -> io::Result<Pending> {
        Backend::prepare(self, rel, data)
    }

    /// Replaces `rel` with `data` atomically (temp file, fsync, rename); `false`, writing nothing,
    /// when the file already holds exactly `data`.
    pub fn write_atomic(&self, rel: &Path, data: &[u8]) -> io::Result<bool> {
        Backend::write_atomic(self, rel, data)
    }

    /// Writes a file in place, without temp file or fsync: only for bulk-generated data that can be
    /// generated again, never a person's work.
    pub fn write_fast(&self, rel: &Path, data: &[u8]) -> io::Result<()> {
        Backend::write_fast(self, rel, data)
    }
}
