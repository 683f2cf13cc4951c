//! `parindex permissions -w DIR [--apply] [--bin PATH] [--group NAME]`: the plan that makes the
//! operating system enforce the round's roles, and, with `--apply` (root), carrying it out.
//!
//! The design (docs/deployment.md): one group, `parindex` by default, that no person belongs
//! to; every folder of the round `root:GROUP` 02770 and every file `root:GROUP` 0660; the
//! users' `parindex` binary `root:GROUP` 2755 (setgid). Only that program reaches the files,
//! and it decides who may do what by the real user id. The accounts named in workspace.toml
//! are created when missing (that is how "adding the round's users" is read) and taken out of
//! the group if they are in it.
//!
//! Everything is checked first (a link, FIFO or device inside the round stops it; so do a user
//! whose primary group is the group, a git repository inside the round, and a binary already
//! setgid to another round's group); only then is anything changed. Missing `evidence/<unit>/`
//! folders are created; a binary that lost its setgid bit (an upgrade with `install`) is
//! warned of. Owners and modes are
//! set through descriptors opened without following links.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{CmdResult, Failure};
use crate::core::store::modes;
use crate::core::store::perms::{self, Kind, Node};
use crate::core::workspace::Workspace;
use crate::text::msg::Message;
use crate::text::msg::cli::CliMsg;
use crate::text::{Lang, Text};
use crate::tui::fmt::fill;

pub const DIR_MODE: u32 = 0o2770;
pub const FILE_MODE: u32 = 0o660;
pub const BIN_MODE: u32 = 0o2755;
/// Paths listed one by one in the plan; the rest are counted.
const SHOWN: usize = 10;

pub struct Args<'a> {
    pub workspace: &'a Path,
    pub apply: bool,
    pub bin: Option<PathBuf>,
    pub group: &'a str,
}

/// One thing the plan does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// `groupadd --system GROUP`
    CreateGroup { group: String },
    /// `useradd -m USER` (no password: the account is locked until the administrator sets a
    /// password or an SSH key).
    CreateUser { user: String },
    /// `gpasswd -d USER GROUP`
    RemoveMember { user: String, group: String },
    /// Owner root, the group, 02770 on every folder and 0660 on every file under `root`.
    OwnTree { root: PathBuf, group: String, dirs: usize, files: usize, changing: Vec<Node>, changing_count: usize },
    /// Owner root, the group, 2755 on the users' binary.
    Binary { path: PathBuf, group: String, already: bool },
    /// A missing `evidence/<unit>/` folder (or `evidence/` itself): created root, the group,
    /// 02770, so the Office's administrator can copy a unit's files in.
    MakeDir { path: PathBuf, group: String },
}

/// A person named in workspace.toml.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub office: bool,
    pub heads: Vec<String>,
    pub exists: bool,
    /// The reviewers (`[[reviewer]]` ids) this person acts for (the news register).
    pub reviews: Vec<String>,
    /// The appraisers (`[[appraiser]]` ids) this person acts for (the council, issue 21).
    pub appraises: Vec<String>,
}

/// The whole plan: steps, people, what stops it, what to watch.
#[derive(Debug, Default)]
pub struct Plan {
    pub round: PathBuf,
    pub group: String,
    pub steps: Vec<Step>,
    pub people: Vec<Person>,
    /// Reasons the plan cannot be applied (nothing is changed).
    pub blockers: Vec<String>,
    pub warnings: Vec<String>,
}

pub fn run(a: Args<'_>, lang: Lang) -> CmdResult {
    let t = lang.text();
    if a.apply && !rustix::process::geteuid().is_root() {
        return Err(Failure::Usage(t.perm_not_root.to_owned()));
    }
    let ws = Workspace::load(a.workspace)?;
    let bin = match a.bin {
        Some(b) => b,
        None => std::env::current_exe().map_err(|e| {
            Failure::Usage(crate::text::msg::Message::render(
                &crate::text::msg::cli::CliMsg::BinUnknown { reason: crate::core::store::dir::io_reason(&e) },
                lang,
            ))
        })?,
    };
    let plan = build(&ws, a.workspace, a.group, &bin, t);
    print!("{}", render(&plan, t));
    if !plan.blockers.is_empty() {
        return Err(Failure::Usage(t.perm_nothing_changed.to_owned()));
    }
    if !a.apply {
        println!("{}", t.perm_apply_hint);
        return Ok(());
    }
    apply(&plan, t)?;
    println!("{}", fill(t.perm_done, &[&a.workspace.display().to_string()]));
    for d in modes::check(a.workspace, ws.single_user) {
        eprintln!("{}", crate::text::diag::headline_in(&d, lang));
    }
    Ok(())
}

/// Works out the plan; reads the accounts, the group and the round, changes nothing.
pub fn build(ws: &Workspace, dir: &Path, group: &str, bin: &Path, t: &Text) -> Plan {
    let mut plan = Plan { round: dir.to_path_buf(), group: group.to_owned(), ..Plan::default() };
    if !perms::valid_user_name(group) {
        plan.blockers.push(fill(t.perm_bad_name, &[group]));
    }
    let existing = perms::group_by_name(group);
    if existing.is_none() {
        plan.steps.push(Step::CreateGroup { group: group.to_owned() });
    }
    people(ws, &mut plan, existing.as_ref(), t);
    tree(dir, existing.as_ref().map(|g| g.gid), &mut plan, t);
    evidence(ws, dir, &mut plan);
    binary(bin, dir, existing.as_ref().map(|g| g.gid), &mut plan, t);
    if ws.single_user {
        plan.warnings.push(t.perm_warn_single_user.to_owned());
    }
    plan
}

/// The Office's users and every unit's heads: accounts to create, members to take out.
fn people(ws: &Workspace, plan: &mut Plan, group: Option<&perms::Group>, t: &Text) {
    fn entry<'a>(m: &'a mut BTreeMap<String, Person>, name: &str) -> &'a mut Person {
        m.entry(name.to_owned()).or_insert_with(|| Person {
            name: name.to_owned(),
            office: false,
            heads: Vec::new(),
            exists: false,
            reviews: Vec::new(),
            appraises: Vec::new(),
        })
    }
    let mut by_name: BTreeMap<String, Person> = BTreeMap::new();
    for u in &ws.office_users {
        entry(&mut by_name, u).office = true;
    }
    for unit in &ws.units {
        for h in &unit.heads {
            entry(&mut by_name, h).heads.push(unit.id.clone());
        }
    }
    for r in &ws.reviewers {
        for u in &r.users {
            entry(&mut by_name, u).reviews.push(r.id.clone());
        }
    }
    for a in &ws.appraisers {
        for u in &a.users {
            entry(&mut by_name, u).appraises.push(a.id.clone());
        }
    }
    let all = perms::all_users();
    for p in by_name.values_mut() {
        if !perms::valid_user_name(&p.name) {
            plan.blockers.push(fill(t.perm_bad_name, &[&p.name]));
            continue;
        }
        p.exists = perms::user_by_name(&p.name).is_some();
        if !p.exists {
            plan.steps.push(Step::CreateUser { user: p.name.clone() });
        }
    }
    plan.people = by_name.into_values().collect();
    let Some(g) = group else { return };
    // Nobody belongs to the group: the round's users, and anyone else an administrator added.
    for m in &g.members {
        if m != "root" {
            plan.steps.push(Step::RemoveMember { user: m.clone(), group: g.name.clone() });
        }
    }
    for u in all.iter().filter(|u| u.gid == g.gid && u.uid != 0) {
        plan.blockers.push(fill(t.perm_primary, &[&u.name, &g.name]));
    }
}

/// Every folder and file of the round, without following links.
fn tree(dir: &Path, gid: Option<u32>, plan: &mut Plan, t: &Text) {
    let (mut dirs, mut files, mut changing, mut changing_count) = (0, 0, Vec::new(), 0);
    let walked = perms::walk(dir, &mut |n, _| {
        // A git repository inside the round: its config and hooks would become files the
        // round's group writes and root's git runs (issue 18). Refused, with the way out.
        if n.depth > 0 && n.path.file_name().is_some_and(|f| f == ".git") {
            plan.blockers.push(crate::text::msg::cli::CliMsg::PermGitInside { path: n.path.display().to_string() }.render(t.lang));
        }
        let want = match n.kind {
            Kind::Dir => DIR_MODE,
            Kind::File => FILE_MODE,
            other => {
                plan.blockers.push(format!("{}: {}", n.path.display(), fill(t.perm_refused, &[kind_word(other, t)])));
                return Ok(());
            }
        };
        if n.kind == Kind::Dir {
            dirs += 1;
        } else {
            files += 1;
        }
        if n.uid != 0 || Some(n.gid) != gid || n.mode != want {
            changing_count += 1;
            if changing.len() < SHOWN {
                changing.push(n.clone());
            }
        }
        Ok(())
    });
    if let Err(e) = walked {
        plan.blockers.push(crate::text::msg::Show::show(&crate::core::store::dir::io_reason_with_path(&e), t.lang));
    }
    plan.steps.push(Step::OwnTree { root: dir.to_path_buf(), group: plan.group.clone(), dirs, files, changing, changing_count });
}

/// `evidence/` and every unit's `evidence/<unit>/` that do not exist yet.
fn evidence(ws: &Workspace, dir: &Path, plan: &mut Plan) {
    let top = dir.join(crate::core::workspace::EVIDENCE);
    let missing = |p: &Path| std::fs::symlink_metadata(p).is_err();
    if missing(&top) {
        plan.steps.push(Step::MakeDir { path: top.clone(), group: plan.group.clone() });
    }
    for u in &ws.units {
        let p = top.join(&u.id);
        if missing(&p) {
            plan.steps.push(Step::MakeDir { path: p, group: plan.group.clone() });
        }
    }
}

fn kind_word(k: Kind, t: &Text) -> &'static str {
    match k {
        Kind::Link => t.perm_kind_link,
        Kind::Fifo => "FIFO",
        Kind::Socket => "socket",
        Kind::Device => t.perm_kind_device,
        Kind::Dir | Kind::File => "",
    }
}

/// The users' binary: setgid to the group; a warning when the bit cannot work there, or when
/// someone other than root could replace the file.
fn binary(bin: &Path, dir: &Path, gid: Option<u32>, plan: &mut Plan, t: &Text) {
    use std::os::unix::fs::MetadataExt;
    let shown = bin.display().to_string();
    let meta = match std::fs::symlink_metadata(bin) {
        Ok(m) if m.is_file() => m,
        Ok(_) => return plan.blockers.push(fill(t.perm_bin_not_file, &[&shown])),
        Err(e) => {
            return plan.blockers.push(format!("{shown}: {}", crate::text::msg::Show::show(&crate::core::store::dir::io_reason(&e), t.lang)));
        }
    };
    if perms::mounted_nosuid(bin).unwrap_or(false) {
        plan.warnings.push(fill(t.perm_warn_nosuid, &[&shown]));
    }
    let folder = bin.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if let Ok(f) = std::fs::metadata(folder) {
        let writable_by_others = f.uid() != 0 || (f.mode() & 0o020 != 0) || (f.mode() & 0o002 != 0 && f.mode() & 0o1000 == 0);
        if writable_by_others {
            plan.warnings.push(fill(t.perm_warn_bin_dir, &[&shown]));
        }
    }
    let already = meta.uid() == 0 && Some(meta.gid()) == gid && meta.mode() & 0o7777 == BIN_MODE;
    let group_name = |g: u32| perms::group_by_gid(g).map_or_else(|| g.to_string(), |g| g.name);
    // One binary serves one group: already setgid to another one, it serves another round,
    // whose users this would lock out (issue 18).
    if meta.mode() & 0o2000 != 0 && meta.gid() != 0 && Some(meta.gid()) != gid {
        plan.blockers.push(CliMsg::PermBinOtherGroup { bin: shown.clone(), group: group_name(meta.gid()) }.render(t.lang));
    }
    // The round is set up already but the binary lost its bit (an upgrade with `install`).
    if let (Some(g), Ok(round)) = (gid, std::fs::metadata(dir))
        && !already
        && round.uid() == 0
        && round.gid() == g
        && meta.mode() & 0o2000 == 0
    {
        plan.warnings.push(CliMsg::PermBinLostBit { bin: shown.clone(), group: group_name(g) }.render(t.lang));
    }
    plan.steps.push(Step::Binary { path: bin.to_path_buf(), group: plan.group.clone(), already });
}

/// The plan as text: the commands, who the people are and what happens to them, what stops
/// it, what to watch.
pub fn render(plan: &Plan, t: &Text) -> String {
    let mut out = format!("{} {} ({} `{}`)\n\n", t.perm_title, plan.round.display(), t.group.to_lowercase(), plan.group);
    for s in &plan.steps {
        let (cmd, why) = step_text(s, t);
        out.push_str(&format!("  {cmd}\n      {why}\n"));
        if let Step::OwnTree { changing, changing_count, .. } = s {
            for n in changing {
                out.push_str(&format!(
                    "      {}:{} {:04o} → root:{} {:04o}  {}\n",
                    user(n.uid),
                    group(n.gid),
                    n.mode,
                    plan.group,
                    target(n),
                    n.path.display()
                ));
            }
            if *changing_count > changing.len() {
                out.push_str(&format!("      … {}\n", fill(t.perm_and_more, &[&(changing_count - changing.len()).to_string()])));
            }
        }
    }
    out.push_str(&format!("\n{}\n", t.perm_users));
    let width = plan.people.iter().map(|p| p.name.len()).max().unwrap_or(0);
    for p in &plan.people {
        let mut roles: Vec<String> = Vec::new();
        if p.office {
            roles.push(t.perm_office.to_owned());
        }
        if !p.heads.is_empty() {
            roles.push(format!("{} {}", t.perm_head_of, p.heads.join(", ")));
        }
        if !p.reviews.is_empty() {
            use crate::text::msg::Message;
            roles.push(crate::text::msg::register::NewsWord::ReviewerOf { ids: p.reviews.join(", ") }.render(t.lang));
        }
        if !p.appraises.is_empty() {
            use crate::text::msg::Message;
            roles.push(crate::text::msg::council::CouncilWord::AppraiserOf { ids: p.appraises.join(", ") }.render(t.lang));
        }
        let state = if p.exists { t.perm_account_ok } else { t.perm_user_new };
        out.push_str(&format!("  {:width$}  {}; {}\n", p.name, roles.join("; "), state));
    }
    out.push_str(&format!("  {}\n", t.perm_users_after));
    for (title, items) in [(t.perm_blocked, &plan.blockers), (t.perm_warnings, &plan.warnings)] {
        if !items.is_empty() {
            out.push_str(&format!("\n{title}\n"));
            for i in items {
                out.push_str(&format!("  - {i}\n"));
            }
        }
    }
    out.push('\n');
    out
}

fn target(n: &Node) -> u32 {
    if n.kind == Kind::Dir { DIR_MODE } else { FILE_MODE }
}

fn user(uid: u32) -> String {
    perms::user_by_uid(uid).map_or_else(|| uid.to_string(), |u| u.name)
}

fn group(gid: u32) -> String {
    perms::group_by_gid(gid).map_or_else(|| gid.to_string(), |g| g.name)
}

/// A step as a command line and a line saying why.
fn step_text(s: &Step, t: &Text) -> (String, String) {
    match s {
        Step::CreateGroup { group } => (format!("groupadd --system {group}"), t.perm_group_new.to_owned()),
        Step::CreateUser { user } => (format!("useradd -m {user}"), format!("{user}: {}", t.perm_user_new)),
        Step::RemoveMember { user, group } => (format!("gpasswd -d {user} {group}"), format!("{user}: {}", t.perm_user_member)),
        Step::OwnTree { root, group, dirs, files, changing_count, .. } => (
            {
                let (folders, files, under) = match t.lang {
                    crate::text::Lang::Vi => ("thư mục", "tệp", "trong"),
                    crate::text::Lang::En => ("folders", "files", "under"),
                };
                format!("chown -R root:{group} {0}; chmod {DIR_MODE:o} ({folders}), {FILE_MODE:04o} ({files}) {under} {0}", root.display())
            },
            fill(t.perm_tree, &[&dirs.to_string(), &files.to_string(), &changing_count.to_string()]),
        ),
        Step::Binary { path, group, already } => (
            format!("chown root:{group} {0}; chmod {BIN_MODE:o} {0}", path.display()),
            if *already { t.perm_bin_already.to_owned() } else { t.perm_binary.to_owned() },
        ),
        Step::MakeDir { path, group } => (
            format!("install -d -o root -g {group} -m {DIR_MODE:o} {}", path.display()),
            CliMsg::PermEvidenceDir { path: path.display().to_string() }.render(t.lang),
        ),
    }
}

/// Carries out the plan, step by step, saying each; stops at the first failure.
fn apply(plan: &Plan, t: &Text) -> CmdResult {
    for s in &plan.steps {
        let (cmd, _) = step_text(s, t);
        let failed = |why: String| Failure::Usage(format!("{}: {cmd}: {why}", t.perm_failed));
        match s {
            Step::CreateGroup { group } => run_tool("groupadd", &["--system", group]).map_err(failed)?,
            Step::CreateUser { user } => run_tool("useradd", &["-m", user]).map_err(failed)?,
            Step::RemoveMember { user, group } => run_tool("gpasswd", &["-d", user, group]).map_err(failed)?,
            Step::OwnTree { root, group, .. } => own_tree(root, group, t).map_err(failed)?,
            Step::Binary { path, group, .. } => own_binary(path, group, t).map_err(failed)?,
            Step::MakeDir { path, group } => make_dir(path, group, t).map_err(failed)?,
        }
        println!("  ✓ {cmd}");
    }
    Ok(())
}

fn run_tool(tool: &str, args: &[&str]) -> Result<(), String> {
    let out = Command::new(tool).args(args).output().map_err(|e| format!("{tool}: {e}"))?;
    if out.status.success() { Ok(()) } else { Err(String::from_utf8_lossy(&out.stderr).trim().to_owned()) }
}

fn gid_of(group: &str, t: &Text) -> Result<u32, String> {
    perms::group_by_name(group).map(|g| g.gid).ok_or_else(|| match t.lang {
        crate::text::Lang::Vi => format!("không có nhóm `{group}`"),
        crate::text::Lang::En => format!("no group `{group}`"),
    })
}

/// Owner, group and mode of every folder and file, each through a descriptor opened without
/// following links and checked to be the node the walk saw.
fn own_tree(root: &Path, group: &str, t: &Text) -> Result<(), String> {
    let gid = gid_of(group, t)?;
    perms::walk(root, &mut |n, at| {
        if !n.kind.is_plain() {
            let msg = format!("{}: {}", n.path.display(), fill(t.perm_refused, &[kind_word(n.kind, t)]));
            return Err(std::io::Error::other(msg));
        }
        let fd = at.open(n.kind == Kind::Dir)?;
        let st = perms::fstat(&fd)?;
        // `as`: macOS's device number is a 32-bit signed one.
        #[allow(clippy::unnecessary_cast)]
        if (st.st_dev as u64, st.st_ino) != (n.dev, n.ino) {
            let changed = match t.lang {
                crate::text::Lang::Vi => "đã bị thay đổi trong lúc đặt quyền",
                crate::text::Lang::En => "changed while being set",
            };
            return Err(std::io::Error::other(format!("{}: {changed}", n.path.display())));
        }
        perms::own(&fd, 0, gid, target(n))
    })
    .map_err(|e| e.to_string())
}

/// Creates a folder of the round (its parent exists: the steps come in order), then sets its
/// owner and mode through a descriptor opened without following links.
fn make_dir(path: &Path, group: &str, t: &Text) -> Result<(), String> {
    let gid = gid_of(group, t)?;
    match std::fs::create_dir(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e.to_string()),
    }
    let c = std::ffi::CString::new(std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str())).map_err(|e| e.to_string())?;
    let fd = perms::At { dir: rustix::fs::CWD, name: &c }.open(true).map_err(|e| e.to_string())?;
    perms::own(&fd, 0, gid, DIR_MODE).map_err(|e| e.to_string())
}

fn own_binary(path: &Path, group: &str, t: &Text) -> Result<(), String> {
    let gid = gid_of(group, t)?;
    let c = std::ffi::CString::new(std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str())).map_err(|e| e.to_string())?;
    let at = perms::At { dir: rustix::fs::CWD, name: &c };
    let fd = at.open(false).map_err(|e| e.to_string())?;
    let st = perms::fstat(&fd).map_err(|e| e.to_string())?;
    if rustix::fs::FileType::from_raw_mode(st.st_mode) != rustix::fs::FileType::RegularFile {
        return Err(match t.lang {
            crate::text::Lang::Vi => "không phải tệp thường".into(),
            crate::text::Lang::En => "not a regular file".into(),
        });
    }
    // chown first: it clears the setgid bit, which chmod then sets.
    perms::own(&fd, 0, gid, BIN_MODE).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_lists_the_steps_and_what_stops_it_and_changes_nothing() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("round");
        let mut ws = crate::demo::write(&dir, &crate::demo::DemoOptions { units: 2, seed: 1 }).unwrap();
        ws.units[1].heads = vec!["Bad Name".into()];
        let t = Lang::En.text();
        let bin = std::env::current_exe().unwrap();
        let plan = build(&ws, &dir, "px-no-such-group", &bin, t);
        assert_eq!(plan.steps[0], Step::CreateGroup { group: "px-no-such-group".into() });
        assert!(matches!(plan.steps.last(), Some(Step::Binary { already: false, .. })), "{:?}", plan.steps);
        let Some(Step::OwnTree { dirs, files, changing_count, .. }) = plan.steps.iter().find(|s| matches!(s, Step::OwnTree { .. })) else {
            panic!("no tree step")
        };
        // The demo's reviewer has confirmed vp's news items: reviews/ and reviews/vp.toml; its
        // audit entries took each unit's log lock: .locks/ and .locks/<unit>.audit.lock.
        assert_eq!((*dirs, *files, *changing_count), (8, 13, 21));
        assert_eq!(plan.blockers, ["`Bad Name` is not a valid user or group name (lower-case letters, digits, _ and -, at most 32 characters)"]);
        assert!(plan.warnings.iter().any(|w| w.starts_with("workspace.toml says single_user = true")), "{:?}", plan.warnings);
        let office = plan.people.iter().find(|p| p.name == "tuoc").unwrap();
        assert!(office.office && office.heads.is_empty());

        // A FIFO inside the round stops it; the walk never opens it (it would block).
        let fifo = dir.join("submissions/x.toml");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::from_raw_mode(0o600)).unwrap();
        let plan = build(&ws, &dir, "px-no-such-group", &bin, t);
        assert!(
            plan.blockers.iter().any(|b| b.ends_with("x.toml: not a folder or a regular file (FIFO): remove or move it, then run this again")),
            "{:?}",
            plan.blockers
        );
        assert!(render(&plan, t).contains("Cannot be applied (nothing is changed):"));
    }

    #[test]
    fn a_git_repository_inside_stops_it_and_missing_evidence_folders_are_planned() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("round");
        let ws = crate::demo::write(&dir, &crate::demo::DemoOptions { units: 2, seed: 1 }).unwrap();
        let t = Lang::En.text();
        let bin = std::env::current_exe().unwrap();
        let _ = std::fs::remove_dir_all(dir.join("evidence"));
        let plan = build(&ws, &dir, "px-no-such-group", &bin, t);
        let made: Vec<PathBuf> =
            plan.steps.iter().filter_map(|s| if let Step::MakeDir { path, .. } = s { Some(path.clone()) } else { None }).collect();
        let mut want = vec![dir.join("evidence")];
        want.extend(ws.units.iter().map(|u| dir.join("evidence").join(&u.id)));
        assert_eq!(made, want);
        assert!(render(&plan, t).contains(&format!("install -d -o root -g px-no-such-group -m 2770 {}", want[1].display())));
        assert!(!plan.blockers.iter().any(|b| b.contains(".git")), "{:?}", plan.blockers);

        // `git init` in the round: refused with the way out.
        std::fs::create_dir_all(dir.join(".git/hooks")).unwrap();
        std::fs::write(dir.join(".git/config"), "[core]\n").unwrap();
        let plan = build(&ws, &dir, "px-no-such-group", &bin, t);
        let git: Vec<&String> = plan.blockers.iter().filter(|b| b.contains(".git")).collect();
        assert_eq!(git.len(), 1, "{:?}", plan.blockers);
        assert!(git[0].starts_with(&format!("{}: a git repository inside the round", dir.join(".git").display())), "{}", git[0]);
        assert!(git[0].contains("--git-dir="), "{}", git[0]);
    }
}
