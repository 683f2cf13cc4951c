//! `parindex completions` and `parindex man`: made from the clap definition, so every command
//! (the new `report` included) is there; the scripts parse; the manual's headings follow the
//! language, and so do the texts of the commands and options.

mod common;

use common::bin as parindex;

fn out(args: &[&str]) -> String {
    let o = parindex().args(args).output().unwrap();
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn completions_cover_every_command_and_parse() {
    for shell in ["bash", "zsh", "fish"] {
        let s = out(&["completions", shell]);
        for word in ["report", "export", "office", "decimal-point", "completions", "man"] {
            assert!(s.contains(word), "{shell}: no `{word}`");
        }
    }
    // bash can read the script (a syntax check: nothing runs).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("parindex.bash");
    std::fs::write(&path, out(&["completions", "bash"])).unwrap();
    let status = std::process::Command::new("bash").arg("-n").arg(&path).status().unwrap();
    assert!(status.success());
    parindex().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn the_manual_page_is_roff_with_headings_in_the_language() {
    let vi = out(&["man"]);
    assert!(vi.contains(".TH parindex 1"), "{vi}");
    for h in [".SH \"TÊN\"", ".SH \"CÚ PHÁP\"", ".SH \"TÙY CHỌN\"", ".SH \"CÁC LỆNH\""] {
        assert!(vi.contains(h), "no {h}");
    }
    assert!(vi.contains("parindex\\-report(1)"));
    let en = out(&["--lang", "en", "man"]);
    assert!(en.contains(".SH NAME") && en.contains(".SH SUBCOMMANDS"), "{en}");
    let report = out(&["man", "report"]);
    assert!(report.contains(".TH parindex-report 1") && report.contains("\\-\\-office"), "{report}");
    let a = parindex().args(["man", "nosuch"]).assert().code(2);
    assert!(String::from_utf8_lossy(&a.get_output().stderr).contains("không có lệnh `nosuch`"));
}

#[test]
fn completions_and_manual_describe_in_the_language() {
    let fish = out(&["completions", "fish"]);
    assert!(fish.contains("Bảng xếp hạng các đơn vị") && fish.contains("Thư mục của đợt đánh giá"), "{fish}");
    assert!(!fish.contains("The ranking of all units") && !fish.contains("Print help"), "{fish}");
    let en = out(&["--lang", "en", "completions", "fish"]);
    assert!(en.contains("The ranking of all units"), "{en}");
    let zsh = parindex().env("PARINDEX_LANG", "en").args(["completions", "zsh"]).output().unwrap();
    assert!(String::from_utf8_lossy(&zsh.stdout).contains("The ranking of all units"));
    let man = out(&["man", "rank"]);
    assert!(man.contains("Bảng xếp hạng các đơn vị") && man.contains("<THƯ_MỤC>"), "{man}");
    for w in ["[default:", "Possible values", "Print help", "The ranking"] {
        assert!(!man.contains(w), "`{w}` in {man}");
    }
    let en = out(&["--lang", "en", "man", "rank"]);
    assert!(en.contains("The ranking of all units") && en.contains("[default: .]"), "{en}");
}
