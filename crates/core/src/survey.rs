//! Survey results (điều tra xã hội học) brought in from a CSV file (spec §5.3): one row per unit
//! and survey criterion, either the points or the rate (%) the survey found. Read whole and
//! checked whole: any bad row and nothing is taken.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::answers::Input;
use super::diag::{Diagnostic, Diagnostics, LoadError, Source};
use super::num::{parse_typed, round2};
use super::rules;
use super::scorecard::{Rule, Scorecard};
use crate::say::sheet::SurveyMsg as M;

/// One survey result to set: the unit (index into `Workspace::units`), the leaf, the points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyPoints {
    pub unit: usize,
    pub node: usize,
    pub points: Decimal,
}

/// Splits one CSV line at `sep`, honouring double quotes (`""` inside quotes is a quote).
fn fields(line: &str, sep: char) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let (mut cur, mut start, mut quoted) = (String::new(), 0, false);
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' if quoted && chars.peek().is_some_and(|x| x.1 == '"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => {
                out.push((std::mem::take(&mut cur).trim().to_owned(), start));
                start = i + c.len_utf8();
            }
            c => cur.push(c),
        }
    }
    out.push((cur.trim().to_owned(), start));
    out
}

/// Reads survey results: UTF-8 (a byte-order mark is allowed), `,` or `;` between fields,
/// a header `unit,criterion,points` or `unit,criterion,rate`. A rate becomes
/// max × min(rate, 100) ÷ 100, rounded to 2 decimals. Only `survey` leaves; each (unit,
/// criterion) once. Every problem is reported, with its line and column.
/// `unit_index`: the position of a unit id in the round's list of units.
pub fn parse(sc: &Scorecard, unit_index: impl Fn(&str) -> Option<usize>, src: &Arc<Source>) -> Result<Vec<SurveyPoints>, LoadError> {
    let text = src.text.strip_prefix('\u{feff}').unwrap_or(&src.text);
    let skip = src.text.len() - text.len();
    let mut diags = Diagnostics::default();
    let mut err = |at: usize, len: usize, msg: M| diags.push(Diagnostic::error(msg).at(src, at..at + len.max(1)));
    let mut lines = text.split('\n').scan(skip, |off, l| {
        let start = *off;
        *off += l.len() + 1;
        Some((start, l.trim_end_matches('\r')))
    });
    let Some((hstart, header)) = lines.by_ref().find(|(_, l)| !l.trim().is_empty()) else {
        err(0, 0, M::Empty);
        return Err(LoadError::invalid(diags));
    };
    let sep = if header.contains(';') { ';' } else { ',' };
    let names: Vec<String> = fields(header, sep).into_iter().map(|(f, _)| f.to_lowercase()).collect();
    let rate = match names.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["unit", "criterion", "points"] => false,
        ["unit", "criterion", "rate"] => true,
        _ => {
            err(hstart, header.len(), M::BadHeader { header: header.trim().to_owned(), sep });
            return Err(LoadError::invalid(diags));
        }
    };
    let mut out: Vec<SurveyPoints> = Vec::new();
    for (start, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let f = fields(line, sep);
        if f.len() != 3 {
            err(start, line.len(), M::FieldCount { sep, n: f.len() });
            continue;
        }
        let at = |k: usize| start + f[k].1;
        let Some(unit) = unit_index(&f[0].0) else {
            err(at(0), f[0].0.len(), M::NoUnit { unit: f[0].0.clone() });
            continue;
        };
        let Some(node) = sc.node_index(&f[1].0) else {
            err(at(1), f[1].0.len(), M::NoCriterion { id: f[1].0.clone() });
            continue;
        };
        let leaf = &sc.nodes[node];
        if leaf.rule != Some(Rule::Survey) {
            err(at(1), f[1].0.len(), M::NotSurvey { id: leaf.id.clone() });
            continue;
        }
        let Some(v) = parse_typed(&f[2].0) else {
            err(at(2), f[2].0.len(), M::NotNumber { text: f[2].0.clone() });
            continue;
        };
        let points = if rate {
            if v < Decimal::ZERO {
                err(at(2), f[2].0.len(), M::NegativeRate);
                continue;
            }
            round2(leaf.max * v.min(Decimal::ONE_HUNDRED) / Decimal::ONE_HUNDRED)
        } else {
            v
        };
        if let Err(why) = rules::validate(leaf, sc.step, &Input::Points(points), true) {
            err(at(2), f[2].0.len(), M::BadPoints { text: f[2].0.clone(), id: leaf.id.clone(), err: why });
            continue;
        }
        if out.iter().any(|x| x.unit == unit && x.node == node) {
            err(start, line.len(), M::Twice { id: leaf.id.clone(), unit: f[0].0.clone() });
            continue;
        }
        out.push(SurveyPoints { unit, node, points });
    }
    if diags.has_errors() { Err(LoadError::invalid(diags)) } else { Ok(out) }
}
