//! A round over git (issue 20), as the users meet it: each person's clone pushes to the round's
//! bare repository through a fake ssh (GIT_SSH_COMMAND runs `parindex serve --user X` with
//! SSH_ORIGINAL_COMMAND set, as the service account's forced command does), and the repository's
//! pre-receive hook (`parindex hook pre-receive`) judges every commit. Legal flows go through;
//! each attack is refused with its reason in Vietnamese. Needs git (CI installs it).

// Unix only: a fake `ssh` written as a shell script.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Std;

use common::git::{Net, commit_all, edit_note, git, ok, push, refused, returned, run};
use common::{bin, need, output};

#[test]
fn the_legal_flows_go_through_and_the_office_ranks_what_the_units_submitted() {
    let net = Net::new("");
    let office = returned(&net);
    let hung = net.clone("hung");
    // Score: the head changes his own unit's submission (the store's save, as the dashboard's).
    {
        let ws = parindex::core::workspace::Workspace::load(&hung).unwrap();
        let mut sheet = ws.load_sheet("ttra", parindex::core::answers::SheetKind::Submission).unwrap().unwrap();
        let node = ws.scorecard.leaves().next().unwrap();
        sheet.answer_mut(node).note = "Giải trình: đã bổ sung kế hoạch".into();
        assert!(ws.save_edit(&sheet, parindex::core::answers::SheetKind::Submission, "hung").unwrap());
    }
    ok(&hung, &["news", "add", "--unit", "ttra", "--title", "Tin CCHC quý I", "--date", "25/03/2020", "--link", "https://example.org/a"]);
    ok(&hung, &["submit", "--unit", "ttra"]);
    let said = ok(&hung, &["sync"]);
    assert!(said.contains("gửi 1 commit"), "{said}");
    // The commit message says what changed in words, as `log` says it.
    let msg = git(&hung, &["log", "-1", "--format=%B"]);
    assert!(msg.starts_with("ttra: "), "{msg}");
    assert!(msg.contains("Nộp bản tự đánh giá") || msg.contains("nộp"), "{msg}");
    // The Office: appraise, mark appraised, finalise.
    let said = ok(&office, &["sync"]);
    assert!(said.contains("nhận 1 commit"), "{said}");
    ok(&office, &["mark-appraised", "--unit", "ttra", "--override"]);
    ok(&office, &["finalise", "--unit", "ttra"]);
    ok(&office, &["sync"]);
    // Nothing left to sync anywhere; the head sees the Office's work.
    assert!(ok(&office, &["sync"]).contains("không có thay đổi"));
    ok(&hung, &["sync"]);
    let status = ok(&hung, &["status"]);
    assert!(status.contains("Chính thức"), "{status}");
    // The Office's clone ranks exactly what the unit submitted: its file is the head's.
    assert_eq!(std::fs::read(office.join("submissions/ttra.toml")).unwrap(), std::fs::read(hung.join("submissions/ttra.toml")).unwrap());
    let (code, out, err) = run(&office, &["check", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    let fresh = net.clone("mai");
    assert_eq!(ok(&fresh, &["rank", "--format", "json"]), ok(&office, &["rank", "--format", "json"]));
}

#[test]
fn a_heads_commit_touching_another_unit_is_refused() {
    let net = Net::new("");
    let hung = net.clone("hung");
    let p = hung.join("submissions/vp.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text + "\n# sửa hộ\n").unwrap();
    commit_all(&hung, "sửa hộ vp");
    refused(&net, &hung, false, "hung không có quyền thay đổi tệp này của đơn vị vp");
}

#[test]
fn a_forged_status_is_refused() {
    let net = Net::new("");
    returned(&net);
    let hung = net.clone("hung");
    let p = hung.join("submissions/ttra.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains("status = \"returned\""), "{text}");
    // By hand, nothing logged: refused as a change without its log entry.
    std::fs::write(&p, text.replace("status = \"returned\"", "status = \"appraised\"")).unwrap();
    commit_all(&hung, "tự thẩm định");
    refused(&net, &hung, false, "thay đổi không có dòng nhật ký tương ứng");
    // With a real edit logged beside it: the log does not lead there.
    git(&hung, &["reset", "-q", "--hard", "origin/main"]);
    edit_note(&hung, "ttra", "hung", "Giải trình của hung");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replace("status = \"returned\"", "status = \"appraised\"")).unwrap();
    commit_all(&hung, "tự thẩm định");
    refused(&net, &hung, false, "trạng thái bị sửa tay");
}

#[test]
fn evidence_under_another_unit_is_refused() {
    let net = Net::new("");
    returned(&net);
    let hung = net.clone("hung");
    std::fs::create_dir_all(hung.join("evidence/vp")).unwrap();
    std::fs::write(hung.join("evidence/vp/0123456789ab-gia.pdf"), b"%PDF-1.4 forged").unwrap();
    commit_all(&hung, "tài liệu kiểm chứng cho vp");
    refused(&net, &hung, false, "evidence/vp/0123456789ab-gia.pdf: hung không có quyền");
    // His own unit's evidence, while it is open to him, goes through.
    git(&hung, &["reset", "-q", "--hard", "origin/main"]);
    std::fs::create_dir_all(hung.join("evidence/ttra")).unwrap();
    std::fs::write(hung.join("evidence/ttra/0123456789ab-ke-hoach.pdf"), b"%PDF-1.4 ours").unwrap();
    commit_all(&hung, "tài liệu kiểm chứng của ttra");
    let (pushed, said) = push(&hung, false);
    assert!(pushed, "{said}");
}

#[test]
fn workspace_toml_changed_by_a_head_is_refused() {
    let net = Net::new("");
    let hung = net.clone("hung");
    let p = hung.join("workspace.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replace("users = [\"tuoc\"]", "users = [\"tuoc\", \"hung\"]")).unwrap();
    commit_all(&hung, "vào Văn phòng Sở");
    refused(&net, &hung, false, "workspace.toml: chỉ Văn phòng Sở được thay đổi tệp này");
}

#[test]
fn a_force_push_is_refused() {
    let net = Net::new("");
    let office = returned(&net);
    // The Office's return is on the server; a clone rewinds past it and forces.
    git(&office, &["reset", "-q", "--hard", "HEAD~1"]);
    std::fs::write(office.join("ghi-chu.txt"), "x").unwrap();
    commit_all(&office, "viết lại lịch sử");
    refused(&net, &office, true, "không được đẩy đè");
}

#[test]
fn a_commit_whose_file_does_not_load_is_refused() {
    let net = Net::new("");
    returned(&net);
    let hung = net.clone("hung");
    // A logged edit, then the file broken by hand.
    edit_note(&hung, "ttra", "hung", "Giải trình của hung");
    std::fs::write(hung.join("submissions/ttra.toml"), "status = [không phải TOML\n").unwrap();
    commit_all(&hung, "hỏng");
    refused(&net, &hung, false, "lỗi khi kiểm tra");
}

#[test]
fn a_commit_made_as_the_office_by_a_head_is_refused() {
    let net = Net::new("");
    let hung = net.clone("hung");
    // He tells his clone he is the Office and writes as the Office would, author and all.
    git(&hung, &["config", "parindex.user", "tuoc"]);
    git(&hung, &["config", "user.name", "tuoc"]);
    ok(&hung, &["mark-appraised", "--unit", "ttra", "--override"]);
    commit_all(&hung, "ttra: thẩm định");
    refused(&net, &hung, false, "có dòng mới mang tên tuoc, nhưng người đẩy là hung");
    // `sync` says the same, in words, and keeps the commit.
    let (code, _, err) = run(&hung, &["sync"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("kho đợt đánh giá từ chối thay đổi của bạn"), "{err}");
    assert!(err.contains("người đẩy là hung"), "{err}");
}

#[test]
fn a_push_that_does_not_come_through_serve_is_refused() {
    let net = Net::new("");
    let dir = net.root.join("direct");
    git(&net.root, &["clone", "-q", &net.repo.to_string_lossy(), &dir.to_string_lossy()]);
    std::fs::write(dir.join("x.txt"), "x").unwrap();
    git(&dir, &["-c", "user.name=x", "-c", "user.email=x@x", "add", "-A"]);
    git(&dir, &["-c", "user.name=x", "-c", "user.email=x@x", "commit", "-q", "-m", "x"]);
    refused(&net, &dir, false, "lần đẩy này không rõ người đẩy");
}

#[test]
fn serve_runs_only_git_of_the_one_repository() {
    let net = Net::new("");
    let serve = |cmd: &str| output(bin().args(["serve", "--repo"]).arg(&net.repo).args(["--user", "hung"]).env("SSH_ORIGINAL_COMMAND", cmd));
    let (code, _, err) = serve("bash -i");
    assert_eq!(code, Some(2));
    assert!(err.contains("lệnh không được phép"), "{err}");
    let (code, _, err) = serve("git-receive-pack '/etc/other.git'");
    assert_eq!(code, Some(2));
    assert!(err.contains("không phải kho của đợt"), "{err}");
    let (code, _, err) = output(bin().args(["serve", "--repo"]).arg(&net.repo).args(["--user", "hung"]).env_remove("SSH_ORIGINAL_COMMAND"));
    assert_eq!(code, Some(2));
    assert!(err.contains("không mở phiên làm việc"), "{err}");
    let (code, _, err) =
        output(bin().args(["serve", "--repo"]).arg(&net.repo).args(["--user", "ke-la"]).env("SSH_ORIGINAL_COMMAND", "git-upload-pack 'round.git'"));
    assert_eq!(code, Some(2));
    assert!(err.contains("không có vai trò nào"), "{err}");
}

#[test]
fn with_keys_listed_commits_are_signed_and_verified() {
    need("ssh-keygen");
    let keys = tempfile::tempdir().unwrap();
    let key = |name: &str| {
        let path = keys.path().join(name);
        let st = Std::new("ssh-keygen").args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"]).arg(&path).status().unwrap();
        assert!(st.success());
        (path.clone(), std::fs::read_to_string(path.with_extension("pub")).unwrap().trim().to_owned())
    };
    let (tuoc_key, tuoc_pub) = key("tuoc");
    let (hung_key, hung_pub) = key("hung");
    let net = Net::new(&format!("\n[[person]]\nuser = \"tuoc\"\nkeys = [\"{tuoc_pub}\"]\n\n[[person]]\nuser = \"hung\"\nkeys = [\"{hung_pub}\"]\n"));
    // remote init printed a forced-command line per key.
    let office = net.clone("tuoc");
    ok(&office, &["return", "--unit", "ttra", "--reason", "Bổ sung"]);
    // `sync` asks for the key before it commits anything.
    let (code, _, err) = run(&office, &["sync"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--key"), "{err}");
    // An unsigned commit by plain git: refused by the hook.
    commit_all(&office, "ttra: trả lại");
    refused(&net, &office, false, "không có chữ ký SSH hợp lệ bằng khóa của tuoc");
    // Signed with the Office's key: taken.
    git(&office, &["reset", "-q", "--soft", "origin/main"]);
    let said = ok(&office, &["sync", "--key", &tuoc_key.to_string_lossy()]);
    assert!(said.contains("gửi 1 commit"), "{said}");
    // A head's commit signed with another person's key: refused.
    let hung = net.clone("hung");
    std::fs::create_dir_all(hung.join("evidence/ttra")).unwrap();
    std::fs::write(hung.join("evidence/ttra/0123456789ab-a.pdf"), b"%PDF").unwrap();
    let (code, _, err) = run(&hung, &["sync", "--key", &tuoc_key.to_string_lossy()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("bằng khóa của hung"), "{err}");
    git(&hung, &["reset", "-q", "--soft", "origin/main"]);
    let said = ok(&hung, &["sync", "--key", &hung_key.to_string_lossy()]);
    assert!(said.contains("gửi 1 commit"), "{said}");
}

#[test]
fn remote_init_prints_a_forced_command_per_key() {
    need("ssh-keygen");
    let keys = tempfile::tempdir().unwrap();
    let path = keys.path().join("lan");
    assert!(Std::new("ssh-keygen").args(["-q", "-t", "ed25519", "-N", "", "-C", "lan", "-f"]).arg(&path).status().unwrap().success());
    let public = std::fs::read_to_string(path.with_extension("pub")).unwrap().trim().to_owned();
    let tmp = tempfile::tempdir().unwrap();
    let round = tmp.path().join("round");
    output(bin().args(["demo", "--units", "3", "--no-tui"]).arg(&round));
    let ws = round.join("workspace.toml");
    let text =
        std::fs::read_to_string(&ws).unwrap().replace("single_user = true\n", "") + &format!("\n[[person]]\nuser = \"lan\"\nkeys = [\"{public}\"]\n");
    std::fs::write(&ws, text).unwrap();
    let repo = tmp.path().join("r.git");
    let (code, out, err) = output(bin().args(["remote", "init"]).arg(&repo).arg("--from").arg(&round).args(["--bin", "/usr/local/bin/parindex"]));
    assert_eq!(code, Some(0), "{err}");
    let line = out.lines().find(|l| l.starts_with("command=")).expect("a forced-command line");
    assert!(
        line.starts_with(&format!("command=\"/usr/local/bin/parindex serve --repo {} --user lan\",no-port-forwarding", repo.display())),
        "{line}"
    );
    assert!(line.contains("no-pty"), "{line}");
    assert!(line.ends_with(&public), "{line}");
    assert!(out.contains("# tuoc: workspace.toml chưa khai khóa SSH nào"), "{out}");
    // The repository refuses what git itself would allow.
    assert_eq!(git(&repo, &["config", "receive.denyNonFastForwards"]), "true");
    assert_eq!(git(&repo, &["config", "receive.denyDeletes"]), "true");
    // A second init over it is refused.
    let (code, _, err) = output(bin().args(["remote", "init"]).arg(&repo).arg("--from").arg(&round));
    assert_eq!(code, Some(2));
    assert!(err.contains("đã có"), "{err}");
}

#[test]
fn the_dashboard_of_a_clone_shows_what_waits_and_syncs_on_its_key() {
    use parindex::tui::Theme;
    use parindex::tui::state::App;
    use ratatui::crossterm::event::KeyCode;
    let net = Net::new("");
    returned(&net);
    let hung = net.clone("hung");
    ok(&hung, &["news", "add", "--unit", "ttra", "--title", "Tin CCHC quý II", "--date", "25/06/2020", "--link", "https://example.org/b"]);
    let ws = parindex::core::workspace::Workspace::load(&hung).unwrap();
    let mut app = App::for_unit(ws, "ttra", parindex::text::Lang::Vi, Theme::PLAIN).expect("the unit's dashboard");
    app.session.run_in_background();
    let mut screen = common::Screen::new(260, 30);
    // The submission and its log changed: two changes wait, in the header line.
    let f = screen.until(&mut app, |f| f.contains("Chưa đồng bộ: 2 thay đổi"));
    assert!(f.lines().next().unwrap().contains("Chưa đồng bộ: 2 thay đổi"), "{f}");
    // The bar offers the key only in a clone.
    assert!(f.contains("B  Đồng bộ"), "{f}");
    let before = net.head();
    common::key(&mut app, KeyCode::Char('B'));
    let f = screen.until(&mut app, |f| f.contains("Đã đồng bộ") && !f.contains("Chưa đồng bộ"));
    assert!(f.contains("gửi 1 commit"), "{f}");
    assert_ne!(net.head(), before);
    assert!(git(&net.repo, &["log", "-1", "--format=%s", "main"]).starts_with("ttra: "));
}

#[test]
fn an_appraiser_changes_only_its_part_whatever_its_log_says() {
    use parindex::core::answers::SheetKind;
    let net = Net::new("\n[[appraiser]]\nid = \"tc\"\nname = \"Phòng Tài chính\"\nusers = [\"thu\"]\ncriteria = [\"1.1\"]\n");
    let thu = net.clone("thu");
    // Its own part, by the command: taken.
    ok(&thu, &["appraise", "--unit", "ttra", "--criterion", "1.1.1", "--value", "1", "--comment", "Đủ hồ sơ"]);
    let said = ok(&thu, &["sync"]);
    assert!(said.contains("gửi 1 commit"), "{said}");
    // Another part, by the store's save (no role check there), then the log rewritten to name
    // its own criterion: the log alone would pass; the file does not.
    let ws = parindex::core::workspace::Workspace::load(&thu).unwrap();
    let mut appr = ws.load_sheet("ttra", SheetKind::Appraisal).unwrap().unwrap_or_else(|| parindex::core::answers::Sheet::new("ttra"));
    let node = ws.scorecard.node_index("1.3.1").unwrap();
    appr.answer_mut(node).comment = "Sửa phần của người khác".into();
    assert!(ws.save_edit(&appr, SheetKind::Appraisal, "thu").unwrap());
    let log = thu.join("audit/ttra.jsonl");
    let text = std::fs::read_to_string(&log).unwrap().replace("\"criterion\":\"1.3.1\"", "\"criterion\":\"1.1.1\"");
    std::fs::write(&log, text).unwrap();
    commit_all(&thu, "ttra: thẩm định");
    refused(&net, &thu, false, "thao tác “appraise”");
    let (_, said) = push(&thu, false);
    assert!(said.contains("1.3.1"), "{said}");
}

#[test]
fn the_objection_stage_goes_through_the_hook() {
    let net = Net::new("");
    let office = net.clone("tuoc");
    ok(&office, &["publish", "--provisional", "--until", "31/12/2099"]);
    let said = ok(&office, &["sync"]);
    assert!(said.contains("gửi 1 commit"), "{said}");
    let lan = net.clone("lan");
    ok(&lan, &["object", "--unit", "vp", "--criterion", "1.1.1", "--reason", "Đã ban hành kế hoạch đúng hạn"]);
    let said = ok(&lan, &["sync"]);
    assert!(said.contains("gửi 1 commit"), "{said}");
    ok(&office, &["sync"]);
    ok(&office, &["answer", "--unit", "vp", "--criterion", "1.1.1", "--reject", "--reason", "Không có tài liệu kiểm chứng"]);
    let said = ok(&office, &["sync"]);
    assert!(said.contains("gửi 1 commit"), "{said}");
    // A head publishing the final results himself, as the Office: refused.
    ok(&lan, &["sync"]);
    git(&lan, &["config", "parindex.user", "tuoc"]);
    ok(&lan, &["publish", "--final", "--force"]);
    commit_all(&lan, "công bố");
    refused(&net, &lan, false, "publication.toml: chỉ Văn phòng Sở được thay đổi tệp này (lan không thuộc Văn phòng Sở)");
}

/// Issue 20: a file attached with `parindex attach` and the unit's narrative travel through the
/// hook like any edit of the head's own unit, and the Office's clone checks their digests.
#[test]
fn attached_files_and_the_narrative_go_through_and_the_office_checks_them() {
    let net = Net::new("");
    let office = returned(&net);
    let hung = net.clone("hung");
    let pdf = net.root.join("ke-hoach.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n% ke hoach\n%%EOF\n").unwrap();
    ok(&hung, &["attach", "--unit", "ttra", "--criterion", "1.1.1", pdf.to_str().unwrap()]);
    ok(&hung, &["narrative", "--unit", "ttra", "--section", "ket-qua", "--text", "Hoàn thành kế hoạch."]);
    let said = ok(&hung, &["sync"]);
    assert!(said.contains("Đã đồng bộ"), "{said}");
    // The Office takes them and its clone's check verifies the attached file's digest.
    ok(&office, &["sync"]);
    let listed = ok(&office, &["attach", "--unit", "ttra"]);
    assert!(listed.contains("ke-hoach.pdf"), "{listed}");
    let (code, out, err) = run(&office, &["check", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    // A head changing the bytes of an attached file afterwards: the hook's check refuses it.
    let stored = std::fs::read_dir(hung.join("evidence/ttra"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("ke-hoach.pdf"))
        .unwrap();
    std::fs::write(&stored, b"%PDF-1.4\n% doi noi dung\n%%EOF\n").unwrap();
    commit_all(&hung, "đổi tệp");
    refused(&net, &hung, false, "ke-hoach.pdf");
}

/// The reviewer's decisions travel through the hook both ways: `confirm` and
/// `confirm --reject` (logged `reject`) are his, not only the Office's.
#[test]
fn the_reviewers_confirm_and_reject_go_through_the_hook() {
    let net = Net::new("");
    let an = net.clone("an");
    ok(&an, &["confirm", "--unit", "ttra", "--item", "1"]);
    let said = ok(&an, &["sync"]);
    assert!(said.contains("gửi 1 commit"), "{said}");
    ok(&an, &["confirm", "--unit", "ttra", "--item", "2", "--reject", "--reason", "Không phải nội dung cải cách hành chính"]);
    let said = ok(&an, &["sync"]);
    assert!(said.contains("gửi 1 commit"), "{said}");
    // A head deciding on his own unit's items, as the reviewer: refused.
    let hung = net.clone("hung");
    git(&hung, &["config", "parindex.user", "an"]);
    ok(&hung, &["confirm", "--unit", "ttra", "--item", "2"]);
    commit_all(&hung, "tự xác nhận");
    refused(&net, &hung, false, "reviews/ttra.toml: hung không có quyền thay đổi tệp này");
}

/// A clone's ssh made slow: every connection writes its process id and arguments to a file,
/// then waits 3 s before it goes on to the fake ssh.
struct Slow {
    marks: PathBuf,
}

impl Slow {
    fn new(net: &Net, dir: &Path, user: &str) -> Slow {
        use std::os::unix::fs::PermissionsExt;
        let marks = net.root.join(format!("ssh-started-{user}"));
        let slow = net.root.join(format!("slowssh-{user}"));
        let fake = net.root.join("fakessh");
        std::fs::write(&slow, format!("#!/bin/sh\necho $$ \"$@\" >> {}\nsleep 3\nexec {} \"$@\"\n", marks.display(), fake.display())).unwrap();
        std::fs::set_permissions(&slow, std::fs::Permissions::from_mode(0o755)).unwrap();
        git(dir, &["config", "core.sshCommand", &format!("{} {user}", slow.display())]);
        // No `ssh -G` probe of which ssh it is: one connection per fetch and per push.
        git(dir, &["config", "ssh.variant", "ssh"]);
        Slow { marks }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.marks).unwrap_or_default()
    }

    /// How many connections started.
    fn started(&self) -> usize {
        self.log().lines().count()
    }

    /// Waits until `n` connections started.
    fn wait_for(&self, n: usize) {
        let end = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while self.started() < n {
            assert!(std::time::Instant::now() < end, "{n} ssh connections did not start:\n{}", self.log());
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }

    /// Ends the `i`th connection (from 0) by its process id.
    fn kill(&self, i: usize) {
        let log = self.log();
        let pid = log.lines().nth(i).and_then(|l| l.split(' ').next()).unwrap_or_default();
        if !pid.is_empty() {
            let _ = Std::new("kill").arg(pid).status();
        }
    }
}

/// Issue 20: the server moved on between a sync's fetch and its push (the Office pushed
/// meanwhile): the sync fetches, rebases and pushes again, once, and says what it received.
#[test]
fn a_push_after_the_server_moved_on_is_rebased_and_pushed_again() {
    let net = Net::new("");
    let office = returned(&net);
    let hung = net.clone("hung");
    let slow = Slow::new(&net, &hung, "hung");
    ok(&hung, &["news", "add", "--unit", "ttra", "--title", "Tin CCHC quý IV", "--date", "25/12/2020", "--link", "https://example.org/d"]);
    let mut sync = common::std_bin();
    sync.current_dir(&hung).arg("sync").stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let child = sync.spawn().unwrap();
    // hung's push waits on its ssh: the Office pushes first.
    slow.wait_for(2);
    ok(&office, &["finalise", "--unit", "vp"]);
    assert!(ok(&office, &["sync"]).contains("gửi 1 commit"));
    let out = child.wait_with_output().unwrap();
    let (said, err) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{said}{err}");
    assert!(said.contains("Đã đồng bộ: gửi 1 commit, nhận 1 commit"), "{said}");
    assert_eq!(slow.started(), 4, "fetch, push refused, fetch, push:\n{}", slow.log());
    // hung's commit on top of the Office's.
    let subjects = git(&net.repo, &["log", "-2", "--format=%s", "main"]);
    let mut lines = subjects.lines();
    assert!(lines.next().unwrap().starts_with("ttra: "), "{subjects}");
    assert!(lines.next().unwrap().starts_with("vp: "), "{subjects}");
}

/// Issue 20: the commit message of a sync lists, in words, the new log entries of the unit
/// that changed (read against HEAD), and only that unit.
#[test]
fn the_commit_message_lists_the_new_log_entries_of_the_changed_unit() {
    let net = Net::new("");
    returned(&net);
    let hung = net.clone("hung");
    let log = hung.join("audit/ttra.jsonl");
    let before = std::fs::read_to_string(&log).unwrap().lines().count();
    ok(&hung, &["news", "add", "--unit", "ttra", "--title", "Tin CCHC quý III", "--date", "25/09/2020", "--link", "https://example.org/c"]);
    edit_note(&hung, "ttra", "hung", "Giải trình của hung");
    let new = std::fs::read_to_string(&log).unwrap().lines().count() - before;
    assert!(new >= 2, "{new} new log entries");
    let said = ok(&hung, &["sync"]);
    assert!(said.contains("gửi 1 commit"), "{said}");
    let msg = git(&net.repo, &["log", "-1", "--format=%B", "main"]);
    let mut lines = msg.lines();
    assert_eq!(lines.next(), Some(format!("ttra: {new} thay đổi (hung)").as_str()), "{msg}");
    assert_eq!(lines.next(), Some(""), "{msg}");
    let body: Vec<&str> = lines.collect();
    assert_eq!(body.len(), new, "{msg}");
    assert!(body.iter().all(|l| l.starts_with("ttra: ")), "{msg}");
    assert!(msg.contains("Giải trình của hung"), "{msg}");
    assert!(msg.contains("Tin CCHC quý III"), "{msg}");
}

/// Issue 20: the dashboard's sync runs its network phases off the disk worker. With every ssh
/// connection of the clone made slow (3 s), a save made while the sync fetches is answered at
/// once, long before the sync; the sync still commits it (before rebasing), sends both
/// commits and says so. A dashboard closed while a sync waits on the network closes at once.
#[test]
fn a_save_made_while_the_sync_waits_on_the_network_is_answered_at_once() {
    use parindex::core::answers::SheetKind;
    use parindex::core::workflow::Actor;
    use parindex::tui::session::{Locked, Reply, SaveAs, Session};
    use std::time::{Duration, Instant};
    let net = Net::new("");
    returned(&net);
    let hung = net.clone("hung");
    let slow = Slow::new(&net, &hung, "hung");
    // A change to send, then the dashboard's session on the clone, the unit's sheet locked.
    ok(&hung, &["news", "add", "--unit", "ttra", "--title", "Tin CCHC quý IV", "--date", "25/12/2020", "--link", "https://example.org/d"]);
    let ws = parindex::core::workspace::Workspace::load(&hung).unwrap();
    let unit = ws.units.iter().position(|u| u.id == "ttra").unwrap();
    let mut sheet = ws.load_sheet("ttra", SheetKind::Submission).unwrap().unwrap();
    let node = ws.scorecard.leaves().next().unwrap();
    let mut s = Session::open_as(ws, "hung");
    s.run_in_background();
    assert!(matches!(s.lock(unit, SheetKind::Submission), Locked::Mine { .. }));
    assert!(s.start_sync(parindex::text::Lang::Vi));
    // The commit is made and the fetch waits on its ssh: now a save.
    slow.wait_for(1);
    sheet.answer_mut(node).note = "Giải trình lưu trong lúc đồng bộ".into();
    let asked = Instant::now();
    assert!(s.save_checked(unit, &sheet, SheetKind::Submission, SaveAs { actor: Actor::Head, permitted: true }, false).is_none());
    let mut saved: Option<Duration> = None;
    let mut synced: Option<(Duration, Result<String, String>)> = None;
    let end = asked + Duration::from_secs(120);
    while synced.is_none() {
        for r in s.saved() {
            match r {
                Reply::Saved { .. } => saved = Some(asked.elapsed()),
                Reply::NotSaved { why, .. } => panic!("not saved: {why:?}"),
                Reply::Synced { said, .. } => {
                    assert!(saved.is_some(), "the sync answered before the save: {said:?}");
                    synced = Some((asked.elapsed(), said));
                }
                _ => {}
            }
        }
        assert!(Instant::now() < end, "no answer of the sync");
        std::thread::sleep(Duration::from_millis(10));
    }
    let saved = saved.unwrap();
    let (took, said) = synced.unwrap();
    assert!(saved < Duration::from_millis(2500), "the save waited {saved:?}");
    // The push's own ssh waits 3 s after the save's answer.
    assert!(took >= saved + Duration::from_secs(3), "save {saved:?}, sync {took:?}");
    let said = said.expect("the sync went through");
    assert!(said.contains("Đã đồng bộ: gửi 2 commit, nhận 0 commit"), "{said}");
    assert_eq!(slow.started(), 2, "one fetch and one push: {}", slow.log());
    // The save went with it, in a commit of its own whose message says it.
    let on_server = git(&net.repo, &["show", "main:submissions/ttra.toml"]);
    assert!(on_server.contains("Giải trình lưu trong lúc đồng bộ"), "{on_server}");
    let msg = git(&net.repo, &["log", "-1", "--format=%B", "main"]);
    assert!(msg.starts_with("ttra: ") && msg.contains("Giải trình lưu trong lúc đồng bộ"), "{msg}");
    assert_eq!(git(&hung, &["status", "--porcelain"]), "");
    // Another sync, and the dashboard closed while it fetches: the close does not wait.
    std::fs::create_dir_all(hung.join("evidence/ttra")).unwrap();
    std::fs::write(hung.join("evidence/ttra/0123456789ab-b.pdf"), b"%PDF").unwrap();
    while s.is_clone() && s.git.as_ref().is_some_and(|g| g.running) {
        s.saved();
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(s.start_sync(parindex::text::Lang::Vi));
    slow.wait_for(3);
    let t = Instant::now();
    drop(s);
    assert!(t.elapsed() < Duration::from_secs(2), "closing waited {:?} for the sync", t.elapsed());
    // The fetch left behind is ended by its id.
    slow.kill(2);
}
