//! The Office's appraisal of one unit: the same tree, the unit's input and evidence read-only
//! beside the appraisal's input and comment.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::heading;
use super::unit::{self, evidence_item, input_field, text_field};
use crate::tui::fmt::{self, fill};
use crate::tui::state::{App, Field, Pane, Work};
use crate::tui::widget::{self, truncate};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(w) = &app.work else { return };
    let hh = unit::header_height(area);
    header(app, w, frame.buffer_mut(), Rect { height: hh, ..area });
    let main = Rect { y: area.y + hh, height: area.height - hh, ..area };
    unit::panes(app, w, frame, main, detail);
}

fn header(app: &App, w: &Work, buf: &mut Buffer, area: Rect) {
    if area.is_empty() {
        return;
    }
    let t = app.t;
    let th = &app.theme;
    let lang = app.lang;
    let unit = &app.ws().units[w.unit];
    let band = t.band_shown(&w.result, app.sc());
    let band = band.as_str();
    if area.height == 1 {
        let s = format!(" {} · {}%", unit.name, fmt::num(w.result.index, lang));
        widget::put_str(buf, area, 0, &truncate(&s, usize::from(area.width)), th.header());
        return;
    }
    // Read-only: why, in the words every refusal uses.
    let saved = if !app.editable() {
        app.readonly_reason()
    } else if w.dirty {
        t.unsaved.to_owned()
    } else {
        t.saved.to_owned()
    };
    let mut l1 = format!(" {}: {} · {} · {saved}", t.appraisal_of, unit.name, t.status(w.status()));
    l1.push_str(&unit::integrity_note(app, w));
    let open = unit::open_objections(app, w);
    if open > 0 {
        l1.push_str(&format!(" · {}", fill(t.objections_open_n, &[&open.to_string()])));
    }
    buf.set_style(Rect { height: 1, ..area }, th.header());
    widget::put_str(buf, area, 0, &truncate(&l1, usize::from(area.width)), th.header());
    let totals = unit::Totals {
        indexes: &[(t.self_short, w.result.self_index), (t.appraised_short, w.result.index)],
        provisional: w.result.provisional,
        points: None,
        final_points: None,
        band,
        left: &w.unscored.to_string(),
        left_short: None,
        left_label: t.not_appraised_short,
        warnings: 0,
    };
    unit::totals_line(app, buf, Rect { y: area.y + 1, height: 1, ..area }, &totals, th);
}

fn detail(app: &App, w: &Work, frame: &mut Frame, area: Rect) {
    let Some((mut doc, inner)) = unit::detail_start(app, w, frame, area) else { return };
    let t = app.t;
    let th = app.theme;
    let lang = app.lang;
    let node = &app.sc().nodes[w.sel];
    let focused = w.pane == Pane::Detail;
    let width = usize::from(inner.width);
    let cur = app.field();
    let is = |f: Field| cur == Some(f);
    let sub = w.sub.answer(w.sel);
    doc.line(heading(t.unit_assessment, width, &th));
    let own = match w.sub.input(w.sel) {
        Some(x) => fmt::input_points(node, x, t, lang),
        None => t.not_scored.to_owned(),
    };
    doc.wrapped(&format!("{}: {own}", t.unit_input), th.base(), width, "  ");
    if w.warn[w.sel] {
        doc.wrapped(&format!("! {}", t.warn_no_evidence), th.warning(), width, "  ");
    }
    doc.line(heading(t.office_appraisal, width, &th));
    input_field(app, w, &mut doc, node, w.appr.input(w.sel), t.appraised_input, is(Field::Input), focused, width);
    if let (Some(a), Some(s)) = (w.appr.input(w.sel), w.sub.input(w.sel))
        && a != s
    {
        doc.wrapped(&format!("* {}", t.adjusted), th.label(), width, "  ");
    }
    let comment = w.appr.answer(w.sel).map_or("", |a| a.comment.as_str());
    let h = (inner.height / 4).clamp(3, 6);
    text_field(app, w, &mut doc, t.comment, comment, t.no_comment, is(Field::Comment), focused, Some(Field::Comment), h, width);
    // The explanation loop: the Office's question and the unit's answer.
    let question = w.appr.answer(w.sel).map_or("", |a| a.question.as_str());
    text_field(app, w, &mut doc, t.question, question, t.ph_question, is(Field::Question), focused, Some(Field::Question), h, width);
    if !question.trim().is_empty() {
        match sub.map(|a| a.reply.trim()).filter(|r| !r.is_empty()) {
            Some(r) => doc.wrapped(&format!("✓ {}: {r}", t.reply), th.ok(), width, "  "),
            None => doc.wrapped(&format!("@ {}", t.not_answered), th.warning(), width, "  "),
        }
    }
    unit::objection_block(app, w, &mut doc, width);
    let evidence = sub.map_or(&[][..], |a| a.evidence.as_slice());
    doc.line(heading(&fill(t.evidence_n, &[&evidence.len().to_string()]), width, &th));
    if evidence.is_empty() {
        doc.line(Line::from(Span::styled(format!("  {}", t.no_evidence), th.dim())));
    }
    for e in evidence {
        evidence_item(app, w, &mut doc, e, "  ", th.base(), width);
    }
    doc.line(heading(t.explanation, width, &th));
    match sub.map(|a| a.note.trim()).filter(|n| !n.is_empty()) {
        Some(n) => doc.wrapped(n, th.base(), width, "  "),
        None => doc.line(Line::from(Span::styled(format!("  {}", t.no_explanation), th.dim()))),
    }
    if let Some(p) = doc.render(frame, inner) {
        frame.set_cursor_position(p);
    }
}
