//! One bad sheet never takes the round down (issue 17): a submission, appraisal or confirmations
//! file that fails to load marks that unit unreadable, with its file:line:col, in `rank`,
//! `status`, the exports and the dashboard; every other unit is ranked as usual, and `rank` and
//! `status` exit 1 after printing the whole table.

#![cfg(unix)]

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use parindex::core::workspace::Workspace;
use parindex::text::Lang;
use parindex::tui::Theme;
use parindex::tui::state::{App, Screen};
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;

/// The unit whose file is broken in every case: it has a submission with news items, an
/// appraisal and the reviewers' confirmations in the demo round.
const UNIT: &str = "qlcn";
/// The Vietnamese word of an unreadable unit.
const UNREADABLE: &str = "Không đọc được";

/// A way a sheet of [`UNIT`] fails to load, and the file it breaks.
#[derive(Clone, Copy, Debug)]
enum Break {
    /// The submission cut off in the middle of a string.
    TruncatedSubmission,
    /// The appraisal with a syntax error at its end.
    AppraisalSyntax,
    /// The submission from a newer parindex, with a `version` this one does not know.
    FutureVersion,
    /// The reviewers' confirmations that do not parse.
    Confirmations,
}

const ALL: [Break; 4] = [Break::TruncatedSubmission, Break::AppraisalSyntax, Break::FutureVersion, Break::Confirmations];

impl Break {
    fn rel(self) -> String {
        match self {
            Break::TruncatedSubmission | Break::FutureVersion => format!("submissions/{UNIT}.toml"),
            Break::AppraisalSyntax => format!("appraisals/{UNIT}.toml"),
            Break::Confirmations => format!("reviews/{UNIT}.toml"),
        }
    }

    fn apply(self, dir: &Path) {
        let path = dir.join(self.rel());
        let text = fs::read_to_string(&path).unwrap();
        let broken = match self {
            Break::TruncatedSubmission => {
                let at = text.find("seal = \"").expect("a sealed submission") + 20;
                text[..at].to_owned()
            }
            Break::AppraisalSyntax => format!("{text}\n[answers\n"),
            Break::FutureVersion => format!("version = 2\n{text}"),
            Break::Confirmations => format!("unit = \"{UNIT}\"\n[[item]\nkey = \"x\"\n"),
        };
        fs::write(&path, broken).unwrap();
    }
}

fn parindex(state: &Path) -> Command {
    let mut c = Command::cargo_bin("parindex").unwrap();
    c.env_remove("PARINDEX_LANG").env_remove("PARINDEX_NO_CACHE").env("XDG_STATE_HOME", state);
    c
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(state: &Path, args: &[&str]) -> Run {
    let out = parindex(state).args(args).output().unwrap();
    Run { code: out.status.code().unwrap_or(-1), stdout: String::from_utf8(out.stdout).unwrap(), stderr: String::from_utf8(out.stderr).unwrap() }
}

/// A demo round (8 units) with [`UNIT`] broken as `b` says, and its state folder.
fn broken(b: Break) -> (tempfile::TempDir, tempfile::TempDir, Workspace) {
    let (dir, _) = common::demo();
    b.apply(dir.path());
    let ws = Workspace::load(dir.path()).expect("the workspace itself still loads");
    (dir, tempfile::tempdir().unwrap(), ws)
}

/// The first error `check` reports in the broken file, as `rel:line:col` (check is the
/// reference: it keeps reporting what it did).
fn checked_place(state: &Path, dir: &Path, b: Break) -> String {
    let r = run(state, &["check", dir.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{b:?}: check fails\n{}", r.stderr);
    let rel = b.rel();
    let line = r
        .stderr
        .lines()
        .find(|l| l.contains(&format!("{rel}:")) && !l.contains("cảnh báo"))
        .unwrap_or_else(|| panic!("{b:?}: check names {rel}\n{}", r.stderr));
    let at = line.find(&rel).unwrap();
    let rest = &line[at + rel.len() + 1..];
    let mut parts = rest.splitn(3, ':');
    let (l, c) = (parts.next().unwrap(), parts.next().unwrap());
    assert!(l.parse::<u32>().is_ok() && c.parse::<u32>().is_ok(), "{b:?}: check gives a line and column: {line}");
    format!("{rel}:{l}:{c}")
}

/// Units with no submission: listed, never ranked (issue 21).
fn missing(ws: &Workspace) -> usize {
    ws.units.iter().filter(|u| !ws.dir.join("submissions").join(format!("{}.toml", u.id)).exists()).count()
}

fn name(ws: &Workspace) -> String {
    ws.units[ws.unit_index(UNIT).unwrap()].name.clone()
}

#[test]
fn rank_and_status_list_the_unit_unreadable_rank_the_others_and_exit_1() {
    for b in ALL {
        let (dir, state, ws) = broken(b);
        let w = dir.path().to_str().unwrap();
        let st = state.path();
        let place = checked_place(st, dir.path(), b);
        let name = name(&ws);
        // Twice: the second run takes the other units from the cache and still reads the
        // broken unit again (an unreadable outcome is never cached as a result).
        for pass in 0..2 {
            let r = run(st, &["rank", "-w", w]);
            assert_eq!(r.code, 1, "{b:?} pass {pass}: rank exits 1\n{}{}", r.stdout, r.stderr);
            let row = r.stdout.lines().find(|l| l.contains(&name) && l.contains(UNREADABLE)).unwrap_or_else(|| panic!("{b:?}: row\n{}", r.stdout));
            assert!(row.trim_start().starts_with('—'), "{b:?}: no rank: {row}");
            assert!(r.stdout.contains(&place), "{b:?}: rank gives {place}\n{}", r.stdout);
            // Every other unit is ranked, 1 to 7.
            let ranked: Vec<u32> = r
                .stdout
                .lines()
                .filter(|l| l.starts_with("   ") || l.starts_with("  "))
                .filter_map(|l| l.split_whitespace().next()?.parse().ok())
                .collect();
            // (A unit with no submission is listed, not ranked: issue 21.)
            assert_eq!(ranked.len(), ws.units.len() - 1 - missing(&ws), "{b:?}: the others are ranked\n{}", r.stdout);

            let r = run(st, &["rank", "-w", w, "--format", "json"]);
            assert_eq!(r.code, 1, "{b:?}: rank json exits 1\n{}", r.stderr);
            assert!(r.stderr.contains(&place), "{b:?}: rank json says why on stderr\n{}", r.stderr);
            let v: Value = serde_json::from_str(&r.stdout).expect("the whole JSON is printed");
            let items = v.as_array().unwrap();
            assert_eq!(items.len(), ws.units.len());
            let bad = items.iter().find(|x| x["unit"] == UNIT).unwrap();
            assert_eq!(bad["integrity"], "unreadable");
            assert_eq!(bad["rank"], Value::Null);
            assert!(bad["error"].as_str().unwrap().contains(&place), "{b:?}: {bad}");
            let mut ranks: Vec<u64> =
                items.iter().filter(|x| x["unit"] != UNIT && x["status"] != "missing").map(|x| x["rank"].as_u64().unwrap()).collect();
            ranks.sort_unstable();
            assert_eq!(ranks.first(), Some(&1), "{b:?}: the others ranked from 1");
        }

        let r = run(st, &["status", "-w", w]);
        assert_eq!(r.code, 1, "{b:?}: status exits 1\n{}{}", r.stdout, r.stderr);
        assert!(r.stdout.lines().any(|l| l.starts_with(UNIT) && l.contains(UNREADABLE)), "{b:?}: status row\n{}", r.stdout);
        assert!(r.stdout.contains(&place), "{b:?}: status gives {place}\n{}", r.stdout);
        // Every other unit shows its figures.
        assert_eq!(
            r.stdout
                .lines()
                .filter(|l| l.contains(&format!(
                    "/{} · ",
                    ws.scorecard.leaves().filter(|&i| !parindex::core::figures::Counts::office_only(&ws.scorecard, i)).count()
                )))
                .count(),
            ws.units.len() - 1,
            "{b:?}\n{}",
            r.stdout
        );
        // Repaired (a fresh copy of the demo's file): ranked again, nothing stale from the cache.
        let (fresh, _) = common::demo();
        fs::copy(fresh.path().join(b.rel()), dir.path().join(b.rel())).unwrap();
        let r = run(st, &["rank", "-w", w, "--format", "json"]);
        assert_eq!(r.code, 0, "{b:?}: repaired\n{}", r.stderr);
        let v: Value = serde_json::from_str(&r.stdout).unwrap();
        assert!(
            v.as_array().unwrap().iter().all(|x| (x["rank"].is_u64() || x["status"] == "missing") && x["integrity"] != "unreadable"),
            "{b:?}: {v}"
        );
        let cold = parindex(st).env("PARINDEX_NO_CACHE", "1").args(["rank", "-w", w, "--format", "json"]).output().unwrap();
        assert_eq!(String::from_utf8(cold.stdout).unwrap(), r.stdout, "{b:?}: the cache gives what a cold run gives");
    }
}

#[test]
fn exports_name_the_unit_unreadable_without_figures() {
    for b in ALL {
        let (dir, state, ws) = broken(b);
        let w = dir.path().to_str().unwrap();
        let st = state.path();
        let place = checked_place(st, dir.path(), b);
        let json = dir.path().join("out.json");
        let r = run(st, &["export", "-w", w, "--format", "json", "-o", json.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{b:?}: the export is written\n{}", r.stderr);
        let v: Value = serde_json::from_str(&fs::read_to_string(&json).unwrap()).unwrap();
        let ranking = v["ranking"].as_array().unwrap();
        assert_eq!(ranking.len(), ws.units.len(), "{b:?}: every unit is listed");
        let bad = ranking.iter().find(|x| x["unit"] == UNIT).unwrap();
        assert_eq!(bad["integrity"], "unreadable", "{b:?}");
        assert!(bad["error"].as_str().unwrap().contains(&place), "{b:?}: {bad}");
        assert!(bad.get("index").is_none() && bad["rank"].is_null(), "{b:?}: no figures: {bad}");

        let xlsx = dir.path().join("out.xlsx");
        let r = run(st, &["export", "-w", w, "--format", "xlsx", "-o", xlsx.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{b:?}: the workbook is written\n{}", r.stderr);
        let cells = workbook_ranking(&xlsx);
        let row = cells.iter().find(|row| row.iter().any(|c| c.contains(&name(&ws)))).unwrap_or_else(|| panic!("{b:?}: the workbook names the unit"));
        assert!(row.iter().any(|c| c == UNREADABLE), "{b:?}: marked unreadable: {row:?}");
        assert!(cells.iter().flatten().any(|c| c.contains(&place)), "{b:?}: the workbook gives {place}");

        // The Office's notice names it too; the unit's own report is its load error.
        let docx = dir.path().join("out.docx");
        let r = run(st, &["report", "-w", w, "--office", "-o", docx.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{b:?}: the notice is written\n{}", r.stderr);
        let mut z = zip::ZipArchive::new(fs::File::open(&docx).unwrap()).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
        assert!(xml.contains(&format!("{}: {UNREADABLE}: ", name(&ws))), "{b:?}: the notice names the unit unreadable");
        let r = run(st, &["report", "-w", w, "--unit", UNIT, "-o", dir.path().join("unit.docx").to_str().unwrap()]);
        assert_eq!(r.code, 2, "{b:?}: no report of an unreadable unit\n{}", r.stderr);
        assert!(r.stderr.contains(&place), "{b:?}: {}", r.stderr);

        let csv = dir.path().join("out.csv");
        let r = run(st, &["export", "-w", w, "--format", "csv", "-o", csv.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{b:?}\n{}", r.stderr);
        let text = fs::read_to_string(&csv).unwrap();
        assert!(text.lines().any(|l| l.contains(UNIT) && l.contains(UNREADABLE)), "{b:?}: csv\n{text}");
    }
}

/// Every cell of the workbook's ranking sheet, as text, row by row.
fn workbook_ranking(path: &Path) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range("Xếp hạng").unwrap();
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

#[test]
fn the_dashboard_opens_and_shows_the_unit_unreadable() {
    for b in ALL {
        let (dir, _state, ws) = broken(b);
        let name = name(&ws);
        let place = b.rel();
        let mut app = App::for_office(ws, Lang::Vi, Theme::PLAIN).unwrap_or_else(|e| panic!("{b:?}: the Office's dashboard opens\n{e}"));
        let screen = common::draw(&app, 80, 24);
        let row = screen.lines().find(|l| l.contains('✗')).unwrap_or_else(|| panic!("{b:?}: the unit is marked\n{screen}"));
        assert!(row.contains('—'), "{b:?}: no rank, no index: {row}");
        let o = app.office.as_ref().unwrap();
        let i = app.ws().unit_index(UNIT).unwrap();
        assert!(o.results.units[i].is_unreadable(), "{b:?}");
        assert_eq!(o.ranks.iter().filter(|&&r| r > 0).count(), app.ws().units.len() - 1 - missing(app.ws()), "{b:?}: the others are ranked");
        // Listed last (no rank), opening it shows why and keeps the dashboard.
        let pos = o.order.iter().position(|&x| x == i).unwrap();
        // (With the units that did not submit, also listed unranked: issue 21.)
        assert!(pos >= o.ranks.iter().filter(|&&r| r > 0).count(), "{b:?}: listed after the ranked units");
        for _ in 0..pos {
            common::key(&mut app, KeyCode::Down);
        }
        common::key(&mut app, KeyCode::Enter);
        assert_eq!(app.screen, Screen::Office, "{b:?}: the dashboard stays");
        let (msg, error) = app.status.clone().expect("a message");
        assert!(error && msg.contains(UNREADABLE) && msg.contains(&name) && msg.contains(&place), "{b:?}: {msg}");
        let screen = common::draw(&app, 80, 24);
        assert!(screen.contains(UNREADABLE), "{b:?}: the message is on screen\n{screen}");
        // The ranking lists it too, unranked.
        common::ch(&mut app, 'r');
        let screen = common::draw(&app, 80, 24);
        assert!(screen.lines().any(|l| l.contains('✗') && l.contains('—')), "{b:?}: ranking\n{screen}");
        drop(dir);
    }
}

#[test]
fn a_head_whose_own_sheet_does_not_load_is_told_so() {
    for b in [Break::TruncatedSubmission, Break::FutureVersion] {
        let (_dir, _state, ws) = broken(b);
        let name = name(&ws);
        let Err(msg) = App::for_unit(ws, UNIT, Lang::Vi, Theme::PLAIN) else { panic!("{b:?}: a sheet that does not load cannot be edited") };
        assert!(msg.contains(&format!("Không đọc được tệp của đơn vị {name}")), "{b:?}: {msg}");
        assert!(msg.contains(&b.rel()), "{b:?}: {msg}");
    }
}

#[test]
fn a_sheet_broken_after_the_ranking_does_not_abort_the_workbook() {
    // The ranking is computed, then a unit's submission breaks before the workbook reads its
    // sheets for the per-unit pages: that page says why, every other page is written.
    let (dir, ws) = common::demo();
    let results = parindex::core::results::RoundResults::from_disk(&ws).unwrap();
    Break::TruncatedSubmission.apply(dir.path());
    let opts = parindex::export::ExportOptions::default();
    let bytes = parindex::export::render(&ws, &results, parindex::export::ExportFormat::Xlsx, &opts).expect("the workbook is made");
    let path = dir.path().join("late.xlsx");
    fs::write(&path, bytes).unwrap();
    use calamine::{Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names.len(), ws.units.len() + 1, "{names:?}");
    let page = wb.worksheet_range(UNIT).unwrap();
    let text: Vec<String> = page.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(text.iter().any(|c| c.contains(UNREADABLE)), "{text:?}");
    assert!(text.iter().any(|c| c.contains(&format!("{}:5:", Break::TruncatedSubmission.rel()))), "{text:?}");
}

#[test]
fn a_sheet_broken_elsewhere_while_the_dashboard_is_open_marks_only_that_unit() {
    let (dir, ws) = common::demo();
    let mut app = App::for_office(ws, Lang::Vi, Theme::PLAIN).unwrap();
    let i = app.ws().unit_index(UNIT).unwrap();
    assert!(!app.office.as_ref().unwrap().results.units[i].is_unreadable());
    Break::AppraisalSyntax.apply(dir.path());
    // The first look at the files is due at once (no clock to wait for).
    app.tick(std::time::Instant::now());
    let o = app.office.as_ref().unwrap();
    assert!(o.results.units[i].is_unreadable(), "{:?}", app.status);
    assert!(o.results.error(i).is_some());
    assert_eq!(o.ranks[i], 0, "no rank");
    assert_eq!(o.ranks.iter().filter(|&&r| r > 0).count(), app.ws().units.len() - 1 - missing(app.ws()), "the others keep their ranks");
    let (msg, error) = app.status.clone().expect("a message");
    assert!(error && msg.contains(UNREADABLE) && msg.contains(&Break::AppraisalSyntax.rel()), "{msg}");
    let screen = common::draw(&app, 80, 24);
    assert!(screen.lines().any(|l| l.contains('✗')), "{screen}");
}
