//! `?`: every key of the role, generated from the key map, and what the marks mean.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::pane;
use crate::tui::keymap::{Ctx, help_lines};
use crate::tui::state::{App, Role};
use crate::tui::widget::{self, centered, pad_right, put_line};

fn contexts(role: Role) -> &'static [Ctx] {
    match role {
        Role::Unit => &[
            Ctx::Global,
            Ctx::Tree,
            Ctx::Detail,
            Ctx::UnitSheet,
            Ctx::UnitEdit,
            Ctx::SingleUser,
            Ctx::Clone,
            Ctx::EditLine,
            Ctx::EditChoice,
            Ctx::EditNote,
            Ctx::EvidenceForm,
            Ctx::Search,
            Ctx::Searched,
            Ctx::Confirm,
            Ctx::Form,
            Ctx::QuitConfirm,
        ],
        Role::Office => &[
            Ctx::Global,
            Ctx::Office,
            Ctx::Ranking,
            Ctx::Tree,
            Ctx::Detail,
            Ctx::Appraisal,
            Ctx::AppraisalEdit,
            Ctx::SingleUser,
            Ctx::Clone,
            Ctx::EditLine,
            Ctx::EditChoice,
            Ctx::EditNote,
            Ctx::Search,
            Ctx::Searched,
            Ctx::ExportFormat,
            Ctx::ExportName,
            Ctx::Confirm,
            Ctx::Form,
            Ctx::QuitConfirm,
        ],
    }
}

/// The help text, as lines (the view scrolls it).
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let t = app.t;
    let th = app.theme;
    let mut out = Vec::new();
    let key_w = (width / 3).clamp(6, 18);
    let mut last_title = "";
    // Only keys that work in this round: switching roles is for a round run by one person.
    for &c in contexts(app.role).iter().filter(|&&c| (c != Ctx::SingleUser || app.ws().single_user) && (c != Ctx::Clone || app.session.is_clone())) {
        let title = c.title(t);
        if title != last_title {
            out.push(Line::from(Span::styled(title.to_owned(), th.title())));
            last_title = title;
        }
        for (keys, help) in help_lines(c, t) {
            let text = widget::wrap(help, width.saturating_sub(key_w + 2).max(8));
            for (j, l) in text.into_iter().enumerate() {
                let k = if j == 0 { pad_right(&keys, key_w) } else { " ".repeat(key_w) };
                out.push(Line::from(vec![Span::styled(format!("  {k}"), th.label()), Span::raw(l)]));
            }
        }
        if c == Ctx::EditLine {
            for l in widget::wrap(t.help_typing, width.saturating_sub(4)) {
                out.push(Line::from(Span::styled(format!("  {l}"), th.dim())));
            }
        }
        out.push(Line::from(""));
    }
    out.push(Line::from(Span::styled(t.marks_title.to_owned(), th.title())));
    let marks = match app.role {
        Role::Unit => t.marks_unit,
        Role::Office => t.marks_office,
    };
    for m in marks {
        for l in widget::wrap(m, width.saturating_sub(2)) {
            out.push(Line::from(format!("  {l}")));
        }
    }
    out
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, scroll: u16) {
    let r = centered(area, area.width.saturating_sub(4).max(area.width.min(20)), area.height.saturating_sub(2).max(area.height.min(3)));
    frame.render_widget(Clear, r);
    let inner = pane(frame.buffer_mut(), r, app.t.help_title, true, &app.theme);
    if inner.is_empty() {
        return;
    }
    let lines = lines(app, usize::from(inner.width));
    let max = lines.len().saturating_sub(usize::from(inner.height));
    app.hits.help_max.set(u16::try_from(max).unwrap_or(u16::MAX));
    let off = usize::from(scroll).min(max);
    for (k, l) in lines.iter().skip(off).take(usize::from(inner.height)).enumerate() {
        put_line(frame.buffer_mut(), inner, k as u16, l);
    }
}
