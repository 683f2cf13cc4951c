//! The Office's two other papers: the Quyết định công bố kết quả (`report --decision`), which
//! publishes the ranking with its Điều, and a unit's Biên bản thẩm định (`report --minutes
//! --unit ID`), which records who appraised, each adjustment with its reason, and the
//! conclusion. Every figure comes from the one [`Report`] model and the unit's [`UnitDetail`]
//! (the core's results); these papers only word them.

use std::io;

use docx_rs::{AlignmentType, TableRow};

use crate::core::results::UnitDetail;
use crate::core::workspace::Workspace;
use crate::export::model::{Report, Row};

use super::office::{DRAFT, SYMBOL, band_lines, issuer, note, plan, provisional_units, ranking_table};
use super::{
    BLANK, BODY, Letterhead, Meta, QH, TABLE, blank_number, body, cell, centred, heading, layout_table, num, pack, para, pct, ruled, run, short_date,
    signature, td, text_width, title, upper, year,
};

/// The Quyết định's heading and signature (the Sở's, as the notice's).
pub fn decision_letterhead(ws: &Workspace, report: &Report) -> Letterhead {
    let base = super::office::letterhead(ws, report);
    let d = &ws.document;
    let recipients = vec![
        "Như Điều 3".to_owned(),
        "Ban Giám đốc Sở".to_owned(),
        "Cổng thông tin điện tử Sở".to_owned(),
        format!("Lưu: VT, {}.", ws.document.units.get("vp").and_then(|u| u.symbol.clone()).unwrap_or_else(|| "VP".to_owned())),
    ];
    Letterhead {
        number: blank_number("QĐ", d.symbol.as_deref().unwrap_or(SYMBOL)),
        kind: "QUYẾT ĐỊNH".to_owned(),
        trich_yeu: format!("Công bố kết quả chỉ số cải cách hành chính{}\ncủa các phòng, đơn vị thuộc Sở", year(report.header.year)),
        recipients,
        ..base
    }
}

/// `report --decision`: the Quyết định công bố kết quả, as a .docx file.
pub fn render_decision(ws: &Workspace, report: &Report) -> io::Result<Vec<u8>> {
    let h = &report.header;
    let lh = decision_letterhead(ws, report);
    let provisional = !h.is_final;
    let mut doc = super::page_marked(provisional.then_some(DRAFT)).add_table(super::letterhead(&lh));
    for p in title(&lh) {
        doc = doc.add_paragraph(p);
    }
    // The authority that issues it, centred, bold, before the căn cứ.
    let head = format!("GIÁM ĐỐC {}", upper(ws.document.issuing_body.as_deref().unwrap_or("Sở")));
    doc = doc.add_paragraph(centred(run(&head, BODY).bold(), 240));
    // The Sở's charter as `[document] charter` cites it, else a blank for its number.
    let charter = match &ws.document.charter {
        Some(c) => format!("Căn cứ {c};"),
        None => format!(
            "Căn cứ Quyết định số {BLANK} của Ủy ban nhân dân tỉnh quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của {};",
            issuer(report)
        ),
    };
    doc = doc.add_paragraph(body(&charter));
    if let Some(p) = plan(ws, report) {
        doc = doc.add_paragraph(body(&format!("Căn cứ {p} về việc đánh giá, xếp hạng chỉ số cải cách hành chính{};", year(h.year))));
    }
    if let Some(later) = &h.basis {
        doc = doc.add_paragraph(body(&format!("Căn cứ {later};")));
    }
    doc = doc.add_paragraph(body("Căn cứ kết quả tự đánh giá của các phòng, đơn vị và kết quả thẩm định của Văn phòng Sở;"));
    doc = doc.add_paragraph(body("Theo đề nghị của Chánh Văn phòng Sở."));
    doc = doc.add_paragraph(para(AlignmentType::Center, 120, 120).add_run(run("QUYẾT ĐỊNH:", BODY).bold()).keep_next(true));
    if provisional {
        doc = doc.add_paragraph(note(&format!("{DRAFT}: {}", provisional_units(report))));
    }
    let art = |n: u8, text: &str| {
        para(AlignmentType::Both, 0, 120)
            .indent(None, Some(docx_rs::SpecialIndentType::FirstLine(567)), None, None)
            .add_run(run(&format!("Điều {n}. "), BODY).bold())
            .add_run(run(text, BODY))
    };
    doc = doc.add_paragraph(
        art(
            1,
            &format!("Công bố kết quả chỉ số cải cách hành chính{} của {} phòng, đơn vị thuộc {} như sau:", year(h.year), h.units, issuer(report)),
        )
        .keep_next(true),
    );
    for s in &report.sections {
        doc = doc.add_table(ranking_table(s, false, provisional));
    }
    if !report.bands.is_empty() {
        doc = doc.add_paragraph(para(AlignmentType::Left, 120, 0));
        doc = doc.add_paragraph(body("Xếp loại:").keep_next(true));
        for line in band_lines(report) {
            doc = doc.add_paragraph(body(&format!("- {line}.")));
        }
    }
    let y = h.year.map_or_else(|| h.date.year.to_string(), |y| y.to_string());
    doc = doc.add_paragraph(art(
        2,
        &format!(
            "Quyết định này có hiệu lực kể từ ngày ký. Kết quả chỉ số cải cách hành chính{} là căn cứ để bình xét thi đua, khen thưởng năm {y} \
             đối với các phòng, đơn vị. Giao Văn phòng Sở công khai kết quả trên Cổng thông tin điện tử của Sở; các phòng, đơn vị căn cứ kết quả \
             để khắc phục tồn tại, hạn chế trong công tác cải cách hành chính.",
            year(h.year)
        ),
    ));
    doc = doc.add_paragraph(
        art(3, "Chánh Văn phòng Sở, Trưởng các phòng, đơn vị thuộc Sở và cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.")
            .keep_next(true),
    );
    doc = doc.add_paragraph(para(AlignmentType::Left, 0, 120).keep_next(true));
    doc = doc.add_table(signature(&lh));
    pack(doc, &Meta::of(&lh))
}

/// The Biên bản's heading: the Sở's, numbered "…/BB-SKH&CN".
pub fn minutes_letterhead(ws: &Workspace, report: &Report, row: &Row) -> Letterhead {
    let base = super::office::letterhead(ws, report);
    Letterhead {
        number: blank_number("BB", ws.document.symbol.as_deref().unwrap_or(SYMBOL)),
        kind: "BIÊN BẢN".to_owned(),
        trich_yeu: format!("Thẩm định kết quả tự đánh giá chỉ số cải cách hành chính{}\ncủa {}", year(report.header.year), row.name),
        recipients: vec![row.name.clone(), "Ban Giám đốc Sở (b/c)".to_owned(), "Lưu: VT, VP.".to_owned()],
        ..base
    }
}

/// The moment the Office marked the unit's appraisal done (its log's last `mark-appraised`),
/// as "09 giờ 47 phút, ngày 13/12/2020"; blanks when the log has none.
fn appraised_at(ws: &Workspace, unit: &str, date: crate::core::date::Date) -> String {
    let at = crate::core::audit::read_in(&ws.store, unit)
        .ok()
        .and_then(|(e, _)| e.into_iter().rev().find(|e| e.action == "mark-appraised"))
        .and_then(|e| crate::core::date::parse_rfc3339(&e.at));
    match at {
        Some(t) => {
            let (d, hm) = crate::core::date::local_parts(t, crate::core::round::UTC_OFFSET_MIN);
            let (hh, mm) = hm.split_once(':').unwrap_or(("……", "……"));
            format!("{hh} giờ {mm} phút, ngày {}", short_date(d))
        }
        None => format!("{BLANK} giờ {BLANK} phút, ngày {}", short_date(date)),
    }
}

/// Who appraised the unit: each `[[appraiser]]` with its parts, then the Office.
fn appraisers(ws: &Workspace) -> Vec<String> {
    let mut v: Vec<String> = ws
        .appraisers
        .iter()
        .map(|a| {
            let mut parts = Vec::new();
            if !a.areas.is_empty() {
                parts.push(format!("lĩnh vực {}", a.areas.join(", ")));
            }
            if !a.criteria.is_empty() {
                parts.push(format!("tiêu chí {}", a.criteria.join(", ")));
            }
            format!("{} (thẩm định {})", a.name, parts.join("; "))
        })
        .collect();
    let rest = if v.is_empty() {
        "thẩm định toàn bộ các tiêu chí"
    } else {
        "thẩm định các tiêu chí còn lại, tổng hợp kết quả"
    };
    v.push(format!("Văn phòng Sở ({rest})"));
    v
}

/// `report --minutes --unit ID`: the Biên bản thẩm định, as a .docx file.
pub fn render_minutes(ws: &Workspace, report: &Report, row: &Row, d: &UnitDetail) -> io::Result<Vec<u8>> {
    let sc = &ws.scorecard;
    let h = &report.header;
    let lh = minutes_letterhead(ws, report, row);
    let appraised = matches!(row.status, Some(crate::core::answers::Status::Appraised | crate::core::answers::Status::Final));
    let mut doc = super::page_marked((!appraised).then_some(DRAFT)).add_table(super::letterhead(&lh));
    for p in title(&lh) {
        doc = doc.add_paragraph(p);
    }
    let place = ws.document.place.clone().unwrap_or_else(|| BLANK.to_owned());
    doc = doc.add_paragraph(body(&format!("Vào lúc {}, tại {}, {place}.", appraised_at(ws, &row.unit_id, h.date), issuer(report))));
    doc = doc.add_paragraph(heading("I. THÀNH PHẦN").keep_next(true));
    doc = doc.add_paragraph(body("1. Bên thẩm định:").keep_next(true));
    for a in appraisers(ws) {
        doc = doc.add_paragraph(body(&format!("- {a};")));
    }
    let u = ws.document.unit(&row.unit_id);
    doc = doc.add_paragraph(body(&format!("2. Đơn vị được thẩm định: {}", row.name)).keep_next(true));
    doc = doc.add_paragraph(body(&format!(
        "- Đại diện: {} {}.",
        u.signer.as_deref().unwrap_or(BLANK),
        u.head_title.as_deref().map(|t| format!("– {}", super::lower_first(&t.to_lowercase()))).unwrap_or_default()
    )));
    doc = doc.add_paragraph(heading("II. NỘI DUNG THẨM ĐỊNH").keep_next(true));
    let submitted = d
        .sub
        .as_ref()
        .and_then(|s| s.submitted_at.as_deref())
        .and_then(crate::core::date::parse_rfc3339)
        .map(|t| format!(" nộp ngày {}", short_date(crate::core::date::local_parts(t, crate::core::round::UTC_OFFSET_MIN).0)))
        .unwrap_or_default();
    doc = doc.add_paragraph(body(&format!(
        "Bên thẩm định đã xem xét bản tự đánh giá chỉ số cải cách hành chính{} của {}{submitted} cùng tài liệu kiểm chứng kèm theo, đối chiếu với bảng điểm; kết quả như sau:",
        year(h.year),
        row.name
    )));
    doc = doc.add_paragraph(body("Các tiêu chí điều chỉnh điểm:").keep_next(true));
    // A leaf the Office scored other than the unit: the figures of the core's tallies.
    let changed: Vec<usize> = (0..sc.nodes.len())
        .filter(|&i| sc.nodes[i].is_leaf())
        .filter(|&i| d.appr.as_ref().and_then(|a| a.input(i)).is_some())
        .filter(|&i| d.own.nodes[i].total() != d.fin.nodes[i].total())
        .collect();
    if changed.is_empty() {
        doc = doc.add_paragraph(body("Không có tiêu chí điều chỉnh điểm: điểm thẩm định bằng điểm tự đánh giá."));
    } else {
        let widths = [800usize, 3_300, 1_150, 1_150, text_width() - (800 + 3_300 + 1_150 + 1_150)];
        let (c, r, l) = (AlignmentType::Center, AlignmentType::Right, AlignmentType::Left);
        let rows = changed
            .iter()
            .map(|&i| {
                let reason = d.appr.as_ref().and_then(|a| a.answer(i)).map(|a| a.comment.trim().to_owned()).filter(|s| !s.is_empty());
                TableRow::new(vec![
                    td(widths[0], &sc.nodes[i].id, c, false, TABLE),
                    td(widths[1], &sc.nodes[i].title, l, false, TABLE),
                    td(widths[2], &num(d.own.nodes[i].total()), r, false, TABLE),
                    td(widths[3], &num(d.fin.nodes[i].total()), r, false, TABLE),
                    td(widths[4], reason.as_deref().unwrap_or("(không ghi lý do)"), l, false, TABLE),
                ])
                .cant_split()
            })
            .collect();
        doc = doc.add_table(ruled(&widths, &["Mã", "Tiêu chí", "Tự đánh giá", "Điểm thẩm định", "Lý do điều chỉnh"], rows));
        doc = doc.add_paragraph(para(AlignmentType::Left, 0, 120));
    }
    doc = doc.add_paragraph(heading("III. KẾT LUẬN").keep_next(true));
    let band = row.band.as_deref().map_or_else(|| "chưa đạt mức xếp loại".to_owned(), |b| format!("xếp loại {b}"));
    doc = doc.add_paragraph(body(&format!("- Tổng điểm tự đánh giá: {}/{} điểm.", num(row.self_total), pct(d.own.max))));
    doc = doc.add_paragraph(body(&format!("- Tổng điểm đạt: {}/{} điểm; chỉ số {}%, {band}.", num(row.total), pct(d.fin.max), num(row.index))));
    doc = doc.add_paragraph(body(&format!("- Số tiêu chí điều chỉnh điểm: {}.", changed.len())));
    doc = doc.add_paragraph(
        body("Biên bản được lập thành 02 bản có giá trị như nhau, đơn vị được thẩm định giữ 01 bản, Văn phòng Sở giữ 01 bản; đã đọc lại cho các bên cùng nghe và thống nhất ký tên./.")
            .keep_next(true),
    );
    doc = doc.add_paragraph(para(AlignmentType::Left, 0, 120).keep_next(true));
    doc = doc.add_table(two_signatures(&row.name, &u.head_title.unwrap_or_else(|| BLANK.to_owned()), u.signer.as_deref()));
    pack(doc, &Meta::of(&lh))
}

/// The Biên bản's signatures: the unit's representative on the left, the appraisers' on the right.
fn two_signatures(unit: &str, head_title: &str, signer: Option<&str>) -> docx_rs::Table {
    let half = text_width() / 2;
    let block = |who: &str, title: &str, name: &str| {
        let mut v = vec![centred(run(who, QH).bold(), 0), centred(run(title, QH).bold(), 0)];
        for _ in 0..4 {
            v.push(centred(run("", BODY), 0));
        }
        v.push(centred(run(name, BODY).bold(), 0));
        v
    };
    let left = block(&format!("ĐẠI DIỆN {}", upper(unit)), &upper(head_title), signer.unwrap_or(BLANK));
    let right = block("ĐẠI DIỆN BÊN THẨM ĐỊNH", "CHÁNH VĂN PHÒNG", BLANK);
    let row = TableRow::new(vec![cell(half, left), cell(text_width() - half, right)]).cant_split();
    layout_table(&[half, text_width() - half], vec![row])
}
