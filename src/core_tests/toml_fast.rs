//! The fast reader against the full TOML parser: on every document the fast reader accepts,
//! both trees must be the same, and reading a sheet must give the same sheet and the same
//! diagnostics whichever way it goes.

#[allow(unused_imports)]
use crate::core::date::Date;
#[allow(unused_imports)]
use rust_decimal::Decimal;
use std::collections::BTreeMap;

use toml::de::DeTable;

use crate::core::answers::{Keep, Sheet, SheetKind};
use crate::core::diag::Source;
use crate::core::scorecard::Scorecard;
use crate::core::toml_fast::parse;
use crate::core::toml_in::{Kind, Table, Value};
use crate::demo::{self, DemoOptions, Rng};
#[allow(unused_imports)]
use crate::text::Render;

/// A tree reduced to what the readers can see: keys, kinds, texts.
#[derive(Debug, PartialEq)]
enum Plain {
    String(String),
    Integer(String, u32),
    Float(String),
    Boolean(bool),
    Datetime(String),
    Array(Vec<Plain>),
    Table(BTreeMap<String, Plain>),
}

fn plain_table<T: Table>(t: &T) -> Plain {
    Plain::Table(t.entries().map(|(k, _, v)| (k.to_owned(), plain(v))).collect())
}

fn plain<V: Value>(v: &V) -> Plain {
    match v.kind() {
        Kind::String(s) => Plain::String(s.to_owned()),
        Kind::Integer { text, radix } => Plain::Integer(text.to_owned(), radix),
        Kind::Float(t) => Plain::Float(t.to_owned()),
        Kind::Boolean(b) => Plain::Boolean(b),
        Kind::Datetime(d) => Plain::Datetime(format!("{d:?}")),
        Kind::Array(items) => Plain::Array(items.iter().map(plain).collect()),
        Kind::Table(t) => plain_table(t),
    }
}

/// Checks one document: when the fast reader accepts it, the full parser must accept it
/// without any error and build the same tree. Returns whether the fast reader accepted it.
fn same_tree(text: &str) -> bool {
    let Some(fast) = parse(text) else { return false };
    let (full, errors) = DeTable::parse_recoverable(text);
    assert!(errors.is_empty(), "the fast reader accepted what TOML rejects: {errors:?}\n---\n{text}");
    assert_eq!(plain_table(&fast), plain_table(full.get_ref()), "different trees for\n---\n{text}");
    true
}

fn scorecard() -> Scorecard {
    Scorecard::from_toml_str("scorecard.toml", demo::SCORECARD_2020).unwrap()
}

/// Checks one sheet: `parse_lenient` (fast reader first) and the full parser alone agree.
fn same_sheet(sc: &Scorecard, text: &str, kind: SheetKind, unit: &str) {
    let src = || Source::new("submissions/x.toml", text);
    let (a, da) = Sheet::parse_lenient(src(), sc, kind, unit);
    let (b, db) = Sheet::parse_lenient_full(src(), sc, kind, unit);
    assert_eq!(a, b, "different sheets for\n---\n{text}");
    assert_eq!(da.render(), db.render(), "different diagnostics for\n---\n{text}");
    // Keeping scores only: the same verdict and diagnostics, the same sheet without the text.
    let all = Sheet::parse(src(), sc, kind, unit);
    let scores = Sheet::parse_keeping(src(), sc, kind, unit, Keep::Scores);
    match (all, scores) {
        (Ok(mut all), Ok(scores)) => {
            for answer in all.answers.values_mut() {
                answer.note.clear();
                answer.comment.clear();
                answer.evidence.clear();
            }
            assert_eq!(all, scores, "different scores for\n---\n{text}");
        }
        (Err(e), Err(f)) => assert_eq!(e.diagnostics.render(), f.diagnostics.render(), "{text}"),
        (x, y) => panic!("one read failed, the other not: {:?} / {:?}\n---\n{text}", x.is_ok(), y.is_ok()),
    }
}

/// The sheets of a demo round: (unit, kind, text).
fn demo_sheets(units: usize) -> Vec<(String, SheetKind, String)> {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo::write(dir.path(), &DemoOptions { units, seed: 7 }).unwrap();
    let mut out = Vec::new();
    for u in &ws.units {
        for kind in [SheetKind::Submission, SheetKind::Appraisal] {
            if let Ok(text) = std::fs::read_to_string(ws.sheet_path(&u.id, kind)) {
                out.push((u.id.clone(), kind, text));
            }
        }
    }
    out
}

#[test]
fn every_demo_sheet_takes_the_fast_path_and_reads_the_same() {
    let sc = scorecard();
    let sheets = demo_sheets(40);
    assert!(sheets.len() > 40);
    for (unit, kind, text) in &sheets {
        assert!(same_tree(text), "a file parindex wrote was not read by the fast reader:\n{text}");
        same_sheet(&sc, text, *kind, unit);
    }
}

#[test]
fn accepts_the_subset() {
    for text in [
        "",
        "\n\n",
        "unit = \"vp\"",
        "unit = \"vp\"\nstatus = 'draft'\n",
        "a=1\nb =\t-2 \nc = 0\nd = -0\ne = 0.25\nf = -10.50\ng = true\nh = false\n",
        "a = \"\"\nb = ''\nc = \"tab\there\"\nd = 'C:\\path'\ne = \"Điểm — “quoted”\"\n",
        "[answers.\"1.1\"]\npoints = 3\n[answers.x-y_z]\n[answers.\"\"]\n",
        "unit = \"vp\"\n\n[answers.\"1.1\"]\nchoice = \"on_time\"\nevidence = [\n  { ref = \"44/KH\", date = 2020-01-22, title = \"T\" },\n]\n",
        "[answers.\"1.1\"]\nevidence = []\n",
        "[answers.\"1.1\"]\nevidence = [{}]\n",
        "[answers.\"1.1\"]\nevidence = [ { a = 1 } , {b=2.5,c='x'} ]\n",
        "[answers.\"1.1\"]\nevidence = [\n\n  {a = 2020-02-29}\n\n]",
        "a = 123456789012345678\n",
        "a = 2000-02-29\nb = 0001-01-01\nc = 9999-12-31\n",
        "a = \"it's\"\nb = 'say \"hi\"'\nc = 'back\\slash'\n",
        "signature = \"\"\"\n-----BEGIN SSH SIGNATURE-----\nU1NIU0lH+/=\n-----END SSH SIGNATURE-----\n\"\"\"\nb = 1\n",
        "s = \"\"\"\n\n\"\"\"",
    ] {
        assert!(same_tree(text), "expected the fast reader to accept\n---\n{text}");
    }
}

#[test]
fn gives_up_outside_the_subset() {
    for text in [
        "# a comment\n",
        "a = 1 # a comment\n",
        "a = 1\r\n",
        "a = \"esc\\\"aped\"\n",
        "a = \"\"\"multi\"\"\"\n",
        "a = '''multi'''\n",
        "s = \"\"\"\nAB\"\"\"\n",
        "s = \"\"\"\nAB\n\"\"\"\"\n",
        "s = \"\"\"\nA\"B\n\"\"\"\n",
        "s = \"\"\"\nA\\\nB\n\"\"\"\n",
        "s = \"\"\"\nAB\r\n\"\"\"\n",
        "s = \"\"\"\n\"\"\"",
        "a = \"ctrl\u{1}\"\n",
        "a = \"del\u{7f}\"\n",
        "a.b = 1\n",
        "\"a\" = 1\n",
        "a = 1\na = 2\n",
        "a = 1 b = 2\n",
        "a = +1\n",
        "a = 01\n",
        "a = 1_000\n",
        "a = 1e3\n",
        "a = 0x10\n",
        "a = 1.\n",
        "a = .5\n",
        "a = inf\n",
        "a = nan\n",
        "a = 1234567890123456789\n",
        "a = 2020-02-30\n",
        "a = 1900-02-29\n",
        "a = 2020-1-01\n",
        "a = 2020-01-1x\n",
        "a = 0000-01-01\n",
        "a = 2020-01-22T10:00:00\n",
        "a = 2020-01-22 10:00:00\n",
        "a = 10:00:00\n",
        "a = [1, 2]\n",
        "a = { b = 1 }\n",
        "a = truex\n",
        "[answers]\n",
        "[[answers]]\n",
        "[ answers.\"1.1\" ]\n",
        "[answers.\"1.1\"]\n[answers.\"1.1\"]\n",
        "[answers.a]\n[answers.\"a\"]\n",
        "[answers.a.b]\n",
        "[answers.'a']\n",
        "[other.a]\n",
        "answers = 1\n",
        "[answers.a]\nevidence = [{ a = 1, }]\n",
        "[answers.a]\nevidence = [{ a = 1,\n b = 2 }]\n",
        "[answers.a]\nevidence = [{ a = 1, a = 2 }]\n",
        "[answers.a]\nevidence = [{ a = [1] }]\n",
        "[answers.a]\nevidence = [{ a = 1 }, ,]\n",
        "[answers.a]\nevidence = [\n  { a = 1 }\n  # note\n]\n",
        "a = \"unterminated\n",
        "a =\n",
    ] {
        assert!(parse(text).is_none(), "expected the fast reader to give up on\n---\n{text}");
        // Whatever the full parser makes of it, reading it as a sheet must not differ.
        same_sheet(&scorecard(), text, SheetKind::Submission, "vp");
    }
}

#[test]
fn one_line_and_multi_line_fields_get_the_same_verdict_either_way() {
    let sc = scorecard();
    let head = "unit = \"vp\"\nstatus = \"draft\"\n\n";
    // Tabs are inside the fast reader's subset (it reads these itself); escaped CR and LF are not
    // (the full parser reads them). Either way: a tab, CR or LF in a one-line field (evidence
    // `ref`, `title`, `file`, a `choice`) is an error, in a note only a lone CR is.
    let mut accepted = 0;
    for (body, ok) in [
        ("[answers.\"6.4\"]\npoints = 1\nnote = \"a\tb\"\n", true),
        ("[answers.\"6.4\"]\npoints = 1\nnote = \"a\\r\\nb\\nc\"\n", true),
        ("[answers.\"6.4\"]\npoints = 1\nnote = \"a\\rb\"\n", false),
        ("[answers.\"6.4\"]\npoints = 1\nnote = '''a\r\nb'''\n", true),
        ("[answers.\"1.1.1\"]\nchoice = \"on_time\"\nevidence = [{ ref = \"44/KH\t\", title = \"T\" }]\n", false),
        ("[answers.\"1.1.1\"]\nchoice = \"on_time\"\nevidence = [{ ref = \"44/KH\", title = \"K\thoạch\" }]\n", false),
        ("[answers.\"1.1.1\"]\nchoice = \"on_time\"\nevidence = [{ ref = \"44/KH\", title = \"K\\nhoạch\" }]\n", false),
        ("[answers.\"1.1.1\"]\nchoice = \"on_time\"\nevidence = [{ ref = \"44/KH\", title = \"T\", file = \"a\tb.pdf\" }]\n", false),
        ("[answers.\"1.1.1\"]\nchoice = \"on_time\\r\"\n", false),
        ("[answers.\"1.1.1\"]\nchoice = \"on_time\"\nevidence = [{ ref = \"44/KH\", title = \"Kế hoạch\" }]\n", true),
    ] {
        let text = format!("{head}{body}");
        accepted += usize::from(parse(&text).is_some());
        same_sheet(&sc, &text, SheetKind::Submission, "vp");
        let r = Sheet::parse(Source::new("submissions/vp.toml", text.as_str()), &sc, SheetKind::Submission, "vp");
        assert_eq!(r.is_ok(), ok, "{text}\n{:?}", r.err().map(|e| e.diagnostics.render()));
        if let Ok(sheet) = r {
            assert!(sheet.answers.values().all(|a| !a.note.contains('\r')), "CR LF is read as LF");
        }
    }
    assert!(accepted >= 4, "the fast reader took {accepted} of these");
}

/// Pieces that trip parsers, spliced into real sheets.
const PIECES: &[&str] = &[
    "\"",
    "'",
    "\\",
    "\n",
    "\r",
    "\r\n",
    "\t",
    " ",
    "#",
    "=",
    "[",
    "]",
    "[[",
    "{",
    "}",
    ",",
    ".",
    "-",
    "+",
    "_",
    "e",
    "E",
    "0",
    "00",
    "1",
    "9",
    "T",
    ":",
    "Z",
    "\"\"\"",
    "'''",
    "true",
    "false",
    "inf",
    "nan",
    "0x1F",
    "1e3",
    "2020-02-29",
    "2021-02-29",
    "2020-13-01",
    "1979-05-27 07:32:00",
    "07:32:00",
    "\u{7f}",
    "\u{0}",
    "\u{1}",
    "é",
    "e\u{301}",
    "Đ",
    "\u{feff}",
    "[answers.\"1.1\"]\n",
    "[answers.\"1.1.1\"]\n",
    "answers = 1\n",
    "\nunit = \"vp\"\n",
    "\npoints = 1\n",
    "\nvalue = -1\n",
    "\nchoice = \"none\"\n",
    "\nevidence = [{ ref = \"x\" }]\n",
    "{ ref = \"1/KH\", title = \"t\" }",
    "\nnote = \"n\"\n",
    "\nstatus = \"final\"\n",
    "\nsignature = \"\"\"\nAB+/=\n-----\n\"\"\"\n",
    "\"\"\"\n",
    "a.b",
];

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut s = text.to_owned();
    for _ in 0..1 + rng.below(3) {
        let mut at = rng.below(s.len() as u64 + 1) as usize;
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        match rng.below(3) {
            0 => s.insert_str(at, PIECES[rng.below(PIECES.len() as u64) as usize]),
            1 => {
                let mut end = (at + 1 + rng.below(8) as usize).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                s.replace_range(at..end, "");
            }
            _ => {
                let mut end = (at + 1 + rng.below(4) as usize).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                s.replace_range(at..end, PIECES[rng.below(PIECES.len() as u64) as usize]);
            }
        }
    }
    s
}

#[test]
fn mutated_sheets_read_the_same_either_way() {
    let sc = scorecard();
    let sheets = demo_sheets(8);
    let mut rng = Rng::new(2020);
    let (mut accepted, mut total) = (0, 0);
    for round in 0..12_000 {
        let (unit, kind, text) = &sheets[round % sheets.len()];
        // A window of the file (a few answers), so that each case is small and fast.
        let lines: Vec<&str> = text.lines().collect();
        let from = rng.below(lines.len() as u64) as usize;
        let to = (from + 4 + rng.below(24) as usize).min(lines.len());
        let head = if rng.chance(50) { format!("unit = \"{unit}\"\n") } else { String::new() };
        let window = head + &lines[from..to].join("\n") + if rng.chance(80) { "\n" } else { "" };
        let text = mutate(&mut rng, &window);
        total += 1;
        if same_tree(&text) {
            accepted += 1;
        }
        same_sheet(&sc, &text, *kind, unit);
    }
    // Both outcomes must be well exercised.
    assert!(accepted > total / 10 && accepted < total * 9 / 10, "accepted {accepted} of {total}");
}

#[test]
fn strings_are_cut_at_the_right_byte_whatever_their_length() {
    // Around the eight-byte steps: the stop byte at every offset, after ASCII and non-ASCII text.
    for fill in ["a", "ệ", "\t"] {
        for n in 0..40 {
            let body = fill.repeat(n);
            for (q, stop) in [('"', "\\n"), ('"', "\u{1}"), ('"', "\u{7f}"), ('\'', "\u{1f}"), ('"', "'"), ('\'', "\""), ('\'', "\\")] {
                let good = format!("a = {q}{body}{q}\nb = 1\n");
                assert!(same_tree(&good), "{good:?}");
                let spoilt = format!("a = {q}{body}{stop}{body}{q}\n");
                let accepted = same_tree(&spoilt);
                assert_eq!(
                    accepted,
                    matches!(stop, "'" | "\"" | "\\") && !spoilt.contains(&format!("{q}{q}")) && (stop != "\\" || q == '\''),
                    "{spoilt:?}"
                );
            }
        }
    }
}

#[test]
fn a_signed_submission_takes_the_fast_path_and_reads_the_same() {
    let sc = scorecard();
    let (unit, _, text) = demo_sheets(8).into_iter().find(|(_, k, t)| *k == SheetKind::Submission && t.contains("seal = ")).unwrap();
    let mut sheet = Sheet::parse(Source::new("submissions/x.toml", &text), &sc, SheetKind::Submission, &unit).unwrap();
    let armor = "-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg4b03UT5PZdWh9nHc/vb6Hdq/AJ\nOwG0syCb/thS+sqSIl2/mn4YjDBw==\n-----END SSH SIGNATURE-----\n";
    sheet.signature = Some(armor.to_owned());
    let signed = sheet.to_toml(&sc, SheetKind::Submission);
    assert!(signed.contains("signature = \"\"\"\n-----BEGIN SSH SIGNATURE-----\n"), "{signed}");
    assert!(same_tree(&signed), "the fast reader gave up on a signed submission:\n{signed}");
    same_sheet(&sc, &signed, SheetKind::Submission, &unit);
    let back = Sheet::parse(Source::new("submissions/x.toml", &signed), &sc, SheetKind::Submission, &unit).unwrap();
    assert_eq!(back.signature.as_deref(), Some(armor));
}

#[test]
fn not_applicable_answers_take_the_fast_path() {
    let sc = scorecard();
    let sub = "unit = \"vp\"\nstatus = \"draft\"\n\n[answers.\"3.4.1\"]\nna = true\nnote = \"Phòng không có thủ tục hành chính\"\n\n[answers.\"3.3.2\"]\nna = true\nnote = \"Không phát sinh phản ánh, kiến nghị\"\n";
    assert!(same_tree(sub));
    same_sheet(&sc, sub, SheetKind::Submission, "vp");
    let (s, d) = Sheet::parse_lenient(Source::new("submissions/vp.toml", sub), &sc, SheetKind::Submission, "vp");
    assert!(d.items.is_empty(), "{}", d.render());
    assert_eq!(s.input(sc.node_index("3.4.1").unwrap()), Some(&crate::core::answers::Input::Na(true)));
    let appr = "unit = \"vp\"\n\n[answers.\"3.4.1\"]\nna = false\ncomment = \"Phòng có thủ tục thuộc lĩnh vực\"\n";
    assert!(same_tree(appr));
    same_sheet(&sc, appr, SheetKind::Appraisal, "vp");
}
