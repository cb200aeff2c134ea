#!/usr/bin/env bash
# A stand-in for perf, given to `numabias record --perf`: `perf record ... -- COMMAND` runs COMMAND
# in a cgroup (v2) of its own and records only the events that fire while one of its tasks is on
# the CPU (perf's -G). Other processes' loopback traffic on a shared machine (IDEs, test JVMs,
# notebook kernels) is left out; the capture is still system-wide for every CPU. What is lost: events
# of the workload's packets that the kernel handles while another task is current (e.g. an skb freed
# by a deferred-free softirq, or a backlog drained by ksoftirqd): a buffer whose free is lost is
# ended by the next allocation at its address (DESIGN.md's join rule).
# Every other perf command (--version, list, script) runs perf as it is. Needs root.
set -euo pipefail
if [[ "${1:-}" != record ]]; then
  exec perf "$@"
fi
root="$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)"
[[ -n "$root" ]] || { echo "perf-in-cgroup: no cgroup2 file system mounted" >&2; exit 1; }
group="numabias-record-$$"
mkdir "$root/$group"
trap 'rmdir "$root/$group" 2>/dev/null || true' EXIT
args=()
shift
while (($#)); do
  if [[ "$1" == -- ]]; then shift; break; fi
  args+=("$1"); shift
done
# the command joins the group, then becomes the workload; perf itself stays outside
perf record "${args[@]}" -G "$group" -- sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$root/$group" "$@"
