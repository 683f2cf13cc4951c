//! The Vietnamese user guide (docs/huong-dan-su-dung.md, issue 22) names only commands and
//! options parindex has: every `parindex …` it shows (in a shell block or in backticks) is
//! checked against `parindex SUB --help`, and every bare `--option` in backticks must be an
//! option of some command. Its screens are the ones docs/screens.sh captures, and the README
//! links it first.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// Commands the guide describes that are built on another branch and may be missing here. A
/// command listed here is skipped while `parindex CMD --help` fails; once it exists the test
/// fails until its entry is removed, so its options are checked from then on.
const NOT_YET: &[&str] = &[];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// One `parindex …` the guide shows, with where it is (line number) for the message.
#[derive(Debug, Clone)]
struct Shown {
    line: usize,
    text: String,
}

/// The guide's command lines and bare options: lines of shell code blocks that run parindex
/// (after an optional `$ ` or `sudo `), and code spans (which may wrap across lines) that start
/// with `parindex` or are a lone `--option …`. Screen blocks (```text) are output, not commands.
fn commands_and_options(md: &str) -> (Vec<Shown>, Vec<Shown>) {
    let mut commands = Vec::new();
    let mut options = Vec::new();
    let mut fence: Option<String> = None;
    // Prose outside fences, with each character's line number, for code spans across lines.
    let mut prose: Vec<(usize, char)> = Vec::new();
    for (n, line) in md.lines().enumerate() {
        let n = n + 1;
        let trimmed = line.trim_start();
        if let Some(info) = trimmed.strip_prefix("```") {
            fence = match fence {
                None => Some(info.trim().to_owned()),
                Some(_) => None,
            };
            prose.push((n, '\n'));
            continue;
        }
        match &fence {
            Some(lang) if lang == "text" => {}
            Some(_) => {
                let cmd = trimmed.strip_prefix("$ ").unwrap_or(trimmed);
                let cmd = cmd.strip_prefix("sudo ").unwrap_or(cmd);
                if cmd == "parindex" || cmd.starts_with("parindex ") {
                    commands.push(Shown { line: n, text: cmd.to_owned() });
                }
            }
            None => {
                prose.extend(line.chars().map(|c| (n, c)));
                prose.push((n, '\n'));
            }
        }
    }
    let mut i = 0;
    while i < prose.len() {
        if prose[i].1 != '`' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let Some(len) = prose[start..].iter().position(|&(_, c)| c == '`') else { break };
        let span: String = prose[start..start + len].iter().map(|&(_, c)| if c == '\n' { ' ' } else { c }).collect();
        let line = prose[i].0;
        let span = span.trim().to_owned();
        if span == "parindex" || span.starts_with("parindex ") {
            commands.push(Shown { line, text: span });
        } else if span.starts_with("--") {
            options.push(Shown { line, text: span });
        }
        i = start + len + 1;
    }
    (commands, options)
}

/// Shell words, with "…" and '…' quoting; stops at a comment or a pipe/list operator.
fn words(cmd: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in cmd.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                any = true;
            }
            None if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            None => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    let end = out.iter().position(|w| matches!(w.as_str(), "|" | "||" | "&&" | ";" | "#") || w.starts_with('#'));
    out.truncate(end.unwrap_or(out.len()));
    out
}

/// Whether `help` names `flag` as a whole word (`-w` is not found inside `--workspace`).
fn names(help: &str, flag: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    help.match_indices(flag).any(|(at, _)| {
        let before = help[..at].chars().next_back();
        let after = help[at + flag.len()..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

/// `parindex ARGS… --help` (Vietnamese, clean environment): its text when it succeeds.
fn help(cache: &mut BTreeMap<Vec<String>, Option<String>>, path: &[String]) -> Option<String> {
    cache
        .entry(path.to_vec())
        .or_insert_with(|| {
            let out = common::std_bin().args(path).arg("--help").output().expect("parindex runs");
            out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
        })
        .clone()
}

/// The subcommands a help text lists under "Lệnh:" (clap's command list).
fn listed_commands(help: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut inside = false;
    for line in help.lines() {
        if line.starts_with("Lệnh:") || line.starts_with("Commands:") {
            inside = true;
            continue;
        }
        if inside {
            if !line.starts_with("  ") {
                inside = false;
                continue;
            }
            if let Some(w) = line.split_whitespace().next() {
                out.insert(w.to_owned());
            }
        }
    }
    out
}

/// Checks each command line; returns the problems (empty: all good) and the commands seen.
fn check(commands: &[Shown], cache: &mut BTreeMap<Vec<String>, Option<String>>) -> (Vec<String>, BTreeSet<String>) {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for c in commands {
        let w = words(&c.text);
        assert_eq!(w.first().map(String::as_str), Some("parindex"), "line {}: {}", c.line, c.text);
        // The command path: `parindex`, then subcommands while the help lists the next word.
        let mut path: Vec<String> = Vec::new();
        let mut rest = &w[1..];
        let top = help(cache, &path).expect("parindex --help works");
        let mut listed = listed_commands(&top);
        while let Some(next) = rest.first() {
            if next.starts_with('-') || !listed.contains(next.as_str()) {
                break;
            }
            path.push(next.clone());
            rest = &rest[1..];
            listed = help(cache, &path).map(|h| listed_commands(&h)).unwrap_or_default();
        }
        if path.is_empty()
            && let Some(first) = rest.first().filter(|w| !w.starts_with('-'))
        {
            if NOT_YET.contains(&first.as_str()) && help(cache, std::slice::from_ref(first)).is_none() {
                seen.insert(first.clone());
                continue;
            }
            problems.push(format!("line {}: `{}`: parindex has no command “{first}”", c.line, c.text));
            continue;
        }
        if let Some(first) = path.first() {
            seen.insert(first.clone());
        }
        let text = help(cache, &path).expect("a listed command has help");
        for word in rest {
            let flag = if word.starts_with("--") {
                word.split('=').next().unwrap_or(word)
            } else if word.len() == 2 && word.starts_with('-') && word != "--" {
                word.as_str()
            } else {
                continue;
            };
            if !names(&text, flag) {
                problems.push(format!("line {}: `{}`: `parindex {}` has no option {flag}", c.line, c.text, path.join(" ")));
            }
        }
    }
    (problems, seen)
}

#[test]
fn every_command_and_option_in_the_guide_exists() {
    let md = read("docs/huong-dan-su-dung.md");
    let (commands, options) = commands_and_options(&md);
    assert!(commands.len() >= 30, "the guide shows too few commands ({}): is the parser broken?", commands.len());
    let mut cache = BTreeMap::new();
    let (mut problems, seen) = check(&commands, &mut cache);

    // What the guide must cover, per role (issue 22).
    for cmd in [
        "tui",
        "submit",
        "withdraw",
        "object",
        "attach",
        "export-submission", // unit head
        "return",
        "mark-appraised",
        "reopen",
        "publish",
        "answer",
        "finalise",
        "rank",
        "export",
        "report",
        "import",
        "import-survey",
        "status",
        "log", // Office
        "appraise",
        "news",
        "confirm", // appraiser, reviewer
        "init",
        "check",
        "permissions",
        "demo", // administrator
    ] {
        if !seen.contains(cmd) {
            problems.push(format!("the guide never shows `parindex {cmd} …`"));
        }
    }

    // A bare option in backticks (`--force`) must be an option of some command the guide shows.
    let all_help: String = seen.iter().filter_map(|c| help(&mut cache, std::slice::from_ref(c))).collect();
    for o in &options {
        let flag = o.text.split([' ', '=']).next().unwrap_or(&o.text);
        if !names(&all_help, flag) {
            problems.push(format!("line {}: `{}`: no command the guide shows has this option", o.line, o.text));
        }
    }

    // Still missing here? Then it is skipped; once it exists its entry must go.
    for cmd in NOT_YET {
        if help(&mut cache, &[(*cmd).to_owned()]).is_some() {
            problems.push(format!("`parindex {cmd}` exists now: remove it from NOT_YET in tests/guide.rs"));
        }
    }
    assert!(problems.is_empty(), "docs/huong-dan-su-dung.md:\n{}", problems.join("\n"));
    println!("{} command lines ({} commands) and {} bare options checked", commands.len(), seen.len(), options.len());
}

/// The check can fail: an unknown command, an unknown option, an option of another command.
#[test]
fn the_check_catches_what_parindex_does_not_have() {
    let md = "```sh\nparindex frobnicate -w X\nparindex rank -w X --no-such-flag\n```\n\
              Xem `parindex submit --unit MÃ\n--provisional` và `--nowhere`.\n\
              ```text\nparindex tui --not-checked-in-a-screen\n```\n";
    let (commands, options) = commands_and_options(md);
    assert_eq!(commands.len(), 3, "{commands:?}");
    assert_eq!(commands[2].text, "parindex submit --unit MÃ --provisional", "a code span across lines is one command");
    assert_eq!(options.len(), 1);
    let mut cache = BTreeMap::new();
    let (problems, _) = check(&commands, &mut cache);
    let all = problems.join("\n");
    assert_eq!(problems.len(), 3, "{all}");
    assert!(all.contains("no command “frobnicate”"), "{all}");
    assert!(all.contains("`parindex rank` has no option --no-such-flag"), "{all}");
    assert!(all.contains("`parindex submit` has no option --provisional"), "{all}");
    // Real options pass, long and short, with values and quotes.
    let ok = [Shown { line: 1, text: "parindex return -w D --unit ttra --reason \"Bổ sung -x --y\" # --nope".into() }];
    assert!(check(&ok, &mut cache).0.is_empty());
    assert!(!names("  -w, --workspace <THƯ_MỤC>", "--work"));
    assert!(names("  -w, --workspace <THƯ_MỤC>", "-w"));
    assert!(!names("      --workspace <THƯ_MỤC>", "-w"));
}

/// Every screen block of the guide is filled, and is one docs/screens.sh captures (so the script
/// can refresh it); the README links the guide before any other document.
#[test]
fn the_guides_screens_come_from_the_script_and_the_readme_links_it_first() {
    let md = read("docs/huong-dan-su-dung.md");
    let script = read("docs/screens.sh");
    let mut names = Vec::new();
    let mut lines = md.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(name) = line.strip_prefix("<!-- screen: ").and_then(|r| r.strip_suffix(" -->")) else { continue };
        names.push(name.to_owned());
        assert!(script.contains(&format!("shot {name}\n")), "docs/screens.sh does not capture the screen “{name}”");
        let block: Vec<&str> = lines.by_ref().take_while(|l| *l != "<!-- /screen -->").collect();
        assert!(block.len() >= 20, "screen “{name}” is empty or cut ({} lines): run docs/screens.sh", block.len());
        assert_eq!(block.first(), Some(&"```text"), "screen “{name}”");
        assert_eq!(block.last(), Some(&"```"), "screen “{name}”");
    }
    assert!(names.len() >= 10, "the guide has {} screens", names.len());

    let readme = read("README.md");
    let first_doc = readme.find("docs/").expect("the README links documents");
    assert!(readme[first_doc..].starts_with("docs/huong-dan-su-dung.md"), "the README's first link to a document is the Vietnamese guide");
    assert!(readme.find("Hướng dẫn sử dụng (tiếng Việt)").is_some_and(|at| at < 200), "near the top");
}
