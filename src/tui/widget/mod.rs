//! Reusable drawing: the criteria tree, the gauge, the bars, the heat map, the text field, and
//! small helpers that measure text by display width (never bytes or chars).

pub mod bars;
pub mod field;
pub mod gauge;
pub mod heatmap;
pub mod tree;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of a string.
pub fn width(s: &str) -> usize {
    s.width()
}

/// Cuts a line to `max` display columns, after a whole word where that keeps most of the
/// room (`…` marks the cut): the dashboard cuts nothing mid-word it can avoid (issue 19).
pub fn truncate(s: &str, max: usize) -> String {
    crate::text::truncate_words(s, max)
}

/// The parts of a line that fit in `room` columns, in their order: each part has how much it
/// is needed (0: never left out); while the line is too wide the least needed goes, then the
/// ones gone that fit in the room left come back, the most needed first (a short part after
/// a long one went).
pub fn fit<T>(parts: Vec<(u8, T)>, room: usize, width: impl Fn(&T) -> usize) -> Vec<T> {
    let total = |p: &[Option<(u8, T)>]| p.iter().flatten().map(|(_, x)| width(x)).sum::<usize>();
    let mut parts: Vec<Option<(u8, T)>> = parts.into_iter().map(Some).collect();
    let mut gone = Vec::new();
    while total(&parts) > room {
        let least = parts.iter().enumerate().filter_map(|(k, p)| p.as_ref().filter(|p| p.0 > 0).map(|p| (k, p.0))).min_by_key(|&(_, n)| n);
        let Some((k, _)) = least else { break };
        gone.push((k, parts[k].take()));
    }
    for (k, p) in gone.into_iter().rev() {
        if let Some(p) = p
            && total(&parts) + width(&p.1) <= room
        {
            parts[k] = Some(p);
        }
    }
    parts.into_iter().flatten().map(|p| p.1).collect()
}

/// Pads (or cuts) to exactly `w` columns, text on the left.
pub fn pad_right(s: &str, w: usize) -> String {
    let s = truncate(s, w);
    let n = w.saturating_sub(s.width());
    format!("{s}{}", " ".repeat(n))
}

/// Pads (or cuts) to exactly `w` columns, text on the right.
pub fn pad_left(s: &str, w: usize) -> String {
    let s = truncate(s, w);
    let n = w.saturating_sub(s.width());
    format!("{}{s}", " ".repeat(n))
}

/// Word-wraps text to `width` columns; words longer than a line are broken. Keeps line breaks.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    // A note keeps its line breaks, and nothing else of control.
    let text = &*crate::core::clean::text(text);
    let width = width.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut lw = 0;
        for word in para.split(' ') {
            let ww = word.width();
            if lw > 0 && lw + 1 + ww > width {
                out.push(std::mem::take(&mut line));
                lw = 0;
            }
            if lw > 0 {
                line.push(' ');
                lw += 1;
            }
            if ww > width {
                for c in word.chars() {
                    let cw = c.width().unwrap_or(0);
                    if lw + cw > width {
                        out.push(std::mem::take(&mut line));
                        lw = 0;
                    }
                    line.push(c);
                    lw += cw;
                }
            } else {
                line.push_str(word);
                lw += ww;
            }
        }
        out.push(line);
    }
    out
}

/// Wraps `text` to `width` columns after `prefix` on the first line and `indent` on the others
/// (leading spaces of a prefix are kept, unlike plain [`wrap`]).
pub fn wrap_after(prefix: &str, text: &str, width: usize, indent: &str) -> Vec<String> {
    let room = width.saturating_sub(prefix.width().max(indent.width())).max(1);
    wrap(text, room).into_iter().enumerate().map(|(j, l)| if j == 0 { format!("{prefix}{l}") } else { format!("{indent}{l}") }).collect()
}

/// Draws a line clipped to `area`'s row `y` (relative to the area), if that row exists.
pub fn put_line(buf: &mut Buffer, area: Rect, y: u16, line: &Line<'_>) {
    if y >= area.height {
        return;
    }
    let area = Rect { y: area.y + y, height: 1, ..area }.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    buf.set_line(area.x, area.y, line, area.width);
}

/// Draws a string with a style, clipped to the area's row `y`.
pub fn put_str(buf: &mut Buffer, area: Rect, y: u16, s: &str, style: Style) {
    put_line(buf, area, y, &Line::from(Span::styled(crate::core::clean::line(s).into_owned(), style)));
}

/// A centered box of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_and_cuts_by_display_width() {
        assert_eq!(wrap("Kế hoạch cải cách hành chính", 10), vec!["Kế hoạch", "cải cách", "hành chính"]);
        assert_eq!(truncate("Văn phòng Sở", 6), "Văn…");
        assert_eq!(truncate("Văn phòng Sở", 11), "Văn phòng…");
        assert_eq!(pad_left("8,5", 5), "  8,5");
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
    }

    #[test]
    fn text_from_files_is_drawn_without_control_characters() {
        assert_eq!(truncate("Văn\rphòng\u{1b}[2J", 40), "Văn phòng\u{fffd}[2J");
        assert_eq!(pad_right("a\tb", 4), "a b ");
        assert_eq!(wrap("dòng 1\r\ndòng\u{7} 2", 40), vec!["dòng 1", "dòng\u{fffd} 2"]);
        // What reaches the screen buffer: a visible mark, no control character.
        let area = Rect::new(0, 0, 20, 1);
        let mut buf = Buffer::empty(area);
        put_str(&mut buf, area, 0, "a\u{1b}[2J\rb\u{7}", Style::default());
        let cells: String = buf.content().iter().map(|c| c.symbol()).collect();
        assert!(!cells.chars().any(char::is_control), "{cells:?}");
        assert!(cells.starts_with("a\u{fffd}[2J b\u{fffd}"), "{cells:?}");
    }

    #[test]
    fn fit_drops_the_least_needed_and_takes_back_what_fits() {
        let parts = || vec![(0, "index "), (4, "own "), (2, "band "), (3, "progress long "), (1, "! 3 ")];
        let w = |s: &&str| s.len();
        assert_eq!(fit(parts(), 100, w).concat(), "index own band progress long ! 3 ");
        // Too wide by one: the warnings go, and nothing else.
        assert_eq!(fit(parts(), 31, w).concat(), "index own band progress long ");
        // The band went before the progress did; it fits again once the progress is gone.
        assert_eq!(fit(parts(), 16, w).concat(), "index own band ");
        assert_eq!(fit(parts(), 19, w).concat(), "index own band ! 3 ");
        // What is always needed stays, even too wide.
        assert_eq!(fit(parts(), 2, w).concat(), "index ");
    }
}
