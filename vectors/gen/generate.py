#!/usr/bin/python3
"""Generate every vector file of itls-ref into OUTDIR (default: vectors/).

This generator is the independent side of the project: it is written from the
RFCs, 3GPP specifications, the seeds and spec/, never from ref/. It uses the
Python standard library and Debian's python3-cryptography only, and it is
deterministic: running it twice gives the same bytes (make vectors-check).

Each gen_<area>.py module has generate(outdir, certdir) and writes its own files
(<area>.txt and <area>.json).
"""
import importlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
AREAS = ["gen_secagree", "gen_crypto", "gen_token", "gen_aka", "gen_authparam", "gen_naming"]


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..")
    certdir = os.path.join(HERE, "..", "certs")
    os.makedirs(outdir, exist_ok=True)
    sys.path.insert(0, HERE)
    for name in AREAS:
        if not os.path.exists(os.path.join(HERE, name + ".py")):
            continue
        mod = importlib.import_module(name)
        mod.generate(outdir, certdir)


if __name__ == "__main__":
    main()
