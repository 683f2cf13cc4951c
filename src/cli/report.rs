//! `parindex report -w DIR (--unit ID | --office) -o FILE.docx`: the document a unit or the
//! Office signs (docs/exports.md, "Documents").

use std::path::Path;

use super::{CmdResult, Failure};
use crate::core::date::Date;
use crate::core::results::RoundResults;
use crate::core::workspace::Workspace;
use crate::export::docx;

pub fn run(workspace: &Path, unit: Option<&str>, output: &Path, date: Option<Date>) -> CmdResult {
    if output.as_os_str().is_empty() || output.is_dir() {
        return Err(Failure::Usage(format!("cannot write {}: it is a folder; give a file name", output.display())));
    }
    let ws = Workspace::load(workspace)?;
    let results = RoundResults::from_disk(&ws)?;
    let cannot = |e: std::io::Error| Failure::Usage(format!("cannot write {}: {}", output.display(), crate::core::toml_in::io_reason(&e)));
    let bytes = match unit {
        Some(id) => docx::unit_report(&ws, &results, id, date)
            .map_err(cannot)?
            .ok_or_else(|| Failure::Usage(format!("no unit `{id}` in {}", ws.dir.join("workspace.toml").display())))?,
        None => docx::office_report(&ws, &results, date).map_err(cannot)?,
    };
    crate::core::fsutil::write_atomic(output, &bytes).map(|_| ()).map_err(cannot)
}
