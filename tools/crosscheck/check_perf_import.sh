#!/usr/bin/env bash
# Cross-checks `numabias import --format perf-script` against perf_reference.py on the bundled
# captures and on N random perf-like files (perf_generate.py). Usage: check_perf_import.sh [N]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
NUMABIAS="$HERE/../../numabias"
WORK="$(mktemp -d)"
bad=0
check() { # perf text
  local f="$1" n; n="$(basename "$f")"
  python3 "$HERE/perf_reference.py" "$f" "$WORK/$n.expected" > /dev/null
  "$NUMABIAS" import --format perf-script "$f" -o "$WORK/$n.trace" --topology cpu-as-node > /dev/null
  "$NUMABIAS" export "$WORK/$n.trace" -o - | grep -v '^#' | tail -n +2 > "$WORK/$n.got"
  if ! diff -q <(grep -v '^$' "$WORK/$n.expected") <(grep -v '^$' "$WORK/$n.got") > /dev/null; then
    echo "differs: $f"; bad=$((bad + 1))
  fi
}
for f in "$HERE"/../../datasets/src/main/resources/org/numabias/datasets/recorded/*.perf.txt; do check "$f"; done
for s in $(seq 1 "${1:-40}"); do python3 "$HERE/perf_generate.py" "$WORK/random$s.txt" "$s"; check "$WORK/random$s.txt"; done
echo "perf import cross-check: $bad differing file(s)"
rm -rf "$WORK"
[[ $bad -eq 0 ]]
