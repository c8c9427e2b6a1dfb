"""Writer for the record format of vectors/FORMAT.md (shared by every gen_*.py)."""
import json
import os

_SAFE = set(range(0x21, 0x7F)) | {0x20}


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
    """

    def __init__(self, name, header_lines):
        self.name = name
        self.header = header_lines
        self.records = []

    def add(self, op, comment, result, fields, reason=None):
        tc = len(self.records) + 1
        rec = [("tc", str(tc)), ("op", op), ("comment", comment)]
        rec += list(fields)
        rec.append(("result", result))
        if result == "invalid":
            assert reason is not None, "invalid vectors need a reason"
            rec.append(("reason", reason))
        self.records.append(rec)
        return tc

    def write(self, outdir):
        lines = ["# " + h if h else "#" for h in self.header]
        lines.append("")
        jrecs = []
        for rec in self.records:
            j = {}
            for key, value in rec:
                if isinstance(value, str):
                    value = value.encode("utf-8")
                if _needs_hex(value) or b"\n" in value or b"\r" in value:
                    lines.append("%s_hex = %s" % (key, value.hex()))
                else:
                    lines.append("%s = %s" % (key, value.decode("latin-1")))
                j.setdefault(key, []).append(value.decode("latin-1"))
            lines.append("")
            jrecs.append({k: (v[0] if len(v) == 1 else v) for k, v in j.items()})
        with open(os.path.join(outdir, self.name + ".txt"), "w", encoding="latin-1", newline="\n") as f:
            f.write("\n".join(lines))
        with open(os.path.join(outdir, self.name + ".json"), "w", encoding="utf-8", newline="\n") as f:
            json.dump({"file": self.name + ".txt", "records": jrecs}, f, indent=1, sort_keys=False)
            f.write("\n")
