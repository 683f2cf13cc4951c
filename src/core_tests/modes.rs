//! The store's `modes`, tested with the application's words and demo round.

use crate::core::store::modes::*;
use crate::core::store::perms::{self, Kind};
#[allow(unused_imports)]
use crate::text::Render;
#[allow(unused_imports)]
use crate::text::msg::Message;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Accounts where the test's own uid is the person "lan", whose primary group is the
/// test's gid; `office` is another group with the person "tuoc"; every other group is empty.
struct Fake {
    me: u32,
    my_group: u32,
}

impl Accounts for Fake {
    fn user_name(&self, uid: u32) -> String {
        if uid == self.me { "lan".into() } else { format!("uid {uid}") }
    }
    fn group_name(&self, gid: u32) -> String {
        if gid == self.my_group { "cchc".into() } else { format!("gid {gid}") }
    }
    fn people_in(&self, gid: u32) -> Vec<String> {
        if gid == self.my_group { vec!["lan".into(), "tuoc".into()] } else { vec![] }
    }
    fn in_group(&self, uid: u32, gid: u32) -> bool {
        uid == self.me && gid == self.my_group
    }
}

fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

/// A small round owned by the test's user, or, as root, by a made-up person (uid 4242,
/// group 4343) so that root's own exemption does not hide anything.
fn round() -> (tempfile::TempDir, PathBuf, Fake) {
    let d = tempfile::tempdir().unwrap();
    let r = d.path().join("round");
    for sub in ["", "submissions", "audit"] {
        std::fs::create_dir_all(r.join(sub)).unwrap();
    }
    std::fs::write(r.join("workspace.toml"), "x").unwrap();
    std::fs::write(r.join("submissions/vp.toml"), "x").unwrap();
    std::fs::write(r.join("submissions/ttra.toml"), "x").unwrap();
    std::fs::write(r.join("audit/vp.jsonl"), "x").unwrap();
    if is_root() {
        perms::walk(&r, &mut |n, _| std::os::unix::fs::lchown(&n.path, Some(4242), Some(4343))).unwrap();
    }
    let m = std::fs::metadata(&r).unwrap();
    let fake = Fake { me: m.uid(), my_group: m.gid() };
    (d, r, fake)
}

fn chmod_all(r: &Path, dir: u32, file: u32) {
    perms::walk(r, &mut |n, _| {
        let mode = if n.kind == Kind::Dir { dir } else { file };
        std::fs::set_permissions(&n.path, std::fs::Permissions::from_mode(mode))
    })
    .unwrap();
}

fn messages(r: &Path, single_user: bool, acc: &dyn Accounts) -> Vec<String> {
    check_with(r, single_user, acc).iter().map(|d| d.render().trim_end().replace(&format!("{}/", r.display()), "")).collect()
}

#[test]
fn the_old_shared_group_recipe_is_reported_once_per_kind() {
    let (_d, r, fake) = round();
    // What docs/deployment.md used to say: owned by a person, group-writable by a group
    // everyone is in.
    chmod_all(&r, 0o2775, 0o664);
    let m = messages(&r, false, &fake);
    let want_round = format!("{}: warning: the round's folder is owned by `lan`", r.display());
    assert!(m[0].starts_with(&want_round), "{m:#?}");
    assert!(
        m[1].contains("group `cchc` may write here and has people in it (lan, tuoc) (and 6 more like it)")
            && m[1].starts_with(&r.display().to_string()),
        "{m:#?}"
    );
    assert!(m[2].starts_with("audit: warning: owned by `lan`, who can reach it (and 5 more like it)"), "{m:#?}");
    assert_eq!(m.len(), 3, "{m:#?}");
    // A single-user round: nothing, unless anyone may write.
    assert!(messages(&r, true, &fake).is_empty());
    std::fs::set_permissions(r.join("submissions/ttra.toml"), std::fs::Permissions::from_mode(0o666)).unwrap();
    let m = messages(&r, true, &fake);
    assert_eq!(m.len(), 1, "{m:#?}");
    assert!(m[0].starts_with("submissions/ttra.toml: warning: anyone on this machine may write here (mode 0666)"), "{m:#?}");
}

/// As root: the round exactly as `parindex permissions --apply` leaves it, with a file a
/// head saved later (owned by them), gives no warning; open the folders' search bit to
/// others and that head can reach their file again.
#[test]
#[ignore = "needs root"]
fn a_correctly_applied_round_is_quiet_until_its_owner_can_reach_a_file() {
    assert!(is_root(), "this test needs root to chown (ignored otherwise: run it as root with `cargo test -- --include-ignored`)");
    let (_d, r, fake) = round();
    let group = 4444; // no people in it (Fake)
    perms::walk(&r, &mut |n, at| {
        let fd = at.open(n.kind == Kind::Dir)?;
        perms::own(&fd, 0, group, if n.kind == Kind::Dir { 0o2770 } else { 0o660 })
    })
    .unwrap();
    // A head's later save: owned by them, the group's, 0664.
    std::os::unix::fs::lchown(r.join("submissions/vp.toml"), Some(fake.me), Some(group)).unwrap();
    std::fs::set_permissions(r.join("submissions/vp.toml"), std::fs::Permissions::from_mode(0o664)).unwrap();
    assert_eq!(messages(&r, false, &fake), Vec::<String>::new());
    // Others may search the folders: the head reaches their file, may chmod and rewrite it.
    std::fs::set_permissions(&r, std::fs::Permissions::from_mode(0o2771)).unwrap();
    assert_eq!(messages(&r, false, &fake), Vec::<String>::new(), "submissions/ is still closed");
    std::fs::set_permissions(r.join("submissions"), std::fs::Permissions::from_mode(0o2771)).unwrap();
    let m = messages(&r, false, &fake);
    assert_eq!(m.len(), 1, "{m:#?}");
    assert!(m[0].starts_with("submissions/vp.toml: warning: owned by `lan`, who can reach it: they can change its mode"), "{m:#?}");
    // The same file world-writable is reported, in a single-user round too.
    std::fs::set_permissions(r.join("submissions/vp.toml"), std::fs::Permissions::from_mode(0o666)).unwrap();
    let m = messages(&r, true, &fake);
    assert_eq!(m.len(), 1, "{m:#?}");
    assert!(m[0].contains("anyone on this machine may write here (mode 0666)"), "{m:#?}");
}
