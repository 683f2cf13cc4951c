//! The news register in a criterion's detail pane (issue 12): the unit's items with the
//! reviewer's marks, and claimed against confirmed, for the unit and for the Office.

use ratatui::text::{Line, Span};

use super::unit::{marker, sel_style};
use super::{Doc, heading};
use crate::core::register::{self, Decision};
use crate::core::scorecard::{Node, Rule};
use crate::text::msg::Message;
use crate::text::msg::register::NewsWord as W;
use crate::tui::state::{App, Field, Pane, Role, Work};

/// The register block, on a leaf counted from it.
pub fn block<'a>(app: &App, w: &Work, doc: &mut Doc<'a>, node: &Node, width: usize) {
    if node.register.is_none() {
        return;
    }
    let th = app.theme;
    let lang = app.lang;
    let items = &w.sub.news;
    let counts = register::count(items, w.review.as_ref());
    doc.line(heading(&W::RegisterWord.render(lang), width, &th));
    if items.is_empty() {
        doc.line(Line::from(Span::styled(format!("  {}", W::Empty.render(lang)), th.dim())));
    }
    // The unit picks an item to edit or remove (Enter, Del) and adds one (the last row).
    let unit = app.role == Role::Unit;
    let focused = w.pane == Pane::Detail;
    let cur = if unit { app.field() } else { None };
    let bound = w.review.as_ref().map(|r| r.bind(items)).unwrap_or_default();
    for (k, it) in items.iter().enumerate() {
        let mark = bound.get(k).copied().flatten();
        let (sign, style, why) = match mark {
            Some(m) if m.decision == Decision::Confirmed => ("✓", th.ok(), String::new()),
            Some(m) => ("✗", th.error(), format!(" — {}", m.reason)),
            None => ("·", th.dim(), String::new()),
        };
        let date = it.date.map_or("—".into(), |d| d.to_string());
        let text = crate::core::clean::text(&format!("{sign} {date} {}{why}", it.title)).into_owned();
        let selected = cur == Some(Field::News(k));
        let first = if selected { sel_style(true, focused, &th) } else { style };
        row(doc, marker(selected, focused), &text, first, style, selected, width);
    }
    if unit {
        let selected = cur == Some(Field::AddNews);
        let text = format!("+ {}", W::AddItem.render(lang));
        row(doc, marker(selected, focused), &text, sel_style(selected, focused, &th), th.base(), selected, width);
    }
    let target = match &node.rule {
        Some(Rule::Target(t)) => *t,
        _ => rust_decimal::Decimal::ZERO,
    };
    let summary = W::SummaryFull {
        claimed: counts.claimed,
        confirmed: counts.confirmed,
        rejected: counts.rejected,
        pending: counts.pending(),
        target: crate::text::msg::Show::show(&target, lang),
    };
    doc.wrapped(&summary.render(lang), th.label(), width, "  ");
    if register::appraised_default(&counts).is_some() {
        doc.wrapped(&W::OfficeAppraisal { confirmed: counts.confirmed }.render(lang), th.dim(), width, "  ");
    }
}

/// One row of the register: the selection marker, the text wrapped under itself, the first line
/// in `first` (the selection), the rest in `rest`; kept in view when selected.
fn row(doc: &mut Doc<'_>, mark: &str, text: &str, first: ratatui::style::Style, rest: ratatui::style::Style, selected: bool, width: usize) {
    if selected {
        doc.begin_keep();
    }
    for (j, l) in crate::tui::widget::wrap_after(mark, text, width, "    ").into_iter().enumerate() {
        doc.line(Line::from(Span::styled(l, if j == 0 { first } else { rest })));
    }
    if selected {
        doc.end_keep();
    }
}
