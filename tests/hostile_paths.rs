//! Hostile paths and write failures (issue 9, points 9 and 10): FIFOs, devices and folders as
//! path arguments are refused at once (exit 2, the path and what it is), nothing is written
//! over a device, and a write that fails names the file and says what to do, in the
//! interface language.

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;

mod common;

fn parindex() -> Command {
    let mut c = common::bin();
    // A command that blocks on a FIFO is killed after this: the test then fails on the exit code.
    c.timeout(Duration::from_secs(10));
    c
}

fn mkfifo(p: &Path) {
    let made = rustix::fs::mkfifoat(rustix::fs::CWD, p, rustix::fs::Mode::from_raw_mode(0o644));
    assert_eq!(made, Ok(()), "mkfifo {}", p.display());
}

/// A demo round in a fresh folder, and the folder.
fn demo() -> (tempfile::TempDir, PathBuf) {
    common::Round::demo(3, 2020).into_parts()
}

/// Runs a command that must be refused quickly: exit 2, stderr holding every piece of `want`.
fn refused(cmd: &mut Command, want: &[&str]) -> String {
    let start = Instant::now();
    let out = cmd.output().unwrap();
    let took = start.elapsed();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "exit {:?} after {took:?}; stderr:\n{err}", out.status);
    assert!(took < Duration::from_secs(5), "took {took:?}");
    for w in want {
        assert!(err.contains(w), "stderr lacks {w:?}:\n{err}");
    }
    err
}

#[test]
fn check_of_a_fifo_or_a_device_is_refused_at_once() {
    let d = tempfile::tempdir().unwrap();
    let fifo = d.path().join("scorecard.toml");
    mkfifo(&fifo);
    let path = fifo.display().to_string();
    refused(parindex().arg("check").arg(&fifo), &[&path, "FIFO"]);
    refused(parindex().args(["--lang", "en", "check"]).arg(&fifo), &[&path, "named pipe (FIFO), not a file"]);
    refused(parindex().args(["--lang", "en", "check", "/dev/null"]), &["/dev/null", "a device, not a file"]);
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn init_with_a_fifo_scorecard_is_refused_and_creates_nothing() {
    let d = tempfile::tempdir().unwrap();
    let fifo = d.path().join("sc.toml");
    mkfifo(&fifo);
    let dir = d.path().join("round");
    refused(parindex().args(["--lang", "en", "init"]).arg(&dir).arg("--scorecard").arg(&fifo), &["sc.toml", "FIFO"]);
    assert!(!dir.exists());
    // A FIFO as the round's folder.
    let sc = d.path().join("real.toml");
    fs::write(
        &sc,
        "[scorecard]\nid = \"x\"\ntitle = \"T\"\n\n[[criterion]]\nid = \"1\"\ntitle = \"A\"\n\n[[criterion]]\nid = \"1.1\"\ntitle = \"B\"\nmax = 1\n",
    )
    .unwrap();
    let fifo_dir = d.path().join("fifo-dir");
    mkfifo(&fifo_dir);
    refused(parindex().args(["--lang", "en", "init"]).arg(&fifo_dir).arg("--scorecard").arg(&sc), &["fifo-dir", "FIFO", "a folder is needed"]);
}

#[test]
fn init_does_not_write_through_a_fifo_planted_in_the_folder() {
    let d = tempfile::tempdir().unwrap();
    let sc = d.path().join("real.toml");
    fs::write(
        &sc,
        "[scorecard]\nid = \"x\"\ntitle = \"T\"\n\n[[criterion]]\nid = \"1\"\ntitle = \"A\"\n\n[[criterion]]\nid = \"1.1\"\ntitle = \"B\"\nmax = 1\n",
    )
    .unwrap();
    let dir = d.path().join("round");
    fs::create_dir(&dir).unwrap();
    mkfifo(&dir.join("scorecard.toml"));
    refused(parindex().args(["--lang", "en", "init"]).arg(&dir).arg("--scorecard").arg(&sc), &["scorecard.toml", "FIFO"]);
    assert!(!dir.join("workspace.toml").exists());
}

#[test]
fn import_and_workspace_fifos_are_refused_at_once() {
    let (root, ws) = demo();
    let fifo = root.path().join("vp.toml");
    mkfifo(&fifo);
    refused(parindex().args(["--lang", "en", "import", "--unit", "vp", "-w"]).arg(&ws).arg(&fifo), &["vp.toml", "FIFO"]);
    let wfifo = root.path().join("ws-fifo");
    mkfifo(&wfifo);
    for cmd in [&["rank"][..], &["status"], &["log"], &["score", "--unit", "vp"], &["submit", "--unit", "vp"]] {
        refused(parindex().args(["--lang", "en"]).args(cmd).arg("-w").arg(&wfifo), &["ws-fifo", "FIFO", "a folder is needed"]);
    }
    refused(parindex().args(["rank", "-w", "/dev/null"]), &["/dev/null", "thiết bị"]);
}

/// What a device node is: its type and number, to see that it was not replaced.
fn device(p: &str) -> (bool, u64, u64) {
    let m = fs::symlink_metadata(p).unwrap();
    (m.file_type().is_char_device(), m.rdev(), m.ino())
}

#[test]
fn output_to_a_device_or_a_fifo_is_refused_before_writing() {
    let (root, ws) = demo();
    let before = [device("/dev/null"), device("/dev/full")];
    let fifo = root.path().join("out.csv");
    mkfifo(&fifo);
    let fifo = fifo.display().to_string();
    for out in ["/dev/null", "/dev/full", fifo.as_str()] {
        let what = if out == fifo { "FIFO" } else { "device" };
        refused(
            parindex().args(["--lang", "en", "rank", "-o", out, "-w"]).arg(&ws),
            &[&format!("Cannot write {out}: it is a"), what, "nothing was changed"],
        );
        refused(parindex().args(["--lang", "en", "export", "--format", "csv", "-o", out, "-w"]).arg(&ws), &[out, what]);
        refused(parindex().args(["--lang", "en", "export-submission", "--unit", "vp", "-o", out, "-w"]).arg(&ws), &[out, what]);
        refused(parindex().args(["rank", "-o", out, "-w"]).arg(&ws), &[&format!("Không ghi được {out}"), "không phải tệp"]);
    }
    assert_eq!([device("/dev/null"), device("/dev/full")], before, "a device node was replaced");
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    // No temp file was left next to the devices or the FIFO.
    let stray: Vec<_> =
        fs::read_dir(root.path()).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n.to_string_lossy().ends_with(".tmp")).collect();
    assert!(stray.is_empty(), "{stray:?}");
    // A folder as -o.
    refused(parindex().args(["--lang", "en", "rank", "-o"]).arg(root.path()).arg("-w").arg(&ws), &["it is a folder, not a file"]);
}

#[test]
fn a_write_into_a_missing_folder_names_the_file_in_both_languages() {
    let (root, ws) = demo();
    let out = root.path().join("no-such-folder/ranking.csv");
    let folder = root.path().join("no-such-folder").display().to_string();
    let vi = refused(
        parindex().args(["rank", "-o"]).arg(&out).arg("-w").arg(&ws),
        &[&format!("Không ghi được {}", out.display()), &format!("thư mục {folder} không tồn tại")],
    );
    assert!(!vi.contains("os error"), "{vi}");
    refused(
        parindex().args(["--lang", "en", "export", "-o"]).arg(&out).arg("-w").arg(&ws),
        &[&format!("Cannot write {}", out.display()), &format!("the folder {folder} does not exist")],
    );
    refused(parindex().args(["--lang", "en", "export-submission", "--unit", "vp", "-o"]).arg(&out).arg("-w").arg(&ws), &["does not exist"]);
}

/// A real write failure without root: a file-size limit (RLIMIT_FSIZE) makes the write fail
/// with EFBIG, as a full disk fails with ENOSPC (which needs a small filesystem to provoke, and
/// mounting one needs root). The old file must be left as it was, and no temp file behind.
#[test]
fn a_write_past_the_file_size_limit_fails_cleanly_and_names_the_file() {
    use std::os::unix::process::CommandExt;
    let (root, ws) = demo();
    let out = root.path().join("ranking.csv");
    fs::write(&out, "old\n").unwrap();
    let mut cmd = common::std_bin();
    cmd.args(["rank", "--format", "csv", "-o"]).arg(&out).arg("-w").arg(&ws);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let lim = libc::rlimit { rlim_cur: 64, rlim_max: 64 };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let o = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("Không ghi được {}", out.display())), "{err}");
    assert!(err.contains("tệp vượt quá kích thước"), "{err}");
    assert_eq!(fs::read_to_string(&out).unwrap(), "old\n");
    let stray: Vec<_> =
        fs::read_dir(root.path()).unwrap().map(|e| e.unwrap().file_name()).filter(|n| n.to_string_lossy().ends_with(".tmp")).collect();
    assert!(stray.is_empty(), "{stray:?}");
}

/// Permission denied is provoked as someone who may not write the folder: the test's user, or,
/// as root (who writes anywhere), `nobody` in root's group (so they may read the round).
#[test]
fn a_write_into_a_folder_without_rights_says_whose_rights_and_what_to_do() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let (root, ws) = demo();
    let locked = root.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    let out = locked.join("ranking.csv");
    let mut cmd = common::std_bin();
    cmd.args(["--lang", "en", "rank", "-o"]).arg(&out).arg("-w").arg(&ws);
    if common::is_root() {
        fs::set_permissions(root.path(), fs::Permissions::from_mode(0o750)).unwrap();
        cmd.uid(65534).gid(0);
    }
    let mut cmd = Command::from_std(cmd);
    refused(
        cmd.timeout(Duration::from_secs(10)),
        &[&format!("Cannot write {}", out.display()), "may not write in the folder", "parindex permissions"],
    );
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
}

/// `demo DIR` writes only into a folder of one's own: the default one is in the shared temp
/// folder, where someone else may have made it first (with a FIFO under a name the demo writes).
#[test]
fn demo_refuses_a_planted_fifo() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("demo");
    fs::create_dir(&dir).unwrap();
    mkfifo(&dir.join(".parindex-demo"));
    refused(parindex().args(["--lang", "en", "demo", "--no-tui"]).arg(&dir), &[".parindex-demo", "FIFO"]);
    assert!(fs::metadata(dir.join(".parindex-demo")).unwrap().file_type().is_fifo());
    assert!(!dir.join("workspace.toml").exists());
}

/// The same for a folder, or a link, of someone else's (made with chown: root only).
#[test]
#[ignore = "needs root"]
fn demo_refuses_a_folder_or_a_link_of_someone_else() {
    common::need_root();
    let d = tempfile::tempdir().unwrap();
    let theirs = d.path().join("theirs");
    fs::create_dir(&theirs).unwrap();
    std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).unwrap();
    refused(parindex().args(["--lang", "en", "demo", "--no-tui"]).arg(&theirs), &["theirs", "is not yours"]);
    assert_eq!(fs::read_dir(&theirs).unwrap().count(), 0);
    // A link by that name, made by someone else, pointing at a folder of one's own.
    let mine = d.path().join("mine");
    fs::create_dir(&mine).unwrap();
    let link = d.path().join("link");
    std::os::unix::fs::symlink(&mine, &link).unwrap();
    std::os::unix::fs::lchown(&link, Some(65534), Some(65534)).unwrap();
    refused(parindex().args(["--lang", "en", "demo", "--no-tui"]).arg(&link), &["link", "is not yours"]);
    assert_eq!(fs::read_dir(&mine).unwrap().count(), 0);
}
