//! Issue 21: a head withdraws his submission; the objection stage (publish provisional, object,
//! answer, publish final), every refusal, through the CLI, and `check` of the new files.

mod common;

use common::{Roles, Round};
use parindex::core::answers::{Input, SheetKind};
use parindex::core::rules::{InputKind, input_kind};

fn ok(r: &Round, args: &[&str]) -> String {
    let (code, out, err) = r.run(args);
    assert_eq!(code, Some(0), "{args:?}: {err}");
    out
}

fn refused(r: &Round, args: &[&str], says: &str) {
    let (code, _, err) = r.run(args);
    assert_eq!(code, Some(2), "{args:?} was not refused: {err}");
    assert!(err.contains(says), "{args:?}: {err}");
}

fn status(r: &Round, unit: &str) -> &'static str {
    r.sheet(unit, SheetKind::Submission).map_or("missing", |s| s.status.as_str())
}

fn actions(r: &Round, unit: &str) -> Vec<String> {
    let (entries, _) = parindex::core::audit::read(r.path(), unit).unwrap();
    entries.into_iter().map(|e| e.action).collect()
}

/// A manual leaf (points) where the Office's appraisal differs from the unit's own figure.
fn adjusted_leaf(r: &Round, unit: &str, skip: &[&str]) -> (String, Input) {
    adjusted(r, unit, skip, true)
}

/// Any leaf (of any rule) the Office's appraisal changed.
fn adjusted(r: &Round, unit: &str, skip: &[&str], manual_only: bool) -> (String, Input) {
    let ws = r.ws();
    let sub = r.sheet(unit, SheetKind::Submission).unwrap();
    let appr = r.sheet(unit, SheetKind::Appraisal).unwrap();
    ws.scorecard
        .leaves()
        .find_map(|i| {
            let n = &ws.scorecard.nodes[i];
            let manual = !manual_only || n.rule.as_ref().map(input_kind) == Some(InputKind::Points);
            let (own, theirs) = (sub.input(i)?, appr.input(i)?);
            (manual && own != theirs && !skip.contains(&n.id.as_str())).then(|| (n.id.clone(), own.clone()))
        })
        .expect("the demo adjusts a manual leaf")
}

/// The notice's document.xml.
fn notice_text(docx: &std::path::Path) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name("word/document.xml").unwrap().read_to_string(&mut s).unwrap();
    s
}

fn appraised_input(r: &Round, unit: &str, criterion: &str) -> Option<Input> {
    let i = r.ws().scorecard.node_index(criterion).unwrap();
    r.sheet(unit, SheetKind::Appraisal).and_then(|a| a.input(i).cloned())
}

#[test]
fn a_head_withdraws_before_the_deadline_and_before_any_appraisal() {
    let r = Round::demo(8, 2020);
    // ttud is submitted and not appraised: withdrawn, seal gone, logged.
    assert_eq!(status(&r, "ttud"), "submitted");
    let out = ok(&r, &["withdraw", "--unit", "ttud"]);
    assert!(out.contains("withdraw → Draft"), "{out}");
    let sub = r.sheet("ttud", SheetKind::Submission).unwrap();
    assert_eq!(sub.status.as_str(), "draft");
    assert!(sub.seal.is_none() && sub.signature.is_none() && sub.submitted_at.is_none());
    assert_eq!(actions(&r, "ttud").last().map(String::as_str), Some("withdraw"));
    let log = ok(&r, &["log", "--unit", "ttud"]);
    assert!(log.contains("Withdrew the submission"), "{log}");
    assert_eq!(common::output(common::bin().arg("check").arg(r.path())).0, Some(0));
    // It can be submitted again.
    ok(&r, &["submit", "--unit", "ttud"]);
    // Not from any other status.
    refused(&r, &["withdraw", "--unit", "vp"], "the unit is `appraised`");
    refused(&r, &["withdraw", "--unit", "qlkh"], "the unit is `draft`");
    // Not once the Office has begun the appraisal.
    let ws = r.ws();
    let mut appr = parindex::core::answers::Sheet::new("ttra");
    let leaf = ws.scorecard.leaves().next().unwrap();
    appr.answer_mut(leaf).comment = "Đang xem".into();
    ws.save_edit(&appr, SheetKind::Appraisal, "tuoc").unwrap();
    refused(&r, &["withdraw", "--unit", "ttra"], "begun appraising");
    assert_eq!(status(&r, "ttra"), "submitted");
    // Not by someone who is not its head.
    common::set_roles(r.path(), &Roles { office: true, reviewer: false, heads_of: &[], deadline: None });
    refused(&r, &["withdraw", "--unit", "ttud"], "is not a head of unit `ttud`");
    // Not after the deadline.
    common::set_roles(r.path(), &Roles { office: false, reviewer: false, heads_of: &["ttud"], deadline: Some("2020-01-01") });
    refused(&r, &["withdraw", "--unit", "ttud"], "deadline");
    assert_eq!(status(&r, "ttud"), "submitted");
}

#[test]
fn the_objection_stage_from_provisional_to_final() {
    let r = Round::demo(8, 2020);
    let (c2, _) = adjusted_leaf(&r, "khtc", &[]);
    // Different criteria: the refusals below tell one unit's objection from the other's.
    let (c1, own1) = adjusted_leaf(&r, "vp", &[&c2]);
    let (c3, _) = adjusted(&r, "khtc", &[&c2], false);
    // Nothing before the Office publishes.
    refused(&r, &["object", "--unit", "vp", "--criterion", &c1, "--reason", "x"], "has not published provisional results");
    refused(&r, &["publish", "--final"], "has not published provisional results");
    assert!(!r.path().join("publication.toml").exists());
    let out = ok(&r, &["publish", "--provisional", "--until", "31/12/2999"]);
    assert!(out.contains("31/12/2999"), "{out}");
    let text = std::fs::read_to_string(r.path().join("publication.toml")).unwrap();
    assert!(text.contains("stage = \"provisional\"") && text.contains("until = 2999-12-31"), "{text}");
    // The Office's notice says the results are provisional, and until when units may object.
    let docx = r.root().join("thong-bao.docx");
    ok(&r, &["report", "--office", "-o", docx.to_str().unwrap()]);
    let xml = notice_text(&docx);
    assert!(xml.contains("(dự kiến)") && xml.contains("đến hết ngày 31/12/2999"), "the provisional notice lacks “dự kiến” or the deadline");
    // Each unit sees its adjustments.
    let score = ok(&r, &["score", "--unit", "vp"]);
    assert!(score.contains("objections until 31/12/2999") && score.contains(&format!("  {c1}: ")), "{score}");
    // A head objects, with evidence.
    ok(&r, &["object", "--unit", "vp", "--criterion", &c1, "--reason", "Đã có “Kế hoạch”", "--evidence", "kh-12.pdf", "--evidence", "12/KH-VP"]);
    let text = std::fs::read_to_string(r.path().join("objections/vp.toml")).unwrap();
    assert!(text.contains(&format!("criterion = \"{c1}\"")) && text.contains("evidence = [\"kh-12.pdf\", \"12/KH-VP\"]"), "{text}");
    // Each refusal of an objection.
    refused(&r, &["object", "--unit", "vp", "--criterion", &c1, "--reason", "again"], "has already objected");
    refused(&r, &["object", "--unit", "ttra", "--criterion", &c1, "--reason", "x"], "objections are to appraised results only");
    refused(&r, &["object", "--unit", "vp", "--criterion", "1", "--reason", "x"], "is not a scored criterion");
    refused(&r, &["object", "--unit", "vp", "--criterion", &c2, "--reason", "   "], "needs a reason");
    let long = "x".repeat(1001);
    refused(&r, &["object", "--unit", "vp", "--criterion", &c2, "--reason", &long], "1000");
    ok(&r, &["object", "--unit", "khtc", "--criterion", &c2, "--reason", "Sai"]);
    ok(&r, &["object", "--unit", "khtc", "--criterion", &c3, "--reason", "Sai nữa"]);
    let st = ok(&r, &["status"]);
    assert!(st.contains("Objections: 3 open of 3"), "{st}");
    assert_eq!(common::output(common::bin().arg("check").arg(r.path())).0, Some(0));
    // Final is refused while objections are open; nothing is made final.
    refused(&r, &["publish", "--final"], "3 objection(s) not answered");
    assert_eq!(status(&r, "vp"), "appraised");
    // Accepted: the appraised figure becomes the unit's own, logged as an appraisal edit.
    ok(&r, &["answer", "--unit", "vp", "--criterion", &c1, "--accept"]);
    assert_eq!(appraised_input(&r, "vp", &c1), Some(own1));
    let acts = actions(&r, "vp");
    assert!(acts.ends_with(&["appraise".to_owned(), "answer".to_owned()]), "{acts:?}");
    refused(&r, &["answer", "--unit", "vp", "--criterion", &c1, "--reject", "--reason", "no"], "already answered");
    refused(&r, &["answer", "--unit", "vp", "--criterion", &c2, "--accept"], "no objection to criterion");
    // Accepted with points; points the criterion cannot take are refused.
    refused(&r, &["answer", "--unit", "khtc", "--criterion", &c2, "--accept", "--points", "999"], "more than the maximum");
    ok(&r, &["answer", "--unit", "khtc", "--criterion", &c2, "--accept", "--points", "0"]);
    assert_eq!(appraised_input(&r, "khtc", &c2), Some(Input::Points(rust_decimal::Decimal::ZERO)));
    // Rejected: the reason is required and recorded; the figure stays.
    let before = appraised_input(&r, "khtc", &c3);
    let (code, _, _) = r.run(&["answer", "--unit", "khtc", "--criterion", &c3, "--reject"]);
    assert_eq!(code, Some(2));
    ok(&r, &["answer", "--unit", "khtc", "--criterion", &c3, "--reject", "--reason", "Tài liệu ban hành sau hạn"]);
    assert_eq!(appraised_input(&r, "khtc", &c3), before);
    let text = std::fs::read_to_string(r.path().join("objections/khtc.toml")).unwrap();
    assert!(text.contains("answer = \"rejected\"") && text.contains("answer_reason = \"Tài liệu ban hành sau hạn\""), "{text}");
    let score = ok(&r, &["score", "--unit", "khtc"]);
    assert!(score.contains("Answer: rejected (Tài liệu ban hành sau hạn)"), "{score}");
    // After the date: no more objections (the Office may move the date).
    ok(&r, &["publish", "--provisional", "--until", "01/01/2020"]);
    let ws = r.ws();
    let c4 = ws.scorecard.leaves().map(|i| ws.scorecard.nodes[i].id.clone()).find(|id| *id != c2 && *id != c3).unwrap();
    refused(&r, &["object", "--unit", "khtc", "--criterion", &c4, "--reason", "x"], "deadline (01/01/2020) has passed");
    assert_eq!(common::output(common::bin().arg("check").arg(r.path())).0, Some(0));
    // Final: every appraised unit made final, in one command, logged.
    let out = ok(&r, &["publish", "--final"]);
    assert!(out.contains("2 unit(s) made final"), "{out}");
    assert_eq!((status(&r, "vp"), status(&r, "khtc"), status(&r, "ttra")), ("final", "final", "submitted"));
    assert!(actions(&r, "vp").ends_with(&["finalise".to_owned(), "publish".to_owned(), "publish".to_owned()]), "{:?}", actions(&r, "vp"));
    let st = ok(&r, &["status"]);
    assert!(st.contains("Final results published"), "{st}");
    refused(&r, &["object", "--unit", "vp", "--criterion", &c4, "--reason", "x"], "the results are final");
    refused(&r, &["publish", "--provisional", "--until", "31/12/2999"], "the results are final");
    refused(&r, &["publish", "--final"], "the results are final");
    assert_eq!(common::output(common::bin().arg("check").arg(r.path())).0, Some(0));
    ok(&r, &["report", "--office", "-o", docx.to_str().unwrap()]);
    assert!(!notice_text(&docx).contains("dự kiến"), "the final notice is not provisional");
}

#[test]
fn final_with_open_objections_needs_force_and_says_so() {
    let r = Round::demo(8, 2020);
    let (c1, _) = adjusted_leaf(&r, "vp", &[]);
    ok(&r, &["publish", "--provisional", "--until", "31/12/2999"]);
    ok(&r, &["object", "--unit", "vp", "--criterion", &c1, "--reason", "Sai"]);
    refused(&r, &["publish", "--final"], "1 objection(s) not answered");
    ok(&r, &["publish", "--final", "--force"]);
    let text = std::fs::read_to_string(r.path().join("publication.toml")).unwrap();
    assert!(text.contains("stage = \"final\"") && text.contains("forced = true"), "{text}");
    let (entries, _) = parindex::core::audit::read(r.path(), "vp").unwrap();
    assert!(entries.iter().any(|e| e.action == "publish" && e.field.as_deref() == Some("forced") && e.new.as_deref() == Some("1")));
    refused(&r, &["answer", "--unit", "vp", "--criterion", &c1, "--reject", "--reason", "x"], "the results are final");
}

#[test]
fn roles_are_enforced_and_check_finds_files_changed_by_hand() {
    let r = Round::demo(8, 2020);
    let (c1, _) = adjusted_leaf(&r, "vp", &[]);
    // A head neither publishes nor answers; the Office does not object for a unit.
    common::set_roles(r.path(), &Roles { office: false, reviewer: false, heads_of: &["vp"], deadline: None });
    refused(&r, &["publish", "--provisional", "--until", "31/12/2999"], "is not in the Office");
    common::set_roles(r.path(), &Roles { office: true, reviewer: false, heads_of: &[], deadline: None });
    ok(&r, &["publish", "--provisional", "--until", "31/12/2999"]);
    refused(&r, &["object", "--unit", "vp", "--criterion", &c1, "--reason", "x"], "is not a head of unit `vp`");
    common::set_roles(r.path(), &Roles { office: false, reviewer: false, heads_of: &["vp"], deadline: None });
    ok(&r, &["object", "--unit", "vp", "--criterion", &c1, "--reason", "Sai"]);
    refused(&r, &["answer", "--unit", "vp", "--criterion", &c1, "--accept"], "is not in the Office");
    // A hand edit of either file is found by `check`.
    let p = r.path().join("objections/vp.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replace("reason = \"Sai\"", "reason = \"Sai lắm\"")).unwrap();
    let (code, _, err) = common::output(common::bin_en().arg("check").arg(r.path()));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("changed outside parindex"), "{err}");
    std::fs::write(&p, text).unwrap();
    let p = r.path().join("publication.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replace("2999-12-31", "2999-12-30")).unwrap();
    let (code, _, err) = common::output(common::bin_en().arg("check").arg(r.path()));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("publication.toml"), "{err}");
}

/// The objection stage in the dashboard: the head objects with `Y` (reason and evidence); the
/// Office sees the objections (header count, the criterion's detail) and answers with `Y`:
/// reject with a reason, accept (the appraised figure becomes the unit's own, logged); no
/// key where there is nothing to answer.
#[test]
fn objections_are_sent_seen_and_answered_in_the_dashboard() {
    use parindex::text::Lang;
    use parindex::tui::session::Session;
    use parindex::tui::state::{App, Dialog, Overlay};
    use parindex::tui::theme::Theme;
    use ratatui::crossterm::event::KeyCode;
    let r = Round::demo(8, 2020);
    let (c1, _) = adjusted_leaf(&r, "vp", &[]);
    let (c2, own2) = adjusted_leaf(&r, "vp", &[&c1]);
    common::set_roles(r.path(), &Roles { office: true, reviewer: false, heads_of: &[], deadline: None });
    ok(&r, &["publish", "--provisional", "--until", "31/12/2999"]);
    common::set_roles(r.path(), &Roles { office: false, reviewer: false, heads_of: &["vp"], deadline: None });
    let me = parindex::core::roles::current_user();
    // The head.
    let mut head = App::unit_in(Session::open_as(r.ws(), &me), "vp", Lang::Vi, Theme::PLAIN).expect("the head's dashboard");
    for c in [&c1, &c2] {
        common::select(&mut head, c);
        let screen = common::draw(&head, 120, 35);
        assert!(screen.contains("Y  Gửi ý kiến giải trình"), "the bar offers Y\n{screen}");
        common::ch(&mut head, 'Y');
        assert!(matches!(head.overlay, Some(Overlay::Dialog(Dialog::Object { .. }))));
        // Enter with no reason: refused, the dialog stays.
        common::key(&mut head, KeyCode::Enter);
        assert!(matches!(head.overlay, Some(Overlay::Dialog(Dialog::Object { .. }))));
        common::typ(&mut head, "Đơn vị đã ban hành kế hoạch số 12 đúng hạn, đề nghị xem lại điểm");
        common::key(&mut head, KeyCode::Tab);
        common::typ(&mut head, "kh-12.pdf; 12/KH-VP");
        let screen = common::draw(&head, 80, 24);
        assert!(screen.contains("Tài liệu kiểm chứng") && screen.contains("12/KH-VP"), "{screen}");
        common::key(&mut head, KeyCode::Enter);
        assert!(head.overlay.is_none());
        assert_eq!(head.status.as_ref().map(|s| s.0.as_str()), Some("Đã gửi ý kiến giải trình"), "{:?}", head.status);
    }
    let text = std::fs::read_to_string(r.path().join("objections/vp.toml")).unwrap();
    assert!(text.contains("evidence = [\"kh-12.pdf\", \"12/KH-VP\"]"), "{text}");
    // Sent: the detail shows it, and Y is no longer offered on that criterion.
    let screen = common::draw(&head, 120, 35);
    assert!(screen.contains("Ý kiến giải trình của đơn vị") && screen.contains("Chưa trả lời"), "{screen}");
    assert!(!screen.contains("Y  Gửi ý kiến giải trình"), "{screen}");
    // The Office.
    let mut office = App::office_in(Session::open_as(r.ws(), "tuoc"), Lang::Vi, Theme::PLAIN).expect("the Office's dashboard");
    office.open_appraisal(r.ws().unit_index("vp").unwrap());
    common::select(&mut office, &c1);
    let screen = common::draw(&office, 120, 35);
    assert!(screen.contains("2 ý kiến giải trình chưa trả lời"), "{screen}");
    assert!(screen.lines().any(|l| l.starts_with("\"│Y") && l.contains(&format!(" {c1} "))), "the tree marks the objection\n{screen}");
    assert!(screen.contains("Ý kiến giải trình của đơn vị") && screen.contains("kh-12.pdf; 12/KH-VP"), "{screen}");
    assert!(common::draw(&office, 200, 60).contains("Y  Trả lời giải trình"), "the bar offers Y");
    // Reject: a reason is required.
    common::ch(&mut office, 'Y');
    assert!(matches!(office.overlay, Some(Overlay::Dialog(Dialog::Answer { accept: true, .. }))));
    common::key(&mut office, KeyCode::Right);
    assert!(matches!(office.overlay, Some(Overlay::Dialog(Dialog::Answer { accept: false, .. }))));
    common::key(&mut office, KeyCode::Enter);
    assert!(matches!(office.overlay, Some(Overlay::Dialog(Dialog::Answer { focus: 1, .. }))), "Enter without a reason goes to the reason");
    common::typ(&mut office, "Kế hoạch ban hành sau thời hạn quy định của Sở, không đủ điều kiện tính điểm");
    let screen = common::draw(&office, 80, 24);
    assert!(screen.contains("Lý do không chấp nhận:"), "{screen}");
    common::key(&mut office, KeyCode::Enter);
    assert!(office.overlay.is_none(), "{:?}", office.status);
    assert_eq!(office.status.as_ref().map(|s| s.0.as_str()), Some("Đã trả lời ý kiến giải trình"));
    let text = std::fs::read_to_string(r.path().join("objections/vp.toml")).unwrap();
    assert!(text.contains("answer = \"rejected\"") && text.contains("answered_by = \"tuoc\""), "{text}");
    let screen = common::draw(&office, 200, 60);
    assert!(screen.contains("1 ý kiến giải trình chưa trả lời") && screen.contains("Không chấp nhận: Kế hoạch"), "{screen}");
    assert!(!common::draw(&office, 200, 60).contains("Trả lời giải trình"), "answered: no key");
    // Accept: the appraised figure becomes the unit's own, logged.
    common::select(&mut office, &c2);
    common::ch(&mut office, 'Y');
    common::key(&mut office, KeyCode::Enter);
    assert!(office.overlay.is_none(), "{:?}", office.status);
    assert_eq!(office.status.as_ref().map(|s| s.0.as_str()), Some("Đã trả lời ý kiến giải trình"));
    assert_eq!(appraised_input(&r, "vp", &c2), Some(own2));
    let acts = actions(&r, "vp");
    assert!(acts.ends_with(&["appraise".to_owned(), "answer".to_owned()]), "{acts:?}");
    let n2 = r.ws().scorecard.node_index(&c2).unwrap();
    assert_eq!(office.work.as_ref().unwrap().appr.input(n2), appraised_input(&r, "vp", &c2).as_ref(), "the open sheet shows the new figure");
    // Nothing left to answer: the key says why.
    common::ch(&mut office, 'Y');
    assert!(office.overlay.is_none());
    assert!(office.status.as_ref().is_some_and(|s| s.1), "{:?}", office.status);
}

/// In a terminal (the worker in the background) the stage is read by the worker, never by a
/// frame or a key: a publication made elsewhere is offered within a few seconds.
#[test]
fn a_publication_made_elsewhere_reaches_an_open_dashboard_without_a_frame_waiting() {
    use parindex::tui::Action;
    let (_d, mut app) = common::unit_app("vp");
    app.session.run_in_background();
    let ws = app.ws().clone();
    let leaf = ws.scorecard.leaves().map(|i| ws.scorecard.nodes[i].id.clone()).next().unwrap();
    common::select(&mut app, &leaf);
    assert!(!app.offers(&Action::Object));
    let who = parindex::core::roles::Identity::current(&ws);
    ws.publish_provisional(&who, parindex::core::date::Date::new(2999, 12, 31).unwrap()).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let t = std::time::Instant::now();
        let screen = common::draw(&app, 200, 40);
        assert!(t.elapsed() < std::time::Duration::from_secs(1), "a frame waited");
        if app.offers(&Action::Object) && screen.contains("Gửi ý kiến giải trình") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the publication never reached the dashboard");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// What the worker reads for the screen in the background (a unit's objection stage) says so
/// when it lands (`Reply::Refreshed`: the run loop draws again only when told), and only when
/// it is new: the stage read again, unchanged, asks for no frame.
#[test]
fn a_stage_read_in_the_background_asks_for_a_frame_once() {
    use parindex::tui::session::Reply;
    let (_d, mut app) = common::unit_app("vp");
    app.session.run_in_background();
    let ws = app.ws().clone();
    let who = parindex::core::roles::Identity::current(&ws);
    ws.publish_provisional(&who, parindex::core::date::Date::new(2999, 12, 31).unwrap()).unwrap();
    let refreshed = |app: &mut parindex::tui::App| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
        let mut n = 0;
        while std::time::Instant::now() < deadline {
            n += app.session.saved().iter().filter(|r| matches!(r, Reply::Refreshed)).count();
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        n
    };
    // The first frame asks for the stage; it comes in and asks for a frame.
    common::draw(&app, 120, 30);
    assert_eq!(refreshed(&mut app), 1, "the stage's arrival asks for one frame");
    // Read again (forgotten, as after a change elsewhere), unchanged: no frame asked.
    app.forget_stage();
    common::draw(&app, 120, 30);
    assert_eq!(refreshed(&mut app), 0, "an unchanged stage asks for no frame");
}
