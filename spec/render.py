#!/usr/bin/python3
"""spec/render.py OUTDIR -- the specification as one page (make spec-html).

Concatenates the clause files of spec/ in the order of spec/clauses.txt (an
area file that clauses.txt does not list is added after the last listed area),
numbers the clauses (1, 2, 2.1, ...; annexes A, B, ...), gives every clause
an anchor (#clause-5.1, #annex-A.2), every rule its ID (#UE-20) and every
decision its ID (#D-SA-1), turns each mention of a rule or decision into a link,
expands `<!-- include generated/X.md -->`, puts the generated SVG figures
inline, and under each rule lists its code, contract clause, passing tests and
vectors (from OUTDIR/trace.json, written by `spec/trace.py --json`). The result,
OUTDIR/spec.md, is turned into OUTDIR/index.html by pandoc (with a table of
contents). Links to code point into the source tree, by default relative to
OUTDIR inside the repository (SPEC_SRC overrides the base, e.g. a repository URL).
"""
import html
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC = os.path.join(ROOT, "spec")
PREFIXES = "SA|AP|TK|AK|PS|NM|UE|PC|SE|CT|TR|SP"
RULE_RE = re.compile(r"^(\s*[-*]\s*)\*\*((?:%s)-\d{2,3})\*\*(.*)$" % PREFIXES)
DEC_RE = re.compile(r"^(\s*[-*]\s*)\*\*(D-(?:[A-Z]{2,4}-)?\d{1,2})\b")
HEAD_RE = re.compile(r"^(#{1,3})\s+(.*?)\s*$")
NUM_RE = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[A-Z](?:\.\d+)+)\s+")
FIG_RE = re.compile(r"^!\[(.*)\]\((generated/[\w.-]+\.svg)\)\s*$")
INCLUDE_RE = re.compile(r"^<!-- include (generated/[\w.-]+\.md) -->\s*$")
NOT_CLAUSES = ("README.md",)


def clause_files():
    listed, areas_end = [], 0
    with open(os.path.join(SPEC, "clauses.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("# after the areas"):
                areas_end = len(listed)
            if not line or line.startswith("#"):
                continue
            listed.append(line)
    extra = sorted(n for n in os.listdir(SPEC)
                   if n.endswith(".md") and n not in listed and n not in NOT_CLAUSES)
    for n in extra:
        print("render: %s is not in spec/clauses.txt: added after the areas" % n, file=sys.stderr)
    return listed[:areas_end] + extra + listed[areas_end:]


def src_link(path, line=None):
    """a link into the source tree; SPEC_LINKS=installed maps the files that
    `make install` installs (headers, vectors) to their installed place
    beside share/doc/itls and gives "" for the others (no link)."""
    if os.environ.get("SPEC_LINKS") == "installed":
        if path.startswith("ref/include/itls/"):
            return "../../../include/itls/" + path[len("ref/include/itls/"):]
        if path.startswith("vectors/") and path.count("/") == 1:
            return "../../itls/" + path
        return ""
    base = os.environ.get("SPEC_SRC", "../../")
    return "%s%s%s" % (base, path, "#L%d" % line if line else "")


def link(text, path, line=None):
    target = src_link(path, line)
    return "[%s](%s)" % (text, target) if target else text


def md_code(s):
    return s.replace("`", "")


def trace_line(rid, t):
    """the links under a rule: code, contract, tests, vectors."""
    if t is None:
        return "*Trace:* no data (run `make test`, then `make spec-html`)."
    parts = []
    seen = []
    for c in t["code"]:
        key = (c["file"], c["function"])
        if key in seen or c["file"].startswith(("ref/cli/", "ref/sim/", "ref/tls/")):
            continue
        seen.append(key)
        parts.append(link("`%s`" % md_code(c["function"]), c["file"], c["line"]))
    out = ["*Code:* " + (", ".join(parts[:6]) + (" and %d more" % (len(parts) - 6) if len(parts) > 6 else "")
                         if parts else "the command and simulator only (Annex C)")]
    con = []
    for c in t["contract"]:
        label = "%s%s" % (md_code(c["function"]), ", proved" if c["proved"] else "")
        con.append(link(label, c["file"], c["line"]))
    if con:
        out.append("*Contract:* " + ", ".join(dict.fromkeys(con)))
    tests = t["tests"]
    crit = [x for x in tests if x["kind"] == "criterion"]
    cli = [x for x in tests if x["kind"] == "cli"]
    tl = []
    for x in crit[:4]:
        tl.append(link("`%s`" % x["test"], x["where"]))
    if len(crit) > 4:
        tl.append("%d more" % (len(crit) - 4))
    scripts = {}
    for x in cli:
        scripts[x["where"]] = scripts.get(x["where"], 0) + 1
    for w, n in sorted(scripts.items()):
        tl.append("%s (%d)" % (link(os.path.basename(w), w), n))
    out.append("*Passed:* " + (", ".join(tl) if tl else "none recorded"))
    vec = {}
    for v in t["vectors"]:
        vec[v["file"]] = vec.get(v["file"], 0) + 1
    if vec:
        out.append("*Vectors:* " + ", ".join("%s (%d)" % (link(os.path.basename(f), f), n)
                                             for f, n in sorted(vec.items())))
    out.append("[Annex C](#trace-%s)" % rid)
    return " · ".join(out)


def inline_svg(path, fig_id):
    with open(path, encoding="utf-8") as f:
        svg = f.read()
    svg = re.sub(r"<\?xml.*?\?>", "", svg, flags=re.S)
    svg = re.sub(r"<!DOCTYPE.*?>", "", svg, flags=re.S)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r'\bid="([^"]+)"', lambda m: 'id="%s-%s"' % (fig_id, m.group(1)), svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', lambda m: 'xlink:href="#%s-%s"' % (fig_id, m.group(1)), svg)
    svg = re.sub(r"<svg ", '<svg role="img" ', svg, count=1)
    return "\n".join(l for l in svg.split("\n") if l.strip())


def link_ids(text, rules, decisions):
    """mentions of rules and decisions become links; code spans are left alone."""
    out = []
    for i, part in enumerate(re.split(r"(`[^`]*`)", text)):
        if i % 2:
            out.append(part)
            continue
        part = re.sub(r"(?<![\w\-\[#/])((?:%s)-\d{2,3})(?![\w\]])" % PREFIXES,
                      lambda m: "[%s](#%s)" % (m.group(1), m.group(1)) if m.group(1) in rules
                      else m.group(1), part)
        part = re.sub(r"(?<![\w\-\[#/])(D-(?:[A-Z]{2,4}-)?\d{1,2})(?![\w\]-])",
                      lambda m: "[%s](#%s)" % (m.group(1), m.group(1)) if m.group(1) in decisions
                      else m.group(1), part)
        out.append(part)
    return "".join(out)


def main():
    if len(sys.argv) != 2:
        print("usage: spec/render.py OUTDIR", file=sys.stderr)
        return 2
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    try:
        with open(os.path.join(outdir, "trace.json"), encoding="utf-8") as f:
            trace = json.load(f)
    except (OSError, ValueError):
        trace = {}
    files = clause_files()
    texts = {}
    rules, decisions = set(), set()
    for name in files:
        with open(os.path.join(SPEC, name), encoding="utf-8") as f:
            texts[name] = f.read().split("\n")
        for line in texts[name]:
            m = RULE_RE.match(line)
            if m:
                rules.add(m.group(2))
            m = DEC_RE.match(line)
            if m:
                decisions.add(m.group(2))
    # first pass: numbers and anchors of every heading
    clause, annex = 0, 0
    file_anchor = {}
    out = []
    figs = 0
    for name in files:
        lines = texts[name]
        cur = None          # "5" or "A"
        sub = [0, 0]
        in_fence = False
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.startswith("```"):
                in_fence = not in_fence
                out.append(line)
                i += 1
                continue
            if in_fence:
                out.append(line)
                i += 1
                continue
            m = HEAD_RE.match(line)
            if m:
                level, title = len(m.group(1)), NUM_RE.sub("", m.group(2))
                if level == 1:
                    am = re.match(r"Annex [A-Z]\b\s*(.*)$", title)
                    if am:
                        annex += 1
                        cur = chr(ord("A") + annex - 1)
                        num, anchor = "Annex %s" % cur, "annex-%s" % cur
                        title = am.group(1)
                    else:
                        clause += 1
                        cur = str(clause)
                        num, anchor = cur, "clause-%s" % cur
                    sub = [0, 0]
                    file_anchor.setdefault(name, anchor)
                    out.append("# %s %s {#%s}" % (num, link_ids(title, rules, decisions), anchor))
                else:
                    if level == 2:
                        sub = [sub[0] + 1, 0]
                        num = "%s.%d" % (cur, sub[0])
                    else:
                        sub[1] += 1
                        num = "%s.%d.%d" % (cur, sub[0], sub[1])
                    anchor = ("annex-" if cur.isalpha() else "clause-") + num
                    out.append("%s %s %s {#%s}" % (m.group(1), num, link_ids(title, rules, decisions),
                                                   anchor))
                i += 1
                continue
            m = INCLUDE_RE.match(line)
            if m:
                with open(os.path.join(SPEC, m.group(1)), encoding="utf-8") as f:
                    inc = f.read().split("\n")
                if inc and inc[0].startswith("# "):
                    inc = inc[1:]
                out.extend(inc)
                i += 1
                continue
            m = FIG_RE.match(line)
            if m:
                figs += 1
                cap = m.group(1)
                fm = re.match(r"Figure ([\w.-]+):", cap)
                fig_id = "figure-%s" % (fm.group(1) if fm else figs)
                caphtml = re.sub(r"`([^`]*)`", r"<code>\1</code>", html.escape(cap, quote=False))
                out.append("```{=html}")
                out.append('<figure id="%s" class="figure">' % fig_id)
                out.append(inline_svg(os.path.join(SPEC, m.group(2)), fig_id))
                out.append("<figcaption>%s</figcaption>" % caphtml)
                out.append("</figure>")
                out.append("```")
                i += 1
                continue
            m = RULE_RE.match(line)
            if m:
                # a rule spans its continuation lines (indented by two spaces, up to a
                # blank line or the next rule); they are linked as one text, so that a
                # code span wrapped over two lines stays a code span
                j = i + 1
                while j < len(lines) and lines[j].startswith("  ") and lines[j].strip() \
                        and not RULE_RE.match(lines[j]):
                    j += 1
                rid = m.group(2)
                body = link_ids("\n".join([m.group(3)] + lines[i + 1:j]), rules, decisions)
                out.append("%s[**%s**]{#%s .rule}%s" % (m.group(1), rid, rid, body))
                out.append("  \\")
                out.append("  [%s]{.trace}" % trace_line(rid, trace.get(rid) if trace else None))
                i = j
                continue
            m = DEC_RE.match(line)
            if m:
                did = m.group(2)
                rest = line[m.end():]
                out.append("%s[**%s**]{#%s .decision}**%s" % (m.group(1), did, did,
                                                              link_ids(rest, rules, decisions)))
                i += 1
                continue
            tm = re.match(r"^\| \[((?:%s)-\d{2,3})\]\(#\1\) \|(.*)$" % PREFIXES, line)
            if tm and name == "traceability.md":
                out.append("| [[%s](#%s)]{#trace-%s} |%s" % (tm.group(1), tm.group(1), tm.group(1),
                                                             tm.group(2)))
                i += 1
                continue
            out.append(link_ids(line, rules, decisions))
            i += 1
        out.append("")
    text = "\n".join(out)
    # links between the files of spec/ become links between clauses
    text = re.sub(r"\]\(([\w-]+\.md)\)",
                  lambda m: "](#%s)" % file_anchor[m.group(1)] if m.group(1) in file_anchor
                  else "](%s)" % (src_link("spec/" + m.group(1)) or "#"), text)
    text = re.sub(r"\]\((generated/[^)]*)\)",
                  lambda m: "](%s)" % (src_link("spec/" + m.group(1)) or "#"), text)
    md = os.path.join(outdir, "spec.md")
    with open(md, "w", encoding="utf-8") as f:
        f.write(text)
    css = os.path.join(outdir, "style.html")
    with open(css, "w", encoding="utf-8") as f:
        f.write("""<style>
body { max-width: 62em; margin: 0 auto; padding: 1em 2em; font: 15px/1.45 sans-serif; color: #111; }
h1 { font-size: 1.5em; border-bottom: 1px solid #bbb; margin-top: 2em; }
h2 { font-size: 1.2em; margin-top: 1.5em; } h3 { font-size: 1.05em; }
code, pre { font-size: 0.88em; } pre { background: #f6f6f6; padding: 0.6em; white-space: pre-wrap;
  word-break: break-all; border-left: 3px solid #ccc; }
table { border-collapse: collapse; font-size: 0.86em; margin: 0.8em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.45em; vertical-align: top; }
.rule { scroll-margin-top: 1em; } .trace { font-size: 0.82em; color: #555; }
figure { margin: 1.2em 0; text-align: center; } figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; font-style: italic; margin-top: 0.4em; }
nav#TOC { font-size: 0.9em; } nav#TOC ul { list-style: none; padding-left: 1.2em; }
:target { background: #fff3b0; }
</style>
""")
    cmd = ["pandoc", "-f", "markdown-implicit_figures", "-t", "html5", "-s", "--toc",
           "--toc-depth=2", "--metadata", "title=itls-ref: TLS-based access security for the IMS",
           "--metadata", "subtitle=Specification (rules, decisions, sources, traceability)",
           "--metadata", "lang=en", "-H", css, "-o", os.path.join(outdir, "index.html"), md]
    subprocess.run(cmd, check=True)
    print("render: %d clauses, %d annexes, %d rules, %d figures -> %s"
          % (clause, annex, len(rules), figs, os.path.join(outdir, "index.html")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
