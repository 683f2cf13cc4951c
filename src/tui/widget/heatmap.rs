//! Units × areas: each cell is a sub-index (%), shaded by how good it is (numbers only under
//! NO_COLOR).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{pad_left, pad_right, put_line};
use crate::tui::theme::Theme;

pub struct HeatRow<'a> {
    pub name: &'a str,
    /// Shown instead of the name when there is little room (the unit's id).
    pub short: &'a str,
    pub cells: Vec<Option<Decimal>>,
    pub selected: bool,
}

/// Draws a header of column titles, then one row per unit. Columns that do not fit are left out.
pub fn render(area: Rect, buf: &mut Buffer, columns: &[&str], rows: &[HeatRow<'_>], theme: &Theme) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let w = usize::from(area.width);
    let cell_w = 4usize;
    let name_w = (w.saturating_sub(columns.len() * cell_w)).clamp(3, 18).min(w);
    let fit = (w.saturating_sub(name_w)) / cell_w;
    let shown = columns.len().min(fit);
    let mut head = vec![Span::styled(pad_right("", name_w), theme.dim())];
    for c in &columns[..shown] {
        head.push(Span::styled(pad_left(c, cell_w), theme.dim()));
    }
    put_line(buf, area, 0, &Line::from(head));
    for (k, r) in rows.iter().enumerate() {
        let y = k as u16 + 1;
        if y >= area.height {
            break;
        }
        let name_style = if r.selected { theme.selected() } else { theme.base() };
        let name = if name_w >= 14 { r.name } else { r.short };
        let mut spans = vec![Span::styled(pad_right(name, name_w), name_style)];
        for v in r.cells.iter().take(shown) {
            let text = v.map_or_else(|| "–".to_owned(), |d| d.round().to_i64().unwrap_or(0).to_string());
            spans.push(Span::styled(pad_left(&format!("{text} "), cell_w), theme.heat(*v)));
        }
        put_line(buf, area, y, &Line::from(spans));
    }
}
