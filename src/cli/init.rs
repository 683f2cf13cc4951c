//! `parindex init DIR --scorecard FILE`: a new round.

use std::path::Path;

use super::{CmdResult, Failure};
use crate::core::fsutil;
use crate::core::scorecard::Scorecard;
use crate::core::toml_in::{io_reason, read_text};
use crate::core::workspace::{WORKSPACE_FILE, Workspace};
use crate::text::Lang;

/// `from`: last year's round, whose units, groups, heads and Office the new round takes over
/// (with the new scorecard; no submissions, appraisals or deadline).
pub fn run(dir: &Path, scorecard: &Path, title: Option<String>, from: Option<&Path>, lang: Lang) -> CmdResult {
    let src = read_text(scorecard)?;
    let sc = Scorecard::parse(src.clone())?;
    let previous = from.map(Workspace::load).transpose()?;
    if dir.join(WORKSPACE_FILE).exists() {
        return Err(Failure::Usage(format!("{} already holds a round (workspace.toml); nothing was changed", dir.display())));
    }
    let io = |e: std::io::Error| Failure::Usage(format!("cannot write to {}: {}", dir.display(), io_reason(&e)));
    for sub in ["", "submissions", "appraisals", "evidence"] {
        fsutil::create_dir(&dir.join(sub)).map_err(io)?;
    }
    fsutil::write_atomic(&dir.join("scorecard.toml"), src.text.as_bytes()).map_err(io)?;
    // A round kept in git: the edit locks and recovery journals are per session, not history.
    fsutil::write_atomic(&dir.join(".gitignore"), b".locks/\n.recover/\n").map_err(io)?;
    let user = std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_default();
    let mut ws = Workspace {
        dir: dir.to_path_buf(),
        title: title.unwrap_or_else(|| sc.title.clone()),
        scorecard_file: "scorecard.toml".into(),
        deadline: None,
        office_users: if user.is_empty() { vec![] } else { vec![user] },
        single_user: false,
        units: vec![],
        scorecard: std::sync::Arc::new(sc),
    };
    if let Some(p) = previous {
        ws.office_users = p.office_users;
        ws.single_user = p.single_user;
        ws.units = p.units;
    }
    let mut text = ws.to_toml();
    if ws.units.is_empty() {
        text.push_str(
        "\n# Add one [[unit]] table per unit taking part:\n# [[unit]]\n# id = \"vp\"                      # ASCII letters, digits, - and _\n# name = \"Văn phòng Sở\"\n# group = \"Phòng chuyên môn\"     # optional\n# heads = [\"lan\"]                # OS users who may edit this unit\n",
        );
    }
    fsutil::write_atomic(&dir.join(WORKSPACE_FILE), text.as_bytes()).map_err(io)?;
    println!("{} {}", lang.text().init_done, dir.display());
    Ok(())
}
