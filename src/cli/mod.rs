//! The command line: parse with clap, dispatch to one file per command, map errors to exit
//! codes (0 success, 1 the check found problems, 2 bad usage or unreadable input).

use crate::text::Render;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::core::diag::LoadError;
use crate::core::workflow::Move;
use crate::text::Lang;

mod appraise;
mod attach;
mod check;
mod clone;
mod demo;
mod export;
pub mod help;
mod init;
pub(crate) mod log;
mod manual;
mod news;
mod objection;
#[cfg(unix)]
mod permissions;
#[cfg(not(unix))]
#[path = "permissions_portable.rs"]
mod permissions;
mod privacy;
mod rank;
pub mod remote;
mod report;
mod score;
mod survey;
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

fn parse_lang(s: &str) -> Result<Lang, crate::text::help::ValueError> {
    Lang::parse(s).ok_or_else(|| crate::text::help::ValueError(crate::text::help::UsageMsg::UnknownLang { value: s.to_owned() }.into()))
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
        /// Last year's round: take over its units, groups, heads and Office
        #[arg(long)]
        from: Option<PathBuf>,
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
        #[command(flatten)]
        csv: CsvArgs,
        /// An earlier round's workspace: show each unit's index and rank there (matched by id)
        #[arg(long)]
        compare: Option<PathBuf>,
    },
    /// Unit head: submit the unit's self-assessment (seals it, and signs it with the head's SSH
    /// key when workspace.toml lists keys for the unit; read-only afterwards)
    Submit {
        #[command(flatten)]
        unit: UnitArgs,
        /// Sign with this private key file instead of through the SSH agent
        #[arg(long, env = "PARINDEX_SIGNING_KEY")]
        key: Option<PathBuf>,
    },
    /// Office: return a submission to the unit for explanation
    Return(ReturnArgs),
    /// Office: mark a submission appraised (every appraiser's part done, or --override)
    MarkAppraised(MarkAppraisedArgs),
    /// Appraiser (or Office): score and comment a criterion of a unit's appraisal, or say a part is done
    Appraise(AppraiseArgs),
    /// Office: make an appraised result final
    Finalise(UnitArgs),
    /// Office: reopen a unit for editing (also past the deadline)
    Reopen(UnitArgs),
    /// Unit head: take back the submission to correct it (before the deadline, before any appraisal)
    Withdraw(UnitArgs),
    /// Office: publish the appraised results, provisional (open to objections until a date) or final
    Publish {
        #[arg(short = 'w', long = "workspace", default_value = ".")]
        workspace: PathBuf,
        /// Provisional results: units may object until --until
        #[arg(long, conflicts_with = "final", required_unless_present = "final", requires = "until")]
        provisional: bool,
        /// The last day for objections, day first (20/12/2020)
        #[arg(long, value_parser = export::parse_date)]
        until: Option<crate::core::date::Date>,
        /// Final results: every appraised unit is made final
        #[arg(long = "final")]
        r#final: bool,
        /// Publish final results although objections are unanswered (logged)
        #[arg(long, requires = "final")]
        force: bool,
    },
    /// Unit head: object to the appraised figure of a criterion, with a reason and evidence
    Object {
        #[command(flatten)]
        unit: UnitArgs,
        /// The criterion, e.g. 3.3.1
        #[arg(long)]
        criterion: String,
        /// Why the appraised figure is wrong
        #[arg(long)]
        reason: String,
        /// A document that supports it: a file under evidence/, or a document's number and title (repeatable)
        #[arg(long)]
        evidence: Vec<String>,
    },
    /// Office: answer a unit's objection: accept (the appraised figure changes) or reject with a reason
    Answer {
        #[command(flatten)]
        unit: UnitArgs,
        /// The criterion objected to
        #[arg(long)]
        criterion: String,
        /// Accept: the appraised figure becomes the unit's own, or --points
        #[arg(long, conflicts_with = "reject", required_unless_present = "reject")]
        accept: bool,
        /// The figure accepted (points, or the value the criterion takes)
        #[arg(long, requires = "accept", value_parser = objection::parse_points)]
        points: Option<rust_decimal::Decimal>,
        /// Reject, with --reason
        #[arg(long, requires = "reason")]
        reject: bool,
        /// Why the objection is rejected
        #[arg(long)]
        reason: Option<String>,
    },
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
    /// Office: take in a submission file made on another machine as the named unit's (validated first)
    Import {
        #[arg(short = 'w', long = "workspace", default_value = ".")]
        workspace: PathBuf,
        /// The unit whose submission the file is (the file must say the same)
        #[arg(long)]
        unit: String,
        /// Accept a file submitted after the deadline (logged as late)
        #[arg(long)]
        late: bool,
        file: PathBuf,
    },
    /// Office: survey results (CSV: unit,criterion,points or unit,criterion,rate) into the appraisals
    ImportSurvey {
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
        #[command(flatten)]
        csv: CsvArgs,
        /// The export's date, day first (default: today in Vietnam)
        #[arg(long, value_parser = export::parse_date)]
        date: Option<crate::core::date::Date>,
        /// An earlier round's workspace: add each unit's index and rank there (matched by id)
        #[arg(long)]
        compare: Option<PathBuf>,
    },
    /// The plan that makes the OS enforce the round's roles; --apply (root) carries it out
    Permissions {
        #[arg(short = 'w', long = "workspace", default_value = ".")]
        workspace: PathBuf,
        /// Carry the plan out (as root): the group, the accounts, owners and modes, the binary
        #[arg(long)]
        apply: bool,
        /// Where the users' parindex is installed (default: this program)
        #[arg(long)]
        bin: Option<PathBuf>,
        /// The group no person belongs to, which only the program acts with
        #[arg(long, default_value = "parindex")]
        group: String,
    },
    /// The document to sign: a unit's self-assessment report, the Office's notice of results, its decision publishing them, or a unit's appraisal minutes (.docx)
    // Exactly one kind of document: a usage error names every choice (issue 22).
    #[command(group(clap::ArgGroup::new("document").required(true).multiple(false).args(["unit", "office", "decision"])))]
    Report {
        #[arg(short = 'w', long = "workspace", default_value = ".")]
        workspace: PathBuf,
        /// The unit whose self-assessment report (or, with --minutes, appraisal minutes) to write
        #[arg(long)]
        unit: Option<String>,
        /// The Office's notice of appraised results and ranking
        #[arg(long)]
        office: bool,
        /// The Office's decision publishing the results (Quyết định công bố kết quả)
        #[arg(long)]
        decision: bool,
        /// With --unit: the minutes of the unit's appraisal (Biên bản thẩm định)
        #[arg(long, requires = "unit")]
        minutes: bool,
        /// The file to write (atomically), e.g. thong-bao.docx
        #[arg(short = 'o', long)]
        output: PathBuf,
        /// The document's date, day first (default: the day of the round's last move)
        #[arg(long, value_parser = export::parse_date)]
        date: Option<crate::core::date::Date>,
    },
    /// Shell completions on standard output: bash, zsh or fish
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The manual page (roff) on standard output: `parindex man | man -l -`
    Man {
        /// A command's own page, e.g. `report`
        command: Option<String>,
    },
    /// The news register (tin, bài): a unit's items, claimed against confirmed; `news add` lists one more
    #[command(args_conflicts_with_subcommands = true)]
    News {
        #[command(subcommand)]
        action: Option<NewsAction>,
        #[arg(short = 'w', long = "workspace", default_value = ".")]
        workspace: PathBuf,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Reviewer (or Office): confirm that a unit's news item was received, or reject it with a reason
    Confirm {
        #[command(flatten)]
        unit: UnitArgs,
        /// The item's number in `parindex news`
        #[arg(long)]
        item: usize,
        /// Not received (or not about the reform): record it as not confirmed
        #[arg(long, requires = "reason")]
        reject: bool,
        /// Why it is not confirmed
        #[arg(long)]
        reason: Option<String>,
    },
    /// Unit head: write a section of the unit's report (results, shortcomings, causes, proposals); without --section, print them
    Narrative {
        #[command(flatten)]
        unit: UnitArgs,
        /// The section: ket-qua, ton-tai, nguyen-nhan or kien-nghi
        #[arg(long)]
        section: Option<String>,
        /// The section's text (line breaks kept; empty clears it)
        #[arg(long, conflicts_with = "file")]
        text: Option<String>,
        /// A UTF-8 text file holding the section's text
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Unit head: attach an evidence file (PDF, image, office document) to a criterion; without FILE, list the unit's attached files
    Attach {
        #[command(flatten)]
        unit: UnitArgs,
        /// The criterion's id, e.g. 1.1.1
        #[arg(long)]
        criterion: Option<String>,
        /// The document's number and symbol, e.g. 44/KH-SKH&CN
        #[arg(long = "ref")]
        reference: Option<String>,
        /// The document's title (default: the file's name)
        #[arg(long)]
        title: Option<String>,
        /// The document's date, day first
        #[arg(long)]
        date: Option<String>,
        /// The file to attach
        file: Option<PathBuf>,
    },
    /// Unit head: remove an attached file from a criterion (and the file, when nothing else names it)
    Detach {
        #[command(flatten)]
        unit: UnitArgs,
        /// The criterion's id
        #[arg(long)]
        criterion: String,
        /// The file: its path under evidence/, its name, or its number in the criterion's list
        #[arg(long)]
        file: String,
    },
    /// Take a round kept in git to this machine (git clone) and set the clone up: your user name, your signing key
    Clone {
        /// The round's repository (e.g. ssh://cchc@server/srv/git/cchc-2020.git)
        url: String,
        /// The folder to make for the clone
        dir: PathBuf,
        /// Your user name in the round (default: this machine's user name)
        #[arg(long)]
        user: Option<String>,
        /// Sign commits with this private key file (default, when the round lists keys: ~/.ssh/id_ed25519)
        #[arg(long)]
        key: Option<PathBuf>,
    },
    /// A round kept in git: `remote init` makes the server's repository with the hook that guards it
    Remote {
        /// What to do: init
        #[arg(value_enum)]
        action: RemoteAction,
        /// The repository to make (e.g. /srv/git/cchc-2020.git)
        repo: PathBuf,
        /// The round whose files are the first commit
        #[arg(long)]
        from: PathBuf,
        /// The service account that owns the repository (run as root)
        #[arg(long)]
        service_user: Option<String>,
        /// Where parindex is installed on the server (default: this program)
        #[arg(long)]
        bin: Option<PathBuf>,
    },
    /// The forced command of the git service account's authorized_keys: git of the round's repository only, as USER
    Serve {
        /// The round's bare repository
        #[arg(long)]
        repo: PathBuf,
        /// The person whose key authenticated (set in authorized_keys, never by the caller)
        #[arg(long)]
        user: String,
    },
    /// A git hook of the round's repository (pre-receive: judge every pushed commit)
    Hook {
        /// pre-receive
        name: String,
    },
    /// In a clone of the round: commit your changes, take others' (git pull --rebase), push
    Sync {
        #[arg(short = 'w', long = "workspace", default_value = ".")]
        workspace: PathBuf,
        /// Sign commits with this private key file (default: git's user.signingkey)
        #[arg(long, env = "PARINDEX_SIGNING_KEY")]
        key: Option<PathBuf>,
        /// Set aside the changes the round's repository refused (a branch in the clone and a copy
        /// in the user's state folder), then take the repository's version: when every sync is
        /// refused
        #[arg(long)]
        set_aside_refused: bool,
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
        /// An earlier round's workspace: the ranking shows each unit's index and rank there (matched by id)
        #[arg(long)]
        compare: Option<PathBuf>,
    },
}

/// `parindex remote ACTION`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum RemoteAction {
    /// Make the bare repository of a round, with the pre-receive hook, and print the authorized_keys lines
    Init,
}

/// `parindex news add`.
#[derive(Subcommand, Debug)]
pub enum NewsAction {
    /// Unit head: list one more item sent
    Add {
        #[command(flatten)]
        unit: UnitArgs,
        /// The item's title
        #[arg(long)]
        title: String,
        /// When it was sent, day first (25/03/2020)
        #[arg(long)]
        date: String,
        /// Where it is published (http/https)
        #[arg(long)]
        link: Option<String>,
        /// The item as a file under evidence/
        #[arg(long)]
        file: Option<String>,
        /// Where it was sent (default: the reviewer's name)
        #[arg(long)]
        sent_to: Option<String>,
    },
}

/// CSV form. Default: Vietnamese Excel's (`;`, decimal comma) in Vietnamese, `,` and a decimal
/// point in English.
#[derive(clap::Args, Debug)]
pub struct CsvArgs {
    /// CSV field separator: ';' (default in Vietnamese) or ',' (default in English; implies --decimal-point)
    #[arg(long, value_parser = export::parse_sep)]
    pub sep: Option<char>,
    /// CSV numbers with a decimal comma, for Excel set to Vietnamese (default in Vietnamese; needs ';')
    #[arg(long, conflicts_with = "decimal_point")]
    pub decimal_comma: bool,
    /// CSV numbers with a decimal point (default in English)
    #[arg(long)]
    pub decimal_point: bool,
}

impl CsvArgs {
    /// `Some(true)`: --decimal-comma, `Some(false)`: --decimal-point, `None`: neither.
    pub fn decimal(&self) -> Option<bool> {
        match (self.decimal_comma, self.decimal_point) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        }
    }
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
pub struct MarkAppraisedArgs {
    #[command(flatten)]
    pub unit: UnitArgs,
    /// Mark it appraised although appraisers' parts are not done (logged with the parts missing)
    #[arg(long = "override")]
    pub force: bool,
}

#[derive(clap::Args, Debug)]
pub struct AppraiseArgs {
    #[command(flatten)]
    pub unit: UnitArgs,
    /// The criterion to appraise (a leaf of the scorecard, e.g. 6.1.2)
    #[arg(long)]
    pub criterion: Option<String>,
    /// The appraised value, as typed in the dashboard (8,5; 18/20; a choice's key; empty clears)
    #[arg(long, requires = "criterion", allow_hyphen_values = true)]
    pub value: Option<String>,
    /// The appraiser's comment on the criterion
    #[arg(long, requires = "criterion")]
    pub comment: Option<String>,
    /// Say this appraiser's part of the unit is done
    #[arg(long, conflicts_with_all = ["criterion", "reopen"])]
    pub done: bool,
    /// Take back --done: the part is not done
    #[arg(long, conflicts_with = "criterion")]
    pub reopen: bool,
    /// Which appraiser's part (needed when the user acts for several, or is the Office)
    #[arg(long)]
    pub part: Option<String>,
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
    /// Writing a file the user named failed, or it names something that is not a file: exit 2,
    /// worded in the interface language by `Text::write_failed`.
    Write(PathBuf, std::io::Error),
}

impl Failure {
    /// A failed write of `path`.
    pub fn write(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> Failure + '_ {
        move |e| Failure::Write(path.to_path_buf(), e)
    }
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        Failure::Load(e)
    }
}

pub type CmdResult = Result<(), Failure>;

pub fn main() -> ExitCode {
    let cli = match help::parse() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let lang = cli.lang.unwrap_or_default();
    if let Some(c) = &cli.command
        && let Err(e) = path_args(c, lang)
    {
        return finish(Err(e), lang);
    }
    let result = match cli.command {
        None if !std::path::Path::new(crate::core::workspace::WORKSPACE_FILE).exists() => {
            Err(Failure::Usage(crate::text::msg::Message::render(&crate::text::msg::cli::CliMsg::NoRound, lang)))
        }
        None => crate::cli::tui_cmd(PathBuf::from("."), None, false, None, lang),
        Some(Command::Demo { dir, units, seed, no_tui }) => demo::run(dir, units as usize, seed, no_tui, lang),
        Some(Command::Init { dir, scorecard, title, from }) => init::run(&dir, &scorecard, title, from.as_deref(), lang),
        Some(Command::Check { path }) => check::run(&path, lang),
        Some(Command::Score { workspace, unit, format }) => score::run(&workspace, &unit, format, lang),
        Some(Command::Submit { unit: a, key }) => workflow::submit(&a.workspace, &a.unit, key.as_deref(), lang),
        Some(Command::Rank { workspace, by_group, format, output, csv, compare }) => {
            let flags = rank::CsvFlags { sep: csv.sep, decimal_comma: csv.decimal() };
            rank::run(&workspace, by_group, format, output.as_deref(), flags, compare.as_deref(), lang)
        }
        Some(Command::Return(a)) => workflow::run_return(&a.unit.workspace, &a.unit.unit, a.reason.as_deref(), lang),
        Some(Command::MarkAppraised(a)) => workflow::mark_appraised(&a.unit.workspace, &a.unit.unit, a.force, lang),
        Some(Command::Appraise(a)) => appraise::run(
            appraise::Args {
                workspace: &a.unit.workspace,
                unit: &a.unit.unit,
                criterion: a.criterion.as_deref(),
                value: a.value.as_deref(),
                comment: a.comment.as_deref(),
                done: a.done,
                reopen: a.reopen,
                part: a.part.as_deref(),
            },
            lang,
        ),
        Some(Command::Finalise(a)) => workflow::run_move(&a.workspace, &a.unit, Move::Finalise, lang),
        Some(Command::Reopen(a)) => workflow::run_move(&a.workspace, &a.unit, Move::Reopen, lang),
        Some(Command::Withdraw(a)) => objection::withdraw(&a.workspace, &a.unit, lang),
        Some(Command::Publish { workspace, provisional: _, until, r#final, force }) => objection::publish(&workspace, until, r#final, force, lang),
        Some(Command::Object { unit: a, criterion, reason, evidence }) => {
            objection::object(&a.workspace, &a.unit, &criterion, &reason, &evidence, lang)
        }
        Some(Command::Answer { unit: a, criterion, accept: _, points, reject, reason }) => {
            objection::answer(&a.workspace, &a.unit, &criterion, points, reason.as_deref().filter(|_| reject), lang)
        }
        Some(Command::Status { workspace }) => workflow::status(&workspace, lang),
        Some(Command::Log { workspace, unit, format }) => log::run(&workspace, unit.as_deref(), format, lang),
        Some(Command::ExportSubmission { workspace, unit, output }) => workflow::export_submission(&workspace, &unit, &output, lang),
        Some(Command::Import { workspace, unit, late, file }) => workflow::import(&workspace, &unit, late, &file, lang),
        Some(Command::Permissions { workspace, apply, bin, group }) => {
            permissions::run(permissions::Args { workspace: &workspace, apply, bin, group: &group }, lang)
        }
        Some(Command::ImportSurvey { workspace, file }) => survey::run(&workspace, &file, lang),
        Some(Command::Export { workspace, format, output, by_group, csv, date, compare }) => export::run(export::Args {
            workspace: &workspace,
            format: format.map(Into::into),
            output: &output,
            by_group,
            sep: csv.sep,
            decimal_comma: csv.decimal(),
            date,
            lang,
            compare: compare.as_deref(),
        }),
        Some(Command::Report { workspace, unit, office: _, decision, minutes, output, date }) => {
            let paper = match (unit.as_deref(), decision, minutes) {
                (Some(id), _, true) => report::Paper::Minutes(id),
                (Some(id), _, false) => report::Paper::Unit(id),
                (None, true, _) => report::Paper::Decision,
                (None, false, _) => report::Paper::Notice,
            };
            report::run(&workspace, paper, &output, date, lang)
        }
        Some(Command::Completions { shell }) => manual::completions(shell),
        Some(Command::Man { command }) => manual::man(command.as_deref(), lang),
        Some(Command::Tui { workspace, unit, office, compare }) => tui_cmd(workspace, unit, office, compare.as_deref(), lang),
        Some(Command::News { action: None, workspace, unit, format }) => match unit {
            Some(u) => news::list(&workspace, &u, format, lang),
            None => Err(Failure::Usage(crate::text::msg::Message::render(&crate::text::msg::register::NewsWord::NeedUnit, lang))),
        },
        Some(Command::News { action: Some(NewsAction::Add { unit: a, title, date, link, file, sent_to }), .. }) => {
            news::add(&a.workspace, &a.unit, news::NewItem { title, date, link, file, sent_to }, lang)
        }
        Some(Command::Narrative { unit: a, section, text, file }) => {
            attach::narrative(&a.workspace, &a.unit, section.as_deref(), text, file.as_deref(), lang)
        }
        Some(Command::Attach { unit: a, criterion, reference, title, date, file }) => {
            attach::attach(&a.workspace, &a.unit, criterion.as_deref(), file.as_deref(), attach::Cite { reference, title, date }, lang)
        }
        Some(Command::Detach { unit: a, criterion, file }) => attach::detach(&a.workspace, &a.unit, &criterion, &file, lang),
        Some(Command::Clone { url, dir, user, key }) => clone::run(&url, &dir, user.as_deref(), key.as_deref(), lang),
        Some(Command::Remote { action: RemoteAction::Init, repo, from, service_user, bin }) => {
            remote::init(&repo, &from, service_user.as_deref(), bin.as_deref(), lang)
        }
        Some(Command::Serve { repo, user }) => remote::serve(&repo, &user, lang),
        Some(Command::Hook { name }) => remote::hook(&name, lang),
        Some(Command::Sync { workspace, key, set_aside_refused }) => remote::sync(&workspace, key.as_deref(), set_aside_refused, lang),
        Some(Command::Confirm { unit: a, item, reject, reason }) => news::confirm(&a.workspace, &a.unit, item, reject, reason.as_deref(), lang),
    };
    finish(result, lang)
}

/// The exit code of a command's result, with its message on standard error.
fn finish(result: CmdResult, lang: Lang) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Load(e)) => {
            eprint!("{}", e.diagnostics.render_in(lang));
            ExitCode::from(2)
        }
        Err(Failure::Usage(msg)) => {
            eprintln!("parindex: {}", crate::core::clean::text(&msg));
            ExitCode::from(2)
        }
        Err(Failure::Write(path, e)) => {
            eprintln!("parindex: {}", crate::core::clean::text(&lang.text().write_failed(&path, &e)));
            ExitCode::from(2)
        }
        Err(Failure::CheckFailed) => ExitCode::from(1),
    }
}

/// Path arguments that name a FIFO, a device or a socket (or a folder where a file is meant,
/// a file where a folder is) are refused before anything is read or written: a FIFO would
/// block a read forever, and an atomic rename over a device would replace the device node.
fn path_args(c: &Command, lang: Lang) -> CmdResult {
    use crate::core::toml_in::NotAFile;
    let t = lang.text();
    let refuse = |p: &std::path::Path, what: &str| Failure::Usage(format!("{}: {what}; {}", p.display(), t.nf_regular_only));
    // Files read: a folder is a workspace for `check` only.
    let (inputs, folder_ok): (Vec<&PathBuf>, bool) = match c {
        Command::Check { path } => (vec![path], true),
        Command::Init { scorecard, .. } => (vec![scorecard], false),
        Command::Import { file, .. } => (vec![file], false),
        _ => (vec![], false),
    };
    for p in inputs {
        match crate::core::store::read::not_a_file_at(p) {
            Some(NotAFile::Folder) if folder_ok => {}
            Some(k) => return Err(refuse(p, t.not_a_file(k))),
            None => {}
        }
    }
    // Folders: `-w`, `init DIR`, `demo DIR`.
    let folder = match c {
        Command::Init { dir, .. } | Command::Demo { dir: Some(dir), .. } => Some(dir),
        Command::Score { workspace, .. }
        | Command::Rank { workspace, .. }
        | Command::Status { workspace }
        | Command::Log { workspace, .. }
        | Command::ExportSubmission { workspace, .. }
        | Command::Import { workspace, .. }
        | Command::Export { workspace, .. }
        | Command::Tui { workspace, .. }
        | Command::Permissions { workspace, .. }
        | Command::Publish { workspace, .. }
        | Command::News { workspace, action: None, .. } => Some(workspace),
        Command::News { action: Some(NewsAction::Add { unit: a, .. }), .. } | Command::Confirm { unit: a, .. } => Some(&a.workspace),
        Command::Narrative { unit: a, .. } | Command::Attach { unit: a, .. } | Command::Detach { unit: a, .. } => Some(&a.workspace),
        Command::Withdraw(a) | Command::Object { unit: a, .. } | Command::Answer { unit: a, .. } => Some(&a.workspace),
        Command::Submit { unit: a, .. } | Command::Finalise(a) | Command::Reopen(a) => Some(&a.workspace),
        Command::MarkAppraised(MarkAppraisedArgs { unit: a, .. }) | Command::Appraise(AppraiseArgs { unit: a, .. }) => Some(&a.workspace),
        Command::Return(a) => Some(&a.unit.workspace),
        _ => None,
    };
    if let Some(p) = folder
        && let Ok(m) = std::fs::metadata(p)
        && !m.is_dir()
    {
        return Err(Failure::Usage(match crate::core::store::read::not_a_file(&m.file_type()) {
            Some(k) => format!("{}: {}; {}", p.display(), t.not_a_file(k), t.nf_need_folder),
            None => format!("{}: {}", p.display(), t.nf_need_folder),
        }));
    }
    // Files written: `-o`.
    match c {
        Command::Rank { output: Some(o), .. } | Command::ExportSubmission { output: o, .. } | Command::Export { output: o, .. } => output_ok(o),
        _ => Ok(()),
    }
}

/// A file about to be written: absent, or a regular file (following links). Anything else is
/// refused before a byte is written (see [`path_args`]).
pub fn output_ok(p: &std::path::Path) -> CmdResult {
    match crate::core::store::read::not_a_file_at(p) {
        Some(k) => Err(Failure::Write(p.to_path_buf(), std::io::Error::new(std::io::ErrorKind::InvalidInput, k))),
        None => Ok(()),
    }
}

/// Opens the dashboard: for a unit (`--unit`), for the Office (`--office`), or, with neither,
/// for whoever the OS user is (a unit head, else an Office user); exit 2 when that is unclear.
pub fn tui_cmd(workspace: PathBuf, unit: Option<String>, office: bool, compare: Option<&std::path::Path>, lang: Lang) -> CmdResult {
    use crate::tui::{Failed, Launch, Loading, Theme};
    let compare = compare.map(std::path::Path::to_path_buf);
    // In a terminal this runs while the screen already says the round is loading.
    let open = move |l: &Loading| -> Result<crate::tui::App, Failure> {
        let ws = crate::core::workspace::Workspace::load(&workspace)?;
        l.total.store(ws.units.len(), std::sync::atomic::Ordering::Relaxed);
        // Last year's round is read before the dashboard opens: a problem there is reported
        // plainly.
        let previous = compare.as_deref().map(crate::core::results::previous_round).transpose()?;
        let launch = match (unit, office) {
            (Some(u), _) => Launch::Unit(u),
            (None, true) => Launch::Office,
            (None, false) => crate::tui::choose(&ws, &crate::core::roles::Identity::current(&ws)).map_err(Failure::Usage)?,
        };
        let mut app = crate::tui::open_counting(ws, launch, lang, Theme::from_env(), std::sync::Arc::clone(&l.progress)).map_err(Failure::Usage)?;
        if let Some(p) = previous {
            app.compare_with(p);
        }
        Ok(app)
    };
    crate::tui::open_and_run(lang, open).map_err(|e| match e {
        Failed::Open(f) => f,
        Failed::NoTerminal => Failure::Usage(crate::text::msg::Message::render(&crate::text::msg::cli::CliMsg::NoTerminal, lang)),
        Failed::Terminal(e) => {
            Failure::Usage(crate::text::msg::Message::render(&crate::text::msg::cli::CliMsg::NeedsTerminal { err: e.to_string() }, lang))
        }
    })
}

/// Writes command output to a file atomically, or to standard output.
pub fn emit(output: Option<&std::path::Path>, text: &str) -> CmdResult {
    match output {
        Some(p) => {
            output_ok(p)?;
            crate::core::fsutil::write_atomic(p, text.as_bytes()).map(|_| ()).map_err(Failure::write(p))
        }
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
