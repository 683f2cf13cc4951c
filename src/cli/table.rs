//! Plain-text tables aligned by display width (unicode-width), for the CLI's `table` format.
//! Every cell is shown as one line without control characters ([`clean::line`]): a name or an
//! audit field holding ESC or CR must not reach the terminal, nor break the columns.

use unicode_width::UnicodeWidthStr;

use crate::core::clean;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table: a header row and rows of cells, each column aligned by its display width.
pub struct Table {
    pub header: Vec<String>,
    pub align: Vec<Align>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(header: &[(&str, Align)]) -> Table {
        Table {
            header: header.iter().map(|h| clean::line(h.0).into_owned()).collect(),
            align: header.iter().map(|h| h.1).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row.into_iter().map(clean::line_owned).collect());
    }

    pub fn render(&self) -> String {
        let cols = self.header.len();
        let mut widths = vec![0usize; cols];
        for row in std::iter::once(&self.header).chain(&self.rows) {
            for (c, cell) in row.iter().enumerate().take(cols) {
                widths[c] = widths[c].max(cell.width());
            }
        }
        let mut out = String::new();
        let line = |out: &mut String, row: &[String]| {
            let mut s = String::new();
            for (c, &width) in widths.iter().enumerate() {
                let cell = row.get(c).map_or("", String::as_str);
                let pad = width - cell.width();
                if c > 0 {
                    s.push_str("  ");
                }
                match self.align[c] {
                    Align::Left => {
                        s.push_str(cell);
                        s.push_str(&" ".repeat(pad));
                    }
                    Align::Right => {
                        s.push_str(&" ".repeat(pad));
                        s.push_str(cell);
                    }
                }
            }
            out.push_str(s.trim_end());
            out.push('\n');
        };
        line(&mut out, &self.header);
        let total: usize = widths.iter().sum::<usize>() + 2 * cols.saturating_sub(1);
        out.push_str(&"─".repeat(total));
        out.push('\n');
        for row in &self.rows {
            line(&mut out, row);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_vietnamese_by_display_width() {
        let mut t = Table::new(&[("Đơn vị", Align::Left), ("Chỉ số", Align::Right)]);
        t.push(vec!["Văn phòng Sở".into(), "92,50".into()]);
        t.push(vec!["Thanh tra".into(), "8,00".into()]);
        let out = t.render();
        let lines: Vec<&str> = out.lines().collect();
        // "Chỉ số" is 6 columns wide: numbers are right-aligned under it.
        assert_eq!(lines[2], "Văn phòng Sở   92,50");
        assert_eq!(lines[3], "Thanh tra       8,00");
        assert_eq!(lines[0].width(), lines[2].width());
    }

    #[test]
    fn cells_carry_no_control_character_and_no_line_break() {
        let mut t = Table::new(&[("Đơn vị", Align::Left), ("Chỉ số", Align::Right)]);
        t.push(vec!["Văn phòng\rSở\n\u{1b}[2J\u{7}".into(), "92,50".into()]);
        let out = t.render();
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert_eq!(out.lines().count(), 3, "{out}");
        assert!(out.lines().nth(2).unwrap().starts_with("Văn phòng Sở \u{fffd}[2J\u{fffd}"), "{out}");
    }
}
