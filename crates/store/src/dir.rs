//! File operations of the store, never through a symbolic link, and what they share on every
//! system: the refusals, the errors that name a file, a stat ([`Meta`]), the temp-file names.
//!
//! The operations themselves ([`Dir`], [`Pending`]) are the system's (`crate::sys`): on Unix,
//! descriptor-relative calls from the folder above each name (`openat(…, O_NOFOLLOW)`), modes
//! set explicitly, the round's group raised around each operation; elsewhere, std's calls on
//! paths under the round's folder, each name checked with `symlink_metadata` first.

use std::io;
use std::path::PathBuf;

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
