#!/usr/bin/env python3
"""Every built-in predictor, with key=device (its default) and key=flow, on bundled captures.

For each capture: `numabias datasets materialize` (the catalog's import, projection cpu-as-node),
`numabias stats --format json` and `numabias compare --format json` with every built-in predictor
and a key=flow variant of each one that has a key. Writes NAME.compare.json and NAME.stats.json to
the output folder and prints, per capture, the localByteRatio of each run and the best non-oracle
run with each key (the README's "Real-server captures" table comes from this output).

Predictors with a required parameter (tribuo needs a model) are left out, as `compare` without -p does.

Usage (from the repository root): datasets/recordings/compare-captures.py [-o DIR] [NAME...]
(no NAME: every capture in the catalog's index.txt)
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
INDEX = ROOT / "datasets/src/main/resources/org/numabias/datasets/recorded/index.txt"


def numabias(*args):
    r = subprocess.run([str(ROOT / "numabias"), *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"numabias {' '.join(args)} failed ({r.returncode}):\n{r.stderr}")
    return r.stdout


def specs():
    listed = json.loads(numabias("predictors", "--format", "json"))["predictors"]
    out = []
    for p in listed:
        if p["origin"] != "built-in":
            continue
        if any(q["default"] == "" for q in p["parameters"]):
            continue  # a required parameter (tribuo's model): not runnable on defaults, as compare without -p
        out.append(p["name"])
        if any(q["name"] == "key" and "flow" in q.get("choices", []) for q in p["parameters"]):
            out.append(p["name"] + ":key=flow")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", default=str(ROOT / "numabias-out/captures"))
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    names = a.names or [l.split("|")[0].strip() for l in INDEX.read_text().splitlines()
                        if l.strip() and not l.startswith("#")]
    out = pathlib.Path(a.output)
    out.mkdir(parents=True, exist_ok=True)
    runs = specs()
    print("localByteRatio per run; best = every non-oracle run with the highest localByteRatio (to 2 decimals) with that key")
    print("cross = share of consumed bytes read on another CPU than the one that received them\n")
    print("| capture | consumes | cross | " + " | ".join(runs) + " |")
    print("|---|---:|---:|" + "---:|" * len(runs))
    best = []
    for name in names:
        with tempfile.TemporaryDirectory() as tmp:
            trace = pathlib.Path(tmp) / "trace"
            numabias("datasets", "materialize", name, "-o", str(trace))
            stats = numabias("stats", str(trace), "--format", "json")
            args = ["compare", str(trace), "--format", "json"]
            for s in runs:
                args += ["-p", s]
            compare = numabias(*args)
        (out / f"{name}.stats.json").write_text(stats)
        (out / f"{name}.compare.json").write_text(compare)
        st = json.loads(stats)
        pairs = st["bytesByNodePair"]
        total = sum(map(sum, pairs))
        cross = sum(v for i, row in enumerate(pairs) for j, v in enumerate(row) if i != j)
        by_label = {r["label"]: r for r in json.loads(compare)["results"]}
        lbr = {s: by_label[s]["localByteRatio"] for s in runs}
        cells = ["-" if lbr[s] is None else f"{lbr[s]:.2f}" for s in runs]
        print(f"| {name} | {st['consumes']} | {cross / total if total else 0:.2f} | " + " | ".join(cells) + " |")
        row = [name]
        for flow in (False, True):
            cands = [s for s in runs if s != "oracle" and s.endswith(":key=flow") == flow and lbr[s] is not None]
            top = round(max(lbr[s] for s in cands), 2)
            row.append(", ".join(s.removesuffix(":key=flow") for s in cands if round(lbr[s], 2) == top) + f" ({top:.2f})")
        best.append(row)
    print("\n| capture | best with key=device | best with key=flow |")
    print("|---|---|---|")
    for row in best:
        print("| " + " | ".join(row) + " |")
    print(f"\nJSON per capture in {out}")


if __name__ == "__main__":
    main()
