#!/usr/bin/env bash
# CI for Windows (issue 20): cross-builds parindex.exe (x86_64-pc-windows-gnu, Debian's mingw-w64)
# and runs it under Debian's wine next to the Linux build, on the same demo round: `demo --no-tui`,
# `check`, `rank`, `export` in every text format and `attach` must print and write the same
# bytes and exit with the same code. Any difference fails, with the diff.
#
#   .ci/windows.sh            # install what is missing, build both (dev profile), compare
#   WIN_PROFILE=release .ci/windows.sh                  # the .exe as shipped
#   PARINDEX_LINUX=path/to/parindex PARINDEX_EXE=path/to/parindex.exe .ci/windows.sh   # no build
#
# First it runs the store's unit tests (the portable backend: locks, file identity, saves)
# cross-built for Windows under the same wine; PARINDEX_STORE_TESTS=path/to/parindex_store-….exe
# runs a test binary already built.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "windows.sh: FAILED: $*" >&2
  exit 1
}

# What the cross-build and the run need: the rustup target, the MinGW linker, wine.
if ! rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu; then
  rustup target add x86_64-pc-windows-gnu || fail "cannot add the rustup target x86_64-pc-windows-gnu"
fi
if ! command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || ! command -v wine >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc-mingw-w64-x86-64 wine64 wine) >/dev/null \
    || fail "cannot install gcc-mingw-w64-x86-64 and wine (apt-get)"
fi
command -v wine >/dev/null 2>&1 || fail "wine is not installed"

linux=${PARINDEX_LINUX:-}
exe=${PARINDEX_EXE:-}
if [ -z "$exe" ]; then
  # The dev profile by default: CI checks behaviour (dependencies at opt-level 1, see Cargo.toml).
  profile=${WIN_PROFILE:-dev}
  cargo build --locked --profile "$profile" --target x86_64-pc-windows-gnu --bin parindex || fail "the cross-build for Windows"
  # Every target (tests included) compiles for Windows and is lint-clean there: a Unix call
  # slipped into shared code fails here, not on a unit head's PC.
  cargo clippy --locked --workspace --all-targets --target x86_64-pc-windows-gnu -- -D warnings \
    || fail "clippy for x86_64-pc-windows-gnu (all targets)"
  [ "$profile" = dev ] && profile=debug
  exe=target/x86_64-pc-windows-gnu/$profile/parindex.exe
fi
if [ -z "$linux" ]; then
  cargo build --locked --bin parindex || fail "the Linux build"
  linux=target/debug/parindex
fi
[ -f "$exe" ] || fail "no $exe"
linux=$(realpath "$linux")
exe=$(realpath "$exe")

work=$(mktemp -d)
# The prefix's wineserver (ours: started for this prefix) is stopped before the prefix goes.
trap 'WINEPREFIX="$work/wine" wineserver -k >/dev/null 2>&1; rm -rf "$work"' EXIT
# A 64-bit wine prefix of our own (created on the first run), and no wine chatter. Debian's
# wine64 alone (no 32-bit wine) complains about syswow64 while it creates the prefix: harmless.
export WINEARCH=win64 WINEPREFIX="$work/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
wine=$(command -v wine64 || true)
[ -n "$wine" ] || { [ -x /usr/lib/wine/wine64 ] && wine=/usr/lib/wine/wine64; } || wine=wine
"$wine" wineboot -i >/dev/null 2>&1 || true
sys32="$WINEPREFIX/drive_c/windows/system32"
[ -d "$sys32" ] || fail "wine made no prefix in $WINEPREFIX"
# Rust's std draws its random numbers from ProcessPrng in bcryptprimitives.dll (Windows 10 and
# later); wine 8 (Debian 12) lacks that DLL, so the test prefix gets a stand-in over
# RtlGenRandom. It is test scaffolding only: nothing of it ships with parindex.exe.
if [ ! -e "$sys32/bcryptprimitives.dll" ]; then
  cat >"$work/prng.c" <<'C'
#include <windows.h>
#include <ntsecapi.h>
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  while (len > 0) {
    ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
    if (!RtlGenRandom(data, n)) return FALSE;
    data += n;
    len -= n;
  }
  return TRUE;
}
C
  x86_64-w64-mingw32-gcc -shared -O2 -o "$sys32/bcryptprimitives.dll" "$work/prng.c" -ladvapi32 \
    || fail "cannot build the bcryptprimitives.dll stand-in for wine"
fi
"$wine" "$exe" --version >/dev/null || fail "parindex.exe does not start under wine"

# The store's unit tests on Windows: the portable backend's locks and file identity (volume
# serial number and file index), which the comparison below does not reach.
store_tests=${PARINDEX_STORE_TESTS:-}
if [ -z "$store_tests" ]; then
  store_tests=$(cargo test --locked -p parindex-store --lib --target x86_64-pc-windows-gnu --no-run 2>&1 | tee "$work/store-build.log" \
    | sed -n 's/^ *Executable .*(\(.*\.exe\))$/\1/p' | tail -n 1) || true
  [ -n "$store_tests" ] || { cat "$work/store-build.log" >&2; fail "the cross-build of the store's unit tests"; }
fi
[ -f "$store_tests" ] || fail "no $store_tests"
"$wine" "$store_tests" >"$work/store-tests.out" 2>&1 || { cat "$work/store-tests.out" >&2; fail "the store's unit tests under wine"; }
sed -i 's/\r$//' "$work/store-tests.out"
grep -Eq '^test result: ok\. [1-9][0-9]* passed; 0 failed' "$work/store-tests.out" || { cat "$work/store-tests.out" >&2; fail "the store's unit tests ran none under wine"; }
echo "windows.sh: $(grep '^test result' "$work/store-tests.out") (the store's unit tests under wine)"

# The same environment for both: Vietnamese, a fixed user, no colour.
export PARINDEX_LANG=vi NO_COLOR=1 USER=ci USERNAME=ci TERM=dumb

# run SIDE NAME ARGS…: runs one side's binary in $work/SIDE, keeping stdout, stderr and the exit code.
run() {
  local side=$1 name=$2
  shift 2
  mkdir -p "$work/$side/out"
  local code=0
  if [ "$side" = linux ]; then
    (cd "$work/$side" && "$linux" "$@" >"out/$name.stdout" 2>"out/$name.stderr") || code=$?
  else
    (cd "$work/$side" && "$wine" "$exe" "$@" >"out/$name.stdout" 2>"out/$name.stderr") || code=$?
    # The console's line endings, and paths with Windows's separator (`round\submissions\x.toml`,
    # as a Windows user expects them): otherwise the same text.
    sed -i 's/\r$//; s#\\#/#g' "$work/$side/out/$name.stdout" "$work/$side/out/$name.stderr"
  fi
  echo "$code" >"$work/$side/out/$name.code"
}

steps() {
  local side=$1
  run "$side" demo demo --no-tui --units 8 --seed 2020 round
  run "$side" check check round
  run "$side" rank rank -w round
  run "$side" rank-group rank -w round --by-group
  run "$side" rank-en rank -w round --lang en
  for f in csv json md html; do
    run "$side" "export-$f" export -w round --date 20/12/2020 -o "out/ranking.$f"
  done
  run "$side" export-xlsx export -w round --date 20/12/2020 -o out/ranking.xlsx
  # A unit head attaches a document to a criterion of a draft unit (qlkh in this demo), and
  # `check` verifies its digest.
  printf '%%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%%%EOF\n' >"$work/$side/Kế hoạch số 44.pdf"
  run "$side" attach attach -w round --unit qlkh --criterion 1.1.1 "Kế hoạch số 44.pdf"
  run "$side" check-attached check round
  # A bad round: the same refusal, the same exit code.
  run "$side" check-missing check no-such-round
}

steps linux
steps windows

[ "$(cat "$work/linux/out/demo.code")" = 0 ] || fail "the Linux demo did not run: $(cat "$work/linux/out/demo.stderr")"
[ -s "$work/windows/out/ranking.xlsx" ] || fail "the Windows export wrote no workbook"
# What is compared must be something: the commands ran and said what they should.
for n in demo check rank rank-group rank-en export-csv export-json export-md export-html export-xlsx attach check-attached; do
  [ "$(cat "$work/windows/out/$n.code")" = 0 ] || fail "parindex.exe $n exited $(cat "$work/windows/out/$n.code"): $(cat "$work/windows/out/$n.stderr")"
done
[ "$(cat "$work/windows/out/check-missing.code")" = 2 ] || fail "parindex.exe check of a missing round did not exit 2"
grep -q "Xếp loại" "$work/windows/out/rank.stdout" || fail "parindex.exe rank printed no ranking"
[ -s "$work/windows/out/ranking.csv" ] || fail "parindex.exe wrote no CSV"
# A workbook carries its creation time: compared by presence, the text formats byte for byte.
rm -f "$work/linux/out/ranking.xlsx" "$work/windows/out/ranking.xlsx"
if ! diff -r "$work/linux/out" "$work/windows/out"; then
  fail "parindex.exe under wine differs from the Linux build (above: < Linux, > Windows)"
fi
# The round the two wrote: the same files with the same bytes, but for the times in the audit
# logs (and the hash chain over them), and the user they name: Linux's comes from the password
# database (`root` under a root CI), Windows's from USERNAME (`ci`). Compared without those.
for side in linux windows; do
  find "$work/$side/round/audit" -type f -name '*.jsonl' -exec sed -i -E 's/"prev":"[0-9a-f]*","at":"[^"]*",//; s/"user":"[^"]*",//' {} +
done
if ! diff -r -x .locks "$work/linux/round" "$work/windows/round" >/dev/null; then
  diff -r -x .locks "$work/linux/round" "$work/windows/round" | head -40
  fail "the demo round written on Windows differs from the Linux one"
fi
n=$(find "$work/linux/out" -type f | wc -l)
echo "windows.sh: ok: parindex.exe under wine gave the same $n outputs as Linux (demo, check, rank, export, attach)"
