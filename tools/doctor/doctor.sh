#!/usr/bin/env bash
# numabias doctor: checks this machine's prerequisites and says, per journey, what works and the
# exact command that installs what is missing. Run through the launcher (./numabias doctor), which
# passes the JDK it found in NUMABIAS_JDK (empty: none). Exit 0 when the README's two commands
# (./numabias demo, ./numabias test) can work: a JDK 25 and a font for the charts; 1 otherwise;
# 2 for a usage error.
#
# For tests, every probe of the machine can be redirected: NUMABIAS_SYSFS (default /sys),
# NUMABIAS_PROC (default /proc), NUMABIAS_UID (default: id -u), NUMABIAS_PYTHON (default /usr/bin/python3),
# NUMABIAS_LIBNUMA (a list of candidate paths of libnuma.so.1); programs are looked up on PATH.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SYSFS="${NUMABIAS_SYSFS:-/sys}"
PROC="${NUMABIAS_PROC:-/proc}"
UID_NOW="${NUMABIAS_UID:-$(id -u)}"
PY="${NUMABIAS_PYTHON:-/usr/bin/python3}"
LIBNUMA_PATHS="${NUMABIAS_LIBNUMA:-/usr/lib/x86_64-linux-gnu/libnuma.so.1 /lib/x86_64-linux-gnu/libnuma.so.1 /usr/lib64/libnuma.so.1 /usr/lib/aarch64-linux-gnu/libnuma.so.1}"
SUDO=""; [[ "$UID_NOW" != 0 ]] && SUDO="sudo "
SPARK_MASTER=""

usage() {
  echo "usage: ./numabias doctor [--spark-master spark://HOST:PORT]" >&2
  exit 2
}
while (($#)); do
  case "$1" in
    --spark-master) [[ $# -ge 2 ]] || usage; SPARK_MASTER="$2"; shift 2 ;;
    --spark-master=*) SPARK_MASTER="${1#*=}"; shift ;;
    -h|--help) echo "usage: ./numabias doctor [--spark-master spark://HOST:PORT]"
               echo "Checks the JDK, fonts, perf, libnuma and NUMA nodes, QEMU, Jupyter, Python (pandas, pyarrow)"
               echo "and, with --spark-master, that the Spark master answers; prints per journey what works and"
               echo "how to install what is missing. Exit 0 when ./numabias demo and ./numabias test can work."
               exit 0 ;;
    *) echo "doctor: unknown argument '$1'" >&2; usage ;;
  esac
done

declare -A OK FIX
report() { # NAME ok|missing DETAIL [FIX]
  OK[$1]="$2"
  if [[ "$2" == ok ]]; then printf '  ok       %-22s %s\n' "$1" "$3"
  elif [[ "$2" == note ]]; then printf '  note     %-22s %s\n' "$1" "$3"
  else printf '  MISSING  %-22s %s\n' "$1" "$3"; FIX[$1]="${4:-}"; [[ -n "${4:-}" ]] && printf '           %-22s fix: %s\n' "" "$4"; fi
}

apt_has() { # is PACKAGE installable with apt on this machine?
  command -v apt-cache >/dev/null 2>&1 && [[ -n "$(apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p' | grep -v '(none)')" ]]
}

os="$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-}")"
echo "numabias doctor: ${os:-unknown system}, $(uname -r)"
echo

echo "core"
if [[ -n "${NUMABIAS_JDK:-}" ]]; then
  report jdk ok "$NUMABIAS_JDK ($("$NUMABIAS_JDK/bin/java" -version 2>&1 | head -1))"
else
  if apt_has openjdk-25-jdk-headless; then fix="${SUDO}apt-get install -y openjdk-25-jdk-headless"
  else fix="no openjdk-25 package here: install Temurin 25 from Adoptium's apt repository (README.md, Prerequisites) or a tarball from https://adoptium.net, then set JAVA_HOME"; fi
  report jdk missing "no JDK 25 or newer (looked at JAVA_HOME, java on PATH, /usr/lib/jvm, /opt/java, /opt/jdk*, SDKMAN, ~/.jdks)" "$fix"
fi
if command -v fc-list >/dev/null 2>&1 && [[ -n "$(fc-list 2>/dev/null | head -1)" ]]; then
  report fonts ok "$(fc-list 2>/dev/null | wc -l) fonts (charts)"
else
  report fonts missing "no fontconfig font: the charts of demo and reports cannot be drawn" "${SUDO}apt-get install -y fontconfig fonts-dejavu-core"
fi

echo
echo "kernel traces (record)"
if command -v perf >/dev/null 2>&1; then
  report perf ok "$(command -v perf)"
  paranoid="$(cat "$PROC/sys/kernel/perf_event_paranoid" 2>/dev/null || echo unknown)"
  if [[ "$UID_NOW" == 0 ]]; then
    report perf-permission ok "running as root"
  elif [[ "$paranoid" =~ ^-?[0-9]+$ && "$paranoid" -le -1 ]]; then
    report perf-permission ok "perf_event_paranoid = $paranoid"
  else
    report perf-permission missing "not root and perf_event_paranoid = $paranoid: system-wide tracepoints are refused" \
      "run record with sudo, or: sudo sysctl kernel.perf_event_paranoid=-1"
  fi
else
  if apt_has linux-perf; then fix="${SUDO}apt-get install -y linux-perf"; else fix="${SUDO}apt-get install -y linux-tools-generic (Ubuntu) or your distribution's perf package"; fi
  report perf missing "perf not on PATH" "$fix"
  OK[perf-permission]=missing
fi

echo
echo "live runs and NUMA"
libnuma=""
for p in $LIBNUMA_PATHS; do [[ -e "$p" ]] && { libnuma="$p"; break; }; done
if [[ -n "$libnuma" ]]; then report libnuma ok "$libnuma"
else report libnuma missing "libnuma.so.1 not found: live and numa-cost cannot place memory" "${SUDO}apt-get install -y libnuma1"; fi
nodes=$(ls -d "$SYSFS"/devices/system/node/node[0-9]* 2>/dev/null | wc -l)
if ((nodes >= 2)); then
  report numa-nodes ok "$nodes nodes: live runs and record measure real placement"
else
  report numa-nodes note "$((nodes > 0 ? nodes : 1)) NUMA node: use 'live --emulate-nodes 2' and 'record --topology cpu-as-node' (projections, labelled)"
fi
if command -v qemu-system-x86_64 >/dev/null 2>&1; then report qemu ok "$(command -v qemu-system-x86_64) (the two-node guest test)"
else report qemu missing "qemu-system-x86_64 not on PATH: the two-node guest test is skipped (a failure under CI=true)" "${SUDO}apt-get install -y qemu-system-x86"; fi

echo
echo "notebooks"
if command -v jupyter-nbconvert >/dev/null 2>&1 && [[ -x "$PY" ]] && "$PY" -c 'import nbclient, jupyter_client' >/dev/null 2>&1; then
  report jupyter ok "jupyter-nbconvert, nbclient, jupyter_client ($PY)"
else
  report jupyter missing "Jupyter (nbconvert, nbclient, jupyter_client for $PY) not found" \
    "${SUDO}apt-get install -y jupyter-nbconvert jupyter-core python3-nbclient python3-jupyter-client"
fi
if ls "$ROOT"/notebooks/target/kernel/rapaio-jupyter-kernel-*.jar >/dev/null 2>&1; then
  report java-kernel ok "$(basename "$(ls "$ROOT"/notebooks/target/kernel/rapaio-jupyter-kernel-*.jar | head -1)")"
else
  report java-kernel missing "the rapaio Java kernel is not built yet" "./numabias build"
fi

echo
echo "sweep results in Python"
if [[ -x "$PY" ]] && "$PY" -c 'import pandas' >/dev/null 2>&1; then report pandas ok "$("$PY" -c 'import pandas; print("pandas", pandas.__version__)')"
else report pandas missing "pandas not importable by $PY" "${SUDO}apt-get install -y python3-pandas (or pip install pandas in a virtual environment)"; fi
if [[ -x "$PY" ]] && "$PY" -c 'import pyarrow' >/dev/null 2>&1; then report pyarrow ok "pyarrow (Parquet for pandas)"
else
  if apt_has python3-pyarrow; then fix="${SUDO}apt-get install -y python3-pyarrow"
  else fix="not packaged here: python3 -m venv ~/.venvs/numabias && ~/.venvs/numabias/bin/pip install pandas pyarrow"; fi
  report pyarrow missing "pyarrow not importable: pandas cannot read the Parquet results" "$fix"
fi

if [[ -n "$SPARK_MASTER" ]]; then
  echo
  echo "Spark"
  if [[ "$SPARK_MASTER" =~ ^local(\[[0-9*]+\])?$ ]]; then
    report spark-master ok "$SPARK_MASTER runs inside the sweep's JVM"
  elif [[ "$SPARK_MASTER" =~ ^spark://([^:/]+):([0-9]+)$ ]]; then
    host="${BASH_REMATCH[1]}"; port="${BASH_REMATCH[2]}"
    if timeout 5 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null; then
      report spark-master ok "$SPARK_MASTER accepts connections"
    else
      report spark-master missing "$SPARK_MASTER does not answer within 5 s" "start the master, or check the host, port and firewall"
    fi
  else
    echo "doctor: --spark-master must be spark://HOST:PORT or local[N]: $SPARK_MASTER" >&2
    exit 2
  fi
fi

works() { local n; for n in "$@"; do [[ "${OK[$n]:-missing}" == ok ]] || return 1; done; }
journey() { # "what" "names..." ; prints ok or which checks are missing
  local what="$1"; shift
  local missing=() n
  for n in "$@"; do [[ "${OK[$n]:-missing}" == ok ]] || missing+=("$n"); done
  if ((${#missing[@]} == 0)); then printf '  ok       %s\n' "$what"
  else printf '  no       %s (needs: %s)\n' "$what" "${missing[*]}"; fi
}

echo
echo "journeys"
journey "./numabias demo, compare, reports, traces, plugins, sweep (in-process and Spark local)" jdk fonts
journey "./numabias test (the two-node guest test also needs qemu)" jdk fonts
journey "record kernel traces" jdk perf perf-permission
journey "live and numa-cost with real placement" jdk libnuma numa-nodes
journey "live with emulated nodes (--emulate-nodes 2)" jdk libnuma
journey "the two-node guest test" jdk libnuma qemu
journey "./numabias notebooks" jdk fonts jupyter
journey "sweep results in pandas" pandas pyarrow
[[ -n "$SPARK_MASTER" ]] && journey "sweep --engine spark:$SPARK_MASTER" jdk spark-master

echo
if works jdk fonts; then
  echo "doctor: ./numabias demo and ./numabias test can work here."
  exit 0
fi
echo "doctor: ./numabias demo and ./numabias test cannot work yet: install what is marked MISSING under core."
exit 1
