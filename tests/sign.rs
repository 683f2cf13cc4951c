//! Signed submissions and the integrity every view shows, with real keys made by ssh-keygen.
//! Fails where ssh-keygen is not installed; CI installs openssh-client.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Std, Stdio};

mod common;

use common::{bin as parindex, output as out};
use parindex::core::answers::SheetKind;
use parindex::core::integrity::{self, Broken, Integrity};
use parindex::core::seal;
use parindex::core::sign::{self, SignWith, Unverified};
use parindex::core::workspace::Workspace;

/// A new Ed25519 key pair without a passphrase: the private key's path.
fn keygen(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let st = Std::new("ssh-keygen").args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"]).arg(&path).status().unwrap();
    assert!(st.success());
    path
}

fn public_line(key: &Path) -> String {
    fs::read_to_string(key.with_extension("pub")).unwrap().trim().to_owned()
}

/// A demo round where unit `khtc` (appraised in the demo) lists `keys`, reopened and ready to
/// submit again.
fn round_with_keys(dir: &Path, keys: &[String]) -> PathBuf {
    let ws = dir.join("ws");
    common::demo_in(&ws);
    let p = ws.join("workspace.toml");
    let quoted: Vec<String> = keys.iter().map(|k| format!("\"{k}\"")).collect();
    let text = fs::read_to_string(&p).unwrap().replacen("heads = [\"mai\"]", &format!("heads = [\"mai\"]\nkeys = [{}]", quoted.join(", ")), 1);
    fs::write(&p, text).unwrap();
    parindex().args(["reopen", "--unit", "khtc", "-w"]).arg(&ws).assert().success();
    ws
}

fn rank_integrity(ws: &Path, unit: &str) -> String {
    let (code, stdout, err) = out(parindex().args(["rank", "--format", "json", "-w"]).arg(ws));
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let item = v.as_array().unwrap().iter().find(|i| i["unit"] == unit).unwrap().clone();
    item["integrity"].as_str().unwrap().to_owned()
}

#[test]
fn a_signature_verifies_against_its_key_only_and_for_its_message_only() {
    common::need("ssh-keygen");
    let d = tempfile::tempdir().unwrap();
    let (k1, k2) = (keygen(d.path(), "lan"), keygen(d.path(), "hung"));
    let p1 = sign::parse_key(&public_line(&k1)).unwrap();
    let p2 = sign::parse_key(&public_line(&k2)).unwrap();
    let sig = sign::sign(b"skhcn\nvp\n[answers]\n", &SignWith::KeyFile(k1.clone())).unwrap();
    assert!(sig.starts_with("-----BEGIN SSH SIGNATURE-----\n") && sig.ends_with("-----END SSH SIGNATURE-----\n"), "{sig}");
    assert_eq!(sign::verify(b"skhcn\nvp\n[answers]\n", &sig, std::slice::from_ref(&p1)), Ok(()));
    assert_eq!(sign::verify(b"skhcn\nvp\n[answers]\n", &sig, &[p2.clone(), p1.clone()]), Ok(()));
    assert_eq!(sign::verify(b"skhcn\nvp\n[answers] \n", &sig, std::slice::from_ref(&p1)), Err(Unverified::Mismatch));
    assert_eq!(sign::verify(b"skhcn\nvp\n[answers]\n", &sig, std::slice::from_ref(&p2)), Err(Unverified::OtherKey));
    assert_eq!(sign::verify(b"x", "not a signature", &[p1]), Err(Unverified::Unreadable));
    // Another namespace (a git commit signature) is not a parindex signature.
    let msg = d.path().join("msg");
    fs::write(&msg, "skhcn\nvp\n[answers]\n").unwrap();
    let st = Std::new("ssh-keygen").args(["-q", "-Y", "sign", "-n", "git", "-f"]).arg(&k2).arg(&msg).status().unwrap();
    assert!(st.success());
    let git_sig = fs::read_to_string(d.path().join("msg.sig")).unwrap();
    assert_eq!(sign::verify(b"skhcn\nvp\n[answers]\n", &git_sig, &[p2]), Err(Unverified::Mismatch));
    // Keys other than Ed25519 are refused with the reason.
    assert!(sign::parse_key("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ x").is_err());
}

#[test]
fn submit_signs_and_every_view_shows_what_does_not_hold() {
    common::need("ssh-keygen");
    let d = tempfile::tempdir().unwrap();
    let (k1, k2) = (keygen(d.path(), "mai"), keygen(d.path(), "other"));
    let ws = round_with_keys(d.path(), &[public_line(&k1)]);
    let sub = ws.join("submissions/khtc.toml");

    // No agent, no key: refused with what to do, nothing written.
    let before = fs::read(&sub).unwrap();
    let (code, _, err) = out(parindex().args(["submit", "--unit", "khtc", "-w"]).arg(&ws));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("ssh-add") && err.contains("--key ~/.ssh/id_ed25519"), "{err}");
    assert_eq!(fs::read(&sub).unwrap(), before);
    // A key the unit does not list: refused too.
    let (code, _, err) = out(parindex().args(["--lang", "en", "submit", "--unit", "khtc", "--key"]).arg(&k2).arg("-w").arg(&ws));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("not one of the unit's keys"), "{err}");
    let (code, _, err) = out(parindex().args(["submit", "--unit", "khtc", "--key"]).arg(&k2).arg("-w").arg(&ws));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("khóa đã ký không phải là khóa của đơn vị"), "{err}");
    assert_eq!(fs::read(&sub).unwrap(), before);

    // The head's key (here through PARINDEX_SIGNING_KEY): signed, and the round says ok.
    parindex().args(["submit", "--unit", "khtc", "-w"]).arg(&ws).env("PARINDEX_SIGNING_KEY", &k1).assert().success();
    let signed = fs::read_to_string(&sub).unwrap();
    assert!(signed.contains("signature = \"\"\"\n-----BEGIN SSH SIGNATURE-----\n"), "{signed}");
    assert_eq!(rank_integrity(&ws, "khtc"), "ok");
    parindex().arg("check").arg(&ws).assert().success();
    let w = Workspace::load(&ws).unwrap();
    let sheet = w.load_sheet("khtc", SheetKind::Submission).unwrap().unwrap();
    assert_eq!(integrity::check(&w.scorecard, &w.units[2].keys, Some(&sheet)), Integrity::Ok);

    // One answer changed by hand: broken everywhere, and the Office cannot appraise it.
    let tampered = signed.replacen("points = 1\n", "points = 0\n", 1);
    assert_ne!(tampered, signed);
    fs::write(&sub, &tampered).unwrap();
    assert_eq!(rank_integrity(&ws, "khtc"), "broken");
    let (_, table, _) = out(parindex().args(["rank", "-w"]).arg(&ws));
    assert!(table.contains("Phòng Kế hoạch - Tài chính ⚠"), "{table}");
    assert!(table.contains("⚠ Phòng Kế hoạch - Tài chính: Không toàn vẹn — nội dung tự đánh giá đã bị sửa sau khi niêm phong"), "{table}");
    let (_, status, _) = out(parindex().args(["status", "--lang", "en", "-w"]).arg(&ws));
    assert!(status.contains("⚠ Phòng Kế hoạch - Tài chính: Broken — its answers were changed after it was sealed"), "{status}");
    let (_, score, _) = out(parindex().args(["score", "--unit", "khtc", "--format", "json", "-w"]).arg(&ws));
    assert!(score.contains("\"integrity\": \"broken\""), "{score}");
    let (code, _, err) = out(parindex().args(["mark-appraised", "--unit", "khtc", "-w"]).arg(&ws));
    assert_eq!(code, Some(2));
    assert!(err.contains("không toàn vẹn"), "{err}");
    assert_eq!(fs::read_to_string(&sub).unwrap(), tampered);
    let (code, _, _) = out(parindex().arg("check").arg(&ws));
    assert_eq!(code, Some(1));

    // The answers put back, but the seal and signature recomputed by someone with another key:
    // the seal matches, the signature is not the unit's.
    let w = Workspace::load(&ws).unwrap();
    let mut sheet = w.load_sheet("khtc", SheetKind::Submission).unwrap().unwrap();
    let message = seal::message(&sheet, &w.scorecard);
    sheet.seal = Some(seal::digest_of(&message));
    sheet.signature = Some(sign::sign(&message, &SignWith::KeyFile(k2.clone())).unwrap());
    fs::write(&sub, sheet.to_toml(&w.scorecard, SheetKind::Submission)).unwrap();
    assert_eq!(integrity::check(&w.scorecard, &w.units[2].keys, Some(&sheet)), Integrity::Broken(Broken::OtherKey));
    assert_eq!(rank_integrity(&ws, "khtc"), "broken");
    parindex().args(["finalise", "--unit", "khtc", "-w"]).arg(&ws).assert().code(2);

    // The signature removed: unsigned (shown, but the Office may still go on).
    sheet.signature = None;
    fs::write(&sub, sheet.to_toml(&w.scorecard, SheetKind::Submission)).unwrap();
    assert_eq!(rank_integrity(&ws, "khtc"), "unsigned");
    let (_, table, _) = out(parindex().args(["rank", "-w"]).arg(&ws));
    assert!(table.contains("○ Phòng Kế hoạch - Tài chính: Chưa ký"), "{table}");
    // Every other unit (no keys) is ok.
    let (_, json, _) = out(parindex().args(["rank", "--format", "json", "-w"]).arg(&ws));
    assert_eq!(json.matches("\"integrity\": \"ok\"").count(), 7, "{json}");
}

#[test]
fn exports_mark_a_broken_unit_and_say_why() {
    let d = tempfile::tempdir().unwrap();
    let ws = d.path().join("ws");
    parindex().args(["demo", "--no-tui"]).arg(&ws).assert().success();
    let sub = ws.join("submissions/ttra.toml");
    let text = fs::read_to_string(&sub).unwrap().replacen("choice = \"on_time\"\n", "choice = \"late\"\n", 1);
    fs::write(&sub, text).unwrap();
    let why = "Thanh tra Sở: Không toàn vẹn: nội dung tự đánh giá đã bị sửa sau khi niêm phong";
    for (ext, mark) in [
        ("md", "Thanh tra Sở ⚠"),
        ("html", "Thanh tra Sở ⚠"),
        ("csv", "Không toàn vẹn: nội dung tự đánh giá đã bị sửa sau khi niêm phong"),
        ("json", "\"integrity\": \"broken\""),
    ] {
        let o = d.path().join(format!("out.{ext}"));
        parindex().args(["export", "-o"]).arg(&o).arg("-w").arg(&ws).assert().success();
        let got = fs::read_to_string(&o).unwrap();
        assert!(got.contains(mark), "{ext}: {got}");
        if ext == "md" || ext == "html" {
            assert!(got.contains(&format!("⚠ {why}")), "{ext}: {got}");
        }
    }
}

#[test]
fn import_refuses_a_wrong_or_missing_signature() {
    common::need("ssh-keygen");
    let d = tempfile::tempdir().unwrap();
    let (k1, k2) = (keygen(d.path(), "mai"), keygen(d.path(), "other"));
    let ws = round_with_keys(d.path(), &[public_line(&k1)]);
    parindex().args(["submit", "--unit", "khtc", "--key"]).arg(&k1).arg("-w").arg(&ws).assert().success();
    let file = d.path().join("khtc.toml");
    parindex().args(["export-submission", "--unit", "khtc", "-o"]).arg(&file).arg("-w").arg(&ws).assert().success();
    parindex().args(["reopen", "--unit", "khtc", "-w"]).arg(&ws).assert().success();
    let w = Workspace::load(&ws).unwrap();
    let good = fs::read_to_string(&file).unwrap();
    let mut sheet = w.load_sheet("khtc", SheetKind::Submission).unwrap().unwrap();
    sheet.scorecard = Some(w.scorecard.id.clone());
    let message = seal::message(&sheet, &w.scorecard);
    let by_other = sign::sign(&message, &SignWith::KeyFile(k2)).unwrap();
    let start = good.find("signature = ").unwrap();
    let tail = "-----END SSH SIGNATURE-----\n\"\"\"\n";
    let end = start + good[start..].find(tail).unwrap() + tail.len();
    let cases = [
        (good[..start].to_owned() + &good[end..], "phải có chữ ký SSH"),
        (good[..start].to_owned() + &format!("signature = \"\"\"\n{by_other}\"\"\"\n") + &good[end..], "không thuộc khóa nào"),
    ];
    let before = fs::read(ws.join("submissions/khtc.toml")).unwrap();
    for (text, why) in cases {
        let f = d.path().join("bad.toml");
        fs::write(&f, &text).unwrap();
        let (code, _, err) = out(parindex().args(["import", "--unit", "khtc"]).arg("-w").arg(&ws).arg(&f));
        assert_eq!(code, Some(2), "{text}");
        assert!(err.contains(why), "{err}");
        assert_eq!(fs::read(ws.join("submissions/khtc.toml")).unwrap(), before);
    }
    parindex().args(["import", "--unit", "khtc"]).arg("-w").arg(&ws).arg(&file).assert().success();
    assert_eq!(rank_integrity(&ws, "khtc"), "ok");
}

/// An agent started for the test, killed at its end.
struct Agent {
    child: Child,
    sock: PathBuf,
}

impl Drop for Agent {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn submit_signs_through_the_agent() {
    common::need("ssh-keygen");
    common::need("ssh-agent");
    let d = tempfile::tempdir().unwrap();
    let k1 = keygen(d.path(), "mai");
    let ws = round_with_keys(d.path(), &[public_line(&k1)]);
    let sock = d.path().join("agent.sock");
    let child = Std::new("ssh-agent").arg("-D").arg("-a").arg(&sock).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let agent = Agent { child, sock };
    for _ in 0..100 {
        if agent.sock.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let st = Std::new("ssh-add").arg("-q").arg(&k1).env("SSH_AUTH_SOCK", &agent.sock).stderr(Stdio::null()).status().unwrap();
    assert!(st.success());
    parindex().args(["submit", "--unit", "khtc", "-w"]).arg(&ws).env("SSH_AUTH_SOCK", &agent.sock).assert().success();
    assert_eq!(rank_integrity(&ws, "khtc"), "ok");
    assert!(fs::read_to_string(ws.join("submissions/khtc.toml")).unwrap().contains("-----BEGIN SSH SIGNATURE-----"));
    drop(agent);
}

#[test]
fn keys_in_workspace_toml_are_checked_with_their_place_and_written_back() {
    const ECDSA: &str = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBN6Kb4bKrqjKIZrJip4p5cBiFiMVB0DEoU0Ta/P91C/8RqQPANEXrIJuu/74hWQHIYlobj9VyJyy2F9TPTcsCxs= x";
    const KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOG9N1E+T2XVofZx3P72+h3avwCakJibTBwSgyP5vSuK lan@host";
    let d = tempfile::tempdir().unwrap();
    let ws = d.path().join("ws");
    parindex().args(["demo", "--no-tui", "--units", "8"]).arg(&ws).assert().success();
    let p = ws.join("workspace.toml");
    let plain = fs::read_to_string(&p).unwrap();
    fs::write(&p, plain.replacen("heads = [\"lan\"]", &format!("heads = [\"lan\"]\nkeys = [\"{KEY}\"]"), 1)).unwrap();
    let w = Workspace::load(&ws).unwrap();
    assert_eq!(w.units[0].keys.len(), 1);
    let again = w.to_toml();
    assert!(again.contains(&format!("heads = [\"lan\"]\nkeys = [\"{KEY}\"]\n")), "{again}");
    // A line that is not a key, and a key type that is not accepted: each with its place.
    let bad = plain.replacen("heads = [\"lan\"]", &format!("heads = [\"lan\"]\nkeys = [\n  \"ssh-ed25519 AAAA lan\",\n  \"{ECDSA}\",\n]"), 1);
    fs::write(&p, &bad).unwrap();
    let line = bad.lines().position(|l| l.starts_with("keys = ")).unwrap() + 2;
    let (code, _, err) = out(parindex().args(["--lang", "en", "check"]).arg(&ws));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains(&format!("workspace.toml:{line}:3: a key of this unit: not an OpenSSH public key line")), "{err}");
    assert!(err.contains(&format!("workspace.toml:{}:3: a key of this unit: key type `ecdsa-sha2-nistp256` is not accepted", line + 1)), "{err}");
    let (_, _, err) = out(parindex().arg("check").arg(&ws));
    assert!(
        err.contains(&format!("workspace.toml:{}:3: một khóa SSH của đơn vị này: không chấp nhận loại khóa `ecdsa-sha2-nistp256`", line + 1)),
        "{err}"
    );
}

#[test]
fn the_dashboard_marks_a_broken_unit_in_the_office_rows_and_the_unit_header() {
    use parindex::text::Lang;
    use parindex::tui::App;
    use parindex::tui::Theme;
    let (dir, _) = common::demo();
    let sub = dir.path().join("submissions/ttra.toml");
    fs::write(&sub, fs::read_to_string(&sub).unwrap().replacen("choice = \"on_time\"\n", "choice = \"late\"\n", 1)).unwrap();
    let office = App::for_office(Workspace::load(dir.path()).unwrap(), Lang::Vi, Theme::PLAIN).unwrap();
    let screen = common::draw(&office, 160, 40);
    assert!(screen.contains("Thanh tra Sở ⚠"), "{screen}");
    assert!(!screen.contains("Văn phòng Sở ⚠"), "{screen}");
    let unit = App::for_unit(Workspace::load(dir.path()).unwrap(), "ttra", Lang::Vi, Theme::PLAIN).unwrap();
    let screen = common::draw(&unit, 200, 40);
    assert!(screen.contains("⚠ Không toàn vẹn: nội dung tự đánh giá đã bị sửa sau khi niêm phong"), "{screen}");
}
