//! What validating a scorecard (bộ tiêu chí) can say.

use rust_decimal::Decimal;

/// Problems in a scorecard file.
#[derive(Clone, Debug, PartialEq)]
pub enum ScorecardMsg {
    NumberTooBig { key: String, d: Decimal, max: i64 },
    NumberTooPrecise { key: String, d: Decimal, places: u32 },
    NoHead,
    EmptyId,
    EmptyBandLabel,
    BandTwice { label: String },
    BandsSameMin { min: Decimal, first: String, label: String },
    NoCriteria,
    TooManyCriteria { n: usize, max: usize },
    IdTwice { id: String, line: usize },
    NoParent { id: String, parent: String },
    GroupTakesNo { id: String, key: String },
    WeightNotOnArea { id: String },
    LeafNoMax { id: String },
    MaxNotSum { id: String, declared: Decimal, sum: Decimal },
    WeightOnZeroArea { id: String },
    ZeroTotal,
    TotalNotSum { declared: Decimal, total: Decimal },
    MaxNotPositive { id: String },
    MaxNotStep { id: String, max: Decimal, step: Decimal },
    BadId { id: String },
    IdTooLong { id: String, max: usize },
    TooDeep { id: String, depth: usize, max: usize },
    EmptyTitle { id: String },
    UnknownRule { rule: String },
    KeyNotForRule { key: String, rule: String, id: String },
    RuleNoMax { id: String, rule: String },
    ChoiceFewOptions { id: String },
    EmptyOptionKey,
    OptionKeyTwice { key: String, id: String },
    BandsNone { id: String },
    NegativeBandMin,
    RuleBandsSameMin { id: String, min: Decimal },
    TargetNoTarget { id: String },
    DeductionMax { id: String },
    NotPositive { key: String },
    DeductionMissing { id: String, key: String },
    NegativePoints { id: String },
    PointsOverMax { points: Decimal, max: Decimal, id: String },
    BadNa { value: String },
    NaOnGroup { id: String },
    NaOnAdjustment { rule: String, id: String },
    /// `levels` (issue 21): fewer than two.
    LevelsFew { id: String },
    LevelTwice { id: String, points: Decimal },
    /// Levels are listed highest points first.
    LevelsUnsorted { id: String },
    LevelNotStep { id: String, points: Decimal, step: Decimal },
    /// No level gives the leaf's max: the max could never be scored.
    LevelsMissMax { id: String, max: Decimal },
    EmptyLevelText { id: String },
}
