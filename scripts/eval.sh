#!/usr/bin/env bash
# The evaluation measures of ../shared/eval (not part of the repository): relation recall and
# false alarms on the hand-checked gold lists, and injected-error recall (mutate.py), for the
# corpus reports and for the development passages (prose and tables). Builds in release.
# Usage: scripts/eval.sh [--verbose]
set -euo pipefail
cd "$(dirname "$0")/.."
E=../shared/eval
[ -d "$E" ] || { echo "eval: $E not found" >&2; exit 2; }
cargo build --release --quiet
B=target/release/soi
V=${1:-}
echo "== corpus gold (001, 002)"
python3 $E/score.py --bin $B --gold $E/gold/001.yaml --gold $E/gold/002.yaml --docs ../shared/corpus $V | grep -v "^kind\|^[a-z_]* *[0-9]"
python3 $E/score.py --bin $B --claims-gold $E/claims/002.yaml --docs ../shared/corpus
python3 $E/mutate.py --bin $B --docs ../shared/corpus $E/gold/*.yaml
echo "== dev prose"
python3 $E/score.py --bin $B --gold $E/dev/gold.yaml --docs $E/dev/passages --skip-kind text --tables skip $V 2>/dev/null | grep -v "^kind\|^[a-z_]* *[0-9]"
python3 $E/mutate.py --bin $B --docs $E/dev/passages $E/dev/gold.yaml --tables skip
echo "== dev tables"
python3 $E/score.py --bin $B --gold $E/dev/gold.yaml --docs $E/dev/passages --skip-kind text --tables only 2>/dev/null | grep SCORE
python3 $E/mutate.py --bin $B --docs $E/dev/passages $E/dev/gold.yaml --tables only
