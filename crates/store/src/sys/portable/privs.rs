//! The group privilege, where there is none (Windows and other systems): a round there is a
//! single user's folder or a git clone, guarded by the OS account or by the server's hook, so
//! every call here is a no-op with the Unix module's API.

/// Nothing to drop. Returns the privileged group: never any.
pub fn init() -> Option<u32> {
    None
}

/// The setgid group this process may raise: never any.
pub fn privileged_group() -> Option<u32> {
    None
}

/// A raised group that raises nothing.
#[must_use = "the privilege is dropped again when the guard is dropped"]
pub struct Raised {
    _private: (),
}

/// Raises nothing.
pub fn raise() -> Raised {
    Raised { _private: () }
}

/// Runs `f` (the user's own rights are the only ones).
pub fn as_user<T>(f: impl FnOnce() -> T) -> T {
    f()
}
