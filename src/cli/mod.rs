//! The command line: parse with clap, dispatch to one file per command, map errors to exit
//! codes (0 success, 1 the check found problems, 2 bad usage or unreadable input).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::core::diag::LoadError;
use crate::core::workflow::Move;
use crate::text::Lang;

mod check;
mod demo;
mod export;
mod init;
mod log;
mod rank;
mod score;
pub mod table;
mod workflow;

#[derive(Parser, Debug)]
#[command(name = "parindex", version, about = "Administrative reform (PAR) index rounds: self-assessment, appraisal, totals, ranking, exports")]
pub struct Cli {
    /// Interface language: vi (default) or en. Also PARINDEX_LANG.
    #[arg(long, global = true, env = "PARINDEX_LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language `{s}` (vi or en)"))
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Write a demo workspace (the 2020 scorecard, N units) and open the dashboard on it
    Demo {
        /// Folder for the demo (default: parindex-demo-USER in the system's temp folder)
        dir: Option<PathBuf>,
        /// Number of units
        #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=100_000))]
        units: u32,
        /// Seed: the same seed gives the same workspace
        #[arg(long, default_value_t = 2020)]
        seed: u64,
        /// Only write the workspace and print the ranking; do not open the dashboard
        #[arg(long)]
        no_tui: bool,
    },
    /// Start a new round: workspace.toml and a copy of the scorecard in DIR
    Init {
        dir: PathBuf,
        /// The scorecard to use (validated, then copied in as scorecard.toml)
        #[arg(long)]
        scorecard: PathBuf,
        /// The round's title
        #[arg(long)]
        title: Option<String>,
    },
    /// Validate a scorecard file or a whole workspace; every problem as file:line:col
    Check {
        /// A scorecard .toml file or a workspace folder
        path: PathBuf,
    },
    /// One unit's totals
    Score {
        #[arg(short = 'w', long = "workspace", default_value = ".")]
        workspace: PathBuf,
        #[arg(long)]
        unit: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// The ranking of all units
    Rank {
        #[arg(short = 'w', long = "workspace", default_value = ".")]
        workspace: PathBuf,
        /// Rank inside each group
        #[arg(long)]
        by_group: bool,
        #[arg(long, value_enum, default_value_t = RankFormat::Table)]
        format: RankFormat,
        /// Write to this file instead of standard output (atomically)
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
    },
    /// Unit head: submit the unit's self-assessment (seals it; read-only afterwards)
    Submit(UnitArgs),
    /// Office: return a submission to the unit for explanation
    Return(ReturnArgs),
    /// Office: mark a submission appraised
    MarkAppraised(UnitArgs),
    /// Office: make an appraised result final
    Finalise(UnitArgs),
    /// Office: reopen a unit for editing (also past the deadline)
    Reopen(UnitArgs),
    /// Every unit's status and progress
    Status {
        #[arg(short = 'w', long = "workspace", default_value = ".")]
        workspace: PathBuf,
    },
    /// The audit log: who changed what, when
    Log {
        #[arg(short = 'w', long = "workspace", default_value = ".")]
        workspace: PathBuf,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Write a unit's submission to one file, for a round kept on another machine
    ExportSubmission {
        #[arg(short = 'w', long = "workspace", default_value = ".")]
        workspace: PathBuf,
        #[arg(long)]
        unit: String,
        #[arg(short = 'o', long)]
        output: PathBuf,
    },
    /// Office: take in a submission file made on another machine (validated first)
    Import {
        #[arg(short = 'w', long = "workspace", default_value = ".")]
        workspace: PathBuf,
        file: PathBuf,
    },
    /// Export the ranking to a file: Excel workbook, CSV, HTML page, Markdown or JSON
    Export {
        #[arg(short = 'w', long = "workspace", default_value = ".")]
        workspace: PathBuf,
        /// File format (default: from the output file's extension)
        #[arg(long, value_enum)]
        format: Option<ExportFormatArg>,
        /// The file to write (atomically)
        #[arg(short = 'o', long)]
        output: PathBuf,
        /// Rank inside each group
        #[arg(long)]
        by_group: bool,
        /// CSV field separator: ',' (default) or ';' (default with --decimal-comma)
        #[arg(long, value_parser = export::parse_sep)]
        sep: Option<char>,
        /// CSV numbers with a decimal comma, for Excel set to Vietnamese (needs ';')
        #[arg(long)]
        decimal_comma: bool,
        /// The export's date, day first (default: today in Vietnam)
        #[arg(long, value_parser = export::parse_date)]
        date: Option<crate::core::date::Date>,
    },
    /// The dashboard
    Tui {
        #[arg(short = 'w', long = "workspace", default_value = ".")]
        workspace: PathBuf,
        /// Open this unit for self-assessment
        #[arg(long, conflicts_with = "office")]
        unit: Option<String>,
        /// Open the Office's dashboard
        #[arg(long)]
        office: bool,
    },
}

#[derive(clap::Args, Debug)]
pub struct ReturnArgs {
    #[command(flatten)]
    pub unit: UnitArgs,
    /// Why: shown to the unit beside the criteria to explain, and kept in the audit log
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct UnitArgs {
    #[arg(short = 'w', long = "workspace", default_value = ".")]
    pub workspace: PathBuf,
    #[arg(long)]
    pub unit: String,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum RankFormat {
    Table,
    Json,
    Csv,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    Xlsx,
    Csv,
    Html,
    Md,
    Json,
}

impl From<ExportFormatArg> for crate::export::ExportFormat {
    fn from(f: ExportFormatArg) -> Self {
        use crate::export::ExportFormat as F;
        match f {
            ExportFormatArg::Xlsx => F::Xlsx,
            ExportFormatArg::Csv => F::Csv,
            ExportFormatArg::Html => F::Html,
            ExportFormatArg::Md => F::Md,
            ExportFormatArg::Json => F::Json,
        }
    }
}

/// An error that ends a command, with its exit code.
#[derive(Debug)]
pub enum Failure {
    /// Input could not be loaded: diagnostics already rendered; exit 2 (or 1 for `check`).
    Load(LoadError),
    /// Bad usage or an I/O problem: a message; exit 2.
    Usage(String),
    /// The check found problems: exit 1 (diagnostics already printed).
    CheckFailed,
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        Failure::Load(e)
    }
}

pub type CmdResult = Result<(), Failure>;

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let lang = cli.lang.unwrap_or_default();
    let result = match cli.command {
        None if !std::path::Path::new(crate::core::workspace::WORKSPACE_FILE).exists() => Err(Failure::Usage(
            "there is no round in this folder (no workspace.toml).\n  \
             Try `parindex demo` for a demo round, `parindex init DIR --scorecard FILE` to start one, \
             `parindex tui -w DIR` to open one elsewhere, or `parindex --help`."
                .into(),
        )),
        None => crate::cli::tui_cmd(PathBuf::from("."), None, false, lang),
        Some(Command::Demo { dir, units, seed, no_tui }) => demo::run(dir, units as usize, seed, no_tui, lang),
        Some(Command::Init { dir, scorecard, title }) => init::run(&dir, &scorecard, title, lang),
        Some(Command::Check { path }) => check::run(&path, lang),
        Some(Command::Score { workspace, unit, format }) => score::run(&workspace, &unit, format, lang),
        Some(Command::Rank { workspace, by_group, format, output }) => rank::run(&workspace, by_group, format, output.as_deref(), lang),
        Some(Command::Submit(a)) => workflow::run_move(&a.workspace, &a.unit, Move::Submit, lang),
        Some(Command::Return(a)) => workflow::run_return(&a.unit.workspace, &a.unit.unit, a.reason.as_deref(), lang),
        Some(Command::MarkAppraised(a)) => workflow::run_move(&a.workspace, &a.unit, Move::MarkAppraised, lang),
        Some(Command::Finalise(a)) => workflow::run_move(&a.workspace, &a.unit, Move::Finalise, lang),
        Some(Command::Reopen(a)) => workflow::run_move(&a.workspace, &a.unit, Move::Reopen, lang),
        Some(Command::Status { workspace }) => workflow::status(&workspace, lang),
        Some(Command::Log { workspace, unit, format }) => log::run(&workspace, unit.as_deref(), format, lang),
        Some(Command::ExportSubmission { workspace, unit, output }) => workflow::export_submission(&workspace, &unit, &output),
        Some(Command::Import { workspace, file }) => workflow::import(&workspace, &file, lang),
        Some(Command::Export { workspace, format, output, by_group, sep, decimal_comma, date }) => {
            export::run(export::Args { workspace: &workspace, format: format.map(Into::into), output: &output, by_group, sep, decimal_comma, date })
        }
        Some(Command::Tui { workspace, unit, office }) => tui_cmd(workspace, unit, office, lang),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Load(e)) => {
            eprint!("{}", e.diagnostics.render());
            ExitCode::from(2)
        }
        Err(Failure::Usage(msg)) => {
            eprintln!("parindex: {msg}");
            ExitCode::from(2)
        }
        Err(Failure::CheckFailed) => ExitCode::from(1),
    }
}

/// Opens the dashboard: for a unit (`--unit`), for the Office (`--office`), or, with neither,
/// for whoever the OS user is (a unit head, else an Office user); exit 2 when that is unclear.
pub fn tui_cmd(workspace: PathBuf, unit: Option<String>, office: bool, lang: Lang) -> CmdResult {
    use crate::tui::{Launch, Theme};
    let ws = crate::core::workspace::Workspace::load(&workspace)?;
    let launch = match (unit, office) {
        (Some(u), _) => Launch::Unit(u),
        (None, true) => Launch::Office,
        (None, false) => crate::tui::choose(&ws, &crate::core::roles::Identity::current(&ws)).map_err(Failure::Usage)?,
    };
    let app = crate::tui::open(ws, launch, lang, Theme::from_env()).map_err(Failure::Usage)?;
    crate::tui::run(app).map_err(|e| Failure::Usage(format!("the dashboard needs a terminal: {e}")))
}

/// Writes command output to a file atomically, or to standard output.
pub fn emit(output: Option<&std::path::Path>, text: &str) -> CmdResult {
    match output {
        Some(p) => crate::core::fsutil::write_atomic(p, text.as_bytes())
            .map(|_| ())
            .map_err(|e| Failure::Usage(format!("cannot write {}: {}", p.display(), crate::core::toml_in::io_reason(&e)))),
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
            Ok(())
        }
    }
}
