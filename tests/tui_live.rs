//! The live dashboard on the session's in-memory twin (no folder): changes made elsewhere show
//! without a key, a move on stale figures is refused, a freed lock makes a viewer an editor,
//! unsaved edits meet a change elsewhere criterion by criterion, roles switch in a single-user
//! round.

use std::sync::Arc;
use std::time::Instant;

mod common;

use common::{ch, key, select_node as select};
use parindex::core::answers::{Answer, Input, Sheet, SheetKind, Status};
use parindex::core::lock::Holder;
use parindex::core::scorecard::Scorecard;
use parindex::core::workflow::ReadOnly;
use parindex::core::workspace::{Unit, Workspace};
use parindex::text::Lang;
use parindex::tui::state::{Dialog, Edit, Overlay, Role, Screen};
use parindex::tui::{App, Session, Theme};
use ratatui::crossterm::event::KeyCode;
use rust_decimal::Decimal;

/// A round with two units that exists only in memory (its folder does not exist).
fn workspace(single_user: bool) -> Workspace {
    let sc = Scorecard::from_toml_str("scorecard.toml", parindex::demo::SCORECARD_2020).unwrap();
    let unit = |id: &str, name: &str, head: &str| Unit { id: id.into(), name: name.into(), group: None, heads: vec![head.into()], keys: vec![] };
    Workspace {
        dir: "/nonexistent/parindex-live-test".into(),
        title: "Live".into(),
        round_id: None,
        scorecard_file: "scorecard.toml".into(),
        deadline: None,
        office_users: vec!["tuoc".into()],
        single_user,
        units: vec![unit("vp", "Văn phòng", "lan"), unit("ql", "Phòng Quản lý", "hung")],
        scorecard: Arc::new(sc),
        // Never used by the in-memory twin; any folder will do.
        store: Arc::new(parindex::core::store::dir::Dir::open_user(&std::env::temp_dir()).unwrap()),
        document: Default::default(),
        reviewers: Vec::new(),
        appraisers: Vec::new(),
        evidence_max_mb: None,
    }
}

/// Manual leaves of at least one point.
fn leaves(ws: &Workspace) -> Vec<usize> {
    let sc = &ws.scorecard;
    sc.leaves().filter(|&i| sc.nodes[i].rule.as_ref().is_some_and(|r| r.name() == "manual") && sc.nodes[i].max >= Decimal::ONE).collect()
}

fn sheet(unit: &str, status: Status, inputs: &[(usize, i64)]) -> Sheet {
    let mut s = Sheet::new(unit);
    s.status = status;
    for &(i, p) in inputs {
        s.answers.insert(i, Answer { input: Some(Input::Points(Decimal::from(p))), ..Answer::default() });
    }
    s
}

#[test]
fn a_resubmission_elsewhere_shows_on_the_office_screen_without_a_key() {
    let ws = workspace(false);
    let l = leaves(&ws);
    let sub = sheet("vp", Status::Returned, &[(l[0], 0)]);
    let session = Session::memory(ws, "tuoc", vec![(0, SheetKind::Submission, sub)]);
    let mut app = App::office_in(session, Lang::Vi, Theme::PLAIN).unwrap();
    app.open_appraisal(0);
    assert_eq!(app.work.as_ref().unwrap().status(), Some(Status::Returned));
    // The unit answers from another terminal and sends it again.
    app.session.memory_write(0, SheetKind::Submission, Some(sheet("vp", Status::Submitted, &[(l[0], 1)])));
    app.tick(Instant::now());
    let w = app.work.as_ref().unwrap();
    assert_eq!(w.status(), Some(Status::Submitted));
    assert_eq!(w.sub.input(l[0]), Some(&Input::Points(Decimal::ONE)));
    assert_eq!(app.office.as_ref().unwrap().results.units[0].status, Some(Status::Submitted));
    // Another unit's change reaches the dashboard's figures too.
    app.session.memory_write(1, SheetKind::Submission, Some(sheet("ql", Status::Submitted, &[(l[0], 1)])));
    app.tick(Instant::now());
    assert_eq!(app.office.as_ref().unwrap().results.units[1].status, Some(Status::Submitted));
}

#[test]
fn a_move_on_figures_that_changed_since_they_were_drawn_is_refused() {
    let ws = workspace(false);
    let l = leaves(&ws);
    let session = Session::memory(ws, "tuoc", vec![(0, SheetKind::Submission, sheet("vp", Status::Submitted, &[(l[0], 0)]))]);
    let mut app = App::office_in(session, Lang::Vi, Theme::PLAIN).unwrap();
    app.open_appraisal(0);
    ch(&mut app, 'D');
    assert!(matches!(app.overlay, Some(Overlay::Dialog(Dialog::Move { .. }))));
    // Between drawing and confirming, the unit's file changes (the change is not yet taken in).
    app.session.memory_write(0, SheetKind::Submission, Some(sheet("vp", Status::Submitted, &[(l[0], 1)])));
    key(&mut app, KeyCode::Enter);
    let (msg, err) = app.status.clone().unwrap();
    assert!(err && msg.contains("đã thay đổi, xem lại"), "{msg}");
    assert_eq!(app.work.as_ref().unwrap().status(), Some(Status::Submitted), "not marked appraised");
    // The screen shows the new figures; a move confirmed on them goes through.
    assert_eq!(app.work.as_ref().unwrap().sub.input(l[0]), Some(&Input::Points(Decimal::ONE)));
    ch(&mut app, 'D');
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.work.as_ref().unwrap().status(), Some(Status::Appraised), "{:?}", app.status);
}

#[test]
fn a_viewer_becomes_the_editor_when_the_lock_is_freed() {
    let ws = workspace(false);
    let mut session = Session::memory(ws, "lan", vec![]);
    session.memory_hold(0, SheetKind::Submission, Some(Holder { user: "hoa".into(), pid: 1, since: 1_608_000_000 }));
    let mut app = App::unit_in(session, "vp", Lang::Vi, Theme::PLAIN).unwrap();
    assert_eq!(app.read_only(), Some(ReadOnly::HeldBy { user: "hoa".into(), since: 1_608_000_000 }));
    assert!(app.readonly_reason().contains("hoa đang chỉnh sửa từ 15/12/2020 09:40"));
    // Every refusal says the same.
    let l = leaves(app.ws());
    select(&mut app, l[0]);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.status.as_ref().map(|s| s.0.clone()), Some(app.readonly_reason()));
    app.session.memory_hold(0, SheetKind::Submission, None);
    app.tick(Instant::now());
    assert!(app.editable(), "{}", app.readonly_reason());
    assert!(app.status.as_ref().unwrap().0.contains("bạn có thể chỉnh sửa"));
}

#[test]
fn unsaved_edits_meet_a_change_elsewhere_criterion_by_criterion() {
    let ws = workspace(false);
    let l = leaves(&ws);
    let session = Session::memory(ws, "lan", vec![(0, SheetKind::Submission, sheet("vp", Status::Draft, &[]))]);
    let mut app = App::unit_in(session, "vp", Lang::Vi, Theme::PLAIN).unwrap();
    assert!(app.editable(), "{}", app.readonly_reason());
    // Mine: l0 = 1 (unsaved).
    select(&mut app, l[0]);
    key(&mut app, KeyCode::Enter);
    ch(&mut app, '1');
    key(&mut app, KeyCode::Enter);
    assert!(app.dirty());
    // Theirs (a git pull): l0 = 0 and l1 = 1.
    app.session.memory_write(0, SheetKind::Submission, Some(sheet("vp", Status::Draft, &[(l[0], 0), (l[1], 1)])));
    // A value being typed meanwhile on l2 is left alone.
    select(&mut app, l[2]);
    key(&mut app, KeyCode::Enter);
    ch(&mut app, '1');
    app.tick(Instant::now());
    let w = app.work.as_ref().unwrap();
    assert!(matches!(&w.edit, Some(Edit::Line { input, .. }) if input.text == "1"), "the typed value stays");
    assert_eq!(w.sub.input(l[1]), Some(&Input::Points(Decimal::ONE)), "only theirs changed it: taken");
    assert_eq!(w.sub.input(l[0]), Some(&Input::Points(Decimal::ONE)), "mine until asked");
    match &app.overlay {
        Some(Overlay::Dialog(Dialog::Conflict(c))) => assert_eq!(c.items.len(), 1),
        _ => panic!("both changed l0: asked"),
    }
    // Take theirs.
    ch(&mut app, 'l');
    assert!(app.overlay.is_none());
    assert_eq!(app.work.as_ref().unwrap().sub.input(l[0]), Some(&Input::Points(Decimal::ZERO)));
}

#[test]
fn one_person_switches_between_the_office_and_a_unit() {
    let ws = workspace(true);
    let session = Session::memory(ws, "anyone", vec![(1, SheetKind::Submission, sheet("ql", Status::Draft, &[]))]);
    let mut app = App::office_in(session, Lang::Vi, Theme::PLAIN).unwrap();
    assert!(app.status.as_ref().unwrap().0.contains("phím V"), "the first screen says how");
    let row = app.office.as_ref().unwrap().order.iter().position(|&u| u == 1).unwrap();
    app.office.as_mut().unwrap().sel = row;
    ch(&mut app, 'V');
    assert_eq!((app.role, app.screen), (Role::Unit, Screen::Unit));
    assert_eq!(app.work.as_ref().unwrap().unit, 1);
    assert!(app.editable(), "{}", app.readonly_reason());
    ch(&mut app, 'V');
    assert_eq!((app.role, app.screen), (Role::Office, Screen::Office));
    assert!(app.work.is_none());
}

#[test]
fn the_office_asks_the_unit_answers_the_office_sees_it_answered() {
    let ws = workspace(true);
    let l = leaves(&ws);
    let sub = sheet("vp", Status::Submitted, &[(l[0], 1), (l[1], 1), (l[5], 1)]);
    let session = Session::memory(ws, "anyone", vec![(0, SheetKind::Submission, sub)]);
    let mut app = App::office_in(session, Lang::Vi, Theme::PLAIN).unwrap();
    app.open_appraisal(0);
    // The Office flags l[5] with a question, and returns the unit.
    select(&mut app, l[5]);
    ch(&mut app, 'Q');
    for c in "Thiếu văn bản?".chars() {
        ch(&mut app, c);
    }
    key(&mut app, KeyCode::Esc);
    assert!(app.work.as_ref().unwrap().flagged(l[5]));
    ch(&mut app, 'T');
    for c in "Bổ sung văn bản".chars() {
        ch(&mut app, c);
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.work.as_ref().unwrap().status(), Some(Status::Returned), "{:?}", app.status);
    assert_eq!(app.session.return_reason(0).as_deref(), Some("Bổ sung văn bản"));
    // The unit: its to-do starts with what the Office asked.
    ch(&mut app, 'V');
    assert_eq!(app.role, Role::Unit);
    assert_eq!(app.work.as_ref().unwrap().return_reason.as_deref(), Some("Bổ sung văn bản"), "the Office's words");
    ch(&mut app, 'f');
    let w = app.work.as_ref().unwrap();
    assert_eq!(w.visible.first(), Some(&l[5]), "flagged first");
    assert!(w.asks(l[5]));
    // It answers in the reply field under the question.
    select(&mut app, l[5]);
    app.work.as_mut().unwrap().field = 1;
    assert_eq!(app.field(), Some(parindex::tui::state::Field::Reply));
    key(&mut app, KeyCode::Enter);
    for c in "Đã bổ sung".chars() {
        ch(&mut app, c);
    }
    key(&mut app, KeyCode::Esc);
    assert!(app.work.as_ref().unwrap().answered(l[5]));
    assert!(!app.work.as_ref().unwrap().asks(l[5]));
    // Back to the Office: the flag shows answered.
    ch(&mut app, 'V');
    app.open_appraisal(0);
    let w = app.work.as_ref().unwrap();
    assert!(w.flagged(l[5]) && w.answered(l[5]));
    assert_eq!(w.sub.answer(l[5]).unwrap().reply, "Đã bổ sung");
}

#[test]
fn return_takes_a_reason_that_the_unit_sees() {
    let dir = tempfile::tempdir().unwrap();
    parindex::demo::write(dir.path(), &parindex::demo::DemoOptions { units: 8, seed: 2020 }).unwrap();
    let out = common::std_bin()
        .args(["return", "-w"])
        .arg(dir.path())
        .args(["--unit", "ttra", "--reason", "Bổ sung tài liệu kiểm chứng tiêu chí 2.3"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let ws = Workspace::load(dir.path()).unwrap();
    assert_eq!(ws.return_reason(1).as_deref(), Some("Bổ sung tài liệu kiểm chứng tiêu chí 2.3"));
    let app = App::for_unit(ws, "ttra", Lang::Vi, Theme::PLAIN).unwrap();
    let (msg, _) = app.status.clone().unwrap();
    assert!(msg.contains("Lý do trả lại: Bổ sung tài liệu kiểm chứng tiêu chí 2.3"), "{msg}");
}

#[test]
fn search_lands_on_the_leaf_steps_with_n_and_esc_clears_it() {
    let ws = workspace(false);
    let sc = ws.scorecard.clone();
    let session = Session::memory(ws, "lan", vec![(0, SheetKind::Submission, sheet("vp", Status::Draft, &[]))]);
    let mut app = App::unit_in(session, "vp", Lang::Vi, Theme::PLAIN).unwrap();
    ch(&mut app, '/');
    for c in "1.3".chars() {
        ch(&mut app, c);
    }
    key(&mut app, KeyCode::Enter);
    let w = app.work.as_ref().unwrap();
    // An id matches itself and what is under it, not 2.1.3 or 3.1.3.
    assert!(w.visible.iter().all(|&i| sc.nodes[i].id == "1" || sc.nodes[i].id == "1.3" || sc.nodes[i].id.starts_with("1.3.")), "{:?}", w.visible);
    let first = w.sel;
    assert!(sc.nodes[first].is_leaf() && sc.nodes[first].id.starts_with("1.3."), "lands on a leaf: {}", sc.nodes[first].id);
    ch(&mut app, 'n');
    let second = app.work.as_ref().unwrap().sel;
    assert!(second != first && sc.nodes[second].is_leaf());
    ch(&mut app, 'N');
    assert_eq!(app.work.as_ref().unwrap().sel, first);
    key(&mut app, KeyCode::Esc);
    let w = app.work.as_ref().unwrap();
    assert!(w.search.is_empty() && w.visible.len() == sc.nodes.len(), "Esc clears the filter");
}

#[test]
fn a_read_only_sheet_offers_no_key_that_would_change_it() {
    let ws = workspace(false);
    let session = Session::memory(ws, "lan", vec![(0, SheetKind::Submission, sheet("vp", Status::Submitted, &[]))]);
    let app = App::unit_in(session, "vp", Lang::Vi, Theme::PLAIN).unwrap();
    assert!(!app.editable());
    let bar = parindex::tui::keymap::bar(&app.contexts(), app.t, |a| app.offers(a));
    for k in ["N", "a", "e", "u"] {
        assert!(!bar.iter().any(|e| e.key == k), "{k} offered on a read-only sheet");
    }
    assert!(bar.iter().any(|e| e.key == "/"));
}

#[test]
fn an_unstarted_unit_is_worded_as_the_dashboard_words_it() {
    let ws = workspace(false);
    let session = Session::memory(ws, "lan", vec![]);
    let app = App::unit_in(session, "vp", Lang::Vi, Theme::PLAIN).unwrap();
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    term.draw(|f| parindex::tui::view::render(&app, f)).unwrap();
    let screen = format!("{}", term.backend());
    let head: Vec<&str> = screen.lines().take(2).collect();
    assert!(head[0].contains("Chưa nộp") && !head[0].contains("Đang tự đánh giá"), "{}", head[0]);
    assert!(head[1].contains("Đã đánh giá 0/") && !head[1].contains("Yếu"), "{}", head[1]);
    assert!(app.editable(), "{}", app.readonly_reason());
}

/// Issue 17, bug 3: our own autosave while a move's dialog is open does not make the move
/// stale; a change made elsewhere does, and then the reason typed is kept.
#[test]
fn our_own_autosave_does_not_make_a_move_stale_and_a_refused_move_keeps_its_reason() {
    let ws = workspace(false);
    let l = leaves(&ws);
    let session = Session::memory(ws, "tuoc", vec![(0, SheetKind::Submission, sheet("vp", Status::Submitted, &[(l[0], 1), (l[1], 1)]))]);
    let mut app = App::office_in(session, Lang::Vi, Theme::PLAIN).unwrap();
    app.open_appraisal(0);
    select(&mut app, l[0]);
    ch(&mut app, 'c');
    for c in "Thiếu".chars() {
        ch(&mut app, c);
    }
    key(&mut app, KeyCode::Esc);
    assert!(app.dirty());
    ch(&mut app, 'T');
    // The autosave fires while the dialog is open.
    app.tick(Instant::now() + std::time::Duration::from_secs(4));
    assert!(!app.dirty(), "autosaved");
    for c in "Bổ sung".chars() {
        ch(&mut app, c);
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.work.as_ref().unwrap().status(), Some(Status::Returned), "{:?}", app.status);
    assert_eq!(app.session.return_reason(0).as_deref(), Some("Bổ sung"));

    // Someone else's change does make it stale: the reason typed stays in the dialog.
    let ws = workspace(false);
    let session = Session::memory(ws, "tuoc", vec![(0, SheetKind::Submission, sheet("vp", Status::Submitted, &[(l[0], 1)]))]);
    let mut app = App::office_in(session, Lang::Vi, Theme::PLAIN).unwrap();
    app.open_appraisal(0);
    ch(&mut app, 'T');
    for c in "Lý do".chars() {
        ch(&mut app, c);
    }
    app.session.memory_write(0, SheetKind::Submission, Some(sheet("vp", Status::Submitted, &[(l[0], 0)])));
    key(&mut app, KeyCode::Enter);
    let (msg, err) = app.status.clone().unwrap();
    assert!(err && msg.contains("đã thay đổi, xem lại"), "{msg}");
    assert_eq!(app.work.as_ref().unwrap().status(), Some(Status::Submitted));
    match &app.overlay {
        Some(Overlay::Dialog(Dialog::Move { reason: Some(r), .. })) => assert_eq!(r.text, "Lý do"),
        _ => panic!("the dialog asks again with the reason kept"),
    }
    ch(&mut app, '!');
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.work.as_ref().unwrap().status(), Some(Status::Returned), "{:?}", app.status);
    assert_eq!(app.session.return_reason(0).as_deref(), Some("Lý do!"));
}

/// Issue 17, bug 3, the unit's side: autosave while the submit dialog is open.
#[test]
fn a_units_own_autosave_does_not_make_its_submission_stale() {
    let ws = workspace(false);
    let l = leaves(&ws);
    let session = Session::memory(ws, "lan", vec![(0, SheetKind::Submission, sheet("vp", Status::Draft, &[]))]);
    let mut app = App::unit_in(session, "vp", Lang::Vi, Theme::PLAIN).unwrap();
    select(&mut app, l[0]);
    key(&mut app, KeyCode::Enter);
    ch(&mut app, '1');
    key(&mut app, KeyCode::Enter);
    assert!(app.dirty());
    ch(&mut app, 'N');
    assert!(matches!(app.overlay, Some(Overlay::Dialog(Dialog::Move { .. }))));
    app.tick(Instant::now() + std::time::Duration::from_secs(4));
    assert!(!app.dirty(), "autosaved");
    // Criteria are left unscored: `c` confirms.
    ch(&mut app, 'c');
    assert_eq!(app.work.as_ref().unwrap().status(), Some(Status::Submitted), "{:?}", app.status);
}

#[test]
fn the_conflict_dialog_names_the_parts_that_differ_and_keeps_the_rest() {
    use parindex::core::scorecard::Rule;
    let ws = workspace(false);
    let sc = ws.scorecard.clone();
    // A criterion scored by choosing an option (its keys are not words).
    let (leaf, opts) = sc
        .leaves()
        .find_map(|i| match &sc.nodes[i].rule {
            Some(Rule::Choice(o)) if o.len() >= 2 && o.iter().all(|x| x.key != x.label) => Some((i, o.clone())),
            _ => None,
        })
        .expect("a choice criterion");
    let other = leaves(&ws)[0];
    let with = |input: Option<&str>, note: &str| Answer { input: input.map(|k| Input::Choice(k.into())), note: note.into(), ..Answer::default() };
    let mut base = Sheet::new("vp");
    base.answers.insert(leaf, with(Some(&opts[0].key), ""));
    let session = Session::memory(ws, "lan", vec![(0, SheetKind::Submission, base.clone())]);
    let mut app = App::unit_in(session, "vp", Lang::Vi, Theme::PLAIN).unwrap();
    // Mine (unsaved): the second option, and a point on another criterion.
    select(&mut app, other);
    key(&mut app, KeyCode::Enter);
    ch(&mut app, '1');
    key(&mut app, KeyCode::Enter);
    app.work.as_mut().unwrap().sub.answers.insert(leaf, with(Some(&opts[1].key), ""));
    assert!(app.dirty());
    // Theirs: no option chosen, and an explanation written (only they touched it).
    let mut theirs = base.clone();
    theirs.answers.insert(leaf, with(None, "Đã bổ sung văn bản"));
    app.session.memory_write(0, SheetKind::Submission, Some(theirs));
    app.tick(Instant::now());
    let parts = match &app.overlay {
        Some(Overlay::Dialog(Dialog::Conflict(c))) => c.items[0].parts.clone(),
        _ => panic!("both changed the option: asked"),
    };
    assert_eq!(parts, vec![parindex::tui::state::Part::Input], "only the option is asked about");
    let screen = common::draw(&app, 100, 30);
    assert!(screen.contains("Tự đánh giá: ở đây"), "{screen}");
    assert!(screen.contains(&opts[1].label.chars().take(20).collect::<String>()), "my option by its label:\n{screen}");
    assert!(screen.contains("(trống)"), "theirs is empty:\n{screen}");
    assert!(!screen.contains(&format!(" {} ", opts[1].key)), "no internal key:\n{screen}");
    // Keep mine: their explanation stays, and so does my other criterion.
    ch(&mut app, 'g');
    assert!(app.overlay.is_none());
    let w = app.work.as_ref().unwrap();
    let a = w.sub.answer(leaf).unwrap();
    assert_eq!(a.input, Some(Input::Choice(opts[1].key.clone())));
    assert_eq!(a.note, "Đã bổ sung văn bản", "what only they changed is kept");
    assert_eq!(w.sub.input(other), Some(&Input::Points(Decimal::ONE)));
}

#[test]
fn the_offices_dialogs_name_what_is_missing_and_a_provisional_result_asks_before_final() {
    let ws = workspace(false);
    let sc = ws.scorecard.clone();
    let l = leaves(&ws);
    let surveys: Vec<String> =
        sc.leaves().filter(|&i| parindex::core::figures::Counts::office_only(&sc, i)).map(|i| sc.nodes[i].id.clone()).collect();
    assert!(!surveys.is_empty(), "the 2020 scorecard has surveys");
    // Submitted: the unit scored two criteria; the Office appraised one of them.
    let appr = sheet("vp", Status::Draft, &[(l[0], 1)]);
    let session = Session::memory(
        ws,
        "tuoc",
        vec![(0, SheetKind::Submission, sheet("vp", Status::Submitted, &[(l[0], 1), (l[1], 1)])), (0, SheetKind::Appraisal, appr)],
    );
    let mut app = App::office_in(session, Lang::Vi, Theme::PLAIN).unwrap();
    app.open_appraisal(0);
    assert_eq!(app.screen, Screen::Appraisal);
    let unit_all = sc.leaf_count() - surveys.len();
    ch(&mut app, 'D');
    match &app.overlay {
        Some(Overlay::Dialog(Dialog::Move { summary, .. })) => {
            // One for the unit's own input, the rest count 0, and the surveys make it provisional.
            assert_eq!((summary.appraise_self, summary.appraise_zero), (1, (unit_all - 2) as u32));
            assert_eq!(summary.survey_open.to_vec(), surveys);
        }
        _ => panic!("the D dialog"),
    }
    let s = common::draw(&app, 100, 40);
    assert!(s.contains("Còn 1 tiêu chí chưa thẩm định: các tiêu chí này tính theo điểm"), "{s}");
    assert!(s.contains(&format!("Còn {} tiêu chí đơn vị không tự đánh giá và chưa thẩm định", unit_all - 2)), "{s}");
    assert!(s.contains(&format!("Còn {} tiêu chí khảo sát chưa có điểm", surveys.len())), "{s}");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.work.as_ref().unwrap().status(), Some(Status::Appraised), "{:?}", app.status);
    // Finalising while provisional: asked, naming the surveys; Enter means no.
    ch(&mut app, 'F');
    assert!(matches!(&app.overlay, Some(Overlay::Dialog(d)) if d.enter_is_no()));
    let s = common::draw(&app, 100, 40);
    assert!(s.contains("Kết quả này còn tạm tính"), "{s}");
    assert!(s.contains(&surveys[0]), "{s}");
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    assert_eq!(app.work.as_ref().unwrap().status(), Some(Status::Appraised), "Enter did not make it final");
}

#[test]
fn counts_are_the_units_criteria_apart_from_the_surveys_in_header_and_dialog() {
    let ws = workspace(false);
    let sc = ws.scorecard.clone();
    let l = leaves(&ws);
    let surveys = sc.leaves().filter(|&i| parindex::core::figures::Counts::office_only(&sc, i)).count();
    let unit_all = sc.leaf_count() - surveys;
    let session =
        Session::memory(ws, "lan", vec![(0, SheetKind::Submission, sheet("vp", Status::Draft, &[(l[0], 1), (l[1], 1), (l[2], 1), (l[3], 1)]))]);
    let mut app = App::unit_in(session, "vp", Lang::Vi, Theme::PLAIN).unwrap();
    let s = common::draw(&app, 200, 40);
    let counts = format!("4/{unit_all} tiêu chí của đơn vị · 0/{surveys} khảo sát");
    assert!(s.contains(&counts), "the header:\n{s}");
    ch(&mut app, 'N');
    let s = common::draw(&app, 200, 40);
    assert!(s.contains(&counts), "the submit dialog:\n{s}");
    assert!(s.contains(&format!("Còn {} tiêu chí của đơn vị chưa tự đánh giá", unit_all - 4)), "{s}");
}

#[test]
fn the_help_lists_only_keys_of_this_round_and_every_mark_and_an_unknown_key_says_so() {
    for single in [false, true] {
        let ws = workspace(single);
        let session = Session::memory(ws, "tuoc", vec![(0, SheetKind::Submission, sheet("vp", Status::Submitted, &[]))]);
        let mut app = App::office_in(session, Lang::Vi, Theme::PLAIN).unwrap();
        ch(&mut app, '?');
        let help: Vec<String> = parindex::tui::view::help::lines(&app, 100).iter().map(|l| l.to_string()).collect();
        let help = help.join("\n");
        assert_eq!(help.contains("Đổi vai trò"), single, "V only where one person runs the round:\n{help}");
        for m in ["@ ", "✓ ", "* ", "? ", "! ", "^ "] {
            assert!(help.lines().any(|l| l.trim_start().starts_with(m)), "the mark {m} is explained:\n{help}");
        }
    }
    let ws = workspace(false);
    let session = Session::memory(ws, "lan", vec![(0, SheetKind::Submission, sheet("vp", Status::Draft, &[]))]);
    let mut app = App::unit_in(session, "vp", Lang::Vi, Theme::PLAIN).unwrap();
    ch(&mut app, 'Z');
    assert_eq!(app.status.as_ref().map(|s| s.0.as_str()), Some("Phím Z không dùng ở đây · ? xem các phím"));
}
