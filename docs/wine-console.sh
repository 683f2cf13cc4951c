#!/usr/bin/env bash
# Looks at the Windows build of the dashboard in wine's console window, as a Windows user would
# start it from cmd.exe, and takes screenshots. NOT run by CI (it needs root, a Debian 13 chroot
# of about 1.5 GB and an X server); what it showed is written up in docs/deployment.md,
# "Checked under wine 10".
#
#   sudo docs/wine-console.sh                 # everything, screenshots in /tmp/wine-console/
#   CHROOT=/work/trixie EXE=path/to/parindex.exe sudo -E docs/wine-console.sh
#
# Debian 12's wine 8 lacks bcryptprimitives.dll (see .ci/windows.sh), and neither its console
# nor wine 10's (Debian 13) interprets VT sequences in window mode; so the chroot is Debian 13
# (wine 10), the newest wine Debian has. Steps:
#   1. a minimal Debian 13 chroot with wine, Xvfb, xdotool, ImageMagick, DejaVu and tmux;
#   2. a 64-bit prefix and the demo round `C:\round`;
#   3. wineconsole cmd.exe on its own X display, the console set by HKCU\Console (size, font);
#   4. typed in with xdotool: the dashboard, `?`, Esc, Tab, arrows, `r`, `q`, then a command in
#      the same console (is it usable again?); a screenshot of the window after each;
#   5. the same dashboard in wine's Unix-terminal mode (no window) inside tmux, captured as text.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROOT=${CHROOT:-/work/trixie}
EXE=${EXE:-target/x86_64-pc-windows-gnu/debug/parindex.exe}
OUT=${OUT:-/tmp/wine-console}
DISP=${DISP:-:98}
COLS=${COLS:-100}
LINES_=${LINES_:-30}
[ "$(id -u)" = 0 ] || { echo "wine-console.sh: run as root (debootstrap, chroot, mounts)" >&2; exit 1; }
[ -f "$EXE" ] || cargo build --target x86_64-pc-windows-gnu --bin parindex
mkdir -p "$OUT"

# 1. The chroot (made once).
if [ ! -x "$CHROOT/usr/bin/wine" ]; then
  command -v debootstrap >/dev/null || apt-get install -y debootstrap
  [ -x "$CHROOT/bin/bash" ] || debootstrap --variant=minbase trixie "$CHROOT" http://deb.debian.org/debian
  cp /etc/resolv.conf "$CHROOT/etc/"
  chroot "$CHROOT" bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    wine wine64 xvfb xdotool x11-apps imagemagick fonts-dejavu-core tmux procps'
fi
for d in proc dev dev/pts tmp; do mountpoint -q "$CHROOT/$d" || mount --bind "/$d" "$CHROOT/$d"; done

in_root() {
  chroot "$CHROOT" env HOME=/root WINEPREFIX=/root/pfx WINEARCH=win64 WINEDEBUG=-all \
    WINEDLLOVERRIDES="mscoree,mshtml=" LANG=C.UTF-8 DISPLAY="$DISP" bash -c "$1"
}

# 2. The prefix and the demo round; the console's size and font (wine's conhost reads
#    HKCU\Console: sizes as height<<16 | width).
in_root 'wine wineboot -i >/dev/null 2>&1; wineserver -w'
cp "$EXE" "$CHROOT/root/pfx/drive_c/parindex.exe"
size=$(printf '0x%04x%04x' "$LINES_" "$COLS")
in_root "rm -rf /root/pfx/drive_c/round; wine 'C:\\parindex.exe' demo --no-tui 'C:\\round' >/dev/null
  wine reg add 'HKCU\\Console' /v ScreenBufferSize /t REG_DWORD /d $size /f >/dev/null
  wine reg add 'HKCU\\Console' /v WindowSize /t REG_DWORD /d $size /f >/dev/null
  wine reg add 'HKCU\\Console' /v FaceName /t REG_SZ /d 'DejaVu Sans Mono' /f >/dev/null
  wineserver -w"

# 3. An X display of our own and the console window.
in_root "Xvfb $DISP -screen 0 1400x1000x24 -nolisten tcp >/tmp/wine-console-xvfb.log 2>&1 & echo \$! >/tmp/wine-console-xvfb.pid"
sleep 2
xvfb=$(cat "$CHROOT/tmp/wine-console-xvfb.pid")
cleanup() {
  in_root 'wineserver -k' >/dev/null 2>&1 || true
  kill "$xvfb" 2>/dev/null || true
  in_root 'tmux -L wine-console kill-server' >/dev/null 2>&1 || true
}
trap cleanup EXIT
in_root 'cd /root; setsid wine wineconsole cmd >/tmp/wine-console.log 2>&1 &'
win=
for _ in $(seq 30); do
  win=$(in_root "xdotool search --name 'cmd.exe' 2>/dev/null | head -1") && [ -n "$win" ] && break
  sleep 1
done
[ -n "$win" ] || { echo "wine-console.sh: no console window" >&2; exit 1; }
# No window manager: focus by a click into the window.
in_root "xdotool mousemove 100 100 click 1; xdotool windowfocus $win" || true

shot() { # shot NAME: the console window only (it starts at the screen's top left).
  local geo
  geo=$(in_root "xdotool getwindowgeometry --shell $win")
  local w h x y
  w=$(sed -n 's/^WIDTH=//p' <<<"$geo"); h=$(sed -n 's/^HEIGHT=//p' <<<"$geo")
  x=$(sed -n 's/^X=//p' <<<"$geo"); y=$(sed -n 's/^Y=//p' <<<"$geo")
  in_root "xwd -root -silent | convert xwd:- -crop ${w}x${h}+${x}+${y} +repage -colors 64 png8:/tmp/wine-console-$1.png"
  mv "$CHROOT/tmp/wine-console-$1.png" "$OUT/$1.png"
  echo "wine-console.sh: $OUT/$1.png"
}
type_() { in_root "xdotool type --delay 25 '$1'"; }
key() { in_root "xdotool key --delay 200 $*"; sleep 1; }

type_ 'C:\parindex.exe tui -w C:\round'
key Return
sleep 8
shot dashboard
key question
shot help
key Escape Tab Down Down Return
shot unit
key Escape r
shot ranking
key q
sleep 2
type_ 'echo Xin chao & ver'
key Return
shot after-quit

# 5. Wine's Unix-terminal mode: no window, the console rendered into tmux.
in_root "tmux -L wine-console new-session -d -s w -x $COLS -y $LINES_ \"wine 'C:\\parindex.exe' tui -w 'C:\\round'; sleep 600\""
sleep 10
in_root 'tmux -L wine-console capture-pane -p -t w' >"$OUT/tty-mode.txt"
echo "wine-console.sh: $OUT/tty-mode.txt"

# 6. Wine's own: a C program of a few lines fills the console row by row, in the same tmux
#    mode; what tmux shows is torn the same way (needs the host's mingw-w64).
if command -v x86_64-w64-mingw32-gcc >/dev/null; then
  cat >"$CHROOT/tmp/wine-console-fill.c" <<'C'
#include <windows.h>
#include <stdio.h>
int main(void) {
  HANDLE h = GetStdHandle(STD_OUTPUT_HANDLE); DWORD m, n; CONSOLE_SCREEN_BUFFER_INFO i;
  GetConsoleMode(h, &m); SetConsoleMode(h, m | ENABLE_VIRTUAL_TERMINAL_PROCESSING);
  GetConsoleScreenBufferInfo(h, &i);
  int w = i.srWindow.Right - i.srWindow.Left + 1, rows = i.srWindow.Bottom - i.srWindow.Top + 1;
  char b[64];
  WriteConsoleA(h, "\x1b[2J", 4, &n, NULL);
  for (int r = 1; r <= rows; r++) {
    int k = sprintf(b, "\x1b[%d;1H", r); WriteConsoleA(h, b, k, &n, NULL);
    for (int c = 0; c < w; c++) { b[0] = '0' + r % 10; WriteConsoleA(h, b, 1, &n, NULL); }
  }
  Sleep(600000); return 0;
}
C
  x86_64-w64-mingw32-gcc -o "$CHROOT/root/pfx/drive_c/fill.exe" "$CHROOT/tmp/wine-console-fill.c"
  in_root "tmux -L wine-console new-session -d -s f -x 30 -y 8 \"wine 'C:\\fill.exe'\""
  sleep 5
  in_root 'tmux -L wine-console capture-pane -p -t f' >"$OUT/tty-fill.txt"
  echo "wine-console.sh: $OUT/tty-fill.txt (rows of one digit each, if wine drew it right)"
fi
