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
# nor wine 10's (Debian 13) interprets VT sequences in window mode: the window shows them raw.
# So the chroot is Debian 13 (wine 10), and what parindex.exe wrote is read back out of the
# console and drawn by xterm. Steps:
#   1. a minimal Debian 13 chroot with wine, Xvfb, xdotool, xterm, ImageMagick, DejaVu, tmux;
#   2. a 64-bit prefix and the demo round `C:\round`;
#   3. wineconsole cmd.exe on its own X display, at 100x30 then 80x24 (HKCU\Console), typed
#      into with xdotool: the dashboard, `?`, Esc, Tab, arrows, Enter, `r`, `V`, `q`, then a command
#      in the same console (is it usable again?). After each key, dump.exe (built here with the
#      host's mingw-w64) reads the console's buffer, i.e. the stream parindex.exe wrote, and
#      xterm draws it at the console's size: NAME.png and NAME.vt in $OUT; the window itself
#      as wine draws it: *-window.png, *-after-quit.png;
#   4. the dashboard in wine's Unix-terminal mode (no window) inside tmux, as text;
#   5. a C program of a few lines in the same mode, showing that mode's tearing is wine's.
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
if [ ! -x "$CHROOT/usr/bin/xterm" ]; then
  command -v debootstrap >/dev/null || apt-get install -y debootstrap
  [ -x "$CHROOT/bin/bash" ] || debootstrap --variant=minbase trixie "$CHROOT" http://deb.debian.org/debian
  cp /etc/resolv.conf "$CHROOT/etc/"
  chroot "$CHROOT" bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    wine wine64 xvfb xdotool xterm x11-apps imagemagick fonts-dejavu-core tmux procps'
fi
for d in proc dev dev/pts tmp; do mountpoint -q "$CHROOT/$d" || mount --bind "/$d" "$CHROOT/$d"; done

in_root() {
  chroot "$CHROOT" env HOME=/root WINEPREFIX=/root/pfx WINEARCH=win64 WINEDEBUG=-all \
    WINEDLLOVERRIDES="mscoree,mshtml=" LANG=C.UTF-8 DISPLAY="$DISP" bash -c "$1"
}

# 2. The prefix and the demo round. (The console's size and font are set in HKCU\Console,
#    which wine's conhost reads: sizes as height<<16 | width.)
in_root 'wine wineboot -i >/dev/null 2>&1; wineserver -w'
cp "$EXE" "$CHROOT/root/pfx/drive_c/parindex.exe"
in_root "rm -rf /root/pfx/drive_c/round; wine 'C:\\parindex.exe' demo --no-tui 'C:\\round' >/dev/null"

# 3. An X display of our own; the helper that reads a console back (see dump.c below).
if [ -e "/tmp/.X11-unix/X${DISP#:}" ]; then echo "wine-console.sh: display $DISP is taken (DISP=:N for another)" >&2; exit 1; fi
in_root "Xvfb $DISP -screen 0 1400x1000x24 -nolisten tcp >/tmp/wine-console-xvfb.log 2>&1 & echo \$! >/tmp/wine-console-xvfb.pid"
sleep 2
xvfb=$(cat "$CHROOT/tmp/wine-console-xvfb.pid")
cleanup() {
  in_root 'wineserver -k' >/dev/null 2>&1 || true
  in_root 'tmux -L wine-console kill-server' >/dev/null 2>&1 || true
  if [ -f "$CHROOT/tmp/wine-console-xterm.pid" ]; then kill "$(cat "$CHROOT/tmp/wine-console-xterm.pid")" 2>/dev/null || true; fi
  kill "$xvfb" 2>/dev/null || true
  # The chroot's view of /proc, /dev and /tmp goes: deleting the chroot must not reach them.
  for d in tmp dev/pts dev proc; do umount -l "$CHROOT/$d" 2>/dev/null || true; done
}
trap cleanup EXIT
# Wine's console window shows VT sequences raw, so its buffer holds the very stream
# parindex.exe wrote. dump.exe attaches to parindex.exe's console and writes that buffer out
# (rows joined, up to the cursor); xterm then draws the stream at the console's size. That is
# what a console interpreting VT (Windows 10/11) shows, but for its font.
cat >"$CHROOT/tmp/wine-console-dump.c" <<'C'
#include <windows.h>
#include <tlhelp32.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
int main(int argc, char **argv) {
  DWORD pid = 0; PROCESSENTRY32W e; e.dwSize = sizeof e;
  HANDLE s = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
  if (Process32FirstW(s, &e)) do { if (!_wcsicmp(e.szExeFile, L"parindex.exe")) pid = e.th32ProcessID; } while (Process32NextW(s, &e));
  if (!pid || argc < 2) { fprintf(stderr, "dump: no parindex.exe running\n"); return 1; }
  FreeConsole();
  if (!AttachConsole(pid)) { fprintf(stderr, "dump: cannot attach to %lu\n", pid); return 1; }
  HANDLE h = CreateFileW(L"CONOUT$", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
  CONSOLE_SCREEN_BUFFER_INFO i; if (!GetConsoleScreenBufferInfo(h, &i)) return 1;
  int w = i.dwSize.X, last = i.dwCursorPosition.Y;
  FILE *f = fopen(argv[1], "wb"); CHAR_INFO *row = malloc(sizeof(CHAR_INFO) * w);
  for (int y = 0; y <= last; y++) {
    COORD sz = {w, 1}, at = {0, 0}; SMALL_RECT rc = {0, y, w - 1, y};
    if (!ReadConsoleOutputW(h, row, sz, at, &rc)) return 1;
    for (int x = 0; x < (y == last ? i.dwCursorPosition.X : w); x++) {
      char u[8]; int k = WideCharToMultiByte(CP_UTF8, 0, &row[x].Char.UnicodeChar, 1, u, 8, NULL, NULL); fwrite(u, 1, k, f);
    }
  }
  fclose(f); return 0;
}
C
x86_64-w64-mingw32-gcc -o "$CHROOT/root/pfx/drive_c/dump.exe" "$CHROOT/tmp/wine-console-dump.c"

win=
shot() { # shot NAME: the console window as wine draws it (at the screen's top left).
  local geo w h
  geo=$(in_root "xdotool getwindowgeometry --shell $win")
  w=$(sed -n 's/^WIDTH=//p' <<<"$geo"); h=$(sed -n 's/^HEIGHT=//p' <<<"$geo")
  in_root "xwd -root -silent | convert xwd:- -crop ${w}x${h}+0+0 +repage -colors 64 png8:/tmp/wine-console-$1.png"
  mv "$CHROOT/tmp/wine-console-$1.png" "$OUT/$1.png"
  echo "wine-console.sh: $OUT/$1.png (wine's console window)"
}
render() { # render NAME COLS ROWS: what parindex.exe wrote so far, drawn by xterm.
  in_root "wine 'C:\\dump.exe' 'C:\\stream.txt' </dev/null"
  # From the first escape sequence on (before it: cmd.exe's prompt and the command line).
  python3 -c 'import sys; s = open(sys.argv[1], encoding="utf-8").read(); open(sys.argv[2], "w", encoding="utf-8").write(s[s.find("\x1b"):])' \
    "$CHROOT/root/pfx/drive_c/stream.txt" "$CHROOT/tmp/wine-console-stream.vt"
  cp "$CHROOT/tmp/wine-console-stream.vt" "$OUT/$1.vt"
  in_root "setsid xterm -T wine-console-render -fa 'DejaVu Sans Mono' -fs 11 -bg black -fg grey85 -geometry $2x$3+0+0 \
    -e sh -c 'cat /tmp/wine-console-stream.vt; sleep 600' >/dev/null 2>&1 & echo \$! >/tmp/wine-console-xterm.pid"
  sleep 3
  local x geo w h
  x=$(in_root "xdotool search --name wine-console-render | head -1")
  geo=$(in_root "xdotool getwindowgeometry --shell $x")
  w=$(sed -n 's/^WIDTH=//p' <<<"$geo"); h=$(sed -n 's/^HEIGHT=//p' <<<"$geo")
  in_root "xwd -root -silent | convert xwd:- -crop ${w}x${h}+0+0 +repage -colors 128 png8:/tmp/wine-console-$1.png"
  kill "$(cat "$CHROOT/tmp/wine-console-xterm.pid")" 2>/dev/null || true
  mv "$CHROOT/tmp/wine-console-$1.png" "$OUT/$1.png"
  echo "wine-console.sh: $OUT/$1.png (the stream at ${2}x$3, drawn by xterm)"
}
type_() { in_root "xdotool type --delay 25 '$1'"; }
key() { in_root "xdotool key --delay 200 $*"; sleep 1; }

# console COLS ROWS: a console window of that size (a tall buffer keeps the whole stream),
# parindex.exe in it, keys typed, renders after each; then `q` and a command.
console() {
  local cols=$1 rows=$2
  in_root "wine reg add 'HKCU\\Console' /v ScreenBufferSize /t REG_DWORD /d $(printf '0x%04x%04x' 8000 "$cols") /f >/dev/null
    wine reg add 'HKCU\\Console' /v WindowSize /t REG_DWORD /d $(printf '0x%04x%04x' "$rows" "$cols") /f >/dev/null
    wine reg add 'HKCU\\Console' /v FaceName /t REG_SZ /d 'DejaVu Sans Mono' /f >/dev/null; wineserver -w"
  in_root 'cd /root; setsid wine wineconsole cmd >/tmp/wine-console.log 2>&1 &'
  win=
  for _ in $(seq 30); do
    win=$(in_root "xdotool search --name 'cmd.exe' 2>/dev/null | head -1") && [ -n "$win" ] && break
    sleep 1
  done
  [ -n "$win" ] || { echo "wine-console.sh: no console window" >&2; exit 1; }
  # No window manager: focus by a click into the window.
  in_root "xdotool mousemove 100 100 click 1; xdotool windowfocus $win" || true
  type_ 'C:\parindex.exe tui -w C:\round'
  key Return
  sleep 8
  render "$cols"x"$rows"-dashboard "$cols" "$rows"
  shot "$cols"x"$rows"-window
  key question
  render "$cols"x"$rows"-help "$cols" "$rows"
  key Escape Tab Down Down Return
  render "$cols"x"$rows"-appraisal "$cols" "$rows"
  key Escape r
  render "$cols"x"$rows"-ranking "$cols" "$rows"
  key Escape V
  render "$cols"x"$rows"-role "$cols" "$rows"
  key q
  sleep 2
  type_ 'echo Xin chao & ver'
  key Return
  shot "$cols"x"$rows"-after-quit
  type_ 'exit'
  key Return
  in_root 'wineserver -w'
}
console "$COLS" "$LINES_"
console 80 24

# 4. Wine's Unix-terminal mode: no window, the console rendered into tmux.
in_root "tmux -L wine-console new-session -d -s w -x $COLS -y $LINES_ \"wine 'C:\\parindex.exe' tui -w 'C:\\round'; sleep 600\""
sleep 10
in_root 'tmux -L wine-console capture-pane -p -t w' >"$OUT/tty-mode.txt"
echo "wine-console.sh: $OUT/tty-mode.txt"

# 5. Wine's own: a C program of a few lines fills the console row by row, in the same tmux
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
