#!/usr/bin/python3
"""tests/fuzz/seed.py KIND OUTDIR -- write the seed corpus of one fuzz target
from the repository's vectors (tests/fuzz/run.sh; the KIND is the `seeds=`
of the target's "fuzz-config:" line). Every seed comes from vectors/ (the
independent generator's files and certificates) or, for SIP messages, from
the ladders in spec/generated/.

Kinds: vectors:AREA[+AREA] (header values and inputs of vectors/AREA.txt),
certs (vectors/certs/*.der), pem (the same, written as PEM), sa-pairs
(Security-Server and Security-Verify values, LF between), sm7 (SM7
credentials: 20 bytes of choices, then the texts), naming-names (names,
realms, domains), naming-trust (name, LF, trust domain), imsi (MNC-length
byte, capacity byte, IMSI), sip (messages), records (records of every
vector file), token (fuzz_token.c's layout from vectors/token.txt)."""
import base64
import glob
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
V = os.path.join(ROOT, "vectors")


def records(path):
    rec = []
    for line in open(path, encoding="latin-1"):
        line = line.rstrip("\n")
        if not line:
            if rec:
                yield rec
            rec = []
        elif not line.startswith("#"):
            k, _, v = line.partition(" = ")
            rec.append((k, v))
    if rec:
        yield rec


def get(rec, key):
    return [v for k, v in rec if k == key]


def main():
    kind, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    seeds = []
    extra = 0   # seeds a kind writes itself
    if kind.startswith("vectors:"):
        for area in kind[8:].split("+"):
            p = os.path.join(V, area + ".txt")
            for rec in records(p):
                for k, v in rec:
                    if k in ("input", "client", "server", "verify", "client1", "client2"):
                        seeds.append(v.encode("latin-1"))
                    elif k == "input_hex":
                        seeds.append(bytes.fromhex(v))
    elif kind in ("certs", "pem"):
        for f in sorted(glob.glob(os.path.join(V, "certs", "*.der"))):
            der = open(f, "rb").read()
            if kind == "certs":
                seeds.append(der)
            else:
                b = base64.b64encode(der).decode()
                lines = [b[i:i + 64] for i in range(0, len(b), 64)]
                seeds.append(("-----BEGIN CERTIFICATE-----\n" + "\n".join(lines)
                              + "\n-----END CERTIFICATE-----\n").encode())
                seeds.append(der)
    elif kind == "sa-pairs":
        for rec in records(os.path.join(V, "secagree.txt")):
            s, v = get(rec, "server"), get(rec, "verify")
            for x in s:
                x = re.sub(r"^[Ss]ecurity-[Ss]erver:\s*", "", x)
                seeds.append((x + "\n" + x).encode("latin-1"))
                for y in v:
                    y = re.sub(r"^[Ss]ecurity-[Vv]erify:\s*", "", y)
                    seeds.append((x + "\n" + y).encode("latin-1"))
    elif kind == "sm7":
        for rec in records(os.path.join(V, "aka.txt")):
            if get(rec, "op") != ["aka-response"]:
                continue
            alg = {"AKAv1-MD5": 1, "AKAv2-MD5": 2}.get((get(rec, "algorithm") or [""])[0], 0)
            qop = {"auth": 1, "auth-int": 2}.get((get(rec, "qop") or [""])[0], 0)
            head = bytes([alg, qop, 4, 1, 0, 0, 0, 0, 1]) + bytes(range(11))
            texts = [get(rec, k)[0] if get(rec, k) else "" for k in
                     ("username", "realm", "nonce", "uri", "response", "cnonce")]
            seeds.append(head + "\n".join(texts).encode("latin-1"))
    elif kind in ("naming-names", "naming-trust"):
        for rec in records(os.path.join(V, "naming.txt")):
            names = get(rec, "name") + get(rec, "realm") + get(rec, "impi") + get(rec, "impu")
            doms = get(rec, "domain") + get(rec, "trust")
            if kind == "naming-names":
                seeds += [x.encode("latin-1") for x in names + doms]
            else:
                for n in names:
                    for d in doms or ["ims.com"]:
                        seeds.append((n + "\n" + d).encode("latin-1"))
    elif kind == "imsi":
        for rec in records(os.path.join(V, "naming.txt")):
            for imsi in get(rec, "imsi"):
                m = (get(rec, "mnc_digits") or ["2"])[0]
                mnc = int(m) if m.isdigit() else 1
                seeds.append(bytes([mnc % 256, 0x80]) + imsi.encode("latin-1"))
    elif kind == "sip":
        for f in sorted(glob.glob(os.path.join(ROOT, "spec", "generated", "ladder-*.txt"))):
            msg = None
            for line in open(f, encoding="utf-8"):
                m = re.match(r"^[ |*<>~=\-]+SM\d+ (.*?)  \[", line)
                if m:
                    if msg:
                        seeds.append(("\r\n".join(msg) + "\r\nContent-Length: 0\r\n\r\n").encode())
                    msg = [m.group(1)]
                    continue
                m = re.match(r"^[ |*]+ {6,}([A-Za-z-]+: .*)$", line.rstrip("\n"))
                if msg is not None and m:
                    msg.append(m.group(1))
            if msg:
                seeds.append(("\r\n".join(msg) + "\r\nContent-Length: 0\r\n\r\n").encode())
        for rec in records(os.path.join(V, "secagree.txt")):
            for v in get(rec, "input")[:1]:
                seeds.append(("REGISTER sip:ims.com SIP/2.0\r\n" + v + "\r\n\r\n").encode("latin-1"))
    elif kind == "token":
        # fuzz_token.c's layout: byte 0 (operation, profile), IK, CK, the rest
        for rec in records(os.path.join(V, "token.txt")):
            try:
                ik = bytes.fromhex((get(rec, "ik") or ["00" * 16])[0])[:16].ljust(16, b"\0")
                ck = bytes.fromhex((get(rec, "ck") or ["00" * 16])[0])[:16].ljust(16, b"\0")
            except ValueError:
                continue
            prof = 1 if get(rec, "profile") == ["kdf"] else 0
            for c in get(rec, "cert"):
                p = os.path.join(V, "certs", c)
                if os.path.exists(p):
                    seeds.append(bytes([prof]) + ik + ck + open(p, "rb").read())
            for t in get(rec, "s_token") + get(rec, "c_token"):
                seeds.append(bytes([prof | 2]) + ik + ck + t.encode("latin-1"))
    elif kind == "ue":
        # fuzz_ue's own input format: tests/fuzz/ue_seeds.py writes the seeds
        # (the two attacks of issue 10, every Security-Server of the vectors)
        import subprocess
        before = len(os.listdir(out))
        subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "ue_seeds.py"), out],
                       check=True, stdout=subprocess.DEVNULL)
        extra = len(os.listdir(out)) - before
    elif kind == "pcscf":
        # fuzz_pcscf's own input format: tests/fuzz/seed_pcscf.py writes the seeds
        # (attacks 3 and 4 of issue 10, the success paths, re-registration)
        import subprocess
        before = len(os.listdir(out))
        subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "seed_pcscf.py"), out],
                       check=True, stdout=subprocess.DEVNULL)
        extra = len(os.listdir(out)) - before
    elif kind == "records":
        for f in sorted(glob.glob(os.path.join(V, "*.txt"))):
            for rec in records(f):
                seeds.append("\n".join(k + " = " + v if v != "" else k + " =" for k, v in rec)
                             .encode("latin-1") + b"\n")
    else:
        sys.exit("seed.py: unknown kind " + kind)
    seen = set()
    n = 0
    for s in seeds:
        if s in seen:
            continue
        seen.add(s)
        n += 1
        open(os.path.join(out, "v%05d" % n), "wb").write(s)
    print(n + extra)


main()
