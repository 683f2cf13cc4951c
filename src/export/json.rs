//! JSON: `rank --format json` (one array, best first) and `score --format json` (one object).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Value, json};

use crate::core::num::round2;
use crate::core::results::{RankRow, RoundResults, UnitResult};
use crate::core::scorecard::Scorecard;
use crate::core::tally::Tally;
use crate::core::workspace::Workspace;

/// A point value as a JSON number, rounded to 2 decimals. A 2-decimal value's shortest `f64`
/// rendering is that decimal, so the text is exact (`87.25`, not `87.2499…`).
pub fn num(d: Decimal) -> Value {
    let r = round2(d);
    match r.to_f64() {
        Some(f) if f.is_finite() => json!(f),
        _ => Value::Null,
    }
}

/// One ranked unit, with the keys the spec fixes and a few more.
pub fn rank_item(ws: &Workspace, res: &UnitResult, rank: u32) -> Value {
    let unit = &ws.units[res.unit];
    json!({
        "rank": rank,
        "unit": unit.id,
        "name": unit.name,
        "group": unit.group,
        "status": res.status_str(),
        "total": num(res.total),
        "index": num(res.index),
        "self_total": num(res.self_total),
        "self_index": num(res.self_index),
        "band": ws.scorecard.band_for(res.index).map(|b| b.label.clone()),
        "scored": res.scored,
        "leaves": res.leaves,
        "appraised": res.appraised,
        "seal": res.seal,
    })
}

/// The ranking as one array. `by_group`: groups one after another, ranks inside each group.
pub fn ranking(ws: &Workspace, results: &RoundResults, by_group: bool) -> Value {
    let rows: Vec<RankRow> = if by_group {
        results.ranking_by_group(ws).into_iter().flat_map(|(_, rows)| rows).collect()
    } else {
        results.ranking(ws)
    };
    Value::Array(rows.iter().map(|r| rank_item(ws, &results.units[r.unit], r.rank)).collect())
}

/// One unit's score: totals and every node of the scorecard in order.
pub fn score(ws: &Workspace, res: &UnitResult, own: &Tally, fin: &Tally) -> Value {
    let sc: &Scorecard = &ws.scorecard;
    let unit = &ws.units[res.unit];
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
        "max": num(sc.max),
        "total": num(res.total),
        "index": num(res.index),
        "self_total": num(res.self_total),
        "self_index": num(res.self_index),
        "band": sc.band_for(res.index).map(|b| b.label.clone()),
        "scored": res.scored,
        "leaves": res.leaves,
        "criteria": criteria,
    })
}
