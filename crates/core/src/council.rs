//! The appraisal council (issue 21): `[[appraiser]]` roles of workspace.toml, each of which
//! appraises a part of the scorecard (whole areas, or named criteria), and the arithmetic of
//! who owns which leaf and how far each part has come. Without any `[[appraiser]]` the Office
//! appraises everything, as before.

use crate::answers::Sheet;
use crate::say::register::RegisterMsg;
use crate::say::toml::Place;
use crate::scorecard::Scorecard;
use crate::toml_in::{Reader, Span, Table};

/// A role that appraises a part of the scorecard (`[[appraiser]]` in workspace.toml).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Appraiser {
    pub id: String,
    pub name: String,
    /// OS users who act for it.
    pub users: Vec<String>,
    /// Whole areas it appraises (area ids: "6").
    pub areas: Vec<String>,
    /// Criteria it appraises (any node id: a group covers its leaves).
    pub criteria: Vec<String>,
}

/// What [`read_appraisers`] keeps for the checks made once the scorecard is loaded: the
/// appraiser, the spans of its `areas` and of its `criteria`.
pub type Read = (Appraiser, Vec<Span>, Vec<Span>);

/// Reads the `[[appraiser]]` tables of workspace.toml (at most [`crate::limits::APPRAISERS`];
/// names at most [`crate::limits::Field::AppraiserName`]). The areas and criteria are checked
/// against the scorecard later ([`check`]).
pub fn read_appraisers<T: Table>(r: &mut Reader, doc: &T) -> Vec<Read> {
    let mut out: Vec<Read> = Vec::new();
    let mut count = 0usize;
    r.each_table(doc, "appraiser", |r, t, sp| {
        count += 1;
        if count > crate::limits::List::Appraisers.max() {
            if count == crate::limits::List::Appraisers.max() + 1 {
                r.error(
                    sp,
                    RegisterMsg::Limit {
                        over: crate::limits::Over::Items {
                            list: crate::limits::List::Appraisers,
                            max: crate::limits::List::Appraisers.max(),
                            n: count,
                        },
                    },
                );
            }
            return;
        }
        r.unknown_keys(t, &["id", "name", "users", "areas", "criteria"], Place::Appraiser);
        let id = r.req_string(t, "id", sp.clone(), Place::ThisAppraiser);
        let name = r.req_string(t, "name", sp.clone(), Place::ThisAppraiser);
        let users = r.strings(t, "users").into_iter().map(|x| x.0).collect();
        let areas = r.strings(t, "areas");
        let crits = r.strings(t, "criteria");
        let (Some((id, isp)), Some((name, nsp))) = (id, name) else { return };
        if !crate::valid_unit_id(&id) {
            r.error(isp, RegisterMsg::AppraiserBadId { id });
            return;
        }
        if out.iter().any(|(x, _, _)| x.id == id) {
            r.error(isp, RegisterMsg::AppraiserTwice { id });
            return;
        }
        if let Some(over) = crate::limits::Field::AppraiserName.check(&name) {
            r.error(nsp, RegisterMsg::Limit { over });
            return;
        }
        if areas.is_empty() && crits.is_empty() {
            r.error(isp, RegisterMsg::AppraiserNoPart { id });
            return;
        }
        let (areas, aspans): (Vec<String>, Vec<Span>) = areas.into_iter().unzip();
        let (criteria, cspans): (Vec<String>, Vec<Span>) = crits.into_iter().unzip();
        out.push((Appraiser { id, name, users, areas, criteria }, aspans, cspans));
    });
    out
}

/// The problems of the appraisers against the scorecard, each at its place in workspace.toml:
/// an area that is not an area, a criterion the scorecard lacks, a leaf given to two appraisers.
pub fn check(read: &[Read], sc: &Scorecard) -> Vec<(RegisterMsg, Span)> {
    let mut out = Vec::new();
    let mut owner: Vec<Option<usize>> = vec![None; sc.nodes.len()];
    for (k, (a, aspans, cspans)) in read.iter().enumerate() {
        let areas = a.areas.iter().zip(aspans).map(|(x, s)| (x, s, true));
        let crits = a.criteria.iter().zip(cspans).map(|(x, s)| (x, s, false));
        for (id, sp, area) in areas.chain(crits) {
            let found = sc.node_index(id).filter(|&i| !area || sc.nodes[i].depth == 0);
            let Some(i) = found else {
                let msg = if area { RegisterMsg::UnknownArea { id: id.clone() } } else { RegisterMsg::UnknownCriterion { id: id.clone() } };
                out.push((msg, sp.clone()));
                continue;
            };
            for leaf in (i..sc.nodes[i].end).filter(|&j| sc.nodes[j].is_leaf()) {
                match owner[leaf] {
                    Some(o) if o != k => {
                        out.push((RegisterMsg::PartTwice { id: sc.nodes[leaf].id.clone(), first: read[o].0.id.clone() }, sp.clone()));
                        break;
                    }
                    _ => owner[leaf] = Some(k),
                }
            }
        }
    }
    out
}

/// Which appraiser owns each node of the scorecard (by position in `appraisers`): leaves only;
/// `None` for a leaf nobody was given (the Office appraises it) and for groups.
pub fn owners(appraisers: &[Appraiser], sc: &Scorecard) -> Vec<Option<usize>> {
    let mut owner: Vec<Option<usize>> = vec![None; sc.nodes.len()];
    for (k, a) in appraisers.iter().enumerate() {
        for id in a.areas.iter().chain(&a.criteria) {
            let Some(i) = sc.node_index(id) else { continue };
            for leaf in (i..sc.nodes[i].end).filter(|&j| sc.nodes[j].is_leaf()) {
                owner[leaf].get_or_insert(k);
            }
        }
    }
    owner
}

/// How far one appraiser's part of one unit has come.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartProgress {
    /// Position in the workspace's appraisers.
    pub appraiser: usize,
    /// Leaves of the part the appraisal gives a figure to.
    pub scored: usize,
    /// Leaves of the part.
    pub leaves: usize,
    /// The appraiser said the part is done (`appraise --done`).
    pub done: bool,
}

/// Every appraiser's progress on a unit: `appr` its appraisal, `done` the ids of the
/// appraisers who said their part is done. Appraisers with no leaf are left out.
pub fn progress(appraisers: &[Appraiser], owner: &[Option<usize>], appr: Option<&Sheet>, done: &[String]) -> Vec<PartProgress> {
    let mut out: Vec<PartProgress> =
        appraisers.iter().enumerate().map(|(k, a)| PartProgress { appraiser: k, scored: 0, leaves: 0, done: done.contains(&a.id) }).collect();
    for (i, o) in owner.iter().enumerate() {
        if let Some(k) = *o {
            out[k].leaves += 1;
            if appr.and_then(|s| s.input(i)).is_some() {
                out[k].scored += 1;
            }
        }
    }
    out.retain(|p| p.leaves > 0);
    out
}

/// The ids of the appraisers whose part of a unit is not done: what `mark-appraised` waits for.
pub fn missing(appraisers: &[Appraiser], progress: &[PartProgress]) -> Vec<String> {
    progress.iter().filter(|p| !p.done).map(|p| appraisers[p.appraiser].id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sc() -> Scorecard {
        Scorecard::parse(crate::diag::Source::new("s.toml", include_str!("../../../scorecards/par-2020.toml"))).unwrap()
    }

    #[test]
    fn an_area_covers_its_leaves_and_a_criterion_its_own() {
        let sc = sc();
        let a = vec![
            Appraiser { id: "tc".into(), name: "Tài chính".into(), users: vec![], areas: vec!["6".into()], criteria: vec![] },
            Appraiser { id: "tt".into(), name: "Thanh tra".into(), users: vec![], areas: vec![], criteria: vec!["4.1".into()] },
        ];
        let o = owners(&a, &sc);
        let area6 = sc.node_index("6").unwrap();
        let leaves6: Vec<usize> = (area6..sc.nodes[area6].end).filter(|&j| sc.nodes[j].is_leaf()).collect();
        assert!(!leaves6.is_empty());
        assert!(leaves6.iter().all(|&j| o[j] == Some(0)));
        let c = sc.node_index("4.1").unwrap();
        assert!((c..sc.nodes[c].end).filter(|&j| sc.nodes[j].is_leaf()).all(|j| o[j] == Some(1)));
        let p = progress(&a, &o, None, &["tt".to_owned()]);
        assert_eq!(p.len(), 2);
        assert_eq!(missing(&a, &p), vec!["tc".to_owned()]);
    }
}
