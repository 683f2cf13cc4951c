//! What `attach`, `detach` and `narrative` say (issues 20 and 22).

crate::messages! {
    /// Attaching evidence files and writing the unit's narrative.
    pub enum AttachMsg {
        NeedCriterion =>
            "cần `--criterion MÃ` để đính kèm tệp vào một tiêu chí",
            "give `--criterion ID` to attach a file to a criterion";
        NoCriterion { id: String } =>
            "không có tiêu chí `{id}` trong bảng điểm",
            "the scorecard has no criterion `{id}`";
        IsGroup { id: String } =>
            "`{id}` là nhóm tiêu chí: hãy đính kèm vào một tiêu chí con",
            "`{id}` is a group: attach to one of its sub-criteria";
        NotEditable { why: String } =>
            "không đính kèm hoặc sửa được: {why}",
            "cannot attach or edit: {why}";
        SourceMissing { path: String } =>
            "không có tệp `{path}`",
            "there is no file `{path}`";
        SourceLink { path: String } =>
            "`{path}` là liên kết tượng trưng (symlink): hãy chỉ đến chính tệp đó",
            "`{path}` is a symbolic link: name the file itself";
        SourceNotFile { path: String } =>
            "`{path}` không phải là tệp thông thường",
            "`{path}` is not a regular file";
        SourceUnreadable { path: String, reason: String } =>
            "không đọc được `{path}`: {reason}",
            "cannot read `{path}`: {reason}";
        TooBig { name: String, size: String, max: String } =>
            "tệp `{name}` dung lượng {size}, vượt giới hạn {max} mỗi tệp (Văn phòng có thể đổi `evidence_max_mb` trong workspace.toml)",
            "`{name}` is {size}, over the limit of {max} a file (the Office may change `evidence_max_mb` in workspace.toml)";
        SettingsChanged =>
            "Không đính kèm: cài đặt đợt đánh giá đã thay đổi; hãy mở lại bảng điều khiển để làm việc theo cài đặt mới",
            "Not attached: the round's settings changed; reopen the dashboard to work by the new settings";
        Empty { name: String } =>
            "tệp `{name}` trống (0 byte)",
            "`{name}` is empty (0 bytes)";
        WrongExtension { name: String, ext: String } =>
            "không nhận tệp `{name}` (đuôi `{ext}`): chỉ nhận PDF, ảnh (png, jpg, gif, tif, webp) và văn bản văn phòng (doc, docx, xls, xlsx, ppt, pptx, odt, ods, odp)",
            "`{name}` (extension `{ext}`) is not taken: only PDF, images (png, jpg, gif, tif, webp) and office documents (doc, docx, xls, xlsx, ppt, pptx, odt, ods, odp)";
        WrongContent { name: String, ext: String } =>
            "nội dung tệp `{name}` không phải tệp {ext} (đuôi tệp không khớp với nội dung)",
            "`{name}` does not hold a {ext} file (its extension does not match its content)";
        AlreadyAttached { name: String, id: String } =>
            "tệp `{name}` đã được đính kèm vào tiêu chí {id}",
            "`{name}` is already attached to criterion {id}";
        TooManyTitle =>
            "trích yếu quá dài",
            "the title is too long";
        Attached { name: String, id: String, file: String, size: String } =>
            "Đã đính kèm `{name}` vào tiêu chí {id}: evidence/{file} ({size})",
            "Attached `{name}` to criterion {id}: evidence/{file} ({size})";
        NoSuchAttachment { what: String, id: String } =>
            "tiêu chí {id} không có tệp đính kèm `{what}`",
            "criterion {id} has no attached file `{what}`";
        Detached { name: String, id: String } =>
            "Đã gỡ tệp `{name}` khỏi tiêu chí {id}",
            "Detached `{name}` from criterion {id}";
        DetachedKept { file: String } =>
            "tệp evidence/{file} được giữ lại vì còn được dẫn ở nơi khác",
            "evidence/{file} is kept: something else still names it";
        NoAttachments =>
            "Chưa có tệp đính kèm.",
            "No attached files.";
        BadSection { section: String } =>
            "không có phần `{section}`: chọn `ket-qua` (kết quả đạt được), `ton-tai` (tồn tại, hạn chế), `nguyen-nhan` (nguyên nhân) hoặc `kien-nghi` (kiến nghị)",
            "no section `{section}`: choose `ket-qua` (results), `ton-tai` (shortcomings), `nguyen-nhan` (causes) or `kien-nghi` (proposals)";
        NeedText =>
            "cần `--text VĂN_BẢN` hoặc `--file TỆP` cùng với `--section`",
            "give `--text TEXT` or `--file FILE` with `--section`";
        BadText { why: String } =>
            "nội dung không hợp lệ: {why}",
            "the text is not valid: {why}";
        NarrativeSaved { section: String } =>
            "Đã ghi phần “{section}” của báo cáo",
            "Saved the report's section “{section}”";
        Unchanged =>
            "Không có gì thay đổi.",
            "Nothing changed.";
        Limit { over: parindex_core::limits::Over } =>
            "{over}",
            "{over}";
        NoNarrative =>
            "(chưa viết)",
            "(not written)";
    }
}

/// A section's heading in the unit's report and on screens.
pub fn section_title(s: parindex_core::answers::Section, lang: crate::text::Lang) -> &'static str {
    use parindex_core::answers::Section as S;
    match (s, lang) {
        (S::KetQua, crate::text::Lang::Vi) => "Kết quả đạt được",
        (S::TonTai, crate::text::Lang::Vi) => "Tồn tại, hạn chế",
        (S::NguyenNhan, crate::text::Lang::Vi) => "Nguyên nhân",
        (S::KienNghi, crate::text::Lang::Vi) => "Kiến nghị, đề xuất",
        (S::KetQua, crate::text::Lang::En) => "Results achieved",
        (S::TonTai, crate::text::Lang::En) => "Shortcomings",
        (S::NguyenNhan, crate::text::Lang::En) => "Causes",
        (S::KienNghi, crate::text::Lang::En) => "Proposals",
    }
}
