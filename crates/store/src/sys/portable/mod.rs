//! The portable backend (Windows and any system without Unix calls): std alone, on paths.
//! No group privilege, no user database; the state folder is `%LOCALAPPDATA%`'s.

pub mod dir;
pub mod privs;

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// The user id: none here; every file is the user's own ([`dir::Meta`]'s `uid` is 0 too).
pub fn uid() -> u32 {
    0
}

/// The current user's logon name (`USERNAME` on Windows), for a single-user or git round.
pub fn user_name() -> String {
    ["USERNAME", "USER"].iter().find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty())).unwrap_or_else(|| "unknown".into())
}

/// The base of the user's own state: `%LOCALAPPDATA%` on Windows (a local, not roaming, folder:
/// journals and the cache belong to this machine).
pub fn state_base() -> Option<PathBuf> {
    let absolute = |v: &std::ffi::OsStr| Path::new(v).is_absolute();
    if let Some(x) = std::env::var_os("LOCALAPPDATA").filter(|v| absolute(v)) {
        return Some(PathBuf::from(x));
    }
    if let Some(x) = std::env::var_os("XDG_STATE_HOME").filter(|v| absolute(v)) {
        return Some(PathBuf::from(x));
    }
    let home = std::env::var_os("USERPROFILE").or_else(|| std::env::var_os("HOME")).filter(|v| absolute(v))?;
    Some(PathBuf::from(home).join("AppData").join("Local"))
}

/// Creates a folder of the user's own and its parents (private by the profile's own rights).
pub fn create_private_dir_all(path: &Path) -> io::Result<()> {
    std::fs::create_dir_all(path)
}

/// Creates a folder and its parents (no modes here).
pub fn create_dir_all_mode(dir: &Path, _mode: u32) -> io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Which file an open file is, as [`dir::Meta`] holds `dev` and `ino` here: on Windows the
/// volume serial number and file index, so `EditLock::is_real` tells a lock file removed and
/// re-created under the same name from its own (see [`dir::id_of`]). A file removed while
/// open whose name lingers until its last handle closes (Windows without POSIX deletion, wine)
/// is no file: `NotFound`.
pub fn file_id(f: &File) -> io::Result<(u64, u64)> {
    if delete_pending(f) {
        return Err(io::Error::from(io::ErrorKind::NotFound));
    }
    Ok(dir::id_of(f, &f.metadata()?))
}

/// Whether an open file has been removed, its name kept only until its handles close
/// (`FILE_STANDARD_INFO.DeletePending`).
#[cfg(windows)]
fn delete_pending(f: &File) -> bool {
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::Storage::FileSystem::{FILE_STANDARD_INFO, FileStandardInfo, GetFileInformationByHandleEx};
    let mut info = FILE_STANDARD_INFO { AllocationSize: 0, EndOfFile: 0, NumberOfLinks: 0, DeletePending: false, Directory: false };
    // SAFETY: the handle is `f`'s, open for the whole call; `info` is a FILE_STANDARD_INFO of
    // the size passed, a valid place to write.
    let ok =
        unsafe { GetFileInformationByHandleEx(f.as_raw_handle(), FileStandardInfo, (&raw mut info).cast(), size_of::<FILE_STANDARD_INFO>() as u32) };
    ok != 0 && info.DeletePending
}

#[cfg(not(windows))]
fn delete_pending(_f: &File) -> bool {
    false
}

/// Which folder a path is, for a round's key among the user's state: (0, its creation time in
/// nanoseconds), with the folder's path beside it (`recover::round_key`). Kept on the creation
/// time so that the state a Windows user already has keeps its key.
pub fn folder_id(m: &std::fs::Metadata) -> (u64, u64) {
    (0, dir::nanos(m.created().ok()) as u64)
}

/// No modes to warn about: the round is one user's folder or a git clone.
pub fn mode_warnings(_store: &dir::Dir, _single_user: bool) -> Vec<parindex_core::diag::Diagnostic> {
    Vec::new()
}

/// The holder's words in a lock file another process holds (at most 4 KiB). Windows locks are
/// mandatory: the holder's bytes cannot be read while it holds them (`ERROR_LOCK_VIOLATION`),
/// and the holder is then unknown ("?"), not an error.
pub fn read_holder(f: &File) -> io::Result<String> {
    use std::io::Read;
    /// `ERROR_LOCK_VIOLATION`.
    const LOCK_VIOLATION: i32 = 33;
    let mut text = String::new();
    match f.take(4096).read_to_string(&mut text) {
        Err(e) if e.raw_os_error() == Some(LOCK_VIOLATION) => Ok(String::new()),
        Err(e) => Err(e),
        Ok(_) => Ok(text),
    }
}

/// Opens a file the user named for reading, never through a final link or junction (the
/// reparse point itself is opened; the caller checks what was opened).
pub fn open_read_no_follow(path: &Path) -> io::Result<File> {
    dir::no_follow(std::fs::OpenOptions::new().read(true)).open(path)
}

/// Reads from `offset` (on Windows the file's position moves; callers do not rely on it).
pub fn read_at(f: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    #[cfg(windows)]
    {
        std::os::windows::fs::FileExt::seek_read(f, buf, offset)
    }
    #[cfg(not(windows))]
    {
        use std::io::{Read, Seek, SeekFrom};
        let mut f = f;
        f.seek(SeekFrom::Start(offset))?;
        f.read(buf)
    }
}
