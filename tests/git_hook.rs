//! The pre-receive hook on pushes of several commits (issue 20): it judges each commit on its
//! parent's tree and its own, carried from one commit to the next rather than exported whole
//! twice per commit; these pin that the carried trees are the real ones (a deletion seen, a
//! file deleted and added again seen with its new bytes) and that a later bad commit is the
//! one refused. And `serve`, which reads only main's workspace.toml to know who belongs to the
//! round. Needs git (CI installs it). The fake ssh is the one of tests/git_round.rs.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Std;

use common::{BIN, bin, need, output};

/// A round made into a repository, with a clone per person.
struct Net {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    repo: PathBuf,
}

impl Net {
    /// The demo round (3 units: vp headed by lan, ttra by hung, khtc by mai; the Office tuoc),
    /// single-user or not, made into a repository.
    fn new(single_user: bool) -> Net {
        need("git");
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let round = root.join("round");
        let (code, _, err) = output(bin().args(["demo", "--units", "3", "--no-tui"]).arg(&round));
        assert_eq!(code, Some(0), "{err}");
        let ws = round.join("workspace.toml");
        let text = std::fs::read_to_string(&ws).unwrap();
        assert!(text.contains("single_user = true\n"), "{text}");
        if !single_user {
            std::fs::write(&ws, text.replace("single_user = true\n", "")).unwrap();
        }
        let repo = root.join("srv").join("round.git");
        let (code, out, err) = output(bin().args(["remote", "init"]).arg(&repo).arg("--from").arg(&round).arg("--bin").arg(BIN));
        assert_eq!(code, Some(0), "{out}{err}");
        // The fake ssh: its first word is the person whose key it stands for.
        let ssh = root.join("fakessh");
        std::fs::write(
            &ssh,
            format!(
                "#!/bin/sh\nuser=\"$1\"; shift\nfor a; do last=\"$a\"; done\nSSH_ORIGINAL_COMMAND=\"$last\" exec {BIN} serve --repo {} --user \"$user\"\n",
                repo.display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&ssh, std::fs::Permissions::from_mode(0o755)).unwrap();
        Net { _tmp: tmp, root, repo }
    }

    /// `git clone` as `user` (through serve): whether it worked, and what git printed.
    fn try_clone(&self, user: &str) -> (bool, PathBuf, String) {
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
            git(&dir, &["config", "core.sshCommand", &ssh]);
            git(&dir, &["config", "parindex.user", user]);
            git(&dir, &["config", "user.name", user]);
            git(&dir, &["config", "user.email", &format!("{user}@example.org")]);
        }
        (o.status.success(), dir, String::from_utf8_lossy(&o.stderr).into_owned())
    }

    fn clone(&self, user: &str) -> PathBuf {
        let (cloned, dir, said) = self.try_clone(user);
        assert!(cloned, "{said}");
        dir
    }

    fn head(&self) -> String {
        git(&self.repo, &["rev-parse", "main"])
    }
}

fn git(dir: &Path, args: &[&str]) -> String {
    let o = Std::new("git").arg("-C").arg(dir).args(args).env("LC_ALL", "C").output().unwrap();
    assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).trim().to_owned()
}

/// `git push` as the clone's person: (ok, what git printed, the "remote:" lines included).
fn push(dir: &Path) -> (bool, String) {
    let o = Std::new("git").arg("-C").arg(dir).args(["push", "origin", "HEAD:main"]).env("LC_ALL", "C").output().unwrap();
    (o.status.success(), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// parindex in a clone (its folder is the round), which must succeed.
fn ok(dir: &Path, args: &[&str]) -> String {
    let (code, out, err) = output(bin().current_dir(dir).args(args));
    assert_eq!(code, Some(0), "parindex {args:?}: {out}{err}");
    out
}

/// A commit of everything changed in the clone, by plain git.
fn commit_all(dir: &Path, msg: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", msg]);
}

/// A head's edit of his unit's explanation, saved and logged by the store (as the dashboard's).
fn edit_note(dir: &Path, unit: &str, user: &str, note: &str) {
    use parindex::core::answers::SheetKind;
    let ws = parindex::core::workspace::Workspace::load(dir).unwrap();
    let mut sheet = ws.load_sheet(unit, SheetKind::Submission).unwrap().unwrap();
    let node = ws.scorecard.leaves().next().unwrap();
    sheet.answer_mut(node).note = note.to_owned();
    assert!(ws.save_edit(&sheet, SheetKind::Submission, user).unwrap());
}

/// The Office returns ttra (submitted in the demo) so that its head, hung, may edit it.
fn returned(net: &Net) {
    let office = net.clone("tuoc");
    ok(&office, &["return", "--unit", "ttra", "--reason", "Bổ sung tài liệu kiểm chứng"]);
    let said = ok(&office, &["sync"]);
    assert!(said.contains("gửi 1 commit"), "{said}");
}

/// What a refused push leaves: refused with `reason`, the server's branch where it was.
fn refused(net: &Net, dir: &Path, reason: &str) -> String {
    let before = net.head();
    let (pushed, said) = push(dir);
    assert!(!pushed, "the push went through:\n{said}");
    assert!(said.contains(reason), "expected “{reason}” in:\n{said}");
    assert_eq!(net.head(), before);
    said
}

/// Four commits in one push, the third touching another unit: that one is refused by name,
/// the two before it judged and taken as good, nothing after it judged; without the bad one
/// (and what stands on it) the push goes through.
#[test]
fn in_a_push_of_several_commits_the_first_bad_one_is_refused() {
    let net = Net::new(false);
    returned(&net);
    let hung = net.clone("hung");
    edit_note(&hung, "ttra", "hung", "Giải trình: đã bổ sung kế hoạch");
    commit_all(&hung, "ttra: giải trình");
    std::fs::create_dir_all(hung.join("evidence/ttra")).unwrap();
    std::fs::write(hung.join("evidence/ttra/0123456789ab-ke-hoach.pdf"), b"%PDF-1.4 ours").unwrap();
    commit_all(&hung, "ttra: tài liệu kiểm chứng");
    let p = hung.join("submissions/vp.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text + "\n# sửa hộ\n").unwrap();
    commit_all(&hung, "sửa hộ vp");
    edit_note(&hung, "ttra", "hung", "Giải trình lần hai");
    commit_all(&hung, "ttra: giải trình lần hai");
    let said = refused(&net, &hung, "hung không có quyền thay đổi tệp này của đơn vị vp");
    assert!(said.contains("(“sửa hộ vp”)"), "{said}");
    for good in ["(“ttra: giải trình”)", "(“ttra: tài liệu kiểm chứng”)", "(“ttra: giải trình lần hai”)"] {
        assert!(!said.contains(good), "{good} in:\n{said}");
    }
    assert_eq!(said.matches("từ chối commit").count(), 1, "{said}");
    git(&hung, &["reset", "-q", "--hard", "HEAD~2"]);
    let (pushed, said) = push(&hung);
    assert!(pushed, "{said}");
    assert_eq!(net.head(), git(&hung, &["rev-parse", "HEAD"]));
}

/// A file deleted in one commit and added again, other bytes, in the next: each commit is
/// judged on its real tree. Taken when the new bytes are the ones the log records (an attached
/// file); refused at the commit that deletes an attached file, though the next one brings it
/// back.
#[test]
fn a_file_deleted_then_added_again_across_commits_is_judged_on_the_real_trees() {
    let net = Net::new(false);
    returned(&net);
    let hung = net.clone("hung");
    let pdf = net.root.join("ke-hoach.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n% ke hoach\n%%EOF\n").unwrap();
    // Where `attach` stores it (a name from its bytes), learnt and thrown away.
    ok(&hung, &["attach", "--unit", "ttra", "--criterion", "1.1.1", pdf.to_str().unwrap()]);
    let stored = || {
        std::fs::read_dir(hung.join("evidence/ttra"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|n| n.ends_with("ke-hoach.pdf"))
            .unwrap()
    };
    let rel = format!("evidence/ttra/{}", stored());
    git(&hung, &["reset", "-q", "--hard", "origin/main"]);
    git(&hung, &["clean", "-q", "-fd"]);
    assert!(!hung.join(&rel).exists());
    // On the server: other bytes under that name, attached to nothing.
    std::fs::create_dir_all(hung.join("evidence/ttra")).unwrap();
    std::fs::write(hung.join(&rel), b"%PDF-1.4 a draft").unwrap();
    commit_all(&hung, "ttra: bản nháp");
    let (pushed, said) = push(&hung);
    assert!(pushed, "{said}");
    // One push: deleted, attached (the same name, the recorded bytes), then an edit. Judged
    // on a tree that still held the draft's bytes, the attachment would fail its digest.
    git(&hung, &["rm", "-q", &rel]);
    git(&hung, &["commit", "-q", "-m", "ttra: xóa bản nháp"]);
    ok(&hung, &["attach", "--unit", "ttra", "--criterion", "1.1.1", pdf.to_str().unwrap()]);
    assert_eq!(format!("evidence/ttra/{}", stored()), rel);
    commit_all(&hung, "ttra: đính kèm kế hoạch");
    edit_note(&hung, "ttra", "hung", "Giải trình: kế hoạch đính kèm");
    commit_all(&hung, "ttra: giải trình");
    let (pushed, said) = push(&hung);
    assert!(pushed, "{said}");
    assert_eq!(net.head(), git(&hung, &["rev-parse", "HEAD"]));
    // The attached file deleted, then put back as it was, in the next commit: the first is
    // refused (its tree has no file the submission attaches); the second does not save it.
    git(&hung, &["rm", "-q", &rel]);
    git(&hung, &["commit", "-q", "-m", "ttra: xóa tệp đính kèm"]);
    git(&hung, &["checkout", "-q", "HEAD~1", "--", &rel]);
    commit_all(&hung, "ttra: đặt lại tệp");
    let said = refused(&net, &hung, "không còn tệp đính kèm");
    assert!(said.contains("(“ttra: xóa tệp đính kèm”)"), "{said}");
    assert!(!said.contains("(“ttra: đặt lại tệp”)"), "{said}");
}

/// `serve` knows who belongs to the round from main's workspace.toml as it stands now: a
/// person the Office adds can fetch once the Office's commit is in; in a single-user round
/// anyone the service account lets in is served, as before.
#[test]
fn serve_reads_who_belongs_from_mains_workspace_toml() {
    let net = Net::new(false);
    let (cloned, _, said) = net.try_clone("moi");
    assert!(!cloned);
    assert!(said.contains("`moi` không có vai trò nào trong workspace.toml của đợt"), "{said}");
    let office = net.clone("tuoc");
    let p = office.join("workspace.toml");
    let text = std::fs::read_to_string(&p).unwrap() + "\n[[person]]\nuser = \"moi\"\n";
    std::fs::write(&p, text).unwrap();
    commit_all(&office, "thêm người");
    let (pushed, said) = push(&office);
    assert!(pushed, "{said}");
    let moi = net.clone("moi");
    assert_eq!(git(&moi, &["rev-parse", "HEAD"]), net.head());
    // Who serve reads there is who the loaded round says.
    use parindex::core::workspace::{self, Workspace};
    let ws = Workspace::load(&moi).unwrap();
    let bytes = std::fs::read(moi.join(workspace::WORKSPACE_FILE)).unwrap();
    let roster = workspace::roster(Path::new(workspace::WORKSPACE_FILE), bytes).unwrap();
    assert_eq!(roster.everyone, ws.everyone());
    assert!(roster.everyone.iter().any(|u| u == "moi") && !roster.single_user);

    let single = Net::new(true);
    let anyone = single.clone("ai-do");
    assert_eq!(git(&anyone, &["rev-parse", "HEAD"]), single.head());
}
