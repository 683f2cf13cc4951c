//! `check`'s warnings where the modes on disk let someone write what is not theirs: anything
//! anyone may write; anything a group with people in it may write; a file or folder owned by a
//! person who can reach it (they may change its mode, then rewrite it); a round's folder not
//! owned by root. A round set up by `parindex permissions` gives none; a single-user round is
//! warned only about what anyone may write.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::perms::{self, Kind, Node, User};
use parindex_core::diag::Diagnostic;

/// What the check needs to know about accounts (the system's, or a test's).
pub trait Accounts {
    fn user_name(&self, uid: u32) -> String;
    fn group_name(&self, gid: u32) -> String;
    /// The people (not root) in the group: its listed members and the users whose primary
    /// group it is.
    fn people_in(&self, gid: u32) -> Vec<String>;
    /// Whether the user belongs to the group (as primary group or listed member).
    fn in_group(&self, uid: u32, gid: u32) -> bool;
}

/// The accounts of this machine (password and group databases), looked up once each.
pub struct System {
    all: Vec<User>,
    people: RefCell<HashMap<u32, Vec<String>>>,
    member: RefCell<HashMap<(u32, u32), bool>>,
}

impl System {
    pub fn new() -> System {
        System { all: perms::all_users(), people: RefCell::default(), member: RefCell::default() }
    }
}

impl Default for System {
    fn default() -> Self {
        System::new()
    }
}

impl Accounts for System {
    fn user_name(&self, uid: u32) -> String {
        perms::user_by_uid(uid).map_or_else(|| format!("uid {uid}"), |u| u.name)
    }

    fn group_name(&self, gid: u32) -> String {
        perms::group_by_gid(gid).map_or_else(|| format!("gid {gid}"), |g| g.name)
    }

    fn people_in(&self, gid: u32) -> Vec<String> {
        self.people.borrow_mut().entry(gid).or_insert_with(|| perms::people_in_group(gid, &self.all)).clone()
    }

    fn in_group(&self, uid: u32, gid: u32) -> bool {
        *self.member.borrow_mut().entry((uid, gid)).or_insert_with(|| match perms::user_by_uid(uid) {
            Some(u) => u.gid == gid || perms::group_by_gid(gid).is_some_and(|g| g.members.contains(&u.name)),
            None => false,
        })
    }
}

/// Mode warnings for the round in `dir`, with this machine's accounts.
pub fn check(dir: &Path, single_user: bool) -> Vec<Diagnostic> {
    check_with(dir, single_user, &System::new())
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Why {
    Anyone,
    Group(u32),
    Owner(u32),
    RoundOwner(u32),
}

/// Whether `uid` may search (enter) a folder.
fn may_search(acc: &dyn Accounts, uid: u32, dir: &Node) -> bool {
    let bit = if uid == dir.uid {
        0o100
    } else if acc.in_group(uid, dir.gid) {
        0o010
    } else {
        0o001
    };
    dir.mode & bit != 0
}

/// Mode warnings for the round as loaded (its open folder), with this machine's accounts.
pub fn check_in(store: &crate::dir::Dir, single_user: bool) -> Vec<Diagnostic> {
    check_walk(&store.path, &mut |v| perms::walk_in(store, v), single_user, &System::new())
}

/// [`check`] with the given accounts. Warnings of one kind about one person or group are
/// reported once, at the first path, with how many more there are.
pub fn check_with(dir: &Path, single_user: bool, acc: &dyn Accounts) -> Vec<Diagnostic> {
    check_walk(dir, &mut |v| perms::walk(dir, v), single_user, acc)
}

type Visit<'v> = &'v mut dyn FnMut(&perms::Node, &perms::At<'_>) -> std::io::Result<()>;

fn check_walk(dir: &Path, walk: &mut dyn FnMut(Visit<'_>) -> std::io::Result<()>, single_user: bool, acc: &dyn Accounts) -> Vec<Diagnostic> {
    let mut found: Vec<(Why, PathBuf, u32, usize)> = Vec::new();
    let mut index: HashMap<Why, usize> = HashMap::new();
    let mut note = |why: Why, node: &Node| match index.get(&why) {
        Some(&i) => found[i].3 += 1,
        None => {
            index.insert(why, found.len());
            found.push((why, node.path.clone(), node.mode, 0));
        }
    };
    // The folders from the round's folder down to the node being visited.
    let mut chain: Vec<Node> = Vec::new();
    let walked = walk(&mut |node, _| {
        chain.truncate(node.depth);
        if !node.kind.is_plain() {
            return Ok(());
        }
        if node.mode & 0o002 != 0 {
            note(Why::Anyone, node);
        }
        if !single_user {
            if node.depth == 0 && node.uid != 0 {
                note(Why::RoundOwner(node.uid), node);
            }
            if node.mode & 0o020 != 0 && !acc.people_in(node.gid).is_empty() {
                note(Why::Group(node.gid), node);
            }
            if node.depth > 0 && node.uid != 0 && chain.iter().all(|d| may_search(acc, node.uid, d)) {
                note(Why::Owner(node.uid), node);
            }
        }
        if node.kind == Kind::Dir {
            chain.push(node.clone());
        }
        Ok(())
    });
    let mut out: Vec<Diagnostic> = found.into_iter().map(|(why, path, mode, more)| warning(acc, why, mode, more).in_file(path)).collect();
    if let Err(e) = walked {
        out.push(Diagnostic::warning(parindex_core::say::store::ModesMsg::Unreadable { reason: crate::dir::io_reason_with_path(&e) }).in_file(dir));
    }
    out
}

fn warning(acc: &dyn Accounts, why: Why, mode: u32, more: usize) -> Diagnostic {
    use parindex_core::say::store::{ModesMsg as M, More};
    let more = More(more);
    Diagnostic::warning(match why {
        Why::Anyone => M::Anyone { mode: format!("{mode:04o}"), more },
        Why::Group(gid) => M::Group { group: acc.group_name(gid), people: acc.people_in(gid).join(", "), more },
        Why::Owner(uid) => M::Owner { user: acc.user_name(uid), more },
        Why::RoundOwner(uid) => M::RoundOwner { user: acc.user_name(uid) },
    })
}
