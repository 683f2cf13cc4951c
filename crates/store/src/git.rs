//! Git through its command line (issue 20): a round kept in a git repository is read and
//! written by `git` itself, run with a time limit and a clean environment for its settings.
//! Never a git library: the server's hook and the client's sync meet the same program the
//! users' own `git` is.

use std::ffi::OsStr;
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one git command may take before it is killed (a push of a whole round over a slow
/// line stays well under it; a hung credential prompt does not).
pub const TIMEOUT: Duration = Duration::from_secs(300);

/// What a git command left.
#[derive(Debug)]
pub struct Output {
    pub ok: bool,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Output {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).trim_end().to_owned()
    }

    pub fn err_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr).trim_end().to_owned()
    }
}

/// A git command to run in `dir` (`-C dir`), with extra variables.
pub struct Git<'a> {
    dir: &'a Path,
    envs: Vec<(String, String)>,
    input: Option<Vec<u8>>,
}

impl<'a> Git<'a> {
    pub fn new(dir: &'a Path) -> Git<'a> {
        Git { dir, envs: Vec::new(), input: None }
    }

    pub fn env(mut self, k: &str, v: &str) -> Self {
        self.envs.push((k.to_owned(), v.to_owned()));
        self
    }

    pub fn input(mut self, data: Vec<u8>) -> Self {
        self.input = Some(data);
        self
    }

    /// Runs `git -C dir ARGS`; `Err` when git cannot be started or runs past the time limit
    /// (it is then killed by its id).
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> io::Result<Output> {
        let mut cmd = Command::new("git");
        cmd.arg("-C").arg(self.dir);
        cmd.args(args);
        // Messages in English for the code to read (the user reads ours); no pager, no prompt.
        cmd.env("LC_ALL", "C").env("GIT_TERMINAL_PROMPT", "0").env("GIT_PAGER", "cat");
        for (k, v) in &self.envs {
            cmd.env(k, v);
        }
        cmd.stdin(if self.input.is_some() { Stdio::piped() } else { Stdio::null() });
        cmd.stdout(Stdio::piped());
        cmd.stderr(Stdio::piped());
        let mut child = cmd.spawn()?;
        let feeder = match (self.input.clone(), child.stdin.take()) {
            (Some(data), Some(mut stdin)) => Some(std::thread::spawn(move || {
                let _ = stdin.write_all(&data);
            })),
            _ => None,
        };
        let mut out = child.stdout.take();
        let mut err = child.stderr.take();
        let reader_out = std::thread::spawn(move || {
            let mut v = Vec::new();
            if let Some(o) = out.as_mut() {
                let _ = o.read_to_end(&mut v);
            }
            v
        });
        let reader_err = std::thread::spawn(move || {
            let mut v = Vec::new();
            if let Some(e) = err.as_mut() {
                let _ = e.read_to_end(&mut v);
            }
            v
        });
        let start = Instant::now();
        let status = loop {
            if let Some(st) = child.try_wait()? {
                break st;
            }
            if start.elapsed() > TIMEOUT {
                let _ = child.kill();
                let _ = child.wait();
                return Err(io::Error::new(io::ErrorKind::TimedOut, "git ran past its time limit"));
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        if let Some(f) = feeder {
            let _ = f.join();
        }
        let stdout = reader_out.join().unwrap_or_default();
        let stderr = reader_err.join().unwrap_or_default();
        Ok(Output { ok: status.success(), stdout, stderr })
    }

    /// Runs and returns standard output, or `Err` with git's own message when it failed.
    pub fn out<S: AsRef<OsStr>>(&self, args: &[S]) -> io::Result<String> {
        let o = self.run(args)?;
        if o.ok { Ok(o.text()) } else { Err(io::Error::other(o.err_text())) }
    }
}

/// Whether `dir` is the top of a git clone (a round that travels by git): it has a `.git`.
pub fn is_clone(dir: &Path) -> bool {
    dir.join(".git").exists()
}

/// The all-zero object name git uses for "no commit" (a created or deleted ref).
pub const ZERO: &str = "0000000000000000000000000000000000000000";

/// Writes the tree of `commit` into the empty folder `into` (a temporary index, never the
/// repository's work tree). Links and submodules are refused by the caller before this.
pub fn export_tree(repo: &Path, commit: &str, into: &Path) -> io::Result<()> {
    let index = into.with_extension("index");
    let idx = index.to_string_lossy().into_owned();
    let g = Git::new(repo).env("GIT_INDEX_FILE", &idx);
    g.out(&["read-tree", commit])?;
    let mut prefix = into.to_string_lossy().into_owned();
    if !prefix.ends_with('/') {
        prefix.push('/');
    }
    g.out(&["--work-tree", &into.to_string_lossy(), "checkout-index", "-a", "-f", &format!("--prefix={prefix}")])?;
    let _ = std::fs::remove_file(&index);
    Ok(())
}

/// One changed path of a commit: its old and new mode (`000000` when absent), and the path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub old_mode: String,
    pub new_mode: String,
    pub path: String,
}

impl Change {
    pub fn deleted(&self) -> bool {
        self.new_mode == "000000"
    }

    /// A regular file (or none) on both sides: not a link, a submodule or an executable.
    pub fn plain(&self) -> bool {
        let ok = |m: &str| m == "100644" || m == "000000";
        ok(&self.old_mode) && ok(&self.new_mode)
    }
}

/// The paths `commit` changes against `parent`.
pub fn changes(repo: &Path, parent: &str, commit: &str) -> io::Result<Vec<Change>> {
    let o = Git::new(repo).run(&["diff-tree", "-r", "-z", "--no-renames", "--raw", parent, commit])?;
    if !o.ok {
        return Err(io::Error::other(o.err_text()));
    }
    // `:old new oldsha newsha status\0path\0` records.
    let mut out = Vec::new();
    let mut parts = o.stdout.split(|&b| b == 0).filter(|p| !p.is_empty());
    while let Some(meta) = parts.next() {
        let meta = String::from_utf8_lossy(meta);
        let Some(path) = parts.next() else { break };
        let mut f = meta.trim_start_matches(':').split(' ');
        let old_mode = f.next().unwrap_or("").to_owned();
        let new_mode = f.next().unwrap_or("").to_owned();
        out.push(Change { old_mode, new_mode, path: String::from_utf8_lossy(path).into_owned() });
    }
    Ok(out)
}
