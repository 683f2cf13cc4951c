//! The unit head's screen: totals on top, the criteria tree and the detail pane of the selected
//! criterion (side by side from 100 columns, stacked on tall terminals, else one at a time).

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use rust_decimal::Decimal;

use super::{DRow, Doc, heading, pane};
use crate::core::answers::{Evidence, Input};
use crate::core::rules::{self, InputKind, input_kind};
use crate::core::scorecard::{Node, Rule};
use crate::tui::fmt::{self, fill, num, short};
use crate::tui::state::{App, Edit, Field, Pane, Role, Work};
use crate::tui::theme::Theme;
use crate::tui::widget::tree::{self, Row, Tree};
use crate::tui::widget::{self, gauge, pad_left, put_line, truncate};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(w) = &app.work else { return };
    let hh = header_height(area);
    header(app, w, frame.buffer_mut(), Rect { height: hh, ..area });
    // Why the Office returned the unit: its own lines under the header, until it submits
    // again (on every path: a fresh open, a switch of role, a live return, read-only).
    let reason = returned_lines(app, w, area);
    let rh = reason.len() as u16;
    for (k, l) in reason.iter().enumerate() {
        widget::put_str(frame.buffer_mut(), area, hh + k as u16, l, app.theme.warning());
    }
    let top = hh + rh;
    let main = Rect { y: area.y + top, height: area.height - top, ..area };
    panes(app, w, frame, main, detail);
    narrative_editor(app, w, frame, main);
}

/// The narrative editor (issue 22), over the panes: the section's heading and its text.
fn narrative_editor(app: &App, w: &Work, frame: &mut Frame, area: Rect) {
    let Some(Edit::Narrative { section, area: ta, .. }) = &w.edit else { return };
    let s = crate::core::answers::Section::ALL[*section];
    let title = format!(
        "{} — {}) {} ({}/4)",
        app.t.narrative_title,
        ['a', 'b', 'c', 'd'][*section],
        crate::text::msg::attach::section_title(s, app.lang),
        section + 1
    );
    let wd = area.width.saturating_sub(4).min(100);
    let ht = area.height.saturating_sub(2).min(16);
    if wd < 10 || ht < 4 {
        return;
    }
    let r = Rect { x: area.x + (area.width - wd) / 2, y: area.y + (area.height - ht) / 2, width: wd, height: ht };
    frame.render_widget(ratatui::widgets::Clear, r);
    let inner = pane(frame.buffer_mut(), r, &title, true, &app.theme);
    frame.render_widget(&**ta, inner);
}

/// `Lý do trả lại: …`, wrapped to the screen's width (at most 3 lines, none on a screen too
/// short for them): shown while the unit is returned, to its own head.
pub fn returned_lines(app: &App, w: &Work, area: Rect) -> Vec<String> {
    let Some(r) = w.return_reason.as_deref().filter(|_| app.role == Role::Unit && w.status() == Some(crate::core::answers::Status::Returned)) else {
        return Vec::new();
    };
    if area.height < 12 || area.width < 20 {
        return Vec::new();
    }
    let mut lines = widget::wrap_after(&format!(" {}: ", app.t.return_reason), r, usize::from(area.width) - 1, "   ");
    if lines.len() > 3 {
        lines.truncate(3);
        let last = lines.pop().unwrap_or_default();
        lines.push(truncate(&format!("{last} …"), usize::from(area.width)));
    }
    lines
}

pub fn header_height(area: Rect) -> u16 {
    if area.height >= 8 { 2 } else { 1.min(area.height) }
}

/// Lays out the tree and the detail pane and draws them.
pub fn panes(app: &App, w: &Work, frame: &mut Frame, main: Rect, detail: fn(&App, &Work, &mut Frame, Rect)) {
    let (t, d) = split(main, w.pane);
    app.hits.tree.set(Rect::default());
    app.hits.detail.set(Rect::default());
    if let Some(r) = t {
        tree_pane(app, w, frame, r);
    }
    if let Some(r) = d {
        detail(app, w, frame, r);
    }
}

/// Side by side from 100 columns; stacked from 30 rows; else only the pane with the focus.
pub fn split(main: Rect, focus: Pane) -> (Option<Rect>, Option<Rect>) {
    if main.is_empty() {
        return (None, None);
    }
    if main.width >= 100 {
        // The tree needs room for its titles; the detail pane wraps.
        let lw = if main.width < 140 { main.width * 58 / 100 } else { main.width * 55 / 100 };
        (Some(Rect { width: lw, ..main }), Some(Rect { x: main.x + lw, width: main.width - lw, ..main }))
    } else if main.height >= 30 {
        let th = main.height * 45 / 100;
        (Some(Rect { height: th, ..main }), Some(Rect { y: main.y + th, height: main.height - th, ..main }))
    } else if focus == Pane::Tree {
        (Some(main), None)
    } else {
        (None, Some(main))
    }
}

/// The unit's totals: name, status, saved or not; the index with a gauge, the band, what is left.
/// ` · ⚠ Không toàn vẹn: why` when the open unit's submission does not hold; empty when ok.
pub fn integrity_note(app: &App, w: &Work) -> String {
    let i = w.result.integrity;
    if i.is_ok() { String::new() } else { format!(" · {} {}: {}", app.t.integrity_mark(i), app.t.integrity_word(i), app.t.integrity_reason(i)) }
}

fn header(app: &App, w: &Work, buf: &mut Buffer, area: Rect) {
    if area.is_empty() {
        return;
    }
    let t = app.t;
    let th = &app.theme;
    let lang = app.lang;
    let unit = &app.ws().units[w.unit];
    let r = &w.result;
    // Once the Office has marked the unit appraised, its figure is the one that counts: the
    // own figure stays beside it as the unit's, no longer "(tạm tính)" (it lacked only the
    // survey points the appraisal brings).
    let appraised = matches!(w.status(), Some(crate::core::answers::Status::Appraised | crate::core::answers::Status::Final));
    // Not banded before anything is submitted or saved (the rule is the result's).
    let band = if appraised { t.band_shown(r, app.sc()) } else { t.self_band_shown(r, app.sc()) };
    let band = band.as_str();
    let idx = format!("{}%", num(if appraised { r.index } else { r.self_index }, lang));
    if area.height == 1 {
        let s = format!(" {} · {idx} {band}", unit.name);
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
    // The status as the Office's dashboard words it ("Chưa nộp" before the first save).
    let mut l1 = format!(" {} · {} · {saved}", unit.name, t.status(w.status()));
    l1.push_str(&integrity_note(app, w));
    buf.set_style(Rect { height: 1, ..area }, th.header());
    let right = format!("{} ", app.ws().title);
    let l1w = widget::width(&l1);
    widget::put_str(buf, area, 0, &truncate(&l1, usize::from(area.width)), th.header());
    if l1w + widget::width(&right) + 4 <= usize::from(area.width) {
        let rw = widget::width(&right) as u16;
        widget::put_str(buf, Rect { x: area.right() - rw, width: rw, ..area }, 0, &right, th.header());
    }
    // "Đã đánh giá 17/85", the figure and the words of the Office's dashboard.
    let sc = app.sc();
    // Appraised: the survey points the Office brought count as done.
    let counts = crate::core::figures::Counts::of(sc, if appraised { &w.fin } else { &w.own });
    let progress = t.counts(&counts);
    let progress_short = t.counts_short(&counts);
    // The unit's own figure lacks the Office-only (survey) points: provisional, and shown
    // against what the unit can score by itself ("Tự đánh giá 80,75/91 điểm"). Appraised:
    // "Tự đánh giá 80,75/91 điểm · Điểm đạt 84,5/95 điểm · Chỉ số 88,95%", the last counts.
    let own_points = (r.self_total, r.self_max);
    let totals = Totals {
        indexes: &[(t.index, if appraised { r.index } else { r.self_index })],
        provisional: !appraised && r.self_provisional,
        points: Some(own_points),
        final_points: appraised.then_some((r.total, r.max)),
        band,
        left: &progress,
        left_short: Some(&progress_short),
        left_label: t.progress,
        warnings: w.warnings,
    };
    totals_line(app, buf, Rect { y: area.y + 1, height: 1, ..area }, &totals, th);
}

/// The figures of a header's second line.
pub struct Totals<'a> {
    /// Labelled indexes (%); the gauge shows the last.
    pub indexes: &'a [(&'a str, Decimal)],
    /// The last index still lacks Office-only points: "(tạm tính)" after it.
    pub provisional: bool,
    /// The unit's own points against what it can score by itself.
    pub points: Option<(Decimal, Decimal)>,
    /// Once appraised, the points that count (Điểm đạt) against the unit's applicable max;
    /// then the own points come first, before what counts.
    pub final_points: Option<(Decimal, Decimal)>,
    pub band: &'a str,
    pub left: &'a str,
    /// `left` on a narrow screen.
    pub left_short: Option<&'a str>,
    pub left_label: &'a str,
    pub warnings: u32,
}

/// `Chỉ số 78,25% (tạm tính) · Tự đánh giá 70,5/91 điểm · Khá · Chưa đánh giá 12 · ! 3  ██████░░░`:
/// the gauge takes the room left. On a narrow screen the words go first ("điểm", "thiếu minh
/// chứng"), then whole parts, the least needed first: the warnings (the tree marks them), the
/// band (once appraised: what is left to do), what is left to do (the band), the own points,
/// the points that count; the indexes stay.
pub fn totals_line(app: &App, buf: &mut Buffer, area: Rect, f: &Totals<'_>, th: &Theme) {
    let room = usize::from(area.width);
    let wide = |p: &Vec<Span<'static>>| p.iter().map(|s| widget::width(&s.content)).sum::<usize>();
    // Every part starts " · ", the first shown then " ": 2 columns more room than it seems.
    let room = room + 2;
    let mut parts = totals_parts(app, f, th, false);
    if parts.iter().map(|p| wide(&p.1)).sum::<usize>() > room {
        parts = totals_parts(app, f, th, true);
    }
    let mut parts = widget::fit(parts, room, wide);
    // The first part is not after a " · ".
    if let Some(s) = parts.first_mut().and_then(|p| p.first_mut())
        && let Some(rest) = s.content.strip_prefix(" · ")
    {
        s.content = format!(" {rest}").into();
    }
    let line = Line::from(parts.into_iter().flatten().collect::<Vec<_>>());
    let used = line.width() as u16;
    put_line(buf, area, 0, &line);
    if let Some((_, v)) = f.indexes.last()
        && area.width >= used + 12
    {
        let gw = (area.width - used - 2).min(40);
        let r = Rect { x: area.x + used + 2, width: gw, height: 1, y: area.y };
        gauge::render(r, buf, *v, Decimal::ONE_HUNDRED, th.gauge(), th.dim());
    }
}

/// The parts of [`totals_line`], each with how much it is needed (the lowest goes first; 0:
/// never), each but the first after a " · "; `short` leaves out words.
fn totals_parts(app: &App, f: &Totals<'_>, th: &Theme, short_form: bool) -> Vec<(u8, Vec<Span<'static>>)> {
    let t = app.t;
    let lang = app.lang;
    let points = |label: &str, (got, max): (Decimal, Decimal)| {
        let unit = if short_form { String::new() } else { format!(" {}", t.points_unit) };
        vec![Span::raw(format!(" · {label} {}/{}{unit}", short(got, lang), short(max, lang)))]
    };
    let mut indexes = Vec::new();
    for (label, v) in f.indexes {
        indexes.push(Span::styled(format!(" · {label} "), th.label()));
        indexes.push(Span::styled(format!("{}%", num(*v, lang)), th.title()));
    }
    if f.provisional {
        indexes.push(Span::styled(format!(" ({})", t.provisional), th.dim()));
    }
    let mut parts = Vec::new();
    match (f.points, f.final_points) {
        (own, Some(fin)) => {
            if let Some(own) = own {
                parts.push((4, points(t.self_of, own)));
            }
            parts.push((5, points(t.final_points, fin)));
            parts.push((0, indexes));
        }
        (own, None) => {
            parts.push((0, indexes));
            if let Some(own) = own {
                parts.push((4, points(t.self_of, own)));
            }
        }
    }
    // Appraised, the band is the result and what was left to do is done: the band stays the
    // longer; before, what is left to do.
    let (band_need, left_need) = if f.final_points.is_some() { (3, 2) } else { (2, 3) };
    if !f.band.is_empty() {
        parts.push((band_need, vec![Span::raw(" · "), Span::styled(f.band.to_owned(), th.title())]));
    }
    let left = if short_form { f.left_short.unwrap_or(f.left) } else { f.left };
    parts.push((left_need, vec![Span::raw(format!(" · {} {left}", f.left_label))]));
    if f.warnings > 0 {
        let words = if short_form { String::new() } else { format!(" {}", t.warnings_short) };
        parts.push((1, vec![Span::raw(" · "), Span::styled(format!("! {}{words}", f.warnings), th.warning())]));
    }
    parts
}

/// The criteria tree pane (both the unit's and the Office's).
pub fn tree_pane(app: &App, w: &Work, frame: &mut Frame, area: Rect) {
    let t = app.t;
    let th = app.theme;
    let sc = app.sc();
    let lang = app.lang;
    let mut title = t.tree_title.to_owned();
    if !w.search.is_empty() {
        title.push_str(&format!(" · {} “{}”", t.searching, w.search));
    }
    if w.todo_only {
        title.push_str(&format!(" · {}", t.todo_filter));
    }
    let focused = w.pane == Pane::Tree && w.edit.is_none();
    let inner = pane(frame.buffer_mut(), area, &title, focused, &th);
    if inner.is_empty() {
        return;
    }
    // Search field in the tree's first row while typing.
    let mut rows_area = inner;
    if let Some(Edit::Search(input)) = &w.edit {
        let label = format!("/ {}: ", t.search);
        let lw = (widget::width(&label) as u16).min(inner.width);
        widget::put_str(frame.buffer_mut(), inner, 0, &label, th.label());
        let r = Rect { x: inner.x + lw, width: inner.width - lw, height: 1, y: inner.y };
        if let Some(p) = input.render(r, frame.buffer_mut(), th.input()) {
            frame.set_cursor_position(p);
        }
        rows_area = Rect { y: inner.y + 1, height: inner.height.saturating_sub(1), ..inner };
    }
    let height = usize::from(rows_area.height.saturating_sub(1));
    app.hits.tree.set(Rect { y: rows_area.y + 1, height: rows_area.height.saturating_sub(1), ..rows_area });
    let pos = w.sel_pos();
    let offset = tree::scroll(w.tree_offset.get(), pos, height, w.visible.len());
    w.tree_offset.set(offset);

    let office = app.role == Role::Office;
    let any_appr = office || w.any_appraised();
    let own_label = if office { t.col_unit } else { t.self_points };
    // As wide as its label ("Tự đánh giá"), so the heading is never cut.
    let mut columns: Vec<(&str, u16)> = vec![(t.max, 6), (own_label, widget::width(own_label).max(7) as u16)];
    if any_appr {
        columns.push((t.col_appraised, 9));
    }
    while !columns.is_empty() && usize::from(rows_area.width) < 24 + columns.iter().map(|c| usize::from(c.1) + 1).sum::<usize>() {
        columns.remove(0);
    }
    let ncols = columns.len();
    // The criteria with an objection waiting for an answer (read once a frame).
    let stage = app.stage_of(w.unit).ok();
    let objected: Vec<&str> = stage
        .as_ref()
        .and_then(|s| s.objections.as_ref())
        .map_or(Vec::new(), |o| o.items.iter().filter(|x| x.answer.is_none()).map(|x| x.criterion.as_str()).collect());
    let rows: Vec<Row> = w
        .visible
        .iter()
        .skip(offset)
        .take(height)
        .map(|&i| {
            let node = &sc.nodes[i];
            let (mark, mark_style) = mark(app, w, i, node, &th, &objected);
            let own = match &node.rule {
                Some(_) if w.sub.input(i).is_none() => "–".to_owned(),
                _ => num(w.own.nodes[i].total(), lang),
            };
            let appr = match &node.rule {
                Some(_) if w.appr.input(i).is_none() => String::new(),
                _ => num(w.fin.nodes[i].total(), lang),
            };
            let max = match &node.rule {
                Some(Rule::Deduction { cap, .. }) => format!("−{}", short(*cap, lang)),
                Some(Rule::Bonus) => format!("+{}", short(node.max, lang)),
                _ => short(node.max, lang),
            };
            let mut cells = vec![max, own];
            if any_appr {
                cells.push(appr);
            }
            let cells = cells.split_off(cells.len() - ncols);
            Row {
                mark,
                mark_style,
                depth: node.depth,
                fold: (!node.is_leaf()).then(|| w.folded[i] && w.search.is_empty() && !w.todo_only),
                id: &node.id,
                title: &node.title,
                cells,
                strong: node.depth == 0,
            }
        })
        .collect();
    if rows.is_empty() {
        widget::put_str(frame.buffer_mut(), rows_area, 1, &format!("  {}", t.no_match), th.dim());
    }
    let tree = Tree { header: t.criterion, columns, rows, selected: pos.checked_sub(offset), focused, theme: th };
    tree.render(rows_area, frame.buffer_mut());
}

/// The mark of a tree row: `?` still to do, `!` claimed without evidence (or a malformed
/// document number), `^` the children add up to more than the max, `*` adjusted by the Office,
/// `@` a question of the Office not yet answered, `✓` answered, `Y` an objection of the unit
/// not answered yet (issue 21).
fn mark(app: &App, w: &Work, i: usize, node: &Node, th: &Theme, objected: &[&str]) -> (&'static str, Style) {
    if !node.is_leaf() {
        return if w.over[i] { ("^", th.warning()) } else { (" ", Style::default()) };
    }
    let objection = objected.contains(&node.id.as_str());
    match app.role {
        Role::Office if objection => ("Y", th.error()),
        Role::Unit if objection && (!w.flagged(i) || w.answered(i)) => ("Y", th.label()),
        Role::Unit => {
            if w.flagged(i) && !w.answered(i) {
                ("@", th.error())
            } else if w.warn[i] {
                ("!", th.error())
            } else if w.asks(i) {
                ("*", th.label())
            } else if w.todo[i] > 0 {
                ("?", th.warning())
            } else {
                (" ", Style::default())
            }
        }
        Role::Office => {
            let appr = w.appr.input(i);
            if w.flagged(i) {
                if w.answered(i) { ("✓", th.ok()) } else { ("@", th.warning()) }
            } else if appr.is_none() && w.warn[i] {
                ("!", th.error())
            } else if appr.is_none() {
                ("?", th.warning())
            } else if appr != w.sub.input(i) {
                ("*", th.label())
            } else {
                (" ", Style::default())
            }
        }
    }
}

/// `▶ ` on the selected field.
pub fn marker(selected: bool, focused: bool) -> &'static str {
    match (selected, focused) {
        (true, true) => "▶ ",
        (true, false) => "› ",
        _ => "  ",
    }
}

pub fn sel_style(selected: bool, focused: bool, th: &Theme) -> Style {
    match (selected, focused) {
        (true, true) => th.selected(),
        (true, false) => th.selected_unfocused(),
        _ => Style::default(),
    }
}

/// The title, the maximum, the rule in words and the guidance of a node.
pub fn describe<'a>(app: &App, w: &Work, doc: &mut Doc<'a>, node: &Node, i: usize, width: usize) {
    let t = app.t;
    let th = app.theme;
    let lang = app.lang;
    doc.wrapped(&format!("{} {}", node.id, node.title), th.title(), width, "");
    match &node.rule {
        None => {
            let sub = w.own.sub_index(app.sc(), i).map(|v| format!(" · {} {}%", t.index, num(v, lang))).unwrap_or_default();
            doc.line(Line::from(format!("{} {} · {} {}{sub}", t.max, short(node.max, lang), t.self_points, num(w.own.nodes[i].total(), lang))));
        }
        Some(_) => {
            let max = match &node.rule {
                Some(Rule::Deduction { cap, .. }) => format!("{} −{}", t.deduction_cap, short(*cap, lang)),
                Some(Rule::Bonus) => format!("{} +{}", t.bonus_max, short(node.max, lang)),
                _ => format!("{} {} {}", t.max, short(node.max, lang), t.points_unit),
            };
            doc.line(Line::from(Span::styled(max, th.dim())));
            doc.wrapped(&format!("{}: {}", t.rule, fmt::rule_words(node, app.sc().step, t, lang)), th.base(), width, "");
            match node.na {
                Some(crate::core::scorecard::Na::Full) => doc.wrapped(t.na_can_full, th.dim(), width, ""),
                Some(crate::core::scorecard::Na::Excluded) => doc.wrapped(t.na_can_excluded, th.dim(), width, ""),
                None => {}
            }
        }
    }
    if let Some(g) = &node.guidance {
        doc.wrapped(&format!("{}: {g}", t.guidance), th.dim(), width, "");
    }
}

/// A group's children with their points: the per-area totals.
pub fn children<'a>(app: &App, w: &Work, doc: &mut Doc<'a>, node: &Node, i: usize, width: usize) {
    let t = app.t;
    let th = app.theme;
    let lang = app.lang;
    let sc = app.sc();
    let office = app.role == Role::Office;
    let tally = if office { &w.fin } else { &w.own };
    doc.line(heading(t.sub_criteria, width, &th));
    let nums_w = 13usize;
    for &c in &node.children {
        let n = &sc.nodes[c];
        let pts = format!("{}/{}", num(tally.nodes[c].total(), lang), num(n.max, lang));
        let todo = if w.todo[c] > 0 { format!(" ?{}", w.todo[c]) } else { String::new() };
        let label = truncate(&format!("{} {}", n.id, n.title), width.saturating_sub(nums_w + 5));
        let pad = width.saturating_sub(widget::width(&label) + nums_w + 5);
        doc.line(Line::from(vec![
            Span::raw(format!("{label}{}", " ".repeat(pad))),
            Span::styled(pad_left(&pts, nums_w), th.base()),
            Span::styled(format!("{todo:<5}"), th.warning()),
        ]));
    }
    if w.todo[i] > 0 {
        doc.line(Line::from(Span::styled(fill(if office { t.n_to_appraise } else { t.n_to_do }, &[&w.todo[i].to_string()]), th.warning())));
    }
}

/// The input of a leaf as a field: shown, typed, or picked.
#[allow(clippy::too_many_arguments)]
pub fn input_field<'a>(
    app: &App,
    w: &'a Work,
    doc: &mut Doc<'a>,
    node: &Node,
    input: Option<&Input>,
    label: &str,
    selected: bool,
    focused: bool,
    width: usize,
) {
    let t = app.t;
    let th = app.theme;
    let lang = app.lang;
    let i = w.sel;
    let editing = selected && w.edit.is_some();
    match (&w.edit, editing) {
        (Some(Edit::Line { input: li, error }), true) => {
            doc.begin_keep();
            doc.rows.push(DRow::Field { label: format!("▶ {label}: "), input: li, style: th.input() });
            let pv = w.preview.as_ref().filter(|p| p.0 == i).map(|p| &p.1);
            match (error, pv) {
                (Some(e), _) => doc.wrapped(&format!("✗ {e}"), th.error(), width, "  "),
                (None, Some(p)) => {
                    doc.line(Line::from(Span::styled(format!("  → {} {}", short(rules::points(node, p), lang), t.points_unit), th.ok())))
                }
                _ => {}
            }
            doc.wrapped(&fmt::input_hint(node, app.sc().step, t, app.lang), th.dim(), width, "  ");
            doc.end_keep();
        }
        (Some(Edit::Choice { sel }), true) => {
            doc.begin_keep();
            doc.line(Line::from(Span::styled(format!("▶ {label}: {}", t.choose_option), th.label())));
            if let Some(Rule::Choice(opts)) = &node.rule {
                for (k, o) in opts.iter().enumerate() {
                    let style = if k == *sel { th.selected() } else { th.base() };
                    let text = format!("{} — {} {}", o.label, short(o.points, lang), t.points_unit);
                    for l in widget::wrap_after(&format!("  {}. ", k + 1), &text, width, "     ") {
                        doc.line(Line::from(Span::styled(l, style)));
                    }
                }
            }
            doc.end_keep();
        }
        _ => {
            if selected {
                doc.begin_keep();
            }
            let style = sel_style(selected, focused, &th);
            let shown = match input {
                Some(x) => fmt::input_points(node, x, t, lang),
                None if app.role == Role::Unit && node.rule.as_ref().is_some_and(|r| input_kind(r) == InputKind::OfficeOnly) => {
                    t.survey_by_office.to_owned()
                }
                None if app.role == Role::Office => t.not_appraised_value.to_owned(),
                None => t.not_scored.to_owned(),
            };
            let text = format!("{label}: {shown}");
            for (j, l) in widget::wrap_after(marker(selected, focused), &text, width, "  ").into_iter().enumerate() {
                doc.line(Line::from(Span::styled(l, if j == 0 { style } else { th.base() })));
            }
            if selected {
                doc.end_keep();
            }
        }
    }
}

/// One evidence item: number · date · title, then the number's problem and the file.
pub fn evidence_item<'a>(app: &App, w: &Work, doc: &mut Doc<'a>, e: &Evidence, prefix: &str, style: Style, width: usize) {
    let t = app.t;
    let th = app.theme;
    let mut head = Vec::new();
    if !e.reference.is_empty() {
        head.push(e.reference.clone());
    }
    if let Some(d) = e.date {
        head.push(d.to_string());
    }
    if !e.title.is_empty() {
        head.push(e.title.clone());
    }
    for (j, l) in widget::wrap_after(prefix, &head.join(" · "), width, "    ").into_iter().enumerate() {
        doc.line(Line::from(Span::styled(l, if j == 0 { style } else { th.base() })));
    }
    if !e.reference.is_empty()
        && let Some(p) = crate::core::docref::problem(&e.reference)
    {
        doc.wrapped(&format!("! {}: {}", t.err_docref, crate::tui::state::docref_problem(p, t)), th.error(), width, "    ");
    }
    if let Some(f) = &e.file {
        let state = match w.files.get(f).copied().flatten() {
            Some(size) => format!("✓ {}", file_size(size, app.lang)),
            None => format!("✗ {}", t.file_missing),
        };
        let style = if w.files.get(f).copied().flatten().is_some() { th.ok() } else { th.warning() };
        doc.line(Line::from(vec![Span::raw(format!("    {}: evidence/{f} ", t.file)), Span::styled(state, style)]));
    }
    if let Some(at) = &e.attached {
        let short = crate::core::attach::short_digest(&at.sha256);
        doc.wrapped(&format!("{}: {} · {} · SHA-256 {short}", t.attached_file, at.name, file_size(at.size, app.lang)), th.base(), width, "    ");
    }
}

/// A file's size as every other place words it ([`crate::core::attach::human_size`]).
fn file_size(n: u64, lang: crate::text::Lang) -> String {
    crate::core::attach::human_size(n, lang.decimal_sep() == ',')
}

/// A text (explanation or comment) as a field: shown, or typed into.
#[allow(clippy::too_many_arguments)]
pub fn text_field<'a>(
    app: &App,
    w: &'a Work,
    doc: &mut Doc<'a>,
    label: &str,
    text: &str,
    placeholder: &str,
    selected: bool,
    focused: bool,
    editing_what: Option<Field>,
    height: u16,
    width: usize,
) {
    let th = app.theme;
    let (editing, label) = match (&w.edit, editing_what) {
        (Some(Edit::Note { area, what, na }), Some(f)) if *what == f && selected => (
            Some(area),
            match na {
                Some(true) if app.sc().nodes[w.sel].na == Some(crate::core::scorecard::Na::Full) => app.t.na_full_reason_label,
                Some(true) => app.t.na_reason_label,
                Some(false) => app.t.na_refuse_label,
                None => label,
            },
        ),
        _ => (None, label),
    };
    if selected {
        doc.begin_keep();
    }
    doc.line(Line::from(Span::styled(format!("{}{label}", marker(selected, focused)), sel_style(selected, focused && editing.is_none(), &th))));
    if let Some(area) = editing {
        doc.rows.push(DRow::Area { area, height });
    } else if text.trim().is_empty() {
        doc.wrapped(placeholder, th.dim(), width, "  ");
    } else {
        doc.wrapped(text, th.base(), width, "  ");
    }
    if selected {
        doc.end_keep();
    }
}

/// The unit's objection to the selected criterion and its answer (issue 21), in both the
/// unit's and the Office's detail pane: who sent it and when, why, the documents, the answer.
pub fn objection_block<'a>(app: &App, w: &Work, doc: &mut Doc<'a>, width: usize) {
    let stage = app.stage_of(w.unit).ok();
    let Some(o) = stage.as_ref().and_then(|s| s.objections.as_ref()).and_then(|o| o.find(&app.sc().nodes[w.sel].id)) else { return };
    let t = app.t;
    let th = app.theme;
    let when = crate::text::human_time;
    doc.line(heading(t.objection_heading, width, &th));
    doc.wrapped(&fill(t.objection_by, &[&o.by, &when(&o.at)]), th.dim(), width, "  ");
    doc.wrapped(&o.reason, th.base(), width, "  ");
    if !o.evidence.is_empty() {
        doc.wrapped(&format!("{}: {}", t.objection_evidence, o.evidence.join("; ")), th.base(), width, "  ");
    }
    match &o.answer {
        None => doc.wrapped(&format!("@ {}: {}", t.objection_answer, t.objection_open), th.warning(), width, "  "),
        Some(a) => {
            let verdict = if a.accepted { t.objection_accepted.to_owned() } else { format!("{}: {}", t.objection_rejected, a.reason) };
            let style = if a.accepted { th.ok() } else { th.label() };
            doc.wrapped(&format!("✓ {}: {verdict} ({}, {})", t.objection_answer, a.by, when(&a.at)), style, width, "  ");
        }
    }
}

/// How many of the unit's objections wait for an answer (0 when none or not loaded).
pub fn open_objections(app: &App, w: &Work) -> usize {
    app.stage_of(w.unit).ok().and_then(|s| s.objections.as_ref().map(|o| o.open())).unwrap_or(0)
}

/// The start of a detail pane, shared by the unit's and the Office's: the frame, the
/// criterion's description, and for a group its children (then the pane is done: `None`).
pub(super) fn detail_start<'a>(app: &'a App, w: &'a Work, frame: &mut Frame, area: Rect) -> Option<(Doc<'a>, Rect)> {
    let node = &app.sc().nodes[w.sel];
    let focused = w.pane == Pane::Detail;
    let inner = pane(frame.buffer_mut(), area, &format!("{} {}", app.t.detail_title, node.id), focused && w.edit.is_none(), &app.theme);
    app.hits.detail.set(inner);
    let width = usize::from(inner.width);
    let mut doc = Doc::default();
    describe(app, w, &mut doc, node, w.sel, width);
    // The unit's register is a list of fields of its own, drawn in the unit's detail.
    if app.role != Role::Unit {
        super::register::block(app, w, &mut doc, node, width);
    }
    if node.is_leaf() {
        return Some((doc, inner));
    }
    children(app, w, &mut doc, node, w.sel, width);
    doc.render(frame, inner);
    None
}

/// The unit's detail pane.
fn detail(app: &App, w: &Work, frame: &mut Frame, area: Rect) {
    let Some((mut doc, inner)) = detail_start(app, w, frame, area) else { return };
    let t = app.t;
    let th = app.theme;
    let lang = app.lang;
    let node = &app.sc().nodes[w.sel];
    let focused = w.pane == Pane::Detail;
    let width = usize::from(inner.width);
    let cur = app.field();
    let is = |f: Field| cur == Some(f);
    let answer = w.sub.answer(w.sel);
    doc.line(heading(t.self_assessment, width, &th));
    input_field(app, w, &mut doc, node, w.sub.input(w.sel), t.input_label, is(Field::Input), focused, width);
    if w.warn[w.sel] && answer.is_some_and(|a| a.evidence.is_empty() && a.note.trim().is_empty()) {
        doc.wrapped(&format!("! {}", t.warn_no_evidence), th.warning(), width, "  ");
    }
    // The Office's word, once appraised.
    if let Some(a) = w.appr.answer(w.sel) {
        doc.line(heading(t.office_appraisal, width, &th));
        if let Some(x) = &a.input {
            doc.wrapped(&format!("{}: {}", t.appraised_input, fmt::input_points(node, x, t, lang)), th.label(), width, "  ");
        }
        if !a.comment.is_empty() {
            doc.wrapped(&format!("{}: {}", t.comment, a.comment), th.base(), width, "  ");
        }
        if !a.question.trim().is_empty() {
            doc.wrapped(&format!("{}: {}", t.question, a.question), th.warning(), width, "  ");
            let reply = answer.map_or("", |a| a.reply.as_str());
            let h = (inner.height / 4).clamp(3, 6);
            text_field(app, w, &mut doc, t.reply, reply, t.ph_reply, is(Field::Reply), focused, Some(Field::Reply), h, width);
        }
    }
    objection_block(app, w, &mut doc, width);
    super::register::block(app, w, &mut doc, node, width);
    let evidence = answer.map_or(&[][..], |a| a.evidence.as_slice());
    doc.line(heading(&fill(t.evidence_n, &[&evidence.len().to_string()]), width, &th));
    for (k, e) in evidence.iter().enumerate() {
        let sel = is(Field::Evidence(k));
        if sel {
            doc.begin_keep();
        }
        evidence_item(app, w, &mut doc, e, marker(sel, focused), sel_style(sel, focused, &th), width);
        if sel {
            doc.end_keep();
        }
    }
    let sel = is(Field::AddEvidence);
    if sel {
        doc.begin_keep();
    }
    doc.line(Line::from(Span::styled(format!("{}+ {}", marker(sel, focused), t.add_evidence), sel_style(sel, focused, &th))));
    if sel {
        doc.end_keep();
    }
    doc.line(heading(t.explanation, width, &th));
    let note = answer.map_or("", |a| a.note.as_str());
    let h = (inner.height / 3).clamp(3, 8);
    text_field(app, w, &mut doc, t.explanation_field, note, t.no_explanation, is(Field::Note), focused, Some(Field::Note), h, width);
    if let Some(p) = doc.render(frame, inner) {
        frame.set_cursor_position(p);
    }
}
