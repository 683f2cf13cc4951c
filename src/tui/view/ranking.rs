//! The ranking, overall or inside each group; `e` exports it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::office::{Col, state_line, table, widest_cells};
use super::pane;
use crate::tui::fmt::num;
use crate::tui::state::{App, Office, RankLine};
use crate::tui::widget::tree::scroll;
use crate::tui::widget::{self, truncate};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(o) = &app.office else { return };
    let t = app.t;
    let th = app.theme;
    let buf = frame.buffer_mut();
    let hh = if area.height >= 8 { 2 } else { 1.min(area.height) };
    let head = Rect { height: hh, ..area };
    buf.set_style(Rect { height: 1, ..head }, th.header());
    let kind = if o.by_group { t.by_group_title } else { t.overall_title };
    widget::put_str(buf, head, 0, &truncate(&format!(" {} · {kind}", t.ranking_title), usize::from(area.width)), th.header());
    if hh == 2 {
        widget::put_str(buf, head, 1, &truncate(&format!(" {} · {}", app.ws().title, state_line(app, o)), usize::from(area.width)), th.label());
    }
    super::office::filter_field(app, o, frame, head);
    let buf = frame.buffer_mut();
    let rest = Rect { y: area.y + hh, height: area.height - hh, ..area };
    let starred = o.any_provisional;
    let title = super::office::filtered_title(app, o, kind);
    let inner = pane(buf, rest, &super::office::with_legend(&title, starred, app), true, &th);
    let body_h = usize::from(inner.height.saturating_sub(1));
    let offset = scroll(o.rank_offset.get(), o.rank_sel, body_h, o.lines.len());
    o.rank_offset.set(offset);
    app.hits.table.set(Rect { y: inner.y + 1, height: inner.height.saturating_sub(1), ..inner });
    let col = |title: &str, width: u16, right: bool, keep: u8| Col { title: title.to_owned(), short: String::new(), width, right, keep };
    let mut cols = vec![
        col(t.rank, 5, true, 9),
        col(t.unit, 0, false, 10),
        col(t.group, 18, false, 3),
        // As wide as the longest status word, “Đang tự đánh giá” (docs/thuat-ngu.md).
        col(t.status, 16, false, 5),
        Col { short: t.self_abbr.to_owned(), ..col(t.self_short, 6, true, 6) },
        col(t.final_index, 10, true, 8),
        col(t.band, 10, false, 7),
    ];
    // Last year's index and the change of the overall rank (`tui --compare DIR`).
    if o.previous.is_some() {
        cols.push(col(t.previous_index, 14, true, 4));
        cols.push(col(t.rank_change, 7, true, 6));
    }
    let widest = widest_cells(&o.rank_widths, o.generation, cols.len(), || o.lines.iter().map(|l| line_cells(app, o, l)));
    let rows: Vec<(Vec<String>, Style)> = o
        .lines
        .iter()
        .enumerate()
        .skip(offset)
        .take(body_h)
        .map(|(k, line)| {
            let style = match line {
                RankLine::Group(_) => th.title(),
                _ if k == o.rank_sel => th.selected(),
                _ => Style::default(),
            };
            (line_cells(app, o, line), style)
        })
        .collect();
    // A ranking is read by its names: they keep 24 columns before the other columns.
    table(buf, inner, &cols, 1, 24, &rows, &widest, &th);
}

/// The cells of a line of the ranking.
fn line_cells(app: &App, o: &Office, line: &RankLine) -> Vec<String> {
    let t = app.t;
    match line {
        RankLine::Group(g) => vec![String::new(), format!("▸ {}: {}", t.group, g.as_deref().unwrap_or(t.no_group))],
        RankLine::Unreadable(i) => {
            let r = &o.results.units[*i];
            let u = &app.ws().units[r.unit];
            let mut cells = vec![
                "—".to_owned(),
                // The mark first: a narrow screen cuts the end of a long name.
                format!("{} {}", t.integrity_mark(r.integrity), u.name),
                u.group.clone().unwrap_or_default(),
                t.unit_status(r).to_owned(),
                "—".to_owned(),
                "—".to_owned(),
                String::new(),
            ];
            if let Some(prev) = &o.previous {
                cells.push(prev.get(&u.id).map_or("—".to_owned(), |p| num(p.index, app.lang)));
                cells.push("—".to_owned());
            }
            cells
        }
        RankLine::Row(row) => {
            let r = &o.results.units[row.unit];
            let u = &app.ws().units[r.unit];
            let mut cells = vec![
                if row.rank == crate::core::results::UNRANKED { String::new() } else { row.rank.to_string() },
                u.name.clone(),
                u.group.clone().unwrap_or_default(),
                t.status(r.status).to_owned(),
                if r.status.is_none() { "–".to_owned() } else { num(r.self_index, app.lang) },
                if r.status.is_none() { "–".to_owned() } else { super::office::index_text(r, app) },
                t.band_shown(r, app.sc()),
            ];
            if let Some(prev) = &o.previous {
                // Ranks compared overall, whatever the view's grouping.
                let before = prev.get(&u.id).copied();
                cells.push(before.map_or("—".to_owned(), |p| num(p.index, app.lang)));
                cells.push(crate::core::results::rank_change(o.ranks[row.unit], before));
            }
            cells
        }
    }
}
