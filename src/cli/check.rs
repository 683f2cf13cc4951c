//! `parindex check PATH`: a scorecard file or a whole workspace.

use crate::text::Render;
use std::path::Path;

use super::{CmdResult, Failure};
use crate::core::workspace::{self, WORKSPACE_FILE};
use crate::text::Lang;

pub fn run(path: &Path, lang: Lang) -> CmdResult {
    let t = lang.text();
    let dir = if path.is_dir() {
        Some(path.to_path_buf())
    } else if path.file_name().is_some_and(|n| n == WORKSPACE_FILE) {
        path.parent().map(|p| if p.as_os_str().is_empty() { Path::new(".").to_path_buf() } else { p.to_path_buf() })
    } else {
        None
    };
    if let Some(dir) = &dir
        && let Some(warning) = lost_setgid(dir, std::env::current_exe().ok().as_deref())
    {
        // Before reading: without the bit, users cannot read the round at all.
        eprintln!("parindex: {}", crate::core::clean::text(&crate::text::msg::Message::render(&warning, lang)));
    }
    let diags = match dir {
        Some(dir) => match workspace::check(&dir) {
            Ok(d) => d,
            Err(e) => return Err(Failure::Load(e)),
        },
        None => match crate::core::store::read::load_scorecard(path) {
            Ok(sc) => {
                let (nodes, leaves) = counts_words(lang);
                println!(
                    "{}: {} — {} ({} {nodes}, {} {leaves}, {} {})",
                    path.display(),
                    t.check_ok_scorecard,
                    sc.title,
                    sc.nodes.len(),
                    sc.leaf_count(),
                    crate::core::num::fmt_short(sc.max, lang.decimal_sep()),
                    t.points_unit
                );
                return Ok(());
            }
            Err(e) if e.unreadable => return Err(Failure::Load(e)),
            Err(e) => e.diagnostics,
        },
    };
    eprint!("{}", diags.render_in(lang));
    if diags.has_errors() {
        eprintln!("{} {}", diags.error_count(), t.check_problems);
        Err(Failure::CheckFailed)
    } else {
        println!("{}: {}", path.display(), t.check_ok_workspace);
        Ok(())
    }
}

/// A warning when `dir` is a locked-down round (a root-owned setgid folder of a group other than
/// root's, as `permissions --apply` leaves it) but `bin`, the program running, is not setgid to
/// that group: an upgrade with `install` drops the bit, and then nobody but root reaches the
/// round (issue 18).
#[cfg(not(unix))]
pub fn lost_setgid(_dir: &Path, _bin: Option<&Path>) -> Option<crate::text::msg::cli::CliMsg> {
    None
}

/// See above (Unix: the only systems with the setgid lock-down).
#[cfg(unix)]
pub fn lost_setgid(dir: &Path, bin: Option<&Path>) -> Option<crate::text::msg::cli::CliMsg> {
    use std::os::unix::fs::MetadataExt;
    let round = std::fs::metadata(dir).ok()?;
    if round.uid() != 0 || round.gid() == 0 || round.mode() & 0o2000 == 0 {
        return None;
    }
    let bin = bin?;
    let m = std::fs::metadata(bin).ok()?;
    if m.mode() & 0o2000 != 0 && m.gid() == round.gid() {
        return None;
    }
    let group = crate::core::store::perms::group_by_gid(round.gid()).map_or_else(|| round.gid().to_string(), |g| g.name);
    Some(crate::text::msg::cli::CliMsg::BinLostSetgid { bin: bin.display().to_string(), group })
}

/// "119 mục, 86 tiêu chí chấm điểm": every node of the tree, then the leaves that are scored.
fn counts_words(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Vi => ("mục", "tiêu chí chấm điểm"),
        Lang::En => ("items", "scored criteria"),
    }
}
