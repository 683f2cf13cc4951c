//! The objection stage (issue 21): the Office publishes the appraised figures as provisional
//! results (`publication.toml`), units object criterion by criterion until a date
//! (`objections/<unit>.toml`), the Office answers each objection (accept: the appraised figure
//! changes; reject: with a reason), then publishes the final results. The files, their
//! reading and writing, and the rules of each step; no I/O.

use std::fmt::Write as _;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::answers::{Status, quote};
use super::date::Date;
use super::diag::{Diagnostics, LoadError, Source};
use super::limits::{Field, List};
use super::scorecard::Scorecard;
use super::toml_in::Reader;
use crate::say::objection::ObjectionMsg as M;
use crate::say::sheet::SheetMsg;
use crate::say::toml::Place;
use crate::say::workflow::St;

/// The round-level publication state, at the round's top.
pub const PUBLICATION: &str = "publication.toml";
/// The folder of the units' objections, one file per unit.
pub const OBJECTIONS: &str = "objections";

/// Where the published results stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Published for objections (kết quả dự kiến).
    Provisional,
    /// Published final (kết quả chính thức).
    Final,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Provisional => "provisional",
            Stage::Final => "final",
        }
    }
}

/// `publication.toml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Publication {
    pub stage: Stage,
    /// The last day units may object (Vietnam time), for the provisional stage; kept when final.
    pub until: Option<Date>,
    /// Who published, and when (RFC 3339, Vietnam time).
    pub by: String,
    pub at: String,
    /// `publish --final --force`: published with objections left unanswered.
    pub forced: bool,
}

impl Publication {
    pub fn parse(src: Arc<Source>) -> Result<Publication, LoadError> {
        let mut r = Reader::new(src.clone());
        let doc = r.parse(&src.text);
        let doc = doc.get_ref();
        r.unknown_keys(doc, &["stage", "until", "by", "at", "forced"], Place::Literal(PUBLICATION));
        let stage = match r.string(doc, "stage") {
            Some((s, _)) if s == "provisional" => Some(Stage::Provisional),
            Some((s, _)) if s == "final" => Some(Stage::Final),
            Some((s, sp)) => {
                r.error(sp, M::BadStage { stage: s });
                None
            }
            None => {
                r.error(0..0, crate::say::toml::TomlMsg::Missing { place: Place::Literal(PUBLICATION), key: "stage".into() });
                None
            }
        };
        let until = r.date(doc, "until").map(|x| x.0);
        if stage == Some(Stage::Provisional) && until.is_none() {
            r.error(0..0, crate::say::toml::TomlMsg::Missing { place: Place::Literal(PUBLICATION), key: "until".into() });
        }
        let by = r.string(doc, "by").map(|x| x.0).unwrap_or_default();
        let at = r.string(doc, "at").map(|x| x.0).unwrap_or_default();
        let forced = r.boolean(doc, "forced").is_some_and(|x| x.0);
        finish(r.diags).map(|()| Publication { stage: stage.unwrap_or(Stage::Provisional), until, by, at, forced })
    }

    /// Our own writer: the one form `parse` reads back.
    pub fn to_toml(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "stage = {}", quote(self.stage.as_str()));
        if let Some(d) = self.until {
            let _ = writeln!(s, "until = {}", d.iso());
        }
        let _ = writeln!(s, "by = {}\nat = {}", quote(&self.by), quote(&self.at));
        if self.forced {
            s.push_str("forced = true\n");
        }
        s
    }
}

/// The Office's answer to an objection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub accepted: bool,
    /// Accepted with these points (`answer --accept --points X`); `None`: the unit's own figure.
    pub points: Option<Decimal>,
    /// Why (required when rejected).
    pub reason: String,
    pub by: String,
    pub at: String,
}

/// One objection of a unit to one criterion's appraised figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Objection {
    pub criterion: String,
    pub reason: String,
    /// Documents cited (a file under evidence/, or a document's number and title).
    pub evidence: Vec<String>,
    pub by: String,
    pub at: String,
    pub answer: Option<Answer>,
}

/// A unit's objections (`objections/<unit>.toml`): at most one per criterion.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Objections {
    pub unit: String,
    pub items: Vec<Objection>,
}

impl Objections {
    pub fn new(unit: &str) -> Objections {
        Objections { unit: unit.to_owned(), items: Vec::new() }
    }

    /// The objection to `criterion`, if any.
    pub fn find(&self, criterion: &str) -> Option<&Objection> {
        self.items.iter().find(|o| o.criterion == criterion)
    }

    /// How many are not answered yet.
    pub fn open(&self) -> usize {
        self.items.iter().filter(|o| o.answer.is_none()).count()
    }

    pub fn parse(src: Arc<Source>, expected_unit: &str, sc: &Scorecard) -> Result<Objections, LoadError> {
        let mut r = Reader::new(src.clone());
        let doc = r.parse(&src.text);
        let doc = doc.get_ref();
        r.unknown_keys(doc, &["unit", "objection"], Place::Literal("objections/<unit>.toml"));
        let mut out = Objections::new(expected_unit);
        if let Some((u, sp)) = r.string(doc, "unit")
            && u != expected_unit
        {
            r.error(sp, M::WrongUnit { found: u, expected: expected_unit.to_owned() });
        }
        r.each_table(doc, "objection", |r, t, sp| {
            r.unknown_keys(
                t,
                &["criterion", "reason", "evidence", "by", "at", "answer", "points", "answer_reason", "answered_by", "answered_at"],
                Place::Literal("[[objection]]"),
            );
            let Some((criterion, csp)) = r.req_string(t, "criterion", sp.clone(), Place::Literal("[[objection]]")) else { return };
            if !sc.node(&criterion).is_some_and(|n| n.is_leaf()) {
                r.error(csp, M::NotALeaf { criterion });
                return;
            }
            if out.find(&criterion).is_some() {
                r.error(csp, M::Duplicate { criterion });
                return;
            }
            let reason = r.text(t, "reason").map(|x| x.0.into_owned()).unwrap_or_default();
            if reason.trim().is_empty() {
                r.error(sp.clone(), M::NeedsReason);
            }
            let evidence: Vec<String> = r.strings(t, "evidence").into_iter().map(|x| x.0).collect();
            // Limits: a file over one still loads, with a warning (issue 18).
            let mut overs: Vec<_> = [Field::Reason.check(&reason), List::Evidence.check(evidence.len())].into_iter().flatten().collect();
            overs.extend(evidence.iter().filter_map(|e| Field::EvidenceTitle.check(e)));
            let by = r.string(t, "by").map(|x| x.0).unwrap_or_default();
            let at = r.string(t, "at").map(|x| x.0).unwrap_or_default();
            let answer = match r.string(t, "answer") {
                None => None,
                Some((a, asp)) => {
                    let accepted = match a.as_str() {
                        "accepted" => Some(true),
                        "rejected" => Some(false),
                        _ => {
                            r.error(asp, M::BadAnswer { answer: a });
                            None
                        }
                    };
                    let points = r.decimal(t, "points").map(|x| x.0);
                    let areason = r.text(t, "answer_reason").map(|x| x.0.into_owned()).unwrap_or_default();
                    if accepted == Some(false) && areason.trim().is_empty() {
                        r.error(sp.clone(), M::RejectNeedsReason);
                    }
                    overs.extend(Field::Reason.check(&areason));
                    let by = r.string(t, "answered_by").map(|x| x.0).unwrap_or_default();
                    let at = r.string(t, "answered_at").map(|x| x.0).unwrap_or_default();
                    accepted.map(|accepted| Answer { accepted, points, reason: areason, by, at })
                }
            };
            for over in overs {
                r.warning(sp.clone(), SheetMsg::Limit { over });
            }
            out.items.push(Objection { criterion, reason, evidence, by, at, answer });
        });
        finish(r.diags).map(|()| out)
    }

    /// Our own writer: the one form `parse` reads back.
    pub fn to_toml(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "unit = {}", quote(&self.unit));
        for o in &self.items {
            let _ = writeln!(s, "\n[[objection]]\ncriterion = {}\nreason = {}", quote(&o.criterion), quote(&o.reason));
            if !o.evidence.is_empty() {
                let list: Vec<String> = o.evidence.iter().map(|e| quote(e)).collect();
                let _ = writeln!(s, "evidence = [{}]", list.join(", "));
            }
            let _ = writeln!(s, "by = {}\nat = {}", quote(&o.by), quote(&o.at));
            if let Some(a) = &o.answer {
                let _ = writeln!(s, "answer = {}", quote(if a.accepted { "accepted" } else { "rejected" }));
                if let Some(p) = a.points {
                    let _ = writeln!(s, "points = {}", p.normalize());
                }
                if !a.reason.is_empty() {
                    let _ = writeln!(s, "answer_reason = {}", quote(&a.reason));
                }
                let _ = writeln!(s, "answered_by = {}\nanswered_at = {}", quote(&a.by), quote(&a.at));
            }
        }
        s
    }
}

fn finish(mut d: Diagnostics) -> Result<(), LoadError> {
    if d.has_errors() {
        d.sort();
        Err(LoadError::invalid(d))
    } else {
        Ok(())
    }
}

/// Whether the Office may publish provisional results now: not once they are final.
pub fn may_publish_provisional(publication: Option<&Publication>) -> Result<(), M> {
    match publication {
        Some(p) if p.stage == Stage::Final => Err(M::AlreadyFinal),
        _ => Ok(()),
    }
}

/// Whether the Office may publish final results: after a provisional publication, with every
/// objection answered (`force`: published anyway, and the file says so).
pub fn may_publish_final(publication: Option<&Publication>, open: usize, force: bool) -> Result<(), M> {
    match publication {
        None => Err(M::NotPublished),
        Some(p) if p.stage == Stage::Final => Err(M::AlreadyFinal),
        Some(_) if open > 0 && !force => Err(M::Unanswered { count: open }),
        Some(_) => Ok(()),
    }
}

/// Whether a head may object to `criterion` now: the results are published provisional, the
/// objection date has not passed, the unit's result is appraised (not final), the criterion is
/// a leaf, and the unit has not objected to it already.
pub fn may_object(
    publication: Option<&Publication>,
    status: Option<Status>,
    today: Date,
    objections: Option<&Objections>,
    sc: &Scorecard,
    criterion: &str,
) -> Result<(), M> {
    let p = publication.ok_or(M::NotPublished)?;
    if p.stage == Stage::Final {
        return Err(M::AlreadyFinal);
    }
    if let Some(until) = p.until.filter(|u| today > *u) {
        return Err(M::PastDeadline { until: until.to_string() });
    }
    if status != Some(Status::Appraised) {
        return Err(M::NotAppraised { status: St(status) });
    }
    if !sc.node(criterion).is_some_and(|n| n.is_leaf()) {
        return Err(M::NotALeaf { criterion: criterion.to_owned() });
    }
    if objections.is_some_and(|o| o.find(criterion).is_some()) {
        return Err(M::Duplicate { criterion: criterion.to_owned() });
    }
    Ok(())
}

/// Whether the Office may answer the objection to `criterion`: it exists, is not answered, and
/// the unit's result is not final. Answers may come after the objection date.
pub fn may_answer(publication: Option<&Publication>, status: Option<Status>, objections: Option<&Objections>, criterion: &str) -> Result<usize, M> {
    let p = publication.ok_or(M::NotPublished)?;
    if p.stage == Stage::Final || status == Some(Status::Final) {
        return Err(M::AlreadyFinal);
    }
    let k = objections
        .and_then(|o| o.items.iter().position(|x| x.criterion == criterion))
        .ok_or_else(|| M::NoObjection { criterion: criterion.to_owned() })?;
    if objections.is_some_and(|o| o.items[k].answer.is_some()) {
        return Err(M::Answered { criterion: criterion.to_owned() });
    }
    Ok(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sc() -> Scorecard {
        Scorecard::from_toml_str(
            "t.toml",
            "[scorecard]\nid = \"t\"\ntitle = \"T\"\n\n[[criterion]]\nid = \"1\"\ntitle = \"A\"\n\n[[criterion]]\nid = \"1.1\"\ntitle = \"B\"\nmax = 2\nrule = \"manual\"\n",
        )
        .unwrap()
    }

    fn provisional() -> Publication {
        Publication { stage: Stage::Provisional, until: Date::new(2020, 12, 20), by: "tuoc".into(), at: "x".into(), forced: false }
    }

    #[test]
    fn the_files_read_back_what_our_writer_wrote() {
        let sc = sc();
        let p = provisional();
        let back = Publication::parse(Source::new("publication.toml", p.to_toml())).unwrap();
        assert_eq!(back, p);
        let mut o = Objections::new("vp");
        o.items.push(Objection {
            criterion: "1.1".into(),
            reason: "Có “kế hoạch”\nsố 12".into(),
            evidence: vec!["kh-12.pdf".into(), "12/KH-VP".into()],
            by: "lan".into(),
            at: "t".into(),
            answer: Some(Answer { accepted: true, points: Some(Decimal::new(15, 1)), reason: String::new(), by: "tuoc".into(), at: "u".into() }),
        });
        let back = Objections::parse(Source::new("vp.toml", o.to_toml()), "vp", &sc).unwrap();
        assert_eq!(back, o);
    }

    #[test]
    fn bad_files_are_refused() {
        let sc = sc();
        for text in [
            "unit = \"vp\"\n[[objection]]\ncriterion = \"1\"\nreason = \"x\"\n",
            "unit = \"vp\"\n[[objection]]\ncriterion = \"1.1\"\nreason = \"\"\n",
            "unit = \"ql\"\n",
            "unit = \"vp\"\n[[objection]]\ncriterion = \"1.1\"\nreason = \"x\"\nanswer = \"rejected\"\n",
            "unit = \"vp\"\n[[objection]]\ncriterion = \"1.1\"\nreason = \"x\"\n[[objection]]\ncriterion = \"1.1\"\nreason = \"y\"\n",
        ] {
            assert!(Objections::parse(Source::new("vp.toml", text), "vp", &sc).is_err(), "{text}");
        }
        assert!(Publication::parse(Source::new("p.toml", "stage = \"provisional\"\n")).is_err());
        assert!(Publication::parse(Source::new("p.toml", "stage = \"done\"\nuntil = 2020-12-20\n")).is_err());
    }

    #[test]
    fn each_refusal_of_an_objection() {
        let sc = sc();
        let p = provisional();
        let day = Date::new(2020, 12, 20).unwrap();
        let ok = |p: Option<&Publication>, st, today, o: Option<&Objections>, c| may_object(p, st, today, o, &sc, c);
        assert_eq!(ok(Some(&p), Some(Status::Appraised), day, None, "1.1"), Ok(()));
        assert_eq!(ok(None, Some(Status::Appraised), day, None, "1.1"), Err(M::NotPublished));
        let late = Date::new(2020, 12, 21).unwrap();
        assert!(matches!(ok(Some(&p), Some(Status::Appraised), late, None, "1.1"), Err(M::PastDeadline { .. })));
        assert!(matches!(ok(Some(&p), Some(Status::Submitted), day, None, "1.1"), Err(M::NotAppraised { .. })));
        assert!(matches!(ok(Some(&p), Some(Status::Appraised), day, None, "1"), Err(M::NotALeaf { .. })));
        let mut o = Objections::new("vp");
        o.items.push(Objection { criterion: "1.1".into(), reason: "r".into(), evidence: vec![], by: "".into(), at: "".into(), answer: None });
        assert!(matches!(ok(Some(&p), Some(Status::Appraised), day, Some(&o), "1.1"), Err(M::Duplicate { .. })));
        let fin = Publication { stage: Stage::Final, ..p.clone() };
        assert_eq!(ok(Some(&fin), Some(Status::Appraised), day, None, "1.1"), Err(M::AlreadyFinal));
        // Answers, and the final publication.
        assert_eq!(may_answer(Some(&p), Some(Status::Appraised), Some(&o), "1.1"), Ok(0));
        assert_eq!(may_publish_final(Some(&p), o.open(), false), Err(M::Unanswered { count: 1 }));
        assert_eq!(may_publish_final(Some(&p), o.open(), true), Ok(()));
        assert_eq!(may_publish_final(None, 0, true), Err(M::NotPublished));
        o.items[0].answer = Some(Answer { accepted: false, points: None, reason: "no".into(), by: "".into(), at: "".into() });
        assert!(matches!(may_answer(Some(&p), Some(Status::Appraised), Some(&o), "1.1"), Err(M::Answered { .. })));
        assert!(matches!(may_answer(Some(&p), Some(Status::Appraised), Some(&o), "2"), Err(M::NoObjection { .. })));
        assert_eq!(may_publish_final(Some(&p), o.open(), false), Ok(()));
        assert_eq!(may_publish_provisional(Some(&fin)), Err(M::AlreadyFinal));
    }
}
