//! The demo's evidence as an official would expect it: each criterion cites the kind of
//! document its guidance asks for ("Tài liệu kiểm chứng: …": a plan for a plan, minutes for a
//! meeting, an invitation and minutes for a talk), dated plausibly in 2020, and the numbers of
//! one issuer and type rise with their dates. The department's real 2020 plans (the seed's
//! 44/KH, 78/KH, 173/KH, 180/KH, 311/KH-SKH&CN) are cited where they are what the unit
//! carried out; "not applicable" answers and their reasons follow what the unit is.

use rust_decimal::Decimal;

use super::Rng;
use crate::core::answers::{Evidence, Input};
use crate::core::date::Date;
use crate::core::scorecard::{Na, Node, Rule};

/// What a unit is, for "not applicable": whether it handles administrative procedures, has its
/// own budget, has a field of state management (legal work).
#[derive(Clone, Copy, Debug)]
pub struct Profile {
    pub procedures: bool,
    pub budget: bool,
    pub legal: bool,
}

impl Profile {
    /// The department's real units by id; generated units by position.
    pub fn of(id: &str, i: usize) -> Profile {
        match id {
            "vp" => Profile { procedures: false, budget: false, legal: false },
            "ttra" | "khtc" => Profile { procedures: false, budget: false, legal: true },
            "qlkh" | "qlcn" => Profile { procedures: true, budget: false, legal: true },
            "ccdl" => Profile { procedures: true, budget: true, legal: true },
            "ttud" | "tttk" => Profile { procedures: false, budget: true, legal: false },
            _ => Profile { procedures: !i.is_multiple_of(3), budget: !i.is_multiple_of(2), legal: !i.is_multiple_of(4) },
        }
    }
}

/// Whether a profile makes a leaf not applicable.
type Applies = fn(&Profile) -> bool;

/// Leaves a unit answers "not applicable" because of what it is, with the reason.
const EXCLUDED_BECAUSE: &[(&str, Applies, &str)] = &[
    ("3.", |p| !p.procedures, "Đơn vị không có thủ tục hành chính thuộc lĩnh vực phụ trách"),
    ("7.2.", |p| !p.procedures, "Đơn vị không có thủ tục hành chính nên không cung cấp dịch vụ công trực tuyến"),
    ("8.1.3", |p| !p.procedures, "Đơn vị không tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh"),
    ("6.", |p| !p.budget, "Phòng chuyên môn sử dụng chung dự toán của Sở, không có tài khoản, dự toán riêng"),
    ("2.", |p| !p.legal, "Đơn vị không có lĩnh vực quản lý nhà nước, không được giao chủ trì văn bản QPPL"),
];

/// Leaves that may simply not have arisen this year, with how often and the reason.
const FULL_WHEN: &[(&str, u64, &str)] = &[
    ("1.3.2", 30, "Qua kiểm tra không phát hiện tồn tại, hạn chế"),
    ("1.5.7", 15, "Trong năm Sở và tỉnh không tổ chức hội thi tìm hiểu về CCHC"),
    ("2.1.2", 25, "Trong năm đơn vị không nhận được đề nghị góp ý dự thảo văn bản QPPL"),
    ("3.3.2", 50, "Trong năm không phát sinh phản ánh, kiến nghị"),
    ("3.4.2", 60, "Không có hồ sơ giải quyết trễ hạn"),
    ("4.2.1", 70, "Đơn vị không thuộc diện sắp xếp tổ chức trong năm 2020"),
    ("4.2.2", 60, "Đơn vị không có chỉ tiêu tinh giản biên chế năm 2020"),
    ("7.3.2", 40, "Trong năm không có thay đổi thủ tục, quy định liên quan đến quy trình ISO"),
];

/// "Not applicable" for this leaf and unit, with the reason, or `None`.
pub fn not_applicable(node: &Node, p: &Profile, rng: &mut Rng) -> Option<String> {
    match node.na? {
        Na::Excluded => EXCLUDED_BECAUSE.iter().find(|(prefix, applies, _)| node.id.starts_with(prefix) && applies(p)).map(|x| x.2.to_owned()),
        Na::Full => FULL_WHEN.iter().find(|x| x.0 == node.id).filter(|x| rng.chance(x.1)).map(|x| x.2.to_owned()),
    }
}

/// How a cited document is numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// NUMBER/TYPE-UNIT (Nghị định 30/2020).
    Typed(&'static str),
    /// NUMBER-TYPE/CB: a chi bộ document (Hướng dẫn 36-HD/VPTW).
    Party(&'static str),
    /// A list, a photo, a register: no number.
    Plain,
}

/// One document a unit cites, before numbering.
pub struct Doc {
    pub leaf: usize,
    form: Form,
    date: Option<Date>,
    title: String,
    /// A real document of the department (already numbered).
    fixed: Option<&'static str>,
    pub file: Option<String>,
}

/// The department's real 2020 documents (the seed), by the criterion whose duty they set.
const SEED_DOCS: &[(&str, &str, (u8, u8), &str)] = &[
    ("1.5.1", "311/KH-SKH&CN", (3, 25), "Kế hoạch tuyên truyền cải cách hành chính năm 2020 của Sở"),
    ("1.6.1", "173/KH-SKH&CN", (2, 25), "Kế hoạch phát động chuyên đề thi đua cải cách hành chính năm 2020"),
    ("1.6.2", "180/KH-SKH&CN", (2, 27), "Kế hoạch phát động thi đua chuyên đề “Ứng dụng công nghệ thông tin trong hoạt động của Sở”"),
    ("3.5", "78/KH-SKH&CN", (1, 30), "Kế hoạch kiểm soát thủ tục hành chính, cơ chế một cửa, một cửa liên thông năm 2020"),
];

/// News items a unit sent to Phòng QLCN&CN (criterion 1.5.3).
const NEWS: &[&str] = &[
    "Tin: Đơn vị triển khai Kế hoạch tuyên truyền cải cách hành chính năm 2020",
    "Bài: Ứng dụng chữ ký số trong xử lý văn bản tại đơn vị",
    "Tin: Hội nghị công chức, viên chức năm 2020",
    "Tin: Tọa đàm “Cải cách hành chính gắn với chuyển đổi số”",
    "Bài: Kết quả rà soát, đơn giản hóa thủ tục hành chính 6 tháng đầu năm",
    "Tin: Tuyên truyền xây dựng Chính quyền điện tử hướng tới Chính quyền số tỉnh Tiền Giang",
];

fn date(rng: &mut Rng, from: (u8, u8), to: (u8, u8)) -> Option<Date> {
    let (a, b) = (u64::from(from.0) * 31 + u64::from(from.1), u64::from(to.0) * 31 + u64::from(to.1));
    let k = a + rng.below(b.saturating_sub(a) + 1);
    let (m, d) = ((k / 31).clamp(1, 12) as u8, (k % 31).clamp(1, 28) as u8);
    Date::new(2020, m, d)
}

/// The kind of document a phrase of the guidance names, and when such documents are dated.
fn form_of(phrase: &str) -> (Form, (u8, u8), (u8, u8)) {
    let p = phrase.to_lowercase();
    let starts = |w: &str| p.starts_with(w);
    if starts("kế hoạch") {
        (Form::Typed("KH"), (1, 23), (3, 20))
    } else if starts("báo cáo") || starts("số, ngày") {
        (Form::Typed("BC"), (3, 15), (12, 10))
    } else if starts("biên bản") {
        (Form::Typed("BB"), (2, 10), (11, 30))
    } else if starts("quyết định") || starts("quy chế") {
        (Form::Typed("QĐ"), (2, 1), (10, 30))
    } else if starts("giấy mời") {
        (Form::Typed("GM"), (4, 1), (10, 20))
    } else if starts("tờ trình") {
        (Form::Typed("TTr"), (3, 1), (10, 30))
    } else if starts("phương án") {
        (Form::Typed("PA"), (3, 1), (9, 30))
    } else if starts("đề án") {
        (Form::Typed("ĐA"), (3, 1), (9, 30))
    } else if starts("thông báo") {
        (Form::Typed("TB"), (2, 1), (11, 30))
    } else if starts("nghị quyết") {
        (Form::Party("NQ"), (1, 10), (11, 30))
    } else {
        (Form::Plain, (2, 1), (12, 10))
    }
}

/// The words that begin a document's name in the guidance.
const DOC_WORDS: &[&str] = &[
    "kế hoạch",
    "báo cáo",
    "biên bản",
    "quyết định",
    "giấy",
    "tờ trình",
    "văn bản",
    "danh sách",
    "danh mục",
    "ảnh",
    "sổ",
    "thông báo",
    "nghị quyết",
    "phiếu",
    "bản",
    "đề án",
    "phương án",
    "quy chế",
    "xác nhận",
    "dữ liệu",
    "hồ sơ",
    "đường dẫn",
    "kết quả",
    "số, ngày",
];

/// The pieces of the guidance's "Tài liệu kiểm chứng: …", each a document asked for.
fn asked_for(node: &Node) -> Vec<String> {
    let g = node.guidance.as_deref().unwrap_or("");
    let Some((_, tail)) = g.split_once("Tài liệu kiểm chứng: ") else { return Vec::new() };
    let tail = tail.split(['.', ';']).next().unwrap_or("");
    // "(số, ký hiệu, ngày ban hành)" says what to write down, not another document.
    let mut depth = 0u32;
    let tail: String = tail
        .chars()
        .filter(|&c| {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => return depth == 0,
            }
            false
        })
        .collect();
    // "danh sách công chức, viên chức dự thi, giấy chứng nhận": a comma starts a new document
    // only where a document's name follows it.
    let mut out: Vec<String> = Vec::new();
    for piece in tail.split(" và ").flat_map(|x| x.split(" hoặc ")) {
        for part in piece.split(", ") {
            let part = part.trim();
            let names_a_document = DOC_WORDS.iter().any(|w| part.starts_with(w));
            match out.last_mut() {
                Some(last) if !names_a_document && !part.is_empty() => {
                    last.push_str(", ");
                    last.push_str(part);
                }
                _ if !part.is_empty() => out.push(part.to_owned()),
                _ => {}
            }
        }
    }
    out
}

/// A title from the guidance's phrase, completed from the criterion when the phrase is bare
/// ("kế hoạch" → "Kế hoạch thực hành tiết kiệm, chống lãng phí năm 2020").
fn title_for(phrase: &str, node: &Node) -> String {
    let mut t = phrase.to_owned();
    if t.starts_with("số, ngày") && node.title.starts_with("Báo cáo") {
        return node.title.clone();
    }
    if t.split_whitespace().count() <= 2 {
        let lower = node.title.to_lowercase();
        match lower.find(&t.to_lowercase()) {
            // Lowercasing keeps byte offsets for Vietnamese letters.
            Some(at) if node.title.is_char_boundary(at) => t = node.title[at..].to_owned(),
            _ => {
                // "Tờ trình về việc dự thảo …": the trích yếu of the criterion, without
                // "Tỷ lệ" and "Số" in front.
                let subject = ["Tỷ lệ ", "Số đợt ", "Số lần ", "Số "].iter().fold(node.title.as_str(), |t, p| t.strip_prefix(p).unwrap_or(t));
                let mut c = subject.chars();
                let subject = c.next().map_or(String::new(), |f| f.to_lowercase().collect::<String>() + c.as_str());
                t = format!("{t} về việc {subject}");
            }
        }
    }
    let mut c = t.chars();
    c.next().map_or(String::new(), |f| f.to_uppercase().collect::<String>() + c.as_str())
}

/// The documents a unit cites for one leaf it answered with `input`.
pub fn plan(leaf: usize, node: &Node, input: &Input, rng: &mut Rng) -> Vec<Doc> {
    let mut docs = Vec::new();
    let count = match (&node.rule, input) {
        (Some(Rule::Target(_)), Input::Value(v)) => (*v).min(Decimal::from(4)).trunc().try_into().unwrap_or(1u64),
        _ => 1,
    };
    if node.id == "1.5.3" {
        for k in 0..count as usize {
            let d = date(rng, (3 + 2 * k as u8, 1), (4 + 2 * k as u8, 28));
            docs.push(Doc { leaf, form: Form::Plain, date: d, title: NEWS[k % NEWS.len()].to_owned(), fixed: None, file: None });
        }
        return docs;
    }
    if node.id == "1.2" {
        // The quarterly, half-year and annual reports, each near its deadline.
        for (k, (m, d)) in [(3u8, 18u8), (6, 18), (9, 18), (12, 8)].into_iter().take(count as usize).enumerate() {
            let title =
                ["Báo cáo CCHC quý I năm 2020", "Báo cáo CCHC 6 tháng đầu năm 2020", "Báo cáo CCHC quý III năm 2020", "Báo cáo CCHC năm 2020"][k];
            docs.push(Doc { leaf, form: Form::Typed("BC"), date: Date::new(2020, m, d), title: title.into(), fixed: None, file: None });
        }
        return docs;
    }
    if let Some(&(_, reference, (m, d), title)) = SEED_DOCS.iter().find(|x| x.0 == node.id) {
        docs.push(Doc { leaf, form: Form::Plain, date: Date::new(2020, m, d), title: title.into(), fixed: Some(reference), file: None });
    }
    let pieces = asked_for(node);
    let Some(first) = pieces.first() else { return docs };
    let (form, from, to) = form_of(first);
    for _ in 0..count {
        docs.push(Doc { leaf, form, date: date(rng, from, to), title: title_for(first, node), fixed: None, file: None });
    }
    // A second document where the guidance asks for two and they go together (a talk's
    // invitation and its minutes), or now and then.
    if let Some(second) = pieces.get(1)
        && (node.id == "1.5.4" || rng.chance(35))
    {
        let (form2, ..) = form_of(second);
        if form2 != Form::Plain || rng.chance(50) {
            let after = docs.last().and_then(|x| x.date).map_or((6, 1), |x| (x.month, x.day.saturating_add(3).min(28)));
            docs.push(Doc { leaf, form: form2, date: date(rng, after, (after.0, 28)), title: title_for(second, node), fixed: None, file: None });
        }
    }
    docs
}

/// Numbers a unit's documents: per type, rising with their dates (ties in citing order).
pub fn number(mut docs: Vec<Doc>, code: &str, rng: &mut Rng) -> Vec<(usize, Evidence)> {
    docs.sort_by_key(|d| (d.date, d.leaf));
    let mut next: Vec<(Form, u64)> = Vec::new();
    docs.into_iter()
        .map(|d| {
            let reference = match (d.fixed, d.form) {
                (Some(r), _) => r.to_owned(),
                (None, Form::Plain) => String::new(),
                (None, form) => {
                    let n = match next.iter_mut().find(|x| x.0 == form) {
                        Some(x) => {
                            x.1 += 1 + rng.below(4);
                            x.1
                        }
                        None => {
                            let first = 1 + rng.below(6);
                            next.push((form, first));
                            first
                        }
                    };
                    match form {
                        Form::Typed(ty) => format!("{n:02}/{ty}-{code}"),
                        Form::Party(ty) => format!("{n:02}-{ty}/CB"),
                        Form::Plain => unreachable!("numbered above"),
                    }
                }
            };
            (d.leaf, Evidence { reference, date: d.date, title: d.title, file: d.file, attached: None })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::core::answers::{Input, SheetKind};
    use crate::demo::{DemoOptions, write};

    #[test]
    fn evidence_is_of_the_kind_asked_for_and_numbers_rise_with_dates() {
        let d = tempfile::tempdir().unwrap();
        let ws = write(d.path(), &DemoOptions { units: 12, seed: 2020 }).unwrap();
        let sc = &ws.scorecard;
        let (mut plans, mut talks, mut na) = (0, 0, 0);
        for u in &ws.units {
            let Some(sub) = ws.load_sheet(&u.id, SheetKind::Submission).unwrap() else { continue };
            // (symbol, date, number) of every numbered document of the unit.
            let mut numbered: Vec<(String, crate::core::date::Date, u32)> = Vec::new();
            for (&i, a) in &sub.answers {
                let id = sc.nodes[i].id.as_str();
                if a.input == Some(Input::Na(true)) {
                    na += 1;
                    assert!(!a.note.is_empty() && a.evidence.is_empty(), "{} {id}", u.id);
                }
                let kinds: Vec<&str> = a.evidence.iter().filter_map(|e| e.reference.split(['/', '-']).nth(1)).collect();
                if id == "1.1.1" && !a.evidence.is_empty() {
                    assert!(kinds.contains(&"KH"), "{} 1.1.1: {kinds:?}", u.id);
                    plans += 1;
                }
                if id == "1.5.4" && !a.evidence.is_empty() {
                    assert!(kinds.contains(&"GM") && kinds.contains(&"BB"), "{} 1.5.4: {kinds:?}", u.id);
                    talks += 1;
                }
                if id == "1.2" {
                    assert!(kinds.iter().all(|k| *k == "BC"), "{} 1.2: {kinds:?}", u.id);
                }
                for e in &a.evidence {
                    let (Some(date), Some((n, symbol))) = (e.date, e.reference.split_once('/')) else { continue };
                    assert_eq!(date.year, 2020, "{} {id}: {}", u.id, e.reference);
                    if e.reference.ends_with("SKH&CN") || symbol.contains(' ') {
                        continue;
                    }
                    let (n, symbol) = match n.split_once('-') {
                        Some((n, ty)) => (n, format!("{ty}/{symbol}")),
                        None => (n, symbol.to_owned()),
                    };
                    numbered.push((symbol, date, n.parse().unwrap()));
                }
            }
            numbered.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
            for w in numbered.windows(2) {
                if w[0].0 == w[1].0 && w[0].1 < w[1].1 {
                    assert!(w[0].2 < w[1].2, "{}: {:?} then {:?}", u.id, w[0], w[1]);
                }
            }
        }
        assert!(plans >= 5 && talks >= 2 && na >= 20, "plans {plans}, talks {talks}, na {na}");
        // Deterministic for a seed.
        let again = tempfile::tempdir().unwrap();
        write(again.path(), &DemoOptions { units: 12, seed: 2020 }).unwrap();
        for u in &ws.units {
            let p = format!("submissions/{}.toml", u.id);
            assert_eq!(std::fs::read(d.path().join(&p)).ok(), std::fs::read(again.path().join(&p)).ok(), "{p}");
        }
    }
}
