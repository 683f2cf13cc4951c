//! The Office's "Thông báo kết quả thẩm định, xếp hạng": the ranking overall and by group, the
//! bands and how the index was computed. The seals and their check stay in the workbook and
//! the JSON: a signed paper does not cite a digest.

use std::io;

use docx_rs::{AlignmentType, Paragraph, TableRow};

use crate::core::answers::Status;
use crate::core::document::Document;
use crate::core::workspace::Workspace;
use crate::export::model::{Report, Row, Section};

use super::{BLANK, Letterhead, Meta, TABLE, body, heading, lower_first, num, pack, para, pct, ruled, run, signature, td, text_width, title, year};

/// The issuing body's ký hiệu when `[document]` has no `symbol` (the Sở this tool was made for).
pub const SYMBOL: &str = "SKH&CN";

/// The plan that launched the round, as the documents cite it: `[document] plan`, else the
/// scorecard's `issued_in` with its kind read from the ký hiệu ("173/KH-…": a Kế hoạch) and its
/// issuer: "Kế hoạch số 173/KH-SKH&CN của Sở Khoa học và Công nghệ tỉnh Tiền Giang".
pub fn plan(ws: &Workspace, report: &Report) -> Option<String> {
    if let Some(p) = &ws.document.plan {
        return Some(p.clone());
    }
    let h = &report.header;
    let no = h.issued_in.as_ref()?;
    let kind = match no.split('/').nth(1).and_then(|s| s.split('-').next()) {
        Some("KH") => "Kế hoạch",
        Some("QĐ") => "Quyết định",
        Some("HD") => "Hướng dẫn",
        Some("TB") => "Thông báo",
        _ => "văn bản",
    };
    let by = h.issued_by.as_ref().map(|b| format!(" của {b}")).unwrap_or_default();
    Some(format!("{kind} số {no}{by}"))
}

/// The issuing body as a sentence names it: the scorecard's issuer ("Sở Khoa học và Công nghệ
/// tỉnh Tiền Giang"), else "Sở".
pub fn issuer(report: &Report) -> String {
    report.header.issued_by.clone().unwrap_or_else(|| "Sở".to_owned())
}

/// The notice's heading and signature from `[document]` (blanks where a key is absent).
pub fn letterhead(ws: &Workspace, report: &Report) -> Letterhead {
    let d: &Document = &ws.document;
    let h = &report.header;
    Letterhead {
        parent_body: d.parent_body.clone().unwrap_or_else(|| BLANK.to_owned()),
        issuing_body: d.issuing_body.clone().or_else(|| h.issued_by.clone()).unwrap_or_else(|| BLANK.to_owned()),
        number: d.number_office.clone().unwrap_or_else(|| super::blank_number("TB", d.symbol.as_deref().unwrap_or(SYMBOL))),
        place: d.place.clone().unwrap_or_else(|| BLANK.to_owned()),
        date: h.date,
        kind: "THÔNG BÁO".to_owned(),
        trich_yeu: format!("Kết quả thẩm định, xếp hạng chỉ số cải cách hành chính{}\ncủa các phòng, đơn vị", year(h.year)),
        recipients: if d.recipients.is_empty() { vec!["Các phòng, đơn vị".to_owned()] } else { d.recipients.clone() },
        // The Office's notice is signed on the Director's behalf unless `[document]` says otherwise.
        authority: d.signer_authority.clone().unwrap_or_else(|| "KT. GIÁM ĐỐC".to_owned()),
        signer_title: d.signer_title.clone().unwrap_or_else(|| "PHÓ GIÁM ĐỐC".to_owned()),
        signer_name: d.signer_name.clone().unwrap_or_default(),
    }
}

fn appraised(r: &Row) -> bool {
    matches!(r.status, Some(Status::Appraised | Status::Final))
}

/// A unit's figure in a paper's table: "–" for a unit with no submission.
fn figure(r: &Row, d: rust_decimal::Decimal) -> String {
    if r.status.is_none() { "–".to_owned() } else { num(d) }
}

/// The ranking table of one section: Hạng | Đơn vị | Tự đánh giá | Điểm đạt | Chỉ số | Xếp loại.
pub fn ranking_table(section: &Section, in_group: bool, mark_unappraised: bool) -> docx_rs::Table {
    let rest = text_width() - (800 + 1_250 + 1_250 + 1_150 + 1_400);
    let widths = [800, rest, 1_250, 1_250, 1_150, 1_400];
    let head = [if in_group { "Hạng trong nhóm" } else { "Hạng" }, "Đơn vị", "Điểm tự đánh giá", "Điểm đạt", "Chỉ số (%)", "Xếp loại"];
    let rows = section
        .rows
        .iter()
        .map(|r| {
            let name = if mark_unappraised && !appraised(r) && r.is_ranked() { format!("{} (*)", r.name) } else { r.name.clone() };
            let c = AlignmentType::Center;
            let right = AlignmentType::Right;
            TableRow::new(vec![
                td(widths[0], &r.rank_shown(), c, false, TABLE),
                td(widths[1], &name, AlignmentType::Left, false, TABLE),
                // No submission: no figures (issue 21), not zeros beside "Chưa nộp".
                td(widths[2], &figure(r, r.self_total), right, false, TABLE),
                td(widths[3], &figure(r, r.total), right, false, TABLE),
                td(widths[4], &figure(r, r.index), right, true, TABLE),
                // A band from a self-assessment says so; a unit with no submission is "Chưa nộp".
                td(widths[5], &if r.status.is_none() { r.status_label().to_owned() } else { r.band_shown() }, c, false, TABLE),
            ])
            .cant_split()
        })
        .collect();
    ruled(&widths, &head, rows)
}

/// "Xuất sắc (từ 90% trở lên): 2 đơn vị", one line per band, highest first.
pub fn band_lines(report: &Report) -> Vec<String> {
    let mut out = Vec::new();
    // Units with no submission are not banded: counted apart.
    let count = |label: Option<&str>| report.rows().filter(|r| r.is_ranked() && r.band.as_deref() == label).count();
    for (i, (label, min)) in report.bands.iter().enumerate() {
        let range = match i.checked_sub(1).map(|p| report.bands[p].1) {
            None => format!("từ {}% trở lên", pct(*min)),
            Some(up) => format!("từ {}% đến dưới {}%", pct(*min), pct(up)),
        };
        out.push(format!("{label} ({range}): {} đơn vị", count(Some(label))));
    }
    let none = count(None);
    if let Some((_, lowest)) = report.bands.last()
        && none > 0
    {
        out.push(format!("Chưa đạt mức xếp loại (dưới {}%): {none} đơn vị", pct(*lowest)));
    }
    let missing = report.rows().filter(|r| !r.is_ranked()).count();
    if missing > 0 {
        out.push(format!("Chưa nộp bản tự đánh giá (không xếp hạng, không xếp loại): {missing} đơn vị"));
    }
    out
}

/// The notice, as a .docx file. `by_group`: the same round ranked inside each group (when the
/// round has groups).
pub fn render(ws: &Workspace, report: &Report, by_group: Option<&Report>) -> io::Result<Vec<u8>> {
    let h = &report.header;
    let mut lh = letterhead(ws, report);
    // Provisional results published for objections (issue 21): the notice says so, and until when.
    let objections_until = ws
        .load_publication()
        .ok()
        .flatten()
        .filter(|p| p.stage == crate::core::objection::Stage::Provisional)
        .map(|p| p.until.map(|d| d.to_string()).unwrap_or_default());
    if objections_until.is_some() {
        lh.trich_yeu = lh.trich_yeu.replacen('\n', " (dự kiến)\n", 1);
    }
    // Issue 21: a notice is issued from final results; before that every page says DỰ THẢO.
    let provisional = !h.is_final;
    let mut doc = super::page_marked(provisional.then_some(DRAFT)).add_table(super::letterhead(&lh));
    for p in title(&lh) {
        doc = doc.add_paragraph(p);
    }
    // Căn cứ: the plan (kind, number, date, issuer), the year-end basis, the results.
    match plan(ws, report) {
        Some(p) => doc = doc.add_paragraph(body(&format!("Căn cứ {p} về việc đánh giá, xếp hạng chỉ số cải cách hành chính{};", year(h.year)))),
        None => doc = doc.add_paragraph(body(&format!("Căn cứ {};", lower_first(&h.scorecard_title)))),
    }
    if let Some(later) = &h.basis {
        doc = doc.add_paragraph(body(&format!("Căn cứ {later};")));
    }
    doc = doc.add_paragraph(body("Căn cứ kết quả tự đánh giá của các phòng, đơn vị và kết quả thẩm định của Văn phòng Sở,"));
    doc = doc.add_paragraph(body(&format!(
        "{} thông báo kết quả thẩm định, xếp hạng chỉ số cải cách hành chính{} của {} phòng, đơn vị như sau:",
        issuer(report),
        year(h.year),
        h.units
    )));
    if let Some(until) = &objections_until {
        doc = doc.add_paragraph(body(&format!(
            "Đây là kết quả dự kiến. Đơn vị có ý kiến giải trình về điểm thẩm định của từng tiêu chí, kèm tài liệu kiểm chứng, gửi Văn phòng Sở đến hết ngày {until}; sau thời hạn này, kết quả được công bố chính thức."
        )));
    }
    if provisional {
        doc = doc.add_paragraph(note(&format!("{DRAFT}: {}", provisional_units(report))));
    }
    doc = doc.add_paragraph(heading("1. Kết quả xếp hạng chung"));
    for s in &report.sections {
        doc = doc.add_table(ranking_table(s, false, provisional));
    }
    if provisional {
        doc = doc.add_paragraph(note(&format!(
            "(*) Đơn vị chưa được thẩm định xong ({} trong {} đơn vị đã thẩm định): kết quả là kết quả tạm thời; xếp loại “tự xếp loại” tính từ điểm tự đánh giá.",
            h.appraised, h.units
        )));
    }
    if !report.unreadable.is_empty() {
        // Units whose files could not be read: named, not ranked.
        doc = doc.add_paragraph(note(&format!("{}:", crate::export::labels::UNREADABLE_NOTE)));
        for u in &report.unreadable {
            doc = doc.add_paragraph(note(&format!("- {}: {}", u.name, u.reason())));
        }
    }
    let mut n = 2;
    if let Some(g) = by_group {
        doc = doc.add_paragraph(heading(&format!("{n}. Kết quả xếp hạng theo nhóm")));
        for (k, s) in g.sections.iter().enumerate() {
            doc = doc.add_paragraph(heading(&format!("{n}.{}. {}", k + 1, s.title())).keep_next(true));
            doc = doc.add_table(ranking_table(s, true, provisional));
        }
        n += 1;
    }
    if !report.bands.is_empty() {
        doc = doc.add_paragraph(heading(&format!("{n}. Xếp loại")));
        for line in band_lines(report) {
            doc = doc.add_paragraph(body(&format!("- {line}.")));
        }
        n += 1;
    }
    doc = doc.add_paragraph(heading(&format!("{n}. Cách tính")));
    doc = doc.add_paragraph(method(report));
    doc = doc.add_paragraph(
        body(&format!(
            "Kết quả thẩm định, xếp hạng chỉ số cải cách hành chính{} là căn cứ để bình xét thi đua, khen thưởng năm {} đối với các phòng, đơn vị.",
            year(h.year),
            h.year.map_or_else(|| h.date.year.to_string(), |y| y.to_string())
        ))
        .keep_next(true),
    );
    doc = doc.add_paragraph(body(&format!("{} thông báo để các phòng, đơn vị biết, thực hiện./.", issuer(report))).keep_next(true));
    doc = doc.add_paragraph(para(AlignmentType::Left, 0, 120).keep_next(true));
    doc = doc.add_table(signature(&lh));
    pack(doc, &Meta::of(&lh))
}

/// "How it was computed".
fn method(report: &Report) -> Paragraph {
    let h = &report.header;
    // Issue 21: a reconstructed scorecard says so, and what it reconstructs.
    let card = match &h.issued_in {
        Some(no) if h.reconstructed => format!("Bảng điểm áp dụng: {} {} văn bản số {no}. ", lower_first(&h.scorecard_title), h.issued_words()),
        _ => String::new(),
    };
    body(&format!(
        "{card}Điểm đạt của mỗi tiêu chí lấy theo kết quả thẩm định khi Văn phòng có điều chỉnh, nếu không lấy theo điểm tự đánh giá của đơn vị. \
         Chỉ số của đơn vị bằng tổng điểm đạt (có trọng số theo lĩnh vực) chia cho tổng điểm tối đa áp dụng với đơn vị ({} điểm, trừ điểm tối đa \
         của các tiêu chí không áp dụng), nhân 100, làm tròn đến 2 chữ số thập phân. Các đơn vị có chỉ số bằng nhau đồng hạng; \
         đơn vị chưa nộp bản tự đánh giá không được xếp hạng, xếp loại.",
        pct(h.max)
    ))
}

/// The mark on every page of a notice issued before the results are final.
pub const DRAFT: &str = "DỰ THẢO";

/// "Kết quả tạm thời, chưa phải kết quả chính thức. Đơn vị chưa có kết quả thẩm định: A; B.
/// Đơn vị chưa nộp: C." The units whose figures are not final, named.
pub fn provisional_units(report: &Report) -> String {
    let names = |f: &dyn Fn(&Row) -> bool| {
        let mut v: Vec<&str> = report.rows().filter(|r| f(r)).map(|r| r.name.as_str()).collect();
        crate::core::rank::sort_by_name(&mut v, |s| s);
        v.join("; ")
    };
    let mut s = "Kết quả tạm thời, chưa phải kết quả chính thức.".to_owned();
    let pending = names(&|r| r.is_ranked() && !appraised(r));
    if !pending.is_empty() {
        s.push_str(&format!(" Đơn vị chưa có kết quả thẩm định: {pending}."));
    }
    let missing = names(&|r| !r.is_ranked());
    if !missing.is_empty() {
        s.push_str(&format!(" Đơn vị chưa nộp bản tự đánh giá: {missing}."));
    }
    s
}

/// An italic note under a table, 13 pt.
pub fn note(text: &str) -> Paragraph {
    para(AlignmentType::Both, 60, 120).add_run(run(text, super::SMALL).italic())
}
