//! The Unix backend: descriptor-relative file operations, the setgid group, the user database.

pub mod dir;
pub mod privs;

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// The real user id (the owner a private file must have).
pub fn uid() -> u32 {
    rustix::process::getuid().as_raw()
}

/// The current OS user's name, from the password database (not from `$USER`, which anyone can
/// set); `uid<N>` when the database has no entry.
pub fn user_name() -> String {
    let uid = rustix::process::getuid().as_raw();
    // The password database stays with libc (rustix does not read it).
    // SAFETY: getpwuid_r writes into our buffer and pwd; we read them only on success, and
    // pw_name then points to a NUL-terminated string in `buf`, which outlives its use.
    unsafe {
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 4096];
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        if libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result) == 0 && !result.is_null() {
            let name = std::ffi::CStr::from_ptr(pwd.pw_name);
            if let Ok(s) = name.to_str() {
                return s.to_owned();
            }
        }
    }
    format!("uid{uid}")
}

/// The base of the user's own state: `$XDG_STATE_HOME`, else `~/.local/state` (Linux and other
/// Unix systems), `~/Library/Application Support` on macOS.
pub fn state_base() -> Option<PathBuf> {
    let absolute = |v: &std::ffi::OsStr| Path::new(v).is_absolute();
    if let Some(x) = std::env::var_os("XDG_STATE_HOME").filter(|v| absolute(v)) {
        return Some(PathBuf::from(x));
    }
    let home = PathBuf::from(std::env::var_os("HOME").filter(|v| absolute(v))?);
    if cfg!(target_os = "macos") { Some(home.join("Library/Application Support")) } else { Some(home.join(".local/state")) }
}

/// Creates a folder of the user's own and its parents, private to them (0700).
pub fn create_private_dir_all(path: &Path) -> io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    std::os::unix::fs::DirBuilderExt::mode(b.recursive(true), 0o700);
    b.create(path)
}

/// Creates a folder and its parents with `mode` (set explicitly, whatever the umask).
pub fn create_dir_all_mode(dir: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    b.mode(mode);
    b.create(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode))
}

/// Which file an open file is (device and inode), to compare with a stat of a name.
pub fn file_id(f: &File) -> io::Result<(u64, u64)> {
    let m = dir::fstat(f)?;
    Ok((m.dev, m.ino))
}

/// Which folder a path is (device and inode), for keys that must change when the folder does.
pub fn folder_id(m: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

/// `check`'s warnings about modes that let someone write what is not theirs
/// ([`crate::modes`]). The walk goes by path: with the round's group when the installed
/// parindex has it.
pub fn mode_warnings(store: &dir::Dir, single_user: bool) -> Vec<parindex_core::diag::Diagnostic> {
    let _g = store.guard();
    crate::modes::check_in(store, single_user)
}

/// The holder's words in a lock file another process holds (at most 4 KiB).
pub fn read_holder(f: &File) -> io::Result<String> {
    use std::io::Read;
    let mut text = String::new();
    f.take(4096).read_to_string(&mut text)?;
    Ok(text)
}

/// Opens a file the user named for reading, never through a final link (`O_NOFOLLOW`) and
/// never blocking on a FIFO (`O_NONBLOCK`); the caller checks what was opened.
pub fn open_read_no_follow(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags((rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK).bits() as i32).open(path)
}

/// Reads from `offset` without moving the file's position.
pub fn read_at(f: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(f, buf, offset)
}
