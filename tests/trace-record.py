#!/usr/bin/python3
"""tests/trace-record.py LOGDIR -- the record of what passed in this `make test`.

Called by tests/run-all.sh after every test has run. Reads the outputs the
runner kept in LOGDIR and writes LOGDIR/trace-record.tsv, one line per test
that ran and passed, with the rule IDs the test declares:

    kind <TAB> build <TAB> where <TAB> test <TAB> assertions <TAB> IDs

  criterion  a Criterion test (TAP output: "ok - suite::name IDS[: text]",
             the IDs being its .description; JSON output: its assertion
             count and status). A test with 0 assertions is not recorded.
  cli        a check of tests/cli/*.sh ("ok - [IDS] name"; the script sets
             RULES before a group of checks).
  vector     a record of vectors/*.txt that `itls check` ran without a FAIL
             line; its IDs are the record's `rules` key (space separated), or
             else the rule IDs named in its `comment` (never a file header).

spec/trace.py reads this file; it does not grep tests or vectors.
"""
import glob
import json
import os
import re
import sys

ID = r"(?:SA|AP|TK|AK|PS|NM|UE|PC|[A-Z]{2,3})-\d{2,3}"
IDS_RE = re.compile(r"^((?:%s)(?:\s+%s)*)(?::|$|\s)" % (ID, ID))
ONE_ID = re.compile(r"(?<![-\w])((?:SA|AP|TK|AK|PS|NM|UE|PC|SE|CT|TR|SP)-\d{2,3})\b")


def criterion(logdir, out):
    for tap in sorted(glob.glob(os.path.join(logdir, "*-test_*.tap"))):
        base = os.path.basename(tap)[:-4]           # unit-test_ue
        build, binary = base.split("-", 1)
        counts = {}
        jpath = tap[:-4] + ".json"
        try:
            with open(jpath, encoding="utf-8") as f:
                data = json.load(f)
            for suite in data.get("test_suites", []):
                for t in suite.get("tests", []):
                    counts["%s::%s" % (suite["name"], t["name"])] = (
                        t.get("status"), t.get("assertions", 0))
        except (OSError, ValueError):
            continue                                 # no JSON: nothing is recorded
        with open(tap, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r"^ok - (\S+::\S+)\s*(.*?)\s*\(\d+\.\d+s\)\s*$", line)
                if not m:
                    continue
                name, desc = m.group(1), m.group(2)
                status, asserts = counts.get(name, (None, 0))
                if status != "PASSED" or asserts <= 0:
                    continue
                ids = ""
                mm = IDS_RE.match(desc)
                if mm:
                    ids = " ".join(mm.group(1).split())
                out.append(("criterion", build, "tests/%s.c" % binary, name, str(asserts), ids))


def cli(logdir, out):
    for log in sorted(glob.glob(os.path.join(logdir, "*-cli-*.log"))):
        name = os.path.basename(log).split("-cli-", 1)[1][:-4]
        script = "tests/lib/%s.sh" % name if os.path.exists("tests/lib/%s.sh" % name) \
            else "tests/cli/%s.sh" % name
        with open(log, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r"^ok - (?:\[([^\]]*)\] )?(.*)$", line.rstrip("\n"))
                if m:
                    out.append(("cli", "-", script, m.group(2), "-",
                                " ".join((m.group(1) or "").split())))


def vector_records(path):
    """(line, {key: value}) of each record of a vector file."""
    recs, cur, start = [], {}, 0
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line:
                if cur:
                    recs.append((start, cur))
                cur = {}
                continue
            if line.startswith("#"):
                continue
            if not cur:
                start = n
            k, _, v = line.partition(" = ")
            cur[k.strip()] = v
    if cur:
        recs.append((start, cur))
    return recs


def vectors(logdir, out):
    for log in sorted(glob.glob(os.path.join(logdir, "*-vectors.log"))):
        build = os.path.basename(log).split("-", 1)[0]
        ran, failed = set(), set()
        with open(log, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r"^(\S+\.txt): (\d+) passed, (\d+) failed$", line.strip())
                if m:
                    ran.add(m.group(1))
                m = re.match(r"^(\S+\.txt):(\d+): ", line)
                if m:
                    failed.add((m.group(1), int(m.group(2))))
        for path in sorted(ran):
            if not os.path.exists(path):
                continue
            for start, rec in vector_records(path):
                if (path, start) in failed or "tc" not in rec:
                    continue
                if "rules" in rec:
                    ids = rec["rules"].split()
                else:
                    ids = ONE_ID.findall(rec.get("comment", ""))
                out.append(("vector", build, path, "tc %s (%s)" % (rec["tc"], rec.get("op", "?")),
                            "-", " ".join(dict.fromkeys(ids))))


def main():
    if len(sys.argv) != 2:
        print("usage: tests/trace-record.py LOGDIR", file=sys.stderr)
        return 2
    logdir = sys.argv[1]
    out = []
    criterion(logdir, out)
    cli(logdir, out)
    vectors(logdir, out)
    with open(os.path.join(logdir, "trace-record.tsv"), "w", encoding="utf-8") as f:
        f.write("# kind\tbuild\twhere\ttest\tassertions\tids (written by tests/trace-record.py)\n")
        for row in out:
            f.write("\t".join(x.replace("\t", " ") for x in row) + "\n")
    print("trace-record: %d passing tests and records, %d of them declare rule IDs"
          % (len(out), sum(1 for r in out if r[5])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
