//! `parindex permissions` where there is no setgid lock-down (Windows): it says so, in the
//! user's language, and changes nothing.

use std::path::{Path, PathBuf};

use super::{CmdResult, Failure};
use crate::text::Lang;

pub struct Args<'a> {
    pub workspace: &'a Path,
    pub apply: bool,
    pub bin: Option<PathBuf>,
    pub group: &'a str,
}

pub fn run(a: Args<'_>, lang: Lang) -> CmdResult {
    let _ = (a.workspace, a.apply, a.bin, a.group);
    Err(Failure::Usage(lang.text().perm_unix_only.to_owned()))
}
