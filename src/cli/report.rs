//! `parindex report -w DIR (--unit ID | --office) -o FILE.docx`: the document a unit or the
//! Office signs (docs/exports.md, "Documents").

use std::path::Path;

use super::{CmdResult, Failure};
use crate::core::date::Date;
use crate::core::results::RoundResults;
use crate::core::workspace::Workspace;
use crate::export::docx;
use crate::text::Lang;
use crate::text::msg::Message;
use crate::text::msg::cli::CliMsg;

pub fn run(workspace: &Path, unit: Option<&str>, output: &Path, date: Option<Date>, lang: Lang) -> CmdResult {
    let file = output.display().to_string();
    if output.as_os_str().is_empty() || output.is_dir() {
        return Err(Failure::Usage(CliMsg::OutputIsFolder { file }.render(lang)));
    }
    // The document is a Word file: a name that says otherwise (`x.pdf`) is refused, not
    // written as a DOCX under that name.
    if !output.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("docx")) {
        return Err(Failure::Usage(CliMsg::ReportNotDocx { file }.render(lang)));
    }
    let ws = Workspace::load(workspace)?;
    let results = RoundResults::from_disk(&ws)?;
    // A unit's document holds its notes and explanations: its heads and the Office only; the
    // Office's document ranks every unit (issue 18).
    let who = crate::core::roles::Identity::current(&ws);
    match unit.and_then(|id| ws.unit_index(id)) {
        Some(ui) => super::privacy::require(&ws, &who, ui, crate::core::roles::Part::Details, None, lang)?,
        None if unit.is_none() => super::privacy::require_ranking(&ws, &who, &results, lang)?,
        None => {}
    }
    let cannot =
        |e: std::io::Error| Failure::Usage(CliMsg::CannotWrite { file: file.clone(), reason: crate::core::store::dir::io_reason(&e) }.render(lang));
    let bytes = match unit {
        Some(id) => docx::unit_report(&ws, &results, id, date)
            .map_err(|e| match e {
                docx::UnitReportError::Load(l) => Failure::Load(l),
                docx::UnitReportError::Io(e) => cannot(e),
            })?
            .ok_or_else(|| {
                Failure::Usage(CliMsg::NoUnitIn { unit: id.to_owned(), file: ws.dir.join("workspace.toml").display().to_string() }.render(lang))
            })?,
        None => docx::office_report(&ws, &results, date).map_err(cannot)?,
    };
    crate::core::fsutil::write_atomic(output, &bytes).map(|_| ()).map_err(cannot)
}
