//! The roll-up of spec §3: leaf points → base and bonus per node, group clamps, area weights,
//! the weighted total and the index. All exact decimals; one pass, no allocation but the result.

use rust_decimal::Decimal;

use super::answers::{Input, Sheet};
use super::num::round2;
use super::rules;
use super::scorecard::Scorecard;

/// One node's result.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NodeScore {
    /// Points counted against the max (leaf points; for a group, the clamped sum).
    pub base: Decimal,
    /// Bonus points on top (never clamped by the node's max).
    pub bonus: Decimal,
    /// Leaves under this node (1 for a leaf).
    pub leaves: u32,
    /// Leaves under this node with an input.
    pub scored: u32,
    /// The max for this unit (spec §5.1): the scorecard's, less every leaf under it answered
    /// "not applicable" where the scorecard excludes it.
    pub applicable: Decimal,
}

impl NodeScore {
    pub fn total(&self) -> Decimal {
        self.base + self.bonus
    }

    /// True when the node (or every leaf under it) has an input.
    pub fn is_scored(&self) -> bool {
        self.scored == self.leaves
    }
}

/// A whole scorecard's result for one set of inputs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Per node, in scorecard (display) order.
    pub nodes: Vec<NodeScore>,
    /// Σ over areas with max > 0 of total × weight ÷ (scorecard) max, plus the totals of areas
    /// with max 0 (spec §5.1). Not rounded.
    pub weighted_total: Decimal,
    /// weighted total ÷ `max` × 100, rounded to 2 decimals, half away from zero.
    pub index: Decimal,
    /// The index's denominator for this unit, the applicable weight (spec §5.1): Σ over areas
    /// with max > 0 of weight × applicable max ÷ max (the scorecard's max when nothing is
    /// excluded; Σ applicable maxima when weights default to the maxima). Not rounded.
    pub max: Decimal,
}

impl Tally {
    pub fn scored_leaves(&self, sc: &Scorecard) -> u32 {
        sc.areas.iter().map(|&a| self.nodes[a].scored).sum()
    }

    /// An area's (or any node's) sub-index: total ÷ applicable max × 100, 2 decimals; `None`
    /// when that max is 0.
    pub fn sub_index(&self, _sc: &Scorecard, node: usize) -> Option<Decimal> {
        sub_index(self.nodes[node].total(), self.nodes[node].applicable)
    }

    /// What a unit can score by itself, on the scale of the weighted total: the applicable
    /// maxima without the Office-only (survey) leaves, each area weighted as the total is
    /// (× weight ÷ its scorecard max; "Tự đánh giá 80,75/91 điểm" on the shipped scorecard,
    /// whose surveys are worth 9).
    pub fn self_max(&self, sc: &Scorecard) -> Decimal {
        let mut sum = Decimal::ZERO;
        for &a in &sc.areas {
            let node = &sc.nodes[a];
            let max = node.contributing_max();
            if max <= Decimal::ZERO {
                continue;
            }
            let own: Decimal = (a..node.end)
                .filter(|&i| sc.nodes[i].is_leaf() && !matches!(sc.nodes[i].rule, Some(super::scorecard::Rule::Survey)))
                .map(|i| self.nodes[i].applicable)
                .sum();
            sum += own * node.weight / max;
        }
        round2(sum)
    }

    /// True while an applicable Office-only (survey) leaf has no input: the index is
    /// provisional (tạm tính) until the Office gives it.
    pub fn lacks_office_points(&self, sc: &Scorecard) -> bool {
        sc.leaves().any(|i| {
            matches!(sc.nodes[i].rule, Some(super::scorecard::Rule::Survey)) && self.nodes[i].scored == 0 && !self.nodes[i].applicable.is_zero()
        })
    }

    /// The weighted total rounded to 2 decimals, as reported.
    pub fn total(&self) -> Decimal {
        round2(self.weighted_total)
    }
}

/// A node's sub-index from its total and its applicable max: total ÷ max × 100, 2 decimals;
/// `None` when that max is 0. (The one place it is computed.)
pub fn sub_index(total: Decimal, applicable: Decimal) -> Option<Decimal> {
    (applicable > Decimal::ZERO).then(|| round2(total * Decimal::ONE_HUNDRED / applicable))
}

/// Tallies a scorecard for the inputs `input(node)` gives per leaf.
pub fn tally<'a>(sc: &Scorecard, input: impl Fn(usize) -> Option<&'a Input>) -> Tally {
    let mut t = Tally { nodes: vec![NodeScore::default(); sc.nodes.len()], ..Tally::default() };
    tally_into(sc, input, &mut t);
    t
}

/// Same as [`tally`], reusing `out`'s buffer (for re-scoring on every keystroke).
pub fn tally_into<'a>(sc: &Scorecard, input: impl Fn(usize) -> Option<&'a Input>, out: &mut Tally) {
    out.nodes.clear();
    out.nodes.resize(sc.nodes.len(), NodeScore::default());
    // Children come after their parent in display order, so a reverse pass sees every child
    // before its parent.
    for i in (0..sc.nodes.len()).rev() {
        let node = &sc.nodes[i];
        if node.is_leaf() {
            // The Office's refusal of "not applicable" (`na = false`) leaves no input.
            let inp = input(i).filter(|x| x.counts());
            let pts = inp.map_or(Decimal::ZERO, |x| rules::points(node, x));
            let s = &mut out.nodes[i];
            if rules::is_bonus(node) {
                s.bonus = pts;
            } else {
                s.base = pts;
            }
            s.leaves = 1;
            s.scored = u32::from(inp.is_some());
            s.applicable = rules::applicable_max(node, inp);
        } else {
            let mut base = Decimal::ZERO;
            let mut bonus = Decimal::ZERO;
            let mut leaves = 0;
            let mut scored = 0;
            let mut applicable = Decimal::ZERO;
            for &c in &node.children {
                let cs = &out.nodes[c];
                base += cs.base;
                bonus += cs.bonus;
                leaves += cs.leaves;
                scored += cs.scored;
                applicable += cs.applicable;
            }
            out.nodes[i] = NodeScore { base: base.max(Decimal::ZERO).min(applicable), bonus, leaves, scored, applicable };
        }
    }
    // Spec §3 and §5.1: each area scales its total by its scorecard max (never by what
    // applies to the unit); an excluded leaf's max leaves the denominator of the whole index
    // once, through the applicable weight. An area with max 0 (bonus only) adds its total.
    let mut weighted = Decimal::ZERO;
    let mut applicable_weight = Decimal::ZERO;
    for &a in &sc.areas {
        let node = &sc.nodes[a];
        let total = out.nodes[a].total();
        let max = node.contributing_max();
        if max > Decimal::ZERO {
            weighted += total * node.weight / max;
            applicable_weight += node.weight * out.nodes[a].applicable / max;
        } else {
            weighted += total;
        }
    }
    out.weighted_total = weighted;
    out.max = applicable_weight;
    out.index = if applicable_weight > Decimal::ZERO { round2(weighted * Decimal::ONE_HUNDRED / applicable_weight) } else { Decimal::ZERO };
}

/// The unit's own inputs alone (the self-assessed index).
pub fn self_tally(sc: &Scorecard, sub: Option<&Sheet>) -> Tally {
    tally(sc, |i| sub.and_then(|s| s.input(i)))
}
