//! The objection stage in words (issue 21): refusals, what the commands say when done, and the
//! audit log's entries for withdraw, publish, object and answer.

use crate::core::store::audit::Entry;
use crate::text::Lang;
pub use parindex_core::say::objection::*;

crate::wording! {
    ObjectionMsg {
        BadStage { stage } =>
            "`stage = \"{stage}\"` không hợp lệ: chỉ nhận `provisional` (dự kiến) hoặc `final` (chính thức)",
            "`stage = \"{stage}\"` is not valid: `provisional` or `final`";
        WrongUnit { found, expected } =>
            "tệp ghi `unit = \"{found}\"` nhưng là tệp của đơn vị `{expected}`",
            "the file says `unit = \"{found}\"` but belongs to unit `{expected}`";
        NotALeaf { criterion } =>
            "`{criterion}` không phải là tiêu chí được chấm điểm trong bảng điểm (tiêu chí không có hoặc là nhóm tiêu chí)",
            "`{criterion}` is not a scored criterion of the scorecard (unknown, or a group)";
        Duplicate { criterion } =>
            "đơn vị đã có ý kiến giải trình về tiêu chí {criterion}; mỗi tiêu chí chỉ một ý kiến",
            "the unit has already objected to criterion {criterion}; one objection per criterion";
        NeedsReason =>
            "ý kiến giải trình phải có lý do (`reason`)",
            "an objection needs a reason (`reason`)";
        BadAnswer { answer } =>
            "`answer = \"{answer}\"` không hợp lệ: chỉ nhận `accepted` (chấp nhận) hoặc `rejected` (không chấp nhận)",
            "`answer = \"{answer}\"` is not valid: `accepted` or `rejected`";
        RejectNeedsReason =>
            "không chấp nhận ý kiến giải trình thì phải nêu lý do (`answer_reason`)",
            "a rejected objection needs a reason (`answer_reason`)";
        AlreadyFinal =>
            "kết quả đã được công bố chính thức: không còn nhận hoặc trả lời ý kiến giải trình",
            "the results are final: objections are closed";
        NotPublished =>
            "Văn phòng Sở chưa công bố kết quả dự kiến (`parindex publish --provisional --until NGÀY`)",
            "the Office has not published provisional results (`parindex publish --provisional --until DATE`)";
        Unanswered { count } =>
            "còn {count} ý kiến giải trình chưa được trả lời (`parindex answer`); công bố chính thức khi đã trả lời hết, hoặc thêm --force",
            "{count} objection(s) not answered yet (`parindex answer`); answer them, or add --force";
        PastDeadline { until } =>
            "đã hết hạn gửi ý kiến giải trình ({until})",
            "the objection deadline ({until}) has passed";
        NotAppraised { status } =>
            "kết quả của đơn vị đang ở trạng thái “{status}”: chỉ gửi ý kiến về kết quả đã thẩm định",
            "the unit is `{status}`: objections are to appraised results only";
        NoObjection { criterion } =>
            "đơn vị không có ý kiến giải trình về tiêu chí {criterion}",
            "the unit has no objection to criterion {criterion}";
        Answered { criterion } =>
            "ý kiến giải trình về tiêu chí {criterion} đã được trả lời",
            "the objection to criterion {criterion} is already answered";
        NoUnitFigure { criterion } =>
            "đơn vị không tự đánh giá tiêu chí {criterion}: chấp nhận thì phải ghi số điểm (--points)",
            "the unit entered nothing for criterion {criterion}: accept with --points";
        PointsNotForChoice { criterion } =>
            "tiêu chí {criterion} chấm theo phương án: chấp nhận mức đơn vị đã chọn (bỏ --points), hoặc sửa phần thẩm định",
            "criterion {criterion} is scored by option: accept the unit's option (no --points), or edit the appraisal";
        NotLogged =>
            "tệp không có trong nhật ký thay đổi: không phải do parindex ghi",
            "the file is not in the audit log: parindex did not write it";
        Changed { seq } =>
            "tệp đã bị sửa ngoài parindex sau lần ghi cuối trong nhật ký (mục {seq})",
            "the file was changed outside parindex after its last logged write (entry {seq})";
    }
}

crate::messages! {
    /// What the commands of the objection stage say when done.
    pub enum ObjDone {
        Withdrawn { name: String } =>
            "Đã rút lại bản tự đánh giá của đơn vị {name}: đơn vị sửa tiếp và nộp lại trước hạn.",
            "{name}: withdraw → Draft";
        Provisional { until: String, units: usize } =>
            "Đã công bố kết quả dự kiến của {units} đơn vị; các đơn vị gửi ý kiến giải trình đến hết ngày {until}.",
            "Provisional results of {units} unit(s) published; objections until {until}";
        Final { units: usize } =>
            "Đã công bố kết quả chính thức: {units} đơn vị được chốt kết quả.",
            "Final results published: {units} unit(s) made final";
        Objected { criterion: String, name: String } =>
            "Đã gửi ý kiến giải trình của đơn vị {name} về tiêu chí {criterion}.",
            "{name}: objection to {criterion} recorded";
        Accepted { criterion: String, name: String } =>
            "Đã chấp nhận ý kiến giải trình của đơn vị {name} về tiêu chí {criterion}; điểm thẩm định đã được sửa.",
            "{name}: objection to {criterion} accepted; the appraised figure changed";
        Rejected { criterion: String, name: String } =>
            "Đã trả lời không chấp nhận ý kiến giải trình của đơn vị {name} về tiêu chí {criterion}.",
            "{name}: objection to {criterion} rejected";
        Stage { until: String } =>
            "Kết quả dự kiến đã công bố; nhận ý kiến giải trình đến hết ngày {until}",
            "Provisional results published; objections until {until}";
        StageFinal =>
            "Kết quả chính thức đã công bố",
            "Final results published";
        OpenObjections { open: usize, total: usize } =>
            "Ý kiến giải trình: {open} chưa trả lời / {total}",
            "Objections: {open} open of {total}";
        Objection { criterion: String, reason: String } =>
            "Ý kiến giải trình về tiêu chí {criterion}: {reason}",
            "Objection to {criterion}: {reason}";
        AnswerAccepted =>
            "Trả lời: chấp nhận",
            "Answer: accepted";
        AnswerRejected { reason: String } =>
            "Trả lời: không chấp nhận ({reason})",
            "Answer: rejected ({reason})";
        AnswerPending =>
            "Chưa trả lời",
            "Not answered yet";
        LogWithdraw => "Rút lại bản tự đánh giá đã nộp", "Withdrew the submission";
        LogPublish { stage: String } => "Công bố kết quả {stage}", "Published the {stage} results";
        LogObject { criterion: String, reason: String } => "Ý kiến giải trình về tiêu chí {criterion}: {reason}", "Objected to {criterion}: {reason}";
        LogAnswer { criterion: String, answer: String } => "Trả lời ý kiến về tiêu chí {criterion}: {answer}", "Answered the objection to {criterion}: {answer}";
    }
}

/// The stage in words, for the log.
fn stage_word(stage: &str, lang: Lang) -> String {
    match (stage, lang) {
        ("provisional", Lang::Vi) => "dự kiến".into(),
        ("final", Lang::Vi) => "chính thức".into(),
        (s, _) => s.to_owned(),
    }
}

/// An audit entry of the objection stage in words; `None` for any other entry.
pub fn log_words(e: &Entry, lang: Lang) -> Option<String> {
    use crate::text::msg::Message;
    let new = || e.new.clone().unwrap_or_default();
    let crit = || e.criterion.clone().unwrap_or_default();
    let msg = match (e.action.as_str(), e.field.as_deref()) {
        ("withdraw", Some("status")) => ObjDone::LogWithdraw,
        ("publish", Some("stage")) => ObjDone::LogPublish { stage: stage_word(&new(), lang) },
        ("object", Some("reason")) => ObjDone::LogObject { criterion: crit(), reason: new() },
        ("answer", Some("answer")) => ObjDone::LogAnswer { criterion: crit(), answer: new() },
        _ => return None,
    };
    Some(msg.render(lang))
}
