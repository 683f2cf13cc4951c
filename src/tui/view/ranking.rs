//! The ranking, overall or inside each group; `e` exports it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::office::{Col, state_line, table};
use super::pane;
use crate::tui::fmt::num;
use crate::tui::state::{App, RankLine};
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
    let starred = o.results.units.iter().any(|r| r.provisional);
    let title = super::office::filtered_title(app, o, kind);
    let inner = pane(buf, rest, &super::office::with_legend(&title, starred, app), true, &th);
    let body_h = usize::from(inner.height.saturating_sub(1));
    let offset = scroll(o.rank_offset.get(), o.rank_sel, body_h, o.lines.len());
    o.rank_offset.set(offset);
    app.hits.table.set(Rect { y: inner.y + 1, height: inner.height.saturating_sub(1), ..inner });
    let mut cols = vec![
        Col { title: t.rank.to_owned(), width: 5, right: true, keep: 9 },
        Col { title: t.unit.to_owned(), width: 0, right: false, keep: 10 },
        Col { title: t.group.to_owned(), width: 18, right: false, keep: 3 },
        // As wide as the longest status word, “Đang tự đánh giá” (docs/thuat-ngu.md).
        Col { title: t.status.to_owned(), width: 16, right: false, keep: 5 },
        Col { title: t.self_short.to_owned(), width: 8, right: true, keep: 6 },
        Col { title: t.final_index.to_owned(), width: 10, right: true, keep: 8 },
        Col { title: t.band.to_owned(), width: 10, right: false, keep: 7 },
    ];
    // Last year's index and the change of the overall rank (`tui --compare DIR`).
    if o.previous.is_some() {
        cols.push(Col { title: t.previous_index.to_owned(), width: 14, right: true, keep: 4 });
        cols.push(Col { title: t.rank_change.to_owned(), width: 7, right: true, keep: 6 });
    }
    let rows: Vec<(Vec<String>, Style)> = o
        .lines
        .iter()
        .enumerate()
        .skip(offset)
        .take(body_h)
        .map(|(k, line)| match line {
            RankLine::Group(g) => (vec![String::new(), format!("▸ {}: {}", t.group, g.as_deref().unwrap_or(t.no_group))], th.title()),
            RankLine::Unreadable(i) => {
                let r = &o.results.units[*i];
                let u = &app.ws().units[r.unit];
                let style = if k == o.rank_sel { th.selected() } else { Style::default() };
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
                (cells, style)
            }
            RankLine::Row(row) => {
                let r = &o.results.units[row.unit];
                let u = &app.ws().units[r.unit];
                let style = if k == o.rank_sel { th.selected() } else { Style::default() };
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
                (cells, style)
            }
        })
        .collect();
    // A ranking is read by its names: they keep 24 columns before the other columns.
    table(buf, inner, &cols, 1, 24, &rows, &th);
}
