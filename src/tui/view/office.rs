//! The Office's dashboard: every unit's status, progress, indexes, band and rank (sortable),
//! bars of the indexes and a units × areas heat map of sub-indexes.

use std::cell::RefCell;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::pane;
use crate::core::results::UnitResult;
use crate::tui::fmt::{fill, num};
use crate::tui::state::{App, Office, SortCol};
use crate::tui::theme::Theme;
use crate::tui::widget::bars::{self, Bar};
use crate::tui::widget::heatmap::{self, HeatRow};
use crate::tui::widget::tree::scroll;
use crate::tui::widget::{self, pad_left, pad_right, put_line, truncate};

/// A column of a table: title, a shorter title for a narrow screen (empty: none), width (the
/// least it takes: a field's known widest, e.g. the longest status word), right-aligned, and
/// how much we want it (higher stays longer when the terminal is narrow).
pub struct Col {
    pub title: String,
    pub short: String,
    pub width: u16,
    pub right: bool,
    pub keep: u8,
}

/// The widest cell of each of `ncols` columns over every row `rows` gives, measured once per
/// `generation` of the data and kept in `cache`: the columns do not shift as the table
/// scrolls, and a frame does not pay for 10,000 rows it does not show.
pub fn widest_cells<I>(cache: &RefCell<Option<(u64, Vec<usize>)>>, generation: u64, ncols: usize, rows: impl FnOnce() -> I) -> Vec<usize>
where
    I: Iterator<Item = Vec<String>>,
{
    if let Some((g, w)) = &*cache.borrow()
        && *g == generation
        && w.len() == ncols
    {
        return w.clone();
    }
    let mut w = vec![0; ncols];
    for row in rows() {
        for (c, s) in row.iter().enumerate().take(ncols) {
            w[c] = w[c].max(widget::width(s));
        }
    }
    *cache.borrow_mut() = Some((generation, w.clone()));
    w
}

/// Draws a table of the visible `rows`. Each column is as wide as its title and its widest
/// cell over all rows (`widest`, from [`widest_cells`]; nothing of a title or a figure is
/// cut); the flexible column (index `flex`, the names) as wide as its widest name when there
/// is room, else what the others leave (a name is then cut by display width, after a whole
/// word where it can, `…`). When the names would get fewer than `min_name` columns, the
/// columns first take their short titles, then the columns with the lowest `keep` go. Room to
/// spare is shared by every column alike, so a wide screen spreads the table rather than
/// leaving a blank name column.
#[allow(clippy::too_many_arguments)]
pub fn table(buf: &mut Buffer, area: Rect, cols: &[Col], flex: usize, min_name: usize, rows: &[(Vec<String>, Style)], widest: &[usize], th: &Theme) {
    if area.is_empty() || cols.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    let widest = |c: usize| widest.get(c).copied().unwrap_or(0);
    let title = |c: usize, short: bool| if short && !cols[c].short.is_empty() { &cols[c].short } else { &cols[c].title };
    let natural_of = |short: bool| -> Vec<usize> {
        (0..cols.len()).map(|c| widget::width(title(c, short)).max(widest(c)).max(if c == flex { 0 } else { usize::from(cols[c].width) })).collect()
    };
    let all: Vec<usize> = (0..cols.len()).collect();
    // Every column but the first has a space before it.
    let others = |natural: &[usize], shown: &[usize]| {
        shown.iter().map(|&c| if c == flex { 0 } else { natural[c] } + usize::from(c != shown[0])).sum::<usize>()
    };
    let min_flex = |natural: &[usize]| natural.get(flex).copied().unwrap_or(0).min(min_name);
    let full = natural_of(false);
    let short = others(&full, &all) + min_flex(&full) > width;
    let natural = if short { natural_of(true) } else { full };
    let min_flex = min_flex(&natural);
    let mut shown = all;
    while others(&natural, &shown) + min_flex > width {
        let Some(drop) = shown.iter().copied().filter(|&c| c != flex).min_by_key(|&c| cols[c].keep) else { break };
        shown.retain(|&c| c != drop);
    }
    let room = width.saturating_sub(others(&natural, &shown));
    let has_flex = shown.contains(&flex);
    let flex_w = if has_flex { natural[flex].min(room) } else { 0 };
    // What is left is shared by the gaps between the columns (the first gaps take the odd
    // columns), but the one before the names (the rank stays by its name): the table then
    // spans the screen.
    let spare = room - flex_w;
    let widened = |c: usize| c != shown[0] && c != flex;
    let gaps = shown.iter().filter(|&&c| widened(c)).count().max(1);
    let (each, odd) = (spare / gaps, spare % gaps);
    let col_w = |c: usize| if c == flex { flex_w } else { natural[c] };
    let first = shown[0];
    let cell = |c: usize, s: &str| {
        let w = col_w(c);
        let s = if c == flex { crate::text::truncate_words(s, w) } else { s.to_owned() };
        let s = if cols[c].right { pad_left(&s, w) } else { pad_right(&s, w) };
        let k = shown.iter().filter(|&&x| widened(x)).position(|&x| x == c);
        match k {
            _ if c == first => s,
            Some(k) => format!("{}{s}", " ".repeat(1 + each + usize::from(k < odd))),
            // The space of a table with no column to widen goes after it.
            None => format!(" {s}"),
        }
    };
    let head: Vec<Span> = shown.iter().map(|&c| Span::styled(cell(c, title(c, short)), th.dim())).collect();
    put_line(buf, area, 0, &Line::from(head));
    for (k, (row, style)) in rows.iter().enumerate() {
        let y = k as u16 + 1;
        if y >= area.height {
            break;
        }
        let spans: Vec<Span> = shown.iter().map(|&c| Span::styled(cell(c, row.get(c).map_or("", String::as_str)), *style)).collect();
        put_line(buf, area, y, &Line::from(spans));
    }
}

/// The results' state, "Kết quả tạm thời (3/8 đơn vị đã thẩm định)" or final.
pub fn state_line(app: &App, o: &Office) -> String {
    // Counted over every result: once per data generation, not every frame.
    if let Some((g, lang, text)) = &*o.state_text.borrow()
        && *g == o.data_generation
        && *lang == app.lang
    {
        return text.clone();
    }
    let text = app.t.ranking_state(&o.results);
    *o.state_text.borrow_mut() = Some((o.data_generation, app.lang, text.clone()));
    text
}

/// A unit's index, `*` after it while it lacks Office-only (survey) points (tạm tính).
pub fn index_text(r: &UnitResult, app: &App) -> String {
    let n = num(r.index, app.lang);
    if r.provisional { format!("{n}*") } else { n }
}

/// The appraised index, shown once the Office has appraised anything of the unit (`–` before).
pub fn appraised_index(r: &UnitResult, app: &App) -> String {
    if r.appraised > 0 { index_text(r, app) } else { "–".to_owned() }
}

/// A table's title, with the filter and how many units it shows, when one is set.
pub fn filtered_title(app: &App, o: &Office, title: &str) -> String {
    if o.filter.trim().is_empty() {
        return title.to_owned();
    }
    let (shown, all) = o.shown();
    format!("{title} · {}", fill(app.t.filter_title, &[o.filter.trim(), &shown.to_string(), &all.to_string()]))
}

/// The filter being typed, on the header's last line (over what it says there meanwhile).
pub fn filter_field(app: &App, o: &Office, frame: &mut Frame, head: Rect) {
    let Some(input) = &o.filter_input else { return };
    if head.is_empty() {
        return;
    }
    let th = app.theme;
    let y = head.height - 1;
    let row = Rect { y: head.y + y, height: 1, ..head };
    let buf = frame.buffer_mut();
    buf.set_style(row, th.base());
    widget::put_str(buf, row, 0, &" ".repeat(usize::from(row.width)), th.base());
    let label = format!(" / {}: ", app.t.filter_label);
    let lw = (widget::width(&label) as u16).min(row.width);
    widget::put_str(buf, row, 0, &label, th.label());
    let r = Rect { x: row.x + lw, width: row.width - lw, ..row };
    if let Some(p) = input.render(r, buf, th.input()) {
        frame.set_cursor_position(p);
    }
}

/// A table's title, with the legend of `*` (tạm tính) when a row of it shows one: in the
/// frame, where it stays whole on a narrow screen.
pub fn with_legend(title: &str, starred: bool, app: &App) -> String {
    if starred { format!("{title} · * {}", app.t.provisional) } else { title.to_owned() }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(o) = &app.office else { return };
    let t = app.t;
    let th = app.theme;
    let buf = frame.buffer_mut();
    let hh = if area.height >= 8 { 2 } else { 1.min(area.height) };
    let head = Rect { height: hh, ..area };
    buf.set_style(Rect { height: 1, ..head }, th.header());
    widget::put_str(buf, head, 0, &truncate(&format!(" {}", app.ws().title), usize::from(area.width)), th.header());
    if hh == 2 {
        widget::put_str(buf, head, 1, &truncate(&summary_line(app, o, usize::from(area.width)), usize::from(area.width)), th.label());
    }
    filter_field(app, o, frame, head);
    let buf = frame.buffer_mut();
    let rest = Rect { y: area.y + hh, height: area.height - hh, ..area };
    if rest.is_empty() {
        return;
    }
    let n = o.order.len() as u16;
    let (table_r, charts) = if rest.height >= 16 {
        let th_ = (n + 3).min(rest.height * 55 / 100).max(5);
        (Rect { height: th_, ..rest }, Some(Rect { y: rest.y + th_, height: rest.height - th_, ..rest }))
    } else {
        (rest, None)
    };
    let starred = o.any_appraised_provisional;
    let inner = pane(buf, table_r, &with_legend(&filtered_title(app, o, t.units_title), starred, app), true, &th);
    let body_h = usize::from(inner.height.saturating_sub(1));
    let offset = scroll(o.offset.get(), o.sel, body_h, o.order.len());
    o.offset.set(offset);
    app.hits.table.set(Rect { y: inner.y + 1, height: inner.height.saturating_sub(1), ..inner });
    let arrow = |c: SortCol, s: &str| if o.sort == c { format!("{s}{}", if o.desc { "▼" } else { "▲" }) } else { s.to_owned() };
    // What the Office needs of a unit, most first (`keep`: the higher stays the longer on a
    // narrow screen): its name; the index that counts (Thẩm định); how far its
    // self-assessment is (Đã đánh giá) and its own index (Tự đánh giá), the figures the Office
    // works from; its status; its rank, which the row order and the ranking (r) also give; and
    // last its band, which follows from the index and the ranking shows. At 80 columns the
    // headers take their short forms, the names narrow to what is left (at least 24) and only
    // the band goes.
    let cols = [
        Col { title: arrow(SortCol::Rank, t.rank), short: String::new(), width: 0, right: true, keep: 4 },
        Col { title: arrow(SortCol::Name, t.unit), short: String::new(), width: 0, right: false, keep: 10 },
        // As wide as the longest status word, “Đang tự đánh giá” (docs/thuat-ngu.md).
        Col { title: arrow(SortCol::Status, t.status), short: String::new(), width: 16, right: false, keep: 5 },
        Col { title: arrow(SortCol::Progress, t.progress), short: arrow(SortCol::Progress, t.progress_abbr), width: 0, right: true, keep: 7 },
        Col { title: arrow(SortCol::SelfIndex, t.self_short), short: arrow(SortCol::SelfIndex, t.self_abbr), width: 0, right: true, keep: 6 },
        Col { title: arrow(SortCol::Index, t.appraised_short), short: String::new(), width: 0, right: true, keep: 8 },
        Col { title: t.band.to_owned(), short: String::new(), width: 0, right: false, keep: 3 },
    ];
    let widest = widest_cells(&o.table_widths, o.data_generation, cols.len(), || (0..o.results.units.len()).map(|i| unit_cells(app, o, i)));
    let rows: Vec<(Vec<String>, Style)> = o
        .order
        .iter()
        .enumerate()
        .skip(offset)
        .take(body_h)
        .map(|(k, &i)| (unit_cells(app, o, i), if k == o.sel { th.selected() } else { Style::default() }))
        .collect();
    table(buf, inner, &cols, 1, 24, &rows, &widest, &th);
    if let Some(c) = charts {
        charts_pane(app, o, buf, c, &th);
    }
}

/// The cells of a unit's row of the Office's table (`i`: its line of the results).
fn unit_cells(app: &App, o: &Office, i: usize) -> Vec<String> {
    let t = app.t;
    let r = &o.results.units[i];
    let u = &app.ws().units[r.unit];
    if r.is_unreadable() {
        // No rank, no figures: only the mark and the status say why.
        return vec![
            "—".to_owned(),
            // The mark first: a narrow screen cuts the end of a long name.
            format!("{} {}", t.integrity_mark(r.integrity), u.name),
            t.unit_status(r).to_owned(),
            "—".to_owned(),
            "—".to_owned(),
            "—".to_owned(),
            String::new(),
        ];
    }
    vec![
        // A unit with no submission is listed, not ranked (issue 21).
        if o.ranks[i] == crate::core::results::UNRANKED { String::new() } else { o.ranks[i].to_string() },
        t.marked(&u.name, r.integrity),
        t.status(r.status).to_owned(),
        t.counts_short(&crate::core::figures::Counts::of_result(app.sc(), r)),
        // No submission: no figure (issue 21), not a 0,00 beside "Chưa nộp".
        if r.status.is_none() { "–".to_owned() } else { num(r.self_index, app.lang) },
        appraised_index(r, app),
        t.band_shown(r, app.sc()),
    ]
}

/// The Office's summary under the title: ` Văn phòng · Kết quả tạm thời (3/8 đơn vị đã thẩm
/// định) · 2 ý kiến giải trình chưa trả lời · Sắp xếp theo: Hạng ▲ · <the selected unit's
/// parts>`. The objections are counted across the round once results are published (by the
/// worker, [`App::open_objections`]). On a narrow screen the parts go by need: the sort first
/// (the table's titles show it too), then "0 ý kiến…" and the selected unit's parts, then
/// "Văn phòng"; the results' state and objections waiting for an answer stay.
fn summary_line(app: &App, o: &Office, width: usize) -> String {
    let t = app.t;
    let arrow = if o.desc { "▼" } else { "▲" };
    let mut parts: Vec<(u8, String)> = vec![(3, format!(" · {}", t.office_title)), (0, format!(" · {}", state_line(app, o)))];
    match app.open_objections() {
        // Objections waiting are work to do and stay; none waiting is news that can go.
        Ok(Some(n)) => parts.push((if n > 0 { 0 } else { 2 }, format!(" · {}", fill(t.objections_open_n, &[&n.to_string()])))),
        Ok(None) => {}
        // A file that does not load: how many is not known (the unit's screen says why).
        Err(_) => parts.push((0, format!(" · {}", fill(t.objections_open_n, &["?"])))),
    }
    parts.push((1, format!(" · {}: {} {arrow}", t.sorted_by, sort_name(o.sort, app))));
    parts.push((2, parts_line(app, o)));
    let line: String = widget::fit(parts, width + 2, |s| widget::width(s)).concat();
    // The first part shown is not after a " · ".
    match line.strip_prefix(" · ") {
        Some(rest) => format!(" {rest}"),
        None => line,
    }
}

/// With appraisers (issue 21): the selected unit's parts done, " · Thanh tra Sở — Thẩm định:
/// 1/2 phần (tc ✓, tccb 3/12)"; empty otherwise.
fn parts_line(app: &App, o: &Office) -> String {
    use crate::text::msg::Message;
    let ws = app.ws();
    let Some(i) = o.selected_unit().filter(|_| !ws.appraisers.is_empty()) else { return String::new() };
    let p = app.parts_of(i);
    if p.is_empty() {
        return String::new();
    }
    let done = p.iter().filter(|x| x.done).count();
    let each: Vec<String> = p
        .iter()
        .map(|x| {
            let id = &ws.appraisers[x.appraiser].id;
            if x.done { format!("{id} ✓") } else { format!("{id} {}/{}", x.scored, x.leaves) }
        })
        .collect();
    let what = crate::text::msg::council::CouncilWord::PartsOf { done, total: p.len() }.render(app.lang);
    format!(" · {} — {what} ({})", ws.units[i].name, each.join(", "))
}

fn sort_name(c: SortCol, app: &App) -> &'static str {
    let t = app.t;
    match c {
        SortCol::Rank => t.rank,
        SortCol::Name => t.unit,
        SortCol::Status => t.status,
        SortCol::Progress => t.progress,
        SortCol::SelfIndex => t.self_short,
        SortCol::Index => t.appraised_short,
    }
}

/// Bars of the final indexes beside the heat map of the sub-indexes (stacked or only the bars
/// when narrow).
fn charts_pane(app: &App, o: &Office, buf: &mut Buffer, area: Rect, th: &Theme) {
    let t = app.t;
    let sc = app.sc();
    let (bars_r, heat_r) = if area.width >= 70 {
        let lw = area.width / 2;
        (area.intersection(Rect { width: lw, ..area }), Some(Rect { x: area.x + lw, width: area.width - lw, ..area }))
    } else {
        (area, None)
    };
    let inner = pane(buf, bars_r, t.bars_title, false, th);
    let h = usize::from(inner.height);
    let offset = scroll(0, o.sel, h, o.order.len());
    let max = o.max_index;
    let items: Vec<Bar> = o
        .order
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .map(|(k, &i)| {
            let r = &o.results.units[i];
            // Unreadable, or no submission: no figure (issue 21), an empty bar.
            let label = if r.is_unreadable() {
                "—".to_owned()
            } else if r.status.is_none() {
                "–".to_owned()
            } else {
                num(r.index, app.lang)
            };
            Bar { name: &app.ws().units[r.unit].name, value: r.index, label, selected: k == o.sel }
        })
        .collect();
    // The figures' column as wide as the widest index can be (the scale's top), whatever the
    // rows on screen: the bars do not shift as the list scrolls.
    bars::render(inner, buf, &items, max, widget::width(&num(max, app.lang)), th);
    scroll_marks(buf, bars_r, offset, h, o.order.len(), th);
    if let Some(hr) = heat_r {
        let inner = pane(buf, hr, t.heat_title, false, th);
        // The areas by name under the map (as many lines as the pane can spare).
        let legend: Vec<String> = sc.areas.iter().map(|&a| format!("{} {}", sc.nodes[a].id, short_title(&sc.nodes[a].title))).collect();
        let legend = widget::wrap(&legend.join(" · "), usize::from(inner.width));
        // Whole or not at all: a legend cut in the middle names some areas and not others.
        let room = if legend.len() + 4 <= usize::from(inner.height) { legend.len() as u16 } else { 0 };
        let inner = Rect { height: inner.height - room, ..inner };
        for (k, l) in legend.iter().take(usize::from(room)).enumerate() {
            widget::put_str(buf, Rect { y: inner.bottom(), height: room, ..inner }, k as u16, l, th.dim());
        }
        let h = usize::from(inner.height.saturating_sub(1));
        let offset = scroll(0, o.sel, h, o.order.len());
        let cols: Vec<&str> = sc.areas.iter().map(|&a| sc.nodes[a].id.as_str()).collect();
        let rows: Vec<HeatRow> = o
            .order
            .iter()
            .enumerate()
            .skip(offset)
            .take(h)
            .map(|(k, &i)| {
                let r = &o.results.units[i];
                HeatRow {
                    name: &app.ws().units[r.unit].name,
                    short: &app.ws().units[r.unit].id,
                    // No submission: blank cells, not a row of zeros.
                    cells: (0..sc.areas.len()).map(|a| if r.status.is_none() { None } else { r.area_index(sc, a) }).collect(),
                    selected: k == o.sel,
                }
            })
            .collect();
        heatmap::render(inner, buf, &cols, &rows, th);
        scroll_marks(buf, hr, offset, h, o.order.len(), th);
    }
}

/// An area's title cut to its first words: `Công tác chỉ đạo…`.
fn short_title(title: &str) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.len() <= 4 { title.to_owned() } else { format!("{}…", words[..4].join(" ")) }
}

/// `▲ 3` on the top border and `▼ 5` on the bottom one when a list scrolls past the pane.
fn scroll_marks(buf: &mut Buffer, pane: Rect, offset: usize, shown: usize, total: usize, th: &Theme) {
    if pane.width < 12 || pane.height < 3 {
        return;
    }
    let below = total.saturating_sub(offset + shown);
    for (n, y, sign) in [(offset, pane.y, "▲"), (below, pane.bottom() - 1, "▼")] {
        if n > 0 {
            let s = format!(" {sign} {n} ");
            let w = widget::width(&s) as u16;
            buf.set_string(pane.right().saturating_sub(w + 1), y, &s, th.label());
        }
    }
}
