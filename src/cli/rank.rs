//! `parindex rank -w DIR`: the ranking, overall or by group, as a table, JSON or CSV.

use std::path::Path;

use super::table::{Align, Table};
use super::{CmdResult, RankFormat, emit};
use crate::core::num::fmt_fixed;
use crate::core::results::{RankRow, RoundResults};
use crate::core::workspace::Workspace;
use crate::text::Lang;

pub fn run(dir: &Path, by_group: bool, format: RankFormat, output: Option<&Path>, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let results = RoundResults::from_disk(&ws)?;
    let text = match format {
        RankFormat::Json => serde_json::to_string_pretty(&crate::export::json::ranking(&ws, &results, by_group)).expect("JSON values serialize") + "\n",
        RankFormat::Csv => csv(&ws, &results, by_group),
        RankFormat::Table => table(&ws, &results, by_group, lang),
    };
    emit(output, &text)
}

/// The ranking as a readable table: Vietnamese labels, decimal comma, aligned columns.
pub fn table(ws: &Workspace, results: &RoundResults, by_group: bool, lang: Lang) -> String {
    let t = lang.text();
    let appraised = results.units.iter().filter(|u| matches!(u.status, Some(crate::core::answers::Status::Appraised | crate::core::answers::Status::Final))).count();
    let state = if results.is_final() { t.ranking_final.to_owned() } else { format!("{} ({appraised}/{} {})", t.ranking_provisional, results.units.len(), t.appraised_of) };
    let mut out = format!("{}\n{} — {}\n", ws.title, t.ranking_title, state);
    let sections: Vec<(Option<String>, Vec<RankRow>)> =
        if by_group { results.ranking_by_group(ws) } else { vec![(None, results.ranking(ws))] };
    for (group, rows) in sections {
        if by_group {
            out.push_str(&format!("\n{}: {}\n", t.group, group.as_deref().unwrap_or(t.no_group)));
        } else {
            out.push('\n');
        }
        let mut tab = Table::new(&[
            (t.rank, Align::Right),
            (t.unit, Align::Left),
            (t.group, Align::Left),
            (t.status, Align::Left),
            (t.self_index, Align::Right),
            (t.final_index, Align::Right),
            (t.band, Align::Left),
        ]);
        let sep = lang.decimal_sep();
        for r in rows {
            let res = &results.units[r.unit];
            let u = &ws.units[res.unit];
            tab.push(vec![
                r.rank.to_string(),
                u.name.clone(),
                u.group.clone().unwrap_or_default(),
                t.status(res.status).to_owned(),
                fmt_fixed(res.self_index, 2, sep),
                fmt_fixed(res.index, 2, sep),
                ws.scorecard.band_for(res.index).map_or(String::new(), |b| b.label.clone()),
            ]);
        }
        out.push_str(&tab.render());
    }
    out
}

/// CSV with a header row, decimal point, comma separator (machine-friendly; `export` has the
/// Excel-friendly variants).
fn csv(ws: &Workspace, results: &RoundResults, by_group: bool) -> String {
    let rows: Vec<RankRow> = if by_group { results.ranking_by_group(ws).into_iter().flat_map(|(_, r)| r).collect() } else { results.ranking(ws) };
    let mut out = String::from("rank,unit,name,group,status,total,index,self_index,band\n");
    for r in rows {
        let res = &results.units[r.unit];
        let u = &ws.units[res.unit];
        let fields = [
            r.rank.to_string(),
            u.id.clone(),
            u.name.clone(),
            u.group.clone().unwrap_or_default(),
            res.status_str().to_owned(),
            fmt_fixed(res.total, 2, '.'),
            fmt_fixed(res.index, 2, '.'),
            fmt_fixed(res.self_index, 2, '.'),
            ws.scorecard.band_for(res.index).map_or(String::new(), |b| b.label.clone()),
        ];
        out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', ';']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}
