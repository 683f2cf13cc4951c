//! `parindex init DIR --scorecard FILE`: a new round.

use std::path::Path;

use super::{CmdResult, Failure};
use crate::core::fsutil;
use crate::core::scorecard::Scorecard;
use crate::core::store::dir::Dir;
use crate::core::store::read::read_text;
use crate::core::workspace::{WORKSPACE_FILE, Workspace};
use crate::text::Lang;

/// `from`: last year's round, whose units, groups, heads and Office the new round takes over
/// (with the new scorecard; no submissions, appraisals or deadline).
pub fn run(dir: &Path, scorecard: &Path, title: Option<String>, from: Option<&Path>, lang: Lang) -> CmdResult {
    if let Some(over) = title.as_deref().and_then(|t| crate::core::limits::Field::RoundTitle.check(t)) {
        return Err(Failure::Usage(crate::text::msg::Message::render(&crate::text::msg::sheet::SheetMsg::Limit { over }, lang)));
    }
    let src = read_text(scorecard)?;
    let sc = Scorecard::parse(src.clone())?;
    let previous = from.map(Workspace::load).transpose()?;
    if dir.join(WORKSPACE_FILE).exists() {
        return Err(Failure::Usage(crate::text::msg::Message::render(
            &crate::text::msg::cli::CliMsg::InitExists { dir: dir.display().to_string() },
            lang,
        )));
    }
    fsutil::create_dir(dir).map_err(|e| Failure::Write(dir.to_path_buf(), e))?;
    // The round's files get the round's modes, written with the user's own rights, never
    // through a link, and never over a FIFO or a device planted under one of their names.
    let store = std::sync::Arc::new(Dir::open_user_round(dir).map_err(|e| Failure::Write(dir.to_path_buf(), e))?);
    for sub in ["submissions", "appraisals", "evidence"] {
        store.sub(Path::new(sub), true).map_err(|e| Failure::Write(dir.join(sub), e))?;
    }
    let write = |name: &str, data: &[u8]| store.write_atomic(Path::new(name), data).map(|_| ()).map_err(|e| Failure::Write(dir.join(name), e));
    write("scorecard.toml", src.text.as_bytes())?;
    // A round kept in git: edit locks and temp files of interrupted saves are not history.
    write(".gitignore", crate::core::workspace::GITIGNORE.as_bytes())?;
    let user = std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_default();
    let mut ws = Workspace {
        dir: dir.to_path_buf(),
        round_id: Some(new_round_id(&sc, dir)),
        title: title.unwrap_or_else(|| sc.title.clone()),
        scorecard_file: "scorecard.toml".into(),
        deadline: None,
        office_users: if user.is_empty() { vec![] } else { vec![user] },
        single_user: false,
        units: vec![],
        scorecard: std::sync::Arc::new(sc),
        store: store.clone(),
        document: Default::default(),
        reviewers: vec![],
        appraisers: vec![],
        evidence_max_mb: None,
    };
    if let Some(p) = previous {
        ws.office_users = p.office_users;
        ws.single_user = p.single_user;
        ws.units = p.units;
        ws.document = p.document;
        ws.evidence_max_mb = p.evidence_max_mb;
        // Reviewers carry over with the criteria the new scorecard still has.
        let sc = ws.scorecard.clone();
        ws.reviewers = p.reviewers;
        for r in &mut ws.reviewers {
            r.criteria.retain(|c| sc.node_index(c).is_some());
        }
        // So does the appraisal council (issue 21): parts the new scorecard still has.
        ws.appraisers = p.appraisers;
        for a in &mut ws.appraisers {
            a.areas.retain(|c| sc.node_index(c).is_some_and(|i| sc.nodes[i].depth == 0));
            a.criteria.retain(|c| sc.node_index(c).is_some());
        }
        ws.appraisers.retain(|a| !a.areas.is_empty() || !a.criteria.is_empty());
    }
    let mut text = ws.to_toml();
    if ws.units.is_empty() {
        text.push_str(crate::text::msg::cli::init_unit_comment(lang));
    }
    write(WORKSPACE_FILE, text.as_bytes())?;
    println!("{} {}", lang.text().init_done, dir.display());
    Ok(())
}

/// A new round's identity (`round_id`): the scorecard's year and 16 hex digits of a digest of
/// the moment, the process, the folder and the scorecard id: unique to this `init`, never
/// derived from anything a later edit changes. Submissions sealed in the round carry it.
fn new_round_id(sc: &Scorecard, dir: &Path) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let abs = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let seed = format!("{nanos}\n{}\n{}\n{}", std::process::id(), abs.display(), sc.id);
    let d = crate::core::seal::digest_of(seed.as_bytes());
    let year = sc.year.map_or_else(|| "r".to_owned(), |y| y.to_string());
    format!("{year}-{}", &d["sha256:".len().."sha256:".len() + 16])
}
