#!/usr/bin/env bash
# Whole-command figures for BENCHMARKS.md ("Scale"): `rank` cold (no cache) and warm (cache),
# side by side with Python's tomllib parsing the same files, at several round sizes.
#
#   cargo build --release && benches/scale.sh [30 300 10000 100000]
#
# Needs python3 (3.11+, for tomllib) and hyperfine (Debian: apt-get install hyperfine).
# Rounds are generated into $TMPDIR/parindex-scale/ and kept for a re-run; delete it after.
set -euo pipefail
bin=${PARINDEX_BIN:-target/release/parindex}
root=${TMPDIR:-/tmp}/parindex-scale
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(30 300 10000 100000)
mkdir -p "$root"
export XDG_STATE_HOME="$root/state"
for n in "${sizes[@]}"; do
  ws=$root/w$n
  [ -f "$ws/workspace.toml" ] || "$bin" demo --no-tui --units "$n" --seed 7 "$ws" > /dev/null 2>&1
done
sleep 4  # files younger than the racy margin (3 s) are never cached
printf '| units | files | MB | python tomllib | rank cold | rank warm | python / warm | warm RSS |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  ws=$root/w$n
  files=$(find "$ws" -name '*.toml' | wc -l)
  mb=$(du -sm "$ws" | cut -f1)
  py=$(python3 - "$ws" <<'PY'
import sys, time, tomllib, pathlib
root = pathlib.Path(sys.argv[1])
t = time.perf_counter()
for p in root.rglob("*.toml"):
    with open(p, "rb") as f:
        tomllib.load(f)
print(f"{time.perf_counter() - t:.3f}")
PY
)
  "$bin" rank -w "$ws" > /dev/null  # fills the cache
  runs=10; [ "$n" -ge 100000 ] && runs=3
  j=$(mktemp)
  PARINDEX_NO_CACHE=1 hyperfine -N -w 1 -r "$runs" --export-json "$j" "$bin rank -w $ws" > /dev/null 2>&1
  cold=$(python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$j")
  hyperfine -N -w 1 -r "$runs" --export-json "$j" "$bin rank -w $ws" > /dev/null 2>&1
  warm=$(python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$j")
  rm -f "$j"
  rss=$(/usr/bin/time -f %M "$bin" rank -w "$ws" 2>&1 >/dev/null | tail -1)
  ratio=$(python3 -c "print(f'{$py / $warm:.0f}x')")
  printf '| %s | %s | %s | %s s | %s s | %s s | %s | %s MB |\n' "$n" "$files" "$mb" "$py" "$cold" "$warm" "$ratio" "$((rss / 1024))"
done
