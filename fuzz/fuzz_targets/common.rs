//! What the round-level fuzz targets share: one demo round per process, written on first use.

use std::path::PathBuf;
use std::sync::OnceLock;

/// A demo round of `units` units (seed 1) in a temporary folder kept for the whole run: the
/// folder's guard and the round's path. The first call decides the size.
pub fn round(units: usize) -> &'static (tempfile::TempDir, PathBuf) {
    static R: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    R.get_or_init(|| {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("ws");
        parindex::demo::write(&p, &parindex::demo::DemoOptions { units, seed: 1 }).unwrap();
        (d, p)
    })
}
