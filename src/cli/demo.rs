//! `parindex demo [DIR]`: write the demo round, then open the dashboard on it.

use std::path::PathBuf;

use super::{CmdResult, Failure, RankFormat};
use crate::demo::{DemoOptions, write};
use crate::text::Lang;

pub fn run(dir: Option<PathBuf>, units: usize, seed: u64, no_tui: bool, lang: Lang) -> CmdResult {
    // One demo folder per OS user: on a shared server, users do not trip over each other's.
    let dir = dir.unwrap_or_else(|| std::env::temp_dir().join(format!("parindex-demo-{}", crate::core::roles::current_user())));
    write(&dir, &DemoOptions { units, seed }).map_err(|e| Failure::Usage(format!("demo: {e}")))?;
    eprintln!("{} {}", lang.text().demo_written, dir.display());
    use std::io::IsTerminal;
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if no_tui || !terminal {
        if !no_tui {
            eprintln!("(no terminal: printing the ranking instead of opening the dashboard)");
        }
        super::rank::run(&dir, false, RankFormat::Table, None, None, lang)
    } else {
        super::tui_cmd(dir, None, true, lang)
    }
}
