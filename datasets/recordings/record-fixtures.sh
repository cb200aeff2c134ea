#!/usr/bin/env bash
# Re-records the bundled real traces: each workload under `numabias record`, keeping perf script's
# text as the fixture (the raw capture; the catalog imports it with the projection cpu-as-node, since
# these were recorded on a one-node, two-CPU machine), and its provenance in NAME.properties.
#
# Needs root (or perf_event_paranoid <= -1), perf, python3, and for the server captures Debian's
#   apt-get install linux-perf nginx-light wrk redis-server redis-tools postgresql iperf3
# (no service needs to run: each workload starts its own server on 127.0.0.1 and stops it).
# Run from anywhere:  datasets/recordings/record-fixtures.sh [NAME...]   (no NAME: all of them)
#
# The server captures are recorded through perf-in-cgroup.sh: only events that fire while a task of
# the workload runs, so that other processes' loopback traffic on a shared machine stays out. The
# five Python captures were recorded before that, system-wide without that filter (their
# .properties have no perfFilter line); re-recording them now applies it to them too.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/datasets/recordings"
OUT="$ROOT/datasets/src/main/resources/org/numabias/datasets/recorded"
mkdir -p "$OUT"
ONLY=("$@")

pkg() { dpkg-query -W -f='${Package} ${Version}' "$1"; }
first_line() { "$@" 2>&1 | head -1; }

# versions SCRIPT: the server= and client= provenance lines of a workload
versions() {
  local pg; pg="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  case "$1" in
    nginx_wrk.sh)
      echo "server=$(pkg nginx-light) ($(first_line nginx -v))"
      echo "client=$(pkg wrk) ($(first_line wrk -v))" ;;
    redis_benchmark.sh)
      echo "server=$(pkg redis-server) ($(first_line redis-server --version))"
      echo "client=$(pkg redis-tools) (redis-benchmark)" ;;
    pgbench.sh)
      local p; p="$(dpkg -S "$pg/postgres" | cut -d: -f1)"
      echo "server=$(pkg "$p") ($(first_line "$pg/postgres" --version))"
      echo "client=$(pkg "$p") ($(first_line "$pg/pgbench" --version))" ;;
    iperf3.sh)
      echo "server=$(pkg iperf3) ($(first_line iperf3 --version))"
      echo "client=$(pkg iperf3) (the same binary, -c)" ;;
    *.py)
      echo "client=$(first_line python3 --version) (server and client in one script)" ;;
  esac
}

record() { # name, workload script, args...
  local name="$1" script="$2"; shift 2
  if ((${#ONLY[@]})) && [[ ! " ${ONLY[*]} " == *" $name "* ]]; then
    return 0
  fi
  local run=("$HERE/$script" "$@")
  [[ "$script" == *.py ]] && run=(python3 "${run[@]}")
  local tmp; tmp="$(mktemp -d)"
  echo "== $name"
  "$ROOT/numabias" record -o "$tmp/trace" --perf "$HERE/perf-in-cgroup.sh" --keep-script "$OUT/$name.perf.txt" \
    -- "${run[@]}"
  {
    echo "workload=datasets/recordings/$script $*"
    case "${1:-}" in
      pinned) echo "placement=pinned with taskset: server on CPU 1, client on CPU 0" ;;
      unpinned) echo "placement=unpinned: server and client wherever the scheduler put them" ;;
    esac
    versions "$script"
    echo "recordedAt=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "os=$(. /etc/os-release && echo "$PRETTY_NAME")"
    echo "kernel=$(uname -r)"
    echo "perf=$(perf --version)"
    echo "perfFilter=perf record -a -G (cgroup of the workload), see datasets/recordings/perf-in-cgroup.sh"
    echo "machine=$(nproc) CPUs, $(ls -d /sys/devices/system/node/node* | wc -l) NUMA node(s)"
    echo "topology=cpu-as-node"
  } > "$OUT/$name.properties"
  rm -rf "$tmp"
}

# small Python workloads (datasets/recordings/*.py)
record udp-pinned udp_pinned.py 300
record udp-migrating udp_migrating.py 300 50
record udp-two-receivers udp_two_receivers.py 300
record tcp-bulk tcp_bulk.py 2097152
record tcp-rpc tcp_rpc.py 200
# real servers and clients from Debian's packages
record nginx-wrk-pinned nginx_wrk.sh pinned 150 4096 4 2
record nginx-wrk-unpinned nginx_wrk.sh unpinned 150 4096 4 2
record redis-pinned redis_benchmark.sh pinned 100 1024 4 2
record redis-unpinned redis_benchmark.sh unpinned 100 1024 4 2
record pgbench-pinned pgbench.sh pinned 5 4 2
record pgbench-unpinned pgbench.sh unpinned 5 4 2
record iperf3-tcp-pinned iperf3.sh pinned tcp 8M
record iperf3-udp-pinned iperf3.sh pinned udp 9600000 32000
record iperf3-udp-unpinned iperf3.sh unpinned udp 9600000 32000
