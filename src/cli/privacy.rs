//! What a person may read of other units (issue 18, confidentiality): the refusals, worded,
//! of the one rule in [`Identity::may_read`]. Every command that shows a unit asks here.

use super::{CmdResult, Failure};
use crate::core::answers::Status;
use crate::core::results::RoundResults;
use crate::core::roles::{Identity, Part};
use crate::core::workspace::Workspace;
use crate::text::Lang;
use crate::text::msg::Message;
use crate::text::msg::cli::CliMsg;

/// Refuses (exit 2) unless `who` may see `part` of `unit` (status `status`).
pub fn require(ws: &Workspace, who: &Identity, unit: usize, part: Part, status: Option<Status>, lang: Lang) -> CmdResult {
    if who.may_read(ws, unit, part, status) {
        return Ok(());
    }
    let u = &ws.units[unit];
    Err(Failure::Usage(CliMsg::ReadRefused { user: who.user.clone(), unit: u.id.clone(), name: u.name.clone() }.render(lang)))
}

/// The ranking (and what shows every unit's figures: `rank`, `export`, the Office's report):
/// refused unless `who` may see every unit's figures, i.e. the Office, or anyone once every
/// unit is appraised or final.
pub fn require_ranking(ws: &Workspace, who: &Identity, results: &RoundResults, lang: Lang) -> CmdResult {
    let pending = results.units.iter().filter(|r| !who.may_read(ws, r.unit, Part::Figures, r.status)).count();
    if pending == 0 {
        return Ok(());
    }
    Err(Failure::Usage(CliMsg::RankingNotYet { user: who.user.clone(), pending }.render(lang)))
}
