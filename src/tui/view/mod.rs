//! Drawing, from a borrowed [`App`]: one file per screen, plus the status line and the command
//! bar (generated from the key map) shared by all.

pub mod appraisal;
pub mod dialogs;
pub mod help;
pub mod office;
pub mod ranking;
pub mod register;
pub mod unit;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};
use ratatui_textarea::TextArea;

use super::keymap;
use super::state::{App, Edit, Overlay, Screen};
use super::theme::Theme;
use super::widget::field::LineInput;
use super::widget::{self, put_line, width};

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.is_empty() {
        return;
    }
    // A long message is wrapped over up to three lines (not cut) when the screen has room.
    let (text, style) = status_text(app);
    let lines = if area.height >= 16 {
        widget::wrap(text.trim_start(), usize::from(area.width).saturating_sub(2))
    } else {
        vec![text.trim_start().to_owned()]
    };
    let sh = (lines.len() as u16).clamp(1, 3);
    let (body, status, bar) = match area.height {
        1 => (area, None, None),
        2 => (Rect { height: 1, ..area }, None, Some(Rect { y: area.y + 1, height: 1, ..area })),
        h => (
            Rect { height: h - 1 - sh, ..area },
            Some(Rect { y: area.y + h - 1 - sh, height: sh, ..area }),
            Some(Rect { y: area.y + h - 1, height: 1, ..area }),
        ),
    };
    match app.screen {
        Screen::Unit => unit::render(app, frame, body),
        Screen::Appraisal => appraisal::render(app, frame, body),
        Screen::Office => office::render(app, frame, body),
        Screen::Ranking => ranking::render(app, frame, body),
    }
    if let Some(w) = &app.work
        && matches!(app.screen, Screen::Unit | Screen::Appraisal)
        && let Some(Edit::Evidence(form)) = &w.edit
    {
        dialogs::evidence_form(app, frame, body, form);
    }
    if let Some(s) = status {
        for (k, l) in lines.iter().take(usize::from(s.height)).enumerate() {
            let l = format!(" {l}");
            widget::put_str(frame.buffer_mut(), s, k as u16, &widget::truncate(&l, usize::from(s.width)), style);
        }
    }
    if let Some(b) = bar {
        command_bar(app, frame.buffer_mut(), b);
    }
    match &app.overlay {
        Some(Overlay::Help { scroll }) => help::render(app, frame, area, *scroll),
        Some(Overlay::Dialog(d)) => dialogs::render(app, frame, area, d),
        None => {}
    }
}

/// The status line: the last message, else a hint for what is being typed, else the selected
/// criterion's whole title.
fn status_text(app: &App) -> (String, ratatui::style::Style) {
    let th = &app.theme;
    let t = app.t;
    match &app.status {
        Some((msg, true)) => (format!(" ✗ {msg}"), th.error()),
        Some((msg, false)) => (format!(" {msg}"), th.ok()),
        None if matches!(app.screen, Screen::Office | Screen::Ranking) && app.office.as_ref().is_some_and(|o| o.filter_input.is_some()) => {
            (format!(" {}", t.hint_filter), th.dim())
        }
        None => match app.work.as_ref().and_then(|w| w.edit.as_ref()) {
            Some(Edit::Line { .. }) if matches!(app.screen, Screen::Unit | Screen::Appraisal) => {
                let w = app.work.as_ref().expect("checked");
                (format!(" {}", super::fmt::input_hint(&app.sc().nodes[w.sel], app.sc().step, t, app.lang)), th.dim())
            }
            Some(Edit::Search(_)) => (format!(" {}", t.hint_search), th.dim()),
            Some(Edit::Note { na: Some(_), .. }) => (format!(" {}", t.hint_na_reason), th.dim()),
            Some(Edit::Note { .. }) => (format!(" {}", t.hint_note), th.dim()),
            Some(Edit::Narrative { .. }) => (format!(" {}", t.hint_narrative), th.dim()),
            Some(Edit::Evidence(_)) => (format!(" {}", t.hint_evidence), th.dim()),
            // Browsing the tree: the selected criterion's whole title (the tree cuts it).
            None if matches!(app.screen, Screen::Unit | Screen::Appraisal) => {
                let w = app.work.as_ref().expect("checked");
                let n = &app.sc().nodes[w.sel];
                (format!(" {} {}", n.id, n.title), th.dim())
            }
            _ => (String::new(), th.base()),
        },
    }
}

/// The most useful keys for what is on screen, as many as fit (most important first); the
/// keys that work everywhere (help, quit, save) stay at the right end.
fn command_bar(app: &App, buf: &mut Buffer, area: Rect) {
    let th = &app.theme;
    let entries = keymap::bar(&app.contexts(), app.t, |a| app.offers(a));
    let max = usize::from(area.width);
    let ew = |e: &keymap::BarEntry| width(&e.key) + 2 + width(e.help) + 2;
    // The keys that work everywhere first (they are few), then the others by importance until
    // one does not fit.
    // Everything with its words when it fits. Otherwise the keys that work everywhere (`?`,
    // `q`: known) lose their words first, then the others keep theirs by importance while they
    // fit, and what is left is shown as bare keys, so a role's keys stay on the bar.
    let all: usize = entries.iter().map(ew).sum();
    let compact = all > max;
    let kw = |e: &keymap::BarEntry| width(&e.key) + 3;
    let mut used = 0usize;
    let mut chosen: Vec<(&keymap::BarEntry, bool)> = Vec::new();
    for e in entries.iter().filter(|e| e.global) {
        let w = if compact { kw(e) } else { ew(e) };
        if used + w <= max {
            used += w;
            chosen.push((e, !compact));
        }
    }
    let mut worded = true;
    // The moves of the current state first: they stay on a narrow bar.
    let others = entries.iter().filter(|e| !e.global && e.mv).chain(entries.iter().filter(|e| !e.global && !e.mv));
    for e in others {
        // Room kept for the keys after this one, bare.
        if worded && used + ew(e) <= max {
            used += ew(e);
            chosen.push((e, true));
            continue;
        }
        worded = false;
        if used + kw(e) <= max {
            used += kw(e);
            chosen.push((e, false));
        }
    }
    chosen.sort_by_key(|e| (!e.1, std::cmp::Reverse(e.0.prio)));
    let spans = |global: bool| -> Vec<Span<'static>> {
        chosen
            .iter()
            .filter(|e| e.0.global == global)
            .flat_map(|&(e, words)| {
                let help = if words { format!(" {} ", e.help) } else { " ".to_owned() };
                [Span::styled(format!(" {} ", e.key), th.key()), Span::raw(help)]
            })
            .collect()
    };
    put_line(buf, area, 0, &Line::from(spans(false)));
    let right = Line::from(spans(true));
    let rw = right.width() as u16;
    if rw > 0 && rw <= area.width {
        put_line(buf, Rect { x: area.right() - rw, width: rw, ..area }, 0, &right);
    }
}

/// A bordered pane with a title; returns the inside. Very small panes get no border.
pub fn pane(buf: &mut Buffer, area: Rect, title: &str, focused: bool, th: &Theme) -> Rect {
    if area.width < 8 || area.height < 3 {
        return area;
    }
    let style = if focused { th.border_focused() } else { th.border() };
    let title = widget::truncate(title, usize::from(area.width.saturating_sub(4)));
    let block = Block::default().borders(Borders::ALL).border_style(style).title(Span::styled(format!(" {title} "), style));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// A row of a detail document.
pub enum DRow<'a> {
    Text(Line<'a>),
    /// A one-line field being typed into, after a label.
    Field {
        label: String,
        input: &'a LineInput,
        style: Style,
    },
    /// A text area being typed into, `height` rows.
    Area {
        area: &'a TextArea<'static>,
        height: u16,
    },
}

/// A scrollable list of rows where one range (the selected field) must stay in view.
#[derive(Default)]
pub struct Doc<'a> {
    pub rows: Vec<DRow<'a>>,
    pub keep: Option<(usize, usize)>,
    mark: Option<usize>,
}

impl<'a> Doc<'a> {
    pub fn line(&mut self, l: Line<'a>) {
        self.rows.push(DRow::Text(l));
    }

    /// Word-wrapped text, each line prefixed by `indent`.
    pub fn wrapped(&mut self, text: &str, style: Style, width: usize, indent: &str) {
        for l in widget::wrap(text, width.saturating_sub(widget::width(indent)).max(1)) {
            self.rows.push(DRow::Text(Line::from(Span::styled(format!("{indent}{l}"), style))));
        }
    }

    /// Everything pushed until [`Doc::end_keep`] must stay visible.
    pub fn begin_keep(&mut self) {
        self.mark = Some(self.rows.len());
    }

    pub fn end_keep(&mut self) {
        if let Some(m) = self.mark.take() {
            self.keep = Some((m, self.rows.len()));
        }
    }

    fn height(row: &DRow<'_>) -> usize {
        match row {
            DRow::Area { height, .. } => usize::from(*height),
            _ => 1,
        }
    }

    /// Draws the rows in `area`, scrolled so the kept range is visible; returns where the
    /// terminal cursor belongs when a field is being typed into.
    pub fn render(&self, frame: &mut Frame, area: Rect) -> Option<Position> {
        if area.is_empty() {
            return None;
        }
        let tops: Vec<usize> = self
            .rows
            .iter()
            .scan(0, |acc, r| {
                let top = *acc;
                *acc += Self::height(r);
                Some(top)
            })
            .collect();
        let total: usize = self.rows.iter().map(Self::height).sum();
        let h = usize::from(area.height);
        let mut offset = 0usize;
        if let Some((s, e)) = self.keep {
            let start = tops.get(s).copied().unwrap_or(total);
            let end = if e < tops.len() { tops[e] } else { total };
            if end > h {
                offset = end - h;
            }
            offset = offset.min(start);
        }
        let mut cursor = None;
        for (k, row) in self.rows.iter().enumerate() {
            let top = tops[k];
            let rh = Self::height(row);
            if top + rh <= offset {
                continue;
            }
            if top >= offset + h {
                break;
            }
            let y = (top.max(offset) - offset) as u16;
            match row {
                DRow::Text(l) => put_line(frame.buffer_mut(), area, y, l),
                DRow::Field { label, input, style } => {
                    let lw = (widget::width(label) as u16).min(area.width);
                    widget::put_str(frame.buffer_mut(), area, y, label, Style::default());
                    let rect = Rect { x: area.x + lw, y: area.y + y, width: area.width - lw, height: 1 };
                    cursor = input.render(rect, frame.buffer_mut(), *style).or(cursor);
                }
                DRow::Area { area: ta, height } => {
                    let avail = area.height - y;
                    let rect = Rect { x: area.x, y: area.y + y, width: area.width, height: (*height).min(avail) };
                    if top < offset {
                        continue;
                    }
                    frame.render_widget(&**ta, rect);
                    let sc = ta.screen_cursor();
                    let (r0, c0) = ta.scroll_offset();
                    let cy = sc.row.saturating_sub(usize::from(r0));
                    let cx = sc.col.saturating_sub(usize::from(c0));
                    if cy < usize::from(rect.height) && cx < usize::from(rect.width) {
                        cursor = Some(Position { x: rect.x + cx as u16, y: rect.y + cy as u16 });
                    }
                }
            }
        }
        cursor
    }
}

/// A section heading in a detail pane: `── Tài liệu kiểm chứng ──`.
pub fn heading<'a>(text: &str, width: usize, th: &Theme) -> Line<'a> {
    let s = format!("── {text} ");
    let rest = width.saturating_sub(widget::width(&s));
    Line::from(Span::styled(format!("{s}{}", "─".repeat(rest)), th.title()))
}
