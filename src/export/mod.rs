//! Files the ranking leaves the program as: one module per format, all fed by one model
//! ([`model::Report`]). Every file is rendered in memory, then written atomically.

use std::io;
use std::path::Path;

use crate::core::date::Date;
use crate::core::fsutil::write_atomic;
use crate::core::results::RoundResults;
use crate::core::workspace::Workspace;

pub mod csv;
pub mod docx;
pub mod html;
pub mod json;
pub mod labels;
pub mod md;
pub mod model;
pub mod xlsx;

use model::Report;

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    Csv,
    Html,
    Md,
    Json,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 5] = [ExportFormat::Xlsx, ExportFormat::Csv, ExportFormat::Html, ExportFormat::Md, ExportFormat::Json];

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Csv => "csv",
            ExportFormat::Html => "html",
            ExportFormat::Md => "md",
            ExportFormat::Json => "json",
        }
    }

    /// The format a file name's extension names (`.xlsx`, `.csv`, `.html`/`.htm`, `.md`, `.json`).
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "htm" => Some(ExportFormat::Html),
            "markdown" => Some(ExportFormat::Md),
            e => ExportFormat::ALL.into_iter().find(|f| f.extension() == e),
        }
    }
}

/// Options shared by the formats.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// Rank inside each group.
    pub by_group: bool,
    /// CSV field separator: `,` or `;`.
    pub csv_sep: char,
    /// CSV numbers with a decimal comma (Vietnamese Excel). Needs `csv_sep` = `;`.
    pub decimal_comma: bool,
    /// The date printed as the export's date; `None`: today in Vietnam (UTC+7).
    pub date: Option<Date>,
    /// An earlier round's index and rank per unit id (`--compare`): shown beside this year's.
    pub previous: Option<std::sync::Arc<std::collections::HashMap<String, crate::core::results::Previous>>>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions { by_group: false, csv_sep: ',', decimal_comma: false, date: None, previous: None }
    }
}

/// Why CSV options are refused (worded by [`crate::text::msg::cli::csv_refusal`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvRefusal {
    /// A separator other than `,` or `;`.
    Separator(char),
    /// `,` as the separator with a decimal comma: `87,25,90,00` cannot be read back.
    CommaWithDecimalComma,
}

impl ExportOptions {
    /// CSV options as a person asks for them: with a decimal comma and no separator given,
    /// the separator is `;`; a `,` separator with a decimal comma is refused.
    pub fn csv(sep: Option<char>, decimal_comma: bool) -> Result<(char, bool), CsvRefusal> {
        match (sep, decimal_comma) {
            (Some(c), _) if c != ',' && c != ';' => Err(CsvRefusal::Separator(c)),
            (Some(','), true) => Err(CsvRefusal::CommaWithDecimalComma),
            (Some(c), _) => Ok((c, decimal_comma)),
            (None, true) => Ok((';', true)),
            (None, false) => Ok((',', false)),
        }
    }

    /// The one CSV default of the command line and the dashboard: Vietnamese Excel's form (`;`,
    /// decimal comma) in Vietnamese, `,` and a decimal point in English. `sep` and `decimal_comma`
    /// (`Some(true)`: `--decimal-comma`, `Some(false)`: `--decimal-point`) override it; a `,`
    /// separator alone implies the decimal point.
    pub fn csv_for(lang: crate::text::Lang, sep: Option<char>, decimal_comma: Option<bool>) -> Result<(char, bool), CsvRefusal> {
        let comma = decimal_comma.unwrap_or(sep != Some(',') && lang == crate::text::Lang::Vi);
        ExportOptions::csv(sep, comma)
    }

    /// Checks the options make sense together.
    pub fn validate(&self) -> Result<(), CsvRefusal> {
        ExportOptions::csv(Some(self.csv_sep), self.decimal_comma).map(|_| ())
    }
}

/// Renders the round's ranking in `format`, in memory.
pub fn render(ws: &Workspace, results: &RoundResults, format: ExportFormat, opts: &ExportOptions) -> io::Result<Vec<u8>> {
    if format == ExportFormat::Csv {
        // Exports speak Vietnamese (labels.rs): so does their refusal.
        opts.validate().map_err(|r| io::Error::new(io::ErrorKind::InvalidInput, crate::text::msg::cli::csv_refusal(r, crate::text::Lang::Vi)))?;
    }
    let mut report = Report::build(ws, results, opts);
    if let Some(p) = &opts.previous {
        report.compare(p);
    }
    // Only these list the attached files; reading the submissions again for the others (and for
    // every paper and `rank`) would be wasted.
    if matches!(format, ExportFormat::Html | ExportFormat::Md | ExportFormat::Json) {
        report.attachments = model::attachments(ws);
    }
    Ok(match format {
        ExportFormat::Csv => csv::export(&report, opts).into_bytes(),
        ExportFormat::Html => html::render(&report).into_bytes(),
        ExportFormat::Md => md::render(&report).into_bytes(),
        ExportFormat::Json => json::export(&report).into_bytes(),
        // The workbook's signature blocks are dated as the papers are (the round's last move
        // unless `--date`); its header's export date stays the day it is made.
        ExportFormat::Xlsx => xlsx::render(&report, ws, docx::paper_date(ws, opts.date).unwrap_or(report.header.date))?,
    })
}

/// Writes the round's ranking to `path` in `format` (atomically: the file holds the old
/// content or the whole new one, never part of it). A path that names a folder, a FIFO or a
/// device is refused before anything is written (the error holds a `NotAFile`, which
/// `Text::write_failed` words): renaming over a device would replace the device node.
pub fn write_file(ws: &Workspace, results: &RoundResults, format: ExportFormat, opts: &ExportOptions, path: &Path) -> io::Result<()> {
    if let Some(k) = crate::core::store::read::not_a_file_at(path) {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, k));
    }
    let bytes = render(ws, results, format, opts)?;
    write_atomic(path, &bytes).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_separator_follows_the_decimal_comma() {
        assert_eq!(ExportOptions::csv(None, false), Ok((',', false)));
        assert_eq!(ExportOptions::csv(None, true), Ok((';', true)));
        assert_eq!(ExportOptions::csv(Some(';'), false), Ok((';', false)));
        assert_eq!(ExportOptions::csv(Some(';'), true), Ok((';', true)));
        assert_eq!(ExportOptions::csv(Some(','), true), Err(CsvRefusal::CommaWithDecimalComma));
        assert_eq!(ExportOptions::csv(Some('|'), false), Err(CsvRefusal::Separator('|')));
        assert!(ExportOptions::csv(Some('\t'), false).is_err());
    }

    #[test]
    fn csv_default_follows_the_language_and_flags_override_it() {
        use crate::text::Lang::{En, Vi};
        assert_eq!(ExportOptions::csv_for(Vi, None, None), Ok((';', true)));
        assert_eq!(ExportOptions::csv_for(En, None, None), Ok((',', false)));
        assert_eq!(ExportOptions::csv_for(Vi, Some(','), None), Ok((',', false)));
        assert_eq!(ExportOptions::csv_for(Vi, Some(';'), Some(false)), Ok((';', false)));
        assert_eq!(ExportOptions::csv_for(Vi, None, Some(false)), Ok((',', false)));
        assert_eq!(ExportOptions::csv_for(En, None, Some(true)), Ok((';', true)));
        assert_eq!(ExportOptions::csv_for(En, Some(';'), None), Ok((';', false)));
        assert!(ExportOptions::csv_for(Vi, Some(','), Some(true)).is_err());
    }

    #[test]
    fn format_from_extension() {
        assert_eq!(ExportFormat::from_path(Path::new("a/b.XLSX")), Some(ExportFormat::Xlsx));
        assert_eq!(ExportFormat::from_path(Path::new("b.htm")), Some(ExportFormat::Html));
        assert_eq!(ExportFormat::from_path(Path::new("b.md")), Some(ExportFormat::Md));
        assert_eq!(ExportFormat::from_path(Path::new("b.txt")), None);
        assert_eq!(ExportFormat::from_path(Path::new("b")), None);
    }
}
