//! A round over git through a real sshd (issue 20), as it is deployed: a service account owns
//! the round's repository (`remote init --service-user`), its authorized_keys forces
//! `parindex serve --user NAME` per key, and three people (two heads and the Office) push over
//! `ssh://` with their own keys. Needs root (a system account, sshd), git, ssh-keygen and
//! openssh-server (CI installs them: .ci/run). The sshd runs on 127.0.0.1 with its own config
//! and a high port, and is killed by its id when the test ends.

// Unix only: sshd and system accounts.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command as Std};
use std::time::{Duration, Instant};

use common::{BIN, bin, need, need_root, output};

/// What the test starts and must undo: the sshd (killed by its id) and the service account.
struct Server {
    sshd: Option<Child>,
    account: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut c) = self.sshd.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
        let _ = Std::new("userdel").arg(&self.account).status();
    }
}

fn run_ok(c: &mut Std) -> String {
    let o = c.output().unwrap();
    assert!(o.status.success(), "{c:?}: {}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).trim().to_owned()
}

fn keygen(path: &Path, name: &str) -> String {
    run_ok(Std::new("ssh-keygen").args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"]).arg(path));
    std::fs::read_to_string(path.with_extension("pub")).unwrap().trim().to_owned()
}

fn chmod(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A free port on 127.0.0.1, high.
fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

#[test]
#[ignore = "needs root"]
fn three_people_push_over_ssh_and_the_hook_guards_the_round() {
    need_root();
    need("git");
    need("ssh-keygen");
    assert!(Path::new("/usr/sbin/sshd").exists(), "this test needs /usr/sbin/sshd (openssh-server; CI installs it: .ci/run)");
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    chmod(root, 0o755);
    // The program the service account runs: a copy it can read, outside the build folder.
    let parindex = root.join("parindex");
    std::fs::copy(BIN, &parindex).unwrap();
    chmod(&parindex, 0o755);
    // The service account.
    let account = format!("pxg{}", std::process::id() % 100_000);
    let home = root.join("git");
    run_ok(Std::new("useradd").args(["--system", "--shell", "/bin/sh", "--home-dir"]).arg(&home).arg("--create-home").arg(&account));
    let mut server = Server { sshd: None, account: account.clone() };
    // Not locked (sshd without PAM refuses a locked account), no password either.
    run_ok(Std::new("usermod").args(["-p", "*", &account]));
    // The people and their keys.
    let keys = root.join("keys");
    std::fs::create_dir(&keys).unwrap();
    let mut public = Vec::new();
    for who in ["tuoc", "hung", "lan"] {
        public.push((who, keygen(&keys.join(who), who)));
    }
    // The round: the demo's, with each person's key, not single-user.
    let round = root.join("round");
    let (code, _, err) = output(bin().args(["demo", "--units", "3", "--no-tui"]).arg(&round));
    assert_eq!(code, Some(0), "{err}");
    let ws = round.join("workspace.toml");
    let mut text = std::fs::read_to_string(&ws).unwrap().replace("single_user = true\n", "");
    for (who, k) in &public {
        text.push_str(&format!("\n[[person]]\nuser = \"{who}\"\nkeys = [\"{k}\"]\n"));
    }
    std::fs::write(&ws, text).unwrap();
    // The repository, owned by the service account, and its authorized_keys from what
    // `remote init` printed.
    let repo = home.join("cchc-2020.git");
    let (code, out, err) =
        output(bin().args(["remote", "init"]).arg(&repo).arg("--from").arg(&round).args(["--service-user", &account, "--bin"]).arg(&parindex));
    assert_eq!(code, Some(0), "{out}{err}");
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with("command=")).collect();
    assert_eq!(lines.len(), 3, "{out}");
    let ssh_dir = home.join(".ssh");
    std::fs::create_dir_all(&ssh_dir).unwrap();
    std::fs::write(ssh_dir.join("authorized_keys"), lines.join("\n") + "\n").unwrap();
    chmod(&ssh_dir, 0o700);
    chmod(&ssh_dir.join("authorized_keys"), 0o600);
    run_ok(Std::new("chown").arg("-R").arg(format!("{account}:")).arg(&ssh_dir));
    let owner = run_ok(Std::new("stat").args(["-c", "%U"]).arg(&repo));
    assert_eq!(owner, account);
    // sshd: its own host key, config, port and log.
    let port = free_port();
    let host_key = root.join("host_key");
    keygen(&host_key, "host");
    let config = root.join("sshd_config");
    std::fs::write(
        &config,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\nStrictModes no\nAllowUsers {account}\nAuthorizedKeysFile .ssh/authorized_keys\n",
            host_key.display(),
            root.join("sshd.pid").display()
        ),
    )
    .unwrap();
    std::fs::create_dir_all("/run/sshd").unwrap();
    let log = root.join("sshd.log");
    server.sshd = Some(Std::new("/usr/sbin/sshd").arg("-D").arg("-f").arg(&config).arg("-E").arg(&log).spawn().unwrap());
    let end = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < end, "sshd did not start: {}", std::fs::read_to_string(&log).unwrap_or_default());
        std::thread::sleep(Duration::from_millis(50));
    }
    // Each person's clone, over ssh:// with their own key.
    let url = format!("ssh://{account}@127.0.0.1:{port}{}", repo.display());
    let clone = |who: &str| -> PathBuf {
        let dir = root.join(format!("c-{who}"));
        let ssh = format!(
            "ssh -i {} -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR",
            keys.join(who).display()
        );
        run_ok(Std::new("git").args(["-c", &format!("core.sshCommand={ssh}"), "clone", "-q", &url]).arg(&dir));
        for (k, v) in [("core.sshCommand", ssh.as_str()), ("parindex.user", who), ("user.name", who), ("user.email", "x@example.org")] {
            run_ok(Std::new("git").arg("-C").arg(&dir).args(["config", k, v]));
        }
        dir
    };
    let pi = |dir: &Path, args: &[&str]| {
        output(
            bin()
                .current_dir(dir)
                .args(args)
                .env("PARINDEX_SIGNING_KEY", keys.join(dir.file_name().unwrap().to_string_lossy().trim_start_matches("c-"))),
        )
    };
    let ok = |dir: &Path, args: &[&str]| {
        let (code, out, err) = pi(dir, args);
        assert_eq!(code, Some(0), "parindex {args:?}: {out}{err}\nsshd: {}", std::fs::read_to_string(&log).unwrap_or_default());
        out
    };
    let office = clone("tuoc");
    let hung = clone("hung");
    let lan = clone("lan");
    // The Office returns ttra; its head corrects and submits; the Office appraises and makes it final.
    ok(&office, &["return", "--unit", "ttra", "--reason", "Bổ sung tài liệu kiểm chứng"]);
    assert!(ok(&office, &["sync"]).contains("gửi 1 commit"));
    ok(&hung, &["sync"]);
    ok(&hung, &["news", "add", "--unit", "ttra", "--title", "Tin CCHC", "--date", "25/03/2020", "--link", "https://example.org/a"]);
    ok(&hung, &["submit", "--unit", "ttra"]);
    assert!(ok(&hung, &["sync"]).contains("gửi 1 commit"));
    let sealed = std::fs::read_to_string(hung.join("submissions/ttra.toml")).unwrap().lines().find(|l| l.starts_with("seal = ")).unwrap().to_owned();
    // Another head touches ttra's file: refused over ssh, with the reason.
    ok(&lan, &["sync"]);
    let p = lan.join("submissions/ttra.toml");
    let t = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, t + "\n# sửa hộ\n").unwrap();
    let (code, _, err) = pi(&lan, &["sync"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("lan không có quyền thay đổi tệp này của đơn vị ttra"), "{err}");
    // Nor can a head push "as" the Office: his key is his.
    ok(&office, &["sync"]);
    ok(&office, &["mark-appraised", "--unit", "ttra", "--override"]);
    ok(&office, &["finalise", "--unit", "ttra"]);
    assert!(ok(&office, &["sync"]).contains("gửi 1 commit"));
    // A shell through the service account is refused.
    let o = Std::new("ssh")
        .args(["-i"])
        .arg(keys.join("hung"))
        .args([
            "-p",
            &port.to_string(),
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
        ])
        .arg(format!("{account}@127.0.0.1"))
        .arg("cat /etc/shadow")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("lệnh không được phép"), "{}", String::from_utf8_lossy(&o.stderr));
    // At the end the Office's clone ranks exactly what the units submitted.
    // (the seal the head made covers the answers, and `check` verifies it holds).
    assert!(std::fs::read_to_string(office.join("submissions/ttra.toml")).unwrap().contains(&sealed));
    ok(&office, &["check", "."]);
    ok(&hung, &["sync"]);
    assert_eq!(std::fs::read(office.join("submissions/ttra.toml")).unwrap(), std::fs::read(hung.join("submissions/ttra.toml")).unwrap());
    let rank = |d: &Path| ok(d, &["rank", "--format", "json"]);
    assert_eq!(rank(&office), rank(&hung));
    drop(server);
}
