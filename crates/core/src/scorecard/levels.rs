//! `levels = [{ points, text }, …]` on a manual leaf (issue 21): the stated scale, "cách tính
//! điểm", that says which points the leaf gives for what. Highest points first, distinct, each
//! within [0, max] and a multiple of the step, one of them the max.

use rust_decimal::Decimal;
use toml::de::DeTable;

use super::{Level, number};
use crate::num::is_multiple;
use crate::say::scorecard::ScorecardMsg as M;
use crate::say::toml::{Place, TomlMsg};
use crate::toml_in::{Reader, Span};

/// The levels as read, with where each one's points are (for the checks that need the max).
#[derive(Clone, Debug, Default)]
pub(super) struct RawLevels {
    pub items: Vec<(Level, Span)>,
    /// Levels written, read or not (a refused one is reported once, not as "too few" too).
    pub written: usize,
    /// The `levels` value itself.
    pub at: Option<Span>,
}

impl RawLevels {
    pub fn levels(&self) -> Vec<Level> {
        self.items.iter().map(|(l, _)| l.clone()).collect()
    }
}

/// Reads a criterion's `levels` (type and key problems reported here; the rest in [`check`]).
pub(super) fn read(r: &mut Reader, t: &DeTable<'_>, id: &str) -> RawLevels {
    let Some(v) = t.get("levels") else { return RawLevels::default() };
    let mut items = Vec::new();
    let tables = r.tables(t, "levels");
    let written = tables.len();
    for (lt, lsp) in tables {
        r.unknown_keys(lt, &["points", "text"], Place::Level);
        let points = number(r, lt, "points");
        if points.is_none() && lt.get("points").is_none() {
            r.error(lsp.clone(), TomlMsg::Missing { place: Place::ThisLevel, key: "points".into() });
        }
        let text = r.req_string(lt, "text", lsp.clone(), Place::ThisLevel);
        if let (Some((points, psp)), Some((text, tsp))) = (points, text) {
            items.push((Level { points, text }, psp, tsp));
        }
    }
    // An empty text is reported here: it needs the text's own place.
    RawLevels {
        items: items
            .into_iter()
            .map(|(l, psp, tsp)| {
                if l.text.trim().is_empty() {
                    r.error(tsp, M::EmptyLevelText { id: id.to_owned() });
                }
                (l, psp)
            })
            .collect(),
        written,
        at: Some(v.span()),
    }
}

/// Checks the levels of a manual leaf against its max and the scorecard's step.
pub(super) fn check(r: &mut Reader, id: &str, raw: &RawLevels, max: Decimal, step: Decimal) {
    let Some(at) = &raw.at else { return };
    if raw.written < 2 {
        r.error(at.clone(), M::LevelsFew { id: id.to_owned() });
    }
    let mut unsorted = false;
    for (k, (level, sp)) in raw.items.iter().enumerate() {
        if level.points < Decimal::ZERO {
            r.error(sp.clone(), M::NegativePoints { id: id.to_owned() });
        } else if level.points > max {
            r.error(sp.clone(), M::PointsOverMax { points: level.points, max, id: id.to_owned() });
        } else if !is_multiple(level.points, step) {
            r.error(sp.clone(), M::LevelNotStep { id: id.to_owned(), points: level.points, step });
        }
        let earlier = &raw.items[..k];
        if earlier.iter().any(|(e, _)| e.points == level.points) {
            r.error(sp.clone(), M::LevelTwice { id: id.to_owned(), points: level.points });
        } else if !unsorted && earlier.last().is_some_and(|(e, _)| e.points < level.points) {
            r.error(sp.clone(), M::LevelsUnsorted { id: id.to_owned() });
            unsorted = true;
        }
    }
    if !raw.items.is_empty() && !raw.items.iter().any(|(l, _)| l.points == max) {
        r.error(at.clone(), M::LevelsMissMax { id: id.to_owned(), max });
    }
}
