//! What the commands say besides their tables (issue 11): refusals of the command line, errors
//! at the edge, and the comments `init` writes into workspace.toml.

use super::store::IoReason;
use crate::text::Lang;

crate::messages! {
    /// Errors and notes of the commands.
    pub enum CliMsg {
        NoRound =>
            "thư mục này không có đợt đánh giá nào (không có workspace.toml).\n  Hãy chạy `parindex demo` để xem một đợt đánh giá mẫu, `parindex init THƯ_MỤC --scorecard TỆP` để tạo đợt mới, `parindex tui -w THƯ_MỤC` để mở một đợt ở thư mục khác, hoặc `parindex --help`.",
            "there is no round in this folder (no workspace.toml).\n  Try `parindex demo` for a demo round, `parindex init DIR --scorecard FILE` to start one, `parindex tui -w DIR` to open one elsewhere, or `parindex --help`.";
        NoTerminal =>
            "bảng điều khiển cần chạy trong một cửa sổ dòng lệnh (terminal): đầu vào và đầu ra chuẩn đang được chuyển hướng (tệp, ống dẫn hoặc tác vụ chạy nền); hãy chạy `parindex tui` trực tiếp trong cửa sổ dòng lệnh, hoặc dùng các lệnh `status`, `rank`, `export`",
            "the dashboard needs a terminal: standard input and output are redirected (a file, a pipe or a background job); run `parindex tui` in a terminal window, or use `status`, `rank`, `export`";
        NeedsTerminal { err: String } =>
            "bảng điều khiển cần chạy trong một cửa sổ dòng lệnh (terminal): {err}",
            "the dashboard needs a terminal: {err}";
        NoUnit { unit: String, known: String } =>
            "đợt đánh giá này không có đơn vị `{unit}` (các đơn vị: {known})",
            "no unit `{unit}` in this workspace (units: {known})";
        NoUnitIn { unit: String, file: String } =>
            "không có đơn vị `{unit}` trong {file}",
            "no unit `{unit}` in {file}";
        NeitherHeadNorOffice { user: String, unit: String } =>
            "người dùng `{user}` không phải lãnh đạo đơn vị `{unit}` và không thuộc Văn phòng Sở",
            "user `{user}` is neither a head of `{unit}` nor in the Office";
        ReadRefused { user: String, unit: String, name: String } =>
            "người dùng `{user}` không được xem chi tiết của đơn vị `{unit}` ({name}): lãnh đạo đơn vị chỉ xem được trạng thái của đơn vị khác, và điểm số của đơn vị đó khi đã được thẩm định (xem docs/deployment.md)",
            "user `{user}` may not see the details of unit `{unit}` ({name}): a unit head sees only another unit's status, and its figures once it is appraised (see docs/deployment.md)";
        RankingNotYet { user: String, pending: usize } =>
            "người dùng `{user}` chỉ xem được bảng xếp hạng khi mọi đơn vị đã được thẩm định; còn {pending} đơn vị chưa được thẩm định (Văn phòng Sở xem được bất cứ lúc nào)",
            "user `{user}` may see the ranking only once every unit is appraised; {pending} unit(s) are not yet (the Office may see it at any time)";
        BinLostSetgid { bin: String, group: String } =>
            "đợt đánh giá thuộc nhóm `{group}` nhưng chương trình {bin} không còn bit setgid của nhóm đó (cài đè bằng `install` sẽ xóa bit này): người dùng sẽ không mở được đợt đánh giá; hãy chạy lại `sudo parindex permissions -w THƯ_MỤC --bin {bin} --group {group} --apply`",
            "the round belongs to group `{group}` but {bin} is not setgid to it (an upgrade with `install` drops the bit): users cannot reach the round; run `sudo parindex permissions -w DIR --bin {bin} --group {group} --apply` again";
        PermGitInside { path: String } =>
            "{path}: đây là kho git nằm trong đợt đánh giá: sau khi áp dụng, tệp cấu hình và hook của git sẽ ghi được bởi nhóm của đợt, rồi git của root sẽ chạy chúng; hãy để kho git ở ngoài (`git --git-dir=/root/dot-danh-gia.git --work-tree=THƯ_MỤC …`), xóa hoặc chuyển {path} đi, rồi chạy lại lệnh này",
            "{path}: a git repository inside the round: once applied, git's config and hooks would be writable through the round's group and root's git would run them; keep the repository outside (`git --git-dir=/root/round.git --work-tree=DIR …`), remove or move {path}, then run this again";
        PermBinOtherGroup { bin: String, group: String } =>
            "{bin} đã được đặt setgid cho nhóm `{group}`, nhóm của một đợt đánh giá khác: đổi nhóm sẽ khóa người dùng của đợt đó ở ngoài; hãy cài một bản khác của chương trình cho nhóm này (ví dụ /usr/local/bin/parindex-TÊN_NHÓM) và chỉ ra bằng --bin",
            "{bin} is already setgid to group `{group}`, which serves another round: changing it would lock that round's users out; install a second copy for this group (e.g. /usr/local/bin/parindex-GROUP) and name it with --bin";
        PermBinLostBit { bin: String, group: String } =>
            "{bin} không còn bit setgid của nhóm `{group}` (cài đè bằng `install` sẽ xóa bit này): cho đến khi áp dụng lại, người dùng không mở được đợt đánh giá",
            "{bin} lost its setgid bit for group `{group}` (an upgrade with `install` drops it): until this is applied again, users cannot reach the round";
        PermEvidenceDir { path: String } =>
            "tạo thư mục tài liệu kiểm chứng {path}",
            "create the evidence folder {path}";
        NoSubmissionYet { unit: String } =>
            "đơn vị `{unit}` chưa có bản nộp",
            "unit `{unit}` has no submission yet";
        LogUnreadable { unit: String, reason: String } =>
            "không đọc được nhật ký của đơn vị `{unit}`: {reason}",
            "cannot read the log of `{unit}`: {reason}";
        LogBadLines { count: usize, file: String } =>
            "cảnh báo: {count} dòng không đọc được trong {file}",
            "warning: {count} unreadable line(s) in {file}";
        NoTerminalDemo =>
            "(không có cửa sổ dòng lệnh: in bảng xếp hạng thay cho mở bảng điều khiển)",
            "(no terminal: printing the ranking instead of opening the dashboard)";
        DemoExists { reason: IoReason } => "demo: {reason}", "demo: {reason}";
        CsvOnly =>
            "--sep, --decimal-comma và --decimal-point chỉ dùng được với --format csv",
            "--sep, --decimal-comma and --decimal-point apply to --format csv only";
        WhichFormat { file: String } =>
            "hãy cho biết định dạng tệp cần ghi: --format xlsx|csv|html|md|json (tên tệp `{file}` không cho biết)",
            "say which format to write: --format xlsx|csv|html|md|json (the name `{file}` does not tell)";
        ReportNotDocx { file: String } =>
            "Không ghi {file}: văn bản được lập dưới dạng Word (.docx); hãy đặt tên tệp có đuôi .docx (muốn có PDF thì mở tệp .docx rồi lưu thành PDF)",
            "not writing {file}: the document is a Word file (.docx); give a name ending in .docx (for a PDF, open the .docx and save it as PDF)";
        OutputIsFolder { file: String } =>
            "Không ghi được {file}: đây là một thư mục; hãy cho tên tệp",
            "cannot write {file}: it is a folder; give a file name";
        CannotWrite { file: String, reason: IoReason } =>
            "Không ghi được {file}: {reason}",
            "cannot write {file}: {reason}";
        InitExists { dir: String } =>
            "{dir} đã có một đợt đánh giá (workspace.toml); không thay đổi gì",
            "{dir} already holds a round (workspace.toml); nothing was changed";
        SurveyNotOffice { user: String } =>
            "người dùng `{user}` không thuộc Văn phòng Sở: chỉ Văn phòng Sở mới nhập kết quả điều tra xã hội học",
            "user `{user}` is not in the Office: only the Office imports survey results";
        SurveyFinal { id: String } =>
            "kết quả của đơn vị `{id}` đã chốt chính thức: hãy mở lại trước khi thay đổi điểm khảo sát (chưa nhập gì)",
            "the result of `{id}` is final: reopen it before changing its survey points (nothing was imported)";
        ReturnReasonNotLogged { reason: IoReason } =>
            "đã trả lại nhưng không ghi được lý do vào nhật ký: {reason}",
            "returned, but the reason could not be logged: {reason}";
        BadSep { sep: String } =>
            "dấu phân cách phải là ';' hoặc ',', không phải `{sep}`",
            "the separator must be ';' or ',', not `{sep}`";
        NotADate { text: String } =>
            "`{text}` không phải là ngày (ghi ngày trước: 20/12/2020, hoặc 2020-12-20)",
            "`{text}` is not a date (write it day first: 20/12/2020, or 2020-12-20)";
        BinUnknown { reason: IoReason } =>
            "--bin: không tìm được đường dẫn của chương trình: {reason}",
            "--bin: {reason}";
    }
}

/// The comment `init` writes under a workspace.toml without units: how to add one.
pub fn init_unit_comment(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => {
            "\n# Thêm một bảng [[unit]] cho mỗi đơn vị tham gia:\n# [[unit]]\n# id = \"vp\"                      # chữ cái ASCII, chữ số, - và _\n# name = \"Văn phòng Sở\"\n# group = \"Phòng chuyên môn\"     # không bắt buộc\n# heads = [\"lan\"]                # tài khoản hệ điều hành được chỉnh sửa đơn vị này\n# symbol = \"VP\"                  # ký hiệu trên văn bản của đơn vị (…/BC-VP)\n# head_title = \"CHÁNH VĂN PHÒNG\"  # chức vụ người ký báo cáo của đơn vị\n# signer = \"Nguyễn Văn A\"         # họ tên người ký\n"
        }
        Lang::En => {
            "\n# Add one [[unit]] table per unit taking part:\n# [[unit]]\n# id = \"vp\"                      # ASCII letters, digits, - and _\n# name = \"Văn phòng Sở\"\n# group = \"Phòng chuyên môn\"     # optional\n# heads = [\"lan\"]                # OS users who may edit this unit\n# symbol = \"VP\"                  # the unit's ký hiệu on its documents (…/BC-VP)\n# head_title = \"CHÁNH VĂN PHÒNG\"  # the title of who signs its report\n# signer = \"Nguyễn Văn A\"         # their name\n"
        }
    }
}

/// The `[document]` block `init` writes, its keys commented out with their defaults: who
/// issues and signs the round's papers (`parindex report`; `check` warns while they are
/// missing).
pub fn init_document_comment(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => {
            "\n# Văn bản của đợt đánh giá (parindex report): bỏ dấu # và sửa cho đúng cơ quan; `check` nhắc khi còn thiếu.\n\
# [document]\n\
# parent_body = \"UBND TỈNH TIỀN GIANG\"         # cơ quan chủ quản\n\
# issuing_body = \"SỞ KHOA HỌC VÀ CÔNG NGHỆ\"    # cơ quan ban hành\n\
# symbol = \"SKH&CN\"                           # ký hiệu của cơ quan (…/TB-SKH&CN, …/QĐ-SKH&CN)\n\
# place = \"Tiền Giang\"                        # địa danh\n\
# plan = \"Kế hoạch số 173/KH-SKH&CN ngày 25/02/2020 của Sở Khoa học và Công nghệ\"  # văn bản phát động đợt đánh giá\n\
# charter = \"Quyết định số …/QĐ-UBND ngày … của UBND tỉnh … quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở …\"  # căn cứ đầu tiên của Quyết định công bố kết quả\n\
# signer_authority = \"KT. GIÁM ĐỐC\"           # thẩm quyền ký\n\
# signer_title = \"PHÓ GIÁM ĐỐC\"               # chức vụ người ký\n\
# signer_name = \"Nguyễn Văn A\"                # họ tên người ký\n\
# recipients = [\"Ban Giám đốc Sở\", \"Các phòng, đơn vị trực thuộc Sở\"]  # nơi nhận\n"
        }
        Lang::En => {
            "\n# The round's documents (parindex report): remove the # and fill in your body's values; `check` warns while keys are missing.\n\
# [document]\n\
# parent_body = \"UBND TỈNH TIỀN GIANG\"         # the parent body\n\
# issuing_body = \"SỞ KHOA HỌC VÀ CÔNG NGHỆ\"    # the issuing body\n\
# symbol = \"SKH&CN\"                           # its ký hiệu (…/TB-SKH&CN, …/QĐ-SKH&CN)\n\
# place = \"Tiền Giang\"                        # where documents are signed\n\
# plan = \"Kế hoạch số 173/KH-SKH&CN ngày 25/02/2020 của Sở Khoa học và Công nghệ\"  # the plan that launched the round\n\
# charter = \"Quyết định số …/QĐ-UBND ngày … của UBND tỉnh … quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở …\"  # the body's charter, the Quyết định's first căn cứ\n\
# signer_authority = \"KT. GIÁM ĐỐC\"           # signing on the head's behalf\n\
# signer_title = \"PHÓ GIÁM ĐỐC\"               # the signer's title\n\
# signer_name = \"Nguyễn Văn A\"                # the signer's name\n\
# recipients = [\"Ban Giám đốc Sở\", \"Các phòng, đơn vị trực thuộc Sở\"]  # Nơi nhận\n"
        }
    }
}

/// Why CSV options are refused, in words (`export`, `rank --format csv`).
pub fn csv_refusal(r: crate::export::CsvRefusal, lang: Lang) -> String {
    use crate::export::CsvRefusal as R;
    match (r, lang) {
        (R::Separator(c), Lang::Vi) => format!("dấu ngăn cột CSV phải là `,` hoặc `;`, không phải `{c}`"),
        (R::Separator(c), Lang::En) => format!("the CSV separator must be `,` or `;`, not `{c}`"),
        (R::CommaWithDecimalComma, Lang::Vi) => {
            "số có dấu phẩy thập phân cần dấu `;` để ngăn cột CSV (`87,25;90,00`): dùng --sep ';' hoặc bỏ --sep".to_owned()
        }
        (R::CommaWithDecimalComma, Lang::En) => {
            "a decimal comma needs `;` as the CSV separator (`87,25;90,00`): use --sep ';' or leave --sep out".to_owned()
        }
    }
}
