//! The criteria tree: a header row, then one row per shown node: mark, indent, fold sign, id,
//! title, and right-aligned number columns.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::{pad_left, pad_right, put_line};
use crate::tui::theme::Theme;

pub struct Row<'a> {
    /// One column: `?` unscored, `!` no evidence, `^` over the limit, `*` adjusted…
    pub mark: &'a str,
    pub mark_style: Style,
    pub depth: usize,
    /// `Some(folded)` for a group.
    pub fold: Option<bool>,
    pub id: &'a str,
    pub title: &'a str,
    /// Right-aligned, one per column.
    pub cells: Vec<String>,
    /// Areas are drawn bold.
    pub strong: bool,
}

pub struct Tree<'a> {
    /// Title of the id/title column, then `(title, width)` of each number column.
    pub header: &'a str,
    pub columns: Vec<(&'a str, u16)>,
    pub rows: Vec<Row<'a>>,
    /// Index into `rows` of the selected row.
    pub selected: Option<usize>,
    pub focused: bool,
    pub theme: Theme,
}

impl Tree<'_> {
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let cols_w: usize = self.columns.iter().map(|c| usize::from(c.1) + 1).sum();
        let left_w = usize::from(area.width).saturating_sub(cols_w);
        let th = &self.theme;
        // Header.
        let mut spans = vec![Span::styled(pad_right(&format!("  {}", self.header), left_w), th.dim())];
        for (title, w) in &self.columns {
            spans.push(Span::styled(format!(" {}", pad_left(title, usize::from(*w))), th.dim()));
        }
        put_line(buf, area, 0, &Line::from(spans));
        // Rows.
        for (k, row) in self.rows.iter().enumerate() {
            let y = k as u16 + 1;
            if y >= area.height {
                break;
            }
            let sel = self.selected == Some(k);
            let mut base = if row.strong { Style::default().add_modifier(Modifier::BOLD) } else { Style::default() };
            if sel {
                base = if self.focused { th.selected() } else { base.patch(th.selected_unfocused()) };
            }
            let fold = match row.fold {
                Some(true) => "▸ ",
                Some(false) => "▾ ",
                None => "  ",
            };
            let indent = "  ".repeat(row.depth);
            let label = format!("{indent}{fold}{} {}", row.id, row.title);
            let mark_style = if sel { base } else { row.mark_style };
            let mut spans = vec![
                Span::styled(pad_right(row.mark, 1), mark_style),
                Span::styled(" ", base),
                Span::styled(pad_right(&label, left_w.saturating_sub(2)), base),
            ];
            for (c, (_, w)) in self.columns.iter().enumerate() {
                let cell = row.cells.get(c).map_or("", String::as_str);
                spans.push(Span::styled(format!(" {}", pad_left(cell, usize::from(*w))), base));
            }
            put_line(buf, area, y, &Line::from(spans));
        }
    }
}

/// The first row to show so that `selected` (a position in a list of `len` rows) is on screen
/// in `height` rows, moving as little as possible from `offset`.
pub fn scroll(offset: usize, selected: usize, height: usize, len: usize) -> usize {
    if height == 0 {
        return 0;
    }
    let mut off = offset.min(len.saturating_sub(height));
    if selected < off {
        off = selected;
    } else if selected >= off + height {
        off = selected + 1 - height;
    }
    off
}

#[cfg(test)]
mod tests {
    use super::scroll;

    #[test]
    fn scrolls_just_enough() {
        assert_eq!(scroll(0, 5, 10, 100), 0);
        assert_eq!(scroll(0, 12, 10, 100), 3);
        assert_eq!(scroll(8, 3, 10, 100), 3);
        assert_eq!(scroll(95, 99, 10, 100), 90);
        assert_eq!(scroll(3, 0, 0, 100), 0);
    }
}
