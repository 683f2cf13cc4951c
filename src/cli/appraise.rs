//! `parindex appraise -w DIR --unit ID [--criterion C --value V --comment TEXT | --done |
//! --reopen] [--part ID]`: an appraiser (issue 21), or the Office, scores and comments a
//! criterion of a unit's appraisal, or says its part of the unit is done. Each appraiser
//! changes only the criteria of its part (`[[appraiser]]` in workspace.toml); the save holds
//! the unit's appraisal lock only while it reads, changes and writes the file, so two
//! appraisers on the same unit do not block each other. Without a criterion nor `--done`,
//! prints the parts of the unit and how far each has come.

use std::path::Path;

use super::workflow::{change_error, unit_index};
use super::{CmdResult, Failure, emit};
use crate::core::roles::Identity;
use crate::core::round::today;
use crate::core::workspace::Workspace;
use crate::text::Lang;
use crate::text::msg::Message;
use crate::text::msg::council::CouncilWord as W;

pub struct Args<'a> {
    pub workspace: &'a Path,
    pub unit: &'a str,
    pub criterion: Option<&'a str>,
    pub value: Option<&'a str>,
    pub comment: Option<&'a str>,
    pub done: bool,
    pub reopen: bool,
    pub part: Option<&'a str>,
}

pub fn run(a: Args<'_>, lang: Lang) -> CmdResult {
    let ws = Workspace::load(a.workspace)?;
    let ui = unit_index(&ws, a.unit, lang)?;
    let who = Identity::current(&ws);
    let usage = |m: W| Failure::Usage(m.render(lang));
    if a.done || a.reopen {
        if ws.appraisers.is_empty() {
            return Err(usage(W::NoCouncil));
        }
        let k = which_part(&ws, &who, a.part, lang)?;
        let name = ws.units[ui].name.clone();
        let part = ws.appraisers[k].name.clone();
        let changed = ws.set_part_done(ui, k, a.done, &who).map_err(|e| change_error(e, lang))?;
        let msg = match (changed, a.done) {
            (false, _) => W::Unchanged,
            (true, true) => W::DidDone { part, name },
            (true, false) => W::DidReopen { part, name },
        };
        println!("{}", crate::core::clean::text(&msg.render(lang)));
        return Ok(());
    }
    let Some(criterion) = a.criterion else {
        return emit(None, &progress_text(&ws, ui, lang)?);
    };
    let Some(node) = ws.scorecard.node_index(criterion) else {
        return Err(usage(W::UnknownCriterion { criterion: criterion.to_owned() }));
    };
    let n = &ws.scorecard.nodes[node];
    if !n.is_leaf() {
        return Err(usage(W::NotALeaf { criterion: criterion.to_owned() }));
    }
    if a.value.is_none() && a.comment.is_none() {
        return Err(usage(W::NeedWhat));
    }
    // The role first: nothing is parsed for a criterion that is not this user's.
    ws.may_appraise(&who, &ws.owners(), node).map_err(|m| Failure::Usage(m.render(lang)))?;
    let input = match a.value {
        Some(v) => Some(crate::tui::fmt::parse_input(n, v, lang.text()).map_err(|why| usage(W::BadValue { criterion: criterion.to_owned(), why }))?),
        None => None,
    };
    let comment = a.comment.map(|c| crate::core::toml_in::nfc(c.trim()));
    if let Some(over) = comment.as_deref().and_then(|c| crate::core::limits::Field::Comment.check(c)) {
        return Err(Failure::Usage(crate::text::msg::sheet::SheetMsg::Limit { over }.render(lang)));
    }
    let changed = ws
        .save_part(ui, &who, today(), |s| {
            let ans = s.answer_mut(node);
            if let Some(i) = input {
                ans.input = i;
            }
            if let Some(c) = comment {
                ans.comment = c;
            }
            s.prune();
        })
        .map_err(|e| change_error(e, lang))?;
    let msg = if changed { W::Saved { criterion: criterion.to_owned(), name: ws.units[ui].name.clone() } } else { W::Unchanged };
    println!("{}", crate::core::clean::text(&msg.render(lang)));
    Ok(())
}

/// The appraiser `--part` names, or the one this user acts for.
fn which_part(ws: &Workspace, who: &Identity, part: Option<&str>, lang: Lang) -> Result<usize, Failure> {
    let ids = || ws.appraisers.iter().map(|a| a.id.as_str()).collect::<Vec<_>>().join(", ");
    if let Some(p) = part {
        return ws
            .appraisers
            .iter()
            .position(|a| a.id == p)
            .ok_or_else(|| Failure::Usage(W::UnknownPart { id: p.to_owned(), ids: ids() }.render(lang)));
    }
    match ws.appraiser_roles(&who.user)[..] {
        [k] => Ok(k),
        [] if !who.office => Err(Failure::Usage(
            crate::core::say::Msg::from(crate::core::say::workflow::WorkflowMsg::NotAppraiser { user: who.user.clone() }).render(lang),
        )),
        _ => Err(Failure::Usage(W::WhichPart { ids: ids() }.render(lang))),
    }
}

/// A unit's parts: "Thẩm định: 3/5 phần", then one line per appraiser.
pub fn progress_text(ws: &Workspace, ui: usize, lang: Lang) -> Result<String, Failure> {
    if ws.appraisers.is_empty() {
        return Err(Failure::Usage(W::NoCouncil.render(lang)));
    }
    let p = ws.part_progress(ui)?;
    let mut out = format!("{} — {}\n", ws.units[ui].name, W::PartsOf { done: p.iter().filter(|x| x.done).count(), total: p.len() }.render(lang));
    for x in &p {
        let a = &ws.appraisers[x.appraiser];
        let state = if x.done { W::PartDone } else { W::PartOpen }.render(lang);
        out.push_str(&W::PartLine { id: a.id.clone(), name: a.name.clone(), scored: x.scored, leaves: x.leaves, state }.render(lang));
        out.push('\n');
    }
    Ok(out)
}

/// `status`'s lines on the council: who appraises what, and each unit's parts done.
pub fn status_lines(ws: &Workspace, lang: Lang) -> String {
    if ws.appraisers.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{}\n", W::Heading.render(lang));
    for a in &ws.appraisers {
        let mut what: Vec<String> = a.areas.iter().map(|id| W::AreaWord { id: id.clone() }.render(lang)).collect();
        what.extend(a.criteria.iter().map(|id| W::CriterionWord { id: id.clone() }.render(lang)));
        let users = crate::text::msg::Show::show(&crate::core::say::workflow::Names(a.users.clone()), lang);
        out.push_str(&W::Given { id: a.id.clone(), name: a.name.clone(), areas: what.join(", "), users }.render(lang));
        out.push('\n');
    }
    let mut order: Vec<(&str, usize)> = ws.units.iter().enumerate().map(|(i, u)| (u.name.as_str(), i)).collect();
    crate::core::rank::sort_by_name(&mut order, |x| x.0);
    for (_, i) in order {
        let u = &ws.units[i];
        match ws.part_progress(i) {
            Ok(p) => {
                let done = p.iter().filter(|x| x.done).count();
                let parts: Vec<String> = p
                    .iter()
                    .map(|x| {
                        let mark = if x.done { " ✓" } else { "" };
                        format!("{} {}/{}{mark}", ws.appraisers[x.appraiser].id, x.scored, x.leaves)
                    })
                    .collect();
                out.push_str(&format!("{} ({}) — {}: {}\n", u.name, u.id, W::PartsOf { done, total: p.len() }.render(lang), parts.join(", ")));
            }
            // An unreadable appraisal is reported by the table above.
            Err(_) => out.push_str(&format!("{} ({}) — —\n", u.name, u.id)),
        }
    }
    out
}
