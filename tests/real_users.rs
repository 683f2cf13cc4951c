//! The enforced deployment, proven with real OS users (issue 9, docs/deployment.md).
//!
//! As root, this test writes a round, creates a group and a unit head, lets
//! `parindex permissions --apply` create the other accounts and set every owner and mode, and
//! installs a copy of the binary setgid to the group. Then, as a hostile unit head, it tries
//! what a head could do with any tool (sed, a shell, ln, a parindex of their own, a round of
//! their own whose folders lead into the real one, the Office's moves, `export -o` into the
//! round): each fails with a clear message and every file of the round stays byte-identical
//! (same names, content, owners and modes). Then the right people's moves succeed and the log
//! shows them. The users and the group are removed afterwards, also when an assertion fails.
//!
//! Needs root: ignored unless asked for (`cargo test -- --include-ignored`), as CI does, as root.

// Unix only: real OS users, setgid and modes.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use parindex::core::store::perms::{self, Kind};
use sha2::{Digest, Sha256};

/// The umask the users' commands run under. The store (issue 9, the lead's part) sets every
/// mode explicitly; until it lands, the lock and audit files follow the umask, and under 022
/// the Office could not take a lock file a head created. Then set this to "022".
const UMASK: &str = "022";

/// Throwaway accounts and group, removed when dropped (also on a failed assertion).
struct Accounts {
    users: Vec<String>,
    group: String,
}

impl Drop for Accounts {
    fn drop(&mut self) {
        for u in &self.users {
            let _ = Command::new("userdel").args(["-r", u]).output();
        }
        let _ = Command::new("groupdel").arg(&self.group).output();
    }
}

/// A copy of the binary under test at `to`, written by `cp` in its own process: a file this
/// (multi-threaded) test process had open for writing could be inherited by a child another
/// test forks meanwhile, and running the copy would then fail with "Text file busy".
fn copy_exe(to: &std::path::Path) {
    let o = Command::new("cp").arg(bin()).arg(to).output().unwrap();
    assert!(o.status.success(), "cp {}: {}", to.display(), String::from_utf8_lossy(&o.stderr));
}

fn bin() -> &'static str {
    common::BIN
}

fn root_cmd(args: &[&str]) -> Output {
    let out = Command::new(args[0]).args(&args[1..]).env_remove("PARINDEX_LANG").output().unwrap();
    assert!(out.status.success(), "{args:?}: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    out
}

/// Runs `args` as `user` (real and effective ids, their groups, a clean environment, their
/// home as the working folder).
fn as_user(user: &str, args: &[&str]) -> Output {
    let u = perms::user_by_name(user).expect("user exists");
    let script = format!("umask {UMASK}; export PARINDEX_LANG=en; cd \"$HOME\" && exec \"$@\"");
    Command::new("setpriv")
        .args(["--reuid", &u.uid.to_string(), "--regid", &u.gid.to_string(), "--init-groups", "--reset-env", "--", "sh", "-c", &script, "sh"])
        .args(args)
        .current_dir("/")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Every node of the round: kind, owner, group, mode and (files) the SHA-256 of the content.
fn snapshot(round: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    perms::walk(round, &mut |n, _| {
        let digest = if n.kind == Kind::File { format!("{:x}", Sha256::digest(std::fs::read(&n.path)?)) } else { String::new() };
        out.insert(n.path.clone(), format!("{:?} {}:{} {:o} {digest}", n.kind, n.uid, n.gid, n.mode));
        Ok(())
    })
    .unwrap();
    out
}

/// A folder everyone may traverse on a file system where setgid works.
fn base_dir() -> tempfile::TempDir {
    let parent = ["/var/tmp", "/tmp"].into_iter().map(Path::new).find(|p| p.is_dir() && !perms::mounted_nosuid(p).unwrap_or(true));
    let parent = parent.expect("/var/tmp or /tmp without nosuid");
    let d = tempfile::Builder::new().prefix("parindex-real-users-").tempdir_in(parent).unwrap();
    std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    d
}

/// An attack: it must fail (non-zero exit, `want` in its error output) and change nothing.
fn refused(round: &Path, before: &BTreeMap<PathBuf, String>, what: &str, out: Output, want: &str) {
    let err = text(&out.stderr);
    assert!(!out.status.success(), "{what}: it worked!\nstdout: {}\nstderr: {err}", text(&out.stdout));
    assert!(err.to_lowercase().contains(&want.to_lowercase()), "{what}: expected `{want}` in:\n{err}");
    assert_eq!(&snapshot(round), before, "{what}: the round changed");
    eprintln!("refused as it should be: {what}: {}", err.lines().next().unwrap_or(""));
}

fn ok(what: &str, out: Output) -> String {
    assert!(out.status.success(), "{what}: failed\nstdout: {}\nstderr: {}", text(&out.stdout), text(&out.stderr));
    text(&out.stdout)
}

/// Rewrites the demo's workspace.toml for three people: single_user off, a far deadline.
fn set_roles(round: &Path, office: &str, head_a: &str, head_b: &str, reviewer: &str) {
    use parindex::core::workspace::Workspace;
    let mut ws = Workspace::load(round).unwrap();
    ws.single_user = false;
    ws.deadline = parindex::core::date::Date::new(2099, 12, 31);
    ws.office_users = vec![office.to_owned()];
    for u in &mut ws.units {
        u.heads = match u.id.as_str() {
            "qlkh" => vec![head_a.to_owned()],
            "ttra" => vec![head_b.to_owned()],
            _ => vec![],
        };
    }
    // Phòng QLCN&CN confirms the news items (criterion 1.5.3): the reviewer of issue 12.
    for r in &mut ws.reviewers {
        r.users = vec![reviewer.to_owned()];
    }
    std::fs::write(round.join("workspace.toml"), ws.to_toml()).unwrap();
}

#[test]
#[ignore = "needs root"]
fn a_hostile_unit_head_changes_nothing_and_the_right_moves_work() {
    common::need_root();
    let started = std::time::Instant::now();
    let id = std::process::id();
    let (a, b, office, group) = (format!("pxa{id}"), format!("pxb{id}"), format!("pxo{id}"), format!("pxg{id}"));
    let reviewer = format!("pxr{id}");
    let _accounts = Accounts { users: vec![a.clone(), b.clone(), office.clone(), reviewer.clone()], group: group.clone() };

    let base = base_dir();
    let round = base.path().join("round");
    let r = round.to_str().unwrap();
    // Unit A is `qlkh` (a draft in the demo), unit B is `ttra` (submitted).
    root_cmd(&[bin(), "demo", r, "--no-tui", "--units", "4"]);
    // The folders the moves write into exist already (a round in use has them).
    for sub in [".locks", "audit"] {
        std::fs::create_dir_all(round.join(sub)).unwrap();
    }
    set_roles(&round, &office, &a, &b, &reviewer);
    // The users' parindex, and a copy without the bit (what a head builds himself).
    let installed = base.path().join("bin/parindex");
    std::fs::create_dir(base.path().join("bin")).unwrap();
    copy_exe(&installed);
    let own_build = base.path().join("own-parindex");
    copy_exe(&own_build);
    std::fs::set_permissions(&own_build, std::fs::Permissions::from_mode(0o755)).unwrap();
    let scorecard = base.path().join("scorecard.toml");
    std::fs::write(&scorecard, parindex::demo::SCORECARD_2020).unwrap();
    std::fs::set_permissions(&scorecard, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (p, own, sc) = (installed.to_str().unwrap(), own_build.to_str().unwrap(), scorecard.to_str().unwrap());

    // The group exists already, and head A is (wrongly) a member of it: --apply takes him out.
    root_cmd(&["groupadd", "--system", &group]);
    root_cmd(&["useradd", "-m", "-G", &group, &a]);

    // The plan changes nothing; --apply as someone else is refused.
    let before = snapshot(&round);
    let plan = ok("plan", Command::new(p).args(["--lang", "en", "permissions", "-w", r, "--bin", p, "--group", &group]).output().unwrap());
    for want in [
        format!("useradd -m {b}"),
        format!("useradd -m {office}"),
        format!("useradd -m {reviewer}"),
        format!("gpasswd -d {a} {group}"),
        "Run this again with --apply".into(),
    ] {
        assert!(plan.contains(&want), "plan lacks `{want}`:\n{plan}");
    }
    assert_eq!(snapshot(&round), before, "the plan changed the round");
    refused(&round, &before, "permissions --apply as a head", as_user(&a, &[p, "permissions", "-w", r, "--apply"]), "needs root");

    // Apply.
    let applied =
        ok("apply", Command::new(p).args(["--lang", "en", "permissions", "-w", r, "--apply", "--bin", p, "--group", &group]).output().unwrap());
    assert!(applied.contains("✓ gpasswd -d") && applied.contains("Applied."), "{applied}");
    let g = perms::group_by_name(&group).expect("the group");
    assert!(g.members.is_empty(), "members left in the group: {:?}", g.members);
    for u in [&a, &b, &office, &reviewer] {
        assert!(perms::user_by_name(u).is_some_and(|x| x.gid != g.gid), "{u}: missing, or in the group");
    }
    perms::walk(&round, &mut |n, _| {
        let want = if n.kind == Kind::Dir { 0o2770 } else { 0o660 };
        assert_eq!((n.kind.is_plain(), n.uid, n.gid, n.mode), (true, 0, g.gid, want), "{}", n.path.display());
        Ok(())
    })
    .unwrap();
    let m = std::fs::metadata(&installed).unwrap();
    assert_eq!((m.uid(), m.gid(), m.mode() & 0o7777), (0, g.gid, 0o2755));
    let check = Command::new(p).args(["--lang", "en", "check", r]).output().unwrap();
    assert!(check.status.success() && no_mode_warning(&check), "check after apply:\n{}", text(&check.stderr));

    attacks(&round, &a, &b, p, own, sc);
    right_moves(&round, &a, &office, p);
    reviewer_moves(&round, &a, &reviewer, p);
    objection_moves(&round, &a, &b, &office, p);
    // A file a head saved is his, but out of his reach: `check` stays quiet about modes.
    let check = Command::new(p).args(["--lang", "en", "check", r]).output().unwrap();
    assert!(no_mode_warning(&check), "{}", text(&check.stderr));
    assert!(started.elapsed().as_secs() < 60, "took {:?}", started.elapsed());
}

/// `check` said nothing about modes (the demo's own warnings about its content are fine).
fn no_mode_warning(check: &Output) -> bool {
    let err = text(&check.stderr);
    !["may write here", "who can reach it", "the round's folder is owned"].iter().any(|w| err.contains(w))
}

/// Head A, with every tool at hand: nothing in the round changes.
fn attacks(round: &Path, a: &str, _b: &str, p: &str, own: &str, sc: &str) {
    let r = round.to_str().unwrap();
    let at = |f: &str| format!("{r}/{f}");
    let before = snapshot(round);
    let denied = "permission denied";
    let office_add = format!("s/^users = \\[/users = [\"{a}\", /");
    refused(round, &before, "sed adds head A to the Office", as_user(a, &["sed", "-i", &office_add, &at("workspace.toml")]), denied);
    let to_draft = "s/^status = .*/status = \"draft\"/";
    refused(round, &before, "sed rewrites B's status", as_user(a, &["sed", "-i", to_draft, &at("submissions/ttra.toml")]), denied);
    let appraisal = format!("printf 'unit = \"qlkh\"\\n[answers.\"1.1\"]\\nchoice = \"on_time\"\\n' > {}", at("appraisals/qlkh.toml"));
    refused(round, &before, "head A writes his own appraisal", as_user(a, &["sh", "-c", &appraisal]), denied);
    for link in ["submissions/ttra.toml.lnk", ".locks/ttra.submission.lock", "audit/ttra.jsonl"] {
        let what = format!("a symlink planted at {link}");
        refused(round, &before, &what, as_user(a, &["ln", "-s", "/etc/passwd", &at(link)]), denied);
    }
    refused(round, &before, "mv of B's submission", as_user(a, &["mv", &at("submissions/ttra.toml"), "/tmp/x"]), denied);
    for mv in ["reopen", "return", "mark-appraised", "finalise"] {
        let what = format!("head A runs `{mv}` on unit B");
        refused(round, &before, &what, as_user(a, &[p, mv, "-w", r, "--unit", "ttra"]), "is not in the Office");
    }
    refused(round, &before, "head A submits unit B", as_user(a, &[p, "submit", "-w", r, "--unit", "ttra"]), "is not a head of unit `ttra`");
    // (`export` of the ranking is the Office's until every unit is appraised: issue 18. His
    // own unit's submission is his to export.)
    refused(
        round,
        &before,
        "export -o into the round",
        as_user(a, &[p, "export-submission", "-w", r, "--unit", "qlkh", "-o", &at("submissions/x.toml")]),
        "may not write in the folder",
    );
    refused(
        round,
        &before,
        "export -o into the round's own folder",
        as_user(a, &[p, "export-submission", "-w", r, "--unit", "qlkh", "-o", &at("qlkh.toml")]),
        "may not write in the folder",
    );
    refused(round, &before, "his own build of parindex submits", as_user(a, &[own, "submit", "-w", r, "--unit", "qlkh"]), denied);
    refused(round, &before, "his own build reads the round", as_user(a, &[own, "status", "-w", r]), denied);

    // Rounds of his own where he is the Office, whose .locks/ or audit/ lead into the real one:
    // the installed parindex must not lend him its group there.
    for (name, link) in [("fake1", ".locks"), ("fake2", "audit")] {
        let fake = format!(
            "set -e; {p} init {name} --scorecard {sc} >/dev/null; ln -s {r}/{link} {name}/{link}; \
             printf 'title = \"F\"\\nscorecard = \"scorecard.toml\"\\n[office]\\nusers = [\"{a}\"]\\n[[unit]]\\nid = \"ttra\"\\nname = \"B\"\\nheads = [\"{a}\"]\\n' > {name}/workspace.toml"
        );
        ok("a round of his own", as_user(a, &["sh", "-c", &fake]));
        let what = format!("a round of his own whose {link} leads into the real one");
        refused(round, &before, &what, as_user(a, &[p, "reopen", "-w", name, "--unit", "ttra"]), "");
    }

    // What he names is written with his own rights: his home works, and the file is his.
    let export = format!("{p} export-submission -w {r} --unit qlkh -o \"$HOME/x.toml\" && ls -ln \"$HOME/x.toml\"");
    let out = ok("export-submission -o ~/x.toml", as_user(a, &["sh", "-c", &export]));
    let uid = perms::user_by_name(a).unwrap().uid;
    assert!(out.split_whitespace().nth(2) == Some(&uid.to_string()), "x.toml is not owned by {a}: {out}");
    assert_eq!(snapshot(round), before, "export-submission -o ~/x.toml changed the round");
}

/// The reviewer (Phòng QLCN&CN) confirms a unit's news item and can do nothing else; a head
/// cannot confirm.
fn reviewer_moves(round: &Path, a: &str, reviewer: &str, p: &str) {
    let r = round.to_str().unwrap();
    let before = snapshot(round);
    let denied = "Permission denied";
    let sub = "s/^status = .*/status = \"draft\"/";
    refused(
        round,
        &before,
        "the reviewer seds B's submission",
        as_user(reviewer, &["sed", "-i", sub, &format!("{r}/submissions/ttra.toml")]),
        denied,
    );
    let add = [p, "news", "add", "-w", r, "--unit", "ttra", "--title", "Tin", "--date", "2/3/2020", "--link", "https://a.vn"];
    refused(round, &before, "the reviewer lists an item for B", as_user(reviewer, &add), "is not a head of unit `ttra`");
    refused(round, &before, "the reviewer appraises", as_user(reviewer, &[p, "mark-appraised", "-w", r, "--unit", "ttra"]), "is not in the Office");
    refused(round, &before, "head A confirms B's item", as_user(a, &[p, "confirm", "-w", r, "--unit", "ttra", "--item", "1"]), "1.5.3");
    ok("the reviewer confirms B's item", as_user(reviewer, &[p, "confirm", "-w", r, "--unit", "ttra", "--item", "1"]));
    // Another unit's register is its heads', its reviewer's and the Office's (issue 18).
    let now = snapshot(round);
    refused(round, &now, "head A reads B's register", as_user(a, &[p, "news", "-w", r, "--unit", "ttra"]), "may not see the details");
    let news = ok("the register", as_user(reviewer, &[p, "news", "-w", r, "--unit", "ttra", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&news).unwrap();
    assert_eq!((v["confirmed"].as_u64(), v["items"][0]["by"].as_str()), (Some(1), Some(reviewer)), "{news}");
    let check = Command::new(p).args(["check", r]).output().unwrap();
    assert!(check.status.success() && no_mode_warning(&check), "check after the reviewer:\n{}", text(&check.stderr));
}

/// Issue 21: head B withdraws and submits again; the Office appraises and publishes provisional
/// results; head A can neither object for B nor write B's objections file by hand; head B
/// objects; only the Office answers. The new files are the setgid program's, out of reach.
fn objection_moves(round: &Path, a: &str, b: &str, office: &str, p: &str) {
    let r = round.to_str().unwrap();
    ok("B submits B", as_user(b, &[p, "submit", "-w", r, "--unit", "ttra"]));
    ok("B withdraws B", as_user(b, &[p, "withdraw", "-w", r, "--unit", "ttra"]));
    ok("B submits B again", as_user(b, &[p, "submit", "-w", r, "--unit", "ttra"]));
    ok("the Office marks B appraised", as_user(office, &[p, "mark-appraised", "-w", r, "--unit", "ttra"]));
    let before = snapshot(round);
    refused(
        round,
        &before,
        "head A publishes",
        as_user(a, &[p, "publish", "-w", r, "--provisional", "--until", "31/12/2099"]),
        "is not in the Office",
    );
    ok("the Office publishes", as_user(office, &[p, "publish", "-w", r, "--provisional", "--until", "31/12/2099"]));
    let before = snapshot(round);
    let obj = [p, "object", "-w", r, "--unit", "ttra", "--criterion", "1.1.1", "--reason", "Sai"];
    refused(round, &before, "head A objects for B", as_user(a, &obj), "is not a head of unit `ttra`");
    let forged = format!("mkdir -p {r}/objections && echo x > {r}/objections/ttra.toml");
    refused(round, &before, "head A writes B's objections by hand", as_user(a, &["sh", "-c", &forged]), "Permission denied");
    ok("B objects", as_user(b, &obj));
    let before = snapshot(round);
    let answer = [p, "answer", "-w", r, "--unit", "ttra", "--criterion", "1.1.1", "--reject", "--reason", "Không đủ tài liệu"];
    refused(round, &before, "head B answers his own objection", as_user(b, &answer), "is not in the Office");
    ok("the Office answers", as_user(office, &answer));
    let g = std::fs::metadata(round).unwrap().gid();
    for f in ["publication.toml", "objections/ttra.toml"] {
        let m = std::fs::metadata(round.join(f)).unwrap();
        assert_eq!((m.gid(), m.mode() & 0o777), (g, 0o660), "{f}");
    }
    let check = Command::new(p).args(["check", r]).output().unwrap();
    assert!(check.status.success() && no_mode_warning(&check), "check after the objections:\n{}", text(&check.stderr));
}

/// The right people's moves succeed, and the log shows them.
fn right_moves(round: &Path, a: &str, office: &str, p: &str) {
    let r = round.to_str().unwrap();
    ok("A submits A", as_user(a, &[p, "submit", "-w", r, "--unit", "qlkh"]));
    ok("the Office returns A", as_user(office, &[p, "return", "-w", r, "--unit", "qlkh"]));
    ok("A submits again", as_user(a, &[p, "submit", "-w", r, "--unit", "qlkh"]));
    ok("the Office marks A appraised", as_user(office, &[p, "mark-appraised", "-w", r, "--unit", "qlkh"]));
    ok("the Office finalises A", as_user(office, &[p, "finalise", "-w", r, "--unit", "qlkh"]));
    ok("the Office reopens B", as_user(office, &[p, "reopen", "-w", r, "--unit", "ttra"]));
    let log = ok("log", as_user(office, &[p, "log", "-w", r, "--format", "json"]));
    let mut moves: Vec<(String, String, String)> = log
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["field"] == "status")
        .map(|v| (v["unit"].as_str().unwrap().to_owned(), v["user"].as_str().unwrap().to_owned(), v["action"].as_str().unwrap().to_owned()))
        .collect();
    let mut want: Vec<(String, String, String)> = [
        ("qlkh", a, "submit"),
        ("qlkh", office, "return"),
        ("qlkh", a, "submit"),
        ("qlkh", office, "mark-appraised"),
        ("qlkh", office, "finalise"),
        ("ttra", office, "reopen"),
    ]
    .iter()
    .map(|(u, w, m)| ((*u).to_owned(), (*w).to_owned(), (*m).to_owned()))
    .collect();
    // The log is in time order (to the second): compare each unit's moves in order.
    moves.sort_by(|x, y| x.0.cmp(&y.0));
    want.sort_by(|x, y| x.0.cmp(&y.0));
    assert_eq!(moves, want, "{log}");
}

/// A link or a FIFO inside the round stops `--apply` before anything changes: no group, no
/// account, no owner or mode, and the binary keeps its bits.
#[test]
#[ignore = "needs root"]
fn apply_refuses_a_round_holding_a_link_or_a_fifo_and_changes_nothing() {
    common::need_root();
    let id = std::process::id();
    let (head, group) = (format!("pxh{id}"), format!("pxq{id}")); // not pxr: the reviewer of the test beside
    let _accounts = Accounts { users: vec![head.clone()], group: group.clone() };
    let base = base_dir();
    let round = base.path().join("round");
    let r = round.to_str().unwrap();
    root_cmd(&[bin(), "demo", r, "--no-tui", "--units", "2"]);
    set_roles(&round, &head, &head, &head, &head);
    let installed = base.path().join("parindex");
    copy_exe(&installed);
    let p = installed.to_str().unwrap();
    for (what, tool) in [("a symbolic link", ["ln", "-s", "/etc/passwd"]), ("FIFO", ["mkfifo", "-m", "0600"])] {
        let at = round.join("submissions/planted.toml");
        let mut args: Vec<&str> = tool.to_vec();
        args.push(at.to_str().unwrap());
        root_cmd(&args);
        let before = snapshot(&round);
        let bin_before = std::fs::metadata(&installed).unwrap().mode();
        let out = Command::new(p).args(["--lang", "en", "permissions", "-w", r, "--apply", "--bin", p, "--group", &group]).output().unwrap();
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert_eq!(out.status.code(), Some(2), "{what}: {stdout}{stderr}");
        assert!(stdout.contains("planted.toml: not a folder or a regular file"), "{what}: {stdout}");
        assert!(stderr.contains("nothing was changed"), "{what}: {stderr}");
        assert_eq!(snapshot(&round), before, "{what}: the round changed");
        assert_eq!(std::fs::metadata(&installed).unwrap().mode(), bin_before, "{what}: the binary changed");
        assert!(perms::group_by_name(&group).is_none() && perms::user_by_name(&head).is_none(), "{what}: accounts changed");
        std::fs::remove_file(&at).unwrap();
    }
}

/// A round locked down by `permissions --apply` (group `group`), a 4-unit demo: head `a` of
/// `qlkh` (a draft), head `b` of `ttra` (submitted), the Office, the news reviewer, and the
/// installed binary at `p`.
struct Locked {
    _accounts: Accounts,
    base: tempfile::TempDir,
    round: PathBuf,
    a: String,
    b: String,
    office: String,
    reviewer: String,
    group: String,
    p: String,
}

fn locked_round(prefix: &str) -> Locked {
    let id = std::process::id();
    let name = |k: &str| format!("{prefix}{k}{id}");
    let (a, b, office, reviewer, group) = (name("a"), name("b"), name("o"), name("r"), name("g"));
    let accounts = Accounts { users: vec![a.clone(), b.clone(), office.clone(), reviewer.clone()], group: group.clone() };
    let base = base_dir();
    let round = base.path().join("round");
    let r = round.to_str().unwrap();
    root_cmd(&[bin(), "demo", r, "--no-tui", "--units", "4"]);
    for sub in [".locks", "audit"] {
        std::fs::create_dir_all(round.join(sub)).unwrap();
    }
    set_roles(&round, &office, &a, &b, &reviewer);
    std::fs::create_dir(base.path().join("bin")).unwrap();
    let installed = base.path().join("bin/parindex");
    copy_exe(&installed);
    let p = installed.to_str().unwrap().to_owned();
    ok("apply", Command::new(&p).args(["--lang", "en", "permissions", "-w", r, "--apply", "--bin", &p, "--group", &group]).output().unwrap());
    Locked { _accounts: accounts, base, round, a, b, office, reviewer, group, p }
}

/// Issue 18, confidentiality (docs/deployment.md, the threat model): until a unit is appraised,
/// another unit's head sees only its status; never its drafts, notes, register or history. Its
/// own heads and the Office see everything; the reviewer sees the register.
#[test]
#[ignore = "needs root"]
fn a_head_sees_of_another_unit_only_its_status_until_it_is_appraised() {
    common::need_root();
    let l = locked_round("pc");
    let (r, p, a, office, reviewer) = (l.round.to_str().unwrap(), l.p.as_str(), l.a.as_str(), l.office.as_str(), l.reviewer.as_str());
    let before = snapshot(&l.round);
    let no = "may not see the details of unit `ttra`";
    let exit2 = |what: &str, out: Output, want: &str| {
        assert_eq!(out.status.code(), Some(2), "{what}: {}{}", text(&out.stdout), text(&out.stderr));
        refused(&l.round, &before, what, out, want);
    };
    // Head A on unit B (submitted, not appraised): every way in is refused, exit 2.
    exit2("head A: log --unit ttra", as_user(a, &[p, "log", "-w", r, "--unit", "ttra"]), no);
    exit2("head A: score --unit ttra", as_user(a, &[p, "score", "-w", r, "--unit", "ttra"]), no);
    exit2("head A: score --unit ttra --format json", as_user(a, &[p, "score", "-w", r, "--unit", "ttra", "--format", "json"]), no);
    exit2("head A: report --unit ttra", as_user(a, &[p, "report", "-w", r, "--unit", "ttra", "-o", "b.docx"]), no);
    exit2("head A: news --unit ttra", as_user(a, &[p, "news", "-w", r, "--unit", "ttra"]), no);
    exit2("head A: export-submission of ttra", as_user(a, &[p, "export-submission", "-w", r, "--unit", "ttra", "-o", "b.toml"]), "neither a head");
    let ranking = "may see the ranking only once every unit is appraised";
    exit2("head A: rank", as_user(a, &[p, "rank", "-w", r]), ranking);
    exit2("head A: export", as_user(a, &[p, "export", "-w", r, "-o", "rank.csv"]), ranking);
    exit2("head A: the Office's report", as_user(a, &[p, "report", "-w", r, "--office", "-o", "all.docx"]), ranking);
    // In Vietnamese too.
    let vi = as_user(a, &[p, "--lang", "vi", "log", "-w", r, "--unit", "ttra"]);
    exit2("head A: log --unit ttra (vi)", vi, "không được xem chi tiết của đơn vị `ttra`");

    // His own unit: all of it.
    ok("head A: log --unit qlkh", as_user(a, &[p, "log", "-w", r, "--unit", "qlkh"]));
    ok("head A: score --unit qlkh", as_user(a, &[p, "score", "-w", r, "--unit", "qlkh"]));
    ok("head A: news --unit qlkh", as_user(a, &[p, "news", "-w", r, "--unit", "qlkh"]));
    ok("head A: report --unit qlkh", as_user(a, &[p, "report", "-w", r, "--unit", "qlkh", "-o", "a.docx"]));
    // The whole log: his unit's entries only.
    let log = ok("head A: log", as_user(a, &[p, "log", "-w", r, "--format", "json"]));
    assert!(log.lines().all(|l| l.contains(r#""unit":"qlkh""#)), "{log}");
    // `status`: B's status, not its figures.
    let status = ok("head A: status", as_user(a, &[p, "status", "-w", r]));
    let row = |s: &str, id: &str| s.lines().find(|l| l.split_whitespace().next() == Some(id)).unwrap_or_default().to_owned();
    let b_row = row(&status, "ttra");
    assert!(!b_row.is_empty(), "{status}");
    assert_eq!(b_row.matches('—').count(), 3, "{status}");
    assert_eq!(row(&status, "qlkh").matches('—').count(), 0, "{status}");

    // The Office sees everything; the reviewer the register, not the history.
    for args in [vec!["log", "--unit", "ttra"], vec!["score", "--unit", "ttra"], vec!["news", "--unit", "ttra"], vec!["rank"], vec!["status"]] {
        let mut full = vec![p, args[0], "-w", r];
        full.extend(&args[1..]);
        ok(&format!("the Office: {args:?}"), as_user(office, &full));
    }
    let office_log = ok("the Office: log", as_user(office, &[p, "log", "-w", r, "--format", "json"]));
    assert!(office_log.contains(r#""unit":"ttra""#), "{office_log}");
    assert_eq!(row(&ok("the Office: status", as_user(office, &[p, "status", "-w", r])), "ttra").matches('—').count(), 0);
    ok("the reviewer: news --unit ttra", as_user(reviewer, &[p, "news", "-w", r, "--unit", "ttra"]));
    exit2("the reviewer: log --unit ttra", as_user(reviewer, &[p, "log", "-w", r, "--unit", "ttra"]), no);
    assert_eq!(snapshot(&l.round), before, "reading changed the round");

    // Appraised, B's figures are published; its history and notes are still B's.
    ok("the Office marks B appraised", as_user(office, &[p, "mark-appraised", "-w", r, "--unit", "ttra"]));
    let before = snapshot(&l.round);
    ok("head A: score --unit ttra (appraised)", as_user(a, &[p, "score", "-w", r, "--unit", "ttra"]));
    assert_eq!(row(&ok("head A: status", as_user(a, &[p, "status", "-w", r])), "ttra").matches('—').count(), 0);
    refused(&l.round, &before, "head A: log --unit ttra (appraised)", as_user(a, &[p, "log", "-w", r, "--unit", "ttra"]), no);
    refused(&l.round, &before, "head A: report --unit ttra (appraised)", as_user(a, &[p, "report", "-w", r, "--unit", "ttra", "-o", "b.docx"]), no);
    let _ = &l.b;
}

/// Issue 18, the recipe: `permissions --apply` creates every unit's evidence folder, refuses a
/// git repository inside the round and a binary already setgid to another round's group; after
/// an upgrade with `install` (which drops the setgid bit) `check` and the plan say so.
#[test]
#[ignore = "needs root"]
fn the_recipe_makes_evidence_folders_refuses_git_and_a_second_group_and_warns_of_a_lost_bit() {
    common::need_root();
    let l = locked_round("pd");
    let (r, p) = (l.round.to_str().unwrap(), l.p.as_str());
    let g = perms::group_by_name(&l.group).unwrap();
    // Every unit's evidence folder, root:GROUP 2770.
    let ws = parindex::core::workspace::Workspace::load(&l.round).unwrap();
    for u in &ws.units {
        let m = std::fs::symlink_metadata(l.round.join("evidence").join(&u.id)).unwrap();
        assert_eq!((m.is_dir(), m.uid(), m.gid(), m.mode() & 0o7777), (true, 0, g.gid, 0o2770), "evidence/{}", u.id);
    }
    let root_en = |args: &[&str]| Command::new(p).arg("--lang").arg("en").args(args).output().unwrap();
    let lost = "is not setgid to it";
    let check = root_en(&["check", r]);
    assert!(!text(&check.stderr).contains(lost), "{}", text(&check.stderr));

    // A second department's round on the same binary: refused, naming the group it serves.
    let other = format!("{}x", l.group);
    let _other = Accounts { users: vec![], group: other.clone() };
    let round2 = l.base.path().join("round2");
    root_cmd(&[bin(), "demo", round2.to_str().unwrap(), "--no-tui", "--units", "2"]);
    set_roles(&round2, &l.office, &l.a, &l.b, &l.reviewer);
    let bin_before = std::fs::metadata(p).unwrap();
    let out = root_en(&["permissions", "-w", round2.to_str().unwrap(), "--apply", "--bin", p, "--group", &other]);
    assert_eq!(out.status.code(), Some(2), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).contains(&format!("is already setgid to group `{}`", l.group)), "{}", text(&out.stdout));
    assert!(perms::group_by_name(&other).is_none(), "the second group was created");
    let bin_after = std::fs::metadata(p).unwrap();
    assert_eq!((bin_after.gid(), bin_after.mode()), (bin_before.gid(), bin_before.mode()), "the binary changed");

    // An upgrade with `install` drops the bit: check and the plan say so; --apply sets it again.
    root_cmd(&["install", "-m", "0755", bin(), p]);
    let check = root_en(&["check", r]);
    assert!(text(&check.stderr).contains(lost), "check after install: {}", text(&check.stderr));
    let plan = root_en(&["permissions", "-w", r, "--bin", p, "--group", &l.group]);
    assert!(text(&plan.stdout).contains("lost its setgid bit"), "{}", text(&plan.stdout));
    ok("apply again", root_en(&["permissions", "-w", r, "--apply", "--bin", p, "--group", &l.group]));
    assert!(!text(&root_en(&["check", r]).stderr).contains(lost));

    // `git init` inside the round: refused with a reason, nothing changed.
    root_cmd(&["git", "init", "-q", r]);
    let before = snapshot(&l.round);
    let out = root_en(&["permissions", "-w", r, "--apply", "--bin", p, "--group", &l.group]);
    assert_eq!(out.status.code(), Some(2), "{}{}", text(&out.stdout), text(&out.stderr));
    assert!(text(&out.stdout).contains(".git: a git repository inside the round"), "{}", text(&out.stdout));
    assert_eq!(snapshot(&l.round), before, "the round changed");
    let config = std::fs::metadata(l.round.join(".git/config")).unwrap();
    assert_eq!(config.mode() & 0o020, 0, ".git/config became group-writable");
}

/// The appraisal council (issue 21) under the enforced deployment: the appraiser of area 6
/// cannot change area 5 (through parindex, or any other tool), each appraiser's work is kept
/// beside the other's, and `mark-appraised` waits for both parts.
#[test]
#[ignore = "needs root"]
fn an_appraiser_of_area_6_cannot_change_area_5() {
    common::need_root();
    let id = std::process::id();
    let (fin, pers, office, group) = (format!("pxf{id}"), format!("pxp{id}"), format!("pxs{id}"), format!("pxt{id}"));
    let _accounts = Accounts { users: vec![fin.clone(), pers.clone(), office.clone()], group: group.clone() };
    let base = base_dir();
    let round = base.path().join("round");
    let r = round.to_str().unwrap();
    root_cmd(&[bin(), "demo", r, "--no-tui", "--units", "4"]);
    for sub in [".locks", "audit", "appraisals", "council"] {
        std::fs::create_dir_all(round.join(sub)).unwrap();
    }
    {
        use parindex::core::council::Appraiser;
        use parindex::core::workspace::Workspace;
        let mut ws = Workspace::load(&round).unwrap();
        ws.single_user = false;
        ws.deadline = parindex::core::date::Date::new(2099, 12, 31);
        ws.office_users = vec![office.clone()];
        // Only this test's accounts: no demo head or reviewer is created on the machine.
        for u in &mut ws.units {
            u.heads.clear();
        }
        ws.reviewers.clear();
        ws.appraisers = vec![
            Appraiser {
                id: "tc".into(),
                name: "Phòng Kế hoạch - Tài chính".into(),
                users: vec![fin.clone()],
                areas: vec!["6".into()],
                criteria: vec![],
            },
            Appraiser {
                id: "tccb".into(), name: "Tổ chức cán bộ".into(), users: vec![pers.clone()], areas: vec!["5".into()], criteria: vec![]
            },
        ];
        std::fs::write(round.join("workspace.toml"), ws.to_toml()).unwrap();
    }
    let installed = base.path().join("bin/parindex");
    std::fs::create_dir(base.path().join("bin")).unwrap();
    copy_exe(&installed);
    let p = installed.to_str().unwrap();
    let plan = ok("plan", Command::new(p).args(["--lang", "en", "permissions", "-w", r, "--bin", p, "--group", &group]).output().unwrap());
    assert!(plan.contains("appraises (appraiser tc)") && plan.contains("appraises (appraiser tccb)"), "{plan}");
    ok("apply", Command::new(p).args(["--lang", "en", "permissions", "-w", r, "--apply", "--bin", p, "--group", &group]).output().unwrap());

    let before = snapshot(&round);
    let area5 = [p, "appraise", "-w", r, "--unit", "ttra", "--criterion", "5.1.1", "--value", "approved"];
    refused(&round, &before, "the appraiser of area 6 appraises area 5", as_user(&fin, &area5), "does not appraise `5.1.1`");
    let file = format!("{r}/appraisals/ttra.toml");
    let write = format!("printf '[criteria.\"5.1.1\"]\\nchoice = \"approved\"\\n' > {file}");
    refused(&round, &before, "the appraiser of area 6 writes the appraisal by hand", as_user(&fin, &["sh", "-c", &write]), "Permission denied");
    let done = [p, "appraise", "-w", r, "--unit", "ttra", "--done", "--part", "tccb"];
    refused(&round, &before, "the appraiser of area 6 says area 5 is done", as_user(&fin, &done), "neither in the Office nor an appraiser");
    refused(
        &round,
        &before,
        "an appraiser marks the unit appraised",
        as_user(&fin, &[p, "mark-appraised", "-w", r, "--unit", "ttra"]),
        "is not in the Office",
    );

    ok("area 6 by its appraiser", as_user(&fin, &[p, "appraise", "-w", r, "--unit", "ttra", "--criterion", "6.1.1", "--value", "late"]));
    ok("area 5 by its appraiser", as_user(&pers, &area5));
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("\"late\"") && saved.contains("\"approved\""), "both parts kept:\n{saved}");
    let gate = as_user(&office, &[p, "mark-appraised", "-w", r, "--unit", "ttra"]);
    assert!(!gate.status.success() && text_of(&gate).contains("parts not done yet: tc, tccb"), "{}", text_of(&gate));
    ok("tc done", as_user(&fin, &[p, "appraise", "-w", r, "--unit", "ttra", "--done"]));
    ok("tccb done", as_user(&pers, &[p, "appraise", "-w", r, "--unit", "ttra", "--done"]));
    ok("the Office marks it appraised", as_user(&office, &[p, "mark-appraised", "-w", r, "--unit", "ttra"]));
    let check = Command::new(p).args(["--lang", "en", "check", r]).output().unwrap();
    assert!(check.status.success() && no_mode_warning(&check), "check after the council:\n{}", text(&check.stderr));
}

fn text_of(o: &Output) -> String {
    text(&o.stderr)
}

/// Issue 20: in the setgid round a head attaches an evidence file to his own unit (stored
/// through the round's folder with the round's group and modes, verified by `check`), and
/// nothing to another unit; another head cannot detach it.
#[test]
#[ignore = "needs root"]
fn a_head_attaches_to_his_own_unit_and_not_to_another_in_the_setgid_round() {
    common::need_root();
    let l = locked_round("pe");
    let (r, p, a, b, office) = (l.round.to_str().unwrap(), l.p.as_str(), l.a.as_str(), l.b.as_str(), l.office.as_str());
    // A file everyone may read, outside the round.
    let pdf = l.base.path().join("ke-hoach.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n%%EOF\n").unwrap();
    std::fs::set_permissions(&pdf, std::fs::Permissions::from_mode(0o644)).unwrap();
    let f = pdf.to_str().unwrap();
    let before = snapshot(&l.round);
    // Head A on head B's unit, head B on head A's: refused, nothing changes.
    refused(&l.round, &before, "head A attaches to ttra", as_user(a, &[p, "attach", "-w", r, "--unit", "ttra", "--criterion", "1.1.1", f]), "ttra");
    refused(&l.round, &before, "head B attaches to qlkh", as_user(b, &[p, "attach", "-w", r, "--unit", "qlkh", "--criterion", "1.1.1", f]), "qlkh");
    // Head A on his own (draft) unit: stored under evidence/qlkh/ with the round's group.
    let out = ok("head A attaches to qlkh", as_user(a, &[p, "attach", "-w", r, "--unit", "qlkh", "--criterion", "1.1.1", f]));
    assert!(out.contains("evidence/qlkh/"), "{out}");
    let dir = l.round.join("evidence/qlkh");
    let stored: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().ends_with("-ke-hoach.pdf")).collect();
    assert_eq!(stored.len(), 1, "{out}");
    let meta = stored[0].metadata().unwrap();
    let group = perms::group_by_name(&l.group).expect("group").gid;
    assert_eq!(meta.gid(), group, "the stored file belongs to the round's group");
    assert_eq!(meta.mode() & 0o007, 0, "no access for others");
    // `check` as the Office: whole.
    let check = as_user(office, &[p, "check", r]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    // Head B cannot detach it.
    let before = snapshot(&l.round);
    refused(
        &l.round,
        &before,
        "head B detaches from qlkh",
        as_user(b, &[p, "detach", "-w", r, "--unit", "qlkh", "--criterion", "1.1.1", "--file", "ke-hoach.pdf"]),
        "qlkh",
    );
    // Head A can.
    ok("head A detaches", as_user(a, &[p, "detach", "-w", r, "--unit", "qlkh", "--criterion", "1.1.1", "--file", "ke-hoach.pdf"]));
    assert!(std::fs::read_dir(&dir).unwrap().flatten().all(|e| !e.file_name().to_string_lossy().ends_with("-ke-hoach.pdf")));
}
