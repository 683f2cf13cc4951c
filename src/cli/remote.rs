//! A round kept in git (issue 20): `remote init` makes the server's bare repository, `serve` is
//! the forced command of the service account's authorized_keys (the pusher is the key that
//! authenticated, the gitolite pattern), `hook pre-receive` judges every pushed commit with
//! the round's rules ([`crate::core::store::guard`]), and `sync` is the client's round trip.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use super::{CmdResult, Failure};
use crate::core::store::git::{self, Git};
use crate::core::store::guard::Breach;
use crate::core::workspace::Workspace;
use crate::text::msg::Message;
use crate::text::msg::git::GitWord as W;
use crate::text::{Lang, Render};

/// The variable `serve` sets for the hook: who pushed. Set by the server, overwriting whatever
/// came in; the pusher has no way to set it.
pub const PUSHER_VAR: &str = "PARINDEX_PUSHER";
/// The branch of the round.
pub use crate::core::store::git::MAIN;

fn say(m: W, lang: Lang) -> String {
    m.render(lang)
}

fn git_err(what: &str, lang: Lang) -> impl FnOnce(std::io::Error) -> Failure + '_ {
    move |e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Failure::Usage(say(W::NoGit { why: e.to_string() }, lang))
        } else {
            Failure::Usage(say(W::GitFailed { what: what.to_owned(), why: e.to_string() }, lang))
        }
    }
}

/// `parindex remote init REPO --from ROUND [--service-user NAME] [--bin PATH]`.
pub fn init(repo: &Path, from: &Path, service_user: Option<&str>, bin: Option<&Path>, lang: Lang) -> CmdResult {
    let ws = Workspace::load(from)?;
    if service_user.is_some() && !is_root() {
        return Err(Failure::Usage(say(W::ServiceNeedsRoot, lang)));
    }
    if repo.exists() && std::fs::read_dir(repo).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(Failure::Usage(say(W::NotARepoPath { repo: repo.display().to_string() }, lang)));
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let repo_abs = if repo.is_absolute() { repo.to_path_buf() } else { cwd.join(repo) };
    let from_abs = if from.is_absolute() { from.to_path_buf() } else { cwd.join(from) };
    Git::new(&cwd).out(&["init", "--quiet", "--bare", "-b", MAIN, &repo_abs.to_string_lossy()]).map_err(git_err("init", lang))?;
    // The round's files as the first commit, through a temporary index (the round's folder is
    // not made a repository).
    let tmp = tempfile::tempdir().map_err(Failure::write(&repo_abs))?;
    let index = tmp.path().join("index");
    let g = Git::new(&repo_abs)
        .env("GIT_INDEX_FILE", &index.to_string_lossy())
        .env("GIT_WORK_TREE", &from_abs.to_string_lossy())
        .env("GIT_AUTHOR_NAME", "parindex")
        .env("GIT_AUTHOR_EMAIL", "parindex@localhost")
        .env("GIT_COMMITTER_NAME", "parindex")
        .env("GIT_COMMITTER_EMAIL", "parindex@localhost");
    // Edit locks and temp files are not history, whatever the round's own .gitignore says.
    let exclude = repo_abs.join("info").join("exclude");
    std::fs::create_dir_all(repo_abs.join("info")).map_err(Failure::write(&exclude))?;
    std::fs::write(&exclude, crate::core::workspace::GITIGNORE).map_err(Failure::write(&exclude))?;
    g.out(&["add", "-A", "--", "."]).map_err(git_err("add", lang))?;
    let tree = g.out(&["write-tree"]).map_err(git_err("write-tree", lang))?;
    let msg = format!("{}\n\nparindex remote init --from {}", ws.title, from.display());
    let commit = g.out(&["commit-tree", &tree, "-m", &msg]).map_err(git_err("commit-tree", lang))?;
    g.out(&["update-ref", &format!("refs/heads/{MAIN}"), &commit]).map_err(git_err("update-ref", lang))?;
    for (k, v) in [("receive.denyNonFastForwards", "true"), ("receive.denyDeletes", "true"), ("core.logAllRefUpdates", "true")] {
        Git::new(&repo_abs).out(&["config", k, v]).map_err(git_err("config", lang))?;
    }
    let bin = match bin {
        Some(b) => b.to_path_buf(),
        None => std::env::current_exe().map_err(|e| Failure::Usage(e.to_string()))?,
    };
    let hook = repo_abs.join("hooks").join("pre-receive");
    let script = format!(
        "#!/bin/sh\n# Every push is judged by the round's rules (parindex, issue 20).\nexec {} hook pre-receive\n",
        sh_quote(&bin.to_string_lossy())
    );
    crate::core::fsutil::write_atomic(&hook, script.as_bytes()).map_err(Failure::write(&hook))?;
    set_mode(&hook, 0o755).map_err(Failure::write(&hook))?;
    if let Some(user) = service_user {
        // Nobody but the service account reads or writes it directly.
        set_mode(&repo_abs, 0o700).map_err(Failure::write(&repo_abs))?;
        let o = std::process::Command::new("chown").arg("-R").arg(format!("{user}:")).arg(&repo_abs).output().map_err(git_err("chown", lang))?;
        if !o.status.success() {
            return Err(Failure::Usage(say(W::GitFailed { what: "chown".into(), why: String::from_utf8_lossy(&o.stderr).trim().to_owned() }, lang)));
        }
    }
    println!("{}", say(W::Made { repo: repo_abs.display().to_string(), commit: commit[..12].to_owned(), units: ws.units.len() }, lang));
    println!();
    let home = service_user.map_or_else(|| "~".to_owned(), |u| format!("~{u}"));
    println!("{}", say(W::KeysHeading { home }, lang));
    print!("{}", authorized_keys(&ws, &bin, &repo_abs, lang));
    println!();
    let url = format!("ssh://{}@SERVER{}", service_user.unwrap_or("git"), repo_abs.display());
    println!("{}", say(W::CloneHint { url }, lang));
    Ok(())
}

/// The service account's authorized_keys lines: one per key of every person of the round, each
/// forced to `parindex serve` as that person.
pub fn authorized_keys(ws: &Workspace, bin: &Path, repo: &Path, lang: Lang) -> String {
    let mut s = String::new();
    for user in ws.everyone() {
        let keys = ws.keys_of(&user);
        if keys.is_empty() {
            s.push_str(&say(W::NoKeys { user: user.clone() }, lang));
            s.push('\n');
        }
        for k in keys {
            let Ok(line) = k.to_openssh() else { continue };
            let cmd = format!("{} serve --repo {} --user {}", sh_quote(&bin.to_string_lossy()), sh_quote(&repo.to_string_lossy()), sh_quote(&user));
            s.push_str(&format!(
                "command=\"{}\",no-port-forwarding,no-X11-forwarding,no-agent-forwarding,no-pty,no-user-rc {line}\n",
                cmd.replace('\\', "\\\\").replace('"', "\\\"")
            ));
        }
    }
    s
}

fn sh_quote(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+:@".contains(c)) {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// Whether we run as root (a service account is set up by root; the server is Unix).
#[cfg(unix)]
fn is_root() -> bool {
    rustix::process::getuid().is_root()
}

#[cfg(not(unix))]
fn is_root() -> bool {
    false
}

#[cfg(unix)]
fn set_mode(p: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode))
}

/// Modes are Unix's: on Windows the hook's folder keeps what the system gives it.
#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) -> std::io::Result<()> {
    Ok(())
}

/// `parindex serve --repo REPO --user NAME`: the forced command. Runs git-receive-pack or
/// git-upload-pack of REPO only, with the pusher set by us.
pub fn serve(repo: &Path, user: &str, lang: Lang) -> CmdResult {
    let Some(original) = std::env::var_os("SSH_ORIGINAL_COMMAND") else {
        return Err(Failure::Usage(say(W::NoCommand, lang)));
    };
    let original = original.to_string_lossy().into_owned();
    let (service, asked) = parse_git_command(&original).ok_or_else(|| Failure::Usage(say(W::BadCommand { command: original.clone() }, lang)))?;
    if !same_repo(&asked, repo) {
        return Err(Failure::Usage(say(W::OtherRepo { asked }, lang)));
    }
    // Only workspace.toml of main's tip says who belongs to the round (every tip loads: the
    // hook took it).
    let text = Git::new(repo)
        .run(&["cat-file", "blob", &format!("refs/heads/{MAIN}:{}", crate::core::workspace::WORKSPACE_FILE)])
        .map_err(git_err("show", lang))?;
    if !text.ok {
        return Err(Failure::Usage(say(W::GitFailed { what: "show".into(), why: text.err_text() }, lang)));
    }
    let people = crate::core::workspace::roster(Path::new(crate::core::workspace::WORKSPACE_FILE), text.stdout)?;
    if !people.single_user && !people.everyone.iter().any(|u| u == user) {
        return Err(Failure::Usage(say(W::UnknownPerson { user: user.to_owned() }, lang)));
    }
    let mut cmd = std::process::Command::new("git");
    cmd.arg(service).arg(repo);
    // Nothing of the caller's git settings reaches the repository; the pusher is ours.
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("GIT_") || k == PUSHER_VAR {
            cmd.env_remove(&k);
        }
    }
    cmd.env(PUSHER_VAR, user);
    let status = cmd.status().map_err(git_err(service, lang))?;
    if status.success() { Ok(()) } else { Err(Failure::CheckFailed) }
}

/// `git-receive-pack 'path'` (or `git receive-pack`, upload-pack likewise): the service and the
/// path asked for.
fn parse_git_command(s: &str) -> Option<(&'static str, String)> {
    let s = s.trim();
    let (service, rest) = if let Some(r) = s.strip_prefix("git-receive-pack ").or_else(|| s.strip_prefix("git receive-pack ")) {
        ("receive-pack", r)
    } else if let Some(r) = s.strip_prefix("git-upload-pack ").or_else(|| s.strip_prefix("git upload-pack ")) {
        ("upload-pack", r)
    } else {
        return None;
    };
    let rest = rest.trim();
    let path = rest.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')).unwrap_or(rest);
    if path.is_empty() || path.contains('\'') || path.contains('\n') {
        return None;
    }
    Some((service, path.to_owned()))
}

/// Whether the path a client asked for names our repository: the same path, or its last
/// component (with or without `.git`, `~/` in front).
fn same_repo(asked: &str, repo: &Path) -> bool {
    let asked = asked.trim_start_matches("~/").trim_end_matches('/');
    if Path::new(asked) == repo {
        return true;
    }
    let name = repo.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let bare = name.strip_suffix(".git").unwrap_or(&name);
    let asked_name = asked.rsplit('/').next().unwrap_or(asked);
    let asked_bare = asked_name.strip_suffix(".git").unwrap_or(asked_name);
    asked_bare == bare && (asked == asked_name || asked.starts_with('/') && Path::new(asked) == repo)
}

/// `parindex hook pre-receive` (run by git in the bare repository, its ref updates on standard
/// input).
pub fn hook(name: &str, lang: Lang) -> CmdResult {
    if name != "pre-receive" {
        return Err(Failure::Usage(say(W::UnknownHook { name: name.to_owned() }, lang)));
    }
    let repo = PathBuf::from(".");
    let pusher = std::env::var(PUSHER_VAR).ok().filter(|u| !u.is_empty());
    let mut refusals: Vec<String> = Vec::new();
    let Some(user) = pusher else {
        eprintln!("{}", say(W::NoPusher, lang));
        return Err(Failure::CheckFailed);
    };
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line.map_err(|e| Failure::Usage(e.to_string()))?;
        let mut f = line.split_whitespace();
        let (Some(old), Some(new), Some(name)) = (f.next(), f.next(), f.next()) else { continue };
        refusals.extend(judge_update(&repo, old, new, name, &user, lang));
    }
    if refusals.is_empty() {
        return Ok(());
    }
    for r in &refusals {
        for line in r.lines() {
            eprintln!("{}", crate::core::clean::text(line));
        }
    }
    eprintln!("{}", say(W::Refusals { count: refusals.len() }, lang));
    Err(Failure::CheckFailed)
}

/// The refusals of one ref update, each a paragraph.
fn judge_update(repo: &Path, old: &str, new: &str, name: &str, user: &str, lang: Lang) -> Vec<String> {
    if name != format!("refs/heads/{MAIN}") {
        return vec![say(W::OnlyMain { branch: name.to_owned(), main: MAIN.to_owned() }, lang)];
    }
    if new == git::ZERO {
        return vec![say(W::DeleteRef { branch: name.to_owned() }, lang)];
    }
    if old == git::ZERO || !Git::new(repo).run(&["merge-base", "--is-ancestor", old, new]).is_ok_and(|o| o.ok) {
        return vec![say(W::ForcePush { branch: name.to_owned() }, lang)];
    }
    let commits = match Git::new(repo).out(&["rev-list", "--reverse", "--topo-order", &format!("{old}..{new}")]) {
        Ok(s) => s.lines().map(str::to_owned).collect::<Vec<_>>(),
        Err(e) => return vec![say(W::GitFailed { what: "rev-list".into(), why: e.to_string() }, lang)],
    };
    let mut out = Vec::new();
    // Each commit's tree is its parent's with the commit's changes: carried from one commit to
    // the next, not exported whole twice per commit.
    let mut trees = None;
    // The branch's commits were taken by this hook, whose whole check each passed, all but the
    // first, made by `remote init` (the round loaded, not checked): a push onto that one is
    // checked whole. Each later commit of the push stands on one judged just before.
    let mut parent_checked = Git::new(repo).out(&["rev-list", "--parents", "-n1", old]).is_ok_and(|s| s.split_whitespace().count() > 1);
    for c in commits {
        let reasons = judge_commit(repo, &c, user, &mut trees, parent_checked, lang);
        parent_checked = true;
        if !reasons.is_empty() {
            let subject = Git::new(repo).out(&["log", "-1", "--format=%s", &c]).unwrap_or_default();
            let mut s = say(W::CommitRefused { commit: c[..12.min(c.len())].to_owned(), subject }, lang);
            for r in reasons {
                s.push_str("\n  - ");
                s.push_str(&r.replace('\n', "\n    "));
            }
            out.push(s);
            // Later commits stand on this one: judged against a state that is not taken.
            break;
        }
    }
    out
}

/// Why one commit is refused (empty: it stands). `trees` holds the trees of the commit judged
/// before (made on first use); `parent_checked`: the parent passed the round's whole check.
fn judge_commit(repo: &Path, commit: &str, user: &str, trees: &mut Option<git::TreePair>, parent_checked: bool, lang: Lang) -> Vec<String> {
    let fail = |what: &str, e: std::io::Error| vec![say(W::GitFailed { what: what.to_owned(), why: e.to_string() }, lang)];
    let parents = match Git::new(repo).out(&["rev-list", "--parents", "-n1", commit]) {
        Ok(s) => s.split_whitespace().skip(1).map(str::to_owned).collect::<Vec<_>>(),
        Err(e) => return fail("rev-list", e),
    };
    if parents.len() != 1 {
        return vec![say(W::Merge { commit: commit[..12.min(commit.len())].to_owned() }, lang)];
    }
    let parent = &parents[0];
    let pair = match trees {
        Some(t) => t,
        None => match git::TreePair::new() {
            Ok(t) => trees.insert(t),
            Err(e) => return fail("tempdir", e),
        },
    };
    let (old_dir, new_dir) = match pair.both(repo, parent, commit) {
        Ok(d) => d,
        Err(e) => return fail("checkout-index", e),
    };
    let changes = match git::changes(repo, parent, commit) {
        Ok(c) => c,
        Err(e) => return fail("diff-tree", e),
    };
    let old = match Workspace::load(&old_dir) {
        Ok(ws) => ws,
        Err(e) => return vec![say(W::DoesNotLoad { problems: e.diagnostics.render_in(lang) }, lang)],
    };
    let mut out = Vec::new();
    if old.lists_keys()
        && let Some(why) = commit_signature(repo, commit, &old, user, lang)
    {
        out.push(why);
    }
    let today = crate::core::round::today();
    for b in crate::core::store::guard::judge(&old, &new_dir, &changes, user, today, parent_checked) {
        out.push(breach_words(&b, user, lang).replace(&format!("{}/", new_dir.display()), ""));
    }
    out
}

/// The commit must carry an SSH signature by one of the pusher's keys.
fn commit_signature(repo: &Path, commit: &str, ws: &Workspace, user: &str, lang: Lang) -> Option<String> {
    let keys = ws.keys_of(user);
    let refused = || Some(say(W::CommitUnsignedByPusher { user: user.to_owned() }, lang));
    let tmp = tempfile::NamedTempFile::new().ok()?;
    let mut lines = String::new();
    for k in &keys {
        if let Ok(l) = k.to_openssh() {
            lines.push_str(&format!("\"{}\" namespaces=\"git\" {l}\n", user.replace('"', "")));
        }
    }
    if std::fs::write(tmp.path(), lines).is_err() {
        return refused();
    }
    let allowed = format!("gpg.ssh.allowedSignersFile={}", tmp.path().display());
    match Git::new(repo).run(&["-c", "gpg.format=ssh", "-c", &allowed, "verify-commit", commit]) {
        Ok(o) if o.ok && !keys.is_empty() => None,
        _ => refused(),
    }
}

fn breach_words(b: &Breach, user: &str, lang: Lang) -> String {
    let user = user.to_owned();
    match b {
        Breach::OfficeOnly { path } => say(W::OfficeOnly { path: path.clone(), user }, lang),
        Breach::NotYours { path, unit } => say(W::NotYours { path: path.clone(), unit: unit.clone(), user }, lang),
        Breach::NotPlain { path } => say(W::NotPlain { path: path.clone() }, lang),
        Breach::Deleted { path } => say(W::Deleted { path: path.clone() }, lang),
        Breach::LogRewritten { unit } => say(W::LogRewritten { unit: unit.clone() }, lang),
        Breach::NotLogged { path } => say(W::NotLogged { path: path.clone() }, lang),
        Breach::OtherName { unit, user: name } => say(W::OtherName { unit: unit.clone(), name: name.clone(), user }, lang),
        Breach::Refused { unit, action, why } => say(W::Refused { unit: unit.clone(), action: action.clone(), why: why.render(lang) }, lang),
        Breach::OutOfStep { unit, logged, file } => {
            let st = |s: &Option<crate::core::answers::Status>| s.map_or_else(|| "—".to_owned(), |s| lang.text().status(Some(s)).to_owned());
            say(W::OutOfStep { unit: unit.clone(), logged: st(logged), file: st(file) }, lang)
        }
        Breach::Unsigned { unit } => say(W::Unsigned { unit: unit.clone() }, lang),
        Breach::Load(e) => say(W::DoesNotLoad { problems: e.diagnostics.render_in(lang).trim_end().to_owned() }, lang),
        Breach::Check(d) => say(W::CheckFails { count: d.error_count(), problems: d.render_in(lang).trim_end().to_owned() }, lang),
    }
}

/// `parindex sync -w DIR [--key FILE]`.
pub fn sync(dir: &Path, key: Option<&Path>, set_aside: bool, lang: Lang) -> CmdResult {
    let said = if set_aside { crate::sync::set_aside_said(dir, lang) } else { crate::sync::sync_once(dir, key, lang) }.map_err(Failure::Usage)?;
    println!("{said}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_git_of_the_one_repository_is_served() {
        assert_eq!(parse_git_command("git-receive-pack '/srv/git/r.git'"), Some(("receive-pack", "/srv/git/r.git".to_owned())));
        assert_eq!(parse_git_command("git-upload-pack 'r.git'"), Some(("upload-pack", "r.git".to_owned())));
        assert_eq!(parse_git_command("git upload-pack '~/r.git'"), Some(("upload-pack", "~/r.git".to_owned())));
        for bad in ["bash", "git-receive-pack", "git-receive-pack ''", "git-receive-pack 'a'b'", "scp -t /tmp", "git-upload-archive 'r.git'"] {
            assert_eq!(parse_git_command(bad), None, "{bad}");
        }
        let repo = Path::new("/srv/git/r.git");
        for ok in ["/srv/git/r.git", "r.git", "r", "~/r.git", "/srv/git/r.git/"] {
            assert!(same_repo(ok, repo), "{ok}");
        }
        for other in ["/srv/git/other.git", "/tmp/r.git", "x/r.git", "../r.git"] {
            assert!(!same_repo(other, repo), "{other}");
        }
    }
}
