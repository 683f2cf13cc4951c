//! A git clone's round trip with the server (issue 20): what `parindex sync` and the
//! dashboard's sync key do. Git through its command line ([`crate::core::store::git`]).

use std::path::{Path, PathBuf};

use crate::core::store::git::{self, Git};
use crate::core::workspace::Workspace;
use crate::text::msg::Message;
use crate::text::msg::git::GitWord as W;
use crate::text::{Lang, Render};

/// The branch of the round.
const MAIN: &str = crate::cli::remote::MAIN;

fn say(m: W, lang: Lang) -> String {
    m.render(lang)
}

/// One round trip of a clone: commits the user's own changes (a message in words, as `log`
/// says them), `git pull --rebase`, pushes. `Ok`: what happened; `Err`: why it stopped, in
/// `lang`. Called by the dashboard's worker too.
pub fn sync_once(dir: &Path, key: Option<&Path>, lang: Lang) -> Result<String, String> {
    if !git::is_clone(dir) {
        return Err(say(W::NotAClone { dir: dir.display().to_string() }, lang));
    }
    let ws = Workspace::load(dir).map_err(|e| e.diagnostics.render_in(lang).trim_end().to_owned())?;
    let user = crate::core::roles::user_in(dir);
    let failed = |what: &str| {
        let what = what.to_owned();
        move |e: std::io::Error| {
            if e.kind() == std::io::ErrorKind::NotFound {
                say(W::NoGit { why: e.to_string() }, lang)
            } else {
                say(W::GitFailed { what: what.clone(), why: e.to_string() }, lang)
            }
        }
    };
    // Settings of every git call of the sync: the name, and signing when keys are listed.
    let mut cfg: Vec<String> = Vec::new();
    let g0 = Git::new(dir);
    if g0.out(&["config", "--get", "user.name"]).map_or(true, |s| s.is_empty()) {
        cfg.extend(["-c".into(), format!("user.name={user}"), "-c".into(), format!("user.email={user}@parindex")]);
    }
    let key = key.map(Path::to_path_buf).or_else(|| std::env::var_os("PARINDEX_SIGNING_KEY").map(PathBuf::from));
    if ws.lists_keys() {
        cfg.extend(["-c".into(), "gpg.format=ssh".into(), "-c".into(), "commit.gpgSign=true".into()]);
        match &key {
            Some(k) => cfg.extend(["-c".into(), format!("user.signingkey={}", k.display())]),
            None if g0.out(&["config", "--get", "user.signingkey"]).map_or(true, |s| s.is_empty()) => {
                return Err(say(W::NeedsSigningKey, lang));
            }
            None => {}
        }
    }
    let run = |args: &[&str]| -> std::io::Result<git::Output> {
        let mut all: Vec<&str> = cfg.iter().map(String::as_str).collect();
        all.extend_from_slice(args);
        Git::new(dir).run(&all)
    };
    let ok = |what: &str, o: git::Output| -> Result<String, String> {
        if o.ok { Ok(o.text()) } else { Err(say(W::GitFailed { what: what.to_owned(), why: o.err_text() }, lang)) }
    };
    // Edit locks and temp files are never committed, whatever the round's .gitignore says
    // (a round made before `init` wrote one has none).
    let exclude = dir.join(".git").join("info").join("exclude");
    let have = std::fs::read_to_string(&exclude).unwrap_or_default();
    if !have.contains(".locks/") {
        let _ = std::fs::create_dir_all(dir.join(".git").join("info"));
        let _ = std::fs::write(&exclude, format!("{have}{}", crate::core::workspace::GITIGNORE));
    }
    // 1. The user's own changes as one commit.
    let status = ok("status", run(&["status", "--porcelain", "--untracked-files=all"]).map_err(failed("status"))?)?;
    if !status.trim().is_empty() {
        ok("add", run(&["add", "-A"]).map_err(failed("add"))?)?;
        let message = commit_message(dir, &ws, &user, lang);
        let mut args = vec!["commit", "--quiet", "-m", message.as_str()];
        if ws.lists_keys() {
            args.push("-S");
        }
        ok("commit", run(&args).map_err(failed("commit"))?)?;
    }
    // 2. Others' work.
    let before = run(&["rev-parse", "--verify", "--quiet", "refs/remotes/origin/main"]).map(|o| o.text()).unwrap_or_default();
    let pull = run(&["pull", "--rebase", "--quiet", "origin", MAIN]).map_err(failed("pull"))?;
    if !pull.ok {
        let files = run(&["diff", "--name-only", "--diff-filter=U"]).map(|o| o.text()).unwrap_or_default();
        if !files.trim().is_empty() {
            let _ = run(&["rebase", "--abort"]);
            return Err(say(W::Conflict { files: files.lines().collect::<Vec<_>>().join(", ") }, lang));
        }
        return Err(say(W::GitFailed { what: "pull --rebase".into(), why: pull.err_text() }, lang));
    }
    let count = |range: &str| run(&["rev-list", "--count", range]).ok().and_then(|o| o.text().parse::<usize>().ok()).unwrap_or(0);
    let received = if before.is_empty() { 0 } else { count(&format!("{before}..refs/remotes/origin/main")) };
    let sent = count("refs/remotes/origin/main..HEAD");
    // 3. Ours to the server (its hook judges every commit).
    if sent > 0 {
        let push = run(&["push", "--quiet", "origin", &format!("HEAD:{MAIN}")]).map_err(failed("push"))?;
        if !push.ok {
            let why: Vec<String> = push
                .err_text()
                .lines()
                .filter_map(|l| l.strip_prefix("remote: ").or_else(|| l.strip_prefix("remote:")))
                .map(|l| l.trim_end().to_owned())
                .filter(|l| !l.is_empty())
                .collect();
            let why = if why.is_empty() { push.err_text() } else { why.join("\n") };
            return Err(say(W::PushRefused { why }, lang));
        }
    }
    if sent == 0 && received == 0 {
        return Ok(say(W::NothingToSync, lang));
    }
    Ok(say(W::Synced { sent, received }, lang))
}

/// The commit message of a sync: a subject naming the unit (or the round), then each new log
/// entry in words, as `parindex log` says it.
fn commit_message(dir: &Path, ws: &Workspace, user: &str, lang: Lang) -> String {
    let mut body: Vec<String> = Vec::new();
    let mut units: Vec<String> = Vec::new();
    for u in &ws.units {
        let rel = format!("{}/{}.jsonl", crate::core::audit::AUDIT, u.id);
        let Ok(now) = std::fs::read(dir.join(&rel)) else { continue };
        let before = Git::new(dir).run(&["show", &format!("HEAD:{rel}")]).ok().filter(|o| o.ok).map(|o| o.stdout).unwrap_or_default();
        if !now.starts_with(&before) || now.len() == before.len() {
            if now != before {
                units.push(u.id.clone());
            }
            continue;
        }
        units.push(u.id.clone());
        for line in now[before.len()..].split(|&b| b == b'\n') {
            if let Some(e) = std::str::from_utf8(line).ok().and_then(|l| serde_json::from_str::<crate::core::audit::Entry>(l).ok()) {
                body.push(format!("{}: {}", u.id, crate::cli::log::entry_words(ws, &e, lang)));
            }
        }
    }
    let subject = match units.as_slice() {
        [one] => say(W::Subject { unit: one.clone(), n: body.len(), user: user.to_owned() }, lang),
        _ => say(W::SubjectRound { user: user.to_owned() }, lang),
    };
    const MAX_LINES: usize = 200;
    let more = body.len().saturating_sub(MAX_LINES);
    body.truncate(MAX_LINES);
    if more > 0 {
        body.push(format!("… (+{more})"));
    }
    let body: Vec<String> = body.into_iter().map(|l| crate::core::clean::text(&l).chars().take(300).collect()).collect();
    if body.is_empty() { subject } else { format!("{subject}\n\n{}", body.join("\n")) }
}

/// How many of the clone's changes are not on the server yet: files changed and commits ahead
/// of `origin/main` (`None`: not a clone, or git cannot say).
pub fn pending(dir: &Path) -> Option<usize> {
    if !git::is_clone(dir) {
        return None;
    }
    let g = Git::new(dir);
    let files = g.out(&["status", "--porcelain", "--untracked-files=all"]).ok()?.lines().count();
    let ahead = g.out(&["rev-list", "--count", "refs/remotes/origin/main..HEAD"]).ok().and_then(|s| s.parse::<usize>().ok()).unwrap_or(0);
    Some(files + ahead)
}
