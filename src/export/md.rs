//! Markdown: the header as a list, the ranking as a table (one per group when by group), then
//! the per-area sub-indexes. Numbers with a decimal comma, as Vietnamese readers expect.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::core::num::fmt_fixed;
use crate::core::results::rank_change;

use super::labels as l;
use super::model::Report;

fn n(d: Decimal) -> String {
    fmt_fixed(d, 2, ',')
}

/// Escapes text for a Markdown table cell: Markdown punctuation and HTML-significant characters
/// are backslash-escaped, line breaks become spaces.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // `&` only matters where it would start an entity (`&amp;`, `&#38;`).
            '&' if looks_like_entity(&chars[i + 1..]) => out.push_str("\\&"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn looks_like_entity(rest: &[char]) -> bool {
    let name: Vec<&char> = rest.iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '#').collect();
    !name.is_empty() && rest.get(name.len()) == Some(&';')
}

pub fn render(report: &Report) -> String {
    let h = &report.header;
    let mut s = format!("# {}\n\n", l::RANKING_TITLE);
    for (label, value) in h.lines() {
        let _ = writeln!(s, "- **{label}:** {}", esc(&value));
    }
    for sec in &report.sections {
        s.push('\n');
        if h.by_group {
            let _ = writeln!(s, "## {}: {}\n", l::GROUP, esc(sec.title()));
        }
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            h.rank_label(),
            l::UNIT_ID,
            l::UNIT,
            l::GROUP,
            l::STATUS,
            l::SELF_INDEX,
            l::INDEX,
            l::BAND
        );
        let cmp = report.compared;
        if cmp {
            // The header row just written gets the comparison's columns.
            s.truncate(s.trim_end_matches('\n').len());
            let _ = writeln!(s, " {} | {} | {} |", l::PREVIOUS_INDEX, l::PREVIOUS_RANK, l::RANK_CHANGE);
        }
        s.push_str("| ---: | --- | --- | --- | --- | ---: | ---: | --- |");
        s.push_str(if cmp { " ---: | ---: | ---: |\n" } else { "\n" });
        for r in &sec.rows {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                r.rank_shown(),
                esc(&r.unit_id),
                esc(&r.marked_name()),
                esc(r.group.as_deref().unwrap_or("")),
                r.status_label(),
                n(r.self_index),
                n(r.index),
                esc(&r.band_shown())
            );
            if cmp {
                s.truncate(s.trim_end_matches('\n').len());
                let (pi, pr) = r.previous.map_or((String::new(), String::new()), |p| (n(p.index), p.rank.to_string()));
                let _ = writeln!(s, " {pi} | {pr} | {} |", if report.header.by_group { String::new() } else { rank_change(r.rank, r.previous) });
            }
        }
    }
    for (title, notes) in [(l::INTEGRITY_NOTE, l::integrity_notes(report.rows())), (l::UNREADABLE_NOTE, l::unreadable_notes(report))] {
        if !notes.is_empty() {
            let _ = writeln!(s, "\n**{title}**\n");
            for line in notes {
                let _ = writeln!(s, "- {}", esc(&line));
            }
        }
    }
    if !report.areas.is_empty() {
        let _ = writeln!(s, "\n## {}\n", l::AREA_INDEXES);
        let _ = writeln!(s, "| {} | {} | {} |", l::AREA, l::AREA_NAME, l::COL_MAX);
        s.push_str("| --- | --- | ---: |\n");
        for a in &report.areas {
            let _ = writeln!(s, "| {} | {} | {} |", esc(&a.id), esc(&a.title), n(a.max));
        }
        s.push('\n');
        let _ = write!(s, "| {} | {} |", h.rank_label(), l::UNIT);
        for a in &report.areas {
            let _ = write!(s, " {} {} |", l::AREA, esc(&a.id));
        }
        s.push_str("\n| ---: | --- |");
        for _ in &report.areas {
            s.push_str(" ---: |");
        }
        s.push('\n');
        for r in report.rows() {
            let _ = write!(s, "| {} | {} |", r.rank_shown(), esc(&r.name));
            for a in &r.areas {
                let _ = write!(s, " {} |", a.shown(n));
            }
            s.push('\n');
        }
        if report.has_excluded_area() {
            let _ = writeln!(s, "\n{}", l::NA_LEGEND);
        }
    }
    if !report.attachments.is_empty() {
        let _ = writeln!(s, "\n## {}\n", l::ATTACHMENTS);
        for u in &report.attachments {
            let _ = writeln!(s, "- **{}**", esc(&u.name));
            for f in &u.files {
                let _ = writeln!(s, "  - {}", esc(&f.line()));
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_table_breakers_and_html() {
        assert_eq!(esc("A | B"), "A \\| B");
        assert_eq!(esc("<b>x</b>"), "\\<b\\>x\\</b\\>");
        assert_eq!(esc("Sở KH&CN"), "Sở KH&CN");
        assert_eq!(esc("a &amp; b"), "a \\&amp; b");
        assert_eq!(esc("two\nlines"), "two lines");
        assert_eq!(esc("*_`"), "\\*\\_\\`");
    }
}
