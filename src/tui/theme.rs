//! Styles. With `NO_COLOR` set there is no color at all: selection, focus and errors stay
//! visible through reverse video, bold and underline.

use ratatui::style::{Color, Modifier, Style};
use rust_decimal::Decimal;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colors unless `NO_COLOR` is set to a non-empty value (no-color.org).
    pub fn from_env() -> Theme {
        Theme { color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) }
    }

    pub const PLAIN: Theme = Theme { color: false };
    pub const COLOR: Theme = Theme { color: true };

    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    pub fn base(&self) -> Style {
        Style::default()
    }
    /// The selected row of a list or tree.
    pub fn selected(&self) -> Style {
        self.pick(
            Style::default().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }
    /// The selected row of a pane that does not have the focus.
    pub fn selected_unfocused(&self) -> Style {
        self.pick(Style::default().bg(Color::DarkGray), Style::default().add_modifier(Modifier::UNDERLINED))
    }
    pub fn title(&self) -> Style {
        self.pick(Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD), Style::default().add_modifier(Modifier::BOLD))
    }
    pub fn header(&self) -> Style {
        self.pick(Style::default().fg(Color::White).bg(Color::Blue).add_modifier(Modifier::BOLD), Style::default().add_modifier(Modifier::BOLD))
    }
    pub fn border_focused(&self) -> Style {
        self.pick(Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD), Style::default().add_modifier(Modifier::BOLD))
    }
    pub fn border(&self) -> Style {
        self.pick(Style::default().fg(Color::DarkGray), Style::default())
    }
    pub fn dim(&self) -> Style {
        self.pick(Style::default().fg(Color::DarkGray), Style::default())
    }
    pub fn label(&self) -> Style {
        self.pick(Style::default().fg(Color::Yellow), Style::default().add_modifier(Modifier::BOLD))
    }
    pub fn error(&self) -> Style {
        self.pick(Style::default().fg(Color::Red).add_modifier(Modifier::BOLD), Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED))
    }
    pub fn warning(&self) -> Style {
        self.pick(Style::default().fg(Color::Yellow).add_modifier(Modifier::BOLD), Style::default().add_modifier(Modifier::BOLD))
    }
    pub fn ok(&self) -> Style {
        self.pick(Style::default().fg(Color::Green), Style::default())
    }
    /// A field being typed into.
    pub fn input(&self) -> Style {
        self.pick(Style::default().fg(Color::White).bg(Color::Rgb(40, 40, 70)), Style::default().add_modifier(Modifier::UNDERLINED))
    }
    /// The key names in the command bar.
    pub fn key(&self) -> Style {
        self.pick(Style::default().fg(Color::Black).bg(Color::Gray).add_modifier(Modifier::BOLD), Style::default().add_modifier(Modifier::REVERSED))
    }
    pub fn gauge(&self) -> Style {
        self.pick(Style::default().fg(Color::Green), Style::default())
    }
    pub fn bar(&self) -> Style {
        self.pick(Style::default().fg(Color::Cyan), Style::default())
    }
    /// A heat-map cell for a sub-index (%).
    pub fn heat(&self, index: Option<Decimal>) -> Style {
        if !self.color {
            return Style::default();
        }
        let Some(v) = index else { return Style::default().fg(Color::DarkGray) };
        let bg = if v >= Decimal::from(90) {
            Color::Rgb(0, 110, 50)
        } else if v >= Decimal::from(80) {
            Color::Rgb(70, 130, 40)
        } else if v >= Decimal::from(70) {
            Color::Rgb(150, 130, 0)
        } else if v >= Decimal::from(50) {
            Color::Rgb(170, 80, 0)
        } else {
            Color::Rgb(150, 20, 20)
        };
        Style::default().fg(Color::White).bg(bg)
    }
}
