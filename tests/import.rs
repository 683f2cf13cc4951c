//! `parindex import -w DIR --unit ID FILE` against the attacks of issue 18 (item 7): the Office
//! names the unit and the file must be that unit's; the round and `submitted_at` are covered by
//! the seal (version 2) and the signature; a file of another round, an older file, or one
//! submitted after the deadline (without `--late`) is refused, and nothing is written.

use std::fs;
use std::path::{Path, PathBuf};

mod common;

use common::{Round, bin as parindex, bin_en, output};
use parindex::core::answers::{Sheet, SheetKind, Status};
use parindex::core::diag::Source;
use parindex::core::seal;
use parindex::core::workspace::Workspace;

/// `export-submission` of a unit of the round at `w` into `file`.
fn export(w: &Path, unit: &str, file: &Path) {
    parindex().args(["export-submission", "--unit", unit, "-o"]).arg(file).arg("-w").arg(w).assert().success();
}

/// `import --unit UNIT [EXTRA…] FILE` into the round at `w`, in Vietnamese: code, stdout, stderr.
fn import(w: &Path, unit: &str, extra: &[&str], file: &Path) -> (Option<i32>, String, String) {
    output(parindex().args(["import", "--unit", unit]).args(extra).arg("-w").arg(w).arg(file))
}

fn bytes(w: &Path, unit: &str) -> Option<Vec<u8>> {
    fs::read(w.join(format!("submissions/{unit}.toml"))).ok()
}

/// A submission file read as parindex reads it (the scorecard line kept).
fn parse(ws: &Workspace, unit: &str, text: &str) -> Sheet {
    Sheet::parse(Source::new("x.toml", text), &ws.scorecard, SheetKind::Submission, unit).unwrap()
}

/// What a keyless forger can always do: change the file, then compute its seal again.
fn resealed(ws: &Workspace, sheet: &mut Sheet) -> String {
    sheet.seal = Some(seal::digest(sheet, &ws.scorecard));
    sheet.to_toml(&ws.scorecard, SheetKind::Submission)
}

/// The first unit of the round whose submission has this status.
fn unit_with(ws: &Workspace, status: Status) -> String {
    ws.units
        .iter()
        .find(|u| ws.load_sheet(&u.id, SheetKind::Submission).unwrap().is_some_and(|s| s.status == status))
        .map(|u| u.id.clone())
        .unwrap_or_else(|| panic!("the demo has a unit {status:?}"))
}

/// Two copies of one round (the demo with one seed: one round id), as on two machines: a
/// unit's file exported from `a` is imported into `b`.
fn two_machines() -> (Round, Round) {
    (Round::demo(8, 2020), Round::demo(8, 2020))
}

#[test]
fn the_file_must_be_the_unit_the_office_names() {
    let (a, b) = two_machines();
    let file = a.root().join("ttra.toml");
    export(a.path(), "ttra", &file);
    let ws = b.ws();
    let other = ws.units.iter().find(|u| u.id != "ttra").unwrap().id.clone();
    let before = bytes(b.path(), &other);
    let (code, _, err) = import(b.path(), &other, &[], &file);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains(&format!("tệp là bản nộp của đơn vị `ttra`, không phải của đơn vị `{other}`")), "{err}");
    assert_eq!(bytes(b.path(), &other), before, "nothing written");
    // The file's own unit, named: taken in.
    let (code, _, err) = import(b.path(), "ttra", &[], &file);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_file_made_in_a_round_of_ones_own_is_refused() {
    // A head makes a sealed file for a keyless unit in a round of his own (another round id:
    // his own `init`), or edits the round of a real file and seals it again.
    let (a, b) = two_machines();
    let ws = b.ws();
    let file = a.root().join("ttra.toml");
    export(a.path(), "ttra", &file);
    let mut sheet = parse(&ws, "ttra", &fs::read_to_string(&file).unwrap());
    assert_eq!(sheet.round.as_deref(), Some(ws.round_id().as_str()), "the export names its round");
    sheet.round = Some("2020-0123456789abcdef".into());
    let forged = a.root().join("forged.toml");
    fs::write(&forged, resealed(&ws, &mut sheet)).unwrap();
    fs::remove_file(b.path().join("submissions/ttra.toml")).unwrap();
    let (code, _, err) = import(b.path(), "ttra", &[], &forged);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(&format!("tệp được niêm phong trong đợt đánh giá `2020-0123456789abcdef`, không phải đợt này (`{}`)", ws.round_id())),
        "{err}"
    );
    assert_eq!(bytes(b.path(), "ttra"), None, "nothing written");
    // The round edited without sealing again: the seal no longer holds.
    let text = fs::read_to_string(&file).unwrap().replace(&ws.round_id(), "2020-0123456789abcdef");
    fs::write(&forged, text).unwrap();
    let (code, _, err) = import(b.path(), "ttra", &[], &forged);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("đã bị sửa sau khi niêm phong"), "{err}");
    // A legacy (version 1) file says no round: refused too.
    let mut sheet = parse(&ws, "ttra", &fs::read_to_string(&file).unwrap());
    sheet.round = None;
    fs::write(&forged, resealed(&ws, &mut sheet)).unwrap();
    let (code, _, err) = import(b.path(), "ttra", &[], &forged);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("niêm phong kiểu cũ"), "{err}");
    assert_eq!(bytes(b.path(), "ttra"), None, "nothing written");
}

#[test]
fn a_backdated_submitted_at_breaks_the_seal() {
    let (a, b) = two_machines();
    let ws = b.ws();
    let file = a.root().join("ttra.toml");
    export(a.path(), "ttra", &file);
    let text = fs::read_to_string(&file).unwrap();
    let at = parse(&ws, "ttra", &text).submitted_at.unwrap();
    let backdated = a.root().join("backdated.toml");
    fs::write(&backdated, text.replace(&at, "2020-11-01T08:00:00+07:00")).unwrap();
    let before = bytes(b.path(), "ttra");
    let (code, _, err) = import(b.path(), "ttra", &[], &backdated);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("đã bị sửa sau khi niêm phong"), "{err}");
    assert_eq!(bytes(b.path(), "ttra"), before, "nothing written");
    // The seal covers it in the round too: `check` names the file.
    let sub = b.path().join("submissions/ttra.toml");
    fs::write(&sub, fs::read_to_string(&sub).unwrap().replace(&at, "2020-11-01T08:00:00+07:00")).unwrap();
    let (code, _, err) = output(bin_en().arg("check").arg(b.path()));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("ttra.toml: the submission was changed after it was sealed"), "{err}");
}

#[test]
fn an_older_file_never_replaces_a_newer_submission() {
    let (a, b) = two_machines();
    let ws = b.ws();
    // The unit submits in `b` now (a newer submission than the demo's of December 2020).
    let file = a.root().join("ttra.toml");
    export(a.path(), "ttra", &file);
    for mv in ["return", "submit"] {
        parindex().args([mv, "--unit", "ttra", "-w"]).arg(b.path()).assert().success();
    }
    let before = bytes(b.path(), "ttra");
    let (code, _, err) = import(b.path(), "ttra", &[], &file);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("trước bản nộp hiện có của đơn vị"), "{err}");
    assert!(err.contains("không thay bản mới bằng bản cũ"), "{err}");
    assert_eq!(bytes(b.path(), "ttra"), before, "nothing written");
    // The newer one (exported from b) goes into a, replacing the older.
    let newer = b.root().join("newer.toml");
    export(b.path(), "ttra", &newer);
    let (code, _, err) = import(a.path(), "ttra", &[], &newer);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(a.sheet("ttra", SheetKind::Submission).unwrap().submitted_at, parse(&ws, "ttra", &fs::read_to_string(&newer).unwrap()).submitted_at);
}

#[test]
fn past_the_deadline_only_with_late_and_logged() {
    let (a, b) = two_machines();
    let file = a.root().join("ttra.toml");
    export(a.path(), "ttra", &file);
    // The demo's units submitted in December 2020: a deadline before that.
    let p = b.path().join("workspace.toml");
    let text = fs::read_to_string(&p).unwrap();
    let line = text.lines().find(|l| l.starts_with("deadline = ")).unwrap().to_owned();
    fs::write(&p, text.replace(&line, "deadline = 2020-11-30")).unwrap();
    // The unit has not submitted in `b` (its file comes only from the other machine).
    fs::remove_file(b.path().join("submissions/ttra.toml")).unwrap();
    let before = bytes(b.path(), "ttra");
    let (code, _, err) = import(b.path(), "ttra", &[], &file);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("sau hạn tự đánh giá (30/11/2020)") && err.contains("`--late`"), "{err}");
    assert_eq!(bytes(b.path(), "ttra"), before, "nothing written");
    let (code, _, err) = import(b.path(), "ttra", &["--late"], &file);
    assert_eq!(code, Some(0), "{err}");
    let (code, log, err) = output(parindex().args(["log", "--unit", "ttra", "-w"]).arg(b.path()));
    assert_eq!(code, Some(0), "{err}");
    assert!(log.contains("Nhập bản nộp muộn (nộp lúc ") && log.contains("/12/2020 09:"), "{log}");
    // Before the deadline: no `--late` needed, nothing said late.
    let (a2, b2) = two_machines();
    let file = a2.root().join("ttra.toml");
    export(a2.path(), "ttra", &file);
    fs::remove_file(b2.path().join("submissions/ttra.toml")).unwrap();
    let (code, _, err) = import(b2.path(), "ttra", &[], &file);
    assert_eq!(code, Some(0), "{err}");
    let (_, log, _) = output(parindex().args(["log", "--unit", "ttra", "-w"]).arg(b2.path()));
    assert!(log.contains("Nhập bản nộp từ tệp") && !log.contains("muộn"), "{log}");
}

#[test]
fn import_over_final_or_appraised_work_is_refused() {
    let (a, b) = two_machines();
    let ws = b.ws();
    for (status, word) in [(Status::Final, "Chính thức"), (Status::Appraised, "Đã thẩm định")] {
        let unit = unit_with(&ws, status);
        let file: PathBuf = a.root().join(format!("{unit}.toml"));
        export(a.path(), &unit, &file);
        let before = bytes(b.path(), &unit);
        let (code, _, err) = import(b.path(), &unit, &["--late"], &file);
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains(word), "{status:?}: {err}");
        assert_eq!(bytes(b.path(), &unit), before, "nothing written");
    }
}

#[test]
fn a_legacy_seal_still_holds_and_check_flags_it() {
    let r = Round::demo(8, 2020);
    let ws = r.ws();
    let mut sheet = r.sheet("ttra", SheetKind::Submission).unwrap();
    sheet.round = None;
    // Sealed as parindex sealed before the round was: version 1.
    resealed(&ws, &mut sheet);
    assert_eq!(seal::version(&sheet, &ws.scorecard), seal::Version::V1);
    // Written (and logged) as parindex wrote it then.
    assert!(ws.write_logged(&sheet, SheetKind::Submission, Vec::new(), "demo", "edit").unwrap());
    let (code, _, err) = output(bin_en().arg("check").arg(r.path()));
    assert_eq!(code, Some(0), "a warning: {err}");
    assert!(err.contains("ttra.toml: warning: legacy seal"), "{err}");
    let (_, _, err) = output(parindex().arg("check").arg(r.path()));
    assert!(err.contains("niêm phong kiểu cũ"), "{err}");
    let (code, json, err) = output(parindex().args(["rank", "--format", "json", "-w"]).arg(r.path()));
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let item = v.as_array().unwrap().iter().find(|i| i["unit"] == "ttra").unwrap();
    assert_eq!(item["integrity"], "ok");
}

/// The bytes a version 2 seal covers, pinned (tests/golden/seal-v2.message; regenerate with
/// `UPDATE_GOLDEN=1 cargo test --test import`): a change to them breaks every seal and
/// signature made before it, so it must be a new version, never an edit.
#[test]
fn the_sealed_bytes_of_version_2_are_pinned() {
    let sc = parindex::core::scorecard::Scorecard::from_toml_str("scorecard.toml", parindex::demo::SCORECARD_2020).unwrap();
    let text = "unit = \"vp\"\nstatus = \"submitted\"\nround = \"2020-0123456789abcdef\"\n\
                submitted_at = \"2020-12-13T09:47:00+07:00\"\n\n[answers.\"1.1.1\"]\nchoice = \"late\"\n\
                note = \"Kế hoạch “số 44” ban hành chậm\\nhai dòng\"\n\n[answers.\"1.1.2\"]\ndone = 9\nplanned = 10\n";
    let mut sheet = Sheet::parse(Source::new("vp.toml", text), &sc, SheetKind::Submission, "vp").unwrap();
    // Submissions sealed since parindex 27 are of version 3 (tests/attach.rs); version 2 files
    // still verify with these bytes.
    let v2 = |s: &Sheet| seal::digest_of(&seal::message_v(s, &sc, seal::Version::V2));
    let message = seal::message_v(&sheet, &sc, seal::Version::V2);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/seal-v2.message");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, &message).unwrap();
    }
    assert_eq!(String::from_utf8(message.clone()).unwrap(), fs::read_to_string(&path).unwrap(), "the sealed bytes changed");
    assert!(message.starts_with(b"parindex seal v2\nskhcn-tg-2020\nvp\n2020-0123456789abcdef\n2020-12-13T09:47:00+07:00\n"));
    assert_eq!(v2(&sheet), "sha256:3ef5921a21bac2423f5d52cfdb96329fe41db8fa229f6aeb9d94cc06ddc6cf62");
    sheet.seal = Some(v2(&sheet));
    assert_eq!(seal::verify(&sheet, &sc), Some(true));
    assert_eq!(seal::version(&sheet, &sc), seal::Version::V2);
    // Every part is covered: the round, the time, the unit's answers.
    let digest = v2(&sheet);
    sheet.submitted_at = Some("2020-12-01T09:47:00+07:00".into());
    assert_ne!(v2(&sheet), digest);
    sheet.submitted_at = Some("2020-12-13T09:47:00+07:00".into());
    sheet.round = Some("2020-fedcba9876543210".into());
    assert_ne!(v2(&sheet), digest);
    // Without a round it is a version 1 message, as sealed before.
    sheet.round = None;
    assert!(seal::message(&sheet, &sc).starts_with(b"skhcn-tg-2020\nvp\n"));
}

/// A new Ed25519 key pair without a passphrase: the private key's path.
fn keygen(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let st = std::process::Command::new("ssh-keygen").args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"]).arg(&path).status().unwrap();
    assert!(st.success());
    path
}

#[test]
fn with_keys_an_older_signed_file_or_a_backdated_one_is_refused() {
    common::need("ssh-keygen");
    let r = Round::demo(8, 2020);
    let w = r.path();
    let key = keygen(r.root(), "mai");
    let public = fs::read_to_string(key.with_extension("pub")).unwrap().trim().to_owned();
    let p = w.join("workspace.toml");
    let text = fs::read_to_string(&p).unwrap().replacen("heads = [\"mai\"]", &format!("heads = [\"mai\"]\nkeys = [\"{public}\"]"), 1);
    fs::write(&p, text).unwrap();
    parindex().args(["reopen", "--unit", "khtc", "-w"]).arg(w).assert().success();
    let ws = r.ws();
    // An older submission the head really signed (December 2020), kept aside.
    let mut old = r.sheet("khtc", SheetKind::Submission).unwrap();
    ws.stamp(&mut old, "2020-12-01T09:00:00+07:00");
    old.status = Status::Submitted;
    old.seal = Some(seal::digest(&old, &ws.scorecard));
    let with = parindex::core::sign::SignWith::KeyFile(key.clone());
    old.signature = Some(parindex::core::sign::sign(&seal::message(&old, &ws.scorecard), &with).unwrap());
    let older = r.root().join("older.toml");
    fs::write(&older, old.to_toml(&ws.scorecard, SheetKind::Submission)).unwrap();
    // The head submits now, signed.
    parindex().args(["submit", "--unit", "khtc", "--key"]).arg(&key).arg("-w").arg(w).assert().success();
    let now = r.sheet("khtc", SheetKind::Submission).unwrap();
    assert_eq!(seal::version(&now, &ws.scorecard), seal::Version::V3);
    assert_eq!(
        parindex::core::integrity::check(&ws.scorecard, &ws.units[ws.unit_index("khtc").unwrap()].keys, Some(&now)),
        parindex::core::integrity::Integrity::Ok
    );
    let before = bytes(w, "khtc");
    let (code, _, err) = import(w, "khtc", &["--late"], &older);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("tệp được nộp lúc 01/12/2020 09:00, trước bản nộp hiện có của đơn vị"), "{err}");
    assert_eq!(bytes(w, "khtc"), before, "nothing written");
    // The current file, backdated and sealed again (anyone can): its signature no longer holds.
    let current = r.root().join("current.toml");
    export(w, "khtc", &current);
    let mut sheet = parse(&ws, "khtc", &fs::read_to_string(&current).unwrap());
    sheet.submitted_at = Some("2020-11-01T08:00:00+07:00".into());
    let backdated = r.root().join("backdated.toml");
    fs::write(&backdated, resealed(&ws, &mut sheet)).unwrap();
    parindex().args(["return", "--unit", "khtc", "-w"]).arg(w).assert().success();
    let before = bytes(w, "khtc");
    let (code, _, err) = import(w, "khtc", &[], &backdated);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("chữ ký SSH không khớp"), "{err}");
    assert_eq!(bytes(w, "khtc"), before, "nothing written");
    // The file as signed goes in (the unit was returned: it arrives submitted again).
    let (code, _, err) = import(w, "khtc", &[], &current);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(r.sheet("khtc", SheetKind::Submission).unwrap().status, Status::Submitted);
}
