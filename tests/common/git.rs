//! The round over git, as the git tests meet it (Unix only: the fake ssh is a shell script):
//! [`Net`] is the demo round made into a bare repository guarded by its hook and reached
//! through a fake ssh, with a clone per person; beside it, the git and parindex runs the tests
//! repeat in a clone.

use std::path::{Path, PathBuf};
use std::process::Command as Std;

use super::{BIN, bin, demo_repo_with, output};

/// The fake ssh of the git tests, written as `root/fakessh`: git runs it as `fakessh [options]
/// USER 'git-receive-pack …'`; its first word is the person whose key it stands for, and it runs
/// `parindex serve --repo REPO --user USER` with `SSH_ORIGINAL_COMMAND` set, as the service
/// account's forced command does.
pub fn fake_ssh(root: &Path, repo: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let ssh = root.join("fakessh");
    let script = format!(
        "#!/bin/sh\nuser=\"$1\"; shift\nfor a; do last=\"$a\"; done\nSSH_ORIGINAL_COMMAND=\"$last\" exec {BIN} serve --repo {} --user \"$user\"\n",
        repo.display()
    );
    std::fs::write(&ssh, script).unwrap();
    std::fs::set_permissions(&ssh, std::fs::Permissions::from_mode(0o755)).unwrap();
    ssh
}

/// A round made into a repository, with a clone per person: the demo round (3 units: vp
/// headed by lan, ttra by hung, khtc by mai; the Office tuoc) in `root/round`, the bare
/// repository `root/srv/round.git`, the fake ssh `root/fakessh`, the clones `root/c-USER`;
/// `state` (`root/state`) is a state folder for the runs that set it ([`Net::run`]).
pub struct Net {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
    pub repo: PathBuf,
    pub state: PathBuf,
}

impl Net {
    /// Not single-user, `extra` appended to its workspace.toml.
    pub fn new(extra: &str) -> Net {
        Net::with(|text| text.replace("single_user = true\n", "") + extra)
    }

    /// Not single-user, with a second person in the Office: ha beside tuoc.
    pub fn two_in_the_office() -> Net {
        Net::with(|text| {
            let text = text.replace("single_user = true\n", "");
            assert!(text.contains("[office]\nusers = [\"tuoc\"]"), "{text}");
            text.replace("[office]\nusers = [\"tuoc\"]", "[office]\nusers = [\"tuoc\", \"ha\"]")
        })
    }

    /// Its workspace.toml as `edit` makes it of the demo's (which is single-user).
    pub fn with(edit: impl FnOnce(String) -> String) -> Net {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let (repo, out) = demo_repo_with(&root, edit);
        assert!(out.contains("Đã tạo kho"), "{out}");
        fake_ssh(&root, &repo);
        let state = root.join("state");
        Net { _tmp: tmp, root, repo, state }
    }

    /// `git clone` as `user` (their key: the fake ssh as them, through serve), set to act as
    /// `user`: whether it worked, the clone, and what git printed.
    pub fn try_clone(&self, user: &str) -> (bool, PathBuf, String) {
        let dir = self.root.join(format!("c-{user}"));
        let ssh = format!("{} {user}", self.root.join("fakessh").display());
        let url = format!("ssh://git@server{}", self.repo.display());
        let o = Std::new("git")
            .arg("-C")
            .arg(&self.root)
            .args(["-c", &format!("core.sshCommand={ssh}"), "clone", "-q", &url])
            .arg(&dir)
            .env("LC_ALL", "C")
            .output()
            .unwrap();
        if o.status.success() {
            for (k, v) in
                [("core.sshCommand", ssh.as_str()), ("parindex.user", user), ("user.name", user), ("user.email", &format!("{user}@example.org"))]
            {
                git(&dir, &["config", k, v]);
            }
        }
        (o.status.success(), dir, String::from_utf8_lossy(&o.stderr).into_owned())
    }

    /// A clone for `user`, set to act as `user`.
    pub fn clone(&self, user: &str) -> PathBuf {
        let (cloned, dir, said) = self.try_clone(user);
        assert!(cloned, "git clone as {user}: {said}");
        dir
    }

    /// The server's main.
    pub fn head(&self) -> String {
        git(&self.repo, &["rev-parse", "main"])
    }

    /// parindex in a clone, the state folder [`Net::state`].
    pub fn run(&self, dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
        output(bin().current_dir(dir).env("XDG_STATE_HOME", &self.state).args(args))
    }

    /// [`Net::run`], which must succeed: its stdout.
    pub fn ok(&self, dir: &Path, args: &[&str]) -> String {
        let (code, out, err) = self.run(dir, args);
        assert_eq!(code, Some(0), "parindex {args:?}: {out}{err}");
        out
    }
}

/// git in `dir` (in the C locale), which must succeed: its stdout, trimmed.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let o = Std::new("git").arg("-C").arg(dir).args(args).env("LC_ALL", "C").output().unwrap();
    assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).trim().to_owned()
}

/// `git push` as the clone's person: (ok, what git printed, the "remote:" lines included).
pub fn push(dir: &Path, force: bool) -> (bool, String) {
    let mut c = Std::new("git");
    c.arg("-C").arg(dir).args(["push", "origin", "HEAD:main"]).env("LC_ALL", "C");
    if force {
        c.arg("--force");
    }
    let o = c.output().unwrap();
    (o.status.success(), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// parindex in a clone (its folder is the round).
pub fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    output(bin().current_dir(dir).args(args))
}

/// [`run`], which must succeed: its stdout.
pub fn ok(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(dir, args);
    assert_eq!(code, Some(0), "parindex {args:?}: {out}{err}");
    out
}

/// A commit of everything changed in the clone, by plain git.
pub fn commit_all(dir: &Path, msg: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", msg]);
}

/// A head's edit of his unit's explanation (the first criterion's note), saved and logged by
/// the store (as the dashboard's).
pub fn edit_note(dir: &Path, unit: &str, user: &str, note: &str) {
    use parindex::core::answers::SheetKind;
    let ws = parindex::core::workspace::Workspace::load(dir).unwrap();
    let mut sheet = ws.load_sheet(unit, SheetKind::Submission).unwrap().unwrap();
    let node = ws.scorecard.leaves().next().unwrap();
    sheet.answer_mut(node).note = note.to_owned();
    assert!(ws.save_edit(&sheet, SheetKind::Submission, user).unwrap());
}

/// The Office returns ttra (submitted in the demo) and syncs, so that its head, hung, may edit
/// it: the Office's clone.
pub fn returned(net: &Net) -> PathBuf {
    let office = net.clone("tuoc");
    ok(&office, &["return", "--unit", "ttra", "--reason", "Bổ sung tài liệu kiểm chứng"]);
    let said = ok(&office, &["sync"]);
    assert!(said.contains("Đã đồng bộ: gửi 1 commit"), "{said}");
    office
}

/// What a refused push leaves: refused, with `reason` in what git shows the pusher, and the
/// server's branch where it was. Returns what git printed.
pub fn refused(net: &Net, dir: &Path, force: bool, reason: &str) -> String {
    let before = net.head();
    let (pushed, said) = push(dir, force);
    assert!(!pushed, "the push went through:\n{said}");
    assert!(said.contains(reason), "expected “{reason}” in:\n{said}");
    assert!(said.contains("remote:"), "the reason reaches the pusher through git:\n{said}");
    assert_eq!(net.head(), before);
    said
}
