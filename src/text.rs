//! Every interface string, in Vietnamese (the default) and English: one struct, two values,
//! so the compiler checks that both languages are complete. The CLI's tables and the TUI both
//! read from here; code, comments and file formats stay in English.

use crate::core::answers::Status;

/// The interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// `vi`/`en` (also `vi_VN`, `en-US`…); anything else is `None`.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("vi") {
            Some(Lang::Vi)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The decimal separator shown to people: `87,25` in Vietnamese, `87.25` in English.
    pub fn decimal_sep(self) -> char {
        match self {
            Lang::Vi => ',',
            Lang::En => '.',
        }
    }

    pub fn text(self) -> &'static Text {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

/// All labels of one language.
pub struct Text {
    // Ranking and score tables.
    pub rank: &'static str,
    pub unit: &'static str,
    pub unit_id: &'static str,
    pub group: &'static str,
    pub no_group: &'static str,
    pub status: &'static str,
    pub self_index: &'static str,
    pub final_index: &'static str,
    pub total: &'static str,
    pub index: &'static str,
    pub band: &'static str,
    pub progress: &'static str,
    pub criterion: &'static str,
    pub max: &'static str,
    pub self_points: &'static str,
    pub final_points: &'static str,
    pub ranking_title: &'static str,
    pub ranking_final: &'static str,
    pub ranking_provisional: &'static str,
    pub appraised_of: &'static str,
    pub scorecard: &'static str,
    pub points_unit: &'static str,
    // Statuses.
    pub st_missing: &'static str,
    pub st_draft: &'static str,
    pub st_submitted: &'static str,
    pub st_returned: &'static str,
    pub st_appraised: &'static str,
    pub st_final: &'static str,
    // Command messages.
    pub demo_written: &'static str,
    pub check_ok_scorecard: &'static str,
    pub check_ok_workspace: &'static str,
    pub check_problems: &'static str,
    pub init_done: &'static str,
}

impl Text {
    pub fn status(&self, s: Option<Status>) -> &'static str {
        match s {
            None => self.st_missing,
            Some(Status::Draft) => self.st_draft,
            Some(Status::Submitted) => self.st_submitted,
            Some(Status::Returned) => self.st_returned,
            Some(Status::Appraised) => self.st_appraised,
            Some(Status::Final) => self.st_final,
        }
    }
}

pub static VI: Text = Text {
    rank: "Hạng",
    unit: "Đơn vị",
    unit_id: "Mã",
    group: "Nhóm",
    no_group: "(không nhóm)",
    status: "Trạng thái",
    self_index: "Tự chấm (%)",
    final_index: "Chỉ số (%)",
    total: "Tổng điểm",
    index: "Chỉ số",
    band: "Xếp loại",
    progress: "Đã chấm",
    criterion: "Lĩnh vực / Tiêu chí",
    max: "Tối đa",
    self_points: "Tự chấm",
    final_points: "Điểm đạt",
    ranking_title: "Xếp hạng chỉ số cải cách hành chính",
    ranking_final: "Kết quả chính thức",
    ranking_provisional: "Kết quả tạm thời",
    appraised_of: "đơn vị đã thẩm định",
    scorecard: "Bảng điểm",
    points_unit: "điểm",
    st_missing: "Chưa nộp",
    st_draft: "Đang chấm",
    st_submitted: "Đã nộp",
    st_returned: "Trả lại",
    st_appraised: "Đã thẩm định",
    st_final: "Chính thức",
    demo_written: "Đã tạo bộ dữ liệu mẫu tại",
    check_ok_scorecard: "Bảng điểm hợp lệ",
    check_ok_workspace: "Bộ hồ sơ hợp lệ",
    check_problems: "lỗi",
    init_done: "Đã tạo đợt chấm điểm mới tại",
};

pub static EN: Text = Text {
    rank: "Rank",
    unit: "Unit",
    unit_id: "Id",
    group: "Group",
    no_group: "(no group)",
    status: "Status",
    self_index: "Self (%)",
    final_index: "Index (%)",
    total: "Total",
    index: "Index",
    band: "Band",
    progress: "Scored",
    criterion: "Area / criterion",
    max: "Max",
    self_points: "Self",
    final_points: "Final",
    ranking_title: "Administrative reform index ranking",
    ranking_final: "Final results",
    ranking_provisional: "Provisional results",
    appraised_of: "units appraised",
    scorecard: "Scorecard",
    points_unit: "points",
    st_missing: "Missing",
    st_draft: "Draft",
    st_submitted: "Submitted",
    st_returned: "Returned",
    st_appraised: "Appraised",
    st_final: "Final",
    demo_written: "Demo workspace written to",
    check_ok_scorecard: "Scorecard is valid",
    check_ok_workspace: "Workspace is valid",
    check_problems: "error(s)",
    init_done: "New round created in",
};
