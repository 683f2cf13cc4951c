//! The exports, end to end: every format from the demo workspace with a fixed date (golden
//! files in tests/golden; regenerate with `UPDATE_GOLDEN=1 cargo test --test export` and
//! review the diff), the workbook read back with calamine, and the `export` command's exit codes.

use std::io::Cursor;
use std::path::{Path, PathBuf};

mod common;

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use common::bin as parindex;
use parindex::core::date::Date;
use parindex::core::results::RoundResults;
use parindex::core::workspace::Workspace;
use parindex::export::{ExportFormat, ExportOptions, render, write_file};

fn demo() -> (tempfile::TempDir, Workspace, RoundResults) {
    let r = common::Round::demo(8, 2020);
    let ws = r.ws();
    let res = RoundResults::from_disk(&ws).unwrap();
    (r.tmp, ws, res)
}

fn fixed(by_group: bool) -> ExportOptions {
    ExportOptions { by_group, date: Date::new(2020, 12, 20), ..ExportOptions::default() }
}

fn text(ws: &Workspace, res: &RoundResults, f: ExportFormat, opts: &ExportOptions) -> String {
    String::from_utf8(render(ws, res, f, opts).unwrap()).unwrap()
}

/// Compares with tests/golden/NAME, or writes it when UPDATE_GOLDEN is set.
fn golden(name: &str, got: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} missing: run with UPDATE_GOLDEN=1", path.display()));
    if want != got {
        let line = want.lines().zip(got.lines()).position(|(a, b)| a != b).unwrap_or(want.lines().count().min(got.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n  want: {:?}\n  got:  {:?}\n(UPDATE_GOLDEN=1 regenerates)",
            line + 1,
            want.lines().nth(line),
            got.lines().nth(line)
        );
    }
}

#[test]
fn golden_files_for_the_text_formats() {
    let (_d, ws, res) = demo();
    golden("export.csv", &text(&ws, &res, ExportFormat::Csv, &fixed(false)));
    let vi = ExportOptions { csv_sep: ';', decimal_comma: true, ..fixed(true) };
    golden("export-by-group-decimal-comma.csv", &text(&ws, &res, ExportFormat::Csv, &vi));
    golden("export.md", &text(&ws, &res, ExportFormat::Md, &fixed(false)));
    golden("export-by-group.md", &text(&ws, &res, ExportFormat::Md, &fixed(true)));
    golden("export.json", &text(&ws, &res, ExportFormat::Json, &fixed(false)));
    golden("export.html", &text(&ws, &res, ExportFormat::Html, &fixed(false)));
    golden("export-by-group.html", &text(&ws, &res, ExportFormat::Html, &fixed(true)));
}

#[test]
fn rank_outputs_are_unchanged() {
    // `rank --format csv|json` existed before the exports: their output is a contract. The
    // CSV's form follows the language (one default with `export` and the dashboard): in English
    // it is the original `,` and decimal point.
    let (_d, ws, res) = demo();
    for (by_group, suffix) in [(false, ""), (true, "-by-group")] {
        let out = |fmt: &str| {
            let mut c = parindex();
            c.args(["--lang", "en", "rank", "-w"]).arg(&ws.dir).args(["--format", fmt]);
            if by_group {
                c.arg("--by-group");
            }
            let o = c.output().unwrap();
            assert!(o.status.success());
            String::from_utf8(o.stdout).unwrap()
        };
        let csv = out("csv");
        assert!(!csv.starts_with('\u{feff}'));
        assert!(csv.starts_with("rank,unit,name,group,status,total,index,self_index,band\n"));
        golden(&format!("rank{suffix}.csv"), &csv);
        golden(&format!("rank{suffix}.json"), &out("json"));
    }
    let _ = res;
}

#[test]
fn rank_csv_takes_vietnamese_excels_form_in_vietnamese() {
    let (_d, ws, _res) = demo();
    let run = |args: &[&str]| {
        let o = parindex().args(["rank", "-w"]).arg(&ws.dir).args(["--format", "csv"]).args(args).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let vi = run(&[]);
    // For people: Vietnamese headers and status words (issue 22); `--lang en` keeps the keys.
    assert!(vi.starts_with("Hạng;Mã đơn vị;Đơn vị;Nhóm;Trạng thái;Điểm đạt;Chỉ số (%);Tự đánh giá (%);Xếp loại\n"), "{vi}");
    assert!(vi.contains(";vp;Văn phòng Sở;Phòng chuyên môn;Đã thẩm định;59,84;79,79;72,00;Khá\n"), "{vi}");
    assert!(vi.contains(";Đang tự đánh giá;") && !vi.contains("draft") && !vi.contains("appraised"), "{vi}");
    // The flags override the language's default, in both directions.
    let point = run(&["--sep", ","]);
    assert!(point.contains(",vp,Văn phòng Sở,Phòng chuyên môn,Đã thẩm định,59.84,79.79,72.00,Khá\n"), "{point}");
    assert_eq!(run(&["--decimal-point"]), point);
    let semi = run(&["--sep", ";", "--decimal-point"]);
    assert!(semi.contains(";59.84;79.79;72.00;"), "{semi}");
    let o = parindex().args(["rank", "-w"]).arg(&ws.dir).args(["--format", "json", "--sep", ";"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn csv_has_a_bom_and_the_decimal_comma_variant_uses_semicolons() {
    let (_d, ws, res) = demo();
    let plain = text(&ws, &res, ExportFormat::Csv, &fixed(false));
    assert!(plain.starts_with('\u{feff}'));
    assert!(plain.contains(",Văn phòng Sở,Phòng chuyên môn,Đã thẩm định,54.00,72.00,59.84,79.79,Khá,"), "{plain}");
    let vi = text(&ws, &res, ExportFormat::Csv, &ExportOptions { csv_sep: ';', decimal_comma: true, ..fixed(false) });
    assert!(vi.starts_with('\u{feff}'));
    assert!(vi.contains(";Văn phòng Sở;Phòng chuyên môn;Đã thẩm định;54,00;72,00;59,84;79,79;Khá;"), "{vi}");
    // A comma separator with a decimal comma is refused, not written ambiguously.
    let err = render(&ws, &res, ExportFormat::Csv, &ExportOptions { csv_sep: ',', decimal_comma: true, ..fixed(false) }).unwrap_err();
    // In Vietnamese, as every export (issue 22).
    assert!(err.to_string().contains("dấu phẩy thập phân"), "{err}");
}

/// The demo with a unit renamed to something that needs escaping everywhere.
fn hostile() -> (tempfile::TempDir, Workspace, RoundResults) {
    let (d, mut ws, _) = demo();
    ws.units[0].name = "Phòng <b>Kế</b> & \"Hoạch\" | 'x', y; =1".into();
    ws.units[0].group = Some("Nhóm <A&B>".into());
    std::fs::write(ws.dir.join("workspace.toml"), ws.to_toml()).unwrap();
    let ws = Workspace::load(&ws.dir).unwrap();
    let res = RoundResults::from_disk(&ws).unwrap();
    (d, ws, res)
}

#[test]
fn names_are_escaped_in_every_format() {
    let (_d, ws, res) = hostile();
    let html = text(&ws, &res, ExportFormat::Html, &fixed(true));
    assert!(html.contains("Phòng &lt;b&gt;Kế&lt;/b&gt; &amp; &quot;Hoạch&quot; | &#39;x&#39;, y; =1"));
    assert!(html.contains("Nhóm &lt;A&amp;B&gt;"));
    assert!(!html.contains("<b>Kế"));
    assert!(!html.contains("<script"));
    let md = text(&ws, &res, ExportFormat::Md, &fixed(false));
    assert!(md.contains("Phòng \\<b\\>Kế\\</b\\> & \"Hoạch\" \\| 'x', y; =1"), "{md}");
    let csv = text(&ws, &res, ExportFormat::Csv, &fixed(false));
    assert!(csv.contains(",\"Phòng <b>Kế</b> & \"\"Hoạch\"\" | 'x', y; =1\","), "{csv}");
    let json: serde_json::Value = serde_json::from_str(&text(&ws, &res, ExportFormat::Json, &fixed(false))).unwrap();
    assert!(json["ranking"].as_array().unwrap().iter().any(|u| u["name"] == "Phòng <b>Kế</b> & \"Hoạch\" | 'x', y; =1"));
    // And the workbook keeps the text as it is.
    let bytes = render(&ws, &res, ExportFormat::Xlsx, &fixed(false)).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let r = wb.worksheet_range("Xếp hạng").unwrap();
    assert!(r.rows().any(|row| row.iter().any(|c| c == &Data::String("Phòng <b>Kế</b> & \"Hoạch\" | 'x', y; =1".into()))));
}

#[test]
fn json_export_is_the_rank_items_plus_areas_under_a_header() {
    let (_d, ws, res) = demo();
    let v: serde_json::Value = serde_json::from_str(&text(&ws, &res, ExportFormat::Json, &fixed(false))).unwrap();
    let rank = parindex::export::json::ranking(&ws, &res, false, None);
    let items = v["ranking"].as_array().unwrap();
    assert_eq!(items.len(), rank.as_array().unwrap().len());
    for (item, want) in items.iter().zip(rank.as_array().unwrap()) {
        let mut item = item.clone();
        let areas = item.as_object_mut().unwrap().remove("areas").unwrap();
        assert_eq!(&item, want);
        assert_eq!(areas.as_array().unwrap().len(), ws.scorecard.areas.len());
        assert!(areas[0]["index"].is_number() && areas[0]["title"].is_string());
    }
    assert_eq!(v["round"]["scorecard"]["issued_in"], "173/KH-SKH&CN");
    assert_eq!(v["round"]["date"], "2020-12-20");
    assert_eq!(v["round"]["final"], false);
    assert_eq!(v["round"]["state"], "Kết quả tạm thời — 3/8 đơn vị đã thẩm định");
}

fn cell(r: &Range<Data>, row: u32, col: u32) -> Data {
    r.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn find_row(r: &Range<Data>, col: u32, value: &str) -> u32 {
    (0..r.end().unwrap().0 + 1).find(|&y| cell(r, y, col) == Data::String(value.into())).unwrap_or_else(|| panic!("no `{value}` in column {col}"))
}

#[test]
fn workbook_reads_back_with_ranking_and_unit_sheets() {
    let (_d, ws, res) = demo();
    let bytes = render(&ws, &res, ExportFormat::Xlsx, &fixed(false)).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let names = wb.sheet_names();
    let ranking = res.ranking(&ws);
    assert_eq!(names[0], "Xếp hạng");
    // One sheet per unit, in ranking order, named by the unit id.
    let want: Vec<String> = ranking.iter().map(|r| ws.units[r.unit].id.clone()).collect();
    assert_eq!(names[1..].to_vec(), want);

    let r = wb.worksheet_range("Xếp hạng").unwrap();
    assert_eq!(cell(&r, 0, 0), Data::String("Xếp hạng chỉ số cải cách hành chính".into()));
    let head = find_row(&r, 0, "Hạng");
    assert_eq!(cell(&r, head, 2), Data::String("Đơn vị".into()));
    for (i, rr) in ranking.iter().enumerate() {
        let y = head + 1 + i as u32;
        let u = &res.units[rr.unit];
        // A unit with no submission is listed without a rank (issue 21).
        let want = if u.status.is_none() { Data::Empty } else { Data::Float(f64::from(rr.rank)) };
        assert_eq!(cell(&r, y, 0), want);
        assert_eq!(cell(&r, y, 1), Data::String(ws.units[rr.unit].id.clone()));
        assert_eq!(cell(&r, y, 2), Data::String(ws.units[rr.unit].name.clone()));
        let index: f64 = u.index.to_string().parse().unwrap();
        assert_eq!(cell(&r, y, 5), Data::Float(index), "final index of {} as a number", ws.units[rr.unit].id);
        let self_index: f64 = u.self_index.to_string().parse().unwrap();
        assert_eq!(cell(&r, y, 4), Data::Float(self_index));
    }
    // The header says provisional, with the count.
    assert!(r.rows().any(|row| row[0] == Data::String("Kết quả: Kết quả tạm thời — 3/8 đơn vị đã thẩm định".into())));

    // A unit sheet: the official columns, every node, area 1's subtotal.
    let vp = ws.unit_index("vp").unwrap();
    let s = wb.worksheet_range("vp").unwrap();
    let head = find_row(&s, 0, "STT");
    let cols: Vec<Data> = (0..8).map(|c| cell(&s, head, c)).collect();
    let want_cols =
        ["STT", "Lĩnh vực/Tiêu chí", "Điểm tối đa", "Tự đánh giá", "Điểm thẩm định", "Điểm đạt", "Chỉ số", "Tài liệu kiểm chứng / Ghi chú"];
    assert_eq!(cols, want_cols.iter().map(|c| Data::String((*c).into())).collect::<Vec<_>>());
    let sc = &ws.scorecard;
    for (i, node) in sc.nodes.iter().enumerate() {
        assert_eq!(cell(&s, head + 1 + i as u32, 0), Data::String(node.id.clone()));
    }
    let y = head + 1;
    assert_eq!(cell(&s, y, 1), Data::String(sc.nodes[sc.areas[0]].title.clone()));
    let area1: f64 = res.units[vp].area_totals[0].to_string().parse().unwrap();
    assert_eq!(cell(&s, y, 5), Data::Float(area1));
    let max1: f64 = sc.nodes[sc.areas[0]].max.to_string().parse().unwrap();
    assert_eq!(cell(&s, y, 2), Data::Float(max1));
    // The last row: weighted total and index.
    let last = head + 1 + sc.nodes.len() as u32;
    assert_eq!(cell(&s, last, 1), Data::String("Tổng cộng (có trọng số)".into()));
    let idx: f64 = res.units[vp].index.to_string().parse().unwrap();
    assert_eq!(cell(&s, last, 6), Data::Float(idx));
    // Vietnamese evidence text and day-first dates survive.
    let notes: Vec<String> = (head + 1..last).filter_map(|y| if let Data::String(t) = cell(&s, y, 7) { Some(t) } else { None }).collect();
    assert!(notes.iter().any(|n| n.contains(" ngày ") && n.contains("/2020")), "{notes:?}");
    // vp is appraised: some leaves show the Office's points in "Điểm thẩm định".
    assert!((head + 1..last).any(|y| matches!(cell(&s, y, 4), Data::Float(_))));
}

#[test]
fn an_appraised_units_sheet_fills_every_thẩm_định_cell_and_no_sheet_lists_digests() {
    let (_d, ws, res) = demo();
    let bytes = render(&ws, &res, ExportFormat::Xlsx, &fixed(false)).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let ranking = wb.worksheet_range("Xếp hạng").unwrap();
    assert!(!ranking.rows().flatten().any(|c| matches!(c, Data::String(t) if t.contains("sha256") || t.contains("niêm phong"))));
    // vp is appraised: every node row and the total carry the Office's figure.
    let s = wb.worksheet_range("vp").unwrap();
    let head = find_row(&s, 0, "STT");
    let last = find_row(&s, 1, "Tổng cộng (có trọng số)");
    let empty: Vec<u32> = (head + 1..=last).filter(|&y| !matches!(cell(&s, y, 4), Data::Float(_))).collect();
    assert!(empty.is_empty(), "rows without a Thẩm định figure: {empty:?}");
    // The signature block under the table.
    assert!((last + 1..last + 6).any(|y| cell(&s, y, 1) == Data::String("NGƯỜI LẬP BIỂU".into())));
    // A unit not yet appraised shows only what the Office entered.
    let draft = res.units.iter().find(|u| u.status == Some(parindex::core::answers::Status::Submitted)).unwrap();
    let s = wb.worksheet_range(&ws.units[draft.unit].id).unwrap();
    let head = find_row(&s, 0, "STT");
    assert!((head + 1..head + 20).any(|y| cell(&s, y, 4) == Data::Empty));
}

#[test]
fn by_group_workbook_ranks_inside_groups() {
    let (_d, ws, res) = demo();
    let bytes = render(&ws, &res, ExportFormat::Xlsx, &fixed(true)).unwrap();
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let r = wb.worksheet_range("Xếp hạng").unwrap();
    let head = find_row(&r, 0, "Hạng trong nhóm");
    let ones = (head + 1..head + 9).filter(|&y| cell(&r, y, 0) == Data::Float(1.0)).count();
    assert_eq!(ones, 2, "two groups, each with a first");
}

#[test]
fn write_file_is_atomic_and_leaves_nothing_on_failure() {
    let (d, ws, res) = demo();
    let out = d.path().join("out");
    std::fs::create_dir(&out).unwrap();
    for f in ExportFormat::ALL {
        write_file(&ws, &res, f, &fixed(false), &out.join(format!("x.{}", f.extension()))).unwrap();
    }
    let mut names: Vec<String> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["x.csv", "x.html", "x.json", "x.md", "x.xlsx"]);
    // A folder in the way: an error, and no temp file left behind.
    std::fs::create_dir(out.join("taken.csv")).unwrap();
    assert!(write_file(&ws, &res, ExportFormat::Csv, &fixed(false), &out.join("taken.csv")).is_err());
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 6);
}

// ---- the command line ----

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

#[test]
fn cli_exports_every_format() {
    let (d, ws, _res) = demo();
    for f in ["xlsx", "csv", "html", "md", "json"] {
        let out = d.path().join(format!("bang-xep-hang.{f}"));
        parindex().args(["export", "-w"]).arg(&ws.dir).args(["--format", f, "-o"]).arg(&out).args(["--date", "20/12/2020"]).assert().success();
        assert!(std::fs::metadata(&out).unwrap().len() > 100, "{f}");
    }
    // The format follows the extension when --format is left out.
    let out = d.path().join("auto.md");
    parindex().args(["export", "-w"]).arg(&ws.dir).arg("-o").arg(&out).args(["--date", "20/12/2020"]).assert().success();
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(d.path().join("bang-xep-hang.md")).unwrap());
    // CSV variants.
    let out = d.path().join("vi.csv");
    parindex().args(["export", "-w"]).arg(&ws.dir).arg("-o").arg(&out).args(["--decimal-comma", "--by-group"]).assert().success();
    let t = std::fs::read_to_string(&out).unwrap();
    assert!(t.starts_with('\u{feff}') && t.contains(";79,79;"));
    let out = d.path().join("semi.csv");
    parindex().args(["export", "-w"]).arg(&ws.dir).arg("-o").arg(&out).args(["--sep", ";", "--decimal-point"]).assert().success();
    assert!(std::fs::read_to_string(&out).unwrap().contains(";79.79;"));
    // The default follows the language: Vietnamese Excel's form in Vietnamese, `,` in English.
    let out = d.path().join("default.csv");
    parindex().args(["export", "-w"]).arg(&ws.dir).arg("-o").arg(&out).assert().success();
    assert!(std::fs::read_to_string(&out).unwrap().contains(";Văn phòng Sở;Phòng chuyên môn;Đã thẩm định;54,00;72,00;59,84;79,79;Khá;"));
    parindex().args(["--lang", "en", "export", "-w"]).arg(&ws.dir).arg("-o").arg(&out).assert().success();
    assert!(std::fs::read_to_string(&out).unwrap().contains(",Văn phòng Sở,Phòng chuyên môn,Đã thẩm định,54.00,72.00,59.84,79.79,Khá,"));
}

#[test]
fn cli_bad_inputs_exit_2_and_write_nothing() {
    let (d, ws, _res) = demo();
    let out_dir = d.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("x.csv");
    let run = |args: &[&str], out: &Path| -> String {
        let a = parindex().args(["export", "-w"]).arg(&ws.dir).arg("-o").arg(out).args(args).assert().code(2);
        String::from_utf8_lossy(&a.get_output().stderr).into_owned()
    };
    run(&["--format", "pdf"], &out);
    run(&["--format", "csv", "--sep", "\t"], &out);
    let e = run(&["--format", "csv", "--sep", ",", "--decimal-comma"], &out);
    assert!(e.contains("dấu phẩy thập phân") && !e.contains("decimal comma"), "{e}");
    run(&["--format", "html", "--decimal-comma"], &out);
    run(&["--date", "31/02/2020"], &out);
    let e = run(&[], &out_dir.join("x.txt"));
    assert!(e.contains("--format"), "{e}");
    // Unwritable: a missing folder, and a folder where the file should go.
    let missing = d.path().join("no/such/dir/x.csv");
    let e = run(&["--format", "csv"], &missing);
    assert!(e.contains(&format!("Không ghi được {}: thư mục", missing.display())) && e.contains("không tồn tại"), "{e}");
    let e = run(&["--format", "xlsx"], &out_dir);
    assert!(e.contains(&format!("Không ghi được {}: đây là một thư mục", out_dir.display())), "{e}");
    // Missing workspace.
    parindex().args(["export", "-w"]).arg(d.path().join("nowhere")).arg("-o").arg(&out).assert().code(2);
    // Missing -o.
    parindex().args(["export", "-w"]).arg(&ws.dir).args(["--format", "csv"]).assert().code(2);
    assert!(files_in(&out_dir).is_empty(), "{:?}", files_in(&out_dir));
    // A broken submission: that unit is listed unreadable, the export of the others written
    // (issue 17), and standard error names it.
    std::fs::write(&out, "old").unwrap();
    let sub = std::fs::read(ws.submission_path("vp")).unwrap();
    std::fs::write(ws.submission_path("vp"), "unit = \"vp\"\nstatus = \"nonsense\"\n").unwrap();
    let a = parindex().args(["export", "-w"]).arg(&ws.dir).arg("-o").arg(&out).args(["--format", "csv"]).assert().code(0);
    assert!(String::from_utf8_lossy(&a.get_output().stderr).contains("Văn phòng Sở: Không đọc được — "));
    let t = std::fs::read_to_string(&out).unwrap();
    assert!(t.lines().any(|l| l.contains(";vp;Văn phòng Sở;") && l.contains("Không đọc được: ") && l.contains("vp.toml:2:")), "{t}");
    std::fs::write(ws.submission_path("vp"), sub).unwrap();
    // A broken scorecard stops everything: exit 2, and the previous export stays as it was.
    std::fs::write(&out, "old").unwrap();
    std::fs::write(ws.dir.join("scorecard.toml"), "[scorecard\n").unwrap();
    run(&["--format", "csv"], &out);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    assert_eq!(files_in(&out_dir), vec![out.clone()]);
}
