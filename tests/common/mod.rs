//! The one place the integration tests get the binary and a round from: [`bin`] runs parindex
//! in a clean environment, [`Round`] is a demo round in a temporary folder with the moves and
//! reads the tests repeat; for the dashboard tests, keys and drawing an app on a test backend;
//! and, for the git tests (Unix only), [`git::Net`]: the round over git, a clone per person.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use parindex::core::answers::{Sheet, SheetKind};
use parindex::core::workspace::Workspace;
use parindex::demo::{DemoOptions, write};
use parindex::text::Lang;
use parindex::tui::state::{App, Pane};
use parindex::tui::{Theme, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The round over git (a fake ssh written as a shell script: Unix only).
#[cfg(unix)]
pub mod git;

// ---------------------------------------------------------------------------------------------
// The binary

/// The binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_parindex");

/// What parindex reads from the environment that a test must not inherit from whoever runs it:
/// the language (so Vietnamese, the default), the cache switch, the signing key and the agent.
pub const CLEARED: &[&str] = &["PARINDEX_LANG", "PARINDEX_NO_CACHE", "PARINDEX_SIGNING_KEY", "SSH_AUTH_SOCK"];

/// parindex in a clean environment: nothing of [`CLEARED`], and no colour.
pub fn bin() -> assert_cmd::Command {
    assert_cmd::Command::from_std(std_bin())
}

/// [`bin`] in English (`PARINDEX_LANG=en`), for assertions that quote the English wording.
pub fn bin_en() -> assert_cmd::Command {
    let mut c = bin();
    c.env("PARINDEX_LANG", "en");
    c
}

/// [`bin`] as a `std::process::Command`, for a process the test spawns (and must kill).
pub fn std_bin() -> std::process::Command {
    let mut c = std::process::Command::new(BIN);
    for v in CLEARED {
        c.env_remove(v);
    }
    c.env("NO_COLOR", "1");
    c
}

/// Runs a command to its end: exit code (`None`: killed by a signal), stdout, stderr.
pub fn output(c: &mut assert_cmd::Command) -> (Option<i32>, String, String) {
    let o = c.output().expect("the command runs");
    (o.status.code(), String::from_utf8(o.stdout).expect("UTF-8 stdout"), String::from_utf8(o.stderr).expect("UTF-8 stderr"))
}

/// The stdout of a command run to its end.
pub fn stdout(c: &mut assert_cmd::Command) -> String {
    output(c).1
}

/// The stdout of a command run to its end, as JSON.
pub fn json(c: &mut assert_cmd::Command) -> serde_json::Value {
    serde_json::from_str(&stdout(c)).expect("JSON on stdout")
}

// ---------------------------------------------------------------------------------------------
// What a test needs of the machine: it fails, saying so, rather than passing without testing

/// Fails the test unless `tool` is on the PATH (CI installs every tool a test needs: `.ci/run`).
pub fn need(tool: &str) {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = std::env::split_paths(&path).any(|d| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::metadata(d.join(tool)).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        }
        #[cfg(not(unix))]
        {
            std::fs::metadata(d.join(format!("{tool}.exe"))).is_ok_and(|m| m.is_file())
        }
    });
    assert!(found, "this test needs `{tool}`, which is not installed (CI installs it: .ci/run)");
}

/// Whether the tests run as root.
pub fn is_root() -> bool {
    #[cfg(unix)]
    {
        rustix::process::geteuid().is_root()
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Fails the test unless it runs as root: for the tests marked `#[ignore = "needs root"]`, which
/// run only when asked (`cargo test -- --include-ignored`, as CI does, as root).
pub fn need_root() {
    assert!(is_root(), "this test needs root (it is ignored otherwise: run it as root with `cargo test -- --include-ignored`)");
}

// ---------------------------------------------------------------------------------------------
// The round

/// Writes the demo round (8 units, seed 2020: what `parindex demo --no-tui DIR` writes) into `dir`.
pub fn demo_in(dir: &Path) {
    write(dir, &DemoOptions::default()).expect("demo");
}

/// The demo round over git: 3 units (vp headed by lan, ttra by hung, khtc by mai; the Office
/// tuoc), not single-user, `extra` appended to its workspace.toml, written to `root/round` and
/// made into the bare repository `root/srv/round.git` by `remote init` (git needed). Returns the
/// repository and what `remote init` printed.
pub fn demo_repo(root: &Path, extra: &str) -> (PathBuf, String) {
    demo_repo_with(root, |text| text.replace("single_user = true\n", "") + extra)
}

/// [`demo_repo`] with its workspace.toml as `edit` makes it of the demo's (which is
/// single-user).
pub fn demo_repo_with(root: &Path, edit: impl FnOnce(String) -> String) -> (PathBuf, String) {
    need("git");
    let round = root.join("round");
    let (code, _, err) = output(bin().args(["demo", "--units", "3", "--no-tui"]).arg(&round));
    assert_eq!(code, Some(0), "{err}");
    let ws = round.join("workspace.toml");
    let text = std::fs::read_to_string(&ws).unwrap();
    std::fs::write(&ws, edit(text)).unwrap();
    let repo = root.join("srv").join("round.git");
    let (code, out, err) = output(bin().args(["remote", "init"]).arg(&repo).arg("--from").arg(&round).arg("--bin").arg(BIN));
    assert_eq!(code, Some(0), "{out}{err}");
    (repo, out)
}

/// A demo round in `ws/` of a temporary folder of its own (beside it, room for files outside
/// the round); removed when dropped.
pub struct Round {
    pub tmp: tempfile::TempDir,
    pub dir: PathBuf,
}

impl Round {
    /// The demo round with `units` units, written from `seed` (the demo's default: 8, 2020).
    pub fn demo(units: usize, seed: u64) -> Round {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("ws");
        write(&dir, &DemoOptions { units, seed }).expect("demo");
        Round { tmp, dir }
    }

    /// The round's folder.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The temporary folder around the round.
    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// The temporary folder and the round's folder in it.
    pub fn into_parts(self) -> (tempfile::TempDir, PathBuf) {
        (self.tmp, self.dir)
    }

    pub fn ws(&self) -> Workspace {
        Workspace::load(&self.dir).expect("the round loads")
    }

    /// A unit's sheet as saved (`None`: there is none).
    pub fn sheet(&self, unit: &str, kind: SheetKind) -> Option<Sheet> {
        sheet(&self.dir, unit, kind)
    }

    /// Writes a file of the round by hand (a hand edit: nothing is logged).
    pub fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.dir.join(rel), text).expect("write into the round");
    }

    /// `parindex ARGS -w ROUND` in English: exit code, stdout, stderr.
    pub fn run(&self, args: &[&str]) -> (Option<i32>, String, String) {
        output(bin_en().args(args).arg("-w").arg(&self.dir))
    }

    /// A workflow move (`submit`, `return`, …) on a unit, in English: exit code and stderr.
    pub fn mv(&self, what: &str, unit: &str) -> (Option<i32>, String) {
        mv(&self.dir, what, unit)
    }
}

/// A workflow move (`submit`, `return`, …) on a unit of the round at `dir`, in English: exit
/// code and stderr.
pub fn mv(dir: &Path, what: &str, unit: &str) -> (Option<i32>, String) {
    let (code, _, err) = output(bin_en().arg(what).arg("-w").arg(dir).args(["--unit", unit]));
    (code, err)
}

/// A unit's sheet as saved in the round at `dir` (`None`: there is none).
pub fn sheet(dir: &Path, unit: &str, kind: SheetKind) -> Option<Sheet> {
    Workspace::load(dir).expect("the round loads").load_sheet(unit, kind).expect("the sheet loads")
}

/// Rewrites the demo's workspace.toml so that the current OS user holds exactly these roles
/// (and `single_user` is off).
pub struct Roles<'a> {
    pub office: bool,
    pub reviewer: bool,
    /// The units the user heads; any other unit they headed goes to `lan`.
    pub heads_of: &'a [&'a str],
    /// A new deadline, as TOML (`2999-12-31`).
    pub deadline: Option<&'a str>,
}

pub fn set_roles(dir: &Path, roles: &Roles) {
    let me = parindex::core::roles::current_user();
    let p = dir.join("workspace.toml");
    let text = std::fs::read_to_string(&p).expect("workspace.toml");
    let (mut out, mut table, mut unit) = (String::new(), String::new(), String::new());
    for line in text.lines() {
        if line == "single_user = true" {
            continue;
        }
        if line.starts_with('[') {
            table = line.to_owned();
        }
        if let Some(id) = line.strip_prefix("id = ") {
            unit = id.trim_matches('"').to_owned();
        }
        let user = |yes: bool, other: &str| if yes { format!("users = [\"{me}\"]") } else { format!("users = [\"{other}\"]") };
        let line = match () {
            _ if line.starts_with("deadline = ") && roles.deadline.is_some() => format!("deadline = {}", roles.deadline.unwrap_or_default()),
            _ if table == "[office]" && line.starts_with("users = ") => user(roles.office, "tuoc"),
            _ if table == "[[reviewer]]" && line.starts_with("users = ") => user(roles.reviewer, "an"),
            _ if table == "[[unit]]" && line.starts_with("heads = ") && roles.heads_of.contains(&unit.as_str()) => format!("heads = [\"{me}\"]"),
            _ if table == "[[unit]]" && line == format!("heads = [\"{me}\"]") => "heads = [\"lan\"]".into(),
            _ => line.to_owned(),
        };
        out.push_str(&line);
        out.push('\n');
    }
    std::fs::write(&p, out).expect("workspace.toml written");
}

// ---------------------------------------------------------------------------------------------
// The dashboard

pub fn demo() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), &DemoOptions { units: 8, seed: 2020 }).expect("demo");
    let ws = Workspace::load(dir.path()).expect("demo loads");
    (dir, ws)
}

pub fn unit_app(unit: &str) -> (tempfile::TempDir, App) {
    let (dir, ws) = demo();
    let app = App::for_unit(ws, unit, Lang::Vi, Theme::PLAIN).expect("unit app");
    (dir, app)
}

pub fn office_app() -> (tempfile::TempDir, App) {
    let (dir, ws) = demo();
    let app = App::for_office(ws, Lang::Vi, Theme::PLAIN).expect("office app");
    (dir, app)
}

pub fn draw(app: &App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| view::render(app, f)).expect("draw");
    format!("{}", term.backend())
}

/// A test terminal an app is drawn on, read as plain text (a line per row).
pub struct Screen(Terminal<TestBackend>);

impl Screen {
    /// `w` columns, `h` rows.
    pub fn new(w: u16, h: u16) -> Screen {
        Screen(Terminal::new(TestBackend::new(w, h)).expect("terminal"))
    }

    /// Draws the app: the screen's text.
    pub fn frame(&mut self, app: &App) -> String {
        self.0.draw(|f| view::render(app, f)).expect("draw");
        let b = self.0.backend().buffer();
        (0..b.area.height).map(|y| (0..b.area.width).map(|x| b[(x, y)].symbol()).collect::<String>() + "\n").collect()
    }

    /// Ticks and draws the app until `what` holds of the screen (a minute at most): that screen.
    pub fn until(&mut self, app: &mut App, what: impl Fn(&str) -> bool) -> String {
        let end = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            app.tick(std::time::Instant::now());
            let f = self.frame(app);
            if what(&f) {
                return f;
            }
            assert!(std::time::Instant::now() < end, "not seen in time:\n{f}");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

/// The first criterion given an explanation in the open sheet, unsaved (as typing it does).
pub fn edit_first_note(app: &mut App, note: &str) {
    let node = app.session.ws.scorecard.leaves().next().unwrap();
    let w = app.work.as_mut().unwrap();
    w.sub.answer_mut(node).note = note.to_owned();
    w.dirty = true;
    w.last_change = Some(std::time::Instant::now());
}

/// Draws without looking at the result (the test backend cannot print a zero-width screen).
pub fn draw_only(app: &App, w: u16, h: u16) {
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| view::render(app, f)).expect("draw");
}

pub fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

pub fn ch(app: &mut App, c: char) {
    let mods = if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
    app.handle_key(KeyEvent::new(KeyCode::Char(c), mods));
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

pub fn typ(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

/// Selects a criterion by id and puts the focus on the detail pane.
pub fn select(app: &mut App, id: &str) {
    let idx = app.ws().scorecard.node_index(id).expect("criterion id");
    select_node(app, idx);
}

/// Selects a node by its index and puts the focus on the detail pane.
pub fn select_node(app: &mut App, node: usize) {
    let w = app.work.as_mut().expect("a unit is open");
    w.sel = node;
    w.field = 0;
    w.pane = Pane::Detail;
}

/// The first leaf with this rule name.
pub fn leaf_with_rule(app: &App, rule: &str) -> String {
    let sc = &app.ws().scorecard;
    sc.leaves().map(|i| &sc.nodes[i]).find(|n| n.rule.as_ref().is_some_and(|r| r.name() == rule)).expect("a leaf with that rule").id.clone()
}
