#!/usr/bin/env bash
# Benchmark: builds a corpus of >= 30 MB by copying ../shared/corpus into >= 500 files, then
# times `soi check --format json` on it (warm cache, median of runs), one run on the largest
# report (process start included), and ripgrep listing the quantities as the floor.
# Needs hyperfine and ripgrep (apt-get install hyperfine ripgrep). Writes nothing to the repo.
#
# scripts/bench.sh --big   also copies the corpus into a temporary directory of >= 1 GiB and
#                          checks it once (wall, CPU, peak RSS; with series and --no-series),
#                          ripgrep on the same files as the floor; the copy is deleted after.
#                          About 5 minutes on 2 cores, ~1.1 GB of free space in $TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
big=0
[ "${1:-}" = "--big" ] && big=1
src=../shared/corpus
[ -d "$src" ] || { echo "bench: $src not found" >&2; exit 2; }
for tool in hyperfine rg; do command -v $tool >/dev/null || { echo "bench: install $tool (apt-get install hyperfine ripgrep)" >&2; exit 2; }; done
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
i=0
while :; do
  i=$((i + 1))
  for f in "$src"/*; do cp "$f" "$work/corpus/$(printf %04d $i)_$(basename "$f")"; done
  size=$(du -sb "$work/corpus" | cut -f1)
  files=$(ls "$work/corpus" | wc -l)
  [ "$size" -ge 31457280 ] && [ "$files" -ge 500 ] && break
done
largest=$(ls -S "$src"/* | head -1)
echo "corpus: $files files, $((size / 1048576)) MiB; largest report: $(basename "$largest") ($(stat -c %s "$largest") bytes)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
hyperfine -N --warmup 2 --runs 10 -i --export-json "$work/full.json" "target/release/soi check --format json $work/corpus"
hyperfine -N --warmup 5 --runs 100 -i --export-json "$work/one.json" "target/release/soi check --format json $largest"
hyperfine --warmup 2 --runs 10 -i --export-json "$work/rg.json" "rg -o '[0-9]+([.,][0-9]+)* ?(%|tỷ|triệu|ha|tấn)' $work/corpus"
/usr/bin/time -f "%M" -o "$work/rss" target/release/soi check --format json "$work/corpus" >/dev/null || true
python3 - "$work" "$size" "$files" <<'PY'
import json, sys
work, size, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
med = lambda f: json.load(open(f"{work}/{f}"))["results"][0]["median"]
full, one, rg = med("full.json"), med("one.json"), med("rg.json")
rss = int(open(f"{work}/rss").read().split()[-1]) / 1024
print(f"full check: {full:.3f} s median = {size / 1048576 / full:.1f} MB/s, {files / full:.0f} files/s, {full / files * 1000:.2f} ms per report")
print(f"largest report (process start included): {one * 1000:.1f} ms median")
print(f"floor (rg): {rg:.3f} s; soi / rg = {full / rg:.0f}x")
print(f"peak RSS (full check): {rss:.1f} MiB")
PY
echo "where the time goes (one run, --timings):"
{ target/release/soi check --timings --format json "$work/corpus" 2>&1 >/dev/null || true; } | sed 's/^/  /'
[ "$big" = 1 ] || exit 0
# The 1 GiB run: the corpus copied until the directory holds >= 1 GiB; one run of each.
rm -rf "$work/corpus"
mkdir "$work/big"
i=0
size=0
once=$(du -sb "$src" | cut -f1)
while [ "$size" -lt 1073741824 ]; do
  i=$((i + 1))
  for f in "$src"/*; do cp "$f" "$work/big/$(printf %05d $i)_$(basename "$f")"; done
  size=$((size + once))
done
size=$(du -sb "$work/big" | cut -f1)
files=$(ls "$work/big" | wc -l)
echo "1 GiB corpus: $files files, $((size / 1048576)) MiB"
run() { # label, command...: one run, wall / user / sys / peak RSS
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/t" "$@" >/dev/null 2>&1 || true
  # A failing exit (soi exits 1 when it finds something) adds a line before the figures.
  read -r wall user sys rss < <(tail -n 1 "$work/t")
  python3 -c "import sys; w,u,s,r,n=map(float,sys.argv[2:]); print(f'{sys.argv[1]}: wall {w:.1f} s = {n/1048576/w:.1f} MB/s, CPU {u+s:.1f} s, peak RSS {r/1024:.0f} MiB')" "$label" "$wall" "$user" "$sys" "$rss" "$size"
  echo "$wall" >"$work/$label.wall"
}
run "soi check (series on)" target/release/soi check --format json "$work/big"
run "soi check --no-series" target/release/soi check --no-series --format json "$work/big"
run "rg floor" rg -o '[0-9]+([.,][0-9]+)* ?(%|tỷ|triệu|ha|tấn)' "$work/big"
python3 -c "import sys; a=float(open(sys.argv[1]).read()); b=float(open(sys.argv[2]).read()); print(f'soi / rg on 1 GiB = {a/b:.0f}x')" "$work/soi check (series on).wall" "$work/rg floor.wall"
