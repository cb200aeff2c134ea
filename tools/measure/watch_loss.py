"""How fast perf's events can come before `numabias watch` (pipe mode) loses some, and what watch
costs per event beside perf.

For each offered rate R (datagrams per second) and each repetition, it runs
`numabias watch --duration D --format json` system-wide (perf record in pipe mode into perf script,
as watch always does), and while it runs sends R datagrams per second for S seconds over loopback UDP
(DNS-sized, read by one receiver; each datagram is about four perf events: its receive, the socket's
data-ready, the read and the free). It reads from watch's final JSON line perf's lost chunks and
share of samples, the events imported and watch's own CPU (`watchCpuSeconds`: the JVM, not perf),
and from a wrapper given to watch as `--perf` the user+system CPU of `perf record` and `perf script`.
Sender and receiver run outside perf and outside watch: their CPU counts in neither.

Prints one JSON object per run (NDJSON) and, at the end, a summary: per rate, the runs that lost
events and the offered perf event rate (perf script's lines plus what perf says it lost, over the
seconds of traffic: the machine's other traffic included, since perf records system-wide); over
all runs, the highest offered rate without loss against the lowest with loss, and each process's CPU
per perf event (a line fitted through the runs, the intercept being the fixed cost, JVM start-up for
watch; its spread the range of leave-one-out fits). Needs root (system-wide tracepoints) and a built CLI
(`./numabias build`).

Usage: python3 tools/measure/watch_loss.py [--rates 0,2000,5000] [--seconds 4] [--repeat 3] [--size 512]
       python3 tools/measure/watch_loss.py --send RATE SECONDS SIZE   (the workload, used by the above)
"""
import argparse
import json
import os
import pathlib
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]

# perf, with its CPU written to $WATCH_LOSS_CPU_LOG when it ends ("record USER SYS", from bash's `times`:
# the user and system seconds of the shell's waited-for children, here perf alone). SIGTERM (watch's stop)
# is passed on to perf, which then flushes and ends as on Ctrl-C.
WRAPPER = r"""#!/bin/bash
perf "$@" 0<&0 &  # an explicit stdin: a background command would otherwise read /dev/null
child=$!
trap 'kill -TERM $child 2>/dev/null' TERM INT
wait $child; rc=$?
while kill -0 $child 2>/dev/null; do wait $child; rc=$?; done
times > "$WATCH_LOSS_CPU_LOG.$$"  # in this shell: in a $(...) subshell its children would be another's
echo "$1 $(tail -1 "$WATCH_LOSS_CPU_LOG.$$")" >> "$WATCH_LOSS_CPU_LOG"
rm -f "$WATCH_LOSS_CPU_LOG.$$"
exit $rc
"""


def seconds_of(times_field):
    """bash's `times` writes 1m2.345s: in seconds."""
    minutes, rest = times_field.rstrip("s").split("m")
    return 60 * float(minutes) + float(rest)


def send(rate, seconds, size):
    """The workload: `rate` datagrams a second for `seconds` to a receiver in a forked child; prints counts."""
    rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    rx.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    rx.bind(("127.0.0.1", 0))
    port = rx.getsockname()[1]
    pid = os.fork()
    if pid == 0:
        tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        payload = b"x" * size
        start = time.monotonic()
        sent = 0
        while True:
            elapsed = time.monotonic() - start
            if elapsed >= seconds:
                break
            due = min(int(rate * elapsed) + 1, int(rate * seconds))
            while sent < due:
                tx.sendto(payload, ("127.0.0.1", port))
                sent += 1
            time.sleep(0.001)
        tx.sendto(b"", ("127.0.0.1", port))  # the end
        print(json.dumps({"sent": sent}), flush=True)
        os._exit(0)
    rx.settimeout(seconds + 5)
    got = 0
    try:
        while True:
            if not rx.recv(65536):
                break
            got += 1
    except socket.timeout:
        pass
    os.waitpid(pid, 0)
    print(json.dumps({"received": got}), flush=True)


def run_once(rate, seconds, size, workdir):
    """One watch over one burst: its measurements as a dict."""
    perf = workdir / "perf"
    perf.write_text(WRAPPER)
    perf.chmod(0o755)
    cpu_log = workdir / "cpu.log"
    cpu_log.unlink(missing_ok=True)
    env = dict(os.environ, WATCH_LOSS_CPU_LOG=str(cpu_log))
    duration = seconds + 4
    err_path = workdir / "watch.err"
    with open(err_path, "w") as err:
        watch = subprocess.Popen([str(ROOT / "numabias"), "watch", "--perf", str(perf), "--duration", str(duration),
                                  "--topology", "cpu-as-node", "--format", "json", "-p", "producer-local",
                                  "-p", "last-consumer", "-p", "oracle"],
                                 stdout=subprocess.PIPE, stderr=err, text=True, env=env, cwd=ROOT)
        lines = []
        reader = threading.Thread(target=lambda: lines.extend(watch.stdout))
        reader.start()
        deadline = time.monotonic() + 120
        while "watch: small datagrams" not in err_path.read_text() and watch.poll() is None:
            if time.monotonic() > deadline:
                watch.kill()
                raise SystemExit("watch did not start within 120 s: " + err_path.read_text())
            time.sleep(0.05)
        time.sleep(1.5)  # perf record sets up its ring buffers
        workload = subprocess.run([sys.executable, __file__, "--send", str(rate), str(seconds), str(size)],
                                  capture_output=True, text=True, timeout=seconds + 60)
        try:
            watch.wait(timeout=duration + 120)
        except subprocess.TimeoutExpired:
            watch.kill()
            raise SystemExit("watch did not end within its duration + 120 s")
        reader.join(30)
    if watch.returncode != 0:
        raise SystemExit("watch failed (exit %d): %s" % (watch.returncode, err_path.read_text()[-2000:]))
    counts = {}
    for line in workload.stdout.splitlines():
        counts.update(json.loads(line))
    records = [json.loads(line) for line in lines if line.strip()]
    final = records[-1]
    busiest = max([r["eventsPerSecond"] for r in records if r["type"] == "interval"], default=0.0)
    cpu = {}
    for line in cpu_log.read_text().splitlines():
        name, user, system = line.split()
        if name in ("record", "script"):
            cpu[name] = cpu.get(name, 0.0) + seconds_of(user) + seconds_of(system)
    perf_events = final["importCounts"]["lines"]  # perf script prints one line per perf event
    lost = final["perfLostSamplesPercent"]
    return {"rateDatagramsPerSecond": rate, "seconds": seconds, "size": size,
            "sent": counts.get("sent"), "received": counts.get("received"), "traceEvents": final["events"],
            "perfEvents": perf_events, "recordedSeconds": duration,
            # what perf was offered: what it delivered and what it says it lost, over the seconds of traffic (the
            # machine's own events, rate 0, come on top, spread over all the seconds perf recorded)
            "offeredPerfEventsPerSecond": round(perf_events / (1 - lost / 100) / seconds) if lost < 100 else None,
            "busiestSecondTraceEventsPerSecond": round(busiest),
            "perfLostChunks": final["perfLostChunks"], "perfLostSamplesPercent": lost,
            "watchCpuSeconds": final["watchCpuSeconds"], "perfRecordCpuSeconds": cpu.get("record"),
            "perfScriptCpuSeconds": cpu.get("script")}


def spread(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": round(statistics.median(values), 2), "min": round(min(values), 2), "max": round(max(values), 2)}


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--send":
        send(int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rates", default="0,2000,5000,10000,20000", help="offered datagrams per second, comma-separated")
    parser.add_argument("--seconds", type=float, default=4, help="seconds of traffic per run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per rate")
    parser.add_argument("--size", type=int, default=512, help="datagram payload bytes")
    args = parser.parse_args()
    runs = {}
    with tempfile.TemporaryDirectory(prefix="watch-loss") as tmp:
        for _ in range(args.repeat):  # rates interleaved: a change in the machine's load spreads over all of them
            for rate in [int(r) for r in args.rates.split(",")]:
                r = run_once(rate, args.seconds, args.size, pathlib.Path(tmp))
                print(json.dumps(r), flush=True)
                runs.setdefault(rate, []).append(r)
    print(json.dumps({"summary": summarize(runs)}), flush=True)


def slope(points):
    """Least-squares fit y = a + b x of (x, y) points: (a, b); None when the x do not vary."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    b = sum((x - mx) * (y - my) for x, y in points) / sxx
    return my - b * mx, b


def cost_per_event(runs, key):
    """CPU seconds of `key` against perf events over all runs: the fixed cost (intercept, s) and the cost
    per event (slope, in microseconds), with the slope's range over leave-one-out fits (its spread)."""
    points = [(r["perfEvents"], r[key]) for r in runs if r[key] is not None]
    fit = slope(points) if len(points) >= 3 else None
    if fit is None:
        return None
    loo = [slope(points[:i] + points[i + 1:]) for i in range(len(points))]
    loo = [1e6 * f[1] for f in loo if f is not None]
    return {"fixedSeconds": round(fit[0], 2), "microsPerEvent": round(1e6 * fit[1], 2),
            "microsPerEventLeaveOneOut": {"min": round(min(loo), 2), "max": round(max(loo), 2)}}


def summarize(by_rate):
    """Per rate: losses and offered event rates (median, min, max over the repetitions); over all runs:
    the offered rate perf sustained without loss against the lowest at which it lost events, and each
    process's CPU cost per perf event (a line fitted through the runs: the fixed cost is the intercept,
    JVM start-up for watch). Rate 0 runs watch with no traffic of ours: the machine's own events only."""
    runs = [r for rs in by_rate.values() for r in rs]
    clean = [r["offeredPerfEventsPerSecond"] for r in runs if r["perfLostChunks"] == 0 and r["offeredPerfEventsPerSecond"]]
    lossy = [r["offeredPerfEventsPerSecond"] for r in runs if r["perfLostChunks"] > 0 and r["offeredPerfEventsPerSecond"]]
    return {"perRate": [{"rateDatagramsPerSecond": rate, "runs": len(rs),
                         "runsWithLostEvents": sum(1 for r in rs if r["perfLostChunks"] > 0),
                         "perfLostSamplesPercent": spread([r["perfLostSamplesPercent"] for r in rs]),
                         "offeredPerfEventsPerSecond": spread([r["offeredPerfEventsPerSecond"] for r in rs])}
                        for rate, rs in by_rate.items()],
            "highestOfferedPerfEventsPerSecondWithoutLoss": max(clean, default=None),
            "lowestOfferedPerfEventsPerSecondWithLoss": min(lossy, default=None),
            "cpu": {"watch": cost_per_event(runs, "watchCpuSeconds"),
                    "perfRecord": cost_per_event(runs, "perfRecordCpuSeconds"),
                    "perfScript": cost_per_event(runs, "perfScriptCpuSeconds")}}


if __name__ == "__main__":
    main()
