//! `parindex report`: the documents a round sends up the hierarchy, as Word files laid out as
//! Nghị định 30/2020/NĐ-CP, Phụ lục I prescribes for administrative documents:
//!
//! - the parent and issuing body top left, Quốc hiệu and tiêu ngữ top right, "Số: …" under
//!   the bodies, place and date (italic) under the tiêu ngữ;
//! - the document's kind (BÁO CÁO, THÔNG BÁO) and its trích yếu, centred, bold;
//! - the body (Times New Roman 14, first lines indented, justified);
//! - "Nơi nhận:" bottom left (12 bold italic, the list 11), the signer's authority, title and
//!   name bottom right;
//! - A4, margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; page numbers centred at the
//!   top from the second page.
//!
//! [`unit`] writes a unit's self-assessment report (with the scorecard table as an appendix),
//! [`office`] the Office's notice of appraised results and ranking. Both read the one
//! [`Report`] model (and, for a unit, its two sheets).

use std::io::{self, Cursor};

use docx_rs::{
    AlignmentType, Docx, Header, LineSpacing, PageMargin, PageNum, PageOrientationType, PageSize, Paragraph, Run, RunFonts, SectionProperty,
    SpecialIndentType, Table, TableAlignmentType, TableCell, TableRow, VAlignType, WidthType,
};
use rust_decimal::Decimal;

use crate::core::answers::SheetKind;
use crate::core::date::Date;
use crate::core::num::fmt_fixed;
use crate::core::results::RoundResults;
use crate::core::workspace::Workspace;

use super::ExportOptions;
use super::model::Report;

pub mod decision;
pub mod office;
pub mod unit;

/// The font the decree prescribes.
pub const FONT: &str = "Times New Roman";
/// A4 in twentieths of a point (twips).
pub const A4_W: u32 = 11_906;
pub const A4_H: u32 = 16_838;
/// Twips per millimetre (1440 per inch ÷ 25.4), rounded where used.
fn mm(x: u32) -> i32 {
    (f64::from(x) * 1440.0 / 25.4).round() as i32
}
/// The margins (mm): top 20, bottom 20, left 30, right 15.
pub const MARGINS_MM: (u32, u32, u32, u32) = (20, 20, 30, 15);
/// The text width in twips: A4 less the left and right margins.
pub fn text_width() -> usize {
    (A4_W as i32 - mm(MARGINS_MM.2) - mm(MARGINS_MM.3)) as usize
}

/// Font sizes in half-points (docx units).
pub const BODY: usize = 28;
pub const SMALL: usize = 26;
pub const QH: usize = 24;
pub const TABLE: usize = 24;
pub const RECIPIENTS: usize = 22;

/// A blank to fill by hand.
pub const BLANK: &str = "……";

/// A document number to fill in by hand after "Số: ": eight no-break spaces, then
/// "/KIND-SYMBOL" (e.g. "        /TB-SKH&CN").
pub fn blank_number(kind: &str, symbol: &str) -> String {
    format!("{}/{kind}-{symbol}", "\u{a0}".repeat(8))
}

/// What a document's heading, closing and signature say.
#[derive(Clone, Debug, PartialEq)]
pub struct Letterhead {
    /// Top left, first line (not bold), e.g. "UBND TỈNH TIỀN GIANG".
    pub parent_body: String,
    /// Top left, second line (bold), e.g. "SỞ KHOA HỌC VÀ CÔNG NGHỆ".
    pub issuing_body: String,
    /// After "Số: ", e.g. "15/TB-VP", or "     /TB-VP" to fill by hand.
    pub number: String,
    pub place: String,
    pub date: Date,
    /// "THÔNG BÁO", "BÁO CÁO".
    pub kind: String,
    pub trich_yeu: String,
    pub recipients: Vec<String>,
    /// "KT. GIÁM ĐỐC", or empty when the head signs in person.
    pub authority: String,
    pub signer_title: String,
    /// Empty: a blank to fill by hand.
    pub signer_name: String,
}

/// " năm 2020" (nothing without a year).
pub fn year(y: Option<i64>) -> String {
    y.map(|y| format!(" năm {y}")).unwrap_or_default()
}

/// "Bảng điểm …" → "bảng điểm …", for the middle of a sentence.
pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The Office's notice (`parindex report --office`): the ranking overall and, when the round
/// has groups, by group.
pub fn office_report(ws: &Workspace, results: &RoundResults, date: Option<Date>) -> io::Result<Vec<u8>> {
    let date = paper_date(ws, date);
    let opts = |by_group| ExportOptions { by_group, date, ..ExportOptions::default() };
    let overall = Report::build(ws, results, &opts(false));
    let grouped = (!ws.groups().is_empty()).then(|| Report::build(ws, results, &opts(true)));
    office::render(ws, &overall, grouped.as_ref())
}

/// Why a unit's report was not made: its sheets did not load (worded by the caller, in the
/// interface language, like any load), or the document could not be put together.
#[derive(Debug)]
pub enum UnitReportError {
    Load(crate::core::diag::LoadError),
    Io(io::Error),
}

/// A unit's self-assessment report (`parindex report --unit ID`); `None` when no unit has that id.
pub fn unit_report(ws: &Workspace, results: &RoundResults, unit: &str, date: Option<Date>) -> Result<Option<Vec<u8>>, UnitReportError> {
    one_unit_paper(ws, results, unit, date, unit::render)
}

/// The Quyết định công bố kết quả (`parindex report --decision`): the ranking overall.
pub fn decision_report(ws: &Workspace, results: &RoundResults, date: Option<Date>) -> io::Result<Vec<u8>> {
    let date = paper_date(ws, date);
    let report = Report::build(ws, results, &ExportOptions { date, ..ExportOptions::default() });
    decision::render_decision(ws, &report)
}

/// A unit's Biên bản thẩm định (`parindex report --minutes --unit ID`); `None` when no unit
/// has that id.
pub fn minutes_report(ws: &Workspace, results: &RoundResults, unit: &str, date: Option<Date>) -> Result<Option<Vec<u8>>, UnitReportError> {
    one_unit_paper(ws, results, unit, date, decision::render_minutes)
}

/// A paper about one unit, rendered by `render` from the round's report, the unit's row and
/// its detail; `None` when no unit has that id. A unit whose files could not be read has no
/// paper: its load error is the answer.
fn one_unit_paper(
    ws: &Workspace,
    results: &RoundResults,
    unit: &str,
    date: Option<Date>,
    render: impl FnOnce(&Workspace, &Report, &crate::export::model::Row, &crate::core::results::UnitDetail) -> io::Result<Vec<u8>>,
) -> Result<Option<Vec<u8>>, UnitReportError> {
    if let Some(e) = ws.unit_index(unit).and_then(|i| results.error(i)) {
        return Err(UnitReportError::Load(e.clone()));
    }
    let date = paper_date(ws, date);
    let report = Report::build(ws, results, &ExportOptions { date, ..ExportOptions::default() });
    let Some(row) = report.rows().find(|r| r.unit_id == unit) else { return Ok(None) };
    let d = ws.unit_detail(row.unit).map_err(UnitReportError::Load)?;
    render(ws, &report, row, &d).map(Some).map_err(UnitReportError::Io)
}

/// A threshold or maximum as a sentence writes it: `90`, `87,5`, `100`.
pub fn pct(d: Decimal) -> String {
    d.normalize().to_string().replace('.', ",")
}

/// A number with a decimal comma and 2 decimals, as documents write it.
pub fn num(d: Decimal) -> String {
    fmt_fixed(d, 2, ',')
}

/// "Tiền Giang, ngày 05 tháng 02 năm 2020": days 1–9 and months 1–2 take a leading zero.
pub fn place_date(place: &str, d: Date) -> String {
    let month = if d.month < 3 { format!("{:02}", d.month) } else { d.month.to_string() };
    format!("{place}, ngày {:02} tháng {month} năm {}", d.day, d.year)
}

/// "05/02/2020", "20/12/2020", "01/3/2020": the day and month as [`place_date`] writes them.
pub fn short_date(d: Date) -> String {
    let month = if d.month < 3 { format!("{:02}", d.month) } else { d.month.to_string() };
    format!("{:02}/{month}/{}", d.day, d.year)
}

/// Uppercase as a heading writes it (Vietnamese letters included).
pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

fn fonts() -> RunFonts {
    RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT)
}

/// A run of text in the document's font at `size` (half-points).
pub fn run(text: &str, size: usize) -> Run {
    Run::new().add_text(text).size(size).fonts(fonts())
}

/// A paragraph with spacing before and after (twips) and single line spacing.
pub fn para(align: AlignmentType, before: u32, after: u32) -> Paragraph {
    Paragraph::new().align(align).line_spacing(LineSpacing::new().before(before).after(after))
}

/// A centred paragraph holding one run.
pub fn centred(r: Run, after: u32) -> Paragraph {
    para(AlignmentType::Center, 0, after).add_run(r)
}

/// A body paragraph: 14 pt, justified, first line indented 1 cm, 6 pt after.
pub fn body(text: &str) -> Paragraph {
    para(AlignmentType::Both, 0, 120).indent(None, Some(SpecialIndentType::FirstLine(mm(10))), None, None).add_run(run(text, BODY))
}

/// A bold body heading ("1. Kết quả chung"), first line indented like the body.
pub fn heading(text: &str) -> Paragraph {
    para(AlignmentType::Both, 60, 120).indent(None, Some(SpecialIndentType::FirstLine(mm(10))), None, None).add_run(run(text, BODY).bold())
}

/// The advance widths of Times New Roman Bold (thousandths of an em, Adobe's Times-Bold
/// metrics, which Times New Roman and Liberation Serif share): A–Z, then a–z.
const BOLD_UPPER: [u16; 26] =
    [722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667];
const BOLD_LOWER: [u16; 26] =
    [500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444];

/// The printed width of a line in bold at `size` half-points, in twips (a Vietnamese letter is
/// as wide as its base letter: the marks sit above or below it).
pub fn bold_width(line: &str, size: usize) -> usize {
    use unicode_normalization::UnicodeNormalization;
    let em: u32 = line
        .chars()
        .map(|c| {
            let base = match c {
                'Đ' => 'D',
                'đ' => 'd',
                c => c.nfd().next().unwrap_or(c),
            };
            match base {
                'A'..='Z' => u32::from(BOLD_UPPER[(base as u8 - b'A') as usize]),
                'a'..='z' => u32::from(BOLD_LOWER[(base as u8 - b'a') as usize]),
                ' ' | ',' | '.' | '\u{a0}' => 250,
                '/' => 278,
                '-' | ':' | '(' | ')' => 333,
                '&' => 833,
                _ => 500,
            }
        })
        .sum();
    // size/2 points per em, 20 twips per point.
    (u64::from(em) * size as u64 * 10 / 1000) as usize
}

/// The share of a line its rule takes: Nghị định 30 wants 1/3 to 1/2 (here 2/5).
pub const RULE_SHARE: (usize, usize) = (2, 5);

/// The short rule under the issuing body and the trích yếu (Nghị định 30, Phụ lục I: a solid
/// line 1/3 to 1/2 as long as the line above it, centred under it): an empty paragraph of
/// `avail` twips, indented on both sides so that its bottom border is `RULE_SHARE` of the
/// widest of `lines` in bold at `size`.
pub fn rule_under(lines: &str, size: usize, avail: usize) -> Paragraph {
    let widest = lines.split('\n').map(|l| bold_width(l, size)).max().unwrap_or(0).min(avail);
    let len = widest * RULE_SHARE.0 / RULE_SHARE.1;
    let side = i32::try_from((avail - len) / 2).unwrap_or(0);
    let mut p = para(AlignmentType::Center, 0, 0).indent(Some(side), None, Some(side), None).size(6);
    p.property = p.property.clear_all_borders().set_border(docx_rs::ParagraphBorder::new(docx_rs::ParagraphBorderPosition::Bottom).size(6));
    p
}

/// A table cell of `width` twips holding paragraphs.
pub fn cell(width: usize, paras: Vec<Paragraph>) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa).vertical_align(VAlignType::Top);
    for p in paras {
        c = c.add_paragraph(p);
    }
    c
}

/// A table without borders (the heading and signature blocks).
pub fn layout_table(widths: &[usize], rows: Vec<TableRow>) -> Table {
    Table::without_borders(rows)
        .set_grid(widths.to_vec())
        .width(widths.iter().sum(), WidthType::Dxa)
        .align(TableAlignmentType::Center)
        .margins(docx_rs::TableCellMargins::new().margin(0, 0, 0, 0))
}

/// The widths of the heading block's two columns: together the text width (inside the
/// margins); the left as wide as the bodies' longest line needs, the right the rest (the Quốc
/// hiệu, 12 pt bold, is 88 mm).
pub fn letterhead_widths() -> (usize, usize) {
    let left = 4_000;
    (left, text_width() - left)
}

/// The heading block: bodies and number on the left, Quốc hiệu, tiêu ngữ and date on the right.
pub fn letterhead(h: &Letterhead) -> Table {
    let (left, right) = letterhead_widths();
    let lines = |v: &str, size| v.split('\n').map(|l| centred(run(l, size), 0)).collect::<Vec<_>>();
    let mut l: Vec<Paragraph> = lines(&fit(&upper(&h.parent_body), QH, left), QH);
    let body = fit(&upper(&h.issuing_body), QH, left);
    l.extend(body.split('\n').map(|x| centred(run(x, QH).bold(), 0)));
    l.push(rule_under(&body, QH, left));
    // "Số, ký hiệu": 13 pt, not bold.
    l.push(para(AlignmentType::Center, 120, 0).add_run(run(&format!("Số: {}", h.number), SMALL)));
    let r = vec![
        centred(run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", QH).bold(), 0),
        centred(run("Độc lập - Tự do - Hạnh phúc", SMALL).bold().underline("single"), 0),
        para(AlignmentType::Center, 240, 0).add_run(run(&place_date(&h.place, h.date), BODY).italic()),
    ];
    layout_table(&[left, right], vec![TableRow::new(vec![cell(left, l), cell(right, r)]).cant_split()])
}

/// `text`'s lines, each too wide for `width` twips in bold at `size` broken in two at the word
/// that balances the halves best ("CHI CỤC TIÊU CHUẨN\nĐO LƯỜNG CHẤT LƯỢNG"): the heading
/// block breaks its lines itself, so that the rule under them measures the longest.
pub fn fit(text: &str, size: usize, width: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let words: Vec<&str> = line.split(' ').collect();
        if bold_width(line, size) <= width || words.len() < 2 {
            out.push(line.to_owned());
            continue;
        }
        let best =
            (1..words.len()).min_by_key(|&k| bold_width(&words[..k].join(" "), size).max(bold_width(&words[k..].join(" "), size))).unwrap_or(1);
        out.push(words[..best].join(" "));
        out.push(words[best..].join(" "));
    }
    out.join("\n")
}

/// The kind and trích yếu, centred and bold, with a short rule under them.
pub fn title(h: &Letterhead) -> Vec<Paragraph> {
    let mut v = vec![para(AlignmentType::Center, 360, 0).add_run(run(&h.kind, BODY).bold()).keep_next(true)];
    v.extend(h.trich_yeu.split('\n').map(|l| centred(run(l, BODY).bold(), 0).keep_next(true)));
    v.push(rule_under(&h.trich_yeu, BODY, text_width()));
    v.push(para(AlignmentType::Center, 0, 240));
    v
}

/// "Nơi nhận:" on the left; the signer's authority, title, room to sign, and name on the right.
pub fn signature(h: &Letterhead) -> Table {
    let (left, right) = (4_400usize, text_width() - 4_400);
    let mut l = vec![para(AlignmentType::Left, 0, 0).add_run(run("Nơi nhận:", TABLE).bold().italic())];
    let mut recipients = h.recipients.clone();
    if !recipients.iter().any(|x| x.starts_with("Lưu")) {
        recipients.push("Lưu: VT, VP.".to_owned());
    }
    let n = recipients.len();
    for (i, x) in recipients.iter().enumerate() {
        let x = x.trim_start_matches(['-', ' ']).trim_end_matches([';', '.']);
        let end = if i + 1 == n { "." } else { ";" };
        l.push(para(AlignmentType::Left, 0, 0).add_run(run(&format!("- {x}{end}"), RECIPIENTS)));
    }
    let mut r = Vec::new();
    if !h.authority.is_empty() {
        r.push(centred(run(&upper(&h.authority), BODY).bold(), 0));
    }
    r.push(centred(run(&upper(&h.signer_title), BODY).bold(), 0));
    for _ in 0..4 {
        r.push(centred(run("", BODY), 0));
    }
    let name = if h.signer_name.is_empty() { BLANK } else { h.signer_name.as_str() };
    r.push(centred(run(name, BODY).bold(), 0));
    let row = TableRow::new(vec![cell(left, l), cell(right, r)]).cant_split();
    layout_table(&[left, right], vec![row])
}

/// A4 portrait, the decree's margins, 14 pt Times New Roman, the page number centred at the
/// top of every page but the first.
pub fn page() -> Docx {
    page_marked(None)
}

/// [`page`], with `mark` (e.g. "DỰ THẢO") bold at the top right of every page, the first too.
pub fn page_marked(mark: Option<&str>) -> Docx {
    let (top, bottom, left, right) = MARGINS_MM;
    let marked = |h: Header| match mark {
        Some(m) => h.add_paragraph(para(AlignmentType::Right, 0, 0).add_run(run(m, SMALL).bold())),
        None => h,
    };
    Docx::new()
        .page_size(A4_W, A4_H)
        .page_margin(PageMargin::new().top(mm(top)).bottom(mm(bottom)).left(mm(left)).right(mm(right)).header(mm(10)).footer(mm(10)))
        .default_fonts(fonts())
        .default_size(BODY)
        .header(marked(Header::new()).add_paragraph(para(AlignmentType::Center, 0, 0).add_page_num(PageNum::new()).size(SMALL)))
        .first_header(marked(Header::new()))
}

/// Ruled table helpers: a header cell (bold, centred, 12 pt) and body cells.
pub fn th(width: usize, text: &str) -> TableCell {
    cell(width, vec![centred(run(text, TABLE).bold(), 0)]).vertical_align(VAlignType::Center)
}

/// A body cell: `align`ed text at `size`, bold when asked; line breaks make paragraphs.
pub fn td(width: usize, text: &str, align: AlignmentType, bold: bool, size: usize) -> TableCell {
    td_keep(width, text, align, bold, size, false)
}

/// [`td`], its paragraphs kept with the next row when `keep` (a table's last row before its
/// total, so that a page never holds the total row alone).
pub fn td_keep(width: usize, text: &str, align: AlignmentType, bold: bool, size: usize, keep: bool) -> TableCell {
    let paras = text
        .split('\n')
        .map(|l| {
            let r = run(l, size);
            para(align, 20, 20).add_run(if bold { r.bold() } else { r }).keep_next(keep)
        })
        .collect();
    cell(width, paras)
}

/// A ruled table with its header row (repeated on every page: see [`pack`]).
pub fn ruled(widths: &[usize], head: &[&str], rows: Vec<TableRow>) -> Table {
    let head = TableRow::new(widths.iter().zip(head).map(|(w, t)| th(*w, t)).collect()).cant_split();
    let mut all = vec![head];
    all.extend(rows);
    Table::new(all)
        .set_grid(widths.to_vec())
        .width(widths.iter().sum(), WidthType::Dxa)
        .align(TableAlignmentType::Center)
        .margins(docx_rs::TableCellMargins::new().margin(0, 80, 0, 80))
}

/// The paragraph that ends the portrait section (the letter) before a landscape appendix.
pub fn portrait_section_end() -> Paragraph {
    let (top, bottom, left, right) = MARGINS_MM;
    Paragraph::new().section_property(
        SectionProperty::new()
            .page_size(PageSize::new().size(A4_W, A4_H))
            .page_margin(PageMargin::new().top(mm(top)).bottom(mm(bottom)).left(mm(left)).right(mm(right)).header(mm(10)).footer(mm(10))),
    )
}

/// Makes the document's last section (the appendix) A4 landscape, same margins.
pub fn landscape(doc: Docx) -> Docx {
    doc.page_size(A4_H, A4_W).page_orient(PageOrientationType::Landscape)
}

/// The text width of a landscape page.
pub fn landscape_width() -> usize {
    (A4_H as i32 - mm(MARGINS_MM.2) - mm(MARGINS_MM.3)) as usize
}

/// Builds the file. A ruled table's first row is marked as a header row (`w:tblHeader`, which
/// docx-rs does not write), so Word and LibreOffice repeat it on every page; with a section
/// break, the page headers move to the first section (the later one inherits them). docx-rs
/// stores its parts uncompressed: they are deflated here (a unit's report: 400 KB → 40 KB).
pub fn pack(doc: Docx, meta: &Meta) -> io::Result<Vec<u8>> {
    let mut xml = doc.build();
    xml.doc_props.core = core_props(meta).into_bytes();
    let text = String::from_utf8_lossy(&xml.document).into_owned();
    xml.document = headers_to_first_section(&repeat_header_rows(&text)).into_bytes();
    let mut stored = Cursor::new(Vec::new());
    let err = |e: zip::result::ZipError| io::Error::other(format!("docx: {e}"));
    xml.pack(&mut stored).map_err(err)?;
    let mut src = zip::ZipArchive::new(Cursor::new(stored.into_inner())).map_err(err)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..src.len() {
        let mut f = src.by_index(i).map_err(err)?;
        if f.is_dir() {
            continue;
        }
        let name = f.name().to_owned();
        out.start_file(name, opts).map_err(err)?;
        io::copy(&mut f, &mut out)?;
    }
    Ok(out.finish().map_err(err)?.into_inner())
}

/// What the file says of itself (docProps/core.xml): who issued it, what it is, and when.
pub struct Meta {
    /// The issuing body ("Sở Khoa học và Công nghệ").
    pub author: String,
    /// "Thông báo Kết quả thẩm định …".
    pub title: String,
    pub date: Date,
}

impl Meta {
    /// From a document's letterhead: the issuing body, its kind and trích yếu, its date.
    pub fn of(h: &Letterhead) -> Meta {
        let kind = h.kind.to_lowercase();
        let kind = kind.chars().next().map(|c| c.to_uppercase().chain(kind.chars().skip(1)).collect::<String>()).unwrap_or_default();
        Meta { author: h.issuing_body.replace('\n', " "), title: format!("{kind} {}", h.trich_yeu.replace('\n', " ")), date: h.date }
    }
}

/// docProps/core.xml with the document's author and date (docx-rs writes "unknown" and 1970):
/// created and modified at 08:00 in Vietnam on the document's date.
fn core_props(m: &Meta) -> String {
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let at = format!("{}T01:00:00Z", m.date.iso());
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{at}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{at}</dcterms:modified>\
<dc:language>vi-VN</dc:language><cp:revision>1</cp:revision></cp:coreProperties>",
        title = esc(&m.title),
        author = esc(&m.author),
    )
}

/// The date a paper of the round carries (the docx papers, the workbook's signature blocks):
/// `--date` when given, else the round's date ([`round_date`]); `None` (today, as
/// [`crate::export::model::Report::build`] fills it) for a round where nothing has moved yet.
pub fn paper_date(ws: &Workspace, date: Option<Date>) -> Option<Date> {
    date.or_else(|| round_date(ws))
}

/// The round's date: the day of its last move (a submission, a return, an appraisal marked
/// done, a result made final, reopened or published), from the units' sheets and logs; `None`
/// for a round where nothing has moved yet. Documents carry it unless `--date` says otherwise.
pub fn round_date(ws: &Workspace) -> Option<Date> {
    const MOVES: [&str; 8] = ["submit", "return", "mark-appraised", "finalise", "reopen", "publish", "withdraw", "import"];
    let day = |at: &str| {
        let unix = crate::core::date::parse_rfc3339(at)?;
        Some(crate::core::date::local_parts(unix, crate::core::round::UTC_OFFSET_MIN).0)
    };
    let mut last: Option<Date> = None;
    for u in &ws.units {
        let logged = crate::core::audit::read_in(&ws.store, &u.id).map(|(e, _)| e).unwrap_or_default();
        let moves = logged.iter().filter(|e| MOVES.contains(&e.action.as_str())).filter_map(|e| day(&e.at));
        let sheets = ws.load_sheet(&u.id, SheetKind::Submission).ok().flatten().and_then(|s| s.submitted_at.as_deref().and_then(day));
        last = moves.chain(sheets).chain(last).max();
    }
    last
}

/// With two sections, moves the header references and `w:titlePg` of the body's (last) section
/// into the first section's properties: the letter numbers its pages from the second, and the
/// appendix inherits the headers and numbers every page.
fn headers_to_first_section(doc: &str) -> String {
    let Some(last) = doc.rfind("<w:sectPr>") else { return doc.to_owned() };
    let Some(first) = doc.find("<w:sectPr>").filter(|&f| f < last) else { return doc.to_owned() };
    let mut moved = String::new();
    let mut tail = doc[last..].to_owned();
    while let Some(a) = tail.find("<w:headerReference") {
        let b = a + tail[a..].find("/>").map_or(0, |e| e + 2);
        moved.push_str(&tail[a..b]);
        tail.replace_range(a..b, "");
    }
    // The schema's order: header references first, `w:titlePg` after the page settings.
    let title_pg = tail.find("<w:titlePg />").map(|a| tail.replace_range(a..a + "<w:titlePg />".len(), "")).is_some();
    let at = first + "<w:sectPr>".len();
    let end = at + doc[at..].find("</w:sectPr>").unwrap_or(0);
    let tp = if title_pg { "<w:titlePg />" } else { "" };
    format!("{}{moved}{}{tp}{}{tail}", &doc[..at], &doc[at..end], &doc[end..last])
}

/// Adds `<w:tblHeader/>` to the first row of every ruled table (one with a `w:tblBorders` of
/// single lines; the layout tables have none).
fn repeat_header_rows(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len() + 256);
    let mut rest = doc;
    while let Some(at) = rest.find("<w:tbl>") {
        let (before, tbl) = rest.split_at(at);
        out.push_str(before);
        let end = tbl.find("</w:tblPr>").map_or(tbl.len(), |e| e + "</w:tblPr>".len());
        let ruled = tbl[..end].contains("w:val=\"single\"");
        out.push_str(&tbl[..end]);
        rest = &tbl[end..];
        if ruled && let Some(tr) = rest.find("<w:trPr>") {
            out.push_str(&rest[..tr + "<w:trPr>".len()]);
            out.push_str("<w:tblHeader />");
            rest = &rest[tr + "<w:trPr>".len()..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_take_leading_zeros_for_days_below_10_and_january_february() {
        assert_eq!(place_date("Tiền Giang", Date::new(2020, 2, 5).unwrap()), "Tiền Giang, ngày 05 tháng 02 năm 2020");
        assert_eq!(place_date("Tiền Giang", Date::new(2020, 12, 20).unwrap()), "Tiền Giang, ngày 20 tháng 12 năm 2020");
        assert_eq!(place_date("Hà Nội", Date::new(2020, 3, 1).unwrap()), "Hà Nội, ngày 01 tháng 3 năm 2020");
    }

    #[test]
    fn the_page_is_a4_with_the_decrees_margins() {
        assert_eq!((mm(20), mm(30), mm(15)), (1134, 1701, 850));
        assert_eq!(text_width(), 11_906 - 1701 - 850);
        assert_eq!(upper("Văn phòng Sở đ"), "VĂN PHÒNG SỞ Đ");
    }

    #[test]
    fn header_rows_are_marked_only_in_ruled_tables() {
        let doc = "<w:tbl><w:tblPr><w:tblBorders><w:top w:val=\"single\"/></w:tblBorders></w:tblPr><w:tr><w:trPr></w:trPr></w:tr></w:tbl>\
                   <w:tbl><w:tblPr><w:tblBorders><w:top w:val=\"nil\"/></w:tblBorders></w:tblPr><w:tr><w:trPr></w:trPr></w:tr></w:tbl>";
        let out = repeat_header_rows(doc);
        assert_eq!(out.matches("<w:tblHeader />").count(), 1);
        assert!(out.find("<w:tblHeader />").unwrap() < out.find("nil").unwrap());
    }
}
