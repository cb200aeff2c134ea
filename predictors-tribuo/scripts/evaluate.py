#!/usr/bin/env python3
"""Honest evaluation of the tribuo predictor (README, "Tribuo classifier").

For every dataset of `numabias datasets list`: materialise it, train tribuo on the first half
(`numabias train --until 0.5`, logistic and cart), and compare it with the counting predictors on
the second half only (`compare --score-from 0.5`). Prints a Markdown table of localByteRatio (best
non-oracle marked *), then the cost columns: ns/call as compare measured it, and the compiled
model size (stateBytes). Usage: predictors-tribuo/scripts/evaluate.py [WORKDIR [DATASET...]]
"""
import csv
import io
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NUMABIAS = os.path.join(ROOT, "numabias")
TRAINERS = ["logistic", "cart"]
COUNTING = ["producer-local", "last-consumer", "majority", "majority:weight=bytes", "majority:key=flow", "ewma",
            "markov", "two-stage"]
CUT = "0.5"


def run(*args):
    return subprocess.run([NUMABIAS, *args], check=True, capture_output=True, text=True).stdout


def main():
    work = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="tribuo-eval-")
    names = sys.argv[2:] or [line.split()[0] for line in run("datasets", "list").splitlines() if line.strip()]
    rows = []
    for name in names:
        trace = os.path.join(work, name)
        if not os.path.exists(trace):
            run("datasets", "materialize", name, "-o", trace)
        specs = []
        for t in TRAINERS:
            model = os.path.join(work, f"{name}.{t}.tribuo")
            run("train", trace, "-o", model, "--trainer", t, "--until", CUT)
            specs.append(f"tribuo:model={model}")
        args = ["compare", trace, "--score-from", CUT, "--format", "csv"]
        for s in specs + COUNTING + ["oracle"]:
            args += ["-p", s]
        results = list(csv.DictReader(io.StringIO(run(*args))))
        rows.append((name, results))
    labels = [f"tribuo ({t})" for t in TRAINERS] + COUNTING
    print("| dataset | " + " | ".join(labels) + " |")
    print("|---" * (len(labels) + 1) + "|")
    for name, results in rows:
        ratios = [float(r["localByteRatio"] or "nan") for r in results[:len(labels)]]
        best = max(ratios)
        cells = [("*" if v == best else "") + f"{v:.2f}" for v in ratios]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()
    print("| dataset | " + " | ".join(f"tribuo ({t}) ns/call, model bytes" for t in TRAINERS)
          + " | majority ns/call | markov ns/call |")
    print("|---" * (len(TRAINERS) + 3) + "|")
    for name, results in rows:
        cells = [f"{float(r['nsPerCall']):.0f}, {int(r['stateBytes']):,}" for r in results[:len(TRAINERS)]]
        by = {r["label"]: r for r in results}
        cells += [f"{float(by['majority']['nsPerCall']):.0f}", f"{float(by['markov']['nsPerCall']):.0f}"]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
