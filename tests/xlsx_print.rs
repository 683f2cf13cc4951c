//! Issue 22: the workbook printed, checked from its XML: A4, a print scale that keeps Calibri
//! 11 at 9 pt or more (no fit-to-page that shrinks it), the printed columns within the page at
//! that scale, rows sized to their text and centred, and a print area without technical ids,
//! links or integrity words.

use std::io::Read;

mod common;

use common::bin as parindex;

fn part(zip: &std::path::Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The number in `name="…"` of the first element `tag` in `xml`.
fn attr(xml: &str, tag: &str, name: &str) -> Option<f64> {
    let at = xml.find(tag)?;
    let el = &xml[at..at + xml[at..].find('>')?];
    el.split(&format!(" {name}=\"")).nth(1)?.split('"').next()?.parse().ok()
}

/// "A1" → (0, 0), "AB12" → (11, 27).
fn cell_ref(s: &str) -> (u32, u32) {
    let letters: String = s.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let col = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1)) - 1;
    (s[letters.len()..].parse::<u32>().unwrap() - 1, col)
}

#[test]
fn the_workbook_prints_at_9_pt_or_more_without_ids_links_or_integrity_words() {
    let (d, dir) = common::Round::demo(8, 2020).into_parts();
    let out = d.path().join("x.xlsx");
    parindex().args(["export", "-w", dir.to_str().unwrap(), "--format", "xlsx", "-o", out.to_str().unwrap()]).assert().success();
    // Every font the cells use is 11 pt or more (the title 14).
    let styles = part(&out, "xl/styles.xml");
    let sizes: Vec<f64> = styles.split("<sz val=\"").skip(1).map(|s| s.split('"').next().unwrap().parse().unwrap()).collect();
    let smallest = sizes.iter().copied().fold(f64::MAX, f64::min);
    assert!(smallest >= 11.0, "{sizes:?}");
    // Bordered cells (the tables) are centred vertically.
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    for xf in xfs.split("<xf ").skip(1).filter(|x| !x.contains("borderId=\"0\"")) {
        assert!(xf.contains("vertical=\"center\""), "a table cell not centred: {xf}");
    }
    let book = part(&out, "xl/workbook.xml");
    let areas: Vec<&str> = book.split("<definedName name=\"_xlnm.Print_Area\"").skip(1).collect();
    let sheets = book.matches("<sheet ").count();
    assert_eq!(areas.len(), sheets, "a print area on every sheet: {book}");
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    use calamine::Reader;
    let names = wb.sheet_names().to_vec();
    for (k, name) in names.iter().enumerate() {
        let xml = part(&out, &format!("xl/worksheets/sheet{}.xml", k + 1));
        let setup = &xml[xml.find("<pageSetup").unwrap()..];
        assert_eq!(attr(setup, "<pageSetup", "paperSize"), Some(9.0), "{name}: A4");
        let fitted = xml.contains("<pageSetUpPr fitToPage=\"1\"");
        if fitted {
            // One page wide, as many tall; never one page tall (that shrinks a long sheet).
            assert_eq!(attr(setup, "<pageSetup", "fitToWidth"), None, "{name}: fit to 1 page wide (the default)");
            assert_eq!(attr(setup, "<pageSetup", "fitToHeight"), Some(0.0), "{name}");
        }
        let scale = attr(setup, "<pageSetup", "scale").unwrap_or(100.0);
        // The print area: its last column; the printed columns' width at that scale.
        let area = areas.iter().find(|a| a.contains(&format!("localSheetId=\"{k}\""))).unwrap();
        let range = area.split('>').nth(1).unwrap().split('<').next().unwrap();
        let last = range.rsplit('!').next().unwrap().rsplit(':').next().unwrap().replace('$', "");
        let (last_row, last_col) = cell_ref(&last);
        let mut hidden = Vec::new();
        let mut px = 0.0;
        for c in xml.split("<col ").skip(1).map(|c| c.split('>').next().unwrap()) {
            let el = format!("<c {c}>");
            let (min, max) = (attr(&el, "<c", "min").unwrap_or_else(|| panic!("{el}")) as u32, attr(&el, "<c", "max").unwrap() as u32);
            let w = attr(&el, "<c", "width").unwrap();
            for col in min - 1..max {
                if c.contains("hidden=\"1\"") {
                    hidden.push(col);
                } else if col <= last_col {
                    // The stored width carries Excel's padding (5 px = 0.71 digit).
                    px += ((w - 0.71) * 8.0 + 5.0).floor();
                }
            }
        }
        let landscape = setup.contains("orientation=\"landscape\"");
        let room = ((if landscape { 11.69 } else { 8.27 }) - 1.0) * 96.0;
        // Fitted: the scale that fits, with letters as wide as LibreOffice's (8 px a digit),
        // keeps 9 pt; otherwise the fixed scale does.
        let printed = if fitted { (room * 100.0 / px).floor().min(100.0) } else { scale };
        assert!(smallest * printed / 100.0 >= 9.0, "{name}: {smallest} pt at {printed} % ({px} px of columns on a {room} px page)");
        // What prints: no "(ccdl)", no link back, no integrity words, no hidden id.
        let r = wb.worksheet_range(name).unwrap();
        let (r0, c0) = r.start().unwrap();
        for (y, x, v) in r.used_cells() {
            let (y, x) = (y as u32 + r0, x as u32 + c0);
            if y > last_row || x > last_col || hidden.contains(&x) {
                continue;
            }
            let v = v.to_string();
            assert!(!v.contains("←") && !v.contains("Toàn vẹn") && !v.contains(&format!("({name})")), "{name}: {v:?} prints");
        }
        if name != "Xếp hạng" {
            let cells: Vec<String> = r.used_cells().map(|(_, _, v)| v.to_string()).collect();
            assert!(cells.iter().any(|c| c == "Chỉ số (%)"), "{name}: the index column says (%)");
            // A one-line row is one line high (15 pt and a little air), not 33.
            let row = xml.split("<row ").skip(1).find(|row| {
                row.contains(">") && {
                    let y = attr(&format!("<row {row}"), "<row", "r").unwrap() as u32 - 1;
                    r.used_cells().any(|(yy, xx, v)| {
                        yy as u32 + r0 == y && xx as u32 + c0 == 1 && *v == calamine::Data::String("Cải cách thủ tục hành chính".into())
                    })
                }
            });
            if let Some(row) = row {
                assert_eq!(attr(&format!("<row {row}"), "<row", "ht"), Some(18.0), "{name}");
            }
        }
    }
}

/// The latest `submitted_at` of the demo's submissions, day first as a paper writes it (the
/// round's last move: the demo logs no workflow move).
fn last_submission(dir: &std::path::Path) -> String {
    let mut last = String::new();
    for e in std::fs::read_dir(dir.join("submissions")).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        if let Some(l) = text.lines().find(|l| l.starts_with("submitted_at = ")) {
            last = last.max(l.split('"').nth(1).unwrap()[..10].to_owned());
        }
    }
    let (y, m, d): (u32, u32, u32) = (last[..4].parse().unwrap(), last[5..7].parse().unwrap(), last[8..10].parse().unwrap());
    let month = if m < 3 { format!("{m:02}") } else { m.to_string() };
    format!("Tiền Giang, ngày {d:02} tháng {month} năm {y}")
}

/// The texts of every cell of every sheet that start "Tiền Giang, ngày" (the signature blocks).
fn signature_dates(out: &std::path::Path) -> Vec<(String, String)> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(out).unwrap();
    let mut found = Vec::new();
    for name in wb.sheet_names().to_vec() {
        let range = wb.worksheet_range(&name).unwrap();
        for c in range.used_cells() {
            let text = c.2.to_string();
            if text.starts_with("Tiền Giang, ngày") {
                found.push((name.clone(), text));
            }
        }
    }
    found
}

/// Issue 22: the workbook's signature blocks (the ranking's and every unit's) are dated as the
/// docx papers are: the round's last move unless `--date` says otherwise, never the day of
/// the export.
#[test]
fn the_workbooks_signature_blocks_are_dated_as_the_papers() {
    let (d, dir) = common::Round::demo(8, 2020).into_parts();
    let out = d.path().join("x.xlsx");
    parindex().args(["export", "-w", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]).assert().success();
    let expected = last_submission(&dir);
    let dates = signature_dates(&out);
    // The ranking's block and one per unit (8 units).
    assert_eq!(dates.len(), 9, "{dates:?}");
    for (sheet, text) in &dates {
        assert_eq!(text, &expected, "{sheet}");
    }
    // The same date as the Office's notice made from the same round.
    let tb = d.path().join("tb.docx");
    parindex().args(["report", "-w", dir.to_str().unwrap(), "--office", "-o", tb.to_str().unwrap()]).assert().success();
    assert!(part(&tb, "word/document.xml").contains(&expected), "the notice is not dated {expected}");
    // --date wins.
    parindex().args(["export", "-w", dir.to_str().unwrap(), "-o", out.to_str().unwrap(), "--date", "05/02/2021"]).assert().success();
    let dates = signature_dates(&out);
    assert_eq!(dates.len(), 9, "{dates:?}");
    for (sheet, text) in &dates {
        assert_eq!(text, "Tiền Giang, ngày 05 tháng 02 năm 2021", "{sheet}");
    }
}
