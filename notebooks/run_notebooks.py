#!/usr/bin/python3
"""Runs numabias's Jupyter notebooks headless with the Java kernel, and checks them.

Usage (through the launcher, which passes the JDK it found as JAVA_HOME):
    ./numabias notebooks [--repeat N] [NOTEBOOK.ipynb ...]

For each notebook (default: every notebooks/*.ipynb, in name order) it writes an executed copy
and an HTML rendering to notebooks/target/executed/, and fails (exit 1) if any cell errors, or if
a notebook produced no PNG image. Everything comes from the built project: the kernel jar
(notebooks/target/kernel) and the project's jars (preloaded through RJK_CLASSPATH), no network.

The rapaio kernel sometimes fails to start under load (measured here: 7 starts in 20): it opens its
sockets before its message handlers exist, or never answers. A start that fails is retried, a
bounded number of times, with a startup timeout; a cell that fails is never retried. To make the
race rarer, the runner starts the kernel itself and connects only once the kernel has logged its last
socket binding plus a short grace period; a start whose log shows the handlers' NullPointerException
is abandoned at once instead of waiting for the timeout.
"""
import argparse
import atexit
import glob
import json
import os
import re
import signal
import sys
import threading
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError
from nbconvert import HTMLExporter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "notebooks", "target")
KERNEL_NAME = "numabias-java"
START_ATTEMPTS = 6
STARTUP_TIMEOUT_S = 30
HANDLER_GRACE_S = 1.0
LAST_BINDING = "[ControlChannel]: Binding"
HANDLERS_RACE = "this.handlers\" is null"
CELL_TIMEOUT_S = 600
# Modules whose jar and runtime dependencies the kernel preloads (the CLI core and the Tribuo predictor).
CLASSPATH_MODULES = ["trace-tools", "predictors-tribuo"]


def jvm_flags():
    with open(os.path.join(ROOT, "pom.xml"), encoding="utf-8") as f:
        m = re.search(r"<numabias.jvm.flags>(.*)</numabias.jvm.flags>", f.read())
    return m.group(1).split() if m else []


def project_classpath():
    entries = []
    for module in CLASSPATH_MODULES:
        jars = [j for j in glob.glob(os.path.join(ROOT, module, "target", module + "-*.jar"))
                if not j.endswith(("-tests.jar", "-sources.jar"))]
        if not jars:
            continue
        entries.append(jars[0])
        entries.extend(sorted(glob.glob(os.path.join(ROOT, module, "target", "lib", "*.jar"))))
    seen, unique = set(), []
    for e in entries:  # one copy of each jar file name: modules share dependencies
        name = os.path.basename(e)
        if name not in seen:
            seen.add(name)
            unique.append(e)
    return unique


def write_kernelspec():
    java_home = os.environ.get("JAVA_HOME")
    if not java_home:
        sys.exit("run_notebooks: JAVA_HOME is not set (run through ./numabias notebooks)")
    kernels = glob.glob(os.path.join(TARGET, "kernel", "rapaio-jupyter-kernel-*.jar"))
    if not kernels:
        sys.exit("run_notebooks: no kernel jar in notebooks/target/kernel: build first (./numabias build)")
    classpath = project_classpath()
    if not classpath:
        sys.exit("run_notebooks: the project is not built (no trace-tools jar): run ./numabias build")
    spec_dir = os.path.join(TARGET, "jupyter", "kernels", KERNEL_NAME)
    os.makedirs(spec_dir, exist_ok=True)
    spec = {
        "argv": [os.path.join(java_home, "bin", "java"), *jvm_flags(), "-jar", kernels[0], "{connection_file}"],
        "display_name": "Java (numabias)",
        "language": "java",
        "interrupt_mode": "message",
        "env": {"RJK_CLASSPATH": ";".join(classpath), "RJK_TIMEOUT_MILLIS": "-1"},
    }
    with open(os.path.join(spec_dir, "kernel.json"), "w", encoding="utf-8") as f:
        json.dump(spec, f, indent=2)
    os.environ["JUPYTER_PATH"] = os.path.join(TARGET, "jupyter")
    return spec_dir


def executed_any(nb):
    return any(c.get("execution_count") for c in nb.cells if c.cell_type == "code")


class KernelStartError(RuntimeError):
    """The kernel process started but will not answer."""


def start_kernel(client, log_path, log):
    """Starts the kernel and returns once it has bound its sockets and had time to install its handlers."""
    client.create_kernel_manager()
    client.start_new_kernel(stdout=log, stderr=log)
    deadline = time.time() + STARTUP_TIMEOUT_S
    while time.time() < deadline:
        log.flush()
        with open(log_path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if HANDLERS_RACE in text:
            raise KernelStartError("the kernel's message handlers were not ready (NullPointerException)")
        if LAST_BINDING in text:
            time.sleep(HANDLER_GRACE_S)
            return
        time.sleep(0.1)
    raise KernelStartError(f"the kernel bound no sockets in {STARTUP_TIMEOUT_S} s")


def watch_for_race(client, log_path, stop):
    """Kills the kernel if its log shows the handlers' race before the first cell ran: the start then
    fails at once (the kernel died) instead of after the startup timeout."""
    while not stop.is_set():
        with open(log_path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if "execute_request" in text:
            return
        if HANDLERS_RACE in text:
            process = getattr(getattr(client.km, "provisioner", None), "process", None)
            if process is not None:
                process.send_signal(signal.SIGKILL)
            return
        stop.wait(0.2)


def execute(path, log_path):
    """Executes one notebook (the kernel's own output goes to log_path); returns (executed notebook, failed starts)."""
    failed_starts = 0
    for attempt in range(1, START_ATTEMPTS + 1):
        nb = nbformat.read(path, as_version=4)
        nbformat.validator.normalize(nb)
        client = NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=CELL_TIMEOUT_S,
                                startup_timeout=STARTUP_TIMEOUT_S, allow_errors=False,
                                resources={"metadata": {"path": ROOT}})
        try:
            with open(log_path, "w", encoding="utf-8") as log:
                start_kernel(client, log_path, log)
                stop = threading.Event()
                watcher = threading.Thread(target=watch_for_race, args=(client, log_path, stop), daemon=True)
                watcher.start()
                try:
                    client.execute()
                finally:
                    stop.set()
            return nb, failed_starts
        except (CellExecutionError, CellTimeoutError):
            raise
        except Exception as e:  # noqa: BLE001 - anything before the first cell ran is a failed start
            if executed_any(nb):
                raise
            if client.km is not None:
                client._cleanup_kernel()  # noqa: SLF001 - nbclient's own way to kill a kernel it started
            atexit.unregister(client._cleanup_kernel)  # noqa: SLF001 - it registered it for the start we abandoned
            failed_starts += 1
            print(f"  kernel start {attempt} failed ({type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}); retrying",
                  file=sys.stderr)
            time.sleep(1)
    raise RuntimeError(f"{path}: the kernel did not start in {START_ATTEMPTS} attempts")


def problems_of(nb):
    """Error outputs, and whether any PNG was produced."""
    errors, images = [], 0
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                errors.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            if "image/png" in out.get("data", {}):
                images += 1
            html = out.get("data", {}).get("text/html", "")
            if "data:image/png;base64" in (html if isinstance(html, str) else "".join(html)):
                images += 1
    return errors, images


def main():
    parser = argparse.ArgumentParser(description="Run numabias notebooks headless and check them.")
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: notebooks/*.ipynb)")
    parser.add_argument("--repeat", type=int, default=1, help="run everything N times (reliability measurement)")
    args = parser.parse_args()
    paths = args.notebooks or sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
    if not paths:
        sys.exit("run_notebooks: no notebooks found")
    write_kernelspec()
    out_dir = os.path.join(TARGET, "executed")
    os.makedirs(out_dir, exist_ok=True)
    failures, runs, failed_starts = [], 0, 0
    for round_ in range(1, args.repeat + 1):
        for path in paths:
            name = os.path.splitext(os.path.basename(path))[0]
            started = time.time()
            runs += 1
            try:
                nb, retried = execute(path, os.path.join(out_dir, name + ".kernel.log"))
                failed_starts += retried
            except Exception as e:  # noqa: BLE001 - reported, then the next notebook runs
                failures.append(f"{name}: {type(e).__name__}: {e}")
                print(f"FAIL {name} (round {round_}): {str(e)[:2000]}", file=sys.stderr)
                continue
            errors, images = problems_of(nb)
            if not images and not nb.metadata.get("numabias", {}).get("no_images", False):
                errors.append("no PNG image in the output")
            nbformat.write(nb, os.path.join(out_dir, name + ".ipynb"))
            html, _ = HTMLExporter().from_notebook_node(nb)
            with open(os.path.join(out_dir, name + ".html"), "w", encoding="utf-8") as f:
                f.write(html)
            status = "ok" if not errors else "FAIL"
            print(f"{status:4} {name}: {images} image(s), {time.time() - started:.1f} s"
                  + (f", {retried} failed kernel start(s) retried" if retried else ""))
            failures.extend(f"{name}: {e}" for e in errors)
    print(f"{runs} notebook run(s), {len(failures)} failure(s), {failed_starts} failed kernel start(s) retried; "
          f"executed copies and HTML in {os.path.relpath(out_dir, ROOT)}/")
    for f in failures:
        print("  " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
