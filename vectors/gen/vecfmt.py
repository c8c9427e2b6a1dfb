"""Writer for the record format of vectors/FORMAT.md (shared by every gen_*.py)."""
import json
import os
import re

# The version of the vector format and of this generator (FORMAT.md, "Versions"):
# bump it when a key, a type or a rule of FORMAT.md changes.
GENERATOR_VERSION = "2.0"

_ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
_CERTS = os.path.join(_ROOT, "vectors", "certs")


def spec_version():
    """The one version of the project (VERSION at the top of the repository)."""
    with open(os.path.join(_ROOT, "VERSION"), encoding="ascii") as f:
        return f.read().strip()


_SAFE = set(range(0x21, 0x7F)) | {0x20}

# keys that may repeat inside a record: in JSON they are always lists (FORMAT.md)
LIST_KEYS = ("input", "id", "client", "server", "verify", "client1", "client2")

_AREAS = "SA|AP|TK|AK|PS|NM|UE|PC"
_RULE = re.compile(r"(?<![A-Za-z0-9-])(%s)-(\d+)(?:\s*\.\.\s*(?:\1-)?(\d+))?" % _AREAS)
_DECISION = re.compile(r"(?<![A-Za-z0-9-])D-(%s)-(\d+)" % _AREAS)


def rule_ids(text):
    """Rule IDs named in text, in order, ranges "NM-02..NM-07" expanded."""
    out = []
    for m in _RULE.finditer(text):
        area, first, last = m.group(1), m.group(2), m.group(3)
        width = len(first)
        nums = range(int(first), int(last) + 1) if last else [int(first)]
        for n in nums:
            rid = "%s-%0*d" % (area, width, n)
            if rid not in out:
                out.append(rid)
    return out


def decision_ids(text):
    out = []
    for m in _DECISION.finditer(text):
        did = "D-%s-%s" % (m.group(1), m.group(2))
        if did not in out:
            out.append(did)
    return out


def _decision_titles():
    """D-xx-n -> its title in spec/decisions.md (the bold words after the ID)."""
    titles = {}
    path = os.path.join(_ROOT, "spec", "decisions.md")
    if not os.path.exists(path):
        return titles
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"- \*\*(D-[A-Z]+-\d+)\s*(?:\([^)]*\))?\s*(.*?)\*\*", line)
            if m:
                titles[m.group(1)] = m.group(2).strip().rstrip(".")
    return titles


def _needs_hex(value: bytes) -> bool:
    if value == b"":
        return False
    if value[0] == 0x20 or value[-1] == 0x20 or value[0] == 0x09 or value[-1] == 0x09:
        return True
    return any(b not in _SAFE for b in value)


class VectorFile:
    """Collects records and writes NAME.txt and NAME.json.

    A record is a list of (key, value) pairs; value is str or bytes. Values
    that cannot be written as plain text become key_hex lines (FORMAT.md).
    Every record gets `rules` (the rule IDs in its comment, else the op's
    entry of default_rules) and `flags` (the decisions it depends on).
    """

    def __init__(self, name, header_lines, default_rules=None):
        self.name = name
        self.header = header_lines
        self.records = []
        self.default_rules = default_rules or {}

    def add(self, op, comment, result, fields, reason=None, flags=(), rules=None):
        assert result in ("valid", "invalid", "acceptable"), result
        tc = len(self.records) + 1
        if rules is None:
            rules = rule_ids(comment) or list(self.default_rules.get(op, ()))
        assert rules, "record %s/%d (%s) names no rule ID" % (self.name, tc, comment)
        fl = decision_ids(comment)
        for f in flags:
            if f not in fl:
                fl.append(f)
        rec = [("tc", tc), ("op", op), ("comment", comment), ("rules", rules), ("flags", fl)]
        rec += list(fields)
        rec.append(("result", result))
        if result == "invalid":
            assert reason is not None, "invalid vectors need a reason"
        if reason is not None:
            rec.append(("reason", reason))
        self.records.append(rec)
        return tc

    def _meta(self):
        return "generator version %s, spec version %s, %d tests (numberOfTests)" % (
            GENERATOR_VERSION, spec_version(), len(self.records))

    def write(self, outdir):
        lines = ["# " + h if h else "#" for h in self.header]
        lines.append("# " + self._meta())
        lines.append("")
        jrecs = []
        used_flags = []
        for rec in self.records:
            j = {}
            for key, value in rec:
                if key == "tc":
                    lines.append("tc = %d" % value)
                    j["tc"] = value
                    continue
                if key in ("rules", "flags"):
                    if value or key == "rules":
                        lines.append("%s = %s" % (key, " ".join(value)))
                    j[key] = list(value)
                    used_flags += [f for f in value if key == "flags" and f not in used_flags]
                    continue
                if isinstance(value, str):
                    value = value.encode("utf-8")
                if _needs_hex(value) or b"\n" in value or b"\r" in value:
                    lines.append("%s_hex = %s" % (key, value.hex()))
                else:
                    lines.append("%s = %s" % (key, value.decode("latin-1")))
                text = value.decode("latin-1")
                if key in LIST_KEYS:
                    j.setdefault(key, []).append(text)
                else:
                    assert key not in j, "key %s repeats in %s tc %d" % (key, self.name, rec[0][1])
                    j[key] = text
                if key == "cert":
                    with open(os.path.join(_CERTS, text), "rb") as f:
                        j["cert_hex"] = f.read().hex()
            lines.append("")
            jrecs.append(j)
        titles = _decision_titles()
        doc = {
            "file": self.name + ".txt",
            "schema": "schema/%s.schema.json" % self.name,
            "generatorVersion": GENERATOR_VERSION,
            "specVersion": spec_version(),
            "numberOfTests": len(jrecs),
            "header": self.header,
            "notes": {f: titles.get(f, "") for f in sorted(used_flags)},
            "records": jrecs,
        }
        with open(os.path.join(outdir, self.name + ".txt"), "w", encoding="latin-1", newline="\n") as f:
            f.write("\n".join(lines))
        with open(os.path.join(outdir, self.name + ".json"), "w", encoding="utf-8", newline="\n") as f:
            json.dump(doc, f, indent=1, sort_keys=False)
            f.write("\n")
