//! The news register (issue 12): the items a unit sent (tin, bài), the reviewer who confirms
//! them, and the confirmations.

use crate::messages;
pub use parindex_core::say::register::*;

crate::wording! {
    RegisterMsg {
        UnknownRegister { name } =>
            "sổ `{name}` không có: chỉ có sổ `news` (tin, bài)",
            "unknown register `{name}`: the only register is \"news\" (news items)";
        RegisterOnGroup { id } =>
            "`{id}` có tiêu chí thành phần, là nhóm nên không khai `register`",
            "`{id}` has sub-criteria, so it is a group and takes no `register`";
        RegisterNeedsTarget { id } =>
            "`register` chỉ dùng cho tiêu chí có `rule = \"target\"` (`{id}`): số tin, bài là giá trị so với chỉ tiêu",
            "`register` belongs to a `rule = \"target\"` criterion (`{id}`): the number of items is its value";
        RegisterTwice { name, first } =>
            "sổ `{name}` đã gắn với tiêu chí `{first}`: mỗi sổ chỉ tính cho một tiêu chí",
            "register `{name}` is already counted by `{first}`: one criterion per register";
        NoRegisterLeaf =>
            "bảng điểm không có tiêu chí nào khai `register = \"news\"`: danh sách `[[news]]` không được tính điểm",
            "the scorecard has no criterion with `register = \"news\"`: the `[[news]]` list counts for nothing";
        TypedAndListed { id } =>
            "số tin, bài của `{id}` được đếm từ danh sách `[[news]]`: bỏ giá trị nhập tay ở đây",
            "the count of `{id}` comes from the `[[news]]` list: remove the value typed here";
        ControlChars =>
            "tiêu đề, đường dẫn, nơi nhận và lý do chỉ viết trên một dòng (không có ký tự điều khiển, tab hay xuống dòng)",
            "titles, links, where sent and reasons are one line (no control character, tab or line break)";
        NoTitle =>
            "tin, bài thiếu `title` (tiêu đề)",
            "a news item needs a `title`";
        NoDate =>
            "tin, bài thiếu `date` (ngày gửi, ví dụ 2020-03-25)",
            "a news item needs a `date` (when it was sent, e.g. 2020-03-25)";
        DateOutsideYear { date, year } =>
            "tin, bài ngày {date} nằm ngoài năm {year} của đợt đánh giá",
            "a news item dated {date}, outside the round's year {year}";
        BadLink { link } =>
            "đường dẫn `{link}` không hợp lệ: phải bắt đầu bằng http:// hoặc https://",
            "link `{link}` is not a web address: it must start with http:// or https://";
        BadFile { file, why } =>
            "tệp `{file}`: {why}",
            "file `{file}`: {why}";
        TypedNoPlace =>
            "cần đường dẫn bài đã đăng (http/https) hoặc tệp trong thư mục evidence/ để đối chiếu",
            "give the published link (http/https) or a file under evidence/ to check it against";
        TypedBadDate { date } =>
            "ngày `{date}` không hợp lệ (ví dụ 25/03/2020)",
            "`{date}` is not a date (e.g. 25/03/2020)";
        NoLinkNorFile { title } =>
            "tin, bài “{title}” không có `link` hay `file`: Văn phòng không có gì để đối chiếu",
            "news item \"{title}\" has neither `link` nor `file`: nothing to check it against";
        Duplicate { title, first } =>
            "tin, bài “{title}” trùng với mục {first} (cùng ngày, cùng tiêu đề, không kể khoảng trắng và chữ hoa, chữ thường)",
            "news item \"{title}\" repeats item {first} (same date and title, spaces and case aside)";
        UnknownCriterion { id } =>
            "tiêu chí `{id}` không có trong bảng điểm",
            "criterion `{id}` is not in the scorecard";
        ReviewerTwice { id } =>
            "bộ phận kiểm tra `{id}` được khai hai lần",
            "reviewer `{id}` is declared twice";
        ReviewerBadId { id } =>
            "mã bộ phận kiểm tra `{id}` chỉ gồm chữ ASCII, số, `-`, `_`",
            "reviewer id `{id}` must be ASCII letters, digits, `-` or `_`";
        AppraiserTwice { id } =>
            "bộ phận thẩm định `{id}` được khai hai lần",
            "appraiser `{id}` is declared twice";
        AppraiserBadId { id } =>
            "mã bộ phận thẩm định `{id}` chỉ gồm chữ ASCII, số, `-`, `_`",
            "appraiser id `{id}` must be ASCII letters, digits, `-` or `_`";
        AppraiserNoPart { id } =>
            "bộ phận thẩm định `{id}` chưa được giao phần nào: khai `areas = [\"6\"]` hoặc `criteria = [\"4.1.2\"]`",
            "appraiser `{id}` is given no part: write `areas = [\"6\"]` or `criteria = [\"4.1.2\"]`";
        UnknownArea { id } =>
            "lĩnh vực `{id}` không có trong bảng điểm (`areas` chỉ ghi mã lĩnh vực, ví dụ `\"6\"`)",
            "area `{id}` is not in the scorecard (`areas` takes area ids, e.g. \"6\")";
        PartTwice { id, first } =>
            "tiêu chí `{id}` đã giao cho bộ phận thẩm định `{first}`: mỗi tiêu chí chỉ do một bộ phận thẩm định",
            "criterion `{id}` is already given to appraiser `{first}`: one appraiser per criterion";
        CouncilNotLogged =>
            "tệp tiến độ thẩm định theo phần này không có trong nhật ký: nó được ghi ngoài parindex",
            "this file of parts done is not recorded in the audit log: it was written outside parindex";
        CouncilChanged { seq } =>
            "tệp tiến độ thẩm định theo phần đã bị sửa ngoài parindex sau mục nhật ký {seq}",
            "this file of parts done was changed outside parindex after audit entry {seq}";
        MarkBadStatus { status } =>
            "trạng thái `{status}` không hợp lệ (confirmed hoặc rejected)",
            "unknown status `{status}` (confirmed or rejected)";
        MarkNoKey =>
            "mục xác nhận thiếu `key`",
            "a confirmation needs its item's `key`";
        RejectNeedsReason =>
            "không xác nhận thì phải ghi lý do (`reason`)",
            "a rejection needs its `reason`";
        ReviewNotLogged =>
            "tệp xác nhận này không có trong nhật ký: nó được ghi ngoài parindex",
            "this confirmations file is not recorded in the audit log: it was written outside parindex";
        ReviewChanged { seq } =>
            "tệp xác nhận đã bị sửa ngoài parindex sau mục nhật ký {seq}",
            "this confirmations file was changed outside parindex after audit entry {seq}";
        WrongUnit { found, expected } =>
            "tệp này của đơn vị `{found}`, nhưng tên tệp là của `{expected}`",
            "this file is for unit `{found}`, but its name says `{expected}`";
        Limit { over } =>
            "{over}",
            "{over}";
    }
}

messages! {
    /// What the `news` and `confirm` commands say, and the register's words in tables.
    pub enum NewsWord {
        Heading { unit: String, name: String } =>
            "Sổ tin, bài CCHC của {name} ({unit})",
            "News register of {name} ({unit})";
        Summary { claimed: usize, confirmed: usize } =>
            "tin, bài: kê khai {claimed}, xác nhận {confirmed}",
            "news items: claimed {claimed}, confirmed {confirmed}";
        SummaryFull { claimed: usize, confirmed: usize, rejected: usize, pending: usize, target: String } =>
            "Kê khai {claimed} tin, bài; xác nhận {confirmed}; không xác nhận {rejected}; chờ xác nhận {pending} (chỉ tiêu {target})",
            "Claimed {claimed} items; confirmed {confirmed}; rejected {rejected}; awaiting {pending} (target {target})";
        ColNo => "STT", "No.";
        ColDate => "Ngày gửi", "Sent";
        ColTitle => "Tiêu đề", "Title";
        ColWhere => "Đường dẫn / tệp", "Link / file";
        ColSentTo => "Nơi nhận", "Sent to";
        ColState => "Xác nhận", "Confirmation";
        Confirmed { by: String } => "đã xác nhận ({by})", "confirmed ({by})";
        Rejected { reason: String } => "không xác nhận: {reason}", "rejected: {reason}";
        Pending => "chờ xác nhận", "awaiting";
        Empty => "Chưa kê khai tin, bài nào.", "No items listed yet.";
        AddItem => "Thêm tin, bài đã gửi", "Add an item sent";
        FormAdd => "Thêm tin, bài vào sổ", "Add an item to the register";
        FormEdit => "Sửa tin, bài", "Edit the item";
        FormTitle => "Tiêu đề", "Title";
        FormDate => "Ngày gửi", "Date sent";
        FormPlace => "Đường dẫn / tệp", "Link / file";
        FormSentTo => "Nơi nhận", "Sent to";
        FormHint =>
            "Ngày gửi theo ngày/tháng/năm (25/03/2020); đường dẫn web (thiếu https:// thì được thêm) hoặc tên tệp đã chép vào thư mục evidence/",
            "Dates day first (25/03/2020); a link starting with https:// or a file name under evidence/";
        NotReviewer { user: String, id: String } =>
            "người dùng `{user}` không được xác nhận tin, bài cho tiêu chí `{id}` (xem [[reviewer]] trong workspace.toml)",
            "user `{user}` may not confirm items for `{id}` ([[reviewer]] in workspace.toml)";
        NoRegister =>
            "bảng điểm không có tiêu chí nào tính theo sổ tin, bài (`register = \"news\"`)",
            "the scorecard has no criterion counted from the news register (`register = \"news\"`)";
        NoItem { n: usize, count: usize } =>
            "không có mục {n}: sổ có {count} tin, bài",
            "there is no item {n}: the register has {count} items";
        DidConfirm { n: usize, title: String } =>
            "Đã xác nhận mục {n}: “{title}”",
            "Confirmed item {n}: \"{title}\"";
        DidReject { n: usize, title: String } =>
            "Đã ghi không xác nhận mục {n}: “{title}”",
            "Recorded item {n} as rejected: \"{title}\"";
        Unchanged => "Không có gì thay đổi.", "Nothing changed.";
        DidAdd { n: usize, title: String } =>
            "Đã thêm mục {n}: “{title}”",
            "Added item {n}: \"{title}\"";
        NotEditable { why: String } =>
            "không sửa được bản tự đánh giá: {why}",
            "the self-assessment cannot be edited: {why}";
        NeedUnit =>
            "cần --unit ID (đơn vị có sổ tin, bài cần xem)",
            "give --unit ID (the unit whose register to show)";
        ReviewerOf { ids: String } =>
            "xác nhận tin, bài (bộ phận {ids})",
            "confirms news items (reviewer {ids})";
        RegisterWord => "Sổ tin, bài", "News register";
        OfficeAppraisal { confirmed: usize } =>
            "Thẩm định mặc định theo số tin, bài được xác nhận: {confirmed}",
            "The appraisal defaults to the items confirmed: {confirmed}";
    }
}
