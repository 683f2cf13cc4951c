//! What the round's store says (issue 11): loading a workspace, `check`'s workspace warnings,
//! the audit chain, refused paths, and OS reasons in words.

use super::Show;
use crate::text::Lang;
pub use parindex_core::say::store::*;

/// An OS reason in words: the refusal, the common kinds, or the OS's own text.
fn words(r: &IoReason, lang: Lang) -> String {
    use std::io::ErrorKind::*;
    if let Some(r) = r.refused {
        return super::Message::render(&r, lang);
    }
    if let Some(b) = &r.busy {
        return b.as_ref().show(lang);
    }
    let w = match (r.kind, lang) {
        (NotFound, Lang::Vi) => "không có tệp hoặc thư mục này",
        (NotFound, Lang::En) => "no such file or folder",
        (PermissionDenied, Lang::Vi) => "không có quyền truy cập",
        (PermissionDenied, Lang::En) => "permission denied",
        (IsADirectory, Lang::Vi) => "đây là thư mục, không phải tệp",
        (IsADirectory, Lang::En) => "it is a folder, not a file",
        (StorageFull | QuotaExceeded, Lang::Vi) => "ổ đĩa đã đầy",
        (ReadOnlyFilesystem, Lang::Vi) => "ổ đĩa chỉ cho đọc",
        (AlreadyExists, Lang::Vi) => "đã có tệp hoặc thư mục này",
        (_, Lang::Vi) => return format!("lỗi của hệ điều hành ({})", r.os),
        (_, Lang::En) => return r.os.clone(),
    };
    w.to_owned()
}

/// An I/O error from the store in words: the file it names (if any) and why.
pub fn io_error(e: &std::io::Error, lang: Lang) -> String {
    parindex_store::dir::io_reason_with_path(e).show(lang)
}

impl Show for IoReason {
    fn show(&self, lang: Lang) -> String {
        match &self.path {
            Some(p) => format!("{p}: {}", words(self, lang)),
            None => words(self, lang),
        }
    }
}

impl Show for Busy {
    fn show(&self, lang: Lang) -> String {
        let what = match (self.lock, lang) {
            (BusyLock::AuditLog, Lang::Vi) => "nhật ký thay đổi của đơn vị",
            (BusyLock::AuditLog, Lang::En) => "the unit's audit log",
            (BusyLock::Review, Lang::Vi) => "tệp xác nhận tin bài của đơn vị",
            (BusyLock::Review, Lang::En) => "the unit's confirmations",
            (BusyLock::Objections, Lang::Vi) => "tệp ý kiến giải trình của đơn vị",
            (BusyLock::Objections, Lang::En) => "the unit's objections",
            (BusyLock::Publication, Lang::Vi) => "tệp công bố kết quả của đợt đánh giá",
            (BusyLock::Publication, Lang::En) => "the round's publication",
            (BusyLock::Appraisal, Lang::Vi) => "bản thẩm định của đơn vị",
            (BusyLock::Appraisal, Lang::En) => "the unit's appraisal",
            (BusyLock::Council, Lang::Vi) => "tiến độ thẩm định theo phần của đơn vị",
            (BusyLock::Council, Lang::En) => "the unit's appraisal progress by part",
        };
        let since = |vi: &str, en: &str| match (self.since.is_empty(), lang) {
            (true, _) => String::new(),
            (false, Lang::Vi) => format!(" {vi} {}", self.since),
            (false, Lang::En) => format!(" {en} {}", self.since),
        };
        let w = self.waited;
        match (self.pid, lang) {
            (0, Lang::Vi) => format!("{what} đang bị một tiến trình khác khóa; đã chờ {w} giây. Hãy thử lại sau."),
            (0, Lang::En) => format!("{what} is locked by another process; waited {w} seconds. Try again later."),
            (pid, Lang::Vi) => format!(
                "{what} đang bị `{}` (tiến trình {pid}) khóa{}; đã chờ {w} giây. Hãy thử lại sau, hoặc báo người đó kết thúc lệnh đang chạy.",
                self.user,
                since("từ", "since")
            ),
            (pid, Lang::En) => format!(
                "{what} is locked by `{}` (process {pid}){}; waited {w} seconds. Try again later, or ask them to end the command they are running.",
                self.user,
                since("từ", "since")
            ),
        }
    }
}

impl Show for SubmittedAt {
    fn show(&self, lang: Lang) -> String {
        match (&self.0, lang) {
            (None, _) => String::new(),
            (Some(t), Lang::Vi) => format!(" (nộp lúc {})", crate::text::human_time(t)),
            (Some(t), Lang::En) => format!(" (submitted {})", crate::text::human_time(t)),
        }
    }
}

impl Show for BrokenWhy {
    fn show(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => lang.text().integrity_reason(crate::core::integrity::Integrity::Broken(self.0)).to_owned(),
            Lang::En => self.0.as_str().to_owned(),
        }
    }
}

impl Show for Who {
    fn show(&self, lang: Lang) -> String {
        let at = crate::text::human_time(&self.at);
        match (lang, self.seq) {
            (Lang::Vi, Some(n)) => format!("mục {n} của nhật ký, thao tác `{}` của `{}` lúc {at}", self.action, self.user),
            (Lang::Vi, None) => format!("thao tác `{}` của `{}` lúc {at}", self.action, self.user),
            (Lang::En, Some(n)) => format!("audit entry {n}, {} by {} at {at}", self.action, self.user),
            (Lang::En, None) => format!("{} by {} at {at}", self.action, self.user),
        }
    }
}

impl Show for Nested {
    fn show(&self, lang: Lang) -> String {
        super::Message::render(&*self.0, lang)
    }
}

impl Show for Kind {
    fn show(&self, lang: Lang) -> String {
        kind_word(self.0, lang)
    }
}

crate::wording! {
    StoreMsg {
        NoWorkspaceFolder =>
            "không có thư mục đợt đánh giá này", "no such workspace folder";
        NotAFolder =>
            "không phải thư mục: hãy cho thư mục của đợt đánh giá", "is not a folder: give the round's folder";
        CannotOpenFolder { reason } =>
            "không mở được thư mục đợt đánh giá: {reason}", "cannot open the workspace folder: {reason}";
        NoWorkspaceFile =>
            "không đọc được tệp: không có tệp này (đây có phải thư mục của một đợt đánh giá không?)",
            "cannot read file: no such file or folder (is this a round's folder?)";
        CannotRead { reason } =>
            "không đọc được tệp: {reason}", "cannot read file: {reason}";
        ScorecardUnreadable { file } =>
            "không đọc được bảng điểm `{file}`", "the scorecard `{file}` cannot be read";
        SettingsChanged =>
            "cài đặt đợt đánh giá đã thay đổi; hãy mở lại bảng điều khiển để làm việc theo cài đặt mới (thay đổi chưa lưu vẫn được giữ trong bản phục hồi)",
            "the round's settings changed; reopen the dashboard to work by the new settings (the unsaved changes are kept in the recovery journal)";
        NoTitle =>
            "workspace.toml thiếu `title` (tên đợt đánh giá)", "workspace.toml has no `title`";
        ScorecardOutside =>
            "`scorecard` phải là một tệp nằm trong thư mục đợt đánh giá",
            "`scorecard` must be a file inside the workspace folder";
        BadSyncMinutes { max } =>
            "`every_minutes` của `[sync]` phải từ 1 đến {max} (phút)",
            "`every_minutes` of `[sync]` must be 1 to {max} (minutes)";
        BadKey { why } =>
            "một khóa SSH của đơn vị này: {why}", "a key of this unit: {why}";
        BadUnitId { id } =>
            "mã đơn vị `{id}` chỉ được gồm 1–64 chữ cái ASCII, chữ số, `-` hoặc `_` (mã này là tên các tệp của đơn vị)",
            "unit id `{id}` must be 1–64 ASCII letters, digits, `-` or `_` (it names the unit's files)";
        BadRoundId { id } =>
            "mã đợt đánh giá `round_id = \"{id}\"` chỉ được gồm 1–64 chữ cái ASCII, chữ số, `-` hoặc `_`",
            "round id `{id}` must be 1–64 ASCII letters, digits, `-` or `_`";
        UnitTwice { id } =>
            "đơn vị `{id}` được khai hai lần", "unit `{id}` is declared twice";
        UnitNoName { id } =>
            "đơn vị `{id}` chưa có tên", "unit `{id}` has an empty name";
        DocumentKeysMissing { keys } =>
            "bảng [document] chưa khai {keys}: văn bản in ra (parindex report) để trống các chỗ này",
            "[document] lacks {keys}: the documents (parindex report) leave blanks there";
        UnitDocumentKeysMissing { units, count, keys } =>
            "{count} đơn vị chưa khai khóa văn bản trong bảng [[unit]] ({units}; ví dụ thiếu {keys}): báo cáo của đơn vị để trống các chỗ này",
            "{count} units lack document keys in their [[unit]] table ({units}; e.g. {keys}): their reports leave blanks there";
        TempLeft =>
            "tệp tạm còn lại sau một lần lưu bị ngắt: hãy xóa đi (nội dung trong đó không được tính)",
            "a temp file left by an interrupted save: delete it (nothing in it counts)";
        UndeclaredUnit { stem } =>
            "workspace.toml không khai đơn vị `{stem}`",
            "no unit `{stem}` is declared in workspace.toml";
        SealChanged { when } =>
            "bản nộp đã bị sửa sau khi niêm phong{when}: nội dung không còn khớp với mã niêm phong",
            "the submission was changed after it was sealed{when}: its answers no longer match the seal";
        NoSeal { status } =>
            "trạng thái là `{status}` nhưng bản nộp không có niêm phong",
            "status is `{status}` but the submission has no seal";
        Untrusted { why } =>
            "không thể tin cậy bản nộp: {why}", "the submission cannot be trusted: {why}";
        Unsigned =>
            "workspace.toml khai khóa SSH của lãnh đạo đơn vị nhưng bản nộp không có chữ ký",
            "workspace.toml lists the head's key but the submission carries no signature";
        LegacySeal =>
            "niêm phong kiểu cũ: mã niêm phong chưa bao gồm đợt đánh giá và thời điểm nộp (bản nộp được niêm phong trước khi parindex niêm phong hai thông tin này); vẫn được chấp nhận, lần nộp sau sẽ được niêm phong kiểu mới",
            "legacy seal: it does not cover the round and the time of submission (sealed by an older parindex); accepted, the next submit seals them";
        OtherRound { found, round } =>
            "bản nộp được niêm phong trong đợt đánh giá `{found}`, không phải đợt này (`{round}`)",
            "the submission was sealed in round `{found}`, not this one (`{round}`)";
        EvidenceMissing { id, file } =>
            "tiêu chí {id}: không có tệp tài liệu kiểm chứng `{file}`",
            "criterion {id}: evidence file `{file}` does not exist";
        AttachedMissing { id, file } =>
            "tiêu chí {id}: không còn tệp đính kèm `{file}` (tệp đã bị xóa hoặc đổi tên)",
            "criterion {id}: the attached file `{file}` is gone (deleted or renamed)";
        AttachedChanged { id, file } =>
            "tiêu chí {id}: tệp đính kèm `{file}` đã bị thay đổi sau khi đính kèm (mã SHA-256 hoặc kích thước không khớp)",
            "criterion {id}: the attached file `{file}` changed after it was attached (its SHA-256 or size does not match)";
        AttachedUnreadable { id, file, reason } =>
            "tiêu chí {id}: không đọc được tệp đính kèm `{file}`: {reason}",
            "criterion {id}: cannot read the attached file `{file}`: {reason}";
        EvidenceUnnamed =>
            "không bản nộp nào dẫn tệp này (tệp thừa, thường còn lại sau khi gỡ một tệp đính kèm): có thể xóa nếu không cần",
            "no submission names this file (left over, usually after an attached file was removed): it may be deleted if not needed";
        BadEvidenceMax =>
            "`evidence_max_mb` phải là số nguyên từ 1 đến 1024 (MB)",
            "`evidence_max_mb` must be a whole number from 1 to 1024 (MB)";
        WorkerFailed =>
            "một luồng xử lý bị lỗi", "a worker thread failed";
    }
}

crate::wording! {
    AuditMsg {
        CutShort =>
            "một mục nhật ký bị cắt dở do lần ghi bị ngắt (vẫn giữ trong chuỗi)",
            "an entry cut short by an interrupted write (kept in the chain)";
        ChainBreaks { seq, expected } =>
            "chuỗi nhật ký bị đứt ở mục {seq}: một dòng phía trước đã bị xóa, sửa hoặc đổi thứ tự (lẽ ra là mục {expected})",
            "the audit log's chain breaks at entry {seq}: a line before it was deleted, edited or reordered (expected entry {expected})";
        NoPlace =>
            "một mục nhật ký không có vị trí trong chuỗi: nhật ký đã bị sửa ở đây",
            "an entry without its place in the chain: the log was edited here";
        Legacy { count } =>
            "{count} mục được ghi trước khi nhật ký có chuỗi kiểm tra: không xác minh được",
            "{count} entries were written before the audit log was chained: they cannot be verified";
        NoTrail =>
            "đơn vị này chưa có nhật ký: không xác minh được các thay đổi trên tệp",
            "this unit has no audit trail: changes to its files cannot be verified";
        NotRecorded =>
            "tệp này không có trong nhật ký: đã được ghi ngoài parindex",
            "this file is not recorded in the audit log: it was written outside parindex";
        FirstSaveIncomplete { who } =>
            "lần lưu đầu tiên ({who}) đã ghi nhật ký nhưng không hoàn tất: tệp chưa từng được ghi",
            "the first save ({who}) was logged but did not complete: the file was never written";
        DeletedOutside { who } =>
            "tệp đã bị xóa ngoài parindex ({who} có ghi nhận tệp)",
            "deleted outside parindex ({who}, recorded it)";
        LastIncomplete { who } =>
            "thay đổi cuối cùng ({who}) đã ghi nhật ký nhưng không hoàn tất: tệp vẫn là bản trước đó",
            "the last change ({who}) was logged but did not complete: the file holds the version before it";
        ChangedOutside { seq, who } =>
            "tệp đã bị sửa ngoài parindex sau mục {seq} của nhật ký ({who}): tệp không phải bản nhật ký đã ghi nhận",
            "changed outside parindex after audit entry {seq} ({who}): the file is not the one the log recorded";
    }
}

crate::wording! {
    Refused {
        Symlink =>
            "là liên kết tượng trưng (symlink): parindex không đi theo liên kết bên trong thư mục đợt đánh giá",
            "is a symbolic link: parindex does not follow links inside a workspace";
        NotRegular { what } =>
            "là {what}, không phải tệp thường", "is {what}, not a regular file";
        NotFolder =>
            "không phải thư mục", "is not a folder";
        BadName =>
            "không phải một tên đơn giản bên trong thư mục đợt đánh giá", "is not a plain name inside the round";
        Limit { over } =>
            "không ghi: {over}", "not written: {over}";
        Final =>
            "không ghi: kết quả của đơn vị đã chính thức, chỉ thay đổi được sau khi Văn phòng Sở mở lại (`parindex reopen`)",
            "not written: the unit's result is final; it changes only through `reopen`";
    }
}

/// What a node is, in words (the store's `kind_text`).
pub fn kind_word(what: &str, lang: Lang) -> String {
    let vi = match what {
        "a folder" => "thư mục",
        "a named pipe (FIFO)" => "ống dẫn có tên (FIFO)",
        "a device" => "tệp thiết bị",
        "a socket" => "socket",
        "a symbolic link" => "liên kết tượng trưng (symlink)",
        "a regular file" => "tệp thường",
        other => other,
    };
    match lang {
        Lang::Vi => vi.to_owned(),
        Lang::En => what.to_owned(),
    }
}

impl Show for More {
    fn show(&self, lang: Lang) -> String {
        match (self.0, lang) {
            (0, _) => String::new(),
            (n, Lang::Vi) => format!(" (và {n} chỗ khác tương tự)"),
            (n, Lang::En) => format!(" (and {n} more like it)"),
        }
    }
}

crate::wording! {
    ModesMsg {
        Anyone { mode, more } =>
            "mọi người dùng trên máy này đều ghi được vào đây (quyền {mode}){more}; xem `parindex permissions`",
            "anyone on this machine may write here (mode {mode}){more}; see `parindex permissions`";
        Group { group, people, more } =>
            "nhóm `{group}` ghi được vào đây và có người trong nhóm ({people}){more}: mỗi người đều sửa được bằng bất kỳ công cụ nào, không chỉ parindex; xem `parindex permissions`",
            "group `{group}` may write here and has people in it ({people}){more}: each of them can change it with any tool, not only parindex; see `parindex permissions`";
        Owner { user, more } =>
            "chủ sở hữu là `{user}`, người truy cập được tới đây{more}: người này đổi được quyền rồi sửa tệp bằng bất kỳ công cụ nào; xem `parindex permissions`",
            "owned by `{user}`, who can reach it{more}: they can change its mode and then rewrite it with any tool; see `parindex permissions`";
        RoundOwner { user } =>
            "thư mục đợt đánh giá thuộc sở hữu của `{user}`, không phải root: người này đổi được quyền của mọi thứ bên trong; xem `parindex permissions`",
            "the round's folder is owned by `{user}`, not root: they can change the mode of anything in it; see `parindex permissions`";
        Unreadable { reason } =>
            "không đọc được quyền của mọi tệp trong đợt đánh giá: {reason}",
            "the modes of the round's files could not all be read: {reason}";
    }
}
