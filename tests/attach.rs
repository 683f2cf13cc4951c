//! Evidence files attached to a criterion (issue 20) and the unit's narrative (issue 22):
//! `attach`, `detach`, `narrative` through the binary, `check` verifying every attached file,
//! and the seal of version 3 that covers the narrative (v2 and v1 files still verify).

use std::fs;
use std::path::{Path, PathBuf};

mod common;

use common::{Roles, Round, bin as parindex, bin_en, output, set_roles};
use parindex::core::answers::{Section, Sheet, SheetKind};
use parindex::core::diag::Source;
use parindex::core::seal;

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n";

/// A file in the round's parent folder (outside the round), written with `bytes`.
fn file(r: &Round, name: &str, bytes: &[u8]) -> PathBuf {
    let p = r.root().join(name);
    fs::write(&p, bytes).unwrap();
    p
}

fn attach(r: &Round, unit: &str, criterion: &str, f: &Path) -> (Option<i32>, String, String) {
    output(parindex().args(["attach", "--unit", unit, "--criterion", criterion, "-w"]).arg(r.path()).arg(f))
}

/// A draft unit of the demo (its head may edit it).
const DRAFT: &str = "qlkh";

#[test]
fn a_head_attaches_a_file_check_verifies_it_and_detach_removes_it() {
    let r = Round::demo(8, 2020);
    let f = file(&r, "Kế hoạch số 44.pdf", PDF);
    let (code, out, err) = attach(&r, DRAFT, "1.1.1", &f);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Đã đính kèm `Kế hoạch số 44.pdf` vào tiêu chí 1.1.1"), "{out}");
    let sheet = r.sheet(DRAFT, SheetKind::Submission).unwrap();
    let i = r.ws().scorecard.node_index("1.1.1").unwrap();
    let e = sheet.answer(i).unwrap().evidence.iter().find(|e| e.attached.is_some()).unwrap().clone();
    let at = e.attached.clone().unwrap();
    assert_eq!(at.name, "Kế hoạch số 44.pdf");
    assert_eq!(at.size, PDF.len() as u64);
    let stored = e.file.clone().unwrap();
    assert_eq!(stored, format!("{DRAFT}/{}-Ke-hoach-so-44.pdf", &at.sha256[..12]));
    let on_disk = r.path().join("evidence").join(&stored);
    assert_eq!(fs::read(&on_disk).unwrap(), PDF);
    // What parindex wrote, parindex loads, and `check` finds it whole.
    let (code, _, err) = output(parindex().arg("check").arg(r.path()));
    assert_eq!(code, Some(0), "{err}");
    // The same file again on the same criterion: refused.
    let (code, _, err) = attach(&r, DRAFT, "1.1.1", &f);
    assert_eq!(code, Some(2));
    assert!(err.contains("đã được đính kèm vào tiêu chí 1.1.1"), "{err}");
    // Listed, with its size and short digest.
    let (code, out, _) = output(parindex().args(["attach", "--unit", DRAFT, "-w"]).arg(r.path()));
    assert_eq!(code, Some(0));
    assert!(out.contains("Kế hoạch số 44.pdf") && out.contains(&at.sha256[..12]), "{out}");
    // Detached: gone from the sheet and from the folder.
    let (code, out, err) =
        output(parindex().args(["detach", "--unit", DRAFT, "--criterion", "1.1.1", "--file", "Kế hoạch số 44.pdf", "-w"]).arg(r.path()));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Đã gỡ tệp"), "{out}");
    assert!(!on_disk.exists());
    let sheet = r.sheet(DRAFT, SheetKind::Submission).unwrap();
    assert!(sheet.answer(i).is_none_or(|a| a.evidence.iter().all(|e| e.attached.is_none())));
}

#[test]
fn a_changed_or_missing_attached_file_is_a_check_error_naming_it() {
    let r = Round::demo(8, 2020);
    let f = file(&r, "bien-ban.pdf", PDF);
    assert_eq!(attach(&r, DRAFT, "1.1.2", &f).0, Some(0));
    let sheet = r.sheet(DRAFT, SheetKind::Submission).unwrap();
    let i = r.ws().scorecard.node_index("1.1.2").unwrap();
    let stored = sheet.answer(i).unwrap().evidence.iter().find_map(|e| e.attached.as_ref().and(e.file.clone())).unwrap();
    let on_disk = r.path().join("evidence").join(&stored);
    // One byte changed, same size.
    let mut b = PDF.to_vec();
    b[10] ^= 1;
    fs::write(&on_disk, &b).unwrap();
    let (code, _, err) = output(parindex().arg("check").arg(r.path()));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains(&format!("tệp đính kèm `evidence/{stored}` đã bị thay đổi sau khi đính kèm")), "{err}");
    let (code, _, err) = output(bin_en().arg("check").arg(r.path()));
    assert_eq!(code, Some(1));
    assert!(err.contains("changed after it was attached"), "{err}");
    // Gone.
    fs::remove_file(&on_disk).unwrap();
    let (code, _, err) = output(parindex().arg("check").arg(r.path()));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains(&format!("không còn tệp đính kèm `evidence/{stored}`")), "{err}");
}

#[test]
fn attach_refuses_with_reasons_and_writes_nothing() {
    let r = Round::demo(8, 2020);
    let before = fs::read(r.path().join(format!("submissions/{DRAFT}.toml"))).unwrap();
    let check = |f: &Path, unit: &str, want: &str| {
        let (code, out, err) = attach(&r, unit, "1.1.1", f);
        assert_eq!(code, Some(2), "{}: {out}{err}", f.display());
        assert!(err.contains(want), "{}: {err}", f.display());
    };
    // Wrong type: by extension, and by content.
    check(&file(&r, "setup.exe", b"MZ\x90\0"), DRAFT, "không nhận tệp `setup.exe` (đuôi `exe`)");
    check(&file(&r, "bao-cao.pdf", b"MZ\x90\0"), DRAFT, "nội dung tệp `bao-cao.pdf` không phải tệp pdf");
    check(&file(&r, "empty.pdf", b""), DRAFT, "trống");
    let target = file(&r, "real.pdf", PDF);
    // A link is never followed.
    #[cfg(unix)]
    {
        let link = r.root().join("link.pdf");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        check(&link, DRAFT, "là liên kết tượng trưng");
    }
    // Too big: the limit from workspace.toml.
    let p = r.path().join("workspace.toml");
    let text = fs::read_to_string(&p).unwrap().replacen("single_user = true", "single_user = true\nevidence_max_mb = 1", 1);
    fs::write(&p, text).unwrap();
    let mut big = PDF.to_vec();
    big.resize(1024 * 1024 + 1, b' ');
    check(&file(&r, "big.pdf", &big), DRAFT, "dung lượng 1 MB (1048577 byte), vượt giới hạn 1 MB (1048576 byte) mỗi tệp");
    // A submitted unit is read-only to its head.
    check(&target, "ttra", "không đính kèm hoặc sửa được");
    assert_eq!(fs::read(r.path().join(format!("submissions/{DRAFT}.toml"))).unwrap(), before, "nothing written");
    assert!(!r.path().join("evidence").join(DRAFT).exists(), "no file stored");
    // Another unit's head: refused before the file is read.
    set_roles(r.path(), &Roles { office: false, reviewer: false, heads_of: &["qlkh"], deadline: None });
    check(&target, "ccdl", "ccdl");
    // A bad limit in workspace.toml is an error at its place.
    let text = fs::read_to_string(&p).unwrap().replacen("evidence_max_mb = 1", "evidence_max_mb = 0", 1);
    fs::write(&p, text).unwrap();
    let (code, _, err) = output(parindex().arg("check").arg(r.path()));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("`evidence_max_mb` phải là số nguyên từ 1 đến 1024"), "{err}");
}

#[test]
fn the_narrative_is_written_sealed_at_submit_and_printed_in_the_report() {
    let r = Round::demo(8, 2020);
    let w = r.path();
    let (code, out, err) = output(
        parindex()
            .args(["narrative", "--unit", DRAFT, "--section", "ket-qua", "--text", "Hoàn thành 100% kế hoạch.\nBa dòng \"trích\"", "-w"])
            .arg(w),
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Đã ghi phần “Kết quả đạt được”"), "{out}");
    let (code, _, err) = output(parindex().args(["narrative", "--unit", DRAFT, "--section", "x", "--text", "y", "-w"]).arg(w));
    assert_eq!(code, Some(2));
    assert!(err.contains("không có phần `x`"), "{err}");
    let too_long = "a".repeat(10_001);
    let (code, _, err) = output(parindex().args(["narrative", "--unit", DRAFT, "--section", "kien-nghi", "--text", &too_long, "-w"]).arg(w));
    assert_eq!(code, Some(2));
    assert!(err.contains("vượt giới hạn 10000 ký tự") || err.contains("vượt giới hạn 10.000 ký tự"), "{err}");
    let sheet = r.sheet(DRAFT, SheetKind::Submission).unwrap();
    assert_eq!(sheet.narrative.get(Section::KetQua), "Hoàn thành 100% kế hoạch.\nBa dòng \"trích\"");
    // Logged as a change of that section, in words.
    let (_, log, _) = output(parindex().args(["log", "--unit", DRAFT, "-w"]).arg(w));
    assert!(log.contains(", báo cáo: kết quả đạt được: (trống) → Hoàn thành 100% kế hoạch."), "{log}");
    // One line in the file, escaped by our own writer.
    let text = fs::read_to_string(w.join(format!("submissions/{DRAFT}.toml"))).unwrap();
    assert!(text.contains("[narrative]\nket_qua = \"Hoàn thành 100% kế hoạch.\\nBa dòng \\\"trích\\\"\"\n"), "{text}");
    // Submitted: a version 3 seal that covers it.
    assert_eq!(output(parindex().args(["submit", "--unit", DRAFT, "-w"]).arg(w)).0, Some(0));
    let ws = r.ws();
    let sheet = r.sheet(DRAFT, SheetKind::Submission).unwrap();
    assert_eq!(seal::version(&sheet, &ws.scorecard), seal::Version::V3);
    assert_eq!(seal::verify(&sheet, &ws.scorecard), Some(true));
    // The narrative changed by hand after sealing: the seal breaks.
    let p = w.join(format!("submissions/{DRAFT}.toml"));
    fs::write(&p, text_after_submit(&p).replace("Hoàn thành 100%", "Hoàn thành 90%")).unwrap();
    let (code, _, err) = output(parindex().arg("check").arg(w));
    assert_eq!(code, Some(1), "{err}");
    // Submitted: the narrative is closed to the head.
    let (code, _, err) = output(parindex().args(["narrative", "--unit", DRAFT, "--section", "ton-tai", "--text", "x", "-w"]).arg(w));
    assert_eq!(code, Some(2));
    assert!(err.contains("không đính kèm hoặc sửa được"), "{err}");
}

fn text_after_submit(p: &Path) -> String {
    fs::read_to_string(p).unwrap()
}

#[test]
fn the_unit_report_prints_the_narrative_under_its_headings() {
    let r = Round::demo(8, 2020);
    let w = r.path();
    assert_eq!(
        output(parindex().args(["narrative", "--unit", DRAFT, "--section", "nguyen-nhan", "--text", "Thiếu nhân lực.", "-w"]).arg(w)).0,
        Some(0)
    );
    let out = r.root().join("bc.docx");
    let (code, _, err) = output(parindex().args(["report", "--unit", DRAFT, "-o"]).arg(&out).arg("-w").arg(w));
    assert_eq!(code, Some(0), "{err}");
    let xml = docx_text(&out);
    let at = |s: &str| xml.find(s).unwrap_or_else(|| panic!("`{s}` not in the report"));
    assert!(at("3. Kết quả đạt được") < at("5. Nguyên nhân"));
    assert!(at("5. Nguyên nhân") < at("Thiếu nhân lực."));
    assert!(at("3. Kết quả đạt được") < at("(Đơn vị chưa nhập nội dung.)"));
}

/// The text of a .docx's body, tags removed.
fn docx_text(p: &Path) -> String {
    let mut z = zip::ZipArchive::new(fs::File::open(p).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    let mut out = String::new();
    let mut tag = false;
    for c in xml.chars() {
        match c {
            '<' => tag = true,
            '>' => tag = false,
            c if !tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The bytes a version 3 seal covers, pinned (tests/golden/seal-v3.message; regenerate with
/// `UPDATE_GOLDEN=1 cargo test --test attach`): version 2's parts, then the narrative.
#[test]
fn the_sealed_bytes_of_version_3_are_pinned() {
    let sc = parindex::core::scorecard::Scorecard::from_toml_str("scorecard.toml", parindex::demo::SCORECARD_2020).unwrap();
    let text = "unit = \"vp\"\nstatus = \"submitted\"\nround = \"2020-0123456789abcdef\"\n\
                submitted_at = \"2020-12-13T09:47:00+07:00\"\n\n[answers.\"1.1.1\"]\nchoice = \"late\"\n\
                evidence = [\n  { ref = \"44/KH-SKH&CN\", date = 2020-01-22, title = \"Kế hoạch\", file = \"vp/0123456789ab-Ke-hoach.pdf\", \
                sha256 = \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\", size = 1234, name = \"Kế hoạch.pdf\" },\n]\n\
                \n[narrative]\nket_qua = \"Hoàn thành.\\nHai dòng\"\nkien_nghi = \"Bổ sung biên chế\"\n";
    let mut sheet = Sheet::parse(Source::new("vp.toml", text), &sc, SheetKind::Submission, "vp").unwrap();
    // What parindex writes is what it read.
    assert!(sheet.to_toml(&sc, SheetKind::Submission).ends_with(&text[text.find("\n[answers").unwrap()..]));
    let message = seal::message(&sheet, &sc);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/seal-v3.message");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, &message).unwrap();
    }
    assert_eq!(String::from_utf8(message.clone()).unwrap(), fs::read_to_string(&path).unwrap(), "the sealed bytes changed");
    assert!(message.starts_with(b"parindex seal v3\nskhcn-tg-2020\nvp\n2020-0123456789abcdef\n2020-12-13T09:47:00+07:00\n"));
    assert!(message.ends_with("\n[narrative]\nket_qua = \"Hoàn thành.\\nHai dòng\"\nkien_nghi = \"Bổ sung biên chế\"\n".as_bytes()));
    let digest = seal::digest(&sheet, &sc);
    assert_eq!(digest, "sha256:fb4443e623ffaedb8370453d0a5bf10ed5f7997099619e7c7bd3901c1b702de0");
    sheet.seal = Some(digest.clone());
    assert_eq!(seal::verify(&sheet, &sc), Some(true));
    assert_eq!(seal::version(&sheet, &sc), seal::Version::V3);
    // Every part is covered: the narrative and the attached file's digest.
    sheet.narrative.kien_nghi.push('!');
    assert_eq!(seal::verify(&sheet, &sc), Some(false));
    sheet.narrative.kien_nghi.pop();
    let i = sc.node_index("1.1.1").unwrap();
    sheet.answer_mut(i).evidence[0].attached.as_mut().unwrap().size = 1235;
    assert_eq!(seal::verify(&sheet, &sc), Some(false));
}

#[test]
fn version_2_seals_still_verify_and_cannot_cover_a_narrative() {
    let sc = parindex::core::scorecard::Scorecard::from_toml_str("scorecard.toml", parindex::demo::SCORECARD_2020).unwrap();
    let text = "unit = \"vp\"\nstatus = \"submitted\"\nround = \"2020-0123456789abcdef\"\n\
                submitted_at = \"2020-12-13T09:47:00+07:00\"\n\n[answers.\"1.1.1\"]\nchoice = \"late\"\n";
    let mut sheet = Sheet::parse(Source::new("vp.toml", text), &sc, SheetKind::Submission, "vp").unwrap();
    // Sealed as parindex 18–26 sealed: version 2.
    sheet.seal = Some(seal::digest_of(&seal::message_v(&sheet, &sc, seal::Version::V2)));
    assert_eq!(seal::version(&sheet, &sc), seal::Version::V2);
    assert_eq!(seal::verify(&sheet, &sc), Some(true));
    assert!(seal::sealed_message(&sheet, &sc).unwrap().starts_with(b"parindex seal v2\n"));
    // Written and read back: still whole.
    let again = Sheet::parse(Source::new("vp.toml", sheet.to_toml(&sc, SheetKind::Submission)), &sc, SheetKind::Submission, "vp").unwrap();
    assert_eq!(seal::verify(&again, &sc), Some(true));
    // A narrative added to it afterwards is not covered: the seal no longer holds.
    sheet.narrative.ket_qua = "thêm sau".into();
    assert_eq!(seal::verify(&sheet, &sc), Some(false));
    // A version 1 seal neither.
    sheet.narrative = Default::default();
    sheet.round = None;
    sheet.seal = Some(seal::digest(&sheet, &sc));
    assert_eq!(seal::version(&sheet, &sc), seal::Version::V1);
    assert_eq!(seal::verify(&sheet, &sc), Some(true));
    sheet.narrative.ton_tai = "x".into();
    assert_eq!(seal::verify(&sheet, &sc), Some(false));
}

// ---------------------------------------------------------------------------------------------
// The dashboard: `d` attaches a file by its path on a criterion; the Office sees it and `o`
// opens it (or shows its path).

use common::{ch, ctrl, draw, key, select, typ, unit_app};
use ratatui::crossterm::event::KeyCode;

#[test]
fn the_dashboard_attaches_a_file_by_path_and_the_office_sees_it() {
    let (d, mut app) = unit_app(DRAFT);
    let pdf = d.path().join("Quyết định 12.pdf");
    fs::write(&pdf, PDF).unwrap();
    select(&mut app, "1.1.1");
    ch(&mut app, 'd');
    assert!(draw(&app, 120, 40).contains("Đường dẫn tệp"), "the prompt");
    typ(&mut app, pdf.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    let (msg, is_error) = app.status.clone().unwrap();
    assert!(!is_error && msg.contains("Đã đính kèm Quyết định 12.pdf vào tiêu chí 1.1.1"), "{msg}");
    assert!(draw(&app, 140, 48).contains("Tệp đính kèm: Quyết định 12.pdf"), "{}", draw(&app, 140, 48));
    ctrl(&mut app, 's');
    assert!(!app.dirty());
    let ws = app.ws().clone();
    let sheet = ws.load_sheet(DRAFT, SheetKind::Submission).unwrap().unwrap();
    let i = ws.scorecard.node_index("1.1.1").unwrap();
    let e = sheet.answer(i).unwrap().evidence.iter().find(|e| e.attached.is_some()).unwrap().clone();
    assert_eq!(fs::read(ws.evidence_path(e.file.as_deref().unwrap())).unwrap(), PDF);
    let diags = parindex::core::workspace::check(&ws.dir).unwrap();
    assert!(!diags.has_errors(), "{}", parindex::text::Render::render(&diags));
    // A file that is not taken: refused with the reason, nothing changes.
    let exe = d.path().join("x.exe");
    fs::write(&exe, b"MZ").unwrap();
    ch(&mut app, 'd');
    typ(&mut app, exe.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    let (msg, is_error) = app.status.clone().unwrap();
    assert!(is_error && msg.contains("không nhận tệp `x.exe`"), "{msg}");
    assert!(!app.dirty());
    drop(app);

    // The Office: the attached file in the appraisal view, and `o` on it.
    let mut office = office_on(&ws.dir);
    let unit = office.ws().unit_index(DRAFT).unwrap();
    office.open_appraisal(unit);
    select(&mut office, "1.1.1");
    assert!(draw(&office, 140, 48).contains("Tệp đính kèm: Quyết định 12.pdf"));
    ch(&mut office, 'o');
    let (msg, _) = office.status.clone().unwrap();
    let full = ws.evidence_path(e.file.as_deref().unwrap()).display().to_string();
    assert!(msg.contains(&full), "the full path: {msg}");
}

/// The Office's dashboard on an existing round.
fn office_on(dir: &Path) -> parindex::tui::App {
    let ws = parindex::core::workspace::Workspace::load(dir).unwrap();
    parindex::tui::App::for_office(ws, parindex::text::Lang::Vi, parindex::tui::Theme::PLAIN).unwrap()
}

#[test]
fn the_dashboard_writes_the_narrative_section_by_section() {
    let (_d, mut app) = unit_app(DRAFT);
    select(&mut app, "1.1.1");
    ch(&mut app, 'b');
    let screen = draw(&app, 140, 48);
    assert!(screen.contains("Báo cáo của đơn vị — a) Kết quả đạt được (1/4)"), "{screen}");
    typ(&mut app, "Hoàn thành kế hoạch");
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "dòng hai");
    key(&mut app, KeyCode::Tab);
    assert!(draw(&app, 140, 48).contains("b) Tồn tại, hạn chế (2/4)"));
    typ(&mut app, "Chưa số hóa hồ sơ");
    key(&mut app, KeyCode::Esc);
    assert!(!app.dirty(), "saved at once");
    let sheet = app.ws().load_sheet(DRAFT, SheetKind::Submission).unwrap().unwrap();
    assert_eq!(sheet.narrative.get(Section::KetQua), "Hoàn thành kế hoạch\ndòng hai");
    assert_eq!(sheet.narrative.get(Section::TonTai), "Chưa số hóa hồ sơ");
    assert_eq!(sheet.narrative.get(Section::NguyenNhan), "");
    // A submitted unit's head cannot open it.
    let (_d2, mut other) = unit_app("ttra");
    ch(&mut other, 'b');
    assert!(!draw(&other, 140, 48).contains("Báo cáo của đơn vị —"));
}

#[test]
fn exports_list_the_attached_files() {
    let r = Round::demo(8, 2020);
    let f = file(&r, "Báo cáo quý.pdf", PDF);
    assert_eq!(attach(&r, DRAFT, "1.1.1", &f).0, Some(0));
    let sheet = r.sheet(DRAFT, SheetKind::Submission).unwrap();
    let i = r.ws().scorecard.node_index("1.1.1").unwrap();
    let sha = sheet.answer(i).unwrap().evidence.iter().find_map(|e| e.attached.clone()).unwrap().sha256;
    let line = format!("1.1.1: Báo cáo quý.pdf ({} B, SHA-256 {})", PDF.len(), &sha[..12]);
    for (ext, want) in [("md", line.clone()), ("html", line.clone()), ("json", sha.clone())] {
        let out = r.root().join(format!("x.{ext}"));
        let (code, _, err) = output(parindex().args(["export", "-o"]).arg(&out).arg("-w").arg(r.path()));
        assert_eq!(code, Some(0), "{err}");
        let text = fs::read_to_string(&out).unwrap();
        assert!(text.contains(&want), "{ext}: {want} not in\n{text}");
    }
    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(r.root().join("x.json")).unwrap()).unwrap();
    let files = &v["attachments"][0]["files"][0];
    assert_eq!(files["name"], "Báo cáo quý.pdf");
    assert_eq!(files["size"], PDF.len());
    // The workbook's unit sheet: in the evidence column.
    let xlsx = r.root().join("x.xlsx");
    assert_eq!(output(parindex().args(["export", "-o"]).arg(&xlsx).arg("-w").arg(r.path())).0, Some(0));
    let mut z = zip::ZipArchive::new(fs::File::open(&xlsx).unwrap()).unwrap();
    let mut all = String::new();
    for k in 0..z.len() {
        let mut e = z.by_index(k).unwrap();
        if e.name().ends_with(".xml") {
            let mut s = String::new();
            let _ = std::io::Read::read_to_string(&mut e, &mut s);
            all.push_str(&s);
        }
    }
    assert!(all.contains(&format!("tệp đính kèm Báo cáo quý.pdf, {} B, SHA-256 {}", PDF.len(), &sha[..12])), "the workbook lists it");
}
