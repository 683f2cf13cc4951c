//! The pre-receive hook on pushes of several commits (issue 20): it judges each commit on its
//! parent's tree and its own, carried from one commit to the next rather than exported whole
//! twice per commit; these pin that the carried trees are the real ones (a deletion seen, a
//! file deleted and added again seen with its new bytes) and that a later bad commit is the
//! one refused. And `serve`, which reads only main's workspace.toml to know who belongs to the
//! round. Needs git (CI installs it). The round over git is tests/common/git.rs.

// Unix only: the fake ssh is a shell script.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Std;

use common::git::{Net, commit_all, edit_note, git, ok, push, refused, returned};
use common::{BIN, bin, need, output};

/// The demo round made into a repository (as [`Net::new`]), single-user or not.
fn round_net(single_user: bool) -> Net {
    need("git");
    Net::with(|text| {
        assert!(text.contains("single_user = true\n"), "{text}");
        if single_user { text } else { text.replace("single_user = true\n", "") }
    })
}

/// Four commits in one push, the third touching another unit: that one is refused by name,
/// the two before it judged and taken as good, nothing after it judged; without the bad one
/// (and what stands on it) the push goes through.
#[test]
fn in_a_push_of_several_commits_the_first_bad_one_is_refused() {
    let net = round_net(false);
    returned(&net);
    let hung = net.clone("hung");
    edit_note(&hung, "ttra", "hung", "Giải trình: đã bổ sung kế hoạch");
    commit_all(&hung, "ttra: giải trình");
    std::fs::create_dir_all(hung.join("evidence/ttra")).unwrap();
    std::fs::write(hung.join("evidence/ttra/0123456789ab-ke-hoach.pdf"), b"%PDF-1.4 ours").unwrap();
    commit_all(&hung, "ttra: tài liệu kiểm chứng");
    let p = hung.join("submissions/vp.toml");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text + "\n# sửa hộ\n").unwrap();
    commit_all(&hung, "sửa hộ vp");
    edit_note(&hung, "ttra", "hung", "Giải trình lần hai");
    commit_all(&hung, "ttra: giải trình lần hai");
    let said = refused(&net, &hung, false, "hung không có quyền thay đổi tệp này của đơn vị vp");
    assert!(said.contains("(“sửa hộ vp”)"), "{said}");
    for good in ["(“ttra: giải trình”)", "(“ttra: tài liệu kiểm chứng”)", "(“ttra: giải trình lần hai”)"] {
        assert!(!said.contains(good), "{good} in:\n{said}");
    }
    assert_eq!(said.matches("từ chối commit").count(), 1, "{said}");
    git(&hung, &["reset", "-q", "--hard", "HEAD~2"]);
    let (pushed, said) = push(&hung, false);
    assert!(pushed, "{said}");
    assert_eq!(net.head(), git(&hung, &["rev-parse", "HEAD"]));
}

/// A file deleted in one commit and added again, other bytes, in the next: each commit is
/// judged on its real tree. Taken when the new bytes are the ones the log records (an attached
/// file); refused at the commit that deletes an attached file, though the next one brings it
/// back.
#[test]
fn a_file_deleted_then_added_again_across_commits_is_judged_on_the_real_trees() {
    let net = round_net(false);
    returned(&net);
    let hung = net.clone("hung");
    let pdf = net.root.join("ke-hoach.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n% ke hoach\n%%EOF\n").unwrap();
    // Where `attach` stores it (a name from its bytes), learnt and thrown away.
    ok(&hung, &["attach", "--unit", "ttra", "--criterion", "1.1.1", pdf.to_str().unwrap()]);
    let stored = || {
        std::fs::read_dir(hung.join("evidence/ttra"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|n| n.ends_with("ke-hoach.pdf"))
            .unwrap()
    };
    let rel = format!("evidence/ttra/{}", stored());
    git(&hung, &["reset", "-q", "--hard", "origin/main"]);
    git(&hung, &["clean", "-q", "-fd"]);
    assert!(!hung.join(&rel).exists());
    // On the server: other bytes under that name, attached to nothing.
    std::fs::create_dir_all(hung.join("evidence/ttra")).unwrap();
    std::fs::write(hung.join(&rel), b"%PDF-1.4 a draft").unwrap();
    commit_all(&hung, "ttra: bản nháp");
    let (pushed, said) = push(&hung, false);
    assert!(pushed, "{said}");
    // One push: deleted, attached (the same name, the recorded bytes), then an edit. Judged
    // on a tree that still held the draft's bytes, the attachment would fail its digest.
    git(&hung, &["rm", "-q", &rel]);
    git(&hung, &["commit", "-q", "-m", "ttra: xóa bản nháp"]);
    ok(&hung, &["attach", "--unit", "ttra", "--criterion", "1.1.1", pdf.to_str().unwrap()]);
    assert_eq!(format!("evidence/ttra/{}", stored()), rel);
    commit_all(&hung, "ttra: đính kèm kế hoạch");
    edit_note(&hung, "ttra", "hung", "Giải trình: kế hoạch đính kèm");
    commit_all(&hung, "ttra: giải trình");
    let (pushed, said) = push(&hung, false);
    assert!(pushed, "{said}");
    assert_eq!(net.head(), git(&hung, &["rev-parse", "HEAD"]));
    // The attached file deleted, then put back as it was, in the next commit: the first is
    // refused (its tree has no file the submission attaches); the second does not save it.
    git(&hung, &["rm", "-q", &rel]);
    git(&hung, &["commit", "-q", "-m", "ttra: xóa tệp đính kèm"]);
    git(&hung, &["checkout", "-q", "HEAD~1", "--", &rel]);
    commit_all(&hung, "ttra: đặt lại tệp");
    let said = refused(&net, &hung, false, "không còn tệp đính kèm");
    assert!(said.contains("(“ttra: xóa tệp đính kèm”)"), "{said}");
    assert!(!said.contains("(“ttra: đặt lại tệp”)"), "{said}");
}

/// `serve` knows who belongs to the round from main's workspace.toml as it stands now: a
/// person the Office adds can fetch once the Office's commit is in; in a single-user round
/// anyone the service account lets in is served, as before.
#[test]
fn serve_reads_who_belongs_from_mains_workspace_toml() {
    let net = round_net(false);
    let (cloned, _, said) = net.try_clone("moi");
    assert!(!cloned);
    assert!(said.contains("`moi` không có vai trò nào trong workspace.toml của đợt"), "{said}");
    let office = net.clone("tuoc");
    let p = office.join("workspace.toml");
    let text = std::fs::read_to_string(&p).unwrap() + "\n[[person]]\nuser = \"moi\"\n";
    std::fs::write(&p, text).unwrap();
    commit_all(&office, "thêm người");
    let (pushed, said) = push(&office, false);
    assert!(pushed, "{said}");
    let moi = net.clone("moi");
    assert_eq!(git(&moi, &["rev-parse", "HEAD"]), net.head());
    // Who serve reads there is who the loaded round says.
    use parindex::core::workspace::{self, Workspace};
    let ws = Workspace::load(&moi).unwrap();
    let bytes = std::fs::read(moi.join(workspace::WORKSPACE_FILE)).unwrap();
    let roster = workspace::roster(Path::new(workspace::WORKSPACE_FILE), bytes).unwrap();
    assert_eq!(roster.everyone, ws.everyone());
    assert!(roster.everyone.iter().any(|u| u == "moi") && !roster.single_user);

    let single = round_net(true);
    let anyone = single.clone("ai-do");
    assert_eq!(git(&anyone, &["rev-parse", "HEAD"]), single.head());
}

// ---------------------------------------------------------------------------------------------
// The units' check (`workspace::check_units`): what the hook runs on a commit that changes only
// units' own files.

/// A diagnostic as the two checks are compared: file, place, message.
type Said = (Option<PathBuf>, Option<(usize, usize)>, String);

/// The errors a check reports, sorted, and whether it called a file unreadable.
fn errors(r: Result<parindex::core::diag::Diagnostics, parindex::core::diag::LoadError>) -> (bool, Vec<Said>) {
    let (unreadable, d) = match r {
        Ok(d) => (false, d),
        Err(e) => (e.unreadable, e.diagnostics),
    };
    let mut out: Vec<Said> = d
        .items
        .iter()
        .filter(|x| x.is_error())
        .map(|x| (x.path.clone(), x.at.as_ref().map(|(_, s)| (s.start, s.end)), format!("{:?}", x.message)))
        .collect();
    out.sort();
    (unreadable, out)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if e.file_type().unwrap().is_dir() {
            copy_dir(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

/// The files of a folder (paths relative to it, `/` between folders) and their bytes.
fn files_of(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// The paths that differ between two folders (added, deleted or changed): a commit's changes.
fn changed(before: &Path, after: &Path) -> Vec<String> {
    let (a, b) = (files_of(before), files_of(after));
    let mut out: Vec<String> = a.keys().chain(b.keys()).filter(|k| a.get(*k) != b.get(*k)).cloned().collect();
    out.dedup();
    out
}

/// A small deterministic generator (no dependency): the same cases on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// One change by hand to unit `u`'s files (number `k` of [`CORRUPTIONS`]), outside parindex.
fn corrupt(dir: &Path, u: &str, k: usize, rng: &mut Lcg) {
    let sub = dir.join(format!("submissions/{u}.toml"));
    let appr = dir.join(format!("appraisals/{u}.toml"));
    let log = dir.join(format!("audit/{u}.jsonl"));
    let evidence = dir.join(format!("evidence/{u}"));
    let append = |p: &Path, text: &str| {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let old = std::fs::read(p).unwrap_or_default();
        std::fs::write(p, [old, text.as_bytes().to_vec()].concat()).unwrap();
    };
    let evidence_files = || std::fs::read_dir(&evidence).map(|d| d.map(|e| e.unwrap().path()).collect::<Vec<_>>()).unwrap_or_default();
    match k {
        0 => append(&sub, "\nx = [\n"),
        1 => {
            // A byte of the submission changed, anywhere.
            let mut b = std::fs::read(&sub).unwrap_or_default();
            if !b.is_empty() {
                let at = rng.below(b.len());
                b[at] = b"#=\"[x9 \n"[rng.below(8)];
                std::fs::write(&sub, b).unwrap();
            }
        }
        2 => {
            let text = std::fs::read_to_string(&sub).unwrap_or_default();
            let to = ["draft", "submitted", "returned", "appraised", "final"][rng.below(5)];
            let text: String =
                text.lines().map(|l| if l.starts_with("status = ") { format!("status = \"{to}\"\n") } else { format!("{l}\n") }).collect();
            std::fs::write(&sub, text).unwrap();
        }
        3 => drop(std::fs::remove_file(&sub)),
        4 => {
            drop(std::fs::remove_file(&sub));
            std::fs::create_dir_all(&sub).unwrap();
        }
        5 => append(&appr, "\n# sửa tay\n"),
        6 => drop(std::fs::remove_file(&appr)),
        7 => append(&log, "{không phải json\n"),
        8 => {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            let keep = rng.below(lines.len().max(1));
            let text: String = lines.iter().enumerate().filter(|(i, _)| *i != keep).map(|(_, l)| format!("{l}\n")).collect();
            std::fs::write(&log, text).unwrap();
        }
        9 => drop(std::fs::remove_file(&log)),
        10 => append(&dir.join(format!("reviews/{u}.toml")), "x = 1\n"),
        11 => append(&dir.join(format!("objections/{u}.toml")), "[[objection]]\ncriterion = \"1.1.1\"\n"),
        12 => append(&dir.join(format!("council/{u}.toml")), "done = [\"x\"]\n"),
        13 => append(&evidence.join("them-tay.pdf"), "%PDF-1.4 thêm tay"),
        14 => evidence_files().iter().for_each(|p| std::fs::remove_file(p).unwrap()),
        15 => evidence_files().iter().for_each(|p| append(p, " và sửa tay")),
        // A later record of the publication in this unit's log, the name escaped as JSON may
        // (the log's other records of it too): the publication is then not the file it records.
        18 => {
            let text = std::fs::read_to_string(&log).unwrap_or_default().replace("\"publication\"", "\"p\\u0075blication\"");
            let forged =
                "{\"at\":\"2999-01-01T00:00:00+07:00\",\"user\":\"x\",\"action\":\"publish\",\"file\":\"p\\u0075blication\",\"sha\":\"00\"}\n";
            std::fs::write(&log, text + forged).unwrap();
        }
        // Round-wide: the units' check is then the whole check.
        16 => append(&dir.join("scorecard.toml"), "\n[[x]]\n"),
        17 => {
            let p = dir.join("workspace.toml");
            let text = std::fs::read_to_string(&p).unwrap();
            std::fs::write(&p, text.replacen(&format!("id = \"{u}\""), "id = \"khac\"", 1)).unwrap();
        }
        _ => unreachable!(),
    }
}

const CORRUPTIONS: usize = 19;

/// For every unit and every kind of change by hand to its files (and random byte changes), the
/// units' check of that unit, and the check of the paths changed (the hook's), report exactly
/// the errors of the round's whole check: the other units' files are untouched and passed
/// before. Among them a file attached by one unit and named by another's submission: deleting
/// it is an error of both, found from either; and a later record of the publication in one
/// unit's log, its name escaped.
#[test]
fn the_units_check_reports_what_the_whole_check_reports() {
    use parindex::core::answers::SheetKind;
    use parindex::core::workspace::{self, Workspace};
    let round = common::Round::demo(6, 3);
    let dir = round.path();
    // qlkh (a draft) attaches a file; ccdl (returned) names it too, saved by the store.
    let pdf = round.root().join("ke-hoach.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n% ke hoach\n%%EOF\n").unwrap();
    let (code, out, err) = round.run(&["attach", "--unit", "qlkh", "--criterion", "1.1.1", pdf.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{out}{err}");
    let ws = Workspace::load(dir).unwrap();
    let node = ws.scorecard.node_index("1.1.1").unwrap();
    let item =
        ws.load_sheet("qlkh", SheetKind::Submission).unwrap().unwrap().answers[&node].evidence.iter().find(|e| e.attached.is_some()).unwrap().clone();
    assert!(item.file.as_deref().unwrap().starts_with("qlkh/"), "{item:?}");
    let mut ccdl = ws.load_sheet("ccdl", SheetKind::Submission).unwrap().unwrap();
    ccdl.answer_mut(node).evidence.push(item);
    assert!(ws.save_edit(&ccdl, SheetKind::Submission, "tuoc").unwrap());
    // Provisional results published: recorded in every unit's log.
    let (code, out, err) = round.run(&["publish", "--provisional", "--until", "31/12/2999"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(std::fs::read_to_string(dir.join("audit/vp.jsonl")).unwrap().contains("\"publication\""));
    let base = errors(workspace::check(dir));
    assert_eq!(base, (false, Vec::new()), "the round before the changes has errors");
    let units: Vec<String> = ws.units.iter().map(|u| u.id.clone()).collect();
    let mut rng = Lcg(2026);
    let mut cases: Vec<(String, usize)> = units.iter().flat_map(|u| (0..CORRUPTIONS).map(move |k| (u.clone(), k))).collect();
    cases.extend((0..30).map(|_| (units[rng.below(units.len())].clone(), 1)));
    let (mut refused, mut unreadable) = (0, 0);
    for (n, (u, k)) in cases.iter().enumerate() {
        let case = round.root().join(format!("case{n}"));
        copy_dir(dir, &case);
        corrupt(&case, u, *k, &mut rng);
        let whole = errors(workspace::check(&case));
        if !(16..18).contains(k) {
            let units = errors(workspace::check_units(&case, &[u.as_str()]));
            assert_eq!(units, whole, "unit {u}, change {k}");
        }
        let paths = changed(dir, &case);
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        let changes = errors(workspace::check_changes(&case, &paths));
        assert_eq!(changes, whole, "unit {u}, change {k}: {paths:?}");
        refused += usize::from(!whole.1.is_empty());
        unreadable += usize::from(whole.0);
        if *k == 18 {
            assert!(whole.1.iter().any(|e| e.0.as_ref().is_some_and(|p| p.ends_with("publication.toml"))), "{whole:?}");
        }
        if (u.as_str(), *k) == ("qlkh", 14) {
            let in_ccdl = whole.1.iter().filter(|e| e.0.as_ref().is_some_and(|p| p.ends_with("submissions/ccdl.toml"))).count();
            assert_eq!(in_ccdl, 1, "{whole:?}");
        }
        std::fs::remove_dir_all(&case).unwrap();
    }
    // The changes are mostly refused: the comparison is not of empty lists.
    assert!(refused > cases.len() * 2 / 3, "{refused} of {}", cases.len());
    assert!(unreadable >= units.len(), "{unreadable}");
}

/// What the hook checks of a commit: the whole round on the first push onto the commit of
/// `remote init` (which loads the round, not checks it) and for a commit that changes a
/// round-wide file (workspace.toml); otherwise only the units the commit touches, trusting the
/// state its parent left (taken by the hook). A unit's file broken outside the hook (by an
/// administrator on the server) shows which: refused with workspace.toml, not with a unit.
#[test]
fn the_hook_checks_the_whole_round_or_the_units_touched() {
    need("git");
    let tmp = tempfile::tempdir().unwrap();
    let round = tmp.path().join("round");
    let (code, _, err) = output(bin().args(["demo", "--units", "3", "--no-tui"]).arg(&round));
    assert_eq!(code, Some(0), "{err}");
    let ws = round.join("workspace.toml");
    std::fs::write(&ws, std::fs::read_to_string(&ws).unwrap().replace("single_user = true\n", "")).unwrap();
    let broken = |dir: &Path| {
        let p = dir.join("appraisals/vp.toml");
        std::fs::write(&p, std::fs::read_to_string(&p).unwrap() + "\n# sửa tay\n").unwrap();
    };
    let init = |from: &Path, name: &str| {
        let repo = tmp.path().join(name);
        let (code, out, err) = output(bin().args(["remote", "init"]).arg(&repo).arg("--from").arg(from).arg("--bin").arg(BIN));
        assert_eq!(code, Some(0), "{out}{err}");
        repo
    };
    let clone = |repo: &Path, name: &str, user: &str| {
        let dir = tmp.path().join(name);
        git(tmp.path(), &["clone", "-q", repo.to_str().unwrap(), dir.to_str().unwrap()]);
        for (k, v) in [("parindex.user", user), ("user.name", user), ("user.email", &format!("{user}@example.org"))] {
            git(&dir, &["config", k, v]);
        }
        dir
    };
    let push = |dir: &Path, user: &str| {
        let o = Std::new("git")
            .arg("-C")
            .arg(dir)
            .args(["push", "origin", "HEAD:main"])
            .env("LC_ALL", "C")
            .env("PARINDEX_PUSHER", user)
            .output()
            .unwrap();
        (o.status.success(), String::from_utf8_lossy(&o.stderr).into_owned())
    };
    let reason = ["return", "--reason", "Bổ sung tài liệu kiểm chứng", "--unit", "ttra"];

    // Broken before `remote init`: the first push, though it touches ttra only, is refused.
    let early = tmp.path().join("round-early");
    copy_dir(&round, &early);
    broken(&early);
    let repo = init(&early, "early.git");
    let office = clone(&repo, "early-tuoc", "tuoc");
    ok(&office, &reason);
    commit_all(&office, "trả lại ttra");
    let (pushed, said) = push(&office, "tuoc");
    assert!(!pushed && said.contains("appraisals/vp.toml"), "{said}");

    // A sound round: the first push taken; then vp broken on the server, outside the hook.
    let repo = init(&round, "round.git");
    let office = clone(&repo, "tuoc", "tuoc");
    ok(&office, &reason);
    commit_all(&office, "trả lại ttra");
    let (pushed, said) = push(&office, "tuoc");
    assert!(pushed, "{said}");
    broken(&office);
    commit_all(&office, "sửa tay vp trên máy chủ");
    git(&repo, &["fetch", "-q", office.to_str().unwrap(), "HEAD:main"]);
    // hung's edit of ttra touches ttra alone: taken, vp not read again.
    let hung = clone(&repo, "hung", "hung");
    edit_note(&hung, "ttra", "hung", "Giải trình: đã bổ sung kế hoạch");
    commit_all(&hung, "ttra: giải trình");
    let (pushed, said) = push(&hung, "hung");
    assert!(pushed, "{said}");
    // The Office's change of workspace.toml: the whole round checked, vp found.
    git(&office, &["pull", "-q", "--ff-only"]);
    let p = office.join("workspace.toml");
    std::fs::write(&p, std::fs::read_to_string(&p).unwrap() + "\n[[person]]\nuser = \"moi\"\n").unwrap();
    commit_all(&office, "thêm người");
    let (pushed, said) = push(&office, "tuoc");
    assert!(!pushed && said.contains("appraisals/vp.toml"), "{said}");
}
