//! Whole-screen snapshots of every screen of the dashboard, from the deterministic demo
//! workspace, at 80×24 (the usual SSH size), 160×48 and a tiny 30×8.

mod common;

use common::*;
use parindex::text::Lang;
use parindex::tui::state::{App, Pane};
use parindex::tui::{Action, Theme};
use ratatui::crossterm::event::KeyCode;

const SIZES: [(u16, u16); 3] = [(80, 24), (160, 48), (30, 8)];

fn snap(name: &str, app: &App) {
    for (w, h) in SIZES {
        let text = draw(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
    }
}

#[test]
fn unit_view() {
    let (_d, app) = unit_app("qlkh");
    snap("unit", &app);
}

#[test]
fn unit_view_in_english() {
    let (_d, ws) = demo();
    let app = App::for_unit(ws, "qlkh", Lang::En, Theme::PLAIN).unwrap();
    let text = draw(&app, 80, 24);
    insta::assert_snapshot!("unit_en_80x24", text);
}

#[test]
fn unit_detail_for_each_input_kind() {
    for rule in ["manual", "choice", "bands", "target", "deduction", "bonus", "survey"] {
        let (_d, mut app) = unit_app("vp");
        let id = leaf_with_rule(&app, rule);
        select(&mut app, &id);
        snap(&format!("unit_detail_{rule}"), &app);
    }
}

#[test]
fn unit_detail_while_editing() {
    // Picking an option of a choice.
    let (_d, mut app) = unit_app("qlkh");
    let id = leaf_with_rule(&app, "choice");
    select(&mut app, &id);
    key(&mut app, KeyCode::Enter);
    snap("unit_edit_choice", &app);
    // Typing points that are refused.
    let (_d, mut app) = unit_app("qlkh");
    let id = leaf_with_rule(&app, "manual");
    select(&mut app, &id);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "99");
    key(&mut app, KeyCode::Enter);
    snap("unit_edit_refused", &app);
    // Writing the explanation.
    let (_d, mut app) = unit_app("qlkh");
    select(&mut app, &id);
    ch(&mut app, 'e');
    typ(&mut app, "Đã ban hành");
    snap("unit_edit_note", &app);
    // The evidence form with a malformed number.
    let (_d, mut app) = unit_app("qlkh");
    select(&mut app, &id);
    ch(&mut app, 'a');
    typ(&mut app, "BC 12");
    snap("unit_evidence_form", &app);
}

#[test]
fn unit_search_and_filter() {
    let (_d, mut app) = unit_app("qlkh");
    ch(&mut app, '/');
    typ(&mut app, "bao cao");
    snap("unit_search", &app);
    let (_d, mut app) = unit_app("qlkh");
    ch(&mut app, 'f');
    snap("unit_todo", &app);
}

#[test]
fn office_dashboard() {
    let (_d, app) = office_app();
    snap("office", &app);
}

#[test]
fn appraisal_view() {
    let (_d, mut app) = office_app();
    let unit = app.ws().unit_index("ccdl").unwrap();
    app.open_appraisal(unit);
    snap("appraisal", &app);
    let id = leaf_with_rule(&app, "choice");
    select(&mut app, &id);
    snap("appraisal_detail", &app);
}

#[test]
fn ranking_views() {
    let (_d, mut app) = office_app();
    ch(&mut app, 'r');
    snap("ranking", &app);
    ch(&mut app, 'g');
    snap("ranking_by_group", &app);
    ch(&mut app, 'e');
    snap("export_dialog", &app);
}

#[test]
fn ranking_compared_with_last_year() {
    let (_d, mut app) = office_app();
    let last = tempfile::tempdir().unwrap();
    parindex::demo::write(last.path(), &parindex::demo::DemoOptions { units: 8, seed: 2019 }).unwrap();
    app.compare_with(parindex::core::results::previous_round(last.path()).unwrap());
    ch(&mut app, 'r');
    snap("ranking_compared", &app);
}

#[test]
fn help_screens() {
    let (_d, mut app) = unit_app("qlkh");
    ch(&mut app, '?');
    snap("help_unit", &app);
    let (_d, mut app) = office_app();
    ch(&mut app, '?');
    snap("help_office", &app);
}

#[test]
fn quit_and_submit_dialogs() {
    let (_d, mut app) = unit_app("qlkh");
    let id = leaf_with_rule(&app, "manual");
    select(&mut app, &id);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "0,5");
    key(&mut app, KeyCode::Enter);
    ch(&mut app, 'q');
    snap("quit_confirm", &app);
    app.update(Action::Cancel);
    ch(&mut app, 'N');
    snap("submit_confirm", &app);
}

#[test]
fn workflow_dialogs() {
    let (_d, mut app) = office_app();
    let unit = app.ws().unit_index("vp").unwrap();
    app.open_appraisal(unit);
    ch(&mut app, 'F');
    snap("finalise_confirm", &app);
    app.update(Action::Cancel);
    ch(&mut app, 'O');
    snap("reopen_confirm", &app);
}

#[test]
fn recovery_offer_after_a_crash() {
    let (dir, ws) = demo();
    // The journal an earlier session left: one more answer than the saved file.
    let mut sheet = ws.load_sheet("qlkh", parindex::core::answers::SheetKind::Submission).unwrap().unwrap();
    let leaf = ws
        .scorecard
        .leaves()
        .find(|&i| sheet.input(i).is_none() && ws.scorecard.nodes[i].rule.as_ref().is_some_and(|r| r.name() == "manual"))
        .unwrap();
    sheet.answer_mut(leaf).input = Some(parindex::core::answers::Input::Points(rust_decimal::Decimal::ONE));
    parindex::core::recover::write(&ws, &sheet, parindex::core::answers::SheetKind::Submission).unwrap();
    let journal = parindex::core::recover::path(dir.path(), "qlkh", parindex::core::answers::SheetKind::Submission);
    // 15/12/2020 09:30 in Vietnam.
    let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_607_999_400);
    std::fs::File::options().write(true).open(&journal).unwrap().set_modified(when).unwrap();
    let app = App::for_unit(ws, "qlkh", Lang::Vi, Theme::PLAIN).unwrap();
    snap("recover_confirm", &app);
}

#[test]
fn another_editor_holds_the_unit() {
    let (dir, ws) = demo();
    // Another session (here: this test) holds the lock, as user `lan` since 15/12/2020 09:30.
    let path = parindex::core::lock::lock_path(dir.path(), "qlkh", parindex::core::answers::SheetKind::Submission);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let held = std::fs::File::options().read(true).write(true).create(true).truncate(true).open(&path).unwrap();
    held.try_lock().unwrap();
    std::fs::write(&path, "user=lan\npid=4242\nsince=1607999400\n").unwrap();
    let app = App::for_unit(ws, "qlkh", Lang::Vi, Theme::PLAIN).unwrap();
    assert!(!app.editable());
    snap("unit_held_by", &app);
    drop(held);
}

/// No panic, whatever the size, on every screen.
#[test]
fn tiny_and_odd_sizes_do_not_panic() {
    let sizes = [(0, 0), (1, 1), (0, 10), (10, 0), (1, 24), (80, 1), (80, 2), (80, 3), (20, 5), (7, 3), (99, 29), (100, 30), (250, 70)];
    let mut apps: Vec<App> = Vec::new();
    let mut dirs = Vec::new();
    for setup in 0..10 {
        let (d, mut app) = if setup < 5 { unit_app("vp") } else { office_app() };
        match setup {
            1 => select(&mut app, "1.1.1"),
            2 => {
                select(&mut app, "1.1.1");
                key(&mut app, KeyCode::Enter);
            }
            3 => ch(&mut app, '?'),
            4 => {
                select(&mut app, "1.1.2");
                ch(&mut app, 'a');
            }
            6 => ch(&mut app, 'r'),
            7 => {
                ch(&mut app, 'r');
                ch(&mut app, 'e');
            }
            8 => {
                key(&mut app, KeyCode::Enter);
                ch(&mut app, 'c');
            }
            9 => {
                key(&mut app, KeyCode::Enter);
                app.work.as_mut().unwrap().pane = Pane::Detail;
                ch(&mut app, 'D');
            }
            _ => {}
        }
        apps.push(app);
        dirs.push(d);
    }
    for app in &apps {
        for (w, h) in sizes {
            draw_only(app, w, h);
        }
    }
}

/// The news register in the detail pane of 1.5.3 (issue 12): the unit's items with Phòng
/// QLCN&CN's marks, claimed against confirmed, for the unit and for the Office.
#[test]
fn news_register_in_the_detail_pane() {
    let (_d, mut app) = office_app();
    let unit = app.ws().unit_index("khtc").unwrap();
    app.open_appraisal(unit);
    select(&mut app, "1.5.3");
    let text = draw(&app, 160, 48);
    assert!(text.contains("Sổ tin, bài") && text.contains("✗") && text.contains("xác nhận 4"), "{text}");
    snap("appraisal_register", &app);
    let (_d, mut app) = unit_app("vp");
    select(&mut app, "1.5.3");
    let text = draw(&app, 160, 48);
    assert!(text.contains("Kê khai 4 tin, bài; xác nhận 4"), "{text}");
    snap("unit_register", &app);
}

/// Issue 17: screens whose wording changed, at 80×24 and 200×60: accepting a “không áp
/// dụng” answer asks the Office's reason; the bar after a search (no `N` for submitting).
#[test]
fn issue_17_screens() {
    fn snap2(name: &str, app: &App) {
        for (w, h) in [(80u16, 24u16), (200, 60)] {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(app, w, h));
        }
    }
    use parindex::core::answers::Input;
    let (_d, mut app) = office_app();
    let unit = app.ws().unit_index("ttra").unwrap();
    app.open_appraisal(unit);
    let sc = app.ws().scorecard.clone();
    let na = sc.leaves().find(|&i| app.work.as_ref().unwrap().sub.input(i) == Some(&Input::Na(true))).unwrap();
    select(&mut app, &sc.nodes[na].id);
    ch(&mut app, 'a');
    snap2("accept_na_asks_reason", &app);
    let (_d, mut app) = unit_app("qlkh");
    ch(&mut app, '/');
    typ(&mut app, "1.3");
    key(&mut app, KeyCode::Enter);
    snap2("unit_searched", &app);
}

/// Issue 19: nothing cut mid-word at 80×24, 120×35 and 200×60: the Office's table, the
/// ranking and a unit's tree (column titles whole, spare width shared by the columns, names
/// cut after a whole word, detail text wrapped).
#[test]
fn issue_19_sizes() {
    fn snap3(name: &str, app: &App) {
        for (w, h) in [(80u16, 24u16), (120, 35), (200, 60)] {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), draw(app, w, h));
        }
    }
    let (_d, mut app) = office_app();
    snap3("sizes_office", &app);
    ch(&mut app, 'r');
    snap3("sizes_ranking", &app);
    let (_d, mut app) = unit_app("qlkh");
    snap3("sizes_unit", &app);
    let id = leaf_with_rule(&app, "choice");
    select(&mut app, &id);
    snap3("sizes_unit_detail", &app);
}

/// The table's titles are never cut, and a wide screen does not leave the names a blank
/// half: every column gets its share.
#[test]
fn table_titles_whole_and_spare_width_shared() {
    let (_d, app) = office_app();
    for (w, h) in [(80u16, 24u16), (120, 35), (200, 60)] {
        let text = draw(&app, w, h);
        let head = text.lines().find(|l| l.contains("Hạng") && l.contains('│')).expect("the table's head");
        assert!(!head.contains('…'), "{w}×{h}: {head}");
        // The band is the first column to go at 80 columns (it follows from the index); where
        // it shows, a band from a self-assessment says so.
        if w >= 120 {
            assert!(head.contains("Xếp loại"), "the band shows at {w}×{h}: {head}");
            assert!(text.contains("(tự xếp loại)"), "a band from a self-assessment says so at {w}×{h}:\n{text}");
        }
        // The widest blank run inside a row of the table stays small.
        let row = text.lines().find(|l| l.contains("Văn phòng Sở") && l.contains('│')).expect("a row");
        let inner = row.trim_matches('"').trim_matches('│');
        let longest = inner.trim().split(|c: char| c != ' ').map(str::len).max().unwrap_or(0);
        assert!(longest < usize::from(w) / 3, "{w}×{h}: blank run of {longest} in {row}");
    }
}

/// At 80 columns the Office's table keeps what the Office works from: the progress, the own
/// index and the appraised one (short titles, narrower names); the band goes first.
#[test]
fn office_table_at_80_columns_keeps_the_figures() {
    let (_d, app) = office_app();
    let text = draw(&app, 80, 24);
    let head = text.lines().find(|l| l.contains("Hạng") && l.contains('│')).expect("the table's head");
    for title in ["Đơn vị", "Trạng thái", "Đã ĐG", "Tự ĐG", "Thẩm định"] {
        assert!(head.contains(title), "{title} missing at 80×24: {head}");
    }
    assert!(!head.contains("Xếp loại"), "the band goes first: {head}");
    let row = text.lines().find(|l| l.contains("Văn phòng Sở") && l.contains('│')).expect("a row");
    for cell in ["Đã thẩm định", "82/82", "72,00", "79,79"] {
        assert!(row.contains(cell), "{cell} missing at 80×24: {row}");
    }
    // Wide enough: the whole titles.
    let head = draw(&app, 120, 35).lines().find(|l| l.contains("Hạng") && l.contains('│')).expect("the table's head").to_owned();
    for title in ["Đã đánh giá", "Tự đánh giá", "Xếp loại"] {
        assert!(head.contains(title), "{title} missing at 120×35: {head}");
    }
}

/// The columns are measured over all the units, not the rows on screen: they stay put while
/// the table scrolls (the names on the first screen are not the longest).
#[test]
fn office_columns_do_not_shift_while_scrolling() {
    let round = Round::demo(60, 2020);
    let ws = parindex::core::workspace::Workspace::load(round.path()).expect("demo loads");
    let mut app = App::for_office(ws, Lang::Vi, Theme::PLAIN).expect("office app");
    let head = |app: &App| draw(app, 200, 24).lines().find(|l| l.contains("Hạng") && l.contains('│')).expect("the table's head").to_owned();
    let first = head(&app);
    let mut seen = vec![first.clone()];
    for _ in 0..6 {
        key(&mut app, KeyCode::PageDown);
        seen.push(head(&app));
    }
    key(&mut app, KeyCode::End);
    seen.push(head(&app));
    for h in &seen {
        assert_eq!(h, &first, "the columns moved while scrolling");
    }
    // Nor as a filter narrows the list (measured over every unit, kept while typing).
    key(&mut app, KeyCode::Home);
    ch(&mut app, '/');
    typ(&mut app, "thanh tra");
    key(&mut app, KeyCode::Enter);
    assert!(draw(&app, 200, 24).contains("Thanh tra Sở"), "the filter finds it");
    assert_eq!(head(&app), first, "the columns moved with the filter");
    key(&mut app, KeyCode::Esc);
    // The same in the ranking.
    ch(&mut app, 'r');
    let first = head(&app);
    for _ in 0..6 {
        key(&mut app, KeyCode::PageDown);
        assert_eq!(head(&app), first, "the ranking's columns moved while scrolling");
    }
}

/// A unit's header keeps its own total at 100 columns; once appraised it shows its own
/// total as its own and the figure that counts (Điểm đạt, the appraised index) without the
/// self index's "(tạm tính)".
#[test]
fn unit_header_own_total_and_the_figure_that_counts() {
    for w in [80u16, 100, 120] {
        let (_d, app) = unit_app("qlkh");
        let text = draw(&app, w, 24);
        let line = text.lines().nth(1).expect("the totals line");
        assert!(line.contains("Tự đánh giá 34,25/87,5"), "the own total at {w}: {line}");
        assert!(line.contains("Chỉ số 35,49% (tạm tính)"), "the own index, provisional, at {w}: {line}");
        // Văn phòng Sở is appraised in the demo.
        let (_d, app) = unit_app("vp");
        let text = draw(&app, w, 24);
        let line = text.lines().nth(1).expect("the totals line");
        assert!(line.contains("Tự đánh giá 54/66"), "the own total at {w}: {line}");
        assert!(line.contains("Điểm đạt 59,84/75"), "the figure that counts at {w}: {line}");
        assert!(line.contains("Chỉ số 79,79%"), "the appraised index at {w}: {line}");
        assert!(!line.contains("tạm tính") && !line.contains("72,00"), "no provisional own index once appraised, at {w}: {line}");
        let first = line.find("Tự đánh giá").unwrap_or(usize::MAX);
        assert!(first < line.find("Điểm đạt").unwrap_or(0), "own first, then what counts: {line}");
    }
}

/// The Office's summary line counts the round's objections not answered yet, once results
/// are published (as `status` counts them), whole at 80 columns, and counts again after an
/// answer.
#[test]
fn office_summary_counts_open_objections() {
    let round = Round::demo(8, 2020);
    let ok = |args: &[&str]| {
        let (code, _, err) = round.run(args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
    };
    let summary = |app: &App, w: u16| draw(app, w, 24).lines().nth(1).expect("the summary line").to_owned();
    let app = App::for_office(round.ws(), Lang::Vi, Theme::PLAIN).expect("office app");
    assert!(!summary(&app, 120).contains("ý kiến giải trình"), "nothing to count before a publication");
    ok(&["publish", "--provisional", "--until", "31/12/2999"]);
    for c in ["1.5.3", "5.3.2"] {
        ok(&["object", "--unit", "vp", "--criterion", c, "--reason", "Đề nghị xem lại"]);
    }
    let app = App::for_office(round.ws(), Lang::Vi, Theme::PLAIN).expect("office app");
    for w in [80, 120, 200] {
        let line = summary(&app, w);
        assert!(line.contains("2 ý kiến giải trình chưa trả lời"), "at {w}: {line}");
        assert!(line.contains("(3/8 đơn vị đã thẩm định)"), "the units by status stay at {w}: {line}");
    }
    ok(&["answer", "--unit", "vp", "--criterion", "1.5.3", "--reject", "--reason", "Giữ nguyên"]);
    app.forget_stage();
    assert!(summary(&app, 80).contains("1 ý kiến giải trình chưa trả lời"), "{}", summary(&app, 80));
    // None left: still said where there is room.
    ok(&["answer", "--unit", "vp", "--criterion", "5.3.2", "--accept"]);
    app.forget_stage();
    assert!(summary(&app, 120).contains("0 ý kiến giải trình chưa trả lời"), "{}", summary(&app, 120));
}
