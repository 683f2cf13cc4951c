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
            let mut field_row = None;
            if reason.is_some() {
                field_row = Some(lines.len());
                lines.push(Line::from(Span::styled(format!("{}: ", t.return_reason), th.label())));
                lines.push(Line::from(""));
            }
            let ctx = if d.takes_text() {
                Ctx::ConfirmText
            } else if d.enter_is_no() {
                Ctx::ConfirmNo
            } else {
                Ctx::Confirm
            };
            lines.extend(keys(app, ctx));
            let inner = boxed(app, frame, area, title, &lines, want);
            if let (Some(row), Some(input)) = (field_row, reason) {
                let lw = (widget::width(&format!("{}: ", t.return_reason)) as u16).min(inner.width);
                if (row as u16) < inner.height {
                    let r = Rect { x: inner.x + lw, y: inner.y + row as u16, width: inner.width - lw, height: 1 };
                    if let Some(p) = input.render(r, frame.buffer_mut(), th.input()) {
                        frame.set_cursor_position(p);
                    }
                }
            }
        }
        Dialog::Object { criterion, reason } => {
            let mut lines = para(&fill(t.object_question, &[criterion]), width, th.base());
            lines.push(Line::from(""));
            let row = lines.len();
            let label = format!("{}: ", t.object_reason);
            lines.push(Line::from(Span::styled(label.clone(), th.label())));
            lines.push(Line::from(""));
            lines.extend(keys(app, Ctx::ConfirmText));
            let inner = boxed(app, frame, area, t.object_title, &lines, want);
            let lw = (widget::width(&label) as u16).min(inner.width);
            if (row as u16) < inner.height {
                let r = Rect { x: inner.x + lw, y: inner.y + row as u16, width: inner.width - lw, height: 1 };
                if let Some(p) = reason.render(r, frame.buffer_mut(), th.input()) {
                    frame.set_cursor_position(p);
                }
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
