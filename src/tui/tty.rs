//! What the dashboard asks of the system's terminal, per system: the signals that end a
//! session (Unix), and the wait for input.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

/// What the terminal has for us.
pub(super) enum Tty {
    Idle,
    Input,
    /// Hung up, or an error: the terminal is gone.
    Gone,
}

/// SIGHUP (the SSH connection dropped), SIGTERM (shutdown) and SIGINT set `stop`; a second one
/// ends the process at once.
#[cfg(unix)]
pub(super) fn stop_on_signals(stop: &Arc<AtomicBool>) {
    for sig in [signal_hook::consts::SIGHUP, signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        let _ = signal_hook::flag::register_conditional_shutdown(sig, 1, Arc::clone(stop));
        let _ = signal_hook::flag::register(sig, Arc::clone(stop));
    }
}

/// Windows: Ctrl+C reaches the dashboard as a key (raw mode); closing the console window ends
/// the process, as it would any console program.
#[cfg(not(unix))]
pub(super) fn stop_on_signals(_stop: &Arc<AtomicBool>) {}

/// Waits up to `timeout` for input on the terminal (standard input). A signal ends the wait.
/// crossterm is asked to read only when there is input, so no loop spins on a dead terminal.
#[cfg(unix)]
pub(super) fn wait_tty(timeout: Duration) -> Tty {
    use rustix::event::{PollFd, PollFlags, Timespec};
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    // Whole milliseconds, at most i32::MAX of them (as poll(2) takes them).
    let ms = timeout.as_millis().min(i32::MAX as u128) as i64;
    let ts = Timespec { tv_sec: ms / 1000, tv_nsec: (ms % 1000) * 1_000_000 };
    match rustix::event::poll(&mut fds, Some(&ts)) {
        Ok(_) => {}
        Err(rustix::io::Errno::INTR) => return Tty::Idle,
        Err(_) => return Tty::Gone,
    }
    let revents = fds[0].revents();
    if revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
        return Tty::Gone;
    }
    if revents.contains(PollFlags::IN) { Tty::Input } else { Tty::Idle }
}

/// Windows: the console's input events, through crossterm (which waits on the console handle).
#[cfg(not(unix))]
pub(super) fn wait_tty(timeout: Duration) -> Tty {
    match ratatui::crossterm::event::poll(timeout) {
        Ok(true) => Tty::Input,
        Ok(false) => Tty::Idle,
        Err(_) => Tty::Gone,
    }
}
