#!/usr/bin/env bash
# Re-records the bundled real traces: each workload under `numabias record`, keeping perf script's
# text as the fixture (the raw capture; the catalog imports it with the projection cpu-as-node, since
# these were recorded on a one-node, two-CPU machine). Needs root (or perf_event_paranoid <= -1),
# perf and python3. Run from the repository root: datasets/recordings/record-fixtures.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/datasets/src/main/resources/org/numabias/datasets/recorded"
mkdir -p "$OUT"
record() { # name, workload args...
  local name="$1"; shift
  local tmp; tmp="$(mktemp -d)"
  "$ROOT/numabias" record -o "$tmp/trace" --keep-script "$OUT/$name.perf.txt" -- python3 "$ROOT/datasets/recordings/$@"
  {
    echo "workload=datasets/recordings/$*"
    echo "recordedAt=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "kernel=$(uname -r)"
    echo "perf=$(perf --version)"
    echo "machine=$(nproc) CPUs, $(ls -d /sys/devices/system/node/node* | wc -l) NUMA node(s)"
    echo "topology=cpu-as-node"
  } > "$OUT/$name.properties"
  rm -rf "$tmp"
}
record udp-pinned udp_pinned.py 300
record udp-migrating udp_migrating.py 300 50
record udp-two-receivers udp_two_receivers.py 300
record tcp-bulk tcp_bulk.py 2097152
record tcp-rpc tcp_rpc.py 200
