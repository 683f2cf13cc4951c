//! The demo's news register (issue 12): the items each unit sent to Phòng QLCN&CN for the
//! department's portal, and that division's confirmations. Drawn from a random stream of
//! their own, so the rest of the demo stays as it was.

use rust_decimal::Decimal;

use super::Rng;
use crate::core::answers::{Input, Sheet, Status};
use crate::core::date::Date;
use crate::core::register::{self, Decision, Mark, NewsItem, Review, Reviewer};
use crate::core::scorecard::Scorecard;

/// Titles of reform news a unit of a Department of Science and Technology sends in a year.
const TITLES: &[&str] = &[
    "Triển khai Kế hoạch tuyên truyền cải cách hành chính năm 2020",
    "Hội nghị công chức, viên chức năm 2020 gắn với nhiệm vụ cải cách hành chính",
    "Ứng dụng chữ ký số trong gửi, nhận văn bản điện tử tại đơn vị",
    "Tọa đàm “Cải cách hành chính gắn với chuyển đổi số”",
    "Kết quả rà soát, đơn giản hóa thủ tục hành chính 6 tháng đầu năm 2020",
    "Tiếp nhận hồ sơ trực tuyến mức độ 3, 4 trên Cổng dịch vụ công của tỉnh",
    "Xây dựng Chính quyền điện tử hướng tới Chính quyền số tỉnh Tiền Giang",
    "Công khai thủ tục hành chính và hộp thư góp ý tại trụ sở đơn vị",
    "Áp dụng hệ thống quản lý chất lượng theo TCVN ISO 9001:2015",
    "Sơ kết công tác cải cách hành chính năm 2020",
];

/// The reviewer of the demo: Phòng QLCN&CN, acting through its head's account.
pub fn reviewer() -> Reviewer {
    Reviewer {
        id: "qlcn".into(), name: "Phòng Quản lý Công nghệ và Chuyên ngành".into(), users: vec!["an".into()], criteria: vec!["1.5.3".into()]
    }
}

/// Lists the items behind the unit's count on the register's leaf (dates rising through 2020,
/// links to the department's portal); the typed count gives way to the list.
pub fn fill(sub: &mut Sheet, sc: &Scorecard, unit: usize, seed: u64) {
    let Some(leaf) = register::news_leaf(sc) else { return };
    let Some(Input::Value(v)) = sub.input(leaf).cloned() else { return };
    let n: usize = v.trunc().try_into().unwrap_or(0).min(TITLES.len());
    if n == 0 {
        return;
    }
    let mut rng = Rng::new(seed ^ 0x6e65_7773 ^ (unit as u64).wrapping_mul(0x9e37_79b9));
    let start = rng.below(TITLES.len() as u64) as usize;
    let step = 300 / n as i64;
    let first = Date::new(2020, 2, 10).expect("a date").days_from_epoch();
    for k in 0..n {
        let day = first + k as i64 * step + rng.below(step.max(1) as u64 / 2) as i64;
        let date = Date::from_days(day);
        let title = TITLES[(start + k) % TITLES.len()].to_owned();
        let link =
            format!("https://sokhcn.tiengiang.gov.vn/tin-tuc/-/view/cchc-{}-{:02}{:02}-{}", sub.unit, date.month, date.day, 100 + rng.below(900));
        sub.news.push(NewsItem { title, date: Some(date), link: Some(link), file: None, sent_to: String::new() });
    }
    if let Some(a) = sub.answers.get_mut(&leaf) {
        a.input = Some(Input::Value(Decimal::from(n)));
    }
}

/// Phòng QLCN&CN's confirmations of a unit the Office has appraised: every item received, but
/// one in about a third of the units, sent twice or not about the reform.
pub fn review(sub: &Sheet, status: Status, unit: usize, seed: u64) -> Option<Review> {
    if sub.news.is_empty() || !matches!(status, Status::Appraised | Status::Final) {
        return None;
    }
    let mut rng = Rng::new(seed ^ 0x7265_7669_6577 ^ (unit as u64).wrapping_mul(0x85eb_ca6b));
    let reject = (unit % 3 == 2).then(|| rng.below(sub.news.len() as u64) as usize);
    let mut rv = Review::new(&sub.unit);
    for (k, it) in sub.news.iter().enumerate() {
        let d = it.date.map_or(0, |d| d.days_from_epoch()) + 1 + rng.below(3) as i64;
        let at = format!("{}T{:02}:{:02}:00+07:00", Date::from_days(d).iso(), 8 + rng.below(9), rng.below(60));
        let (decision, reason) = if reject == Some(k) {
            (Decision::Rejected, "Nội dung trùng với tin đã gửi trước, không đăng".to_owned())
        } else {
            (Decision::Confirmed, String::new())
        };
        rv.marks.push(Mark { key: it.key(), digest: Some(it.digest()), title: it.title.clone(), decision, reason, by: "an".into(), at });
    }
    Some(rv)
}
