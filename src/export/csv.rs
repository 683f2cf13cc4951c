//! CSV: the one CSV writer of the program. Two flavours share it:
//!
//! - [`rank`]: `parindex rank --format csv`, for scripts: no BOM, the spec's English column
//!   names, no preamble; `;` and a decimal comma in Vietnamese, `,` and a point in English;
//! - [`export`]: `parindex export --format csv`, for Excel: UTF-8 with a byte-order mark (or
//!   Excel garbles Vietnamese), `,` or `;`, decimal point or comma, a preamble with the header,
//!   Vietnamese column names, per-area sub-indexes.

use rust_decimal::Decimal;

use crate::core::num::fmt_fixed;
use crate::core::results::rank_change;

use super::ExportOptions;
use super::labels as l;
use super::model::Report;

/// The UTF-8 byte-order mark.
pub const BOM: char = '\u{feff}';

/// Builds CSV text row by row with RFC 4180 quoting.
pub struct CsvWriter {
    out: String,
    sep: char,
    decimal: char,
    /// Excel flavour: a text field that Excel would read as a formula (`=`, `+`, `-`, `@`
    /// first) gets a leading `'`.
    guard_formulas: bool,
    at_row_start: bool,
}

impl CsvWriter {
    pub fn new(sep: char, decimal_comma: bool, bom: bool, guard_formulas: bool) -> CsvWriter {
        let mut out = String::new();
        if bom {
            out.push(BOM);
        }
        CsvWriter { out, sep, decimal: if decimal_comma { ',' } else { '.' }, guard_formulas, at_row_start: true }
    }

    fn raw(&mut self, s: &str) {
        if !self.at_row_start {
            self.out.push(self.sep);
        }
        self.at_row_start = false;
        self.out.push_str(s);
    }

    /// A text field, quoted when it holds a separator (either one), a quote or a line break.
    pub fn text(&mut self, s: &str) -> &mut Self {
        let guarded;
        let s = if self.guard_formulas && s.starts_with(['=', '+', '-', '@']) {
            guarded = format!("'{s}");
            guarded.as_str()
        } else {
            s
        };
        if s.contains([',', ';', '"', '\n', '\r']) || s.contains(self.sep) {
            let q = format!("\"{}\"", s.replace('"', "\"\""));
            self.raw(&q);
        } else {
            self.raw(s);
        }
        self
    }

    /// A number with 2 decimals and the writer's decimal separator (quoted when that is the
    /// field separator, which [`ExportOptions::csv`] prevents).
    pub fn num(&mut self, d: Decimal) -> &mut Self {
        let s = fmt_fixed(d, 2, self.decimal);
        if s.contains(self.sep) {
            let q = format!("\"{s}\"");
            self.raw(&q);
        } else {
            self.raw(&s);
        }
        self
    }

    pub fn opt_num(&mut self, d: Option<Decimal>) -> &mut Self {
        match d {
            Some(d) => self.num(d),
            None => self.empty(),
        }
    }

    pub fn int(&mut self, n: u32) -> &mut Self {
        self.raw(&n.to_string());
        self
    }

    pub fn empty(&mut self) -> &mut Self {
        self.raw("");
        self
    }

    pub fn end_row(&mut self) {
        self.out.push('\n');
        self.at_row_start = true;
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// `rank --format csv`: the machine-friendly ranking (the columns unchanged since the first
/// release; the separator and decimal mark as asked).
pub fn rank(report: &Report, sep: char, decimal_comma: bool, lang: crate::text::Lang) -> String {
    // For people (Vietnamese, the default): the exports' Vietnamese headers and status words.
    // In English (`--lang en`) the machine form: stable keys, statuses as in the files.
    let people = lang == crate::text::Lang::Vi;
    let mut w = CsvWriter::new(sep, decimal_comma, false, false);
    let heads = if people {
        [l::RANK, l::UNIT_ID, l::UNIT, l::GROUP, l::STATUS, l::TOTAL, l::INDEX, l::SELF_INDEX, l::BAND]
    } else {
        ["rank", "unit", "name", "group", "status", "total", "index", "self_index", "band"]
    };
    for h in heads {
        w.text(h);
    }
    w.end_row();
    for r in report.rows() {
        w.text(&r.rank_shown())
            .text(&r.unit_id)
            .text(&r.name)
            .text(r.group.as_deref().unwrap_or(""))
            .text(if people { r.status_label() } else { r.status_str() })
            .num(r.total)
            .num(r.index)
            .num(r.self_index)
            .text(r.band.as_deref().unwrap_or(""));
        w.end_row();
    }
    // Units that could not be read: no rank, no figures.
    for u in &report.unreadable {
        w.text("").text(&u.unit_id).text(&u.name).text(u.group.as_deref().unwrap_or("")).text(if people {
            l::status_unreadable()
        } else {
            "unreadable"
        });
        for _ in 0..4 {
            w.text("");
        }
        w.end_row();
    }
    w.finish()
}

/// `export --format csv`: the Excel-friendly ranking with a preamble.
pub fn export(report: &Report, opts: &ExportOptions) -> String {
    let mut w = CsvWriter::new(opts.csv_sep, opts.decimal_comma, true, true);
    let h = &report.header;
    w.text(l::RANKING_TITLE);
    w.end_row();
    for (label, value) in h.lines() {
        w.text(label).text(&value);
        w.end_row();
    }
    w.end_row();
    for col in [h.rank_label(), l::UNIT_ID, l::UNIT, l::GROUP, l::STATUS, l::SELF_TOTAL, l::SELF_INDEX, l::TOTAL, l::INDEX, l::BAND, l::INTEGRITY] {
        w.text(col);
    }
    for a in &report.areas {
        w.text(&format!("{}. {} (%)", a.id, a.title));
    }
    if report.compared {
        w.text(l::PREVIOUS_INDEX).text(l::PREVIOUS_RANK).text(l::RANK_CHANGE);
    }
    w.end_row();
    for r in report.rows() {
        w.text(&r.rank_shown())
            .text(&r.unit_id)
            .text(&r.name)
            .text(r.group.as_deref().unwrap_or(""))
            .text(r.status_label())
            .num(r.self_total)
            .num(r.self_index)
            .num(r.total)
            .num(r.index)
            .text(&r.band_shown())
            .text(&l::integrity(r.integrity));
        for a in &r.areas {
            if a.excluded {
                w.text(l::NA_SHORT);
            } else {
                w.opt_num(a.index);
            }
        }
        if report.compared {
            w.opt_num(r.previous.map(|p| p.index));
            match r.previous {
                Some(p) => w.int(p.rank),
                None => w.text(""),
            };
            // Ranks inside a group do not compare with last year's overall rank.
            w.text(&if report.header.by_group { String::new() } else { rank_change(r.rank, r.previous) });
        }
        w.end_row();
    }
    // Units that could not be read: listed, no rank and no figures, why in the integrity column.
    for u in &report.unreadable {
        w.text("").text(&u.unit_id).text(&u.name).text(u.group.as_deref().unwrap_or("")).text(l::status_unreadable());
        for _ in 0..5 {
            w.text("");
        }
        w.text(&u.reason());
        for _ in &report.areas {
            w.text("");
        }
        if report.compared {
            w.text("").text("").text("");
        }
        w.end_row();
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn quoting_follows_rfc4180() {
        let mut w = CsvWriter::new(',', false, false, false);
        w.text("a").text("b,c").text("say \"hi\"").text("x;y").text("two\nlines");
        w.end_row();
        assert_eq!(w.finish(), "a,\"b,c\",\"say \"\"hi\"\"\",\"x;y\",\"two\nlines\"\n");
    }

    #[test]
    fn decimal_comma_with_semicolons_and_a_bom() {
        let mut w = CsvWriter::new(';', true, true, true);
        w.num(Decimal::from_str("87.255").unwrap()).num(Decimal::from(100)).text("=SUM(A1)").text("Sở KH&CN");
        w.end_row();
        assert_eq!(w.finish(), "\u{feff}87,26;100,00;'=SUM(A1);Sở KH&CN\n");
    }

    #[test]
    fn a_number_holding_the_separator_is_quoted() {
        // Not reachable through ExportOptions, but never broken CSV.
        let mut w = CsvWriter::new(',', true, false, false);
        w.num(Decimal::from_str("1.5").unwrap());
        w.end_row();
        assert_eq!(w.finish(), "\"1,50\"\n");
    }
}
