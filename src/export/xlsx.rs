//! Excel workbook: a ranking sheet ("Xếp hạng") and one sheet per unit in the official layout
//! (STT | Lĩnh vực/Tiêu chí | Điểm tối đa | Tự đánh giá | Điểm thẩm định | Điểm đạt | Chỉ số |
//! Tài liệu kiểm chứng / Ghi chú). Points are numbers rounded to 2 decimals with the number
//! format `0.00`, so Excel can sum them. Units are read one at a time: a unit's sheets are
//! loaded, written out as a worksheet and dropped before the next unit.

use std::collections::HashSet;
use std::io;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, DocProperties, Format, FormatAlign, FormatBorder, Url, Workbook, Worksheet, XlsxError};

use unicode_width::UnicodeWidthStr;

use crate::core::answers::{Answer, Input, Status};
use crate::core::date::Date;
use crate::core::num::{fmt_fixed, round2};
use crate::core::scorecard::{Na, Rule};
use crate::core::tally;
use crate::core::workspace::Workspace;

use super::labels as l;
use super::model::{Report, Row};

/// Excel's limit on a sheet name's length (in UTF-16 units).
pub const SHEET_NAME_MAX: usize = 31;
/// Excel's limit on hyperlinks per worksheet.
const MAX_LINKS: usize = 65_000;
/// A4 in Excel's paper-size codes.
const A4: u8 = 9;
/// The workbook's font size (Calibri, points).
pub const FONT_PT: f64 = 11.0;
/// The smallest print scale (percent) that keeps Calibri 11 at 9 pt or more on paper.
pub const MIN_SCALE: u16 = 82;
/// The side margins (inches) of every printed sheet.
const SIDE_MARGIN: f64 = 0.5;

/// A column `width` characters wide in pixels, as the wider of Excel (Calibri 11: 7 pixels
/// per digit) and LibreOffice (Carlito: 8) lays it out, with 5 of padding.
pub fn column_px(width: f64) -> f64 {
    (width * 8.0 + 5.0).floor()
}

/// The scale (percent) at which columns `widths` wide fill the width of A4 (portrait or
/// landscape), at most 100.
pub fn fit_scale(widths: &[f64], landscape: bool) -> u16 {
    let paper_in = if landscape { 11.69 } else { 8.27 };
    let room = (paper_in - 2.0 * SIDE_MARGIN) * 96.0;
    let content: f64 = widths.iter().map(|w| column_px(*w)).sum();
    ((room * 100.0 / content).floor() as u16).min(100)
}

fn xerr(e: XlsxError) -> io::Error {
    io::Error::other(format!("xlsx: {e}"))
}

/// A decimal as the number Excel stores: rounded to 2 decimals first, then to `f64` (whose
/// shortest rendering is that decimal).
pub fn xnum(d: Decimal) -> f64 {
    round2(d).to_f64().unwrap_or(0.0)
}

/// A valid, unique Excel sheet name from `base`: the characters `[]:*?/\` become `_`,
/// apostrophes are trimmed from the ends, at most 31 characters, and unique without regard to
/// case (as Excel compares them), with `~2`, `~3`… added when needed. "History" is reserved.
pub fn sheet_name(base: &str, used: &mut HashSet<String>) -> String {
    let cleaned: String = base.chars().map(|c| if "[]:*?/\\".contains(c) || c.is_control() { '_' } else { c }).collect();
    let cleaned = cleaned.trim_matches('\'').trim();
    let cleaned = if cleaned.is_empty() { "Sheet" } else { cleaned };
    let fit = |s: &str, room: usize| -> String {
        let mut out = String::new();
        let mut len = 0;
        for c in s.chars() {
            if len + c.len_utf16() > room {
                break;
            }
            len += c.len_utf16();
            out.push(c);
        }
        out.trim_end_matches('\'').to_owned()
    };
    let mut k = 1;
    loop {
        let name = if k == 1 {
            fit(cleaned, SHEET_NAME_MAX)
        } else {
            let suffix = format!("~{k}");
            fit(cleaned, SHEET_NAME_MAX - suffix.len()) + &suffix
        };
        let key = name.to_lowercase();
        if !name.is_empty() && key != "history" && !used.contains(&key) {
            used.insert(key);
            return name;
        }
        k += 1;
    }
}

/// Lines a text takes in a wrapped cell `width` characters wide (Excel's column width, in widths
/// of the digit 0), estimated from the display width of each line.
pub fn wrapped_lines(text: &str, width: f64) -> usize {
    let room = (width - 1.0).max(1.0);
    // Calibri's letters average narrower than its digit 0 (the unit of the width): about 0.9
    // for Vietnamese text, where a word wraps whole.
    text.split('\n').map(|l| ((l.width() as f64 * 0.9) / room).ceil().max(1.0) as usize).sum()
}

/// The height (points) of a row whose wrapped cells are `cells` (text, column width): one
/// 15-point line (Calibri 11) per line of the tallest, and a little air.
pub fn row_height(cells: &[(&str, f64)]) -> f64 {
    let lines = cells.iter().map(|(t, w)| wrapped_lines(t, *w)).max().unwrap_or(1);
    lines as f64 * 15.0 + 3.0
}

/// What a sheet's signature block says: the place and date, who signs and under what title.
struct SignBlock {
    place_date: String,
    left: &'static str,
    authority: String,
    title: String,
    name: String,
}

/// Writes the signature block from row `y`: "NGƯỜI LẬP BIỂU" under `left`, the place and date,
/// authority, title, room to sign and name centred over `right` (first and last column).
fn signature_block(sheet: &mut Worksheet, y: u32, left: u16, right: (u16, u16), b: &SignBlock) -> Result<(), XlsxError> {
    let centre = Format::new().set_align(FormatAlign::Center);
    let bold = centre.clone().set_bold();
    let italic = centre.clone().set_italic();
    let put = |sheet: &mut Worksheet, y: u32, text: &str, f: &Format| -> Result<(), XlsxError> {
        if right.0 == right.1 {
            sheet.write_string_with_format(y, right.0, text, f).map(|_| ())
        } else {
            sheet.merge_range(y, right.0, y, right.1, text, f).map(|_| ())
        }
    };
    put(sheet, y, &b.place_date, &italic)?;
    let mut r = y + 1;
    sheet.write_string_with_format(r, left, b.left, &bold)?;
    for line in [&b.authority, &b.title] {
        if !line.is_empty() {
            put(sheet, r, line, &bold)?;
            r += 1;
        }
    }
    put(sheet, r + 4, &b.name, &bold)?;
    Ok(())
}

struct Styles {
    title: Format,
    head: Format,
    text: Format,
    num: Format,
}

impl Styles {
    fn new() -> Styles {
        // Rows are as tall as their text; a cell's text sits in the middle of the row.
        let border = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            head: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xDDEBF7)),
            text: border.clone().set_text_wrap(),
            num: border.set_num_format("0.00"),
        }
    }
}

/// The row's style in a unit sheet: areas bold on a tint, other groups bold, leaves plain;
/// titles indented by depth.
fn emphasise(f: &Format, area: bool, group: bool) -> Format {
    let f = if group { f.clone().set_bold() } else { f.clone() };
    if area { f.set_background_color(Color::RGB(0xF2F2F2)) } else { f }
}

/// A4, printed at 9 pt or more ([`fit_scale`] of `widths`), the header row on every
/// page, the print area `last_row` × the printed columns (what lies right of them, such as the
/// link back to the ranking, stays on screen).
fn print_setup(ws: &mut Worksheet, header_row: u32, landscape: bool, widths: &[f64], last_row: u32) -> Result<(), XlsxError> {
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_paper_size(A4);
    // Fitted to the page's width only when that keeps 9 pt; a wider table prints at the
    // smallest scale that does, and goes on to a second page across.
    if fit_scale(widths, landscape) >= MIN_SCALE {
        ws.set_print_fit_to_pages(1, 0);
    } else {
        ws.set_print_scale(MIN_SCALE);
    }
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_footer("&CTrang &P/&N");
    ws.set_margins(SIDE_MARGIN, SIDE_MARGIN, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_area(0, 0, last_row, widths.len() as u16 - 1)?;
    Ok(())
}

/// Renders the workbook in memory; `signed`: the date of its signature blocks
/// ([`super::docx::paper_date`]).
pub fn render(report: &Report, ws: &Workspace, signed: Date) -> io::Result<Vec<u8>> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new().set_title(format!("{} — {}", l::RANKING_TITLE, report.header.round_title)).set_subject(report.header.scorecard_line()),
    );
    let st = Styles::new();
    let mut used = HashSet::new();
    let ranking_name = sheet_name(l::SHEET_RANKING, &mut used);
    // Decide every unit's sheet name first, so the ranking can link to them.
    let unit_sheets: Vec<String> = report.rows().map(|r| sheet_name(&r.unit_id, &mut used)).collect();

    let sheet = wb.add_worksheet();
    sheet.set_name(&ranking_name).map_err(xerr)?;
    ranking_sheet(sheet, report, ws, &unit_sheets, &st, signed).map_err(xerr)?;

    for (row, name) in report.rows().zip(&unit_sheets) {
        // The unit's figures as `rank` computes them (the standing appraisal, the register's default).
        let detail = ws.unit_detail(row.unit);
        let sheet = wb.add_worksheet();
        sheet.set_name(name).map_err(xerr)?;
        match detail {
            Ok(d) => unit_sheet(sheet, report, ws, row, &d, &ranking_name, &st, signed).map_err(xerr)?,
            // Changed since the ranking was computed and no longer loads: this unit's sheet says
            // so, the others are written as usual.
            Err(e) => unreadable_sheet(sheet, row, &crate::text::VI.unreadable_why(Some(&e)), &ranking_name, &st).map_err(xerr)?,
        }
        // The unit's answers are dropped here: one unit's answers in memory at a time.
    }
    wb.save_to_buffer().map_err(xerr)
}

/// A unit's sheet when its files no longer load: its title and why, no figures.
fn unreadable_sheet(sheet: &mut Worksheet, row: &Row, why: &[String], ranking_name: &str, st: &Styles) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, &row.name, &st.title)?;
    sheet.write_string(1, 0, format!("{}: {}", l::STATUS, l::status_unreadable()))?;
    for (k, line) in why.iter().enumerate() {
        sheet.write_string(2 + k as u32, 0, line)?;
    }
    sheet.set_column_width(0, 100)?;
    // The way back, on screen only (right of the print area).
    sheet.write_url_with_text(0, 1, Url::new(format!("internal:'{ranking_name}'!A1")), format!("← {}", l::SHEET_RANKING))?;
    sheet.set_portrait();
    sheet.set_paper_size(A4);
    sheet.set_print_area(0, 0, 2 + why.len() as u32, 0)?;
    Ok(())
}

/// The Office's signer (workspace.toml's `[document]`), as the notice has it.
fn office_signer(ws: &Workspace, report: &Report, signed: Date) -> SignBlock {
    let lh = super::docx::office::letterhead(ws, report);
    let name = if lh.signer_name.is_empty() { super::docx::BLANK.to_owned() } else { lh.signer_name };
    SignBlock { place_date: super::docx::place_date(&lh.place, signed), left: l::PREPARED_BY, authority: lh.authority, title: lh.signer_title, name }
}

fn ranking_sheet(sheet: &mut Worksheet, report: &Report, ws: &Workspace, unit_sheets: &[String], st: &Styles, signed: Date) -> Result<(), XlsxError> {
    let h = &report.header;
    sheet.write_string_with_format(0, 0, l::RANKING_TITLE, &st.title)?;
    // The header lines across the printed columns (rank to status), wrapped, as tall as their text.
    let line = Format::new().set_text_wrap().set_align(FormatAlign::VerticalCenter);
    let mut r = 1u32;
    for (label, value) in h.lines() {
        let text = format!("{label}: {value}");
        sheet.merge_range(r, 0, r, 7, &text, &line)?;
        // The merged width (7 + 26 + 12 + 10 + 9 + 11 + 12), less for the renderer's wider letters.
        sheet.set_row_height(r, row_height(&[(&text, 87.0 * 0.85)]))?;
        r += 1;
    }
    r += 1;
    let head_row = r;
    // Narrow enough to print on one A4 landscape page wide at a readable scale: the area
    // columns say "Lĩnh vực N (%)", and a legend under the table gives their titles.
    // The id column is hidden (a technical key, for filters and formulas): not printed.
    let mut cols: Vec<(String, f64)> = vec![
        (h.rank_label().to_owned(), 7.0),
        (l::UNIT_ID.to_owned(), 9.0),
        (l::UNIT.to_owned(), 26.0),
        (l::GROUP.to_owned(), 12.0),
        (l::SELF_INDEX.to_owned(), 10.0),
        (l::INDEX.to_owned(), 9.0),
        (l::BAND.to_owned(), 11.0),
        (l::STATUS.to_owned(), 12.0),
    ];
    for a in &report.areas {
        cols.push((format!("{} {} (%)", l::AREA, a.id), 7.0));
    }
    let first_compared = cols.len() as u16;
    if report.compared {
        cols.extend([(l::PREVIOUS_INDEX.to_owned(), 13.0), (l::PREVIOUS_RANK.to_owned(), 11.0), (l::RANK_CHANGE.to_owned(), 11.0)]);
    }
    for (c, (title, width)) in cols.iter().enumerate() {
        sheet.write_string_with_format(head_row, c as u16, title, &st.head)?;
        sheet.set_column_width(c as u16, *width)?;
    }
    sheet.set_row_height(head_row, 45)?;
    sheet.set_column_hidden(1)?;
    let link_col = cols.len() as u16;
    sheet.set_column_width(link_col, 12)?;
    let links = report.rows().count() <= MAX_LINKS;
    for (i, row) in report.rows().enumerate() {
        let y = head_row + 1 + i as u32;
        if row.is_ranked() {
            sheet.write_number_with_format(y, 0, f64::from(row.rank), &st.text)?;
        } else {
            sheet.write_blank(y, 0, &st.text)?;
        }
        sheet.write_string_with_format(y, 1, &row.unit_id, &st.text)?;
        // A unit whose seal or signature does not hold is marked by its name (a footnote
        // below says why); the digests themselves stay in the machine formats.
        let name = row.marked_name();
        sheet.write_string_with_format(y, 2, &name, &st.text)?;
        // The link to the unit's sheet, on screen only: right of the printed columns.
        if links {
            let url = Url::new(format!("internal:'{}'!A1", unit_sheets[i])).set_text(format!("→ {}", unit_sheets[i]));
            sheet.write_url(y, link_col, url)?;
        }
        sheet.write_string_with_format(y, 3, row.group.as_deref().unwrap_or(""), &st.text)?;
        sheet.write_number_with_format(y, 4, xnum(row.self_index), &st.num)?;
        sheet.write_number_with_format(y, 5, xnum(row.index), &st.num)?;
        sheet.write_string_with_format(y, 6, row.band_shown(), &st.text)?;
        sheet.write_string_with_format(y, 7, row.status_label(), &st.text)?;
        sheet.set_row_height(y, row_height(&[(&row.name, cols[2].1), (row.group.as_deref().unwrap_or(""), cols[3].1)]))?;
        for (k, a) in row.areas.iter().enumerate() {
            let c = 8 + k as u16;
            match a.index {
                Some(v) => sheet.write_number_with_format(y, c, xnum(v), &st.num)?,
                None if a.excluded => sheet.write_string_with_format(y, c, l::NA_SHORT, &st.num)?,
                None => sheet.write_blank(y, c, &st.num)?,
            };
        }
        if report.compared {
            let c = first_compared;
            match row.previous {
                Some(p) => {
                    sheet.write_number_with_format(y, c, xnum(p.index), &st.num)?;
                    sheet.write_number_with_format(y, c + 1, f64::from(p.rank), &st.num)?;
                }
                None => {
                    sheet.write_blank(y, c, &st.num)?;
                    sheet.write_blank(y, c + 1, &st.num)?;
                }
            }
            // Ranks inside a group do not compare with last year's overall rank.
            let change = if h.by_group { String::new() } else { crate::core::results::rank_change(row.rank, row.previous) };
            sheet.write_string_with_format(y, c + 2, change, &st.num)?;
        }
    }
    // Units that could not be read: listed, marked, no rank and no figures.
    let ranked = report.rows().count() as u32;
    for (i, u) in report.unreadable.iter().enumerate() {
        let y = head_row + 1 + ranked + i as u32;
        sheet.write_blank(y, 0, &st.text)?;
        sheet.write_string_with_format(y, 1, &u.unit_id, &st.text)?;
        sheet.write_string_with_format(y, 2, u.marked_name(), &st.text)?;
        sheet.write_string_with_format(y, 3, u.group.as_deref().unwrap_or(""), &st.text)?;
        for c in 4..7 {
            sheet.write_blank(y, c, &st.num)?;
        }
        sheet.write_string_with_format(y, 7, l::status_unreadable(), &st.text)?;
        sheet.set_row_height(y, row_height(&[(&u.name, cols[2].1), (u.group.as_deref().unwrap_or(""), cols[3].1)]))?;
    }
    let n = ranked + report.unreadable.len() as u32;
    if n > 0 {
        sheet.autofilter(head_row, 0, head_row + n, cols.len() as u16 - 1)?;
    }
    let mut y = head_row + n + 2;
    for (title, notes) in [(l::INTEGRITY_NOTE, l::integrity_notes(report.rows())), (l::UNREADABLE_NOTE, l::unreadable_notes(report))] {
        if notes.is_empty() {
            continue;
        }
        sheet.write_string(y, 0, title)?;
        y += 1;
        for note in notes {
            sheet.write_string(y, 0, note)?;
            y += 1;
        }
        y += 1;
    }
    for a in &report.areas {
        sheet.write_string(y, 0, format!("{} {}: {} ({} {})", l::AREA, a.id, a.title, l::COL_MAX.to_lowercase(), fmt_fixed(a.max, 2, ',')))?;
        y += 1;
    }
    signature_block(sheet, y + 1, 2, (4, 7), &office_signer(ws, report, signed))?;
    sheet.set_freeze_panes(head_row + 1, 0)?;
    // The hidden id column takes no room on paper.
    let widths: Vec<f64> = cols.iter().enumerate().map(|(c, x)| if c == 1 { 0.0 } else { x.1 }).collect();
    print_setup(sheet, head_row, true, &widths, y + 8)?;
    Ok(())
}

/// The last column's text for one criterion: evidence cited (number, date day-first, title,
/// file), the unit's explanation, then the Office's comment (and anything the appraisal cites).
/// "Không áp dụng", "Không phát sinh (đạt điểm tối đa)" or the Office's refusal, for a leaf
/// whose final input says so; empty otherwise.
pub fn na_note(na: Option<Na>, input: Option<&Input>) -> String {
    match (na, input) {
        (Some(Na::Excluded), Some(Input::Na(true))) => l::NA.to_owned(),
        (Some(Na::Full), Some(Input::Na(true))) => l::NA_FULL.to_owned(),
        (_, Some(Input::Na(false))) => l::NA_REFUSED.to_owned(),
        _ => String::new(),
    }
}

pub fn notes(sub: Option<&Answer>, appr: Option<&Answer>) -> String {
    let mut lines: Vec<String> = Vec::new();
    for a in [sub, appr].into_iter().flatten() {
        for e in &a.evidence {
            let mut s = e.reference.clone();
            if let Some(d) = e.date {
                s.push_str(&format!(" {} {d}", l::DATED));
            }
            if !e.title.is_empty() {
                s.push_str(if s.is_empty() { "" } else { ": " });
                s.push_str(&e.title);
            }
            match (&e.file, &e.attached) {
                // An attached file (issue 20): its name, size and the digest's first 12 hex
                // digits, which `check` verifies.
                (Some(_), Some(at)) => s.push_str(&format!(
                    " [{} {}, {}, SHA-256 {}]",
                    l::ATTACHED,
                    at.name,
                    crate::core::attach::human_size(at.size, true),
                    crate::core::attach::short_digest(&at.sha256)
                )),
                (Some(f), None) => s.push_str(&format!(" [{f}]")),
                _ => {}
            }
            lines.push(format!("• {s}"));
        }
    }
    if let Some(a) = sub
        && !a.note.is_empty()
    {
        lines.push(format!("{}: {}", l::NOTE, a.note));
    }
    for a in [sub, appr].into_iter().flatten() {
        if !a.comment.is_empty() {
            lines.push(format!("{}: {}", l::COMMENT, a.comment));
        }
    }
    if let Some(a) = appr
        && !a.note.is_empty()
    {
        lines.push(format!("{}: {}", l::COMMENT, a.note));
    }
    lines.join("\n")
}

/// The header row of a unit sheet (0-based), under the unit's title block.
pub const UNIT_HEAD_ROW: u32 = 5;

#[allow(clippy::too_many_arguments)]
fn unit_sheet(
    sheet: &mut Worksheet,
    report: &Report,
    ws: &Workspace,
    row: &Row,
    d: &crate::core::results::UnitDetail,
    ranking_name: &str,
    st: &Styles,
    signed: Date,
) -> Result<(), XlsxError> {
    let sc = &ws.scorecard;
    let h = &report.header;
    let (sub, appr, own, fin) = (d.sub.as_ref(), d.appr.as_ref(), &d.own, &d.fin);
    sheet.write_string_with_format(0, 0, &row.name, &st.title)?;
    // The lines under the title, each across the printed width, wrapped, as tall as its text.
    let line = Format::new().set_text_wrap().set_align(FormatAlign::VerticalCenter);
    let across = |sheet: &mut Worksheet, y: u32, text: &str| -> Result<(), XlsxError> {
        sheet.merge_range(y, 0, y, 7, text, &line)?;
        // The merged width (6 + 52 + 5 × 8 + 44), less for the renderer's wider letters.
        sheet.set_row_height(y, row_height(&[(text, 142.0 * 0.85)]))?;
        Ok(())
    };
    across(sheet, 1, &format!("{} · {}", h.round_title, h.scorecard_line()))?;
    across(
        sheet,
        2,
        &format!(
            "{}: {} · {}: {} · {}: {} · {}: {} · {}: {}",
            l::STATUS,
            row.status_label(),
            h.rank_label(),
            if row.is_ranked() { row.rank.to_string() } else { "—".to_owned() },
            l::SELF_INDEX,
            fmt_fixed(row.self_index, 2, ','),
            l::INDEX,
            fmt_fixed(row.index, 2, ','),
            l::BAND,
            if row.band.is_some() { row.band_shown() } else { "—".to_owned() },
        ),
    )?;
    across(sheet, 3, &format!("{} · {} {}", h.state(), l::EXPORT_DATE, h.date))?;
    // On screen only, right of the print area: the way back, and (for a submission) whether
    // it still holds what was sealed.
    sheet.write_url_with_text(0, 8, Url::new(format!("internal:'{ranking_name}'!A1")), format!("← {}", l::SHEET_RANKING))?;
    if row.status.is_some() {
        sheet.write_string(1, 8, format!("{}: {}", l::INTEGRITY, l::integrity(row.integrity)))?;
    }
    let head = [l::COL_NO, l::COL_CRITERION, l::COL_MAX, l::COL_SELF, l::COL_APPRAISED, l::COL_FINAL, l::INDEX, l::COL_NOTES];
    // A4 landscape fitted to its width at 87 % (Calibri 11 prints at 9.6 pt), the evidence
    // column wide enough that rows stay short.
    let widths = [6.0, 52.0, 8.0, 8.0, 8.0, 8.0, 8.0, 44.0];
    for (c, (t, w)) in head.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(UNIT_HEAD_ROW, c as u16, *t, &st.head)?;
        sheet.set_column_width(c as u16, w)?;
    }
    sheet.set_row_height(UNIT_HEAD_ROW, 45)?;
    let mut y = UNIT_HEAD_ROW + 1;
    // Appraised: every row shows the Office's figure (an accepted criterion, the unit's own).
    let appraised = matches!(row.status, Some(Status::Appraised | Status::Final));
    for (i, node) in sc.nodes.iter().enumerate() {
        let group = !node.is_leaf();
        let area = node.depth == 0;
        let text = emphasise(&st.text, area, group);
        let num = emphasise(&st.num, area, group);
        let title_fmt = text.clone().set_indent(node.depth.min(15) as u8);
        sheet.write_string_with_format(y, 0, &node.id, &text)?;
        // A manual leaf's stated scale, under its title (issue 21).
        let title = match l::scale(node) {
            Some(scale) => format!("{}\n{scale}", node.title),
            None => node.title.clone(),
        };
        sheet.write_string_with_format(y, 1, &title, &title_fmt)?;
        let put = |sheet: &mut Worksheet, c: u16, v: Option<Decimal>| -> Result<(), XlsxError> {
            match v {
                Some(v) => sheet.write_number_with_format(y, c, xnum(v), &num).map(|_| ()),
                None => sheet.write_blank(y, c, &num).map(|_| ()),
            }
        };
        let is_deduction = matches!(node.rule, Some(Rule::Deduction { .. }));
        // The max for this unit: an excluded leaf (and its groups) leave it (spec §5.1).
        let shown_max = crate::core::figures::shown_max(sc, fin, i);
        put(sheet, 2, (!is_deduction).then_some(shown_max))?;
        let self_in = sub.and_then(|s| s.input(i)).is_some();
        let appr_in = appr.and_then(|a| a.input(i)).is_some();
        put(sheet, 3, (group || self_in).then(|| own.nodes[i].total()))?;
        put(sheet, 4, (appraised || (!group && appr_in)).then(|| fin.nodes[i].total()))?;
        put(sheet, 5, (group || self_in || appr_in).then(|| fin.nodes[i].total()))?;
        put(sheet, 6, if group { fin.sub_index(sc, i) } else { None })?;
        let note = if group {
            String::new()
        } else {
            let final_input = appr.and_then(|a| a.input(i)).or_else(|| sub.and_then(|s| s.input(i)));
            let na = na_note(node.na, final_input);
            let rest = notes(sub.and_then(|s| s.answer(i)), appr.and_then(|a| a.answer(i)));
            [na, rest].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join("\n")
        };
        let indent = widths[1] - 2.0 * node.depth.min(15) as f64;
        sheet.set_row_height(y, row_height(&[(&title, indent), (&note, widths[7])]))?;
        sheet.write_string_with_format(y, 7, note, &text)?;
        y += 1;
    }
    // A weighted scorecard: first the plain sum of the area rows, so that the table adds up.
    if super::docx::unit::has_weights(sc) {
        unit_sum_row(sheet, y, sc, own, fin, appraised, st)?;
        y += 1;
    }
    unit_total_row(sheet, y, own, fin, appraised, st)?;
    signature_block(sheet, y + 2, 1, (5, 7), &unit_signer(ws, report, row, signed))?;
    sheet.set_freeze_panes(UNIT_HEAD_ROW + 1, 2)?;
    print_setup(sheet, UNIT_HEAD_ROW, true, &widths, y + 9)?;
    Ok(())
}

/// "Tổng cộng (có trọng số)": the maximum, the weighted self and final totals (and appraised,
/// once appraised), the final index.
fn unit_total_row(sheet: &mut Worksheet, y: u32, own: &tally::Tally, fin: &tally::Tally, appraised: bool, st: &Styles) -> Result<(), XlsxError> {
    let total = st.num.clone().set_bold().set_background_color(Color::RGB(0xDDEBF7));
    let total_text = st.text.clone().set_bold().set_background_color(Color::RGB(0xDDEBF7));
    sheet.write_blank(y, 0, &total_text)?;
    sheet.write_string_with_format(y, 1, l::GRAND_TOTAL, &total_text)?;
    sheet.write_number_with_format(y, 2, xnum(fin.max), &total)?;
    sheet.write_number_with_format(y, 3, xnum(own.total()), &total)?;
    if appraised {
        sheet.write_number_with_format(y, 4, xnum(fin.total()), &total)?;
    } else {
        sheet.write_blank(y, 4, &total)?;
    }
    sheet.write_number_with_format(y, 5, xnum(fin.total()), &total)?;
    sheet.write_number_with_format(y, 6, xnum(fin.index), &total)?;
    sheet.write_blank(y, 7, &total_text)?;
    Ok(())
}

/// "Tổng cộng": the sums of the area rows (max that applies, self, appraised, final), before
/// the weighted row of a scorecard whose weights differ from its areas' maxima.
fn unit_sum_row(
    sheet: &mut Worksheet,
    y: u32,
    sc: &crate::core::scorecard::Scorecard,
    own: &tally::Tally,
    fin: &tally::Tally,
    appraised: bool,
    st: &Styles,
) -> Result<(), XlsxError> {
    let total = st.num.clone().set_bold();
    let total_text = st.text.clone().set_bold();
    let sum = |t: &tally::Tally| sc.areas.iter().map(|&a| t.nodes[a].total()).sum::<Decimal>();
    sheet.write_blank(y, 0, &total_text)?;
    sheet.write_string_with_format(y, 1, l::SUM, &total_text)?;
    sheet.write_number_with_format(y, 2, xnum(sc.areas.iter().map(|&a| crate::core::figures::shown_max(sc, fin, a)).sum()), &total)?;
    sheet.write_number_with_format(y, 3, xnum(sum(own)), &total)?;
    if appraised {
        sheet.write_number_with_format(y, 4, xnum(sum(fin)), &total)?;
    } else {
        sheet.write_blank(y, 4, &total)?;
    }
    sheet.write_number_with_format(y, 5, xnum(sum(fin)), &total)?;
    sheet.write_blank(y, 6, &total)?;
    sheet.write_blank(y, 7, &total_text)?;
    Ok(())
}

/// The unit's head (workspace.toml's unit keys), as the unit's report has it.
fn unit_signer(ws: &Workspace, report: &Report, row: &Row, signed: Date) -> SignBlock {
    let lh = super::docx::unit::letterhead(ws, report, row);
    let name = if lh.signer_name.is_empty() { super::docx::BLANK.to_owned() } else { lh.signer_name };
    SignBlock { place_date: super::docx::place_date(&lh.place, signed), left: l::PREPARED_BY, authority: String::new(), title: lh.signer_title, name }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = HashSet::new();
        assert_eq!(sheet_name("Xếp hạng", &mut used), "Xếp hạng");
        assert_eq!(sheet_name("vp", &mut used), "vp");
        assert_eq!(sheet_name("VP", &mut used), "VP~2");
        assert_eq!(sheet_name("a[b]:c*d?e/f\\g", &mut used), "a_b__c_d_e_f_g");
        assert_eq!(sheet_name("'quoted'", &mut used), "quoted");
        assert_eq!(sheet_name("", &mut used), "Sheet");
        assert_eq!(sheet_name("history", &mut used), "history~2");
        let long = "Trung tâm Thông tin và Thống kê khoa học và công nghệ";
        let a = sheet_name(long, &mut used);
        let b = sheet_name(long, &mut used);
        assert_eq!(a.encode_utf16().count(), 31);
        assert!(b.ends_with("~2") && b.encode_utf16().count() <= 31);
        assert_ne!(a, b);
        let x = "x".repeat(64);
        let names: Vec<String> = (0..12).map(|_| sheet_name(&x, &mut used)).collect();
        assert!(names.iter().all(|n| n.len() <= 31));
        assert_eq!(names.iter().collect::<HashSet<_>>().len(), 12);
    }

    #[test]
    fn row_heights_grow_with_wrapped_lines() {
        assert_eq!(wrapped_lines("", 10.0), 1);
        assert_eq!(wrapped_lines("ngắn", 10.0), 1);
        assert_eq!(wrapped_lines(&"x".repeat(30), 10.0), 3);
        assert_eq!(wrapped_lines("a\nb\nc", 60.0), 3);
        // Vietnamese letters with combining marks count once (NFC or not).
        assert_eq!(wrapped_lines("Tiếng Việt", 12.0), wrapped_lines("Tie\u{302}\u{301}ng Vie\u{323}\u{302}t", 12.0));
        assert_eq!(row_height(&[("a", 10.0), (&"x".repeat(30), 10.0)]), 48.0);
    }

    #[test]
    fn numbers_are_rounded_before_conversion() {
        use std::str::FromStr;
        assert_eq!(xnum(Decimal::from_str("87.255").unwrap()), 87.26);
        assert_eq!(xnum(Decimal::from_str("-0.125").unwrap()), -0.13);
    }

    #[test]
    fn notes_list_evidence_day_first_then_explanation_and_comment() {
        use crate::core::answers::Evidence;
        let sub = Answer {
            evidence: vec![Evidence {
                reference: "44/KH-SKH&CN".into(),
                date: Date::new(2020, 1, 22),
                title: "Kế hoạch CCHC".into(),
                file: Some("vp/kh-44.pdf".into()),
                attached: None,
            }],
            note: "Đã thực hiện".into(),
            ..Answer::default()
        };
        let appr = Answer { comment: "Chậm so với yêu cầu".into(), ..Answer::default() };
        assert_eq!(
            notes(Some(&sub), Some(&appr)),
            "• 44/KH-SKH&CN ngày 22/01/2020: Kế hoạch CCHC [vp/kh-44.pdf]\nGiải trình: Đã thực hiện\nÝ kiến thẩm định: Chậm so với yêu cầu"
        );
        assert_eq!(notes(None, None), "");
    }
}
