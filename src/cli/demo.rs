//! `parindex demo [DIR]`: write the demo round, then open the dashboard on it.

use std::path::PathBuf;

use super::{CmdResult, Failure, RankFormat};
use crate::demo::{DemoOptions, write};
use crate::text::Lang;

pub fn run(dir: Option<PathBuf>, units: usize, seed: u64, no_tui: bool, lang: Lang) -> CmdResult {
    // One demo folder per OS user: on a shared server, users do not trip over each other's.
    let dir = dir.unwrap_or_else(|| std::env::temp_dir().join(format!("parindex-demo-{}", crate::core::roles::current_user())));
    // The default folder is in the shared temp folder: someone else may have made it first (or
    // a link by that name), with a FIFO or a device under a name the demo writes. Only a folder
    // (or a link) of one's own is written into.
    if let Ok(m) = std::fs::symlink_metadata(&dir) {
        #[cfg(unix)]
        if std::os::unix::fs::MetadataExt::uid(&m) != rustix::process::geteuid().as_raw() {
            return Err(Failure::Usage(lang.text().demo_not_yours.replace("{}", &dir.display().to_string())));
        }
        #[cfg(not(unix))]
        let _ = m;
        for name in [crate::demo::MARKER, "scorecard.toml", crate::core::workspace::WORKSPACE_FILE] {
            super::output_ok(&dir.join(name))?;
        }
    }
    write(&dir, &DemoOptions { units, seed }).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Failure::Usage(crate::text::msg::Message::render(
            &crate::text::msg::cli::CliMsg::DemoExists { reason: crate::core::store::dir::io_reason(&e) },
            lang,
        )),
        _ => Failure::Write(dir.clone(), e),
    })?;
    eprintln!("{} {}", lang.text().demo_written, dir.display());
    use std::io::IsTerminal;
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if no_tui || !terminal {
        if !no_tui {
            eprintln!("{}", crate::text::msg::Message::render(&crate::text::msg::cli::CliMsg::NoTerminalDemo, lang));
        }
        super::rank::run(&dir, false, RankFormat::Table, None, super::rank::CsvFlags::default(), None, lang)
    } else {
        super::tui_cmd(dir, None, true, None, lang)
    }
}
