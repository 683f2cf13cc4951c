//! Files the ranking leaves the program as: one module per format, all fed by one model.

use std::path::Path;

use crate::core::results::RoundResults;
use crate::core::workspace::Workspace;

pub mod json;

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
}

/// Options shared by the formats.
#[derive(Clone, Debug)]
pub struct ExportOptions {
    /// Rank inside each group.
    pub by_group: bool,
    /// CSV field separator: `,` or `;`.
    pub csv_sep: char,
    /// CSV numbers with a decimal comma (Vietnamese Excel).
    pub decimal_comma: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions { by_group: false, csv_sep: ',', decimal_comma: false }
    }
}

/// Writes the round's ranking to `path` in `format` (atomically).
pub fn write_file(ws: &Workspace, results: &RoundResults, format: ExportFormat, opts: &ExportOptions, path: &Path) -> std::io::Result<()> {
    let _ = (ws, results, opts, path);
    Err(std::io::Error::new(std::io::ErrorKind::Unsupported, format!("export to {} is not built yet", format.extension())))
}
