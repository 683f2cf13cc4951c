#[allow(unused_imports)]
use crate::core::date::Date;
#[allow(unused_imports)]
use crate::core::scorecard::Scorecard;
use crate::core::scorecard::*;
#[allow(unused_imports)]
use crate::text::Render;
#[allow(unused_imports)]
use crate::text::msg::Message;
#[allow(unused_imports)]
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn load(text: &str) -> Scorecard {
    match Scorecard::from_toml_str("t.toml", text) {
        Ok(sc) => sc,
        Err(e) => panic!("{}", e.diagnostics.render()),
    }
}

/// The rendered diagnostics of a scorecard that must fail.
fn errors(text: &str) -> String {
    match Scorecard::from_toml_str("t.toml", text) {
        Ok(_) => panic!("expected errors for:\n{text}"),
        Err(e) => e.diagnostics.render(),
    }
}

const HEAD: &str = "[scorecard]\nid = \"t\"\ntitle = \"T\"\n";

#[test]
fn shipped_scorecard_is_valid_and_complete() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scorecards/par-2020.toml");
    let sc = crate::core::store::read::load_scorecard(&path).unwrap_or_else(|e| panic!("{}", e.diagnostics.render()));
    assert_eq!(sc.max, d("100"));
    assert_eq!(sc.areas.len(), 8);
    assert!(sc.leaf_count() >= 40);
    let area_sum: Decimal = sc.areas.iter().map(|&a| sc.nodes[a].max).sum();
    assert_eq!(area_sum, d("100"));
    for name in ["manual", "choice", "bands", "target", "deduction", "bonus", "survey"] {
        assert!(sc.nodes.iter().any(|n| n.rule.as_ref().is_some_and(|r| r.name() == name)), "no {name} criterion");
    }
    for n in sc.nodes.iter().filter(|n| n.is_leaf()) {
        assert!(n.guidance.is_some(), "{} has no guidance", n.id);
    }
    let labels: Vec<&str> = sc.bands.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"]);
}

/// What a reviewer who knows the 2017–2020 frame checks first (issue 12).
#[test]
fn shipped_scorecard_follows_the_2017_2020_frame_for_a_departments_units() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scorecards/par-2020.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let sc = crate::core::store::read::load_scorecard(&path).unwrap();
    let title = |id: &str| sc.node(id).unwrap_or_else(|| panic!("no {id}")).title.clone();
    // Area 2 is legal documents; communication is a group inside area 1.
    assert!(title("2").contains("văn bản quy phạm pháp luật"), "{}", title("2"));
    assert!(title("1.5").contains("tuyên truyền"));
    assert!(sc.areas.iter().all(|&a| !sc.nodes[a].title.contains("tuyên truyền")));
    // Every duty of 311/KH is its own criterion; the news items count what was sent.
    for id in ["1.5.1", "1.5.2", "1.5.3", "1.5.4", "1.5.5", "1.5.6", "3.2.1", "3.2.2", "3.3.1"] {
        assert!(sc.node(id).is_some_and(|n| n.is_leaf()), "{id}");
    }
    assert!(title("1.5.3").contains("gửi") && !title("1.5.3").contains("được đăng"));
    assert_eq!(sc.node("1.5.3").unwrap().rule, Some(Rule::Target(d("4"))));
    // No double penalties: no deduction beside a late option on reports or dossiers.
    for group in ["1", "3"] {
        let g = sc.node_index(group).unwrap();
        assert!(!sc.nodes[g..sc.nodes[g].end].iter().any(|n| matches!(n.rule, Some(Rule::Deduction { .. }))), "deduction in area {group}");
    }
    // The documents of the day.
    assert!(text.contains("90/2020/NĐ-CP") && !text.contains("56/2015") && !text.contains("88/2017"));
    assert!(text.contains("185/KH-SKH&CN") && text.contains("2948/QĐ-BNV"));
    assert!(text.contains("ĐÂY LÀ BẢN XÂY DỰNG LẠI"));
    // The criteria that do not arise for every unit are marked.
    for (id, na) in [("3.4.1", Na::Excluded), ("6.1.1", Na::Excluded), ("7.2.1", Na::Excluded), ("3.3.2", Na::Full), ("4.2.2", Na::Full)] {
        assert_eq!(sc.node(id).unwrap().na, Some(na), "{id}");
    }
}

#[test]
fn na_is_read_on_leaves_and_refused_elsewhere() {
    let base = "[[criterion]]\nid = \"1\"\ntitle = \"A\"\n";
    let sc = load(&format!(
        "{HEAD}{base}[[criterion]]\nid = \"1.1\"\ntitle = \"x\"\nmax = 1\nna = \"full\"\n[[criterion]]\nid = \"1.2\"\ntitle = \"y\"\nmax = 1\nna = \"excluded\"\n"
    ));
    assert_eq!(sc.node("1.1").unwrap().na, Some(Na::Full));
    assert_eq!(sc.node("1.2").unwrap().na, Some(Na::Excluded));
    assert_eq!(sc.node("1").unwrap().na, None);
    let e = errors(&format!("{HEAD}{base}na = \"full\"\n[[criterion]]\nid = \"1.1\"\ntitle = \"x\"\nmax = 1\n"));
    assert!(e.contains("is a group and takes no `na`"), "{e}");
    let e = errors(&format!("{HEAD}{base}[[criterion]]\nid = \"1.1\"\ntitle = \"x\"\nmax = 1\nna = \"maybe\"\n"));
    assert!(e.contains("t.toml:11:6") && e.contains("expected \"full\""), "{e}");
    let e = errors(&format!(
        "{HEAD}{base}[[criterion]]\nid = \"1.1\"\ntitle = \"x\"\nmax = 1\n[[criterion]]\nid = \"1.2\"\ntitle = \"b\"\nrule = \"bonus\"\nmax = 1\nna = \"full\"\n"
    ));
    assert!(e.contains("`bonus` criterion (`1.2`) cannot be not applicable"), "{e}");
}

#[test]
fn numbers_reach_decimal_exactly_as_written() {
    let sc = load(&format!(
        "{HEAD}step = 0.05\n[[criterion]]\nid = \"1\"\ntitle = \"A\"\n[[criterion]]\nid = \"1.1\"\ntitle = \"x\"\nmax = 14.5\n\
         [[criterion]]\nid = \"1.2\"\ntitle = \"y\"\nmax = 0.1\n[[criterion]]\nid = \"1.3\"\ntitle = \"z\"\nmax = 1e1\n"
    ));
    assert_eq!(sc.step, d("0.05"));
    assert_eq!(sc.nodes[1].max, d("14.5"));
    assert_eq!(sc.nodes[2].max, d("0.1"));
    assert_eq!(sc.nodes[3].max, d("10"));
    // 14.5 + 0.1 + 10 exactly: a float sum would be 24.599999…
    assert_eq!(sc.nodes[0].max, d("24.6"));
    assert_eq!(sc.max, d("24.6"));
}

#[test]
fn tree_is_built_in_display_order_with_parents_first() {
    let sc = load(&format!(
        "{HEAD}[[criterion]]\nid = \"2\"\ntitle = \"B\"\n[[criterion]]\nid = \"1\"\ntitle = \"A\"\n\
         [[criterion]]\nid = \"1.1\"\ntitle = \"a\"\nmax = 1\n[[criterion]]\nid = \"2.1\"\ntitle = \"b\"\nmax = 2\n"
    ));
    let ids: Vec<&str> = sc.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["2", "2.1", "1", "1.1"]);
    assert_eq!(sc.nodes[1].parent, Some(0));
    assert_eq!(sc.nodes[0].end, 2);
    assert_eq!(sc.node("1").unwrap().max, d("1"));
}

#[test]
fn every_problem_is_reported_in_one_run_with_its_place() {
    let text = format!(
        "{HEAD}max = 50\n\
[[criterion]]\nid = \"1\"\ntitle = \"A\"\nmax = 3\n\
[[criterion]]\nid = \"1.1\"\ntitle = \"a\"\nmax = 1.1\n\
[[criterion]]\nid = \"1.1\"\ntitle = \"dup\"\nmax = 1\n\
[[criterion]]\nid = \"3.1\"\ntitle = \"orphan\"\nmax = 1\n\
[[criterion]]\nid = \"1.2\"\ntitle = \"c\"\nmax = 1\nrule = \"choice\"\noptions = [{{ key = \"a\", label = \"A\", points = 2 }}]\n\
[[criterion]]\nid = \"1.3\"\ntitle = \"w\"\nmax = 1\nweight = 5\n\
[[criterion]]\nid = \"1.4\"\ntitle = \"r\"\nmax = 1\nrule = \"magic\"\n\
[[criterion]]\nid = \"1.5\"\ntitle = \"d\"\nrule = \"deduction\"\nper = 0.5\nmax = 1\n\
[[criterion]]\nid = \"bad id\"\ntitle = \"x\"\nmax = 1\n\
[[criterion]]\nid = \"1.6\"\ntitle = \"t\"\nmax = 1\nrule = \"bands\"\nbands = [{{ min = 50, points = 1 }}, {{ min = 50, points = 0 }}]\ncolour = \"red\"\n"
    );
    let out = errors(&text);
    for needle in [
        "t.toml:12:7: `max` of `1.1` is 1.1, not a multiple of the step 0.25",
        "criterion id `1.1` is declared twice (first on line 10)",
        "`3.1` has no parent: `3` is not declared",
        "choice `1.2` needs at least 2 `options`",
        "2 points is more than the max 1 of `1.2`",
        "`weight` is only allowed on areas",
        "unknown rule `magic`",
        "deduction `1.5` takes `per` and `cap`, not `max`",
        "deduction `1.5` has no `cap`",
        "`bad id` is not a valid id",
        "two bands of `1.6` start at 50",
        "unknown key `colour`",
        "declares max 3, but its sub-criteria add up to",
        "[scorecard] declares max 50, but the areas add up to",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
    }
    // The offending source line is shown.
    assert!(out.contains("max = 1.1"), "{out}");
}

#[test]
fn syntax_errors_are_located_and_do_not_panic() {
    let out = errors("[scorecard\nid = 1\n");
    assert!(out.starts_with("t.toml:1:"), "{out}");
    let out = errors(&format!("{HEAD}[[criterion]]\nid = \"1\"\ntitle = \"A\"\nmax = \"ten\"\n"));
    assert!(out.contains("t.toml:7:7: `max` must be a number, found string"), "{out}");
}

#[test]
fn hostile_numbers_are_errors() {
    for v in ["inf", "nan", "1e400", "-1", "0"] {
        let out = errors(&format!("{HEAD}[[criterion]]\nid = \"1\"\ntitle = \"A\"\nmax = {v}\n"));
        assert!(out.contains("t.toml:7:7"), "{v}: {out}");
    }
}

#[test]
fn bonus_and_deduction_add_nothing_to_the_max() {
    let sc = load(&format!(
        "{HEAD}[[criterion]]\nid = \"1\"\ntitle = \"A\"\nmax = 2\n\
[[criterion]]\nid = \"1.1\"\ntitle = \"a\"\nmax = 2\n\
[[criterion]]\nid = \"1.2\"\ntitle = \"b\"\nrule = \"bonus\"\nmax = 1\n\
[[criterion]]\nid = \"1.3\"\ntitle = \"c\"\nrule = \"deduction\"\nper = 0.5\ncap = 2\n\
[[criterion]]\nid = \"2\"\ntitle = \"Bonus only\"\n\
[[criterion]]\nid = \"2.1\"\ntitle = \"b\"\nrule = \"bonus\"\nmax = 3\n"
    ));
    assert_eq!(sc.node("1").unwrap().max, d("2"));
    assert_eq!(sc.node("2").unwrap().max, d("0"));
    assert_eq!(sc.max, d("2"));
}

#[test]
fn weights_replace_maxima_in_the_scorecard_max() {
    let sc = load(&format!(
        "{HEAD}[[criterion]]\nid = \"1\"\ntitle = \"A\"\nweight = 60\n[[criterion]]\nid = \"1.1\"\ntitle = \"a\"\nmax = 10\n\
[[criterion]]\nid = \"2\"\ntitle = \"B\"\n[[criterion]]\nid = \"2.1\"\ntitle = \"b\"\nmax = 40\n"
    ));
    assert_eq!(sc.max, d("100"));
    assert_eq!(sc.nodes[0].weight, d("60"));
    assert_eq!(sc.node("2").unwrap().weight, d("40"));
}

#[test]
fn a_scorecard_with_nothing_to_score_is_rejected() {
    let out = errors(&format!("{HEAD}[[criterion]]\nid = \"1\"\ntitle = \"A\"\nrule = \"bonus\"\nmax = 1\n"));
    assert!(out.contains("maximum is 0"), "{out}");
    let out = errors(HEAD);
    assert!(out.contains("no [[criterion]]"), "{out}");
    let out = errors("title = 1\n");
    assert!(out.contains("no [scorecard] table"), "{out}");
}

#[test]
fn text_is_normalised_to_nfc() {
    let nfd = "Tie\u{302}\u{301}u chi\u{301}"; // "Tiếu chí" decomposed
    let sc = load(&format!("{HEAD}[[criterion]]\nid = \"1\"\ntitle = \"{nfd}\"\nmax = 1\n"));
    assert_eq!(sc.nodes[0].title, "Tiếu chí");
    assert!(unicode_normalization::is_nfc(&sc.nodes[0].title));
}

#[test]
fn too_deep_and_too_many_are_refused() {
    let out = errors(&format!("{HEAD}[[criterion]]\nid = \"1.1.1.1.1.1.1\"\ntitle = \"A\"\nmax = 1\n"));
    assert!(out.contains("levels deep"), "{out}");
    let mut many = HEAD.to_owned();
    for i in 0..=MAX_CRITERIA {
        many.push_str(&format!("[[criterion]]\nid = \"{i}\"\ntitle = \"A\"\nmax = 1\n"));
    }
    let out = errors(&many);
    assert!(out.contains("too many criteria"), "{out}");
}

#[test]
fn numbers_too_large_or_too_precise_are_refused_so_the_arithmetic_cannot_overflow() {
    // A valid-looking weight of 7.9e28 loaded, then made `score` panic (multiplication overflow).
    let huge = "79228162514264337593543950335";
    let out =
        errors(&format!("{HEAD}[[criterion]]\nid = \"1\"\ntitle = \"A\"\nweight = {huge}\n[[criterion]]\nid = \"1.1\"\ntitle = \"a\"\nmax = 1\n"));
    assert!(out.contains("t.toml:7:10: `weight` is 79228162514264337593543950335: numbers in a scorecard are at most 1000000"), "{out}");
    // Two maxima that overflowed their sum (a panic while loading).
    let out = errors(&format!(
        "{HEAD}[[criterion]]\nid = \"1\"\ntitle = \"A\"\n[[criterion]]\nid = \"1.1\"\ntitle = \"a\"\nrule = \"survey\"\nmax = {huge}\n\
[[criterion]]\nid = \"1.2\"\ntitle = \"b\"\nrule = \"survey\"\nmax = {huge}\n"
    ));
    assert!(out.contains("at most 1000000"), "{out}");
    let out = errors(&format!("{HEAD}step = 0.0000001\n[[criterion]]\nid = \"1\"\ntitle = \"A\"\nmax = 1\n"));
    assert!(out.contains("t.toml:4:8: `step` is 0.0000001: numbers in a scorecard have at most 6 decimal places"), "{out}");
    // The bounds themselves are fine; trailing zeros do not count as decimals.
    let sc = load(&format!("{HEAD}step = 0.000001\n[[criterion]]\nid = \"1\"\ntitle = \"A\"\nmax = 1000000.000000000\n"));
    assert_eq!(sc.max, d("1000000"));
}

#[test]
fn control_characters_in_text_are_refused() {
    // An escape sequence in a title would reach the terminal of everyone who lists the round.
    let out = errors(&format!("{HEAD}[[criterion]]\nid = \"1\"\ntitle = \"A\\u001b]0;pwned\\u0007\"\nmax = 1\n"));
    assert!(out.contains("t.toml:6:9: `title` contains the control character U+001B"), "{out}");
    let out = errors("[scorecard]\nid = \"t\\u0000\"\ntitle = \"T\"\n[[criterion]]\nid = \"1\"\ntitle = \"A\"\nmax = 1\n");
    assert!(out.contains("t.toml:2:6: `id` contains the control character U+0000"), "{out}");
    // A title is one line; guidance keeps its tabs and line breaks (CR LF read as LF).
    let out = errors(&format!("{HEAD}[[criterion]]\nid = \"1\"\ntitle = \"A\\tB\"\nmax = 1\n"));
    assert!(out.contains("t.toml:6:9: `title` must be one line: it contains a tab (U+0009)"), "{out}");
    let sc = load(&format!("{HEAD}[[criterion]]\nid = \"1\"\ntitle = \"A\"\nguidance = \"\"\"\nline\t1\r\nline 2\n\"\"\"\nmax = 1\n"));
    assert_eq!(sc.nodes[0].guidance.as_deref(), Some("line\t1\nline 2\n"));
}

#[test]
fn nesting_too_deep_is_a_clear_syntax_error_without_a_false_place() {
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let out = errors(&format!("{HEAD}max = {deep}\n[[criterion]]\nid = \"1\"\ntitle = \"A\"\nmax = 1\n"));
    assert!(out.contains("t.toml:4:") && out.contains("TOML syntax: arrays or inline tables nested too deeply"), "{out}");
    let dotted = "a.".repeat(10_000);
    let out = errors(&format!("{HEAD}{dotted}b = 1\n[[criterion]]\nid = \"1\"\ntitle = \"A\"\nmax = 1\n"));
    // The parser gives no place for this one: the file, not its first line.
    assert!(out.contains("t.toml: TOML syntax: keys nested too deeply"), "{out}");
}

#[test]
fn a_refused_value_is_reported_once_not_as_missing_too() {
    for (max, msg) in
        [("\"1\"", "`max` must be a number, found string"), ("1e400", "`max`: `1e400` is too large"), ("inf", "`max`: `inf` is not a finite number")]
    {
        let out = errors(&format!("{HEAD}[[criterion]]\nid = \"1\"\ntitle = \"A\"\n[[criterion]]\nid = \"1.1\"\ntitle = \"B\"\nmax = {max}\n"));
        assert!(out.contains(&format!("t.toml:10:7: {msg}")), "{out}");
        assert!(!out.contains("has no `max`") && !out.contains("maximum is 0"), "{max}: a cascade:\n{out}");
        assert_eq!(out.matches("t.toml:").count(), 1, "{out}");
    }
    // An unknown rule stays in the tree: its parent is not reported as a leaf without a max.
    let out = errors(&format!(
        "{HEAD}[[criterion]]\nid = \"1\"\ntitle = \"A\"\n[[criterion]]\nid = \"1.1\"\ntitle = \"B\"\nrule = \"deductoin\"\nper = 1\ncap = 2\n"
    ));
    assert!(out.contains("t.toml:10:8: unknown rule `deductoin`"), "{out}");
    assert_eq!(out.matches("t.toml:").count(), 1, "{out}");
}

#[test]
fn a_file_with_a_problem_on_every_line_lists_the_first_500() {
    let text = format!("{HEAD}{}", "x\r".repeat(20_000));
    let e = Scorecard::from_toml_str("t.toml", &text).unwrap_err();
    assert_eq!(e.diagnostics.items.len(), crate::core::toml_in::MAX_DIAGNOSTICS + 1);
    let out = e.diagnostics.render();
    assert!(out.starts_with("t.toml: "), "{}", &out[..200]);
    assert!(out.lines().next().unwrap().ends_with("more problems in this file are not shown"), "{}", &out[..200]);
}

#[test]
fn a_large_broken_file_reports_its_first_syntax_error_only() {
    let text = format!("{HEAD}{}", "x\n".repeat(1_000_000));
    let e = Scorecard::from_toml_str("t.toml", &text).unwrap_err();
    let out = e.diagnostics.render();
    assert_eq!(e.diagnostics.items.len(), 2, "{out}");
    assert!(out.contains("t.toml:4:2: TOML syntax: key with no value"), "{out}");
    assert!(out.contains("t.toml: the file is large (2 MB): only its first syntax error is reported"), "{out}");
    // A large valid file is read as usual.
    let text = format!("{HEAD}guidance = \"\"\"\n{}\"\"\"\n", "x\n".repeat(1_000_000));
    let out = errors(&text);
    assert!(out.contains("unknown key `guidance` in [scorecard]"), "{out}");
}

/// Issue 21: every manual leaf of the shipped scorecard states how it is scored (its levels),
/// and every other leaf's rule says it by itself; the amounts the Sở chose are marked so.
#[test]
fn every_manual_leaf_of_the_shipped_scorecard_states_its_scale() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scorecards/par-2020.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let sc = crate::core::store::read::load_scorecard(&path).unwrap();
    let mut manual = Vec::new();
    for i in sc.leaves() {
        let n = &sc.nodes[i];
        match &n.rule {
            Some(Rule::Manual) => {
                assert!(n.levels.len() >= 2, "{} has no stated scale", n.id);
                assert_eq!(n.levels[0].points, n.max, "{}: the top level is the max", n.id);
                assert_eq!(n.levels.last().unwrap().points, Decimal::ZERO, "{}: the bottom level is 0", n.id);
                assert!(n.levels.windows(2).all(|w| w[0].points > w[1].points), "{}", n.id);
                manual.push(n.id.clone());
            }
            _ => assert!(n.levels.is_empty(), "{}: levels on a non-manual leaf", n.id),
        }
        // No "deduct points if …" without an amount.
        let g = n.guidance.as_deref().unwrap_or("");
        assert!(!g.contains("trừ điểm nếu"), "{}: {g}", n.id);
    }
    assert_eq!(manual, ["3.4.3", "3.4.4", "4.1.2", "5.4.1", "6.4", "7.1.4", "7.1.5", "8.3.3"]);
    // The 15 leaves that had no scale: each now a choice or levels, marked as the Sở's choice.
    for id in ["1.5.5", "1.5.6", "1.6.2", "3.1.3", "3.4.3", "3.4.4", "4.1.2", "5.4.1", "6.1.2", "6.3.2", "6.4", "7.1.4", "7.1.5", "7.4", "8.3.3"] {
        let at = text.find(&format!("id = \"{id}\"\n")).unwrap();
        let block = &text[at..at + text[at..].find("\nguidance = ").unwrap()];
        assert!(block.contains("(Sở chọn"), "{id} is not marked as the Sở's choice");
        assert!(matches!(sc.node(id).unwrap().rule, Some(Rule::Manual | Rule::Choice(_))), "{id}");
    }
    // The basis: a reconstruction of the table issued with 173/KH; the later documents as the
    // year-end basis; the seed's own basis where communication is scored.
    assert_eq!(sc.issued_in.as_deref(), Some("173/KH-SKH&CN"));
    assert!(sc.reconstructed);
    let basis = sc.basis.as_deref().unwrap();
    for later in ["311/KH-SKH&CN ngày 25/3/2020", "180/KH-SKH&CN ngày 27/02/2020", "90/2020/NĐ-CP ngày 13/8/2020", "30/2020/NĐ-CP"] {
        assert!(basis.contains(later), "{later} not in the basis: {basis}");
    }
    assert!(sc.node("1.5").unwrap().guidance.as_deref().unwrap().contains("53/KH-UBND ngày 28/02/2020"));
    // The comments are Vietnamese: none of the English words of the old comments is left.
    for en in ["WHAT IS RECONSTRUCTED", " is a bonus", "deduction 5.4.3", "Each duty", "national rules"] {
        assert!(!text.contains(en), "English comment left: {en}");
    }
}

#[test]
fn levels_are_read_in_order_and_bind_the_points() {
    let sc = load(&format!(
        "{HEAD}[[criterion]]\nid = \"1\"\ntitle = \"A\"\n[[criterion]]\nid = \"1.1\"\ntitle = \"a\"\nmax = 1\nlevels = [\n  {{ points = 1, text = \"Đủ\" }},\n  {{ points = 0.5, text = \"Thiếu\" }},\n  {{ points = 0, text = \"Không\" }},\n]\n[[criterion]]\nid = \"1.2\"\ntitle = \"b\"\nmax = 1\nrule = \"manual\"\nlevels = [{{ points = 1, text = \"x\" }}, {{ points = 0, text = \"y\" }}]\n[[criterion]]\nid = \"1.3\"\ntitle = \"c\"\nmax = 1\n"
    ));
    let n = sc.node("1.1").unwrap();
    assert_eq!(n.rule, Some(Rule::Manual));
    let pts: Vec<Decimal> = n.levels.iter().map(|l| l.points).collect();
    assert_eq!(pts, [d("1"), d("0.5"), d("0")]);
    assert_eq!(n.levels[1].text, "Thiếu");
    assert_eq!(sc.node("1.2").unwrap().levels.len(), 2);
    assert!(sc.node("1.3").unwrap().levels.is_empty());
    // Entered points must be a level; a leaf without levels takes any step.
    use crate::core::answers::Input;
    use crate::core::rules::{InputError, validate};
    assert_eq!(validate(n, sc.step, &Input::Points(d("0.5")), false), Ok(()));
    assert_eq!(validate(n, sc.step, &Input::Points(d("0.75")), false), Err(InputError::NotALevel { levels: pts.clone() }));
    assert_eq!(validate(n, sc.step, &Input::Points(d("0.3")), false), Err(InputError::NotAStep { step: d("0.25") }));
    assert_eq!(validate(sc.node("1.3").unwrap(), sc.step, &Input::Points(d("0.75")), false), Ok(()));
    let m = crate::text::msg::sheet::SheetMsg::Input { id: "1.1".into(), err: InputError::NotALevel { levels: pts } };
    assert!(m.render(crate::text::Lang::Vi).contains("điểm là một trong các mức 1; 0,5; 0"), "{}", m.render(crate::text::Lang::Vi));
}

#[test]
fn bad_levels_are_reported_at_their_place() {
    let leaf = |id: &str, extra: &str| format!("[[criterion]]\nid = \"{id}\"\ntitle = \"x\"\nmax = 1\n{extra}\n");
    let text = format!(
        "{HEAD}[[criterion]]\nid = \"1\"\ntitle = \"A\"\n{}{}{}{}{}{}{}{}{}",
        leaf("1.1", "levels = [{ points = 1, text = \"a\" }]"),
        leaf("1.2", "levels = [{ points = 0, text = \"a\" }, { points = 1, text = \"b\" }]"),
        leaf("1.3", "levels = [{ points = 1, text = \"a\" }, { points = 1, text = \"b\" }]"),
        leaf("1.4", "levels = [{ points = 1, text = \"a\" }, { points = 0.3, text = \"b\" }]"),
        leaf("1.5", "levels = [{ points = 2, text = \"a\" }, { points = -1, text = \"b\" }]"),
        leaf("1.6", "levels = [{ points = 0.5, text = \"a\" }, { points = 0, text = \"b\" }]"),
        leaf("1.7", "levels = [{ points = 1, text = \" \" }, { points = 0, note = \"b\" }]"),
        leaf(
            "1.8",
            "rule = \"choice\"\noptions = [{ key = \"a\", label = \"A\", points = 1 }, { key = \"b\", label = \"B\", points = 0 }]\nlevels = [{ points = 1, text = \"a\" }, { points = 0, text = \"b\" }]"
        ),
        "[[criterion]]\nid = \"2\"\ntitle = \"G\"\nlevels = [{ points = 1, text = \"a\" }, { points = 0, text = \"b\" }]\n[[criterion]]\nid = \"2.1\"\ntitle = \"g\"\nmax = 1\n",
    );
    let out = errors(&text);
    for needle in [
        "t.toml:11:10: the scale (`levels`) of `1.1` needs at least 2 levels",
        "t.toml:16:50: the levels of `1.2` must be listed from the highest points to the lowest",
        "t.toml:21:50: two levels of `1.3` both give 1",
        "t.toml:26:50: level 0.3 of `1.4` is not a multiple of the step 0.25",
        "t.toml:31:22: 2 points is more than the max 1 of `1.5`",
        "t.toml:31:50: points in `1.5` cannot be negative",
        "t.toml:36:10: no level of `1.6` gives its max 1",
        "t.toml:41:32: a level of `1.7` has an empty `text`",
        "unknown key `note` in a level",
        "`levels` does not belong to a `choice` criterion (`1.8`)",
        "`2` has sub-criteria, so it is a group and takes no `levels`",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
    }
    // A level refused for its own reason does not also make the scale "too short".
    assert!(!out.contains("`levels`) of `1.7`"), "{out}");
}
