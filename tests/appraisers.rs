//! The appraisal council (issue 21): `[[appraiser]]` in workspace.toml, each appraiser scoring
//! and commenting only its part, two appraisers saving the same unit at the same time, the
//! progress the Office sees, and the gate of `mark-appraised` with its logged override.

mod common;

use std::path::Path;

use common::{Roles, Round};
use parindex::core::answers::{Input, SheetKind};
use parindex::core::roles::Identity;
use parindex::core::round::today;

/// Area 6 to `tc` (the current user unless `me_in_tc` is false: then `lan`), area 5 to
/// `tccb` (user `an`); the current user is the Office when `office`.
fn council(dir: &Path, office: bool, me_in_tc: bool) {
    common::set_roles(dir, &Roles { office, reviewer: false, heads_of: &[], deadline: Some("2999-12-31") });
    let me = parindex::core::roles::current_user();
    let tc = if me_in_tc { me } else { "lan".to_owned() };
    let mut text = std::fs::read_to_string(dir.join("workspace.toml")).unwrap();
    text.push_str(&format!(
        "\n[[appraiser]]\nid = \"tc\"\nname = \"Phòng Kế hoạch - Tài chính\"\nusers = [\"{tc}\"]\nareas = [\"6\"]\n\n\
         [[appraiser]]\nid = \"tccb\"\nname = \"Bộ phận Tổ chức cán bộ\"\nusers = [\"an\"]\ncriteria = [\"5\"]\n"
    ));
    std::fs::write(dir.join("workspace.toml"), text).unwrap();
}

#[test]
fn unknown_areas_and_criteria_are_errors_at_their_place() {
    let r = Round::demo(4, 2020);
    let mut text = std::fs::read_to_string(r.path().join("workspace.toml")).unwrap();
    text.push_str(
        "\n[[appraiser]]\nid = \"x\"\nname = \"X\"\nusers = [\"a\"]\nareas = [\"99\", \"6.1\"]\ncriteria = [\"9.9.9\", \"6.1\"]\n\n\
         [[appraiser]]\nid = \"y\"\nname = \"Y\"\nusers = [\"b\"]\ncriteria = [\"6.1.1\"]\n\n\
         [[appraiser]]\nid = \"z\"\nname = \"Z\"\nusers = [\"b\"]\n",
    );
    std::fs::write(r.path().join("workspace.toml"), &text).unwrap();
    let (code, _, err) = common::output(common::bin_en().arg("check").arg(r.path()));
    assert_eq!(code, Some(1), "{err}");
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for (want, line) in [
        ("area `99` is not in the scorecard", line_of("areas = [\"99\"")),
        ("area `6.1` is not in the scorecard", line_of("areas = [\"99\"")),
        ("criterion `9.9.9` is not in the scorecard", line_of("9.9.9")),
        ("criterion `6.1.1` is already given to appraiser `x`", line_of("criteria = [\"6.1.1\"]")),
        ("appraiser `z` is given no part", line_of("id = \"z\"")),
    ] {
        let hit = err.lines().find(|l| l.contains(want)).unwrap_or_else(|| panic!("no `{want}` in:\n{err}"));
        assert!(hit.contains(&format!("workspace.toml:{line}:")), "`{want}` not at line {line}: {hit}");
    }
    // Over the limit of appraisers: one error, nothing loaded.
    let mut many = std::fs::read_to_string(r.path().join("workspace.toml")).unwrap();
    many.truncate(many.find("\n[[appraiser]]").unwrap());
    for k in 0..=parindex::core::limits::APPRAISERS {
        many.push_str(&format!("\n[[appraiser]]\nid = \"a{k}\"\nname = \"A\"\nusers = [\"u\"]\ncriteria = [\"1.1.1\"]\n"));
    }
    std::fs::write(r.path().join("workspace.toml"), &many).unwrap();
    let (code, _, err) = common::output(common::bin_en().arg("check").arg(r.path()));
    assert_eq!(code, Some(1));
    assert!(err.contains("appraisers, over the limit of 100"), "{err}");
}

#[test]
fn an_appraiser_changes_only_its_part_and_the_rest_is_refused() {
    let r = Round::demo(8, 2020);
    council(r.path(), false, true);
    let before = std::fs::read(r.path().join("audit/ttra.log")).unwrap_or_default();
    let (code, _, err) = r.run(&["appraise", "--unit", "ttra", "--criterion", "5.1.1", "--value", "approved"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("does not appraise `5.1.1`: it belongs to Bộ phận Tổ chức cán bộ"), "{err}");
    let (code, _, err) = r.run(&["appraise", "--unit", "ttra", "--criterion", "1.1.1", "--comment", "x"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("the Office appraises it"), "{err}");
    assert!(r.sheet("ttra", SheetKind::Appraisal).is_none(), "a refused change writes nothing");
    assert_eq!(std::fs::read(r.path().join("audit/ttra.log")).unwrap_or_default(), before, "nor logs anything");
    let (code, out, err) = r.run(&["appraise", "--unit", "ttra", "--criterion", "6.1.1", "--value", "late", "--comment", "Chậm 2 tháng"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Saved the appraisal of 6.1.1"), "{out}");
    let a = r.sheet("ttra", SheetKind::Appraisal).unwrap();
    let n = r.ws().scorecard.node_index("6.1.1").unwrap();
    assert_eq!(a.input(n), Some(&Input::Choice("late".into())));
    assert_eq!(a.answer(n).unwrap().comment, "Chậm 2 tháng");
    // Not the Office: no workflow move either.
    let (code, _) = r.mv("mark-appraised", "ttra");
    assert_eq!(code, Some(2));
}

#[test]
fn two_appraisers_saving_the_same_unit_at_once_both_keep_their_work() {
    let r = Round::demo(8, 2020);
    council(r.path(), false, false);
    let ws = r.ws();
    let ui = ws.unit_index("ttra").unwrap();
    let owner = ws.owners();
    let leaves = |k: usize| -> Vec<usize> { ws.scorecard.leaves().filter(|&i| owner[i] == Some(k)).collect() };
    let (tc, tccb) = (leaves(0), leaves(1));
    assert!(!tc.is_empty() && !tccb.is_empty());
    let lan = Identity::of(&ws, "lan");
    let an = Identity::of(&ws, "an");
    // Each saves every leaf of its part, one save per leaf, both at the same time.
    std::thread::scope(|s| {
        for (who, part, tag) in [(&lan, &tc, "tc"), (&an, &tccb, "tccb")] {
            let ws = &ws;
            s.spawn(move || {
                for &i in part {
                    let changed = ws.save_part(ui, who, today(), |sh| sh.answer_mut(i).comment = format!("{tag} {i}")).expect("saved");
                    assert!(changed);
                }
            });
        }
    });
    let a = r.sheet("ttra", SheetKind::Appraisal).unwrap();
    for &i in &tc {
        assert_eq!(a.answer(i).map(|x| x.comment.as_str()), Some(format!("tc {i}").as_str()));
    }
    for &i in &tccb {
        assert_eq!(a.answer(i).map(|x| x.comment.as_str()), Some(format!("tccb {i}").as_str()));
    }
    // Out of its part, through the store too: refused, nothing written.
    let err = ws.save_part(ui, &lan, today(), |sh| sh.answer_mut(tccb[0]).comment = "x".into()).unwrap_err();
    assert!(matches!(err, parindex::core::round::ChangeError::NotAllowed(_)), "{err:?}");
    let again = r.sheet("ttra", SheetKind::Appraisal).unwrap();
    assert_eq!(again.answer(tccb[0]).map(|x| x.comment.as_str()), Some(format!("tccb {}", tccb[0]).as_str()));
    // The chain of the audit log holds after the concurrent saves.
    let (code, _, err) = common::output(common::bin_en().arg("check").arg(r.path()));
    assert!(!err.contains("ttra.log"), "{code:?} {err}");
}

#[test]
fn progress_per_part_and_the_gate_of_mark_appraised_with_its_logged_override() {
    let r = Round::demo(8, 2020);
    council(r.path(), true, true);
    let (code, out, err) = r.run(&["status"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Appraisal by part (appraisers):") && out.contains("tc — Phòng Kế hoạch - Tài chính: area 6"), "{out}");
    assert!(out.contains("Thanh tra Sở (ttra) — Appraisal: 0/2 parts: tc 0/8, tccb 0/12"), "{out}");
    // Refused while parts are open; nothing written.
    let (code, err) = r.mv("mark-appraised", "ttra");
    assert_eq!(code, Some(2));
    assert!(err.contains("parts not done yet: tc, tccb"), "{err}");
    assert_eq!(r.sheet("ttra", SheetKind::Submission).unwrap().status.as_str(), "submitted");
    // tc scores one criterion and says it is done.
    let (code, _, err) = r.run(&["appraise", "--unit", "ttra", "--criterion", "6.1.1", "--value", "on_time"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, out, err) = r.run(&["appraise", "--unit", "ttra", "--done", "--part", "tc"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("recorded as done"), "{out}");
    let (_, out, _) = r.run(&["appraise", "--unit", "ttra"]);
    assert!(out.contains("Appraisal: 1/2 parts") && out.contains("tc (Phòng Kế hoạch - Tài chính): 1/8 criteria, done"), "{out}");
    let (code, err) = r.mv("mark-appraised", "ttra");
    assert_eq!(code, Some(2));
    assert!(err.contains("parts not done yet: tccb") && !err.contains("tc,"), "{err}");
    // The Office's override: the move is made, and logged with the part missing.
    let (code, out, err) = r.run(&["mark-appraised", "--unit", "ttra", "--override"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("without these parts (tccb)"), "{out}");
    assert_eq!(r.sheet("ttra", SheetKind::Submission).unwrap().status.as_str(), "appraised");
    let (_, log, _) = r.run(&["log", "--unit", "ttra", "--format", "json"]);
    let entries: Vec<serde_json::Value> = log.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(entries.iter().any(|e| e["action"] == "override" && e["new"] == "tccb"), "{log}");
    assert!(entries.iter().any(|e| e["action"] == "part-done" && e["new"] == "tc"), "{log}");
    // With both parts done, no override is needed (on another submitted unit).
    let (code, _, err) = r.run(&["appraise", "--unit", "ttud", "--done", "--part", "tc"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = r.run(&["appraise", "--unit", "ttud", "--done", "--part", "tccb"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, err) = r.mv("mark-appraised", "ttud");
    assert_eq!(code, Some(0), "{err}");
    // `check` holds the marks to the log: a hand edit is an error naming the file.
    let (code, _, err) = common::output(common::bin_en().arg("check").arg(r.path()));
    assert!(!err.contains("council/"), "{code:?} {err}");
    r.write("council/ttud.toml", "done = []\n");
    let (code, _, err) = common::output(common::bin_en().arg("check").arg(r.path()));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("council/ttud.toml") && err.contains("changed outside parindex"), "{err}");
}

#[test]
fn without_appraisers_the_round_works_as_before() {
    let r = Round::demo(8, 2020);
    common::set_roles(r.path(), &Roles { office: true, reviewer: false, heads_of: &[], deadline: Some("2999-12-31") });
    let (code, _, err) = r.run(&["appraise", "--unit", "ttra", "--done"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("declares no appraiser"), "{err}");
    let (code, _, err) = r.run(&["appraise", "--unit", "ttra", "--criterion", "5.1.1", "--value", "approved"]);
    assert_eq!(code, Some(0), "the Office appraises everything: {err}");
    let (code, err) = r.mv("mark-appraised", "ttra");
    assert_eq!(code, Some(0), "{err}");
    let (_, out, _) = r.run(&["status"]);
    assert!(!out.contains("Appraisal by part"), "{out}");
}

/// The dashboard: two appraisers open the same unit at once; each edits its own criteria (the
/// rest is read-only, the reason in the status line), and both saves are kept.
#[test]
fn two_appraisers_in_the_dashboard_on_the_same_unit() {
    use parindex::text::Lang;
    use parindex::tui::session::Session;
    use parindex::tui::state::App;
    use parindex::tui::theme::Theme;
    let r = Round::demo(8, 2020);
    council(r.path(), false, false);
    let ws = r.ws();
    let ui = ws.unit_index("ttra").unwrap();
    let (c6, c5) = (ws.scorecard.node_index("6.1.1").unwrap(), ws.scorecard.node_index("5.1.1").unwrap());
    let mut lan = App::office_in(Session::open_as(r.ws(), "lan"), Lang::Vi, Theme::PLAIN).expect("an appraiser opens the dashboard");
    let mut an = App::office_in(Session::open_as(r.ws(), "an"), Lang::Vi, Theme::PLAIN).expect("so does the other");
    lan.open_appraisal(ui);
    an.open_appraisal(ui);
    assert!(lan.work.as_ref().unwrap().locked && an.work.as_ref().unwrap().locked, "neither waits for the other");
    common::select_node(&mut lan, c5);
    assert!(lan.readonly_reason().contains("thuộc phần của Bộ phận Tổ chức cán bộ"), "{}", lan.readonly_reason());
    common::key(&mut lan, ratatui::crossterm::event::KeyCode::Enter);
    assert!(lan.status.as_ref().is_some_and(|(s, _)| s.contains("thuộc phần của")), "{:?}", lan.status);
    common::select_node(&mut lan, c6);
    assert_eq!(lan.readonly_reason(), "");
    for (app, node, text) in [(&mut lan, c6, "Tài chính: chậm"), (&mut an, c5, "Tổ chức: đủ")] {
        let w = app.work.as_mut().unwrap();
        w.appr.answer_mut(node).comment = text.to_owned();
        w.dirty = true;
    }
    assert!(lan.save(false), "{:?}", lan.status);
    assert!(an.save(false), "{:?}", an.status);
    let a = r.sheet("ttra", SheetKind::Appraisal).unwrap();
    assert_eq!(a.answer(c6).unwrap().comment, "Tài chính: chậm");
    assert_eq!(a.answer(c5).unwrap().comment, "Tổ chức: đủ");
}

/// The first leaf under `prefix` (an area or a criterion group).
fn leaf_under(r: &Round, prefix: &str) -> String {
    let ws = r.ws();
    let id = ws.scorecard.leaves().map(|i| ws.scorecard.nodes[i].id.clone()).find(|id| id.starts_with(&format!("{prefix}.")));
    id.expect("a leaf in the area")
}

#[test]
fn an_appraiser_answers_objections_on_its_criteria_and_is_refused_on_others() {
    let r = Round::demo(8, 2020);
    let (mine, theirs, office) = (leaf_under(&r, "6"), leaf_under(&r, "5"), leaf_under(&r, "1"));
    council(r.path(), true, true);
    let (code, _, err) = r.run(&["publish", "--provisional", "--until", "31/12/2999"]);
    assert_eq!(code, Some(0), "{err}");
    common::set_roles(r.path(), &Roles { office: false, reviewer: false, heads_of: &["vp"], deadline: None });
    for c in [&mine, &theirs, &office] {
        let (code, _, err) = r.run(&["object", "--unit", "vp", "--criterion", c, "--reason", "Đã có văn bản"]);
        assert_eq!(code, Some(0), "{c}: {err}");
    }
    // Now only an appraiser (tc, area 6), not the Office nor a head.
    common::set_roles(r.path(), &Roles { office: false, reviewer: false, heads_of: &[], deadline: None });
    let before = std::fs::read_to_string(r.path().join("objections/vp.toml")).unwrap();
    let (code, _, err) = r.run(&["answer", "--unit", "vp", "--criterion", &theirs, "--reject", "--reason", "Không"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains(&format!("does not appraise `{theirs}`: it belongs to Bộ phận Tổ chức cán bộ")), "{err}");
    let (code, _, err) = r.run(&["answer", "--unit", "vp", "--criterion", &office, "--accept"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("the Office appraises it"), "{err}");
    assert_eq!(std::fs::read_to_string(r.path().join("objections/vp.toml")).unwrap(), before, "a refused answer writes nothing");
    let (code, _, err) = r.run(&["answer", "--unit", "vp", "--criterion", &mine, "--reject", "--reason", "Văn bản ban hành sau hạn"]);
    assert_eq!(code, Some(0), "{err}");
    let text = std::fs::read_to_string(r.path().join("objections/vp.toml")).unwrap();
    assert!(text.contains("answer = \"rejected\"") && text.contains("answer_reason = \"Văn bản ban hành sau hạn\""), "{text}");
    let (entries, _) = parindex::core::audit::read(r.path(), "vp").unwrap();
    let me = parindex::core::roles::current_user();
    assert!(entries.iter().any(|e| e.action == "answer" && e.criterion.as_deref() == Some(mine.as_str()) && e.user == me));
    // Neither an appraiser nor the Office: refused as before.
    let text = std::fs::read_to_string(r.path().join("workspace.toml")).unwrap();
    std::fs::write(r.path().join("workspace.toml"), text.replace(&format!("users = [\"{me}\"]\nareas"), "users = [\"lan\"]\nareas")).unwrap();
    let (code, _, err) = r.run(&["answer", "--unit", "vp", "--criterion", &theirs, "--accept"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("is not in the Office"), "{err}");
}

#[test]
fn a_done_part_edited_afterwards_is_open_again_and_the_log_says_why() {
    let r = Round::demo(8, 2020);
    council(r.path(), true, true);
    let run = |args: &[&str]| {
        let (code, out, err) = r.run(args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        out
    };
    run(&["appraise", "--unit", "ttra", "--done", "--part", "tc"]);
    run(&["appraise", "--unit", "ttra", "--done", "--part", "tccb"]);
    let done = || std::fs::read_to_string(r.path().join("council/ttra.toml")).unwrap();
    assert_eq!(done(), "done = [\"tc\", \"tccb\"]\n");
    // A change outside both parts (the Office's criteria) reopens nothing.
    run(&["appraise", "--unit", "ttra", "--criterion", "1.1.1", "--comment", "Đã xem"]);
    assert_eq!(done(), "done = [\"tc\", \"tccb\"]\n");
    // The Office changes a criterion of tc's part: tc is open again, tccb stays done.
    run(&["appraise", "--unit", "ttra", "--criterion", "6.1.1", "--value", "late"]);
    assert_eq!(done(), "done = [\"tccb\"]\n");
    let (entries, _) = parindex::core::audit::read(r.path(), "ttra").unwrap();
    let last = entries.last().unwrap();
    assert_eq!((last.action.as_str(), last.new.as_deref(), last.criterion.as_deref()), ("part-reopen", Some("tc"), Some("6.1.1")));
    // The gate sees it; marking done again passes it.
    let (code, err) = r.mv("mark-appraised", "ttra");
    assert_eq!(code, Some(2));
    assert!(err.contains("parts not done yet: tc"), "{err}");
    run(&["appraise", "--unit", "ttra", "--done", "--part", "tc"]);
    let (code, err) = r.mv("mark-appraised", "ttra");
    assert_eq!(code, Some(0), "{err}");
    // `check` holds the marks to the log after the reopen.
    let (code, _, err) = common::output(common::bin_en().arg("check").arg(r.path()));
    assert!(!err.contains("council/"), "{code:?} {err}");
}

/// The dashboard: an appraiser answers the objection to a criterion of its part (`Y`), and is
/// told whose part another criterion is.
#[test]
fn an_appraiser_answers_objections_in_the_dashboard() {
    use parindex::text::Lang;
    use parindex::tui::session::Session;
    use parindex::tui::state::{App, Dialog, Overlay};
    use parindex::tui::theme::Theme;
    use ratatui::crossterm::event::KeyCode;
    let r = Round::demo(8, 2020);
    let (mine, theirs) = (leaf_under(&r, "6"), leaf_under(&r, "5"));
    council(r.path(), true, false);
    let (code, _, err) = r.run(&["publish", "--provisional", "--until", "31/12/2999"]);
    assert_eq!(code, Some(0), "{err}");
    common::set_roles(r.path(), &Roles { office: false, reviewer: false, heads_of: &["vp"], deadline: None });
    for c in [&mine, &theirs] {
        let (code, _, err) = r.run(&["object", "--unit", "vp", "--criterion", c, "--reason", "Đã có văn bản"]);
        assert_eq!(code, Some(0), "{c}: {err}");
    }
    let mut lan = App::office_in(Session::open_as(r.ws(), "lan"), Lang::Vi, Theme::PLAIN).expect("an appraiser opens the dashboard");
    lan.open_appraisal(r.ws().unit_index("vp").unwrap());
    common::select(&mut lan, &theirs);
    common::ch(&mut lan, 'Y');
    assert!(lan.overlay.is_none());
    assert!(lan.status.as_ref().is_some_and(|(s, err)| *err && s.contains("thuộc phần của Bộ phận Tổ chức cán bộ")), "{:?}", lan.status);
    common::select(&mut lan, &mine);
    common::ch(&mut lan, 'Y');
    assert!(matches!(lan.overlay, Some(Overlay::Dialog(Dialog::Answer { .. }))), "{:?}", lan.status);
    common::ch(&mut lan, 'k');
    common::typ(&mut lan, "Văn bản ban hành sau hạn");
    common::key(&mut lan, KeyCode::Enter);
    assert!(lan.overlay.is_none(), "{:?}", lan.status);
    let text = std::fs::read_to_string(r.path().join("objections/vp.toml")).unwrap();
    assert!(text.contains("answer = \"rejected\"") && text.contains("answered_by = \"lan\""), "{text}");
    assert!(text.contains("answer_reason = \"Văn bản ban hành sau hạn\""), "{text}");
}

/// The Office's table names the selected unit's parts, read by the worker: in the background
/// the frame does not wait for it, and the line comes on a later frame.
#[test]
fn the_offices_table_shows_the_parts_without_reading_disk_in_the_frame() {
    use parindex::text::Lang;
    use parindex::tui::session::Session;
    use parindex::tui::state::App;
    use parindex::tui::theme::Theme;
    let r = Round::demo(8, 2020);
    council(r.path(), true, false);
    let ws = r.ws();
    let me = parindex::core::roles::current_user();
    let app = App::office_in(Session::open_as(ws, &me), Lang::Vi, Theme::PLAIN).expect("the Office's dashboard");
    let screen = common::draw(&app, 200, 60);
    assert!(screen.contains("Thẩm định: 0/2 phần (tc 1/8, tccb 0/12)"), "{screen}");
    // In the background: the first frame after a change may show the old line, never waits,
    // and the new one follows.
    let mut app = app;
    app.session.run_in_background();
    let (code, _, err) = r.run(&["appraise", "--unit", "qlcn", "--done", "--part", "tc"]);
    assert_eq!(code, Some(0), "{err}");
    app.forget_parts();
    let t = std::time::Instant::now();
    let _ = common::draw(&app, 200, 60);
    assert!(t.elapsed() < std::time::Duration::from_secs(1));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let screen = common::draw(&app, 200, 60);
        if screen.contains("Thẩm định: 1/2 phần (tc ✓") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the new line never came:\n{screen}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
