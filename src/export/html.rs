//! HTML: one self-contained page for the portal and for printing: inline CSS, no scripts, no
//! external resources. The header, the ranking table (one per group when by group), a
//! horizontal bar chart as inline SVG (bars in the band's colour), the per-area sub-indexes.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::core::num::fmt_fixed;
use crate::core::results::rank_change;

use super::labels as l;
use super::model::{Report, Row};

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn n(d: Decimal) -> String {
    fmt_fixed(d, 2, ',')
}

/// Colours from the best band to the worst (green to red); units with no band are grey.
const PALETTE: [&str; 5] = ["#1a7f37", "#2f81f7", "#bf8700", "#e16f24", "#cf222e"];
const NO_BAND: &str = "#8c959f";

/// The colour of the band at `pos` (0 = highest) among `count` bands, spread over the palette.
pub fn band_colour(pos: Option<usize>, count: usize) -> &'static str {
    match pos {
        None => NO_BAND,
        Some(_) if count <= 1 => PALETTE[0],
        Some(p) => PALETTE[(p * (PALETTE.len() - 1) / (count - 1)).min(PALETTE.len() - 1)],
    }
}

const CSS: &str = r#"
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: var(--ink); margin: 2rem auto; max-width: 1100px; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
.round { font-size: 1.1rem; margin: 0 0 1rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 1rem; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
.state { display: inline-block; padding: .2rem .6rem; border-radius: .3rem; font-weight: 600; }
.state.final { background: #dafbe1; color: #116329; }
.state.provisional { background: #fff8c5; color: #7d4e00; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--head); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .35em; vertical-align: -.05em; }
figure { margin: 1rem 0; }
figcaption { color: var(--muted); margin-bottom: .25rem; }
svg { width: 100%; height: auto; }
svg text { font-family: inherit; font-size: 12px; fill: var(--ink); }
footer { color: var(--muted); font-size: .85rem; margin-top: 2rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  thead { display: table-header-group; }
  tr, figure { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .state { border: 1px solid currentColor; }
  th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

pub fn render(report: &Report) -> String {
    let h = &report.header;
    let mut s = String::new();
    s.push_str("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(s, "<meta name=\"generator\" content=\"parindex\">");
    let _ = writeln!(s, "<title>{} — {}</title>", l::RANKING_TITLE, esc(&h.round_title));
    let _ = writeln!(s, "<style>{CSS}</style>\n</head>\n<body>\n<header>");
    let _ = writeln!(s, "<h1>{}</h1>", l::RANKING_TITLE);
    let _ = writeln!(s, "<p class=\"round\">{}</p>", esc(&h.round_title));
    s.push_str("<dl class=\"meta\">\n");
    for (label, value) in h.lines() {
        if label == l::ROUND || label == l::RESULT {
            continue;
        }
        let _ = writeln!(s, "<dt>{label}</dt><dd>{}</dd>", esc(&value));
    }
    s.push_str("</dl>\n");
    let _ = writeln!(s, "<p class=\"state {}\">{}</p>\n</header>\n<main>", if h.is_final { "final" } else { "provisional" }, esc(&h.state()));
    for sec in &report.sections {
        s.push_str("<section>\n");
        if h.by_group {
            let _ = writeln!(s, "<h2>{}: {}</h2>", l::GROUP, esc(sec.title()));
        }
        ranking_table(&mut s, report, &sec.rows);
        chart(&mut s, report, &sec.rows);
        s.push_str("</section>\n");
    }
    let unreadable = l::unreadable_notes(report);
    if !unreadable.is_empty() {
        let _ = writeln!(s, "<div class=\"integrity\"><p><strong>{}</strong></p>\n<ul>", l::UNREADABLE_NOTE);
        for line in unreadable {
            let _ = writeln!(s, "<li>{}</li>", esc(&line));
        }
        s.push_str("</ul></div>\n");
    }
    if !report.areas.is_empty() {
        areas_table(&mut s, report);
    }
    if !report.attachments.is_empty() {
        let _ = writeln!(s, "<section class=\"attachments\"><h2>{}</h2>\n<ul>", l::ATTACHMENTS);
        for u in &report.attachments {
            let _ = writeln!(s, "<li>{}<ul>", esc(&u.name));
            for f in &u.files {
                let _ = writeln!(s, "<li>{}</li>", esc(&f.line()));
            }
            s.push_str("</ul></li>\n");
        }
        s.push_str("</ul></section>\n");
    }
    let _ = writeln!(s, "</main>\n<footer>{}: {}</footer>\n</body>\n</html>", l::EXPORT_DATE, h.date);
    s
}

fn ranking_table(s: &mut String, report: &Report, rows: &[Row]) {
    let h = &report.header;
    let _ = writeln!(
        s,
        "<table class=\"ranking\">\n<thead><tr><th class=\"num\">{}</th><th>{}</th><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th>{}</tr></thead>\n<tbody>",
        h.rank_label(),
        l::UNIT,
        l::GROUP,
        l::STATUS,
        l::SELF_INDEX,
        l::INDEX,
        l::BAND,
        if report.compared {
            format!(
                "<th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>",
                l::PREVIOUS_INDEX,
                l::PREVIOUS_RANK,
                l::RANK_CHANGE
            )
        } else {
            String::new()
        }
    );
    for r in rows {
        let band = match &r.band {
            Some(_) => {
                format!("<span class=\"swatch\" style=\"background:{}\"></span>{}", band_colour(r.band_pos, report.bands.len()), esc(&r.band_shown()))
            }
            None => String::new(),
        };
        let _ = writeln!(
            s,
            "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td>{}</tr>",
            r.rank_shown(),
            esc(&r.marked_name()),
            esc(r.group.as_deref().unwrap_or("")),
            r.status_label(),
            n(r.self_index),
            n(r.index),
            band,
            compared_cells(report, r)
        );
    }
    s.push_str("</tbody>\n</table>\n");
    let notes = l::integrity_notes(rows);
    if !notes.is_empty() {
        let _ = writeln!(s, "<div class=\"integrity\"><p><strong>{}</strong></p>\n<ul>", l::INTEGRITY_NOTE);
        for line in notes {
            let _ = writeln!(s, "<li>{}</li>", esc(&line));
        }
        s.push_str("</ul></div>\n");
    }
}

/// Last year's index, rank and the change, when the report is compared (`--compare`).
fn compared_cells(report: &Report, r: &Row) -> String {
    if !report.compared {
        return String::new();
    }
    let (pi, pr) = r.previous.map_or((String::new(), String::new()), |p| (n(p.index), p.rank.to_string()));
    // Ranks inside a group do not compare with last year's overall rank.
    let change = if report.header.by_group { String::new() } else { rank_change(r.rank, r.previous) };
    format!("<td class=\"num\">{pi}</td><td class=\"num\">{pr}</td><td class=\"num\">{change}</td>")
}

/// Shortens a label for the chart (the full name is in the bar's tooltip and the table).
fn short(name: &str, max: usize) -> String {
    if name.chars().count() <= max { name.to_owned() } else { name.chars().take(max - 1).collect::<String>() + "…" }
}

/// A horizontal bar per unit: name, bar (length ∝ final index, colour of its band), value.
fn chart(s: &mut String, report: &Report, rows: &[Row]) {
    if rows.is_empty() {
        return;
    }
    const W: f64 = 1000.0;
    const LABEL_W: f64 = 400.0;
    const BAR_W: f64 = 520.0;
    const ROW_H: f64 = 24.0;
    const TOP: f64 = 8.0;
    let scale_max = rows.iter().map(|r| r.index).max().unwrap_or_default().max(Decimal::ONE_HUNDRED).to_f64().unwrap_or(100.0);
    let height = TOP * 2.0 + ROW_H * rows.len() as f64 + 16.0;
    let _ = writeln!(s, "<figure>\n<figcaption>{} (%)</figcaption>", l::CHART);
    let _ = writeln!(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {height}\" role=\"img\" aria-label=\"{} (%)\">", l::CHART);
    // Gridlines at 0, 50, 100 (%).
    for g in [0.0, 50.0, 100.0] {
        let x = LABEL_W + BAR_W * g / scale_max;
        let y2 = height - 16.0;
        let _ = writeln!(s, "<line x1=\"{x:.1}\" y1=\"{TOP}\" x2=\"{x:.1}\" y2=\"{y2:.1}\" stroke=\"#d1d9e0\" stroke-width=\"1\"/>");
        let _ = writeln!(s, "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#59636e\">{g:.0}</text>", height - 3.0);
    }
    for (i, r) in rows.iter().enumerate() {
        let y = TOP + ROW_H * i as f64;
        let v = r.index.to_f64().unwrap_or(0.0).max(0.0);
        let w = BAR_W * v / scale_max;
        let colour = band_colour(r.band_pos, report.bands.len());
        let _ = writeln!(
            s,
            "<g><title>{} — {}%{}</title><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><rect x=\"{LABEL_W}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"16\" fill=\"{colour}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            esc(&r.name),
            n(r.index),
            r.band.as_ref().map(|_| format!(", {}", esc(&r.band_shown()))).unwrap_or_default(),
            LABEL_W - 8.0,
            y + 16.0,
            esc(&short(&r.name, 55)),
            y + 4.0,
            LABEL_W + w + 6.0,
            y + 16.0,
            n(r.index)
        );
    }
    s.push_str("</svg>\n</figure>\n");
}

fn areas_table(s: &mut String, report: &Report) {
    let h = &report.header;
    let _ = writeln!(
        s,
        "<section>\n<h2>{}</h2>\n<table class=\"areas\">\n<thead><tr><th class=\"num\">{}</th><th>{}</th>",
        l::AREA_INDEXES,
        h.rank_label(),
        l::UNIT
    );
    for a in &report.areas {
        let _ = write!(s, "<th class=\"num\" title=\"{}\">{} {}</th>", esc(&a.title), l::AREA, esc(&a.id));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for r in report.rows() {
        let _ = write!(s, "<tr><td class=\"num\">{}</td><td>{}</td>", r.rank_shown(), esc(&r.name));
        for a in &r.areas {
            let _ = write!(s, "<td class=\"num\">{}</td>", a.shown(n));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n<table class=\"legend\">\n<thead><tr>");
    let _ = write!(s, "<th>{}</th><th>{}</th><th class=\"num\">{}</th></tr></thead>\n<tbody>\n", l::AREA, l::AREA_NAME, l::COL_MAX);
    for a in &report.areas {
        let _ = writeln!(s, "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>", esc(&a.id), esc(&a.title), n(a.max));
    }
    s.push_str("</tbody>\n</table>\n");
    if report.has_excluded_area() {
        let _ = writeln!(s, "<p class=\"legend\">{}</p>", l::NA_LEGEND);
    }
    s.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(esc("<b>Sở KH&CN</b> \"x\" 'y'"), "&lt;b&gt;Sở KH&amp;CN&lt;/b&gt; &quot;x&quot; &#39;y&#39;");
    }

    #[test]
    fn band_colours_spread_best_to_worst() {
        assert_eq!(band_colour(Some(0), 5), PALETTE[0]);
        assert_eq!(band_colour(Some(4), 5), PALETTE[4]);
        assert_eq!(band_colour(Some(1), 2), PALETTE[4]);
        assert_eq!(band_colour(Some(0), 1), PALETTE[0]);
        assert_eq!(band_colour(Some(9), 12), PALETTE[3]);
        assert_eq!(band_colour(None, 5), NO_BAND);
    }
}
