//! `parindex rank -w DIR`: the ranking, overall or by group, as a table, JSON or CSV.

use std::path::Path;

use super::table::{Align, Table};
use super::{CmdResult, RankFormat, emit};
use crate::core::num::fmt_fixed;
use std::collections::HashMap;

use crate::core::results::{Previous, RankRow, RoundResults, previous_round, rank_change};
use crate::core::workspace::Workspace;
use crate::export::ExportOptions;
use crate::export::model::Report;
use crate::text::Lang;

/// The CSV flags of `rank` (`--sep`, `--decimal-comma`, `--decimal-point`).
#[derive(Default)]
pub struct CsvFlags {
    pub sep: Option<char>,
    pub decimal_comma: Option<bool>,
}

pub fn run(dir: &Path, by_group: bool, format: RankFormat, output: Option<&Path>, csv: CsvFlags, compare: Option<&Path>, lang: Lang) -> CmdResult {
    if format != RankFormat::Csv && (csv.sep.is_some() || csv.decimal_comma.is_some()) {
        return Err(super::Failure::Usage(crate::text::msg::Message::render(&crate::text::msg::cli::CliMsg::CsvOnly, lang)));
    }
    let (sep, decimal_comma) =
        ExportOptions::csv_for(lang, csv.sep, csv.decimal_comma).map_err(|r| super::Failure::Usage(crate::text::msg::cli::csv_refusal(r, lang)))?;
    let ws = Workspace::load(dir)?;
    let results = RoundResults::from_disk(&ws)?;
    // Every unit's figures: the Office's, or anyone's once all are appraised (issue 18).
    super::privacy::require_ranking(&ws, &crate::core::roles::Identity::current(&ws), &results, lang)?;
    let previous = compare.map(previous_round).transpose()?;
    let text = match format {
        RankFormat::Json => {
            serde_json::to_string_pretty(&crate::export::json::ranking(&ws, &results, by_group, previous.as_ref())).expect("JSON values serialize")
                + "\n"
        }
        RankFormat::Csv => {
            let opts = ExportOptions { by_group, ..ExportOptions::default() };
            crate::export::csv::rank(&Report::build(&ws, &results, &opts), sep, decimal_comma, lang)
        }
        RankFormat::Table => table(&ws, &results, by_group, previous.as_ref(), lang),
    };
    emit(output, &text)?;
    unreadable_fails(&ws, &results, format == RankFormat::Table && output.is_none(), lang)
}

/// After the full table: a unit whose sheet failed to load fails the command (exit 1), and
/// standard error says so: how many units, and, unless the table on standard output already
/// gave them, each one's diagnostics.
pub fn unreadable_fails(ws: &Workspace, results: &RoundResults, shown: bool, lang: Lang) -> super::CmdResult {
    if !results.any_unreadable() {
        return Ok(());
    }
    let text = if shown {
        let count = results.unreadable_units().count();
        format!("{}\n", lang.text().unreadable_count.replacen("{}", &count.to_string(), 1))
    } else {
        unreadable_text(ws, results, lang)
    };
    eprint!("{}", crate::core::clean::text(&text));
    Err(super::Failure::CheckFailed)
}

/// The lines naming each unreadable unit and why (`file:line:col: message`).
fn unreadable_text(ws: &Workspace, results: &RoundResults, lang: Lang) -> String {
    lang.text().unreadable_lines(results.unreadable_units().map(|(r, e)| (ws.units[r.unit].name.as_str(), e)))
}

/// The ranking as a readable table: Vietnamese labels, decimal comma, aligned columns.
pub fn table(ws: &Workspace, results: &RoundResults, by_group: bool, previous: Option<&HashMap<String, Previous>>, lang: Lang) -> String {
    let t = lang.text();
    let state = t.ranking_state(results);
    let mut out = format!("{}\n{} — {}\n", ws.title, t.ranking_title, state);
    let overall = results.ranking(ws);
    let sections: Vec<(Option<String>, Vec<RankRow>)> = if by_group { results.ranking_by_group(ws) } else { vec![(None, results.ranking(ws))] };
    for (group, rows) in sections {
        if by_group {
            out.push_str(&format!("\n{}: {}\n", t.group, group.as_deref().unwrap_or(t.no_group)));
        } else {
            out.push('\n');
        }
        let mut cols = vec![
            (t.rank, Align::Right),
            (t.unit, Align::Left),
            (t.group, Align::Left),
            (t.status, Align::Left),
            (t.self_index, Align::Right),
            (t.final_index, Align::Right),
            (t.band, Align::Left),
        ];
        if previous.is_some() {
            cols.extend([(t.previous_index, Align::Right), (t.rank_change, Align::Right)]);
        }
        let mut tab = Table::new(&cols);
        let sep = lang.decimal_sep();
        for r in rows {
            let res = &results.units[r.unit];
            let u = &ws.units[res.unit];
            let mut row = vec![
                if r.rank == crate::core::results::UNRANKED { String::new() } else { r.rank.to_string() },
                t.marked(&u.name, res.integrity),
                u.group.clone().unwrap_or_default(),
                t.status(res.status).to_owned(),
                // No submission: no figures (issue 21), not 0,00 beside "Chưa nộp".
                if res.status.is_none() { "–".to_owned() } else { fmt_fixed(res.self_index, 2, sep) },
                if res.status.is_none() { "–".to_owned() } else { fmt_fixed(res.index, 2, sep) },
                t.band_shown(res, &ws.scorecard),
            ];
            if let Some(prev) = previous {
                // Ranks compared overall, whatever the table's grouping.
                let before = prev.get(&u.id).copied();
                let now = if by_group { overall.iter().find(|x| x.unit == r.unit).map_or(r.rank, |x| x.rank) } else { r.rank };
                row.push(before.map_or("—".to_owned(), |p| fmt_fixed(p.index, 2, sep)));
                row.push(rank_change(now, before));
            }
            tab.push(row);
        }
        // Units that could not be read: listed, marked, no rank and no figures.
        for res in results.unreadable_units().map(|(r, _)| r) {
            let u = &ws.units[res.unit];
            if by_group && u.group != group {
                continue;
            }
            let mut row = vec![
                "—".to_owned(),
                t.marked(&u.name, res.integrity),
                u.group.clone().unwrap_or_default(),
                t.unit_status(res).to_owned(),
                "—".to_owned(),
                "—".to_owned(),
                String::new(),
            ];
            if let Some(prev) = previous {
                row.push(prev.get(&u.id).map_or("—".to_owned(), |p| fmt_fixed(p.index, 2, sep)));
                row.push("—".to_owned());
            }
            tab.push(row);
        }
        out.push_str(&tab.render());
    }
    out.push_str(&integrity_lines(ws, results, lang));
    out
}

/// The lines under a table: each unit whose submission does not hold, and why, then each unit
/// that could not be read with its `file:line:col` diagnostic; preceded by a blank line; empty
/// when every unit is ok.
pub fn integrity_lines(ws: &Workspace, results: &RoundResults, lang: Lang) -> String {
    let mut lines = lang.text().integrity_lines(results.not_ok().map(|r| (ws.units[r.unit].name.as_str(), r.integrity)));
    lines.push_str(&unreadable_text(ws, results, lang));
    if lines.is_empty() { lines } else { format!("\n{lines}") }
}
