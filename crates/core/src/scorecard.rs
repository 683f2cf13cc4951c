//! The scorecard: a tree of areas, criteria and sub-criteria with maxima and scoring rules,
//! loaded from TOML and validated (every rule of spec §1, all problems reported in one run).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use rust_decimal::Decimal;
use toml::de::DeTable;

use super::diag::{LoadError, Source};
use super::num::is_multiple;
use super::toml_in::{Reader, Span};
use crate::say::scorecard::ScorecardMsg as M;
use crate::say::toml::{Place, TomlMsg};

mod levels;
mod na;
pub use na::Na;

/// Most criteria a scorecard may have: far above any real one, low enough that a hostile file
/// cannot make every later screen and export crawl.
pub const MAX_CRITERIA: usize = 5_000;
/// Deepest tree allowed (segments in an id): areas, criteria, sub-criteria and a few more.
pub const MAX_DEPTH: usize = 6;
/// Longest id allowed.
pub const MAX_ID_LEN: usize = 32;
/// Largest number a scorecard may hold (max, weight, points, target, per, cap, band mins):
/// far above any real scorecard, low enough that no sum, product or index of the arithmetic
/// can overflow a `Decimal` (5,000 criteria × 10⁶ × 10⁶ ÷ 10⁻⁶ stays far below 7.9 × 10²⁸).
pub const MAX_NUMBER: i64 = 1_000_000;
/// Most decimal places a scorecard number may have.
pub const MAX_DECIMALS: u32 = 6;

/// FNV-1a, for looking criteria up by id: every answer of every sheet does it, and ids are
/// short, so the default (DoS-resistant, slower) hasher costs more than the rest of the lookup.
/// The ids come from a validated scorecard of at most `MAX_CRITERIA` criteria.
#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A loaded, valid scorecard.
#[derive(Clone, Debug)]
pub struct Scorecard {
    pub id: String,
    pub title: String,
    pub year: Option<i64>,
    pub issued_by: Option<String>,
    pub issued_in: Option<String>,
    /// `reconstructed = true`: the file is a reconstruction of the table issued with `issued_in`,
    /// not that table itself (exports and documents say so).
    pub reconstructed: bool,
    /// Documents the reconstruction follows besides `issued_in` (issued later), e.g. the
    /// year-end rules: printed after the scorecard's line.
    pub basis: Option<String>,
    /// Manual and bonus points are multiples of it.
    pub step: Decimal,
    /// Σ of the weights of the areas with max > 0: the denominator of the index.
    pub max: Decimal,
    /// Classification bands, highest `min` first.
    pub bands: Vec<Band>,
    /// Every node in display order: depth first, parents before children, siblings in file order.
    pub nodes: Vec<Node>,
    /// Indexes of the top-level nodes (the areas), in display order.
    pub areas: Vec<usize>,
    by_id: HashMap<String, usize, BuildHasherDefault<IdHasher>>,
    /// Leaves in `nodes`, counted once when the scorecard is built (every unit's result needs it).
    leaf_count: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub label: String,
    pub min: Decimal,
}

#[derive(Clone, Debug)]
pub struct Node {
    pub id: String,
    pub title: String,
    pub guidance: Option<String>,
    pub parent: Option<usize>,
    /// 0 for areas.
    pub depth: usize,
    pub children: Vec<usize>,
    /// One past the last node of this node's subtree (the subtree is `self_index..end`).
    pub end: usize,
    /// A group's max is the sum of its children's contributing maxima; a leaf's is its declared
    /// `max` (the cap for a bonus leaf, 0 for a deduction leaf).
    pub max: Decimal,
    /// Areas only: the weight (defaults to max).
    pub weight: Decimal,
    /// `None` for a group.
    pub rule: Option<Rule>,
    /// Leaves only: whether a unit may answer "not applicable", and what that scores (spec §5.1).
    pub na: Option<Na>,
    /// Leaves only: the register whose items this leaf counts (`register = "news"`, issue 12).
    pub register: Option<String>,
    /// Manual leaves only: the stated scale (`levels = [{ points, text }, …]`), highest points
    /// first; when given, the points entered must be one of them (issue 21). Empty otherwise.
    pub levels: Vec<Level>,
}

/// One step of a manual leaf's stated scale: "01 nhiệm vụ bị bỏ sót: 1 điểm".
#[derive(Clone, Debug, PartialEq)]
pub struct Level {
    pub points: Decimal,
    pub text: String,
}

impl Node {
    pub fn is_leaf(&self) -> bool {
        self.rule.is_some()
    }

    /// What this node adds to its parent's max: bonus and deduction leaves add nothing.
    pub fn contributing_max(&self) -> Decimal {
        match self.rule {
            Some(Rule::Bonus | Rule::Deduction { .. }) => Decimal::ZERO,
            _ => self.max,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    Manual,
    Choice(Vec<ChoiceOption>),
    /// Bands sorted by `min`, highest first.
    Bands {
        bands: Vec<BandPoints>,
        unit: Option<String>,
    },
    Target(Decimal),
    Deduction {
        per: Decimal,
        cap: Decimal,
    },
    Bonus,
    Survey,
}

impl Rule {
    pub fn name(&self) -> &'static str {
        match self {
            Rule::Manual => "manual",
            Rule::Choice(_) => "choice",
            Rule::Bands { .. } => "bands",
            Rule::Target(_) => "target",
            Rule::Deduction { .. } => "deduction",
            Rule::Bonus => "bonus",
            Rule::Survey => "survey",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceOption {
    pub key: String,
    pub label: String,
    pub points: Decimal,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BandPoints {
    pub min: Decimal,
    pub points: Decimal,
}

impl Scorecard {
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.node_index(id).map(|i| &self.nodes[i])
    }

    /// Indexes of the leaves, in display order.
    pub fn leaves(&self) -> impl Iterator<Item = usize> + '_ {
        self.nodes.iter().enumerate().filter(|(_, n)| n.is_leaf()).map(|(i, _)| i)
    }

    pub fn leaf_count(&self) -> usize {
        self.leaf_count
    }

    /// The band an index falls in, as its position in `bands` (highest `min` first): the band
    /// rule, in this one place (a unit's bands are in its `UnitResult`).
    pub fn band_pos(&self, index: Decimal) -> Option<usize> {
        self.bands.iter().position(|b| index >= b.min)
    }

    /// Parses and validates scorecard text; `src.path` is used in diagnostics.
    pub fn parse(src: Arc<Source>) -> Result<Scorecard, LoadError> {
        let mut r = Reader::new(src.clone());
        let doc = r.parse(&src.text);
        let sc = build(&mut r, doc.get_ref(), doc.span());
        match sc {
            Some(sc) if !r.diags.has_errors() => Ok(sc),
            _ => {
                let mut d = r.diags;
                d.sort();
                Err(LoadError::invalid(d))
            }
        }
    }

    /// Parses and validates scorecard text held in memory; `name` is used in diagnostics.
    pub fn from_toml_str(name: &str, text: &str) -> Result<Scorecard, LoadError> {
        Scorecard::parse(Source::new(name, text))
    }
}

/// A criterion as read, before the tree is built.
struct Raw {
    id: String,
    id_span: Span,
    title: String,
    guidance: Option<String>,
    max: Option<(Decimal, Span)>,
    weight: Option<(Decimal, Span)>,
    rule: Option<Rule>,
    /// Rule-specific keys present (for "a group takes no rule" checks).
    rule_keys: Vec<(String, Span)>,
    /// `max` or `rule` is present but was refused (already reported): no "has no `max`" on top.
    refused: bool,
    na: Option<(Na, Span)>,
    register: Option<(String, Span)>,
    levels: levels::RawLevels,
}

const TOP_KEYS: &[&str] = &["scorecard", "band", "criterion"];
const HEAD_KEYS: &[&str] = &["id", "title", "year", "issued_by", "issued_in", "reconstructed", "basis", "step", "max"];
const CRIT_KEYS: &[&str] =
    &["id", "title", "guidance", "max", "weight", "rule", "options", "bands", "unit", "target", "per", "cap", "na", "register", "levels"];
const RULE_KEYS: &[&str] = &["rule", "options", "bands", "unit", "target", "per", "cap", "levels"];

/// A scorecard number (see [`MAX_NUMBER`], [`MAX_DECIMALS`]): out-of-bounds values are
/// reported and dropped, as unreadable ones are.
fn number(r: &mut Reader, t: &DeTable<'_>, key: &str) -> Option<(Decimal, Span)> {
    let (d, sp) = r.decimal(t, key)?;
    if d.abs() > Decimal::from(MAX_NUMBER) {
        r.error(sp, M::NumberTooBig { key: key.to_owned(), d, max: MAX_NUMBER });
        return None;
    }
    if d.normalize().scale() > MAX_DECIMALS {
        r.error(sp, M::NumberTooPrecise { key: key.to_owned(), d, places: MAX_DECIMALS });
        return None;
    }
    Some((d, sp))
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.split('.').all(|seg| !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn build(r: &mut Reader, doc: &DeTable<'_>, whole: Span) -> Option<Scorecard> {
    r.unknown_keys(doc, TOP_KEYS, Place::Scorecard);

    // [scorecard]
    let (head, head_span) = match r.table(doc, "scorecard") {
        Some(h) => h,
        None => {
            if doc.get("scorecard").is_none() {
                r.error(0..0, M::NoHead);
            }
            return None;
        }
    };
    r.unknown_keys(head, HEAD_KEYS, Place::Literal("[scorecard]"));
    let id = r.req_string(head, "id", head_span.clone(), Place::Literal("[scorecard]"));
    let title = r.req_string(head, "title", head_span.clone(), Place::Literal("[scorecard]"));
    let year = r.integer(head, "year").map(|(y, _)| y);
    let issued_by = r.string(head, "issued_by").map(|(s, _)| s);
    let issued_in = r.string(head, "issued_in").map(|(s, _)| s);
    let reconstructed = r.boolean(head, "reconstructed").is_some_and(|(b, _)| b);
    let basis = r.string(head, "basis").map(|(s, _)| s).filter(|s| !s.trim().is_empty());
    let step = match number(r, head, "step") {
        Some((s, sp)) if s <= Decimal::ZERO => {
            r.error(sp, M::NotPositive { key: "step".into() });
            Decimal::new(25, 2)
        }
        Some((s, _)) => s,
        None => Decimal::new(25, 2),
    };
    let declared_max = number(r, head, "max");
    if let Some((id, sp)) = &id
        && id.trim().is_empty()
    {
        r.error(sp.clone(), M::EmptyId);
    }

    // [[band]]
    let mut bands = Vec::new();
    for (t, sp) in r.tables(doc, "band") {
        r.unknown_keys(t, &["label", "min"], Place::Band);
        let label = r.req_string(t, "label", sp.clone(), Place::ThisBand);
        let min = number(r, t, "min");
        if min.is_none() && t.get("min").is_none() {
            r.error(sp.clone(), TomlMsg::Missing { place: Place::ThisBand, key: "min".into() });
        }
        if let (Some((label, lsp)), Some((min, msp))) = (label, min) {
            if label.trim().is_empty() {
                r.error(lsp, M::EmptyBandLabel);
            } else if bands.iter().any(|b: &(Band, Span)| b.0.label == label) {
                r.error(lsp, M::BandTwice { label: label.clone() });
            }
            if let Some(other) = bands.iter().find(|b: &&(Band, Span)| b.0.min == min) {
                r.error(msp.clone(), M::BandsSameMin { min, first: other.0.label.clone(), label: label.clone() });
            }
            bands.push((Band { label, min }, msp));
        }
    }
    let mut bands: Vec<Band> = bands.into_iter().map(|(b, _)| b).collect();
    bands.sort_by_key(|b| std::cmp::Reverse(b.min));

    // [[criterion]]
    let crit_tables = r.tables(doc, "criterion");
    if crit_tables.is_empty() && doc.get("criterion").is_none() {
        r.error(whole.start..whole.start, M::NoCriteria);
    }
    if crit_tables.len() > MAX_CRITERIA {
        r.error(crit_tables[MAX_CRITERIA].1.clone(), M::TooManyCriteria { n: crit_tables.len(), max: MAX_CRITERIA });
        return None;
    }
    let mut raws: Vec<Raw> = Vec::with_capacity(crit_tables.len());
    for (t, sp) in crit_tables {
        if let Some(raw) = read_criterion(r, t, sp, step) {
            raws.push(raw);
        }
    }

    // Ids: unique, parents declared.
    let mut by_id: HashMap<String, usize> = HashMap::with_capacity(raws.len());
    let mut dup = vec![false; raws.len()];
    for (i, raw) in raws.iter().enumerate() {
        if let Some(&first) = by_id.get(&raw.id) {
            let (l, _) = r.src.line_col(raws[first].id_span.start);
            r.error(raw.id_span.clone(), M::IdTwice { id: raw.id.clone(), line: l });
            dup[i] = true;
        } else {
            by_id.insert(raw.id.clone(), i);
        }
    }
    let mut parent: Vec<Option<usize>> = vec![None; raws.len()];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); raws.len()];
    let mut roots = Vec::new();
    for (i, raw) in raws.iter().enumerate() {
        if dup[i] {
            continue;
        }
        match raw.id.rsplit_once('.') {
            None => roots.push(i),
            Some((p, _)) => match by_id.get(p) {
                Some(&pi) => {
                    parent[i] = Some(pi);
                    children[pi].push(i);
                }
                None => r.error(raw.id_span.clone(), M::NoParent { id: raw.id.clone(), parent: p.to_string() }),
            },
        }
    }

    // Groups take no rule; leaves need a rule's keys.
    for (i, raw) in raws.iter().enumerate() {
        if !children[i].is_empty() {
            for (k, sp) in &raw.rule_keys {
                r.error(sp.clone(), M::GroupTakesNo { id: raw.id.clone(), key: k.to_string() });
            }
        }
        na::check_placement(r, raw, !children[i].is_empty());
        if let Some(reg) = &raw.register
            && super::register::check_leaf(r, &raw.id, reg, !children[i].is_empty(), raw.rule.as_ref())
            && let Some(first) = raws[..i].iter().zip(&children).find(|(o, ch)| ch.is_empty() && o.register.as_ref().is_some_and(|x| x.0 == reg.0))
        {
            let msg = crate::say::register::RegisterMsg::RegisterTwice { name: reg.0.clone(), first: first.0.id.clone() };
            r.error(reg.1.clone(), msg);
        }
        if let (Some((_, wsp)), Some(_)) = (&raw.weight, parent[i]) {
            r.error(wsp.clone(), M::WeightNotOnArea { id: raw.id.clone() });
        }
    }

    // Pre-order: the display order.
    let mut order: Vec<usize> = Vec::with_capacity(raws.len());
    let mut stack: Vec<usize> = roots.iter().rev().copied().collect();
    while let Some(i) = stack.pop() {
        order.push(i);
        stack.extend(children[i].iter().rev());
    }
    let mut pos = vec![usize::MAX; raws.len()];
    for (p, &i) in order.iter().enumerate() {
        pos[i] = p;
    }

    let mut nodes: Vec<Node> = order
        .iter()
        .map(|&i| {
            let raw = &raws[i];
            let is_group = !children[i].is_empty();
            let rule = if is_group { None } else { Some(raw.rule.clone().unwrap_or(Rule::Manual)) };
            Node {
                id: raw.id.clone(),
                title: raw.title.clone(),
                guidance: raw.guidance.clone(),
                parent: parent[i].map(|p| pos[p]),
                depth: raw.id.matches('.').count(),
                children: children[i].iter().map(|&c| pos[c]).collect(),
                end: 0,
                max: if is_group { Decimal::ZERO } else { raw.max.as_ref().map_or(Decimal::ZERO, |m| m.0) },
                weight: Decimal::ZERO,
                na: if is_group { None } else { raw.na.as_ref().map(|x| x.0) },
                register: if is_group { None } else { raw.register.as_ref().map(|x| x.0.clone()) },
                levels: if is_group { Vec::new() } else { raw.levels.levels() },
                rule,
            }
        })
        .collect();

    // Leaves without a rule are manual and need a max; check that now that we know who is a leaf.
    for &i in &order {
        let raw = &raws[i];
        if children[i].is_empty() && raw.rule.is_none() {
            match &raw.max {
                None if raw.refused => {}
                None => r.error(raw.id_span.clone(), M::LeafNoMax { id: raw.id.clone() }),
                Some((m, sp)) => {
                    check_leaf_max(r, &raw.id, *m, sp, step, true);
                    levels::check(r, &raw.id, &raw.levels, *m, step);
                }
            }
        }
    }

    // Maxima bottom-up; subtree ends.
    for p in (0..nodes.len()).rev() {
        let mut end = p + 1;
        if !nodes[p].children.is_empty() {
            let mut sum = Decimal::ZERO;
            for &c in &nodes[p].children {
                sum += nodes[c].contributing_max();
                end = end.max(nodes[c].end);
            }
            nodes[p].max = sum;
            let raw = &raws[order[p]];
            if let Some((declared, sp)) = &raw.max
                && *declared != sum
            {
                r.error(sp.clone(), M::MaxNotSum { id: raw.id.clone(), declared: *declared, sum });
            }
        }
        nodes[p].end = end;
    }

    // Areas and weights.
    let areas: Vec<usize> = (0..nodes.len()).filter(|&i| nodes[i].parent.is_none()).collect();
    let mut total_weight = Decimal::ZERO;
    for &a in &areas {
        let raw = &raws[order[a]];
        let max = nodes[a].contributing_max();
        let weight = match &raw.weight {
            Some((w, sp)) => {
                if *w <= Decimal::ZERO {
                    r.error(sp.clone(), M::NotPositive { key: "weight".into() });
                }
                if max <= Decimal::ZERO {
                    r.error(sp.clone(), M::WeightOnZeroArea { id: raw.id.clone() });
                }
                *w
            }
            None => max,
        };
        nodes[a].weight = weight;
        if max > Decimal::ZERO {
            total_weight += weight;
        }
    }
    // (Only worth saying when nothing else is wrong: a refused criterion or max also leaves 0.)
    if !nodes.is_empty() && total_weight <= Decimal::ZERO && !r.diags.has_errors() {
        r.error(head_span.clone(), M::ZeroTotal);
    }
    if let Some((m, sp)) = declared_max
        && m != total_weight
        && !nodes.is_empty()
    {
        r.error(sp, M::TotalNotSum { declared: m, total: total_weight });
    }

    let by_id = nodes.iter().enumerate().map(|(i, n)| (n.id.clone(), i)).collect();
    let leaf_count = nodes.iter().filter(|n| n.is_leaf()).count();
    Some(Scorecard {
        id: id.map(|x| x.0).unwrap_or_default(),
        title: title.map(|x| x.0).unwrap_or_default(),
        year,
        issued_by,
        issued_in,
        reconstructed,
        basis,
        step,
        max: total_weight,
        bands,
        nodes,
        areas,
        by_id,
        leaf_count,
    })
}

fn check_leaf_max(r: &mut Reader, id: &str, m: Decimal, sp: &Span, step: Decimal, stepped: bool) {
    if m <= Decimal::ZERO {
        r.error(sp.clone(), M::MaxNotPositive { id: id.to_owned() });
    } else if stepped && !is_multiple(m, step) {
        r.error(sp.clone(), M::MaxNotStep { id: id.to_owned(), max: m, step });
    }
}

fn read_criterion(r: &mut Reader, t: &DeTable<'_>, sp: Span, step: Decimal) -> Option<Raw> {
    r.unknown_keys(t, CRIT_KEYS, Place::CriterionTable);
    let (id, id_span) = r.req_string(t, "id", sp.clone(), Place::ThisCriterion)?;
    let mut ok = true;
    if !valid_id(&id) {
        r.error(id_span.clone(), M::BadId { id: id.clone() });
        ok = false;
    } else if id.len() > MAX_ID_LEN {
        r.error(id_span.clone(), M::IdTooLong { id: id.clone(), max: MAX_ID_LEN });
        ok = false;
    } else if id.split('.').count() > MAX_DEPTH {
        r.error(id_span.clone(), M::TooDeep { id: id.clone(), depth: id.split('.').count(), max: MAX_DEPTH });
        ok = false;
    }
    let title = match r.req_string(t, "title", sp.clone(), Place::Criterion(id.clone())) {
        Some((s, tsp)) if s.trim().is_empty() => {
            r.error(tsp, M::EmptyTitle { id: id.clone() });
            s
        }
        Some((s, _)) => s,
        None => String::new(),
    };
    let guidance = r.text(t, "guidance").map(|g| g.0.into_owned()).filter(|g| !g.trim().is_empty());
    let max = number(r, t, "max");
    let weight = number(r, t, "weight");
    let rule_keys: Vec<(String, Span)> = RULE_KEYS.iter().filter_map(|k| t.get(*k).map(|v| ((*k).to_owned(), v.span()))).collect();

    let (mut rule_name, rule_span) = match r.string(t, "rule") {
        Some((n, s)) => (Some(n), s),
        None => (None, id_span.clone()),
    };
    let mut refused = (max.is_none() && t.get("max").is_some()) || (rule_name.is_none() && t.get("rule").is_some());
    if let Some(other) = rule_name.as_deref()
        && !["manual", "choice", "bands", "target", "deduction", "bonus", "survey"].contains(&other)
    {
        r.error(rule_span.clone(), M::UnknownRule { rule: other.to_owned() });
        // Kept in the tree (as a leaf without a rule), so that its parent and children are not
        // reported as well.
        rule_name = None;
        refused = true;
    }
    // Keys each rule takes besides `rule` and `max`.
    let allowed: &[&str] = match rule_name.as_deref() {
        None | Some("manual") => &["levels"],
        Some("bonus") | Some("survey") => &[],
        Some("choice") => &["options"],
        Some("bands") => &["bands", "unit"],
        Some("target") => &["target"],
        Some("deduction") => &["per", "cap"],
        Some(_) => unreachable!("unknown rules are cleared above"),
    };
    // A missing rule may still be a group: those keys are reported once the tree is known.
    if rule_name.is_some() {
        for (k, ksp) in &rule_keys {
            if k != "rule" && !allowed.contains(&k.as_str()) {
                r.error(
                    ksp.clone(),
                    M::KeyNotForRule { key: k.to_string(), rule: rule_name.as_deref().unwrap_or("manual").to_owned(), id: id.clone() },
                );
            }
        }
    }

    let need_max = |r: &mut Reader, stepped: bool| -> Option<Decimal> {
        match &max {
            Some((m, msp)) => {
                check_leaf_max(r, &id, *m, msp, step, stepped);
                Some(*m)
            }
            None => {
                if t.get("max").is_none() {
                    r.error(rule_span.clone(), M::RuleNoMax { id: id.clone(), rule: rule_name.as_deref().unwrap_or("manual").to_owned() });
                }
                None
            }
        }
    };

    let levels = levels::read(r, t, &id);
    let mut levels_to_check = None;
    let rule = match rule_name.as_deref() {
        None => None,
        Some("manual") => {
            if let Some(m) = need_max(r, true) {
                // (A leaf without `rule` is checked once the tree is known.)
                levels_to_check = Some(m);
            }
            Some(Rule::Manual)
        }
        Some("bonus") => {
            need_max(r, true);
            Some(Rule::Bonus)
        }
        Some("survey") => {
            need_max(r, false);
            Some(Rule::Survey)
        }
        Some("choice") => {
            let m = need_max(r, false);
            let mut opts: Vec<ChoiceOption> = Vec::new();
            let tables = r.tables(t, "options");
            if tables.len() < 2 {
                let at = t.get("options").map_or(rule_span.clone(), |v| v.span());
                r.error(at, M::ChoiceFewOptions { id: id.clone() });
            }
            for (o, osp) in tables {
                r.unknown_keys(o, &["key", "label", "points"], Place::Option);
                let key = r.req_string(o, "key", osp.clone(), Place::ThisOption);
                let label = r.req_string(o, "label", osp.clone(), Place::ThisOption);
                let points = number(r, o, "points");
                if points.is_none() && o.get("points").is_none() {
                    r.error(osp.clone(), TomlMsg::Missing { place: Place::ThisOption, key: "points".into() });
                }
                if let (Some((key, ksp)), Some((label, _)), Some((points, psp))) = (key, label, points) {
                    if key.is_empty() {
                        r.error(ksp.clone(), M::EmptyOptionKey);
                    }
                    if opts.iter().any(|x| x.key == key) {
                        r.error(ksp, M::OptionKeyTwice { key: key.clone(), id: id.clone() });
                    }
                    check_points(r, &id, points, psp, m);
                    opts.push(ChoiceOption { key, label, points });
                }
            }
            Some(Rule::Choice(opts))
        }
        Some("bands") => {
            let m = need_max(r, false);
            let mut rows: Vec<BandPoints> = Vec::new();
            let tables = r.tables(t, "bands");
            if tables.is_empty() {
                let at = t.get("bands").map_or(rule_span.clone(), |v| v.span());
                r.error(at, M::BandsNone { id: id.clone() });
            }
            for (b, bsp) in tables {
                r.unknown_keys(b, &["min", "points"], Place::RuleBand);
                let min = number(r, b, "min");
                let points = number(r, b, "points");
                if min.is_none() && b.get("min").is_none() {
                    r.error(bsp.clone(), TomlMsg::Missing { place: Place::ThisRuleBand, key: "min".into() });
                }
                if points.is_none() && b.get("points").is_none() {
                    r.error(bsp.clone(), TomlMsg::Missing { place: Place::ThisRuleBand, key: "points".into() });
                }
                if let (Some((min, msp)), Some((points, psp))) = (min, points) {
                    if min < Decimal::ZERO {
                        r.error(msp.clone(), M::NegativeBandMin);
                    }
                    if rows.iter().any(|x| x.min == min) {
                        r.error(msp, M::RuleBandsSameMin { id: id.clone(), min });
                    }
                    check_points(r, &id, points, psp, m);
                    rows.push(BandPoints { min, points });
                }
            }
            rows.sort_by_key(|b| std::cmp::Reverse(b.min));
            let unit = r.string(t, "unit").map(|u| u.0);
            Some(Rule::Bands { bands: rows, unit })
        }
        Some("target") => {
            need_max(r, false);
            let target = match number(r, t, "target") {
                Some((v, vsp)) => {
                    if v <= Decimal::ZERO {
                        r.error(vsp, M::NotPositive { key: "target".into() });
                    }
                    v
                }
                None => {
                    if t.get("target").is_none() {
                        r.error(rule_span.clone(), M::TargetNoTarget { id: id.clone() });
                    }
                    Decimal::ONE
                }
            };
            Some(Rule::Target(target))
        }
        Some("deduction") => {
            if let Some((_, msp)) = &max {
                r.error(msp.clone(), M::DeductionMax { id: id.clone() });
            }
            let mut get = |key: &str| match number(r, t, key) {
                Some((v, vsp)) => {
                    if v <= Decimal::ZERO {
                        r.error(vsp, M::NotPositive { key: key.to_owned() });
                    }
                    v
                }
                None => {
                    if t.get(key).is_none() {
                        r.error(rule_span.clone(), M::DeductionMissing { id: id.clone(), key: key.to_owned() });
                    }
                    Decimal::ONE
                }
            };
            let per = get("per");
            let cap = get("cap");
            Some(Rule::Deduction { per, cap })
        }
        Some(_) => unreachable!("unknown rules are cleared above"),
    };
    if let Some(m) = levels_to_check {
        levels::check(r, &id, &levels, m, step);
    }
    if !ok {
        return None;
    }
    let na = na::read(r, t);
    let register = r.string(t, "register");
    Some(Raw { id, id_span, title, guidance, max, weight, rule, rule_keys, refused, na, register, levels })
}

fn check_points(r: &mut Reader, id: &str, points: Decimal, sp: Span, max: Option<Decimal>) {
    if points < Decimal::ZERO {
        r.error(sp, M::NegativePoints { id: id.to_owned() });
    } else if let Some(m) = max
        && points > m
    {
        r.error(sp, M::PointsOverMax { points, max: m, id: id.to_owned() });
    }
}
