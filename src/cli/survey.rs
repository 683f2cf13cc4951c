//! `parindex import-survey -w DIR FILE.csv`: the Office brings survey results into the
//! appraisals (spec §5.3). All or nothing: every row is checked, every unit's appraisal lock
//! taken and every refusal found before the first file is written. Each appraisal is saved
//! through `Workspace::save_edit`, so the audit log has one `appraise` entry per changed
//! criterion, and the source file is recorded in the criterion's comment (and so in the log).

use std::collections::BTreeMap;
use std::path::Path;

use super::workflow::change_error;
use super::{CmdResult, Failure};
use crate::core::answers::{Input, Sheet, SheetKind, Status};
use crate::core::lock::{self, LockOutcome};
use crate::core::roles::Identity;
use crate::core::round::ChangeError;
use crate::core::store::read::read_text;
use crate::core::survey;
use crate::core::workspace::Workspace;
use crate::text::Lang;

/// The comment that says where survey points came from.
pub const SOURCE_PREFIX: &str = "Điểm khảo sát xã hội học, nhập từ tệp";

pub fn run(dir: &Path, file: &Path, lang: Lang) -> CmdResult {
    let ws = Workspace::load(dir)?;
    let who = Identity::current(&ws);
    if !who.office {
        return Err(Failure::Usage(crate::text::msg::Message::render(
            &crate::text::msg::cli::CliMsg::SurveyNotOffice { user: who.user.clone() },
            lang,
        )));
    }
    let src = read_text(file)?;
    let rows = survey::parse(&ws.scorecard, |id| ws.unit_index(id), &src)?;
    let mut by_unit: BTreeMap<usize, Vec<survey::SurveyPoints>> = BTreeMap::new();
    for r in rows {
        by_unit.entry(r.unit).or_default().push(r);
    }
    // Every lock, and every unit's state, before anything is written.
    let mut locks = Vec::new();
    let mut sheets: Vec<Sheet> = Vec::new();
    for (&u, points) in &by_unit {
        let id = &ws.units[u].id;
        match lock::try_lock_in(&ws.store, id, SheetKind::Appraisal, &who.user).map_err(|e| change_error(ChangeError::Io(e), lang))? {
            LockOutcome::Acquired(l) => locks.push(l),
            LockOutcome::HeldBy(h) => return Err(change_error(ChangeError::Busy(h), lang)),
        }
        let sub = ws.load_sheet(id, SheetKind::Submission)?;
        if sub.as_ref().is_some_and(|s| s.status == Status::Final) {
            return Err(Failure::Usage(crate::text::msg::Message::render(&crate::text::msg::cli::CliMsg::SurveyFinal { id: id.clone() }, lang)));
        }
        let mut appr = ws.load_sheet(id, SheetKind::Appraisal)?.unwrap_or_else(|| Sheet::new(id));
        let name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
        let source = format!("{SOURCE_PREFIX} {name}");
        for p in points {
            let a = appr.answer_mut(p.node);
            a.input = Some(Input::Points(p.points));
            if a.comment.is_empty() || a.comment.starts_with(SOURCE_PREFIX) {
                a.comment = source.clone();
            } else if !a.comment.contains(&source) {
                a.comment = format!("{}\n{source}", a.comment);
            }
        }
        sheets.push(appr);
    }
    let mut changed = 0;
    for s in &sheets {
        ws.save_edit(s, SheetKind::Appraisal, &who.user).map_err(|e| change_error(ChangeError::Io(e), lang))?;
        changed += 1;
    }
    drop(locks);
    let n: usize = by_unit.values().map(Vec::len).sum();
    let msg = lang.text().survey_imported.replacen("{}", &n.to_string(), 1).replacen("{}", &changed.to_string(), 1);
    println!("{msg} {}", file.display());
    Ok(())
}
