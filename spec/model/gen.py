#!/usr/bin/env python3
"""spec/model/gen.py -- write the Promela model of I-TLS from the C tables.

usage: gen.py --itls build/itls [--mutant NAME] [--out FILE]
       gen.py --ue-table ue.md --pc-table pc.md [...]
       gen.py --list-mutants

The rows (state, event, guard order, next state, steps) are read from the
markdown that `itls demo --table ue|pcscf` prints from itls_ue_table and
itls_pc_table; nothing about them is written here. Each guard and step
name is looked up in spec/model/semantics.txt; a name that has no meaning
there stops the generator (exit 2). The environment (channels, S-CSCF/HSS,
attacker, property monitors) is spec/model/env.pml; the tables go where it
says @@TABLES@@. A mutant (spec/model/mutants.txt) replaces lines of the
semantic map before the model is written.
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def die(msg):
    sys.stderr.write("gen.py: %s\n" % msg)
    sys.exit(2)


def ident(name):
    return re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").upper()


def parse_table(text, what):
    rows, states, events = [], None, None
    for line in text.splitlines():
        m = re.match(r"^\| *(\d+) \| (.*) \|$", line)
        if m:
            cells = [c.strip() for c in m.group(2).split(" | ")]
            if len(cells) != 5:
                die("%s table: row %s has %d cells" % (what, m.group(1), len(cells)))
            st, ev, g, nx, steps = cells
            rows.append({"n": int(m.group(1)), "state": st, "event": ev, "guard": g,
                         "next": nx, "steps": [s.strip() for s in steps.split(", ") if s.strip() not in ("", "-")]})
        elif line.startswith("States:"):
            states = re.findall(r"`([^`]+)`", line)
        elif line.startswith("Events:"):
            events = re.findall(r"`([^`]+)`", line)
    if not rows or not states or not events:
        die("%s table: no rows, states or events found" % what)
    for i, r in enumerate(rows):
        if r["n"] != i:
            die("%s table: row %d out of order" % (what, r["n"]))
        for k in ("state", "next"):
            if r[k] not in states:
                die("%s table: row %d: unknown state %s" % (what, i, r[k]))
        if r["event"] not in events:
            die("%s table: row %d: unknown event %s" % (what, i, r["event"]))
    return rows, states, events


LINE = re.compile(r'^(ue|pc) (guard|step) "([^"]*)" = (.*)$')


def parse_sem(lines, where, sem):
    for no, line in lines:
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        m = LINE.match(s)
        if m:
            sem[(m.group(1), m.group(2), m.group(3))] = m.group(4).strip()
            continue
        m = re.match(r"^define (\w+) (.*)$", s)
        if m:
            sem[("define", m.group(1))] = m.group(2).strip()
            continue
        m = re.match(r"^inline (\w+) = (.*)$", s)
        if m:
            sem[("inline", m.group(1))] = m.group(2).strip()
            continue
        die("%s:%d: cannot read: %s" % (where, no, s))


def read_mutants(path):
    muts, cur = {}, None
    with open(path) as f:
        for no, line in enumerate(f, 1):
            s = line.rstrip("\n")
            if not s.strip() or s.strip().startswith("#"):
                continue
            m = re.match(r'^mutant (\S+) "([^"]*)"$', s)
            if m:
                cur = {"name": m.group(1), "title": m.group(2), "lines": []}
                muts[cur["name"]] = cur
                continue
            if s.strip() == "end":
                cur = None
                continue
            if cur is None or not s.startswith(" "):
                die("%s:%d: cannot read: %s" % (path, no, s))
            cur["lines"].append((no, s))
    return muts


def emit_machine(who, rows, states, events, sem, out):
    W = who.upper()
    pre = {"ue": "ue", "pc": "pc"}[who]
    evv = {"ue": "ev_kind", "pc": "pev_kind"}[who]
    actor = {"ue": "UE", "pc": "P-CSCF"}[who]
    missing = []
    for r in rows:
        if (who, "guard", r["guard"]) not in sem:
            missing.append('%s guard "%s" (row %d)' % (who, r["guard"], r["n"]))
        for s in r["steps"]:
            if (who, "step", s) not in sem:
                missing.append('%s step "%s" (row %d)' % (who, s, r["n"]))
    if missing:
        die("no semantics in spec/model/semantics.txt for:\n  " + "\n  ".join(sorted(set(missing))))
    out.append("/* ---- %s: itls_%s_table, %d rows ---- */" % (actor, who, len(rows)))
    for i, s in enumerate(states):
        out.append("#define %s_S_%s %d" % (W, ident(s), i))
    for i, e in enumerate(events):
        out.append("#define %s_E_%s %d" % (W, ident(e), i))
    # which (state, event) pairs have rows: the environment offers only those
    for e in events:
        sts = sorted({r["state"] for r in rows if r["event"] == e}, key=states.index)
        cond = " || ".join("%s_st == %s_S_%s" % (pre, W, ident(s)) for s in sts) or "0"
        out.append("#define %s_TAKES_%s (%s)" % (W, ident(e), cond))
    defs = out
    out = []
    out.append("  /* %s: the first row of (state, event) whose guard holds (itls_%s_table) */" % (actor, who))
    out.append("  %s_row = 255;" % pre)
    out.append("  if")
    pairs = []
    for r in rows:
        k = (r["state"], r["event"])
        if k not in pairs:
            pairs.append(k)
    for st, ev in pairs:
        group = [r for r in rows if (r["state"], r["event"]) == (st, ev)]
        out.append("  :: (%s_st == %s_S_%s && %s == %s_E_%s) ->" % (pre, W, ident(st), evv, W, ident(ev)))
        depth = 0
        for r in group:
            ind = "    " + "  " * depth
            out.append(ind + "if")
            out.append(ind + ":: (%s) ->" % sem[(who, "guard", r["guard"])])
            out.append(ind + "   %s_row = %d;" % (pre, r["n"]))
            out.append(ind + '   printf("@T %s|%s|%s|%s|%s|%s\\n");' % (
                actor, r["state"], r["event"], r["guard"], r["next"], ", ".join(r["steps"]) or "-"))
            for s in r["steps"]:
                out.append(ind + "   %s;" % sem[(who, "step", s)])
            out.append(ind + "   %s_st = %s_S_%s" % (pre, W, ident(r["next"])))
            out.append(ind + ":: else ->")
            depth += 1
        ind = "    " + "  " * depth
        out.append(ind + "skip")
        for d in range(depth - 1, -1, -1):
            out.append("    " + "  " * d + "fi")
    out.append("  :: else -> skip")
    out.append("  fi")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--itls")
    ap.add_argument("--ue-table")
    ap.add_argument("--pc-table")
    ap.add_argument("--mutant")
    ap.add_argument("--list-mutants", action="store_true")
    ap.add_argument("--out")
    ap.add_argument("--semantics", default=os.path.join(HERE, "semantics.txt"))
    ap.add_argument("--mutants", default=os.path.join(HERE, "mutants.txt"))
    a = ap.parse_args()
    muts = read_mutants(a.mutants)
    if a.list_mutants:
        for m in muts.values():
            print("%s\t%s" % (m["name"], m["title"]))
        return
    if a.itls:
        def table(which):
            return subprocess.run([a.itls, "demo", "--table", which], check=True,
                                  stdout=subprocess.PIPE, universal_newlines=True).stdout
        ue_md, pc_md = table("ue"), table("pcscf")
    elif a.ue_table and a.pc_table:
        ue_md, pc_md = open(a.ue_table).read(), open(a.pc_table).read()
    else:
        die("give --itls or --ue-table and --pc-table")
    sem = {}
    with open(a.semantics) as f:
        parse_sem(list(enumerate(f, 1)), os.path.basename(a.semantics), sem)
    title = "the model of the code's tables"
    if a.mutant:
        if a.mutant not in muts:
            die("no mutant %s" % a.mutant)
        m = muts[a.mutant]
        for no, line in m["lines"]:
            k = LINE.match(line.strip())
            key = None
            if k:
                key = (k.group(1), k.group(2), k.group(3))
            else:
                d = re.match(r"^(define|inline) (\w+)", line.strip())
                key = (d.group(1), d.group(2)) if d else None
            if key is None or key not in sem:
                die("mutant %s (mutants.txt:%d) replaces a line the semantic map does not have: %s"
                    % (a.mutant, no, line.strip()))
        parse_sem(m["lines"], "mutants.txt", sem)
        title = "MUTANT %s: %s" % (m["name"], m["title"])
    ue_rows, ue_st, ue_ev = parse_table(ue_md, "UE")
    pc_rows, pc_st, pc_ev = parse_table(pc_md, "P-CSCF")
    out = ["/*",
           " * spec/model/itls.pml -- GENERATED by spec/model/gen.py from itls_ue_table and",
           " * itls_pc_table (`itls demo --table`), spec/model/semantics.txt and",
           " * spec/model/env.pml. Do not edit: `make model` regenerates it and",
           " * `make model-check` fails when it is stale.",
           " * %s" % title,
           " */"]
    env = open(os.path.join(HERE, "env.pml")).read()
    if "/* @@TABLES@@ */" not in env:
        die("env.pml has no @@TABLES@@ marker")
    head, tail = env.split("/* @@TABLES@@ */", 1)
    out.append(head.rstrip("\n"))
    out.append("/* ---- the semantic map (spec/model/semantics.txt) ---- */")
    for k, v in sem.items():
        if k[0] == "define":
            out.append("#define %s (%s)" % (k[1], v))
    for k, v in sem.items():
        if k[0] == "inline":
            out.append("inline %s() { %s }" % (k[1], v))
    ue_code = emit_machine("ue", ue_rows, ue_st, ue_ev, sem, out)
    pc_code = emit_machine("pc", pc_rows, pc_st, pc_ev, sem, out)
    for mark in ("/* @@UE_STEP@@ */", "/* @@PC_STEP@@ */"):
        if mark not in tail:
            die("env.pml has no %s marker" % mark)
    tail = tail.replace("/* @@UE_STEP@@ */", "\n".join(ue_code))
    tail = tail.replace("/* @@PC_STEP@@ */", "\n".join(pc_code))
    out.append(tail.lstrip("\n"))
    text = "\n".join(out)
    if not text.endswith("\n"):
        text += "\n"
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
