//! The round's state changes as the dashboard makes them: the core's workflow (roles, status,
//! deadline, one editor per file, seals, audit log) with its refusals worded for the screen.

use crate::core::answers::Status;
use crate::core::round::ChangeError;
use crate::core::workflow::{ReadOnly, Refusal};
use crate::text::Render;
use crate::text::Text;
use crate::text::msg::Message;

use super::fmt::fill;

/// A workflow refusal in the interface language.
pub fn refusal_text(r: &Refusal, t: &Text) -> String {
    let st = |s: Option<Status>| t.status(s).to_owned();
    match r {
        Refusal::WrongRole { needs: crate::core::workflow::Actor::Office } => t.rf_office_only.to_owned(),
        Refusal::WrongRole { needs: crate::core::workflow::Actor::Head } => t.rf_head_only.to_owned(),
        Refusal::WrongStatus { from, .. } => fill(t.rf_wrong_status, &[&st(*from)]),
        Refusal::PastDeadline { deadline } => fill(t.rf_past_deadline, &[&deadline.to_string()]),
        Refusal::Locked { status } => fill(t.rf_locked, &[&st(Some(*status))]),
        Refusal::NotSubmitted { status } => fill(t.rf_not_submitted, &[&st(*status)]),
        Refusal::AppraisalStarted => r.msg().render(t.lang),
    }
}

/// Why a change was not made, in the interface language.
pub fn change_error_text(e: &ChangeError, t: &Text) -> String {
    match e {
        ChangeError::Refused(r) => refusal_text(r, t),
        ChangeError::Busy(h) => fill(t.msg_held_by, &[&h.user, &h.since_text()]),
        ChangeError::NotAllowed(m) => m.render(t.lang),
        ChangeError::Load(l) => l.diagnostics.render_in(t.lang).lines().next().unwrap_or_default().to_owned(),
        ChangeError::Io(io) => format!("{}: {}", t.err_save, crate::text::msg::Show::show(&crate::core::store::dir::io_reason_with_path(io), t.lang)),
        ChangeError::Integrity(i) => t.integrity_refusal(*i),
    }
}

/// Why the sheet is read-only, in the interface language: the header, the status line and every
/// refused edit say this.
pub fn read_only_text(r: &ReadOnly, t: &Text) -> String {
    match r {
        ReadOnly::NotYourUnit => t.msg_view_only.to_owned(),
        ReadOnly::NotPermitted => t.ro_not_office.to_owned(),
        ReadOnly::PastDeadline { deadline } => fill(t.rf_past_deadline, &[&deadline.to_string()]),
        ReadOnly::Submitted { status } => fill(t.rf_locked, &[t.status(Some(*status))]),
        ReadOnly::Final => t.msg_final_readonly.to_owned(),
        ReadOnly::NotSubmitted { status } => fill(t.rf_not_submitted, &[t.status(*status)]),
        ReadOnly::HeldBy { user, since } => fill(t.msg_held_by, &[user, &crate::text::human_unix(*since)]),
        ReadOnly::NoLock => t.ro_no_lock.to_owned(),
        ReadOnly::NotYourPart { owner } => {
            use crate::text::msg::Message;
            let w = crate::text::msg::council::CouncilWord::NotYourPartHere { owner: owner.clone().unwrap_or_default() };
            let w = if owner.is_some() { w } else { crate::text::msg::council::CouncilWord::OfficePartHere };
            w.render(t.lang)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::date::Date;
    use crate::text::Lang;

    #[test]
    fn each_read_only_reason_has_its_own_message() {
        let t = Lang::Vi.text();
        let cases = [
            (ReadOnly::NotYourUnit, "không phải lãnh đạo đơn vị này"),
            (ReadOnly::NotPermitted, "không thuộc Văn phòng Sở"),
            (ReadOnly::PastDeadline { deadline: Date::new(2020, 12, 15).unwrap() }, "Đã quá hạn tự đánh giá (15/12/2020)"),
            (ReadOnly::Submitted { status: Status::Submitted }, "Trạng thái “Đã nộp”"),
            (ReadOnly::Final, "chính thức"),
            (ReadOnly::NotSubmitted { status: None }, "chưa có bản nộp"),
            // 1608000000 is 15/12/2020 09:40 in Vietnam.
            (ReadOnly::HeldBy { user: "lan".into(), since: 1_608_000_000 }, "lan đang chỉnh sửa từ 15/12/2020 09:40"),
            (ReadOnly::NoLock, "Không ghi được"),
            (ReadOnly::NotYourPart { owner: Some("Phòng Kế hoạch - Tài chính".into()) }, "thuộc phần của Phòng Kế hoạch - Tài chính"),
            (ReadOnly::NotYourPart { owner: None }, "do Văn phòng Sở thẩm định"),
        ];
        let mut seen = Vec::new();
        for (r, says) in cases {
            let msg = read_only_text(&r, t);
            assert!(msg.contains(says), "{r:?}: {msg}");
            assert!(!seen.contains(&msg), "{r:?} shares its message");
            seen.push(msg);
        }
    }
}
