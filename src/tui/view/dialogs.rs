//! Dialogs: quitting with unsaved changes, submitting (with what is incomplete), returning a
//! unit, marking it appraised, exporting the ranking; and the evidence form.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::pane;
use crate::core::workflow::Move;
use crate::export::ExportFormat;
use crate::tui::fmt::{fill, num};
use crate::tui::keymap::{Ctx, help_lines};
use crate::tui::state::{App, Dialog, EvidenceForm, Summary, docref_problem};
use crate::tui::widget::field::LineInput;
use crate::tui::widget::{self, centered, pad_right, put_line};

/// Draws a box with a title and lines, sized to them; returns the inside.
fn boxed(app: &App, frame: &mut Frame, area: Rect, title: &str, lines: &[Line<'_>], want_w: u16) -> Rect {
    let w = want_w.min(area.width);
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = centered(area, w, h);
    frame.render_widget(Clear, r);
    let inner = pane(frame.buffer_mut(), r, title, true, &app.theme);
    for (k, l) in lines.iter().enumerate() {
        put_line(frame.buffer_mut(), inner, k as u16, l);
    }
    inner
}

/// Word-wrapped lines of a paragraph.
fn para(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    widget::wrap(text, width).into_iter().map(|l| Line::from(Span::styled(l, style))).collect()
}

/// A text field of a dialog: its label on a line of its own, then rows kept for the field
/// (as many as its text takes, wrapped, up to 4). Returns the first row and the number of rows.
fn field_rows(lines: &mut Vec<Line<'static>>, label: &str, input: &LineInput, width: usize, style: Style) -> (usize, u16) {
    lines.push(Line::from(Span::styled(format!("{label}:"), style)));
    let rows = input.rows(width.max(1)).clamp(1, 4);
    let row = lines.len();
    lines.extend(std::iter::repeat_n(Line::from(""), rows));
    (row, rows as u16)
}

/// Draws a field kept by [`field_rows`] (cut to the box when the screen is short); the cursor
/// goes there when it has the focus.
fn draw_field(frame: &mut Frame, inner: Rect, (row, rows): (usize, u16), input: &LineInput, style: Style, focused: bool) {
    let y = inner.y + row as u16;
    if y >= inner.y + inner.height {
        return;
    }
    let r = Rect { x: inner.x, y, width: inner.width, height: rows.min(inner.y + inner.height - y) };
    if let Some(p) = input.render_wrapped(r, frame.buffer_mut(), style)
        && focused
    {
        frame.set_cursor_position(p);
    }
}

/// The keys of a dialog, from the key map.
fn keys(app: &App, ctx: Ctx) -> Vec<Line<'static>> {
    help_lines(ctx, app.t)
        .into_iter()
        .map(|(k, h)| Line::from(vec![Span::styled(format!(" {} ", k), app.theme.key()), Span::raw(format!(" {h}"))]))
        .collect()
}

fn summary_lines(app: &App, s: &Summary, width: usize, office: bool) -> Vec<Line<'static>> {
    let t = app.t;
    let th = app.theme;
    let mut out = Vec::new();
    if office {
        // Only what applies: each kind of criterion not appraised, worded by what counts.
        if s.appraise_self > 0 {
            out.extend(para(&fill(t.sum_not_appraised, &[&s.appraise_self.to_string()]), width, th.warning()));
        }
        if s.appraise_zero > 0 {
            out.extend(para(&fill(t.sum_not_appraised_zero, &[&s.appraise_zero.to_string()]), width, th.warning()));
        }
        if !s.survey_open.is_empty() {
            let n = s.survey_open.len().to_string();
            out.extend(para(&fill(t.sum_survey_open, &[&n, &s.survey_open.join(", ")]), width, th.warning()));
        }
        if s.appraise_self + s.appraise_zero == 0 && s.survey_open.is_empty() {
            out.extend(para(t.sum_all_appraised, width, th.ok()));
        }
        return out;
    }
    let band = s.band.and_then(|p| app.sc().bands.get(p)).map_or(String::new(), |b| format!(" ({})", b.label));
    out.extend(para(&format!("{}: {}%{band}", t.self_index_label, num(s.index, app.lang)), width, th.title()));
    // What has an input, the one way (the unit's own tally, as the header counts it).
    if let Some(w) = &app.work {
        out.extend(para(&t.counts(&crate::core::figures::Counts::of(app.sc(), &w.own)), width, th.base()));
    }
    let mut complete = true;
    if s.unscored > 0 {
        complete = false;
        out.extend(para(&fill(t.sum_unscored, &[&s.unscored.to_string()]), width, th.warning()));
    }
    if s.warnings > 0 {
        complete = false;
        out.extend(para(&fill(t.sum_no_evidence, &[&s.warnings.to_string()]), width, th.warning()));
    }
    if s.bad_refs > 0 {
        complete = false;
        out.extend(para(&fill(t.sum_bad_refs, &[&s.bad_refs.to_string()]), width, th.warning()));
    }
    if complete {
        out.extend(para(t.sum_complete, width, th.ok()));
    }
    out
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, d: &Dialog) {
    let t = app.t;
    let th = app.theme;
    let want = 64u16;
    let width = usize::from(want.min(area.width).saturating_sub(2));
    let unit_name = app.work.as_ref().map_or("", |w| app.ws().units[w.unit].name.as_str());
    match d {
        Dialog::Quit => {
            let mut lines = para(t.quit_unsaved, width, th.warning());
            lines.push(Line::from(""));
            lines.extend(keys(app, Ctx::QuitConfirm));
            boxed(app, frame, area, t.quit_title, &lines, want);
        }
        Dialog::Move { mv, summary: s, reason, .. } => {
            let (title, question, note) = match mv {
                Move::Submit => (t.submit_title, t.submit_question, t.submit_note),
                Move::Return => (t.return_title, t.return_question, t.return_note),
                Move::MarkAppraised => (t.mark_title, t.mark_question, ""),
                Move::Finalise => (t.finalise_title, t.finalise_question, t.finalise_note),
                Move::Reopen => (t.reopen_title, t.reopen_question, t.reopen_note),
            };
            let mut lines = Vec::new();
            match mv {
                Move::Submit => {
                    lines.extend(summary_lines(app, s, width, false));
                    lines.push(Line::from(""));
                    lines.extend(para(note, width, th.dim()));
                    lines.push(Line::from(""));
                    lines.extend(para(question, width, th.base()));
                }
                Move::MarkAppraised => {
                    lines.extend(para(&fill(question, &[unit_name]), width, th.base()));
                    if let Some(w) = &app.work {
                        lines.extend(para(&format!("{}: {}%", t.appraised_short, num(w.result.index, app.lang)), width, th.title()));
                    }
                    lines.extend(summary_lines(app, s, width, true));
                    lines.push(Line::from(""));
                }
                // Finalising names what the result still lacks (a provisional result asks).
                Move::Finalise => {
                    lines.extend(para(&fill(question, &[unit_name]), width, th.base()));
                    if !s.survey_open.is_empty() {
                        lines.extend(para(t.finalise_provisional, width, th.error()));
                    }
                    lines.extend(summary_lines(app, s, width, true));
                    lines.extend(para(note, width, th.dim()));
                    lines.push(Line::from(""));
                }
                _ => {
                    lines.extend(para(&fill(question, &[unit_name]), width, th.base()));
                    lines.extend(para(note, width, th.dim()));
                    lines.push(Line::from(""));
                }
            }
            let field = reason.as_ref().map(|r| {
                let f = field_rows(&mut lines, t.return_reason, r, width, th.label());
                lines.push(Line::from(""));
                f
            });
            let ctx = if d.takes_text() {
                Ctx::ConfirmText
            } else if d.enter_is_no() {
                Ctx::ConfirmNo
            } else {
                Ctx::Confirm
            };
            lines.extend(keys(app, ctx));
            let inner = boxed(app, frame, area, title, &lines, want);
            if let (Some(f), Some(input)) = (field, reason) {
                draw_field(frame, inner, f, input, th.input(), true);
            }
        }
        Dialog::Object { criterion, reason, evidence, focus } => {
            let mut lines = para(&fill(t.object_question, &[criterion]), width, th.base());
            lines.push(Line::from(""));
            let f1 = field_rows(&mut lines, t.object_reason, reason, width, th.label());
            let f2 = field_rows(&mut lines, t.object_evidence, evidence, width, th.label());
            lines.push(Line::from(""));
            lines.extend(keys(app, Ctx::Form));
            let inner = boxed(app, frame, area, t.object_title, &lines, want);
            draw_field(frame, inner, f1, reason, if *focus == 0 { th.input() } else { th.base() }, *focus == 0);
            draw_field(frame, inner, f2, evidence, if *focus == 1 { th.input() } else { th.base() }, *focus == 1);
        }
        Dialog::Answer { criterion, accept, reason, focus } => {
            let stage = app.work.as_ref().and_then(|w| app.stage_of(w.unit).ok());
            let obj = stage.as_ref().and_then(|s| s.objections.as_ref()).and_then(|o| o.find(criterion));
            let mut lines = para(&fill(t.answer_question, &[unit_name, criterion]), width, th.base());
            if let Some(o) = obj {
                lines.extend(para(&format!("“{}”", o.reason), width, th.title()));
                if !o.evidence.is_empty() {
                    lines.extend(para(&format!("{}: {}", t.objection_evidence, o.evidence.join("; ")), width, th.dim()));
                }
            }
            lines.push(Line::from(""));
            let (on, off) = (th.selected(), th.base());
            let choice = |yes: bool, label: &str| Span::styled(format!(" {label} "), if yes { on } else { off });
            let mark = if *focus == 0 { "▸ " } else { "  " };
            lines.push(Line::from(vec![Span::raw(mark), choice(*accept, t.answer_accept), Span::raw("  "), choice(!*accept, t.answer_reject)]));
            let field = if *accept {
                let own = app.work.as_ref().and_then(|w| {
                    let i = app.sc().node_index(criterion)?;
                    Some(crate::tui::fmt::input_points(&app.sc().nodes[i], w.sub.input(i)?, t, app.lang))
                });
                lines.extend(para(&fill(t.answer_accept_note, &[own.as_deref().unwrap_or(t.not_scored)]), width, th.dim()));
                None
            } else {
                Some(field_rows(&mut lines, t.answer_reason, reason, width, th.label()))
            };
            lines.push(Line::from(""));
            lines.extend(keys(app, Ctx::Form));
            let inner = boxed(app, frame, area, t.answer_title, &lines, want);
            if let Some(f) = field {
                draw_field(frame, inner, f, reason, if *focus == 1 { th.input() } else { th.base() }, *focus == 1);
            }
        }
        Dialog::Attach { criterion, path } => {
            let mut lines = para(&fill(t.attach_question, &[criterion]), width, th.base());
            lines.push(Line::from(""));
            let row = lines.len();
            let label = format!("{}: ", t.attach_path);
            lines.push(Line::from(Span::styled(label.clone(), th.label())));
            lines.push(Line::from(""));
            lines.extend(keys(app, Ctx::ConfirmText));
            let inner = boxed(app, frame, area, t.attach_title, &lines, want);
            let lw = (widget::width(&label) as u16).min(inner.width);
            if (row as u16) < inner.height {
                let r = Rect { x: inner.x + lw, y: inner.y + row as u16, width: inner.width - lw, height: 1 };
                if let Some(p) = path.render(r, frame.buffer_mut(), th.input()) {
                    frame.set_cursor_position(p);
                }
            }
        }
        Dialog::AcceptAll(n) => {
            let mut lines = para(&fill(t.accept_all_question, &[&n.to_string(), unit_name]), width, th.base());
            lines.push(Line::from(""));
            lines.extend(keys(app, Ctx::Confirm));
            boxed(app, frame, area, t.accept_all_title, &lines, want);
        }
        Dialog::SetAside => {
            let mut lines = para(t.set_aside_question, width, th.warning());
            lines.push(Line::from(""));
            lines.extend(keys(app, Ctx::Confirm));
            boxed(app, frame, area, t.set_aside_title, &lines, want);
        }
        Dialog::Recover(when) => {
            let mut lines = para(&fill(t.recover_question, &[when]), width, th.warning());
            lines.push(Line::from(""));
            lines.extend(keys(app, Ctx::Confirm));
            boxed(app, frame, area, t.recover_title, &lines, want);
        }
        Dialog::Conflict(c) => {
            let mut lines = Vec::new();
            if let Some(item) = c.items.first() {
                let n = &app.sc().nodes[item.node];
                lines.extend(para(&format!("{} {}", n.id, n.title), width, th.title()));
                // Each part both sides changed: its label, then mine and theirs.
                for &p in &item.parts {
                    let mine = conflict_value(app, n, item.mine.as_ref(), p);
                    let other = conflict_value(app, n, item.theirs.as_ref(), p);
                    let label = conflict_label(app, c.kind, p);
                    lines.extend(para(&fill(t.conflict_question, &[label, &mine, &other]), width, th.base()));
                }
                if c.items.len() > 1 {
                    lines.extend(para(&fill(t.conflict_left, &[&(c.items.len() - 1).to_string()]), width, th.dim()));
                }
            }
            lines.push(Line::from(""));
            lines.extend(keys(app, Ctx::Conflict));
            boxed(app, frame, area, t.conflict_title, &lines, want);
        }
        Dialog::Export(e) => {
            let mut fmt_spans = vec![Span::raw(format!("{} ", t.export_format))];
            for (k, f) in ExportFormat::ALL.iter().enumerate() {
                let style = if k == e.format { if e.focus == 0 { th.selected() } else { th.selected_unfocused() } } else { th.base() };
                fmt_spans.push(Span::styled(format!(" {} ", f.extension()), style));
            }
            let label = format!("{} ", t.export_file);
            let mut lines = vec![Line::from(fmt_spans), Line::from(label.clone())];
            if ExportFormat::ALL[e.format] == ExportFormat::Csv {
                let csv = if e.decimal_comma { t.export_csv_comma } else { t.export_csv_point };
                lines.extend(para(csv, width, th.label()));
            }
            lines.extend(para(t.export_where, width, th.dim()));
            match &e.error {
                // The question before overwriting a file.
                Some(q) if e.overwrite => lines.extend(para(q, width, th.warning())),
                Some(err) => lines.extend(para(&format!("✗ {err}"), width, th.error())),
                None => {}
            }
            lines.push(Line::from(""));
            lines.extend(keys(app, if e.focus == 0 { Ctx::ExportFormat } else { Ctx::ExportName }));
            let inner = boxed(app, frame, area, t.export_title, &lines, want);
            if inner.height >= 2 {
                let lw = (widget::width(&label) as u16).min(inner.width);
                let r = Rect { x: inner.x + lw, y: inner.y + 1, width: inner.width - lw, height: 1 };
                let style = if e.focus == 1 { th.input() } else { th.base() };
                if let Some(p) = e.name.render(r, frame.buffer_mut(), style)
                    && e.focus == 1
                {
                    frame.set_cursor_position(p);
                }
            }
        }
    }
}

/// The evidence form, over the detail pane.
pub fn evidence_form(app: &App, frame: &mut Frame, area: Rect, form: &EvidenceForm) {
    let t = app.t;
    let th = app.theme;
    use crate::text::msg::Message;
    use crate::text::msg::register::NewsWord as W;
    let lang = app.lang;
    let labels: [String; 4] = if form.news {
        [W::FormTitle, W::FormDate, W::FormPlace, W::FormSentTo].map(|w| w.render(lang))
    } else {
        [t.ev_reference, t.ev_date, t.ev_title, t.ev_file].map(str::to_owned)
    };
    let lw = labels.iter().map(|l| widget::width(l)).max().unwrap_or(0) + 2;
    let want = 72u16;
    let width = usize::from(want.min(area.width).saturating_sub(2));
    let mut lines: Vec<Line> = labels.iter().map(|l| Line::from(Span::styled(pad_right(&format!("{l}:"), lw), th.label()))).collect();
    // The document number is checked as it is typed: a bad one is flagged at once.
    let live = form.fields[0].text.trim();
    if let Some((_, err)) = &form.error {
        lines.extend(para(&format!("✗ {err}"), width, th.error()));
    } else if !form.news
        && !live.is_empty()
        && let Some(p) = crate::core::docref::problem(live)
    {
        lines.extend(para(&format!("! {}: {}", t.err_docref, docref_problem(p, t)), width, th.warning()));
    }
    let (hint, title) = match (form.news, form.index.is_some()) {
        (true, edit) => (W::FormHint.render(lang), if edit { W::FormEdit } else { W::FormAdd }.render(lang)),
        (false, true) => (t.ev_hint.to_owned(), t.ev_edit_title.to_owned()),
        (false, false) => (t.ev_hint.to_owned(), t.ev_add_title.to_owned()),
    };
    lines.extend(para(&hint, width, th.dim()));
    let inner = boxed(app, frame, area, &title, &lines, want);
    let lw = (lw as u16).min(inner.width);
    for (k, f) in form.fields.iter().enumerate() {
        if k as u16 >= inner.height {
            break;
        }
        let r = Rect { x: inner.x + lw, y: inner.y + k as u16, width: inner.width - lw, height: 1 };
        let style = if k == form.focus { th.input() } else { th.base() };
        if let Some(p) = f.render(r, frame.buffer_mut(), style)
            && k == form.focus
        {
            frame.set_cursor_position(p);
        }
    }
}

/// What the conflict dialog calls a part of an answer (the detail pane's words).
fn conflict_label(app: &App, kind: crate::core::answers::SheetKind, p: crate::tui::state::Part) -> &'static str {
    use crate::tui::state::Part;
    let t = app.t;
    match p {
        Part::Input if kind == crate::core::answers::SheetKind::Appraisal => t.appraised_input,
        Part::Input => t.input_label,
        Part::Note => t.explanation,
        Part::Evidence => t.evidence_word,
        Part::Comment => t.comment,
        Part::Question => t.question,
        Part::Reply => t.reply,
    }
}

/// A part's value as shown: an option's label (never its key), a text, the documents' titles.
fn conflict_value(app: &App, node: &crate::core::scorecard::Node, a: Option<&crate::core::answers::Answer>, p: crate::tui::state::Part) -> String {
    use crate::tui::state::Part;
    let empty = || app.t.conflict_empty.to_owned();
    let text = |s: &str| if s.trim().is_empty() { empty() } else { format!("“{}”", s.trim()) };
    let Some(a) = a else { return empty() };
    match p {
        Part::Input => a.input.as_ref().map_or_else(empty, |i| crate::tui::fmt::input_text(node, i, app.lang)),
        Part::Note => text(&a.note),
        Part::Comment => text(&a.comment),
        Part::Question => text(&a.question),
        Part::Reply => text(&a.reply),
        Part::Evidence if a.evidence.is_empty() => empty(),
        Part::Evidence => a
            .evidence
            .iter()
            .map(|e| {
                let name = [e.reference.as_str(), e.title.as_str(), e.file.as_deref().unwrap_or_default()]
                    .into_iter()
                    .find(|s| !s.is_empty())
                    .unwrap_or("?");
                format!("“{name}”")
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}
