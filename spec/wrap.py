#!/usr/bin/python3
"""spec/wrap.py -- wrap the rule lines of spec/*.md to at most 100 columns.

A rule is a list item that starts with its bold ID ("- **SA-07** ..."); it may
go on over continuation lines indented by two spaces (a Markdown list
continuation: pandoc renders one item). This script splits every line of a
rule that is longer than 100 columns at spaces, greedily, the pieces after the
first becoming continuation lines ("  ..."). Lines of 100 columns or fewer are
left as they are, so the author's own breaks (an enumeration "(1) ... (2) ...")
survive and a second run changes nothing. Everything that is not a rule (prose,
tables, fenced code blocks, headings) is left alone.

A line is split only at a space that lies outside a code span (`...`) and a
link ([text](target)), and never so that the next line would start with
something Markdown reads as a block (a list marker such as "-", "*", "1.",
"(a)", a heading "#", a quote ">", a table "|", a fence). When no such space
leaves a piece within 100 columns, a space inside a link text or a code span is
used; when there is none either, the line stays long (spec/trace.py reports
it).

  spec/wrap.py [FILE...]      rewrite the files (default: every spec/*.md with rules)
  spec/wrap.py --check [FILE...]  change nothing; exit 1 if a file would change
"""
import importlib.util
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("itls_trace", os.path.join(HERE, "trace.py"))
_trace = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_trace)
RULE_RE = _trace.RULE_RE
WIDTH = _trace.RULE_WIDTH
NOT_RULES = _trace.NOT_RULES
INDENT = "  "

# a word that would open a Markdown block if it began a line (pandoc markdown,
# fancy_lists, definition lists, fences, headings, quotes, tables, HTML, setext)
BLOCK_WORD = re.compile(r"^(?:[-*+:]|#+|=+|-+|[>|<].*|~~~.*|`{3}.*"
                        r"|\(?(?:\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+|#)[.)])$")


def atoms(text):
    """(start, end) of the code spans and links of text, where a break is avoided."""
    spans = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "`":
            n = len(text) - len(text[i:].lstrip("`"))
            ticks = text[i:n]
            end = text.find(ticks, n)
            while end >= 0 and text[end + len(ticks):end + len(ticks) + 1] == "`":
                end = text.find(ticks, end + len(ticks) + 1)
            if end < 0:
                i = n
                continue
            spans.append((i, end + len(ticks)))
            i = end + len(ticks)
            continue
        if c == "[":
            m = re.match(r"\[[^\[\]]*\]\([^)\s]*\)", text[i:])
            if m:
                spans.append((i, i + m.end()))
                i += m.end()
                continue
        i += 1
    return spans


def breaks(text, start):
    """candidate break positions (index of a space) after start: (outside, inside atoms)."""
    spans = atoms(text)
    outside, inside = [], []
    for k in range(start, len(text)):
        if text[k] != " " or text[k - 1] == " ":
            continue
        rest = text[k:].lstrip(" ")
        if not rest:
            continue
        word = rest.split(" ", 1)[0]
        if BLOCK_WORD.match(word):
            continue
        if any(a < k < b for a, b in spans):
            inside.append(k)
        else:
            outside.append(k)
    return outside, inside


def wrap_line(line, width=WIDTH):
    """the pieces of one rule line, each within width when the spaces allow."""
    if len(line) <= width:
        return [line]
    # the marker and the ID ("- **SA-07** ") or the continuation indent stay whole
    m = RULE_RE.match(line)
    lead = len(line) - len(line.lstrip(" "))
    first_break = line.find("** ", lead) + 2 if m else lead
    out = []
    prefix = ""
    text = line
    while len(prefix) + len(text) > width:
        outside, inside = breaks(text, max(first_break, 1))
        limit = width - len(prefix)
        cut = [k for k in outside if k <= limit]
        if not cut:
            cut = [k for k in inside if k <= limit]
        if not cut:
            # nothing fits: the first allowed break beyond the limit, else none
            later = [k for k in outside + inside if k > limit]
            if not later:
                break
            cut = [min(later)]
        k = cut[-1]
        out.append(prefix + text[:k].rstrip(" "))
        text = text[k:].lstrip(" ")
        # a rule's first line goes on two columns further in; a continuation keeps its indent
        prefix = " " * (lead + len(INDENT)) if m else line[:lead]
        first_break = 0
    out.append(prefix + text)
    return out


def wrap_text(src, width=WIDTH):
    lines = src.split("\n")
    out = []
    in_fence = False
    in_rule = False
    for line in lines:
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            in_rule = False
            out.append(line)
            continue
        if in_fence:
            out.append(line)
            continue
        if RULE_RE.match(line):
            in_rule = True
        elif not (in_rule and line.startswith(INDENT) and line.strip()):
            in_rule = False
        if in_rule and not line.lstrip().startswith("|"):
            out.extend(wrap_line(line.rstrip(" "), width) if len(line) > width else [line])
        else:
            out.append(line)
    return "\n".join(out)


def main(argv):
    check = False
    files = []
    for a in argv[1:]:
        if a == "--check":
            check = True
        elif a.startswith("-"):
            print("usage: spec/wrap.py [--check] [FILE...]", file=sys.stderr)
            return 2
        else:
            files.append(a)
    if not files:
        files = [os.path.join(HERE, n) for n in sorted(os.listdir(HERE))
                 if n.endswith(".md") and n not in NOT_RULES]
    changed = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            src = f.read()
        new = wrap_text(src)
        if new == src:
            continue
        changed += 1
        if check:
            print("wrap: %s has rule lines longer than %d columns" % (path, WIDTH))
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(new)
            print("wrap: %s rewrapped" % path)
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
