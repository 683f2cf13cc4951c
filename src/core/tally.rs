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
    /// Σ over areas of total × weight ÷ max (an area with max 0 adds its total). Not rounded.
    pub weighted_total: Decimal,
    /// weighted total ÷ scorecard max × 100, rounded to 2 decimals, half away from zero.
    pub index: Decimal,
}

impl Tally {
    pub fn scored_leaves(&self, sc: &Scorecard) -> u32 {
        sc.areas.iter().map(|&a| self.nodes[a].scored).sum()
    }

    /// An area's (or any node's) sub-index: total ÷ max × 100, 2 decimals; `None` when max is 0.
    pub fn sub_index(&self, sc: &Scorecard, node: usize) -> Option<Decimal> {
        let max = sc.nodes[node].max;
        (max > Decimal::ZERO).then(|| round2(self.nodes[node].total() * Decimal::ONE_HUNDRED / max))
    }

    /// The weighted total rounded to 2 decimals, as reported.
    pub fn total(&self) -> Decimal {
        round2(self.weighted_total)
    }
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
            let inp = input(i);
            let pts = inp.map_or(Decimal::ZERO, |x| rules::points(node, x));
            let s = &mut out.nodes[i];
            if rules::is_bonus(node) {
                s.bonus = pts;
            } else {
                s.base = pts;
            }
            s.leaves = 1;
            s.scored = u32::from(inp.is_some());
        } else {
            let mut base = Decimal::ZERO;
            let mut bonus = Decimal::ZERO;
            let mut leaves = 0;
            let mut scored = 0;
            for &c in &node.children {
                let cs = &out.nodes[c];
                base += cs.base;
                bonus += cs.bonus;
                leaves += cs.leaves;
                scored += cs.scored;
            }
            out.nodes[i] = NodeScore { base: base.max(Decimal::ZERO).min(node.max), bonus, leaves, scored };
        }
    }
    let mut weighted = Decimal::ZERO;
    for &a in &sc.areas {
        let node = &sc.nodes[a];
        let total = out.nodes[a].total();
        let max = node.contributing_max();
        weighted += if max > Decimal::ZERO { total * node.weight / max } else { total };
    }
    out.weighted_total = weighted;
    out.index = if sc.max > Decimal::ZERO { round2(weighted * Decimal::ONE_HUNDRED / sc.max) } else { Decimal::ZERO };
}

/// The unit's own inputs alone (the self-assessed index).
pub fn self_tally(sc: &Scorecard, sub: Option<&Sheet>) -> Tally {
    tally(sc, |i| sub.and_then(|s| s.input(i)))
}

/// The appraisal's input where it has one, else the unit's (the final index).
pub fn final_tally(sc: &Scorecard, sub: Option<&Sheet>, appr: Option<&Sheet>) -> Tally {
    tally(sc, |i| appr.and_then(|a| a.input(i)).or_else(|| sub.and_then(|s| s.input(i))))
}

#[cfg(test)]
mod tests;
