//! The only code that touches a round's files: it opens nothing through a symbolic link,
//! refuses anything that is not a regular file, writes with explicit modes through temp files
//! with unpredictable names, and logs before it replaces.

pub mod audit;
pub mod cache;
pub mod council;
pub mod dir;
pub mod evidence;
pub mod fsutil;
pub mod git;
pub mod guard;
pub mod lock;
#[cfg(unix)]
pub mod modes;
pub mod objections;
#[cfg(unix)]
pub mod perms;
pub mod read;
pub mod recover;
pub mod results;
pub mod review;
pub mod roles;
pub mod round;
pub mod sign;
pub mod sys;
pub mod workspace;

pub use sys::privs;
