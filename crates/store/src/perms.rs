//! The operating system's side of the enforced deployment (docs/deployment.md): accounts and
//! groups from the password and group databases, and a walk of a round's tree that never
//! follows a symbolic link. `parindex permissions` plans and applies with it; `check`'s mode
//! warnings ([`super::modes`]) read with it.

use std::ffi::{CStr, CString};
use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub use rustix::fs::Stat;
use rustix::fs::{AtFlags, FileType, Mode, OFlags};

/// A user account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub name: String,
    pub uid: u32,
    /// The primary group.
    pub gid: u32,
}

/// A group and the names it lists as members (not the users whose primary group it is).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    pub gid: u32,
    pub members: Vec<String>,
}

/// Calls a `get*_r` function with a growing buffer until it fits.
fn with_buffer<T>(mut call: impl FnMut(&mut [libc::c_char]) -> (libc::c_int, Option<T>)) -> Option<T> {
    let mut size = 4096;
    loop {
        let mut buf = vec![0 as libc::c_char; size];
        let (rc, out) = call(&mut buf);
        if rc == libc::ERANGE && size < 1 << 22 {
            size *= 4;
            continue;
        }
        return out;
    }
}

/// # Safety
/// `p` comes from a successful `getpw*_r`.
unsafe fn user_of(p: &libc::passwd) -> User {
    // SAFETY: pw_name points to a NUL-terminated string in the caller's buffer.
    let name = unsafe { CStr::from_ptr(p.pw_name) }.to_string_lossy().into_owned();
    User { name, uid: p.pw_uid, gid: p.pw_gid }
}

/// # Safety
/// `g` comes from a successful `getgr*_r`.
unsafe fn group_of(g: &libc::group) -> Group {
    // SAFETY: gr_name and the gr_mem array (NULL-terminated) point into the caller's buffer.
    unsafe {
        let name = CStr::from_ptr(g.gr_name).to_string_lossy().into_owned();
        let mut members = Vec::new();
        let mut m = g.gr_mem;
        while !m.is_null() && !(*m).is_null() {
            members.push(CStr::from_ptr(*m).to_string_lossy().into_owned());
            m = m.add(1);
        }
        Group { name, gid: g.gr_gid, members }
    }
}

pub fn user_by_name(name: &str) -> Option<User> {
    let c = CString::new(name).ok()?;
    with_buffer(|buf| {
        // SAFETY: getpwnam_r writes into pwd and buf; read only on success.
        unsafe {
            let mut pwd: libc::passwd = std::mem::zeroed();
            let mut res: *mut libc::passwd = std::ptr::null_mut();
            let rc = libc::getpwnam_r(c.as_ptr(), &mut pwd, buf.as_mut_ptr(), buf.len(), &mut res);
            (rc, (rc == 0 && !res.is_null()).then(|| user_of(&pwd)))
        }
    })
}

pub fn user_by_uid(uid: u32) -> Option<User> {
    with_buffer(|buf| {
        // SAFETY: as above.
        unsafe {
            let mut pwd: libc::passwd = std::mem::zeroed();
            let mut res: *mut libc::passwd = std::ptr::null_mut();
            let rc = libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut res);
            (rc, (rc == 0 && !res.is_null()).then(|| user_of(&pwd)))
        }
    })
}

pub fn group_by_name(name: &str) -> Option<Group> {
    let c = CString::new(name).ok()?;
    with_buffer(|buf| {
        // SAFETY: getgrnam_r writes into grp and buf; read only on success.
        unsafe {
            let mut grp: libc::group = std::mem::zeroed();
            let mut res: *mut libc::group = std::ptr::null_mut();
            let rc = libc::getgrnam_r(c.as_ptr(), &mut grp, buf.as_mut_ptr(), buf.len(), &mut res);
            (rc, (rc == 0 && !res.is_null()).then(|| group_of(&grp)))
        }
    })
}

pub fn group_by_gid(gid: u32) -> Option<Group> {
    with_buffer(|buf| {
        // SAFETY: as above.
        unsafe {
            let mut grp: libc::group = std::mem::zeroed();
            let mut res: *mut libc::group = std::ptr::null_mut();
            let rc = libc::getgrgid_r(gid, &mut grp, buf.as_mut_ptr(), buf.len(), &mut res);
            (rc, (rc == 0 && !res.is_null()).then(|| group_of(&grp)))
        }
    })
}

/// Every account in the password database (`getpwent` is not reentrant: one caller at a time).
pub fn all_users() -> Vec<User> {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _g = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mut out = Vec::new();
    // SAFETY: the getpwent iteration, serialised above; each entry is copied out at once.
    unsafe {
        libc::setpwent();
        loop {
            let p = libc::getpwent();
            if p.is_null() {
                break;
            }
            out.push(user_of(&*p));
        }
        libc::endpwent();
    }
    out
}

/// The people (accounts other than root) in a group: those it lists and those whose primary
/// group it is. Sorted, without repeats.
pub fn people_in_group(gid: u32, all: &[User]) -> Vec<String> {
    let mut out: Vec<String> = group_by_gid(gid).map(|g| g.members).unwrap_or_default();
    out.extend(all.iter().filter(|u| u.gid == gid).map(|u| u.name.clone()));
    out.retain(|n| n != "root" && user_by_name(n).is_none_or(|u| u.uid != 0));
    out.sort();
    out.dedup();
    out
}

/// A user name `useradd` takes as it is: lower-case letters, digits, `_`, `-` (not first),
/// at most 32 characters.
pub fn valid_user_name(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= 32
        && (b[0].is_ascii_lowercase() || b[0] == b'_')
        && b.iter().all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_' || c == b'-')
}

/// Whether the file system holding `path` is mounted `nosuid` (a setgid bit there does nothing).
pub fn mounted_nosuid(path: &Path) -> io::Result<bool> {
    let c = cpath(path)?;
    Ok(rustix::fs::statvfs(c.as_c_str())?.f_flag.contains(rustix::fs::StatVfsMountFlags::NOSUID))
}

fn cpath(path: &Path) -> io::Result<CString> {
    CString::new(path.as_os_str().as_bytes()).map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a path with a NUL byte"))
}

/// What a node of a round's tree is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Dir,
    File,
    /// A symbolic link (never followed).
    Link,
    Fifo,
    Socket,
    Device,
}

impl Kind {
    fn of(mode: u32) -> Kind {
        match FileType::from_raw_mode(mode as _) {
            FileType::Directory => Kind::Dir,
            FileType::RegularFile => Kind::File,
            FileType::Symlink => Kind::Link,
            FileType::Fifo => Kind::Fifo,
            FileType::Socket => Kind::Socket,
            _ => Kind::Device,
        }
    }

    /// Whether `permissions` may own and set the mode of it (a folder or a regular file).
    pub fn is_plain(self) -> bool {
        matches!(self, Kind::Dir | Kind::File)
    }
}

/// One node of a round's tree, as `lstat` sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The path, starting with the round's folder as given.
    pub path: PathBuf,
    /// How many folders down from the round's folder (the folder itself: 0).
    pub depth: usize,
    pub kind: Kind,
    pub uid: u32,
    pub gid: u32,
    /// Permission bits with setuid, setgid and sticky (`mode & 0o7777`).
    pub mode: u32,
    pub dev: u64,
    pub ino: u64,
}

/// Where a node is: its parent folder's descriptor and its name there, for `*at` calls that
/// cannot be redirected by a link swapped in meanwhile.
pub struct At<'a> {
    /// The parent folder ([`rustix::fs::CWD`] for a path as given).
    pub dir: BorrowedFd<'a>,
    pub name: &'a CStr,
}

impl At<'_> {
    /// Opens the node itself without following a link (`O_NONBLOCK`: a FIFO never blocks).
    pub fn open(&self, folder: bool) -> io::Result<OwnedFd> {
        let mut flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NONBLOCK;
        if folder {
            flags |= OFlags::DIRECTORY;
        }
        Ok(rustix::fs::openat(self.dir, self.name, flags, Mode::empty())?)
    }
}

fn stat_at(at: &At<'_>) -> io::Result<Stat> {
    Ok(rustix::fs::statat(at.dir, at.name, AtFlags::SYMLINK_NOFOLLOW)?)
}

/// Stats of an open descriptor.
pub fn fstat(fd: impl AsFd) -> io::Result<Stat> {
    Ok(rustix::fs::fstat(fd)?)
}

/// The names in an open folder, sorted (`.` and `..` left out).
fn names_in(dir: BorrowedFd<'_>) -> io::Result<Vec<CString>> {
    // A duplicate (the folder's own descriptor stays as it is), read from the start.
    let mut d = rustix::fs::Dir::new(rustix::io::fcntl_dupfd_cloexec(dir, 0)?)?;
    d.rewind();
    let mut out = Vec::new();
    while let Some(entry) = d.read() {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_bytes() != b"." && name.to_bytes() != b".." {
            out.push(name.to_owned());
        }
    }
    out.sort();
    Ok(out)
}

/// Walks the tree under `root` (the root first, every folder before what it holds), never
/// following a link: each node is `lstat`ed through its parent's descriptor and only folders
/// are opened (with `O_NOFOLLOW`). `visit` sees each node and where it is. A link or any other
/// non-folder is visited but not entered.
pub fn walk(root: &Path, visit: &mut dyn FnMut(&Node, &At<'_>) -> io::Result<()>) -> io::Result<()> {
    let c = cpath(root)?;
    let at = At { dir: rustix::fs::CWD, name: &c };
    walk_at(&at, root.to_path_buf(), 0, visit)
}

/// [`walk`] from a folder already open (the round as loaded): the walk starts at its
/// descriptor, so a folder swapped at its path since is never walked instead.
pub fn walk_in(root: &crate::dir::Dir, visit: &mut dyn FnMut(&Node, &At<'_>) -> io::Result<()>) -> io::Result<()> {
    walk_at(&At { dir: root.fd(), name: c"." }, root.path.clone(), 0, visit)
}

fn walk_at(at: &At<'_>, path: PathBuf, depth: usize, visit: &mut dyn FnMut(&Node, &At<'_>) -> io::Result<()>) -> io::Result<()> {
    let st = stat_at(at).map_err(|e| with_path(e, &path))?;
    // `as`: macOS's stat has a 16-bit mode and a 32-bit signed device.
    #[allow(clippy::unnecessary_cast)]
    let (st_mode, st_dev) = (st.st_mode as u32, st.st_dev as u64);
    let node = Node { path, depth, kind: Kind::of(st_mode), uid: st.st_uid, gid: st.st_gid, mode: st_mode & 0o7777, dev: st_dev, ino: st.st_ino };
    visit(&node, at)?;
    if node.kind != Kind::Dir {
        return Ok(());
    }
    let fd = at.open(true).map_err(|e| with_path(e, &node.path))?;
    let opened = fstat(&fd)?;
    #[allow(clippy::unnecessary_cast)]
    if (opened.st_dev as u64, opened.st_ino) != (node.dev, node.ino) {
        return Err(io::Error::other(format!("{}: changed while being read", node.path.display())));
    }
    for name in names_in(fd.as_fd()).map_err(|e| with_path(e, &node.path))? {
        let child = node.path.join(std::ffi::OsStr::from_bytes(name.to_bytes()));
        walk_at(&At { dir: fd.as_fd(), name: &name }, child, depth + 1, visit)?;
    }
    Ok(())
}

fn with_path(e: io::Error, path: &Path) -> io::Error {
    super::dir::at(path.to_path_buf(), e)
}

/// Sets owner, group and mode on an open descriptor (so a link swapped in meanwhile is never
/// followed).
pub fn own(fd: impl AsFd, uid: u32, gid: u32, mode: u32) -> io::Result<()> {
    use rustix::process::{Gid, Uid};
    // The owner first: chown clears a setgid bit, which the mode then sets.
    // (-1, which `fchown` reads as "leave it", is passed on as such.)
    let (uid, gid) = ((uid != u32::MAX).then(|| Uid::from_raw(uid)), (gid != u32::MAX).then(|| Gid::from_raw(gid)));
    rustix::fs::fchown(&fd, uid, gid)?;
    Ok(rustix::fs::fchmod(&fd, Mode::from_raw_mode(mode as _))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_visits_every_node_once_and_enters_no_link() {
        let d = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "x").unwrap();
        std::fs::create_dir_all(d.path().join("a/b")).unwrap();
        std::fs::write(d.path().join("a/b/f.toml"), "x").unwrap();
        std::os::unix::fs::symlink(outside.path(), d.path().join("a/link")).unwrap();
        let mut seen = Vec::new();
        walk(d.path(), &mut |n, _| {
            seen.push((n.path.strip_prefix(d.path()).unwrap().display().to_string(), n.kind, n.depth));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                (String::new(), Kind::Dir, 0),
                ("a".into(), Kind::Dir, 1),
                ("a/b".into(), Kind::Dir, 2),
                ("a/b/f.toml".into(), Kind::File, 3),
                ("a/link".into(), Kind::Link, 2),
            ]
        );
    }

    #[test]
    fn user_names_useradd_takes() {
        for ok in ["lan", "tuoc", "_svc", "nguyen-van-a", "u2"] {
            assert!(valid_user_name(ok), "{ok}");
        }
        for bad in ["", "-o", "Lan", "a b", "a/b", "lần", &"x".repeat(33)] {
            assert!(!valid_user_name(bad), "{bad}");
        }
    }

    #[test]
    fn root_is_found_and_counted_as_no_person() {
        let root = user_by_uid(0).expect("uid 0 exists");
        assert_eq!(root.name, "root");
        assert_eq!(user_by_name("root").map(|u| u.uid), Some(0));
        assert!(!people_in_group(0, &all_users()).contains(&"root".to_owned()));
    }
}
