//! `na = "full" | "excluded"` on a leaf (spec §5.1): what "not applicable" scores.

use toml::de::DeTable;

use super::{Raw, Rule};
use crate::say::scorecard::ScorecardMsg as M;
use crate::toml_in::Reader;

/// What a leaf answered "not applicable" (`na = true`) scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Na {
    /// "Không phát sinh": the leaf scores its max and counts as scored.
    Full,
    /// "Không áp dụng": the leaf scores 0, counts as scored, and leaves the maxima for that unit.
    Excluded,
}

impl Na {
    pub fn as_str(self) -> &'static str {
        match self {
            Na::Full => "full",
            Na::Excluded => "excluded",
        }
    }
}

/// Reads a criterion's `na` key (reported when it is neither "full" nor "excluded").
pub(super) fn read(r: &mut Reader, t: &DeTable<'_>) -> Option<(Na, crate::toml_in::Span)> {
    let (v, sp) = r.string(t, "na")?;
    match v.as_str() {
        "full" => Some((Na::Full, sp)),
        "excluded" => Some((Na::Excluded, sp)),
        other => {
            r.error(sp, M::BadNa { value: other.to_owned() });
            None
        }
    }
}

/// `na` belongs to leaves other than deductions and bonuses.
pub(super) fn check_placement(r: &mut Reader, raw: &Raw, is_group: bool) {
    let Some((_, sp)) = &raw.na else { return };
    if is_group {
        r.error(sp.clone(), M::NaOnGroup { id: raw.id.clone() });
    } else if let Some(rule @ (Rule::Deduction { .. } | Rule::Bonus)) = &raw.rule {
        r.error(sp.clone(), M::NaOnAdjustment { rule: rule.name().to_owned(), id: raw.id.clone() });
    }
}
