//! The Vietnamese labels of the exports, in one place. Exports are for the official audience
//! (the Office, the units, the portal), so they are always Vietnamese, whatever `--lang` says.

use crate::core::answers::Status;
use crate::core::integrity::Integrity;

pub const RANKING_TITLE: &str = "Xếp hạng chỉ số cải cách hành chính";
pub const ROUND: &str = "Đợt đánh giá";
pub const SCORECARD: &str = "Bảng điểm";
pub const ISSUED_IN: &str = "ban hành kèm theo";
/// A reconstructed scorecard (issue 21): what it was rebuilt from.
pub const RECONSTRUCTED_FROM: &str = "xây dựng lại theo bảng điểm ban hành kèm theo";
/// Documents issued after the scorecard that it follows at year end.
pub const BASIS: &str = "Căn cứ cuối năm";
/// Before a manual leaf's stated scale.
pub const SCALE: &str = "Cách tính điểm";
pub const ISSUED_BY: &str = "Cơ quan ban hành";
pub const EXPORT_DATE: &str = "Ngày xuất";
pub const RESULT: &str = "Kết quả";
pub const FINAL: &str = "Kết quả chính thức";
pub const PROVISIONAL: &str = "Kết quả tạm thời";
pub const APPRAISED_OF: &str = "đơn vị đã thẩm định";
pub const SCOPE: &str = "Phạm vi xếp hạng";
pub const SCOPE_ALL: &str = "Toàn bộ đơn vị";
pub const SCOPE_GROUP: &str = "Trong từng nhóm";

pub const RANK: &str = "Hạng";
pub const RANK_IN_GROUP: &str = "Hạng trong nhóm";
pub const UNIT_ID: &str = "Mã đơn vị";
pub const UNIT: &str = "Đơn vị";
pub const GROUP: &str = "Nhóm";
pub const NO_GROUP: &str = "(không nhóm)";
pub const STATUS: &str = "Trạng thái";
pub const SELF_TOTAL: &str = "Tự đánh giá (điểm)";
pub const SELF_INDEX: &str = "Tự đánh giá (%)";
pub const TOTAL: &str = "Điểm đạt";
pub const INDEX: &str = "Chỉ số (%)";
pub const BAND: &str = "Xếp loại";
pub const INTEGRITY: &str = "Toàn vẹn";
pub const INTEGRITY_NOTE: &str = "Lưu ý về tính toàn vẹn của bản tự đánh giá";
pub const AREA_INDEXES: &str = "Chỉ số thành phần theo lĩnh vực (%)";
pub const AREA: &str = "Lĩnh vực";
pub const AREA_NAME: &str = "Tên lĩnh vực";
pub const CHART: &str = "Biểu đồ chỉ số";

// The per-unit sheet (the official layout).
pub const COL_NO: &str = "STT";
pub const COL_CRITERION: &str = "Lĩnh vực/Tiêu chí";
pub const COL_MAX: &str = "Điểm tối đa";
pub const COL_SELF: &str = "Tự đánh giá";
pub const COL_APPRAISED: &str = "Điểm thẩm định";
pub const COL_FINAL: &str = "Điểm đạt";
pub const COL_INDEX: &str = "Chỉ số";
pub const COL_NOTES: &str = "Tài liệu kiểm chứng / Ghi chú";
pub const GRAND_TOTAL: &str = "Tổng cộng (có trọng số)";
pub const NOTE: &str = "Giải trình";
pub const COMMENT: &str = "Ý kiến thẩm định";
pub const DATED: &str = "ngày";
pub const SHEET_RANKING: &str = "Xếp hạng";
pub const PREPARED_BY: &str = "NGƯỜI LẬP BIỂU";

/// A unit's integrity as the Office writes it: the word, and for a unit that is not `ok`, why.
pub fn integrity(i: Integrity) -> String {
    let t = &crate::text::VI;
    if i.is_ok() { t.integrity_word(i).to_owned() } else { format!("{}: {}", t.integrity_word(i), t.integrity_reason(i)) }
}

/// The mark after a unit's name (`⚠` broken, `○` unsigned; nothing when ok).
pub fn integrity_mark(i: Integrity) -> &'static str {
    crate::text::VI.integrity_mark(i)
}

/// The footnote lines: one for each unit whose integrity is not ok (empty when all are).
pub fn integrity_notes<'a>(rows: impl IntoIterator<Item = &'a super::model::Row>) -> Vec<String> {
    rows.into_iter()
        .filter(|r| !r.integrity.is_ok())
        .map(|r| format!("{} {}: {}", integrity_mark(r.integrity), r.name, integrity(r.integrity)))
        .collect()
}

/// "Không đọc được": an unreadable unit's status (no figures, no rank).
pub fn status_unreadable() -> &'static str {
    crate::text::VI.integrity_unreadable
}

/// The heading of the list of units that could not be read.
pub const UNREADABLE_NOTE: &str = "Đơn vị không đọc được tệp (không xếp hạng, chưa có chỉ số)";

/// The footnote lines of the units that could not be read: `✗ Name: Không đọc được: file:line:col: …`.
pub fn unreadable_notes(report: &super::model::Report) -> Vec<String> {
    report.unreadable.iter().map(|u| format!("{} {}: {}", integrity_mark(Integrity::Unreadable), u.name, u.reason())).collect()
}

// Provisional indexes (survey points not yet given by the Office).
/// After a band: "Tốt (tạm tính)"; the interface's word.
pub fn provisional_band() -> &'static str {
    crate::text::VI.provisional
}
/// After a band computed from the self-assessment alone: "Khá (tự xếp loại)" (issue 21); the
/// interface's word.
pub fn self_band() -> &'static str {
    crate::text::VI.self_banded
}
/// The plain sum of a table's area rows (before the weighted total, when weights differ).
pub const SUM: &str = "Tổng cộng";

// Comparison with an earlier round (`--compare`).
pub const PREVIOUS_INDEX: &str = "Chỉ số năm trước (%)";
pub const PREVIOUS_RANK: &str = "Hạng năm trước";
pub const RANK_CHANGE: &str = "Thay đổi hạng";

// Not applicable (spec §5.1).
/// A leaf or area left out of a unit's maxima.
pub const NA: &str = "Không áp dụng";
/// Where a column has no room: "KAD" (không áp dụng).
pub const NA_SHORT: &str = "KAD";
/// A leaf scored its max because it did not arise.
pub const NA_FULL: &str = "Không phát sinh (đạt điểm tối đa)";
/// The Office refused the unit's "not applicable".
pub const NA_REFUSED: &str = "Văn phòng Sở không chấp nhận “không áp dụng”";
/// The legend under tables that use [`NA_SHORT`].
pub const NA_LEGEND: &str = "KAD: không áp dụng đối với đơn vị (không tính vào điểm tối đa)";

/// A workflow status as the Office writes it (`None`: no submission): the interface's Vietnamese
/// status words ([`crate::text::Text::status`]), so a status has one word everywhere.
pub fn status(s: Option<Status>) -> &'static str {
    crate::text::VI.status(s)
}

/// A manual leaf's stated scale in one line, "Cách tính điểm: 1,5 điểm – Không có…; 1 điểm – …",
/// or `None` when it states none (issue 21).
pub fn scale(node: &crate::core::scorecard::Node) -> Option<String> {
    if node.levels.is_empty() {
        return None;
    }
    let levels: Vec<String> = node.levels.iter().map(|lv| format!("{} điểm – {}", crate::core::num::fmt_short(lv.points, ','), lv.text)).collect();
    Some(format!("{SCALE}: {}", levels.join("; ")))
}

/// Before an attached file's name in the evidence column (issue 20).
pub const ATTACHED: &str = "tệp đính kèm";
/// The exports' list of attached files (issue 20).
pub const ATTACHMENTS: &str = "Tệp tài liệu kiểm chứng đính kèm";
