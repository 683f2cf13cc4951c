#[allow(unused_imports)]
use crate::core::date::Date;
#[allow(unused_imports)]
use crate::core::say::register::RegisterMsg;
#[allow(unused_imports)]
use crate::core::scorecard::Scorecard;
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::core::answers::{Input, Sheet, SheetKind};
use crate::core::diag::Source;
use crate::core::register::*;
use crate::core::tally;
#[allow(unused_imports)]
use crate::text::Render;
#[allow(unused_imports)]
use crate::text::msg::Message;

const CARD: &str = r#"
[scorecard]
id = "t"
title = "t"
year = 2020

[[criterion]]
id = "1"
title = "Chỉ đạo"

[[criterion]]
id = "1.1"
title = "Tin, bài"
max = 1.5
rule = "target"
target = 4
register = "news"

[[criterion]]
id = "1.2"
title = "Kế hoạch"
max = 1
"#;

fn card() -> Scorecard {
    Scorecard::from_toml_str("s.toml", CARD).unwrap()
}

fn sheet(text: &str) -> (Sheet, crate::core::diag::Diagnostics) {
    Sheet::parse_lenient(Source::new("vp.toml", text), &card(), SheetKind::Submission, "vp")
}

const ITEMS: &str = r#"unit = "vp"
status = "draft"

[[news]]
title = "Triển khai kế hoạch tuyên truyền CCHC"
date = 2020-03-02
link = "https://sokhcn.tiengiang.gov.vn/tin/1"

[[news]]
title = "Hội nghị công chức, viên chức"
date = 2020-05-10
file = "vp/tin-2.pdf"
sent_to = "Phòng QLCN&CN"
"#;

#[test]
fn the_count_comes_from_the_list_and_round_trips_with_the_seal_covering_it() {
    let sc = card();
    let (s, d) = sheet(ITEMS);
    assert!(d.items.is_empty(), "{}", d.render());
    let leaf = news_leaf(&sc).unwrap();
    assert_eq!(s.news.len(), 2);
    assert_eq!(s.input(leaf), Some(&Input::Value(Decimal::from(2))));
    let text = s.to_toml(&sc, SheetKind::Submission);
    assert!(!text.contains("value ="), "the count is not written as a typed value:\n{text}");
    assert!(s.answers_toml(&sc).contains("news = ["), "what a seal digests holds the register");
    let (again, d) = sheet(&text);
    assert!(d.items.is_empty(), "{}", d.render());
    assert_eq!(again, s);
    let mut edited = s.clone();
    edited.news[1].link = Some("https://x.vn/2".into());
    assert_ne!(crate::core::seal::digest(&edited, &sc), crate::core::seal::digest(&s, &sc));
}

#[test]
fn a_typed_count_beside_the_list_is_an_error_at_its_place() {
    let text = format!("{ITEMS}\n[answers.\"1.1\"]\nvalue = 5\n");
    let (_, d) = sheet(&text);
    let out = d.render();
    assert!(d.has_errors(), "{out}");
    assert!(out.contains("vp.toml:15:") && out.contains("comes from the `[[news]]` list"), "{out}");
    // Without a list a typed count still stands (rounds from before the register).
    let (s, d) = sheet("unit = \"vp\"\n[answers.\"1.1\"]\nvalue = 3\n");
    assert!(!d.has_errors(), "{}", d.render());
    assert_eq!(s.input(1), Some(&Input::Value(Decimal::from(3))));
}

#[test]
fn bad_items_are_refused_and_doubtful_ones_warned() {
    let text = r#"unit = "vp"

[[news]]
title = "A"
date = 2019-12-30
link = "ftp://x"

[[news]]
date = 2020-01-02

[[news]]
title = "B"
date = 2020-02-02

[[news]]
title = "B"
date = 2020-02-02
link = "https://a.vn/b"

[[news]]
title = "C\u0007"
date = 2020-02-03
link = "https://a.vn/c"
"#;
    let (s, d) = sheet(text);
    let out = d.render();
    assert!(out.contains("vp.toml:6:") && out.contains("not a web address"), "{out}");
    assert!(out.contains("outside the round's year 2020"), "{out}");
    assert!(out.contains("needs a `title`"), "{out}");
    assert!(out.contains("neither `link` nor `file`"), "{out}");
    assert!(out.contains("repeats item 2"), "{out}");
    assert!(out.contains("vp.toml:21:"), "a control byte is refused where it is:\n{out}");
    assert!(d.has_errors());
    assert!(s.news.iter().all(|i| !i.title.contains('\u{7}')));
}

#[test]
fn the_register_key_is_checked_in_the_scorecard() {
    let bad = CARD.replace("register = \"news\"", "register = \"photos\"");
    let e = Scorecard::from_toml_str("s.toml", &bad).unwrap_err().diagnostics.render();
    assert!(e.contains("s.toml:17:") && e.contains("unknown register `photos`"), "{e}");
    let manual = CARD.replace("rule = \"target\"\ntarget = 4\n", "");
    let e = Scorecard::from_toml_str("s.toml", &manual).unwrap_err().diagnostics.render();
    assert!(e.contains("`rule = \"target\"`"), "{e}");
    let twice = format!("{CARD}\n[[criterion]]\nid = \"1.3\"\ntitle = \"x\"\nmax = 1\nrule = \"target\"\ntarget = 2\nregister = \"news\"\n");
    let e = Scorecard::from_toml_str("s.toml", &twice).unwrap_err().diagnostics.render();
    assert!(e.contains("already counted by `1.1`"), "{e}");
    let group = CARD.replacen("title = \"Chỉ đạo\"", "title = \"Chỉ đạo\"\nregister = \"news\"", 1);
    let e = Scorecard::from_toml_str("s.toml", &group).unwrap_err().diagnostics.render();
    assert!(e.contains("is a group and takes no `register`"), "{e}");
    // The shipped scorecard counts 1.5.3 from the register.
    let shipped = Scorecard::from_toml_str("par-2020.toml", crate::demo::SCORECARD_2020).unwrap();
    assert_eq!(news_leaf(&shipped).map(|i| shipped.nodes[i].id.as_str()), Some("1.5.3"));
}

#[test]
fn confirmations_match_by_date_and_title_and_an_edit_unconfirms() {
    let (s, _) = sheet(ITEMS);
    let mut rv = Review::new("vp");
    let mark = |it: &NewsItem, decision| Mark {
        key: it.key(),
        digest: Some(it.digest()),
        title: it.title.clone(),
        decision,
        reason: "trùng".into(),
        by: "an".into(),
        at: "t".into(),
    };
    assert_eq!(count(&s.news, Some(&rv)), Counts { claimed: 2, ..Counts::default() });
    assert_eq!(appraised_default(&count(&s.news, Some(&rv))), None, "nothing reviewed: the unit's count stands");
    rv.set(mark(&s.news[0], Decision::Confirmed));
    let c = count(&s.news, Some(&rv));
    assert_eq!((c.confirmed, c.pending(), c.reviewed), (1, 1, true));
    assert_eq!(appraised_default(&c), Some(Input::Value(Decimal::ONE)));
    rv.set(mark(&s.news[1], Decision::Rejected));
    assert_eq!(count(&s.news, Some(&rv)).rejected, 1);
    // The file round-trips.
    let back = Review::parse(Source::new("reviews/vp.toml", rv.to_toml()), "vp").unwrap();
    assert_eq!(back, rv);
    // A decision binds the exact item: one more space, another case, the title, the date,
    // the link all make it undecided again (issue 18).
    let mut items = s.news.clone();
    items[0].title = format!("  {}  ", items[0].title.replace(' ', "  "));
    assert_eq!(count(&items, Some(&rv)).confirmed, 0, "a spacing variant is another item");
    let mut items = s.news.clone();
    items[0].title = items[0].title.to_uppercase();
    assert_eq!(count(&items, Some(&rv)).confirmed, 0, "a case variant is another item");
    let mut items = s.news.clone();
    items[0].link = Some("https://a.vn/khac".into());
    assert_eq!(count(&items, Some(&rv)).confirmed, 0, "an edited link is no longer confirmed");
    let mut items = s.news.clone();
    items[0].title.push_str(" (sửa)");
    assert_eq!(count(&items, Some(&rv)).confirmed, 0, "an edited title is no longer confirmed");
    let mut items = s.news.clone();
    items[0].date = Date::new(2020, 3, 3);
    assert_eq!(count(&items, Some(&rv)).confirmed, 0, "an edited date is no longer confirmed");
    // A rejection without its reason, an unknown status, another unit's file.
    let e = Review::parse(Source::new("r.toml", "unit = \"vp\"\n[[item]]\nkey = \"ab\"\nstatus = \"rejected\"\n"), "vp").unwrap_err();
    assert!(e.diagnostics.render().contains("needs its `reason`"));
    let e = Review::parse(Source::new("r.toml", "unit = \"ql\"\n"), "vp").unwrap_err();
    assert!(e.diagnostics.render().contains("r.toml:1:"));
}

/// Issue 18: a decision binds one exact item; legacy decisions bind only an item whose key is
/// unique; a new decision supersedes the legacy one; copies are found whatever their spacing,
/// case or Unicode form.
#[test]
fn a_decision_binds_one_exact_item_and_legacy_ones_a_unique_key() {
    let (s, _) = sheet(ITEMS);
    let it = s.news[0].clone();
    let mark = |digest: Option<String>| Mark {
        key: it.key(),
        digest,
        title: it.title.clone(),
        decision: Decision::Confirmed,
        reason: String::new(),
        by: "an".into(),
        at: "t".into(),
    };
    let mut rv = Review::new("vp");
    rv.set(mark(Some(it.digest())));
    // Exact copies: the decision counts once, for the first.
    let items = vec![it.clone(), it.clone(), it.clone()];
    assert_eq!(count(&items, Some(&rv)).confirmed, 1);
    assert_eq!(rv.bind(&items).iter().map(Option::is_some).collect::<Vec<_>>(), [true, false, false]);
    // A legacy decision: the one item with its key, and none when two items share it.
    let mut legacy = Review::new("vp");
    legacy.set(mark(None));
    assert_eq!(count(&s.news, Some(&legacy)).confirmed, 1);
    let mut spaced = it.clone();
    spaced.title = it.title.replace(' ', "  ");
    assert_eq!(spaced.key(), it.key());
    assert_eq!(count(&[it.clone(), spaced.clone()], Some(&legacy)).confirmed, 0);
    // Written and read back, the legacy decision stays legacy; a new decision supersedes it.
    let back = Review::parse(Source::new("reviews/vp.toml", legacy.to_toml()), "vp").unwrap();
    assert_eq!(back, legacy);
    legacy.set(mark(Some(it.digest())));
    assert_eq!(legacy.marks.len(), 1);
    assert_eq!(legacy.marks[0].digest, Some(it.digest()));
    // Sameness: spaces, case and Unicode form aside; the date counts.
    let mut upper = it.clone();
    upper.title = format!(" {} ", it.title.to_uppercase());
    let mut decomposed = it.clone();
    decomposed.title = unicode_normalization::UnicodeNormalization::nfd(it.title.as_str()).collect();
    for copy in [&spaced, &upper, &decomposed] {
        assert_eq!(repeats(&s.news, copy, None), Some(1), "{copy:?}");
        assert_eq!(repeats(&s.news, copy, Some(0)), None, "the item edited is left out");
    }
    let mut other_day = it.clone();
    other_day.date = Date::new(2020, 3, 3);
    assert_eq!(repeats(&s.news[..1], &other_day, None), None);
    assert_ne!(upper.digest(), it.digest());
}

#[test]
fn the_appraised_value_defaults_to_the_confirmed_items_and_the_office_still_decides() {
    let sc = card();
    let text = ITEMS.replace("status = \"draft\"", "status = \"submitted\"");
    let (sub, _) = sheet(&text);
    let leaf = news_leaf(&sc).unwrap();
    let mut appr = Sheet::new("vp");
    appr.register_default = Some((leaf, Input::Value(Decimal::ONE)));
    let fin = super::final_tally(&sc, Some(&sub), Some(&appr));
    let own = tally::self_tally(&sc, Some(&sub));
    // 2 of 4 claimed: 0.75; 1 of 4 confirmed: 0.375, rounded to 0.38.
    assert_eq!(own.nodes[leaf].total(), Decimal::new(75, 2));
    assert_eq!(fin.nodes[leaf].total(), Decimal::new(38, 2));
    // The Office's own entry wins, and only it is written.
    appr.answer_mut(leaf).input = Some(Input::Value(Decimal::from(2)));
    assert_eq!(super::final_tally(&sc, Some(&sub), Some(&appr)).nodes[leaf].total(), Decimal::new(75, 2));
    let mut plain = Sheet::new("vp");
    plain.register_default = Some((leaf, Input::Value(Decimal::ONE)));
    assert!(!plain.to_toml(&sc, SheetKind::Appraisal).contains("value"));
}

proptest! {
    /// However many items a unit lists and the reviewer confirms, the unit's value is the
    /// number listed, the default appraisal the number confirmed, and neither exceeds the other.
    #[test]
    fn claimed_is_the_list_and_confirmed_never_exceeds_it(n in 0usize..12, confirm in proptest::collection::vec(proptest::option::of(any::<bool>()), 12)) {
        let sc = card();
        let leaf = news_leaf(&sc).unwrap();
        let mut sub = Sheet::new("vp");
        for k in 0..n {
            sub.news.push(NewsItem { title: format!("Tin {k}"), date: Date::new(2020, 1 + (k % 12) as u8, 1), link: Some("https://a.vn".into()), ..NewsItem::default() });
        }
        sync(&mut sub, &sc);
        let mut rv = Review::new("vp");
        for (it, c) in sub.news.iter().zip(&confirm) {
            if let Some(ok) = c {
                let decision = if *ok { Decision::Confirmed } else { Decision::Rejected };
                rv.set(Mark { key: it.key(), digest: Some(it.digest()), title: it.title.clone(), decision, reason: "x".into(), by: "an".into(), at: "t".into() });
            }
        }
        let c = count(&sub.news, Some(&rv));
        prop_assert_eq!(c.claimed, n);
        prop_assert!(c.confirmed + c.rejected <= c.claimed);
        if n > 0 {
            prop_assert_eq!(sub.input(leaf), Some(&Input::Value(Decimal::from(n))));
        }
        let mut appr = Sheet::new("vp");
        appr.register_default = appraised_default(&c).map(|i| (leaf, i));
        let own = tally::self_tally(&sc, Some(&sub)).nodes[leaf].total();
        let fin = super::final_tally(&sc, Some(&sub), Some(&appr)).nodes[leaf].total();
        prop_assert!(fin <= own, "confirmed items never score more than claimed ones");
        let text = sub.to_toml(&sc, SheetKind::Submission);
        let (back, d) = Sheet::parse_lenient(Source::new("vp.toml", &text), &sc, SheetKind::Submission, "vp");
        prop_assert!(!d.has_errors(), "{}", d.render());
        prop_assert_eq!(back.news, sub.news);
    }
}

#[test]
fn an_item_typed_by_hand_follows_one_set_of_rules() {
    use crate::core::register::{ItemField as F, typed_item};
    let ok = typed_item("  Tin ve\u{0302}\u{0300} CCHC ", "25/3/2020", Some(" https://sokhcn.tiengiang.gov.vn/a "), None, " Phòng QLCN&CN ").unwrap();
    assert_eq!(ok.title, "Tin về CCHC", "trimmed and composed");
    assert_eq!(ok.date.unwrap().to_string(), "25/03/2020");
    assert_eq!(ok.link.as_deref(), Some("https://sokhcn.tiengiang.gov.vn/a"));
    assert_eq!(ok.sent_to, "Phòng QLCN&CN");
    let file = typed_item("Tin", "25/03/2020", None, Some("tin/a.pdf"), "").unwrap();
    assert_eq!(file.file.as_deref(), Some("tin/a.pdf"));
    let err = |t, d, l, f, s| typed_item(t, d, l, f, s).unwrap_err();
    assert_eq!(err(" ", "25/03/2020", Some("https://x.vn"), None, "").0, F::Title);
    assert_eq!(err("Tin", "", Some("https://x.vn"), None, "").0, F::Date);
    assert_eq!(err("Tin", "31/02/2020", Some("https://x.vn"), None, ""), (F::Date, RegisterMsg::TypedBadDate { date: "31/02/2020".into() }));
    assert_eq!(err("Tin", "25/03/2020", Some(" "), None, ""), (F::Place, RegisterMsg::TypedNoPlace));
    assert_eq!(err("Tin", "25/03/2020", Some("ftp://x.vn"), None, "").0, F::Place);
    assert_eq!(err("Tin", "25/03/2020", None, Some("../x.pdf"), "").0, F::Place);
    assert_eq!(err("Tin\u{1b}[2J", "25/03/2020", Some("https://x.vn"), None, ""), (F::Title, RegisterMsg::ControlChars));
    assert_eq!(err("Tin", "25/03/2020", Some("https://x.vn"), None, "a\tb"), (F::SentTo, RegisterMsg::ControlChars));
}
