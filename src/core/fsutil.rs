//! Durable file writes: a temp file in the same folder, fsync, rename over the target, fsync
//! the folder. A reader (or a crash) sees the old content or the new, never a mix.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// Mode for files the program creates: owner and group may write (a shared round), others read.
#[cfg(unix)]
pub const FILE_MODE: u32 = 0o664;
#[cfg(unix)]
pub const DIR_MODE: u32 = 0o2775;

/// Writes `data` to `path` atomically. Returns `Ok(false)` without touching the file when it
/// already holds exactly `data` (so saving unchanged data rewrites nothing).
pub fn write_atomic(path: &Path, data: &[u8]) -> io::Result<bool> {
    if let Ok(old) = fs::read(path)
        && old == data
    {
        return Ok(false);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    let result = (|| {
        let mut opts = OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(FILE_MODE);
        }
        let mut f = opts.open(&tmp)?;
        // The umask may have taken the group's write bit: set the mode explicitly.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            f.set_permissions(fs::Permissions::from_mode(FILE_MODE))?;
        }
        f.write_all(data)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map(|()| true)
}

/// Writes a file without the temp-file-and-fsync dance: only for bulk-generated data that can
/// be generated again (the demo's thousands of files), never for a person's work.
pub fn write_generated(path: &Path, data: &[u8]) -> io::Result<()> {
    let mut opts = OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    let mut f = opts.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(fs::Permissions::from_mode(FILE_MODE))?;
    }
    f.write_all(data)
}

/// Flushes a folder's entries (the rename) to disk.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// Creates a folder (and its parents) with the shared-round permissions.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(DIR_MODE);
    }
    b.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(DIR_MODE))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(mode & 0o777, 0o664, "group-writable, not world-writable, whatever the umask");
        let sub = d.path().join("a/b");
        create_dir(&sub).unwrap();
        assert_eq!(fs::metadata(&sub).unwrap().permissions().mode() & 0o7777, 0o2775);
    }
}
