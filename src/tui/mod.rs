//! The terminal dashboard (ratatui): a unit head's self-assessment, the Office's dashboard,
//! appraisal and ranking.
//!
//! - [`session`]: the one door to disk (workspace, identity, locks, journal, saves, moves,
//!   export, watching), with an in-memory twin for key tests.
//! - [`state`]: the state and `update(Action)`, no drawing and no disk; testable without a
//!   terminal.
//! - [`action`]: every user intent as one enum; [`keymap`]: THE key table (the help screen and
//!   the command bar are generated from it).
//! - [`view`]: one file per screen, drawing from `&App`; [`widget`]: the pieces they share.
//! - This file: the run loop (terminal set-up and restore, polling with a timeout so autosave
//!   happens on time, resize).

pub mod action;
pub mod fmt;
pub mod keymap;
pub mod session;
pub mod state;
pub mod theme;
mod tty;
pub mod view;
pub mod widget;
pub mod worker;
pub mod workflow;

use std::io::{self, Write, stdout};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use ratatui::crossterm::execute;

pub use action::Action;
pub use session::Session;
pub use state::App;
pub use theme::Theme;

use crate::core::roles::Identity;
use crate::core::workspace::Workspace;

/// Who the dashboard opens for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Launch {
    Unit(String),
    Office,
}

/// With neither `--unit` nor `--office`: the Office's dashboard for an Office user, else the
/// unit this user heads, else an error saying what to pass.
pub fn choose(ws: &Workspace, who: &Identity) -> Result<Launch, String> {
    // An appraiser (issue 21) works in the Office's dashboard, on its part only.
    if who.office || !ws.appraiser_roles(&who.user).is_empty() {
        return Ok(Launch::Office);
    }
    match who.units.as_slice() {
        [one] => return Ok(Launch::Unit(ws.units[*one].id.clone())),
        [] => {}
        many => {
            let ids: Vec<&str> = many.iter().map(|&i| ws.units[i].id.as_str()).collect();
            return Err(format!("user `{}` heads several units: choose one with `--unit ID` ({})", who.user, ids.join(", ")));
        }
    }
    Err(format!(
        "user `{}` is neither a unit head nor in [office] users of this workspace (see workspace.toml).\n  \
         Ask the Office to add you, or set `single_user = true` in workspace.toml for a round run by one person.",
        who.user
    ))
}

/// Opens the dashboard for a launch choice, refusing what the user's role does not allow.
pub fn open(ws: Workspace, launch: Launch, lang: crate::text::Lang, theme: Theme) -> Result<App, String> {
    match launch {
        Launch::Unit(id) => App::for_unit(ws, &id, lang, theme),
        Launch::Office => App::for_office(ws, lang, theme),
    }
}

/// [`open`], counting the units loaded in `progress` as the round loads.
pub fn open_counting(ws: Workspace, launch: Launch, lang: crate::text::Lang, theme: Theme, progress: Arc<AtomicUsize>) -> Result<App, String> {
    let mut session = Session::open(ws);
    session.progress = progress;
    match launch {
        Launch::Unit(id) => App::unit_in(session, &id, lang, theme),
        Launch::Office => App::office_in(session, lang, theme),
    }
}

/// Why the dashboard did not run.
#[derive(Debug)]
pub enum Failed<E> {
    /// It could not open (the round does not load, the role, the unit): the opener's error.
    Open(E),
    /// Standard input or output is not a terminal (a pipe, a file, a cron job): worded at
    /// the edge, never with the OS's English.
    NoTerminal,
    /// The terminal went away or could not be set up.
    Terminal(io::Error),
}

/// How far the round has loaded, for the line shown meanwhile: the units in all (0 while the
/// round's own file is read) and the units loaded.
#[derive(Clone, Default)]
pub struct Loading {
    pub total: Arc<AtomicUsize>,
    pub progress: Arc<AtomicUsize>,
}

/// Opens the dashboard with `open` and runs it until the user quits. In a terminal the screen
/// comes first: a line saying the round is loading, then counting its units, is drawn before
/// anything is read (a national round takes a second or more), and `open` runs on another
/// thread meanwhile. Without a terminal, what keeps the dashboard from opening is said first.
pub fn open_and_run<E: Send + 'static>(
    lang: crate::text::Lang,
    open: impl FnOnce(&Loading) -> Result<App, E> + Send + 'static,
) -> Result<(), Failed<E>> {
    use std::io::IsTerminal;
    let loading = Loading::default();
    if !stdout().is_terminal() || !std::io::stdin().is_terminal() {
        let app = open(&loading).map_err(Failed::Open)?;
        return run_with(Start::Ready(Box::new(app)));
    }
    // The opened dashboard comes back on a channel the loop waits on: it is drawn at once.
    let (tx, handle) = mpsc::sync_channel(1);
    let counting = loading.clone();
    std::thread::spawn(move || {
        let _ = tx.send(open(&counting));
    });
    let t = lang.text();
    let line = move || {
        let total = loading.total.load(Ordering::Relaxed);
        if total == 0 {
            return t.loading_round.to_owned();
        }
        let n = loading.progress.load(Ordering::Relaxed).min(total);
        // Whole numbers grouped by thousands as the language writes them (10.000; 10,000).
        let num = |k: usize| {
            let sep = if lang == crate::text::Lang::Vi { '.' } else { ',' };
            let digits = k.to_string();
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push(sep);
                }
                out.push(c);
            }
            out
        };
        fmt::fill(t.loading_units, &[&num(n), &num(total)])
    };
    run_with(Start::Loading { loading: handle, line: Box::new(line) })
}

/// Runs the dashboard until the user quits; the terminal is restored on every way out
/// (ratatui's panic hook restores it on a panic; ours also turns paste and mouse reporting off).
pub fn run(app: App) -> io::Result<()> {
    run_with::<std::convert::Infallible>(Start::Ready(Box::new(app))).map_err(|e| match e {
        Failed::Terminal(e) => e,
        Failed::NoTerminal => io::Error::other("standard input and output must be a terminal"),
        Failed::Open(never) => match never {},
    })
}

/// What the loop starts with: a dashboard, or one being opened on another thread.
enum Start<E> {
    Ready(Box<App>),
    Loading { loading: mpsc::Receiver<Result<App, E>>, line: Box<dyn Fn() -> String> },
}

fn run_with<E>(start: Start<E>) -> Result<(), Failed<E>> {
    use std::io::IsTerminal;
    if !stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failed::NoTerminal);
    }
    // ratatui sets the terminal up (raw mode, the alternate screen, its panic hook); frames
    // are then written through a `FrameWriter`.
    let mut terminal = match ratatui::try_init().and_then(|_| Terminal::new(CrosstermBackend::new(FrameWriter::default()))) {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            return Err(Failed::Terminal(e));
        }
    };
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
        prev(info);
    }));
    // SIGHUP (the SSH connection dropped), SIGTERM (shutdown) and SIGINT end the session the
    // way `q` would not: save what can be saved, then restore the terminal. A second SIGTERM
    // ends the process at once, and a watchdog ends it if saving hangs.
    let stop = Arc::new(AtomicBool::new(false));
    tty::stop_on_signals(&stop);
    watchdog(Arc::clone(&stop));
    let mut app = match start {
        Start::Ready(app) => *app,
        Start::Loading { loading, line } => match wait_loading(&mut terminal, loading, &*line, &stop) {
            Ok(Ok(app)) => app,
            Ok(Err(msg)) => {
                ratatui::restore();
                return Err(Failed::Open(msg));
            }
            Err(e) => {
                ratatui::restore();
                return Err(Failed::Terminal(e));
            }
        },
    };
    // Saves and watching run on the disk worker from now on: the loop never waits on them.
    app.session.run_in_background();
    // Pastes in one piece and the mouse are niceties, each asked for on its own: Windows'
    // console without VT sequences (Windows 7 and 8.1, or "Use legacy console") refuses
    // bracketed paste, and the dashboard still opens (a paste then arrives as keys). A
    // terminal gone shows at the first frame.
    let _ = execute!(stdout(), EnableBracketedPaste);
    let _ = execute!(stdout(), EnableMouseCapture);
    let result = event_loop(&mut terminal, &mut app, &stop);
    // A signal, or the terminal gone (EOF, EIO, hang-up): keep what was typed.
    if stop.load(Ordering::Relaxed) || result.is_err() {
        app.save_on_exit();
    }
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
    result.map_err(Failed::Terminal)
}

/// The dashboard's terminal.
type Term = Terminal<CrosstermBackend<FrameWriter>>;

/// The most bytes handed to the console in one write.
const CHUNK: usize = 4096;

/// Holds a frame until it is flushed, then hands it to standard output in a few large writes
/// that each begin at an escape sequence, where std's line buffer would pass it on in 1 KB
/// pieces cut anywhere: Windows' console gets a frame in a few `WriteConsoleW` calls (it may
/// show the screen between two), and a console that keeps no parsing state between writes
/// (wine's, see docs/wine-console.sh) never sees a sequence cut in two.
#[derive(Default)]
struct FrameWriter {
    buf: Vec<u8>,
}

impl Write for FrameWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let mut out = stdout().lock();
        let mut rest = &self.buf[..];
        let mut result = Ok(());
        while !rest.is_empty() {
            let (chunk, tail) = rest.split_at(chunk_len(rest, CHUNK));
            if let Err(e) = out.write_all(chunk).and_then(|()| out.flush()) {
                result = Err(e);
                break;
            }
            rest = tail;
        }
        self.buf.clear();
        result
    }
}

/// How much of `buf` goes in the next write, at most `max` bytes (a character longer than
/// `max` goes whole): everything if it fits, else up to the last escape sequence that begins
/// within `max`, else up to the last character boundary (text, never a cut sequence).
fn chunk_len(buf: &[u8], max: usize) -> usize {
    if buf.len() <= max {
        return buf.len();
    }
    if let Some(i) = buf[1..=max].iter().rposition(|&b| b == 0x1b) {
        return i + 1;
    }
    // Not inside a UTF-8 sequence: a byte that is not a continuation byte begins a character.
    match buf[1..=max].iter().rposition(|&b| b & 0xc0 != 0x80) {
        Some(i) => i + 1,
        None => buf[1..].iter().position(|&b| b & 0xc0 != 0x80).map_or(buf.len(), |i| i + 1),
    }
}

/// Draws the loading line until the dashboard is open (a tenth of a second between frames);
/// keys typed meanwhile are left for the dashboard. A signal ends the wait when loading ends.
fn wait_loading<E>(
    terminal: &mut Term,
    loading: mpsc::Receiver<Result<App, E>>,
    line: &dyn Fn() -> String,
    stop: &AtomicBool,
) -> io::Result<Result<App, E>> {
    use ratatui::widgets::Paragraph;
    loop {
        terminal.draw(|f| f.render_widget(Paragraph::new(line()), f.area()))?;
        match loading.recv_timeout(Duration::from_millis(100)) {
            Ok(r) => return Ok(r),
            Err(mpsc::RecvTimeoutError::Timeout) if !stop.load(Ordering::Relaxed) => {}
            // A signal: the opening is still waited for (what it loads is needed to save
            // nothing half-done), without drawing.
            Err(mpsc::RecvTimeoutError::Timeout) => {
                return loading.recv().map_err(|_| io::Error::other("the dashboard did not open"));
            }
            // The opening thread panicked (its panic was printed).
            Err(mpsc::RecvTimeoutError::Disconnected) => return Err(io::Error::other("the dashboard did not open")),
        }
    }
}

/// Ends the process a few seconds after a stop was asked for, whatever the main loop is doing.
fn watchdog(stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            std::thread::park_timeout(Duration::from_millis(200));
        }
        std::thread::sleep(Duration::from_secs(3));
        std::process::exit(1);
    });
}

/// The longest an idle dashboard goes without drawing a frame.
const REDRAW: Duration = Duration::from_secs(5);

fn event_loop(terminal: &mut Term, app: &mut App, stop: &AtomicBool) -> io::Result<()> {
    let gone = || io::Error::new(io::ErrorKind::BrokenPipe, "the terminal went away");
    let mut empty = 0u32;
    // A frame is drawn after input and after a tick that changed something, and at least
    // every few seconds; an idle dashboard of a large round does not redraw four times a
    // second.
    let mut redraw = true;
    let mut drawn = Instant::now();
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        // A draw fails once the terminal is gone (EIO).
        if redraw || drawn.elapsed() >= REDRAW {
            terminal.draw(|f| view::render(app, f))?;
            redraw = false;
            drawn = Instant::now();
        }
        if app.should_quit {
            return Ok(());
        }
        let now = Instant::now();
        let timeout = app.next_deadline(now).unwrap_or(Duration::from_secs(1)).min(Duration::from_millis(250));
        // Events crossterm has already read come first; then wait on the terminal itself.
        let queued = event::poll(Duration::ZERO)?;
        let input = queued
            || match tty::wait_tty(timeout) {
                tty::Tty::Gone => return Err(gone()),
                tty::Tty::Idle => false,
                tty::Tty::Input => true,
            };
        if input {
            // Handle everything already there before drawing again (fast typing, pastes).
            let mut read = 0;
            while event::poll(Duration::ZERO)? {
                app.handle_event(event::read()?);
                read += 1;
                if app.should_quit || stop.load(Ordering::Relaxed) {
                    break;
                }
            }
            // Readable but nothing to read, again and again: end of file (a hung-up terminal
            // that does not say so). A partial escape sequence is done within a few tries.
            if read == 0 {
                empty += 1;
                if empty > 20 {
                    return Err(gone());
                }
                std::thread::sleep(Duration::from_millis(10));
            } else {
                empty = 0;
                redraw = true;
            }
        }
        redraw |= app.tick(Instant::now());
    }
}

#[cfg(test)]
mod tests {
    use super::chunk_len;

    /// Cuts `buf` the way `FrameWriter::flush` does.
    fn chunks(buf: &[u8], max: usize) -> Vec<&[u8]> {
        let mut out = Vec::new();
        let mut rest = buf;
        while !rest.is_empty() {
            let (c, tail) = rest.split_at(chunk_len(rest, max));
            out.push(c);
            rest = tail;
        }
        out
    }

    #[test]
    fn a_frame_is_written_in_whole_escape_sequences() {
        // A frame as ratatui writes it: moves, colours, Vietnamese text.
        let mut frame = String::new();
        for row in 0..40 {
            frame.push_str(&format!("\x1b[{};1H\x1b[38;5;15;48;2;0;110;50mĐã thẩm định \x1b[39m\x1b[49m│ Phòng Quản lý Khoa học ", row + 1));
        }
        let frame = frame.as_bytes();
        assert!(frame.len() > 3 * 256);
        let parts = chunks(frame, 256);
        assert!(parts.len() > 3);
        assert_eq!(parts.concat(), frame);
        for (i, p) in parts.iter().enumerate() {
            assert!(p.len() <= 256, "part {i} has {} bytes", p.len());
            // Every write after the first begins a sequence: none is cut.
            if i > 0 {
                assert_eq!(p[0], 0x1b, "part {i} begins inside a sequence: {:?}", String::from_utf8_lossy(&p[..10]));
            }
            assert!(std::str::from_utf8(p).is_ok(), "part {i} cuts a character");
        }
        // What fits goes in one write.
        assert_eq!(chunks(frame, frame.len()).len(), 1);
    }

    #[test]
    fn text_without_sequences_is_cut_between_characters() {
        let text = "Đã thẩm định ".repeat(50);
        let parts = chunks(text.as_bytes(), 7);
        assert_eq!(parts.concat(), text.as_bytes());
        assert!(parts.iter().all(|p| p.len() <= 7 && std::str::from_utf8(p).is_ok()));
        // A character longer than the limit goes whole, and nothing is lost.
        assert_eq!(chunks("ẩẩ".as_bytes(), 1), vec!["ẩ".as_bytes(), "ẩ".as_bytes()]);
        assert_eq!(chunk_len(b"", 4), 0);
    }
}
