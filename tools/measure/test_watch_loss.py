"""Tests of tools/measure/watch_loss.py: its arithmetic on made-up runs, and one short real measurement
(needs root, perf and loopback; skipped without them, except under CI=true where that fails).
Run: python3 -m unittest discover -s tools/measure"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import watch_loss  # noqa: E402

SCRIPT = pathlib.Path(__file__).resolve().parent / "watch_loss.py"


def run(rate, perf_events, lost_chunks, watch_cpu, record_cpu=None, script_cpu=None, offered=None):
    return {"rateDatagramsPerSecond": rate, "perfEvents": perf_events, "perfLostChunks": lost_chunks,
            "perfLostSamplesPercent": 10.0 if lost_chunks else 0.0, "offeredPerfEventsPerSecond": offered,
            "watchCpuSeconds": watch_cpu, "perfRecordCpuSeconds": record_cpu, "perfScriptCpuSeconds": script_cpu}


class Arithmetic(unittest.TestCase):
    def test_bash_times_fields_are_seconds(self):
        self.assertAlmostEqual(62.345, watch_loss.seconds_of("1m2.345s"))
        self.assertAlmostEqual(0.008, watch_loss.seconds_of("0m0.008s"))

    def test_cost_per_event_is_the_slope_through_the_runs(self):
        # 2 s fixed, 50 us per event, exactly: every fit (leave-one-out too) gives 50
        runs = [run(0, n, 0, 2 + 50e-6 * n) for n in (1000, 20000, 40000, 80000)]
        cost = watch_loss.cost_per_event(runs, "watchCpuSeconds")
        self.assertEqual(2.0, cost["fixedSeconds"])
        self.assertEqual(50.0, cost["microsPerEvent"])
        self.assertEqual({"min": 50.0, "max": 50.0}, cost["microsPerEventLeaveOneOut"])

    def test_leave_one_out_shows_the_spread_of_noisy_runs(self):
        # y = 1, 3, 2, 4 at x = 0, 1, 2, 3 (events in millions): slope 0.8 s per million events = 0.8 us;
        # leaving out x=0 or x=3 gives 1/2, x=1 or x=2 gives 39/42 = 0.93 (two decimals)
        runs = [run(0, 1_000_000 * x, 0, y) for x, y in ((0, 1), (1, 3), (2, 2), (3, 4))]
        cost = watch_loss.cost_per_event(runs, "watchCpuSeconds")
        self.assertAlmostEqual(0.8, cost["microsPerEvent"])
        self.assertAlmostEqual(0.5, cost["microsPerEventLeaveOneOut"]["min"])
        self.assertAlmostEqual(0.93, cost["microsPerEventLeaveOneOut"]["max"])

    def test_too_few_runs_or_one_event_count_fit_nothing(self):
        self.assertIsNone(watch_loss.cost_per_event([run(0, 5, 0, 1), run(0, 6, 0, 2)], "watchCpuSeconds"))
        self.assertIsNone(watch_loss.cost_per_event([run(0, 5, 0, y) for y in (1, 2, 3)], "watchCpuSeconds"))

    def test_summary_sets_the_clean_runs_against_the_lossy_ones(self):
        by_rate = {0: [run(0, 10, 0, 1, offered=3000), run(0, 20, 0, 1, offered=9000)],
                   5000: [run(5000, 30, 1, 1, offered=8000), run(5000, 40, 0, 1, offered=12000),
                          run(5000, 50, 2, 1, offered=30000)]}
        s = watch_loss.summarize(by_rate)
        self.assertEqual(12000, s["highestOfferedPerfEventsPerSecondWithoutLoss"])
        self.assertEqual(8000, s["lowestOfferedPerfEventsPerSecondWithLoss"])  # below it: the spread crosses
        self.assertEqual([0, 2], [r["runsWithLostEvents"] for r in s["perRate"]])
        self.assertEqual({"median": 12000, "min": 8000, "max": 30000}, s["perRate"][1]["offeredPerfEventsPerSecond"])


def perf_can_record():
    if shutil.which("perf") is None:
        return False
    p = subprocess.run(["perf", "record", "-q", "-a", "-e", "skb:consume_skb", "-o", "/dev/null", "--", "true"],
                       capture_output=True, timeout=60)
    return p.returncode == 0


class RealMeasurement(unittest.TestCase):
    def test_a_short_measurement_counts_what_it_sent_and_what_each_process_spent(self):
        if not perf_can_record():
            if os.environ.get("CI") == "true":
                self.fail("CI=true and perf cannot record system-wide tracepoints (install perf, run as root)")
            self.skipTest("perf cannot record system-wide tracepoints here")
        p = subprocess.run([sys.executable, str(SCRIPT), "--rates", "0,2000", "--seconds", "1", "--repeat", "2"],
                           capture_output=True, text=True, timeout=600)
        self.assertEqual(0, p.returncode, p.stderr)
        lines = [json.loads(line) for line in p.stdout.splitlines()]
        runs, summary = lines[:-1], lines[-1]["summary"]
        self.assertEqual([0, 2000, 0, 2000], [r["rateDatagramsPerSecond"] for r in runs])
        for r in runs:
            self.assertLessEqual(r["received"], r["sent"])
            self.assertGreater(r["watchCpuSeconds"], 0)
            self.assertGreater(r["perfScriptCpuSeconds"], 0)
            self.assertIsNotNone(r["perfRecordCpuSeconds"])
        for r in runs[1::2]:
            self.assertGreaterEqual(r["sent"], 1000, r)  # 2,000 a second for one second, paced by the millisecond
            # at least one perf event per datagram read, counting those perf lost (a busy machine makes it lose some)
            self.assertGreaterEqual(r["offeredPerfEventsPerSecond"] * r["seconds"] + 1, r["received"], r)
        self.assertEqual(4, sum(r["runs"] for r in summary["perRate"]))
        self.assertIn("microsPerEvent", summary["cpu"]["perfScript"])


if __name__ == "__main__":
    unittest.main()
