//! What differs between systems, behind one API: the store's file operations ([`dir`]), the
//! round's group privilege ([`privs`]) and the few facts about the user and their files the
//! store needs. `unix` is the enforced backend (descriptor-relative calls, setgid group, user
//! database); `portable` is std alone, for Windows and any other system.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub use unix::*;

#[cfg(not(unix))]
mod portable;
#[cfg(not(unix))]
pub use portable::*;

/// The portable backend's file operations, compiled and tested on Unix too (where std's
/// `symlink_metadata` sees links as Windows's does), so that CI on Linux runs its tests.
#[cfg(all(test, unix))]
#[allow(dead_code)] // only its tests use it here
#[path = "portable/dir.rs"]
mod portable_dir;
