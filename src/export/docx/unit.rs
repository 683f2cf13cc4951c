//! A unit's "Báo cáo kết quả tự đánh giá": totals, index and band, a table per area, and the
//! scorecard table (STT | Tiêu chí | Điểm tối đa | Tự đánh giá | Thẩm định | Tài liệu kiểm
//! chứng) as its appendix (Phụ lục).

use std::io;

use docx_rs::{AlignmentType, Paragraph, TableRow};
use rust_decimal::Decimal;

use crate::core::answers::{Sheet, Status};
use crate::core::results::UnitDetail;
use crate::core::scorecard::Rule;
use crate::core::tally::Tally;
use crate::core::workspace::Workspace;
use crate::export::model::{Report, Row};
use crate::export::xlsx::notes;

use super::{
    BLANK, BODY, Letterhead, Meta, RECIPIENTS, TABLE, body, centred, heading, lower_first, num, pack, page, para, pct, ruled, run, signature, td,
    td_keep, text_width, title, upper, year,
};

/// The unit's sheets and tallies.
pub struct UnitSheets<'a> {
    pub sub: Option<&'a Sheet>,
    pub appr: Option<&'a Sheet>,
}

/// The report's heading and signature: the department above the unit, the unit's number, the
/// head's title and name (blanks where workspace.toml has none).
pub fn letterhead(ws: &Workspace, report: &Report, row: &Row) -> Letterhead {
    let d = &ws.document;
    let u = d.unit(&row.unit_id);
    let h = &report.header;
    let code = u.symbol.clone().unwrap_or_else(|| row.unit_id.to_uppercase());
    Letterhead {
        parent_body: d.issuing_body.clone().or_else(|| h.issued_by.clone()).unwrap_or_else(|| BLANK.to_owned()),
        issuing_body: row.name.clone(),
        number: u.number.unwrap_or_else(|| super::blank_number("BC", &code)),
        place: d.place.clone().unwrap_or_else(|| BLANK.to_owned()),
        date: h.date,
        kind: "BÁO CÁO".to_owned(),
        trich_yeu: format!("Kết quả tự đánh giá chỉ số cải cách hành chính{}", year(h.year)),
        recipients: vec!["Văn phòng Sở (để thẩm định)".to_owned(), format!("Lưu: VT, {code}.")],
        authority: String::new(),
        // No title in workspace.toml: a blank to fill by hand (`check` warns).
        signer_title: u.head_title.unwrap_or_else(|| BLANK.to_owned()),
        signer_name: u.signer.unwrap_or_default(),
    }
}

fn appraised(row: &Row) -> bool {
    matches!(row.status, Some(Status::Appraised | Status::Final))
}

/// The report, as a .docx file.
pub fn render(ws: &Workspace, report: &Report, row: &Row, d: &UnitDetail) -> io::Result<Vec<u8>> {
    let sc = &ws.scorecard;
    let h = &report.header;
    let (own, fin) = (&d.own, &d.fin);
    let sheets = UnitSheets { sub: d.sub.as_ref(), appr: d.appr.as_ref() };
    let lh = letterhead(ws, report, row);
    let mut doc = page().add_table(super::letterhead(&lh));
    for p in title(&lh) {
        doc = doc.add_paragraph(p);
    }
    if let Some(no) = &h.issued_in {
        let basis = h.basis.as_ref().map(|b| format!("; {}: {b}", lower_first(crate::export::labels::BASIS))).unwrap_or_default();
        let what = format!("{} ({} văn bản số {no}{basis})", lower_first(&h.scorecard_title), h.issued_words());
        doc = doc.add_paragraph(body(&format!("Thực hiện {what},")));
    }
    doc = doc.add_paragraph(body(&format!("{} báo cáo kết quả tự đánh giá chỉ số cải cách hành chính{} như sau:", row.name, year(h.year))));
    doc = doc.add_paragraph(heading("1. Kết quả chung"));
    let band = |b: Option<&str>| b.map_or_else(|| "chưa đạt mức xếp loại".to_owned(), |b| format!("xếp loại {b}"));
    // Issue 21: a band computed from the self-assessment always says so.
    let self_band = d.result.self_band(sc).map_or_else(|| "chưa đạt mức xếp loại".to_owned(), |b| format!("tự xếp loại {}", b.label));
    doc = doc.add_paragraph(body(&format!(
        "- Tổng điểm tự đánh giá: {}/{} điểm; chỉ số {}%, {}.",
        num(row.self_total),
        pct(own.max),
        num(row.self_index),
        self_band
    )));
    doc = doc.add_paragraph(body(&format!("- Số tiêu chí đã tự đánh giá: {}/{}.", own.scored_leaves(sc), row.leaves)));
    if appraised(row) {
        doc = doc.add_paragraph(body(&format!("- Điểm đạt: {} điểm; chỉ số {}%, {}.", num(row.total), num(row.index), band(row.band.as_deref()))));
    }
    doc = doc.add_paragraph(heading("2. Kết quả theo lĩnh vực"));
    doc = doc.add_table(area_table(ws, own, fin, appraised(row)));
    let shown = if appraised(row) { fin } else { own };
    if shown.max != sc.max {
        doc = doc.add_paragraph(body(&not_applicable_note(sc.max, shown.max)));
    }
    doc = doc.add_paragraph(para(AlignmentType::Left, 0, 120));
    doc = doc.add_paragraph(body("Chi tiết điểm từng tiêu chí và tài liệu kiểm chứng tại Phụ lục kèm theo."));
    // The unit's narrative, from its submission (sealed with it).
    let texts = crate::core::answers::Section::ALL.map(|s| d.sub.as_ref().map(|x| x.narrative.get(s)));
    for p in narrative(3, texts) {
        doc = doc.add_paragraph(p);
    }
    doc = doc.add_paragraph(
        body(&format!("Trên đây là báo cáo kết quả tự đánh giá chỉ số cải cách hành chính{} của {}./.", year(h.year), row.name)).keep_next(true),
    );
    doc = doc.add_paragraph(para(AlignmentType::Left, 0, 120).keep_next(true));
    doc = doc.add_table(signature(&lh)).add_paragraph(super::portrait_section_end());
    doc = super::landscape(doc);
    for p in appendix_title(report, row, &lh) {
        doc = doc.add_paragraph(p);
    }
    doc = doc.add_table(criteria_table(ws, &sheets, own, fin, appraised(row)));
    pack(doc, &Meta::of(&lh))
}

/// The headings of a Báo cáo's narrative, in order: what went well, what did not, why, and
/// what the unit proposes.
pub const NARRATIVE: [&str; 4] = ["Kết quả đạt được", "Tồn tại, hạn chế", "Nguyên nhân", "Kiến nghị, đề xuất"];

/// What a unit writes when it has written nothing yet.
pub const NO_NARRATIVE: &str = "(Đơn vị chưa nhập nội dung.)";

/// The narrative sections, numbered from `first`: each heading and the unit's text (a
/// paragraph a line), or [`NO_NARRATIVE`]. The last section's last paragraph keeps with the
/// closing, so that the signature never stands alone on a page.
pub fn narrative(first: usize, texts: [Option<&str>; 4]) -> Vec<Paragraph> {
    let mut v = Vec::new();
    for (k, (h, t)) in NARRATIVE.iter().zip(texts).enumerate() {
        v.push(heading(&format!("{}. {h}", first + k)).keep_next(true));
        let lines: Vec<&str> = t.map(|t| t.lines().map(str::trim).filter(|l| !l.is_empty()).collect()).unwrap_or_default();
        if lines.is_empty() {
            v.push(body(NO_NARRATIVE));
        } else {
            v.extend(lines.into_iter().map(body));
        }
    }
    if let Some(last) = v.pop() {
        v.push(last.keep_next(true));
    }
    v
}

/// STT | Lĩnh vực | Điểm tối đa | Tự đánh giá | Điểm đạt | Chỉ số (%).
fn area_table(ws: &Workspace, own: &Tally, fin: &Tally, appraised: bool) -> docx_rs::Table {
    let sc = &ws.scorecard;
    let rest = text_width() - (700 + 1_100 * 4);
    let widths = [700, rest, 1_100, 1_100, 1_100, 1_100];
    let head = ["STT", "Lĩnh vực", "Điểm tối đa", "Tự đánh giá", "Điểm đạt", "Chỉ số (%)"];
    let (c, r, l) = (AlignmentType::Center, AlignmentType::Right, AlignmentType::Left);
    let shown = if appraised { fin } else { own };
    let last = sc.areas.last().copied();
    let mut rows: Vec<TableRow> = sc
        .areas
        .iter()
        .map(|&a| {
            let n = &sc.nodes[a];
            let k = Some(a) == last;
            TableRow::new(vec![
                td_keep(widths[0], &n.id, c, false, TABLE, k),
                td_keep(widths[1], &n.title, l, false, TABLE, k),
                // Spec §5.1: the maximum that applies to the unit (its excluded criteria left
                // out), so that the column adds up to the total row.
                td_keep(widths[2], &num(shown.nodes[a].applicable), r, false, TABLE, k),
                td_keep(widths[3], &num(own.nodes[a].total()), r, false, TABLE, k),
                td_keep(widths[4], &if appraised { num(fin.nodes[a].total()) } else { String::new() }, r, false, TABLE, k),
                td_keep(widths[5], &shown.sub_index(sc, a).map(num).unwrap_or_default(), r, false, TABLE, k),
            ])
            .cant_split()
        })
        .collect();
    rows.extend(total_rows(ws, &widths, own, fin, appraised, false));
    ruled(&widths, &head, rows)
}

/// "Điểm tối đa tính trên các tiêu chí áp dụng với đơn vị: 75,00 điểm (bảng điểm 100 điểm; …)".
pub fn not_applicable_note(card_max: Decimal, applicable: Decimal) -> String {
    format!(
        "Điểm tối đa tính trên các tiêu chí áp dụng với đơn vị: {} điểm (bảng điểm {} điểm; điểm tối đa của các tiêu chí không áp dụng không tính vào chỉ số).",
        num(applicable),
        pct(card_max)
    )
}

/// The total rows under an area or criteria table: when the scorecard weighs its areas other
/// than by their maxima, first "Tổng cộng" (the sum of the rows above), then the weighted row
/// with the index; with default weights the weighted total is that sum, and one row says it.
fn total_rows(ws: &Workspace, widths: &[usize], own: &Tally, fin: &Tally, appraised: bool, evidence_col: bool) -> Vec<TableRow> {
    let sc = &ws.scorecard;
    let mut rows = Vec::new();
    if has_weights(sc) {
        let shown = if appraised { fin } else { own };
        let sum = |t: &Tally| sc.areas.iter().map(|&a| t.nodes[a].total()).sum::<Decimal>();
        let (c, r) = (AlignmentType::Center, AlignmentType::Right);
        rows.push(
            TableRow::new(vec![
                // Kept with the weighted total under it.
                td_keep(widths[0], "", c, true, TABLE, true),
                td_keep(widths[1], "Tổng cộng", AlignmentType::Left, true, TABLE, true),
                td_keep(widths[2], &num(sc.areas.iter().map(|&a| shown.nodes[a].applicable).sum()), r, true, TABLE, true),
                td_keep(widths[3], &num(sum(own)), r, true, TABLE, true),
                td_keep(widths[4], &if appraised { num(sum(fin)) } else { String::new() }, r, true, TABLE, true),
                td_keep(widths[5], "", r, true, TABLE, true),
            ])
            .cant_split(),
        );
    }
    rows.push(total_row(widths, own, fin, appraised, evidence_col));
    rows
}

/// Whether some area's weight differs from its maximum (the weighted total is then not the
/// sum of the areas' points).
pub fn has_weights(sc: &crate::core::scorecard::Scorecard) -> bool {
    sc.areas.iter().any(|&a| sc.nodes[a].contributing_max() > Decimal::ZERO && sc.nodes[a].weight != sc.nodes[a].contributing_max())
}

/// "Tổng cộng (có trọng số)": the maximum that applies to the unit (spec §5.1: the applicable
/// weight, the index's denominator), the self total, the appraised total when there is one,
/// and (last column) the index.
fn total_row(widths: &[usize], own: &Tally, fin: &Tally, appraised: bool, evidence_col: bool) -> TableRow {
    let (c, r) = (AlignmentType::Center, AlignmentType::Right);
    let shown = if appraised { fin } else { own };
    let max = shown.max;
    let last = if evidence_col { format!("Chỉ số: {}%", num(shown.index)) } else { num(shown.index) };
    TableRow::new(vec![
        td(widths[0], "", c, true, TABLE),
        td(widths[1], "Tổng cộng (có trọng số)", AlignmentType::Left, true, TABLE),
        td(widths[2], &num(max), r, true, TABLE),
        td(widths[3], &num(own.total()), r, true, TABLE),
        td(widths[4], &if appraised { num(fin.total()) } else { String::new() }, r, true, TABLE),
        td(widths[5], &last, if evidence_col { AlignmentType::Left } else { r }, true, TABLE),
    ])
    .cant_split()
}

/// "Phụ lục", the appendix's title, and what it goes with (in its own, landscape section).
fn appendix_title(report: &Report, row: &Row, lh: &Letterhead) -> Vec<Paragraph> {
    let d = lh.date;
    vec![
        centred(run("Phụ lục", BODY).bold(), 0),
        centred(run(&upper(&format!("Kết quả tự đánh giá chỉ số cải cách hành chính{}", year(report.header.year))), BODY).bold(), 0),
        centred(run(&format!("(Kèm theo Báo cáo số {} ngày {} của {})", lh.number, super::short_date(d), row.name), BODY).italic(), 240),
    ]
}

/// The scorecard table: every node, areas and groups bold, with the evidence cited.
fn criteria_table(ws: &Workspace, sheets: &UnitSheets<'_>, own: &Tally, fin: &Tally, appraised: bool) -> docx_rs::Table {
    let sc = &ws.scorecard;
    // The figures' columns wide enough for "Tự đánh giá" on two lines at 12 pt.
    let widths = [800usize, 5_300, 1_150, 1_150, 1_150, super::landscape_width() - (800 + 5_300 + 1_150 * 3)];
    let head = ["STT", "Tiêu chí", "Điểm tối đa", "Tự đánh giá", "Điểm đạt", "Tài liệu kiểm chứng"];
    let (c, r, l) = (AlignmentType::Center, AlignmentType::Right, AlignmentType::Left);
    let mut rows = Vec::with_capacity(sc.nodes.len() + 1);
    for (i, n) in sc.nodes.iter().enumerate() {
        let group = !n.is_leaf();
        let self_in = sheets.sub.and_then(|s| s.input(i)).is_some();
        let appr_in = sheets.appr.and_then(|a| a.input(i)).is_some();
        // The maximum that applies to the unit (spec §5.1), as the workbook shows it.
        let shown = if appraised { fin } else { own };
        let max = if matches!(n.rule, Some(Rule::Deduction { .. })) { String::new() } else { num(crate::core::figures::shown_max(sc, shown, i)) };
        let own_v = if group || self_in { num(own.nodes[i].total()) } else { String::new() };
        // Appraised: every row shows the Office's figure (an accepted criterion, the unit's).
        let fin_v = if appraised || (!group && appr_in) { num(fin.nodes[i].total()) } else { String::new() };
        let ev = if group { String::new() } else { notes(sheets.sub.and_then(|s| s.answer(i)), sheets.appr.and_then(|a| a.answer(i))) };
        // A manual leaf's stated scale, under its title (issue 21).
        let title = match crate::export::labels::scale(n) {
            Some(scale) => format!("{}\n{scale}", n.title),
            None => n.title.clone(),
        };
        // The last row keeps with the total under it.
        let k = i + 1 == sc.nodes.len();
        rows.push(
            TableRow::new(vec![
                td_keep(widths[0], &n.id, c, group, TABLE, k),
                td_keep(widths[1], &title, l, group, TABLE, k),
                td_keep(widths[2], &max, r, group, TABLE, k),
                td_keep(widths[3], &own_v, r, group, TABLE, k),
                td_keep(widths[4], &fin_v, r, group, TABLE, k),
                td_keep(widths[5], &ev, l, false, RECIPIENTS, k),
            ])
            .cant_split(),
        );
    }
    rows.extend(total_rows(ws, &widths, own, fin, appraised, true));
    ruled(&widths, &head, rows)
}
