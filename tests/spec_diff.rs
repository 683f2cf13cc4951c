//! Spec §5.1 (as changed in turn 3, issue 21), differentially: random rounds (random
//! scorecards with weights, groups, every rule and "not applicable" marks; units missing, in
//! draft, submitted, appraised; appraisals overriding, refusing and adding "not applicable")
//! are scored by an independent implementation written here from the spec's text, and
//! compared exactly (as decimals) with `score --format json` and `rank --format json`.
//! Nothing of the project's tally is used here: only its binary's output.
//!
//! And the issue's own example: with 3.3.1 (1 point) excludable and excluded, every unit's
//! denominator loses exactly that 1 point, whatever the area.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

mod common;

// ---------------------------------------------------------------------------------------------
// A seeded generator (splitmix64): the same rounds on every run.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// 0..n
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// True with probability p/100.
    fn pct(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
    /// A multiple of 0.25 in [0, max] (max a multiple of 0.25).
    fn quarter(&mut self, max: Decimal) -> Decimal {
        let q = (max * Decimal::from(4)).to_u64().unwrap();
        Decimal::from(self.below(q + 1)) / Decimal::from(4)
    }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// Spec §3: 2 decimals, half away from zero.
fn round2(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

// ---------------------------------------------------------------------------------------------
// The scorecard, as this test models it.

#[derive(Clone, Debug)]
enum Rule {
    Manual,
    Choice(Vec<(String, Decimal)>),
    Bands(Vec<(Decimal, Decimal)>),
    Target(Decimal),
    Deduction { per: Decimal, cap: Decimal },
    Bonus,
    Survey,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Na {
    Full,
    Excluded,
}

#[derive(Clone, Debug)]
struct Node {
    id: String,
    /// Leaves only.
    rule: Option<Rule>,
    /// Leaves: the rule's max (0 for a deduction).
    max: Decimal,
    na: Option<Na>,
    weight: Option<Decimal>,
    children: Vec<Node>,
}

impl Node {
    fn is_leaf(&self) -> bool {
        self.rule.is_some()
    }

    /// Spec §3: a group's max is the sum of its children's; deduction and bonus add nothing.
    fn max(&self) -> Decimal {
        match &self.rule {
            Some(Rule::Bonus | Rule::Deduction { .. }) => Decimal::ZERO,
            Some(_) => self.max,
            None => self.children.iter().map(Node::max).sum(),
        }
    }

    fn walk<'a>(&'a self, out: &mut Vec<&'a Node>) {
        out.push(self);
        for c in &self.children {
            c.walk(out);
        }
    }
}

const BANDS: [(&str, &str); 4] = [("Xuất sắc", "90"), ("Tốt", "80"), ("Khá", "65"), ("Trung bình", "50")];

fn gen_leaf(rng: &mut Rng, id: String) -> Node {
    let max = Decimal::from(1 + rng.below(16)) / Decimal::from(4); // 0.25 … 4
    let rule = match rng.below(10) {
        0 | 1 => Rule::Manual,
        2 | 3 => {
            let n = 2 + rng.below(2);
            Rule::Choice((0..n).map(|k| (format!("o{k}"), rng.quarter(max))).collect())
        }
        4 => {
            let mut bands: Vec<(Decimal, Decimal)> = Vec::new();
            for k in 0..1 + rng.below(3) {
                bands.push((Decimal::from(k * 40 + rng.below(30)), rng.quarter(max)));
            }
            Rule::Bands(bands)
        }
        5 => Rule::Target(Decimal::from(1 + rng.below(7))),
        6 => Rule::Deduction { per: Decimal::from(1 + rng.below(4)) / Decimal::from(4), cap: Decimal::from(1 + rng.below(8)) / Decimal::from(4) },
        7 => Rule::Bonus,
        8 => Rule::Survey,
        _ => Rule::Manual,
    };
    let na = match rule {
        Rule::Deduction { .. } | Rule::Bonus | Rule::Survey => None,
        _ if rng.pct(45) => Some(if rng.pct(70) { Na::Excluded } else { Na::Full }),
        _ => None,
    };
    let max = if matches!(rule, Rule::Deduction { .. }) { Decimal::ZERO } else { max };
    Node { id, rule: Some(rule), max, na, weight: None, children: vec![] }
}

fn gen_scorecard(rng: &mut Rng) -> Vec<Node> {
    let mut areas = Vec::new();
    for a in 1..=2 + rng.below(4) {
        let id = a.to_string();
        let mut children = Vec::new();
        for c in 1..=1 + rng.below(4) {
            let cid = format!("{id}.{c}");
            if rng.pct(35) {
                let leaves = (1..=1 + rng.below(3)).map(|l| gen_leaf(rng, format!("{cid}.{l}"))).collect();
                children.push(Node { id: cid, rule: None, max: Decimal::ZERO, na: None, weight: None, children: leaves });
            } else {
                children.push(gen_leaf(rng, cid));
            }
        }
        let mut area = Node { id, rule: None, max: Decimal::ZERO, na: None, weight: None, children };
        // `weight` only on an area with max > 0.
        if area.max() > Decimal::ZERO && rng.pct(40) {
            area.weight = Some(Decimal::from(1 + rng.below(30)) / Decimal::from(2));
        }
        areas.push(area);
    }
    areas
}

fn dec(x: Decimal) -> String {
    x.normalize().to_string()
}

fn scorecard_toml(areas: &[Node]) -> String {
    let mut s = String::from("[scorecard]\nid = \"diff\"\ntitle = \"Bảng điểm thử\"\nyear = 2020\n\n");
    for (label, min) in BANDS {
        let _ = writeln!(s, "[[band]]\nlabel = \"{label}\"\nmin = {min}\n");
    }
    let mut all = Vec::new();
    for a in areas {
        a.walk(&mut all);
    }
    for n in all {
        let _ = writeln!(s, "[[criterion]]\nid = \"{}\"\ntitle = \"Tiêu chí {}\"", n.id, n.id);
        if let Some(w) = n.weight {
            let _ = writeln!(s, "weight = {}", dec(w));
        }
        match &n.rule {
            None => {}
            Some(Rule::Manual) => {
                let _ = writeln!(s, "max = {}", dec(n.max));
            }
            Some(Rule::Choice(opts)) => {
                let _ = writeln!(s, "max = {}\nrule = \"choice\"\noptions = [", dec(n.max));
                for (k, p) in opts {
                    let _ = writeln!(s, "  {{ key = \"{k}\", label = \"{k}\", points = {} }},", dec(*p));
                }
                s.push_str("]\n");
            }
            Some(Rule::Bands(bands)) => {
                let _ = writeln!(s, "max = {}\nrule = \"bands\"\nbands = [", dec(n.max));
                for (min, p) in bands {
                    let _ = writeln!(s, "  {{ min = {}, points = {} }},", dec(*min), dec(*p));
                }
                s.push_str("]\n");
            }
            Some(Rule::Target(t)) => {
                let _ = writeln!(s, "max = {}\nrule = \"target\"\ntarget = {}", dec(n.max), dec(*t));
            }
            Some(Rule::Deduction { per, cap }) => {
                let _ = writeln!(s, "rule = \"deduction\"\nper = {}\ncap = {}", dec(*per), dec(*cap));
            }
            Some(Rule::Bonus) => {
                let _ = writeln!(s, "max = {}\nrule = \"bonus\"", dec(n.max));
            }
            Some(Rule::Survey) => {
                let _ = writeln!(s, "max = {}\nrule = \"survey\"", dec(n.max));
            }
        }
        match n.na {
            Some(Na::Full) => s.push_str("na = \"full\"\n"),
            Some(Na::Excluded) => s.push_str("na = \"excluded\"\n"),
            None => {}
        }
        s.push('\n');
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Inputs.

#[derive(Clone, Debug, PartialEq)]
enum Input {
    Points(Decimal),
    Choice(String),
    Value(Decimal),
    Na(bool),
}

type Sheet = std::collections::BTreeMap<String, Input>;

fn rule_input(rng: &mut Rng, n: &Node) -> Option<Input> {
    Some(match n.rule.as_ref()? {
        Rule::Manual | Rule::Bonus => Input::Points(rng.quarter(n.max)),
        Rule::Choice(opts) => Input::Choice(opts[rng.below(opts.len() as u64) as usize].0.clone()),
        Rule::Bands(_) => Input::Value(Decimal::from(rng.below(12_000)) / Decimal::from(100)),
        Rule::Target(t) => Input::Value(Decimal::from(rng.below(2 + 2 * t.to_u64().unwrap()))),
        Rule::Deduction { .. } => Input::Value(Decimal::from(rng.below(6))),
        Rule::Survey => Input::Points(Decimal::from(rng.below((n.max * Decimal::ONE_HUNDRED).to_u64().unwrap() + 1)) / Decimal::ONE_HUNDRED),
    })
}

fn gen_submission(rng: &mut Rng, leaves: &[&Node]) -> Sheet {
    let mut s = Sheet::new();
    for n in leaves {
        if matches!(n.rule, Some(Rule::Survey)) || rng.pct(15) {
            continue; // only the Office scores a survey; some leaves are left unanswered
        }
        let input = if n.na.is_some() && rng.pct(50) { Input::Na(true) } else { rule_input(rng, n).unwrap() };
        s.insert(n.id.clone(), input);
    }
    s
}

fn gen_appraisal(rng: &mut Rng, leaves: &[&Node], sub: &Sheet) -> Sheet {
    let mut s = Sheet::new();
    for n in leaves {
        let unit_na = sub.get(&n.id) == Some(&Input::Na(true));
        if unit_na && rng.pct(25) {
            s.insert(n.id.clone(), Input::Na(false)); // the Office refuses the unit's "not applicable"
        } else if n.na.is_some() && !unit_na && rng.pct(10) {
            s.insert(n.id.clone(), Input::Na(true)); // the Office's own "not applicable"
        } else if matches!(n.rule, Some(Rule::Survey)) && rng.pct(80) || rng.pct(25) {
            s.insert(n.id.clone(), rule_input(rng, n).unwrap());
        }
    }
    s
}

fn sheet_toml(unit: &str, status: Option<&str>, sheet: &Sheet, office: bool) -> String {
    let mut s = format!("unit = \"{unit}\"\n");
    if let Some(st) = status {
        let _ = writeln!(s, "status = \"{st}\"");
    }
    for (id, input) in sheet {
        let _ = writeln!(s, "\n[answers.\"{id}\"]");
        match input {
            Input::Points(p) => {
                let _ = writeln!(s, "points = {}", dec(*p));
            }
            Input::Choice(k) => {
                let _ = writeln!(s, "choice = \"{k}\"");
            }
            Input::Value(v) => {
                let _ = writeln!(s, "value = {}", dec(*v));
            }
            Input::Na(b) => {
                let _ = writeln!(s, "na = {b}");
            }
        }
        s.push_str(if office {
            "comment = \"Thẩm định lại theo tài liệu kiểm chứng\"\n"
        } else {
            "note = \"Đơn vị giải trình\"\n"
        });
    }
    s
}

// ---------------------------------------------------------------------------------------------
// The independent implementation, from the spec's text.

/// A node's result: base, bonus, applicable max (spec §3, §5.1).
#[derive(Clone, Copy, Debug, Default)]
struct Score {
    base: Decimal,
    bonus: Decimal,
    applicable: Decimal,
}

impl Score {
    fn total(&self) -> Decimal {
        self.base + self.bonus
    }
}

/// §1's table: a leaf's points for an input.
fn leaf_points(n: &Node, input: &Input) -> Decimal {
    match (n.rule.as_ref().unwrap(), input) {
        (_, Input::Na(true)) => match n.na {
            Some(Na::Full) => n.max,
            _ => Decimal::ZERO,
        },
        (Rule::Manual | Rule::Bonus | Rule::Survey, Input::Points(p)) => *p,
        (Rule::Choice(opts), Input::Choice(k)) => opts.iter().find(|o| &o.0 == k).unwrap().1,
        (Rule::Bands(bands), Input::Value(v)) => bands.iter().filter(|b| b.0 <= *v).max_by_key(|b| b.0).map_or(Decimal::ZERO, |b| b.1),
        (Rule::Target(t), Input::Value(v)) => round2(n.max * (*v).min(*t) / *t),
        (Rule::Deduction { per, cap }, Input::Value(v)) => -(*v * *per).min(*cap),
        (r, i) => panic!("the generator made {i:?} for {r:?}"),
    }
}

/// Every node's score, keyed by id, for the final input `input(id)`.
fn score_node(n: &Node, input: &dyn Fn(&str) -> Option<Input>, out: &mut std::collections::HashMap<String, Score>) -> Score {
    let s = if n.is_leaf() {
        // §5.1: `na = false` alone leaves no input.
        let inp = input(&n.id).filter(|i| *i != Input::Na(false));
        let pts = inp.as_ref().map_or(Decimal::ZERO, |i| leaf_points(n, i));
        let excluded = n.na == Some(Na::Excluded) && inp == Some(Input::Na(true));
        let applicable = if excluded { Decimal::ZERO } else { n.max() };
        if matches!(n.rule, Some(Rule::Bonus)) {
            Score { base: Decimal::ZERO, bonus: pts, applicable }
        } else {
            Score { base: pts, bonus: Decimal::ZERO, applicable }
        }
    } else {
        let kids: Vec<Score> = n.children.iter().map(|c| score_node(c, input, out)).collect();
        let applicable: Decimal = kids.iter().map(|k| k.applicable).sum();
        let base: Decimal = kids.iter().map(|k| k.base).sum();
        // §5.1: a group's base is clamped to [0, applicable max].
        Score { base: base.max(Decimal::ZERO).min(applicable), bonus: kids.iter().map(|k| k.bonus).sum(), applicable }
    };
    out.insert(n.id.clone(), s);
    s
}

struct Expected {
    nodes: std::collections::HashMap<String, Score>,
    /// Not rounded.
    weighted_total: Decimal,
    applicable_weight: Decimal,
    index: Decimal,
}

/// §5.1: each area scales by its scorecard max; weighted total = Σ (max > 0) total × weight ÷
/// max + the totals of areas with max 0; applicable weight = Σ (max > 0) weight × applicable
/// max ÷ max; index = weighted total ÷ applicable weight × 100, rounded; 0 when that weight is 0.
fn expected(areas: &[Node], input: &dyn Fn(&str) -> Option<Input>) -> Expected {
    let mut nodes = std::collections::HashMap::new();
    let mut weighted_total = Decimal::ZERO;
    let mut applicable_weight = Decimal::ZERO;
    for a in areas {
        let s = score_node(a, input, &mut nodes);
        let max = a.max();
        let weight = a.weight.unwrap_or(max);
        if max > Decimal::ZERO {
            weighted_total += s.total() * weight / max;
            applicable_weight += weight * s.applicable / max;
        } else {
            weighted_total += s.total();
        }
    }
    let index = if applicable_weight > Decimal::ZERO { round2(weighted_total / applicable_weight * Decimal::ONE_HUNDRED) } else { Decimal::ZERO };
    Expected { nodes, weighted_total, applicable_weight, index }
}

fn band(index: Decimal) -> Option<&'static str> {
    BANDS.iter().filter(|(_, min)| d(min) <= index).max_by_key(|(_, min)| d(min)).map(|(l, _)| *l)
}

// ---------------------------------------------------------------------------------------------
// The round on disk, and the binary's answers.

#[derive(Clone, Copy, Debug, PartialEq)]
enum State {
    Missing,
    Draft,
    Submitted,
    Appraised,
}

fn num(v: &Value) -> Decimal {
    assert!(v.is_number(), "not a number: {v}");
    Decimal::from_str(&v.to_string()).unwrap_or_else(|e| panic!("{v}: {e}"))
}

fn run(ws: &Path, args: &[&str]) -> Value {
    let out = common::bin().env("PARINDEX_NO_CACHE", "1").args(args).arg("-w").arg(ws).args(["--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn one_round(seed: u64) -> usize {
    let mut rng = Rng(seed);
    let areas = gen_scorecard(&mut rng);
    let mut all = Vec::new();
    for a in &areas {
        a.walk(&mut all);
    }
    let leaves: Vec<&Node> = all.iter().copied().filter(|n| n.is_leaf()).collect();
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path();
    fs::write(ws.join("scorecard.toml"), scorecard_toml(&areas)).unwrap();
    let n_units = 2 + rng.below(5) as usize;
    let mut wtoml = String::from("title = \"Vòng thử\"\nscorecard = \"scorecard.toml\"\nsingle_user = true\n\n[office]\nusers = [\"office\"]\n");
    fs::create_dir_all(ws.join("submissions")).unwrap();
    fs::create_dir_all(ws.join("appraisals")).unwrap();
    let mut units = Vec::new();
    for u in 0..n_units {
        let id = format!("u{u}");
        let _ = write!(wtoml, "\n[[unit]]\nid = \"{id}\"\nname = \"Đơn vị {u}\"\nheads = [\"h{u}\"]\n");
        let state = match rng.below(8) {
            0 => State::Missing,
            1 | 2 => State::Draft,
            3 | 4 => State::Submitted,
            _ => State::Appraised,
        };
        let sub = if state == State::Missing { Sheet::new() } else { gen_submission(&mut rng, &leaves) };
        // A draft may keep an earlier appraisal (a reopened unit): it does not stand.
        let appr = if state == State::Missing || state == State::Draft && rng.pct(50) { None } else { Some(gen_appraisal(&mut rng, &leaves, &sub)) };
        let status = match state {
            State::Missing => None,
            State::Draft => Some("draft"),
            State::Submitted => Some("submitted"),
            State::Appraised => Some("appraised"),
        };
        if let Some(st) = status {
            fs::write(ws.join("submissions").join(format!("{id}.toml")), sheet_toml(&id, Some(st), &sub, false)).unwrap();
        }
        if let Some(a) = &appr {
            fs::write(ws.join("appraisals").join(format!("{id}.toml")), sheet_toml(&id, None, a, true)).unwrap();
        }
        units.push((id, state, sub, appr));
    }
    fs::write(ws.join("workspace.toml"), wtoml).unwrap();

    let rank = run(ws, &["rank"]);
    let rank = rank.as_array().unwrap();
    assert_eq!(rank.len(), n_units, "seed {seed}");
    let mut ranked: Vec<(String, Decimal)> = Vec::new();
    for (id, state, sub, appr) in &units {
        let ctx = format!("seed {seed}, unit {id} ({state:?})");
        let own = expected(&areas, &|k| sub.get(k).cloned());
        // The appraisal stands unless the unit is a draft; its entry overrides the unit's input.
        let standing = appr.as_ref().filter(|_| *state != State::Draft);
        let fin = expected(&areas, &|k| standing.and_then(|a| a.get(k).cloned()).or_else(|| sub.get(k).cloned()));
        let v = run(ws, &["score", "--unit", id]);
        assert_eq!(num(&v["total"]), round2(fin.weighted_total), "{ctx}: total");
        assert_eq!(num(&v["index"]), fin.index, "{ctx}: index");
        assert_eq!(num(&v["applicable_max"]), round2(fin.applicable_weight), "{ctx}: applicable weight");
        assert_eq!(num(&v["self_total"]), round2(own.weighted_total), "{ctx}: self total");
        assert_eq!(num(&v["self_index"]), own.index, "{ctx}: self index");
        for c in v["criteria"].as_array().unwrap() {
            let cid = c["id"].as_str().unwrap();
            let node = all.iter().find(|n| n.id == cid).unwrap();
            // A leaf's own `max` (a bonus leaf's cap too); a group's, the sum of §3.
            let max = if node.is_leaf() { node.max } else { node.max() };
            assert_eq!(num(&c["max"]), max, "{ctx}, {cid}: max");
            assert_eq!(num(&c["applicable_max"]), fin.nodes[cid].applicable, "{ctx}, {cid}: applicable max");
            assert_eq!(num(&c["final"]), fin.nodes[cid].total(), "{ctx}, {cid}: final");
            assert_eq!(num(&c["self"]), own.nodes[cid].total(), "{ctx}, {cid}: self");
        }
        let item = rank.iter().find(|i| i["unit"] == id.as_str()).unwrap();
        assert_eq!(num(&item["index"]), fin.index, "{ctx}: rank's index");
        assert_eq!(num(&item["self_index"]), own.index, "{ctx}: rank's self index");
        if *state == State::Missing {
            // Issue 21: a unit with no submission is "Chưa nộp": no rank, no band.
            assert_eq!(item["rank"], Value::Null, "{ctx}: a missing unit has no rank");
            assert_eq!(item["band"], Value::Null, "{ctx}: a missing unit has no band");
            assert_eq!(item["status"], "missing");
        } else {
            assert_eq!(item["band"].as_str(), band(fin.index), "{ctx}: band");
            // What the band rests on (issue 21): the appraisal; a provisional figure (under
            // appraisal, or an applicable survey leaf without the Office's points); or the
            // self-assessment alone ("tự xếp loại") when nothing of the Office's stands.
            let lacks_survey = leaves.iter().any(|n| {
                matches!(n.rule, Some(Rule::Survey))
                    && fin.nodes[&n.id].applicable > Decimal::ZERO
                    && standing.and_then(|a| a.get(&n.id)).or_else(|| sub.get(&n.id)).is_none_or(|i| *i == Input::Na(false))
            });
            assert_eq!(item["provisional"].as_bool(), Some(lacks_survey), "{ctx}: provisional");
            let office_entries = standing.map_or(0, |a| a.len());
            let basis = match (band(fin.index), *state == State::Appraised) {
                (None, _) => None,
                (Some(_), true) if !lacks_survey => Some("appraised"),
                (Some(_), false) if office_entries == 0 => Some("self"),
                _ => Some("provisional"),
            };
            assert_eq!(item["band_basis"].as_str(), basis, "{ctx}: band basis");
            ranked.push((id.clone(), fin.index));
        }
    }
    // Ranks: 1 + the number of ranked units strictly better; missing units after every ranked one.
    for (pos, item) in rank.iter().enumerate() {
        if pos < ranked.len() {
            let id = item["unit"].as_str().unwrap();
            let mine = ranked.iter().find(|r| r.0 == id).unwrap_or_else(|| panic!("seed {seed}: {id} listed among the ranked")).1;
            let better = ranked.iter().filter(|r| r.1 > mine).count() as u64;
            assert_eq!(item["rank"].as_u64(), Some(better + 1), "seed {seed}, unit {id}: rank");
        } else {
            assert_eq!(item["status"], "missing", "seed {seed}: only missing units follow the ranked ones");
        }
    }
    units.iter().filter(|u| u.2.values().any(|i| *i == Input::Na(true))).count()
}

#[test]
fn random_rounds_with_exclusions_match_an_independent_reading_of_the_spec() {
    let mut with_na = 0;
    for seed in 0..40u64 {
        with_na += one_round(0xD1FF ^ seed.wrapping_mul(0x1_0000_0001));
    }
    assert!(with_na > 20, "too few units with not-applicable answers: {with_na}");
}

// ---------------------------------------------------------------------------------------------
// The example on the demo round.

/// Makes 3.3.1 (1 point, area 3) excludable in the round's scorecard and answers it "not
/// applicable" for `units` (in the submission, and in the appraisal when it has an entry).
fn exclude_331(ws: &Path, units: &[&str]) {
    let p = ws.join("scorecard.toml");
    let text = fs::read_to_string(&p).unwrap();
    let at = text.find("id = \"3.3.1\"").expect("3.3.1 in the shipped scorecard");
    let max = at + text[at..].find("max = 1\n").unwrap() + "max = 1\n".len();
    fs::write(&p, format!("{}na = \"excluded\"\n{}", &text[..max], &text[max..])).unwrap();
    for u in units {
        for (dir, key) in [("submissions", "note"), ("appraisals", "comment")] {
            let p = ws.join(dir).join(format!("{u}.toml"));
            let Ok(text) = fs::read_to_string(&p) else { continue };
            let (head, tail) = match text.find("[answers.\"3.3.1\"]") {
                Some(at) => {
                    let end = text[at + 1..].find("\n[").map_or(text.len(), |e| at + 1 + e + 1);
                    (text[..at].to_owned(), text[end..].to_owned())
                }
                None if dir == "appraisals" => continue,
                None => (text.clone(), String::new()),
            };
            fs::write(&p, format!("{head}\n[answers.\"3.3.1\"]\nna = true\n{key} = \"Không có nhiệm vụ này\"\n\n{tail}")).unwrap();
        }
    }
}

#[test]
fn excluding_331_costs_every_unit_the_same_one_point_of_the_denominator() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    common::bin().args(["demo", "--no-tui"]).arg(&ws).assert().success();
    // Văn phòng Sở (whose area 3 is mostly not applicable) and Chi cục TĐC (whose is not).
    let units = ["vp", "ccdl"];
    let before: Vec<Value> = units.iter().map(|u| run(&ws, &["score", "--unit", u])).collect();
    exclude_331(&ws, &units);
    for (u, was) in units.iter().zip(&before) {
        let now = run(&ws, &["score", "--unit", u]);
        let c331 = |v: &Value| v["criteria"].as_array().unwrap().iter().find(|c| c["id"] == "3.3.1").unwrap().clone();
        assert_eq!(c331(&now)["applicable_max"], 0.0, "{u}");
        // The denominator loses exactly 1 point for either unit; the total what 3.3.1 scored.
        assert_eq!(num(&was["applicable_max"]) - num(&now["applicable_max"]), Decimal::ONE, "{u}: the denominator");
        assert_eq!(num(&was["total"]) - num(&now["total"]), num(&c331(was)["final"]), "{u}: the total");
        assert_eq!(num(&now["index"]), round2(num(&now["total"]) / num(&now["applicable_max"]) * Decimal::ONE_HUNDRED), "{u}: the index");
        // The same for the self-assessment.
        assert_eq!(num(&was["self_total"]) - num(&now["self_total"]), num(&c331(was)["self"]), "{u}: the self total");
    }
}
