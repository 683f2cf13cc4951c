//! The terminal dashboard (ratatui): a unit head's self-assessment, the Office's dashboard,
//! appraisal and ranking.
//!
//! - [`app`]: the state and `update(Action)`, no drawing; testable without a terminal.
//! - [`action`]: every user intent as one enum; [`keymap`]: THE key table (the help screen and
//!   the command bar are generated from it).
//! - [`view`]: one file per screen, drawing from `&App`; [`widget`]: the pieces they share.
//! - This file: the run loop (terminal set-up and restore, polling with a timeout so autosave
//!   happens on time, resize).

pub mod action;
pub mod app;
pub mod fmt;
pub mod keymap;
pub mod theme;
pub mod view;
pub mod widget;
pub mod workflow;

use std::io::{self, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use ratatui::crossterm::execute;

pub use action::Action;
pub use app::App;
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
    if who.office {
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

/// Runs the dashboard until the user quits; the terminal is restored on every way out
/// (ratatui's panic hook restores it on a panic; ours also turns paste and mouse reporting off).
pub fn run(mut app: App) -> io::Result<()> {
    use std::io::IsTerminal;
    if !stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(io::Error::other("standard input and output must be a terminal"));
    }
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            return Err(e);
        }
    };
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
        prev(info);
    }));
    // SIGHUP (the SSH connection dropped), SIGTERM (shutdown) and SIGINT end the session the
    // way `q` would not: save what can be saved, then restore the terminal.
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGHUP, signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        let _ = signal_hook::flag::register(sig, Arc::clone(&stop));
    }
    let result = execute!(stdout(), EnableBracketedPaste, EnableMouseCapture).and_then(|()| event_loop(&mut terminal, &mut app, &stop));
    if stop.load(Ordering::Relaxed) {
        app.save_on_exit();
    }
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, stop: &AtomicBool) -> io::Result<()> {
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        // A draw can fail once the terminal is gone (SIGHUP); the signal flag ends the loop.
        if let Err(e) = terminal.draw(|f| view::render(app, f)) {
            if stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            return Err(e);
        }
        if app.should_quit {
            return Ok(());
        }
        let now = Instant::now();
        let timeout = app.next_deadline(now).unwrap_or(Duration::from_secs(1)).min(Duration::from_millis(250));
        if event::poll(timeout)? {
            // Handle everything already queued before drawing again (fast typing, pastes).
            loop {
                app.handle_event(event::read()?);
                if app.should_quit || stop.load(Ordering::Relaxed) || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        app.update(Action::Tick);
    }
}
