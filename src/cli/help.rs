//! The command line in the interface language (issue 11): `Cli::command()` with every about and
//! help from `crate::text::help`, clap's headings, usage line and `-h`/`-V`/`help` in
//! Vietnamese, and clap's usage errors worded again in Vietnamese. The language is known before
//! parsing: `--lang X` / `--lang=X` on the command line, else PARINDEX_LANG, else Vietnamese.

use std::ffi::OsString;
use std::fmt::Write as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::text::Lang;
use crate::text::help::{self as table, UsageMsg, VI_WORDS, ValueError};
use crate::text::msg::Message;

/// The interface language of a command line, before it is parsed: the last valid `--lang`
/// before a `--`, else `env` (PARINDEX_LANG), else Vietnamese.
pub fn lang_of(args: &[OsString], env: Option<&str>) -> Lang {
    let mut found = None;
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = if a == "--lang" { it.next().map(|v| v.into_owned()) } else { a.strip_prefix("--lang=").map(str::to_owned) };
        if let Some(l) = value.as_deref().and_then(Lang::parse) {
            found = Some(l);
        }
    }
    found.or_else(|| env.and_then(Lang::parse)).unwrap_or_default()
}

/// The command line's definition in `lang`, built (help subcommand and flags in place).
pub fn command(lang: Lang) -> Command {
    let mut cmd = localize(Cli::command(), lang, true);
    cmd.build();
    if lang == Lang::Vi {
        finish_vi(&mut cmd);
    }
    cmd
}

/// Every about and help of `cmd` and its subcommands in `lang`; in Vietnamese, clap's own
/// `-h`/`-V` replaced and its English `[default: …]`, `[possible values: …]`, `[env: …]` hidden
/// (the Vietnamese help says them itself).
fn localize(mut cmd: Command, lang: Lang, root: bool) -> Command {
    let name = if root { "parindex".to_owned() } else { cmd.get_name().to_owned() };
    if let Some(e) = table::command(&name) {
        cmd = cmd.about(e.text(lang)).long_about(e.long_text(lang));
    }
    let cmd_name = name.clone();
    cmd = cmd.mut_args(move |a| localize_arg(a, &cmd_name, lang));
    if lang == Lang::Vi {
        let help = table::argument(&name, "help").map_or("", |e| e.vi);
        cmd = cmd
            .disable_help_flag(true)
            .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help(help))
            .subcommand_value_name(VI_WORDS.command_value);
        if root {
            let version = table::argument(&name, "version").map_or("", |e| e.vi);
            cmd = cmd.disable_version_flag(true).arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help(version));
        }
    }
    for sub in cmd.get_subcommands_mut() {
        *sub = localize(std::mem::take(sub), lang, false);
    }
    cmd
}

fn localize_arg(mut a: Arg, cmd: &str, lang: Lang) -> Arg {
    let id = a.get_id().as_str().to_owned();
    if let Some(e) = table::argument(cmd, &id) {
        a = a.help(e.text(lang)).long_help(e.long_text(lang));
        if lang == Lang::Vi && a.get_action().takes_values() {
            if let Some(v) = e.value_vi {
                a = a.value_name(v);
            }
            a = a.hide_default_value(true).hide_possible_values(true).hide_env(true);
        }
    }
    a
}

/// After the build: clap's `help` command, the headings and the usage lines in Vietnamese.
fn finish_vi(cmd: &mut Command) {
    if let Some(help) = cmd.get_subcommands_mut().find(|s| s.get_name() == "help") {
        help_command_vi(help);
    }
    vi_template(cmd);
    for sub in cmd.get_subcommands_mut() {
        finish_vi(sub);
    }
}

fn help_command_vi(help: &mut Command) {
    let about = table::command("help").map_or("", |e| e.vi);
    *help = std::mem::take(help).about(about).subcommand_value_name(VI_WORDS.command_value);
    for sub in help.get_subcommands_mut().filter(|s| s.get_name() == "help") {
        *sub = std::mem::take(sub).about(about);
    }
    if help.get_arguments().any(|a| a.get_id() == "subcommand") {
        *help = std::mem::take(help).mut_arg("subcommand", |a| localize_arg(a, "help", Lang::Vi));
    }
}

/// The help template and usage line of one command, with Vietnamese headings.
fn vi_template(cmd: &mut Command) {
    let usage = cmd.render_usage().to_string();
    let usage = usage.trim_start().strip_prefix("Usage:").unwrap_or(&usage).trim().replace("[OPTIONS]", VI_WORDS.options_tag);
    let h = *cmd.get_styles().get_header();
    let u = *cmd.get_styles().get_usage();
    let mut t = format!("{{before-help}}{{about-with-newline}}\n{u}{}{u:#} {{usage}}\n", VI_WORDS.usage);
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        let _ = write!(t, "\n{h}{}{h:#}\n{{subcommands}}\n", VI_WORDS.commands);
    }
    if cmd.get_positionals().any(|a| !a.is_hide_set()) {
        let _ = write!(t, "\n{h}{}{h:#}\n{{positionals}}\n", VI_WORDS.arguments);
    }
    if cmd.get_arguments().any(|a| !a.is_positional() && !a.is_hide_set()) {
        let _ = write!(t, "\n{h}{}{h:#}\n{{options}}\n", VI_WORDS.options);
    }
    t.push_str("{after-help}");
    *cmd = std::mem::take(cmd).override_usage(usage).help_template(t);
}

/// Parses the command line in `lang`: the parsed [`Cli`], or what to print and the exit code
/// (help and version on standard output with 0; a usage error on standard error with 2).
pub fn parse_from(args: Vec<OsString>, lang: Lang) -> Result<Cli, clap::Error> {
    let mut cmd = command(lang);
    let m = cmd.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches(&m).map_err(|e| e.with_cmd(&cmd))
}

/// The interface language of the program's own command line (see [`lang_of`]).
pub fn current_lang() -> Lang {
    let args: Vec<OsString> = std::env::args_os().collect();
    lang_of(&args, std::env::var("PARINDEX_LANG").ok().as_deref())
}

/// Parses the program's own command line; on a usage error (or help, or version), prints it in
/// the interface language and gives the exit code.
pub fn parse() -> Result<Cli, std::process::ExitCode> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = current_lang();
    parse_from(args.clone(), lang).map_err(|e| {
        let code = if e.use_stderr() { 2 } else { 0 };
        match (lang, e.kind()) {
            (Lang::Vi, k) if e.use_stderr() && k != ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                eprint!("{}", render_error(&e, lang, &args));
            }
            _ => {
                let _ = e.print();
            }
        }
        std::process::ExitCode::from(code)
    })
}

/// A usage error in `lang`: English is clap's own rendering; Vietnamese is worded here from the
/// error's kind and context (`args`, the command line, names the command whose help to see).
pub fn render_error(e: &clap::Error, lang: Lang, args: &[OsString]) -> String {
    if lang == Lang::En {
        return e.render().to_string();
    }
    let say = |m: UsageMsg| m.render(lang);
    let s = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let list = |k: ContextKind| match e.get(k) {
        Some(ContextValue::Strings(v)) => v.clone(),
        _ => Vec::new(),
    };
    let num = |k: ContextKind| match e.get(k) {
        Some(ContextValue::Number(n)) => usize::try_from(*n).unwrap_or(0),
        _ => 0,
    };
    let arg = s(ContextKind::InvalidArg).unwrap_or_default();
    let value = s(ContextKind::InvalidValue).unwrap_or_default();
    let mut lines: Vec<String> = Vec::new();
    let head = match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => say(UsageMsg::UnknownOption { arg: arg.clone() }),
        ErrorKind::UnknownArgument => say(UsageMsg::ExtraArgument { arg: arg.clone() }),
        ErrorKind::InvalidValue if value.is_empty() => say(UsageMsg::ValueNeeded { arg: arg.clone() }),
        ErrorKind::InvalidValue => {
            let allowed = list(ContextKind::ValidValue);
            if !allowed.is_empty() {
                let values = allowed.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
                lines.push(say(UsageMsg::Allowed { values }));
            }
            say(UsageMsg::BadValue { value: value.clone(), arg: arg.clone() })
        }
        ErrorKind::ValueValidation => {
            let head = say(UsageMsg::BadValue { value: value.clone(), arg: arg.clone() });
            match reason(e, &arg, lang) {
                Some(r) => format!("{head}: {r}"),
                None => head,
            }
        }
        ErrorKind::InvalidSubcommand => say(UsageMsg::UnknownCommand { name: s(ContextKind::InvalidSubcommand).unwrap_or_default() }),
        ErrorKind::MissingRequiredArgument => {
            lines.extend(list(ContextKind::InvalidArg));
            say(UsageMsg::Missing)
        }
        ErrorKind::MissingSubcommand => say(UsageMsg::NeedsCommand { name: s(ContextKind::InvalidSubcommand).unwrap_or_default() }),
        ErrorKind::ArgumentConflict => {
            let arg = if arg.is_empty() { s(ContextKind::InvalidSubcommand).unwrap_or_default() } else { arg.clone() };
            match e.get(ContextKind::PriorArg) {
                Some(ContextValue::String(p)) if *p == arg => say(UsageMsg::Twice { arg }),
                Some(ContextValue::String(p)) => say(UsageMsg::Conflict { arg, other: p.clone() }),
                Some(ContextValue::Strings(ps)) => {
                    lines.extend(ps.iter().cloned());
                    say(UsageMsg::ConflictMany { arg })
                }
                _ => say(UsageMsg::ConflictOther { arg }),
            }
        }
        ErrorKind::NoEquals => say(UsageMsg::NoEquals { arg: arg.clone() }),
        ErrorKind::TooManyValues => say(UsageMsg::TooMany { value: value.clone(), arg: arg.clone() }),
        ErrorKind::TooFewValues => {
            say(UsageMsg::TooFew { arg: arg.clone(), need: num(ContextKind::MinValues), got: num(ContextKind::ActualNumValues) })
        }
        ErrorKind::WrongNumberOfValues => {
            say(UsageMsg::WrongCount { arg: arg.clone(), need: num(ContextKind::ExpectedNumValues), got: num(ContextKind::ActualNumValues) })
        }
        ErrorKind::InvalidUtf8 => say(UsageMsg::NotUtf8),
        _ => say(UsageMsg::Other),
    };
    // A suggestion is one string or several (shown as `a`, `b`).
    let similar = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(v)) => Some(v.clone()),
        Some(ContextValue::Strings(v)) if !v.is_empty() => Some(v.join("`, `")),
        _ => None,
    };
    let mut hints = Vec::new();
    if let Some(c) = similar(ContextKind::SuggestedSubcommand) {
        hints.push(say(UsageMsg::SimilarCommand { s: c }));
    }
    if let Some(a) = similar(ContextKind::SuggestedArg) {
        hints.push(say(UsageMsg::SimilarOption { s: a }));
    }
    if let Some(v) = similar(ContextKind::SuggestedValue) {
        hints.push(say(UsageMsg::SimilarValue { s: v }));
    }
    // clap's one other tip: "to pass '-x' as a value, use '-- -x'".
    if let Some(ContextValue::StyledStrs(tips)) = e.get(ContextKind::Suggested)
        && tips.iter().any(|t| t.to_string().contains("'-- "))
        && e.kind() == ErrorKind::UnknownArgument
    {
        hints.push(say(UsageMsg::AsValue { arg: arg.clone() }));
    }
    let mut out = format!("{} {}\n", say(UsageMsg::Prefix), crate::core::clean::text(&head));
    for l in lines {
        let _ = writeln!(out, "  {}", crate::core::clean::text(&l));
    }
    for h in hints {
        let _ = writeln!(out, "  {} {}", say(UsageMsg::Hint), crate::core::clean::text(&h));
    }
    let usage = s(ContextKind::Usage).map(|u| u.trim().strip_prefix("Usage:").unwrap_or(u.trim()).trim().to_owned());
    if let Some(u) = &usage {
        let _ = write!(out, "\n{} {u}\n", VI_WORDS.usage);
    }
    // The command the error is about is the one clap's usage names (`parindex -w demo` is an
    // error of `parindex` itself, whatever word follows); without a usage, the command line's.
    let program = match usage.as_deref().map(command_of_usage).or_else(|| subcommand_in(args).map(|sub| format!("parindex {sub}"))) {
        Some(p) => p,
        None => "parindex".to_owned(),
    };
    let _ = write!(out, "\n{}\n", say(UsageMsg::MoreHelp { cmd: program }));
    out
}

/// The command a usage line is about: `parindex`, then each word that names a subcommand of
/// the one before (`parindex news add [TÙY_CHỌN] …` → `parindex news add`).
fn command_of_usage(usage: &str) -> String {
    let mut cmd = Cli::command();
    let mut out = "parindex".to_owned();
    for w in usage.split_whitespace().skip(1) {
        match cmd.find_subcommand(w).cloned() {
            Some(sub) => {
                out.push(' ');
                out.push_str(w);
                cmd = sub;
            }
            None => break,
        }
    }
    out
}

/// The command a command line names (its first word that is one), if any.
fn subcommand_in(args: &[OsString]) -> Option<String> {
    let cmd = Cli::command();
    args.iter()
        .skip(1)
        .map(|a| a.to_string_lossy())
        .take_while(|a| a != "--")
        .find(|a| cmd.find_subcommand(a.as_ref()).is_some())
        .map(|a| a.into_owned())
}

/// Why a value was refused, in `lang`: the parser's typed message, else a known reason for the
/// option, else the parser's own words when they are not English.
fn reason(e: &clap::Error, arg: &str, lang: Lang) -> Option<String> {
    use std::error::Error as _;
    let source = e.source();
    if let Some(v) = source.and_then(|s| s.downcast_ref::<ValueError>()) {
        return Some(v.0.render(lang));
    }
    let long = arg.strip_prefix("--").map(|l| l.split([' ', '=']).next().unwrap_or(l)).unwrap_or("");
    if let Some(m) = table::value_reason(long) {
        return Some(m.render(lang));
    }
    let text = source.map(|s| s.to_string())?;
    crate::text::english::english_lines(&text).is_empty().then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_found_before_parsing() {
        assert_eq!(lang_of(&os(&["parindex", "rank"]), None), Lang::Vi);
        assert_eq!(lang_of(&os(&["parindex", "rank", "--lang", "en"]), None), Lang::En);
        assert_eq!(lang_of(&os(&["parindex", "--lang=en", "rank"]), Some("vi")), Lang::En);
        assert_eq!(lang_of(&os(&["parindex", "rank"]), Some("en_US.UTF-8")), Lang::En);
        assert_eq!(lang_of(&os(&["parindex", "--lang", "fr"]), Some("en")), Lang::En);
        assert_eq!(lang_of(&os(&["parindex", "--lang", "fr"]), None), Lang::Vi);
        assert_eq!(lang_of(&os(&["parindex", "init", "--", "--lang", "en"]), None), Lang::Vi);
    }

    /// Every command and argument of `Cli::command()` has its Vietnamese (and English) help in
    /// `crate::text::help::HELP`, and every entry there names something that exists.
    #[test]
    fn every_command_and_argument_has_its_help_in_the_table() {
        let root = Cli::command();
        let mut missing = Vec::new();
        let mut used: Vec<(String, String)> = Vec::new();
        let mut check = |name: &str, c: &Command| {
            match table::command(name) {
                Some(e) => {
                    used.push((name.into(), String::new()));
                    if c.get_long_about().is_some() && e.long.is_none() {
                        missing.push(format!("{name}: long_about"));
                    }
                }
                None => missing.push(name.to_owned()),
            }
            for a in c.get_arguments() {
                let id = a.get_id().as_str();
                match table::argument(name, id) {
                    Some(e) => {
                        used.push((e.cmd.into(), id.into()));
                        if a.get_long_help().is_some() && e.long.is_none() {
                            missing.push(format!("{name} {id}: long_help"));
                        }
                    }
                    None => missing.push(format!("{name} {id}")),
                }
            }
        };
        check("parindex", &root);
        // Nested commands too (`news add`), keyed by their own name as `localize` looks them up.
        let mut subs: Vec<&clap::Command> = root.get_subcommands().collect();
        while let Some(sub) = subs.pop() {
            check(sub.get_name(), sub);
            subs.extend(sub.get_subcommands());
        }
        assert!(missing.is_empty(), "no entry in src/text/help.rs for: {missing:?}");
        for e in table::HELP {
            let builtin = e.cmd == "help" || (e.cmd.is_empty() && (e.arg == "help" || e.arg == "version"));
            assert!(builtin || used.iter().any(|(c, a)| c == e.cmd && a == e.arg), "no such command or argument: {e:?}");
        }
    }

    /// The Vietnamese help says each default and each allowed value clap would have shown.
    #[test]
    fn the_vietnamese_help_names_defaults_and_allowed_values() {
        let root = Cli::command();
        for sub in root.get_subcommands() {
            for a in sub.get_arguments().filter(|a| a.get_action().takes_values()) {
                let e = table::argument(sub.get_name(), a.get_id().as_str()).unwrap();
                for d in a.get_default_values() {
                    let d = d.to_string_lossy();
                    let said = e.vi.contains(&*d) || (d == "." && e.vi.contains("thư mục hiện tại"));
                    assert!(said, "{} {}: the default `{d}` is not in {:?}", sub.get_name(), a.get_id(), e.vi);
                }
                for v in a.get_possible_values() {
                    assert!(e.vi.contains(&format!("`{}`", v.get_name())), "{} {}: `{}` not in {:?}", sub.get_name(), a.get_id(), v.get_name(), e.vi);
                }
            }
        }
    }

    #[test]
    fn vietnamese_help_has_no_clap_english() {
        let mut cmd = command(Lang::Vi);
        let mut all = cmd.render_help().to_string();
        for name in cmd.get_subcommands().map(|s| s.get_name().to_owned()).collect::<Vec<_>>() {
            let sub = cmd.find_subcommand_mut(&name).unwrap();
            all.push_str(&sub.render_help().to_string());
            all.push_str(&sub.render_long_help().to_string());
        }
        for w in [
            "Usage:",
            "Options:",
            "Commands:",
            "Arguments:",
            "Print help",
            "Print version",
            "[default:",
            "[possible values:",
            "[env:",
            "[OPTIONS]",
            "COMMAND",
        ] {
            assert!(!all.contains(w), "`{w}` in:\n{all}");
        }
        assert!(crate::text::english::english_lines(&all).is_empty(), "{:?}", crate::text::english::english_lines(&all));
        assert!(all.contains("Cách dùng: parindex rank [TÙY_CHỌN]"), "{all}");
        assert!(all.contains("-w, --workspace <THƯ_MỤC>"), "{all}");
    }

    #[test]
    fn usage_errors_are_worded_in_vietnamese() {
        let err = |args: &[&str]| match parse_from(os(args), Lang::Vi) {
            Err(e) => (render_error(&e, Lang::Vi, &os(args)), e.use_stderr()),
            Ok(c) => panic!("{args:?} parsed: {c:?}"),
        };
        let (s, _) = err(&["parindex", "rank", "--formt", "x"]);
        assert!(s.starts_with("lỗi: không có tùy chọn `--formt`"), "{s}");
        assert!(s.contains("`--format`") && s.contains("Cách dùng: parindex rank [TÙY_CHỌN]") && s.contains("`parindex rank --help`"), "{s}");
        let (s, _) = err(&["parindex", "--lang", "fr", "status"]);
        assert!(s.contains("không có ngôn ngữ `fr`"), "{s}");
        let (s, _) = err(&["parindex", "rank", "--format", "xml"]);
        assert!(s.contains("`table`, `json`, `csv`"), "{s}");
        let (s, _) = err(&["parindex", "score"]);
        assert!(s.contains("thiếu tham số bắt buộc") && s.contains("--unit <MÃ_ĐƠN_VỊ>"), "{s}");
        let (s, _) = err(&["parindex", "report", "--unit", "a", "--office", "-o", "x.docx"]);
        assert!(s.contains("không dùng `--unit <MÃ_ĐƠN_VỊ>` cùng với `--office`"), "{s}");
        let (s, _) = err(&["parindex", "rnak"]);
        assert!(s.contains("không có lệnh `rnak`") && s.contains("`rank`"), "{s}");
        let (s, _) = err(&["parindex", "export", "-o", "a.csv", "--date", "hôm qua"]);
        assert!(s.contains("ghi ngày trước tháng"), "{s}");
        let (_, stderr) = err(&["parindex", "--help"]);
        assert!(!stderr);
    }
}
