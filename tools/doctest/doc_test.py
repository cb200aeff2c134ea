#!/usr/bin/env python3
"""Doc-test harness: executes the shell blocks of README.md and docs/**/*.md and checks shown output.

The convention (also in docs/contributing-docs.md):

- A fenced block with info string ``bash`` is executed from the repository root with
  ``bash -euo pipefail``, stdin from /dev/null, after ``./numabias build``, within a time limit
  (``--timeout``, default 120 s). Each block runs in a fresh shell.
- ``<!-- doc-test: skip: REASON -->`` on the line before a ``bash`` block (blank lines allowed
  between) marks it as not runnable here; REASON is required and printed.
- A ``text`` block preceded by ``<!-- doc-test: output -->`` is compared with the standard output
  of the last ``bash`` block above it on the same page: lines are compared after stripping trailing
  blanks, leading and trailing blank lines are ignored, a line holding only ``…`` matches any number
  of lines, and ``{{ANY}}`` matches any text within a line.
- Every fence must name its language; ``sh``, ``shell``, ``console`` and ``zsh`` blocks are refused
  (write ``bash`` to have a block run, or ``text`` for output).

Exit status: 0 when every executed block passed and every marker is valid, 1 otherwise, 2 for a
usage error. Every block run or skipped is listed with its file, line and (for skips) reason.
"""
import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field

ROOT = pathlib.Path(__file__).resolve().parents[2]
SKIP_RE = re.compile(r"^\s*<!--\s*doc-test:\s*skip:(.*?)-->\s*$")
OUTPUT_RE = re.compile(r"^\s*<!--\s*doc-test:\s*output\s*-->\s*$")
ANY_MARKER_RE = re.compile(r"^\s*<!--\s*doc-test:")
FENCE_RE = re.compile(r"^(\s*)(```+|~~~+)\s*([^\s`]*)(.*)$")
REFUSED_LANGS = {"sh", "shell", "console", "zsh", "shell-session"}
ELLIPSIS = "…"
ANY = "{{ANY}}"


@dataclass
class Block:
    """One fenced block of a Markdown page, with the doc-test marker that precedes it (if any)."""
    path: pathlib.Path
    line: int  # 1-based line of the opening fence
    lang: str
    text: str
    skip_reason: str | None = None
    check_output: bool = False
    problems: list = field(default_factory=list)


def parse(path: pathlib.Path, text: str) -> list:
    """The fenced blocks of a page, with their markers; a marker that precedes no block is a problem."""
    lines = text.split("\n")
    blocks = []
    pending = None  # (kind, reason, line) of the last marker not yet attached
    i = 0
    while i < len(lines):
        line = lines[i]
        m = FENCE_RE.match(line)
        if m:
            indent, fence, lang, _rest = m.group(1), m.group(2), m.group(3), m.group(4)
            body = []
            j = i + 1
            while j < len(lines):
                close = lines[j].strip()
                if close.startswith(fence[0] * len(fence)) and close.strip(fence[0]) == "":
                    break
                body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j].lstrip())
                j += 1
            block = Block(path, i + 1, lang.lower(), "\n".join(body))
            if j >= len(lines):
                block.problems.append("unclosed fence")
            if pending:
                kind, reason, mline = pending
                if kind == "skip":
                    if block.lang != "bash":
                        block.problems.append(f"skip marker (line {mline}) before a '{block.lang or 'plain'}' block: only bash blocks run")
                    elif not reason:
                        block.problems.append(f"skip marker (line {mline}) without a reason")
                    block.skip_reason = reason or None
                elif kind == "output":
                    if block.lang != "text":
                        block.problems.append(f"output marker (line {mline}) before a '{block.lang or 'plain'}' block: use text")
                    block.check_output = True
                else:
                    block.problems.append(f"unknown doc-test marker at line {mline}")
                pending = None
            if not block.lang:
                block.problems.append("fence without a language: write bash (executed) or text, yaml, ...")
            elif block.lang in REFUSED_LANGS:
                block.problems.append(f"'{block.lang}' block: write bash (executed, or marked skip with a reason) or text")
            blocks.append(block)
            i = j + 1
            continue
        if ANY_MARKER_RE.match(line):
            if pending:
                blocks.append(Block(path, pending[2], "", "", problems=["doc-test marker not followed by a block"]))
            sm = SKIP_RE.match(line)
            if sm:
                pending = ("skip", sm.group(1).strip(), i + 1)
            elif OUTPUT_RE.match(line):
                pending = ("output", None, i + 1)
            else:
                pending = ("unknown", None, i + 1)
        elif line.strip() and pending:
            blocks.append(Block(path, pending[2], "", "", problems=["doc-test marker not followed by a block"]))
            pending = None
        i += 1
    if pending:
        blocks.append(Block(path, pending[2], "", "", problems=["doc-test marker not followed by a block"]))
    return blocks


def _line_matches(expected: str, actual: str) -> bool:
    parts = expected.split(ANY)
    pattern = ".*".join(re.escape(p) for p in parts)
    return re.fullmatch(pattern, actual) is not None


def _trim(lines: list) -> list:
    lines = [l.rstrip() for l in lines]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def output_matches(expected: str, actual: str) -> tuple:
    """(True, '') when actual matches the expected text (… lines, {{ANY}}), else (False, why)."""
    exp = _trim(expected.split("\n"))
    act = _trim(actual.split("\n"))
    memo = {}

    def match(i, j):
        key = (i, j)
        if key in memo:
            return memo[key]
        if i == len(exp):
            r = j == len(act)
        elif exp[i].strip() == ELLIPSIS:
            r = any(match(i + 1, k) for k in range(j, len(act) + 1))
        else:
            r = j < len(act) and _line_matches(exp[i], act[j]) and match(i + 1, j + 1)
        memo[key] = r
        return r

    if match(0, 0):
        return True, ""
    # the first expected line (without …) that no actual line after the previous match satisfies
    j = 0
    for i, e in enumerate(exp):
        if e.strip() == ELLIPSIS:
            continue
        k = next((k for k in range(j, len(act)) if _line_matches(e, act[k])), None)
        if k is None:
            return False, f"expected line {i + 1} not found in order: {e!r}"
        j = k + 1
    return False, "extra or missing lines (the output has lines the page does not show; end the block with … to allow them)"


def pages(args_paths) -> list:
    if args_paths:
        return [pathlib.Path(p).resolve() for p in args_paths]
    found = [ROOT / "README.md"] + sorted((ROOT / "docs").rglob("*.md"))
    return [p for p in found if p.is_file()]


def run_block(block: Block, timeout: float) -> tuple:
    """(exit code or None on timeout, stdout, stderr, seconds)."""
    env = dict(os.environ, TERM="dumb", NO_COLOR="1")
    start = time.monotonic()
    try:
        r = subprocess.run(["bash", "-euo", "pipefail", "-c", block.text], cwd=ROOT, env=env,
                           stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout,
                           start_new_session=True)
        return r.returncode, r.stdout, r.stderr, time.monotonic() - start
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        err = e.stderr.decode() if isinstance(e.stderr, bytes) else (e.stderr or "")
        return None, out, err, time.monotonic() - start


def tail(s: str, n: int = 15) -> str:
    lines = s.rstrip("\n").split("\n")
    return "\n".join("      | " + l for l in lines[-n:])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Execute the bash blocks of README.md and docs/ and check shown output.")
    ap.add_argument("pages", nargs="*", help="Markdown files (default: README.md and docs/**/*.md)")
    ap.add_argument("--timeout", type=float, default=float(os.environ.get("DOC_TEST_TIMEOUT", 120)),
                    help="seconds per block (default 120, or DOC_TEST_TIMEOUT)")
    ap.add_argument("--list", action="store_true", help="list the blocks and markers without running anything")
    ap.add_argument("--no-build", action="store_true", help="do not run ./numabias build first")
    a = ap.parse_args(argv)

    files = pages(a.pages)
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        print(f"doc-test: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    all_blocks = []
    for p in files:
        all_blocks.extend(parse(p, p.read_text(encoding="utf-8")))

    if not a.list and not a.no_build:
        print("doc-test: ./numabias build", flush=True)
        b = subprocess.run([str(ROOT / "numabias"), "build"], cwd=ROOT, stdin=subprocess.DEVNULL)
        if b.returncode != 0:
            print("doc-test: ./numabias build failed", file=sys.stderr)
            return 1
    if not a.list:
        shutil.rmtree(ROOT / "target" / "doc-test", ignore_errors=True)

    ran = skipped = failed = 0
    last_stdout = {}
    t0 = time.monotonic()
    for blk in all_blocks:
        where = f"{blk.path.relative_to(ROOT)}:{blk.line}"
        if blk.problems:
            failed += 1
            for pr in blk.problems:
                print(f"INVALID {where}: {pr}", flush=True)
            continue
        if blk.lang == "bash":
            if blk.skip_reason:
                skipped += 1
                last_stdout[blk.path] = None
                print(f"SKIP    {where}: {blk.skip_reason}", flush=True)
                continue
            if a.list:
                print(f"RUN     {where}", flush=True)
                last_stdout[blk.path] = ""
                continue
            code, out, err, secs = run_block(blk, a.timeout)
            ran += 1
            last_stdout[blk.path] = out
            if code == 0:
                print(f"PASS    {where} ({secs:.1f} s)", flush=True)
            else:
                failed += 1
                why = f"timed out after {a.timeout:.0f} s" if code is None else f"exit {code}"
                print(f"FAIL    {where}: {why} ({secs:.1f} s)", flush=True)
                print("      $ " + blk.text.replace("\n", "\n      $ "))
                if out.strip():
                    print("      stdout:\n" + tail(out))
                if err.strip():
                    print("      stderr:\n" + tail(err))
        elif blk.check_output:
            if blk.path not in last_stdout:
                failed += 1
                print(f"INVALID {where}: output marker with no bash block above it on the page", flush=True)
            elif last_stdout[blk.path] is None:
                failed += 1
                print(f"INVALID {where}: output marker after a skipped block: nothing to compare", flush=True)
            elif a.list:
                print(f"OUTPUT  {where}", flush=True)
            else:
                ok, why = output_matches(blk.text, last_stdout[blk.path])
                if ok:
                    print(f"PASS    {where} (output matches)", flush=True)
                else:
                    failed += 1
                    print(f"FAIL    {where}: output differs: {why}", flush=True)
                    print("      actual output:\n" + tail(last_stdout[blk.path], 40))
    verb = "listed" if a.list else f"ran {ran}"
    print(f"doc-test: {len(files)} pages, {verb} bash blocks, skipped {skipped}, "
          f"{failed} failed or invalid ({time.monotonic() - t0:.0f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
