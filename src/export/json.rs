//! JSON: `rank --format json` (one array, best first), `score --format json` (one object) and
//! `export --format json` (one object: the header and the ranking with per-area sub-indexes).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Value, json};

use crate::core::answers::{Input, Sheet};
use crate::core::num::round2;
use std::collections::HashMap;

use crate::core::results::{Previous, RoundResults, UnitResult};
use crate::core::scorecard::Scorecard;
use crate::core::tally::Tally;
use crate::core::workspace::Workspace;

use super::ExportOptions;
use super::model::{Report, Row, Unreadable};

/// A point value as a JSON number, rounded to 2 decimals. A 2-decimal value's shortest `f64`
/// rendering is that decimal, so the text is exact (`87.25`, not `87.2499…`).
pub fn num(d: Decimal) -> Value {
    let r = round2(d);
    match r.to_f64() {
        Some(f) if f.is_finite() => json!(f),
        _ => Value::Null,
    }
}

/// A row of the model as a `rank --format json` item.
pub fn row_item(r: &Row) -> Value {
    json!({
        "rank": if r.is_ranked() { json!(r.rank) } else { Value::Null },
        "unit": r.unit_id,
        "name": r.name,
        "group": r.group,
        "status": r.status_str(),
        "total": num(r.total),
        "index": num(r.index),
        "self_total": num(r.self_total),
        "self_index": num(r.self_index),
        "self_max": num(r.self_max),
        "provisional": r.provisional,
        "band": r.band,
        "band_basis": r.band_basis.map(|b| b.as_str()),
        "scored": r.scored,
        "leaves": r.leaves,
        "appraised": r.appraised,
        "seal": r.seal,
        "integrity": r.integrity.as_str(),
    })
}

/// An unreadable unit's item: no rank and no figures, `"integrity": "unreadable"` and the
/// diagnostic (`file:line:col: message`, one line per error) as `error`.
pub fn unreadable_item(u: &Unreadable) -> Value {
    json!({
        "rank": null,
        "unit": u.unit_id,
        "name": u.name,
        "group": u.group,
        "status": "unreadable",
        "integrity": "unreadable",
        "error": u.why.join("\n"),
    })
}

/// The ranking as one array. `by_group`: groups one after another, ranks inside each group.
/// Units that could not be read follow, unranked.
pub fn ranking(ws: &Workspace, results: &RoundResults, by_group: bool, previous: Option<&HashMap<String, Previous>>) -> Value {
    let mut report = Report::build(ws, results, &ExportOptions { by_group, ..ExportOptions::default() });
    if let Some(p) = previous {
        report.compare(p);
    }
    Value::Array(report.rows().map(|r| compared_item(&report, r)).chain(report.unreadable.iter().map(unreadable_item)).collect())
}

/// A row's item, with `previous` (`{index, rank}` or null) when the report is compared.
pub fn compared_item(report: &Report, r: &Row) -> Value {
    let mut item = row_item(r);
    if report.compared
        && let Value::Object(m) = &mut item
    {
        m.insert("previous".into(), r.previous.map_or(Value::Null, |p| json!({"index": num(p.index), "rank": p.rank})));
    }
    item
}

/// `export --format json`: one object, `{"round": {…the header…}, "ranking": [...]}`, where
/// each ranking item is a `rank --format json` item plus `areas`, the unit's final total and
/// sub-index per area. (`rank --format json` itself stays one array.)
pub fn export(report: &Report) -> String {
    let h = &report.header;
    let round = json!({
        "title": h.round_title,
        "scorecard": {
            "id": h.scorecard_id,
            "title": h.scorecard_title,
            "year": h.year,
            "issued_in": h.issued_in,
            "reconstructed": h.reconstructed,
            "basis": h.basis,
            "issued_by": h.issued_by,
            "max": num(h.max),
        },
        "date": h.date.iso(),
        "final": h.is_final,
        "appraised": h.appraised,
        "units": h.units,
        "state": h.state(),
        "by_group": h.by_group,
        "areas": report.areas.iter().map(|a| json!({"id": a.id, "title": a.title, "max": num(a.max)})).collect::<Vec<_>>(),
        "bands": report.bands.iter().map(|(label, min)| json!({"label": label, "min": num(*min)})).collect::<Vec<_>>(),
    });
    let ranking: Vec<Value> = report
        .rows()
        .map(|r| {
            let mut item = compared_item(report, r);
            let areas: Vec<Value> = report
                .areas
                .iter()
                .zip(&r.areas)
                .map(|(a, s)| {
                    json!({"id": a.id, "title": a.title, "total": num(s.total), "max": num(a.max), "applicable_max": num(s.max), "na": s.excluded, "index": s.index.map(num)})
                })
                .collect();
            if let Value::Object(m) = &mut item {
                m.insert("areas".to_owned(), Value::Array(areas));
            }
            item
        })
        .chain(report.unreadable.iter().map(unreadable_item))
        .collect();
    let attachments: Vec<Value> = report
        .attachments
        .iter()
        .map(|u| {
            let files: Vec<Value> =
                u.files.iter().map(|f| json!({"criterion": f.criterion, "name": f.name, "size": f.size, "sha256": f.sha256})).collect();
            json!({"unit": u.unit_id, "name": u.name, "files": files})
        })
        .collect();
    serde_json::to_string_pretty(&json!({"round": round, "ranking": ranking, "attachments": attachments})).expect("JSON values serialize") + "\n"
}

/// One unit's score: totals and every node of the scorecard in order.
pub fn score(ws: &Workspace, res: &UnitResult, own: &Tally, fin: &Tally, sheets: (Option<&Sheet>, Option<&Sheet>)) -> Value {
    let sc: &Scorecard = &ws.scorecard;
    let unit = &ws.units[res.unit];
    let (sub, appr) = sheets;
    let final_input = |i: usize| appr.and_then(|a| a.input(i)).or_else(|| sub.and_then(|s| s.input(i)));
    let criteria: Vec<Value> = sc
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            json!({
                "id": n.id,
                "title": n.title,
                "rule": n.rule.as_ref().map(|r| r.name()),
                "max": num(n.max),
                "applicable_max": num(fin.nodes[i].applicable),
                "na": n.is_leaf() && final_input(i) == Some(&Input::Na(true)),
                "self": num(own.nodes[i].total()),
                "final": num(fin.nodes[i].total()),
                "scored": fin.nodes[i].is_scored(),
            })
        })
        .collect();
    json!({
        "unit": unit.id,
        "name": unit.name,
        "group": unit.group,
        "status": res.status_str(),
        "integrity": res.integrity.as_str(),
        "max": num(sc.max),
        "applicable_max": num(fin.max),
        "total": num(res.total),
        "index": num(res.index),
        "self_total": num(res.self_total),
        "self_index": num(res.self_index),
        "self_max": num(res.self_max),
        "provisional": res.provisional,
        "band": res.band(sc).map(|b| b.label.clone()),
        "band_basis": res.band_basis().map(|b| b.as_str()),
        "scored": res.scored,
        "leaves": res.leaves,
        "criteria": criteria,
    })
}
