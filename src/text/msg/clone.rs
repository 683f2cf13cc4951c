//! What `parindex clone` says: a unit head's clone of a round kept in git, set up in one step.

crate::messages! {
    /// Setting up a clone of a round.
    pub enum CloneWord {
        DirTaken { dir: String } =>
            "`{dir}` đã có và không phải thư mục trống: chọn một thư mục mới cho bản sao",
            "`{dir}` exists and is not an empty folder: choose a new folder for the clone";
        BadUser { user: String } =>
            "tên người dùng `{user}` không dùng được (cần một từ, không dấu cách)",
            "the user name `{user}` cannot be used (one word, no spaces)";
        NoUser =>
            "không biết tên người dùng của máy này: hãy ghi rõ --user TÊN",
            "the user name of this machine is not known: give --user NAME";
        KeyMissing { key: String } =>
            "không có tệp khóa `{key}`: hãy chỉ đến tệp khóa riêng SSH của bạn (ví dụ ~/.ssh/id_ed25519)",
            "there is no key file `{key}`: name your private SSH key (e.g. ~/.ssh/id_ed25519)";
        CloneFailed { url: String, why: String } =>
            "không lấy được đợt đánh giá từ {url}: {why}",
            "cannot take the round from {url}: {why}";
        NotARound { dir: String, problems: String } =>
            "đã lấy kho về {dir} nhưng đó không phải một đợt đánh giá đọc được:\n{problems}",
            "the repository was taken to {dir} but it is not a round that loads:\n{problems}";
        Cloned { url: String, dir: String } =>
            "Đã lấy đợt đánh giá từ {url} về {dir}.",
            "Took the round from {url} to {dir}.";
        UserSet { user: String } =>
            "Tên người dùng của bản sao: {user} (git config parindex.user).",
            "The clone's user name: {user} (git config parindex.user).";
        KeyGiven { key: String } =>
            "Ký commit bằng khóa {key} (khóa bạn chỉ ra; git config user.signingkey, gpg.format=ssh).",
            "Commits are signed with {key} (the key you named; git config user.signingkey, gpg.format=ssh).";
        KeyChosen { key: String } =>
            "Đợt yêu cầu ký mọi commit bằng khóa SSH: đã chọn khóa mặc định {key} (đổi bằng --key TỆP_KHÓA).",
            "The round asks for every commit to be signed with an SSH key: chose the default key {key} (change it with --key KEY_FILE).";
        NoKeyFound { key: String, dir: String } =>
            "Cảnh báo: đợt yêu cầu ký mọi commit bằng khóa SSH nhưng không có {key}. Trước khi đồng bộ, hãy chỉ ra khóa của bạn: git -C {dir} config user.signingkey TỆP_KHÓA (và git -C {dir} config gpg.format ssh), hoặc chạy lại parindex clone với --key TỆP_KHÓA.",
            "Warning: the round asks for every commit to be signed with an SSH key but {key} does not exist. Before syncing, name your key: git -C {dir} config user.signingkey KEY_FILE (and git -C {dir} config gpg.format ssh), or run parindex clone again with --key KEY_FILE.";
        KeyNotListed { key: String, user: String } =>
            "Cảnh báo: khóa {key} không phải khóa của {user} khai trong workspace.toml của đợt: máy chủ sẽ từ chối các commit ký bằng khóa này. Hãy dùng đúng khóa (--key) hoặc gửi khóa công khai cho Văn phòng Sở.",
            "Warning: the key {key} is not one workspace.toml lists for {user}: the server will refuse commits signed with it. Use the right key (--key) or send your public key to the Office.";
        NotAPerson { user: String, dir: String } =>
            "Cảnh báo: `{user}` không có vai trò nào trong đợt này (workspace.toml không ghi tên này là Văn phòng Sở, trưởng đơn vị, người thẩm định hay người xác nhận). Bạn chỉ xem được; máy chủ sẽ từ chối mọi thay đổi của bạn. Nếu gõ nhầm tên, sửa bằng: git -C {dir} config parindex.user TÊN_ĐÚNG; nếu đúng tên, hãy báo Văn phòng Sở.",
            "Warning: `{user}` has no role in this round (workspace.toml does not name them as the Office, a unit head, an appraiser or a reviewer). You can only look; the server will refuse every change of yours. If the name is mistyped, fix it with: git -C {dir} config parindex.user RIGHT_NAME; if it is right, tell the Office.";
        Role { roles: String } =>
            "Vai trò của bạn trong đợt: {roles}.",
            "Your role in the round: {roles}.";
        RoleOffice => "Văn phòng Sở", "the Office";
        RoleHead { units: String } => "trưởng đơn vị {units}", "head of unit {units}";
        RoleOther => "người thẩm định hoặc người xác nhận", "appraiser or reviewer";
        Next { dir: String } =>
            "Việc tiếp theo:\n  1. Mở bảng điều khiển: parindex tui -w {dir}\n  2. Đồng bộ với máy chủ (gửi thay đổi của bạn, nhận thay đổi của người khác): phím B trong bảng điều khiển, hoặc parindex sync -w {dir}",
            "Next:\n  1. Open the dashboard: parindex tui -w {dir}\n  2. Sync with the server (send your changes, take others'): the B key in the dashboard, or parindex sync -w {dir}";
    }
}
