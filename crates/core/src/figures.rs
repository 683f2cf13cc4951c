//! One unit's figures, decided once from its sheets: the rule of which appraisal stands (a
//! draft, never submitted or reopened, ranks on its self-assessment), the self and final
//! tallies, and the maximum shown per node. `rank`, `score` and the exports call this; nothing
//! else recomputes it.

use rust_decimal::Decimal;
use ssh_key::PublicKey;

use crate::answers::{Input, Sheet, Status};
use crate::integrity::{self, Integrity};
use crate::scorecard::Scorecard;
use crate::tally::{self, Tally};

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
    let sub_in = |i: usize| sub.and_then(|s| s.input(i));
    let appr_in = appr.map(|a| move |i: usize| a.input(i));
    let separate = tallies(sc, sub_in, appr_in, own, fin, detail);
    let fin: &Tally = if separate { fin } else { own };
    UnitResult::from_tallies(sc, unit, sub, appr, own, fin, integrity::check(sc, keys, sub))
}

/// The two tallies from a unit's inputs (`sub_in`) and its standing appraisal's (`appr_in`,
/// see [`standing`]): `own` from the unit's, `fin` from the appraisal's where it has an input,
/// else the unit's. Without an appraisal the final tally is the self tally: returns false, and
/// `fin` is a copy of `own` only when `detail` asks for it. The dashboard calls this with the
/// input being typed; [`figures`] with the sheets.
pub fn tallies<'a>(
    sc: &Scorecard,
    sub_in: impl Fn(usize) -> Option<&'a Input> + Copy,
    appr_in: Option<impl Fn(usize) -> Option<&'a Input>>,
    own: &mut Tally,
    fin: &mut Tally,
    detail: bool,
) -> bool {
    tally::tally_into(sc, sub_in, own);
    match appr_in {
        Some(a) => {
            tally::tally_into(sc, |i| a(i).or_else(|| sub_in(i)), fin);
            true
        }
        None => {
            if detail {
                fin.clone_from(own);
            }
            false
        }
    }
}

/// A node's maximum as shown beside its points: the scorecard's for a leaf that counts in
/// full, else what applies to this unit (spec §5.1).
pub fn shown_max(sc: &Scorecard, fin: &Tally, i: usize) -> Decimal {
    let n = &sc.nodes[i];
    if n.is_leaf() && fin.nodes[i].applicable == n.contributing_max() { n.max } else { fin.nodes[i].applicable }
}

/// What a unit's band rests on, as every table says beside it (issue 21).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BandBasis {
    /// Appraised or final, with every Office-only point given.
    Appraised,
    /// Under appraisal, or appraised but still lacking Office-only (survey) points: "tạm tính".
    Provisional,
    /// Nothing of the Office's stands yet: computed from the unit's self-assessment alone,
    /// "tự xếp loại".
    SelfAssessed,
}

impl BandBasis {
    /// The code word (JSON's `band_basis`).
    pub fn as_str(self) -> &'static str {
        match self {
            BandBasis::Appraised => "appraised",
            BandBasis::Provisional => "provisional",
            BandBasis::SelfAssessed => "self",
        }
    }
}

/// What has an input, counted one way everywhere (the dashboard's header, its dialogs,
/// `status`): the criteria the unit answers apart from the Office's own (survey) ones, so a
/// complete unit is 82/82, not 82/86.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Criteria the unit answers, with an input.
    pub unit_done: u32,
    pub unit_all: u32,
    /// Criteria only the Office scores (surveys), with an input.
    pub office_done: u32,
    pub office_all: u32,
}

impl Counts {
    /// Whether only the Office scores this leaf (a survey).
    pub fn office_only(sc: &Scorecard, leaf: usize) -> bool {
        sc.nodes[leaf].rule.as_ref().is_some_and(|r| crate::rules::input_kind(r) == crate::rules::InputKind::OfficeOnly)
    }

    /// The inputs of a tally (the unit's own, or the final one).
    pub fn of(sc: &Scorecard, t: &Tally) -> Counts {
        let mut c = Counts::default();
        for i in sc.leaves() {
            let done = t.nodes.get(i).map_or(0, |n| n.scored);
            if Counts::office_only(sc, i) {
                c.office_all += 1;
                c.office_done += done;
            } else {
                c.unit_all += 1;
                c.unit_done += done;
            }
        }
        c
    }

    /// The final inputs of a unit's figures.
    pub fn of_result(sc: &Scorecard, r: &UnitResult) -> Counts {
        let office_all = sc.leaves().filter(|&i| Counts::office_only(sc, i)).count() as u32;
        let unit_all = r.leaves.saturating_sub(office_all);
        Counts {
            unit_done: r.scored.saturating_sub(r.survey_scored).min(unit_all),
            unit_all,
            office_done: r.survey_scored.min(office_all),
            office_all,
        }
    }

    /// The unit's criteria still without an input.
    pub fn unit_left(&self) -> u32 {
        self.unit_all - self.unit_done
    }
}

/// One unit's figures: small, so that 10,000 of them fit in little memory.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UnitResult {
    /// Index into `Workspace::units`.
    pub unit: usize,
    /// `None` when the unit has no submission (status "missing").
    pub status: Option<Status>,
    pub self_total: Decimal,
    pub self_index: Decimal,
    /// Final: the appraisal's input where it has one, else the unit's.
    pub total: Decimal,
    pub index: Decimal,
    /// Leaves with a final input, out of all leaves.
    pub scored: u32,
    /// Of `scored`, the Office-only (survey) leaves ([`Counts`]).
    pub survey_scored: u32,
    pub leaves: u32,
    /// Leaves the Office has appraised (an appraisal entry with an input).
    pub appraised: u32,
    /// Final total of each area, in `Scorecard::areas` order.
    pub area_totals: Vec<Decimal>,
    /// Each area's applicable max for this unit (spec §5.1), in `Scorecard::areas` order.
    pub area_max: Vec<Decimal>,
    /// The final index's denominator for this unit, the applicable weight (spec §5.1: the
    /// scorecard's max less what its excluded leaves weigh).
    pub max: Decimal,
    /// What the unit can score by itself (the self total's ceiling: no survey points).
    pub self_max: Decimal,
    /// The self index lacks Office-only (survey) points (always, when the scorecard has some).
    pub self_provisional: bool,
    /// The self index's band: its position in `Scorecard::bands`.
    pub self_band: Option<usize>,
    /// The final index still lacks Office-only (survey) points: it is provisional (tạm tính).
    pub provisional: bool,
    /// The final index's band: its position in `Scorecard::bands` (highest first).
    pub band: Option<usize>,
    /// The submission's seal digest, when submitted.
    pub seal: Option<String>,
    /// Whether the submission still holds what was sealed and signed.
    pub integrity: Integrity,
}

impl UnitResult {
    /// [`figures`] with buffers of its own; `keys`: the unit's listed keys (`Unit::keys`),
    /// against which its signature is verified.
    pub fn compute(sc: &Scorecard, keys: &[PublicKey], unit: usize, sub: Option<&Sheet>, appr: Option<&Sheet>) -> UnitResult {
        figures(sc, keys, unit, sub, appr, &mut Tally::default(), &mut Tally::default(), false)
    }

    /// The figures from the two tallies [`tallies`] made; `appr` is the standing appraisal
    /// ([`standing`]) and `integrity` the submission's ([`integrity::check`]).
    pub fn from_tallies(
        sc: &Scorecard,
        unit: usize,
        sub: Option<&Sheet>,
        appr: Option<&Sheet>,
        own: &Tally,
        fin: &Tally,
        integrity: Integrity,
    ) -> UnitResult {
        UnitResult {
            unit,
            status: sub.map(|s| s.status),
            self_total: own.total(),
            self_index: own.index,
            total: fin.total(),
            index: fin.index,
            scored: fin.scored_leaves(sc),
            survey_scored: Counts::of(sc, fin).office_done,
            leaves: sc.leaf_count() as u32,
            appraised: appr.map_or(0, |a| a.answers.values().filter(|x| x.input.is_some()).count() as u32),
            area_totals: sc.areas.iter().map(|&a| fin.nodes[a].total()).collect(),
            area_max: sc.areas.iter().map(|&a| fin.nodes[a].applicable).collect(),
            max: fin.max,
            self_max: own.self_max(sc),
            self_provisional: own.lacks_office_points(sc),
            // A unit that has saved nothing yet is not banded (it has no index of its own).
            self_band: sub.and_then(|_| sc.band_pos(own.index)),
            provisional: fin.lacks_office_points(sc),
            band: sub.and_then(|_| sc.band_pos(fin.index)),
            seal: sub.and_then(|s| s.seal.clone()),
            integrity,
        }
    }

    /// The result of a unit a sheet of which failed to load: no status, no figures, no band;
    /// only its integrity says so (`Integrity::Unreadable`).
    pub fn unreadable(sc: &Scorecard, unit: usize) -> UnitResult {
        let zeros = vec![Decimal::ZERO; sc.areas.len()];
        UnitResult {
            unit,
            status: None,
            self_total: Decimal::ZERO,
            self_index: Decimal::ZERO,
            total: Decimal::ZERO,
            index: Decimal::ZERO,
            scored: 0,
            survey_scored: 0,
            leaves: sc.leaf_count() as u32,
            appraised: 0,
            area_totals: zeros.clone(),
            area_max: zeros,
            max: Decimal::ZERO,
            self_max: Decimal::ZERO,
            self_provisional: false,
            self_band: None,
            provisional: false,
            band: None,
            seal: None,
            integrity: Integrity::Unreadable,
        }
    }

    /// Whether a sheet of the unit failed to load (it is then not ranked).
    pub fn is_unreadable(&self) -> bool {
        self.integrity.is_unreadable()
    }

    /// The final index's band.
    pub fn band<'a>(&self, sc: &'a Scorecard) -> Option<&'a crate::scorecard::Band> {
        self.band.and_then(|p| sc.bands.get(p))
    }

    /// What the final band rests on (issue 21); `None` without a band (a unit with no
    /// submission never has one).
    pub fn band_basis(&self) -> Option<BandBasis> {
        self.band?;
        let appraised = matches!(self.status, Some(Status::Appraised | Status::Final));
        Some(if appraised && !self.provisional {
            BandBasis::Appraised
        } else if !appraised && self.appraised == 0 {
            BandBasis::SelfAssessed
        } else {
            BandBasis::Provisional
        })
    }

    /// The self index's band.
    pub fn self_band<'a>(&self, sc: &'a Scorecard) -> Option<&'a crate::scorecard::Band> {
        self.self_band.and_then(|p| sc.bands.get(p))
    }

    /// `missing`, `unreadable`, or the workflow status.
    pub fn status_str(&self) -> &'static str {
        if self.is_unreadable() {
            return "unreadable";
        }
        self.status.map_or("missing", Status::as_str)
    }

    /// An area's final sub-index (total ÷ applicable max × 100, 2 decimals); `None` when
    /// nothing in it applies to the unit.
    pub fn area_index(&self, _sc: &Scorecard, k: usize) -> Option<Decimal> {
        tally::sub_index(self.area_totals[k], self.area_max[k])
    }
}
