//! Horizontal bars with names: Vietnamese unit names read better across than under columns.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use rust_decimal::Decimal;

use super::{gauge, pad_left, pad_right, put_line};
use crate::tui::theme::Theme;

pub struct Bar<'a> {
    pub name: &'a str,
    pub value: Decimal,
    pub label: String,
    pub selected: bool,
}

/// Draws one bar per row: name, bar scaled to `max`, value (its column at least `label_min`
/// wide: the widest a value can be, so that it does not depend on the rows shown).
pub fn render(area: Rect, buf: &mut Buffer, bars: &[Bar<'_>], max: Decimal, label_min: usize, theme: &Theme) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let w = usize::from(area.width);
    let label_w = bars.iter().map(|b| super::width(&b.label)).max().unwrap_or(0).max(label_min);
    let name_w = (w / 3).clamp(4, 24).min(w);
    let bar_w = w.saturating_sub(name_w + label_w + 2);
    for (k, b) in bars.iter().enumerate() {
        if k as u16 >= area.height {
            break;
        }
        let style = if b.selected { theme.selected() } else { Style::default() };
        let (f, e) = gauge::bar_text(b.value, max, bar_w);
        let line = Line::from(vec![
            Span::styled(pad_right(b.name, name_w), style),
            Span::raw(" "),
            Span::styled(f, theme.bar()),
            Span::styled(e, theme.dim()),
            Span::raw(" "),
            Span::styled(pad_left(&b.label, label_w), style),
        ]);
        put_line(buf, area, k as u16, &line);
    }
}
