//! The objection stage and withdrawal on the command line (issue 21): `withdraw`, `publish
//! --provisional --until DATE | --final [--force]`, `object`, `answer`; and the lines `status`
//! and `score --unit` add about the stage.

use std::path::Path;

use rust_decimal::Decimal;

use super::workflow::{change_error, unit_index};
use super::{CmdResult, Failure};
use crate::core::date::Date;
use crate::core::objection::{Objections, Publication, Stage};
use crate::core::roles::Identity;
use crate::core::round::today;
use crate::core::store::objections::Verdict;
use crate::core::workspace::Workspace;
use crate::text::Lang;
use crate::text::msg::Message;
use crate::text::msg::objection::ObjDone;

fn say(m: ObjDone, lang: Lang) {
    println!("{}", crate::core::clean::text(&m.render(lang)));
}

/// `parindex withdraw -w DIR --unit ID`.
pub fn withdraw(dir: &Path, unit: &str, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let ui = unit_index(&ws, unit, lang)?;
    ws.withdraw(ui, &Identity::current(&ws), today(), false).map_err(|e| change_error(e, lang))?;
    say(ObjDone::Withdrawn { name: ws.units[ui].name.clone() }, lang);
    Ok(())
}

/// `parindex publish -w DIR --provisional --until DATE` or `--final [--force]`.
pub fn publish(dir: &Path, until: Option<Date>, final_: bool, force: bool, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let who = Identity::current(&ws);
    if final_ {
        let units = ws.publish_final(&who, force, today()).map_err(|e| change_error(e, lang))?;
        say(ObjDone::Final { units }, lang);
    } else {
        // clap requires --until with --provisional.
        let Some(until) = until else { return Err(Failure::Usage("--until".into())) };
        let units = ws.publish_provisional(&who, until).map_err(|e| change_error(e, lang))?;
        say(ObjDone::Provisional { until: until.to_string(), units }, lang);
    }
    Ok(())
}

/// `parindex object -w DIR --unit ID --criterion C --reason TEXT [--evidence …]`.
pub fn object(dir: &Path, unit: &str, criterion: &str, reason: &str, evidence: &[String], lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let ui = unit_index(&ws, unit, lang)?;
    ws.object(ui, &Identity::current(&ws), today(), criterion, reason, evidence).map_err(|e| change_error(e, lang))?;
    say(ObjDone::Objected { criterion: criterion.to_owned(), name: ws.units[ui].name.clone() }, lang);
    Ok(())
}

/// `parindex answer -w DIR --unit ID --criterion C --accept [--points X] | --reject --reason TEXT`.
pub fn answer(dir: &Path, unit: &str, criterion: &str, points: Option<Decimal>, reject: Option<&str>, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let ui = unit_index(&ws, unit, lang)?;
    let verdict = match reject {
        Some(reason) => Verdict::Reject { reason: reason.to_owned() },
        None => Verdict::Accept { points },
    };
    let accepted = matches!(verdict, Verdict::Accept { .. });
    ws.answer_objection(ui, &Identity::current(&ws), criterion, verdict).map_err(|e| change_error(e, lang))?;
    let (criterion, name) = (criterion.to_owned(), ws.units[ui].name.clone());
    say(if accepted { ObjDone::Accepted { criterion, name } } else { ObjDone::Rejected { criterion, name } }, lang);
    Ok(())
}

/// `--points`: a decimal as people type it (`1,5` or `1.5`).
pub fn parse_points(s: &str) -> Result<Decimal, String> {
    crate::core::num::parse_typed(s).ok_or_else(|| format!("{s}: ?"))
}

/// The stage line(s) of `status`: published when and until when, open objections.
pub fn status_lines(ws: &Workspace, lang: Lang) -> Result<String, Failure> {
    let Some(p) = ws.load_publication()? else { return Ok(String::new()) };
    let (open, all) = ws.objection_counts()?;
    Ok(format!("{}\n{}\n", stage_line(&p, lang), ObjDone::OpenObjections { open, total: all }.render(lang)))
}

fn stage_line(p: &Publication, lang: Lang) -> String {
    match p.stage {
        Stage::Provisional => ObjDone::Stage { until: p.until.map(|d| d.to_string()).unwrap_or_default() }.render(lang),
        Stage::Final => ObjDone::StageFinal.render(lang),
    }
}

/// What `score --unit` adds once results are published: the stage, each appraised figure that
/// differs from the unit's own with the Office's comment, and the unit's objections.
pub fn score_lines(
    ws: &Workspace,
    unit: &str,
    own: &crate::core::tally::Tally,
    fin: &crate::core::tally::Tally,
    appr: Option<&crate::core::answers::Sheet>,
    lang: Lang,
) -> Result<String, Failure> {
    let Some(p) = ws.load_publication()? else { return Ok(String::new()) };
    let sep = lang.decimal_sep();
    let sc = &ws.scorecard;
    let mut out = format!("{}\n", stage_line(&p, lang));
    for i in sc.leaves() {
        let (a, b) = (own.nodes[i].total(), fin.nodes[i].total());
        if a == b {
            continue;
        }
        let comment = appr.and_then(|s| s.answer(i)).map(|x| x.comment.trim()).filter(|c| !c.is_empty());
        let f = |d| crate::core::num::fmt_short(d, sep);
        out.push_str(&format!("  {}: {} → {}", sc.nodes[i].id, f(a), f(b)));
        if let Some(c) = comment {
            out.push_str(&format!(" — {}", c.replace('\n', " ")));
        }
        out.push('\n');
    }
    let objs: Option<Objections> = ws.load_objections(unit)?;
    for o in objs.iter().flat_map(|o| &o.items) {
        out.push_str(&ObjDone::Objection { criterion: o.criterion.clone(), reason: o.reason.replace('\n', " ") }.render(lang));
        out.push_str(" — ");
        let ans = match &o.answer {
            None => ObjDone::AnswerPending,
            Some(a) if a.accepted => ObjDone::AnswerAccepted,
            Some(a) => ObjDone::AnswerRejected { reason: a.reason.replace('\n', " ") },
        };
        out.push_str(&ans.render(lang));
        out.push('\n');
    }
    Ok(out)
}
