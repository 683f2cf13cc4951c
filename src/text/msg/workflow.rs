//! The round's workflow in words (issue 11): refusals, roles, the edit lock, imports, the
//! confirmations of the moves, and the audit log's actions and changes.

use super::Show;
use crate::core::answers::Status;
use crate::text::Lang;
pub use parindex_core::say::workflow::*;

impl Show for St {
    fn show(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => lang.text().status(self.0).to_owned(),
            Lang::En => self.0.map_or("missing", Status::as_str).to_owned(),
        }
    }
}

impl Show for StList {
    fn show(&self, lang: Lang) -> String {
        let words: Vec<String> = self.0.iter().map(|s| St(Some(*s)).show(lang)).collect();
        match lang {
            Lang::Vi => words.iter().map(|w| format!("“{w}”")).collect::<Vec<_>>().join(" hoặc "),
            Lang::En => words.join(" or "),
        }
    }
}

impl Show for Names {
    fn show(&self, lang: Lang) -> String {
        match (self.0.is_empty(), lang) {
            (true, Lang::Vi) => "(chưa có ai)".into(),
            (true, Lang::En) => "(none)".into(),
            (false, _) => self.0.join(", "),
        }
    }
}

crate::wording! {
    WorkflowMsg {
        OfficeOnly =>
            "chỉ Văn phòng Sở mới làm được việc này", "only the Office may do this";
        HeadOnly =>
            "chỉ lãnh đạo đơn vị mới làm được việc này", "only a head of the unit may do this";
        WrongStatus { from, allowed } =>
            "đơn vị đang ở trạng thái “{from}”; việc này chỉ làm được khi đơn vị ở trạng thái {allowed}",
            "the unit is `{from}`; this is possible only from {allowed}";
        PastDeadline { deadline } =>
            "đã quá hạn tự đánh giá ({deadline}); đề nghị Văn phòng Sở mở lại cho đơn vị",
            "the deadline ({deadline}) has passed; ask the Office to reopen the unit";
        Locked { status } =>
            "bản tự đánh giá của đơn vị đang ở trạng thái “{status}”: chỉ xem được cho đến khi Văn phòng Sở trả lại hoặc mở lại",
            "the unit's work is `{status}`: read-only until the Office returns or reopens it";
        NotSubmitted { status } =>
            "đơn vị đang ở trạng thái “{status}”: chưa có bản nộp để thẩm định",
            "the unit is `{status}`: there is nothing submitted to appraise";
        Busy { user, since } =>
            "tệp đang được người dùng `{user}` chỉnh sửa từ {since}; hãy thử lại khi người đó đã đóng tệp",
            "being edited by {user} since {since}";
        NotOffice { user } =>
            "người dùng `{user}` không thuộc Văn phòng Sở (danh sách `[office] users` trong workspace.toml)",
            "user `{user}` is not in the Office ([office] users in workspace.toml)";
        NotHead { user, unit, name, heads } =>
            "người dùng `{user}` không phải lãnh đạo đơn vị `{unit}` ({name}); lãnh đạo của đơn vị: {heads}",
            "user `{user}` is not a head of unit `{unit}` ({name}); its heads are: {heads}";
        NotAppraiser { user } =>
            "người dùng `{user}` không thuộc Văn phòng Sở và không là thành viên bộ phận thẩm định nào (`[[appraiser]]` trong workspace.toml)",
            "user `{user}` is neither in the Office nor an appraiser ([[appraiser]] in workspace.toml)";
        NotYourPart { user, criterion, owner } =>
            "người dùng `{user}` không thẩm định tiêu chí `{criterion}`: tiêu chí này thuộc phần của {owner}",
            "user `{user}` does not appraise `{criterion}`: it belongs to {owner}";
        OfficePart { user, criterion } =>
            "người dùng `{user}` không thẩm định tiêu chí `{criterion}`: tiêu chí này không giao cho bộ phận nào, do Văn phòng Sở thẩm định",
            "user `{user}` does not appraise `{criterion}`: no appraiser is given it, the Office appraises it";
        PartsMissing { parts } =>
            "chưa thẩm định xong các phần: {parts}. Mỗi bộ phận thẩm định báo xong bằng `parindex appraise … --done`; Văn phòng Sở có thể dùng `--override` (ghi vào nhật ký)",
            "parts not done yet: {parts}. Each appraiser says so with `parindex appraise … --done`; the Office may use `--override` (logged)";
        ImportNotOffice { user } =>
            "người dùng `{user}` không thuộc Văn phòng Sở: chỉ Văn phòng Sở mới nhập bản nộp",
            "user `{user}` is not in the Office: only the Office imports submissions";
        ImportNoUnit =>
            "tệp không có dòng `unit = \"…\"`: đây có phải là bản nộp của một đơn vị không?",
            "the file has no `unit = \"…\"`: is it a submission?";
        ImportUnknownUnit { unit } =>
            "đợt đánh giá này không có đơn vị `{unit}`",
            "no unit `{unit}` in this round";
        ImportNoSeal =>
            "tệp chưa được niêm phong: đơn vị phải nộp trong đợt đánh giá của mình trước (`parindex submit`) rồi mới xuất tệp; không nhập",
            "the file has no seal: the unit must submit it in its own round first (`parindex submit`), then export it; refused";
        ImportWrongUnit { named, found } =>
            "tệp là bản nộp của đơn vị `{found}`, không phải của đơn vị `{named}` đã chỉ định (`--unit {named}`); không nhập",
            "the file is the submission of unit `{found}`, not of `{named}` named by --unit; refused";
        ImportLegacySeal =>
            "tệp được niêm phong kiểu cũ, không ghi đợt đánh giá và thời điểm nộp: không xác định được tệp thuộc đợt nào; đề nghị đơn vị nộp lại bằng parindex mới rồi xuất tệp; không nhập",
            "the file has a legacy seal that does not cover its round and time of submission; the unit must submit again with this parindex and export; refused";
        ImportOtherRound { found, round } =>
            "tệp được niêm phong trong đợt đánh giá `{found}`, không phải đợt này (`{round}`); không nhập",
            "the file was sealed in round `{found}`, not this one (`{round}`); refused";
        ImportNoTime =>
            "tệp không có thời điểm nộp hợp lệ (`submitted_at`); không nhập",
            "the file has no valid time of submission (`submitted_at`); refused";
        ImportOlder { file_at, current_at } =>
            "tệp được nộp lúc {file_at}, trước bản nộp hiện có của đơn vị (nộp lúc {current_at}): không thay bản mới bằng bản cũ; không nhập",
            "the file was submitted at {file_at}, before the unit's current submission ({current_at}): an older file never replaces a newer one; refused";
        ImportLate { at, deadline } =>
            "tệp được nộp lúc {at}, sau hạn tự đánh giá ({deadline}); chỉ nhập khi Văn phòng Sở chấp nhận nộp muộn (`--late`, được ghi vào nhật ký)",
            "the file was submitted at {at}, after the deadline ({deadline}); import it only with --late (logged)";
        Untrusted { reason } =>
            "không thể tin cậy bản nộp: {reason}",
            "the submission cannot be trusted: {reason}";
        UnsignedKeys =>
            "lãnh đạo đơn vị ký bản nộp bằng khóa SSH (khóa khai trong workspace.toml) nhưng bản nộp này không có chữ ký",
            "the unit's heads sign its submissions (keys in workspace.toml): this one carries no signature";
        Io { reason } =>
            "lỗi khi đọc hoặc ghi tệp: {reason}",
            "{reason}";
        AppraisalStarted =>
            "Văn phòng Sở đã bắt đầu thẩm định bản nộp: không rút lại được nữa; đề nghị Văn phòng Sở trả lại nếu cần sửa",
            "the Office has begun appraising the submission: it can no longer be withdrawn; ask the Office to return it";
    }
}

crate::messages! {
    /// What the CLI says after a move or an import.
    pub enum DoneMsg {
        Submitted { name: String } =>
            "Đã nộp bản tự đánh giá của đơn vị {name}. Bản nộp đã được niêm phong; đơn vị chỉ xem được cho đến khi Văn phòng Sở trả lại hoặc mở lại.",
            "{name}: submit → Submitted";
        Returned { name: String } =>
            "Đã trả lại bản tự đánh giá cho đơn vị {name} để giải trình, bổ sung.",
            "{name}: return → Returned";
        Appraised { name: String } =>
            "Đã thẩm định xong bản tự đánh giá của đơn vị {name}.",
            "{name}: mark-appraised → Appraised";
        Finalised { name: String } =>
            "Đã chốt kết quả chính thức của đơn vị {name}.",
            "{name}: finalise → Final";
        Reopened { name: String } =>
            "Đã mở lại đơn vị {name} để chỉnh sửa; hạn tự đánh giá không còn áp dụng với đơn vị này.",
            "{name}: reopen → Draft";
        Seal { seal: String } => "Mã niêm phong: {seal}", "{seal}";
        Imported { name: String, status: String, count: usize } =>
            "Đã nhập bản nộp của đơn vị {name} ({count} tiêu chí có trả lời); trạng thái: {status}.",
            "{name}: {status} ({count})";
    }
}

crate::messages! {
    /// The audit log in words (`parindex log`, table form).
    pub enum LogMsg {
        Submit => "Nộp bản tự đánh giá", "Submitted the self-assessment";
        Return => "Trả lại bản tự đánh giá để giải trình", "Returned the self-assessment for explanation";
        ReturnReason { reason: String } => "Trả lại: {reason}", "Returned: {reason}";
        MarkAppraised => "Xong thẩm định", "Marked appraised";
        Finalise => "Chốt kết quả chính thức", "Made the result final";
        Reopen => "Mở lại để chỉnh sửa", "Reopened for editing";
        Import => "Nhập bản nộp từ tệp", "Imported the submission from a file";
        ImportLate { at: String } =>
            "Nhập bản nộp muộn (nộp lúc {at}, sau hạn tự đánh giá; Văn phòng Sở chấp nhận, `--late`)",
            "Imported a late submission (submitted {at}, after the deadline; accepted with --late)";
        Seal { seal: String } => "Niêm phong bản nộp ({seal})", "Sealed the submission ({seal})";
        Undone { reason: String } => "Lưu không thành, đã hoàn tác: {reason}", "Save failed and was undone: {reason}";
        Demo => "Tạo dữ liệu mẫu", "Demo data written";
        NewsConfirmed { criterion: String, item: String } =>
            "Xác nhận tin, bài của tiêu chí {criterion}: {item}",
            "Confirmed a news item of criterion {criterion}: {item}";
        NewsRejected { criterion: String, item: String } =>
            "Không xác nhận tin, bài của tiêu chí {criterion}: {item}",
            "Rejected a news item of criterion {criterion}: {item}";
        Saved { what: String } => "Lưu {what}", "Saved the {what}";
        Change { action: String, criterion: String, field: String, old: String, new: String } =>
            "{action} {criterion}{field}: {old} → {new}",
            "{action} {criterion}{field}: {old} → {new}";
        /// A section of the unit's narrative (no criterion).
        SheetChange { action: String, field: String, old: String, new: String } =>
            "{action}{field}: {old} → {new}",
            "{action}{field}: {old} → {new}";
    }
}

/// The word for an audit action that changes criteria (`edit`, `appraise`, `import`).
pub fn action_word(action: &str, lang: Lang) -> Option<&'static str> {
    Some(match (action, lang) {
        ("edit", Lang::Vi) => "Tự đánh giá",
        ("edit", Lang::En) => "Self-assessment",
        ("appraise", Lang::Vi) => "Thẩm định",
        ("appraise", Lang::En) => "Appraisal",
        ("import", Lang::Vi) => "Nhập bản nộp",
        ("import", Lang::En) => "Import",
        ("demo", Lang::Vi) => "Dữ liệu mẫu",
        ("demo", Lang::En) => "Demo data",
        _ => return None,
    })
}

/// The word for a field of a criterion's answer (empty for the input itself).
pub fn field_word(field: &str, lang: Lang) -> Option<&'static str> {
    Some(match (field, lang) {
        ("input", _) => "",
        ("note", Lang::Vi) => ", giải trình",
        ("note", Lang::En) => ", note",
        ("evidence", Lang::Vi) => ", tài liệu kiểm chứng",
        ("evidence", Lang::En) => ", evidence",
        ("comment", Lang::Vi) => ", nhận xét",
        ("comment", Lang::En) => ", comment",
        ("question", Lang::Vi) => ", đề nghị giải trình",
        ("question", Lang::En) => ", question",
        ("reply", Lang::Vi) => ", giải trình",
        ("reply", Lang::En) => ", reply",
        ("news", Lang::Vi) => ", sổ tin, bài",
        ("news", Lang::En) => ", news register",
        // The unit's narrative (issue 22), sheet-wide.
        ("narrative.ket_qua", Lang::Vi) => ", báo cáo: kết quả đạt được",
        ("narrative.ket_qua", Lang::En) => ", report: results",
        ("narrative.ton_tai", Lang::Vi) => ", báo cáo: tồn tại, hạn chế",
        ("narrative.ton_tai", Lang::En) => ", report: shortcomings",
        ("narrative.nguyen_nhan", Lang::Vi) => ", báo cáo: nguyên nhân",
        ("narrative.nguyen_nhan", Lang::En) => ", report: causes",
        ("narrative.kien_nghi", Lang::Vi) => ", báo cáo: kiến nghị",
        ("narrative.kien_nghi", Lang::En) => ", report: proposals",
        _ => return None,
    })
}

/// `submission` / `appraisal` as what was saved.
pub fn file_word(file: &str, lang: Lang) -> &'static str {
    match (file, lang) {
        ("appraisal", Lang::Vi) => "kết quả thẩm định",
        ("appraisal", Lang::En) => "appraisal",
        ("council", Lang::Vi) => "tiến độ thẩm định theo phần",
        ("council", Lang::En) => "appraisal progress by part",
        (_, Lang::Vi) => "bản tự đánh giá",
        (_, Lang::En) => "self-assessment",
    }
}

/// Nothing (an empty field) in words.
pub fn empty_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "(trống)",
        Lang::En => "(empty)",
    }
}

/// Points, a unit word: "2 điểm" / "2 points"; "Không áp dụng" / "Not applicable".
pub fn points_word(n: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{n} điểm"),
        Lang::En => format!("{n} points"),
    }
}

pub fn na_word(na: bool, lang: Lang) -> &'static str {
    match (na, lang) {
        (true, Lang::Vi) => "Không áp dụng",
        (true, Lang::En) => "Not applicable",
        (false, Lang::Vi) => "Có áp dụng",
        (false, Lang::En) => "Applicable",
    }
}

crate::wording! {
    SignMsg {
        KeyRefused { kind, accepted } =>
            "không chấp nhận loại khóa `{kind}` (chỉ nhận: {accepted}; tạo khóa bằng `ssh-keygen -t ed25519`)",
            "key type `{kind}` is not accepted (accepted: {accepted}; make one with `ssh-keygen -t ed25519`)";
        NotAKey { why } =>
            "không phải một dòng khóa công khai OpenSSH ({why})",
            "not an OpenSSH public key line ({why})";
        NoSshKeygen { reason } =>
            "không chạy được ssh-keygen ({reason}); hãy cài OpenSSH (gói openssh-client)",
            "cannot run ssh-keygen ({reason}); install OpenSSH (openssh-client)";
        NoAgent =>
            "SSH agent chưa chạy (biến SSH_AUTH_SOCK chưa được đặt)",
            "no SSH agent is running (SSH_AUTH_SOCK is not set)";
        NoKeyFile { file } =>
            "không có tệp khóa {file}", "no key file {file}";
        NotAKeyFile { file } =>
            "{file} không phải là tệp khóa SSH (cần khóa bí mật, ví dụ ~/.ssh/id_ed25519, hoặc khóa công khai .pub khi khóa bí mật nằm trong SSH agent)",
            "{file} is not an SSH key file (give a private key, e.g. ~/.ssh/id_ed25519, or a .pub public key whose private half is in the SSH agent)";
        Failed { said } =>
            "ssh-keygen báo lỗi: {said}", "ssh-keygen: {said}";
        NotListed =>
            "khóa đã ký không phải là khóa của đơn vị khai trong workspace.toml",
            "the key that signed is not one of the unit's keys in workspace.toml";
        Io { reason } =>
            "lỗi đọc ghi: {reason}", "{reason}";
    }
}

/// A refused move, worded through its typed message.
impl super::Message for crate::core::workflow::Refusal {
    fn render(&self, lang: Lang) -> String {
        super::Message::render(&self.msg(), lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::workflow::{Actor, Refusal};
    use crate::text::msg::Message;

    #[test]
    fn every_refusal_reads_as_vietnamese_and_keeps_its_english() {
        let refusals = [
            Refusal::WrongRole { needs: Actor::Office },
            Refusal::WrongRole { needs: Actor::Head },
            Refusal::WrongStatus { from: Some(Status::Final), allowed: &[Status::Draft, Status::Returned] },
            Refusal::PastDeadline { deadline: crate::core::date::Date::from_days(18_000) },
            Refusal::Locked { status: Status::Submitted },
            Refusal::NotSubmitted { status: None },
            Refusal::AppraisalStarted,
        ];
        for r in &refusals {
            let vi = r.render(Lang::Vi);
            assert!(crate::text::english::english_lines(&vi).is_empty(), "{vi}");
        }
        assert_eq!(refusals[2].render(Lang::En), "the unit is `final`; this is possible only from draft or returned");
        assert_eq!(
            refusals[2].render(Lang::Vi),
            "đơn vị đang ở trạng thái “Chính thức”; việc này chỉ làm được khi đơn vị ở trạng thái “Đang tự đánh giá” hoặc “Trả lại”"
        );
        let busy = WorkflowMsg::Busy { user: "root".into(), since: "01/12/2020 08:00".into() };
        assert_eq!(busy.render(Lang::En), "being edited by root since 01/12/2020 08:00");
        assert!(crate::text::english::english_lines(&busy.render(Lang::Vi)).is_empty());
        let head = WorkflowMsg::NotHead { user: "lan".into(), unit: "vp".into(), name: "Văn phòng Sở".into(), heads: Names(vec![]) };
        assert_eq!(head.render(Lang::En), "user `lan` is not a head of unit `vp` (Văn phòng Sở); its heads are: (none)");
        assert!(head.render(Lang::Vi).ends_with("lãnh đạo của đơn vị: (chưa có ai)"));
    }
}
