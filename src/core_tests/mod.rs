//! Tests of the core that need the application: the wording of the core's messages (the core
//! has no words) and the demo round's generator. They use only the core's public API.

mod answers;
// Unix modes and the setgid recipe (the store's Unix backend only).
#[cfg(unix)]
mod modes;
mod register;
mod results;
mod scorecard;
mod tally;
mod toml_fast;
mod workspace;

/// The final tally of an appraisal over a unit's inputs, whatever the unit's status (the tally's
/// arithmetic; which appraisal stands is `figures::standing`, tested on its own).
pub(crate) fn final_tally(
    sc: &crate::core::scorecard::Scorecard,
    sub: Option<&crate::core::answers::Sheet>,
    appr: Option<&crate::core::answers::Sheet>,
) -> crate::core::tally::Tally {
    crate::core::tally::tally(sc, |i| appr.and_then(|a| a.input(i)).or_else(|| sub.and_then(|s| s.input(i))))
}
