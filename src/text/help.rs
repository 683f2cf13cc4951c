//! The help of every command and option, in Vietnamese and English (issue 11), and the words of
//! the command line's own usage errors.
//!
//! One table, [`HELP`], keyed by command name and argument id, is the source of truth for both
//! languages: `crate::cli::help` lays it over `Cli::command()` at run time (the doc comments in
//! `src/cli/mod.rs` are rustdoc only). A test fails when a command or an argument of
//! `Cli::command()` has no entry here, so a new option cannot slip in untranslated.
//!
//! The Vietnamese help names the defaults and the allowed values itself (clap's
//! `[default: …]` and `[possible values: …]` are English and are hidden in Vietnamese); a test
//! checks that each default and each allowed value is there.

use super::Lang;
use super::msg::Msg;

/// The help of one command (`arg` empty) or of one argument of a command.
#[derive(Debug)]
pub struct Entry {
    /// The command's name (`parindex` for the program itself); empty: any command (the
    /// arguments every command shares, such as `--workspace`), used when the command has no
    /// entry of its own for the argument.
    pub cmd: &'static str,
    /// The argument's id (the field's name, `by_group`); empty for the command itself.
    pub arg: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    /// The placeholder of the argument's value in Vietnamese (`THƯ_MỤC`); English keeps clap's.
    pub value_vi: Option<&'static str>,
    /// A longer text for `--help` (long_about / long_help), Vietnamese and English.
    pub long: Option<(&'static str, &'static str)>,
}

impl Entry {
    /// The short text in `lang`.
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }

    /// The long text in `lang`, if there is one.
    pub fn long_text(&self, lang: Lang) -> Option<&'static str> {
        self.long.map(|(vi, en)| match lang {
            Lang::Vi => vi,
            Lang::En => en,
        })
    }
}

const fn cmd(cmd: &'static str, vi: &'static str, en: &'static str) -> Entry {
    Entry { cmd, arg: "", vi, en, value_vi: None, long: None }
}

const fn arg(cmd: &'static str, arg: &'static str, value_vi: Option<&'static str>, vi: &'static str, en: &'static str) -> Entry {
    Entry { cmd, arg, vi, en, value_vi, long: None }
}

const DIR: Option<&str> = Some("THƯ_MỤC");
const FILE: Option<&str> = Some("TỆP");
const UNIT: Option<&str> = Some("MÃ_ĐƠN_VỊ");
const FORMAT: Option<&str> = Some("DẠNG");

/// Every command and argument, Vietnamese then English.
pub static HELP: &[Entry] = &[
    // Shared by every command (unless the command has its own entry below).
    arg(
        "",
        "lang",
        Some("NGÔN_NGỮ"),
        "Ngôn ngữ giao diện: `vi` (mặc định) hoặc `en`; cũng đặt được bằng biến môi trường PARINDEX_LANG",
        "Interface language: vi (default) or en. Also PARINDEX_LANG",
    ),
    arg("", "help", None, "In trợ giúp", "Print help"),
    arg("", "version", None, "In phiên bản", "Print version"),
    arg("", "workspace", DIR, "Thư mục của đợt đánh giá (mặc định: thư mục hiện tại)", "The round's folder"),
    arg("", "unit", UNIT, "Mã đơn vị (`id` trong workspace.toml)", "The unit's id (its `id` in workspace.toml)"),
    arg(
        "",
        "sep",
        Some("DẤU"),
        "Dấu phân cách của CSV: `;` (mặc định khi dùng tiếng Việt) hoặc `,` (mặc định khi dùng tiếng Anh; kéo theo --decimal-point)",
        "CSV field separator: ';' (default in Vietnamese) or ',' (default in English; implies --decimal-point)",
    ),
    arg(
        "",
        "decimal_comma",
        None,
        "Số trong CSV viết với dấu phẩy thập phân, cho Excel đặt tiếng Việt (mặc định khi dùng tiếng Việt; cần `;`)",
        "CSV numbers with a decimal comma, for Excel set to Vietnamese (default in Vietnamese; needs ';')",
    ),
    arg(
        "",
        "decimal_point",
        None,
        "Số trong CSV viết với dấu chấm thập phân (mặc định khi dùng tiếng Anh)",
        "CSV numbers with a decimal point (default in English)",
    ),
    arg("", "by_group", None, "Xếp hạng trong từng nhóm", "Rank inside each group"),
    // The program.
    cmd(
        "parindex",
        "Chỉ số cải cách hành chính (PAR INDEX) của một đợt đánh giá: tự đánh giá, thẩm định, tính điểm, xếp hạng, xuất tệp",
        "Administrative reform (PAR) index rounds: self-assessment, appraisal, totals, ranking, exports",
    ),
    // clap's own `help` command.
    cmd("help", "In trợ giúp này, hoặc trợ giúp của lệnh được nêu", "Print this message or the help of the given subcommand(s)"),
    arg("help", "subcommand", Some("LỆNH"), "In trợ giúp của lệnh này", "Print help for the subcommand(s)"),
    cmd(
        "demo",
        "Tạo một đợt đánh giá mẫu (bảng điểm năm 2020, N đơn vị) rồi mở bảng điều khiển trên đó",
        "Write a demo workspace (the 2020 scorecard, N units) and open the dashboard on it",
    ),
    arg(
        "demo",
        "dir",
        DIR,
        "Thư mục cho đợt mẫu (mặc định: parindex-demo-USER trong thư mục tạm của hệ thống)",
        "Folder for the demo (default: parindex-demo-USER in the system's temp folder)",
    ),
    arg("demo", "units", Some("SỐ"), "Số đơn vị, từ 1 đến 100000 (mặc định: 8)", "Number of units"),
    arg(
        "demo",
        "seed",
        Some("SỐ"),
        "Hạt giống ngẫu nhiên: cùng hạt giống thì ra cùng một đợt mẫu (mặc định: 2020)",
        "Seed: the same seed gives the same workspace",
    ),
    arg(
        "demo",
        "no_tui",
        None,
        "Chỉ tạo đợt mẫu và in bảng xếp hạng; không mở bảng điều khiển",
        "Only write the workspace and print the ranking; do not open the dashboard",
    ),
    cmd(
        "init",
        "Bắt đầu một đợt đánh giá mới: tạo workspace.toml và bản sao bảng điểm trong THƯ_MỤC",
        "Start a new round: workspace.toml and a copy of the scorecard in DIR",
    ),
    arg("init", "dir", DIR, "Thư mục của đợt đánh giá mới", "The new round's folder"),
    arg(
        "init",
        "scorecard",
        FILE,
        "Bảng điểm sẽ dùng (được kiểm tra, rồi chép vào thành scorecard.toml)",
        "The scorecard to use (validated, then copied in as scorecard.toml)",
    ),
    arg("init", "title", Some("TÊN"), "Tên đợt đánh giá", "The round's title"),
    arg(
        "init",
        "from",
        DIR,
        "Đợt đánh giá năm trước: lấy lại các đơn vị, nhóm, trưởng đơn vị và Văn phòng của đợt đó",
        "Last year's round: take over its units, groups, heads and Office",
    ),
    cmd(
        "check",
        "Kiểm tra một tệp bảng điểm hoặc cả thư mục đợt đánh giá; mỗi lỗi kèm tệp:dòng:cột",
        "Validate a scorecard file or a whole workspace; every problem as file:line:col",
    ),
    arg("check", "path", Some("ĐƯỜNG_DẪN"), "Tệp bảng điểm .toml hoặc thư mục đợt đánh giá", "A scorecard .toml file or a workspace folder"),
    cmd("score", "Điểm tổng hợp của một đơn vị", "One unit's totals"),
    arg("score", "format", FORMAT, "Dạng kết quả: `table` (bảng, mặc định) hoặc `json`", "Output form: table or json"),
    cmd("rank", "Bảng xếp hạng các đơn vị", "The ranking of all units"),
    arg("rank", "format", FORMAT, "Dạng kết quả: `table` (bảng, mặc định), `json` hoặc `csv`", "Output form: table, json or csv"),
    arg(
        "rank",
        "output",
        FILE,
        "Ghi ra tệp này thay cho màn hình (ghi trọn vẹn, không để lại tệp dở dang)",
        "Write to this file instead of standard output (atomically)",
    ),
    arg(
        "rank",
        "compare",
        DIR,
        "Thư mục đợt đánh giá trước: hiện chỉ số và thứ hạng của từng đơn vị ở đợt đó (khớp theo mã)",
        "An earlier round's workspace: show each unit's index and rank there (matched by id)",
    ),
    cmd(
        "submit",
        "Trưởng đơn vị: nộp bản tự đánh giá của đơn vị (niêm phong, ký bằng khóa SSH của trưởng đơn vị nếu workspace.toml có khóa của đơn vị; sau đó chỉ xem)",
        "Unit head: submit the unit's self-assessment (seals it, and signs it with the head's SSH key when workspace.toml lists keys for the unit; read-only afterwards)",
    ),
    arg(
        "submit",
        "key",
        Some("TỆP_KHÓA"),
        "Ký bằng tệp khóa riêng này thay vì qua SSH agent; cũng đặt được bằng biến môi trường PARINDEX_SIGNING_KEY",
        "Sign with this private key file instead of through the SSH agent",
    ),
    cmd("return", "Văn phòng: trả lại hồ sơ cho đơn vị để giải trình", "Office: return a submission to the unit for explanation"),
    arg(
        "return",
        "reason",
        Some("LÝ_DO"),
        "Lý do: hiện cho đơn vị bên cạnh các tiêu chí cần giải trình, và được ghi vào nhật ký",
        "Why: shown to the unit beside the criteria to explain, and kept in the audit log",
    ),
    cmd(
        "mark-appraised",
        "Văn phòng: ghi nhận hồ sơ đã thẩm định xong (mọi phần của các bộ phận thẩm định đã xong, hoặc --override)",
        "Office: mark a submission appraised (every appraiser's part done, or --override)",
    ),
    arg(
        "mark-appraised",
        "force",
        None,
        "Ghi nhận dù các bộ phận thẩm định chưa báo xong phần của mình (ghi vào nhật ký kèm các phần còn thiếu)",
        "Mark it appraised although appraisers' parts are not done (logged with the parts missing)",
    ),
    cmd(
        "appraise",
        "Bộ phận thẩm định (hoặc Văn phòng): chấm điểm và nhận xét một tiêu chí trong bản thẩm định của đơn vị, hoặc báo đã thẩm định xong phần của mình",
        "Appraiser (or Office): score and comment a criterion of a unit's appraisal, or say a part is done",
    ),
    arg(
        "appraise",
        "criterion",
        Some("TIÊU_CHÍ"),
        "Tiêu chí cần thẩm định (tiêu chí thành phần, ví dụ 6.1.2)",
        "The criterion to appraise (a leaf of the scorecard, e.g. 6.1.2)",
    ),
    arg(
        "appraise",
        "value",
        Some("GIÁ_TRỊ"),
        "Giá trị thẩm định, ghi như trên bảng điều khiển (8,5; 18/20; mã phương án; để trống là xóa)",
        "The appraised value, as typed in the dashboard (8,5; 18/20; a choice's key; empty clears)",
    ),
    arg("appraise", "comment", Some("NHẬN_XÉT"), "Nhận xét của bộ phận thẩm định về tiêu chí", "The appraiser's comment on the criterion"),
    arg("appraise", "done", None, "Báo đã thẩm định xong phần của bộ phận mình cho đơn vị này", "Say this appraiser's part of the unit is done"),
    arg("appraise", "reopen", None, "Rút lại --done: phần này chưa xong", "Take back --done: the part is not done"),
    arg(
        "appraise",
        "part",
        Some("MÃ"),
        "Phần của bộ phận thẩm định nào (cần khi người dùng thuộc nhiều bộ phận, hoặc là Văn phòng)",
        "Which appraiser's part (needed when the user acts for several, or is the Office)",
    ),
    cmd("finalise", "Văn phòng: chốt kết quả đã thẩm định", "Office: make an appraised result final"),
    cmd("reopen", "Văn phòng: mở lại cho đơn vị sửa (kể cả khi đã quá hạn)", "Office: reopen a unit for editing (also past the deadline)"),
    cmd("status", "Trạng thái và tiến độ của từng đơn vị", "Every unit's status and progress"),
    cmd("log", "Nhật ký thay đổi: ai đã sửa gì, lúc nào", "The audit log: who changed what, when"),
    arg("log", "unit", UNIT, "Chỉ xem nhật ký của đơn vị này", "Only this unit's entries"),
    arg("log", "format", FORMAT, "Dạng kết quả: `table` (bảng, mặc định) hoặc `json`", "Output form: table or json"),
    cmd(
        "export-submission",
        "Ghi hồ sơ đã nộp của một đơn vị ra một tệp, để chuyển cho đợt đánh giá đặt ở máy khác",
        "Write a unit's submission to one file, for a round kept on another machine",
    ),
    arg("export-submission", "output", FILE, "Tệp sẽ ghi ra", "The file to write"),
    cmd(
        "import",
        "Văn phòng: nhận tệp hồ sơ của đơn vị được chỉ định, làm ở máy khác (kiểm tra niêm phong, chữ ký SSH, đợt đánh giá, thời điểm nộp và hạn trước khi nhận)",
        "Office: take in a submission file made on another machine as the named unit's (seal, signature, round, time and deadline checked first)",
    ),
    arg(
        "import",
        "unit",
        UNIT,
        "Đơn vị có hồ sơ cần nhận; tệp phải là hồ sơ của chính đơn vị này",
        "The unit whose submission the file is (the file must say the same)",
    ),
    arg(
        "import",
        "late",
        None,
        "Nhận cả hồ sơ nộp sau hạn tự đánh giá (việc nhận muộn được ghi vào nhật ký)",
        "Accept a file submitted after the deadline (logged as late)",
    ),
    arg("import", "file", FILE, "Tệp hồ sơ cần nhận", "The submission file"),
    cmd(
        "import-survey",
        "Văn phòng: đưa kết quả điều tra xã hội học (CSV: unit,criterion,points hoặc unit,criterion,rate) vào phần thẩm định",
        "Office: survey results (CSV: unit,criterion,points or unit,criterion,rate) into the appraisals",
    ),
    arg("import-survey", "file", FILE, "Tệp CSV kết quả điều tra", "The survey's CSV file"),
    cmd(
        "export",
        "Xuất bảng xếp hạng ra tệp: sổ tính Excel, CSV, trang HTML, Markdown hoặc JSON",
        "Export the ranking to a file: Excel workbook, CSV, HTML page, Markdown or JSON",
    ),
    arg(
        "export",
        "format",
        FORMAT,
        "Định dạng tệp: `xlsx`, `csv`, `html`, `md` hoặc `json` (mặc định: theo đuôi tên tệp ghi ra)",
        "File format (default: from the output file's extension)",
    ),
    arg("export", "output", FILE, "Tệp sẽ ghi ra (ghi trọn vẹn, không để lại tệp dở dang)", "The file to write (atomically)"),
    arg(
        "export",
        "date",
        Some("NGÀY"),
        "Ngày xuất, ghi ngày trước tháng: 20/12/2020 (mặc định: hôm nay theo giờ Việt Nam)",
        "The export's date, day first (default: today in Vietnam)",
    ),
    arg(
        "export",
        "compare",
        DIR,
        "Thư mục đợt đánh giá trước: thêm chỉ số và thứ hạng của từng đơn vị ở đợt đó (khớp theo mã)",
        "An earlier round's workspace: add each unit's index and rank there (matched by id)",
    ),
    cmd(
        "permissions",
        "Kế hoạch phân quyền để hệ điều hành bảo đảm vai trò của từng người trong đợt đánh giá; --apply (quyền root) thực hiện kế hoạch",
        "The plan that makes the OS enforce the round's roles; --apply (root) carries it out",
    ),
    arg(
        "permissions",
        "apply",
        None,
        "Thực hiện kế hoạch (cần quyền root): nhóm, tài khoản, chủ sở hữu và quyền truy cập, chương trình",
        "Carry the plan out (as root): the group, the accounts, owners and modes, the binary",
    ),
    arg(
        "permissions",
        "bin",
        Some("ĐƯỜNG_DẪN"),
        "Nơi cài parindex cho người dùng (mặc định: chính chương trình này)",
        "Where the users' parindex is installed (default: this program)",
    ),
    arg(
        "permissions",
        "group",
        Some("NHÓM"),
        "Nhóm không có người nào, chỉ chương trình dùng để thao tác (mặc định: `parindex`)",
        "The group no person belongs to, which only the program acts with",
    ),
    cmd(
        "report",
        "Văn bản để ký: báo cáo tự đánh giá của đơn vị, thông báo kết quả, quyết định công bố kết quả hoặc biên bản thẩm định của đơn vị (.docx)",
        "The document to sign: a unit's self-assessment report, the Office's notice of results, its decision publishing them, or a unit's appraisal minutes (.docx)",
    ),
    arg(
        "report",
        "unit",
        UNIT,
        "Đơn vị cần lập báo cáo tự đánh giá (hoặc, với --minutes, biên bản thẩm định)",
        "The unit whose self-assessment report (or, with --minutes, appraisal minutes) to write",
    ),
    arg("report", "office", None, "Thông báo kết quả thẩm định, xếp hạng của Văn phòng", "The Office's notice of appraised results and ranking"),
    arg(
        "report",
        "decision",
        None,
        "Quyết định công bố kết quả chỉ số cải cách hành chính",
        "The Office's decision publishing the results (Quyết định công bố kết quả)",
    ),
    arg(
        "report",
        "minutes",
        None,
        "Cùng --unit: biên bản thẩm định của đơn vị",
        "With --unit: the minutes of the unit's appraisal (Biên bản thẩm định)",
    ),
    arg("report", "output", FILE, "Tệp sẽ ghi ra (ghi trọn vẹn), ví dụ thong-bao.docx", "The file to write (atomically), e.g. thong-bao.docx"),
    arg(
        "report",
        "date",
        Some("NGÀY"),
        "Ngày của văn bản, ghi ngày trước tháng (mặc định: ngày của bước cuối cùng trong đợt đánh giá)",
        "The document's date, day first (default: the day of the round's last move)",
    ),
    cmd("completions", "In ra mã tự hoàn thành lệnh cho shell: bash, zsh hoặc fish", "Shell completions on standard output: bash, zsh or fish"),
    arg("completions", "shell", Some("SHELL"), "Loại shell: `bash`, `zsh`, `fish`, `elvish` hoặc `powershell`", "The shell"),
    cmd("man", "In ra trang hướng dẫn (roff): `parindex man | man -l -`", "The manual page (roff) on standard output: `parindex man | man -l -`"),
    arg("man", "command", Some("LỆNH"), "Trang riêng của một lệnh, ví dụ `report`", "A command's own page, e.g. `report`"),
    cmd(
        "news",
        "Sổ tin, bài tuyên truyền CCHC của đơn vị: các tin, bài đã kê khai và đã được xác nhận; `news add` kê khai thêm một tin, bài",
        "The news register (tin, bài): a unit's items, claimed against confirmed; `news add` lists one more",
    ),
    arg("news", "format", FORMAT, "Dạng kết quả: `table` (bảng, mặc định) hoặc `json`", "Output form: table or json"),
    cmd("add", "Trưởng đơn vị: kê khai thêm một tin, bài đã gửi", "Unit head: list one more item sent"),
    arg("add", "title", Some("TIÊU_ĐỀ"), "Tiêu đề của tin, bài", "The item's title"),
    arg("add", "date", Some("NGÀY"), "Ngày gửi, ngày trước tháng sau (25/03/2020)", "When it was sent, day first (25/03/2020)"),
    arg("add", "link", Some("ĐƯỜNG_DẪN"), "Địa chỉ tin, bài đã đăng (http/https)", "Where it is published (http/https)"),
    arg("add", "file", FILE, "Tệp tin, bài trong thư mục evidence/", "The item as a file under evidence/"),
    arg("add", "sent_to", Some("NƠI_NHẬN"), "Nơi đã gửi (mặc định: tên bộ phận kiểm tra)", "Where it was sent (default: the reviewer's name)"),
    cmd(
        "confirm",
        "Bộ phận kiểm tra (hoặc Văn phòng): xác nhận đã nhận một tin, bài của đơn vị, hoặc không xác nhận kèm lý do",
        "Reviewer (or Office): confirm that a unit's news item was received, or reject it with a reason",
    ),
    arg("confirm", "item", Some("SỐ"), "Số thứ tự của tin, bài trong `parindex news`", "The item's number in `parindex news`"),
    arg(
        "confirm",
        "reject",
        None,
        "Không xác nhận (không nhận được, hoặc không phải nội dung CCHC); cần kèm --reason",
        "Not received (or not about the reform): record it as not confirmed",
    ),
    arg("confirm", "reason", Some("LÝ_DO"), "Lý do không xác nhận", "Why it is not confirmed"),
    cmd(
        "narrative",
        "Trưởng đơn vị: viết một phần của báo cáo (kết quả đạt được, tồn tại, hạn chế, nguyên nhân, kiến nghị); không có --section thì in cả bốn phần",
        "Unit head: write a section of the unit's report (results, shortcomings, causes, proposals); without --section, print them",
    ),
    arg(
        "narrative",
        "section",
        Some("PHẦN"),
        "Phần cần viết: `ket-qua` (kết quả đạt được), `ton-tai` (tồn tại, hạn chế), `nguyen-nhan` (nguyên nhân) hoặc `kien-nghi` (kiến nghị)",
        "The section: ket-qua, ton-tai, nguyen-nhan or kien-nghi",
    ),
    arg(
        "narrative",
        "text",
        Some("VĂN_BẢN"),
        "Nội dung của phần (giữ xuống dòng; để trống thì xóa phần đó)",
        "The section's text (line breaks kept; empty clears it)",
    ),
    arg("narrative", "file", FILE, "Tệp văn bản (UTF-8) chứa nội dung của phần", "A UTF-8 text file holding the section's text"),
    cmd(
        "attach",
        "Trưởng đơn vị: đính kèm tệp tài liệu kiểm chứng (PDF, ảnh, văn bản văn phòng) vào một tiêu chí; không ghi TỆP thì liệt kê các tệp đã đính kèm",
        "Unit head: attach an evidence file (PDF, image, office document) to a criterion; without FILE, list the unit's attached files",
    ),
    arg("attach", "criterion", Some("MÃ_TIÊU_CHÍ"), "Mã tiêu chí, ví dụ 1.1.1", "The criterion's id, e.g. 1.1.1"),
    arg("attach", "reference", Some("SỐ_KÝ_HIỆU"), "Số, ký hiệu văn bản, ví dụ 44/KH-SKH&CN", "The document's number and symbol, e.g. 44/KH-SKH&CN"),
    arg("attach", "title", Some("TRÍCH_YẾU"), "Trích yếu văn bản (mặc định: tên tệp)", "The document's title (default: the file's name)"),
    arg("attach", "date", Some("NGÀY"), "Ngày ban hành, ngày trước tháng sau (22/01/2020)", "The document's date, day first"),
    arg("attach", "file", FILE, "Tệp cần đính kèm", "The file to attach"),
    cmd(
        "detach",
        "Trưởng đơn vị: gỡ một tệp đính kèm khỏi tiêu chí (xóa luôn tệp khi không còn nơi nào dẫn đến)",
        "Unit head: remove an attached file from a criterion (and the file, when nothing else names it)",
    ),
    arg("detach", "criterion", Some("MÃ_TIÊU_CHÍ"), "Mã tiêu chí", "The criterion's id"),
    arg(
        "detach",
        "file",
        FILE,
        "Tệp cần gỡ: đường dẫn trong evidence/, tên tệp, hoặc số thứ tự trong danh sách của tiêu chí",
        "The file: its path under evidence/, its name, or its number in the criterion's list",
    ),
    cmd(
        "clone",
        "Lấy đợt đánh giá giữ trong git về máy này (git clone) và thiết lập bản sao: tên người dùng của bạn, khóa ký của bạn",
        "Take a round kept in git to this machine (git clone) and set the clone up: your user name, your signing key",
    ),
    arg(
        "clone",
        "url",
        Some("ĐỊA_CHỈ"),
        "Kho git của đợt (ví dụ ssh://cchc@may-chu/srv/git/cchc-2020.git)",
        "The round's repository (e.g. ssh://cchc@server/srv/git/cchc-2020.git)",
    ),
    arg("clone", "dir", DIR, "Thư mục tạo mới cho bản sao", "The folder to make for the clone"),
    arg(
        "clone",
        "user",
        Some("TÊN"),
        "Tên người dùng của bạn trong đợt (mặc định: tên người dùng của máy này)",
        "Your user name in the round (default: this machine's user name)",
    ),
    arg(
        "clone",
        "key",
        FILE,
        "Ký commit bằng tệp khóa riêng này (mặc định, khi đợt khai khóa: ~/.ssh/id_ed25519)",
        "Sign commits with this private key file (default, when the round lists keys: ~/.ssh/id_ed25519)",
    ),
    cmd(
        "remote",
        "Đợt đánh giá qua git: `init` tạo kho git của đợt trên máy chủ, có hook kiểm tra mọi lần đẩy theo vai trò",
        "A round kept in git: `init` makes the server's repository with the hook that guards it",
    ),
    arg("remote", "action", Some("VIỆC"), "Việc cần làm: `init` (tạo kho)", "What to do: init"),
    arg("remote", "repo", Some("KHO"), "Kho git cần tạo (ví dụ /srv/git/cchc-2020.git)", "The repository to make (e.g. /srv/git/cchc-2020.git)"),
    arg("remote", "from", DIR, "Thư mục đợt đánh giá làm nội dung commit đầu tiên", "The round whose files are the first commit"),
    arg(
        "remote",
        "service_user",
        Some("TÀI_KHOẢN"),
        "Tài khoản dịch vụ sở hữu kho (chạy với quyền root)",
        "The service account that owns the repository (run as root)",
    ),
    arg(
        "remote",
        "bin",
        FILE,
        "Nơi cài parindex trên máy chủ (mặc định: chính chương trình này)",
        "Where parindex is installed on the server (default: this program)",
    ),
    cmd(
        "serve",
        "Lệnh bắt buộc trong authorized_keys của tài khoản dịch vụ: chỉ chạy git của kho đợt, với danh tính NGƯỜI_DÙNG",
        "The forced command of the git service account's authorized_keys: git of the round's repository only, as USER",
    ),
    arg("serve", "repo", Some("KHO"), "Kho git của đợt", "The round's bare repository"),
    arg(
        "serve",
        "user",
        Some("NGƯỜI_DÙNG"),
        "Người có khóa SSH vừa xác thực (ghi sẵn trong authorized_keys, người đẩy không tự đặt được)",
        "The person whose key authenticated (set in authorized_keys, never by the caller)",
    ),
    cmd(
        "hook",
        "Hook git của kho đợt (pre-receive: kiểm tra từng commit được đẩy lên)",
        "A git hook of the round's repository (pre-receive: judge every pushed commit)",
    ),
    arg("hook", "name", Some("TÊN"), "Tên hook: pre-receive", "pre-receive"),
    cmd(
        "sync",
        "Trong bản sao git của đợt: ghi nhận thay đổi của bạn, lấy thay đổi của người khác (git pull --rebase), gửi lên máy chủ",
        "In a clone of the round: commit your changes, take others' (git pull --rebase), push",
    ),
    arg(
        "sync",
        "key",
        FILE,
        "Ký commit bằng tệp khóa riêng này (mặc định: user.signingkey của git)",
        "Sign commits with this private key file (default: git's user.signingkey)",
    ),
    arg(
        "sync",
        "set_aside_refused",
        None,
        "Cất riêng các thay đổi kho đợt đánh giá đã từ chối (một nhánh trong bản sao và một bản trong thư mục trạng thái của bạn), rồi lấy lại bản của kho: dùng khi mọi lần đồng bộ đều bị từ chối",
        "Set aside the changes the round's repository refused (a branch in the clone and a copy in your state folder), then take the repository's version: when every sync is refused",
    ),
    cmd(
        "withdraw",
        "Trưởng đơn vị: rút lại bản tự đánh giá đã nộp để sửa (trước hạn, khi Văn phòng Sở chưa bắt đầu thẩm định)",
        "Unit head: take back the submission to correct it (before the deadline, before any appraisal)",
    ),
    cmd(
        "publish",
        "Văn phòng: công bố kết quả thẩm định, dự kiến (nhận ý kiến giải trình đến một ngày) hoặc chính thức",
        "Office: publish the appraised results, provisional (open to objections until a date) or final",
    ),
    arg(
        "publish",
        "provisional",
        None,
        "Kết quả dự kiến: các đơn vị gửi ý kiến giải trình đến hết ngày --until",
        "Provisional results: units may object until --until",
    ),
    arg(
        "publish",
        "until",
        Some("NGÀY"),
        "Ngày cuối nhận ý kiến giải trình, ngày trước tháng sau (20/12/2020)",
        "The last day for objections, day first (20/12/2020)",
    ),
    arg(
        "publish",
        "final",
        None,
        "Kết quả chính thức: chốt kết quả của mọi đơn vị đã thẩm định",
        "Final results: every appraised unit is made final",
    ),
    arg(
        "publish",
        "force",
        None,
        "Công bố chính thức dù còn ý kiến giải trình chưa trả lời (được ghi vào nhật ký)",
        "Publish final results although objections are unanswered (logged)",
    ),
    cmd(
        "object",
        "Trưởng đơn vị: gửi ý kiến giải trình về điểm thẩm định của một tiêu chí, kèm lý do và tài liệu kiểm chứng",
        "Unit head: object to the appraised figure of a criterion, with a reason and evidence",
    ),
    arg("object", "criterion", Some("TIÊU_CHÍ"), "Mã tiêu chí, ví dụ 3.3.1", "The criterion, e.g. 3.3.1"),
    arg("object", "reason", Some("LÝ_DO"), "Lý do đơn vị không đồng ý với điểm thẩm định", "Why the appraised figure is wrong"),
    arg(
        "object",
        "evidence",
        Some("TÀI_LIỆU"),
        "Tài liệu kiểm chứng: tệp trong thư mục evidence/, hoặc số, ký hiệu và trích yếu văn bản (ghi nhiều lần được)",
        "A document that supports it: a file under evidence/, or a document's number and title (repeatable)",
    ),
    cmd(
        "answer",
        "Văn phòng: trả lời ý kiến giải trình của đơn vị: chấp nhận (điểm thẩm định được sửa) hoặc không chấp nhận kèm lý do",
        "Office: answer a unit's objection: accept (the appraised figure changes) or reject with a reason",
    ),
    arg("answer", "criterion", Some("TIÊU_CHÍ"), "Mã tiêu chí đơn vị có ý kiến", "The criterion objected to"),
    arg(
        "answer",
        "accept",
        None,
        "Chấp nhận: điểm thẩm định lấy theo điểm tự đánh giá của đơn vị, hoặc theo --points",
        "Accept: the appraised figure becomes the unit's own, or --points",
    ),
    arg(
        "answer",
        "points",
        Some("ĐIỂM"),
        "Số điểm (hoặc giá trị tiêu chí nhận) được chấp nhận",
        "The figure accepted (points, or the value the criterion takes)",
    ),
    arg("answer", "reject", None, "Không chấp nhận; cần kèm --reason", "Reject, with --reason"),
    arg("answer", "reason", Some("LÝ_DO"), "Lý do không chấp nhận", "Why the objection is rejected"),
    cmd("tui", "Bảng điều khiển", "The dashboard"),
    arg("tui", "unit", UNIT, "Mở đơn vị này để tự đánh giá", "Open this unit for self-assessment"),
    arg("tui", "office", None, "Mở bảng điều khiển của Văn phòng", "Open the Office's dashboard"),
    arg(
        "tui",
        "compare",
        DIR,
        "Thư mục đợt đánh giá năm trước: bảng xếp hạng có thêm chỉ số và thứ hạng năm trước của từng đơn vị (theo mã đơn vị)",
        "An earlier round's workspace: the ranking shows each unit's index and rank there (matched by id)",
    ),
];

/// The entry of command `cmd` (the program is `parindex`).
pub fn command(cmd: &str) -> Option<&'static Entry> {
    HELP.iter().find(|e| e.cmd == cmd && e.arg.is_empty())
}

/// The entry of argument `arg` of command `cmd`: the command's own, else the shared one.
pub fn argument(cmd: &str, arg: &str) -> Option<&'static Entry> {
    HELP.iter().find(|e| e.cmd == cmd && e.arg == arg).or_else(|| HELP.iter().find(|e| e.cmd.is_empty() && e.arg == arg))
}

/// Words for the clap parts of the help.
pub struct Words {
    pub usage: &'static str,
    pub arguments: &'static str,
    pub options: &'static str,
    pub commands: &'static str,
    /// `[OPTIONS]` in a usage line.
    pub options_tag: &'static str,
    /// `COMMAND` in a usage line.
    pub command_value: &'static str,
}

pub static VI_WORDS: Words =
    Words {
        usage: "Cách dùng:", arguments: "Tham số:", options: "Tùy chọn:", commands: "Lệnh:", options_tag: "[TÙY_CHỌN]", command_value: "LỆNH"
    };

/// The error a value parser returns when its message is typed: rendered in the interface
/// language by the usage-error printer (its `Display` is English, for clap's own rendering).
#[derive(Debug, Clone)]
pub struct ValueError(pub Msg);

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.en())
    }
}

impl std::error::Error for ValueError {}

crate::messages! {
    /// The command line's usage errors (clap's, worded again; English keeps clap's rendering,
    /// the English here is for logs and tests).
    pub enum UsageMsg {
        Prefix => "lỗi:", "error:";
        UnknownOption { arg: String } => "không có tùy chọn `{arg}`", "unexpected argument `{arg}`";
        ExtraArgument { arg: String } => "thừa tham số `{arg}`", "unexpected argument `{arg}`";
        SimilarOption { s: String } => "có phải ý bạn là `{s}`?", "a similar argument exists: `{s}`";
        SimilarCommand { s: String } => "có phải ý bạn là lệnh `{s}`?", "a similar subcommand exists: `{s}`";
        SimilarValue { s: String } => "có phải ý bạn là `{s}`?", "a similar value exists: `{s}`";
        AsValue { arg: String } => "muốn dùng `{arg}` làm giá trị thì viết `-- {arg}`", "to pass `{arg}` as a value, use `-- {arg}`";
        Hint => "gợi ý:", "tip:";
        ValueNeeded { arg: String } => "`{arg}` cần một giá trị", "a value is required for `{arg}`";
        BadValue { value: String, arg: String } => "giá trị `{value}` không dùng được cho `{arg}`", "invalid value `{value}` for `{arg}`";
        Allowed { values: String } => "chỉ nhận: {values}", "possible values: {values}";
        UnknownCommand { name: String } => "không có lệnh `{name}`", "unrecognized subcommand `{name}`";
        Missing => "thiếu tham số bắt buộc:", "the following required arguments were not provided:";
        NeedsCommand { name: String } => "`{name}` cần thêm tên một lệnh", "`{name}` requires a subcommand";
        Twice { arg: String } => "`{arg}` chỉ được dùng một lần", "the argument `{arg}` cannot be used multiple times";
        Conflict { arg: String, other: String } => "không dùng `{arg}` cùng với `{other}`", "the argument `{arg}` cannot be used with `{other}`";
        ConflictMany { arg: String } => "không dùng `{arg}` cùng với:", "the argument `{arg}` cannot be used with:";
        ConflictOther { arg: String } => "không dùng `{arg}` cùng với các tham số khác đã nêu", "the argument `{arg}` cannot be used with one or more of the other specified arguments";
        NoEquals { arg: String } => "cần dấu `=` khi gán giá trị cho `{arg}`", "equal sign is needed when assigning values to `{arg}`";
        TooMany { value: String, arg: String } => "giá trị thừa `{value}` cho `{arg}`", "unexpected value `{value}` for `{arg}` found; no more were expected";
        TooFew { arg: String, need: usize, got: usize } => "`{arg}` cần ít nhất {need} giá trị, mới có {got}", "{need} values required by `{arg}`; only {got} provided";
        WrongCount { arg: String, need: usize, got: usize } => "`{arg}` cần {need} giá trị, nhưng có {got}", "{need} values required for `{arg}` but {got} provided";
        NotUtf8 => "dòng lệnh có tham số không phải văn bản UTF-8 hợp lệ", "invalid UTF-8 was detected in one or more arguments";
        Other => "dòng lệnh không hợp lệ", "invalid command line";
        MoreHelp { cmd: String } => "Xem hướng dẫn: `{cmd} --help`", "For more information, try `{cmd} --help`.";
        UnknownLang { value: String } => "không có ngôn ngữ `{value}` (chọn `vi` hoặc `en`)", "unknown language `{value}` (vi or en)";
        BadSep => "dấu phân cách phải là `;` hoặc `,`", "the separator must be ';' or ','";
        BadDate => "không phải ngày; ghi ngày trước tháng: 20/12/2020, hoặc 2020-12-20", "not a date (write it day first: 20/12/2020, or 2020-12-20)";
        UnitsRange => "số đơn vị phải từ 1 đến 100000", "the number of units must be from 1 to 100000";
    }
}

/// Why a value was refused, for the values whose parser gives an English reason (keyed by the
/// option's long name), when the parser's error is not a [`ValueError`].
pub fn value_reason(long: &str) -> Option<UsageMsg> {
    match long {
        "sep" => Some(UsageMsg::BadSep),
        "date" => Some(UsageMsg::BadDate),
        "units" => Some(UsageMsg::UnitsRange),
        _ => None,
    }
}

/// The manual's name in a man page's header (clap_mangen's "General Commands Manual").
pub fn man_manual(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Hướng dẫn lệnh",
        Lang::En => "General Commands Manual",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_entry_is_listed_twice_and_none_is_empty() {
        for (i, e) in HELP.iter().enumerate() {
            assert!(!e.vi.trim().is_empty() && !e.en.trim().is_empty(), "{e:?}");
            assert!(!HELP[..i].iter().any(|o| o.cmd == e.cmd && o.arg == e.arg), "twice: {e:?}");
            assert!(crate::text::english::english_lines(e.vi).is_empty(), "English in the Vietnamese of {e:?}");
        }
    }

    #[test]
    fn a_command_entry_wins_over_the_shared_one() {
        assert_eq!(argument("log", "unit").unwrap().vi, "Chỉ xem nhật ký của đơn vị này");
        assert_eq!(argument("score", "unit").unwrap().cmd, "");
        assert!(argument("score", "nosuch").is_none());
    }
}
