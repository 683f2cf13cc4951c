//! `parindex export -w DIR --format xlsx|csv|html|md|json -o FILE [--by-group]`: the ranking
//! as a file for the Office, the portal or Excel (see docs/exports.md).

use std::path::Path;

use super::{CmdResult, Failure};
use crate::core::date::Date;
use crate::core::results::RoundResults;
use crate::core::workspace::Workspace;
use crate::export::{self, ExportFormat, ExportOptions};
use crate::text::msg::Message;
use crate::text::msg::cli::CliMsg;

/// What the command line asked for.
pub struct Args<'a> {
    pub workspace: &'a Path,
    pub format: Option<ExportFormat>,
    pub output: &'a Path,
    pub by_group: bool,
    pub sep: Option<char>,
    /// `Some(true)`: --decimal-comma; `Some(false)`: --decimal-point; `None`: the language's.
    pub decimal_comma: Option<bool>,
    pub date: Option<Date>,
    pub lang: crate::text::Lang,
    /// An earlier round to compare with.
    pub compare: Option<&'a Path>,
}

pub fn run(a: Args<'_>) -> CmdResult {
    let format = match a.format.or_else(|| ExportFormat::from_path(a.output)) {
        Some(f) => f,
        None => {
            return Err(Failure::Usage(CliMsg::WhichFormat { file: a.output.display().to_string() }.render(a.lang)));
        }
    };
    if format != ExportFormat::Csv && (a.sep.is_some() || a.decimal_comma.is_some()) {
        return Err(Failure::Usage(CliMsg::CsvOnly.render(a.lang)));
    }
    let (csv_sep, decimal_comma) =
        ExportOptions::csv_for(a.lang, a.sep, a.decimal_comma).map_err(|r| Failure::Usage(crate::text::msg::cli::csv_refusal(r, a.lang)))?;
    if a.output.as_os_str().is_empty() || a.output.is_dir() {
        return Err(Failure::Usage(CliMsg::OutputIsFolder { file: a.output.display().to_string() }.render(a.lang)));
    }
    super::output_ok(a.output)?;
    let ws = Workspace::load(a.workspace)?;
    let results = RoundResults::from_disk(&ws)?;
    // Every unit's figures: the Office's, or anyone's once all are appraised (issue 18).
    super::privacy::require_ranking(&ws, &crate::core::roles::Identity::current(&ws), &results, a.lang)?;
    let previous = a.compare.map(crate::core::results::previous_round).transpose()?.map(std::sync::Arc::new);
    let opts = ExportOptions { by_group: a.by_group, csv_sep, decimal_comma, date: a.date, previous };
    export::write_file(&ws, &results, format, &opts, a.output).map_err(Failure::write(a.output))?;
    // The file names every unit that could not be read; standard error says so too.
    let lines = a.lang.text().unreadable_lines(results.unreadable_units().map(|(r, e)| (ws.units[r.unit].name.as_str(), e)));
    eprint!("{}", crate::core::clean::text(&lines));
    Ok(())
}

/// The interface language while clap is still parsing: a value parser is not told it.
fn parsing_lang() -> crate::text::Lang {
    let args: Vec<String> = std::env::args().collect();
    let named = args
        .windows(2)
        .find(|w| w[0] == "--lang")
        .map(|w| w[1].clone())
        .or_else(|| args.iter().find_map(|a| a.strip_prefix("--lang=").map(str::to_owned)));
    named.or_else(|| std::env::var("PARINDEX_LANG").ok()).and_then(|l| crate::text::Lang::parse(&l)).unwrap_or_default()
}

/// `--sep ';'` or `--sep ','` (also `semicolon`, `comma`).
pub fn parse_sep(s: &str) -> Result<char, String> {
    match s {
        ";" | "semicolon" => Ok(';'),
        "," | "comma" => Ok(','),
        _ => Err(CliMsg::BadSep { sep: s.to_owned() }.render(parsing_lang())),
    }
}

/// `--date 20/12/2020` or `2020-12-20`.
pub fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| CliMsg::NotADate { text: s.to_owned() }.render(parsing_lang()))
}
