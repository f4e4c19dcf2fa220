#!/usr/bin/env bash
# Scaling: times `soi check --format json` on a file made of N repetitions of each shape that
# once made the tokenizer or a relation finder super-linear, at N = 10k, 20k and 40k. Linear time
# doubles with N; quadratic quadruples. Writes nothing to the repo.
#   SOI=target/debug/soi scripts/scaling.sh   # time another build (default: release, built here)
#   TIMEOUT=60 scripts/scaling.sh             # seconds allowed per run (default 120)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SOI:-}" ]; then
  cargo build --release --quiet
  SOI=target/release/soi
fi
python3 - "$SOI" "${TIMEOUT:-120}" <<'PY'
import subprocess, sys, tempfile, time, os
soi, limit = sys.argv[1], float(sys.argv[2])
shapes = {
    "1/2/3/…": lambda n: "/".join(str(i) for i in range(1, n + 1)),
    "1,2,3,…": lambda n: ",".join(str(i) for i in range(1, n + 1)),
    "1.234.1.234.…": lambda n: ".".join(["1.234"] * n),
    "1.234.234.…": lambda n: "1" + ".234" * n,
    "năm nay …": lambda n: "năm nay " * n,
    # Shapes of the relations stage: lists of growths in one sentence, percents of one plan,
    # a paragraph of footnoted percents whose notes open with a ratio.
    "gồm: … tăng …%": lambda n: "tăng 5%, gồm: " + "; ".join(f"ngành {i} tăng {i % 9 + 1}%, gồm: nhóm a tăng 2%, nhóm b tăng 3%" for i in range(n // 4)),
    "đạt …% kế hoạch": lambda n: "kế hoạch năm là 600 tỷ đồng, " + ", ".join(f"đạt {i % 90 + 1},5% kế hoạch" for i in range(n)),
    # Parentheses of items after totals, in one sentence (parts by level; stop 20).
    "(a: 15 trường, …)": lambda n: " ".join(f"có {i % 40 + 30} trường, {i % 90 + 600} lớp (khối A: 15 trường, 180 lớp; khối B: 17 trường, 301 lớp)," for i in range(n // 6)),
    "…%⁽ⁱ⁾ + notes": lambda n: " ".join(f"{i % 90 + 1},{i % 9}%<sup>({i})</sup>;" for i in range(n)) + "\n\n" + "\n\n".join(f"<sup>({i})</sup> Có {i % 50 + 1} xã đạt chuẩn/{i % 50 + 60} xã" for i in range(n)),
}
sizes = [10_000, 20_000, 40_000]
print(f"{'shape':<16}" + "".join(f"{n // 1000:>9}k" for n in sizes) + "   40k/10k")
with tempfile.TemporaryDirectory() as work:
    for name, make in shapes.items():
        times = []
        for n in sizes:
            path = os.path.join(work, "shape.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(f"Số liệu: {make(n)}.\n")
            start = time.monotonic()
            try:
                subprocess.run([soi, "check", "--format", "json", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=limit)
                times.append(time.monotonic() - start)
            except subprocess.TimeoutExpired:
                times.append(None)
        cells = "".join(f"{t:>9.2f}s" if t is not None else f"{'>' + str(int(limit)):>9}s" for t in times)
        ratio = f"{times[2] / times[0]:>9.1f}x" if None not in times and times[0] > 0 else f"{'—':>10}"
        print(f"{name:<16}{cells}{ratio}")
PY
