//! The appraisal council (issue 21): what `appraise`, `mark-appraised` and `status` say about
//! the appraisers' parts.

use crate::messages;

messages! {
    /// The council's words on the command line.
    pub enum CouncilWord {
        Saved { criterion: String, name: String } =>
            "Đã lưu thẩm định tiêu chí {criterion} của đơn vị {name}.",
            "Saved the appraisal of {criterion} for {name}.";
        Unchanged => "Không có gì thay đổi.", "Nothing changed.";
        NeedWhat =>
            "cần --value GIÁ_TRỊ hoặc --comment NHẬN_XÉT (hoặc cả hai) cho tiêu chí",
            "give --value VALUE or --comment TEXT (or both) for the criterion";
        NotALeaf { criterion: String } =>
            "`{criterion}` là nhóm tiêu chí: thẩm định từng tiêu chí thành phần của nó",
            "`{criterion}` is a group: appraise each of its sub-criteria";
        UnknownCriterion { criterion: String } =>
            "tiêu chí `{criterion}` không có trong bảng điểm",
            "criterion `{criterion}` is not in the scorecard";
        BadValue { criterion: String, why: String } =>
            "giá trị cho `{criterion}` không hợp lệ: {why}",
            "the value for `{criterion}` is not valid: {why}";
        NoCouncil =>
            "workspace.toml không khai bộ phận thẩm định nào (`[[appraiser]]`): Văn phòng Sở thẩm định toàn bộ",
            "workspace.toml declares no appraiser ([[appraiser]]): the Office appraises everything";
        WhichPart { ids: String } =>
            "cần --part MÃ: phần của bộ phận thẩm định nào ({ids})",
            "give --part ID: which appraiser's part ({ids})";
        UnknownPart { id: String, ids: String } =>
            "không có bộ phận thẩm định `{id}` (có: {ids})",
            "there is no appraiser `{id}` (there are: {ids})";
        DidDone { part: String, name: String } =>
            "Đã ghi nhận phần của {part} thẩm định xong cho đơn vị {name}.",
            "{part}'s part of {name} is recorded as done.";
        DidReopen { part: String, name: String } =>
            "Đã mở lại phần của {part} cho đơn vị {name}: chưa thẩm định xong.",
            "{part}'s part of {name} is open again: not done.";
        Overridden { parts: String } =>
            "Văn phòng Sở ghi nhận thẩm định xong khi chưa đủ các phần ({parts}); đã ghi vào nhật ký.",
            "The Office marked it appraised without these parts ({parts}); logged.";
        PartsOf { done: usize, total: usize } =>
            "Thẩm định: {done}/{total} phần",
            "Appraisal: {done}/{total} parts";
        PartLine { id: String, name: String, scored: usize, leaves: usize, state: String } =>
            "  {id} ({name}): {scored}/{leaves} tiêu chí, {state}",
            "  {id} ({name}): {scored}/{leaves} criteria, {state}";
        PartDone => "đã xong", "done";
        PartOpen => "chưa xong", "not done";
        Heading => "Thẩm định theo phần (bộ phận thẩm định):", "Appraisal by part (appraisers):";
        Given { id: String, name: String, areas: String, users: String } =>
            "  {id} — {name}: {areas}; người thẩm định: {users}",
            "  {id} — {name}: {areas}; appraised by: {users}";
        AreaWord { id: String } => "lĩnh vực {id}", "area {id}";
        CriterionWord { id: String } => "tiêu chí {id}", "criterion {id}";
        ColPart => "Phần thẩm định", "Parts";
        NotYourPartHere { owner: String } =>
            "Chỉ xem: tiêu chí này thuộc phần của {owner}",
            "View only: this criterion belongs to {owner}";
        OfficePartHere =>
            "Chỉ xem: tiêu chí này không giao cho bộ phận nào, do Văn phòng Sở thẩm định",
            "View only: no appraiser is given this criterion, the Office appraises it";
        AppraiserOf { ids: String } =>
            "thẩm định (bộ phận {ids})",
            "appraises (appraiser {ids})";
    }
}
