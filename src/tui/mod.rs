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
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use ratatui::crossterm::execute;

pub use action::Action;
pub use app::App;
pub use theme::Theme;

use crate::core::workspace::Workspace;

/// Who the dashboard opens for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Launch {
    Unit(String),
    Office,
}

/// With neither `--unit` nor `--office`: the unit whose `heads` names this OS user, else the
/// Office when the user is in `[office] users`, else an error saying what to pass.
pub fn choose(ws: &Workspace, user: Option<&str>) -> Result<Launch, String> {
    if let Some(user) = user.filter(|u| !u.is_empty()) {
        if let Some(u) = ws.units.iter().find(|u| u.heads.iter().any(|h| h == user)) {
            return Ok(Launch::Unit(u.id.clone()));
        }
        if ws.office_users.iter().any(|o| o == user) {
            return Ok(Launch::Office);
        }
    }
    let ids: Vec<&str> = ws.units.iter().map(|u| u.id.as_str()).collect();
    Err(format!(
        "cannot tell whose dashboard to open: the user `{}` is not a unit head nor in [office] users of this workspace.\n  \
         Use `--unit ID` (one of: {}) to score a unit, or `--office` for the Office's dashboard.",
        user.unwrap_or("?"),
        ids.join(", ")
    ))
}

/// The current OS user name.
pub fn os_user() -> Option<String> {
    std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).ok()
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
    let result = execute!(stdout(), EnableBracketedPaste, EnableMouseCapture).and_then(|()| event_loop(&mut terminal, &mut app));
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    loop {
        terminal.draw(|f| view::render(app, f))?;
        if app.should_quit {
            return Ok(());
        }
        let now = Instant::now();
        let timeout = app.next_deadline(now).unwrap_or(Duration::from_secs(1)).min(Duration::from_secs(1));
        if event::poll(timeout)? {
            // Handle everything already queued before drawing again (fast typing, pastes).
            loop {
                app.handle_event(event::read()?);
                if app.should_quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        app.update(Action::Tick);
    }
}
