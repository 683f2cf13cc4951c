//! `parindex score -w DIR --unit ID`: one unit's totals, per area and criterion.

use std::path::Path;

use super::table::{Align, Table};
use super::{CmdResult, Failure, Format, emit};
use crate::core::answers::Input;
use crate::core::figures;
use crate::core::num::fmt_fixed;
use crate::core::scorecard::Na;
use crate::core::workspace::Workspace;
use crate::text::{Lang, truncate};

pub fn run(dir: &Path, unit: &str, format: Format, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let Some(ui) = ws.unit_index(unit) else {
        let known: Vec<&str> = ws.units.iter().map(|u| u.id.as_str()).collect();
        return Err(Failure::Usage(crate::text::msg::Message::render(
            &crate::text::msg::cli::CliMsg::NoUnit { unit: unit.to_owned(), known: known.join(", ") },
            lang,
        )));
    };
    // The one computation `rank` makes too: a draft's appraisal does not stand.
    let crate::core::results::UnitDetail { sub, appr, own, fin, result: res } = ws.unit_detail(ui)?;
    // Another unit's figures only once they are appraised (issue 18).
    super::privacy::require(&ws, &crate::core::roles::Identity::current(&ws), ui, crate::core::roles::Part::Figures, res.status, lang)?;
    let sc = &ws.scorecard;
    let appr = appr.as_ref();
    let final_input = |i: usize| appr.and_then(|a| a.input(i)).or_else(|| sub.as_ref().and_then(|s| s.input(i)));
    match format {
        Format::Json => {
            let v = crate::export::json::score(&ws, &res, &own, &fin, (sub.as_ref(), appr));
            emit(None, &(serde_json::to_string_pretty(&v).expect("JSON values serialize") + "\n"))
        }
        Format::Table => {
            let t = lang.text();
            let sep = lang.decimal_sep();
            let u = &ws.units[ui];
            let mut out = format!("{} — {}\n", t.marked(&u.name, res.integrity), t.status(res.status));
            let mut table = Table::new(&[
                (t.unit_id, Align::Left),
                (t.criterion, Align::Left),
                (t.max, Align::Right),
                (t.self_points, Align::Right),
                (t.final_points, Align::Right),
            ]);
            // Areas and their direct criteria: the sheet people know; sub-criteria via JSON.
            for (i, n) in sc.nodes.iter().enumerate().filter(|(_, n)| n.depth <= 1) {
                let indent = "  ".repeat(n.depth);
                let title = truncate(&n.title, 60 - 2 * n.depth);
                table.push(vec![
                    format!("{indent}{}", n.id),
                    format!("{indent}{title}"),
                    fmt_fixed(figures::shown_max(sc, &fin, i), 2, sep),
                    fmt_fixed(own.nodes[i].total(), 2, sep),
                    fmt_fixed(fin.nodes[i].total(), 2, sep),
                ]);
            }
            out.push_str(&table.render());
            // "Tốt (tự xếp loại)" from a self-assessment, "(tạm tính)" while provisional (issue 21).
            let band = Some(t.band_shown(&res, sc)).filter(|b| !b.is_empty()).unwrap_or_else(|| "—".to_owned());
            let mut index = format!("{}%", fmt_fixed(res.index, 2, sep));
            if res.provisional {
                index = format!("{index} ({})", t.provisional);
            }
            out.push_str(&format!(
                "{}: {} / {}   {}: {}   {}: {}   {}: {}/{}\n",
                t.total,
                fmt_fixed(res.total, 2, sep),
                fmt_fixed(res.max, 2, sep),
                t.index,
                index,
                t.band,
                band,
                t.progress,
                res.scored,
                res.leaves,
            ));
            // What the unit can score by itself: "Tự đánh giá: 80,75/91 điểm (80,75%)".
            out.push_str(&format!(
                "{}: {}/{} {}   {}: {}\n",
                t.self_of,
                fmt_fixed(res.self_total, 2, sep),
                crate::core::num::fmt_short(res.self_max, sep),
                t.points_unit,
                t.self_index,
                fmt_fixed(res.self_index, 2, sep),
            ));
            // The news register: items claimed against confirmed (issue 12).
            if let Some(line) = super::news::summary(&ws, sub.as_ref(), unit, lang) {
                out.push_str(&line);
                out.push('\n');
            }
            // The leaves answered "not applicable", by what they score (spec §5.1).
            for (na, label) in [(Na::Excluded, t.na_excluded_list), (Na::Full, t.na_full_list)] {
                let ids: Vec<&str> = sc
                    .leaves()
                    .filter(|&i| sc.nodes[i].na == Some(na) && final_input(i) == Some(&Input::Na(true)))
                    .map(|i| sc.nodes[i].id.as_str())
                    .collect();
                if !ids.is_empty() {
                    out.push_str(&format!("{label}: {}\n", ids.join(", ")));
                }
            }
            out.push_str(&super::objection::score_lines(&ws, unit, &own, &fin, appr, lang)?);
            out.push_str(&t.integrity_lines([(u.name.as_str(), res.integrity)]));
            emit(None, &out)
        }
    }
}
