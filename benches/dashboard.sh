#!/bin/bash
# The dashboard's first frame and idle CPU, as BENCHMARKS.md reports them (issue 19).
# Needs tmux, script(1) (util-linux), python3 and a user the round lets open the Office's
# dashboard (the demo rounds are single-user).
#
#   benches/dashboard.sh first-frame BIN DIR   # ms to the first text, ms to the dashboard's table
#   benches/dashboard.sh idle BIN DIR [SECS]   # CPU of the idle dashboard over SECS (30) s
#   benches/dashboard.sh syscalls BIN DIR      # strace -c of the idle dashboard over 10 s
#
# e.g.  target/release/parindex demo --no-tui --units 10000 --seed 7 /tmp/d10k
#       target/release/parindex rank -w /tmp/d10k >/dev/null   # twice: a warm cache
#       benches/dashboard.sh first-frame target/release/parindex /tmp/d10k
set -eu
what=$1; BIN=$(realpath "$2"); DIR=$(realpath "$3"); S=parindex-bench-$$
open_pane() { tmux new-session -d -s $S -x 200 -y 60 "$1"; }
wait_table() { until tmux capture-pane -p -t $S | grep -q "Hạng"; do sleep 0.2; done; }
case $what in
first-frame)
  T=$(mktemp); O=$(mktemp)
  # script(1) records every chunk written to the terminal with its delay since the start.
  open_pane "script -q -T $T -O $O -c 'exec $BIN tui -w $DIR --office'"
  until grep -q "Hạng" "$O" 2>/dev/null; do sleep 0.1; done
  sleep 0.3; tmux send-keys -t $S q
  while tmux has-session -t $S 2>/dev/null; do sleep 0.1; done
  python3 - "$T" "$O" <<'PY'
import re, sys
timing = [l.split() for l in open(sys.argv[1]) if l.strip()]
data = open(sys.argv[2], 'rb').read()
data = data[data.index(b'\n') + 1:]  # script's header line
t = 0.0; off = 0; first = None; full = None
for d, n in timing:
    t += float(d); off += int(n)
    seen = re.sub(r'\x1b\[[0-9;?]*[A-Za-z]', '', data[:off].decode('utf-8', 'replace'))
    if first is None and ('Đang' in seen or 'Hạng' in seen):
        first = t
    if 'Hạng' in seen:
        full = t
        break
print(f"{first * 1000:.0f} ms on screen, {full * 1000:.0f} ms the dashboard")
PY
  rm -f "$T" "$O" ;;
idle)
  SECS=${4:-30}
  open_pane "exec $BIN tui -w $DIR --office"; wait_table; sleep 5
  pid=$(tmux list-panes -t $S -F '#{pane_pid}')
  ticks() { awk '{print $14 + $15}' /proc/$pid/stat; }
  a=$(ticks); sleep "$SECS"; b=$(ticks); hz=$(getconf CLK_TCK)
  echo "$((b - a)) ticks in ${SECS} s: $(echo "scale=2; ($b - $a) * 100 / $hz / $SECS" | bc) % of a core; RSS $(awk '/VmRSS/{print $2}' /proc/$pid/status) kB"
  tmux kill-session -t $S ;;
syscalls)
  open_pane "exec $BIN tui -w $DIR --office"; wait_table; sleep 5
  pid=$(tmux list-panes -t $S -F '#{pane_pid}')
  timeout -s INT 10 strace -f -c -p "$pid" 2>&1 | head -20 || true
  tmux kill-session -t $S ;;
*) echo "first-frame | idle | syscalls" >&2; exit 2 ;;
esac
