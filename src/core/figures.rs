//! One unit's figures, decided once from its sheets: the rule of which appraisal stands (a
//! draft, never submitted or reopened, ranks on its self-assessment), the self and final
//! tallies, and the maximum shown per node. `rank`, `score` and the exports call this; nothing
//! else recomputes it.

use rust_decimal::Decimal;
use ssh_key::PublicKey;

use super::answers::{Sheet, Status};
use super::results::UnitResult;
use super::scorecard::Scorecard;
use super::tally::{self, Tally};

/// The appraisal that counts: none for a draft (a unit never submitted, or reopened), whatever
/// an earlier appraisal said.
pub fn standing<'a>(sub: Option<&Sheet>, appr: Option<&'a Sheet>) -> Option<&'a Sheet> {
    appr.filter(|_| sub.is_some_and(|s| s.status != Status::Draft))
}

/// A unit's figures from its sheets (`appr` carries the news register's default, see
/// `Workspace::with_register_default`). `own` and `fin` receive the self and final tallies
/// (the per-node detail). With `detail` false and no standing appraisal, `fin` is left as it
/// was (the final tally is then the self tally): `rank` needs no per-node detail.
#[allow(clippy::too_many_arguments)]
pub fn figures(
    sc: &Scorecard,
    keys: &[PublicKey],
    unit: usize,
    sub: Option<&Sheet>,
    appr: Option<&Sheet>,
    own: &mut Tally,
    fin: &mut Tally,
    detail: bool,
) -> UnitResult {
    let appr = standing(sub, appr);
    tally::tally_into(sc, |i| sub.and_then(|s| s.input(i)), own);
    match appr {
        Some(a) => {
            tally::tally_into(sc, |i| a.input(i).or_else(|| sub.and_then(|s| s.input(i))), fin);
            UnitResult::from_tallies(sc, keys, unit, sub, Some(a), own, fin)
        }
        None => {
            if detail {
                fin.clone_from(own);
            }
            UnitResult::from_tallies(sc, keys, unit, sub, None, own, own)
        }
    }
}

/// A node's maximum as shown beside its points: the scorecard's for a leaf that counts in
/// full, else what applies to this unit (spec §5.1).
pub fn shown_max(sc: &Scorecard, fin: &Tally, i: usize) -> Decimal {
    let n = &sc.nodes[i];
    if n.is_leaf() && fin.nodes[i].applicable == n.contributing_max() { n.max } else { fin.nodes[i].applicable }
}

/// The position of the band an index falls in, in `Scorecard::bands` (highest first).
pub fn band_pos(sc: &Scorecard, index: Decimal) -> Option<usize> {
    sc.bands.iter().position(|b| index >= b.min)
}
