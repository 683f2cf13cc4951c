//! A one-line gauge: `████████░░░░`, filled by a ratio (an index can pass 100 with bonus
//! points: the bar is then full).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// The bar as text, `width` columns, for `value` out of `max`.
pub fn bar_text(value: Decimal, max: Decimal, width: usize) -> (String, String) {
    if width == 0 {
        return (String::new(), String::new());
    }
    let ratio = if max > Decimal::ZERO { (value / max).to_f64().unwrap_or(0.0).clamp(0.0, 1.0) } else { 0.0 };
    let eighths = (ratio * width as f64 * 8.0).round() as usize;
    let full = eighths / 8;
    let rest = eighths % 8;
    let mut filled = "█".repeat(full);
    if rest > 0 && full < width {
        filled.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉'][rest - 1]);
    }
    let used = full + usize::from(rest > 0 && full < width);
    (filled, "░".repeat(width.saturating_sub(used)))
}

/// Draws a gauge on the first row of `area`.
pub fn render(area: Rect, buf: &mut Buffer, value: Decimal, max: Decimal, filled: Style, empty: Style) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let (f, e) = bar_text(value, max, usize::from(area.width));
    let n = buf.set_stringn(area.x, area.y, &f, usize::from(area.width), filled).0;
    let rest = area.right().saturating_sub(n);
    if rest > 0 {
        buf.set_stringn(n, area.y, &e, usize::from(rest), empty);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_by_ratio() {
        let (f, e) = bar_text(Decimal::from(50), Decimal::from(100), 10);
        assert_eq!((f.as_str(), e.as_str()), ("█████", "░░░░░"));
        let (f, e) = bar_text(Decimal::from(120), Decimal::from(100), 4);
        assert_eq!((f.as_str(), e.as_str()), ("████", ""));
        let (f, _) = bar_text(Decimal::ZERO, Decimal::ZERO, 4);
        assert_eq!(f, "");
    }
}
