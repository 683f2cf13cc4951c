//! The help of every command and clap's usage errors speak Vietnamese by default and English
//! with `--lang en` / PARINDEX_LANG=en (issue 11): every `--help`, `-h`, `help`, `help CMD`,
//! and a set of usage errors, checked for English sentences and clap's English words.

mod common;

use clap::CommandFactory;
use common::bin as parindex;
use parindex::text::english::english_lines;

/// clap's own English, which must not reach a Vietnamese reader.
const CLAP_WORDS: &[&str] = &[
    "Usage:",
    "Options:",
    "Commands:",
    "Arguments:",
    "error:",
    "tip:",
    "Print help",
    "Print version",
    "[default:",
    "[possible values:",
    "[env:",
    "For more information",
    "[OPTIONS]",
];

/// Every command's name, from the command line's definition.
fn commands() -> Vec<String> {
    let names: Vec<String> = parindex::cli::Cli::command().get_subcommands().map(|s| s.get_name().to_owned()).collect();
    assert!(names.len() > 15 && names.iter().any(|n| n == "report"), "{names:?}");
    names
}

/// Every way to ask for help.
fn help_invocations() -> Vec<Vec<String>> {
    let mut all: Vec<Vec<String>> = vec![vec!["--help".into()], vec!["-h".into()], vec!["help".into()], vec!["help".into(), "help".into()]];
    for c in commands() {
        all.push(vec!["help".into(), c.clone()]);
        all.push(vec![c.clone(), "--help".into()]);
        all.push(vec![c, "-h".into()]);
    }
    all
}

/// Usage errors: unknown option, missing `--unit`, bad `--format`, `--lang fr`, a conflicting
/// pair, an unknown command, a missing value, an extra argument, bad values for parsers of
/// our own.
const ERRORS: &[&[&str]] = &[
    &["rank", "--formt", "x"],
    &["score"],
    &["score", "--unit"],
    &["rank", "--format", "xml"],
    &["--lang", "fr", "status"],
    &["report", "--unit", "a", "--office", "-o", "x.docx"],
    &["tui", "--unit", "a", "--office"],
    &["rank", "--decimal-comma", "--decimal-point"],
    &["rank", "--by-group", "--by-group"],
    &["rnak"],
    &["rank", "extra"],
    &["export", "-o", "a.csv", "--date", "hôm qua"],
    &["rank", "--sep", "x"],
    &["demo", "--units", "0"],
    &["completions", "tcsh"],
    &["init", "dir"],
];

fn assert_vietnamese(what: &str, text: &str) {
    let english = english_lines(text);
    assert!(english.is_empty(), "{what}: English lines {english:?} in:\n{text}");
    for w in CLAP_WORDS {
        assert!(!text.contains(w), "{what}: clap's `{w}` in:\n{text}");
    }
}

#[test]
fn every_help_is_vietnamese_by_default() {
    for args in help_invocations() {
        let o = parindex().args(&args).output().unwrap();
        let what = format!("parindex {}", args.join(" "));
        assert_eq!(o.status.code(), Some(0), "{what}: {}", String::from_utf8_lossy(&o.stderr));
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(o.stderr.is_empty(), "{what}: {}", String::from_utf8_lossy(&o.stderr));
        assert!(out.contains("Cách dùng: parindex"), "{what}:\n{out}");
        assert!(out.contains("Tùy chọn:") || args.starts_with(&["help".to_owned(), "help".to_owned()]), "{what}:\n{out}");
        assert_vietnamese(&what, &out);
    }
    let top = String::from_utf8(parindex().arg("--help").output().unwrap().stdout).unwrap();
    assert!(top.contains("Lệnh:") && top.contains("-V, --version") && top.contains("In phiên bản"), "{top}");
    let rank = String::from_utf8(parindex().args(["rank", "--help"]).output().unwrap().stdout).unwrap();
    assert!(rank.contains("-w, --workspace <THƯ_MỤC>  Thư mục của đợt đánh giá (mặc định: thư mục hiện tại)"), "{rank}");
    assert!(rank.contains("`table` (bảng, mặc định), `json` hoặc `csv`"), "{rank}");
    let init = String::from_utf8(parindex().args(["init", "--help"]).output().unwrap().stdout).unwrap();
    assert!(init.contains("Tham số:\n  <THƯ_MỤC>"), "{init}");
}

#[test]
fn every_help_is_english_with_lang_en() {
    for args in help_invocations() {
        for by_env in [false, true] {
            let mut c = parindex();
            if by_env {
                c.env("PARINDEX_LANG", "en").args(&args);
            } else {
                c.arg("--lang").arg("en").args(&args);
            }
            let o = c.output().unwrap();
            let what = format!("parindex {} (env: {by_env})", args.join(" "));
            assert_eq!(o.status.code(), Some(0), "{what}: {}", String::from_utf8_lossy(&o.stderr));
            let out = String::from_utf8(o.stdout).unwrap();
            assert!(out.contains("Usage: parindex"), "{what}:\n{out}");
            assert!(!out.contains("Cách dùng") && !out.contains("Tùy chọn") && !out.contains("Lệnh:"), "{what}:\n{out}");
        }
    }
    let rank = String::from_utf8(parindex().args(["rank", "--help", "--lang", "en"]).output().unwrap().stdout).unwrap();
    assert!(rank.contains("Options:") && rank.contains("-w, --workspace <WORKSPACE>  The round's folder [default: .]"), "{rank}");
}

#[test]
fn usage_errors_are_vietnamese_by_default_with_exit_code_2() {
    for args in ERRORS {
        let o = parindex().args(*args).output().unwrap();
        let what = format!("parindex {}", args.join(" "));
        assert_eq!(o.status.code(), Some(2), "{what}");
        assert!(o.stdout.is_empty(), "{what}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(err.starts_with("lỗi: "), "{what}:\n{err}");
        assert!(err.contains("Xem hướng dẫn: `parindex"), "{what}:\n{err}");
        assert_vietnamese(&what, &err);
    }
    let err = |args: &[&str]| String::from_utf8(parindex().args(args).output().unwrap().stderr).unwrap();
    let e = err(&["rank", "--formt", "x"]);
    assert!(e.contains("không có tùy chọn `--formt`") && e.contains("`--format`") && e.contains("Cách dùng: parindex rank"), "{e}");
    let e = err(&["score"]);
    assert!(e.contains("thiếu tham số bắt buộc") && e.contains("--unit <MÃ_ĐƠN_VỊ>"), "{e}");
    let e = err(&["rank", "--format", "xml"]);
    assert!(e.contains("`xml`") && e.contains("`table`, `json`, `csv`") && e.contains("`parindex rank --help`"), "{e}");
    let e = err(&["--lang", "fr", "status"]);
    assert!(e.contains("không có ngôn ngữ `fr`"), "{e}");
    let e = err(&["report", "--unit", "a", "--office", "-o", "x.docx"]);
    assert!(e.contains("không dùng `--unit <MÃ_ĐƠN_VỊ>` cùng với `--office`"), "{e}");
    let e = err(&["rnak"]);
    assert!(e.contains("không có lệnh `rnak`") && e.contains("`rank`"), "{e}");
    // PARINDEX_LANG that is neither language is refused in Vietnamese too.
    let o = parindex().env("PARINDEX_LANG", "fr").arg("status").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_vietnamese("PARINDEX_LANG=fr", &String::from_utf8_lossy(&o.stderr));
}

#[test]
fn usage_errors_stay_clap_english_with_lang_en() {
    for args in ERRORS {
        for by_env in [false, true] {
            let mut c = parindex();
            if by_env {
                c.env("PARINDEX_LANG", "en").args(*args);
            } else {
                c.arg("--lang").arg("en").args(*args);
            }
            let o = c.output().unwrap();
            let what = format!("parindex {} (env: {by_env})", args.join(" "));
            assert_eq!(o.status.code(), Some(2), "{what}");
            let err = String::from_utf8(o.stderr).unwrap();
            assert!(err.starts_with("error: "), "{what}:\n{err}");
            assert!(!err.contains("lỗi") && !err.contains("Cách dùng"), "{what}:\n{err}");
        }
    }
    let e = String::from_utf8(parindex().args(["--lang", "en", "rank", "--formt", "x"]).output().unwrap().stderr).unwrap();
    assert!(e.contains("unexpected argument '--formt' found") && e.contains("Usage: parindex rank"), "{e}");
}

#[test]
fn version_is_plain() {
    for args in [&["-V"][..], &["--version"], &["--version", "--lang", "en"]] {
        let o = parindex().args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(String::from_utf8(o.stdout).unwrap(), format!("parindex {}\n", env!("CARGO_PKG_VERSION")));
    }
}
