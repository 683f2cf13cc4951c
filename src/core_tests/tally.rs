//! The arithmetic of spec §3, rule by rule and edge by edge, plus property tests.

use super::final_tally;
use crate::core::answers::{Input, Sheet};
#[allow(unused_imports)]
use crate::core::date::Date;
use crate::core::scorecard::Scorecard;
use crate::core::tally::*;
#[allow(unused_imports)]
use crate::text::Render;
#[allow(unused_imports)]
use crate::text::msg::Message;
use proptest::prelude::*;
#[allow(unused_imports)]
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn sc(body: &str) -> Scorecard {
    let text = format!("[scorecard]\nid = \"t\"\ntitle = \"T\"\n{body}");
    Scorecard::from_toml_str("t.toml", &text).unwrap_or_else(|e| panic!("{}", e.diagnostics.render()))
}

/// A sheet from `(id, input)` pairs.
fn sheet(sc: &Scorecard, inputs: &[(&str, Input)]) -> Sheet {
    let mut s = Sheet::new("u");
    for (id, input) in inputs {
        s.answer_mut(sc.node_index(id).unwrap_or_else(|| panic!("no {id}"))).input = Some(input.clone());
    }
    s
}

fn pts(v: &str) -> Input {
    Input::Points(d(v))
}
fn val(v: &str) -> Input {
    Input::Value(d(v))
}

/// Two areas: 1 (max 10: manual 4, choice 2, bands 2, target 2, a deduction, a bonus) and
/// 2 (max 10: manual 6, survey 4).
const CARD: &str = r#"
[[criterion]]
id = "1"
title = "A"
[[criterion]]
id = "1.1"
title = "manual"
max = 4
[[criterion]]
id = "1.2"
title = "choice"
max = 2
rule = "choice"
options = [{ key = "on_time", label = "Đúng hạn", points = 2 }, { key = "late", label = "Chậm", points = 1 }, { key = "none", label = "Không", points = 0 }]
[[criterion]]
id = "1.3"
title = "bands"
max = 2
rule = "bands"
unit = "%"
bands = [{ min = 70, points = 1 }, { min = 90, points = 2 }]
[[criterion]]
id = "1.4"
title = "target"
max = 2
rule = "target"
target = 3
[[criterion]]
id = "1.5"
title = "deduction"
rule = "deduction"
per = 0.5
cap = 1.5
[[criterion]]
id = "1.6"
title = "bonus"
rule = "bonus"
max = 1
[[criterion]]
id = "2"
title = "B"
[[criterion]]
id = "2.1"
title = "manual"
max = 6
[[criterion]]
id = "2.2"
title = "survey"
max = 4
rule = "survey"
"#;

#[test]
fn empty_input_scores_zero_and_nothing_is_scored() {
    let c = sc(CARD);
    let t = self_tally(&c, None);
    assert_eq!(t.index, d("0"));
    assert_eq!(t.weighted_total, d("0"));
    assert!(t.nodes.iter().all(|n| n.total().is_zero()));
    assert_eq!(t.scored_leaves(&c), 0);
    assert!(!t.nodes[0].is_scored());
    let empty = Sheet::new("u");
    assert_eq!(self_tally(&c, Some(&empty)), t);
}

#[test]
fn each_rule_gives_its_points() {
    let c = sc(CARD);
    let leaf = |id: &str, input: Input| {
        let s = sheet(&c, &[(id, input)]);
        let t = self_tally(&c, Some(&s));
        t.nodes[c.node_index(id).unwrap()].total()
    };
    assert_eq!(leaf("1.1", pts("3.75")), d("3.75"));
    assert_eq!(leaf("1.2", Input::Choice("late".into())), d("1"));
    assert_eq!(leaf("1.2", Input::Choice("on_time".into())), d("2"));
    // Bands: the band with the largest min ≤ value; 0 below every min.
    assert_eq!(leaf("1.3", val("95")), d("2"));
    assert_eq!(leaf("1.3", val("90")), d("2"));
    assert_eq!(leaf("1.3", val("89.99")), d("1"));
    assert_eq!(leaf("1.3", val("69")), d("0"));
    // done/planned read as done × 100 / planned: 18/20 = 90 %.
    assert_eq!(leaf("1.3", Input::Ratio { done: d("18"), planned: d("20") }), d("2"));
    assert_eq!(leaf("1.3", Input::Ratio { done: d("2"), planned: d("3") }), d("0"));
    // Target: max × min(value, target) / target, 2 decimals half away from zero: 2 × 1/3 = 0.67.
    assert_eq!(leaf("1.4", val("1")), d("0.67"));
    assert_eq!(leaf("1.4", val("2")), d("1.33"));
    assert_eq!(leaf("1.4", val("7")), d("2"));
    assert_eq!(leaf("1.4", val("0")), d("0"));
    // Deduction: −min(value × per, cap).
    assert_eq!(leaf("1.5", val("1")), d("-0.5"));
    assert_eq!(leaf("1.5", val("3")), d("-1.5"));
    assert_eq!(leaf("1.5", val("10")), d("-1.5"));
    assert_eq!(leaf("1.6", pts("1")), d("1"));
    assert_eq!(leaf("2.2", pts("3.37")), d("3.37"));
}

#[test]
fn a_full_card_reaches_exactly_100() {
    let c = sc(CARD);
    let s = sheet(
        &c,
        &[
            ("1.1", pts("4")),
            ("1.2", Input::Choice("on_time".into())),
            ("1.3", val("100")),
            ("1.4", val("3")),
            ("1.5", val("0")),
            ("1.6", pts("0")),
            ("2.1", pts("6")),
            ("2.2", pts("4")),
        ],
    );
    let t = self_tally(&c, Some(&s));
    assert_eq!(c.max, d("20"));
    assert_eq!(t.weighted_total, d("20"));
    assert_eq!(t.index, d("100"));
    assert!(t.nodes[0].is_scored() && t.nodes[c.node_index("2").unwrap()].is_scored());
}

#[test]
fn deduction_past_the_cap_and_an_area_clamped_at_zero() {
    let c = sc(CARD);
    // Area 1: 0.5 points, deduction of 1.5 (capped): base −1 clamps to 0.
    let s = sheet(&c, &[("1.1", pts("0.5")), ("1.5", val("99")), ("2.1", pts("6"))]);
    let t = self_tally(&c, Some(&s));
    assert_eq!(t.nodes[c.node_index("1.5").unwrap()].base, d("-1.5"));
    assert_eq!(t.nodes[0].base, d("0"));
    assert_eq!(t.nodes[0].total(), d("0"));
    assert_eq!(t.index, d("30"));
}

#[test]
fn bonus_is_added_above_the_clamp_and_can_lift_the_index_above_100() {
    let c = sc(CARD);
    let s = sheet(
        &c,
        &[
            ("1.1", pts("4")),
            ("1.2", Input::Choice("on_time".into())),
            ("1.3", val("100")),
            ("1.4", val("3")),
            ("1.6", pts("1")),
            ("2.1", pts("6")),
            ("2.2", pts("4")),
        ],
    );
    let t = self_tally(&c, Some(&s));
    assert_eq!(t.nodes[0].base, d("10"));
    assert_eq!(t.nodes[0].bonus, d("1"));
    assert_eq!(t.nodes[0].total(), d("11"));
    assert_eq!(t.index, d("105"));
}

#[test]
fn a_bonus_only_area_adds_its_total_unweighted() {
    let c = sc(r#"
[[criterion]]
id = "1"
title = "A"
[[criterion]]
id = "1.1"
title = "a"
max = 8
[[criterion]]
id = "9"
title = "Điểm thưởng"
[[criterion]]
id = "9.1"
title = "b"
rule = "bonus"
max = 2
"#);
    assert_eq!(c.max, d("8"));
    let s = sheet(&c, &[("1.1", pts("6")), ("9.1", pts("1"))]);
    let t = self_tally(&c, Some(&s));
    assert_eq!(t.weighted_total, d("7"));
    assert_eq!(t.index, d("87.5"));
    assert_eq!(t.sub_index(&c, c.node_index("9").unwrap()), None);
}

#[test]
fn weights_scale_each_area() {
    let c = sc(r#"
[[criterion]]
id = "1"
title = "A"
weight = 70
[[criterion]]
id = "1.1"
title = "a"
max = 3
[[criterion]]
id = "2"
title = "B"
weight = 30
[[criterion]]
id = "2.1"
title = "b"
max = 7
"#);
    let s = sheet(&c, &[("1.1", pts("1")), ("2.1", pts("7"))]);
    let t = self_tally(&c, Some(&s));
    // 1/3 × 70 + 7/7 × 30 = 53.333…; index rounded half away from zero.
    assert_eq!(t.index, d("53.33"));
    assert_eq!(t.total(), d("53.33"));
    let s = sheet(&c, &[("1.1", pts("2")), ("2.1", pts("0"))]);
    assert_eq!(self_tally(&c, Some(&s)).index, d("46.67"));
}

#[test]
fn index_rounds_half_away_from_zero() {
    // max 800: 0.25 points is an index of 0.03125 → 0.03; 0.5 is 0.0625 → 0.06; 0.75 → 0.09375 → 0.09.
    let c = sc("[[criterion]]\nid = \"1\"\ntitle = \"A\"\nmax = 800\n");
    let idx = |p: &str| self_tally(&c, Some(&sheet(&c, &[("1", pts(p))]))).index;
    assert_eq!(idx("0.25"), d("0.03"));
    assert_eq!(idx("0.5"), d("0.06"));
    // max 400: 0.25 → 0.0625 → 0.06; 1.25 → 0.3125 → 0.31; and a true midpoint: max 8, 0.25 → 3.125 → 3.13.
    let c8 = sc("[[criterion]]\nid = \"1\"\ntitle = \"A\"\nmax = 8\n");
    assert_eq!(self_tally(&c8, Some(&sheet(&c8, &[("1", pts("0.25"))]))).index, d("3.13"));
}

#[test]
fn appraisal_overrides_the_units_input_per_criterion() {
    let c = sc(CARD);
    let sub = sheet(&c, &[("1.1", pts("4")), ("2.1", pts("6"))]);
    let appr = sheet(&c, &[("1.1", pts("2")), ("2.2", pts("3"))]);
    let own = self_tally(&c, Some(&sub));
    let fin = final_tally(&c, Some(&sub), Some(&appr));
    assert_eq!(own.weighted_total, d("10"));
    // 1.1 → 2 (appraised), 2.1 → 6 (the unit's), 2.2 → 3 (survey, set by the Office).
    assert_eq!(fin.weighted_total, d("11"));
    assert_eq!(fin.index, d("55"));
    assert_eq!(own.index, d("50"));
    // A unit with no submission but an appraisal still gets the appraisal's points.
    assert_eq!(final_tally(&c, None, Some(&appr)).weighted_total, d("5"));
}

#[test]
fn tally_into_reuses_its_buffer_and_agrees() {
    let c = sc(CARD);
    let s = sheet(&c, &[("1.1", pts("4")), ("1.3", val("80"))]);
    let mut t = self_tally(&c, None);
    tally_into(&c, |i| s.input(i), &mut t);
    assert_eq!(t, self_tally(&c, Some(&s)));
}

/// An input strategy that fits each leaf of CARD.
fn arb_sheet(c: &Scorecard) -> impl Strategy<Value = Sheet> + use<> {
    let leaves: Vec<(usize, String)> = c.leaves().map(|i| (i, c.nodes[i].rule.as_ref().unwrap().name().to_owned())).collect();
    let per_leaf: Vec<BoxedStrategy<Option<Input>>> = leaves
        .iter()
        .map(|(_, rule)| {
            let s: BoxedStrategy<Input> = match rule.as_str() {
                "manual" | "bonus" | "survey" => (0u32..=16).prop_map(|q| Input::Points(Decimal::from(q) * Decimal::new(25, 2))).boxed(),
                "choice" => prop::sample::select(vec!["on_time", "late", "none"]).prop_map(|k| Input::Choice(k.into())).boxed(),
                "bands" => prop_oneof![
                    (0u32..=150).prop_map(|v| Input::Value(Decimal::from(v))),
                    (0u32..=50, 1u32..=50).prop_map(|(a, b)| Input::Ratio { done: Decimal::from(a), planned: Decimal::from(b) })
                ]
                .boxed(),
                _ => (0u32..=10).prop_map(|v| Input::Value(Decimal::from(v))).boxed(),
            };
            prop::option::of(s).boxed()
        })
        .collect();
    let idx: Vec<usize> = leaves.iter().map(|x| x.0).collect();
    per_leaf.prop_map(move |inputs| {
        let mut s = Sheet::new("u");
        for (i, inp) in idx.iter().zip(inputs) {
            if let Some(inp) = inp {
                s.answer_mut(*i).input = Some(inp);
            }
        }
        s
    })
}

/// Keeps only inputs that fit their leaf (the loaders refuse the rest), clamping manual points
/// to the leaf's max.
fn fit(c: &Scorecard, mut s: Sheet, by_office: bool) -> Sheet {
    for (i, a) in s.answers.iter_mut() {
        let node = &c.nodes[*i];
        if let Some(Input::Points(p)) = &mut a.input {
            *p = (*p).min(node.max);
        }
        if a.input.as_ref().is_some_and(|inp| crate::core::rules::validate(node, c.step, inp, by_office).is_err()) {
            a.input = None;
        }
    }
    s
}

proptest! {
    #[test]
    fn the_index_never_exceeds_100_without_bonus(s in arb_sheet(&sc(CARD))) {
        let c = sc(CARD);
        let mut s = fit(&c, s, true);
        let bonus = c.node_index("1.6").unwrap();
        s.answers.remove(&bonus);
        let t = final_tally(&c, None, Some(&s));
        prop_assert!(t.index <= d("100"), "index {}", t.index);
        prop_assert!(t.index >= d("0"));
        for (i, n) in c.nodes.iter().enumerate() {
            if !n.is_leaf() {
                prop_assert!(t.nodes[i].base <= n.max && t.nodes[i].base >= Decimal::ZERO);
            }
        }
    }

    #[test]
    fn appraising_every_criterion_to_the_units_own_input_changes_nothing(s in arb_sheet(&sc(CARD))) {
        let c = sc(CARD);
        let sub = fit(&c, s, false);
        let mut appr = Sheet::new("u");
        for (&i, a) in &sub.answers {
            appr.answer_mut(i).input = a.input.clone();
        }
        let own = self_tally(&c, Some(&sub));
        let fin = final_tally(&c, Some(&sub), Some(&appr));
        prop_assert_eq!(own.index, fin.index);
        prop_assert_eq!(own.weighted_total, fin.weighted_total);
        prop_assert_eq!(own.nodes, fin.nodes);
    }

    #[test]
    fn ranks_are_a_permutation_with_correct_ties(idx in prop::collection::vec(0u32..=400, 0..40)) {
        use crate::core::rank::{rank, Rankable};
        struct U(String, Decimal);
        impl Rankable for U {
            fn index(&self) -> Decimal { self.1 }
            fn name(&self) -> &str { &self.0 }
        }
        // Quarter-point indexes, many ties.
        let items: Vec<U> = idx.iter().enumerate().map(|(k, &v)| U(format!("Đơn vị {k}"), Decimal::from(v) / Decimal::from(4))).collect();
        let ranked = rank(&items);
        let mut seen: Vec<usize> = ranked.iter().map(|x| x.0).collect();
        seen.sort_unstable();
        prop_assert_eq!(seen, (0..items.len()).collect::<Vec<_>>());
        for (pos, &(i, r)) in ranked.iter().enumerate() {
            // Rank = 1 + the number of units strictly better.
            let better = items.iter().filter(|u| u.1 > items[i].1).count() as u32;
            prop_assert_eq!(r, better + 1);
            if pos > 0 {
                prop_assert!(items[ranked[pos - 1].0].1 >= items[i].1);
            }
        }
    }
}

/// The card with "not applicable" marks (spec §5.1): 1.1 and 1.3 excluded, 1.2 and 2.1 full.
fn na_card() -> Scorecard {
    let text = CARD
        .replace("title = \"manual\"\nmax = 4\n", "title = \"manual\"\nmax = 4\nna = \"excluded\"\n")
        .replace("title = \"bands\"\nmax = 2\n", "title = \"bands\"\nmax = 2\nna = \"excluded\"\n")
        .replace("title = \"choice\"\nmax = 2\n", "title = \"choice\"\nmax = 2\nna = \"full\"\n")
        .replace("title = \"manual\"\nmax = 6\n", "title = \"manual\"\nmax = 6\nna = \"full\"\n");
    let c = sc(&text);
    assert_eq!(c.node("1.1").unwrap().na, Some(crate::core::scorecard::Na::Excluded));
    assert_eq!(c.node("2.1").unwrap().na, Some(crate::core::scorecard::Na::Full));
    c
}

#[test]
fn not_applicable_leaves_the_maxima_or_scores_the_max() {
    let c = na_card();
    // Area 1: 1.1 (4) excluded; 1.2 choice on time 2, 1.3 bands 95% 2, 1.4 target 3/3 2 → 6/6.
    // Area 2: 2.1 full (6), survey 2 of 4 → 8/10. Spec §5.1: each area scales by its
    // scorecard max (10 × 10 ÷ 10), the excluded 4 leaves the denominator once:
    // weighted total = 6 + 8 = 14, applicable weight = 10 × 6/10 + 10 = 16, index 87.5%.
    // (The earlier rule scaled area 1 by 10/6: (10 + 8) ÷ 20 = 90%.)
    let s = sheet(
        &c,
        &[
            ("1.1", Input::Na(true)),
            ("1.2", Input::Choice("on_time".into())),
            ("1.3", val("95")),
            ("1.4", val("3")),
            ("2.1", Input::Na(true)),
            ("2.2", pts("2")),
        ],
    );
    let t = final_tally(&c, None, Some(&s));
    assert_eq!(t.nodes[c.node_index("1").unwrap()].applicable, d("6"));
    assert_eq!(t.nodes[c.node_index("1.1").unwrap()].base, d("0"));
    assert!(t.nodes[c.node_index("1.1").unwrap()].is_scored());
    assert_eq!(t.nodes[c.node_index("2.1").unwrap()].base, d("6"));
    assert_eq!(t.weighted_total, d("14"));
    assert_eq!(t.max, d("16"));
    assert_eq!(t.index, d("87.5"));
    assert_eq!(t.sub_index(&c, c.node_index("1").unwrap()), Some(d("100")));
}

#[test]
fn the_offices_refusal_leaves_no_input_until_it_gives_one() {
    let c = na_card();
    let sub = sheet(&c, &[("1.1", Input::Na(true))]);
    let refused = sheet(&c, &[("1.1", Input::Na(false))]);
    let t = final_tally(&c, Some(&sub), Some(&refused));
    let i = c.node_index("1.1").unwrap();
    assert_eq!(t.nodes[i].scored, 0);
    assert_eq!(t.nodes[i].applicable, d("4"));
    assert_eq!(t.max, d("20"));
    let own = self_tally(&c, Some(&sub));
    assert_eq!(own.nodes[i].applicable, d("0"));
}

#[test]
fn an_area_with_nothing_applicable_adds_only_its_bonus_and_leaves_the_denominator() {
    // Area 1 holds one excluded leaf and a bonus; area 2 a manual leaf.
    let c = sc(r#"
[[criterion]]
id = "1"
title = "A"
[[criterion]]
id = "1.1"
title = "m"
max = 4
na = "excluded"
[[criterion]]
id = "1.2"
title = "b"
rule = "bonus"
max = 1
[[criterion]]
id = "2"
title = "B"
[[criterion]]
id = "2.1"
title = "m"
max = 6
"#);
    let s = sheet(&c, &[("1.1", Input::Na(true)), ("1.2", pts("1")), ("2.1", pts("3"))]);
    let t = final_tally(&c, None, Some(&s));
    // (1 × 4/4 + 3 × 6/6) ÷ (4 × 0/4 + 6 × 6/6) × 100 = 66.67
    assert_eq!(t.max, d("6"));
    assert_eq!(t.index, d("66.67"));
    assert_eq!(t.sub_index(&c, 0), None);
    // Nothing applicable anywhere: index 0.
    let c2 = sc("[[criterion]]\nid = \"1\"\ntitle = \"A\"\n[[criterion]]\nid = \"1.1\"\ntitle = \"m\"\nmax = 4\nna = \"excluded\"\n");
    let t2 = final_tally(&c2, None, Some(&sheet(&c2, &[("1.1", Input::Na(true))])));
    assert_eq!((t2.max, t2.index), (d("0"), d("0")));
}

/// The input that scores a leaf's max, for the leaves of [`na_card`] marked "full".
fn max_input(c: &Scorecard, id: &str) -> Input {
    match c.node(id).unwrap().rule.as_ref().unwrap() {
        Rule::Choice(opts) => Input::Choice(opts.iter().max_by_key(|o| o.points).unwrap().key.clone()),
        _ => Input::Points(c.node(id).unwrap().max),
    }
}

use crate::core::scorecard::Rule;

proptest! {
    #[test]
    fn an_excluded_leaf_never_lowers_an_index(s in arb_sheet(&na_card()), which in 0usize..2) {
        let c = na_card();
        let s = fit(&c, s, true);
        let id = ["1.1", "1.3"][which];
        let i = c.node_index(id).unwrap();
        let mut zero = s.clone();
        zero.answers.remove(&i);
        let mut na = s.clone();
        na.answer_mut(i).input = Some(Input::Na(true));
        let (tz, tn) = (final_tally(&c, None, Some(&zero)), final_tally(&c, None, Some(&na)));
        prop_assert!(tn.index >= tz.index, "{id}: excluded {} < unanswered {}", tn.index, tz.index);
        // And every group's base stays inside its applicable max.
        for (k, n) in c.nodes.iter().enumerate() {
            if !n.is_leaf() {
                prop_assert!(tn.nodes[k].base <= tn.nodes[k].applicable);
            }
        }
    }

    #[test]
    fn full_equals_answering_the_max(s in arb_sheet(&na_card()), which in 0usize..2) {
        let c = na_card();
        let s = fit(&c, s, true);
        let id = ["1.2", "2.1"][which];
        let i = c.node_index(id).unwrap();
        let mut na = s.clone();
        na.answer_mut(i).input = Some(Input::Na(true));
        let mut max = s.clone();
        max.answer_mut(i).input = Some(max_input(&c, id));
        let (tn, tm) = (final_tally(&c, None, Some(&na)), final_tally(&c, None, Some(&max)));
        prop_assert_eq!(tn.index, tm.index);
        prop_assert_eq!(tn.weighted_total, tm.weighted_total);
        prop_assert_eq!(tn.nodes, tm.nodes);
    }
}

#[test]
fn what_a_unit_can_score_itself_and_whether_office_points_are_missing() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scorecards/par-2020.toml");
    let c = crate::core::store::read::load_scorecard(&path).unwrap();
    // The shipped scorecard's surveys are worth 9 of its 100 points.
    let none = self_tally(&c, None);
    assert_eq!(none.self_max(&c), d("91"));
    assert!(none.lacks_office_points(&c));
    // Survey points given by the Office: no longer provisional.
    let mut appr = Sheet::new("u");
    for i in c.leaves().filter(|&i| matches!(c.nodes[i].rule, Some(Rule::Survey))) {
        appr.answer_mut(i).input = Some(Input::Points(Decimal::ONE));
    }
    assert!(!final_tally(&c, None, Some(&appr)).lacks_office_points(&c));
    // On the small card: area 2 holds a manual 6 and a survey 4 → 20 − 4 = 16.
    let small = sc(CARD);
    assert_eq!(self_tally(&small, None).self_max(&small), d("16"));
}

/// Issue 21 (spec §5.1 as changed): excluding a 1-point criterion costs every unit the same,
/// whatever the area it sits in and however small that area is. Two units score the same
/// points; one has 1.2 (1 point, in a 4-point area) excluded, the other 2.2 (1 point, in a
/// 16-point area). Before the change the first lost far more than the second.
#[test]
fn an_excluded_criterion_costs_every_unit_the_same_whatever_its_area() {
    let c = sc(r#"
[[criterion]]
id = "1"
title = "Small"
[[criterion]]
id = "1.1"
title = "m"
max = 3
[[criterion]]
id = "1.2"
title = "m"
max = 1
na = "excluded"
[[criterion]]
id = "2"
title = "Big"
[[criterion]]
id = "2.1"
title = "m"
max = 15
[[criterion]]
id = "2.2"
title = "m"
max = 1
na = "excluded"
"#);
    let a = sheet(&c, &[("1.1", pts("2")), ("1.2", Input::Na(true)), ("2.1", pts("12")), ("2.2", pts("1"))]);
    let b = sheet(&c, &[("1.1", pts("2")), ("1.2", pts("1")), ("2.1", pts("12")), ("2.2", Input::Na(true))]);
    let (ta, tb) = (final_tally(&c, None, Some(&a)), final_tally(&c, None, Some(&b)));
    // Σ totals ÷ Σ applicable maxima: 15 ÷ 19 for both.
    assert_eq!((ta.weighted_total, ta.max, ta.index), (d("15"), d("19"), d("78.95")));
    assert_eq!((tb.weighted_total, tb.max, tb.index), (d("15"), d("19"), d("78.95")));
    // With weights, an area scales by weight ÷ its scorecard max, and the excluded max
    // leaves the denominator weighted the same way: area 1 weighs 8 (× 2), area 2 weighs 8 (× ½).
    let w = sc(r#"
[[criterion]]
id = "1"
title = "Small"
weight = 8
[[criterion]]
id = "1.1"
title = "m"
max = 3
[[criterion]]
id = "1.2"
title = "m"
max = 1
na = "excluded"
[[criterion]]
id = "2"
title = "Big"
weight = 8
[[criterion]]
id = "2.1"
title = "m"
max = 16
"#);
    let s = sheet(&w, &[("1.1", pts("3")), ("1.2", Input::Na(true)), ("2.1", pts("8"))]);
    let t = final_tally(&w, None, Some(&s));
    // weighted = 3 × 8/4 + 8 × 8/16 = 10; applicable weight = 8 × 3/4 + 8 = 14; 71.43%.
    assert_eq!((t.weighted_total, t.max, t.index), (d("10"), d("14"), d("71.43")));
    assert_eq!(t.self_max(&w), d("14"));
}
