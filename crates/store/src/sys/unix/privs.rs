//! The group privilege of an installed parindex.
//!
//! In the enforced deployment (`parindex permissions`, docs/deployment.md) the round's files
//! belong to a group no person is a member of, and the installed `parindex` binary is setgid to
//! that group: the program is the only way to the files, and it decides who may do what by the
//! *real* user id, which a user cannot change. The games' shared score files and crontab's spool
//! work the same way.
//!
//! The process drops the group as its first act ([`init`]), so every path a user names
//! (`export -o`, `demo DIR`, `init DIR`, the recovery journal in their home) is opened with the
//! user's own rights; the store raises it ([`raise`]) only around its own operations on the
//! round's files. A binary without the bit (a developer's build, a single-user round) has
//! nothing to raise, and every call here is a no-op.

use std::sync::Mutex;

struct State {
    /// The setgid group, when the binary carries the bit.
    privileged: Option<libc::gid_t>,
    /// The user's own group (the real gid).
    real: libc::gid_t,
    /// Nested raises (the store calls itself; the loader's threads raise at once).
    depth: usize,
}

static STATE: Mutex<State> = Mutex::new(State { privileged: None, real: 0, depth: 0 });

/// Drops the setgid group, keeping it as the saved group for [`raise`]. Call once, first thing
/// in `main`, before any thread starts. Returns the privileged group, if any.
pub fn init() -> Option<u32> {
    let mut st = STATE.lock().unwrap_or_else(|e| e.into_inner());
    let real = rustix::process::getgid().as_raw();
    let effective = rustix::process::getegid().as_raw();
    st.real = real;
    if effective != real {
        // libc's setegid here and below: glibc changes every thread's credentials (the setxid
        // broadcast), while rustix offers only `set_thread_*` calls, which change the calling
        // thread's, and the round's group must be the whole process's.
        // SAFETY: setegid has no memory-safety preconditions; its result is checked.
        if unsafe { libc::setegid(real) } != 0 {
            // Cannot drop: refuse to run with a privilege we cannot control.
            eprintln!("parindex: cannot drop the group privilege; refusing to run");
            std::process::exit(2);
        }
        st.privileged = Some(effective);
    }
    st.privileged
}

/// The setgid group this process may raise, if any.
pub fn privileged_group() -> Option<u32> {
    STATE.lock().unwrap_or_else(|e| e.into_inner()).privileged
}

/// While this guard lives, the process acts with the round's group (when it has one).
#[must_use = "the privilege is dropped again when the guard is dropped"]
pub struct Raised {
    active: bool,
}

/// Raises the round's group for the store's own file operations; nested and concurrent raises
/// are counted, and the group is dropped when the last guard goes.
pub fn raise() -> Raised {
    let mut st = STATE.lock().unwrap_or_else(|e| e.into_inner());
    let Some(g) = st.privileged else { return Raised { active: false } };
    if st.depth == 0 {
        // SAFETY: setegid to the saved set-group-ID, which the kernel allows.
        unsafe {
            libc::setegid(g);
        }
    }
    st.depth += 1;
    Raised { active: true }
}

impl Drop for Raised {
    fn drop(&mut self) {
        if !self.active {
            return;
        }
        let mut st = STATE.lock().unwrap_or_else(|e| e.into_inner());
        st.depth -= 1;
        if st.depth == 0 {
            // SAFETY: back to the real group.
            unsafe {
                libc::setegid(st.real);
            }
        }
    }
}

/// Runs `f` with the user's own rights even inside a raised section (a path the user named, a
/// child process such as `ssh-keygen`), then restores the group if it was raised.
pub fn as_user<T>(f: impl FnOnce() -> T) -> T {
    let st = STATE.lock().unwrap_or_else(|e| e.into_inner());
    let raised = st.privileged.is_some() && st.depth > 0;
    if raised {
        // SAFETY: see above.
        unsafe {
            libc::setegid(st.real);
        }
    }
    // Hold the lock so no other thread raises meanwhile.
    let out = f();
    if raised && let Some(g) = st.privileged {
        // SAFETY: see above.
        unsafe {
            libc::setegid(g);
        }
    }
    drop(st);
    out
}
