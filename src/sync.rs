//! A git clone's round trip with the server (issue 20): what `parindex sync` and the
//! dashboard's sync key do. Git through its command line ([`crate::core::store::git`]).
//!
//! A sync is a [`RoundTrip`] taken through its [`Phase`]s: local ones (commit the user's own
//! changes; integrate the fetched work by rebasing onto `origin/main`) and network ones (fetch
//! `origin main`; push). `parindex sync` runs them one after the other ([`sync_with`]); the
//! dashboard runs the local ones on its disk worker (where saves run too, so they never race)
//! and the network ones on a short-lived thread of their own, so that saves and loads go on
//! while the network is slow (`src/tui/session.rs`, `start_sync`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::core::store::git::{self, Git};
use crate::core::workspace::Workspace;
use crate::text::msg::Message;
use crate::text::msg::git::GitWord as W;
use crate::text::{Lang, Render};

/// The branch of the round.
const MAIN: &str = crate::core::store::git::MAIN;

/// The server's branch as this clone last fetched it.
const ORIGIN_MAIN: &str = "refs/remotes/origin/main";

fn say(m: W, lang: Lang) -> String {
    m.render(lang)
}

/// A step of a sync.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// The user's own changes as one commit (local).
    Commit,
    /// `git fetch origin main` into `origin/main` (network).
    Fetch,
    /// What a save wrote since [`Phase::Commit`] committed too, then the commits not on the
    /// server rebased onto `origin/main`, and counted (local).
    Integrate,
    /// `git push origin HEAD:main` (network).
    Push,
}

impl Phase {
    /// Whether the phase only touches the clone (no network): the dashboard runs it on its
    /// disk worker.
    pub fn is_local(self) -> bool {
        matches!(self, Phase::Commit | Phase::Integrate)
    }
}

/// One sync of a clone: its settings and what it has done so far. `Send`, so that it goes from
/// the disk worker to the network thread and back.
#[derive(Debug)]
pub struct RoundTrip {
    dir: PathBuf,
    /// Settings of every git call of the sync: the name, and signing when keys are listed.
    cfg: Vec<String>,
    signed: bool,
    user: String,
    lang: Lang,
    /// `origin/main` before the first fetch (empty: none).
    before: Option<String>,
    received: usize,
    sent: usize,
    /// A push found the server moved on once already (it is fetched, rebased and pushed again
    /// once).
    retried: bool,
    /// The rebase brought in a change of the round's settings (workspace.toml or the
    /// scorecard file): a dashboard open on the round holds the old ones.
    settings: bool,
    /// The server's hook refused the push: the clone's changes will never be taken as they
    /// are (the dashboard then offers to set them aside).
    refused: bool,
}

/// One round trip of a clone: commits the user's own changes (a message in words, as `log`
/// says them), fetches, rebases onto the server's branch, pushes. `Ok`: what happened; `Err`:
/// why it stopped, in `lang`. Loads the round once (`parindex sync`); [`sync_with`] when it is
/// loaded.
pub fn sync_once(dir: &Path, key: Option<&Path>, lang: Lang) -> Result<String, String> {
    if !git::is_clone(dir) {
        return Err(say(W::NotAClone { dir: dir.display().to_string() }, lang));
    }
    let ws = Workspace::load(dir).map_err(|e| e.diagnostics.render_in(lang).trim_end().to_owned())?;
    sync_with(&ws, key, lang)
}

/// [`sync_once`] on a loaded round: every phase in turn, on this thread.
pub fn sync_with(ws: &Workspace, key: Option<&Path>, lang: Lang) -> Result<String, String> {
    let mut s = RoundTrip::start(ws, key, lang)?;
    let mut next = Some(Phase::Commit);
    while let Some(p) = next {
        next = if p.is_local() { s.local(ws, p)? } else { s.network(p)? };
    }
    Ok(s.said())
}

impl RoundTrip {
    /// Gets a sync of `ws`'s clone ready: its settings (the name; signing with `key`, or
    /// `PARINDEX_SIGNING_KEY`, when the round lists keys: refused without one), and edit
    /// locks and temp files kept out of git. Local and quick.
    pub fn start(ws: &Workspace, key: Option<&Path>, lang: Lang) -> Result<RoundTrip, String> {
        let dir = ws.dir.clone();
        if !git::is_clone(&dir) {
            return Err(say(W::NotAClone { dir: dir.display().to_string() }, lang));
        }
        let user = crate::core::roles::user_in(&dir);
        let mut cfg: Vec<String> = Vec::new();
        let g0 = Git::new(&dir);
        if g0.out(&["config", "--get", "user.name"]).map_or(true, |s| s.is_empty()) {
            cfg.extend(["-c".into(), format!("user.name={user}"), "-c".into(), format!("user.email={user}@parindex")]);
        }
        let key = key.map(Path::to_path_buf).or_else(|| std::env::var_os("PARINDEX_SIGNING_KEY").map(PathBuf::from));
        let signed = ws.lists_keys();
        if signed {
            cfg.extend(["-c".into(), "gpg.format=ssh".into(), "-c".into(), "commit.gpgSign=true".into()]);
            match &key {
                Some(k) => cfg.extend(["-c".into(), format!("user.signingkey={}", k.display())]),
                None if g0.out(&["config", "--get", "user.signingkey"]).map_or(true, |s| s.is_empty()) => {
                    return Err(say(W::NeedsSigningKey, lang));
                }
                None => {}
            }
        }
        // Edit locks and temp files are never committed, whatever the round's .gitignore says
        // (a round made before `init` wrote one has none).
        let exclude = dir.join(".git").join("info").join("exclude");
        let have = std::fs::read_to_string(&exclude).unwrap_or_default();
        if !have.contains(".locks/") {
            let _ = std::fs::create_dir_all(dir.join(".git").join("info"));
            let _ = std::fs::write(&exclude, format!("{have}{}", crate::core::workspace::GITIGNORE));
        }
        Ok(RoundTrip { dir, cfg, signed, user, lang, before: None, received: 0, sent: 0, retried: false, settings: false, refused: false })
    }

    /// Runs a local phase ([`Phase::is_local`]) and says which comes next (`None`: the sync is
    /// done; [`RoundTrip::said`] says what it did). `ws`: the round as loaded (the commit message
    /// names its criteria). A network phase given here is run here too.
    pub fn local(&mut self, ws: &Workspace, phase: Phase) -> Result<Option<Phase>, String> {
        match phase {
            Phase::Commit => {
                self.commit(ws)?;
                Ok(Some(Phase::Fetch))
            }
            Phase::Integrate => self.integrate(ws),
            Phase::Fetch | Phase::Push => self.network(phase),
        }
    }

    /// Runs a network phase and says which comes next (`None`: done). A local phase is not
    /// run here (it needs the round, and the dashboard runs it on its disk worker): it is
    /// handed back as the next one.
    pub fn network(&mut self, phase: Phase) -> Result<Option<Phase>, String> {
        match phase {
            Phase::Fetch => {
                self.fetch()?;
                Ok(Some(Phase::Integrate))
            }
            Phase::Push => self.push(),
            Phase::Commit | Phase::Integrate => Ok(Some(phase)),
        }
    }

    /// What the finished sync did, in words.
    pub fn said(&self) -> String {
        if self.sent == 0 && self.received == 0 {
            return say(W::NothingToSync, self.lang);
        }
        say(W::Synced { sent: self.sent, received: self.received }, self.lang)
    }

    /// Whether what the sync received changed the round's settings (workspace.toml or the
    /// scorecard file named in the workspace.toml as loaded): a dashboard open on the round
    /// was loaded with the old ones.
    pub fn settings_changed(&self) -> bool {
        self.settings
    }

    /// The language the sync speaks.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether the server's hook refused the push (not a network failure, not a conflict).
    pub fn refused(&self) -> bool {
        self.refused
    }

    fn run(&self, args: &[&str]) -> std::io::Result<git::Output> {
        let mut all: Vec<&str> = self.cfg.iter().map(String::as_str).collect();
        all.extend_from_slice(args);
        Git::new(&self.dir).run(&all)
    }

    /// Why git could not be run, in words.
    fn failed(&self, what: &'static str) -> impl Fn(std::io::Error) -> String {
        let lang = self.lang;
        move |e: std::io::Error| {
            if e.kind() == std::io::ErrorKind::NotFound {
                say(W::NoGit { why: e.to_string() }, lang)
            } else {
                say(W::GitFailed { what: what.to_owned(), why: e.to_string() }, lang)
            }
        }
    }

    fn ok(&self, what: &str, o: git::Output) -> Result<String, String> {
        if o.ok { Ok(o.text()) } else { Err(say(W::GitFailed { what: what.to_owned(), why: o.err_text() }, self.lang)) }
    }

    /// The user's own changes as one commit (nothing when the clone is clean).
    fn commit(&self, ws: &Workspace) -> Result<(), String> {
        let status = self.run(&["status", "--porcelain", "-z", "--untracked-files=all"]).map_err(self.failed("status"))?;
        if !status.ok {
            return Err(say(W::GitFailed { what: "status".into(), why: status.err_text() }, self.lang));
        }
        let changed = status_paths(&status.stdout);
        if changed.is_empty() {
            return Ok(());
        }
        let o = self.run(&["add", "-A"]).map_err(self.failed("add"))?;
        self.ok("add", o)?;
        let message = commit_message(&self.dir, ws, &changed, &self.user, self.lang);
        let mut args = vec!["commit", "--quiet", "-m", message.as_str()];
        if self.signed {
            args.push("-S");
        }
        let o = self.run(&args).map_err(self.failed("commit"))?;
        self.ok("commit", o)?;
        Ok(())
    }

    /// The server's branch, fetched (what it was before the first fetch is kept, to count
    /// what was received).
    fn fetch(&mut self) -> Result<(), String> {
        if self.before.is_none() {
            self.before = Some(self.run(&["rev-parse", "--verify", "--quiet", ORIGIN_MAIN]).map(|o| o.text()).unwrap_or_default());
        }
        // The refspec spelled out: the tracking branch is updated whatever the clone's
        // `remote.origin.fetch` says.
        let spec = format!("+refs/heads/{MAIN}:{ORIGIN_MAIN}");
        let o = self.run(&["fetch", "--quiet", "origin", &spec]).map_err(self.failed("fetch"))?;
        self.ok("fetch", o)?;
        Ok(())
    }

    /// A save made since the commit phase committed too (the clone must be clean to rebase),
    /// then the local commits rebased onto the fetched branch; what is to be sent and what was
    /// received counted.
    fn integrate(&mut self, ws: &Workspace) -> Result<Option<Phase>, String> {
        self.commit(ws)?;
        let old = self.run(&["rev-parse", "--verify", "--quiet", "HEAD"]).map(|o| o.text()).unwrap_or_default();
        let mut rebase = self.run(&["rebase", "--quiet", ORIGIN_MAIN]).map_err(self.failed("rebase"))?;
        // A unit's audit log is the one file two people append to in ordinary work (the head's
        // edits and the Office's moves and appraisal of the same unit): when only logs
        // conflict, ours are chained after theirs, commit by commit.
        let mut rounds = 0;
        while !rebase.ok && rounds < 1000 {
            rounds += 1;
            let files = self.run(&["diff", "--name-only", "--diff-filter=U"]).map(|o| o.text()).unwrap_or_default();
            if files.trim().is_empty() || !files.lines().all(|f| self.rechain_log(f)) {
                break;
            }
            rebase = self.run(&["-c", "core.editor=true", "rebase", "--continue"]).map_err(self.failed("rebase"))?;
        }
        if !rebase.ok {
            let files = self.run(&["diff", "--name-only", "--diff-filter=U"]).map(|o| o.text()).unwrap_or_default();
            let _ = self.run(&["rebase", "--abort"]);
            if !files.trim().is_empty() {
                return Err(say(W::Conflict { files: files.lines().collect::<Vec<_>>().join(", ") }, self.lang));
            }
            return Err(say(W::GitFailed { what: "rebase".into(), why: rebase.err_text() }, self.lang));
        }
        // Our commits replayed on the server's: what differs from our old HEAD came in.
        if !old.is_empty() {
            let settings = [crate::core::workspace::WORKSPACE_FILE, ws.scorecard_file.as_str()];
            let mut args = vec!["diff", "--name-only", old.as_str(), "HEAD", "--"];
            args.extend(settings);
            // git cannot say: taken as changed (reopening costs less than judging by old rules).
            self.settings |= self.run(&args).map_or(true, |o| !o.ok || !o.text().trim().is_empty());
        }
        let count = |range: &str| self.run(&["rev-list", "--count", range]).ok().and_then(|o| o.text().parse::<usize>().ok()).unwrap_or(0);
        let before = self.before.clone().unwrap_or_default();
        let received = if before.is_empty() { 0 } else { count(&format!("{before}..{ORIGIN_MAIN}")) };
        let sent = count(&format!("{ORIGIN_MAIN}..HEAD"));
        (self.received, self.sent) = (received, sent);
        Ok((self.sent > 0).then_some(Phase::Push))
    }

    /// A conflicted unit's audit log in a rebase stopped on one of our commits: the server's
    /// log, then the entries our commit appended, chained anew after it (their numbers and
    /// the hash of the line before), written and staged. `false` (left as it is): not a log,
    /// or not two appends to the same log.
    fn rechain_log(&self, path: &str) -> bool {
        let is_log =
            path.strip_prefix(crate::core::audit::AUDIT).and_then(|r| r.strip_prefix('/')).is_some_and(|n| n.ends_with(".jsonl") && !n.contains('/'));
        if !is_log {
            return false;
        }
        // During a rebase stage 2 is the branch being built (the server's, and our commits
        // replayed so far), stage 3 the commit being replayed, stage 1 their common base.
        let stage = |n: u8| self.run(&["show", &format!(":{n}:{path}")]).ok().filter(|o| o.ok).map(|o| o.stdout);
        let (Some(theirs), Some(ours)) = (stage(2), stage(3)) else { return false };
        let base = stage(1).unwrap_or_default();
        let Some(merged) = rechain(&base, &theirs, &ours) else { return false };
        if std::fs::write(self.dir.join(path), merged).is_err() {
            return false;
        }
        self.run(&["add", "--", path]).is_ok_and(|o| o.ok)
    }

    /// Ours to the server (its hook judges every commit). The server moved on since the fetch
    /// (someone pushed meanwhile): fetched, rebased and pushed again, once.
    fn push(&mut self) -> Result<Option<Phase>, String> {
        let push = self.run(&["push", "--quiet", "origin", &format!("HEAD:{MAIN}")]).map_err(self.failed("push"))?;
        if push.ok {
            return Ok(None);
        }
        let text = push.err_text();
        // git's own refusal of a push that is not a fast-forward ("[rejected] … (fetch first)");
        // the hook's is "[remote rejected]".
        if text.contains("[rejected]") {
            if self.retried {
                return Err(say(W::ServerMovedOn, self.lang));
            }
            self.retried = true;
            return Ok(Some(Phase::Fetch));
        }
        let why: Vec<String> = text
            .lines()
            .filter_map(|l| l.strip_prefix("remote: ").or_else(|| l.strip_prefix("remote:")))
            .map(|l| l.trim_end().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        let why = if why.is_empty() { text } else { why.join("\n") };
        self.refused = true;
        Err(say(W::PushRefused { why }, self.lang))
    }
}

/// Two appends to one audit log, merged: `theirs` (the server's log, with our commits replayed
/// before this one), then the lines `ours` added to `base`, chained after `theirs` (numbered on from its last entry, each naming the hash of the line
/// before it, as [`crate::core::audit::append_in`] writes them). `None`: `ours` is not `base`
/// with lines added, `theirs` is shorter than `base`, or a line added by `ours` is not an
/// entry.
fn rechain(base: &[u8], theirs: &[u8], ours: &[u8]) -> Option<Vec<u8>> {
    use crate::core::audit::{Entry, sha_hex};
    let added = ours.strip_prefix(base)?;
    let blank = |l: &&[u8]| l.iter().all(u8::is_ascii_whitespace);
    let lines: Vec<&[u8]> = theirs.split(|&b| b == b'\n').filter(|l| !blank(l)).collect();
    // `theirs` holds `base`'s entries, as they were or (our earlier commits, replayed before
    // this one) chained anew: at least as many lines.
    if lines.len() < base.split(|&b| b == b'\n').filter(|l| !blank(l)).count() {
        return None;
    }
    let mut prev = lines.last().map(|l| sha_hex(l)).unwrap_or_default();
    let mut seq = lines
        .iter()
        .rev()
        .find_map(|l| std::str::from_utf8(l).ok().and_then(|l| serde_json::from_str::<Entry>(l).ok()))
        .and_then(|e| e.seq)
        .unwrap_or(0);
    let mut out = theirs.to_vec();
    if !out.is_empty() && out.last() != Some(&b'\n') {
        out.push(b'\n');
    }
    for line in added.split(|&b| b == b'\n').filter(|l| !blank(l)) {
        let mut e: Entry = serde_json::from_str(std::str::from_utf8(line).ok()?).ok()?;
        seq += 1;
        e.seq = Some(seq);
        e.prev = Some(prev);
        let text = serde_json::to_string(&e).ok()?;
        prev = sha_hex(text.as_bytes());
        out.extend_from_slice(text.as_bytes());
        out.push(b'\n');
    }
    Some(out)
}

/// Whether the round's settings on disk (workspace.toml and the scorecard it names) differ
/// from `ws`'s, as loaded (a round that no longer loads: they do). For a dashboard open while
/// the settings came in some other way than its own sync (`parindex sync` in another terminal,
/// a `git pull`): its next sync notices.
pub fn settings_differ(ws: &Workspace) -> bool {
    match Workspace::load(&ws.dir) {
        Ok(now) => now.to_toml() != ws.to_toml() || format!("{:?}", now.scorecard) != format!("{:?}", ws.scorecard),
        Err(_) => true,
    }
}

/// The paths `git status --porcelain -z` lists (for a rename, where it goes).
fn status_paths(out: &[u8]) -> Vec<String> {
    let mut paths = Vec::new();
    let mut fields = out.split(|&b| b == 0).filter(|f| !f.is_empty());
    while let Some(f) = fields.next() {
        if f.len() < 4 {
            continue;
        }
        paths.push(String::from_utf8_lossy(&f[3..]).into_owned());
        // A rename or copy: its source follows.
        if matches!(f[0], b'R' | b'C') || matches!(f[1], b'R' | b'C') {
            fields.next();
        }
    }
    paths
}

/// The files' versions in HEAD, read by one `git cat-file --batch` (`None`: not in HEAD, or
/// git cannot say).
fn head_versions(dir: &Path, rels: &[String]) -> Vec<Option<Vec<u8>>> {
    if rels.is_empty() {
        return Vec::new();
    }
    let input: String = rels.iter().map(|r| format!("HEAD:{r}\n")).collect();
    let Some(out) = Git::new(dir).input(input.into_bytes()).run(&["cat-file", "--batch"]).ok().filter(|o| o.ok) else {
        return vec![None; rels.len()];
    };
    // Per object: "<name> blob <size>\n<size bytes>\n", or "<what> missing\n".
    let mut got = Vec::with_capacity(rels.len());
    let mut rest: &[u8] = &out.stdout;
    for _ in rels {
        let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
            got.push(None);
            continue;
        };
        let header = String::from_utf8_lossy(&rest[..nl]).into_owned();
        rest = &rest[nl + 1..];
        let mut h = header.split(' ');
        let (_, kind, size) = (h.next(), h.next(), h.next().and_then(|s| s.parse::<usize>().ok()));
        match (kind, size) {
            (Some("blob"), Some(n)) if rest.len() >= n => {
                got.push(Some(rest[..n].to_vec()));
                rest = rest.get(n + 1..).unwrap_or_default();
            }
            (Some(_), Some(n)) if rest.len() >= n => {
                got.push(None);
                rest = rest.get(n + 1..).unwrap_or_default();
            }
            _ => got.push(None),
        }
    }
    got
}

/// The commit message of a sync: a subject naming the unit (or the round), then each new log
/// entry in words, as `parindex log` says it. `changed`: the paths `git status` lists; only
/// their logs are read (their HEAD versions with one git call).
fn commit_message(dir: &Path, ws: &Workspace, changed: &[String], user: &str, lang: Lang) -> String {
    let changed: HashSet<&str> = changed.iter().map(String::as_str).collect();
    // The units whose log changed, in the round's order.
    let logs: Vec<(&str, String)> = ws
        .units
        .iter()
        .map(|u| (u.id.as_str(), format!("{}/{}.jsonl", crate::core::audit::AUDIT, u.id)))
        .filter(|(_, rel)| changed.contains(rel.as_str()))
        .collect();
    let rels: Vec<String> = logs.iter().map(|(_, r)| r.clone()).collect();
    let heads = head_versions(dir, &rels);
    let mut body: Vec<String> = Vec::new();
    let mut units: Vec<String> = Vec::new();
    for ((id, rel), before) in logs.iter().zip(heads) {
        let Ok(now) = std::fs::read(dir.join(rel)) else { continue };
        let before = before.unwrap_or_default();
        if !now.starts_with(&before) || now.len() == before.len() {
            if now != before {
                units.push((*id).to_owned());
            }
            continue;
        }
        units.push((*id).to_owned());
        for line in now[before.len()..].split(|&b| b == b'\n') {
            if let Some(e) = std::str::from_utf8(line).ok().and_then(|l| serde_json::from_str::<crate::core::audit::Entry>(l).ok()) {
                body.push(format!("{id}: {}", crate::text::log::entry_words(ws, &e, lang)));
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

/// What [`set_aside`] did: where the copy is, and the subjects of the commits set aside (the
/// log entries in words). `None` in [`set_aside`]'s answer: nothing was set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// The folder of the copy (a git bundle and one patch per commit).
    pub folder: PathBuf,
    /// The branch of the clone that holds them (`refs/parindex/set-aside/<time>`).
    pub branch: String,
    /// Each commit's subject, oldest first.
    pub subjects: Vec<String>,
}

/// `parindex sync --set-aside-refused`: for a clone stuck on changes the server will never take
/// (its hook refused them). The changes not on the server (commits after `origin/main`, and
/// what is not committed yet, committed first) are kept, never lost: a branch
/// `refs/parindex/set-aside/<time>` in the clone, and a git bundle plus one patch per commit in
/// the user's state folder (`<state>/set-aside/<round>/<time>/`; inside the clone's `.git`
/// when there is no state folder). Then the server's branch is fetched and the clone reset to
/// it. Does not load the round (a refused change may be one that makes it unloadable). Edit
/// locks and recovery journals are outside git and stay as they are. `Ok(None)`: nothing to
/// set aside, nothing changed (the fetch aside).
pub fn set_aside(dir: &Path, lang: Lang) -> Result<Option<SetAside>, String> {
    if !git::is_clone(dir) {
        return Err(say(W::NotAClone { dir: dir.display().to_string() }, lang));
    }
    let g = Git::new(dir);
    let run = |args: &[&str]| -> Result<git::Output, String> {
        g.run(args).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                say(W::NoGit { why: e.to_string() }, lang)
            } else {
                say(W::GitFailed { what: args.first().copied().unwrap_or("git").to_owned(), why: e.to_string() }, lang)
            }
        })
    };
    let must = |args: &[&str]| -> Result<String, String> {
        let o = run(args)?;
        if o.ok { Ok(o.text()) } else { Err(say(W::GitFailed { what: args.first().copied().unwrap_or("git").to_owned(), why: o.err_text() }, lang)) }
    };
    // A rebase left half done (by hand) is given up first: the commits are still on their
    // branch.
    let git_dir = dir.join(".git");
    if git_dir.join("rebase-merge").exists() || git_dir.join("rebase-apply").exists() {
        let _ = run(&["rebase", "--abort"]);
    }
    let spec = format!("+refs/heads/{MAIN}:{ORIGIN_MAIN}");
    must(&["fetch", "--quiet", "origin", &spec])?;
    // What is not committed yet, committed (not signed: it never goes to the server) so the
    // set-aside copy holds it too.
    let status = must(&["status", "--porcelain", "--untracked-files=all"])?;
    if !status.trim().is_empty() {
        must(&["add", "-A"])?;
        let who = crate::core::roles::user_in(dir);
        must(&[
            "-c",
            &format!("user.name={who}"),
            "-c",
            &format!("user.email={who}@parindex"),
            "-c",
            "commit.gpgSign=false",
            "commit",
            "--quiet",
            "--no-verify",
            "-m",
            &say(W::UncommittedSubject, lang),
        ])?;
    }
    let range = format!("{ORIGIN_MAIN}..HEAD");
    let subjects: Vec<String> = must(&["log", "--reverse", "--format=%s", &range])?.lines().map(str::to_owned).collect();
    if subjects.is_empty() {
        return Ok(None);
    }
    let now = crate::core::date::now_unix();
    let (date, hm) = crate::core::date::local_parts(now, 0);
    let secs = now.rem_euclid(60);
    let mut time = format!("{}T{}-{secs:02}Z", date.iso(), hm.replace(':', "-"));
    // Two in the same second: the second one numbered.
    let mut n = 1;
    while run(&["rev-parse", "--verify", "--quiet", &format!("refs/parindex/set-aside/{time}")])?.ok {
        n += 1;
        time = format!("{}T{}-{secs:02}Z-{n}", date.iso(), hm.replace(':', "-"));
    }
    let branch = format!("refs/parindex/set-aside/{time}");
    must(&["update-ref", &branch, "HEAD"])?;
    let folder = crate::core::recover::state_file(dir, "set-aside", &time).unwrap_or_else(|| git_dir.join("parindex").join("set-aside").join(&time));
    std::fs::create_dir_all(&folder).map_err(|e| say(W::GitFailed { what: "bundle".into(), why: format!("{}: {e}", folder.display()) }, lang))?;
    let bundle = folder.join("thay-doi.bundle");
    must(&["bundle", "create", &bundle.to_string_lossy(), &branch, &format!("^{ORIGIN_MAIN}")])?;
    must(&["format-patch", "--quiet", "-o", &folder.to_string_lossy(), &range])?;
    must(&["reset", "--quiet", "--hard", ORIGIN_MAIN])?;
    Ok(Some(SetAside { folder, branch, subjects }))
}

/// [`set_aside`] in words (`parindex sync --set-aside-refused`, the dashboard).
pub fn set_aside_said(dir: &Path, lang: Lang) -> Result<String, String> {
    Ok(match set_aside(dir, lang)? {
        None => say(W::NothingToSetAside, lang),
        Some(s) => say(
            W::SetAside {
                n: s.subjects.len(),
                folder: s.folder.display().to_string(),
                branch: s.branch,
                subjects: s.subjects.iter().map(|l| format!("  - {}", crate::core::clean::text(l))).collect::<Vec<_>>().join("\n"),
            },
            lang,
        ),
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lists_each_path_once_and_a_rename_where_it_goes() {
        let out = b" M audit/vp.jsonl\0?? evidence/vp/a b.pdf\0R  audit/new.jsonl\0audit/old.jsonl\0A  x\0";
        assert_eq!(status_paths(out), ["audit/vp.jsonl", "evidence/vp/a b.pdf", "audit/new.jsonl", "x"]);
        assert!(status_paths(b"").is_empty());
    }

    /// A log as `audit::append_in` writes it: numbered, each line naming the hash of the one
    /// before.
    fn log(after: &[u8], users: &[&str]) -> Vec<u8> {
        use crate::core::audit::{Entry, sha_hex};
        let lines: Vec<&[u8]> = after.split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
        let mut prev = lines.last().map(|l| sha_hex(l)).unwrap_or_default();
        let mut out = after.to_vec();
        for (i, u) in users.iter().enumerate() {
            let mut e = Entry::new(u, "edit");
            e.seq = Some((lines.len() + i + 1) as u64);
            e.prev = Some(prev);
            let line = serde_json::to_string(&e).unwrap();
            prev = sha_hex(line.as_bytes());
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
        out
    }

    #[test]
    fn two_appends_to_a_log_are_chained_one_after_the_other() {
        let base = log(b"", &["lan"]);
        let theirs = log(&base, &["tuoc", "tuoc"]);
        let ours = log(&base, &["hung"]);
        let merged = rechain(&base, &theirs, &ours).expect("two appends");
        // The server's lines as they were, then ours numbered on and chained to them: the
        // same bytes as an append made after theirs.
        assert!(merged.starts_with(&theirs));
        let last: crate::core::audit::Entry = serde_json::from_slice(merged.split(|&b| b == b'\n').rfind(|l| !l.is_empty()).unwrap()).unwrap();
        let lines: Vec<&[u8]> = merged.split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 4);
        assert_eq!((last.user.as_str(), last.seq), ("hung", Some(4)));
        assert_eq!(last.prev.as_deref(), Some(crate::core::audit::sha_hex(lines[2]).as_str()));
        // Nothing added on our side: theirs as it is.
        assert_eq!(rechain(&base, &theirs, &base).unwrap(), theirs);
    }

    #[test]
    fn a_log_rewritten_or_not_made_of_entries_is_left_to_git() {
        let base = log(b"", &["lan", "lan"]);
        let theirs = log(&base, &["tuoc"]);
        // Ours does not extend the base (a line changed).
        let rewritten = log(&log(b"", &["lan"]), &["hung", "hung"]);
        assert!(rechain(&base, &theirs, &rewritten).is_none());
        // Theirs shorter than the base.
        assert!(rechain(&base, &log(b"", &["tuoc"]), &log(&base, &["hung"])).is_none());
        // A line added that is not an entry.
        let mut junk = base.clone();
        junk.extend_from_slice(b"not json\n");
        assert!(rechain(&base, &theirs, &junk).is_none());
    }
}
