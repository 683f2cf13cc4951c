//! Git through its command line (issue 20): a round kept in a git repository is read and
//! written by `git` itself, run with a time limit and a clean environment for its settings.
//! Never a git library: the server's hook and the client's sync meet the same program the
//! users' own `git` is.

use std::ffi::OsStr;
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The round's one branch: every clone pulls and pushes it; the hook refuses any other.
pub const MAIN: &str = "main";

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

/// One changed path of a commit: its old and new mode (`000000` when absent), the object its
/// new side names (all zeros when deleted), and the path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub old_mode: String,
    pub new_mode: String,
    pub new_id: String,
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
        let new_id = f.nth(1).unwrap_or("").to_owned();
        out.push(Change { old_mode, new_mode, new_id, path: String::from_utf8_lossy(path).into_owned() });
    }
    Ok(out)
}

/// The contents of blobs, by object name, in the order asked (one `git cat-file --batch`).
pub fn blobs(repo: &Path, ids: &[&str]) -> io::Result<Vec<Vec<u8>>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let o = Git::new(repo).input(batch_input(ids)?).run(&["cat-file", "--batch"])?;
    if !o.ok {
        return Err(io::Error::other(o.err_text()));
    }
    // `<id> blob <size>\n<content>\n` per object; `<id> missing\n` for one that is not there.
    let mut out = Vec::with_capacity(ids.len());
    let mut rest = &o.stdout[..];
    for id in ids {
        let bad = || io::Error::other(format!("cat-file: no blob {id}"));
        let nl = rest.iter().position(|&b| b == b'\n').ok_or_else(bad)?;
        let head = std::str::from_utf8(&rest[..nl]).map_err(|_| bad())?;
        let mut f = head.split(' ');
        let (Some(name), Some("blob"), Some(size), None) = (f.next(), f.next(), f.next(), f.next()) else { return Err(bad()) };
        let size: usize = size.parse().map_err(|_| bad())?;
        if name != *id || rest.len() < nl + 1 + size + 1 || rest[nl + 1 + size] != b'\n' {
            return Err(bad());
        }
        out.push(rest[nl + 1..nl + 1 + size].to_vec());
        rest = &rest[nl + 1 + size + 1..];
    }
    Ok(out)
}

/// Object names, one a line, for `cat-file --batch*`.
fn batch_input(ids: &[&str]) -> io::Result<Vec<u8>> {
    let mut input = String::new();
    for id in ids {
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(io::Error::other(format!("not an object name: {id}")));
        }
        input.push_str(id);
        input.push('\n');
    }
    Ok(input.into_bytes())
}

/// The most bytes of new contents [`apply_changes`] reads into memory for one commit.
pub const MAX_CARRIED_BYTES: u64 = 64 << 20;

/// The total size of blobs, by object name (one `git cat-file --batch-check`).
fn blob_bytes(repo: &Path, ids: &[&str]) -> io::Result<u64> {
    let o = Git::new(repo).input(batch_input(ids)?).run(&["cat-file", "--batch-check=%(objectsize)"])?;
    if !o.ok {
        return Err(io::Error::other(o.err_text()));
    }
    let text = String::from_utf8_lossy(&o.stdout);
    let sizes: Vec<&str> = text.lines().collect();
    if sizes.len() != ids.len() {
        return Err(io::Error::other("cat-file: not every blob"));
    }
    sizes.iter().try_fold(0u64, |n, s| s.parse::<u64>().map(|x| n.saturating_add(x)).map_err(|_| io::Error::other(format!("cat-file: {s}"))))
}

/// Whether a path git gave is one that stays inside the folder it is written to: relative,
/// no empty, `.` or `..` component, no `.git` (as `checkout-index` refuses them); and one
/// [`changes`] read whole (a name that is not UTF-8 came with U+FFFD in it: written or removed
/// under that, it would not be git's file).
fn safe_path(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\u{FFFD}')
        && path.split('/').all(|c| !c.is_empty() && c != "." && c != ".." && !c.eq_ignore_ascii_case(".git") && !c.contains('\\'))
}

/// Brings `into`, a folder holding the tree of some commit, to the tree of another, given the
/// [`changes`] between the two: the files the second adds or changes are written from the
/// object store, the ones it deletes removed (and folders left empty with them, as a fresh
/// [`export_tree`] has none). Every file written is a new one, never an old one rewritten
/// (a folder may share its files with another by hard links, see [`TreePair`]). `Err` for
/// anything but plain files on safe paths, or a folder on the way that is not a real folder:
/// the caller exports the tree afresh instead.
pub fn apply_changes(repo: &Path, changes: &[Change], into: &Path) -> io::Result<()> {
    apply_within(repo, changes, into, MAX_CARRIED_BYTES)
}

fn apply_within(repo: &Path, changes: &[Change], into: &Path, max_bytes: u64) -> io::Result<()> {
    if let Some(c) = changes.iter().find(|c| !c.plain() || !safe_path(&c.path)) {
        return Err(io::Error::other(format!("not a plain file: {}", c.path)));
    }
    let (gone, written): (Vec<&Change>, Vec<&Change>) = changes.iter().partition(|c| c.deleted());
    let ids: Vec<&str> = written.iter().map(|c| c.new_id.as_str()).collect();
    // The new contents are held in memory: many large files are better streamed by an export.
    if !ids.is_empty() && blob_bytes(repo, &ids)? > max_bytes {
        return Err(io::Error::other("too much to carry: export"));
    }
    let contents = blobs(repo, &ids)?;
    for c in &gone {
        let p = real_parent(into, &c.path)?.join(last(&c.path));
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        // Folders left empty go with it, up to the top.
        let mut dir = p.parent().map(Path::to_path_buf);
        while let Some(d) = dir {
            if d == into || std::fs::remove_dir(&d).is_err() {
                break;
            }
            dir = d.parent().map(Path::to_path_buf);
        }
    }
    for (c, bytes) in written.iter().zip(contents) {
        let parent = real_parent(into, &c.path)?;
        std::fs::create_dir_all(&parent)?;
        let p = parent.join(last(&c.path));
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.is_dir() => return Err(io::Error::other(format!("a folder where a file goes: {}", c.path))),
            Ok(_) => std::fs::remove_file(&p)?,
            Err(_) => {}
        }
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&p)?;
        f.write_all(&bytes)?;
    }
    Ok(())
}

fn last(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The folder of `path` under `root`, checked to be made of real folders (or not there yet)
/// all the way: nothing is written through a link.
fn real_parent(root: &Path, path: &str) -> io::Result<std::path::PathBuf> {
    let mut at = root.to_path_buf();
    let comps: Vec<&str> = path.split('/').collect();
    for c in &comps[..comps.len().saturating_sub(1)] {
        at.push(c);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(io::Error::other(format!("not a folder: {}", at.display()))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(at)
}

/// Two folders holding the trees of two commits, for judging a run of commits one after the
/// other (the hook: each commit against its parent). A folder is exported once; after that it
/// is brought from the commit it holds to the one asked for by writing only what differs
/// ([`apply_changes`]), and the second folder starts as hard links to the first. A push of N
/// commits in a row costs one export and the changes, where exporting both sides of each
/// commit cost 2N exports.
pub struct TreePair {
    tmp: tempfile::TempDir,
    /// Which commit each folder holds (`None`: empty or unknown).
    at: [Option<String>; 2],
}

impl TreePair {
    pub fn new() -> io::Result<TreePair> {
        let tmp = tempfile::tempdir()?;
        for i in 0..2 {
            std::fs::create_dir(tmp.path().join(Self::name(i)))?;
        }
        Ok(TreePair { tmp, at: [None, None] })
    }

    fn name(i: usize) -> &'static str {
        ["a", "b"][i]
    }

    fn dir(&self, i: usize) -> std::path::PathBuf {
        self.tmp.path().join(Self::name(i))
    }

    /// The folders holding `parent`'s tree and `commit`'s tree, in that order. Nothing read
    /// from them earlier may be kept across calls: the next call rewrites them.
    pub fn both(&mut self, repo: &Path, parent: &str, commit: &str) -> io::Result<(std::path::PathBuf, std::path::PathBuf)> {
        // The folder holding the parent already (the commit judged before this one), else one
        // that does not hold the commit.
        let (a, b) = (self.at[0].as_deref(), self.at[1].as_deref());
        let o = if a == Some(parent) || (b != Some(parent) && a != Some(commit)) { 0 } else { 1 };
        self.bring(repo, o, parent)?;
        self.bring(repo, 1 - o, commit)?;
        Ok((self.dir(o), self.dir(1 - o)))
    }

    /// Brings folder `i` to `commit`'s tree.
    fn bring(&mut self, repo: &Path, i: usize, commit: &str) -> io::Result<()> {
        if self.at[i].as_deref() == Some(commit) {
            return Ok(());
        }
        let dir = self.dir(i);
        let from = self.at[i].take();
        let from = match from {
            Some(f) => Some(f),
            // Empty: hard links to the other folder's files (it holds a tree), then its changes.
            None => match self.at[1 - i].clone() {
                Some(other) if link_tree(&self.dir(1 - i), &dir).is_ok() => Some(other),
                _ => None,
            },
        };
        let carried = match from {
            Some(f) => changes(repo, &f, commit).and_then(|c| apply_changes(repo, &c, &dir)).is_ok(),
            None => false,
        };
        if !carried {
            std::fs::remove_dir_all(&dir)?;
            std::fs::create_dir(&dir)?;
            export_tree(repo, commit, &dir)?;
        }
        self.at[i] = Some(commit.to_owned());
        Ok(())
    }
}

/// `to` (empty) made a copy of `from`'s folders, its files hard links to `from`'s.
fn link_tree(from: &Path, to: &Path) -> io::Result<()> {
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let t = e.file_type()?;
        let dest = to.join(e.file_name());
        if t.is_dir() {
            std::fs::create_dir(&dest)?;
            link_tree(&e.path(), &dest)?;
        } else if t.is_file() {
            std::fs::hard_link(e.path(), &dest)?;
        } else {
            return Err(io::Error::other(format!("not a plain file: {}", e.path().display())));
        }
    }
    Ok(())
}

// They run the git program, which .ci/windows.sh's wine prefix does not have (the hook that
// carries trees runs on the round's Unix server; tests/git_*.rs cover it end to end there).
#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Debug, PartialEq, Eq)]
    enum Node {
        Folder,
        File(Vec<u8>),
        Link(std::path::PathBuf),
    }

    /// Every folder, file and link under `dir`, by path.
    fn snapshot(dir: &Path) -> BTreeMap<String, Node> {
        fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Node>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let e = e.unwrap();
                let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
                let t = e.file_type().unwrap();
                if t.is_dir() {
                    out.insert(rel, Node::Folder);
                    walk(root, &e.path(), out);
                } else if t.is_symlink() {
                    out.insert(rel, Node::Link(std::fs::read_link(e.path()).unwrap()));
                } else {
                    out.insert(rel, Node::File(std::fs::read(e.path()).unwrap()));
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(dir, dir, &mut out);
        out
    }

    /// The tree of `commit` as a fresh [`export_tree`] writes it.
    fn exported(repo: &Path, commit: &str) -> BTreeMap<String, Node> {
        let t = tempfile::tempdir().unwrap();
        let d = t.path().join("x");
        std::fs::create_dir(&d).unwrap();
        export_tree(repo, commit, &d).unwrap();
        snapshot(&d)
    }

    struct Repo {
        _tmp: tempfile::TempDir,
        dir: std::path::PathBuf,
    }

    impl Repo {
        fn new() -> Repo {
            let tmp = tempfile::tempdir().unwrap();
            let dir = tmp.path().join("r");
            std::fs::create_dir(&dir).unwrap();
            Git::new(&dir).out(&["init", "-q", "-b", "main"]).unwrap();
            Repo { _tmp: tmp, dir }
        }

        fn write(&self, path: &str, bytes: &[u8]) {
            let p = self.dir.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }

        fn remove(&self, path: &str) {
            std::fs::remove_file(self.dir.join(path)).unwrap();
        }

        /// Commits everything; returns the commit.
        fn commit(&self, msg: &str) -> String {
            let g = Git::new(&self.dir)
                .env("GIT_AUTHOR_NAME", "t")
                .env("GIT_AUTHOR_EMAIL", "t@t")
                .env("GIT_COMMITTER_NAME", "t")
                .env("GIT_COMMITTER_EMAIL", "t@t");
            g.out(&["add", "-A"]).unwrap();
            g.out(&["commit", "-q", "--allow-empty", "-m", msg]).unwrap();
            g.out(&["rev-parse", "HEAD"]).unwrap()
        }
    }

    /// A run of commits deleting, re-adding, turning a folder into a file and back, with
    /// contents git's batch output must not misread, and a link (exported afresh): each pair of
    /// carried folders is exactly the two fresh exports, whatever order the pairs are asked in.
    #[test]
    fn carried_trees_are_the_exported_trees() {
        let r = Repo::new();
        let mut c = Vec::new();
        r.write("a.txt", b"a\n");
        r.write("d/x.txt", b"x");
        r.write("d/y.txt", b"");
        r.write("e/f/g.bin", b"\n\n1 blob 3\n\0\xff");
        c.push(r.commit("0"));
        r.write("a.txt", b"a changed\n");
        r.remove("d/x.txt");
        c.push(r.commit("1: change, delete"));
        r.remove("e/f/g.bin");
        r.write("d/z.txt", b"z\n");
        c.push(r.commit("2: a folder emptied"));
        r.write("e/f/g.bin", b"back, other bytes");
        r.write("d/x.txt", b"x again");
        c.push(r.commit("3: deleted files back"));
        for f in ["d/x.txt", "d/y.txt", "d/z.txt"] {
            r.remove(f);
        }
        std::fs::remove_dir(r.dir.join("d")).unwrap();
        r.write("d", b"d is a file now");
        c.push(r.commit("4: folder to file"));
        r.remove("d");
        r.write("d/w.txt", b"w");
        c.push(r.commit("5: file to folder"));
        c.push(r.commit("6: empty"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("a.txt", r.dir.join("l")).unwrap();
            c.push(r.commit("7: a link"));
            std::fs::remove_file(r.dir.join("l")).unwrap();
            r.write("l", b"a file where the link was");
            c.push(r.commit("8: the link a file"));
            use std::os::unix::ffi::OsStrExt;
            let odd = r.dir.join(std::ffi::OsStr::from_bytes(b"n\xff.txt"));
            std::fs::write(&odd, b"not UTF-8").unwrap();
            c.push(r.commit("9: a name that is not UTF-8"));
            std::fs::remove_file(&odd).unwrap();
            c.push(r.commit("10: gone"));
        }
        let want: Vec<_> = c.iter().map(|x| exported(&r.dir, x)).collect();
        let mut pair = TreePair::new().unwrap();
        let mut check = |p: usize, n: usize| {
            let (o, d) = pair.both(&r.dir, &c[p], &c[n]).unwrap();
            assert_eq!(snapshot(&o), want[p], "{p} → {n}: the parent's folder");
            assert_eq!(snapshot(&d), want[n], "{p} → {n}: the commit's folder");
        };
        // A push in a row, then pairs out of order (both folders brought from elsewhere).
        for k in 1..c.len() {
            check(k - 1, k);
        }
        for (p, n) in [(0, 3), (2, 5), (5, 2), (1, 1), (0, 6), (4, 0)] {
            check(p, n);
        }
    }

    #[test]
    fn unsafe_paths_and_odd_modes_are_not_written() {
        for bad in ["", "../x", "a/../x", "a//x", ".git/config", "a/.GIT/x", "./x", "a\\..\\x", "evidence/vp/\u{FFFD}.pdf"] {
            assert!(!safe_path(bad), "{bad}");
        }
        for good in ["a", "evidence/vp/0123-a.pdf", ".gitignore", "a..b"] {
            assert!(safe_path(good), "{good}");
        }
        let t = tempfile::tempdir().unwrap();
        let ch = |mode: &str, path: &str| Change { old_mode: "000000".into(), new_mode: mode.into(), new_id: "0".repeat(40), path: path.into() };
        for c in [ch("100644", "../out"), ch("120000", "l"), ch("100755", "x"), ch("160000", "m")] {
            assert!(apply_changes(t.path(), std::slice::from_ref(&c), t.path()).is_err(), "{c:?}");
        }
        assert!(snapshot(t.path()).is_empty());
    }

    /// More new bytes than may be held in memory: nothing written, the caller exports.
    #[test]
    fn too_many_new_bytes_are_not_carried() {
        let r = Repo::new();
        r.write("a", b"0123456789");
        let c0 = r.commit("0");
        r.write("a", b"01234567890");
        r.write("b", b"x");
        let c1 = r.commit("1");
        let t = tempfile::tempdir().unwrap();
        export_tree(&r.dir, &c0, t.path()).unwrap();
        let ch = changes(&r.dir, &c0, &c1).unwrap();
        assert!(apply_within(&r.dir, &ch, t.path(), 11).is_err());
        assert_eq!(snapshot(t.path()), exported(&r.dir, &c0));
        apply_within(&r.dir, &ch, t.path(), 12).unwrap();
        assert_eq!(snapshot(t.path()), exported(&r.dir, &c1));
    }
}
