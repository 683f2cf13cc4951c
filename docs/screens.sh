#!/bin/sh
# Regenerates every dashboard screen in docs/huong-dan-su-dung.md from the real dashboard.
#
#   docs/screens.sh            build (cargo build), capture, rewrite the guide's screen blocks
#   PARINDEX_BIN=path docs/screens.sh    use that binary instead of building
#   SCREENS_OUT=dir docs/screens.sh      also keep each screen as dir/NAME.txt
#
# It writes the demo round (`parindex demo --no-tui`, seed 2020) in a temporary folder, drives
# `parindex tui` in a private tmux server at 100×30 (as tests/e2e_tmux.rs does), and captures
# the pane with `tmux capture-pane -p`. In the guide every screen sits between
#   <!-- screen: NAME -->
#   ```text
#   …
#   ```
#   <!-- /screen -->
# and only what is between those two lines is replaced; a NAME the guide has but this script did
# not capture is an error (exit 1), so a renamed screen cannot go stale silently.
# Needs tmux. Kills only the tmux server it started (its own socket).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
GUIDE="$ROOT/docs/huong-dan-su-dung.md"
command -v tmux >/dev/null || { echo "screens.sh: tmux is needed" >&2; exit 1; }

if [ -n "${PARINDEX_BIN:-}" ]; then
    BIN=$PARINDEX_BIN
else
    (cd "$ROOT" && cargo build --quiet)
    BIN="$ROOT/target/debug/parindex"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/parindex-screens.XXXXXX")
SOCK="parindex-screens-$$"
SHOTS="$WORK/shots"
mkdir -p "$SHOTS"
cleanup() {
    tmux -L "$SOCK" kill-server 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

DIR="$WORK/dot"
# The same clean environment as the tests (tests/common: CLEARED), Vietnamese.
run() {
    env -u PARINDEX_LANG -u PARINDEX_NO_CACHE -u PARINDEX_SIGNING_KEY -u SSH_AUTH_SOCK \
        LANG=C.UTF-8 "$BIN" "$@"
}
run demo --no-tui "$DIR" >"$WORK/demo.log" 2>&1 || { cat "$WORK/demo.log" >&2; exit 1; }

# start ARGS… : the dashboard `parindex tui -w DIR ARGS…` in a fresh 100×30 session "sN"; the
# previous session is closed after the new one exists (closing the last one would end the server).
N=0
start() {
    N=$((N + 1))
    tmux -L "$SOCK" new-session -d -c "$WORK" -x 100 -y 30 -s "s$N" \
        env -u PARINDEX_LANG -u PARINDEX_NO_CACHE -u PARINDEX_SIGNING_KEY -u SSH_AUTH_SOCK \
        LANG=C.UTF-8 sh -c "'$BIN' tui -w '$DIR' $*; echo EXITED:\$?; sleep 600"
    if [ "$N" -gt 1 ]; then tmux -L "$SOCK" kill-session -t "s$((N - 1))"; fi
}
screen() { tmux -L "$SOCK" capture-pane -p -t "s$N"; }
# keys KEY… : tmux key names (Enter, Escape, C-s, j…), one at a time.
keys() {
    for k in "$@"; do
        tmux -L "$SOCK" send-keys -t "s$N" "$k"
        sleep 0.15
    done
}
# text STRING : typed literally.
text() {
    tmux -L "$SOCK" send-keys -t "s$N" -l "$1"
    sleep 0.3
}
# wait_for STRING : until the screen shows STRING (10 s at most, else exit 1 with the screen).
wait_for() {
    i=0
    while ! screen | grep -qF -- "$1"; do
        i=$((i + 1))
        if [ "$i" -gt 100 ]; then
            echo "screens.sh: timed out waiting for “$1”; the screen:" >&2
            screen >&2
            exit 1
        fi
        sleep 0.1
    done
    sleep 0.3
}
# shot NAME : the pane as it is now.
shot() {
    screen >"$SHOTS/$1.txt"
    echo "screen $1"
}
# quit : leave the dashboard (everything saved first) and wait for it to end.
quit() {
    keys C-s
    keys q
    wait_for "EXITED:"
}

# --- Unit head (Phòng Quản lý Khoa học, a draft) ---
start --unit qlkh
wait_for "Phòng Quản lý Khoa học"
shot don-vi-mo
keys /
text "1.1.2"
keys Enter Enter
wait_for "Ghi nhận"
text "15/18"
shot don-vi-nhap-diem
keys Enter a
wait_for "Thêm tài liệu kiểm chứng ─"
text "25/BC-QLKH"
keys Tab
text "15/12/2020"
keys Tab
text "Báo cáo kết quả thực hiện kế hoạch CCHC năm 2020"
shot don-vi-tai-lieu
keys Enter e
wait_for "Esc  Xong"
text "Đơn vị hoàn thành 15/18 nhiệm vụ; 3 nhiệm vụ còn lại chuyển sang quý I/2021."
keys Escape C-s
wait_for "Đã lưu"
shot don-vi-giai-trinh
keys Escape Escape N
wait_for "Nộp bản tự đánh giá"
shot don-vi-nop
keys Escape
quit

# --- Office: the units, an appraisal with a question, returning the unit, the ranking ---
start --office
wait_for "Các đơn vị"
shot vp-bang
keys /
text "thanh tra"
keys Enter Enter
wait_for "Thẩm định: Thanh tra Sở"
keys /
text "1.2"
keys Enter Q
wait_for "Câu hỏi giải trình"
text "Đề nghị bổ sung số, ngày của báo cáo quý III."
keys Escape
wait_for "Đơn vị chưa trả lời"
keys C-s
wait_for "Đã lưu"
shot vp-tham-dinh
keys T
wait_for "Lý do trả lại"
text "Bổ sung tài liệu kiểm chứng tiêu chí 1.2"
shot vp-tra-lai
keys Enter
wait_for "Thanh tra Sở · Trả lại"
keys Escape Escape Escape
wait_for "Các đơn vị"
keys Escape r
wait_for "Xếp hạng chỉ số"
shot vp-xep-hang
keys e
wait_for "Xuất bảng xếp hạng"
shot vp-xuat
keys Escape Escape
quit

# --- The unit returned: the reason, and the to-do filter ---
start --unit ttra
wait_for "Lý do trả lại"
keys f
wait_for "việc còn lại"
shot don-vi-tra-lai
quit

# --- Withdrawing a submission (Trung tâm Ứng dụng…, submitted, not yet appraised) ---
start --unit ttud
wait_for "Rút lại bản nộp"
shot don-vi-da-nop
keys W
wait_for "N  Nộp"
quit

# --- An objection to a provisional result (Văn phòng Sở, appraised) ---
run publish -w "$DIR" --provisional --until "$(date -d '+10 days' +%d/%m/%Y)" >/dev/null
start --unit vp
wait_for "Văn phòng Sở"
keys /
text "1.1.1"
keys Enter Y
wait_for "Lý do"
text "Kế hoạch 12/KH-VP ban hành ngày 10/01/2020, đúng hạn."
shot don-vi-giai-trinh-ket-qua
keys Escape
quit

# Rewrite the guide's screen blocks.
awk -v shots="$SHOTS" '
    function fail(msg) { print "screens.sh: " msg > "/dev/stderr"; bad = 1; exit 1 }
    /^<!-- screen: [a-z0-9-]+ -->$/ {
        print
        name = $3
        file = shots "/" name ".txt"
        if ((getline line < file) <= 0) fail("no screen captured for " name)
        print "```text"
        print line
        while ((getline line < file) > 0) print line
        close(file)
        print "```"
        inside = 1
        next
    }
    /^<!-- \/screen -->$/ { inside = 0; print; next }
    !inside { print }
    END { if (inside && !bad) fail("a screen block is not closed") }
' "$GUIDE" >"$WORK/guide.md"
cp "$WORK/guide.md" "$GUIDE"
if [ -n "${SCREENS_OUT:-}" ]; then
    mkdir -p "$SCREENS_OUT"
    cp "$SHOTS"/*.txt "$SCREENS_OUT"/
fi
echo "updated $GUIDE"
