//! A one-line text field: the text, a cursor, editing keys, and drawing that keeps the cursor
//! in view (by display width, so Vietnamese letters and wide characters line up) and reports
//! where the terminal cursor belongs, so input methods compose in place.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_width::UnicodeWidthChar;

/// A character of a wrapped field and where it goes: row, column.
type Placed = (usize, usize, char);

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    pub text: String,
    /// Byte offset of the cursor, always on a character boundary.
    pub cursor: usize,
    /// The text is shown selected: the first character typed replaces it (as in a
    /// spreadsheet), Backspace clears it, a cursor key keeps it for editing.
    pub fresh: bool,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput { text: text.to_owned(), cursor: text.len(), fresh: !text.is_empty() }
    }

    /// Drops a fresh (selected) text before typing over it.
    fn take_fresh(&mut self) -> bool {
        let was = self.fresh;
        if self.fresh {
            self.text.clear();
            self.cursor = 0;
            self.fresh = false;
        }
        was
    }

    pub fn insert_str(&mut self, s: &str) {
        self.take_fresh();
        // A field is one line: pasted line breaks and tabs become spaces.
        let clean: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        let clean = clean.trim_end_matches(' ');
        self.text.insert_str(self.cursor, clean);
        self.cursor += clean.len();
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor].char_indices().next_back().map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..].chars().next().map_or(self.cursor, |c| self.cursor + c.len_utf8())
    }

    /// Applies an editing key; `true` when the text changed.
    pub fn handle_key(&mut self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let typing = matches!(ev.code, KeyCode::Char(_)) && !ctrl && !ev.modifiers.contains(KeyModifiers::ALT);
        if self.fresh && (typing || matches!(ev.code, KeyCode::Backspace | KeyCode::Delete)) {
            self.take_fresh();
            if !typing {
                return true;
            }
        }
        self.fresh = false;
        match ev.code {
            KeyCode::Char('u') if ctrl => {
                self.text.drain(..self.cursor);
                self.cursor = 0;
                true
            }
            KeyCode::Char('a') if ctrl => {
                self.cursor = 0;
                false
            }
            KeyCode::Char('e') if ctrl => {
                self.cursor = self.text.len();
                false
            }
            KeyCode::Char(_) if ctrl || ev.modifiers.contains(KeyModifiers::ALT) => false,
            KeyCode::Char(c) => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
                true
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let p = self.prev_boundary();
                self.text.drain(p..self.cursor);
                self.cursor = p;
                true
            }
            KeyCode::Delete if self.cursor < self.text.len() => {
                let n = self.next_boundary();
                self.text.drain(self.cursor..n);
                true
            }
            KeyCode::Left => {
                self.cursor = self.prev_boundary();
                false
            }
            KeyCode::Right => {
                self.cursor = self.next_boundary();
                false
            }
            KeyCode::Home => {
                self.cursor = 0;
                false
            }
            KeyCode::End => {
                self.cursor = self.text.len();
                false
            }
            _ => false,
        }
    }

    /// Where each character goes when the text wraps at `width` columns (row, column), and
    /// where the cursor is: at word boundaries (a word longer than a row is cut where it must).
    fn wrapped(&self, width: usize) -> (Vec<Placed>, (usize, usize)) {
        let width = width.max(1);
        let (mut row, mut col) = (0usize, 0usize);
        let mut cells = Vec::new();
        let mut cursor = None;
        let chars: Vec<(usize, char)> = self.text.char_indices().collect();
        for (k, &(i, ch)) in chars.iter().enumerate() {
            let w = ch.width().unwrap_or(0);
            // A word that does not fit the rest of the row, but fits a row, starts the next.
            let starts_word = ch != ' ' && (k == 0 || chars[k - 1].1 == ' ');
            if starts_word && col > 0 {
                let word: usize = chars[k..].iter().take_while(|c| c.1 != ' ').map(|c| c.1.width().unwrap_or(0)).sum();
                if col + word > width && word <= width {
                    row += 1;
                    col = 0;
                }
            }
            if col + w > width {
                row += 1;
                col = 0;
            }
            if i == self.cursor {
                cursor = Some((row, col));
            }
            cells.push((row, col, ch));
            col += w;
        }
        let cursor = cursor.unwrap_or(if col >= width { (row + 1, 0) } else { (row, col) });
        (cells, cursor)
    }

    /// How many rows the text (and the cursor after it) takes wrapped at `width` columns.
    pub fn rows(&self, width: usize) -> usize {
        let (cells, cursor) = self.wrapped(width);
        cells.last().map_or(0, |c| c.0).max(cursor.0) + 1
    }

    /// Draws the field wrapped over the rows of `area` (scrolled so the cursor's row shows)
    /// and returns where the cursor is on screen.
    pub fn render_wrapped(&self, area: Rect, buf: &mut Buffer, style: Style) -> Option<Position> {
        let area = area.intersection(buf.area);
        if area.width == 0 || area.height == 0 {
            return None;
        }
        let (cells, cursor) = self.wrapped(usize::from(area.width));
        let first = (cursor.0 + 1).saturating_sub(usize::from(area.height));
        buf.set_style(area, style);
        let text_style = if self.fresh { style.add_modifier(ratatui::style::Modifier::REVERSED) } else { style };
        for (row, col, ch) in cells {
            if row < first || row - first >= usize::from(area.height) || ch.width().unwrap_or(0) == 0 {
                continue;
            }
            let cell = &mut buf[(area.x + col as u16, area.y + (row - first) as u16)];
            cell.set_char(ch);
            cell.set_style(text_style);
        }
        Some(Position { x: area.x + cursor.1.min(usize::from(area.width) - 1) as u16, y: area.y + (cursor.0 - first) as u16 })
    }

    /// Draws the field in `area` (one line) and returns where the cursor is on screen.
    pub fn render(&self, area: Rect, buf: &mut Buffer, style: Style) -> Option<Position> {
        let area = area.intersection(buf.area);
        if area.width == 0 || area.height == 0 {
            return None;
        }
        let width = usize::from(area.width);
        // Display width before the cursor; scroll so the cursor stays inside the field.
        let before: usize = self.text[..self.cursor].chars().map(|c| c.width().unwrap_or(0)).sum();
        let skip = (before + 1).saturating_sub(width);
        buf.set_style(Rect { height: 1, ..area }, style);
        let text_style = if self.fresh { style.add_modifier(ratatui::style::Modifier::REVERSED) } else { style };
        let mut x = 0usize;
        let mut col = 0usize;
        for ch in self.text.chars() {
            let w = ch.width().unwrap_or(0);
            if col < skip {
                col += w;
                continue;
            }
            if x + w > width {
                break;
            }
            if w > 0 {
                let cell = &mut buf[(area.x + x as u16, area.y)];
                cell.set_char(ch);
                cell.set_style(text_style);
            }
            x += w;
            col += w;
        }
        let cx = before.saturating_sub(skip).min(width - 1);
        Some(Position { x: area.x + cx as u16, y: area.y })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_wraps_and_the_cursor_row_shows() {
        let mut f = LineInput::new("");
        f.insert_str("Thiếu tài liệu kiểm chứng");
        f.fresh = false;
        // 25 columns at width 10: three rows; the cursor after the last character.
        assert_eq!(f.rows(10), 3);
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 2));
        let p = f.render_wrapped(Rect::new(0, 0, 10, 2), &mut buf, Style::default()).unwrap();
        // Two rows shown: the last two, the cursor on the last.
        let row = |y: u16| (0..10).map(|x| buf[(x, y)].symbol().to_owned()).collect::<String>();
        assert_eq!(row(0), "liệu kiểm ");
        assert_eq!(row(1), "chứng     ");
        assert_eq!((p.x, p.y), (5, 1));
        // Whole words go to the next row.
        let mut f = LineInput::new("");
        f.insert_str("Kế hoạch ban hành");
        f.fresh = false;
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 3));
        f.render_wrapped(Rect::new(0, 0, 10, 3), &mut buf, Style::default());
        let row = |y: u16| (0..10).map(|x| buf[(x, y)].symbol().to_owned()).collect::<String>();
        assert_eq!((row(0), row(1)), ("Kế hoạch  ".to_owned(), "ban hành  ".to_owned()));
        assert_eq!(LineInput::new("").rows(10), 1);
    }

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn edits_by_characters_not_bytes() {
        let mut f = LineInput::new("Kế");
        f.fresh = false;
        f.handle_key(&key(KeyCode::Backspace));
        assert_eq!(f.text, "K");
        f.handle_key(&key(KeyCode::Char('ế')));
        f.handle_key(&key(KeyCode::Left));
        f.handle_key(&key(KeyCode::Char('x')));
        assert_eq!(f.text, "Kxế");
        f.insert_str("a\nb");
        assert_eq!(f.text, "Kxa bế");
    }

    #[test]
    fn typing_over_a_fresh_value_replaces_it() {
        let mut f = LineInput::new("0,75");
        f.handle_key(&key(KeyCode::Char('1')));
        assert_eq!(f.text, "1");
        let mut f = LineInput::new("0,75");
        f.handle_key(&key(KeyCode::Left));
        f.handle_key(&key(KeyCode::Char('1')));
        assert_eq!(f.text, "0,715");
        let mut f = LineInput::new("0,75");
        f.handle_key(&key(KeyCode::Backspace));
        assert_eq!(f.text, "");
    }

    #[test]
    fn cursor_stays_visible_when_scrolled() {
        let f = LineInput::new("0123456789");
        let area = Rect::new(0, 0, 5, 1);
        let mut buf = Buffer::empty(area);
        let pos = f.render(area, &mut buf, Style::default()).unwrap();
        assert_eq!(pos, Position { x: 4, y: 0 });
        assert_eq!(buf[(0, 0)].symbol(), "6");
    }
}
