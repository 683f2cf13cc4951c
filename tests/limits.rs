//! Limits on every text field and list (issue 18): refused at input with the limit named and
//! nothing written (the command line, import, the dashboard); a file that already holds more
//! still loads, with a `check` warning; the audit log records the news item changed, not the
//! whole register.

mod common;

use std::fs;
use std::path::Path;

use common::{Roles, bin_en, output as run};
use parindex::core::answers::{Keep, SheetKind};
use parindex::core::limits;
use parindex::tui::Action;
use parindex::tui::state::Edit;
use ratatui::crossterm::event::KeyCode;

fn demo() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    bin_en().args(["demo", "--no-tui", "--units", "8"]).arg(d.path()).assert().success();
    d
}

fn roles(w: &Path, office: bool, reviewer: bool, heads_of: &[&str]) {
    common::set_roles(w, &Roles { office, reviewer, heads_of, deadline: None });
}

/// Every byte of the round's submissions, reviews and audit log of a unit.
fn bytes(w: &Path, unit: &str) -> Vec<Option<Vec<u8>>> {
    ["submissions", "reviews", "audit"]
        .iter()
        .map(|d| {
            let ext = if *d == "audit" { "jsonl" } else { "toml" };
            fs::read(w.join(d).join(format!("{unit}.{ext}"))).ok()
        })
        .collect()
}

fn add(w: &Path, unit: &str, title: &str, link: &str) -> (Option<i32>, String, String) {
    run(bin_en().args(["news", "add", "-w"]).arg(w).args(["--unit", unit, "--title", title, "--date", "12/10/2020", "--link", link]))
}

#[test]
fn news_add_refuses_each_field_past_its_limit_and_writes_nothing() {
    let d = demo();
    let w = d.path();
    roles(w, false, false, &["qlkh"]);
    let before = bytes(w, "qlkh");
    let long = |n: usize| "ệ".repeat(n);
    let cases: [(Vec<String>, usize); 3] = [
        (vec!["--title".into(), long(limits::NEWS_TITLE + 1), "--link".into(), "https://a.vn".into()], limits::NEWS_TITLE),
        (vec!["--title".into(), "Tin".into(), "--link".into(), format!("https://a.vn/{}", "a".repeat(limits::NEWS_LINK))], limits::NEWS_LINK),
        (
            vec!["--title".into(), "Tin".into(), "--link".into(), "https://a.vn".into(), "--sent-to".into(), long(limits::NEWS_SENT_TO + 1)],
            limits::NEWS_SENT_TO,
        ),
    ];
    for (args, max) in cases {
        let (code, _, err) = run(bin_en().args(["news", "add", "-w"]).arg(w).args(["--unit", "qlkh", "--date", "12/10/2020"]).args(&args));
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains(&format!("over the limit of {max}")), "{err}");
        // Refused at input, not by the store's last-line guard.
        assert!(!err.contains("not written"), "{err}");
        assert_eq!(bytes(w, "qlkh"), before, "nothing written");
    }
    // Vietnamese first: the limit is named in the default language too.
    let (code, _, err) = run(common::bin().args(["news", "add", "-w"]).arg(w).args([
        "--unit",
        "qlkh",
        "--date",
        "12/10/2020",
        "--link",
        "https://a.vn",
        "--title",
        &long(limits::NEWS_TITLE + 1),
    ]));
    assert_eq!(code, Some(2));
    assert!(err.contains(&format!("vượt giới hạn {} ký tự", limits::NEWS_TITLE)), "{err}");
    // At the limit exactly: taken.
    let (code, _, err) = add(w, "qlkh", &long(limits::NEWS_TITLE), "https://a.vn");
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn news_add_refuses_one_item_past_the_list_limit() {
    let d = demo();
    let w = d.path();
    roles(w, false, false, &["qlkh"]);
    // Fill the register to its limit through the library (a logged save).
    let ws = parindex::core::workspace::Workspace::load(w).unwrap();
    let mut sheet = ws.load_sheet("qlkh", SheetKind::Submission).unwrap().unwrap();
    let proto = parindex::core::register::typed_item("Tin", "12/10/2020", Some("https://a.vn"), None, "").unwrap();
    sheet.news = (0..limits::NEWS_ITEMS).map(|k| parindex::core::register::NewsItem { title: format!("Tin {k}"), ..proto.clone() }).collect();
    ws.save_edit(&sheet, SheetKind::Submission, "lan").unwrap();
    let before = bytes(w, "qlkh");
    let (code, _, err) = add(w, "qlkh", "Tin thêm", "https://a.vn");
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains(&format!("over the limit of {}", limits::NEWS_ITEMS)), "{err}");
    assert!(!err.contains("not written"), "refused at input: {err}");
    assert_eq!(bytes(w, "qlkh"), before, "nothing written");
}

#[test]
fn confirm_and_return_refuse_a_reason_past_its_limit() {
    let d = demo();
    let w = d.path();
    roles(w, true, true, &[]);
    let long = "x".repeat(limits::REASON + 1);
    let before = bytes(w, "ccdl");
    let (code, _, err) = run(bin_en().arg("confirm").arg("-w").arg(w).args(["--unit", "ccdl", "--item", "1", "--reject", "--reason", &long]));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains(&format!("over the limit of {}", limits::REASON)), "{err}");
    assert_eq!(bytes(w, "ccdl"), before, "nothing written");
    let before = bytes(w, "ttra");
    let (code, _, err) = run(bin_en().arg("return").arg("-w").arg(w).args(["--unit", "ttra", "--reason", &long]));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains(&format!("over the limit of {}", limits::REASON)), "{err}");
    assert_eq!(bytes(w, "ttra"), before, "nothing written: not even the move");
}

#[test]
fn import_refuses_a_sealed_file_past_a_limit() {
    let d = demo();
    let w = d.path();
    roles(w, true, false, &[]);
    let ws = parindex::core::workspace::Workspace::load(w).unwrap();
    let unit = ws.units.iter().find(|u| u.keys.is_empty() && u.id == "ttud").map(|u| u.id.clone()).expect("ttud has no keys");
    let mut sheet = ws.load_sheet(&unit, SheetKind::Submission).unwrap().unwrap();
    let leaf = *sheet.answers.keys().next().unwrap();
    sheet.answer_mut(leaf).note = "n".repeat(limits::NOTE + 1);
    sheet.seal = Some(parindex::core::seal::digest(&sheet, &ws.scorecard));
    let file = d.path().join("..").join(format!("limits-import-{}.toml", std::process::id()));
    fs::write(&file, sheet.to_toml(&ws.scorecard, SheetKind::Submission)).unwrap();
    let before = bytes(w, &unit);
    let (code, _, err) = run(bin_en().arg("import").args(["--unit", &unit]).arg("-w").arg(w).arg(&file));
    let _ = fs::remove_file(&file);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains(&format!("over the limit of {}", limits::NOTE)), "{err}");
    assert_eq!(bytes(w, &unit), before, "nothing written");
}

#[test]
fn a_file_with_an_over_long_note_loads_with_a_check_warning() {
    let d = demo();
    let w = d.path();
    let path = w.join("submissions/qlkh.toml");
    let text = fs::read_to_string(&path).unwrap();
    let long = "d".repeat(limits::NOTE + 7);
    // A hand edit: the first note of the file made too long.
    let at = text.find("note = \"").expect("a note in qlkh") + "note = \"".len();
    let end = at + text[at..].find('"').unwrap();
    let edited = format!("{}{long}{}", &text[..at], &text[end..]);
    fs::write(&path, edited).unwrap();
    // It loads: the round, the sheet, the figures.
    let ws = parindex::core::workspace::Workspace::load(w).expect("the round loads");
    let sheet = ws.load_sheet_keeping("qlkh", SheetKind::Submission, Keep::All).unwrap().unwrap();
    assert!(sheet.answers.values().any(|a| a.note == long));
    let (code, out, err) = run(bin_en().arg("status").arg("-w").arg(w));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("qlkh"));
    // `check` names the field and the limit.
    let (_, out, err) = run(bin_en().arg("check").arg(w));
    let all = format!("{out}{err}");
    assert!(all.contains(&format!("(`note`) is {} characters long, over the limit of {}", limits::NOTE + 7, limits::NOTE)), "{all}");

    // A news item's title and a list of evidence past their limits: the same.
    let path = w.join("submissions/ccdl.toml");
    let text = fs::read_to_string(&path).unwrap();
    let at = text.find("{ title = \"").expect("a news item in ccdl") + "{ title = \"".len();
    let edited = format!("{}{}{}", &text[..at], "t".repeat(limits::NEWS_TITLE + 1), &text[at..]);
    let many: String = (0..=limits::EVIDENCE_ITEMS).map(|k| format!("  {{ ref = \"{}/KH-SKH&CN\", title = \"T\" }},\n", k + 10)).collect();
    let at = edited.find("evidence = [\n").expect("an evidence list in ccdl") + "evidence = [\n".len();
    let edited = format!("{}{many}{}", &edited[..at], &edited[at..]);
    fs::write(&path, edited).unwrap();
    parindex::core::workspace::Workspace::load(w).expect("the round loads");
    let (code, out, err) = run(bin_en().arg("status").arg("-w").arg(w));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("ccdl"));
    let (_, out, err) = run(bin_en().arg("check").arg(w));
    let all = format!("{out}{err}");
    assert!(all.contains("(`news.title`) is ") && all.contains(&format!("characters long, over the limit of {}", limits::NEWS_TITLE)), "{all}");
    assert!(all.contains(&format!("has {} evidence entries, over the limit of {}", limits::EVIDENCE_ITEMS + 1, limits::EVIDENCE_ITEMS)), "{all}");
}

#[test]
fn each_news_add_logs_the_item_not_the_register() {
    let d = demo();
    let w = d.path();
    roles(w, false, false, &["qlkh"]);
    let log = w.join("audit/qlkh.jsonl");
    let size = || fs::metadata(&log).map_or(0, |m| m.len());
    let start = size();
    for k in 0..100 {
        let (code, _, err) = add(w, "qlkh", &format!("Tin số {k}"), &format!("https://a.vn/{k}"));
        assert_eq!(code, Some(0), "{err}");
    }
    let per_add = (size() - start) / 100;
    eprintln!("{per_add} bytes of log per add (small fields)");
    assert!(per_add < 1024, "{per_add} bytes of log per add");

    // With every field at its limit, the log grows by at most about the item's own size per add,
    // whatever the register holds.
    let title = |k: usize| format!("{k:03} {}", "ệ".repeat(limits::NEWS_TITLE - 4));
    let link = format!("https://a.vn/{}", "a".repeat(limits::NEWS_LINK - 13));
    let item_bytes = (title(0).len() + link.len()) as u64;
    let mut growth = Vec::new();
    for k in 0..20 {
        let s = size();
        let (code, _, err) = add(w, "qlkh", &title(k), &link);
        assert_eq!(code, Some(0), "{err}");
        growth.push(size() - s);
    }
    let max = *growth.iter().max().unwrap();
    eprintln!("max-size items of {item_bytes} bytes: log growth per add {growth:?}");
    assert!(max < item_bytes + 1024, "{max} bytes of log for an item of {item_bytes}");
    assert!(growth[19] <= growth[0] + 16, "the 20th add logs no more than the 1st: {growth:?}");
    // The chain still verifies.
    let (code, out, err) = run(bin_en().arg("check").arg(w));
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("Workspace is valid") && !format!("{out}{err}").contains("qlkh"), "{out}{err}");
}

// --- the dashboard ---------------------------------------------------------------------------

fn note_text(app: &parindex::tui::state::App) -> Option<String> {
    match &app.work.as_ref().unwrap().edit {
        Some(Edit::Note { area, .. }) => Some(area.lines().join("\n")),
        _ => None,
    }
}

fn status(app: &parindex::tui::state::App) -> String {
    app.status.as_ref().map(|s| s.0.clone()).unwrap_or_default()
}

#[test]
fn the_dashboard_refuses_typing_and_cuts_a_paste_past_a_note_limit() {
    use parindex::tui::state::Field;
    let (_d, mut app) = common::unit_app("qlkh");
    let id = common::leaf_with_rule(&app, "manual");
    common::select(&mut app, &id);
    let pos = app.fields().iter().position(|&x| x == Field::Note).expect("the note is offered");
    app.work.as_mut().unwrap().field = pos;
    common::key(&mut app, KeyCode::Enter);
    let start = note_text(&app).expect("editing the note");
    assert!(start.chars().count() < limits::NOTE);
    // A paste of twice the limit stops at it, and says so.
    app.update(Action::Paste("ă".repeat(2 * limits::NOTE)));
    let text = note_text(&app).unwrap();
    assert_eq!(text.chars().count(), limits::NOTE, "cut at the limit");
    assert!(status(&app).contains(&format!("vượt giới hạn {} ký tự", limits::NOTE)), "{}", status(&app));
    // One more character typed is refused.
    app.status = None;
    common::ch(&mut app, 'z');
    assert_eq!(note_text(&app).unwrap(), text, "typing past the limit changes nothing");
    assert!(status(&app).contains(&limits::NOTE.to_string()), "{}", status(&app));
    // Deleting still works, and then one character fits again.
    common::key(&mut app, KeyCode::Backspace);
    common::ch(&mut app, 'z');
    assert!(note_text(&app).unwrap().ends_with('z'));
    // Kept and saved: at the limit, not past it.
    common::key(&mut app, KeyCode::Esc);
    common::ctrl(&mut app, 's');
    let saved = common::sheet(app.ws().dir.as_path(), "qlkh", SheetKind::Submission).unwrap();
    let node = app.ws().scorecard.nodes.iter().position(|n| n.id == id).unwrap();
    assert!(saved.answers[&node].note.chars().count() <= limits::NOTE);
}

#[test]
fn the_dashboard_cuts_an_evidence_title_and_refuses_a_news_title_past_the_limit() {
    use parindex::tui::state::Field;
    let (_d, mut app) = common::unit_app("qlkh");
    let id = common::leaf_with_rule(&app, "manual");
    common::select(&mut app, &id);
    let pos = app.fields().iter().position(|&x| x == Field::AddEvidence).expect("add evidence");
    app.work.as_mut().unwrap().field = pos;
    common::key(&mut app, KeyCode::Enter);
    common::key(&mut app, KeyCode::Tab);
    common::key(&mut app, KeyCode::Tab);
    app.update(Action::Paste("t".repeat(limits::EVIDENCE_TITLE + 50)));
    match &app.work.as_ref().unwrap().edit {
        Some(Edit::Evidence(f)) => assert_eq!(f.fields[2].text.chars().count(), limits::EVIDENCE_TITLE),
        _ => panic!("the evidence form"),
    }
    assert!(status(&app).contains(&format!("vượt giới hạn {}", limits::EVIDENCE_TITLE)), "{}", status(&app));
    common::ch(&mut app, 'x');
    match &app.work.as_ref().unwrap().edit {
        Some(Edit::Evidence(f)) => assert_eq!(f.fields[2].text.chars().count(), limits::EVIDENCE_TITLE, "a key at the limit is refused"),
        _ => panic!("the evidence form"),
    }
    common::key(&mut app, KeyCode::Esc);

    // The news form: typing a title one character past the limit.
    common::select(&mut app, "1.5.3");
    let pos = app.fields().iter().position(|&x| x == Field::AddNews).expect("add news");
    app.work.as_mut().unwrap().field = pos;
    common::key(&mut app, KeyCode::Enter);
    common::typ(&mut app, &"a".repeat(limits::NEWS_TITLE + 1));
    match &app.work.as_ref().unwrap().edit {
        Some(Edit::Evidence(f)) => assert_eq!(f.fields[0].text.chars().count(), limits::NEWS_TITLE),
        _ => panic!("the news form"),
    }
    assert!(status(&app).contains(&format!("vượt giới hạn {}", limits::NEWS_TITLE)), "{}", status(&app));
}

#[test]
fn the_dashboard_cuts_a_return_reason_at_its_limit() {
    use parindex::tui::state::{Dialog, Overlay};
    let (_d, mut app) = common::office_app();
    let ui = app.ws().units.iter().position(|u| u.id == "ttra").expect("ttra");
    app.open_appraisal(ui);
    common::ch(&mut app, 'T');
    assert!(matches!(app.overlay, Some(Overlay::Dialog(Dialog::Move { reason: Some(_), .. }))), "the return dialog asks why");
    app.update(Action::Paste("l".repeat(limits::REASON + 10)));
    common::ch(&mut app, 'x');
    match &app.overlay {
        Some(Overlay::Dialog(Dialog::Move { reason: Some(r), .. })) => assert_eq!(r.text.chars().count(), limits::REASON),
        _ => panic!("the dialog stays open"),
    }
    assert!(status(&app).contains(&format!("vượt giới hạn {}", limits::REASON)), "{}", status(&app));
}

#[test]
fn a_save_never_writes_a_text_past_its_limit_but_keeps_one_already_there() {
    let d = demo();
    let w = d.path();
    let ws = parindex::core::workspace::Workspace::load(w).unwrap();
    let mut sheet = ws.load_sheet("qlkh", SheetKind::Submission).unwrap().unwrap();
    let leaf = *sheet.answers.keys().next().unwrap();
    let before = bytes(w, "qlkh");
    // Whatever the caller checked, the store refuses (the library, a recovered journal…).
    let mut over = sheet.clone();
    over.answer_mut(leaf).note = "n".repeat(limits::NOTE + 1);
    let e = ws.save_edit(&over, SheetKind::Submission, "lan").unwrap_err();
    assert_eq!(
        parindex::core::store::dir::refusal(parindex::core::store::dir::at_path(&e).map_or(&e, |a| &a.source)),
        Some(parindex::core::say::Refused::Limit {
            over: limits::Over::Text { field: limits::Field::Note, max: limits::NOTE, len: limits::NOTE + 1 }
        })
    );
    assert!(parindex::text::msg::store::io_error(&e, parindex::text::Lang::En).contains("over the limit of 5000"));
    assert_eq!(bytes(w, "qlkh"), before, "nothing written");
    // A file that already holds a longer note (a hand edit) saves other changes.
    let path = w.join("submissions/qlkh.toml");
    sheet.answer_mut(leaf).note = "h".repeat(limits::NOTE + 3);
    fs::write(&path, sheet.to_toml(&ws.scorecard, SheetKind::Submission)).unwrap();
    let mut next = ws.load_sheet("qlkh", SheetKind::Submission).unwrap().unwrap();
    next.answer_mut(leaf).reply = "Đã bổ sung".into();
    assert!(ws.save_edit(&next, SheetKind::Submission, "lan").unwrap());
    // But it cannot grow.
    next.answer_mut(leaf).note.push('!');
    assert!(ws.save_edit(&next, SheetKind::Submission, "lan").is_err());
}

#[test]
fn init_refuses_a_round_title_past_its_limit() {
    let d = demo();
    let target = d.path().join("new-round");
    let (code, _, err) = run(bin_en()
        .arg("init")
        .arg(&target)
        .arg("--scorecard")
        .arg(d.path().join("scorecard.toml"))
        .args(["--title", &"T".repeat(limits::ROUND_TITLE + 1)]));
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains(&format!("over the limit of {}", limits::ROUND_TITLE)), "{err}");
    assert!(!target.exists(), "nothing written");
    let (code, _, err) = run(bin_en()
        .arg("init")
        .arg(&target)
        .arg("--scorecard")
        .arg(d.path().join("scorecard.toml"))
        .args(["--title", &"T".repeat(limits::ROUND_TITLE)]));
    assert_eq!(code, Some(0), "{err}");
}
