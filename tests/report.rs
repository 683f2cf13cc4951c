//! `parindex report`: the .docx documents, checked by their structure (word/document.xml read
//! back from the zip): the parts Nghị định 30/2020 Phụ lục I prescribes, the fonts, the page
//! and its margins, the tables; and the optional `[document]` keys of workspace.toml.

use std::io::Read;
use std::path::Path;

mod common;

use common::bin as parindex;
use parindex::core::workspace::Workspace;

fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    common::Round::demo(8, 2020).into_parts()
}

fn report(dir: &Path, who: &[&str], out: &Path) {
    let mut args = vec!["report", "-w", dir.to_str().unwrap()];
    args.extend(who);
    args.extend(["-o", out.to_str().unwrap(), "--date", "20/12/2020"]);
    parindex().args(&args).assert().success();
}

/// A part of the .docx (a zip) as text.
fn part(docx: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The text of every `w:t` run, one per line, entities decoded.
fn runs(xml: &str) -> Vec<String> {
    xml.split("<w:t")
        .skip(1)
        .filter(|s| s.starts_with('>') || s.starts_with(' '))
        .filter_map(|s| {
            let (tag, rest) = s.split_once('>')?;
            if tag.ends_with('/') {
                return None;
            }
            let t = rest.split("</w:t>").next()?;
            Some(t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&"))
        })
        .collect()
}

fn has(runs: &[String], s: &str) -> bool {
    runs.iter().any(|r| r.contains(s))
}

/// The parts every document has, each after the one before: bodies, Quốc hiệu, tiêu ngữ, number, place and date,
/// title, Nơi nhận, the signer.
fn assert_layout(runs: &[String], parts: &[&str]) {
    let mut at = 0;
    for p in parts {
        match runs[at..].iter().position(|r| r.contains(p)) {
            Some(k) => at += k + 1,
            None => panic!("`{p}` missing, or not after {:?}: {runs:#?}", runs.get(at.wrapping_sub(1))),
        }
    }
}

fn assert_page(xml: &str) {
    // Times New Roman by default, 14 pt (28 half-points).
    // A4 portrait with margins top 20 mm, bottom 20, left 30, right 15 (twips).
    assert!(xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\""), "not A4 portrait");
    assert!(xml.contains("w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""), "margins");
    assert!(xml.contains("<w:rFonts w:ascii=\"Times New Roman\""), "font");
    assert!(!xml.contains("sha256:"), "a digest in the document's text");
}

#[test]
fn the_offices_notice_has_the_prescribed_parts() {
    let (d, dir) = demo();
    let out = d.path().join("thong-bao.docx");
    report(&dir, &["--office"], &out);
    let xml = part(&out, "word/document.xml");
    let r = runs(&xml);
    assert_layout(
        &r,
        &[
            "UBND TỈNH TIỀN GIANG",
            "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "Số: ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Tiền Giang, ngày 20 tháng 12 năm 2020",
            "THÔNG BÁO",
            "Kết quả thẩm định, xếp hạng chỉ số cải cách hành chính năm 2020",
            "1. Kết quả xếp hạng chung",
            "Điểm đạt",
            "2. Kết quả xếp hạng theo nhóm",
            "Hạng trong nhóm",
            "3. Xếp loại",
            "4. Cách tính",
            "Nơi nhận:",
            "- Lưu: VT, VP.",
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
        ],
    );
    assert!(has(&r, "/TB-SKH&CN"), "the number's blank, then the Sở's ký hiệu");
    assert!(has(&r, "Tốt (từ 80% đến dưới 90%): 2 đơn vị."), "the bands with their counts");
    assert_page(&xml);
    // Issue 21: the unit with no submission (tttk) is listed after the ranked units, without
    // a rank or a band, counted apart; bands from a self-assessment say so.
    let tttk = r.iter().position(|x| x == "Trung tâm Thông tin và Thống kê khoa học và công nghệ").unwrap();
    let around = &r[tttk - 3..tttk + 5];
    assert_eq!((r[tttk - 2].as_str(), r[tttk - 1].as_str()), ("Yếu (tự xếp loại)", ""), "after the last ranked unit, an empty rank: {around:?}");
    assert_eq!(r[tttk + 4], "Chưa nộp");
    assert_eq!(&r[tttk + 1..tttk + 4], ["–", "–", "–"], "no figures beside “Chưa nộp”: {around:?}");
    assert!(has(&r, "Chưa nộp bản tự đánh giá (không xếp hạng, không xếp loại): 1 đơn vị."));
    assert!(r.iter().any(|x| x == "Khá (tự xếp loại)") && r.iter().any(|x| x == "Khá"));
    // Not final (3 of 8 appraised): every page is marked DỰ THẢO, the provisional units named.
    assert!(
        has(
            &r,
            "DỰ THẢO: Kết quả tạm thời, chưa phải kết quả chính thức. Đơn vị chưa có kết quả thẩm định: Chi cục Tiêu chuẩn Đo lường Chất lượng; Phòng Quản lý Khoa học; Thanh tra Sở; Trung tâm Ứng dụng tiến bộ khoa học và công nghệ. Đơn vị chưa nộp bản tự đánh giá: Trung tâm Thông tin và Thống kê khoa học và công nghệ."
        ),
        "{r:#?}"
    );
    for h in ["word/header1.xml", "word/header2.xml"] {
        assert!(runs(&part(&out, h)).iter().any(|x| x == "DỰ THẢO"), "{h}: every page, the first too");
    }
    // The tiêu ngữ is bold and underlined; the date italic; table header rows repeat.
    let tn = xml.find("Độc lập - Tự do - Hạnh phúc").unwrap();
    let rpr = &xml[xml[..tn].rfind("<w:r>").unwrap()..tn];
    assert!(rpr.contains("<w:b />") && rpr.contains("<w:u w:val=\"single\""), "{rpr}");
    let date = xml.find("Tiền Giang, ngày").unwrap();
    assert!(xml[xml[..date].rfind("<w:r>").unwrap()..date].contains("<w:i />"));
    assert!(xml.matches("<w:tblHeader />").count() >= 3, "every ruled table repeats its header row");
    // Issue 22: no seals in a signed paper (they stay in the workbook and the JSON).
    let notes = part(&out, "word/footnotes.xml");
    assert!(!notes.contains("niêm phong") && !notes.contains("SHA-256") && !notes.contains("parindex check"), "{notes}");
    assert!(!xml.contains("footnoteReference") && !has(&r, "SHA-256") && !has(&r, "parindex check"));
}

/// Issue 21: the notice issued once every unit is appraised or final carries no DỰ THẢO mark.
#[test]
fn the_notice_from_final_results_is_not_marked_draft() {
    let (d, dir) = demo();
    for u in ["ccdl", "khtc", "qlcn", "qlkh", "ttra", "ttud", "vp"] {
        let p = dir.join("submissions").join(format!("{u}.toml"));
        let text = std::fs::read_to_string(&p).unwrap();
        let line = text.lines().find(|l| l.starts_with("status = ")).unwrap().to_owned();
        std::fs::write(&p, text.replacen(&line, "status = \"final\"", 1)).unwrap();
    }
    std::fs::write(dir.join("submissions/tttk.toml"), "unit = \"tttk\"\nstatus = \"final\"\n").unwrap();
    let out = d.path().join("thong-bao.docx");
    report(&dir, &["--office"], &out);
    let r = runs(&part(&out, "word/document.xml"));
    assert!(!r.iter().any(|x| x.contains("DỰ THẢO") || x.contains("tự xếp loại") || x.contains("(*)")), "{r:#?}");
    for h in ["word/header1.xml", "word/header2.xml"] {
        assert!(!part(&out, h).contains("DỰ THẢO"), "{h}");
    }
}

/// The cells of every row of the ruled table whose header row holds `head` (text per cell).
fn table_rows(xml: &str, head: &str) -> Vec<Vec<String>> {
    let t = xml.split("<w:tbl>").skip(1).map(|t| t.split("</w:tbl>").next().unwrap()).find(|t| runs(t).iter().any(|x| x == head)).unwrap();
    t.split("<w:tr>").skip(1).map(|row| row.split("<w:tc>").skip(1).map(|c| runs(c).concat()).collect()).collect()
}

fn dec(s: &str) -> rust_decimal::Decimal {
    s.replace('.', "").replace(',', ".").parse().unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

/// Issue 21: the unit report's tables add up. Văn phòng Sở has criteria not applicable: its
/// area table printed the scorecard's 8,00 beside 3,50 points at 100 %, and its areas added
/// to 53 while the total said 76,88. Every printed column of areas now sums to the total row
/// (the maximum that applies, the self and appraised points), and the index is the total over
/// that maximum.
#[test]
fn a_units_report_tables_add_up_to_their_total_rows() {
    let (d, dir) = demo();
    let out = d.path().join("bao-cao.docx");
    report(&dir, &["--unit", "vp"], &out);
    let xml = part(&out, "word/document.xml");
    for head in ["Lĩnh vực", "Tài liệu kiểm chứng"] {
        let rows = table_rows(&xml, head);
        let areas: Vec<&Vec<String>> = rows.iter().filter(|r| !r[0].is_empty() && !r[0].contains('.') && r[0] != "STT").collect();
        assert_eq!(areas.len(), 8, "{head}: {rows:?}");
        let total = rows.iter().find(|r| r[1] == "Tổng cộng (có trọng số)").unwrap();
        for col in [2, 3, 4] {
            let sum: rust_decimal::Decimal = areas.iter().map(|r| dec(&r[col])).sum();
            assert_eq!(sum, dec(&total[col]), "{head}, column {col}: {areas:?} vs {total:?}");
        }
        // vp has criteria not applicable: the maximum printed is what applies to it.
        assert!(dec(&total[2]) < rust_decimal::Decimal::ONE_HUNDRED, "{total:?}");
        let index = total[5].trim_start_matches("Chỉ số: ").trim_end_matches('%');
        let want = (dec(&total[4]) * rust_decimal::Decimal::ONE_HUNDRED / dec(&total[2]))
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        assert_eq!(dec(index), want, "{head}: the index is the total over the maximum that applies");
    }
    let r = runs(&xml);
    // The self band says it is the unit's own; the maximum that applies is explained.
    assert!(r.iter().any(|x| x.starts_with("- Tổng điểm tự đánh giá: ") && x.contains(", tự xếp loại ")), "{r:#?}");
    assert!(has(&r, "Điểm tối đa tính trên các tiêu chí áp dụng với đơn vị: "), "{r:#?}");
}

/// Issue 21, with weights: area 1 (max 13) weighs 20. The tables print a plain "Tổng cộng" row
/// (the sums of the area rows) before the weighted row with the index; the workbook too.
#[test]
fn with_weights_a_plain_sum_row_comes_before_the_weighted_total() {
    let (d, dir) = demo();
    let p = dir.join("scorecard.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    let text = text.replacen("\nmax = 100\n", "\nmax = 107\n", 1).replacen(
        "id = \"1\"\ntitle = \"Công tác chỉ đạo, điều hành cải cách hành chính\"\nmax = 13\n",
        "id = \"1\"\ntitle = \"Công tác chỉ đạo, điều hành cải cách hành chính\"\nmax = 13\nweight = 20\n",
        1,
    );
    assert!(text.contains("weight = 20"));
    std::fs::write(&p, text).unwrap();
    let out = d.path().join("bao-cao.docx");
    report(&dir, &["--unit", "vp"], &out);
    let xml = part(&out, "word/document.xml");
    let score: serde_json::Value = common::json(parindex().args(["score", "--unit", "vp", "--format", "json", "-w"]).arg(&dir));
    for head in ["Lĩnh vực", "Tài liệu kiểm chứng"] {
        let rows = table_rows(&xml, head);
        let areas: Vec<&Vec<String>> = rows.iter().filter(|r| !r[0].is_empty() && !r[0].contains('.') && r[0] != "STT").collect();
        let sum_row = rows.iter().find(|r| r[1] == "Tổng cộng").unwrap_or_else(|| panic!("{head}: no plain sum row: {rows:?}"));
        for col in [2, 3, 4] {
            let sum: rust_decimal::Decimal = areas.iter().map(|r| dec(&r[col])).sum();
            assert_eq!(sum, dec(&sum_row[col]), "{head}, column {col}");
        }
        let weighted = rows.iter().find(|r| r[1] == "Tổng cộng (có trọng số)").unwrap();
        assert_ne!(dec(&weighted[4]), dec(&sum_row[4]), "{head}: the weights change the total");
        assert_eq!(weighted[4], score["total"].as_f64().map(|f| format!("{f:.2}").replace('.', ",")).unwrap(), "{head}: the weighted total");
        assert_eq!(dec(&weighted[2]), dec(&score["applicable_max"].to_string().replace('.', ",")), "{head}: the applicable weight");
    }
    // The workbook's unit sheet: the same rows.
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let x = d.path().join("x.xlsx");
    parindex().args(["export", "-w"]).arg(&dir).arg("-o").arg(&x).assert().success();
    let mut wb: Xlsx<_> = open_workbook(&x).unwrap();
    let s = wb.worksheet_range("vp").unwrap();
    let cell = |y: u32, c: u32| s.get_value((y, c)).cloned().unwrap_or(Data::Empty);
    let find = |t: &str| (0..s.end().unwrap().0 + 1).find(|&y| cell(y, 1) == Data::String(t.into())).unwrap_or_else(|| panic!("no {t}"));
    let (sum_y, head) = (find("Tổng cộng"), (0..50).find(|&y| cell(y, 0) == Data::String("STT".into())).unwrap());
    assert_eq!(find("Tổng cộng (có trọng số)"), sum_y + 1);
    let d2 = |v: Data| match v {
        Data::Float(f) => rust_decimal::Decimal::from_str_exact(&f.to_string()).unwrap(),
        other => panic!("{other:?}"),
    };
    for col in [2, 3, 5] {
        let sum: rust_decimal::Decimal =
            (head + 1..sum_y).filter(|&y| matches!(cell(y, 0), Data::String(id) if !id.contains('.'))).map(|y| d2(cell(y, col))).sum();
        assert_eq!(sum, d2(cell(sum_y, col)), "workbook column {col}");
    }
}

#[test]
fn a_units_report_has_the_scorecard_as_a_landscape_appendix() {
    let (d, dir) = demo();
    let out = d.path().join("bao-cao.docx");
    report(&dir, &["--unit", "vp"], &out);
    let xml = part(&out, "word/document.xml");
    let r = runs(&xml);
    assert_layout(
        &r,
        &[
            "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "VĂN PHÒNG SỞ",
            "/BC-VP",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Tiền Giang, ngày 20 tháng 12 năm 2020",
            "BÁO CÁO",
            "Kết quả tự đánh giá chỉ số cải cách hành chính năm 2020",
            "1. Kết quả chung",
            "2. Kết quả theo lĩnh vực",
            "Nơi nhận:",
            "CHÁNH VĂN PHÒNG",
            "Phụ lục",
            "KẾT QUẢ TỰ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2020",
            "STT",
            "Tiêu chí",
            "Điểm tối đa",
            "Tự đánh giá",
            "Điểm đạt",
            "Tài liệu kiểm chứng",
            "Tổng cộng (có trọng số)",
        ],
    );
    assert!(r.iter().any(|x| x.starts_with("• ") && x.contains("/") && x.contains(" ngày ")), "the evidence cited");
    assert_page(&xml);
    // Two sections: the letter (portrait, numbered from page 2), the appendix (landscape).
    let first = xml.find("<w:sectPr>").unwrap();
    let last = xml.rfind("<w:sectPr>").unwrap();
    assert!(first < last);
    assert!(xml[first..].contains("<w:titlePg />") && xml[first..last].contains("<w:headerReference"));
    assert!(xml[last..].contains("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\""), "{}", &xml[last..]);
}

#[test]
fn document_keys_come_from_workspace_toml_and_round_trip() {
    let (d, dir) = demo();
    let path = dir.join("workspace.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    // The demo fills the keys (issue 22): these change some and add the numbers.
    let text = text.replace("place = \"Tiền Giang\"", "place = \"Mỹ Tho\"\nnumber_office = \"15/TB-SKHCN\"");
    let text = text.replace("signer_name = \"Trần Văn Tước\"", "signer_name = \"Nguyễn Văn A\"");
    let text = text.replacen("signer = \"Nguyễn Thị Lan\"", "signer = \"Trần Thị B\"\nnumber = \"07/BC-VP\"", 1);
    std::fs::write(&path, &text).unwrap();
    let ws = Workspace::load(&dir).unwrap();
    assert_eq!(ws.document.signer_name.as_deref(), Some("Nguyễn Văn A"));
    assert_eq!(ws.document.unit("vp").signer.as_deref(), Some("Trần Thị B"));
    // Written back unchanged.
    std::fs::write(&path, ws.to_toml()).unwrap();
    let again = Workspace::load(&dir).unwrap();
    assert_eq!(again.document, ws.document);

    let out = d.path().join("tb.docx");
    report(&dir, &["--office"], &out);
    let r = runs(&part(&out, "word/document.xml"));
    assert!(has(&r, "Số: 15/TB-SKHCN") && has(&r, "Mỹ Tho, ngày 20 tháng 12 năm 2020") && has(&r, "Nguyễn Văn A"), "{r:#?}");
    let out = d.path().join("bc.docx");
    report(&dir, &["--unit", "vp"], &out);
    let r = runs(&part(&out, "word/document.xml"));
    assert!(has(&r, "Số: 07/BC-VP") && has(&r, "CHÁNH VĂN PHÒNG") && has(&r, "Trần Thị B"), "{r:#?}");
}

#[test]
fn bad_document_keys_are_reported_with_their_place() {
    let (d, dir) = demo();
    let path = dir.join("workspace.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let bad = text.replace("place = \"Tiền Giang\"", "plase = \"Tiền Giang\"\nrecipients = \"Văn phòng\"");
    std::fs::write(&path, &bad).unwrap();
    let line = bad.lines().position(|l| l.starts_with("plase")).unwrap() + 1;
    let out = d.path().join("x.docx");
    let a = parindex().args(["--lang", "en", "report", "-w", dir.to_str().unwrap(), "--office", "-o", out.to_str().unwrap()]).assert().code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(err.contains(&format!("workspace.toml:{line}:1: unknown key `plase` in [document]")), "{err}");
    assert!(err.contains(&format!("workspace.toml:{}:14: `recipients` must be an array of strings", line + 1)), "{err}");
    assert!(!out.exists());
}

#[test]
fn usage_errors_exit_2_and_write_nothing() {
    let (d, dir) = demo();
    let out = d.path().join("x.docx");
    let w = dir.to_str().unwrap();
    let o = out.to_str().unwrap();
    parindex().args(["report", "-w", w, "--unit", "nosuch", "-o", o]).assert().code(2);
    parindex().args(["report", "-w", w, "-o", o]).assert().code(2);
    parindex().args(["report", "-w", w, "--unit", "vp", "--office", "-o", o]).assert().code(2);
    assert!(!out.exists());
}

/// Issue 21: the unit's report prints each manual leaf's stated scale under its title in the
/// appendix, and both documents cite the scorecard as a reconstruction of the table issued
/// with 173/KH-SKH&CN, with the later documents as the year-end basis.
#[test]
fn documents_show_the_scale_and_cite_the_scorecard_as_a_reconstruction() {
    let (d, dir) = demo();
    let out = d.path().join("bao-cao.docx");
    report(&dir, &["--unit", "vp"], &out);
    let r = runs(&part(&out, "word/document.xml"));
    let at = r.iter().position(|x| x.starts_with("Thực hiện đúng chức năng, nhiệm vụ được giao")).expect("4.1.2 in the appendix");
    assert_eq!(
        r[at + 1],
        "Cách tính điểm: 1,5 điểm – Không có nhiệm vụ bị chồng chéo, đùn đẩy hoặc bỏ sót; 1 điểm – 01 nhiệm vụ bị chồng chéo, đùn đẩy hoặc bỏ sót; 0,5 điểm – 02 nhiệm vụ; 0 điểm – Từ 03 nhiệm vụ trở lên"
    );
    assert!(
        has(
            &r,
            "Thực hiện bảng điểm chỉ số cải cách hành chính năm 2020 (xây dựng lại theo bảng điểm ban hành kèm theo văn bản số 173/KH-SKH&CN; căn cứ cuối năm: Kế hoạch số 180/KH-SKH&CN"
        ),
        "{r:#?}"
    );
    let out = d.path().join("thong-bao.docx");
    report(&dir, &["--office"], &out);
    let r = runs(&part(&out, "word/document.xml"));
    assert!(
        has(
            &r,
            "Bảng điểm áp dụng: bảng điểm chỉ số cải cách hành chính năm 2020 xây dựng lại theo bảng điểm ban hành kèm theo văn bản số 173/KH-SKH&CN."
        ),
        "{r:#?}"
    );
    assert!(has(&r, "Căn cứ Kế hoạch số 180/KH-SKH&CN ngày 27/02/2020 và Kế hoạch số 311/KH-SKH&CN ngày 25/3/2020 của Sở;"));
    assert!(!r.iter().any(|x| x.contains("2020 ban hành kèm theo văn bản số 173")), "{r:#?}");
}

/// The widths Times New Roman Bold gives these lines, as LibreOffice laid them out (issue 22:
/// "a 64.8 mm line", "139.3 mm"): the estimate the rules are cut from is anchored to them.
#[test]
fn line_widths_match_what_libreoffice_measured() {
    use parindex::export::docx::bold_width;
    let mm = |tw: usize| tw as f64 * 25.4 / 1440.0;
    let body = mm(bold_width("SỞ KHOA HỌC VÀ CÔNG NGHỆ", 24));
    let trich = mm(bold_width("Kết quả thẩm định, xếp hạng chỉ số cải cách hành chính năm 2020", 28));
    assert!((body - 64.8).abs() < 0.5, "{body}");
    assert!((trich - 139.3).abs() < 0.5, "{trich}");
}

/// An attribute's number in the first element `tag` of `xml` (`<w:ind w:left="…"`).
fn attr(xml: &str, tag: &str, name: &str) -> Option<usize> {
    let at = xml.find(tag)?;
    let el = &xml[at..at + xml[at..].find('>')?];
    let v = el.split(&format!("{name}=\"")).nth(1)?.split('"').next()?;
    v.parse().ok()
}

/// Issue 22, Nghị định 30 Phụ lục I, measured from each paper's XML: the heading table inside
/// the margins (no negative indent), the rule under the issuing body and the one under the
/// trích yếu 1/3 to 1/2 of the line above them and centred, "Số" at 13 pt.
#[test]
fn the_papers_heading_measures_as_the_decree_wants() {
    use parindex::export::docx::{bold_width, text_width};
    let (d, dir) = demo();
    for who in [&["--office"][..], &["--unit", "ccdl"], &["--decision"], &["--minutes", "--unit", "qlcn"]] {
        let out = d.path().join("x.docx");
        report(&dir, who, &out);
        let xml = part(&out, "word/document.xml");
        assert_page(&xml);
        // The heading table: as wide as the text, its columns too, not indented.
        let tbl = &xml[xml.find("<w:tbl>").unwrap()..xml.find("</w:tbl>").unwrap()];
        assert_eq!(attr(tbl, "<w:tblW", "w:w"), Some(text_width()), "{who:?}");
        let grid: usize = tbl.split("<w:gridCol ").skip(1).map(|g| attr(&format!("<w:gridCol {g}"), "<w:gridCol", "w:w").unwrap()).sum();
        assert_eq!(grid, text_width(), "{who:?}");
        assert!(!tbl.contains("<w:tblInd"), "{who:?}: indented into the margin");
        // The rules: paragraphs with a single bottom border and nothing else.
        let rules: Vec<usize> = xml
            .match_indices("<w:bottom w:val=\"single\"")
            .map(|(i, _)| i)
            .filter(|&i| xml[..i].rfind("<w:pBdr>").is_some_and(|b| !xml[b..i].contains("</w:pBdr>")))
            .collect();
        assert_eq!(rules.len(), 2, "{who:?}: one rule under the bodies, one under the trích yếu");
        for (k, &at) in rules.iter().enumerate() {
            let p = &xml[xml[..at].rfind("<w:p ").unwrap()..at];
            let (left, right) = (attr(p, "<w:ind", "w:left").unwrap(), attr(p, "<w:ind", "w:right").unwrap());
            assert_eq!(left, right, "{who:?}: centred");
            // The line above: the issuing body (in its 4000-twip cell), or the trích yếu's widest line.
            let before = runs(&xml[..at]);
            let (line, size, avail) = if k == 0 {
                let tc = &xml[xml[..at].rfind("<w:tcW").unwrap()..];
                (vec![before.last().unwrap().clone()], 24, attr(tc, "<w:tcW", "w:w").unwrap())
            } else {
                let kind = before.iter().rposition(|x| x == "THÔNG BÁO" || x == "BÁO CÁO" || x == "QUYẾT ĐỊNH" || x == "BIÊN BẢN").unwrap();
                (before[kind + 1..].to_vec(), 28, text_width())
            };
            let widest = line.iter().map(|l| bold_width(l, size)).max().unwrap();
            let rule = avail - left - right;
            let share = rule as f64 / widest as f64;
            assert!((1.0 / 3.0..=0.5).contains(&share), "{who:?} rule {k}: {rule} twips under a {widest}-twip line {line:?}");
            if k == 0 {
                assert!(widest <= avail, "{who:?}: the issuing body fits its column");
            }
        }
        // "Số: …" in 13 pt (26 half-points).
        let so = xml.find(">Số: ").unwrap();
        let rpr = &xml[xml[..so].rfind("<w:r>").unwrap()..so];
        assert_eq!(attr(rpr, "<w:sz ", "w:val"), Some(26), "{who:?}: {rpr}");
    }
}

/// The latest `submitted_at` of the demo's submissions, as a date (the round's last move: the
/// demo logs no workflow move).
fn last_submission(dir: &Path) -> (i32, u32, u32) {
    let mut last = String::new();
    for e in std::fs::read_dir(dir.join("submissions")).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        if let Some(l) = text.lines().find(|l| l.starts_with("submitted_at = ")) {
            let at = l.split('"').nth(1).unwrap()[..10].to_owned();
            last = last.max(at);
        }
    }
    (last[..4].parse().unwrap(), last[5..7].parse().unwrap(), last[8..10].parse().unwrap())
}

/// Issue 22: a paper is dated the round's last move unless `--date` says otherwise, and the
/// file's own metadata say who issued it and when (not "unknown", not 1970).
#[test]
fn papers_are_dated_by_the_round_and_say_who_issued_them() {
    let (d, dir) = demo();
    let (y, m, day) = last_submission(&dir);
    assert_eq!(y, 2020);
    let out = d.path().join("tb.docx");
    parindex().args(["report", "-w", dir.to_str().unwrap(), "--office", "-o", out.to_str().unwrap()]).assert().success();
    let r = runs(&part(&out, "word/document.xml"));
    let month = if m < 3 { format!("{m:02}") } else { m.to_string() };
    assert!(has(&r, &format!("Tiền Giang, ngày {day:02} tháng {month} năm 2020")), "{r:#?}");
    let core = part(&out, "docProps/core.xml");
    assert!(core.contains("<dc:creator>SỞ KHOA HỌC VÀ CÔNG NGHỆ</dc:creator>"), "{core}");
    assert!(core.contains(&format!("<dcterms:created xsi:type=\"dcterms:W3CDTF\">{y}-{m:02}-{day:02}T")), "{core}");
    assert!(core.contains(&format!("<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{y}-{m:02}-{day:02}T")), "{core}");
    assert!(!core.contains("unknown") && !core.contains("1970"), "{core}");
    // --date wins, in the paper and in its metadata; a unit's report is authored by the unit.
    let out = d.path().join("bc.docx");
    parindex()
        .args(["report", "-w", dir.to_str().unwrap(), "--unit", "ccdl", "-o", out.to_str().unwrap(), "--date", "05/02/2021"])
        .assert()
        .success();
    let r = runs(&part(&out, "word/document.xml"));
    assert!(has(&r, "Tiền Giang, ngày 05 tháng 02 năm 2021"), "{r:#?}");
    // The appendix's date as the header writes it (leading zeros), with the unit's ký hiệu.
    assert!(has(&r, "/BC-CCTĐC ngày 05/02/2021 của Chi cục Tiêu chuẩn Đo lường Chất lượng)"), "{r:#?}");
    let core = part(&out, "docProps/core.xml");
    assert!(core.contains("<dc:creator>Chi cục Tiêu chuẩn Đo lường Chất lượng</dc:creator>") && core.contains(">2021-02-05T"), "{core}");
}

/// Issue 22: the unit's report leaves the place for its narrative (four headings, each saying
/// when the unit wrote nothing), signs with the unit's head, and never leaves the signature or
/// a total row alone on a page: what precedes them keeps with them.
#[test]
fn a_units_report_has_its_narrative_and_keeps_its_ends_together() {
    let (d, dir) = demo();
    let out = d.path().join("bc.docx");
    report(&dir, &["--unit", "ttra"], &out);
    let xml = part(&out, "word/document.xml");
    let r = runs(&xml);
    assert_layout(
        &r,
        &[
            "THANH TRA SỞ",
            "/BC-TTr",
            "2. Kết quả theo lĩnh vực",
            "3. Kết quả đạt được",
            "(Đơn vị chưa nhập nội dung.)",
            "4. Tồn tại, hạn chế",
            "(Đơn vị chưa nhập nội dung.)",
            "5. Nguyên nhân",
            "(Đơn vị chưa nhập nội dung.)",
            "6. Kiến nghị, đề xuất",
            "(Đơn vị chưa nhập nội dung.)",
            "Trên đây là báo cáo",
            "Nơi nhận:",
            "CHÁNH THANH TRA",
            "Lê Văn Hùng",
            "Phụ lục",
        ],
    );
    assert!(!has(&r, "THỦ TRƯỞNG ĐƠN VỊ"), "a title, not a placeholder");
    // From the last narrative paragraph to the signature, every paragraph keeps with the next.
    let last = xml.rfind("(Đơn vị chưa nhập nội dung.)").unwrap();
    let sig = xml[..xml.find("Nơi nhận:").unwrap()].rfind("<w:tbl>").unwrap();
    let paras: Vec<&str> = xml[xml[..last].rfind("<w:p ").unwrap()..sig].split("<w:p ").skip(1).collect();
    assert!(paras.len() >= 3 && paras.iter().all(|p| p.contains("<w:keepNext />")), "{paras:#?}");
    // The row above each "Tổng cộng" row keeps with it (keepNext in its paragraphs).
    for t in xml.match_indices(">Tổng cộng").map(|(i, _)| i) {
        let row_start = xml[..t].rfind("<w:tr>").unwrap();
        let prev = &xml[xml[..row_start].rfind("<w:tr>").unwrap()..row_start];
        assert!(prev.contains("<w:keepNext />"), "the row above a total row keeps with it: {prev}");
    }
}

/// Issue 22: the notice cites the plan with its kind, number, date and issuer, says who
/// announces and what the result is the basis for.
#[test]
fn the_notice_cites_the_plan_and_says_what_the_result_is_for() {
    let (d, dir) = demo();
    let out = d.path().join("tb.docx");
    report(&dir, &["--office"], &out);
    let r = runs(&part(&out, "word/document.xml"));
    assert!(has(&r, "Căn cứ Kế hoạch số 173/KH-SKH&CN ngày 25/02/2020 của Sở Khoa học và Công nghệ về việc đánh giá"), "{r:#?}");
    assert!(has(&r, "Sở Khoa học và Công nghệ tỉnh Tiền Giang thông báo kết quả thẩm định, xếp hạng"), "{r:#?}");
    assert!(has(&r, "là căn cứ để bình xét thi đua, khen thưởng năm 2020"), "{r:#?}");
    assert!(!r.iter().any(|x| x.starts_with("Căn cứ") && x.contains("văn bản số 173")), "the plan cited by its kind: {r:#?}");
    // Without `plan` in [document], the citation is made from the scorecard's own.
    let path = dir.join("workspace.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text: String = text.lines().filter(|l| !l.starts_with("plan = ")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, text).unwrap();
    report(&dir, &["--office"], &out);
    let r = runs(&part(&out, "word/document.xml"));
    assert!(has(&r, "Căn cứ Kế hoạch số 173/KH-SKH&CN của Sở Khoa học và Công nghệ tỉnh Tiền Giang về việc"), "{r:#?}");
}

/// Issue 22: `report --decision`, the Quyết định công bố kết quả, with its căn cứ, its three
/// Điều (the ranking table in the first), Nơi nhận and the signer; figures as the notice's.
#[test]
fn the_decision_publishes_the_results_in_its_articles() {
    let (d, dir) = demo();
    let out = d.path().join("qd.docx");
    report(&dir, &["--decision"], &out);
    let xml = part(&out, "word/document.xml");
    let r = runs(&xml);
    assert_layout(
        &r,
        &[
            "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "/QĐ-SKH&CN",
            "QUYẾT ĐỊNH",
            "Công bố kết quả chỉ số cải cách hành chính năm 2020",
            "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "Căn cứ Quyết định số 99/2016/QĐ-UBND ngày 01/7/2016 (ví dụ) của Ủy ban nhân dân tỉnh Tiền Giang quy định",
            "Căn cứ Kế hoạch số 173/KH-SKH&CN ngày 25/02/2020",
            "Theo đề nghị của Chánh Văn phòng Sở.",
            "QUYẾT ĐỊNH:",
            "Điều 1. ",
            "Điểm đạt",
            "Phòng Quản lý Công nghệ và Chuyên ngành",
            "Điều 2. ",
            "Quyết định này có hiệu lực kể từ ngày ký",
            "Điều 3. ",
            "chịu trách nhiệm thi hành Quyết định này./.",
            "Nơi nhận:",
            "- Như Điều 3;",
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Trần Văn Tước",
        ],
    );
    // The same figures as the notice's ranking table (one truth).
    let tb = d.path().join("tb.docx");
    report(&dir, &["--office"], &tb);
    assert_eq!(table_rows(&xml, "Điểm đạt"), table_rows(&part(&tb, "word/document.xml"), "Điểm đạt"));
    // Not final: DỰ THẢO on every page.
    assert!(runs(&part(&out, "word/header1.xml")).iter().any(|x| x == "DỰ THẢO"));
}

/// The Quyết định's first căn cứ is the Sở's charter as `[document] charter` cites it, word
/// for word (the demo's is marked as an example); without the key, the sentence with a blank
/// for the number, to fill by hand.
#[test]
fn the_decision_cites_the_charter_or_leaves_its_number_blank() {
    let (d, dir) = demo();
    let path = dir.join("workspace.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text.lines().find(|l| l.starts_with("charter = ")).unwrap().to_owned();
    assert!(line.contains("(ví dụ)"), "the demo's charter is not marked as an example: {line}");
    let charter = "Quyết định số 25/2016/QĐ-UBND ngày 23/6/2016 của UBND tỉnh Tiền Giang quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Khoa học và Công nghệ";
    std::fs::write(&path, text.replace(&line, &format!("charter = \"{charter}\""))).unwrap();
    let out = d.path().join("qd.docx");
    report(&dir, &["--decision"], &out);
    let r = runs(&part(&out, "word/document.xml"));
    assert_layout(&r, &["GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ", &format!("Căn cứ {charter};"), "Căn cứ Kế hoạch số 173/KH-SKH&CN"]);
    assert!(!r.iter().any(|x| x.contains("Quyết định số ……")), "{r:#?}");
    // Without the key: the blank, and the issuing body named.
    std::fs::write(&path, text.replace(&format!("{line}\n"), "")).unwrap();
    let ws = Workspace::load(&dir).unwrap();
    assert_eq!(ws.document.charter, None);
    report(&dir, &["--decision"], &out);
    let r = runs(&part(&out, "word/document.xml"));
    assert_layout(
        &r,
        &[
            "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            "Căn cứ Quyết định số …… của Ủy ban nhân dân tỉnh quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Khoa học và Công nghệ tỉnh Tiền Giang;",
            "Căn cứ Kế hoạch số 173/KH-SKH&CN",
        ],
    );
    // `check` names the missing key.
    let a = parindex().args(["check", dir.to_str().unwrap()]).assert();
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(err.contains("bảng [document] chưa khai charter"), "{err}");
}

/// Issue 22: `report --minutes --unit ID`, the Biên bản thẩm định: when and where, who
/// appraised (each [[appraiser]] with its parts, and the Office), each adjustment with the
/// unit's figure, the Office's and its reason, the conclusion, and both sides' signatures.
#[test]
fn the_minutes_record_each_adjustment_with_its_reason() {
    let (d, dir) = demo();
    let path = dir.join("workspace.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!("{text}\n[[appraiser]]\nid = \"tcc\"\nname = \"Phòng Kế hoạch - Tài chính\"\nusers = [\"mai\"]\nareas = [\"6\"]\n"),
    )
    .unwrap();
    let out = d.path().join("bb.docx");
    report(&dir, &["--minutes", "--unit", "vp"], &out);
    let xml = part(&out, "word/document.xml");
    let r = runs(&xml);
    assert_layout(
        &r,
        &[
            "/BB-SKH&CN",
            "BIÊN BẢN",
            "Thẩm định kết quả tự đánh giá chỉ số cải cách hành chính năm 2020",
            "của Văn phòng Sở",
            "Vào lúc ",
            "I. THÀNH PHẦN",
            "- Phòng Kế hoạch - Tài chính (thẩm định lĩnh vực 6);",
            "- Văn phòng Sở (thẩm định các tiêu chí còn lại, tổng hợp kết quả);",
            "Nguyễn Thị Lan",
            "II. NỘI DUNG THẨM ĐỊNH",
            "Lý do điều chỉnh",
            "III. KẾT LUẬN",
            "ĐẠI DIỆN VĂN PHÒNG SỞ",
            "ĐẠI DIỆN BÊN THẨM ĐỊNH",
        ],
    );
    // Each adjustment: the figures of the appraisal file and its comment (1.5.3: 1,50 → 0,75).
    let rows = table_rows(&xml, "Lý do điều chỉnh");
    let row = rows.iter().find(|c| c[0] == "1.5.3").expect("1.5.3 adjusted");
    assert_eq!((row[2].as_str(), row[3].as_str(), row[4].as_str()), ("1,50", "0,75", "Tài liệu kiểm chứng chưa đầy đủ, điều chỉnh điểm"));
    // The conclusion is the unit's result (the notice's figures).
    let tb = d.path().join("tb.docx");
    report(&dir, &["--office"], &tb);
    let vp = table_rows(&part(&tb, "word/document.xml"), "Điểm đạt").into_iter().find(|c| c[1] == "Văn phòng Sở").unwrap();
    assert!(has(&r, &format!("- Tổng điểm đạt: {}/75 điểm; chỉ số {}%, xếp loại {}.", vp[3], vp[4], vp[5])), "{vp:?} {r:#?}");
    assert!(has(&r, &format!("- Số tiêu chí điều chỉnh điểm: {}.", rows.len() - 1)));
}

#[test]
fn the_papers_options_are_checked() {
    let (d, dir) = demo();
    let out = d.path().join("x.docx");
    let (w, o) = (dir.to_str().unwrap(), out.to_str().unwrap());
    parindex().args(["report", "-w", w, "--minutes", "-o", o]).assert().code(2);
    parindex().args(["report", "-w", w, "--decision", "--office", "-o", o]).assert().code(2);
    parindex().args(["report", "-w", w, "--decision", "--unit", "vp", "-o", o]).assert().code(2);
    parindex().args(["report", "-w", w, "--minutes", "--unit", "nosuch", "-o", o]).assert().code(2);
    assert!(!out.exists());
}

/// Issue 22: `init` writes the `[document]` keys (commented out, with their defaults) and
/// `check` warns, in Vietnamese, while they or a unit's are missing; the demo fills them all.
#[test]
fn init_writes_the_document_keys_and_check_warns_while_they_are_missing() {
    let d = tempfile::tempdir().unwrap();
    let round = d.path().join("r");
    let card = Path::new(env!("CARGO_MANIFEST_DIR")).join("scorecards/par-2020.toml");
    parindex().args(["init", round.to_str().unwrap(), "--scorecard", card.to_str().unwrap()]).assert().success();
    let text = std::fs::read_to_string(round.join("workspace.toml")).unwrap();
    for key in [
        "# [document]",
        "# charter = \"Quyết định số …/QĐ-UBND",
        "# issuing_body = ",
        "# symbol = \"SKH&CN\"",
        "# signer_authority = \"KT. GIÁM ĐỐC\"",
        "# signer = ",
    ] {
        assert!(text.contains(key), "{key}: {text}");
    }
    let a = parindex().args(["check", round.to_str().unwrap()]).assert().success();
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(
        err.contains("cảnh báo: bảng [document] chưa khai parent_body, issuing_body, place, symbol, signer_title, signer_name, charter"),
        "{err}"
    );
    // A unit without its keys is named.
    std::fs::write(round.join("workspace.toml"), format!("{text}\n[[unit]]\nid = \"vp\"\nname = \"Văn phòng Sở\"\n")).unwrap();
    let a = parindex().args(["check", round.to_str().unwrap()]).assert().success();
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(err.contains("1 đơn vị chưa khai khóa văn bản trong bảng [[unit]] (vp; ví dụ thiếu symbol, head_title, signer)"), "{err}");
    // The demo's round has every key.
    let (_d, dir) = demo();
    let a = parindex().args(["check", dir.to_str().unwrap()]).assert();
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(!err.contains("khóa văn bản") && !err.contains("[document]"), "{err}");
}
