//! One leaf: which input fits its rule, whether an input is acceptable, and the points it gives.
//! The table of spec §1 in code.

use rust_decimal::Decimal;

use super::answers::Input;
use super::num::{is_multiple, round2};
use super::scorecard::{Na, Node, Rule};

/// What kind of input a rule takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// `points` (manual, bonus; survey in appraisals).
    Points,
    /// `choice` (an option key).
    Choice,
    /// `value`, or `done` + `planned` (bands).
    ValueOrRatio,
    /// `value` (target: a count; deduction: a whole count).
    Value,
    /// Nothing the unit can enter (survey).
    OfficeOnly,
}

pub fn input_kind(rule: &Rule) -> InputKind {
    match rule {
        Rule::Manual | Rule::Bonus => InputKind::Points,
        Rule::Choice(_) => InputKind::Choice,
        Rule::Bands { .. } => InputKind::ValueOrRatio,
        Rule::Target(_) | Rule::Deduction { .. } => InputKind::Value,
        Rule::Survey => InputKind::OfficeOnly,
    }
}

/// Why an input does not fit its criterion.
#[derive(Clone, Debug, PartialEq)]
pub enum InputError {
    /// The input is of the wrong kind for the rule (e.g. `points` for a choice).
    WrongKind {
        rule: &'static str,
        expected: &'static str,
    },
    /// Survey points are entered by the Office, not self-scored.
    SurveyByOffice,
    Negative,
    AboveMax {
        max: Decimal,
    },
    NotAStep {
        step: Decimal,
    },
    /// A manual leaf with a stated scale takes one of its levels' points (highest first).
    NotALevel {
        levels: Vec<Decimal>,
    },
    UnknownOption {
        key: String,
        known: Vec<String>,
    },
    NotWhole,
    PlannedNotPositive,
    /// `na` on a leaf the scorecard does not mark `na`.
    NaNotAllowed,
    /// `na = false` in a unit's own sheet (only the Office refuses).
    NaFalseByUnit,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Code words only: the application words it.
        write!(f, "{self:?}")
    }
}

fn expected(kind: InputKind) -> &'static str {
    match kind {
        InputKind::Points => "`points`",
        InputKind::Choice => "`choice = \"<option key>\"`",
        InputKind::ValueOrRatio => "`value`, or `done` and `planned`",
        InputKind::Value => "`value`",
        InputKind::OfficeOnly => "no input from the unit (the Office sets survey points)",
    }
}

/// Checks an input against its leaf. `by_office` is true for appraisal entries, which may also
/// set survey points.
pub fn validate(node: &Node, step: Decimal, input: &Input, by_office: bool) -> Result<(), InputError> {
    let Some(rule) = &node.rule else {
        return Err(InputError::WrongKind { rule: "group", expected: "no input (its sub-criteria are scored)" });
    };
    let kind = input_kind(rule);
    let wrong = || InputError::WrongKind { rule: rule.name(), expected: expected(kind) };
    match (rule, input) {
        (_, Input::Na(_)) if node.na.is_none() => Err(InputError::NaNotAllowed),
        (_, Input::Na(false)) if !by_office => Err(InputError::NaFalseByUnit),
        (_, Input::Na(_)) => Ok(()),
        (Rule::Survey, Input::Points(_)) if !by_office => Err(InputError::SurveyByOffice),
        (Rule::Survey, Input::Points(p)) => {
            if *p < Decimal::ZERO {
                Err(InputError::Negative)
            } else if *p > node.max {
                Err(InputError::AboveMax { max: node.max })
            } else {
                Ok(())
            }
        }
        (Rule::Manual | Rule::Bonus, Input::Points(p)) => {
            if *p < Decimal::ZERO {
                Err(InputError::Negative)
            } else if *p > node.max {
                Err(InputError::AboveMax { max: node.max })
            } else if !is_multiple(*p, step) {
                Err(InputError::NotAStep { step })
            } else if matches!(rule, Rule::Manual) && !node.levels.is_empty() && !node.levels.iter().any(|l| l.points == *p) {
                Err(InputError::NotALevel { levels: node.levels.iter().map(|l| l.points).collect() })
            } else {
                Ok(())
            }
        }
        (Rule::Choice(opts), Input::Choice(key)) => {
            if opts.iter().any(|o| &o.key == key) {
                Ok(())
            } else {
                Err(InputError::UnknownOption { key: key.clone(), known: opts.iter().map(|o| o.key.clone()).collect() })
            }
        }
        (Rule::Bands { .. } | Rule::Target(_), Input::Value(v)) => {
            if *v < Decimal::ZERO {
                Err(InputError::Negative)
            } else {
                Ok(())
            }
        }
        (Rule::Bands { .. }, Input::Ratio { done, planned }) => {
            if *done < Decimal::ZERO {
                Err(InputError::Negative)
            } else if *planned <= Decimal::ZERO {
                Err(InputError::PlannedNotPositive)
            } else {
                Ok(())
            }
        }
        (Rule::Deduction { .. }, Input::Value(v)) => {
            if *v < Decimal::ZERO {
                Err(InputError::Negative)
            } else if !v.fract().is_zero() {
                Err(InputError::NotWhole)
            } else {
                Ok(())
            }
        }
        _ => Err(wrong()),
    }
}

/// The value a bands rule reads: `value`, or done × 100 / planned.
pub fn band_value(input: &Input) -> Option<Decimal> {
    match input {
        Input::Value(v) => Some(*v),
        Input::Ratio { done, planned } if !planned.is_zero() => done.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(*planned),
        _ => None,
    }
}

/// The points a leaf's input gives (negative for deductions). An input that does not fit the
/// rule gives 0; loaders reject such inputs, so this only guards against misuse.
pub fn points(node: &Node, input: &Input) -> Decimal {
    let Some(rule) = &node.rule else { return Decimal::ZERO };
    let max = node.max;
    let clamp = |p: Decimal| p.max(Decimal::ZERO).min(max);
    match (rule, input) {
        (_, Input::Na(true)) => match node.na {
            Some(Na::Full) => node.contributing_max(),
            _ => Decimal::ZERO,
        },
        (Rule::Manual | Rule::Bonus | Rule::Survey, Input::Points(p)) => clamp(*p),
        (Rule::Choice(opts), Input::Choice(key)) => opts.iter().find(|o| &o.key == key).map_or(Decimal::ZERO, |o| clamp(o.points)),
        (Rule::Bands { bands, .. }, i @ (Input::Value(_) | Input::Ratio { .. })) => match band_value(i) {
            Some(v) => bands.iter().find(|b| v >= b.min).map_or(Decimal::ZERO, |b| clamp(b.points)),
            None => Decimal::ZERO,
        },
        (Rule::Target(target), Input::Value(v)) => {
            if *target <= Decimal::ZERO {
                return Decimal::ZERO;
            }
            let reached = (*v).max(Decimal::ZERO).min(*target);
            max.checked_mul(reached).and_then(|x| x.checked_div(*target)).map_or(Decimal::ZERO, round2)
        }
        (Rule::Deduction { per, cap }, Input::Value(v)) => {
            let lost = (*v).max(Decimal::ZERO).checked_mul(*per).unwrap_or(*cap).min(*cap);
            -lost
        }
        _ => Decimal::ZERO,
    }
}

/// The max a leaf contributes for this input: 0 when it is answered not applicable and the
/// scorecard excludes it (spec §5.1), else its contributing max.
pub fn applicable_max(node: &Node, input: Option<&Input>) -> Decimal {
    match (node.na, input) {
        (Some(Na::Excluded), Some(Input::Na(true))) => Decimal::ZERO,
        _ => node.contributing_max(),
    }
}

/// Whether this leaf's points count as bonus (added on top of the base, never clamped by max).
pub fn is_bonus(node: &Node) -> bool {
    matches!(node.rule, Some(Rule::Bonus))
}
