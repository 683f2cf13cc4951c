//! A round kept in git (issue 20): what `remote init`, `serve`, the pre-receive hook and `sync`
//! say.

use crate::messages;

messages! {
    /// The words of the git deployment.
    pub enum GitWord {
        NotARepoPath { repo: String } =>
            "`{repo}` đã có và không phải thư mục trống: chọn một đường dẫn mới cho kho git của đợt",
            "`{repo}` exists and is not an empty folder: choose a new path for the round's git repository";
        ServiceNeedsRoot =>
            "--service-user cần chạy với quyền root (để giao kho cho tài khoản dịch vụ)",
            "--service-user needs root (to hand the repository to the service account)";
        GitFailed { what: String, why: String } =>
            "git {what} không thành công: {why}",
            "git {what} failed: {why}";
        NoGit { why: String } =>
            "không chạy được git ({why}): cần cài git",
            "cannot run git ({why}): git must be installed";
        Made { repo: String, commit: String, units: usize } =>
            "Đã tạo kho {repo} (commit đầu {commit}, {units} đơn vị), có hook pre-receive kiểm tra mọi lần đẩy.",
            "Made the repository {repo} (first commit {commit}, {units} units), with a pre-receive hook that checks every push.";
        KeysHeading { home: String } =>
            "Thêm các dòng sau vào {home}/.ssh/authorized_keys của tài khoản dịch vụ (mỗi khóa một dòng):",
            "Add these lines to the service account's {home}/.ssh/authorized_keys (one line per key):";
        NoKeys { user: String } =>
            "# {user}: workspace.toml chưa khai khóa SSH nào ([[person]] keys hoặc keys của đơn vị)",
            "# {user}: workspace.toml lists no SSH key ([[person]] keys or the unit's keys)";
        CloneHint { url: String } =>
            "Mỗi người lấy đợt về máy mình: parindex clone {url} THƯ_MỤC --user TÊN (lấy bản sao, ghi tên người dùng và khóa ký).",
            "Each person takes the round to their machine: parindex clone {url} DIR --user NAME (clones, sets the user name and the signing key).";
        NoCommand =>
            "tài khoản này chỉ dùng để đẩy và lấy đợt đánh giá bằng git; không mở phiên làm việc",
            "this account only pushes and fetches the round with git; it opens no session";
        BadCommand { command: String } =>
            "lệnh không được phép qua tài khoản này: `{command}` (chỉ git-receive-pack và git-upload-pack của kho đợt)",
            "command not allowed through this account: `{command}` (only git-receive-pack and git-upload-pack of the round's repository)";
        OtherRepo { asked: String } =>
            "kho `{asked}` không phải kho của đợt đánh giá này",
            "`{asked}` is not this round's repository";
        UnknownPerson { user: String } =>
            "`{user}` không có vai trò nào trong workspace.toml của đợt",
            "`{user}` has no role in the round's workspace.toml";
        NoPusher =>
            "kho này chỉ nhận lần đẩy qua SSH với khóa đã đăng ký (parindex serve); lần đẩy này không rõ người đẩy",
            "this repository takes pushes only over SSH with a registered key (parindex serve); this push has no known pusher";
        OnlyMain { branch: String, main: String } =>
            "chỉ được đẩy lên nhánh {main}; từ chối {branch}",
            "only the {main} branch takes pushes; refused {branch}";
        DeleteRef { branch: String } =>
            "không được xóa nhánh {branch}",
            "the branch {branch} may not be deleted";
        ForcePush { branch: String } =>
            "không được đẩy đè (force push) lên {branch}: lịch sử của đợt chỉ được nối thêm; hãy chạy parindex sync (git pull --rebase) rồi đẩy lại",
            "no force push to {branch}: the round's history is only added to; run parindex sync (git pull --rebase) and push again";
        Merge { commit: String } =>
            "commit {commit} là commit gộp nhánh (merge): hãy dùng git pull --rebase (parindex sync làm việc này)",
            "commit {commit} is a merge: use git pull --rebase (parindex sync does)";
        CommitRefused { commit: String, subject: String } =>
            "từ chối commit {commit} (“{subject}”):",
            "refused commit {commit} (“{subject}”):";
        Refusals { count: usize } =>
            "Kho đợt đánh giá từ chối lần đẩy ({count} lý do ở trên). Không có gì được ghi nhận.",
            "The round's repository refused the push ({count} reasons above). Nothing was taken.";
        OfficeOnly { path: String, user: String } =>
            "{path}: chỉ Văn phòng Sở được thay đổi tệp này ({user} không thuộc Văn phòng Sở)",
            "{path}: only the Office may change this file ({user} is not in the Office)";
        NotYours { path: String, unit: String, user: String } =>
            "{path}: {user} không có quyền thay đổi tệp này của đơn vị {unit}",
            "{path}: {user} may not change this file of unit {unit}";
        NotPlain { path: String } =>
            "{path}: đợt đánh giá chỉ chứa tệp thường (không liên kết, không submodule, không tệp chạy được)",
            "{path}: a round holds plain files only (no links, submodules or executables)";
        Deleted { path: String } =>
            "{path}: tệp này của hồ sơ không được xóa",
            "{path}: this file of the record may not be deleted";
        LogRewritten { unit: String } =>
            "nhật ký của đơn vị {unit} bị sửa hoặc xóa dòng: nhật ký chỉ được ghi thêm",
            "the log of unit {unit} was edited or cut: the log is only appended to";
        NotLogged { path: String } =>
            "{path}: thay đổi không có dòng nhật ký tương ứng (mọi thay đổi của hồ sơ đơn vị được ghi vào audit/<đơn vị>.jsonl; hãy dùng parindex)",
            "{path}: a change without its log entry (every change of a unit's record is logged in audit/<unit>.jsonl; use parindex)";
        OtherName { unit: String, name: String, user: String } =>
            "nhật ký của đơn vị {unit} có dòng mới mang tên {name}, nhưng người đẩy là {user}",
            "the log of unit {unit} has a new entry in the name of {name}, but the pusher is {user}";
        Refused { unit: String, action: String, why: String } =>
            "đơn vị {unit}, thao tác “{action}”: {why}",
            "unit {unit}, action “{action}”: {why}";
        OutOfStep { unit: String, logged: String, file: String } =>
            "đơn vị {unit}: trạng thái trong tệp là “{file}” nhưng nhật ký dẫn tới “{logged}” (trạng thái bị sửa tay)",
            "unit {unit}: the file says “{file}” but its log leads to “{logged}” (the status was edited by hand)";
        Unsigned { unit: String } =>
            "đơn vị {unit}: bản tự đánh giá được nộp mà không có chữ ký SSH của người phụ trách, dù workspace.toml khai khóa",
            "unit {unit}: the self-assessment was submitted without the head's SSH signature, although workspace.toml lists keys";
        DoesNotLoad { problems: String } =>
            "sau commit này đợt không đọc được:\n{problems}",
            "after this commit the round does not load:\n{problems}";
        CheckFails { count: usize, problems: String } =>
            "sau commit này đợt có {count} lỗi khi kiểm tra (parindex check):\n{problems}",
            "after this commit the round has {count} errors in parindex check:\n{problems}";
        CommitUnsignedByPusher { user: String } =>
            "commit không có chữ ký SSH hợp lệ bằng khóa của {user} (workspace.toml khai khóa: mọi commit phải được ký bằng khóa SSH)",
            "the commit has no valid SSH signature by a key of {user} (workspace.toml lists keys: every commit must be signed with an SSH key)";
        NotAClone { dir: String } =>
            "{dir} không phải bản sao git của đợt (không có .git): parindex sync chỉ dùng cho đợt lấy về bằng git clone",
            "{dir} is not a git clone of the round (no .git): parindex sync is for a round taken with git clone";
        NeedsSigningKey =>
            "workspace.toml khai khóa SSH: mọi commit phải được ký bằng khóa SSH của bạn; hãy chỉ ra khóa bằng --key TỆP_KHÓA (hoặc git config user.signingkey TỆP_KHÓA)",
            "workspace.toml lists SSH keys: every commit must be signed with your SSH key; name it with --key KEY_FILE (or git config user.signingkey KEY_FILE)";
        Conflict { files: String } =>
            "git báo xung đột ở các tệp: {files}. Không có gì bị mất: thay đổi của bạn vẫn ở commit cục bộ; hãy báo Văn phòng Sở.",
            "git reports a conflict in: {files}. Nothing is lost: your changes stay in the local commit; tell the Office.";
        PushRefused { why: String } =>
            "kho đợt đánh giá từ chối thay đổi của bạn:\n{why}\nThay đổi vẫn ở commit cục bộ, chưa gửi đi. Kho sẽ không bao giờ nhận thay đổi này (chẳng hạn đơn vị đã có kết quả chính thức trong lúc bạn sửa): mọi lần đồng bộ sau sẽ bị từ chối như vậy. Để tiếp tục làm việc, hãy cất riêng thay đổi bị từ chối và lấy lại bản của kho: parindex sync --set-aside-refused (trên bảng điều khiển: phím X). Không có gì bị mất: bản cất riêng được giữ lại.",
            "the round's repository refused your changes:\n{why}\nThey stay in the local commit, not sent. The repository will never take them (say the unit's results were made final while you edited): every later sync is refused the same way. To go on working, set the refused changes aside and take the repository's version: parindex sync --set-aside-refused (in the dashboard: the X key). Nothing is lost: the set-aside copy is kept.";
        SetAside { n: usize, folder: String, branch: String, subjects: String } =>
            "Đã cất riêng {n} commit chưa được kho nhận, rồi lấy lại bản của kho đợt đánh giá (bản sao nay giống hệt kho). Bản cất riêng ở {folder} (gói git thay-doi.bundle và mỗi commit một tệp .patch) và ở nhánh {branch} trong bản sao. Các thay đổi đã cất riêng:\n{subjects}\nKhóa chỉnh sửa và bản phục hồi (thay đổi chưa lưu) không thuộc git nên được để nguyên. Muốn làm lại thay đổi nào, hãy làm lại bằng parindex (nếu quy trình còn cho phép) rồi đồng bộ.",
            "Set aside {n} commits the repository did not take, then took the round's repository's version (the clone is now the same as the repository). The set-aside copy is in {folder} (the git bundle thay-doi.bundle and one .patch file per commit) and in the clone's branch {branch}. What was set aside:\n{subjects}\nEdit locks and recovery journals are outside git and stay as they are. To redo a change, redo it with parindex (if the workflow still allows it) and sync.";
        NothingToSetAside =>
            "Không có gì để cất riêng: bản sao không có thay đổi nào chưa gửi lên kho đợt đánh giá.",
            "Nothing to set aside: the clone has no change that is not on the round's repository.";
        UncommittedSubject =>
            "thay đổi chưa commit (cất riêng)",
            "uncommitted changes (set aside)";
        ServerMovedOn =>
            "kho đợt đánh giá nhận thêm thay đổi của người khác trong lúc đồng bộ (hai lần liền). Thay đổi của bạn vẫn ở commit cục bộ, chưa gửi đi: hãy đồng bộ lại.",
            "the round's repository took others' changes while syncing (twice in a row). Yours stay in the local commit, not sent: sync again.";
        Synced { sent: usize, received: usize } =>
            "Đã đồng bộ: gửi {sent} commit, nhận {received} commit.",
            "Synced: sent {sent} commits, received {received}.";
        NothingToSync => "Đã đồng bộ: không có thay đổi nào.", "In sync: nothing changed.";
        Pending { n: usize } => "Chưa đồng bộ: {n} thay đổi", "Not synced: {n} changes";
        Subject { unit: String, n: usize, user: String } =>
            "{unit}: {n} thay đổi ({user})",
            "{unit}: {n} changes ({user})";
        SubjectRound { user: String } =>
            "đợt đánh giá: thay đổi của {user}",
            "round: changes by {user}";
        UnknownHook { name: String } =>
            "parindex không có hook `{name}` (chỉ pre-receive)",
            "parindex has no hook `{name}` (only pre-receive)";
    }
}
