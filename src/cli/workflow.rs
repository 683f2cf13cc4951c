//! `parindex submit|return|mark-appraised|finalise|reopen -w DIR --unit ID`: workflow moves,
//! and `parindex status -w DIR`: where every unit stands.

use crate::text::Render;
use std::path::Path;

use super::table::{Align, Table};
use super::{CmdResult, Failure, emit};
use crate::core::answers::SheetKind;
use crate::core::num::fmt_fixed;
use crate::core::results::RoundResults;
use crate::core::roles::Identity;
use crate::core::round::{ChangeError, today};
use crate::core::sign;
use crate::core::workflow::Move;
use crate::core::workspace::Workspace;
use crate::text::Lang;
use crate::text::msg::Message;
use crate::text::msg::cli::CliMsg;
use crate::text::msg::workflow::DoneMsg;

pub fn change_error(e: ChangeError, lang: Lang) -> Failure {
    match e {
        ChangeError::Load(l) => Failure::Load(l),
        ChangeError::Integrity(i) => Failure::Usage(lang.text().integrity_refusal(i)),
        // A failed write inside the round: the file named, and what to do, in the language.
        ChangeError::Io(e) if crate::core::store::dir::at_path(&e).is_some() => {
            let kind = e.kind();
            match e.into_inner().map(|b| b.downcast::<crate::core::store::dir::AtPath>()) {
                Some(Ok(at)) => {
                    let at = *at;
                    Failure::Write(at.path, at.source)
                }
                // `at_path` said it is one; keep the error whole if it is not.
                Some(Err(other)) => Failure::Usage(crate::text::msg::store::io_error(&std::io::Error::new(kind, other), lang)),
                None => Failure::Usage(crate::text::msg::store::io_error(&std::io::Error::from(kind), lang)),
            }
        }
        other => Failure::Usage(other.render_in(lang)),
    }
}

pub fn unit_index(ws: &Workspace, unit: &str, lang: Lang) -> Result<usize, Failure> {
    ws.unit_index(unit).ok_or_else(|| {
        let known: Vec<&str> = ws.units.iter().map(|u| u.id.as_str()).collect();
        Failure::Usage(CliMsg::NoUnit { unit: unit.to_owned(), known: known.join(", ") }.render(lang))
    })
}

pub fn run_move(dir: &Path, unit: &str, mv: Move, lang: Lang) -> CmdResult {
    run_move_in(&Workspace::load(dir)?, unit, mv, lang)
}

/// [`run_move`] on the round the command already opened.
fn run_move_in(ws: &Workspace, unit: &str, mv: Move, lang: Lang) -> CmdResult {
    let ui = unit_index(ws, unit, lang)?;
    let who = Identity::current(ws);
    let sheet = ws.apply_move(ui, mv, &who, today(), false).map_err(|e| change_error(e, lang))?;
    report_move(ws, ui, mv, &sheet, lang);
    Ok(())
}

/// `parindex mark-appraised [--override]`: with appraisers (issue 21), every part of the unit
/// must be done; the Office's override is logged with the parts missing.
pub fn mark_appraised(dir: &Path, unit: &str, force: bool, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let ui = unit_index(&ws, unit, lang)?;
    let who = Identity::current(&ws);
    let (sheet, missing) = ws.mark_appraised(ui, &who, today(), force).map_err(|e| change_error(e, lang))?;
    report_move(&ws, ui, Move::MarkAppraised, &sheet, lang);
    if !missing.is_empty() {
        let msg = crate::text::msg::council::CouncilWord::Overridden { parts: missing.join(", ") };
        println!("{}", crate::core::clean::text(&msg.render(lang)));
    }
    Ok(())
}

/// `parindex submit`: signs first when the unit lists keys (nothing is written when signing
/// fails), then makes the move with the signature.
pub fn submit(dir: &Path, unit: &str, key: Option<&Path>, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let ui = unit_index(&ws, unit, lang)?;
    let who = Identity::current(&ws);
    let mut signature = None;
    if !ws.units[ui].keys.is_empty() {
        // The role and the workflow are checked before anything is signed.
        who.require(&ws, Move::Submit.actor(), ui).map_err(|m| Failure::Usage(m.render(lang)))?;
        let sheet = ws.load_sheet(unit, SheetKind::Submission)?;
        crate::core::workflow::apply(Move::Submit, Move::Submit.actor(), &ws.unit_state(sheet.as_ref(), today()))
            .map_err(|r| change_error(ChangeError::Refused(r), lang))?;
        let sheet = sheet.unwrap_or_else(|| crate::core::answers::Sheet::new(unit));
        let t = lang.text();
        signature = sign::submission(&ws, ui, &sheet, key).map_err(|e| {
            let mut msg = fill(t.sign_failed, &[&ws.units[ui].name, &e.msg().render(lang)]);
            if sign::needs_key(&e) {
                msg.push('\n');
                msg.push_str(t.sign_hint);
            }
            Failure::Usage(msg)
        })?;
    }
    let sheet = ws.apply_move_signed(ui, Move::Submit, &who, today(), false, signature).map_err(|e| change_error(e, lang))?;
    report_move(&ws, ui, Move::Submit, &sheet, lang);
    Ok(())
}

/// `{}` in a template, filled in order.
fn fill(template: &str, args: &[&str]) -> String {
    let mut parts = template.split("{}");
    let mut out = parts.next().unwrap_or_default().to_owned();
    for (k, part) in parts.enumerate() {
        out.push_str(args.get(k).copied().unwrap_or(""));
        out.push_str(part);
    }
    out
}

fn report_move(ws: &Workspace, ui: usize, mv: Move, sheet: &crate::core::answers::Sheet, lang: Lang) {
    let name = ws.units[ui].name.clone();
    let done = match mv {
        Move::Submit => DoneMsg::Submitted { name },
        Move::Return => DoneMsg::Returned { name },
        Move::MarkAppraised => DoneMsg::Appraised { name },
        Move::Finalise => DoneMsg::Finalised { name },
        Move::Reopen => DoneMsg::Reopened { name },
    };
    let mut msg = done.render(lang);
    if let Some(seal) = sheet.seal.as_ref().filter(|_| mv == Move::Submit) {
        msg.push('\n');
        msg.push_str(&DoneMsg::Seal { seal: seal.clone() }.render(lang));
    }
    println!("{}", crate::core::clean::text(&msg));
}

/// `return`, with the Office's reason (kept in the audit log, shown to the unit).
pub fn run_return(dir: &Path, unit: &str, reason: Option<&str>, lang: Lang) -> CmdResult {
    // A reason over its limit is refused before the move: nothing is written.
    if let Some(over) = reason.and_then(|r| crate::core::limits::Field::Reason.check(r.trim())) {
        return Err(Failure::Usage(crate::text::msg::sheet::SheetMsg::Limit { over }.render(lang)));
    }
    // One load: the move and its reason go to the same round, whatever is at `dir` meanwhile.
    let ws = Workspace::load(dir)?;
    run_move_in(&ws, unit, Move::Return, lang)?;
    if let Some(r) = reason.map(|r| crate::core::toml_in::nfc(r.trim())).filter(|r| !r.is_empty()) {
        let ui = unit_index(&ws, unit, lang)?;
        ws.log_return_reason(ui, &Identity::current(&ws), &r)
            .map_err(|e| Failure::Usage(CliMsg::ReturnReasonNotLogged { reason: crate::core::store::dir::io_reason(&e) }.render(lang)))?;
    }
    Ok(())
}

/// Every unit: status, progress, indexes, deadline.
pub fn status(dir: &Path, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let results = RoundResults::from_disk(&ws)?;
    let who = Identity::current(&ws);
    let t = lang.text();
    let sep = lang.decimal_sep();
    let mut out = format!("{}\n", ws.title);
    if let Some(d) = ws.deadline {
        out.push_str(&format!("{}: {d}\n", deadline_word(lang)));
    }
    let mut tab = Table::new(&[
        (t.unit_id, Align::Left),
        (t.unit, Align::Left),
        (t.status, Align::Left),
        (t.progress, Align::Right),
        (t.self_index, Align::Right),
        (t.final_index, Align::Right),
    ]);
    let mut order: Vec<(&str, usize)> = ws.units.iter().enumerate().map(|(i, u)| (u.name.as_str(), i)).collect();
    crate::core::rank::sort_by_name(&mut order, |x| x.0);
    for (_, i) in order {
        let r = &results.units[i];
        let u = &ws.units[i];
        // Another unit's draft figures are not shown (issue 18): its status is.
        let shown = !r.is_unreadable() && who.may_read(&ws, i, crate::core::roles::Part::Figures, r.status);
        let figures = |f: String| if shown { f } else { "—".to_owned() };
        tab.push(vec![
            u.id.clone(),
            t.marked(&u.name, r.integrity),
            t.unit_status(r).to_owned(),
            figures(t.counts_short(&crate::core::figures::Counts::of_result(&ws.scorecard, r))),
            figures(fmt_fixed(r.self_index, 2, sep)),
            figures(fmt_fixed(r.index, 2, sep)),
        ]);
    }
    out.push_str(&tab.render());
    out.push_str(&super::news::status_lines(&ws, lang));
    out.push_str(&super::objection::status_lines(&ws, lang)?);
    out.push_str(&super::appraise::status_lines(&ws, lang));
    out.push_str(&super::rank::integrity_lines(&ws, &results, lang));
    emit(None, &out)?;
    super::rank::unreadable_fails(&ws, &results, true, lang)
}

fn deadline_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Hạn tự đánh giá",
        Lang::En => "Self-assessment deadline",
    }
}

/// `parindex export-submission`: a unit's submission as one file, for a round on another machine.
pub fn export_submission(dir: &Path, unit: &str, output: &Path, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let ui = unit_index(&ws, unit, lang)?;
    let who = Identity::current(&ws);
    if !who.may_read(&ws, ui, crate::core::roles::Part::Details, None) {
        return Err(Failure::Usage(CliMsg::NeitherHeadNorOffice { user: who.user.clone(), unit: unit.to_owned() }.render(lang)));
    }
    let mut sheet =
        ws.load_sheet(unit, SheetKind::Submission)?.ok_or_else(|| Failure::Usage(CliMsg::NoSubmissionYet { unit: unit.to_owned() }.render(lang)))?;
    sheet.scorecard = Some(ws.scorecard.id.clone());
    emit(Some(output), &sheet.to_toml(&ws.scorecard, SheetKind::Submission))
}

/// `parindex import -w DIR --unit ID [--late] FILE`: the Office takes in a submission made
/// elsewhere as the named unit's.
pub fn import(dir: &Path, unit: &str, late: bool, file: &Path, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let ui = unit_index(&ws, unit, lang)?;
    let who = Identity::current(&ws);
    let sheet = ws.import_submission(file, unit, late, &who).map_err(|e| change_error(e, lang))?;
    let done =
        DoneMsg::Imported { name: ws.units[ui].name.clone(), status: lang.text().status(Some(sheet.status)).to_owned(), count: sheet.answers.len() };
    println!("{}", crate::core::clean::text(&done.render(lang)));
    Ok(())
}
