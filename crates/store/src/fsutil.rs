//! Durable file writes: a temp file in the same folder, fsync, rename over the target, fsync
//! the folder. A reader (or a crash) sees the old content or the new, never a mix.

use std::fs::File;
use std::io;
use std::path::Path;

use crate::dir::Dir;
pub use crate::dir::{DIR_MODE, FILE_MODE};

/// Writes `data` to a path the user named (an export, `rank -o`), with the user's own rights,
/// atomically: a temp file with an unpredictable name created exclusively beside it, fsync,
/// rename, fsync the folder. Returns `Ok(false)` without touching the file when it already
/// holds exactly `data`.
pub fn write_atomic(path: &Path, data: &[u8]) -> io::Result<bool> {
    let (dir, name) = split(path)?;
    Dir::open_user(dir)?.write_atomic(Path::new(name), data)
}

fn split(path: &Path) -> io::Result<(&Path, &std::ffi::OsStr)> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    Ok((dir, name))
}

/// Flushes a folder's entries (the rename) to disk.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Creates a folder the user named (and its parents) with the round's permissions, with the
/// user's own rights.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    crate::sys::create_dir_all_mode(dir, DIR_MODE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn writes_replaces_and_skips_unchanged() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.toml");
        assert!(write_atomic(&p, b"one").unwrap());
        assert_eq!(fs::read(&p).unwrap(), b"one");
        assert!(write_atomic(&p, b"two").unwrap());
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let before = fs::metadata(&p).unwrap().modified().unwrap();
        assert!(!write_atomic(&p, b"two").unwrap());
        assert_eq!(fs::metadata(&p).unwrap().modified().unwrap(), before);
        // No temp files left behind.
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn files_are_not_world_writable() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.toml");
        write_atomic(&p, b"x").unwrap();
        let mode = fs::metadata(&p).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644, "an export: readable, written by its owner alone, whatever the umask");
        let sub = d.path().join("a/b");
        create_dir(&sub).unwrap();
        assert_eq!(fs::metadata(&sub).unwrap().permissions().mode() & 0o7777, 0o2770);
    }
}
