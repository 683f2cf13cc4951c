//! The hostile-input corpus (`tests/bad_inputs/`): every malformed or hostile file must give
//! its expected clear error and exit code, never a panic, and leave every file untouched.
//!
//! Layout: `scorecard/`, `submission/`, `workspace/` hold the cases; `expect.toml` holds one
//! line per case (see its header). To add a case, add a file and its manifest line; the test
//! fails when a file has no manifest line or a manifest line has no file.
//!
//! Each case is run on a fresh copy of a demo workspace (`parindex demo --no-tui`, built once
//! per test): the file is dropped in as `scorecard.toml`, `submissions/vp.toml` or
//! `workspace.toml`, then `parindex check DIR`, `parindex score -w DIR --unit vp` and
//! `parindex rank -w DIR` are run. Scorecard cases are also checked on their own
//! (`parindex check FILE`). Cases too large to commit (100,000 criteria, 1 MB strings) are
//! generated below.
//!
//! The manifest's expected messages are English: those runs ask for `--lang en`. Every case is
//! also run in the default language (Vietnamese), with the same exit codes and the same
//! `file:line:col`, and fails on any English sentence on stdout or stderr (issue 11).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use sha2::{Digest, Sha256};

mod common;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs")
}

/// The interface language of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lang {
    /// The default: nothing set.
    Vi,
    En,
}

/// English, the language of the manifest's messages.
fn parindex() -> Command {
    parindex_in(Lang::En)
}

fn parindex_in(lang: Lang) -> Command {
    let mut c = if lang == Lang::En { common::bin_en() } else { common::bin() };
    c.timeout(Duration::from_secs(20));
    c
}

/// The English lines the corpus run found, reported together at its end.
static ENGLISH_FOUND: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Fails on any line of `out` (stdout, then stderr of one run) that reads as English.
fn no_english(case: &str, what: &str, out: &str) {
    let found = english_in(out);
    assert!(found.is_empty(), "{case}: {what}: English in the Vietnamese output: {found:#?}\n{}", head(out));
}

/// Records the lines of `out` that read as English, for the end of the corpus run.
fn note_english(case: &str, what: &str, out: &str) {
    let found = english_in(out);
    if !found.is_empty() {
        ENGLISH_FOUND.lock().unwrap().push(format!("{case}: {what}: {found:#?}"));
    }
}

/// The lines of `out` that read as English, with the words that gave them away.
fn english_in(out: &str) -> Vec<(String, Vec<String>)> {
    parindex::text::english::english_lines(out)
}

// ---------------------------------------------------------------------------------------------
// The manifest

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Scorecard,
    Submission,
    Workspace,
}

impl Kind {
    fn folder(self) -> &'static str {
        match self {
            Kind::Scorecard => "scorecard",
            Kind::Submission => "submission",
            Kind::Workspace => "workspace",
        }
    }

    /// Where the case goes in the workspace, unless the manifest says otherwise (`as`).
    fn dest(self) -> &'static str {
        match self {
            Kind::Scorecard => "scorecard.toml",
            Kind::Submission => "submissions/vp.toml",
            Kind::Workspace => "workspace.toml",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Setup {
    /// The file goes as itself.
    Copy,
    /// The file goes outside the workspace; the workspace path is a symbolic link to it.
    Symlink,
    /// The workspace path is a folder (holding the file).
    Directory,
    /// The file's folder in the workspace is a link to a folder outside it, holding the file.
    LinkedFolder,
    /// The workspace path is a FIFO (a named pipe with no writer: reading it would block).
    Fifo,
}

#[derive(Debug)]
struct Expect {
    /// Exit code of `check` (on the file alone for scorecard cases, and on the workspace).
    check: i32,
    /// A piece of the message `check` must print on stderr (required when `check` is not 0).
    stderr: Option<String>,
    /// `:line:col:` of that message (the line holding `stderr` must have `.toml:line:col: `).
    at: Option<String>,
    /// Exit codes of `score --unit vp` and `rank` (default 0 when `check` is 0, else 2).
    score: i32,
    rank: i32,
    setup: Setup,
    /// Path inside the workspace to place the file at, instead of the kind's default.
    dest: Option<String>,
    /// Pieces that must appear on stdout of `check`, `score` and `rank`.
    check_stdout: Option<String>,
    score_stdout: Option<String>,
    rank_stdout: Option<String>,
}

fn read_manifest() -> BTreeMap<(Kind, String), Expect> {
    let text = fs::read_to_string(corpus_dir().join("expect.toml")).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("expect.toml: {e}"));
    let mut out = BTreeMap::new();
    for (section, cases) in &doc {
        let kind = match section.as_str() {
            "scorecard" => Kind::Scorecard,
            "submission" => Kind::Submission,
            "workspace" => Kind::Workspace,
            other => panic!("expect.toml: unknown section [{other}]"),
        };
        for (name, e) in cases.as_table().unwrap() {
            let e = e.as_table().unwrap_or_else(|| panic!("expect.toml: {section}.{name} is not an inline table"));
            for k in e.keys() {
                assert!(
                    ["check", "stderr", "at", "score", "rank", "setup", "as", "check_stdout", "score_stdout", "rank_stdout"].contains(&k.as_str()),
                    "expect.toml: {section}.{name}: unknown key {k}"
                );
            }
            let int = |k: &str| e.get(k).map(|v| v.as_integer().unwrap_or_else(|| panic!("{name}: {k} must be an integer")) as i32);
            let string = |k: &str| e.get(k).map(|v| v.as_str().unwrap_or_else(|| panic!("{name}: {k} must be a string")).to_owned());
            let check = int("check").unwrap_or_else(|| panic!("expect.toml: {section}.{name} has no `check`"));
            let default = if check == 0 { 0 } else { 2 };
            // A unit's sheet that fails to load marks that unit unreadable: `rank` lists it and
            // ranks the others, then exits 1 (a failed check); only the workspace and the
            // scorecard stop everything (issue 17).
            let rank_default = if check != 0 && kind == Kind::Submission { 1 } else { default };
            let setup = match string("setup").as_deref() {
                None => Setup::Copy,
                Some("symlink") => Setup::Symlink,
                Some("directory") => Setup::Directory,
                Some("linked-folder") => Setup::LinkedFolder,
                Some("fifo") => Setup::Fifo,
                Some(other) => panic!("expect.toml: {name}: unknown setup {other}"),
            };
            let x = Expect {
                check,
                stderr: string("stderr"),
                at: string("at"),
                score: int("score").unwrap_or(default),
                rank: int("rank").unwrap_or(rank_default),
                setup,
                dest: string("as"),
                check_stdout: string("check_stdout"),
                score_stdout: string("score_stdout"),
                rank_stdout: string("rank_stdout"),
            };
            assert!(x.check == 0 || x.stderr.is_some(), "expect.toml: {section}.{name}: a failing case needs `stderr`");
            if let Some(at) = &x.at {
                let ok = at.starts_with(':') && at.ends_with(':') && at[1..at.len() - 1].split(':').all(|n| n.parse::<u32>().is_ok());
                assert!(ok, "expect.toml: {section}.{name}: `at` must look like `:3:7:`");
            }
            out.insert((kind, name.clone()), x);
        }
    }
    out
}

fn corpus_files(kind: Kind) -> BTreeSet<String> {
    fs::read_dir(corpus_dir().join(kind.folder())).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect()
}

// ---------------------------------------------------------------------------------------------
// Files untouched: a digest of every file, link and folder under a root

fn snapshot(root: &Path) -> BTreeMap<PathBuf, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
        let mut entries: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            let rel = p.strip_prefix(root).unwrap().to_path_buf();
            let meta = fs::symlink_metadata(&p).unwrap();
            let digest = if meta.file_type().is_symlink() {
                format!("link -> {}", fs::read_link(&p).unwrap().display())
            } else if meta.is_dir() {
                walk(root, &p, out);
                "folder".to_owned()
            } else if !meta.is_file() {
                // A FIFO or a device is never read here: reading a FIFO blocks.
                format!("{:?}", meta.file_type())
            } else {
                let bytes = fs::read(&p).unwrap();
                let mtime = meta.modified().unwrap();
                format!("{:x} {} {mtime:?}", Sha256::digest(&bytes), bytes.len())
            };
            out.insert(rel, digest);
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn assert_untouched(before: &BTreeMap<PathBuf, String>, after: &BTreeMap<PathBuf, String>, what: &str) {
    if before != after {
        let changed: Vec<_> =
            before.keys().chain(after.keys()).collect::<BTreeSet<_>>().into_iter().filter(|k| before.get(*k) != after.get(*k)).collect();
        panic!("{what}: files changed: {changed:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Running a case

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// A demo workspace written once per test; each case works on a copy.
fn demo() -> tempfile::TempDir {
    common::Round::demo(8, 2020).tmp
}

/// Runs one command, returning (exit code, stdout, stderr), failing on a panic or a signal.
fn run(case: &str, what: &str, cmd: &mut Command) -> (i32, String, String) {
    let out: Output = cmd.output().unwrap_or_else(|e| panic!("{case}: {what}: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let Some(code) = out.status.code() else {
        panic!("{case}: {what}: killed by a signal (stack overflow?): {:?}\n{stderr}", out.status);
    };
    assert!(code != 101 && !stderr.contains("panicked"), "{case}: {what}: PANIC (exit {code})\n{stderr}");
    (code, stdout, stderr)
}

fn expect_exit(case: &str, what: &str, got: (i32, String, String), code: i32, stdout: Option<&str>) -> (String, String) {
    let (c, out, err) = got;
    assert_eq!(c, code, "{case}: {what}: exit {c}, expected {code}\nstdout:\n{}\nstderr:\n{}", head(&out), head(&err));
    if code != 0 {
        assert!(!err.trim().is_empty(), "{case}: {what}: exit {code} without a message");
    }
    if let Some(s) = stdout {
        assert!(out.contains(s), "{case}: {what}: stdout lacks {s:?}\n{}", head(&out));
    }
    (out, err)
}

fn head(s: &str) -> String {
    s.chars().take(3000).collect()
}

/// The message and its place, as the manifest says.
fn expect_message(case: &str, what: &str, stderr: &str, e: &Expect) {
    let Some(msg) = &e.stderr else { return };
    let Some(line) = stderr.lines().find(|l| l.contains(msg.as_str())) else {
        panic!("{case}: {what}: stderr lacks {msg:?}\n{}", head(stderr));
    };
    if let Some(at) = &e.at {
        assert!(line.contains(&format!(".toml{at} ")), "{case}: {what}: expected the place {at} in\n{line}\nstderr:\n{}", head(stderr));
    }
}

/// Places `file` at `dest` inside the workspace `ws` (per `setup`), next to an `outside/` folder.
fn install(root: &Path, ws: &Path, file: &Path, dest: &str, setup: Setup) {
    let target = ws.join(dest);
    fs::create_dir_all(target.parent().unwrap()).unwrap();
    let _ = fs::remove_file(&target);
    // A sheet planted by hand has no audit trail: without a log, `check` can only warn.
    if let Some(rest) = dest.strip_prefix("submissions/").or_else(|| dest.strip_prefix("appraisals/")) {
        let _ = fs::remove_file(ws.join("audit").join(rest.replace(".toml", ".jsonl")));
    }
    match setup {
        Setup::Copy => {
            fs::copy(file, &target).unwrap();
            // The one reading the ranking is the Office (issue 18: a head sees it only once every
            // unit is appraised): the user running the tests joins `[office] users`, byte for
            // byte otherwise (a BOM, CRLF and NFD text stay as they are).
            if dest == "workspace.toml" {
                let me = parindex::core::roles::current_user();
                let bytes = fs::read(&target).unwrap();
                let (from, to) = (br#"users = ["tuoc"]"#.as_slice(), format!(r#"users = ["tuoc", "{me}"]"#));
                if let Some(at) = bytes.windows(from.len()).position(|w| w == from) {
                    let mut out = bytes[..at].to_vec();
                    out.extend_from_slice(to.as_bytes());
                    out.extend_from_slice(&bytes[at + from.len()..]);
                    fs::write(&target, out).unwrap();
                }
            }
        }
        Setup::Symlink => {
            let outside = root.join("outside");
            fs::create_dir_all(&outside).unwrap();
            let real = outside.join(file.file_name().unwrap());
            fs::copy(file, &real).unwrap();
            #[cfg(unix)]
            std::os::unix::fs::symlink(&real, &target).unwrap();
        }
        Setup::Directory => {
            fs::create_dir_all(&target).unwrap();
            fs::copy(file, target.join(file.file_name().unwrap())).unwrap();
        }
        Setup::LinkedFolder => {
            let folder = target.parent().unwrap();
            let outside = root.join("outside");
            fs::create_dir_all(&outside).unwrap();
            let real = outside.join(folder.file_name().unwrap());
            fs::rename(folder, &real).unwrap();
            fs::copy(file, real.join(target.file_name().unwrap())).unwrap();
            #[cfg(unix)]
            std::os::unix::fs::symlink(&real, folder).unwrap();
        }
        Setup::Fifo => {
            #[cfg(unix)]
            {
                let made = rustix::fs::mkfifoat(rustix::fs::CWD, &target, rustix::fs::Mode::from_raw_mode(0o644));
                assert_eq!(made, Ok(()), "mkfifo {}", target.display());
            }
            #[cfg(not(unix))]
            unreachable!("FIFOs are a Unix setup");
        }
    }
}

fn run_case(demo: &Path, kind: Kind, name: &str, file: &Path, e: &Expect, lang: Lang) {
    let case = format!("{}/{name} ({lang:?})", kind.folder());
    let parindex = || parindex_in(lang);
    // In Vietnamese: no English, and the manifest's place on a located line (its message is
    // the English one, checked in the English run).
    let check_output = |what: &str, out: &str, err: &str| match lang {
        Lang::En => expect_message(&case, what, err, e),
        Lang::Vi => {
            note_english(&case, what, &format!("{out}\n{err}"));
            if let Some(at) = &e.at {
                assert!(err.contains(&format!(".toml{at} ")), "{case}: {what}: no message at {at}\n{}", head(err));
            }
        }
    };
    let root = tempfile::tempdir().unwrap();
    let ws = root.path().join("ws");
    copy_dir(demo, &ws);

    // A scorecard on its own: `check FILE`.
    if kind == Kind::Scorecard && e.setup == Setup::Copy {
        let alone = root.path().join(name);
        fs::copy(file, &alone).unwrap();
        let before = snapshot(root.path());
        let got = run(&case, "check FILE", parindex().arg("check").arg(&alone));
        let (out, err) = expect_exit(&case, "check FILE", got, e.check, e.check_stdout.as_deref());
        check_output("check FILE", &out, &err);
        assert_untouched(&before, &snapshot(root.path()), &case);
        if e.check == 0 {
            // A valid scorecard does not fit the demo's submissions: nothing more to run.
            return;
        }
    }

    install(root.path(), &ws, file, e.dest.as_deref().unwrap_or(kind.dest()), e.setup);
    let before = snapshot(root.path());

    let got = run(&case, "check DIR", parindex().arg("check").arg(&ws));
    let stdout = if kind == Kind::Scorecard { None } else { e.check_stdout.as_deref() };
    let (out, err) = expect_exit(&case, "check DIR", got, e.check, stdout);
    check_output("check DIR", &out, &err);

    let got = run(&case, "score", parindex().args(["score", "--unit", "vp", "-w"]).arg(&ws));
    let (out, err) = expect_exit(&case, "score", got, e.score, e.score_stdout.as_deref());
    if lang == Lang::Vi {
        note_english(&case, "score", &format!("{out}\n{err}"));
    }

    let got = run(&case, "rank", parindex().args(["rank", "--format", "json", "-w"]).arg(&ws));
    let (out, _) = expect_exit(&case, "rank --format json", got, e.rank, None);
    if e.rank == 0 || e.rank == 1 {
        let v = serde_json::from_str::<serde_json::Value>(&out).unwrap_or_else(|err| panic!("{case}: rank JSON: {err}"));
        // The unit whose sheet does not load is listed unreadable, the others ranked.
        if e.rank == 1 && kind == Kind::Submission && e.dest.is_none() {
            let items = v.as_array().unwrap_or_else(|| panic!("{case}: rank JSON is an array"));
            let vp = items.iter().find(|x| x["unit"] == "vp").unwrap_or_else(|| panic!("{case}: vp listed"));
            assert_eq!(vp["integrity"], "unreadable", "{case}: {vp}");
            // The others are ranked (but a unit with no submission: listed, not ranked, issue 21).
            assert!(
                items.iter().filter(|x| x["unit"] != "vp").all(|x| x["rank"].is_u64() || x["status"] == "missing"),
                "{case}: the others are ranked"
            );
        }
    }
    let got = run(&case, "rank", parindex().args(["rank", "-w"]).arg(&ws));
    let (out, err) = expect_exit(&case, "rank", got, e.rank, e.rank_stdout.as_deref());
    if lang == Lang::Vi {
        note_english(&case, "rank", &format!("{out}\n{err}"));
    }

    assert_untouched(&before, &snapshot(root.path()), &case);
}

fn run_kind(kind: Kind, lang: Lang) {
    let manifest = read_manifest();
    let corpus_before = snapshot(&corpus_dir());
    let listed: BTreeSet<String> = manifest.keys().filter(|(k, _)| *k == kind).map(|(_, n)| n.clone()).collect();
    let files = corpus_files(kind);
    let unlisted: Vec<_> = files.difference(&listed).collect();
    let missing: Vec<_> = listed.difference(&files).collect();
    assert!(unlisted.is_empty(), "{}: files without a line in expect.toml: {unlisted:?}", kind.folder());
    assert!(missing.is_empty(), "{}: expect.toml lines without a file: {missing:?}", kind.folder());

    let d = demo();
    let started = Instant::now();
    for name in &files {
        let file = corpus_dir().join(kind.folder()).join(name);
        run_case(&d.path().join("ws"), kind, name, &file, &manifest[&(kind, name.clone())], lang);
    }
    eprintln!("{} ({lang:?}): {} cases in {:?}", kind.folder(), files.len(), started.elapsed());
    assert_untouched(&corpus_before, &snapshot(&corpus_dir()), "the corpus");
}

#[test]
fn scorecard_corpus() {
    run_kind(Kind::Scorecard, Lang::En);
}

#[test]
fn submission_corpus() {
    run_kind(Kind::Submission, Lang::En);
}

#[test]
fn workspace_corpus() {
    run_kind(Kind::Workspace, Lang::En);
}

/// Every case in the default language: the same exit codes and places, no English sentence.
#[test]
fn the_corpus_in_vietnamese() {
    for kind in [Kind::Scorecard, Kind::Submission, Kind::Workspace] {
        run_kind(kind, Lang::Vi);
    }
    let found = ENGLISH_FOUND.lock().unwrap();
    assert!(found.is_empty(), "English in the Vietnamese output of {} runs:\n{}", found.len(), found.join("\n"));
}

#[test]
fn the_corpus_is_large_enough_and_fully_listed() {
    let manifest = read_manifest();
    let files: usize = [Kind::Scorecard, Kind::Submission, Kind::Workspace].iter().map(|&k| corpus_files(k).len()).sum();
    assert_eq!(files, manifest.len());
    assert!(files >= 40, "{files} cases");
}

// ---------------------------------------------------------------------------------------------
// Generated cases (too large to commit)

const SC_HEAD: &str = "[scorecard]\nid = \"big\"\ntitle = \"Bảng điểm lớn\"\n";

#[test]
fn a_scorecard_of_100k_criteria_is_refused_quickly() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("huge.toml");
    let mut text = String::from(SC_HEAD);
    text.push_str("\n[[criterion]]\nid = \"1\"\ntitle = \"Khu vực\"\n");
    for i in 0..100_000 {
        text.push_str(&format!("\n[[criterion]]\nid = \"1.{i}\"\ntitle = \"Tiêu chí {i}\"\nmax = 1\n"));
    }
    fs::write(&p, &text).unwrap();
    let before = snapshot(d.path());
    let started = Instant::now();
    let got = run("100k criteria", "check FILE", parindex().arg("check").arg(&p));
    let elapsed = started.elapsed();
    let (_, err) = expect_exit("100k criteria", "check FILE", got, 1, None);
    assert!(err.contains("too many criteria: 100001 (at most 5000)"), "{}", head(&err));
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
    let got = run("100k criteria", "check FILE", parindex_in(Lang::Vi).arg("check").arg(&p));
    let (out, err) = expect_exit("100k criteria (Vi)", "check FILE", got, 1, None);
    assert!(err.contains("quá nhiều tiêu chí: 100001 (tối đa 5000)"), "{}", head(&err));
    no_english("100k criteria", "check FILE", &format!("{out}\n{err}"));
    assert_untouched(&before, &snapshot(d.path()), "100k criteria");
}

#[test]
fn megabyte_strings_are_handled() {
    let demo = demo();
    let big = "Điểm ".repeat(200_000); // ≈ 1.2 MB
    // A scorecard with a 1 MB title: accepted.
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("long-title.toml");
    fs::write(&p, format!("[scorecard]\nid = \"x\"\ntitle = \"{big}\"\n\n[[criterion]]\nid = \"1\"\ntitle = \"A\"\nmax = 1\n")).unwrap();
    let before = snapshot(d.path());
    let got = run("1 MB title", "check FILE", parindex().arg("check").arg(&p));
    let (out, _) = expect_exit("1 MB title", "check FILE", got, 0, None);
    assert!(out.len() > 1_000_000);
    assert_untouched(&before, &snapshot(d.path()), "1 MB title");

    // A submission with a 1 MB note, and a workspace with a 1 MB unit name: accepted.
    let root = tempfile::tempdir().unwrap();
    let ws = root.path().join("ws");
    copy_dir(&demo.path().join("ws"), &ws);
    fs::write(ws.join("submissions/vp.toml"), format!("unit = \"vp\"\nstatus = \"draft\"\n\n[answers.\"6.4\"]\npoints = 1\nnote = \"{big}\"\n"))
        .unwrap();
    fs::remove_file(ws.join("audit/vp.jsonl")).unwrap();
    let wst = fs::read_to_string(ws.join("workspace.toml")).unwrap().replace("name = \"Thanh tra Sở\"", &format!("name = \"{big}\""));
    fs::write(ws.join("workspace.toml"), wst).unwrap();
    let before = snapshot(root.path());
    let runs: [(&str, Vec<&std::ffi::OsStr>); 3] = [
        ("check DIR", vec!["check".as_ref(), ws.as_os_str()]),
        ("score", vec!["score".as_ref(), "--unit".as_ref(), "vp".as_ref(), "-w".as_ref(), ws.as_os_str()]),
        ("rank", vec!["rank".as_ref(), "-w".as_ref(), ws.as_os_str()]),
    ];
    for (what, args) in runs {
        let got = run("1 MB strings", what, parindex().args(&args));
        expect_exit("1 MB strings", what, got, 0, None);
        let got = run("1 MB strings", what, parindex_in(Lang::Vi).args(&args));
        let (out, err) = expect_exit("1 MB strings (Vi)", what, got, 0, None);
        no_english("1 MB strings", what, &format!("{out}\n{err}"));
    }
    assert_untouched(&before, &snapshot(root.path()), "1 MB strings");
}

#[cfg(unix)]
#[test]
fn an_endless_file_is_refused_not_read_into_memory() {
    // `check /dev/zero` read until memory ran out; now a device is refused before it is read.
    let started = Instant::now();
    let got = run("/dev/zero", "check FILE", parindex().args(["--lang", "en", "check", "/dev/zero"]));
    let (_, err) = expect_exit("/dev/zero", "check FILE", got, 2, None);
    assert!(err.contains("/dev/zero: it is a device, not a file"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
    let got = run("/dev/zero", "check FILE", parindex_in(Lang::Vi).args(["check", "/dev/zero"]));
    let (out, err) = expect_exit("/dev/zero (Vi)", "check FILE", got, 2, None);
    assert!(err.contains("/dev/zero: "), "{err}");
    no_english("/dev/zero", "check FILE", &format!("{out}\n{err}"));
}
