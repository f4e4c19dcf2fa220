#!/usr/bin/env bash
# Regenerates the rule table of README.md (between <!-- rules:begin --> and <!-- rules:end -->)
# from `soi rules --format markdown`; tests/cli_features.rs fails when the two differ.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
python3 - <<'PY'
import subprocess
table = subprocess.run(["target/release/soi", "rules", "--format", "markdown"], check=True, capture_output=True, text=True).stdout
readme = open("README.md", encoding="utf-8").read()
begin, end = "<!-- rules:begin -->\n", "<!-- rules:end -->"
a, b = readme.index(begin) + len(begin), readme.index(end)
open("README.md", "w", encoding="utf-8").write(readme[:a] + table + readme[b:])
PY
