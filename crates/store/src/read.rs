//! Reading a file a person names, or one inside a round, as UTF-8 text: never blocking on a
//! FIFO, never following a link inside a round, never more than `MAX_FILE_BYTES`.

use std::sync::Arc;

use parindex_core::diag::{Diagnostic, LoadError, Source};
use parindex_core::say::toml::{IoReason, TomlMsg};
pub use parindex_core::toml_in::{MAX_FILE_BYTES, NotAFile, decode_text};

/// Reads a file as UTF-8 text (a leading byte-order mark is dropped). Missing, unreadable or
/// too large files, and anything that is not a regular file, are an unreadable `LoadError`
/// (exit 2); bytes that are not UTF-8 an invalid one.
///
/// The file is opened without blocking (a FIFO with no writer would otherwise hang the open,
/// and its read, forever) and without becoming a controlling terminal; what was opened is then
/// checked with `fstat`, so a path swapped between a check and the open cannot slip through.
pub fn read_text(path: &std::path::Path) -> Result<Arc<Source>, LoadError> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| LoadError::unreadable(Diagnostic::error(TomlMsg::CannotRead { why: IoReason::of(&e) }).in_file(path));
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags((OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC).bits() as i32);
    }
    let file = opts.open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if let Some(what) = not_a_file(&meta.file_type()) {
        return Err(LoadError::unreadable(Diagnostic::error(TomlMsg::NotRegular { what }).in_file(path)));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES + 1) as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    decode_text(path, bytes)
}

/// `None` for a regular file.
pub fn not_a_file(ft: &std::fs::FileType) -> Option<NotAFile> {
    if ft.is_file() {
        return None;
    }
    if ft.is_dir() {
        return Some(NotAFile::Folder);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some(NotAFile::Fifo);
        }
        if ft.is_char_device() || ft.is_block_device() {
            return Some(NotAFile::Device);
        }
        if ft.is_socket() {
            return Some(NotAFile::Socket);
        }
    }
    Some(NotAFile::Other)
}

/// What `path` names, following links, when it exists and is not a regular file.
pub fn not_a_file_at(path: &std::path::Path) -> Option<NotAFile> {
    std::fs::metadata(path).ok().and_then(|m| not_a_file(&m.file_type()))
}

/// Reads a file inside a workspace: like [`read_text`], but a symbolic link is refused (a link
/// could expose or overwrite files outside the round), as is anything but a regular file.
pub fn read_workspace_text(path: &std::path::Path) -> Result<Arc<Source>, LoadError> {
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() {
            return Err(LoadError::unreadable(Diagnostic::error(TomlMsg::Symlink).in_file(path)));
        }
        if !meta.is_file() {
            return Err(LoadError::unreadable(Diagnostic::error(TomlMsg::NotRegularInWorkspace).in_file(path)));
        }
    }
    read_text(path)
}

/// Loads and validates a scorecard file a person names.
pub fn load_scorecard(path: &std::path::Path) -> Result<parindex_core::scorecard::Scorecard, LoadError> {
    parindex_core::scorecard::Scorecard::parse(read_text(path)?)
}

/// Loads and validates a sheet file a person names, against the scorecard. `expected_unit` is
/// the unit the file name says it belongs to.
pub fn load_sheet(
    path: &std::path::Path,
    sc: &parindex_core::scorecard::Scorecard,
    kind: parindex_core::answers::SheetKind,
    expected_unit: &str,
) -> Result<parindex_core::answers::Sheet, LoadError> {
    parindex_core::answers::Sheet::parse(read_text(path)?, sc, kind, expected_unit)
}

/// An OS error's own text without its error code, for the audit log (data, not words of ours).
pub fn os_reason(e: &std::io::Error) -> String {
    e.to_string().split(" (os error").next().unwrap_or_default().to_owned()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read_and_a_fifo_never_blocks() {
        use std::path::Path;
        let d = tempfile::tempdir().unwrap();
        let fifo = d.path().join("x.toml");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::from_raw_mode(0o600)).unwrap();
        let cases = [(fifo.as_path(), "Fifo"), (Path::new("/dev/zero"), "Device"), (d.path(), "Folder")];
        for (p, what) in cases {
            let e = read_text(p).err().unwrap_or_else(|| panic!("{} was read", p.display()));
            assert!(e.unreadable);
            let msg = format!("{:?}", e.diagnostics.items[0].message);
            assert!(msg.contains("NotRegular") && msg.contains(what), "{msg}");
        }
        let f = d.path().join("ok.toml");
        std::fs::write(&f, "a = 1\n").unwrap();
        assert_eq!(read_text(&f).unwrap().text, "a = 1\n");
    }
}
