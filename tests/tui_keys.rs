//! The dashboard driven by keys, without a terminal: what the keys change in the state and what
//! ends up in the files.

mod common;

use std::time::{Duration, Instant};

use common::*;
use parindex::core::answers::{Input, SheetKind, Status};
use parindex::core::workflow::Move;
use parindex::core::workspace::Workspace;
use parindex::text::Lang;
use parindex::tui::state::{App, Dialog, Edit, Overlay, Pane, Screen};
use parindex::tui::{Action, Launch, Theme, choose};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn submission(app: &App, unit: &str) -> String {
    std::fs::read_to_string(app.ws().submission_path(unit)).unwrap_or_default()
}

fn appraisal(app: &App, unit: &str) -> String {
    std::fs::read_to_string(app.ws().appraisal_path(unit)).unwrap_or_default()
}

fn sel_input(app: &App) -> Option<Input> {
    let w = app.work.as_ref().unwrap();
    w.sub.input(w.sel).cloned()
}

fn edit_error(app: &App) -> Option<String> {
    match &app.work.as_ref().unwrap().edit {
        Some(Edit::Line { error, .. }) => error.clone(),
        _ => None,
    }
}

/// A manual leaf the draft unit has not scored yet.
fn unscored_manual(app: &App) -> String {
    let sc = &app.ws().scorecard;
    let w = app.work.as_ref().unwrap();
    sc.leaves()
        .find(|&i| sc.nodes[i].rule.as_ref().is_some_and(|r| r.name() == "manual") && w.sub.input(i).is_none() && sc.nodes[i].max >= d("1"))
        .map(|i| sc.nodes[i].id.clone())
        .expect("an unscored manual leaf")
}

#[test]
fn typing_points_changes_totals_and_ctrl_s_writes_them() {
    let (_d, mut app) = unit_app("qlkh");
    let id = unscored_manual(&app);
    select(&mut app, &id);
    let before = app.work.as_ref().unwrap().own.index;
    let unscored_before = app.work.as_ref().unwrap().unscored;
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "0,5");
    // Live: the totals count the value before it is kept.
    let live = app.work.as_ref().unwrap().own.index;
    assert!(live > before, "{live} > {before}");
    key(&mut app, KeyCode::Enter);
    assert_eq!(sel_input(&app), Some(Input::Points(d("0.5"))));
    assert_eq!(app.work.as_ref().unwrap().unscored, unscored_before - 1);
    assert!(app.dirty());
    assert!(!submission(&app, "qlkh").contains(&format!("[answers.\"{id}\"]")));
    ctrl(&mut app, 's');
    assert!(!app.dirty());
    let text = submission(&app, "qlkh");
    let at = text.find(&format!("[answers.\"{id}\"]")).expect("the answer is on disk");
    assert!(text[at..].lines().nth(1).unwrap().starts_with("points = 0.5"), "{}", &text[at..]);
    // And it loads back.
    let ws = Workspace::load(&app.ws().dir).unwrap();
    let sheet = ws.load_sheet("qlkh", SheetKind::Submission).unwrap().unwrap();
    assert_eq!(sheet.input(ws.scorecard.node_index(&id).unwrap()), Some(&Input::Points(d("0.5"))));
}

#[test]
fn decimal_comma_and_point_are_both_accepted() {
    let (_d, mut app) = unit_app("qlkh");
    let id = unscored_manual(&app);
    select(&mut app, &id);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "0,75");
    key(&mut app, KeyCode::Enter);
    assert_eq!(sel_input(&app), Some(Input::Points(d("0.75"))));
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "0.25");
    key(&mut app, KeyCode::Enter);
    assert_eq!(sel_input(&app), Some(Input::Points(d("0.25"))));
    // A percentage for a bands rule, and done/planned.
    let bands = leaf_with_rule(&app, "bands");
    select(&mut app, &bands);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "8,5");
    key(&mut app, KeyCode::Enter);
    assert_eq!(sel_input(&app), Some(Input::Value(d("8.5"))));
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "18/20");
    key(&mut app, KeyCode::Enter);
    assert_eq!(sel_input(&app), Some(Input::Ratio { done: d("18"), planned: d("20") }));
}

#[test]
fn invalid_input_is_refused_at_the_field_in_vietnamese() {
    let (_d, mut app) = unit_app("qlkh");
    let id = unscored_manual(&app);
    select(&mut app, &id);
    for (typed, says) in [("99", "Vượt quá điểm tối đa"), ("0,3", "bội số của 0,25"), ("-1", "số âm"), ("abc", "không phải là số")]
    {
        key(&mut app, KeyCode::Enter);
        typ(&mut app, typed);
        key(&mut app, KeyCode::Enter);
        let err = edit_error(&app).unwrap_or_else(|| panic!("{typed} refused"));
        assert!(err.contains(says), "{typed}: {err}");
        assert!(app.status.as_ref().is_some_and(|s| s.1 && s.0.contains(says)));
        assert_eq!(sel_input(&app), None, "{typed} was not stored");
        key(&mut app, KeyCode::Esc);
    }
    assert!(!app.dirty());
    // A deduction takes whole counts; a choice only its options; survey points are the Office's.
    let ded = leaf_with_rule(&app, "deduction");
    select(&mut app, &ded);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "1,5");
    key(&mut app, KeyCode::Enter);
    assert!(edit_error(&app).unwrap().contains("số nguyên"));
    key(&mut app, KeyCode::Esc);
    let survey = leaf_with_rule(&app, "survey");
    select(&mut app, &survey);
    key(&mut app, KeyCode::Enter);
    assert!(app.work.as_ref().unwrap().edit.is_none());
    assert!(app.status.as_ref().unwrap().0.contains("Văn phòng"));
}

#[test]
fn undo_and_redo() {
    let (_d, mut app) = unit_app("qlkh");
    let id = unscored_manual(&app);
    select(&mut app, &id);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "1");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "0,5");
    key(&mut app, KeyCode::Enter);
    assert_eq!(sel_input(&app), Some(Input::Points(d("0.5"))));
    ch(&mut app, 'u');
    assert_eq!(sel_input(&app), Some(Input::Points(d("1"))));
    ctrl(&mut app, 'z');
    assert_eq!(sel_input(&app), None);
    ch(&mut app, 'u');
    assert!(app.status.as_ref().unwrap().0.contains("Không có gì"));
    ctrl(&mut app, 'r');
    assert_eq!(sel_input(&app), Some(Input::Points(d("1"))));
    ctrl(&mut app, 'y');
    assert_eq!(sel_input(&app), Some(Input::Points(d("0.5"))));
    // Removing the input is undoable too.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Delete);
    assert_eq!(sel_input(&app), None);
    ch(&mut app, 'u');
    assert_eq!(sel_input(&app), Some(Input::Points(d("0.5"))));
}

#[test]
fn search_filters_the_tree_without_marks_needed() {
    let (_d, mut app) = unit_app("qlkh");
    let all = app.work.as_ref().unwrap().visible.len();
    ch(&mut app, '/');
    typ(&mut app, "bao cao");
    let sc = app.ws().scorecard.clone();
    let w = app.work.as_ref().unwrap();
    assert!(w.visible.len() < all && !w.visible.is_empty());
    // Every shown leaf matches; every shown group holds a match.
    for &i in &w.visible {
        let n = &sc.nodes[i];
        if n.is_leaf() {
            assert!(parindex::tui::fmt::fold(&n.title).contains("bao cao"), "{}", n.title);
        }
    }
    key(&mut app, KeyCode::Enter);
    assert!(app.work.as_ref().unwrap().edit.is_none());
    assert_eq!(app.work.as_ref().unwrap().search, "bao cao");
    // Esc in a new search clears it.
    ch(&mut app, '/');
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.work.as_ref().unwrap().visible.len(), all);
}

#[test]
fn still_to_do_filter() {
    let (_d, mut app) = unit_app("qlkh");
    ch(&mut app, 'f');
    let sc = app.ws().scorecard.clone();
    let w = app.work.as_ref().unwrap();
    let leaves: Vec<usize> = w.visible.iter().copied().filter(|&i| sc.nodes[i].is_leaf()).collect();
    assert!(!leaves.is_empty());
    assert!(leaves.iter().all(|&i| w.todo[i] > 0));
    assert_eq!(leaves.len() as u32, w.todo.iter().enumerate().filter(|(i, _)| sc.nodes[*i].is_leaf()).map(|(_, t)| *t).sum::<u32>());
    // Scoring one makes it leave the list (with evidence, so no warning keeps it).
    let first = leaves.iter().copied().find(|&i| sc.nodes[i].rule.as_ref().is_some_and(|r| r.name() == "manual")).unwrap();
    app.work.as_mut().unwrap().sel = first;
    app.work.as_mut().unwrap().pane = Pane::Detail;
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "0");
    key(&mut app, KeyCode::Enter);
    assert!(!app.work.as_ref().unwrap().visible.contains(&first));
    ch(&mut app, 'f');
    assert!(app.work.as_ref().unwrap().visible.contains(&first));
}

#[test]
fn choice_is_picked_from_a_list() {
    let (_d, mut app) = unit_app("qlkh");
    let id = leaf_with_rule(&app, "choice");
    select(&mut app, &id);
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.work.as_ref().unwrap().edit, Some(Edit::Choice { .. })));
    ch(&mut app, '2');
    key(&mut app, KeyCode::Enter);
    let sc = app.ws().scorecard.clone();
    let opts = match &sc.node(&id).unwrap().rule {
        Some(parindex::core::scorecard::Rule::Choice(o)) => o.clone(),
        _ => unreachable!(),
    };
    assert_eq!(sel_input(&app), Some(Input::Choice(opts[1].key.clone())));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Esc);
    assert_eq!(sel_input(&app), Some(Input::Choice(opts[1].key.clone())), "Esc keeps the old choice");
}

#[test]
fn evidence_with_a_bad_number_is_refused_and_a_good_one_saved() {
    let (_d, mut app) = unit_app("qlkh");
    let id = unscored_manual(&app);
    select(&mut app, &id);
    ch(&mut app, 'a');
    typ(&mut app, "BC 12 SKH&CN");
    key(&mut app, KeyCode::Enter);
    match &app.work.as_ref().unwrap().edit {
        Some(Edit::Evidence(f)) => assert!(f.error.as_ref().is_some_and(|e| e.0 == 0 && e.1.contains("thể thức")), "{:?}", f.error),
        _ => panic!("the form stays open"),
    }
    // Fix it: clear the field, type a proper number, a day-first date, a title, a file.
    for _ in 0..20 {
        key(&mut app, KeyCode::Backspace);
    }
    typ(&mut app, "12/BC-QLKH");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "31/02/2020");
    key(&mut app, KeyCode::Enter);
    match &app.work.as_ref().unwrap().edit {
        Some(Edit::Evidence(f)) => assert_eq!(f.error.as_ref().map(|e| e.0), Some(1)),
        _ => panic!("a bad date is refused"),
    }
    for _ in 0..12 {
        key(&mut app, KeyCode::Backspace);
    }
    typ(&mut app, "5/3/2020");
    key(&mut app, KeyCode::Tab);
    app.update(Action::Paste("Báo cáo quý I\n".into()));
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "vp/kh-44.pdf");
    key(&mut app, KeyCode::Enter);
    assert!(app.work.as_ref().unwrap().edit.is_none());
    let w = app.work.as_ref().unwrap();
    let ev = &w.sub.answer(w.sel).unwrap().evidence[0];
    assert_eq!(ev.reference, "12/BC-QLKH");
    assert_eq!(ev.date.unwrap().to_string(), "05/03/2020");
    assert_eq!(ev.title, "Báo cáo quý I");
    assert_eq!(w.files.get("vp/kh-44.pdf").copied().flatten(), Some(48));
    ctrl(&mut app, 's');
    assert!(submission(&app, "qlkh").contains(r#"{ ref = "12/BC-QLKH", date = 2020-03-05, title = "Báo cáo quý I", file = "vp/kh-44.pdf" }"#));
}

#[test]
fn explanation_is_typed_in_a_text_area() {
    let (_d, mut app) = unit_app("qlkh");
    let id = unscored_manual(&app);
    select(&mut app, &id);
    ch(&mut app, 'e');
    typ(&mut app, "Dòng một");
    key(&mut app, KeyCode::Enter);
    app.update(Action::Paste("dòng hai".into()));
    key(&mut app, KeyCode::Esc);
    let w = app.work.as_ref().unwrap();
    assert_eq!(w.sub.answer(w.sel).unwrap().note, "Dòng một\ndòng hai");
    assert!(app.dirty());
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let (_d, mut app) = unit_app("qlkh");
    ch(&mut app, 'q');
    assert!(app.should_quit, "nothing to save: quits at once");

    let (_d, mut app) = unit_app("qlkh");
    let id = unscored_manual(&app);
    select(&mut app, &id);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "1");
    key(&mut app, KeyCode::Enter);
    ch(&mut app, 'q');
    assert!(!app.should_quit);
    assert!(matches!(app.overlay, Some(Overlay::Dialog(Dialog::Quit))));
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none() && !app.should_quit && app.dirty());
    ch(&mut app, 'q');
    key(&mut app, KeyCode::Enter);
    assert!(app.should_quit);
    assert!(submission(&app, "qlkh").contains(&format!("[answers.\"{id}\"]\npoints = 1")));

    // "n" quits without saving.
    let (_d, mut app) = unit_app("qlkh");
    select(&mut app, &id);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "1");
    key(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'c');
    ch(&mut app, 'n');
    assert!(app.should_quit);
    assert!(!submission(&app, "qlkh").contains(&format!("[answers.\"{id}\"]")));
}

#[test]
fn autosave_after_a_pause() {
    let (_d, mut app) = unit_app("qlkh");
    let id = unscored_manual(&app);
    select(&mut app, &id);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "1");
    key(&mut app, KeyCode::Enter);
    app.tick(Instant::now());
    assert!(app.dirty(), "not yet");
    assert!(app.next_deadline(Instant::now()).is_some());
    app.tick(Instant::now() + Duration::from_secs(4));
    assert!(!app.dirty());
    assert!(submission(&app, "qlkh").contains(&format!("[answers.\"{id}\"]")));
}

#[test]
fn submit_asks_then_sets_the_status_and_locks() {
    let (_d, mut app) = unit_app("qlkh");
    ch(&mut app, 'N');
    match &app.overlay {
        Some(Overlay::Dialog(Dialog::Move { summary: s, .. })) => assert!(s.unscored > 0),
        _ => panic!("a confirmation first"),
    }
    key(&mut app, KeyCode::Esc);
    assert!(submission(&app, "qlkh").contains("status = \"draft\""));
    // Criteria are left: Enter means "no".
    ch(&mut app, 'N');
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    assert!(submission(&app, "qlkh").contains("status = \"draft\""));
    ch(&mut app, 'N');
    ch(&mut app, 'c');
    let text = submission(&app, "qlkh");
    assert!(text.contains("status = \"submitted\""), "{text}");
    assert!(text.contains("submitted_at = "));
    // Read only now.
    let id = unscored_manual(&app);
    select(&mut app, &id);
    key(&mut app, KeyCode::Enter);
    assert!(app.work.as_ref().unwrap().edit.is_none());
    assert!(app.status.as_ref().unwrap().1);
}

#[test]
fn appraisal_accept_adjust_comment_write_the_appraisal_file() {
    let (_d, mut app) = office_app();
    let unit = app.ws().unit_index("ttra").unwrap();
    let row = app.office.as_ref().unwrap().order.iter().position(|&u| u == unit).unwrap();
    app.office.as_mut().unwrap().sel = row;
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Appraisal);
    assert!(appraisal(&app, "ttra").is_empty());
    let sc = app.ws().scorecard.clone();
    let w = app.work.as_ref().unwrap();
    let leaves: Vec<usize> = sc
        .leaves()
        .filter(|&i| matches!(w.sub.input(i), Some(Input::Points(_))) && sc.nodes[i].rule.as_ref().is_some_and(|r| r.name() == "manual"))
        .take(2)
        .collect();
    let (a, b) = (leaves[0], leaves[1]);
    // Accept.
    select(&mut app, &sc.nodes[a].id);
    ch(&mut app, 'a');
    let unit_input = app.work.as_ref().unwrap().sub.input(a).cloned();
    assert_eq!(app.work.as_ref().unwrap().appr.input(a).cloned(), unit_input);
    // Adjust and comment.
    select(&mut app, &sc.nodes[b].id);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "0");
    key(&mut app, KeyCode::Enter);
    ch(&mut app, 'c');
    typ(&mut app, "Thiếu tài liệu");
    key(&mut app, KeyCode::Esc);
    ctrl(&mut app, 's');
    let text = appraisal(&app, "ttra");
    assert!(text.contains(&format!("[answers.\"{}\"]", sc.nodes[a].id)), "{text}");
    assert!(text.contains(&format!("[answers.\"{}\"]\npoints = 0\ncomment = \"Thiếu tài liệu\"", sc.nodes[b].id)), "{text}");
    // The dashboard follows.
    let r = &app.office.as_ref().unwrap().results.units[unit];
    assert_eq!(r.appraised, 2);
    // Accept all remaining (asked first), then mark appraised.
    ch(&mut app, 'A');
    assert!(matches!(app.overlay, Some(Overlay::Dialog(Dialog::AcceptAll(n))) if n > 0));
    key(&mut app, KeyCode::Enter);
    assert!(app.status.as_ref().unwrap().0.contains("Đã chấp nhận"));
    ch(&mut app, 'D');
    assert!(matches!(app.overlay, Some(Overlay::Dialog(Dialog::Move { mv: Move::MarkAppraised, .. }))));
    key(&mut app, KeyCode::Enter);
    assert!(submission(&app, "ttra").contains("status = \"appraised\""));
    assert!(!app.dirty(), "the appraisal was saved with the status");
    assert_eq!(app.office.as_ref().unwrap().results.units[unit].status, Some(Status::Appraised));
    // Back to the dashboard.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Office);
}

#[test]
fn returning_a_unit() {
    let (_d, mut app) = office_app();
    let unit = app.ws().unit_index("ttud").unwrap();
    app.open_appraisal(unit);
    ch(&mut app, 'T');
    key(&mut app, KeyCode::Enter);
    assert!(submission(&app, "ttud").contains("status = \"returned\""));
    // A unit with no submission cannot be returned.
    let missing = app.ws().unit_index("tttk").unwrap();
    key(&mut app, KeyCode::Esc);
    app.open_appraisal(missing);
    ch(&mut app, 'T');
    assert!(app.overlay.is_none());
    assert!(app.status.as_ref().unwrap().1);
}

#[test]
fn office_sorting_and_ranking_views() {
    let (_d, mut app) = office_app();
    let o = app.office.as_ref().unwrap();
    let first = o.order[0];
    assert_eq!(o.ranks[first], 1);
    ch(&mut app, 's');
    assert_eq!(app.office.as_ref().unwrap().sort, parindex::tui::state::SortCol::Name);
    ch(&mut app, 'S');
    assert!(app.office.as_ref().unwrap().desc);
    ch(&mut app, 'r');
    assert_eq!(app.screen, Screen::Ranking);
    ch(&mut app, 'g');
    assert!(app.office.as_ref().unwrap().by_group);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, Screen::Office);
}

#[test]
fn export_dialog_calls_the_exporter_and_shows_its_error() {
    let (_d, mut app) = office_app();
    // A relative name goes to the folder the dashboard was started in, never into the round
    // (issue 18: nobody may write there but the program).
    let started_in = tempfile::tempdir().unwrap();
    app.session.out_dir = started_in.path().to_path_buf();
    ch(&mut app, 'r');
    ch(&mut app, 'e');
    key(&mut app, KeyCode::Right); // csv
    match &app.overlay {
        Some(Overlay::Dialog(Dialog::Export(d))) => assert_eq!(d.name.text, "xep-hang-cchc.csv"),
        _ => panic!("the export dialog"),
    }
    key(&mut app, KeyCode::Enter);
    let path = started_in.path().join("xep-hang-cchc.csv");
    assert!(app.overlay.is_none(), "the dialog closes on success");
    assert!(!app.ws().dir.join("xep-hang-cchc.csv").exists(), "the export went into the round");
    let text = std::fs::read_to_string(&path).expect("exported");
    assert!(text.starts_with('\u{feff}'), "CSV for Excel starts with a BOM");
    // In Vietnamese, the default is Vietnamese Excel's: decimal comma, `;` between fields.
    assert!(text.contains(";92,69;"), "{text}");
    // `,` switches to a decimal point (and `,` between fields). The dialog starts from the
    // last format; the file exists, so the first Enter asks and the second overwrites.
    ch(&mut app, 'e');
    match &app.overlay {
        Some(Overlay::Dialog(Dialog::Export(d))) => assert_eq!(d.name.text, "xep-hang-cchc.csv"),
        _ => panic!("the export dialog"),
    }
    ch(&mut app, ',');
    key(&mut app, KeyCode::Enter);
    assert!(matches!(&app.overlay, Some(Overlay::Dialog(Dialog::Export(d))) if d.overwrite), "asked before overwriting");
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    let text = std::fs::read_to_string(&path).expect("exported");
    assert!(text.contains(",92.69,"), "{text}");
}

#[test]
fn who_opens_what_without_flags() {
    let (_d, mut ws) = demo();
    ws.single_user = false;
    let id = |ws: &Workspace, u: &str| parindex::core::roles::Identity::of(ws, u);
    assert_eq!(choose(&ws, &id(&ws, "dung")), Ok(Launch::Unit("qlkh".into())));
    assert_eq!(choose(&ws, &id(&ws, "tuoc")), Ok(Launch::Office));
    let err = choose(&ws, &id(&ws, "nobody")).unwrap_err();
    assert!(err.contains("`nobody`") && err.contains("single_user"), "{err}");
    // In a single-user round (the demo), whoever runs it is the Office.
    ws.single_user = true;
    assert_eq!(choose(&ws, &id(&ws, "nobody")), Ok(Launch::Office));
}

#[test]
fn a_unit_head_cannot_open_another_unit_and_the_office_only_reads_units() {
    let (_d, mut ws) = demo();
    ws.single_user = false;
    let me = parindex::core::roles::current_user();
    ws.units[0].heads = vec![me.clone()];
    let other = ws.units[1].id.clone();
    let err = App::for_unit(ws.clone(), &other, Lang::Vi, Theme::PLAIN).err().expect("refused");
    assert!(err.contains("không phải lãnh đạo đơn vị"), "{err}");
    let err = App::for_office(ws.clone(), Lang::Vi, Theme::PLAIN).err().expect("refused");
    assert!(err.contains("không thuộc Văn phòng Sở"), "{err}");
    let err = App::for_office(ws.clone(), Lang::En, Theme::PLAIN).err().expect("refused");
    assert!(err.contains("is not in the Office"), "{err}");
    // The Office may read a unit's self-assessment, not change it.
    ws.units[0].heads.clear();
    ws.office_users = vec![me];
    let app = App::for_unit(ws, "qlkh", Lang::Vi, Theme::PLAIN).unwrap();
    assert!(!app.editable());
    assert!(app.readonly_reason().contains("chỉ xem"), "{}", app.readonly_reason());
}

#[test]
fn english_uses_the_decimal_point() {
    let (_d, ws) = demo();
    let app = App::for_unit(ws, "vp", Lang::En, Theme::PLAIN).unwrap();
    let text = draw(&app, 100, 30);
    assert!(text.contains("Index ") && text.contains('.') && !text.contains("Chỉ số"), "{text}");
}

#[test]
fn no_color_means_no_color_but_the_selection_shows() {
    let (_d, app) = office_app();
    let mut term = ratatui::Terminal::new(TestBackend::new(100, 30)).unwrap();
    term.draw(|f| parindex::tui::view::render(&app, f)).unwrap();
    let buf = term.backend().buffer();
    assert!(buf.content.iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset));
    assert!(buf.content.iter().any(|c| c.modifier.contains(Modifier::REVERSED)));
}

#[test]
fn the_terminal_cursor_sits_in_the_field_being_typed() {
    let (_d, mut app) = unit_app("qlkh");
    let id = unscored_manual(&app);
    select(&mut app, &id);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "0,5");
    let mut term = ratatui::Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| parindex::tui::view::render(&app, f)).unwrap();
    let pos = term.get_cursor_position().unwrap();
    let buf = term.backend().buffer();
    // The cell left of the cursor holds the last character typed.
    assert_eq!(buf[(pos.x - 1, pos.y)].symbol(), "5");
}

#[test]
fn ctrl_s_while_typing_keeps_and_saves() {
    let (_d, mut app) = unit_app("qlkh");
    let id = unscored_manual(&app);
    select(&mut app, &id);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "1");
    ctrl(&mut app, 's');
    assert!(app.work.as_ref().unwrap().edit.is_none());
    assert!(!app.dirty());
    assert!(submission(&app, "qlkh").contains(&format!("[answers.\"{id}\"]\npoints = 1")));
}

#[test]
fn a_submitted_unit_opens_read_only_and_says_so() {
    let (_d, mut app) = unit_app("ttra");
    assert!(app.status.as_ref().is_some_and(|s| s.0.contains("chỉ xem")));
    let id = leaf_with_rule(&app, "manual");
    select(&mut app, &id);
    key(&mut app, KeyCode::Delete);
    assert!(!app.dirty());
}

#[test]
fn mouse_clicks_select_and_the_wheel_scrolls() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let (_d, mut app) = unit_app("qlkh");
    draw(&app, 120, 40); // the view records where the tree is
    let tree = app.hits.tree.get();
    let click = |col, row| {
        Action::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: col,
            row,
            modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
        })
    };
    app.update(click(tree.x + 5, tree.y + 3));
    let w = app.work.as_ref().unwrap();
    assert_eq!(w.sel, w.visible[3]);
    let detail = app.hits.detail.get();
    app.update(click(detail.x + 2, detail.y + 2));
    assert_eq!(app.work.as_ref().unwrap().pane, Pane::Detail);
    app.update(Action::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: tree.x + 2,
        row: tree.y + 2,
        modifiers: ratatui::crossterm::event::KeyModifiers::NONE,
    }));
    let w = app.work.as_ref().unwrap();
    assert_eq!(w.pane, Pane::Tree);
    assert_eq!(w.sel, w.visible[6]);
    // The Office: a click selects a unit, a second click on it opens its appraisal.
    let (_d, mut app) = office_app();
    draw(&app, 100, 30);
    let table = app.hits.table.get();
    app.update(click(table.x + 8, table.y + 2));
    assert_eq!(app.office.as_ref().unwrap().sel, 2);
    app.update(click(table.x + 8, table.y + 2));
    assert_eq!(app.screen, Screen::Appraisal);
}

#[test]
fn a_second_editor_gets_a_read_only_view_saying_who_and_since_when() {
    let (dir, first) = unit_app("qlkh");
    assert!(first.editable());
    let ws = Workspace::load(&first.ws().dir).unwrap();
    let mut second = App::for_unit(ws, "qlkh", Lang::Vi, Theme::PLAIN).unwrap();
    assert!(!second.editable());
    let why = second.readonly_reason();
    let me = parindex::core::roles::current_user();
    assert!(why.contains(&format!("{me} đang chỉnh sửa từ")), "{why}");
    assert_eq!(second.status.as_ref().map(|s| s.0.clone()), Some(why));
    // Typing is refused, nothing is written.
    let before = submission(&second, "qlkh");
    let id = unscored_manual(&second);
    select(&mut second, &id);
    key(&mut second, KeyCode::Enter);
    assert!(second.work.as_ref().unwrap().edit.is_none());
    ctrl(&mut second, 's');
    assert_eq!(submission(&second, "qlkh"), before);
    // When the first quits, the next one edits.
    drop(first);
    drop(second);
    let ws = Workspace::load(dir.path()).unwrap();
    assert!(App::for_unit(ws, "qlkh", Lang::Vi, Theme::PLAIN).unwrap().editable());
}

#[test]
fn unsaved_changes_of_a_crashed_session_are_offered_back() {
    let (dir, mut app) = unit_app("qlkh");
    let id = unscored_manual(&app);
    select(&mut app, &id);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "1");
    key(&mut app, KeyCode::Enter);
    // A tick before the autosave is due writes the journal, not the file.
    app.tick(Instant::now());
    assert!(app.dirty());
    assert!(!submission(&app, "qlkh").contains(&format!("[answers.\"{id}\"]")));
    // The session ends without saving (a crash: nothing but the lock is released, as the OS
    // releases a dead process's lock).
    let journal = parindex::core::recover::path(dir.path(), "qlkh", SheetKind::Submission);
    assert!(journal.exists());
    drop(app);
    let ws = Workspace::load(dir.path()).unwrap();
    let mut again = App::for_unit(ws, "qlkh", Lang::Vi, Theme::PLAIN).unwrap();
    assert!(matches!(again.overlay, Some(Overlay::Dialog(Dialog::Recover(_)))), "the recovery is offered");
    key(&mut again, KeyCode::Enter);
    let node = again.ws().scorecard.node_index(&id).unwrap();
    assert_eq!(again.work.as_ref().unwrap().sub.input(node), Some(&Input::Points(d("1"))));
    assert!(again.dirty());
    ctrl(&mut again, 's');
    assert!(submission(&again, "qlkh").contains(&format!("[answers.\"{id}\"]\npoints = 1")));
    assert!(!journal.exists(), "a clean save removes the journal");
    // Declining drops it.
    let ws = Workspace::load(dir.path()).unwrap();
    drop(again);
    parindex::core::recover::write(
        &ws,
        &{
            let mut s = ws.load_sheet("qlkh", SheetKind::Submission).unwrap().unwrap();
            s.answers.clear();
            s
        },
        SheetKind::Submission,
    )
    .unwrap();
    let mut third = App::for_unit(ws, "qlkh", Lang::Vi, Theme::PLAIN).unwrap();
    assert!(matches!(third.overlay, Some(Overlay::Dialog(Dialog::Recover(_)))));
    key(&mut third, KeyCode::Esc);
    assert!(!journal.exists());
    assert!(!third.dirty());
}

#[test]
fn submitting_from_the_dashboard_seals_and_logs() {
    let (dir, mut app) = unit_app("qlkh");
    ch(&mut app, 'N');
    ch(&mut app, 'c');
    let text = submission(&app, "qlkh");
    assert!(text.contains("seal = \"sha256:"), "{text}");
    let ws = Workspace::load(dir.path()).unwrap();
    let sheet = ws.load_sheet("qlkh", SheetKind::Submission).unwrap().unwrap();
    assert_eq!(parindex::core::seal::verify(&sheet, &ws.scorecard), Some(true));
    let (log, _) = parindex::core::audit::read(dir.path(), "qlkh").unwrap();
    assert_eq!(log.iter().map(|e| e.action.as_str()).filter(|a| *a != "demo").collect::<Vec<_>>(), ["submit", "seal"]);
}

#[test]
fn the_office_finalises_and_reopens_from_the_appraisal() {
    let (_d, mut app) = office_app();
    let unit = app.ws().unit_index("vp").unwrap();
    app.open_appraisal(unit);
    assert!(app.editable());
    ch(&mut app, 'F');
    assert!(matches!(app.overlay, Some(Overlay::Dialog(Dialog::Move { mv: Move::Finalise, .. }))));
    key(&mut app, KeyCode::Enter);
    assert!(submission(&app, "vp").contains("status = \"final\""));
    assert!(!app.editable(), "final is read-only");
    // Finalising again is refused by the workflow, in Vietnamese.
    ch(&mut app, 'F');
    key(&mut app, KeyCode::Enter);
    let (msg, is_err) = app.status.clone().unwrap();
    assert!(is_err && msg.contains("Không thực hiện được khi đơn vị ở trạng thái “Chính thức”"), "{msg}");
    ch(&mut app, 'O');
    key(&mut app, KeyCode::Enter);
    let text = submission(&app, "vp");
    assert!(text.contains("status = \"draft\"") && text.contains("reopened = true"), "{text}");
    assert_eq!(app.office.as_ref().unwrap().results.units[unit].status, Some(Status::Draft));
}

#[test]
fn the_bar_offers_only_the_moves_the_units_status_allows() {
    use parindex::tui::Action;
    let (_d, app) = office_app();
    let mut app = app;
    let offered = |app: &parindex::tui::App| -> Vec<&'static str> {
        [(Action::ReturnUnit, "T"), (Action::MarkAppraised, "D"), (Action::Finalise, "F"), (Action::Reopen, "O")]
            .into_iter()
            .filter(|(a, _)| app.offers(a))
            .map(|(_, k)| k)
            .collect()
    };
    // vp is appraised: return, make final or reopen; not mark appraised again.
    app.open_appraisal(app.ws().unit_index("vp").unwrap());
    assert_eq!(offered(&app), ["T", "F", "O"]);
    // qlcn is final: only reopen.
    app.open_appraisal(app.ws().unit_index("qlcn").unwrap());
    assert_eq!(offered(&app), ["O"]);
    let screen = draw(&app, 160, 48);
    let bar = screen.lines().last().unwrap();
    assert!(!bar.contains("Trả lại đơn vị") && !bar.contains("Xong thẩm định"), "{bar}");
}

/// A leaf the scorecard lets be "not applicable", which the unit has neither marked nor
/// explained.
fn na_leaf(app: &App) -> String {
    let sc = &app.ws().scorecard;
    let w = app.work.as_ref().unwrap();
    sc.leaves()
        .find(|&i| sc.nodes[i].na.is_some() && w.sub.input(i) != Some(&Input::Na(true)) && w.sub.answer(i).is_none_or(|a| a.note.is_empty()))
        .map(|i| sc.nodes[i].id.clone())
        .expect("a not-applicable leaf")
}

#[test]
fn the_unit_marks_not_applicable_with_its_reason_and_takes_it_off() {
    let (dir, mut app) = unit_app("qlkh");
    // Not on a leaf the scorecard does not allow.
    let sc = app.ws().scorecard.clone();
    let plain = sc.leaves().find(|&i| sc.nodes[i].na.is_none() && sc.nodes[i].rule.as_ref().is_some_and(|r| r.name() == "manual")).unwrap();
    select(&mut app, &sc.nodes[plain].id);
    assert!(!app.offers(&Action::NotApplicable), "the bar does not offer K there");
    ch(&mut app, 'K');
    assert!(app.work.as_ref().unwrap().edit.is_none());
    assert_eq!(app.status.as_ref().unwrap(), &("Tiêu chí này không được chọn “không áp dụng”".to_owned(), true));
    // Without a reason, nothing is marked.
    let id = na_leaf(&app);
    select(&mut app, &id);
    assert!(app.offers(&Action::NotApplicable));
    let before = sel_input(&app);
    ch(&mut app, 'K');
    assert!(matches!(app.work.as_ref().unwrap().edit, Some(Edit::Note { na: Some(true), .. })));
    // The label says which mark it is: a duty that did not arise, or one that does not apply.
    let full = app.sc().nodes[app.work.as_ref().unwrap().sel].na == Some(parindex::core::scorecard::Na::Full);
    let label = if full { "Vì sao không phát sinh (bắt buộc)" } else { "Lý do không áp dụng (bắt buộc)" };
    assert!(draw(&app, 120, 40).contains(label));
    key(&mut app, KeyCode::Esc);
    assert_eq!(sel_input(&app), before);
    assert!(app.status.as_ref().unwrap().0.contains("Cần ghi lý do"), "{:?}", app.status);
    // With it, the input and the explanation are one change, saved as the file's `na = true`.
    ch(&mut app, 'K');
    typ(&mut app, "Phòng không có thủ tục hành chính");
    key(&mut app, KeyCode::Esc);
    assert_eq!(sel_input(&app), Some(Input::Na(true)));
    ctrl(&mut app, 's');
    let text = submission(&app, "qlkh");
    assert!(text.contains(&format!("[answers.\"{id}\"]\nna = true\nnote = \"Phòng không có thủ tục hành chính\"")), "{text}");
    Workspace::load(dir.path()).unwrap().load_sheet("qlkh", SheetKind::Submission).expect("the saved sheet loads");
    // One undo takes both back; K again takes the mark off (the reason stays as an explanation).
    ch(&mut app, 'u');
    assert_eq!(sel_input(&app), before);
    app.update(Action::Redo);
    assert_eq!(sel_input(&app), Some(Input::Na(true)));
    ch(&mut app, 'K');
    assert_eq!(sel_input(&app), None);
    assert!(app.work.as_ref().unwrap().edit.is_none());
    let w = app.work.as_ref().unwrap();
    assert_eq!(w.sub.answer(w.sel).unwrap().note, "Phòng không có thủ tục hành chính");
}

#[test]
fn the_office_refuses_a_units_not_applicable_with_a_reason() {
    let (dir, mut app) = unit_app("qlkh");
    let id = na_leaf(&app);
    select(&mut app, &id);
    ch(&mut app, 'K');
    typ(&mut app, "Không phát sinh");
    key(&mut app, KeyCode::Esc);
    ch(&mut app, 'N');
    ch(&mut app, 'c');
    assert!(submission(&app, "qlkh").contains("status = \"submitted\""));
    drop(app);
    let ws = Workspace::load(dir.path()).unwrap();
    let mut app = App::for_office(ws, Lang::Vi, Theme::PLAIN).unwrap();
    let unit = app.ws().unit_index("qlkh").unwrap();
    let row = app.office.as_ref().unwrap().order.iter().position(|&u| u == unit).unwrap();
    app.office.as_mut().unwrap().sel = row;
    key(&mut app, KeyCode::Enter);
    select(&mut app, &id);
    ch(&mut app, 'K');
    assert!(matches!(app.work.as_ref().unwrap().edit, Some(Edit::Note { na: Some(false), .. })));
    typ(&mut app, "Đơn vị có tiếp nhận hồ sơ trong năm");
    key(&mut app, KeyCode::Esc);
    let w = app.work.as_ref().unwrap();
    assert_eq!(w.appr.input(w.sel), Some(&Input::Na(false)));
    ctrl(&mut app, 's');
    let text = appraisal(&app, "qlkh");
    assert!(text.contains(&format!("[answers.\"{id}\"]\nna = false\ncomment = \"Đơn vị có tiếp nhận hồ sơ trong năm\"")), "{text}");
    // K again takes the Office's word back: the unit's mark counts again.
    ch(&mut app, 'K');
    let w = app.work.as_ref().unwrap();
    assert_eq!(w.appr.input(w.sel), None);
}

#[test]
fn a_number_with_stray_spaces_is_put_right_in_the_form_then_kept() {
    let (_d, mut app) = unit_app("qlkh");
    let id = unscored_manual(&app);
    select(&mut app, &id);
    ch(&mut app, 'a');
    typ(&mut app, "311 /KH-SKH&CN");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "25/3/2020");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "Kế hoạch tuyên truyền CCHC năm 2020");
    key(&mut app, KeyCode::Enter);
    match &app.work.as_ref().unwrap().edit {
        Some(Edit::Evidence(f)) => {
            assert_eq!(f.fields[0].text, "311/KH-SKH&CN");
            assert_eq!(f.focus, 0);
        }
        _ => panic!("the form stays open with the number put right"),
    }
    assert!(app.status.as_ref().unwrap().0.contains("đã sửa thành 311/KH-SKH&CN"), "{:?}", app.status);
    key(&mut app, KeyCode::Enter);
    assert!(app.work.as_ref().unwrap().edit.is_none());
    let w = app.work.as_ref().unwrap();
    assert_eq!(w.sub.answer(w.sel).unwrap().evidence[0].reference, "311/KH-SKH&CN");
}

/// Puts the focus on a field of the selected criterion's detail.
fn focus_field(app: &mut App, f: parindex::tui::state::Field) {
    let pos = app.fields().iter().position(|&x| x == f).expect("the field is offered");
    app.work.as_mut().unwrap().field = pos;
}

#[test]
fn the_unit_lists_news_items_in_the_dashboard_and_the_count_follows() {
    use parindex::tui::state::Field;
    let (dir, mut app) = unit_app("qlkh");
    select(&mut app, "1.5.3");
    let n = app.work.as_ref().unwrap().sub.news.len();
    focus_field(&mut app, Field::AddNews);
    key(&mut app, KeyCode::Enter);
    assert!(
        matches!(&app.work.as_ref().unwrap().edit, Some(Edit::Evidence(f)) if f.news && f.fields[3].text == "Phòng Quản lý Công nghệ và Chuyên ngành")
    );
    assert!(draw(&app, 100, 30).contains("Thêm tin, bài vào sổ"));
    // A link that is not a web address is refused at its field.
    typ(&mut app, "Hội nghị triển khai Chính phủ điện tử");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "12/10/2020");
    key(&mut app, KeyCode::Tab);
    // Neither a link nor a file: refused at that field, as `news add` refuses it.
    key(&mut app, KeyCode::Enter);
    match &app.work.as_ref().unwrap().edit {
        Some(Edit::Evidence(f)) => assert_eq!(f.error.as_ref().map(|e| e.0), Some(2), "{:?}", f.error),
        _ => panic!("the form stays open without a link or file"),
    }
    typ(&mut app, "https://");
    key(&mut app, KeyCode::Enter);
    match &app.work.as_ref().unwrap().edit {
        Some(Edit::Evidence(f)) => assert_eq!(f.error.as_ref().map(|e| e.0), Some(2), "{:?}", f.error),
        _ => panic!("the form stays open on a bad link"),
    }
    typ(&mut app, "sokhcn.tiengiang.gov.vn/tin-tuc/hoi-nghi");
    key(&mut app, KeyCode::Enter);
    let w = app.work.as_ref().unwrap();
    assert!(w.edit.is_none());
    assert_eq!(w.sub.news.len(), n + 1);
    assert_eq!(w.sub.news[n].link.as_deref(), Some("https://sokhcn.tiengiang.gov.vn/tin-tuc/hoi-nghi"));
    assert_eq!(sel_input(&app), Some(Input::Value(Decimal::from(n as u32 + 1))));
    assert_eq!(app.field(), Some(Field::News(n)), "the new item is selected");
    ctrl(&mut app, 's');
    let text = submission(&app, "qlkh");
    assert!(text.contains("Hội nghị triển khai Chính phủ điện tử"), "{text}");
    Workspace::load(dir.path()).unwrap().load_sheet("qlkh", SheetKind::Submission).expect("the saved sheet loads");
    // One undo takes the item and the count back; redo brings both.
    ch(&mut app, 'u');
    assert_eq!(app.work.as_ref().unwrap().sub.news.len(), n);
    app.update(Action::Redo);
    assert_eq!(app.work.as_ref().unwrap().sub.news.len(), n + 1);
    // Editing keeps the place; Del removes the item.
    focus_field(&mut app, Field::News(n));
    key(&mut app, KeyCode::Enter);
    assert!(matches!(&app.work.as_ref().unwrap().edit, Some(Edit::Evidence(f)) if f.news && f.index == Some(n)));
    key(&mut app, KeyCode::Esc);
    focus_field(&mut app, Field::News(n));
    key(&mut app, KeyCode::Delete);
    assert_eq!(app.work.as_ref().unwrap().sub.news.len(), n);
    let expect = if n == 0 { None } else { Some(Input::Value(Decimal::from(n as u32))) };
    assert_eq!(sel_input(&app), expect);
}

/// Issue 18: the news form refuses an item that repeats one listed (spaces, case and Unicode
/// form aside), at the title, naming the item; the item being edited is not its own copy.
#[test]
fn the_news_form_refuses_a_copy_of_a_listed_item() {
    use parindex::tui::state::Field;
    let (_dir, mut app) = unit_app("qlkh");
    select(&mut app, "1.5.3");
    let n = app.work.as_ref().unwrap().sub.news.len();
    let fill = |app: &mut App, title: &str| {
        focus_field(app, Field::AddNews);
        key(app, KeyCode::Enter);
        typ(app, title);
        key(app, KeyCode::Tab);
        typ(app, "12/10/2020");
        key(app, KeyCode::Tab);
        typ(app, "https://sokhcn.tiengiang.gov.vn/tin-tuc/hoi-nghi");
        key(app, KeyCode::Enter);
    };
    fill(&mut app, "Hội nghị triển khai Chính phủ điện tử");
    assert_eq!(app.work.as_ref().unwrap().sub.news.len(), n + 1);
    fill(&mut app, "  HỘI NGHỊ  triển khai Chính phủ   điện tử");
    match &app.work.as_ref().unwrap().edit {
        Some(Edit::Evidence(f)) => {
            let (at, msg) = f.error.clone().expect("refused");
            assert_eq!(at, 0);
            assert!(msg.contains(&format!("trùng với mục {}", n + 1)), "{msg}");
        }
        _ => panic!("a copy of a listed item is refused"),
    }
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.work.as_ref().unwrap().sub.news.len(), n + 1);
    // The item itself, opened and kept: no copy of itself.
    focus_field(&mut app, Field::News(n));
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert!(app.work.as_ref().unwrap().edit.is_none(), "an item edited is not its own copy");
}

/// Issue 17, bug 3 on the round's folder: the Office comments, asks to return the unit, the
/// autosave fires while the dialog is open, and the return goes through with its reason.
#[test]
fn autosave_under_the_return_dialog_does_not_make_it_stale_on_disk() {
    let (_d, mut app) = office_app();
    let unit = app.ws().unit_index("ttra").unwrap();
    app.open_appraisal(unit);
    let sc = app.ws().scorecard.clone();
    let leaf = sc.leaves().find(|&i| app.work.as_ref().unwrap().sub.input(i).is_some()).unwrap();
    select(&mut app, &sc.nodes[leaf].id);
    ch(&mut app, 'c');
    typ(&mut app, "Thieu");
    key(&mut app, KeyCode::Esc);
    assert!(app.dirty());
    ch(&mut app, 'T');
    app.tick(Instant::now() + Duration::from_secs(4));
    assert!(!app.dirty(), "autosaved");
    assert!(appraisal(&app, "ttra").contains("Thieu"));
    typ(&mut app, "Bo sung");
    key(&mut app, KeyCode::Enter);
    assert!(submission(&app, "ttra").contains("status = \"returned\""), "{:?}", app.status);
    assert_eq!(app.ws().return_reason(unit).as_deref(), Some("Bo sung"));
}

/// Issue 17, bug 4: an open option list is not an answer. Nothing counts while it is open,
/// and a hang-up with it open saves nothing; Enter on an option picks it.
#[test]
fn an_open_option_list_is_not_an_answer() {
    let (_d, mut app) = unit_app("qlkh");
    let id = leaf_with_rule(&app, "choice");
    select(&mut app, &id);
    let node = app.ws().scorecard.node_index(&id).unwrap();
    let before = sel_input(&app);
    let file_before = submission(&app, "qlkh");
    let (own, unscored) = (app.work.as_ref().unwrap().own.index, app.work.as_ref().unwrap().unscored);
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.work.as_ref().unwrap().edit, Some(Edit::Choice { .. })));
    key(&mut app, KeyCode::Down);
    let w = app.work.as_ref().unwrap();
    assert_eq!((w.own.index, w.unscored), (own, unscored), "the highlighted option is not counted");
    assert!(!app.dirty());
    // The terminal goes away with the list open.
    app.save_on_exit();
    assert_eq!(sel_input(&app), before);
    assert!(!app.dirty());
    assert_eq!(submission(&app, "qlkh"), file_before, "nothing saved");
    // Enter on an option is an answer.
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert!(matches!(app.work.as_ref().unwrap().sub.input(node), Some(Input::Choice(_))));
    assert!(app.dirty());
}

/// Issue 17, bug 6: in every screen and state the key table knows, each key the bar offers is
/// accepted when pressed (no refusal), and at 80×24 the moves of the state stay on the bar.
#[test]
fn every_key_the_bar_offers_is_accepted_and_moves_stay_at_80x24() {
    use parindex::tui::keymap::{self, KEYMAP};
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    type Build = fn() -> (tempfile::TempDir, App);
    fn unit_tree(id: &'static str) -> (tempfile::TempDir, App) {
        let (d, mut app) = unit_app(id);
        app.work.as_mut().unwrap().pane = Pane::Tree;
        (d, app)
    }
    fn appraisal_of(id: &str) -> (tempfile::TempDir, App) {
        let (d, mut app) = office_app();
        let u = app.ws().unit_index(id).unwrap();
        app.open_appraisal(u);
        (d, app)
    }
    let states: Vec<(&str, Build)> = vec![
        ("unit draft, tree", || unit_tree("qlkh")),
        ("unit draft, leaf", || {
            let (d, mut app) = unit_app("qlkh");
            let id = unscored_manual(&app);
            select(&mut app, &id);
            (d, app)
        }),
        ("unit draft, search", || {
            let (d, mut app) = unit_app("qlkh");
            ch(&mut app, '/');
            typ(&mut app, "1.3");
            key(&mut app, KeyCode::Enter);
            (d, app)
        }),
        ("unit returned", || unit_tree("ccdl")),
        ("unit submitted (read-only), leaf", || {
            let (d, mut app) = unit_app("ttra");
            let id = leaf_with_rule(&app, "manual");
            select(&mut app, &id);
            (d, app)
        }),
        ("unit appraised", || unit_tree("khtc")),
        ("unit final", || unit_tree("qlcn")),
        ("office", office_app),
        ("ranking", || {
            let (d, mut app) = office_app();
            ch(&mut app, 'r');
            (d, app)
        }),
        ("appraisal submitted", || appraisal_of("ttra")),
        ("appraisal appraised", || appraisal_of("khtc")),
        ("appraisal final, leaf", || {
            let (d, mut app) = appraisal_of("qlcn");
            let id = leaf_with_rule(&app, "manual");
            select(&mut app, &id);
            (d, app)
        }),
        ("appraisal returned", || appraisal_of("ccdl")),
        ("return dialog", || {
            let (d, mut app) = appraisal_of("ttra");
            ch(&mut app, 'T');
            (d, app)
        }),
        ("submit dialog", || {
            let (d, mut app) = unit_app("qlkh");
            ch(&mut app, 'N');
            (d, app)
        }),
    ];
    let moves = [Action::Submit, Action::ReturnUnit, Action::MarkAppraised, Action::Finalise, Action::Reopen];
    for (name, build) in states {
        let (_d, app) = build();
        let ctxs = app.contexts();
        let bar = keymap::bar(&ctxs, app.t, |a| app.offers(a));
        // The bindings behind the bar's entries.
        let offered: Vec<&keymap::Binding> = bar
            .iter()
            .map(|e| {
                KEYMAP
                    .iter()
                    .find(|b| ctxs.contains(&b.ctx) && b.key.label() == e.key && (b.help)(app.t) == e.help)
                    .unwrap_or_else(|| panic!("{name}: {} has no binding", e.key))
            })
            .collect();
        let screen = draw(&app, 80, 24);
        let last = screen.lines().nth(23).unwrap_or_default().to_owned();
        for b in &offered {
            assert_eq!(keymap::lookup(&ctxs, b.key), Some(&b.action), "{name}: {} offered for another action", b.key.label());
            if moves.contains(&b.action) {
                assert!(last.contains(&format!(" {} ", b.key.label())), "{name}: the move {} is not on the 80×24 bar: {last}", b.key.label());
            }
            let (_d2, mut app) = build();
            let mods = match b.key.code {
                KeyCode::Char(c) if b.key.ctrl => {
                    let _ = c;
                    KeyModifiers::CONTROL
                }
                KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
                _ => KeyModifiers::NONE,
            };
            app.status = None;
            app.handle_key(KeyEvent::new(b.key.code, mods));
            let refused = app.status.as_ref().filter(|s| s.1).map(|s| s.0.clone());
            assert!(refused.is_none(), "{name}: {} ({}) refused: {refused:?}", b.key.label(), (b.help)(app.t));
        }
    }
}

/// Issue 17, bug 1 (the dashboard's half): accepting a “not applicable” answer asks the
/// Office's reason instead of writing `na = true` without it; accept-all leaves those leaves
/// to be accepted one by one. Every file written loads.
#[test]
fn accepting_not_applicable_asks_the_reason_and_writes_a_sheet_that_loads() {
    let (_d, mut app) = office_app();
    let unit = app.ws().unit_index("ttra").unwrap();
    app.open_appraisal(unit);
    let sc = app.ws().scorecard.clone();
    let na = sc.leaves().find(|&i| app.work.as_ref().unwrap().sub.input(i) == Some(&Input::Na(true))).expect("an N/A answer");
    // Accept all: the N/A leaf is left, the rest accepted.
    ch(&mut app, 'A');
    key(&mut app, KeyCode::Enter);
    assert!(app.status.as_ref().unwrap().0.contains("cần lý do"), "{:?}", app.status);
    assert_eq!(app.work.as_ref().unwrap().appr.input(na), None);
    ctrl(&mut app, 's');
    Workspace::load(&app.ws().dir).unwrap().load_sheet("ttra", SheetKind::Appraisal).expect("the appraisal loads");
    // `a` on it asks the reason.
    select(&mut app, &sc.nodes[na].id);
    ch(&mut app, 'a');
    assert!(matches!(app.work.as_ref().unwrap().edit, Some(Edit::Note { .. })), "the comment is asked");
    assert!(app.status.as_ref().unwrap().0.contains("nhập lý do"), "{:?}", app.status);
    assert_eq!(app.work.as_ref().unwrap().appr.input(na), None, "nothing accepted yet");
    typ(&mut app, "Don vi khong co");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.work.as_ref().unwrap().appr.input(na), Some(&Input::Na(true)));
    ctrl(&mut app, 's');
    let ws = Workspace::load(&app.ws().dir).unwrap();
    let appr = ws.load_sheet("ttra", SheetKind::Appraisal).expect("the appraisal loads").unwrap();
    assert_eq!(appr.answer(na).unwrap().comment, "Don vi khong co");
}

/// Issue 17, bug 6: while someone else edits a unit's appraisal, the bar offers none of the
/// Office's moves, and the keys say who holds it instead of moving the unit under them.
#[test]
fn no_move_is_offered_while_someone_else_edits_the_appraisal() {
    use parindex::core::lock::{self, LockOutcome};
    use parindex::tui::keymap;
    let (_d, mut app) = office_app();
    let LockOutcome::Acquired(held) = lock::try_lock(&app.ws().dir, "ttra", SheetKind::Appraisal, "thu").unwrap() else { panic!("the lock") };
    let u = app.ws().unit_index("ttra").unwrap();
    app.open_appraisal(u);
    assert!(app.work.as_ref().unwrap().held_by.is_some());
    let ctxs = app.contexts();
    let bar = keymap::bar(&ctxs, app.t, |a| app.offers(a));
    for mv in [Action::ReturnUnit, Action::MarkAppraised, Action::Finalise, Action::Reopen] {
        assert!(!app.offers(&mv), "{mv:?} offered");
    }
    assert!(!bar.iter().any(|e| e.help == app.t.k_return_unit || e.help == app.t.k_finalise), "a move is on the bar");
    let before = std::fs::read(app.ws().dir.join("submissions/ttra.toml")).unwrap();
    ch(&mut app, 'T');
    assert!(app.overlay.is_none(), "no dialog opens");
    assert!(app.status.as_ref().is_some_and(|s| s.1 && s.0.contains("thu")), "{:?}", app.status);
    assert_eq!(std::fs::read(app.ws().dir.join("submissions/ttra.toml")).unwrap(), before);
    drop(held);
}

/// Issue 21: a manual leaf with a stated scale shows it (detail pane and the field's hint) and
/// takes only its levels' points at the field.
#[test]
fn a_manual_leaf_with_a_scale_shows_it_and_takes_only_its_levels() {
    use parindex::tui::fmt;
    let (_d, mut app) = unit_app("qlkh");
    let sc = app.ws().scorecard.clone();
    let i = sc.node_index("4.1.2").unwrap();
    let node = &sc.nodes[i];
    let t = Lang::Vi.text();
    assert_eq!(
        fmt::rule_words(node, sc.step, t, Lang::Vi),
        "Không có nhiệm vụ bị chồng chéo, đùn đẩy hoặc bỏ sót: 1,5 điểm; 01 nhiệm vụ bị chồng chéo, đùn đẩy hoặc bỏ sót: 1 điểm; 02 nhiệm vụ: 0,5 điểm; Từ 03 nhiệm vụ trở lên: 0 điểm"
    );
    assert!(fmt::input_hint(node, sc.step, t, Lang::Vi).starts_with("Nhập một trong các mức điểm: 1,5; 1; 0,5; 0"));
    select(&mut app, "4.1.2");
    let before = sel_input(&app);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "0,75");
    key(&mut app, KeyCode::Enter);
    let err = edit_error(&app).expect("0,75 is not a level of 4.1.2");
    assert!(err.contains("một trong các mức của cách tính điểm: 1,5; 1; 0,5; 0"), "{err}");
    assert_eq!(sel_input(&app), before, "0,75 was not stored");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "1");
    key(&mut app, KeyCode::Enter);
    assert_eq!(sel_input(&app), Some(Input::Points(d("1"))));
}

#[test]
fn slash_filters_the_table_and_the_ranking() {
    let (_dir, mut app) = office_app();
    ch(&mut app, '/');
    typ(&mut app, "quan ly kh");
    assert_eq!(app.office.as_ref().unwrap().shown(), (1, 8));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.office.as_ref().unwrap().filter, "quan ly kh");
    ch(&mut app, 'r');
    assert_eq!(app.screen, Screen::Ranking);
    let o = app.office.as_ref().unwrap();
    assert_eq!(o.lines.iter().filter(|l| l.unit().is_some()).count(), 1, "{:?}", o.filter);
}

#[test]
fn the_trees_search_matches_word_starts() {
    let (_dir, mut app) = unit_app("qlkh");
    ch(&mut app, '/');
    typ(&mut app, "tin bai");
    key(&mut app, KeyCode::Enter);
    let w = app.work.as_ref().unwrap();
    let sc = app.ws().scorecard.clone();
    assert!(sc.nodes[w.sel].title.starts_with("Số tin, bài"), "{}", sc.nodes[w.sel].title);
    // Every criterion shown is found by the words (or is the area of one that is).
    let leaves: Vec<&str> = w.visible.iter().filter(|&&i| sc.nodes[i].is_leaf()).map(|&i| sc.nodes[i].title.as_str()).collect();
    assert!(leaves.iter().all(|t| parindex::tui::fmt::finds(t, "tin bai")), "{leaves:?}");
    // "tin" alone is not "tình".
    key(&mut app, KeyCode::Esc);
    ch(&mut app, '/');
    typ(&mut app, "tin");
    let w = app.work.as_ref().unwrap();
    let words = |i: usize| parindex::tui::fmt::words(&sc.nodes[i].title);
    let tinh = sc
        .leaves()
        .find(|&i| words(i).iter().any(|x| x == "tinh") && !words(i).iter().any(|x| x == "tin" || x.starts_with("tin") && x != "tinh"))
        .expect("a criterion with “tình”");
    assert!(!w.visible.contains(&tinh), "{}", sc.nodes[tinh].title);
    assert!(w.visible.iter().any(|&i| sc.nodes[i].is_leaf()), "some criteria have “tin”");
}

#[test]
fn links_are_checked_where_typed_and_files_must_exist() {
    use parindex::tui::state::Field;
    let (dir, mut app) = unit_app("qlkh");
    select(&mut app, "1.5.3");
    let n = app.work.as_ref().unwrap().sub.news.len();
    focus_field(&mut app, Field::AddNews);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "Tin tuyên truyền mới");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "12/10/2020");
    key(&mut app, KeyCode::Tab);
    let place_error = |app: &App| match &app.work.as_ref().unwrap().edit {
        Some(Edit::Evidence(f)) => f.error.clone().filter(|e| e.0 == 2).map(|e| e.1),
        _ => None,
    };
    // Another scheme: refused, with the reason.
    typ(&mut app, "ftp://skhcn.gov.vn/tin");
    key(&mut app, KeyCode::Enter);
    assert!(place_error(&app).is_some_and(|e| e.contains("http:// hoặc https://")), "{:?}", place_error(&app));
    // A file that is not there (the old behaviour stored it silently).
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    typ(&mut app, "tin-bai-moi.docx");
    key(&mut app, KeyCode::Enter);
    assert!(place_error(&app).is_some_and(|e| e.contains("Không có tệp “tin-bai-moi.docx”")), "{:?}", place_error(&app));
    // Once it is there, it is taken.
    std::fs::write(dir.path().join("evidence/tin-bai-moi.docx"), b"x").unwrap();
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.work.as_ref().unwrap().sub.news.get(n).and_then(|i| i.file.as_deref()), Some("tin-bai-moi.docx"));
    // A web address without its scheme gets https://.
    focus_field(&mut app, Field::AddNews);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "Tin thứ hai");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "13/10/2020");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "www.skhcn.tiengiang.gov.vn/tin-2");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.work.as_ref().unwrap().sub.news.get(n + 1).and_then(|i| i.link.as_deref()), Some("https://www.skhcn.tiengiang.gov.vn/tin-2"));
    // The evidence form: a file that is not there is refused at its field.
    focus_field(&mut app, Field::AddEvidence);
    key(&mut app, KeyCode::Enter);
    typ(&mut app, "12/BC-QLKH");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "Báo cáo");
    key(&mut app, KeyCode::Tab);
    typ(&mut app, "khong-co.pdf");
    key(&mut app, KeyCode::Enter);
    match &app.work.as_ref().unwrap().edit {
        Some(Edit::Evidence(f)) => assert!(f.error.as_ref().is_some_and(|e| e.0 == 3 && e.1.contains("khong-co.pdf")), "{:?}", f.error),
        _ => panic!("refused: the form stays open"),
    }
}
