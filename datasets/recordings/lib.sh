# Shared by the server workloads in this folder (sourced, not run). Every workload serves on
# 127.0.0.1 only, on a port the kernel picked as free, bounds its client in count and in time, stops
# what it started (also on failure), and exits non-zero when anything failed.
#
#   PLACEMENT (first argument of each workload):
#     pinned    server on CPU 1, client on CPU 0 (taskset)
#     unpinned  both wherever the scheduler puts them
set -euo pipefail

WORK="$(mktemp -d /tmp/numabias-workload.XXXXXX)"
chmod 755 "$WORK"
STARTED=()

cleanup() {
  local pid
  for pid in "${STARTED[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "$(basename "$0"): $*" >&2; exit 1; }

# placement: sets SERVER_CPU and CLIENT_CPU (taskset prefixes, empty when unpinned).
placement() {
  case "${1:-}" in
    pinned) SERVER_CPU=(taskset -c 1); CLIENT_CPU=(taskset -c 0) ;;
    unpinned) SERVER_CPU=(); CLIENT_CPU=() ;;
    *) echo "usage: $(basename "$0") pinned|unpinned ..." >&2; exit 2 ;;
  esac
}

# free_port: a TCP (and UDP) port on 127.0.0.1 that nothing listens on right now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_listening PORT: until a TCP socket listens on 127.0.0.1:PORT, 20 s at most. Reads /proc/net/tcp:
# no packet, and no netlink copy in the capture.
wait_listening() {
  local want; want="$(printf '0100007F:%04X 00000000:0000 0A' "$1")"
  for _ in $(seq 200); do
    if grep -q "$want" /proc/net/tcp; then return 0; fi
    sleep 0.1
  done
  fail "nothing listens on 127.0.0.1:$1 after 20 s"
}

# start LOG CMD...: runs CMD in the background, its output to $WORK/LOG, remembered for cleanup.
start() {
  local log="$WORK/$1"; shift
  "$@" >"$log" 2>&1 &
  STARTED+=("$!")
}
