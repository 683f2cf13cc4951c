//! `parindex clone URL DIR [--user NAME] [--key PATH]` (issue 20): a person takes a round kept
//! in git to their machine and the clone is set up in one step: the user name, the signing key
//! when the round lists keys, who that is in the round, and what to do next. Over a local path
//! (a bare repository made by `remote init`); HOME is a folder of the test's own. Needs git and
//! ssh-keygen (CI installs them).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Std;

use common::{bin, demo_repo, need, output};

/// The demo round (3 units: vp headed by lan, ttra by hung, khtc by mai; the Office tuoc), not
/// single-user, `extra` appended to its workspace.toml, made into a bare repository.
struct Server {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    repo: PathBuf,
    home: PathBuf,
}

impl Server {
    fn new(extra: &str) -> Server {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let (repo, _) = demo_repo(&root, extra);
        let home = root.join("home");
        std::fs::create_dir_all(home.join(".ssh")).unwrap();
        Server { _tmp: tmp, root, repo, home }
    }

    /// `parindex clone` with HOME set to the test's own: (exit code, stdout, stderr).
    fn clone(&self, dir: &str, args: &[&str]) -> (Option<i32>, String, String, PathBuf) {
        let dir = self.root.join(dir);
        let mut c = bin();
        c.env("HOME", &self.home).env("USERPROFILE", &self.home).arg("clone").arg(&self.repo).arg(&dir).args(args);
        let (code, out, err) = output(&mut c);
        (code, out, err, dir)
    }
}

fn config(dir: &Path, key: &str) -> Option<String> {
    let o = Std::new("git").arg("-C").arg(dir).args(["config", "--local", "--get", key]).output().unwrap();
    o.status.success().then(|| String::from_utf8_lossy(&o.stdout).trim().to_owned())
}

/// An ed25519 key pair at `path` (`path.pub` the public half); returns the public line.
fn keygen(path: &Path, name: &str) -> String {
    need("ssh-keygen");
    let st = Std::new("ssh-keygen").args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"]).arg(path).status().unwrap();
    assert!(st.success());
    std::fs::read_to_string(path.with_extension("pub")).unwrap().trim().to_owned()
}

#[test]
fn a_head_clones_the_round_and_the_clone_acts_as_him() {
    let s = Server::new("");
    let (code, out, err, dir) = s.clone("c-lan", &["--user", "lan"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(dir.join("workspace.toml").is_file() && dir.join(".git").is_dir());
    assert_eq!(config(&dir, "parindex.user").as_deref(), Some("lan"));
    assert!(out.contains("Tên người dùng của bản sao: lan"), "{out}");
    assert!(out.contains("Vai trò của bạn trong đợt: trưởng đơn vị vp"), "{out}");
    assert!(out.contains(&format!("parindex tui -w {}", dir.display())) && out.contains("phím B") && out.contains("parindex sync"), "{out}");
    // The round lists no keys: nothing about signing is set.
    assert_eq!(config(&dir, "user.signingkey"), None);
    assert!(err.is_empty(), "{err}");
    // The clone is one parindex takes as lan's: his status, and a sync with nothing to send.
    let (code, out, err) = output(bin().current_dir(&dir).args(["sync"]));
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("Đã đồng bộ"), "{out}");
    assert_eq!(parindex::core::roles::user_in(&dir), "lan");
}

#[test]
fn a_name_the_round_does_not_list_is_warned_about() {
    let s = Server::new("");
    let (code, out, err, dir) = s.clone("c-x", &["--user", "lann"]);
    assert_eq!(code, Some(0), "the clone is made: {out}{err}");
    assert_eq!(config(&dir, "parindex.user").as_deref(), Some("lann"));
    assert!(err.contains("Cảnh báo: `lann` không có vai trò nào trong đợt này"), "{err}");
    assert!(err.contains(&format!("git -C {} config parindex.user TÊN_ĐÚNG", dir.display())), "{err}");
    assert!(!out.contains("Vai trò của bạn"), "{out}");
}

#[test]
fn when_the_round_lists_keys_the_default_key_is_chosen_and_a_key_not_listed_is_warned_about() {
    // lan's key, made first (the round lists it), then put in HOME/.ssh/id_ed25519.
    let keys = tempfile::tempdir().unwrap();
    let lan_pub = keygen(&keys.path().join("id_ed25519"), "lan");
    let s2 = Server::new(&format!("\n[[person]]\nuser = \"lan\"\nkeys = [\"{lan_pub}\"]\n"));
    for f in ["id_ed25519", "id_ed25519.pub"] {
        std::fs::copy(keys.path().join(f), s2.home.join(".ssh").join(f)).unwrap();
    }
    let (code, out, err, dir) = s2.clone("c-lan", &["--user", "lan"]);
    assert_eq!(code, Some(0), "{out}{err}");
    let chosen = s2.home.join(".ssh").join("id_ed25519");
    assert!(out.contains(&format!("đã chọn khóa mặc định {}", chosen.display())), "{out}");
    assert_eq!(config(&dir, "gpg.format").as_deref(), Some("ssh"));
    assert_eq!(config(&dir, "user.signingkey").as_deref(), Some(chosen.to_str().unwrap()));
    assert!(err.is_empty(), "the key is lan's: {err}");

    // Another key, named: set, and warned about (the round lists another one for lan).
    let other = s2.root.join("other");
    keygen(&other, "lan2");
    let (code, out, err, dir) = s2.clone("c-lan2", &["--user", "lan", "--key", other.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(config(&dir, "user.signingkey").as_deref(), Some(other.to_str().unwrap()));
    assert!(out.contains(&format!("Ký commit bằng khóa {}", other.display())), "{out}");
    assert!(err.contains("không phải khóa của lan khai trong workspace.toml"), "{err}");

    // No key at all where the round asks for signatures: the clone is made, with what to do.
    std::fs::remove_file(&chosen).unwrap();
    let (code, out, err, dir) = s2.clone("c-lan3", &["--user", "lan"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(config(&dir, "user.signingkey"), None);
    assert!(err.contains("Cảnh báo: đợt yêu cầu ký mọi commit bằng khóa SSH nhưng không có"), "{err}");
}

#[test]
fn refusals_are_in_vietnamese_with_exit_2_and_clone_nothing() {
    let s = Server::new("");
    // A folder that is not empty.
    let taken = s.root.join("taken");
    std::fs::create_dir_all(&taken).unwrap();
    std::fs::write(taken.join("x"), "x").unwrap();
    let (code, _, err, _) = s.clone("taken", &["--user", "lan"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("đã có và không phải thư mục trống"), "{err}");
    // A key file that does not exist: refused before cloning.
    let (code, _, err, dir) = s.clone("c-nokey", &["--user", "lan", "--key", "/nonexistent/id_ed25519"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("không có tệp khóa `/nonexistent/id_ed25519`"), "{err}");
    assert!(!dir.exists());
    // A name with a space.
    let (code, _, err, _) = s.clone("c-space", &["--user", "lan anh"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("không dùng được"), "{err}");
    // A repository that is not there.
    let mut c = bin();
    c.env("HOME", &s.home).arg("clone").arg(s.root.join("nowhere.git")).arg(s.root.join("c-none")).args(["--user", "lan"]);
    let (code, _, err) = output(&mut c);
    assert_eq!(code, Some(2));
    assert!(err.contains("không lấy được đợt đánh giá từ"), "{err}");
    // A repository that is not a round.
    let plain = s.root.join("plain.git");
    assert!(Std::new("git").args(["init", "-q", "--bare"]).arg(&plain).status().unwrap().success());
    let work = s.root.join("plain-work");
    assert!(Std::new("git").args(["clone", "-q"]).arg(&plain).arg(&work).output().unwrap().status.success());
    std::fs::write(work.join("README"), "x").unwrap();
    for args in [&["add", "-A"][..], &["-c", "user.name=x", "-c", "user.email=x@x", "commit", "-q", "-m", "x"], &["push", "-q", "origin", "HEAD"]] {
        assert!(Std::new("git").arg("-C").arg(&work).args(args).status().unwrap().success(), "{args:?}");
    }
    let mut c = bin();
    c.env("HOME", &s.home).arg("clone").arg(&plain).arg(s.root.join("c-plain")).args(["--user", "lan"]);
    let (code, _, err) = output(&mut c);
    assert_eq!(code, Some(2));
    assert!(err.contains("nhưng đó không phải một đợt đánh giá đọc được"), "{err}");
}
