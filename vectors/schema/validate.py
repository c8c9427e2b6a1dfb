#!/usr/bin/python3
"""Validate every vectors/NAME.json against vectors/schema/NAME.schema.json (make test).

Also checks what a schema cannot say: numberOfTests is the number of records, tc counts
1, 2, 3, ..., specVersion is the project's VERSION, and every key has one JSON type in
every record of every file. A negative control (a record with tc as a string) must be
refused, so that a validator that accepts everything cannot pass. Uses Debian's
python3-jsonschema. Prints the figures; exit status 1 on any error.
"""
import copy
import glob
import json
import os
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
VEC = os.path.dirname(HERE)


def main():
    with open(os.path.join(VEC, "..", "VERSION"), encoding="ascii") as f:
        version = f.read().strip()
    errors, records, files = 0, 0, 0
    types = {}
    for path in sorted(glob.glob(os.path.join(VEC, "*.json"))):
        name = os.path.basename(path)[:-len(".json")]
        with open(os.path.join(HERE, name + ".schema.json"), encoding="utf-8") as f:
            schema = json.load(f)
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        v = cls(schema)
        errs = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
        for e in errs[:10]:
            print("%s: %s: %s" % (name, "/".join(str(p) for p in e.path), e.message[:200]))
        errors += len(errs)
        recs = doc.get("records", [])
        if doc.get("numberOfTests") != len(recs):
            print("%s: numberOfTests %r, %d records" % (name, doc.get("numberOfTests"), len(recs)))
            errors += 1
        if doc.get("specVersion") != version:
            print("%s: specVersion %r, VERSION says %s" % (name, doc.get("specVersion"), version))
            errors += 1
        for i, r in enumerate(recs):
            if r.get("tc") != i + 1:
                print("%s: record %d has tc %r" % (name, i + 1, r.get("tc")))
                errors += 1
            for k, val in r.items():
                types.setdefault(k, set()).add(type(val).__name__)
        bad = copy.deepcopy(doc)
        bad["records"][0]["tc"] = str(bad["records"][0]["tc"])
        if not any(True for _ in v.iter_errors(bad)):
            print("%s: negative control: the schema accepts tc as a string" % name)
            errors += 1
        records += len(recs)
        files += 1
    mixed = {k: sorted(t) for k, t in types.items() if len(t) != 1}
    for k, t in sorted(mixed.items()):
        print("key %s has %d JSON types: %s" % (k, len(t), ", ".join(t)))
    errors += len(mixed)
    print("vectors-schema: %d files, %d records, %d keys, %d key(s) with more than one JSON "
          "type, %d errors" % (files, records, len(types), len(mixed), errors))
    return 1 if errors or files == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
