#!/usr/bin/python3
"""Worst-case stack depth of every ref/core entry point.

Reads the .ci files that gcc -fcallgraph-info=su writes (one per core source),
builds the call graph with each function's own frame size, and prints, for the
exported functions (itls_*), the deepest sum of frames along any call path.
ref/core has no recursion and no indirect calls, so the graph is a DAG and the
sum is exact for our code; calls that leave ref/core (BearSSL, through
crypto.c) are counted with the frame of the caller only, and listed.

usage: stack.py DIR_WITH_CI_FILES  -> table; exit 1 if any entry > LIMIT (4096)
"""
import glob
import os
import re
import sys

LIMIT = 4096
NODE = re.compile(r'node: \{ title: "([^"]+)" label: "[^\\]*\\n[^\\]*\\n(\d+) bytes')
EDGE = re.compile(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"')


def main():
    frame, calls = {}, {}
    for path in glob.glob(os.path.join(sys.argv[1], "**", "*.ci"), recursive=True):
        text = open(path).read()
        for m in NODE.finditer(text):
            frame[m.group(1)] = int(m.group(2))
        for m in EDGE.finditer(text):
            calls.setdefault(m.group(1), set()).add(m.group(2))
    external = set()
    memo = {}

    def depth(fn, seen=()):
        if fn in memo:
            return memo[fn]
        if fn in seen:
            raise SystemExit("stack: recursion through " + fn)
        if fn not in frame:
            external.add(fn)
            return 0
        best = 0
        for callee in calls.get(fn, ()):
            best = max(best, depth(callee, seen + (fn,)))
        memo[fn] = frame[fn] + best
        return memo[fn]

    entries = sorted(f for f in frame if f.startswith("itls_"))
    worst = ("-", 0)
    for fn in entries:
        d = depth(fn)
        if d > worst[1]:
            worst = (fn, d)
    rows = sorted(((depth(f), f) for f in entries), reverse=True)
    print("stack: %d entry points; deepest %s = %d bytes (limit %d)" % (len(entries), worst[0], worst[1], LIMIT))
    for d, f in rows[:8]:
        print("  %6d  %s" % (d, f))
    ext = sorted(e for e in external if not e.startswith("__builtin"))
    if ext:
        print("  (calls leaving ref/core, frames not counted: %s)" % ", ".join(ext))
    return 1 if worst[1] > LIMIT else 0


if __name__ == "__main__":
    sys.exit(main())
