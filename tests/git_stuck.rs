//! A clone stuck on a commit the server will never take (issue 20): the refusal names the way
//! out, `parindex sync --set-aside-refused`, which keeps the refused change (a branch in the
//! clone, a bundle and patches in the user's state folder) and resets the clone to the server's
//! branch; the next sync goes through. Needs git (CI installs it).

// Unix only: a fake `ssh` written as a shell script.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};

use common::git::{Net, git};

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else { return out };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The Office's tuoc appraises ttra while his colleague ha makes its results final and syncs
/// first: tuoc's sync rebases his appraisal after the finalisation, and the hook refuses it,
/// every time. The refusal names the option; the option sets the appraisal aside (kept: a
/// branch, a bundle and a patch holding it) and resets the clone; the next sync goes through,
/// and the clone checks clean.
#[test]
fn an_appraisal_refused_after_the_unit_was_finalised_is_set_aside_and_the_clone_syncs_again() {
    let net = Net::two_in_the_office();
    let tuoc = net.clone("tuoc");
    let ha = net.clone("ha");
    // ha finalises ttra (submitted in the demo) and sends it.
    net.ok(&ha, &["mark-appraised", "--unit", "ttra", "--override"]);
    net.ok(&ha, &["finalise", "--unit", "ttra"]);
    assert!(net.ok(&ha, &["sync"]).contains("gửi 1 commit"));
    let server = net.head();
    // Meanwhile tuoc, not synced, appraises a criterion of ttra.
    net.ok(&tuoc, &["appraise", "--unit", "ttra", "--criterion", "1.1.1", "--value", "1", "--comment", "Nhận xét sau cùng của tuoc"]);
    for _ in 0..2 {
        let (code, out, err) = net.run(&tuoc, &["sync"]);
        assert_ne!(code, Some(0), "the sync went through: {out}{err}");
        assert!(err.contains("kho đợt đánh giá từ chối thay đổi của bạn"), "{err}");
        assert!(err.contains("thao tác “appraise”") && err.contains("“Chính thức”"), "refused for the finalisation: {err}");
        assert!(err.contains("parindex sync --set-aside-refused"), "the refusal names the way out: {err}");
        assert_eq!(net.head(), server);
    }
    let stuck = git(&tuoc, &["rev-parse", "HEAD"]);
    let subject = git(&tuoc, &["log", "-1", "--format=%s"]);
    // A change not committed yet goes aside too.
    std::fs::write(tuoc.join("ghi-chu.txt"), "nháp của tuoc\n").unwrap();
    let said = net.ok(&tuoc, &["sync", "--set-aside-refused"]);
    assert!(said.contains("Đã cất riêng 2 commit"), "{said}");
    assert!(said.contains(&subject), "the set-aside commits named: {said}");
    // The clone is the server's branch, clean; the refused commit is on the set-aside branch.
    assert_eq!(git(&tuoc, &["rev-parse", "HEAD"]), server);
    assert_eq!(git(&tuoc, &["status", "--porcelain"]), "");
    assert!(!tuoc.join("ghi-chu.txt").exists());
    let branches = git(&tuoc, &["for-each-ref", "--format=%(refname)", "refs/parindex/set-aside/"]);
    assert_eq!(branches.lines().count(), 1, "{branches}");
    assert!(said.contains(branches.trim()), "{said}");
    let kept = git(&tuoc, &["rev-list", branches.trim()]);
    assert!(kept.lines().any(|c| c == stuck), "the refused commit is kept: {kept}");
    assert!(git(&tuoc, &["show", &format!("{}:ghi-chu.txt", branches.trim())]).contains("nháp của tuoc"));
    // The copy in the state folder: a bundle git can read, and patches holding the appraisal.
    let copy = files(&net.state);
    let bundle = copy.iter().find(|p| p.extension().is_some_and(|e| e == "bundle")).expect("a bundle in the state folder");
    assert!(said.contains(&bundle.parent().unwrap().display().to_string()), "{said}");
    git(&tuoc, &["bundle", "verify", &bundle.to_string_lossy()]);
    let patches: Vec<String> =
        copy.iter().filter(|p| p.extension().is_some_and(|e| e == "patch")).map(|p| std::fs::read_to_string(p).unwrap()).collect();
    assert_eq!(patches.len(), 2, "{copy:?}");
    assert!(patches.iter().any(|p| p.contains("Nhận xét sau cùng của tuoc")), "the refused appraisal is in a patch");
    // Unstuck: the next sync goes through, and the clone checks clean.
    let said = net.ok(&tuoc, &["sync"]);
    assert!(said.contains("Đã đồng bộ"), "{said}");
    assert_eq!(net.head(), server);
    let (code, out, err) = net.run(&tuoc, &["check", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    // tuoc works on: a change of another unit goes through.
    net.ok(&tuoc, &["return", "--unit", "khtc", "--reason", "Bổ sung tài liệu kiểm chứng"]);
    assert!(net.ok(&tuoc, &["sync"]).contains("gửi 1 commit"));
}

/// A head who edited by hand another unit's file is stuck the same way, and set it aside.
#[test]
fn a_hand_edit_of_another_units_file_is_refused_and_set_aside() {
    let net = Net::two_in_the_office();
    let hung = net.clone("hung");
    let p = hung.join("submissions/vp.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.clone() + "\n# sửa hộ\n").unwrap();
    let (code, _, err) = net.run(&hung, &["sync"]);
    assert_ne!(code, Some(0));
    assert!(err.contains("hung không có quyền thay đổi tệp này của đơn vị vp"), "{err}");
    assert!(err.contains("--set-aside-refused"), "{err}");
    let said = net.ok(&hung, &["sync", "--set-aside-refused"]);
    assert!(said.contains("Đã cất riêng 1 commit"), "{said}");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), text);
    assert!(net.ok(&hung, &["sync"]).contains("không có thay đổi"));
}

/// Nothing refused, nothing waiting: the option says there is nothing to set aside and leaves
/// the clone, its branches and the state folder as they were.
#[test]
fn setting_aside_when_nothing_waits_does_nothing() {
    let net = Net::two_in_the_office();
    let lan = net.clone("lan");
    let head = git(&lan, &["rev-parse", "HEAD"]);
    let said = net.ok(&lan, &["sync", "--set-aside-refused"]);
    assert!(said.contains("Không có gì để cất riêng"), "{said}");
    assert_eq!(git(&lan, &["rev-parse", "HEAD"]), head);
    assert_eq!(git(&lan, &["status", "--porcelain"]), "");
    assert_eq!(git(&lan, &["for-each-ref", "refs/parindex/"]), "");
    assert!(files(&net.state).is_empty(), "{:?}", files(&net.state));
    // Not a clone: said so, nothing done.
    let plain = net.root.join("round");
    let (code, _, err) = net.run(&plain, &["sync", "--set-aside-refused"]);
    assert_ne!(code, Some(0));
    assert!(err.contains("không phải bản sao git"), "{err}");
}

/// The user's state folder of this test binary's own process (the dashboard sets aside in
/// process): set once, before any test of the binary starts a thread or a process.
fn state_of_this_process() -> &'static Path {
    static STATE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    STATE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        // SAFETY: set once, first thing in the one test that reads it in process, under the
        // lock of the OnceLock; the other tests give their processes XDG_STATE_HOME themselves.
        unsafe { std::env::set_var("XDG_STATE_HOME", &dir) };
        dir
    })
}

/// The dashboard: after a refused sync the bar offers `X` (not before); `X` asks, `y` sets the
/// refused change aside, the clone is the server's again and the bar no longer offers it; the
/// next `B` goes through.
#[test]
fn the_dashboard_offers_to_set_aside_only_after_a_refused_sync() {
    use parindex::tui::Theme;
    use parindex::tui::state::App;
    use ratatui::crossterm::event::KeyCode;
    let state = state_of_this_process();
    let net = Net::two_in_the_office();
    let hung = net.clone("hung");
    let p = hung.join("submissions/vp.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.clone() + "\n# sửa hộ\n").unwrap();
    let ws = parindex::core::workspace::Workspace::load(&hung).unwrap();
    let mut app = App::for_unit(ws, "ttra", parindex::text::Lang::Vi, Theme::PLAIN).expect("the unit's dashboard");
    app.session.run_in_background();
    let mut screen = common::Screen::new(300, 40);
    let f = screen.until(&mut app, |f| f.contains("Chưa đồng bộ"));
    assert!(!f.contains("X  Cất riêng"), "offered before any refusal:\n{f}");
    // X does nothing before a refusal.
    common::ch(&mut app, 'X');
    assert!(app.overlay.is_none());
    common::ch(&mut app, 'B');
    let f = screen.until(&mut app, |f| f.contains("X  Cất riêng"));
    assert!(app.sync_refused, "{f}");
    assert!(app.status.as_ref().is_some_and(|(s, err)| *err && s.contains("--set-aside-refused")), "{:?}", app.status);
    common::ch(&mut app, 'X');
    let f = screen.frame(&app);
    assert!(f.contains("Cất riêng các thay đổi chưa được kho nhận"), "{f}");
    common::key(&mut app, KeyCode::Char('y'));
    let said = app.status.clone().expect("what was done").0;
    assert!(said.contains("Đã cất riêng 1 commit"), "{said}");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), text);
    assert_eq!(git(&hung, &["rev-parse", "HEAD"]), net.head());
    assert!(files(state).iter().any(|f| f.extension().is_some_and(|e| e == "bundle") && said.contains(&f.parent().unwrap().display().to_string())));
    let f = screen.until(&mut app, |f| !f.contains("Chưa đồng bộ"));
    assert!(!f.contains("X  Cất riêng"), "still offered:\n{f}");
    common::ch(&mut app, 'B');
    screen.until(&mut app, |f| f.contains("Đã đồng bộ"));
}
