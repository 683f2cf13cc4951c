//! The built-in demo: a realistic, deterministic round on the shipped 2020 scorecard: units of
//! the Department with varied statuses, evidence with real-looking document numbers, some
//! appraisals, two groups. `--units N` scales it to any size for benchmarks.

use std::io;
use std::path::Path;

use rust_decimal::Decimal;

use crate::core::answers::{Answer, Evidence, Input, Sheet, SheetKind, Status};
use crate::core::date::Date;
use crate::core::fsutil;
use crate::core::rules::{InputKind, input_kind};
use crate::core::scorecard::{Rule, Scorecard};
use crate::core::store::dir::Dir;
use crate::core::workspace::{APPRAISALS, EVIDENCE, SUBMISSIONS, Unit, WORKSPACE_FILE, Workspace};

mod evidence;
mod news;

/// The shipped 2020 scorecard, compiled in so the demo works from any folder.
pub const SCORECARD_2020: &str = include_str!("../scorecards/par-2020.toml");

/// A marker file: a folder holding it may be overwritten by the next `demo`.
pub const MARKER: &str = ".parindex-demo";

/// SplitMix64: tiny, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }
    /// `true` with probability `p` percent.
    pub fn chance(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
}

/// The Department's real units (id, name, group, head's OS user, document code).
const UNITS: &[(&str, &str, &str, &str, &str)] = &[
    ("vp", "Văn phòng Sở", "Phòng chuyên môn", "lan", "VP"),
    ("ttra", "Thanh tra Sở", "Phòng chuyên môn", "hung", "TTr"),
    ("khtc", "Phòng Kế hoạch - Tài chính", "Phòng chuyên môn", "mai", "KHTC"),
    ("qlkh", "Phòng Quản lý Khoa học", "Phòng chuyên môn", "dung", "QLKH"),
    ("qlcn", "Phòng Quản lý Công nghệ và Chuyên ngành", "Phòng chuyên môn", "an", "QLCN"),
    ("ccdl", "Chi cục Tiêu chuẩn Đo lường Chất lượng", "Đơn vị trực thuộc", "bao", "CCTĐC"),
    ("ttud", "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ", "Đơn vị trực thuộc", "thu", "TTƯD"),
    ("tttk", "Trung tâm Thông tin và Thống kê khoa học và công nghệ", "Đơn vị trực thuộc", "em", "TTTK"),
];

/// Options for a demo round.
pub struct DemoOptions {
    pub units: usize,
    pub seed: u64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions { units: 8, seed: 2020 }
    }
}

/// The statuses the default demo shows, in unit order: every stage of the round appears.
const STATUS_CYCLE: &[Option<Status>] = &[
    Some(Status::Appraised),
    Some(Status::Submitted),
    Some(Status::Appraised),
    Some(Status::Draft),
    Some(Status::Final),
    Some(Status::Returned),
    Some(Status::Submitted),
    None,
];

/// Writes a demo workspace into `dir` (created if needed). Refuses a non-empty folder that is
/// not an earlier demo, so nothing of the user's is overwritten.
pub fn write(dir: &Path, opts: &DemoOptions) -> io::Result<Workspace> {
    if dir.exists() {
        let non_empty = std::fs::read_dir(dir)?.next().is_some();
        if non_empty && !dir.join(MARKER).exists() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} is not empty and is not a demo workspace; choose another folder", dir.display()),
            ));
        }
        // Clear an earlier demo's sheets so a smaller demo does not keep stale units.
        for sub in [SUBMISSIONS, APPRAISALS, crate::core::audit::AUDIT, crate::core::lock::LOCKS, crate::core::register::REVIEWS] {
            let _ = std::fs::remove_dir_all(dir.join(sub));
        }
    }
    fsutil::create_dir(dir)?;
    // The user's own folder, with the user's own rights; the round's modes.
    let store = std::sync::Arc::new(Dir::open_user_round(dir)?);
    for sub in [SUBMISSIONS, APPRAISALS, EVIDENCE] {
        store.sub(Path::new(sub), true)?;
    }
    store.write_atomic(Path::new(MARKER), b"written by `parindex demo`; safe to delete this folder\n")?;
    store.write_atomic(Path::new(".gitignore"), crate::core::workspace::GITIGNORE.as_bytes())?;
    store.write_atomic(Path::new("scorecard.toml"), SCORECARD_2020.as_bytes())?;
    let sc = Scorecard::from_toml_str("scorecard.toml", SCORECARD_2020).map_err(|e| io::Error::other(format!("built-in scorecard: {e}")))?;

    let units = make_units(opts.units);
    let ws = Workspace {
        dir: dir.to_path_buf(),
        title: "Chấm điểm chỉ số CCHC năm 2020 — Sở KH&CN Tiền Giang".into(),
        // The same seed writes the same round: two demos made with it are one round (a copy
        // on another machine), so a submission exported from one imports into the other.
        round_id: Some(format!("demo-2020-{}", opts.seed)),
        scorecard_file: "scorecard.toml".into(),
        // 30 days after the day the demo is made: draft and returned units are editable.
        deadline: Some(Date::from_days(crate::core::round::today().days_from_epoch() + 30)),
        office_users: vec!["tuoc".into()],
        single_user: true,
        units,
        scorecard: std::sync::Arc::new(sc),
        store,
        document: demo_document(opts.units),
        reviewers: vec![news::reviewer()],
        appraisers: Vec::new(),
        evidence_max_mb: None,
        people: Vec::new(),
        sync_every_minutes: None,
    };
    ws.store.write_atomic(Path::new(WORKSPACE_FILE), ws.to_toml().as_bytes())?;

    let code_of = |i: usize| UNITS.get(i).map_or("ĐV", |u| u.4);
    // A few evidence files exist, so the TUI can show present and missing files.
    ws.store.write_atomic(&Path::new(EVIDENCE).join("vp/kh-44.pdf"), b"%PDF-1.4\n% demo evidence: Ke hoach 44/KH-SKH&CN\n")?;

    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let n = ws.units.len();
    let chunk = n.div_ceil(threads).max(1);
    std::thread::scope(|s| -> io::Result<()> {
        let handles: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| {
                let ws = &ws;
                s.spawn(move || -> io::Result<()> {
                    for i in start..(start + chunk).min(n) {
                        let mut rng = Rng::new(opts.seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
                        let status = STATUS_CYCLE[i % STATUS_CYCLE.len()];
                        let Some(status) = status else { continue };
                        let (sub, appr) = make_sheets(ws, i, status, code_of(i), &mut rng);
                        ws.write_generated(&sub, SheetKind::Submission, "demo")?;
                        if let Some(rv) = news::review(&sub, status, i, 2020) {
                            ws.write_review_generated(&rv, "demo")?;
                        }
                        if let Some(a) = appr {
                            ws.write_generated(&a, SheetKind::Appraisal, "demo")?;
                        }
                    }
                    Ok(())
                })
            })
            .collect();
        for h in handles {
            h.join().map_err(|_| io::Error::other("demo writer thread panicked"))??;
        }
        Ok(())
    })?;
    for sub in [SUBMISSIONS, APPRAISALS, crate::core::audit::AUDIT, crate::core::register::REVIEWS] {
        if let Some(d) = ws.store.sub(Path::new(sub), false)? {
            d.sync()?;
        }
    }
    Ok(ws)
}

fn make_units(n: usize) -> Vec<Unit> {
    (0..n)
        .map(|i| match UNITS.get(i) {
            Some(&(id, name, group, head, _)) => {
                Unit { id: id.into(), name: name.into(), group: Some(group.into()), heads: vec![head.into()], keys: Vec::new() }
            }
            None => Unit {
                id: format!("dv{:05}", i + 1),
                name: format!("Đơn vị số {}", i + 1),
                group: Some(if i % 2 == 0 { "Phòng chuyên môn" } else { "Đơn vị trực thuộc" }.into()),
                heads: vec![format!("user{}", i + 1)],
                keys: Vec::new(),
            },
        })
        .collect()
}

/// A unit's submission (and the Office's appraisal when the status says it has one).
fn make_sheets(ws: &Workspace, unit: usize, status: Status, code: &str, rng: &mut Rng) -> (Sheet, Option<Sheet>) {
    let sc = &ws.scorecard;
    let id = &ws.units[unit].id;
    // Quality 55..=98 %: how well this unit did.
    let quality = 55 + rng.below(44);
    // A draft is partly filled in.
    let fill = if status == Status::Draft { 55 } else { 100 };
    let mut sub = Sheet::new(id);
    sub.status = status;
    // The round's deadline (15/12/2020) has passed: the Office has reopened the unit still at
    // work, so its head can go on entering scores in the demo.
    sub.reopened = status == Status::Draft;
    let profile = evidence::Profile::of(id, unit);
    let mut docs = Vec::new();
    for leaf in sc.leaves() {
        let node = &sc.nodes[leaf];
        let rule = node.rule.as_ref().expect("leaves have rules");
        if input_kind(rule) == InputKind::OfficeOnly || !rng.chance(fill) {
            continue;
        }
        let mut a = Answer::default();
        if let Some(reason) = evidence::not_applicable(node, &profile, rng) {
            a.input = Some(Input::Na(true));
            a.note = reason;
            sub.answers.insert(leaf, a);
            continue;
        }
        let input = on_scale(node, make_input(rule, node.max, sc.step, quality, rng));
        // A few claims without evidence or explanation, for the warnings to show.
        if rng.chance(4) {
            a.input = Some(input);
            sub.answers.insert(leaf, a);
            continue;
        }
        // Evidence of what was done: none for a claim that scores nothing.
        if rng.chance(90) && !crate::core::rules::points(node, &input).is_zero() {
            docs.extend(evidence::plan(leaf, node, &input, rng));
        }
        if rng.chance(20) {
            a.note = "Đơn vị đã thực hiện đầy đủ; hồ sơ lưu tại bộ phận văn thư.".into();
        }
        a.input = Some(input);
        sub.answers.insert(leaf, a);
    }
    for (leaf, e) in evidence::number(docs, code, rng) {
        sub.answer_mut(leaf).evidence.push(e);
    }
    news::fill(&mut sub, sc, unit, 2020);
    // The Office's plan 44/KH-SKH&CN is the Office's own work (with its file), and the seed
    // plan's header form "311 /KH-SKH&CN" (a stray space) is copied once, for check to offer
    // the fix.
    if unit == 0
        && let Some(a) = sc.node_index("1.1.1").and_then(|i| sub.answers.get_mut(&i)).filter(|a| !a.evidence.is_empty())
    {
        a.evidence[0] = Evidence {
            reference: "44/KH-SKH&CN".into(),
            date: Date::new(2020, 1, 22),
            title: "Kế hoạch thực hiện nhiệm vụ cải cách hành chính năm 2020".into(),
            file: Some("vp/kh-44.pdf".into()),
            attached: None,
        };
    }
    if unit == 1
        && let Some(e) =
            sc.node_index("1.5.1").and_then(|i| sub.answers.get_mut(&i)).and_then(|a| a.evidence.iter_mut().find(|e| e.reference == "311/KH-SKH&CN"))
    {
        e.reference = "311 /KH-SKH&CN".into();
    }
    if matches!(status, Status::Submitted | Status::Appraised | Status::Final | Status::Returned) {
        let at = format!("2020-12-{:02}T09:{:02}:00+07:00", 1 + rng.below(14), rng.below(60));
        ws.stamp(&mut sub, &at);
        sub.seal = Some(crate::core::seal::digest(&sub, sc));
    }
    let appraised = matches!(status, Status::Appraised | Status::Final | Status::Returned);
    if !appraised {
        return (sub, None);
    }
    let mut appr = Sheet::new(id);
    let done_share = if status == Status::Returned { 40 } else { 100 };
    for leaf in sc.leaves() {
        let node = &sc.nodes[leaf];
        let rule = node.rule.as_ref().expect("leaves have rules");
        if !rng.chance(done_share) {
            continue;
        }
        if sub.input(leaf) == Some(&Input::Na(true)) && node.na == Some(crate::core::scorecard::Na::Full) && status == Status::Returned {
            appr.answers.insert(
                leaf,
                Answer {
                    input: Some(Input::Na(false)),
                    comment: "Không chấp nhận “không phát sinh”: đề nghị đơn vị chấm điểm và gửi tài liệu kiểm chứng".into(),
                    ..Answer::default()
                },
            );
        } else if sub.input(leaf) == Some(&Input::Na(true)) {
            // The Office accepts the unit's "not applicable".
        } else if input_kind(rule) == InputKind::OfficeOnly {
            let pts = crate::core::num::round2(node.max * Decimal::from(70 + rng.below(30)) / Decimal::ONE_HUNDRED);
            appr.answers
                .insert(leaf, Answer { input: Some(Input::Points(pts)), comment: "Theo kết quả khảo sát xã hội học".into(), ..Answer::default() });
        } else if rng.chance(15) {
            // The Office adjusts: a lower input than the unit claimed.
            let input = on_scale(node, make_input(rule, node.max, ws.scorecard.step, quality.saturating_sub(30), rng));
            if Some(&input) != sub.input(leaf) {
                appr.answers.insert(
                    leaf,
                    Answer {
                        input: Some(input), comment: "Tài liệu kiểm chứng chưa đầy đủ, điều chỉnh điểm".into(), ..Answer::default()
                    },
                );
            }
        } else if status == Status::Returned && rng.chance(20) {
            appr.answers.insert(leaf, Answer { comment: "Đề nghị đơn vị bổ sung giải trình".into(), ..Answer::default() });
        }
    }
    (sub, Some(appr))
}

/// Manual points on the leaf's stated scale, if it has one: the highest level not above them.
fn on_scale(node: &crate::core::scorecard::Node, input: Input) -> Input {
    match input {
        Input::Points(p) if matches!(node.rule, Some(Rule::Manual)) && !node.levels.is_empty() => {
            let on = node.levels.iter().map(|l| l.points);
            Input::Points(on.clone().filter(|l| *l <= p).max().or_else(|| on.min()).unwrap_or(p))
        }
        other => other,
    }
}

/// An input for a rule, about `quality` percent good.
fn make_input(rule: &Rule, max: Decimal, step: Decimal, quality: u64, rng: &mut Rng) -> Input {
    let good = |rng: &mut Rng| rng.chance(quality);
    match rule {
        Rule::Manual | Rule::Bonus | Rule::Survey => {
            let steps = (max / step).trunc();
            let steps_u = u64::try_from(steps.mantissa()).unwrap_or(0) / 10u64.pow(steps.scale());
            let got = if matches!(rule, Rule::Bonus) {
                if rng.chance(30) { 1 + rng.below(steps_u.max(1)) } else { 0 }
            } else if good(rng) {
                steps_u
            } else {
                steps_u * (50 + rng.below(50)) / 100
            };
            Input::Points((step * Decimal::from(got)).min(max).normalize())
        }
        Rule::Choice(opts) => {
            let best = opts.iter().max_by_key(|o| o.points).expect("validated: ≥ 2 options");
            if good(rng) { Input::Choice(best.key.clone()) } else { Input::Choice(opts[rng.below(opts.len() as u64) as usize].key.clone()) }
        }
        Rule::Bands { .. } => {
            let planned = 10 + rng.below(30);
            let done = if good(rng) { planned } else { planned * (60 + rng.below(40)) / 100 };
            Input::Ratio { done: Decimal::from(done), planned: Decimal::from(planned) }
        }
        Rule::Target(t) => {
            let t = u64::try_from(t.trunc().mantissa()).unwrap_or(4).max(1);
            Input::Value(Decimal::from(if good(rng) { t + rng.below(3) } else { rng.below(t) }))
        }
        Rule::Deduction { .. } => Input::Value(Decimal::from(if rng.chance(100 - quality) { 1 + rng.below(3) } else { 0 })),
    }
}

/// The demo's units' heads as their reports sign: title and (made-up) name, by unit id.
const HEADS: &[(&str, &str, &str)] = &[
    ("vp", "CHÁNH VĂN PHÒNG", "Nguyễn Thị Lan"),
    ("ttra", "CHÁNH THANH TRA", "Lê Văn Hùng"),
    ("khtc", "TRƯỞNG PHÒNG", "Trần Thị Mai"),
    ("qlkh", "TRƯỞNG PHÒNG", "Phạm Văn Dũng"),
    ("qlcn", "TRƯỞNG PHÒNG", "Võ Văn An"),
    ("ccdl", "CHI CỤC TRƯỞNG", "Huỳnh Quốc Bảo"),
    ("ttud", "GIÁM ĐỐC", "Đặng Thị Thu"),
    ("tttk", "GIÁM ĐỐC", "Ngô Văn Em"),
];

/// The demo's settings: Sở Khoa học và Công nghệ tỉnh Tiền Giang, its ký hiệu, the plan that
/// launched the round, the signer; each of its first `n` units' ký hiệu, head and name.
fn demo_document(n: usize) -> crate::core::document::Document {
    let units = UNITS
        .iter()
        .take(n)
        .zip(HEADS)
        .map(|(u, h)| {
            let d = crate::core::document::UnitDocument {
                head_title: Some(h.1.into()),
                signer: Some(h.2.into()),
                number: None,
                symbol: Some(u.4.into()),
            };
            (u.0.to_owned(), d)
        })
        .collect();
    crate::core::document::Document {
        parent_body: Some("UBND TỈNH TIỀN GIANG".into()),
        issuing_body: Some("SỞ KHOA HỌC VÀ CÔNG NGHỆ".into()),
        place: Some("Tiền Giang".into()),
        signer_name: Some("Trần Văn Tước".into()),
        signer_title: Some("PHÓ GIÁM ĐỐC".into()),
        signer_authority: Some("KT. GIÁM ĐỐC".into()),
        number_office: None,
        symbol: Some("SKH&CN".into()),
        plan: Some("Kế hoạch số 173/KH-SKH&CN ngày 25/02/2020 của Sở Khoa học và Công nghệ".into()),
        // An example, as the paper says: the number and date are made up, not the Sở's charter.
        charter: Some(
            "Quyết định số 99/2016/QĐ-UBND ngày 01/7/2016 (ví dụ) của Ủy ban nhân dân tỉnh Tiền Giang quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Khoa học và Công nghệ"
                .into(),
        ),
        recipients: vec!["Ban Giám đốc Sở".into(), "Các phòng, đơn vị trực thuộc Sở".into(), "Cổng thông tin điện tử Sở".into()],
        units,
    }
}
